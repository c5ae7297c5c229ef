#pragma once
// Scheduler: the one timed-message player. Takes and the primer auditioned,
// takes sent to an output port, jam answers and metronome clicks all play
// through one, into a MidiSink (the synth, the port, a route to both, or a
// test's recorder).
//
// Timing comes from a private thread that sleeps until each message's
// absolute time (steady_clock), so nothing waits on the UI thread. The
// Synth keeps its fluid_synth_t private, so FluidSynth's own sequencer
// cannot be attached to it; messages sent from this thread land at the
// start of the synth's next audio block, the granularity the sequencer gives.

#include <array>
#include <atomic>
#include <bitset>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "core/playback/midi_message.h"
#include "core/playback/midi_sink.h"

namespace musa {

/**
 * Plays timed messages at their times from a thread it owns. play() and
 * stop() return at once, from any thread, and end every note the previous
 * playback left sounding, so nothing sticks; so does a loop's wrap. The sink
 * is called with the lock held for one message at a time (or the note offs
 * of one stop), never while waiting: when stop() returns no call into the
 * sink is in flight. playing(), position() and first_note_sent() never wait
 * for the sink.
 */
class Scheduler {
 public:
  explicit Scheduler(MidiSink& sink);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  /**
   * Plays `messages` (sorted by time, seconds from now), replacing whatever
   * plays. A pass lasts `length` seconds (messages due later are not sent;
   * ≤ 0: until the last message); `loop` repeats it forever, ending the
   * notes still sounding at each wrap. Program changes at time 0 are sent
   * on the first pass only.
   */
  void play(std::vector<TimedMessage> messages, double length = 0.0, bool loop = false);
  /** Stops and sends a note off for every note still sounding. */
  void stop();
  /** Whether messages are still due (or a loop runs). */
  bool playing() const { return playing_.load(); }
  /** Seconds into the current pass, or −1 when stopped. */
  double position() const;
  /** steady_seconds() when the latest play() sent its first note on; 0 until then. */
  double first_note_sent() const { return first_note_sent_.load(); }

 private:
  using Clock = std::chrono::steady_clock;

  /** The lock for play(), stop() and the destructor: the clock thread hands it over between messages. */
  std::unique_lock<std::mutex> control_lock();
  void run();
  void send_due_locked();
  void end_pass_locked();
  void send_locked(const MidiMessage& message);
  void end_sounding_locked();

  MidiSink& sink_;
  std::mutex mutex_;  // all below but the atomics
  std::condition_variable wake_;
  std::vector<TimedMessage> messages_;
  std::size_t next_ = 0;
  double length_ = 0.0;
  bool loop_ = false;
  long pass_ = 0;
  Clock::time_point start_;
  std::array<std::bitset<128>, 16> sounding_;
  bool quit_ = false;
  std::atomic<int> control_waiting_{0};  ///< callers of control_lock() waiting for the lock

  // Copies for the lock-free readers (the UI's playhead timer).
  std::atomic<bool> playing_{false};
  std::atomic<Clock::rep> start_ticks_{0};
  std::atomic<double> pass_length_{0.0};
  std::atomic<bool> looping_{false};
  std::atomic<double> first_note_sent_{0.0};
  std::thread thread_;  // last: starts after the members it reads exist
};

}  // namespace musa
