#include "core/train/training_run.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/model/model_file.h"
#include "core/model/model_loader.h"
#include "core/train/evaluation_json.h"
#include "core/util/file_io.h"

namespace musa {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

json spec_json(const TrainingRunSpec& spec) {
  return {{"folders", spec.folders},
          {"base_model", spec.base_model},
          {"out", spec.out},
          {"minutes", spec.minutes},
          {"threads", spec.threads}};
}

std::optional<TrainingRunSpec> spec_from_json(const json& j) {
  if (!j.is_object()) return std::nullopt;
  try {
    TrainingRunSpec spec;
    spec.folders = j.at("folders").get<std::vector<std::string>>();
    spec.base_model = j.at("base_model").get<std::string>();
    spec.out = j.at("out").get<std::string>();
    spec.minutes = j.at("minutes").get<double>();
    spec.threads = std::clamp(j.at("threads").get<int>(), 1, 64);
    if (spec.folders.empty() || spec.out.empty() || !(spec.minutes > 0)) return std::nullopt;
    return spec;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

/** A quarter of a small folder is held out; every 10th file of a larger one; none under 4 files. */
int validation_every_for(size_t files) { return files >= 20 ? 10 : files >= 4 ? 4 : 0; }

/**
 * Hyper-parameters for the app's runs: fine-tuning's gentle rate, a cosine
 * over the budget, early stopping; validation costs about a tenth of the
 * training it judges.
 */
TrainOptions options_for(const TrainingRunSpec& spec, const Dataset& data) {
  TrainOptions o;
  o.threads = spec.threads;
  o.max_minutes = spec.minutes;
  o.schedule = LearningRateSchedule::Cosine;
  o.learning_rate = spec.base_model.empty() ? 0.001f : 0.0002f;
  o.patience = spec.base_model.empty() ? 10 : 5;
  const double events_per_update = double(o.batch_size) * o.window;
  o.eval_every = std::max(10, int(std::ceil(10 * double(data.summary.validation_steps) / events_per_update)));
  o.checkpoint_every = o.eval_every;
  return o;
}

}  // namespace

TrainingMelodyVisitor originality_collector(OriginalityIndex& index, const ModelConfig& config) {
  return [&index, config](const std::string& path, const Melody& melody) {
    // As the network learned it: squashed into its range (octaves folded), so intervals match its takes.
    Melody squashed = melody;
    squashed.squash(config.min_note, config.max_note, config.transpose_to_key);
    const fs::path p(path);
    index.add((p.parent_path().filename() / p.filename()).string(), squashed.events);
  };
}

std::string write_originality_index(OriginalityIndex index, const std::string& base_model,
                                    const std::string& out) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  if (!base_model.empty()) {
    Result<OriginalityIndex> base = OriginalityIndex::load(originality_index_path(base_model));
    if (!base.ok())
      return "No originality index beside " + base_model + ": " + out +
             " will report \"originality unknown\"";
    index.add(base.value());
  }
  index.finish();
  const std::string path = originality_index_path(out);
  if (Status s = index.save(path); !s.ok()) return s.error();
  char line[256];
  std::snprintf(line, sizeof line, "%s: %zu melodies, %zu notes, built in %.2f s", path.c_str(),
                index.melody_count(), index.token_count(),
                std::chrono::duration<double>(Clock::now() - start).count());
  return line;
}

std::vector<TrainingRunSpec> unfinished_training_runs(const std::string& folder) {
  std::vector<TrainingRunSpec> runs;
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.size() < 9 || name.compare(name.size() - 9, 9, ".run.json") != 0) continue;
    Result<std::vector<uint8_t>> bytes = read_file_bytes(it->path().string(), 1 << 20);
    if (!bytes.ok()) continue;
    const json j = json::parse(bytes->begin(), bytes->end(), nullptr, false);
    if (std::optional<TrainingRunSpec> spec = spec_from_json(j); spec && fs::exists(spec->checkpoint_path()))
      runs.push_back(*spec);
  }
  std::sort(runs.begin(), runs.end(), [](auto& a, auto& b) { return a.out < b.out; });
  return runs;
}

std::string describe_training_data(const Dataset& data) {
  const DatasetSummary& s = data.summary;
  const size_t melodies = data.training.size() + data.validation.size();
  // 4 steps a quarter note; at 120 quarters a minute a step lasts 1/480 of a minute.
  const double minutes = double(s.training_steps + s.validation_steps) / 480.0;
  const long whole_minutes = std::max(1L, std::lround(minutes));
  std::string out = std::to_string(s.training_files + s.validation_files) + " files with " +
                    std::to_string(melodies) + " melodies, about " + std::to_string(whole_minutes) +
                    (whole_minutes == 1 ? " minute" : " minutes") + " of melody at 120 bpm";
  if (s.validation_files == 1)
    out += "; 1 of the files is held out to judge it";
  else if (s.validation_files > 1)
    out += "; " + std::to_string(s.validation_files) + " of the files are held out to judge it";
  else
    out += "; too few files to hold some out, so it cannot be judged or stopped early";
  auto files = [](int n) { return std::to_string(n) + (n == 1 ? " file" : " files"); };
  if (s.files_without_melodies > 0)
    out +=
        ".\n" + files(s.files_without_melodies) +
        " skipped: no usable melody (drums only, fewer than 5 different note names, or shorter than 7 bars)";
  for (const auto& [reason, count] : s.skipped) out += ".\n" + files(count) + " unreadable: " + reason;
  return out + ".";
}

int TrainingRun::percent_guessed(const Evaluation& evaluation) {
  return int(std::lround(100 * evaluation.accuracy));
}

std::string TrainingRun::in_words(const Evaluation& evaluation) {
  return "guesses what comes next " + std::to_string(percent_guessed(evaluation)) + " % of the time";
}

std::string TrainingRun::in_words(const Evaluation& now, const Evaluation& start) {
  const int now_percent = percent_guessed(now), start_percent = percent_guessed(start);
  const char* comparison = now_percent > start_percent   ? "better than"
                           : now_percent < start_percent ? "worse than"
                                                         : "as often as";
  return in_words(now) + ", " + comparison + " the starting model's " + std::to_string(start_percent) + " %";
}

TrainingRun::TrainingRun(TrainingRunSpec spec, Dataset data)
    : spec_(std::move(spec)), data_(std::move(data)) {}

Result<std::unique_ptr<TrainingRun>> TrainingRun::prepare(const TrainingRunSpec& spec, bool resume) {
  ModelWeights initial;
  if (!spec.base_model.empty()) {
    Result<ModelFile> base = load_any_model(spec.base_model);
    if (!base.ok()) return Error{base.error()};
    initial = std::move(base->weights);
  } else {
    initial = random_weights(ModelConfig{}, 1);
  }
  Result<std::vector<std::string>> files = list_midi_files(spec.folders);
  if (!files.ok()) return Error{files.error()};
  DatasetOptions data_options;
  data_options.folders = spec.folders;
  data_options.validation_every = validation_every_for(files->size());
  // A musician's folder is mostly piano pieces and whole songs: read as Magenta reads its data
  // (a track given up at its first chord, melodies cut at 512 steps) little of it would be left.
  data_options.training_max_steps = 0;
  data_options.training_top_lines = data_options.validation_top_lines = true;
  OriginalityIndex originality;
  Result<Dataset> data =
      load_dataset(data_options, initial.config, originality_collector(originality, initial.config));
  if (!data.ok()) return Error{data.error()};
  if (data->training.empty()) return Error{"no melody to learn from in " + spec.folders.front()};

  std::unique_ptr<TrainingRun> run(new TrainingRun(spec, std::move(data.value())));
  run->originality_ = std::move(originality);
  run->trainer_ = std::make_unique<Trainer>(std::move(initial), run->data_, options_for(spec, run->data_));
  Trainer& trainer = *run->trainer_;
  if (resume) {
    if (Status s = trainer.resume(spec.checkpoint_path()); !s.ok()) return Error{s.error()};
    trainer.set_time_budget(std::max(0.05, spec.minutes - trainer.state().elapsed_seconds / 60));
  }
  if (!run->data_.validation.empty()) {
    // On resume the start is where this session starts: the best so far is still kept.
    run->start_ = trainer.validate();
    if (!resume && !spec.base_model.empty()) trainer.keep_current_as_best(*run->start_);
  }
  return run;
}

std::string TrainingRun::provenance() const {
  json t = {{"data", {{"folders", spec_.folders}, {"summary", data_.summary.text()}}},
            {"command", "musa: Model → Train on My Music"},
            {"steps", trainer_->state().step},
            {"best_step", trainer_->state().best_step},
            {"wall_seconds", trainer_->state().elapsed_seconds},
            {"learning_rate", trainer_->options().learning_rate},
            {"lr_schedule", "cosine"},
            {"patience", trainer_->options().patience}};
  if (!spec_.base_model.empty()) t["init"] = spec_.base_model;
  if (best_) t["validation"] = evaluation_json(*best_);
  return t.dump();
}

Status TrainingRun::run(const std::atomic<bool>& stop, const std::atomic<bool>& pause,
                        const std::function<void(const TrainProgress&)>& report) {
  Status written;
  auto keep = [&](const Status& s) {
    if (written.ok() && !s.ok()) written = s;
  };
  trainer_->set_pause_flag(&pause);
  const std::string marker = spec_json(spec_).dump(2);  // until the run is finished
  keep(write_file_atomically(spec_.unfinished_marker_path(), marker.data(), marker.size()));
  // Listen Now works from the first moment: the file holds the best weights so far.
  if (!fs::exists(spec_.out)) keep(save_model(trainer_->best_weights(), spec_.out, provenance()));
  if (originality_) {
    write_originality_index(std::move(*originality_), spec_.base_model, spec_.out);
    originality_.reset();
  }
  bool improved = false;
  trainer_->run(
      stop, report, [&] { keep(trainer_->save_checkpoint(spec_.checkpoint_path(), provenance())); },
      [&](const Evaluation& best) {
        best_ = best;
        improved = true;
        keep(save_model(trainer_->best_weights(), spec_.out, provenance()));
      });
  // A run that never improved (or has no validation files) still leaves a model file.
  if (!improved && !fs::exists(spec_.out))
    keep(save_model(trainer_->best_weights(), spec_.out, provenance()));
  if (!stop.load()) finish();
  return written;
}

bool TrainingRun::kept_starting_weights() const {
  // prepare() made the starting weights the best at step 0; a better validation moves best_step.
  return !spec_.base_model.empty() && start_ && trainer_->state().best_step == 0;
}

void TrainingRun::finish() {
  std::error_code ignored;
  fs::remove(spec_.unfinished_marker_path(), ignored);
}

}  // namespace musa
