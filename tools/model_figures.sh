#!/usr/bin/env bash
# Prints every figure the model card reports, from the model and the datasets:
#   tools/model_figures.sh [MODEL] [DATA_DIR...]
# Defaults: the shipped model, ../shared/datasets/{nottingham,pop909}.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${MUSA_CLI:-build/release/app/musa-cli}
model=${1:-resources/models/attention_rnn.safetensors}
shift || true
data=("$@")
[ ${#data[@]} -gt 0 ] || data=(../shared/datasets/nottingham ../shared/datasets/pop909)

echo "== validation split (every 10th file)"
"$cli" eval --model "$model" --data "${data[@]}"
whole_and_top_lines=(--training_max_steps 0 --top_lines)  # the model's training data (model card)
for order in 3 5; do
  echo "== ${order}-gram baseline, same split: trained on Magenta's training split, then on the model's"
  "$cli" baseline --data "${data[@]}" --order "$order"
  "$cli" baseline --data "${data[@]}" --order "$order" "${whole_and_top_lines[@]}"
done
out=$(mktemp -d)
for t in 0.5 1.0 1.25; do
  echo "== temperature $t: 64 takes x 8 bars from one middle C, seed 1"
  "$cli" generate --model "$model" --temperature "$t" --num_outputs 64 --seed 1 --stats --output_dir "$out/$t" |
    grep -E '^stats|^originality|takes ×'
done
echo "== originality primed with a training tune: the first 2 bars of Nottingham's ashover10.mid"
tune=$("$cli" extract --json "${data[0]}/ashover10.mid" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["melodies"][0]["events"][:32])')
for t in 0.5 1.0; do
  "$cli" generate --model "$model" --primer_melody "$tune" --temperature "$t" --num_outputs 64 --seed 1 --stats \
    --output_dir "$out/primed-$t" | grep -E '^originality'
done
echo "== keys and modes: key-profile correlation per mode and method (without and with stay in key)"
"$cli" key-eval --model "$model" --takes 16
"$cli" key-eval --model "$model" --takes 16 --in_key
echo "== originality index over the training split (size, build time)"
"$cli" originality-index --model "$model" --data "${data[@]}" "${whole_and_top_lines[@]}" --out "$out/index.originality"
rm -rf "$out"
