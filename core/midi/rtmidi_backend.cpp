#include "core/midi/rtmidi_backend.h"

#include <jack/jack.h>
#include <rtmidi/RtMidi.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <regex>
#include <system_error>
#include <thread>
#include <utility>

#include "core/playback/jack_client.h"

namespace musa {
namespace {

bool api_compiled(RtMidi::Api api) {
  std::vector<RtMidi::Api> apis;
  RtMidi::getCompiledApi(apis);
  return std::find(apis.begin(), apis.end(), api) != apis.end();
}

/** Keeps the last RtMidi error instead of printing it (warnings) or throwing (errors). */
void keep_error(RtMidiError::Type, const std::string& text, void* user) {
  *static_cast<std::string*>(user) = text;
}

/** A port as listed: the name people see and RtMidi's index for it now. */
struct ListedPort {
  std::string name;
  unsigned index = 0;
};

// ALSA names end in " client:port" (e.g. "Midi Through:Midi Through Port-0 14:0");
// the numbers are assigned when a device appears, so they are not part of the name.
std::string stable_name(const std::string& raw) {
  static const std::regex alsa_address(R"( \d+:\d+$)");
  return std::regex_replace(raw, alsa_address, "");
}

}  // namespace

bool alsa_sequencer_present() {
  std::error_code error;
  return std::filesystem::exists("/dev/snd/seq", error);
}

bool jack_server_running() {
  quiet_jack_log();
  jack_status_t status{};
  jack_client_t* client = jack_client_open("musa-probe", JackNoStartServer, &status);
  if (!client) return false;
  jack_client_close(client);
  return true;
}

/** The RtMidi objects of one MIDI system plus what is open. */
struct RtMidiBackend::Impl {
  struct Input {
    MidiInputHandler handler;
    std::string error;
    std::unique_ptr<RtMidiIn> midi;  // destroyed first: it stops the callbacks
  };

  std::string client_name;
  MidiSystem wanted;
  RtMidi::Api api = RtMidi::UNSPECIFIED;
  std::string status = no_midi::kNoAlsaNoJack;
  std::string lister_error;
  std::unique_ptr<RtMidiIn> in_lister;    // lists sources: keyboards
  std::unique_ptr<RtMidiOut> out_lister;  // lists destinations: synths
  std::unique_ptr<Input> input;
  // One output object for the system's whole life, its port opened and
  // closed: RtMidi 5's ~MidiOutJack frees its ring buffer while its client's
  // process thread may still read it (a crash within a few hundred opens
  // when each open made a new RtMidiOut).
  std::unique_ptr<RtMidiOut> output;
  std::mutex send_mutex;  // output_open, output_error: send() against open/close
  bool output_open = false;
  std::string output_error;
  // A port-less JACK client that hears the server go away (RtMidi registers
  // no shutdown callback, and its clients would go on listing stale ports)
  // and counts process cycles (closing an output waits for them).
  jack_client_t* monitor = nullptr;
  std::atomic<bool> jack_gone{false};
  std::atomic<std::uint64_t> cycles{0};

  ~Impl() {
    if (jack_gone) abandon_system();
    drop_system();
  }
  void drop_system();
  /**
   * After the JACK server died its clients must never be closed: the next
   * jack_client_open anywhere in the process (this one's, the synth's)
   * deletes every dead client itself (jack2's JackLibGlobals), and closing
   * one after that is a use after free. So the RtMidi objects of a dead
   * server are let go of, not destroyed: a few hundred bytes per server death.
   */
  void abandon_system();
  bool watch_jack();
  void wait_for_cycles(std::uint64_t count) const;
  void close_output();

  void probe();
  bool try_api(RtMidi::Api chosen);
  bool own_port(const std::string& name) const;
  std::vector<ListedPort> listed(RtMidi& midi) const;
  template <class Midi>
  std::unique_ptr<Midi> make(std::string& error) const;
};

bool RtMidiBackend::Impl::own_port(const std::string& name) const {
  // JACK renames a second client "Musa" to "Musa-01", "Musa-02", …
  static const std::regex suffix(R"(^(-\d+)?:.*)");
  return name.starts_with(client_name) && std::regex_match(name.substr(client_name.size()), suffix);
}

std::vector<ListedPort> RtMidiBackend::Impl::listed(RtMidi& midi) const {
  std::vector<ListedPort> ports;
  const unsigned count = midi.getPortCount();
  for (unsigned i = 0; i < count; ++i) {
    const std::string name = stable_name(midi.getPortName(i));
    if (name.empty() || own_port(name)) continue;
    // Two identical keyboards: the second is "name #2", in the system's order.
    const auto twins = std::count_if(ports.begin(), ports.end(), [&](const ListedPort& p) {
      return p.name == name || p.name.starts_with(name + " #");
    });
    ports.push_back({twins ? name + " #" + std::to_string(twins + 1) : name, i});
  }
  return ports;
}

template <class Midi>
std::unique_ptr<Midi> RtMidiBackend::Impl::make(std::string& error) const {
  try {
    auto midi = std::make_unique<Midi>(api, client_name);
    midi->setErrorCallback(keep_error, &error);
    return midi;
  } catch (const RtMidiError& e) {
    error = e.getMessage();
    return nullptr;
  }
}

bool RtMidiBackend::Impl::watch_jack() {
  monitor = open_shutdown_watch(client_name + "-monitor", jack_gone);
  if (!monitor) return false;
  jack_set_process_callback(
      monitor,
      [](jack_nframes_t, void* cycles) {
        static_cast<std::atomic<std::uint64_t>*>(cycles)->fetch_add(1, std::memory_order_relaxed);
        return 0;
      },
      &cycles);
  jack_activate(monitor);
  return true;
}

/** Waits until the JACK server has run `count` more process cycles: at most 1 s (a stalled server). */
void RtMidiBackend::Impl::wait_for_cycles(std::uint64_t count) const {
  if (!monitor || api != RtMidi::UNIX_JACK) return;
  const std::uint64_t start = cycles.load();
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (cycles.load() - start < count && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void RtMidiBackend::Impl::close_output() {
  {
    std::lock_guard lock(send_mutex);
    if (!output_open) return;
    output_open = false;
  }
  // Under JACK what was just sent still waits in RtMidi's ring buffer for the
  // next cycle, and RtMidi's own wait for it can end a cycle early: a note-off
  // lost there sticks on the synth, one left there plays on the next port.
  // Three cycles: every client's thread has run a whole cycle since the send.
  wait_for_cycles(3);
  output->closePort();  // waits for a cycle itself: not under the send lock
}

void RtMidiBackend::Impl::abandon_system() {
  if (input) abandon(input->midi.release());
  abandon(input.release());  // its handler may still be named by the dead RtMidiIn
  {
    std::lock_guard lock(send_mutex);
    abandon(output.release());
    output_open = false;
  }
  abandon(in_lister.release());
  abandon(out_lister.release());
  monitor = nullptr;
}

void RtMidiBackend::Impl::drop_system() {
  input.reset();
  if (output) {
    close_output();
    // A cycle that began before the port closed may still be reading the
    // ring buffer that ~MidiOutJack frees.
    wait_for_cycles(3);
    output.reset();
  }
  in_lister.reset();
  out_lister.reset();
  if (monitor) jack_client_close(monitor);
  monitor = nullptr;
  api = RtMidi::UNSPECIFIED;
}

bool RtMidiBackend::Impl::try_api(RtMidi::Api chosen) {
  if (!api_compiled(chosen)) return false;
  api = chosen;
  in_lister = make<RtMidiIn>(lister_error);
  out_lister = make<RtMidiOut>(lister_error);
  if (in_lister && out_lister) return true;
  in_lister.reset();
  out_lister.reset();
  api = RtMidi::UNSPECIFIED;
  return false;
}

void RtMidiBackend::Impl::probe() {
  drop_system();  // a JACK monitor left from a failed attempt
  std::string why = no_midi::kNoAlsaNoJack;
  const bool alsa_ok = wanted != MidiSystem::Jack && alsa_sequencer_present();
  if (alsa_ok && try_api(RtMidi::LINUX_ALSA)) {
    status = "ALSA sequencer";
    return;
  }
  if (alsa_ok) why = "no MIDI: the ALSA sequencer did not open (" + lister_error + ") and no JACK server";
  if (wanted != MidiSystem::Alsa && watch_jack() && try_api(RtMidi::UNIX_JACK)) {
    status = "JACK";
    return;
  }
  if (wanted == MidiSystem::Alsa) why = alsa_ok ? why : no_midi::kNoAlsa;
  if (wanted == MidiSystem::Jack) why = no_midi::kNoJack;
  status = why;
}

RtMidiBackend::RtMidiBackend(std::string client_name, MidiSystem system) : impl_(std::make_unique<Impl>()) {
  impl_->client_name = std::move(client_name);
  impl_->wanted = system;
  impl_->probe();
}

RtMidiBackend::~RtMidiBackend() {
  close_input();
  close_output();
}

bool RtMidiBackend::available() { return impl_->in_lister != nullptr; }

std::string RtMidiBackend::status() { return impl_->status; }

void RtMidiBackend::refresh() {
  if (impl_->jack_gone.exchange(false)) {
    // The server stopped: its ports are gone, and so is what was open on them.
    impl_->abandon_system();
    impl_->probe();
    if (!available()) impl_->status = "no MIDI: the JACK server stopped";
    return;
  }
  if (!available()) impl_->probe();
}

std::vector<std::string> RtMidiBackend::input_ports() {
  std::vector<std::string> names;
  if (!impl_->in_lister || impl_->jack_gone) return names;  // a dead server's clients are never touched
  for (const ListedPort& port : impl_->listed(*impl_->in_lister)) names.push_back(port.name);
  return names;
}

std::vector<std::string> RtMidiBackend::output_ports() {
  std::vector<std::string> names;
  if (!impl_->out_lister || impl_->jack_gone) return names;
  for (const ListedPort& port : impl_->listed(*impl_->out_lister)) names.push_back(port.name);
  return names;
}

namespace {

// RtMidi calls a plain function; `user` is the Input that owns the handler.
template <class Input>
void deliver(double, std::vector<unsigned char>* bytes, void* user) {
  if (bytes && !bytes->empty()) static_cast<Input*>(user)->handler(std::span<const std::uint8_t>(*bytes));
}

std::optional<unsigned> index_of(const std::vector<ListedPort>& ports, const std::string& name) {
  for (const ListedPort& port : ports)
    if (port.name == name) return port.index;
  return std::nullopt;
}

}  // namespace

Status RtMidiBackend::open_input(const std::string& name, MidiInputHandler handler) {
  close_input();
  if (impl_->jack_gone) return Error{"no MIDI: the JACK server stopped"};
  if (!available()) return Error{status()};
  auto input = std::make_unique<Impl::Input>();
  input->handler = std::move(handler);
  input->midi = impl_->make<RtMidiIn>(input->error);
  if (!input->midi) return Error{"MIDI input '" + name + "': " + input->error};
  const auto index = index_of(impl_->listed(*input->midi), name);
  if (!index) return Error{"MIDI input '" + name + "' is not connected"};
  // Sysex, clock and active sensing are of no use to a melody and would wake
  // the callback 24 times a beat.
  input->midi->ignoreTypes(true, true, true);
  input->midi->setCallback(deliver<Impl::Input>, input.get());
  input->error.clear();
  input->midi->openPort(*index, "input");
  if (!input->midi->isPortOpen()) return Error{"MIDI input '" + name + "' did not open: " + input->error};
  impl_->input = std::move(input);
  return {};
}

void RtMidiBackend::close_input() {
  if (impl_->jack_gone) return;  // refresh() lets the dead server's objects go (abandon_system)
  if (impl_->input) impl_->input->midi.reset();  // joins the callback before the handler goes
  impl_->input.reset();
}

Status RtMidiBackend::open_output(const std::string& name) {
  close_output();
  if (impl_->jack_gone) return Error{"no MIDI: the JACK server stopped"};
  if (!available()) return Error{status()};
  Impl& d = *impl_;
  d.output_error.clear();  // no send runs: the output is closed
  if (!d.output) d.output = d.make<RtMidiOut>(d.output_error);
  if (!d.output) return Error{"MIDI output '" + name + "': " + d.output_error};
  const auto index = index_of(d.listed(*d.output), name);
  if (!index) return Error{"MIDI output '" + name + "' is not connected"};
  d.output->openPort(*index, "output");
  if (!d.output->isPortOpen()) return Error{"MIDI output '" + name + "' did not open: " + d.output_error};
  std::lock_guard lock(d.send_mutex);
  d.output_open = true;
  return {};
}

void RtMidiBackend::close_output() {
  if (impl_->jack_gone) return;  // refresh() lets the dead server's objects go (abandon_system)
  impl_->close_output();
}

bool RtMidiBackend::send(std::span<const std::uint8_t> bytes) {
  std::lock_guard lock(impl_->send_mutex);
  if (!impl_->output_open || impl_->jack_gone) return false;
  try {
    impl_->output->sendMessage(bytes.data(), bytes.size());
  } catch (const RtMidiError&) {
    return false;
  }
  return true;
}

}  // namespace musa
