// musa-bench: the figures that matter, printed. Generation of 10 takes ×
// 128 steps on one thread (goal ≤ 20 ms), one network step, training
// throughput, model loading. `--soak N` runs musa-bench-soak (the window's
// generate → play → export → undo cycles).

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "core/generate/sampler.h"
#include "core/model/encoding.h"
#include "core/model/model_file.h"
#include "core/train/optimizer.h"
#include "core/train/parallel_trainer.h"
#include "core/util/resources.h"

using namespace musa;
using Clock = std::chrono::steady_clock;

namespace {

/** Median wall time of `runs` calls, in milliseconds. */
double median_ms(int runs, const std::function<void()>& work) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    work();
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

void bench_generation(const std::shared_ptr<const ModelWeights>& weights) {
  Sampler sampler(weights);
  GenerationRequest r;  // defaults: 10 takes, 128 steps, T = 1
  r.primer = {60};
  uint64_t seed = 1;
  const double ms = median_ms(21, [&] {
    r.seed = seed++;
    if (!sampler.generate(r).ok()) std::abort();
  });
  std::printf(
      "generate 10 takes x 128 steps (primer [60]), 1 thread: median %.2f ms (%.1f us per step of 10 takes)"
      "  [goal <= 20 ms]\n",
      ms, 1000.0 * ms / 130);
  r.beam_size = 4;
  r.branch_factor = 2;
  r.steps_per_iteration = 8;
  const double beam_ms = median_ms(5, [&] { sampler.generate(r).ok(); });
  std::printf("generate with beam search (beam 4, branch 2, 8 steps/iteration): median %.1f ms\n", beam_ms);
}

void bench_step(const std::shared_ptr<const ModelWeights>& weights) {
  MelodyRnn rnn(weights, 10);
  const int I = weights->config.input_size(), C = weights->config.num_classes();
  std::vector<float> x(size_t(10 * I), 0.0f), logits(size_t(10 * C));
  for (int b = 0; b < 10; ++b) x[size_t(b * I + 12)] = 1.0f;
  const double ms = median_ms(9, [&] {
    for (int i = 0; i < 1000; ++i) rnn.step(x.data(), logits.data());
  });
  std::printf("network step, batch 10: %.1f us\n", ms);
}

void bench_training(const ModelWeights& initial) {
  const int batch = 128, steps = 128;
  ModelWeights w = initial, grads = ModelWeights::zeros(w.config);
  const auto encoding = make_encoding(w.config);
  TrainBatch<float> b;
  b.batch = batch;
  b.steps = steps;
  b.inputs.resize(batch * steps, w.config.input_size());
  b.labels.resize(size_t(batch * steps));
  b.mask.assign(size_t(batch * steps), 1.0f);
  std::mt19937 rng(5);
  std::vector<int> events(steps);
  std::vector<float> row(size_t(w.config.input_size()));
  for (int s = 0; s < batch; ++s) {
    for (int& e : events) e = int(rng() % 3) == 0 ? kMelodyNoEvent : 48 + int(rng() % 36);
    for (int t = 0; t < steps; ++t) {
      encoding->encode_input(events, t, row);
      b.inputs.row(t * batch + s) = Eigen::Map<const RowVector<float>>(row.data(), long(row.size()));
      b.labels[size_t(t * batch + s)] = int(rng() % 40);
    }
  }
  Adam adam(w);
  for (int threads : {1, 2}) {
    ParallelTrainer trainer(w.config, threads, batch, steps);
    uint64_t seed = 1;
    const double ms = median_ms(5, [&] {
      trainer.compute_gradients(w, b, grads, 0.5f, seed++);
      clip_by_global_norm(grads, 3.0f);
      adam.step(w, grads);
    });
    std::printf("training update, batch %d x %d steps, %d thread%s: %.0f ms = %.0f events/s\n", batch, steps,
                threads, threads > 1 ? "s" : "", ms, batch * steps / (ms / 1000.0));
  }
}

void bench_load() {
  const std::string path = default_model_path();
  if (path.empty()) {
    std::printf("model load: no shipped model found\n");
    return;
  }
  const double ms = median_ms(5, [&] { load_model(path).ok(); });
  std::printf("load the shipped model (%s): %.1f ms\n", path.c_str(), ms);
}

}  // namespace

/**
 * `musa-bench --soak N …`: the soak drives the window, so it lives in its own
 * binary beside this one (musa-bench-soak, linked with Qt), which this one
 * stays free of. Returns only when that cannot be started.
 */
int run_soak(char** argv) {
  const std::string self = argv[0];
  const auto slash = self.rfind('/');
  const std::string soak =
      (slash == std::string::npos ? std::string() : self.substr(0, slash + 1)) + "musa-bench-soak";
  argv[0] = const_cast<char*>(soak.c_str());
  execv(soak.c_str(), argv);
  std::fprintf(stderr,
               "musa-bench: cannot run %s (%s); the soak is built with the window (MUSA_BUILD_UI=ON)\n",
               soak.c_str(), std::strerror(errno));
  return 1;
}

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--soak") return run_soak(argv);
  const bool quick = argc > 1 && std::string(argv[1]) == "--quick";
  const ModelConfig attention_rnn;  // key_melody, 2 x 128, attention 40
  const auto weights = std::make_shared<const ModelWeights>(random_weights(attention_rnn, 1));
  std::printf("Musa benchmarks (attention_rnn-sized model, %ld parameters, random weights)\n",
              weights->parameter_count());
  bench_generation(weights);
  bench_step(weights);
  bench_load();
  if (!quick) bench_training(*weights);
  return 0;
}
