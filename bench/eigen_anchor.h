#pragma once
// The yardstick of musa-bench: the network step written plainly with Eigen
// (batch-first, attention keys cached in a ring, Eigen's own products and
// tanh), as Musa computed it before its kernels. Built with the build's flags:
// in the `native` preset it is the "plain Eigen, -march=native" anchor that
// generation is measured against.

#include <memory>

#include "core/model/model_weights.h"

namespace musa::bench {

/** Median milliseconds of `steps` steps of a batch of `batch`, network only. */
double eigen_anchor_ms(const std::shared_ptr<const ModelWeights>& weights, int batch, int steps, int runs);

}  // namespace musa::bench
