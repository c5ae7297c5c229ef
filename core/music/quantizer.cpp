#include "core/music/quantizer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <variant>

namespace musa {
namespace {

constexpr double kDefaultQpm = 120.0;

bool is_power_of_two(int x) { return x > 0 && (x & (x - 1)) == 0; }

std::string format_change(const char* what, double time) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%s at %.2f seconds", what, time);
  return buf;
}

}  // namespace

int quantize_to_step(double seconds, double steps_per_second, double cutoff) {
  return static_cast<int>(seconds * steps_per_second + (1.0 - cutoff));
}

Result<QuantizedSequence> quantize(const NoteSequence& seq, int steps_per_quarter) {
  QuantizedSequence q;
  q.steps_per_quarter = steps_per_quarter;
  if (!seq.time_signatures.empty()) {
    const TimeSignature& first = seq.time_signatures.front();
    if (first.time != 0.0 && !(first.numerator == 4 && first.denominator == 4))
      return Error{format_change("implicit change from 4/4 time", first.time)};
    for (const TimeSignature& ts : seq.time_signatures)
      if (ts.numerator != first.numerator || ts.denominator != first.denominator)
        return Error{format_change("time signature change", ts.time)};
    q.numerator = first.numerator;
    q.denominator = first.denominator;
  }
  if (!is_power_of_two(q.denominator) || q.numerator <= 0)
    return Error{"bad time signature " + std::to_string(q.numerator) + "/" + std::to_string(q.denominator)};
  if (!seq.tempos.empty()) {
    const Tempo& first = seq.tempos.front();
    if (first.time != 0.0 && first.qpm != kDefaultQpm)
      return Error{format_change("implicit tempo change from 120 qpm", first.time)};
    for (const Tempo& t : seq.tempos)
      if (t.qpm != first.qpm) return Error{format_change("tempo change", t.time)};
    q.qpm = first.qpm;
  }
  if (!(q.qpm > 0.0) || !std::isfinite(q.qpm)) return Error{"tempo is not positive"};

  const double steps_per_second = steps_per_quarter * q.qpm / 60.0;
  // Checked before the conversion to int, which could overflow.
  const auto too_long = [&](double seconds) { return !(seconds * steps_per_second < kMaxQuantizedSteps); };
  const auto refusal = [] {
    return Error{std::string("longer than ").append(std::to_string(kMaxQuantizedSteps)).append(" steps")};
  };
  if (too_long(seq.total_time)) return refusal();
  q.total_steps = quantize_to_step(seq.total_time, steps_per_second);
  q.notes.reserve(seq.notes.size());
  for (const Note& n : seq.notes) {
    if (too_long(n.start) || too_long(n.end)) return refusal();
    QuantizedNote qn{n.pitch,
                     n.velocity,
                     quantize_to_step(n.start, steps_per_second),
                     quantize_to_step(n.end, steps_per_second),
                     n.program,
                     n.instrument,
                     n.is_drum};
    if (qn.end_step == qn.start_step) ++qn.end_step;
    if (qn.start_step < 0 || qn.end_step < 0) return Error{"negative note time"};
    q.total_steps = std::max(q.total_steps, qn.end_step);
    q.notes.push_back(qn);
  }
  return q;
}

namespace {

/** The notes, tempo and meter of `seq` between two split times, shifted to 0. */
NoteSequence extract_section(const NoteSequence& seq, double begin, double end, double qpm, int numerator,
                             int denominator) {
  NoteSequence section;
  section.ticks_per_quarter = seq.ticks_per_quarter;
  section.tracks = seq.tracks;
  section.key_signatures.clear();
  section.tempos.push_back({0.0, qpm});
  section.time_signatures.push_back({0.0, numerator, denominator});
  for (const Note& n : seq.notes) {
    if (n.start < begin || n.start >= end) continue;
    Note cut = n;
    cut.start -= begin;
    cut.end = std::min(n.end, end) - begin;
    section.notes.push_back(cut);
  }
  section.update_total_time();
  section.total_time = std::max(section.total_time, 0.0);
  return section;
}

}  // namespace

std::vector<NoteSequence> split_on_time_changes(const NoteSequence& seq) {
  // A change event: either a tempo or a time signature, sorted by time.
  struct Change {
    double time;
    std::variant<Tempo, TimeSignature> what;
  };
  std::vector<Change> changes;
  for (const Tempo& t : seq.tempos) changes.push_back({t.time, t});
  for (const TimeSignature& ts : seq.time_signatures) changes.push_back({ts.time, ts});
  std::stable_sort(changes.begin(), changes.end(),
                   [](const Change& a, const Change& b) { return a.time < b.time; });

  double qpm = kDefaultQpm;
  int numerator = 4, denominator = 4;
  std::vector<NoteSequence> sections;
  double section_start = 0.0;
  double section_qpm = qpm;
  int section_num = numerator, section_den = denominator;
  for (const Change& change : changes) {
    if (change.time >= seq.total_time) break;
    if (const Tempo* t = std::get_if<Tempo>(&change.what)) {
      if (t->qpm == qpm) continue;
    } else {
      const auto& ts = std::get<TimeSignature>(change.what);
      if (ts.numerator == numerator && ts.denominator == denominator) continue;
    }
    if (change.time > section_start) {
      sections.push_back(
          extract_section(seq, section_start, change.time, section_qpm, section_num, section_den));
      section_start = change.time;
    }
    if (const Tempo* t = std::get_if<Tempo>(&change.what)) {
      qpm = t->qpm;
    } else {
      numerator = std::get<TimeSignature>(change.what).numerator;
      denominator = std::get<TimeSignature>(change.what).denominator;
    }
    section_qpm = qpm;
    section_num = numerator;
    section_den = denominator;
  }
  if (seq.total_time > section_start)
    sections.push_back(
        extract_section(seq, section_start, seq.total_time, section_qpm, section_num, section_den));
  return sections;
}

NoteSequence at_first_tempo(const NoteSequence& seq) {
  std::vector<Tempo> tempos = seq.tempos;
  std::stable_sort(tempos.begin(), tempos.end(),
                   [](const Tempo& a, const Tempo& b) { return a.time < b.time; });
  if (tempos.empty() || tempos.front().time > 0.0) tempos.insert(tempos.begin(), Tempo{0.0, kDefaultQpm});
  const double qpm = tempos.front().qpm;
  // Seconds -> quarters through the map -> seconds at `qpm`.
  const auto retime = [&](double seconds) {
    double quarters = 0.0;
    for (size_t i = 0; i < tempos.size(); ++i) {
      const double until = i + 1 < tempos.size() ? std::min(seconds, tempos[i + 1].time) : seconds;
      if (until <= tempos[i].time) break;
      quarters += (until - tempos[i].time) * tempos[i].qpm / 60.0;
    }
    return quarters * 60.0 / qpm;
  };
  NoteSequence out = seq;
  out.tempos.assign(1, Tempo{0.0, qpm});
  for (Note& note : out.notes) {
    note.start = retime(note.start);
    note.end = retime(note.end);
  }
  for (TimeSignature& ts : out.time_signatures) ts.time = retime(ts.time);
  for (KeySignature& key : out.key_signatures) key.time = retime(key.time);
  out.update_total_time();
  return out;
}

std::vector<QuantizedSequence> quantize_sections(const NoteSequence& seq, int steps_per_quarter) {
  std::vector<QuantizedSequence> out;
  for (const NoteSequence& section : split_on_time_changes(seq)) {
    Result<QuantizedSequence> q = quantize(section, steps_per_quarter);
    if (q.ok()) out.push_back(std::move(q.value()));
  }
  return out;
}

}  // namespace musa
