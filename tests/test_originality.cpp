// The originality index: a planted copy is found with its exact length, in
// any transposition; short coincidences and plain figures (one or two pitches) are not; the file survives a
// round trip and a hostile file is refused with its name.

#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "core/generate/originality.h"
#include "core/generate/take_report.h"
#include "test_main.h"

using namespace musa;

namespace {

std::vector<int> concat(std::vector<int> a, const std::vector<int>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

/** A training song: 4 bars of a folk-like line. */
std::vector<int> song() {
  return melody_line({{67, 4}, {72, 2}, {74, 2}, {76, 4}, {74, 2}, {72, 2},  // bar 1
                      {71, 4}, {69, 2}, {71, 2}, {72, 8},                    // bar 2
                      {76, 4}, {77, 2}, {79, 2}, {81, 4}, {79, 2}, {77, 2},  // bar 3
                      {76, 2}, {74, 2}, {72, 4}, {72, 8}});                  // bar 4
}

/** Another training song that shares nothing with the planted part. */
std::vector<int> other_song() {
  return melody_line({{60, 3}, {61, 5}, {59, 3}, {62, 5}, {58, 3}, {63, 5}, {57, 8}, {-1, 8}});
}

OriginalityIndex training_index() {
  OriginalityIndex index;
  index.add("folk/song.mid", song());
  index.add("folk/other.mid", other_song());
  index.finish();
  return index;
}

}  // namespace

class OriginalityTest : public QObject {
  Q_OBJECT
 private slots:
  void findsAPlantedCopyWithItsExactLength() {
    // Bars 2–3 of the song, a fifth lower, between notes that fit nothing in training (wide leaps, odd gaps).
    const std::vector<int> training = song();
    std::vector<int> copy(training.begin() + 16, training.begin() + 48);
    for (int& e : copy) e = e >= 0 ? e - 7 : e;
    const std::vector<int> take =
        concat(concat(melody_line({{40, 5}, {90, 3}}), copy), melody_line({{30, 7}, {100, 5}}));
    const OriginalityMatch m = training_index().longest_match(take);
    // The copy's notes B A B C | E F G A G F: onsets 8 .. 8 + 32 (the note after the copy starts at 40), 32
    // steps.
    QCOMPARE(m.steps, 32);
    QCOMPARE(m.bars(), 2.0);
    QCOMPARE(m.notes, 10);
    QCOMPARE(m.take_step, 8);
    QCOMPARE(m.file, std::string("folk/song.mid"));
  }

  void aCopyCutShortByADifferentRhythmIsShorter() {
    // Bar 1 of the song, then its bar 2 with the last note shortened: the run ends with that note's onset
    // (pitch matches, its length does not), so bar 1 plus B A B = 16 + 8 = 24 steps.
    const std::vector<int> training = song();
    std::vector<int> take(training.begin(), training.begin() + 24);
    take = concat(take, melody_line({{72, 3}, {20, 5}}));
    const OriginalityMatch m = training_index().longest_match(take);
    QCOMPARE(m.steps, 24);
    QCOMPARE(m.notes, 10);
  }

  void shortCoincidencesDoNotCount() {
    // Three notes of the song (G C D with its rhythm) and then nothing alike: fewer than kMinCopiedNotes.
    const std::vector<int> take = melody_line({{67, 4}, {72, 2}, {74, 2}, {20, 7}, {90, 3}});
    const OriginalityMatch m = training_index().longest_match(take);
    QCOMPARE(m.steps, 0);
    QVERIFY(m.file.empty());
  }

  void plainFiguresOfOneOrTwoPitchesAreNotCopies() {
    // A line of held notes, as in many a song's bridge or piano part: A A A A G G E E, a bar each.
    const std::vector<int> held =
        melody_line({{69, 16}, {69, 16}, {69, 16}, {69, 16}, {67, 16}, {67, 16}, {64, 16}, {64, 16}});
    OriginalityIndex index;
    index.add("pop/held.mid", held);
    index.finish();
    // The same six bars of A and G, a tone lower, then a leap away: two pitches, not a copy.
    const std::vector<int> plain =
        melody_line({{67, 16}, {67, 16}, {67, 16}, {67, 16}, {65, 16}, {65, 16}, {40, 5}});
    QCOMPARE(index.longest_match(plain).steps, 0);
    QVERIFY(index.longest_match(plain).file.empty());
    // With the E that follows it is a tune's shape: the whole line, all eight bars from its first note.
    const OriginalityMatch copied = index.longest_match(held);
    QCOMPARE(copied.steps, 128);
    QCOMPARE(copied.notes, 8);
    QCOMPARE(copied.take_step, 0);
    QCOMPARE(copied.file, std::string("pop/held.mid"));
  }

  void onlyNotesFromTheGivenStepCount() {
    // The whole song is a copy of itself; from bar 3 on only bars 3–4 count.
    const OriginalityMatch all = training_index().longest_match(song());
    QCOMPARE(all.steps, 64);
    const OriginalityMatch later = training_index().longest_match(song(), 32);
    QCOMPARE(later.steps, 32);
    QCOMPARE(later.take_step, 32);
  }

  void reportFlagsTakesThatCopy() {
    const OriginalityIndex index = training_index();
    Take copy;
    copy.melody.events = concat(melody_line({{60, 16}}), song());  // a bar of primer, then the whole song
    copy.primer_steps = 16;
    const TakeReport flagged = describe_take(copy, &index);
    QVERIFY(flagged.originality.has_value());
    QCOMPARE(flagged.originality->bars(), 4.0);
    QVERIFY(flagged.copies_training_song());
    Take own = copy;
    own.melody.events = concat(melody_line({{60, 16}}), other_song());
    own.melody.events[16 + 3] = 90;  // other_song is in training too: break it
    const TakeReport fresh = describe_take(own, &index);
    QVERIFY(!fresh.copies_training_song());
    QVERIFY(!describe_take(copy, nullptr).originality.has_value());  // no index: unknown
    const std::vector<TakeReport> reports = {flagged, fresh};
    QCOMPARE(takes_not_copying(reports), (std::vector<int>{1}));
  }

  void savesAndLoads() {
    QTemporaryDir dir;
    const std::string path = dir.filePath("m.safetensors.originality").toStdString();
    const OriginalityIndex index = training_index();
    QVERIFY(index.save(path).ok());
    Result<OriginalityIndex> back = OriginalityIndex::load(path);
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
    QCOMPARE(back->token_count(), index.token_count());
    QCOMPARE(back->melody_count(), size_t(2));
    QCOMPARE(back->file_count(), size_t(2));
    QCOMPARE(back->longest_match(song()).steps, 64);
    QCOMPARE(originality_index_path("a/model.safetensors"), std::string("a/model.safetensors.originality"));
  }

  void fineTunedIndexKeepsTheBaseMelodies() {
    OriginalityIndex tuned;
    tuned.add("mine/new.mid", other_song());
    tuned.add(training_index());
    tuned.finish();
    QCOMPARE(tuned.melody_count(), size_t(3));
    QCOMPARE(tuned.longest_match(song()).file, std::string("folk/song.mid"));
    QCOMPARE(tuned.longest_match(other_song()).steps, training_index().longest_match(other_song()).steps);
  }

  // Fine-tuned on files the base already learned: each file is in the index once.
  void aFileBothIndexesHoldIsKeptOnce() {
    OriginalityIndex tuned;
    tuned.add("folk/other.mid", other_song());
    tuned.add(training_index());  // folk/song.mid and folk/other.mid
    tuned.finish();
    QCOMPARE(tuned.melody_count(), size_t(2));
    QCOMPARE(tuned.file_count(), size_t(2));
    QCOMPARE(tuned.longest_match(song()).file, std::string("folk/song.mid"));
    QCOMPARE(tuned.longest_match(song()).steps, training_index().longest_match(song()).steps);
  }

  void refusesHostileFiles() {
    QTemporaryDir dir;
    const std::string good = dir.filePath("good").toStdString();
    QVERIFY(training_index().save(good).ok());
    std::ifstream in(good, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto variant = [&](const std::string& name, std::string content) {
      const std::string path = dir.filePath(QString::fromStdString(name)).toStdString();
      std::ofstream(path, std::ios::binary) << content;
      return OriginalityIndex::load(path);
    };
    std::string wrong_suffix = bytes;
    wrong_suffix[wrong_suffix.size() - 4] = char(0xFF);  // the last suffix points far outside
    std::string huge_count = bytes;
    huge_count[20] = char(0xFF), huge_count[23] = char(0x7F);  // melodies: ~2 billion
    for (const auto& [name, content] :
         std::vector<std::pair<std::string, std::string>>{{"empty", ""},
                                                          {"magic", "MUSAORIX" + bytes.substr(8)},
                                                          {"truncated", bytes.substr(0, bytes.size() - 3)},
                                                          {"suffix", wrong_suffix},
                                                          {"count", huge_count},
                                                          {"trailing", bytes + "x"}}) {
      const Result<OriginalityIndex> r = variant(name, content);
      QVERIFY2(!r.ok(), name.c_str());
      QVERIFY2(r.error().find(name) != std::string::npos, r.error().c_str());
    }
    QVERIFY(!OriginalityIndex::load(dir.filePath("missing").toStdString()).ok());
  }
};

MUSA_TEST_APPLESS_MAIN(OriginalityTest)
#include "test_originality.moc"
