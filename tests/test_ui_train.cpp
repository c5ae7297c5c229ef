// Model → Train on My Music…: the dialog checks a folder of MIDI files and
// says what it found, trains in the background with the losses plotted and
// the plain-words figure, pauses, lets the musician listen to the best
// weights so far, stops and keeps the best (the model joins the Model menu),
// and a run Musa closed during continues at the next start from its
// checkpoint.
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QtTest>

#include "core/music/smf.h"
#include "test_main.h"
#include "tests/ui_test_support.h"
#include "ui/app/mainwindow.h"
#include "ui/generate/generationcontroller.h"
#include "ui/generate/modelmenu.h"
#include "ui/train/losschart.h"
#include "ui/train/traindialog.h"
#include "ui/train/trainingcontroller.h"

namespace {

/** An 8-bar tune in C, different for each `index`. */
void writeSong(const QString& path, int index) {
  musa::NoteSequence s;
  s.tempos.push_back({0.0, 120.0});
  const int scale[] = {60, 62, 64, 65, 67, 69, 71, 72};
  for (int i = 0; i < 32; ++i) {
    const int pitch = scale[(i * 3 + index + i / 8 * index) % 8];
    s.notes.push_back({pitch, 90, i * 0.5, i * 0.5 + 0.4, 0, 0, false});
  }
  s.update_total_time();
  QVERIFY(musa::write_midi_file(s, path.toStdString()).ok());
}

}  // namespace

class TestTrain : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString tiny_, songs_;
  std::unique_ptr<MainWindow> window_;

  void startWindow(AppOptions::Restore restore) {
    AppOptions options = ui_test::options(dir_, tiny_);
    options.restore = restore;
    window_ = std::make_unique<MainWindow>(options);
    window_->show();
    QVERIFY(QTest::qWaitFor([&] { return window_->generation()->modelReady(); }, 5000));
  }
  TrainDialog* dialog() const { return window_->trainDialog(); }
  template <class T>
  T* part(const char* name) const {
    return dialog()->findChild<T*>(QLatin1String(name));
  }
  QPushButton* button(const QString& text) const {
    for (QPushButton* b : dialog()->findChildren<QPushButton*>())
      if (b->text() == text) return b;
    return nullptr;
  }
  /** Waits for the next progress report and returns it. */
  TrainingPoint nextPoint(int ms = 20000) {
    QSignalSpy progressed(dialog()->controller(), &TrainingController::progressed);
    if (!progressed.wait(ms)) return {};
    return progressed.last().first().value<TrainingPoint>();
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    tiny_ = ui_test::makeTinyModel(dir_);
    songs_ = dir_.filePath(QStringLiteral("my songs"));
    QVERIFY(QDir().mkpath(songs_));
    for (int i = 0; i < 8; ++i) writeSong(QStringLiteral("%1/song%2.mid").arg(songs_).arg(i), i);
    QFile drums(songs_ + QStringLiteral("/broken.mid"));
    QVERIFY(drums.open(QIODevice::WriteOnly) && drums.write("MThd but not really") > 0);
  }
  void cleanup() { window_.reset(); }

  void trainsInTheBackgroundPausesListensAndKeepsTheBest() {
    startWindow(AppOptions::Restore::Never);
    dialog()->show();
    dialog()->addFolder(songs_);
    dialog()->checkFiles();
    QLabel* found = part<QLabel>("trainFound");
    QVERIFY(QTest::qWaitFor([&] { return found->text().contains(QStringLiteral("melodies")); }, 20000));
    // 8 tunes (2 held out), the broken file named with its reason, the start in plain words.
    for (const char* words :
         {"8 files with 8 melodies", "2 of the files are held out", "1 file unreadable: header chunk",
          "the starting model guesses what comes next"})
      QVERIFY2(found->text().contains(QLatin1String(words)), qPrintable(found->text()));

    dialog()->startTraining();
    LossChart* chart = part<LossChart>("lossChart");
    QVERIFY(QTest::qWaitFor([&] { return chart->validationPoints() >= 2; }, 60000));
    QVERIFY2(part<QLabel>("trainQuality")->text().contains(QStringLiteral("of the time")),
             qPrintable(part<QLabel>("trainQuality")->text()));
    QVERIFY(part<QProgressBar>("trainProgress")->text().contains(QStringLiteral("left")));
    // The window stays usable: the primer can be generated from meanwhile.
    QSignalSpy shown(window_->generation(), &GenerationController::takesShown);
    window_->generation()->generate();
    QVERIFY(shown.wait(20000));

    // Pause: no update while paused; Resume: on again.
    button(QStringLiteral("Pause"))->click();
    QTest::qWait(300);  // an update under way may still report
    QSignalSpy progressed(dialog()->controller(), &TrainingController::progressed);
    QTest::qWait(1000);
    QCOMPARE(progressed.count(), 0);
    button(QStringLiteral("Resume"))->click();
    QVERIFY(nextPoint().step > 0);

    // Listen Now: ten takes from the best weights so far, which are the new model file.
    const QString model = dialog()->controller()->modelFile();
    QVERIFY(model.startsWith(window_->modelsFolder()));
    QSignalSpy listened(window_->generation(), &GenerationController::takesShown);
    button(QStringLiteral("Listen Now"))->click();
    QVERIFY(listened.wait(20000));
    QCOMPARE(window_->generation()->modelFile(), model);

    QSignalSpy finished(dialog()->controller(), &TrainingController::finished);
    button(QStringLiteral("Stop and Keep Best"))->click();
    QVERIFY(finished.wait(20000));
    QVERIFY(!QFileInfo::exists(model + QStringLiteral(".run.json")));  // finished: not offered again
    window_->modelMenu()->refresh();
    bool listed = false;
    for (QAction* a : window_->modelMenu()->actions())
      listed = listed || (a->data().toString() == model && a->isEnabled() &&
                          a->toolTip().contains(QStringLiteral("Fine-tuned from tiny.safetensors")));
    QVERIFY(listed);

    // Train Another…: back to the folders; the same name becomes "… 2", never overwriting the model.
    button(QStringLiteral("Train Another…"))->click();
    dialog()->checkFiles();
    QVERIFY(QTest::qWaitFor([&] { return button(QStringLiteral("Start Training"))->isEnabled(); }, 20000));
    QCOMPARE(dialog()->controller()->modelFile(),
             QString(model).replace(QStringLiteral(".safetensors"), QStringLiteral(" 2.safetensors")));

    // Stopped before any update is judged: the quality line says the new model is the starting one.
    QSignalSpy stopped(dialog()->controller(), &TrainingController::finished);
    dialog()->startTraining();
    button(QStringLiteral("Stop and Keep Best"))->click();
    QVERIFY(stopped.wait(20000));
    QVERIFY(dialog()->controller()->keptStartingWeights());
    QVERIFY2(part<QLabel>("trainQuality")->text().contains(QStringLiteral("keeps its weights")),
             qPrintable(part<QLabel>("trainQuality")->text()));
  }

  void aRunMusaClosedDuringContinuesAtTheNextStart() {
    startWindow(AppOptions::Restore::Never);
    dialog()->addFolder(songs_);
    dialog()->findChild<QLineEdit*>()->setText(QStringLiteral("interrupted"));
    dialog()->checkFiles();
    QVERIFY(QTest::qWaitFor([&] { return button(QStringLiteral("Start Training"))->isEnabled(); }, 20000));
    dialog()->startTraining();
    long step = 0;
    while (step < 20) step = nextPoint().step;  // past the first checkpoint (every 10 updates)
    const QString model = dialog()->controller()->modelFile();
    window_.reset();  // closing Musa stops the run and keeps its checkpoint
    QVERIFY(QFileInfo::exists(model + QStringLiteral(".run.json")));
    QVERIFY(QFileInfo::exists(model + QStringLiteral(".ckpt")));

    startWindow(AppOptions::Restore::Always);  // "Continue where it stopped?" answered yes
    QVERIFY(QTest::qWaitFor([&] { return window_->trainDialog()->isVisible(); }, 5000));
    const TrainingPoint resumed = nextPoint(30000);
    // From the checkpoint on: its first point is the checkpoint's own step (20
    // or more) when the spy is in time for it, a later one when not; a run
    // started over would report 0 or 5.
    QVERIFY2(resumed.step >= 20, qPrintable(QString::number(resumed.step)));
    QSignalSpy finished(dialog()->controller(), &TrainingController::finished);
    button(QStringLiteral("Stop and Keep Best"))->click();
    QVERIFY(finished.wait(20000));
    QVERIFY(!QFileInfo::exists(model + QStringLiteral(".run.json")));
  }
};

MUSA_TEST_MAIN(TestTrain)
#include "test_ui_train.moc"
