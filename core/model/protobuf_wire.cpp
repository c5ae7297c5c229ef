#include "core/model/protobuf_wire.h"

#include <cstring>

namespace musa::pb {

bool read_varint(std::span<const uint8_t>& in, uint64_t& value) {
  value = 0;
  for (size_t i = 0; i < in.size() && i < 10; ++i) {
    const uint64_t byte = in[i];
    if (i == 9 && byte > 1) return false;  // more than 64 bits
    value |= (byte & 0x7f) << (7 * i);
    if (!(byte & 0x80)) {
      in = in.subspan(i + 1);
      return true;
    }
  }
  return false;
}

bool Reader::fail(std::string why) {
  error_ = std::move(why);
  rest_ = {};
  return false;
}

bool Reader::next(Field& field) {
  if (rest_.empty() || failed()) return false;
  uint64_t tag = 0;
  if (!read_varint(rest_, tag)) return fail("malformed field tag");
  field.number = static_cast<uint32_t>(tag >> 3);
  if ((tag >> 3) == 0 || (tag >> 3) > 0x1fffffff) return fail("invalid field number");
  field.wire = static_cast<Wire>(tag & 7);
  field.value = 0;
  field.bytes = {};
  switch (field.wire) {
    case Wire::Varint:
      if (!read_varint(rest_, field.value))
        return fail("malformed varint in field " + std::to_string(field.number));
      return true;
    case Wire::Fixed64:
    case Wire::Fixed32: {
      const size_t n = field.wire == Wire::Fixed64 ? 8 : 4;
      if (rest_.size() < n) return fail("field " + std::to_string(field.number) + " runs past the end");
      for (size_t i = 0; i < n; ++i) field.value |= uint64_t(rest_[i]) << (8 * i);
      rest_ = rest_.subspan(n);
      return true;
    }
    case Wire::Bytes: {
      uint64_t length = 0;
      if (!read_varint(rest_, length) || length > rest_.size())
        return fail("field " + std::to_string(field.number) + " runs past the end");
      field.bytes = rest_.first(size_t(length));
      rest_ = rest_.subspan(size_t(length));
      return true;
    }
  }
  return fail("field " + std::to_string(field.number) + " has unsupported wire type " +
              std::to_string(tag & 7));
}

bool expect(const Field& field, Wire want, const char* what, std::string& error) {
  if (field.wire == want) return true;
  error = std::string(what) + " has the wrong wire type";
  return false;
}

void put_varint(std::vector<uint8_t>& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(uint8_t(value | 0x80));
    value >>= 7;
  }
  out.push_back(uint8_t(value));
}

void Writer::tag(uint32_t field, Wire wire) { put_varint(out_, (uint64_t(field) << 3) | uint64_t(wire)); }

void Writer::varint(uint32_t field, uint64_t value) {
  tag(field, Wire::Varint);
  put_varint(out_, value);
}

void Writer::fixed32(uint32_t field, uint32_t value) {
  tag(field, Wire::Fixed32);
  for (int i = 0; i < 4; ++i) out_.push_back(uint8_t(value >> (8 * i)));
}

void Writer::bytes(uint32_t field, std::span<const uint8_t> payload) {
  tag(field, Wire::Bytes);
  put_varint(out_, payload.size());
  out_.insert(out_.end(), payload.begin(), payload.end());
}

void Writer::string(uint32_t field, std::string_view text) {
  bytes(field, {reinterpret_cast<const uint8_t*>(text.data()), text.size()});
}

void Writer::packed_floats(uint32_t field, std::span<const float> values) {
  std::vector<uint8_t> raw(values.size() * 4);
  if (!raw.empty()) std::memcpy(raw.data(), values.data(), raw.size());  // little-endian host
  bytes(field, raw);
}

}  // namespace musa::pb
