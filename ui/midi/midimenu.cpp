#include "ui/midi/midimenu.h"

#include <QActionGroup>

#include "ui/midi/midicontroller.h"

MidiMenu::MidiMenu(MidiController* controller, QWidget* parent)
    : QMenu(tr("&MIDI"), parent), controller_(controller) {
  setObjectName(QStringLiteral("midiMenu"));
  inputs_ = addMenu(tr("&Input"));
  inputs_->setObjectName(QStringLiteral("midiInputMenu"));
  outputs_ = addMenu(tr("&Output"));
  outputs_->setObjectName(QStringLiteral("midiOutputMenu"));
  addSeparator();

  thru_ = addToggle(QStringLiteral("midiThruAction"), tr("&Thru"), tr("What you play sounds at once"));
  connect(thru_, &QAction::toggled, controller_, &MidiController::setThruEnabled);
  thru_to_ = addMenu(tr("Thru &to"));
  thru_to_->setObjectName(QStringLiteral("midiThruToMenu"));
  auto* route = new QActionGroup(this);
  to_synth_ = thru_to_->addAction(tr("&Synth (FluidSynth)"));
  to_port_ = thru_to_->addAction(tr("&Output port"));
  to_synth_->setObjectName(QStringLiteral("midiThruToSynthAction"));
  to_port_->setObjectName(QStringLiteral("midiThruToPortAction"));
  for (QAction* a : {to_synth_, to_port_}) {
    a->setCheckable(true);
    route->addAction(a);
  }
  connect(to_port_, &QAction::toggled, controller_, &MidiController::setThruToPort);
  play_to_ = addMenu(tr("&Play Primer and Takes to"));
  play_to_->setObjectName(QStringLiteral("midiPlayToMenu"));
  play_to_group_ = new QActionGroup(this);
  const std::pair<MidiController::PlayTo, QString> routes[] = {
      {MidiController::PlayTo::Synth, tr("S&ynth (FluidSynth)")},
      {MidiController::PlayTo::Port, tr("O&utput port")},
      {MidiController::PlayTo::Both, tr("&Both")}};
  for (const auto& route : routes) {
    const MidiController::PlayTo to = route.first;  // (clang 14 cannot capture a structured binding)
    QAction* a = play_to_->addAction(route.second);
    a->setCheckable(true);
    a->setData(static_cast<int>(to));
    play_to_group_->addAction(a);
    connect(a, &QAction::triggered, controller_, [this, to] { controller_->setPlayTo(to); });
  }
  addSeparator();

  jam_ = addToggle(QStringLiteral("midiJamAction"), tr("&Jam mode"),
                   tr("Play a phrase and pause: Musa answers with a phrase of the same length"));
  connect(jam_, &QAction::toggled, controller_, &MidiController::setJamEnabled);
  metronome_ =
      addToggle(QStringLiteral("midiMetronomeAction"), tr("&Metronome"), tr("Clicks while recording"));
  connect(metronome_, &QAction::toggled, controller_, &MidiController::setMetronome);
  count_in_ = addToggle(QStringLiteral("midiCountInAction"), tr("&Count-in"),
                        tr("One bar of clicks before recording starts"));
  connect(count_in_, &QAction::toggled, controller_, &MidiController::setCountIn);
  addSeparator();

  record_ = addToggle(QStringLiteral("recordAction"), tr("● Rec"),
                      tr("Record a primer from the MIDI keyboard, quantized to 16ths"));
  record_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
  connect(record_, &QAction::toggled, controller_,
          [this](bool on) { on ? controller_->startRecording() : controller_->stopRecording(); });

  // Queued: a choice made in a port menu rebuilds that menu, which must not
  // delete the action while it is still emitting triggered().
  connect(controller_, &MidiController::portsChanged, this, &MidiMenu::rebuildPorts, Qt::QueuedConnection);
  connect(controller_, &MidiController::settingsChanged, this, &MidiMenu::rebuildPorts, Qt::QueuedConnection);
  connect(controller_, &MidiController::settingsChanged, this, &MidiMenu::syncChecks);
  connect(controller_, &MidiController::recordingChanged, this, &MidiMenu::syncChecks);
  rebuildPorts();
  syncChecks();
}

QAction* MidiMenu::addToggle(const QString& name, const QString& text, const QString& tip) {
  QAction* action = addAction(text);
  action->setObjectName(name);
  action->setCheckable(true);
  action->setToolTip(tip);
  action->setStatusTip(tip);
  return action;
}

void MidiMenu::syncChecks() {
  // Show the controller's state without sending it back as a new choice.
  const auto set = [](QAction* a, bool on) {
    const QSignalBlocker block(a);
    a->setChecked(on);
  };
  set(thru_, controller_->thruEnabled());
  set(to_synth_, !controller_->thruToPort());
  set(to_port_, controller_->thruToPort());
  set(jam_, controller_->jamEnabled());
  set(metronome_, controller_->metronome());
  set(count_in_, controller_->countIn());
  set(record_, controller_->recording());
  for (QAction* a : play_to_group_->actions())
    set(a, a->data().toInt() == static_cast<int>(controller_->playTo()));
}

void MidiMenu::rebuildPorts() {
  fillPortMenu(inputs_, input_group_, controller_->inputPorts(), controller_->input(), true);
  fillPortMenu(outputs_, output_group_, controller_->outputPorts(), controller_->output(), false);
  const bool available = controller_->available();
  inputs_->setEnabled(available);
  outputs_->setEnabled(available);
  to_port_->setEnabled(available);
  play_to_->setEnabled(available);
}

void MidiMenu::fillPortMenu(QMenu* menu, QActionGroup*& group, const QStringList& ports,
                            const QString& chosen, bool input) {
  menu->clear();
  delete group;
  group = new QActionGroup(menu);
  const auto add = [&](const QString& text, const QString& port) {
    QAction* a = menu->addAction(text);
    a->setCheckable(true);
    a->setChecked(port == chosen);
    a->setData(port);
    group->addAction(a);
    connect(a, &QAction::triggered, controller_,
            [this, port, input] { input ? controller_->openInput(port) : controller_->openOutput(port); });
  };
  add(tr("None"), QString());
  menu->addSeparator();
  for (const QString& port : ports) add(port, port);
  // A chosen device that is unplugged stays chosen: it reconnects when it returns.
  if (!chosen.isEmpty() && !ports.contains(chosen)) add(tr("%1 (unplugged)").arg(chosen), chosen);
}
