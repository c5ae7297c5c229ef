#pragma once
// TakeExporter: takes leave Musa — as .mid files or MusicXML scores (one per
// take or one multi-track / multi-part file, the primer and a bar range as chosen), dragged onto a
// DAW or a file manager, copied to the clipboard, or rendered to WAV. The
// sequences come from core's TakeSession at the window's tempo and
// instrument; this class chooses files, writes them, and reports.

#include <QObject>
#include <QStringList>
#include <memory>

#include "core/music/note_sequence.h"
#include "core/project/take_export.h"
#include "core/util/result.h"
#include "ui/takes/exportdialog.h"

class AudioEngine;
class GenerationControls;
class QMimeData;
class QSettings;
class QTemporaryDir;
class QWidget;
class TakesDocument;

class TakeExporter : public QObject {
  Q_OBJECT
 public:
  /** Dialogs open over `window`; `audio` renders WAV files. */
  TakeExporter(QWidget* window, TakesDocument* takes, GenerationControls* controls, AudioEngine* audio);
  ~TakeExporter() override;

  /** Writes the files `choice` asks for; returns their paths (empty on error, which is shown). */
  QStringList exportTakes(const ExportChoice& choice);
  /** The last export's choice of takes, files, primer and folder (QSettings "export/…"). */
  ExportChoice lastChoice() const { return last_choice_; }
  void readSettings(const QSettings& settings);
  void writeSettings(QSettings& settings) const;
  /** The .mid of take `index` as a drag or the clipboard carries it (a file URL and the bytes); nullptr:
   * none. */
  QMimeData* takeMimeData(int index);

 public slots:
  /** File → Export: the dialog for the kept takes, the selected one or all, opened as last time. */
  void exportDialog();
  /** A card's "Export…": selects it, then the dialog (MIDI or MusicXML). */
  void exportTake(int index);
  void renderWavDialog(int index);
  /** Renders take `index`, primer included, in the background; a status line or an error box follows. */
  void renderTakeToWav(int index, const QString& path);
  void copyTake(int index);
  /** Drags take `index` out of `source` (its card, whose picture the drag shows). */
  void dragTake(int index, QWidget* source);

 signals:
  void statusMessage(const QString& text, int milliseconds);

 private:
  /** Take `index`, primer included, at the window's tempo and instrument. */
  musa::NoteSequence wholeTake(int index) const;
  QString takeTempFile(int index);
  /** Writes takes `indices` as one file: MusicXML (a part each) or MIDI (one track, or a track each). */
  musa::Status writeTakes(const std::vector<int>& indices, bool one_track, int program,
                          const musa::TakeSequenceOptions& options, bool musicxml, const QString& path) const;
  void showDialog(ExportChoice::Takes takes);

  QWidget* window_;
  TakesDocument* takes_;
  GenerationControls* controls_;
  AudioEngine* audio_;
  std::unique_ptr<QTemporaryDir> temp_dir_;
  ExportChoice last_choice_;
};
