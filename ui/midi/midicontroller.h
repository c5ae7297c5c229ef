#pragma once
// MidiController: live MIDI for the window (UX.md "Live"), a thin Qt adapter
// over core's musa::LiveMidi, which owns the ports, thru, the recorder, the
// jam session and their schedulers. This class adds what needs Qt: the
// remembered choices (QSettings group "midi"), signals, and a 25 ms timer on
// the UI thread that asks LiveMidi what the MIDI, poller and jam threads
// changed, so no real-time thread touches a widget.

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <memory>
#include <vector>

#include "core/midi/live_midi.h"

/** Makes the MIDI backend; the app's makes an RtMidiBackend, tests inject a fake. nullptr: no MIDI. */
using MidiBackendFactory = std::function<std::unique_ptr<musa::MidiBackend>()>;

class MidiController : public QObject {
  Q_OBJECT
 public:
  /** Where the primer and takes play when auditioned: FluidSynth, the MIDI output port, or both. */
  using PlayTo = musa::LiveMidi::PlayTo;

  /** An empty `factory` uses RtMidiBackend. `clock` times recording and jams (tests drive it by hand). */
  explicit MidiController(MidiBackendFactory factory = {}, musa::Clock clock = musa::steady_seconds,
                          QObject* parent = nullptr);
  ~MidiController() override;

  /** Whether a MIDI system answered. */
  bool available() const { return live_->available(); }
  /** The status bar's line: "MIDI in: <port>", "MIDI: no input", or the backend's "no MIDI: …". */
  QString statusText() const;
  /** For the message bar when there is no MIDI system: the reason and what still works. */
  QString unavailableMessage() const;
  /** The MIDI system ("JACK", "ALSA sequencer") or, when there is none, why — in the window's language. */
  QString backendStatus() const;

  QStringList inputPorts() const;
  QStringList outputPorts() const;
  /** The chosen ports (remembered even while unplugged); empty: none. */
  QString input() const { return QString::fromStdString(live_->input()); }
  QString output() const { return QString::fromStdString(live_->output()); }
  /** Whether the chosen input is open now (false while it is unplugged). */
  bool inputOpen() const { return live_->input_open(); }

  bool thruEnabled() const { return live_->thru_enabled(); }
  bool thruToPort() const { return live_->thru_to_port(); }
  bool jamEnabled() const { return live_->jam_enabled(); }
  PlayTo playTo() const { return live_->play_to(); }
  bool metronome() const { return live_->metronome(); }
  bool countIn() const { return live_->count_in(); }
  bool recording() const { return live_->recording(); }
  musa::JamState jamState() const { return live_->jam_state(); }

  /** The sink that sends takes to the MIDI output port (program changes included). */
  musa::MidiSink* portSink() { return live_->port_sink(); }
  /** Messages passed through to the synth or port since start (for tests and diagnostics). */
  quint64 thruDelivered() const { return live_->thru_delivered(); }

  /** Reads the remembered choices (QSettings group "midi") and opens those ports, even if absent now. */
  void restoreSettings();
  /** From now on every choice is written to QSettings as it is made. */
  void setRemember(bool remember) { remember_ = remember; }

 public slots:
  /** Opens input `name` (empty: none); an absent port opens when it appears. */
  void openInput(const QString& name);
  void openOutput(const QString& name);
  void setThruEnabled(bool enabled);
  /** Thru (and jam answers) to the output port instead of the synth. */
  void setThruToPort(bool to_port);
  void setJamEnabled(bool enabled);
  void setPlayTo(MidiController::PlayTo to);
  void setMetronome(bool enabled);
  void setCountIn(bool enabled);
  /** The synth's sink once the soundfont has loaded (nullptr: none); see LiveMidi::set_synth. */
  void setSynth(musa::MidiSink* synth) { live_->set_synth(synth); }
  /** Tempo of recordings and jams, and the General MIDI program jam answers play. */
  void setTempo(double qpm) { live_->set_tempo(qpm); }
  void setProgram(int program) { live_->set_program(program); }
  /** How the jam answers; it then stays, and models given later are ignored (tests inject one this way). */
  void setAnswerFunction(musa::AnswerFunction answer) { live_->set_answer_function(std::move(answer)); }
  /** The weights jams answer with: the generator's, shared read-only (the app's way). */
  void setModel(std::shared_ptr<const musa::ModelWeights> weights) { live_->set_model(std::move(weights)); }

  /** Starts recording at the tempo, with the count-in and metronome as chosen. */
  void startRecording();
  /** Stops; primerRecorded follows when anything was played. */
  void stopRecording();
  /** Lists the ports now and reports changes (the poller does this every 500 ms). */
  void pollNow();

 signals:
  void portsChanged();
  void statusChanged(const QString& text);
  void settingsChanged();
  void recordingChanged(bool recording);
  /** The recorded line, 16th-note melody events from the bar of the first note, and each note's played
   * velocity at its onset step. */
  void primerRecorded(const std::vector<int>& events, const std::vector<int>& velocities);
  /** Recording stopped with nothing played. */
  void nothingRecorded();
  /**
   * While recording, every timer tick: where the grid is (steps from the
   * take's step 0, < 0 in the count-in) and the line played so far from
   * step 0, a held note ending now.
   */
  void recordingProgressed(double step, const std::vector<int>& line);
  /** The count-in bar is over: what is played now is recorded. */
  void countInEnded();
  void jamStateChanged(musa::JamState state);
  /** Musa answered: the musician's phrase and the answer, both as melody events. */
  void jamAnswered(const std::vector<int>& phrase, const std::vector<int>& answer);

 private:
  void onTimer();
  void refreshPorts();
  void save();

  bool remember_ = false;
  bool counting_in_ = false;  ///< recording started with a count-in that has not ended yet
  std::unique_ptr<musa::LiveMidi> live_;
  QTimer timer_;
};
