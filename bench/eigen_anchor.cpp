#include "bench/eigen_anchor.h"

#include <algorithm>
#include <chrono>
#include <vector>

namespace musa::bench {
namespace {

using Matrix = RowMatrix<float>;

/** attention_rnn's step (MODEL.md §3) in plain Eigen. */
class EigenAnchor {
 public:
  EigenAnchor(std::shared_ptr<const ModelWeights> weights, int batch)
      : w_(std::move(weights)), batch_(batch) {
    const ModelConfig& cfg = w_->config;
    for (int H : cfg.layer_sizes) {
      c_.push_back(Matrix::Zero(batch, H));
      h_.push_back(Matrix::Zero(batch, H));
      gates_.push_back(Matrix::Zero(batch, 4 * H));
    }
    const int A = cfg.attn_size(), L = cfg.attn_length;
    attns_ = Matrix::Zero(batch, A);
    states_.assign(size_t(L), Matrix::Zero(batch, A));
    hidden_.assign(size_t(L), Matrix::Zero(batch, A));
    scores_ = Matrix::Zero(batch, L);
  }

  void step(const Matrix& x, Matrix& logits) {
    const ModelWeights& w = *w_;
    const int I = w.config.input_size(), A = w.config.attn_size(), L = w.config.attn_length;
    projected_.noalias() = x * w.input_kernel.topRows(I) + attns_ * w.input_kernel.bottomRows(A);
    projected_.rowwise() += w.input_bias;
    for (size_t k = 0; k < w.lstm.size(); ++k) {
      const int H = w.config.layer_sizes[k];
      const Matrix& in = k == 0 ? projected_ : h_[k - 1];
      Matrix& g = gates_[k];
      g.noalias() = in * w.lstm[k].kernel.topRows(in.cols());
      g.noalias() += h_[k] * w.lstm[k].kernel.bottomRows(H);
      g.rowwise() += w.lstm[k].bias;
      auto gate = [&](int index) { return g.middleCols(index * H, H).array(); };
      c_[k].array() = c_[k].array() * (gate(2) + 1.0f).logistic() + gate(0).logistic() * gate(1).tanh();
      h_[k].array() = c_[k].array().tanh() * gate(3).logistic();
    }
    query_.noalias() = c_[0] * w.query_kernel.topRows(c_[0].cols());
    int row = int(c_[0].cols());
    for (size_t k = 0; k < c_.size(); ++k) {
      const int H = int(c_[k].cols());
      if (k > 0) {
        query_.noalias() += c_[k] * w.query_kernel.middleRows(row, H);
        row += H;
      }
      query_.noalias() += h_[k] * w.query_kernel.middleRows(row, H);
      row += H;
    }
    query_.rowwise() += w.query_bias;
    for (int t = 0; t < L; ++t) {
      tanh_ = (hidden_[size_t(t)] + query_).array().tanh();
      scores_.col(t).noalias() = tanh_ * w.attn_v.transpose();
    }
    for (int b = 0; b < batch_; ++b) {
      scores_.row(b) = (scores_.row(b).array() - scores_.row(b).maxCoeff()).exp();
      scores_.row(b) /= scores_.row(b).sum();
    }
    attns_.setZero();
    for (int t = 0; t < L; ++t)
      attns_.array() += states_[size_t(t)].array().colwise() * scores_.col(t).array();
    const int H = int(h_.back().cols());
    output_.noalias() =
        h_.back() * w.output_projection_kernel.topRows(H) + attns_ * w.output_projection_kernel.bottomRows(A);
    output_.rowwise() += w.output_projection_bias;
    states_[size_t(oldest_)] = output_;
    hidden_[size_t(oldest_)].noalias() = output_ * w.attn_w;
    oldest_ = (oldest_ + 1) % L;
    logits.noalias() = output_ * w.fc_weights;
    logits.rowwise() += w.fc_bias;
  }

 private:
  std::shared_ptr<const ModelWeights> w_;
  int batch_;
  std::vector<Matrix> c_, h_, gates_, states_, hidden_;
  Matrix projected_, attns_, query_, scores_, tanh_, output_;
  int oldest_ = 0;
};

}  // namespace

double eigen_anchor_ms(const std::shared_ptr<const ModelWeights>& weights, int batch, int steps, int runs) {
  Matrix x = Matrix::Zero(batch, weights->config.input_size());
  x.col(12).setOnes();
  Matrix logits(batch, weights->config.num_classes());
  std::vector<double> times;
  for (int r = 0; r < runs; ++r) {
    EigenAnchor anchor(weights, batch);
    const auto start = std::chrono::steady_clock::now();
    for (int s = 0; s < steps; ++s) anchor.step(x, logits);
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace musa::bench
