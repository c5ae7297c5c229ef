#include "ui/audioengine.h"

#include <QElapsedTimer>

#include "core/audio/soundfont.h"

AudioEngine::AudioEngine(QObject* parent) : QObject(parent) { outputs_.set_first(&output_); }

AudioEngine::~AudioEngine() {
  // The loader and renders use the synth or will hand one over: wait for them.
  // Their queued clean-up will not run once this object is gone, so delete them here.
  if (loader_) loader_->wait();
  delete loader_;
  for (QThread* t : renders_) {
    t->wait();
    delete t;
  }
  player_.stop();
  output_.set_synth(nullptr);
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
  if (loader_) return;
  // libjack would otherwise try to start a JACK server and hang for seconds.
  qputenv("JACK_NO_START_SERVER", "1");
  state_ = State::Loading;
  const std::string path = soundfont.toStdString();
  loader_ = QThread::create([this, path, open_output] {
    auto loaded = std::make_shared<Loaded>(load(path, open_output));
    QMetaObject::invokeMethod(this, [this, loaded] { adopt(std::move(*loaded)); }, Qt::QueuedConnection);
  });
  loader_->setObjectName(QStringLiteral("musa-soundfont"));
  connect(loader_, &QThread::finished, loader_, [this] {
    loader_->deleteLater();
    loader_ = nullptr;
  });
  loader_->start(QThread::LowPriority);
}

void AudioEngine::adopt(Loaded loaded) {
  if (loaded.soundfont_failed) {
    state_ = State::NoSoundfont;
    emit soundfontUnavailable(loaded.error);
    return;
  }
  synth_ = std::move(loaded.synth);
  output_.set_synth(synth_.get());
  driver_ = loaded.driver;
  if (synth_->audio_running()) {
    state_ = State::Ready;
    emit outputReady(driver_);
  } else {
    state_ = State::NoOutput;
    emit outputUnavailable(loaded.error);
  }
}

void AudioEngine::play(const musa::NoteSequence& sequence, double length, bool loop) {
  // The player still takes a part per channel: one per track, with the track's program.
  std::vector<musa::PlayerPart> parts;
  for (const musa::Track& track : sequence.tracks) {
    musa::PlayerPart part{{}, track.program};
    for (const musa::Note& note : sequence.notes)
      if (note.instrument == track.instrument) part.notes.notes.push_back(note);
    parts.push_back(std::move(part));
  }
  player_.play(std::move(parts), length, loop);
}

void AudioEngine::stop() { player_.stop(); }

void AudioEngine::setOutputs(bool synth, musa::NoteOutput* extra) {
  player_.stop();  // notes sounding on an output about to be dropped end now
  outputs_.set_first(synth ? &output_ : nullptr);
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
  const musa::Synth* synth = synth_.get();
  QThread* thread = QThread::create([this, synth, notes, path, program] {
    const musa::Status status = synth->render_wav(notes, path.toStdString(), program);
    const QString error = status.ok() ? QString() : QString::fromStdString(status.error());
    QMetaObject::invokeMethod(this, [this, path, error] { emit renderFinished(path, error); }, Qt::QueuedConnection);
  });
  renders_.push_back(thread);
  connect(thread, &QThread::finished, this, [this, thread] {
    std::erase(renders_, thread);
    thread->deleteLater();
  });
  thread->start();
}
