#pragma once
// Where MIDI messages go: the synth, an output port, a recorder, a jam
// session, or a route that forwards to one or two of them.

#include <atomic>
#include <thread>

#include "core/playback/midi_message.h"

namespace musa {

/**
 * Takes MIDI messages. send() is called on real-time threads (the MIDI
 * callback, a scheduler): it must return quickly, never wait on a lock held
 * across slow work, never call back into whoever sends to it, and never
 * allocate on the hot path.
 */
class MidiSink {
 public:
  virtual ~MidiSink() = default;
  virtual void send(const MidiMessage& message) = 0;
};

/**
 * A sink that forwards to up to two targets (the synth and the MIDI output
 * port), either switchable at run time, so a scheduler or a thru built on it
 * never needs rebuilding. Messages sent while it points nowhere are dropped.
 * send() is lock-free; it counts itself in and out so that a setter returns
 * only once no send() still uses the target it replaced: the caller may then
 * destroy that target. Never call a setter from inside a target's send().
 */
class SinkRoute final : public MidiSink {
 public:
  SinkRoute() = default;
  SinkRoute(const SinkRoute&) = delete;
  SinkRoute& operator=(const SinkRoute&) = delete;

  void set_first(MidiSink* target) { replace(first_, target); }
  void set_second(MidiSink* target) { replace(second_, target); }
  MidiSink* first() const { return first_.load(); }
  MidiSink* second() const { return second_.load(); }

  void send(const MidiMessage& message) override {
    in_flight_.fetch_add(1);
    if (MidiSink* target = first_.load()) target->send(message);
    if (MidiSink* target = second_.load()) target->send(message);
    in_flight_.fetch_sub(1);
  }

 private:
  void replace(std::atomic<MidiSink*>& slot, MidiSink* target) {
    slot.store(target);
    // A send() takes microseconds; yielding beats a lock the senders would wait on.
    while (in_flight_.load() != 0) std::this_thread::yield();
  }

  std::atomic<MidiSink*> first_{nullptr};
  std::atomic<MidiSink*> second_{nullptr};
  std::atomic<int> in_flight_{0};
};

}  // namespace musa
