#pragma once
// The update rule of attention_rnn's training (MODEL.md §3): Adam with
// TensorFlow 1.x's defaults and gradients clipped to a global norm, as
// magenta/models/shared/events_rnn_graph.py builds it
// (tf.train.AdamOptimizer + tf.clip_by_global_norm).

#include <cstdint>
#include <span>
#include <vector>

#include "core/model/model_weights.h"
#include "core/util/result.h"

namespace musa {

/**
 * Scales `grads` so that their global L2 norm is at most `max_norm` and
 * returns the norm before clipping (tf.clip_by_global_norm: every tensor is
 * multiplied by max_norm / max(norm, max_norm)).
 */
float clip_by_global_norm(ModelWeights& grads, float max_norm);

/** Multiplies every tensor by `factor` (e.g. 1 / real steps, for the mean loss). */
void scale_gradients(ModelWeights& grads, float factor);

/**
 * tf.train.AdamOptimizer, update for update: with t the step count,
 * α = lr·√(1−β₂ᵗ)/(1−β₁ᵗ), m += (g−m)(1−β₁), v += (g²−v)(1−β₂),
 * θ −= α·m/(√v + ε) (TensorFlow's ApplyAdam kernel; ε is the paper's ε̂).
 * The β powers are kept as float products, as TensorFlow's beta1_power and
 * beta2_power variables are.
 */
class Adam {
 public:
  explicit Adam(const ModelWeights& shape, float learning_rate = 0.001f, float beta1 = 0.9f,
                float beta2 = 0.999f, float epsilon = 1e-8f);

  /** Applies one update of `grads` to `w` (same config as the constructor's). */
  void step(ModelWeights& w, const ModelWeights& grads);

  long steps_taken() const { return steps_; }
  float learning_rate() const { return learning_rate_; }
  void set_learning_rate(float learning_rate) { learning_rate_ = learning_rate; }

  /** The moments and step count, for a checkpoint (little-endian bytes). */
  std::vector<std::uint8_t> save_state() const;
  /** Restores what save_state wrote; fails if it was for a different parameter count. */
  Status load_state(std::span<const std::uint8_t> bytes);

 private:
  float learning_rate_, beta1_, beta2_, epsilon_;
  float beta1_power_, beta2_power_;  ///< β₁ᵗ⁺¹ and β₂ᵗ⁺¹, TensorFlow's slot variables
  long steps_ = 0;
  std::vector<float> m_, v_;  ///< flat, in tensors() order
};

}  // namespace musa
