// core/playback: the one NoteSequence -> messages builder (channels,
// programs, drums, order at one instant, caps), the one scheduler (timing,
// stop, replace, loop, position, threads) and the sink route.

#include <QtTest>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/music/channels.h"
#include "core/playback/clock.h"
#include "core/playback/midi_sink.h"
#include "core/playback/scheduler.h"
#include "core/playback/sequence_messages.h"
#include "recording_sink.h"
#include "test_main.h"

using namespace musa;
using namespace std::chrono_literals;

namespace {

using testing::nothing_sounding;
using testing::RecordingSink;

Note note(int pitch, double start, double end, int program = 0, int instrument = 0, bool drum = false) {
  return Note{pitch, 100, start, end, program, instrument, drum};
}

NoteSequence sequence(std::vector<Note> notes) {
  NoteSequence seq;
  seq.notes = std::move(notes);
  seq.update_total_time();
  return seq;
}

std::vector<MidiMessage> programs(const std::vector<TimedMessage>& messages) {
  std::vector<MidiMessage> out;
  for (const TimedMessage& m : messages)
    if (m.message.type == MidiType::ProgramChange) out.push_back(m.message);
  return out;
}

bool is_note_on(const MidiMessage& m, int channel, int pitch) {
  return m.type == MidiType::NoteOn && m.channel == channel && m.data1 == pitch;
}

}  // namespace

class TestPlayback : public QObject {
  Q_OBJECT

 private slots:
  // ---- channels and the builder ---------------------------------------------
  void melodicChannelsSkipTheDrumChannel() {
    std::vector<int> channels;
    for (int i = 0; i < 17; ++i) channels.push_back(melodic_channel(i));
    QCOMPARE(channels, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 0, 1}));
    QCOMPARE(kDrumChannel, 9);  // General MIDI: channel 10
    for (int i = 0; i < 15; ++i) QCOMPARE(melodic_index(melodic_channel(i)), i);
  }

  void eachInstrumentAndProgramGetsTheNextChannelWithItsProgram() {
    // Sixteen instruments: the channels skip 9 and the sixteenth shares channel 0.
    std::vector<Note> notes;
    for (int i = 0; i < 16; ++i) notes.push_back(note(60, 0.0, 0.5, 40 + i, i));
    const std::vector<TimedMessage> messages = sequence_messages(sequence(notes));
    std::vector<MidiMessage> expected;
    for (int i = 0; i < 16; ++i) expected.push_back(MidiMessage::program(melodic_channel(i), 40 + i));
    QCOMPARE(programs(messages), expected);
    for (int i = 0; i < 16; ++i) QCOMPARE(messages[size_t(i)].time, 0.0);  // programs first, at 0
    QVERIFY(std::none_of(messages.begin(), messages.end(),
                         [](const TimedMessage& m) { return m.message.channel == kDrumChannel; }));
    // One instrument changing program mid-way is two pairs: two channels.
    const auto two = sequence_messages(sequence({note(60, 0, 1, 0, 3), note(62, 1, 2, 73, 3)}));
    QCOMPARE(programs(two),
             (std::vector<MidiMessage>{MidiMessage::program(0, 0), MidiMessage::program(1, 73)}));
    QCOMPARE(two.back().message, MidiMessage::note_off(1, 62));
  }

  void firstChannelStartsTheRule() {
    const auto messages =
        sequence_messages(sequence({note(60, 0, 1, 5, 0), note(62, 0, 1, 6, 1)}), {.first_channel = 8});
    QCOMPARE(programs(messages),
             (std::vector<MidiMessage>{MidiMessage::program(8, 5), MidiMessage::program(10, 6)}));
  }

  void drumsPlayOnTheDrumChannelWithTheirKit() {
    const NoteSequence seq = sequence(
        {note(36, 0.0, 0.25, 25, 2, true), note(38, 0.5, 0.75, 0, 2, true), note(60, 0.0, 1.0, 33, 1)});
    const auto messages = sequence_messages(seq, {.program = 40});  // the override spares the drums
    QCOMPARE(programs(messages),
             (std::vector<MidiMessage>{MidiMessage::program(0, 40), MidiMessage::program(kDrumChannel, 25)}));
    int drum_notes = 0;
    for (const TimedMessage& m : messages) {
      if (m.message.type != MidiType::NoteOn || (m.message.data1 != 36 && m.message.data1 != 38)) continue;
      QCOMPARE(m.message.channel, kDrumChannel);
      ++drum_notes;
    }
    QCOMPARE(drum_notes, 2);
  }

  void programOverridePlaysEveryMelodicNoteWithIt() {
    // Two programs on one instrument would be two channels; overridden they are one.
    const auto messages =
        sequence_messages(sequence({note(60, 0, 1, 0), note(62, 1, 2, 73)}), {.program = 40});
    QCOMPARE(programs(messages), (std::vector<MidiMessage>{MidiMessage::program(0, 40)}));
    for (const TimedMessage& m : messages) QCOMPARE(m.message.channel, 0);
    QCOMPARE(programs(sequence_messages(sequence({note(60, 0, 1, 200)}))),
             (std::vector<MidiMessage>{MidiMessage::program(0, 127)}));  // clamped
  }

  void offsComeBeforeOnsAtOneInstant() {
    // C twice in a row: at 0.5 the first C's off comes before the second's on, so it strikes again.
    const auto messages =
        sequence_messages(sequence({note(60, 0.5, 1.0), note(60, 0.0, 0.5), note(64, 0.5, 1.0)}));
    const std::vector<MidiMessage> expected{
        MidiMessage::program(0, 0),       MidiMessage::note_on(0, 60, 100), MidiMessage::note_off(0, 60),
        MidiMessage::note_on(0, 60, 100), MidiMessage::note_on(0, 64, 100), MidiMessage::note_off(0, 60),
        MidiMessage::note_off(0, 64)};
    std::vector<MidiMessage> got;
    for (const TimedMessage& m : messages) got.push_back(m.message);
    QCOMPARE(got, expected);
    for (size_t i = 1; i < messages.size(); ++i) QVERIFY(messages[i - 1].time <= messages[i].time);
  }

  void endCapCutsSoundingNotesAndDropsLaterOnes() {
    const auto messages = sequence_messages(
        sequence({note(60, 0.0, 3.0), note(62, 1.0, 1.5), note(64, 2.0, 2.5)}), {.end = 1.2});
    QCOMPARE(messages.size(), size_t(5));  // program, C on, D on, C and D off at the cap; E dropped
    QCOMPARE(messages[3].time, 1.2);
    QCOMPARE(messages[4].time, 1.2);
    QCOMPARE(messages.back().message.type, MidiType::NoteOff);
  }

  void unplayableNotesAreSkippedAndValuesClamped() {
    NoteSequence seq =
        sequence({note(128, 0, 1), note(-1, 0, 1), note(60, 1, 1), note(61, 2, 1), note(62, -0.5, 0.5)});
    seq.notes.back().velocity = 0;
    seq.notes.push_back(note(63, 0.5, 1));
    seq.notes.back().velocity = 300;
    const auto messages = sequence_messages(seq);
    QCOMPARE(messages.size(), size_t(5));
    QCOMPARE(messages[1].time, 0.0);  // D from −0.5 starts at 0
    QCOMPARE(messages[1].message, MidiMessage::note_on(0, 62, 1));
    QCOMPARE(messages[3].message, MidiMessage::note_on(0, 63, 127));
    QVERIFY(sequence_messages(NoteSequence{}).empty());
  }

  // ---- the scheduler --------------------------------------------------------
  void playsInTimeAndStopEndsSoundingNotes() {
    RecordingSink sink;
    Scheduler scheduler(sink);
    const NoteSequence seq = sequence({note(60, 0.0, 0.1, 5), note(62, 0.1, 0.2, 5), note(64, 0.2, 10.0, 5)});
    const std::vector<TimedMessage> built = sequence_messages(seq, {.first_channel = 3});
    QCOMPARE(built.front().message, MidiMessage::program(3, 5));
    // At 0.1 s C's off comes before D's on, so a repeated pitch would strike again.
    QCOMPARE(built[2].message, MidiMessage::note_off(3, 60));
    QCOMPARE(built[3].message, MidiMessage::note_on(3, 62, 100));
    sink.start();
    scheduler.play(built);
    const double e_on = sink.wait_for([](auto& m) { return is_note_on(m, 3, 64); }, 2000ms);
    QVERIFY2(std::abs(e_on - 0.2) < 0.02, qPrintable(QString::number(e_on)));
    const std::vector<TimedMessage> sent = sink.messages();
    QCOMPARE(sent.size(), size_t(6));  // the program, C on/off, D on/off, E on
    for (size_t i = 0; i < sent.size(); ++i) {
      QCOMPARE(sent[i].message, built[i].message);
      QVERIFY2(std::abs(sent[i].time - built[i].time) < 0.02,
               qPrintable(QStringLiteral("late by %1 s").arg(sent[i].time - built[i].time)));
    }
    QCOMPARE(sink.plain().front(), MidiMessage::program(3, 5));
    QVERIFY(scheduler.playing());
    QVERIFY(scheduler.first_note_sent() > 0);
    scheduler.stop();  // E would sound for 10 s
    QCOMPARE(sink.plain().back(), MidiMessage::note_off(3, 64));
    QVERIFY(!scheduler.playing());
    QCOMPARE(scheduler.position(), -1.0);
    QVERIFY(nothing_sounding(sink.plain()));
  }

  void layersPlayTogetherEachWithItsProgram() {
    // Moved from the old Player's test: two layers of the same notes, a channel and program each.
    RecordingSink sink;
    Scheduler scheduler(sink);
    NoteSequence seq = sequence({note(60, 0.0, 0.05, 0, 0), note(62, 0.1, 0.15, 0, 0),
                                 note(60, 0.0, 0.05, 40, 1), note(62, 0.1, 0.15, 40, 1)});
    sink.start();
    scheduler.play(sequence_messages(seq, {.end = 0.2}), 0.2, false);
    QVERIFY(QTest::qWaitFor([&] { return !scheduler.playing(); }, 2000));
    const auto messages = sink.messages();
    QCOMPARE(messages.size(), size_t(10));  // 2 programs + 2 layers × 2 notes × on/off
    for (const TimedMessage& m : messages) {
      if (m.message.type == MidiType::ProgramChange) continue;
      const bool on = m.message.type == MidiType::NoteOn;
      const double due = m.message.data1 == 60 ? (on ? 0.0 : 0.05) : (on ? 0.1 : 0.15);
      QVERIFY2(std::abs(m.time - due) < 0.02, qPrintable(QStringLiteral("late by %1 s").arg(m.time - due)));
    }
    QCOMPARE(programs(messages),
             (std::vector<MidiMessage>{MidiMessage::program(0, 0), MidiMessage::program(1, 40)}));
  }

  void replacingEndsTheOldNotes() {
    RecordingSink sink;
    Scheduler scheduler(sink);
    scheduler.play(sequence_messages(sequence({note(60, 0.0, 10.0)})));
    QVERIFY(sink.wait_for([](auto& m) { return is_note_on(m, 0, 60); }, 1000ms) >= 0);
    scheduler.play(sequence_messages(sequence({note(67, 0.0, 10.0)}), {.first_channel = 2}));
    QVERIFY(sink.wait_for([](auto& m) { return is_note_on(m, 2, 67); }, 1000ms) >= 0);
    const std::vector<MidiMessage> sent = sink.plain();
    const auto off = std::find(sent.begin(), sent.end(), MidiMessage::note_off(0, 60));
    const auto on = std::find(sent.begin(), sent.end(), MidiMessage::note_on(2, 67, 100));
    QVERIFY(off != sent.end() && off < on);  // the old note ended before the new one began
    scheduler.stop();
    QVERIFY(nothing_sounding(sink.plain()));
  }

  void loopWrapsReleasingNotesAndStopSilences() {
    RecordingSink sink;
    Scheduler scheduler(sink);
    // The note outlasts the loop: the pass ends it, the next strikes it again.
    const NoteSequence seq = sequence({note(60, 0.0, 1.0)});
    sink.start();
    scheduler.play(sequence_messages(seq), 0.05, true);
    QTest::qWait(180);
    QVERIFY(scheduler.playing());
    const double position = scheduler.position();
    QVERIFY2(position >= 0 && position < 0.05, qPrintable(QString::number(position)));
    scheduler.stop();
    QCOMPARE(scheduler.position(), -1.0);
    const auto messages = sink.messages();
    int ons = 0;
    for (const TimedMessage& m : messages) ons += m.message.type == MidiType::NoteOn;
    QVERIFY2(ons >= 3, qPrintable(QString::number(ons)));  // at least three passes
    QVERIFY(nothing_sounding(sink.plain()));               // every note on got its note off
    QCOMPARE(programs(messages).size(), size_t(1));        // the program is set once, not every pass
  }

  void positionFollowsThePlaybackAndStopsAtTheEnd() {
    RecordingSink sink;
    Scheduler scheduler(sink);
    QCOMPARE(scheduler.position(), -1.0);
    scheduler.play(sequence_messages(sequence({note(60, 0.0, 0.1)})), 0.3, false);
    QTest::qWait(100);
    const double position = scheduler.position();
    QVERIFY2(position > 0.05 && position < 0.3, qPrintable(QString::number(position)));
    QVERIFY(QTest::qWaitFor([&] { return !scheduler.playing(); }, 2000));
    QCOMPARE(scheduler.position(), -1.0);
    QVERIFY(nothing_sounding(sink.plain()));
  }

  void manyThreadsPlayingAndStoppingLeaveNothingSounding() {
    RecordingSink sink;
    Scheduler scheduler(sink);
    std::vector<Note> notes;
    for (int i = 0; i < 40; ++i) notes.push_back(note(40 + i, i * 0.002, i * 0.002 + 0.5, 0, i % 3));
    const std::vector<TimedMessage> messages = sequence_messages(sequence(notes));
    std::atomic<bool> done{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t) {
      threads.emplace_back([&, t] {
        while (!done.load()) {
          if (t == 0) scheduler.play(messages, 0.1, true);
          if (t == 1) scheduler.stop();
          if (t == 2) (void)scheduler.position();
          std::this_thread::sleep_for(std::chrono::microseconds(300 * (t + 1)));
        }
      });
    }
    std::this_thread::sleep_for(300ms);
    done = true;
    for (std::thread& thread : threads) thread.join();
    scheduler.stop();
    QVERIFY(sink.messages().size() > 40);
    QVERIFY(nothing_sounding(sink.plain()));
  }

  // ---- the route ------------------------------------------------------------
  void routeCarriesMessagesToBothTargetsEitherSwitchable() {
    RecordingSink port, other;
    SinkRoute route;
    route.set_first(&port);
    route.set_second(&other);
    route.send(MidiMessage::program(2, 40));
    route.send(MidiMessage::note_on(2, 60, 90));
    route.set_second(nullptr);  // the second target dropped: only the first hears the end
    route.send(MidiMessage::note_off(2, 60));
    const std::vector<MidiMessage> expected{MidiMessage::program(2, 40), MidiMessage::note_on(2, 60, 90),
                                            MidiMessage::note_off(2, 60)};
    QCOMPARE(port.plain(), expected);
    QCOMPARE(other.plain(), std::vector<MidiMessage>(expected.begin(), expected.begin() + 2));
    route.set_first(nullptr);
    route.send(MidiMessage::note_on(2, 62, 90));  // pointing nowhere: dropped
    QCOMPARE(port.plain().size(), expected.size());
  }

  void aReplacedTargetIsNeverCalledAfterTheSetterReturns() {
    // A sink that notes calls made after it was let go; a scheduler sends to it as fast as it can.
    struct Watched final : MidiSink {
      std::atomic<bool> released{false};
      std::atomic<int> late{0};
      void send(const MidiMessage&) override {
        std::this_thread::sleep_for(20us);       // a slow synth call widens the window
        if (released.load()) late.fetch_add(1);  // still inside a sink the owner let go of
      }
    };
    SinkRoute route;
    Scheduler scheduler(route);
    std::vector<TimedMessage> burst;
    for (int i = 0; i < 2000; ++i) burst.push_back({i * 1e-5, MidiMessage::control(0, 7, i % 128)});
    for (int round = 0; round < 20; ++round) {
      Watched watched;
      route.set_first(&watched);
      scheduler.play(burst, 0.05, true);
      std::this_thread::sleep_for(std::chrono::milliseconds(1 + round % 3));
      route.set_first(nullptr);
      watched.released = true;
      std::this_thread::sleep_for(1ms);
      QCOMPARE(watched.late.load(), 0);
    }
    scheduler.stop();
  }
};

MUSA_TEST_GUILESS_MAIN(TestPlayback)
#include "test_playback.moc"
