#pragma once
// Synth: a General MIDI synthesizer (FluidSynth) that plays notes live and
// renders a NoteSequence to a WAV file, headless.

#include <memory>
#include <string>

#include "core/util/result.h"

namespace musa {

struct NoteSequence;

/**
 * One FluidSynth instance with one soundfont loaded. Notes sent with
 * note_on()/note_off() sound through the live audio driver once
 * start_audio() has opened one; render_wav() never touches the live
 * instance (it renders on a private one), so a take can be exported while
 * another plays. The note, program and controller calls are thread-safe
 * (FluidSynth's API is) and may come from a MIDI callback; start_audio(),
 * stop_audio() and destruction belong to the owning thread.
 */
class Synth {
 public:
  static constexpr double kReleaseTail = 1.0;     ///< seconds rendered after the last note
  static constexpr int kRenderPeriodFrames = 64;  ///< render block: FluidSynth's smallest
  /**
   * The gain every Synth starts with (live and WAV). FluidSynth's own, 0.2,
   * leaves a piano take peaking near -28 dBFS; measured over 20 takes of the
   * shipped model with the shipped soundfont, 2.8 puts a piano take's peak
   * at -4.2…-6.6 dBFS (RMS near -20). Three layered takes reach full scale:
   * the volume slider is there for that. (The GM set is not level-matched: a
   * sawtooth lead, program 81, is ~20 dB hotter.)
   */
  static constexpr double kDefaultGain = 2.8;
  /** FluidSynth's JACK client name: its ports are "Musa Synth:left" and ":right". */
  static constexpr const char* kJackClientName = "Musa Synth";

  /**
   * Loads `soundfont_path` (.sf2 or .sf3) into a new synth running at
   * `sample_rate` Hz. Fails with a message naming the file when it is missing
   * or is not a SoundFont FluidSynth can load. Loading a 24 MB .sf3 decodes
   * every sample (about 1 s): do it off the UI thread.
   */
  static Result<std::unique_ptr<Synth>> create(const std::string& soundfont_path, double sample_rate = 44100);
  ~Synth();
  Synth(const Synth&) = delete;
  Synth& operator=(const Synth&) = delete;

  const std::string& soundfont_path() const;
  double sample_rate() const;

  /** Starts a note; velocity 0 is a note off, as in MIDI. Out-of-range values are ignored. */
  void note_on(int channel, int pitch, int velocity);
  void note_off(int channel, int pitch);
  /** Selects General MIDI program 0..127 (on the drum channel: the drum kit). */
  void program_change(int channel, int program);
  /** 14-bit pitch wheel, 0..16383; 8192 is centre (no bend). */
  void pitch_bend(int channel, int value);
  void control_change(int channel, int controller, int value);
  /** Output gain, 0..10, for live playback and render_wav(); kDefaultGain at first. */
  void set_gain(double gain);
  double gain() const;
  /**
   * The master volume, 0..1.5 (1 = kDefaultGain), as a gain. Square law, as
   * faders roughly are: half-way is -12 dB.
   */
  static double volume_gain(double volume);
  /** Releases every sounding note on every channel (the panic button). */
  void all_notes_off();

  /**
   * Opens a live audio output with FluidSynth driver `driver_name` ("alsa",
   * "pulseaudio", "jack", …; empty = FluidSynth's default for this system),
   * replacing any driver already open. Fails cleanly, naming the driver,
   * when it cannot be opened (no sound card, no server, unknown name).
   */
  Status start_audio(const std::string& driver_name = "");
  /** Closes the live audio output, if any. */
  void stop_audio();
  bool audio_running() const;
  /** The open driver's name ("jack", "alsa", …), empty when none is open. */
  std::string audio_driver() const;
  /**
   * Whether the next start_audio("jack") connects the synth's ports to the
   * system's playback ports (FluidSynth's audio.jack.autoconnect). On by
   * default: unconnected JACK ports are silence.
   */
  void set_jack_autoconnect(bool on);
  bool jack_autoconnect() const;
  /**
   * Where the sound goes, for a person: "JACK → system:playback_1/2",
   * "JACK (not connected)", "PulseAudio", "ALSA", …; empty when no driver is
   * open. For JACK it asks the server, so it follows connections made by
   * hand in a patchbay.
   */
  std::string output_description() const;
  /**
   * True once the JACK server under the open driver has shut down: the
   * driver then plays into nothing. Safe from any thread; the owner then
   * calls stop_audio() and start_audio() again when a server is back.
   */
  bool audio_lost() const;

  /**
   * Renders `seq` offline to a 16-bit stereo WAV at sample_rate(), with
   * FluidSynth's file renderer, plus kReleaseTail seconds so the last notes
   * ring out. Each (instrument, program) pair gets its own MIDI channel and
   * program; drums play on the drum channel (sequence_messages). `program_override` 0..127 plays
   * every non-drum note with that program instead. Note times are
   * honoured to within half a render block (32 frames, 0.7 ms at 44.1 kHz).
   */
  Status render_wav(const NoteSequence& seq, const std::string& wav_path, int program_override = -1) const;

 private:
  struct Engine;  // FluidSynth settings + synth + soundfont (synth.cpp)
  explicit Synth(std::unique_ptr<Engine> engine);

  std::unique_ptr<Engine> engine_;
};

}  // namespace musa
