#pragma once
// Quantizing a NoteSequence to a step grid relative to tempo, as note_seq's
// sequences_lib.quantize_note_sequence does, and splitting a sequence where
// tempo or time signature change (sequences_lib.split_note_sequence_on_time_changes,
// used by melody_rnn_pipeline's TimeChangeSplitter before quantizing).

#include <vector>

#include "core/music/melody.h"
#include "core/music/note_sequence.h"
#include "core/util/result.h"

namespace musa {

/** A note on the step grid. */
struct QuantizedNote {
  int pitch = 60;
  int velocity = 100;
  int start_step = 0;
  int end_step = 1;  ///< exclusive; always > start_step
  int program = 0;
  int instrument = 0;
  bool is_drum = false;
};

/** Notes on a grid of `steps_per_quarter` steps per quarter note, one tempo and one meter. */
struct QuantizedSequence {
  std::vector<QuantizedNote> notes;
  int steps_per_quarter = kStepsPerQuarter;
  int numerator = 4;
  int denominator = 4;
  double qpm = 120.0;
  int total_steps = 0;

  /** Steps per bar; may be fractional for odd meters (note_seq's steps_per_bar_in_quantized_sequence). */
  double steps_per_bar() const { return steps_per_quarter * numerator * 4.0 / denominator; }
};

/** note_seq QUANTIZE_CUTOFF: a time rounds up once it is half a step past a step. */
inline constexpr double kQuantizeCutoff = 0.5;

/**
 * The most steps quantize() accepts: 145 hours of 16ths at 120 qpm, far
 * beyond any music. note_seq has no limit; here one note held for 2^28 MIDI
 * ticks (a 33-byte file) asked the melody extractor for a 4 GB event list.
 */
inline constexpr int kMaxQuantizedSteps = 1 << 22;

/** note_seq quantize_to_step: int(seconds · steps_per_second + (1 − cutoff)). */
int quantize_to_step(double seconds, double steps_per_second, double cutoff = kQuantizeCutoff);

/**
 * Quantizes `seq` (which must have one tempo and one time signature, else an
 * error names the change, as note_seq's MultipleTempoError does). Music
 * longer than kMaxQuantizedSteps is refused.
 */
Result<QuantizedSequence> quantize(const NoteSequence& seq, int steps_per_quarter);

/**
 * Splits `seq` at every real tempo or time-signature change into sections
 * that each start at time 0 and hold one tempo and one meter; notes crossing
 * a split are cut there.
 */
std::vector<NoteSequence> split_on_time_changes(const NoteSequence& seq);

/**
 * The same music at one tempo, the first: every time goes through the tempo
 * map to its beat and back to seconds at the first tempo, so notes written
 * after a tempo change keep their place on the beat grid (a primer, unlike
 * training data, is not split there). Later tempo events are dropped.
 */
NoteSequence at_first_tempo(const NoteSequence& seq);

/** Splits on time changes and quantizes every section that quantizes. */
std::vector<QuantizedSequence> quantize_sections(const NoteSequence& seq, int steps_per_quarter);

}  // namespace musa
