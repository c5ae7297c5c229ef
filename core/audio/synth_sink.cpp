#include "core/audio/synth_sink.h"

#include "core/audio/synth.h"

namespace musa {

void SynthSink::send(const MidiMessage& m) {
  switch (m.type) {
    case MidiType::NoteOn:
      synth_.note_on(m.channel, m.data1, m.value);
      break;
    case MidiType::NoteOff:
      synth_.note_off(m.channel, m.data1);
      break;
    case MidiType::ControlChange:
      synth_.control_change(m.channel, m.data1, m.value);
      break;
    case MidiType::PitchBend:
      synth_.pitch_bend(m.channel, m.value);
      break;
    case MidiType::ProgramChange:
      synth_.program_change(m.channel, m.data1);
      break;
    case MidiType::Other:
      break;
  }
}

}  // namespace musa
