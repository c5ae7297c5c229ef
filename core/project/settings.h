#pragma once
// The generation controls of the main window as a value, and the request
// they make: what a project file stores and what the sampler is asked.

#include <cstdint>
#include <vector>

#include "core/generate/generation.h"
#include "core/music/key.h"
#include "core/project/primer.h"

namespace musa {

/** The toolbar's settings; defaults are the paper's (UX.md "Controls"). */
struct GenerationSettings {
  double temperature = 1.0;  ///< 0.1..2.0
  double qpm = 120.0;        ///< 40..240
  int bars = 8;              ///< 1..32 bars of 4/4 after the primer
  int takes = 10;            ///< 1..16
  int key = -1;              ///< tonic 0..11, or -1: estimated from the primer
  Mode mode = Mode::major;   ///< with `key`; Auto estimates the mode too
  bool stay_in_key = false;
  bool seed_locked = false;
  uint64_t seed = 0;  ///< used when locked; the last seed otherwise
  int program = 0;    ///< General MIDI program for auditioning

  friend bool operator==(const GenerationSettings&, const GenerationSettings&) = default;
};

inline constexpr double kMinTemperature = 0.1, kMaxTemperature = 2.0;
inline constexpr double kMinQpm = 40, kMaxQpm = 240;
inline constexpr int kMaxBars = 32, kMaxTakes = 16;

/** Clamps every field into its control's range. */
GenerationSettings clamped(GenerationSettings settings);

/** The request for `settings` with `seed` (the caller decides locked or random). */
GenerationRequest make_request(const std::vector<PrimerNote>& primer, const GenerationSettings& settings,
                               uint64_t seed);

}  // namespace musa
