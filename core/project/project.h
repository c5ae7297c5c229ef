#pragma once
// The .musa project file: versioned JSON holding the primer, the settings,
// the takes with their kept flags and instruments. Loading checks the type
// and range of every field, so a broken or hostile file gives an Error
// naming the file and the problem, never a crash. A take is stored as
// {events, primer_steps, kept, layered, program} and an optional
// "log_likelihood" (the sampler's), which builds before it ignore and which
// reads as 0 when absent: files go both ways between old and new builds.
// The same holds for the optional top-level "model" (the model file's path).

#include <string>
#include <vector>

#include "core/project/primer.h"
#include "core/project/settings.h"
#include "core/project/take_session.h"
#include "core/util/result.h"

namespace musa {

/** The newest project format this build writes and reads. */
inline constexpr int kProjectVersion = 1;
/** Project files larger than this are refused (a real one is a few hundred KB). */
inline constexpr uint64_t kMaxProjectBytes = 32u << 20;

/** Everything a musician's session holds; a value type. */
struct Project {
  std::vector<PrimerNote> primer;
  GenerationSettings settings;
  std::vector<SessionTake> takes;  ///< the grid's cards, empty ones included
  /** The model the takes were made with (a path); empty: not recorded (optional in the file). */
  std::string model;

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
