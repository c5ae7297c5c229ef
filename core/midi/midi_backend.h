#pragma once
// The narrow interface MidiPorts drives: list, open, close, send. The app
// uses RtMidiBackend (rtmidi_backend.h); tests inject their own to play
// messages in and unplug ports at will.

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace musa {

/**
 * Receives one complete MIDI message on the backend's input thread (for JACK
 * that is the real-time process thread): it must not block or allocate.
 */
using MidiInputHandler = std::function<void(std::span<const std::uint8_t>)>;

/** MidiBackend::status() lines of a machine without MIDI, which the window shows in its language. */
namespace no_midi {
inline constexpr const char* kNoAlsaNoJack = "no MIDI: no ALSA sequencer (/dev/snd/seq) and no JACK server";
inline constexpr const char* kNoAlsa = "no MIDI: no ALSA sequencer (/dev/snd/seq)";
inline constexpr const char* kNoJack = "no MIDI: no JACK server";
inline constexpr const char* kNothingOpened = "no MIDI: no MIDI system could be opened";
}  // namespace no_midi

/**
 * A MIDI system: ports by name, one input and one output open at a time.
 * MidiPorts calls everything but send() from one thread at a time; send()
 * may come from any thread at any moment, also while an output is being
 * opened or closed, and must return quickly.
 */
class MidiBackend {
 public:
  virtual ~MidiBackend() = default;

  /** Whether a MIDI system answered; when not, status() says why. */
  virtual bool available() = 0;
  /** One line for a person: "ALSA sequencer", "JACK", or "no MIDI: …". */
  virtual std::string status() = 0;
  /** Looks again for a MIDI system when none answered (a JACK server started later). */
  virtual void refresh() {}

  /** Ports Musa can read from (keyboards), by stable name. */
  virtual std::vector<std::string> input_ports() = 0;
  /** Ports Musa can play to (synths, DAWs), by stable name. */
  virtual std::vector<std::string> output_ports() = 0;

  /** Opens the input named `name`, replacing any open one; `handler` gets its messages. */
  virtual Status open_input(const std::string& name, MidiInputHandler handler) = 0;
  /** Closes the input; after it returns the handler is never called again. */
  virtual void close_input() = 0;
  /** Opens the output named `name`, replacing any open one. */
  virtual Status open_output(const std::string& name) = 0;
  virtual void close_output() = 0;
  /** Sends one message to the open output; false when none is open. */
  virtual bool send(std::span<const std::uint8_t> bytes) = 0;
};

}  // namespace musa
