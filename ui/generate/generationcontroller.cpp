#include "ui/generate/generationcontroller.h"

#include <QFileInfo>
#include <QRandomGenerator>
#include <utility>

#include "core/util/resources.h"
#include "ui/generate/generationcontrols.h"
#include "ui/primer/primercommands.h"
#include "ui/primer/primerdocument.h"
#include "ui/takes/takesdocument.h"

namespace {
double msSince(const QElapsedTimer& clock) { return double(clock.nsecsElapsed()) / 1e6; }
}  // namespace

GenerationController::GenerationController(PrimerDocument* primer, GenerationControls* controls,
                                           TakesDocument* takes, QObject* parent)
    : QObject(parent), primer_(primer), controls_(controls), takes_(takes), worker_(new GenerationWorker) {
  qRegisterMetaType<musa::GenerationRequest>();
  qRegisterMetaType<TakeList>();
  qRegisterMetaType<CancelFlag>();
  qRegisterMetaType<SharedWeights>();
  qRegisterMetaType<SharedOriginality>();
  thread_.setObjectName(QStringLiteral("musa-generation"));
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &GenerationWorker::modelLoaded, this,
          [this](const QString& path, const QString& name, double ms, const SharedWeights& weights,
                 const SharedOriginality& originality) {
            model_ready_ = true;
            weights_ = weights;
            originality_ = originality;
            model_file_ = path;
            emit modelLoaded(name, ms);
            emit modelStatusChanged(tr("model: %1").arg(name), tr("Loaded in %1 ms").arg(ms, 0, 'f', 0));
          });
  connect(worker_, &GenerationWorker::modelFailed, this, [this](const QString&, const QString& message) {
    model_ready_ = weights_ != nullptr;  // the worker still has the model it had
    if (weights_) {
      emit modelFailed(message);
      emit problem(tr("The model could not be loaded: %1. Still using %2.").arg(message, model_file_));
      return;
    }
    // No model yet and the chosen one is broken: the shipped one keeps Musa composing.
    const QString shipped = QString::fromStdString(musa::default_model_path());
    if (!shipped.isEmpty() && QFileInfo(loading_path_) != QFileInfo(shipped)) {
      emit problem(tr("The model could not be loaded: %1 Using the shipped model instead.").arg(message));
      loadModel(shipped);
      return;
    }
    emit modelFailed(message);
    emit modelStatusChanged(tr("model: none"), QString());
    emit problem(tr("The model could not be loaded: %1").arg(message));
  });
  connect(worker_, &GenerationWorker::progressed, this, [this](quint64 job, int done, int total) {
    if (job == current_job_) emit progressed(job, done, total);
  });
  connect(worker_, &GenerationWorker::finished, this, &GenerationController::finished);
  connect(worker_, &GenerationWorker::failed, this, &GenerationController::failed);
  connect(worker_, &GenerationWorker::cancelled, this, [this](quint64 job) {
    if (job == current_job_) setRunning(false);
  });
  thread_.start();
}

GenerationController::~GenerationController() {
  if (current_cancel_) current_cancel_->store(true);
  thread_.quit();
  thread_.wait();
}

QString GenerationController::modelPath(const QString& chosen) {
  if (!chosen.isEmpty()) return chosen;
  if (const QString env = qEnvironmentVariable("MUSA_MODEL"); !env.isEmpty()) return env;
  if (const std::string shipped = musa::default_model_path(); !shipped.empty())
    return QString::fromStdString(shipped);
  // Not found: loading this path fails with a message that names it.
  return QStringLiteral("resources/models/attention_rnn.safetensors");
}

void GenerationController::loadModel(const QString& path) {
  // A Generate meanwhile runs after the load (one worker thread): with the new model, or the old one if it
  // fails.
  model_ready_ = weights_ != nullptr;
  loading_path_ = path;
  QMetaObject::invokeMethod(
      worker_, [worker = worker_, path] { worker->loadModel(path); }, Qt::QueuedConnection);
}

// ---- starting and cancelling ------------------------------------------------------

void GenerationController::generate() {
  const musa::GenerationSettings settings = controls_->settings();
  const uint64_t seed = settings.seed_locked ? settings.seed : QRandomGenerator::global()->generate();
  controls_->showUsedSeed(seed);
  endRegenerate();
  start(musa::make_request(primer_->notes(), settings, seed));
  emit statusChanged(tr("generating…"), QString());
}

void GenerationController::regenerate(int index) {
  if (!takes_->session().at(index)) return;
  musa::GenerationSettings settings = controls_->settings();
  settings.takes = 1;
  endRegenerate();
  regenerating_ = index;
  // Same settings, a different seed: this card only.
  start(musa::make_request(primer_->notes(), settings, QRandomGenerator::global()->generate()));
  emit takeBusy(index, true);
  emit statusChanged(tr("regenerating take %1…").arg(index + 1), QString());
}

void GenerationController::start(const musa::GenerationRequest& request) {
  clock_.start();
  if (current_cancel_) current_cancel_->store(true);  // the old job stops at its next step
  current_job_ = ++next_job_;
  current_cancel_ = std::make_shared<std::atomic<bool>>(false);
  QMetaObject::invokeMethod(
      worker_,
      [worker = worker_, job = current_job_, request, cancel = current_cancel_] {
        worker->generate(job, request, cancel);
      },
      Qt::QueuedConnection);
  setRunning(true);
  emit started(current_job_, regenerating_);
}

void GenerationController::cancel() {
  if (!running_) return;
  current_cancel_->store(true);
  // Forget the job now: whatever it still sends is stale.
  current_job_ = ++next_job_;
  endRegenerate();
  setRunning(false);
  emit statusChanged(tr("cancelled"), QString());
}

void GenerationController::setRunning(bool running) {
  if (running == running_) return;
  running_ = running;
  emit busyChanged(running);
}

void GenerationController::endRegenerate() {
  if (regenerating_ >= 0) emit takeBusy(std::exchange(regenerating_, -1), false);
}

// ---- results ------------------------------------------------------------------

void GenerationController::finished(quint64 job, const TakeList& takes, double sampler_ms) {
  if (job != current_job_) return;  // a newer Generate replaced it
  setRunning(false);
  emit takesReady(job, takes, sampler_ms);
  if (regenerating_ >= 0)
    acceptOne(takes);
  else
    acceptAll(takes, sampler_ms);
}

void GenerationController::acceptAll(const TakeList& takes, double sampler_ms) {
  const musa::AcceptedGeneration accepted = takes_->acceptGeneration(takes);
  last_generate_ms_ = msSince(clock_);
  const QString made = tr("%n takes in %1 ms", nullptr, accepted.placed).arg(last_generate_ms_, 0, 'f', 0);
  emit statusChanged(accepted.kept ? tr("%1 (%n kept)", nullptr, accepted.kept).arg(made) : made,
                     tr("Sampling took %1 ms").arg(sampler_ms, 0, 'f', 1));
  emit takesShown();
}

void GenerationController::acceptOne(const TakeList& takes) {
  const int index = regenerating_;
  endRegenerate();
  if (takes.empty()) return;
  if (!takes_->regenerate(index, takes.front())) {  // Takes was lowered while it ran: the card is gone
    emit statusChanged(tr("take %1 is no longer on the grid").arg(index + 1), QString());
    return;
  }
  last_generate_ms_ = msSince(clock_);
  emit statusChanged(tr("take %1 regenerated in %2 ms").arg(index + 1).arg(last_generate_ms_, 0, 'f', 0),
                     QString());
  emit takesShown();
}

void GenerationController::failed(quint64 job, const QString& message) {
  if (job != current_job_) return;
  setRunning(false);
  endRegenerate();
  emit generationFailed(job, message);
  emit statusChanged(tr("generation failed"), QString());
  emit problem(tr("Generation failed: %1").arg(message));
}

void GenerationController::useTakeAsPrimer(int index) {
  if (!takes_->session().has_take(index)) return;
  const musa::Take& take = takes_->takes()[size_t(index)].take;
  std::vector<musa::PrimerNote> notes = musa::primer_notes_from_events(take.melody.events, 0);
  for (musa::PrimerNote& n : notes) {
    n.id = primer_->takeNextId();
    n.velocity = take.velocity;  // as the take played
  }
  primer_->undoStack()->push(
      new ReplacePrimerCommand(primer_, std::move(notes), tr("Use take %1 as primer").arg(index + 1)));
}
