#include "app/cli_commands.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>

#include "app/cli_flags.h"
#include "core/audio/soundfont.h"
#include "core/audio/synth.h"
#include "core/generate/sampler.h"
#include "core/generate/take_stats.h"
#include "core/model/model_file.h"
#include "core/model/model_loader.h"
#include "core/model/scoring.h"
#include "core/music/melody_extractor.h"
#include "core/music/smf.h"
#include "core/project/primer_import.h"
#include "core/project/take_export.h"
#include "core/util/resources.h"

namespace musa::cli {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void add_model_flag(Flags& flags) {
  flags.value("model", "the shipped attention_rnn model", "model: Musa .safetensors, Magenta .mag or Magenta.js folder");
}

/** Loads --model, or the shipped model when the flag is absent. */
Result<ModelFile> load_model_flag(const Flags& flags) {
  std::string path = flags.given("model") ? flags.get("model") : default_model_path();
  if (path.empty())
    return Error{"no model: the shipped resources/models/attention_rnn.safetensors was not found; pass --model"};
  return load_any_model(path);
}

/** The one positional FILE.mid a command reads. */
Result<NoteSequence> read_input_midi(const Flags& flags) {
  if (flags.positional().size() != 1) return Error{"expected one MIDI file (see --help)"};
  return read_midi_file(flags.positional().front());
}

/** The melodies of a file as the training pipeline finds them. */
std::vector<Melody> file_melodies(const NoteSequence& seq, int steps_per_quarter) {
  return extract_melodies_from_sequence(seq, MelodyExtractorOptions::training(), steps_per_quarter);
}

Result<std::vector<int>> parse_primer_melody(const std::string& text) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array()) return Error{"--primer_melody must be a list like \"[60, -2, 62]\""};
  std::vector<int> events;
  for (const json& e : j) {
    if (!e.is_number_integer() || e.get<int>() < -2 || e.get<int>() > 127)
      return Error{"--primer_melody events must be whole numbers from -2 to 127"};
    events.push_back(e.get<int>());
  }
  return events;
}

/** Writes one take as a .mid file, primer included, as the app exports it. */
Status write_take(const Take& take, int number, double qpm, int program, const std::string& dir,
                  std::string& path) {
  TakeSequenceOptions options;
  options.qpm = qpm;
  path = (std::filesystem::path(dir) / take_file_name(number)).string();
  return write_midi_file(take_sequence(take, number, program, options), path);
}

}  // namespace

int generate(int argc, char** argv) {
  Flags flags("musa-cli generate [flags]",
              "Continues a primer melody: writes one .mid per take (primer included), like Magenta's\n"
              "melody_rnn_generate.");
  add_model_flag(flags);
  flags.value("primer_midi", "", "primer from a MIDI file (its melody track, as the app imports it; its tempo unless --qpm is given)");
  flags.value("primer_melody", "[60]", "primer as events: pitch 0-127, -2 hold, -1 silence");
  flags.value("num_outputs", "10", "number of takes");
  flags.value("bars", "8", "bars of 4/4 after the bar the primer ends in (whose rest is generated too)");
  flags.value("num_steps", "", "total length in 16th steps, primer included (Magenta's meaning; overrides --bars)");
  flags.value("temperature", "1.0", "lower = closer to the primer, higher = wilder; 0 = most likely");
  flags.value("qpm", "120", "tempo in quarter notes per minute");
  flags.value("seed", "random", "random seed; the same seed gives the same takes");
  flags.value("beam_size", "1", "beam search: sequences kept per take");
  flags.value("branch_factor", "1", "beam search: branches per kept sequence");
  flags.value("steps_per_iteration", "1", "beam search: steps between prunings");
  flags.toggle("in_key", "stay in the primer's (estimated major) key");
  flags.value("program", "0", "General MIDI program written to the takes");
  flags.value("output_dir", "musa-takes", "where the .mid files go");
  flags.toggle("stats", "also print statistics of the takes (share in C major, repeated 4-note patterns, range)");
  if (int code = parse_or_exit(flags, argc, argv); code >= 0) return code;

  const auto load_start = Clock::now();
  Result<ModelFile> model = load_model_flag(flags);
  if (!model.ok()) return fail(model.error());
  const double load_ms = ms_since(load_start);

  GenerationRequest request;
  double qpm = 120;
  if (!flags.get_double("qpm", qpm)) return fail(flags.error());
  if (flags.given("primer_midi")) {
    Result<NoteSequence> primer = read_midi_file(flags.get("primer_midi"));
    if (!primer.ok()) return fail(primer.error());
    // The app's import rule: the melody track's line, quantized over the file's tempo map.
    const std::vector<PrimerCandidate> candidates = primer_candidates(primer.value());
    const int best = best_primer_candidate(candidates);
    if (best < 0) return fail(flags.get("primer_midi") + ": no melody to use as a primer");
    request.primer = candidates[size_t(best)].events;
    if (!flags.given("qpm")) qpm = primer->initial_qpm();
  } else {
    Result<std::vector<int>> events = parse_primer_melody(flags.get("primer_melody"));
    if (!events.ok()) return fail(events.error());
    request.primer = events.value();
  }
  if (!(qpm >= 1 && qpm <= 1000)) return fail("--qpm must be between 1 and 1000");

  long takes = 0, bars = 0, beam = 0, branch = 0, spi = 0, program = 0;
  double temperature = 0;
  if (!flags.get_int("num_outputs", takes) || !flags.get_int("bars", bars) ||
      !flags.get_int("beam_size", beam) || !flags.get_int("branch_factor", branch) ||
      !flags.get_int("steps_per_iteration", spi) || !flags.get_int("program", program) ||
      !flags.get_double("temperature", temperature))
    return fail(flags.error());
  if (program < 0 || program > 127) return fail("--program must be 0..127");
  const int primer_steps = static_cast<int>(prepare_primer(request.primer).size());
  if (bars < 1 || bars > 255) return fail("--bars must be 1..255");
  long steps = continuation_steps(request.primer, int(bars), kStepsPerBar);
  if (flags.given("num_steps")) {
    long total = 0;
    if (!flags.get_int("num_steps", total)) return fail(flags.error());
    if (total <= primer_steps) return fail("--num_steps must be longer than the primer (" + std::to_string(primer_steps) + " steps)");
    steps = total - primer_steps;
  }
  if (steps < 1 || steps > 4096) return fail("--num_steps leaves nothing to generate, or more than 4096 steps");
  request.num_takes = int(takes);
  request.steps_to_generate = int(steps);
  request.temperature = float(temperature);
  request.beam_size = int(beam);
  request.branch_factor = int(branch);
  request.steps_per_iteration = int(spi);
  request.stay_in_key = flags.on("in_key");
  if (flags.get("seed") == "random") {
    request.seed = std::random_device{}();
  } else {
    long seed = 0;
    if (!flags.get_int("seed", seed)) return fail(flags.error());
    request.seed = uint64_t(seed);
  }

  Sampler sampler(std::make_shared<const ModelWeights>(std::move(model->weights)));
  const auto generate_start = Clock::now();
  Result<std::vector<Take>> result = sampler.generate(request);
  if (!result.ok()) return fail(result.error());
  const double generate_ms = ms_since(generate_start);

  const std::string dir = flags.get("output_dir");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return fail(dir + ": cannot create the folder (" + ec.message() + ")");
  for (size_t i = 0; i < result->size(); ++i) {
    std::string path;
    if (Status s = write_take(result.value()[i], int(i) + 1, qpm, int(program), dir, path); !s.ok())
      return fail(s.error());
    std::printf("%s\n", path.c_str());
  }
  if (flags.on("stats")) {
    const TakeStatistics st = take_statistics(result.value());
    std::printf("stats: %d notes, %.1f%% in C major, %.1f%% of 4-note patterns repeated, mean range %.1f semitones, "
                "%.2f notes per bar, %.1f%% of steps silent\n",
                st.notes, 100 * st.share_in_c_major, 100 * st.repeated_4_note_patterns, st.mean_pitch_range,
                st.notes_per_bar, 100 * st.share_silent_steps);
  }
  std::printf("%zu takes × %ld steps at %.0f qpm, seed %llu; model load %.0f ms, generation %.1f ms\n",
              result->size(), steps, qpm, static_cast<unsigned long long>(request.seed), load_ms,
              generate_ms);
  return 0;
}

int extract(int argc, char** argv) {
  Flags flags("musa-cli extract FILE.mid [--json]",
              "Lists the melodies Magenta's melody extractor finds (min 7 bars, 5 pitch classes,\n"
              "one bar of silence ends a melody, polyphonic tracks skipped).");
  flags.toggle("json", "print JSON: {\"melodies\": [{\"track\", \"start_step\", \"events\"}]}");
  if (int code = parse_or_exit(flags, argc, argv); code >= 0) return code;
  Result<NoteSequence> seq = read_input_midi(flags);
  if (!seq.ok()) return fail(seq.error());
  const std::vector<Melody> melodies = file_melodies(seq.value(), 4);
  if (flags.on("json")) {
    json out = {{"melodies", json::array()}};
    for (const Melody& m : melodies)
      out["melodies"].push_back({{"track", m.instrument}, {"start_step", m.start_step}, {"events", m.events}});
    std::printf("%s\n", out.dump().c_str());
    return 0;
  }
  std::printf("%zu melodies in %s\n", melodies.size(), flags.positional().front().c_str());
  for (const Melody& m : melodies)
    std::printf("  track %d, from step %d: %d steps (%d bars), %d pitch classes\n", m.instrument,
                m.start_step, m.size(), m.size() / m.steps_per_bar, m.unique_pitch_classes());
  return 0;
}

namespace {

/** Shared by encode and score: the file's melodies as the model sees them. */
struct Prepared {
  ModelFile model;
  std::vector<EncodedMelody> melodies;
};

Result<Prepared> prepare(Flags& flags) {
  Result<ModelFile> model = load_model_flag(flags);
  if (!model.ok()) return Error{model.error()};
  Result<NoteSequence> seq = read_input_midi(flags);
  if (!seq.ok()) return Error{seq.error()};
  const auto encoding = make_encoding(model->weights.config);
  Prepared p{std::move(model.value()), {}};
  for (const Melody& m : file_melodies(seq.value(), p.model.weights.config.steps_per_quarter))
    p.melodies.push_back(encode_melody(m, p.model.weights.config, *encoding));
  return p;
}

}  // namespace

int encode(int argc, char** argv) {
  Flags flags("musa-cli encode FILE.mid [--model M]",
              "Prints each melody as the model sees it (squashed, transposed to C), its input\n"
              "vectors and labels, as JSON.");
  add_model_flag(flags);
  if (int code = parse_or_exit(flags, argc, argv); code >= 0) return code;
  Result<Prepared> p = prepare(flags);
  if (!p.ok()) return fail(p.error());
  json out = {{"melodies", json::array()}};
  for (const EncodedMelody& m : p->melodies) {
    json inputs = json::array();
    for (Eigen::Index r = 0; r < m.inputs.rows(); ++r)
      inputs.push_back(std::vector<float>(m.inputs.row(r).data(), m.inputs.row(r).data() + m.inputs.cols()));
    out["melodies"].push_back({{"events", m.events}, {"inputs", inputs}, {"labels", m.labels}});
  }
  std::printf("%s\n", out.dump().c_str());
  return 0;
}

int score(int argc, char** argv) {
  Flags flags("musa-cli score FILE.mid [--model M]",
              "Scores each melody of a file: the log-probability of every label and the mean\n"
              "negative log-likelihood per step (nats), as JSON.");
  add_model_flag(flags);
  if (int code = parse_or_exit(flags, argc, argv); code >= 0) return code;
  Result<Prepared> p = prepare(flags);
  if (!p.ok()) return fail(p.error());
  const auto weights = std::make_shared<const ModelWeights>(p->model.weights);
  json out = {{"melodies", json::array()}};
  double total = 0;
  size_t steps = 0;
  for (const EncodedMelody& m : p->melodies) {
    const MelodyScore s = score_melody(weights, m);
    out["melodies"].push_back({{"events", m.events}, {"log_probs", s.log_probs}, {"mean_nll", s.mean_nll()}});
    for (double lp : s.log_probs) total -= lp;
    steps += s.log_probs.size();
  }
  out["mean_nll"] = steps ? total / double(steps) : 0.0;
  out["steps"] = steps;
  std::printf("%s\n", out.dump().c_str());
  return 0;
}

int info(int argc, char** argv) {
  Flags flags("musa-cli info [--model M]", "Prints a model's configuration and training provenance.");
  add_model_flag(flags);
  if (int code = parse_or_exit(flags, argc, argv); code >= 0) return code;
  Result<ModelFile> model = load_model_flag(flags);
  if (!model.ok()) return fail(model.error());
  const ModelConfig& c = model->weights.config;
  json out = {{"config", json::parse(config_to_json(c))},
              {"parameters", model->weights.parameter_count()},
              {"input_size", c.input_size()},
              {"num_classes", c.num_classes()}};
  out["training"] = model->training_json.empty() ? json(nullptr) : json::parse(model->training_json, nullptr, false);
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}

int render(int argc, char** argv) {
  Flags flags("musa-cli render FILE.mid -o FILE.wav [--soundfont SF] [--program N]",
              "Renders a MIDI file to a WAV file with FluidSynth (no sound card needed).");
  flags.value("o", "", "the WAV file to write");
  flags.value("soundfont", "the shipped FluidR3Mono GM", "SoundFont (.sf2/.sf3)");
  flags.value("program", "", "play every note with this General MIDI program 0-127");
  if (int code = parse_or_exit(flags, argc, argv); code >= 0) return code;
  if (flags.get("o").empty()) return fail("render needs -o FILE.wav");
  Result<NoteSequence> seq = read_input_midi(flags);
  if (!seq.ok()) return fail(seq.error());
  long program = -1;
  if (flags.given("program") && (!flags.get_int("program", program) || program < 0 || program > 127))
    return fail("--program must be 0..127");
  const std::string soundfont = find_soundfont(flags.given("soundfont") ? flags.get("soundfont") : "");
  if (soundfont.empty()) return fail("no SoundFont found: pass --soundfont");
  Result<std::unique_ptr<Synth>> synth = Synth::create(soundfont);
  if (!synth.ok()) return fail(synth.error());
  if (Status s = synth.value()->render_wav(seq.value(), flags.get("o"), int(program)); !s.ok())
    return fail(s.error());
  std::printf("%s\n", flags.get("o").c_str());
  return 0;
}

}  // namespace musa::cli
