#pragma once
// The clock live MIDI code reads: seconds on a monotonic clock. Classes that
// measure time take one, so tests can drive time by hand.

#include <chrono>
#include <functional>

namespace musa {

/** Seconds on some monotonic clock; only differences mean anything. */
using Clock = std::function<double()>;

/** std::chrono::steady_clock in seconds: the default Clock. */
inline double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace musa
