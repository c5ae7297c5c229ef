#pragma once
// A MidiSink that keeps what it was sent, with the time, for the playback and
// MIDI tests; and the check that nothing was left sounding.

#include <algorithm>
#include <array>
#include <bitset>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

#include "core/playback/clock.h"
#include "core/playback/midi_sink.h"

namespace musa::testing {

/** Whether every note on in `sent` was followed by a note off of its channel and pitch. */
inline bool nothing_sounding(const std::vector<MidiMessage>& sent) {
  std::array<std::bitset<128>, 16> sounding;
  for (const MidiMessage& m : sent) {
    if (m.type == MidiType::NoteOn) sounding[m.channel & 15].set(m.data1 & 127);
    if (m.type == MidiType::NoteOff) sounding[m.channel & 15].reset(m.data1 & 127);
  }
  return std::none_of(sounding.begin(), sounding.end(), [](const auto& keys) { return keys.any(); });
}

/** Keeps every message with the time it came: steady seconds, or seconds since start(). */
class RecordingSink final : public MidiSink {
 public:
  /** From now on times count from here. */
  void start() { origin_ = steady_seconds(); }
  void send(const MidiMessage& message) override {
    {
      std::lock_guard lock(mutex_);
      messages_.push_back({steady_seconds() - origin_, message});
    }
    changed_.notify_all();
  }
  std::vector<TimedMessage> messages() const {
    std::lock_guard lock(mutex_);
    return messages_;
  }
  std::vector<MidiMessage> plain() const {
    std::vector<MidiMessage> out;
    for (const TimedMessage& m : messages()) out.push_back(m.message);
    return out;
  }
  /** Waits up to `timeout` for a message matching `wanted`; its time, or −1 when none came. */
  double wait_for(const std::function<bool(const MidiMessage&)>& wanted, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    double at = -1.0;
    changed_.wait_for(lock, timeout, [&] {
      for (const TimedMessage& m : messages_)
        if (wanted(m.message)) return (at = m.time), true;
      return false;
    });
    return at;
  }
  void clear() {
    std::lock_guard lock(mutex_);
    messages_.clear();
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<TimedMessage> messages_;
  double origin_ = 0.0;
};

}  // namespace musa::testing
