#pragma once
// Making takes sound in the key the musician chose when the primer is in
// another (a C-major primer, C minor asked). The network only ever saw
// melodies moved to C major (key_melody encoding), so a mask alone removes
// notes but never brings E♭, A♭ or B♭. Two remedies, measured by
// `musa-cli key-eval` (MODEL_CARD.md "Keys and modes"):
//  - map: move pitches through the scale change, degree for degree
//    (C major → C minor: E→E♭, A→A♭, B→B♭), either in the primer the network
//    hears (it then continues in the new mode) or in its proposals (it
//    continues in the primer's mode and its notes are moved on the way out);
//  - bias: add to the log-probabilities of the mode's characteristic degrees
//    (the scale notes the primer's key lacks) and subtract from notes outside
//    the scale.

#include <array>
#include <span>
#include <vector>

#include "core/music/key.h"

namespace musa {

/**
 * How a request's key is brought into the takes. The default is what
 * `musa-cli key-eval` measured best with the shipped model (MODEL_CARD.md,
 * "Keys and modes"): mapping the network's notes, no bias. Mapping the
 * primer helps less (a one-note primer carries no mode) and the bias, alone
 * or added to a mapping, pulls too hard on single degrees.
 */
struct KeyAdaptation {
  enum class Mapping {
    none,    ///< the network hears the primer as it is
    primer,  ///< the network hears the primer moved into the chosen key
    output,  ///< the network works in the primer's key; its notes are moved into the chosen key
  };
  Mapping mapping = Mapping::output;
  double bias = 0.0;  ///< nats; 0 = no bias
  friend bool operator==(const KeyAdaptation&, const KeyAdaptation&) = default;
};

/**
 * A pitch-class map from one key to another: shift[pc] semitones move pitch
 * class pc (of `from`) into `to`. The tonic moves to the tonic by the
 * smallest step (−5..+6). Between scales of equal size degree i goes to degree
 * i and a note outside the scale moves with the degree below it; into a
 * smaller scale (pentatonic, blues) every pitch class goes to the nearest
 * scale note, the lower one on a tie (C major → C minor pentatonic: E→E♭,
 * B→B♭).
 */
struct ScaleMapping {
  std::array<int, 12> shift{};
  bool identity() const;
};

ScaleMapping scale_mapping(const Key& from, const Key& to);

/** `events` with every note from step `first` on moved through the mapping (octaves fold into 0..127). */
std::vector<int> map_events(std::vector<int> events, const ScaleMapping& mapping, int first = 0);

/**
 * What the sampler adds to each pitch class's log-probability, in the frame
 * of the notes it samples (before any output mapping): −∞ for notes a
 * stay-in-key mask forbids, +bias for the target's characteristic degrees,
 * −bias for notes outside its scale, else 0. `to_output` is the mapping the
 * sampled notes still go through (identity unless Mapping::output).
 */
std::array<double, 12> pitch_class_offsets(const Key& source, const Key& target, bool stay_in_key,
                                           double bias, const ScaleMapping& to_output);

}  // namespace musa
