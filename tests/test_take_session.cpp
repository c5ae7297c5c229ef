// core/project/take_session: every take rule without a window — what a
// Generate keeps, resizing, Regenerate, keep/layer/instrument, where a jam
// answer lands, what plays and what is exported.
#include <QtTest>

#include "core/project/take_session.h"
#include "test_main.h"

using namespace musa;

namespace {

constexpr int N = kMelodyNoEvent;
constexpr int OFF = kMelodyNoteOff;

/** A take: one primer step (C), then `pitch` held for `steps` − 2 steps. */
Take makeTake(int pitch, int steps = 4) {
  std::vector<int> events(size_t(steps), N);
  events[0] = 60;
  events[1] = pitch;
  return take_from_events(events, 1);
}

/** `count` distinct takes, as a Generate returns them. */
std::vector<Take> generated(int count, int first_pitch) {
  std::vector<Take> takes;
  for (int i = 0; i < count; ++i) takes.push_back(makeTake(first_pitch + i));
  return takes;
}

/** A session of `count` cards, all holding takes (pitches 70, 71, …). */
TakeSession fullSession(int count) {
  TakeSession session(count);
  session.accept_generation(generated(count, 70));
  return session;
}

int pitchOf(const TakeSession& session, int index) { return session.at(index)->take.melody.events[1]; }

}  // namespace

class TakeSessionTest : public QObject {
  Q_OBJECT
 private slots:
  // ---- cards and the current one ---------------------------------------------
  void startsWithEmptyCardsAndNoCurrent() {
    const TakeSession session(10);
    QCOMPARE(session.size(), 10);
    QVERIFY(!session.any_take());
    QCOMPARE(session.current(), -1);
    QVERIFY(session.at(9) && session.at(9)->empty());
    QVERIFY(!session.at(10));
    QVERIFY(!session.at(-1));
  }
  void currentIsACardOrNone() {
    TakeSession session(3);
    session.set_current(2);
    QCOMPARE(session.current(), 2);
    session.set_current(3);  // not a card
    QCOMPARE(session.current(), -1);
  }
  void takeFromEventsKeepsTheEventsAsTheyAre() {
    // Melody::from_events would turn the leading NOTE_OFF into NO_EVENT; a stored take must come back
    // unchanged.
    const Take take = take_from_events({OFF, 60, N}, 1);
    QCOMPARE(take.melody.events, (std::vector<int>{OFF, 60, N}));
    QCOMPARE(take.primer_steps, 1);
  }
  void loadReplacesEveryCard() {
    TakeSession session = fullSession(3);
    session.load({}, 4);  // a project without takes: the Takes setting's empty cards
    QCOMPARE(session.size(), 4);
    QVERIFY(!session.any_take());
    QCOMPARE(session.current(), 0);
    const TakeSession other = fullSession(2);
    session.load(other.takes(), 10);
    QCOMPARE(session.takes(), other.takes());
    QCOMPARE(session.current(), 0);
  }

  // ---- Generate ----------------------------------------------------------------
  void generationFillsTheCardsInOrder() {
    TakeSession session(3);
    const std::vector<Take> fresh = generated(3, 70);
    const AcceptedGeneration accepted = session.accept_generation(fresh);
    QCOMPARE(accepted.placed, 3);
    QCOMPARE(accepted.kept, 0);
    QCOMPARE(session.size(), 3);
    for (int i = 0; i < 3; ++i) {
      QCOMPARE(session.at(i)->take, fresh[size_t(i)]);
      QVERIFY(!session.at(i)->kept && !session.at(i)->layered);
      QCOMPARE(session.at(i)->program, -1);
    }
    QCOMPARE(session.current(), 0);  // nothing was selected: the first take is
  }
  void keptTakesStayInPlace() {
    TakeSession session = fullSession(4);
    QVERIFY(session.set_kept(1, true));
    QVERIFY(session.set_kept(3, true));
    const SessionTake one = *session.at(1), three = *session.at(3);
    const AcceptedGeneration accepted = session.accept_generation(generated(4, 80));
    // Cards 0 and 2 take the first two new takes; the other two new takes are dropped.
    QCOMPARE(accepted.placed, 2);
    QCOMPARE(accepted.kept, 2);
    QCOMPARE(session.size(), 4);
    QCOMPARE(*session.at(1), one);
    QCOMPARE(*session.at(3), three);
    QCOMPARE(pitchOf(session, 0), 80);
    QCOMPARE(pitchOf(session, 2), 81);
  }
  void keptTakeKeepsItsLayerTickAndInstrument() {
    TakeSession session = fullSession(3);
    QVERIFY(session.set_program(2, 40));
    QVERIFY(session.set_layered(2, true));
    QVERIFY(session.set_kept(2, true));
    const SessionTake before = *session.at(2);
    session.accept_generation(generated(3, 80));
    QCOMPARE(*session.at(2), before);
  }
  void keptTakeSurvivesTakesLoweredBelowIt() {
    // Issue 12: keep take 8 of 10, set Takes to 4, Generate — take 8 was lost.
    TakeSession session = fullSession(10);
    QVERIFY(session.set_kept(7, true));
    const SessionTake eight = *session.at(7);
    session.follow_takes_setting(4);  // a grid with takes changes at the next Generate
    QCOMPARE(session.size(), 10);
    const AcceptedGeneration accepted = session.accept_generation(generated(4, 80));
    // It stays on card 8; cards 1–4 get the new takes, cards 5–7 are empty.
    QCOMPARE(session.size(), 8);
    QCOMPARE(*session.at(7), eight);
    for (int i = 0; i < 4; ++i) QCOMPARE(pitchOf(session, i), 80 + i);
    for (int i = 4; i < 7; ++i) QVERIFY(session.at(i)->empty());
    QCOMPARE(accepted.placed, 4);
    QCOMPARE(accepted.kept, 1);
  }
  void cardsPastTheCountGoOnceNothingKeptIsBehindThem() {
    TakeSession session = fullSession(10);
    QVERIFY(session.set_kept(7, true));
    session.accept_generation(generated(4, 80));
    QCOMPARE(session.size(), 8);
    QVERIFY(session.set_kept(7, false));
    session.accept_generation(generated(4, 90));
    QCOMPARE(session.size(), 4);
  }
  void currentBeyondANewShorterGridMovesToTheFirst() {
    TakeSession session = fullSession(10);
    session.set_current(9);
    session.accept_generation(generated(4, 80));
    QCOMPARE(session.current(), 0);
    session.set_current(2);
    session.accept_generation(generated(4, 90));
    QCOMPARE(session.current(), 2);  // still a card: it stays
  }

  // ---- resize ----------------------------------------------------------------
  void resizeAddsEmptyCards() {
    TakeSession session = fullSession(2);
    session.resize(5);
    QCOMPARE(session.size(), 5);
    QCOMPARE(pitchOf(session, 1), 71);
    QVERIFY(session.at(4)->empty());
  }
  void resizeDropsOnlyEmptyCards() {
    TakeSession session(6);
    QCOMPARE(session.place_jam_answer({60, N, 62}, 1), 0);
    QCOMPARE(session.place_jam_answer({64, N, 65}, 1), 1);
    QVERIFY(session.replace(3, makeTake(72)));  // a take on card 4, empty cards before it
    session.resize(2);
    QCOMPARE(session.size(), 4);  // the last take stays, and every card before it
    QVERIFY(session.has_take(3));
    session.set_current(3);
    QVERIFY(session.replace(3, Take{}));  // card 4 empty again
    session.resize(2);
    QCOMPARE(session.size(), 2);
    QCOMPARE(session.current(), -1);  // the current card went
  }
  void takesSettingMovesOnlyAnEmptyGrid() {
    TakeSession empty(10);
    empty.follow_takes_setting(4);
    QCOMPARE(empty.size(), 4);
    empty.follow_takes_setting(12);
    QCOMPARE(empty.size(), 12);
    TakeSession full = fullSession(10);
    full.follow_takes_setting(4);
    QCOMPARE(full.size(), 10);
    full.follow_takes_setting(12);
    QCOMPARE(full.size(), 10);
  }

  // ---- Regenerate ------------------------------------------------------------
  void replaceKeepsInstrumentAndLayerTickButNotTheStar() {
    TakeSession session = fullSession(3);
    QVERIFY(session.set_program(1, 40));
    QVERIFY(session.set_layered(1, true));
    QVERIFY(session.set_kept(1, true));
    const Take fresh = makeTake(90);
    QVERIFY(session.replace(1, fresh));
    QCOMPARE(session.at(1)->take, fresh);
    QCOMPARE(session.at(1)->program, 40);
    QVERIFY(session.at(1)->layered);
    QVERIFY(!session.at(1)->kept);
    QCOMPARE(pitchOf(session, 0), 70);  // the others are untouched
    QCOMPARE(pitchOf(session, 2), 72);
  }
  void replaceOnACardThatWentIsRefused() {
    // Issue 12: regenerate empty card 10, lower Takes to 4 while it runs: the result must not land out of
    // range.
    TakeSession session(10);
    session.follow_takes_setting(4);
    QCOMPARE(session.size(), 4);
    QVERIFY(!session.replace(9, makeTake(90)));
    QVERIFY(!session.replace(-1, makeTake(90)));
    QCOMPARE(session.size(), 4);
    QVERIFY(!session.any_take());
  }
  void replaceFillsAnEmptyCard() {
    TakeSession session(3);
    QVERIFY(session.replace(2, makeTake(90)));
    QVERIFY(session.has_take(2));
  }
  void restorePutsACardBackExactlyWithoutARule() {
    // The undo of a Regenerate: replace() clears ★ and keeps the instrument; restore() brings back all of it.
    TakeSession session = fullSession(3);
    QVERIFY(session.set_kept(1, true));
    QVERIFY(session.set_layered(1, true));
    const TakeSession before = session;
    const SessionTake old = *session.at(1);
    QVERIFY(session.replace(1, makeTake(90)));
    QVERIFY(!(session == before));
    QVERIFY(session.restore(1, old));
    QVERIFY(session == before);
    QVERIFY(session.at(1)->kept && session.at(1)->layered);
    QVERIFY(!session.restore(3, old));  // not a card
    QVERIFY(!session.restore(-1, old));
    QVERIFY(session == before);
  }
  void sessionsAreEqualOnlyWithTheSameCardsAndCurrent() {
    TakeSession a = fullSession(3), b = fullSession(3);
    QVERIFY(a == b);
    b.set_current(2);
    QVERIFY(!(a == b));  // the current card counts
    a.set_current(2);
    QVERIFY(a == b);
    QVERIFY(b.set_program(0, 40));
    QVERIFY(!(a == b));
  }

  // ---- keep, layer, instrument -------------------------------------------------
  void keepNeedsATake() {
    TakeSession session(2);
    QVERIFY(session.replace(0, makeTake(70)));
    QVERIFY(!session.set_kept(1, true));  // empty card
    QVERIFY(!session.set_kept(2, true));  // not a card
    QVERIFY(session.set_kept(0, true));
    QVERIFY(!session.set_kept(0, true));  // no change
    QVERIFY(session.at(0)->kept);
  }
  void layerPicksTheNextInstrumentNoOtherLayerUses() {
    TakeSession session = fullSession(4);
    QVERIFY(session.set_program(2, 48));    // its own instrument: strings
    QVERIFY(session.set_layered(0, true));  // first free: piano
    QCOMPARE(session.at(0)->program, kLayerPrograms[0]);
    QVERIFY(session.set_layered(2, true));  // keeps its strings
    QCOMPARE(session.at(2)->program, 48);
    QVERIFY(session.set_layered(1, true));  // piano and strings are taken: flute
    QCOMPARE(session.at(1)->program, 73);
    QVERIFY(session.set_layered(0, false));  // take 1 keeps piano but is no layer any more
    QCOMPARE(session.at(0)->program, 0);
    QVERIFY(session.set_layered(3, true));  // so piano is free again
    QCOMPARE(session.at(3)->program, 0);
    QVERIFY(!session.set_layered(3, true));  // no change
  }
  void layersBeyondTheListUseTheWindowsInstrument() {
    TakeSession session = fullSession(int(kLayerPrograms.size()) + 1);
    for (int i = 0; i < session.size(); ++i) QVERIFY(session.set_layered(i, true));
    for (size_t i = 0; i < kLayerPrograms.size(); ++i)
      QCOMPARE(session.at(int(i))->program, kLayerPrograms[i]);
    QCOMPARE(session.at(session.size() - 1)->program, -1);
  }
  void programIsCheckedAndCanGoBackToTheWindows() {
    TakeSession session = fullSession(1);
    QVERIFY(!session.set_program(0, 128));
    QVERIFY(!session.set_program(0, -2));
    QVERIFY(!session.set_program(1, 40));
    QCOMPARE(session.effective_program(0, 73), 73);  // none of its own: the window's
    QVERIFY(session.set_program(0, 40));
    QCOMPARE(session.effective_program(0, 73), 40);
    QVERIFY(session.set_program(0, -1));
    QCOMPARE(session.effective_program(0, 73), 73);
  }

  // ---- jam answers -------------------------------------------------------------
  void jamAnswerGoesOnTheFirstEmptyCardKept() {
    TakeSession session(3);
    QVERIFY(session.replace(0, makeTake(70)));
    QVERIFY(session.replace(2, makeTake(72)));
    const int index = session.place_jam_answer({OFF, 64, N, 65}, 2);
    QCOMPARE(index, 1);
    QCOMPARE(session.size(), 3);
    const SessionTake& answer = *session.at(1);
    QCOMPARE(answer.take.melody.events, (std::vector<int>{OFF, 64, N, 65}));  // as played
    QCOMPARE(answer.take.primer_steps, 2);
    QVERIFY(answer.kept);
    QVERIFY(!answer.layered);
    QCOMPARE(answer.program, -1);
    QCOMPARE(session.current(), 1);
  }
  void jamAnswerAddsACardAfterTheLast() {
    TakeSession session = fullSession(3);
    QCOMPARE(session.place_jam_answer({64, N}, 1), 3);
    QCOMPARE(session.size(), 4);
    QVERIFY(session.at(3)->kept);
    QCOMPARE(session.current(), 3);
  }

  // ---- what plays --------------------------------------------------------------
  void layeredTakesPlayAsOneSequenceEachItsInstrument() {
    TakeSession session(3);
    QVERIFY(session.replace(0, makeTake(70, 4)));
    QVERIFY(session.replace(1, makeTake(71, 8)));
    QVERIFY(session.replace(2, makeTake(72, 6)));
    QVERIFY(session.set_layered(0, true));  // piano (0)
    QVERIFY(session.set_layered(2, true));  // strings (48)
    QVERIFY(session.set_program(2, -1));    // back to the window's instrument
    const TakePlayback play = session.layered_to_play(73, 120);
    // The longer layer (6 steps) is the pass: 6 × 0.125 s at 120 qpm.
    QCOMPARE(play.seconds, 6 * 0.125);
    const NoteSequence& seq = play.sequence;
    QCOMPARE(seq.tracks.size(), size_t(2));
    QCOMPARE(seq.tracks[0].instrument, 1);
    QCOMPARE(seq.tracks[0].program, 0);
    QCOMPARE(seq.tracks[0].name, std::string("Musa take 1"));
    QCOMPARE(seq.tracks[1].instrument, 2);
    QCOMPARE(seq.tracks[1].program, 73);
    QCOMPARE(seq.tracks[1].name, std::string("Musa take 3"));
    QCOMPARE(seq.notes.size(), size_t(4));  // C and 70, C and 72; take 2 is not layered
    for (const Note& n : seq.notes) {
      QCOMPARE(n.program, n.instrument == 1 ? 0 : 73);
      QVERIFY(n.pitch != 71);
    }
  }
  void nothingLayeredPlaysNothing() {
    TakeSession session = fullSession(2);
    QVERIFY(session.layered_to_play(0, 120).empty());
    TakeSession empty(2);
    QVERIFY(empty.set_layered(1, true));  // ticked, but the card holds no take
    QVERIFY(empty.layered().empty());
    QVERIFY(empty.layered_to_play(0, 120).empty());
  }
  void aTakePlaysWholeAtTheTempo() {
    TakeSession session(2);
    QVERIFY(session.replace(1, take_from_events({60, N, N, N, OFF, 62, N, N}, 5)));
    const TakePlayback play = session.take_to_play(1, 40, 90);
    // At 90 qpm a 16th is 60 / 90 / 4 s; 8 steps, the primer's C included.
    QCOMPARE(play.seconds, 8 * (60.0 / 90 / 4));
    QCOMPARE(play.sequence.notes.size(), size_t(2));
    QCOMPARE(play.sequence.notes[1].start, 5 * (60.0 / 90 / 4));
    QCOMPARE(play.sequence.tracks.front().program, 40);
    QVERIFY(session.take_to_play(0, 40, 90).empty());  // an empty card
    QVERIFY(session.take_to_play(2, 40, 90).empty());  // not a card
  }

  // ---- what is exported --------------------------------------------------------
  void sequenceIsNumberedAfterItsCard() {
    TakeSession session = fullSession(3);
    QVERIFY(session.set_program(2, 40));
    TakeSequenceOptions options;
    options.qpm = 100;
    const NoteSequence seq = session.sequence(2, 0, options);
    QCOMPARE(seq.tracks.front().name, std::string("Musa take 3"));
    QCOMPARE(seq.tracks.front().program, 40);
    QCOMPARE(seq.initial_qpm(), 100.0);
    QVERIFY(session.sequence(3, 0, options).notes.empty());
  }
  void severalTakesMakeOneTrackEach() {
    TakeSession session = fullSession(3);
    QVERIFY(session.set_program(0, 24));
    const NoteSequence seq = session.sequence(std::vector<int>{0, 2, 7}, 73, {});  // 7 is no card: skipped
    QCOMPARE(seq.tracks.size(), size_t(2));
    QCOMPARE(seq.tracks[0].name, std::string("Musa take 1"));
    QCOMPARE(seq.tracks[0].program, 24);
    QCOMPARE(seq.tracks[1].name, std::string("Musa take 3"));
    QCOMPARE(seq.tracks[1].program, 73);
  }
  void exportChoosesTheKeptTakesOrTheCurrentOne() {
    TakeSession session = fullSession(4);
    QVERIFY(session.set_kept(1, true));
    QVERIFY(session.set_kept(3, true));
    session.set_current(2);
    QCOMPARE(session.export_selection(true), (std::vector<int>{1, 3}));
    QCOMPARE(session.export_selection(false), (std::vector<int>{2}));
    TakeSession empty(3);
    empty.set_current(0);
    QVERIFY(empty.export_selection(false).empty());  // an empty card exports nothing
  }
  void transposeMovesEveryNoteAndTheKeyAndIsPlayedAndExportedSo() {
    TakeSession session(2);
    Take take = take_from_events({60, N, N, N, OFF, 62, N, 127 - 5}, 5);
    take.key = Key{10, Mode::dorian};  // B♭ dorian
    QVERIFY(session.replace(0, take));
    QVERIFY(session.transpose(0, 5));
    QCOMPARE(session.at(0)->take.melody.events, (std::vector<int>{65, N, N, N, OFF, 67, N, 127}));
    QCOMPARE(session.at(0)->take.primer_steps, 5);
    QCOMPARE(*session.at(0)->take.key, (Key{3, Mode::dorian}));  // E♭ dorian: 10 + 5 wraps to 3
    QCOMPARE(session.take_to_play(0, 0, 120).sequence.notes.front().pitch, 65);
    const NoteSequence exported = session.sequence(0, 0, {});
    QCOMPARE(exported.notes.back().pitch, 127);
    QCOMPARE(exported.key_signatures.front().key, 3);
    // Refused: a note would pass 127, a zero step, an empty card, no card.
    QVERIFY(!session.transpose(0, 1));
    QCOMPARE(session.at(0)->take.melody.events.back(), 127);
    QVERIFY(!session.transpose(0, 0));
    QVERIFY(!session.transpose(1, 1));
    QVERIFY(!session.transpose(2, 1));
    QVERIFY(session.transpose(0, -12));
    QCOMPARE(session.at(0)->take.melody.events.front(), 53);
    QCOMPARE(session.at(0)->take.key->tonic, 3);
  }
  void takesPlayAndExportAtTheirVelocity() {
    TakeSession session(1);
    Take take = take_from_events({60, N, 62, N}, 1);
    take.velocity = 64;
    QVERIFY(session.replace(0, take));
    for (const Note& n : session.take_to_play(0, 0, 120).sequence.notes) QCOMPARE(n.velocity, 64);
    for (const Note& n : session.sequence(0, 0, {}).notes) QCOMPARE(n.velocity, 64);
  }
  void allTakesAreTheCardsThatHoldOne() {
    TakeSession session(4);
    QVERIFY(session.filled().empty());
    QVERIFY(session.replace(0, makeTake(70, kStepsPerBar)));
    QVERIFY(session.replace(2, makeTake(72, kStepsPerBar)));
    QCOMPARE(session.filled(), (std::vector<int>{0, 2}));  // the empty cards 1 and 3 are not exported
  }
  void longestTakeGivesTheBarsToChooseFrom() {
    TakeSession session(3);
    QCOMPARE(session.longest_bars(), 1);  // nothing yet: one bar
    QVERIFY(session.replace(0, makeTake(70, kStepsPerBar)));
    QCOMPARE(session.longest_bars(), 1);
    QVERIFY(session.replace(2, makeTake(70, 2 * kStepsPerBar + 1)));  // a step into bar 3
    QCOMPARE(session.longest_bars(), 3);
  }
};

MUSA_TEST_MAIN(TakeSessionTest)
#include "test_take_session.moc"
