#pragma once
// Autosaver: writes the session to the app data folder every few seconds
// when something changed, and tells the next start which sessions did not
// end cleanly. Each running instance has an autosave of its own
// (autosave-<id>.musa) and holds a lock beside it (autosave-<id>.lock, a
// QLockFile with the process id): an autosave whose lock no live process
// holds belongs to a session that crashed; one whose lock is held belongs to
// another Musa still running, which is left alone. The file is written on a
// thread of the autosaver's own (serialising and fsync take milliseconds the
// UI thread must not lose), atomically, so a kill at any moment leaves the
// previous good copy or the new one, never a torn file.

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/project/project.h"

class QLockFile;

class Autosaver : public QObject {
  Q_OBJECT
 public:
  static constexpr int kIntervalMs = 5000;

  /** `folder`: where the autosaves and their locks live; `snapshot`: the session now. */
  Autosaver(const QString& folder, std::function<musa::Project()> snapshot, QObject* parent = nullptr);
  /** Finishes a write under way; keeps the autosave (only endSession() means a clean exit). */
  ~Autosaver() override;

  /** True when an autosave of a session that is no longer running exists. */
  bool hasCrashedSession() const;
  /**
   * The autosaves of sessions that are no longer running, newest first, now
   * held by this instance (so two instances starting at once do not both
   * offer them). Call discardClaimed() once they are restored or declined.
   */
  QStringList claimCrashedSessions();
  /** Deletes the claimed autosaves and lets go of them. */
  void discardClaimed();

  /** This instance's autosave. */
  QString autosavePath() const;
  /** Marks this session as running (takes its lock); call after the restore question. */
  void beginSession();
  /** A clean exit: removes this session's autosave and lock. */
  void endSession();
  /** Something changed: the next tick saves. */
  void markChanged() { changed_ = true; }
  /** Hands the session to the writer thread if anything changed; a failed write emits saveFailed(). */
  void saveIfChanged();
  /** Blocks until the writer thread has written everything handed to it. */
  void flush();
  /** The .musa file the session belongs to (empty: untitled), saved beside the autosave. */
  void setProjectFile(const QString& path);
  /** The file a (claimed) autosave's session belonged to, for a restore (empty: untitled or none). */
  QString projectFileOf(const QString& autosave) const;

 signals:
  void saveFailed(const QString& message);

 private:
  QString lockPathFor(const QString& autosave) const;
  QString projectFilePathFor(const QString& autosave) const;
  QStringList autosavesOnDisk() const;
  void writerLoop();

  QString folder_;
  QString id_;
  std::function<musa::Project()> snapshot_;
  QTimer timer_;
  bool changed_ = false;
  QString project_file_;
  std::unique_ptr<QLockFile> lock_;
  std::vector<std::unique_ptr<QLockFile>> claimed_locks_;
  QStringList claimed_;

  // The writer thread and what it is handed (the newest snapshot replaces one not yet written).
  std::mutex mutex_;
  std::condition_variable wake_;
  struct Pending {
    musa::Project project;
    QString project_file;
  };
  std::optional<Pending> pending_;
  bool writing_ = false;
  bool stop_ = false;
  std::thread writer_;
};
