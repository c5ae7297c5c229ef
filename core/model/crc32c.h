#pragma once
// CRC-32C (Castagnoli), as TensorFlow's tensorflow/core/lib/hash/crc32c.h
// computes it for table blocks and checkpoint tensors, with its masking:
// stored CRCs are "masked" so that a CRC of data holding CRCs stays useful.

#include <cstddef>
#include <cstdint>

namespace musa {

/** crc32c::Extend: the CRC of (data whose CRC is `crc`) followed by data[0, n). */
uint32_t crc32c_extend(uint32_t crc, const uint8_t* data, size_t n);
inline uint32_t crc32c(const uint8_t* data, size_t n) { return crc32c_extend(0, data, n); }

/** crc32c::Mask / Unmask: rotate right by 15 bits and add a constant. */
constexpr uint32_t kCrc32cMaskDelta = 0xa282ead8u;
constexpr uint32_t crc32c_mask(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + kCrc32cMaskDelta; }
constexpr uint32_t crc32c_unmask(uint32_t masked) {
  const uint32_t rot = masked - kCrc32cMaskDelta;
  return (rot >> 17) | (rot << 15);
}

}  // namespace musa
