#pragma once
// Snappy decompression (the format of google/snappy's format_description.txt),
// for table blocks TensorFlow stored with kSnappyCompression
// (tensorflow/core/lib/io/format.cc ReadBlock). Checked at every step.

#include <cstdint>
#include <span>
#include <vector>

#include "core/util/result.h"

namespace musa {

/** The uncompressed bytes; refuses streams that would exceed `max_size`. */
Result<std::vector<uint8_t>> snappy_uncompress(std::span<const uint8_t> compressed, size_t max_size);

}  // namespace musa
