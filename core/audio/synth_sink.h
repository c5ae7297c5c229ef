#pragma once
// SynthSink: MIDI messages played on a Synth, for schedulers and live thru.

#include "core/playback/midi_sink.h"

namespace musa {

class Synth;

/** Plays messages on a Synth (FluidSynth's calls are thread-safe). The synth must outlive the sink. */
class SynthSink final : public MidiSink {
 public:
  explicit SynthSink(Synth& synth) : synth_(synth) {}
  void send(const MidiMessage& message) override;

 private:
  Synth& synth_;
};

}  // namespace musa
