#include "core/midi/sink_output.h"

namespace musa {

void SinkOutput::note_on(int channel, int pitch, int velocity) {
  sink_.send(MidiMessage::note_on(channel, pitch, velocity));
}
void SinkOutput::note_off(int channel, int pitch) { sink_.send(MidiMessage::note_off(channel, pitch)); }
void SinkOutput::program_change(int channel, int program) {
  sink_.send(MidiMessage::program(channel, program));
}

void TeeOutput::note_on(int channel, int pitch, int velocity) {
  if (NoteOutput* o = first_.load()) o->note_on(channel, pitch, velocity);
  if (NoteOutput* o = second_.load()) o->note_on(channel, pitch, velocity);
}
void TeeOutput::note_off(int channel, int pitch) {
  if (NoteOutput* o = first_.load()) o->note_off(channel, pitch);
  if (NoteOutput* o = second_.load()) o->note_off(channel, pitch);
}
void TeeOutput::program_change(int channel, int program) {
  if (NoteOutput* o = first_.load()) o->program_change(channel, program);
  if (NoteOutput* o = second_.load()) o->program_change(channel, program);
}

}  // namespace musa
