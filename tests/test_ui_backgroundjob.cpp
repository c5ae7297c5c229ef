// BackgroundJobs (ui/backgroundjob.h): one-shot work off the UI thread whose
// result comes back on it, is dropped when its receiver is gone, and which
// the owner waits for when it is destroyed.
#include <QtTest>
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "test_main.h"
#include "ui/app/backgroundjob.h"

using namespace std::chrono_literals;

class TestBackgroundJob : public QObject {
  Q_OBJECT

 private slots:
  void resultArrivesOnTheOwnersThread() {
    BackgroundJobs jobs;
    QThread* worker = nullptr;
    QThread* delivered_on = nullptr;
    int result = 0;
    jobs.run(
        this,
        [&worker] {
          worker = QThread::currentThread();
          return 42;
        },
        [&](int value) {
          result = value;
          delivered_on = QThread::currentThread();
        });
    QTRY_COMPARE(result, 42);
    QVERIFY(worker != QThread::currentThread());  // the work ran elsewhere
    QCOMPARE(delivered_on, QThread::currentThread());
    QTRY_COMPARE(jobs.running(), 0);  // the thread is cleaned up
  }

  void resultForAReceiverThatIsGoneIsDropped() {
    BackgroundJobs jobs;
    auto receiver = std::make_unique<QObject>();
    std::atomic<bool> release{false};
    bool called = false;
    jobs.run(
        receiver.get(),
        [&release] {
          while (!release.load()) std::this_thread::sleep_for(1ms);
          return 1;
        },
        [&called](int) { called = true; });
    receiver.reset();  // the window closed while the job ran
    release = true;
    jobs.waitForAll();
    QTest::qWait(50);  // the queued result has had its chance
    QVERIFY(!called);
  }

  void destroyingTheOwnerWaitsForItsJobs() {
    std::atomic<bool> finished{false};
    bool called = false;
    {
      BackgroundJobs jobs;
      jobs.run(
          this,
          [&finished] {
            std::this_thread::sleep_for(100ms);
            finished = true;
            return 0;
          },
          [&called](int) { called = true; });
      QCOMPARE(jobs.running(), 1);
    }
    QVERIFY(finished.load());  // the job was not left running on freed state
    QTest::qWait(50);
    QVERIFY(!called);  // and its result, posted to an owner that is gone, never ran
  }

  void moveOnlyResultsArrive() {
    BackgroundJobs jobs;
    int got = 0;
    jobs.run(
        this, [] { return std::make_unique<int>(7); }, [&got](std::unique_ptr<int> value) { got = *value; });
    QTRY_COMPARE(got, 7);
  }
};

MUSA_TEST_GUILESS_MAIN(TestBackgroundJob)
#include "test_ui_backgroundjob.moc"
