// Training maths (core/train): backpropagation through the attention-wrapped
// LSTM stack checked against central finite differences of the forward pass,
// the forward pass against an independent implementation's log-probabilities
// (tests/data/golden.json, see /work/shared/golden/README.md), the threaded
// trainer against the single-threaded one, and Adam on a tiny data set.

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/model/kernels.h"
#include "core/model/model_config.h"
#include "core/model/model_weights.h"
#include "core/train/backprop.h"
#include "core/train/optimizer.h"
#include "core/train/parallel_trainer.h"
#include "test_main.h"

using namespace musa;

namespace {

/** melody_onehot over 5 pitches: 7 inputs, 7 classes; small enough to check every weight. */
ModelConfig tiny_config(std::vector<int> layers, int attn_length) {
  ModelConfig c;
  c.encoding = EncodingKind::MelodyOneHot;
  c.min_note = 48;
  c.max_note = 53;
  c.layer_sizes = std::move(layers);
  c.attn_length = attn_length;
  return c;
}

template <class Scalar>
void fill_normal(BasicModelWeights<Scalar>& w, double stddev, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, stddev);
  for (auto& t : w.tensors())
    for (long i = 0; i < t.size; ++i) t.data[i] = static_cast<Scalar>(normal(rng));
}

/** Random inputs and labels; sequence b is real for lengths[b] steps, then padding. */
template <class Scalar>
TrainBatch<Scalar> random_batch(const ModelConfig& c, int steps, const std::vector<int>& lengths,
                                std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_int_distribution<int> label(0, c.num_classes() - 1);
  TrainBatch<Scalar> batch;
  batch.batch = static_cast<int>(lengths.size());
  batch.steps = steps;
  batch.inputs.resize(steps * batch.batch, c.input_size());
  for (long i = 0; i < batch.inputs.size(); ++i) batch.inputs.data()[i] = Scalar(normal(rng));
  for (int t = 0; t < steps; ++t)
    for (int b = 0; b < batch.batch; ++b) {
      const bool real = t < lengths[b];
      batch.labels.push_back(real ? label(rng) : -1);  // -1 must never be read
      batch.mask.push_back(real ? Scalar(1) : Scalar(0));
    }
  return batch;
}

/** The loss Σ masked −log p, with dropout drawn afresh from `seed` (same masks each call). */
double loss_of(const BasicModelWeights<double>& w, const TrainBatch<double>& batch, double keep,
               std::uint64_t seed, BackpropWorkspace<double>& ws, BasicModelWeights<double>& scratch) {
  if (keep >= 1) return evaluate_batch(w, batch, ws).loss_sum;
  std::mt19937_64 rng(seed);
  return accumulate_gradients(w, batch, scratch, ws, keep, &rng).loss_sum;
}

/**
 * Compares the analytic gradient of every parameter with the five-point
 * central difference (8(L(θ+h) − L(θ−h)) − (L(θ+2h) − L(θ−2h))) / 12h. Its
 * truncation error is O(h⁴) (≈1e-13 at h = 1e-3), so h can be large enough
 * that rounding in L (≈1e-14 absolute here) costs only ≈1e-11; measured worst
 * relative error ≈1e-8, growing as 1/h below that. The plain two-point
 * quotient at h = 1e-6 is rounding-bound at ≈3e-9 absolute, a few 1e-6
 * relative for the smallest gradients. Checks every `stride`-th entry of
 * each tensor. Fails naming the worst tensor/entry.
 */
void check_gradients(const ModelConfig& config, double keep, int stride = 1) {
  auto w = BasicModelWeights<double>::zeros(config);
  fill_normal(w, 0.3, 11);
  // Sequence 1 is padded after 4 of 7 steps; the attention (length 3) wraps.
  const auto batch = random_batch<double>(config, 7, {7, 4, 7}, 12);
  constexpr std::uint64_t kDropoutSeed = 13;

  auto grads = BasicModelWeights<double>::zeros(config);
  BackpropWorkspace<double> ws(config, batch.batch, batch.steps);
  std::mt19937_64 rng(kDropoutSeed);
  const LossStats stats = accumulate_gradients(w, batch, grads, ws, keep, keep < 1 ? &rng : nullptr);
  QCOMPARE(stats.steps, 18.0);
  auto scratch = grads;

  constexpr double h = 1e-3;
  // Errors of gradients below 1e-3 are taken relative to 1e-3.
  constexpr double kFloor = 1e-3;
  double worst = 0;
  long checked = 0;
  auto params = w.tensors();
  const auto analytic = std::as_const(grads).tensors();
  for (size_t i = 0; i < params.size(); ++i) {
    double tensor_norm = 0;
    for (long j = 0; j < params[i].size; ++j) tensor_norm += analytic[i].data[j] * analytic[i].data[j];
    for (long j = 0; j < params[i].size; j += stride) {
      double& theta = params[i].data[j];
      const double saved = theta;
      auto loss_at = [&](double offset) {
        theta = saved + offset;
        return loss_of(w, batch, keep, kDropoutSeed, ws, scratch);
      };
      const double near = loss_at(h) - loss_at(-h), far = loss_at(2 * h) - loss_at(-2 * h);
      theta = saved;
      const double numeric = (8 * near - far) / (12 * h), a = analytic[i].data[j];
      const double rel = std::abs(a - numeric) / std::max({std::abs(a), std::abs(numeric), kFloor});
      worst = std::max(worst, rel);
      ++checked;
      QVERIFY2(rel < 1e-6, qPrintable(QStringLiteral("%1[%2]: analytic %3, numeric %4")
                                          .arg(QString::fromStdString(params[i].name))
                                          .arg(j)
                                          .arg(a, 0, 'g', 12)
                                          .arg(numeric, 0, 'g', 12)));
    }
    // A tensor the loss ignored would pass trivially.
    QVERIFY2(tensor_norm > 1e-8, params[i].name.c_str());
  }
  qInfo("worst relative error over %ld of %ld parameters: %.3g", checked, w.parameter_count(), worst);
}

/** A safetensors file read here, independently of core/model's loader. */
template <class Scalar>
BasicModelWeights<Scalar> read_safetensors(const QString& path) {
  std::ifstream in(path.toStdString(), std::ios::binary);
  const std::vector<char> bytes{std::istreambuf_iterator<char>(in), {}};
  std::uint64_t header_size = 0;
  std::memcpy(&header_size, bytes.data(), 8);  // little-endian host
  const auto header = nlohmann::json::parse(bytes.begin() + 8, bytes.begin() + 8 + header_size);
  const auto config_json = nlohmann::json::parse(header["__metadata__"]["config"].get<std::string>());
  ModelConfig c;
  parse_encoding_name(config_json["encoding"].get<std::string>(), c.encoding);
  c.min_note = config_json["min_note"];
  c.max_note = config_json["max_note"];
  c.layer_sizes = config_json["layer_sizes"].get<std::vector<int>>();
  c.attn_length = config_json["attn_length"];
  auto w = BasicModelWeights<float>::zeros(c);
  for (auto& t : w.tensors()) {
    const auto& entry = header.at(t.name);
    const long begin = entry["data_offsets"][0], end = entry["data_offsets"][1];
    if (end - begin != t.size * 4) qFatal("%s: size mismatch", t.name.c_str());
    std::memcpy(t.data, bytes.data() + 8 + header_size + begin, t.size * 4);
  }
  return w.template cast<Scalar>();
}

/** Checks the forward pass's log p(label) on the golden melodies of `model`, batched together. */
template <class Scalar>
void check_golden(const char* model, double tolerance) {
  const QString dir = QStringLiteral(MUSA_TEST_DATA);
  const auto w = read_safetensors<Scalar>(dir + QLatin1Char('/') + QLatin1String(model));
  std::ifstream in((dir + QStringLiteral("/golden.json")).toStdString());
  const auto golden = nlohmann::json::parse(in);
  std::vector<nlohmann::json> cases;
  for (const auto& c : golden["cases"])
    if (c["model"] == model) cases.push_back(c);
  QVERIFY(cases.size() >= 2);
  TrainBatch<Scalar> batch;
  batch.batch = static_cast<int>(cases.size());
  for (const auto& c : cases) batch.steps = std::max(batch.steps, int(c["labels"].size()));
  batch.inputs = RowMatrix<Scalar>::Zero(batch.steps * batch.batch, w.config.input_size());
  batch.labels.assign(batch.steps * batch.batch, -1);
  batch.mask.assign(batch.steps * batch.batch, 0);
  for (int b = 0; b < batch.batch; ++b)
    for (size_t t = 0; t < cases[b]["labels"].size(); ++t) {
      const int row = int(t) * batch.batch + b;
      const auto& x = cases[b]["inputs"][t];
      QCOMPARE(int(x.size()), w.config.input_size());
      for (int i = 0; i < w.config.input_size(); ++i) batch.inputs(row, i) = x[i].get<double>();
      batch.labels[row] = cases[b]["labels"][t];
      batch.mask[row] = 1;
    }
  BackpropWorkspace<Scalar> ws(w.config, batch.batch, batch.steps);
  const LossStats stats = evaluate_batch(w, batch, ws);
  double worst = 0, expected_sum = 0;
  for (int b = 0; b < batch.batch; ++b)
    for (size_t t = 0; t < cases[b]["log_probs"].size(); ++t) {
      const double expected = cases[b]["log_probs"][t];
      const double got = ws.label_log_prob(int(t) * batch.batch + b);
      worst = std::max(worst, std::abs(got - expected));
      expected_sum -= expected;
    }
  qInfo("%s (%s): worst |Δ log p| %.3g", model, sizeof(Scalar) == 4 ? "float" : "double", worst);
  QVERIFY2(worst < tolerance, qPrintable(QString::number(worst)));
  QVERIFY(std::abs(stats.loss_sum - expected_sum) < tolerance * stats.steps);
}

/** Largest |a − b| relative to max(1, |a|) over all parameters. */
double max_difference(const ModelWeights& a, const ModelWeights& b) {
  double worst = 0;
  const auto ta = a.tensors(), tb = b.tensors();
  for (size_t i = 0; i < ta.size(); ++i)
    for (long j = 0; j < ta[i].size; ++j)
      worst = std::max(worst, std::abs(double(ta[i].data[j]) - tb[i].data[j]) /
                                  std::max(1.0, std::abs(double(ta[i].data[j]))));
  return worst;
}

}  // namespace

class TestTrainGradients : public QObject {
  Q_OBJECT

 private slots:
  void gradientsMatchFiniteDifferencesWithAttention() { check_gradients(tiny_config({5, 4}, 3), 1.0); }

  void gradientsMatchFiniteDifferencesWithoutAttention() { check_gradients(tiny_config({5, 4}, 0), 1.0); }

  // The masks depend only on the RNG's seed, so with a fixed seed the loss is
  // a smooth function of θ and its gradient can be checked the same way
  // (every third entry: each loss here runs the backward pass too).
  void gradientsMatchFiniteDifferencesWithDropout() { check_gradients(tiny_config({5, 4}, 3), 0.7, 3); }

  // Training runs in float: its gradients must be the double ones, rounded.
  void floatGradientsMatchDouble() {
    const auto config = tiny_config({6, 5}, 3);
    auto wd = BasicModelWeights<double>::zeros(config);
    fill_normal(wd, 0.3, 81);
    const auto wf = wd.cast<float>();
    const auto bd = random_batch<double>(config, 9, {9, 6, 9}, 82);
    const auto bf = random_batch<float>(config, 9, {9, 6, 9}, 82);  // same draws, rounded
    auto gd = BasicModelWeights<double>::zeros(config);
    auto gf = ModelWeights::zeros(config);
    BackpropWorkspace<double> wsd(config, 3, 9);
    BackpropWorkspace<float> wsf(config, 3, 9);
    accumulate_gradients(wd, bd, gd, wsd);
    accumulate_gradients(wf, bf, gf, wsf);
    const double difference = max_difference(gf, gd.cast<float>());
    qInfo("float (kernels %s) against double (Eigen): largest relative difference %.3g", kernels::best().name,
          difference);
    QVERIFY2(difference < 1e-4, qPrintable(QString::number(difference)));
  }

  void evaluationLossEqualsTrainingLoss() {
    const auto config = tiny_config({6, 5}, 3);
    auto w = BasicModelWeights<double>::zeros(config);
    fill_normal(w, 0.3, 21);
    const auto batch = random_batch<double>(config, 9, {9, 5, 8}, 22);
    BackpropWorkspace<double> ws(config, 3, 9);
    auto grads = BasicModelWeights<double>::zeros(config);
    const LossStats trained = accumulate_gradients(w, batch, grads, ws);
    const LossStats evaluated = evaluate_batch(w, batch, ws);
    QCOMPARE(trained.steps, 22.0);
    QCOMPARE(evaluated.steps, trained.steps);
    QVERIFY(std::abs(evaluated.loss_sum - trained.loss_sum) < 1e-12);
    QCOMPARE(evaluated.correct, trained.correct);
    QCOMPARE(evaluated.note_on_steps, trained.note_on_steps);
  }

  // A padded sequence contributes exactly what it contributes alone.
  void paddingLeavesGradientsUnchanged() {
    const auto config = tiny_config({6, 5}, 3);
    auto w = BasicModelWeights<double>::zeros(config);
    fill_normal(w, 0.3, 31);
    const auto batch = random_batch<double>(config, 9, {5}, 32);
    TrainBatch<double> shorter = batch;
    shorter.steps = 5;
    shorter.inputs.conservativeResize(5, Eigen::NoChange);
    shorter.labels.resize(5);
    shorter.mask.resize(5);
    BackpropWorkspace<double> ws(config, 1, 9);
    auto padded = BasicModelWeights<double>::zeros(config), alone = padded;
    const double a = accumulate_gradients(w, batch, padded, ws).loss_sum;
    const double b = accumulate_gradients(w, shorter, alone, ws).loss_sum;
    QVERIFY(std::abs(a - b) < 1e-12);
    const auto ta = std::as_const(padded).tensors(), tb = std::as_const(alone).tensors();
    for (size_t i = 0; i < ta.size(); ++i)
      for (long j = 0; j < ta[i].size; ++j) QVERIFY(std::abs(ta[i].data[j] - tb[i].data[j]) < 1e-12);
  }

  void forwardMatchesGoldenWithAttention() {
    check_golden<float>("tiny_attention.safetensors", 1e-4);
    check_golden<double>("tiny_attention.safetensors", 1e-7);
  }

  void forwardMatchesGoldenWithoutAttention() {
    check_golden<float>("tiny_no_attention.safetensors", 1e-4);
    check_golden<double>("tiny_no_attention.safetensors", 1e-7);
  }

  // Hand-worked: key_melody labels 0…35 are pitches 48…83, 36 NOTE_OFF,
  // 37 NO_EVENT, 38/39 repeats; melody_onehot 0 NO_EVENT, 1 NOTE_OFF, 2… pitches.
  void noteOnLabelsFollowEachEncoding() {
    ModelConfig key;
    QVERIFY(is_note_on_label(key, 0) && is_note_on_label(key, 35));
    QVERIFY(!is_note_on_label(key, 36) && !is_note_on_label(key, 39));
    const auto onehot = tiny_config({4}, 0);
    QVERIFY(!is_note_on_label(onehot, 0) && !is_note_on_label(onehot, 1));
    QVERIFY(is_note_on_label(onehot, 2) && is_note_on_label(onehot, 6));
  }

  void threadedGradientsEqualSingleThreaded() {
    const auto config = tiny_config({8, 6}, 4);
    auto w = ModelWeights::zeros(config);
    fill_normal(w, 0.3, 41);
    const auto batch = random_batch<float>(config, 10, {10, 7, 10, 10, 3}, 42);  // shards of 2 and 3
    BackpropWorkspace<float> ws(config, 5, 10);
    auto single = ModelWeights::zeros(config), threaded = single;
    const LossStats a = accumulate_gradients(w, batch, single, ws);
    ParallelTrainer trainer(config, 2, 5, 10);
    fill_normal(threaded, 1.0, 43);  // overwritten, not added to
    const LossStats b = trainer.compute_gradients(w, batch, threaded, 1.0f, 7);
    QCOMPARE(b.steps, a.steps);
    QVERIFY(std::abs(a.loss_sum - b.loss_sum) < 1e-4);
    QVERIFY2(max_difference(single, threaded) < 1e-5,
             qPrintable(QString::number(max_difference(single, threaded))));
    const LossStats c = trainer.evaluate(w, batch);
    QVERIFY(std::abs(c.loss_sum - a.loss_sum) < 1e-4);
  }

  void threadedDropoutDependsOnlyOnTheSeed() {
    const auto config = tiny_config({8, 6}, 4);
    auto w = ModelWeights::zeros(config);
    fill_normal(w, 0.3, 51);
    const auto batch = random_batch<float>(config, 10, {10, 7, 10, 10}, 52);
    ParallelTrainer trainer(config, 2, 4, 10);
    auto first = ModelWeights::zeros(config), again = first, other = first;
    trainer.compute_gradients(w, batch, first, 0.5f, 99);
    trainer.compute_gradients(w, batch, other, 0.5f, 100);
    trainer.compute_gradients(w, batch, again, 0.5f, 99);
    QCOMPARE(max_difference(first, again), 0.0);
    QVERIFY(max_difference(first, other) > 1e-4);
  }

  // Norm of (3, 4) is 5; clipped to 1 each entry scales by 1/5 (tf.clip_by_global_norm).
  void clipsToGlobalNorm() {
    const auto config = tiny_config({2}, 0);
    auto g = ModelWeights::zeros(config);
    g.fc_bias(0) = 3;
    g.lstm[0].kernel(0, 0) = 4;
    QCOMPARE(clip_by_global_norm(g, 10.0f), 5.0f);  // under the limit: unchanged
    QCOMPARE(g.fc_bias(0), 3.0f);
    QCOMPARE(clip_by_global_norm(g, 1.0f), 5.0f);
    QVERIFY(std::abs(g.fc_bias(0) - 0.6f) < 1e-7f);
    QVERIFY(std::abs(g.lstm[0].kernel(0, 0) - 0.8f) < 1e-7f);
  }

  // First step: m = 0.1g, v = 0.001g², α = lr·√0.001/0.1, so the update is
  // lr·g/(|g| + ε/√0.001) ≈ lr·sign(g) for |g| ≫ 3e-7; a zero gradient moves nothing.
  void adamFirstStepMovesByTheLearningRate() {
    const auto config = tiny_config({2}, 0);
    auto w = ModelWeights::zeros(config), g = w;
    g.fc_bias(0) = 0.5f;
    g.fc_bias(1) = -2.0f;
    Adam adam(w, 0.01f);
    adam.step(w, g);
    QVERIFY(std::abs(w.fc_bias(0) + 0.01f) < 1e-6f);
    QVERIFY(std::abs(w.fc_bias(1) - 0.01f) < 1e-6f);
    QCOMPARE(w.fc_bias(2), 0.0f);
    QCOMPARE(adam.steps_taken(), 1L);
  }

  void adamStateRoundTrips() {
    const auto config = tiny_config({3}, 2);
    auto w = ModelWeights::zeros(config), g = w;
    fill_normal(w, 0.3, 61);
    fill_normal(g, 1.0, 62);
    Adam adam(w);
    adam.step(w, g);
    adam.step(w, g);
    const auto state = adam.save_state();
    auto w2 = w;
    Adam restored(w);
    QVERIFY(restored.load_state(state).ok());
    QCOMPARE(restored.steps_taken(), 2L);
    adam.step(w, g);
    restored.step(w2, g);
    QCOMPARE(max_difference(w, w2), 0.0);
    Adam other(ModelWeights::zeros(tiny_config({4}, 0)));
    QVERIFY(!other.load_state(state).ok());
    QVERIFY(!restored.load_state(std::span(state).first(20)).ok());
  }

  // Two fixed melodies, input one-hot of the current class, label the next;
  // the 5 after "4" and the 5 after "7" are followed by different classes, so
  // the network must use its memory. Mean loss must fall below 0.05 nats.
  void learnsTinyDataSetWithAdam() {
    const auto config = tiny_config({16, 16}, 4);
    const std::vector<std::vector<int>> melodies = {{2, 3, 4, 5, 2, 3, 4, 5, 2, 3, 4, 5, 2, 3, 4, 5, 2},
                                                    {6, 0, 5, 3, 1, 6, 0, 5, 3, 1, 6, 0, 5, 3}};
    TrainBatch<float> batch;
    batch.batch = 2;
    batch.steps = 16;
    batch.inputs = RowMatrix<float>::Zero(32, config.input_size());
    batch.labels.assign(32, -1);
    batch.mask.assign(32, 0);
    for (int b = 0; b < 2; ++b)
      for (size_t t = 0; t + 1 < melodies[b].size(); ++t) {
        const int row = int(t) * 2 + b;
        batch.inputs(row, melodies[b][t]) = 1;
        batch.labels[row] = melodies[b][t + 1];
        batch.mask[row] = 1;
      }
    auto w = ModelWeights::zeros(config), grads = w;
    fill_normal(w, 0.1, 71);
    Adam adam(w, 0.01f);
    ParallelTrainer trainer(config, 2, 2, 16);
    LossStats stats;
    for (int step = 0; step < 300; ++step) {
      stats = trainer.compute_gradients(w, batch, grads, 1.0f, step);
      scale_gradients(grads, float(1 / stats.steps));
      clip_by_global_norm(grads, 3.0f);
      adam.step(w, grads);
    }
    stats = trainer.evaluate(w, batch);
    qInfo("after 300 steps: mean loss %.4f, accuracy %.3f", stats.mean_loss(), stats.accuracy());
    QVERIFY(stats.mean_loss() < 0.05);
    QCOMPARE(stats.accuracy(), 1.0);
  }
};

MUSA_TEST_APPLESS_MAIN(TestTrainGradients)
#include "test_train_gradients.moc"
