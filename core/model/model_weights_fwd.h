#pragma once
// The name of the model's weights without Eigen, for code that only passes
// them around (the jam session, the UI's generation worker): a shared,
// read-only std::shared_ptr<const ModelWeights> loaded once.

namespace musa {

template <class Scalar>
struct BasicModelWeights;  // model_weights.h
using ModelWeights = BasicModelWeights<float>;

}  // namespace musa
