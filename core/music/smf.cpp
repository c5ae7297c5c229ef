// Standard MIDI File reader and writer (see smf.h). Byte layouts follow the
// MMA's "Standard MIDI Files 1.0"; note pairing follows pretty_midi, which
// note_seq's midi_io (magenta/note-seq, midi_io.py) reads files through.

#include "core/music/smf.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <new>
#include <type_traits>

#include "core/music/channels.h"
#include "core/music/spelling.h"

namespace musa {
namespace {

constexpr std::uintmax_t kMaxFileBytes = 64u << 20;     // far beyond any real song
constexpr std::size_t kMaxNotes = 10'000'000;           // bounds memory on hostile files
constexpr uint32_t kDefaultMicrosPerQuarter = 500'000;  // 120 qpm until a tempo event (SMF 1.0)
constexpr int64_t kMaxTick = 0x0FFFFFFF;                // the largest delta one VLQ holds
constexpr std::size_t kMaxTracks = 0xFFFF;              // the header's 16-bit track count

/** Joins strings and numbers into one message. */
template <class... Parts>
std::string text(const Parts&... parts) {
  std::string out;
  auto add = [&out](const auto& part) {
    if constexpr (std::is_arithmetic_v<std::decay_t<decltype(part)>>) {
      out += std::to_string(part);
    } else {
      out += part;
    }
  };
  (add(parts), ...);
  return out;
}

/** Why a file was refused. Thrown inside the reader only; caught at its edge. */
struct SmfError {
  std::string message;
};

// ---------------------------------------------------------------- reading --

/** Bounds-checked big-endian reader over one chunk; throws SmfError past its end. */
class Cursor {
 public:
  Cursor(const uint8_t* data, std::size_t size, std::size_t base, std::string label)
      : data_(data), size_(size), base_(base), label_(std::move(label)) {}

  bool at_end() const { return pos_ >= size_; }
  std::size_t remaining() const { return size_ - pos_; }
  std::size_t offset() const { return base_ + pos_; }
  uint8_t peek() const { return remaining() > 0 ? data_[pos_] : throw truncated(); }
  uint8_t u8() { return *take(1); }

  const uint8_t* take(std::size_t count) {
    if (count > remaining()) throw truncated();
    pos_ += count;
    return data_ + pos_ - count;
  }

  uint32_t be(std::size_t count) {
    uint32_t value = 0;
    for (const uint8_t* p = take(count); count > 0; --count) value = (value << 8) | *p++;
    return value;
  }

  /** A variable-length quantity: 7 bits a byte, high bit set = more follow; at most 4 bytes. */
  uint32_t vlq() {
    const std::size_t start = offset();
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const uint8_t byte = u8();
      value = (value << 7) | (byte & 0x7F);
      if ((byte & 0x80) == 0) return value;
    }
    throw SmfError{text(label_, ": variable-length quantity longer than 4 bytes at byte ", start)};
  }

  /** The next `length` bytes as their own cursor (a chunk body), labelled `label`. */
  Cursor chunk(std::size_t length, std::string label) {
    if (length > remaining()) {
      throw SmfError{
          text(label, " is truncated: it declares ", length, " bytes but only ", remaining(), " remain")};
    }
    const std::size_t base = offset();
    return Cursor(take(length), length, base, std::move(label));
  }

  /** A refusal that names this chunk and the current byte offset. */
  SmfError error(const std::string& problem) const {
    return SmfError{text(label_, ": ", problem, " at byte ", offset())};
  }

 private:
  SmfError truncated() const { return SmfError{text(label_, " is truncated (at byte ", offset(), ")")}; }

  const uint8_t* data_;
  std::size_t size_, base_;
  std::string label_;
  std::size_t pos_ = 0;
};

struct TickNote {
  int64_t start, end;
  int pitch, velocity, program, channel, track;
};

/** What a track chunk says about itself besides notes. */
struct TrackFacts {
  std::string name;
  bool named = false;
  std::size_t note_count = 0;
};

/** Everything read from a file, still in ticks (tempos may come from any track). */
struct ParsedSmf {
  int format = 0;
  int ticks_per_quarter = 0;
  std::size_t note_ons = 0;
  std::vector<TickNote> notes;
  std::vector<std::pair<int64_t, uint32_t>> tempos;  // (tick, µs per quarter)
  std::vector<std::pair<int64_t, TimeSignature>> time_signatures;
  std::vector<std::pair<int64_t, KeySignature>> key_signatures;
  std::vector<TrackFacts> tracks;
};

/** Orders (tick, value) pairs; used with stable sorts so file order breaks ties. */
constexpr auto by_tick = [](const auto& a, const auto& b) { return a.first < b.first; };

/** Key signature (sf: sharps > 0, flats < 0; minor flag) → tonic pitch class. */
int tonic_pitch_class(int sharps, bool minor) {
  const int major_tonic = ((sharps * 7) % 12 + 12) % 12;  // each sharp moves a fifth up
  return minor ? (major_tonic + 9) % 12 : major_tonic;    // relative minor: a minor third down
}

/** Reads one MTrk chunk into a ParsedSmf. */
class TrackReader {
 public:
  TrackReader(ParsedSmf& out, int track) : out_(out), track_(track) {}

  void read(Cursor& chunk) {
    bool ended = false;
    while (!ended && !chunk.at_end()) {
      tick_ += chunk.vlq();
      uint8_t status = chunk.peek();
      if (status < 0x80) {
        // Running status: a data byte reuses the last channel status. The spec
        // says meta and sysex events cancel it, but real files rely on it
        // surviving them (mido keeps it too), so only channel events set it.
        if (running_status_ == 0) throw chunk.error("running status with no previous status");
        status = running_status_;
      } else {
        chunk.u8();
      }
      if (status == 0xFF) {
        ended = !meta_event(chunk);
      } else if (status == 0xF0 || status == 0xF7) {
        chunk.take(chunk.vlq());  // sysex: length-prefixed, skipped
      } else if (status > 0xF0) {
        throw chunk.error("system message status byte in a file");
      } else {
        running_status_ = status;
        channel_event(status, chunk);
      }
    }
    close_open_notes();
    out_.tracks.push_back(std::move(facts_));
  }

 private:
  struct OpenNote {
    int64_t start;
    int velocity, program;
  };

  static int data_byte(Cursor& chunk) {
    if (chunk.peek() >= 0x80) throw chunk.error("expected a data byte");
    return chunk.u8();
  }

  void channel_event(uint8_t status, Cursor& chunk) {
    const int kind = status & 0xF0, channel = status & 0x0F;
    const int data1 = data_byte(chunk);
    if (kind == 0xC0) programs_[channel] = data1;
    if (kind == 0xC0 || kind == 0xD0) return;  // program change, channel pressure: one data byte
    const int data2 = data_byte(chunk);
    if (kind == 0x90 && data2 > 0) {
      note_on(channel, data1, data2);
    } else if (kind == 0x80 || kind == 0x90) {
      note_off(channel, data1);
    }
  }

  /** Returns false at End of Track. */
  bool meta_event(Cursor& chunk) {
    const uint8_t type = chunk.u8();
    const uint32_t length = chunk.vlq();
    const uint8_t* data = chunk.take(length);
    if (type == 0x2F) return false;
    if (type == 0x03 && !facts_.named) {
      facts_.name.assign(data, data + length);
      facts_.named = true;
    } else if (type == 0x51 && length >= 3) {
      const uint32_t micros = (uint32_t{data[0]} << 16) | (uint32_t{data[1]} << 8) | data[2];
      if (micros > 0) out_.tempos.push_back({tick_, micros});  // 0 µs would be an infinite tempo
    } else if (type == 0x58 && length >= 2 && data[0] > 0 && data[1] <= 7) {
      out_.time_signatures.push_back({tick_, TimeSignature{0.0, data[0], 1 << data[1]}});
    } else if (type == 0x59 && length >= 2 && data[1] <= 1) {
      const int sharps = static_cast<int8_t>(data[0]);
      const bool minor = data[1] == 1;
      if (sharps >= -7 && sharps <= 7) {
        out_.key_signatures.push_back({tick_, {0.0, tonic_pitch_class(sharps, minor), minor}});
      }
    }
    return true;
  }

  void note_on(int channel, int pitch, int velocity) {
    if (++out_.note_ons > kMaxNotes) throw SmfError{text("more than ", kMaxNotes, " notes")};
    if (open_.empty()) open_.resize(16 * 128);  // lazily: files may hold thousands of empty tracks
    open_[channel * 128 + pitch].push_back({tick_, velocity, programs_[channel]});
  }

  // As pretty_midi's _load_instruments (pretty_midi.py), which note_seq's
  // midi_io uses: a note-off closes every open note of its (channel, pitch)
  // that started before this tick. Notes started on this very tick stay open
  // if an older one was closed (a re-attack written before the old note's
  // off); if nothing older was open they are dropped, as pretty_midi does.
  void note_off(int channel, int pitch) {
    if (open_.empty()) return;  // no note-on yet in this track
    std::vector<OpenNote>& open = open_[channel * 128 + pitch];
    std::vector<OpenNote> keep;
    for (const OpenNote& note : open) {
      if (note.start < tick_) {
        add_note(channel, pitch, note, tick_);
      } else {
        keep.push_back(note);
      }
    }
    open = keep.size() < open.size() ? std::move(keep) : std::vector<OpenNote>{};
  }

  /** Notes never turned off end with the track, lasting at least one tick. */
  void close_open_notes() {
    for (int key = 0; key < static_cast<int>(open_.size()); ++key) {
      for (const OpenNote& note : open_[key]) {
        add_note(key / 128, key % 128, note, std::max(tick_, note.start + 1));
      }
    }
  }

  void add_note(int channel, int pitch, const OpenNote& note, int64_t end) {
    out_.notes.push_back({note.start, end, pitch, note.velocity, note.program, channel, track_});
    ++facts_.note_count;
  }

  ParsedSmf& out_;
  int track_;
  int64_t tick_ = 0;
  uint8_t running_status_ = 0;
  std::array<int, 16> programs_{};           // pretty_midi resets programs to 0 for each track
  std::vector<std::vector<OpenNote>> open_;  // by channel * 128 + pitch
  TrackFacts facts_;
};

/** Checks the MThd chunk; returns the declared number of tracks. */
int read_header(Cursor& file, ParsedSmf& out) {
  if (file.remaining() < 4 || std::memcmp(file.take(4), "MThd", 4) != 0) {
    throw SmfError{"not a Standard MIDI File (it does not start with an 'MThd' header chunk)"};
  }
  const uint32_t length = file.be(4);
  if (length < 6) throw SmfError{text("header chunk is ", length, " bytes, expected 6")};
  Cursor header = file.chunk(length, "header chunk");  // longer headers: the rest is skipped
  out.format = static_cast<int>(header.be(2));
  const int track_count = static_cast<int>(header.be(2));
  const uint32_t division = header.be(2);
  if (out.format == 2) {
    throw SmfError{"MIDI format 2 (independent sequences) is not supported (only formats 0 and 1)"};
  }
  if (out.format > 2) throw SmfError{text("unknown MIDI format ", out.format)};
  if (track_count == 0) throw SmfError{"the header declares no tracks"};
  if (division & 0x8000) {
    throw SmfError{"SMPTE time division is not supported (only ticks per quarter note)"};
  }
  if (division == 0) throw SmfError{"time division is zero ticks per quarter note"};
  const std::size_t room = file.remaining() / 8;  // every track chunk has an 8-byte header
  if (static_cast<std::size_t>(track_count) > room) {
    throw SmfError{
        text("the header declares ", track_count, " tracks but the file has room for at most ", room)};
  }
  out.ticks_per_quarter = static_cast<int>(division);
  return track_count;
}

/** Reads `track_count` MTrk chunks, skipping chunks of other types (SMF 1.0 says to). */
void read_tracks(Cursor& file, int track_count, ParsedSmf& out) {
  for (int found = 0; found < track_count;) {
    if (file.remaining() < 8) {
      throw SmfError{text("the header declares ", track_count, " tracks but the file ends after ", found)};
    }
    const std::size_t start = file.offset();
    const bool is_track = std::memcmp(file.take(4), "MTrk", 4) == 0;
    const uint32_t length = file.be(4);
    Cursor chunk = file.chunk(length, is_track ? text("track ", found) : text("chunk at byte ", start));
    if (is_track) TrackReader(out, found++).read(chunk);
  }
}

/** The tempo map as (tick, seconds, µs per quarter) anchors; converts both ways. */
class TempoMap {
 public:
  struct Anchor {
    int64_t tick;
    double seconds;
    uint32_t micros_per_quarter;
  };

  explicit TempoMap(int ticks_per_quarter) : ticks_per_quarter_(ticks_per_quarter) {
    anchors_.push_back({0, 0.0, kDefaultMicrosPerQuarter});
  }

  /** Sets the tempo from `tick` on; calls come in non-decreasing tick order. */
  void set(int64_t tick, uint32_t micros_per_quarter) {
    if (tick == anchors_.back().tick) {
      anchors_.back().micros_per_quarter = micros_per_quarter;  // same tick: the later one wins
    } else {
      anchors_.push_back({tick, seconds(tick), micros_per_quarter});
    }
  }

  /** Seconds from the start to `tick` (tick >= 0). */
  double seconds(int64_t tick) const {
    const Anchor& a = *std::prev(std::upper_bound(anchors_.begin(), anchors_.end(), tick,
                                                  [](int64_t t, const Anchor& x) { return t < x.tick; }));
    return a.seconds + static_cast<double>(tick - a.tick) * a.micros_per_quarter / (1e6 * ticks_per_quarter_);
  }

  /** The nearest tick to `seconds`, clamped to 0..kMaxTick - 1 (NaN → 0): a note one tick
   *  longer still ends within a 4-byte delta. */
  int64_t ticks(double seconds) const {
    if (!(seconds > 0.0)) return 0;
    const Anchor& a = *std::prev(std::upper_bound(anchors_.begin(), anchors_.end(), seconds,
                                                  [](double s, const Anchor& x) { return s < x.seconds; }));
    const double ticks =
        static_cast<double>(a.tick) + (seconds - a.seconds) * 1e6 * ticks_per_quarter_ / a.micros_per_quarter;
    return ticks >= static_cast<double>(kMaxTick - 1) ? kMaxTick - 1 : std::llround(ticks);
  }

  const std::vector<Anchor>& anchors() const { return anchors_; }

 private:
  int ticks_per_quarter_;
  std::vector<Anchor> anchors_;
};

/** One Track per instrument with notes (program and drum flag of its first note) or a name. */
std::vector<Track> collect_tracks(const ParsedSmf& smf) {
  std::map<int, std::pair<int64_t, Track>> first;  // instrument → (first start, its Track)
  for (const TickNote& note : smf.notes) {
    const int instrument = smf.format == 0 ? note.channel : note.track;
    auto [it, inserted] = first.try_emplace(instrument);
    if (inserted || note.start < it->second.first) {
      it->second = {note.start, Track{instrument, smf.tracks[note.track].name, note.program,
                                      note.channel == kDrumChannel}};
    }
  }
  for (int t = 0; t < static_cast<int>(smf.tracks.size()); ++t) {
    const TrackFacts& facts = smf.tracks[t];
    const int instrument = smf.format == 0 ? 0 : t;
    if (facts.named && facts.note_count == 0) {
      first.try_emplace(instrument, 0, Track{instrument, facts.name, 0, false});
    }
  }
  std::vector<Track> tracks;
  for (const auto& [instrument, entry] : first) tracks.push_back(entry.second);
  return tracks;
}

/** Signatures in tick order, their `time` set in seconds through the tempo map. */
template <class T>
void timed(std::vector<std::pair<int64_t, T>>& in, const TempoMap& map, std::vector<T>& out) {
  std::stable_sort(in.begin(), in.end(), by_tick);
  for (auto [tick, value] : in) {
    value.time = map.seconds(tick);
    out.push_back(value);
  }
}

/** Converts ticks to seconds through the tempo map of all tracks and sorts the notes. */
NoteSequence to_note_sequence(ParsedSmf& smf) {
  std::stable_sort(smf.tempos.begin(), smf.tempos.end(), by_tick);  // later track wins a tie
  TempoMap map(smf.ticks_per_quarter);
  for (const auto& [tick, micros] : smf.tempos) map.set(tick, micros);
  NoteSequence seq;
  seq.ticks_per_quarter = smf.ticks_per_quarter;
  if (!smf.tempos.empty()) {  // a file without tempo events keeps the implied 120 qpm implicit
    for (const TempoMap::Anchor& a : map.anchors()) {
      seq.tempos.push_back({a.seconds, 60e6 / a.micros_per_quarter});
    }
  }
  seq.notes.reserve(smf.notes.size());
  for (const TickNote& n : smf.notes) {
    seq.notes.push_back(Note{n.pitch, n.velocity, map.seconds(n.start), map.seconds(n.end), n.program,
                             smf.format == 0 ? n.channel : n.track, n.channel == kDrumChannel});
  }
  std::stable_sort(seq.notes.begin(), seq.notes.end(), [](const Note& a, const Note& b) {
    return a.start != b.start ? a.start < b.start : a.pitch < b.pitch;
  });
  timed(smf.time_signatures, map, seq.time_signatures);
  timed(smf.key_signatures, map, seq.key_signatures);
  seq.tracks = collect_tracks(smf);
  seq.update_total_time();
  return seq;
}

// ---------------------------------------------------------------- writing --

/** One event of a track being written; `bytes` is the message without its delta time. */
struct Event {
  int64_t tick;
  int rank;           // order at one tick: metas, note-offs, program changes, note-ons
  std::string bytes;  // std::string for its small-buffer: short messages allocate nothing
};

enum Rank { kMeta = 0, kNoteOff = 1, kProgram = 2, kNoteOn = 3 };

/** Appends a variable-length quantity; value <= kMaxTick, so at most 4 bytes. */
void put_vlq(std::string& out, uint32_t value) {
  for (int shift = 21; shift > 0; shift -= 7) {
    if (value >> shift) out.push_back(static_cast<char>(0x80 | ((value >> shift) & 0x7F)));
  }
  out.push_back(static_cast<char>(value & 0x7F));
}

/** A meta event: FF, type, VLQ length, payload. */
Event meta(int64_t tick, uint8_t type, std::string payload) {
  payload.resize(std::min<std::size_t>(payload.size(), kMaxTick));
  std::string bytes{'\xFF', static_cast<char>(type)};
  put_vlq(bytes, static_cast<uint32_t>(payload.size()));
  return {tick, kMeta, bytes + payload};
}

/** A channel message with data bytes clamped to 0..127; data2 < 0 means one data byte. */
Event channel_message(int64_t tick, Rank rank, int status, int data1, int data2 = -1) {
  std::string bytes{static_cast<char>(status), static_cast<char>(std::clamp(data1, 0, 127))};
  if (data2 >= 0) bytes.push_back(static_cast<char>(std::clamp(data2, 0, 127)));
  return {tick, rank, std::move(bytes)};
}

/** The writer's tempo map: the sequence's valid tempos, as rounded µs per quarter. */
TempoMap writer_tempo_map(const NoteSequence& seq, int ticks_per_quarter) {
  std::vector<Tempo> tempos = seq.tempos;
  for (Tempo& tempo : tempos) tempo.time = std::isnan(tempo.time) ? 0.0 : tempo.time;  // sortable
  std::stable_sort(tempos.begin(), tempos.end(),
                   [](const Tempo& a, const Tempo& b) { return a.time < b.time; });
  TempoMap map(ticks_per_quarter);
  for (const Tempo& tempo : tempos) {
    if (!(tempo.qpm > 0.0) || !std::isfinite(tempo.qpm)) continue;
    const double micros = std::clamp(std::round(60e6 / tempo.qpm), 1.0, double{0xFFFFFF});
    map.set(map.ticks(tempo.time), static_cast<uint32_t>(micros));
  }
  return map;
}

/** Key signature tonic and mode → sf, the count of sharps (> 0) or flats (< 0), as a score spells it. */
int sharps_for(int key, bool minor) { return key_fifths({key, minor ? Mode::natural_minor : Mode::major}); }

/** Tempos, time and key signatures, and an optional track name, all at kMeta rank. */
std::vector<Event> conductor_events(const NoteSequence& seq, const TempoMap& map, const std::string& name) {
  std::vector<Event> events;
  if (!name.empty()) events.push_back(meta(0, 0x03, name));
  if (!seq.tempos.empty()) {  // none given: the SMF default of 120 qpm stays implicit
    for (const TempoMap::Anchor& a : map.anchors()) {
      const uint32_t us = a.micros_per_quarter;
      events.push_back(meta(a.tick, 0x51, {char(us >> 16), char(us >> 8), char(us)}));
    }
  }
  for (const TimeSignature& sig : seq.time_signatures) {
    const auto denominator = static_cast<unsigned>(sig.denominator);
    if (sig.numerator < 1 || denominator > 128 || !std::has_single_bit(denominator)) continue;
    // 24 MIDI clocks per metronome click and 8 32nd notes per quarter: the usual values.
    const auto power = static_cast<char>(std::countr_zero(denominator));
    events.push_back(meta(map.ticks(sig.time), 0x58, {char(std::min(sig.numerator, 255)), power, 24, 8}));
  }
  for (const KeySignature& key : seq.key_signatures) {
    events.push_back(
        meta(map.ticks(key.time), 0x59, {char(sharps_for(key.key, key.minor)), char(key.minor)}));
  }
  return events;
}

/** One instrument as the writer lays it out. */
struct InstrumentPlan {
  int instrument = 0;
  std::string name;
  int program = 0;
  bool is_drum = false, has_track = false;
  int channel = 0;
  std::vector<const Note*> notes;
};

/** Instruments with notes or a Track, ascending; a Track's program wins over its notes'. */
std::vector<InstrumentPlan> plan_instruments(const NoteSequence& seq) {
  std::map<int, InstrumentPlan> plans;
  for (const Track& t : seq.tracks) {
    plans[t.instrument] = {t.instrument, t.name, t.program, t.is_drum, true, 0, {}};
  }
  for (const Note& note : seq.notes) {
    InstrumentPlan& plan = plans[note.instrument];
    plan.instrument = note.instrument;
    if (!plan.has_track && plan.notes.empty()) plan.program = note.program;
    plan.is_drum = plan.is_drum || note.is_drum;
    plan.notes.push_back(&note);
  }
  std::vector<InstrumentPlan> result;
  for (auto& [instrument, plan] : plans) result.push_back(std::move(plan));
  return result;
}

/** One channel per instrument, skipping the drum channel; wraps after 15 melodic ones. */
void assign_channels(std::vector<InstrumentPlan>& plans) {
  int melodic = 0;
  for (InstrumentPlan& plan : plans) plan.channel = plan.is_drum ? kDrumChannel : melodic_channel(melodic++);
}

/** Program change, then each note's on and off, with a program change where a note's differs. */
std::vector<Event> instrument_events(const InstrumentPlan& plan, const TempoMap& map) {
  std::vector<std::pair<int64_t, const Note*>> placed;  // sorted by tick: ticks have no NaN
  for (const Note* note : plan.notes) placed.push_back({map.ticks(note->start), note});
  std::stable_sort(placed.begin(), placed.end(), by_tick);
  std::vector<Event> events;
  events.reserve(2 * placed.size() + 1);
  int program = std::clamp(plan.program, 0, 127);
  events.push_back(channel_message(0, kProgram, 0xC0 | plan.channel, program));
  for (const auto& [start, note] : placed) {
    const int64_t end = std::max(map.ticks(note->end), start + 1);  // end <= start: one tick long
    if (std::clamp(note->program, 0, 127) != program) {
      program = std::clamp(note->program, 0, 127);
      events.push_back(channel_message(start, kProgram, 0xC0 | plan.channel, program));
    }
    events.push_back(channel_message(start, kNoteOn, 0x90 | plan.channel, note->pitch,
                                     std::clamp(note->velocity, 1, 127)));  // 0 would mean off
    events.push_back(channel_message(end, kNoteOff, 0x80 | plan.channel, note->pitch, 64));
  }
  return events;
}

/** Appends `value` as `count` big-endian bytes. */
void put_be(std::vector<uint8_t>& out, uint32_t value, int count) {
  for (int i = count - 1; i >= 0; --i) out.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

/** Sorts events and appends them as one MTrk chunk, with running status and End of Track. */
void put_track(std::vector<uint8_t>& out, std::vector<Event>& events) {
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return a.tick != b.tick ? a.tick < b.tick : a.rank < b.rank;
  });
  std::string body;
  int64_t last_tick = 0;
  char running = 0;
  for (const Event& event : events) {
    put_vlq(body, static_cast<uint32_t>(event.tick - last_tick));
    last_tick = event.tick;
    const bool is_channel = static_cast<uint8_t>(event.bytes[0]) < 0xF0;
    body.append(event.bytes, is_channel && event.bytes[0] == running ? 1 : 0);
    running = is_channel ? event.bytes[0] : 0;  // metas cancel running status (SMF 1.0)
  }
  body.append({'\0', '\xFF', '\x2F', '\0'});
  out.insert(out.end(), {'M', 'T', 'r', 'k'});
  put_be(out, static_cast<uint32_t>(body.size()), 4);
  out.insert(out.end(), body.begin(), body.end());
}

/** The refusal for files over kMaxFileBytes. */
Error too_large(const std::string& name, std::uintmax_t size) {
  return Error{text(name, ": file is too large (", size, " bytes; the limit is 64 MiB)")};
}

}  // namespace

Result<NoteSequence> read_midi_bytes(const std::vector<uint8_t>& bytes, const std::string& name) {
  if (bytes.size() > kMaxFileBytes) return too_large(name, bytes.size());
  try {
    ParsedSmf smf;
    Cursor file(bytes.data(), bytes.size(), 0, "file");
    read_tracks(file, read_header(file, smf), smf);
    return to_note_sequence(smf);
  } catch (const SmfError& e) {
    return Error{name + ": " + e.message};
  } catch (const std::bad_alloc&) {
    return Error{name + ": out of memory while reading"};
  } catch (const std::exception& e) {
    return Error{name + ": " + e.what()};
  }
}

Result<NoteSequence> read_midi_file(const std::string& path) {
  std::error_code error;
  const std::uintmax_t size = std::filesystem::file_size(path, error);
  if (error) return Error{path + ": cannot read (" + error.message() + ")"};
  if (size > kMaxFileBytes) return too_large(path, size);
  std::ifstream in(path, std::ios::binary);
  std::vector<uint8_t> bytes(static_cast<std::size_t>(size));
  if (!in || !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) {
    return Error{path + ": cannot read the file"};
  }
  return read_midi_bytes(bytes, path);
}

std::vector<uint8_t> write_midi_bytes(const NoteSequence& seq, const MidiWriteOptions& options) {
  const int format = options.format == 0 ? 0 : 1;
  const int ticks_per_quarter = std::clamp(options.ticks_per_quarter, 1, 0x7FFF);
  const TempoMap map = writer_tempo_map(seq, ticks_per_quarter);
  std::vector<InstrumentPlan> plans = plan_instruments(seq);

  std::string conductor_name;
  if (format == 1 && !plans.empty() && plans[0].instrument == 0 && plans[0].notes.empty()) {
    conductor_name = plans[0].name;  // a read file's named tempo track comes back as track 0
    plans.erase(plans.begin());
  } else if (format == 0) {
    auto named = std::find_if(plans.begin(), plans.end(), [](auto& p) { return !p.name.empty(); });
    if (named != plans.end()) conductor_name = named->name;
  }
  assign_channels(plans);

  std::vector<std::vector<Event>> tracks{conductor_events(seq, map, conductor_name)};
  for (const InstrumentPlan& plan : plans) {
    std::vector<Event> events = instrument_events(plan, map);
    if (format == 1 && !plan.name.empty()) events.push_back(meta(0, 0x03, plan.name));
    if (format == 1 && tracks.size() < kMaxTracks) tracks.emplace_back();
    std::vector<Event>& into = tracks.back();  // past 65,535 tracks, instruments share the last
    into.insert(into.end(), std::make_move_iterator(events.begin()), std::make_move_iterator(events.end()));
  }

  std::vector<uint8_t> out{'M', 'T', 'h', 'd'};
  put_be(out, 6, 4);
  put_be(out, static_cast<uint32_t>(format), 2);
  put_be(out, static_cast<uint32_t>(tracks.size()), 2);
  put_be(out, static_cast<uint32_t>(ticks_per_quarter), 2);
  for (std::vector<Event>& events : tracks) put_track(out, events);
  return out;
}

Status write_midi_file(const NoteSequence& seq, const std::string& path, const MidiWriteOptions& options) {
  if (options.format != 0 && options.format != 1) {
    return Error{text(path, ": cannot write MIDI format ", options.format, " (only 0 or 1)")};
  }
  if (options.ticks_per_quarter < 1 || options.ticks_per_quarter > 0x7FFF) {
    return Error{text(path, ": ticks per quarter must be 1..32767, not ", options.ticks_per_quarter)};
  }
  try {
    const std::vector<uint8_t> bytes = write_midi_bytes(seq, options);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return Error{path + ": cannot open for writing"};
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return Error{path + ": write failed"};
  } catch (const std::bad_alloc&) {
    return Error{path + ": out of memory while writing"};
  }
  return {};
}

}  // namespace musa
