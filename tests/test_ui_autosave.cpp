// The autosave and the project file under a real kill -9: a child process
// (this executable, started with --save-loop) saves a project and autosaves
// without pause, the test kills it at random moments, and each time the
// files on disk load and hold the last save that finished (or the one under
// way). Also: one autosave per running instance, and writes off the UI thread.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QLockFile>
#include <QProcess>
#include <QtTest>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include "core/project/project.h"
#include "test_main.h"
#include "ui/project/autosaver.h"

namespace {

/** A project whose seed says which save wrote it; 64 takes of 32 bars make each write take a while. */
musa::Project numberedProject(uint64_t number) {
  musa::Project p;
  p.primer = {{1, 60, 0, 4, 100}, {2, 64, 4, 2, 90}};
  p.settings.seed_locked = true;
  p.settings.seed = number;
  std::vector<int> events;
  for (int i = 0; i < 512; ++i) events.push_back(i % 4 == 0 ? 48 + (i * 7) % 36 : -2);
  for (int i = 0; i < 64; ++i) p.takes.push_back({musa::take_from_events(events, 8), i % 3 == 0, false, -1});
  return p;
}

/** The child: saves `folder`/song.musa and autosaves into `folder`/data until killed; prints each finished
 * round. */
int saveLoop(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const QString folder = QString::fromLocal8Bit(argv[2]);
  uint64_t number = 0;
  Autosaver autosaver(folder + QStringLiteral("/data"), [&] { return numberedProject(number); });
  autosaver.beginSession();
  const std::string song = QString(folder + QStringLiteral("/song.musa")).toStdString();
  for (number = 1;; ++number) {
    if (!musa::save_project(numberedProject(number), song).ok()) return 2;
    autosaver.markChanged();
    autosaver.saveIfChanged();
    autosaver.flush();
    std::printf("saved %llu\n", static_cast<unsigned long long>(number));
    std::fflush(stdout);
  }
}

/** The number of the last "saved N" line, 0 when none. */
uint64_t lastSaved(const QByteArray& output) {
  uint64_t last = 0;
  for (const QByteArray& line : output.split('\n'))
    if (line.startsWith("saved ")) last = line.mid(6).toULongLong();
  return last;
}

}  // namespace

class TestAutosave : public QObject {
  Q_OBJECT

 private slots:
  void killDuringSavesKeepsLoadableFiles() {
    QTemporaryDir dir;
    const QString song = dir.filePath(QStringLiteral("song.musa"));
    const QString data = dir.filePath(QStringLiteral("data"));
    std::mt19937 rng(12);
    std::uniform_int_distribution<int> delay_us(0, 30000);
    // 200 kills at least; more while fewer than 50 landed inside a write
    // (a slow build, ASan or a busy machine, moves where the kills land).
    int mid_write = 0, round = 0;
    for (; round < 200 || (mid_write < 50 && round < 1000); ++round) {
      QProcess child;
      child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--save-loop"), dir.path()});
      QVERIFY(child.waitForStarted(10000));
      // Kill only once a good copy of both files exists: that copy must never be lost.
      QByteArray output;
      while (lastSaved(output) == 0) {
        QVERIFY2(child.waitForReadyRead(20000), "the child never finished a save");
        output += child.readAllStandardOutput();
      }
      if (round % 2 == 0) {
        std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));  // any moment
      } else {
        // Aim inside a write: as soon as a temporary file shows, then a moment later.
        const QStringList pattern{QStringLiteral("*.tmp-%1").arg(child.processId())};
        QElapsedTimer waited;
        waited.start();
        while (QDir(dir.path()).entryList(pattern, QDir::Files).isEmpty() &&
               QDir(data).entryList(pattern, QDir::Files).isEmpty() && waited.elapsed() < 5000) {
        }
        std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng) / 30));
      }
      child.kill();  // SIGKILL
      QVERIFY(child.waitForFinished(10000));
      QCOMPARE(child.exitStatus(), QProcess::CrashExit);
      output += child.readAllStandardOutput();
      const uint64_t saved = lastSaved(output);

      // The project: the last finished save, or the next one if its rename was done.
      const auto project = musa::load_project(song.toStdString());
      QVERIFY2(project.ok(), project.ok() ? "" : project.error().c_str());
      QVERIFY2(project->settings.seed == saved || project->settings.seed == saved + 1,
               qPrintable(QStringLiteral("round %1: saved %2, file holds %3")
                              .arg(round)
                              .arg(saved)
                              .arg(project->settings.seed)));
      QCOMPARE(project->takes.size(), size_t(64));

      // The autosave: offered as a crashed session (its owner is dead), and it loads.
      Autosaver next(data, [] { return musa::Project{}; });
      QVERIFY(next.hasCrashedSession());
      const QStringList crashed = next.claimCrashedSessions();
      QCOMPARE(crashed.size(), 1);
      const auto autosaved = musa::load_project(crashed.front().toStdString());
      QVERIFY2(autosaved.ok(), autosaved.ok() ? "" : autosaved.error().c_str());
      QVERIFY(autosaved->settings.seed == saved || autosaved->settings.seed == saved + 1);
      const QStringList temporaries =
          QDir(dir.path()).entryList({QStringLiteral("song.musa.tmp-*")}, QDir::Files) +
          QDir(data).entryList({QStringLiteral("*.tmp-*")}, QDir::Files);
      mid_write += !temporaries.isEmpty();
      next.discardClaimed();
      QVERIFY(!next.hasCrashedSession());
      QCOMPARE(QDir(data).entryList(QDir::Files | QDir::Hidden),
               QStringList());  // no lock, no half-written file
      for (const QString& tmp : QDir(dir.path()).entryList({QStringLiteral("song.musa.tmp-*")}, QDir::Files))
        QFile::remove(dir.filePath(tmp));
    }
    // Many kills must land inside a write, or the test proves little.
    qInfo("%d kills, %d of them cut a write short (its temporary file was left on disk)", round, mid_write);
    QVERIFY(mid_write >= 50);
  }

  void aSecondInstanceIsNotACrash() {
    // Issue 12: the second start offered to restore the first's autosave, deleted it, and either
    // clean exit removed the shared marker.
    QTemporaryDir dir;
    Autosaver first(dir.path(), [] { return numberedProject(1); });
    first.beginSession();
    first.saveIfChanged();
    first.flush();
    QVERIFY(QFile::exists(first.autosavePath()));

    auto second = std::make_unique<Autosaver>(dir.path(), [] { return numberedProject(2); });
    QVERIFY(!second->hasCrashedSession());  // the first is running
    QVERIFY(second->claimCrashedSessions().isEmpty());
    second->discardClaimed();
    second->beginSession();
    second->saveIfChanged();
    second->flush();
    QVERIFY(QFile::exists(first.autosavePath()));
    QVERIFY(second->autosavePath() != first.autosavePath());

    first.endSession();  // a clean exit of the first leaves the second's session alone
    QVERIFY(!QFile::exists(first.autosavePath()));
    const QString second_path = second->autosavePath();
    QVERIFY(QFile::exists(second_path));
    second.reset();  // the second "crashes": no endSession, its lock goes with it

    Autosaver third(dir.path(), [] { return musa::Project{}; });
    QVERIFY(third.hasCrashedSession());
    QCOMPARE(third.claimCrashedSessions(), QStringList{second_path});
    QCOMPARE(musa::load_project(second_path.toStdString())->settings.seed, uint64_t(2));
  }

  void aHeldLockIsNotClaimed() {
    // Another process's session: its lock is held (here by a QLockFile of this test standing in for it).
    QTemporaryDir dir;
    const QString other = dir.filePath(QStringLiteral("autosave-1-1.musa"));
    QVERIFY(musa::save_project(numberedProject(3), other.toStdString()).ok());
    QLockFile running(dir.filePath(QStringLiteral("autosave-1-1.lock")));
    QVERIFY(running.tryLock(0));
    Autosaver starting(dir.path(), [] { return musa::Project{}; });
    QVERIFY(starting.claimCrashedSessions().isEmpty());
    starting.discardClaimed();
    QVERIFY(QFile::exists(other));
    running.unlock();  // that session ends without removing its autosave: now it is a crash
    QCOMPARE(starting.claimCrashedSessions(), QStringList{other});
  }

  void autosaveWritesOffTheUiThread() {
    // The write blocks (its temporary file is a FIFO no one reads yet, as a slow disk would):
    // the UI thread's call must return at once all the same.
    QTemporaryDir dir;
    Autosaver autosaver(dir.path(), [] { return numberedProject(4); });
    autosaver.beginSession();
    const QByteArray fifo =
        (autosaver.autosavePath() + QStringLiteral(".tmp-%1").arg(getpid())).toLocal8Bit();
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    std::atomic<bool> read_back{false};
    std::thread disk([&] {
      std::this_thread::sleep_for(std::chrono::seconds(2));
      // Non-blocking, with a deadline: whatever the writer does, this thread ends.
      const int fd = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK);
      char buffer[65536];
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
      while (fd >= 0 && std::chrono::steady_clock::now() < deadline) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n == 0) break;  // the writer closed it
        if (n < 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      if (fd >= 0) ::close(fd);
      read_back = true;
    });
    QElapsedTimer clock;
    clock.start();
    autosaver.saveIfChanged();
    const qint64 ui_ms = clock.elapsed();
    disk.join();
    autosaver.flush();
    QVERIFY(read_back);
    QVERIFY2(ui_ms < 500,
             qPrintable(QStringLiteral("saveIfChanged blocked the UI thread for %1 ms").arg(ui_ms)));
    ::unlink(fifo.constData());
  }
};

int main(int argc, char** argv) {
  if (argc == 3 && qstrcmp(argv[1], "--save-loop") == 0) return saveLoop(argc, argv);
  QCoreApplication app(argc, argv);
  TestAutosave test;
  QTEST_SET_MAIN_SOURCE_PATH
  return musa_test::exec_repeated(&test, argc, argv);
}

#include "test_ui_autosave.moc"
