#pragma once
// What a musician asks for and what comes back: a GenerationRequest in,
// Takes out.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/generate/key_adaptation.h"
#include "core/music/key.h"
#include "core/music/melody.h"
#include "core/music/note_sequence.h"

namespace musa {

/** The longest primer the sampler takes, in steps (256 bars of 16ths). */
inline constexpr int kMaxPrimerSteps = 4096;

/** One request for takes; defaults are the paper's (10 takes, 8 bars, T = 1). */
struct GenerationRequest {
  /** The primer as grid events in the musician's key (not squashed); may be empty. */
  std::vector<int> primer;
  int num_takes = 10;
  int steps_to_generate = 8 * kStepsPerBar;  ///< after the primer (8 bars of 4/4)
  float temperature = 1.0f;                  ///< ≤ 1e-4 means argmax
  uint64_t seed = 0;
  /** Only notes of the key's scale (the mode's, harmonic minor's leading tone included). */
  bool stay_in_key = false;
  /** The key the takes should sound in; nullopt: the primer's (estimate_key). */
  std::optional<Key> key;
  /** How `key` is brought into the takes when it differs from the primer's key. */
  KeyAdaptation key_adaptation;
  int beam_size = 1;            ///< Magenta's beam search: sequences kept per take
  int branch_factor = 1;        ///< branches grown from each kept sequence
  int steps_per_iteration = 1;  ///< steps generated between prunings
  /** The velocity the takes play at (1..127): the primer's average, so a soft sketch gets soft takes. */
  int velocity = 100;
};

/** One continuation: the primer followed by new events, in the primer's key. */
struct Take {
  Melody melody;                ///< primer + continuation
  int primer_steps = 0;         ///< how many leading events are the primer
  double log_likelihood = 0.0;  ///< of the generated events, at the request's temperature
  std::optional<Key> key;       ///< the key it was made in; nullopt (older files): estimate it from the notes
  int velocity = 100;           ///< every note's velocity: the primer's average (GenerationRequest::velocity)

  friend bool operator==(const Take&, const Take&) = default;
};

/**
 * The primer as the sampler feeds it: the melody up to where its last note
 * ends (or just past its NOTE_OFF); trailing rests go. Unlike
 * melody_rnn_generate, which starts one step after the last note and so puts a
 * NOTE_OFF there, the continuation starts right at the end, so it can start on
 * the downbeat after a primer of whole bars. An empty primer becomes one
 * silent step.
 */
std::vector<int> prepare_primer(std::vector<int> events);

/** True when the line's last event is a note still sounding at its end (not a NOTE_OFF). */
bool ends_with_held_note(const std::vector<int>& events);

/**
 * Steps to generate after `primer` so that a take is whole bars: the rest of
 * the bar the primer ends in, then `bars` bars. A silent primer gives takes of
 * exactly `bars` bars.
 */
int continuation_steps(const std::vector<int>& primer, int bars, int steps_per_bar = kStepsPerBar);

/** The key a take is in: the one it was made in, else estimated from its notes. */
Key take_key(const Take& take);

}  // namespace musa
