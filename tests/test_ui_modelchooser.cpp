// Model → Open Model: a Magenta .mag bundle and a Magenta.js folder load and
// generate, the model's name shows in the status bar, a bad file keeps the
// current model with a message naming the file, and a model that loaded is
// remembered for the next start (a failed one is not), and a project
// records its model and opens with it.
#include <QtTest>

#include "core/model/magentajs.h"
#include "core/model/model_file.h"
#include "test_main.h"
#include "tests/ui_test_support.h"
#include "ui/app/mainwindow.h"
#include "ui/generate/generationcontroller.h"
#include "ui/generate/generationcontrols.h"
#include "ui/generate/modelchooser.h"
#include "ui/generate/modelmenu.h"
#include "ui/project/projectcontroller.h"
#include "ui/takes/takesdocument.h"

namespace {
const QString kMagBundle = QStringLiteral(MUSA_TEST_DATA "/tiny_attention_rnn.mag");
}  // namespace

class TestModelChooser : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString tiny_;
  std::unique_ptr<MainWindow> window_;

  GenerationController* generation() const { return window_->generation(); }
  /** Opens `path` as Model → Open Model does and waits for the answer; true when it loaded. */
  bool openModel(const QString& path) {
    QSignalSpy loaded(generation(), &GenerationController::modelLoaded);
    QSignalSpy failed(generation(), &GenerationController::modelFailed);
    window_->modelChooser()->open(path);
    if (!QTest::qWaitFor([&] { return !loaded.isEmpty() || !failed.isEmpty(); }, 10000)) return false;
    return !loaded.isEmpty();
  }
  /** The takes' melodies of one Generate with seed 5. */
  std::vector<std::vector<int>> generateTakes() {
    musa::GenerationSettings s = window_->controls()->settings();
    s.seed_locked = true;
    s.seed = 5;
    window_->controls()->setSettings(s);
    QSignalSpy shown(generation(), &GenerationController::takesShown);
    generation()->generate();
    if (!shown.wait(10000)) return {};
    std::vector<std::vector<int>> melodies;
    for (const musa::SessionTake& t : window_->takes()->takes()) melodies.push_back(t.take.melody.events);
    return melodies;
  }
  void startWindow(AppOptions options) {
    window_ = std::make_unique<MainWindow>(options);
    window_->show();
    QVERIFY(QTest::qWaitFor([&] { return generation()->modelReady(); }, 5000));
  }

 private slots:
  void initTestCase() {
    // Remembered choices go to a throw-away settings file, never the musician's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MusaTest"));
    QCoreApplication::setApplicationName(QStringLiteral("test_ui_modelchooser"));
    QSettings().clear();
    QVERIFY(dir_.isValid());
    tiny_ = ui_test::makeTinyModel(dir_);
    QVERIFY(!tiny_.isEmpty());
  }
  void init() { startWindow(ui_test::options(dir_, tiny_)); }
  void cleanup() { window_.reset(); }
  void cleanupTestCase() { QSettings().clear(); }

  void magentaBundleLoadsShowsItsNameAndGenerates() {
    const auto with_tiny = generateTakes();
    QCOMPARE(int(with_tiny.size()), 10);
    QVERIFY(openModel(kMagBundle));
    QCOMPARE(generation()->modelFile(), kMagBundle);
    QVERIFY2(window_->statusText().contains(QStringLiteral("tiny_attention_rnn")),
             qPrintable(window_->statusText()));
    const auto with_bundle = generateTakes();
    QCOMPARE(int(with_bundle.size()), 10);
    for (const auto& melody : with_bundle) QVERIFY(!melody.empty());
    // Same seed, same primer: other takes, so the bundle's weights made them.
    QVERIFY(with_bundle != with_tiny);
  }

  void magentaJsFolderShowsTheFolderName() {
    musa::Result<musa::ModelFile> tiny = musa::load_model(tiny_.toStdString());
    QVERIFY(tiny.ok());
    const QString folder = dir_.filePath(QStringLiteral("my-checkpoint"));
    QVERIFY(musa::export_magentajs(tiny->weights, folder.toStdString(), /*force=*/true).ok());
    const QString manifest = folder + QStringLiteral("/weights_manifest.json");
    QVERIFY(openModel(manifest));
    QVERIFY2(window_->statusText().contains(QStringLiteral("model: my-checkpoint")),
             qPrintable(window_->statusText()));
    QCOMPARE(int(generateTakes().size()), 10);
  }

  void badFileKeepsTheModelAndNamesTheFile() {
    const QString bad = dir_.filePath(QStringLiteral("broken.mag"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a Magenta bundle");
    file.close();
    const auto before = generateTakes();
    QSignalSpy problem(generation(), &GenerationController::problem);
    QVERIFY(!openModel(bad));
    QCOMPARE(problem.count(), 1);
    const QString message = problem.first().first().toString();
    QVERIFY2(message.contains(bad), qPrintable(message));
    // Still the tiny model: ready, named, and generating the same takes as before.
    QVERIFY(generation()->modelReady());
    QCOMPARE(generation()->modelFile(), tiny_);
    QVERIFY2(window_->statusText().contains(QStringLiteral("model: tiny")),
             qPrintable(window_->statusText()));
    QCOMPARE(generateTakes(), before);
  }

  void theProjectRecordsItsModelAndOpensWithIt() {
    QVERIFY(openModel(kMagBundle));
    const QString song = dir_.filePath(QStringLiteral("song.musa"));
    QVERIFY(window_->project()->saveProjectAs(song));
    window_.reset();
    startWindow(ui_test::options(dir_, tiny_));
    QCOMPARE(generation()->modelFile(), tiny_);
    QSignalSpy loaded(generation(), &GenerationController::modelLoaded);
    QVERIFY(window_->project()->openProject(song));
    QVERIFY(loaded.wait(10000));
    QCOMPARE(generation()->modelFile(), kMagBundle);
  }

  // Model menu: the shipped model, then the musician's folder by name, each with its card; a
  // broken file is listed but cannot be chosen; choosing one loads it and checks it; a project
  // made with a model that has gone says so and generates with the shipped one.
  void modelMenuListsTheLibraryAndAProjectWithoutItsModelUsesTheShippedOne() {
    const QString folder = window_->modelsFolder();
    QVERIFY(QDir(folder).removeRecursively() && QDir().mkpath(folder));
    musa::Result<musa::ModelFile> tiny = musa::load_model(tiny_.toStdString());
    QVERIFY(tiny.ok());
    const QString mine = folder + QStringLiteral("/my waltzes.safetensors");
    const char* record = R"json({"data": {"summary": "42 training files (18326 steps)"},
        "init": "/somewhere/attention_rnn.safetensors", "best_step": 80,
        "validation": {"nll_per_step": 0.5903, "accuracy": 0.826}})json";
    QVERIFY(musa::save_model(tiny->weights, mine.toStdString(), record).ok());
    QFile broken(folder + QStringLiteral("/broken.safetensors"));
    QVERIFY(broken.open(QIODevice::WriteOnly) && broken.write("not a model") > 0);
    broken.close();

    auto entries = [&] {
      window_->modelMenu()->refresh();
      QList<QAction*> found;
      for (QAction* a : window_->modelMenu()->actions())
        if (a->objectName() == QStringLiteral("modelEntry")) found << a;
      return found;
    };
    QList<QAction*> listed = entries();
    QCOMPARE(listed.size(), 3);
    QVERIFY(listed[0]->text().contains(QStringLiteral("attention_rnn (shipped)")));
    QVERIFY(listed[0]->toolTip().contains(QStringLiteral("Trained on")));
    QCOMPARE(listed[1]->text(), QStringLiteral("broken"));
    QVERIFY(!listed[1]->isEnabled());
    QVERIFY(listed[1]->toolTip().contains(QStringLiteral("broken.safetensors")));
    QCOMPARE(listed[2]->text(), QStringLiteral("my waltzes"));
    const QString card = listed[2]->toolTip();
    for (const char* part : {"Fine-tuned from attention_rnn.safetensors", "Trained on 42 training files",
                             "guesses what comes next 83 % of the time", "80 training updates"})
      QVERIFY2(card.contains(QLatin1String(part)), qPrintable(card));
    QVERIFY(std::none_of(listed.begin(), listed.end(), [](QAction* a) { return a->isChecked(); }));

    QSignalSpy loaded(generation(), &GenerationController::modelLoaded);
    listed[2]->trigger();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(generation()->modelFile(), mine);
    listed = entries();
    QVERIFY(listed[2]->isChecked() && !listed[0]->isChecked());

    const QString song = dir_.filePath(QStringLiteral("waltz.musa"));
    QVERIFY(window_->project()->saveProjectAs(song));
    window_.reset();
    QVERIFY(QFile::remove(mine));
    startWindow(ui_test::options(dir_, tiny_));
    QSignalSpy said(window_->project(), &ProjectController::statusMessage);
    QVERIFY(window_->project()->openProject(song));
    QVERIFY(QTest::qWaitFor([&] { return !said.isEmpty(); }, 5000));
    const QString message = said.first().first().toString();
    QVERIFY2(message.contains(mine) && message.contains(QStringLiteral("shipped")), qPrintable(message));
    QVERIFY(QTest::qWaitFor(
        [&] {
          return generation()->modelReady() && QFileInfo(generation()->modelFile()).fileName() ==
                                                   QStringLiteral("attention_rnn.safetensors");
        },
        10000));
    QDir(folder).removeRecursively();
  }

  void aLoadedModelIsRememberedAFailedOneIsNot() {
    AppOptions remembering = ui_test::options(dir_, QString());
    remembering.remember = true;
    window_.reset();
    startWindow(remembering);
    QVERIFY(openModel(kMagBundle));
    QVERIFY(!openModel(dir_.filePath(QStringLiteral("missing.safetensors"))));
    window_.reset();
    // The next start, without --model: the bundle chosen last time.
    startWindow(remembering);
    QCOMPARE(generation()->modelFile(), kMagBundle);
    // --model still wins over the remembered choice.
    QCOMPARE(window_->modelChooser()->startupModel(tiny_), tiny_);
  }
};

MUSA_TEST_MAIN(TestModelChooser)
#include "test_ui_modelchooser.moc"
