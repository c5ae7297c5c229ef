// musa-cli import-magenta and convert: Magenta's model files to and from Musa's.

#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli_commands.h"
#include "app/cli_flags.h"
#include "core/model/magenta_bundle.h"
#include "core/model/magentajs.h"
#include "core/model/model_loader.h"
#include "core/util/resources.h"

namespace musa::cli {
namespace {

/** One line describing what was imported, for the person who ran the command. */
void print_imported(const ModelFile& model, const std::string& out) {
  const ModelConfig& c = model.weights.config;
  std::string layers;
  for (int h : c.layer_sizes) layers += (layers.empty() ? "" : ",") + std::to_string(h);
  const nlohmann::json provenance = nlohmann::json::parse(model.training_json, nullptr, false);
  const nlohmann::json source = provenance.is_object()
                                    ? provenance.value("imported", nlohmann::json::object())
                                    : nlohmann::json::object();
  std::printf("%s: %s encoding, layers [%s], attention length %d, %s; ignored: %s\n", out.c_str(),
              encoding_name(c.encoding).c_str(), layers.c_str(), c.attn_length,
              source.value("variable_names", std::string("Musa names")).c_str(),
              source.value("ignored_tensors", nlohmann::json::array()).dump().c_str());
}

}  // namespace

int import_magenta(int argc, char** argv) {
  Flags flags("musa-cli import-magenta FILE.mag --out model.safetensors",
              "Converts a Magenta melody_rnn bundle (basic_rnn, mono_rnn, lookback_rnn, attention_rnn .mag)\n"
              "to a Musa model, without TensorFlow. A Magenta training checkpoint (model.ckpt-N.index)\n"
              "also works when --config names its configuration.");
  flags.value("out", "", "the Musa model file to write (.safetensors)");
  flags.value("config", "",
              "for a TensorFlow checkpoint: basic_rnn, mono_rnn, lookback_rnn or attention_rnn");
  flags.value("attn_length", "", "attention length when it was not the configuration's (attention_rnn: 40)");
  if (int code = parse_or_exit(flags, argc, argv); code >= 0) return code;
  if (flags.positional().size() != 1) return fail("expected one .mag file (see --help)");
  if (flags.get("out").empty()) return fail("import-magenta needs --out FILE.safetensors");
  MagentaImportOptions options;
  if (flags.given("attn_length")) {
    long n = 0;
    if (!flags.get_int("attn_length", n)) return fail(flags.error());
    options.attn_length = int(n);
  }
  const std::string& in = flags.positional().front();
  const bool checkpoint = detect_model_file(in) == ModelFileKind::TfCheckpointV2;
  if (checkpoint && flags.get("config").empty()) return fail(in + ": a TensorFlow checkpoint needs --config");
  Result<ModelFile> model = checkpoint ? import_magenta_checkpoint(in, flags.get("config"), options)
                                       : import_magenta_bundle(in, options);
  if (!model.ok()) return fail(model.error());
  if (Status s = save_model(model->weights, flags.get("out"), model->training_json); !s.ok())
    return fail(s.error());
  print_imported(*model, flags.get("out"));
  return 0;
}

int convert(int argc, char** argv) {
  Flags flags(
      "musa-cli convert --from-magentajs DIR --out model.safetensors | --to-magentajs DIR [--model M]",
      "Converts between Musa models and Magenta.js (@magenta/music) MusicRNN checkpoints:\n"
      "config.json, weights_manifest.json and weight shards, as MusicRNN loads them.");
  flags.value("from-magentajs", "", "a Magenta.js checkpoint folder to read");
  flags.value("out", "", "with --from-magentajs: the Musa model file to write");
  flags.value("to-magentajs", "", "a folder to write a Magenta.js checkpoint into");
  flags.value("model", "the shipped attention_rnn model",
              "with --to-magentajs: the model to convert (any kind Musa reads)");
  flags.toggle("force",
               "write even when Magenta.js would run the model differently (the reasons are printed)");
  if (int code = parse_or_exit(flags, argc, argv); code >= 0) return code;
  const bool from = flags.given("from-magentajs"), to = flags.given("to-magentajs");
  if (from == to) return fail("convert needs exactly one of --from-magentajs and --to-magentajs");
  if (from) {
    if (flags.get("out").empty()) return fail("--from-magentajs needs --out FILE.safetensors");
    Result<ModelFile> model = import_magentajs(flags.get("from-magentajs"));
    if (!model.ok()) return fail(model.error());
    if (Status s = save_model(model->weights, flags.get("out"), model->training_json); !s.ok())
      return fail(s.error());
    print_imported(*model, flags.get("out"));
    return 0;
  }
  const std::string path = flags.given("model") ? flags.get("model") : default_model_path();
  if (path.empty()) return fail("no model: pass --model");
  Result<ModelFile> model = load_any_model(path);
  if (!model.ok()) return fail(model.error());
  for (const std::string& problem : magentajs_incompatibilities(model->weights))
    if (flags.on("force")) std::fprintf(stderr, "musa-cli: warning: %s\n", problem.c_str());
  if (Status s = export_magentajs(model->weights, flags.get("to-magentajs"), flags.on("force")); !s.ok())
    return fail(s.error());
  std::printf("%s\n", flags.get("to-magentajs").c_str());
  return 0;
}

}  // namespace musa::cli
