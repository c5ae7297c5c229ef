#pragma once
// Shared by the MusicXML tests (core and the app's export): validation with
// xmllint against the vendored MusicXML schema, offline.

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <fstream>
#include <string>

inline std::string xmllint() {
  return QStandardPaths::findExecutable(QStringLiteral("xmllint")).toStdString();
}

/** Validates with xmllint against the vendored schema; the catalog keeps its imports local (no network). */
inline bool schema_valid(const std::string& xml, const QTemporaryDir& dir, std::string& why) {
  const std::string schema_dir = std::string(MUSA_TEST_DATA) + "/musicxml-3.0/";
  const std::string catalog = dir.filePath(QStringLiteral("catalog.xml")).toStdString(),
                    file = dir.filePath(QStringLiteral("score.musicxml")).toStdString();
  std::ofstream(catalog)
      << "<?xml version=\"1.0\"?>\n<catalog xmlns=\"urn:oasis:names:tc:entity:xmlns:xml:catalog\">\n"
         "  <rewriteURI uriStartString=\"http://www.musicxml.org/xsd/\" rewritePrefix=\"file://"
      << schema_dir << "\"/>\n</catalog>\n";
  std::ofstream(file) << xml;
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("XML_CATALOG_FILES"), QString::fromStdString(catalog));
  p.setProcessEnvironment(env);
  p.start(QString::fromStdString(xmllint()),
          {QStringLiteral("--nonet"), QStringLiteral("--noout"), QStringLiteral("--schema"),
           QString::fromStdString(schema_dir + "musicxml.xsd"), QString::fromStdString(file)});
  p.waitForFinished(60000);
  why = p.readAllStandardError().toStdString();
  return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}
