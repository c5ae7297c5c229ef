#!/usr/bin/env bash
# Builds the libFuzzer targets with clang + libFuzzer + ASan/UBSan and runs them.
#   tests/fuzz/run.sh SECONDS [TARGET...]   each target (default: all) for SECONDS
#   tests/fuzz/run.sh TARGET [SECONDS]      one target (default 60 s)
# Targets: midi model magenta magentajs project primer_melody.
# Seeds: tests/fuzz/corpus/TARGET (committed, small, made by us) and a real file of
# that kind from tests/data; what the fuzzer finds goes to build/asan/corpus-TARGET.
# A crash, leak or input slower than FUZZ_TIMEOUT seconds (default 1) stops the run
# with the input saved as build/asan/crash-TARGET-*: commit it as a regression test.
set -euo pipefail
cd "$(dirname "$0")/../.."
all=(midi model magenta magentajs project primer_melody)
if [[ ${1:-} =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
  targets=("$@")
  [[ ${#targets[@]} -gt 0 ]] || targets=("${all[@]}")
else
  targets=("${1:?usage: tests/fuzz/run.sh SECONDS [TARGET...] | TARGET [SECONDS]}")
  seconds=${2:-60}
fi
# The `asan` build (build preset `fuzz`: only these targets) compiles them with ASan,
# UBSan and libFuzzer's coverage (tests/fuzz/CMakeLists.txt).
build=build/asan
cmake --preset asan >/dev/null
cmake --build --preset fuzz -j "${FUZZ_JOBS:-$(nproc)}" >&2

failed=()
for target in "${targets[@]}"; do
  corpus="$build/corpus-$target"
  mkdir -p "$corpus"
  case "$target" in
    midi) cp -n tests/data/*.mid "$corpus/" ;;
    model) cp -n tests/data/tiny_attention.safetensors "$corpus/" ;;
    magenta) cp -n tests/data/tiny_attention_rnn.mag "$corpus/" ;;
  esac
  seeds=()
  [[ -d tests/fuzz/corpus/$target ]] && seeds=("tests/fuzz/corpus/$target")
  echo "== fuzz_$target for ${seconds} s" >&2
  # A finding stops this target, not the others; the script fails at the end.
  if ! "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len=65536 -timeout="${FUZZ_TIMEOUT:-1}" \
    -print_final_stats=1 -artifact_prefix="$build/crash-$target-" "$corpus" "${seeds[@]}"; then
    failed+=("$target")
  fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzzing found problems in: ${failed[*]} (inputs: $build/crash-*)" >&2
  exit 1
fi
