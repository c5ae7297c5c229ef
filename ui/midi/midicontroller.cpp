#include "ui/midi/midicontroller.h"

#include <QSettings>
#include <algorithm>

#include "core/midi/rtmidi_backend.h"

namespace {

QStringList toStringList(const std::vector<std::string>& names) {
  QStringList list;
  for (const std::string& name : names) list << QString::fromStdString(name);
  return list;
}

}  // namespace

MidiController::MidiController(MidiBackendFactory factory, musa::Clock clock, QObject* parent)
    : QObject(parent),
      live_(std::make_unique<musa::LiveMidi>(factory ? factory() : std::make_unique<musa::RtMidiBackend>(),
                                             std::move(clock))) {
  live_->start_polling();
  connect(&timer_, &QTimer::timeout, this, &MidiController::onTimer);
  timer_.start(25);
}

MidiController::~MidiController() { timer_.stop(); }

QString MidiController::backendStatus() const {
  const std::string& status = live_->backend_status();
  if (status == musa::no_midi::kNoAlsaNoJack)
    return tr("no MIDI: no ALSA sequencer (/dev/snd/seq) and no JACK server");
  if (status == musa::no_midi::kNoAlsa) return tr("no MIDI: no ALSA sequencer (/dev/snd/seq)");
  if (status == musa::no_midi::kNoJack) return tr("no MIDI: no JACK server");
  if (status == musa::no_midi::kNothingOpened) return tr("no MIDI: no MIDI system could be opened");
  return QString::fromStdString(status);  // a system's own words, or a port name
}

QString MidiController::statusText() const {
  if (!available()) return backendStatus();
  const QString in = input();
  if (in.isEmpty()) return tr("MIDI: no input");
  if (!inputOpen()) return tr("MIDI in: %1 (unplugged)").arg(in);
  return tr("MIDI in: %1").arg(in);
}

QString MidiController::unavailableMessage() const {
  return tr("%1. Drawing primers, generating, listening and export all still work; "
            "plug in a keyboard to play and record live.")
      .arg(backendStatus());
}

QStringList MidiController::inputPorts() const { return toStringList(live_->ports().inputs); }
QStringList MidiController::outputPorts() const { return toStringList(live_->ports().outputs); }

void MidiController::refreshPorts() {
  if (live_->refresh_ports()) emit portsChanged();
  emit statusChanged(statusText());
}

void MidiController::pollNow() {
  live_->poll_ports();
  onTimer();
}

void MidiController::onTimer() {
  const musa::LiveMidiChanges changes = live_->poll();
  if (changes.ports) emit portsChanged();
  if (changes.ports || changes.input_open) emit statusChanged(statusText());
  if (changes.jam_state) emit jamStateChanged(*changes.jam_state);
  if (changes.exchange) emit jamAnswered(changes.exchange->phrase, changes.exchange->answer);
  if (live_->recording()) {
    const musa::RecordingProgress progress = live_->recording_progress();
    if (counting_in_ && !progress.counting_in) {
      counting_in_ = false;
      emit countInEnded();
    }
    emit recordingProgressed(progress.step, progress.line);
  }
}

void MidiController::openInput(const QString& name) {
  live_->open_input(name.toStdString());
  save();
  refreshPorts();
}

void MidiController::openOutput(const QString& name) {
  live_->open_output(name.toStdString());
  save();
}

void MidiController::setThruEnabled(bool enabled) {
  live_->set_thru_enabled(enabled);
  save();
}

void MidiController::setThruToPort(bool to_port) {
  live_->set_thru_to_port(to_port);
  save();
}

void MidiController::setJamEnabled(bool enabled) {
  if (enabled == jamEnabled()) return;
  live_->set_jam_enabled(enabled);
  save();
}

void MidiController::setPlayTo(PlayTo to) {
  live_->set_play_to(to);
  save();
}

void MidiController::setMetronome(bool enabled) {
  live_->set_metronome(enabled);
  save();
}

void MidiController::setCountIn(bool enabled) {
  live_->set_count_in(enabled);
  save();
}

void MidiController::startRecording() {
  if (!live_->start_recording()) return;
  counting_in_ = live_->count_in();
  emit recordingChanged(true);
}

void MidiController::stopRecording() {
  if (!live_->recording()) return;
  counting_in_ = false;
  const musa::LiveMidi::RecordedLine line = live_->stop_recording();
  emit recordingChanged(false);
  if (line.events.empty())
    emit nothingRecorded();
  else
    emit primerRecorded(line.events, line.velocities);
}

void MidiController::restoreSettings() {
  QSettings settings;
  settings.beginGroup(QStringLiteral("midi"));
  const bool remember = remember_;
  remember_ = false;  // restoring is not a new choice
  live_->set_thru_enabled(settings.value(QStringLiteral("thru"), true).toBool());
  live_->set_thru_to_port(settings.value(QStringLiteral("thruToPort"), false).toBool());
  live_->set_metronome(settings.value(QStringLiteral("metronome"), true).toBool());
  live_->set_play_to(
      static_cast<PlayTo>(std::clamp(settings.value(QStringLiteral("playTo"), 0).toInt(), 0, 2)));
  live_->set_count_in(settings.value(QStringLiteral("countIn"), true).toBool());
  const QString output = settings.value(QStringLiteral("output")).toString();
  if (!output.isEmpty()) openOutput(output);
  const QString input = settings.value(QStringLiteral("input")).toString();
  if (!input.isEmpty()) openInput(input);
  setJamEnabled(settings.value(QStringLiteral("jam"), false).toBool());
  remember_ = remember;
  emit settingsChanged();
}

void MidiController::save() {
  emit settingsChanged();
  if (!remember_) return;
  QSettings settings;
  settings.beginGroup(QStringLiteral("midi"));
  settings.setValue(QStringLiteral("input"), input());
  settings.setValue(QStringLiteral("output"), output());
  settings.setValue(QStringLiteral("thru"), thruEnabled());
  settings.setValue(QStringLiteral("thruToPort"), thruToPort());
  settings.setValue(QStringLiteral("jam"), jamEnabled());
  settings.setValue(QStringLiteral("metronome"), metronome());
  settings.setValue(QStringLiteral("playTo"), static_cast<int>(playTo()));
  settings.setValue(QStringLiteral("countIn"), countIn());
}
