#include "core/project/project.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/util/file_io.h"

namespace musa {
namespace {

using json = nlohmann::json;

constexpr int kMaxPrimerNotes = 4096;
constexpr int kMaxTakeEvents = 16384;
constexpr int kMaxStep = 1 << 20;
constexpr size_t kMaxProjectTakes = 64;
constexpr size_t kMaxModelPathBytes = 4096;  // PATH_MAX
constexpr double kMaxLogLikelihood = 1e300;  // any finite score; NaN and overflowed values are refused

/** Thrown inside the loader only; project_from_json turns it into an Error. */
struct Invalid {
  std::string what;
};

const json& member(const json& object, const char* key, const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end()) throw Invalid{where + " has no \"" + key + "\""};
  return *it;
}

int get_int(const json& object, const char* key, int lo, int hi, const std::string& where) {
  const json& v = member(object, key, where);
  if (!v.is_number_integer()) throw Invalid{where + "." + key + " is not a whole number"};
  const auto value = v.get<long long>();
  if (value < lo || value > hi)
    throw Invalid{where + "." + key + " is " + std::to_string(value) + ", outside " + std::to_string(lo) +
                  ".." + std::to_string(hi)};
  return static_cast<int>(value);
}

double get_number(const json& object, const char* key, double lo, double hi, const std::string& where) {
  const json& v = member(object, key, where);
  if (!v.is_number()) throw Invalid{where + "." + key + " is not a number"};
  const double value = v.get<double>();
  if (!(value >= lo && value <= hi)) throw Invalid{where + "." + key + " is outside its range"};
  return value;
}

bool get_bool(const json& object, const char* key, const std::string& where) {
  const json& v = member(object, key, where);
  if (!v.is_boolean()) throw Invalid{where + "." + key + " is not true or false"};
  return v.get<bool>();
}

/**
 * The settings' mode: "mode" (written since modes came) or, in older files,
 * "minor". A mode this version does not know (a newer Musa's) falls back to
 * the "minor" flag that every version writes beside it.
 */
Mode read_mode(const json& s, const std::string& where) {
  const auto it = s.find("mode");
  if (it != s.end() && !it->is_string()) throw Invalid{where + ".mode is not a name"};
  if (it != s.end())
    if (const std::optional<Mode> mode = mode_from_id(it->get<std::string>())) return *mode;
  return get_bool(s, "minor", where) ? Mode::natural_minor : Mode::major;
}

/** A take's optional "key": {"tonic", "mode"}; nullopt when absent or of an unknown mode. */
std::optional<Key> read_take_key(const json& t, const std::string& where) {
  const auto it = t.find("key");
  if (it == t.end()) return std::nullopt;
  if (!it->is_object()) throw Invalid{where + ".key is not an object"};
  const int tonic = get_int(*it, "tonic", 0, 11, where + ".key");
  const json& mode = member(*it, "mode", where + ".key");
  if (!mode.is_string()) throw Invalid{where + ".key.mode is not a name"};
  const std::optional<Mode> m = mode_from_id(mode.get<std::string>());
  if (!m) return std::nullopt;
  return Key{tonic, *m};
}

const json& get_array(const json& object, const char* key, size_t max_size, const std::string& where) {
  const json& v = member(object, key, where);
  if (!v.is_array()) throw Invalid{where + "." + key + " is not a list"};
  if (v.size() > max_size) throw Invalid{where + "." + key + " has too many entries"};
  return v;
}

void require_object(const json& v, const std::string& where) {
  if (!v.is_object()) throw Invalid{where + " is not an object"};
}

std::vector<PrimerNote> read_primer(const json& root) {
  std::vector<PrimerNote> notes;
  int id = 1;
  for (const json& n : get_array(root, "primer", kMaxPrimerNotes, "the project")) {
    const std::string where = "primer note " + std::to_string(id);
    require_object(n, where);
    PrimerNote note;
    note.id = id++;
    note.pitch = get_int(n, "pitch", 0, 127, where);
    note.start = get_int(n, "start", 0, kMaxStep, where);
    note.length = get_int(n, "length", 1, kMaxStep, where);
    note.velocity = get_int(n, "velocity", 1, 127, where);
    notes.push_back(note);
  }
  return notes;
}

GenerationSettings read_settings(const json& root) {
  const json& s = member(root, "settings", "the project");
  const std::string where = "settings";
  require_object(s, where);
  GenerationSettings out;
  out.temperature = get_number(s, "temperature", kMinTemperature, kMaxTemperature, where);
  out.qpm = get_number(s, "qpm", kMinQpm, kMaxQpm, where);
  out.bars = get_int(s, "bars", 1, kMaxBars, where);
  out.takes = get_int(s, "takes", 1, kMaxTakes, where);
  out.key = get_int(s, "key", -1, 11, where);
  out.mode = read_mode(s, where);
  out.stay_in_key = get_bool(s, "stay_in_key", where);
  out.seed_locked = get_bool(s, "seed_locked", where);
  const json& seed = member(s, "seed", where);
  if (!seed.is_number_unsigned() && !(seed.is_number_integer() && seed.get<long long>() >= 0))
    throw Invalid{"settings.seed is not a whole number ≥ 0"};
  out.seed = seed.get<uint64_t>();
  out.program = get_int(s, "program", 0, 127, where);
  return out;
}

SessionTake read_take(const json& t, const std::string& where) {
  require_object(t, where);
  std::vector<int> events;
  for (const json& e : get_array(t, "events", kMaxTakeEvents, where)) {
    if (!e.is_number_integer() || e.get<long long>() < kMelodyNoEvent || e.get<long long>() > 127)
      throw Invalid{where + " has an event that is not -2..127"};
    events.push_back(e.get<int>());
  }
  const int primer_steps = get_int(t, "primer_steps", 0, static_cast<int>(events.size()), where);
  SessionTake take;
  take.take = take_from_events(std::move(events), primer_steps);
  take.kept = get_bool(t, "kept", where);
  take.layered = get_bool(t, "layered", where);
  take.program = get_int(t, "program", -1, 127, where);
  // Optional: files written before it was stored have none.
  if (t.contains("log_likelihood"))
    take.take.log_likelihood = get_number(t, "log_likelihood", -kMaxLogLikelihood, kMaxLogLikelihood, where);
  take.take.key = read_take_key(t, where);
  if (t.contains("velocity")) take.take.velocity = get_int(t, "velocity", 1, 127, where);  // older files: 100
  return take;
}

json write_take(const SessionTake& t) {
  json take = {{"events", t.take.melody.events},
               {"primer_steps", t.take.primer_steps},
               {"kept", t.kept},
               {"layered", t.layered},
               {"program", t.program}};
  // JSON has no infinity: a take the sampler could not score is stored without one.
  if (std::isfinite(t.take.log_likelihood)) take["log_likelihood"] = t.take.log_likelihood;
  take["velocity"] = t.take.velocity;
  if (t.take.key)
    take["key"] = {{"tonic", t.take.key->tonic}, {"mode", std::string(mode_id(t.take.key->mode))}};
  return take;
}

Project read_project(const json& root) {
  require_object(root, "the file");
  const json& format = member(root, "format", "the file");
  if (!format.is_string() || format.get<std::string>() != "musa-project") throw Invalid{"not a Musa project"};
  const int version = get_int(root, "version", 1, 1 << 30, "the project");
  if (version > kProjectVersion)
    throw Invalid{"saved by a newer Musa (project format " + std::to_string(version) +
                  "; this version reads up to " + std::to_string(kProjectVersion) + ")"};
  Project project;
  project.primer = read_primer(root);
  project.settings = read_settings(root);
  int index = 1;
  for (const json& t : get_array(root, "takes", kMaxProjectTakes, "the project"))
    project.takes.push_back(read_take(t, "take " + std::to_string(index++)));
  // Optional: files written before it was stored have none.
  if (const auto model = root.find("model"); model != root.end()) {
    if (!model->is_string() || model->get_ref<const std::string&>().size() > kMaxModelPathBytes)
      throw Invalid{"the project's model is not a file name"};
    project.model = model->get<std::string>();
  }
  return project;
}

}  // namespace

std::string project_to_json(const Project& project) {
  json primer = json::array();
  for (const PrimerNote& n : project.primer)
    primer.push_back(
        {{"pitch", n.pitch}, {"start", n.start}, {"length", n.length}, {"velocity", n.velocity}});
  const GenerationSettings& s = project.settings;
  json settings = {{"temperature", s.temperature},
                   {"qpm", s.qpm},
                   {"bars", s.bars},
                   {"takes", s.takes},
                   {"key", s.key},
                   {"minor", is_minor_mode(s.mode)},
                   {"mode", std::string(mode_id(s.mode))},
                   {"stay_in_key", s.stay_in_key},
                   {"seed_locked", s.seed_locked},
                   {"seed", s.seed},
                   {"program", s.program}};
  json takes = json::array();
  for (const SessionTake& t : project.takes) takes.push_back(write_take(t));
  json root = {{"format", "musa-project"},
               {"version", kProjectVersion},
               {"primer", primer},
               {"settings", settings},
               {"takes", takes}};
  if (!project.model.empty()) root["model"] = project.model;
  return root.dump(1) + "\n";
}

Result<Project> project_from_json(const std::string& text, const std::string& name) {
  // No exceptions from the parser: a depth-bombed or truncated file is "discarded".
  const json root = json::parse(text, nullptr, false);
  if (root.is_discarded()) return Error{name + ": not a Musa project (the JSON is broken)"};
  try {
    return read_project(root);
  } catch (const Invalid& invalid) {
    return Error{name + ": " + invalid.what};
  } catch (const json::exception& e) {
    return Error{name + ": " + e.what()};
  }
}

Status save_project(const Project& project, const std::string& path) {
  const std::string text = project_to_json(project);
  return write_file_atomically(path, text.data(), text.size());
}

Result<Project> load_project(const std::string& path) {
  Result<std::vector<uint8_t>> bytes = read_file_bytes(path, kMaxProjectBytes);
  if (!bytes.ok()) return Error{bytes.error()};
  return project_from_json(std::string(bytes->begin(), bytes->end()), path);
}

}  // namespace musa
