// MainWindow: projects (new, open, save, recent, autosave restore), primer
// import, take export (MIDI files, WAV, clipboard, drag and drop).
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDrag>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QStandardPaths>
#include <QStatusBar>
#include <QUndoStack>
#include <QUrl>

#include "core/music/smf.h"
#include "core/project/primer_import.h"
#include "ui/audioengine.h"
#include "ui/autosaver.h"
#include "ui/generationcontrols.h"
#include "ui/generationcontroller.h"
#include "ui/importprimerdialog.h"
#include "ui/mainwindow.h"
#include "ui/primercommands.h"
#include "ui/primerdocument.h"
#include "ui/takecard.h"

namespace {
const char* const kProjectFilter = QT_TRANSLATE_NOOP("MainWindow", "Musa projects (*.musa)");
constexpr int kMaxRecent = 8;
}  // namespace

musa::Project MainWindow::snapshot() const {
  musa::Project project;
  project.primer = primer_->notes();
  project.settings = controls_->settings();
  project.takes = session_.takes();
  return project;
}

void MainWindow::loadSnapshot(const musa::Project& project) {
  stopPlayback();
  generation_->cancel();
  primer_->reset(project.primer);
  controls_->setSettings(project.settings);
  session_.load(project.takes, project.settings.takes);
  showAllTakes();
}

void MainWindow::newProject() {
  if (!maybeSave()) return;
  musa::Project fresh;
  fresh.primer = PrimerDocument::defaultNotes();
  fresh.settings = controls_->settings();  // a new song keeps the musician's settings
  fresh.settings.seed_locked = false;
  loadSnapshot(fresh);
  file_.clear();
  setClean();
}

void MainWindow::open() {
  if (!maybeSave()) return;
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(), tr(kProjectFilter));
  if (!path.isEmpty()) openProject(path);
}

bool MainWindow::openProject(const QString& path) {
  const musa::Result<musa::Project> project = musa::load_project(path.toStdString());
  if (!project.ok()) {
    // The message names the file and the problem; the current work is untouched.
    showFileError(tr("Cannot open project"), QString::fromStdString(project.error()));
    return false;
  }
  loadSnapshot(project.value());
  file_ = path;
  setClean();
  addRecentFile(path);
  return true;
}

bool MainWindow::save() { return file_.isEmpty() ? saveAs() : saveProjectAs(file_); }

bool MainWindow::saveAs() {
  QString path = QFileDialog::getSaveFileName(this, tr("Save Project"), file_.isEmpty() ? tr("Untitled.musa") : file_,
                                              tr(kProjectFilter));
  if (path.isEmpty()) return false;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".musa");
  return saveProjectAs(path);
}

bool MainWindow::saveProjectAs(const QString& path) {
  const musa::Status status = musa::save_project(snapshot(), path.toStdString());
  if (!status.ok()) {
    showFileError(tr("Cannot save project"), QString::fromStdString(status.error()));
    return false;
  }
  file_ = path;
  setClean();
  addRecentFile(path);
  statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 4000);
  return true;
}

bool MainWindow::maybeSave() {
  if (!dirty_) return true;
  const auto answer = QMessageBox::warning(this, tr("Unsaved changes"),
                                           tr("The project has unsaved changes. Save them?"),
                                           QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
  if (answer == QMessageBox::Save) return save();
  return answer == QMessageBox::Discard;
}

void MainWindow::addRecentFile(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  recent_files_.removeAll(absolute);
  recent_files_.prepend(absolute);
  while (recent_files_.size() > kMaxRecent) recent_files_.removeLast();
  updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
  if (!recent_menu_) return;
  recent_menu_->clear();
  for (const QString& path : recent_files_)
    recent_menu_->addAction(QFileInfo(path).fileName(), this, [this, path] {
      if (maybeSave()) openProject(path);
    })->setToolTip(path);
  recent_menu_->setEnabled(!recent_files_.isEmpty());
}

void MainWindow::offerRestore() {
  if (autosaver_->hasCrashedSession() && options_.restore != AppOptions::Restore::Never) {
    bool restore = options_.restore == AppOptions::Restore::Always;
    if (!restore) {
      restore = QMessageBox::question(this, tr("Restore unsaved work?"),
                                      tr("Musa did not close properly last time. Restore the work it saved "
                                         "automatically?"),
                                      QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
    }
    const auto project = musa::load_project(autosaver_->autosavePath().toStdString());
    if (restore && project.ok()) {
      loadSnapshot(project.value());
      markDirty();  // restored work is not saved anywhere yet
      statusBar()->showMessage(tr("Restored the autosaved session"), 5000);
    }
  }
  autosaver_->beginSession();
}

bool MainWindow::importPrimer(const QString& path, int candidate) {
  const musa::Result<musa::NoteSequence> seq = musa::read_midi_file(path.toStdString());
  if (!seq.ok()) {
    showFileError(tr("Cannot import primer"), QString::fromStdString(seq.error()));
    return false;
  }
  const auto candidates = musa::primer_candidates(seq.value());
  if (candidates.empty()) {
    showFileError(tr("Cannot import primer"), tr("%1: no melody was found in this file.").arg(path));
    return false;
  }
  int chosen = musa::best_primer_candidate(candidates);
  if (candidate >= 0 && candidate < int(candidates.size())) {
    chosen = candidate;
  } else if (candidate == -1 && candidates.size() > 1) {
    ImportPrimerDialog dialog(QFileInfo(path).fileName(), candidates, chosen, this);
    if (dialog.exec() != QDialog::Accepted) return false;
    chosen = dialog.chosen();
  }
  std::vector<musa::PrimerNote> notes = musa::candidate_notes(candidates[size_t(chosen)]);
  for (musa::PrimerNote& n : notes) n.id = primer_->takeNextId();
  primer_->undoStack()->push(new ReplacePrimerCommand(primer_, std::move(notes), tr("Import primer")));
  return true;
}

void MainWindow::importPrimerDialog() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Import Primer from MIDI"), QString(),
                                                    tr("MIDI files (*.mid *.midi)"));
  if (!path.isEmpty()) importPrimer(path);
}

musa::NoteSequence MainWindow::wholeTake(int index) const {
  const musa::GenerationSettings s = controls_->settings();
  return session_.sequence(index, s.program, musa::TakeSequenceOptions{.qpm = s.qpm});
}

QStringList MainWindow::exportTakes(const ExportChoice& choice) {
  const std::vector<int> chosen = session_.export_selection(choice.kept_only);
  if (chosen.empty()) {
    showFileError(tr("Export"), choice.kept_only ? tr("No take is kept: click ★ on the takes to export.")
                                                 : tr("No take is selected."));
    return {};
  }
  const musa::TakeSequenceOptions options{controls_->settings().qpm, choice.include_primer, choice.first_bar,
                                          choice.last_bar};
  const int program = controls_->settings().program;
  QDir().mkpath(choice.folder);
  std::vector<std::pair<QString, musa::NoteSequence>> files;
  if (choice.multitrack) {
    files.emplace_back(QStringLiteral("musa-takes.mid"), session_.sequence(chosen, program, options));
  } else {
    for (int index : chosen)
      files.emplace_back(QString::fromStdString(musa::take_file_name(index + 1)), session_.sequence(index, program, options));
  }
  QStringList written;
  for (const auto& [name, seq] : files) {
    const QString path = QDir(choice.folder).filePath(name);
    if (const musa::Status s = musa::write_midi_file(seq, path.toStdString()); !s.ok()) {
      showFileError(tr("Export"), QString::fromStdString(s.error()));
      return written;
    }
    written << path;
  }
  statusBar()->showMessage(tr("Exported %n file(s) to %1", nullptr, int(written.size())).arg(QDir::toNativeSeparators(choice.folder)), 5000);
  return written;
}

void MainWindow::exportDialog() {
  const int kept = int(session_.kept().size());
  const int current = session_.has_take(session_.current()) ? session_.current() : -1;
  if (kept == 0 && current < 0) {
    showFileError(tr("Export"), tr("There is no take to export yet: generate some first (Ctrl+G)."));
    return;
  }
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::MusicLocation);
  ExportDialog dialog(kept, current, session_.longest_bars(), folder.isEmpty() ? QDir::homePath() : folder, this);
  if (dialog.exec() == QDialog::Accepted) exportTakes(dialog.choice());
}

void MainWindow::renderWavDialog(int index) {
  if (!session_.has_take(index)) return;
  const QString name = QString::fromStdString(musa::take_file_name(index + 1, ".wav"));
  const QString path = QFileDialog::getSaveFileName(this, tr("Render Take to WAV"), name, tr("WAV audio (*.wav)"));
  if (!path.isEmpty()) renderTakeToWav(index, path);
}

void MainWindow::renderTakeToWav(int index, const QString& path) {
  audio_->renderWav(wholeTake(index), path, -1);
}

QString MainWindow::takeTempFile(int index) {
  if (!temp_dir_) temp_dir_ = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/musa-XXXXXX"));
  const QString path = temp_dir_->filePath(QString::fromStdString(musa::take_file_name(index + 1)));
  if (!musa::write_midi_file(wholeTake(index), path.toStdString()).ok()) return {};
  return path;
}

QMimeData* MainWindow::takeMimeData(int index) {
  if (!session_.has_take(index)) return nullptr;
  const QString path = takeTempFile(index);
  if (path.isEmpty()) return nullptr;
  // A file URL for file managers and DAWs, and the bytes for apps that take MIDI data.
  auto* mime = new QMimeData;
  mime->setUrls({QUrl::fromLocalFile(path)});
  QFile file(path);
  if (file.open(QIODevice::ReadOnly)) mime->setData(QStringLiteral("audio/midi"), file.readAll());
  return mime;
}

void MainWindow::copyTake(int index) {
  if (QMimeData* mime = takeMimeData(index)) {
    QApplication::clipboard()->setMimeData(mime);
    statusBar()->showMessage(tr("Take %1 copied as MIDI").arg(index + 1), 3000);
  }
}

void MainWindow::startTakeDrag(int index) {
  QMimeData* mime = takeMimeData(index);
  if (!mime) return;
  auto* drag = new QDrag(sender() ? sender() : this);
  drag->setMimeData(mime);
  if (auto* card = qobject_cast<TakeCard*>(sender())) drag->setPixmap(card->grab().scaledToWidth(160, Qt::SmoothTransformation));
  drag->exec(Qt::CopyAction);
}
