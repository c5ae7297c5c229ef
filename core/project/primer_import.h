#pragma once
// Choosing a primer from a MIDI file: every melody Magenta's extractor finds
// with its primer settings, track by track, and the one to propose.

#include <string>
#include <vector>

#include "core/music/note_sequence.h"
#include "core/project/primer.h"

namespace musa {

/** One melody a file offers as a primer. */
struct PrimerCandidate {
  std::vector<int> events;  ///< melody events on the 16th grid
  int start_step = 0;       ///< where the melody starts in its section
  int track = 0;            ///< the instrument (track) it came from
  std::string track_name;
  int program = 0;
  int note_count = 0;
};

/**
 * The melodies of each non-drum track, extracted as Magenta extracts a
 * primer (MelodyExtractorOptions::primer(): no minimum length, the highest
 * of simultaneous notes), at 4 steps per quarter.
 */
std::vector<PrimerCandidate> primer_candidates(const NoteSequence& seq);

/**
 * The candidate to propose: the longest melody on a track whose name says
 * "melody" (or "lead", "vocal", "voice"), else the longest; -1 when none.
 */
int best_primer_candidate(const std::vector<PrimerCandidate>& candidates);

/** The candidate's notes for the piano roll, starting at step 0, ids from 1. */
std::vector<PrimerNote> candidate_notes(const PrimerCandidate& candidate);

}  // namespace musa
