#pragma once
// Magenta's pre-trained model files (.mag): a GeneratorBundle protobuf
// (note_seq/protobuf/generator.proto, formerly magenta/protobuf/generator.proto)
// holding the generator id, descriptions, a V1 checkpoint file and the
// metagraph (magenta/models/shared/sequence_generator.py create_bundle_file).
//
//   GeneratorBundle { GeneratorDetails generator_details = 1 {string id = 1;
//                     string description = 2}; repeated bytes checkpoint_file = 2;
//                     bytes metagraph_file = 3; BundleDetails bundle_details = 4
//                     {string description = 1} }
//
// Also Magenta training checkpoints (V2, run_dir/train/model.ckpt-N), which
// carry no generator id: the caller names the configuration.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/model/model_file.h"

namespace musa {

/** The fields of a GeneratorBundle. */
struct GeneratorBundle {
  std::string generator_id, generator_description, bundle_description;
  std::vector<std::vector<uint8_t>> checkpoint_files;
  std::vector<uint8_t> metagraph;
};

/** Parses a bundle; every field is checked. Errors say what is wrong (the caller names the file). */
Result<GeneratorBundle> parse_generator_bundle(std::span<const uint8_t> bytes);
/** Serialises a bundle as Python's SerializeToString does (fields in number order). */
std::vector<uint8_t> write_generator_bundle(const GeneratorBundle& bundle);

/**
 * The configuration of a melody_rnn generator id (magenta/models/melody_rnn/
 * melody_rnn_model.py default_configs): basic_rnn, mono_rnn, lookback_rnn,
 * attention_rnn. Layer sizes are left to the checkpoint.
 */
Result<ModelConfig> melody_rnn_config(const std::string& generator_id);

/** What import may override: the bundle stores no attention length (hparams). */
struct MagentaImportOptions {
  std::optional<int> attn_length;  ///< default: the configuration's (attention_rnn: 40)
};

/** Imports a .mag bundle's bytes; `name` is the file named in errors. */
Result<ModelFile> import_magenta_bundle_bytes(std::span<const uint8_t> bytes, const std::string& name,
                                              const MagentaImportOptions& options = {});
Result<ModelFile> import_magenta_bundle(const std::string& path, const MagentaImportOptions& options = {});

/** Imports a V2 training checkpoint (`PREFIX` or `PREFIX.index`) of melody_rnn configuration `config_id`. */
Result<ModelFile> import_magenta_checkpoint(const std::string& prefix, const std::string& config_id,
                                            const MagentaImportOptions& options = {});

}  // namespace musa
