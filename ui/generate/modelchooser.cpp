#include "ui/generate/modelchooser.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

#include "ui/generate/generationcontroller.h"

namespace {
const QString kModelKey = QStringLiteral("model/file");
}  // namespace

ModelChooser::ModelChooser(GenerationController* generation, QWidget* window, bool remember)
    : QObject(window), generation_(generation), window_(window), remember_(remember) {
  connect(generation_, &GenerationController::modelLoaded, this, [this] {
    if (pending_.isEmpty() || generation_->modelFile() != pending_) return;
    if (remember_) QSettings().setValue(kModelKey, pending_);
    pending_.clear();
  });
  connect(generation_, &GenerationController::modelFailed, this, [this] { pending_.clear(); });
}

QString ModelChooser::startupModel(const QString& chosen) const {
  if (!chosen.isEmpty() || !remember_) return chosen;
  const QString remembered = QSettings().value(kModelKey).toString();
  // A model deleted or moved since is forgotten quietly: the default one loads instead.
  return QFileInfo::exists(remembered) ? remembered : QString();
}

void ModelChooser::choose() {
  const QString start =
      generation_->modelFile().isEmpty() ? QString() : QFileInfo(generation_->modelFile()).path();
  // A Magenta.js checkpoint is a folder: its weights_manifest.json stands for it.
  const QString path = QFileDialog::getOpenFileName(
      window_, tr("Open Model"), start,
      tr("Melody models (*.safetensors *.mag weights_manifest.json);;All files (*)"));
  if (!path.isEmpty()) open(path);
}

void ModelChooser::open(const QString& path) {
  pending_ = path;
  generation_->loadModel(path);
}
