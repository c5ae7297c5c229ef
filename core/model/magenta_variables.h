#pragma once
// Magenta's TensorFlow variables ↔ Musa's weights.
//
// Musa's tensor names (MODEL.md §4) are Magenta.js's (music_rnn/model.ts,
// attention.ts). TensorFlow named the same variables differently over time,
// and Magenta bundles keep whatever the TensorFlow that wrote them used:
//
//   Musa / Magenta.js          …/attention_cell_wrapper/attention_output_projection/kernel
//   TF ≥ 1.2 (`Tf12`)          …/attention_cell_wrapper/attn_output_projection/kernel
//   TF 1.0–1.1 (`Tf10`)        weights / biases instead of kernel / bias under rnn/
//                              (the renames tensorflow/contrib/rnn/python/tools/
//                              checkpoint_convert.py undoes)
//   TF ≤ 0.12 (`Tf0`)          RNN/AttentionCellWrapper/MultiRNNCell/Cell0/BasicLSTMCell/
//                              Linear/Matrix, …/Attention/AttnW, …/AttnOutputProjection/
//                              Linear/Bias (contrib/rnn/python/ops/rnn_cell.py of TF 0.12)
//
// `fully_connected/weights|biases` (tf.contrib.layers.linear) never changed.
// The LSTM kernel is the same fused matrix in every generation: rows [x, h],
// columns the gates i, j, f, o (BasicLSTMCell), as Musa stores it.
//
// Magenta wrapped the whole MultiRNNCell in the AttentionCellWrapper until
// May 2017 (magenta commit 3304b6dc, "Only add attention to the first RNN
// layer", events_rnn_graph.py make_rnn_cell); since then only layer 0 is
// wrapped (…/multi_rnn_cell/cell_0/attention_cell_wrapper/…). Musa's network
// (MODEL.md §3) is the former; the latter is refused with that explanation.

#include <map>
#include <string>
#include <vector>

#include "core/model/model_weights.h"
#include "core/model/tf_checkpoint.h"

namespace musa {

enum class TfNaming { Musa, Tf12, Tf10, Tf0 };

/** "musa (Magenta.js)", "TensorFlow >= 1.2", … for messages and provenance. */
std::string naming_label(TfNaming naming);

/** The name TensorFlow of generation `naming` gave Musa's tensor `musa_name`. */
std::string tf_variable_name(const std::string& musa_name, TfNaming naming);

/** Weights read from a checkpoint's tensors, and what was found on the way. */
struct ImportedWeights {
  ModelWeights weights;
  TfNaming naming = TfNaming::Musa;
  std::vector<std::string> ignored;  ///< tensors not part of the network (global_step, optimizer slots)
};

/**
 * Musa's weights from checkpoint tensors. `config` gives the encoding, note
 * range, attention length and key; the layer sizes come from the tensors.
 * Every tensor must be present with the shape the config implies and hold
 * finite values; variables of network parts Musa lacks are errors.
 */
Result<ImportedWeights> weights_from_tf(const std::map<std::string, TfTensor>& tensors, ModelConfig config);

/** Musa's weights as the tensors a checkpoint of generation `naming` holds. */
std::map<std::string, TfTensor> weights_to_tf(const ModelWeights& weights, TfNaming naming);

}  // namespace musa
