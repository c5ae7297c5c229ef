// Data-parallel training (issue 17): `mpirun -np 2 musa-cli train` must give
// the weights one process gives at the same global batch, within the order of
// float sums, and a checkpoint must resume under another process count. The
// real musa-cli under the real mpirun, on MIDI files made here.

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>
#include <random>

#include "cli_test_support.h"
#include "core/generate/originality.h"
#include "core/model/model_file.h"
#include "core/music/smf.h"
#include "core/train/trainer.h"
#include "test_main.h"

using namespace musa;
using json = nlohmann::json;

namespace {

/** Runs an MPI launcher; mpirun refuses root unless told (CI containers run as root). */
Run run_launcher(const QString& launcher, const QStringList& args) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("OMPI_ALLOW_RUN_AS_ROOT"), QStringLiteral("1"));
  env.insert(QStringLiteral("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"), QStringLiteral("1"));
  p.setProcessEnvironment(env);
  p.start(launcher, args);
  if (!p.waitForFinished(180000)) p.kill();
  return {p.exitCode(), p.readAllStandardOutput().toStdString(), p.readAllStandardError().toStdString()};
}

/** `musa-cli train ARGS` under `LAUNCHER -np N --oversubscribe` (N processes on this machine). */
Run run_launched_train(const QString& launcher, int processes, const QStringList& args) {
  return run_launcher(launcher, QStringList{QStringLiteral("-np"), QString::number(processes),
                                            QStringLiteral("--oversubscribe"), QStringLiteral(MUSA_CLI_PATH),
                                            QStringLiteral("train")} +
                                    args);
}

/** musa-cli train alone (processes = 1) or under this build's mpirun. */
Run run_train(int processes, const QStringList& args) {
#ifdef MUSA_MPIEXEC
  if (processes > 1) return run_launched_train(QStringLiteral(MUSA_MPIEXEC), processes, args);
#endif
  return run_cli(QStringList{QStringLiteral("train")} + args);
}

/**
 * song_NN.mid: a random walk of 20 + 3·NN quarter and eighth notes, so the
 * files hold melodies of different lengths (windows of every size).
 */
void write_walk(const QString& folder, int index) {
  NoteSequence s;
  s.tempos.push_back({0.0, 120.0});
  std::mt19937 rng(static_cast<unsigned>(index));
  int pitch = 60 + index % 7;
  double t = 0;
  for (int i = 0; i < 20 + 3 * index; ++i) {
    pitch = std::clamp(pitch + int(rng() % 7) - 3, 55, 79);
    const double length = rng() % 3 == 0 ? 0.25 : 0.5;
    s.notes.push_back({pitch, 90, t, t + length * 0.9, 0, 0, false});
    t += length;
  }
  s.update_total_time();
  const QString name = QStringLiteral("%1/song_%2.mid").arg(folder).arg(index, 2, 10, QChar(u'0'));
  QVERIFY(write_midi_file(s, name.toStdString()).ok());
}

ModelConfig tiny_config() {
  ModelConfig c;
  c.layer_sizes = {16, 16};
  c.attn_length = 4;
  return c;
}

double max_difference(const ModelWeights& a, const ModelWeights& b) {
  double d = 0;
  const auto ta = a.tensors(), tb = b.tensors();
  for (size_t i = 0; i < ta.size(); ++i)
    for (long j = 0; j < ta[i].size; ++j) d = std::max(d, double(std::abs(ta[i].data[j] - tb[i].data[j])));
  return d;
}

}  // namespace

class TrainMpiTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString songs_;

  QString path(const QString& name) const { return dir_.filePath(name); }

  /** The flags every run here shares: attention, dropout, a batch that spans both processes' files. */
  QStringList flags(const QString& model, int steps) const {
    return {QStringLiteral("--data"),
            songs_,
            QStringLiteral("--out"),
            model,
            QStringLiteral("--steps"),
            QString::number(steps),
            QStringLiteral("--config"),
            QStringLiteral(R"({"layer_sizes": [16, 16], "attn_length": 4})"),
            QStringLiteral("--batch_size"),
            QStringLiteral("12"),
            QStringLiteral("--window"),
            QStringLiteral("24"),
            QStringLiteral("--dropout_keep"),
            QStringLiteral("0.7"),
            QStringLiteral("--learning_rate"),
            QStringLiteral("0.01"),
            QStringLiteral("--validation_every"),
            QStringLiteral("4"),
            QStringLiteral("--eval_every"),
            QStringLiteral("3"),
            QStringLiteral("--checkpoint_every"),
            QStringLiteral("3"),
            QStringLiteral("--threads"),
            QStringLiteral("1"),
            QStringLiteral("--seed"),
            QStringLiteral("5")};
  }

  /** The latest weights of a checkpoint (MODEL.ckpt), read back through the trainer. */
  ModelWeights latest_weights(const QString& model) {
    DatasetOptions o;
    o.folders = {songs_.toStdString()};
    o.validation_every = 4;
    static const Result<Dataset> data = load_dataset(o, tiny_config());
    Trainer reader(random_weights(tiny_config(), 1), data.value(), TrainOptions{});
    const Status s = reader.resume((model + QStringLiteral(".ckpt")).toStdString());
    if (!s.ok()) qWarning("%s", s.error().c_str());
    return reader.weights();
  }

  static double stored_validation_nll(const QString& model) {
    Result<ModelFile> m = load_model(model.toStdString());
    if (!m.ok()) return -1;
    return json::parse(m->training_json)["validation"]["nll_per_step"].get<double>();
  }

  /** Trains `steps` updates with `processes`; the run must succeed and say how many processes ran. */
  void train(int processes, const QString& model, int steps, bool resume = false) {
    QStringList args = flags(model, steps);
    if (resume) args << QStringLiteral("--resume");
    const Run r = run_train(processes, args);
    QVERIFY2(r.code == 0, (r.out + r.err).c_str());
    const bool says_group = r.out.find(std::to_string(processes) + " processes (MPI)") != std::string::npos;
    QVERIFY2(says_group == (processes > 1), r.out.c_str());
    QCOMPARE(int(r.out.find("Resumed at step") != std::string::npos), int(resume));
  }

  /** One process, 6 updates: what the other runs must match; trained by whichever test needs it first. */
  QString one_process_run() {
    const QString one = path(QStringLiteral("one.safetensors"));
    if (!QFileInfo::exists(one)) train(1, one, 6);
    return one;
  }

  void compare(const QString& a, const QString& b) {
    const double nll_a = stored_validation_nll(a), nll_b = stored_validation_nll(b);
    const double weights = max_difference(latest_weights(a), latest_weights(b));
    qInfo("%s vs %s: validation NLL %.6f vs %.6f (difference %.2e), largest weight difference %.2e",
          qPrintable(QFileInfo(a).fileName()), qPrintable(QFileInfo(b).fileName()), nll_a, nll_b,
          std::abs(nll_a - nll_b), weights);
    QVERIFY(nll_a > 0);
    QVERIFY2(std::abs(nll_a - nll_b) < 1e-4, qPrintable(QString::number(std::abs(nll_a - nll_b))));
    QVERIFY2(weights < 1e-4, qPrintable(QString::number(weights)));
  }

 private slots:
  void init() {
#ifndef MUSA_MPIEXEC
    if (QString::fromUtf8(QTest::currentTestFunction()) != QStringLiteral("withoutMpiTheLauncherIsRefused"))
      QSKIP("musa-cli was built without MPI (MUSA_MPI off, or no libopenmpi-dev when configured)");
#endif
  }

  void initTestCase() {
    QVERIFY(dir_.isValid());
    songs_ = path(QStringLiteral("songs"));
    QVERIFY(QDir().mkpath(songs_));
    for (int i = 1; i <= 14; ++i) write_walk(songs_, i);
  }

  void twoProcessesTrainLikeOne() {
    const QString one_path = one_process_run();
    train(2, path(QStringLiteral("two.safetensors")), 6);
    compare(one_path, path(QStringLiteral("two.safetensors")));
    // Both write the originality index of every training melody, though each process read a shard.
    const Result<OriginalityIndex> one =
        OriginalityIndex::load(path(QStringLiteral("one.safetensors.originality")).toStdString());
    const Result<OriginalityIndex> two =
        OriginalityIndex::load(path(QStringLiteral("two.safetensors.originality")).toStdString());
    QVERIFY(one.ok() && two.ok());
    QVERIFY(one->token_count() > 0);
    QCOMPARE(two->token_count(), one->token_count());
    QCOMPARE(two->file_count(), one->file_count());
    // The same run with another seed lands elsewhere: the comparison can tell runs apart.
    const QString other = path(QStringLiteral("other.safetensors"));
    QStringList args = flags(other, 6);
    args.last() = QStringLiteral("6");
    QCOMPARE(run_train(1, args).code, 0);
    QVERIFY(max_difference(latest_weights(other), latest_weights(one_path)) > 1e-3);
  }

  void resumesUnderAnotherProcessCount() {
    const QString one = one_process_run();
    train(2, path(QStringLiteral("two_then_one.safetensors")), 3);
    train(1, path(QStringLiteral("two_then_one.safetensors")), 6, true);
    compare(one, path(QStringLiteral("two_then_one.safetensors")));
    train(1, path(QStringLiteral("one_then_two.safetensors")), 3);
    train(2, path(QStringLiteral("one_then_two.safetensors")), 6, true);
    compare(one, path(QStringLiteral("one_then_two.safetensors")));
  }

  // An error one process meets ends them all, with the message, instead of a hang.
  void anErrorEndsEveryProcess() {
    const Run r =
        run_train(2, {QStringLiteral("--data"), path(QStringLiteral("missing")), QStringLiteral("--out"),
                      path(QStringLiteral("x.safetensors")), QStringLiteral("--steps"), QStringLiteral("1")});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.find("missing: not a folder") != std::string::npos, r.err.c_str());
  }

  // A build without MPI under a launcher would train N times alone, each writing the same files.
  void withoutMpiTheLauncherIsRefused() {
#ifdef MUSA_MPIEXEC
    QSKIP("this build has MPI");
#else
    const QString mpirun = QStandardPaths::findExecutable(QStringLiteral("mpirun"));
    if (mpirun.isEmpty()) QSKIP("no mpirun on PATH");
    const QString model = path(QStringLiteral("alone.safetensors"));
    const Run r = run_launched_train(mpirun, 2, flags(model, 1));
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.find("this build has no MPI") != std::string::npos, r.err.c_str());
    QVERIFY(!QFileInfo::exists(model));
#endif
  }
};

MUSA_TEST_APPLESS_MAIN(TrainMpiTest)
#include "test_train_mpi.moc"
