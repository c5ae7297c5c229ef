#pragma once
// MainWindow: Musa's one window (UX.md) — toolbars, the primer editor, the
// take grid, the status bar, menus. It only lays these out and wires them:
// the primer and the takes are documents on one session undo stack, and
// what happens lives in controllers (generate, play, export, project files,
// live MIDI); the music and the take rules are in core.

#include <QMainWindow>
#include <memory>
#include <vector>

#include "ui/app/appoptions.h"

class Actions;
class AudioEngine;
class ElidedLabel;
class FieldFocus;
class GenerationControls;
class GenerationController;
class JamStrip;
class MessageBar;
class MidiController;
class MidiMenu;
class ModelChooser;
class ModelMenu;
class TrainDialog;
class PlaybackController;
class PrimerDocument;
class PrimerEditor;
class PrimerImporter;
class ProjectController;
class QLabel;
class ScoreDialog;
class QMenu;
class QProgressBar;
class QSlider;
class QSplitter;
class QToolBar;
class QUndoStack;
class TakeExporter;
class TakeGrid;
class TakeOrderBar;
class TakesDocument;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(const AppOptions& options = {}, QWidget* parent = nullptr);
  ~MainWindow() override;

  // The parts, typed, for app/musa_main.cpp and the tests.
  const Actions& actionSet() const { return *actions_; }
  /** The session's one undo stack: primer edits and take edits. */
  QUndoStack* undoStack() const { return undo_stack_; }
  PrimerDocument* primer() const { return primer_; }
  PrimerEditor* editor() const { return editor_; }
  PrimerImporter* importer() const { return importer_; }
  TakesDocument* takes() const { return takes_; }
  TakeGrid* takeGrid() const { return grid_; }
  TakeOrderBar* takeOrderBar() const { return order_bar_; }
  TakeExporter* exporter() const { return exporter_; }
  GenerationControls* controls() const { return controls_; }
  GenerationController* generation() const { return generation_; }
  AudioEngine* audio() const { return audio_; }
  QSlider* volumeSlider() const { return volume_; }
  PlaybackController* playback() const { return playback_; }
  ProjectController* project() const { return project_; }
  ModelChooser* modelChooser() const { return model_chooser_; }
  ModelMenu* modelMenu() const { return model_menu_; }
  /** Model → Train on My Music…'s dialog (made on first use). */
  TrainDialog* trainDialog();
  /** The musician's models: <data folder>/models. */
  QString modelsFolder() const;
  MidiController* midi() const { return midi_; }
  MidiMenu* midiMenu() const { return midi_menu_; }
  JamStrip* jamStrip() const { return jam_strip_; }
  MessageBar* messageBar() const { return message_bar_; }
  /** The status bar's lines: model · generation · audio · MIDI. */
  QString statusText() const;
  /** Opens take `index` (primer included, in its key) as a score in its own window; nullptr: no take. */
  ScoreDialog* showTakeScore(int index);
  /** Opens the primer as a score, in the key the takes will be in. */
  ScoreDialog* showPrimerScore();
  /** Shrinks and moves the window, as needed, to lie within its screen's available area. */
  void fitToScreen();

 protected:
  void closeEvent(QCloseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void createToolBars();
  void wrapToolBars();
  void createCentralWidget();
  QWidget* createPrimerSection();
  QWidget* createTakesSection();
  QSlider* createVolumeSlider();
  void createControllers();
  void createMenus();
  void createStatusBar();
  void createMidi();
  void connectActions();
  void connectDocuments();
  void connectGeneration();
  void connectAudio();
  void connectMidi();
  void readSettings();
  void writeSettings();
  void updateTakesHint();
  /** Loads `model_file` and generates ten takes with it (Listen Now while training). */
  void listenTo(const QString& model_file);
  /** A training run left unfinished when Musa closed: offers to continue it. */
  void offerToContinueTraining();

  AppOptions options_;
  QUndoStack* undo_stack_;
  PrimerDocument* primer_;
  TakesDocument* takes_;
  GenerationControls* controls_;
  GenerationController* generation_;
  AudioEngine* audio_;
  std::unique_ptr<Actions> actions_;
  PrimerEditor* editor_ = nullptr;
  TakeGrid* grid_ = nullptr;
  TakeOrderBar* order_bar_ = nullptr;
  PlaybackController* playback_ = nullptr;
  TakeExporter* exporter_ = nullptr;
  PrimerImporter* importer_ = nullptr;
  ProjectController* project_ = nullptr;
  ModelChooser* model_chooser_ = nullptr;
  ModelMenu* model_menu_ = nullptr;
  TrainDialog* train_dialog_ = nullptr;
  MidiController* midi_ = nullptr;
  MidiMenu* midi_menu_ = nullptr;
  JamStrip* jam_strip_ = nullptr;
  MessageBar* message_bar_ = nullptr;
  FieldFocus* field_focus_ = nullptr;
  QToolBar* settings_bar_ = nullptr;
  std::vector<QToolBar*> toolbars_;  ///< in order; wrapToolBars() breaks them into rows
  QMenu* help_menu_ = nullptr;
  QSplitter* splitter_ = nullptr;
  ElidedLabel* takes_hint_ = nullptr;
  QLabel* model_label_ = nullptr;
  QLabel* generation_label_ = nullptr;
  QLabel* audio_label_ = nullptr;
  QLabel* midi_label_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QSlider* volume_ = nullptr;
};
