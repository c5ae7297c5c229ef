#include "core/generate/key_adaptation.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "core/music/melody.h"

namespace musa {
namespace {

int floor_mod(int a, int m) { return ((a % m) + m) % m; }

/** The target degree (semitones above the target tonic, may be 12) of `r` semitones above the source tonic.
 */
int map_degree(int r, std::span<const int> from, std::span<const int> to) {
  if (from.size() == to.size()) {
    size_t below = 0;  // the scale degree at or below r
    for (size_t i = 0; i < from.size(); ++i)
      if (from[i] <= r) below = i;
    return to[below] + (r - from[below]);
  }
  int best = 0;
  for (size_t i = 0; i <= to.size(); ++i) {
    const int t = i < to.size() ? to[i] : 12;  // the tonic an octave up
    if (std::abs(t - r) < std::abs(best - r)) best = t;
  }
  return best;
}

}  // namespace

bool ScaleMapping::identity() const {
  for (int s : shift)
    if (s != 0) return false;
  return true;
}

ScaleMapping scale_mapping(const Key& from, const Key& to) {
  int tonic_step = floor_mod(to.tonic - from.tonic, 12);
  if (tonic_step > 6) tonic_step -= 12;
  ScaleMapping m;
  for (int pc = 0; pc < 12; ++pc) {
    const int r = floor_mod(pc - from.tonic, 12);
    m.shift[size_t(pc)] = map_degree(r, mode_degrees(from.mode), mode_degrees(to.mode)) - r + tonic_step;
  }
  return m;
}

std::vector<int> map_events(std::vector<int> events, const ScaleMapping& mapping, int first) {
  for (size_t i = size_t(std::max(first, 0)); i < events.size(); ++i) {
    int& e = events[i];
    if (e < 0) continue;
    e += mapping.shift[size_t(e % 12)];
    while (e < 0) e += 12;
    while (e > 127) e -= 12;
  }
  return events;
}

std::array<double, 12> pitch_class_offsets(const Key& source, const Key& target, bool stay_in_key,
                                           double bias, const ScaleMapping& to_output) {
  const std::array<bool, 12> source_scale = scale_of(source), target_scale = scale_of(target);
  std::array<double, 12> offsets{};
  for (int pc = 0; pc < 12; ++pc) {
    const int out = floor_mod(pc + to_output.shift[size_t(pc)], 12);
    double& o = offsets[size_t(pc)];
    if (!target_scale[size_t(out)])
      o = stay_in_key ? -std::numeric_limits<double>::infinity() : -bias;
    else if (!source_scale[size_t(out)])
      o = bias;
  }
  return offsets;
}

}  // namespace musa
