#include "core/model/encoding.h"

#include <algorithm>
#include <array>

#include "core/model/lookback_encoding.h"
#include "core/music/melody.h"

namespace musa {

void Encoding::encode_inputs(std::span<const int> events, std::span<float> out) const {
  const int n = static_cast<int>(events.size());
  for (int t = 0; t < n; ++t)
    encode_input(events, t, out.subspan(static_cast<size_t>(t) * input_size(), input_size()));
}

namespace {

// note_seq DEFAULT_LOOKBACK_DISTANCES = [DEFAULT_STEPS_PER_BAR, DEFAULT_STEPS_PER_BAR * 2]
constexpr std::array<int, 2> kLookbacks{kStepsPerBar, 2 * kStepsPerBar};
constexpr int kCounterBits = kKeyMelodyCounterBits;  // binary_counter_bits

/**
 * KeyMelodyEncoderDecoder (attention_rnn), for min_note = 48, max_note = 84
 * (note range R = 36). Input indices:
 *
 *   [0, R)          one-hot pitch of the note now sounding, if any
 *   R               a note is sounding
 *   R+1             silence
 *   R+2             this step is the note-on of the sounding note (attack)
 *   R+3             +1 melody ascending, −1 descending, 0 not yet known
 *   R+4, R+5        event equals the event 16 / 32 steps ago
 *   [R+6, R+13)     binary counter of the *next* position (position + 1), bit i: +1 / −1
 *   R+13            the next step starts a bar
 *   [R+14, R+26)    major keys with the most note-ons so far (all maxima set)
 *   [R+26, R+38)    major keys that best fit the last 3 distinct notes
 *
 * Labels: [0, R) note-on of min_note + label; R no event; R+1 note-off;
 * R+2 / R+3 repeat the event of 16 / 32 steps ago (these win over the
 * others); a NO_EVENT within the first 32 steps is R+3.
 */
class KeyMelodyEncoding final : public Encoding {
 public:
  KeyMelodyEncoding(int min_note, int max_note) : min_note_(min_note), range_(max_note - min_note) {}

  int input_size() const override { return key_melody_input_size(range_ + 2); }
  int num_classes() const override { return key_melody_num_classes(range_ + 2); }

  /** Running state of events_to_input's loop over events[:position + 1]. */
  struct History {
    int current_note = -1;  // −1: silence
    bool is_attack = false;
    int ascending = 0;                  // +1, −1 or 0 (None)
    std::array<int, 3> last_3_notes{};  // a deque(maxlen=3) without allocation, oldest first
    int last_3_count = 0;
    std::array<int, 12> pitch_classes{};

    void add(int event) {
      if (event == kMelodyNoEvent) {
        is_attack = false;
      } else if (event == kMelodyNoteOff) {
        current_note = -1;
      } else {
        is_attack = true;
        current_note = event;
        ++pitch_classes[event % 12];
        if (last_3_count > 0) {
          const int previous = last_3_notes[last_3_count - 1];
          if (event > previous) ascending = 1;
          if (event < previous) ascending = -1;
        }
        remember(event);
      }
    }

    /** last_3_notes.remove(note) if present, then append (dropping the oldest). */
    void remember(int note) {
      int* end = last_3_notes.data() + last_3_count;
      int* found = std::find(last_3_notes.data(), end, note);
      if (found != end) {
        std::copy(found + 1, end, found);
        --last_3_count;
      }
      if (last_3_count == 3) {
        std::copy(last_3_notes.begin() + 1, last_3_notes.end(), last_3_notes.begin());
        --last_3_count;
      }
      last_3_notes[last_3_count++] = note;
    }
  };

  void encode_input(std::span<const int> events, int position, std::span<float> out) const override {
    History h;
    for (int i = 0; i <= position; ++i) h.add(events[i]);
    write_input(h, events, position, out);
  }

  void encode_inputs(std::span<const int> events, std::span<float> out) const override {
    History h;
    const int n = static_cast<int>(events.size());
    for (int t = 0; t < n; ++t) {
      h.add(events[t]);
      write_input(h, events, t, out.subspan(static_cast<size_t>(t) * input_size(), input_size()));
    }
  }

  int label(std::span<const int> events, int position) const override {
    if (position < kLookbacks.back() && events[position] == kMelodyNoEvent)
      return range_ + static_cast<int>(kLookbacks.size()) + 1;
    for (int i = static_cast<int>(kLookbacks.size()) - 1; i >= 0; --i) {
      const int back = position - kLookbacks[i];
      if (back >= 0 && events[position] == events[back]) return range_ + 2 + i;
    }
    if (events[position] == kMelodyNoteOff) return range_ + 1;
    if (events[position] == kMelodyNoEvent) return range_;
    return events[position] - min_note_;
  }

  int decode_label(int label, std::span<const int> history) const override {
    for (int i = static_cast<int>(kLookbacks.size()) - 1; i >= 0; --i) {
      if (label != range_ + 2 + i) continue;
      if (static_cast<int>(history.size()) < kLookbacks[i]) return kMelodyNoEvent;
      return history[history.size() - kLookbacks[i]];
    }
    if (label == range_ + 1) return kMelodyNoteOff;
    if (label == range_) return kMelodyNoEvent;
    return min_note_ + label;
  }

  bool is_note_on_label(int label) const override { return label >= 0 && label < range_; }
  int label_pitch(int label) const override { return is_note_on_label(label) ? min_note_ + label : -1; }

 private:
  /** Writes the 74 features of events[position] from the history through it. */
  void write_input(const History& h, std::span<const int> events, int position, std::span<float> out) const {
    std::fill(out.begin(), out.end(), 0.0f);
    int offset = 0;
    // note_seq tests `if current_note:`; events are squashed into range first.
    if (h.current_note > 0 && h.current_note >= min_note_ && h.current_note < min_note_ + range_) {
      out[h.current_note - min_note_] = 1.0f;
      out[range_] = 1.0f;
    } else {
      out[range_ + 1] = 1.0f;
    }
    offset += range_ + 2;
    out[offset++] = h.is_attack ? 1.0f : 0.0f;
    out[offset++] = static_cast<float>(h.ascending);
    for (int lookback : kLookbacks) {
      const int back = position - lookback;
      out[offset++] = (back >= 0 && events[position] == events[back]) ? 1.0f : 0.0f;
    }
    const int n = position + 1;  // length of the sub-melody: the next step's index
    for (int i = 0; i < kCounterBits; ++i) out[offset++] = ((n >> i) & 1) ? 1.0f : -1.0f;
    out[offset++] = (n % kStepsPerBar == 0) ? 1.0f : 0.0f;
    offset = write_best_keys(h.pitch_classes, out, offset);
    std::array<int, 12> recent{};
    for (int i = 0; i < h.last_3_count; ++i) ++recent[h.last_3_notes[i] % 12];
    write_best_keys(recent, out, offset);
  }

  /** Sets every major key whose count of fitting notes is the maximum. */
  static int write_best_keys(const std::array<int, 12>& pitch_classes, std::span<float> out, int offset) {
    const std::array<int, 12> keys = major_key_histogram(pitch_classes);
    const int best = *std::max_element(keys.begin(), keys.end());
    for (int key = 0; key < 12; ++key) out[offset++] = keys[key] == best ? 1.0f : 0.0f;
    return offset;
  }

  int min_note_;
  int range_;
};

/**
 * MelodyOneHotEncoding: index 0 no event, 1 note-off, 2 + (pitch − min_note)
 * note-on. Input = one-hot of the event's index; label = index of the event.
 */
class MelodyOneHotEncoding final : public Encoding {
 public:
  MelodyOneHotEncoding(int min_note, int max_note) : min_note_(min_note), classes_(max_note - min_note + 2) {}
  int input_size() const override { return classes_; }
  int num_classes() const override { return classes_; }
  void encode_input(std::span<const int> events, int position, std::span<float> out) const override {
    std::fill(out.begin(), out.end(), 0.0f);
    const int i = index(events[position]);
    if (i >= 0 && i < classes_) out[i] = 1.0f;
  }
  int label(std::span<const int> events, int position) const override { return index(events[position]); }
  int decode_label(int label, std::span<const int>) const override {
    return label < 2 ? label - 2 : label - 2 + min_note_;
  }
  bool is_note_on_label(int label) const override { return label >= 2 && label < classes_; }
  int label_pitch(int label) const override { return is_note_on_label(label) ? label - 2 + min_note_ : -1; }

 private:
  int index(int event) const { return event < 0 ? event + 2 : event - min_note_ + 2; }
  int min_note_;
  int classes_;
};

}  // namespace

std::unique_ptr<Encoding> make_encoding(const ModelConfig& config) {
  if (config.encoding == EncodingKind::MelodyOneHot)
    return std::make_unique<MelodyOneHotEncoding>(config.min_note, config.max_note);
  if (config.encoding == EncodingKind::Lookback)
    return make_lookback_encoding(config.min_note, config.max_note);
  return std::make_unique<KeyMelodyEncoding>(config.min_note, config.max_note);
}

}  // namespace musa
