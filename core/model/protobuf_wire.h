#pragma once
// The protocol buffers wire format, by hand: enough to read and write the few
// small messages of Magenta bundles and TensorFlow checkpoints
// (https://protobuf.dev/programming-guides/encoding/). Every read is bounds
// checked; a malformed message is an error, never a read past the end.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace musa::pb {

/** The wire types proto3 messages use (groups, 3 and 4, are refused). */
enum class Wire : uint8_t { Varint = 0, Fixed64 = 1, Bytes = 2, Fixed32 = 5 };

/** One field as read: its number, wire type and payload. */
struct Field {
  uint32_t number = 0;
  Wire wire = Wire::Varint;
  uint64_t value = 0;              ///< varint, fixed32 or fixed64 payload
  std::span<const uint8_t> bytes;  ///< length-delimited payload
};

/** Reads a base-128 varint from the front of `in` (at most 10 bytes). */
bool read_varint(std::span<const uint8_t>& in, uint64_t& value);

/** Iterates the fields of one message in order. */
class Reader {
 public:
  explicit Reader(std::span<const uint8_t> message) : rest_(message) {}
  /** The next field; false at the end of the message or on a malformed field (then error()). */
  bool next(Field& field);
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  bool fail(std::string why);
  std::span<const uint8_t> rest_;
  std::string error_;
};

/** True when `field` has wire type `want`; else sets `error` naming `what`. */
bool expect(const Field& field, Wire want, const char* what, std::string& error);

/** Appends a varint to `out`. */
void put_varint(std::vector<uint8_t>& out, uint64_t value);

/** Builds one message field by field, in the order the calls are made. */
class Writer {
 public:
  void varint(uint32_t field, uint64_t value);
  void fixed32(uint32_t field, uint32_t value);
  void bytes(uint32_t field, std::span<const uint8_t> payload);
  void string(uint32_t field, std::string_view text);
  void message(uint32_t field, const Writer& sub) { bytes(field, sub.data()); }
  /** A packed repeated float field (proto3's default for `repeated float`). */
  void packed_floats(uint32_t field, std::span<const float> values);
  const std::vector<uint8_t>& data() const { return out_; }

 private:
  void tag(uint32_t field, Wire wire);
  std::vector<uint8_t> out_;
};

}  // namespace musa::pb
