#include "core/train/dataset.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/model/encoding.h"
#include "core/model/scoring.h"
#include "core/music/smf.h"

namespace musa {
namespace {

bool has_midi_extension(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".mid" || ext == ".midi";
}

EncodedSequence compact(const EncodedMelody& m, int file) {
  EncodedSequence s;
  s.file = file;
  s.inputs.resize(size_t(m.inputs.size()));
  for (Eigen::Index i = 0; i < m.inputs.size(); ++i) s.inputs[size_t(i)] = int8_t(m.inputs.data()[i]);
  s.labels.assign(m.labels.begin(), m.labels.end());
  return s;
}

/** The part of an error after "FILE: ", so errors of many files can be counted together. */
std::string reason_of(const std::string& error, const std::string& path) {
  if (error.rfind(path + ": ", 0) == 0) return error.substr(path.size() + 2);
  return error;
}

}  // namespace

std::string DatasetSummary::text() const {
  std::string s = std::to_string(training_files) + " training files (" + std::to_string(training_steps) +
                  " steps), " + std::to_string(validation_files) + " validation files (" +
                  std::to_string(validation_steps) + " steps)";
  if (files_without_melodies) s += ", " + std::to_string(files_without_melodies) + " without a usable melody";
  int bad = 0;
  for (const auto& [reason, n] : skipped) bad += n;
  if (bad) {
    s += "; skipped " + std::to_string(bad) + " unreadable:";
    for (const auto& [reason, n] : skipped) s += " " + std::to_string(n) + "× " + reason + ";";
  }
  return s;
}

DatasetSummary& DatasetSummary::operator+=(const DatasetSummary& other) {
  training_files += other.training_files;
  validation_files += other.validation_files;
  files_without_melodies += other.files_without_melodies;
  for (const auto& [reason, n] : other.skipped) skipped[reason] += n;
  for (const std::string& example : other.skipped_examples)
    if (skipped_examples.size() < 5) skipped_examples.push_back(example);
  training_steps += other.training_steps;
  validation_steps += other.validation_steps;
  return *this;
}

Result<std::vector<std::string>> list_midi_files(const std::vector<std::string>& folders) {
  namespace fs = std::filesystem;
  std::set<std::string> files;
  for (const std::string& folder : folders) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return Error{folder + ": not a folder"};
    for (auto it =
             fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) && has_midi_extension(it->path())) files.insert(it->path().string());
    }
    if (ec) return Error{folder + ": cannot list (" + ec.message() + ")"};
  }
  return std::vector<std::string>(files.begin(), files.end());
}

Result<Dataset> load_dataset(const DatasetOptions& options, const ModelConfig& config,
                             const TrainingMelodyVisitor& on_training_melody) {
  Result<std::vector<std::string>> files = list_midi_files(options.folders);
  if (!files.ok()) return Error{files.error()};
  if (files->empty()) return Error{"no .mid files in the data folders"};
  const auto encoding = make_encoding(config);
  Dataset data;
  DatasetSummary& sum = data.summary;
  const int count =
      options.max_files > 0 ? std::min<int>(options.max_files, int(files->size())) : int(files->size());
  const int shards = std::max(1, options.shards);
  for (int i = options.shard % shards; i < count; i += shards) {
    const std::string& path = files.value()[i];
    Result<NoteSequence> seq = read_midi_file(path);
    if (!seq.ok()) {
      ++sum.skipped[reason_of(seq.error(), path)];
      if (sum.skipped_examples.size() < 5) sum.skipped_examples.push_back(seq.error());
      continue;
    }
    const bool validation = is_validation_file(i, options.validation_every);
    MelodyExtractorOptions extraction = MelodyExtractorOptions::training();
    if (!validation) extraction.max_steps_truncate = options.training_max_steps;
    extraction.ignore_polyphonic_notes =
        validation ? options.validation_top_lines : options.training_top_lines;
    std::vector<Melody> melodies =
        extract_melodies_from_sequence(seq.value(), extraction, config.steps_per_quarter);
    if (melodies.empty()) {
      ++sum.files_without_melodies;
      continue;
    }
    ++(validation ? sum.validation_files : sum.training_files);
    auto& split = validation ? data.validation : data.training;
    const int low = validation ? 0 : options.transpose_low, high = validation ? 0 : options.transpose_high;
    for (const Melody& melody : melodies) {
      if (!validation && on_training_melody) on_training_melody(path, melody);
      for (int shift = low; shift <= high; ++shift) {
        Melody shifted = melody;
        shifted.transpose(shift);  // like TranspositionPipeline, before the encoder squashes
        EncodedMelody encoded = encode_melody(shifted, config, *encoding);
        if (encoded.labels.empty()) continue;
        (validation ? sum.validation_steps : sum.training_steps) += long(encoded.labels.size());
        split.push_back(compact(encoded, i));
      }
    }
  }
  if (shards == 1 && data.training.empty()) return Error{"no training melodies found (" + sum.text() + ")"};
  return data;
}

}  // namespace musa
