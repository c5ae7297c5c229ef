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
    seq.notes.push_back(
        {n.pitch, std::clamp(n.velocity, 1, 127), n.start * step, n.end() * step, program, 0, false});
  }
  std::sort(seq.notes.begin(), seq.notes.end(), [](const Note& a, const Note& b) {
    return a.start != b.start ? a.start < b.start : a.pitch < b.pitch;
  });
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

std::vector<PrimerNote> primer_notes_from_events(const std::vector<int>& events, int first_id, int start_step,
                                                 std::span<const int> velocities) {
  std::vector<PrimerNote> notes;
  PrimerNote* open = nullptr;
  const int size = static_cast<int>(events.size());
  for (int step = 0; step < size; ++step) {
    const int e = events[step];
    if (e == kMelodyNoEvent) continue;
    if (open) open->length = start_step + step - open->start;
    open = nullptr;
    if (e >= 0 && e <= 127) {
      const int played = step < static_cast<int>(velocities.size()) ? velocities[size_t(step)] : 0;
      notes.push_back({first_id++, e, start_step + step, 1, played > 0 ? std::clamp(played, 1, 127) : 100});
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

MonophonicCut monophonic_cut(const std::vector<PrimerNote>& notes, const std::vector<PrimerNote>& incoming) {
  // Cut the primer by each pasted note in turn; a note shortened twice keeps its shortest form.
  std::vector<PrimerNote> now = notes;
  MonophonicCut total;
  for (const PrimerNote& in : incoming) {
    const MonophonicCut cut = monophonic_cut(now, in);
    for (const PrimerNote& s : cut.shortened) {
      std::erase_if(total.shortened, [&](const PrimerNote& n) { return n.id == s.id; });
      total.shortened.push_back(s);
      for (PrimerNote& n : now)
        if (n.id == s.id) n = s;
    }
    for (const PrimerNote& r : cut.removed) {
      // A note shortened by an earlier pasted note and removed by a later one is removed as it was.
      std::erase_if(total.shortened, [&](const PrimerNote& n) { return n.id == r.id; });
      const auto original =
          std::find_if(notes.begin(), notes.end(), [&](const PrimerNote& n) { return n.id == r.id; });
      total.removed.push_back(original != notes.end() ? *original : r);
      std::erase_if(now, [&](const PrimerNote& n) { return n.id == r.id; });
    }
  }
  return total;
}

std::vector<PrimerNote> pasted_notes(const std::vector<PrimerNote>& copied, int at, int first_id) {
  if (copied.empty()) return {};
  int earliest = copied.front().start;
  for (const PrimerNote& n : copied) earliest = std::min(earliest, n.start);
  std::vector<PrimerNote> pasted = copied;
  for (PrimerNote& n : pasted) {
    n.start = n.start - earliest + std::max(0, at);
    n.id = first_id++;
  }
  return pasted;
}

std::vector<PrimerNote> quantize_notes(std::vector<PrimerNote> notes, int grid, bool monophonic) {
  if (grid <= 1) return notes;
  const auto snap = [grid](int step) { return (step + grid / 2) / grid * grid; };  // half up, steps ≥ 0
  for (PrimerNote& n : notes) {
    const int start = snap(std::max(0, n.start));
    n.length = std::max(grid, snap(std::max(0, n.end())) - start);
    n.start = start;
  }
  // By start, then highest (monophonic) or longest (duplicates) first: the one that stays comes first.
  std::stable_sort(notes.begin(), notes.end(), [&](const PrimerNote& a, const PrimerNote& b) {
    if (a.start != b.start) return a.start < b.start;
    if (monophonic) return a.pitch > b.pitch;
    return a.pitch != b.pitch ? a.pitch < b.pitch : a.length > b.length;
  });
  std::vector<PrimerNote> out;
  for (const PrimerNote& n : notes) {
    if (!out.empty() && out.back().start == n.start && (monophonic || out.back().pitch == n.pitch)) continue;
    if (monophonic && !out.empty() && out.back().end() > n.start)
      out.back().length = n.start - out.back().start;
    out.push_back(n);
  }
  return out;
}

int average_velocity(const std::vector<PrimerNote>& notes) {
  if (notes.empty()) return 100;
  long sum = 0;
  for (const PrimerNote& n : notes) sum += std::clamp(n.velocity, 1, 127);
  const long count = static_cast<long>(notes.size());
  return static_cast<int>((sum + count / 2) / count);
}

std::vector<PrimerNote> with_velocity_change(std::vector<PrimerNote> notes, int delta) {
  for (PrimerNote& n : notes) n.velocity = std::clamp(n.velocity + delta, 1, 127);
  return notes;
}

int primer_major_key(const std::vector<PrimerNote>& notes) {
  return Melody::from_events(primer_events(notes)).major_key();
}

Key primer_key(const std::vector<PrimerNote>& notes) {
  return estimate_key(prepare_primer(primer_events(notes)));
}

int primer_end_step(const std::vector<PrimerNote>& notes) {
  int end = 0;
  for (const PrimerNote& n : notes) end = std::max(end, n.end());
  return end;
}

}  // namespace musa
