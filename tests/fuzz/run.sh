#!/usr/bin/env bash
# Builds the libFuzzer targets with clang + libFuzzer + ASan/UBSan and runs them.
#   tests/fuzz/run.sh SECONDS [TARGET...]   each target (default: all) for SECONDS
#   tests/fuzz/run.sh TARGET [SECONDS]      one target (default 60 s)
# Targets: midi model magenta magentajs project primer_melody.
# Seeds: tests/fuzz/corpus/TARGET (committed, small, made by us) and a real file of
# that kind from tests/data; what the fuzzer finds goes to build/fuzz/corpus-TARGET.
# A crash, leak or input slower than FUZZ_TIMEOUT seconds (default 1) stops the run
# with the input saved as build/fuzz/crash-TARGET-*: commit it as a regression test.
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
cxx=${CXX:-$(command -v clang++-14 || command -v clang++)}
build=build/fuzz
flags=(-std=c++20 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -I. -I/usr/include/eigen3
       -DMUSA_SOURCE_DIR="\"$PWD\"")

# The core once, as a static library (a target links only what it uses); an
# object is rebuilt when its source or a header it includes (its .d file) is newer.
mkdir -p "$build/obj"
object_of() { echo "$build/obj/$(echo "$1" | tr / _).o"; }
is_stale() {
  local obj dep f
  obj=$(object_of "$1")
  dep=${obj%.o}.d
  [[ -f $obj && ! $1 -nt $obj ]] || return 0
  [[ -f $dep ]] || return 1
  for f in $(sed -e 's/^[^:]*://' -e 's/\\$//' "$dep"); do [[ $f -nt $obj ]] && return 0; done
  return 1
}
sources=(core/util/*.cpp core/music/*.cpp core/model/*.cpp core/generate/*.cpp core/project/*.cpp)
stale=()
for src in "${sources[@]}"; do
  if is_stale "$src"; then stale+=("$src"); fi
done
if [[ ${#stale[@]} -gt 0 ]]; then
  echo "compiling ${#stale[@]} core files for fuzzing" >&2
  for src in "${stale[@]}"; do
    obj=$(object_of "$src")
    "$cxx" "${flags[@]}" -fsanitize=fuzzer-no-link -MMD -MF "${obj%.o}.d" -c "$src" -o "$obj" &
    while [[ $(jobs -rp | wc -l) -ge ${FUZZ_JOBS:-2} ]]; do wait -n; done
  done
  while [[ $(jobs -rp | wc -l) -gt 0 ]]; do wait -n; done
  rm -f "$build/libmusa_fuzz.a"
fi
[[ -f $build/libmusa_fuzz.a ]] || ar rcs "$build/libmusa_fuzz.a" "$build"/obj/*.o

failed=()
for target in "${targets[@]}"; do
  "$cxx" "${flags[@]}" -fsanitize=fuzzer "tests/fuzz/fuzz_$target.cpp" "$build/libmusa_fuzz.a" -o "$build/fuzz_$target"
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
  if ! "$build/fuzz_$target" -max_total_time="$seconds" -max_len=65536 -timeout="${FUZZ_TIMEOUT:-1}" \
    -print_final_stats=1 -artifact_prefix="$build/crash-$target-" "$corpus" "${seeds[@]}"; then
    failed+=("$target")
  fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzzing found problems in: ${failed[*]} (inputs: $build/crash-*)" >&2
  exit 1
fi
