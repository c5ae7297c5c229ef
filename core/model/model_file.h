#pragma once
// The model file of MODEL.md §4: safetensors (u64 LE header length, JSON
// header, raw little-endian float32) with Musa's config in `__metadata__`.

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/model_weights.h"
#include "core/util/result.h"

namespace musa {

/** A model as stored: its weights and the training provenance (JSON, may be empty). */
struct ModelFile {
  ModelWeights weights;
  std::string training_json;
};

/**
 * Reads and validates a model: header, config, every tensor present with the
 * shape the config implies, offsets inside the file and not overlapping,
 * no NaN/Inf. Errors name the file and, where it applies, the tensor.
 */
Result<ModelFile> load_model(const std::string& path);
Result<ModelFile> load_model_bytes(const std::vector<uint8_t>& bytes, const std::string& name);

/** Serialises a model; `training_json` goes to `__metadata__.training` when not empty. */
std::vector<uint8_t> model_to_bytes(const ModelWeights& weights, const std::string& training_json = "");
/** Writes atomically (temporary file, then rename). */
Status save_model(const ModelWeights& weights, const std::string& path,
                  const std::string& training_json = "");

/** The config as the JSON object stored in `__metadata__.config`. */
std::string config_to_json(const ModelConfig& config);
Result<ModelConfig> config_from_json(const std::string& json);

/**
 * Fresh weights as TensorFlow initialises them (Glorot-uniform kernels,
 * zero biases), from a seed.
 */
ModelWeights random_weights(const ModelConfig& config, uint64_t seed);

}  // namespace musa
