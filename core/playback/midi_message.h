#pragma once
// The few MIDI channel messages live playing needs: note on/off, control
// change (64 = sustain pedal), pitch bend and program change. RtMidi and
// JACK deliver whole messages (no running status), so parsing is one
// message at a time.

#include <array>
#include <cstdint>
#include <span>

namespace musa {

/** What a MIDI message does; everything Musa does not play is Other. */
enum class MidiType { NoteOn, NoteOff, ControlChange, PitchBend, ProgramChange, Other };

inline constexpr int kSustainPedal = 64;       ///< CC 64, ≥ 64 is down
inline constexpr int kAllNotesOff = 123;       ///< CC 123 (channel mode message)
inline constexpr int kPitchBendCentre = 8192;  ///< 14-bit wheel at rest

/** One channel message. Pitch bend keeps its 14-bit value (0..16383) in `value`. */
struct MidiMessage {
  MidiType type = MidiType::Other;
  int channel = 0;  ///< 0..15
  int data1 = 0;    ///< pitch, controller or program
  int value = 0;    ///< velocity, controller value or pitch-bend value

  static constexpr MidiMessage note_on(int channel, int pitch, int velocity) {
    return {MidiType::NoteOn, channel, pitch, velocity};
  }
  static constexpr MidiMessage note_off(int channel, int pitch) {
    return {MidiType::NoteOff, channel, pitch, 0};
  }
  static constexpr MidiMessage control(int channel, int controller, int value) {
    return {MidiType::ControlChange, channel, controller, value};
  }
  static constexpr MidiMessage pitch_bend(int channel, int value) {
    return {MidiType::PitchBend, channel, 0, value};
  }
  static constexpr MidiMessage program(int channel, int program) {
    return {MidiType::ProgramChange, channel, program, 0};
  }
  friend bool operator==(const MidiMessage&, const MidiMessage&) = default;
};

/**
 * Parses one complete message. A note on with velocity 0 is a note off (the
 * MIDI 1.0 spec allows it and most keyboards send it); anything else that is
 * not one of the five types above, or is truncated, is Other.
 */
constexpr MidiMessage parse_midi(std::span<const std::uint8_t> bytes) {
  if (bytes.empty() || bytes[0] < 0x80 || bytes[0] >= 0xF0) return {};
  const int status = bytes[0] & 0xF0, channel = bytes[0] & 0x0F;
  const std::size_t needed = (status == 0xC0 || status == 0xD0) ? 2 : 3;
  if (bytes.size() < needed) return {};
  const int d1 = bytes[1] & 0x7F, d2 = needed == 3 ? bytes[2] & 0x7F : 0;
  switch (status) {
    case 0x90:
      return d2 > 0 ? MidiMessage::note_on(channel, d1, d2) : MidiMessage::note_off(channel, d1);
    case 0x80:
      return MidiMessage::note_off(channel, d1);
    case 0xB0:
      return MidiMessage::control(channel, d1, d2);
    case 0xE0:
      return MidiMessage::pitch_bend(channel, d1 | d2 << 7);
    case 0xC0:
      return MidiMessage::program(channel, d1);
    default:
      return {};
  }
}

/** A message at a time in seconds (due after playback starts, or stamped when played). */
struct TimedMessage {
  double time = 0.0;
  MidiMessage message;
};

/** A message's bytes; `size` is 0 for Other. */
struct MidiBytes {
  std::array<std::uint8_t, 3> data{};
  std::size_t size = 0;
  std::span<const std::uint8_t> span() const { return {data.data(), size}; }
};

/** Encodes a message (note off as 0x80 with velocity 0); values are masked to 7/14 bits. */
constexpr MidiBytes encode_midi(const MidiMessage& m) {
  const auto byte = [](int v) { return static_cast<std::uint8_t>(v & 0x7F); };
  const auto status = [&m](int kind) { return static_cast<std::uint8_t>(kind | (m.channel & 0x0F)); };
  switch (m.type) {
    case MidiType::NoteOn:
      return {{status(0x90), byte(m.data1), byte(m.value)}, 3};
    case MidiType::NoteOff:
      return {{status(0x80), byte(m.data1), 0}, 3};
    case MidiType::ControlChange:
      return {{status(0xB0), byte(m.data1), byte(m.value)}, 3};
    case MidiType::PitchBend:
      return {{status(0xE0), byte(m.value), byte(m.value >> 7)}, 3};
    case MidiType::ProgramChange:
      return {{status(0xC0), byte(m.data1), 0}, 2};
    case MidiType::Other:
      break;
  }
  return {};
}

}  // namespace musa
