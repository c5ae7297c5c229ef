// musa-cli import-magenta and convert, end to end on files written here.

#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

#include "cli_test_support.h"
#include "core/model/magenta_bundle.h"
#include "core/model/magenta_variables.h"
#include "core/model/model_file.h"
#include "core/model/tf_checkpoint.h"
#include "model_test_support.h"
#include "test_main.h"

using namespace musa;
using json = nlohmann::json;

namespace {

ModelWeights weights(const std::string& id, std::vector<int> layers) {
  ModelConfig c = *melody_rnn_config(id);
  c.layer_sizes = std::move(layers);
  return random_weights(c, 5);
}

}  // namespace

class CliMagentaTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  std::string path(const char* name) const { return dir_.filePath(QString::fromUtf8(name)).toStdString(); }
  QString qpath(const char* name) const { return dir_.filePath(QString::fromUtf8(name)); }

 private slots:
  void importMagentaWritesAMusaModel() {
    const ModelWeights source = weights("attention_rnn", {16, 16});
    GeneratorBundle b{"attention_rnn",
                      "attention",
                      "test",
                      {write_tf_v1_checkpoint(weights_to_tf(source, TfNaming::Tf10), 1)},
                      {}};
    write_bytes(path("attention_rnn.mag"), write_generator_bundle(b));
    const Run r =
        run_cli({"import-magenta", qpath("attention_rnn.mag"), "--out", qpath("imported.safetensors")});
    QVERIFY2(r.code == 0, r.err.c_str());
    QVERIFY(r.out.find("key_melody encoding, layers [16,16], attention length 40") != std::string::npos);
    QVERIFY(r.out.find("global_step") != std::string::npos);  // said to be ignored
    Result<ModelFile> m = load_model(path("imported.safetensors"));
    QVERIFY(m.ok());
    QVERIFY(same_weights(m->weights, source));
    // Every command takes the bundle directly too.
    const Run info = run_cli({"info", "--model", qpath("attention_rnn.mag")});
    QVERIFY2(info.code == 0, info.err.c_str());
    const json j = json::parse(info.out);
    QCOMPARE(j["training"]["imported"]["configuration"], json("attention_rnn"));
    QCOMPARE(j["training"]["imported"]["variable_names"], json("TensorFlow 1.0-1.1 names (weights/biases)"));
  }

  void importMagentaErrorsNameTheFile() {
    write_bytes(path("broken.mag"), {0x0a, 0x05, 0x0a});
    const Run r = run_cli({"import-magenta", qpath("broken.mag"), "--out", qpath("x.safetensors")});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.find(path("broken.mag") + ": not a Magenta bundle") != std::string::npos, r.err.c_str());
    QVERIFY(!QFile::exists(qpath("x.safetensors")));
    QCOMPARE(run_cli({"import-magenta", qpath("broken.mag")}).code, 1);  // no --out
  }

  void importMagentaReadsTrainingCheckpoints() {
    const ModelWeights source = weights("lookback_rnn", {12});
    const std::string prefix = path("model.ckpt-300");
    const TfV2Files files = write_tf_v2_checkpoint(weights_to_tf(source, TfNaming::Tf12), 1, 300);
    write_bytes(prefix + ".index", files.index);
    write_bytes(tf_v2_data_file(prefix, 0, 1), files.shards[0]);
    const Run missing = run_cli(
        {"import-magenta", QString::fromStdString(prefix + ".index"), "--out", qpath("l.safetensors")});
    QCOMPARE(missing.code, 1);
    QVERIFY(missing.err.find("--config") != std::string::npos);
    const Run r = run_cli({"import-magenta", QString::fromStdString(prefix), "--config", "lookback_rnn",
                           "--out", qpath("l.safetensors")});
    QVERIFY2(r.code == 0, r.err.c_str());
    QVERIFY(same_weights(load_model(path("l.safetensors"))->weights, source));
  }

  void convertGoesToMagentaJsAndBack() {
    const ModelWeights source = weights("basic_rnn", {20, 20});
    QVERIFY(save_model(source, path("basic.safetensors")).ok());
    const Run to = run_cli({"convert", "--to-magentajs", qpath("js"), "--model", qpath("basic.safetensors")});
    QVERIFY2(to.code == 0, to.err.c_str());
    QVERIFY(QFile::exists(qpath("js/weights_manifest.json")) && QFile::exists(qpath("js/group1-shard1of1")));
    const Run from =
        run_cli({"convert", "--from-magentajs", qpath("js"), "--out", qpath("back.safetensors")});
    QVERIFY2(from.code == 0, from.err.c_str());
    QVERIFY(same_weights(load_model(path("back.safetensors"))->weights, source));
  }

  void convertRefusesWhatMagentaJsWouldRunDifferently() {
    QVERIFY(save_model(weights("attention_rnn", {8, 8}), path("att.safetensors")).ok());
    const Run refused =
        run_cli({"convert", "--to-magentajs", qpath("att_js"), "--model", qpath("att.safetensors")});
    QCOMPARE(refused.code, 1);
    QVERIFY(refused.err.find("one-hot") != std::string::npos &&
            refused.err.find("h[2]") != std::string::npos);
    const Run forced = run_cli(
        {"convert", "--to-magentajs", qpath("att_js"), "--model", qpath("att.safetensors"), "--force"});
    QVERIFY2(forced.code == 0, forced.err.c_str());
    QVERIFY(forced.err.find("warning") != std::string::npos);
    QCOMPARE(run_cli({"convert", "--out", qpath("y.safetensors")}).code, 1);  // neither direction
  }
};

MUSA_TEST_GUILESS_MAIN(CliMagentaTest)
#include "test_cli_magenta.moc"
