#include "core/model/model_file.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <random>

#include "core/util/file_io.h"

namespace musa {
namespace {

using json = nlohmann::json;

constexpr const char* kFormat = "musa-melody-rnn";
constexpr const char* kVersion = "1";
constexpr uint64_t kMaxModelBytes = 1ull << 30;
constexpr uint64_t kMaxHeaderBytes = 16u << 20;

std::string shape_text(const std::vector<int>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

/** Checks the config's values are ones a network can be built from. */
Status validate_config(const ModelConfig& c) {
  if (c.min_note < 0 || c.max_note > 128 || c.max_note - c.min_note < 12)
    return Error{"config: note range must lie in 0..128 and span at least an octave"};
  if (c.layer_sizes.empty() || c.layer_sizes.size() > 8)
    return Error{"config: layer_sizes must list 1 to 8 layers"};
  for (int h : c.layer_sizes)
    if (h < 1 || h > 4096) return Error{"config: layer size out of range 1..4096"};
  if (c.attn_length < 0 || c.attn_length > 1024) return Error{"config: attn_length out of range 0..1024"};
  if (c.steps_per_quarter < 1 || c.steps_per_quarter > 96)
    return Error{"config: steps_per_quarter out of range 1..96"};
  if (c.transpose_to_key < -1 || c.transpose_to_key > 11)
    return Error{"config: transpose_to_key must be 0..11 (or -1 for none)"};
  return {};
}

}  // namespace

std::string config_to_json(const ModelConfig& c) {
  json j = json::object();
  j["encoding"] = encoding_name(c.encoding);
  j["min_note"] = c.min_note;
  j["max_note"] = c.max_note;
  j["layer_sizes"] = c.layer_sizes;
  j["attn_length"] = c.attn_length;
  j["steps_per_quarter"] = c.steps_per_quarter;
  j["transpose_to_key"] = c.transpose_to_key;
  return j.dump();
}

Result<ModelConfig> config_from_json(const std::string& text) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error{"config is not a JSON object"};
  // Each field's type is checked before it is read, so a hostile file gets a message, not an exception.
  const auto whole = [&j](const char* key, int& out) -> Status {
    const auto it = j.find(key);
    if (it == j.end()) return Error{std::string("config.") + key + " is missing"};
    if (!it->is_number_integer() || *it < -(1 << 30) || *it > (1 << 30))
      return Error{std::string("config.") + key + " is not a whole number"};
    out = it->get<int>();
    return {};
  };
  ModelConfig c;
  const auto encoding = j.find("encoding");
  if (encoding == j.end() || !encoding->is_string())
    return Error{"config.encoding is missing or not a string"};
  if (!parse_encoding_name(encoding->get<std::string>(), c.encoding))
    return Error{"config: unknown encoding '" + encoding->get<std::string>() + "'"};
  for (auto [key, field] :
       {std::pair{"min_note", &c.min_note}, {"max_note", &c.max_note}, {"attn_length", &c.attn_length}})
    if (Status s = whole(key, *field); !s.ok()) return Error{s.error()};
  if (j.contains("steps_per_quarter"))
    if (Status s = whole("steps_per_quarter", c.steps_per_quarter); !s.ok()) return Error{s.error()};
  if (const auto key = j.find("transpose_to_key"); key != j.end() && key->is_null())
    c.transpose_to_key = -1;
  else if (Status s = whole("transpose_to_key", c.transpose_to_key); !s.ok())
    return Error{s.error()};
  const auto layers = j.find("layer_sizes");
  if (layers == j.end() || !layers->is_array() || layers->size() > 8)
    return Error{"config.layer_sizes is missing or not a list of up to 8 sizes"};
  c.layer_sizes.clear();
  for (const json& size : *layers) {
    if (!size.is_number_integer() || size < 1 || size > 4096)
      return Error{"config.layer_sizes holds something other than a size 1..4096"};
    c.layer_sizes.push_back(size.get<int>());
  }
  if (Status s = validate_config(c); !s.ok()) return Error{s.error()};
  return c;
}

Result<ModelFile> load_model(const std::string& path) {
  Result<std::vector<uint8_t>> bytes = read_file_bytes(path, kMaxModelBytes);
  if (!bytes.ok()) return Error{bytes.error()};
  return load_model_bytes(bytes.value(), path);
}

Result<ModelFile> load_model_bytes(const std::vector<uint8_t>& bytes, const std::string& name) {
  auto fail = [&](const std::string& why) { return Error{name + ": " + why}; };
  if (bytes.size() < 8) return fail("too short to be a model file (no header length)");
  uint64_t header_len = 0;
  for (int i = 7; i >= 0; --i) header_len = (header_len << 8) | bytes[i];
  if (header_len > kMaxHeaderBytes || header_len > bytes.size() - 8)
    return fail("header length " + std::to_string(header_len) + " runs past the end of the file");
  const json header = json::parse(bytes.begin() + 8, bytes.begin() + 8 + long(header_len), nullptr, false);
  if (header.is_discarded() || !header.is_object()) return fail("header is not valid JSON");
  const auto meta_it = header.find("__metadata__");
  if (meta_it == header.end() || !meta_it->is_object())
    return fail(std::string("not a Musa melody model (no __metadata__ object; format '") + kFormat + "')");
  const json& meta = *meta_it;
  // MODEL.md §4: every __metadata__ value is a string; anything else is named, never thrown.
  for (const char* key : {"format", "version", "config", "training"})
    if (meta.contains(key) && !meta[key].is_string())
      return fail(std::string("__metadata__.") + key + " is not a string");
  if (meta.value("format", "") != kFormat)
    return fail(std::string("not a Musa melody model (__metadata__.format is not '") + kFormat + "')");
  if (meta.value("version", "") != kVersion)
    return fail("model file version '" + meta.value("version", std::string("?")) +
                "' is not supported (this Musa reads version 1)");
  if (!meta.contains("config")) return fail("__metadata__.config is missing");
  Result<ModelConfig> config = config_from_json(meta["config"].get<std::string>());
  if (!config.ok()) return fail(config.error());

  ModelFile model{ModelWeights::zeros(config.value()), meta.value("training", std::string())};
  const uint8_t* data = bytes.data() + 8 + header_len;
  const uint64_t data_size = bytes.size() - 8 - header_len;
  std::vector<std::pair<uint64_t, uint64_t>> ranges;
  for (TensorRef<float>& t : model.weights.tensors()) {
    const auto entry_it = header.find(t.name);
    if (entry_it == header.end()) return fail("tensor '" + t.name + "' is missing");
    const json& entry = *entry_it;
    try {
      if (entry.at("dtype").get<std::string>() != "F32") return fail("tensor '" + t.name + "' is not F32");
      const auto shape = entry.at("shape").get<std::vector<int>>();
      if (shape != t.shape)
        return fail("tensor '" + t.name + "' has shape " + shape_text(shape) + ", the config needs " +
                    shape_text(t.shape));
      const auto offsets = entry.at("data_offsets").get<std::vector<uint64_t>>();
      if (offsets.size() != 2 || offsets[0] > offsets[1] || offsets[1] > data_size)
        return fail("tensor '" + t.name + "' has offsets outside the file");
      if (offsets[1] - offsets[0] != uint64_t(t.size) * 4)
        return fail("tensor '" + t.name + "' has offsets that do not match its shape");
      std::memcpy(t.data, data + offsets[0], size_t(t.size) * 4);  // little-endian host
      ranges.push_back({offsets[0], offsets[1]});
    } catch (const nlohmann::json::exception&) {
      return fail("tensor '" + t.name + "' has a malformed header entry");
    }
    if (!std::all_of(t.data, t.data + t.size, [](float v) { return std::isfinite(v); }))
      return fail("tensor '" + t.name + "' holds NaN or Inf");
  }
  std::sort(ranges.begin(), ranges.end());
  for (size_t i = 1; i < ranges.size(); ++i)
    if (ranges[i].first < ranges[i - 1].second) return fail("tensors overlap in the file");
  return model;
}

std::vector<uint8_t> model_to_bytes(const ModelWeights& weights, const std::string& training_json) {
  json header = json::object();
  json meta = {{"format", kFormat}, {"version", kVersion}, {"config", config_to_json(weights.config)}};
  if (!training_json.empty()) meta["training"] = training_json;
  header["__metadata__"] = meta;
  uint64_t offset = 0;
  const auto tensors = weights.tensors();
  for (const auto& t : tensors) {
    header[t.name] = {{"dtype", "F32"}, {"shape", t.shape}, {"data_offsets", {offset, offset + t.size * 4}}};
    offset += uint64_t(t.size) * 4;
  }
  std::string text = header.dump();
  text.append((8 - text.size() % 8) % 8, ' ');  // safetensors pads the header to 8 bytes
  std::vector<uint8_t> out(8 + text.size() + offset);
  const uint64_t n = text.size();
  for (int i = 0; i < 8; ++i) out[i] = uint8_t(n >> (8 * i));
  std::memcpy(out.data() + 8, text.data(), text.size());
  uint8_t* p = out.data() + 8 + text.size();
  for (const auto& t : tensors) {
    std::memcpy(p, t.data, size_t(t.size) * 4);
    p += t.size * 4;
  }
  return out;
}

Status save_model(const ModelWeights& weights, const std::string& path, const std::string& training_json) {
  const std::vector<uint8_t> bytes = model_to_bytes(weights, training_json);
  return write_file_atomically(path, bytes.data(), bytes.size());
}

ModelWeights random_weights(const ModelConfig& config, uint64_t seed) {
  ModelWeights w = ModelWeights::zeros(config);
  std::mt19937_64 rng(seed);
  for (TensorRef<float>& t : w.tensors()) {
    if (t.shape.size() < 2) continue;  // biases start at zero; attn_v below
    const int fan_in = t.shape[t.shape.size() - 2], fan_out = t.shape.back();
    const float limit = std::sqrt(6.0f / float(fan_in + fan_out));
    std::uniform_real_distribution<float> dist(-limit, limit);
    for (long i = 0; i < t.size; ++i) t.data[i] = dist(rng);
  }
  // attn_v is a vector variable with TF's default Glorot init over its one dimension.
  if (config.has_attention()) {
    const float limit = std::sqrt(6.0f / float(2 * config.attn_size()));
    std::uniform_real_distribution<float> dist(-limit, limit);
    for (long i = 0; i < w.attn_v.size(); ++i) w.attn_v[i] = dist(rng);
  }
  return w;
}

}  // namespace musa
