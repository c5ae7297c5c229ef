#include "core/midi/recorder.h"

#include <algorithm>
#include <array>
#include <utility>

#include "core/music/quantizer.h"

namespace musa {

std::vector<Note> pair_notes(std::span<const TimedMessage> events, double stop_time) {
  std::vector<Note> notes;
  std::array<int, 128> open;  // index into notes of the sounding note per pitch, −1 = none
  open.fill(-1);
  const auto end_note = [&](int pitch, double time) {
    if (open[pitch] < 0) return;
    notes[open[pitch]].end = std::max(time, notes[open[pitch]].start);
    open[pitch] = -1;
  };
  for (const TimedMessage& e : events) {
    const int pitch = e.message.data1 & 127;
    if (e.message.type == MidiType::NoteOn) {
      end_note(pitch, e.time);
      open[pitch] = static_cast<int>(notes.size());
      notes.push_back({pitch, e.message.value, e.time, e.time});
    } else if (e.message.type == MidiType::NoteOff) {
      end_note(pitch, e.time);
    }
  }
  for (int pitch = 0; pitch < 128; ++pitch) end_note(pitch, stop_time);
  std::stable_sort(notes.begin(), notes.end(),
                   [](const Note& a, const Note& b) { return a.start < b.start; });
  return notes;
}

namespace {

struct GridNote {
  int start = 0, end = 1, pitch = 60, velocity = 100;
};

std::vector<GridNote> quantize_notes(std::span<const Note> notes, double steps_per_second) {
  std::vector<GridNote> grid;
  const double half_step = 0.5 / steps_per_second;
  for (const Note& note : notes) {
    if (note.start < -half_step) continue;  // played in the count-in bar
    const int start = quantize_to_step(std::max(0.0, note.start), steps_per_second);
    const int end = std::max(start + 1, quantize_to_step(std::max(0.0, note.end), steps_per_second));
    grid.push_back({start, end, note.pitch, note.velocity});
  }
  std::stable_sort(grid.begin(), grid.end(), [](const GridNote& a, const GridNote& b) {
    return a.start != b.start ? a.start < b.start : a.pitch > b.pitch;
  });
  return grid;
}

}  // namespace

std::vector<int> notes_to_line(std::span<const Note> notes, double qpm, int steps_per_quarter,
                               std::vector<int>* velocities) {
  const double steps_per_second = qpm / 60.0 * steps_per_quarter;
  std::vector<int> events;
  int last_start = -1;
  for (const GridNote& note : quantize_notes(notes, steps_per_second)) {
    if (note.start == last_start) continue;  // same onset: the highest came first
    // Everything from this onset on is replaced: the new note cuts a held one.
    events.resize(note.start, kMelodyNoEvent);
    if (velocities) {
      velocities->resize(note.start, 0);
      velocities->push_back(note.velocity);
    }
    events.push_back(note.pitch);
    events.resize(note.end, kMelodyNoEvent);
    events.push_back(kMelodyNoteOff);
    last_start = note.start;
  }
  if (!events.empty()) events.pop_back();  // the line ends where its last note does
  if (velocities) velocities->resize(events.size(), 0);
  return events;
}

std::vector<Click> metronome_clicks(double qpm, int bars, bool count_in, int beats_per_bar) {
  std::vector<Click> clicks;
  const double beat = 60.0 / qpm;
  const int total_bars = bars + (count_in ? 1 : 0);
  for (int bar = 0; bar < total_bars; ++bar)
    for (int b = 0; b < beats_per_bar; ++b)
      clicks.push_back({(bar * beats_per_bar + b) * beat, b == 0, count_in && bar == 0});
  return clicks;
}

Recorder::Recorder(Clock clock) : clock_(std::move(clock)) {}

double Recorder::start(double qpm, bool count_in, int beats_per_bar, int steps_per_quarter) {
  recording_ = false;
  for (TimedMessage stale; queue_.pop(stale);) {
  }
  received_.clear();
  qpm_ = qpm;
  beats_per_bar_ = beats_per_bar;
  steps_per_quarter_ = steps_per_quarter;
  const double now = clock_();
  origin_ = now + (count_in ? beats_per_bar * 60.0 / qpm : 0.0);
  recording_ = true;
  return now;
}

void Recorder::send(const MidiMessage& message) {
  if (!recording_.load(std::memory_order_relaxed)) return;
  if (message.type != MidiType::NoteOn && message.type != MidiType::NoteOff) return;
  if (!queue_.push({clock_(), message})) dropped_.fetch_add(1, std::memory_order_relaxed);
}

void Recorder::drain() {
  for (TimedMessage e; queue_.pop(e);) received_.push_back({e.time - origin_, e.message});
}

RecordingProgress Recorder::progress() {
  RecordingProgress progress;
  if (!recording_.load()) return progress;
  const double now = clock_() - origin_;
  drain();
  progress.step = now * qpm_ / 60.0 * steps_per_quarter_;
  progress.counting_in = now < 0.0;
  // The whole line again each time: a later note may cut the last one, as it will in the primer.
  const std::vector<Note> notes = pair_notes(received_, std::max(now, 0.0));
  progress.line = notes_to_line(notes, qpm_, steps_per_quarter_);
  return progress;
}

RecordedTake Recorder::stop() {
  const double stop_time = clock_();
  recording_ = false;
  drain();
  const std::vector<TimedMessage> events = std::move(received_);
  received_.clear();

  RecordedTake take;
  const double half_step = 30.0 / qpm_ / steps_per_quarter_;
  for (const Note& note : pair_notes(events, stop_time - origin_))
    if (note.start >= -half_step) take.performance.notes.push_back(note);
  take.performance.tempos = {Tempo{0.0, qpm_}};
  take.performance.time_signatures = {TimeSignature{0.0, beats_per_bar_, 4}};
  take.performance.update_total_time();

  std::vector<int> velocities;
  std::vector<int> line = notes_to_line(take.performance.notes, qpm_, steps_per_quarter_, &velocities);
  // Like Magenta's extractor, the primer starts at the bar of its first note.
  const int steps_per_bar = beats_per_bar_ * steps_per_quarter_;
  const auto first = std::find_if(line.begin(), line.end(), [](int e) { return e >= 0; });
  const auto skip = (first - line.begin()) / steps_per_bar * steps_per_bar;
  line.erase(line.begin(), line.begin() + skip);
  velocities.erase(velocities.begin(), velocities.begin() + skip);
  take.velocities = std::move(velocities);
  take.primer = Melody::from_events(std::move(line), steps_per_bar, steps_per_quarter_);
  take.primer_notes = take.primer.to_note_sequence(qpm_);
  return take;
}

}  // namespace musa
