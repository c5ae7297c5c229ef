// Live MIDI in the window: the MIDI menu over an injected backend (ports
// listed, hot-plug, choosing an input), recording a primer as one undo step,
// jam mode's strip and "Keep as take", takes played to the output port, and
// the app without a MIDI system.
#include <QApplication>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTranslator>
#include <QtTest>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/midi/metronome.h"
#include "core/midi/midi_backend.h"
#include "core/music/melody.h"
#include "core/project/primer.h"
#include "fake_midi_backend.h"
#include "test_main.h"
#include "ui/app/actions.h"
#include "ui/app/mainwindow.h"
#include "ui/app/messagebar.h"
#include "ui/app/theme.h"
#include "ui/midi/jamstrip.h"
#include "ui/midi/midicontroller.h"
#include "ui/midi/midimenu.h"
#include "ui/playback/playbackcontroller.h"
#include "ui/primer/primerdocument.h"
#include "ui/primer/primereditor.h"
#include "ui/takes/takesdocument.h"
#include "ui_test_support.h"

namespace {

using musa::testing::Bytes;
using musa::testing::FakeBackend;
using musa::testing::FakeMidi;

/** A fake MIDI system with one keyboard and one synth plugged in. */
std::shared_ptr<FakeMidi> make_fake() {
  auto fake = std::make_shared<FakeMidi>();
  fake->inputs = {"Keys A"};
  fake->outputs = {"Synth X"};
  return fake;
}

MidiBackendFactory factoryFor(const std::shared_ptr<FakeMidi>& midi) {
  return [midi] { return std::make_unique<FakeBackend>(midi); };
}

/** A clock the test sets by hand; atomic because the jam thread reads it. */
struct FakeClock {
  std::atomic<double> now{0.0};
  musa::Clock clock() {
    return [this] { return now.load(); };
  }
};

QStringList actionTexts(QMenu* menu) {
  QStringList texts;
  for (QAction* a : menu->actions())
    if (!a->isSeparator()) texts << a->text();
  return texts;
}

QAction* actionNamed(QMenu* menu, const QString& text) {
  for (QAction* a : menu->actions())
    if (a->text() == text) return a;
  return nullptr;
}

Bytes noteOn(int pitch) { return {0x90, std::uint8_t(pitch), 100}; }
Bytes noteOff(int pitch) { return {0x80, std::uint8_t(pitch), 0}; }

bool contains(const std::vector<Bytes>& sent, const Bytes& wanted) {
  return std::find(sent.begin(), sent.end(), wanted) != sent.end();
}

}  // namespace

class TestUiMidi : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString model_;

  AppOptions windowOptions(const std::shared_ptr<FakeMidi>& midi) {
    AppOptions o = ui_test::options(dir_, model_);
    o.midi_backend = factoryFor(midi);
    return o;
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);  // QSettings writes go to a test folder
    model_ = ui_test::makeTinyModel(dir_);
    QVERIFY(!model_.isEmpty());
  }

  void menuListsPortsAndFollowsHotPlug() {
    auto fake = make_fake();
    MidiController controller(factoryFor(fake));
    MidiMenu menu(&controller);
    QCoreApplication::processEvents();
    QCOMPARE(actionTexts(menu.inputMenu()), (QStringList{QStringLiteral("None"), QStringLiteral("Keys A")}));
    QCOMPARE(actionTexts(menu.outputMenu()),
             (QStringList{QStringLiteral("None"), QStringLiteral("Synth X")}));
    QVERIFY(actionNamed(menu.inputMenu(), QStringLiteral("None"))->isChecked());

    fake->set_inputs({"Keys A", "Keys B"});  // plugged in
    controller.pollNow();
    QTRY_COMPARE(actionTexts(menu.inputMenu()).size(), 3);
    QVERIFY(actionTexts(menu.inputMenu()).contains(QStringLiteral("Keys B")));

    fake->set_inputs({"Keys B"});  // Keys A unplugged
    controller.pollNow();
    QTRY_VERIFY(!actionTexts(menu.inputMenu()).contains(QStringLiteral("Keys A")));
  }

  void choosingAnInputOpensItAndItReconnectsWhenReplugged() {
    auto fake = make_fake();
    MidiController controller(factoryFor(fake));
    MidiMenu menu(&controller);
    QCoreApplication::processEvents();
    actionNamed(menu.inputMenu(), QStringLiteral("Keys A"))->trigger();
    QCOMPARE(fake->open_input_name(), std::string("Keys A"));
    QCOMPARE(controller.statusText(), QStringLiteral("MIDI in: Keys A"));
    QTRY_VERIFY(actionNamed(menu.inputMenu(), QStringLiteral("Keys A"))->isChecked());

    fake->set_inputs({});
    controller.pollNow();
    QCOMPARE(fake->open_input_name(), std::string());
    QCOMPARE(controller.statusText(), QStringLiteral("MIDI in: Keys A (unplugged)"));
    // The choice stays, shown as unplugged, so it reconnects by itself.
    QTRY_VERIFY(actionNamed(menu.inputMenu(), QStringLiteral("Keys A (unplugged)")) != nullptr);

    fake->set_inputs({"Keys A"});
    controller.pollNow();
    QCOMPARE(fake->open_input_name(), std::string("Keys A"));
    QCOMPARE(controller.statusText(), QStringLiteral("MIDI in: Keys A"));
  }

  void choicesAreRememberedAcrossStarts() {
    QSettings().remove(QStringLiteral("midi"));
    auto fake = make_fake();
    {
      MidiController first(factoryFor(fake));
      first.setRemember(true);
      first.openInput(QStringLiteral("Keys A"));
      first.setCountIn(false);
    }
    QCOMPARE(fake->open_input_name(), std::string());  // closed with the controller
    MidiController second(factoryFor(fake));
    second.restoreSettings();
    QCOMPARE(second.input(), QStringLiteral("Keys A"));
    QCOMPARE(fake->open_input_name(), std::string("Keys A"));
    QVERIFY(!second.countIn());
    QSettings().remove(QStringLiteral("midi"));
  }

  void recordingReplacesThePrimerAsOneUndoStep() {
    auto fake = make_fake();
    FakeClock clock;
    MainWindow window(windowOptions(fake));
    QVERIFY(window.midi());
    // The window's controller runs on the steady clock; placing notes on exact steps needs a
    // controller on a fake clock, whose result goes to the window as its own would.
    MidiController controller(factoryFor(fake), clock.clock());
    QObject::connect(&controller, &MidiController::primerRecorded, window.midi(),
                     &MidiController::primerRecorded);
    controller.setCountIn(false);
    controller.setMetronome(false);
    controller.setTempo(120);
    controller.openInput(QStringLiteral("Keys A"));
    const auto before = window.primer()->notes();

    controller.startRecording();
    // 120 qpm: a 16th is 0.125 s. Times below land at 0.08, 3.84 → steps 0..4;
    // 4.0, 7.92 → 4..8; 8.16, 11.92 → 8..12 (rounded to the nearest step).
    const std::vector<std::tuple<double, Bytes>> played = {{0.01, noteOn(62)}, {0.48, noteOff(62)},
                                                           {0.50, noteOn(64)}, {0.99, noteOff(64)},
                                                           {1.02, noteOn(65)}, {1.49, noteOff(65)}};
    for (const auto& [time, bytes] : played) {
      clock.now = time;
      fake->play(bytes);
    }
    clock.now = 1.6;
    QSignalSpy recorded(&controller, &MidiController::primerRecorded);
    controller.stopRecording();
    QCOMPARE(recorded.count(), 1);
    QCoreApplication::processEvents();

    const auto& notes = window.primer()->notes();
    QCOMPARE(notes.size(), size_t(3));
    QCOMPARE((std::tuple{notes[0].pitch, notes[0].start, notes[0].length}), (std::tuple{62, 0, 4}));
    QCOMPARE((std::tuple{notes[1].pitch, notes[1].start, notes[1].length}), (std::tuple{64, 4, 4}));
    QCOMPARE((std::tuple{notes[2].pitch, notes[2].start, notes[2].length}), (std::tuple{65, 8, 4}));

    window.actionSet().undo->trigger();  // one Ctrl+Z
    QCOMPARE(window.primer()->notes(), before);
  }

  void recordingShowsNotesAsPlayedWithAPlayhead() {
    // Issue 11 item 7: while recording, the piano roll shows what is played (a held note
    // growing) with a moving playhead, and the status leaves "count-in" when the bar ends.
    auto fake = make_fake();
    FakeClock clock;
    MainWindow window(windowOptions(fake));
    window.show();
    MidiController controller(factoryFor(fake), clock.clock());
    // The fake-clocked controller's signals reach the window as its own controller's would.
    QObject::connect(&controller, &MidiController::countInEnded, window.midi(),
                     &MidiController::countInEnded);
    QObject::connect(&controller, &MidiController::recordingChanged, window.midi(),
                     &MidiController::recordingChanged);
    QObject::connect(&controller, &MidiController::recordingProgressed, window.midi(),
                     &MidiController::recordingProgressed);
    window.midi()->setCountIn(true);
    controller.setCountIn(true);
    controller.setMetronome(false);
    controller.setTempo(120);
    controller.openInput(QStringLiteral("Keys A"));
    PrimerEditor* editor = window.editor();

    controller.startRecording();  // count-in bar: 0..2 s, step 0 at 2 s
    clock.now = 1.0;
    controller.pollNow();
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("count-in")));
    QVERIFY(editor->showingRecording());
    QVERIFY(editor->recordingNotes().empty());  // the drawn primer is not shown over the take
    QCOMPARE(editor->playheadStep(), 0.0);

    clock.now = 2.01;
    fake->play(noteOn(62));
    clock.now = 2.5;
    controller.pollNow();
    QVERIFY(!window.statusBar()->currentMessage().contains(QStringLiteral("count-in")));
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("Recording")));
    QCOMPARE(editor->recordingNotes().size(), size_t(1));
    QCOMPARE(editor->recordingNotes()[0].pitch, 62);
    QCOMPARE(editor->recordingNotes()[0].length, 4);
    QCOMPARE(editor->playheadStep(), 4.0);

    clock.now = 3.0;  // still held: the note grows and the playhead moves on
    controller.pollNow();
    QCOMPARE(editor->recordingNotes()[0].length, 8);
    QCOMPARE(editor->playheadStep(), 8.0);
    fake->play(noteOff(62));
    // Softer and louder notes after it: the primer keeps how hard each was played.
    const std::vector<std::tuple<double, Bytes>> more = {{3.25, {0x90, 64, 40}},
                                                         {3.5, noteOff(64)},
                                                         {3.5, {0x90, 65, 70}},
                                                         {3.75, noteOff(65)},
                                                         {4.0, {0x90, 67, 127}}};
    for (const auto& [time, bytes] : more) {
      clock.now = time;
      fake->play(bytes);
    }
    clock.now = 4.4;  // G still held
    controller.pollNow();
    QCOMPARE(editor->recordingNotes().size(), size_t(4));
    // MUSA_TEST_SCREENSHOTS=folder: the window while recording, to look at.
    if (const QString folder = qEnvironmentVariable("MUSA_TEST_SCREENSHOTS"); !folder.isEmpty()) {
      Theme::apply(*qApp);
      window.resize(1280, 820);
      ui_test::runFor(100);
      controller.pollNow();
      window.grab().save(folder + QStringLiteral("/n-recording.png"));
    }

    QSignalSpy recorded(&controller, &MidiController::primerRecorded);
    QObject::connect(&controller, &MidiController::primerRecorded, window.midi(),
                     &MidiController::primerRecorded);
    controller.stopRecording();
    QVERIFY(!editor->showingRecording());
    QCOMPARE(editor->playheadStep(), -1.0);
    QCOMPARE(recorded.count(), 1);
    const auto& notes = window.primer()->notes();
    QCOMPARE(notes.size(), size_t(4));
    QCOMPARE((std::tuple{notes[0].velocity, notes[1].velocity, notes[2].velocity, notes[3].velocity}),
             (std::tuple{100, 40, 70, 127}));
    if (const QString folder = qEnvironmentVariable("MUSA_TEST_SCREENSHOTS"); !folder.isEmpty()) {
      ui_test::runFor(100);
      window.grab().save(folder + QStringLiteral("/n-recorded-velocities.png"));
    }
  }

  void recActionRecordsThroughTheWindow() {
    // The toolbar's ● Rec on the window's own controller (real clock): a note played while
    // recording ends up as the primer's first note.
    auto fake = make_fake();
    MainWindow window(windowOptions(fake));
    window.midi()->openInput(QStringLiteral("Keys A"));
    window.midi()->setCountIn(false);
    QAction* rec = window.midiMenu()->recordAction();
    rec->trigger();
    QVERIFY(window.midi()->recording());
    fake->play(noteOn(67));
    ui_test::runFor(300);
    fake->play(noteOff(67));
    rec->trigger();
    QVERIFY(!window.midi()->recording());
    QCOMPARE(window.primer()->notes().size(), size_t(1));
    QCOMPARE(window.primer()->notes()[0].pitch, 67);
    QCOMPARE(window.primer()->undoStack()->count(), 1);
  }

  void jamAnswerAppearsInTheStripAndCanBeKept() {
    auto fake = make_fake();
    MainWindow window(windowOptions(fake));
    window.show();
    MidiController* midi = window.midi();
    midi->openInput(QStringLiteral("Keys A"));
    // Musa's answer, fixed: a falling line, as long as asked.
    midi->setAnswerFunction([](const std::vector<int>&, int steps, const std::atomic<bool>&) {
      std::vector<int> answer(size_t(steps), musa::kMelodyNoEvent);
      answer[0] = 67;
      if (steps > 4) answer[4] = 64;
      return musa::Result<std::vector<int>>(answer);
    });
    window.midiMenu()->jamAction()->trigger();
    QVERIFY(midi->jamEnabled());
    QTRY_VERIFY(window.jamStrip()->isVisible());

    fake->play(noteOn(60));
    QTRY_COMPARE(window.jamStrip()->stateText(), QStringLiteral("Listening…"));
    ui_test::runFor(400);
    fake->play(noteOff(60));
    ui_test::runFor(100);
    fake->play(noteOn(62));
    ui_test::runFor(400);
    fake->play(noteOff(62));
    // The pause is one bar at 120 qpm (2 s); then the answer comes at once.
    QSignalSpy answered(midi, &MidiController::jamAnswered);
    QVERIFY(answered.wait(4000));
    QVERIFY(window.jamStrip()->hasAnswer());
    QVERIFY(window.jamStrip()->keepButton()->isEnabled());
    // MUSA_TEST_SCREENSHOTS=folder: a picture of the window with the strip, to look at.
    if (const QString folder = qEnvironmentVariable("MUSA_TEST_SCREENSHOTS"); !folder.isEmpty()) {
      Theme::apply(*qApp);
      window.resize(1280, 820);
      ui_test::runFor(100);
      window.grab().save(folder + QStringLiteral("/jam-strip.png"));
    }
    const std::vector<int> events = window.jamStrip()->events();
    const int phrase = window.jamStrip()->phraseSteps();
    // About 0.4 s, a rest, 0.4 s at 0.125 s a step: 60 then 62 a little over three steps apart.
    QVERIFY(phrase >= 6 && phrase <= 9);
    QCOMPARE(events[0], 60);
    QCOMPARE(events[size_t(phrase)], 67);  // the answer follows the phrase, leading rests dropped

    const int before = int(std::count_if(window.takes()->takes().begin(), window.takes()->takes().end(),
                                         [](const auto& t) { return !t.empty(); }));
    QTest::mouseClick(window.jamStrip()->keepButton(), Qt::LeftButton);
    const auto& takes = window.takes()->takes();
    const int after =
        int(std::count_if(takes.begin(), takes.end(), [](const auto& t) { return !t.empty(); }));
    QCOMPARE(after, before + 1);
    const auto kept = std::find_if(takes.begin(), takes.end(), [](const auto& t) { return !t.empty(); });
    QCOMPARE(kept->take.melody.events, events);
    QCOMPARE(kept->take.primer_steps, phrase);
    QVERIFY(kept->kept);
  }

  void primerPlaysToTheOutputPortWithItsProgram() {
    auto fake = make_fake();
    MainWindow window(windowOptions(fake));
    window.midi()->openOutput(QStringLiteral("Synth X"));
    window.midi()->setPlayTo(MidiController::PlayTo::Port);
    window.playback()->playPrimer();  // one middle C
    QTRY_VERIFY(contains(fake->sent_bytes(), (Bytes{0x90, 60, 100})));
    const auto sent = fake->sent_bytes();
    QCOMPARE(sent.front()[0] & 0xF0, 0xC0);  // the program change comes first
    window.playback()->stop();
    QTRY_VERIFY(contains(fake->sent_bytes(), (Bytes{0x80, 60, 0})));
  }

  void metronomeClicksDuringPlaybackWhenTicked() {
    auto fake = make_fake();
    MainWindow window(windowOptions(fake));
    window.midi()->openOutput(QStringLiteral("Synth X"));
    window.midi()->setPlayTo(MidiController::PlayTo::Port);
    const Bytes accent{0x99, std::uint8_t(musa::kClickAccent), 110};  // channel 10's hi wood block
    window.playback()->playPrimer();                                  // off: no click
    QTRY_VERIFY(contains(fake->sent_bytes(), (Bytes{0x90, 60, 100})));
    QVERIFY(!contains(fake->sent_bytes(), accent));
    window.playback()->stop();
    QVERIFY(!window.actionSet().metronome->isChecked());
    window.actionSet().metronome->trigger();  // Play → Metronome
    window.playback()->playPrimer();
    QTRY_VERIFY(contains(fake->sent_bytes(), accent));
    window.playback()->stop();
  }

  void thruToThePortPassesNotesOn() {
    auto fake = make_fake();
    MidiController controller(factoryFor(fake));
    controller.openInput(QStringLiteral("Keys A"));
    controller.openOutput(QStringLiteral("Synth X"));
    controller.setThruToPort(true);
    fake->play(noteOn(72));
    fake->play(noteOff(72));
    QVERIFY(contains(fake->sent_bytes(), noteOn(72)));
    QVERIFY(contains(fake->sent_bytes(), noteOff(72)));
  }

  void appWithoutMidiStartsAndSaysSo() {
    AppOptions o = ui_test::options(dir_, model_);
    o.midi_backend = [] { return std::unique_ptr<musa::MidiBackend>(); };  // no MIDI system at all
    MainWindow window(o);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.midi()->available());
    QVERIFY(window.statusText().contains(QStringLiteral("no MIDI")));
    QVERIFY(window.messageBar()->text().contains(QStringLiteral("still work")));
    QVERIFY(!window.midiMenu()->inputMenu()->isEnabled());
  }

  void noMidiReasonSpeaksTheWindowsLanguage() {
    QTranslator spanish;  // removed from the application when it goes
    // The catalogue the app embeds, as built beside it.
    QVERIFY(
        spanish.load(QFileInfo(QStringLiteral(MUSA_APP_PATH)).dir().filePath(QStringLiteral("musa_es.qm"))));
    QCoreApplication::installTranslator(&spanish);
    AppOptions o = ui_test::options(dir_, model_);
    o.midi_backend = [] { return std::unique_ptr<musa::MidiBackend>(); };  // no MIDI system at all
    MainWindow window(o);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.midi()->backendStatus(),
             QStringLiteral("sin MIDI: no se pudo abrir ningún sistema MIDI"));
    QVERIFY2(window.messageBar()->text().startsWith(QStringLiteral("sin MIDI: no se pudo abrir")),
             qPrintable(window.messageBar()->text()));
  }

  void unavailableBackendStatusIsShown() {
    auto fake = make_fake();
    fake->available = false;
    MainWindow window(windowOptions(fake));
    QVERIFY(window.statusText().contains(QStringLiteral("no MIDI: no ALSA sequencer (fake)")));
  }
};

MUSA_TEST_MAIN(TestUiMidi)
#include "test_ui_midi.moc"
