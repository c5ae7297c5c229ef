#!/usr/bin/env bash
# Fails, naming them, when C++ files differ from .clang-format (clang-format 14,
# Debian's clang-format-14). `tools/check-format.sh --fix` rewrites them instead.
set -euo pipefail
cd "$(dirname "$0")/.."
format=$(command -v clang-format-14 || command -v clang-format)
mapfile -t files < <(git ls-files '*.cpp' '*.h' ':!:tools/magentajs/**')
if [[ ${1:-} == --fix ]]; then
  "$format" -i "${files[@]}"
  exit 0
fi
differ=()
for f in "${files[@]}"; do
  "$format" --dry-run --Werror "$f" >/dev/null 2>&1 || differ+=("$f")
done
if [[ ${#differ[@]} -gt 0 ]]; then
  printf 'not formatted: %s\n' "${differ[@]}" >&2
  echo "${#differ[@]} C++ files differ from .clang-format: run tools/check-format.sh --fix" >&2
  exit 1
fi
echo "format: ${#files[@]} files match .clang-format"
