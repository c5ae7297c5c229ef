// V2 checkpoints: a BundleEntryProto table and raw data shards (see tf_checkpoint.h).

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "core/model/crc32c.h"
#include "core/model/leveldb_table.h"
#include "core/model/tf_checkpoint.h"
#include "core/model/tf_protos.h"
#include "core/util/file_io.h"

namespace musa {
namespace {

constexpr int64_t kBundleVersion = 1;  // tensor_bundle.cc kTensorBundleVersion
constexpr int kMaxShards = 1024;
constexpr uint64_t kMaxShardBytes = 1ull << 31;
constexpr uint64_t kMaxIndexBytes = 64ull << 20;

/** BundleEntryProto, the fields Musa reads. */
struct Entry {
  int dtype = 0;
  std::vector<int64_t> shape;
  int64_t shard = 0, offset = 0, size = 0;
  uint32_t crc = 0;
  bool sliced = false;
};

Result<Entry> parse_entry(std::span<const uint8_t> message) {
  Entry e;
  std::span<const uint8_t> shape;
  pb::Reader r(message);
  pb::Field f;
  while (r.next(f)) {
    if (f.wire == pb::Wire::Varint) {
      if (f.number == 1) e.dtype = int(f.value);
      if (f.number == 3) e.shard = int64_t(int32_t(f.value));
      if (f.number == 4) e.offset = int64_t(f.value);
      if (f.number == 5) e.size = int64_t(f.value);
    }
    if (f.number == 2 && f.wire == pb::Wire::Bytes) shape = f.bytes;
    if (f.number == 6 && f.wire == pb::Wire::Fixed32) e.crc = uint32_t(f.value);
    if (f.number == 7) e.sliced = true;
  }
  if (r.failed()) return Error{"BundleEntryProto: " + r.error()};
  Result<std::vector<int64_t>> dims = tf::parse_shape(shape);
  if (!dims.ok()) return Error{dims.error()};
  e.shape = *dims;
  return e;
}

/** BundleHeaderProto → the number of shards, after the endianness and version checks. */
Result<int> parse_header(std::span<const uint8_t> message) {
  int64_t shards = 0, endianness = 0;
  tf::Versions versions;
  pb::Reader r(message);
  pb::Field f;
  while (r.next(f)) {
    if (f.number == 1 && f.wire == pb::Wire::Varint) shards = int64_t(int32_t(f.value));
    if (f.number == 2 && f.wire == pb::Wire::Varint) endianness = int64_t(f.value);
    if (f.number == 3 && f.wire == pb::Wire::Bytes) {
      Result<tf::Versions> v = tf::parse_versions(f.bytes);
      if (!v.ok()) return Error{v.error()};
      versions = *v;
    }
  }
  if (r.failed()) return Error{"BundleHeaderProto: " + r.error()};
  if (shards < 1 || shards > kMaxShards)
    return Error{"checkpoint header has " + std::to_string(shards) + " shards"};
  if (endianness != 0) return Error{"checkpoint was written big-endian; not supported"};
  if (Status s = tf::check_versions(versions, kBundleVersion, "checkpoint"); !s.ok()) return Error{s.error()};
  return int(shards);
}

/** Loads the data shards lazily, once each. */
class Shards {
 public:
  Shards(const ShardSource& source, int count) : source_(source), data_(size_t(count)) {}
  Result<const std::vector<uint8_t>*> get(int64_t shard) {
    if (shard < 0 || shard >= int64_t(data_.size())) return Error{"refers to shard " + std::to_string(shard)};
    auto& slot = data_[size_t(shard)];
    if (!slot) {
      Result<std::vector<uint8_t>> bytes = source_(int(shard), int(data_.size()));
      if (!bytes.ok()) return Error{bytes.error()};
      slot = std::move(*bytes);
    }
    return &*slot;
  }

 private:
  const ShardSource& source_;
  std::vector<std::optional<std::vector<uint8_t>>> data_;
};

/** A tensor's bytes: inside its shard, of the size its shape needs, CRC checked (BundleReader::GetValue). */
Result<std::span<const uint8_t>> tensor_bytes(const Entry& e, Shards& shards) {
  if (e.size != tf::element_count(e.shape) * tf::dtype_size(e.dtype))
    return Error{"its size does not match its shape"};
  Result<const std::vector<uint8_t>*> shard = shards.get(e.shard);
  if (!shard.ok()) return Error{shard.error()};
  const std::vector<uint8_t>& data = **shard;
  if (e.offset < 0 || uint64_t(e.offset) > data.size() || uint64_t(e.size) > data.size() - uint64_t(e.offset))
    return Error{"its bytes lie outside data shard " + std::to_string(e.shard)};
  const std::span<const uint8_t> bytes(data.data() + e.offset, size_t(e.size));
  if (crc32c_unmask(e.crc) != crc32c(bytes.data(), bytes.size()))
    return Error{"checksum mismatch (the data file is damaged)"};
  return bytes;
}

/** One entry: a float tensor into `out`; other fixed-size types checked, then only named. */
Status read_entry(const std::string& name, const Entry& e, Shards& shards, TfCheckpoint& out) {
  if (e.sliced) return Error{"tensor '" + name + "' is partitioned into slices; not supported"};
  if (tf::dtype_size(e.dtype) == 0) {  // strings, variants: not Musa's business
    out.skipped.push_back(name);
    return {};
  }
  Result<std::span<const uint8_t>> bytes = tensor_bytes(e, shards);
  if (!bytes.ok()) return Error{"tensor '" + name + "': " + bytes.error()};
  if (e.dtype != tf::kFloat) {
    out.skipped.push_back(name);
    return {};
  }
  TfTensor t{e.shape, std::vector<float>(bytes->size() / 4)};
  if (!bytes->empty()) std::memcpy(t.values.data(), bytes->data(), bytes->size());  // little-endian host
  out.tensors[name] = std::move(t);
  return {};
}

}  // namespace

std::string tf_v2_data_file(const std::string& prefix, int shard, int num_shards) {
  char suffix[40];
  std::snprintf(suffix, sizeof suffix, ".data-%05d-of-%05d", shard, num_shards);
  return prefix + suffix;
}

Result<TfCheckpoint> read_tf_v2_checkpoint(std::span<const uint8_t> index, const ShardSource& source) {
  Result<std::vector<TableRecord>> records = read_table(index);
  if (!records.ok()) return Error{records.error()};
  if (records->empty() || !records->front().key.empty())
    return Error{"no BundleHeaderProto record: not a TensorFlow V2 checkpoint index"};
  Result<int> num_shards = parse_header(records->front().value);
  if (!num_shards.ok()) return Error{num_shards.error()};
  Shards shards(source, *num_shards);
  TfCheckpoint out;
  for (size_t i = 1; i < records->size(); ++i) {
    const std::string& name = (*records)[i].key;
    Result<Entry> e = parse_entry((*records)[i].value);
    if (!e.ok()) return Error{"tensor '" + name + "': " + e.error()};
    if (Status s = read_entry(name, *e, shards, out); !s.ok()) return Error{s.error()};
  }
  return out;
}

Result<TfCheckpoint> read_tf_v2_checkpoint_files(const std::string& prefix) {
  const std::string index_path = prefix + ".index";
  Result<std::vector<uint8_t>> index = read_file_bytes(index_path, kMaxIndexBytes);
  if (!index.ok()) return Error{index.error()};
  const ShardSource source = [&](int shard, int count) {
    return read_file_bytes(tf_v2_data_file(prefix, shard, count), kMaxShardBytes);
  };
  Result<TfCheckpoint> ckpt = read_tf_v2_checkpoint(*index, source);
  if (!ckpt.ok()) return Error{index_path + ": " + ckpt.error()};
  return ckpt;
}

// ---- Writing, as BundleWriter::Add/Finish per shard, then MergeBundles ----

namespace {

std::vector<uint8_t> entry_proto(int dtype, const std::vector<int64_t>& shape, int shard, size_t offset,
                                 std::span<const uint8_t> bytes) {
  pb::Writer e;  // proto3: zero-valued fields are not written
  e.varint(1, uint64_t(dtype));
  tf::write_shape(e, 2, shape);
  if (shard != 0) e.varint(3, uint64_t(shard));
  if (offset != 0) e.varint(4, offset);
  if (!bytes.empty()) e.varint(5, bytes.size());
  const uint32_t crc = crc32c_mask(crc32c(bytes.data(), bytes.size()));
  if (crc != 0) e.fixed32(6, crc);
  return e.data();
}

}  // namespace

TfV2Files write_tf_v2_checkpoint(const std::map<std::string, TfTensor>& tensors, int num_shards,
                                 std::optional<int64_t> global_step) {
  struct Item {
    int dtype;
    std::vector<int64_t> shape;
    std::vector<uint8_t> raw;
  };
  std::map<std::string, Item> items;  // the Saver's name order; global_step an int64 scalar
  for (const auto& [name, t] : tensors) {
    const auto* p = reinterpret_cast<const uint8_t*>(t.values.data());
    items[name] = {tf::kFloat, t.shape, std::vector<uint8_t>(p, p + t.values.size() * 4)};
  }
  if (global_step) {
    std::vector<uint8_t> raw(8);
    for (int i = 0; i < 8; ++i) raw[size_t(i)] = uint8_t(uint64_t(*global_step) >> (8 * i));
    items["global_step"] = {tf::kInt64, {}, raw};
  }
  TfV2Files out;
  out.shards.resize(size_t(std::max(1, num_shards)));
  pb::Writer header;
  header.varint(1, out.shards.size());  // endianness LITTLE = 0: not written
  tf::write_versions(header, 3, kBundleVersion, 0);
  std::vector<TableRecord> entries{{"", header.data()}};
  int next = 0;
  for (const auto& [name, item] : items) {
    const int shard = next++ % int(out.shards.size());  // variables spread over the shards
    std::vector<uint8_t>& data = out.shards[size_t(shard)];
    entries.push_back({name, entry_proto(item.dtype, item.shape, shard, data.size(), item.raw)});
    data.insert(data.end(), item.raw.begin(), item.raw.end());  // data_alignment 1: no padding
  }
  out.index = write_table(entries);
  return out;
}

}  // namespace musa
