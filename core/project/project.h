#pragma once
// The .musa project file: versioned JSON holding the primer, the settings,
// the takes with their kept flags and instruments. Loading checks the type
// and range of every field, so a broken or hostile file gives an Error
// naming the file and the problem, never a crash.

#include <string>
#include <vector>

#include "core/project/primer.h"
#include "core/project/settings.h"
#include "core/util/result.h"

namespace musa {

/** The newest project format this build writes and reads. */
inline constexpr int kProjectVersion = 1;
/** Project files larger than this are refused (a real one is a few hundred KB). */
inline constexpr uint64_t kMaxProjectBytes = 32u << 20;

/** One take as a project stores it. */
struct ProjectTake {
  std::vector<int> events;  ///< primer + continuation, melody events -2..127
  int primer_steps = 0;     ///< how many leading events are the primer
  bool kept = false;        ///< ★
  bool layered = false;     ///< ticked to play together with other takes
  int program = -1;         ///< General MIDI program, or -1: the window's instrument

  friend bool operator==(const ProjectTake&, const ProjectTake&) = default;
};

/** Everything a musician's session holds; a value type. */
struct Project {
  std::vector<PrimerNote> primer;
  GenerationSettings settings;
  std::vector<ProjectTake> takes;

  friend bool operator==(const Project&, const Project&) = default;
};

/** The project as JSON text. */
std::string project_to_json(const Project& project);
/** Parses JSON text; `name` (the file) starts every error message. */
Result<Project> project_from_json(const std::string& text, const std::string& name);

/** Writes atomically (temporary file, fsync, rename). */
Status save_project(const Project& project, const std::string& path);
Result<Project> load_project(const std::string& path);

}  // namespace musa
