// lookback_rnn's encoding, against note_seq's LookbackEventSequenceEncoderDecoder
// (encoder_decoder.py) worked out by hand, index by index.

#include <QtTest>
#include <random>

#include "core/model/encoding.h"
#include "core/model/model_file.h"
#include "core/music/melody.h"
#include "test_main.h"

using namespace musa;

namespace {

ModelConfig lookback_config() {
  ModelConfig c;
  c.encoding = EncodingKind::Lookback;
  c.attn_length = 0;
  return c;  // 48..84: N = 38 one-hot events
}

std::vector<float> input_at(const Encoding& enc, const std::vector<int>& events, int position) {
  std::vector<float> v(size_t(enc.input_size()));
  enc.encode_input(events, position, v);
  return v;
}

}  // namespace

class LookbackEncodingTest : public QObject {
  Q_OBJECT

 private slots:
  void sizesAreNoteSeqs() {
    // input_size = N + 2·N (next event per lookback) + 5 counter bits + 2 repeat flags = 121;
    // num_classes = N + 2 lookbacks = 40 (the docstring's own example).
    const auto enc = make_encoding(lookback_config());
    QCOMPARE(enc->input_size(), 121);
    QCOMPARE(enc->num_classes(), 40);
    QCOMPARE(lookback_config().input_size(), 121);
    QCOMPARE(lookback_config().num_classes(), 40);
    ModelConfig mono = lookback_config();
    mono.min_note = 0;
    mono.max_note = 128;  // N = 130
    QCOMPARE(mono.input_size(), 3 * 130 + 7);
    QCOMPARE(make_encoding(mono)->input_size(), 3 * 130 + 7);
  }

  void inputAtTheStartMatchesHandWorkedVector() {
    // C4 (60), hold, D4 (62), off. Input at position 2 (the D):
    const auto enc = make_encoding(lookback_config());
    const std::vector<int> events{60, kMelodyNoEvent, 62, kMelodyNoteOff};
    std::vector<float> want(121, 0.0f);
    want[62 - 48 + 2] = 1;  // the event now: NOTE_ON 62 → index 2 + 14 = 16
    want[38 + 0] = 1;       // step 2 − 16 + 1 < 0: the default event NO_EVENT (index 0)
    want[76 + 0] = 1;       // the same for 32 steps
    // 114..118: counter of the next position n = 3 = 0b00011 → +1 +1 −1 −1 −1.
    const float counter[5] = {1, 1, -1, -1, -1};
    for (int i = 0; i < 5; ++i) want[size_t(114 + i)] = counter[i];
    // 119, 120: nothing 16 or 32 steps back yet → 0.
    QCOMPARE(input_at(*enc, events, 2), want);
  }

  void inputLooksBackOneAndTwoBars() {
    // 40 steps: step 1 = 64, step 17 = 64, step 18 = 67, step 33 = 64, else holds.
    std::vector<int> events(40, kMelodyNoEvent);
    events[0] = 60;
    events[1] = 64;
    events[17] = 64;
    events[18] = 67;
    events[33] = 64;
    const auto enc = make_encoding(lookback_config());
    // Position 33 (64): the event now 64 → index 18.
    //   lookback 16: the event at 33 − 16 + 1 = 18 (67 → index 21), the step after a bar back;
    //   lookback 32: the event at 33 − 32 + 1 = 2 (NO_EVENT → index 0).
    //   n = 34 = 0b100010 → bits 0..4: −1 +1 −1 −1 −1 (bit 5 is beyond the 5 counters).
    //   repeats: 33 − 16 = 17 holds 64 = event → 1; 33 − 32 = 1 holds 64 → 1.
    std::vector<float> want(121, 0.0f);
    want[18] = 1;
    want[38 + 21] = 1;
    want[76 + 0] = 1;
    const float counter[5] = {-1, 1, -1, -1, -1};
    for (int i = 0; i < 5; ++i) want[size_t(114 + i)] = counter[i];
    want[119] = 1;
    want[120] = 1;
    QCOMPARE(input_at(*enc, events, 33), want);
    // Position 16 (NO_EVENT): next event for lookback 16 is at 1 (64 → 18); for 32, before
    // the start → NO_EVENT; 16 − 16 = 0 holds 60 ≠ NO_EVENT → flag 0.
    std::vector<float> at16 = input_at(*enc, events, 16);
    QCOMPARE(at16[0], 1.0f);
    QCOMPARE(at16[38 + 18], 1.0f);
    QCOMPARE(at16[76 + 0], 1.0f);
    QCOMPARE(at16[119], 0.0f);
    // encode_inputs (all rows in one pass) gives the same rows.
    std::vector<float> all(40 * 121);
    enc->encode_inputs(events, all);
    for (int t : {0, 2, 16, 33, 39})
      QCOMPARE(std::vector<float>(all.begin() + t * 121, all.begin() + (t + 1) * 121),
               input_at(*enc, events, t));
  }

  void labelsFollowEventsToLabel() {
    const auto enc = make_encoding(lookback_config());
    std::vector<int> events(50, kMelodyNoEvent);
    events[0] = 60;
    events[16] = 62;
    events[32] = 60;  // equals step 0 (32 back) → 39, even though 16 back is 62
    events[33] = kMelodyNoteOff;
    events[48] = 62;                                // 48 − 32 = 16 holds 62: repeat 2 bars → 39
    QCOMPARE(enc->label(events, 0), 60 - 48 + 2);   // a plain NOTE_ON: index 14
    QCOMPARE(enc->label(events, 5), 39);            // NO_EVENT before step 32 counts as "repeat 2 bars"
    QCOMPARE(enc->label(events, 16), 62 - 48 + 2);  // 16 back is 60: no repeat
    QCOMPARE(enc->label(events, 32), 39);
    QCOMPARE(enc->label(events, 33), 1);  // NOTE_OFF, nothing equal 16/32 back
    QCOMPARE(enc->label(events, 48), 39);
    events[48] = kMelodyNoteOff;  // 48 − 16 = 32 (60) no, 48 − 32 = 16 (62) no
    QCOMPARE(enc->label(events, 48), 1);
    events[49] = kMelodyNoteOff;  // 49 − 16 = 33 holds NOTE_OFF → 38
    QCOMPARE(enc->label(events, 49), 38);
    QCOMPARE(enc->label(events, 40), 39);  // NO_EVENT at 40 equals NO_EVENT at 8 (32 back)
  }

  void labelsRoundTripToEvents() {
    const auto enc = make_encoding(lookback_config());
    std::mt19937 rng(5);
    for (int trial = 0; trial < 50; ++trial) {
      std::vector<int> events;
      for (int t = 0; t < 80; ++t) {
        const int r = int(rng() % 10);
        events.push_back(r < 4 ? kMelodyNoEvent : r < 5 ? kMelodyNoteOff : 48 + int(rng() % 36));
      }
      for (int t = 1; t < 80; ++t) {
        const std::span<const int> history(events.data(), size_t(t));
        QCOMPARE(enc->decode_label(enc->label(events, t), history), events[t]);
      }
    }
    // class_index_to_event: a repeat label with too short a history is the default event.
    const std::vector<int> short_history{60, 62};
    QCOMPARE(enc->decode_label(38, short_history), kMelodyNoEvent);
    QCOMPARE(enc->decode_label(0, short_history), kMelodyNoEvent);
    QCOMPARE(enc->decode_label(1, short_history), kMelodyNoteOff);
    QCOMPARE(enc->decode_label(2, short_history), 48);
    QVERIFY(enc->is_note_on_label(2) && enc->is_note_on_label(37) && !enc->is_note_on_label(38));
    QCOMPARE(enc->label_pitch(37), 83);
  }

  void configNamesTheEncoding() {
    ModelConfig c = lookback_config();
    QCOMPARE(encoding_name(c.encoding), std::string("lookback"));
    Result<ModelConfig> back = config_from_json(config_to_json(c));
    QVERIFY(back.ok());
    QVERIFY(back->encoding == EncodingKind::Lookback);
    // A lookback model saves and loads like any other.
    c.layer_sizes = {8};
    Result<ModelFile> loaded = load_model_bytes(model_to_bytes(random_weights(c, 3)), "lookback.safetensors");
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().c_str());
    QCOMPARE(loaded->weights.lstm[0].kernel.rows(), 121 + 8);
  }
};

MUSA_TEST_APPLESS_MAIN(LookbackEncodingTest)
#include "test_lookback_encoding.moc"
