// The window with its real audio path: the soundfont loads in the
// background; with no audio device the window says so in a message bar and
// everything else works — generating, playing (the playhead moves),
// rendering to WAV — without stalling the event loop. Each test sets up what
// it needs, so the suite passes on a machine with or without a sound server
// (./setup.sh test runs it both ways).
#include <QtTest>

#include "core/audio/soundfont.h"
#include "test_main.h"
#include "tests/ui_test_support.h"
#include "ui/app/mainwindow.h"
#include "ui/app/messagebar.h"
#include "ui/app/stallprobe.h"
#include "ui/generate/generationcontroller.h"
#include "ui/generate/generationcontrols.h"
#include "ui/playback/audioengine.h"
#include "ui/playback/playbackcontroller.h"
#include "ui/takes/miniroll.h"
#include "ui/takes/takecard.h"
#include "ui/takes/takeexporter.h"
#include "ui/takes/takegrid.h"
#include "ui/takes/takesdocument.h"

class TestAudioUi : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::unique_ptr<MainWindow> window_;

 private slots:
  void initTestCase() {
    if (musa::find_soundfont().empty()) QSKIP("no soundfont installed");
    AppOptions options = ui_test::options(dir_, ui_test::makeTinyModel(dir_));
    options.audio = true;
    QElapsedTimer clock;
    clock.start();
    window_ = std::make_unique<MainWindow>(options);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    const qint64 shown = clock.elapsed();
    QVERIFY(QTest::qWaitFor(
        [&] {
          const auto state = window_->audio()->state();
          return state != AudioEngine::State::Loading && state != AudioEngine::State::Off;
        },
        20000));
    qInfo("window exposed after %lld ms; soundfont loaded and output tried after %lld ms (%s)", shown,
          clock.elapsed(), qPrintable(window_->audio()->stateText()));
    QVERIFY(window_->generation()->modelReady());
    QSignalSpy takes(window_->generation(), &GenerationController::takesShown);
    window_->generation()->generate();
    QVERIFY(takes.wait(10000));
    QVERIFY(window_->takeGrid()->card(9)->hasTake());
  }
  void cleanupTestCase() { window_.reset(); }

  void noDeviceShowsAMessageBarAndKeepsWorking() {
    // No device, whatever this machine has: only JACK is tried, under a
    // server name no one runs.
    const QByteArray old_server = qgetenv("JACK_DEFAULT_SERVER");
    qputenv("JACK_DEFAULT_SERVER",
            "musa-test-none-" + QByteArray::number(QCoreApplication::applicationPid()));
    const auto restore = qScopeGuard([&] {
      old_server.isNull() ? qunsetenv("JACK_DEFAULT_SERVER") : qputenv("JACK_DEFAULT_SERVER", old_server);
    });
    AppOptions options = ui_test::options(dir_, ui_test::makeTinyModel(dir_));
    options.audio = true;
    options.audio_drivers = {QStringLiteral("jack")};
    MainWindow window(options);
    window.show();
    QVERIFY(QTest::qWaitFor([&] { return window.audio()->state() == AudioEngine::State::NoOutput; }, 20000));
    QVERIFY(window.messageBar()->isVisible());
    QVERIFY(window.messageBar()->text().contains(QStringLiteral("exported")));
    QVERIFY2(window.statusText().contains(QStringLiteral("No audio device — WAV export still works")),
             qPrintable(window.statusText()));
    QVERIFY(window.audio()->canRender());
    QSignalSpy shown(window.generation(), &GenerationController::takesShown);
    window.generation()->generate();
    QVERIFY(shown.wait(10000));
    QVERIFY(window.takeGrid()->card(9)->hasTake());
    window.playback()->playTake(0);  // plays without a device: the playhead moves
    QVERIFY(window.audio()->playing());
    window.playback()->stop();
  }

  void playingMovesThePlayheadWithoutStalls() {
    musa::GenerationSettings s = window_->controls()->settings();
    s.qpm = 240;  // a short take: 133 steps at 240 qpm ≈ 8 s; we listen to one second of it
    window_->controls()->setSettings(s);
    window_->activateWindow();  // shortcuts need the active window (another test may have shown its own)
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    StallProbe probe;
    probe.start();
    QTest::keyClick(window_.get(), Qt::Key_3);  // keys 1…0 play takes 1…10
    MiniRoll* roll = window_->takeGrid()->card(2)->miniRoll();
    ui_test::runFor(1000);
    probe.stop();
    QVERIFY(window_->audio()->playing());
    QVERIFY(roll->playhead() > 0.05);
    qInfo("longest event-loop stall while playing: %.2f ms (%d ticks)", probe.maxGapMs(), probe.ticks());
    QVERIFY(probe.ticks() > 300);
    QVERIFY2(probe.maxGapMs() < 50, "the UI thread stalled during playback");  // goal 16 ms
    QTest::keyClick(window_.get(), Qt::Key_Space);                             // Space stops
    QVERIFY(!window_->audio()->playing());
    QCOMPARE(roll->playhead(), -1.0);
  }

  void layeredTakesEachGetTheirOwnInstrument() {
    window_->takes()->setLayered(0, true);
    window_->takes()->setLayered(1, true);
    const int a = window_->takes()->takes()[0].program, b = window_->takes()->takes()[1].program;
    QVERIFY(a >= 0 && b >= 0 && a != b);
    window_->playback()->playLayered();
    QVERIFY(window_->audio()->playing());
    window_->playback()->stop();
  }

  void rendersATakeToWav() {
    const QString path = dir_.filePath(QStringLiteral("take.wav"));
    QSignalSpy done(window_->audio(), &AudioEngine::renderFinished);
    window_->exporter()->renderTakeToWav(0, path);
    QVERIFY(done.wait(20000));
    QCOMPARE(done.at(0).at(1).toString(), QString());
    QFile wav(path);
    QVERIFY(wav.open(QIODevice::ReadOnly));
    QCOMPARE(wav.read(4), QByteArray("RIFF"));
    QVERIFY(wav.size() > 44100);  // seconds of stereo audio, not just a header
  }
};

MUSA_TEST_MAIN(TestAudioUi)
#include "test_ui_audio.moc"
