#pragma once
// Every test's main(), as Qt Test's QTEST_MAIN, QTEST_GUILESS_MAIN and
// QTEST_APPLESS_MAIN make it, plus what Debian's Qt 6.4 lacks (Qt 6.5's
// -repeat): MUSA_TEST_REPEAT=N runs the whole test object N times over in one
// process, so a test that leans on what an earlier run left behind fails.

#include <QtTest>
#include <algorithm>

// The application QTEST_MAIN would make: widgets when the test links them.
#if defined(QT_WIDGETS_LIB)
#include <QApplication>
#define MUSA_TEST_APPLICATION QApplication
#elif defined(QT_GUI_LIB)
#include <QGuiApplication>
#define MUSA_TEST_APPLICATION QGuiApplication
#else
#define MUSA_TEST_APPLICATION QCoreApplication
#endif

namespace musa_test {

/** QTest::qExec, MUSA_TEST_REPEAT times (once by default); stops at the first failing run. */
inline int exec_repeated(QObject* test, int argc, char** argv) {
  const int runs = std::max(1, qEnvironmentVariableIntValue("MUSA_TEST_REPEAT"));
  int failures = 0;
  for (int run = 0; run < runs && failures == 0; ++run) failures = QTest::qExec(test, argc, argv);
  return failures;
}

}  // namespace musa_test

#define MUSA_TEST_MAIN_WITH(TestObject, ...)            \
  int main(int argc, char* argv[]) {                    \
    __VA_ARGS__                                         \
    TestObject test;                                    \
    QTEST_SET_MAIN_SOURCE_PATH                          \
    return musa_test::exec_repeated(&test, argc, argv); \
  }
#define MUSA_TEST_APP(Application) \
  Application app(argc, argv);     \
  app.setAttribute(Qt::AA_Use96Dpi, true);

/** A test with the application its libraries allow (QApplication with widgets). */
#define MUSA_TEST_MAIN(TestObject) MUSA_TEST_MAIN_WITH(TestObject, MUSA_TEST_APP(MUSA_TEST_APPLICATION))
/** A test with an event loop and no widgets (QCoreApplication). */
#define MUSA_TEST_GUILESS_MAIN(TestObject) MUSA_TEST_MAIN_WITH(TestObject, MUSA_TEST_APP(QCoreApplication))
/** A test without an application object. */
#define MUSA_TEST_APPLESS_MAIN(TestObject) MUSA_TEST_MAIN_WITH(TestObject)
