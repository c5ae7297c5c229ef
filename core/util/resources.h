#pragma once
// Locating files Musa ships (model, soundfont) without Qt: installed beside
// the executable, or in the source tree for a build that was never installed.

#include <string>

namespace musa {

/**
 * The first existing path among `<exe dir>/../share/musa/<relative>`,
 * `<exe dir>/<relative>` and `<source dir>/<relative>`; empty if none.
 */
std::string find_resource(const std::string& relative_path);

/** The shipped default model, or empty when it cannot be found. */
inline std::string default_model_path() {
  return find_resource("resources/models/attention_rnn.safetensors");
}

}  // namespace musa
