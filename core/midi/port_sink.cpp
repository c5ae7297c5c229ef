#include "core/midi/port_sink.h"

#include "core/midi/midi_ports.h"

namespace musa {

void PortSink::send(const MidiMessage& message) { ports_.send(message); }

}  // namespace musa
