#pragma once
// MainWindow: Musa's one window (UX.md) — toolbars, the primer editor, the
// take grid, the status bar, menus. It wires documents, the generation
// controller and the audio engine together; the music logic is in core, the
// take rules in musa::TakeSession. Its implementation is split by concern:
// mainwindow.cpp (building, settings), mainwindowgenerate.cpp,
// mainwindowplay.cpp, mainwindowmidi.cpp, mainwindowfiles.cpp.

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTemporaryDir>
#include <QTimer>
#include <memory>
#include <vector>

#include "core/project/project.h"
#include "core/project/take_session.h"
#include "ui/appoptions.h"
#include "ui/exportdialog.h"
#include "ui/generationworker.h"

class AudioEngine;
class Autosaver;
class GenerationControls;
class GenerationController;
class JamStrip;
class MidiController;
class MidiMenu;
class MessageBar;
class PrimerDocument;
class PrimerEditor;
class QLabel;
class QMenu;
class QMimeData;
class QProgressBar;
class QSplitter;
class TakeCard;
class TakeGrid;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(const AppOptions& options = {}, QWidget* parent = nullptr);
  ~MainWindow() override;

  PrimerDocument* primer() const { return primer_; }
  PrimerEditor* editor() const { return editor_; }
  TakeGrid* takeGrid() const { return grid_; }
  GenerationControls* controls() const { return controls_; }
  GenerationController* generation() const { return generation_; }
  AudioEngine* audio() const { return audio_; }
  MessageBar* messageBar() const { return message_bar_; }
  MidiController* midi() const { return midi_; }
  MidiMenu* midiMenu() const { return midi_menu_; }
  JamStrip* jamStrip() const { return jam_strip_; }
  QString statusText() const;
  QString currentFile() const { return file_; }
  /** An action by its object name ("generateAction", "playTake3Action", …). */
  QAction* action(const QString& name) const;

  const musa::TakeSession& session() const { return session_; }
  const std::vector<musa::SessionTake>& takes() const { return session_.takes(); }
  int currentTake() const { return session_.current(); }
  /** Milliseconds from the last Generate to its takes on screen. */
  double lastGenerateMs() const { return last_generate_ms_; }

  /** The session as a project value, and back. */
  musa::Project snapshot() const;
  void loadSnapshot(const musa::Project& project);

  /** Writes the files `choice` asks for; returns their paths (empty on error, which is shown). */
  QStringList exportTakes(const ExportChoice& choice);
  /** The .mid bytes of take `index` as a drag or the clipboard carries it. */
  QMimeData* takeMimeData(int index);

 public slots:
  void generate();
  void cancelGeneration();
  void regenerateTake(int index);
  void useTakeAsPrimer(int index);
  void setTakeKept(int index, bool kept);
  void setTakeLayered(int index, bool layered);
  void setTakeProgram(int index, int program);
  void setCurrentTake(int index);

  void playPrimer();
  void playTake(int index);
  void togglePlayCurrentTake();
  void playLayered();
  void stopPlayback();

  void newProject();
  bool openProject(const QString& path);
  bool saveProjectAs(const QString& path);
  /** Reads a .mid file; with several melodies, `candidate` −1 asks (a dialog), −2 takes the proposal. */
  bool importPrimer(const QString& path, int candidate = -1);
  void copyTake(int index);
  void renderTakeToWav(int index, const QString& path);

 signals:
  /** The grid shows a new generation (or one regenerated card). */
  void takesShown();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  // mainwindow.cpp
  void createActions();
  void createMenus();
  void createToolBars();
  void createCentralWidget();
  void createStatusBar();
  void connectDocuments();
  void connectActions();
  /** The editor's auditions, the generation controller and the audio engine. */
  void connectServices();
  void readSettings();
  void writeSettings();
  void updateTitle();
  void markDirty();
  void setClean();
  void showFileError(const QString& title, const QString& text);
  QAction* makeAction(const QString& name, const QString& text, const QKeySequence& key = {});
  QString resolveModelPath();

  // mainwindowgenerate.cpp
  void onCardAdded(TakeCard* card);
  void onTakesReady(quint64 job, const TakeList& takes, double sampler_ms);
  void onGenerationFailed(quint64 job, const QString& message);
  void showTake(int index);
  void showAllTakes();
  /** The grid follows the session: its number of cards and the current one. */
  void syncGrid();
  void showCurrent();
  void updateTakesHint();
  void onModelLoaded(const QString& name, double ms);

  // mainwindowplay.cpp
  void updatePlayheads();
  void startPlayback(const musa::TakePlayback& play, int take, bool primer);
  double secondsPerStep() const;

  // mainwindowmidi.cpp
  void createMidi();
  void keepJamAnswer(const std::vector<int>& events, int primer_steps);
  void routePlayback();

  // mainwindowfiles.cpp
  bool maybeSave();
  bool save();
  bool saveAs();
  void open();
  void importPrimerDialog();
  void exportDialog();
  void renderWavDialog(int index);
  void startTakeDrag(int index);
  void addRecentFile(const QString& path);
  void updateRecentMenu();
  void offerRestore();
  QString takeTempFile(int index);
  /** Take `index`, primer included, at the window's tempo and instrument. */
  musa::NoteSequence wholeTake(int index) const;

  AppOptions options_;
  PrimerDocument* primer_;
  PrimerEditor* editor_ = nullptr;
  TakeGrid* grid_ = nullptr;
  GenerationControls* controls_;
  GenerationController* generation_;
  AudioEngine* audio_;
  Autosaver* autosaver_ = nullptr;
  MessageBar* message_bar_ = nullptr;
  QSplitter* splitter_ = nullptr;
  QLabel* model_label_ = nullptr;
  QLabel* generation_label_ = nullptr;
  QLabel* audio_label_ = nullptr;
  QLabel* takes_hint_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QMenu* recent_menu_ = nullptr;
  MidiController* midi_ = nullptr;
  MidiMenu* midi_menu_ = nullptr;
  JamStrip* jam_strip_ = nullptr;
  QLabel* midi_label_ = nullptr;

  musa::TakeSession session_;     ///< the takes and every rule about them
  quint64 full_job_ = 0;          ///< the running Generate
  quint64 single_job_ = 0;        ///< the running "regenerate this take"
  int single_take_ = -1;
  QElapsedTimer generate_clock_;
  double last_generate_ms_ = 0;

  QTimer playhead_timer_;
  int playing_take_ = -1;         ///< −1: none; the layer plays every ticked take
  bool playing_primer_ = false;
  bool playing_layer_ = false;
  double playing_seconds_ = 0;
  int primer_first_step_ = 0;

  QString file_;
  bool dirty_ = false;
  QStringList recent_files_;
  std::unique_ptr<QTemporaryDir> temp_dir_;
};
