#pragma once
// Running the real musa-cli from a test.

#include <QProcess>
#include <QStringList>
#include <QtTest>
#include <string>

#include "core/model/model_file.h"
#include "core/music/smf.h"

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

/** A 9-bar melody over C D E F G A at 120 qpm (`variant` shifts the pattern), as a format-1 file. */
inline void write_song(const std::string& path, int variant = 0) {
  musa::NoteSequence s;
  s.tempos.push_back({0.0, 120.0});
  const int pitches[] = {60, 62, 64, 65, 67, 69, 67, 64};
  for (int i = 0; i < 36; ++i)
    s.notes.push_back({pitches[(i * (2 * variant + 1)) % 8], 90, i * 0.5, i * 0.5 + 0.4, 0, 0, false});
  s.tracks.push_back({0, "MELODY", 0, false});
  s.update_total_time();
  QVERIFY(musa::write_midi_file(s, path).ok());
}

/** A small random attention model (two layers of 16, attention over 8 steps) saved at `path`. */
inline bool write_tiny_model(const std::string& path) {
  musa::ModelConfig c;
  c.layer_sizes = {16, 16};
  c.attn_length = 8;
  return musa::save_model(musa::random_weights(c, 1), path).ok();
}
