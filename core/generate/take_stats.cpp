#include "core/generate/take_stats.h"

#include <algorithm>
#include <array>
#include <set>

namespace musa {

TakeStatistics take_statistics(const std::vector<Take>& takes) {
  TakeStatistics s;
  s.takes = int(takes.size());
  long in_key = 0, windows = 0, repeats = 0, steps = 0, silent = 0, ranged = 0;
  double range_sum = 0;
  for (const Take& take : takes) {
    std::vector<int> pitches;
    bool sounding = false;
    for (size_t i = size_t(take.primer_steps); i < take.melody.events.size(); ++i) {
      const int e = take.melody.events[i];
      if (e >= 0) {
        pitches.push_back(e);
        sounding = true;
      } else if (e == kMelodyNoteOff) {
        sounding = false;
      }
      silent += !sounding;
      ++steps;
    }
    s.notes += int(pitches.size());
    for (int p : pitches) in_key += pitch_class_in_major_key(p % 12, 0);
    std::set<std::array<int, 4>> seen;
    for (size_t i = 0; i + 4 <= pitches.size(); ++i) {
      const std::array<int, 4> w{pitches[i], pitches[i + 1], pitches[i + 2], pitches[i + 3]};
      repeats += !seen.insert(w).second;
      ++windows;
    }
    if (!pitches.empty()) {
      const auto [lo, hi] = std::minmax_element(pitches.begin(), pitches.end());
      range_sum += *hi - *lo;
      ++ranged;
    }
  }
  if (s.notes) s.share_in_c_major = double(in_key) / s.notes;
  if (windows) s.repeated_4_note_patterns = double(repeats) / double(windows);
  if (ranged) s.mean_pitch_range = range_sum / double(ranged);
  if (steps) {
    s.notes_per_bar = double(kStepsPerBar) * s.notes / double(steps);
    s.share_silent_steps = double(silent) / double(steps);
  }
  return s;
}

}  // namespace musa
