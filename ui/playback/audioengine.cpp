#include "ui/playback/audioengine.h"

#include "core/audio/soundfont.h"
#include "core/playback/sequence_messages.h"

AudioEngine::AudioEngine(QObject* parent) : QObject(parent) {}

AudioEngine::~AudioEngine() {
  jobs_.waitForAll();  // a render reads the synth
  scheduler_.stop();
  outputs_.set_first(nullptr);
  outputs_.set_second(nullptr);
}

QString AudioEngine::stateText() const {
  switch (state_) {
    case State::Off: return tr("audio: off");
    case State::Loading: return tr("audio: loading…");
    case State::Ready: return tr("audio: %1").arg(driver_);
    case State::NoOutput: return tr("audio: no output");
    case State::NoSoundfont: return tr("audio: no soundfont");
  }
  return {};
}

AudioEngine::Loaded AudioEngine::load(const std::string& soundfont, bool open_output) {
  Loaded loaded;
  const std::string path = musa::find_soundfont(soundfont);
  if (path.empty()) {
    loaded.soundfont_failed = true;
    loaded.error = tr("No General MIDI soundfont was found.");
    return loaded;
  }
  auto synth = musa::Synth::create(path);
  if (!synth.ok()) {
    loaded.soundfont_failed = true;
    loaded.error = QString::fromStdString(synth.error());
    return loaded;
  }
  loaded.synth = std::move(synth.value());
  if (!open_output) return loaded;
  // Desktop sound servers first, then raw ALSA, JACK (never spawning jackd:
  // JACK_NO_START_SERVER is set) and SDL as a last resort.
  for (const char* driver : {"pulseaudio", "pipewire", "alsa", "jack", "sdl2"}) {
    if (loaded.synth->start_audio(driver).ok()) {
      loaded.driver = QString::fromLatin1(driver);
      return loaded;
    }
  }
  loaded.error = tr("No audio output: takes can still be exported and rendered to WAV.");
  return loaded;
}

void AudioEngine::start(const QString& soundfont, bool open_output) {
  if (loading_ || synth_) return;  // once: a synth in use is never replaced under live MIDI
  // libjack would otherwise try to start a JACK server and hang for seconds.
  qputenv("JACK_NO_START_SERVER", "1");
  state_ = State::Loading;
  loading_ = true;
  jobs_.run(
      this, [path = soundfont.toStdString(), open_output] { return load(path, open_output); },
      [this](Loaded loaded) { adopt(std::move(loaded)); }, QThread::LowPriority);
}

void AudioEngine::adopt(Loaded loaded) {
  loading_ = false;
  if (loaded.soundfont_failed) {
    pending_.reset();  // nothing will sound; soundfontUnavailable says why
    state_ = State::NoSoundfont;
    emit soundfontUnavailable(loaded.error);
    return;
  }
  synth_ = std::move(loaded.synth);
  synth_sink_ = std::make_unique<musa::SynthSink>(*synth_);
  if (to_synth_) outputs_.set_first(synth_sink_.get());
  driver_ = loaded.driver;
  if (pending_) {
    Pending waiting = std::move(*pending_);
    pending_.reset();
    scheduler_.play(std::move(waiting.messages), waiting.length, waiting.loop);
  }
  if (synth_->audio_running()) {
    state_ = State::Ready;
    emit outputReady(driver_);
  } else {
    state_ = State::NoOutput;
    emit outputUnavailable(loaded.error);
  }
}

void AudioEngine::play(const musa::NoteSequence& notes, double length, bool loop) {
  musa::SequenceOptions options;
  options.end = length;
  if (state_ == State::Loading && to_synth_) {
    scheduler_.stop();
    pending_ = Pending{musa::sequence_messages(notes, options), length, loop};
    emit waitingForSound();
    return;
  }
  pending_.reset();
  scheduler_.play(musa::sequence_messages(notes, options), length, loop);
}

void AudioEngine::stop() {
  pending_.reset();
  scheduler_.stop();
}

void AudioEngine::setOutputs(bool synth, musa::MidiSink* extra) {
  scheduler_.stop();  // notes sounding on an output about to be dropped end now
  pending_.reset();
  to_synth_ = synth;
  outputs_.set_first(synth ? synth_sink_.get() : nullptr);
  outputs_.set_second(extra);
}

void AudioEngine::auditionOn(int pitch, int program) {
  if (!synth_) return;
  if (program != audition_program_) synth_->program_change(kAuditionChannel, program);
  audition_program_ = program;
  synth_->note_on(kAuditionChannel, pitch, 100);
}

void AudioEngine::auditionOff(int pitch) {
  if (synth_) synth_->note_off(kAuditionChannel, pitch);
}

void AudioEngine::renderWav(const musa::NoteSequence& notes, const QString& path, int program) {
  if (!synth_) {
    emit renderFinished(path, tr("The soundfont is not loaded yet."));
    return;
  }
  jobs_.run(
      this,
      [synth = synth_.get(), notes, file = path.toStdString(), program] {
        const musa::Status status = synth->render_wav(notes, file, program);
        return status.ok() ? QString() : QString::fromStdString(status.error());
      },
      [this, path](const QString& error) { emit renderFinished(path, error); });
}
