#include "core/util/resources.h"

#include <filesystem>
#include <system_error>
#include <vector>

namespace musa {

std::string find_resource(const std::string& relative_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe_dir = fs::read_symlink("/proc/self/exe", ec).parent_path();
  std::vector<fs::path> candidates;
  if (!ec) {
    candidates.push_back(exe_dir / ".." / "share" / "musa" / relative_path);
    candidates.push_back(exe_dir / relative_path);
  }
#ifdef MUSA_SOURCE_DIR
  candidates.push_back(fs::path(MUSA_SOURCE_DIR) / relative_path);
#endif
  for (const fs::path& p : candidates)
    if (fs::is_regular_file(p, ec)) return fs::weakly_canonical(p, ec).string();
  return {};
}

}  // namespace musa
