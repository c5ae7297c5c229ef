#include "core/music/melody_extractor.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace musa {
namespace {

struct PolyphonicMelody {};

/** Index of the last NOTE_ON and of the NOTE_OFF after it (note_seq _get_last_on_off_events). */
std::pair<int, int> last_on_off(const std::vector<int>& events) {
  int last_off = static_cast<int>(events.size());
  for (int i = static_cast<int>(events.size()) - 1; i >= 0; --i) {
    if (events[i] == kMelodyNoteOff) last_off = i;
    if (events[i] >= 0) return {i, last_off};
  }
  return {-1, last_off};
}

/** note_seq Melody._add_note: pitch at start, NOTE_OFF at end, held in between. */
void add_note(std::vector<int>& events, int pitch, int start, int end) {
  events.resize(end + 1, kMelodyNoEvent);
  events[start] = pitch;
  events[end] = kMelodyNoteOff;
  std::fill(events.begin() + start + 1, events.begin() + end, kMelodyNoEvent);
}

/**
 * One melody from one instrument, starting the search at `search_start`
 * (Melody.from_quantized_sequence). Returns false on polyphony when
 * polyphonic notes are not ignored.
 */
bool melody_from_quantized(const QuantizedSequence& seq, int instrument, int search_start,
                           int steps_per_bar, const MelodyExtractorOptions& o, Melody& melody) {
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
  if (notes.empty()) return true;

  const int first = notes.front()->start_step;
  const int melody_start = first - (first - search_start) % steps_per_bar;
  std::vector<int>& events = melody.events;
  for (const QuantizedNote* note : notes) {
    if (o.filter_drums && note->is_drum) continue;
    if (note->velocity == 0) continue;
    const int start = note->start_step - melody_start;
    const int end = note->end_step - melody_start;
    if (events.empty()) {
      add_note(events, note->pitch, start, end);
      melody.program = note->program;
      continue;
    }
    const auto [last_on, last_off] = last_on_off(events);
    if (start == last_on) {
      if (o.ignore_polyphonic_notes) continue;  // notes are sorted highest first
      events.clear();
      return false;
    }
    if (start < last_on) return false;
    if (start - last_off >= o.gap_bars * steps_per_bar) break;
    add_note(events, note->pitch, start, end);
  }
  if (events.empty()) return true;
  melody.start_step = melody_start;
  if (events.back() == kMelodyNoteOff) events.pop_back();
  int length = melody.size();
  if (o.pad_end) length += (steps_per_bar - length % steps_per_bar) % steps_per_bar;
  melody.set_length(length);
  return true;
}

}  // namespace

Result<std::vector<Melody>> extract_melodies(const QuantizedSequence& seq,
                                             const MelodyExtractorOptions& o,
                                             ExtractionStats* stats) {
  ExtractionStats local;
  ExtractionStats& st = stats ? *stats : local;
  const double steps_per_bar_float = seq.steps_per_bar();
  if (steps_per_bar_float != std::floor(steps_per_bar_float) || steps_per_bar_float < 1)
    return Error{"a bar of " + std::to_string(seq.numerator) + "/" +
                 std::to_string(seq.denominator) + " is not a whole number of steps"};
  const int steps_per_bar = static_cast<int>(steps_per_bar_float);

  std::set<int> instruments;
  for (const QuantizedNote& n : seq.notes) instruments.insert(n.instrument);
  std::vector<Melody> melodies;
  for (int instrument : instruments) {
    int search_start = o.search_start_step;
    while (true) {
      Melody melody;
      if (!melody_from_quantized(seq, instrument, search_start, steps_per_bar, o, melody)) {
        ++st.polyphonic_tracks_discarded;
        break;  // look for monophonic melodies in other tracks
      }
      // Next search starts on the bar boundary at or after the melody's end.
      const int end = melody.end_step();
      search_start = end + (((o.search_start_step - end) % steps_per_bar) + steps_per_bar) % steps_per_bar;
      if (melody.empty()) break;
      if (melody.size() < steps_per_bar * o.min_bars) {
        ++st.discarded_too_short;
        continue;
      }
      if (o.max_steps_discard > 0 && melody.size() > o.max_steps_discard) {
        ++st.discarded_too_long;
        continue;
      }
      if (o.max_steps_truncate > 0 && melody.size() > o.max_steps_truncate) {
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
