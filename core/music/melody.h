#pragma once
// Melody: one event per grid step, as note_seq's melodies_lib.Melody.
//   -2 NO_EVENT (the note holds, or the silence goes on)
//   -1 NOTE_OFF (silence starts)
//   0..127 NOTE_ON of that pitch (the previous note ends)

#include <array>
#include <initializer_list>
#include <utility>
#include <vector>

#include "core/music/note_sequence.h"

namespace musa {

inline constexpr int kMelodyNoteOff = -1;
inline constexpr int kMelodyNoEvent = -2;

/** The step grid: 16th notes (note_seq constants.DEFAULT_STEPS_PER_QUARTER). */
inline constexpr int kStepsPerQuarter = 4;
/** Steps in a bar of 4/4 (note_seq constants.DEFAULT_STEPS_PER_BAR). */
inline constexpr int kStepsPerBar = 16;

/** How long one grid step lasts at `qpm` quarter notes per minute. */
inline constexpr double seconds_per_step(double qpm) { return 60.0 / qpm / kStepsPerQuarter; }

/** A monophonic line on the step grid; a value type. */
struct Melody {
  std::vector<int> events;
  int start_step = 0;  ///< offset in the source sequence (first step of a bar)
  int steps_per_bar = kStepsPerBar;
  int steps_per_quarter = kStepsPerQuarter;
  int instrument = 0;  ///< source track
  int program = 0;     ///< source program

  /** Builds a melody from events; leading NOTE_OFFs become NO_EVENT (as note_seq does). */
  static Melody from_events(std::vector<int> events, int steps_per_bar = kStepsPerBar,
                            int steps_per_quarter = kStepsPerQuarter);

  int size() const { return static_cast<int>(events.size()); }
  bool empty() const { return events.empty(); }
  int end_step() const { return start_step + size(); }

  /** How often each pitch class starts a note (C = 0 … B = 11). */
  std::array<int, 12> note_histogram() const;
  /** For each major key (C = 0 … B = 11), how many note-ons fit its scale. */
  std::array<int, 12> major_key_histogram() const;
  /** The most likely major key; ties go to the lowest key (note_seq get_major_key). */
  int major_key() const;
  /** Number of distinct pitch classes used. */
  int unique_pitch_classes() const;

  /** Transposes and folds every note into [min_note, max_note) by octaves. */
  void transpose(int amount, int min_note = 0, int max_note = 128);
  /**
   * note_seq Melody.squash: transposes to `transpose_to_key` (−1 = keep the
   * key), centres the melody in the range and folds it in; returns the
   * transposition applied.
   */
  int squash(int min_note, int max_note, int transpose_to_key);
  /** Truncates or pads with NO_EVENT; padding after a held note ends it with NOTE_OFF. */
  void set_length(int steps);

  /** The notes at `qpm`, the end of the melody ending any held note (note_seq to_sequence). */
  NoteSequence to_note_sequence(double qpm, int velocity = 100, int program = 0, int instrument = 0) const;

  friend bool operator==(const Melody&, const Melody&) = default;
};

/**
 * Events for notes played one after another, each given as (pitch, steps);
 * pitch −1 is a rest. For built-in primers and fixtures.
 */
std::vector<int> melody_line(std::initializer_list<std::pair<int, int>> notes);

/** Which major keys each pitch class belongs to (note_seq constants.NOTE_KEYS). */
bool pitch_class_in_major_key(int pitch_class, int key);

/** For each major key, how many of the counted pitch classes fit its scale. */
std::array<int, 12> major_key_histogram(const std::array<int, 12>& pitch_class_counts);

}  // namespace musa
