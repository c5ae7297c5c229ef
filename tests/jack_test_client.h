#pragma once
// A JACK client for tests that stands in for the musician's gear in a real
// JACK graph (see jack_test_server.h): a keyboard, a hardware synth, and ears.

#include <jack/jack.h>
#include <jack/midiport.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "core/midi/spsc_queue.h"

namespace musa::testing {

using namespace std::chrono_literals;

/**
 * A JACK client standing in for a keyboard and a hardware synth: MIDI port
 * "out" sends what send() queues, port "in" keeps what arrives. With an
 * audio input ("audio", the musician's ears) it also times sound: the frame
 * of each message sent and of the first audible frame after listen(). The
 * process callback only touches lock-free queues and atomics.
 */
class JackTestClient {
 public:
  using Message = std::array<std::uint8_t, 3>;
  static constexpr float kAudible = 1e-4f;  ///< −80 dBFS: anything above is sound

  bool open(const char* name, bool with_audio_input = false) {
    client_ = jack_client_open(name, JackNoStartServer, nullptr);
    if (!client_) return false;
    out_ = jack_port_register(client_, "out", JACK_DEFAULT_MIDI_TYPE, JackPortIsOutput, 0);
    in_ = jack_port_register(client_, "in", JACK_DEFAULT_MIDI_TYPE, JackPortIsInput, 0);
    if (with_audio_input)
      audio_ = jack_port_register(client_, "audio", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
    jack_set_process_callback(client_, process, this);
    jack_set_xrun_callback(
        client_, [](void* xruns) { return static_cast<std::atomic<int>*>(xruns)->fetch_add(1), 0; }, &xruns_);
    return out_ && in_ && (audio_ || !with_audio_input) && jack_activate(client_) == 0;
  }
  /** Connects the first audio output port matching `pattern` (a regex, e.g. "^Musa Synth") to "audio". */
  bool hear(const std::string& pattern) {
    const char** ports = jack_get_ports(client_, pattern.c_str(), JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput);
    const bool ok = ports && ports[0] && jack_connect(client_, ports[0], jack_port_name(audio_)) == 0;
    jack_free(ports);
    return ok;
  }
  /** Cycles in a row whose audio stayed below kAudible. */
  int quiet_cycles() const { return quiet_cycles_.load(); }
  /** From now on, the first audible frame is kept (heard()). */
  void listen() {
    heard_.store(kNever);
    listening_.store(true);
  }
  /** Frame time of the first audible frame since listen(), once there was one. */
  std::optional<jack_nframes_t> heard() const {
    const std::int64_t frame = heard_.load();
    return frame == kNever ? std::nullopt : std::optional<jack_nframes_t>(jack_nframes_t(frame));
  }
  /** Frame time of the cycle that sent the last message. */
  jack_nframes_t last_sent_frame() const { return last_sent_frame_.load(); }
  /**
   * Wall-clock times (JACK's microsecond clock, CLOCK_MONOTONIC like
   * std::chrono::steady_clock) at which the callback sent the last message and
   * met the first audible frame since listen(): what a clock-driven part of
   * Musa (the jam's pause) sees. A loaded dummy driver's frames lag the clock.
   */
  double last_sent_ms() const { return double(last_sent_us_.load()) / 1000.0; }
  double heard_ms() const { return double(heard_us_.load()) / 1000.0; }
  /** Sends `message` and, once it has gone, returns the frame time it went at (nullopt: timeout). */
  std::optional<jack_nframes_t> send_timed(Message message, std::chrono::milliseconds timeout = 1000ms) {
    const std::uint64_t before = sent_count_.load();
    if (!send(message)) return std::nullopt;
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (sent_count_.load() == before) {
      if (std::chrono::steady_clock::now() > until) return std::nullopt;
      std::this_thread::sleep_for(100us);
    }
    return last_sent_frame();
  }
  /**
   * A keyboard gone mad (or a DAW replaying a dense CC lane): `rate` messages
   * a second for `seconds`, paced by the clock, every millisecond those due.
   * Mostly the mod wheel, with a short note every tenth message (voices come
   * and go). `tick(sent so far)` runs every millisecond. Returns the count sent.
   */
  std::uint64_t flood(int rate, int seconds, const std::function<void(std::uint64_t)>& tick) {
    const std::uint64_t total = std::uint64_t(rate) * std::uint64_t(seconds);
    const auto start = std::chrono::steady_clock::now();
    std::uint64_t sent = 0;
    while (sent < total) {
      const auto due = std::uint64_t(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() * rate);
      for (; sent < std::min(due, total); ++sent) {
        const auto i = std::uint8_t(sent % 128);
        const Message m = sent % 10 == 0   ? Message{0x90, std::uint8_t(48 + i % 24), 90}
                          : sent % 10 == 5 ? Message{0x80, std::uint8_t(48 + (i - 5) % 24), 0}
                                           : Message{0xB0, 1, i};
        while (!send(m)) std::this_thread::sleep_for(100us);  // full: the next cycle drains it
      }
      tick(sent);
      std::this_thread::sleep_for(1ms);
    }
    return sent;
  }
  jack_nframes_t sample_rate() const { return jack_get_sample_rate(client_); }
  jack_nframes_t period() const { return jack_get_buffer_size(client_); }
  ~JackTestClient() { close(); }
  /** Closing the client is the keyboard being unplugged: both ports vanish. */
  void close() {
    if (client_) jack_client_close(client_);
    client_ = nullptr;
  }
  /**
   * Whether "out" (or "in") is connected to someone, and a few cycles have passed since
   * so the connection is in the graph: a message sent before is lost.
   */
  bool connected(bool in = false) {
    if (jack_port_connected(in ? in_ : out_) == 0) return false;
    std::this_thread::sleep_for(30ms);
    return true;
  }
  /** Queues a message for the next cycles; false when the queue is full. */
  bool send(Message message) { return to_send_.push(message); }
  /** Waits up to `timeout` for a message to arrive on "in". */
  bool receive(Message& message, std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!received_.pop(message)) {
      if (std::chrono::steady_clock::now() > until) return false;
      std::this_thread::sleep_for(1ms);
    }
    return true;
  }

 private:
  static int process(jack_nframes_t frames, void* arg) {
    auto* self = static_cast<JackTestClient*>(arg);
    const jack_nframes_t now = jack_last_frame_time(self->client_);
    const jack_time_t now_us = jack_get_time();
    if (self->audio_)
      self->listen_to(static_cast<const float*>(jack_port_get_buffer(self->audio_, frames)), frames, now,
                      now_us);
    void* out = jack_port_get_buffer(self->out_, frames);
    jack_midi_clear_buffer(out);
    // A cycle's MIDI buffer holds a few dozen events; what does not fit waits for the next cycle.
    std::uint64_t sent = 0;
    if (self->pending_ && jack_midi_event_write(out, 0, self->pending_->data(), 3) == 0)
      self->pending_.reset(), ++sent;
    for (Message m; !self->pending_ && self->to_send_.pop(m);) {
      if (jack_midi_event_write(out, 0, m.data(), m.size()) != 0)
        self->pending_ = m;
      else
        ++sent;
    }
    if (sent > 0) {
      self->last_sent_frame_.store(now);
      self->last_sent_us_.store(now_us);
      self->sent_count_.fetch_add(sent);
    }
    void* in = jack_port_get_buffer(self->in_, frames);
    jack_midi_event_t event;
    for (std::uint32_t i = 0, n = jack_midi_get_event_count(in); i < n; ++i) {
      if (jack_midi_event_get(&event, in, i) != 0 || event.size < 2) continue;
      Message m{};
      std::copy_n(event.buffer, std::min<std::size_t>(event.size, 3), m.begin());
      self->received_.push(m);
    }
    return 0;
  }

  /** This cycle's audio: quiet or not, and the first audible frame when listening. */
  void listen_to(const float* audio, jack_nframes_t frames, jack_nframes_t now, jack_time_t now_us) {
    jack_nframes_t first = frames;
    for (jack_nframes_t i = 0; i < frames && first == frames; ++i)
      if (std::abs(audio[i]) > kAudible) first = i;
    quiet_cycles_.store(first == frames ? quiet_cycles_.load() + 1 : 0);
    if (first < frames && listening_.exchange(false)) {
      heard_us_.store(now_us + jack_time_t(1e6 * first / jack_get_sample_rate(client_)));
      heard_.store(std::int64_t(now) + first);
    }
  }

  static constexpr std::int64_t kNever = -1;
  jack_client_t* client_ = nullptr;
  jack_port_t* out_ = nullptr;
  jack_port_t* in_ = nullptr;
  jack_port_t* audio_ = nullptr;
  SpscQueue<Message, 256> to_send_, received_;
  std::optional<Message> pending_;  // the process callback's own
  std::atomic<int> xruns_{0};
  std::atomic<int> quiet_cycles_{0};
  std::atomic<bool> listening_{false};
  std::atomic<std::int64_t> heard_{kNever};
  std::atomic<jack_nframes_t> last_sent_frame_{0};
  std::atomic<jack_time_t> last_sent_us_{0}, heard_us_{0};
  std::atomic<std::uint64_t> sent_count_{0};

 public:
  /** Cycles the server reported late (a starved machine): MIDI in them may be lost. */
  int xruns() const { return xruns_.load(); }
};

}  // namespace musa::testing
