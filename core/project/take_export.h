#pragma once
// Building the NoteSequence a take export writes: one take per file or a
// track per take, with or without the primer, optionally only bars a–b, at
// the window's tempo. The file dialog lives in ui/; the music is decided here.

#include <string>
#include <vector>

#include "core/music/note_sequence.h"

namespace musa {

/** A take to export: its events, where the primer ends, its number and instrument. */
struct ExportTake {
  std::vector<int> events;  ///< melody events, primer first
  int primer_steps = 0;
  int number = 1;           ///< 1-based, as the take grid shows it
  int program = 0;          ///< General MIDI program
};

/** What to put in the file. */
struct ExportOptions {
  double qpm = 120.0;
  bool include_primer = true;
  int first_bar = 0;  ///< 1-based, inclusive, on the take's timeline (bar 1 = the primer's first bar); 0: from the start
  int last_bar = 0;   ///< 1-based, inclusive; 0: to the end
};

/**
 * One take as a one-track sequence: tempo, 4/4, the track named "Musa take N"
 * with its program. Without the primer the take starts at the bar where its
 * continuation starts; with a bar range it starts at bar `first_bar`.
 */
NoteSequence export_take_sequence(const ExportTake& take, const ExportOptions& options);

/** Several takes as one sequence, take i on instrument (track) i + 1, each with its program. */
NoteSequence export_multitrack_sequence(const std::vector<ExportTake>& takes, const ExportOptions& options);

/** "musa-take-03.mid" for take 3. */
std::string take_file_name(int number, const std::string& extension = ".mid");

}  // namespace musa
