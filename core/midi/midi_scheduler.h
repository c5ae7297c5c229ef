#pragma once
// MidiScheduler: plays timed MIDI messages on a thread of its own, into a
// sink (the synth, an output port, or a test's recorder). Jam answers and
// takes sent to a hardware synth or a DAW go through it.

#include <array>
#include <atomic>
#include <bitset>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "core/midi/midi_message.h"
#include "core/midi/midi_sink.h"
#include "core/music/note_sequence.h"

namespace musa {

/**
 * The messages that play `seq` on `channel`: a program change first
 * (`program` 0..127, or −1 for the first note's program), then note ons and
 * offs in time order, offs first at the same instant so a repeated pitch
 * strikes again. Drum notes go to channel 10 (9 from 0).
 */
std::vector<TimedMessage> sequence_messages(const NoteSequence& seq, int channel = 0, int program = -1);

/**
 * Sends timed messages at their times from a thread it owns. play() and
 * stop() return at once, from any thread; both end the notes the previous
 * playback left sounding, so nothing sticks. The lock is held only around
 * single sink calls, never while waiting.
 */
class MidiScheduler {
 public:
  explicit MidiScheduler(MidiSink& sink);
  ~MidiScheduler();
  MidiScheduler(const MidiScheduler&) = delete;
  MidiScheduler& operator=(const MidiScheduler&) = delete;

  /** Plays `messages` (sorted by time) from now on, replacing what was playing. */
  void play(std::vector<TimedMessage> messages);
  /** Stops and sends a note off for every note still sounding. */
  void stop();
  /** Whether messages are still due. */
  bool playing() const { return playing_.load(); }
  /** steady_seconds() when the latest play() sent its first note on; 0 until then. */
  double first_note_sent() const { return first_note_sent_.load(); }

 private:
  void run();
  void send_locked(const MidiMessage& message);
  void end_sounding_locked();

  MidiSink& sink_;
  std::mutex mutex_;  // all below but the atomics
  std::condition_variable wake_;
  std::vector<TimedMessage> queue_;
  std::size_t next_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::array<std::bitset<128>, 16> sounding_;
  bool quit_ = false;
  std::atomic<bool> playing_{false};
  std::atomic<double> first_note_sent_{0.0};
  std::thread thread_;  // last: starts after the members it reads exist
};

/**
 * Plays a take to whatever `scheduler` feeds (an output port's PortSink for
 * a hardware synth or a DAW): its program change, then its notes in time.
 */
void play_sequence(MidiScheduler& scheduler, const NoteSequence& seq, int channel = 0, int program = -1);

}  // namespace musa
