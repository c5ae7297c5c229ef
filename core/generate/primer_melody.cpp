#include "core/generate/primer_melody.h"

#include <cstdint>
#include <nlohmann/json.hpp>

namespace musa {

Result<std::vector<int>> parse_primer_melody(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return Error{"--primer_melody must be a list like \"[60, -2, 62]\""};
  std::vector<int> events;
  for (const nlohmann::json& e : j) {
    // Read wide: get<int>() of 4294967356 wraps to 60 and would pass the range check.
    const bool whole = e.is_number_integer() && (!e.is_number_unsigned() || e.get<uint64_t>() <= 127);
    if (!whole || e.get<long long>() < -2 || e.get<long long>() > 127)
      return Error{"--primer_melody events must be whole numbers from -2 to 127"};
    events.push_back(static_cast<int>(e.get<long long>()));
  }
  return events;
}

}  // namespace musa
