#include "core/model/melody_rnn.h"

#include <algorithm>
#include <cmath>

namespace musa {
namespace {
kernels::Operand operand(const RowMatrix<float>& m) { return {m.data(), int(m.cols()), int(m.cols())}; }
}  // namespace

MelodyRnn::MelodyRnn(std::shared_ptr<const ModelWeights> weights, int batch_size,
                     const kernels::KernelSet& set)
    : weights_(std::move(weights)), batch_(batch_size), kernels_(set) {
  const ModelConfig& cfg = weights_->config;
  for (int H : cfg.layer_sizes) {
    c_.push_back(Matrix::Zero(batch_, H));
    h_.push_back(Matrix::Zero(batch_, H));
    gates_.push_back(Matrix::Zero(batch_, 4 * H));
  }
  if (cfg.has_attention()) {
    const int A = cfg.attn_size(), L = cfg.attn_length;
    // x' is computed padded to whole vectors (74 → 80 columns) with zero
    // weights: the kernels' narrow tails cost more than the extra columns.
    const int I = cfg.input_size(), padded = (I + 15) / 16 * 16;
    padded_input_kernel_ = Matrix::Zero(weights_->input_kernel.rows(), padded);
    padded_input_kernel_.leftCols(I) = weights_->input_kernel;
    padded_input_bias_ = Matrix::Zero(1, padded);
    padded_input_bias_.leftCols(I) = weights_->input_bias;
    projected_input_ = Matrix::Zero(batch_, padded);
    attns_ = Matrix::Zero(batch_, A);
    attn_states_.assign(L, Matrix::Zero(batch_, A));
    attn_hidden_.assign(L, Matrix::Zero(batch_, A));
    query_y_ = Matrix::Zero(batch_, A);
    scores_ = Matrix::Zero(batch_, L);
    for (size_t k = 0; k < c_.size(); ++k)
      query_parts_.insert(query_parts_.end(), {operand(c_[k]), operand(h_[k])});
    for (int t = 0; t < L; ++t) {
      hidden_slots_.push_back(attn_hidden_[size_t(t)].data());
      state_slots_.push_back(attn_states_[size_t(t)].data());
    }
  }
  output_ = Matrix::Zero(batch_, cfg.output_size());
  scratch_ = Matrix::Zero(batch_, 1);
}

void MelodyRnn::reset() {
  for (auto* group : {&c_, &h_, &attn_states_, &attn_hidden_})
    for (Matrix& m : *group) m.setZero();
  if (attns_.size()) attns_.setZero();
  oldest_slot_ = 0;
  written_slots_ = 0;
}

void MelodyRnn::step(const float* inputs, float* logits) noexcept {
  input_part(inputs);
  lstm_part();
  attention_part();
  output_part(logits);
}

void MelodyRnn::input_part(const float* inputs) noexcept {
  const ModelWeights& w = *weights_;
  const int I = w.config.input_size();
  if (!w.config.has_attention()) {
    lstm_input_ = {inputs, I, I};
    return;
  }
  // x' = [x, attns] · W_in + b_in
  const kernels::Operand parts[] = {{inputs, I, I}, operand(attns_)};
  const int padded = int(projected_input_.cols());
  kernels_.affine(parts, 2, batch_, padded_input_kernel_.data(), padded_input_bias_.data(), padded,
                  projected_input_.data());
  lstm_input_ = {projected_input_.data(), padded, I};
}

void MelodyRnn::lstm_part() noexcept {
  const ModelWeights& w = *weights_;
  for (size_t k = 0; k < w.lstm.size(); ++k) {
    const int H = w.config.layer_sizes[k];
    // gates = [x, h] · W + b in one pass; x is the layer below's h above the first layer.
    const kernels::Operand parts[] = {k == 0 ? lstm_input_ : operand(h_[k - 1]), operand(h_[k])};
    kernels_.affine(parts, 2, batch_, w.lstm[k].kernel.data(), w.lstm[k].bias.data(), 4 * H,
                    gates_[k].data());
    kernels_.lstm_cell(gates_[k].data(), batch_, H, c_[k].data(), h_[k].data());
  }
}

void MelodyRnn::attention_part() noexcept {
  const ModelWeights& w = *weights_;
  if (!w.config.has_attention()) return;
  // y = [c_0, h_0, c_1, h_1, …] · W_q + b_q
  kernels_.affine(query_parts_.data(), int(query_parts_.size()), batch_, w.query_kernel.data(),
                  w.query_bias.data(), int(query_y_.cols()), query_y_.data());
  // The order of slots does not matter to a softmax: the ring is read as it
  // lies. Until it is full, the slots written are the first `written_slots_`.
  kernels_.attend(hidden_slots_.data(), state_slots_.data(), written_slots_,
                  w.config.attn_length - written_slots_, query_y_.data(), w.attn_v.data(), batch_,
                  int(attns_.cols()), scores_.data(), attns_.data());
}

void MelodyRnn::output_part(float* logits) noexcept {
  const ModelWeights& w = *weights_;
  const ModelConfig& cfg = w.config;
  const int C = cfg.num_classes();
  if (!cfg.has_attention()) {
    const kernels::Operand top = operand(h_.back());
    kernels_.affine(&top, 1, batch_, w.fc_weights.data(), w.fc_bias.data(), C, logits);
    return;
  }
  const kernels::Operand top_and_attention[] = {operand(h_.back()), operand(attns_)};
  kernels_.affine(top_and_attention, 2, batch_, w.output_projection_kernel.data(),
                  w.output_projection_bias.data(), int(output_.cols()), output_.data());
  // Drop the oldest attention state, append this output (and its key, out · attn_w).
  attn_states_[oldest_slot_] = output_;
  const kernels::Operand output = operand(output_);
  kernels_.affine(&output, 1, batch_, w.attn_w.data(), nullptr, int(output_.cols()),
                  attn_hidden_[oldest_slot_].data());
  oldest_slot_ = (oldest_slot_ + 1) % cfg.attn_length;
  written_slots_ = std::min(written_slots_ + 1, cfg.attn_length);
  kernels_.affine(&output, 1, batch_, w.fc_weights.data(), w.fc_bias.data(), C, logits);
}

void MelodyRnn::reorder_state(std::span<const int> sources) {
  auto permute = [&](Matrix& m) {
    scratch_ = m;
    for (int b = 0; b < batch_; ++b) m.row(b) = scratch_.row(sources[b]);
  };
  for (auto* group : {&c_, &h_, &attn_states_, &attn_hidden_})
    for (Matrix& m : *group) permute(m);
  if (attns_.size()) permute(attns_);
}

std::vector<double> label_log_probs(const std::shared_ptr<const ModelWeights>& weights,
                                    const RowMatrix<float>& inputs, std::span<const int> labels,
                                    const kernels::KernelSet& set) {
  MelodyRnn rnn(weights, 1, set);
  const int C = weights->config.num_classes();
  std::vector<float> logits(C);
  std::vector<double> out;
  out.reserve(labels.size());
  for (size_t t = 0; t < labels.size(); ++t) {
    rnn.step(inputs.row(static_cast<Eigen::Index>(t)).data(), logits.data());
    double max = logits[0];
    for (float v : logits) max = std::max(max, double(v));
    double sum = 0;
    for (float v : logits) sum += std::exp(double(v) - max);
    out.push_back(double(logits[labels[t]]) - max - std::log(sum));
  }
  return out;
}

}  // namespace musa
