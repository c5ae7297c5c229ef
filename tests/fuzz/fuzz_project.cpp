// libFuzzer target: any bytes as a .musa project must give a project or an
// error naming the file, never a crash; a project that loads must write out
// and load back the same (what Musa accepts it can also keep).
#include <cstdint>
#include <string>

#include "core/project/project.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const musa::Result<musa::Project> project = musa::project_from_json(text, "fuzz.musa");
  if (!project.ok()) {
    if (project.error().rfind("fuzz.musa: ", 0) != 0) __builtin_trap();  // every message names the file
    return 0;
  }
  const musa::Result<musa::Project> again =
      musa::project_from_json(musa::project_to_json(project.value()), "again.musa");
  if (!again.ok() || again->takes != project->takes || again->settings != project->settings ||
      again->primer.size() != project->primer.size())
    __builtin_trap();
  return 0;
}
