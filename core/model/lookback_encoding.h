#pragma once
// lookback_rnn's encoding: note_seq's LookbackEventSequenceEncoderDecoder
// over MelodyOneHotEncoding (note_seq/encoder_decoder.py), with its defaults
// (lookback distances 16 and 32 steps, 5 binary counter bits) as
// magenta/models/melody_rnn/melody_rnn_model.py configures `lookback_rnn`.

#include <memory>

#include "core/model/encoding.h"

namespace musa {

/** Input size for a one-hot encoding of `one_hot_classes` events: 3·N + 7. */
constexpr int lookback_input_size(int one_hot_classes) { return 3 * one_hot_classes + 5 + 2; }
/** Classes: the one-hot events and the two "repeat" labels. */
constexpr int lookback_num_classes(int one_hot_classes) { return one_hot_classes + 2; }

/** The lookback encoding over pitches [min_note, max_note). */
std::unique_ptr<Encoding> make_lookback_encoding(int min_note, int max_note);

}  // namespace musa
