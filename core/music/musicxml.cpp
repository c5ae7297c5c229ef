#include "core/music/musicxml.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "core/music/melody.h"
#include "core/music/spelling.h"
#include "core/util/file_io.h"

namespace musa {
namespace {

constexpr int kDivisions = kStepsPerQuarter;  // one division = one 16th step
constexpr int kBeat = kStepsPerQuarter;

/** A note (pitch ≥ 0) or a rest (pitch −1) of `length` steps from `start`. */
struct Span {
  int start = 0, length = 0, pitch = -1;
};

/** The notes and rests of a line, covering `total` steps. */
std::vector<Span> spans_of(const std::vector<int>& events, int total) {
  std::vector<Span> spans;  // starts only; lengths below
  auto begin = [&](int step, int pitch) {
    if (!spans.empty() && spans.back().start == step) spans.pop_back();  // replaced at the same step
    if (!spans.empty() && pitch < 0 && spans.back().pitch < 0) return;   // the rest goes on
    spans.push_back({step, 0, pitch});
  };
  begin(0, -1);
  for (int step = 0; step < int(events.size()); ++step) {
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

struct NoteType {
  const char* type;
  bool dot;
};

NoteType type_of(int steps) {
  switch (steps) {
    case 16:
      return {"whole", false};
    case 12:
      return {"half", true};
    case 8:
      return {"half", false};
    case 6:
      return {"quarter", true};
    case 4:
      return {"quarter", false};
    case 3:
      return {"eighth", true};
    case 2:
      return {"eighth", false};
    default:
      return {"16th", false};
  }
}

const char* accidental_name(int alter) {
  switch (alter) {
    case -2:
      return "flat-flat";
    case -1:
      return "flat";
    case 1:
      return "sharp";
    case 2:
      return "double-sharp";
    default:
      return "natural";
  }
}

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

/** "P1" for the first part. (Appending, not "P" + …: GCC 12 warns falsely on that.) */
std::string part_id(size_t index) {
  std::string id = "P";
  id += std::to_string(index + 1);
  return id;
}

/** Writes the measures of one part. */
class PartWriter {
 public:
  PartWriter(const ScoreOptions& options, std::string& out) : options_(options), out_(out) {
    fifths_ = key_fifths(options.key);
  }

  void write(const std::vector<int>& events, int bars) {
    const std::vector<Span> spans = spans_of(events, bars * kStepsPerBar);
    size_t next = 0;
    for (int bar = 0; bar < bars; ++bar) {
      out_ += "    <measure number=\"" + std::to_string(bar + 1) + "\">\n";
      if (bar == 0) write_attributes(events);
      in_effect_.clear();
      const int bar_start = bar * kStepsPerBar, bar_end = bar_start + kStepsPerBar;
      while (next < spans.size() && spans[next].start < bar_end) {
        const Span& span = spans[next];
        const int from = std::max(span.start, bar_start), to = std::min(span.start + span.length, bar_end);
        write_pieces(span, from, to);
        if (span.start + span.length > bar_end) break;  // it goes on in the next bar
        ++next;
      }
      out_ += "    </measure>\n";
    }
  }

 private:
  void write_attributes(const std::vector<int>& events) {
    long sum = 0, count = 0;
    for (int e : events)
      if (e >= 0) sum += e, ++count;
    const bool bass = count > 0 && sum < 55 * count;  // mostly below G3: the bass clef reads better
    out_ += "      <attributes>\n        <divisions>" + std::to_string(kDivisions) + "</divisions>\n";
    out_ += "        <key>\n          <fifths>" + std::to_string(fifths_) + "</fifths>\n          <mode>" +
            musicxml_mode() + "</mode>\n        </key>\n";
    out_ +=
        "        <time>\n          <beats>4</beats>\n          <beat-type>4</beat-type>\n        </time>\n";
    out_ += bass ? "        <clef>\n          <sign>F</sign>\n          <line>4</line>\n        </clef>\n"
                 : "        <clef>\n          <sign>G</sign>\n          <line>2</line>\n        </clef>\n";
    out_ += "      </attributes>\n";
    const std::string qpm = std::to_string(int(std::lround(options_.qpm)));
    out_ +=
        "      <direction placement=\"above\">\n        <direction-type>\n          <metronome>\n"
        "            <beat-unit>quarter</beat-unit>\n            <per-minute>" +
        qpm + "</per-minute>\n          </metronome>\n        </direction-type>\n        <sound tempo=\"" +
        qpm + "\"/>\n      </direction>\n";
  }

  std::string musicxml_mode() const {
    switch (options_.key.mode) {
      case Mode::dorian:
        return "dorian";
      case Mode::mixolydian:
        return "mixolydian";
      default:
        return is_minor_mode(options_.key.mode) ? "minor" : "major";
    }
  }

  /** The part of `span` from `from` to `to` (inside one bar) as tied values. */
  void write_pieces(const Span& span, int from, int to) {
    if (span.pitch < 0 && from % kStepsPerBar == 0 && to - from == kStepsPerBar) {
      out_ += "      <note>\n        <rest measure=\"yes\"/>\n        <duration>" +
              std::to_string(kStepsPerBar) + "</duration>\n        <voice>1</voice>\n      </note>\n";
      return;
    }
    for (int step = from; step < to;) {
      const int value = next_value(step % kStepsPerBar, to - step);
      write_note(span, step, value);
      step += value;
    }
  }

  void write_note(const Span& span, int step, int value) {
    const bool rest = span.pitch < 0;
    const bool tie_stop = !rest && step > span.start;
    const bool tie_start = !rest && step + value < span.start + span.length;
    out_ += "      <note>\n";
    if (rest) {
      out_ += "        <rest/>\n";
    } else {
      const SpelledPitch p = spell_pitch(span.pitch, options_.key);
      out_ += "        <pitch>\n          <step>";
      out_ += p.step;
      out_ += "</step>\n";
      if (p.alter != 0) out_ += "          <alter>" + std::to_string(p.alter) + "</alter>\n";
      out_ += "          <octave>" + std::to_string(p.octave) + "</octave>\n        </pitch>\n";
    }
    out_ += "        <duration>" + std::to_string(value) + "</duration>\n";
    if (tie_stop) out_ += "        <tie type=\"stop\"/>\n";
    if (tie_start) out_ += "        <tie type=\"start\"/>\n";
    const NoteType type = type_of(value);
    out_ += "        <voice>1</voice>\n        <type>";
    out_ += type.type;
    out_ += "</type>\n";
    if (type.dot) out_ += "        <dot/>\n";
    if (!rest && !tie_stop) write_accidental(spell_pitch(span.pitch, options_.key));
    if (tie_stop || tie_start) {
      out_ += "        <notations>\n";
      if (tie_stop) out_ += "          <tied type=\"stop\"/>\n";
      if (tie_start) out_ += "          <tied type=\"start\"/>\n";
      out_ += "        </notations>\n";
    }
    out_ += "      </note>\n";
  }

  /** An accidental when the signature and the bar so far give this letter another alteration. */
  void write_accidental(const SpelledPitch& p) {
    const std::pair<char, int> where{p.step, p.octave};
    const auto it = in_effect_.find(where);
    const int current = it != in_effect_.end() ? it->second : signature_alter(fifths_, p.step);
    if (current == p.alter) return;
    out_ += "        <accidental>";
    out_ += accidental_name(p.alter);
    out_ += "</accidental>\n";
    in_effect_[where] = p.alter;
  }

  const ScoreOptions& options_;
  std::string& out_;
  int fifths_ = 0;
  std::map<std::pair<char, int>, int> in_effect_;  ///< (letter, octave) → alteration, this bar
};

}  // namespace

std::string musicxml_score(std::span<const ScorePart> parts, const ScoreOptions& options) {
  size_t longest = 0;
  for (const ScorePart& part : parts) longest = std::max(longest, part.events.size());
  const int bars = std::max(1, int((longest + kStepsPerBar - 1) / kStepsPerBar));
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
      "<!DOCTYPE score-partwise PUBLIC \"-//Recordare//DTD MusicXML 4.0 Partwise//EN\" "
      "\"http://www.musicxml.org/dtds/partwise.dtd\">\n"
      "<score-partwise version=\"4.0\">\n";
  out += "  <work>\n    <work-title>" + escaped(options.title) + "</work-title>\n  </work>\n";
  out +=
      "  <identification>\n    <encoding>\n      <software>Musa</software>\n    </encoding>\n  "
      "</identification>\n";
  out += "  <part-list>\n";
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string id = part_id(i);
    out +=
        "    <score-part id=\"" + id + "\">\n      <part-name>" + escaped(parts[i].name) + "</part-name>\n";
    out += "      <score-instrument id=\"" + id + "-I1\">\n        <instrument-name>" +
           escaped(parts[i].name) + "</instrument-name>\n      </score-instrument>\n";
    out += "      <midi-instrument id=\"" + id +
           "-I1\">\n        <midi-channel>1</midi-channel>\n        <midi-program>" +
           std::to_string(std::clamp(parts[i].program, 0, 127) + 1) +
           "</midi-program>\n      </midi-instrument>\n";
    out += "    </score-part>\n";
  }
  out += "  </part-list>\n";
  for (size_t i = 0; i < parts.size(); ++i) {
    out += "  <part id=\"" + part_id(i) + "\">\n";
    PartWriter(options, out).write(parts[i].events, bars);
    out += "  </part>\n";
  }
  out += "</score-partwise>\n";
  return out;
}

Status write_musicxml_file(std::span<const ScorePart> parts, const ScoreOptions& options,
                           const std::string& path) {
  const std::string text = musicxml_score(parts, options);
  return write_file_atomically(path, text.data(), text.size());
}

}  // namespace musa
