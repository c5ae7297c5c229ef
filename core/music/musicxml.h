#pragma once
// Monophonic lines on the 16th-note grid as a MusicXML 4.0 score
// (score-partwise): what notation programs open. The notes are written in
// the key (its signature, spelling and accidentals), in 4/4, with ties
// across bar lines and beats, and rests.

#include <span>
#include <string>
#include <vector>

#include "core/music/key.h"
#include "core/util/result.h"

namespace musa {

/** One staff: melody events (one per 16th step, bar 1 at step 0) and a General MIDI program. */
struct ScorePart {
  std::string name;
  std::vector<int> events;
  int program = 0;
};

/** What the whole score shares. */
struct ScoreOptions {
  std::string title = "Musa";
  Key key;
  double qpm = 120.0;
};

/**
 * The parts as a partwise MusicXML 4.0 document, every part padded with
 * rests to the same number of whole bars. Each note is cut at bar lines and
 * into values a reader expects (no value under a beat crosses a beat; values
 * of a beat or more start on a beat) and tied back together; accidentals are
 * printed where the signature and the notes earlier in the bar do not
 * already give the alteration.
 */
std::string musicxml_score(std::span<const ScorePart> parts, const ScoreOptions& options);

/** Writes musicxml_score to `path`; errors name the file. */
Status write_musicxml_file(std::span<const ScorePart> parts, const ScoreOptions& options,
                           const std::string& path);

}  // namespace musa
