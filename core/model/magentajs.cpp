#include "core/model/magentajs.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/model/magenta_variables.h"
#include "core/util/file_io.h"

namespace musa {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

constexpr uint64_t kMaxJsonBytes = 16u << 20;
constexpr uint64_t kMaxShardBytes = 256u << 20;
constexpr uint64_t kMaxGroupBytes = 1u << 30;
constexpr size_t kShardBytes = 4u << 20;  // tfjs write_weights' default shard size
constexpr size_t kMaxEntries = 4096;
constexpr int64_t kMaxElements = int64_t(1) << 28;

Result<json> read_json(const std::string& path) {
  Result<std::vector<uint8_t>> bytes = read_file_bytes(path, kMaxJsonBytes);
  if (!bytes.ok()) return Error{bytes.error()};
  json j = json::parse(bytes->begin(), bytes->end(), nullptr, false);
  if (j.is_discarded()) return Error{path + ": not valid JSON"};
  return j;
}

/** A shard path from the manifest: a plain file name inside the folder, nothing else. */
bool safe_file_name(const json& p) {
  if (!p.is_string()) return false;
  const std::string s = p.get<std::string>();
  return !s.empty() && s.size() <= 255 && s != "." && s != ".." &&
         s.find_first_of("/\\") == std::string::npos && s.find('\0') == std::string::npos;
}

/** IEEE 754 half → float (tfjs getFloat16Decoder). */
float half_to_float(uint16_t h) {
  const int sign = h >> 15, exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
  float v = exponent == 0    ? std::ldexp(float(mantissa), -24)
            : exponent == 31 ? (mantissa ? NAN : INFINITY)
                             : std::ldexp(float(mantissa | 0x400), exponent - 25);
  return sign ? -v : v;
}

/** One weight spec of the manifest, checked. */
struct WeightSpec {
  std::string name, dtype, quantization;  ///< quantization: "", "uint8", "uint16", "float16"
  std::vector<int64_t> shape;
  int64_t count = 1;
  double scale = 1, min = 0;
  size_t bytes_per_element() const {
    if (quantization == "uint8" || dtype == "bool") return 1;
    if (quantization == "uint16" || quantization == "float16") return 2;
    return 4;
  }
};

Result<WeightSpec> parse_spec(const json& w) {
  if (!w.is_object() || !w.contains("name") || !w["name"].is_string() || !w.contains("shape") ||
      !w["shape"].is_array() || !w.contains("dtype") || !w["dtype"].is_string())
    return Error{"a weight entry lacks its name, shape or dtype"};
  WeightSpec s{w["name"].get<std::string>(), w["dtype"].get<std::string>(), "", {}, 1, 1, 0};
  if (s.name.empty() || s.name.size() > 1024) return Error{"a weight has an invalid name"};
  if (s.dtype != "float32" && s.dtype != "int32" && s.dtype != "bool")
    return Error{"weight '" + s.name + "' has unsupported dtype '" + s.dtype + "'"};
  for (const json& d : w["shape"]) {
    if (!d.is_number_integer() || d.get<int64_t>() < 0 || s.shape.size() >= 8)
      return Error{"weight '" + s.name + "' has an invalid shape"};
    s.shape.push_back(d.get<int64_t>());
    s.count *= s.shape.back();
    if (s.count > kMaxElements) return Error{"weight '" + s.name + "' is too large"};
  }
  if (!w.contains("quantization")) return s;
  const json& q = w["quantization"];
  if (!q.is_object() || !q.contains("dtype") || !q["dtype"].is_string())
    return Error{"weight '" + s.name + "' has malformed quantization"};
  s.quantization = q["dtype"].get<std::string>();
  if (s.quantization == "float16" && s.dtype == "float32") return s;
  if ((s.quantization != "uint8" && s.quantization != "uint16") || !q.contains("scale") ||
      !q["scale"].is_number() || !q.contains("min") || !q["min"].is_number())
    return Error{"weight '" + s.name + "' has unsupported quantization"};
  s.scale = q["scale"].get<double>();
  s.min = q["min"].get<double>();
  return s;
}

/** decodeWeights for one float32 weight at `p`. */
std::vector<float> decode(const WeightSpec& s, const uint8_t* p) {
  std::vector<float> v(size_t(s.count));
  for (size_t i = 0; i < v.size(); ++i) {
    if (s.quantization == "uint8")
      v[i] = float(p[i] * s.scale + s.min);
    else if (s.quantization.empty())
      std::memcpy(&v[i], p + 4 * i, 4);  // little-endian host
    else {
      const uint16_t q = uint16_t(p[2 * i] | p[2 * i + 1] << 8);
      v[i] = s.quantization == "float16" ? half_to_float(q) : float(q * s.scale + s.min);
    }
  }
  return v;
}

/** One group: its shards concatenated, then its weights in order. `elements` counts all groups' values. */
Status read_group(const json& group, const fs::path& dir, std::map<std::string, TfTensor>& out,
                  std::vector<std::string>& ignored, int64_t& elements) {
  if (!group.is_object() || !group.contains("paths") || !group["paths"].is_array() ||
      !group.contains("weights") || !group["weights"].is_array() || group["paths"].size() > kMaxEntries ||
      group["weights"].size() > kMaxEntries)
    return Error{"a weight group lacks its paths or weights"};
  std::vector<uint8_t> buffer;
  for (const json& p : group["paths"]) {
    if (!safe_file_name(p)) return Error{"a shard path is not a plain file name in the folder"};
    Result<std::vector<uint8_t>> shard =
        read_file_bytes((dir / p.get<std::string>()).string(), kMaxShardBytes);
    if (!shard.ok()) return Error{shard.error()};
    if (buffer.size() + shard->size() > kMaxGroupBytes) return Error{"weights are too large"};
    buffer.insert(buffer.end(), shard->begin(), shard->end());
  }
  size_t offset = 0;
  for (const json& w : group["weights"]) {
    Result<WeightSpec> s = parse_spec(w);
    if (!s.ok()) return Error{s.error()};
    const size_t n = size_t(s->count) * s->bytes_per_element();
    if (n > buffer.size() - offset) return Error{"weight '" + s->name + "' runs past the end of its shards"};
    if ((elements += s->count) > kMaxElements) return Error{"weights are too large"};  // 1 GiB of floats
    if (s->dtype != "float32")
      ignored.push_back(s->name);
    else if (!out.emplace(s->name, TfTensor{s->shape, decode(*s, buffer.data() + offset)}).second)
      return Error{"weight '" + s->name + "' is listed twice"};
    offset += n;
  }
  return {};
}

/** config.json → Musa's config: the "musa" entry if present, else the MusicRNNSpec. */
Result<ModelConfig> config_from_spec(const json& spec, bool has_attention) {
  if (!spec.is_object() || spec.value("type", json()) != "MusicRNN")
    return Error{"config.json is not a MusicRNN spec"};
  if (spec.contains("chordEncoder") || spec.contains("auxInputs"))
    return Error{"config.json asks for chord or auxiliary inputs; Musa's melody network has none"};
  if (spec.contains("musa")) return config_from_json(spec["musa"].dump());
  const json converter = spec.value("dataConverter", json());
  if (!converter.is_object() || converter.value("type", json()) != "MelodyConverter")
    return Error{"config.json's dataConverter is not a MelodyConverter (Musa reads melody models)"};
  const json args = converter.value("args", json::object());
  if (!args.is_object() || !args.value("minPitch", json()).is_number_integer() ||
      !args.value("maxPitch", json()).is_number_integer())
    return Error{"config.json's MelodyConverter lacks minPitch/maxPitch"};
  json c = {{"encoding", "melody_onehot"},
            {"min_note", args["minPitch"]},
            {"max_note", args["maxPitch"].get<int64_t>() + 1},
            {"layer_sizes", json::array({1})},
            {"attn_length", 0},
            {"steps_per_quarter", 4}};
  // Magenta's configs transpose to C except over the full MIDI range (mono_rnn).
  c["transpose_to_key"] = (c["min_note"] == 0 && c["max_note"] == 128) ? -1 : 0;
  if (has_attention) {
    if (!spec.value("attentionLength", json()).is_number_integer())
      return Error{"config.json lacks attentionLength for an attention model"};
    c["attn_length"] = spec["attentionLength"];
  }
  return config_from_json(c.dump());
}

}  // namespace

Result<ModelFile> import_magentajs(const std::string& path) {
  fs::path dir(path);
  if (dir.filename() == "weights_manifest.json" || dir.filename() == "config.json") dir = dir.parent_path();
  auto fail = [&](const std::string& file, const std::string& why) {
    return Error{(dir / file).string() + ": " + why};
  };
  Result<json> manifest = read_json((dir / "weights_manifest.json").string());
  if (!manifest.ok()) return Error{manifest.error()};
  if (!manifest->is_array() || manifest->empty() || manifest->size() > kMaxEntries)
    return fail("weights_manifest.json", "not a list of weight groups");
  std::map<std::string, TfTensor> tensors;
  std::vector<std::string> ignored;
  int64_t elements = 0;
  for (const json& group : *manifest)
    if (Status s = read_group(group, dir, tensors, ignored, elements); !s.ok())
      return fail("weights_manifest.json", s.error());
  Result<json> spec = read_json((dir / "config.json").string());
  if (!spec.ok()) return Error{spec.error()};
  // MusicRNN has attention when rnn/attention_cell_wrapper/kernel is there (AttentionWrapper.isWrapped).
  Result<ModelConfig> config =
      config_from_spec(*spec, tensors.count("rnn/attention_cell_wrapper/kernel") > 0);
  if (!config.ok()) return fail("config.json", config.error());
  Result<ImportedWeights> w = weights_from_tf(tensors, *config);
  if (!w.ok()) return fail("weights_manifest.json", w.error());
  for (const std::string& s : ignored) w->ignored.push_back(s);
  const std::string provenance =
      json{{"imported", {{"format", "magenta.js"}, {"file", dir.string()}, {"ignored_tensors", w->ignored}}}}
          .dump();
  return load_model_bytes(model_to_bytes(w->weights, provenance), (dir / "weights_manifest.json").string());
}

std::vector<std::string> magentajs_incompatibilities(const ModelWeights& w) {
  std::vector<std::string> out;
  const ModelConfig& c = w.config;
  if (c.encoding != EncodingKind::MelodyOneHot)
    out.push_back("Magenta.js's MelodyConverter is the one-hot melody encoding; this model uses '" +
                  encoding_name(c.encoding) + "'");
  if (c.has_attention() && c.layer_sizes.size() != 3)
    out.push_back(
        "Magenta.js's attention wrapper reads the third LSTM layer (h[2]); this attention model has " +
        std::to_string(c.layer_sizes.size()) + " layers");
  if (c.has_attention() && c.layer_sizes.front() != c.layer_sizes.back())
    out.push_back(
        "Magenta.js sizes attention by the first LSTM layer (biasShapes[0] / 4), TensorFlow and Musa by "
        "the last; this model's differ");
  if (c.has_attention() && !w.query_bias.isZero(0))
    out.push_back(
        "Magenta.js leaves out the attention query bias (rnn/attention_cell_wrapper/attention/bias); "
        "this model's is not zero");
  return out;
}

namespace {

json spec_json(const ModelConfig& c) {
  json spec = {
      {"type", "MusicRNN"},
      {"dataConverter",
       {{"type", "MelodyConverter"}, {"args", {{"minPitch", c.min_note}, {"maxPitch", c.max_note - 1}}}}}};
  if (c.has_attention()) spec["attentionLength"] = c.attn_length;
  spec["musa"] = json::parse(config_to_json(c));
  return spec;
}

Status write_text(const fs::path& path, const std::string& text) {
  return write_file_atomically(path.string(), text.data(), text.size());
}

}  // namespace

Status export_magentajs(const ModelWeights& weights, const std::string& dir, bool force) {
  const std::vector<std::string> problems = magentajs_incompatibilities(weights);
  if (!problems.empty() && !force) {
    std::string why = dir + ": Magenta.js would not run this model as Musa does:";
    for (const std::string& p : problems) why += "\n  - " + p;
    return Error{why};
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error{dir + ": cannot create the folder (" + ec.message() + ")"};
  std::vector<uint8_t> data;
  json specs = json::array();
  for (const TensorRef<const float>& t : weights.tensors()) {
    specs.push_back({{"name", t.name}, {"shape", t.shape}, {"dtype", "float32"}});
    const auto* p = reinterpret_cast<const uint8_t*>(t.data);
    data.insert(data.end(), p, p + t.size * 4);
  }
  const size_t shards = std::max<size_t>(1, (data.size() + kShardBytes - 1) / kShardBytes);
  json paths = json::array();
  for (size_t i = 0; i < shards; ++i) {
    const std::string name = "group1-shard" + std::to_string(i + 1) + "of" + std::to_string(shards);
    paths.push_back(name);
    const size_t begin = i * kShardBytes, end = std::min(data.size(), begin + kShardBytes);
    if (Status s = write_file_atomically((fs::path(dir) / name).string(), data.data() + begin, end - begin);
        !s.ok())
      return s;
  }
  const json manifest = json::array({{{"paths", paths}, {"weights", specs}}});
  if (Status s = write_text(fs::path(dir) / "weights_manifest.json", manifest.dump()); !s.ok()) return s;
  return write_text(fs::path(dir) / "config.json", spec_json(weights.config).dump(2));
}

}  // namespace musa
