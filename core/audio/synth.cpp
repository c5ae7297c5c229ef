#include "core/audio/synth.h"

#include <fluidsynth.h>
#include <jack/jack.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#ifdef __GLIBC__
#include <malloc.h>  // malloc_trim
#endif
#include <filesystem>
#include <fstream>
#include <mutex>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "core/music/note_sequence.h"
#include "core/playback/jack_client.h"
#include "core/playback/sequence_messages.h"

namespace musa {
namespace {

struct FluidDeleter {
  void operator()(fluid_settings_t* p) const { delete_fluid_settings(p); }
  void operator()(fluid_synth_t* p) const { delete_fluid_synth(p); }
  void operator()(fluid_audio_driver_t* p) const { delete_fluid_audio_driver(p); }
  void operator()(fluid_file_renderer_t* p) const { delete_fluid_file_renderer(p); }
};
template <class T>
using FluidPtr = std::unique_ptr<T, FluidDeleter>;

void ignore_log(int, const char*, void*) {}

// FluidSynth's logging is process-wide; silence warnings and chatter (missing
// presets, "substituted" drum kits) once so a CLI's output stays clean.
// Errors and panics keep FluidSynth's default handler (stderr).
void quiet_fluid_log() {
  static std::once_flag once;
  std::call_once(once, [] {
    fluid_set_log_function(FLUID_WARN, ignore_log, nullptr);
    fluid_set_log_function(FLUID_INFO, ignore_log, nullptr);
    fluid_set_log_function(FLUID_DBG, ignore_log, nullptr);
  });
}

// SoundFont 2/3 files are RIFF "sfbk"; DLS (which this FluidSynth also loads
// through libinstpatch) is RIFF "DLS ". Checking first keeps other files away
// from libinstpatch, which prints GLib criticals for them.
bool looks_like_soundfont(const std::string& path) {
  char head[12] = {};
  std::ifstream in(path, std::ios::binary);
  if (!in.read(head, sizeof head)) return false;
  const std::string riff(head, 4), form(head + 8, 4);
  return riff == "RIFF" && (form == "sfbk" || form == "DLS ");
}

/** Ports named by a NULL-terminated list from libjack, which the caller frees. */
std::vector<std::string> take_port_names(const char** names) {
  std::vector<std::string> out;
  if (!names) return out;
  for (const char** p = names; *p; ++p) out.emplace_back(*p);
  jack_free(names);
  return out;
}

/** "system:playback_1" and "system:playback_2" read as "system:playback_1/2". */
std::string join_pair(const std::string& left, const std::string& right) {
  if (left == right) return left;
  std::size_t common = 0;
  while (common < left.size() && common < right.size() && left[common] == right[common]) ++common;
  if (common > 0 && left.find(':') < common) return left + "/" + right.substr(common);
  return left + ", " + right;
}

std::string driver_title(const std::string& driver) {
  if (driver == "pulseaudio") return "PulseAudio";
  if (driver == "pipewire") return "PipeWire";
  if (driver == "alsa") return "ALSA";
  if (driver == "sdl2") return "SDL";
  if (driver == "jack") return "JACK";
  return driver;
}

/**
 * Hands the heap's free pages back to the system. A render builds a whole
 * synth (new_fluid_synth and sfload: ~10 MB in ~70,000 allocations) on the
 * calling thread and frees it again; glibc keeps that memory resident in the
 * thread's arena, more or less of it depending on where the last blocks
 * landed. With the heap in use constant, RSS swung by up to 8 MB from one
 * render to the next (musa-bench-soak); trimmed, it stays flat.
 */
void give_back_freed_memory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

double end_time(const NoteSequence& seq) {
  double end = seq.total_time;
  for (const Note& note : seq.notes) end = std::max(end, note.end);
  return end;
}

}  // namespace

/**
 * Musa's own JACK client beside FluidSynth's, with no ports: it learns when
 * the server shuts down (FluidSynth's driver only logs it) and reads the
 * synth's connections for the status line.
 */
struct JackWatch {
  jack_client_t* client = nullptr;
  std::atomic<bool> lost{false};

  bool open() {
    client = open_shutdown_watch("Musa-audio-monitor", lost);
    return client && jack_activate(client) == 0;
  }
  void close() {
    if (client) jack_client_close(client);
    client = nullptr;
  }
  /** After the server died (see open_shutdown_watch); forgetting leaks nothing libjack keeps. */
  void forget() { client = nullptr; }
  ~JackWatch() { close(); }
  /** The synth's output ports as "client:left", "client:right" now present. */
  std::vector<std::string> synth_left_ports() const {
    const std::string pattern = std::string("^") + Synth::kJackClientName + "[^:]*:left$";
    return take_port_names(
        jack_get_ports(client, pattern.c_str(), JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput));
  }
  std::vector<std::string> connections(const std::string& port) const {
    jack_port_t* p = jack_port_by_name(client, port.c_str());
    return p ? take_port_names(jack_port_get_all_connections(client, p)) : std::vector<std::string>{};
  }
  /**
   * Waits, up to `limit`, until `synth_client`'s ports show the connections
   * FluidSynth's autoconnect made (left and right to the first two physical
   * playback ports). JACK shows other clients a new connection only from its
   * next cycle on: read at once, one side could still look unconnected.
   */
  void wait_for_autoconnect(const std::string& synth_client, std::chrono::milliseconds limit) const {
    const size_t physical = take_port_names(jack_get_ports(client, nullptr, JACK_DEFAULT_AUDIO_TYPE,
                                                           JackPortIsInput | JackPortIsPhysical))
                                .size();
    if (physical == 0) return;  // nothing to connect to
    const auto until = std::chrono::steady_clock::now() + limit;
    while (connections(synth_client + ":left").empty() ||
           (physical > 1 && connections(synth_client + ":right").empty())) {
      if (std::chrono::steady_clock::now() >= until) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
};

/** One FluidSynth instance; members are destroyed watch, driver, synth, settings. */
struct Synth::Engine {
  std::string soundfont_path;
  double sample_rate = 44100;
  std::string default_driver;  ///< FluidSynth's audio.driver before we set it
  FluidPtr<fluid_settings_t> settings;
  FluidPtr<fluid_synth_t> synth;
  FluidPtr<fluid_audio_driver_t> driver;
  mutable std::mutex driver_mutex;  ///< driver, driver_name, watch, jack_client
  std::string driver_name;
  bool jack_autoconnect = true;
  std::string jack_client;  ///< FluidSynth's client as JACK named it ("Musa Synth", "Musa Synth-01", …)
  JackWatch watch;

  /** Closes the live driver, or only forgets it when its JACK server died (see JackWatch::forget). */
  void drop_driver() {
    if (watch.lost) {
      abandon(driver.release());  // FluidSynth would close its dead JACK client: a small, deliberate leak
      watch.forget();
    }
    driver.reset();
    watch.close();
  }
  ~Engine() { drop_driver(); }

  static Result<std::unique_ptr<Engine>> open(const std::string& path, double sample_rate);
};

Result<std::unique_ptr<Synth::Engine>> Synth::Engine::open(const std::string& path, double sample_rate) {
  quiet_fluid_log();
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return Error{path + ": no such file"};
  if (!looks_like_soundfont(path)) return Error{path + ": not a SoundFont FluidSynth can load"};
  auto engine = std::make_unique<Engine>();
  engine->soundfont_path = path;
  engine->sample_rate = sample_rate;
  engine->settings.reset(new_fluid_settings());
  fluid_settings_t* settings = engine->settings.get();
  if (!settings) return Error{"FluidSynth could not allocate its settings"};
  if (fluid_settings_setnum(settings, "synth.sample-rate", sample_rate) != FLUID_OK) {
    return Error{"sample rate " + std::to_string(sample_rate) + " Hz is outside FluidSynth's range"};
  }
  // mlock()ing ~100 MB of decoded samples fails under the usual 8 MB
  // RLIMIT_MEMLOCK and buys a desktop app little.
  fluid_settings_setint(settings, "synth.lock-memory", 0);
  if (char* driver = nullptr; fluid_settings_dupstr(settings, "audio.driver", &driver) == FLUID_OK) {
    engine->default_driver = driver ? driver : "";
    fluid_free(driver);
  }
  engine->synth.reset(new_fluid_synth(settings));
  if (!engine->synth) return Error{"FluidSynth could not create a synthesizer"};
  fluid_synth_set_gain(engine->synth.get(), static_cast<float>(kDefaultGain));
  if (fluid_synth_sfload(engine->synth.get(), path.c_str(), 1) == FLUID_FAILED) {
    return Error{path + ": not a SoundFont FluidSynth can load"};
  }
  return engine;
}

Result<std::unique_ptr<Synth>> Synth::create(const std::string& soundfont_path, double sample_rate) {
  auto engine = Engine::open(soundfont_path, sample_rate);
  if (!engine) return Error{engine.error()};
  return std::unique_ptr<Synth>(new Synth(std::move(engine.value())));
}

Synth::Synth(std::unique_ptr<Engine> engine) : engine_(std::move(engine)) {}
Synth::~Synth() = default;

const std::string& Synth::soundfont_path() const { return engine_->soundfont_path; }
double Synth::sample_rate() const { return engine_->sample_rate; }

void Synth::note_on(int channel, int pitch, int velocity) {
  fluid_synth_noteon(engine_->synth.get(), channel, pitch, velocity);
}
void Synth::note_off(int channel, int pitch) { fluid_synth_noteoff(engine_->synth.get(), channel, pitch); }
void Synth::program_change(int channel, int program) {
  fluid_synth_program_change(engine_->synth.get(), channel, program);
}
void Synth::pitch_bend(int channel, int value) {
  fluid_synth_pitch_bend(engine_->synth.get(), channel, value);
}
void Synth::control_change(int channel, int controller, int value) {
  fluid_synth_cc(engine_->synth.get(), channel, controller, value);
}
void Synth::set_gain(double gain) {
  fluid_synth_set_gain(engine_->synth.get(), static_cast<float>(std::clamp(gain, 0.0, 10.0)));
}
double Synth::gain() const { return fluid_synth_get_gain(engine_->synth.get()); }
double Synth::volume_gain(double volume) {
  const double v = std::clamp(volume, 0.0, 1.5);
  return kDefaultGain * v * v;
}
void Synth::all_notes_off() { fluid_synth_all_notes_off(engine_->synth.get(), -1); }

Status Synth::start_audio(const std::string& driver_name) {
  stop_audio();
  std::lock_guard lock(engine_->driver_mutex);
  fluid_settings_t* settings = engine_->settings.get();
  // The default is whichever driver FluidSynth picked for this system when
  // the settings were made (alsa on Debian); an empty name would match none.
  const std::string name = driver_name.empty() ? engine_->default_driver : driver_name;
  const bool jack = name == "jack";
  std::vector<std::string> before;
  if (jack) {
    // Asked first, without ever starting a server; FluidSynth would log its
    // own failure to stderr.
    if (!engine_->watch.open()) {
      engine_->watch.close();
      return Error{"no live audio: no JACK server is running"};
    }
    before = engine_->watch.synth_left_ports();
    fluid_settings_setstr(settings, "audio.jack.id", kJackClientName);
    fluid_settings_setint(settings, "audio.jack.autoconnect", engine_->jack_autoconnect ? 1 : 0);
  }
  fluid_settings_setstr(settings, "audio.driver", name.c_str());
  engine_->driver.reset(new_fluid_audio_driver(settings, engine_->synth.get()));
  if (!engine_->driver) {
    engine_->watch.close();
    return Error{"no live audio: FluidSynth's \"" + name +
                 "\" audio driver could not be opened (no sound device or server?)"};
  }
  engine_->driver_name = name;
  if (jack) {
    // Ours is the "Musa Synth…" client that was not there before (another
    // Musa may run beside this one).
    for (const std::string& port : engine_->watch.synth_left_ports())
      if (std::find(before.begin(), before.end(), port) == before.end())
        engine_->jack_client = port.substr(0, port.rfind(':'));
    // So that whatever looks next (the status line, a patchbay) sees the sound routed.
    if (engine_->jack_autoconnect && !engine_->jack_client.empty())
      engine_->watch.wait_for_autoconnect(engine_->jack_client, std::chrono::milliseconds(500));
  }
  return {};
}

void Synth::stop_audio() {
  std::lock_guard lock(engine_->driver_mutex);
  engine_->drop_driver();
  engine_->driver_name.clear();
  engine_->jack_client.clear();
}

bool Synth::audio_running() const {
  std::lock_guard lock(engine_->driver_mutex);
  return engine_->driver != nullptr;
}

std::string Synth::audio_driver() const {
  std::lock_guard lock(engine_->driver_mutex);
  return engine_->driver_name;
}

void Synth::set_jack_autoconnect(bool on) {
  std::lock_guard lock(engine_->driver_mutex);
  engine_->jack_autoconnect = on;
}

bool Synth::jack_autoconnect() const {
  std::lock_guard lock(engine_->driver_mutex);
  return engine_->jack_autoconnect;
}

std::string Synth::output_description() const {
  std::lock_guard lock(engine_->driver_mutex);
  if (!engine_->driver) return {};
  if (engine_->driver_name != "jack") return driver_title(engine_->driver_name);
  if (engine_->watch.lost) return "JACK (the server stopped)";
  const std::string& client =
      engine_->jack_client.empty() ? std::string(kJackClientName) : engine_->jack_client;
  const std::vector<std::string> left = engine_->watch.connections(client + ":left");
  const std::vector<std::string> right = engine_->watch.connections(client + ":right");
  if (left.empty() && right.empty()) return "JACK (not connected: connect " + client + ":left/right)";
  if (left.size() == 1 && right.size() == 1) return "JACK \u2192 " + join_pair(left[0], right[0]);
  std::string all;
  for (const auto* side : {&left, &right})
    for (const std::string& port : *side)
      if (all.find(port) == std::string::npos) all += (all.empty() ? "" : ", ") + port;
  return "JACK \u2192 " + all;
}

bool Synth::audio_lost() const { return engine_->watch.lost.load(); }

Status Synth::render_wav(const NoteSequence& seq, const std::string& wav_path, int program_override) const {
  // A private instance, so live playback is neither heard in the file nor
  // disturbed. Cheap while this Synth lives: FluidSynth's sample cache shares
  // the decoded samples of a soundfont that is already loaded.
  auto engine = Engine::open(engine_->soundfont_path, engine_->sample_rate);
  if (!engine) return Error{engine.error()};
  fluid_settings_t* settings = engine.value()->settings.get();
  fluid_synth_t* synth = engine.value()->synth.get();
  fluid_settings_setstr(settings, "audio.file.name", wav_path.c_str());
  fluid_settings_setstr(settings, "audio.file.type", "wav");
  fluid_settings_setstr(settings, "audio.file.format", "s16");
  // The renderer advances a period at a time; events land on period edges.
  fluid_settings_setint(settings, "audio.period-size", kRenderPeriodFrames);
  fluid_synth_set_gain(synth, fluid_synth_get_gain(engine_->synth.get()));
  FluidPtr<fluid_file_renderer_t> renderer(new_fluid_file_renderer(synth));
  if (!renderer) return Error{wav_path + ": cannot create the WAV file"};

  SequenceOptions options;
  options.program = program_override;
  const auto frame = [rate = engine_->sample_rate](double seconds) { return std::llround(seconds * rate); };
  std::array<std::array<int, 128>, 16> sounding{};  // overlapping same-pitch notes
  std::int64_t rendered = 0;
  bool write_failed = false;
  const auto render_until = [&](std::int64_t frame, std::int64_t slack) {
    while (!write_failed && rendered + slack <= frame) {
      write_failed = fluid_file_renderer_process_block(renderer.get()) != FLUID_OK;
      rendered += kRenderPeriodFrames;
    }
  };
  for (const TimedMessage& timed : sequence_messages(seq, options)) {
    render_until(frame(timed.time), kRenderPeriodFrames / 2);  // nearest period edge
    const MidiMessage& m = timed.message;
    int& count = sounding[m.channel][m.data1];
    if (m.type == MidiType::ProgramChange) {
      fluid_synth_program_change(synth, m.channel, m.data1);
    } else if (m.type == MidiType::NoteOn) {
      ++count;
      fluid_synth_noteon(synth, m.channel, m.data1, m.value);
    } else if (m.type == MidiType::NoteOff && count > 0 && --count == 0) {
      fluid_synth_noteoff(synth, m.channel, m.data1);
    }
  }
  const double end = end_time(seq) + kReleaseTail;
  render_until(std::llround(end * engine_->sample_rate), 1);
  renderer.reset();        // closes the file and completes its header
  engine.value().reset();  // the private synth goes now, so that its memory can go back
  give_back_freed_memory();
  if (write_failed) {
    std::error_code ignored;
    std::filesystem::remove(wav_path, ignored);
    return Error{wav_path + ": writing the WAV file failed (disk full?)"};
  }
  return {};
}

}  // namespace musa
