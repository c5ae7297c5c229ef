#pragma once
// TrainingController: one training run of the desktop app (core's
// TrainingRun) on a thread of its own, so the window stays fully usable.
// check() reads the folders and says what it found; start() trains; pause,
// resume and "stop and keep best" work at any time. Destroying it (closing
// Musa) stops the run and keeps its checkpoint, so it can continue later.

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <thread>

#include "core/train/training_run.h"

/** One report of a running training, for the dialog. */
struct TrainingPoint {
  long step = 0;
  double seconds = 0, budget_seconds = 0, eta_seconds = -1;
  double train_loss = 0;
  bool validated = false;
  double validation_loss = 0;
  int percent_guessed = -1;  ///< at validations: how often it guesses the next step (held-out files)
  int start_percent = -1;    ///< the same for the weights it started from
};
Q_DECLARE_METATYPE(TrainingPoint)

class TrainingController : public QObject {
  Q_OBJECT
 public:
  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;

  /** Reads the data and the base model in the background: then checked() or failed(). */
  void check(const musa::TrainingRunSpec& spec, bool resume);
  /** Trains what check() prepared. */
  void start();
  void setPaused(bool paused);
  /** Ends the run with the best weights as the model; continuing is no longer offered. */
  void stopAndKeepBest();
  bool busy() const { return worker_.joinable(); }
  QString modelFile() const { return QString::fromStdString(spec_.out); }
  /** After finished(): no update beat the model it fine-tuned, whose weights the model file holds. */
  bool keptStartingWeights() const { return run_ && !busy() && run_->kept_starting_weights(); }

 signals:
  /** `start_percent`: how often the starting model guesses the next step (−1: nothing held out). */
  void checked(const QString& description, int start_percent);
  void failed(const QString& message);
  void progressed(const TrainingPoint& point);
  /** The run ended: `message` says how (budget spent, stopped early, stopped, or a write error). */
  void finished(const QString& model_file, const QString& message);

 private:
  void join();
  TrainingPoint pointOf(const musa::TrainProgress& p) const;

  musa::TrainingRunSpec spec_;
  std::unique_ptr<musa::TrainingRun> run_;
  std::thread worker_;
  std::atomic<bool> stop_{false}, pause_{false}, keep_best_{false};
};
