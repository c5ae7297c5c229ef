#include "ui/takes/takecard.h"

#include <QApplication>
#include <QCheckBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/generate/take_report.h"
#include "core/music/spelling.h"
#include "ui/app/actions.h"
#include "ui/app/icons.h"
#include "ui/app/theme.h"
#include "ui/generate/generationcontrols.h"
#include "ui/takes/miniroll.h"

namespace {
QToolButton* iconButton(const QIcon& icon, const QString& tip, QWidget* parent) {
  auto* button = new QToolButton(parent);
  button->setIcon(icon);
  button->setIconSize({18, 18});
  button->setToolTip(tip);
  button->setAutoRaise(true);
  button->setFocusPolicy(Qt::NoFocus);  // Space and digits belong to the window's actions
  return button;
}

/** "2.5": bars to one decimal, no ".0". */
QString barsText(double bars) { return QLocale().toString(std::round(bars * 10) / 10, 'g', 4); }

/** "E♭4": a pitch as the key spells it. */
QString pitchText(int pitch, const musa::Key& key) {
  const musa::SpelledPitch spelled = musa::spell_pitch(pitch, key);
  return QString::fromStdString(musa::spelled_name(spelled)) + QString::number(spelled.octave);
}

QString percent(double share) { return QString::number(int(std::lround(100 * share))); }
}  // namespace

TakeCard::TakeCard(int index, QWidget* parent) : QFrame(parent), index_(index) {
  setObjectName(QStringLiteral("takeCard"));
  setCursor(Qt::PointingHandCursor);
  number_ = new QLabel(QString::number(index + 1), this);
  number_->setObjectName(QStringLiteral("takeNumber"));
  number_->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::takeColor(index).name()));
  const QString key = Actions::takeKey(index).toString(QKeySequence::NativeText);
  play_ = iconButton(Icons::play(), key.isEmpty() ? tr("Play this take") : tr("Play this take (%1)").arg(key),
                     this);
  keep_ = iconButton(Icons::star(false), tr("Keep this take (K)"), this);
  keep_->setCheckable(true);
  more_ = iconButton(Icons::more(), tr("More for this take"), this);
  more_->setPopupMode(QToolButton::InstantPopup);
  layer_ = new QCheckBox(tr("Layer"), this);
  layer_->setObjectName(QStringLiteral("layerBox"));
  layer_->setToolTip(tr("Layer: ticked takes play together, each on its own instrument"));
  layer_->setFocusPolicy(Qt::NoFocus);
  program_ = new QLabel(this);
  program_->setObjectName(QStringLiteral("takeProgram"));
  program_->setStyleSheet(QStringLiteral("color: #7d8496; font-size: 11px;"));
  // An instrument name never widens the card (its column would grow and the window with it).
  program_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  originality_ = new QLabel(this);
  originality_->setObjectName(QStringLiteral("takeOriginality"));
  originality_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);  // never widens the card
  roll_ = new MiniRoll(this);
  roll_->setColor(Theme::takeColor(index));
  buildMenu();

  auto* header = header_ = new QHBoxLayout;
  header->setContentsMargins(0, 0, 0, 0);
  header->setSpacing(2);
  header->addWidget(number_);
  header->addSpacing(4);
  header->addWidget(play_);
  header->addWidget(program_, 1);
  header->addWidget(layer_);
  header->addWidget(keep_);
  header->addWidget(more_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 6, 8, 8);
  layout->setSpacing(4);
  layout->addLayout(header);
  layout->addWidget(originality_);
  layout->addWidget(roll_, 1);

  connect(play_, &QToolButton::clicked, this, [this] { emit playClicked(index_); });
  // The look follows the state (toggled); only a click is the musician's wish (clicked), so
  // showing the document's state never echoes back as a new edit.
  connect(keep_, &QToolButton::toggled, this, [this](bool on) {
    kept_ = on;
    keep_->setIcon(Icons::star(on));
    repolish();
  });
  connect(keep_, &QToolButton::clicked, this, [this](bool on) { emit keepToggled(index_, on); });
  connect(layer_, &QCheckBox::clicked, this, [this](bool on) { emit layerToggled(index_, on); });
  clearTake();
}

QSize TakeCard::minimumSizeHint() const {
  // As if every part of the header were shown: an empty card (its buttons hidden) is as wide as a
  // full one, so the grid's columns do not change when the takes arrive.
  const QMargins m = layout()->contentsMargins();
  int width = 4 + header_->spacing() * 5, height = 0;  // the gap after the number, between the six parts
  for (const QWidget* part : std::initializer_list<const QWidget*>{number_, play_, layer_, keep_, more_}) {
    width += part->sizeHint().width();
    height = std::max(height, part->sizeHint().height());
  }
  // The originality line counts even while hidden, so the rows keep their height when takes arrive.
  return {width + m.left() + m.right(), height + 2 * layout()->spacing() + originality_->sizeHint().height() +
                                            roll_->minimumSizeHint().height() + m.top() + m.bottom()};
}

void TakeCard::buildMenu() {
  menu_ = new QMenu(this);
  menu_->addAction(tr("Use as Primer"), this, [this] { emit useAsPrimerRequested(index_); });
  menu_->addAction(tr("Regenerate This Take"), this, [this] { emit regenerateRequested(index_); });
  menu_->addAction(tr("Show Score"), this, [this] { emit scoreRequested(index_); });
  menu_->addSeparator();
  menu_->addAction(tr("Export…"), this, [this] { emit exportRequested(index_); });  // MIDI or MusicXML
  menu_->addAction(tr("Render to WAV…"), this, [this] { emit renderRequested(index_); });
  menu_->addAction(tr("Copy as MIDI"), this, [this] { emit copyRequested(index_); });
  QMenu* transpose = menu_->addMenu(tr("Transpose"));
  transpose->setObjectName(QStringLiteral("transposeMenu"));
  const std::pair<const char*, int> steps[] = {{QT_TR_NOOP("Up a Semitone"), 1},
                                               {QT_TR_NOOP("Down a Semitone"), -1},
                                               {QT_TR_NOOP("Up an Octave"), 12},
                                               {QT_TR_NOOP("Down an Octave"), -12}};
  for (const auto& [text, semitones] : steps)
    transpose->addAction(tr(text), this,
                         [this, semitones = semitones] { emit transposeRequested(index_, semitones); });
  QMenu* instruments = menu_->addMenu(tr("Instrument"));
  instruments->addAction(tr("Same as the Window"), this, [this] { emit programChosen(index_, -1); });
  instruments->addSeparator();
  // General MIDI groups its 128 programs in 16 families of 8.
  static const char* const kFamilies[] = {QT_TR_NOOP("Piano"),         QT_TR_NOOP("Chromatic Percussion"),
                                          QT_TR_NOOP("Organ"),         QT_TR_NOOP("Guitar"),
                                          QT_TR_NOOP("Bass"),          QT_TR_NOOP("Strings"),
                                          QT_TR_NOOP("Ensemble"),      QT_TR_NOOP("Brass"),
                                          QT_TR_NOOP("Reed"),          QT_TR_NOOP("Pipe"),
                                          QT_TR_NOOP("Synth Lead"),    QT_TR_NOOP("Synth Pad"),
                                          QT_TR_NOOP("Synth Effects"), QT_TR_NOOP("Ethnic"),
                                          QT_TR_NOOP("Percussive"),    QT_TR_NOOP("Sound Effects")};
  for (int family = 0; family < 16; ++family) {
    QMenu* sub = instruments->addMenu(tr(kFamilies[family]));
    for (int program = family * 8; program < family * 8 + 8; ++program)
      sub->addAction(GenerationControls::programName(program), this,
                     [this, program] { emit programChosen(index_, program); });
  }
  more_->setMenu(menu_);
}

void TakeCard::setTake(std::vector<int> events, int primer_steps) {
  has_take_ = true;
  roll_->setMelody(std::move(events), primer_steps);
  for (QWidget* w : std::initializer_list<QWidget*>{play_, keep_, more_, layer_}) w->setVisible(true);
}

void TakeCard::setReport(const musa::TakeReport& report, std::optional<musa::TakeMetric> sorted_by) {
  QString line = originalityText(report);
  // The figure the cards are ordered by, so the order can be read (copied bars: the originality says it).
  if (sorted_by && *sorted_by != musa::TakeMetric::copied_bars)
    line += QStringLiteral(" · ") + metricText(report, *sorted_by);
  originality_->setText(line);
  originality_->setToolTip(reportDetails(report));
  // The theme colours a copy orange (QLabel#takeOriginality[copies]); a property, not a style sheet per
  // label, keeps a new grid of takes cheap to show.
  if (originality_->property("copies").toBool() != report.copies_training_song()) {
    originality_->setProperty("copies", report.copies_training_song());
    originality_->style()->unpolish(originality_);
    originality_->style()->polish(originality_);
  }
}

QString TakeCard::originalityText(const musa::TakeReport& report) {
  if (!report.originality) return tr("originality unknown");
  if (report.copies_training_song())
    return tr("copies %1 bars of %2")
        .arg(barsText(report.originality->bars()),
             QFileInfo(QString::fromStdString(report.originality->file)).completeBaseName());
  return tr("new");
}

QString TakeCard::metricText(const musa::TakeReport& r, musa::TakeMetric metric) {
  switch (metric) {
    case musa::TakeMetric::range:
      return tr("range %1 semitones").arg(r.range());
    case musa::TakeMetric::in_key:
      return tr("%1% in key").arg(percent(r.in_key));
    case musa::TakeMetric::key_correlation:
      return tr("key fit %1").arg(QString::number(r.key_correlation, 'f', 2));
    case musa::TakeMetric::notes_per_bar:
      return tr("%1 notes/bar").arg(QString::number(r.notes_per_bar, 'f', 1));
    case musa::TakeMetric::repeated_patterns:
      return tr("%1% repeated").arg(percent(r.repeated_patterns));
    case musa::TakeMetric::primer_intervals:
      return tr("intervals %1% like the primer").arg(percent(r.primer_intervals));
    case musa::TakeMetric::primer_pitch_classes:
      return tr("notes %1% like the primer").arg(percent(r.primer_pitch_classes));
    case musa::TakeMetric::log_likelihood_per_step:
      return tr("likelihood %1").arg(QString::number(r.log_likelihood_per_step, 'f', 2));
    case musa::TakeMetric::copied_bars:
      return r.originality ? tr("longest shared run %1 bars").arg(barsText(r.originality->bars()))
                           : tr("originality unknown");
  }
  return {};
}

QString TakeCard::reportDetails(const musa::TakeReport& r) {
  const QString key = GenerationControls::keyName(r.key);
  QStringList lines{tr("Why this take:")};
  if (r.notes > 0)
    lines << tr("Range: %1 semitones (%2 to %3)")
                 .arg(r.range())
                 .arg(pitchText(r.lowest, r.key), pitchText(r.highest, r.key));
  lines << tr("%1% of the notes in %2 (fit to the key: %3)")
               .arg(percent(r.in_key), key, QString::number(r.key_correlation, 'f', 2));
  lines << tr("%1 notes per bar").arg(QString::number(r.notes_per_bar, 'f', 1));
  lines << tr("%1% of its 4-note figures repeat an earlier one").arg(percent(r.repeated_patterns));
  lines << tr("Like the primer: intervals %1%, pitch classes %2%")
               .arg(percent(r.primer_intervals), percent(r.primer_pitch_classes));
  lines << tr("Likelihood: %1 nats per step (nearer 0: what the model expected most)")
               .arg(QString::number(r.log_likelihood_per_step, 'f', 2));
  if (!r.originality)
    lines << tr("Originality unknown: this model has no index of its training songs");
  else if (r.originality->file.empty())
    lines << tr("Shares no run of %1 notes on %2 pitches or more with a training song")
                 .arg(musa::kMinCopiedNotes)
                 .arg(musa::kMinCopiedPitches);
  else
    lines << tr("Longest run shared with a training song: %1 bars of %2")
                 .arg(barsText(r.originality->bars()), QString::fromStdString(r.originality->file));
  return lines.join(QLatin1Char('\n'));
}

void TakeCard::clearTake() {
  has_take_ = false;
  roll_->setMelody({}, 0);
  originality_->clear();
  originality_->setToolTip(QString());
  setPlaying(false);
  // An empty card shows only its number: there is nothing to play or keep yet.
  for (QWidget* w : std::initializer_list<QWidget*>{play_, keep_, more_, layer_}) w->setVisible(false);
  keep_->setChecked(false);
  layer_->setChecked(false);
}

void TakeCard::setKept(bool kept) {
  if (keep_->isChecked() != kept) keep_->setChecked(kept);
}

void TakeCard::setLayered(bool layered) { layer_->setChecked(layered); }
bool TakeCard::isLayered() const { return layer_->isChecked(); }
void TakeCard::setProgramLabel(const QString& text) {
  program_->setText(text);
  program_->setToolTip(text);  // the label may be cut short on a narrow card
}

void TakeCard::setPlaying(bool playing) {
  playing_ = playing;
  play_->setIcon(playing ? Icons::stop(Theme::playhead()) : Icons::play());
  if (!playing) roll_->setPlayhead(-1);
}

void TakeCard::setCurrent(bool current) {
  setProperty("current", current);
  repolish();
}

void TakeCard::setPlayhead(double fraction) { roll_->setPlayhead(fraction); }

void TakeCard::setBusy(bool busy) { roll_->setEnabled(!busy); }

void TakeCard::repolish() {
  setProperty("kept", kept_);
  style()->unpolish(this);
  style()->polish(this);
}

void TakeCard::mousePressEvent(QMouseEvent* event) {
  press_pos_ = event->position().toPoint();
  QFrame::mousePressEvent(event);
}

void TakeCard::mouseReleaseEvent(QMouseEvent* event) {
  // A click (not the end of a drag) on the card plays it, as UX.md promises.
  const bool click =
      (event->position().toPoint() - press_pos_).manhattanLength() < QApplication::startDragDistance();
  if (event->button() == Qt::LeftButton && click) emit clicked(index_);
  QFrame::mouseReleaseEvent(event);
}

void TakeCard::mouseMoveEvent(QMouseEvent* event) {
  if ((event->buttons() & Qt::LeftButton) && has_take_ &&
      (event->position().toPoint() - press_pos_).manhattanLength() >= QApplication::startDragDistance()) {
    emit dragRequested(index_);
    return;
  }
  QFrame::mouseMoveEvent(event);
}
