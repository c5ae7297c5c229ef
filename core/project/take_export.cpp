#include "core/project/take_export.h"

#include <algorithm>
#include <cstdio>

#include "core/music/musicxml.h"

namespace musa {

Melody take_steps(const Take& take, const TakeSequenceOptions& options) {
  const std::vector<int>& events = take.melody.events;
  int from = 0;
  int to = static_cast<int>(events.size());
  if (!options.include_primer)
    from = take.primer_steps / kStepsPerBar * kStepsPerBar;  // keep the bar's beats
  if (options.first_bar > 0) from = std::max(from, (options.first_bar - 1) * kStepsPerBar);
  if (options.last_bar > 0) to = std::min(to, options.last_bar * kStepsPerBar);
  Melody part;
  if (from >= to) return part;
  // A note held into the range began before it: leading NO_EVENTs hold nothing, so it is left out.
  part.events.assign(events.begin() + from, events.begin() + to);
  // Without the primer its notes go, one held into the continuation too.
  if (!options.include_primer)
    for (int step = from; step < std::min(take.primer_steps, to); ++step)
      part.events[step - from] = kMelodyNoEvent;
  return part;
}

namespace {

void append_take(NoteSequence& seq, const TakeTrack& track, const TakeSequenceOptions& options,
                 int instrument) {
  const NoteSequence part =
      take_steps(*track.take, options)
          .to_note_sequence(options.qpm, track.take->velocity, track.program, instrument);
  seq.notes.insert(seq.notes.end(), part.notes.begin(), part.notes.end());
  seq.tracks.push_back({instrument, "Musa take " + std::to_string(track.number), track.program, false});
}

/** Tempo, 4/4 and the key the take was made in (its mode as the SMF major/minor flag). */
NoteSequence empty_sequence(double qpm, const Key& key) {
  NoteSequence seq;
  seq.tempos.push_back({0.0, qpm});
  seq.time_signatures.push_back({0.0, 4, 4});
  seq.key_signatures.push_back({0.0, key.tonic, is_minor_mode(key.mode)});
  return seq;
}

}  // namespace

NoteSequence take_sequence(const Take& take, int number, int program, const TakeSequenceOptions& options) {
  NoteSequence seq = empty_sequence(options.qpm, take_key(take));
  append_take(seq, {&take, number, program}, options, 0);
  seq.update_total_time();
  return seq;
}

NoteSequence take_sequence(const std::vector<TakeTrack>& tracks, const TakeSequenceOptions& options) {
  // Layered takes share one signature: the first take's key.
  NoteSequence seq = empty_sequence(options.qpm, tracks.empty() ? Key{} : take_key(*tracks.front().take));
  // Instrument 0 would become the conductor track's name in format 1; takes start at 1.
  for (size_t i = 0; i < tracks.size(); ++i) append_take(seq, tracks[i], options, static_cast<int>(i) + 1);
  std::stable_sort(seq.notes.begin(), seq.notes.end(),
                   [](const Note& a, const Note& b) { return a.start < b.start; });
  seq.update_total_time();
  return seq;
}

std::string takes_musicxml(const std::vector<TakeTrack>& tracks, const TakeSequenceOptions& options) {
  std::vector<ScorePart> parts;
  for (const TakeTrack& track : tracks)
    parts.push_back(
        {"Take " + std::to_string(track.number), take_steps(*track.take, options).events, track.program});
  ScoreOptions score;
  score.title = tracks.size() == 1 ? "Musa take " + std::to_string(tracks.front().number) : "Musa takes";
  score.key = tracks.empty() ? Key{} : take_key(*tracks.front().take);
  score.qpm = options.qpm;
  return musicxml_score(parts, score);
}

std::string take_file_name(int number, const std::string& extension) {
  char name[32];
  std::snprintf(name, sizeof name, "musa-take-%02d", number);
  return name + extension;
}

}  // namespace musa
