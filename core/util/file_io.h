#pragma once
// Reading and atomically writing whole files, with errors that name the file.

#include <cstdint>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace musa {

/** Reads a whole file; refuses files larger than `max_bytes`. */
Result<std::vector<uint8_t>> read_file_bytes(const std::string& path, uint64_t max_bytes);

/** Writes via a temporary file in the same folder, fsync, then rename. */
Status write_file_atomically(const std::string& path, const void* data, size_t size);

}  // namespace musa
