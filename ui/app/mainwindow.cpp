#include "ui/app/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QResizeEvent>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSlider>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QWindow>

#include "core/music/staff_layout.h"
#include "ui/app/actions.h"
#include "ui/app/elidedlabel.h"
#include "ui/app/fieldfocus.h"
#include "ui/app/icons.h"
#include "ui/app/messagebar.h"
#include "ui/app/shortcutsdialog.h"
#include "ui/generate/generationcontroller.h"
#include "ui/generate/generationcontrols.h"
#include "ui/generate/modelchooser.h"
#include "ui/generate/modelmenu.h"
#include "ui/midi/jamstrip.h"
#include "ui/midi/midicontroller.h"
#include "ui/midi/midiindicator.h"
#include "ui/midi/midimenu.h"
#include "ui/playback/audioengine.h"
#include "ui/playback/playbackcontroller.h"
#include "ui/primer/primercommands.h"
#include "ui/primer/primerdocument.h"
#include "ui/primer/primereditor.h"
#include "ui/primer/primerimporter.h"
#include "ui/primer/recordprimercommand.h"
#include "ui/project/projectcontroller.h"
#include "ui/takes/scoreview.h"
#include "ui/takes/takecard.h"
#include "ui/takes/takeexporter.h"
#include "ui/takes/takegrid.h"
#include "ui/takes/takeorderbar.h"
#include "ui/takes/takesdocument.h"
#include "ui/train/traindialog.h"

MainWindow::MainWindow(const AppOptions& options, QWidget* parent)
    : QMainWindow(parent),
      options_(options),
      undo_stack_(new QUndoStack(this)),
      primer_(new PrimerDocument(undo_stack_, this)),
      takes_(new TakesDocument(undo_stack_, this)),
      controls_(new GenerationControls(this)),
      generation_(new GenerationController(primer_, controls_, takes_, this)),
      audio_(new AudioEngine(this)),
      actions_(std::make_unique<Actions>(this, undo_stack_)) {
  setWindowIcon(Icons::app());
  createToolBars();
  takes_->load({}, controls_->settings().takes);  // empty cards, as many as Takes says
  createCentralWidget();
  createControllers();
  createMenus();
  createStatusBar();
  createMidi();
  connectActions();
  connectDocuments();
  connectGeneration();
  connectAudio();
  connectMidi();
  resize(1280, 820);
  readSettings();
  fitToScreen();
  QTimer::singleShot(0, this, &MainWindow::fitToScreen);  // again once shown, with the real frame
  // Remembered settings and the empty cards are how the session starts, not changes to save.
  project_->markClean();
  updateTakesHint();

  // The model and the soundfont load in the background: the window is usable at once.
  generation_->loadModel(GenerationController::modelPath(model_chooser_->startupModel(options_.model_path)));
  audio_->setDrivers(options_.audio_drivers);
  if (options_.audio) audio_->start(options_.soundfont_path, options_.open_output);
  audio_label_->setText(audio_->stateText());
  QTimer::singleShot(0, project_, &ProjectController::offerRestore);
  QTimer::singleShot(0, this, &MainWindow::offerToContinueTraining);
}

MainWindow::~MainWindow() {
  audio_->stop();
  // Live MIDI must let go of the synth and the player of the port before either goes.
  audio_->setOutputs(true, nullptr);
  midi_->setSynth(nullptr);
}

// ---- layout ------------------------------------------------------------------------

void MainWindow::createToolBars() {
  QToolBar* first = addToolBar(tr("Generate"));
  first->setObjectName(QStringLiteral("generateToolBar"));
  first->setMovable(false);
  first->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  first->setIconSize({18, 18});
  first->addActions({actions_->playPrimer, actions_->stop, actions_->loop});
  first->addSeparator();
  first->addAction(actions_->generate);
  if (auto* button = qobject_cast<QToolButton*>(first->widgetForAction(actions_->generate)))
    button->setObjectName(QStringLiteral("generateButton"));  // the style sheet's accent button
  first->addSeparator();
  first->addWidget(createVolumeSlider());
  first->addSeparator();
  for (QAction* icon_only : {actions_->stop, actions_->loop})
    if (auto* button = qobject_cast<QToolButton*>(first->widgetForAction(icon_only)))
      button->setToolButtonStyle(Qt::ToolButtonIconOnly);
  // The bars fill rows left to right and wrap when the window is too narrow (wrapToolBars): every
  // control stays in sight, none hides in an overflow menu.
  const auto bar = [this](const QString& title, const char* name) {
    QToolBar* toolbar = addToolBar(title);
    toolbar->setObjectName(QString::fromLatin1(name));
    toolbar->setMovable(false);
    return toolbar;
  };
  QToolBar* form = bar(tr("Tempo, Bars and Takes"), "formToolBar");
  QToolBar* key = bar(tr("Key"), "keyToolBar");
  settings_bar_ = bar(tr("Seed and Instrument"), "settingsToolBar");
  controls_->addTo(first, form, key,
                   settings_bar_);  // live MIDI (● Rec, MIDI ●) goes at the end of the last bar
  toolbars_ = {first, form, key, settings_bar_};
}

void MainWindow::wrapToolBars() {
  int row = 0;
  for (size_t i = 0; i < toolbars_.size(); ++i) {
    QToolBar* toolbar = toolbars_[i];
    const int w = toolbar->sizeHint().width();
    const bool wrap = i > 0 && row + w > width();
    row = wrap ? w : row + w;
    if (wrap == toolBarBreak(toolbar)) continue;
    if (wrap)
      insertToolBarBreak(toolbar);
    else
      removeToolBarBreak(toolbar);
  }
}

void MainWindow::resizeEvent(QResizeEvent* event) {
  QMainWindow::resizeEvent(event);
  wrapToolBars();
}

QSlider* MainWindow::createVolumeSlider() {
  volume_ = new QSlider(Qt::Horizontal, this);
  volume_->setObjectName(QStringLiteral("volumeSlider"));
  volume_->setRange(0, 150);  // percent of the default level; above 100 may clip
  volume_->setValue(100);
  volume_->setFixedWidth(90);
  const auto tip = [this](int percent) {
    volume_->setToolTip(tr("Volume %1 % (live and in WAV export)").arg(percent));
    volume_->setAccessibleName(volume_->toolTip());
  };
  tip(100);
  connect(volume_, &QSlider::valueChanged, this, [this, tip](int percent) {
    audio_->setVolume(percent / 100.0);
    tip(percent);
  });
  return volume_;
}

void MainWindow::createCentralWidget() {
  message_bar_ = new MessageBar(this);
  splitter_ = new QSplitter(Qt::Vertical, this);
  splitter_->setObjectName(QStringLiteral("mainSplitter"));
  splitter_->addWidget(createPrimerSection());
  splitter_->addWidget(createTakesSection());
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

QWidget* MainWindow::createPrimerSection() {
  editor_ = new PrimerEditor(primer_, this);
  jam_strip_ = new JamStrip(this);  // shown while jam mode is on
  jam_strip_->hide();
  auto* title = new QLabel(tr("PRIMER"), this);
  title->setObjectName(QStringLiteral("sectionTitle"));
  auto* box = new QWidget(this);
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(10, 0, 10, 0);
  layout->setSpacing(2);
  layout->addWidget(title);
  layout->addWidget(editor_, 1);
  layout->addWidget(jam_strip_);
  return box;
}

QWidget* MainWindow::createTakesSection() {
  grid_ = new TakeGrid(takes_, this);
  auto* title = new QLabel(tr("TAKES"), this);
  title->setObjectName(QStringLiteral("sectionTitle"));
  // The hint gives way to the sort bar in a narrow window, cut with "…" (the tooltip has it all).
  takes_hint_ = new ElidedLabel(this);
  takes_hint_->setObjectName(QStringLiteral("sectionHint"));
  order_bar_ = new TakeOrderBar(this);
  auto* header = new QHBoxLayout;
  header->setContentsMargins(0, 0, 10, 0);
  header->addWidget(title);
  header->addWidget(takes_hint_, 1);
  header->addWidget(order_bar_);
  // Too short for every row (a small screen, 16 takes): the rows scroll rather than push the window taller.
  auto* scroll = new QScrollArea(this);
  scroll->setObjectName(QStringLiteral("takesScroll"));
  scroll->setWidget(grid_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // the grid reflows to fewer columns instead
  scroll->setFocusPolicy(Qt::NoFocus);
  auto* box = new QWidget(this);
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(10, 0, 0, 0);
  layout->setSpacing(0);
  layout->addLayout(header);
  layout->addWidget(scroll, 1);
  return box;
}

void MainWindow::createControllers() {
  playback_ = new PlaybackController({audio_, primer_, takes_, controls_, editor_, grid_}, this);
  exporter_ = new TakeExporter(this, takes_, controls_, audio_);
  importer_ = new PrimerImporter(this, primer_);
  project_ = new ProjectController({this, primer_, controls_, takes_, generation_}, options_);
  model_chooser_ = new ModelChooser(generation_, this, options_.remember);
  // Typing in a toolbar field must not trap the keys: Enter or Esc hands them back to the grid.
  field_focus_ = new FieldFocus(grid_, this);
  controls_->watchFocus(field_focus_);
}

void MainWindow::createMenus() {
  const Actions& a = *actions_;
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addActions({a.newProject, a.open});
  project_->setRecentMenu(file->addMenu(tr("Open &Recent")));
  file->addActions({a.save, a.saveAs});
  file->addSeparator();
  file->addActions({a.importPrimer, a.exportTakes, a.renderWav});
  file->addSeparator();
  file->addAction(a.quit);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addActions({a.undo, a.redo});
  edit->addSeparator();
  edit->addActions({a.selectAll, a.deleteNotes, a.clearPrimer});
  edit->addSeparator();
  edit->addAction(a.monophonic);

  QMenu* generate = menuBar()->addMenu(tr("&Generate"));
  generate->addActions({a.generate, a.cancel});
  generate->addSeparator();
  generate->addActions({a.regenerate, a.useAsPrimer});
  generate->addSeparator();
  generate->addActions({a.showScore, a.showPrimerScore});

  QMenu* play = menuBar()->addMenu(tr("&Play"));
  play->addActions({a.playPrimer, a.playTake, a.playLayered, a.stop});
  QMenu* takes = play->addMenu(tr("Play Ta&ke"));
  for (QAction* take : a.playNumbered) takes->addAction(take);
  play->addSeparator();
  play->addActions({a.loop, a.keep});
  play->addSeparator();
  play->addAction(a.jackAutoconnect);

  // Notes, the metronome and take transposition (issue 11's expected features), one block
  edit->addSeparator();
  edit->addActions({a.copyNotes, a.pasteNotes, a.quantize8ths, a.quantizeQuarters});
  play->addSeparator();
  play->addActions({a.metronome, a.transposeTakeUp, a.transposeTakeDown});

  model_menu_ =
      new ModelMenu(generation_, model_chooser_, modelsFolder(), {a.openModel, a.trainOnMyMusic}, this);
  menuBar()->addMenu(model_menu_);

  help_menu_ = menuBar()->addMenu(tr("&Help"));
  help_menu_->addAction(a.shortcuts);
  help_menu_->addSeparator();
  help_menu_->addActions({a.about, a.aboutQt});
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

void MainWindow::createMidi() {
  midi_ = new MidiController(options_.midi_backend, musa::steady_seconds, this);
  midi_menu_ = new MidiMenu(midi_, this);
  menuBar()->insertMenu(help_menu_->menuAction(), midi_menu_);
  addAction(midi_menu_->recordAction());  // its shortcut works with the menu closed
  settings_bar_->addSeparator();
  settings_bar_->addAction(midi_menu_->recordAction());
  settings_bar_->addWidget(new MidiIndicator(midi_, midi_menu_, settings_bar_));
  midi_label_ = new QLabel(midi_->statusText(), this);
  midi_label_->setObjectName(QStringLiteral("midiStatus"));
  statusBar()->addPermanentWidget(midi_label_);
  connect(midi_, &MidiController::statusChanged, midi_label_, &QLabel::setText);
  if (!midi_->available()) message_bar_->showMessage(midi_->unavailableMessage());
  if (options_.remember) {
    midi_->restoreSettings();
    midi_->setRemember(true);
  }
}

QString MainWindow::statusText() const {
  const QString dot = QStringLiteral(" · ");
  return model_label_->text() + dot + generation_label_->text() + dot + audio_label_->text() + dot +
         midi_label_->text();
}

ScoreDialog* MainWindow::showTakeScore(int index) {
  const musa::SessionTake* card = takes_->session().at(index);
  if (!card || card->empty()) return nullptr;
  const musa::Key key = musa::take_key(card->take);
  auto* dialog =
      new ScoreDialog(tr("Take %1 — %2").arg(index + 1).arg(GenerationControls::keyName(key)),
                      musa::layout_staff(card->take.melody.events, key), card->take.primer_steps, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
  return dialog;
}

ScoreDialog* MainWindow::showPrimerScore() {
  const musa::GenerationSettings s = controls_->settings();
  const musa::Key key = s.key >= 0 ? musa::Key{s.key, s.mode} : musa::primer_key(primer_->notes());
  const std::vector<int> events = musa::primer_events(primer_->notes());
  auto* dialog = new ScoreDialog(tr("Primer — %1").arg(GenerationControls::keyName(key)),
                                 musa::layout_staff(events, key), 0, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
  return dialog;
}

QString MainWindow::modelsFolder() const {
  const QString data = options_.data_folder.isEmpty()
                           ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                           : options_.data_folder;
  return data + QStringLiteral("/models");
}

TrainDialog* MainWindow::trainDialog() {
  if (train_dialog_) {
    train_dialog_->setCurrentModel(generation_->modelFile());
    return train_dialog_;
  }
  train_dialog_ = new TrainDialog(modelsFolder(), this);
  train_dialog_->setCurrentModel(generation_->modelFile());
  connect(train_dialog_, &TrainDialog::listenRequested, this, &MainWindow::listenTo);
  connect(train_dialog_, &TrainDialog::modelTrained, this, [this](const QString& model, const QString& how) {
    statusBar()->showMessage(
        tr("%1. Your model “%2” is in the Model menu.").arg(how, QFileInfo(model).completeBaseName()), 10000);
  });
  return train_dialog_;
}

void MainWindow::listenTo(const QString& model_file) {
  // Once, when this model has loaded: ten takes from it.
  auto* once = new QObject(this);
  connect(generation_, &GenerationController::modelLoaded, once, [this, once] {
    once->deleteLater();
    generation_->generate();
  });
  connect(generation_, &GenerationController::modelFailed, once, &QObject::deleteLater);
  model_chooser_->open(model_file);
}

void MainWindow::offerToContinueTraining() {
  if (options_.restore == AppOptions::Restore::Never) return;
  const std::vector<musa::TrainingRunSpec> runs =
      musa::unfinished_training_runs(modelsFolder().toStdString());
  if (runs.empty()) return;
  const musa::TrainingRunSpec& run = runs.front();
  const QString name = QFileInfo(QString::fromStdString(run.out)).completeBaseName();
  const bool resume =
      options_.restore == AppOptions::Restore::Always ||
      QMessageBox::question(
          this, tr("Continue training?"),
          tr("Musa was closed while it was training “%1”. Continue where it stopped?").arg(name),
          QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
  if (!resume) {
    QFile::remove(QString::fromStdString(run.unfinished_marker_path()));  // offered once; the model stays
    return;
  }
  TrainDialog* dialog = trainDialog();
  dialog->continueRun(run);
  dialog->show();
}

void MainWindow::updateTakesHint() {
  takes_hint_->setText(takes_->session().any_take()
                           ? tr("1–0 play · Space play/stop · K keep · tick Layer to hear takes together · "
                                "drag a take out as a .mid file")
                           : tr("Press Generate (Ctrl+G) to fill the grid with continuations of the primer"));
  takes_hint_->setToolTip(takes_hint_->text());
}

// ---- wiring ------------------------------------------------------------------------

void MainWindow::connectActions() {
  const Actions& a = *actions_;
  connect(a.newProject, &QAction::triggered, project_, &ProjectController::newProject);
  connect(a.open, &QAction::triggered, project_, &ProjectController::open);
  connect(a.openModel, &QAction::triggered, model_chooser_, &ModelChooser::choose);
  connect(a.trainOnMyMusic, &QAction::triggered, this, [this] {
    TrainDialog* dialog = trainDialog();
    dialog->show();
    dialog->raise();
  });
  connect(a.save, &QAction::triggered, project_, &ProjectController::save);
  connect(a.saveAs, &QAction::triggered, project_, &ProjectController::saveAs);
  connect(a.importPrimer, &QAction::triggered, importer_, &PrimerImporter::importDialog);
  connect(a.exportTakes, &QAction::triggered, exporter_, &TakeExporter::exportDialog);
  connect(a.renderWav, &QAction::triggered, this, [this] { exporter_->renderWavDialog(takes_->current()); });
  connect(a.quit, &QAction::triggered, this, &QWidget::close);

  connect(a.monophonic, &QAction::toggled, editor_, &PrimerEditor::setMonophonic);
  connect(a.selectAll, &QAction::triggered, editor_, &PrimerEditor::selectAll);
  connect(a.deleteNotes, &QAction::triggered, editor_, &PrimerEditor::deleteSelection);
  connect(a.clearPrimer, &QAction::triggered, this,
          [this] { undo_stack_->push(new ReplacePrimerCommand(primer_, {}, tr("Clear primer"))); });

  connect(a.generate, &QAction::triggered, generation_, &GenerationController::generate);
  connect(a.cancel, &QAction::triggered, generation_, &GenerationController::cancel);
  connect(a.regenerate, &QAction::triggered, this, [this] { generation_->regenerate(takes_->current()); });
  connect(a.useAsPrimer, &QAction::triggered, this,
          [this] { generation_->useTakeAsPrimer(takes_->current()); });

  connect(a.playPrimer, &QAction::triggered, playback_, &PlaybackController::playPrimer);
  connect(a.playTake, &QAction::triggered, playback_, &PlaybackController::togglePlayCurrentTake);
  connect(a.playLayered, &QAction::triggered, playback_, &PlaybackController::playLayered);
  connect(a.stop, &QAction::triggered, playback_, &PlaybackController::stop);
  connect(a.loop, &QAction::toggled, playback_, &PlaybackController::setLoop);
  connect(a.keep, &QAction::triggered, this, [this] { takes_->toggleKept(takes_->current()); });
  for (int i = 0; i < Actions::kNumberedTakes; ++i)
    connect(a.playNumbered[size_t(i)], &QAction::triggered, playback_, [this, i] { playback_->playTake(i); });

  // Notes, the metronome and take transposition (issue 11's expected features), one block
  connect(a.copyNotes, &QAction::triggered, editor_, &PrimerEditor::copySelection);
  connect(a.pasteNotes, &QAction::triggered, editor_, &PrimerEditor::paste);
  connect(a.quantize8ths, &QAction::triggered, editor_, [this] { editor_->quantize(2); });
  connect(a.quantizeQuarters, &QAction::triggered, editor_,
          [this] { editor_->quantize(musa::kStepsPerQuarter); });
  connect(a.metronome, &QAction::toggled, playback_, &PlaybackController::setMetronome);
  connect(a.transposeTakeUp, &QAction::triggered, takes_,
          [this] { takes_->transpose(takes_->current(), 1); });
  connect(a.transposeTakeDown, &QAction::triggered, takes_,
          [this] { takes_->transpose(takes_->current(), -1); });
  connect(a.showScore, &QAction::triggered, this, [this] { showTakeScore(takes_->current()); });
  connect(a.showPrimerScore, &QAction::triggered, this, &MainWindow::showPrimerScore);

  connect(a.about, &QAction::triggered, this, [this] {
    QMessageBox::about(
        this, tr("About Musa"),
        tr("<h3>Musa %1</h3><p>A melody-composition assistant: sketch a primer, generate takes, "
           "listen, keep, export.</p><p>Melody model: Magenta's attention_rnn.</p>")
            .arg(QApplication::applicationVersion()));
  });
  connect(a.aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
  connect(a.shortcuts, &QAction::triggered, this, [this] {
    auto* page = new ShortcutsDialog(menuBar(), this, this);  // made now: it lists the keys as they are
    page->setAttribute(Qt::WA_DeleteOnClose);
    page->show();
  });
}

void MainWindow::connectDocuments() {
  const auto followKey = [this] {
    const musa::Key estimated = musa::primer_key(primer_->notes());
    controls_->setEstimatedKey(estimated);
    // Note names on hover are spelled in the key the takes will be in.
    const musa::GenerationSettings s = controls_->settings();
    editor_->setKey(s.key >= 0 ? musa::Key{s.key, s.mode} : estimated);
  };
  connect(primer_, &PrimerDocument::notesChanged, this, followKey);
  connect(controls_, &GenerationControls::settingsChanged, this, followKey);
  followKey();
  connect(controls_, &GenerationControls::settingsChanged, this,
          [this] { takes_->followTakesSetting(controls_->settings().takes); });
  // The cards' order is the bar's choice; the bar says how many the filter hides.
  const auto followOrder = [this] {
    grid_->setOrder(order_bar_->metric(), order_bar_->descending(), order_bar_->hideCopies());
  };
  connect(order_bar_, &TakeOrderBar::changed, grid_, followOrder);
  followOrder();
  connect(grid_, &TakeGrid::orderChanged, order_bar_,
          [this] { order_bar_->setHiddenCount(grid_->hiddenCount()); });
  connect(takes_, &TakesDocument::reset, this, &MainWindow::updateTakesHint);
  connect(takes_, &TakesDocument::takeChanged, this, &MainWindow::updateTakesHint);
  connect(editor_, &PrimerEditor::auditionStarted, this,
          [this](int pitch) { audio_->auditionOn(pitch, controls_->settings().program); });
  connect(editor_, &PrimerEditor::auditionStopped, audio_, &AudioEngine::auditionOff);

  connect(grid_, &TakeGrid::playToggled, playback_, &PlaybackController::toggleTake);
  connect(grid_, &TakeGrid::useAsPrimerRequested, generation_, &GenerationController::useTakeAsPrimer);
  connect(grid_, &TakeGrid::regenerateRequested, generation_, &GenerationController::regenerate);
  connect(grid_, &TakeGrid::exportRequested, exporter_, &TakeExporter::exportTake);
  connect(grid_, &TakeGrid::renderRequested, exporter_, &TakeExporter::renderWavDialog);
  connect(grid_, &TakeGrid::copyRequested, exporter_, &TakeExporter::copyTake);
  connect(grid_, &TakeGrid::scoreRequested, this, &MainWindow::showTakeScore);
  connect(grid_, &TakeGrid::dragRequested, exporter_,
          [this](int i) { exporter_->dragTake(i, grid_->card(i)); });

  connect(project_, &ProjectController::aboutToLoad, playback_, &PlaybackController::stop);
  connect(project_, &ProjectController::aboutToLoad, generation_, &GenerationController::cancel);
  connect(project_, &ProjectController::statusMessage, statusBar(), &QStatusBar::showMessage);
  connect(project_, &ProjectController::problem, message_bar_, &MessageBar::showMessage);
  connect(exporter_, &TakeExporter::statusMessage, statusBar(), &QStatusBar::showMessage);
}

void MainWindow::connectGeneration() {
  connect(generation_, &GenerationController::modelStatusChanged, this,
          [this](const QString& text, const QString& tip) {
            model_label_->setText(text);
            model_label_->setToolTip(tip);
          });
  connect(generation_, &GenerationController::statusChanged, this,
          [this](const QString& text, const QString& tip) {
            generation_label_->setText(text);
            generation_label_->setToolTip(tip);
          });
  connect(generation_, &GenerationController::problem, message_bar_, &MessageBar::showMessage);
  connect(generation_, &GenerationController::started, this, [this](quint64, int card) {
    progress_->setValue(0);
    progress_->setVisible(card < 0);  // a whole Generate shows its progress; one card does not
  });
  connect(generation_, &GenerationController::progressed, this, [this](quint64, int done, int total) {
    progress_->setRange(0, total);
    progress_->setValue(done);
  });
  connect(generation_, &GenerationController::busyChanged, this, [this](bool busy) {
    actions_->cancel->setEnabled(busy);
    if (!busy) progress_->hide();
  });
  connect(generation_, &GenerationController::takeBusy, grid_, &TakeGrid::setBusy);
}

void MainWindow::connectAudio() {
  connect(audio_, &AudioEngine::waitingForSound, this, [this] {
    statusBar()->showMessage(tr("Loading sound… playback starts as soon as the soundfont is ready"), 5000);
  });
  connect(audio_, &AudioEngine::outputReady, this, [this] { audio_label_->setText(audio_->stateText()); });
  connect(audio_, &AudioEngine::outputChanged, this, [this] { audio_label_->setText(audio_->stateText()); });
  connect(audio_, &AudioEngine::outputLost, message_bar_, &MessageBar::showMessage);
  connect(actions_->jackAutoconnect, &QAction::toggled, audio_, &AudioEngine::setJackAutoconnect);
  connect(audio_, &AudioEngine::outputUnavailable, this, [this](const QString& message) {
    audio_label_->setText(audio_->stateText());
    message_bar_->showMessage(message);
  });
  connect(audio_, &AudioEngine::soundfontUnavailable, this, [this](const QString& message) {
    audio_label_->setText(audio_->stateText());
    message_bar_->showMessage(tr("%1 Takes can still be exported as MIDI.").arg(message));
  });
}

void MainWindow::connectMidi() {
  const auto followControls = [this] {
    midi_->setTempo(controls_->settings().qpm);
    midi_->setProgram(controls_->settings().program);
  };
  connect(controls_, &GenerationControls::settingsChanged, midi_, followControls);
  followControls();
  // The synth arrives when the soundfont has loaded; thru and the metronome stay silent until then.
  connect(audio_, &AudioEngine::outputReady, midi_, [this] { midi_->setSynth(audio_->synthSink()); });
  connect(audio_, &AudioEngine::outputUnavailable, midi_, [this] { midi_->setSynth(audio_->synthSink()); });
  // Jams answer with the weights the grid's generator loaded, shared read-only.
  connect(generation_, &GenerationController::modelLoaded, midi_,
          [this] { midi_->setModel(generation_->weights()); });
  // Each card's originality is looked up in the index the model came with.
  connect(generation_, &GenerationController::modelLoaded, grid_,
          [this] { grid_->setOriginality(generation_->originality()); });

  // Primer and takes play to the synth, the MIDI output port, or both.
  const auto route = [this] {
    const MidiController::PlayTo to = midi_->playTo();
    audio_->setOutputs(to != MidiController::PlayTo::Port,
                       to != MidiController::PlayTo::Synth ? midi_->portSink() : nullptr);
  };
  connect(midi_, &MidiController::settingsChanged, audio_, route);
  route();

  connect(midi_, &MidiController::recordingChanged, this, [this](bool recording) {
    if (recording) playback_->stop();
    if (!recording) editor_->endRecording();
    statusBar()->showMessage(recording ? (midi_->countIn()
                                              ? tr("Recording after one bar of count-in… press ● Rec to stop")
                                              : tr("Recording… press ● Rec to stop"))
                                       : QString());
  });
  // What is played shows as it is played, with the playhead; the status follows the count-in.
  connect(midi_, &MidiController::recordingProgressed, editor_,
          [this](double step, const std::vector<int>& line) {
            editor_->showRecording(musa::primer_notes_from_events(line, 1), step);
          });
  connect(midi_, &MidiController::countInEnded, this,
          [this] { statusBar()->showMessage(tr("Recording… press ● Rec to stop")); });
  connect(midi_, &MidiController::primerRecorded, this,
          [this](const std::vector<int>& events, const std::vector<int>& velocities) {
            undo_stack_->push(new RecordPrimerCommand(primer_, events, velocities));
          });
  connect(midi_, &MidiController::nothingRecorded, this,
          [this] { statusBar()->showMessage(tr("Nothing was played: the primer is unchanged"), 5000); });

  connect(midi_, &MidiController::jamStateChanged, jam_strip_, &JamStrip::setState);
  connect(midi_, &MidiController::jamAnswered, jam_strip_, &JamStrip::showExchange);
  connect(jam_strip_, &JamStrip::keepRequested, takes_, &TakesDocument::placeJamAnswer);
  const auto showStrip = [this] { jam_strip_->setVisible(midi_->jamEnabled()); };
  connect(midi_, &MidiController::settingsChanged, jam_strip_, showStrip);
  showStrip();
}

// ---- remembered state and closing ----------------------------------------------------

void MainWindow::readSettings() {
  if (!options_.remember) return;
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());  // fitToScreen() follows
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  splitter_->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
  project_->readSettings(settings);
  exporter_->readSettings(settings);
  actions_->loop->setChecked(settings.value(QStringLiteral("play/loop"), false).toBool());
  actions_->monophonic->setChecked(settings.value(QStringLiteral("edit/monophonic"), true).toBool());
  actions_->metronome->setChecked(settings.value(QStringLiteral("play/metronome"), false).toBool());
  actions_->jackAutoconnect->setChecked(
      settings.value(QStringLiteral("audio/jackAutoconnect"), true).toBool());
  volume_->setValue(settings.value(QStringLiteral("audio/volume"), 100).toInt());
  controls_->readSettings(settings);
  order_bar_->readSettings(settings);
}

void MainWindow::writeSettings() {
  if (!options_.remember) return;
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  settings.setValue(QStringLiteral("window/splitter"), splitter_->saveState());
  project_->writeSettings(settings);
  exporter_->writeSettings(settings);
  settings.setValue(QStringLiteral("play/loop"), actions_->loop->isChecked());
  settings.setValue(QStringLiteral("edit/monophonic"), actions_->monophonic->isChecked());
  settings.setValue(QStringLiteral("play/metronome"), actions_->metronome->isChecked());
  settings.setValue(QStringLiteral("audio/jackAutoconnect"), actions_->jackAutoconnect->isChecked());
  settings.setValue(QStringLiteral("audio/volume"), volume_->value());
  controls_->writeSettings(settings);
  order_bar_->writeSettings(settings);
}

void MainWindow::fitToScreen() {
  const QScreen* where = screen();
  if (!where || isMaximized() || isFullScreen()) return;
  // A geometry saved on a bigger screen, or at another scale, must not leave the window larger than
  // the screen or off it. Before the window is shown it has no frame yet: leave room for one.
  const QRect available = where->availableGeometry();
  const QMargins frame =
      isVisible() && windowHandle() ? windowHandle()->frameMargins() : QMargins(4, 30, 4, 4);
  const QSize room = available.size().shrunkBy(frame);
  const QSize size = this->size().boundedTo(room).expandedTo(minimumSizeHint().boundedTo(room));
  resize(size);
  QRect placed(pos(), size);
  placed = placed.marginsAdded(frame);
  if (!available.contains(placed)) {
    placed.moveLeft(std::clamp(placed.left(), available.left(), available.right() - placed.width() + 1));
    placed.moveTop(std::clamp(placed.top(), available.top(), available.bottom() - placed.height() + 1));
    move(placed.topLeft());
  }
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!project_->maybeSave()) {
    event->ignore();
    return;
  }
  playback_->stop();
  writeSettings();
  project_->endSession();  // a clean exit: nothing to restore next time
  event->accept();
}
