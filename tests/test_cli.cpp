// End-to-end tests of musa-cli: the real executable on files made here.

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_test_support.h"
#include "core/generate/generation.h"
#include "core/model/model_file.h"
#include "core/music/smf.h"
#include "test_main.h"

using namespace musa;
using json = nlohmann::json;

class CliTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString model_;

  QString path(const char* name) const { return dir_.filePath(QString::fromUtf8(name)); }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    model_ = path("tiny.safetensors");
    QVERIFY(write_tiny_model(model_.toStdString()));
  }

  void generateWritesTenReadableTakesAtTheTempo() {
    const QString out = path("takes");
    const Run r =
        run_cli({"generate", "--model", model_, "--output_dir", out, "--qpm", "90", "--seed", "12"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.find("10 takes") != std::string::npos);
    const QStringList files = QDir(out).entryList({"*.mid"}, QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 10);
    QCOMPARE(files.first(), QStringLiteral("musa-take-01.mid"));
    const double step = 60.0 / 90.0 / 4.0;  // seconds per 16th at 90 qpm
    for (const QString& f : files) {
      Result<NoteSequence> seq = read_midi_file(QDir(out).filePath(f).toStdString());
      QVERIFY2(seq.ok(), seq.ok() ? "" : seq.error().c_str());
      QVERIFY(std::abs(seq->initial_qpm() - 90.0) < 1e-3);
      // Primer [60], the rest of its bar, then 8 bars of 16 steps.
      QCOMPARE(seq->notes.front().pitch, 60);
      QCOMPARE(seq->notes.front().start, 0.0);
      QVERIFY(seq->total_time <= (16 + 128) * step * (1 + 1e-5));  // 90 qpm is stored as 666667 µs/quarter
      QVERIFY(seq->total_time > 1 * step);
    }
  }

  void sameSeedWritesIdenticalFiles() {
    const QString a = path("a"), b = path("b");
    QCOMPARE(run_cli({"generate", "--model", model_, "--output_dir", a, "--seed", "3", "--bars", "2"}).code,
             0);
    QCOMPARE(run_cli({"generate", "--model", model_, "--output_dir", b, "--seed", "3", "--bars", "2"}).code,
             0);
    for (const QString& f : QDir(a).entryList({"*.mid"})) {
      QFile fa(QDir(a).filePath(f)), fb(QDir(b).filePath(f));
      QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
      QCOMPARE(fa.readAll(), fb.readAll());
    }
  }

  void generateFromPrimerMidiKeepsItsTempo() {
    const std::string song = path("song.mid").toStdString();
    write_song(song);
    const QString out = path("from-midi");
    const Run r = run_cli({"generate", "--model", model_, "--primer_midi", QString::fromStdString(song),
                           "--output_dir", out, "--num_outputs", "2", "--bars", "1"});
    QCOMPARE(r.code, 0);
    Result<NoteSequence> take = read_midi_file(QDir(out).filePath("musa-take-01.mid").toStdString());
    QVERIFY(std::abs(take->initial_qpm() - 120.0) < 1e-3);
    QCOMPARE(take->notes.front().pitch, 60);
  }

  void primerMidiFollowsItsTempoChanges() {
    // Four quarter notes at 120 qpm (0.5 s each), then 60 qpm from 2 s on (1 s each):
    // on the grid every note is 4 steps. Quantizing at the first tempo only made the
    // last four 8 steps long.
    NoteSequence s;
    s.tempos = {{0.0, 120.0}, {2.0, 60.0}};
    const int pitches[] = {60, 62, 64, 65, 67, 65, 64, 62};
    for (int i = 0; i < 8; ++i) {
      const double start = i < 4 ? i * 0.5 : 2.0 + (i - 4) * 1.0, length = i < 4 ? 0.5 : 1.0;
      s.notes.push_back({pitches[i], 90, start, start + length, 0, 0, false});
    }
    s.tracks.push_back({0, "Melody", 0, false});
    s.update_total_time();
    const std::string song = path("tempo-change.mid").toStdString();
    QVERIFY(write_midi_file(s, song).ok());
    const QString out = path("tempo-change");
    const Run r = run_cli({"generate", "--model", model_, "--primer_midi", QString::fromStdString(song),
                           "--output_dir", out, "--num_outputs", "1", "--bars", "1", "--qpm", "120"});
    QCOMPARE(r.code, 0);
    Result<NoteSequence> take = read_midi_file(QDir(out).filePath("musa-take-01.mid").toStdString());
    QVERIFY(take.ok());
    const double step = 60.0 / 120.0 / 4.0;
    for (int i = 0; i < 8; ++i) {  // the primer: 8 notes, 4 steps apart, as written
      QCOMPARE(take->notes[size_t(i)].pitch, pitches[i]);
      QVERIFY(std::abs(take->notes[size_t(i)].start - 4 * i * step) < 1e-6);
    }
  }

  void extractScoreEncodeAndInfoPrintJson() {
    const std::string song = path("song2.mid").toStdString();
    write_song(song);
    const json extracted = json::parse(run_cli({"extract", QString::fromStdString(song), "--json"}).out);
    QCOMPARE(extracted["melodies"].size(), size_t(1));
    QCOMPARE(extracted["melodies"][0]["track"].get<int>(), 1);  // track 0 of a format-1 file is the conductor
    QCOMPARE(extracted["melodies"][0]["events"][0].get<int>(), 60);

    const json scored = json::parse(run_cli({"score", QString::fromStdString(song), "--model", model_}).out);
    const auto& m = scored["melodies"][0];
    const auto log_probs = m["log_probs"].get<std::vector<double>>();
    QCOMPARE(log_probs.size() + 1, m["events"].size());
    double nll = 0;
    for (double lp : log_probs) nll -= lp;
    QVERIFY(std::abs(nll / double(log_probs.size()) - m["mean_nll"].get<double>()) < 1e-9);
    QCOMPARE(scored["steps"].get<size_t>(), log_probs.size());

    const json encoded =
        json::parse(run_cli({"encode", QString::fromStdString(song), "--model", model_}).out);
    QCOMPARE(encoded["melodies"][0]["inputs"][0].size(), size_t(74));
    QCOMPARE(encoded["melodies"][0]["labels"].size(), log_probs.size());

    const json info = json::parse(run_cli({"info", "--model", model_}).out);
    QCOMPARE(info["config"]["layer_sizes"], json({16, 16}));
    // The network kernels: this CPU's best set, or the one MUSA_KERNELS names.
    const json sets = info["kernels"]["supported"];
    QCOMPARE(sets.front(), json("portable"));
    QCOMPARE(info["kernels"]["running"], sets.back());
    qputenv("MUSA_KERNELS", "portable");
    const json portable = json::parse(run_cli({"info", "--model", model_}).out);
    qunsetenv("MUSA_KERNELS");
    QCOMPARE(portable["kernels"]["running"], json("portable"));
  }

  void renderWritesAWav() {
    const std::string song = path("song3.mid").toStdString();
    write_song(song);
    const QString wav = path("song.wav");
    QCOMPARE(run_cli({"render", QString::fromStdString(song), "-o", wav, "--program", "73"}).code, 0);
    QVERIFY(QFileInfo(wav).size() > 44100 * 4 * 18);  // 18 s of notes + tail, 16-bit stereo
  }

  void trainWritesTheBestModelWithItsFigures() {
    const QString data = path("train-data");
    QVERIFY(QDir().mkpath(data));
    for (int i = 0; i < 4; ++i)
      write_song(QDir(data).filePath(QStringLiteral("s%1.mid").arg(i)).toStdString(), i);
    const QString model = path("trained.safetensors");
    const Run trained = run_cli({"train", "--data", data, "--out", model, "--steps", "6", "--eval_every", "2",
                                 "--validation_every", "2", "--batch_size", "4", "--window", "32", "--config",
                                 R"({"layer_sizes": [8, 8], "attn_length": 4})"});
    QVERIFY2(trained.code == 0, trained.err.c_str());
    QVERIFY(QFileInfo::exists(model + ".ckpt"));
    // The figures stored with the model are the ones eval measures on its weights.
    const json info = json::parse(run_cli({"info", "--model", model}).out);
    const json evaluated =
        json::parse(run_cli({"eval", "--model", model, "--data", data, "--validation_every", "2"}).out);
    const double stored = info["training"]["validation"]["nll_per_step"].get<double>();
    QVERIFY(std::abs(stored - evaluated["nll_per_step"].get<double>()) < 1e-6);
    QCOMPARE(info["training"]["steps"].get<int>(), info["training"]["best_step"].get<int>());
    // --resume continues from the checkpoint.
    const Run resumed = run_cli({"train", "--data", data, "--out", model, "--steps", "8", "--eval_every", "2",
                                 "--validation_every", "2", "--batch_size", "4", "--window", "32", "--resume",
                                 "--config", R"({"layer_sizes": [8, 8], "attn_length": 4})"});
    QVERIFY2(resumed.out.find("Resumed at step 6") != std::string::npos, resumed.out.c_str());
  }

  // musa-cli train --init: fine-tuning with --json-progress (one object per line) and the
  // base model's own data measured before and after.
  void fineTuningReportsJsonLinesAndNeverEndsWorseThanItsStart() {
    const QString data = path("tune-data"), base_data = path("tune-base");
    QVERIFY(QDir().mkpath(data) && QDir().mkpath(base_data));
    for (int i = 0; i < 4; ++i) {
      write_song(QDir(data).filePath(QStringLiteral("s%1.mid").arg(i)).toStdString(), i);
      write_song(QDir(base_data).filePath(QStringLiteral("b%1.mid").arg(i)).toStdString(), i + 5);
    }
    const QString tuned = path("tuned.safetensors");
    const Run run = run_cli({"train", "--init",         model_,    "--data",
                             data,    "--out",          tuned,     "--steps",
                             "6",     "--eval_every",   "2",       "--validation_every",
                             "2",     "--batch_size",   "4",       "--window",
                             "32",    "--base-data",    base_data, "--base_validation_every",
                             "4",     "--json-progress"});
    QVERIFY2(run.code == 0, run.err.c_str());
    std::vector<json> lines;
    std::istringstream out(run.out);
    for (std::string line; std::getline(out, line);) {
      const json j = json::parse(line, nullptr, false);
      QVERIFY2(!j.is_discarded() && j.contains("event"), line.c_str());
      lines.push_back(j);
    }
    auto first = [&](const std::string& event) {
      return *std::find_if(lines.begin(), lines.end(), [&](const json& j) { return j["event"] == event; });
    };
    QCOMPARE(first("data")["validation_files"].get<int>(), 2);
    const double start_nll = first("start")["validation"]["nll_per_step"].get<double>();
    // Fine-tuning's lower rate, falling along the cosine: updates 2, 4 and 6 of 6 validate.
    std::vector<double> rates;
    for (const json& j : lines)
      if (j["event"] == "progress") {
        rates.push_back(j["learning_rate"].get<double>());
        QVERIFY(j["eta_seconds"].get<double>() >= 0);
        QVERIFY(j.contains("validation") && j.contains("in_words"));
      }
    QCOMPARE(rates.size(), size_t(3));
    QVERIFY(std::abs(rates[0] - 0.0002 * 0.5 * (1 + std::cos(M_PI / 6))) < 1e-9);
    QVERIFY(rates[1] < rates[0] && rates[2] < rates[1]);
    const json done = lines.back();
    QCOMPARE(done["event"], json("done"));
    // The starting model competes: the result is never worse on validation than the start …
    const double result_nll = done["validation"]["nll_per_step"].get<double>();
    QVERIFY(result_nll <= start_nll);
    // … and the file holds what the figures say.
    const json evaluated =
        json::parse(run_cli({"eval", "--model", tuned, "--data", data, "--validation_every", "2"}).out);
    QVERIFY(std::abs(evaluated["nll_per_step"].get<double>() - result_nll) < 1e-6);
    // The base data's own split (every 4th file, not the new data's every 2nd) before (the tiny
    // model itself) and after.
    QCOMPARE(done["base_data"]["validation_files"].get<int>(), 1);
    const json before_base =
        json::parse(run_cli({"eval", "--model", model_, "--data", base_data, "--validation_every", "4"}).out);
    QVERIFY(std::abs(done["base_data"]["before"]["nll_per_step"].get<double>() -
                     before_base["nll_per_step"].get<double>()) < 1e-6);
    QVERIFY(done["base_data"]["after"].contains("accuracy"));
  }

  void errorsAreOneLineNamingTheFile() {
    QFile junk(path("junk.mid"));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("this is not MIDI at all");
    junk.close();
    struct Case {
      QStringList args;
      std::string expect;
    };
    const std::vector<Case> cases = {
        {{"generate", "--model", path("missing.safetensors")}, "missing.safetensors"},
        {{"generate", "--model", path("junk.mid")}, "junk.mid"},
        {{"generate", "--model", model_, "--primer_midi", path("junk.mid")}, "junk.mid"},
        {{"score", path("junk.mid"), "--model", model_}, "junk.mid"},
        {{"generate", "--model", model_, "--temperature", "hot"}, "--temperature"},
        {{"generate", "--bogus"}, "--bogus"},
        {{"render", path("junk.mid"), "-o", path("x.wav")}, "junk.mid"},
        {{"frobnicate"}, "frobnicate"},
    };
    for (const Case& c : cases) {
      const Run r = run_cli(c.args);
      QVERIFY2(r.code != 0, qPrintable(c.args.join(' ')));
      QVERIFY2(r.err.find(c.expect) != std::string::npos, r.err.c_str());
      QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n') <= 3, true);
    }
  }

  void everySubcommandHasHelp() {
    for (const char* cmd :
         {"generate", "extract", "encode", "score", "info", "render", "train", "eval", "baseline"}) {
      const Run r = run_cli({QString::fromLatin1(cmd), "--help"});
      QCOMPARE(r.code, 0);
      QVERIFY2(r.out.find("usage: musa-cli " + std::string(cmd)) == 0, cmd);
    }
  }
};

MUSA_TEST_GUILESS_MAIN(CliTest)
#include "test_cli.moc"
