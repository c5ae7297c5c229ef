#pragma once
// An n-gram baseline over the model's labels (interpolated absolute
// discounting): the yardstick the network must beat on validation.

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/train/dataset.h"

namespace musa {

/** A label n-gram model; each order interpolates with the one below. */
class NgramModel {
 public:
  NgramModel(int order, int num_classes, double discount = 0.75);
  void train(const std::vector<EncodedSequence>& sequences);
  /** Mean negative log-likelihood per step (nats) and accuracy of the most likely label. */
  struct Score {
    double nll = 0, accuracy = 0;
    long steps = 0;
  };
  Score evaluate(const std::vector<EncodedSequence>& sequences) const;

 private:
  struct Counts {
    std::vector<uint32_t> next;  ///< per label
    uint32_t total = 0, distinct = 0;
  };
  uint64_t context_key(const int16_t* labels, int position, int length) const;
  /** P(label | the `length` labels before `position`). */
  void distribution(const int16_t* labels, int position, std::vector<double>& out) const;

  int order_, classes_;
  double discount_;
  std::vector<std::unordered_map<uint64_t, Counts>> counts_;  ///< by context length 0..order−1
};

}  // namespace musa
