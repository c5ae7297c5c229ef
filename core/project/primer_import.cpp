#include "core/project/primer_import.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/music/melody_extractor.h"
#include "core/music/quantizer.h"

namespace musa {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

bool named_as_melody(const std::string& name) {
  const std::string n = lower(name);
  for (const char* word : {"melody", "lead", "vocal", "voice", "melodía", "melodia"})
    if (n.find(word) != std::string::npos) return true;
  return false;
}

int note_ons(const std::vector<int>& events) {
  return int(std::count_if(events.begin(), events.end(), [](int e) { return e >= 0; }));
}

}  // namespace

std::vector<PrimerCandidate> primer_candidates(const NoteSequence& seq) {
  std::map<int, NoteSequence> by_track;
  for (const Note& note : seq.notes) {
    if (note.is_drum) continue;
    NoteSequence& part = by_track[note.instrument];
    part.notes.push_back(note);
  }
  MelodyExtractorOptions options = MelodyExtractorOptions::primer();
  options.max_steps_truncate = kMaxCandidateSteps;
  std::vector<PrimerCandidate> candidates;
  for (auto& [track, part] : by_track) {
    part.tempos = seq.tempos;
    part.time_signatures = seq.time_signatures;
    part.ticks_per_quarter = seq.ticks_per_quarter;
    part.update_total_time();
    part = at_first_tempo(part);  // a tempo change mid-file must not split or stretch the primer
    std::string name;
    int program = part.notes.front().program;
    for (const Track& t : seq.tracks)
      if (t.instrument == track) name = t.name;
    for (Melody& m : extract_melodies_from_sequence(part, options, kStepsPerQuarter)) {
      const int notes = note_ons(m.events);
      if (notes == 0) continue;
      candidates.push_back({std::move(m.events), m.start_step, track, name, program, notes});
    }
  }
  return candidates;
}

int best_primer_candidate(const std::vector<PrimerCandidate>& candidates) {
  int best = -1;
  const auto better = [&](const PrimerCandidate& c, const PrimerCandidate& b) {
    const bool cm = named_as_melody(c.track_name), bm = named_as_melody(b.track_name);
    if (cm != bm) return cm;
    if (c.events.size() != b.events.size()) return c.events.size() > b.events.size();
    return c.note_count > b.note_count;
  };
  for (int i = 0; i < int(candidates.size()); ++i)
    if (best < 0 || better(candidates[size_t(i)], candidates[size_t(best)])) best = i;
  return best;
}

bool too_long_for_primer(const PrimerCandidate& candidate) {
  return static_cast<int>(candidate.events.size()) > kMaxPrimerSteps;
}

PrimerCandidate first_bars(const PrimerCandidate& candidate, int bars) {
  PrimerCandidate first = candidate;
  const size_t steps = static_cast<size_t>(std::max(0, bars)) * kStepsPerBar;
  if (first.events.size() > steps) first.events.resize(steps);
  first.note_count = note_ons(first.events);
  return first;
}

std::vector<PrimerNote> candidate_notes(const PrimerCandidate& candidate) {
  return primer_notes_from_events(candidate.events, 1);
}

}  // namespace musa
