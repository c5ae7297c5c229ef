#include "core/train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>

#include "core/model/model_file.h"
#include "core/util/file_io.h"

namespace musa {
namespace {

constexpr int kMaxMelodySteps = 512;
constexpr char kCheckpointMagic[8] = {'M', 'U', 'S', 'A', 'C', 'K', 'P', '1'};

/** A seed for update `step` that does not depend on what ran before (exact resume). */
uint64_t step_seed(uint64_t seed, long step) {
  uint64_t z = seed * 0x9E3779B97F4A7C15ull + uint64_t(step) * 0xBF58476D1CE4E5B9ull + 1;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

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

}  // namespace

double Evaluation::perplexity() const { return std::exp(nll); }

Evaluation evaluate_sequences(const ModelWeights& weights, const std::vector<EncodedSequence>& sequences,
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
  Evaluation e;
  e.nll = total.mean_loss();
  e.accuracy = total.accuracy();
  e.note_on_accuracy = total.note_on_accuracy();
  e.steps = long(total.steps);
  e.sequences = int(sequences.size());
  return e;
}

Trainer::Trainer(ModelWeights initial, const Dataset& data, TrainOptions options)
    : weights_(std::move(initial)),
      best_weights_(weights_),
      grads_(ModelWeights::zeros(weights_.config)),
      data_(data),
      options_(options),
      adam_(weights_, options.learning_rate) {
  if (options_.window <= 0) options_.window = kMaxMelodySteps;
  const int max_steps = std::max({options_.window, longest(data.training), longest(data.validation)});
  runner_ = std::make_unique<ParallelTrainer>(weights_.config, options_.threads,
                                              std::max(options_.batch_size, options_.eval_batch), max_steps);
  long sum = 0;
  for (const EncodedSequence& s : data.training) cumulative_lengths_.push_back(sum += s.length());
  size_batch(batch_, options_.batch_size, options_.window, weights_.config.input_size());
}

void Trainer::fill_batch(long step) {
  std::mt19937_64 rng(step_seed(options_.seed, step));
  const long total = cumulative_lengths_.back();
  for (int b = 0; b < batch_.batch; ++b) {
    // Uniform over events: pick an event, take the sequence holding it.
    const long event = long(rng() % uint64_t(total));
    const size_t index = size_t(std::upper_bound(cumulative_lengths_.begin(), cumulative_lengths_.end(), event) -
                                cumulative_lengths_.begin());
    const EncodedSequence& s = data_.training[index];
    const int length = std::min(s.length(), options_.window);
    const int offset = s.length() > length ? int(rng() % uint64_t(s.length() - length + 1)) : 0;
    place(s, offset, length, b, batch_);
  }
}

Evaluation Trainer::validate() {
  return evaluate_sequences(weights_, data_.validation, *runner_, options_.eval_batch);
}

void Trainer::run(const std::atomic<bool>& stop, const std::function<void(const TrainProgress&)>& report,
                  const std::function<void()>& on_checkpoint,
                  const std::function<void(const Evaluation&)>& on_best) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const double start_elapsed = state_.elapsed_seconds;
  const long first_step = state_.step;
  double recent_loss = 0, recent_events = 0;
  long events_done = 0;
  auto elapsed = [&] { return start_elapsed + std::chrono::duration<double>(Clock::now() - start).count(); };
  while (!stop.load()) {
    if (options_.max_steps > 0 && state_.step >= options_.max_steps) break;
    if (options_.max_minutes > 0 && elapsed() - start_elapsed >= options_.max_minutes * 60) break;
    fill_batch(state_.step);
    const LossStats stats = runner_->compute_gradients(weights_, batch_, grads_, options_.dropout_keep,
                                                       step_seed(options_.seed ^ 0xD0D0, state_.step));
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
    p.events_per_second = events_done / std::max(1e-9, state_.elapsed_seconds - start_elapsed);
    const double seconds_per_step = (state_.elapsed_seconds - start_elapsed) / double(state_.step - first_step);
    if (options_.max_steps > 0) p.eta_seconds = seconds_per_step * double(options_.max_steps - state_.step);
    if (options_.max_minutes > 0) {
      const double by_time = options_.max_minutes * 60 - (state_.elapsed_seconds - start_elapsed);
      p.eta_seconds = p.eta_seconds < 0 ? by_time : std::min(p.eta_seconds, by_time);
    }
    const bool last = (options_.max_steps > 0 && state_.step >= options_.max_steps);
    if (!data_.validation.empty() && (state_.step % options_.eval_every == 0 || last)) {
      p.validation = validate();
      if (state_.best_validation_nll == 0 || p.validation->nll < state_.best_validation_nll) {
        state_.best_validation_nll = p.validation->nll;
        state_.best_step = state_.step;
        best_weights_ = weights_;
        if (on_best) on_best(*p.validation);
      }
    }
    p.best_validation_nll = state_.best_validation_nll;
    p.best_step = state_.best_step;
    if (report) report(p);
    if (on_checkpoint && state_.step % options_.checkpoint_every == 0) on_checkpoint();
  }
  if (data_.validation.empty()) best_weights_ = weights_;
  if (on_checkpoint) on_checkpoint();
}

Status Trainer::save_checkpoint(const std::string& path, const std::string& training_json) const {
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
  return write_file_atomically(path, out.data(), out.size());
}

Status Trainer::resume(const std::string& path) {
  Result<std::vector<uint8_t>> bytes = read_file_bytes(path, 1ull << 32);
  if (!bytes.ok()) return Error{bytes.error()};
  const std::vector<uint8_t>& b = bytes.value();
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
