#pragma once
// AudioEngine: the synth, the scheduler that plays takes, and the live
// output, for the UI thread. The soundfont loads and the output opens in a
// background job (a 24 MB .sf3 takes a second or two), so the window appears
// at once. Without an audio device it still loads the synth: takes can be
// rendered to WAV and the scheduler still drives the playhead.

#include <QObject>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

#include "core/audio/synth.h"
#include "core/audio/synth_sink.h"
#include "core/music/note_sequence.h"
#include "core/playback/midi_sink.h"
#include "core/playback/scheduler.h"
#include "ui/app/backgroundjob.h"

class AudioEngine : public QObject {
  Q_OBJECT
 public:
  enum class State { Off, Loading, Ready, NoOutput, NoSoundfont };

  explicit AudioEngine(QObject* parent = nullptr);
  ~AudioEngine() override;

  /** Loads `soundfont` (empty: the shipped one) and, if `open_output`, opens a live driver. */
  void start(const QString& soundfont, bool open_output = true);
  State state() const { return state_; }
  QString driverName() const { return driver_; }
  /** A line for the status bar: "audio: pulseaudio", "audio: none", … */
  QString stateText() const;

  /**
   * Plays `notes` from the start, replacing whatever plays: each instrument
   * (a layered take) on its own channel with its program. `length` seconds
   * is one pass (notes are cut there); `loop` repeats it. While the
   * soundfont still loads the notes wait for it (waitingForSound), so the
   * first Play of a session is heard, not lost.
   */
  void play(const musa::NoteSequence& notes, double length, bool loop);
  void stop();
  bool playing() const { return pending_ || scheduler_.playing(); }
  /** Seconds into the current pass (0 while waiting for the soundfont), or −1 when stopped. */
  double position() const { return pending_ ? 0.0 : scheduler_.position(); }

  /** Sounds one note (a piano key, a touched note) until auditionOff. */
  void auditionOn(int pitch, int program);
  void auditionOff(int pitch);

  bool canRender() const { return synth_ != nullptr; }
  /** The loaded synth as a MIDI sink (nullptr until outputReady/outputUnavailable), for live MIDI. */
  musa::MidiSink* synthSink() const { return synth_sink_.get(); }
  /**
   * Where play() sounds: the synth, and/or `extra` (the MIDI output port).
   * `extra` must outlive this engine or be detached (nullptr) first.
   */
  void setOutputs(bool synth, musa::MidiSink* extra);
  /** Renders to WAV in a background job; renderFinished follows. */
  void renderWav(const musa::NoteSequence& notes, const QString& path, int program);

 signals:
  void outputReady(const QString& driver);
  /** The soundfont loaded but no device opened: everything but listening works. */
  void outputUnavailable(const QString& message);
  void soundfontUnavailable(const QString& message);
  void renderFinished(const QString& path, const QString& error);
  /** play() came while the soundfont loads: it starts once the synth is there. */
  void waitingForSound();

 private:
  struct Loaded {
    std::unique_ptr<musa::Synth> synth;
    QString driver, error;
    bool soundfont_failed = false;
  };
  static Loaded load(const std::string& soundfont, bool open_output);
  void adopt(Loaded loaded);

  static constexpr int kAuditionChannel = 15;

  /** A play() that waits for the soundfont. */
  struct Pending {
    std::vector<musa::TimedMessage> messages;
    double length = 0;
    bool loop = false;
  };

  // Destroyed bottom-up: the jobs (which read the synth) are waited for
  // first, then the scheduler stops, then the sinks and the synth go.
  std::unique_ptr<musa::Synth> synth_;
  std::unique_ptr<musa::SynthSink> synth_sink_;
  bool to_synth_ = true;     ///< play() sounds on the synth once it has loaded
  musa::SinkRoute outputs_;  ///< the synth and/or the MIDI port
  musa::Scheduler scheduler_{outputs_};
  BackgroundJobs jobs_;
  bool loading_ = false;
  State state_ = State::Off;
  QString driver_;
  int audition_program_ = -1;
  std::optional<Pending> pending_;
};
