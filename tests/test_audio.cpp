// Synth (core/audio): rendering a NoteSequence to WAV with the shipped
// soundfont, checked by reading the WAV back independently of FluidSynth.

#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QtTest>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/audio/soundfont.h"
#include "core/audio/synth.h"
#include "core/music/note_sequence.h"

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
  void rendersSixteenSecondMelody();
  void emptySequenceRendersTailOfSilence();
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
  // At FluidSynth's default gain (0.2) a velocity-100 piano is about
  // -43 dBFS RMS (0.007); -50 dBFS is still plainly audible. Silence is
  // about 1 LSB (3e-5: the reverb's anti-denormal offset, floored to -1).
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
  QVERIFY(std::abs(gain - 0.2) < 1e-6);  // FluidSynth keeps it as a float
  const auto quiet = render(seq);
  synth_->set_gain(2 * gain);
  const auto loud = render(seq);
  synth_->set_gain(gain);
  QVERIFY(quiet && loud);
  const double ratio = loud->rms(0.05, 2.0) / quiet->rms(0.05, 2.0);
  QVERIFY2(std::abs(ratio - 2.0) < 0.05, qPrintable(QString::number(ratio)));
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

QTEST_GUILESS_MAIN(TestAudio)
#include "test_audio.moc"
