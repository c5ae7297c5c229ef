#pragma once
// A training run as the desktop app starts it: the musician's folders, the
// model to fine-tune (or none: from scratch), a time budget and the model
// file to write. It reads the data, says what it found, trains on a thread
// of the caller's, can pause, stop and keep the best, and continues after a
// restart: while unfinished, <model>.run.json beside the model describes it
// and <model>.ckpt holds its exact state.

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/generate/originality.h"
#include "core/train/trainer.h"

namespace musa {

struct TrainingRunSpec {
  std::vector<std::string> folders;
  std::string base_model;  ///< fine-tune this model; empty: from scratch
  std::string out;         ///< the model file written (the best weights so far)
  double minutes = 15;     ///< training time, pauses not counted
  int threads = 2;

  std::string checkpoint_path() const { return out + ".ckpt"; }
  /** Beside the model while the run is unfinished: what continuing needs. */
  std::string unfinished_marker_path() const { return out + ".run.json"; }
};

/** Adds each training melody, as the network with `config` learned it, to `index`. */
TrainingMelodyVisitor originality_collector(OriginalityIndex& index, const ModelConfig& config);

/**
 * The originality index for a model trained on these melodies, written
 * beside it. A fine-tuned model keeps its base model's melodies when the
 * base has an index; without one nothing is written (originality unknown).
 * Returns what happened, in a line.
 */
std::string write_originality_index(OriginalityIndex index, const std::string& base_model,
                                    const std::string& out);

/** The unfinished runs whose markers are in `folder` (a broken marker is skipped). */
std::vector<TrainingRunSpec> unfinished_training_runs(const std::string& folder);

/** What folders hold for training, in words (files, melodies, minutes, skipped and why). */
std::string describe_training_data(const Dataset& data);

class TrainingRun {
 public:
  /**
   * Reads the base model (or makes fresh weights) and the data; `resume`
   * continues from the checkpoint. Errors name the file or folder.
   */
  static Result<std::unique_ptr<TrainingRun>> prepare(const TrainingRunSpec& spec, bool resume);

  const TrainingRunSpec& spec() const { return spec_; }
  const Dataset& data() const { return data_; }
  /** Updates done (more than 0 in a resumed run). */
  long steps_done() const { return trainer_->state().step; }
  /** Validation of the weights it starts from (none without validation files). */
  const std::optional<Evaluation>& start() const { return start_; }
  /**
   * A fine-tuning whose updates never did better on the held-out files than
   * the model it started from (in this session or an earlier one): its
   * model file holds the starting weights.
   */
  bool kept_starting_weights() const;
  /** "guesses what comes next 61 % of the time, better than the starting model's 58 %". */
  static std::string in_words(const Evaluation& now, const Evaluation& start);
  /** "guesses what comes next 58 % of the time". */
  static std::string in_words(const Evaluation& evaluation);
  /** How often it guesses what comes next, in whole percent (what in_words says). */
  static int percent_guessed(const Evaluation& evaluation);

  /**
   * Trains until the budget is spent or `stop`; `pause` holds it. Writes the
   * unfinished-run marker, the model (the best weights so far) and its
   * originality index at the start,
   * the model again at every improvement, the checkpoint regularly and at the end;
   * a run that ends by its budget removes its marker (finished), one stopped
   * keeps it (to continue). Returns the first write error.
   */
  Status run(const std::atomic<bool>& stop, const std::atomic<bool>& pause,
             const std::function<void(const TrainProgress&)>& report);
  /** Marks the run finished (Stop and keep best): continuing is no longer offered. */
  void finish();

 private:
  TrainingRun(TrainingRunSpec spec, Dataset data);
  std::string provenance() const;

  TrainingRunSpec spec_;
  Dataset data_;
  std::unique_ptr<Trainer> trainer_;
  std::optional<Evaluation> start_, best_;
  std::optional<OriginalityIndex> originality_;  ///< of the training melodies, written once the run starts
};

}  // namespace musa
