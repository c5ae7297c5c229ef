#include "ui/playback/audioengine.h"

#include <QFileInfo>
#include <algorithm>

#include "core/audio/soundfont.h"
#include "core/midi/metronome.h"
#include "core/playback/sequence_messages.h"

namespace {

// JACK first, when a server runs (asked quietly, never spawning jackd:
// JACK_NO_START_SERVER is set): a musician who runs JACK wants Musa in its
// graph, not on whichever card ALSA's or the desktop's default is. Then the
// desktop sound servers, raw ALSA, and SDL as a last resort.
const QStringList kDefaultDrivers = {QStringLiteral("jack"), QStringLiteral("pulseaudio"),
                                     QStringLiteral("pipewire"), QStringLiteral("alsa"),
                                     QStringLiteral("sdl2")};

/**
 * Whether trying `driver` again could find something new. A sound server
 * appears as a socket, so its absence is checked without asking the driver,
 * which would print the same errors every retry; devices behind ALSA or SDL
 * are tried at start only.
 */
bool worthRetrying(const QString& driver) {
  const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
  if (driver == QLatin1String("pulseaudio"))
    return qEnvironmentVariableIsSet("PULSE_SERVER") ||
           QFileInfo::exists(runtime + QStringLiteral("/pulse/native"));
  if (driver == QLatin1String("pipewire")) return QFileInfo::exists(runtime + QStringLiteral("/pipewire-0"));
  return driver == QLatin1String("jack");  // Synth asks for a server quietly first
}

}  // namespace

AudioEngine::AudioEngine(QObject* parent) : QObject(parent) {
  watch_timer_.setInterval(1000);
  connect(&watch_timer_, &QTimer::timeout, this, &AudioEngine::watch);
}

AudioEngine::~AudioEngine() {
  jobs_.waitForAll();  // a render reads the synth
  scheduler_.stop();
  outputs_.set_first(nullptr);
  outputs_.set_second(nullptr);
}

QString AudioEngine::stateText() const {
  switch (state_) {
    case State::Off:
      return tr("Sound: off");
    case State::Loading:
      return tr("Sound: loading…");
    case State::Ready:
      return tr("Sound: %1").arg(text_);
    case State::NoOutput:
      return lost_ ? tr("Sound: the %1 server stopped — waiting for it").arg(text_)
                   : tr("No audio device — WAV export still works");
    case State::NoSoundfont:
      return tr("No soundfont — no sound");
  }
  return {};
}

QString AudioEngine::openOutput(musa::Synth& synth, const QStringList& drivers, bool retry) {
  for (const QString& driver : drivers.isEmpty() ? kDefaultDrivers : drivers)
    if ((!retry || worthRetrying(driver)) && synth.start_audio(driver.toStdString()).ok()) return driver;
  return {};
}

AudioEngine::Loaded AudioEngine::load(const std::string& soundfont, bool open_output,
                                      const QStringList& drivers, bool autoconnect) {
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
  loaded.synth->set_jack_autoconnect(autoconnect);
  loaded.driver = openOutput(*loaded.synth, drivers, false);
  if (loaded.driver.isEmpty())
    loaded.error =
        tr("No audio output: takes can still be exported and rendered to WAV. "
           "Musa keeps looking, so a sound server started now is picked up.");
  return loaded;
}

void AudioEngine::start(const QString& soundfont, bool open_output) {
  if (loading_ || synth_) return;  // once: a synth in use is never replaced under live MIDI
  // libjack would otherwise try to start a JACK server and hang for seconds.
  qputenv("JACK_NO_START_SERVER", "1");
  state_ = State::Loading;
  loading_ = true;
  open_output_ = open_output;
  jobs_.run(
      this,
      [path = soundfont.toStdString(), open_output, drivers = drivers_, autoconnect = jack_autoconnect_] {
        return load(path, open_output, drivers, autoconnect);
      },
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
  synth_->set_gain(musa::Synth::volume_gain(volume_));
  synth_->set_jack_autoconnect(jack_autoconnect_);
  synth_sink_ = std::make_unique<musa::SynthSink>(*synth_);
  if (to_synth_) outputs_.set_first(synth_sink_.get());
  driver_ = loaded.driver;
  since_try_.start();
  if (open_output_) watch_timer_.start();
  if (pending_) {
    Pending waiting = std::move(*pending_);
    pending_.reset();
    scheduler_.play(std::move(waiting.messages), waiting.length, waiting.loop);
  }
  if (synth_->audio_running()) {
    state_ = State::Ready;
    setStateText();
    emit outputReady(driver_);
  } else {
    state_ = State::NoOutput;
    emit outputUnavailable(loaded.error);
  }
}

void AudioEngine::setStateText() {
  text_ = state_ == State::Ready ? QString::fromStdString(synth_->output_description()) : text_;
}

void AudioEngine::watch() {
  if (!synth_ || reopening_) return;
  if (state_ == State::Ready && synth_->audio_lost()) {
    // The server went away: FluidSynth's driver now plays into nothing.
    state_ = State::NoOutput;
    lost_ = true;
    text_ = QStringLiteral("JACK");
    emit outputChanged();
    emit outputLost(tr("The JACK server stopped: no sound until it is back (Musa keeps looking)."));
    reopen();
    return;
  }
  if (state_ == State::Ready) {
    const QString before = text_;
    setStateText();  // a patchbay may have moved the connections
    if (text_ != before) emit outputChanged();
    return;
  }
  if (state_ == State::NoOutput && since_try_.elapsed() >= kRetryMs) reopen();
}

void AudioEngine::reopen() {
  if (!synth_ || reopening_ || !open_output_) return;
  reopening_ = true;
  since_try_.start();
  jobs_.run(
      this,
      [synth = synth_.get(), drivers = drivers_] {
        synth->stop_audio();  // a lost driver first: its dead JACK client is only freed
        return openOutput(*synth, drivers, true);
      },
      [this](const QString& driver) {
        reopening_ = false;
        since_try_.start();
        if (driver.isEmpty()) {
          if (state_ == State::Ready) {  // a reconnect (autoconnect toggled) that found nothing
            state_ = State::NoOutput;
            emit outputChanged();
          }
          return;
        }
        driver_ = driver;
        state_ = State::Ready;
        lost_ = false;
        setStateText();
        emit outputChanged();
      },
      QThread::LowPriority);  // a look for a device never competes with playback or the UI
}

void AudioEngine::setVolume(double volume) {
  volume_ = std::clamp(volume, 0.0, 1.5);
  if (synth_) synth_->set_gain(musa::Synth::volume_gain(volume_));
}

void AudioEngine::setJackAutoconnect(bool on) {
  if (on == jack_autoconnect_) return;
  jack_autoconnect_ = on;
  if (!synth_) return;  // the load applies it
  synth_->set_jack_autoconnect(on);
  // FluidSynth connects only when it opens: reopen a JACK output now.
  if (state_ == State::Ready && driver_ == QLatin1String("jack")) reopen();
}

void AudioEngine::play(const musa::NoteSequence& notes, double length, bool loop, double click_qpm) {
  musa::SequenceOptions options;
  options.end = length;
  std::vector<musa::TimedMessage> messages = musa::sequence_messages(notes, options);
  if (click_qpm > 0) messages = musa::with_clicks(std::move(messages), click_qpm, length);
  if (state_ == State::Loading && to_synth_) {
    scheduler_.stop();
    pending_ = Pending{std::move(messages), length, loop};
    emit waitingForSound();
    return;
  }
  pending_.reset();
  scheduler_.play(std::move(messages), length, loop);
  if (state_ == State::NoOutput) reopen();  // a server started since the last look sounds now
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
