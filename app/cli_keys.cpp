// musa-cli key-eval and originality-index: measuring how takes sound in a
// chosen key, and building a model's originality index from its training
// data.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "app/cli_commands.h"
#include "app/cli_flags.h"
#include "core/generate/originality.h"
#include "core/generate/sampler.h"
#include "core/generate/take_report.h"
#include "core/model/model_loader.h"
#include "core/train/dataset.h"
#include "core/train/training_run.h"
#include "core/util/resources.h"

namespace musa::cli {
namespace {

using Clock = std::chrono::steady_clock;

/** C-major primers a musician might draw: a scale, a nursery tune, an arpeggio figure, one note. */
std::vector<std::pair<std::string, std::vector<int>>> c_major_primers() {
  return {
      {"scale", melody_line({{60, 4}, {62, 4}, {64, 4}, {65, 4}, {67, 4}, {69, 4}, {71, 4}, {72, 4}})},
      {"tune", melody_line({{60, 2},
                            {60, 2},
                            {67, 2},
                            {67, 2},
                            {69, 2},
                            {69, 2},
                            {67, 4},
                            {65, 2},
                            {65, 2},
                            {64, 2},
                            {64, 2},
                            {62, 2},
                            {62, 2},
                            {60, 4}})},
      {"arpeggio",
       melody_line(
           {{60, 2}, {64, 2}, {67, 2}, {72, 2}, {71, 2}, {67, 2}, {65, 2}, {62, 2}, {60, 8}, {-1, 8}})},
      {"one note", {60}},
  };
}

struct Method {
  std::string name;
  KeyAdaptation adaptation;
};

std::vector<Method> methods(double bias) {
  using M = KeyAdaptation::Mapping;
  const std::string b = std::to_string(int(bias));
  return {{"none (before)", {M::none, 0}},
          {"map primer", {M::primer, 0}},
          {"map output", {M::output, 0}},
          {"bias " + b, {M::none, bias}},
          {"bias " + std::to_string(int(bias * 2)), {M::none, bias * 2}},
          {"map primer + bias " + b, {M::primer, bias}},
          {"map output + bias " + b, {M::output, bias}}};
}

}  // namespace

int key_eval(int argc, char** argv) {
  Flags flags("musa-cli key-eval [--model M] [flags]",
              "How well takes sound in a key other than the primer's: C-major primers (a scale, a tune, an\n"
              "arpeggio, one note) continued in C in every mode, by each way of bringing the key in. Prints\n"
              "per mode the mean Pearson correlation of each take's duration-weighted pitch classes with\n"
              "the mode's key profile, and the share of notes in the mode's scale (Markdown tables).");
  add_model_flag(flags);
  flags.value("takes", "16", "takes per primer, mode and method");
  flags.value("bars", "8", "bars per take");
  flags.value("temperature", "1.0", "sampling temperature");
  flags.value("seed", "1", "random seed (the same for every cell)");
  flags.value("bias", "2", "the bias (nats) of the bias methods; the next column doubles it");
  flags.toggle("in_key", "with the stay-in-key mask");
  if (int code = parse_or_exit(flags, argc, argv); code >= 0) return code;
  Result<ModelFile> model = load_any_model(model_path_flag(flags));
  if (!model.ok()) return fail(model.error());
  long takes = 16, bars = 8, seed = 1;
  double temperature = 1, bias = 2;
  if (!flags.get_int("takes", takes) || !flags.get_int("bars", bars) || !flags.get_int("seed", seed) ||
      !flags.get_double("temperature", temperature) || !flags.get_double("bias", bias))
    return fail(flags.error());
  if (takes < 1 || takes > 64 || bars < 1 || bars > 32) return fail("--takes must be 1..64 and --bars 1..32");
  Sampler sampler(std::make_shared<const ModelWeights>(std::move(model->weights)));
  const auto primers = c_major_primers();
  const std::vector<Method> all = methods(bias);
  std::string header = "| mode |", rule = "|---|";
  for (const Method& m : all) header += " " + m.name + " |", rule += "---|";
  std::vector<std::string> correlation_rows, in_key_rows;
  std::vector<double> mean_r(all.size()), mean_in(all.size());
  const auto start = Clock::now();
  for (Mode mode : all_modes()) {
    std::string r_row = "| " + std::string(mode_words(mode)) + " |", in_row = r_row;
    for (size_t m = 0; m < all.size(); ++m) {
      double r_sum = 0, in_sum = 0;
      int n = 0;
      for (const auto& [name, primer] : primers) {
        GenerationRequest request;
        request.primer = primer;
        request.num_takes = int(takes);
        request.steps_to_generate = continuation_steps(primer, int(bars));
        request.temperature = float(temperature);
        request.seed = uint64_t(seed);
        request.key = Key{0, mode};
        request.stay_in_key = flags.on("in_key");
        request.key_adaptation = all[m].adaptation;
        Result<std::vector<Take>> result = sampler.generate(request);
        if (!result.ok()) return fail(result.error());
        for (const Take& take : result.value()) {
          const TakeReport report = describe_take(take);
          r_sum += report.key_correlation, in_sum += report.in_key, ++n;
        }
      }
      char cell[32];
      std::snprintf(cell, sizeof cell, " %.3f |", r_sum / n);
      r_row += cell;
      std::snprintf(cell, sizeof cell, " %.1f%% |", 100 * in_sum / n);
      in_row += cell;
      mean_r[m] += r_sum / n / kModeCount, mean_in[m] += in_sum / n / kModeCount;
    }
    correlation_rows.push_back(r_row), in_key_rows.push_back(in_row);
  }
  std::printf("Key-profile correlation (Pearson r, mean over %zu primers × %ld takes)%s\n\n%s\n%s\n",
              primers.size(), takes, flags.on("in_key") ? ", stay in key" : "", header.c_str(), rule.c_str());
  for (const std::string& row : correlation_rows) std::printf("%s\n", row.c_str());
  std::printf("| **mean** |");
  for (double r : mean_r) std::printf(" **%.3f** |", r);
  std::printf("\n\nNotes in the mode's scale\n\n%s\n%s\n", header.c_str(), rule.c_str());
  for (const std::string& row : in_key_rows) std::printf("%s\n", row.c_str());
  std::printf("| **mean** |");
  for (double in : mean_in) std::printf(" **%.1f%%** |", 100 * in);
  std::printf("\n\n%ld bars at temperature %.2f, seed %ld; %.1f s\n", bars, temperature, seed,
              std::chrono::duration<double>(Clock::now() - start).count());
  return 0;
}

int originality_index(int argc, char** argv) {
  Flags flags("musa-cli originality-index --data DIR... [--model M] [--out FILE]",
              "Builds a model's originality index from its training split (the same files, split and\n"
              "melody extraction as `musa-cli train`): every training melody as interval + rhythm tokens\n"
              "with their suffix array, written beside the model. `train` writes it by itself.");
  flags.value("model", "the shipped attention_rnn model", "the model the index is for (its note range)");
  add_data_flags(flags);
  flags.value("out", "MODEL.originality", "the index file to write");
  if (int code = parse_or_exit(flags, argc, argv); code >= 0) return code;
  const std::string model_path = model_path_flag(flags);
  Result<ModelFile> model = load_any_model(model_path);
  if (!model.ok()) return fail(model.error());
  const auto start = Clock::now();
  OriginalityIndex index;
  const ModelConfig& config = model->weights.config;
  Result<Dataset> data =
      load_data(flags, config, 0, 0, SingleProcess(), originality_collector(index, config));
  if (!data.ok()) return fail(data.error());
  const double read_s = std::chrono::duration<double>(Clock::now() - start).count();
  const auto build_start = Clock::now();
  index.finish();
  const double build_s = std::chrono::duration<double>(Clock::now() - build_start).count();
  const std::string out = flags.given("out") ? flags.get("out") : originality_index_path(model_path);
  if (Status s = index.save(out); !s.ok()) return fail(s.error());
  std::printf("%s: %zu melodies from %zu files, %zu notes, %ju bytes; reading %.1f s, index %.2f s\n",
              out.c_str(), index.melody_count(), index.file_count(), index.token_count(),
              std::uintmax_t(std::filesystem::file_size(out)), read_s, build_s);
  return 0;
}

}  // namespace musa::cli
