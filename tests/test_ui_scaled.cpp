// The window at 2× scaling on a 1600 × 1000 screen (800 × 500 logical
// pixels), as on a HiDPI laptop: it must fit the screen, its menus and
// toolbars reachable, the takes still shown. This executable sets up that
// screen itself (QT_SCALE_FACTOR and an offscreen screen of that size)
// before the application starts.
#include <QMenuBar>
#include <QScreen>
#include <QToolBar>
#include <QtTest>

#include "test_main.h"
#include "tests/ui_test_support.h"
#include "ui/app/mainwindow.h"
#include "ui/app/theme.h"
#include "ui/generate/generationcontroller.h"
#include "ui/takes/takegrid.h"

class TestScaledWindow : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    Theme::apply(*qApp);
  }

  void fitsTheScreenAtTwiceTheScale() {
    const QScreen* screen = QGuiApplication::primaryScreen();
    QCOMPARE(screen->devicePixelRatio(), 2.0);
    QCOMPARE(screen->availableGeometry().size(), QSize(800, 500));  // logical pixels
    MainWindow window(ui_test::options(dir_, ui_test::makeTinyModel(dir_)));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QSize min = window.minimumSizeHint();
    QVERIFY2(min.width() <= 800 && min.height() <= 500,
             qPrintable(QStringLiteral("minimum %1 × %2").arg(min.width()).arg(min.height())));
    QVERIFY2(screen->availableGeometry().contains(window.frameGeometry()),
             qPrintable(QStringLiteral("window at %1,%2, %3 × %4")
                            .arg(window.x())
                            .arg(window.y())
                            .arg(window.width())
                            .arg(window.height())));
    QVERIFY(window.menuBar()->isVisible());
    for (QToolBar* bar : window.findChildren<QToolBar*>()) QVERIFY(bar->geometry().right() <= window.width());
    QVERIFY(QTest::qWaitFor([&] { return window.generation()->modelReady(); }, 10000));
    QVERIFY(window.takeGrid()->isVisible() && window.takeGrid()->height() > 0);
  }
};

int main(int argc, char** argv) {
  // One offscreen screen of 1600 × 1000 device pixels, scaled 2×.
  QTemporaryDir config_dir;
  if (!ui_test::useOffscreenScreen(config_dir, 1600, 1000)) return 1;
  qputenv("QT_SCALE_FACTOR", "2");
  QApplication app(argc, argv);
  TestScaledWindow test;
  return musa_test::exec_repeated(&test, argc, argv);
}

#include "test_ui_scaled.moc"
