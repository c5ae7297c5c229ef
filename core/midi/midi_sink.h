#pragma once
// Where live MIDI goes: the synth, an output port, a recorder, a jam session.

#include "core/midi/midi_message.h"

namespace musa {

class Synth;
class MidiPorts;

/**
 * Takes MIDI messages. send() is called on real-time threads (the MIDI
 * callback, the player): it must return quickly, never wait on a lock held
 * across slow work, and never allocate on the hot path.
 */
class MidiSink {
 public:
  virtual ~MidiSink() = default;
  virtual void send(const MidiMessage& message) = 0;
};

/** Plays messages on a Synth (FluidSynth's calls are thread-safe). */
class SynthSink final : public MidiSink {
 public:
  explicit SynthSink(Synth& synth) : synth_(synth) {}
  void send(const MidiMessage& message) override;

 private:
  Synth& synth_;
};

/** Sends messages to the output port open in a MidiPorts (dropped when none is). */
class PortSink final : public MidiSink {
 public:
  explicit PortSink(MidiPorts& ports) : ports_(ports) {}
  void send(const MidiMessage& message) override;

 private:
  MidiPorts& ports_;
};

}  // namespace musa
