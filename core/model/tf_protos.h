#pragma once
// The TensorFlow messages checkpoints are made of, by field number:
// tensorflow/core/framework/{tensor_shape,tensor_slice,tensor,versions}.proto,
// and the ordered-code keys of tensorflow/core/util/saved_tensor_slice_util.cc.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/model/protobuf_wire.h"
#include "core/util/result.h"

namespace musa::tf {

/** tensorflow/core/framework/types.proto DataType values Musa meets. */
enum DataType : int { kFloat = 1, kDouble = 2, kInt32 = 3, kInt64 = 9 };

/** Bytes per element of a fixed-size DataType; 0 for others. */
int dtype_size(int dtype);

/** TensorShapeProto → dims; refuses unknown ranks, negative sizes and huge tensors. */
Result<std::vector<int64_t>> parse_shape(std::span<const uint8_t> message);
void write_shape(pb::Writer& out, uint32_t field, const std::vector<int64_t>& dims);
/** The number of elements (dims already checked by parse_shape). */
int64_t element_count(const std::vector<int64_t>& dims);

/** True when a TensorSliceProto covers the whole tensor of `dims` (one extent per dim). */
Result<bool> slice_is_full(std::span<const uint8_t> message, const std::vector<int64_t>& dims);
/** TensorSlice::AsProto of a full slice: one empty Extent per dimension. */
void write_full_slice(pb::Writer& out, uint32_t field, size_t rank);

/** VersionDef {producer, min_consumer, bad_consumers}. */
struct Versions {
  int64_t producer = 0, min_consumer = 0;
  std::vector<int64_t> bad_consumers;
};
Result<Versions> parse_versions(std::span<const uint8_t> message);
/** Checks that a reader of format version `ours` may read data with these versions (CheckVersions). */
Status check_versions(const Versions& v, int64_t ours, const char* what);
void write_versions(pb::Writer& out, uint32_t field, int64_t producer, int64_t min_consumer);

/** EncodeTensorNameSlice(name, full slice of `rank` dims): the V1 checkpoint key. */
std::string tensor_name_slice_key(const std::string& name, size_t rank);

}  // namespace musa::tf
