// libFuzzer target: any text as `musa-cli --primer_melody` must give melody
// events in −2..127 or an error, never a crash; the events go on into what the
// CLI and the app do with a primer (prepared for the sampler, the length of the
// continuation, the notes of the piano roll).
#include <cstdint>
#include <string>

#include "core/generate/generation.h"
#include "core/generate/primer_melody.h"
#include "core/project/primer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const musa::Result<std::vector<int>> events = musa::parse_primer_melody(text);
  if (!events.ok()) return 0;
  for (int e : events.value())
    if (e < -2 || e > 127) __builtin_trap();
  const std::vector<int> primer = musa::prepare_primer(events.value());
  musa::continuation_steps(primer, 8);
  musa::primer_notes_from_events(events.value(), 1);
  return 0;
}
