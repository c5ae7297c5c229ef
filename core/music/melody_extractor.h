#pragma once
// Finding monophonic melodies in quantized music, following Magenta's
// melody_pipelines.extract_melodies and melodies_lib.Melody.from_quantized_sequence.

#include <limits>
#include <string>
#include <vector>

#include "core/music/melody.h"
#include "core/music/quantizer.h"
#include "core/util/result.h"

namespace musa {

/** Extraction settings; field comments give Magenta's names. */
struct MelodyExtractorOptions {
  int search_start_step = 0;
  int min_bars = 7;                      ///< shorter melodies are dropped
  int max_steps_truncate = 512;          ///< longer ones are cut (MelodyExtractor's max_steps); ≤0: none
  int max_steps_discard = 0;             ///< longer ones are dropped; ≤0: none
  double gap_bars = 1.0;                 ///< this many bars of silence end a melody
  int min_unique_pitches = 5;            ///< distinct pitch classes required
  bool ignore_polyphonic_notes = false;  ///< true: keep the highest of simultaneous notes
  bool pad_end = false;                  ///< pad to a whole bar
  bool filter_drums = true;

  /**
   * attention_rnn's training pipeline (magenta/models/melody_rnn/melody_rnn_pipeline.py
   * get_pipeline): MelodyExtractor(min_bars=7, max_steps=512, min_unique_pitches=5,
   * gap_bars=1.0, ignore_polyphonic_notes=False).
   */
  static MelodyExtractorOptions training() { return {}; }
  /**
   * A primer (melody_rnn_sequence_generator._generate): extract_melodies(min_bars=0,
   * min_unique_pitches=1, gap_bars=inf, ignore_polyphonic_notes=True).
   */
  static MelodyExtractorOptions primer() {
    MelodyExtractorOptions o;
    o.min_bars = 0;
    o.max_steps_truncate = 0;
    o.min_unique_pitches = 1;
    o.gap_bars = std::numeric_limits<double>::infinity();
    o.ignore_polyphonic_notes = true;
    return o;
  }
};

/** Why melodies were dropped (extract_melodies' statistics). */
struct ExtractionStats {
  int polyphonic_tracks_discarded = 0;
  int discarded_too_short = 0;
  int discarded_too_few_pitches = 0;
  int discarded_too_long = 0;
  int truncated = 0;
};

/**
 * Every melody in every instrument of `seq`, in instrument order. Fails only
 * when a bar is not a whole number of steps (NonIntegerStepsPerBarError).
 */
Result<std::vector<Melody>> extract_melodies(const QuantizedSequence& seq,
                                             const MelodyExtractorOptions& options,
                                             ExtractionStats* stats = nullptr);

/**
 * Splits on time changes, quantizes each section at `steps_per_quarter` and
 * extracts; sections that cannot be used are skipped. Each melody's
 * `start_step` is relative to its section.
 */
std::vector<Melody> extract_melodies_from_sequence(const NoteSequence& seq,
                                                   const MelodyExtractorOptions& options,
                                                   int steps_per_quarter = kStepsPerQuarter,
                                                   ExtractionStats* stats = nullptr);

}  // namespace musa
