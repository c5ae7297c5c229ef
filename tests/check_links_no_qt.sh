#!/usr/bin/env bash
# musa-cli is the core alone: it must load no Qt library (issue 10's layering).
# It fails when ldd fails or lists no libraries at all, so it cannot pass by accident.
set -euo pipefail
libraries=$(ldd "$1")
grep -q 'libfluidsynth' <<<"$libraries" || { echo "ldd shows no FluidSynth: not the real musa-cli?"; exit 1; }
if grep -i 'libQt' <<<"$libraries"; then
  echo "$1 links Qt"
  exit 1
fi
echo "$1 links no Qt ($(wc -l <<<"$libraries") libraries)"
