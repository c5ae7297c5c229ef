// musa-cli train / eval / baseline: the trainer from the command line.

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "app/cli_commands.h"
#include "app/cli_flags.h"
#include "core/model/model_file.h"
#include "core/model/model_loader.h"
#include "core/train/evaluation_json.h"
#include "core/train/ngram.h"
#include "core/train/process_group.h"
#include "core/train/trainer.h"
#include "core/train/training_run.h"

namespace musa::cli {
namespace {

using json = nlohmann::json;

std::atomic<bool> g_stop{false};
void on_interrupt(int) { g_stop = true; }

std::string command_line(int argc, char** argv) {
  std::string s = "musa-cli";
  for (int i = 1; i < argc; ++i) s += std::string(" ") + argv[i];
  return s;
}

}  // namespace

void add_data_flags(Flags& flags) {
  flags.values("data", "folders of .mid files (searched recursively)");
  flags.value("validation_every", "10", "every Nth file (sorted by path) is held out for validation");
  flags.value("training_max_steps", "512",
              "training melodies are cut after this many steps, as Magenta cuts them; 0 keeps them\n"
              "                              whole (validation is always cut at 512)");
  flags.toggle("top_lines",
               "tracks that play chords give their top line to the training split instead of nothing\n"
               "                              (validation always skips them)");
}

Result<Dataset> load_data(Flags& flags, const ModelConfig& config, int transpose_low, int transpose_high,
                          const ProcessGroup& group, const TrainingMelodyVisitor& on_training_melody) {
  DatasetOptions o;
  o.shard = group.rank();
  o.shards = group.size();
  o.folders = flags.list("data");
  if (o.folders.empty()) return Error{"--data needs at least one folder"};
  long every = 10;
  if (!flags.get_int("validation_every", every) || every < 2) return Error{"--validation_every must be ≥ 2"};
  o.validation_every = int(every);
  o.transpose_low = transpose_low;
  o.transpose_high = transpose_high;
  long steps = 0;
  if (!flags.get_int("training_max_steps", steps) || steps < 0)
    return Error{"--training_max_steps must be ≥ 0"};
  o.training_max_steps = int(steps);
  o.training_top_lines = flags.on("top_lines");
  return load_dataset(o, config, on_training_melody);
}

namespace {

/** Applies a JSON object of overrides ({"layer_sizes": [64], "attn_length": 0, ...}) to a config. */
Result<ModelConfig> config_with_overrides(const std::string& text) {
  json base = json::parse(config_to_json(ModelConfig{}));
  if (!text.empty()) {
    const json overrides = json::parse(text, nullptr, false);
    if (overrides.is_discarded() || !overrides.is_object()) return Error{"--config must be a JSON object"};
    base.update(overrides);
  }
  return config_from_json(base.dump());
}

std::string format_duration(double seconds) {
  if (seconds < 0) return "?";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d:%02d:%02d", int(seconds / 3600), int(seconds / 60) % 60,
                int(seconds) % 60);
  return buf;
}

json progress_json(const TrainProgress& p) {
  json j = {{"event", "progress"},
            {"step", p.step},
            {"total_steps", p.total_steps},
            {"train_loss", p.train_loss},
            {"learning_rate", p.learning_rate},
            {"events_per_second", p.events_per_second},
            {"elapsed_seconds", p.elapsed_seconds},
            {"eta_seconds", p.eta_seconds},
            {"best_validation_nll", p.best_validation_nll},
            {"best_step", p.best_step}};
  if (p.validation) j["validation"] = evaluation_json(*p.validation);
  if (p.stopped_early) j["stopped_early"] = true;
  return j;
}

/**
 * What the train command tells its user: lines for a person (rewritten in
 * place on a terminal), or with --json-progress one JSON object per line for
 * a script ({"event": "message" | "data" | "start" | "progress" | "done", …}).
 */
class TrainReport {
 public:
  TrainReport(bool json_lines, bool terminal) : json_(json_lines), terminal_(terminal && !json_lines) {}

  void message(const std::string& text) const {
    if (json_) {
      line(json{{"event", "message"}, {"text", text}});
    } else {
      std::printf("%s\n", text.c_str());
      std::fflush(stdout);
    }
  }
  void event(const json& object, const std::string& text) const { json_ ? line(object) : message(text); }

  void progress(const TrainProgress& p, const std::optional<Evaluation>& start) {
    if (json_) {
      json j = progress_json(p);
      if (p.validation && start) j["in_words"] = TrainingRun::in_words(*p.validation, *start);
      if (p.validation || p.step % 10 == 0 || p.stopped_early) line(j);
      return;
    }
    char text[256];
    std::snprintf(text, sizeof text, "step %ld%s  loss %.3f  lr %.2g  %.0f events/s  elapsed %s  ETA %s",
                  p.step, p.total_steps ? ("/" + std::to_string(p.total_steps)).c_str() : "", p.train_loss,
                  p.learning_rate, p.events_per_second, format_duration(p.elapsed_seconds).c_str(),
                  format_duration(p.eta_seconds).c_str());
    std::string out = text;
    if (p.validation) {
      std::snprintf(text, sizeof text, "  validation NLL %.4f acc %.3f note-on acc %.3f (best %.4f @ %ld)",
                    p.validation->nll, p.validation->accuracy, p.validation->note_on_accuracy,
                    p.best_validation_nll, p.best_step);
      out += text;
      if (start) out += "\n  " + TrainingRun::in_words(*p.validation, *start);
    }
    if (p.stopped_early) out += "\n  validation has not improved for a while: stopping early";
    if (terminal_) {
      std::printf("\r\033[K%s%s", out.c_str(), p.validation || p.stopped_early ? "\n" : "");
      std::fflush(stdout);
    } else if (p.validation || p.step % 10 == 0 || p.stopped_early) {
      message(out);
    }
    ended_mid_line_ = terminal_ && !p.validation && !p.stopped_early;
  }
  /** Ends a progress line left open on a terminal. */
  void finish_line() {
    if (ended_mid_line_) std::printf("\n");
    ended_mid_line_ = false;
  }

 private:
  static void line(const json& j) {
    std::printf("%s\n", j.dump().c_str());
    std::fflush(stdout);
  }
  bool json_, terminal_;
  bool ended_mid_line_ = false;
};

std::string format_fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

json dataset_json(const DatasetSummary& summary) {
  return {{"event", "data"},
          {"training_files", summary.training_files},
          {"validation_files", summary.validation_files},
          {"files_without_melodies", summary.files_without_melodies},
          {"skipped", summary.skipped},
          {"training_steps", summary.training_steps},
          {"validation_steps", summary.validation_steps},
          {"summary", summary.text()}};
}

/**
 * The base model and the fine-tuned one on the validation split of the
 * base model's own data (--base_data): how much of what it knew was lost.
 */
Result<json> measure_forgetting(Flags& flags, const ModelWeights& base, const ModelWeights& tuned) {
  DatasetOptions o;
  o.folders = flags.list("base_data");
  // The base model's split, not the new data's: with the user's --validation_every (often
  // small for a small folder) most "held-out" base files would be ones the base learned from.
  long every = 10, threads = 2;
  if (!flags.get_int("base_validation_every", every) || every < 2)
    return Error{"--base_validation_every must be ≥ 2"};
  flags.get_int("threads", threads);
  o.validation_every = int(every);
  Result<Dataset> data = load_dataset(o, base.config);
  if (!data.ok()) return Error{data.error()};
  if (data->validation.empty()) return Error{"--base_data: no melodies in the validation split"};
  return json{{"folders", o.folders},
              {"validation_files", data->summary.validation_files},
              {"before", evaluation_json(evaluate_sequences(base, data->validation, int(threads)))},
              {"after", evaluation_json(evaluate_sequences(tuned, data->validation, int(threads)))}};
}

std::string forgetting_text(const json& forgetting) {
  const json& before = forgetting["before"];
  const json& after = forgetting["after"];
  return "On the base model's own validation files (" +
         std::to_string(forgetting["validation_files"].get<int>()) + "): NLL " +
         format_fixed(before["nll_per_step"].get<double>(), 4) + " -> " +
         format_fixed(after["nll_per_step"].get<double>(), 4) + ", accuracy " +
         format_fixed(100 * before["accuracy"].get<double>(), 1) + " % -> " +
         format_fixed(100 * after["accuracy"].get<double>(), 1) + " %";
}

/**
 * An error after the processes of a run have joined: alone, the usual one
 * line; in a group, named by rank, and every process ends (the others would
 * wait for this one forever).
 */
int fail_in(ProcessGroup& group, const std::string& message) {
  if (group.size() == 1) return fail(message);
  const int code = fail("process " + std::to_string(group.rank()) + ": " + message);
  group.abort_all(code);
  return code;
}

bool parse_transpose(const std::string& text, int& low, int& high) {
  if (text.empty()) return true;
  const auto dots = text.find("..");
  try {
    low = dots == std::string::npos ? std::stoi(text) : std::stoi(text.substr(0, dots));
    high = dots == std::string::npos ? low : std::stoi(text.substr(dots + 2));
  } catch (...) {
    return false;
  }
  return low <= high && low >= -12 && high <= 12;
}

/** The hyper-parameters the flags give; fine-tuning (--init) has its own defaults. */
Result<TrainOptions> read_train_options(Flags& flags) {
  TrainOptions o;
  long n = 0;
  double x = 0;
  if (!flags.get_int("batch_size", n) || n < 1 || n > 1024) return Error{"--batch_size must be 1..1024"};
  o.batch_size = int(n);
  if (!flags.get_int("window", n) || n < 0 || n > 512) return Error{"--window must be 0..512"};
  o.window = int(n);
  if (!flags.get_int("threads", n) || n < 1 || n > 64) return Error{"--threads must be 1..64"};
  o.threads = int(n);
  if (!flags.get_int("seed", n)) return Error{flags.error()};
  o.seed = uint64_t(n);
  if (!flags.get_int("eval_every", n) || n < 1) return Error{"--eval_every must be ≥ 1"};
  o.eval_every = int(n);
  if (!flags.get_int("checkpoint_every", n) || n < 1) return Error{"--checkpoint_every must be ≥ 1"};
  o.checkpoint_every = int(n);
  // Fine-tuning keeps what the base knew: a smaller step, decaying, and stopping once
  // the user's own validation files stop improving.
  const bool fine_tune = flags.given("init");
  x = fine_tune ? 0.0002 : 0.001;
  if (flags.given("learning_rate") && (!flags.get_double("learning_rate", x) || x <= 0))
    return Error{"--learning_rate must be > 0"};
  o.learning_rate = float(x);
  const std::string schedule = flags.given("lr_schedule") ? flags.get("lr_schedule")
                               : fine_tune                ? "cosine"
                                                          : "constant";
  if (schedule != "constant" && schedule != "cosine")
    return Error{"--lr_schedule must be constant or cosine"};
  o.schedule = schedule == "cosine" ? LearningRateSchedule::Cosine : LearningRateSchedule::Constant;
  if (!flags.get_double("final_learning_rate", x) || x < 0 || x > o.learning_rate)
    return Error{"--final_learning_rate must be 0..the learning rate"};
  o.final_learning_rate = float(x);
  n = fine_tune ? 5 : 0;
  if (flags.given("patience") && (!flags.get_int("patience", n) || n < 0))
    return Error{"--patience must be ≥ 0"};
  o.patience = int(n);
  if (flags.given("base_data") && !fine_tune) return Error{"--base_data needs --init (the base model)"};
  if (!flags.get_double("dropout_keep", x) || x <= 0 || x > 1)
    return Error{"--dropout_keep must be in (0, 1]"};
  o.dropout_keep = float(x);
  if (flags.given("steps") && (!flags.get_int("steps", o.max_steps) || o.max_steps < 1))
    return Error{"--steps must be ≥ 1"};
  if (flags.given("minutes") && (!flags.get_double("minutes", o.max_minutes) || o.max_minutes <= 0))
    return Error{"--minutes must be > 0"};
  return o;
}

}  // namespace

int train(int argc, char** argv) {
  Flags flags("musa-cli train --data DIR... --out MODEL [flags]",
              "Trains a melody model on folders of MIDI files. Writes MODEL (the weights that did best on\n"
              "validation, with provenance) and MODEL.ckpt (latest state; --resume continues from it).\n"
              "Ctrl+C stops cleanly after the current update and saves both. Under mpirun -np N (or srun)\n"
              "each process reads 1/N of the files and computes its part of every batch: the same\n"
              "weights as one process, faster (README, \"Training on several machines\").");
  add_data_flags(flags);
  flags.value("out", "", "the model file to write");
  flags.value("config",
              "attention_rnn: {\"encoding\":\"key_melody\",\"layer_sizes\":[128,128],\"attn_length\":40}",
              "JSON overrides of the model configuration");
  flags.value("steps", "", "stop after this many updates");
  flags.value("epochs", "", "stop after this many passes over the training events");
  flags.value("minutes", "", "stop after this much wall time");
  flags.value("seed", "1", "random seed (initial weights, batches, dropout)");
  flags.toggle("resume", "continue from MODEL.ckpt exactly where it stopped");
  flags.value("init", "",
              "start from this model's weights (fine-tune; .safetensors, .mag or Magenta.js folder)");
  flags.value("batch_size", "128", "sequences per update");
  flags.value("window", "128", "steps per training sequence (random windows); 0 = whole melodies");
  flags.value("threads", "2", "worker threads");
  flags.value("learning_rate", "", "Adam learning rate (default 0.001; with --init 0.0002)");
  flags.value("lr_schedule", "",
              "constant, or cosine: down to --final_learning_rate over the run (default constant; with\n"
              "                              --init cosine)");
  flags.value("final_learning_rate", "0", "where the cosine schedule ends");
  flags.value("patience", "",
              "stop once validation has not improved for N validations in a row (default never; with\n"
              "                              --init 5)");
  flags.values("base_data",
               "with --init: the base model's own folders, measured on their validation split\n"
               "                              before and after, so forgetting shows");
  flags.value("base_validation_every", "10",
              "every Nth file of --base_data is the base model's held-out file (10: the shipped model's)");
  flags.toggle("json_progress", "one JSON object per line instead of text, for scripts");
  flags.value("dropout_keep", "0.5", "keep probability of the LSTM outputs");
  flags.value("transpose", "0", "augmentation range, e.g. -5..6 (training split only)");
  flags.value("eval_every", "100", "validate every N updates");
  flags.value("checkpoint_every", "100", "write the checkpoint every N updates");
  if (int code = parse_or_exit(flags, argc, argv); code >= 0) return code;
  const std::string out = flags.get("out");
  if (out.empty()) return fail("train needs --out MODEL");

  Result<TrainOptions> options = read_train_options(flags);
  if (!options.ok()) return fail(options.error());
  TrainOptions o = options.value();
  const bool fine_tune = flags.given("init");
  double x = 0;
  int transpose_low = 0, transpose_high = 0;
  if (!parse_transpose(flags.get("transpose"), transpose_low, transpose_high))
    return fail("--transpose must look like -5..6 (within -12..12)");

  // From here on, under mpirun or srun, every process runs this with its own rank.
  Result<std::unique_ptr<ProcessGroup>> joined = join_process_group(argc, argv);
  if (!joined.ok()) return fail(joined.error());
  const std::unique_ptr<ProcessGroup> group = std::move(joined.value());
  const bool lead = group->rank() == 0;  // reports and writes files
  // Under mpirun rank 0 may write to a pty whatever mpirun writes to: print whole lines there.
  TrainReport report(flags.on("json_progress"), isatty(STDOUT_FILENO) && group->size() == 1);
  ModelWeights initial;
  if (fine_tune) {
    Result<ModelFile> init = load_any_model(flags.get("init"));
    if (!init.ok()) return fail_in(*group, init.error());
    initial = std::move(init->weights);
  } else {
    Result<ModelConfig> config = config_with_overrides(flags.given("config") ? flags.get("config") : "");
    if (!config.ok()) return fail_in(*group, config.error());
    initial = random_weights(config.value(), o.seed);
  }
  if (lead) report.message("Reading MIDI files…");
  if (lead && group->size() > 1)
    report.message(std::to_string(group->size()) + " processes (MPI), each reading 1/" +
                   std::to_string(group->size()) + " of the files");
  // The originality index sees every training melody; under MPI a process reads only its shard, so
  // rank 0 reads them all once more after training (about a second for the shipped model's files).
  const ModelConfig config = initial.config;
  const ModelWeights base_weights = fine_tune ? initial : ModelWeights{};
  OriginalityIndex originality;
  Result<Dataset> data =
      load_data(flags, config, transpose_low, transpose_high, *group,
                group->size() == 1 ? originality_collector(originality, config) : TrainingMelodyVisitor{});
  if (!data.ok()) return fail_in(*group, data.error());
  Result<TrainingIndex> index = gather_training_index(data.value(), *group);
  if (!index.ok()) return fail_in(*group, index.error());
  const DatasetSummary summary = gather_summary(data->summary, *group);
  if (lead) {
    std::string text = summary.text();
    for (const std::string& example : summary.skipped_examples) text += "\n  skipped " + example;
    report.event(dataset_json(summary), text);
  }
  if (flags.given("epochs")) {
    if (!flags.get_double("epochs", x) || x <= 0) return fail_in(*group, "--epochs must be > 0");
    const double window = o.window > 0 ? o.window : 512;
    const long steps = long(std::ceil(x * double(summary.training_steps) / (o.batch_size * window)));
    o.max_steps = o.max_steps > 0 ? std::min(o.max_steps, steps) : steps;
  }
  if (o.max_steps == 0 && o.max_minutes == 0)
    return fail_in(*group, "say how long to train: --steps, --epochs or --minutes");

  Trainer trainer(std::move(initial), data.value(), o, *group, std::move(index.value()));
  const std::string checkpoint = out + ".ckpt";
  if (flags.on("resume") && lead) {  // the others start from rank 0's state
    if (Status s = trainer.resume(checkpoint); !s.ok()) return fail_in(*group, s.error());
    report.message("Resumed at step " + std::to_string(trainer.state().step));
  }
  // What the run starts from, on the validation split: what "better than" compares with.
  std::optional<Evaluation> start;
  if (summary.validation_files > 0 && !flags.on("resume")) {
    start = trainer.validate();
    if (lead)
      report.event(json{{"event", "start"}, {"validation", evaluation_json(*start)}},
                   "Starting model: validation NLL " + format_fixed(start->nll, 4) + ", " +
                       TrainingRun::in_words(*start));
  }
  std::optional<Evaluation> best_validation;
  if (start && fine_tune) {
    trainer.keep_current_as_best(*start);
    best_validation = start;
  }
  const json data_json = {{"folders", flags.list("data")},
                          {"validation_every", flags.get("validation_every")},
                          {"summary", summary.text()}};
  auto provenance = [&](const std::optional<Evaluation>& validation) {
    json t = {{"data", data_json},
              {"command", command_line(argc, argv)},
              {"steps", trainer.state().step},
              {"best_step", trainer.state().best_step},
              {"wall_seconds", trainer.state().elapsed_seconds},
              {"batch_size", o.batch_size},
              {"window", o.window},
              {"learning_rate", o.learning_rate},
              {"lr_schedule", o.schedule == LearningRateSchedule::Cosine ? "cosine" : "constant"},
              {"patience", o.patience},
              {"seed", o.seed},
              {"processes", group->size()}};
    if (fine_tune) t["init"] = flags.get("init");
    if (validation) t["validation"] = evaluation_json(*validation);
    return t.dump();
  };
  bool improved = false;  // the model file is written at every improvement
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  Status write_status;
  bool stopped_early = false;
  trainer.run(
      g_stop,
      [&](const TrainProgress& p) {
        stopped_early = p.stopped_early;
        if (lead) report.progress(p, start);
      },
      [&] {
        if (!lead) return;
        if (Status s = trainer.save_checkpoint(checkpoint, provenance(best_validation)); !s.ok())
          write_status = s;
      },
      [&](const Evaluation& best) {
        best_validation = best;
        improved = true;
        if (!lead) return;
        if (Status s = save_model(trainer.best_weights(), out, provenance(best_validation)); !s.ok())
          write_status = s;
      });
  if (!lead) return 0;  // rank 0 writes the model and says where
  report.finish_line();
  // Without a validation split the latest weights are the result; a fine-tuning
  // run that never beat its starting model gives the starting model back.
  if (!improved) {
    if (Status s = save_model(trainer.best_weights(), out, provenance(best_validation)); !s.ok())
      write_status = s;
  }
  if (!write_status.ok()) return fail(write_status.error());
  if (group->size() > 1 &&
      !load_data(flags, config, 0, 0, SingleProcess(), originality_collector(originality, config)).ok())
    report.message("The training files could not be read again: no originality index");
  else
    report.message(write_originality_index(std::move(originality), fine_tune ? flags.get("init") : "", out));
  json done = {{"event", "done"},
               {"model", out},
               {"checkpoint", checkpoint},
               {"steps", trainer.state().step},
               {"best_step", trainer.state().best_step},
               {"wall_seconds", trainer.state().elapsed_seconds},
               {"stopped_early", stopped_early}};
  if (best_validation) done["validation"] = evaluation_json(*best_validation);
  if (start) done["start_validation"] = evaluation_json(*start);
  std::string text = out + " after " + std::to_string(trainer.state().step) + " updates (" +
                     format_duration(trainer.state().elapsed_seconds) + "); best validation NLL " +
                     format_fixed(trainer.state().best_validation_nll, 4) + " at update " +
                     std::to_string(trainer.state().best_step) + ". Checkpoint: " + checkpoint;
  if (best_validation && start) text += "\nIt " + TrainingRun::in_words(*best_validation, *start) + ".";
  if (flags.given("base_data")) {
    Result<json> forgetting = measure_forgetting(flags, base_weights, trainer.best_weights());
    if (!forgetting.ok()) return fail(forgetting.error());
    done["base_data"] = forgetting.value();
    text += "\n" + forgetting_text(forgetting.value());
  }
  report.event(done, text);
  return 0;
}

int eval(int argc, char** argv) {
  Flags flags("musa-cli eval --model M --data DIR... [flags]",
              "Measures a model on the validation split of folders of MIDI files (the same split rules as\n"
              "training): NLL per step (nats), perplexity, accuracy, accuracy on note-on labels.");
  flags.value("model", "", "model file");
  add_data_flags(flags);
  flags.value("split", "validation", "validation, training or all");
  flags.value("threads", "2", "worker threads");
  if (int code = parse_or_exit(flags, argc, argv); code >= 0) return code;
  Result<ModelFile> model = load_any_model(flags.get("model"));
  if (!model.ok()) return fail(model.error());
  Result<Dataset> data = load_data(flags, model->weights.config);
  if (!data.ok()) return fail(data.error());
  std::vector<EncodedSequence> sequences;
  const std::string split = flags.get("split");
  if (split == "validation" || split == "all") sequences = data->validation;
  if (split == "training" || split == "all")
    sequences.insert(sequences.end(), data->training.begin(), data->training.end());
  if (split != "validation" && split != "training" && split != "all")
    return fail("--split must be validation, training or all");
  if (sequences.empty()) return fail("no melodies in the " + split + " split");
  long threads = 2;
  if (!flags.get_int("threads", threads) || threads < 1) return fail("--threads must be ≥ 1");
  const Evaluation e = evaluate_sequences(model->weights, sequences, int(threads));
  json out = evaluation_json(e);
  out["split"] = split;
  out["files"] = split == "validation" ? data->summary.validation_files
                 : split == "training" ? data->summary.training_files
                                       : data->summary.validation_files + data->summary.training_files;
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}

int baseline(int argc, char** argv) {
  Flags flags("musa-cli baseline --data DIR... [--order N]",
              "An n-gram model over the same labels (interpolated absolute discounting), trained on the\n"
              "training split and measured on the validation split: the figure a network must beat.");
  add_data_flags(flags);
  flags.value("order", "5", "n of the n-gram");
  if (int code = parse_or_exit(flags, argc, argv); code >= 0) return code;
  long order = 5;
  if (!flags.get_int("order", order) || order < 1 || order > 12) return fail("--order must be 1..12");
  Result<Dataset> data = load_data(flags, ModelConfig{});
  if (!data.ok()) return fail(data.error());
  NgramModel ngram(int(order), ModelConfig{}.num_classes());
  ngram.train(data->training);
  const NgramModel::Score s = ngram.evaluate(data->validation);
  const json out = {{"order", order},
                    {"nll_per_step", s.nll},
                    {"perplexity", std::exp(s.nll)},
                    {"accuracy", s.accuracy},
                    {"steps", s.steps}};
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}

}  // namespace musa::cli
