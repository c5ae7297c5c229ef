#pragma once
// Sampling takes from the network: all takes as one batch, Magenta's
// temperature and beam search (magenta/models/shared/events_rnn_model.py,
// magenta/common/beam_search.py), plus Musa's "stay in key".

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "core/generate/generation.h"
#include "core/model/encoding.h"
#include "core/model/melody_rnn.h"
#include "core/util/result.h"

namespace musa {

/** Called after each generated step with (steps done, steps in all). */
using ProgressCallback = std::function<void(int, int)>;

/**
 * Generates takes from one model. Same model + request (seed included) gives
 * identical takes on every run. Not thread-safe; the model may be shared.
 */
class Sampler {
 public:
  /** `kernels`: the network step's arithmetic (the CPU's best unless a benchmark compares). */
  explicit Sampler(std::shared_ptr<const ModelWeights> weights,
                   const kernels::KernelSet& kernels = kernels::best());

  /**
   * Runs a request. `cancel` is checked every step; a cancelled run returns
   * an error "cancelled". The primer is squashed into the model's range and
   * key (Magenta's generate_melody) and the takes transposed back. A request
   * key other than the primer's estimated key is brought in as its
   * key_adaptation says; each take records the key it was made in.
   */
  Result<std::vector<Take>> generate(const GenerationRequest& request,
                                     const std::atomic<bool>* cancel = nullptr,
                                     const ProgressCallback& progress = {});

  const ModelConfig& config() const { return weights_->config; }

 private:
  std::shared_ptr<const ModelWeights> weights_;
  std::unique_ptr<Encoding> encoding_;
  const kernels::KernelSet& kernels_;
};

}  // namespace musa
