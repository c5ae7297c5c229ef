// Magenta.js MusicRNN checkpoints both ways, and Magenta.js itself (Node,
// @magenta/music with tfjs on CPU, tools/magentajs) running converted models
// against Musa's network: per-step probabilities within 1e-5.

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "core/model/encoding.h"
#include "core/model/magentajs.h"
#include "core/model/melody_rnn.h"
#include "core/model/model_file.h"
#include "core/music/melody.h"
#include "model_test_support.h"
#include "test_main.h"

using namespace musa;
using json = nlohmann::json;
using Bytes = std::vector<uint8_t>;

namespace {

/** Random weights, biases included; `gain` scales them all (peaked distributions, like a trained model's). */
ModelWeights model(EncodingKind encoding, std::vector<int> layers, int attn_length, uint64_t seed,
                   float gain = 1) {
  ModelConfig c;
  c.encoding = encoding;
  c.layer_sizes = std::move(layers);
  c.attn_length = attn_length;
  ModelWeights w = random_weights(c, seed);
  randomize_biases(w, uint32_t(seed));
  for (TensorRef<float>& t : w.tensors())
    for (long i = 0; i < t.size; ++i) t.data[i] *= gain;
  if (w.config.has_attention()) w.query_bias.setZero();  // Magenta.js has no query bias
  return w;
}

json read_json(const QString& path) {
  std::ifstream in(path.toStdString());
  return json::parse(in, nullptr, false);
}

void write_text(const QString& path, const std::string& text) { std::ofstream(path.toStdString()) << text; }

/**
 * Replaces the manifest's last weight (fully_connected/biases, 38 floats) by a
 * quantized copy: `quantization` as the manifest entry, `raw` as its bytes.
 */
void quantize_last_weight(const QString& dir, const json& quantization, const Bytes& raw) {
  json manifest = read_json(dir + "/weights_manifest.json");
  manifest[0]["weights"].back()["quantization"] = quantization;
  write_text(dir + "/weights_manifest.json", manifest.dump());
  Bytes shard = read_bytes((dir + "/group1-shard1of1").toStdString());
  shard.resize(shard.size() - 38 * 4);
  shard.insert(shard.end(), raw.begin(), raw.end());
  write_bytes((dir + "/group1-shard1of1").toStdString(), shard);
}

/** Magenta.js melody index → Musa event (MelodyConverter: 0 no event, 1 off, 2 + pitch − min). */
int event_of(int index, int min_note) {
  return index == 0 ? kMelodyNoEvent : index == 1 ? kMelodyNoteOff : index - 2 + min_note;
}

/** Musa's probabilities after the primer and after each sample but the last, as MusicRNN steps. */
std::vector<std::vector<double>> musa_probs(const ModelWeights& w, std::vector<int> events,
                                            const std::vector<int>& samples) {
  const auto weights = std::make_shared<const ModelWeights>(w);
  MelodyRnn rnn(weights, 1);
  const auto enc = make_encoding(w.config);
  std::vector<float> input(size_t(enc->input_size())), logits(size_t(w.config.num_classes()));
  std::vector<std::vector<double>> out;
  const size_t primer = events.size();
  for (size_t t = 0; t < primer + samples.size(); ++t) {
    if (t >= primer) {
      std::vector<double> p(logits.begin(), logits.end());
      const double max = *std::max_element(p.begin(), p.end());
      double sum = 0;
      for (double& v : p) sum += (v = std::exp(v - max));
      for (double& v : p) v /= sum;
      out.push_back(p);
      if (t + 1 == primer + samples.size()) break;
      events.push_back(event_of(samples[t - primer], w.config.min_note));
    }
    enc->encode_input(events, int(t), input);
    rnn.step(input.data(), logits.data());
  }
  return out;
}

}  // namespace

class MagentaJsTest : public QObject {
  Q_OBJECT

 private slots:
  void exportWritesWhatMusicRnnLoads() {
    QTemporaryDir dir;
    const ModelWeights w = model(EncodingKind::MelodyOneHot, {16, 8}, 0, 1);
    QVERIFY(export_magentajs(w, dir.path().toStdString()).ok());
    const json config = read_json(dir.filePath("config.json"));
    QCOMPARE(config["type"], json("MusicRNN"));
    QCOMPARE(config["dataConverter"],
             json::parse(R"({"type": "MelodyConverter", "args": {"minPitch": 48, "maxPitch": 83}})"));
    QVERIFY(!config.contains("attentionLength"));
    const json manifest = read_json(dir.filePath("weights_manifest.json"));
    QCOMPARE(manifest.size(), size_t(1));
    QCOMPARE(manifest[0]["paths"], json::parse(R"(["group1-shard1of1"])"));
    const json& specs = manifest[0]["weights"];
    QCOMPARE(specs.size(), size_t(6));
    QCOMPARE(
        specs[0],
        json::parse(
            R"({"name": "rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel", "shape": [54, 64], "dtype": "float32"})"));
    QCOMPARE(specs[5]["name"], json("fully_connected/biases"));
    // The shard is every tensor's little-endian floats, in manifest order.
    const Bytes shard = read_bytes(dir.filePath("group1-shard1of1").toStdString());
    QCOMPARE(shard.size(), size_t(w.parameter_count() * 4));
    float first = 0, last = 0;
    std::memcpy(&first, shard.data(), 4);
    std::memcpy(&last, shard.data() + shard.size() - 4, 4);
    QCOMPARE(first, w.lstm[0].kernel(0, 0));
    QCOMPARE(last, w.fc_bias(37));
  }

  void roundTripsEveryModel() {
    QTemporaryDir dir;
    int n = 0;
    for (const ModelWeights& w :
         {model(EncodingKind::MelodyOneHot, {12}, 0, 2), model(EncodingKind::KeyMelody, {10, 10}, 40, 3),
          model(EncodingKind::Lookback, {6, 7, 8}, 0, 4), model(EncodingKind::KeyMelody, {300, 300}, 0, 5)}) {
      const QString path = dir.filePath(QString::number(n++));
      QVERIFY(export_magentajs(w, path.toStdString(), /*force=*/true).ok());
      Result<ModelFile> back = import_magentajs(path.toStdString());
      QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
      QVERIFY(same_weights(back->weights, w));
    }
    // The 300-unit model's 4.7 MB of weights fill two 4 MB shards; a tensor straddles them.
    QVERIFY(QFile::exists(dir.filePath("3/group1-shard2of2")));
  }

  void readsMagentaJsCheckpointsWithoutMusasConfig() {
    QTemporaryDir dir;
    const ModelWeights w = model(EncodingKind::MelodyOneHot, {8, 8, 8}, 16, 6);
    QVERIFY(export_magentajs(w, dir.path().toStdString()).ok());
    json config = read_json(dir.filePath("config.json"));
    config.erase("musa");  // as Magenta's own checkpoints are
    write_text(dir.filePath("config.json"), config.dump());
    Result<ModelFile> back = import_magentajs(dir.path().toStdString());
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
    QVERIFY(same_weights(back->weights, w));  // one-hot 48..84, key C, attention 16: all from the spec
    config.erase("attentionLength");
    write_text(dir.filePath("config.json"), config.dump());
    Result<ModelFile> no_length = import_magentajs(dir.path().toStdString());
    QVERIFY(!no_length.ok() && no_length.error().find("attentionLength") != std::string::npos);
    // Magenta.js's 128-class melody_rnn: pitches 0..127, which Magenta's mono_rnn does not transpose.
    ModelConfig c;
    c.encoding = EncodingKind::MelodyOneHot;
    c.min_note = 0;
    c.max_note = 128;
    c.transpose_to_key = -1;
    c.layer_sizes = {8};
    c.attn_length = 0;
    const ModelWeights mono = random_weights(c, 13);
    QTemporaryDir mono_dir;
    QVERIFY(export_magentajs(mono, mono_dir.path().toStdString()).ok());
    json mono_config = read_json(mono_dir.filePath("config.json"));
    QCOMPARE(mono_config["dataConverter"]["args"]["maxPitch"], json(127));
    mono_config.erase("musa");
    write_text(mono_dir.filePath("config.json"), mono_config.dump());
    Result<ModelFile> mono_back = import_magentajs(mono_dir.path().toStdString());
    QVERIFY2(mono_back.ok(), mono_back.ok() ? "" : mono_back.error().c_str());
    QVERIFY(same_weights(mono_back->weights, mono));
  }

  void quantizedWeightsDecodeAsTfjsDoes() {
    const ModelWeights w = model(EncodingKind::MelodyOneHot, {4}, 0, 7);
    QTemporaryDir dir;
    const std::string d = dir.path().toStdString();
    // uint8: value = q · scale + min (io_utils decodeWeights).
    QVERIFY(export_magentajs(w, d).ok());
    Bytes raw8(38);
    for (int i = 0; i < 38; ++i) raw8[size_t(i)] = uint8_t(i * 6);
    quantize_last_weight(dir.path(), {{"dtype", "uint8"}, {"scale", 0.5}, {"min", -1.0}}, raw8);
    Result<ModelFile> u8 = import_magentajs(d);
    QVERIFY2(u8.ok(), u8.ok() ? "" : u8.error().c_str());
    QCOMPARE(u8->weights.fc_bias(0), -1.0f);
    QCOMPARE(u8->weights.fc_bias(37), 37 * 6 * 0.5f - 1.0f);
    // uint16, little-endian.
    QVERIFY(export_magentajs(w, d).ok());
    Bytes raw16(76, 0);
    raw16[0] = 4;  // q = 4 → 4 · 0.25 + 1 = 2
    raw16[3] = 1;  // q = 256 → 65
    quantize_last_weight(dir.path(), {{"dtype", "uint16"}, {"scale", 0.25}, {"min", 1.0}}, raw16);
    Result<ModelFile> u16 = import_magentajs(d);
    QVERIFY(u16.ok());
    QCOMPARE(u16->weights.fc_bias(0), 2.0f);
    QCOMPARE(u16->weights.fc_bias(1), 65.0f);
    QCOMPARE(u16->weights.fc_bias(2), 1.0f);
    // float16: IEEE half, subnormals included.
    QVERIFY(export_magentajs(w, d).ok());
    Bytes raw_half(76, 0);
    const uint16_t halves[] = {0x3c00, 0xc000, 0x3555, 0x0001, 0x7bff};
    for (int i = 0; i < 5; ++i)
      raw_half[size_t(2 * i)] = uint8_t(halves[i]), raw_half[size_t(2 * i + 1)] = uint8_t(halves[i] >> 8);
    quantize_last_weight(dir.path(), {{"dtype", "float16"}}, raw_half);
    Result<ModelFile> half = import_magentajs(d);
    QVERIFY(half.ok());
    QCOMPARE(half->weights.fc_bias(0), 1.0f);
    QCOMPARE(half->weights.fc_bias(1), -2.0f);
    QCOMPARE(half->weights.fc_bias(2), 0.333251953125f);
    QCOMPARE(half->weights.fc_bias(3), 5.9604644775390625e-08f);
    QCOMPARE(half->weights.fc_bias(4), 65504.0f);
    QCOMPARE(half->weights.fc_bias(5), 0.0f);
  }

  void hostileCheckpointsGiveErrorsNamingTheFile() {
    QTemporaryDir dir;
    const std::string d = dir.path().toStdString();
    const ModelWeights w = model(EncodingKind::MelodyOneHot, {4}, 0, 8);
    auto with_manifest = [&](const std::function<void(json&)>& edit) {
      QFile::remove(dir.filePath("weights_manifest.json"));
      (void)export_magentajs(w, d);
      json m = read_json(dir.filePath("weights_manifest.json"));
      edit(m);
      write_text(dir.filePath("weights_manifest.json"), m.dump());
      return import_magentajs(d);
    };
    const std::string manifest = d + "/weights_manifest.json: ";
    auto refused = [&](const Result<ModelFile>& r, const char* why) {
      return !r.ok() && r.error().rfind(manifest, 0) == 0 && r.error().find(why) != std::string::npos;
    };
    QVERIFY(refused(with_manifest([](json& m) { m[0]["paths"][0] = "../escape"; }), "plain file name"));
    QVERIFY(refused(with_manifest([](json& m) { m[0]["paths"][0] = "/etc/passwd"; }), "plain file name"));
    QVERIFY(refused(with_manifest([](json& m) { m[0]["weights"][0]["shape"][0] = 100000; }),
                    "runs past the end"));
    QVERIFY(refused(with_manifest([](json& m) { m[0]["weights"][0]["dtype"] = "complex64"; }),
                    "unsupported dtype"));
    QVERIFY(refused(with_manifest([](json& m) { m[0]["weights"][1]["name"] = m[0]["weights"][0]["name"]; }),
                    "twice"));
    QVERIFY(refused(with_manifest([](json& m) {
                      m[0]["weights"][0]["quantization"] = {{"dtype", "int4"}};
                    }),
                    "quantization"));
    QVERIFY(refused(with_manifest([](json& m) { m = json::object(); }), "not a list"));
    QVERIFY(refused(with_manifest([](json& m) { m[0]["weights"].erase(m[0]["weights"].size() - 1); }),
                    "is missing"));
    Result<ModelFile> no_shard = with_manifest([](json& m) { m[0]["paths"][0] = "absent"; });
    QVERIFY(!no_shard.ok() && no_shard.error().find(d + "/absent") != std::string::npos);
    write_text(dir.filePath("weights_manifest.json"), "[{\"paths\": [");
    Result<ModelFile> broken = import_magentajs(d);
    QVERIFY(!broken.ok() && broken.error().find("not valid JSON") != std::string::npos);
    (void)export_magentajs(w, d);
    write_text(dir.filePath("config.json"),
               R"({"type": "MusicRNN", "dataConverter": {"type": "MelodyConverter",
      "args": {"minPitch": 48, "maxPitch": 83}}, "chordEncoder": "PitchChordEncoder"})");
    Result<ModelFile> chords = import_magentajs(d);
    QVERIFY(!chords.ok() && chords.error().rfind(d + "/config.json: ", 0) == 0);
    QFile::remove(dir.filePath("config.json"));
    Result<ModelFile> no_config = import_magentajs(d);
    QVERIFY(!no_config.ok() && no_config.error().find("config.json") != std::string::npos);
  }

  void refusesModelsMagentaJsWouldRunDifferently() {
    QTemporaryDir dir;
    const ModelWeights shipped_like = model(EncodingKind::KeyMelody, {8, 8}, 40, 9);
    ModelWeights with_bias = model(EncodingKind::MelodyOneHot, {8, 8, 8}, 40, 10);
    with_bias.query_bias(0) = 0.5f;
    QCOMPARE(magentajs_incompatibilities(shipped_like).size(), size_t(2));  // encoding, 2 layers
    QCOMPARE(magentajs_incompatibilities(with_bias).size(), size_t(1));
    QCOMPARE(magentajs_incompatibilities(model(EncodingKind::MelodyOneHot, {8, 8, 6}, 40, 11)).size(),
             size_t(1));
    QVERIFY(magentajs_incompatibilities(model(EncodingKind::MelodyOneHot, {8, 8, 8}, 40, 12)).empty());
    Status refused = export_magentajs(shipped_like, dir.path().toStdString());
    QVERIFY(!refused.ok() && refused.error().find("h[2]") != std::string::npos);
    QVERIFY(!QFile::exists(dir.filePath("weights_manifest.json")));
    QVERIFY(export_magentajs(shipped_like, dir.path().toStdString(), true).ok());
  }

  void magentaJsItselfAgreesWithMusa() {
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    const QString tool = QStringLiteral(MUSA_SOURCE_DIR "/tools/magentajs");
    if (node.isEmpty()) QSKIP("node is not installed: the comparison with Magenta.js is skipped");
    if (!QFile::exists(tool + "/node_modules/@magenta/music/package.json"))
      QSKIP(
          "@magenta/music is not installed: run `npm ci --prefix tools/magentajs` to compare with "
          "Magenta.js");
    struct Case {
      const char* name;
      ModelWeights weights;
    };
    // basic_rnn's size, and the 3-layer attention model Magenta.js's wrapper can run.
    const Case cases[] = {
        {"basic_rnn [128, 128]", model(EncodingKind::MelodyOneHot, {128, 128}, 0, 21, 4)},
        {"attention [64, 64, 64], length 40", model(EncodingKind::MelodyOneHot, {64, 64, 64}, 40, 22, 2)}};
    // C D E F G with holds and a rest: MelodyConverter indices (2 + pitch − 48).
    const std::vector<int> primer{14, 0, 16, 0, 18, 0, 19, 1, 21, 0, 0, 0, 1, 0, 14, 0};
    QTemporaryDir dir;
    for (const Case& c : cases) {
      const QString path = dir.filePath(QString::fromUtf8(c.name).left(9));
      QVERIFY(export_magentajs(c.weights, path.toStdString()).ok());
      QProcess p;
      p.start(node, {tool + "/musicrnn_probs.js", path, QString::fromStdString(json(primer).dump()), "48"});
      QVERIFY(p.waitForFinished(300000));
      QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
      const json out = json::parse(p.readAllStandardOutput().toStdString(), nullptr, false);
      QVERIFY(out.is_object());
      QCOMPARE(out["primer"].get<std::vector<int>>(), primer);  // MusicRNN was fed this melody
      std::vector<int> events;
      for (int i : primer) events.push_back(event_of(i, 48));
      const auto samples = out["samples"].get<std::vector<int>>();
      const auto js = out["probs"].get<std::vector<std::vector<double>>>();
      const auto ours = musa_probs(c.weights, events, samples);
      QCOMPARE(js.size(), size_t(48));
      QCOMPARE(ours.size(), js.size());
      double worst = 0, spread = 0;
      for (size_t t = 0; t < js.size(); ++t) {
        const auto [low, high] = std::minmax_element(js[t].begin(), js[t].end());
        spread = std::max(spread, *high - *low);  // the distributions are far from uniform
        for (size_t k = 0; k < js[t].size(); ++k) worst = std::max(worst, std::abs(js[t][k] - ours[t][k]));
      }
      qInfo("%s: largest probability spread in a step %.2f", c.name, spread);
      QVERIFY(spread > 0.3);
      qInfo("%s: Magenta.js (%s backend) vs Musa over 48 steps x 38 classes: max |dp| = %.3g", c.name,
            out["backend"].get<std::string>().c_str(), worst);
      QVERIFY(worst <= 1e-5);
    }
  }
};

MUSA_TEST_APPLESS_MAIN(MagentaJsTest)
#include "test_magentajs.moc"
