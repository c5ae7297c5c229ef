#pragma once
// LiveMidi: the live-MIDI routing graph (UX.md "Live"), without Qt. It owns
// the ports, Thru, the Recorder, the jam session and the schedulers that play
// jam answers and metronome clicks, and it knows the one safe order in which
// they are re-routed, swapped and torn down.
//
// Threads (ARCHITECTURE.md): the MIDI callback runs Thru, which plays to the
// synth or the port at once and hands copies to the recorder and the jam
// session, all lock-free; the port poller and the jam thread only bump
// atomics or fill a mutex-guarded slot. The owner's thread (the UI) calls
// everything else, and poll() regularly to learn what those threads changed.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/midi/jam_session.h"
#include "core/midi/midi_backend.h"
#include "core/midi/midi_ports.h"
#include "core/midi/port_sink.h"
#include "core/midi/recorder.h"
#include "core/midi/thru.h"
#include "core/playback/clock.h"
#include "core/playback/midi_sink.h"
#include "core/playback/scheduler.h"

namespace musa {

/** What changed since the last LiveMidi::poll(), for the UI to show. */
struct LiveMidiChanges {
  bool ports = false;                   ///< the port lists or the MIDI system's availability changed
  bool input_open = false;              ///< the chosen input opened or closed (plugged in, unplugged)
  std::optional<JamState> jam_state;    ///< the jam's new state, when it changed
  std::optional<JamExchange> exchange;  ///< a new call and response, when Musa answered
};

class LiveMidi {
 public:
  /** Where the primer and takes play when auditioned: the synth, the MIDI output port, or both. */
  enum class PlayTo { Synth, Port, Both };

  /** `backend` nullptr: no MIDI system (everything else still works). `clock` times recordings and jams. */
  explicit LiveMidi(std::unique_ptr<MidiBackend> backend, Clock clock = steady_seconds);
  /** Closes the input first, so the MIDI callback never runs into a part being destroyed. */
  ~LiveMidi();
  LiveMidi(const LiveMidi&) = delete;
  LiveMidi& operator=(const LiveMidi&) = delete;

  /** Starts the hot-plug poller thread (MidiPorts::poll every `period`). */
  void start_polling(std::chrono::milliseconds period = std::chrono::milliseconds(500));
  /** Polls the ports now, on this thread (tests; a "refresh" command). */
  void poll_ports() { ports_->poll(); }
  /** What the poller and jam threads changed since the last call; the UI timer calls it. */
  LiveMidiChanges poll();
  /** Lists the ports now; true when the lists or the availability changed. */
  bool refresh_ports();

  bool available() const { return available_; }
  /** The backend's line as last listed: "JACK", "ALSA sequencer", "no MIDI: …". */
  const std::string& backend_status() const { return backend_status_; }
  const PortList& ports() const { return listed_; }
  /** The chosen ports (remembered even while unplugged); empty: none. */
  const std::string& input() const { return input_; }
  const std::string& output() const { return output_; }
  /** Whether the chosen input is open now (false while it is unplugged). */
  bool input_open() const { return !ports_->open_input_name().empty(); }

  /** Opens input `name` (empty: none); an absent port opens when it appears. */
  void open_input(const std::string& name);
  void open_output(const std::string& name);

  bool thru_enabled() const { return thru_enabled_; }
  void set_thru_enabled(bool enabled);
  bool thru_to_port() const { return thru_to_port_; }
  /** Thru and jam answers to the output port instead of the synth; notes held on the old target end. */
  void set_thru_to_port(bool to_port);
  PlayTo play_to() const { return play_to_; }
  void set_play_to(PlayTo to) { play_to_ = to; }
  bool metronome() const { return metronome_; }
  void set_metronome(bool enabled);
  bool count_in() const { return count_in_; }
  void set_count_in(bool enabled) { count_in_ = enabled; }

  /**
   * The synth's sink (nullptr: none). Callable at any time: the schedulers
   * stop (their notes end on the old synth), every route lets go of it, and
   * only then the new one is used. The old sink must live until this returns;
   * the new one until it is replaced or this LiveMidi is gone.
   */
  void set_synth(MidiSink* synth);
  /** Where takes go when played to the output port (program changes included). */
  MidiSink* port_sink() { return &port_sink_; }

  /** Tempo of recordings and jams, and the General MIDI program jam answers play. */
  void set_tempo(double qpm);
  void set_program(int program);
  /**
   * The weights jam answers are sampled from, shared read-only with the
   * generator (nullptr: none yet). Ignored after set_answer_function().
   */
  void set_model(std::shared_ptr<const ModelWeights> weights);
  /** How the jam answers; it then stays, and models given later are ignored (tests inject one this way). */
  void set_answer_function(AnswerFunction answer);

  bool jam_enabled() const { return jam_ != nullptr; }
  void set_jam_enabled(bool enabled);
  JamState jam_state() const { return jam_ ? jam_->state() : JamState::Waiting; }

  bool recording() const { return recorder_.recording(); }
  /** Starts recording at the tempo, with the count-in and metronome as chosen; false if already recording. */
  bool start_recording();
  /** While recording: what was played so far and where the grid is (the UI timer asks). */
  RecordingProgress recording_progress() { return recorder_.progress(); }
  /** What stop_recording() gives: the line and how hard each note was played. */
  struct RecordedLine {
    std::vector<int> events;  ///< melody events from the bar of the first note; empty when nothing was played
    std::vector<int> velocities;  ///< at each note's onset step, 0 elsewhere
  };
  /** Stops; the primer as played. */
  RecordedLine stop_recording();

  /** Messages passed through to the synth or port since start (for tests and diagnostics). */
  std::uint64_t thru_delivered() const { return thru_.delivered(); }
  /** Keys down now, as far as the input has told (for tests and diagnostics). */
  int held_notes() const { return thru_.held_notes(); }

 private:
  void route_thru();
  void rebuild_jam();
  void adopt_answer(AnswerFunction answer);

  Clock clock_;
  std::string input_, output_;
  bool thru_enabled_ = true;
  bool thru_to_port_ = false;
  PlayTo play_to_ = PlayTo::Synth;
  bool metronome_ = true;
  bool count_in_ = true;
  bool answer_pinned_ = false;  ///< set_answer_function was called: models do not replace it
  double qpm_ = 120.0;
  int program_ = 0;
  MidiSink* synth_ = nullptr;

  // What the last listing found.
  PortList listed_;
  bool available_ = false;
  std::string backend_status_;
  bool last_input_open_ = false;
  JamState last_jam_state_ = JamState::Waiting;

  // A member is destroyed after those declared below it: the ports and the
  // sinks outlive the schedulers playing into them, the schedulers the jam.
  std::unique_ptr<MidiPorts> ports_;
  PortSink port_sink_;
  SinkRoute answer_route_;  ///< jam answers: the synth or the port, as thru
  SinkRoute click_route_;   ///< metronome: always the synth
  Scheduler answer_player_{answer_route_};
  Scheduler click_player_{click_route_};
  Thru thru_;
  Recorder recorder_;

  struct AnswerSlot {
    std::mutex mutex;
    std::shared_ptr<AnswerFunction> answer;
  };
  std::shared_ptr<AnswerSlot> answer_slot_ = std::make_shared<AnswerSlot>();
  // The jam thread leaves the latest exchange here; poll() takes it.
  struct ExchangeSlot {
    std::mutex mutex;
    std::optional<JamExchange> exchange;
  };
  std::shared_ptr<ExchangeSlot> exchange_slot_ = std::make_shared<ExchangeSlot>();
  std::unique_ptr<JamSession> jam_;

  std::atomic<int> ports_changed_{0};  ///< bumped by the poller thread
};

}  // namespace musa
