// The window as a musician meets it (issue 11): keys that keep working
// after typing in a field, no "unsaved changes" for an untouched session,
// a layout that fits an 800 × 600 screen (this test's offscreen screen),
// the export dialog's memory, a model that falls back, play while the
// sound loads, the shortcuts page, note names on hover.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QRadioButton>
#include <QScreen>
#include <QSpinBox>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

#include "core/audio/soundfont.h"
#include "core/project/project.h"
#include "core/project/settings.h"
#include "core/util/resources.h"
#include "test_main.h"
#include "tests/ui_test_support.h"
#include "ui/app/actions.h"
#include "ui/app/elidedlabel.h"
#include "ui/app/mainwindow.h"
#include "ui/app/messagebar.h"
#include "ui/app/shortcutsdialog.h"
#include "ui/app/theme.h"
#include "ui/generate/generationcontroller.h"
#include "ui/generate/generationcontrols.h"
#include "ui/playback/audioengine.h"
#include "ui/primer/primercommands.h"
#include "ui/primer/primerdocument.h"
#include "ui/primer/primereditor.h"
#include "ui/project/autosaver.h"
#include "ui/project/projectcontroller.h"
#include "ui/takes/exportdialog.h"
#include "ui/takes/miniroll.h"
#include "ui/takes/takecard.h"
#include "ui/takes/takeexporter.h"
#include "ui/takes/takegrid.h"
#include "ui/takes/takesdocument.h"

class TestWindow : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QTemporaryDir settings_dir_;
  QString model_;

  std::unique_ptr<MainWindow> makeWindow(const AppOptions& options) {
    auto window = std::make_unique<MainWindow>(options);
    window->show();
    QApplication::setActiveWindow(window.get());  // window shortcuts need the active window
    [&] {
      QVERIFY(QTest::qWaitForWindowActive(window.get()));
      QVERIFY(QTest::qWaitFor([&] { return window->generation()->modelReady(); }, 10000));
    }();
    return window;
  }
  std::unique_ptr<MainWindow> makeWindow() { return makeWindow(ui_test::options(dir_, model_)); }

  static void generate(MainWindow& window, int takes = 10) {
    musa::GenerationSettings s = window.controls()->settings();
    s.seed_locked = true;
    s.seed = 21;
    s.takes = takes;
    window.controls()->setSettings(s);
    QSignalSpy shown(window.generation(), &GenerationController::takesShown);
    window.generation()->generate();
    QVERIFY(shown.wait(10000));
  }

  /** The text part of a spin box, where a click means "I will type". */
  static QLineEdit* textOf(QSpinBox* box) { return box->findChild<QLineEdit*>(); }

  /** Clicks into `box`'s text and types `text` over it (not yet committed). */
  static void typeInto(QSpinBox* box, const QString& text) {
    QLineEdit* edit = textOf(box);
    QTest::mouseClick(edit, Qt::LeftButton, {}, edit->rect().center());
    QVERIFY(box->hasFocus());
    QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);  // select all, as a musician would
    QTest::keyClicks(box, text);
  }

  /** Watches for a modal dialog (a question) and closes it, remembering that one came. */
  struct ModalWatch {
    bool seen = false;
    QTimer timer;
    ModalWatch() {
      timer.setInterval(50);
      QObject::connect(&timer, &QTimer::timeout, [this] {
        if (QWidget* modal = QApplication::activeModalWidget()) {
          seen = true;
          modal->close();
        }
      });
      timer.start();
    }
  };

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid() && settings_dir_.isValid());
    // Windows that remember settings (remember = true) keep them here, not in the tester's.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings_dir_.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings_dir_.path());
    QCoreApplication::setOrganizationName(QStringLiteral("MusaWindowTest"));
    QCoreApplication::setApplicationName(QStringLiteral("MusaWindowTest"));
    Theme::apply(*qApp);  // the real look: sizes and spin box arrows depend on it
    model_ = ui_test::makeTinyModel(dir_);
    QVERIFY(!model_.isEmpty());
  }
  void cleanup() { QSettings().clear(); }

  // ---- item 4: no focus trap ---------------------------------------------------------

  void enterInAFieldHandsTheKeysBackToTheTakes() {
    auto window = makeWindow();
    generate(*window);
    QSpinBox* tempo = window->controls()->tempoBox();
    typeInto(tempo, QStringLiteral("90"));
    QTest::keyClick(tempo, Qt::Key_Return);
    QCOMPARE(window->controls()->settings().qpm, 90.0);
    QVERIFY(!tempo->hasFocus());
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(window->takeGrid()));
    // The keys now act on the takes, not on the tempo.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_3);
    QCOMPARE(window->takes()->current(), 2);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_K);
    QVERIFY(window->takes()->takes()[2].kept);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Up);
    QCOMPARE(window->controls()->settings().qpm, 90.0);
  }

  void escapeInAFieldPutsTheTextBack() {
    auto window = makeWindow();
    QSpinBox* bars = window->controls()->barsBox();
    typeInto(bars, QStringLiteral("3"));
    QTest::keyClick(bars, Qt::Key_Escape);
    QCOMPARE(window->controls()->settings().bars, 8);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(window->takeGrid()));
  }

  void shortcutsWorkWhileAFieldHasFocus() {
    auto window = makeWindow();
    generate(*window);
    QSpinBox* takes = window->controls()->takesBox();
    takes->setFocus();  // focused, nothing typed (as after clicking its arrows)
    QVERIFY(takes->hasFocus());
    QTest::keyClick(takes, Qt::Key_4);
    QCOMPARE(window->takes()->current(), 3);  // take 4 plays: the digit was not typed
    QCOMPARE(takes->value(), 10);
    QTest::keyClick(takes, Qt::Key_K);
    QVERIFY(window->takes()->takes()[3].kept);

    // While typing, digits go into the field, but Ctrl shortcuts still reach the window.
    QSpinBox* tempo = window->controls()->tempoBox();
    typeInto(tempo, QStringLiteral("1"));
    QCOMPARE(window->takes()->current(), 3);
    const bool looping = window->actionSet().loop->isChecked();
    QTest::keyClick(tempo, Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(window->actionSet().loop->isChecked(), !looping);
    QSignalSpy exported(window->actionSet().exportTakes, &QAction::triggered);
    ModalWatch watch;  // Ctrl+E opens the export dialog: close it
    QTest::keyClick(tempo, Qt::Key_E, Qt::ControlModifier);
    QCOMPARE(exported.count(), 1);
    QVERIFY(watch.seen);
  }

  void clickingACardFocusesTheGrid() {
    auto window = makeWindow();
    generate(*window);
    window->controls()->tempoBox()->setFocus();
    TakeCard* card = window->takeGrid()->card(5);
    QTest::mouseClick(card, Qt::LeftButton, {}, QPoint(card->width() / 2, card->height() - 10));
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(window->takeGrid()));
    QCOMPARE(window->takes()->current(), 5);
  }

  void shiftDigitsPlayTakesElevenToSixteen() {
    auto window = makeWindow();
    generate(*window, musa::kMaxTakes);
    QCOMPARE(window->takeGrid()->cardCount(), 16);
    QTest::keyClick(window.get(), Qt::Key_1, Qt::ShiftModifier);
    QCOMPARE(window->takes()->current(), 10);
    QTest::keyClick(window.get(), Qt::Key_6, Qt::ShiftModifier);
    QCOMPARE(window->takes()->current(), 15);
    QVERIFY(window->takeGrid()->card(12)->playButton()->toolTip().contains(QStringLiteral("Shift+3")));
  }

  // ---- item 5: no spurious "unsaved changes" -----------------------------------------

  void rememberedSettingsLeaveANewSessionClean() {
    musa::Project remembered;
    remembered.settings.qpm = 96;
    remembered.settings.takes = 12;
    remembered.settings.temperature = 1.4;
    QSettings().setValue(QStringLiteral("generation/settings"),
                         QByteArray::fromStdString(musa::project_to_json(remembered)));
    AppOptions options = ui_test::options(dir_, model_);
    options.remember = true;
    auto window = makeWindow(options);
    QCOMPARE(window->controls()->settings().qpm, 96.0);  // the settings did arrive
    QCOMPARE(window->takeGrid()->cardCount(), 12);
    QTest::qWait(50);  // the start-up restore question (none)
    QVERIFY(!window->project()->isDirty());
    QVERIFY(!window->isWindowModified());
    QCOMPARE(window->windowTitle(), QStringLiteral("Untitled[*] — Musa"));
    ModalWatch watch;
    QVERIFY(window->close());  // quitting asks nothing
    QVERIFY(!watch.seen);
  }

  void aRestoredSessionKeepsItsFileName() {
    QTemporaryDir data;
    AppOptions options = ui_test::options(dir_, model_);
    options.data_folder = data.path();
    const QString path = dir_.filePath(QStringLiteral("song.musa"));
    {
      auto window = makeWindow(options);
      QTest::qWait(20);  // the session starts
      QVERIFY(window->project()->saveProjectAs(path));
      window->primer()->undoStack()->push(
          new AddNoteCommand(window->primer(), {100, 67, 8, 2, 100}, true, 0));
      window->project()->autosaver()->saveIfChanged();
      window->project()->autosaver()->flush();
    }  // gone without a clean exit: a crash
    options.restore = AppOptions::Restore::Always;
    auto restored = makeWindow(options);
    QTRY_COMPARE(restored->primer()->notes().size(), size_t(2));
    QCOMPARE(restored->project()->currentFile(), path);
    QVERIFY(restored->windowTitle().startsWith(QStringLiteral("song.musa")));
    QVERIFY(restored->isWindowModified());  // restored work is not saved yet
  }

  // ---- item 6: the layout --------------------------------------------------------------

  void fitsAnEightHundredBySixHundredScreen() {
    auto window = makeWindow();
    const QRect screen = window->screen()->availableGeometry();
    QCOMPARE(screen.size(), QSize(800, 600));  // the offscreen platform's screen
    const QSize min = window->minimumSizeHint();
    QVERIFY2(min.width() <= 800 && min.height() <= 600,
             qPrintable(QStringLiteral("minimum %1 × %2").arg(min.width()).arg(min.height())));
    QVERIFY2(screen.contains(window->frameGeometry()),
             qPrintable(QStringLiteral("window %1 × %2").arg(window->width()).arg(window->height())));
    generate(*window);
    QTRY_VERIFY(window->takeGrid()->columns() < TakeGrid::kColumns);  // fewer columns, no wider window
    for (int i = 0; i < window->takeGrid()->cardCount(); ++i) {
      TakeCard* card = window->takeGrid()->card(i);
      QVERIFY(card->width() >= card->minimumSizeHint().width());
      QVERIFY(card->miniRoll()->height() > 0);
    }
  }

  void aNarrowWindowCutsTheTakesHintWithAnEllipsis() {
    auto window = makeWindow();  // 800 px wide: the offscreen screen
    generate(*window);
    auto* hint = window->findChild<ElidedLabel*>();
    QVERIFY(hint);
    QVERIFY(hint->width() < hint->fontMetrics().horizontalAdvance(hint->text()));
    QVERIFY2(hint->shownText().endsWith(QChar(0x2026)), qPrintable(hint->shownText()));
    QVERIFY(hint->text().startsWith(hint->shownText().chopped(1)));
    QCOMPARE(hint->toolTip(), hint->text());
    const int margins = hint->width() - hint->contentsRect().width();
    hint->resize(hint->fontMetrics().horizontalAdvance(hint->text()) + margins + 1, hint->height());
    QCOMPARE(hint->shownText(), hint->text());
  }

  void tickingLayerKeepsTheWidthAndTheColumnsEqual() {
    auto window = makeWindow();
    generate(*window);
    QTest::qWait(50);
    const int width = window->width();
    for (int i : {1, 3, 4}) {
      TakeCard* card = window->takeGrid()->card(i);
      QTest::mouseClick(card->layerBox(), Qt::LeftButton, {}, QPoint(5, card->layerBox()->height() / 2));
    }
    QVERIFY(window->takes()->takes()[3].layered);
    QTest::qWait(50);
    QCOMPARE(window->width(), width);
    const int columns = window->takeGrid()->columns();
    for (int i = 1; i < columns; ++i)
      QVERIFY2(std::abs(window->takeGrid()->card(i)->width() - window->takeGrid()->card(0)->width()) <= 1,
               qPrintable(QStringLiteral("card %1: %2 px, card 1: %3 px")
                              .arg(i + 1)
                              .arg(window->takeGrid()->card(i)->width())
                              .arg(window->takeGrid()->card(0)->width())));
  }

  void restoredGeometryIsClampedToTheScreen() {
    {
      MainWindow big(ui_test::options(dir_, model_));
      big.setGeometry(100, 80, 2400, 1500);  // saved on a larger screen, or at another scale
      QSettings().setValue(QStringLiteral("window/geometry"), big.saveGeometry());
    }
    AppOptions options = ui_test::options(dir_, model_);
    options.remember = true;
    auto window = makeWindow(options);
    QVERIFY2(window->screen()->availableGeometry().contains(window->frameGeometry()),
             qPrintable(QStringLiteral("window at %1,%2, %3 × %4")
                            .arg(window->x())
                            .arg(window->y())
                            .arg(window->width())
                            .arg(window->height())));
  }

  // ---- item 9: the monophonic hint -----------------------------------------------------

  void theHintCoversNoEditedNoteAndSaysWhatHappened() {
    auto window = makeWindow();
    PrimerEditor* editor = window->editor();
    // A note at the top left of the view, where the hint used to go; the new one starts inside it.
    const int top_pitch = editor->geometry().pitchAt(PianoRollGeometry::kRulerHeight + 20);
    const int left_step = int(editor->geometry().stepAt(PianoRollGeometry::kKeyboardWidth + 20)) + 1;
    window->primer()->reset({{1, top_pitch, left_step, 8, 100}});
    QTest::mouseClick(editor->viewport(), Qt::LeftButton, {},
                      editor->cellCenter(left_step + 2, top_pitch - 1));
    QCOMPARE(window->primer()->notes().size(), size_t(2));
    QVERIFY(editor->hint().contains(QStringLiteral("shortened")));
    const QRect hint = editor->hintRect();
    for (const musa::PrimerNote& n : window->primer()->notes())
      QVERIFY2(!hint.intersects(editor->geometry().noteRect(n)), qPrintable(editor->hint()));

    // A new note over the start of another removes it: the hint says so, not "shortened".
    window->primer()->reset({{1, 64, 4, 4, 100}});
    editor->centerOnPitch(63);
    QTest::mouseClick(editor->viewport(), Qt::LeftButton, {}, editor->cellCenter(4, 62));
    QCOMPARE(window->primer()->notes().size(), size_t(1));
    QVERIFY2(editor->hint().contains(QStringLiteral("removed")), qPrintable(editor->hint()));
    QVERIFY(!editor->hint().contains(QStringLiteral("shortened")));
  }

  // ---- item 11: small things -------------------------------------------------------------

  void exportOffersAllTakesAndRemembersTheChoice() {
    const QString folder = dir_.filePath(QStringLiteral("all-takes"));
    {
      auto window = makeWindow();
      generate(*window);
      QTimer::singleShot(100, window.get(), [&] {
        auto* dialog = qobject_cast<ExportDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        QRadioButton* all = nullptr;
        for (QRadioButton* button : dialog->findChildren<QRadioButton*>())
          if (button->text().startsWith(QStringLiteral("All takes"))) all = button;
        QVERIFY(all && all->isEnabled());
        all->click();
        for (QRadioButton* button : dialog->findChildren<QRadioButton*>())
          if (button->text().startsWith(QStringLiteral("One multi-track"))) button->click();
        dialog->findChild<QLineEdit*>(QStringLiteral("exportFolder"))->setText(folder);
        dialog->accept();
      });
      window->exporter()->exportDialog();
      QCOMPARE(QDir(folder).entryList({QStringLiteral("*.mid")}, QDir::Files).size(),
               1);  // one file, all takes
      QCOMPARE(window->exporter()->lastChoice().takes, ExportChoice::Takes::All);
      QSettings settings;
      window->exporter()->writeSettings(settings);
    }
    // The next session's dialog opens as the last one was left.
    auto window = makeWindow();
    QSettings settings;
    window->exporter()->readSettings(settings);
    generate(*window);
    ExportChoice shown;
    QTimer::singleShot(100, window.get(), [&] {
      auto* dialog = qobject_cast<ExportDialog*>(QApplication::activeModalWidget());
      QVERIFY(dialog);
      shown = dialog->choice();
      dialog->reject();
    });
    window->exporter()->exportDialog();
    QCOMPARE(shown.folder, folder);
    QCOMPARE(shown.takes, ExportChoice::Takes::All);
    QVERIFY(shown.multitrack);
  }

  void aModelThatFailsFallsBackToTheShippedOne() {
    if (QString::fromStdString(musa::default_model_path()).isEmpty()) QSKIP("no shipped model found");
    const QString broken = dir_.filePath(QStringLiteral("broken.safetensors"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a model");
    file.close();
    auto window = makeWindow(ui_test::options(dir_, broken));  // waits until a model is ready
    QVERIFY(window->generation()->modelReady());
    const QString message = window->messageBar()->text();
    QVERIFY2(
        message.contains(QStringLiteral("broken.safetensors")) && message.contains(QStringLiteral("shipped")),
        qPrintable(message));
    generate(*window);  // and it composes
    QVERIFY(window->takes()->session().any_take());
  }

  void playWhileTheSoundLoadsWaitsForIt() {
    if (musa::find_soundfont().empty()) QSKIP("no soundfont installed");
    AudioEngine audio;
    QSignalSpy waiting(&audio, &AudioEngine::waitingForSound);
    QSignalSpy ready(&audio, &AudioEngine::outputUnavailable);
    audio.start(QString(), false);  // no device: the synth alone
    QCOMPARE(audio.state(), AudioEngine::State::Loading);
    musa::NoteSequence notes;
    notes.notes.push_back({.pitch = 60, .velocity = 100, .start = 0.0, .end = 0.5});
    audio.play(notes, 4.0, false);
    QCOMPARE(waiting.count(), 1);
    QVERIFY(audio.playing());  // waiting counts as playing: the playhead waits at 0
    QCOMPARE(audio.position(), 0.0);
    QVERIFY(ready.wait(20000));
    // The pass starts when the sound is there, from its beginning.
    QVERIFY(audio.playing());
    QVERIFY2(audio.position() < 0.5, qPrintable(QString::number(audio.position())));
    audio.stop();
    QVERIFY(!audio.playing());
  }

  void spinBoxesShowTheirArrows() {
    QSpinBox box;
    box.setRange(1, 99);
    box.resize(90, 28);
    box.show();
    QVERIFY(QTest::qWaitForWindowExposed(&box));
    const QImage image = box.grab().toImage();
    // The arrows are light marks in the buttons' column at the right end.
    int light = 0;
    for (int x = image.width() - 18; x < image.width() - 2; ++x)
      for (int y = 2; y < image.height() - 2; ++y)
        if (qGray(image.pixel(x, y)) > 150) ++light;
    QVERIFY2(light >= 6, qPrintable(QStringLiteral("%1 light pixels").arg(light)));
  }

  // ---- also: the shortcuts page, note names on hover ----------------------------------------

  void theShortcutsPageListsEveryActionWithAKey() {
    auto window = makeWindow();
    const auto rows = ShortcutsDialog::rows(window->menuBar(), window.get());
    int checked = 0;
    for (const QAction* action : window->findChildren<QAction*>()) {
      if (action->shortcut().isEmpty() || !window->actions().contains(const_cast<QAction*>(action))) continue;
      const QString keys = action->shortcut().toString(QKeySequence::NativeText);
      const bool listed = std::any_of(rows.begin(), rows.end(), [&](const ShortcutsDialog::Row& row) {
        return row.keys.split(QStringLiteral(", ")).contains(keys);
      });
      QVERIFY2(listed, qPrintable(action->text() + QStringLiteral(" ") + keys));
      ++checked;
    }
    QVERIFY(checked >= 30);  // File, Edit, Generate, Play with 16 takes, Help
    ShortcutsDialog page(window->menuBar(), window.get());
    QVERIFY(page.table()->topLevelItemCount() > checked);
    window->actionSet().shortcuts->trigger();
    QTRY_VERIFY(window->findChild<ShortcutsDialog*>() != nullptr);
  }

  void hoverNamesTheNoteInTheKey() {
    auto window = makeWindow();
    musa::GenerationSettings s = window->controls()->settings();
    s.key = 3;  // E♭ major: pitch 63 is E♭, not D♯
    window->controls()->setSettings(s);
    window->primer()->reset({{1, 63, 20, 4, 100}});  // bar 2, beat 2
    PrimerEditor* editor = window->editor();
    editor->centerOnNotes();
    QCOMPARE(editor->noteToolTip(editor->cellCenter(21, 63)), QStringLiteral("E♭4, bar 2 beat 2"));
    QVERIFY(editor->noteToolTip(editor->cellCenter(21, 70)).isEmpty());

    MiniRoll roll;
    roll.resize(320, 80);
    std::vector<int> events(32, -2);
    events[0] = 66;  // F♯4 (D major's third) at bar 1 beat 1
    events[6] = 70;  // D major's ♭6: B♭4, at beat 2 + 2/16
    roll.setMelody(events, 0);
    roll.setKey(musa::Key{2, musa::Mode::major});
    // The roll spans pitches 66 … 80 top to bottom (an octave and more), 32 steps across.
    const double step = 320.0 / 32, semitone = 80.0 / 15;
    const auto at = [&](int s, int pitch) {
      return QPoint(int((s + 0.5) * step), int((80 - pitch + 0.5) * semitone));
    };
    QCOMPARE(roll.noteToolTip(at(2, 66)), QStringLiteral("F♯4, bar 1 beat 1"));
    QCOMPARE(roll.noteToolTip(at(7, 70)), QStringLiteral("B♭4, bar 1 beat 2 + 2/16"));
    QVERIFY(roll.noteToolTip(at(2, 75)).isEmpty());
  }
};

int main(int argc, char** argv) {
  QTemporaryDir config_dir;  // an 800 × 600 screen, the smallest Musa must fit
  if (!ui_test::useOffscreenScreen(config_dir, 800, 600)) return 1;
  QApplication app(argc, argv);
  TestWindow test;
  return musa_test::exec_repeated(&test, argc, argv);
}
#include "test_ui_window.moc"
