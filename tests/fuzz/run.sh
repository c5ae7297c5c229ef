#!/usr/bin/env bash
# Builds one fuzz target with clang + libFuzzer + ASan/UBSan and runs it.
#   tests/fuzz/run.sh midi|model|magenta|magentajs [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: tests/fuzz/run.sh midi|model|magenta|magentajs [seconds]}
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
  magenta) cp -n tests/data/tiny_attention_rnn.mag "$build/corpus-$target/" ;;
  magentajs) printf '%s' '[{"paths": ["group1-shard1of1"], "weights": [{"name": "fully_connected/biases", "shape": [2], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": 0}}]}]' \
      > "$build/corpus-$target/manifest.json" ;;
esac
"$build/fuzz_$target" -max_total_time="$seconds" -max_len=65536 "$build/corpus-$target"
