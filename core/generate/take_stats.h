#pragma once
// Numbers that describe a set of takes, for the paper's observations about
// temperature (the model card reports them): how tonal, how repetitive, how
// wide.

#include <vector>

#include "core/generate/generation.h"

namespace musa {

/** Statistics over the continuations (primer excluded) of several takes. */
struct TakeStatistics {
  int takes = 0;
  int notes = 0;
  double share_in_c_major = 0;          ///< note-ons whose pitch class is in C major
  double repeated_4_note_patterns = 0;  ///< 4-note pitch windows that repeat an earlier one in the take
  double mean_pitch_range = 0;          ///< semitones between a take's lowest and highest note, averaged
  double notes_per_bar = 0;             ///< kStepsPerBar steps per bar
  double share_silent_steps = 0;        ///< steps inside a rest
};

TakeStatistics take_statistics(const std::vector<Take>& takes);

}  // namespace musa
