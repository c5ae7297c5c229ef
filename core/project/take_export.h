#pragma once
// A take as a NoteSequence: for a file (one take per file or a track per
// take, with or without the primer, optionally only bars a–b) and for the
// player, at the window's tempo. Built straight from the take's Melody on
// the step grid. The file dialog lives in ui/; the music is decided here.

#include <string>
#include <vector>

#include "core/generate/generation.h"
#include "core/music/note_sequence.h"

namespace musa {

/** Which part of a take, at which tempo. */
struct TakeSequenceOptions {
  double qpm = 120.0;
  bool include_primer = true;
  int first_bar =
      0;  ///< 1-based, inclusive, on the take's timeline (bar 1 = the primer's first bar); 0: from the start
  int last_bar = 0;  ///< 1-based, inclusive; 0: to the end
};

/** A take as one track of a sequence: its number on the grid (1-based) and its General MIDI program. */
struct TakeTrack {
  const Take* take = nullptr;
  int number = 1;
  int program = 0;
};

/**
 * The steps of the take the options keep, bar 1 of the result at step 0.
 * Without the primer the take starts at the bar where its continuation
 * starts and primer notes are left out; with a bar range it starts at bar
 * `first_bar`, and a note that begins before the range is left out.
 */
Melody take_steps(const Take& take, const TakeSequenceOptions& options);

/**
 * One take as a one-track sequence: tempo, 4/4, the key signature of the key
 * it was made in (take_key; the mode as major/minor), the track (instrument 0)
 * named "Musa take N" with `program`. Without the primer the take starts at
 * the bar where its continuation starts and primer notes are left out; with
 * a bar range it starts at bar `first_bar`, and notes that begin before the
 * range are left out, notes that run past it are cut at its end.
 */
NoteSequence take_sequence(const Take& take, int number, int program, const TakeSequenceOptions& options);

/**
 * Several takes as one sequence, the i-th on instrument (track) i + 1 with
 * its own program: a multi-track file, or layered takes for the player.
 */
NoteSequence take_sequence(const std::vector<TakeTrack>& tracks, const TakeSequenceOptions& options);

/**
 * Takes as a MusicXML score (musicxml_score): one part per take named
 * "Take N" with its program, the steps take_steps keeps, in the first take's
 * key and the options' tempo.
 */
std::string takes_musicxml(const std::vector<TakeTrack>& tracks, const TakeSequenceOptions& options);

/** "musa-take-03.mid" for take 3. */
std::string take_file_name(int number, const std::string& extension = ".mid");

}  // namespace musa
