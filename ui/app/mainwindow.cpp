#include "ui/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include "core/util/resources.h"
#include "ui/audioengine.h"
#include "ui/autosaver.h"
#include "ui/generationcontrols.h"
#include "ui/generationcontroller.h"
#include "ui/icons.h"
#include "ui/jamstrip.h"
#include "ui/messagebar.h"
#include "ui/midicontroller.h"
#include "ui/primerdocument.h"
#include "ui/primercommands.h"
#include "ui/primereditor.h"
#include "ui/takecard.h"
#include "ui/takegrid.h"

MainWindow::MainWindow(const AppOptions& options, QWidget* parent)
    : QMainWindow(parent),
      options_(options),
      primer_(new PrimerDocument(this)),
      controls_(new GenerationControls(this)),
      generation_(new GenerationController(this)),
      audio_(new AudioEngine(this)) {
  setWindowIcon(Icons::app());
  createActions();
  createToolBars();
  createCentralWidget();
  createMenus();
  createStatusBar();
  connectDocuments();
  createMidi();
  session_.resize(controls_->settings().takes);
  syncGrid();
  resize(1280, 820);
  readSettings();
  updateTitle();
  updateTakesHint();

  // The model and the soundfont load in the background: the window is usable at once.
  generation_->loadModel(resolveModelPath());
  if (options_.audio) audio_->start(options_.soundfont_path, options_.open_output);
  audio_label_->setText(audio_->stateText());

  const QString folder = options_.data_folder.isEmpty()
                             ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                             : options_.data_folder;
  autosaver_ = new Autosaver(folder, [this] { return snapshot(); }, this);
  connect(autosaver_, &Autosaver::saveFailed, message_bar_, &MessageBar::showMessage);
  QTimer::singleShot(0, this, &MainWindow::offerRestore);
  playhead_timer_.setInterval(30);
  connect(&playhead_timer_, &QTimer::timeout, this, &MainWindow::updatePlayheads);
}

MainWindow::~MainWindow() {
  audio_->stop();
  // Live MIDI must let go of the synth and the player of the port before either goes.
  audio_->setOutputs(true, nullptr);
  midi_->setSynth(nullptr);
}

QAction* MainWindow::action(const QString& name) const { return findChild<QAction*>(name); }

QAction* MainWindow::makeAction(const QString& name, const QString& text, const QKeySequence& key) {
  auto* action = new QAction(text, this);
  action->setObjectName(name);
  if (!key.isEmpty()) action->setShortcut(key);
  addAction(action);  // shortcuts work even for actions only in a toolbar or in no menu
  return action;
}

QString MainWindow::resolveModelPath() {
  if (!options_.model_path.isEmpty()) return options_.model_path;
  if (const QString env = qEnvironmentVariable("MUSA_MODEL"); !env.isEmpty()) return env;
  if (const std::string shipped = musa::default_model_path(); !shipped.empty()) return QString::fromStdString(shipped);
  // Not found: loading this path fails with a message that names it.
  return QStringLiteral("resources/models/attention_rnn.safetensors");
}

void MainWindow::createActions() {
  makeAction(QStringLiteral("newAction"), tr("&New"), QKeySequence::New);
  makeAction(QStringLiteral("openAction"), tr("&Open…"), QKeySequence::Open);
  makeAction(QStringLiteral("saveAction"), tr("&Save"), QKeySequence::Save);
  makeAction(QStringLiteral("saveAsAction"), tr("Save &As…"), QKeySequence::SaveAs);
  makeAction(QStringLiteral("importPrimerAction"), tr("&Import Primer from MIDI…"), QKeySequence(tr("Ctrl+I")));
  makeAction(QStringLiteral("exportAction"), tr("&Export Kept Takes…"), QKeySequence(tr("Ctrl+E")));
  makeAction(QStringLiteral("renderWavAction"), tr("Render Take to &WAV…"), QKeySequence(tr("Ctrl+Shift+E")));
  makeAction(QStringLiteral("quitAction"), tr("&Quit"), QKeySequence::Quit);

  QAction* undo = primer_->undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setObjectName(QStringLiteral("undoAction"));
  undo->setShortcuts(QKeySequence::Undo);
  QAction* redo = primer_->undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setObjectName(QStringLiteral("redoAction"));
  redo->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
  addActions({undo, redo});
  makeAction(QStringLiteral("selectAllAction"), tr("Select &All Notes"), QKeySequence::SelectAll);
  makeAction(QStringLiteral("deleteNotesAction"), tr("&Delete Notes"), QKeySequence::Delete);
  QAction* mono = makeAction(QStringLiteral("monophonicAction"), tr("&Monophonic Primer"));
  mono->setCheckable(true);
  mono->setChecked(true);
  mono->setToolTip(tr("A new note cuts the one it overlaps: the model hears one note at a time"));
  makeAction(QStringLiteral("clearPrimerAction"), tr("&Clear Primer"));

  QAction* gen = makeAction(QStringLiteral("generateAction"), tr("&Generate"), QKeySequence(tr("Ctrl+G")));
  gen->setIcon(Icons::generate());
  gen->setToolTip(tr("Generate takes from the primer (Ctrl+G)"));
  makeAction(QStringLiteral("cancelAction"), tr("&Cancel Generation"), QKeySequence::Cancel)->setEnabled(false);
  makeAction(QStringLiteral("regenerateAction"), tr("&Regenerate Selected Take"), QKeySequence(tr("Ctrl+R")));
  makeAction(QStringLiteral("useAsPrimerAction"), tr("&Use Selected Take as Primer"), QKeySequence(tr("Ctrl+U")));

  QAction* primer = makeAction(QStringLiteral("playPrimerAction"), tr("Play &Primer"), QKeySequence(tr("P")));
  primer->setIcon(Icons::play());
  primer->setIconText(tr("Primer"));
  primer->setToolTip(tr("Play the primer (P)"));
  makeAction(QStringLiteral("playTakeAction"), tr("Play/Stop Selected &Take"), QKeySequence(Qt::Key_Space));
  makeAction(QStringLiteral("playLayeredAction"), tr("Play &Layered Takes"), QKeySequence(tr("L")));
  QAction* stop = makeAction(QStringLiteral("stopAction"), tr("&Stop"), QKeySequence(tr("Ctrl+.")));
  stop->setIcon(Icons::stop());
  stop->setToolTip(tr("Stop playback"));
  QAction* loop = makeAction(QStringLiteral("loopAction"), tr("L&oop Playback"), QKeySequence(tr("Ctrl+L")));
  loop->setCheckable(true);
  loop->setIcon(Icons::loop());
  loop->setToolTip(tr("Loop playback of primer and take"));
  makeAction(QStringLiteral("keepAction"), tr("&Keep Selected Take"), QKeySequence(tr("K")));
  for (int i = 0; i < 10; ++i)
    makeAction(QStringLiteral("playTake%1Action").arg(i + 1), tr("Take %1").arg(i + 1),
               QKeySequence(QString::number((i + 1) % 10)));
  makeAction(QStringLiteral("aboutAction"), tr("&About Musa"));
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addActions({action(QStringLiteral("newAction")), action(QStringLiteral("openAction"))});
  recent_menu_ = file->addMenu(tr("Open &Recent"));
  file->addActions({action(QStringLiteral("saveAction")), action(QStringLiteral("saveAsAction"))});
  file->addSeparator();
  file->addActions({action(QStringLiteral("importPrimerAction")), action(QStringLiteral("exportAction")),
                    action(QStringLiteral("renderWavAction"))});
  file->addSeparator();
  file->addAction(action(QStringLiteral("quitAction")));

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addActions({action(QStringLiteral("undoAction")), action(QStringLiteral("redoAction"))});
  edit->addSeparator();
  edit->addActions({action(QStringLiteral("selectAllAction")), action(QStringLiteral("deleteNotesAction")),
                    action(QStringLiteral("clearPrimerAction"))});
  edit->addSeparator();
  edit->addAction(action(QStringLiteral("monophonicAction")));

  QMenu* gen = menuBar()->addMenu(tr("&Generate"));
  gen->addActions({action(QStringLiteral("generateAction")), action(QStringLiteral("cancelAction"))});
  gen->addSeparator();
  gen->addActions({action(QStringLiteral("regenerateAction")), action(QStringLiteral("useAsPrimerAction"))});

  QMenu* play = menuBar()->addMenu(tr("&Play"));
  play->addActions({action(QStringLiteral("playPrimerAction")), action(QStringLiteral("playTakeAction")),
                    action(QStringLiteral("playLayeredAction")), action(QStringLiteral("stopAction"))});
  QMenu* takes = play->addMenu(tr("Play Ta&ke"));
  for (int i = 1; i <= 10; ++i) takes->addAction(action(QStringLiteral("playTake%1Action").arg(i)));
  play->addSeparator();
  play->addActions({action(QStringLiteral("loopAction")), action(QStringLiteral("keepAction"))});

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(action(QStringLiteral("aboutAction")));
  help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
  updateRecentMenu();
}

void MainWindow::createToolBars() {
  QToolBar* first = addToolBar(tr("Generate"));
  first->setObjectName(QStringLiteral("generateToolBar"));
  first->setMovable(false);
  first->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  first->setIconSize({18, 18});
  first->addAction(action(QStringLiteral("playPrimerAction")));
  first->addAction(action(QStringLiteral("stopAction")));
  first->addAction(action(QStringLiteral("loopAction")));
  first->addSeparator();
  first->addAction(action(QStringLiteral("generateAction")));
  if (auto* button = qobject_cast<QToolButton*>(first->widgetForAction(action(QStringLiteral("generateAction")))))
    button->setObjectName(QStringLiteral("generateButton"));
  first->addSeparator();
  addToolBarBreak();
  QToolBar* second = addToolBar(tr("Key, Seed and Instrument"));
  second->setObjectName(QStringLiteral("settingsToolBar"));
  second->setMovable(false);
  controls_->addTo(first, second);
  // Live MIDI (● Rec, the MIDI indicator) will go at the end of this bar.
  if (auto* stop = qobject_cast<QToolButton*>(first->widgetForAction(action(QStringLiteral("stopAction")))))
    stop->setToolButtonStyle(Qt::ToolButtonIconOnly);
  if (auto* loop = qobject_cast<QToolButton*>(first->widgetForAction(action(QStringLiteral("loopAction")))))
    loop->setToolButtonStyle(Qt::ToolButtonIconOnly);
}

void MainWindow::createCentralWidget() {
  editor_ = new PrimerEditor(primer_, this);
  grid_ = new TakeGrid(this);
  connect(grid_, &TakeGrid::cardAdded, this, &MainWindow::onCardAdded);
  message_bar_ = new MessageBar(this);

  auto* primer_title = new QLabel(tr("PRIMER"), this);
  primer_title->setObjectName(QStringLiteral("sectionTitle"));
  auto* primer_box = new QWidget(this);
  auto* primer_layout = new QVBoxLayout(primer_box);
  primer_layout->setContentsMargins(10, 0, 10, 0);
  primer_layout->setSpacing(2);
  primer_layout->addWidget(primer_title);
  primer_layout->addWidget(editor_, 1);
  jam_strip_ = new JamStrip(this);  // shown while jam mode is on (mainwindowmidi.cpp)
  jam_strip_->hide();
  primer_layout->addWidget(jam_strip_);

  auto* takes_title = new QLabel(tr("TAKES"), this);
  takes_title->setObjectName(QStringLiteral("sectionTitle"));
  takes_hint_ = new QLabel(this);
  takes_hint_->setObjectName(QStringLiteral("sectionHint"));
  auto* takes_header = new QHBoxLayout;
  takes_header->setContentsMargins(0, 0, 10, 0);
  takes_header->addWidget(takes_title);
  takes_header->addWidget(takes_hint_, 1);
  auto* takes_box = new QWidget(this);
  auto* takes_layout = new QVBoxLayout(takes_box);
  takes_layout->setContentsMargins(10, 0, 0, 0);
  takes_layout->setSpacing(0);
  takes_layout->addLayout(takes_header);
  takes_layout->addWidget(grid_, 1);

  splitter_ = new QSplitter(Qt::Vertical, this);
  splitter_->setObjectName(QStringLiteral("mainSplitter"));
  splitter_->addWidget(primer_box);
  splitter_->addWidget(takes_box);
  splitter_->setStretchFactor(0, 4);
  splitter_->setStretchFactor(1, 6);
  splitter_->setSizes({330, 420});
  splitter_->setChildrenCollapsible(false);

  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 6, 0, 0);
  layout->setSpacing(6);
  auto* bar_row = new QVBoxLayout;
  bar_row->setContentsMargins(10, 0, 10, 0);
  bar_row->addWidget(message_bar_);
  layout->addLayout(bar_row);
  layout->addWidget(splitter_, 1);
  setCentralWidget(central);
}

void MainWindow::createStatusBar() {
  model_label_ = new QLabel(tr("model: loading…"), this);
  generation_label_ = new QLabel(this);
  audio_label_ = new QLabel(this);
  progress_ = new QProgressBar(this);
  progress_->setFixedWidth(140);
  progress_->setTextVisible(false);
  progress_->hide();
  statusBar()->addWidget(model_label_);
  statusBar()->addWidget(generation_label_);
  statusBar()->addWidget(progress_);
  statusBar()->addPermanentWidget(audio_label_);
}

QString MainWindow::statusText() const {
  return model_label_->text() + QStringLiteral(" · ") + generation_label_->text() + QStringLiteral(" · ") +
         audio_label_->text() + QStringLiteral(" · ") + (midi_label_ ? midi_label_->text() : QString());
}

void MainWindow::connectDocuments() {
  connect(primer_, &PrimerDocument::notesChanged, this, [this] {
    controls_->setEstimatedKey(musa::primer_major_key(primer_->notes()));
    markDirty();
  });
  connect(controls_, &GenerationControls::settingsChanged, this, &MainWindow::markDirty);
  connect(controls_, &GenerationControls::settingsChanged, this, [this] {
    session_.follow_takes_setting(controls_->settings().takes);
    syncGrid();
  });
  connectActions();
  connectServices();
}

void MainWindow::connectActions() {
  connect(action(QStringLiteral("monophonicAction")), &QAction::toggled, editor_, &PrimerEditor::setMonophonic);
  connect(action(QStringLiteral("selectAllAction")), &QAction::triggered, editor_, &PrimerEditor::selectAll);
  connect(action(QStringLiteral("deleteNotesAction")), &QAction::triggered, editor_, &PrimerEditor::deleteSelection);
  connect(action(QStringLiteral("clearPrimerAction")), &QAction::triggered, this, [this] {
    primer_->undoStack()->push(new ReplacePrimerCommand(primer_, {}, tr("Clear primer")));
  });
  connect(action(QStringLiteral("generateAction")), &QAction::triggered, this, &MainWindow::generate);
  connect(action(QStringLiteral("cancelAction")), &QAction::triggered, this, &MainWindow::cancelGeneration);
  connect(action(QStringLiteral("regenerateAction")), &QAction::triggered, this, [this] { regenerateTake(session_.current()); });
  connect(action(QStringLiteral("useAsPrimerAction")), &QAction::triggered, this, [this] { useTakeAsPrimer(session_.current()); });
  connect(action(QStringLiteral("playPrimerAction")), &QAction::triggered, this, &MainWindow::playPrimer);
  connect(action(QStringLiteral("playTakeAction")), &QAction::triggered, this, &MainWindow::togglePlayCurrentTake);
  connect(action(QStringLiteral("playLayeredAction")), &QAction::triggered, this, &MainWindow::playLayered);
  connect(action(QStringLiteral("stopAction")), &QAction::triggered, this, &MainWindow::stopPlayback);
  connect(action(QStringLiteral("keepAction")), &QAction::triggered, this, [this] {
    if (const musa::SessionTake* take = session_.at(session_.current())) setTakeKept(session_.current(), !take->kept);
  });
  for (int i = 0; i < 10; ++i)
    connect(action(QStringLiteral("playTake%1Action").arg(i + 1)), &QAction::triggered, this, [this, i] { playTake(i); });
  connect(action(QStringLiteral("newAction")), &QAction::triggered, this, &MainWindow::newProject);
  connect(action(QStringLiteral("openAction")), &QAction::triggered, this, &MainWindow::open);
  connect(action(QStringLiteral("saveAction")), &QAction::triggered, this, &MainWindow::save);
  connect(action(QStringLiteral("saveAsAction")), &QAction::triggered, this, &MainWindow::saveAs);
  connect(action(QStringLiteral("importPrimerAction")), &QAction::triggered, this, &MainWindow::importPrimerDialog);
  connect(action(QStringLiteral("exportAction")), &QAction::triggered, this, &MainWindow::exportDialog);
  connect(action(QStringLiteral("renderWavAction")), &QAction::triggered, this, [this] { renderWavDialog(session_.current()); });
  connect(action(QStringLiteral("quitAction")), &QAction::triggered, this, &QWidget::close);
  connect(action(QStringLiteral("aboutAction")), &QAction::triggered, this, [this] {
    QMessageBox::about(this, tr("About Musa"),
                       tr("<h3>Musa %1</h3><p>A melody-composition assistant: sketch a primer, generate takes, "
                          "listen, keep, export.</p><p>Melody model: Magenta's attention_rnn.</p>")
                           .arg(QApplication::applicationVersion()));
  });

}

void MainWindow::connectServices() {
  connect(editor_, &PrimerEditor::auditionStarted, this,
          [this](int pitch) { audio_->auditionOn(pitch, controls_->settings().program); });
  connect(editor_, &PrimerEditor::auditionStopped, audio_, &AudioEngine::auditionOff);
  connect(generation_, &GenerationController::modelLoaded, this, &MainWindow::onModelLoaded);
  connect(generation_, &GenerationController::modelFailed, this, [this](const QString& message) {
    model_label_->setText(tr("model: none"));
    message_bar_->showMessage(tr("The model could not be loaded: %1").arg(message));
  });
  connect(generation_, &GenerationController::takesReady, this, &MainWindow::onTakesReady);
  connect(generation_, &GenerationController::generationFailed, this, &MainWindow::onGenerationFailed);
  connect(generation_, &GenerationController::progressed, this, [this](quint64, int done, int total) {
    progress_->setRange(0, total);
    progress_->setValue(done);
  });
  connect(audio_, &AudioEngine::outputReady, this, [this] { audio_label_->setText(audio_->stateText()); });
  connect(audio_, &AudioEngine::outputUnavailable, this, [this](const QString& message) {
    audio_label_->setText(audio_->stateText());
    message_bar_->showMessage(message);
  });
  connect(audio_, &AudioEngine::soundfontUnavailable, this, [this](const QString& message) {
    audio_label_->setText(audio_->stateText());
    message_bar_->showMessage(tr("%1 Takes can still be exported as MIDI.").arg(message));
  });
  connect(audio_, &AudioEngine::renderFinished, this, [this](const QString& path, const QString& error) {
    if (error.isEmpty()) statusBar()->showMessage(tr("Rendered %1").arg(QDir::toNativeSeparators(path)), 5000);
    else showFileError(tr("Render to WAV"), error);
  });
}

void MainWindow::markDirty() {
  dirty_ = true;
  setWindowModified(true);
  if (autosaver_) autosaver_->markChanged();
}

void MainWindow::setClean() {
  dirty_ = false;
  setWindowModified(false);
  primer_->undoStack()->setClean();
  updateTitle();
}

void MainWindow::updateTitle() {
  const QString name = file_.isEmpty() ? tr("Untitled") : QFileInfo(file_).fileName();
  setWindowTitle(name + QStringLiteral("[*] — Musa"));
  setWindowModified(dirty_);
}

void MainWindow::showFileError(const QString& title, const QString& text) {
  // Window-modal but not blocking: the current work stays as it is.
  auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
  box->setObjectName(QStringLiteral("fileErrorBox"));
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

void MainWindow::readSettings() {
  if (!options_.remember) return;
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  splitter_->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
  recent_files_ = settings.value(QStringLiteral("recentFiles")).toStringList();
  action(QStringLiteral("loopAction"))->setChecked(settings.value(QStringLiteral("play/loop"), false).toBool());
  action(QStringLiteral("monophonicAction"))->setChecked(settings.value(QStringLiteral("edit/monophonic"), true).toBool());
  const QByteArray json = settings.value(QStringLiteral("generation/settings")).toByteArray();
  if (!json.isEmpty()) {
    // The settings travel as a project with no notes, so one loader checks them.
    const auto project = musa::project_from_json(json.toStdString(), "settings");
    if (project.ok()) controls_->setSettings(project->settings);
  }
  updateRecentMenu();
}

void MainWindow::writeSettings() {
  if (!options_.remember) return;
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  settings.setValue(QStringLiteral("window/splitter"), splitter_->saveState());
  settings.setValue(QStringLiteral("recentFiles"), recent_files_);
  settings.setValue(QStringLiteral("play/loop"), action(QStringLiteral("loopAction"))->isChecked());
  settings.setValue(QStringLiteral("edit/monophonic"), action(QStringLiteral("monophonicAction"))->isChecked());
  musa::Project only_settings;
  only_settings.settings = controls_->settings();
  settings.setValue(QStringLiteral("generation/settings"), QByteArray::fromStdString(musa::project_to_json(only_settings)));
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!maybeSave()) {
    event->ignore();
    return;
  }
  stopPlayback();
  writeSettings();
  autosaver_->endSession();  // a clean exit: nothing to restore next time
  event->accept();
}
