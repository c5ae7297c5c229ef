#pragma once
// The primer as `musa-cli --primer_melody` takes it: a JSON list of melody
// events, "[60, -2, 62]" (a pitch 0..127, -2 hold, -1 rest). Fuzzed
// (tests/fuzz/fuzz_primer_melody.cpp).

#include <string>
#include <vector>

#include "core/util/result.h"

namespace musa {

/** The events of `text`, each −2..127, or an error saying what is wrong. */
Result<std::vector<int>> parse_primer_melody(const std::string& text);

}  // namespace musa
