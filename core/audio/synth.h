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
  /**
   * Master volume, 0..10, for live playback and render_wav(). FluidSynth's
   * default, 0.2, leaves headroom for chords and loud leads: a piano melody
   * at velocity 100 peaks near -30 dBFS, a sawtooth lead (program 81) near -10.
   */
  void set_gain(double gain);
  double gain() const;
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
