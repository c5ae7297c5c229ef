#include "core/midi/live_midi.h"

#include <algorithm>
#include <utility>

#include "core/midi/metronome.h"

namespace musa {
namespace {

// Clicks scheduled when recording starts; a take longer than this (over six
// minutes at 40 qpm) records on in silence rather than rescheduling mid-take.
constexpr int kClickBars = 64;

/** Stands in when there is no backend: the app still runs, without MIDI. */
class NoBackend final : public MidiBackend {
 public:
  bool available() override { return false; }
  std::string status() override { return no_midi::kNothingOpened; }
  std::vector<std::string> input_ports() override { return {}; }
  std::vector<std::string> output_ports() override { return {}; }
  Status open_input(const std::string&, MidiInputHandler) override { return Error{status()}; }
  void close_input() override {}
  Status open_output(const std::string&) override { return Error{status()}; }
  void close_output() override {}
  bool send(std::span<const std::uint8_t>) override { return false; }
};

std::unique_ptr<MidiBackend> or_none(std::unique_ptr<MidiBackend> backend) {
  if (!backend) return std::make_unique<NoBackend>();
  return backend;
}

}  // namespace

LiveMidi::LiveMidi(std::unique_ptr<MidiBackend> backend, Clock clock)
    : clock_(std::move(clock)),
      ports_(std::make_unique<MidiPorts>(or_none(std::move(backend)))),
      port_sink_(*ports_),
      recorder_(clock_) {
  ports_->set_event_handler([this](const PortEvent& e) {
    // Poller thread: end what the lost keyboard left sounding, then let poll() list the ports again.
    if (e.type == PortEvent::Type::OpenInputLost) thru_.release_held();
    ports_changed_.fetch_add(1);
  });
  route_thru();
  thru_.add_listener(&recorder_);  // it keeps nothing unless recording
  refresh_ports();
}

LiveMidi::~LiveMidi() {
  ports_->stop_polling();
  ports_->close_input();  // no MIDI callback after this
  if (jam_) thru_.remove_listener(jam_.get());
  jam_.reset();  // joins the jam thread; its answer's notes end on their target
  answer_player_.stop();
  click_player_.stop();
  answer_route_.set_first(nullptr);
  click_route_.set_first(nullptr);
  thru_.set_sink(nullptr);  // what the keyboard held ends too
}

void LiveMidi::start_polling(std::chrono::milliseconds period) { ports_->start_polling(period); }

bool LiveMidi::refresh_ports() {
  PortList list = ports_->list();
  const bool available = ports_->available();
  const bool changed = list != listed_ || available != available_;
  listed_ = std::move(list);
  available_ = available;
  backend_status_ = ports_->status();
  last_input_open_ = input_open();
  return changed;
}

LiveMidiChanges LiveMidi::poll() {
  LiveMidiChanges changes;
  const bool was_open = last_input_open_;
  if (ports_changed_.exchange(0) > 0 || input_open() != was_open) {
    changes.ports = refresh_ports();
    changes.input_open = last_input_open_ != was_open;
  }
  if (const JamState state = jam_state(); state != last_jam_state_) {
    last_jam_state_ = state;
    changes.jam_state = state;
  }
  std::lock_guard lock(exchange_slot_->mutex);
  changes.exchange.swap(exchange_slot_->exchange);
  return changes;
}

void LiveMidi::open_input(const std::string& name) {
  input_ = name;
  if (name.empty()) {
    ports_->close_input();
    thru_.release_held();  // the keyboard is gone from Musa's point of view: nothing may stick
  } else {
    // An absent port is remembered and opened by the poller when it appears.
    (void)ports_->open_input(name, thru_.input_handler());
  }
}

void LiveMidi::open_output(const std::string& name) {
  output_ = name;
  if (name.empty())
    ports_->close_output();
  else
    (void)ports_->open_output(name);
}

void LiveMidi::route_thru() {
  MidiSink* target = thru_to_port_ ? &port_sink_ : synth_;
  thru_.set_sink(thru_enabled_ ? target : nullptr);  // notes held on the old sink end there
  answer_route_.set_first(target);
}

void LiveMidi::set_thru_enabled(bool enabled) {
  thru_enabled_ = enabled;
  route_thru();
}

void LiveMidi::set_thru_to_port(bool to_port) {
  if (to_port != thru_to_port_) answer_player_.stop();  // its notes end on the old target
  thru_to_port_ = to_port;
  route_thru();
}

void LiveMidi::set_synth(MidiSink* synth) {
  // Stop first, so the notes they started end on the synth that plays them;
  // then let go: each route returns once no send is using the old sink.
  answer_player_.stop();
  click_player_.stop();
  answer_route_.set_first(nullptr);
  click_route_.set_first(nullptr);
  thru_.set_sink(nullptr);  // waits for a MIDI callback in flight; held notes end on the old sink
  synth_ = synth;
  click_route_.set_first(synth_);
  route_thru();
}

void LiveMidi::set_metronome(bool enabled) {
  metronome_ = enabled;
  if (!enabled) click_player_.stop();
}

void LiveMidi::set_tempo(double qpm) {
  if (qpm == qpm_) return;
  qpm_ = qpm;
  if (jam_) rebuild_jam();  // a jam's pause and grid follow the tempo
}

void LiveMidi::set_program(int program) {
  if (program == program_) return;
  program_ = program;
  if (jam_) rebuild_jam();
}

void LiveMidi::set_model(std::shared_ptr<const ModelWeights> weights) {
  if (answer_pinned_) return;
  adopt_answer(weights ? sampler_answer(std::move(weights)) : AnswerFunction{});
}

void LiveMidi::set_answer_function(AnswerFunction answer) {
  answer_pinned_ = true;
  adopt_answer(std::move(answer));
}

void LiveMidi::adopt_answer(AnswerFunction answer) {
  auto shared = std::make_shared<AnswerFunction>(std::move(answer));
  std::lock_guard lock(answer_slot_->mutex);
  answer_slot_->answer.swap(shared);  // the old one is freed after the lock, by its last user
}

void LiveMidi::set_jam_enabled(bool enabled) {
  if (enabled == jam_enabled()) return;
  if (enabled) {
    rebuild_jam();
  } else {
    thru_.remove_listener(jam_.get());
    jam_.reset();
  }
}

void LiveMidi::rebuild_jam() {
  if (jam_) {
    thru_.remove_listener(jam_.get());  // after this the MIDI thread never calls it
    jam_.reset();                       // joins the jam thread and stops its answer
  }
  JamOptions options;
  options.qpm = qpm_;
  options.answer_program = program_;
  // The jam thread calls the answer function of the moment; a model may arrive after the jam starts.
  AnswerFunction answer = [slot = answer_slot_](const std::vector<int>& phrase, int steps,
                                                const std::atomic<bool>& cancel) -> Result<std::vector<int>> {
    std::shared_ptr<AnswerFunction> current;
    {
      std::lock_guard lock(slot->mutex);
      current = slot->answer;
    }
    if (!current || !*current) return Error{"the model is still loading"};
    return (*current)(phrase, steps, cancel);
  };
  jam_ = std::make_unique<JamSession>(options, std::move(answer), answer_player_, clock_);
  jam_->set_exchange_handler([slot = exchange_slot_](const JamExchange& exchange) {
    std::lock_guard lock(slot->mutex);
    slot->exchange = exchange;
  });
  jam_->start();
  thru_.add_listener(jam_.get());
}

bool LiveMidi::start_recording() {
  if (recorder_.recording()) return false;
  recorder_.start(qpm_, count_in_);
  if (metronome_) click_player_.play(click_messages(metronome_clicks(qpm_, kClickBars, count_in_)));
  return true;
}

LiveMidi::RecordedLine LiveMidi::stop_recording() {
  if (!recorder_.recording()) return {};
  click_player_.stop();
  RecordedTake take = recorder_.stop();
  const bool played =
      std::any_of(take.primer.events.begin(), take.primer.events.end(), [](int e) { return e >= 0; });
  if (!played) return {};
  return {std::move(take.primer.events), std::move(take.velocities)};
}

}  // namespace musa
