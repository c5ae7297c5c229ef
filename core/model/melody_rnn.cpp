#include "core/model/melody_rnn.h"

#include <cmath>

namespace musa {
MelodyRnn::MelodyRnn(std::shared_ptr<const ModelWeights> weights, int batch_size)
    : weights_(std::move(weights)), batch_(batch_size) {
  const ModelConfig& cfg = weights_->config;
  for (int H : cfg.layer_sizes) {
    c_.push_back(Matrix::Zero(batch_, H));
    h_.push_back(Matrix::Zero(batch_, H));
    gates_.push_back(Matrix::Zero(batch_, 4 * H));
  }
  if (cfg.has_attention()) {
    const int A = cfg.attn_size(), L = cfg.attn_length;
    projected_input_ = Matrix::Zero(batch_, cfg.input_size());
    attns_ = Matrix::Zero(batch_, A);
    attn_states_.assign(L, Matrix::Zero(batch_, A));
    attn_hidden_.assign(L, Matrix::Zero(batch_, A));
    query_y_ = Matrix::Zero(batch_, A);
    scores_ = Matrix::Zero(batch_, L);
    tanh_buffer_ = Matrix::Zero(batch_, A);
  }
  output_ = Matrix::Zero(batch_, cfg.output_size());
  scratch_ = Matrix::Zero(batch_, 1);
}

void MelodyRnn::reset() {
  for (auto* group : {&c_, &h_, &attn_states_, &attn_hidden_})
    for (Matrix& m : *group) m.setZero();
  if (attns_.size()) attns_.setZero();
  oldest_slot_ = 0;
}

void MelodyRnn::lstm_stack(const Eigen::Ref<const Matrix>& x) noexcept {
  const ModelWeights& w = *weights_;
  for (size_t k = 0; k < w.lstm.size(); ++k) {
    const int H = w.config.layer_sizes[k];
    const int in = static_cast<int>(w.lstm[k].kernel.rows()) - H;
    Matrix& g = gates_[k];
    // g = [z, h] · W + b, without building the concatenation.
    if (k == 0)
      g.noalias() = x * w.lstm[k].kernel.topRows(in);
    else
      g.noalias() = h_[k - 1] * w.lstm[k].kernel.topRows(in);
    g.noalias() += h_[k] * w.lstm[k].kernel.bottomRows(H);
    g.rowwise() += w.lstm[k].bias;
    // c = c ⊙ σ(f + 1) + σ(i) ⊙ tanh(j);  h = tanh(c) ⊙ σ(o)   (gate blocks i, j, f, o)
    auto gate = [&](int index) { return g.middleCols(index * H, H).array(); };
    c_[k].array() = c_[k].array() * (gate(2) + 1.0f).logistic() + gate(0).logistic() * gate(1).tanh();
    h_[k].array() = c_[k].array().tanh() * gate(3).logistic();
  }
}

void MelodyRnn::attend() noexcept {
  const ModelWeights& w = *weights_;
  const int L = w.config.attn_length;
  // y = [c_0, h_0, c_1, h_1, …] · W_q + b_q, summed block by block.
  query_y_.noalias() = c_[0] * w.query_kernel.topRows(c_[0].cols());
  int row = static_cast<int>(c_[0].cols());
  for (size_t k = 0; k < c_.size(); ++k) {
    const int H = static_cast<int>(c_[k].cols());
    if (k > 0) {
      query_y_.noalias() += c_[k] * w.query_kernel.middleRows(row, H);
      row += H;
    }
    query_y_.noalias() += h_[k] * w.query_kernel.middleRows(row, H);
    row += H;
  }
  query_y_.rowwise() += w.query_bias;
  // s_t = v · tanh(hidden_t + y); the order of slots does not matter to a softmax.
  for (int t = 0; t < L; ++t) {
    tanh_buffer_ = (attn_hidden_[t] + query_y_).array().tanh();
    scores_.col(t).noalias() = tanh_buffer_ * w.attn_v.transpose();
  }
  for (int b = 0; b < batch_; ++b) {
    const float max = scores_.row(b).maxCoeff();
    scores_.row(b) = (scores_.row(b).array() - max).exp();
    scores_.row(b) /= scores_.row(b).sum();
  }
  attns_.setZero();
  for (int t = 0; t < L; ++t) attns_.array() += attn_states_[t].array().colwise() * scores_.col(t).array();
}

void MelodyRnn::step(const float* inputs, float* logits) noexcept {
  const ModelWeights& w = *weights_;
  const ModelConfig& cfg = w.config;
  const int I = cfg.input_size();
  Eigen::Map<const Matrix> x(inputs, batch_, I);
  Eigen::Map<Matrix> out_logits(logits, batch_, cfg.num_classes());
  if (!cfg.has_attention()) {
    lstm_stack(x);
    out_logits.noalias() = h_.back() * w.fc_weights;
    out_logits.rowwise() += w.fc_bias;
    return;
  }
  const int A = cfg.attn_size();
  projected_input_.noalias() = x * w.input_kernel.topRows(I);
  projected_input_.noalias() += attns_ * w.input_kernel.bottomRows(A);
  projected_input_.rowwise() += w.input_bias;
  lstm_stack(projected_input_);
  attend();
  const int H = static_cast<int>(h_.back().cols());
  output_.noalias() = h_.back() * w.output_projection_kernel.topRows(H);
  output_.noalias() += attns_ * w.output_projection_kernel.bottomRows(A);
  output_.rowwise() += w.output_projection_bias;
  // Drop the oldest attention state, append this output.
  attn_states_[oldest_slot_] = output_;
  attn_hidden_[oldest_slot_].noalias() = output_ * w.attn_w;
  oldest_slot_ = (oldest_slot_ + 1) % cfg.attn_length;
  out_logits.noalias() = output_ * w.fc_weights;
  out_logits.rowwise() += w.fc_bias;
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
                                    const RowMatrix<float>& inputs, std::span<const int> labels) {
  MelodyRnn rnn(weights, 1);
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
