// libFuzzer target: any bytes as a Magenta bundle, a V1 checkpoint, or a V2
// checkpoint index (whose data shard is the same bytes) must give a model /
// tensors or an error, never a crash. The bytes also go in as the records of
// well-formed tables, so the fuzzer reaches the protobuf parsing behind the
// tables' CRCs.
#include <cstdint>
#include <vector>

#include "core/model/leveldb_table.h"
#include "core/model/magenta_bundle.h"
#include "core/model/tf_checkpoint.h"
#include "core/model/tf_protos.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<uint8_t> bytes(data, data + size);
  const musa::ShardSource shard = [&](int, int) -> musa::Result<std::vector<uint8_t>> { return bytes; };
  musa::import_magenta_bundle_bytes(bytes, "fuzz.mag");
  musa::read_tf_v1_checkpoint(bytes);
  musa::read_tf_v2_checkpoint(bytes, shard);
  // Split the bytes into a header record and a tensor record.
  const size_t cut = size ? data[0] % (size + 1) : 0;
  const std::vector<uint8_t> head(bytes.begin(), bytes.begin() + long(cut)),
      tail(bytes.begin() + long(cut), bytes.end());
  musa::read_tf_v1_checkpoint(
      musa::write_table({{"", head}, {musa::tf::tensor_name_slice_key("w", 2), tail}}));
  musa::read_tf_v2_checkpoint(musa::write_table({{"", head}, {"w", tail}}), shard);
  return 0;
}
