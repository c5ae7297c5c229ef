#include "core/model/snappy.h"

#include "core/model/protobuf_wire.h"

namespace musa {
namespace {

/** Reads an n-byte little-endian number from the front of `in`. */
bool take_le(std::span<const uint8_t>& in, int n, uint32_t& value) {
  if (in.size() < size_t(n)) return false;
  value = 0;
  for (int i = 0; i < n; ++i) value |= uint32_t(in[size_t(i)]) << (8 * i);
  in = in.subspan(size_t(n));
  return true;
}

/** Appends `length` bytes copied from `offset` bytes back (overlap allowed: a run). */
bool copy_back(std::vector<uint8_t>& out, uint32_t offset, uint32_t length, size_t expected) {
  if (offset == 0 || offset > out.size() || length > expected - out.size()) return false;
  const size_t from = out.size() - offset;
  for (uint32_t i = 0; i < length; ++i) out.push_back(out[from + i]);
  return true;
}

}  // namespace

Result<std::vector<uint8_t>> snappy_uncompress(std::span<const uint8_t> in, size_t max_size) {
  uint64_t expected = 0;
  if (!pb::read_varint(in, expected) || expected > 0xffffffffu) return Error{"snappy: bad length preamble"};
  if (expected > max_size) return Error{"snappy: block too large"};
  std::vector<uint8_t> out;
  out.reserve(size_t(expected));
  while (!in.empty()) {
    const uint8_t tag = in[0];
    in = in.subspan(1);
    uint32_t length = 0, offset = 0;
    switch (tag & 3) {
      case 0: {  // literal
        length = tag >> 2;
        if (length >= 60 && !take_le(in, int(length) - 59, length))
          return Error{"snappy: truncated literal length"};
        const uint64_t n = uint64_t(length) + 1;
        if (n > in.size() || n > expected - out.size()) return Error{"snappy: literal runs past the end"};
        out.insert(out.end(), in.begin(), in.begin() + long(n));
        in = in.subspan(size_t(n));
        continue;
      }
      case 1: {  // copy, 1-byte offset
        uint32_t low = 0;
        if (!take_le(in, 1, low)) return Error{"snappy: truncated copy"};
        length = ((tag >> 2) & 7) + 4;
        offset = (uint32_t(tag >> 5) << 8) | low;
        break;
      }
      case 2:  // copy, 2-byte offset
      case 3:  // copy, 4-byte offset
        if (!take_le(in, (tag & 3) == 2 ? 2 : 4, offset)) return Error{"snappy: truncated copy"};
        length = uint32_t(tag >> 2) + 1;
        break;
    }
    if (!copy_back(out, offset, length, size_t(expected))) return Error{"snappy: copy outside the output"};
  }
  if (out.size() != expected) return Error{"snappy: stream shorter than its preamble says"};
  return out;
}

}  // namespace musa
