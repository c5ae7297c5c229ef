#pragma once
// Shared by the UI tests: a tiny model made in code (so no test depends on
// the shipped model), the options for a window that uses it, stays silent
// and keeps its files in a temporary folder, and a run of the app itself.

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include "core/model/model_file.h"
#include "ui/app/appoptions.h"

namespace ui_test {

/**
 * Runs `program` with `args` in `env` until it exits (at most `ms`): its exit
 * code (−1 when it crashed or ran too long) and everything it printed.
 */
inline std::pair<int, QString> runToEnd(const QString& program, const QStringList& args,
                                        const QProcessEnvironment& env, int ms = 60000) {
  QProcess process;
  process.setProcessEnvironment(env);
  process.start(program, args);
  if (!process.waitForFinished(ms)) return {-1, QStringLiteral("did not finish in %1 ms").arg(ms)};
  return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
          QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError())};
}

/** Writes a 2×16-unit attention model with random weights; returns its path. */
inline QString makeTinyModel(const QTemporaryDir& dir) {
  musa::ModelConfig config;
  config.layer_sizes = {16, 16};
  config.attn_length = 8;
  const QString path = dir.filePath(QStringLiteral("tiny.safetensors"));
  const musa::Status status = musa::save_model(musa::random_weights(config, 1234), path.toStdString());
  return status.ok() ? path : QString();
}

/** A window with the tiny model, no audio, no remembered settings, autosaves in `dir`. */
inline AppOptions options(const QTemporaryDir& dir, const QString& model) {
  AppOptions o;
  o.model_path = model;
  o.audio = false;
  o.remember = false;
  o.restore = AppOptions::Restore::Never;
  o.data_folder = dir.filePath(QStringLiteral("data"));
  return o;
}

/**
 * Runs a real event loop until `signal` or `ms` milliseconds. QTest::qWait
 * and qWaitFor sleep 10 ms between turns, which a stall probe would count.
 */
template <class Sender, class Signal>
void runUntil(Sender* sender, Signal signal, int ms) {
  QEventLoop loop;
  QObject::connect(sender, signal, &loop, &QEventLoop::quit);
  QTimer::singleShot(ms, &loop, &QEventLoop::quit);
  loop.exec();
}

/**
 * Call before the QApplication exists: the offscreen platform then shows one
 * screen of `width` × `height` device pixels (its default is 800 × 800). The
 * file it reads is written into `folder`, which must outlive the application.
 */
inline bool useOffscreenScreen(const QTemporaryDir& folder, int width, int height) {
  QFile file(folder.filePath(QStringLiteral("screen.json")));
  if (!file.open(QIODevice::WriteOnly)) return false;
  file.write(QStringLiteral(R"({"screens": [{"name": "test", "x": 0, "y": 0, "width": %1, "height": %2,
                               "logicalDpi": 96, "logicalBaseDpi": 96}]})")
                 .arg(width)
                 .arg(height)
                 .toUtf8());
  file.close();
  qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + file.fileName().toLocal8Bit());
  return true;
}

/** Runs a real event loop for `ms` milliseconds. */
inline void runFor(int ms) {
  QEventLoop loop;
  QTimer::singleShot(ms, &loop, &QEventLoop::quit);
  loop.exec();
}

}  // namespace ui_test
