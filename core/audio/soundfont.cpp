#include "core/audio/soundfont.h"

#include <filesystem>
#include <system_error>
#include <vector>

#include "core/util/resources.h"

namespace musa {
namespace {

namespace fs = std::filesystem;

bool is_file(const fs::path& path) {
  std::error_code error;
  return !path.empty() && fs::is_regular_file(path, error);
}

}  // namespace

std::string find_soundfont(const std::string& preferred) {
  if (is_file(preferred)) return preferred;
  // The shipped one: installed beside the executable, or in the source tree.
  if (std::string shipped = find_resource(std::string("soundfonts/") + kShippedSoundfont); !shipped.empty())
    return shipped;
  // Debian/Ubuntu: the default-GM alternatives point at whichever GM
  // soundfont package is installed (fluid-soundfont-gm, musescore-general…).
  for (const char* path : {"/usr/share/sounds/sf2/default-GM.sf2", "/usr/share/sounds/sf3/default-GM.sf3",
                           "/usr/share/sounds/sf2/FluidR3_GM.sf2"})
    if (is_file(path)) return path;
  return {};
}

}  // namespace musa
