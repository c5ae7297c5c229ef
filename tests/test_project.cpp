// core/project: the primer conversions, the .musa format (round trip,
// versions, hostile input), take export and primer import — all without a
// window. (The player's timing tests moved to test_playback with the scheduler.)
#include <QtTest>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "core/music/smf.h"
#include "core/project/primer.h"
#include "core/project/primer_import.h"
#include "core/project/project.h"
#include "core/project/settings.h"
#include "core/project/take_export.h"
#include "core/project/take_session.h"
#include "test_main.h"

using namespace musa;

namespace {

SessionTake sessionTake(std::vector<int> events, int primer_steps, bool kept, bool layered, int program) {
  return {take_from_events(std::move(events), primer_steps), kept, layered, program};
}

Project sampleProject() {
  Project p;
  p.primer = {{1, 60, 0, 4, 100}, {2, 64, 4, 2, 90}};
  p.settings.temperature = 0.85;
  p.settings.qpm = 96;
  p.settings.bars = 4;
  p.settings.takes = 3;
  p.settings.key = 7;
  p.settings.mode = Mode::dorian;
  p.settings.stay_in_key = true;
  p.settings.seed_locked = true;
  p.settings.seed = 18446744073709551615ull;  // the largest seed survives JSON
  p.settings.program = 73;
  p.takes = {sessionTake({60, -2, -2, -2, -1, 62, -2, 64}, 5, true, false, -1),
             sessionTake({60, -2, -2, -2, -1, 67, -1, -2}, 5, false, true, 40),
             {}};
  p.takes[0].take.key = Key{2, Mode::dorian};  // made in D dorian
  p.takes[1].take.velocity = 72;               // from a soft primer
  return p;
}

}  // namespace

class ProjectTest : public QObject {
  Q_OBJECT
 private slots:
  // ---- primer ------------------------------------------------------------
  void primerEventsFollowTheNotes() {
    // C quarter, rest, E eighth: 60 hold×3, NOTE_OFF at step 4, 64 at 6 held for 2 steps.
    const std::vector<PrimerNote> notes = {{1, 60, 0, 4, 100}, {2, 64, 6, 2, 100}};
    const std::vector<int> expected = {60, -2, -2, -2, -1, -2, 64, -2};
    QCOMPARE(primer_events(notes), expected);
  }
  void primerEventsStartAtTheFirstNotesBar() {
    const std::vector<PrimerNote> notes = {{1, 62, 18, 2, 100}};  // bar 2, step 2
    const std::vector<int> expected = {-2, -2, 62, -2};
    QCOMPARE(primer_events(notes), expected);
  }
  void primerEventsKeepTheHighestOfSimultaneousNotes() {
    const std::vector<PrimerNote> notes = {{1, 60, 0, 2, 100}, {2, 67, 0, 2, 100}};
    QCOMPARE(primer_events(notes).front(), 67);
  }
  // primer_events reads the grid directly; before, it went through seconds and the quantizer
  // (primer_from_notes(primer_to_sequence(notes, 120))). Each expected value below is what that
  // path returned for the same notes, and the reasoning gives it by hand.
  void primerEventsLetALaterNoteCutTheOneItOverlaps() {
    // C 0..8, E 4..6: E starts inside C, so C ends at 4; E's NOTE_OFF at 6 is the last event, dropped.
    const std::vector<PrimerNote> notes = {{1, 60, 0, 8, 100}, {2, 64, 4, 2, 100}};
    QCOMPARE(primer_events(notes), (std::vector<int>{60, -2, -2, -2, 64, -2}));
  }
  void primerEventsKeepTheHighestEvenWhenALowerOneIsLonger() {
    // At step 4 C5 (72, 2 steps) and E4 (64, 6 steps) start together: the highest wins, E is ignored.
    const std::vector<PrimerNote> notes = {{1, 72, 4, 2, 100}, {2, 64, 4, 6, 100}, {3, 60, 0, 4, 100}};
    QCOMPARE(primer_events(notes), (std::vector<int>{60, -2, -2, -2, 72, -2}));
  }
  void primerEventsSortTheNotesAndStartAtTheirBar() {
    // Listed backwards in bar 3 (steps 32..47): D 33..34, F 36..38, G 40..44, from step 32 on.
    const std::vector<PrimerNote> notes = {{1, 67, 40, 4, 100}, {2, 65, 36, 2, 100}, {3, 62, 33, 1, 100}};
    QCOMPARE(primer_events(notes), (std::vector<int>{-2, 62, -1, -2, 65, -2, -1, -2, 67, -2, -2, -2}));
  }
  void primerEventsKeepSilencesWithinThePrimer() {
    // C 0..4, D 4..8 (touching: no NOTE_OFF between), silence 8..20, E 20..23.
    const std::vector<PrimerNote> notes = {{1, 60, 0, 4, 100}, {2, 62, 4, 4, 100}, {3, 64, 20, 3, 100}};
    std::vector<int> expected(23, -2);
    expected[0] = 60;
    expected[4] = 62;
    expected[8] = -1;
    expected[20] = 64;
    QCOMPARE(primer_events(notes), expected);
  }
  void primerEventsLeaveOutNotesThatCannotSound() {
    // No length and pitch 200 go; velocity 0 still sounds (it was clamped to 1). D 17..20, bar 2.
    const std::vector<PrimerNote> notes = {{1, 60, 0, 0, 100}, {2, 200, 2, 2, 100}, {3, 62, 17, 3, 0}};
    QCOMPARE(primer_events(notes), (std::vector<int>{-2, 62, -2, -2}));
  }
  void primerEventsResumeAfterAShorterNoteInside() {
    // C 0..16 is cut by G at 2 (G 2..4, then silence); the C does not come back; E 8..10.
    const std::vector<PrimerNote> notes = {{1, 60, 0, 16, 100}, {2, 67, 2, 2, 100}, {3, 64, 8, 2, 100}};
    QCOMPARE(primer_events(notes), (std::vector<int>{60, -2, 67, -2, -1, -2, -2, -2, 64, -2}));
  }
  void primerKeyIsEstimatedFromTheGridEvents() {
    // G A B C D F#: only G major holds all six (D major has C#), so G (7).
    std::vector<PrimerNote> notes = {{1, 67, 0, 2, 100}, {2, 69, 2, 2, 100}, {3, 71, 4, 2, 100},
                                     {4, 72, 6, 2, 100}, {5, 74, 8, 4, 100}, {6, 66, 12, 4, 100}};
    QCOMPARE(primer_major_key(notes), 7);
    // Without the C, D major holds all five as well and ties go to the lowest key: D (2).
    notes.erase(notes.begin() + 3);
    QCOMPARE(primer_major_key(notes), 2);
    QCOMPARE(primer_major_key({}), 0);
  }
  void notesFromEventsRoundTrip() {
    const std::vector<int> events = {60, -2, -1, 62, 64, -2, -2, -1};
    const auto notes = primer_notes_from_events(events, 10);
    QCOMPARE(notes.size(), size_t(3));
    QCOMPARE(notes[0], (PrimerNote{10, 60, 0, 2, 100}));
    QCOMPARE(notes[1], (PrimerNote{11, 62, 3, 1, 100}));
    QCOMPARE(notes[2], (PrimerNote{12, 64, 4, 3, 100}));
  }
  void monophonicCutShortensEarlierAndRemovesLaterNotes() {
    const std::vector<PrimerNote> notes = {{1, 60, 0, 8, 100}, {2, 62, 6, 2, 100}, {3, 64, 12, 4, 100}};
    const MonophonicCut cut = monophonic_cut(notes, {4, 67, 4, 6, 100});  // steps 4..9
    QCOMPARE(cut.shortened.size(), size_t(1));
    QCOMPARE(cut.shortened[0].length, 4);
    QCOMPARE(cut.removed.size(), size_t(1));
    QCOMPARE(cut.removed[0].id, 2);
  }
  void requestFollowsTheSettings() {
    GenerationSettings s;
    s.bars = 4;
    s.takes = 3;
    s.key = 9;
    s.mode = Mode::natural_minor;
    const GenerationRequest r = make_request({{1, 60, 0, 4, 100}}, s, 99);
    QCOMPARE(r.steps_to_generate, 12 + 64);  // the quarter note's bar filled, then 4 bars
    QCOMPARE(r.num_takes, 3);
    QCOMPARE(r.seed, uint64_t(99));
    QVERIFY(r.key.has_value());
    QCOMPARE(*r.key, (Key{9, Mode::natural_minor}));
    QVERIFY(!make_request({}, GenerationSettings{}, 1).key.has_value());  // Auto
  }

  void recordedVelocitiesReachTheNotes() {
    const std::vector<int> velocities = {70, 0, 0, 0, 0, 112};
    const auto notes = primer_notes_from_events({60, -2, -2, -2, -1, 62, -2}, 1, 0, velocities);
    QCOMPARE(notes.size(), size_t(2));
    QCOMPARE(notes[0].velocity, 70);
    QCOMPARE(notes[1].velocity, 112);
    QCOMPARE(primer_notes_from_events({60, -2, 62}, 1)[1].velocity, 100);  // none given: 100
  }
  void requestCarriesThePrimersAverageVelocity() {
    QCOMPARE(make_request({{1, 60, 0, 4, 40}, {2, 62, 4, 4, 61}}, GenerationSettings{}, 1).velocity,
             51);                                                       // 50.5 → 51
    QCOMPARE(make_request({}, GenerationSettings{}, 1).velocity, 100);  // silence: the default
    QCOMPARE(average_velocity({{1, 60, 0, 4, 127}, {2, 60, 4, 4, 127}}), 127);
  }
  void velocityChangeStaysInMidisRange() {
    const auto louder = with_velocity_change({{1, 60, 0, 4, 120}, {2, 62, 4, 4, 30}}, 20);
    QCOMPARE(louder[0].velocity, 127);
    QCOMPARE(louder[1].velocity, 50);
    QCOMPARE(with_velocity_change({{1, 60, 0, 4, 10}}, -50)[0].velocity, 1);
  }

  // ---- copy, paste, quantize ----------------------------------------------------
  void pastedNotesKeepTheirShapeAtTheNewPlace() {
    const std::vector<PrimerNote> copied = {{7, 64, 6, 2, 90}, {3, 60, 4, 2, 80}};
    const auto pasted = pasted_notes(copied, 16, 20);
    QCOMPARE(pasted.size(), size_t(2));
    QCOMPARE(
        (std::tuple{pasted[0].id, pasted[0].pitch, pasted[0].start, pasted[0].length, pasted[0].velocity}),
        (std::tuple{20, 64, 18, 2, 90}));
    QCOMPARE((std::tuple{pasted[1].id, pasted[1].start}), (std::tuple{21, 16}));  // the earliest lands at 16
    QVERIFY(pasted_notes({}, 4, 1).empty());
  }
  void pastingIntoAMonophonicPrimerCutsWhatItOverlaps() {
    // C 0..8 is shortened at the first pasted note (4); E 5..7 starts under it and goes.
    const std::vector<PrimerNote> notes = {{1, 60, 0, 8, 100}, {2, 64, 5, 2, 100}, {3, 67, 12, 4, 100}};
    const MonophonicCut cut =
        monophonic_cut(notes, std::vector<PrimerNote>{{10, 62, 4, 2, 100}, {11, 65, 6, 2, 100}});
    QCOMPARE(cut.shortened.size(), size_t(1));
    QCOMPARE((std::tuple{cut.shortened[0].id, cut.shortened[0].length}), (std::tuple{1, 4}));
    QCOMPARE(cut.removed.size(), size_t(1));
    QCOMPARE(cut.removed[0].id, 2);
  }
  void quantizeSnapsToTheGridHalfUp() {
    // A recorded line, slightly off the 8th grid: starts 1, 3, 7 and 10 → 2, 4, 8, 10.
    const std::vector<PrimerNote> notes = {
        {1, 60, 1, 2, 70}, {2, 62, 3, 3, 80}, {3, 64, 7, 2, 90}, {4, 65, 10, 1, 100}};
    const auto q = quantize_notes(notes, 2, true);
    QCOMPARE(q.size(), size_t(4));
    QCOMPARE((std::tuple{q[0].start, q[0].length, q[0].id, q[0].velocity}), (std::tuple{2, 2, 1, 70}));
    QCOMPARE((std::tuple{q[1].start, q[1].length}), (std::tuple{4, 2}));  // ended at 6
    QCOMPARE((std::tuple{q[2].start, q[2].length}), (std::tuple{8, 2}));
    QCOMPARE((std::tuple{q[3].start, q[3].length}), (std::tuple{10, 2}));  // at least one 8th long
    QCOMPARE(quantize_notes(notes, 1, true), notes);                       // the primer is on 16ths already
    // To quarters: starts 1, 3, 7, 10 → 0, 4, 8, 12, each a quarter long.
    const auto quarters = quantize_notes(notes, 4, true);
    QCOMPARE(quarters.size(), size_t(4));
    for (int i = 0; i < 4; ++i)
      QCOMPARE((std::tuple{quarters[size_t(i)].start, quarters[size_t(i)].length}), (std::tuple{4 * i, 4}));
  }
  void quantizeKeepsTheHighestOfNotesLandingTogether() {
    // To 8ths a start of 1 rounds half up to 2: C 0..2 and G 2..4 stay apart.
    const std::vector<PrimerNote> notes = {{1, 60, 0, 2, 100}, {2, 67, 1, 1, 100}};
    QCOMPARE(quantize_notes(notes, 2, true).size(), size_t(2));
    // To quarters all three start at 0.
    const std::vector<PrimerNote> together = {{1, 60, 0, 2, 100}, {2, 67, 0, 1, 100}, {3, 67, 1, 7, 100}};
    const auto kept = quantize_notes(together, 4, true);
    QCOMPARE(kept.size(), size_t(1));
    QCOMPARE(kept[0].pitch, 67);
    const auto poly =
        quantize_notes(together, 4, false);  // a chord stays; the duplicate G goes, the longer kept
    QCOMPARE(poly.size(), size_t(2));
    QCOMPARE((std::tuple{poly[1].pitch, poly[1].id, poly[1].length}), (std::tuple{67, 3, 8}));
  }

  // ---- project file --------------------------------------------------------
  void projectRoundTripsThroughJson() {
    const Project p = sampleProject();
    const auto back = project_from_json(project_to_json(p), "x.musa");
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
    // Ids are renumbered on load; everything else survives.
    QCOMPARE(back->settings, p.settings);
    QCOMPARE(back->takes, p.takes);
    QCOMPARE(back->primer.size(), p.primer.size());
    for (size_t i = 0; i < p.primer.size(); ++i) {
      QCOMPARE(back->primer[i].pitch, p.primer[i].pitch);
      QCOMPARE(back->primer[i].length, p.primer[i].length);
    }
  }
  void projectSavesAndLoadsAtomically() {
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("song.musa")).toStdString();
    QVERIFY(save_project(sampleProject(), path).ok());
    const auto loaded = load_project(path);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->takes, sampleProject().takes);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);  // no temporary left behind
  }
  void takeLikelihoodRoundTrips() {
    Project p = sampleProject();
    p.takes[0].take.log_likelihood = -123.456789012345678;
    const auto back = project_from_json(project_to_json(p), "x.musa");
    QVERIFY(back.ok());
    QCOMPARE(back->takes[0].take.log_likelihood, p.takes[0].take.log_likelihood);
  }
  void projectFromBeforeTheLikelihoodLoads() {
    // A take as builds before TakeSession wrote it: no "log_likelihood".
    const std::string old_file = R"({"format": "musa-project", "version": 1, "primer": [],
      "settings": {"temperature": 1.0, "qpm": 120.0, "bars": 8, "takes": 2, "key": -1, "minor": false,
                   "stay_in_key": false, "seed_locked": false, "seed": 0, "program": 0},
      "takes": [{"events": [-1, 60, -2], "primer_steps": 1, "kept": true, "layered": false, "program": 40},
                {"events": [], "primer_steps": 0, "kept": false, "layered": false, "program": -1}]})";
    const auto project = project_from_json(old_file, "old.musa");
    QVERIFY2(project.ok(), project.ok() ? "" : project.error().c_str());
    QCOMPARE(project->takes.size(), size_t(2));
    QCOMPARE(project->takes[0].take.melody.events, (std::vector<int>{-1, 60, -2}));  // as stored
    QCOMPARE(project->takes[0].take.primer_steps, 1);
    QCOMPARE(project->takes[0].take.log_likelihood, 0.0);
    QVERIFY(project->takes[0].kept);
    QCOMPARE(project->takes[0].program, 40);
    QVERIFY(project->takes[1].empty());
  }
  void modelRoundTripsAndIsOptional() {
    Project p = sampleProject();
    p.model = "/home/me/models/folk.mag";
    const auto back = project_from_json(project_to_json(p), "x.musa");
    QVERIFY(back.ok());
    QCOMPARE(back->model, p.model);
    // Not recorded: not written, and a file without it (every older one) reads as "not recorded".
    const std::string without = project_to_json(sampleProject());
    QVERIFY(without.find("\"model\"") == std::string::npos);
    QCOMPARE(project_from_json(without, "old.musa")->model, std::string());
    // A model that is not a name is refused with the file's name.
    std::string text = project_to_json(p);
    text.replace(text.find("\"/home/me/models/folk.mag\""), 26, "42");
    const auto r = project_from_json(text, "bad.musa");
    QVERIFY(!r.ok());
    QVERIFY2(QString::fromStdString(r.error()).startsWith(QStringLiteral("bad.musa: ")), r.error().c_str());
  }
  void projectKeepsEveryTakeFieldOldBuildsRead() {
    // Old builds read these five fields with these types (and ignore any other).
    const auto root = nlohmann::json::parse(project_to_json(sampleProject()));
    for (const auto& take : root["takes"]) {
      QVERIFY(take["events"].is_array());
      QVERIFY(take["primer_steps"].is_number_integer());
      QVERIFY(take["kept"].is_boolean());
      QVERIFY(take["layered"].is_boolean());
      QVERIFY(take["program"].is_number_integer());
    }
    QCOMPARE(root["version"].get<int>(), 1);
  }
  void modeIsWrittenSoOldBuildsReadWhatTheyCan() {
    // Old builds require "minor" (and ignore "mode"): a dorian project opens in them as a minor key.
    const auto root = nlohmann::json::parse(project_to_json(sampleProject()));
    QCOMPARE(root["settings"]["mode"].get<std::string>(), std::string("dorian"));
    QVERIFY(root["settings"]["minor"].get<bool>());
    QCOMPARE(root["takes"][0]["key"]["mode"].get<std::string>(), std::string("dorian"));
    QVERIFY(!root["takes"][1].contains("key"));
  }
  void projectsWithoutModesLoad() {
    // A file from before modes: "minor" alone says the mode.
    auto settings_of = [](const std::string& settings) {
      const std::string text =
          R"({"format": "musa-project", "version": 1, "primer": [], "takes": [], "settings": {"temperature": 1.0, "qpm": 120.0, "bars": 8, "takes": 2, "key": 2, "stay_in_key": true, "seed_locked": false, "seed": 0, "program": 0, )" +
          settings + "}}";
      return project_from_json(text, "old.musa");
    };
    QCOMPARE(settings_of(R"("minor": true)")->settings.mode, Mode::natural_minor);
    QCOMPARE(settings_of(R"("minor": false)")->settings.mode, Mode::major);
    // A mode a newer Musa knows and this one does not: the "minor" flag beside it decides.
    QCOMPARE(settings_of(R"("minor": true, "mode": "phrygian")")->settings.mode, Mode::natural_minor);
    QCOMPARE(settings_of(R"("minor": false, "mode": "blues")")->settings.mode, Mode::blues);
    QVERIFY(!settings_of(R"("minor": false, "mode": 3)").ok());
    QVERIFY(settings_of(R"("mode": "major")").ok());  // "minor" may go when "mode" is known
  }
  void takeKeysLoadOrAreLeftToEstimation() {
    const std::string base = R"({"format": "musa-project", "version": 1, "primer": [],
      "settings": {"temperature": 1.0, "qpm": 120.0, "bars": 8, "takes": 2, "key": -1, "minor": false,
                   "stay_in_key": false, "seed_locked": false, "seed": 0, "program": 0},
      "takes": [{"events": [60, 62, 63], "primer_steps": 1, "kept": true, "layered": false, "program": 40, "key": KEY}]})";
    auto with_key = [&](const std::string& key) {
      std::string text = base;
      text.replace(text.find("KEY"), 3, key);
      return project_from_json(text, "k.musa");
    };
    QCOMPARE(with_key(R"({"tonic": 3, "mode": "blues"})")->takes[0].take.key,
             std::optional<Key>(Key{3, Mode::blues}));
    QVERIFY(!with_key(R"({"tonic": 3, "mode": "phrygian"})")->takes[0].take.key.has_value());
    QVERIFY(!with_key(R"({"tonic": 12, "mode": "major"})").ok());
    QVERIFY(!with_key(R"({"tonic": 1})").ok());
    QVERIFY(!with_key("[1]").ok());
  }
  void badLikelihoodIsRefused() {
    std::string text = project_to_json(sampleProject());
    const std::string number = "\"log_likelihood\": 0.0";
    const size_t at = text.find(number);
    QVERIFY(at != std::string::npos);
    text.replace(at, number.size(), "\"log_likelihood\": \"x\"");  // a string for a number
    const auto r = project_from_json(text, "bad.musa");
    QVERIFY(!r.ok());
    QVERIFY(QString::fromStdString(r.error()).contains(QStringLiteral("log_likelihood")));
  }
  void newerVersionIsRefusedByName() {
    std::string text = project_to_json(sampleProject());
    text.replace(text.find("\"version\": 1"), 12, "\"version\": 7");
    const auto r = project_from_json(text, "future.musa");
    QVERIFY(!r.ok());
    QVERIFY(QString::fromStdString(r.error()).startsWith(QStringLiteral("future.musa: ")));
    QVERIFY(QString::fromStdString(r.error()).contains(QStringLiteral("newer")));
  }
  void brokenProjectsGiveMessagesNotCrashes_data() {
    QTest::addColumn<QString>("json");
    QTest::newRow("empty") << QString();
    QTest::newRow("truncated") << QStringLiteral("{\"format\": \"musa-project\", \"vers");
    QTest::newRow("array") << QStringLiteral("[1,2,3]");
    QTest::newRow("other format") << QStringLiteral("{\"format\": \"x\"}");
    QTest::newRow("no version") << QStringLiteral("{\"format\": \"musa-project\"}");
    QTest::newRow("version string") << QStringLiteral("{\"format\": \"musa-project\", \"version\": \"1\"}");
    QTest::newRow("primer not list") << QStringLiteral(
        "{\"format\":\"musa-project\",\"version\":1,\"primer\":{},\"settings\":{},\"takes\":[]}");
    QTest::newRow("pitch 300") << QStringLiteral(
        "{\"format\":\"musa-project\",\"version\":1,\"primer\":[{\"pitch\":300,\"start\":0,\"length\":1,"
        "\"velocity\":1}]}");
    QTest::newRow("float length") << QStringLiteral(
        "{\"format\":\"musa-project\",\"version\":1,\"primer\":[{\"pitch\":60,\"start\":0,\"length\":1.5,"
        "\"velocity\":1}]}");
    QTest::newRow("deep nesting") << QString(QStringLiteral("[").repeated(100000));
  }
  void brokenProjectsGiveMessagesNotCrashes() {
    QFETCH(QString, json);
    const auto r = project_from_json(json.toStdString(), "bad.musa");
    QVERIFY(!r.ok());
    QVERIFY(QString::fromStdString(r.error()).startsWith(QStringLiteral("bad.musa: ")));
  }
  void everyFieldIsTypeChecked() {
    // Replace each value of a valid project with values of every other JSON type: never a crash or a pass
    // with garbage.
    const std::string good = project_to_json(sampleProject());
    const std::vector<std::string> replacements = {"null",  "true", "-1", "1e300",
                                                   "\"s\"", "[]",   "{}", "18446744073709551616"};
    int refused = 0, total = 0;
    for (size_t pos = good.find(':'); pos != std::string::npos; pos = good.find(':', pos + 1)) {
      const size_t end = good.find_first_of(",}\n", pos + 1);
      for (const std::string& r : replacements) {
        std::string bad = good.substr(0, pos + 1) + r + good.substr(end);
        const auto result = project_from_json(bad, "f");
        ++total;
        refused += !result.ok();
        if (result.ok()) QVERIFY(clamped(result->settings) == result->settings);
      }
    }
    QVERIFY(total > 50);
    QVERIFY(refused > total / 2);
  }
  void randomBytesNeverCrashTheLoader() {
    // Every damaged file gives a project that is whole and in range, or an error that names the file.
    std::mt19937 rng(5);
    const std::string good = project_to_json(sampleProject());
    int loaded = 0, refused = 0;
    for (int i = 0; i < 2000; ++i) {
      std::string bad = good;
      for (int k = 0; k <= i % 4; ++k) bad[rng() % bad.size()] = char(rng() % 128);  // 1 to 4 bytes
      const Result<Project> result = project_from_json(bad, "fuzz.musa");
      if (!result.ok()) {
        ++refused;
        QVERIFY2(result.error().rfind("fuzz.musa: ", 0) == 0 && result.error().size() > 11,
                 result.error().c_str());
        continue;
      }
      ++loaded;
      QVERIFY(clamped(result->settings) == result->settings);
      for (const PrimerNote& n : result->primer) QVERIFY(n.pitch >= 0 && n.pitch <= 127 && n.length >= 1);
      for (const SessionTake& t : result->takes) QVERIFY(t.take.primer_steps <= t.take.melody.size());
      // What loads writes back and loads again the same.
      const Result<Project> again = project_from_json(project_to_json(result.value()), "again.musa");
      QVERIFY(again.ok());
      QCOMPARE(again->takes, result->takes);
      QCOMPARE(again->settings, result->settings);
    }
    // Both ways were taken: damage in whitespace or a digit loads, damage in syntax is refused.
    qInfo("2000 damaged projects: %d loaded, %d refused", loaded, refused);
    QVERIFY(loaded >= 20);
    QVERIFY(refused >= 1000);
  }

  // ---- export --------------------------------------------------------------
  void exportedTakeHasTempoProgramAndName() {
    const Take take =
        take_from_events({60, -2, -2, -2, -1, 62, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, 64, -2}, 5);
    TakeSequenceOptions options;
    options.qpm = 90;
    const NoteSequence seq = take_sequence(take, 3, 40, options);
    QCOMPARE(seq.notes.size(), size_t(3));
    QCOMPARE(seq.initial_qpm(), 90.0);
    QCOMPARE(seq.tracks.front().name, std::string("Musa take 3"));
    QCOMPARE(seq.notes[0].program, 40);
    // At 90 qpm a 16th is 60/90/4 s; the third note starts at step 16.
    QCOMPARE(seq.notes[2].start, 16 * 60.0 / 90 / 4);
  }
  void exportWithoutPrimerStartsAtTheContinuationsBar() {
    const Take take =
        take_from_events({60, -2, -2, -2, -1, 62, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, 64, -2}, 5);
    TakeSequenceOptions options;
    options.include_primer = false;
    const NoteSequence seq = take_sequence(take, 1, 0, options);
    QCOMPARE(seq.notes.size(), size_t(2));
    QCOMPARE(seq.notes[0].pitch, 62);
    QCOMPARE(seq.notes[0].start, 5 * 0.125);  // bar 1 kept, so the beat stays where it was
  }
  void exportOfBarsCutsAndShifts() {
    std::vector<int> events(48, -2);
    events[0] = 60;
    events[14] = 62;  // bar 1, held into bar 2 (steps 14..31)
    events[32] = 64;  // bar 3
    const Take take = take_from_events(events, 1);
    TakeSequenceOptions options;
    options.first_bar = 2;
    options.last_bar = 2;
    const NoteSequence seq = take_sequence(take, 1, 0, options);
    QCOMPARE(seq.notes.size(), size_t(0));  // the held note starts before bar 2: not included
    options.first_bar = 1;
    options.last_bar = 1;
    const NoteSequence first = take_sequence(take, 1, 0, options);
    QCOMPARE(first.notes.size(), size_t(2));
    QCOMPARE(first.notes[1].end, 16 * 0.125);  // cut at the end of bar 1
  }
  void multitrackExportReadsBackWithOneTrackPerTake() {
    QTemporaryDir dir;
    const std::vector<Take> takes = {take_from_events({60, -2, 62, -2}, 1),
                                     take_from_events({64, -2, 65, -2}, 1), take_from_events({67, -1}, 1)};
    const std::vector<TakeTrack> tracks = {{&takes[0], 1, 0}, {&takes[1], 2, 73}, {&takes[2], 3, 40}};
    TakeSequenceOptions options;
    options.qpm = 100;
    const std::string path = dir.filePath(QStringLiteral("m.mid")).toStdString();
    QVERIFY(write_midi_file(take_sequence(tracks, options), path).ok());
    const auto back = read_midi_file(path);
    QVERIFY(back.ok());
    QCOMPARE(back->initial_qpm(), 100.0);
    std::set<int> instruments, programs;
    for (const Note& n : back->notes) {
      instruments.insert(n.instrument);
      programs.insert(n.program);
    }
    QCOMPARE(instruments.size(), size_t(3));
    QCOMPARE(programs, (std::set<int>{0, 73, 40}));
  }
  void exportedTakeIsFourFourWithItsNotesOnTheGrid() {
    // C 0..4 (NOTE_OFF at 4), D 5..16, E 16..18 (held to the end); at 120 qpm a step is 0.125 s.
    const Take take =
        take_from_events({60, -2, -2, -2, -1, 62, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, 64, -2}, 5);
    const NoteSequence seq = take_sequence(take, 2, 0, {});
    QCOMPARE(seq.time_signatures, (std::vector<TimeSignature>{{0.0, 4, 4}}));
    QCOMPARE(seq.tempos, (std::vector<Tempo>{{0.0, 120.0}}));
    QCOMPARE(seq.tracks, (std::vector<Track>{{0, "Musa take 2", 0, false}}));
    const std::vector<Note> expected = {{60, 100, 0.0, 0.5, 0, 0, false},
                                        {62, 100, 0.625, 2.0, 0, 0, false},
                                        {64, 100, 2.0, 2.25, 0, 0, false}};
    QCOMPARE(seq.notes, expected);
    QCOMPARE(seq.total_time, 2.25);
  }
  void exportedTakeCarriesTheKeyItWasMadeIn() {
    // The SMF key signature: tonic and the mode's third as the major/minor flag (Eb minor: 6 flats, minor).
    Take take = take_from_events({63, -2, 65, -2, 66, -2}, 1);
    take.key = Key{3, Mode::natural_minor};
    QCOMPARE(take_sequence(take, 1, 0, {}).key_signatures, (std::vector<KeySignature>{{0.0, 3, true}}));
    take.key = Key{2, Mode::dorian};
    QCOMPARE(take_sequence(take, 1, 0, {}).key_signatures, (std::vector<KeySignature>{{0.0, 2, true}}));
    take.key = Key{7, Mode::mixolydian};
    QCOMPARE(take_sequence(take, 1, 0, {}).key_signatures, (std::vector<KeySignature>{{0.0, 7, false}}));
    // A take from an old file has no key: its notes say it (G A B C D: G major).
    const Take old = take_from_events({67, -2, 69, -2, 71, -2, 72, -2, 74, -2, 67, -2, -2, -2}, 1);
    QCOMPARE(take_sequence(old, 1, 0, {}).key_signatures, (std::vector<KeySignature>{{0.0, 7, false}}));
  }
  void keySignatureRoundTripsThroughAMidiFile() {
    QTemporaryDir dir;
    for (const Key key : {Key{3, Mode::natural_minor}, Key{6, Mode::major}, Key{1, Mode::harmonic_minor},
                          Key{10, Mode::major_pentatonic}, Key{8, Mode::blues}}) {
      Take take = take_from_events({60, -2, 62, -2}, 1);
      take.key = key;
      const std::string path = dir.filePath("k.mid").toStdString();
      QVERIFY(write_midi_file(take_sequence(take, 1, 0, {}), path).ok());
      const Result<NoteSequence> back = read_midi_file(path);
      QVERIFY(back.ok());
      QCOMPARE(back->key_signatures, (std::vector<KeySignature>{{0.0, key.tonic, is_minor_mode(key.mode)}}));
    }
    // Layered takes share the first take's key.
    Take a = take_from_events({60, -2}, 1), b = take_from_events({64, -2}, 1);
    a.key = Key{9, Mode::natural_minor}, b.key = Key{0, Mode::major};
    const NoteSequence layered = take_sequence(std::vector<TakeTrack>{{&a, 1, 0}, {&b, 2, 0}}, {});
    QCOMPARE(layered.key_signatures, (std::vector<KeySignature>{{0.0, 9, true}}));
  }
  void takesExportAsAScoreInTheirKey() {
    Take take = take_from_events({63, -2, -2, -2, 65, -2, -2, -2}, 1);
    take.key = Key{0, Mode::natural_minor};
    const std::string xml = takes_musicxml({{&take, 4, 40}}, {});
    QVERIFY(xml.find("<part-name>Take 4</part-name>") != std::string::npos);
    QVERIFY(xml.find("<fifths>-3</fifths>") != std::string::npos);
    QVERIFY(xml.find("<midi-program>41</midi-program>") !=
            std::string::npos);  // MusicXML counts programs from 1
    QVERIFY(xml.find("<step>E</step>\n          <alter>-1</alter>") != std::string::npos);  // E♭, not D♯
  }
  void takeFileNamesAreNumbered() {
    QCOMPARE(take_file_name(3), std::string("musa-take-03.mid"));
    QCOMPARE(take_file_name(12, ".wav"), std::string("musa-take-12.wav"));
  }

  // ---- primer import -------------------------------------------------------
  void importProposesTheMelodyTrack() {
    NoteSequence seq;
    seq.tempos.push_back({0, 120});
    // Track 1 "Bass": long; track 2 "Melody": shorter; track 3 drums.
    for (int i = 0; i < 32; ++i) seq.notes.push_back({36 + i % 5, 100, i * 0.5, i * 0.5 + 0.4, 33, 1, false});
    for (int i = 0; i < 8; ++i) seq.notes.push_back({72 + i % 3, 100, i * 0.5, i * 0.5 + 0.4, 0, 2, false});
    for (int i = 0; i < 8; ++i) seq.notes.push_back({38, 100, i * 0.5, i * 0.5 + 0.1, 0, 3, true});
    seq.tracks = {{1, "Bass", 33, false}, {2, "MELODY", 0, false}, {3, "Drums", 0, true}};
    seq.update_total_time();
    const auto candidates = primer_candidates(seq);
    QCOMPARE(candidates.size(), size_t(2));  // drums are never a melody
    const int best = best_primer_candidate(candidates);
    QCOMPARE(candidates[size_t(best)].track_name, std::string("MELODY"));
    seq.tracks[1].name = "Piano";
    QCOMPARE(primer_candidates(seq)[size_t(best_primer_candidate(primer_candidates(seq)))].track,
             1);  // else the longest
  }

  void hugeImportIsTooLongForAPrimerAndItsFirstBarsAreNot() {
    // Issue 11 item 8: a 300,000-note file imported without a word, then Generate refused
    // the primer. Sixteenth notes at 120 qpm: 18,750 bars, far over the 256 a primer can be.
    NoteSequence seq;
    seq.tempos.push_back({0, 120});
    const int count = 300000;
    seq.notes.reserve(count);
    for (int i = 0; i < count; ++i)
      seq.notes.push_back({60 + i % 12, 90, i * 0.125, i * 0.125 + 0.1, 0, 0, false});
    seq.tracks = {{0, "Melody", 0, false}};
    seq.update_total_time();
    const QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("huge.mid")).toStdString();
    QVERIFY(write_midi_file(seq, path).ok());
    const Result<NoteSequence> read = read_midi_file(path);
    QVERIFY(read.ok());
    const auto candidates = primer_candidates(*read);
    QCOMPARE(candidates.size(), size_t(1));
    const PrimerCandidate& melody = candidates.front();
    QVERIFY(cut_at_candidate_limit(melody));  // 300,000 steps: the first kMaxCandidateSteps are kept
    QCOMPARE(int(melody.events.size()), kMaxCandidateSteps);
    QCOMPARE(melody.note_count, kMaxCandidateSteps);  // a note on every 16th
    QVERIFY(too_long_for_primer(melody));

    const PrimerCandidate first = first_bars(melody, kOfferedPrimerBars);
    QVERIFY(!too_long_for_primer(first));
    QCOMPARE(int(first.events.size()), kOfferedPrimerBars * kStepsPerBar);
    QCOMPARE(first.note_count, kOfferedPrimerBars * kStepsPerBar);  // a note on every 16th
    QCOMPARE(candidate_notes(first).size(), size_t(first.note_count));
    QCOMPARE(int(primer_events(candidate_notes(first)).size()), kOfferedPrimerBars * kStepsPerBar);
    // A melody just at the limit is a primer as it is.
    PrimerCandidate at_limit = melody;
    at_limit.events.resize(size_t(kMaxPrimerSteps));
    QVERIFY(!too_long_for_primer(at_limit));
  }

  void importOfNotesHeldForDaysIsQuick() {
    // Found by the fuzzer (tests/data/fuzz/README.md): a dozen notes held for
    // 49 hours took seconds to extract under ASan. One candidate, 1.4M steps, of
    // which the first 65,536 are kept (5 notes, the highest of those starting
    // together): too long, so the first bars are offered.
    QElapsedTimer timer;
    timer.start();
    const Result<NoteSequence> seq = read_midi_file(MUSA_TEST_DATA "/fuzz/midi-slow-primer-import.mid");
    QVERIFY(seq.ok());
    const auto candidates = primer_candidates(*seq);
    const qint64 ms = timer.elapsed();
    QCOMPARE(candidates.size(), size_t(1));
    const PrimerCandidate& melody = candidates.front();
    QCOMPARE(melody.note_count, 5);
    QVERIFY(cut_at_candidate_limit(melody));
    QCOMPARE(melody.events.size(), size_t(kMaxCandidateSteps));
    QVERIFY(too_long_for_primer(melody));
    const PrimerCandidate first = first_bars(melody, kOfferedPrimerBars);
    QCOMPARE(std::vector<int>(first.events.begin(), first.events.begin() + 5),
             (std::vector<int>{52, 52, 52, 52, 48}));
    QCOMPARE(candidate_notes(first).size(), size_t(5));
    // Generous (the fuzzer's budget for one input): tens of ms in Release.
    QVERIFY2(ms < 1000, qPrintable(QStringLiteral("the import took %1 ms").arg(ms)));
  }

  void importOfManyTracksHeldForDaysKeepsTheirFirstBars() {
    // Found by the fuzzer (tests/data/fuzz/README.md): tracks of notes held for days, 100 MB and a
    // second to write out every step. A candidate keeps kMaxCandidateSteps and says it was cut.
    const Result<NoteSequence> seq = read_midi_file(MUSA_TEST_DATA "/fuzz/midi-slow-1s-open.mid");
    QVERIFY(seq.ok());
    const auto candidates = primer_candidates(*seq);
    QCOMPARE(candidates.size(), size_t(10));
    const auto cut = std::count_if(candidates.begin(), candidates.end(), [](const PrimerCandidate& c) {
      return cut_at_candidate_limit(c) && c.events.size() == size_t(kMaxCandidateSteps);
    });
    QCOMPARE(cut, 8);
    for (const PrimerCandidate& c : candidates)
      if (!cut_at_candidate_limit(c)) QVERIFY(c.events.size() < size_t(kMaxCandidateSteps));
    const int best = best_primer_candidate(candidates);
    QCOMPARE(best, 1);  // the longest (a tie at the cut) with the most notes
    const PrimerCandidate& melody = candidates[size_t(best)];
    QCOMPARE(melody.note_count, 60);
    QVERIFY(too_long_for_primer(melody));
    QCOMPARE(first_bars(melody, kOfferedPrimerBars).events.size(), size_t(kOfferedPrimerBars * kStepsPerBar));
  }

  void importOfANoteHeldForAgesFindsNoMelody() {
    // 33 bytes: one note held for 2^28 - 1 ticks at one tick a quarter, 2^30 steps. It asked for a
    // 4 GB event list (std::bad_alloc); now the quantizer refuses it, and there is no melody.
    std::vector<uint8_t> bytes{'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 0, 0, 1, 0, 1};  // one tick a quarter
    const auto append = [&](std::initializer_list<uint8_t> more) { bytes.insert(bytes.end(), more); };
    append({'M', 'T', 'r', 'k', 0, 0, 0, 15});
    append({0x00, 0x90, 60, 100});                  // note on
    append({0xff, 0xff, 0xff, 0x7f, 0x80, 60, 0});  // 2^28 - 1 ticks later: note off
    append({0x00, 0xff, 0x2f, 0x00});               // end of track
    const Result<NoteSequence> seq = read_midi_bytes(bytes, "ages.mid");
    QVERIFY2(seq.ok(), seq.ok() ? "" : seq.error().c_str());
    QCOMPARE(seq->notes.size(), size_t(1));
    QVERIFY(primer_candidates(*seq).empty());
  }

  void importKeepsTheBeatGridAcrossTempoChanges() {
    // Quarter notes: four at 120 qpm (0.5 s), then four at 60 qpm (1 s) from 2 s on.
    // On the grid they are all 4 steps apart, in one melody, not split at the change.
    NoteSequence seq;
    seq.tempos = {{0.0, 120.0}, {2.0, 60.0}};
    for (int i = 0; i < 8; ++i) {
      const double start = i < 4 ? i * 0.5 : 2.0 + (i - 4);
      seq.notes.push_back({60 + i, 100, start, start + (i < 4 ? 0.5 : 1.0), 0, 0, false});
    }
    seq.update_total_time();
    const auto candidates = primer_candidates(seq);
    QCOMPARE(candidates.size(), size_t(1));
    const std::vector<PrimerNote> notes = candidate_notes(candidates.front());
    QCOMPARE(notes.size(), size_t(8));
    for (int i = 0; i < 8; ++i) {
      QCOMPARE(notes[size_t(i)].start, 4 * i);
      QCOMPARE(notes[size_t(i)].length, 4);
    }
  }
};

MUSA_TEST_MAIN(ProjectTest)
#include "test_project.moc"
