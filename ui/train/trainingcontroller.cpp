#include "ui/train/trainingcontroller.h"

#include <QMetaObject>

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
  qRegisterMetaType<TrainingPoint>();
}

TrainingController::~TrainingController() {
  stop_ = true;  // the run writes its checkpoint and keeps its marker: Musa offers to continue
  join();
}

void TrainingController::join() {
  if (worker_.joinable()) worker_.join();
}

void TrainingController::check(const musa::TrainingRunSpec& spec, bool resume) {
  join();
  spec_ = spec;
  run_.reset();
  worker_ = std::thread([this, spec, resume] {
    musa::Result<std::unique_ptr<musa::TrainingRun>> prepared = musa::TrainingRun::prepare(spec, resume);
    QMetaObject::invokeMethod(
        this, [this, prepared = std::make_shared<decltype(prepared)>(std::move(prepared))] {
          join();
          if (!prepared->ok()) {
            emit failed(QString::fromStdString(prepared->error()));
            return;
          }
          run_ = std::move(prepared->value());
          const auto& start = run_->start();
          emit checked(QString::fromStdString(musa::describe_training_data(run_->data())),
                       start ? musa::TrainingRun::percent_guessed(*start) : -1);
        });
  });
}

TrainingPoint TrainingController::pointOf(const musa::TrainProgress& p) const {
  TrainingPoint point;
  point.step = p.step;
  point.seconds = p.elapsed_seconds;
  point.budget_seconds = spec_.minutes * 60;
  point.eta_seconds = p.eta_seconds;
  point.train_loss = p.train_loss;
  if (p.validation) {
    point.validated = true;
    point.validation_loss = p.validation->nll;
    point.percent_guessed = musa::TrainingRun::percent_guessed(*p.validation);
    if (const auto& start = run_->start()) point.start_percent = musa::TrainingRun::percent_guessed(*start);
  }
  return point;
}

void TrainingController::start() {
  if (!run_ || busy()) return;
  stop_ = false;
  pause_ = false;
  keep_best_ = false;
  if (const auto& start = run_->start()) {  // the chart starts where the model starts
    TrainingPoint first;
    first.step = run_->steps_done();
    first.budget_seconds = spec_.minutes * 60;
    first.validated = true;
    first.validation_loss = start->nll;
    first.percent_guessed = first.start_percent = musa::TrainingRun::percent_guessed(*start);
    emit progressed(first);
  }
  worker_ = std::thread([this] {
    long last_reported = -1;
    bool stopped_early = false;
    const musa::Status written = run_->run(stop_, pause_, [&](const musa::TrainProgress& p) {
      stopped_early = stopped_early || p.stopped_early;
      if (!p.validation && p.step - last_reported < 5) return;  // the chart needs no more
      last_reported = p.step;
      QMetaObject::invokeMethod(this, [this, point = pointOf(p)] { emit progressed(point); });
    });
    if (keep_best_) run_->finish();
    const QString message = !written.ok()   ? QString::fromStdString(written.error())
                            : stopped_early ? tr("Stopped early: the held-out files no longer improved")
                            : stop_         ? tr("Stopped")
                                            : tr("Finished: the time is up");
    QMetaObject::invokeMethod(this, [this, message] {
      join();
      emit finished(modelFile(), message);
    });
  });
}

void TrainingController::setPaused(bool paused) { pause_ = paused; }

void TrainingController::stopAndKeepBest() {
  keep_best_ = true;
  stop_ = true;
}
