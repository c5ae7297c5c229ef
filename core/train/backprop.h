#pragma once
// Training maths for the melody network of MODEL.md §3: the forward pass over
// a padded batch and backpropagation through time (attention included), in
// workspaces sized once (threads and processes are parallel_trainer's and
// data_parallel's business). Gradients are those of
// Σ_masked −log p(label), the sum that TensorFlow's
// sparse_softmax_cross_entropy_with_logits gives before Magenta divides by the
// number of real steps (magenta/models/shared/events_rnn_graph.py).

#include <cstdint>
#include <random>
#include <vector>

#include "core/model/model_config.h"
#include "core/model/model_weights.h"

namespace musa {

/** A padded batch, time-major: row t*batch + b holds step t of sequence b. */
template <class Scalar>
struct TrainBatch {
  int batch = 0, steps = 0;
  RowMatrix<Scalar> inputs;  ///< (steps*batch) × input_size
  std::vector<int> labels;   ///< steps*batch; label after input t (ignored where mask is 0)
  std::vector<Scalar> mask;  ///< 1 real step, 0 padding (padding only at a sequence's end)
  /**
   * Optional, one per sequence: its dropout masks come from this seed alone, so
   * a sequence is computed the same whichever shard, thread or process runs it
   * (data-parallel training). Empty: each pass draws the seeds from its RNG.
   */
  std::vector<std::uint64_t> seeds;
};

/**
 * A seed made from (seed, index) alone, well mixed (SplitMix64's finaliser):
 * per-update and per-sequence seeds that do not depend on what ran before.
 */
inline std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t index) {
  std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + index * 0xBF58476D1CE4E5B9ull + 1;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/** Sums over the real steps of a batch: add them up, then divide for the means. */
struct LossStats {
  double loss_sum = 0;         ///< Σ −log p(label), nats
  double steps = 0;            ///< real (unmasked) steps
  double correct = 0;          ///< argmax == label
  double note_on_steps = 0;    ///< steps whose label is a NOTE_ON class
  double note_on_correct = 0;  ///< of those, argmax == label

  LossStats& operator+=(const LossStats& other);
  double mean_loss() const { return steps > 0 ? loss_sum / steps : 0; }
  double accuracy() const { return steps > 0 ? correct / steps : 0; }
  double note_on_accuracy() const { return note_on_steps > 0 ? note_on_correct / note_on_steps : 0; }
};

/**
 * Whether `label` is a NOTE_ON class of the config's encoding: key_melody puts
 * pitches first (labels 0…range-1; then NOTE_OFF, NO_EVENT and the two
 * lookback repeats), melody_onehot puts NO_EVENT and NOTE_OFF first (labels
 * ≥ 2 are pitches). note_seq/melody_encoder_decoder.py, melody_encoder_decoder.py.
 */
bool is_note_on_label(const ModelConfig& config, int label);

/** The sequences [first, first + count) of a batch; count < 0 means "to the end". */
struct SequenceRange {
  int first = 0;
  int count = -1;
};

namespace detail {
template <class Scalar>
class BackpropPass;
}

/**
 * Buffers for one forward/backward pass, sized once for (max batch, max
 * steps) and reused: the step loops allocate nothing. Holds every per-step
 * activation the backward pass needs (gates, cell states, attention weights,
 * outputs), time-major like TrainBatch.
 */
template <class Scalar>
class BackpropWorkspace {
 public:
  explicit BackpropWorkspace(const ModelConfig& config, int max_batch, int max_steps);

  int max_batch() const { return max_batch_; }
  int max_steps() const { return max_steps_; }
  const ModelConfig& config() const { return config_; }

  /**
   * log p(label) at row t*batch + b (of the sequences the last pass ran on),
   * or 0 where the mask was 0.
   */
  Scalar label_log_prob(int row) const { return label_log_prob_[row]; }

 private:
  friend class detail::BackpropPass<Scalar>;

  struct Layer {
    RowMatrix<Scalar> c, h;        ///< (steps+1)*batch × H; block 0 is the zero start state
    RowMatrix<Scalar> gates;       ///< steps*batch × 4H: σ(i), tanh(j), σ(f+1), σ(o)
    RowMatrix<Scalar> tanh_c;      ///< steps*batch × H
    RowMatrix<Scalar> z;           ///< output passed upward (dropped): steps*batch × H
    RowMatrix<Scalar> keep_scale;  ///< dropout mask / keep_prob: steps*batch × H
    RowMatrix<Scalar> d_gates;     ///< ∂loss/∂(pre-activation gates)
    RowMatrix<Scalar> dh, dc;      ///< recurrent gradients carried to the step before: batch × H
    RowMatrix<Scalar> d_below;     ///< ∂loss/∂(this layer's input) at one step: batch × in
  };

  ModelConfig config_;
  int max_batch_, max_steps_;
  RowMatrix<Scalar> x_;               ///< the shard's inputs, steps*batch × I
  std::vector<std::uint64_t> seeds_;  ///< each sequence's dropout seed
  std::vector<int> labels_;
  std::vector<Scalar> mask_;
  std::vector<Layer> layers_;
  // Attention (attn_length > 0).
  RowMatrix<Scalar> xp_;       ///< x' = [x, attns]·W_in + b_in
  RowMatrix<Scalar> attns_;    ///< (steps+1)*batch × A; block t is the attns step t reads
  RowMatrix<Scalar> y_;        ///< query · W_q + b_q
  RowMatrix<Scalar> hidden_;   ///< out_t · attn_w, computed once per out
  RowMatrix<Scalar> weights_;  ///< softmax attention weights, steps*batch × L
  RowMatrix<Scalar> out_;      ///< attention output projection, steps*batch × A
  RowMatrix<Scalar> d_xp_, d_y_, d_hidden_, d_out_;
  RowMatrix<Scalar> d_attns_;  ///< batch × A: into the attns the next step read
  RowMatrix<Scalar> d_query_;  ///< batch × 2ΣH
  RowMatrix<Scalar> scores_;   ///< 1 × L: one sequence's attention gradients (Eigen)
  RowMatrix<Scalar> d_weights_;  ///< batch × L: ∂ the attention weights (the kernel: every row; Eigen: row 0)
  RowMatrix<Scalar> tanh_buf_, d_pre_;  ///< 1 × A
  RowMatrix<Scalar> d_top_;             ///< batch × H_top
  // The attention kernels' slots (float): L pointers each, into the blocks
  // above or, before the first step, a block of zeros and one no one reads.
  std::vector<const Scalar*> slot_hidden_, slot_states_;
  std::vector<Scalar*> slot_d_hidden_, slot_d_states_;
  RowMatrix<Scalar> zero_slot_, discarded_slot_;  ///< batch × A
  // Output.
  RowMatrix<Scalar> logits_;  ///< steps*batch × C; becomes ∂loss/∂logits
  std::vector<Scalar> label_log_prob_;
  /** The weights transposed once per backward pass: backprop multiplies by Wᵀ at every step. */
  struct Transposed {
    RowMatrix<Scalar> fc, attn_w, output_top, output_attns, query, input_attns;
    std::vector<RowMatrix<Scalar>> lstm_input, lstm_recurrent;
  };
  Transposed transposed_;
};

/**
 * Forward pass and backpropagation through time over the sequences `range`
 * of `batch`. Adds ∂(Σ masked −log p)/∂θ into `grads` (the caller zeroes
 * it) and returns the loss statistics. dropout_keep < 1 with an `rng` turns
 * on dropout on every LSTM layer's output (TF DropoutWrapper,
 * output_keep_prob; inverted scaling); each sequence's masks come from its
 * seed in batch.seeds, or from one seed drawn from `rng` when there are none.
 */
template <class Scalar>
LossStats accumulate_gradients(const BasicModelWeights<Scalar>& w, const TrainBatch<Scalar>& batch,
                               BasicModelWeights<Scalar>& grads, BackpropWorkspace<Scalar>& ws,
                               Scalar dropout_keep = 1, std::mt19937_64* rng = nullptr,
                               SequenceRange range = {});

/** Forward pass only, no dropout: the statistics for evaluation. */
template <class Scalar>
LossStats evaluate_batch(const BasicModelWeights<Scalar>& w, const TrainBatch<Scalar>& batch,
                         BackpropWorkspace<Scalar>& ws, SequenceRange range = {});

/** Sets every tensor of `w` to zero (keeps the shapes). */
template <class Scalar>
void set_zero(BasicModelWeights<Scalar>& w);

}  // namespace musa
