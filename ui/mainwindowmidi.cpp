// MainWindow: live MIDI (UX.md "Live") — the MIDI menu, ● Rec, the jam
// strip, the status-bar indicator, and where auditioning sounds. The
// MidiController does the work; this file only connects it to the window.
#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>

#include "ui/audioengine.h"
#include "ui/generationcontroller.h"
#include "ui/generationcontrols.h"
#include "ui/jamstrip.h"
#include "ui/mainwindow.h"
#include "ui/messagebar.h"
#include "ui/midicontroller.h"
#include "ui/midimenu.h"
#include "ui/primerdocument.h"
#include "ui/recordprimercommand.h"
#include "ui/takegrid.h"
#include "ui/theme.h"

void MainWindow::createMidi() {
  midi_ = new MidiController(options_.midi_backend, musa::steady_seconds, this);
  midi_menu_ = new MidiMenu(midi_, this);
  const QList<QAction*> menus = menuBar()->actions();
  menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.back(), midi_menu_);  // before Help
  QAction* record = midi_menu_->recordAction();
  addAction(record);  // its shortcut works with the menu closed

  if (auto* bar = findChild<QToolBar*>(QStringLiteral("settingsToolBar"))) {
    bar->addSeparator();
    bar->addAction(record);
    auto* button = new QToolButton(bar);
    button->setObjectName(QStringLiteral("midiButton"));
    button->setMenu(midi_menu_);
    button->setPopupMode(QToolButton::InstantPopup);
    bar->addWidget(button);
  }

  midi_label_ = new QLabel(this);
  midi_label_->setObjectName(QStringLiteral("midiStatus"));
  statusBar()->addPermanentWidget(midi_label_);
  const auto showStatus = [this](const QString& text) {
    midi_label_->setText(text);
    auto* button = findChild<QToolButton*>(QStringLiteral("midiButton"));
    if (!button) return;
    button->setToolTip(text);
    // The toolbar's "MIDI ●": lit while a keyboard is connected, dim otherwise.
    const QColor dot = midi_->inputOpen() ? Theme::accent() : Theme::dimText().darker(140);
    button->setText(tr("MIDI") + QStringLiteral(" ●"));
    button->setStyleSheet(QStringLiteral("QToolButton { color: %1; }").arg(dot.name()));
  };
  connect(midi_, &MidiController::statusChanged, this, showStatus);
  showStatus(midi_->statusText());
  if (!midi_->available()) message_bar_->showMessage(midi_->unavailableMessage());

  if (options_.remember) {
    midi_->restoreSettings();
    midi_->setRemember(true);
  }
  const auto followControls = [this] {
    midi_->setTempo(controls_->settings().qpm);
    midi_->setProgram(controls_->settings().program);
  };
  connect(controls_, &GenerationControls::settingsChanged, this, followControls);
  followControls();

  // The synth arrives when the soundfont has loaded; thru and the metronome stay silent until then.
  connect(audio_, &AudioEngine::outputReady, midi_, [this] { midi_->setSynth(audio_->synthSink()); });
  connect(audio_, &AudioEngine::outputUnavailable, midi_, [this] { midi_->setSynth(audio_->synthSink()); });
  // Jams answer with the weights the grid's generator loaded, shared read-only.
  connect(generation_, &GenerationController::modelLoaded, midi_,
          [this] { midi_->setModel(generation_->weights()); });

  connect(midi_, &MidiController::settingsChanged, this, &MainWindow::routePlayback);
  routePlayback();

  connect(midi_, &MidiController::recordingChanged, this, [this](bool recording) {
    if (recording) stopPlayback();
    statusBar()->showMessage(recording ? (midi_->countIn()
                                              ? tr("Recording after one bar of count-in… press ● Rec to stop")
                                              : tr("Recording… press ● Rec to stop"))
                                       : QString());
  });
  connect(midi_, &MidiController::primerRecorded, this, [this](const std::vector<int>& events) {
    primer_->undoStack()->push(new RecordPrimerCommand(primer_, events));
  });
  connect(midi_, &MidiController::nothingRecorded, this,
          [this] { statusBar()->showMessage(tr("Nothing was played: the primer is unchanged"), 5000); });

  connect(midi_, &MidiController::jamStateChanged, jam_strip_, &JamStrip::setState);
  connect(midi_, &MidiController::jamAnswered, jam_strip_, &JamStrip::showExchange);
  connect(jam_strip_, &JamStrip::keepRequested, this, &MainWindow::keepJamAnswer);
  const auto showStrip = [this] { jam_strip_->setVisible(midi_->jamEnabled()); };
  connect(midi_, &MidiController::settingsChanged, this, showStrip);
  showStrip();
}

void MainWindow::routePlayback() {
  const MidiController::PlayTo to = midi_->playTo();
  audio_->setOutputs(to != MidiController::PlayTo::Port,
                     to != MidiController::PlayTo::Synth ? midi_->portSink() : nullptr);
}

void MainWindow::keepJamAnswer(const std::vector<int>& events, int primer_steps) {
  const int index = session_.place_jam_answer(events, primer_steps);
  syncGrid();
  showTake(index);
  updateTakesHint();
  markDirty();
}
