// Tests of core/music: quantizer, time-change splitting, Melody, the melody extractor.

#include <QtTest>

#include "core/generate/generation.h"
#include "core/music/melody.h"
#include "core/music/melody_extractor.h"
#include "core/music/quantizer.h"
#include "test_main.h"

using namespace musa;

namespace {

constexpr int N = kMelodyNoEvent;
constexpr int OFF = kMelodyNoteOff;

/** A note in 16th steps at 120 qpm (one step = 0.125 s). */
Note step_note(int pitch, double start_step, double end_step, int instrument = 0) {
  return Note{pitch, 100, start_step * 0.125, end_step * 0.125, 0, instrument, false};
}

NoteSequence sequence_of(std::vector<Note> notes) {
  NoteSequence s;
  s.notes = std::move(notes);
  s.tempos.push_back({0.0, 120.0});
  s.update_total_time();
  return s;
}

QuantizedSequence quantized(std::vector<QuantizedNote> notes) {
  QuantizedSequence q;
  q.notes = std::move(notes);
  return q;
}

}  // namespace

class MusicTest : public QObject {
  Q_OBJECT

 private slots:
  void quantizerRoundsAtHalfAStep() {
    // 120 qpm, 4 steps per quarter → 8 steps per second. note_seq: int(x·8 + 0.5).
    NoteSequence s = sequence_of({{60, 90, 0.0624, 0.0626, 0, 0, false},  // 0.499 → 0; 0.5008 → 1
                                  {62, 90, 0.30, 0.31, 0, 0, false}});  // 2.4 → 2, 2.48 → 2 → end bumped to 3
    Result<QuantizedSequence> q = quantize(s, 4);
    QVERIFY(q.ok());
    QCOMPARE(q->notes[0].start_step, 0);
    QCOMPARE(q->notes[0].end_step, 1);
    QCOMPARE(q->notes[1].start_step, 2);
    QCOMPARE(q->notes[1].end_step, 3);  // zero-length after rounding → one step
    QCOMPARE(q->qpm, 120.0);
    QCOMPARE(q->steps_per_bar(), 16.0);
  }

  void quantizerUsesTheTempo() {
    NoteSequence s = sequence_of({{60, 90, 1.0, 1.5, 0, 0, false}});
    s.tempos = {{0.0, 60.0}};  // 60 qpm: 4 steps per second
    Result<QuantizedSequence> q = quantize(s, 4);
    QCOMPARE(q->notes[0].start_step, 4);
    QCOMPARE(q->notes[0].end_step, 6);
  }

  void quantizerRefusesTempoChanges() {
    NoteSequence s = sequence_of({step_note(60, 0, 4)});
    s.tempos.push_back({1.0, 90.0});
    Result<QuantizedSequence> q = quantize(s, 4);
    QVERIFY(!q.ok());
    QVERIFY(q.error().find("tempo change") != std::string::npos);
  }

  void quantizerRefusesMusicLongerThanTheLimit() {
    // Its last step just inside the limit is fine; a step more is refused, before any int overflows.
    const double last = kMaxQuantizedSteps - 1;
    QVERIFY(quantize(sequence_of({step_note(60, 0, last)}), 4).ok());
    QCOMPARE(quantize(sequence_of({step_note(60, 0, last)}), 4)->notes[0].end_step, kMaxQuantizedSteps - 1);
    const Result<QuantizedSequence> q = quantize(sequence_of({step_note(60, 0, last + 1)}), 4);
    QVERIFY(!q.ok());
    QVERIFY2(q.error().find("longer than") != std::string::npos, q.error().c_str());
    QVERIFY(!quantize(sequence_of({step_note(60, 0, 1e12)}), 4).ok());
  }

  void splitsAtTimeChanges() {
    // 2 s at 120 qpm, then 90 qpm; a note across the change is cut there.
    NoteSequence s = sequence_of({step_note(60, 0, 8), step_note(62, 12, 20), step_note(64, 24, 32)});
    s.tempos.push_back({2.0, 90.0});
    s.tempos.push_back({2.5, 90.0});  // no real change: no split
    const auto sections = split_on_time_changes(s);
    QCOMPARE(sections.size(), size_t(2));
    QCOMPARE(sections[0].notes.size(), size_t(2));
    QCOMPARE(sections[0].notes[1].end, 2.0);  // 62 cut at the change (was 2.5 s)
    QCOMPARE(sections[1].initial_qpm(), 90.0);
    QCOMPARE(sections[1].notes[0].start, 3.0 - 2.0);
  }

  void majorKeyTiesGoToLowestKey() {
    // C and G fit C, F and G major (and others) equally → C (0) wins the tie.
    Melody m = Melody::from_events({60, N, 67});
    QCOMPARE(m.major_key(), 0);
    // A major triad plus D, G#: A major (9) beats the rest.
    m = Melody::from_events({69, 73, 76, 74, 68});
    QCOMPARE(m.major_key(), 9);
  }

  void squashCentresAndTransposesToC() {
    // Melody in D major, high: 86 88 90 91 93 (D E F# G A). Key D (2) → C: −2;
    // centre (86+93)/2 = 89.5 → 87.5 after −2; target centre (48+83)/2 = 65.5;
    // round((65.5 − 87.5)/12) = round(−1.83) = −2 octaves → −2 − 24 = −26.
    Melody m = Melody::from_events({86, 88, 90, 91, 93});
    QCOMPARE(m.squash(48, 84, 0), -26);
    QCOMPARE(m.events, (std::vector<int>{60, 62, 64, 65, 67}));
  }

  void transposeFoldsIntoRange() {
    Melody m = Melody::from_events({40, 90, 60});
    m.transpose(0, 48, 84);
    QCOMPARE(m.events, (std::vector<int>{52, 78, 60}));  // 40 → +12; 90 → −12
  }

  void setLengthEndsAHeldNote() {
    Melody m = Melody::from_events({60, N});
    m.set_length(4);
    QCOMPARE(m.events, (std::vector<int>{60, N, OFF, N}));
    Melody leading = Melody::from_events({OFF, 60});
    QCOMPARE(leading.events.front(), N);  // leading NOTE_OFF is just silence
  }

  void melodyToNotesAndBack() {
    Melody m = Melody::from_events({60, N, 62, OFF, N, 64});
    const NoteSequence s = m.to_note_sequence(120.0);
    QCOMPARE(s.notes.size(), size_t(3));
    QCOMPARE(s.notes[0].end, 0.25);   // held 2 steps
    QCOMPARE(s.notes[1].end, 0.375);  // ends at the NOTE_OFF (step 3)
    QCOMPARE(s.notes[2].end, 0.75);   // the end of the melody ends it
    // Back through the quantizer and Magenta's primer extraction: the same events.
    const auto back = extract_melodies(quantize(s, 4).value(), MelodyExtractorOptions::primer());
    QCOMPARE(back->front().events, (std::vector<int>{60, N, 62, OFF, N, 64}));
  }

  void extractorFindsMonophonicMelodyAndSkipsPolyphonicTrack() {
    // Track 0: a line of 29 notes (just over 7 bars) with 7 pitch classes. Track 1: chords (polyphonic) →
    // discarded.
    std::vector<QuantizedNote> notes;
    const int pitches[] = {60, 62, 64, 65, 67, 69, 71};
    for (int i = 0; i < 29; ++i) notes.push_back({pitches[i % 7], 90, 4 * i, 4 * i + 3, 0, 0, false});
    for (int i = 0; i < 28; ++i) {
      notes.push_back({48, 90, 4 * i, 4 * i + 4, 0, 1, false});
      notes.push_back({52, 90, 4 * i, 4 * i + 4, 0, 1, false});
    }
    ExtractionStats stats;
    Result<std::vector<Melody>> r =
        extract_melodies(quantized(notes), MelodyExtractorOptions::training(), &stats);
    QVERIFY(r.ok());
    QCOMPARE(r->size(), size_t(1));
    const Melody& m = r->front();
    QCOMPARE(m.instrument, 0);
    QCOMPARE(m.size(), 115);  // last note ends at step 115; the final NOTE_OFF is stripped
    QCOMPARE(m.events[0], 60);
    QCOMPARE(m.events[3], OFF);
    QCOMPARE(m.events[4], 62);
    QCOMPARE(stats.polyphonic_tracks_discarded, 1);
  }

  void extractorKeepsHighestNoteWhenIgnoringPolyphony() {
    std::vector<QuantizedNote> notes{{48, 90, 0, 4, 0, 0, false},
                                     {64, 90, 0, 4, 0, 0, false},
                                     {50, 90, 4, 8, 0, 0, false},
                                     {55, 90, 4, 8, 0, 0, false}};
    Result<std::vector<Melody>> r = extract_melodies(quantized(notes), MelodyExtractorOptions::primer());
    QCOMPARE(r->front().events, (std::vector<int>{64, N, N, N, 55, N, N, N}));
  }

  void extractorSplitsAtGapsAndAlignsToBars() {
    // A note at step 20 (bar 2), then 2 bars of silence, then notes from step 68.
    std::vector<QuantizedNote> notes{
        {60, 90, 20, 22, 0, 0, false}, {62, 90, 68, 70, 0, 0, false}, {64, 90, 72, 73, 0, 0, false}};
    MelodyExtractorOptions o = MelodyExtractorOptions::training();
    o.min_bars = 0;
    o.min_unique_pitches = 1;
    Result<std::vector<Melody>> r = extract_melodies(quantized(notes), o);
    QCOMPARE(r->size(), size_t(2));
    QCOMPARE(r.value()[0].start_step, 16);  // the bar holding the first note
    QCOMPARE(r.value()[0].events, (std::vector<int>{N, N, N, N, 60, N}));
    QCOMPARE(r.value()[1].start_step, 64);
    QCOMPARE(r.value()[1].events.size(), size_t(9));
  }

  void extractorDropsShortAndMonotoneMelodies() {
    std::vector<QuantizedNote> notes;
    for (int i = 0; i < 40; ++i) notes.push_back({i % 2 ? 60 : 72, 90, 4 * i, 4 * i + 2, 0, 0, false});
    ExtractionStats stats;
    Result<std::vector<Melody>> r =
        extract_melodies(quantized(notes), MelodyExtractorOptions::training(), &stats);
    QVERIFY(r->empty());
    QCOMPARE(stats.discarded_too_few_pitches, 1);  // only pitch class C
    notes.resize(8);
    r = extract_melodies(quantized(notes), MelodyExtractorOptions::training(), &stats);
    QCOMPARE(stats.discarded_too_short, 1);
  }

  void extractorTruncatesAt512Steps() {
    std::vector<QuantizedNote> notes;
    const int pitches[] = {60, 62, 64, 65, 67};
    for (int i = 0; i < 200; ++i) notes.push_back({pitches[i % 5], 90, 4 * i, 4 * i + 4, 0, 0, false});
    Result<std::vector<Melody>> r = extract_melodies(quantized(notes), MelodyExtractorOptions::training());
    QCOMPARE(r->front().size(), 512);
  }

  void extractorCostDoesNotGrowWithEveryLongNote() {
    // Like a fuzzed MIDI file: thousands of notes, one a step, all held to a
    // far end. Each note cuts the one before; the melody is the pitches, then
    // the last note held to the end. Filling and scanning the held steps for
    // every note took minutes here (10,000 notes × 4M steps); now each note
    // costs O(log n) and the 4M steps are written once.
    const int count = 10000, far_end = 1 << 22;
    std::vector<QuantizedNote> notes;
    for (int i = 0; i < count; ++i) notes.push_back({60 + i % 12, 90, i, far_end, 0, 0, false});
    QElapsedTimer timer;
    timer.start();
    Result<std::vector<Melody>> r = extract_melodies(quantized(notes), MelodyExtractorOptions::primer());
    const qint64 ms = timer.elapsed();
    QCOMPARE(r->size(), size_t(1));
    const Melody& m = r->front();
    QCOMPARE(m.size(), far_end);  // the final NOTE_OFF is stripped
    for (int i = 0; i < count; ++i) QCOMPARE(m.events[size_t(i)], 60 + i % 12);
    QVERIFY(std::all_of(m.events.begin() + count, m.events.end(), [](int e) { return e == N; }));
    // Generous: a few ms in Release, well under a second under ASan.
    QVERIFY2(ms < 2000, qPrintable(QStringLiteral("extraction took %1 ms").arg(ms)));
  }

  void truncatedMelodyIsThePrefixOfTheWholeOne() {
    // A truncated melody is written out only as far as it is kept (a fuzzed file held notes for days on
    // many tracks); it must be the whole melody's first steps, with the whole length's consequences:
    // the next melody's search starts after it, and the stats count one truncation.
    std::vector<QuantizedNote> notes;
    for (int i = 0; i < 40; ++i) notes.push_back({60 + i % 7, 90, i * 2, i * 2 + 1, 0, 0, false});
    notes.push_back({72, 90, 80, 1 << 20, 0, 0, false});                     // held for a million steps
    notes.push_back({74, 90, (1 << 20) + 64, (1 << 20) + 80, 0, 0, false});  // after a gap: a second melody
    MelodyExtractorOptions whole = MelodyExtractorOptions::training();
    whole.min_bars = 0;
    whole.min_unique_pitches = 1;
    whole.max_steps_truncate = 0;
    MelodyExtractorOptions cut = whole;
    cut.max_steps_truncate = 512;
    ExtractionStats stats;
    const Result<std::vector<Melody>> full = extract_melodies(quantized(notes), whole);
    const Result<std::vector<Melody>> kept = extract_melodies(quantized(notes), cut, &stats);
    QCOMPARE(full->size(), size_t(2));
    QCOMPARE(kept->size(), size_t(2));
    QCOMPARE(full->front().size(), 1 << 20);
    QCOMPARE(kept->front().events,
             std::vector<int>(full->front().events.begin(), full->front().events.begin() + 512));
    QCOMPARE(kept->back().events, full->back().events);
    QCOMPARE(kept->back().start_step, full->back().start_step);
    QCOMPARE(stats.truncated, 1);
  }

  void extractorRefusesFractionalBars() {
    QuantizedSequence q = quantized({{60, 90, 0, 4, 0, 0, false}});
    q.steps_per_quarter = 3;
    q.numerator = 3;
    q.denominator = 8;  // 4.5 steps per bar
    QVERIFY(!extract_melodies(q, MelodyExtractorOptions::training()).ok());
  }

  void drumsAreNotMelodies() {
    std::vector<QuantizedNote> notes{{36, 90, 0, 1, 0, 0, true}, {38, 90, 4, 5, 0, 0, true}};
    QVERIFY(extract_melodies(quantized(notes), MelodyExtractorOptions::primer())->empty());
  }

  void primerEndsWhereItsLastNoteEnds() {
    // No NOTE_OFF step is added (melody_rnn_generate adds one): a take can start on the next downbeat.
    QCOMPARE(prepare_primer({60}), (std::vector<int>{60}));
    QCOMPARE(prepare_primer({60, N, 62, N}), (std::vector<int>{60, N, 62, N}));
    QCOMPARE(prepare_primer({60, OFF, N, N}), (std::vector<int>{60, OFF}));
    QCOMPARE(prepare_primer({}), (std::vector<int>{N}));
    QVERIFY(ends_with_held_note({60, N}));
    QVERIFY(!ends_with_held_note({60, OFF, N}));
    QVERIFY(!ends_with_held_note({}));
  }

  void takesEndOnABarLine() {
    // One bar of primer + 2 bars: 32 steps from the downbeat after the primer.
    const std::vector<int> one_bar{60, N, N, N, 62, N, N, N, 64, N, N, N, 65, N, N, N};
    QCOMPARE(continuation_steps(one_bar, 2), 32);
    // A quarter note: the rest of its bar (12 steps) + 8 bars.
    QCOMPARE(continuation_steps({60, N, N, N}, 8), 12 + 128);
    // Magenta's default primer [60]: 15 + 16.
    QCOMPARE(continuation_steps({60}, 1), 15 + 16);
    // Silence: the fed rest step is step 0 of exactly `bars` bars.
    QCOMPARE(continuation_steps({}, 4), 63);
    QCOMPARE(continuation_steps({N, N}, 4), 63);
  }
};

MUSA_TEST_APPLESS_MAIN(MusicTest)
#include "test_music.moc"
