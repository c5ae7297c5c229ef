#pragma once
// One call to open any model file Musa reads, for the app's File → Open model
// and musa-cli: Musa's .safetensors, a Magenta .mag bundle, or a Magenta.js
// MusicRNN checkpoint (its folder or its weights_manifest.json).

#include <string>

#include "core/model/model_file.h"

namespace musa {

/** Which reader a path goes to. */
enum class ModelFileKind { Musa, MagentaBundle, MagentaJs, TfCheckpointV2, Unknown };

/** Decides by what is at `path` (a folder, the file's name, its first bytes). */
ModelFileKind detect_model_file(const std::string& path);

/**
 * Loads the model at `path`, whatever the supported kind: the weights
 * (validated as every model file is, model_file.h) and their provenance.
 * Errors name the file. A TensorFlow V2 checkpoint needs its configuration
 * named: use import_magenta_checkpoint (magenta_bundle.h).
 */
Result<ModelFile> load_any_model(const std::string& path);

}  // namespace musa
