#include "core/project/take_export.h"

#include <algorithm>
#include <cstdio>

#include "core/project/primer.h"

namespace musa {
namespace {

/** The take's notes on the step grid, cut to the options' bars and shifted to start at 0. */
std::vector<PrimerNote> exported_notes(const ExportTake& take, const ExportOptions& options) {
  std::vector<PrimerNote> notes = primer_notes_from_events(take.events, 1);
  int from = 0, to = 1 << 30;
  if (!options.include_primer) {
    std::erase_if(notes, [&](const PrimerNote& n) { return n.start < take.primer_steps; });
    from = take.primer_steps / kStepsPerBar * kStepsPerBar;  // keep the bar's beats
  }
  if (options.first_bar > 0) from = std::max(from, (options.first_bar - 1) * kStepsPerBar);
  if (options.last_bar > 0) to = options.last_bar * kStepsPerBar;
  std::vector<PrimerNote> kept;
  for (PrimerNote n : notes) {
    if (n.start < from || n.start >= to) continue;
    n.length = std::min(n.end(), to) - n.start;
    n.start -= from;
    kept.push_back(n);
  }
  return kept;
}

void append_take(NoteSequence& seq, const ExportTake& take, const ExportOptions& options, int instrument) {
  const NoteSequence part = primer_to_sequence(exported_notes(take, options), options.qpm, take.program);
  for (Note note : part.notes) {
    note.instrument = instrument;
    seq.notes.push_back(note);
  }
  seq.tracks.push_back({instrument, "Musa take " + std::to_string(take.number), take.program, false});
}

NoteSequence empty_sequence(double qpm) {
  NoteSequence seq;
  seq.tempos.push_back({0.0, qpm});
  seq.time_signatures.push_back({0.0, 4, 4});
  return seq;
}

}  // namespace

NoteSequence export_take_sequence(const ExportTake& take, const ExportOptions& options) {
  NoteSequence seq = empty_sequence(options.qpm);
  append_take(seq, take, options, 0);
  seq.update_total_time();
  return seq;
}

NoteSequence export_multitrack_sequence(const std::vector<ExportTake>& takes, const ExportOptions& options) {
  NoteSequence seq = empty_sequence(options.qpm);
  // Instrument 0 would become the conductor track's name in format 1; takes start at 1.
  for (size_t i = 0; i < takes.size(); ++i) append_take(seq, takes[i], options, static_cast<int>(i) + 1);
  std::stable_sort(seq.notes.begin(), seq.notes.end(), [](const Note& a, const Note& b) { return a.start < b.start; });
  seq.update_total_time();
  return seq;
}

std::string take_file_name(int number, const std::string& extension) {
  char name[32];
  std::snprintf(name, sizeof name, "musa-take-%02d", number);
  return name + extension;
}

}  // namespace musa
