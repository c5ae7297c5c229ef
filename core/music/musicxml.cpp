#include "core/music/musicxml.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "core/music/melody.h"
#include "core/music/spelling.h"
#include "core/music/staff_layout.h"
#include "core/util/file_io.h"

namespace musa {
namespace {

constexpr int kDivisions = kStepsPerQuarter;  // one division = one 16th step

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
    const StaffLayout layout = layout_staff(events, options_.key, bars);
    for (int bar = 0; bar < bars; ++bar) {
      out_ += "    <measure number=\"" + std::to_string(bar + 1) + "\">\n";
      if (bar == 0) write_attributes(layout.clef);
      for (const StaffSymbol& symbol : layout.bars[size_t(bar)].symbols) write_symbol(symbol);
      out_ += "    </measure>\n";
    }
  }

 private:
  void write_attributes(Clef clef) {
    out_ += "      <attributes>\n        <divisions>" + std::to_string(kDivisions) + "</divisions>\n";
    out_ += "        <key>\n          <fifths>" + std::to_string(fifths_) + "</fifths>\n          <mode>" +
            musicxml_mode() + "</mode>\n        </key>\n";
    out_ +=
        "        <time>\n          <beats>4</beats>\n          <beat-type>4</beat-type>\n        </time>\n";
    out_ += clef == Clef::bass
                ? "        <clef>\n          <sign>F</sign>\n          <line>4</line>\n        </clef>\n"
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

  void write_symbol(const StaffSymbol& s) {
    if (s.whole_bar_rest) {
      out_ += "      <note>\n        <rest measure=\"yes\"/>\n        <duration>" + std::to_string(s.steps) +
              "</duration>\n        <voice>1</voice>\n      </note>\n";
      return;
    }
    out_ += "      <note>\n";
    if (s.rest()) {
      out_ += "        <rest/>\n";
    } else {
      out_ += "        <pitch>\n          <step>";
      out_ += s.spelled.step;
      out_ += "</step>\n";
      if (s.spelled.alter != 0) out_ += "          <alter>" + std::to_string(s.spelled.alter) + "</alter>\n";
      out_ += "          <octave>" + std::to_string(s.spelled.octave) + "</octave>\n        </pitch>\n";
    }
    out_ += "        <duration>" + std::to_string(s.steps) + "</duration>\n";
    if (s.tie_stop) out_ += "        <tie type=\"stop\"/>\n";
    if (s.tie_start) out_ += "        <tie type=\"start\"/>\n";
    const NoteType type = type_of(s.steps);
    out_ += "        <voice>1</voice>\n        <type>";
    out_ += type.type;
    out_ += "</type>\n";
    if (type.dot) out_ += "        <dot/>\n";
    if (s.accidental != kNoAccidental) {
      out_ += "        <accidental>";
      out_ += accidental_name(s.accidental);
      out_ += "</accidental>\n";
    }
    if (s.tie_stop || s.tie_start) {
      out_ += "        <notations>\n";
      if (s.tie_stop) out_ += "          <tied type=\"stop\"/>\n";
      if (s.tie_start) out_ += "          <tied type=\"start\"/>\n";
      out_ += "        </notations>\n";
    }
    out_ += "      </note>\n";
  }

  const ScoreOptions& options_;
  std::string& out_;
  int fifths_ = 0;
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
