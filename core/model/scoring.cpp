#include "core/model/scoring.h"

#include <numeric>

#include "core/model/melody_rnn.h"

namespace musa {

EncodedMelody encode_melody(const Melody& melody, const ModelConfig& config, const Encoding& encoding) {
  Melody squashed = melody;
  squashed.squash(config.min_note, config.max_note, config.transpose_to_key);
  EncodedMelody out;
  out.events = squashed.events;
  out.instrument = melody.instrument;
  out.start_step = melody.start_step;
  const int n = static_cast<int>(out.events.size());
  if (n < 2) {
    out.inputs.resize(0, encoding.input_size());
    return out;
  }
  RowMatrix<float> all(n, encoding.input_size());
  encoding.encode_inputs(out.events, std::span<float>(all.data(), size_t(all.size())));
  out.inputs = all.topRows(n - 1);
  for (int t = 1; t < n; ++t) out.labels.push_back(encoding.label(out.events, t));
  return out;
}

double MelodyScore::mean_nll() const {
  if (log_probs.empty()) return 0.0;
  return -std::accumulate(log_probs.begin(), log_probs.end(), 0.0) / double(log_probs.size());
}

MelodyScore score_melody(const std::shared_ptr<const ModelWeights>& weights, const EncodedMelody& melody) {
  return {label_log_probs(weights, melody.inputs, melody.labels)};
}

}  // namespace musa
