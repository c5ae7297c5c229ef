#include "ui/takes/takeorderbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QToolButton>
#include <algorithm>
#include <iterator>

namespace {
using musa::TakeMetric;

/** The sort menu's metrics with their names; -1 is the take number. Settings store the position's id. */
struct MetricEntry {
  int metric;  ///< a TakeMetric, or -1: by take number
  const char* id;
  const char* name;
  bool descending;  ///< the direction that puts the likely pick first
};

constexpr MetricEntry kMetrics[] = {
    {-1, "number", QT_TRANSLATE_NOOP("TakeOrderBar", "Take number"), false},
    {int(TakeMetric::copied_bars), "copied_bars",
     QT_TRANSLATE_NOOP("TakeOrderBar", "Bars copied from training"), false},
    {int(TakeMetric::log_likelihood_per_step), "likelihood", QT_TRANSLATE_NOOP("TakeOrderBar", "Likelihood"),
     true},
    {int(TakeMetric::in_key), "in_key", QT_TRANSLATE_NOOP("TakeOrderBar", "Notes in key"), true},
    {int(TakeMetric::key_correlation), "key_fit", QT_TRANSLATE_NOOP("TakeOrderBar", "Fit to the key"), true},
    {int(TakeMetric::range), "range", QT_TRANSLATE_NOOP("TakeOrderBar", "Range"), true},
    {int(TakeMetric::notes_per_bar), "notes_per_bar", QT_TRANSLATE_NOOP("TakeOrderBar", "Notes per bar"),
     true},
    {int(TakeMetric::repeated_patterns), "repeats", QT_TRANSLATE_NOOP("TakeOrderBar", "Repeated figures"),
     true},
    {int(TakeMetric::primer_intervals), "primer_intervals",
     QT_TRANSLATE_NOOP("TakeOrderBar", "Like the primer: intervals"), true},
    {int(TakeMetric::primer_pitch_classes), "primer_pitch_classes",
     QT_TRANSLATE_NOOP("TakeOrderBar", "Like the primer: pitch classes"), true},
};
}  // namespace

TakeOrderBar::TakeOrderBar(QWidget* parent) : QWidget(parent) {
  sort_ = new QComboBox(this);
  sort_->setObjectName(QStringLiteral("sortTakesMenu"));
  for (const MetricEntry& entry : kMetrics) sort_->addItem(tr(entry.name), entry.metric);
  sort_->setToolTip(tr("The order the cards are shown in; take numbers and their keys stay"));
  sort_->setFocusPolicy(Qt::NoFocus);  // digits and Space belong to the take grid
  direction_ = new QToolButton(this);
  direction_->setObjectName(QStringLiteral("sortDirection"));
  direction_->setCheckable(true);
  direction_->setAutoRaise(true);
  direction_->setFocusPolicy(Qt::NoFocus);
  hide_copies_ = new QCheckBox(tr("Hide takes that copy training songs"), this);
  hide_copies_->setObjectName(QStringLiteral("hideCopiesBox"));
  hide_copies_->setToolTip(
      tr("Hides every take that shares 2 bars or more with a song the model learned from"));
  hide_copies_->setFocusPolicy(Qt::NoFocus);
  auto* caption = new QLabel(tr("Sort by"), this);
  caption->setObjectName(QStringLiteral("controlCaption"));

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);
  layout->addWidget(caption);
  layout->addWidget(sort_);
  layout->addWidget(direction_);
  layout->addSpacing(8);
  layout->addWidget(hide_copies_);
  updateDirection();

  connect(sort_, &QComboBox::activated, this, [this](int index) {
    // A new metric starts in the direction that puts the likely pick first (fewest copied bars, …).
    direction_->setChecked(kMetrics[size_t(index)].descending);
  });
  connect(sort_, &QComboBox::currentIndexChanged, this, [this] {
    updateDirection();
    emit changed();
  });
  connect(direction_, &QToolButton::toggled, this, [this] {
    updateDirection();
    emit changed();
  });
  connect(hide_copies_, &QCheckBox::toggled, this, &TakeOrderBar::changed);
}

std::optional<musa::TakeMetric> TakeOrderBar::metric() const {
  const int metric = sort_->currentData().toInt();
  if (metric < 0) return std::nullopt;
  return TakeMetric(metric);
}

bool TakeOrderBar::descending() const { return direction_->isChecked(); }
bool TakeOrderBar::hideCopies() const { return hide_copies_->isChecked(); }

void TakeOrderBar::setOrder(std::optional<musa::TakeMetric> metric, bool descending, bool hide_copies) {
  sort_->setCurrentIndex(std::max(0, sort_->findData(metric ? int(*metric) : -1)));
  direction_->setChecked(descending);
  hide_copies_->setChecked(hide_copies);
}

void TakeOrderBar::setHiddenCount(int hidden) {
  hide_copies_->setText(hidden > 0 ? tr("Hide takes that copy training songs (%n hidden)", nullptr, hidden)
                                   : tr("Hide takes that copy training songs"));
}

void TakeOrderBar::updateDirection() {
  const bool by_number = sort_->currentData().toInt() < 0;
  direction_->setText(descending() ? QStringLiteral("↓") : QStringLiteral("↑"));
  direction_->setToolTip(descending() ? tr("Largest first (click for smallest first)")
                                      : tr("Smallest first (click for largest first)"));
  direction_->setVisible(!by_number);  // by number is 1, 2, 3 …: as the keys 1 … 0 go
}

void TakeOrderBar::readSettings(const QSettings& settings) {
  const QString id = settings.value(QStringLiteral("takes/sortBy")).toString();
  std::optional<musa::TakeMetric> metric;
  for (const MetricEntry& entry : kMetrics)
    if (id == QLatin1String(entry.id) && entry.metric >= 0) metric = TakeMetric(entry.metric);
  setOrder(metric, settings.value(QStringLiteral("takes/sortDescending"), true).toBool(),
           settings.value(QStringLiteral("takes/hideCopies"), false).toBool());
}

void TakeOrderBar::writeSettings(QSettings& settings) const {
  const auto* entry = std::begin(kMetrics) + std::max(0, sort_->currentIndex());
  settings.setValue(QStringLiteral("takes/sortBy"), QLatin1String(entry->id));
  settings.setValue(QStringLiteral("takes/sortDescending"), descending());
  settings.setValue(QStringLiteral("takes/hideCopies"), hideCopies());
}
