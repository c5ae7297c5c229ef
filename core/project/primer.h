#pragma once
// The primer as the piano roll edits it: notes on the 16th-note grid, each
// with a stable id so undo commands can name it. Converting it to the
// melody events the sampler reads, and back, lives here so the editor only
// draws and forwards intent.

#include <vector>

#include "core/music/key.h"
#include "core/music/melody.h"
#include "core/music/note_sequence.h"

namespace musa {

/** A primer note on the 16th grid; `id` is unique within a primer. */
struct PrimerNote {
  int id = 0;
  int pitch = 60;
  int start = 0;   ///< first step
  int length = 4;  ///< steps, ≥ 1
  int velocity = 100;

  int end() const { return start + length; }
  friend bool operator==(const PrimerNote&, const PrimerNote&) = default;
};

/** The notes at `qpm`, one track playing General MIDI `program`. */
NoteSequence primer_to_sequence(const std::vector<PrimerNote>& notes, double qpm, int program = 0);

/**
 * The melody events the sampler reads, straight from the grid: the highest
 * of simultaneous notes (a later note cuts the one it overlaps), starting at
 * the bar of the first note, as Magenta's generator extracts a primer
 * (melody_rnn_sequence_generator: extract_melodies with
 * ignore_polyphonic_notes, gap_bars = inf). Notes with no length, a pitch
 * outside 0..127 or a negative start are left out. Empty when no note is left.
 */
std::vector<int> primer_events(const std::vector<PrimerNote>& notes);

/** The notes of melody events (NOTE_ON … NOTE_OFF/next note), ids from `first_id` on. */
std::vector<PrimerNote> primer_notes_from_events(const std::vector<int>& events, int first_id,
                                                 int start_step = 0);

/** What keeping the primer monophonic does when `incoming` is added. */
struct MonophonicCut {
  std::vector<PrimerNote> shortened;  ///< notes that began earlier, now ending where `incoming` starts
  std::vector<PrimerNote> removed;    ///< notes that began inside `incoming`
  bool empty() const { return shortened.empty() && removed.empty(); }
};

/**
 * The model hears one note at a time, so a new note cuts what it overlaps:
 * an earlier note ends where the new one starts, a note starting under the
 * new one goes.
 */
MonophonicCut monophonic_cut(const std::vector<PrimerNote>& notes, const PrimerNote& incoming);

/** The estimated major key (0 = C … 11 = B) of the primer, as the sampler estimates it. */
int primer_major_key(const std::vector<PrimerNote>& notes);

/** The primer's key as the sampler estimates it for "Auto" (estimate_key: major or minor). */
Key primer_key(const std::vector<PrimerNote>& notes);

/** The first step after the last note (0 when empty). */
int primer_end_step(const std::vector<PrimerNote>& notes);

}  // namespace musa
