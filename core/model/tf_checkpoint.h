#pragma once
// TensorFlow checkpoints without TensorFlow.
//
// V1 (tf.train.Saver(write_version=V1), what Magenta puts in a .mag bundle:
// magenta/models/shared/model.py write_checkpoint_with_metagraph): one table
// file (leveldb_table.h) whose record "" is a SavedTensorSlices holding the
// SavedTensorSliceMeta, and one record per tensor slice keyed by
// EncodeTensorNameSlice, holding the values in a TensorProto
// (tensorflow/core/util/saved_tensor_slice.proto, tensor_slice_writer.cc).
//
// V2 (the default since TF 1.0; what magenta's training writes to run_dir):
// `PREFIX.index`, a table whose record "" is a BundleHeaderProto and whose
// other records are BundleEntryProtos keyed by tensor name, and data shards
// `PREFIX.data-0000i-of-0000n` holding raw little-endian tensor bytes with a
// masked CRC-32C per tensor (tensorflow/core/protobuf/tensor_bundle.proto,
// tensorflow/core/util/tensor_bundle/tensor_bundle.cc).

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace musa {

/** A float tensor of a checkpoint, row-major as TensorFlow stores it. */
struct TfTensor {
  std::vector<int64_t> shape;
  std::vector<float> values;
};

/** A checkpoint's float variables by name; other dtypes (global_step …) are only named. */
struct TfCheckpoint {
  std::map<std::string, TfTensor> tensors;
  std::vector<std::string> skipped;
};

/** Reads a V1 checkpoint file. Errors say what is wrong; the caller names the file. */
Result<TfCheckpoint> read_tf_v1_checkpoint(std::span<const uint8_t> file);

/** Writes a V1 checkpoint as TensorSliceWriter does (global_step as an int64 scalar if given). */
std::vector<uint8_t> write_tf_v1_checkpoint(const std::map<std::string, TfTensor>& tensors,
                                            std::optional<int64_t> global_step = std::nullopt);

/** `PREFIX.data-0000i-of-0000n` (tensor_bundle/naming.cc DataFilename). */
std::string tf_v2_data_file(const std::string& prefix, int shard, int num_shards);

/** Fetches data shard `shard` of `num_shards` (bytes, or an error naming the file). */
using ShardSource = std::function<Result<std::vector<uint8_t>>(int shard, int num_shards)>;

/** Reads a V2 checkpoint from its index bytes and a source of data shards. */
Result<TfCheckpoint> read_tf_v2_checkpoint(std::span<const uint8_t> index, const ShardSource& shards);
/** Reads `PREFIX.index` and its data files; errors name the file. */
Result<TfCheckpoint> read_tf_v2_checkpoint_files(const std::string& prefix);

/** A V2 checkpoint in memory: the index and each data shard's bytes. */
struct TfV2Files {
  std::vector<uint8_t> index;
  std::vector<std::vector<uint8_t>> shards;
};

/**
 * Writes a V2 checkpoint as a sharded Saver does: tensors spread over
 * `num_shards` data files, each written by a BundleWriter and merged by
 * MergeBundles (one header, shard ids renumbered).
 */
TfV2Files write_tf_v2_checkpoint(const std::map<std::string, TfTensor>& tensors, int num_shards,
                                 std::optional<int64_t> global_step = std::nullopt);

}  // namespace musa
