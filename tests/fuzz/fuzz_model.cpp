// libFuzzer target: any bytes into the model loader must give a model or an error, never a crash.
#include <cstdint>
#include <vector>

#include "core/model/model_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<uint8_t> bytes(data, data + size);
  musa::load_model_bytes(bytes, "fuzz.safetensors");
  return 0;
}
