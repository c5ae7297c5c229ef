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

  void affineMatchesAPlainLoop() {
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
          for (bool with_bias : {true, false}) {
            std::vector<float> out(size_t(rows * cols), 99.0f);
            set->affine(parts, 2, rows, w.data(), with_bias ? bias.data() : nullptr, cols, out.data());
            for (int r = 0; r < rows; ++r)
              for (int c = 0; c < cols; ++c) {
                double want = with_bias ? bias[size_t(c)] : 0.0;
                for (int k = 0; k < 5; ++k) want += double(x0[size_t(r * 9 + k)]) * w[size_t(k * cols + c)];
                for (int k = 0; k < 17; ++k)
                  want += double(x1[size_t(r * 17 + k)]) * w[size_t((5 + k) * cols + c)];
                const float got = out[size_t(r * cols + c)];
                if (std::abs(got - want) > 1e-5 * (1 + std::abs(want)))
                  QFAIL(qPrintable(QStringLiteral("%1: %2 rows x %3 cols, [%4][%5] = %6, want %7")
                                       .arg(set->name)
                                       .arg(rows)
                                       .arg(cols)
                                       .arg(r)
                                       .arg(c)
                                       .arg(got)
                                       .arg(want)));
              }
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

  void attendMatchesItsFormula() {
    std::mt19937 rng(3);
    for (const KernelSet* set : supported())
      for (int rows : {1, 10})
        for (int size : {3, 16, 37, 128})
          for (int length : {1, 5, 40}) {
            std::vector<std::vector<float>> hidden, states;
            std::vector<const float*> hidden_slots, state_slots;
            for (int t = 0; t < length; ++t) {
              hidden.push_back(random_floats(size_t(rows * size), rng, 2.0f));
              states.push_back(random_floats(size_t(rows * size), rng));
            }
            for (int t = 0; t < length; ++t) {
              hidden_slots.push_back(hidden[size_t(t)].data());
              state_slots.push_back(states[size_t(t)].data());
            }
            const auto query = random_floats(size_t(rows * size), rng, 2.0f),
                       v = random_floats(size_t(size), rng);
            std::vector<float> scores(size_t(rows * length)), attns(size_t(rows * size), 99.0f);
            set->attend(hidden_slots.data(), state_slots.data(), length, query.data(), v.data(), rows, size,
                        scores.data(), attns.data());
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
};

MUSA_TEST_GUILESS_MAIN(KernelsTest)
#include "test_kernels.moc"
