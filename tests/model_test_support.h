#pragma once
// Weights and files for the model-conversion tests.

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "core/model/model_file.h"

/** Gives every bias a random value (random_weights leaves them 0, which would hide a misplaced bias). */
inline void randomize_biases(musa::ModelWeights& w, uint32_t seed) {
  std::mt19937 rng{seed};
  std::uniform_real_distribution<float> dist(-0.3f, 0.3f);
  for (musa::TensorRef<float>& t : w.tensors())
    if (t.shape.size() == 1)
      for (long i = 0; i < t.size; ++i) t.data[i] = dist(rng);
}

/** Same config, and every tensor bit for bit. */
inline bool same_weights(const musa::ModelWeights& a, const musa::ModelWeights& b) {
  if (!(a.config == b.config)) return false;
  const auto ta = a.tensors(), tb = b.tensors();
  for (size_t i = 0; i < ta.size(); ++i)
    if (ta[i].name != tb[i].name || !std::equal(ta[i].data, ta[i].data + ta[i].size, tb[i].data))
      return false;
  return true;
}

inline void write_bytes(const std::string& path, const std::vector<uint8_t>& b) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(b.data()), std::streamsize(b.size()));
}

inline std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}
