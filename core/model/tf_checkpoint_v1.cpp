// V1 checkpoints: a table of SavedTensorSlices (see tf_checkpoint.h).

#include <cstring>
#include <set>

#include "core/model/leveldb_table.h"
#include "core/model/tf_checkpoint.h"
#include "core/model/tf_protos.h"

namespace musa {
namespace {

constexpr int64_t kCheckpointVersion = 1;  // TF_CHECKPOINT_VERSION (core/public/version.h)

/** One SavedSliceMeta: the tensor's name, shape and type. */
struct SliceMeta {
  std::string name;
  std::vector<int64_t> shape;
  int dtype = 0;
};

/** Field 1 (meta) or 2 (data) of a SavedTensorSlices record. */
Result<std::span<const uint8_t>> saved_slices_field(std::span<const uint8_t> record, uint32_t number) {
  pb::Reader r(record);
  pb::Field f;
  std::span<const uint8_t> found;
  bool seen = false;
  while (r.next(f))
    if (f.number == number && f.wire == pb::Wire::Bytes) found = f.bytes, seen = true;
  if (r.failed()) return Error{"SavedTensorSlices: " + r.error()};
  if (!seen)
    return Error{number == 1 ? "record \"\" has no SavedTensorSliceMeta" : "a record has no SavedSlice"};
  return found;
}

Result<SliceMeta> parse_slice_meta(std::span<const uint8_t> message) {
  SliceMeta m;
  std::vector<std::span<const uint8_t>> slices;
  std::span<const uint8_t> shape;
  pb::Reader r(message);
  pb::Field f;
  while (r.next(f)) {
    if (f.number == 1 && f.wire == pb::Wire::Bytes) m.name.assign(f.bytes.begin(), f.bytes.end());
    if (f.number == 2 && f.wire == pb::Wire::Bytes) shape = f.bytes;
    if (f.number == 3 && f.wire == pb::Wire::Varint) m.dtype = int(f.value);
    if (f.number == 4 && f.wire == pb::Wire::Bytes) slices.push_back(f.bytes);
  }
  if (r.failed()) return Error{"SavedSliceMeta: " + r.error()};
  if (m.name.empty()) return Error{"a tensor in the checkpoint has no name"};
  Result<std::vector<int64_t>> dims = tf::parse_shape(shape);
  if (!dims.ok()) return Error{"tensor '" + m.name + "': " + dims.error()};
  m.shape = *dims;
  if (slices.size() != 1)
    return Error{"tensor '" + m.name + "' is saved in several slices (partitioned); not supported"};
  Result<bool> full = tf::slice_is_full(slices[0], m.shape);
  if (!full.ok()) return Error{"tensor '" + m.name + "': " + full.error()};
  if (!*full) return Error{"tensor '" + m.name + "' is saved as a partial slice; not supported"};
  return m;
}

/** The SavedTensorSliceMeta of record "": every tensor, checked. */
Result<std::map<std::string, SliceMeta>> parse_meta(std::span<const uint8_t> record) {
  Result<std::span<const uint8_t>> meta = saved_slices_field(record, 1);
  if (!meta.ok()) return Error{meta.error()};
  std::map<std::string, SliceMeta> out;
  pb::Reader r(*meta);
  pb::Field f;
  while (r.next(f)) {
    if (f.number == 2 && f.wire == pb::Wire::Bytes) {
      Result<tf::Versions> v = tf::parse_versions(f.bytes);
      if (!v.ok()) return Error{v.error()};
      if (Status s = tf::check_versions(*v, kCheckpointVersion, "checkpoint"); !s.ok())
        return Error{s.error()};
    }
    if (f.number != 1 || f.wire != pb::Wire::Bytes) continue;
    Result<SliceMeta> m = parse_slice_meta(f.bytes);
    if (!m.ok()) return Error{m.error()};
    if (!out.emplace(m->name, *m).second) return Error{"tensor '" + m->name + "' is listed twice"};
  }
  if (r.failed()) return Error{"SavedTensorSliceMeta: " + r.error()};
  return out;
}

/** The floats of a TensorProto: float_val (packed or not) or tensor_content. */
Result<std::vector<float>> tensor_floats(std::span<const uint8_t> message, int64_t count) {
  std::vector<float> values;
  pb::Reader r(message);
  pb::Field f;
  auto append_raw = [&](std::span<const uint8_t> raw) {
    if (raw.size() % 4 != 0 || values.size() + raw.size() / 4 > size_t(count)) return false;
    const size_t at = values.size();
    values.resize(at + raw.size() / 4);
    if (!raw.empty()) std::memcpy(values.data() + at, raw.data(), raw.size());  // little-endian host
    return true;
  };
  while (r.next(f)) {
    bool ok = true;
    if (f.number == 5 && f.wire == pb::Wire::Bytes) ok = append_raw(f.bytes);  // packed float_val
    if (f.number == 4 && f.wire == pb::Wire::Bytes) ok = append_raw(f.bytes);  // tensor_content
    if (f.number == 5 && f.wire == pb::Wire::Fixed32) {
      uint8_t raw[4];
      for (int i = 0; i < 4; ++i) raw[i] = uint8_t(f.value >> (8 * i));
      ok = append_raw(raw);
    }
    if (!ok) return Error{"holds more values than its shape"};
  }
  if (r.failed()) return Error{"TensorProto: " + r.error()};
  if (int64_t(values.size()) != count)
    return Error{"holds " + std::to_string(values.size()) + " values, its shape needs " +
                 std::to_string(count)};
  return values;
}

/** One data record: the SavedSlice of a tensor named in the meta. */
Status read_data_record(const TableRecord& record, const std::map<std::string, SliceMeta>& meta,
                        TfCheckpoint& out, std::set<std::string>& seen) {
  Result<std::span<const uint8_t>> slice = saved_slices_field(record.value, 2);
  if (!slice.ok()) return Error{slice.error()};
  std::string name;
  std::span<const uint8_t> extent, data;
  pb::Reader r(*slice);
  pb::Field f;
  while (r.next(f)) {
    if (f.wire != pb::Wire::Bytes) continue;
    if (f.number == 1) name.assign(f.bytes.begin(), f.bytes.end());
    if (f.number == 2) extent = f.bytes;
    if (f.number == 3) data = f.bytes;
  }
  if (r.failed()) return Error{"SavedSlice: " + r.error()};
  const auto m = meta.find(name);
  if (m == meta.end()) return Error{"data for tensor '" + name + "', which the checkpoint does not list"};
  if (record.key != tf::tensor_name_slice_key(name, m->second.shape.size()))
    return Error{"the record key of tensor '" + name + "' does not match its name and slice"};
  if (!seen.insert(name).second) return Error{"tensor '" + name + "' is stored twice"};
  Result<bool> full = tf::slice_is_full(extent, m->second.shape);
  if (!full.ok() || !*full) return Error{"tensor '" + name + "' is stored as a partial slice; not supported"};
  if (m->second.dtype != tf::kFloat) {
    out.skipped.push_back(name);
    return {};
  }
  Result<std::vector<float>> values = tensor_floats(data, tf::element_count(m->second.shape));
  if (!values.ok()) return Error{"tensor '" + name + "' " + values.error()};
  out.tensors[name] = TfTensor{m->second.shape, std::move(*values)};
  return {};
}

}  // namespace

Result<TfCheckpoint> read_tf_v1_checkpoint(std::span<const uint8_t> file) {
  Result<std::vector<TableRecord>> records = read_table(file);
  if (!records.ok()) return Error{records.error()};
  if (records->empty() || !records->front().key.empty())
    return Error{"no SavedTensorSliceMeta record: not a TensorFlow V1 checkpoint"};
  Result<std::map<std::string, SliceMeta>> meta = parse_meta(records->front().value);
  if (!meta.ok()) return Error{meta.error()};
  TfCheckpoint out;
  std::set<std::string> seen;
  for (size_t i = 1; i < records->size(); ++i)
    if (Status s = read_data_record((*records)[i], *meta, out, seen); !s.ok()) return Error{s.error()};
  for (const auto& [name, m] : *meta)
    if (!seen.count(name)) return Error{"tensor '" + name + "' is listed but its data is missing"};
  return out;
}

// ---- Writing, as TensorSliceWriter::Add and Finish ----

namespace {

/** SavedSliceMeta {name, shape, type, slice}. */
pb::Writer slice_meta(const std::string& name, const std::vector<int64_t>& shape, int dtype) {
  pb::Writer m;
  m.string(1, name);
  tf::write_shape(m, 2, shape);
  m.varint(3, uint64_t(dtype));
  tf::write_full_slice(m, 4, shape.size());
  return m;
}

/** A data record's value: SavedTensorSlices {data: SavedSlice {name, slice, data}}. */
std::vector<uint8_t> data_record(const std::string& name, size_t rank, const pb::Writer& tensor_proto) {
  pb::Writer slice;
  slice.string(1, name);
  tf::write_full_slice(slice, 2, rank);
  slice.message(3, tensor_proto);
  pb::Writer record;
  record.message(2, slice);
  return record.data();
}

}  // namespace

std::vector<uint8_t> write_tf_v1_checkpoint(const std::map<std::string, TfTensor>& tensors,
                                            std::optional<int64_t> global_step) {
  // The Saver adds variables in name order; global_step is an int64 scalar.
  std::map<std::string, const TfTensor*> order;
  for (const auto& [name, t] : tensors) order[name] = &t;
  if (global_step) order["global_step"] = nullptr;
  pb::Writer meta;
  std::map<std::string, std::vector<uint8_t>> data;  // TensorSliceWriter::data_, sorted by key
  for (const auto& [name, t] : order) {
    const std::vector<int64_t> shape = t ? t->shape : std::vector<int64_t>{};
    meta.message(1, slice_meta(name, shape, t ? tf::kFloat : tf::kInt64));
    pb::Writer value;
    if (t && !t->values.empty()) value.packed_floats(5, t->values);  // float_val
    if (!t) {
      std::vector<uint8_t> packed;
      pb::put_varint(packed, uint64_t(*global_step));
      value.bytes(10, packed);  // int64_val, packed
    }
    data[tf::tensor_name_slice_key(name, shape.size())] = data_record(name, shape.size(), value);
  }
  tf::write_versions(meta, 2, kCheckpointVersion, 0);
  pb::Writer first;
  first.message(1, meta);
  std::vector<TableRecord> records{{"", first.data()}};
  for (auto& [key, value] : data) records.push_back({key, std::move(value)});
  return write_table(records);
}

}  // namespace musa
