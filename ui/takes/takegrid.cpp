#include "ui/takes/takegrid.h"

#include <QGridLayout>
#include <QResizeEvent>
#include <algorithm>
#include <numeric>

#include "ui/generate/generationcontrols.h"
#include "ui/takes/miniroll.h"
#include "ui/takes/takecard.h"
#include "ui/takes/takesdocument.h"

TakeGrid::TakeGrid(TakesDocument* document, QWidget* parent)
    : QWidget(parent), document_(document), layout_(new QGridLayout(this)) {
  layout_->setContentsMargins(10, 4, 10, 10);
  layout_->setSpacing(10);
  // A click on a card (or between cards) brings the keyboard here: 1…0, Space and K act on the takes.
  setFocusPolicy(Qt::ClickFocus);
  connect(document_, &TakesDocument::reset, this, &TakeGrid::showAll);
  connect(document_, &TakesDocument::takeChanged, this, &TakeGrid::showTake);
  connect(document_, &TakesDocument::currentChanged, this, &TakeGrid::showCurrent);
  showAll();
}

TakeCard* TakeGrid::card(int index) const {
  return index >= 0 && index < int(cards_.size()) ? cards_[size_t(index)] : nullptr;
}

QSize TakeGrid::minimumSizeHint() const {
  // One column wide (the grid reflows rather than widen the window), as tall as the rows of the
  // columns now: a grid too tall for the window scrolls instead of squeezing its cards.
  const QMargins m = layout_->contentsMargins();
  const QSize card = cards_.empty() ? QSize(0, 0) : cards_.front()->minimumSizeHint();
  const int rows = std::max(1, (int(shown_.size()) + columns_ - 1) / columns_);
  return {card.width() + m.left() + m.right(),
          rows * card.height() + (rows - 1) * layout_->verticalSpacing() + m.top() + m.bottom()};
}

int TakeGrid::columnsFor(int width) const {
  if (cards_.empty()) return kColumns;
  const QMargins m = layout_->contentsMargins();
  const int card = cards_.front()->minimumSizeHint().width(), spacing = layout_->horizontalSpacing();
  const int fit = (width - m.left() - m.right() + spacing) / std::max(1, card + spacing);
  return std::clamp(fit, 1, kColumns);
}

void TakeGrid::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  if (const int columns = columnsFor(event->size().width()); columns != columns_) reflow(columns);
}

void TakeGrid::reflow(int columns) {
  columns_ = columns;
  updateGeometry();  // the minimum height follows the rows
  for (TakeCard* c : cards_) layout_->removeWidget(c);
  shown_ = orderedCards();
  std::vector<bool> shown(cards_.size(), false);
  const int count = int(shown_.size());
  for (int i = 0; i < count; ++i) {
    layout_->addWidget(cards_[size_t(shown_[size_t(i)])], i / columns, i % columns);
    shown[size_t(shown_[size_t(i)])] = true;
  }
  for (size_t i = 0; i < cards_.size(); ++i) cards_[i]->setVisible(shown[i]);
  // Equal stretch and no minimum of their own: a longer label on one card never widens its column.
  for (int c = 0; c < std::max(kColumns, layout_->columnCount()); ++c)
    layout_->setColumnStretch(c, c < columns ? 1 : 0);
  for (int r = 0; r < layout_->rowCount(); ++r) layout_->setRowStretch(r, r * columns < count ? 1 : 0);
}

std::vector<int> TakeGrid::orderedCards() const {
  std::vector<int> filled, empty;
  std::vector<musa::TakeReport> reports;
  for (int i = 0; i < cardCount(); ++i) {
    const musa::SessionTake* take = document_->session().at(i);
    if (take && !take->empty()) {
      filled.push_back(i);
      reports.push_back(report(i));
    } else {
      empty.push_back(i);
    }
  }
  std::vector<int> picks(filled.size());
  std::iota(picks.begin(), picks.end(), 0);
  if (metric_) picks = musa::order_takes(reports, *metric_, descending_);
  if (hide_copies_) {
    const std::vector<int> kept = musa::takes_not_copying(reports);
    std::erase_if(picks, [&](int p) { return std::find(kept.begin(), kept.end(), p) == kept.end(); });
  }
  std::vector<int> order;
  for (int p : picks) order.push_back(filled[size_t(p)]);
  order.insert(order.end(), empty.begin(), empty.end());
  return order;
}

void TakeGrid::reorder() {
  if (showing_all_ || orderedCards() == shown_) return;
  reflow(columns_);
  emit orderChanged();
}

void TakeGrid::setOrder(std::optional<musa::TakeMetric> metric, bool descending, bool hide_copies) {
  metric_ = metric;
  descending_ = descending;
  hide_copies_ = hide_copies;
  for (int i = 0; i < cardCount(); ++i)  // each card shows the figure it is sorted by
    if (document_->session().has_take(i)) cards_[size_t(i)]->setReport(report(i), metric_);
  reorder();
}

int TakeGrid::hiddenCount() const { return cardCount() - int(shown_.size()); }

void TakeGrid::setOriginality(const SharedOriginality& index) {
  originality_ = index;
  for (int i = 0; i < cardCount(); ++i) showTake(i);
}

const musa::TakeReport& TakeGrid::report(int index) const {
  static const musa::TakeReport kNone;
  return index >= 0 && index < int(reports_.size()) ? reports_[size_t(index)] : kNone;
}

void TakeGrid::setBusy(int index, bool busy) {
  if (TakeCard* c = card(index)) c->setBusy(busy);
}

void TakeGrid::showAll() {
  showing_all_ = true;  // one reorder for all the cards, not one per card
  setCardCount(document_->session().size());
  for (int i = 0; i < cardCount(); ++i) showTake(i);
  showing_all_ = false;
  reorder();
  showCurrent();
}

void TakeGrid::showTake(int index) {
  TakeCard* c = card(index);
  const musa::SessionTake* take = document_->session().at(index);
  if (!c || !take) return;
  musa::TakeReport& report = reports_[size_t(index)];
  if (take->empty()) {
    report = {};
    c->clearTake();
    reorder();
    return;
  }
  report = musa::describe_take(take->take, originality_.get());
  c->setTake(take->take.melody.events, take->take.primer_steps);
  c->setReport(report, metric_);
  c->miniRoll()->setKey(take->take.key);
  c->setKept(take->kept);
  c->setLayered(take->layered);
  c->setProgramLabel(take->program >= 0 ? GenerationControls::programName(take->program) : QString());
  reorder();
}

void TakeGrid::showCurrent() {
  for (int i = 0; i < cardCount(); ++i) cards_[size_t(i)]->setCurrent(i == document_->current());
}

void TakeGrid::setCardCount(int count) {
  while (int(cards_.size()) > count) {
    delete cards_.back();
    cards_.pop_back();
  }
  reports_.resize(size_t(count));
  while (int(cards_.size()) < count) {
    auto* c = new TakeCard(int(cards_.size()), this);
    cards_.push_back(c);
    connectCard(c);
  }
  reflow(columnsFor(width()));
}

void TakeGrid::connectCard(TakeCard* c) {
  // The musician's edits of a take go to the document (undoable); the grid shows them when it says so.
  connect(c, &TakeCard::keepToggled, document_, &TakesDocument::setKept);
  connect(c, &TakeCard::layerToggled, document_, &TakesDocument::setLayered);
  connect(c, &TakeCard::programChosen, document_, &TakesDocument::setProgram);
  connect(c, &TakeCard::transposeRequested, document_, &TakesDocument::transpose);
  connect(c, &TakeCard::playClicked, this, &TakeGrid::playToggled);
  connect(c, &TakeCard::clicked, this, &TakeGrid::playToggled);  // clicking a take plays it
  connect(c, &TakeCard::clicked, this, [this] { setFocus(Qt::MouseFocusReason); });
  connect(c, &TakeCard::useAsPrimerRequested, this, &TakeGrid::useAsPrimerRequested);
  connect(c, &TakeCard::regenerateRequested, this, &TakeGrid::regenerateRequested);
  connect(c, &TakeCard::exportRequested, this, &TakeGrid::exportRequested);
  connect(c, &TakeCard::renderRequested, this, &TakeGrid::renderRequested);
  connect(c, &TakeCard::copyRequested, this, &TakeGrid::copyRequested);
  connect(c, &TakeCard::dragRequested, this, &TakeGrid::dragRequested);
  connect(c, &TakeCard::scoreRequested, this, &TakeGrid::scoreRequested);
}
