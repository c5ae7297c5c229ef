// The app around the window: Qt's own strings in the musician's language
// (qtbase translations, qt6-translations-l10n), and `musa --help` and
// `--version` without a display, and a scripted run that cleans up after itself.
#include <QDialogButtonBox>
#include <QPushButton>
#include <QtTest>

#include "test_main.h"
#include "tests/ui_test_support.h"
#include "ui/app/translations.h"

class TestApp : public QObject {
  Q_OBJECT

  /** Runs the musa binary with no display at all; returns its exit code and output. */
  static std::pair<int, QString> runWithoutDisplay(const QStringList& args) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));  // would abort: no X server
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    return ui_test::runToEnd(QStringLiteral(MUSA_APP_PATH), args, env, 20000);
  }

 private slots:
  void helpNeedsNoDisplay() {
    const auto [code, output] = runWithoutDisplay({QStringLiteral("--help")});
    QVERIFY2(code == 0, qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("--soundfont")) && output.contains(QStringLiteral("--lang")),
             qPrintable(output));
  }

  void versionNeedsNoDisplay() {
    const auto [code, output] = runWithoutDisplay({QStringLiteral("--version")});
    QVERIFY2(code == 0, qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("0.1.0")), qPrintable(output));
  }

  void helpSpeaksTheChosenLanguage() {
    const auto [code, output] =
        runWithoutDisplay({QStringLiteral("--lang"), QStringLiteral("es"), QStringLiteral("--help")});
    QVERIFY2(code == 0, qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("Opciones")), qPrintable(output));  // Qt's own "Options:"
  }

  // A screenshot or timing run keeps its autosave in a temporary folder and removes it once the window
  // (and so the autosave's lock file) is gone: nothing left behind, no "could not remove" warning.
  void aScriptedRunLeavesNothingBehind() {
    QTemporaryDir temp, runtime;  // Qt's runtime folder would default to one in TMPDIR
    QVERIFY(temp.isValid() && runtime.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TMPDIR"), temp.path());
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const auto [code, output] = ui_test::runToEnd(
        QStringLiteral(MUSA_APP_PATH), {QStringLiteral("--timings"), QStringLiteral("--no-audio")}, env);
    QVERIFY2(code == 0, qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("window usable after")), qPrintable(output));
    QVERIFY2(!output.contains(QStringLiteral("lock file")), qPrintable(output));
    const QStringList left =
        QDir(temp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
  }

  // Last: it leaves the Spanish catalogues installed.
  void qtsOwnButtonsSpeakSpanish() {
    const QStringList installed = Translations::install(*qApp, QLocale(QLocale::Spanish, QLocale::Spain));
    QVERIFY2(installed.contains(QStringLiteral("qtbase")),
             "qtbase_es.qm not found: install qt6-translations-l10n (setup.sh does)");
    QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Cancelar"));
  }
};

MUSA_TEST_MAIN(TestApp)
#include "test_ui_app.moc"
