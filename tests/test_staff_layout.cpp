// core/music/staff_layout: a melody as it is written on a staff — values cut
// at bar lines and beats and tied, rests, a silent bar as one rest, the key's
// spelling (E♭ not D♯ in C minor), accidentals once per bar and letter, the
// clef, where notes and the signature sit on the staff.

#include <QtTest>

#include "core/music/melody.h"
#include "core/music/staff_layout.h"
#include "test_main.h"

using namespace musa;

namespace {

const Key kCMinor{0, Mode::natural_minor};
const Key kCMajor{0, Mode::major};

/** The bar's symbols as "pitch/steps" ("r" for a rest, "~" after a tie start), e.g. "63/8~ 63/8". */
QString describe(const StaffBar& bar) {
  QStringList out;
  for (const StaffSymbol& s : bar.symbols)
    out << (s.rest() ? QStringLiteral("r") : QString::number(s.pitch)) + QLatin1Char('/') +
               QString::number(s.steps) + (s.tie_start ? QStringLiteral("~") : QString());
  return out.join(QLatin1Char(' '));
}

}  // namespace

class TestStaffLayout : public QObject {
  Q_OBJECT
 private slots:
  void notesAreTiedAcrossBarLines() {
    // A dotted half, then a half note that starts on beat 4 and crosses the bar line.
    const StaffLayout layout = layout_staff(melody_line({{60, 12}, {62, 8}, {64, 12}}), kCMajor);
    QCOMPARE(int(layout.bars.size()), 2);
    QCOMPARE(describe(layout.bars[0]), QStringLiteral("60/12 62/4~"));
    QCOMPARE(describe(layout.bars[1]), QStringLiteral("62/4 64/12"));
    const StaffSymbol& stop = layout.bars[1].symbols[0];
    QVERIFY(stop.tie_stop && !stop.tie_start);
    QCOMPARE(stop.accidental, kNoAccidental);  // a tied note repeats no accidental
    QVERIFY(layout.bars[0].symbols[0].dotted());
    QCOMPARE(layout.bars[0].symbols[0].base_steps(), 8);
  }

  void valuesRespectTheBeat() {
    // An 8th on the last 16th of beat 1 would hide beat 2: it is written as two tied 16ths.
    const StaffLayout layout = layout_staff(melody_line({{-1, 3}, {67, 2}, {-1, 11}}), kCMajor);
    QCOMPARE(describe(layout.bars[0]), QStringLiteral("r/3 67/1~ 67/1 r/3 r/8"));
  }

  void restsFillTheBarsAndASilentBarIsOneRest() {
    const StaffLayout layout =
        layout_staff(melody_line({{72, 4}, {-1, 12}, {-1, 16}, {74, 4}, {-1, 4}}), kCMajor, 4);
    QCOMPARE(int(layout.bars.size()), 4);
    QCOMPARE(describe(layout.bars[0]), QStringLiteral("72/4 r/12"));
    QCOMPARE(layout.bars[1].symbols.size(), size_t(1));
    QVERIFY(layout.bars[1].symbols[0].whole_bar_rest);
    QCOMPARE(describe(layout.bars[2]), QStringLiteral("74/4 r/12"));
    QVERIFY(layout.bars[3].symbols[0].whole_bar_rest);  // padded to the bars asked for
  }

  void spellingFollowsTheKey() {
    // In C minor E♭, A♭ and B♭ are in the signature: no accidental; B natural (the leading tone) gets one.
    const StaffLayout layout = layout_staff(melody_line({{63, 4}, {68, 4}, {70, 4}, {71, 4}}), kCMinor);
    QCOMPARE(layout.fifths, -3);
    const auto& s = layout.bars[0].symbols;
    QCOMPARE(s[0].spelled, (SpelledPitch{'E', -1, 4}));  // E♭, not D♯
    QCOMPARE(s[1].spelled, (SpelledPitch{'A', -1, 4}));
    QCOMPARE(s[2].spelled, (SpelledPitch{'B', -1, 4}));
    QCOMPARE(s[0].accidental, kNoAccidental);
    QCOMPARE(s[2].accidental, kNoAccidental);
    QCOMPARE(s[3].spelled, (SpelledPitch{'B', 0, 4}));
    QCOMPARE(s[3].accidental, 0);  // a natural sign
    // In C major the same pitch 63 is written E♭ with a flat, once per bar and octave.
    const StaffLayout major =
        layout_staff(melody_line({{63, 4}, {63, 4}, {75, 4}, {64, 4}, {63, 16}}), kCMajor);
    const auto& m = major.bars[0].symbols;
    QCOMPARE(m[0].accidental, -1);
    QCOMPARE(m[1].accidental, kNoAccidental);           // the flat holds to the end of the bar
    QCOMPARE(m[2].accidental, -1);                      // another octave
    QCOMPARE(m[3].accidental, 0);                       // E natural cancels it
    QCOMPARE(major.bars[1].symbols[0].accidental, -1);  // a new bar: written again
  }

  void staffPositionsAndClef() {
    QCOMPARE(staff_step({'E', 0, 4}, Clef::treble), 0);   // the bottom line
    QCOMPARE(staff_step({'F', 1, 5}, Clef::treble), 8);   // the top line
    QCOMPARE(staff_step({'C', 0, 4}, Clef::treble), -2);  // middle C: one ledger line below
    QCOMPARE(staff_step({'G', 0, 2}, Clef::bass), 0);
    QCOMPARE(staff_step({'A', 0, 3}, Clef::bass), 8);
    QCOMPARE(clef_for(melody_line({{72, 4}, {76, 4}})), Clef::treble);
    QCOMPARE(clef_for(melody_line({{40, 4}, {43, 4}})), Clef::bass);
    QCOMPARE(layout_staff(melody_line({{40, 4}}), kCMajor).clef, Clef::bass);
    // C minor's flats: B4, E5, A4 on the treble staff.
    QCOMPARE(signature_steps(-3, Clef::treble), (std::vector<int>{4, 7, 3}));
    QCOMPARE(signature_steps(2, Clef::treble), (std::vector<int>{8, 5}));  // D major: F♯5, C♯5
    QCOMPARE(signature_steps(2, Clef::bass), (std::vector<int>{6, 3}));
    QVERIFY(signature_steps(0, Clef::treble).empty());
  }

  void eighthsAndSixteenthsAreBeamedByBeat() {
    // Beat 1: two 8ths (one beam); beat 2: a dotted 8th and a 16th (one beam); beat 3: an 8th, an 8th
    // rest (no beam: a note alone); beat 4: four 16ths (one beam).
    const StaffLayout layout = layout_staff(
        melody_line(
            {{60, 2}, {62, 2}, {64, 3}, {65, 1}, {67, 2}, {-1, 2}, {69, 1}, {71, 1}, {72, 1}, {74, 1}}),
        kCMajor);
    std::vector<int> beams;
    for (const StaffSymbol& s : layout.bars[0].symbols) beams.push_back(s.beam);
    QCOMPARE(beams, (std::vector<int>{0, 0, 1, 1, -1, -1, 2, 2, 2, 2}));
    // Quarter notes are never beamed.
    const StaffLayout quarters = layout_staff(melody_line({{60, 4}, {62, 4}, {64, 4}, {65, 4}}), kCMajor);
    for (const StaffSymbol& s : quarters.bars[0].symbols) QCOMPARE(s.beam, -1);
  }

  void emptyLineIsOneSilentBar() {
    const StaffLayout layout = layout_staff({}, kCMajor);
    QCOMPARE(int(layout.bars.size()), 1);
    QVERIFY(layout.bars[0].symbols[0].whole_bar_rest);
  }
};

MUSA_TEST_MAIN(TestStaffLayout)
#include "test_staff_layout.moc"
