#pragma once
// Running the real musa-cli from a test.

#include <QProcess>
#include <QStringList>
#include <string>

/** What a musa-cli run printed and returned. */
struct Run {
  int code;
  std::string out, err;
};

inline Run run_cli(const QStringList& args) {
  QProcess p;
  p.start(QStringLiteral(MUSA_CLI_PATH), args);
  p.waitForFinished(120000);
  return {p.exitCode(), p.readAllStandardOutput().toStdString(), p.readAllStandardError().toStdString()};
}
