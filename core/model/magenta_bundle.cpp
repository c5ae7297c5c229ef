#include "core/model/magenta_bundle.h"

#include <nlohmann/json.hpp>

#include "core/model/magenta_variables.h"
#include "core/model/protobuf_wire.h"
#include "core/model/tf_checkpoint.h"
#include "core/util/file_io.h"

namespace musa {
namespace {

constexpr uint64_t kMaxBundleBytes = 1ull << 30;
constexpr size_t kMaxText = 1u << 16;

/** proto3 `string` fields must hold UTF-8 (Python's parser refuses anything else). */
bool valid_utf8(std::span<const uint8_t> s) {
  for (size_t i = 0; i < s.size();) {
    const uint8_t c = s[i];
    const int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || size_t(extra) >= s.size() - i) return false;
    for (int k = 1; k <= extra; ++k)
      if ((s[i + size_t(k)] & 0xc0) != 0x80) return false;
    i += size_t(extra) + 1;
  }
  return true;
}

/** A string field, checked: UTF-8 and of reasonable length. */
Status read_text(const pb::Field& f, const char* what, std::string& out) {
  std::string error;
  if (!pb::expect(f, pb::Wire::Bytes, what, error)) return Error{error};
  if (f.bytes.size() > kMaxText || !valid_utf8(f.bytes))
    return Error{std::string(what) + " is not valid text"};
  out.assign(f.bytes.begin(), f.bytes.end());
  return {};
}

/** GeneratorDetails {id = 1, description = 2} or BundleDetails {description = 1}. */
Status read_details(std::span<const uint8_t> message, std::string* id, std::string& description,
                    const char* what) {
  pb::Reader r(message);
  pb::Field f;
  while (r.next(f)) {
    Status s;
    if (id && f.number == 1) s = read_text(f, "generator id", *id);
    if (f.number == (id ? 2u : 1u)) s = read_text(f, what, description);
    if (!s.ok()) return s;
  }
  if (r.failed()) return Error{std::string(what) + ": " + r.error()};
  return {};
}

Status read_bundle_field(const pb::Field& f, GeneratorBundle& b) {
  std::string error;
  switch (f.number) {
    case 1:
      if (!pb::expect(f, pb::Wire::Bytes, "generator_details", error)) return Error{error};
      return read_details(f.bytes, &b.generator_id, b.generator_description, "generator description");
    case 2:
      if (!pb::expect(f, pb::Wire::Bytes, "checkpoint_file", error)) return Error{error};
      b.checkpoint_files.emplace_back(f.bytes.begin(), f.bytes.end());
      return {};
    case 3:
      if (!pb::expect(f, pb::Wire::Bytes, "metagraph_file", error)) return Error{error};
      b.metagraph.assign(f.bytes.begin(), f.bytes.end());
      return {};
    case 4:
      if (!pb::expect(f, pb::Wire::Bytes, "bundle_details", error)) return Error{error};
      return read_details(f.bytes, nullptr, b.bundle_description, "bundle description");
    default:
      return {};  // unknown fields are skipped, as protobuf does
  }
}

std::string provenance(const std::string& format, const std::string& file, const std::string& config_id,
                       const ImportedWeights& w, const GeneratorBundle* bundle) {
  nlohmann::json source = {{"format", format},
                           {"file", file},
                           {"configuration", config_id},
                           {"variable_names", naming_label(w.naming)},
                           {"ignored_tensors", w.ignored}};
  if (bundle) {
    source["generator_description"] = bundle->generator_description;
    source["bundle_description"] = bundle->bundle_description;
  }
  // The descriptions and tensor names are the file's bytes, not always UTF-8:
  // dump() would throw on them; they are kept with U+FFFD in their place.
  return nlohmann::json{{"imported", source}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/** The config for `id`, with the attention length the caller may override. */
Result<ModelConfig> import_config(const std::string& id, const MagentaImportOptions& options) {
  Result<ModelConfig> config = melody_rnn_config(id);
  if (!config.ok()) return config;
  if (options.attn_length) {
    if (!config->has_attention())
      return Error{"configuration '" + id + "' has no attention; --attn_length does not apply"};
    if (*options.attn_length < 1 || *options.attn_length > 1024)
      return Error{"attention length must be 1..1024"};
    config->attn_length = *options.attn_length;
  }
  return config;
}

/** Weights + provenance → a model file, validated by the one loader every model file passes. */
Result<ModelFile> finish_import(const ImportedWeights& w, const std::string& training_json,
                                const std::string& name) {
  return load_model_bytes(model_to_bytes(w.weights, training_json), name);
}

}  // namespace

Result<GeneratorBundle> parse_generator_bundle(std::span<const uint8_t> bytes) {
  GeneratorBundle b;
  pb::Reader r(bytes);
  pb::Field f;
  while (r.next(f))
    if (Status s = read_bundle_field(f, b); !s.ok()) return Error{s.error()};
  if (r.failed()) return Error{"not a Magenta bundle (" + r.error() + ")"};
  if (b.generator_id.empty()) return Error{"not a Magenta bundle (no generator id)"};
  if (b.checkpoint_files.empty()) return Error{"the bundle holds no checkpoint"};
  return b;
}

std::vector<uint8_t> write_generator_bundle(const GeneratorBundle& b) {
  pb::Writer details;  // proto3: empty strings are not written
  if (!b.generator_id.empty()) details.string(1, b.generator_id);
  if (!b.generator_description.empty()) details.string(2, b.generator_description);
  pb::Writer bundle;
  bundle.message(1, details);
  for (const auto& file : b.checkpoint_files) bundle.bytes(2, file);
  if (!b.metagraph.empty()) bundle.bytes(3, b.metagraph);
  if (!b.bundle_description.empty()) {
    pb::Writer bundle_details;
    bundle_details.string(1, b.bundle_description);
    bundle.message(4, bundle_details);
  }
  return bundle.data();
}

Result<ModelConfig> melody_rnn_config(const std::string& id) {
  ModelConfig c;  // min_note 48, max_note 84, transpose_to_key 0, 4 steps per quarter
  c.attn_length = 0;
  if (id == "basic_rnn") {
    c.encoding = EncodingKind::MelodyOneHot;
  } else if (id == "mono_rnn") {
    c.encoding = EncodingKind::MelodyOneHot;
    c.min_note = 0;
    c.max_note = 128;
    c.transpose_to_key = -1;  // None
  } else if (id == "lookback_rnn") {
    c.encoding = EncodingKind::Lookback;
  } else if (id == "attention_rnn") {
    c.encoding = EncodingKind::KeyMelody;
    c.attn_length = 40;
  } else {
    return Error{
        "generator '" + id +
        "' is not a melody_rnn configuration Musa reads (basic_rnn, mono_rnn, lookback_rnn, attention_rnn)"};
  }
  return c;
}

Result<ModelFile> import_magenta_bundle_bytes(std::span<const uint8_t> bytes, const std::string& name,
                                              const MagentaImportOptions& options) {
  auto fail = [&](const std::string& why) { return Error{name + ": " + why}; };
  Result<GeneratorBundle> bundle = parse_generator_bundle(bytes);
  if (!bundle.ok()) return fail(bundle.error());
  Result<ModelConfig> config = import_config(bundle->generator_id, options);
  if (!config.ok()) return fail(config.error());
  // Magenta writes checkpoint_file[0] to model.ckpt and restores it (sequence_generator.py initialize).
  Result<TfCheckpoint> ckpt = read_tf_v1_checkpoint(bundle->checkpoint_files.front());
  if (!ckpt.ok()) return fail("checkpoint: " + ckpt.error());
  Result<ImportedWeights> w = weights_from_tf(ckpt->tensors, *config);
  if (!w.ok()) return fail("checkpoint: " + w.error());
  for (const std::string& s : ckpt->skipped) w->ignored.push_back(s);
  return finish_import(*w, provenance("magenta-bundle", name, bundle->generator_id, *w, &*bundle), name);
}

Result<ModelFile> import_magenta_bundle(const std::string& path, const MagentaImportOptions& options) {
  Result<std::vector<uint8_t>> bytes = read_file_bytes(path, kMaxBundleBytes);
  if (!bytes.ok()) return Error{bytes.error()};
  return import_magenta_bundle_bytes(*bytes, path, options);
}

Result<ModelFile> import_magenta_checkpoint(const std::string& prefix_or_index, const std::string& config_id,
                                            const MagentaImportOptions& options) {
  std::string prefix = prefix_or_index;
  if (prefix.size() > 6 && prefix.compare(prefix.size() - 6, 6, ".index") == 0)
    prefix.resize(prefix.size() - 6);
  const std::string name = prefix + ".index";
  Result<ModelConfig> config = import_config(config_id, options);
  if (!config.ok()) return Error{name + ": " + config.error()};
  Result<TfCheckpoint> ckpt = read_tf_v2_checkpoint_files(prefix);
  if (!ckpt.ok()) return Error{ckpt.error()};
  Result<ImportedWeights> w = weights_from_tf(ckpt->tensors, *config);
  if (!w.ok()) return Error{name + ": " + w.error()};
  for (const std::string& s : ckpt->skipped) w->ignored.push_back(s);
  return finish_import(*w, provenance("tensorflow-checkpoint-v2", name, config_id, *w, nullptr), name);
}

}  // namespace musa
