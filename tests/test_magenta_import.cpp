// Magenta .mag bundles into Musa: the GeneratorBundle, every melody_rnn
// configuration, every TensorFlow naming generation, and hostile files.
// NOTE: no bundle downloaded from Magenta was available here; every bundle
// below is written by core/model's writers, which follow generator.proto and
// TensorFlow's table / tensor_slice formats (the byte-level tests are in
// test_tf_checkpoint.cpp).

#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>

#include "core/model/encoding.h"
#include "core/model/magenta_bundle.h"
#include "core/model/magenta_variables.h"
#include "core/model/magentajs.h"
#include "core/model/melody_rnn.h"
#include "core/model/model_loader.h"
#include "core/model/scoring.h"
#include "core/music/melody.h"
#include "model_test_support.h"
#include "test_main.h"

using namespace musa;
using Bytes = std::vector<uint8_t>;

namespace {

constexpr const char* kConfigs[] = {"basic_rnn", "mono_rnn", "lookback_rnn", "attention_rnn"};
constexpr TfNaming kNamings[] = {TfNaming::Tf12, TfNaming::Tf10, TfNaming::Tf0, TfNaming::Musa};

/** Random weights for a configuration, biases included (random_weights leaves them 0). */
ModelWeights source_weights(const std::string& id, uint64_t seed, std::vector<int> layers = {16, 12}) {
  ModelConfig c = *melody_rnn_config(id);
  c.layer_sizes = std::move(layers);
  ModelWeights w = random_weights(c, seed);
  randomize_biases(w, uint32_t(seed));
  return w;
}

Bytes bundle_bytes(const ModelWeights& w, const std::string& id, TfNaming naming) {
  GeneratorBundle b;
  b.generator_id = id;
  b.generator_description = "Melody RNN (test)";
  b.bundle_description = "written by Musa's tests";
  b.checkpoint_files.push_back(write_tf_v1_checkpoint(weights_to_tf(w, naming), 20000));
  b.metagraph = Bytes{0x0a, 0x00};  // an empty MetaInfoDef: Musa does not read the metagraph
  return write_generator_bundle(b);
}

/** A 3-bar melody the configuration's encoding can take (48..83, transposition off). */
std::vector<int> test_melody(int seed) {
  std::mt19937 rng{uint32_t(seed)};
  std::vector<int> events{60};
  for (int t = 1; t < 48; ++t) {
    const int r = int(rng() % 10);
    events.push_back(r < 5 ? kMelodyNoEvent : r < 6 ? kMelodyNoteOff : 48 + int(rng() % 36));
  }
  return events;
}

std::vector<double> log_probs(const ModelWeights& w, const std::vector<int>& events) {
  ModelConfig keep = w.config;
  keep.transpose_to_key = -1;
  const auto enc = make_encoding(w.config);
  const EncodedMelody m = encode_melody(Melody::from_events(events), keep, *enc);
  return label_log_probs(std::make_shared<const ModelWeights>(w), m.inputs, m.labels);
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

class MagentaImportTest : public QObject {
  Q_OBJECT

 private slots:
  void bundleBytesFollowGeneratorProto() {
    // GeneratorBundle{generator_details{id "basic_rnn", description "d"}, checkpoint_file "ck",
    // metagraph_file "mg", bundle_details{description "b"}}, fields in number order.
    GeneratorBundle b{"basic_rnn", "d", "b", {Bytes{'c', 'k'}}, Bytes{'m', 'g'}};
    const Bytes want{0x0a, 14,   0x0a, 9,   'b', 'a',  's', 'i', 'c', '_',  'r', 'n',  'n', 0x12, 1,
                     'd',  0x12, 2,    'c', 'k', 0x1a, 2,   'm', 'g', 0x22, 3,   0x0a, 1,   'b'};
    QCOMPARE(write_generator_bundle(b), want);
    Result<GeneratorBundle> back = parse_generator_bundle(want);
    QVERIFY(back.ok());
    QCOMPARE(back->generator_id, std::string("basic_rnn"));
    QCOMPARE(back->generator_description, std::string("d"));
    QCOMPARE(back->bundle_description, std::string("b"));
    QCOMPARE(back->checkpoint_files, std::vector<Bytes>{Bytes({'c', 'k'})});
    QCOMPARE(back->metagraph, Bytes({'m', 'g'}));
  }

  void bundleParserRefusesMalformedBundles() {
    QVERIFY(!parse_generator_bundle(Bytes{0x12, 2, 'c', 'k'}).ok());                // no generator id
    QVERIFY(!parse_generator_bundle(Bytes{0x0a, 3, 0x0a, 1, 'x'}).ok());            // no checkpoint
    QVERIFY(!parse_generator_bundle(Bytes{0x0a, 3, 0x0a, 1, 0xff, 0x12, 0}).ok());  // id not UTF-8
    QVERIFY(!parse_generator_bundle(Bytes{0x08, 1, 0x12, 0}).ok());                 // details as a varint
    QVERIFY(!parse_generator_bundle(Bytes{'M', 'T', 'h', 'd', 0, 0, 0, 6}).ok());   // a MIDI file
  }

  void importsEveryConfigurationInEveryNaming() {
    int imported = 0;
    for (const char* id : kConfigs) {
      for (TfNaming naming : kNamings) {
        const ModelWeights source = source_weights(id, 7 + uint64_t(imported));
        Result<ModelFile> model = import_magenta_bundle_bytes(bundle_bytes(source, id, naming), "test.mag");
        QVERIFY2(model.ok(), (std::string(id) + ": " + (model.ok() ? "" : model.error())).c_str());
        QVERIFY(same_weights(model->weights, source));
        // Without attention, TF >= 1.2's names and Musa's are the same: either label is right.
        const TfNaming seen =
            !source.config.has_attention() && naming == TfNaming::Musa ? TfNaming::Tf12 : naming;
        QVERIFY(model->training_json.find(naming_label(seen)) != std::string::npos);
        // The imported model scores a melody with exactly the source weights' log-probabilities.
        const std::vector<int> melody = test_melody(imported);
        const std::vector<double> want = log_probs(source, melody), got = log_probs(model->weights, melody);
        QCOMPARE(got.size(), size_t(47));
        QCOMPARE(got, want);
        ++imported;
      }
    }
    QCOMPARE(imported, 16);
  }

  void configurationsAreMagentasDefaults() {
    const ModelConfig basic = *melody_rnn_config("basic_rnn");
    QVERIFY(basic.encoding == EncodingKind::MelodyOneHot && basic.min_note == 48 && basic.max_note == 84 &&
            basic.transpose_to_key == 0 && basic.attn_length == 0);
    const ModelConfig mono = *melody_rnn_config("mono_rnn");
    QVERIFY(mono.min_note == 0 && mono.max_note == 128 && mono.transpose_to_key == -1);
    QVERIFY(melody_rnn_config("lookback_rnn")->encoding == EncodingKind::Lookback);
    const ModelConfig attention = *melody_rnn_config("attention_rnn");
    QVERIFY(attention.encoding == EncodingKind::KeyMelody && attention.attn_length == 40);
    Result<ModelConfig> drums = melody_rnn_config("drum_kit");
    QVERIFY(!drums.ok() && drums.error().find("drum_kit") != std::string::npos);
  }

  void attentionLengthCanBeGiven() {
    const ModelWeights source = source_weights("attention_rnn", 3);
    const Bytes bundle = bundle_bytes(source, "attention_rnn", TfNaming::Tf12);
    QCOMPARE(import_magenta_bundle_bytes(bundle, "a.mag")->weights.config.attn_length, 40);
    Result<ModelFile> twenty = import_magenta_bundle_bytes(bundle, "a.mag", {20});
    QVERIFY(twenty.ok());
    QCOMPARE(twenty->weights.config.attn_length, 20);
    const Bytes basic = bundle_bytes(source_weights("basic_rnn", 3), "basic_rnn", TfNaming::Tf12);
    Result<ModelFile> refused = import_magenta_bundle_bytes(basic, "b.mag", {20});
    QVERIFY(!refused.ok() && starts_with(refused.error(), "b.mag: "));
  }

  void layersComeFromTheCheckpoint() {
    for (const std::vector<int>& layers : {std::vector<int>{8}, std::vector<int>{20, 10, 6}}) {
      const ModelWeights source = source_weights("attention_rnn", 5, layers);
      Result<ModelFile> model =
          import_magenta_bundle_bytes(bundle_bytes(source, "attention_rnn", TfNaming::Tf10), "l.mag");
      QVERIFY2(model.ok(), model.ok() ? "" : model.error().c_str());
      QCOMPARE(model->weights.config.layer_sizes, layers);
    }
  }

  void refusesLayoutsMusaCannotRun() {
    const ModelWeights source = source_weights("attention_rnn", 9);
    std::map<std::string, TfTensor> tensors = weights_to_tf(source, TfNaming::Tf12);
    // Magenta since May 2017: attention around layer 0 only.
    std::map<std::string, TfTensor> first_layer;
    for (auto& [name, t] : tensors) {
      std::string n = name;
      const std::string wrapper = "rnn/attention_cell_wrapper/";
      if (starts_with(n, wrapper))
        n = "rnn/multi_rnn_cell/cell_0/attention_cell_wrapper/" + n.substr(wrapper.size());
      first_layer[n] = t;
    }
    Result<ImportedWeights> r = weights_from_tf(first_layer, *melody_rnn_config("attention_rnn"));
    QVERIFY(!r.ok() && r.error().find("first LSTM layer") != std::string::npos);
    auto with = [&](const std::string& extra) {
      std::map<std::string, TfTensor> t = tensors;
      t[extra] = TfTensor{{1}, {0}};
      return weights_from_tf(t, *melody_rnn_config("attention_rnn"));
    };
    QVERIFY(!with("cudnn_lstm/rnn/multi_rnn_cell/cell_0/cudnn_compatible_lstm_cell/kernel").ok());
    Result<ImportedWeights> extra = with("rnn/attention_cell_wrapper/extra_layer/kernel");
    QVERIFY(!extra.ok() && extra.error().find("extra_layer") != std::string::npos);
    // Optimizer slots and counters are not part of the network: ignored, and said so.
    Result<ImportedWeights> adam = with("rnn/attention_cell_wrapper/kernel/Adam");
    QVERIFY(adam.ok());
    QCOMPARE(adam->ignored, std::vector<std::string>{"rnn/attention_cell_wrapper/kernel/Adam"});
    QVERIFY(with("beta1_power").ok());
  }

  void errorsNameTheFileAndTheTensor() {
    const ModelWeights source = source_weights("attention_rnn", 4);
    auto import_with = [&](const std::function<void(std::map<std::string, TfTensor>&)>& edit) {
      std::map<std::string, TfTensor> t = weights_to_tf(source, TfNaming::Tf12);
      edit(t);
      GeneratorBundle b{"attention_rnn", "", "", {write_tf_v1_checkpoint(t)}, {}};
      return import_magenta_bundle_bytes(write_generator_bundle(b), "bad.mag");
    };
    Result<ModelFile> missing = import_with([](auto& t) { t.erase("fully_connected/biases"); });
    QCOMPARE(missing.ok() ? std::string() : missing.error(),
             std::string("bad.mag: checkpoint: tensor 'fully_connected/biases' is missing"));
    Result<ModelFile> shape = import_with([](auto& t) {
      t["fully_connected/biases"] = TfTensor{{3}, {1, 2, 3}};
    });
    QVERIFY(!shape.ok() && shape.error().find("'fully_connected/biases' has shape [3]") != std::string::npos);
    Result<ModelFile> nan =
        import_with([](auto& t) { t["rnn/attention_cell_wrapper/attention/attn_v"].values[2] = NAN; });
    QVERIFY(!nan.ok() && nan.error().find("NaN") != std::string::npos &&
            starts_with(nan.error(), "bad.mag: "));
    GeneratorBundle drums{
        "drum_kit", "", "", {write_tf_v1_checkpoint(weights_to_tf(source, TfNaming::Tf12))}, {}};
    Result<ModelFile> not_melody = import_magenta_bundle_bytes(write_generator_bundle(drums), "drums.mag");
    QVERIFY(!not_melody.ok() && starts_with(not_melody.error(), "drums.mag: generator 'drum_kit'"));
    const Bytes basic = bundle_bytes(source_weights("basic_rnn", 1), "attention_rnn", TfNaming::Tf12);
    Result<ModelFile> mismatch = import_magenta_bundle_bytes(basic, "m.mag");
    QVERIFY(!mismatch.ok() &&
            mismatch.error().find("has attention but the checkpoint has none") != std::string::npos);
    // basic_rnn weights (38 inputs) under lookback_rnn's id (121 inputs).
    const Bytes wrong = bundle_bytes(source_weights("basic_rnn", 1), "lookback_rnn", TfNaming::Tf12);
    Result<ModelFile> encoding = import_magenta_bundle_bytes(wrong, "e.mag");
    QVERIFY2(!encoding.ok() && encoding.error().find("cell_0/basic_lstm_cell/kernel' has shape [54, 64], the "
                                                     "configuration needs [137, 64]") != std::string::npos,
             encoding.ok() ? "" : encoding.error().c_str());
  }

  void hostileBundlesGiveErrorsNeverCrashes() {
    const ModelWeights source = source_weights("lookback_rnn", 2, {6});
    const Bytes good = bundle_bytes(source, "lookback_rnn", TfNaming::Tf0);
    // Every truncation: an error naming the file, or (past the checkpoint field, only the
    // metagraph and descriptions lost) the same model.
    int errors = 0;
    for (size_t n = 0; n < good.size(); ++n) {
      Result<ModelFile> r = import_magenta_bundle_bytes({good.data(), n}, "cut.mag");
      if (r.ok()) {
        QVERIFY(same_weights(r->weights, source));
      } else {
        QVERIFY(starts_with(r.error(), "cut.mag: "));
        ++errors;
      }
    }
    QVERIFY(errors > int(good.size()) - 100);
    std::mt19937 rng(17);
    for (int trial = 0; trial < 2000; ++trial) {
      Bytes bad = good;
      for (int k = 0; k < 1 + trial % 3; ++k) bad[rng() % bad.size()] ^= uint8_t(1u << (rng() % 8));
      Result<ModelFile> r = import_magenta_bundle_bytes(bad, "flip.mag");
      QVERIFY(r.ok() || starts_with(r.error(), "flip.mag: "));
    }
  }

  void tensorNamesThatAreNotUtf8AreKeptReplaced() {
    // Found by the fuzzer (tests/data/fuzz/README.md): a tensor name with a
    // byte that is not UTF-8 (0xC1) made the provenance's JSON writer throw,
    // and the import aborted the app.
    const std::string path = MUSA_TEST_DATA "/fuzz/magenta-name-not-utf8.mag";
    Result<ModelFile> model = import_magenta_bundle(path, {5});
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().c_str());
    QVERIFY2(model->training_json.find("\xEF\xBF\xBD") != std::string::npos,
             model->training_json.c_str());  // U+FFFD
    const nlohmann::json provenance = nlohmann::json::parse(model->training_json);
    QVERIFY(provenance["imported"]["ignored_tensors"].size() > 0);
  }

  void trainingCheckpointsImportWithTheirConfiguration() {
    QTemporaryDir dir;
    const std::string prefix = dir.filePath("model.ckpt-2000").toStdString();
    const ModelWeights source = source_weights("attention_rnn", 8);
    const TfV2Files files = write_tf_v2_checkpoint(weights_to_tf(source, TfNaming::Tf12), 2, 2000);
    write_bytes(prefix + ".index", files.index);
    for (int i = 0; i < 2; ++i) write_bytes(tf_v2_data_file(prefix, i, 2), files.shards[size_t(i)]);
    Result<ModelFile> model = import_magenta_checkpoint(prefix + ".index", "attention_rnn");
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().c_str());
    QVERIFY(same_weights(model->weights, source));
    Result<ModelFile> no_config = load_any_model(prefix + ".index");
    QVERIFY(!no_config.ok() && no_config.error().find("--config") != std::string::npos);
    Result<ModelFile> wrong = import_magenta_checkpoint(prefix, "basic_rnn");
    QVERIFY(!wrong.ok() && starts_with(wrong.error(), prefix + ".index: "));
  }

  void loadAnyModelOpensEveryKind() {
    QTemporaryDir dir;
    auto path = [&](const char* name) { return dir.filePath(name).toStdString(); };
    const ModelWeights source = source_weights("basic_rnn", 12);
    QVERIFY(save_model(source, path("m.safetensors")).ok());
    write_bytes(path("m.mag"), bundle_bytes(source, "basic_rnn", TfNaming::Tf12));
    write_bytes(path("bundle_without_extension"), bundle_bytes(source, "basic_rnn", TfNaming::Tf12));
    QVERIFY(export_magentajs(source, path("js")).ok());
    for (const std::string& p : {path("m.safetensors"), path("m.mag"), path("bundle_without_extension"),
                                 path("js"), path("js") + "/weights_manifest.json"}) {
      Result<ModelFile> m = load_any_model(p);
      QVERIFY2(m.ok(), (p + ": " + (m.ok() ? "" : m.error())).c_str());
      QVERIFY(same_weights(m->weights, source));
    }
    QVERIFY(detect_model_file(path("m.mag")) == ModelFileKind::MagentaBundle);
    QVERIFY(detect_model_file(path("js")) == ModelFileKind::MagentaJs);
    Result<ModelFile> none = load_any_model(path("nothing.mag"));
    QVERIFY(!none.ok() && starts_with(none.error(), path("nothing.mag") + ": "));
    write_bytes(path("notes.txt"), Bytes{'h', 'e', 'l', 'l', 'o'});
    Result<ModelFile> text = load_any_model(path("notes.txt"));
    QVERIFY(!text.ok() && text.error().find("not a model file") != std::string::npos);
  }

  void shippedFixtureBundleImports() {
    // tests/data/tiny_attention_rnn.mag: tests/data/tiny_attention.safetensors (attention
    // length 5) written once as an attention_rnn bundle with TF >= 1.2 names. A change in
    // either the reader or the writer that the other follows would show here.
    const std::string data = MUSA_TEST_DATA;
    Result<ModelFile> bundle = import_magenta_bundle(data + "/tiny_attention_rnn.mag", {5});
    QVERIFY2(bundle.ok(), bundle.ok() ? "" : bundle.error().c_str());
    Result<ModelFile> source = load_model(data + "/tiny_attention.safetensors");
    QVERIFY(source.ok());
    QVERIFY(same_weights(bundle->weights, source->weights));
  }
};

MUSA_TEST_APPLESS_MAIN(MagentaImportTest)
#include "test_magenta_import.moc"
