#include "core/model/model_config.h"

#include <numeric>

#include "core/model/encoding.h"
#include "core/model/lookback_encoding.h"

namespace musa {

int ModelConfig::input_size() const {
  const int note_range = max_note - min_note;
  if (encoding == EncodingKind::MelodyOneHot) return note_range + 2;
  if (encoding == EncodingKind::Lookback) return lookback_input_size(note_range + 2);
  return key_melody_input_size(note_range + 2);
}

int ModelConfig::num_classes() const {
  const int note_range = max_note - min_note;
  if (encoding == EncodingKind::MelodyOneHot) return note_range + 2;
  if (encoding == EncodingKind::Lookback) return lookback_num_classes(note_range + 2);
  return key_melody_num_classes(note_range + 2);
}

int ModelConfig::total_lstm_units() const {
  return std::accumulate(layer_sizes.begin(), layer_sizes.end(), 0);
}

std::string encoding_name(EncodingKind kind) {
  if (kind == EncodingKind::Lookback) return "lookback";
  return kind == EncodingKind::KeyMelody ? "key_melody" : "melody_onehot";
}

bool parse_encoding_name(const std::string& name, EncodingKind& kind) {
  if (name == "key_melody") {
    kind = EncodingKind::KeyMelody;
    return true;
  }
  if (name == "lookback") {
    kind = EncodingKind::Lookback;
    return true;
  }
  if (name == "melody_onehot" || name == "one_hot") {
    kind = EncodingKind::MelodyOneHot;
    return true;
  }
  return false;
}

}  // namespace musa
