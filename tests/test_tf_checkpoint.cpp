// TensorFlow's file formats without TensorFlow: protobuf wire format, CRC-32C,
// snappy, the LevelDB table, V1 and V2 checkpoints. Expected bytes are worked
// out by hand from the TF sources cited in core/model/*.h, not printed by the
// code under test.

#include <QtTest>
#include <cstring>
#include <random>

#include "core/model/crc32c.h"
#include "core/model/leveldb_table.h"
#include "core/model/protobuf_wire.h"
#include "core/model/snappy.h"
#include "core/model/tf_checkpoint.h"
#include "core/model/tf_protos.h"
#include "test_main.h"

using namespace musa;
using Bytes = std::vector<uint8_t>;

namespace {

Bytes bytes(std::initializer_list<int> list) {
  Bytes out;
  for (int b : list) out.push_back(uint8_t(b));
  return out;
}

Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }

void append(Bytes& out, const Bytes& more) { out.insert(out.end(), more.begin(), more.end()); }

/** The 5-byte block trailer: type 0, masked CRC-32C of contents + type. */
Bytes trailer(const Bytes& contents) {
  Bytes with_type = contents;
  with_type.push_back(0);
  const uint32_t masked = crc32c_mask(crc32c(with_type.data(), with_type.size()));
  return bytes(
      {0, int(masked & 0xff), int((masked >> 8) & 0xff), int((masked >> 16) & 0xff), int(masked >> 24)});
}

std::map<std::string, TfTensor> sample_tensors() {
  std::map<std::string, TfTensor> t;
  t["rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel"] = {{3, 4},
                                                           {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -12.5f}};
  t["rnn/multi_rnn_cell/cell_0/basic_lstm_cell/bias"] = {{4}, {0.25f, -0.5f, 0, 1e-7f}};
  t["fully_connected/weights"] = {{1, 2}, {3.5f, -4}};
  t["empty"] = {{0, 3}, {}};
  return t;
}

bool same(const std::map<std::string, TfTensor>& a, const std::map<std::string, TfTensor>& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [name, t] : a) {
    const auto it = b.find(name);
    if (it == b.end() || it->second.shape != t.shape || it->second.values != t.values) return false;
  }
  return true;
}

}  // namespace

class TfCheckpointTest : public QObject {
  Q_OBJECT

 private slots:
  void protobufWireReadsWhatItWrites() {
    pb::Writer w;
    w.varint(1, 300);           // 08 ac 02
    w.string(2, "hi");          // 12 02 68 69
    w.fixed32(6, 0xdeadbeef);   // 35 ef be ad de
    w.varint(3, uint64_t(-1));  // an int32 −1: ten bytes
    QCOMPARE(Bytes(w.data().begin(), w.data().begin() + 12),
             bytes({0x08, 0xac, 0x02, 0x12, 0x02, 'h', 'i', 0x35, 0xef, 0xbe, 0xad, 0xde}));
    pb::Reader r(w.data());
    pb::Field f;
    QVERIFY(r.next(f) && f.number == 1 && f.value == 300);
    QVERIFY(r.next(f) && f.number == 2 && Bytes(f.bytes.begin(), f.bytes.end()) == text("hi"));
    QVERIFY(r.next(f) && f.number == 6 && f.wire == pb::Wire::Fixed32 && f.value == 0xdeadbeef);
    QVERIFY(r.next(f) && f.number == 3 && int32_t(f.value) == -1);
    QVERIFY(!r.next(f) && !r.failed());
  }

  void protobufWireRefusesMalformedMessages() {
    const std::vector<Bytes> bad{
        bytes({0x08}),              // varint missing
        bytes({0x08, 0x80}),        // varint truncated
        bytes({0x12, 0x05, 'a'}),   // length past the end
        bytes({0x0b}),              // group start (wire type 3)
        bytes({0x00, 0x01}),        // field number 0
        bytes({0x35, 0x01, 0x02}),  // fixed32 truncated
        bytes({0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}),  // > 64 bits
    };
    for (const Bytes& b : bad) {
      pb::Reader r(b);
      pb::Field f;
      while (r.next(f)) {
      }
      QVERIFY(r.failed());
    }
  }

  void crc32cMatchesPublishedValues() {
    const Bytes check = text("123456789");
    QCOMPARE(crc32c(check.data(), check.size()), 0xe3069283u);  // the CRC-32C check value
    const Bytes zeros(32, 0), ones(32, 0xff);                   // RFC 3720 B.4 test vectors
    QCOMPARE(crc32c(zeros.data(), 32), 0x8a9136aau);
    QCOMPARE(crc32c(ones.data(), 32), 0x62a8ab43u);
    Bytes ascending(32);
    for (int i = 0; i < 32; ++i) ascending[size_t(i)] = uint8_t(i);
    QCOMPARE(crc32c(ascending.data(), 32), 0x46dd794eu);
    QCOMPARE(crc32c_extend(crc32c(check.data(), 4), check.data() + 4, 5), 0xe3069283u);
    QCOMPARE(crc32c_mask(0), 0xa282ead8u);
    for (uint32_t v : {0u, 1u, 0xe3069283u, 0xffffffffu}) QCOMPARE(crc32c_unmask(crc32c_mask(v)), v);
  }

  void snappyDecodesLiteralsAndCopies() {
    // Preamble 10; literal "abc" (tag (3−1)<<2 = 0x08); copy of 7 from 3 back with a
    // 1-byte offset (tag (7−4)<<2 | 1 = 0x0d, offset 3): "abcabcabca".
    QCOMPARE(*snappy_uncompress(bytes({10, 0x08, 'a', 'b', 'c', 0x0d, 3}), 100), text("abcabcabca"));
    // A copy with a 2-byte offset (tag (2−1)<<2 | 2 = 0x06, offset 1): "xx".
    QCOMPARE(*snappy_uncompress(bytes({2, 0x00, 'x', 0x02, 0x01, 0x00}), 100), text("xx"));
    QVERIFY(!snappy_uncompress(bytes({4, 0x08, 'a', 'b', 'c', 0x0d, 0}), 100).ok());   // offset 0
    QVERIFY(!snappy_uncompress(bytes({10, 0x08, 'a', 'b', 'c', 0x0d, 9}), 100).ok());  // before the start
    QVERIFY(!snappy_uncompress(bytes({9, 0x08, 'a', 'b', 'c'}), 100).ok());            // shorter than said
    QVERIFY(!snappy_uncompress(bytes({3, 0x08, 'a'}), 100).ok());                      // truncated literal
    QVERIFY(!snappy_uncompress(bytes({200, 1}), 100).ok());                            // over the limit
  }

  void tableBytesAreTableBuildersOwn() {
    // One record "a" → "b". Data block: entry (shared 0, non-shared 1, value 1, "a", "b"),
    // restarts [0], count 1. Metaindex: empty block. Index: FindShortSuccessor("a") = "b"
    // → handle (0, 13). Footer: handles, zero padding to 40 bytes, the magic number.
    Bytes data = bytes({0, 1, 1, 'a', 'b', 0, 0, 0, 0, 1, 0, 0, 0});
    Bytes meta = bytes({0, 0, 0, 0, 1, 0, 0, 0});
    Bytes index = bytes({0, 1, 2, 'b', 0, 13, 0, 0, 0, 0, 1, 0, 0, 0});
    Bytes want = data;
    append(want, trailer(data));
    append(want, meta);
    append(want, trailer(meta));
    append(want, index);
    append(want, trailer(index));
    Bytes footer = bytes({18, 8, 31, 14});  // metaindex at 18 (8 bytes), index at 31 (14 bytes)
    footer.resize(40, 0);
    append(footer, bytes({0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb}));
    append(want, footer);
    QCOMPARE(write_table({{"a", text("b")}}), want);
  }

  void tableRoundTripsAcrossBlocks() {
    std::vector<TableRecord> records;
    for (int i = 0; i < 300; ++i) {
      char key[32];
      std::snprintf(key, sizeof key, "rnn/cell_%03d/kernel", i);
      records.push_back({key, Bytes(size_t(i % 50), uint8_t(i))});
    }
    records.insert(records.begin(), TableRecord{"", text("header")});
    TableWriterOptions small;
    small.block_size = 256;  // many data blocks, separators between them
    for (const TableWriterOptions& options : {TableWriterOptions{}, small}) {
      Result<std::vector<TableRecord>> back = read_table(write_table(records, options));
      QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
      QCOMPARE(back->size(), records.size());
      for (size_t i = 0; i < records.size(); ++i) {
        QCOMPARE(back.value()[i].key, records[i].key);
        QCOMPARE(back.value()[i].value, records[i].value);
      }
    }
  }

  void tableReadsSnappyBlocks() {
    // A small snappy compressor for runs: one-byte literals, and each run of a repeated
    // byte as a copy from 1 back (2-byte offset, tag (length−1)<<2 | 2). TF keeps a
    // compressed block (type 1) when it saves at least 1/8.
    TableWriterOptions options;
    options.compress = [](std::span<const uint8_t> raw) {
      Bytes out;
      pb::put_varint(out, raw.size());
      for (size_t i = 0; i < raw.size();) {
        size_t run = 0;
        while (i > 0 && i + run < raw.size() && run < 64 && raw[i + run] == raw[i - 1]) ++run;
        if (run > 0) {
          append(out, bytes({int((run - 1) << 2 | 2), 1, 0}));
          i += run;
        } else {
          append(out, bytes({0, raw[i++]}));
        }
      }
      return out;
    };
    std::vector<TableRecord> records{{"k1", Bytes(300, 7)}, {"k2", Bytes(3, 1)}};
    const Bytes file = write_table(records, options);
    QVERIFY(file.size() < 200);  // the data block was stored compressed
    Result<std::vector<TableRecord>> back = read_table(file);
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
    QCOMPARE(back->size(), size_t(2));
    QCOMPARE(back.value()[0].value, Bytes(300, 7));
    QCOMPARE(back.value()[1].value, Bytes(3, 1));
  }

  void tableReaderRefusesDamage() {
    const Bytes good = write_table({{"", text("h")}, {"x", text("value")}, {"y", text("more")}});
    QVERIFY(read_table(good).ok());
    for (size_t n = 0; n < good.size(); ++n) QVERIFY(!read_table({good.data(), n}).ok());  // every truncation
    int refused = 0;
    for (size_t i = 0; i < good.size(); ++i) {
      Bytes bad = good;
      bad[i] ^= 0x20;
      refused += !read_table(bad).ok();  // never a crash; CRCs catch the blocks
    }
    // Only the footer's zero padding (40 bytes less the 4 handle bytes) may change unnoticed.
    QVERIFY(refused >= int(good.size()) - 36);
  }

  void v1RecordsAreTensorSliceWritersOwn() {
    const Bytes file = write_tf_v1_checkpoint({{"w", TfTensor{{2}, {1.5f, -2.0f}}}});
    Result<std::vector<TableRecord>> records = read_table(file);
    QVERIFY(records.ok());
    QCOMPARE(records->size(), size_t(2));
    // Record "": SavedTensorSlices{meta{tensor{name "w", shape{dim{size 2}}, type DT_FLOAT,
    // slice{extent{}}}, versions{producer 1}}} (min_consumer 0 is not written).
    const Bytes slice_meta = bytes({0x0a, 1, 'w', 0x12, 4, 0x12, 2, 0x08, 2, 0x18, 1, 0x22, 2, 0x0a, 0});
    Bytes meta = bytes({0x0a, 15});
    append(meta, slice_meta);
    append(meta, bytes({0x12, 2, 0x08, 1}));
    Bytes first = bytes({0x0a, 21});
    append(first, meta);
    QCOMPARE(records.value()[0].key, std::string());
    QCOMPARE(records.value()[0].value, first);
    // Key: OrderedCode 0, "w" + separator, rank 1, start 0 (0x80), length −1 (0x7f).
    QCOMPARE(records.value()[1].key, std::string("\x00w\x00\x01\x01\x01\x80\x7f", 8));
    // Value: SavedTensorSlices{data{name "w", slice{extent{}}, data{float_val packed}}}.
    Bytes slice = bytes({0x0a, 1, 'w', 0x12, 2, 0x0a, 0, 0x1a, 10, 0x2a, 8, 0, 0, 0xc0, 0x3f, 0, 0, 0, 0xc0});
    Bytes value = bytes({0x12, 19});
    append(value, slice);
    QCOMPARE(records.value()[1].value, value);
  }

  void v1CheckpointRoundTripsAndSkipsOtherTypes() {
    Result<TfCheckpoint> back = read_tf_v1_checkpoint(write_tf_v1_checkpoint(sample_tensors(), 20000));
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
    QVERIFY(same(back->tensors, sample_tensors()));
    QCOMPARE(back->skipped, std::vector<std::string>{"global_step"});
  }

  void v1ReaderRefusesHostileCheckpoints() {
    const Bytes good = write_tf_v1_checkpoint(sample_tensors(), 7);
    for (size_t n = 0; n < good.size(); n += 7) QVERIFY(!read_tf_v1_checkpoint({good.data(), n}).ok());
    for (size_t i = 0; i < good.size(); i += 3) {
      Bytes bad = good;
      bad[i] ^= 0x01;
      (void)read_tf_v1_checkpoint(bad);  // an error or a checkpoint, never a crash
    }
    // A listed tensor without its data record.
    Result<std::vector<TableRecord>> records = read_table(good);
    std::vector<TableRecord> without_data(records->begin(), records->end() - 1);
    Result<TfCheckpoint> missing = read_tf_v1_checkpoint(write_table(without_data));
    QVERIFY(!missing.ok() && missing.error().find("missing") != std::string::npos);
    // A partitioned tensor (two slices in its meta).
    pb::Writer ssm, sts_meta, first;
    ssm.string(1, "p");
    tf::write_shape(ssm, 2, {4});
    ssm.varint(3, tf::kFloat);
    tf::write_full_slice(ssm, 4, 1);
    tf::write_full_slice(ssm, 4, 1);
    sts_meta.message(1, ssm);
    first.message(1, sts_meta);
    Result<TfCheckpoint> partitioned = read_tf_v1_checkpoint(write_table({{"", first.data()}}));
    QVERIFY(!partitioned.ok() && partitioned.error().find("partitioned") != std::string::npos);
    // A tensor whose data holds fewer values than its shape.
    Result<TfCheckpoint> short_data =
        read_tf_v1_checkpoint(write_tf_v1_checkpoint({{"s", TfTensor{{3}, {1, 2}}}}));
    QVERIFY(!short_data.ok() && short_data.error().find("shape needs 3") != std::string::npos);
    // Not a checkpoint at all: a table without the "" record.
    QVERIFY(!read_tf_v1_checkpoint(write_table({{"a", text("b")}})).ok());
  }

  void v2EntryIsBundleWritersOwn() {
    const TfV2Files files = write_tf_v2_checkpoint({{"w", TfTensor{{2}, {1.5f, -2.0f}}}}, 1);
    QCOMPARE(files.shards.size(), size_t(1));
    QCOMPARE(files.shards[0], bytes({0, 0, 0xc0, 0x3f, 0, 0, 0, 0xc0}));  // raw little-endian floats
    Result<std::vector<TableRecord>> records = read_table(files.index);
    QVERIFY(records.ok());
    QCOMPARE(records.value()[0].value,
             bytes({0x08, 1, 0x1a, 2, 0x08, 1}));  // num_shards 1, version{producer 1}
    const uint32_t crc = crc32c_mask(crc32c(files.shards[0].data(), 8));
    // BundleEntryProto{dtype 1, shape{dim{size 2}}, size 8, crc32c (fixed32)}; shard 0 and offset 0
    // unwritten.
    QCOMPARE(records.value()[1].key, std::string("w"));
    QCOMPARE(records.value()[1].value,
             bytes({0x08, 1, 0x12, 4, 0x12, 2, 0x08, 2, 0x28, 8, 0x35, int(crc & 0xff),
                    int((crc >> 8) & 0xff), int((crc >> 16) & 0xff), int(crc >> 24)}));
  }

  void v2ShardedCheckpointRoundTripsAndChecksCrcs() {
    TfV2Files files = write_tf_v2_checkpoint(sample_tensors(), 3, 42);
    QCOMPARE(files.shards.size(), size_t(3));
    for (const Bytes& s : files.shards) QVERIFY(!s.empty());
    auto source = [&](int shard, int count) -> Result<Bytes> {
      if (count != 3) return Error{"wrong shard count"};
      return files.shards[size_t(shard)];
    };
    Result<TfCheckpoint> back = read_tf_v2_checkpoint(files.index, source);
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
    QVERIFY(same(back->tensors, sample_tensors()));
    QCOMPARE(back->skipped, std::vector<std::string>{"global_step"});
    for (Bytes& shard : files.shards) {
      shard[shard.size() / 2] ^= 0x04;  // one bit of tensor data
      Result<TfCheckpoint> damaged = read_tf_v2_checkpoint(files.index, source);
      QVERIFY(!damaged.ok() && damaged.error().find("checksum") != std::string::npos);
      shard[shard.size() / 2] ^= 0x04;
    }
    files.shards[1].pop_back();
    QVERIFY(!read_tf_v2_checkpoint(files.index, source).ok());
    QCOMPARE(tf_v2_data_file("run/model.ckpt-20", 1, 3),
             std::string("run/model.ckpt-20.data-00001-of-00003"));
  }

  void v2FilesAreReadFromDisk() {
    QTemporaryDir dir;
    const std::string prefix = dir.filePath("model.ckpt-100").toStdString();
    const TfV2Files files = write_tf_v2_checkpoint(sample_tensors(), 2);
    auto write = [](const std::string& path, const Bytes& b) {
      QFile f(QString::fromStdString(path));
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(reinterpret_cast<const char*>(b.data()), qint64(b.size()));
    };
    write(prefix + ".index", files.index);
    write(tf_v2_data_file(prefix, 0, 2), files.shards[0]);
    Result<TfCheckpoint> no_shard = read_tf_v2_checkpoint_files(prefix);
    QVERIFY(!no_shard.ok());
    QVERIFY2(no_shard.error().find(tf_v2_data_file(prefix, 1, 2)) != std::string::npos,
             no_shard.error().c_str());
    write(tf_v2_data_file(prefix, 1, 2), files.shards[1]);
    Result<TfCheckpoint> back = read_tf_v2_checkpoint_files(prefix);
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
    QVERIFY(same(back->tensors, sample_tensors()));
  }

  void v2ReaderRefusesHostileIndexes() {
    const TfV2Files files = write_tf_v2_checkpoint(sample_tensors(), 2);
    auto source = [&](int shard, int) -> Result<Bytes> { return files.shards[size_t(shard % 2)]; };
    for (size_t n = 0; n < files.index.size(); n += 5)
      QVERIFY(!read_tf_v2_checkpoint({files.index.data(), n}, source).ok());
    std::mt19937 rng(11);
    for (int trial = 0; trial < 300; ++trial) {
      Bytes bad = files.index;
      bad[rng() % bad.size()] ^= uint8_t(1u << (rng() % 8));
      (void)read_tf_v2_checkpoint(bad, source);  // never a crash
    }
    pb::Writer big_endian;
    big_endian.varint(1, 1);
    big_endian.varint(2, 1);
    Result<TfCheckpoint> be = read_tf_v2_checkpoint(write_table({{"", big_endian.data()}}), source);
    QVERIFY(!be.ok() && be.error().find("big-endian") != std::string::npos);
    pb::Writer newer;
    newer.varint(1, 1);
    tf::write_versions(newer, 3, 5, 4);  // needs a format-4 reader
    QVERIFY(!read_tf_v2_checkpoint(write_table({{"", newer.data()}}), source).ok());
  }
};

MUSA_TEST_APPLESS_MAIN(TfCheckpointTest)
#include "test_tf_checkpoint.moc"
