#pragma once
// The LevelDB table ("SSTable") format as TensorFlow reads and writes it in
// tensorflow/core/lib/io/ (table_builder.cc, block_builder.cc, format.cc):
// the file holding a V1 checkpoint and a V2 checkpoint's `.index`.
//
//   data blocks | metaindex block | index block | footer (48 bytes)
//   block:   entries (shared varint32, non_shared varint32, value_length
//            varint32, key delta, value), restart offsets (fixed32 each),
//            restart count (fixed32); then a 5-byte trailer: compression type
//            (0 none, 1 snappy) and the masked CRC-32C of contents + type.
//   footer:  metaindex and index BlockHandles (varint64 offset, size), zero
//            padding to 40 bytes, magic 0xdb4775248b80fb57 (fixed64).

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/util/result.h"

namespace musa {

/** One key/value record of a table. */
struct TableRecord {
  std::string key;
  std::vector<uint8_t> value;
};

/**
 * Every record of a table, in key order. Checks the footer, each block's CRC,
 * the block layout and that keys strictly increase; errors say what is wrong
 * (the caller names the file).
 */
Result<std::vector<TableRecord>> read_table(std::span<const uint8_t> file);

/** How write_table lays out blocks: TensorFlow's table::Options defaults. */
struct TableWriterOptions {
  size_t block_size = 262144;
  int block_restart_interval = 16;
  /** Compresses a block (snappy); an empty result stores it raw. TF's checkpoints use none. */
  std::function<std::vector<uint8_t>(std::span<const uint8_t>)> compress;
};

/** A table of `records` (keys strictly increasing) as TF's table::TableBuilder writes it. */
std::vector<uint8_t> write_table(const std::vector<TableRecord>& records,
                                 const TableWriterOptions& options = {});

}  // namespace musa
