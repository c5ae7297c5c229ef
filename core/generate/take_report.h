#pragma once
// "Why this take": numbers that tell one take from another, so a musician
// (and the take grid) can sort and filter ten takes without hearing all of
// them. All figures are over the continuation (the primer excluded), except
// the similarity to the primer.

#include <optional>
#include <span>
#include <vector>

#include "core/generate/generation.h"
#include "core/generate/originality.h"

namespace musa {

/** What describes one take. */
struct TakeReport {
  Key key;                      ///< the key it was made in (take_key)
  int notes = 0;                ///< note-ons in the continuation
  int lowest = 0, highest = 0;  ///< MIDI pitches (0 when no note)
  double in_key = 0;            ///< share of the notes whose pitch class is in the key's scale
  double key_correlation = 0;   ///< duration-weighted pitch classes vs the key's profile (Pearson r)
  double notes_per_bar = 0;     ///< rhythmic density
  double repeated_patterns =
      0;                        ///< share of 4-note figures (intervals and rhythm) that repeat an earlier one
  double primer_intervals = 0;  ///< cosine similarity of interval histograms (−12..+12) with the primer, 0..1
  double primer_pitch_classes =
      0;  ///< cosine similarity of duration-weighted pitch classes with the primer, 0..1
  double log_likelihood_per_step = 0;  ///< the sampler's log-probability per generated step (nats, ≤ 0)
  std::optional<OriginalityMatch> originality;  ///< nullopt: originality unknown (no index)

  int range() const { return highest - lowest; }
  /** True when it shares kCopiedBars bars or more with a training melody. */
  bool copies_training_song() const { return originality && originality->bars() >= kCopiedBars; }
};

/** Describes a take; `index` may be null (a model without an originality index). */
TakeReport describe_take(const Take& take, const OriginalityIndex* index = nullptr);

/** What the grid can sort takes by. */
enum class TakeMetric {
  range,
  in_key,
  key_correlation,
  notes_per_bar,
  repeated_patterns,
  primer_intervals,
  primer_pitch_classes,
  log_likelihood_per_step,
  copied_bars,  ///< the longest run shared with a training melody (unknown sorts last)
};

/** The metric's value (copied_bars: −1 when unknown). */
double metric_value(const TakeReport& report, TakeMetric metric);

/** Take indices ordered by a metric (stable: equal takes keep their order). */
std::vector<int> order_takes(std::span<const TakeReport> reports, TakeMetric metric, bool descending);

/** Take indices without the ones that copy training songs (the grid's filter). */
std::vector<int> takes_not_copying(std::span<const TakeReport> reports);

}  // namespace musa
