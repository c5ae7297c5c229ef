#include "ui/project/projectcontroller.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QUndoStack>

#include "ui/app/fileerror.h"
#include "ui/generate/generationcontroller.h"
#include "ui/generate/generationcontrols.h"
#include "ui/primer/primerdocument.h"
#include "ui/project/autosaver.h"
#include "ui/takes/takesdocument.h"

namespace {
const char* const kProjectFilter = QT_TRANSLATE_NOOP("ProjectController", "Musa projects (*.musa)");
constexpr int kMaxRecent = 8;
}  // namespace

ProjectController::ProjectController(const Parts& parts, const AppOptions& options)
    : QObject(parts.window), parts_(parts), restore_(options.restore) {
  const QString folder = options.data_folder.isEmpty()
                             ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                             : options.data_folder;
  autosaver_ = new Autosaver(
      folder, [this] { return snapshot(); }, this);
  connect(autosaver_, &Autosaver::saveFailed, this, &ProjectController::problem);
  // Every change to the primer, the settings or the takes is unsaved work.
  connect(parts_.primer, &PrimerDocument::notesChanged, this, &ProjectController::markDirty);
  connect(parts_.controls, &GenerationControls::settingsChanged, this, &ProjectController::markDirty);
  connect(parts_.takes, &TakesDocument::reset, this, &ProjectController::markDirty);
  connect(parts_.takes, &TakesDocument::takeChanged, this, &ProjectController::markDirty);
  updateTitle();
}

// ---- the session as a value ---------------------------------------------------

musa::Project ProjectController::snapshot() const {
  musa::Project project;
  project.primer = parts_.primer->notes();
  project.settings = parts_.controls->settings();
  project.takes = parts_.takes->takes();
  if (parts_.generation) project.model = parts_.generation->modelFile().toStdString();
  return project;
}

void ProjectController::loadSnapshot(const musa::Project& project) {
  emit aboutToLoad();
  parts_.primer->reset(project.primer);
  parts_.controls->setSettings(project.settings);
  parts_.takes->load(project.takes, project.settings.takes);
  loadProjectModel(QString::fromStdString(project.model));
}

void ProjectController::loadProjectModel(const QString& model) {
  if (!parts_.generation || model.isEmpty() || model == parts_.generation->modelFile()) return;
  // A project from another machine may name a model that is not here: its takes are still
  // worth opening, and new ones come from the shipped model.
  if (QFileInfo::exists(model)) {
    parts_.generation->loadModel(model);
    return;
  }
  emit statusMessage(tr("This project was made with the model %1, which is not here; generating with the "
                        "shipped model")
                         .arg(model),
                     10000);
  const QString shipped = GenerationController::modelPath({});
  if (QFileInfo(shipped) != QFileInfo(parts_.generation->modelFile())) parts_.generation->loadModel(shipped);
}

// ---- files ------------------------------------------------------------------------

void ProjectController::newProject() {
  if (!maybeSave()) return;
  musa::Project fresh;
  fresh.primer = PrimerDocument::defaultNotes();
  fresh.settings = parts_.controls->settings();  // a new song keeps the musician's settings
  fresh.settings.seed_locked = false;
  loadSnapshot(fresh);
  file_.clear();
  setClean();
}

void ProjectController::open() {
  if (!maybeSave()) return;
  const QString path =
      QFileDialog::getOpenFileName(parts_.window, tr("Open Project"), QString(), tr(kProjectFilter));
  if (!path.isEmpty()) openProject(path);
}

bool ProjectController::openProject(const QString& path) {
  const musa::Result<musa::Project> project = musa::load_project(path.toStdString());
  if (!project.ok()) {
    // The message names the file and the problem; the current work is untouched.
    showFileError(parts_.window, tr("Cannot open project"), QString::fromStdString(project.error()));
    return false;
  }
  loadSnapshot(project.value());
  file_ = path;
  setClean();
  addRecentFile(path);
  return true;
}

bool ProjectController::save() { return file_.isEmpty() ? saveAs() : saveProjectAs(file_); }

bool ProjectController::saveAs() {
  QString path = QFileDialog::getSaveFileName(
      parts_.window, tr("Save Project"), file_.isEmpty() ? tr("Untitled.musa") : file_, tr(kProjectFilter));
  if (path.isEmpty()) return false;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".musa");
  return saveProjectAs(path);
}

bool ProjectController::saveProjectAs(const QString& path) {
  const musa::Status status = musa::save_project(snapshot(), path.toStdString());
  if (!status.ok()) {
    showFileError(parts_.window, tr("Cannot save project"), QString::fromStdString(status.error()));
    return false;
  }
  file_ = path;
  setClean();
  addRecentFile(path);
  emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 4000);
  return true;
}

bool ProjectController::maybeSave() {
  if (!dirty_) return true;
  const auto answer = QMessageBox::warning(parts_.window, tr("Unsaved changes"),
                                           tr("The project has unsaved changes. Save them?"),
                                           QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
  if (answer == QMessageBox::Save) return save();
  return answer == QMessageBox::Discard;
}

// ---- the unsaved mark and the title ---------------------------------------------

void ProjectController::markDirty() {
  dirty_ = true;
  parts_.window->setWindowModified(true);
  autosaver_->markChanged();
}

void ProjectController::markClean() { setClean(); }

void ProjectController::setClean() {
  dirty_ = false;
  autosaver_->setProjectFile(file_);
  parts_.primer->undoStack()->setClean();
  updateTitle();
}

void ProjectController::updateTitle() {
  const QString name = file_.isEmpty() ? tr("Untitled") : QFileInfo(file_).fileName();
  parts_.window->setWindowTitle(name + QStringLiteral("[*] — Musa"));
  parts_.window->setWindowModified(dirty_);
}

// ---- recent files -------------------------------------------------------------------

void ProjectController::setRecentMenu(QMenu* menu) {
  recent_menu_ = menu;
  updateRecentMenu();
}

void ProjectController::readSettings(const QSettings& settings) {
  recent_files_ = settings.value(QStringLiteral("recentFiles")).toStringList();
  updateRecentMenu();
}

void ProjectController::writeSettings(QSettings& settings) const {
  settings.setValue(QStringLiteral("recentFiles"), recent_files_);
}

void ProjectController::addRecentFile(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  recent_files_.removeAll(absolute);
  recent_files_.prepend(absolute);
  while (recent_files_.size() > kMaxRecent) recent_files_.removeLast();
  updateRecentMenu();
}

void ProjectController::updateRecentMenu() {
  if (!recent_menu_) return;
  recent_menu_->clear();
  for (const QString& path : recent_files_)
    recent_menu_
        ->addAction(QFileInfo(path).fileName(), this,
                    [this, path] {
                      if (maybeSave()) openProject(path);
                    })
        ->setToolTip(path);
  recent_menu_->setEnabled(!recent_files_.isEmpty());
}

// ---- autosave and crash restore ---------------------------------------------------

void ProjectController::offerRestore() {
  if (restore_ != AppOptions::Restore::Never) {
    // Only autosaves of sessions no longer running: another Musa open beside this one keeps its own.
    const QStringList crashed = autosaver_->claimCrashedSessions();
    if (!crashed.isEmpty()) {
      bool restore = restore_ == AppOptions::Restore::Always;
      if (!restore) {
        restore =
            QMessageBox::question(parts_.window, tr("Restore unsaved work?"),
                                  tr("Musa did not close properly last time. Restore the work it saved "
                                     "automatically?"),
                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
      }
      if (restore) {
        const auto project = musa::load_project(crashed.first().toStdString());  // the newest
        if (project.ok()) {
          loadSnapshot(project.value());
          // The work belongs to the file it was saved as (Save writes there), but is not saved yet.
          file_ = autosaver_->projectFileOf(crashed.first());
          autosaver_->setProjectFile(file_);
          updateTitle();
          markDirty();
          emit statusMessage(tr("Restored the autosaved session"), 5000);
        } else {
          emit problem(tr("The autosaved session could not be restored: %1")
                           .arg(QString::fromStdString(project.error())));
        }
      }
      autosaver_->discardClaimed();  // restored or declined: offered once
    }
  }
  autosaver_->beginSession();
}

void ProjectController::endSession() { autosaver_->endSession(); }
