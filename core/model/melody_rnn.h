#pragma once
// The melody network of MODEL.md §3 for inference: one step at a time, a
// whole batch (all takes) per step, no allocation inside `step`.

#include <memory>
#include <span>
#include <vector>

#include "core/model/model_weights.h"

namespace musa {

/**
 * Runs attention_rnn (or a plain LSTM stack when the config has no attention)
 * over a batch of sequences. Holds the recurrent state; the weights are
 * shared, read-only.
 */
class MelodyRnn {
 public:
  using Matrix = RowMatrix<float>;

  MelodyRnn(std::shared_ptr<const ModelWeights> weights, int batch_size);

  int batch_size() const { return batch_; }
  const ModelConfig& config() const { return weights_->config; }

  /** Zeroes the state of every sequence (the start of a melody). */
  void reset();

  /**
   * Feeds one input vector per sequence (batch × input_size, row-major) and
   * writes the logits (batch × num_classes, row-major).
   */
  void step(const float* inputs, float* logits) noexcept;

  /** Row b of the new state is row sources[b] of the old one (beam search). */
  void reorder_state(std::span<const int> sources);

 private:
  void lstm_stack(const Eigen::Ref<const Matrix>& x) noexcept;
  void attend() noexcept;

  std::shared_ptr<const ModelWeights> weights_;
  int batch_;
  std::vector<Matrix> c_, h_, gates_;  // per layer
  Matrix projected_input_;             // x' (B × I)
  Matrix attns_;                       // B × A
  std::vector<Matrix> attn_states_;    // ring of L slots, each B × A
  std::vector<Matrix> attn_hidden_;    // attn_states_[t] · attn_w, cached per slot
  int oldest_slot_ = 0;
  Matrix query_y_, scores_, tanh_buffer_, output_;
  Matrix scratch_;  // for reorder_state
};

/**
 * Log-probability of each label after feeding inputs 0..t, for one melody
 * (rows of `inputs`, labels.size() of them). Used by `score` and tests.
 */
std::vector<double> label_log_probs(const std::shared_ptr<const ModelWeights>& weights,
                                    const RowMatrix<float>& inputs, std::span<const int> labels);

}  // namespace musa
