#pragma once
// The training loop: batches of random windows (or whole melodies), Adam,
// global-norm clipping, dropout, periodic validation and checkpoints that
// resume exactly.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/model/model_weights.h"
#include "core/train/data_parallel.h"
#include "core/train/dataset.h"
#include "core/train/optimizer.h"
#include "core/train/parallel_trainer.h"

namespace musa {

/** How the learning rate moves over a run. */
enum class LearningRateSchedule {
  Constant,  ///< attention_rnn's: the same rate throughout
  Cosine,    ///< from learning_rate down to final_learning_rate along half a cosine over the run
};

/** Hyper-parameters; defaults are attention_rnn's (MODEL.md §3) except the window. */
struct TrainOptions {
  int batch_size = 128;
  int window = 128;  ///< steps per training sequence; 0 = whole melodies (longer ones: windows of 512)
  int threads = 2;
  long max_steps = 0;      ///< stop after this many updates (0: no limit)
  double max_minutes = 0;  ///< stop after this much wall time (0: no limit)
  float learning_rate = 0.001f;
  LearningRateSchedule schedule = LearningRateSchedule::Constant;
  float final_learning_rate = 0.0f;  ///< where Cosine ends
  /// Early stopping: stop once validation has not improved for this many validations (0: never).
  int patience = 0;
  float clip_norm = 3.0f;
  float dropout_keep = 0.5f;
  uint64_t seed = 1;
  int eval_every = 100;        ///< validate every N updates (and at the end)
  int checkpoint_every = 100;  ///< write the checkpoint every N updates (and at the end)
  int eval_batch = 64;
};

/**
 * The learning rate at `progress` (0 at the start, 1 at the end of the run;
 * clamped). A run bounded by updates measures progress in updates, one
 * bounded by time only in time (so a resumed time-bounded run does not
 * repeat its schedule exactly).
 */
float learning_rate_at(const TrainOptions& options, double progress);

/** Figures on a split (MODEL.md §3): per-step NLL in nats and accuracies. */
struct Evaluation {
  double nll = 0, accuracy = 0, note_on_accuracy = 0;
  long steps = 0;
  int sequences = 0;
  double perplexity() const;
};

/** What the loop reports after each update. */
struct TrainProgress {
  long step = 0;
  long total_steps = 0;   ///< 0 when bounded by time only
  double train_loss = 0;  ///< mean over the last updates
  double events_per_second = 0;
  double elapsed_seconds = 0;
  double eta_seconds = -1;               ///< −1 unknown
  float learning_rate = 0;               ///< of this update
  std::optional<Evaluation> validation;  ///< set on the updates that validated
  double best_validation_nll = 0;
  long best_step = 0;
  bool stopped_early = false;  ///< the last report of a run that validation stopped (patience)
};

/** Everything needed to continue training exactly where it stopped. */
struct TrainerState {
  long step = 0;
  double elapsed_seconds = 0;
  double best_validation_nll = 0;  ///< 0: none yet
  long best_step = 0;
};

/** Evaluates weights on sequences, batched by similar length. */
Evaluation evaluate_sequences(const ModelWeights& weights, const std::vector<EncodedSequence>& sequences,
                              ParallelTrainer& runner, int batch_size);
/** The same on `threads` threads of its own, batches of 64 (musa-cli eval, forgetting on the base data). */
Evaluation evaluate_sequences(const ModelWeights& weights, const std::vector<EncodedSequence>& sequences,
                              int threads);

/**
 * Trains a model on a dataset. Not copyable; owns its worker threads.
 *
 * Update k's batch is drawn from (seed, k) over every training sequence and
 * each of its sequences gets its own dropout seed from (seed, k, position),
 * so an update is the same whichever threads or processes compute it, up to
 * the order of float sums.
 */
class Trainer {
 public:
  Trainer(ModelWeights initial, const Dataset& data, TrainOptions options);
  /**
   * One process of a data-parallel run: `shard` is what this process loaded,
   * `index` every process's sequences (gather_training_index). Every process
   * of `group` constructs its Trainer and calls run() alike; run() starts them
   * all from rank 0's weights, optimizer and counters, so only rank 0 needs to
   * resume(); only rank 0 should write files.
   */
  Trainer(ModelWeights initial, const Dataset& shard, TrainOptions options, ProcessGroup& group,
          TrainingIndex index);

  /**
   * While `*pause` is true, run() waits between updates, and the wait counts
   * neither as training time nor against max_minutes (one process only).
   */
  void set_pause_flag(const std::atomic<bool>* pause) { pause_ = pause; }
  /** Changes max_minutes (a resumed run given what is left of its budget). */
  void set_time_budget(double minutes) { options_.max_minutes = minutes; }

  /** Restores weights, optimizer and counters from a checkpoint file. */
  Status resume(const std::string& checkpoint_path);
  /** Writes weights, optimizer and counters atomically. */
  Status save_checkpoint(const std::string& path, const std::string& training_json) const;

  /**
   * Runs until max_steps, max_minutes or `stop`. `report` is called after
   * every update; `on_checkpoint` every checkpoint_every updates and at the
   * end; `on_best` whenever validation improves, with the new best figures
   * (best_weights() holds the weights).
   */
  void run(const std::atomic<bool>& stop, const std::function<void(const TrainProgress&)>& report,
           const std::function<void()>& on_checkpoint, const std::function<void(const Evaluation&)>& on_best);

  const ModelWeights& weights() const { return weights_; }
  const ModelWeights& best_weights() const { return best_weights_; }
  const TrainerState& state() const { return state_; }
  const TrainOptions& options() const { return options_; }
  /** Validation figures over every process's validation files (a collective in a group). */
  Evaluation validate();
  /**
   * Counts the current weights, validated as `validation`, as the best so far: in fine-tuning
   * the starting model competes, so a run that never beats it keeps it.
   */
  void keep_current_as_best(const Evaluation& validation);

 private:
  /** A window of the global batch that this process computes. */
  struct Pick {
    int sequence, offset, length;
    std::uint64_t seed;
  };

  void fill_batch(long step);
  void start_from_rank0_state();
  std::vector<std::uint8_t> state_bytes(const std::string& training_json) const;
  Status restore(const std::vector<std::uint8_t>& bytes, const std::string& name);

  ModelWeights weights_, best_weights_, grads_;
  const Dataset& data_;
  TrainOptions options_;
  Adam adam_;
  std::unique_ptr<ParallelTrainer> runner_;
  ProcessGroup& group_;
  TrainingIndex index_;
  UpdateReducer reducer_;
  TrainBatch<float> batch_;
  std::vector<Pick> picks_;
  std::vector<long> cumulative_lengths_;  ///< over index_, for picking windows uniformly over events
  TrainerState state_;
  const std::atomic<bool>* pause_ = nullptr;
};

}  // namespace musa
