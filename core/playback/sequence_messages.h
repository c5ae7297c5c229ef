#pragma once
// The one way a NoteSequence becomes MIDI messages in time: auditioning the
// primer and takes, takes sent to an output port, jam answers and the WAV
// renderer all play what this builds.

#include <vector>

#include "core/music/note_sequence.h"
#include "core/playback/midi_message.h"

namespace musa {

/** How a sequence is laid on the MIDI channels. */
struct SequenceOptions {
  /** The channel of the first (instrument, program) pair; later pairs take the next melodic channels. */
  int first_channel = 0;
  /** 0..127: every melodic note plays this program instead of its own; −1: each note's own. */
  int program = -1;
  /** > 0: notes sounding then are cut there and later ones dropped (a loop's length); ≤ 0: no cap. */
  double end = 0.0;
};

/**
 * The messages that play `seq`, sorted by time. Each (instrument, program)
 * pair, in ascending order, gets the next melodic channel (channels.h) with
 * a program change at time 0, so layered takes and multi-track files keep
 * their instruments; drum notes play on kDrumChannel with the first drum
 * note's program (the kit). At one instant note offs come before note ons,
 * so a repeated pitch strikes again. Notes with a pitch outside 0..127 or
 * no length are skipped; velocities are clamped to 1..127, times before 0
 * to 0.
 */
std::vector<TimedMessage> sequence_messages(const NoteSequence& seq, const SequenceOptions& options = {});

}  // namespace musa
