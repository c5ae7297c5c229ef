#pragma once
// Originality: does a take copy a training melody? An index over the
// model's training melodies, built when the model is trained and saved
// beside it (MODEL.safetensors.originality), finds the longest run of a take
// that also occurs in one of them, in pitch and rhythm, in any transposition.
//
// Each note becomes one token: the interval to the next note (semitones) and
// the steps to the next note's onset (its inter-onset interval; the last
// note's: how long it sounds). A run of notes is copied when its intervals
// and inter-onset intervals all recur in a training melody. The tokens of
// all training melodies are held with their suffix array (Manber & Myers
// 1993), so the longest common run is a binary search per take note.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/music/melody.h"
#include "core/util/result.h"

namespace musa {

/** The longest run of a take that a training melody also has. */
struct OriginalityMatch {
  int steps = 0;      ///< from the run's first onset to the end of its last note's inter-onset interval
  int notes = 0;      ///< notes in the run
  int take_step = 0;  ///< where the run starts in the take's events
  std::string file;   ///< the training file it occurs in ("" when nothing matched)
  double bars(int steps_per_bar = kStepsPerBar) const { return double(steps) / steps_per_bar; }
};

/** Runs shorter than this many notes are not counted: two or three notes recur everywhere. */
inline constexpr int kMinCopiedNotes = 4;
/**
 * Nor are runs on fewer pitches than this: a held note repeated, or two notes
 * alternating, recur in every song's accompaniment-like lines whatever the
 * length (at temperature 0.5 such figures "copied" up to 4 bars).
 */
inline constexpr int kMinCopiedPitches = 3;
/** A take that shares this many bars or more with a training melody is flagged as a copy. */
inline constexpr double kCopiedBars = 2.0;

/** The suffix-array index over the training melodies' note tokens. A value type. */
class OriginalityIndex {
 public:
  /** Adds a training melody from `file` (a name to show, e.g. "nottingham/jigs_12.mid"). */
  void add(const std::string& file, std::span<const int> events);
  /** Adds every melody of another index (a fine-tuned model keeps its base's melodies), each file once. */
  void add(const OriginalityIndex& other);
  /** Sorts the suffixes; call once after the last add, before longest_match or save. */
  void finish();

  /**
   * The longest run of notes with onsets at or after `from_step` that a
   * training melody also has (at least kMinCopiedNotes notes on at least
   * kMinCopiedPitches pitches; else a match of 0 steps and no file).
   */
  OriginalityMatch longest_match(std::span<const int> events, int from_step = 0) const;

  size_t token_count() const { return tokens_.size(); }
  size_t melody_count() const { return melody_starts_.size(); }
  size_t file_count() const { return files_.size(); }

  /** Writes the index (magic "MUSAORIG", version 1, little-endian); errors name the file. */
  Status save(const std::string& path) const;
  /** Reads and checks an index; every count, offset and suffix is validated before use. */
  static Result<OriginalityIndex> load(const std::string& path);

 private:
  std::vector<uint16_t> tokens_;
  std::vector<uint32_t> suffixes_;       ///< token positions, sorted by the tokens from there on
  std::vector<uint32_t> melody_starts_;  ///< first token of each melody, ascending
  std::vector<uint32_t> melody_files_;   ///< index into files_ per melody
  std::vector<std::string> files_;
  std::string file_of(uint32_t position) const;
  void append_melody(const std::string& file, std::span<const uint16_t> tokens);
};

/** The notes of `events` from `from_step` on as index tokens, and each token's onset step. */
std::vector<uint16_t> originality_tokens(std::span<const int> events, int from_step = 0,
                                         std::vector<int>* onsets = nullptr);

/** "MODEL.safetensors.originality": where a model's index lives. */
std::string originality_index_path(const std::string& model_path);

}  // namespace musa
