#pragma once
// Adapters between the two ways Musa moves notes: the Player's NoteOutput
// (takes and the primer, auditioned) and live MIDI's MidiSink (thru, jam
// answers, an output port). With them one Player drives a hardware synth or a
// DAW exactly as it drives FluidSynth, and a sink can be re-pointed while a
// scheduler holds a reference to it.

#include <atomic>

#include "core/audio/player.h"
#include "core/midi/midi_sink.h"

namespace musa {

/** A NoteOutput that sends MIDI messages to a MidiSink (a PortSink for the output port). */
class SinkOutput final : public NoteOutput {
 public:
  explicit SinkOutput(MidiSink& sink) : sink_(sink) {}
  void note_on(int channel, int pitch, int velocity) override;
  void note_off(int channel, int pitch) override;
  void program_change(int channel, int program) override;

 private:
  MidiSink& sink_;
};

/** A NoteOutput playing to up to two outputs at once (the synth and the MIDI port), either switchable. */
class TeeOutput final : public NoteOutput {
 public:
  /** Either may be nullptr (silent); each must outlive its use: detach it and stop the player first. */
  void set_first(NoteOutput* output) { first_.store(output); }
  void set_second(NoteOutput* output) { second_.store(output); }
  void note_on(int channel, int pitch, int velocity) override;
  void note_off(int channel, int pitch) override;
  void program_change(int channel, int program) override;

 private:
  std::atomic<NoteOutput*> first_{nullptr};
  std::atomic<NoteOutput*> second_{nullptr};
};

/**
 * A MidiSink that forwards to another chosen at run time (the synth once it
 * has loaded, or the output port), so a MidiScheduler built on it never needs
 * rebuilding. Messages arriving while it points nowhere are dropped. A target
 * must outlive its use: stop the schedulers feeding this sink before
 * destroying one.
 */
class ForwardingSink final : public MidiSink {
 public:
  void set_target(MidiSink* target) { target_.store(target); }
  MidiSink* target() const { return target_.load(); }
  void send(const MidiMessage& message) override {
    if (MidiSink* t = target_.load()) t->send(message);
  }

 private:
  std::atomic<MidiSink*> target_{nullptr};
};

}  // namespace musa
