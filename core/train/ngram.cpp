#include "core/train/ngram.h"

#include <algorithm>
#include <cmath>

namespace musa {

NgramModel::NgramModel(int order, int num_classes, double discount)
    : order_(std::max(1, order)), classes_(num_classes), discount_(discount), counts_(size_t(order_)) {}

uint64_t NgramModel::context_key(const int16_t* labels, int position, int length) const {
  // Labels before the sequence start read as a start symbol (classes_).
  uint64_t key = uint64_t(length);
  for (int k = 1; k <= length; ++k) {
    const int p = position - k;
    key = key * uint64_t(classes_ + 1) + uint64_t(p >= 0 ? labels[p] : classes_);
  }
  return key;
}

void NgramModel::train(const std::vector<EncodedSequence>& sequences) {
  for (const EncodedSequence& s : sequences) {
    for (int t = 0; t < s.length(); ++t) {
      for (int length = 0; length < order_; ++length) {
        Counts& c = counts_[size_t(length)][context_key(s.labels.data(), t, length)];
        if (c.next.empty()) c.next.assign(size_t(classes_), 0);
        if (c.next[size_t(s.labels[t])]++ == 0) ++c.distinct;
        ++c.total;
      }
    }
  }
}

void NgramModel::distribution(const int16_t* labels, int position, std::vector<double>& p) const {
  p.assign(size_t(classes_), 1.0 / classes_);  // below unigrams: uniform
  for (int length = 0; length < order_; ++length) {
    const auto& table = counts_[size_t(length)];
    const auto it = table.find(context_key(labels, position, length));
    if (it == table.end()) break;  // longer contexts are unseen too
    const Counts& c = it->second;
    const double lower_weight = discount_ * c.distinct / c.total;
    for (int w = 0; w < classes_; ++w)
      p[size_t(w)] = std::max(c.next[size_t(w)] - discount_, 0.0) / c.total + lower_weight * p[size_t(w)];
  }
}

NgramModel::Score NgramModel::evaluate(const std::vector<EncodedSequence>& sequences) const {
  Score score;
  double nll = 0, correct = 0;
  std::vector<double> p;
  for (const EncodedSequence& s : sequences) {
    for (int t = 0; t < s.length(); ++t) {
      distribution(s.labels.data(), t, p);
      nll -= std::log(p[size_t(s.labels[t])]);
      correct += (std::max_element(p.begin(), p.end()) - p.begin()) == s.labels[t];
      ++score.steps;
    }
  }
  score.nll = score.steps ? nll / double(score.steps) : 0;
  score.accuracy = score.steps ? correct / double(score.steps) : 0;
  return score;
}

}  // namespace musa
