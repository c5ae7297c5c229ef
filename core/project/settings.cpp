#include "core/project/settings.h"

#include <algorithm>
#include <cmath>

namespace musa {

GenerationSettings clamped(GenerationSettings s) {
  s.temperature =
      std::isfinite(s.temperature) ? std::clamp(s.temperature, kMinTemperature, kMaxTemperature) : 1.0;
  s.qpm = std::isfinite(s.qpm) ? std::clamp(s.qpm, kMinQpm, kMaxQpm) : 120.0;
  s.bars = std::clamp(s.bars, 1, kMaxBars);
  s.takes = std::clamp(s.takes, 1, kMaxTakes);
  s.key = std::clamp(s.key, -1, 11);
  s.program = std::clamp(s.program, 0, 127);
  return s;
}

GenerationRequest make_request(const std::vector<PrimerNote>& primer, const GenerationSettings& settings,
                               uint64_t seed) {
  const GenerationSettings s = clamped(settings);
  GenerationRequest request;
  request.primer = primer_events(primer);
  request.velocity = average_velocity(primer);
  request.num_takes = s.takes;
  request.steps_to_generate = continuation_steps(request.primer, s.bars, kStepsPerBar);
  request.temperature = static_cast<float>(s.temperature);
  request.seed = seed;
  request.stay_in_key = s.stay_in_key;
  // Auto leaves the key to the sampler, which estimates the primer's.
  if (s.key >= 0) request.key = Key{s.key, s.mode};
  return request;
}

}  // namespace musa
