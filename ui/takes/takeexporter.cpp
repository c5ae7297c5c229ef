#include "ui/takes/takeexporter.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDrag>
#include <QFileDialog>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>
#include <QWidget>
#include <utility>
#include <vector>

#include "core/music/smf.h"
#include "core/util/file_io.h"
#include "ui/app/fileerror.h"
#include "ui/generate/generationcontrols.h"
#include "ui/playback/audioengine.h"
#include "ui/takes/takesdocument.h"

TakeExporter::TakeExporter(QWidget* window, TakesDocument* takes, GenerationControls* controls,
                           AudioEngine* audio)
    : QObject(window), window_(window), takes_(takes), controls_(controls), audio_(audio) {
  connect(audio_, &AudioEngine::renderFinished, this, [this](const QString& path, const QString& error) {
    if (error.isEmpty())
      emit statusMessage(tr("Rendered %1").arg(QDir::toNativeSeparators(path)), 5000);
    else
      showFileError(window_, tr("Render to WAV"), error);
  });
}

TakeExporter::~TakeExporter() = default;

musa::NoteSequence TakeExporter::wholeTake(int index) const {
  const musa::GenerationSettings s = controls_->settings();
  return takes_->session().sequence(index, s.program, musa::TakeSequenceOptions{.qpm = s.qpm});
}

QStringList TakeExporter::exportTakes(const ExportChoice& choice) {
  const musa::TakeSession& session = takes_->session();
  const bool kept_only = choice.takes == ExportChoice::Takes::Kept;
  const std::vector<int> chosen =
      choice.takes == ExportChoice::Takes::All ? session.filled() : session.export_selection(kept_only);
  if (chosen.empty()) {
    showFileError(window_, tr("Export"),
                  choice.takes == ExportChoice::Takes::All
                      ? tr("There is no take to export yet: generate some first (Ctrl+G).")
                  : kept_only ? tr("No take is kept: click ★ on the takes to export.")
                              : tr("No take is selected."));
    return {};
  }
  const musa::TakeSequenceOptions options{controls_->settings().qpm, choice.include_primer, choice.first_bar,
                                          choice.last_bar};
  const int program = controls_->settings().program;
  QDir().mkpath(choice.folder);
  const std::string extension = choice.musicxml ? ".musicxml" : ".mid";
  // Each file: its name and the indices of the takes in it.
  std::vector<std::pair<QString, std::vector<int>>> files;
  if (choice.multitrack) {
    files.emplace_back(QStringLiteral("musa-takes") + QString::fromStdString(extension), chosen);
  } else {
    for (int index : chosen)
      files.emplace_back(QString::fromStdString(musa::take_file_name(index + 1, extension)),
                         std::vector<int>{index});
  }
  QStringList written;
  for (const auto& [name, indices] : files) {
    const QString path = QDir(choice.folder).filePath(name);
    const bool one_track = !choice.multitrack;
    if (const musa::Status s = writeTakes(indices, one_track, program, options, choice.musicxml, path);
        !s.ok()) {
      showFileError(window_, tr("Export"), QString::fromStdString(s.error()));
      return written;
    }
    written << path;
  }
  emit statusMessage(tr("Exported %n file(s) to %1", nullptr, int(written.size()))
                         .arg(QDir::toNativeSeparators(choice.folder)),
                     5000);
  return written;
}

musa::Status TakeExporter::writeTakes(const std::vector<int>& indices, bool one_track, int program,
                                      const musa::TakeSequenceOptions& options, bool musicxml,
                                      const QString& path) const {
  const musa::TakeSession& session = takes_->session();
  if (musicxml) {
    const std::string score = session.musicxml(indices, program, options);
    return musa::write_file_atomically(path.toStdString(), score.data(), score.size());
  }
  return musa::write_midi_file(one_track ? session.sequence(indices.front(), program, options)
                                         : session.sequence(indices, program, options),
                               path.toStdString());
}

void TakeExporter::exportDialog() { showDialog(last_choice_.takes); }

void TakeExporter::showDialog(ExportChoice::Takes takes) {
  const musa::TakeSession& session = takes_->session();
  const int kept = int(session.kept().size());
  const int current = session.has_take(session.current()) ? session.current() : -1;
  if (kept == 0 && current < 0) {
    showFileError(window_, tr("Export"), tr("There is no take to export yet: generate some first (Ctrl+G)."));
    return;
  }
  ExportChoice initial = last_choice_;
  initial.takes = takes;
  if (initial.folder.isEmpty()) {
    const QString music = QStandardPaths::writableLocation(QStandardPaths::MusicLocation);
    initial.folder = music.isEmpty() ? QDir::homePath() : music;
  }
  ExportDialog dialog(kept, current, int(session.filled().size()), session.longest_bars(), initial, window_);
  if (dialog.exec() != QDialog::Accepted) return;
  last_choice_ = dialog.choice();
  last_choice_.first_bar = last_choice_.last_bar = 0;  // bars belong to these takes, not to the next export
  exportTakes(dialog.choice());
}

void TakeExporter::readSettings(const QSettings& settings) {
  last_choice_.folder = settings.value(QStringLiteral("export/folder")).toString();
  const int takes = settings.value(QStringLiteral("export/takes"), 0).toInt();
  last_choice_.takes = takes == 1   ? ExportChoice::Takes::Selected
                       : takes == 2 ? ExportChoice::Takes::All
                                    : ExportChoice::Takes::Kept;
  last_choice_.multitrack = settings.value(QStringLiteral("export/multitrack"), false).toBool();
  last_choice_.include_primer = settings.value(QStringLiteral("export/primer"), true).toBool();
  last_choice_.musicxml =
      settings.value(QStringLiteral("export/format")).toString() == QLatin1String("musicxml");
}

void TakeExporter::writeSettings(QSettings& settings) const {
  settings.setValue(QStringLiteral("export/folder"), last_choice_.folder);
  settings.setValue(QStringLiteral("export/takes"), int(last_choice_.takes));
  settings.setValue(QStringLiteral("export/multitrack"), last_choice_.multitrack);
  settings.setValue(QStringLiteral("export/primer"), last_choice_.include_primer);
  settings.setValue(QStringLiteral("export/format"),
                    last_choice_.musicxml ? QStringLiteral("musicxml") : QStringLiteral("mid"));
}

void TakeExporter::exportTake(int index) {
  takes_->setCurrent(index);
  showDialog(ExportChoice::Takes::Selected);  // this card's menu: this take
}

void TakeExporter::renderWavDialog(int index) {
  if (!takes_->session().has_take(index)) return;
  const QString name = QString::fromStdString(musa::take_file_name(index + 1, ".wav"));
  const QString path =
      QFileDialog::getSaveFileName(window_, tr("Render Take to WAV"), name, tr("WAV audio (*.wav)"));
  if (!path.isEmpty()) renderTakeToWav(index, path);
}

void TakeExporter::renderTakeToWav(int index, const QString& path) {
  audio_->renderWav(wholeTake(index), path, -1);
}

QString TakeExporter::takeTempFile(int index) {
  if (!temp_dir_)
    temp_dir_ = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/musa-XXXXXX"));
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
