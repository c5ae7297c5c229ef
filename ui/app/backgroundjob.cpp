#include "ui/app/backgroundjob.h"

BackgroundJobs::~BackgroundJobs() {
  // Finished threads waiting for their queued clean-up are deleted here too:
  // that clean-up will not run once this object is gone.
  waitForAll();
  for (QThread* thread : threads_) delete thread;
}

void BackgroundJobs::waitForAll() {
  for (QThread* thread : threads_) thread->wait();
}

void BackgroundJobs::start(std::function<void()> body, QThread::Priority priority) {
  QThread* thread = QThread::create(std::move(body));
  thread->setObjectName(QStringLiteral("musa-job"));
  threads_.push_back(thread);
  connect(thread, &QThread::finished, this, [this, thread] {
    std::erase(threads_, thread);
    thread->deleteLater();
  });
  thread->start(priority);
}
