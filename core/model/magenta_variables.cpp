#include "core/model/magenta_variables.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace musa {
namespace {

constexpr TfNaming kNamings[] = {TfNaming::Tf12, TfNaming::Musa, TfNaming::Tf10, TfNaming::Tf0};
constexpr int kMaxLayers = 8;
constexpr int64_t kMaxLayerSize = 4096;

/** One path component under rnn/ in TF ≤ 0.12's spelling. */
std::string tf0_component(const std::string& part) {
  static const std::map<std::string, std::string> names{
      {"rnn", "RNN"},
      {"attention_cell_wrapper", "AttentionCellWrapper"},
      {"multi_rnn_cell", "MultiRNNCell"},
      {"basic_lstm_cell", "BasicLSTMCell"},
      {"attention", "Attention"},
      {"attn_w", "AttnW"},
      {"attn_v", "AttnV"},
      {"attention_output_projection", "AttnOutputProjection"},
      {"kernel", "Linear/Matrix"},  // rnn_cell._linear's scope and variables
      {"bias", "Linear/Bias"}};
  if (part.rfind("cell_", 0) == 0) return "Cell" + part.substr(5);
  const auto it = names.find(part);
  return it == names.end() ? part : it->second;
}

std::string component(const std::string& part, TfNaming naming) {
  if (naming == TfNaming::Tf0) return tf0_component(part);
  if (part == "attention_output_projection") return "attn_output_projection";
  if (naming == TfNaming::Tf10 && part == "kernel") return "weights";
  if (naming == TfNaming::Tf10 && part == "bias") return "biases";
  return part;
}

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

std::string musa_prefix(const ModelConfig& config) {
  return config.has_attention() ? "rnn/attention_cell_wrapper/" : "rnn/";
}

std::string cell_name(const ModelConfig& config, int layer, const char* variable) {
  return musa_prefix(config) + "multi_rnn_cell/cell_" + std::to_string(layer) + "/basic_lstm_cell/" +
         variable;
}

bool contains(const std::string& name, const char* part) { return name.find(part) != std::string::npos; }

/** Layouts Musa's network cannot represent, named with the reason. */
Status refuse_other_layouts(const std::map<std::string, TfTensor>& tensors) {
  for (const auto& [name, t] : tensors) {
    if (contains(name, "multi_rnn_cell/cell_0/attention_cell_wrapper") ||
        contains(name, "MultiRNNCell/Cell0/AttentionCellWrapper"))
      return Error{
          "attention wraps only the first LSTM layer ('" + name +
          "'): Magenta after May 2017 builds attention_rnn that way; Musa's network wraps the whole stack, "
          "as Magenta did before (MODEL.md §3), so it cannot run this checkpoint"};
    if (contains(name, "cudnn"))
      return Error{"'" + name + "' comes from a cuDNN LSTM (use_cudnn); not supported"};
    if (contains(name, "input_projection_wrapper") || contains(name, "InputProjectionWrapper"))
      return Error{"'" + name + "' belongs to residual connections, which Musa's network does not have"};
  }
  return {};
}

/**
 * Layer sizes from the LSTM biases (4·H each), layer by layer until one is
 * missing; each layer's kernel must be there as [in + H, 4·H], so nothing is
 * sized from a shape the checkpoint does not back with data.
 */
Result<std::vector<int>> layer_sizes(const std::map<std::string, TfTensor>& tensors,
                                     const ModelConfig& config, TfNaming g) {
  std::vector<int> sizes;
  int64_t in = config.input_size();
  for (int k = 0; k <= kMaxLayers; ++k) {
    const auto bias = tensors.find(tf_variable_name(cell_name(config, k, "bias"), g));
    if (bias == tensors.end()) break;
    if (k == kMaxLayers) return Error{"more than " + std::to_string(kMaxLayers) + " LSTM layers"};
    const std::vector<int64_t>& s = bias->second.shape;
    if (s.size() != 1 || s[0] % 4 != 0 || s[0] < 4 || s[0] / 4 > kMaxLayerSize)
      return Error{"tensor '" + bias->first + "' has shape " + shape_text(s) + ", not [4·units]"};
    const std::string kernel = tf_variable_name(cell_name(config, k, "kernel"), g);
    const auto found = tensors.find(kernel);
    if (found == tensors.end()) return Error{"tensor '" + kernel + "' is missing"};
    const std::vector<int64_t> want{in + s[0] / 4, s[0]};
    if (found->second.shape != want)
      return Error{"tensor '" + kernel + "' has shape " + shape_text(found->second.shape) +
                   ", the configuration needs " + shape_text(want)};
    sizes.push_back(int(s[0] / 4));
    in = sizes.back();
  }
  if (sizes.empty())
    return Error{"no LSTM bias found ('" + tf_variable_name(cell_name(config, 0, "bias"), g) + "')"};
  return sizes;
}

/** Whether every tensor Musa needs is there under generation `g`'s names. */
bool has_all_names(const std::map<std::string, TfTensor>& tensors, const ModelConfig& config, TfNaming g) {
  const ModelWeights probe = ModelWeights::zeros(config);
  for (const TensorRef<const float>& t : probe.tensors())
    if (!tensors.count(tf_variable_name(t.name, g))) return false;
  return true;
}

/**
 * The naming generation of the checkpoint and its layer sizes: the first
 * generation under which every tensor is present, else the first whose LSTM
 * layer 0 is present (its missing tensor is then reported).
 */
Result<TfNaming> detect_naming(const std::map<std::string, TfTensor>& tensors, ModelConfig& config) {
  std::optional<TfNaming> partial;
  for (TfNaming g : kNamings) {
    if (!tensors.count(tf_variable_name(cell_name(config, 0, "kernel"), g))) continue;
    Result<std::vector<int>> sizes = layer_sizes(tensors, config, g);
    if (!sizes.ok()) return Error{sizes.error()};
    config.layer_sizes = *sizes;
    if (has_all_names(tensors, config, g)) return g;
    if (!partial) partial = g;
  }
  if (partial) {
    config.layer_sizes = *layer_sizes(tensors, config, *partial);
    return *partial;
  }
  ModelConfig other = config;
  other.attn_length = config.has_attention() ? 0 : 40;
  for (TfNaming g : kNamings)
    if (tensors.count(tf_variable_name(cell_name(other, 0, "kernel"), g)))
      return Error{config.has_attention() ? "the configuration has attention but the checkpoint has none"
                                          : "the checkpoint has attention but the configuration has none"};
  return Error{"no LSTM variables found (looked for '" + cell_name(config, 0, "kernel") +
               "' and its older spellings)"};
}

/** Copies one tensor into Musa's, checking its shape and values. */
Status copy_tensor(const TfTensor& from, const std::string& name, TensorRef<float>& to) {
  const std::vector<int64_t> want(to.shape.begin(), to.shape.end());
  if (from.shape != want)
    return Error{"tensor '" + name + "' has shape " + shape_text(from.shape) + ", the configuration needs " +
                 shape_text(want)};
  if (!std::all_of(from.values.begin(), from.values.end(), [](float v) { return std::isfinite(v); }))
    return Error{"tensor '" + name + "' holds NaN or Inf"};
  std::copy(from.values.begin(), from.values.end(), to.data);
  return {};
}

/** Whether an unused tensor is harmless (global_step, optimizer state) or a part Musa lacks. */
Status check_leftover(const std::string& name, const std::set<std::string>& used,
                      std::vector<std::string>& ignored) {
  const size_t slash = name.rfind('/');
  const bool slot = slash != std::string::npos && used.count(name.substr(0, slash));  // …/kernel/Adam
  const bool network =
      name.rfind("rnn/", 0) == 0 || name.rfind("RNN/", 0) == 0 || name.rfind("fully_connected", 0) == 0;
  if (network && !slot)
    return Error{"variable '" + name + "' belongs to a part Musa's network does not have"};
  ignored.push_back(name);
  return {};
}

}  // namespace

std::string naming_label(TfNaming naming) {
  switch (naming) {
    case TfNaming::Musa:
      return "Musa / Magenta.js names";
    case TfNaming::Tf12:
      return "TensorFlow >= 1.2 names";
    case TfNaming::Tf10:
      return "TensorFlow 1.0-1.1 names (weights/biases)";
    case TfNaming::Tf0:
      return "TensorFlow <= 0.12 names (Linear/Matrix)";
  }
  return "";
}

std::string tf_variable_name(const std::string& musa_name, TfNaming naming) {
  if (naming == TfNaming::Musa || musa_name.rfind("rnn/", 0) != 0) return musa_name;
  std::string out;
  size_t start = 0;
  while (start <= musa_name.size()) {
    const size_t end = std::min(musa_name.find('/', start), musa_name.size());
    if (!out.empty()) out += '/';
    out += component(musa_name.substr(start, end - start), naming);
    start = end + 1;
  }
  return out;
}

Result<ImportedWeights> weights_from_tf(const std::map<std::string, TfTensor>& tensors, ModelConfig config) {
  if (Status s = refuse_other_layouts(tensors); !s.ok()) return Error{s.error()};
  Result<TfNaming> naming = detect_naming(tensors, config);
  if (!naming.ok()) return Error{naming.error()};
  ImportedWeights out{ModelWeights::zeros(config), *naming, {}};
  std::set<std::string> used;
  for (TensorRef<float>& t : out.weights.tensors()) {
    const std::string name = tf_variable_name(t.name, *naming);
    const auto found = tensors.find(name);
    if (found == tensors.end()) return Error{"tensor '" + name + "' is missing"};
    if (Status s = copy_tensor(found->second, name, t); !s.ok()) return Error{s.error()};
    used.insert(name);
  }
  for (const auto& [name, t] : tensors)
    if (!used.count(name))
      if (Status s = check_leftover(name, used, out.ignored); !s.ok()) return Error{s.error()};
  return out;
}

std::map<std::string, TfTensor> weights_to_tf(const ModelWeights& weights, TfNaming naming) {
  std::map<std::string, TfTensor> out;
  for (const TensorRef<const float>& t : weights.tensors())
    out[tf_variable_name(t.name, naming)] = TfTensor{std::vector<int64_t>(t.shape.begin(), t.shape.end()),
                                                     std::vector<float>(t.data, t.data + t.size)};
  return out;
}

}  // namespace musa
