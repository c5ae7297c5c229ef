#pragma once
// Autosaver: writes the session to the app data folder every few seconds
// when something changed, and tells the next start whether the last one
// ended cleanly (a session marker that a clean exit removes).

#include <QObject>
#include <QString>
#include <QTimer>
#include <functional>

#include "core/project/project.h"

class Autosaver : public QObject {
  Q_OBJECT
 public:
  static constexpr int kIntervalMs = 5000;

  /** `folder`: where autosave.musa and the session marker live; `snapshot`: the session now. */
  Autosaver(const QString& folder, std::function<musa::Project()> snapshot, QObject* parent = nullptr);

  /** True when an autosave exists and the session that wrote it did not end cleanly. */
  bool hasCrashedSession() const;
  QString autosavePath() const;
  /** Marks a session as running (call after the restore question). */
  void beginSession();
  /** A clean exit: removes the marker and the autosave. */
  void endSession();
  /** Something changed: the next tick saves. */
  void markChanged() { changed_ = true; }
  /** Writes now if anything changed; returns false on a write error. */
  bool saveIfChanged();
  /** The .musa file the session belongs to (empty: untitled), saved with the autosave. */
  void setProjectFile(const QString& path);
  /** The file the autosaved session belonged to, for a restore (empty: untitled or none). */
  QString autosavedProjectFile() const;

 signals:
  void saveFailed(const QString& message);

 private:
  QString markerPath() const;
  QString projectFilePath() const;

  QString folder_;
  std::function<musa::Project()> snapshot_;
  QTimer timer_;
  bool changed_ = false;
  QString project_file_;
};
