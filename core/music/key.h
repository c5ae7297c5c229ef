#pragma once
// Keys and modes: the scales a musician can ask takes to stay in, their
// names, and the key profiles that estimate a melody's key and score how well
// a take sounds in one.

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/music/melody.h"

namespace musa {

/** The scales Musa offers. Order is the file and menu order; new modes go at the end. */
enum class Mode {
  major,
  natural_minor,
  harmonic_minor,
  melodic_minor,  ///< the ascending (jazz) form
  dorian,
  mixolydian,
  major_pentatonic,
  minor_pentatonic,
  blues,
};

inline constexpr int kModeCount = 9;

/** A tonic pitch class (0 = C … 11 = B) and a mode; a value type. */
struct Key {
  int tonic = 0;
  Mode mode = Mode::major;
  friend bool operator==(const Key&, const Key&) = default;
};

/** Every mode, in enum order. */
std::span<const Mode> all_modes();

/** The mode's scale as semitones above the tonic, ascending, starting at 0. */
std::span<const int> mode_degrees(Mode mode);

/** True for the modes with a minor third (the SMF key signature's minor flag). */
bool is_minor_mode(Mode mode);

/** The pitch classes of the key's scale. */
std::array<bool, 12> scale_of(const Key& key);

/** "natural_minor": the name a project file and musa-cli use. */
std::string_view mode_id(Mode mode);
/** The mode a file or flag names (ids, plus "minor" for natural minor); nullopt when unknown. */
std::optional<Mode> mode_from_id(std::string_view id);
/** "natural minor": the mode in words. */
std::string_view mode_words(Mode mode);

/** The tonic as musicians spell it in this key ("E♭", "F♯"), as in the key's signature. */
std::string tonic_name(const Key& key);
/** "D minor", "E♭ major", "A dorian" (natural minor is called "minor"). */
std::string key_name(const Key& key);
/** A key from a tonic ("C", "Eb", "F#", "Bb") and a mode id; nullopt when either is not understood. */
std::optional<Key> parse_key(std::string_view tonic, std::string_view mode);

/**
 * The key profile of a mode (tonic-relative weights of the 12 pitch
 * classes). Major and natural minor are Krumhansl & Kessler's probe-tone
 * profiles (Krumhansl 1990, Cognitive Foundations of Musical Pitch, table
 * 2.1). The other modes start from the profile of the same third (major or
 * minor) and follow the scale: a degree the mode alters by a semitone swaps
 * weights with the degree it replaces (mixolydian's ♭7 takes the major 7th's
 * weight and the other way round); a degree the mode omits takes the mean
 * weight of the profile's non-scale pitch classes; a degree it adds (the
 * blues ♭5) takes the mean weight of the scale degrees outside the tonic
 * triad.
 */
std::array<double, 12> mode_profile(Mode mode);

/** Pitch-class histogram weighted by how many steps each note sounds (rests count nothing). */
std::array<double, 12> duration_histogram(std::span<const int> events);

/** Pearson correlation of a histogram with the key's profile (rotated to its tonic); 0 for a flat histogram.
 */
double key_correlation(const std::array<double, 12>& histogram, const Key& key);

/**
 * The Krumhansl–Schmuckler key-finding algorithm (Krumhansl 1990, ch. 4):
 * the duration-weighted pitch-class histogram is correlated with the major
 * and minor profile on each of the 12 tonics, and the best of the 24 keys
 * wins (ties: the earlier tonic, major before minor). Names major or natural
 * minor keys only; an empty melody is C major.
 */
Key estimate_key(std::span<const int> events);

}  // namespace musa
