#pragma once
// The melody network of MODEL.md §3 for inference: one step at a time, a
// whole batch (all takes) per step, no allocation inside `step`.

#include <memory>
#include <span>
#include <vector>

#include "core/model/kernels.h"
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

  /** `set`: the step's arithmetic (kernels.h); tests and benchmarks compare the sets. */
  MelodyRnn(std::shared_ptr<const ModelWeights> weights, int batch_size,
            const kernels::KernelSet& set = kernels::best());
  // The kernels hold pointers into the state: it stays where it was made.
  MelodyRnn(const MelodyRnn&) = delete;
  MelodyRnn& operator=(const MelodyRnn&) = delete;

  int batch_size() const { return batch_; }
  const ModelConfig& config() const { return weights_->config; }

  /** Zeroes the state of every sequence (the start of a melody). */
  void reset();

  /**
   * Feeds one input vector per sequence (batch × input_size, row-major) and
   * writes the logits (batch × num_classes, row-major).
   */
  void step(const float* inputs, float* logits) noexcept;

  /**
   * The parts of `step`, in its order: the attention wrapper's input
   * projection, the LSTM layers, attention, and the output (its projection,
   * the ring and the logits). Public so that musa-bench can time each.
   */
  void input_part(const float* inputs) noexcept;
  void lstm_part() noexcept;
  void attention_part() noexcept;
  void output_part(float* logits) noexcept;

  /** Row b of the new state is row sources[b] of the old one (beam search). */
  void reorder_state(std::span<const int> sources);

 private:
  std::shared_ptr<const ModelWeights> weights_;
  int batch_;
  const kernels::KernelSet& kernels_;
  std::vector<Matrix> c_, h_, gates_;  // per layer
  Matrix padded_input_kernel_;         // the input projection, zero columns up to whole vectors
  Matrix padded_input_bias_;           // 1 × the same
  Matrix projected_input_;             // x' (B × I, padded like the kernel)
  kernels::Operand lstm_input_{};      // x', or the inputs without attention
  Matrix attns_;                       // B × A
  std::vector<Matrix> attn_states_;    // ring of L slots, each B × A
  std::vector<Matrix> attn_hidden_;    // attn_states_[t] · attn_w, cached per slot
  // What the kernels read: the query's operands [c_0, h_0, c_1, h_1, …], the rings' slots.
  std::vector<kernels::Operand> query_parts_;
  std::vector<const float*> hidden_slots_, state_slots_;
  int oldest_slot_ = 0;
  int written_slots_ = 0;  // slots written since reset(), up to L; the others are all zero
  Matrix query_y_, scores_, output_;
  Matrix scratch_;  // for reorder_state
};

/**
 * Log-probability of each label after feeding inputs 0..t, for one melody
 * (rows of `inputs`, labels.size() of them). Used by `score` and tests.
 */
std::vector<double> label_log_probs(const std::shared_ptr<const ModelWeights>& weights,
                                    const RowMatrix<float>& inputs, std::span<const int> labels,
                                    const kernels::KernelSet& set = kernels::best());

}  // namespace musa
