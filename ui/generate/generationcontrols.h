#pragma once
// GenerationControls: the toolbar's settings widgets (temperature, tempo,
// bars, takes, key, seed, instrument) and the GenerationSettings they stand
// for. MainWindow places them in its toolbars.

#include <QObject>

#include "core/music/key.h"
#include "core/project/settings.h"

class FieldFocus;
class QCheckBox;
class QComboBox;
class QSettings;
class QLabel;
class QLineEdit;
class QSlider;
class QSpinBox;
class QToolBar;
class QToolButton;

class GenerationControls : public QObject {
  Q_OBJECT
 public:
  explicit GenerationControls(QObject* parent = nullptr);

  /**
   * Creates the widgets: temperature in `first`; tempo, bars and takes in
   * `form`; key in `key`; seed and instrument in `second`.
   */
  void addTo(QToolBar* first, QToolBar* form, QToolBar* key, QToolBar* second);
  /** Lets `focus` hand the keyboard back to the window from the text fields and menus. */
  void watchFocus(FieldFocus* focus);
  QSpinBox* tempoBox() const { return qpm_; }
  QSpinBox* barsBox() const { return bars_; }
  QSpinBox* takesBox() const { return takes_; }

  musa::GenerationSettings settings() const;
  void setSettings(const musa::GenerationSettings& settings);
  /** The settings the musician used last (QSettings "generation/settings"), checked like a project's. */
  void readSettings(const QSettings& settings);
  void writeSettings(QSettings& settings) const;
  /** Shows the seed the last random generation used, so it can be locked. */
  void showUsedSeed(uint64_t seed);
  /** The key estimated from the primer, shown as "Auto (G major)" or "Auto (D minor)". */
  void setEstimatedKey(const musa::Key& key);

  /** "G major", "F♯ minor", "D dorian": translated key names, the tonic spelled as the key writes it. */
  static QString keyName(const musa::Key& key);
  static QString keyName(int tonic, bool minor) {
    return keyName(musa::Key{tonic, minor ? musa::Mode::natural_minor : musa::Mode::major});
  }
  /** "E♭", "F♯": the key's tonic, translated. */
  static QString tonicName(const musa::Key& key);
  /** "harmonic minor", "dorian": the mode in words, translated. */
  static QString modeName(musa::Mode mode);
  /** "E♭4, bar 2 beat 3": a note's name as `key` spells it and where it starts (step 0: bar 1 beat 1). */
  static QString noteLabel(int pitch, int step, const musa::Key& key);
  /** "1 Acoustic Grand Piano" for program 0. */
  static QString programName(int program);
  /** Fills a combo box with the 128 General MIDI programs. */
  static void fillPrograms(QComboBox* box);

  QSlider* temperatureSlider() const { return temperature_; }
  QToolButton* seedLockButton() const { return seed_lock_; }

 signals:
  void settingsChanged();
  /** The tempo changed: playback and export follow it. */
  void qpmChanged(double qpm);

 private:
  void updateTemperatureLabel();
  void updateSeedLock();
  /** The tonics spelled for the chosen mode (C♯ minor but D♭ major); the mode menu only with a tonic. */
  void updateKeyMenus();

  QSlider* temperature_ = nullptr;
  QLabel* temperature_value_ = nullptr;
  QSpinBox* qpm_ = nullptr;
  QSpinBox* bars_ = nullptr;
  QSpinBox* takes_ = nullptr;
  QComboBox* key_ = nullptr;                       ///< "Auto (…)" or a tonic
  QComboBox* mode_ = nullptr;                      ///< the nine modes of musa::all_modes()
  musa::Mode chosen_mode_ = musa::Mode::major;     ///< the musician's mode (used with a tonic)
  musa::Mode estimated_mode_ = musa::Mode::major;  ///< the primer's, shown (greyed) under Auto
  QCheckBox* stay_in_key_ = nullptr;
  QToolButton* seed_lock_ = nullptr;
  QLineEdit* seed_ = nullptr;
  QComboBox* program_ = nullptr;
};
