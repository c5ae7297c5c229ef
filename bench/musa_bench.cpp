// musa-bench: the figures that matter, printed. Generation of 10 takes ×
// 128 steps on one thread (goal ≤ 20 ms), one network step, training
// throughput, model loading. `--soak N` runs musa-bench-soak (the window's
// generate → play → export → undo cycles).

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "bench/eigen_anchor.h"
#include "core/generate/sampler.h"
#include "core/model/encoding.h"
#include "core/model/kernels.h"
#include "core/model/model_file.h"
#include "core/train/optimizer.h"
#include "core/train/parallel_trainer.h"
#include "core/util/resources.h"

using namespace musa;
using Clock = std::chrono::steady_clock;

namespace {

/** Every figure: printed for people as it comes, or kept for one JSON object (`--json`). */
class Report {
 public:
  explicit Report(bool json) : json_(json) {}

  void record(const std::string& key, double value) { out_[key] = value; }
  void record(const std::string& key, const std::string& value) { out_[key] = value; }

  void say(const char* format, ...) __attribute__((format(printf, 2, 3))) {
    if (json_) return;
    va_list args;
    va_start(args, format);
    std::vprintf(format, args);
    va_end(args);
    std::printf("\n");
    std::fflush(stdout);
  }

  void print_json() const {
    if (json_) std::printf("%s\n", out_.dump(2).c_str());
  }

 private:
  bool json_;
  nlohmann::json out_ = nlohmann::json::object();
};

struct Times {
  double median, min;
};

/** Median and fastest wall time of `runs` calls, in milliseconds. */
Times time_ms(int runs, const std::function<void()>& work) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    work();
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return {times[times.size() / 2], times.front()};
}

double median_ms(int runs, const std::function<void()>& work) { return time_ms(runs, work).median; }

constexpr int kGeneratedSteps = 128, kFedSteps = 130;  // primer [60] and 128 new steps: 130 network steps

/** Ten takes of 128 steps with everything the sampler does, for each kernel set this CPU runs. */
double bench_generation(Report& report, const std::shared_ptr<const ModelWeights>& weights) {
  report.record("kernels", kernels::best().name);
  report.say("network kernels: %s", kernels::kernels_note().c_str());
  GenerationRequest r;  // defaults: 10 takes, 128 steps, T = 1
  r.primer = {60};
  double chosen_ms = 0;
  for (const kernels::KernelSet* set : kernels::supported()) {
    Sampler sampler(weights, *set);
    uint64_t seed = 1;
    const Times t = time_ms(21, [&] {
      r.seed = seed++;
      if (!sampler.generate(r).ok()) std::abort();
    });
    const std::string key = std::string("generate_ms_") + set->name;
    report.record(key, t.median);
    report.record(key + "_min", t.min);
    report.say(
        "generate 10 takes x %d steps, 1 thread, kernels %-8s: median %6.2f ms, min %6.2f ms (%5.1f us "
        "per step of 10 takes)",
        kGeneratedSteps, set->name, t.median, t.min, 1000.0 * t.median / kFedSteps);
    if (set == &kernels::best()) chosen_ms = t.median;
  }
  const double anchor = bench::eigen_anchor_ms(weights, 10, kFedSteps, 21);
  report.record("eigen_anchor_ms", anchor);
  report.record("generate_over_anchor", chosen_ms / anchor);
  report.say(
      "plain Eigen step (the yardstick), %d steps of 10, network only: median %.2f ms; generation "
      "takes %.2fx its time  [goal <= 0.5x the -march=native anchor]",
      kFedSteps, anchor, chosen_ms / anchor);
  r.beam_size = 4;
  r.branch_factor = 2;
  r.steps_per_iteration = 8;
  Sampler sampler(weights);
  const double beam_ms = median_ms(5, [&] { sampler.generate(r).ok(); });
  report.record("generate_beam_ms", beam_ms);
  report.say("generate with beam search (beam 4, branch 2, 8 steps/iteration): median %.1f ms", beam_ms);
  return chosen_ms;
}

/**
 * Where one generation's time goes: the network's parts timed one by one over
 * its 130 steps of 10 takes, the features (input encoding), and the rest
 * (sampling, decoding, bookkeeping) as what generation took beyond them.
 */
void bench_step_parts(Report& report, const std::shared_ptr<const ModelWeights>& weights,
                      double generate_ms) {
  const int batch = 10, runs = 50;
  MelodyRnn rnn(weights, batch);
  const auto encoding = make_encoding(weights->config);
  const int I = encoding->input_size();
  std::vector<float> x(size_t(batch * I)), logits(size_t(batch * encoding->num_classes()));
  std::vector<int> history(kFedSteps);
  std::mt19937 rng(3);
  for (int& e : history) e = rng() % 3 == 0 ? kMelodyNoEvent : 55 + int(rng() % 20);
  const char* names[] = {"features", "input_projection", "lstm", "attention", "output"};
  double total[5] = {};
  for (int run = 0; run < runs; ++run) {
    rnn.reset();
    for (int step = 0; step < kFedSteps; ++step) {
      Clock::time_point marks[6];
      marks[0] = Clock::now();
      for (int b = 0; b < batch; ++b)
        encoding->encode_input(history, step, std::span<float>(x.data() + b * I, I));
      marks[1] = Clock::now();
      rnn.input_part(x.data());
      marks[2] = Clock::now();
      rnn.lstm_part();
      marks[3] = Clock::now();
      rnn.attention_part();
      marks[4] = Clock::now();
      rnn.output_part(logits.data());
      marks[5] = Clock::now();
      for (int part = 0; part < 5; ++part)
        total[part] += std::chrono::duration<double, std::milli>(marks[part + 1] - marks[part]).count();
    }
  }
  std::string line;
  double measured = 0;
  for (int part = 0; part < 5; ++part) {
    const double ms = total[part] / runs;
    measured += ms;
    report.record(std::string("generate_part_ms_") + names[part], ms);
    char figure[64];
    std::snprintf(figure, sizeof figure, "%s%s %.2f", part ? ", " : "", names[part], ms);
    line += figure;
  }
  // Timed apart, the parts can add up to a little more than the whole: then the rest is within the noise.
  const double rest = std::max(0.0, generate_ms - measured);
  report.record("generate_part_ms_sampling_and_rest", rest);
  report.say("one generation by part (ms): %s; sampling and the rest %.2f", line.c_str(), rest);
}

/** One network step: batch 10 (a step of the takes) and batch 1 (a jam answer's step). */
void bench_step(Report& report, const std::shared_ptr<const ModelWeights>& weights) {
  for (int batch : {10, 1}) {
    MelodyRnn rnn(weights, batch);
    const int I = weights->config.input_size(), C = weights->config.num_classes();
    std::vector<float> x(size_t(batch * I), 0.0f), logits(size_t(batch * C));
    for (int b = 0; b < batch; ++b) x[size_t(b * I + 12)] = 1.0f;
    const double ms = median_ms(9, [&] {
      for (int i = 0; i < 1000; ++i) rnn.step(x.data(), logits.data());
    });
    report.record("step_us_batch_" + std::to_string(batch), ms);
    report.say("network step, batch %d: %.1f us", batch, ms);
  }
}

/** Forward-only (evaluation) and full updates (forward, backward, clipping, Adam) at 1 and 2 threads. */
void bench_training(Report& report, const ModelWeights& initial) {
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
    const double forward_ms = median_ms(5, [&] { trainer.evaluate(w, b); });
    uint64_t seed = 1;
    const double update_ms = median_ms(5, [&] {
      trainer.compute_gradients(w, b, grads, 0.5f, seed++);
      clip_by_global_norm(grads, 3.0f);
      adam.step(w, grads);
    });
    const double forward_rate = batch * steps / (forward_ms / 1000.0),
                 rate = batch * steps / (update_ms / 1000.0);
    const std::string suffix = "_" + std::to_string(threads) + "_thread";
    report.record("forward_events_per_s" + suffix, forward_rate);
    report.record("training_events_per_s" + suffix, rate);
    report.say(
        "batch %d x %d steps, %d thread%s, kernels %s: forward only %.0f ms = %.0f events/s; training update "
        "%.0f "
        "ms = %.0f events/s (%.2f of forward-only)",
        batch, steps, threads, threads > 1 ? "s" : "", kernels::best().name, forward_ms, forward_rate,
        update_ms, rate, rate / forward_rate);
  }
}

void bench_load(Report& report) {
  const std::string path = default_model_path();
  if (path.empty()) {
    report.say("model load: no shipped model found");
    return;
  }
  const double ms = median_ms(5, [&] { load_model(path).ok(); });
  report.record("model_load_ms", ms);
  report.say("load the shipped model (%s): %.1f ms", path.c_str(), ms);
}

/** The directory this binary is in, with a trailing slash ("" when called through PATH). */
std::string own_directory(const char* argv0) {
  const std::string self = argv0;
  const auto slash = self.rfind('/');
  return slash == std::string::npos ? std::string() : self.substr(0, slash + 1);
}

/**
 * The window's cold start: `musa --timings` (offscreen) prints when the window
 * turns its event loop with the window shown (usable), when the model has
 * loaded and when the soundfont is ready; the median of three starts.
 */
void bench_cold_start(Report& report, const char* argv0) {
  const std::string musa = own_directory(argv0) + "../app/musa";
  if (access(musa.c_str(), X_OK) != 0) {
    report.say("window cold start: %s is not built (MUSA_BUILD_UI=OFF)", musa.c_str());
    return;
  }
  const char* events[] = {"window usable", "model loaded", "soundfont ready"};
  std::vector<double> times[3];
  for (int run = 0; run < 3; ++run) {
    FILE* out = popen(("QT_QPA_PLATFORM=offscreen '" + musa + "' --timings 2>/dev/null").c_str(), "r");
    if (!out) break;
    char line[256];
    while (std::fgets(line, sizeof line, out))
      for (int e = 0; e < 3; ++e) {
        const size_t length = std::strlen(events[e]);
        long ms = 0;
        if (std::strncmp(line, events[e], length) == 0 &&
            std::sscanf(line + length, " after %ld ms", &ms) == 1)
          times[e].push_back(double(ms));
      }
    pclose(out);
  }
  std::string line;
  for (int e = 0; e < 3; ++e) {
    if (times[e].empty()) continue;
    std::sort(times[e].begin(), times[e].end());
    const double median = times[e][times[e].size() / 2];
    std::string key = std::string("cold_start_") + events[e];
    std::replace(key.begin(), key.end(), ' ', '_');
    report.record(key + "_ms", median);
    line += (line.empty() ? "" : ", ") + std::string(events[e]) + " " + std::to_string(long(median)) + " ms";
  }
  report.say("window cold start (offscreen, median of 3): %s", line.empty() ? "no figures" : line.c_str());
}

}  // namespace

/**
 * `musa-bench --soak N …`: the soak drives the window, so it lives in its own
 * binary beside this one (musa-bench-soak, linked with Qt), which this one
 * stays free of. Returns only when that cannot be started.
 */
int run_soak(char** argv) {
  const std::string soak = own_directory(argv[0]) + "musa-bench-soak";
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
  bool quick = false, json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--quick") {
      quick = true;
    } else if (arg == "--json") {
      json = true;
    } else {
      std::fprintf(stderr, "usage: musa-bench [--quick] [--json] | --soak N [...]\n");
      return 2;
    }
  }
  Report report(json);
  const ModelConfig attention_rnn;  // key_melody, 2 x 128, attention 40
  const auto weights = std::make_shared<const ModelWeights>(random_weights(attention_rnn, 1));
  report.say("Musa benchmarks (attention_rnn-sized model, %ld parameters, random weights)",
             weights->parameter_count());
  const double generate_ms = bench_generation(report, weights);
  bench_step_parts(report, weights, generate_ms);
  bench_step(report, weights);
  bench_load(report);
  if (!quick) bench_training(report, *weights);
  bench_cold_start(report, argv[0]);
  report.print_json();
  return 0;
}
