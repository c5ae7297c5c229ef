#include "ui/generate/generationcontrols.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSettings>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QToolBar>
#include <QToolButton>
#include <cmath>
#include <iterator>

#include "core/audio/gm_programs.h"
#include "core/music/melody.h"
#include "core/music/spelling.h"
#include "core/project/project.h"
#include "ui/app/fieldfocus.h"
#include "ui/app/icons.h"

namespace {
constexpr double kTemperatureStep = 0.05;

QLabel* caption(const QString& text, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  label->setObjectName(QStringLiteral("controlCaption"));
  return label;
}

QSpinBox* spinBox(int lo, int hi, int value, QWidget* parent) {
  auto* box = new QSpinBox(parent);
  box->setRange(lo, hi);
  box->setValue(value);
  box->setAccelerated(true);
  box->setKeyboardTracking(false);
  return box;
}
}  // namespace

GenerationControls::GenerationControls(QObject* parent) : QObject(parent) {}

void GenerationControls::addTo(QToolBar* first, QToolBar* form, QToolBar* key, QToolBar* second) {
  temperature_ = new QSlider(Qt::Horizontal, first);
  temperature_->setRange(int(std::lround(musa::kMinTemperature / kTemperatureStep)),
                         int(std::lround(musa::kMaxTemperature / kTemperatureStep)));
  temperature_->setValue(20);
  temperature_->setFixedWidth(130);
  temperature_->setToolTip(tr("Temperature: lower stays closer to the primer, higher is wilder"));
  temperature_value_ = new QLabel(first);
  temperature_value_->setMinimumWidth(34);
  first->addWidget(caption(tr("Temperature"), first));
  first->addWidget(temperature_);
  first->addWidget(temperature_value_);
  updateTemperatureLabel();
  connect(temperature_, &QSlider::valueChanged, this, [this] {
    updateTemperatureLabel();
    emit settingsChanged();
  });

  qpm_ = spinBox(int(musa::kMinQpm), int(musa::kMaxQpm), 120, form);
  qpm_->setSuffix(tr(" qpm"));
  qpm_->setToolTip(
      tr("Tempo in quarter notes per minute: playback, export, and the note density the model hears"));
  bars_ = spinBox(1, musa::kMaxBars, 8, form);
  bars_->setToolTip(tr("Bars to generate after the primer"));
  takes_ = spinBox(1, musa::kMaxTakes, 10, form);
  takes_->setToolTip(tr("How many takes to generate at once"));
  form->addWidget(caption(tr("Tempo"), form));
  form->addWidget(qpm_);
  form->addWidget(caption(tr("Bars"), form));
  form->addWidget(bars_);
  form->addWidget(caption(tr("Takes"), form));
  form->addWidget(takes_);
  connect(qpm_, &QSpinBox::valueChanged, this, [this](int qpm) {
    emit qpmChanged(qpm);
    emit settingsChanged();
  });
  for (QSpinBox* box : {bars_, takes_})
    connect(box, &QSpinBox::valueChanged, this, &GenerationControls::settingsChanged);

  key_ = new QComboBox(key);
  key_->addItem(QString(), -1);
  for (int tonic = 0; tonic < 12; ++tonic) key_->addItem(QString(), tonic);
  key_->setObjectName(QStringLiteral("keyMenu"));
  key_->setToolTip(
      tr("The key the takes are in. Auto: the primer's. Another key: the model's notes are moved "
         "into it, degree for degree. Stay in key also keeps every note on its scale."));
  key_->setMinimumContentsLength(12);
  mode_ = new QComboBox(key);
  for (musa::Mode mode : musa::all_modes()) mode_->addItem(modeName(mode), int(mode));
  mode_->setObjectName(QStringLiteral("modeMenu"));
  mode_->setMinimumContentsLength(11);
  stay_in_key_ = new QCheckBox(tr("Stay in key"), key);
  stay_in_key_->setToolTip(tr("Only notes of the key's scale are sampled (Auto: the primer's key)"));
  key->addWidget(caption(tr("Key"), key));
  key->addWidget(key_);
  key->addWidget(mode_);
  key->addWidget(stay_in_key_);
  setEstimatedKey({});
  updateKeyMenus();
  connect(key_, &QComboBox::currentIndexChanged, this, [this] {
    updateKeyMenus();
    emit settingsChanged();
  });
  connect(mode_, &QComboBox::currentIndexChanged, this, [this] {
    chosen_mode_ = musa::Mode(mode_->currentData().toInt());  // only the musician changes it (enabled)
    updateKeyMenus();
    emit settingsChanged();
  });
  connect(stay_in_key_, &QCheckBox::toggled, this, &GenerationControls::settingsChanged);

  seed_lock_ = new QToolButton(second);
  seed_lock_->setCheckable(true);
  seed_lock_->setObjectName(QStringLiteral("seedLock"));
  seed_ = new QLineEdit(second);
  seed_->setPlaceholderText(tr("random"));
  seed_->setValidator(
      new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,19}")), seed_));
  seed_->setFixedWidth(150);
  second->addWidget(caption(tr("Seed"), second));
  second->addWidget(seed_lock_);
  second->addWidget(seed_);
  updateSeedLock();
  connect(seed_lock_, &QToolButton::toggled, this, [this] {
    updateSeedLock();
    emit settingsChanged();
  });
  connect(seed_, &QLineEdit::editingFinished, this, &GenerationControls::settingsChanged);

  program_ = new QComboBox(second);
  fillPrograms(program_);
  // As wide as most names, not the longest: the toolbar must fit a small screen.
  program_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  program_->setMinimumContentsLength(18);
  program_->setToolTip(tr("General MIDI instrument for listening; each take can override it"));
  second->addSeparator();
  second->addWidget(caption(tr("Instrument"), second));
  second->addWidget(program_);
  connect(program_, &QComboBox::currentIndexChanged, this, &GenerationControls::settingsChanged);
}

void GenerationControls::watchFocus(FieldFocus* focus) {
  for (QSpinBox* box : {qpm_, bars_, takes_}) focus->watch(box);
  focus->watch(seed_);
  for (QComboBox* box : {key_, mode_, program_}) focus->watch(box);
  connect(temperature_, &QSlider::sliderReleased, focus, &FieldFocus::goHome);
}

void GenerationControls::updateTemperatureLabel() {
  temperature_value_->setText(QString::number(temperature_->value() * kTemperatureStep, 'f', 2));
}

void GenerationControls::updateSeedLock() {
  const bool locked = seed_lock_->isChecked();
  seed_lock_->setIcon(Icons::lock(locked));
  seed_lock_->setToolTip(
      locked ? tr("Seed locked: the same settings give the same takes (click for a random seed)")
             : tr("Random seed each time (click to lock the seed shown)"));
  seed_->setReadOnly(!locked);
  seed_->setToolTip(locked ? tr("The seed every generation uses") : tr("The seed the last generation used"));
}

musa::GenerationSettings GenerationControls::settings() const {
  musa::GenerationSettings s;
  s.temperature = temperature_->value() * kTemperatureStep;
  s.qpm = qpm_->value();
  s.bars = bars_->value();
  s.takes = takes_->value();
  s.key = key_->currentData().toInt();
  s.mode = chosen_mode_;
  s.stay_in_key = stay_in_key_->isChecked();
  s.seed_locked = seed_lock_->isChecked();
  s.seed = seed_->text().toULongLong();
  s.program = program_->currentIndex();
  return s;
}

void GenerationControls::setSettings(const musa::GenerationSettings& settings) {
  const musa::GenerationSettings s = musa::clamped(settings);
  temperature_->setValue(int(std::lround(s.temperature / kTemperatureStep)));
  qpm_->setValue(int(std::lround(s.qpm)));
  bars_->setValue(s.bars);
  takes_->setValue(s.takes);
  const bool mode_changed = chosen_mode_ != s.mode;
  chosen_mode_ = s.mode;
  key_->setCurrentIndex(key_->findData(s.key));
  updateKeyMenus();
  if (mode_changed) emit settingsChanged();
  stay_in_key_->setChecked(s.stay_in_key);
  seed_lock_->setChecked(s.seed_locked);
  // A random seed that was never used shows the placeholder, not a meaningless 0.
  seed_->setText(s.seed_locked || s.seed != 0 ? QString::number(s.seed) : QString());
  program_->setCurrentIndex(s.program);
}

void GenerationControls::readSettings(const QSettings& settings) {
  const QByteArray json = settings.value(QStringLiteral("generation/settings")).toByteArray();
  if (json.isEmpty()) return;
  // The settings travel as a project with no notes, so one loader checks them.
  const auto project = musa::project_from_json(json.toStdString(), "settings");
  if (project.ok()) setSettings(project->settings);
}

void GenerationControls::writeSettings(QSettings& settings) const {
  musa::Project only_settings;
  only_settings.settings = this->settings();
  settings.setValue(QStringLiteral("generation/settings"),
                    QByteArray::fromStdString(musa::project_to_json(only_settings)));
}

void GenerationControls::showUsedSeed(uint64_t seed) {
  if (!seed_lock_->isChecked()) seed_->setText(QString::number(seed));
}

void GenerationControls::setEstimatedKey(const musa::Key& key) {
  estimated_mode_ = key.mode;
  key_->setItemText(0, tr("Auto (%1)").arg(keyName(key)));
  updateKeyMenus();
}

void GenerationControls::updateKeyMenus() {
  // Auto takes the primer's mode too (the estimate names major or minor): the mode menu shows it, greyed,
  // and waits for a tonic; with one it shows the musician's mode again.
  const bool automatic = key_->currentData().toInt() < 0;
  const musa::Mode mode = automatic ? estimated_mode_ : chosen_mode_;
  {
    const QSignalBlocker quiet(mode_);  // showing the estimate is not the musician's choice
    mode_->setCurrentIndex(mode_->findData(int(mode)));
  }
  for (int tonic = 0; tonic < 12; ++tonic) key_->setItemText(tonic + 1, tonicName({tonic, mode}));
  mode_->setEnabled(!automatic);
  mode_->setToolTip(automatic ? tr("The mode of the key: choose a tonic first (Auto takes the primer's)")
                              : tr("The mode of the key: its scale (Stay in key keeps the takes on it)"));
}

QString GenerationControls::tonicName(const musa::Key& key) {
  // Every spelling a tonic gets (musa::tonic_name), so each can be translated (Spanish: Mi♭, Fa♯).
  static const char* const kNames[] = {QT_TR_NOOP("C"),  QT_TR_NOOP("C♯"), QT_TR_NOOP("D♭"), QT_TR_NOOP("D"),
                                       QT_TR_NOOP("D♯"), QT_TR_NOOP("E♭"), QT_TR_NOOP("E"),  QT_TR_NOOP("F"),
                                       QT_TR_NOOP("F♯"), QT_TR_NOOP("G♭"), QT_TR_NOOP("G"),  QT_TR_NOOP("G♯"),
                                       QT_TR_NOOP("A♭"), QT_TR_NOOP("A"),  QT_TR_NOOP("A♯"), QT_TR_NOOP("B♭"),
                                       QT_TR_NOOP("B"),  QT_TR_NOOP("C♭")};
  const std::string name = musa::tonic_name(key);
  for (const char* known : kNames)
    if (name == known) return tr(known);
  return QString::fromStdString(name);
}

QString GenerationControls::modeName(musa::Mode mode) {
  static const char* const kModes[] = {QT_TR_NOOP("major"),
                                       QT_TR_NOOP("natural minor"),
                                       QT_TR_NOOP("harmonic minor"),
                                       QT_TR_NOOP("melodic minor"),
                                       QT_TR_NOOP("dorian"),
                                       QT_TR_NOOP("mixolydian"),
                                       QT_TR_NOOP("major pentatonic"),
                                       QT_TR_NOOP("minor pentatonic"),
                                       QT_TR_NOOP("blues")};
  static_assert(std::size(kModes) == musa::kModeCount);
  return tr(kModes[size_t(mode)]);
}

QString GenerationControls::keyName(const musa::Key& key) {
  // A key is called "C minor", not "C natural minor", as musicians (and musa::key_name) say.
  const QString tonic = tonicName(key);
  switch (key.mode) {
    case musa::Mode::major:
      return tr("%1 major").arg(tonic);
    case musa::Mode::natural_minor:
      return tr("%1 minor").arg(tonic);
    default:
      return tr("%1 %2", "tonic and mode: D dorian").arg(tonic, modeName(key.mode));
  }
}

QString GenerationControls::noteLabel(int pitch, int step, const musa::Key& key) {
  const musa::SpelledPitch spelled = musa::spell_pitch(pitch, key);
  const QString name = QString::fromStdString(musa::spelled_name(spelled)) + QString::number(spelled.octave);
  constexpr int kStepsPerBeat = musa::kStepsPerBar / 4;  // 16ths in a quarter: the grid is 4/4
  const int bar = step / musa::kStepsPerBar + 1, beat = step % musa::kStepsPerBar / kStepsPerBeat + 1;
  const int sixteenths = step % kStepsPerBeat;
  if (sixteenths == 0) return tr("%1, bar %2 beat %3").arg(name).arg(bar).arg(beat);
  return tr("%1, bar %2 beat %3 + %4/16").arg(name).arg(bar).arg(beat).arg(sixteenths);
}

QString GenerationControls::programName(int program) {
  return QStringLiteral("%1 %2").arg(program + 1).arg(QString::fromStdString(musa::gm_program_name(program)));
}

void GenerationControls::fillPrograms(QComboBox* box) {
  for (int program = 0; program < 128; ++program) box->addItem(programName(program), program);
  box->setMaxVisibleItems(20);
}
