#pragma once
// GenerationController: the UI thread's handle on generation. It owns the
// worker thread, numbers jobs, cancels the running one when a new one
// starts, and forwards only the current job's results (stale ones drop).

#include <QObject>
#include <QThread>

#include "ui/generationworker.h"

class GenerationController : public QObject {
  Q_OBJECT
 public:
  explicit GenerationController(QObject* parent = nullptr);
  ~GenerationController() override;

  /** Loads a model in the worker thread; modelLoaded or modelFailed follows. */
  void loadModel(const QString& path);
  bool modelReady() const { return model_ready_; }
  /** The loaded model's weights, read-only, shared with the generator (nullptr until modelLoaded). */
  SharedWeights weights() const { return weights_; }
  bool busy() const { return running_; }
  /** Starts a job, cancelling the running one; returns its id. */
  quint64 generate(const musa::GenerationRequest& request);
  quint64 currentJob() const { return current_job_; }

 public slots:
  /** Cancels the running job; its results will not arrive. */
  void cancel();

 signals:
  void modelLoaded(const QString& name, double milliseconds);
  void modelFailed(const QString& message);
  void started(quint64 job);
  void progressed(quint64 job, int done, int total);
  void takesReady(quint64 job, const TakeList& takes, double milliseconds);
  void generationFailed(quint64 job, const QString& message);
  void generationCancelled(quint64 job);

 private:
  void finishJob(quint64 job);

  QThread thread_;
  GenerationWorker* worker_;
  quint64 next_job_ = 0;
  quint64 current_job_ = 0;
  CancelFlag current_cancel_;
  bool running_ = false;
  bool model_ready_ = false;
  SharedWeights weights_;
};
