#include "core/audio/soundfont.h"

#include <filesystem>
#include <system_error>
#include <vector>

namespace musa {
namespace {

namespace fs = std::filesystem;

bool is_file(const fs::path& path) {
  std::error_code error;
  return !path.empty() && fs::is_regular_file(path, error);
}

// The running executable's folder, so an installed or relocated build finds
// the soundfont installed beside it. Linux-only (/proc); empty elsewhere.
fs::path executable_dir() {
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path() : exe.parent_path();
}

std::vector<fs::path> candidates() {
  std::vector<fs::path> paths;
  if (const fs::path exe_dir = executable_dir(); !exe_dir.empty()) {
    paths.push_back(exe_dir / ".." / "share" / "musa" / "soundfonts" / kShippedSoundfont);
    paths.push_back(exe_dir / "soundfonts" / kShippedSoundfont);
  }
#ifdef MUSA_SOURCE_DIR
  paths.push_back(fs::path(MUSA_SOURCE_DIR) / "soundfonts" / kShippedSoundfont);
#endif
  // Debian/Ubuntu: the default-GM alternatives point at whichever GM
  // soundfont package is installed (fluid-soundfont-gm, musescore-general…).
  paths.emplace_back("/usr/share/sounds/sf2/default-GM.sf2");
  paths.emplace_back("/usr/share/sounds/sf3/default-GM.sf3");
  paths.emplace_back("/usr/share/sounds/sf2/FluidR3_GM.sf2");
  return paths;
}

}  // namespace

std::string find_soundfont(const std::string& preferred) {
  if (is_file(preferred)) return preferred;
  for (const fs::path& path : candidates()) {
    if (is_file(path)) return path.lexically_normal().string();
  }
  return {};
}

}  // namespace musa
