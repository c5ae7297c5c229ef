#include "core/music/melody_extractor.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace musa {
namespace {

struct PolyphonicMelody {};

/**
 * A melody's events while they are built, kept as the steps that are not
 * NO_EVENT plus the length. A note may last millions of steps (a fuzzed MIDI
 * file holds a dozen such notes), and filling and scanning the dense list for
 * every note made one extraction take seconds; here a note costs O(log n) and
 * the dense list is written once, by `take`. Follows note_seq's Melody step
 * for step, so the result is the same.
 */
class MelodyBuilder {
 public:
  bool empty() const { return length_ == 0; }
  int length() const { return length_; }

  /** Melody._add_note: set_length(end + 1), pitch at start, NOTE_OFF at end, NO_EVENT between. */
  void add_note(int pitch, int start, int end) {
    marks_.erase(marks_.lower_bound(end + 1), marks_.end());
    length_ = end + 1;
    if (start + 1 < end) marks_.erase(marks_.upper_bound(start), marks_.lower_bound(end));
    marks_[start] = pitch;
    marks_[end] = kMelodyNoteOff;
  }

  /** Index of the last NOTE_ON and of the first NOTE_OFF after it (note_seq _get_last_on_off_events). */
  std::pair<int, int> last_on_off() const {
    int last_off = length_;
    for (auto it = marks_.rbegin(); it != marks_.rend(); ++it) {
      if (it->second == kMelodyNoteOff) last_off = it->first;
      if (it->second >= 0) return {it->first, last_off};
    }
    return {-1, last_off};
  }

  /** The dense event list, its first `steps` steps. */
  std::vector<int> take(int steps) const {
    std::vector<int> events(static_cast<size_t>(std::min(steps, length_)), kMelodyNoEvent);
    for (auto it = marks_.begin(); it != marks_.end() && it->first < steps; ++it)
      events[static_cast<size_t>(it->first)] = it->second;
    return events;
  }
  bool ends_with_note_off() const {
    return !marks_.empty() && marks_.rbegin()->first == length_ - 1 &&
           marks_.rbegin()->second == kMelodyNoteOff;
  }

 private:
  std::map<int, int> marks_;  ///< step → pitch or NOTE_OFF; every other step below length_ is NO_EVENT
  int length_ = 0;
};

/**
 * One melody from one instrument, starting the search at `search_start`
 * (Melody.from_quantized_sequence); `steps` is its length, which its events
 * reach unless it will be truncated. Returns false on polyphony when
 * polyphonic notes are not ignored.
 */
bool melody_from_quantized(const QuantizedSequence& seq, int instrument, int search_start, int steps_per_bar,
                           const MelodyExtractorOptions& o, Melody& melody, int& steps) {
  std::vector<const QuantizedNote*> notes;
  for (const QuantizedNote& n : seq.notes)
    if (n.instrument == instrument && n.start_step >= search_start) notes.push_back(&n);
  std::stable_sort(notes.begin(), notes.end(), [](const QuantizedNote* a, const QuantizedNote* b) {
    return a->start_step != b->start_step ? a->start_step < b->start_step : a->pitch > b->pitch;
  });
  melody = Melody{};
  melody.steps_per_bar = steps_per_bar;
  melody.steps_per_quarter = seq.steps_per_quarter;
  melody.instrument = instrument;
  melody.start_step = search_start;
  steps = 0;
  if (notes.empty()) return true;

  const int first = notes.front()->start_step;
  const int melody_start = first - (first - search_start) % steps_per_bar;
  MelodyBuilder events;
  for (const QuantizedNote* note : notes) {
    if (o.filter_drums && note->is_drum) continue;
    if (note->velocity == 0) continue;
    const int start = note->start_step - melody_start;
    const int end = note->end_step - melody_start;
    if (events.empty()) {
      events.add_note(note->pitch, start, end);
      melody.program = note->program;
      continue;
    }
    const auto [last_on, last_off] = events.last_on_off();
    if (start == last_on) {
      if (o.ignore_polyphonic_notes) continue;  // notes are sorted highest first
      return false;
    }
    if (start < last_on) return false;
    if (start - last_off >= o.gap_bars * steps_per_bar) break;
    events.add_note(note->pitch, start, end);
  }
  if (events.empty()) return true;
  melody.start_step = melody_start;
  int length = events.length() - (events.ends_with_note_off() ? 1 : 0);
  if (o.pad_end) length += (steps_per_bar - length % steps_per_bar) % steps_per_bar;
  steps = length;
  if (o.max_steps_truncate > 0 && events.length() > o.max_steps_truncate + 1) {
    // Truncation keeps the first steps only, and dropping the last NOTE_OFF or padding changes only steps
    // past them: writing out the rest would cost millions of steps for a fuzzed file (and nothing else).
    melody.events = events.take(o.max_steps_truncate);
    return true;
  }
  melody.events = events.take(events.length());
  if (melody.events.back() == kMelodyNoteOff) melody.events.pop_back();
  melody.set_length(length);
  return true;
}

}  // namespace

Result<std::vector<Melody>> extract_melodies(const QuantizedSequence& seq, const MelodyExtractorOptions& o,
                                             ExtractionStats* stats) {
  ExtractionStats local;
  ExtractionStats& st = stats ? *stats : local;
  const double steps_per_bar_float = seq.steps_per_bar();
  if (steps_per_bar_float != std::floor(steps_per_bar_float) || steps_per_bar_float < 1)
    return Error{"a bar of " + std::to_string(seq.numerator) + "/" + std::to_string(seq.denominator) +
                 " is not a whole number of steps"};
  const int steps_per_bar = static_cast<int>(steps_per_bar_float);

  std::set<int> instruments;
  for (const QuantizedNote& n : seq.notes) instruments.insert(n.instrument);
  std::vector<Melody> melodies;
  for (int instrument : instruments) {
    int search_start = o.search_start_step;
    while (true) {
      Melody melody;
      int steps = 0;
      if (!melody_from_quantized(seq, instrument, search_start, steps_per_bar, o, melody, steps)) {
        ++st.polyphonic_tracks_discarded;
        break;  // look for monophonic melodies in other tracks
      }
      // Next search starts on the bar boundary at or after the melody's end.
      const int end = melody.start_step + steps;
      search_start = end + (((o.search_start_step - end) % steps_per_bar) + steps_per_bar) % steps_per_bar;
      if (melody.empty()) break;
      if (steps < steps_per_bar * o.min_bars) {
        ++st.discarded_too_short;
        continue;
      }
      if (o.max_steps_discard > 0 && steps > o.max_steps_discard) {
        ++st.discarded_too_long;
        continue;
      }
      if (o.max_steps_truncate > 0 && steps > o.max_steps_truncate) {
        int length = o.max_steps_truncate;
        if (o.pad_end) length -= o.max_steps_truncate % steps_per_bar;
        melody.set_length(length);
        ++st.truncated;
      }
      if (melody.unique_pitch_classes() < o.min_unique_pitches) {
        ++st.discarded_too_few_pitches;
        continue;
      }
      melodies.push_back(std::move(melody));
    }
  }
  return melodies;
}

std::vector<Melody> extract_melodies_from_sequence(const NoteSequence& seq,
                                                   const MelodyExtractorOptions& options,
                                                   int steps_per_quarter, ExtractionStats* stats) {
  std::vector<Melody> all;
  for (const QuantizedSequence& section : quantize_sections(seq, steps_per_quarter)) {
    Result<std::vector<Melody>> melodies = extract_melodies(section, options, stats);
    if (!melodies.ok()) continue;
    for (Melody& m : melodies.value()) all.push_back(std::move(m));
  }
  return all;
}

}  // namespace musa
