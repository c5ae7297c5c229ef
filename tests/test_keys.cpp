// Keys and modes: scales, key estimation on labelled tunes, the scale
// change that brings a take into another mode, and note spelling.

#include <QtTest>

#include "core/generate/key_adaptation.h"
#include "core/music/key.h"
#include "core/music/spelling.h"
#include "test_main.h"

using namespace musa;

namespace {

std::string scale_text(const Key& key) {
  std::string text;
  const std::array<bool, 12> scale = scale_of(key);
  for (int pc = 0; pc < 12; ++pc) text += scale[size_t(pc)] ? "x" : ".";
  return text;
}

/** The 12 pitch classes from the tonic up, as the key writes them. */
std::string spelled_octave(const Key& key) {
  std::string text;
  for (int r = 0; r < 12; ++r) {
    if (r) text += ' ';
    text += spelled_name(spell_pitch(60 + key.tonic + r, key));
  }
  return text;
}

}  // namespace

class KeysTest : public QObject {
  Q_OBJECT
 private slots:
  void everyModeHasItsScale() {
    // Pitch classes C..B of each mode on C, from the scale definitions (Kostka & Payne; Levine).
    QCOMPARE(scale_text({0, Mode::major}), std::string("x.x.xx.x.x.x"));             // C D E F G A B
    QCOMPARE(scale_text({0, Mode::natural_minor}), std::string("x.xx.x.xx.x."));     // C D Eb F G Ab Bb
    QCOMPARE(scale_text({0, Mode::harmonic_minor}), std::string("x.xx.x.xx..x"));    // … Ab B
    QCOMPARE(scale_text({0, Mode::melodic_minor}), std::string("x.xx.x.x.x.x"));     // … A B
    QCOMPARE(scale_text({0, Mode::dorian}), std::string("x.xx.x.x.xx."));            // … A Bb
    QCOMPARE(scale_text({0, Mode::mixolydian}), std::string("x.x.xx.x.xx."));        // … A Bb
    QCOMPARE(scale_text({0, Mode::major_pentatonic}), std::string("x.x.x..x.x.."));  // C D E G A
    QCOMPARE(scale_text({0, Mode::minor_pentatonic}), std::string("x..x.x.x..x."));  // C Eb F G Bb
    QCOMPARE(scale_text({0, Mode::blues}), std::string("x..x.xxx..x."));             // C Eb F Gb G Bb
    // On another tonic the scale moves with it: A natural minor is C major's pitch classes.
    QCOMPARE(scale_of({9, Mode::natural_minor}), scale_of({0, Mode::major}));
    QCOMPARE(int(all_modes().size()), kModeCount);
  }

  void modesHaveNamesAFileCanKeep() {
    for (Mode mode : all_modes()) QCOMPARE(mode_from_id(mode_id(mode)), std::optional<Mode>(mode));
    QCOMPARE(mode_from_id("minor"), std::optional<Mode>(Mode::natural_minor));
    QVERIFY(!mode_from_id("lydian").has_value());
    QCOMPARE(key_name({2, Mode::natural_minor}), std::string("D minor"));
    QCOMPARE(key_name({3, Mode::major}), std::string("E♭ major"));
    QCOMPARE(key_name({9, Mode::dorian}), std::string("A dorian"));
    QCOMPARE(parse_key("Eb", "harmonic_minor"), std::optional<Key>(Key{3, Mode::harmonic_minor}));
    QCOMPARE(parse_key("f#", "blues"), std::optional<Key>(Key{6, Mode::blues}));
    QVERIFY(!parse_key("H", "major").has_value());
    QVERIFY(!parse_key("C", "phrygian").has_value());
  }

  void minorThirdModesAreMinor() {
    for (Mode mode : {Mode::natural_minor, Mode::harmonic_minor, Mode::melodic_minor, Mode::dorian,
                      Mode::minor_pentatonic, Mode::blues})
      QVERIFY(is_minor_mode(mode));
    for (Mode mode : {Mode::major, Mode::mixolydian, Mode::major_pentatonic}) QVERIFY(!is_minor_mode(mode));
  }

  void aClearDMinorPhraseIsDMinor() {
    // D F A B♭ A G E C♯ D: the issue's phrase, which the major-key count called F major.
    const auto phrase =
        melody_line({{62, 4}, {65, 4}, {69, 4}, {70, 4}, {69, 4}, {67, 4}, {64, 4}, {61, 4}, {62, 8}});
    QCOMPARE(estimate_key(phrase), (Key{2, Mode::natural_minor}));
  }

  void labelledTunesGetTheirKeys_data() {
    QTest::addColumn<std::vector<int>>("melody");
    QTest::addColumn<int>("tonic");
    QTest::addColumn<bool>("minor");
    // Folk tunes, written out from memory of the traditional melodies (public domain).
    QTest::newRow("Twinkle, G major") << melody_line({{67, 4},
                                                      {67, 4},
                                                      {74, 4},
                                                      {74, 4},
                                                      {76, 4},
                                                      {76, 4},
                                                      {74, 8},
                                                      {72, 4},
                                                      {72, 4},
                                                      {71, 4},
                                                      {71, 4},
                                                      {69, 4},
                                                      {69, 4},
                                                      {67, 8}})
                                      << 7 << false;
    QTest::newRow("Ode to Joy, D major")
        << melody_line({{66, 4}, {66, 4}, {67, 4}, {69, 4}, {69, 4}, {67, 4}, {66, 4}, {64, 4},
                        {62, 4}, {62, 4}, {64, 4}, {66, 4}, {66, 6}, {64, 2}, {64, 8}, {66, 4},
                        {66, 4}, {67, 4}, {69, 4}, {69, 4}, {67, 4}, {66, 4}, {64, 4}, {62, 4},
                        {62, 4}, {64, 4}, {66, 4}, {64, 6}, {62, 2}, {62, 8}})
        << 2 << false;
    QTest::newRow("Greensleeves, A minor")
        << melody_line({{69, 2}, {72, 4}, {74, 2}, {76, 3}, {77, 1}, {76, 2}, {74, 4},
                        {71, 2}, {67, 3}, {69, 1}, {71, 2}, {72, 4}, {69, 2}, {69, 3},
                        {68, 1}, {69, 2}, {71, 4}, {68, 2}, {64, 4}, {69, 8}})
        << 9 << true;
    QTest::newRow("God Rest Ye Merry, E minor")
        << melody_line({{64, 4}, {64, 4}, {71, 4}, {71, 4}, {69, 4}, {67, 4}, {66, 4},
                        {64, 4}, {62, 4}, {64, 4}, {66, 4}, {67, 4}, {69, 4}, {71, 12},
                        {71, 4}, {72, 4}, {71, 4}, {69, 4}, {67, 4}, {66, 4}, {64, 8}})
        << 4 << true;
    // Pop-like hooks made here: a I–V–vi–IV line in E major and an i–VI–VII line in F♯ minor.
    QTest::newRow("pop hook, E major") << melody_line({{64, 2},
                                                       {68, 2},
                                                       {71, 4},
                                                       {68, 2},
                                                       {66, 2},
                                                       {64, 4},
                                                       {71, 2},
                                                       {73, 2},
                                                       {75, 4},
                                                       {73, 2},
                                                       {71, 6},
                                                       {69, 2},
                                                       {68, 2},
                                                       {66, 4},
                                                       {64, 8}})
                                       << 4 << false;
    QTest::newRow("pop hook, F# minor") << melody_line({{66, 2},
                                                        {69, 2},
                                                        {73, 4},
                                                        {71, 2},
                                                        {69, 2},
                                                        {68, 4},
                                                        {66, 4},
                                                        {74, 2},
                                                        {73, 2},
                                                        {71, 4},
                                                        {69, 4},
                                                        {76, 2},
                                                        {73, 2},
                                                        {68, 4},
                                                        {66, 2},
                                                        {61, 2},
                                                        {66, 8}})
                                        << 6 << true;
  }
  void labelledTunesGetTheirKeys() {
    QFETCH(std::vector<int>, melody);
    QFETCH(int, tonic);
    QFETCH(bool, minor);
    QCOMPARE(estimate_key(melody), (Key{tonic, minor ? Mode::natural_minor : Mode::major}));
  }

  void anEmptyMelodyIsCMajor() { QCOMPARE(estimate_key(std::vector<int>{-2, -2}), (Key{0, Mode::major})); }

  void durationsWeighTheHistogram() {
    // C held 6 steps, a rest of 2, E struck for 2: rests count nothing.
    const auto h = duration_histogram(melody_line({{60, 6}, {-1, 2}, {64, 2}}));
    QCOMPARE(h[0], 6.0);
    QCOMPARE(h[4], 2.0);
    QCOMPARE(std::accumulate(h.begin(), h.end(), 0.0), 8.0);
  }

  void profilesCorrelateWithTheirOwnKey() {
    // A histogram equal to a key's profile correlates 1 with it, less with any other key.
    for (Mode mode : all_modes()) {
      const std::array<double, 12> p = mode_profile(mode);
      std::array<double, 12> rotated{};
      for (int pc = 0; pc < 12; ++pc) rotated[size_t((pc + 5) % 12)] = p[size_t(pc)];
      QVERIFY(std::abs(key_correlation(rotated, {5, mode}) - 1.0) < 1e-12);
      QVERIFY(key_correlation(rotated, {0, mode}) < 0.9);
    }
    // Krumhansl & Kessler's minor profile, untouched (Krumhansl 1990, table 2.1).
    QCOMPARE(mode_profile(Mode::natural_minor)[3], 5.38);
    // Harmonic minor swaps ♭7 and 7 of the minor profile.
    QCOMPARE(mode_profile(Mode::harmonic_minor)[11], 3.34);
    QCOMPARE(mode_profile(Mode::harmonic_minor)[10], 3.17);
  }

  void cMajorToCMinorMovesEAAndB() {
    const ScaleMapping m = scale_mapping({0, Mode::major}, {0, Mode::natural_minor});
    const std::vector<int> c_major =
        melody_line({{60, 1}, {62, 1}, {64, 1}, {65, 1}, {67, 1}, {69, 1}, {71, 1}, {72, 1}});
    const std::vector<int> expected =
        melody_line({{60, 1}, {62, 1}, {63, 1}, {65, 1}, {67, 1}, {68, 1}, {70, 1}, {72, 1}});
    QCOMPARE(map_events(c_major, m), expected);
    // A note outside the scale moves with the degree below it: C♯ stays, B♭ (above A→A♭) becomes A.
    QCOMPARE(map_events({61, 70}, m), (std::vector<int>{61, 69}));
    // Only from `first` on: the primer part stays.
    QCOMPARE(map_events({64, 64}, m, 1), (std::vector<int>{64, 63}));
  }

  void mappingKeepsTheLeadingToneOfHarmonicMinor() {
    const ScaleMapping m = scale_mapping({0, Mode::major}, {0, Mode::harmonic_minor});
    QCOMPARE(map_events({71, 69, 64}, m), (std::vector<int>{71, 68, 63}));  // B stays, A→A♭, E→E♭
  }

  void mappingIntoPentatonicTakesTheNearestNote() {
    // C major → C minor pentatonic (C E♭ F G B♭): D→E♭, E→E♭ (tie: lower), A→B♭, B→B♭ (tie: lower).
    const ScaleMapping m = scale_mapping({0, Mode::major}, {0, Mode::minor_pentatonic});
    QCOMPARE(map_events({60, 62, 64, 65, 67, 69, 71}, m), (std::vector<int>{60, 63, 63, 65, 67, 70, 70}));
  }

  void mappingMovesTheTonic() {
    // C major → D minor: degree for degree, a tone up: C→D, E→F, B→C.
    const ScaleMapping m = scale_mapping({0, Mode::major}, {2, Mode::natural_minor});
    QCOMPARE(map_events({60, 64, 71}, m), (std::vector<int>{62, 65, 72}));
    QVERIFY(scale_mapping({4, Mode::dorian}, {4, Mode::dorian}).identity());
  }

  void offsetsMaskAndBias() {
    const double inf = std::numeric_limits<double>::infinity();
    const Key c_major{0, Mode::major}, c_minor{0, Mode::natural_minor};
    // Stay in C minor, no mapping: E, A, B and the chromatic notes are masked; nothing else changes.
    const auto masked = pitch_class_offsets(c_major, c_minor, true, 0.0, {});
    for (int pc : {1, 4, 6, 9, 11}) QCOMPARE(masked[size_t(pc)], -inf);
    for (int pc : {0, 2, 3, 5, 7, 8, 10}) QCOMPARE(masked[size_t(pc)], 0.0);
    // A bias of 2: +2 on E♭ A♭ B♭ (in C minor, not in C major), −2 outside C minor.
    const auto biased = pitch_class_offsets(c_major, c_minor, false, 2.0, {});
    for (int pc : {3, 8, 10}) QCOMPARE(biased[size_t(pc)], 2.0);
    for (int pc : {1, 4, 6, 9, 11}) QCOMPARE(biased[size_t(pc)], -2.0);
    // With the output mapping the mask is on what the notes become: E becomes E♭, so E is allowed.
    const auto mapped = pitch_class_offsets(c_major, c_minor, true, 0.0, scale_mapping(c_major, c_minor));
    QCOMPARE(mapped[4], 0.0);
    QCOMPARE(mapped[10], -inf);  // B♭ moves with A to A, outside C minor
  }

  void keySignatures_data() {
    QTest::addColumn<int>("tonic");
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("fifths");
    QTest::addColumn<QString>("name");
    // Signatures from the circle of fifths; modal signatures are their parent major's.
    QTest::newRow("C major") << 0 << int(Mode::major) << 0 << "C major";
    QTest::newRow("A minor") << 9 << int(Mode::natural_minor) << 0 << "A minor";
    QTest::newRow("F# major") << 6 << int(Mode::major) << 6 << "F♯ major";
    QTest::newRow("Db major") << 1 << int(Mode::major) << -5 << "D♭ major";
    QTest::newRow("C# minor") << 1 << int(Mode::natural_minor) << 4 << "C♯ minor";
    QTest::newRow("Eb minor") << 3 << int(Mode::natural_minor) << -6 << "E♭ minor";
    QTest::newRow("G# minor") << 8 << int(Mode::harmonic_minor) << 5 << "G♯ harmonic minor";
    QTest::newRow("Bb minor") << 10 << int(Mode::melodic_minor) << -5 << "B♭ melodic minor";
    QTest::newRow("D dorian") << 2 << int(Mode::dorian) << 0 << "D dorian";
    QTest::newRow("A dorian") << 9 << int(Mode::dorian) << 1 << "A dorian";
    QTest::newRow("G mixolydian") << 7 << int(Mode::mixolydian) << 0 << "G mixolydian";
    QTest::newRow("Bb mixolydian") << 10 << int(Mode::mixolydian) << -3 << "B♭ mixolydian";
    QTest::newRow("E minor pentatonic") << 4 << int(Mode::minor_pentatonic) << 1 << "E minor pentatonic";
    QTest::newRow("Eb major pentatonic") << 3 << int(Mode::major_pentatonic) << -3 << "E♭ major pentatonic";
    QTest::newRow("C blues") << 0 << int(Mode::blues) << -3 << "C blues";
  }
  void keySignatures() {
    QFETCH(int, tonic);
    QFETCH(int, mode);
    QFETCH(int, fifths);
    QFETCH(QString, name);
    const Key key{tonic, Mode(mode)};
    QCOMPARE(key_fifths(key), fifths);
    QCOMPARE(QString::fromStdString(key_name(key)), name);
  }

  void signatureAlterations() {
    // Two sharps: F♯ C♯; three flats: B♭ E♭ A♭.
    QCOMPARE(signature_alter(2, 'F'), 1);
    QCOMPARE(signature_alter(2, 'C'), 1);
    QCOMPARE(signature_alter(2, 'G'), 0);
    QCOMPARE(signature_alter(-3, 'A'), -1);
    QCOMPARE(signature_alter(-3, 'D'), 0);
    QCOMPARE(signature_alter(7, 'B'), 1);
    QCOMPARE(signature_alter(-7, 'F'), -1);
    QCOMPARE(signature_alter(0, 'B'), 0);
  }

  void spellingFollowsTheKey_data() {
    QTest::addColumn<int>("tonic");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("octave");
    // The harmonic chromatic scale on each tonic (1 ♭2 2 ♭3 3 4 ♯4 5 ♭6 6 ♭7 7), written out by hand.
    QTest::newRow("C major") << 0 << int(Mode::major) << "C D♭ D E♭ E F F♯ G A♭ A B♭ B";
    QTest::newRow("C minor") << 0 << int(Mode::natural_minor) << "C D♭ D E♭ E F F♯ G A♭ A B♭ B";
    QTest::newRow("E major") << 4 << int(Mode::major) << "E F F♯ G G♯ A A♯ B C C♯ D D♯";
    QTest::newRow("F# major") << 6 << int(Mode::major) << "F♯ G G♯ A A♯ B B♯ C♯ D D♯ E E♯";
    QTest::newRow("Db major") << 1 << int(Mode::major) << "D♭ E𝄫 E♭ F♭ F G♭ G A♭ B𝄫 B♭ C♭ C";
    QTest::newRow("Eb minor") << 3 << int(Mode::natural_minor) << "E♭ F♭ F G♭ G A♭ A B♭ C♭ C D♭ D";
    QTest::newRow("G# harmonic minor")
        << 8 << int(Mode::harmonic_minor) << "G♯ A A♯ B B♯ C♯ C𝄪 D♯ E E♯ F♯ F𝄪";
    QTest::newRow("D dorian") << 2 << int(Mode::dorian) << "D E♭ E F F♯ G G♯ A B♭ B C C♯";
    QTest::newRow("C blues") << 0 << int(Mode::blues) << "C D♭ D E♭ E F G♭ G A♭ A B♭ B";
  }
  void spellingFollowsTheKey() {
    QFETCH(int, tonic);
    QFETCH(int, mode);
    QFETCH(QString, octave);
    QCOMPARE(QString::fromStdString(spelled_octave({tonic, Mode(mode)})), octave);
  }

  void eFlatNotDSharpInCMinor() {
    const SpelledPitch e_flat = spell_pitch(63, {0, Mode::natural_minor});
    QCOMPARE(e_flat, (SpelledPitch{'E', -1, 4}));
    QCOMPARE(midi_pitch(e_flat), 63);
    // B♯3 sounds as C4 and is written in octave 3; C♭5 sounds as B4 and is written in octave 5.
    QCOMPARE(spell_pitch(60, {1, Mode::natural_minor}), (SpelledPitch{'B', 1, 3}));
    QCOMPARE(spell_pitch(71, {3, Mode::natural_minor}), (SpelledPitch{'C', -1, 5}));
    for (int pitch = 0; pitch < 128; ++pitch)
      for (Mode mode : all_modes())
        for (int tonic = 0; tonic < 12; ++tonic)
          QCOMPARE(midi_pitch(spell_pitch(pitch, {tonic, mode})), pitch);
  }
};

MUSA_TEST_APPLESS_MAIN(KeysTest)
#include "test_keys.moc"
