#include "ui/takes/takeexporter.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDrag>
#include <QFileDialog>
#include <QMimeData>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>
#include <QWidget>
#include <utility>
#include <vector>

#include "core/music/smf.h"
#include "ui/app/fileerror.h"
#include "ui/generate/generationcontrols.h"
#include "ui/playback/audioengine.h"
#include "ui/takes/takesdocument.h"

TakeExporter::TakeExporter(QWidget* window, TakesDocument* takes, GenerationControls* controls, AudioEngine* audio)
    : QObject(window), window_(window), takes_(takes), controls_(controls), audio_(audio) {
  connect(audio_, &AudioEngine::renderFinished, this, [this](const QString& path, const QString& error) {
    if (error.isEmpty()) emit statusMessage(tr("Rendered %1").arg(QDir::toNativeSeparators(path)), 5000);
    else showFileError(window_, tr("Render to WAV"), error);
  });
}

TakeExporter::~TakeExporter() = default;

musa::NoteSequence TakeExporter::wholeTake(int index) const {
  const musa::GenerationSettings s = controls_->settings();
  return takes_->session().sequence(index, s.program, musa::TakeSequenceOptions{.qpm = s.qpm});
}

QStringList TakeExporter::exportTakes(const ExportChoice& choice) {
  const musa::TakeSession& session = takes_->session();
  const std::vector<int> chosen = session.export_selection(choice.kept_only);
  if (chosen.empty()) {
    showFileError(window_, tr("Export"), choice.kept_only ? tr("No take is kept: click ★ on the takes to export.")
                                                          : tr("No take is selected."));
    return {};
  }
  const musa::TakeSequenceOptions options{controls_->settings().qpm, choice.include_primer, choice.first_bar,
                                          choice.last_bar};
  const int program = controls_->settings().program;
  QDir().mkpath(choice.folder);
  std::vector<std::pair<QString, musa::NoteSequence>> files;
  if (choice.multitrack) {
    files.emplace_back(QStringLiteral("musa-takes.mid"), session.sequence(chosen, program, options));
  } else {
    for (int index : chosen)
      files.emplace_back(QString::fromStdString(musa::take_file_name(index + 1)), session.sequence(index, program, options));
  }
  QStringList written;
  for (const auto& [name, seq] : files) {
    const QString path = QDir(choice.folder).filePath(name);
    if (const musa::Status s = musa::write_midi_file(seq, path.toStdString()); !s.ok()) {
      showFileError(window_, tr("Export"), QString::fromStdString(s.error()));
      return written;
    }
    written << path;
  }
  emit statusMessage(tr("Exported %n file(s) to %1", nullptr, int(written.size())).arg(QDir::toNativeSeparators(choice.folder)),
                     5000);
  return written;
}

void TakeExporter::exportDialog() {
  const musa::TakeSession& session = takes_->session();
  const int kept = int(session.kept().size());
  const int current = session.has_take(session.current()) ? session.current() : -1;
  if (kept == 0 && current < 0) {
    showFileError(window_, tr("Export"), tr("There is no take to export yet: generate some first (Ctrl+G)."));
    return;
  }
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::MusicLocation);
  ExportDialog dialog(kept, current, session.longest_bars(), folder.isEmpty() ? QDir::homePath() : folder, window_);
  if (dialog.exec() == QDialog::Accepted) exportTakes(dialog.choice());
}

void TakeExporter::exportTake(int index) {
  takes_->setCurrent(index);
  exportDialog();
}

void TakeExporter::renderWavDialog(int index) {
  if (!takes_->session().has_take(index)) return;
  const QString name = QString::fromStdString(musa::take_file_name(index + 1, ".wav"));
  const QString path = QFileDialog::getSaveFileName(window_, tr("Render Take to WAV"), name, tr("WAV audio (*.wav)"));
  if (!path.isEmpty()) renderTakeToWav(index, path);
}

void TakeExporter::renderTakeToWav(int index, const QString& path) { audio_->renderWav(wholeTake(index), path, -1); }

QString TakeExporter::takeTempFile(int index) {
  if (!temp_dir_) temp_dir_ = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/musa-XXXXXX"));
  const QString path = temp_dir_->filePath(QString::fromStdString(musa::take_file_name(index + 1)));
  if (!musa::write_midi_file(wholeTake(index), path.toStdString()).ok()) return {};
  return path;
}

QMimeData* TakeExporter::takeMimeData(int index) {
  if (!takes_->session().has_take(index)) return nullptr;
  const QString path = takeTempFile(index);
  if (path.isEmpty()) return nullptr;
  // A file URL for file managers and DAWs, and the bytes for apps that take MIDI data.
  auto* mime = new QMimeData;
  mime->setUrls({QUrl::fromLocalFile(path)});
  QFile file(path);
  if (file.open(QIODevice::ReadOnly)) mime->setData(QStringLiteral("audio/midi"), file.readAll());
  return mime;
}

void TakeExporter::copyTake(int index) {
  if (QMimeData* mime = takeMimeData(index)) {
    QApplication::clipboard()->setMimeData(mime);
    emit statusMessage(tr("Take %1 copied as MIDI").arg(index + 1), 3000);
  }
}

void TakeExporter::dragTake(int index, QWidget* source) {
  QMimeData* mime = takeMimeData(index);
  if (!mime) return;
  auto* drag = new QDrag(source ? static_cast<QObject*>(source) : this);
  drag->setMimeData(mime);
  if (source) drag->setPixmap(source->grab().scaledToWidth(160, Qt::SmoothTransformation));
  drag->exec(Qt::CopyAction);
}
