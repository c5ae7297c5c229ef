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
  // The folder and its config.json once, in memory where there is /dev/shm: files cost most of each run.
  static const std::string dir = [] {
    char path[] = "/dev/shm/fuzz-magentajs-XXXXXX";
    char fallback[] = "/tmp/fuzz-magentajs-XXXXXX";
    const char* made = mkdtemp(path);
    const std::string folder = made ? made : mkdtemp(fallback);
    const std::string config =
        R"({"type": "MusicRNN", "dataConverter": {"type": "MelodyConverter", "args": {"minPitch": 48, "maxPitch": 83}}})";
    write(folder + "/config.json", reinterpret_cast<const uint8_t*>(config.data()), config.size());
    return folder;
  }();
  write(dir + "/weights_manifest.json", data, size);
  write(dir + "/group1-shard1of1", data, size);
  musa::import_magentajs(dir);
  return 0;
}
