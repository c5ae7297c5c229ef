#pragma once
// Template definitions for model_weights.h.

namespace musa {

template <class Scalar>
BasicModelWeights<Scalar> BasicModelWeights<Scalar>::zeros(const ModelConfig& config) {
  BasicModelWeights w;
  w.config = config;
  const int I = config.input_size(), C = config.num_classes();
  int in = I;
  for (int H : config.layer_sizes) {
    w.lstm.push_back({RowMatrix<Scalar>::Zero(in + H, 4 * H), RowVector<Scalar>::Zero(4 * H)});
    in = H;
  }
  if (config.has_attention()) {
    const int A = config.attn_size();
    w.input_kernel = RowMatrix<Scalar>::Zero(I + A, I);
    w.input_bias = RowVector<Scalar>::Zero(I);
    w.attn_w = RowMatrix<Scalar>::Zero(A, A);
    w.attn_v = RowVector<Scalar>::Zero(A);
    w.query_kernel = RowMatrix<Scalar>::Zero(2 * config.total_lstm_units(), A);
    w.query_bias = RowVector<Scalar>::Zero(A);
    w.output_projection_kernel = RowMatrix<Scalar>::Zero(config.layer_sizes.back() + A, A);
    w.output_projection_bias = RowVector<Scalar>::Zero(A);
  }
  w.fc_weights = RowMatrix<Scalar>::Zero(config.output_size(), C);
  w.fc_bias = RowVector<Scalar>::Zero(C);
  return w;
}

namespace detail {
template <class T, class M>
TensorRef<T> tensor_ref(std::string name, std::vector<int> shape, M& m) {
  return TensorRef<T>{std::move(name), std::move(shape), m.data(), static_cast<long>(m.size())};
}

template <class T, class W>
std::vector<TensorRef<T>> collect_tensors(W& w) {
  std::vector<TensorRef<T>> out;
  const ModelConfig& c = w.config;
  const std::string rnn = c.has_attention() ? "rnn/attention_cell_wrapper/" : "rnn/";
  auto dims = [](const auto& m) { return std::vector<int>{int(m.rows()), int(m.cols())}; };
  if (c.has_attention()) {
    const int A = c.attn_size();
    out.push_back(tensor_ref<T>(rnn + "kernel", dims(w.input_kernel), w.input_kernel));
    out.push_back(tensor_ref<T>(rnn + "bias", {int(w.input_bias.size())}, w.input_bias));
    out.push_back(tensor_ref<T>(rnn + "attention/attn_w", {1, 1, A, A}, w.attn_w));
    out.push_back(tensor_ref<T>(rnn + "attention/attn_v", {A}, w.attn_v));
    out.push_back(tensor_ref<T>(rnn + "attention/kernel", dims(w.query_kernel), w.query_kernel));
    out.push_back(tensor_ref<T>(rnn + "attention/bias", {A}, w.query_bias));
    out.push_back(tensor_ref<T>(rnn + "attention_output_projection/kernel", dims(w.output_projection_kernel),
                                w.output_projection_kernel));
    out.push_back(tensor_ref<T>(rnn + "attention_output_projection/bias", {A}, w.output_projection_bias));
  }
  for (size_t k = 0; k < w.lstm.size(); ++k) {
    const std::string cell = rnn + "multi_rnn_cell/cell_" + std::to_string(k) + "/basic_lstm_cell/";
    out.push_back(tensor_ref<T>(cell + "kernel", dims(w.lstm[k].kernel), w.lstm[k].kernel));
    out.push_back(tensor_ref<T>(cell + "bias", {int(w.lstm[k].bias.size())}, w.lstm[k].bias));
  }
  out.push_back(tensor_ref<T>("fully_connected/weights", dims(w.fc_weights), w.fc_weights));
  out.push_back(tensor_ref<T>("fully_connected/biases", {int(w.fc_bias.size())}, w.fc_bias));
  return out;
}
}  // namespace detail

template <class Scalar>
std::vector<TensorRef<Scalar>> BasicModelWeights<Scalar>::tensors() {
  return detail::collect_tensors<Scalar>(*this);
}

template <class Scalar>
std::vector<TensorRef<const Scalar>> BasicModelWeights<Scalar>::tensors() const {
  return detail::collect_tensors<const Scalar>(*this);
}

template <class Scalar>
long BasicModelWeights<Scalar>::parameter_count() const {
  long n = 0;
  for (const auto& t : tensors()) n += t.size;
  return n;
}

template <class Scalar>
template <class Other>
BasicModelWeights<Other> BasicModelWeights<Scalar>::cast() const {
  BasicModelWeights<Other> out = BasicModelWeights<Other>::zeros(config);
  auto src = tensors();
  auto dst = out.tensors();
  for (size_t i = 0; i < src.size(); ++i)
    for (long j = 0; j < src[i].size; ++j) dst[i].data[j] = static_cast<Other>(src[i].data[j]);
  return out;
}

}  // namespace musa
