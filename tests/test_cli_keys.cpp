// musa-cli and keys, scores and originality: the real executable on files
// made here.

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>
#include <optional>

#include "cli_test_support.h"
#include "core/generate/originality.h"
#include "core/model/model_file.h"
#include "core/music/smf.h"
#include "core/project/primer_import.h"
#include "test_main.h"

using namespace musa;

namespace {

/** The melody of a take file, as the app imports a primer. */
std::vector<int> melody_of(const QString& file) {
  const Result<NoteSequence> seq = read_midi_file(file.toStdString());
  const std::vector<PrimerCandidate> candidates = primer_candidates(seq.value());
  return candidates[size_t(best_primer_candidate(candidates))].events;
}

}  // namespace

class CliKeysTest : public QObject {
  Q_OBJECT

  std::optional<QTemporaryDir> dir_;  // a fresh one for every run of the test object
  QString model_;

  QString path(const QString& name) const { return dir_->filePath(name); }

 private slots:
  void initTestCase() {
    dir_.emplace();
    QVERIFY(dir_->isValid());
    model_ = path("tiny.safetensors");
    QVERIFY(write_tiny_model(model_.toStdString()));
  }

  void generateWritesScores() {
    const QString out = path("scores");
    const Run r =
        run_cli({"generate", "--model", model_, "--output_dir", out, "--num_outputs", "3", "--bars", "4",
                 "--format", "musicxml", "--key", "Eb", "--mode", "harmonic_minor", "--seed", "2"});
    QVERIFY2(r.code == 0, r.err.c_str());
    QVERIFY(r.out.find("in E♭ harmonic minor") != std::string::npos);
    const QStringList files = QDir(out).entryList({"*.musicxml"}, QDir::Files, QDir::Name);
    QCOMPARE(files, (QStringList{"musa-take-01.musicxml", "musa-take-02.musicxml", "musa-take-03.musicxml"}));
    QFile f(QDir(out).filePath(files.first()));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray xml = f.readAll();
    QVERIFY(xml.contains("<score-partwise version=\"4.0\">"));
    QVERIFY(xml.contains("<fifths>-6</fifths>"));  // E♭ minor's signature
    // One file with a part per take.
    const QString one = path("one");
    QCOMPARE(run_cli({"generate", "--model", model_, "--output_dir", one, "--num_outputs", "2", "--bars", "2",
                      "--format", "musicxml", "--one_file"})
                 .code,
             0);
    QFile all(QDir(one).filePath("musa-takes.musicxml"));
    QVERIFY(all.open(QIODevice::ReadOnly));
    const QByteArray both = all.readAll();
    QVERIFY(both.contains("<part id=\"P1\">") && both.contains("<part id=\"P2\">"));
  }

  void generatedMidiCarriesTheKey() {
    const QString out = path("keyed");
    QCOMPARE(run_cli({"generate", "--model", model_, "--output_dir", out, "--num_outputs", "1", "--bars", "1",
                      "--key", "D", "--mode", "dorian"})
                 .code,
             0);
    const Result<NoteSequence> seq = read_midi_file(QDir(out).filePath("musa-take-01.mid").toStdString());
    QCOMPARE(seq->key_signatures, (std::vector<KeySignature>{{0.0, 2, true}}));
    // Auto: the primer's estimated key ([60]: C major).
    QCOMPARE(
        run_cli({"generate", "--model", model_, "--output_dir", out, "--num_outputs", "1", "--bars", "1"})
            .code,
        0);
    QCOMPARE(read_midi_file(QDir(out).filePath("musa-take-01.mid").toStdString())->key_signatures,
             (std::vector<KeySignature>{{0.0, 0, false}}));
  }

  void statsSayWhyAndThatOriginalityIsUnknownWithoutAnIndex() {
    const Run r = run_cli({"generate", "--model", model_, "--output_dir", path("stats"), "--num_outputs", "2",
                           "--bars", "2", "--stats", "--key", "A", "--mode", "minor_pentatonic", "--in_key"});
    QVERIFY2(r.code == 0, r.err.c_str());
    for (const char* line : {"take 1: A minor pentatonic; range ", "take 2: A minor pentatonic; range "})
      QVERIFY2(r.out.find(line) != std::string::npos, r.out.c_str());
    QVERIFY(r.out.find("100% in key") != std::string::npos);
    QVERIFY(r.out.find("nats/step; originality unknown") != std::string::npos);
    QVERIFY(r.out.find("\noriginality: ") == std::string::npos);  // no summary of what is unknown
  }

  void statsFlagATakeThatCopiesATrainingSong() {
    // The most likely take (temperature 0) is planted in an index beside a copy of the model; the same
    // request then copies it, and says from which song.
    const QString first = path("argmax");
    const QStringList request = {"--num_outputs", "1", "--bars",          "4",
                                 "--temperature", "0", "--primer_melody", "[60, 64]"};
    QCOMPARE(run_cli(QStringList{"generate", "--model", model_, "--output_dir", first} + request).code, 0);
    const std::vector<int> take = melody_of(QDir(first).filePath("musa-take-01.mid"));
    const QString copy = path("copied.safetensors");
    QVERIFY(QFile::copy(model_, copy));
    OriginalityIndex index;
    index.add("songs/planted.mid", std::vector<int>(take.begin() + 2, take.end()));
    index.finish();
    QVERIFY(index.save(originality_index_path(copy.toStdString())).ok());
    const Run r =
        run_cli(QStringList{"generate", "--model", copy, "--output_dir", path("again"), "--stats"} + request);
    QVERIFY2(r.code == 0, r.err.c_str());
    QVERIFY2(r.out.find("COPIES ") != std::string::npos, r.out.c_str());
    QVERIFY(r.out.find("bars of songs/planted.mid") != std::string::npos);
    QVERIFY2(r.out.find(
                 "\noriginality: 1 of 1 takes copy 2 bars or more of a training song; longest shared run ") !=
                 std::string::npos,
             r.out.c_str());
  }

  void trainWritesTheOriginalityIndexAndTheCommandRebuildsIt() {
    const QString data = path("train-data");
    QVERIFY(QDir().mkpath(data));
    for (int i = 0; i < 4; ++i)
      write_song(QDir(data).filePath(QStringLiteral("s%1.mid").arg(i)).toStdString(), i);
    const QString model = path("trained.safetensors");
    const Run trained = run_cli({"train", "--data", data, "--out", model, "--steps", "2",
                                 "--validation_every", "2", "--batch_size", "4", "--window", "32", "--config",
                                 R"({"layer_sizes": [8, 8], "attn_length": 4})"});
    QVERIFY2(trained.code == 0, trained.err.c_str());
    const QString index_path = model + ".originality";
    Result<OriginalityIndex> index = OriginalityIndex::load(index_path.toStdString());
    QVERIFY2(index.ok(), index.ok() ? "" : index.error().c_str());
    QCOMPARE(index->file_count(), size_t(2));  // files 2 and 4 of 4 are validation (every 2nd)
    // A training song is found whole; a validation song is not in the index.
    const Result<NoteSequence> s0 = read_midi_file(QDir(data).filePath("s0.mid").toStdString());
    const OriginalityMatch m = index->longest_match(melody_of(QDir(data).filePath("s0.mid")));
    QCOMPARE(m.file, std::string("train-data/s0.mid"));
    QVERIFY(m.bars() >= 8.0);
    QVERIFY(index->longest_match(melody_of(QDir(data).filePath("s1.mid"))).file != "train-data/s1.mid");
    // The standalone command builds the same index for an existing model.
    QVERIFY(QFile::remove(index_path));
    const Run built =
        run_cli({"originality-index", "--model", model, "--data", data, "--validation_every", "2"});
    QVERIFY2(built.code == 0, built.err.c_str());
    QVERIFY(built.out.find("2 melodies from 2 files") != std::string::npos);
    QCOMPARE(OriginalityIndex::load(index_path.toStdString())->token_count(), index->token_count());
    // Fine-tuning from a model without an index writes none: originality unknown.
    const QString tuned = path("tuned.safetensors");
    QVERIFY(QFile::remove(index_path));
    const Run fine = run_cli({"train", "--data", data, "--out", tuned, "--steps", "1", "--validation_every",
                              "2", "--batch_size", "4", "--window", "32", "--init", model});
    QVERIFY2(fine.code == 0, fine.err.c_str());
    QVERIFY(fine.out.find("originality unknown") != std::string::npos);
    QVERIFY(!QFileInfo::exists(tuned + ".originality"));
  }

  void keyEvalPrintsATableForEveryMode() {
    const Run r = run_cli({"key-eval", "--model", model_, "--takes", "1", "--bars", "1"});
    QVERIFY2(r.code == 0, r.err.c_str());
    for (const char* row :
         {"| major |", "| minor |", "| harmonic minor |", "| melodic minor |", "| dorian |", "| mixolydian |",
          "| major pentatonic |", "| minor pentatonic |", "| blues |", "| **mean** |"})
      QVERIFY2(r.out.find(row) != std::string::npos, row);
    QVERIFY(r.out.find("| mode | none (before) | map primer | map output |") != std::string::npos);
  }

  void badKeyFlagsAreNamed() {
    for (const QStringList& args :
         {QStringList{"--key", "H"}, QStringList{"--key", "C", "--mode", "phrygian"},
          QStringList{"--mode", "dorian"}, QStringList{"--format", "pdf"},
          QStringList{"--key_mapping", "sideways"}, QStringList{"--key_bias", "-1"}}) {
      const Run r = run_cli(QStringList{"generate", "--model", model_, "--output_dir", path("bad")} + args);
      QVERIFY(r.code != 0);
      QVERIFY2(r.err.find(args.first().toStdString()) != std::string::npos, r.err.c_str());
    }
  }

  void newSubcommandsHaveHelp() {
    for (const char* cmd : {"key-eval", "originality-index"}) {
      const Run r = run_cli({QString::fromLatin1(cmd), "--help"});
      QCOMPARE(r.code, 0);
      QVERIFY2(r.out.find("usage: musa-cli " + std::string(cmd)) == 0, cmd);
    }
  }
};

MUSA_TEST_GUILESS_MAIN(CliKeysTest)
#include "test_cli_keys.moc"
