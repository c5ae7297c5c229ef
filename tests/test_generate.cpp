// Tests of core/generate: the sampler's determinism, temperature, key lock,
// beam search, cancellation and progress.

#include <QtTest>
#include <cmath>
#include <random>
#include <set>

#include "core/generate/primer_melody.h"
#include "core/generate/sampler.h"
#include "core/generate/take_report.h"
#include "core/generate/take_stats.h"
#include "core/model/model_file.h"
#include "test_main.h"

using namespace musa;

namespace {

std::shared_ptr<const ModelWeights> tiny_model(EncodingKind encoding, uint64_t seed = 4) {
  ModelConfig c;
  c.encoding = encoding;
  c.layer_sizes = {16, 16};
  c.attn_length = 8;
  ModelWeights w = random_weights(c, seed);
  // Random biases make the output distribution uneven, as a trained model's is.
  std::mt19937 rng{unsigned(seed)};
  std::normal_distribution<float> n(0.0f, 1.5f);
  for (long i = 0; i < w.fc_bias.size(); ++i) w.fc_bias[i] = n(rng);
  return std::make_shared<const ModelWeights>(std::move(w));
}

GenerationRequest request(uint64_t seed) {
  GenerationRequest r;
  r.primer = {60, kMelodyNoEvent, 62};
  r.num_takes = 10;
  r.steps_to_generate = 32;
  r.seed = seed;
  return r;
}

std::vector<std::vector<int>> events_of(const std::vector<Take>& takes) {
  std::vector<std::vector<int>> out;
  for (const Take& t : takes) out.push_back(t.melody.events);
  return out;
}

/**
 * Replays a take through a fresh network (batch 1) and returns, for each
 * generated step, the logits the model gave before that step.
 */
std::vector<std::vector<float>> replay_logits(const std::shared_ptr<const ModelWeights>& w,
                                              const Take& take) {
  const auto enc = make_encoding(w->config);
  MelodyRnn rnn(w, 1);
  std::vector<float> x(size_t(enc->input_size())), logits(size_t(enc->num_classes()));
  std::vector<std::vector<float>> out;
  const auto& events = take.melody.events;
  for (int p = 0; p + 1 < int(events.size()); ++p) {
    enc->encode_input(events, p, x);
    rnn.step(x.data(), logits.data());
    if (p + 1 >= take.primer_steps) out.push_back(logits);
  }
  return out;
}

}  // namespace

class GenerateTest : public QObject {
  Q_OBJECT

 private slots:
  void sameSeedGivesIdenticalTakes() {
    Sampler a(tiny_model(EncodingKind::KeyMelody)), b(tiny_model(EncodingKind::KeyMelody));
    const auto first = a.generate(request(42)), again = b.generate(request(42)),
               other = a.generate(request(43));
    QVERIFY(first.ok() && again.ok() && other.ok());
    QCOMPARE(events_of(first.value()), events_of(again.value()));
    QVERIFY(events_of(first.value()) != events_of(other.value()));
    // Ten different takes, not one take ten times.
    const auto takes = events_of(first.value());
    QVERIFY(std::set<std::vector<int>>(takes.begin(), takes.end()).size() > 5);
  }

  void takesHoldPrimerThenRequestedSteps() {
    Sampler s(tiny_model(EncodingKind::KeyMelody));
    const auto takes = s.generate(request(1));
    QCOMPARE(takes->size(), size_t(10));
    for (const Take& t : takes.value()) {
      QCOMPARE(t.primer_steps, 3);  // [60, −2, 62]: generation starts where the 62 ends
      QCOMPARE(t.melody.size(), 3 + 32);
      QCOMPARE(std::vector<int>(t.melody.events.begin(), t.melody.events.begin() + 3),
               (std::vector<int>{60, kMelodyNoEvent, 62}));
      QVERIFY(t.melody.events[3] != kMelodyNoEvent);  // the primer's last note is not held on
    }
  }

  void zeroTemperatureTakesTheMostLikelyLabel() {
    const auto w = tiny_model(EncodingKind::MelodyOneHot);
    Sampler s(w);
    GenerationRequest r = request(9);
    r.temperature = 0.0f;
    const auto takes = s.generate(r);
    for (const Take& t : takes.value()) QCOMPARE(t.melody.events, takes->front().melody.events);
    // One-hot labels map 1:1 to events, so each generated event must be the argmax of the replayed logits.
    const auto enc = make_encoding(w->config);
    const auto logits = replay_logits(w, takes->front());
    for (size_t i = 0; i < logits.size(); ++i) {
      const int best = int(std::max_element(logits[i].begin(), logits[i].end()) - logits[i].begin());
      QCOMPARE(enc->decode_label(best, {}),
               takes->front().melody.events[size_t(takes->front().primer_steps) + i]);
    }
  }

  void logLikelihoodMatchesReplayWithBeamSearch() {
    // Beam search reorders network state between prunings; if any state went to the wrong
    // sequence, the replayed likelihood of the winning take would differ from the reported one.
    const auto w = tiny_model(EncodingKind::MelodyOneHot);
    Sampler s(w);
    GenerationRequest r = request(5);
    r.num_takes = 3;
    r.beam_size = 3;
    r.branch_factor = 2;
    r.steps_per_iteration = 4;
    const auto takes = s.generate(r);
    QVERIFY(takes.ok());
    const auto enc = make_encoding(w->config);
    for (const Take& t : takes.value()) {
      const auto logits = replay_logits(w, t);
      double ll = 0;
      for (size_t i = 0; i < logits.size(); ++i) {
        const int label = enc->label(t.melody.events, t.primer_steps + int(i));
        // The first step may not hold the primer's last note on: that event is out of the draw.
        const std::span<const int> history(t.melody.events.data(), size_t(t.primer_steps) + i);
        double max = *std::max_element(logits[i].begin(), logits[i].end()), sum = 0;
        for (size_t c = 0; c < logits[i].size(); ++c)
          if (i > 0 || enc->decode_label(int(c), history) != kMelodyNoEvent)
            sum += std::exp(logits[i][c] - max);
        ll += logits[i][size_t(label)] - max - std::log(sum);
      }
      QVERIFY2(std::abs(ll - t.log_likelihood) < 1e-3, qPrintable(QString::number(ll - t.log_likelihood)));
    }
  }

  void beamSearchAtZeroTemperatureIsGreedy() {
    // Greedy checked against the network itself: each generated event is the most likely label
    // given the take so far (replayed through a fresh network, batch 1). Beam search at T = 0 —
    // several rows per take, pruned and reordered every 2 steps — must give exactly that take.
    const auto w = tiny_model(EncodingKind::KeyMelody);
    const auto enc = make_encoding(w->config);
    GenerationRequest greedy = request(3);
    greedy.temperature = 0;
    greedy.num_takes = 2;
    GenerationRequest beam = greedy;
    beam.beam_size = 2;
    beam.branch_factor = 3;
    beam.steps_per_iteration = 2;
    Sampler s(w);
    const auto greedy_takes = s.generate(greedy), beam_takes = s.generate(beam);
    QVERIFY(greedy_takes.ok() && beam_takes.ok());
    for (const Take& t : greedy_takes.value()) {
      const auto logits = replay_logits(w, t);
      QCOMPARE(logits.size(), size_t(32));
      for (size_t i = 0; i < logits.size(); ++i) {
        const std::span<const int> history(t.melody.events.data(), size_t(t.primer_steps) + i);
        int best = -1;
        for (int c = 0; c < int(logits[i].size()); ++c) {
          if (i == 0 && enc->decode_label(c, history) == kMelodyNoEvent)
            continue;  // the primer's note is not held on
          if (best < 0 || logits[i][size_t(c)] > logits[i][size_t(best)]) best = c;
        }
        QCOMPARE(t.melody.events[size_t(t.primer_steps) + i], enc->decode_label(best, history));
      }
    }
    QCOMPARE(events_of(beam_takes.value()), events_of(greedy_takes.value()));
  }

  void beamKeepsTheMostLikelyOfItsBranches() {
    // One take, one kept sequence, four branches pruned only at the end: the same random draws as
    // four plain takes (rows are sampled in the same order), so the beam must return the plain
    // take with the highest log-likelihood — a wrong score or a wrong pick fails here.
    const auto w = tiny_model(EncodingKind::KeyMelody);
    Sampler s(w);
    GenerationRequest plain = request(21);
    plain.num_takes = 4;
    GenerationRequest beam = plain;
    beam.num_takes = 1;
    beam.branch_factor = 4;
    beam.steps_per_iteration = beam.steps_to_generate;
    const auto plain_takes = s.generate(plain), beam_takes = s.generate(beam);
    QVERIFY(plain_takes.ok() && beam_takes.ok());
    const auto best =
        std::max_element(plain_takes->begin(), plain_takes->end(),
                         [](const Take& a, const Take& b) { return a.log_likelihood < b.log_likelihood; });
    QVERIFY(best !=
            plain_takes->begin());  // the first row would win by accident otherwise; seed 21 avoids that
    QCOMPARE(beam_takes->front().melody.events, best->melody.events);
    QCOMPARE(beam_takes->front().log_likelihood, best->log_likelihood);
  }

  void stayInKeyUsesOnlyScalePitches() {
    Sampler s(tiny_model(EncodingKind::KeyMelody));
    GenerationRequest r = request(8);
    r.temperature = 2.0f;  // wild, so unmasked sampling would leave the key
    r.steps_to_generate = 128;
    GenerationRequest free = r;
    r.stay_in_key = true;  // primer C, D → C major
    auto in_key = [](const std::vector<Take>& takes) {
      for (const Take& t : takes)
        for (int e : t.melody.events)
          if (e >= 0 && !pitch_class_in_major_key(e % 12, 0)) return false;
      return true;
    };
    QVERIFY(!in_key(s.generate(free).value()));
    QVERIFY(in_key(s.generate(r).value()));
    // A chosen key: A minor pentatonic, A C D E G.
    std::array<bool, 12> scale{};
    for (int pc : {9, 0, 2, 4, 7}) scale[pc] = true;
    r.key = Key{9, Mode::minor_pentatonic};
    const auto pentatonic = s.generate(r);
    for (const Take& t : pentatonic.value())
      for (size_t i = size_t(t.primer_steps); i < t.melody.events.size(); ++i)
        if (t.melody.events[i] >= 0) QVERIFY(scale[size_t(t.melody.events[i] % 12)]);
  }

  void emptyPrimerGeneratesFromSilence() {
    Sampler s(tiny_model(EncodingKind::KeyMelody));
    GenerationRequest r = request(2);
    r.primer.clear();
    const auto takes = s.generate(r);
    QVERIFY(takes.ok());
    QCOMPARE(takes->front().primer_steps, 1);
    QCOMPARE(takes->front().melody.size(), 33);
  }

  void aTakeCanStartOnTheDownbeatAfterTheprimer() {
    // One whole bar of primer, 2 bars asked: every take is exactly 3 bars, and across seeds
    // some take strikes a note on step 16, the downbeat right after the primer.
    Sampler s(tiny_model(EncodingKind::KeyMelody));
    GenerationRequest r = request(0);
    const int N = kMelodyNoEvent;
    r.primer = {60, N, N, N, 62, N, N, N, 64, N, N, N, 65, N, N, N};
    r.steps_to_generate = continuation_steps(r.primer, 2);
    int downbeat_onsets = 0, held_on = 0;
    for (uint64_t seed = 0; seed < 20; ++seed) {
      r.seed = seed;
      const auto takes = s.generate(r);
      QVERIFY(takes.ok());
      for (const Take& t : takes.value()) {
        QCOMPARE(t.primer_steps, 16);
        QCOMPARE(t.melody.size(), 48);
        downbeat_onsets += t.melody.events[16] >= 0;
        held_on += t.melody.events[16] == kMelodyNoEvent;
      }
    }
    QVERIFY2(downbeat_onsets > 0, "no take of 200 starts on the downbeat after the primer");
    QCOMPARE(held_on, 0);
  }

  void cancelStopsWithinAStep() {
    Sampler s(tiny_model(EncodingKind::KeyMelody));
    std::atomic<bool> cancel{false};
    int last = 0;
    const auto result = s.generate(request(1), &cancel, [&](int done, int total) {
      QCOMPARE(total, 32);
      last = done;
      if (done == 5) cancel = true;
    });
    QVERIFY(!result.ok());
    QCOMPARE(result.error(), std::string("cancelled"));
    QCOMPARE(last, 5);
  }

  void refusesBadRequests() {
    Sampler s(tiny_model(EncodingKind::KeyMelody));
    GenerationRequest r = request(1);
    r.num_takes = 0;
    QVERIFY(!s.generate(r).ok());
    r = request(1);
    r.temperature = -1;
    QVERIFY(!s.generate(r).ok());
    r = request(1);
    r.primer = {200};
    QVERIFY(!s.generate(r).ok());
  }

  void takeStatisticsCountByHand() {
    // After the primer [60]: 62 64 65 67 62 64 65 67 61, then a rest of 3 steps.
    Take t;
    t.melody = Melody::from_events(
        {60, 62, 64, 65, 67, 62, 64, 65, 67, 61, kMelodyNoteOff, kMelodyNoEvent, kMelodyNoEvent});
    t.primer_steps = 1;
    const TakeStatistics s = take_statistics({t});
    QCOMPARE(s.notes, 9);
    QCOMPARE(s.share_in_c_major, 8.0 / 9.0);          // all but C#
    QCOMPARE(s.repeated_4_note_patterns, 1.0 / 6.0);  // 6 windows; 62 64 65 67 comes twice
    QCOMPARE(s.mean_pitch_range, 6.0);                // 61 … 67
    QCOMPARE(s.notes_per_bar, 16.0 * 9 / 12);         // 9 notes in 12 steps
    QCOMPARE(s.share_silent_steps, 3.0 / 12);
  }

  void noOutOfScaleNoteOverTenThousandStepsInEveryMode() {
    // Every mode, on a tonic other than the primer's, with each way of bringing the key in; wild sampling.
    Sampler s(tiny_model(EncodingKind::KeyMelody, 9));
    using M = KeyAdaptation::Mapping;
    for (Mode mode : all_modes()) {
      for (const KeyAdaptation adaptation :
           {KeyAdaptation{M::output, 0}, KeyAdaptation{M::primer, 0}, KeyAdaptation{M::none, 2}}) {
        GenerationRequest r = request(int(mode) + 1);
        r.temperature = 2.0f;
        r.steps_to_generate = 1000;  // 10 takes × 1000 steps
        r.stay_in_key = true;
        r.key = Key{(int(mode) * 5 + 3) % 12, mode};
        r.key_adaptation = adaptation;
        const std::array<bool, 12> scale = scale_of(*r.key);
        long steps = 0, notes = 0;
        const std::vector<Take> takes = s.generate(r).value();
        for (const Take& t : takes) {
          QCOMPARE(t.key, r.key);
          for (size_t i = size_t(t.primer_steps); i < t.melody.events.size(); ++i, ++steps) {
            const int e = t.melody.events[i];
            if (e < 0) continue;
            ++notes;
            if (!scale[size_t(e % 12)])
              QFAIL(qPrintable(QString("%1 in %2").arg(e).arg(QString::fromStdString(key_name(*r.key)))));
          }
        }
        QCOMPARE(steps, 10000L);
        QVERIFY(notes > 1000);  // the mask left plenty to sample
      }
    }
  }

  void mappedTakesAreTheUnmappedTakesMovedDegreeForDegree() {
    // Same seed, same network: mapping the output changes nothing the network hears, only the notes.
    Sampler s(tiny_model(EncodingKind::KeyMelody));
    GenerationRequest plain = request(17);
    plain.primer = {60, -2, 64, -2, 67, -2, 72, -2};  // C major
    plain.key = Key{0, Mode::natural_minor};
    plain.key_adaptation = {KeyAdaptation::Mapping::none, 0};
    GenerationRequest mapped = plain;
    mapped.key_adaptation = {KeyAdaptation::Mapping::output, 0};
    const auto a = s.generate(plain).value(), b = s.generate(mapped).value();
    const ScaleMapping m = scale_mapping({0, Mode::major}, {0, Mode::natural_minor});
    bool flats = false;
    for (size_t i = 0; i < a.size(); ++i) {
      QCOMPARE(b[i].melody.events, map_events(a[i].melody.events, m, a[i].primer_steps));
      QCOMPARE(b[i].log_likelihood, a[i].log_likelihood);
      for (size_t j = 0; j < 8; ++j) QCOMPARE(b[i].melody.events[j], plain.primer[j]);  // the primer as drawn
      for (size_t j = 8; j < b[i].melody.events.size(); ++j) flats |= b[i].melody.events[j] % 12 == 3;
    }
    QVERIFY(flats);  // E♭ sounds
  }

  void mappedPrimerIsWhatTheNetworkHears() {
    // With the primer mapped, the takes are those of a request whose primer was already in C minor.
    Sampler s(tiny_model(EncodingKind::KeyMelody));
    GenerationRequest mapped = request(5);
    mapped.primer = {60, -2, 64, -2, 67, -2, 71, 72};
    mapped.key = Key{0, Mode::natural_minor};
    mapped.key_adaptation = {KeyAdaptation::Mapping::primer, 0};
    GenerationRequest heard = mapped;
    heard.primer = {60, -2, 63, -2, 67, -2, 70, 72};
    heard.key = std::nullopt;  // C minor already (estimate_key)
    QCOMPARE(estimate_key(prepare_primer(mapped.primer)), (Key{0, Mode::major}));
    QCOMPARE(estimate_key(prepare_primer(heard.primer)), (Key{0, Mode::natural_minor}));
    const auto a = s.generate(mapped).value(), b = s.generate(heard).value();
    for (size_t i = 0; i < a.size(); ++i) {
      QCOMPARE(std::vector<int>(a[i].melody.events.begin() + 8, a[i].melody.events.end()),
               std::vector<int>(b[i].melody.events.begin() + 8, b[i].melody.events.end()));
      QCOMPARE(std::vector<int>(a[i].melody.events.begin(), a[i].melody.events.begin() + 8), mapped.primer);
    }
  }

  void shippedModelPlaysEFlatAFlatAndBFlatInCMinor() {
    // The case: a C-major primer, C minor asked, stay in key: the takes have E♭, A♭ and B♭.
    Result<ModelFile> model =
        load_model(std::string(MUSA_SOURCE_DIR) + "/resources/models/attention_rnn.safetensors");
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().c_str());
    Sampler s(std::make_shared<const ModelWeights>(std::move(model->weights)));
    GenerationRequest r = request(1);
    r.primer = {60, -2, 62, -2, 64, -2, 65, -2, 67, -2, 69, -2, 71, -2, 72, -2};
    r.steps_to_generate = 128;
    r.key = Key{0, Mode::natural_minor};
    r.stay_in_key = true;
    std::set<int> pitch_classes;
    const std::vector<Take> takes = s.generate(r).value();
    for (const Take& t : takes)
      for (size_t i = size_t(t.primer_steps); i < t.melody.events.size(); ++i)
        if (t.melody.events[i] >= 0) pitch_classes.insert(t.melody.events[i] % 12);
    for (int pc : {3, 8, 10}) QVERIFY2(pitch_classes.count(pc), qPrintable(QString::number(pc)));
    for (int pc : {4, 9, 11}) QVERIFY(!pitch_classes.count(pc));
  }

  void shippedModelTakesMatchTheModelCard() {
    // MODEL_CARD.md, "What it does at different temperatures": 64 takes × 8 bars from [60], seed 1.
    // The bands are wide enough for another compiler's rounding, narrow enough that a broken
    // model file, encoding or sampler lands outside them (a random model plays ~60 % in C major).
    Result<ModelFile> model =
        load_model(std::string(MUSA_SOURCE_DIR) + "/resources/models/attention_rnn.safetensors");
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().c_str());
    Sampler s(std::make_shared<const ModelWeights>(std::move(model->weights)));
    struct Row {
      float temperature;
      double min_in_c, min_repeated, max_repeated, min_range, max_range, min_per_bar, max_per_bar, min_silent,
          max_silent;
    };
    // card: 0.5 → 100.0 %, 48.9 % repeated, 5.9 semitones, 2.11 notes per bar, 9.6 % silent;
    //       1.0 → 99.5 %, 15.3 %, 16.7, 7.63, 13.2 %
    for (const Row& row : {Row{0.5f, 0.98, 0.37, 0.61, 4.2, 7.6, 1.5, 2.8, 0.05, 0.15},
                           Row{1.0f, 0.97, 0.10, 0.24, 12.5, 19.0, 6.0, 8.8, 0.10, 0.21}}) {
      GenerationRequest r;
      r.primer = {60};
      r.num_takes = 64;
      r.steps_to_generate = continuation_steps(r.primer, 8);
      r.temperature = row.temperature;
      r.seed = 1;
      const auto takes = s.generate(r);
      QVERIFY(takes.ok());
      const TakeStatistics st = take_statistics(takes.value());
      qInfo("T=%.2f: %d notes, %.1f%% in C major, %.1f%% repeated, range %.1f, %.1f notes/bar, %.1f%% silent",
            double(row.temperature), st.notes, st.share_in_c_major * 100, st.repeated_4_note_patterns * 100,
            st.mean_pitch_range, st.notes_per_bar, st.share_silent_steps * 100);
      QCOMPARE(st.takes, 64);
      QVERIFY(st.share_in_c_major >= row.min_in_c);
      QVERIFY(st.repeated_4_note_patterns >= row.min_repeated &&
              st.repeated_4_note_patterns <= row.max_repeated);
      QVERIFY(st.mean_pitch_range >= row.min_range && st.mean_pitch_range <= row.max_range);
      QVERIFY(st.notes_per_bar >= row.min_per_bar && st.notes_per_bar <= row.max_per_bar);
      QVERIFY(st.share_silent_steps >= row.min_silent && st.share_silent_steps <= row.max_silent);
    }
  }

  void primerMelodyIsParsedStrictly() {
    QCOMPARE(parse_primer_melody("[60, -2, 62, -1]").value(), (std::vector<int>{60, -2, 62, -1}));
    for (const char* bad : {"", "60", "[60", "[\"60\"]", "[60.5]", "[128]", "[-3]", "[4294967356]",
                            "[18446744073709551615]", "[-9223372036854775808]", "{\"a\": 1}"})
      QVERIFY2(!parse_primer_melody(bad).ok(), bad);  // 4294967356 used to wrap to 60 and pass
  }

  void harmonicMinorKeepsItsLeadingTone() {
    Sampler s(tiny_model(EncodingKind::KeyMelody, 2));
    GenerationRequest r = request(3);
    r.temperature = 2.0f;
    r.steps_to_generate = 256;
    r.stay_in_key = true;
    r.key = Key{9, Mode::harmonic_minor};  // A harmonic minor: G♯, never G
    std::set<int> pitch_classes;
    const std::vector<Take> takes = s.generate(r).value();
    for (const Take& t : takes)
      for (size_t i = size_t(t.primer_steps); i < t.melody.events.size(); ++i)
        if (t.melody.events[i] >= 0) pitch_classes.insert(t.melody.events[i] % 12);
    QVERIFY(pitch_classes.count(8));
    QVERIFY(!pitch_classes.count(7));
  }

  void takeReportDescribesATake() {
    // Primer C D E (2 steps each); continuation E F G A | G F E D (2 steps each), one bar.
    Take take;
    take.melody.events = {60, -2, 62, -2, 64, -2, 64, -2, 65, -2, 67,
                          -2, 69, -2, 67, -2, 65, -2, 64, -2, 62, -2};
    take.primer_steps = 6;
    take.log_likelihood = -8.0;
    take.key = Key{0, Mode::major};
    const TakeReport r = describe_take(take);
    QCOMPARE(r.notes, 8);
    QCOMPARE(r.lowest, 62);
    QCOMPARE(r.highest, 69);
    QCOMPARE(r.range(), 7);
    QCOMPARE(r.in_key, 1.0);
    QCOMPARE(r.notes_per_bar, 8.0);             // 8 notes in 16 steps
    QCOMPARE(r.log_likelihood_per_step, -0.5);  // −8 over 16 generated steps
    QCOMPARE(r.repeated_patterns, 0.0);         // 5 figures, all different
    // Intervals: primer +2 +2; continuation +1 +2 +2 −2 −2 −1 −2 → cosine = (2·... ) by hand:
    // primer histogram {+2: 2}; continuation {+1: 1, +2: 2, −1: 1, −2: 3}: dot = 4, |p| = 2, |c| = √15.
    QCOMPARE(r.primer_intervals, 4.0 / (2.0 * std::sqrt(15.0)));
    QVERIFY(!r.originality.has_value());
    // A take that repeats its figure: C D E D, C D E D → the second window of that figure repeats.
    Take again = take;
    again.melody.events = {60, -2, 60, 62, 64, 62, 60, 62, 64, 62};
    again.primer_steps = 2;
    QCOMPARE(describe_take(again).repeated_patterns, 1.0 / 5.0);  // 5 windows, the 5th repeats the 1st
    // Sorting and metric values.
    const std::vector<TakeReport> reports = {r, describe_take(again)};
    QCOMPARE(order_takes(reports, TakeMetric::range, true), (std::vector<int>{0, 1}));
    QCOMPARE(order_takes(reports, TakeMetric::repeated_patterns, true), (std::vector<int>{1, 0}));
    QCOMPARE(metric_value(r, TakeMetric::copied_bars), -1.0);
  }

  void takesComeBackInThePrimersKey() {
    // A primer in E major, high: the model works in C near the middle; the takes return to E.
    Sampler s(tiny_model(EncodingKind::KeyMelody));
    GenerationRequest r = request(6);
    r.primer = {76, 78, 80, 81, 83};
    r.stay_in_key = true;
    const auto takes = s.generate(r);
    for (const Take& t : takes.value())
      for (int e : t.melody.events)
        if (e >= 0) QVERIFY(pitch_class_in_major_key(e % 12, 4));
  }
};

MUSA_TEST_APPLESS_MAIN(GenerateTest)
#include "test_generate.moc"
