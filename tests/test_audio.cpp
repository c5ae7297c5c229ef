// Synth (core/audio): rendering a NoteSequence to WAV with the shipped
// soundfont, checked by reading the WAV back independently of FluidSynth.

#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QtTest>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/audio/soundfont.h"
#include "core/audio/synth.h"
#include "core/music/note_sequence.h"
#include "core/util/process_memory.h"
#include "jack_test_server.h"
#include "test_main.h"
#include "tests/sanitizers.h"

using namespace musa;

namespace {

/** The PCM a WAV file holds, parsed here from the RIFF chunks. */
struct Wav {
  int format = 0;  // 1 = PCM
  int channels = 0;
  int sample_rate = 0;
  int bits = 0;
  std::vector<std::int16_t> samples;  // interleaved

  double seconds() const { return double(samples.size()) / channels / sample_rate; }
  /** First time (seconds) from `from` on where a sample exceeds `level` (full scale 1). */
  double onset(double from, double level) const {
    for (auto i = std::size_t(from * sample_rate) * channels; i < samples.size(); ++i) {
      if (std::abs(samples[i] / 32768.0) > level) return double(i / channels) / sample_rate;
    }
    return -1;
  }
  /** Largest absolute sample, as a fraction of full scale. */
  double peak() const {
    double most = 0;
    for (std::int16_t v : samples) most = std::max(most, std::abs(v / 32768.0));
    return most;
  }
  /** RMS over both channels in [from, to) seconds, as a fraction of full scale. */
  double rms(double from, double to) const {
    const auto first = std::size_t(from * sample_rate) * channels;
    const auto last = std::min(samples.size(), std::size_t(to * sample_rate) * channels);
    double sum = 0;
    for (std::size_t i = first; i < last; ++i) sum += double(samples[i]) * samples[i];
    return last > first ? std::sqrt(sum / double(last - first)) / 32768.0 : 0.0;
  }
};

std::uint32_t le32(const char* p) {
  const auto* b = reinterpret_cast<const unsigned char*>(p);
  return b[0] | b[1] << 8 | b[2] << 16 | std::uint32_t(b[3]) << 24;
}
std::uint16_t le16(const char* p) {
  const auto* b = reinterpret_cast<const unsigned char*>(p);
  return std::uint16_t(b[0] | b[1] << 8);
}

std::optional<Wav> read_wav(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<char> bytes{std::istreambuf_iterator<char>(in), {}};
  if (bytes.size() < 12 || std::memcmp(bytes.data(), "RIFF", 4) != 0 ||
      std::memcmp(bytes.data() + 8, "WAVE", 4) != 0) {
    return std::nullopt;
  }
  Wav wav;
  bool have_format = false, have_data = false;
  for (std::size_t at = 12; at + 8 <= bytes.size();) {
    const char* chunk = bytes.data() + at;
    const std::size_t size = le32(chunk + 4);
    if (at + 8 + size > bytes.size()) return std::nullopt;
    if (std::memcmp(chunk, "fmt ", 4) == 0 && size >= 16) {
      wav.format = le16(chunk + 8);
      wav.channels = le16(chunk + 10);
      wav.sample_rate = int(le32(chunk + 12));
      wav.bits = le16(chunk + 22);
      have_format = true;
    } else if (std::memcmp(chunk, "data", 4) == 0) {
      wav.samples.resize(size / 2);
      for (std::size_t i = 0; i < wav.samples.size(); ++i) {
        wav.samples[i] = std::int16_t(le16(chunk + 8 + 2 * i));
      }
      have_data = true;
    }
    at += 8 + size + (size & 1);  // chunks are padded to even sizes
  }
  if (!have_format || !have_data) return std::nullopt;
  return wav;
}

Note note(int pitch, double start, double end, int program = 0) {
  Note n;
  n.pitch = pitch;
  n.velocity = 100;
  n.start = start;
  n.end = end;
  n.program = program;
  return n;
}

/** Quarter notes at 120 qpm (0.5 s each) on the given pitches; 0 = a rest. */
NoteSequence quarters(const std::vector<int>& pitches) {
  NoteSequence seq;
  seq.tempos.push_back({0.0, 120.0});
  for (std::size_t i = 0; i < pitches.size(); ++i) {
    if (pitches[i] > 0) seq.notes.push_back(note(pitches[i], 0.5 * i, 0.5 * (i + 1)));
  }
  seq.total_time = 0.5 * pitches.size();
  return seq;
}

}  // namespace

class TestAudio : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void findsShippedSoundfont();
  void prefersGivenSoundfont();
  void rendersSixteenBitStereoWav();
  void renderLastsNotesPlusReleaseTail();
  void renderIsAudibleDuringNotes();
  void restInTheMiddleIsQuieter();
  void notesStartOnTime();
  void programOverrideChangesSound();
  void programOverrideRendersAsThatProgram();
  void layeredInstrumentsKeepTheirPrograms();
  void rendersDrums();
  void gainScalesRender();
  void defaultLevelPeaksNearMinusFiveDbfs();
  void volumeScalesTheRender();
  void jackOutputIsConnectedToSystemPlayback();
  void jackServerThatStopsIsNoticedAndComesBack();
  void rendersSixteenSecondMelody();
  void emptySequenceRendersTailOfSilence();
  void renderFreesWhatItAllocates();
  void unwritablePathGivesError();
  void garbageSoundfontGivesErrorNamingIt();
  void missingSoundfontGivesErrorNamingIt();
  void startAudioWithoutDeviceFailsCleanly();

 private:
  std::optional<Wav> render(const NoteSequence& seq, int program_override = -1);

  QTemporaryDir dir_;
  std::unique_ptr<Synth> synth_;
  int renders_ = 0;
};

void TestAudio::initTestCase() {
  QVERIFY(dir_.isValid());
  const std::string path = find_soundfont();
  QVERIFY2(!path.empty(), "no soundfont found");
  QElapsedTimer timer;
  timer.start();
  auto synth = Synth::create(path);
  QVERIFY2(synth.ok(), synth.ok() ? "" : synth.error().c_str());
  qInfo("loaded %s in %lld ms", path.c_str(), static_cast<long long>(timer.elapsed()));
  synth_ = std::move(synth.value());
  QCOMPARE(synth_->sample_rate(), 44100.0);
}

std::optional<Wav> TestAudio::render(const NoteSequence& seq, int program_override) {
  const std::string path = dir_.filePath(QStringLiteral("take%1.wav").arg(++renders_)).toStdString();
  const Status status = synth_->render_wav(seq, path, program_override);
  if (!status) {
    qWarning("%s", status.error().c_str());
    return std::nullopt;
  }
  return read_wav(path);
}

void TestAudio::findsShippedSoundfont() {
  // The build runs from the build tree, so the source tree's copy is found.
  const std::string path = find_soundfont();
  QVERIFY(QString::fromStdString(path).endsWith(QLatin1String("FluidR3Mono_GM.sf3")));
  QVERIFY(QFileInfo::exists(QString::fromStdString(path)));
  // A preferred file that does not exist falls back to the shipped one.
  QCOMPARE(find_soundfont("/no/such/file.sf2"), path);
}

void TestAudio::prefersGivenSoundfont() {
  QTemporaryFile file;
  QVERIFY(file.open());
  const std::string path = file.fileName().toStdString();
  QCOMPARE(find_soundfont(path), path);
}

void TestAudio::rendersSixteenBitStereoWav() {
  const auto wav = render(quarters({60, 64, 67, 72}));
  QVERIFY(wav);
  QCOMPARE(wav->format, 1);
  QCOMPARE(wav->bits, 16);
  QCOMPARE(wav->channels, 2);
  QCOMPARE(wav->sample_rate, 44100);
}

void TestAudio::renderLastsNotesPlusReleaseTail() {
  // Four quarters at 120 qpm = 2 s, plus the 1 s tail; the renderer works in
  // 64-frame periods, so the length is rounded up by less than 1.5 ms.
  const auto wav = render(quarters({60, 64, 67, 72}));
  QVERIFY(wav);
  const double expected = 2.0 + Synth::kReleaseTail;
  QVERIFY2(wav->seconds() >= expected && wav->seconds() < expected + 64.0 / 44100 + 1e-9,
           qPrintable(QString::number(wav->seconds())));
}

void TestAudio::renderIsAudibleDuringNotes() {
  const auto wav = render(quarters({60, 64, 67, 72}));
  QVERIFY(wav);
  const double notes = wav->rms(0.05, 2.0);
  const double end_of_tail = wav->rms(2.9, 3.0);
  qInfo("RMS during notes %.4f, end of tail %.6f", notes, end_of_tail);
  // At Musa's default gain (Synth::kDefaultGain) a velocity-100 piano is
  // about -20 dBFS RMS (0.1); -50 dBFS would still be plainly audible.
  // Silence is about 1 LSB (3e-5: the reverb's anti-denormal offset, floored to -1).
  QVERIFY(notes > 0.003);
  // Released piano plus reverb has died well away 0.9 s after the last note.
  QVERIFY(notes > 30 * end_of_tail);
}

void TestAudio::restInTheMiddleIsQuieter() {
  // Bars: C E G C | rest ×4 | C E G C. Measure the second half of the rest,
  // leaving 1 s for the release and reverb of the last note before it.
  const auto wav = render(quarters({60, 64, 67, 72, 0, 0, 0, 0, 60, 64, 67, 72}));
  QVERIFY(wav);
  const double before = wav->rms(0.05, 2.0), rest = wav->rms(3.0, 4.0);
  const double after = wav->rms(4.05, 6.0);
  qInfo("RMS before %.4f, rest %.6f, after %.4f", before, rest, after);
  QVERIFY(rest < before / 10);
  QVERIFY(rest < after / 10);
  QVERIFY(std::abs(before - after) < 0.25 * before);  // same notes, same loudness
}

void TestAudio::notesStartOnTime() {
  // The same note at 1.0 s and, after a rest, at 2.3 s. Before each the file
  // holds ~1 LSB; 0.001 (-60 dBFS, 33 LSB) marks the attack, which the
  // sample's own envelope reaches ~70 frames in. Each event lands on the
  // nearest 64-frame period edge (±32 frames), so the onsets are 1.3 s apart
  // to within one period, and each is heard within a few ms of its time.
  NoteSequence seq;
  seq.notes.push_back(note(60, 1.0, 1.5));
  seq.notes.push_back(note(60, 2.3, 2.8));
  seq.update_total_time();
  const auto wav = render(seq);
  QVERIFY(wav);
  const double period = 64.0 / 44100;
  const double first = wav->onset(0.0, 0.001), second = wav->onset(2.0, 0.001);
  qInfo("onsets %.5f s, %.5f s", first, second);
  QVERIFY(first >= 1.0 - period && first < 1.0 + 0.005);
  QVERIFY(second >= 2.3 - period && second < 2.3 + 0.005);
  QVERIFY(std::abs((second - first) - 1.3) <= period);
}

void TestAudio::programOverrideChangesSound() {
  const NoteSequence seq = quarters({60, 64});
  const auto piano = render(seq);
  const auto violin = render(seq, 40);
  QVERIFY(piano && violin);
  QCOMPARE(piano->samples.size(), violin->samples.size());
  QVERIFY(piano->samples != violin->samples);
  QVERIFY(violin->rms(0.05, 1.0) > 0.005);
}

void TestAudio::programOverrideRendersAsThatProgram() {
  // The override is the event builder's (sequence_messages): the same file as notes carrying the program.
  NoteSequence violin = quarters({60, 64, 67});
  for (Note& n : violin.notes) n.program = 40;
  const auto overridden = render(quarters({60, 64, 67}), 40);
  const auto own = render(violin);
  QVERIFY(overridden && own);
  QCOMPARE(overridden->samples, own->samples);
}

void TestAudio::layeredInstrumentsKeepTheirPrograms() {
  // Two instruments, each its own channel and program: the file is the sum of
  // rendering each alone (FluidSynth mixes voices linearly), to within
  // 16-bit rounding and the shared reverb's tail.
  NoteSequence piano = quarters({60, 64}), violin = quarters({67, 72});
  for (Note& n : violin.notes) n.program = 40, n.instrument = 1;
  NoteSequence both = piano;
  both.notes.insert(both.notes.end(), violin.notes.begin(), violin.notes.end());
  const auto a = render(piano), b = render(violin), mix = render(both);
  QVERIFY(a && b && mix);
  QCOMPARE(mix->samples.size(), a->samples.size());
  double error = 0, signal = 0;
  for (std::size_t i = 0; i < mix->samples.size(); ++i) {
    const double sum = double(a->samples[i]) + b->samples[i];
    error += (mix->samples[i] - sum) * (mix->samples[i] - sum);
    signal += sum * sum;
  }
  qInfo("layered render vs the sum of its parts: %.2e relative error", std::sqrt(error / signal));
  QVERIFY(std::sqrt(error / signal) < 0.01);
  // Played as one program instead, the file differs: the violin line is heard as a piano.
  const auto one = render(both, 0);
  QVERIFY(one && one->samples != mix->samples);
}

void TestAudio::rendersDrums() {
  NoteSequence seq;
  for (int i = 0; i < 4; ++i) {
    Note kick = note(36, 0.5 * i, 0.5 * i + 0.25);
    kick.is_drum = true;
    seq.notes.push_back(kick);
  }
  seq.update_total_time();
  const auto wav = render(seq);
  QVERIFY(wav);
  QVERIFY(wav->rms(0.0, 2.0) > 0.005);
}

void TestAudio::gainScalesRender() {
  // FluidSynth's gain multiplies the output amplitude, so doubling it doubles
  // the RMS (to within 16-bit rounding).
  const NoteSequence seq = quarters({60, 64, 67, 72});
  const double gain = synth_->gain();
  QVERIFY(std::abs(gain - Synth::kDefaultGain) < 1e-6);  // FluidSynth keeps it as a float
  const auto quiet = render(seq);
  synth_->set_gain(2 * gain);
  const auto loud = render(seq);
  synth_->set_gain(gain);
  QVERIFY(quiet && loud);
  const double ratio = loud->rms(0.05, 2.0) / quiet->rms(0.05, 2.0);
  QVERIFY2(std::abs(ratio - 2.0) < 0.05, qPrintable(QString::number(ratio)));
}

namespace {

double dbfs(double level) { return 20 * std::log10(std::max(level, 1e-9)); }

/**
 * Four bars like a take of the shipped model: a piano line at velocity 100
 * (what Musa writes), eighths and quarters over C4..C6 at 120 qpm.
 */
NoteSequence typical_take() {
  NoteSequence seq;
  const int pitches[] = {60, 62, 64, 67, 69, 72, 71, 69, 67, 64, 65, 67, 72, 74, 76, 79, 84, 79, 76, 72};
  double t = 0;
  for (std::size_t i = 0; i < std::size(pitches); ++i) {
    const double length = i % 3 == 2 ? 0.5 : 0.25;
    seq.notes.push_back(note(pitches[i], t, t + length));
    t += length;
  }
  seq.update_total_time();
  return seq;
}

}  // namespace

void TestAudio::defaultLevelPeaksNearMinusFiveDbfs() {
  // FluidSynth's own gain (0.2) left takes peaking near -28 dBFS: barely
  // audible next to other programs. The default must put a take near
  // -6…-3 dBFS, live and in WAV export alike (both use the synth's gain).
  QCOMPARE(synth_->gain(), double(float(Synth::kDefaultGain)));
  const auto wav = render(typical_take());
  QVERIFY(wav);
  const double peak = dbfs(wav->peak()), rms = dbfs(wav->rms(0.0, wav->seconds()));
  qInfo("default level: peak %.1f dBFS, RMS %.1f dBFS", peak, rms);
  QVERIFY2(peak > -8.0 && peak < -2.0, qPrintable(QString::number(peak)));
  QVERIFY2(rms > -30.0, qPrintable(QString::number(rms)));
  // A fresh synth (musa-cli render, the app before its volume is read) starts at the same level.
  auto fresh = Synth::create(synth_->soundfont_path());
  QVERIFY(fresh.ok());
  QCOMPARE((*fresh)->gain(), synth_->gain());
}

void TestAudio::volumeScalesTheRender() {
  QCOMPARE(Synth::volume_gain(1.0), Synth::kDefaultGain);
  QCOMPARE(Synth::volume_gain(0.0), 0.0);
  QCOMPARE(Synth::volume_gain(9.0), Synth::volume_gain(1.5));  // clamped
  const auto full = render(typical_take());
  synth_->set_gain(Synth::volume_gain(0.5));
  const auto half = render(typical_take());
  synth_->set_gain(Synth::kDefaultGain);
  QVERIFY(full && half);
  // Half-way on the fader is a quarter of the amplitude: -12 dB.
  const double drop = dbfs(half->peak()) - dbfs(full->peak());
  const double rms_drop = dbfs(half->rms(0.0, 5.0)) - dbfs(full->rms(0.0, 5.0));
  qInfo("volume 50 %%: peak %.2f dB, RMS %.2f dB", drop, rms_drop);
  QVERIFY2(std::abs(drop + 12.04) < 0.3, qPrintable(QString::number(drop)));
  QVERIFY2(std::abs(rms_drop + 12.04) < 0.3, qPrintable(QString::number(rms_drop)));
}

void TestAudio::jackOutputIsConnectedToSystemPlayback() {
  if (testing::JackTestServer::jackd().isEmpty()) QSKIP("jackd is not installed (apt install jackd2)");
  testing::JackTestServer server("audio");
  QVERIFY2(server.start(), "jackd (dummy driver) did not start");
  auto synth = Synth::create(synth_->soundfont_path(), 48000);
  QVERIFY(synth.ok());
  Synth& s = **synth;
  QVERIFY(s.jack_autoconnect());  // on by default: unconnected JACK ports are silence
  const Status opened = s.start_audio("jack");
  QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().c_str());
  QCOMPARE(s.audio_driver(), std::string("jack"));
  const std::string client = Synth::kJackClientName;
  // start_audio returns once every other client sees the connections (JACK shows them from its next cycle).
  QVERIFY2(testing::jack_connections(client + ":left") == std::vector<std::string>{"system:playback_1"},
           testing::jack_graph().c_str());
  QVERIFY2(testing::jack_connections(client + ":right") == std::vector<std::string>{"system:playback_2"},
           testing::jack_graph().c_str());
  QCOMPARE(s.output_description(), std::string("JACK \u2192 system:playback_1/2"));

  // Off: the ports are left for the musician to connect (a DAW, a patchbay).
  s.set_jack_autoconnect(false);
  QVERIFY(s.start_audio("jack").ok());
  QVERIFY(testing::jack_connections(client + ":left").empty());
  QCOMPARE(s.output_description(), "JACK (not connected: connect " + client + ":left/right)");
  s.stop_audio();
  QCOMPARE(s.output_description(), std::string());
}

void TestAudio::jackServerThatStopsIsNoticedAndComesBack() {
  if (testing::JackTestServer::jackd().isEmpty()) QSKIP("jackd is not installed (apt install jackd2)");
  testing::JackTestServer server("audio-gone");
  // No server yet: a clear answer at once, and no server spawned by libjack.
  auto synth = Synth::create(synth_->soundfont_path(), 48000);
  QVERIFY(synth.ok());
  Synth& s = **synth;
  const Status none = s.start_audio("jack");
  QVERIFY(!none.ok());
  QVERIFY2(none.error().find("no JACK server") != std::string::npos, none.error().c_str());
  QVERIFY(!s.audio_running());

  QVERIFY2(server.start(), "jackd (dummy driver) did not start");
  QVERIFY(s.start_audio("jack").ok());
  QVERIFY(!s.audio_lost());
  s.note_on(0, 60, 100);  // sounding while the server goes

  server.stop();
  QTRY_VERIFY_WITH_TIMEOUT(s.audio_lost(), 3000);
  QCOMPARE(s.output_description(), std::string("JACK (the server stopped)"));
  // Closing the dead driver neither hangs nor crashes.
  const auto before = std::chrono::steady_clock::now();
  s.stop_audio();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - before).count();
  qInfo("closing the driver of a stopped JACK server took %.0f ms", seconds * 1000);
  QVERIFY(seconds < 2.0);
  QVERIFY(!s.audio_running());
  s.all_notes_off();

  // The server returns: the same synth opens on it again, connected.
  QVERIFY(server.start());
  QVERIFY(s.start_audio("jack").ok());
  QVERIFY(!s.audio_lost());
  QCOMPARE(testing::jack_connections(std::string(Synth::kJackClientName) + ":left"),
           std::vector<std::string>{"system:playback_1"});
  s.stop_audio();
}

void TestAudio::rendersSixteenSecondMelody() {
  // 8 bars of 4/4 at 120 qpm in sixteenths (the take length Musa generates):
  // 128 steps × 0.125 s = 16 s, one note every other step.
  NoteSequence seq;
  const int scale[] = {60, 62, 64, 65, 67, 69, 71, 72};
  for (int step = 0; step < 128; step += 2) {
    seq.notes.push_back(note(scale[(step / 2) % 8], step * 0.125, (step + 2) * 0.125));
  }
  seq.update_total_time();
  QElapsedTimer timer;
  timer.start();
  const auto wav = render(seq);
  const qint64 ms = timer.elapsed();
  QVERIFY(wav);
  qInfo("rendered 16 s + tail in %lld ms", static_cast<long long>(ms));
  QVERIFY(std::abs(wav->seconds() - 17.0) < 0.01);
  QVERIFY(wav->rms(0.05, 16.0) > 0.003);
}

void TestAudio::emptySequenceRendersTailOfSilence() {
  const auto wav = render(NoteSequence{});
  QVERIFY(wav);
  QVERIFY(std::abs(wav->seconds() - Synth::kReleaseTail) < 0.01);
  QVERIFY(wav->rms(0.0, 1.0) < 1e-4);  // a few LSB at most (see above)
}

void TestAudio::renderFreesWhatItAllocates() {
#if defined(MUSA_UNDER_SANITIZER) || !defined(__GLIBC__)
  QSKIP("glibc's allocator only: a sanitizer brings its own");
#else
  // Each render builds a synth of its own (~10 MB) and must free all of it:
  // the heap in use (every arena) comes back to where it was. RSS is not
  // asserted here: what the allocator keeps resident depends on the machine
  // (on CI it rose 6 MB at the fifth render, here 0.1 MB); musa-bench --soak
  // prints it over a long session. The app renders on a worker thread: so does this.
  const std::string path = dir_.filePath(QStringLiteral("memory.wav")).toStdString();
  const auto render_on_a_thread = [&](int i) {
    Status status;
    std::thread([&] { status = synth_->render_wav(quarters({60 + i, 64 + i, 67 + i}), path); }).join();
    return status.ok();
  };
  QVERIFY(render_on_a_thread(0));  // a first thread brings what stays: its arena
  const double before = heap_in_use_mb();
  for (int i = 1; i <= 6; ++i) {
    QVERIFY(render_on_a_thread(i));
    const double growth = heap_in_use_mb() - before;
    QVERIFY2(growth < 0.05,
             qPrintable(QStringLiteral("render %1 left %2 MB more in use").arg(i).arg(growth)));
  }
#endif
}

void TestAudio::unwritablePathGivesError() {
  const std::string path = dir_.filePath(QStringLiteral("no/such/dir/take.wav")).toStdString();
  const Status status = synth_->render_wav(quarters({60}), path);
  QVERIFY(!status.ok());
  QVERIFY2(status.error().find(path) != std::string::npos, status.error().c_str());
}

void TestAudio::garbageSoundfontGivesErrorNamingIt() {
  QTemporaryFile file(dir_.filePath(QStringLiteral("garbage-XXXXXX.sf2")));
  QVERIFY(file.open());
  file.write(QByteArray(4096, 'x'));
  file.close();
  const std::string path = file.fileName().toStdString();
  const auto synth = Synth::create(path);
  QVERIFY(!synth.ok());
  QCOMPARE(synth.error(), path + ": not a SoundFont FluidSynth can load");
}

void TestAudio::missingSoundfontGivesErrorNamingIt() {
  const auto synth = Synth::create("/no/such/soundfont.sf2");
  QVERIFY(!synth.ok());
  QVERIFY2(synth.error().find("/no/such/soundfont.sf2") != std::string::npos, synth.error().c_str());
}

void TestAudio::startAudioWithoutDeviceFailsCleanly() {
  // A driver FluidSynth does not have fails everywhere, naming it.
  const Status bogus = synth_->start_audio("no-such-driver");
  QVERIFY(!bogus.ok());
  QVERIFY2(bogus.error().find("no-such-driver") != std::string::npos, bogus.error().c_str());
  QVERIFY(!synth_->audio_running());
  // The default driver fails on a machine without a sound card (CI) and
  // opens one on a desktop; either way, no crash and a clear answer.
  const Status live = synth_->start_audio();
  QCOMPARE(synth_->audio_running(), live.ok());
  if (!live) QVERIFY(!live.error().empty());
  synth_->note_on(0, 60, 100);
  synth_->all_notes_off();
  synth_->stop_audio();
  QVERIFY(!synth_->audio_running());
}

MUSA_TEST_GUILESS_MAIN(TestAudio)
#include "test_audio.moc"
