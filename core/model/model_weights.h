#pragma once
// The parameters of MODEL.md §3, stored as the model file stores them
// (row-major, TensorFlow's layout: x · W with W of shape in × out).

#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/model/model_config.h"
#include "core/model/model_weights_fwd.h"

namespace musa {

template <class Scalar>
using RowMatrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class Scalar>
using RowVector = Eigen::Matrix<Scalar, 1, Eigen::Dynamic>;

/** One basic_lstm_cell: kernel (in + H) × 4H, gates in i, j, f, o order. */
template <class Scalar>
struct LstmWeights {
  RowMatrix<Scalar> kernel;
  RowVector<Scalar> bias;
};

/** A tensor's name, shape and storage, for the file and the optimiser. */
template <class Scalar>
struct TensorRef {
  std::string name;
  std::vector<int> shape;  ///< as written in the file (attn_w is 1×1×A×A)
  Scalar* data;
  long size;
};

/**
 * All parameters of the melody network. Scalar is float for inference and
 * training, double for the gradient check.
 */
template <class Scalar>
struct BasicModelWeights {
  ModelConfig config;
  // Attention wrapper's input projection: [x, attns] → I (only with attention).
  RowMatrix<Scalar> input_kernel;
  RowVector<Scalar> input_bias;
  std::vector<LstmWeights<Scalar>> lstm;
  RowMatrix<Scalar> attn_w;                    ///< A × A (file shape 1×1×A×A)
  RowVector<Scalar> attn_v;                    ///< A
  RowMatrix<Scalar> query_kernel;              ///< 2ΣH × A ("attention/kernel")
  RowVector<Scalar> query_bias;                ///< A
  RowMatrix<Scalar> output_projection_kernel;  ///< (H_top + A) × A
  RowVector<Scalar> output_projection_bias;
  RowMatrix<Scalar> fc_weights;  ///< output_size × C
  RowVector<Scalar> fc_bias;

  /** Allocates every tensor at the size `config` implies, filled with zeros. */
  static BasicModelWeights zeros(const ModelConfig& config);

  /** Every tensor with its Magenta variable name (MODEL.md §4), in file order. */
  std::vector<TensorRef<Scalar>> tensors();
  std::vector<TensorRef<const Scalar>> tensors() const;

  long parameter_count() const;

  template <class Other>
  BasicModelWeights<Other> cast() const;
};

}  // namespace musa

#include "core/model/model_weights_impl.h"
