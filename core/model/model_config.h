#pragma once
// The hyper-parameters a model file carries (MODEL.md §4 `config`).

#include <string>
#include <vector>

namespace musa {

/** Which input encoding a model was trained with (MODEL.md §2). */
enum class EncodingKind {
  KeyMelody,     ///< note_seq KeyMelodyEncoderDecoder (attention_rnn): 74 inputs, 40 classes
  MelodyOneHot,  ///< note_seq MelodyOneHotEncoding (basic_rnn, Magenta.js): 38 in, 38 out
  Lookback,      ///< note_seq LookbackEventSequenceEncoderDecoder (lookback_rnn): 121 in, 40 out
};

/** Model hyper-parameters; the defaults are attention_rnn's. */
struct ModelConfig {
  EncodingKind encoding = EncodingKind::KeyMelody;
  int min_note = 48;  ///< inclusive
  int max_note = 84;  ///< exclusive
  std::vector<int> layer_sizes{128, 128};
  int attn_length = 40;  ///< 0 = no attention
  int steps_per_quarter = 4;
  int transpose_to_key = 0;  ///< -1 = do not transpose

  bool has_attention() const { return attn_length > 0; }
  /** Attention vector size: the top LSTM's size (MODEL.md §3). */
  int attn_size() const { return layer_sizes.back(); }
  int input_size() const;
  int num_classes() const;
  /** Size of the vector the output layer reads: A with attention, else H_top. */
  int output_size() const { return has_attention() ? attn_size() : layer_sizes.back(); }
  int total_lstm_units() const;

  friend bool operator==(const ModelConfig&, const ModelConfig&) = default;
};

/** "key_melody" / "melody_onehot" (also accepts "one_hot") / "lookback". */
std::string encoding_name(EncodingKind kind);
bool parse_encoding_name(const std::string& name, EncodingKind& kind);

}  // namespace musa
