#include "core/music/staff_layout.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

#include "core/music/melody.h"

namespace musa {
namespace {

constexpr int kBeat = kStepsPerQuarter;

/** A note (pitch ≥ 0) or a rest (pitch −1) of `length` steps from `start`. */
struct Span {
  int start = 0, length = 0, pitch = -1;
};

/** The notes and rests of a line, covering `total` steps. */
std::vector<Span> spans_of(std::span<const int> events, int total) {
  std::vector<Span> spans;  // starts only; lengths below
  auto begin = [&](int step, int pitch) {
    if (!spans.empty() && spans.back().start == step) spans.pop_back();  // replaced at the same step
    if (!spans.empty() && pitch < 0 && spans.back().pitch < 0) return;   // the rest goes on
    spans.push_back({step, 0, pitch});
  };
  begin(0, -1);
  const int steps = std::min(int(events.size()), total);
  for (int step = 0; step < steps; ++step) {
    if (events[size_t(step)] >= 0)
      begin(step, events[size_t(step)]);
    else if (events[size_t(step)] == kMelodyNoteOff)
      begin(step, -1);
  }
  for (size_t i = 0; i < spans.size(); ++i)
    spans[i].length = (i + 1 < spans.size() ? spans[i + 1].start : total) - spans[i].start;
  return spans;
}

/** The longest value that may start `position` steps into a bar and lasts at most `left` steps. */
int next_value(int position, int left) {
  static constexpr int kValues[] = {16, 12, 8, 6, 4, 3, 2, 1};
  for (int value : kValues) {
    if (value > left || position + value > kStepsPerBar) continue;
    const bool fits = value >= kBeat ? position % kBeat == 0 && (value != 16 || position == 0)
                                     : position % kBeat + value <= kBeat;
    if (fits) return value;
  }
  return 1;
}

/** Lays out one bar's pieces of the spans, tracking the accidentals in effect. */
class BarWriter {
 public:
  BarWriter(const Key& key, int fifths) : key_(key), fifths_(fifths) {}

  StaffBar bar(const std::vector<Span>& spans, size_t& next, int bar_start) {
    StaffBar bar;
    in_effect_.clear();
    const int bar_end = bar_start + kStepsPerBar;
    while (next < spans.size() && spans[next].start < bar_end) {
      const Span& span = spans[next];
      const int from = std::max(span.start, bar_start), to = std::min(span.start + span.length, bar_end);
      pieces(span, from, to, bar_start, bar.symbols);
      if (span.start + span.length > bar_end) break;  // it goes on in the next bar
      ++next;
    }
    return bar;
  }

 private:
  void pieces(const Span& span, int from, int to, int bar_start, std::vector<StaffSymbol>& out) {
    if (span.pitch < 0 && from == bar_start && to - from == kStepsPerBar) {
      StaffSymbol rest;
      rest.steps = kStepsPerBar;
      rest.whole_bar_rest = true;
      out.push_back(rest);
      return;
    }
    for (int step = from; step < to;) {
      const int value = next_value(step - bar_start, to - step);
      StaffSymbol s;
      s.start = step - bar_start;
      s.steps = value;
      s.pitch = span.pitch;
      if (span.pitch >= 0) {
        s.spelled = spell_pitch(span.pitch, key_);
        s.tie_stop = step > span.start;
        s.tie_start = step + value < span.start + span.length;
        if (!s.tie_stop) s.accidental = accidental(s.spelled);
      }
      out.push_back(s);
      step += value;
    }
  }

  /** The alteration to print, when the signature and the bar so far give this letter another. */
  int accidental(const SpelledPitch& p) {
    const std::pair<char, int> where{p.step, p.octave};
    const auto it = in_effect_.find(where);
    const int current = it != in_effect_.end() ? it->second : signature_alter(fifths_, p.step);
    if (current == p.alter) return kNoAccidental;
    in_effect_[where] = p.alter;
    return p.alter;
  }

  Key key_;
  int fifths_;
  std::map<std::pair<char, int>, int> in_effect_;  ///< (letter, octave) → alteration, this bar
};

/** Numbers the runs of two or more 8ths and 16ths that share a beat, with no rest between them. */
void beam_bar(StaffBar& bar) {
  int next_beam = 0;
  size_t i = 0;
  while (i < bar.symbols.size()) {
    const auto beamable = [&](size_t k) {
      const StaffSymbol& s = bar.symbols[k];
      return !s.rest() && s.base_steps() <= 2 && s.start / kBeat == bar.symbols[i].start / kBeat;
    };
    size_t end = i;
    while (end < bar.symbols.size() && beamable(end)) ++end;
    if (end - i >= 2) {
      for (size_t k = i; k < end; ++k) bar.symbols[k].beam = next_beam;
      ++next_beam;
    }
    i = std::max(end, i + 1);
  }
}

int diatonic_index(char step, int octave) {
  constexpr std::string_view kLetters = "CDEFGAB";
  return octave * 7 + int(kLetters.find(step));
}

}  // namespace

Clef clef_for(std::span<const int> events) {
  long sum = 0, count = 0;
  for (int e : events)
    if (e >= 0) sum += e, ++count;
  return count > 0 && sum < 55 * count ? Clef::bass : Clef::treble;  // mostly below G3
}

StaffLayout layout_staff(std::span<const int> events, const Key& key, int bars) {
  StaffLayout layout;
  layout.key = key;
  layout.fifths = key_fifths(key);
  layout.clef = clef_for(events);
  if (bars <= 0) bars = std::max(1, int((events.size() + kStepsPerBar - 1) / kStepsPerBar));
  const std::vector<Span> spans = spans_of(events, bars * kStepsPerBar);
  BarWriter writer(key, layout.fifths);
  size_t next = 0;
  for (int bar = 0; bar < bars; ++bar) {
    layout.bars.push_back(writer.bar(spans, next, bar * kStepsPerBar));
    beam_bar(layout.bars.back());
  }
  return layout;
}

int staff_step(const SpelledPitch& pitch, Clef clef) {
  const int bottom = clef == Clef::treble ? diatonic_index('E', 4) : diatonic_index('G', 2);
  return diatonic_index(pitch.step, pitch.octave) - bottom;
}

std::vector<int> signature_steps(int fifths, Clef clef) {
  // The usual places: sharps F5 C5 G5 D5 A4 E5 B4, flats B4 E5 A4 D5 G4 C5 F4 (treble; bass two steps lower).
  static constexpr int kSharps[] = {8, 5, 9, 6, 3, 7, 4};
  static constexpr int kFlats[] = {4, 7, 3, 6, 2, 5, 1};
  const int shift = clef == Clef::treble ? 0 : -2;
  std::vector<int> steps;
  for (int i = 0; i < std::min(7, std::abs(fifths)); ++i)
    steps.push_back((fifths > 0 ? kSharps : kFlats)[i] + shift);
  return steps;
}

}  // namespace musa
