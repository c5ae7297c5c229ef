// Projects and files from the window: save → open, the unsaved mark,
// restore after a crash, broken files, export, primer import.
#include <QAbstractButton>
#include <QMessageBox>
#include <QProcess>
#include <QTimer>
#include <QtTest>
#include <set>

#include "core/music/smf.h"
#include "core/project/primer_import.h"
#include "test_main.h"
#include "tests/ui_test_support.h"
#include "ui/app/mainwindow.h"
#include "ui/generate/generationcontroller.h"
#include "ui/generate/generationcontrols.h"
#include "ui/primer/primercommands.h"
#include "ui/primer/primerdocument.h"
#include "ui/primer/primerimporter.h"
#include "ui/project/autosaver.h"
#include "ui/project/projectcontroller.h"
#include "ui/takes/takeexporter.h"
#include "ui/takes/takesdocument.h"

class TestProjectUi : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString model_;

  std::unique_ptr<MainWindow> makeWindow(const AppOptions& options) {
    auto window = std::make_unique<MainWindow>(options);
    window->show();
    [&] { QVERIFY(QTest::qWaitFor([&] { return window->generation()->modelReady(); }, 5000)); }();
    return window;
  }
  std::unique_ptr<MainWindow> makeWindow() { return makeWindow(ui_test::options(dir_, model_)); }

  void generate(MainWindow& window, uint64_t seed) {
    musa::GenerationSettings s = window.controls()->settings();
    s.seed_locked = true;
    s.seed = seed;
    window.controls()->setSettings(s);
    QSignalSpy shown(window.generation(), &GenerationController::takesShown);
    window.generation()->generate();
    QVERIFY(shown.wait(10000));
  }

  QMessageBox* errorBox(MainWindow& window) {
    QMessageBox* box = nullptr;
    (void)QTest::qWaitFor(
        [&] { return (box = window.findChild<QMessageBox*>(QStringLiteral("fileErrorBox"))) != nullptr; },
        2000);
    return box;
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    model_ = ui_test::makeTinyModel(dir_);
    QVERIFY(!model_.isEmpty());
  }

  void saveThenOpenRestoresEverything() {
    auto window = makeWindow();
    window->primer()->undoStack()->push(new AddNoteCommand(window->primer(), {100, 67, 8, 2, 100}, true, 0));
    generate(*window, 11);
    window->takes()->setKept(1, true);
    window->takes()->setProgram(2, 40);
    QVERIFY(window->isWindowModified());
    QVERIFY(window->windowTitle().contains(QStringLiteral("[*]")));
    const QString path = dir_.filePath(QStringLiteral("song.musa"));
    QVERIFY(window->project()->saveProjectAs(path));
    QVERIFY(!window->isWindowModified());
    QVERIFY(window->windowTitle().startsWith(QStringLiteral("song.musa")));
    const musa::Project saved = window->project()->snapshot();

    auto other = makeWindow();
    QVERIFY(other->project()->openProject(path));
    const musa::Project opened = other->project()->snapshot();
    QCOMPARE(opened.takes, saved.takes);
    QCOMPARE(opened.settings, saved.settings);
    QCOMPARE(opened.primer.size(), saved.primer.size());
    QVERIFY(opened.takes[1].kept);
    QCOMPARE(opened.takes[2].program, 40);
    QVERIFY(!other->isWindowModified());
  }

  void brokenFileLeavesTheWindowIntact() {
    auto window = makeWindow();
    generate(*window, 12);
    const musa::Project before = window->project()->snapshot();
    const QString path = dir_.filePath(QStringLiteral("broken.musa"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"musa-project\", \"version\": 1, \"primer\": [{\"pitch\": \"sixty\"");
    file.close();
    QVERIFY(!window->project()->openProject(path));
    QMessageBox* box = errorBox(*window);
    QVERIFY(box);
    QVERIFY(box->text().contains(path));                    // names the file …
    QVERIFY(box->text().contains(QStringLiteral("JSON")));  // … and the problem
    box->close();
    QCOMPARE(window->project()->snapshot(), before);
  }

  void newerProjectVersionIsExplained() {
    auto window = makeWindow();
    const QString path = dir_.filePath(QStringLiteral("future.musa"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"musa-project\", \"version\": 99}");
    file.close();
    QVERIFY(!window->project()->openProject(path));
    QMessageBox* box = errorBox(*window);
    QVERIFY(box && box->text().contains(QStringLiteral("newer")));
    box->close();
  }

  void restoresAfterACrash() {
    QTemporaryDir data;
    AppOptions options = ui_test::options(dir_, model_);
    options.data_folder = data.path();
    musa::Project crashed;
    {
      auto window = makeWindow(options);
      generate(*window, 13);
      window->takes()->setKept(3, true);
      crashed = window->project()->snapshot();
      // Find the autosaver and let it write, then "crash": the window goes without a clean close.
      Autosaver* autosaver = window->project()->autosaver();
      QVERIFY(autosaver);
      autosaver->saveIfChanged();
      autosaver->flush();
      QVERIFY(QFile::exists(autosaver->autosavePath()));
    }
    options.restore = AppOptions::Restore::Always;
    auto restored = makeWindow(options);
    QTRY_COMPARE(restored->project()->snapshot().takes, crashed.takes);
    QVERIFY(restored->isWindowModified());
  }

  void restoresAfterTheAppIsKilled() {
    // A real crash: a musa process (offscreen) generates, autosaves, and gets kill -9; a new window restores.
    const QString musa = QFileInfo(QStringLiteral(MUSA_CLI_PATH)).dir().filePath(QStringLiteral("musa"));
    QVERIFY2(QFileInfo(musa).isExecutable(), qPrintable(musa + QStringLiteral(" is not built")));
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("share")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    const QString data =
        home.filePath(QStringLiteral("share/Musa/Musa"));  // AppDataLocation: organisation/application
    QProcess app;
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    app.start(musa, {QStringLiteral("--model"), model_, QStringLiteral("--no-audio"),
                     QStringLiteral("--seed"), QStringLiteral("21"), QStringLiteral("--primer"),
                     QStringLiteral("60 -2 62 -2 64"), QStringLiteral("--generate-on-start")});
    QVERIFY(app.waitForStarted(10000));
    // The first autosave comes one interval after the start; wait until it holds the generated takes.
    musa::Project autosaved;
    QString autosave_path;
    const bool written = QTest::qWaitFor(
        [&] {
          for (const QFileInfo& file :
               QDir(data).entryInfoList({QStringLiteral("autosave-*.musa")}, QDir::Files)) {
            const auto project = musa::load_project(file.absoluteFilePath().toStdString());
            if (project.ok() && !project->takes.empty() && !project->takes.front().empty()) {
              autosaved = project.value();
              autosave_path = file.absoluteFilePath();
              return true;
            }
          }
          return false;
        },
        30000);
    QVERIFY2(written, "the musa process wrote no autosave with takes");
    app.kill();  // SIGKILL: no clean exit, the lock stays behind with a dead owner
    QVERIFY(app.waitForFinished(10000));
    QCOMPARE(app.exitStatus(), QProcess::CrashExit);

    AppOptions options = ui_test::options(dir_, model_);
    options.data_folder = data;
    options.restore = AppOptions::Restore::Always;
    auto restored = makeWindow(options);
    QTRY_COMPARE(restored->project()->snapshot().takes, autosaved.takes);
    QCOMPARE(restored->project()->snapshot().primer.size(), size_t(3));
    QVERIFY(restored->isWindowModified());
    QVERIFY(!QFile::exists(autosave_path));  // restored once, not offered again
  }

  void aSecondWindowDoesNotRestoreTheFirst() {
    // Issue 12: a second running instance treated the first as crashed and took its autosave.
    QTemporaryDir data;
    AppOptions options = ui_test::options(dir_, model_);
    options.data_folder = data.path();
    options.restore = AppOptions::Restore::Always;
    auto first = makeWindow(options);
    generate(*first, 16);
    QTest::qWait(20);  // the restore question (none) and the session start
    first->project()->autosaver()->saveIfChanged();
    first->project()->autosaver()->flush();
    const QString first_autosave = first->project()->autosaver()->autosavePath();
    QVERIFY(QFile::exists(first_autosave));

    auto second = makeWindow(options);
    QTest::qWait(50);
    QVERIFY(second->project()->snapshot().takes != first->project()->snapshot().takes);  // nothing restored
    QVERIFY(QFile::exists(first_autosave));  // and the first's autosave is still there
    second->project()->autosaver()->saveIfChanged();
    second->project()->autosaver()->flush();
    QVERIFY(first->project()->saveProjectAs(dir_.filePath(QStringLiteral("first.musa"))));
    QVERIFY(first->close());                                                 // a clean exit of the first …
    QVERIFY(QFile::exists(second->project()->autosaver()->autosavePath()));  // … leaves the second's autosave
  }

  void cleanExitLeavesNothingToRestore() {
    QTemporaryDir data;
    AppOptions options = ui_test::options(dir_, model_);
    options.data_folder = data.path();
    {
      auto window = makeWindow(options);
      QTest::qWait(20);  // the restore question (none) and the session start
      window->project()->autosaver()->saveIfChanged();
      window->project()->autosaver()->flush();
      window->project()->saveProjectAs(
          dir_.filePath(QStringLiteral("clean.musa")));  // nothing unsaved: close does not ask
      QVERIFY(window->close());
    }
    Autosaver probe(data.path(), [] { return musa::Project{}; });
    QVERIFY(!probe.hasCrashedSession());
  }

  void exportWritesFilesTheReaderReadsBack() {
    auto window = makeWindow();
    generate(*window, 14);
    musa::GenerationSettings s = window->controls()->settings();
    s.qpm = 90;
    s.program = 73;  // flute for every take without its own instrument
    window->controls()->setSettings(s);
    window->takes()->setKept(0, true);
    window->takes()->setKept(5, true);
    window->takes()->setProgram(5, 40);
    ExportChoice choice;
    choice.folder = dir_.filePath(QStringLiteral("export"));
    const QStringList files = window->exporter()->exportTakes(choice);
    QCOMPARE(files.size(), 2);
    QVERIFY(files[0].endsWith(QStringLiteral("musa-take-01.mid")));
    QVERIFY(files[1].endsWith(QStringLiteral("musa-take-06.mid")));
    for (int i = 0; i < 2; ++i) {
      const auto seq = musa::read_midi_file(files[i].toStdString());
      QVERIFY(seq.ok());
      QVERIFY(std::abs(seq->initial_qpm() - 90.0) < 1e-3);  // a MIDI tempo is whole microseconds per quarter
      QVERIFY(!seq->notes.empty());
      QCOMPARE(seq->notes.front().program, i == 0 ? 73 : 40);
    }
    choice.multitrack = true;
    const QStringList multi = window->exporter()->exportTakes(choice);
    QCOMPARE(multi.size(), 1);
    const auto seq = musa::read_midi_file(multi[0].toStdString());
    QVERIFY(seq.ok());
    std::set<int> tracks;
    for (const auto& n : seq->notes) tracks.insert(n.instrument);
    QCOMPARE(tracks.size(), size_t(2));
  }

  void dragAndCopyCarryAMidiFile() {
    auto window = makeWindow();
    generate(*window, 15);
    std::unique_ptr<QMimeData> mime(window->exporter()->takeMimeData(2));
    QVERIFY(mime);
    QCOMPARE(mime->urls().size(), 1);
    const QString path = mime->urls().front().toLocalFile();
    QVERIFY(path.endsWith(QStringLiteral("musa-take-03.mid")));
    QVERIFY(musa::read_midi_file(path.toStdString()).ok());
    QVERIFY(!mime->data(QStringLiteral("audio/midi")).isEmpty());
  }

  void importsTheProposedMelodyAsPrimer() {
    musa::NoteSequence seq;
    seq.tempos.push_back({0, 120});
    for (int i = 0; i < 6; ++i) seq.notes.push_back({40, 100, i * 0.5, i * 0.5 + 0.4, 33, 1, false});
    for (int i = 0; i < 4; ++i) seq.notes.push_back({72 + i, 100, i * 0.25, i * 0.25 + 0.2, 0, 2, false});
    seq.tracks = {{1, "Bass", 33, false}, {2, "Melody", 0, false}};
    const QString path = dir_.filePath(QStringLiteral("two-tracks.mid"));
    QVERIFY(musa::write_midi_file(seq, path.toStdString()).ok());
    auto window = makeWindow();
    const auto before = window->primer()->notes();
    QVERIFY(window->importer()->importPrimer(path, -2));
    const auto notes = window->primer()->notes();
    QCOMPARE(notes.size(), size_t(4));
    QCOMPARE(notes.front().pitch, 72);
    QCOMPARE(notes.front().length, 2);  // 0.2 s at 120 qpm: two 16ths after quantizing
    window->primer()->undoStack()->undo();
    QCOMPARE(window->primer()->notes(), before);
  }

  void hugeImportSaysSoAndOffersTheFirstBars() {
    // Issue 11 item 8: 300,000 16ths (18,750 bars) imported without a word before.
    musa::NoteSequence seq;
    seq.tempos.push_back({0, 120});
    for (int i = 0; i < 300000; ++i)
      seq.notes.push_back({60 + i % 7, 100, i * 0.125, i * 0.125 + 0.1, 0, 0, false});
    seq.tracks = {{0, "Melody", 0, false}};
    seq.update_total_time();
    const QString path = dir_.filePath(QStringLiteral("huge.mid"));
    QVERIFY(musa::write_midi_file(seq, path.toStdString()).ok());
    auto window = makeWindow();
    const auto before = window->primer()->notes();

    // Answers the box when it comes; what it said stays for the checks.
    QString said;
    const auto answer = [&](QMessageBox::ButtonRole role) {
      QTimer::singleShot(0, [&said, role] {
        QMessageBox* box = nullptr;
        (void)QTest::qWaitFor(
            [&] { return (box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())); }, 5000);
        QVERIFY(box);
        QCOMPARE(box->objectName(), QStringLiteral("longPrimerBox"));
        said = box->text();
        // MUSA_TEST_SCREENSHOTS=folder: the box, to look at.
        if (const QString folder = qEnvironmentVariable("MUSA_TEST_SCREENSHOTS"); !folder.isEmpty())
          box->window()->grab().save(folder + QStringLiteral("/n-long-import.png"));
        for (QAbstractButton* button : box->buttons())
          if (box->buttonRole(button) == role) button->click();
      });
    };
    answer(QMessageBox::RejectRole);
    QVERIFY(!window->importer()->importPrimer(path, -2));
    QVERIFY(said.contains(QStringLiteral("huge.mid")));
    QVERIFY(said.contains(QStringLiteral("≥ 4096 bars")));  // 18,750 bars: only the first 4,096 are read
    QCOMPARE(window->primer()->notes(), before);            // Cancel: nothing changed

    said.clear();
    answer(QMessageBox::AcceptRole);
    QVERIFY(window->importer()->importPrimer(path, -2));
    QVERIFY(!said.isEmpty());
    const auto& notes = window->primer()->notes();
    QCOMPARE(int(notes.size()), musa::kOfferedPrimerBars * musa::kStepsPerBar);
    QCOMPARE(musa::primer_end_step(notes), musa::kOfferedPrimerBars * musa::kStepsPerBar);
    // And Generate takes it.
    generate(*window, 3);
    QVERIFY(window->takes()->session().any_take());
  }
};

MUSA_TEST_MAIN(TestProjectUi)
#include "test_ui_project.moc"
