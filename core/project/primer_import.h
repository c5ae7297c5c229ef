#pragma once
// Choosing a primer from a MIDI file: every melody Magenta's extractor finds
// with its primer settings, track by track, and the one to propose.

#include <string>
#include <vector>

#include "core/generate/generation.h"  // kMaxPrimerSteps
#include "core/music/note_sequence.h"
#include "core/project/primer.h"

namespace musa {

/** What a melody too long for a primer is offered as: its first bars, what the piano roll shows at first. */
inline constexpr int kOfferedPrimerBars = 8;

/**
 * The most steps of a melody a candidate keeps: 4,096 bars, 16 times the
 * longest primer. A fuzzed file held notes for days on many tracks, and
 * writing out every step took a second and 100 MB.
 */
inline constexpr int kMaxCandidateSteps = 1 << 16;

/** One melody a file offers as a primer. */
struct PrimerCandidate {
  std::vector<int> events;  ///< melody events on the 16th grid, at most kMaxCandidateSteps
  int start_step = 0;       ///< where the melody starts in its section
  int track = 0;            ///< the instrument (track) it came from
  std::string track_name;
  int program = 0;
  int note_count = 0;  ///< note-ons in `events`
};

/** Whether only the candidate's first kMaxCandidateSteps were kept (or it is exactly that long): "at least".
 */
inline bool cut_at_candidate_limit(const PrimerCandidate& candidate) {
  return candidate.events.size() >= static_cast<size_t>(kMaxCandidateSteps);
}

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

/** Whether the candidate is longer than the sampler takes a primer (kMaxPrimerSteps). */
bool too_long_for_primer(const PrimerCandidate& candidate);

/** The candidate's first `bars` bars: a note held over the end is cut there; the note count follows. */
PrimerCandidate first_bars(const PrimerCandidate& candidate, int bars);

/** The candidate's notes for the piano roll, starting at step 0, ids from 1. */
std::vector<PrimerNote> candidate_notes(const PrimerCandidate& candidate);

}  // namespace musa
