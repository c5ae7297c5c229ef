#include "core/train/backprop.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "core/model/kernels.h"

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
    d_weights_ = Mat::Zero(B, L);
    tanh_buf_ = Mat::Zero(1, A);
    d_pre_ = Mat::Zero(1, A);
    d_top_ = Mat::Zero(B, top);
    slot_hidden_.assign(L, nullptr);
    slot_states_.assign(L, nullptr);
    slot_d_hidden_.assign(L, nullptr);
    slot_d_states_.assign(L, nullptr);
    zero_slot_ = Mat::Zero(B, A);
    discarded_slot_ = Mat::Zero(B, A);
  }
  logits_ = Mat::Zero(R, C);
  label_log_prob_.assign(R, 0);
}

namespace detail {

/**
 * The matrix products of a pass, on the kernel set this CPU runs when in
 * float (as training runs: kernels.h picks AVX2 or AVX-512 at start, which
 * Eigen in a portable build cannot), on Eigen in double (the gradient
 * checks). Matrices are row-major; `out`'s rows must be contiguous.
 */
template <class Scalar>
struct Products {
  using Mat = RowMatrix<Scalar>;
  using In = Eigen::Ref<const Mat, 0, Eigen::OuterStride<>>;
  using Out = Eigen::Ref<Mat, 0, Eigen::OuterStride<>>;
  using WeightRows = Eigen::Ref<const Mat>;  ///< a whole matrix or a run of its rows, never a copy
  using Parts = std::initializer_list<In>;
  static constexpr bool kKernels = std::is_same_v<Scalar, float>;
  static constexpr int kMaxParts = 2;  ///< [input, h] at most

  /** out = bias + [parts…] · W: the parts' columns, one after another, meet W's rows. `bias` may be null. */
  static void affine(Out out, Parts parts, const WeightRows& W, const RowVector<Scalar>* bias) {
    if constexpr (kKernels) {
      const auto operands = operands_of(parts, W, out);
      kernels::best().affine(operands.data(), int(parts.size()), int(out.rows()), W.data(),
                             bias ? bias->data() : nullptr, int(W.cols()), out.data());
    } else {
      if (bias)
        out.rowwise() = *bias;
      else
        out.setZero();
      add_affine(out, parts, W);
    }
  }

  /** out += [parts…] · W. */
  static void add_affine(Out out, Parts parts, const WeightRows& W) {
    if constexpr (kKernels) {
      const auto operands = operands_of(parts, W, out);
      kernels::best().add_affine(operands.data(), int(parts.size()), int(out.rows()), W.data(), int(W.cols()),
                                 out.data());
    } else {
      long row = 0;
      for (const In& part : parts) {
        out.noalias() += part * W.middleRows(row, part.cols());
        row += part.cols();
      }
    }
  }

  /** out += aᵀ · b, summed over their rows (thousands of steps): a weight's gradient. */
  static void add_transposed_product(Out out, const In& a, const In& b) {
    if constexpr (kKernels) {
      if (a.rows() != b.rows() || out.rows() != a.cols() || out.cols() != b.cols() ||
          b.outerStride() != b.cols() || out.outerStride() != out.cols())
        throw std::logic_error("backprop: a weight gradient's matrices do not fit");
      // aᵀ's rows are a's columns: 1 float apart, their entries a row of a apart.
      const kernels::Operand transposed{a.data(), 1, int(a.rows()), int(a.outerStride())};
      kernels::best().add_affine(&transposed, 1, int(out.rows()), b.data(), int(b.cols()), out.data());
    } else {
      out.noalias() += a.transpose() * b;
    }
  }

  /**
   * bias += the sum of m's rows (a bias's gradient), row after row as m lies
   * in memory: Eigen's colwise().sum() of a row-major matrix strides down each
   * column in turn, which cost as much as a weight gradient.
   */
  static void add_column_sums(RowVector<Scalar>& bias, const In& m) {
    RowVector<Scalar> sum = RowVector<Scalar>::Zero(m.cols());
    for (Eigen::Index r = 0; r < m.rows(); ++r) sum += m.row(r);
    bias += sum;
  }

 private:
  static std::array<kernels::Operand, kMaxParts> operands_of(Parts parts, const WeightRows& W,
                                                             const Out& out) {
    std::array<kernels::Operand, kMaxParts> operands{};
    long depth = 0;
    if (parts.size() > operands.size()) throw std::logic_error("backprop: too many parts in one product");
    int p = 0;
    for (const In& part : parts) {
      if (part.rows() != out.rows()) throw std::logic_error("backprop: a product's parts differ in rows");
      operands[p++] = {part.data(), int(part.outerStride()), int(part.cols())};
      depth += part.cols();
    }
    if (depth != W.rows() || out.cols() != W.cols() || W.outerStride() != W.cols() ||
        out.outerStride() != out.cols())
      throw std::logic_error("backprop: a product's shapes do not fit its weights");
    return operands;
  }
};

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

  void transpose_weights();
  void point_slots(int t);

  using Maths = Products<Scalar>;
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
 * In float the kernel set draws the same mask, several entries a vector.
 */
template <class Scalar>
void draw_keep_row(Scalar* row, long cols, Scalar keep, std::uint64_t stream) {
  if constexpr (Products<Scalar>::kKernels) {
    kernels::best().dropout_row(row, static_cast<int>(cols), keep, stream);
    return;
  }
  const auto threshold = static_cast<std::uint64_t>(static_cast<double>(keep) * 4294967296.0);
  const Scalar scale = Scalar(1) / keep;
  // Kept or dropped at random: a multiply, not a branch the CPU would mispredict.
  const auto entry = [&](std::uint64_t half) { return scale * static_cast<Scalar>(half < threshold); };
  long j = 0;
  for (; j + 1 < cols; j += 2) {
    const std::uint64_t bits = derive_seed(stream, static_cast<std::uint64_t>(j / 2));
    row[j] = entry(bits & 0xffffffffu);
    row[j + 1] = entry(bits >> 32);
  }
  if (j < cols) row[j] = entry(derive_seed(stream, static_cast<std::uint64_t>(j / 2)) & 0xffffffffu);
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
  if (c_.has_attention()) step(ws_.attns_, 0).setZero();
  for (auto& l : ws_.layers_) {
    step(l.c, 0).setZero();
    step(l.h, 0).setZero();
  }
  for (int t = 0; t < T_; ++t) {
    if (c_.has_attention())
      Maths::affine(step(ws_.xp_, t), {step(ws_.x_, t), step(ws_.attns_, t)}, w_.input_kernel,
                    &w_.input_bias);
    for (size_t k = 0; k < ws_.layers_.size(); ++k) {
      lstm_forward(static_cast<int>(k), t);
      auto& l = ws_.layers_[k];
      if (dropout_) {
        // Sequence b's stream at (layer k, step t): its masks whatever else is in the batch.
        auto keep_scale = step(l.keep_scale, t);
        for (int b = 0; b < B_; ++b)
          draw_keep_row(keep_scale.row(b).data(), keep_scale.cols(), keep,
                        derive_seed(derive_seed(ws_.seeds_[b], k), t));
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
  const int H = c_.layer_sizes[k];
  auto g = step(l.gates, t);
  const Mat& input = k > 0 ? ws_.layers_[k - 1].z : c_.has_attention() ? ws_.xp_ : ws_.x_;
  Maths::affine(g, {step(input, t), step(l.h, t)}, W, &w_.lstm[k].bias);
  if constexpr (Maths::kKernels) {
    kernels::best().lstm_cell_forward(g.data(), B_, H, step(l.c, t).data(), step(l.c, t + 1).data(),
                                      step(l.tanh_c, t).data(), step(l.h, t + 1).data());
    return;
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
void BackpropPass<Scalar>::point_slots(int t) {
  // Slot j: step t−L+j's rows of every sequence; slots before the first step
  // read a block of zeros, and their gradients go to a block no one reads.
  auto& ws = ws_;
  const int L = c_.attn_length, A = c_.attn_size();
  for (int j = 0; j < L; ++j) {
    const long first = static_cast<long>(t - L + j) * B_ * A;
    const bool zero = first < 0;
    ws.slot_hidden_[j] = zero ? ws.zero_slot_.data() : ws.hidden_.data() + first;
    ws.slot_states_[j] = zero ? ws.zero_slot_.data() : ws.out_.data() + first;
    ws.slot_d_hidden_[j] = zero ? ws.discarded_slot_.data() : ws.d_hidden_.data() + first;
    ws.slot_d_states_[j] = zero ? ws.discarded_slot_.data() : ws.d_out_.data() + first;
  }
}

template <class Scalar>
void BackpropPass<Scalar>::attention_forward(int t) {
  const int L = c_.attn_length;
  auto& ws = ws_;
  // y = [c_0, h_0, c_1, h_1, …] · W_q + b_q: the query, from the new undropped states.
  auto y = step(ws.y_, t);
  int offset = 0;
  for (size_t k = 0; k < ws.layers_.size(); ++k) {
    const auto& l = ws.layers_[k];
    const auto rows = w_.query_kernel.middleRows(offset, 2 * c_.layer_sizes[k]);
    if (k == 0)
      Maths::affine(y, {step(l.c, t + 1), step(l.h, t + 1)}, rows, &w_.query_bias);
    else
      Maths::add_affine(y, {step(l.c, t + 1), step(l.h, t + 1)}, rows);
    offset += 2 * c_.layer_sizes[k];
  }
  // Slot j holds out_{t-L+j}; slots before the first step hold zeros, whose
  // hidden features are 0, so they all score v·tanh(y).
  auto a = step(ws.weights_, t);
  auto attns = step(ws.attns_, t + 1);
  if constexpr (Maths::kKernels) {
    // The sampler's attention kernel, every sequence at once.
    point_slots(t);
    kernels::best().attend(ws.slot_hidden_.data(), ws.slot_states_.data(), L, 0, y.data(), w_.attn_v.data(),
                           B_, c_.attn_size(), a.data(), attns.data());
  } else {
    // One sequence at a time, so that its L × A slots stay in L1 and each pass is fused.
    const int zero_slots = std::max(0, L - t), live = L - zero_slots;
    const auto v = w_.attn_v.array();
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
  }
  // out = [z_top, attns] · W_out + b_out; its hidden features serve the next L steps.
  auto out = step(ws.out_, t);
  Maths::affine(out, {step(ws.layers_.back().z, t), attns}, w_.output_projection_kernel,
                &w_.output_projection_bias);
  Maths::affine(step(ws.hidden_, t), {out}, w_.attn_w, nullptr);
}

template <class Scalar>
LossStats BackpropPass<Scalar>::output_forward(bool for_backward) {
  const Mat& top = c_.has_attention() ? ws_.out_ : ws_.layers_.back().z;
  auto logits = all(ws_.logits_);
  Maths::affine(logits, {all(top)}, w_.fc_weights, &w_.fc_bias);
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
  transpose_weights();
  const auto& transposed = ws_.transposed_;
  // ∂loss/∂(the vector the output layer reads), for every step at once.
  Maths::affine(all(ws_.d_out_), {all(ws_.logits_)}, transposed.fc, nullptr);
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
      Maths::affine(ws_.d_attns_.topRows(B_), {step(ws_.d_xp_, t)}, transposed.input_attns, nullptr);
  }
  weight_gradients(g);
}

template <class Scalar>
void BackpropPass<Scalar>::transpose_weights() {
  // Backprop multiplies by Wᵀ at every step: Wᵀ's rows are what the products read.
  auto& transposed = ws_.transposed_;
  transposed.fc = w_.fc_weights.transpose();
  transposed.lstm_input.resize(w_.lstm.size());
  transposed.lstm_recurrent.resize(w_.lstm.size());
  for (size_t k = 0; k < w_.lstm.size(); ++k) {
    const int H = c_.layer_sizes[k], in = static_cast<int>(w_.lstm[k].kernel.rows()) - H;
    transposed.lstm_input[k] = w_.lstm[k].kernel.topRows(in).transpose();
    transposed.lstm_recurrent[k] = w_.lstm[k].kernel.bottomRows(H).transpose();
  }
  if (!c_.has_attention()) return;
  const int A = c_.attn_size(), top = c_.layer_sizes.back();
  transposed.attn_w = w_.attn_w.transpose();
  transposed.output_top = w_.output_projection_kernel.topRows(top).transpose();
  transposed.output_attns = w_.output_projection_kernel.bottomRows(A).transpose();
  transposed.query = w_.query_kernel.transpose();
  transposed.input_attns = w_.input_kernel.bottomRows(A).transpose();
}

template <class Scalar>
void BackpropPass<Scalar>::attention_backward(int t) {
  auto& ws = ws_;
  const int L = c_.attn_length;
  const auto& transposed = ws.transposed_;
  // By now every later step has added its share to ∂out_t and ∂hidden_t.
  auto d_out = step(ws.d_out_, t);
  Maths::add_affine(d_out, {step(ws.d_hidden_, t)}, transposed.attn_w);
  Maths::affine(ws.d_top_.topRows(B_), {d_out}, transposed.output_top, nullptr);
  auto d_attns = ws.d_attns_.topRows(B_);  // holds ∂x'_{t+1}'s share already
  Maths::add_affine(d_attns, {d_out}, transposed.output_attns);

  // attns = Σ_j a_j out_{t-L+j}, a = softmax(s), s_j = v · tanh(hidden_{t-L+j} + y).
  auto a = step(ws.weights_, t);
  auto y = step(ws.y_, t);
  auto d_y = step(ws.d_y_, t);
  if constexpr (Maths::kKernels) {
    point_slots(t);
    kernels::best().attend_backward(ws.slot_hidden_.data(), ws.slot_states_.data(), L, y.data(),
                                    w_.attn_v.data(), B_, c_.attn_size(), a.data(), d_attns.data(),
                                    ws.slot_d_hidden_.data(), ws.slot_d_states_.data(), d_y.data(),
                                    g_->attn_v.data(), ws.d_weights_.data());
  } else {
    const int zero_slots = std::max(0, L - t), live = L - zero_slots;
    const auto v = w_.attn_v.array();
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
  }
  Maths::affine(ws.d_query_.topRows(B_), {d_y}, transposed.query, nullptr);
}

template <class Scalar>
void BackpropPass<Scalar>::lstm_backward(int k, int t) {
  auto& l = ws_.layers_[k];
  const int K = static_cast<int>(ws_.layers_.size());
  const int H = c_.layer_sizes[k];
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
  auto dg = step(l.d_gates, t);
  if constexpr (Maths::kKernels) {
    kernels::best().lstm_cell_backward(gates.data(), B_, H, step(l.c, t).data(), step(l.tanh_c, t).data(),
                                       dh.data(), dc.data(), dg.data());
  } else {
    const auto i = gates.leftCols(H).array(), j = gates.middleCols(H, H).array(),
               f = gates.middleCols(2 * H, H).array(), o = gates.rightCols(H).array();
    const auto tanh_c = step(l.tanh_c, t).array();
    // h = tanh(c) ⊙ o;  c = c_prev ⊙ f + i ⊙ j.
    dc.array() += dh.array() * o * (Scalar(1) - tanh_c.square());
    dg.leftCols(H).array() = dc.array() * j * i * (Scalar(1) - i);
    dg.middleCols(H, H).array() = dc.array() * i * (Scalar(1) - j.square());
    dg.middleCols(2 * H, H).array() = dc.array() * step(l.c, t).array() * f * (Scalar(1) - f);
    dg.rightCols(H).array() = dh.array() * tanh_c * o * (Scalar(1) - o);
    dc.array() *= f;
  }
  Maths::affine(dh, {dg}, ws_.transposed_.lstm_recurrent[k], nullptr);
  if (k > 0)
    Maths::affine(l.d_below.topRows(B_), {dg}, ws_.transposed_.lstm_input[k], nullptr);
  else if (c_.has_attention())
    Maths::affine(step(ws_.d_xp_, t), {dg}, ws_.transposed_.lstm_input[k], nullptr);
}

template <class Scalar>
void BackpropPass<Scalar>::weight_gradients(Weights& g) {
  const bool attention = c_.has_attention();
  const int I = c_.input_size(), top = c_.layer_sizes.back();
  const int R = T_ * B_;
  const Mat& out = attention ? ws_.out_ : ws_.layers_.back().z;
  Maths::add_transposed_product(g.fc_weights, all(out), all(ws_.logits_));
  Maths::add_column_sums(g.fc_bias, all(ws_.logits_));
  int offset = 0;
  for (size_t k = 0; k < ws_.layers_.size(); ++k) {
    const auto& l = ws_.layers_[k];
    const int H = c_.layer_sizes[k];
    const int in = static_cast<int>(g.lstm[k].kernel.rows()) - H;
    const Mat& input = k > 0 ? ws_.layers_[k - 1].z : attention ? ws_.xp_ : ws_.x_;
    Maths::add_transposed_product(g.lstm[k].kernel.topRows(in), input.topRows(R), l.d_gates.topRows(R));
    Maths::add_transposed_product(g.lstm[k].kernel.bottomRows(H), l.h.topRows(R), l.d_gates.topRows(R));
    Maths::add_column_sums(g.lstm[k].bias, l.d_gates.topRows(R));
    if (attention) {
      Maths::add_transposed_product(g.query_kernel.middleRows(offset, H), l.c.middleRows(B_, R),
                                    all(ws_.d_y_));
      Maths::add_transposed_product(g.query_kernel.middleRows(offset + H, H), l.h.middleRows(B_, R),
                                    all(ws_.d_y_));
    }
    offset += 2 * H;
  }
  if (!attention) return;
  const int A = c_.attn_size();
  Maths::add_column_sums(g.query_bias, all(ws_.d_y_));
  Maths::add_transposed_product(g.attn_w, all(ws_.out_), all(ws_.d_hidden_));
  Maths::add_transposed_product(g.output_projection_kernel.topRows(top), all(ws_.layers_.back().z),
                                all(ws_.d_out_));
  Maths::add_transposed_product(g.output_projection_kernel.bottomRows(A), ws_.attns_.middleRows(B_, R),
                                all(ws_.d_out_));
  Maths::add_column_sums(g.output_projection_bias, all(ws_.d_out_));
  Maths::add_transposed_product(g.input_kernel.topRows(I), all(ws_.x_), all(ws_.d_xp_));
  Maths::add_transposed_product(g.input_kernel.bottomRows(A), all(ws_.attns_), all(ws_.d_xp_));
  Maths::add_column_sums(g.input_bias, all(ws_.d_xp_));
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
