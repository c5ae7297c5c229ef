// Every kernel set this CPU runs (core/model/kernels.h) computes what a plain
// double-precision loop computes, on shapes that reach every tile height,
// the vector tails and several parts. The network's own checks (golden
// log-probabilities, hand-worked steps) run on every set in test_model.

#include <QtTest>
#include <cmath>
#include <cstdlib>
#include <random>
#include <vector>

#include "core/model/kernels.h"
#include "core/train/backprop.h"
#include "test_main.h"

using namespace musa;
using namespace musa::kernels;

namespace {

std::vector<float> random_floats(size_t n, std::mt19937& rng, float scale = 1.0f) {
  std::uniform_real_distribution<float> d(-scale, scale);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

/** What a failed comparison says: the set, the shape, the entry, what came and what was due. */
QString mismatch(const KernelSet* set, const QString& shape, int row, int col, double got, double want) {
  return QStringLiteral("%1: %2: [%3][%4] = %5, want %6")
      .arg(set->name, shape)
      .arg(row)
      .arg(col)
      .arg(got)
      .arg(want);
}

}  // namespace

class KernelsTest : public QObject {
  Q_OBJECT

 private slots:
  void portableComesFirstAndTheBestIsChosen() {
    const auto sets = supported();
    QVERIFY(!sets.empty());
    QCOMPARE(std::string(sets.front()->name), std::string("portable"));
    if (!std::getenv("MUSA_KERNELS")) QCOMPARE(&best(), sets.back());
    QVERIFY(kernels_note().find(best().name) == 0);
  }

  void affineAndAddAffineMatchAPlainLoop() {
    std::mt19937 rng(1);
    for (const KernelSet* set : supported())
      for (int rows : {1, 2, 3, 5, 7, 10, 13, 25})
        for (int cols : {1, 3, 4, 15, 16, 33, 40, 512}) {
          // Two parts (depths 5 and 17) read from wider rows, as the network's [x, h] are.
          const int depths[2] = {5, 17}, strides[2] = {9, 17};
          const auto x0 = random_floats(size_t(rows * strides[0]), rng),
                     x1 = random_floats(size_t(rows * 17), rng);
          const auto w = random_floats(size_t(22 * cols), rng), bias = random_floats(size_t(cols), rng);
          const Operand parts[2] = {{x0.data(), strides[0], depths[0]}, {x1.data(), strides[1], depths[1]}};
          // affine with and without a bias, then add_affine onto what out holds (99).
          for (int mode : {0, 1, 2}) {
            std::vector<float> out(size_t(rows * cols), 99.0f);
            if (mode < 2)
              set->affine(parts, 2, rows, w.data(), mode == 0 ? bias.data() : nullptr, cols, out.data());
            else
              set->add_affine(parts, 2, rows, w.data(), cols, out.data());
            for (int r = 0; r < rows; ++r)
              for (int c = 0; c < cols; ++c) {
                double want = mode == 0 ? bias[size_t(c)] : mode == 1 ? 0.0 : 99.0;
                for (int k = 0; k < 5; ++k) want += double(x0[size_t(r * 9 + k)]) * w[size_t(k * cols + c)];
                for (int k = 0; k < 17; ++k)
                  want += double(x1[size_t(r * 17 + k)]) * w[size_t((5 + k) * cols + c)];
                const float got = out[size_t(r * cols + c)];
                if (std::abs(got - want) > 1e-5 * (1 + std::abs(want)))
                  QFAIL(qPrintable(mismatch(set, QStringLiteral("%1 rows x %2 cols").arg(rows).arg(cols), r,
                                            c, got, want)));
              }
          }
        }
  }

  void addAffineAddsAndReadsTransposedOperands() {
    std::mt19937 rng(3);
    for (const KernelSet* set : supported())
      for (int rows : {1, 7, 13, 40})
        for (int cols : {3, 16, 40, 100})
          for (int depth : {5, 300}) {  // 300: deeper than one slice of the sum
            // aᵀ · b as the weight gradients read it: a is depth × rows (stride rows + 2), b depth × cols.
            const int a_stride = rows + 2;
            const auto a = random_floats(size_t(depth * a_stride), rng),
                       b = random_floats(size_t(depth * cols), rng);
            auto out = random_floats(size_t(rows * cols), rng);
            const auto before = out;
            const Operand transposed{a.data(), 1, depth, a_stride};
            set->add_affine(&transposed, 1, rows, b.data(), cols, out.data());
            for (int r = 0; r < rows; ++r)
              for (int c = 0; c < cols; ++c) {
                double want = before[size_t(r * cols + c)];
                for (int k = 0; k < depth; ++k)
                  want += double(a[size_t(k * a_stride + r)]) * b[size_t(k * cols + c)];
                const float got = out[size_t(r * cols + c)];
                if (std::abs(got - want) > 1e-4 * (1 + std::abs(want)))
                  QFAIL(qPrintable(
                      mismatch(set, QStringLiteral("%1 x %2, depth %3").arg(rows).arg(cols).arg(depth), r, c,
                               got, want)));
              }
          }
  }

  void lstmCellMatchesItsFormula() {
    std::mt19937 rng(2);
    for (const KernelSet* set : supported())
      for (int rows : {1, 3, 10})
        for (int units : {1, 7, 16, 37, 128}) {
          // Gates up to ±20 reach the saturated ends of tanh and σ.
          const auto gates = random_floats(size_t(rows * 4 * units), rng, 20.0f);
          std::vector<float> c = random_floats(size_t(rows * units), rng, 3.0f), h(size_t(rows * units));
          const std::vector<float> c_before = c;
          set->lstm_cell(gates.data(), rows, units, c.data(), h.data());
          for (int r = 0; r < rows; ++r)
            for (int u = 0; u < units; ++u) {
              auto gate = [&](int block) { return double(gates[size_t(r * 4 * units + block * units + u)]); };
              const double cell = c_before[size_t(r * units + u)] * sigmoid(gate(2) + 1) +
                                  sigmoid(gate(0)) * std::tanh(gate(1));
              const double out = std::tanh(cell) * sigmoid(gate(3));
              QVERIFY2(std::abs(c[size_t(r * units + u)] - cell) < 1e-5, set->name);
              QVERIFY2(std::abs(h[size_t(r * units + u)] - out) < 1e-5, set->name);
            }
        }
  }

  void lstmCellForwardAndBackwardMatchTheirFormulas() {
    std::mt19937 rng(5);
    for (const KernelSet* set : supported())
      for (int rows : {1, 10})
        for (int units : {1, 7, 16, 37, 128}) {
          const int n = rows * units;
          const size_t n_floats = static_cast<size_t>(n);
          const auto pre = random_floats(size_t(4 * n), rng, 8.0f);
          const auto c_prev = random_floats(size_t(n), rng, 3.0f), dh = random_floats(size_t(n), rng),
                     dc_in = random_floats(size_t(n), rng);
          auto gates = pre;
          std::vector<float> c(n_floats), tanh_c(n_floats), h(n_floats), d_gates(4 * n_floats), dc = dc_in;
          set->lstm_cell_forward(gates.data(), rows, units, c_prev.data(), c.data(), tanh_c.data(), h.data());
          set->lstm_cell_backward(gates.data(), rows, units, c_prev.data(), tanh_c.data(), dh.data(),
                                  dc.data(), d_gates.data());
          const auto near = [](double got, double want) {
            return std::abs(got - want) < 1e-5 * (1 + std::abs(want));
          };
          for (int r = 0; r < rows; ++r)
            for (int u = 0; u < units; ++u) {
              const size_t at = size_t(r * units + u);
              const auto gate_at = [&](int block) { return size_t(r * 4 * units + block * units + u); };
              const double i = sigmoid(pre[gate_at(0)]), j = std::tanh(double(pre[gate_at(1)])),
                           f = sigmoid(pre[gate_at(2)] + 1.0), o = sigmoid(pre[gate_at(3)]);
              const double cell = c_prev[at] * f + i * j, squashed = std::tanh(cell);
              QVERIFY2(near(gates[gate_at(0)], i) && near(gates[gate_at(1)], j) &&
                           near(gates[gate_at(2)], f) && near(gates[gate_at(3)], o),
                       set->name);
              QVERIFY2(near(c[at], cell) && near(tanh_c[at], squashed) && near(h[at], squashed * o),
                       set->name);
              // Backward, from the activations: h = tanh(c) ⊙ o, c = c_prev ⊙ f + i ⊙ j.
              const double d_c = dc_in[at] + dh[at] * o * (1 - squashed * squashed);
              QVERIFY2(near(d_gates[gate_at(0)], d_c * j * i * (1 - i)), set->name);
              QVERIFY2(near(d_gates[gate_at(1)], d_c * i * (1 - j * j)), set->name);
              QVERIFY2(near(d_gates[gate_at(2)], d_c * c_prev[at] * f * (1 - f)), set->name);
              QVERIFY2(near(d_gates[gate_at(3)], dh[at] * squashed * o * (1 - o)), set->name);
              QVERIFY2(near(dc[at], d_c * f), set->name);
            }
        }
  }

  void attendMatchesItsFormula() {
    std::mt19937 rng(3);
    for (const KernelSet* set : supported())
      for (int rows : {1, 10})
        for (int size : {3, 16, 37, 128})
          for (int written : {0, 1, 5, 40})
            for (int empty : {0, 3}) {
              if (written + empty == 0) continue;
              // Empty slots are all zero: the formula reads them, the kernel is only told how many.
              const int length = written + empty;
              std::vector<std::vector<float>> hidden, states;
              std::vector<const float*> hidden_slots, state_slots;
              for (int t = 0; t < length; ++t) {
                const bool zero = t >= written;
                hidden.push_back(zero ? std::vector<float>(size_t(rows * size))
                                      : random_floats(size_t(rows * size), rng, 2.0f));
                states.push_back(zero ? std::vector<float>(size_t(rows * size))
                                      : random_floats(size_t(rows * size), rng));
              }
              for (int t = 0; t < written; ++t) {
                hidden_slots.push_back(hidden[size_t(t)].data());
                state_slots.push_back(states[size_t(t)].data());
              }
              const auto query = random_floats(size_t(rows * size), rng, 2.0f),
                         v = random_floats(size_t(size), rng);
              std::vector<float> scores(size_t(rows * length)), attns(size_t(rows * size), 99.0f);
              set->attend(hidden_slots.data(), state_slots.data(), written, empty, query.data(), v.data(),
                          rows, size, scores.data(), attns.data());
              for (int r = 0; r < rows; ++r) {
                std::vector<double> p(static_cast<size_t>(length));
                double max = -1e300, sum = 0;
                for (int t = 0; t < length; ++t) {
                  double s = 0;
                  for (int a = 0; a < size; ++a)
                    s += v[size_t(a)] * std::tanh(double(hidden[size_t(t)][size_t(r * size + a)]) +
                                                  query[size_t(r * size + a)]);
                  p[size_t(t)] = s;
                  max = std::max(max, s);
                }
                for (double& x : p) sum += (x = std::exp(x - max));
                for (int t = 0; t < length; ++t)
                  QVERIFY2(std::abs(scores[size_t(r * length + t)] - p[size_t(t)] / sum) < 1e-5, set->name);
                for (int a = 0; a < size; ++a) {
                  double want = 0;
                  for (int t = 0; t < length; ++t)
                    want += p[size_t(t)] / sum * states[size_t(t)][size_t(r * size + a)];
                  QVERIFY2(std::abs(attns[size_t(r * size + a)] - want) < 1e-5, set->name);
                }
              }
            }
  }

  void attendBackwardMatchesItsFormula() {
    std::mt19937 rng(4);
    for (const KernelSet* set : supported())
      for (int rows : {1, 10})
        for (int size : {3, 37, 128})
          for (int length : {1, 5, 40}) {
            const auto floats = [&](int n, float scale = 1.0f) {
              return random_floats(size_t(n), rng, scale);
            };
            std::vector<std::vector<float>> hidden, states, d_hidden, d_states;
            std::vector<const float*> hidden_slots, state_slots;
            std::vector<float*> d_hidden_slots, d_state_slots;
            for (int t = 0; t < length; ++t) {
              hidden.push_back(floats(rows * size, 2.0f));
              states.push_back(floats(rows * size));
              d_hidden.push_back(floats(rows * size));
              d_states.push_back(floats(rows * size));
            }
            for (int t = 0; t < length; ++t) {
              hidden_slots.push_back(hidden[size_t(t)].data());
              state_slots.push_back(states[size_t(t)].data());
              d_hidden_slots.push_back(d_hidden[size_t(t)].data());
              d_state_slots.push_back(d_states[size_t(t)].data());
            }
            const auto query = floats(rows * size, 2.0f), v = floats(size), d_attns = floats(rows * size);
            std::vector<float> p(size_t(rows * length)), attns(size_t(rows * size));
            set->attend(hidden_slots.data(), state_slots.data(), length, 0, query.data(), v.data(), rows,
                        size, p.data(), attns.data());
            const auto hidden_before = d_hidden, states_before = d_states;
            auto d_v = floats(size);
            std::vector<double> want_d_v(d_v.begin(), d_v.end());
            std::vector<float> d_query(size_t(rows * size), 99.0f), scratch(size_t(rows * length));
            set->attend_backward(hidden_slots.data(), state_slots.data(), length, query.data(), v.data(),
                                 rows, size, p.data(), d_attns.data(), d_hidden_slots.data(),
                                 d_state_slots.data(), d_query.data(), d_v.data(), scratch.data());
            const auto near = [](double got, double want) {
              return std::abs(got - want) < 1e-4 * (1 + std::abs(want));
            };
            for (int r = 0; r < rows; ++r) {
              const auto at = [&](int a) { return size_t(r * size + a); };
              // ∂attns · state_t, and the softmax's gradient through p.
              std::vector<double> da(static_cast<size_t>(length));
              double weighted = 0;
              for (int t = 0; t < length; ++t) {
                for (int a = 0; a < size; ++a)
                  da[size_t(t)] += double(d_attns[at(a)]) * states[size_t(t)][at(a)];
                weighted += p[size_t(r * length + t)] * da[size_t(t)];
              }
              std::vector<double> want_d_query(static_cast<size_t>(size));
              for (int t = 0; t < length; ++t) {
                const double pt = p[size_t(r * length + t)], ds = pt * (da[size_t(t)] - weighted);
                for (int a = 0; a < size; ++a) {
                  const double th = std::tanh(double(hidden[size_t(t)][at(a)]) + query[at(a)]),
                               d_pre = ds * (1 - th * th) * v[size_t(a)];
                  want_d_query[size_t(a)] += d_pre;
                  want_d_v[size_t(a)] += ds * th;
                  QVERIFY2(near(d_hidden[size_t(t)][at(a)], hidden_before[size_t(t)][at(a)] + d_pre),
                           set->name);
                  QVERIFY2(
                      near(d_states[size_t(t)][at(a)], states_before[size_t(t)][at(a)] + pt * d_attns[at(a)]),
                      set->name);
                }
              }
              for (int a = 0; a < size; ++a)
                QVERIFY2(near(d_query[at(a)], want_d_query[size_t(a)]), set->name);
            }
            for (int a = 0; a < size; ++a) QVERIFY2(near(d_v[size_t(a)], want_d_v[size_t(a)]), set->name);
          }
  }

  void dropoutRowsAreDrawnFromDeriveSeed() {
    for (const KernelSet* set : supported())
      for (int cols : {1, 2, 7, 31, 128, 129})
        for (float keep : {0.5f, 0.35f, 1.0f})
          for (std::uint64_t stream :
               {std::uint64_t(0), std::uint64_t(1), derive_seed(7, 3), ~std::uint64_t(0)}) {
            std::vector<float> row(size_t(cols), -1.0f);
            set->dropout_row(row.data(), cols, keep, stream);
            const auto threshold = std::uint64_t(double(keep) * 4294967296.0);
            int kept = 0;
            for (int j = 0; j < cols; ++j) {
              const std::uint64_t bits = derive_seed(stream, std::uint64_t(j / 2));
              const std::uint64_t half = j % 2 ? bits >> 32 : bits & 0xffffffffu;
              const float want = half < threshold ? 1.0f / keep : 0.0f;
              QVERIFY2(
                  row[size_t(j)] == want,
                  qPrintable(mismatch(set, QString("dropout %1 cols, keep %2").arg(cols).arg(double(keep)), 0,
                                      j, row[size_t(j)], want)));
              kept += want != 0.0f;
            }
            if (keep == 1.0f) QCOMPARE(kept, cols);
            if (cols == 129 && keep == 0.5f) QVERIFY2(kept > 40 && kept < 90, set->name);  // about half
          }
  }
};

MUSA_TEST_GUILESS_MAIN(KernelsTest)
#include "test_kernels.moc"
