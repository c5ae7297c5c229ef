#!/usr/bin/env bash
# Saves docs/screenshot-empty.png (a fresh window) and docs/screenshot-takes.png
# (a primer and a full grid of takes) from the real app, headless.
# Usage: tools/screenshots.sh [build-dir]   (default: build/release)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build/release}"
musa="$build/app/musa"
[[ -x "$musa" ]] || { echo "no $musa: build the 'musa' target first" >&2; exit 1; }

# Offscreen rendering needs no X server; QWidget::grab paints the real widgets.
export QT_QPA_PLATFORM=offscreen
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# A fixed seed and primer, so the pictures only change when the app does.
primer="60 -2 62 -2 64 -2 65 -2 67 -2 -2 -2 64 -2 -2 -2"
"$musa" --no-audio --screenshot="$root/docs/screenshot-empty.png"
"$musa" --no-audio --seed 7 --primer "$primer" --generate-on-start --screenshot="$root/docs/screenshot-takes.png"
