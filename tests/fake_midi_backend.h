#pragma once
// A MidiBackend whose ports a test plugs and unplugs, and what it sent: shared
// by the MIDI core tests and the app's MIDI tests.

#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "core/midi/midi_backend.h"

namespace musa::testing {

using Bytes = std::vector<std::uint8_t>;

/** What a FakeBackend shows and records; the test keeps it after MidiPorts owns the backend. */
struct FakeMidi {
  std::mutex mutex;
  bool available = true;
  std::vector<std::string> inputs, outputs;
  MidiInputHandler handler;
  std::string open_input, open_output;
  std::vector<Bytes> sent;

  /** Plays bytes into the open input, as a keyboard would (on the test's thread). */
  void play(const Bytes& bytes) {
    MidiInputHandler h;
    {
      std::lock_guard lock(mutex);
      h = handler;
    }
    if (h) h(bytes);
  }
  void set_inputs(std::vector<std::string> names) {
    std::lock_guard lock(mutex);
    inputs = std::move(names);
  }
  std::string open_input_name() {
    std::lock_guard lock(mutex);
    return open_input;
  }
  std::vector<Bytes> sent_bytes() {
    std::lock_guard lock(mutex);
    return sent;
  }
};

/** A MidiBackend over a FakeMidi; with `available` false it is "no MIDI". */
class FakeBackend final : public MidiBackend {
 public:
  explicit FakeBackend(std::shared_ptr<FakeMidi> midi) : midi_(std::move(midi)) {}
  bool available() override { return midi_->available; }
  std::string status() override { return midi_->available ? "fake" : "no MIDI: no ALSA sequencer (fake)"; }
  std::vector<std::string> input_ports() override {
    std::lock_guard lock(midi_->mutex);
    return midi_->inputs;
  }
  std::vector<std::string> output_ports() override {
    std::lock_guard lock(midi_->mutex);
    return midi_->outputs;
  }
  Status open_input(const std::string& name, MidiInputHandler handler) override {
    std::lock_guard lock(midi_->mutex);
    midi_->open_input = name;
    midi_->handler = std::move(handler);
    return {};
  }
  void close_input() override {
    std::lock_guard lock(midi_->mutex);
    midi_->open_input.clear();
    midi_->handler = nullptr;
  }
  Status open_output(const std::string& name) override {
    std::lock_guard lock(midi_->mutex);
    midi_->open_output = name;
    return {};
  }
  void close_output() override {
    std::lock_guard lock(midi_->mutex);
    midi_->open_output.clear();
  }
  bool send(std::span<const std::uint8_t> bytes) override {
    std::lock_guard lock(midi_->mutex);
    if (midi_->open_output.empty()) return false;
    midi_->sent.emplace_back(bytes.begin(), bytes.end());
    return true;
  }

 private:
  std::shared_ptr<FakeMidi> midi_;
};

}  // namespace musa::testing
