#!/usr/bin/env bash
# Runs every Qt Test function of every test executable on its own, in a
# random order, so that no test relies on another having run before it
# (issue 12, item 6). Slow (hundreds of processes): not part of ./setup.sh test.
#   tools/run-each-test-alone.sh [BUILD_DIR]   (default build/ci)
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/ci}
export QT_QPA_PLATFORM=offscreen
failed=()
count=0
for exe in $(ls "$build"/tests/test_* | shuf); do
  [[ -x $exe && -f $exe ]] || continue
  for fn in $("$exe" -functions 2>/dev/null | sed 's/()$//' | shuf); do
    count=$((count + 1))
    if ! timeout 300 "$exe" "$fn" >/tmp/run-each-test-alone.log 2>&1; then
      failed+=("$(basename "$exe") $fn")
      echo "FAILED alone: $(basename "$exe") $fn" >&2
      grep -E "FAIL!|Loc:" /tmp/run-each-test-alone.log | head -4 >&2
    fi
  done
done
echo "$count test functions run alone, ${#failed[@]} failed"
[[ ${#failed[@]} -eq 0 ]]
