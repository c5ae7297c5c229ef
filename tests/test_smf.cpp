// Tests for the Standard MIDI File reader and writer (core/music/smf.h).
// Every fixture is built byte by byte here, with its own VLQ and chunk
// helpers, so the tests do not lean on the code under test to make inputs.
// Expected times are derived by hand in the comments: at q µs per quarter
// and P ticks per quarter, one tick lasts q / (1e6 * P) seconds.

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/music/smf.h"
#include "test_main.h"

using musa::KeySignature;
using musa::MidiWriteOptions;
using musa::Note;
using musa::NoteSequence;
using musa::Tempo;
using musa::TimeSignature;
using musa::Track;

namespace {

using Bytes = std::vector<uint8_t>;

Bytes join(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

/** SMF variable-length quantity: 7 bits a byte, most significant first, high bit = more. */
Bytes vlq(uint32_t value) {
  Bytes out{static_cast<uint8_t>(value & 0x7F)};
  while (value >>= 7) out.insert(out.begin(), static_cast<uint8_t>(0x80 | (value & 0x7F)));
  return out;
}

Bytes be(uint32_t value, int count) {
  Bytes out;
  for (int i = count - 1; i >= 0; --i) out.push_back(static_cast<uint8_t>(value >> (8 * i)));
  return out;
}

Bytes chunk(const char* type, const Bytes& body) {
  return join({Bytes(type, type + 4), be(static_cast<uint32_t>(body.size()), 4), body});
}

Bytes header(int format, int track_count, int division) {
  return chunk("MThd", join({be(format, 2), be(track_count, 2), be(division, 2)}));
}

/** A whole file: header plus one MTrk chunk per track body. */
Bytes smf(int format, int division, std::initializer_list<Bytes> tracks) {
  Bytes out = header(format, static_cast<int>(tracks.size()), division);
  for (const Bytes& track : tracks) out = join({out, chunk("MTrk", track)});
  return out;
}

/** A track body: each event is its delta time then its bytes. */
class TrackBytes {
 public:
  TrackBytes& at(uint32_t delta, const Bytes& message) {
    bytes_ = join({bytes_, vlq(delta), message});
    return *this;
  }
  Bytes end(uint32_t delta = 0) { return at(delta, {0xFF, 0x2F, 0x00}).bytes_; }

 private:
  Bytes bytes_;
};

uint8_t u8(int value) { return static_cast<uint8_t>(value); }
Bytes on(int channel, int pitch, int velocity) { return {u8(0x90 | channel), u8(pitch), u8(velocity)}; }
Bytes off(int channel, int pitch) { return {u8(0x80 | channel), u8(pitch), 0x40}; }
Bytes program(int channel, int number) { return {u8(0xC0 | channel), u8(number)}; }
Bytes tempo(uint32_t micros) { return {0xFF, 0x51, 0x03, u8(micros >> 16), u8(micros >> 8), u8(micros)}; }
Bytes timeSignature(int numerator, int power) { return {0xFF, 0x58, 0x04, u8(numerator), u8(power), 24, 8}; }
Bytes keySignature(int sharps, int minor) { return {0xFF, 0x59, 0x02, u8(sharps), u8(minor)}; }
Bytes meta(int type, const std::string& text) {
  return join({{0xFF, u8(type)}, vlq(static_cast<uint32_t>(text.size())), Bytes(text.begin(), text.end())});
}

const char* errorOf(const musa::Result<NoteSequence>& result) {
  return result.ok() ? "" : result.error().c_str();
}

/** A format 1 file using most features: the fixture for prefix and corruption tests. */
Bytes richFile() {
  const Bytes conductor = TrackBytes()
                              .at(0, meta(0x03, "Tempo"))
                              .at(0, tempo(500000))
                              .at(0, timeSignature(3, 2))
                              .at(0, keySignature(-2, 0))
                              .at(960, tempo(400000))
                              .end();
  const Bytes melody = TrackBytes()
                           .at(0, meta(0x03, "Flute"))
                           .at(0, {0xF0, 0x03, 0x7E, 0x7F, 0xF7})
                           .at(0, program(0, 73))
                           .at(0, on(0, 72, 90))
                           .at(240, {74, 80})  // running status
                           .at(240, {72, 0})
                           .at(0, {74, 0})
                           .at(0, meta(0x7F, "vendor"))
                           .end(480);
  const Bytes drums = TrackBytes().at(0, on(9, 36, 100)).at(120, off(9, 36)).end();
  return smf(1, 480, {conductor, melody, drums});
}

}  // namespace

#define COMPARE_NEAR(actual, expected, tolerance)                 \
  QVERIFY2(std::abs((actual) - (expected)) <= (tolerance),        \
           qPrintable(QStringLiteral("%1 is not within %3 of %2") \
                          .arg(actual, 0, 'g', 12)                \
                          .arg(expected, 0, 'g', 12)              \
                          .arg(tolerance)))

class TestSmf : public QObject {
  Q_OBJECT

 private slots:
  void readsFormat0WithChannelsAsInstruments();
  void readsFormat1WithTrackIndexAsInstrument();
  void readsRunningStatus();
  void treatsVelocityZeroNoteOnAsNoteOff();
  void honoursTempoChangesFromAnyTrack();
  void convertsTicksAtAnyResolution_data();
  void convertsTicksAtAnyResolution();
  void closesEveryOpenSamePitchNoteAtNoteOff();
  void keepsReattackStartedOnTheNoteOffTick();
  void skipsSysexAndUnknownMetaEvents();
  void skipsUnknownChunks();
  void readsTimeAndKeySignatures();
  void readsTrackNamesAndPrograms();
  void marksChannel10AsDrums();
  void endsOpenNotesAtTrackEnd();
  void refusesSmpteDivision();
  void refusesMalformedFile_data();
  void refusesMalformedFile();
  void givesErrorForEveryTruncatedPrefix();
  void survivesCorruptedBytes();
  void refusesFilesOver64MiB();
  void readsFileFromDiskAndNamesMissingOne();
  void writesExpectedBytesForOneNote();
  void writesNoteOffBeforeNoteOnAtSameTick();
  void writesChordWithRunningStatus();
  void writesZeroLengthNoteOneTickLong();
  void writesProgramChangeWhenNotesChangeProgram();
  void roundTripsFormat1();
  void roundTripsFormat0();
  void rereadsWrittenFileWithSameInstruments();
  void refusesBadWriteOptionsAndUnwritablePath();
};

void TestSmf::readsFormat0WithChannelsAsInstruments() {
  // 480 ticks per quarter, no tempo event → 120 qpm: 480 ticks = 0.5 s.
  const Bytes track =
      TrackBytes().at(0, on(0, 60, 100)).at(480, off(0, 60)).at(0, on(1, 64, 90)).at(480, off(1, 64)).end();
  const auto result = musa::read_midi_bytes(smf(0, 480, {track}), "f0.mid");
  QVERIFY2(result.ok(), errorOf(result));
  const NoteSequence& seq = result.value();
  QCOMPARE(seq.notes.size(), std::size_t{2});
  QCOMPARE(seq.notes[0], (Note{60, 100, 0.0, 0.5, 0, 0, false}));
  QCOMPARE(seq.notes[1], (Note{64, 90, 0.5, 1.0, 0, 1, false}));  // instrument = channel 1
  QCOMPARE(seq.ticks_per_quarter, 480);
  QVERIFY(seq.tempos.empty());  // no tempo event: the implied 120 qpm stays implicit
  QCOMPARE(seq.total_time, 1.0);
  QCOMPARE(seq.tracks.size(), std::size_t{2});
  QCOMPARE(seq.tracks[1].instrument, 1);
}

void TestSmf::readsFormat1WithTrackIndexAsInstrument() {
  // Both note tracks use channel 0, yet they are instruments 1 and 2: the track index.
  const Bytes conductor = TrackBytes().at(0, tempo(500000)).end();
  const Bytes a = TrackBytes().at(0, on(0, 60, 100)).at(480, off(0, 60)).end();
  const Bytes b = TrackBytes().at(480, on(0, 67, 100)).at(480, off(0, 67)).end();
  const auto result = musa::read_midi_bytes(smf(1, 480, {conductor, a, b}), "f1.mid");
  QVERIFY2(result.ok(), errorOf(result));
  const NoteSequence& seq = result.value();
  QCOMPARE(seq.notes.size(), std::size_t{2});
  QCOMPARE(seq.notes[0], (Note{60, 100, 0.0, 0.5, 0, 1, false}));
  QCOMPARE(seq.notes[1], (Note{67, 100, 0.5, 1.0, 0, 2, false}));
  QCOMPARE(seq.tempos, (std::vector<Tempo>{{0.0, 120.0}}));  // 60e6 / 500000 µs = 120 qpm
  QCOMPARE(seq.tracks.size(), std::size_t{2});               // the unnamed conductor has no notes: no Track
}

void TestSmf::readsRunningStatus() {
  // 90 3C 64 | 240: 3C 00 | 0: 3E 64 | 240: 3E 00 — three events reuse status 0x90.
  // 120 qpm, 480 ticks per quarter: 240 ticks = 0.25 s.
  const Bytes track =
      TrackBytes().at(0, on(0, 60, 100)).at(240, {60, 0}).at(0, {62, 100}).at(240, {62, 0}).end();
  const auto result = musa::read_midi_bytes(smf(0, 480, {track}), "running.mid");
  QVERIFY2(result.ok(), errorOf(result));
  QCOMPARE(result->notes.size(), std::size_t{2});
  QCOMPARE(result->notes[0], (Note{60, 100, 0.0, 0.25, 0, 0, false}));
  QCOMPARE(result->notes[1], (Note{62, 100, 0.25, 0.5, 0, 0, false}));
}

void TestSmf::treatsVelocityZeroNoteOnAsNoteOff() {
  // Full status bytes (no running status): 90 45 50, then 90 45 00 after 960 ticks = 1.0 s.
  const Bytes track = TrackBytes().at(0, on(0, 69, 80)).at(960, on(0, 69, 0)).end();
  const auto result = musa::read_midi_bytes(smf(0, 480, {track}), "vel0.mid");
  QVERIFY2(result.ok(), errorOf(result));
  QCOMPARE(result->notes, (std::vector<Note>{{69, 80, 0.0, 1.0, 0, 0, false}}));
}

void TestSmf::honoursTempoChangesFromAnyTrack() {
  // Track 0 sets 120 qpm at tick 0; track 2 (after the notes' track) sets 240 qpm
  // (250000 µs) at tick 960. Ticks 0..960 at 120 qpm: 2 quarters × 0.5 s = 1.0 s.
  // The second note starts at tick 1440 = 960 + 480: 1.0 + 1 quarter × 0.25 s = 1.25 s,
  // and ends at 1920: 1.0 + 2 × 0.25 = 1.5 s.
  const Bytes conductor = TrackBytes().at(0, tempo(500000)).end();
  const Bytes notes = TrackBytes()
                          .at(0, on(0, 60, 100))
                          .at(480, off(0, 60))
                          .at(960, on(0, 62, 100))
                          .at(480, off(0, 62))
                          .end();
  const Bytes late_tempo = TrackBytes().at(960, tempo(250000)).end();
  const auto result = musa::read_midi_bytes(smf(1, 480, {conductor, notes, late_tempo}), "t.mid");
  QVERIFY2(result.ok(), errorOf(result));
  const NoteSequence& seq = result.value();
  QCOMPARE(seq.notes.size(), std::size_t{2});
  COMPARE_NEAR(seq.notes[0].end, 0.5, 1e-12);
  COMPARE_NEAR(seq.notes[1].start, 1.25, 1e-12);
  COMPARE_NEAR(seq.notes[1].end, 1.5, 1e-12);
  QCOMPARE(seq.tempos.size(), std::size_t{2});
  QCOMPARE(seq.tempos[0], (Tempo{0.0, 120.0}));
  COMPARE_NEAR(seq.tempos[1].time, 1.0, 1e-12);
  COMPARE_NEAR(seq.tempos[1].qpm, 240.0, 1e-9);
  COMPARE_NEAR(seq.total_time, 1.5, 1e-12);
}

void TestSmf::convertsTicksAtAnyResolution_data() {
  QTest::addColumn<int>("ppq");
  QTest::newRow("96 ticks per quarter") << 96;
  QTest::newRow("1024 ticks per quarter") << 1024;
  QTest::newRow("480 ticks per quarter") << 480;
}

void TestSmf::convertsTicksAtAnyResolution() {
  QFETCH(int, ppq);
  // 100 qpm = 600000 µs per quarter = 0.6 s. The note starts one quarter in (0.6 s)
  // and lasts a quarter and a half (0.9 s), so it ends at 1.5 s whatever the PPQ.
  const uint32_t quarter = static_cast<uint32_t>(ppq);
  const Bytes track = TrackBytes()
                          .at(0, tempo(600000))
                          .at(quarter, on(0, 60, 100))
                          .at(quarter + quarter / 2, off(0, 60))
                          .end();
  const auto result = musa::read_midi_bytes(smf(0, ppq, {track}), "ppq.mid");
  QVERIFY2(result.ok(), errorOf(result));
  QCOMPARE(result->ticks_per_quarter, ppq);
  QCOMPARE(result->notes.size(), std::size_t{1});
  COMPARE_NEAR(result->notes[0].start, 0.6, 1e-12);
  COMPARE_NEAR(result->notes[0].end, 1.5, 1e-12);
  COMPARE_NEAR(result->tempos.at(0).qpm, 100.0, 1e-12);
}

void TestSmf::closesEveryOpenSamePitchNoteAtNoteOff() {
  // pretty_midi's rule: on 60 @0, on 60 @240, off 60 @480 closes both open notes
  // (0–480 ticks = 0–0.5 s and 240–480 = 0.25–0.5 s); the off @720 has nothing to close.
  const Bytes track =
      TrackBytes().at(0, on(0, 60, 100)).at(240, on(0, 60, 50)).at(240, off(0, 60)).at(240, off(0, 60)).end();
  const auto result = musa::read_midi_bytes(smf(0, 480, {track}), "overlap.mid");
  QVERIFY2(result.ok(), errorOf(result));
  QCOMPARE(result->notes,
           (std::vector<Note>{{60, 100, 0.0, 0.5, 0, 0, false}, {60, 50, 0.25, 0.5, 0, 0, false}}));
}

void TestSmf::keepsReattackStartedOnTheNoteOffTick() {
  // At tick 480 the file re-attacks 62 before turning the old 62 off. The off closes
  // only the note from tick 0 (0–0.5 s); the one started at 480 runs to the off at
  // 960 (0.5–1.0 s).
  const Bytes track =
      TrackBytes().at(0, on(0, 62, 100)).at(480, on(0, 62, 70)).at(0, off(0, 62)).at(480, off(0, 62)).end();
  const auto result = musa::read_midi_bytes(smf(0, 480, {track}), "reattack.mid");
  QVERIFY2(result.ok(), errorOf(result));
  QCOMPARE(result->notes,
           (std::vector<Note>{{62, 100, 0.0, 0.5, 0, 0, false}, {62, 70, 0.5, 1.0, 0, 0, false}}));
}

void TestSmf::skipsSysexAndUnknownMetaEvents() {
  // A sysex (F0), a 200-byte sysex (length VLQ 81 48), an escape (F7), a text meta, a
  // sequencer-specific meta (7F) and an undefined meta (0x60) all sit between the notes.
  const Bytes long_sysex = join({{0xF0}, vlq(200), Bytes(199, 0x11), {0xF7}});
  const Bytes track = TrackBytes()
                          .at(0, {0xF0, 0x05, 0x7E, 0x7F, 0x09, 0x01, 0xF7})
                          .at(0, on(0, 60, 100))
                          .at(0, long_sysex)
                          .at(0, {0xF7, 0x02, 0xF3, 0x01})
                          .at(0, meta(0x01, "a text event"))
                          .at(0, meta(0x7F, std::string(3, '\x41')))
                          .at(0, meta(0x60, "?"))
                          .at(480, off(0, 60))
                          .end();
  QCOMPARE(vlq(200), (Bytes{0x81, 0x48}));  // 200 = 1 × 128 + 72
  const auto result = musa::read_midi_bytes(smf(0, 480, {track}), "sysex.mid");
  QVERIFY2(result.ok(), errorOf(result));
  QCOMPARE(result->notes, (std::vector<Note>{{60, 100, 0.0, 0.5, 0, 0, false}}));
}

void TestSmf::skipsUnknownChunks() {
  // SMF 1.0: readers skip chunk types they do not know. An "XFIH" chunk sits between
  // the header and the track and is not counted as a track.
  const Bytes track = TrackBytes().at(0, on(0, 60, 100)).at(480, off(0, 60)).end();
  const Bytes bytes = join({header(0, 1, 480), chunk("XFIH", {1, 2, 3, 4, 5}), chunk("MTrk", track)});
  const auto result = musa::read_midi_bytes(bytes, "xf.mid");
  QVERIFY2(result.ok(), errorOf(result));
  QCOMPARE(result->notes.size(), std::size_t{1});
}

void TestSmf::readsTimeAndKeySignatures() {
  // 3/4 (dd = 2: 2^2) and D major (sf = +2: F#, C#; tonic D = 2) at 0;
  // at tick 1440 (3 quarters × 0.5 s = 1.5 s) 6/8 (dd = 3) and C minor
  // (sf = -3: Eb major's relative minor; Eb = 3, minor a third below: C = 0).
  // Then F major (sf = -1, tonic 5) and F# minor (sf = +3: A major's relative, 6) at 1920 (2.0 s).
  const Bytes track = TrackBytes()
                          .at(0, timeSignature(3, 2))
                          .at(0, keySignature(2, 0))
                          .at(1440, timeSignature(6, 3))
                          .at(0, keySignature(-3, 1))
                          .at(480, keySignature(-1, 0))
                          .at(0, keySignature(3, 1))
                          .end();
  const auto result = musa::read_midi_bytes(smf(0, 480, {track}), "sig.mid");
  QVERIFY2(result.ok(), errorOf(result));
  QCOMPARE(result->time_signatures, (std::vector<TimeSignature>{{0.0, 3, 4}, {1.5, 6, 8}}));
  QCOMPARE(result->key_signatures,
           (std::vector<KeySignature>{{0.0, 2, false}, {1.5, 0, true}, {2.0, 5, false}, {2.0, 6, true}}));
}

void TestSmf::readsTrackNamesAndPrograms() {
  // Track 0 is a named conductor without notes; track 1 "Flute" sets program 73 and
  // changes to 74 before its second note; track 2 "Bass" plays program 33 on channel 1.
  const Bytes conductor = TrackBytes().at(0, meta(0x03, "Conductor")).at(0, tempo(500000)).end();
  const Bytes flute = TrackBytes()
                          .at(0, meta(0x03, "Flute"))
                          .at(0, program(0, 73))
                          .at(0, on(0, 72, 100))
                          .at(480, off(0, 72))
                          .at(0, program(0, 74))
                          .at(0, on(0, 74, 100))
                          .at(480, off(0, 74))
                          .end();
  const Bytes bass = TrackBytes()
                         .at(0, meta(0x03, "Bass"))
                         .at(0, program(1, 33))
                         .at(0, on(1, 36, 100))
                         .at(960, off(1, 36))
                         .end();
  const auto result = musa::read_midi_bytes(smf(1, 480, {conductor, flute, bass}), "names.mid");
  QVERIFY2(result.ok(), errorOf(result));
  const NoteSequence& seq = result.value();
  QCOMPARE(seq.tracks,
           (std::vector<Track>{{0, "Conductor", 0, false}, {1, "Flute", 73, false}, {2, "Bass", 33, false}}));
  // Sorted by (start, pitch): bass 36 @0, flute 72 @0, flute 74 @0.5.
  QCOMPARE(seq.notes.size(), std::size_t{3});
  QCOMPARE(seq.notes[0].program, 33);
  QCOMPARE(seq.notes[1].program, 73);
  QCOMPARE(seq.notes[2].program, 74);
  QCOMPARE(seq.notes[2].instrument, 1);
}

void TestSmf::marksChannel10AsDrums() {
  const Bytes track =
      TrackBytes().at(0, on(9, 36, 100)).at(0, on(0, 60, 100)).at(240, off(9, 36)).at(0, off(0, 60)).end();
  const auto result = musa::read_midi_bytes(smf(0, 480, {track}), "drums.mid");
  QVERIFY2(result.ok(), errorOf(result));
  QCOMPARE(result->notes.size(), std::size_t{2});
  QCOMPARE(result->notes[0], (Note{36, 100, 0.0, 0.25, 0, 9, true}));
  QCOMPARE(result->notes[1].is_drum, false);
  QCOMPARE(result->tracks, (std::vector<Track>{{0, "", 0, false}, {9, "", 0, true}}));
}

void TestSmf::endsOpenNotesAtTrackEnd() {
  // Note 60 never ends: it ends with the track at tick 960 (1.0 s). Note 64 starts on
  // the last tick: it lasts one tick, to 961 × 0.5 / 480 s.
  const Bytes track = TrackBytes().at(0, on(0, 60, 100)).at(960, on(0, 64, 100)).end();
  const auto result = musa::read_midi_bytes(smf(0, 480, {track}), "open.mid");
  QVERIFY2(result.ok(), errorOf(result));
  QCOMPARE(result->notes.size(), std::size_t{2});
  COMPARE_NEAR(result->notes[0].end, 1.0, 1e-12);
  COMPARE_NEAR(result->notes[1].start, 1.0, 1e-12);
  COMPARE_NEAR(result->notes[1].end, 961 * 0.5 / 480, 1e-12);
}

void TestSmf::refusesSmpteDivision() {
  // Division 0xE728: top bit set, -25 frames per second, 40 ticks per frame.
  const Bytes track = TrackBytes().at(0, on(0, 60, 100)).end(40);
  const auto result = musa::read_midi_bytes(smf(0, 0xE728, {track}), "smpte.mid");
  QVERIFY(!result.ok());
  QCOMPARE(QString::fromStdString(result.error()),
           QStringLiteral("smpte.mid: SMPTE time division is not supported (only ticks per quarter note)"));
}

void TestSmf::refusesMalformedFile_data() {
  QTest::addColumn<Bytes>("bytes");
  QTest::addColumn<QString>("expected");
  const Bytes note = TrackBytes().at(0, on(0, 60, 100)).at(480, off(0, 60)).end();
  const Bytes riff = {'R', 'I', 'F', 'F', 0, 0, 0, 4, 'R', 'M', 'I', 'D'};
  QTest::newRow("header chunk is not MThd") << riff << QStringLiteral("not a Standard MIDI File");
  QTest::newRow("empty file") << Bytes{} << QStringLiteral("not a Standard MIDI File");
  QTest::newRow("zero tracks") << header(0, 0, 480) << QStringLiteral("declares no tracks");
  QTest::newRow("zero division") << smf(0, 0, {note}) << QStringLiteral("time division is zero");
  QTest::newRow("format 2") << smf(2, 480, {note}) << QStringLiteral("format 2");
  QTest::newRow("unknown format") << smf(7, 480, {note}) << QStringLiteral("unknown MIDI format 7");
  QTest::newRow("header chunk too short")
      << chunk("MThd", {0, 0, 0, 1}) << QStringLiteral("header chunk is 4 bytes");
  QTest::newRow("absurd track count vs file size")
      << join({header(1, 0xFFFF, 480), chunk("MTrk", note)})
      << QStringLiteral("declares 65535 tracks but the file has room for at most 2");
  QTest::newRow("fewer track chunks than declared")
      << join({header(1, 3, 480), chunk("MTrk", note), chunk("XFIH", Bytes(30, 0))})
      << QStringLiteral("declares 3 tracks but the file ends after 1");
  QTest::newRow("truncated track chunk")
      << join({header(0, 1, 480), Bytes{'M', 'T', 'r', 'k', 0, 0, 0, 100}, Bytes(10, 0)})
      << QStringLiteral("track 0 is truncated: it declares 100 bytes but only 10 remain");
  QTest::newRow("event runs past its chunk")
      << smf(0, 480, {Bytes{0x00, 0x90, 0x3C}}) << QStringLiteral("track 0 is truncated");
  QTest::newRow("variable-length quantity longer than 4 bytes")
      << smf(0, 480, {Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x90, 0x3C, 0x64}})
      << QStringLiteral("track 0: variable-length quantity longer than 4 bytes at byte 22");
  QTest::newRow("running status with no previous status")
      << smf(0, 480, {Bytes{0x00, 0x3C, 0x64, 0x00, 0xFF, 0x2F, 0x00}})
      << QStringLiteral("track 0: running status with no previous status at byte 23");
  QTest::newRow("status byte where a data byte belongs")
      << smf(0, 480, {Bytes{0x00, 0x90, 0x3C, 0x90}}) << QStringLiteral("expected a data byte");
  QTest::newRow("sysex longer than its track")
      << smf(0, 480, {Bytes{0x00, 0xF0, 0x8F, 0xFF, 0xFF, 0x7F, 0x01}})
      << QStringLiteral("track 0 is truncated");
}

void TestSmf::refusesMalformedFile() {
  QFETCH(Bytes, bytes);
  QFETCH(QString, expected);
  // Byte offsets in the expectations: the header chunk is 14 bytes and an MTrk chunk
  // header 8, so a track's first event byte is byte 22.
  const auto result = musa::read_midi_bytes(bytes, "bad.mid");
  QVERIFY(!result.ok());
  const QString message = QString::fromStdString(result.error());
  QVERIFY2(message.startsWith(QStringLiteral("bad.mid: ")), qPrintable(message));
  QVERIFY2(message.contains(expected), qPrintable(message));
  QVERIFY(!message.contains(QLatin1Char('\n')));
}

void TestSmf::givesErrorForEveryTruncatedPrefix() {
  // Every proper prefix cuts a chunk short or leaves a declared track missing, so each
  // must give an Error (never a crash); the whole file reads.
  const Bytes file = richFile();
  for (std::size_t size = 0; size < file.size(); ++size) {
    const auto result = musa::read_midi_bytes(Bytes(file.begin(), file.begin() + size), "cut.mid");
    QVERIFY2(!result.ok(), qPrintable(QStringLiteral("prefix of %1 bytes was accepted").arg(size)));
    QVERIFY(result.error().starts_with("cut.mid: "));
  }
  const auto whole = musa::read_midi_bytes(file, "cut.mid");
  QVERIFY2(whole.ok(), errorOf(whole));
  QCOMPARE(whole->notes.size(), std::size_t{3});
}

void TestSmf::survivesCorruptedBytes() {
  // Overwrite 1–4 random bytes of a valid file, many times over: every result must be
  // a clean Error or a sane sequence. (Run under ASan/UBSan to catch what a test cannot.)
  const Bytes file = richFile();
  std::mt19937 random(1234);
  std::uniform_int_distribution<std::size_t> where(0, file.size() - 1);
  std::uniform_int_distribution<int> value(0, 255), count(1, 4);
  for (int round = 0; round < 5000; ++round) {
    Bytes bytes = file;
    for (int i = count(random); i > 0; --i) bytes[where(random)] = static_cast<uint8_t>(value(random));
    const auto result = musa::read_midi_bytes(bytes, "fuzz.mid");
    if (!result.ok()) {
      QVERIFY(result.error().starts_with("fuzz.mid: "));
      continue;
    }
    for (const Note& note : result->notes) {
      QVERIFY(note.pitch >= 0 && note.pitch <= 127 && note.velocity >= 1 && note.velocity <= 127);
      QVERIFY(note.end > note.start && std::isfinite(note.end));
    }
  }
}

void TestSmf::refusesFilesOver64MiB() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  // A sparse file: 64 MiB + 1 byte costs no disk, and must be refused before it is read.
  const std::string path = dir.filePath(QStringLiteral("huge.mid")).toStdString();
  { std::ofstream(path, std::ios::binary) << "MThd"; }
  std::filesystem::resize_file(path, (64u << 20) + 1);
  const auto result = musa::read_midi_file(path);
  QVERIFY(!result.ok());
  QVERIFY2(result.error().starts_with(path + ": file is too large"), result.error().c_str());
  const auto in_memory = musa::read_midi_bytes(Bytes((64u << 20) + 1, 0), "huge.mid");
  QVERIFY(!in_memory.ok());
  QVERIFY(in_memory.error().starts_with("huge.mid: file is too large"));
}

void TestSmf::readsFileFromDiskAndNamesMissingOne() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const std::string path = dir.filePath(QStringLiteral("one.mid")).toStdString();
  NoteSequence seq;
  seq.notes = {{60, 100, 0.0, 0.5, 0, 0, false}};
  const musa::Status written = musa::write_midi_file(seq, path);
  QVERIFY2(written.ok(), written.error().c_str());
  const auto result = musa::read_midi_file(path);
  QVERIFY2(result.ok(), errorOf(result));
  QCOMPARE(result->notes.size(), std::size_t{1});
  const std::string missing = dir.filePath(QStringLiteral("missing.mid")).toStdString();
  const auto absent = musa::read_midi_file(missing);
  QVERIFY(!absent.ok());
  QVERIFY2(absent.error().starts_with(missing + ": cannot read"), absent.error().c_str());
}

void TestSmf::writesExpectedBytesForOneNote() {
  // Format 0, 480 ticks per quarter, 120 qpm, middle C for half a second (480 ticks).
  NoteSequence seq;
  seq.tempos = {{0.0, 120.0}};
  seq.notes = {{60, 100, 0.0, 0.5, 0, 0, false}};
  const Bytes expected = join({
      {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 0, 0, 1, 0x01, 0xE0},  // format 0, 1 track, 480
      {'M', 'T', 'r', 'k', 0, 0, 0, 23},                         // 7 + 3 + 4 + 5 + 4 bytes:
      {0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20},                // tempo 500000 µs = 0x07A120
      {0x00, 0xC0, 0x00},                                        // program 0 on channel 0
      {0x00, 0x90, 0x3C, 0x64},                                  // note-on 60, velocity 100
      {0x83, 0x60, 0x80, 0x3C, 0x40},                            // 480 = 3 × 128 + 96 → 83 60; note-off
      {0x00, 0xFF, 0x2F, 0x00},                                  // end of track
  });
  QCOMPARE(musa::write_midi_bytes(seq, {.format = 0, .ticks_per_quarter = 480}), expected);
}

void TestSmf::writesNoteOffBeforeNoteOnAtSameTick() {
  // Two back-to-back Ds: at tick 480 the first one's off must come before the second's on,
  // or a reader would end the new note at once. Format 1: an empty conductor track first.
  NoteSequence seq;
  seq.notes = {{62, 100, 0.0, 0.5, 0, 0, false}, {62, 100, 0.5, 1.0, 0, 0, false}};
  const Bytes expected = join({
      {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, 0, 2, 0x01, 0xE0},
      {'M', 'T', 'r', 'k', 0, 0, 0, 4, 0x00, 0xFF, 0x2F, 0x00},
      {'M', 'T', 'r', 'k', 0, 0, 0, 25},  // 3 + 4 + 5 + 4 + 5 + 4
      {0x00, 0xC0, 0x00},
      {0x00, 0x90, 0x3E, 0x64},
      {0x83, 0x60, 0x80, 0x3E, 0x40},  // tick 480: off first...
      {0x00, 0x90, 0x3E, 0x64},        // ...then on
      {0x83, 0x60, 0x80, 0x3E, 0x40},
      {0x00, 0xFF, 0x2F, 0x00},
  });
  QCOMPARE(musa::write_midi_bytes(seq), expected);
}

void TestSmf::writesChordWithRunningStatus() {
  // C–E–G for a quarter: after the first note-on, the other two omit the 0x90 status.
  NoteSequence seq;
  seq.notes = {
      {60, 100, 0.0, 0.5, 0, 0, false}, {64, 100, 0.0, 0.5, 0, 0, false}, {67, 100, 0.0, 0.5, 0, 0, false}};
  const Bytes track = musa::write_midi_bytes(seq, {.format = 0});
  const Bytes expected_events = {0x00, 0xC0, 0x00, 0x00, 0x90, 0x3C, 0x64, 0x00, 0x40, 0x64,
                                 0x00, 0x43, 0x64, 0x83, 0x60, 0x80, 0x3C, 0x40, 0x00, 0x40,
                                 0x40, 0x00, 0x43, 0x40, 0x00, 0xFF, 0x2F, 0x00};
  QCOMPARE(Bytes(track.begin() + 22, track.end()), expected_events);
}

void TestSmf::writesZeroLengthNoteOneTickLong() {
  // end == start at 0.5 s → one tick long: 0.5 + 0.5 / 480 s at 120 qpm.
  NoteSequence seq;
  seq.notes = {{60, 100, 0.5, 0.5, 0, 0, false}, {62, 100, 0.5, 0.25, 0, 0, false}};
  const auto result = musa::read_midi_bytes(musa::write_midi_bytes(seq), "short.mid");
  QVERIFY2(result.ok(), errorOf(result));
  QCOMPARE(result->notes.size(), std::size_t{2});
  for (const Note& note : result->notes) COMPARE_NEAR(note.end, 0.5 + 0.5 / 480, 1e-12);
}

void TestSmf::writesProgramChangeWhenNotesChangeProgram() {
  NoteSequence seq;
  seq.notes = {{60, 100, 0.0, 0.5, 10, 0, false}, {62, 100, 0.5, 1.0, 11, 0, false}};
  const auto result = musa::read_midi_bytes(musa::write_midi_bytes(seq), "programs.mid");
  QVERIFY2(result.ok(), errorOf(result));
  QCOMPARE(result->notes.size(), std::size_t{2});
  QCOMPARE(result->notes[0].program, 10);
  QCOMPARE(result->notes[1].program, 11);
}

namespace {

/** A sequence with three instruments, two tempos and off-grid times. */
NoteSequence roundTripFixture() {
  NoteSequence seq;
  seq.tempos = {{0.0, 120.0}, {2.0, 90.0}};
  seq.time_signatures = {{0.0, 4, 4}, {2.0, 6, 8}};
  seq.key_signatures = {{0.0, 2, false}, {2.0, 9, true}};
  seq.tracks = {{0, "Melody", 73, false}, {1, "Bass", 33, false}, {2, "Drums", 0, true}};
  // Sorted by (start, pitch), as the reader returns them.
  seq.notes = {{36, 100, 0.0, 1.0, 33, 1, false},   {72, 90, 0.0, 0.4999, 73, 0, false},
               {42, 80, 0.25, 0.3, 0, 2, true},     {74, 70, 0.5, 1.2345, 73, 0, false},
               {76, 64, 2.3337, 2.9, 73, 0, false}, {38, 127, 2.5, 2.6, 0, 2, true}};
  seq.update_total_time();
  return seq;
}

}  // namespace

// One tick at the slowest tempo (90 qpm, 480 ticks per quarter): 60 / 90 / 480 s.
constexpr double kOneTick = 60.0 / 90.0 / 480.0;

void TestSmf::roundTripsFormat1() {
  const NoteSequence seq = roundTripFixture();
  const auto result = musa::read_midi_bytes(musa::write_midi_bytes(seq, {.format = 1}), "rt1.mid");
  QVERIFY2(result.ok(), errorOf(result));
  const NoteSequence& back = result.value();
  // Track 0 is the conductor, so instrument k comes back as track k + 1.
  QCOMPARE(back.notes.size(), seq.notes.size());
  for (std::size_t i = 0; i < seq.notes.size(); ++i) {
    const Note& a = seq.notes[i];
    const Note& b = back.notes[i];
    QCOMPARE(b.pitch, a.pitch);
    QCOMPARE(b.velocity, a.velocity);
    QCOMPARE(b.program, a.program);
    QCOMPARE(b.is_drum, a.is_drum);
    QCOMPARE(b.instrument, a.instrument + 1);
    COMPARE_NEAR(b.start, a.start, kOneTick);
    COMPARE_NEAR(b.end, a.end, kOneTick);
  }
  QCOMPARE(back.tempos.size(), std::size_t{2});
  COMPARE_NEAR(back.tempos[1].time, 2.0, 1e-12);  // 2 s at 120 qpm = 1920 ticks exactly
  COMPARE_NEAR(back.tempos[1].qpm, 90.0, 1e-3);   // 666667 µs: 89.99996 qpm
  QCOMPARE(back.time_signatures, seq.time_signatures);
  QCOMPARE(back.key_signatures, seq.key_signatures);
  QCOMPARE(back.tracks,
           (std::vector<Track>{{1, "Melody", 73, false}, {2, "Bass", 33, false}, {3, "Drums", 0, true}}));
  QCOMPARE(back.ticks_per_quarter, 480);
}

void TestSmf::roundTripsFormat0() {
  NoteSequence seq = roundTripFixture();
  const auto result = musa::read_midi_bytes(musa::write_midi_bytes(seq, {.format = 0}), "rt0.mid");
  QVERIFY2(result.ok(), errorOf(result));
  const NoteSequence& back = result.value();
  // Instruments 0 and 1 get channels 0 and 1; the drum kit gets channel 9 (instrument 9).
  QCOMPARE(back.notes.size(), seq.notes.size());
  for (std::size_t i = 0; i < seq.notes.size(); ++i) {
    const Note& a = seq.notes[i];
    const Note& b = back.notes[i];
    QCOMPARE(b.pitch, a.pitch);
    QCOMPARE(b.program, a.program);
    QCOMPARE(b.instrument, a.is_drum ? 9 : a.instrument);
    COMPARE_NEAR(b.start, a.start, kOneTick);
    COMPARE_NEAR(b.end, a.end, kOneTick);
  }
  QCOMPARE(back.time_signatures, seq.time_signatures);
  QCOMPARE(back.key_signatures, seq.key_signatures);
  // One track chunk has one name: as in pretty_midi, every instrument it holds takes it.
  QCOMPARE(back.tracks,
           (std::vector<Track>{{0, "Melody", 73, false}, {1, "Melody", 33, false}, {9, "Melody", 0, true}}));
}

void TestSmf::rereadsWrittenFileWithSameInstruments() {
  // A format 1 file with a named conductor track reads as instruments 0 (name only), 1, 2;
  // writing that back and reading it again gives the identical sequence.
  const auto first = musa::read_midi_bytes(richFile(), "rich.mid");
  QVERIFY2(first.ok(), errorOf(first));
  const auto second = musa::read_midi_bytes(musa::write_midi_bytes(first.value()), "again.mid");
  QVERIFY2(second.ok(), errorOf(second));
  QCOMPARE(second->tracks, first->tracks);
  QCOMPARE(second->notes, first->notes);
  QCOMPARE(second->tempos, first->tempos);
  QCOMPARE(second->time_signatures, first->time_signatures);
  QCOMPARE(second->key_signatures, first->key_signatures);
}

void TestSmf::refusesBadWriteOptionsAndUnwritablePath() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const std::string path = dir.filePath(QStringLiteral("out.mid")).toStdString();
  const NoteSequence seq = roundTripFixture();
  QVERIFY(!musa::write_midi_file(seq, path, {.format = 2}).ok());
  QVERIFY(!musa::write_midi_file(seq, path, {.format = 1, .ticks_per_quarter = 0}).ok());
  const std::string unwritable = dir.filePath(QStringLiteral("no/such/dir/out.mid")).toStdString();
  const musa::Status status = musa::write_midi_file(seq, unwritable);
  QVERIFY(!status.ok());
  QVERIFY2(status.error().starts_with(unwritable + ": "), status.error().c_str());
}

MUSA_TEST_APPLESS_MAIN(TestSmf)
#include "test_smf.moc"
