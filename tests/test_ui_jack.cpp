// The window against a real JACK server (jackd's dummy driver, private name)
// that this test starts and stops: a server started after Musa is picked up
// without a restart, its sound is connected to the system playback ports and
// the status bar says so, a server that dies while a take plays is noticed
// (no crash, no hang) and playback is heard again when it returns; the master
// volume sets the level live and in WAV export, and both settings are
// remembered; a MIDI flood through the graph leaves the window responsive;
// with JACK running, the app's sound goes to JACK before any other device.
#include <QAction>
#include <QSettings>
#include <QSlider>
#include <QtEndian>
#include <QtTest>
#include <atomic>
#include <cmath>
#include <cstring>
#include <thread>

#include "core/audio/soundfont.h"
#include "core/audio/synth.h"
#include "core/midi/rtmidi_backend.h"
#include "core/util/process_memory.h"
#include "jack_test_client.h"
#include "jack_test_server.h"
#include "sanitizers.h"
#include "test_main.h"
#include "tests/ui_test_support.h"
#include "ui/app/mainwindow.h"
#include "ui/app/messagebar.h"
#include "ui/app/stallprobe.h"
#include "ui/generate/generationcontroller.h"
#include "ui/generate/generationcontrols.h"
#include "ui/midi/midicontroller.h"
#include "ui/playback/audioengine.h"
#include "ui/playback/playbackcontroller.h"
#include "ui/takes/takecard.h"
#include "ui/takes/takeexporter.h"
#include "ui/takes/takegrid.h"
#include "ui/takes/takesdocument.h"

namespace {

const std::string kLeft = std::string(musa::Synth::kJackClientName) + ":left";
const std::string kRight = std::string(musa::Synth::kJackClientName) + ":right";

/** Peak of a 16-bit PCM WAV's data chunk, as a fraction of full scale (−1: unreadable). */
double wavPeak(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return -1;
  const QByteArray bytes = file.readAll();
  for (qsizetype at = 12; at + 8 <= bytes.size();) {
    const auto size = qFromLittleEndian<quint32>(bytes.constData() + at + 4);
    if (std::memcmp(bytes.constData() + at, "data", 4) == 0) {
      double peak = 0;
      for (qsizetype i = at + 8; i + 1 < bytes.size() && i < at + 8 + qsizetype(size); i += 2)
        peak = std::max(peak, std::abs(qFromLittleEndian<qint16>(bytes.constData() + i) / 32768.0));
      return peak;
    }
    at += 8 + size + (size & 1);
  }
  return -1;
}

}  // namespace

class TestUiJack : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString model_;
  std::unique_ptr<musa::testing::JackTestServer> server_;
  std::unique_ptr<MainWindow> window_;

  AppOptions jackOptions() {
    AppOptions options = ui_test::options(dir_, model_);
    options.audio = true;
    options.audio_drivers = {QStringLiteral("jack")};  // whatever else this machine has
    return options;
  }
  bool loaded(MainWindow& window) {
    return QTest::qWaitFor(
        [&] {
          const auto state = window.audio()->state();
          return state != AudioEngine::State::Loading && state != AudioEngine::State::Off;
        },
        20000);
  }
  /**
   * What most tests start from, whatever ran before: the JACK server running,
   * the window's sound ready on it, ten takes. Callers check
   * QTest::currentTestFailed() after.
   */
  void openReadyWindowWithTakes() {
    if (!server_->running()) QVERIFY2(server_->start(), "jackd (dummy driver) did not start");
    if (!window_) {
      window_ = std::make_unique<MainWindow>(jackOptions());
      window_->show();
    }
    QVERIFY(loaded(*window_));
    QTRY_COMPARE_WITH_TIMEOUT(window_->audio()->state(), AudioEngine::State::Ready,
                              AudioEngine::kRetryMs + 5000);
    if (!window_->takes()->session().has_take(0)) {
      QSignalSpy shown(window_->generation(), &GenerationController::takesShown);
      window_->generation()->generate();
      QVERIFY(shown.wait(10000));
    }
  }
  QString renderTake(const QString& name) {
    const QString path = dir_.filePath(name);
    QSignalSpy done(window_->audio(), &AudioEngine::renderFinished);
    window_->exporter()->renderTakeToWav(0, path);
    return done.wait(20000) && done.at(0).at(1).toString().isEmpty() ? path : QString();
  }

 private slots:
  void initTestCase() {
    if (musa::find_soundfont().empty()) QSKIP("no soundfont installed");
    if (musa::testing::JackTestServer::jackd().isEmpty())
      QSKIP("jackd is not installed (apt install jackd2)");
    QStandardPaths::setTestModeEnabled(true);  // QSettings writes go to a test folder
    QSettings().clear();
    model_ = ui_test::makeTinyModel(dir_);
    QVERIFY(!model_.isEmpty());
    server_ = std::make_unique<musa::testing::JackTestServer>("ui");  // named, not started
  }
  void cleanupTestCase() {
    window_.reset();
    server_.reset();
  }

  void serverStartedAfterMusaIsPickedUp() {
    server_->stop();  // none at start
    window_ = std::make_unique<MainWindow>(jackOptions());
    window_->show();
    QVERIFY(loaded(*window_));
    QCOMPARE(window_->audio()->state(), AudioEngine::State::NoOutput);
    QVERIFY2(window_->statusText().contains(QStringLiteral("No audio device — WAV export still works")),
             qPrintable(window_->statusText()));
    QSignalSpy shown(window_->generation(), &GenerationController::takesShown);
    window_->generation()->generate();
    QVERIFY(shown.wait(10000));

    QVERIFY2(server_->start(), "jackd (dummy driver) did not start");
    QTRY_COMPARE_WITH_TIMEOUT(window_->audio()->state(), AudioEngine::State::Ready,
                              AudioEngine::kRetryMs + 5000);
    QVERIFY2(musa::testing::jack_connections(kLeft) == std::vector<std::string>{"system:playback_1"},
             musa::testing::jack_graph().c_str());
    QVERIFY2(musa::testing::jack_connections(kRight) == std::vector<std::string>{"system:playback_2"},
             musa::testing::jack_graph().c_str());
    QVERIFY2(window_->statusText().contains(QStringLiteral("Sound: JACK → system:playback_1/2")),
             qPrintable(window_->statusText()));
  }

  void serverThatStopsWhileATakePlaysIsNoticed() {
    openReadyWindowWithTakes();
    if (QTest::currentTestFailed()) return;
    window_->playback()->setLoop(true);
    window_->playback()->playTake(0);
    QTRY_VERIFY_WITH_TIMEOUT(window_->audio()->playing(), 5000);
    StallProbe probe;
    probe.start();
    server_->stop();  // the musician quits JACK mid-take
    QTRY_COMPARE_WITH_TIMEOUT(window_->audio()->state(), AudioEngine::State::NoOutput, 3000);
    QVERIFY2(window_->statusText().contains(QStringLiteral("JACK server stopped")),
             qPrintable(window_->statusText()));
    QVERIFY(window_->messageBar()->isVisible());
    QVERIFY2(window_->messageBar()->text().contains(QStringLiteral("JACK server stopped")),
             qPrintable(window_->messageBar()->text()));
    ui_test::runFor(AudioEngine::kRetryMs + 500);  // a retry that finds no server, too
    probe.stop();
    qInfo("longest event-loop stall while the server went away: %.1f ms", probe.maxGapMs());
    QVERIFY2(probe.maxGapMs() < 250, "the UI thread hung when the JACK server went away");
    QVERIFY(window_->audio()->playing());  // the take plays on (the playhead moves), silently

    QVERIFY(server_->start());  // back: the take is heard again, connected as before
    QTRY_COMPARE_WITH_TIMEOUT(window_->audio()->state(), AudioEngine::State::Ready,
                              AudioEngine::kRetryMs + 5000);
    QVERIFY(window_->audio()->playing());
    QCOMPARE(musa::testing::jack_connections(kLeft), std::vector<std::string>{"system:playback_1"});
    QVERIFY2(window_->statusText().contains(QStringLiteral("Sound: JACK → system:playback_1/2")),
             qPrintable(window_->statusText()));
    window_->playback()->stop();
    window_->playback()->setLoop(false);
  }

  void autoconnectCanBeTurnedOff() {
    openReadyWindowWithTakes();
    if (QTest::currentTestFailed()) return;
    auto* autoconnect = window_->findChild<QAction*>(QStringLiteral("jackAutoconnectAction"));
    QVERIFY(autoconnect && autoconnect->isCheckable() && autoconnect->isChecked());
    autoconnect->setChecked(false);  // the musician routes Musa into a DAW by hand
    QTRY_VERIFY_WITH_TIMEOUT(window_->statusText().contains(QStringLiteral("not connected")), 5000);
    QVERIFY(musa::testing::jack_connections(kLeft).empty());
    QCOMPARE(window_->audio()->state(), AudioEngine::State::Ready);
    autoconnect->setChecked(true);
    QTRY_VERIFY2_WITH_TIMEOUT(
        musa::testing::jack_connections(kLeft) == std::vector<std::string>{"system:playback_1"},
        musa::testing::jack_graph().c_str(), 5000);
    QTRY_VERIFY(window_->statusText().contains(QStringLiteral("system:playback_1/2")));
  }

  void volumeSetsTheLevelLiveAndInWavExport() {
    openReadyWindowWithTakes();
    if (QTest::currentTestFailed()) return;
    QSlider* volume = window_->volumeSlider();
    QVERIFY(volume);
    QCOMPARE(volume->value(), 100);
    const QString full = renderTake(QStringLiteral("full.wav"));
    QVERIFY(!full.isEmpty());
    volume->setValue(50);
    QCOMPARE(window_->audio()->volume(), 0.5);
    const QString half = renderTake(QStringLiteral("half.wav"));
    QVERIFY(!half.isEmpty());
    const double a = wavPeak(full), b = wavPeak(half);
    qInfo("take peak at volume 100 %%: %.1f dBFS, at 50 %%: %.1f dBFS", 20 * std::log10(a),
          20 * std::log10(b));
    QVERIFY(a > 0 && b > 0);
    QVERIFY2(std::abs(20 * std::log10(b / a) + 12.04) < 0.5, "half volume is not -12 dB in the WAV");
    volume->setValue(100);
  }

  void volumeAndAutoconnectAreRemembered() {
    window_.reset();
    if (!server_->running()) QVERIFY2(server_->start(), "jackd (dummy driver) did not start");
    AppOptions options = jackOptions();
    options.remember = true;
    {
      MainWindow first(options);
      first.volumeSlider()->setValue(70);
      first.findChild<QAction*>(QStringLiteral("jackAutoconnectAction"))->setChecked(false);
      QVERIFY(first.close());  // writes the settings
    }
    MainWindow second(options);
    QCOMPARE(second.volumeSlider()->value(), 70);
    QCOMPARE(second.audio()->volume(), 0.7);
    QVERIFY(!second.findChild<QAction*>(QStringLiteral("jackAutoconnectAction"))->isChecked());
    QVERIFY(!second.audio()->jackAutoconnect());
    QVERIFY(loaded(second));
    QCOMPARE(second.audio()->state(), AudioEngine::State::Ready);
    QVERIFY(musa::testing::jack_connections(kLeft).empty());  // as the musician left it
    QSettings().clear();
  }

  // A machine with a sound card beside JACK (here ALSA's default is a null device, which opens): the sound
  // goes into the JACK graph, where the musician routes it, not to ALSA's default card.
  void aRunningJackServerComesBeforeOtherSoundDevices() {
    if (!server_->running()) QVERIFY2(server_->start(), "jackd (dummy driver) did not start");
    QTemporaryDir home, runtime, temp;
    QVERIFY(home.isValid() && runtime.isValid() && temp.isValid());
    QFile asoundrc(home.filePath(QStringLiteral(".asoundrc")));
    QVERIFY(asoundrc.open(QIODevice::WriteOnly));
    asoundrc.write("pcm.!default {\n  type null\n}\n");
    asoundrc.close();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();  // JACK_DEFAULT_SERVER: this test's
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime.path());  // no PulseAudio or PipeWire socket
    env.insert(QStringLiteral("TMPDIR"), temp.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const auto [code, output] =
        ui_test::runToEnd(QStringLiteral(MUSA_APP_PATH), {QStringLiteral("--timings")}, env);
    QVERIFY2(code == 0 && output.contains(QStringLiteral("soundfont ready after")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("(Sound: JACK")), qPrintable(output));
  }

  void midiFloodLeavesTheWindowResponsive() {
    // 10,000 MIDI messages a second for 10 s into the window's input through
    // JACK, thru to the synth sounding into the same graph: the UI thread
    // keeps its frames, nothing is lost, and memory stays flat.
    if (!server_->running()) QVERIFY2(server_->start(), "jackd (dummy driver) did not start");
    window_.reset();
    AppOptions options = jackOptions();
    options.midi_backend = [] {
      return std::unique_ptr<musa::MidiBackend>(
          std::make_unique<musa::RtMidiBackend>("Musa", musa::MidiSystem::Jack));
    };
    window_ = std::make_unique<MainWindow>(options);
    window_->show();
    QVERIFY(loaded(*window_));
    QCOMPARE(window_->audio()->state(), AudioEngine::State::Ready);
    musa::testing::JackTestClient keyboard;
    QVERIFY(keyboard.open("musa-flood"));
    window_->midi()->openInput(QStringLiteral("musa-flood:out"));
    QTRY_VERIFY_WITH_TIMEOUT(window_->midi()->inputOpen() && keyboard.connected(), 5000);

    constexpr int kRate = 10000, kSeconds = 10;
    const int xruns_before = keyboard.xruns();
    const quint64 delivered_before = window_->midi()->thruDelivered();
    const double rss_before = musa::resident_mb();
    std::atomic<double> rss_mid{0};
    std::atomic<std::uint64_t> sent{0};
    std::atomic<bool> done{false};
    StallProbe probe;
    probe.start();
    std::thread sender([&] {
      sent = keyboard.flood(kRate, kSeconds, [&](std::uint64_t so_far) {
        if (rss_mid == 0 && so_far >= std::uint64_t(kRate) * kSeconds / 2) rss_mid = musa::resident_mb();
      });
      done = true;
    });
    while (!done) ui_test::runFor(50);  // the window's own event loop, as the musician has it
    sender.join();
    const auto delivered = [&] { return window_->midi()->thruDelivered() - delivered_before; };
    ui_test::runFor(500);
    probe.stop();
    const double rss_after = musa::resident_mb();
    const int xruns = keyboard.xruns() - xruns_before;
    qInfo(
        "window under a MIDI flood: %llu messages, %llu through to the synth (%d xruns); longest event-loop "
        "stall %.1f ms (%d ticks); RSS %.1f -> %.1f -> %.1f MB",
        static_cast<unsigned long long>(sent.load()), static_cast<unsigned long long>(delivered()), xruns,
        probe.maxGapMs(), probe.ticks(), rss_before, rss_mid.load(), rss_after);
    // JACK drops MIDI only in a late cycle (an xrun: a machine loaded far beyond its cores).
    if (xruns == 0) QCOMPARE(delivered(), quint64(sent.load()));
    // Figures of time and memory mean nothing under a sanitizer; what happened is checked all the same.
    if (!musa::testing::kUnderSanitizer) {
      QVERIFY2(probe.maxGapMs() < 50, "the UI thread stalled under the MIDI flood");  // as during playback
      QVERIFY2(rss_after - rss_mid < 2.0,
               qPrintable(QStringLiteral("RSS grew %1 MB").arg(rss_after - rss_mid)));
    }
    window_->midi()->openInput(QString());
  }
};

MUSA_TEST_MAIN(TestUiJack)
#include "test_ui_jack.moc"
