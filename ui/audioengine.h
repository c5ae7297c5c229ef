#pragma once
// AudioEngine: the synth, the player and the live output, for the UI
// thread. The soundfont loads and the output opens in a background thread
// (a 24 MB .sf3 takes a second or two), so the window appears at once.
// Without an audio device it still loads the synth: takes can be rendered
// to WAV and the player still drives the playhead.

#include <QObject>
#include <QString>
#include <QThread>
#include <memory>
#include <vector>

#include "core/audio/player.h"
#include "core/audio/synth.h"
#include "core/midi/sink_output.h"

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

  /** Plays `sequence` (each track its own channel and program); `length` seconds is one pass. */
  void play(const musa::NoteSequence& sequence, double length, bool loop);
  void stop();
  bool playing() const { return player_.playing(); }
  /** Seconds into the current pass, or −1 when stopped. */
  double position() const { return player_.position(); }

  /** Sounds one note (a piano key, a touched note) until auditionOff. */
  void auditionOn(int pitch, int program);
  void auditionOff(int pitch);

  bool canRender() const { return synth_ != nullptr; }
  /** The loaded synth (nullptr until outputReady/outputUnavailable), for live MIDI thru. */
  musa::Synth* synth() const { return synth_.get(); }
  /**
   * Where play() sounds: the synth, and/or `extra` (the MIDI output port).
   * `extra` must outlive this engine or be detached (nullptr) first.
   */
  void setOutputs(bool synth, musa::NoteOutput* extra);
  /** Renders to WAV in a background thread; renderFinished follows. */
  void renderWav(const musa::NoteSequence& notes, const QString& path, int program);

 signals:
  void outputReady(const QString& driver);
  /** The soundfont loaded but no device opened: everything but listening works. */
  void outputUnavailable(const QString& message);
  void soundfontUnavailable(const QString& message);
  void renderFinished(const QString& path, const QString& error);

 private:
  struct Loaded {
    std::unique_ptr<musa::Synth> synth;
    QString driver, error;
    bool soundfont_failed = false;
  };
  static Loaded load(const std::string& soundfont, bool open_output);
  void adopt(Loaded loaded);

  static constexpr int kAuditionChannel = 15;

  std::unique_ptr<musa::Synth> synth_;
  musa::SynthOutput output_;
  musa::TeeOutput outputs_;  ///< the synth and/or the MIDI port
  musa::Player player_{outputs_};
  QThread* loader_ = nullptr;
  std::vector<QThread*> renders_;
  State state_ = State::Off;
  QString driver_;
  int audition_program_ = -1;
};
