#pragma once
// The primer as the piano roll edits it: notes on the 16th-note grid, each
// with a stable id so undo commands can name it. Converting it to the
// melody events the sampler reads, and back, lives here so the editor only
// draws and forwards intent.

#include <span>
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

/**
 * The notes of melody events (NOTE_ON … NOTE_OFF/next note), ids from
 * `first_id` on. `velocities` (a recording's): each note's velocity at its
 * onset step; a step it does not reach or a 0 there: 100.
 */
std::vector<PrimerNote> primer_notes_from_events(const std::vector<int>& events, int first_id,
                                                 int start_step = 0, std::span<const int> velocities = {});

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

/**
 * What pasting `incoming` (several notes) does to a monophonic primer: as
 * monophonic_cut for each pasted note in turn, an earlier note ending where
 * the first pasted note over it starts.
 */
MonophonicCut monophonic_cut(const std::vector<PrimerNote>& notes, const std::vector<PrimerNote>& incoming);

/**
 * Copied notes placed so the earliest starts at step `at`, the others at
 * their distances from it, with fresh ids from `first_id` on (in order).
 */
std::vector<PrimerNote> pasted_notes(const std::vector<PrimerNote>& copied, int at, int first_id);

/**
 * Notes snapped to a coarser grid of `grid` steps (2: 8ths, 4: quarters; 1
 * leaves them, the primer being on 16ths): start and end each to the nearest
 * grid line (half up, as the recorder rounds), at least one grid long; ids
 * and velocities kept. Of notes landing on the same start, the highest stays
 * when `monophonic` (Magenta's rule for simultaneous onsets) and a note then
 * ends where the next begins; otherwise only exact duplicates (same pitch
 * and start) go, the longer staying.
 */
std::vector<PrimerNote> quantize_notes(std::vector<PrimerNote> notes, int grid, bool monophonic);

/** The notes' mean velocity, rounded (100, the default, when there are none). */
int average_velocity(const std::vector<PrimerNote>& notes);

/** The notes with `delta` added to each velocity, kept in 1..127. */
std::vector<PrimerNote> with_velocity_change(std::vector<PrimerNote> notes, int delta);

/** The estimated major key (0 = C … 11 = B) of the primer, as the sampler estimates it. */
int primer_major_key(const std::vector<PrimerNote>& notes);

/** The primer's key as the sampler estimates it for "Auto" (estimate_key: major or minor). */
Key primer_key(const std::vector<PrimerNote>& notes);

/** The first step after the last note (0 when empty). */
int primer_end_step(const std::vector<PrimerNote>& notes);

}  // namespace musa
