#pragma once
// Thru: what the musician plays sounds at once. Runs on the MIDI callback
// thread, passes each message straight to a sink (the synth or an output
// port), remembers which notes are down so none can stick, and hands a copy
// to listeners (the recorder, the jam session).

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <span>
#include <vector>

#include "core/midi/midi_backend.h"
#include "core/playback/midi_message.h"
#include "core/playback/midi_sink.h"

namespace musa {

/** Percentiles of the time inside Musa from a message's arrival to its sink call returning. */
struct LatencySummary {
  int count = 0;
  double p50_us = 0.0;
  double p99_us = 0.0;
  double max_us = 0.0;
};

/** Nearest-rank p50 and p99 and the maximum of latencies in microseconds. */
LatencySummary summarize_latency(std::vector<double> us);

/**
 * The live path from a MIDI input to the sound. handle() is real-time safe:
 * no lock, no allocation; it counts itself in and out so that set_sink() and
 * remove_listener() can wait for a call in flight to finish before the old
 * sink is released or the listener goes away. Sinks and listeners must
 * outlive their registration.
 */
class Thru {
 public:
  static constexpr int kMaxListeners = 4;
  static constexpr int kLatencySamples = 4096;  ///< the latest messages measured

  Thru() = default;
  Thru(const Thru&) = delete;
  Thru& operator=(const Thru&) = delete;

  /** Where played notes go (nullptr: nowhere). Notes held on the old sink are released. */
  void set_sink(MidiSink* sink);
  MidiSink* sink() const { return sink_.load(); }
  /** A listener gets every message after the sink; false when all slots are taken. */
  bool add_listener(MidiSink* listener);
  /** Removes a listener; when this returns it is not being called and never will be. */
  void remove_listener(MidiSink* listener);

  /** The MIDI input handler: one complete message from the callback thread. */
  void handle(std::span<const std::uint8_t> bytes);
  /** A handler for MidiPorts::open_input that calls handle(). */
  MidiInputHandler input_handler();

  /**
   * Ends everything Musa let through: a note off for every held note, then
   * sustain pedal up, pitch bend centred and All Notes Off on the channels
   * used. Call it when the input vanishes (PortEvent::OpenInputLost), after
   * the input is closed, so no note is left sounding without a key down.
   */
  void release_held();
  /** How many notes are down now, as far as Thru knows. */
  int held_notes() const;

  /** Messages passed to the sink since construction. */
  std::uint64_t delivered() const { return delivered_.load(); }
  /** How many times release_held() found something to end. */
  std::uint64_t releases() const { return releases_.load(); }
  /** Arrival-to-sink-returned times of the latest messages (up to kLatencySamples). */
  LatencySummary latency() const;

 private:
  void track(const MidiMessage& message);
  void release_on(MidiSink* sink);
  void wait_idle() const;
  void record_latency(std::chrono::steady_clock::time_point since);

  std::atomic<MidiSink*> sink_{nullptr};
  std::array<std::atomic<MidiSink*>, kMaxListeners> listeners_{};
  std::atomic<int> in_flight_{0};
  std::array<std::array<std::atomic<std::uint64_t>, 2>, 16> held_{};  // a bit per channel and pitch
  std::atomic<std::uint16_t> sustained_{0};                           // a bit per channel: pedal down
  std::atomic<std::uint16_t> bent_{0};                                // a bit per channel: wheel off centre
  std::atomic<std::uint64_t> delivered_{0};
  std::atomic<std::uint64_t> releases_{0};
  std::array<std::atomic<std::uint32_t>, kLatencySamples> latency_ns_{};
  std::atomic<std::uint64_t> latency_count_{0};
};

/**
 * Plays `messages` note ons and offs through a fresh Thru into `sink`, as the
 * MIDI callback would, `spacing` apart (a fast player, leaving the audio
 * thread room to render), and returns the latency summary. For the bench and
 * the tests; goal: p99 ≤ 1 ms.
 */
LatencySummary measure_thru_latency(MidiSink& sink, int messages = 2000,
                                    std::chrono::microseconds spacing = std::chrono::microseconds(500));

}  // namespace musa
