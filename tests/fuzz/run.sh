#!/usr/bin/env bash
# Builds one fuzz target with clang + libFuzzer + ASan/UBSan and runs it.
#   tests/fuzz/run.sh midi|model [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: tests/fuzz/run.sh midi|model [seconds]}
seconds=${2:-60}
build=build/fuzz
mkdir -p "$build/corpus-$target"
sources=(core/music/*.cpp core/model/*.cpp core/util/*.cpp)
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -I. -I/usr/include/eigen3 \
  "tests/fuzz/fuzz_$target.cpp" "${sources[@]}" -o "$build/fuzz_$target"
# Seed the corpus with a real file of that kind.
case "$target" in
  midi) cp -n tests/data/*.mid "$build/corpus-$target/" 2>/dev/null || true ;;
  model) cp -n tests/data/tiny_attention.safetensors "$build/corpus-$target/" ;;
esac
"$build/fuzz_$target" -max_total_time="$seconds" -max_len=65536 "$build/corpus-$target"
