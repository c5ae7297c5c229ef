#include "core/music/spelling.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace musa {
namespace {

constexpr std::string_view kLetters = "CDEFGAB";
constexpr int kNatural[] = {0, 2, 4, 5, 7, 9, 11};
// Position of each letter on the circle of fifths from C (F = −1 … B = 5).
constexpr int kLetterFifths[] = {0, 2, 4, -1, 1, 3, 5};
// The scale degree (0 = 1st … 6 = 7th) each semitone above the tonic is written as:
// the harmonic chromatic scale 1 ♭2 2 ♭3 3 4 ♯4 5 ♭6 6 ♭7 7.
constexpr int kDegreeOf[] = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6};

int floor_mod(int a, int m) { return ((a % m) + m) % m; }
int letter_index(char step) { return int(kLetters.find(step)); }

/** Signature offset of a mode from the major key on the same tonic (minor = relative major's, −3). */
int mode_fifths_offset(Mode mode) {
  switch (mode) {
    case Mode::major:
    case Mode::major_pentatonic:
      return 0;
    case Mode::mixolydian:
      return -1;
    case Mode::dorian:
      return -2;
    default:
      return -3;  // natural / harmonic / melodic minor, minor pentatonic, blues
  }
}

/** Alteration in −6..5 that takes the letter's natural to the pitch class. */
int alter_to(int letter, int pitch_class) {
  const int a = floor_mod(pitch_class - kNatural[letter], 12);
  return a > 6 ? a - 12 : a;
}

int fifths_of(int letter, int alter, Mode mode) {
  return kLetterFifths[letter] + 7 * alter + mode_fifths_offset(mode);
}

}  // namespace

SpelledPitch key_tonic(const Key& key) {
  const int pc = floor_mod(key.tonic, 12);
  int best_letter = -1, best_alter = 0, best_fifths = 99;
  for (int letter = 0; letter < 7; ++letter) {
    const int alter = alter_to(letter, pc);
    if (std::abs(alter) > 1) continue;
    const int fifths = fifths_of(letter, alter, key.mode);
    const bool tie = std::abs(fifths) == std::abs(best_fifths);
    const bool sharps_on_tie = !is_minor_mode(key.mode);
    if (std::abs(fifths) < std::abs(best_fifths) || (tie && (fifths > 0) == sharps_on_tie)) {
      best_letter = letter, best_alter = alter, best_fifths = fifths;
    }
  }
  return {kLetters[size_t(best_letter)], best_alter, 4};
}

int key_fifths(const Key& key) {
  const SpelledPitch tonic = key_tonic(key);
  return fifths_of(letter_index(tonic.step), tonic.alter, key.mode);
}

SpelledPitch spell_pitch(int pitch, const Key& key) {
  const SpelledPitch tonic = key_tonic(key);
  const int semitones = floor_mod(pitch - key.tonic, 12);
  int degree = kDegreeOf[semitones];
  if (key.mode == Mode::blues && semitones == 6) degree = 4;  // the blue note is a flat five
  const int letter = (letter_index(tonic.step) + degree) % 7;
  const int alter = alter_to(letter, floor_mod(pitch, 12));
  // The octave is the letter's: B♯3 sounds as C4, C♭5 as B4.
  const int natural_pitch = pitch - alter;
  return {kLetters[size_t(letter)], alter, (natural_pitch - floor_mod(natural_pitch, 12)) / 12 - 1};
}

std::string spelled_name(const SpelledPitch& pitch) {
  static const char* const kAccidentals[] = {"𝄫", "♭", "", "♯", "𝄪"};
  std::string name(1, pitch.step);
  name += kAccidentals[std::clamp(pitch.alter, -2, 2) + 2];
  return name;
}

int signature_alter(int fifths, char step) {
  // Sharps are added in the order F C G D A E B, flats in the reverse order.
  const int position = kLetterFifths[letter_index(step)];   // F = −1 … B = 5
  if (fifths > 0) return position + 2 <= fifths ? 1 : 0;    // F (−1) is the 1st sharp, B (5) the 7th
  if (fifths < 0) return 6 - position <= -fifths ? -1 : 0;  // B (5) is the 1st flat, F (−1) the 7th
  return 0;
}

int midi_pitch(const SpelledPitch& pitch) {
  return (pitch.octave + 1) * 12 + kNatural[letter_index(pitch.step)] + pitch.alter;
}

}  // namespace musa
