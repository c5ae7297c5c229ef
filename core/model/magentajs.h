#pragma once
// Magenta.js (@magenta/music) MusicRNN checkpoints, both ways.
//
// A checkpoint is a folder (magenta-js music/src/music_rnn/model.ts
// initialize): `config.json`, a MusicRNNSpec {type: "MusicRNN",
// dataConverter: {type: "MelodyConverter", args: {minPitch, maxPitch
// (inclusive)}}, attentionLength?}; `weights_manifest.json`, tfjs's
// WeightsManifestConfig [{paths: [shard files], weights: [{name, shape,
// dtype, quantization?: {dtype uint8|uint16|float16, scale, min}}]}], each
// group's shards concatenated holding its weights in order
// (@tensorflow/tfjs-core io/io_utils decodeWeights); and the shard files.
// Tensor names are Musa's (magenta_variables.h).

#include <string>
#include <vector>

#include "core/model/model_file.h"

namespace musa {

/** Reads a Magenta.js MusicRNN checkpoint folder; errors name the file. */
Result<ModelFile> import_magentajs(const std::string& dir);

/**
 * Why Magenta.js 1.23's MusicRNN would not compute what Musa computes with
 * these weights (empty when it would): it only has a one-hot melody
 * encoding; its attention wrapper reads the third LSTM layer (h[2] in
 * music_rnn/attention.ts), so attention models need exactly 3 layers; it sizes
 * attention by the first layer (model.ts), TensorFlow by the last; and it
 * leaves out the attention query bias.
 */
std::vector<std::string> magentajs_incompatibilities(const ModelWeights& weights);

/**
 * Writes config.json, weights_manifest.json and 4 MB shards (as tfjs's
 * write_weights names and splits them) into `dir`, created if needed.
 * Refuses models Magenta.js would run differently unless `force`.
 * config.json also carries Musa's own config under "musa", which
 * Magenta.js ignores, so a round trip keeps every setting.
 */
Status export_magentajs(const ModelWeights& weights, const std::string& dir, bool force = false);

}  // namespace musa
