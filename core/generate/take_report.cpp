#include "core/generate/take_report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <set>

namespace musa {
namespace {

/** Onsets and pitches of the notes in [from, to). */
struct Notes {
  std::vector<int> onsets, pitches;
};

Notes notes_in(const std::vector<int>& events, int from, int to) {
  Notes n;
  for (int step = std::max(from, 0); step < std::min<int>(to, int(events.size())); ++step)
    if (events[size_t(step)] >= 0) n.onsets.push_back(step), n.pitches.push_back(events[size_t(step)]);
  return n;
}

template <size_t N>
double cosine(const std::array<double, N>& a, const std::array<double, N>& b) {
  const double ab = std::inner_product(a.begin(), a.end(), b.begin(), 0.0);
  const double aa = std::inner_product(a.begin(), a.end(), a.begin(), 0.0);
  const double bb = std::inner_product(b.begin(), b.end(), b.begin(), 0.0);
  return aa > 0 && bb > 0 ? ab / std::sqrt(aa * bb) : 0.0;
}

/** How often each melodic interval (clamped to an octave either way) occurs. */
std::array<double, 25> interval_histogram(const Notes& n) {
  std::array<double, 25> h{};
  for (size_t i = 1; i < n.pitches.size(); ++i)
    h[size_t(std::clamp(n.pitches[i] - n.pitches[i - 1], -12, 12) + 12)] += 1;
  return h;
}

/** Share of 4-note windows whose 3 intervals and 3 onset gaps repeat an earlier window: motifs, in any
 * transposition. */
double repeated_figures(const Notes& n) {
  std::set<std::array<int, 6>> seen;
  int windows = 0, repeats = 0;
  for (size_t i = 0; i + 4 <= n.pitches.size(); ++i) {
    std::array<int, 6> figure{};
    for (size_t j = 0; j < 3; ++j) {
      figure[j] = n.pitches[i + j + 1] - n.pitches[i + j];
      figure[j + 3] = n.onsets[i + j + 1] - n.onsets[i + j];
    }
    repeats += !seen.insert(figure).second;
    ++windows;
  }
  return windows ? double(repeats) / windows : 0.0;
}

}  // namespace

TakeReport describe_take(const Take& take, const OriginalityIndex* index) {
  const std::vector<int>& events = take.melody.events;
  const int split = std::clamp(take.primer_steps, 0, int(events.size()));
  const Notes n = notes_in(events, split, int(events.size()));
  const Notes primer = notes_in(events, 0, split);
  TakeReport r;
  r.key = take_key(take);
  r.notes = int(n.pitches.size());
  if (!n.pitches.empty()) {
    const auto [lo, hi] = std::minmax_element(n.pitches.begin(), n.pitches.end());
    r.lowest = *lo, r.highest = *hi;
    const std::array<bool, 12> scale = scale_of(r.key);
    r.in_key = double(std::count_if(n.pitches.begin(), n.pitches.end(),
                                    [&](int p) { return scale[size_t(p % 12)]; })) /
               double(n.pitches.size());
  }
  // The continuation's own sound: its first steps may still hold the primer's last note.
  const std::span<const int> continuation(events.data() + split, events.size() - size_t(split));
  r.key_correlation = key_correlation(duration_histogram(continuation), r.key);
  const int steps = int(events.size()) - split;
  if (steps > 0) {
    r.notes_per_bar = double(r.notes) * kStepsPerBar / steps;
    r.log_likelihood_per_step = take.log_likelihood / steps;
  }
  r.repeated_patterns = repeated_figures(n);
  r.primer_intervals = cosine(interval_histogram(n), interval_histogram(primer));
  r.primer_pitch_classes = cosine(duration_histogram(continuation),
                                  duration_histogram(std::span<const int>(events.data(), size_t(split))));
  if (index) r.originality = index->longest_match(events, split);
  return r;
}

double metric_value(const TakeReport& r, TakeMetric metric) {
  switch (metric) {
    case TakeMetric::range:
      return r.range();
    case TakeMetric::in_key:
      return r.in_key;
    case TakeMetric::key_correlation:
      return r.key_correlation;
    case TakeMetric::notes_per_bar:
      return r.notes_per_bar;
    case TakeMetric::repeated_patterns:
      return r.repeated_patterns;
    case TakeMetric::primer_intervals:
      return r.primer_intervals;
    case TakeMetric::primer_pitch_classes:
      return r.primer_pitch_classes;
    case TakeMetric::log_likelihood_per_step:
      return r.log_likelihood_per_step;
    case TakeMetric::copied_bars:
      return r.originality ? r.originality->bars() : -1.0;
  }
  return 0.0;
}

std::vector<int> order_takes(std::span<const TakeReport> reports, TakeMetric metric, bool descending) {
  std::vector<int> order(reports.size());
  std::iota(order.begin(), order.end(), 0);
  const bool unknown_last = metric == TakeMetric::copied_bars;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const double va = metric_value(reports[size_t(a)], metric), vb = metric_value(reports[size_t(b)], metric);
    if (unknown_last && (va < 0) != (vb < 0)) return vb < 0;
    return descending ? va > vb : va < vb;
  });
  return order;
}

std::vector<int> takes_not_copying(std::span<const TakeReport> reports) {
  std::vector<int> kept;
  for (size_t i = 0; i < reports.size(); ++i)
    if (!reports[i].copies_training_song()) kept.push_back(int(i));
  return kept;
}

}  // namespace musa
