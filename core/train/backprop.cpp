#include "core/train/backprop.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <stdexcept>
#include <string>
#include <utility>

namespace musa {

LossStats& LossStats::operator+=(const LossStats& other) {
  loss_sum += other.loss_sum;
  steps += other.steps;
  correct += other.correct;
  note_on_steps += other.note_on_steps;
  note_on_correct += other.note_on_correct;
  return *this;
}

bool is_note_on_label(const ModelConfig& config, int label) {
  const int note_range = config.max_note - config.min_note;
  // KeyMelodyEncoderDecoder.events_to_label: pitch - min_note, then NOTE_OFF
  // (range), NO_EVENT (range + 1), repeats of 1 and 2 bars ago.
  if (config.encoding == EncodingKind::KeyMelody) return label >= 0 && label < note_range;
  // MelodyOneHotEncoding.encode_event: NO_EVENT 0, NOTE_OFF 1, pitch - min_note + 2.
  return label >= 2 && label < note_range + 2;
}

template <class Scalar>
BackpropWorkspace<Scalar>::BackpropWorkspace(const ModelConfig& config, int max_batch, int max_steps)
    : config_(config), max_batch_(max_batch), max_steps_(max_steps) {
  if (max_batch < 1 || max_steps < 1)
    throw std::invalid_argument("BackpropWorkspace: batch and steps must be positive");
  using Mat = RowMatrix<Scalar>;
  const int B = max_batch, R = max_batch * max_steps, R1 = max_batch * (max_steps + 1);
  const int I = config.input_size(), C = config.num_classes();
  const bool attention = config.has_attention();
  x_ = Mat::Zero(R, I);
  seeds_.assign(B, 0);
  labels_.assign(R, 0);
  mask_.assign(R, 0);
  int in = I;
  for (int H : config.layer_sizes) {
    Layer l;
    l.c = Mat::Zero(R1, H);
    l.h = Mat::Zero(R1, H);
    l.gates = Mat::Zero(R, 4 * H);
    l.tanh_c = Mat::Zero(R, H);
    l.z = Mat::Zero(R, H);
    l.keep_scale = Mat::Zero(R, H);
    l.d_gates = Mat::Zero(R, 4 * H);
    l.dh = Mat::Zero(B, H);
    l.dc = Mat::Zero(B, H);
    l.d_below = Mat::Zero(B, in);
    layers_.push_back(std::move(l));
    in = H;
  }
  const int top = config.layer_sizes.back();
  d_out_ = Mat::Zero(R, config.output_size());
  if (attention) {
    const int A = config.attn_size(), L = config.attn_length;
    xp_ = Mat::Zero(R, I);
    attns_ = Mat::Zero(R1, A);
    y_ = Mat::Zero(R, A);
    hidden_ = Mat::Zero(R, A);
    weights_ = Mat::Zero(R, L);
    out_ = Mat::Zero(R, A);
    d_xp_ = Mat::Zero(R, I);
    d_y_ = Mat::Zero(R, A);
    d_hidden_ = Mat::Zero(R, A);
    d_attns_ = Mat::Zero(B, A);
    d_query_ = Mat::Zero(B, 2 * config.total_lstm_units());
    scores_ = Mat::Zero(1, L);
    d_weights_ = Mat::Zero(1, L);
    tanh_buf_ = Mat::Zero(1, A);
    d_pre_ = Mat::Zero(1, A);
    d_top_ = Mat::Zero(B, top);
  }
  logits_ = Mat::Zero(R, C);
  label_log_prob_.assign(R, 0);
}

namespace detail {

/**
 * One forward (and optionally backward) pass over a shard of a batch, on the
 * buffers of a workspace. Rows are time-major: step t is rows [t*B, t*B + B).
 */
template <class Scalar>
class BackpropPass {
 public:
  using Mat = RowMatrix<Scalar>;
  using Workspace = BackpropWorkspace<Scalar>;
  using Weights = BasicModelWeights<Scalar>;

  BackpropPass(const Weights& w, Workspace& ws) : w_(w), ws_(ws), c_(w.config) {
    if (!(c_ == ws.config_))
      throw std::invalid_argument("backprop: the workspace was made for another model config");
  }

  /** Copies the shard in, runs the network, returns the statistics. */
  LossStats forward(const TrainBatch<Scalar>& batch, SequenceRange range, Scalar keep, std::mt19937_64* rng,
                    bool for_backward);
  /** Adds ∂loss/∂θ into `g`; needs a forward pass with for_backward set. */
  void backward(Weights& g);

 private:
  template <class M>
  auto step(M& m, int t) const {
    return m.middleRows(t * B_, B_);
  }
  template <class M>
  auto all(M& m) const {
    return m.topRows(T_ * B_);
  }

  /** The rows of sequence b at steps first…first+count-1 of `m`, as a count × cols matrix. */
  auto slots(const Mat& m, int first, int b, int count) const {
    using Strided = Eigen::Map<const Mat, 0, Eigen::OuterStride<>>;
    return Strided(m.data() + (static_cast<long>(first) * B_ + b) * m.cols(), count, m.cols(),
                   Eigen::OuterStride<>(static_cast<long>(B_) * m.cols()));
  }
  void load(const TrainBatch<Scalar>& batch, SequenceRange range);
  void lstm_forward(int k, int t);
  void attention_forward(int t);
  LossStats output_forward(bool for_backward);
  void lstm_backward(int k, int t);
  void attention_backward(int t);
  void weight_gradients(Weights& g);

  const Weights& w_;
  Weights* g_ = nullptr;  ///< the gradients being accumulated, during backward()
  Workspace& ws_;
  const ModelConfig& c_;
  int B_ = 0, T_ = 0;
  bool dropout_ = false;
};

template <class Scalar>
void BackpropPass<Scalar>::load(const TrainBatch<Scalar>& batch, SequenceRange range) {
  const int count = range.count < 0 ? batch.batch - range.first : range.count;
  const size_t rows = static_cast<size_t>(batch.batch) * batch.steps;
  if (range.first < 0 || count < 1 || range.first + count > batch.batch)
    throw std::invalid_argument("backprop: sequence range outside the batch");
  if (count > ws_.max_batch_ || batch.steps > ws_.max_steps_ || batch.steps < 1)
    throw std::invalid_argument("backprop: batch larger than the workspace");
  if (batch.inputs.rows() != static_cast<long>(rows) || batch.inputs.cols() != c_.input_size() ||
      batch.labels.size() != rows || batch.mask.size() != rows)
    throw std::invalid_argument("backprop: batch tensors do not match batch × steps × input size");
  if (!batch.seeds.empty() && batch.seeds.size() != static_cast<size_t>(batch.batch))
    throw std::invalid_argument("backprop: batch seeds do not match the batch size");
  B_ = count;
  // Steps after the last real one change nothing: leave them out.
  T_ = 0;
  for (int t = 0; t < batch.steps; ++t)
    for (int b = 0; b < B_; ++b)
      if (batch.mask[t * batch.batch + range.first + b] != 0) T_ = t + 1;
  std::fill(ws_.label_log_prob_.begin() + T_ * B_, ws_.label_log_prob_.begin() + batch.steps * B_, Scalar(0));
  for (int t = 0; t < T_; ++t) {
    const int src = t * batch.batch + range.first;
    step(ws_.x_, t) = batch.inputs.middleRows(src, B_);
    for (int b = 0; b < B_; ++b) {
      const Scalar m = batch.mask[src + b];
      const int label = batch.labels[src + b];
      if (m != 0 && (label < 0 || label >= c_.num_classes()))
        throw std::invalid_argument("backprop: label " + std::to_string(label) + " out of range");
      ws_.mask_[t * B_ + b] = m;
      ws_.labels_[t * B_ + b] = label;
    }
  }
}

/**
 * Fills one sequence's row of dropout's mask / keep_prob (1/keep with
 * probability keep, else 0) from `stream` alone: entry j takes half of
 * derive_seed(stream, j / 2), so the row never depends on the other rows.
 */
template <class Scalar, class Row>
void draw_keep_row(Row row, Scalar keep, std::uint64_t stream) {
  const auto threshold = static_cast<std::uint64_t>(static_cast<double>(keep) * 4294967296.0);
  const Scalar scale = Scalar(1) / keep;
  std::uint64_t bits = 0;
  for (long j = 0; j < row.cols(); ++j) {
    bits = j % 2 == 0 ? derive_seed(stream, static_cast<std::uint64_t>(j / 2)) : bits >> 32;
    row(j) = (bits & 0xffffffffu) < threshold ? scale : Scalar(0);
  }
}

template <class Scalar>
LossStats BackpropPass<Scalar>::forward(const TrainBatch<Scalar>& batch, SequenceRange range, Scalar keep,
                                        std::mt19937_64* rng, bool for_backward) {
  load(batch, range);
  if (rng && !(keep > 0 && keep <= 1))
    throw std::invalid_argument("backprop: dropout keep probability must be in (0, 1]");
  dropout_ = rng != nullptr && keep < 1;
  if (dropout_)
    for (int b = 0; b < B_; ++b)
      ws_.seeds_[b] = batch.seeds.empty() ? (*rng)() : batch.seeds[range.first + b];
  if (T_ == 0) return {};
  const int I = c_.input_size();
  if (c_.has_attention()) {
    // The x part of the input projection does not depend on the recurrence.
    all(ws_.xp_).noalias() = all(ws_.x_) * w_.input_kernel.topRows(I);
    all(ws_.xp_).rowwise() += w_.input_bias;
    step(ws_.attns_, 0).setZero();
  } else {
    auto& l0 = ws_.layers_[0];
    all(l0.gates).noalias() = all(ws_.x_) * w_.lstm[0].kernel.topRows(I);
    all(l0.gates).rowwise() += w_.lstm[0].bias;
  }
  for (auto& l : ws_.layers_) {
    step(l.c, 0).setZero();
    step(l.h, 0).setZero();
  }
  for (int t = 0; t < T_; ++t) {
    if (c_.has_attention())
      step(ws_.xp_, t).noalias() += step(ws_.attns_, t) * w_.input_kernel.bottomRows(c_.attn_size());
    for (size_t k = 0; k < ws_.layers_.size(); ++k) {
      lstm_forward(static_cast<int>(k), t);
      auto& l = ws_.layers_[k];
      if (dropout_) {
        // Sequence b's stream at (layer k, step t): its masks whatever else is in the batch.
        auto keep_scale = step(l.keep_scale, t);
        for (int b = 0; b < B_; ++b)
          draw_keep_row(keep_scale.row(b), keep, derive_seed(derive_seed(ws_.seeds_[b], k), t));
        step(l.z, t).array() = step(l.h, t + 1).array() * step(l.keep_scale, t).array();
      } else {
        step(l.z, t) = step(l.h, t + 1);
      }
    }
    if (c_.has_attention()) attention_forward(t);
  }
  return output_forward(for_backward);
}

template <class Scalar>
void BackpropPass<Scalar>::lstm_forward(int k, int t) {
  auto& l = ws_.layers_[k];
  const auto& W = w_.lstm[k].kernel;
  const int H = c_.layer_sizes[k], in = static_cast<int>(W.rows()) - H;
  auto g = step(l.gates, t);
  if (k == 0 && !c_.has_attention()) {
    g.noalias() += step(l.h, t) * W.bottomRows(H);  // x·W and the bias were added for all steps
  } else {
    const Mat& input = k == 0 ? ws_.xp_ : ws_.layers_[k - 1].z;
    g.noalias() = step(input, t) * W.topRows(in);
    g.noalias() += step(l.h, t) * W.bottomRows(H);
    g.rowwise() += w_.lstm[k].bias;
  }
  auto i = g.leftCols(H), j = g.middleCols(H, H), f = g.middleCols(2 * H, H), o = g.rightCols(H);
  i = i.array().logistic();
  j = j.array().tanh();
  f = (f.array() + Scalar(1)).logistic();  // BasicLSTMCell's forget_bias = 1.0
  o = o.array().logistic();
  step(l.c, t + 1).array() = step(l.c, t).array() * f.array() + i.array() * j.array();
  step(l.tanh_c, t).array() = step(l.c, t + 1).array().tanh();
  step(l.h, t + 1).array() = step(l.tanh_c, t).array() * o.array();
}

template <class Scalar>
void BackpropPass<Scalar>::attention_forward(int t) {
  const int L = c_.attn_length, A = c_.attn_size();
  auto& ws = ws_;
  // y = [c_0, h_0, c_1, h_1, …] · W_q + b_q: the query, from the new undropped states.
  auto y = step(ws.y_, t);
  int offset = 0;
  for (size_t k = 0; k < ws.layers_.size(); ++k) {
    const int H = c_.layer_sizes[k];
    if (k == 0)
      y.noalias() = step(ws.layers_[k].c, t + 1) * w_.query_kernel.middleRows(offset, H);
    else
      y.noalias() += step(ws.layers_[k].c, t + 1) * w_.query_kernel.middleRows(offset, H);
    y.noalias() += step(ws.layers_[k].h, t + 1) * w_.query_kernel.middleRows(offset + H, H);
    offset += 2 * H;
  }
  y.rowwise() += w_.query_bias;
  // Slot j holds out_{t-L+j}; slots before the first step hold zeros, whose
  // hidden features are 0, so they all score v·tanh(y). One sequence at a
  // time, so that its L × A slots stay in L1 and each pass is fused.
  const int zero_slots = std::max(0, L - t), live = L - zero_slots;
  const auto v = w_.attn_v.array();
  auto a = step(ws.weights_, t);
  auto attns = step(ws.attns_, t + 1);
  for (int b = 0; b < B_; ++b) {
    const auto yb = y.row(b).array();
    auto s = a.row(b);  // scores first, then softmax in place
    if (zero_slots > 0) s.head(zero_slots).setConstant((v * yb.tanh()).sum());
    for (int j = zero_slots; j < L; ++j)
      s(j) = (v * (ws.hidden_.row((t - L + j) * B_ + b).array() + yb).tanh()).sum();
    s.array() = (s.array() - s.maxCoeff()).exp();
    s /= s.sum();
    if (live > 0)
      attns.row(b).noalias() = s.tail(live) * slots(ws.out_, t - live, b, live);
    else
      attns.row(b).setZero();
  }
  // out = [z_top, attns] · W_out + b_out; its hidden features serve the next L steps.
  const int top = c_.layer_sizes.back();
  auto out = step(ws.out_, t);
  out.noalias() = step(ws.layers_.back().z, t) * w_.output_projection_kernel.topRows(top);
  out.noalias() += attns * w_.output_projection_kernel.bottomRows(A);
  out.rowwise() += w_.output_projection_bias;
  step(ws.hidden_, t).noalias() = out * w_.attn_w;
}

template <class Scalar>
LossStats BackpropPass<Scalar>::output_forward(bool for_backward) {
  const Mat& top = c_.has_attention() ? ws_.out_ : ws_.layers_.back().z;
  auto logits = all(ws_.logits_);
  logits.noalias() = all(top) * w_.fc_weights;
  logits.rowwise() += w_.fc_bias;
  LossStats stats;
  for (int r = 0; r < T_ * B_; ++r) {
    auto row = logits.row(r);
    const Scalar m = ws_.mask_[r];
    if (m == 0) {
      ws_.label_log_prob_[r] = 0;
      if (for_backward) row.setZero();
      continue;
    }
    const int label = ws_.labels_[r];
    Eigen::Index best = 0;
    const Scalar max = row.maxCoeff(&best);
    const Scalar sum = (row.array() - max).exp().sum();
    const Scalar log_p = row(label) - max - std::log(sum);
    ws_.label_log_prob_[r] = log_p;
    const bool note_on = is_note_on_label(c_, label);
    stats.loss_sum -= static_cast<double>(m * log_p);
    stats.steps += static_cast<double>(m);
    stats.correct += best == label ? static_cast<double>(m) : 0.0;
    stats.note_on_steps += note_on ? static_cast<double>(m) : 0.0;
    stats.note_on_correct += note_on && best == label ? static_cast<double>(m) : 0.0;
    if (for_backward) {
      // ∂(−log softmax(row)[label])/∂row = softmax(row) − onehot(label).
      row = (row.array() - max).exp() * (m / sum);
      row(label) -= m;
    }
  }
  return stats;
}

template <class Scalar>
void BackpropPass<Scalar>::backward(Weights& g) {
  g_ = &g;
  if (T_ == 0) return;
  const bool attention = c_.has_attention();
  // ∂loss/∂(the vector the output layer reads), for every step at once.
  all(ws_.d_out_).noalias() = all(ws_.logits_) * w_.fc_weights.transpose();
  if (attention) {
    all(ws_.d_hidden_).setZero();
    ws_.d_attns_.topRows(B_).setZero();
  }
  for (auto& l : ws_.layers_) {
    l.dh.topRows(B_).setZero();
    l.dc.topRows(B_).setZero();
  }
  for (int t = T_ - 1; t >= 0; --t) {
    if (attention) attention_backward(t);
    for (int k = static_cast<int>(ws_.layers_.size()) - 1; k >= 0; --k) lstm_backward(k, t);
    if (attention)
      ws_.d_attns_.topRows(B_).noalias() =
          step(ws_.d_xp_, t) * w_.input_kernel.bottomRows(c_.attn_size()).transpose();
  }
  weight_gradients(g);
}

template <class Scalar>
void BackpropPass<Scalar>::attention_backward(int t) {
  auto& ws = ws_;
  const int L = c_.attn_length, A = c_.attn_size(), top = c_.layer_sizes.back();
  // By now every later step has added its share to ∂out_t and ∂hidden_t.
  auto d_out = step(ws.d_out_, t);
  d_out.noalias() += step(ws.d_hidden_, t) * w_.attn_w.transpose();
  ws.d_top_.topRows(B_).noalias() = d_out * w_.output_projection_kernel.topRows(top).transpose();
  auto d_attns = ws.d_attns_.topRows(B_);  // holds ∂x'_{t+1}'s share already
  d_attns.noalias() += d_out * w_.output_projection_kernel.bottomRows(A).transpose();

  // attns = Σ_j a_j out_{t-L+j}, a = softmax(s), s_j = v · tanh(hidden_{t-L+j} + y).
  const int zero_slots = std::max(0, L - t), live = L - zero_slots;
  const auto v = w_.attn_v.array();
  auto a = step(ws.weights_, t);
  auto y = step(ws.y_, t);
  auto d_y = step(ws.d_y_, t);
  auto& dv = g_->attn_v;
  auto tanh_row = ws.tanh_buf_.row(0).array();
  auto d_pre = ws.d_pre_.row(0).array();
  for (int b = 0; b < B_; ++b) {
    const auto ab = a.row(b).array();
    auto da = ws.d_weights_.row(0);
    da.head(zero_slots).setZero();
    if (live > 0) da.tail(live).noalias() = d_attns.row(b) * slots(ws.out_, t - live, b, live).transpose();
    auto ds = ws.scores_.row(0).array();
    ds = ab * (da.array() - (ab * da.array()).sum());
    const auto yb = y.row(b).array();
    auto dyb = d_y.row(b).array();
    if (zero_slots > 0) {
      const Scalar ds_zero = ds.head(zero_slots).sum();
      tanh_row = yb.tanh();
      dv.array() += ds_zero * tanh_row;
      dyb = ds_zero * (Scalar(1) - tanh_row.square()) * v;
    } else {
      dyb.setZero();
    }
    const auto dattn = d_attns.row(b).array();
    for (int j = zero_slots; j < L; ++j) {
      const int row = (t - L + j) * B_ + b;
      tanh_row = (ws.hidden_.row(row).array() + yb).tanh();
      dv.array() += ds(j) * tanh_row;
      d_pre = ds(j) * (Scalar(1) - tanh_row.square()) * v;
      dyb += d_pre;
      ws.d_hidden_.row(row).array() += d_pre;
      ws.d_out_.row(row).array() += ab(j) * dattn;
    }
  }
  ws.d_query_.topRows(B_).noalias() = d_y * w_.query_kernel.transpose();
}

template <class Scalar>
void BackpropPass<Scalar>::lstm_backward(int k, int t) {
  auto& l = ws_.layers_[k];
  const auto& W = w_.lstm[k].kernel;
  const int K = static_cast<int>(ws_.layers_.size());
  const int H = c_.layer_sizes[k], in = static_cast<int>(W.rows()) - H;
  auto dh = l.dh.topRows(B_);  // holds the carry from step t+1
  auto dc = l.dc.topRows(B_);
  // ∂ of this layer's output z = h ⊙ keep_scale, from above.
  if (k == K - 1) {
    if (c_.has_attention()) {
      if (dropout_)
        dh.array() += ws_.d_top_.topRows(B_).array() * step(l.keep_scale, t).array();
      else
        dh += ws_.d_top_.topRows(B_);
    } else {
      if (dropout_)
        dh.array() += step(ws_.d_out_, t).array() * step(l.keep_scale, t).array();
      else
        dh += step(ws_.d_out_, t);
    }
  } else {
    auto from_above = ws_.layers_[k + 1].d_below.topRows(B_);
    if (dropout_)
      dh.array() += from_above.array() * step(l.keep_scale, t).array();
    else
      dh += from_above;
  }
  if (c_.has_attention()) {
    int offset = 0;
    for (int j = 0; j < k; ++j) offset += 2 * c_.layer_sizes[j];
    dc += ws_.d_query_.topRows(B_).middleCols(offset, H);
    dh += ws_.d_query_.topRows(B_).middleCols(offset + H, H);
  }
  auto gates = step(l.gates, t);
  const auto i = gates.leftCols(H).array(), j = gates.middleCols(H, H).array(),
             f = gates.middleCols(2 * H, H).array(), o = gates.rightCols(H).array();
  const auto tanh_c = step(l.tanh_c, t).array();
  // h = tanh(c) ⊙ o;  c = c_prev ⊙ f + i ⊙ j.
  dc.array() += dh.array() * o * (Scalar(1) - tanh_c.square());
  auto dg = step(l.d_gates, t);
  dg.leftCols(H).array() = dc.array() * j * i * (Scalar(1) - i);
  dg.middleCols(H, H).array() = dc.array() * i * (Scalar(1) - j.square());
  dg.middleCols(2 * H, H).array() = dc.array() * step(l.c, t).array() * f * (Scalar(1) - f);
  dg.rightCols(H).array() = dh.array() * tanh_c * o * (Scalar(1) - o);
  dc.array() *= f;
  dh.noalias() = dg * W.bottomRows(H).transpose();
  if (k > 0)
    l.d_below.topRows(B_).noalias() = dg * W.topRows(in).transpose();
  else if (c_.has_attention())
    step(ws_.d_xp_, t).noalias() = dg * W.topRows(in).transpose();
}

template <class Scalar>
void BackpropPass<Scalar>::weight_gradients(Weights& g) {
  const bool attention = c_.has_attention();
  const int I = c_.input_size(), top = c_.layer_sizes.back();
  const int R = T_ * B_;
  const Mat& out = attention ? ws_.out_ : ws_.layers_.back().z;
  g.fc_weights.noalias() += all(out).transpose() * all(ws_.logits_);
  g.fc_bias += all(ws_.logits_).colwise().sum();
  int offset = 0;
  for (size_t k = 0; k < ws_.layers_.size(); ++k) {
    const auto& l = ws_.layers_[k];
    const int H = c_.layer_sizes[k];
    const int in = static_cast<int>(g.lstm[k].kernel.rows()) - H;
    const Mat& input = k > 0 ? ws_.layers_[k - 1].z : attention ? ws_.xp_ : ws_.x_;
    g.lstm[k].kernel.topRows(in).noalias() += input.topRows(R).transpose() * l.d_gates.topRows(R);
    g.lstm[k].kernel.bottomRows(H).noalias() += l.h.topRows(R).transpose() * l.d_gates.topRows(R);
    g.lstm[k].bias += l.d_gates.topRows(R).colwise().sum();
    if (attention) {
      g.query_kernel.middleRows(offset, H).noalias() += l.c.middleRows(B_, R).transpose() * all(ws_.d_y_);
      g.query_kernel.middleRows(offset + H, H).noalias() += l.h.middleRows(B_, R).transpose() * all(ws_.d_y_);
    }
    offset += 2 * H;
  }
  if (!attention) return;
  const int A = c_.attn_size();
  g.query_bias += all(ws_.d_y_).colwise().sum();
  g.attn_w.noalias() += all(ws_.out_).transpose() * all(ws_.d_hidden_);
  g.output_projection_kernel.topRows(top).noalias() +=
      all(ws_.layers_.back().z).transpose() * all(ws_.d_out_);
  g.output_projection_kernel.bottomRows(A).noalias() +=
      ws_.attns_.middleRows(B_, R).transpose() * all(ws_.d_out_);
  g.output_projection_bias += all(ws_.d_out_).colwise().sum();
  g.input_kernel.topRows(I).noalias() += all(ws_.x_).transpose() * all(ws_.d_xp_);
  g.input_kernel.bottomRows(A).noalias() += all(ws_.attns_).transpose() * all(ws_.d_xp_);
  g.input_bias += all(ws_.d_xp_).colwise().sum();
}

}  // namespace detail

template <class Scalar>
LossStats accumulate_gradients(const BasicModelWeights<Scalar>& w, const TrainBatch<Scalar>& batch,
                               BasicModelWeights<Scalar>& grads, BackpropWorkspace<Scalar>& ws,
                               Scalar dropout_keep, std::mt19937_64* rng, SequenceRange range) {
  if (!(grads.config == w.config))
    throw std::invalid_argument("accumulate_gradients: gradients shaped for another config");
  detail::BackpropPass<Scalar> pass(w, ws);
  const LossStats stats = pass.forward(batch, range, dropout_keep, rng, true);
  pass.backward(grads);
  return stats;
}

template <class Scalar>
LossStats evaluate_batch(const BasicModelWeights<Scalar>& w, const TrainBatch<Scalar>& batch,
                         BackpropWorkspace<Scalar>& ws, SequenceRange range) {
  detail::BackpropPass<Scalar> pass(w, ws);
  return pass.forward(batch, range, Scalar(1), nullptr, false);
}

template <class Scalar>
void set_zero(BasicModelWeights<Scalar>& w) {
  for (auto& t : w.tensors()) std::fill(t.data, t.data + t.size, Scalar(0));
}

template class BackpropWorkspace<float>;
template class BackpropWorkspace<double>;
template LossStats accumulate_gradients(const BasicModelWeights<float>&, const TrainBatch<float>&,
                                        BasicModelWeights<float>&, BackpropWorkspace<float>&, float,
                                        std::mt19937_64*, SequenceRange);
template LossStats accumulate_gradients(const BasicModelWeights<double>&, const TrainBatch<double>&,
                                        BasicModelWeights<double>&, BackpropWorkspace<double>&, double,
                                        std::mt19937_64*, SequenceRange);
template LossStats evaluate_batch(const BasicModelWeights<float>&, const TrainBatch<float>&,
                                  BackpropWorkspace<float>&, SequenceRange);
template LossStats evaluate_batch(const BasicModelWeights<double>&, const TrainBatch<double>&,
                                  BackpropWorkspace<double>&, SequenceRange);
template void set_zero(BasicModelWeights<float>&);
template void set_zero(BasicModelWeights<double>&);

}  // namespace musa
