#include "ui/generationcontroller.h"

GenerationController::GenerationController(QObject* parent) : QObject(parent), worker_(new GenerationWorker) {
  qRegisterMetaType<musa::GenerationRequest>();
  qRegisterMetaType<TakeList>();
  qRegisterMetaType<CancelFlag>();
  qRegisterMetaType<SharedWeights>();
  thread_.setObjectName(QStringLiteral("musa-generation"));
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &GenerationWorker::modelLoaded, this,
          [this](const QString& name, double ms, const SharedWeights& weights) {
            model_ready_ = true;
            weights_ = weights;
            emit modelLoaded(name, ms);
          });
  connect(worker_, &GenerationWorker::modelFailed, this, [this](const QString& message) {
    model_ready_ = false;
    weights_.reset();
    emit modelFailed(message);
  });
  connect(worker_, &GenerationWorker::progressed, this, [this](quint64 job, int done, int total) {
    if (job == current_job_) emit progressed(job, done, total);
  });
  connect(worker_, &GenerationWorker::finished, this, [this](quint64 job, const TakeList& takes, double ms) {
    if (job != current_job_) return;  // a newer Generate replaced it
    finishJob(job);
    emit takesReady(job, takes, ms);
  });
  connect(worker_, &GenerationWorker::failed, this, [this](quint64 job, const QString& message) {
    if (job != current_job_) return;
    finishJob(job);
    emit generationFailed(job, message);
  });
  connect(worker_, &GenerationWorker::cancelled, this, [this](quint64 job) {
    if (job == current_job_) finishJob(job);
  });
  thread_.start();
}

GenerationController::~GenerationController() {
  if (current_cancel_) current_cancel_->store(true);
  thread_.quit();
  thread_.wait();
}

void GenerationController::loadModel(const QString& path) {
  model_ready_ = false;
  QMetaObject::invokeMethod(worker_, [worker = worker_, path] { worker->loadModel(path); }, Qt::QueuedConnection);
}

quint64 GenerationController::generate(const musa::GenerationRequest& request) {
  if (current_cancel_) current_cancel_->store(true);  // the old job stops at its next step
  current_job_ = ++next_job_;
  current_cancel_ = std::make_shared<std::atomic<bool>>(false);
  running_ = true;
  QMetaObject::invokeMethod(
      worker_, [worker = worker_, job = current_job_, request, cancel = current_cancel_] {
        worker->generate(job, request, cancel);
      },
      Qt::QueuedConnection);
  emit started(current_job_);
  return current_job_;
}

void GenerationController::cancel() {
  if (!running_) return;
  current_cancel_->store(true);
  const quint64 job = current_job_;
  // Forget the job now: whatever it still sends is stale.
  current_job_ = ++next_job_;
  running_ = false;
  emit generationCancelled(job);
}

void GenerationController::finishJob(quint64 job) {
  if (job == current_job_) running_ = false;
}
