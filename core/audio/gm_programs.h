#pragma once
// The 128 General MIDI Level 1 program names, for instrument menus.

#include <string>

namespace musa {

/** "Acoustic Grand Piano" for 0 … "Gunshot" for 127; empty outside 0..127. */
std::string gm_program_name(int program);

}  // namespace musa
