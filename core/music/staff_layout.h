#pragma once
// A monophonic line as it is written on one staff: per bar of 4/4, the notes
// and rests in written values a reader expects, ties across bar lines and
// beats, the key's spelling and the accidentals to print. The MusicXML writer
// and the window's score view (which only paints it) share this layout.

#include <span>
#include <vector>

#include "core/music/key.h"
#include "core/music/spelling.h"

namespace musa {

/** No accidental is printed (the signature and the bar so far give the alteration). */
inline constexpr int kNoAccidental = 99;

/** One written note or rest of one value. */
struct StaffSymbol {
  int start = 0;                   ///< steps (16ths) from the bar's start
  int steps = 1;                   ///< the written value: 16, 12, 8, 6, 4, 3, 2 or 1 (12, 6 and 3 are dotted)
  int pitch = -1;                  ///< MIDI pitch; −1: a rest
  SpelledPitch spelled;            ///< how the note is written in the key (a rest: unused)
  int accidental = kNoAccidental;  ///< the alteration to print (−2..2; 0: a natural sign)
  bool tie_start = false;          ///< tied to the next symbol (perhaps in the next bar)
  bool tie_stop = false;           ///< tied from the previous symbol
  bool whole_bar_rest = false;     ///< the bar is silent: one rest, written centred
  int beam = -1;  ///< 8ths and 16ths beamed together share a number (per bar, from 0); −1: not beamed

  bool rest() const { return pitch < 0; }
  bool dotted() const { return steps == 12 || steps == 6 || steps == 3; }
  /** The undotted value (16 whole … 1 sixteenth) the note head, stem and flags show. */
  int base_steps() const { return dotted() ? steps * 2 / 3 : steps; }
  friend bool operator==(const StaffSymbol&, const StaffSymbol&) = default;
};

struct StaffBar {
  std::vector<StaffSymbol> symbols;  ///< in time order, covering the bar
};

enum class Clef { treble, bass };

/** The line as written: signature, clef and bars. */
struct StaffLayout {
  Key key;
  int fifths = 0;  ///< key_fifths(key): sharps (> 0) or flats (< 0)
  Clef clef = Clef::treble;
  std::vector<StaffBar> bars;
};

/**
 * Lays out melody events (one per 16th step, bar 1 at step 0) in 4/4 over
 * `bars` bars (0: as many as the events fill, at least one); padded with
 * rests. Each note is cut at bar lines and into values a reader expects (no
 * value under a beat crosses a beat; values of a beat or more start on a
 * beat) and tied back together; an accidental is printed where the signature
 * and the notes earlier in the bar (same letter and octave) do not already
 * give the alteration. 8ths and 16ths (dotted or not) next to each other in
 * one beat are beamed together; a rest or the beat's end breaks the beam.
 * Mostly low lines (average under G3) get the bass clef.
 */
StaffLayout layout_staff(std::span<const int> events, const Key& key, int bars = 0);

/** Which clef reads a line best: bass when its notes average below G3. */
Clef clef_for(std::span<const int> events);

/**
 * Where a written pitch sits: diatonic steps above the staff's bottom line
 * (treble: E4 = 0, F4 = 1, G4 = 2 …; bass: G2 = 0). Negative: below the staff.
 */
int staff_step(const SpelledPitch& pitch, Clef clef);

/** The staff steps of the signature's sharps (> 0) or flats (< 0), in the order they are written. */
std::vector<int> signature_steps(int fifths, Clef clef);

}  // namespace musa
