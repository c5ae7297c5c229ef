#pragma once
// A melody as the model sees it (squashed, transposed to the model's key,
// encoded) and how likely the model finds it: the basis of `encode`,
// `score` and evaluation.

#include <vector>

#include "core/model/encoding.h"
#include "core/model/model_weights.h"
#include "core/music/melody.h"

namespace musa {

/** One melody prepared for the network. */
struct EncodedMelody {
  std::vector<int> events;  ///< squashed and transposed (MODEL.md §1)
  RowMatrix<float> inputs;  ///< (events − 1) × input_size: inputs for events 0..n−2
  std::vector<int> labels;  ///< labels[t] = label of events[t + 1]
  int instrument = 0;
  int start_step = 0;
};

/** Squashes, transposes (the config's key) and encodes `melody` (Magenta's EncoderPipeline). */
EncodedMelody encode_melody(const Melody& melody, const ModelConfig& config, const Encoding& encoding);

/** Per-step log-probabilities of an encoded melody's labels. */
struct MelodyScore {
  std::vector<double> log_probs;
  double mean_nll() const;
};
MelodyScore score_melody(const std::shared_ptr<const ModelWeights>& weights, const EncodedMelody& melody);

}  // namespace musa
