// MusicXML export: valid against the MusicXML schema (xmllint), notes
// spelled in the key with the accidentals a reader expects, ties across bar
// lines and beats, rests, the same notes read back, and MuseScore (when
// installed) plays back the same notes.

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>
#include <fstream>
#include <random>

#include "core/music/musicxml.h"
#include "core/music/smf.h"
#include "core/music/spelling.h"
#include "test_main.h"
#include "tests/musicxml_test_support.h"

using namespace musa;

namespace {

/** A sounding note on the step grid. */
struct GridNote {
  int pitch, start, end;
  friend bool operator==(const GridNote&, const GridNote&) = default;
};

/** The notes a line of events sounds (a note ends at the next event or the end). */
std::vector<GridNote> notes_of(const std::vector<int>& events) {
  std::vector<GridNote> notes;
  for (int step = 0; step < int(events.size()); ++step) {
    const int e = events[size_t(step)];
    if (e == kMelodyNoEvent) continue;
    if (!notes.empty() && notes.back().end < 0) notes.back().end = step;
    if (e >= 0) notes.push_back({e, step, -1});
  }
  if (!notes.empty() && notes.back().end < 0) notes.back().end = int(events.size());
  return notes;
}

/** What one part of a MusicXML file says: its notes (ties joined), each measure's length, printed
 * accidentals. */
struct ReadPart {
  std::vector<GridNote> notes;
  std::vector<int> measure_lengths;
  std::vector<std::string> accidentals;  ///< "E♭4:flat" for each printed accidental
  int fifths = 99;
  std::string mode;
};

std::vector<ReadPart> read_parts(const std::string& xml) {
  std::vector<ReadPart> parts;
  QXmlStreamReader r(QByteArray::fromStdString(xml));
  int position = 0, duration = 0, alter = 0, octave = 0;
  QString step, accidental;
  bool rest = false, tie_stop = false;
  while (!r.atEnd()) {
    r.readNext();
    const QString name = r.name().toString();
    if (r.isStartElement()) {
      if (name == "part") parts.emplace_back(), position = 0;
      if (name == "measure") parts.back().measure_lengths.push_back(0);
      if (name == "note") rest = false, tie_stop = false, alter = 0, accidental.clear();
      if (name == "rest") rest = true;
      if (name == "step") step = r.readElementText();
      if (name == "alter") alter = r.readElementText().toInt();
      if (name == "octave") octave = r.readElementText().toInt();
      if (name == "duration") duration = r.readElementText().toInt();
      if (name == "accidental") accidental = r.readElementText();
      if (name == "tie" && r.attributes().value("type") == QLatin1String("stop")) tie_stop = true;
      if (name == "fifths") parts.back().fifths = r.readElementText().toInt();
      if (name == "mode") parts.back().mode = r.readElementText().toStdString();
    }
    if (r.isEndElement() && name == "note") {
      ReadPart& part = parts.back();
      if (!rest) {
        const SpelledPitch p{char(step.at(0).toLatin1()), alter, octave};
        if (tie_stop)
          part.notes.back().end = position + duration;
        else
          part.notes.push_back({midi_pitch(p), position, position + duration});
        if (!accidental.isEmpty())
          part.accidentals.push_back(spelled_name(p) + std::to_string(octave) + ":" +
                                     accidental.toStdString());
      }
      position += duration;
      part.measure_lengths.back() += duration;
    }
  }
  return parts;
}

/** A random line of `bars` bars: notes of 1–12 steps, some rests, pitches in the key's scale and around it.
 */
std::vector<int> random_line(int bars, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<int> events;
  while (int(events.size()) < bars * kStepsPerBar) {
    const int length = 1 + int(rng() % 12);
    const bool rest = rng() % 6 == 0;
    events.push_back(rest ? kMelodyNoteOff : 55 + int(rng() % 25));
    events.insert(events.end(), size_t(length - 1), kMelodyNoEvent);
  }
  events.resize(size_t(bars * kStepsPerBar));
  return events;
}

}  // namespace

class MusicXmlTest : public QObject {
  Q_OBJECT
 private slots:
  void validAgainstTheSchema_data() {
    QTest::addColumn<int>("bars");
    QTest::addColumn<int>("tonic");
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("parts");
    QTest::newRow("8 bars, C minor") << 8 << 0 << int(Mode::natural_minor) << 1;
    QTest::newRow("16 bars, F# major, 3 parts") << 16 << 6 << int(Mode::major) << 3;
    QTest::newRow("32 bars, D dorian") << 32 << 2 << int(Mode::dorian) << 1;
    QTest::newRow("8 bars, Eb blues, 2 parts") << 8 << 3 << int(Mode::blues) << 2;
    QTest::newRow("12 bars, G# harmonic minor") << 12 << 8 << int(Mode::harmonic_minor) << 1;
  }
  void validAgainstTheSchema() {
    QFETCH(int, bars);
    QFETCH(int, tonic);
    QFETCH(int, mode);
    QFETCH(int, parts);
    if (xmllint().empty()) QFAIL("xmllint not found: install libxml2-utils (./setup.sh test does)");
    std::vector<ScorePart> score;
    for (int i = 0; i < parts; ++i)
      score.push_back(
          {"Take " + std::to_string(i + 1) + " <&>", random_line(bars - i, uint32_t(bars + i)), 40 + i});
    const std::string xml = musicxml_score(score, {"A & B", {tonic, Mode(mode)}, 96});
    QTemporaryDir dir;
    std::string why;
    QVERIFY2(schema_valid(xml, dir, why), why.c_str());
    // The schema really checks: a stray element fails.
    std::string broken = xml;
    broken.insert(broken.find("<voice>"), "<bogus/>");
    QVERIFY(!schema_valid(broken, dir, why));
  }

  void sameNotesReadBackAndWholeBars() {
    const std::vector<int> line = random_line(16, 7);
    const std::vector<int> shorter = random_line(9, 8);
    const std::vector<ScorePart> score = {{"a", line, 0}, {"b", shorter, 0}};
    const std::vector<ReadPart> parts = read_parts(musicxml_score(score, {"t", {5, Mode::mixolydian}, 120}));
    QCOMPARE(parts.size(), size_t(2));
    QCOMPARE(parts[0].notes, notes_of(line));
    QCOMPARE(parts[1].notes, notes_of(shorter));
    for (const ReadPart& part : parts) {
      QCOMPARE(part.measure_lengths, std::vector<int>(16, kStepsPerBar));  // padded to the longest part
      QCOMPARE(part.fifths, -2);  // F mixolydian: B♭ major's signature
      QCOMPARE(part.mode, std::string("mixolydian"));
    }
  }

  void tiesCrossBarLinesAndBeats() {
    // A note from step 12 to 20 (beat 4 into bar 2) and one from 22 to 27 (off the beat, across beat 4).
    std::vector<int> events(32, kMelodyNoEvent);
    events[0] = kMelodyNoteOff, events[12] = 67, events[20] = kMelodyNoteOff, events[22] = 69,
    events[27] = kMelodyNoteOff;
    const std::string xml =
        musicxml_score(std::vector<ScorePart>{{"t", events, 0}}, {"t", {0, Mode::major}, 120});
    const std::string bar2 = xml.substr(xml.find("<measure number=\"2\">"));
    const std::string bar1 = xml.substr(0, xml.find("<measure number=\"2\">"));
    QVERIFY(bar1.find("<tie type=\"start\"/>") != std::string::npos);
    QVERIFY(bar2.find("<tie type=\"stop\"/>") != std::string::npos);
    QVERIFY(bar1.find("<rest/>") != std::string::npos);  // the first three beats
    // G quarter | G quarter, rest eighth, A eighth + A dotted eighth (tied at beat 3), rest 16th + quarter.
    const std::vector<ReadPart> parts = read_parts(xml);
    QCOMPARE(parts[0].notes, (std::vector<GridNote>{{67, 12, 20}, {69, 22, 27}}));
    size_t ties = 0;
    for (size_t at = xml.find("<tied type=\"start\"/>"); at != std::string::npos;
         at = xml.find("<tied type=\"start\"/>", at + 1))
      ++ties;
    QCOMPARE(ties, size_t(2));
  }

  void wholeBarRestsAreMeasureRests() {
    std::vector<int> events(48, kMelodyNoEvent);
    events[0] = 60, events[16] = kMelodyNoteOff, events[32] = 62;  // C whole, a bar of rest, D whole
    const std::string xml =
        musicxml_score(std::vector<ScorePart>{{"t", events, 0}}, {"t", {0, Mode::major}, 120});
    QVERIFY(xml.find("<rest measure=\"yes\"/>") != std::string::npos);
    QVERIFY(xml.find("<type>whole</type>") != std::string::npos);
  }

  void spellsAndMarksAccidentalsInTheKey() {
    // C minor (3 flats): E♭ needs no sign; E natural does, once per bar; the next bar needs it again.
    std::vector<int> events = {63, 64, 64, 63, 64, -1};
    events.resize(16, kMelodyNoEvent);
    events.push_back(64);
    const std::string xml =
        musicxml_score(std::vector<ScorePart>{{"t", events, 0}}, {"t", {0, Mode::natural_minor}, 120});
    const std::vector<ReadPart> parts = read_parts(xml);
    QCOMPARE(parts[0].fifths, -3);
    QCOMPARE(parts[0].mode, std::string("minor"));
    // E♭ (none), E natural (natural), E (none), E♭ (flat again), E (natural again) | E (natural).
    QCOMPARE(parts[0].accidentals,
             (std::vector<std::string>{"E4:natural", "E♭4:flat", "E4:natural", "E4:natural"}));
    QVERIFY(xml.find("<step>D</step>\n          <alter>1</alter>") == std::string::npos);  // never D♯
  }

  void musescoreReadsTheSameNotes() {
    QString mscore = QStandardPaths::findExecutable("mscore3");
    if (mscore.isEmpty()) mscore = QStandardPaths::findExecutable("musescore3");
    if (mscore.isEmpty()) QSKIP("MuseScore 3 (Debian package musescore3) is not installed");
    const std::vector<int> line = random_line(8, 21);
    const std::vector<int> second = random_line(8, 22);
    QTemporaryDir dir;
    const std::string in = dir.filePath("in.musicxml").toStdString(),
                      out = dir.filePath("out.mid").toStdString();
    QVERIFY(write_musicxml_file(std::vector<ScorePart>{{"a", line, 0}, {"b", second, 0}},
                                {"t", {3, Mode::natural_minor}, 120}, in)
                .ok());
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    p.setProcessEnvironment(env);
    p.start(mscore, {"-o", QString::fromStdString(out), QString::fromStdString(in)});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    Result<NoteSequence> back = read_midi_file(out);
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
    // MuseScore plays each part on its own track; at 120 qpm a step is 1/8 s (it ends notes a tick early).
    for (int part = 0; part < 2; ++part) {
      std::vector<GridNote> heard;
      const int instrument = back->notes.empty() ? 0
                                                 : std::min_element(
                                                       back->notes.begin(), back->notes.end(),
                                                       [](const Note& a, const Note& b) {
                                                         return a.instrument < b.instrument;
                                                       })->instrument +
                                                       part;
      for (const Note& n : back->notes)
        if (n.instrument == instrument)
          heard.push_back({n.pitch, int(std::lround(n.start * 8)), int(std::lround(n.end * 8))});
      QCOMPARE(heard, notes_of(part == 0 ? line : second));
    }
  }
};

MUSA_TEST_APPLESS_MAIN(MusicXmlTest)
#include "test_musicxml.moc"
