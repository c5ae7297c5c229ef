#include "core/midi/thru.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <thread>
#include <vector>

namespace musa {

void Thru::set_sink(MidiSink* sink) {
  MidiSink* old = sink_.exchange(sink);
  wait_idle();  // a handle() that loaded `old` has finished with it
  if (old != sink) release_on(old);
}

bool Thru::add_listener(MidiSink* listener) {
  for (auto& slot : listeners_) {
    MidiSink* empty = nullptr;
    if (slot.compare_exchange_strong(empty, listener)) return true;
  }
  return false;
}

void Thru::remove_listener(MidiSink* listener) {
  for (auto& slot : listeners_) {
    MidiSink* expected = listener;
    slot.compare_exchange_strong(expected, nullptr);
  }
  wait_idle();
}

MidiInputHandler Thru::input_handler() {
  return [this](std::span<const std::uint8_t> bytes) { handle(bytes); };
}

void Thru::handle(std::span<const std::uint8_t> bytes) {
  const auto arrived = std::chrono::steady_clock::now();
  const MidiMessage message = parse_midi(bytes);
  if (message.type == MidiType::Other) return;
  in_flight_.fetch_add(1);
  if (MidiSink* sink = sink_.load()) {
    sink->send(message);
    record_latency(arrived);
    delivered_.fetch_add(1, std::memory_order_relaxed);
  }
  track(message);
  for (auto& slot : listeners_)
    if (MidiSink* listener = slot.load()) listener->send(message);
  in_flight_.fetch_sub(1);
}

void Thru::track(const MidiMessage& m) {
  const auto channel_bit = static_cast<std::uint16_t>(1u << m.channel);
  auto& word = held_[m.channel][m.data1 >> 6];
  const std::uint64_t pitch_bit = std::uint64_t{1} << (m.data1 & 63);
  switch (m.type) {
    case MidiType::NoteOn:
      word.fetch_or(pitch_bit);
      break;
    case MidiType::NoteOff:
      word.fetch_and(~pitch_bit);
      break;
    case MidiType::ControlChange:
      if (m.data1 == kSustainPedal && m.value >= 64) sustained_.fetch_or(channel_bit);
      if (m.data1 == kSustainPedal && m.value < 64)
        sustained_.fetch_and(static_cast<std::uint16_t>(~channel_bit));
      break;
    case MidiType::PitchBend:
      if (m.value != kPitchBendCentre)
        bent_.fetch_or(channel_bit);
      else
        bent_.fetch_and(static_cast<std::uint16_t>(~channel_bit));
      break;
    default:
      break;
  }
}

void Thru::release_held() {
  wait_idle();
  release_on(sink_.load());
}

void Thru::release_on(MidiSink* sink) {
  const std::uint16_t sustained = sustained_.exchange(0), bent = bent_.exchange(0);
  bool any = sustained || bent;
  for (int channel = 0; channel < 16; ++channel) {
    bool channel_used = (sustained | bent) >> channel & 1;
    for (int half = 0; half < 2; ++half) {
      for (std::uint64_t bits = held_[channel][half].exchange(0); bits; bits &= bits - 1) {
        const int pitch = half * 64 + std::countr_zero(bits);
        if (sink) sink->send(MidiMessage::note_off(channel, pitch));
        channel_used = any = true;
      }
    }
    if (!channel_used || !sink) continue;
    if (sustained >> channel & 1) sink->send(MidiMessage::control(channel, kSustainPedal, 0));
    if (bent >> channel & 1) sink->send(MidiMessage::pitch_bend(channel, kPitchBendCentre));
    sink->send(MidiMessage::control(channel, kAllNotesOff, 0));
  }
  if (any) releases_.fetch_add(1);
}

int Thru::held_notes() const {
  int count = 0;
  for (const auto& channel : held_)
    for (const auto& word : channel) count += std::popcount(word.load());
  return count;
}

void Thru::wait_idle() const {
  // handle() takes microseconds; yielding beats a lock the callback would wait on.
  while (in_flight_.load() != 0) std::this_thread::yield();
}

void Thru::record_latency(std::chrono::steady_clock::time_point since) {
  const auto ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - since);
  const std::uint64_t n = latency_count_.load(std::memory_order_relaxed);
  latency_ns_[n % kLatencySamples].store(
      static_cast<std::uint32_t>(std::min<long long>(ns.count(), UINT32_MAX)), std::memory_order_relaxed);
  latency_count_.store(n + 1, std::memory_order_release);  // one writer: the MIDI thread
}

LatencySummary Thru::latency() const {
  const std::uint64_t n =
      std::min<std::uint64_t>(latency_count_.load(std::memory_order_acquire), kLatencySamples);
  std::vector<double> us;
  us.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) us.push_back(latency_ns_[i].load(std::memory_order_relaxed) / 1000.0);
  return summarize_latency(std::move(us));
}

LatencySummary summarize_latency(std::vector<double> us) {
  if (us.empty()) return {};
  std::sort(us.begin(), us.end());
  // Nearest-rank percentile: the smallest value with at least p of the samples at or below it.
  const auto rank = [&us](double p) {
    return us[std::max<std::size_t>(1, std::size_t(std::ceil(p * us.size()))) - 1];
  };
  return {static_cast<int>(us.size()), rank(0.50), rank(0.99), us.back()};
}

LatencySummary measure_thru_latency(MidiSink& sink, int messages, std::chrono::microseconds spacing) {
  Thru thru;
  thru.set_sink(&sink);
  for (int i = 0; i < messages; ++i) {
    const int pitch = 48 + (i / 2) % 25;  // two octaves up from C3, on then off
    const MidiBytes bytes =
        encode_midi(i % 2 == 0 ? MidiMessage::note_on(0, pitch, 96) : MidiMessage::note_off(0, pitch));
    thru.handle(bytes.span());
    std::this_thread::sleep_for(spacing);
  }
  thru.release_held();
  return thru.latency();
}

}  // namespace musa
