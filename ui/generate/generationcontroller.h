#pragma once
// GenerationController: Generate, Cancel and Regenerate for the window. It
// owns the worker thread, numbers jobs, cancels the running one when a new
// one starts, drops stale results (hotspot's job ids), and hands the takes
// to the TakesDocument as one undoable step. It says what it is doing in
// status lines the window shows; it touches no widget.

#include <QElapsedTimer>
#include <QObject>
#include <QThread>

#include "ui/generate/generationworker.h"

class GenerationControls;
class PrimerDocument;
class TakesDocument;

class GenerationController : public QObject {
  Q_OBJECT
 public:
  /** Generates from `primer` with the `controls`' settings into `takes`. */
  GenerationController(PrimerDocument* primer, GenerationControls* controls, TakesDocument* takes,
                       QObject* parent = nullptr);
  ~GenerationController() override;

  /** The model to load: `chosen`, else $MUSA_MODEL, else the shipped one. */
  static QString modelPath(const QString& chosen);
  /**
   * Loads a model in the worker thread; modelLoaded or modelFailed follows.
   * While a model is loaded, it stays in use until the new one has loaded,
   * and stays if the new one fails. With no model yet, a chosen model that
   * fails is replaced by the shipped one, with a problem() naming the file.
   */
  void loadModel(const QString& path);
  bool modelReady() const { return model_ready_; }
  /** The file (or Magenta.js folder) of the model in use; empty before the first one loads. */
  QString modelFile() const { return model_file_; }
  /** The loaded model's weights, read-only, shared with the generator (nullptr until modelLoaded). */
  SharedWeights weights() const { return weights_; }
  /** The loaded model's originality index; null when it has none (originality unknown). */
  SharedOriginality originality() const { return originality_; }
  bool busy() const { return running_; }
  quint64 currentJob() const { return current_job_; }
  /** Milliseconds from the last Generate (or Regenerate) to its takes in the document. */
  double lastGenerateMs() const { return last_generate_ms_; }

 public slots:
  /** Generates every card that is not kept (a running job is cancelled). */
  void generate();
  /** Same settings, a new seed, card `index` only. */
  void regenerate(int index);
  /** Cancels the running job: the grid stays as it was and its results never arrive. */
  void cancel();
  /** Take `index`'s whole melody becomes the primer (one undo step). */
  void useTakeAsPrimer(int index);

 signals:
  void modelLoaded(const QString& name, double milliseconds);
  /** `path` did not load; `message` names it and says why. */
  void modelFailed(const QString& message);
  /** "model: attention_rnn" (and how long it took, for a tooltip). */
  void modelStatusChanged(const QString& text, const QString& tip);
  /** A job started: a Generate (`card` −1) or the Regenerate of `card`. */
  void started(quint64 job, int card);
  /** Whether a job runs (Cancel is possible). */
  void busyChanged(bool busy);
  void progressed(quint64 job, int done, int total);
  /** The current job's takes (before the document gets them). */
  void takesReady(quint64 job, const TakeList& takes, double milliseconds);
  void generationFailed(quint64 job, const QString& message);
  /** "generating…", "10 takes in 31 ms", … */
  void statusChanged(const QString& text, const QString& tip);
  /** Something the musician should read: the model did not load, a generation failed. */
  void problem(const QString& message);
  /** Card `index` is being regenerated, or no longer. */
  void takeBusy(int index, bool busy);
  /** The document holds the new takes (a Generate, or one regenerated card). */
  void takesShown();

 private:
  void start(const musa::GenerationRequest& request);
  void finished(quint64 job, const TakeList& takes, double sampler_ms);
  void failed(quint64 job, const QString& message);
  void acceptAll(const TakeList& takes, double sampler_ms);
  void acceptOne(const TakeList& takes);
  void setRunning(bool running);
  /** Forgets which card a Regenerate was for (un-dims it). */
  void endRegenerate();

  PrimerDocument* primer_;
  GenerationControls* controls_;
  TakesDocument* takes_;
  QThread thread_;
  GenerationWorker* worker_;
  quint64 next_job_ = 0;
  quint64 current_job_ = 0;
  CancelFlag current_cancel_;
  bool running_ = false;
  int regenerating_ = -1;  ///< the card the running job regenerates, −1: a full Generate
  bool model_ready_ = false;
  SharedWeights weights_;
  SharedOriginality originality_;
  QString loading_path_;  ///< the model the worker is loading
  QString model_file_;
  QElapsedTimer clock_;
  double last_generate_ms_ = 0;
};
