#include "core/project/primer.h"

#include <algorithm>

#include "core/generate/generation.h"
#include "core/music/melody_extractor.h"

namespace musa {

NoteSequence primer_to_sequence(const std::vector<PrimerNote>& notes, double qpm, int program) {
  NoteSequence seq;
  seq.tempos.push_back({0.0, qpm});
  seq.time_signatures.push_back({0.0, 4, 4});
  const double step = seconds_per_step(qpm);
  for (const PrimerNote& n : notes) {
    if (n.length < 1 || n.pitch < 0 || n.pitch > 127) continue;
    seq.notes.push_back({n.pitch, std::clamp(n.velocity, 1, 127), n.start * step, n.end() * step, program, 0, false});
  }
  std::sort(seq.notes.begin(), seq.notes.end(),
            [](const Note& a, const Note& b) { return a.start != b.start ? a.start < b.start : a.pitch < b.pitch; });
  seq.tracks.push_back({0, "Primer", program, false});
  seq.update_total_time();
  return seq;
}

std::vector<int> primer_events(const std::vector<PrimerNote>& notes) {
  // The notes are on the grid already: they go to Magenta's primer extraction as they are.
  QuantizedSequence grid;  // 4/4 at kStepsPerQuarter
  for (const PrimerNote& n : notes) {
    if (n.length < 1 || n.pitch < 0 || n.pitch > 127 || n.start < 0) continue;
    // A velocity of 0 would read as a note-off; the piano roll's notes all sound.
    grid.notes.push_back({n.pitch, std::clamp(n.velocity, 1, 127), n.start, n.end(), 0, 0, false});
    grid.total_steps = std::max(grid.total_steps, n.end());
  }
  const Result<std::vector<Melody>> melodies = extract_melodies(grid, MelodyExtractorOptions::primer());
  if (!melodies.ok() || melodies->empty()) return {};
  // One melody: with an infinite gap the first note's bar starts it and every later note joins it.
  return melodies->front().events;
}

std::vector<PrimerNote> primer_notes_from_events(const std::vector<int>& events, int first_id, int start_step) {
  std::vector<PrimerNote> notes;
  PrimerNote* open = nullptr;
  const int size = static_cast<int>(events.size());
  for (int step = 0; step < size; ++step) {
    const int e = events[step];
    if (e == kMelodyNoEvent) continue;
    if (open) open->length = start_step + step - open->start;
    open = nullptr;
    if (e >= 0 && e <= 127) {
      notes.push_back({first_id++, e, start_step + step, 1, 100});
      open = &notes.back();
    }
  }
  if (open) open->length = start_step + size - open->start;
  return notes;
}

MonophonicCut monophonic_cut(const std::vector<PrimerNote>& notes, const PrimerNote& incoming) {
  MonophonicCut cut;
  for (const PrimerNote& n : notes) {
    if (n.id == incoming.id || n.end() <= incoming.start || n.start >= incoming.end()) continue;
    if (n.start < incoming.start) {
      PrimerNote shorter = n;
      shorter.length = incoming.start - n.start;
      cut.shortened.push_back(shorter);
    } else {
      cut.removed.push_back(n);
    }
  }
  return cut;
}

int primer_major_key(const std::vector<PrimerNote>& notes) {
  return Melody::from_events(primer_events(notes)).major_key();
}

Key primer_key(const std::vector<PrimerNote>& notes) { return estimate_key(prepare_primer(primer_events(notes))); }

int primer_end_step(const std::vector<PrimerNote>& notes) {
  int end = 0;
  for (const PrimerNote& n : notes) end = std::max(end, n.end());
  return end;
}

}  // namespace musa
