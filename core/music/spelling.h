#pragma once
// Note spelling that follows the key: which letter and accidental a pitch
// is written with in a score (E♭ in C minor, D♯ in E major), and the key
// signature a key is written with.

#include <string>

#include "core/music/key.h"

namespace musa {

/** A written pitch: a letter, its alteration and the octave of the letter (C4 = MIDI 60). */
struct SpelledPitch {
  char step = 'C';  ///< 'A'..'G'
  int alter = 0;    ///< semitones: −2 (double flat) … +2 (double sharp)
  int octave = 4;
  friend bool operator==(const SpelledPitch&, const SpelledPitch&) = default;
};

/**
 * The key's tonic as written: of the spellings a semitone either side of a
 * natural, the one whose signature has the fewest sharps or flats; on a tie
 * (six either way) modes with a major third take sharps and the others
 * flats, as the key menu names them (F♯ major, E♭ minor).
 */
SpelledPitch key_tonic(const Key& key);

/**
 * The key signature: sharps (> 0) or flats (< 0), −7..7. Major and the major
 * pentatonic use the major key's signature, the minors, the minor pentatonic
 * and the blues the (natural) minor key's, dorian and mixolydian their own
 * modal signatures (D dorian: none), as MusicXML's <key><mode> expects.
 */
int key_fifths(const Key& key);

/**
 * How `pitch` is written in `key`. Every pitch class is named after a scale
 * degree of the tonic's letter by the harmonic chromatic scale (Kostka &
 * Payne, Tonal Harmony, ch. 1): 1 ♭2 2 ♭3 3 4 ♯4 5 ♭6 6 ♭7 7, each degree's
 * alteration taken from the pitch; the blues scale writes its ♭5 as such.
 * So the mode's own notes get consecutive letters (C harmonic minor: C D E♭
 * F G A♭ B) and chromatic notes their usual names.
 */
SpelledPitch spell_pitch(int pitch, const Key& key);

/** "E♭", "F♯", "C" (no octave). */
std::string spelled_name(const SpelledPitch& pitch);

/** The alteration the signature gives a letter ('A'..'G'). */
int signature_alter(int fifths, char step);

/** The MIDI pitch a spelled pitch sounds. */
int midi_pitch(const SpelledPitch& pitch);

}  // namespace musa
