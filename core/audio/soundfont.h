#pragma once
// Where Musa finds a General MIDI soundfont to play and render with.

#include <string>

namespace musa {

/** File name of the soundfont Musa ships (soundfonts/ in the source tree). */
inline constexpr const char* kShippedSoundfont = "FluidR3Mono_GM.sf3";

/**
 * The soundfont to load: `preferred` when that file exists; else the shipped
 * one, looked for next to the executable (`<exe_dir>/../share/musa/soundfonts/`,
 * then `<exe_dir>/soundfonts/`), then in the source tree; else the system's
 * General MIDI soundfont (Debian's `default-GM` alternatives, FluidR3_GM).
 * Returns an empty string when none exists. A missing `preferred` is not an
 * error here: callers that must honour a user's choice check it themselves.
 */
std::string find_soundfont(const std::string& preferred = "");

}  // namespace musa
