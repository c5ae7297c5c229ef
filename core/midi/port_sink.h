#pragma once
// PortSink: MIDI messages sent to the output port a MidiPorts has open.

#include "core/playback/midi_sink.h"

namespace musa {

class MidiPorts;

/** Sends messages to the output port open in a MidiPorts (dropped when none is). */
class PortSink final : public MidiSink {
 public:
  explicit PortSink(MidiPorts& ports) : ports_(ports) {}
  void send(const MidiMessage& message) override;

 private:
  MidiPorts& ports_;
};

}  // namespace musa
