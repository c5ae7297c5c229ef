#pragma once
// MidiController: live MIDI for the window (UX.md "Live"). It owns core's
// MidiPorts, Thru, Recorder and JamSession and the schedulers that play jam
// answers, metronome clicks and takes sent to the output port.
//
// Threads (ARCHITECTURE.md): the MIDI callback runs Thru, which plays to the
// synth or the port at once and hands copies to the recorder and the jam
// session, all lock-free; the port poller and the jam thread only bump
// atomics or fill a mutex-guarded slot. A 25 ms timer on the UI thread reads
// those and emits the signals below, so no real-time thread touches a widget.

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/midi/clock.h"
#include "core/midi/jam_session.h"
#include "core/midi/midi_backend.h"
#include "core/midi/midi_scheduler.h"
#include "core/midi/midi_sink.h"
#include "core/midi/recorder.h"
#include "core/midi/sink_output.h"
#include "core/midi/thru.h"

class QThread;

namespace musa {
class MidiPorts;
class Synth;
}  // namespace musa

/** Makes the MIDI backend; the app's makes an RtMidiBackend, tests inject a fake. nullptr: no MIDI. */
using MidiBackendFactory = std::function<std::unique_ptr<musa::MidiBackend>()>;

class MidiController : public QObject {
  Q_OBJECT
 public:
  /** Where the primer and takes play when auditioned: FluidSynth, the MIDI output port, or both. */
  enum class PlayTo { Synth, Port, Both };

  /** An empty `factory` uses RtMidiBackend. `clock` times recording and jams (tests drive it by hand). */
  explicit MidiController(MidiBackendFactory factory = {}, musa::Clock clock = musa::steady_seconds,
                          QObject* parent = nullptr);
  ~MidiController() override;

  /** Whether a MIDI system answered. */
  bool available() const { return available_; }
  /** The status bar's line: "MIDI in: <port>", "MIDI: no input", or the backend's "no MIDI: …". */
  QString statusText() const;
  /** For the message bar when there is no MIDI system: the reason and what still works. */
  QString unavailableMessage() const;

  QStringList inputPorts() const { return inputs_; }
  QStringList outputPorts() const { return outputs_; }
  /** The chosen ports (remembered even while unplugged); empty: none. */
  QString input() const { return input_; }
  QString output() const { return output_; }
  /** Whether the chosen input is open now (false while it is unplugged). */
  bool inputOpen() const;

  bool thruEnabled() const { return thru_enabled_; }
  bool thruToPort() const { return thru_to_port_; }
  bool jamEnabled() const { return jam_ != nullptr; }
  PlayTo playTo() const { return play_to_; }
  bool metronome() const { return metronome_; }
  bool countIn() const { return count_in_; }
  bool recording() const { return recorder_.recording(); }
  musa::JamState jamState() const;

  /** The player output that sends takes to the MIDI output port (program change included). */
  musa::NoteOutput* portOutput() { return &port_output_; }
  /** Messages passed through to the synth or port since start (for tests and diagnostics). */
  quint64 thruDelivered() const { return thru_.delivered(); }

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
  /** The synth once the soundfont has loaded (nullptr: none); it must outlive this or be detached. */
  void setSynth(musa::Synth* synth);
  /** Tempo of recordings and jams, and the General MIDI program jam answers play. */
  void setTempo(double qpm);
  void setProgram(int program);
  /** How the jam answers; it then stays, and models loaded later are ignored (tests inject one this way). */
  void setAnswerFunction(musa::AnswerFunction answer);
  /** Loads a model file for jam answers in a background thread; the app's way. */
  void loadJamModel(const QString& path);

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
  /** The recorded line, 16th-note melody events from the bar of the first note. */
  void primerRecorded(const std::vector<int>& events);
  /** Recording stopped with nothing played. */
  void nothingRecorded();
  void jamStateChanged(musa::JamState state);
  /** Musa answered: the musician's phrase and the answer, both as melody events. */
  void jamAnswered(const std::vector<int>& phrase, const std::vector<int>& answer);

 private:
  void onTimer();
  void refreshPorts();
  void routeThru();
  void rebuildJam();
  void save();
  void adoptAnswer(musa::AnswerFunction answer);

  bool available_ = false;
  QString backend_status_;
  QStringList inputs_, outputs_;
  QString input_, output_;
  bool thru_enabled_ = true;
  bool thru_to_port_ = false;
  PlayTo play_to_ = PlayTo::Synth;
  bool metronome_ = true;
  bool count_in_ = true;
  bool remember_ = false;
  bool answer_pinned_ = false;  ///< setAnswerFunction was called: loaded models do not replace it
  double qpm_ = 120.0;
  int program_ = 0;
  musa::Clock clock_;

  // A member is destroyed after those declared below it: sinks outlive the
  // schedulers playing into them. The destructor closes the input first, so
  // the MIDI callback never runs into a Thru being destroyed.
  std::unique_ptr<musa::MidiPorts> ports_;
  std::unique_ptr<musa::SynthSink> synth_sink_;
  std::unique_ptr<musa::PortSink> port_sink_;
  musa::ForwardingSink port_route_;            ///< the port's sink, once the ports exist
  musa::ForwardingSink answer_route_;          ///< jam answers: the synth or the port, as thru
  musa::ForwardingSink click_route_;           ///< metronome: always the synth
  musa::SinkOutput port_output_{port_route_};  ///< takes to the port
  musa::MidiScheduler answer_player_{answer_route_};
  musa::MidiScheduler click_player_{click_route_};
  musa::Thru thru_;
  musa::Recorder recorder_;

  struct AnswerSlot {
    std::mutex mutex;
    std::shared_ptr<musa::AnswerFunction> answer;
  };
  std::shared_ptr<AnswerSlot> answer_slot_ = std::make_shared<AnswerSlot>();

  // The jam thread leaves the latest exchange here; the timer takes it.
  struct ExchangeSlot {
    std::mutex mutex;
    std::optional<musa::JamExchange> exchange;
  };
  std::shared_ptr<ExchangeSlot> exchange_slot_ = std::make_shared<ExchangeSlot>();
  std::unique_ptr<musa::JamSession> jam_;
  musa::JamState last_jam_state_ = musa::JamState::Waiting;

  QThread* model_loader_ = nullptr;
  std::atomic<int> ports_changed_{0};  ///< bumped by the poller thread
  bool last_input_open_ = false;
  QTimer timer_;
};
