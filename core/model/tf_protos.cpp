#include "core/model/tf_protos.h"

namespace musa::tf {
namespace {

constexpr int kMaxRank = 8;
constexpr int64_t kMaxElements = int64_t(1) << 28;  // 1 GiB of floats: far above any melody model

}  // namespace

int dtype_size(int dtype) {
  switch (dtype) {
    case kFloat:
    case kInt32:
      return 4;
    case kDouble:
    case kInt64:
      return 8;
    default:
      return 0;
  }
}

Result<std::vector<int64_t>> parse_shape(std::span<const uint8_t> message) {
  std::vector<int64_t> dims;
  pb::Reader r(message);
  pb::Field f;
  std::string error;
  int64_t elements = 1;
  while (r.next(f)) {
    if (f.number == 3 && f.value != 0) return Error{"tensor shape has unknown rank"};
    if (f.number != 2) continue;
    if (!pb::expect(f, pb::Wire::Bytes, "TensorShapeProto.dim", error)) return Error{error};
    int64_t size = 0;
    pb::Reader dim(f.bytes);
    pb::Field d;
    while (dim.next(d))
      if (d.number == 1 && d.wire == pb::Wire::Varint) size = int64_t(d.value);
    if (dim.failed()) return Error{"tensor shape: " + dim.error()};
    if (size < 0 || size > kMaxElements || int(dims.size()) >= kMaxRank)
      return Error{"tensor shape has an invalid dimension"};
    elements *= size;
    if (elements > kMaxElements) return Error{"tensor is too large"};
    dims.push_back(size);
  }
  if (r.failed()) return Error{"tensor shape: " + r.error()};
  return dims;
}

void write_shape(pb::Writer& out, uint32_t field, const std::vector<int64_t>& dims) {
  pb::Writer shape;
  for (int64_t size : dims) {
    pb::Writer dim;
    if (size != 0) dim.varint(1, uint64_t(size));  // proto3 omits zeros
    shape.message(2, dim);
  }
  out.message(field, shape);
}

int64_t element_count(const std::vector<int64_t>& dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  return n;
}

Result<bool> slice_is_full(std::span<const uint8_t> message, const std::vector<int64_t>& dims) {
  pb::Reader r(message);
  pb::Field f;
  size_t extents = 0;
  bool full = true;
  while (r.next(f)) {
    if (f.number != 1 || f.wire != pb::Wire::Bytes) continue;
    int64_t start = 0, length = -1;
    pb::Reader e(f.bytes);
    pb::Field x;
    while (e.next(x)) {
      if (x.number == 1 && x.wire == pb::Wire::Varint) start = int64_t(x.value);
      if (x.number == 2 && x.wire == pb::Wire::Varint) length = int64_t(x.value);
    }
    if (e.failed()) return Error{"tensor slice: " + e.error()};
    const int64_t dim = extents < dims.size() ? dims[extents] : -2;
    full = full && start == 0 && (length == -1 || length == dim);
    ++extents;
  }
  if (r.failed()) return Error{"tensor slice: " + r.error()};
  if (extents != dims.size()) return Error{"tensor slice does not match the tensor's rank"};
  return full;
}

void write_full_slice(pb::Writer& out, uint32_t field, size_t rank) {
  pb::Writer slice;
  for (size_t i = 0; i < rank; ++i) slice.message(1, pb::Writer{});
  out.message(field, slice);
}

Result<Versions> parse_versions(std::span<const uint8_t> message) {
  Versions v;
  pb::Reader r(message);
  pb::Field f;
  while (r.next(f)) {
    if (f.wire != pb::Wire::Varint) continue;
    if (f.number == 1) v.producer = int64_t(int32_t(f.value));
    if (f.number == 2) v.min_consumer = int64_t(int32_t(f.value));
    if (f.number == 3) v.bad_consumers.push_back(int64_t(int32_t(f.value)));
  }
  if (r.failed()) return Error{"version: " + r.error()};
  return v;
}

Status check_versions(const Versions& v, int64_t ours, const char* what) {
  if (v.min_consumer > ours)
    return Error{std::string(what) + " needs a reader of format version " + std::to_string(v.min_consumer) +
                 " (written by a newer TensorFlow)"};
  for (int64_t bad : v.bad_consumers)
    if (bad == ours)
      return Error{std::string(what) + " disallows readers of format version " + std::to_string(ours)};
  return {};
}

void write_versions(pb::Writer& out, uint32_t field, int64_t producer, int64_t min_consumer) {
  pb::Writer v;
  if (producer != 0) v.varint(1, uint64_t(producer));
  if (min_consumer != 0) v.varint(2, uint64_t(min_consumer));
  out.message(field, v);
}

std::string tensor_name_slice_key(const std::string& name, size_t rank) {
  // OrderedCode (tensorflow/core/lib/strings/ordered_code.cc): WriteNumIncreasing(0)
  // is one length byte 0; WriteString escapes \x00 as \x00\xff and \xff as
  // \xff\x00 and ends with \x00\x01; the rank is a length byte then big-endian
  // bytes; each dimension of a full slice is start 0 (signed: 0x80) and length
  // kFullExtent = −1 (signed: 0x80 ^ 0xff = 0x7f).
  std::string key(1, '\0');
  for (char c : name) {
    key += c;
    if (c == '\0') key += '\xff';
    if (c == '\xff') key += '\0';
  }
  key += std::string("\0\x01", 2);
  std::string rank_bytes;
  for (size_t v = rank; v > 0; v >>= 8) rank_bytes.insert(rank_bytes.begin(), char(v & 0xff));
  key += char(rank_bytes.size());
  key += rank_bytes;
  for (size_t d = 0; d < rank; ++d) key += "\x80\x7f";
  return key;
}

}  // namespace musa::tf
