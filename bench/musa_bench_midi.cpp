// musa-bench-midi: live MIDI figures. Thru latency inside Musa, from a
// message's arrival to the synth call returning (goal p99 <= 1 ms), with and
// without FluidSynth's audio thread rendering; and jam mode's answer time,
// from the end of the pause to the first answer note sent (goal <= 100 ms).
//   musa-bench-midi [--rounds N] [--model FILE] [--no-jack]
// With jackd on PATH it runs a private dummy JACK server (its own name) so
// FluidSynth renders while the latency is measured, as it would on stage.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/audio/soundfont.h"
#include "core/audio/synth.h"
#include "core/audio/synth_sink.h"
#include "core/midi/jam_session.h"
#include "core/midi/rtmidi_backend.h"
#include "core/midi/thru.h"
#include "core/model/model_file.h"
#include "core/playback/clock.h"
#include "core/playback/scheduler.h"
#include "core/util/resources.h"

extern char** environ;

using namespace musa;
using namespace std::chrono_literals;

namespace {

/** A private `jackd -d dummy` under a name of its own; stopped when destroyed. */
class PrivateJack {
 public:
  bool start() {
    const std::string name = "musa-bench-" + std::to_string(getpid());
    setenv("JACK_DEFAULT_SERVER", name.c_str(), 1);
    const char* argv[] = {"jackd", "--no-realtime", "-n", name.c_str(), "-d",   "dummy",
                          "-r",    "48000",         "-p", "128",        nullptr};
    posix_spawn_file_actions_t quiet;
    posix_spawn_file_actions_init(&quiet);
    posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&quiet, 2, "/dev/null", O_WRONLY, 0);
    const int error = posix_spawnp(&pid_, "jackd", &quiet, nullptr, const_cast<char**>(argv), environ);
    posix_spawn_file_actions_destroy(&quiet);
    if (error != 0) return (pid_ = 0), false;
    for (int i = 0; i < 100 && !jack_server_running(); ++i) std::this_thread::sleep_for(50ms);
    return jack_server_running();
  }
  ~PrivateJack() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }

 private:
  pid_t pid_ = 0;
};

/** Counts what the jam plays; the timing comes from the scheduler. */
class NullSink final : public MidiSink {
 public:
  void send(const MidiMessage&) override {}
};

void print_latency(const char* what, const LatencySummary& l) {
  std::printf(
      "thru -> synth, %s: %d messages, p50 %.1f us, p99 %.1f us, max %.1f us  [goal p99 <= 1000 us]\n", what,
      l.count, l.p50_us, l.p99_us, l.max_us);
}

void bench_thru(bool with_jack) {
  const std::string soundfont = find_soundfont();
  if (soundfont.empty()) {
    std::printf("thru: no soundfont found\n");
    return;
  }
  Result<std::unique_ptr<Synth>> synth = Synth::create(soundfont, 48000);
  if (!synth.ok()) {
    std::printf("thru: %s\n", synth.error().c_str());
    return;
  }
  SynthSink sink(**synth);
  print_latency("no audio driver", measure_thru_latency(sink, 2000));
  if (!with_jack) return;
  if (Status audio = (*synth)->start_audio("jack"); !audio.ok()) {
    std::printf("thru with audio: %s\n", audio.error().c_str());
    return;
  }
  print_latency("FluidSynth rendering into JACK (dummy, 48 kHz, 128 frames)",
                measure_thru_latency(sink, 2000));
  (*synth)->stop_audio();
}

std::string model_path(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], "--model")) return argv[i + 1];
  const std::string shipped = default_model_path();
  return shipped.empty() ? MUSA_SOURCE_DIR "/tests/data/attention_rnn_random.safetensors" : shipped;
}

/** One phrase of eighth notes, one bar at `qpm`, played in real time. */
void play_phrase(JamSession& jam, double qpm, int round) {
  const auto eighth = std::chrono::duration<double>(30.0 / qpm);
  for (int i = 0; i < 8; ++i) {
    const int pitch = 60 + (i * 5 + round * 2) % 12;
    jam.send(MidiMessage::note_on(0, pitch, 90));
    std::this_thread::sleep_for(eighth * 0.8);
    jam.send(MidiMessage::note_off(0, pitch));
    std::this_thread::sleep_for(eighth * 0.2);
  }
}

void bench_jam(const std::string& path, int rounds) {
  Result<ModelFile> model = load_model(path);
  if (!model.ok()) {
    std::printf("jam: %s\n", model.error().c_str());
    return;
  }
  auto weights = std::make_shared<const ModelWeights>(std::move(model->weights));
  NullSink sink;
  Scheduler player(sink);
  const JamOptions options;  // 120 qpm, a bar of silence ends the phrase
  JamSession jam(options, sampler_answer(weights, 1.0f, 1), player);
  jam.start();
  std::vector<double> generated, first_note;
  for (int round = 0; round < rounds; ++round) {
    play_phrase(jam, options.qpm, round);
    const double deadline = steady_seconds() + 5.0;
    while (player.first_note_sent() == 0.0 && steady_seconds() < deadline) std::this_thread::sleep_for(1ms);
    const std::optional<JamExchange> exchange = jam.last_exchange();
    if (!exchange || player.first_note_sent() == 0.0) {
      std::printf("jam round %d: no answer\n", round);
      continue;
    }
    generated.push_back((exchange->answer_sent - exchange->pause_end) * 1e3);
    first_note.push_back((player.first_note_sent() - exchange->pause_end) * 1e3);
    player.stop();  // as if the musician played again
  }
  jam.stop();
  if (first_note.empty()) return;
  std::sort(generated.begin(), generated.end());
  std::sort(first_note.begin(), first_note.end());
  std::printf(
      "jam (%s, 1-bar phrase at 120 qpm, 16-step answer), %zu rounds: pause end -> answer generated median "
      "%.1f ms; -> first answer note sent median %.1f ms, max %.1f ms  [goal <= 100 ms]\n",
      path.c_str(), first_note.size(), generated[generated.size() / 2], first_note[first_note.size() / 2],
      first_note.back());
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 5;
  bool jack = true;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--rounds") && i + 1 < argc) rounds = std::max(1, std::atoi(argv[++i]));
    if (!std::strcmp(argv[i], "--no-jack")) jack = false;
    if (!std::strcmp(argv[i], "--help")) {
      std::printf(
          "usage: musa-bench-midi [--rounds N (5)] [--model FILE (shipped, else the test model)] "
          "[--no-jack]\n");
      return 0;
    }
  }
  PrivateJack server;
  const bool with_jack = jack && server.start();
  if (jack && !with_jack) std::printf("(no jackd: thru is measured without an audio thread rendering)\n");
  bench_thru(with_jack);
  bench_jam(model_path(argc, argv), rounds);
  return 0;
}
