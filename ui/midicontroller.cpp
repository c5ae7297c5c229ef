#include "ui/midicontroller.h"

#include <QSettings>
#include <QThread>
#include <algorithm>

#include "core/midi/metronome.h"
#include "core/midi/midi_ports.h"
#include "core/midi/rtmidi_backend.h"
#include "core/model/model_file.h"

namespace {

// Clicks scheduled when recording starts; a take longer than this (over six
// minutes at 40 qpm) records on in silence rather than rescheduling mid-take.
constexpr int kClickBars = 64;

/** Stands in when the factory made no backend: the app still runs, without MIDI. */
class NoBackend final : public musa::MidiBackend {
 public:
  bool available() override { return false; }
  std::string status() override { return "no MIDI: no MIDI system could be opened"; }
  std::vector<std::string> input_ports() override { return {}; }
  std::vector<std::string> output_ports() override { return {}; }
  musa::Status open_input(const std::string&, musa::MidiInputHandler) override {
    return musa::Error{status()};
  }
  void close_input() override {}
  musa::Status open_output(const std::string&) override { return musa::Error{status()}; }
  void close_output() override {}
  bool send(std::span<const std::uint8_t>) override { return false; }
};

QStringList toStringList(const std::vector<std::string>& names) {
  QStringList list;
  for (const std::string& name : names) list << QString::fromStdString(name);
  return list;
}

}  // namespace

MidiController::MidiController(MidiBackendFactory factory, musa::Clock clock, QObject* parent)
    : QObject(parent), clock_(clock), recorder_(clock) {
  std::unique_ptr<musa::MidiBackend> backend = factory ? factory() : std::make_unique<musa::RtMidiBackend>();
  if (!backend) backend = std::make_unique<NoBackend>();
  ports_ = std::make_unique<musa::MidiPorts>(std::move(backend));
  port_sink_ = std::make_unique<musa::PortSink>(*ports_);
  port_route_.set_target(port_sink_.get());
  ports_->set_event_handler([this](const musa::PortEvent& e) {
    // Poller thread: end what the lost keyboard left sounding, then let the timer refresh the menus.
    if (e.type == musa::PortEvent::Type::OpenInputLost) thru_.release_held();
    ports_changed_.fetch_add(1);
  });
  routeThru();
  thru_.add_listener(&recorder_);  // it keeps nothing unless recording
  refreshPorts();
  ports_->start_polling();
  connect(&timer_, &QTimer::timeout, this, &MidiController::onTimer);
  timer_.start(25);
}

MidiController::~MidiController() {
  timer_.stop();
  if (model_loader_) model_loader_->wait();
  delete model_loader_;  // its queued deleteLater would never run now
  ports_->stop_polling();
  ports_->close_input();  // no MIDI callback after this
  jam_.reset();
  answer_route_.set_target(nullptr);
  click_route_.set_target(nullptr);
  answer_player_.stop();
  click_player_.stop();
  thru_.set_sink(nullptr);
}

bool MidiController::inputOpen() const { return !ports_->open_input_name().empty(); }

musa::JamState MidiController::jamState() const { return jam_ ? jam_->state() : musa::JamState::Waiting; }

QString MidiController::statusText() const {
  if (!available_) return backend_status_;
  if (input_.isEmpty()) return tr("MIDI: no input");
  if (!inputOpen()) return tr("MIDI in: %1 (unplugged)").arg(input_);
  return tr("MIDI in: %1").arg(input_);
}

QString MidiController::unavailableMessage() const {
  return tr("%1. Drawing primers, generating, listening and export all still work; "
            "plug in a keyboard to play and record live.")
      .arg(backend_status_);
}

void MidiController::refreshPorts() {
  const musa::PortList list = ports_->list();
  const bool available = ports_->available();
  const QString status = QString::fromStdString(ports_->status());
  const QStringList inputs = toStringList(list.inputs), outputs = toStringList(list.outputs);
  const bool changed = inputs != inputs_ || outputs != outputs_ || available != available_;
  inputs_ = inputs;
  outputs_ = outputs;
  available_ = available;
  backend_status_ = status;
  last_input_open_ = inputOpen();
  if (changed) emit portsChanged();
  emit statusChanged(statusText());
}

void MidiController::pollNow() {
  ports_->poll();
  onTimer();
}

void MidiController::onTimer() {
  if (ports_changed_.exchange(0) > 0 || inputOpen() != last_input_open_) refreshPorts();
  const musa::JamState state = jamState();
  if (state != last_jam_state_) {
    last_jam_state_ = state;
    emit jamStateChanged(state);
  }
  std::optional<musa::JamExchange> exchange;
  {
    std::lock_guard lock(exchange_slot_->mutex);
    exchange.swap(exchange_slot_->exchange);
  }
  if (exchange) emit jamAnswered(exchange->phrase, exchange->answer);
}

void MidiController::openInput(const QString& name) {
  input_ = name;
  if (name.isEmpty()) {
    ports_->close_input();
    thru_.release_held();  // the keyboard is gone from Musa's point of view: nothing may stick
  } else {
    // An absent port is remembered and opened by the poller when it appears.
    (void)ports_->open_input(name.toStdString(), thru_.input_handler());
  }
  save();
  refreshPorts();
}

void MidiController::openOutput(const QString& name) {
  output_ = name;
  if (name.isEmpty())
    ports_->close_output();
  else
    (void)ports_->open_output(name.toStdString());
  save();
  emit settingsChanged();
}

void MidiController::routeThru() {
  musa::MidiSink* target = thru_to_port_ ? static_cast<musa::MidiSink*>(port_sink_.get()) : synth_sink_.get();
  thru_.set_sink(thru_enabled_ ? target : nullptr);
  answer_route_.set_target(target);
}

void MidiController::setThruEnabled(bool enabled) {
  thru_enabled_ = enabled;
  routeThru();
  save();
}

void MidiController::setThruToPort(bool to_port) {
  if (to_port != thru_to_port_) answer_player_.stop();  // its notes are held on the old target
  thru_to_port_ = to_port;
  routeThru();
  save();
}

void MidiController::setSynth(musa::Synth* synth) {
  // Detach first, then stop: a scheduler mid-send finishes before the sink goes.
  answer_route_.set_target(nullptr);
  click_route_.set_target(nullptr);
  answer_player_.stop();
  click_player_.stop();
  thru_.set_sink(nullptr);  // waits for a MIDI callback in flight
  synth_sink_ = synth ? std::make_unique<musa::SynthSink>(*synth) : nullptr;
  click_route_.set_target(synth_sink_.get());
  routeThru();
}

void MidiController::setPlayTo(PlayTo to) {
  play_to_ = to;
  save();
}

void MidiController::setMetronome(bool enabled) {
  metronome_ = enabled;
  if (!enabled) click_player_.stop();
  save();
}

void MidiController::setCountIn(bool enabled) {
  count_in_ = enabled;
  save();
}

void MidiController::setTempo(double qpm) {
  if (qpm == qpm_) return;
  qpm_ = qpm;
  if (jam_) rebuildJam();  // a jam's pause and grid follow the tempo
}

void MidiController::setProgram(int program) {
  if (program == program_) return;
  program_ = program;
  if (jam_) rebuildJam();
}

void MidiController::setAnswerFunction(musa::AnswerFunction answer) {
  answer_pinned_ = true;
  adoptAnswer(std::move(answer));
}

void MidiController::adoptAnswer(musa::AnswerFunction answer) {
  auto shared = std::make_shared<musa::AnswerFunction>(std::move(answer));
  std::lock_guard lock(answer_slot_->mutex);
  answer_slot_->answer = std::move(shared);
}

void MidiController::loadJamModel(const QString& path) {
  if (model_loader_) model_loader_->wait();  // rare: a second model while the first loads
  const std::string file = path.toStdString();
  model_loader_ = QThread::create([this, file] {
    musa::Result<musa::ModelFile> model = musa::load_model(file);
    if (!model.ok()) return;  // the generation controller reports a bad model; jams then stay silent
    auto weights = std::make_shared<const musa::ModelWeights>(std::move(model.value().weights));
    auto answer = std::make_shared<musa::AnswerFunction>(musa::sampler_answer(std::move(weights)));
    QMetaObject::invokeMethod(
        this,
        [this, answer] {
          if (!answer_pinned_) adoptAnswer(std::move(*answer));
        },
        Qt::QueuedConnection);
  });
  connect(model_loader_, &QThread::finished, this, [this, thread = model_loader_] {
    if (model_loader_ == thread) model_loader_ = nullptr;
    thread->deleteLater();
  });
  model_loader_->start(QThread::LowPriority);
}

void MidiController::setJamEnabled(bool enabled) {
  if (enabled == jamEnabled()) return;
  if (enabled) {
    rebuildJam();
  } else {
    thru_.remove_listener(jam_.get());
    jam_.reset();
  }
  save();
}

void MidiController::rebuildJam() {
  if (jam_) {
    thru_.remove_listener(jam_.get());  // after this the MIDI thread never calls it
    jam_.reset();                       // joins the jam thread and stops its answer
  }
  musa::JamOptions options;
  options.qpm = qpm_;
  options.answer_program = program_;
  // The jam thread calls the answer function of the moment; a model may arrive after the jam starts.
  musa::AnswerFunction answer = [slot = answer_slot_](
                                    const std::vector<int>& phrase, int steps,
                                    const std::atomic<bool>& cancel) -> musa::Result<std::vector<int>> {
    std::shared_ptr<musa::AnswerFunction> current;
    {
      std::lock_guard lock(slot->mutex);
      current = slot->answer;
    }
    if (!current || !*current) return musa::Error{"the model is still loading"};
    return (*current)(phrase, steps, cancel);
  };
  jam_ = std::make_unique<musa::JamSession>(options, std::move(answer), answer_player_, clock_);
  jam_->set_exchange_handler([slot = exchange_slot_](const musa::JamExchange& exchange) {
    std::lock_guard lock(slot->mutex);
    slot->exchange = exchange;
  });
  jam_->start();
  thru_.add_listener(jam_.get());
}

void MidiController::startRecording() {
  if (recorder_.recording()) return;
  recorder_.start(qpm_, count_in_);
  if (metronome_) {
    const auto clicks = musa::metronome_clicks(qpm_, kClickBars, count_in_);
    click_player_.play(musa::click_messages(clicks));
  }
  emit recordingChanged(true);
}

void MidiController::stopRecording() {
  if (!recorder_.recording()) return;
  click_player_.stop();
  const musa::RecordedTake take = recorder_.stop();
  emit recordingChanged(false);
  const bool played =
      std::any_of(take.primer.events.begin(), take.primer.events.end(), [](int e) { return e >= 0; });
  if (played)
    emit primerRecorded(take.primer.events);
  else
    emit nothingRecorded();
}

void MidiController::restoreSettings() {
  QSettings settings;
  settings.beginGroup(QStringLiteral("midi"));
  const bool remember = remember_;
  remember_ = false;  // restoring is not a new choice
  thru_enabled_ = settings.value(QStringLiteral("thru"), true).toBool();
  thru_to_port_ = settings.value(QStringLiteral("thruToPort"), false).toBool();
  metronome_ = settings.value(QStringLiteral("metronome"), true).toBool();
  play_to_ = static_cast<PlayTo>(std::clamp(settings.value(QStringLiteral("playTo"), 0).toInt(), 0, 2));
  count_in_ = settings.value(QStringLiteral("countIn"), true).toBool();
  routeThru();
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
  settings.setValue(QStringLiteral("input"), input_);
  settings.setValue(QStringLiteral("output"), output_);
  settings.setValue(QStringLiteral("thru"), thru_enabled_);
  settings.setValue(QStringLiteral("thruToPort"), thru_to_port_);
  settings.setValue(QStringLiteral("jam"), jamEnabled());
  settings.setValue(QStringLiteral("metronome"), metronome_);
  settings.setValue(QStringLiteral("playTo"), static_cast<int>(play_to_));
  settings.setValue(QStringLiteral("countIn"), count_in_);
}
