// Tests of core/train's dataset, training loop and n-gram baseline.

#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <set>

#include "allocation_counter.h"
#include "core/model/model_file.h"
#include "core/music/smf.h"
#include "core/train/ngram.h"
#include "core/train/trainer.h"
#include "core/train/training_run.h"
#include "test_main.h"

using namespace musa;

namespace {

ModelConfig tiny_config() {
  ModelConfig c;
  c.layer_sizes = {8, 8};
  c.attn_length = 4;
  return c;
}

/**
 * Writes song_NN.mid: an 8-bar melody whose second note is 48 + NN, so its
 * labels tell which file it came from (for NN < 36).
 */
void write_song(const QString& folder, int index) {
  NoteSequence s;
  s.tempos.push_back({0.0, 120.0});
  const int steps[] = {0, 2, 4, 5, 7, 9, 11, 12};
  for (int i = 0; i < 33; ++i) {
    const int pitch = i == 1 ? 48 + index : 60 + steps[(i * 3 + index) % 8];
    s.notes.push_back({pitch, 90, i * 0.5, i * 0.5 + 0.4, 0, 0, false});
  }
  s.update_total_time();
  const QString name = QStringLiteral("%1/song_%2.mid").arg(folder).arg(index, 2, 10, QChar(u'0'));
  QVERIFY(write_midi_file(s, name.toStdString()).ok());
}

constexpr int kScale[] = {60, 62, 64, 65, 67, 69, 71, 72};

/**
 * A 40-bar tune for piece_N.mid: 160 quarter notes of a C major scale figure
 * (640 steps, longer than Magenta's 512); `third_below` sounds a third under
 * each note on the same track, as a piano piece does.
 */
NoteSequence long_tune(int index, bool third_below) {
  NoteSequence s;
  s.tempos.push_back({0.0, 120.0});
  for (int i = 0; i < 160; ++i) {
    const int pitch = kScale[(i * 3 + index) % 8];
    s.notes.push_back({pitch, 90, i * 0.5, i * 0.5 + 0.4, 0, 0, false});
    if (third_below) s.notes.push_back({pitch - 4, 80, i * 0.5, i * 0.5 + 0.4, 0, 0, false});
  }
  s.update_total_time();
  return s;
}

void write_piece(const NoteSequence& s, const QString& folder, int index) {
  QVERIFY(write_midi_file(s, QStringLiteral("%1/piece_%2.mid").arg(folder).arg(index).toStdString()).ok());
}

bool same_weights(const ModelWeights& a, const ModelWeights& b) {
  const auto ta = a.tensors();
  const auto tb = b.tensors();
  for (size_t i = 0; i < ta.size(); ++i)
    if (!std::equal(ta[i].data, ta[i].data + ta[i].size, tb[i].data)) return false;
  return true;
}

}  // namespace

class TrainTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString songs_;

  /** The twelve songs, every `validation_every`-th held out. */
  Result<Dataset> loadSongs(int validation_every) const {
    DatasetOptions o;
    o.folders = {songs_.toStdString()};
    o.validation_every = validation_every;
    return load_dataset(o, tiny_config());
  }

 private slots:
  void initTestCase() {
    songs_ = dir_.filePath(QStringLiteral("songs"));
    QVERIFY(QDir().mkpath(songs_));
    for (int i = 1; i <= 12; ++i) write_song(songs_, i);
  }

  void splitPutsEveryTenthFileInValidationOnly() {
    DatasetOptions o;
    o.folders = {songs_.toStdString()};
    o.validation_every = 5;  // files 5 and 10 of 12 (sorted by path)
    ModelConfig c = tiny_config();
    c.transpose_to_key = -1;  // keep pitches so the first label names the file
    Result<Dataset> data = load_dataset(o, c);
    QVERIFY(data.ok());
    QCOMPARE(data->summary.training_files, 10);
    QCOMPARE(data->summary.validation_files, 2);
    // Every file's label sequence is unique: none may appear on both sides.
    std::set<std::vector<int16_t>> training, validation;
    for (const auto& s : data->training) training.insert(s.labels);
    for (const auto& s : data->validation) validation.insert(s.labels);
    QCOMPARE(validation.size(), size_t(2));
    for (const auto& v : validation) QVERIFY(!training.count(v));
    QVERIFY(is_validation_file(4, 5) && is_validation_file(9, 5) && !is_validation_file(5, 5));
  }

  // Data-parallel training: process k of n loads the files i with i % n == k and splits them
  // as one process does; the shards together are the whole data set, in the same split.
  void shardsTogetherAreTheWholeDataSet() {
    DatasetOptions o;
    o.folders = {songs_.toStdString()};
    o.validation_every = 5;
    const Result<Dataset> whole = load_dataset(o, tiny_config());
    QVERIFY(whole.ok());
    DatasetSummary sum;
    std::multiset<std::pair<int, std::vector<int16_t>>> training, validation;
    for (int shard = 0; shard < 3; ++shard) {
      o.shard = shard;
      o.shards = 3;
      const Result<Dataset> part = load_dataset(o, tiny_config());
      QVERIFY(part.ok());
      for (const auto& s : part->training) {
        QCOMPARE(s.file % 3, shard);
        training.insert({s.file, s.labels});
      }
      for (const auto& s : part->validation) validation.insert({s.file, s.labels});
      sum += part->summary;
    }
    std::multiset<std::pair<int, std::vector<int16_t>>> whole_training, whole_validation;
    for (const auto& s : whole->training) whole_training.insert({s.file, s.labels});
    for (const auto& s : whole->validation) whole_validation.insert({s.file, s.labels});
    QVERIFY(training == whole_training);
    QVERIFY(validation == whole_validation);
    QCOMPARE(sum.text(), whole->summary.text());
  }

  // Each window's dropout comes from its own seed: threads change only the order of float sums.
  void threadsDoNotChangeTheWeights() {
    DatasetOptions o;
    o.folders = {songs_.toStdString()};
    const Result<Dataset> data = load_dataset(o, tiny_config());
    QVERIFY(data.ok());
    TrainOptions t;
    t.batch_size = 7;
    t.window = 24;
    t.max_steps = 4;
    t.learning_rate = 0.01f;
    const std::atomic<bool> go{false};
    t.threads = 1;
    Trainer one(random_weights(tiny_config(), 5), data.value(), t);
    one.run(go, {}, {}, {});
    t.threads = 3;
    Trainer three(random_weights(tiny_config(), 5), data.value(), t);
    three.run(go, {}, {}, {});
    double largest = 0;
    const auto a = one.weights().tensors(), b = three.weights().tensors();
    for (size_t i = 0; i < a.size(); ++i)
      for (long j = 0; j < a[i].size; ++j)
        largest = std::max(largest, double(std::abs(a[i].data[j] - b[i].data[j])));
    QVERIFY2(largest < 1e-5, qPrintable(QString::number(largest)));
    QVERIFY(!same_weights(one.weights(), random_weights(tiny_config(), 5)));
  }

  void datasetSurvivesBrokenFiles() {
    const QString folder = dir_.filePath(QStringLiteral("mixed"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/nested.mid")));  // a folder named like a file
    write_song(folder, 1);
    write_song(folder, 2);
    std::ofstream(QString(folder + QStringLiteral("/garbage.mid")).toStdString()) << "not midi";
    std::ofstream(QString(folder + QStringLiteral("/empty.mid")).toStdString());
    const std::vector<uint8_t> good = write_midi_bytes(NoteSequence{});
    std::ofstream truncated(QString(folder + QStringLiteral("/truncated.mid")).toStdString(),
                            std::ios::binary);
    truncated.write(reinterpret_cast<const char*>(good.data()), long(good.size()) - 3);
    truncated.close();
    DatasetOptions o;
    o.folders = {folder.toStdString()};
    Result<Dataset> data = load_dataset(o, tiny_config());
    QVERIFY2(data.ok(), data.ok() ? "" : data.error().c_str());
    QCOMPARE(data->summary.training_files, 2);
    int skipped = 0;
    for (const auto& [reason, n] : data->summary.skipped) skipped += n;
    QCOMPARE(skipped, 3);
    QVERIFY(data->summary.text().find("skipped 3 unreadable") != std::string::npos);
    o.folders = {"/nonexistent/folder"};
    QVERIFY(load_dataset(o, tiny_config()).error().find("/nonexistent/folder") == 0);
  }

  // Two files (the second held out), each a 640-step melody and a track of two-note chords:
  // Magenta's extractor cuts the melody at 512 steps and skips the chords; the training split
  // may keep the whole melody and the chords' top line, and validation stays as Magenta's.
  void trainingMayKeepWholeMelodiesAndTopLinesButValidationDoesNot() {
    const QString folder = dir_.filePath(QStringLiteral("long"));
    QVERIFY(QDir().mkpath(folder));
    for (int file = 1; file <= 2; ++file) {
      NoteSequence s = long_tune(file, false);
      for (int i = 0; i < 40; ++i)  // 10 bars of chords on a second track
        for (int third : {0, 4})
          s.notes.push_back({kScale[i % 8] - 12 + third, 80, i * 0.5, i * 0.5 + 0.4, 0, 1, false});
      write_piece(s, folder, file);
    }
    auto load = [&](int training_max_steps, bool top_lines) {
      DatasetOptions o;
      o.folders = {folder.toStdString()};
      o.validation_every = 2;
      o.training_max_steps = training_max_steps;
      o.training_top_lines = top_lines;
      Result<Dataset> data = load_dataset(o, tiny_config());
      if (!data.ok()) qFatal("%s", data.error().c_str());
      return std::move(data.value());
    };
    auto longest = [](const std::vector<EncodedSequence>& split) {
      int n = 0;
      for (const EncodedSequence& s : split) n = std::max(n, s.length());
      return n;
    };
    const Dataset magentas = load(512, false), whole = load(0, false), top_lines = load(0, true);
    for (const Dataset* d : {&magentas, &whole, &top_lines}) {
      QCOMPARE(d->validation.size(), size_t(1));
      QCOMPARE(longest(d->validation), 511);  // 512 events: 511 next-event labels
    }
    QCOMPARE(magentas.training.size(), size_t(1));
    QCOMPARE(longest(magentas.training), 511);
    QCOMPARE(whole.training.size(), size_t(1));
    QVERIFY2(longest(whole.training) >= 636, qPrintable(QString::number(longest(whole.training))));
    QCOMPARE(whole.summary.training_steps, long(longest(whole.training)));
    QCOMPARE(top_lines.training.size(), size_t(2));  // the melody and the chords' top line
    QCOMPARE(top_lines.validation.front().labels, magentas.validation.front().labels);
  }

  void aMusiciansFolderOfPianoPiecesIsLearnedWholeFromItsTopLines() {
    // Four piano pieces: each note of a 640-step tune over its third below, on one track.
    const QString folder = dir_.filePath(QStringLiteral("piano"));
    QVERIFY(QDir().mkpath(folder));
    for (int file = 1; file <= 4; ++file) write_piece(long_tune(file, true), folder, file);
    TrainingRunSpec spec;  // fine-tunes a model, as the window does by default
    spec.base_model = dir_.filePath(QStringLiteral("base.safetensors")).toStdString();
    QVERIFY(save_model(random_weights(tiny_config(), 4), spec.base_model).ok());
    spec.folders = {folder.toStdString()};
    spec.out = dir_.filePath(QStringLiteral("piano.safetensors")).toStdString();
    Result<std::unique_ptr<TrainingRun>> run = TrainingRun::prepare(spec, false);
    QVERIFY2(run.ok(), run.ok() ? "" : run.error().c_str());
    const Dataset& data = (*run)->data();
    QCOMPARE(data.training.size(), size_t(3));  // every 4th file held out
    QCOMPARE(data.validation.size(), size_t(1));
    const int trained = data.training.front().length();  // whole: about 640 steps, not cut at 512
    QVERIFY2(trained >= 636, qPrintable(QString::number(trained)));
    QCOMPARE(data.validation.front().length(), 511);  // cut as the shipped model's validation is
    QVERIFY((*run)->start().has_value());             // so the run can be judged and stopped early
    const std::string found = describe_training_data(data);
    QVERIFY2(found.find("4 files with 4 melodies") == 0, found.c_str());
    QVERIFY2(found.find("; 1 of the files is held out") != std::string::npos, found.c_str());
    // Stopped before any update was judged: the model file holds the base model's weights, and says so.
    std::atomic<bool> stop{true}, pause{false};
    QVERIFY((*run)->run(stop, pause, [](const TrainProgress&) {}).ok());
    QVERIFY((*run)->kept_starting_weights());
    QVERIFY(same_weights(load_model(spec.out)->weights, load_model(spec.base_model)->weights));
  }

  void resumeGivesTheSameWeightsAsOneRun() {
    const Result<Dataset> data = loadSongs(4);
    QVERIFY(data.ok());
    TrainOptions t;
    t.batch_size = 6;
    t.window = 32;
    t.eval_every = 2;
    t.checkpoint_every = 1000;
    t.max_steps = 6;
    const std::atomic<bool> go{false};
    Trainer straight(random_weights(tiny_config(), 7), data.value(), t);
    straight.run(go, {}, {}, {});

    t.max_steps = 3;
    Trainer first(random_weights(tiny_config(), 7), data.value(), t);
    first.run(go, {}, {}, {});
    const std::string checkpoint = dir_.filePath(QStringLiteral("m.ckpt")).toStdString();
    QVERIFY(first.save_checkpoint(checkpoint, "").ok());
    t.max_steps = 6;
    Trainer second(random_weights(tiny_config(), 99), data.value(),
                   t);  // other init: resume must overwrite it
    QVERIFY(second.resume(checkpoint).ok());
    QCOMPARE(second.state().step, 3L);
    second.run(go, {}, {}, {});
    QCOMPARE(second.state().step, 6L);
    QVERIFY(same_weights(second.weights(), straight.weights()));
    QVERIFY(same_weights(second.best_weights(), straight.best_weights()));
    QVERIFY(!same_weights(first.weights(), straight.weights()));
    QCOMPARE(second.state().best_validation_nll, straight.state().best_validation_nll);
  }

  void trainingLowersValidationLoss() {
    DatasetOptions o;
    o.folders = {songs_.toStdString()};
    o.validation_every = 6;
    const Result<Dataset> data = load_dataset(o, tiny_config());
    TrainOptions t;
    t.batch_size = 8;
    t.window = 64;
    t.max_steps = 60;
    t.eval_every = 60;
    t.dropout_keep = 1.0f;
    t.learning_rate = 0.01f;
    Trainer trainer(random_weights(tiny_config(), 3), data.value(), t);
    const double before = trainer.validate().nll;
    const std::atomic<bool> go{false};
    int reports = 0;
    trainer.run(go, [&](const TrainProgress& p) { reports += p.step > 0; }, {}, {});
    QCOMPARE(reports, 60);
    QVERIFY2(trainer.validate().nll < 0.6 * before, qPrintable(QString::number(trainer.validate().nll)));
  }

  void cosineScheduleFallsFromTheRateToTheFinalOne() {
    TrainOptions t;
    t.learning_rate = 0.001f;
    QCOMPARE(learning_rate_at(t, 0.7), 0.001f);  // constant, attention_rnn's
    t.schedule = LearningRateSchedule::Cosine;
    t.final_learning_rate = 0.0001f;
    QCOMPARE(learning_rate_at(t, 0.0), 0.001f);
    QVERIFY(std::abs(learning_rate_at(t, 0.5) - 0.00055f) < 1e-9f);  // half way down
    QVERIFY(std::abs(learning_rate_at(t, 0.25) - (0.0001f + 0.0009f * 0.5f * (1 + std::sqrt(0.5f)))) < 1e-9f);
    QCOMPARE(learning_rate_at(t, 1.0), 0.0001f);
    QCOMPARE(learning_rate_at(t, 3.0), 0.0001f);  // past the end it stays there
    QCOMPARE(learning_rate_at(t, -1.0), 0.001f);
  }

  void runFollowsTheScheduleAndStopsWhenValidationStopsImproving() {
    const Result<Dataset> data = loadSongs(4);
    QVERIFY(data.ok());
    TrainOptions t;
    t.batch_size = 4;
    t.window = 32;
    t.max_steps = 40;
    t.eval_every = 3;
    t.patience = 2;
    t.schedule = LearningRateSchedule::Cosine;
    Trainer trainer(random_weights(tiny_config(), 5), data.value(), t);
    // A validation no update can beat: the run must stop after `patience` validations.
    Evaluation unbeatable;
    unbeatable.nll = 1e-9;
    trainer.keep_current_as_best(unbeatable);
    const ModelWeights start = trainer.weights();
    std::vector<TrainProgress> reports;
    const std::atomic<bool> go{false};
    trainer.run(go, [&](const TrainProgress& p) { reports.push_back(p); }, {}, {});
    QCOMPARE(reports.size(), size_t(6));  // validations at 3 and 6
    QVERIFY(reports.back().stopped_early);
    QVERIFY(std::none_of(reports.begin(), reports.end() - 1, [](auto& p) { return p.stopped_early; }));
    QCOMPARE(reports[0].learning_rate, t.learning_rate);  // update 1 of 40 is at progress 0
    for (size_t i = 1; i < reports.size(); ++i)
      QVERIFY(reports[i].learning_rate < reports[i - 1].learning_rate);
    QCOMPARE(reports[5].learning_rate, learning_rate_at(t, 5.0 / 40));
    QCOMPARE(trainer.state().best_step, 0L);
    QVERIFY(same_weights(trainer.best_weights(), start));  // the starting weights are kept
    QVERIFY(!same_weights(trainer.weights(), start));
  }

  // The app's runs (core/train/training_run.h): one that stops keeps its marker and checkpoint,
  // the marker lists it to continue; broken or orphaned markers are skipped, never fatal.
  void anUnfinishedRunIsFoundAgainAndBrokenMarkersAreSkipped() {
    const QString folder = dir_.filePath(QStringLiteral("runs"));
    QVERIFY(QDir().mkpath(folder));
    TrainingRunSpec spec;
    spec.folders = {songs_.toStdString()};
    spec.out = (folder + QStringLiteral("/mine.safetensors")).toStdString();
    spec.minutes = 1;
    Result<std::unique_ptr<TrainingRun>> run = TrainingRun::prepare(spec, false);
    QVERIFY2(run.ok(), run.ok() ? "" : run.error().c_str());
    const std::string found = describe_training_data((*run)->data());
    QVERIFY2(found.find("12 files with 12 melodies") == 0, found.c_str());
    QVERIFY2(found.find("3 of the files are held out") != std::string::npos, found.c_str());
    std::atomic<bool> stop{false}, pause{false};
    QVERIFY((*run)->run(stop, pause, [&](const TrainProgress& p) { stop = p.step >= 3; }).ok());
    QVERIFY(QFileInfo::exists(QString::fromStdString(spec.out)));
    for (const char* junk : {"{\"folders\": 3}", "not json", "{}"}) {
      std::ofstream(folder.toStdString() + "/junk" + std::to_string(std::strlen(junk)) +
                    ".safetensors.run.json")
          << junk;
    }
    std::vector<TrainingRunSpec> unfinished = unfinished_training_runs(folder.toStdString());
    QCOMPARE(unfinished.size(), size_t(1));
    QCOMPARE(unfinished[0].out, spec.out);
    QCOMPARE(unfinished[0].folders, spec.folders);
    (*run)->finish();
    QVERIFY(unfinished_training_runs(folder.toStdString()).empty());
    QVERIFY(unfinished_training_runs("/nonexistent/folder").empty());
  }

  void trainingStepLoopAllocatesNothing() {
#ifndef MUSA_COUNTS_ALLOCATIONS
    QSKIP("the sanitizer owns malloc in this build");
#else
    // attention_rnn's sizes on two threads. An update may allocate a fixed amount (per-update
    // bookkeeping), but nothing per time step: 32 and 96 steps must allocate the same.
    const ModelConfig config;
    ModelWeights w = random_weights(config, 2), grads = ModelWeights::zeros(config);
    ParallelTrainer trainer(config, 2, 16, 96);
    Adam adam(w);
    auto allocations_for = [&](int steps) {
      TrainBatch<float> batch;
      batch.batch = 16;
      batch.steps = steps;
      batch.inputs = RowMatrix<float>::Zero(16 * steps, config.input_size());
      batch.labels.assign(size_t(16 * steps), 3);
      batch.mask.assign(size_t(16 * steps), 1.0f);
      auto update = [&](uint64_t seed) {
        trainer.compute_gradients(w, batch, grads, 0.5f, seed);
        clip_by_global_norm(grads, 3.0f);
        adam.step(w, grads);
      };
      update(1);
      return allocations_during([&] { update(2); });
    };
    const long short_run = allocations_for(32), long_run = allocations_for(96);
    qInfo("allocations per update: %ld (32 steps), %ld (96 steps)", short_run, long_run);
    QCOMPARE(long_run, short_run);
#endif
  }

  void brokenCheckpointIsRefused() {
    const std::string path = dir_.filePath(QStringLiteral("bad.ckpt")).toStdString();
    std::ofstream(path) << "MUSACKP1 and then nothing useful";
    DatasetOptions o;
    o.folders = {songs_.toStdString()};
    const Result<Dataset> data = load_dataset(o, tiny_config());
    Trainer trainer(random_weights(tiny_config(), 1), data.value(), TrainOptions{});
    const Status s = trainer.resume(path);
    QVERIFY(!s.ok());
    QVERIFY(s.error().find(path) == 0);
  }

  void ngramLearnsARepeatingPattern() {
    // Labels cycling with period 3: a 4-gram sees two labels back and predicts almost surely;
    // a unigram can only say 1/3 each.
    EncodedSequence s;
    for (int i = 0; i < 300; ++i) s.labels.push_back(int16_t(i % 3));
    NgramModel four(4, 40), one(1, 40);
    four.train({s});
    one.train({s});
    QVERIFY(four.evaluate({s}).nll < 0.05);
    QVERIFY(std::abs(one.evaluate({s}).nll - std::log(3.0)) < 0.05);
    QCOMPARE(four.evaluate({s}).accuracy > 0.99, true);
  }
};

MUSA_TEST_GUILESS_MAIN(TrainTest)
#include "test_train.moc"
