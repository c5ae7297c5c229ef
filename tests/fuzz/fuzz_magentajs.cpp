// libFuzzer target: any bytes as a Magenta.js weights_manifest.json (with a
// fixed valid config.json and the bytes again as its one shard) must give a
// model or an error, never a crash.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "core/model/magentajs.h"

namespace {

void write(const std::string& path, const uint8_t* data, size_t size) {
  if (FILE* f = std::fopen(path.c_str(), "wb")) {
    std::fwrite(data, 1, size, f);
    std::fclose(f);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string dir = [] {
    char path[] = "/tmp/fuzz-magentajs-XXXXXX";
    return std::string(mkdtemp(path));
  }();
  static const std::string config =
      R"({"type": "MusicRNN", "dataConverter": {"type": "MelodyConverter", "args": {"minPitch": 48, "maxPitch": 83}}})";
  write(dir + "/config.json", reinterpret_cast<const uint8_t*>(config.data()), config.size());
  write(dir + "/weights_manifest.json", data, size);
  write(dir + "/group1-shard1of1", data, size);
  musa::import_magentajs(dir);
  return 0;
}
