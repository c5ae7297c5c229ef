#include "core/train/optimizer.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

namespace musa {

namespace {

using FlatArray = Eigen::Map<Eigen::Array<float, Eigen::Dynamic, 1>>;

constexpr char kAdamMagic[8] = {'M', 'U', 'S', 'A', 'A', 'D', 'A', 'M'};
constexpr std::uint32_t kAdamVersion = 1;

static_assert(std::endian::native == std::endian::little,
              "the Adam state is written as little-endian host bytes");

/** Appends raw bytes (memcpy into a sized vector; GCC 12 misreports vector::insert here). */
void put_bytes(std::vector<std::uint8_t>& out, const void* data, std::size_t size) {
  const std::size_t at = out.size();
  out.resize(at + size);
  std::memcpy(out.data() + at, data, size);
}

template <class T>
void put(std::vector<std::uint8_t>& out, const T& value) {
  put_bytes(out, &value, sizeof(T));
}

template <class T>
bool get(std::span<const std::uint8_t>& in, T& value) {
  if (in.size() < sizeof(T)) return false;
  std::memcpy(&value, in.data(), sizeof(T));
  in = in.subspan(sizeof(T));
  return true;
}

}  // namespace

float clip_by_global_norm(ModelWeights& grads, float max_norm) {
  double sum = 0;
  for (const auto& t : grads.tensors()) sum += FlatArray(t.data, t.size).cast<double>().square().sum();
  const double norm = std::sqrt(sum);
  const double scale = max_norm / std::max(norm, static_cast<double>(max_norm));
  if (scale != 1.0) scale_gradients(grads, static_cast<float>(scale));
  return static_cast<float>(norm);
}

void scale_gradients(ModelWeights& grads, float factor) {
  for (const auto& t : grads.tensors()) FlatArray(t.data, t.size) *= factor;
}

Adam::Adam(const ModelWeights& shape, float learning_rate, float beta1, float beta2, float epsilon)
    : learning_rate_(learning_rate),
      beta1_(beta1),
      beta2_(beta2),
      epsilon_(epsilon),
      beta1_power_(beta1),
      beta2_power_(beta2),
      m_(shape.parameter_count(), 0.0f),
      v_(shape.parameter_count(), 0.0f) {}

void Adam::step(ModelWeights& w, const ModelWeights& grads) {
  if (w.parameter_count() != static_cast<long>(m_.size()) ||
      grads.parameter_count() != static_cast<long>(m_.size()))
    throw std::invalid_argument("Adam::step: weights of another shape than the optimiser's");
  const float alpha = learning_rate_ * std::sqrt(1.0f - beta2_power_) / (1.0f - beta1_power_);
  auto params = w.tensors();
  const auto g = grads.tensors();
  long offset = 0;
  for (size_t i = 0; i < params.size(); ++i) {
    const long n = params[i].size;
    FlatArray theta(params[i].data, n), m(m_.data() + offset, n), v(v_.data() + offset, n);
    Eigen::Map<const Eigen::Array<float, Eigen::Dynamic, 1>> grad(g[i].data, n);
    m += (grad - m) * (1.0f - beta1_);
    v += (grad.square() - v) * (1.0f - beta2_);
    theta -= (m * alpha) / (v.sqrt() + epsilon_);
    offset += n;
  }
  beta1_power_ *= beta1_;
  beta2_power_ *= beta2_;
  ++steps_;
}

std::vector<std::uint8_t> Adam::save_state() const {
  std::vector<std::uint8_t> out;
  out.reserve(40 + 8 * m_.size());
  put_bytes(out, kAdamMagic, sizeof kAdamMagic);
  put(out, kAdamVersion);
  put(out, static_cast<std::uint64_t>(m_.size()));
  put(out, static_cast<std::int64_t>(steps_));
  put(out, beta1_power_);
  put(out, beta2_power_);
  put_bytes(out, m_.data(), m_.size() * sizeof(float));
  put_bytes(out, v_.data(), v_.size() * sizeof(float));
  return out;
}

Status Adam::load_state(std::span<const std::uint8_t> bytes) {
  std::uint32_t version = 0;
  std::uint64_t count = 0;
  std::int64_t steps = 0;
  float b1 = 0, b2 = 0;
  if (bytes.size() < sizeof kAdamMagic || std::memcmp(bytes.data(), kAdamMagic, sizeof kAdamMagic) != 0)
    return Error{"optimizer state: not a Musa Adam state"};
  bytes = bytes.subspan(sizeof kAdamMagic);
  if (!get(bytes, version) || version != kAdamVersion)
    return Error{"optimizer state: unsupported version " + std::to_string(version)};
  if (!get(bytes, count) || !get(bytes, steps) || !get(bytes, b1) || !get(bytes, b2))
    return Error{"optimizer state: truncated header"};
  if (count != m_.size())
    return Error{"optimizer state: made for " + std::to_string(count) + " parameters, the model has " +
                 std::to_string(m_.size())};
  if (bytes.size() != 2 * count * sizeof(float))
    return Error{"optimizer state: expected " + std::to_string(2 * count * sizeof(float)) +
                 " bytes of moments, found " + std::to_string(bytes.size())};
  std::memcpy(m_.data(), bytes.data(), count * sizeof(float));
  std::memcpy(v_.data(), bytes.data() + count * sizeof(float), count * sizeof(float));
  steps_ = steps;
  beta1_power_ = b1;
  beta2_power_ = b2;
  return {};
}

}  // namespace musa
