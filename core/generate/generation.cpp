#include "core/generate/generation.h"

#include <algorithm>

namespace musa {

std::vector<int> prepare_primer(std::vector<int> events) {
  Melody melody = Melody::from_events(std::move(events));
  int last = -1;
  for (int i = 0; i < melody.size(); ++i)
    if (melody.events[i] != kMelodyNoEvent) last = i;
  if (last < 0) return {kMelodyNoEvent};
  // Where the last note ends: the step after its held run, or just after the NOTE_OFF itself.
  int end = last + 1;
  if (melody.events[last] >= 0)
    while (end < melody.size() && melody.events[end] == kMelodyNoEvent) ++end;
  melody.set_length(end);
  return melody.events;
}

bool ends_with_held_note(const std::vector<int>& events) {
  for (auto it = events.rbegin(); it != events.rend(); ++it)
    if (*it != kMelodyNoEvent) return *it >= 0;
  return false;
}

int continuation_steps(const std::vector<int>& primer, int bars, int steps_per_bar) {
  const int primer_steps = static_cast<int>(prepare_primer(primer).size());
  const bool silent = !std::any_of(primer.begin(), primer.end(), [](int e) { return e != kMelodyNoEvent; });
  // A silent primer is the one fed rest step, the first step of the take's first bar.
  if (silent) return bars * steps_per_bar - primer_steps;
  const int bar_line = (primer_steps + steps_per_bar - 1) / steps_per_bar * steps_per_bar;
  return bar_line - primer_steps + bars * steps_per_bar;
}

Key take_key(const Take& take) { return take.key.value_or(estimate_key(take.melody.events)); }

}  // namespace musa
