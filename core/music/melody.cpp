#include "core/music/melody.h"

#include <algorithm>
#include <cmath>

namespace musa {
namespace {
constexpr int kMajorScale[] = {0, 2, 4, 5, 7, 9, 11};
constexpr int kNotesPerOctave = 12;

int floor_mod(int a, int m) { return ((a % m) + m) % m; }
}  // namespace

bool pitch_class_in_major_key(int pitch_class, int key) {
  // NOTE_KEYS[i] = [j for j in range(12) if (i - j) % 12 in MAJOR_SCALE]
  const int degree = floor_mod(pitch_class - key, kNotesPerOctave);
  return std::find(std::begin(kMajorScale), std::end(kMajorScale), degree) != std::end(kMajorScale);
}

std::vector<int> melody_line(std::initializer_list<std::pair<int, int>> notes) {
  std::vector<int> events;
  for (const auto& [pitch, steps] : notes) {
    events.push_back(pitch < 0 ? kMelodyNoteOff : pitch);
    events.insert(events.end(), size_t(std::max(steps - 1, 0)), kMelodyNoEvent);
  }
  return events;
}

Melody Melody::from_events(std::vector<int> events, int steps_per_bar, int steps_per_quarter) {
  Melody m;
  for (int& e : events) {
    if (e != kMelodyNoEvent && e != kMelodyNoteOff) break;
    e = kMelodyNoEvent;
  }
  m.events = std::move(events);
  m.steps_per_bar = steps_per_bar;
  m.steps_per_quarter = steps_per_quarter;
  return m;
}

std::array<int, 12> Melody::note_histogram() const {
  std::array<int, 12> h{};
  for (int e : events)
    if (e >= 0) ++h[e % kNotesPerOctave];
  return h;
}

std::array<int, 12> major_key_histogram(const std::array<int, 12>& pitch_class_counts) {
  // Key k holds the pitch classes k + degree; summing those is NOTE_KEYS read the other way.
  std::array<int, 12> keys{};
  for (int key = 0; key < 12; ++key)
    for (int degree : kMajorScale) keys[key] += pitch_class_counts[(key + degree) % kNotesPerOctave];
  return keys;
}

std::array<int, 12> Melody::major_key_histogram() const {
  return musa::major_key_histogram(note_histogram());
}

int Melody::major_key() const {
  const std::array<int, 12> keys = major_key_histogram();
  return static_cast<int>(std::max_element(keys.begin(), keys.end()) - keys.begin());
}

int Melody::unique_pitch_classes() const {
  const std::array<int, 12> h = note_histogram();
  return static_cast<int>(std::count_if(h.begin(), h.end(), [](int n) { return n > 0; }));
}

void Melody::transpose(int amount, int min_note, int max_note) {
  for (int& e : events) {
    if (e < 0) continue;
    e += amount;
    if (e < min_note)
      e = min_note + floor_mod(e - min_note, kNotesPerOctave);
    else if (e >= max_note)
      e = max_note - kNotesPerOctave + floor_mod(e - max_note, kNotesPerOctave);
  }
}

int Melody::squash(int min_note, int max_note, int transpose_to_key) {
  int amount = 0;
  if (transpose_to_key >= 0) {
    const int key_diff = transpose_to_key - major_key();
    int lowest = 128, highest = -1;
    for (int e : events)
      if (e >= 0) lowest = std::min(lowest, e), highest = std::max(highest, e);
    if (highest < 0) return 0;
    const double melody_center = (lowest + highest) / 2.0;
    const double target_center = (min_note + max_note - 1) / 2.0;
    const double center_diff = target_center - (melody_center + key_diff);
    // Python's round() rounds halves to even; std::nearbyint does too (default FE_TONEAREST).
    amount = key_diff + kNotesPerOctave * static_cast<int>(std::nearbyint(center_diff / 12.0));
  }
  transpose(amount, min_note, max_note);
  return amount;
}

void Melody::set_length(int steps) {
  const int old_size = size();
  events.resize(std::max(steps, 0), kMelodyNoEvent);
  if (steps <= old_size) return;
  // A note still held at the old end stops there (note_seq Melody.set_length).
  for (int i = old_size - 1; i >= 0; --i) {
    if (events[i] == kMelodyNoteOff) break;
    if (events[i] != kMelodyNoEvent) {
      events[old_size] = kMelodyNoteOff;
      break;
    }
  }
}

NoteSequence Melody::to_note_sequence(double qpm, int velocity, int program, int instrument) const {
  NoteSequence seq;
  seq.tempos.push_back({0.0, qpm});
  const double seconds_per_step = 60.0 / qpm / steps_per_quarter;
  const double offset = start_step * seconds_per_step;
  Note* current = nullptr;
  for (int step = 0; step < size(); ++step) {
    const int e = events[step];
    const double t = offset + step * seconds_per_step;
    if (e >= 0) {
      if (current) current->end = t;
      seq.notes.push_back({e, velocity, t, t, program, instrument, false});
      current = &seq.notes.back();
    } else if (e == kMelodyNoteOff && current) {
      current->end = t;
      current = nullptr;
    }
  }
  if (current) current->end = offset + size() * seconds_per_step;
  seq.tracks.push_back({instrument, "", program, false});
  seq.update_total_time();
  return seq;
}

}  // namespace musa
