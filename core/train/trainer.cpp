#include "core/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <numbers>
#include <numeric>
#include <random>
#include <stdexcept>
#include <thread>

#include "core/model/model_file.h"
#include "core/train/evaluation_json.h"
#include "core/util/file_io.h"

namespace musa {
namespace {

constexpr int kMaxMelodySteps = 512;
constexpr char kCheckpointMagic[8] = {'M', 'U', 'S', 'A', 'C', 'K', 'P', '1'};

int longest(const std::vector<EncodedSequence>& sequences) {
  int n = 1;
  for (const EncodedSequence& s : sequences) n = std::max(n, s.length());
  return n;
}

/** Copies steps [offset, offset + length) of a sequence into column b of a time-major batch. */
void place(const EncodedSequence& s, int offset, int length, int b, TrainBatch<float>& batch) {
  const int I = int(batch.inputs.cols());
  for (int t = 0; t < batch.steps; ++t) {
    const int row = t * batch.batch + b;
    if (t < length) {
      const int8_t* src = s.inputs.data() + size_t(offset + t) * I;
      for (int i = 0; i < I; ++i) batch.inputs(row, i) = src[i];
      batch.labels[row] = s.labels[offset + t];
      batch.mask[row] = 1.0f;
    } else {
      batch.inputs.row(row).setZero();
      batch.labels[row] = 0;
      batch.mask[row] = 0.0f;
    }
  }
}

void size_batch(TrainBatch<float>& batch, int size, int steps, int input_size) {
  batch.batch = size;
  batch.steps = steps;
  batch.inputs.resize(long(size) * steps, input_size);
  batch.labels.assign(size_t(size) * steps, 0);
  batch.mask.assign(size_t(size) * steps, 0.0f);
}

void append_u64(std::vector<uint8_t>& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(uint8_t(v >> (8 * i)));
}

/** The loss figures of `sequences`, evaluated in batches of similar length. */
LossStats evaluation_stats(const ModelWeights& weights, const std::vector<EncodedSequence>& sequences,
                           ParallelTrainer& runner, int batch_size) {
  std::vector<int> order(sequences.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return sequences[a].length() > sequences[b].length(); });
  LossStats total;
  TrainBatch<float> batch;
  const int I = weights.config.input_size();
  for (size_t first = 0; first < order.size(); first += size_t(batch_size)) {
    const int n = int(std::min(order.size() - first, size_t(batch_size)));
    size_batch(batch, n, sequences[order[first]].length(), I);
    for (int b = 0; b < n; ++b) {
      const EncodedSequence& s = sequences[order[first + size_t(b)]];
      place(s, 0, s.length(), b, batch);
    }
    total += runner.evaluate(weights, batch);
  }
  return total;
}

Evaluation evaluation_of(const LossStats& total, long sequences) {
  Evaluation e;
  e.nll = total.mean_loss();
  e.accuracy = total.accuracy();
  e.note_on_accuracy = total.note_on_accuracy();
  e.steps = long(total.steps);
  e.sequences = int(sequences);
  return e;
}

/** The group of a Trainer that runs alone. */
ProcessGroup& this_process_alone() {
  static SingleProcess alone;
  return alone;
}

}  // namespace

double Evaluation::perplexity() const { return std::exp(nll); }

float learning_rate_at(const TrainOptions& options, double progress) {
  if (options.schedule == LearningRateSchedule::Constant) return options.learning_rate;
  const double t = std::clamp(progress, 0.0, 1.0);
  const double cosine = 0.5 * (1 + std::cos(std::numbers::pi * t));  // 1 → 0
  return float(options.final_learning_rate + (options.learning_rate - options.final_learning_rate) * cosine);
}

Evaluation evaluate_sequences(const ModelWeights& weights, const std::vector<EncodedSequence>& sequences,
                              ParallelTrainer& runner, int batch_size) {
  return evaluation_of(evaluation_stats(weights, sequences, runner, batch_size), long(sequences.size()));
}

Evaluation evaluate_sequences(const ModelWeights& weights, const std::vector<EncodedSequence>& sequences,
                              int threads) {
  constexpr int kBatch = 64;
  int longest = 1;
  for (const EncodedSequence& s : sequences) longest = std::max(longest, s.length());
  ParallelTrainer runner(weights.config, threads, kBatch, longest);
  return evaluate_sequences(weights, sequences, runner, kBatch);
}

nlohmann::json evaluation_json(const Evaluation& e) {
  return {{"nll_per_step", e.nll},  {"perplexity", e.perplexity()},
          {"accuracy", e.accuracy}, {"note_on_accuracy", e.note_on_accuracy},
          {"steps", e.steps},       {"melodies", e.sequences}};
}

Trainer::Trainer(ModelWeights initial, const Dataset& data, TrainOptions options)
    : Trainer(std::move(initial), data, options, this_process_alone(), local_training_index(data)) {}

Trainer::Trainer(ModelWeights initial, const Dataset& data, TrainOptions options, ProcessGroup& group,
                 TrainingIndex index)
    : weights_(std::move(initial)),
      best_weights_(weights_),
      grads_(ModelWeights::zeros(weights_.config)),
      data_(data),
      options_(options),
      adam_(weights_, options.learning_rate),
      group_(group),
      index_(std::move(index)),
      reducer_(weights_) {
  if (options_.window <= 0) options_.window = kMaxMelodySteps;
  // Training windows are at most `window` steps long, however long the melodies are.
  const int max_steps = std::max(options_.window, longest(data.validation));
  runner_ = std::make_unique<ParallelTrainer>(weights_.config, options_.threads,
                                              std::max(options_.batch_size, options_.eval_batch), max_steps);
  long sum = 0;
  for (int length : index_.lengths) cumulative_lengths_.push_back(sum += length);
  picks_.reserve(size_t(options_.batch_size));
  size_batch(batch_, options_.batch_size, options_.window, weights_.config.input_size());
}

void Trainer::fill_batch(long step) {
  // Every process draws the whole global batch alike and keeps the windows of the
  // sequences it holds; each window's dropout seed comes from its place in the batch.
  std::mt19937_64 rng(derive_seed(options_.seed, uint64_t(step)));
  const uint64_t dropout_seed = derive_seed(options_.seed ^ 0xD0D0, uint64_t(step));
  const long total = cumulative_lengths_.back();
  picks_.clear();
  for (int b = 0; b < options_.batch_size; ++b) {
    // Uniform over events: pick an event, take the sequence holding it.
    const long event = long(rng() % uint64_t(total));
    const size_t index =
        size_t(std::upper_bound(cumulative_lengths_.begin(), cumulative_lengths_.end(), event) -
               cumulative_lengths_.begin());
    const int full = index_.lengths[index];
    const int length = std::min(full, options_.window);
    const int offset = full > length ? int(rng() % uint64_t(full - length + 1)) : 0;
    if (index_.local[index] >= 0)
      picks_.push_back({index_.local[index], offset, length, derive_seed(dropout_seed, uint64_t(b))});
  }
  size_batch(batch_, int(picks_.size()), options_.window, weights_.config.input_size());
  batch_.seeds.resize(picks_.size());
  for (size_t b = 0; b < picks_.size(); ++b) {
    const Pick& p = picks_[b];
    place(data_.training[size_t(p.sequence)], p.offset, p.length, int(b), batch_);
    batch_.seeds[b] = p.seed;
  }
}

Evaluation Trainer::validate() {
  long sequences = long(data_.validation.size());
  const LossStats local = evaluation_stats(weights_, data_.validation, *runner_, options_.eval_batch);
  const LossStats stats = sum_over(group_, local, sequences);
  return evaluation_of(stats, sequences);
}

void Trainer::keep_current_as_best(const Evaluation& validation) {
  state_.best_validation_nll = validation.nll;
  state_.best_step = state_.step;
  best_weights_ = weights_;
}

void Trainer::run(const std::atomic<bool>& stop, const std::function<void(const TrainProgress&)>& report,
                  const std::function<void()>& on_checkpoint,
                  const std::function<void(const Evaluation&)>& on_best) {
  using Clock = std::chrono::steady_clock;
  if (group_.size() > 1) start_from_rank0_state();
  auto start = Clock::now();  // moves forward by every pause
  const double start_elapsed = state_.elapsed_seconds;
  const long first_step = state_.step;
  double recent_loss = 0, recent_events = 0;
  long events_done = 0;
  auto elapsed = [&] { return start_elapsed + std::chrono::duration<double>(Clock::now() - start).count(); };
  for (bool stopping = false; !stopping;) {
    if (options_.max_steps > 0 && state_.step >= options_.max_steps) break;
    if (pause_ && pause_->load() && group_.size() == 1) {
      const auto paused_at = Clock::now();
      while (pause_->load() && !stop.load()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      start += Clock::now() - paused_at;
    }
    const bool stop_requested =
        stop.load() || (options_.max_minutes > 0 && elapsed() - start_elapsed >= options_.max_minutes * 60);
    // Alone, stop before the update. In a group the request travels with this update's
    // sums and every process stops after it: no process may leave a collective alone.
    if (stop_requested && group_.size() == 1) break;
    const double progress = options_.max_steps > 0 ? double(state_.step) / double(options_.max_steps)
                            : options_.max_minutes > 0
                                ? (elapsed() - start_elapsed) / (options_.max_minutes * 60)
                                : 0.0;
    adam_.set_learning_rate(learning_rate_at(options_, progress));
    fill_batch(state_.step);
    LossStats stats = runner_->compute_gradients(weights_, batch_, grads_, options_.dropout_keep,
                                                 derive_seed(options_.seed ^ 0xD0D0, uint64_t(state_.step)));
    if (group_.size() > 1) stopping = reducer_.sum(group_, grads_, stats, stop_requested);
    scale_gradients(grads_, float(1.0 / std::max(1.0, stats.steps)));  // loss = mean over real steps
    clip_by_global_norm(grads_, options_.clip_norm);
    adam_.step(weights_, grads_);
    ++state_.step;
    events_done += long(stats.steps);
    recent_loss = recent_events == 0 ? stats.mean_loss() : 0.9 * recent_loss + 0.1 * stats.mean_loss();
    recent_events += stats.steps;
    state_.elapsed_seconds = elapsed();

    TrainProgress p;
    p.step = state_.step;
    p.total_steps = options_.max_steps;
    p.train_loss = recent_loss;
    p.elapsed_seconds = state_.elapsed_seconds;
    p.learning_rate = adam_.learning_rate();
    p.events_per_second = events_done / std::max(1e-9, state_.elapsed_seconds - start_elapsed);
    const double seconds_per_step =
        (state_.elapsed_seconds - start_elapsed) / double(state_.step - first_step);
    if (options_.max_steps > 0) p.eta_seconds = seconds_per_step * double(options_.max_steps - state_.step);
    if (options_.max_minutes > 0) {
      const double by_time = options_.max_minutes * 60 - (state_.elapsed_seconds - start_elapsed);
      p.eta_seconds = p.eta_seconds < 0 ? by_time : std::min(p.eta_seconds, by_time);
    }
    const bool last = (options_.max_steps > 0 && state_.step >= options_.max_steps);
    if (index_.validation_sequences > 0 && (state_.step % options_.eval_every == 0 || last)) {
      p.validation = validate();
      if (state_.best_validation_nll == 0 || p.validation->nll < state_.best_validation_nll) {
        state_.best_validation_nll = p.validation->nll;
        state_.best_step = state_.step;
        best_weights_ = weights_;
        if (on_best) on_best(*p.validation);
      }
      // Every process of a group sees the same validation figures, so all stop together.
      p.stopped_early = options_.patience > 0 &&
                        state_.step - state_.best_step >= long(options_.patience) * options_.eval_every;
      stopping = stopping || p.stopped_early;
    }
    p.best_validation_nll = state_.best_validation_nll;
    p.best_step = state_.best_step;
    if (report) report(p);
    if (on_checkpoint && state_.step % options_.checkpoint_every == 0) on_checkpoint();
  }
  if (index_.validation_sequences == 0) best_weights_ = weights_;
  if (on_checkpoint) on_checkpoint();
}

std::vector<uint8_t> Trainer::state_bytes(const std::string& training_json) const {
  nlohmann::json state = {{"step", state_.step},
                          {"elapsed_seconds", state_.elapsed_seconds},
                          {"best_validation_nll", state_.best_validation_nll},
                          {"best_step", state_.best_step}};
  std::vector<uint8_t> out(kCheckpointMagic, kCheckpointMagic + 8);
  for (const std::vector<uint8_t>& part :
       {model_to_bytes(weights_, training_json), model_to_bytes(best_weights_), adam_.save_state()}) {
    append_u64(out, part.size());
    out.insert(out.end(), part.begin(), part.end());
  }
  const std::string text = state.dump();
  append_u64(out, text.size());
  out.insert(out.end(), text.begin(), text.end());
  return out;
}

Status Trainer::save_checkpoint(const std::string& path, const std::string& training_json) const {
  const std::vector<uint8_t> out = state_bytes(training_json);
  return write_file_atomically(path, out.data(), out.size());
}

Status Trainer::resume(const std::string& path) {
  Result<std::vector<uint8_t>> bytes = read_file_bytes(path, 1ull << 32);
  if (!bytes.ok()) return Error{bytes.error()};
  return restore(bytes.value(), path);
}

void Trainer::start_from_rank0_state() {
  std::vector<uint8_t> bytes;
  if (group_.rank() == 0) bytes = state_bytes("");
  group_.broadcast(bytes);
  if (group_.rank() == 0) return;
  if (Status s = restore(bytes, "rank 0's training state"); !s.ok()) throw std::runtime_error(s.error());
}

Status Trainer::restore(const std::vector<uint8_t>& b, const std::string& path) {
  if (b.size() < 8 || std::memcmp(b.data(), kCheckpointMagic, 8) != 0)
    return Error{path + ": not a Musa training checkpoint"};
  std::vector<std::vector<uint8_t>> parts;
  size_t at = 8;
  while (at < b.size() && parts.size() < 4) {
    if (b.size() - at < 8) return Error{path + ": truncated checkpoint"};
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | b[at + size_t(i)];
    at += 8;
    if (n > b.size() - at) return Error{path + ": truncated checkpoint"};
    parts.emplace_back(b.begin() + long(at), b.begin() + long(at + n));
    at += n;
  }
  if (parts.size() != 4) return Error{path + ": truncated checkpoint"};
  Result<ModelFile> latest = load_model_bytes(parts[0], path);
  Result<ModelFile> best = load_model_bytes(parts[1], path);
  if (!latest.ok()) return Error{latest.error()};
  if (!best.ok()) return Error{best.error()};
  if (!(latest->weights.config == weights_.config))
    return Error{path + ": checkpoint was trained with a different model configuration"};
  const nlohmann::json state = nlohmann::json::parse(parts[3].begin(), parts[3].end(), nullptr, false);
  if (state.is_discarded() || !state.is_object()) return Error{path + ": checkpoint state is not JSON"};
  if (Status s = adam_.load_state(parts[2]); !s.ok()) return Error{path + ": " + s.error()};
  weights_ = std::move(latest->weights);
  best_weights_ = std::move(best->weights);
  state_.step = state.value("step", 0L);
  state_.elapsed_seconds = state.value("elapsed_seconds", 0.0);
  state_.best_validation_nll = state.value("best_validation_nll", 0.0);
  state_.best_step = state.value("best_step", 0L);
  return {};
}

}  // namespace musa
