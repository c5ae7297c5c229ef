// Tests of core/model: encodings, the network, the model file.

#include <QtTest>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "allocation_counter.h"
#include "core/model/encoding.h"
#include "core/model/melody_rnn.h"
#include "core/model/model_file.h"
#include "core/model/scoring.h"
#include "core/music/melody.h"
#include "test_main.h"

using namespace musa;
using json = nlohmann::json;

namespace {

std::string data_path(const char* name) { return std::string(MUSA_TEST_DATA) + "/" + name; }

json read_golden() {
  std::ifstream in(data_path("golden.json"));
  return json::parse(in);
}

/** A one-hot model over pitches 48..59 (14 inputs and classes) with one LSTM of one unit. */
ModelConfig tiny_config(int attn_length) {
  ModelConfig c;
  c.encoding = EncodingKind::MelodyOneHot;
  c.min_note = 48;
  c.max_note = 60;
  c.layer_sizes = {1};
  c.attn_length = attn_length;
  return c;
}

/** Weights for the hand-worked steps below; input k = 5 is the only one used. */
ModelWeights tiny_weights(int attn_length) {
  ModelWeights w = ModelWeights::zeros(tiny_config(attn_length));
  const int k = 5, I = 14;
  w.lstm[0].kernel.row(k) << 0.5f, 1.0f, -1.0f, 2.0f;  // i, j, f, o from the input
  w.lstm[0].kernel.row(I) << 0.3f, 0.2f, 0.1f, -0.4f;  // from h
  w.fc_weights(0, 0) = 1.0f;
  w.fc_weights(0, 1) = 2.0f;
  w.fc_weights(0, 2) = -1.0f;
  if (attn_length > 0) {
    w.input_kernel.topRows(I).setIdentity();  // x' = x + 0.25·attns on input k
    w.input_kernel(I, k) = 0.25f;
    w.query_kernel << 0.7f, -0.2f;  // y = 0.7c − 0.2h + 0.1
    w.query_bias << 0.1f;
    w.attn_w << 0.9f;
    w.attn_v << 1.5f;
    w.output_projection_kernel << 1.2f, 0.6f;  // out = 1.2h + 0.6·attns − 0.1
    w.output_projection_bias << -0.1f;
  }
  return w;
}

std::vector<uint8_t> tiny_model_bytes() { return model_to_bytes(tiny_weights(2)); }

/** Rewrites a model file's JSON header with `edit` (data left as it is). */
std::vector<uint8_t> with_header(std::vector<uint8_t> bytes, const std::function<void(json&)>& edit) {
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | bytes[i];
  json header = json::parse(bytes.begin() + 8, bytes.begin() + 8 + long(n));
  edit(header);
  std::string text = header.dump();
  std::vector<uint8_t> out;
  out.reserve(8 + text.size() + bytes.size());
  for (int i = 0; i < 8; ++i) out.push_back(uint8_t(text.size() >> (8 * i)));
  out.insert(out.end(), text.begin(), text.end());
  out.insert(out.end(), bytes.begin() + 8 + long(n), bytes.end());
  return out;
}

/** The file with its __metadata__.config (a JSON text) edited as JSON. */
std::vector<uint8_t> with_config(std::vector<uint8_t> bytes, const std::function<void(json&)>& edit) {
  return with_header(std::move(bytes), [&](json& header) {
    json config = json::parse(header["__metadata__"]["config"].get<std::string>());
    edit(config);
    header["__metadata__"]["config"] = config.dump();
  });
}

}  // namespace

class ModelTest : public QObject {
  Q_OBJECT

 private slots:
  void keyMelodyInputMatchesHandWorkedVector() {
    // Melody C4 (60), hold, D4 (62), off, C4. Input at position 2 (the D):
    ModelConfig config;
    const auto enc = make_encoding(config);
    QCOMPARE(enc->input_size(), 74);
    QCOMPARE(enc->num_classes(), 40);
    const std::vector<int> events{60, kMelodyNoEvent, 62, kMelodyNoteOff, 60};
    std::vector<float> v(74);
    enc->encode_input(events, 2, v);
    std::vector<float> want(74, 0.0f);
    want[62 - 48] = 1;  // the sounding pitch, one-hot over 48..83
    want[36] = 1;       // a note is sounding
    want[38] = 1;       // this step is its attack
    want[39] = 1;       // 62 > 60: ascending
    // 40, 41: no event 16 or 32 steps back yet → 0.
    // 42..48: binary counter of the next position n = 3 = 0b0000011 → +1 +1 −1 −1 −1 −1 −1.
    const float counter[7] = {1, 1, -1, -1, -1, -1, -1};
    for (int i = 0; i < 7; ++i) want[42 + i] = counter[i];
    // 49: 3 % 16 ≠ 0 → not a bar start.
    // 50..61: C and D each fit keys C, D#, F, G, A# (both: count 2, the maximum).
    for (int key : {0, 3, 5, 7, 10}) want[50 + key] = 1;
    // 62..73: the last 3 distinct notes are {60, 62}: the same keys.
    for (int key : {0, 3, 5, 7, 10}) want[62 + key] = 1;
    QCOMPARE(v, want);
  }

  void keyMelodyLabelsFollowNoteSeq() {
    const auto enc = make_encoding(ModelConfig{});
    std::vector<int> events{60, kMelodyNoEvent, 62, kMelodyNoteOff};
    QCOMPARE(enc->label(events, 2), 62 - 48);  // a note-on: its pitch − min_note
    QCOMPARE(enc->label(events, 1), 39);       // NO_EVENT before step 32 counts as "repeat 2 bars"
    QCOMPARE(enc->label(events, 3), 37);       // NOTE_OFF
    // A pitch equal to the one 16 steps earlier is "repeat 1 bar" (38); 32 earlier wins (39).
    std::vector<int> long_melody(40, kMelodyNoEvent);
    long_melody[0] = 64;
    long_melody[16] = 67;
    long_melody[32] = 64;  // equals step 0 (32 back) → 39
    long_melody[33] = 65;
    QCOMPARE(enc->label(long_melody, 32), 39);
    long_melody[32] = 67;  // equals step 16 (16 back) → 38
    QCOMPARE(enc->label(long_melody, 32), 38);
    QCOMPARE(enc->label(long_melody, 34), 39);  // NO_EVENT at 34, equals step 2: repeat 2 bars wins
    QCOMPARE(enc->label(long_melody, 33), 65 - 48);
  }

  void labelsRoundTripToEvents() {
    const auto enc = make_encoding(ModelConfig{});
    // Random melodies: decoding each label with the history before it gives the event back.
    std::mt19937 rng(3);
    for (int trial = 0; trial < 50; ++trial) {
      std::vector<int> events;
      for (int t = 0; t < 64; ++t) {
        const int r = int(rng() % 10);
        events.push_back(r < 4 ? kMelodyNoEvent : r < 5 ? kMelodyNoteOff : 48 + int(rng() % 36));
      }
      events[0] = 60;
      for (int t = 1; t < 64; ++t) {
        const std::span<const int> history(events.data(), size_t(t));
        QCOMPARE(enc->decode_label(enc->label(events, t), history), events[t]);
      }
    }
    ModelConfig onehot;
    onehot.encoding = EncodingKind::MelodyOneHot;
    const auto one = make_encoding(onehot);
    const std::vector<int> events{kMelodyNoEvent, kMelodyNoteOff, 48, 83};
    for (int t = 0; t < 4; ++t) QCOMPARE(one->decode_label(one->label(events, t), {}), events[t]);
    QCOMPARE(one->label(events, 0), 0);
    QCOMPARE(one->label(events, 1), 1);
    QCOMPARE(one->label(events, 3), 83 - 48 + 2);
  }

  void repeatLabelWithShortHistoryIsNoEvent() {
    const auto enc = make_encoding(ModelConfig{});
    const std::vector<int> history{60, 62};
    QCOMPARE(enc->decode_label(38, history), kMelodyNoEvent);  // class_index_to_event: len < 16
  }

  void goldenInputsLabelsAndLogProbsMatch() {
    // An independent implementation's vectors (../shared/golden): encoder exact, network ≤ 1e-4.
    const json golden = read_golden();
    int checked = 0;
    for (const json& c : golden["cases"]) {
      Result<ModelFile> model = load_model(data_path(c["model"].get<std::string>().c_str()));
      QVERIFY2(model.ok(), model.ok() ? "" : model.error().c_str());
      const auto weights = std::make_shared<const ModelWeights>(model->weights);
      const auto enc = make_encoding(weights->config);
      const auto events = c["events"].get<std::vector<int>>();
      Melody melody = Melody::from_events(events);
      // The events are already squashed and in C: encode without moving them.
      ModelConfig keep = weights->config;
      keep.transpose_to_key = -1;
      const EncodedMelody encoded = encode_melody(melody, keep, *enc);
      QCOMPARE(encoded.labels, c["labels"].get<std::vector<int>>());
      if (c.contains("inputs")) {
        const auto inputs = c["inputs"].get<std::vector<std::vector<float>>>();
        for (size_t t = 0; t < inputs.size(); ++t)
          for (size_t i = 0; i < inputs[t].size(); ++i)
            QCOMPARE(encoded.inputs(long(t), long(i)), inputs[t][i]);
      }
      const auto want = c["log_probs"].get<std::vector<double>>();
      QCOMPARE(score_melody(weights, encoded).log_probs.size(), want.size());
      for (const kernels::KernelSet* set : kernels::supported()) {  // every set this CPU runs
        const auto got = label_log_probs(weights, encoded.inputs, encoded.labels, *set);
        for (size_t t = 0; t < want.size(); ++t) QVERIFY2(std::abs(got[t] - want[t]) < 1e-4, set->name);
      }
      ++checked;
    }
    QCOMPARE(checked, 6);
  }

  void lstmStepsMatchHandComputation() {
    // Worked in float64 outside Musa: step 1 c = σ(0.5)·tanh(1) = 0.474061,
    // h = tanh(c)·σ(2) = 0.388850; step 2 adds h·[0.3, 0.2, 0.1, −0.4] to the gates
    // and keeps c·σ(f + 1): h = 0.5516420676642029. Logits = h·[1, 2, −1, 0…].
    for (const kernels::KernelSet* set : kernels::supported()) {
      MelodyRnn rnn(std::make_shared<const ModelWeights>(tiny_weights(0)), 1, *set);
      std::vector<float> x(14, 0.0f), logits(14);
      x[5] = 1.0f;
      rnn.step(x.data(), logits.data());
      QVERIFY2(std::abs(logits[0] - 0.3888498844368542f) < 1e-6f, set->name);
      rnn.step(x.data(), logits.data());
      QVERIFY2(std::abs(logits[0] - 0.5516420676642029f) < 1e-6f, set->name);
      QVERIFY2(std::abs(logits[1] - 1.1032841353284057f) < 1e-6f, set->name);
      QVERIFY2(std::abs(logits[2] + 0.5516420676642029f) < 1e-6f, set->name);
      QCOMPARE(logits[3], 0.0f);
    }
  }

  void attentionStepsMatchHandComputation() {
    // Same LSTM, wrapped by attention of length 2 (A = 1), worked in float64 outside Musa:
    //   y = 0.7c − 0.2h + 0.1; s_t = 1.5·tanh(0.9·state_t + y); a = softmax(s);
    //   attns = Σ a_t state_t; out = 1.2h + 0.6·attns − 0.1; states ← states[1:] + [out];
    //   next x'_5 = 1 + 0.25·attns.
    // Outputs: 0.36661986132422497, 0.6894258054974102, 0.9839197479841156.
    for (const kernels::KernelSet* set : kernels::supported()) {
      MelodyRnn rnn(std::make_shared<const ModelWeights>(tiny_weights(2)), 2, *set);
      std::vector<float> x(2 * 14, 0.0f), logits(2 * 14);
      x[5] = x[14 + 5] = 1.0f;  // both batch rows get the same input
      const double outs[3] = {0.36661986132422497, 0.6894258054974102, 0.9839197479841156};
      for (double out : outs) {
        rnn.step(x.data(), logits.data());
        for (int b = 0; b < 2; ++b) {
          QVERIFY2(std::abs(logits[b * 14 + 0] - out) < 1e-6, set->name);
          QVERIFY2(std::abs(logits[b * 14 + 1] - 2 * out) < 1e-6, set->name);
        }
      }
      rnn.reset();
      rnn.step(x.data(), logits.data());
      QVERIFY2(std::abs(logits[0] - outs[0]) < 1e-6, set->name);
    }
  }

  void networkStepAllocatesNothing() {
#ifndef MUSA_COUNTS_ALLOCATIONS
    QSKIP("the sanitizer owns malloc in this build");
#else
    // attention_rnn's sizes, a batch of 10 takes: the step loop must not touch the heap.
    MelodyRnn rnn(std::make_shared<const ModelWeights>(random_weights(ModelConfig{}, 3)), 10);
    std::vector<float> x(10 * 74, 0.0f), logits(10 * 40);
    rnn.step(x.data(), logits.data());
    const long allocations = allocations_during([&] {
      for (int i = 0; i < 50; ++i) rnn.step(x.data(), logits.data());
    });
    QCOMPARE(allocations, 0L);
#endif
  }

  void modelFileRoundTrips() {
    const ModelWeights w = random_weights(ModelConfig{}, 11);
    const auto bytes = model_to_bytes(w, R"({"steps": 5})");
    Result<ModelFile> back = load_model_bytes(bytes, "m.safetensors");
    QVERIFY(back.ok());
    QCOMPARE(back->weights.config, w.config);
    QCOMPARE(back->training_json, std::string(R"({"steps": 5})"));
    const auto a = w.tensors();
    const auto b = back->weights.tensors();
    QCOMPARE(a.size(), size_t(14));
    for (size_t i = 0; i < a.size(); ++i) {
      QCOMPARE(a[i].name, b[i].name);
      QVERIFY(std::equal(a[i].data, a[i].data + a[i].size, b[i].data));
    }
  }

  void brokenModelFilesGiveErrorsNamingFileAndTensor() {
    const auto good = tiny_model_bytes();
    QVERIFY(load_model_bytes(good, "m").ok());
    struct Case {
      const char* what;
      std::vector<uint8_t> bytes;
      const char* expect;
    };
    const std::string lstm = "rnn/attention_cell_wrapper/multi_rnn_cell/cell_0/basic_lstm_cell/kernel";
    std::vector<uint8_t> nan_file = good;
    const float nan = std::nanf("");
    std::memcpy(nan_file.data() + nan_file.size() - 4, &nan, 4);  // the last value of the last tensor
    std::vector<Case> cases = {
        {"short header", {1, 2, 3}, "too short"},
        {"header past end", {255, 255, 0, 0, 0, 0, 0, 0, '{'}, "past the end"},
        {"bad JSON", with_header(good, [](json&) {}), nullptr},
        {"missing tensor", with_header(good, [&](json& h) { h.erase(lstm); }), "is missing"},
        {"wrong shape",
         with_header(good,
                     [&](json& h) {
                       h[lstm]["shape"] = {3, 3};
                     }),
         "has shape"},
        {"offsets past end",
         with_header(good,
                     [&](json& h) {
                       h[lstm]["data_offsets"] = {0, 1u << 30};
                     }),
         "outside the file"},
        {"overlap",
         with_header(good,
                     [&](json& h) {
                       h["fully_connected/biases"]["data_offsets"] =
                           h["fully_connected/weights"]["data_offsets"];
                     }),
         nullptr},
        {"not ours", with_header(good, [](json& h) { h["__metadata__"]["format"] = "pt"; }), "not a Musa"},
        {"bad config", with_header(good, [](json& h) { h["__metadata__"]["config"] = "{\"x\": 1}"; }),
         "config"},
        {"NaN", nan_file, "NaN"},
        // Each of these aborted musa-cli and the app (an uncaught nlohmann type_error) before.
        {"version a number", with_header(good, [](json& h) { h["__metadata__"]["version"] = 1; }),
         "__metadata__.version is not a string"},
        {"format a list", with_header(good, [](json& h) { h["__metadata__"]["format"] = json::array(); }),
         "__metadata__.format is not a string"},
        {"config an object", with_header(good, [](json& h) { h["__metadata__"]["config"] = json::object(); }),
         "__metadata__.config is not a string"},
        {"training a number", with_header(good, [](json& h) { h["__metadata__"]["training"] = 3; }),
         "__metadata__.training is not a string"},
        {"metadata a string", with_header(good, [](json& h) { h["__metadata__"] = "x"; }), "not a Musa"},
        {"min_note a string", with_config(good, [](json& c) { c["min_note"] = "48"; }),
         "config.min_note is not a whole number"},
        {"layer size a float", with_config(good, [](json& c) { c["layer_sizes"] = {16.5}; }),
         "config.layer_sizes"},
        {"encoding a number", with_config(good, [](json& c) { c["encoding"] = 7; }), "config.encoding"},
        {"tensor entry a list", with_header(good, [&](json& h) { h[lstm] = json::array(); }),
         "malformed header entry"},
    };
    // Bad JSON: break the header text itself.
    cases[2].bytes = good;
    cases[2].bytes[8] = '!';
    cases[2].expect = "not valid JSON";
    cases[6].expect = "";  // sizes differ (weights vs biases) or overlap: any error will do
    for (const Case& c : cases) {
      Result<ModelFile> r = load_model_bytes(c.bytes, "broken.safetensors");
      QVERIFY2(!r.ok(), c.what);
      QVERIFY2(r.error().rfind("broken.safetensors: ", 0) == 0, r.error().c_str());
      QVERIFY2(r.error().find(c.expect) != std::string::npos, r.error().c_str());
    }
    // Every truncation of a good file fails cleanly.
    for (size_t n = 0; n < good.size(); n += 7)
      QVERIFY(!load_model_bytes(std::vector<uint8_t>(good.begin(), good.begin() + long(n)), "t").ok());
    QVERIFY(load_model("/nonexistent/model.safetensors").error().find("/nonexistent/model.safetensors") == 0);
  }
};

MUSA_TEST_APPLESS_MAIN(ModelTest)
#include "test_model.moc"
