#include "ui/project/autosaver.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

Autosaver::Autosaver(const QString& folder, std::function<musa::Project()> snapshot, QObject* parent)
    : QObject(parent), folder_(folder), snapshot_(std::move(snapshot)) {
  timer_.setInterval(kIntervalMs);
  connect(&timer_, &QTimer::timeout, this, &Autosaver::saveIfChanged);
}

QString Autosaver::autosavePath() const { return QDir(folder_).filePath(QStringLiteral("autosave.musa")); }
QString Autosaver::markerPath() const { return QDir(folder_).filePath(QStringLiteral("session.running")); }
QString Autosaver::projectFilePath() const { return QDir(folder_).filePath(QStringLiteral("autosave.file")); }

bool Autosaver::hasCrashedSession() const { return QFile::exists(markerPath()) && QFile::exists(autosavePath()); }

void Autosaver::beginSession() {
  QDir().mkpath(folder_);
  QFile marker(markerPath());
  if (marker.open(QIODevice::WriteOnly)) marker.write(QByteArray::number(QCoreApplication::applicationPid()));
  QFile::remove(projectFilePath());
  QFile::remove(autosavePath());  // an autosave from before belongs to the session just declined or restored
  changed_ = true;                // the first tick writes the session as it starts
  timer_.start();
}

void Autosaver::endSession() {
  timer_.stop();
  QFile::remove(autosavePath());
  QFile::remove(projectFilePath());
  QFile::remove(markerPath());
}

bool Autosaver::saveIfChanged() {
  if (!changed_) return true;
  changed_ = false;
  const musa::Status status = musa::save_project(snapshot_(), autosavePath().toStdString());
  if (!status.ok()) {
    emit saveFailed(QString::fromStdString(status.error()));
    return false;
  }
  // The file name goes beside the autosave (a project file has no field for where it is saved).
  if (project_file_.isEmpty()) {
    QFile::remove(projectFilePath());
  } else if (QFile file(projectFilePath()); file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
    file.write(project_file_.toUtf8());
  }
  return true;
}

void Autosaver::setProjectFile(const QString& path) {
  if (path == project_file_) return;
  project_file_ = path;
  changed_ = true;
}

QString Autosaver::autosavedProjectFile() const {
  QFile file(projectFilePath());
  return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}
