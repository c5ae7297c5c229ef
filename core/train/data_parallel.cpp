#include "core/train/data_parallel.h"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

namespace musa {
namespace {

using json = nlohmann::json;

std::vector<std::uint8_t> to_bytes(const std::vector<std::int32_t>& values) {
  std::vector<std::uint8_t> bytes(values.size() * sizeof(std::int32_t));
  if (!bytes.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

std::vector<std::int32_t> to_ints(const std::vector<std::uint8_t>& bytes) {
  std::vector<std::int32_t> values(bytes.size() / sizeof(std::int32_t));
  if (!values.empty()) std::memcpy(values.data(), bytes.data(), values.size() * sizeof(std::int32_t));
  return values;
}

json summary_json(const DatasetSummary& s) {
  return {{"training_files", s.training_files},    {"validation_files", s.validation_files},
          {"without", s.files_without_melodies},   {"skipped", s.skipped},
          {"examples", s.skipped_examples},        {"training_steps", s.training_steps},
          {"validation_steps", s.validation_steps}};
}

DatasetSummary summary_from_json(const json& j) {
  DatasetSummary s;
  s.training_files = j.at("training_files").get<int>();
  s.validation_files = j.at("validation_files").get<int>();
  s.files_without_melodies = j.at("without").get<int>();
  s.skipped = j.at("skipped").get<std::map<std::string, int>>();
  s.skipped_examples = j.at("examples").get<std::vector<std::string>>();
  s.training_steps = j.at("training_steps").get<long>();
  s.validation_steps = j.at("validation_steps").get<long>();
  return s;
}

/** Where a training sequence is: its file (for one process's order), length and holder. */
struct Entry {
  int file, length, rank, local;
};

}  // namespace

TrainingIndex local_training_index(const Dataset& data) {
  TrainingIndex index;
  for (size_t i = 0; i < data.training.size(); ++i) {
    index.lengths.push_back(data.training[i].length());
    index.local.push_back(int(i));
  }
  index.validation_sequences = long(data.validation.size());
  return index;
}

Result<TrainingIndex> gather_training_index(const Dataset& shard, ProcessGroup& group) {
  // Each process sends [validation sequences, then (file, length) per training sequence].
  std::vector<std::int32_t> mine = {std::int32_t(shard.validation.size())};
  for (const EncodedSequence& s : shard.training) {
    mine.push_back(s.file);
    mine.push_back(s.length());
  }
  const std::vector<std::vector<std::uint8_t>> parts = group.all_gather(to_bytes(mine));
  TrainingIndex index;
  std::vector<Entry> entries;
  for (size_t r = 0; r < parts.size(); ++r) {
    const std::vector<std::int32_t> values = to_ints(parts[r]);
    if (values.empty()) continue;
    index.validation_sequences += values[0];
    for (size_t i = 1; i + 1 < values.size(); i += 2)
      entries.push_back({values[i], values[i + 1], int(r), int(i / 2)});
  }
  // One process loads files in sorted order and a file's melodies in order;
  // a file belongs to one shard, whose sequences are already in that order.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.file < b.file; });
  for (const Entry& e : entries) {
    index.lengths.push_back(e.length);
    index.local.push_back(e.rank == group.rank() ? e.local : -1);
  }
  if (index.lengths.empty()) return Error{"no training melodies found in any process's files"};
  return index;
}

DatasetSummary gather_summary(const DatasetSummary& local, ProcessGroup& group) {
  const std::string text = summary_json(local).dump();
  const auto parts =
      group.all_gather(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
  DatasetSummary total;
  for (const std::vector<std::uint8_t>& part : parts) total += summary_from_json(json::parse(part));
  return total;
}

LossStats sum_over(ProcessGroup& group, const LossStats& local, long& count) {
  double v[] = {local.loss_sum,      local.steps,           local.correct,
                local.note_on_steps, local.note_on_correct, double(count)};
  group.sum(v);
  count = long(v[5]);
  return LossStats{v[0], v[1], v[2], v[3], v[4]};
}

namespace {
constexpr size_t kStatsSlots = 6;  // the five LossStats sums and the stop request
}

UpdateReducer::UpdateReducer(const ModelWeights& shape)
    : flat_(size_t(shape.parameter_count()) + kStatsSlots) {}

bool UpdateReducer::sum(ProcessGroup& group, ModelWeights& grads, LossStats& stats, bool stop_requested) {
  float* at = flat_.data();
  for (const auto& t : std::as_const(grads).tensors()) at = std::copy(t.data, t.data + t.size, at);
  // Counts are integers below 2^24, exact in float; the loss sum is for reports only.
  const float figures[kStatsSlots] = {float(stats.loss_sum),        float(stats.steps),
                                      float(stats.correct),         float(stats.note_on_steps),
                                      float(stats.note_on_correct), stop_requested ? 1.0f : 0.0f};
  std::copy(figures, figures + kStatsSlots, at);
  group.sum(flat_);
  at = flat_.data();
  for (const auto& t : grads.tensors()) {
    std::copy(at, at + t.size, t.data);
    at += t.size;
  }
  stats = LossStats{at[0], at[1], at[2], at[3], at[4]};
  return at[5] > 0;
}

}  // namespace musa
