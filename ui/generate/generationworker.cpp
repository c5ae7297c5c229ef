#include "ui/generate/generationworker.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include "core/generate/originality.h"
#include "core/generate/sampler.h"
#include "core/model/model_file.h"
#include "core/model/model_loader.h"

GenerationWorker::GenerationWorker() = default;
GenerationWorker::~GenerationWorker() = default;

namespace {
/** What the status bar calls a model: its file's name, or its folder's for a Magenta.js checkpoint. */
QString modelName(const QString& path) {
  const QFileInfo info(path);
  if (info.isDir()) return QDir(path).dirName();
  if (info.fileName() == QLatin1String("weights_manifest.json")) return info.dir().dirName();
  return info.completeBaseName();
}

/** The index a training run saved beside the model (musa-cli train); null when none is there or it is bad. */
SharedOriginality loadOriginality(const QString& model_path) {
  const QString path = QString::fromStdString(musa::originality_index_path(model_path.toStdString()));
  if (!QFileInfo(path).isFile()) return nullptr;
  musa::Result<musa::OriginalityIndex> index = musa::OriginalityIndex::load(path.toStdString());
  if (!index.ok()) return nullptr;  // an imported or damaged index: the cards say "originality unknown"
  return std::make_shared<const musa::OriginalityIndex>(std::move(index.value()));
}
}  // namespace

void GenerationWorker::loadModel(const QString& path) {
  QElapsedTimer timer;
  timer.start();
  musa::Result<musa::ModelFile> model = musa::load_any_model(path.toStdString());
  if (!model.ok()) {
    // The sampler keeps the model it had: a bad file never leaves the window without one.
    emit modelFailed(path, QString::fromStdString(model.error()));
    return;
  }
  const SharedWeights weights = std::make_shared<const musa::ModelWeights>(std::move(model->weights));
  sampler_ = std::make_unique<musa::Sampler>(weights);
  emit modelLoaded(path, modelName(path), double(timer.nsecsElapsed()) / 1e6, weights, loadOriginality(path));
}

void GenerationWorker::generate(quint64 job, const musa::GenerationRequest& request,
                                const CancelFlag& cancel) {
  if (cancel->load()) {  // cancelled while queued: do not even start
    emit cancelled(job);
    return;
  }
  if (!sampler_) {
    emit failed(job, tr("No model is loaded."));
    return;
  }
  QElapsedTimer timer;
  timer.start();
  // A signal every few steps is plenty for a progress bar and keeps the UI queue short.
  const auto progress = [&](int done, int total) {
    if (done % 8 == 0 || done == total) emit progressed(job, done, total);
  };
  musa::Result<TakeList> takes = sampler_->generate(request, cancel.get(), progress);
  if (cancel->load()) {
    emit cancelled(job);
  } else if (!takes.ok()) {
    emit failed(job, QString::fromStdString(takes.error()));
  } else {
    emit finished(job, takes.value(), double(timer.nsecsElapsed()) / 1e6);
  }
}
