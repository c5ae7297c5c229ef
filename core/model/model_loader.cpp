#include "core/model/model_loader.h"

#include <cstdio>
#include <filesystem>

#include "core/model/magenta_bundle.h"
#include "core/model/magentajs.h"

namespace musa {
namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/** A safetensors file starts with a little-endian header length, then '{'. */
bool looks_like_safetensors(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  unsigned char head[9] = {};
  const size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  return n == sizeof head && head[8] == '{' && head[6] == 0 && head[7] == 0;
}

}  // namespace

ModelFileKind detect_model_file(const std::string& path) {
  std::error_code ec;
  const fs::path p(path);
  if (fs::is_directory(p, ec) || p.filename() == "weights_manifest.json") return ModelFileKind::MagentaJs;
  if (ends_with(path, ".mag")) return ModelFileKind::MagentaBundle;
  if (ends_with(path, ".index") || fs::exists(path + ".index", ec)) return ModelFileKind::TfCheckpointV2;
  if (ends_with(path, ".safetensors") || looks_like_safetensors(path)) return ModelFileKind::Musa;
  return ModelFileKind::Unknown;
}

Result<ModelFile> load_any_model(const std::string& path) {
  switch (detect_model_file(path)) {
    case ModelFileKind::Musa:
      return load_model(path);
    case ModelFileKind::MagentaBundle:
      return import_magenta_bundle(path);
    case ModelFileKind::MagentaJs:
      return import_magentajs(path);
    case ModelFileKind::TfCheckpointV2:
      return Error{path +
                   ": a TensorFlow checkpoint carries no configuration; import it with "
                   "`musa-cli import-magenta " +
                   path + " --config attention_rnn|basic_rnn|mono_rnn|lookback_rnn`"};
    case ModelFileKind::Unknown:
      break;
  }
  std::error_code ec;
  if (!fs::exists(path, ec)) return load_model(path);  // its "cannot open" error
  // No telling name: a bundle is the one other single-file format.
  Result<ModelFile> bundle = import_magenta_bundle(path);
  if (bundle.ok()) return bundle;
  return Error{path +
               ": not a model file Musa reads (Musa .safetensors, Magenta .mag bundle, Magenta.js folder)"};
}

}  // namespace musa
