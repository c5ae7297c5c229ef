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
#include "core/generate/primer_melody.h"
#include "core/generate/sampler.h"
#include "core/generate/take_report.h"
#include "core/generate/take_stats.h"
#include "core/model/kernels.h"
#include "core/model/model_file.h"
#include "core/model/model_loader.h"
#include "core/model/scoring.h"
#include "core/music/melody_extractor.h"
#include "core/music/smf.h"
#include "core/project/primer_import.h"
#include "core/project/take_export.h"
#include "core/util/file_io.h"
#include "core/util/resources.h"

namespace musa::cli {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/** "1.25" bars. */
std::string format_bars(double bars) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", bars);
  return text;
}

/** "major, natural_minor, ..." */
std::string mode_list() {
  std::string list;
  for (Mode mode : all_modes()) list += (list.empty() ? "" : ", ") + std::string(mode_id(mode));
  return list;
}

}  // namespace

void add_model_flag(Flags& flags) {
  flags.value("model", "the shipped attention_rnn model",
              "model: Musa .safetensors, Magenta .mag or Magenta.js folder");
}

std::string model_path_flag(const Flags& flags) {
  return flags.given("model") ? flags.get("model") : default_model_path();
}

namespace {

/** The originality index beside the model; nullopt (printed) when there is none or it cannot be read. */
std::optional<OriginalityIndex> load_originality_flag(const Flags& flags) {
  const std::string path = originality_index_path(model_path_flag(flags));
  if (!std::filesystem::exists(path)) return std::nullopt;
  Result<OriginalityIndex> index = OriginalityIndex::load(path);
  if (index.ok()) return std::move(index.value());
  std::fprintf(stderr, "musa-cli: %s\n", index.error().c_str());
  return std::nullopt;
}

/** Loads --model, or the shipped model when the flag is absent. */
Result<ModelFile> load_model_flag(const Flags& flags) {
  std::string path = model_path_flag(flags);
  if (path.empty())
    return Error{
        "no model: the shipped resources/models/attention_rnn.safetensors was not found; pass --model"};
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

/** Writes takes as one file (a track or part each) in `format` ("mid" or "musicxml"), primer included. */
Status write_takes(const std::vector<TakeTrack>& tracks, double qpm, const std::string& format,
                   const std::string& path) {
  TakeSequenceOptions options;
  options.qpm = qpm;
  if (format == "musicxml") {
    const std::string text = takes_musicxml(tracks, options);
    return write_file_atomically(path, text.data(), text.size());
  }
  return write_midi_file(tracks.size() == 1
                             ? take_sequence(*tracks[0].take, tracks[0].number, tracks[0].program, options)
                             : take_sequence(tracks, options),
                         path);
}

/** The request's key from --key and --mode ("auto": the primer's). */
Status read_key_flags(const Flags& flags, GenerationRequest& request) {
  const std::string tonic = flags.get("key"), mode = flags.get("mode");
  if (tonic == "auto") {
    if (flags.given("mode")) return Error{"--mode needs --key (a tonic such as C, Eb or F#)"};
    return {};
  }
  const std::optional<Key> key = parse_key(tonic, mode);
  if (!key) return Error{"--key must be a tonic such as C, Eb or F#, and --mode one of " + mode_list()};
  request.key = key;
  return {};
}

Status read_adaptation_flags(Flags& flags, KeyAdaptation& adaptation) {
  const std::string mapping = flags.get("key_mapping");
  if (mapping == "primer")
    adaptation.mapping = KeyAdaptation::Mapping::primer;
  else if (mapping == "output")
    adaptation.mapping = KeyAdaptation::Mapping::output;
  else if (mapping == "none")
    adaptation.mapping = KeyAdaptation::Mapping::none;
  else
    return Error{"--key_mapping must be primer, output or none"};
  if (!flags.get_double("key_bias", adaptation.bias) || !(adaptation.bias >= 0 && adaptation.bias <= 20))
    return Error{"--key_bias must be a number of nats from 0 to 20"};
  return {};
}

/** A line per take (why it differs, whether it copies a training song), then the originality summary. */
void print_take_reports(const std::vector<Take>& takes, const OriginalityIndex* index) {
  int copies = 0;
  double longest = 0, total = 0;
  for (size_t i = 0; i < takes.size(); ++i) {
    const TakeReport r = describe_take(takes[i], index);
    if (r.originality) {
      copies += r.copies_training_song();
      longest = std::max(longest, r.originality->bars());
      total += r.originality->bars();
    }
    std::string originality = "originality unknown";
    if (r.originality && r.copies_training_song())
      originality = "COPIES " + format_bars(r.originality->bars()) + " bars of " + r.originality->file;
    else if (r.originality)
      originality = "longest run in a training song " + format_bars(r.originality->bars()) + " bars";
    std::printf(
        "take %zu: %s; range %d semitones; %.0f%% in key (r = %.2f); %.1f notes/bar; %.0f%% figures "
        "repeated; "
        "like the primer: intervals %.2f, pitch classes %.2f; %.3f nats/step; %s\n",
        i + 1, key_name(r.key).c_str(), r.range(), 100 * r.in_key, r.key_correlation, r.notes_per_bar,
        100 * r.repeated_patterns, r.primer_intervals, r.primer_pitch_classes, r.log_likelihood_per_step,
        originality.c_str());
  }
  if (index && !takes.empty())
    std::printf(
        "originality: %d of %zu takes copy %g bars or more of a training song; longest shared run %s bars, "
        "mean %s\n",
        copies, takes.size(), kCopiedBars, format_bars(longest).c_str(),
        format_bars(total / double(takes.size())).c_str());
}

}  // namespace

int generate(int argc, char** argv) {
  Flags flags("musa-cli generate [flags]",
              "Continues a primer melody: writes one .mid (or .musicxml) per take (primer included), like\n"
              "Magenta's melody_rnn_generate.");
  add_model_flag(flags);
  flags.value(
      "primer_midi", "",
      "primer from a MIDI file (its melody track, as the app imports it; its tempo unless --qpm is given)");
  flags.value("primer_melody", "[60]", "primer as events: pitch 0-127, -2 hold, -1 silence");
  flags.value("num_outputs", "10", "number of takes");
  flags.value("bars", "8", "bars of 4/4 after the bar the primer ends in (whose rest is generated too)");
  flags.value("num_steps", "",
              "total length in 16th steps, primer included (Magenta's meaning; overrides --bars)");
  flags.value("temperature", "1.0", "lower = closer to the primer, higher = wilder; 0 = most likely");
  flags.value("qpm", "120", "tempo in quarter notes per minute");
  flags.value("seed", "random", "random seed; the same seed gives the same takes");
  flags.value("beam_size", "1", "beam search: sequences kept per take");
  flags.value("branch_factor", "1", "beam search: branches per kept sequence");
  flags.value("steps_per_iteration", "1", "beam search: steps between prunings");
  flags.value("key", "auto",
              "the key the takes should sound in: a tonic (C, Eb, F#, ...) or auto (the primer's)");
  flags.value("mode", "major", "with --key: " + mode_list());
  flags.toggle("in_key", "stay in the key: only notes of its scale (auto: the primer's estimated key)");
  flags.value("key_mapping", "output",
              "a --key other than the primer's: output (the network's notes are moved into "
              "it), primer (it hears the primer moved into it) or none");
  flags.value("key_bias", "0", "a --key other than the primer's: nats added to its characteristic notes");
  flags.value("program", "0", "General MIDI program written to the takes");
  flags.value("output_dir", "musa-takes", "where the files go");
  flags.value("format", "mid", "mid (Standard MIDI File) or musicxml (a score, MusicXML 4.0)");
  flags.toggle("one_file", "all takes in one file: a track (mid) or part (musicxml) each");
  flags.toggle("stats",
               "also print statistics of the takes and, per take, why it differs and its originality");
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
    if (total <= primer_steps)
      return fail("--num_steps must be longer than the primer (" + std::to_string(primer_steps) + " steps)");
    steps = total - primer_steps;
  }
  if (steps < 1 || steps > 4096)
    return fail("--num_steps leaves nothing to generate, or more than 4096 steps");
  request.num_takes = int(takes);
  request.steps_to_generate = int(steps);
  request.temperature = float(temperature);
  request.beam_size = int(beam);
  request.branch_factor = int(branch);
  request.steps_per_iteration = int(spi);
  request.stay_in_key = flags.on("in_key");
  if (Status s = read_key_flags(flags, request); !s.ok()) return fail(s.error());
  if (Status s = read_adaptation_flags(flags, request.key_adaptation); !s.ok()) return fail(s.error());
  const std::string format = flags.get("format");
  if (format != "mid" && format != "musicxml") return fail("--format must be mid or musicxml");
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
  const std::string extension = "." + format;
  std::vector<TakeTrack> tracks;
  for (size_t i = 0; i < result->size(); ++i)
    tracks.push_back({&result.value()[i], int(i) + 1, int(program)});
  auto write = [&](const std::vector<TakeTrack>& part, const std::string& name) {
    const std::string path = (std::filesystem::path(dir) / name).string();
    if (Status s = write_takes(part, qpm, format, path); !s.ok()) return fail(s.error());
    std::printf("%s\n", path.c_str());
    return 0;
  };
  if (flags.on("one_file")) {
    if (int code = write(tracks, "musa-takes" + extension)) return code;
  } else {
    for (const TakeTrack& track : tracks)
      if (int code = write({track}, take_file_name(track.number, extension))) return code;
  }
  if (flags.on("stats")) {
    const TakeStatistics st = take_statistics(result.value());
    std::printf(
        "stats: %d notes, %.1f%% in C major, %.1f%% of 4-note patterns repeated, mean range %.1f semitones, "
        "%.2f notes per bar, %.1f%% of steps silent\n",
        st.notes, 100 * st.share_in_c_major, 100 * st.repeated_4_note_patterns, st.mean_pitch_range,
        st.notes_per_bar, 100 * st.share_silent_steps);
    const std::optional<OriginalityIndex> index = load_originality_flag(flags);
    print_take_reports(result.value(), index ? &*index : nullptr);
  }
  const Key primer_key = estimate_key(prepare_primer(request.primer));
  std::printf(
      "%zu takes × %ld steps at %.0f qpm in %s (primer: %s), seed %llu; model load %.0f ms, generation %.1f "
      "ms\n",
      result->size(), steps, qpm, key_name(request.key.value_or(primer_key)).c_str(),
      key_name(primer_key).c_str(), static_cast<unsigned long long>(request.seed), load_ms, generate_ms);
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
      out["melodies"].push_back(
          {{"track", m.instrument}, {"start_step", m.start_step}, {"events", m.events}});
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
  Flags flags(
      "musa-cli info [--model M]",
      "Prints a model's configuration and training provenance, and the network kernels this CPU runs.");
  add_model_flag(flags);
  if (int code = parse_or_exit(flags, argc, argv); code >= 0) return code;
  Result<ModelFile> model = load_model_flag(flags);
  if (!model.ok()) return fail(model.error());
  const ModelConfig& c = model->weights.config;
  json out = {{"config", json::parse(config_to_json(c))},
              {"parameters", model->weights.parameter_count()},
              {"input_size", c.input_size()},
              {"num_classes", c.num_classes()}};
  json sets = json::array();
  for (const kernels::KernelSet* set : kernels::supported()) sets.push_back(set->name);
  out["kernels"] = {
      {"running", kernels::best().name}, {"note", kernels::kernels_note()}, {"supported", sets}};
  out["training"] =
      model->training_json.empty() ? json(nullptr) : json::parse(model->training_json, nullptr, false);
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
