#include "core/model/leveldb_table.h"

#include <algorithm>

#include "core/model/crc32c.h"
#include "core/model/protobuf_wire.h"
#include "core/model/snappy.h"

namespace musa {
namespace {

constexpr uint64_t kTableMagic = 0xdb4775248b80fb57ull;  // format.h kTableMagicNumber
constexpr size_t kFooterSize = 48;                       // Footer::kEncodedLength
constexpr size_t kTrailerSize = 5;                       // kBlockTrailerSize
constexpr size_t kMaxBlockBytes = 64u << 20;
constexpr size_t kMaxRecords = 1u << 20;

uint32_t load32(const uint8_t* p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

void put32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
}

struct BlockHandle {
  uint64_t offset = 0, size = 0;
};

bool decode_handle(std::span<const uint8_t>& in, BlockHandle& h) {
  return pb::read_varint(in, h.offset) && pb::read_varint(in, h.size);
}

void encode_handle(std::vector<uint8_t>& out, const BlockHandle& h) {
  pb::put_varint(out, h.offset);
  pb::put_varint(out, h.size);
}

/** ReadBlock: the block's contents after the CRC check (uncompressed). */
Result<std::vector<uint8_t>> read_block(std::span<const uint8_t> file, const BlockHandle& h,
                                        const char* what) {
  const uint64_t limit = file.size() - kFooterSize;
  if (h.offset > limit || h.size > limit - h.offset || kTrailerSize > limit - h.offset - h.size)
    return Error{std::string(what) + " block lies outside the file"};
  const uint8_t* data = file.data() + h.offset;
  const size_t n = size_t(h.size);
  if (crc32c_unmask(load32(data + n + 1)) != crc32c(data, n + 1))
    return Error{std::string(what) + " block checksum mismatch (the file is damaged)"};
  if (data[n] == 0) return std::vector<uint8_t>(data, data + n);
  if (data[n] == 1) {
    Result<std::vector<uint8_t>> raw = snappy_uncompress({data, n}, kMaxBlockBytes);
    if (!raw.ok()) return Error{std::string(what) + " block: " + raw.error()};
    return raw;
  }
  return Error{std::string(what) + " block has unknown compression type " + std::to_string(data[n])};
}

/** The block's restart offsets, checked against its size. */
Result<std::vector<uint32_t>> block_restarts(std::span<const uint8_t> block, size_t& entries_end) {
  if (block.size() < 4) return Error{"block too short"};
  const uint32_t count = load32(block.data() + block.size() - 4);
  if (count == 0 || count > (block.size() - 4) / 4) return Error{"block has a bad restart count"};
  entries_end = block.size() - 4 - 4 * size_t(count);
  std::vector<uint32_t> restarts(count);
  for (uint32_t i = 0; i < count; ++i) restarts[i] = load32(block.data() + entries_end + 4 * i);
  if (restarts[0] != 0 || !std::is_sorted(restarts.begin(), restarts.end()) ||
      std::adjacent_find(restarts.begin(), restarts.end()) != restarts.end() || restarts.back() > entries_end)
    return Error{"block has bad restart offsets"};
  return restarts;
}

/** Block::Iter over a whole block: prefix-compressed keys, checked at every entry. */
Result<std::vector<TableRecord>> parse_block(std::span<const uint8_t> block) {
  size_t end = 0;
  Result<std::vector<uint32_t>> restarts = block_restarts(block, end);
  if (!restarts.ok()) return Error{restarts.error()};
  std::vector<TableRecord> out;
  std::string key;
  size_t pos = 0, next_restart = 0;
  while (pos < end) {
    const bool at_restart = next_restart < restarts->size() && (*restarts)[next_restart] == pos;
    if (!at_restart && next_restart < restarts->size() && (*restarts)[next_restart] < pos)
      return Error{"block restart offset is not at an entry"};
    std::span<const uint8_t> in = block.subspan(pos, end - pos);
    uint64_t shared = 0, non_shared = 0, value_length = 0;
    if (!pb::read_varint(in, shared) || !pb::read_varint(in, non_shared) ||
        !pb::read_varint(in, value_length) || shared > key.size() || (at_restart && shared != 0) ||
        non_shared > in.size() || value_length > in.size() - non_shared)
      return Error{"block has a malformed entry"};
    key.resize(size_t(shared));
    key.append(reinterpret_cast<const char*>(in.data()), size_t(non_shared));
    if (!out.empty() && key <= out.back().key) return Error{"keys are not in increasing order"};
    const uint8_t* value = in.data() + non_shared;
    out.push_back({key, std::vector<uint8_t>(value, value + value_length)});
    pos = size_t(value + value_length - block.data());
    next_restart += at_restart;
  }
  if (next_restart != restarts->size() && !(out.empty() && restarts->size() == 1))
    return Error{"block restart offset is not at an entry"};
  return out;
}

/** The footer's index handle, after checking the magic number and the metaindex handle. */
Result<BlockHandle> read_footer(std::span<const uint8_t> file, BlockHandle& metaindex) {
  if (file.size() < kFooterSize) return Error{"too short to be a TensorFlow table (no footer)"};
  const uint8_t* footer = file.data() + file.size() - kFooterSize;
  const uint64_t magic = uint64_t(load32(footer + 40)) | uint64_t(load32(footer + 44)) << 32;
  if (magic != kTableMagic) return Error{"not a TensorFlow table (bad magic number)"};
  std::span<const uint8_t> in(footer, 40);
  BlockHandle index;
  if (!decode_handle(in, metaindex) || !decode_handle(in, index)) return Error{"table footer is malformed"};
  return index;
}

/** Appends one data block's records, checking it against its index entry. */
Status append_data_block(std::span<const uint8_t> file, const TableRecord& index_entry,
                         std::vector<TableRecord>& records) {
  std::span<const uint8_t> in(index_entry.value);
  BlockHandle h;
  if (!decode_handle(in, h) || !in.empty()) return Error{"table index entry is malformed"};
  Result<std::vector<uint8_t>> block = read_block(file, h, "data");
  if (!block.ok()) return Error{block.error()};
  Result<std::vector<TableRecord>> entries = parse_block(*block);
  if (!entries.ok()) return Error{"data " + entries.error()};
  if (entries->empty() || entries->back().key > index_entry.key)
    return Error{"table index does not match its blocks"};
  if (!records.empty() && entries->front().key <= records.back().key)
    return Error{"keys are not in increasing order"};
  if (records.size() + entries->size() > kMaxRecords) return Error{"table has too many records"};
  for (TableRecord& r : *entries) records.push_back(std::move(r));
  return {};
}

}  // namespace

Result<std::vector<TableRecord>> read_table(std::span<const uint8_t> file) {
  BlockHandle metaindex;
  Result<BlockHandle> index_handle = read_footer(file, metaindex);
  if (!index_handle.ok()) return Error{index_handle.error()};
  if (Result<std::vector<uint8_t>> meta = read_block(file, metaindex, "metaindex"); !meta.ok())
    return Error{meta.error()};
  Result<std::vector<uint8_t>> index_block = read_block(file, *index_handle, "index");
  if (!index_block.ok()) return Error{index_block.error()};
  Result<std::vector<TableRecord>> index = parse_block(*index_block);
  if (!index.ok()) return Error{"index " + index.error()};
  std::vector<TableRecord> records;
  for (const TableRecord& entry : *index)
    if (Status s = append_data_block(file, entry, records); !s.ok()) return Error{s.error()};
  return records;
}

// ---- Writing, step for step as table_builder.cc and block_builder.cc ----

namespace {

class BlockBuilder {
 public:
  explicit BlockBuilder(int restart_interval) : interval_(restart_interval) {}
  bool empty() const { return buffer_.empty(); }
  size_t size_estimate() const { return buffer_.size() + restarts_.size() * 4 + 4; }

  void add(const std::string& key, std::span<const uint8_t> value) {
    size_t shared = 0;
    if (counter_ < interval_) {
      while (shared < std::min(last_key_.size(), key.size()) && last_key_[shared] == key[shared]) ++shared;
    } else {
      restarts_.push_back(uint32_t(buffer_.size()));
      counter_ = 0;
    }
    pb::put_varint(buffer_, shared);
    pb::put_varint(buffer_, key.size() - shared);
    pb::put_varint(buffer_, value.size());
    buffer_.insert(buffer_.end(), key.begin() + long(shared), key.end());
    buffer_.insert(buffer_.end(), value.begin(), value.end());
    last_key_ = key;
    ++counter_;
  }

  /** Finish + Reset: the block's bytes, restart array appended. */
  std::vector<uint8_t> take() {
    std::vector<uint8_t> out = std::move(buffer_);
    for (uint32_t r : restarts_) put32(out, r);
    put32(out, uint32_t(restarts_.size()));
    buffer_.clear();
    restarts_.assign(1, 0);
    counter_ = 0;
    last_key_.clear();
    return out;
  }

 private:
  int interval_;
  std::vector<uint8_t> buffer_;
  std::vector<uint32_t> restarts_{0};
  int counter_ = 0;
  std::string last_key_;
};

/** FindShortestSeparator: a short key in [start, limit). */
void shortest_separator(std::string& start, const std::string& limit) {
  size_t i = 0;
  while (i < std::min(start.size(), limit.size()) && start[i] == limit[i]) ++i;
  if (i >= std::min(start.size(), limit.size())) return;
  const uint8_t byte = uint8_t(start[i]);
  if (byte < 0xff && byte + 1 < uint8_t(limit[i])) {
    start[i] = char(byte + 1);
    start.resize(i + 1);
  }
}

/** FindShortSuccessor: a short key ≥ key. */
void short_successor(std::string& key) {
  for (size_t i = 0; i < key.size(); ++i) {
    if (uint8_t(key[i]) != 0xff) {
      key[i] = char(uint8_t(key[i]) + 1);
      key.resize(i + 1);
      return;
    }
  }
}

class TableBuilder {
 public:
  explicit TableBuilder(const TableWriterOptions& options)
      : options_(options), data_(options.block_restart_interval), index_(1) {}

  void add(const TableRecord& r) {
    if (entries_ > 0 && r.key.size() + r.value.size() >= 2 * options_.block_size) flush();
    if (pending_index_) {
      shortest_separator(last_key_, r.key);
      add_index_entry();
    }
    last_key_ = r.key;
    ++entries_;
    data_.add(r.key, r.value);
    if (data_.size_estimate() >= options_.block_size) flush();
  }

  std::vector<uint8_t> finish() {
    flush();
    BlockBuilder meta(options_.block_restart_interval);
    const BlockHandle meta_handle = write_block(meta);
    if (pending_index_) {
      short_successor(last_key_);
      add_index_entry();
    }
    const BlockHandle index_handle = write_block(index_);
    std::vector<uint8_t> footer;
    encode_handle(footer, meta_handle);
    encode_handle(footer, index_handle);
    footer.resize(40, 0);
    put32(footer, uint32_t(kTableMagic));
    put32(footer, uint32_t(kTableMagic >> 32));
    file_.insert(file_.end(), footer.begin(), footer.end());
    return std::move(file_);
  }

 private:
  void add_index_entry() {
    std::vector<uint8_t> handle;
    encode_handle(handle, pending_handle_);
    index_.add(last_key_, handle);
    pending_index_ = false;
  }

  void flush() {
    if (data_.empty()) return;
    pending_handle_ = write_block(data_);
    pending_index_ = true;
  }

  /** WriteBlock + WriteRawBlock: contents, type byte, masked CRC of both. */
  BlockHandle write_block(BlockBuilder& block) {
    std::vector<uint8_t> raw = block.take();
    uint8_t type = 0;
    if (options_.compress) {
      std::vector<uint8_t> packed = options_.compress(raw);
      if (!packed.empty() && packed.size() < raw.size() - raw.size() / 8) {
        raw = std::move(packed);
        type = 1;
      }
    }
    const BlockHandle h{file_.size(), raw.size()};
    file_.insert(file_.end(), raw.begin(), raw.end());
    file_.push_back(type);
    put32(file_, crc32c_mask(crc32c(file_.data() + h.offset, raw.size() + 1)));
    return h;
  }

  TableWriterOptions options_;
  BlockBuilder data_, index_;
  std::vector<uint8_t> file_;
  std::string last_key_;
  size_t entries_ = 0;
  bool pending_index_ = false;
  BlockHandle pending_handle_;
};

}  // namespace

std::vector<uint8_t> write_table(const std::vector<TableRecord>& records, const TableWriterOptions& options) {
  TableBuilder builder(options);
  for (const TableRecord& r : records) builder.add(r);
  return builder.finish();
}

}  // namespace musa
