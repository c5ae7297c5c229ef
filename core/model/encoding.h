#pragma once
// The two melody encodings of MODEL.md §2, index for index as note_seq's
// melody_encoder_decoder.py (KeyMelodyEncoderDecoder and
// OneHotEventSequenceEncoderDecoder(MelodyOneHotEncoding)).

#include <memory>
#include <span>
#include <vector>

#include "core/model/model_config.h"

namespace musa {

/**
 * Turns melody events into network inputs and labels, and labels back into
 * events. Stateless and thread-safe.
 */
class Encoding {
 public:
  virtual ~Encoding() = default;
  virtual int input_size() const = 0;
  virtual int num_classes() const = 0;

  /** The input vector for `events[position]`, given the events before it. */
  virtual void encode_input(std::span<const int> events, int position, std::span<float> out) const = 0;
  /**
   * All input vectors of a melody in one pass: row t of `out` (row-major,
   * events.size() × input_size) is encode_input(events, t).
   */
  virtual void encode_inputs(std::span<const int> events, std::span<float> out) const;
  /** The label that stands for `events[position]`. */
  virtual int label(std::span<const int> events, int position) const = 0;
  /** The event a label stands for, appended after `history` (class_index_to_event). */
  virtual int decode_label(int label, std::span<const int> history) const = 0;
  /** True when `label` is a note-on class (for accuracy on NOTE_ON labels). */
  virtual bool is_note_on_label(int label) const = 0;
  /** The pitch a note-on label means (before key transposition), else -1. */
  virtual int label_pitch(int label) const = 0;
};

/** note_seq's KeyMelodyEncoderDecoder: 2 lookbacks, a 7-bit bar counter. */
constexpr int kKeyMelodyCounterBits = 7;
/**
 * The key-melody encoding's sizes over `one_hot_classes` (the note range + 2):
 * the one formula for the encoder and for the tensor shapes a model config
 * implies (ModelConfig::input_size).
 */
constexpr int key_melody_input_size(int one_hot_classes) {
  return one_hot_classes + 1 + 1 + 2 + kKeyMelodyCounterBits + 1 + 12 + 12;
}
/** + the two "repeat 1/2 bars ago" labels. */
constexpr int key_melody_num_classes(int one_hot_classes) { return one_hot_classes + 2; }

/** The encoding a model config names. */
std::unique_ptr<Encoding> make_encoding(const ModelConfig& config);

}  // namespace musa
