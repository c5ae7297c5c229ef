#include "ui/project/autosaver.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <algorithm>

namespace {
const QString kPrefix = QStringLiteral("autosave-");
const QString kSuffix = QStringLiteral(".musa");

/** A lock that is never stale by age: only a dead owner frees it (a session may run for days). */
std::unique_ptr<QLockFile> lockFile(const QString& path) {
  auto lock = std::make_unique<QLockFile>(path);
  lock->setStaleLockTime(0);
  return lock;
}
}  // namespace

Autosaver::Autosaver(const QString& folder, std::function<musa::Project()> snapshot, QObject* parent)
    : QObject(parent),
      folder_(folder),
      // Process id and start time: a later process that gets the same id still has a file of its own.
      id_(QStringLiteral("%1-%2")
              .arg(QCoreApplication::applicationPid())
              .arg(QDateTime::currentMSecsSinceEpoch())),
      snapshot_(std::move(snapshot)),
      writer_([this] { writerLoop(); }) {
  timer_.setInterval(kIntervalMs);
  connect(&timer_, &QTimer::timeout, this, &Autosaver::saveIfChanged);
}

Autosaver::~Autosaver() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  writer_.join();
}

QString Autosaver::autosavePath() const { return QDir(folder_).filePath(kPrefix + id_ + kSuffix); }

QString Autosaver::lockPathFor(const QString& autosave) const {
  return autosave.left(autosave.size() - kSuffix.size()) + QStringLiteral(".lock");
}

QString Autosaver::projectFilePathFor(const QString& autosave) const {
  return autosave.left(autosave.size() - kSuffix.size()) + QStringLiteral(".file");
}

void Autosaver::setProjectFile(const QString& path) {
  if (path == project_file_) return;
  project_file_ = path;
  changed_ = true;
}

QString Autosaver::projectFileOf(const QString& autosave) const {
  QFile file(projectFilePathFor(autosave));
  return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QStringList Autosaver::autosavesOnDisk() const {
  QStringList paths;
  const QFileInfoList files = QDir(folder_).entryInfoList({kPrefix + QLatin1Char('*') + kSuffix}, QDir::Files,
                                                          QDir::Time);  // newest first
  for (const QFileInfo& file : files) paths << file.absoluteFilePath();
  return paths;
}

bool Autosaver::hasCrashedSession() const {
  for (const QString& path : autosavesOnDisk()) {
    if (path == QFileInfo(autosavePath()).absoluteFilePath()) continue;
    // Taking the lock succeeds only when no live process holds it; let it go at once.
    if (lockFile(lockPathFor(path))->tryLock(0)) return true;
  }
  return false;
}

QStringList Autosaver::claimCrashedSessions() {
  for (const QString& path : autosavesOnDisk()) {
    if (path == QFileInfo(autosavePath()).absoluteFilePath() || claimed_.contains(path)) continue;
    auto lock = lockFile(lockPathFor(path));
    if (!lock->tryLock(0)) continue;  // another Musa is running with it
    claimed_ << path;
    claimed_locks_.push_back(std::move(lock));
  }
  return claimed_;
}

void Autosaver::discardClaimed() {
  for (const QString& path : std::as_const(claimed_)) {
    QFile::remove(path);
    QFile::remove(projectFilePathFor(path));
    // Temporary files of a write the crash cut short.
    const QFileInfo info(path);
    for (const QString& tmp :
         QDir(info.absolutePath()).entryList({info.fileName() + QStringLiteral(".tmp-*")}, QDir::Files))
      QFile::remove(info.absoluteDir().filePath(tmp));
  }
  claimed_.clear();
  claimed_locks_.clear();  // unlocking removes the lock files
}

void Autosaver::beginSession() {
  QDir().mkpath(folder_);
  if (!lock_) {
    lock_ = lockFile(lockPathFor(autosavePath()));
    lock_->tryLock(0);  // the id is this process's own: nobody else holds it
  }
  changed_ = true;  // the first tick writes the session as it starts
  timer_.start();
}

void Autosaver::endSession() {
  timer_.stop();
  flush();
  QFile::remove(autosavePath());
  QFile::remove(projectFilePathFor(autosavePath()));
  lock_.reset();  // unlocks: removes the lock file
}

void Autosaver::saveIfChanged() {
  if (!changed_) return;
  changed_ = false;
  {
    std::lock_guard lock(mutex_);
    pending_ = Pending{snapshot_(), project_file_};  // values, cheap to copy; JSON and disk are the thread's
  }
  wake_.notify_all();
}

void Autosaver::flush() {
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [this] { return !pending_ && !writing_; });
}

void Autosaver::writerLoop() {
  const QString autosave = autosavePath();
  const std::string path = autosave.toStdString();
  const QString file_path = projectFilePathFor(autosave);
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stop_ || pending_; });
    if (!pending_) return;  // stopping, nothing left to write
    const Pending pending = std::move(*pending_);
    pending_.reset();
    writing_ = true;
    lock.unlock();
    const musa::Status status = musa::save_project(pending.project, path);
    if (!status.ok()) {
      QMetaObject::invokeMethod(
          this, [this, message = QString::fromStdString(status.error())] { emit saveFailed(message); },
          Qt::QueuedConnection);
    } else if (pending.project_file.isEmpty()) {
      QFile::remove(file_path);
    } else if (QFile file(file_path); file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
      // The file name goes beside the autosave (a project file has no field for where it is saved).
      file.write(pending.project_file.toUtf8());
    }
    lock.lock();
    writing_ = false;
    wake_.notify_all();  // flush() waits for this
  }
}
