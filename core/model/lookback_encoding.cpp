#include "core/model/lookback_encoding.h"

#include <algorithm>
#include <array>

#include "core/music/melody.h"

namespace musa {
namespace {

constexpr std::array<int, 2> kLookbacks{16, 32};  // note_seq DEFAULT_LOOKBACK_DISTANCES
constexpr int kCounterBits = 5;                   // LookbackEventSequenceEncoderDecoder default

/**
 * note_seq LookbackEventSequenceEncoderDecoder(MelodyOneHotEncoding(min, max)).
 * N = max − min + 2 one-hot events: 0 NO_EVENT, 1 NOTE_OFF, 2 + (pitch − min)
 * NOTE_ON (MelodyOneHotEncoding.encode_event). For 48..84, N = 38:
 *
 *   [0, N)          event at this step, one-hot
 *   [N, 2N)         event at step (position − 16 + 1), the step after the one a bar
 *                   back (NO_EVENT before the start)
 *   [2N, 3N)        the same for 32 steps
 *   [3N, 3N+5)      binary counter of the next position (position + 1), bit i: +1 / −1
 *   3N+5, 3N+6      this event equals the event 16 / 32 steps back
 *
 * Labels: [0, N) the one-hot event; N, N+1 repeat the event 16 / 32 steps back
 * (32 wins over 16, both over the plain event); a NO_EVENT within the first 32
 * steps is N+1 (events_to_label).
 */
class LookbackEncoding final : public Encoding {
 public:
  LookbackEncoding(int min_note, int max_note) : min_note_(min_note), one_hot_(max_note - min_note + 2) {}

  int input_size() const override { return lookback_input_size(one_hot_); }
  int num_classes() const override { return lookback_num_classes(one_hot_); }

  void encode_input(std::span<const int> events, int position, std::span<float> out) const override {
    std::fill(out.begin(), out.end(), 0.0f);
    set_one_hot(events[position], out, 0);
    for (size_t i = 0; i < kLookbacks.size(); ++i) {
      const int back = position - kLookbacks[i] + 1;
      set_one_hot(back < 0 ? kMelodyNoEvent : events[back], out, one_hot_ * int(i + 1));
    }
    int offset = 3 * one_hot_;
    const int n = position + 1;
    for (int bit = 0; bit < kCounterBits; ++bit) out[offset++] = ((n >> bit) & 1) ? 1.0f : -1.0f;
    for (int lookback : kLookbacks) {
      const int back = position - lookback;
      out[offset++] = (back >= 0 && events[position] == events[back]) ? 1.0f : 0.0f;
    }
  }

  int label(std::span<const int> events, int position) const override {
    if (position < kLookbacks.back() && events[position] == kMelodyNoEvent)
      return one_hot_ + int(kLookbacks.size()) - 1;
    for (int i = int(kLookbacks.size()) - 1; i >= 0; --i) {
      const int back = position - kLookbacks[i];
      if (back >= 0 && events[position] == events[back]) return one_hot_ + i;
    }
    return index(events[position]);
  }

  int decode_label(int label, std::span<const int> history) const override {
    for (int i = int(kLookbacks.size()) - 1; i >= 0; --i) {
      if (label != one_hot_ + i) continue;
      if (int(history.size()) < kLookbacks[i]) return kMelodyNoEvent;
      return history[history.size() - kLookbacks[i]];
    }
    return label < 2 ? label - 2 : label - 2 + min_note_;  // MelodyOneHotEncoding.decode_event
  }

  bool is_note_on_label(int label) const override { return label >= 2 && label < one_hot_; }
  int label_pitch(int label) const override { return is_note_on_label(label) ? label - 2 + min_note_ : -1; }

 private:
  int index(int event) const { return event < 0 ? event + 2 : event - min_note_ + 2; }

  /** Sets the event's one-hot bit in the block at `offset`; out-of-range pitches set none. */
  void set_one_hot(int event, std::span<float> out, int offset) const {
    const int i = index(event);
    if (i >= 0 && i < one_hot_) out[offset + i] = 1.0f;
  }

  int min_note_;
  int one_hot_;
};

}  // namespace

std::unique_ptr<Encoding> make_lookback_encoding(int min_note, int max_note) {
  return std::make_unique<LookbackEncoding>(min_note, max_note);
}

}  // namespace musa
