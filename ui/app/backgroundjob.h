#pragma once
// BackgroundJobs: one-shot work off the UI thread (loading a soundfont,
// rendering a WAV) whose result comes back to the UI thread. hotspot's
// JobTracker is the model: the result is posted back with a queued call and
// guarded by a QPointer, so a receiver that is gone never sees it; and the
// owner waits for every job before the data the jobs read goes away.

#include <QObject>
#include <QPointer>
#include <QThread>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

class BackgroundJobs : public QObject {
  Q_OBJECT
 public:
  explicit BackgroundJobs(QObject* parent = nullptr) : QObject(parent) {}
  /** Waits for the jobs still running; their results are dropped. */
  ~BackgroundJobs() override;

  /**
   * Runs `work()` on a thread of its own. Its result goes to `done(result)`
   * on this object's thread, unless `receiver` (which lives on that thread)
   * has been destroyed by then, or this object has. `work` must not touch
   * the receiver; whatever it reads must outlive the job (waitForAll()).
   */
  template <class Work, class Done>
  void run(QObject* receiver, Work work, Done done, QThread::Priority priority = QThread::InheritPriority) {
    using Result = std::invoke_result_t<Work&>;
    // Made here, on the owner's thread; the job thread only moves it into the posted call.
    auto reply = std::make_shared<Reply<Result>>(Reply<Result>{receiver, std::move(done)});
    start(
        [this, work = std::move(work), reply]() mutable {
          auto result = std::make_shared<Result>(work());
          QMetaObject::invokeMethod(
              this,
              [reply, result] {
                if (reply->receiver) reply->done(std::move(*result));
              },
              Qt::QueuedConnection);
        },
        priority);
  }

  /** How many jobs have not finished yet. */
  int running() const { return static_cast<int>(threads_.size()); }
  /** Blocks until every job has finished (results still arrive later, through the event loop). */
  void waitForAll();

 private:
  template <class Result>
  struct Reply {
    QPointer<QObject> receiver;
    std::function<void(Result)> done;
  };

  void start(std::function<void()> body, QThread::Priority priority);

  std::vector<QThread*> threads_;
};
