// libFuzzer target: any bytes as a Magenta bundle, a V1 checkpoint, or a V2
// checkpoint index (whose data shard is the same bytes) must give a model /
// tensors or an error, never a crash.
#include <cstdint>
#include <vector>

#include "core/model/magenta_bundle.h"
#include "core/model/tf_checkpoint.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<uint8_t> bytes(data, data + size);
  musa::import_magenta_bundle_bytes(bytes, "fuzz.mag");
  musa::read_tf_v1_checkpoint(bytes);
  musa::read_tf_v2_checkpoint(bytes, [&](int, int) -> musa::Result<std::vector<uint8_t>> { return bytes; });
  return 0;
}
