#pragma once
// What the app is started with: chosen by musa_main's command line, by
// tests (a tiny model, no audio, a private data folder) or left default.

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

#include "core/midi/midi_backend.h"

struct AppOptions {
  /** Model file; empty: $MUSA_MODEL, else the shipped model (default_model_path). */
  QString model_path;
  /** SoundFont; empty: the shipped one (find_soundfont). */
  QString soundfont_path;
  /** Load the soundfont at all (tests that never listen skip the 24 MB load). */
  bool audio = true;
  /** Try to open a live audio device once the soundfont is loaded. */
  bool open_output = true;
  /** FluidSynth audio drivers to try, in order; empty: the usual list. Tests pin one ("jack"). */
  QStringList audio_drivers;
  /** Where autosaves go; empty: QStandardPaths::AppDataLocation. */
  QString data_folder;
  /** What to do with an autosave left by a session that did not end cleanly. */
  enum class Restore { Ask, Always, Never } restore = Restore::Ask;
  /** Makes the MIDI backend; empty: RtMidi (ALSA, or JACK when a server runs). Tests inject a fake. */
  std::function<std::unique_ptr<musa::MidiBackend>()> midi_backend;
  /** Read and write the remembered window state and settings (QSettings). */
  bool remember = true;
};
