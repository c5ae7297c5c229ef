#include "core/audio/synth.h"

#include <fluidsynth.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <system_error>
#include <utility>
#include <vector>

#include "core/music/note_sequence.h"
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

double end_time(const NoteSequence& seq) {
  double end = seq.total_time;
  for (const Note& note : seq.notes) end = std::max(end, note.end);
  return end;
}

}  // namespace

/** One FluidSynth instance; members are destroyed driver, synth, settings. */
struct Synth::Engine {
  std::string soundfont_path;
  double sample_rate = 44100;
  std::string default_driver;  ///< FluidSynth's audio.driver before we set it
  FluidPtr<fluid_settings_t> settings;
  FluidPtr<fluid_synth_t> synth;
  FluidPtr<fluid_audio_driver_t> driver;

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
void Synth::all_notes_off() { fluid_synth_all_notes_off(engine_->synth.get(), -1); }

Status Synth::start_audio(const std::string& driver_name) {
  stop_audio();
  fluid_settings_t* settings = engine_->settings.get();
  // The default is whichever driver FluidSynth picked for this system when
  // the settings were made (alsa on Debian); an empty name would match none.
  const std::string name = driver_name.empty() ? engine_->default_driver : driver_name;
  fluid_settings_setstr(settings, "audio.driver", name.c_str());
  engine_->driver.reset(new_fluid_audio_driver(settings, engine_->synth.get()));
  if (!engine_->driver) {
    return Error{"no live audio: FluidSynth's \"" + name +
                 "\" audio driver could not be opened (no sound device or server?)"};
  }
  return {};
}

void Synth::stop_audio() { engine_->driver.reset(); }
bool Synth::audio_running() const { return engine_->driver != nullptr; }

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
  renderer.reset();  // closes the file and completes its header
  if (write_failed) {
    std::error_code ignored;
    std::filesystem::remove(wav_path, ignored);
    return Error{wav_path + ": writing the WAV file failed (disk full?)"};
  }
  return {};
}

}  // namespace musa
