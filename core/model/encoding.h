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

/** The encoding a model config names. */
std::unique_ptr<Encoding> make_encoding(const ModelConfig& config);

}  // namespace musa
