#include "ui/takegrid.h"

#include <QGridLayout>

#include "ui/takecard.h"

TakeGrid::TakeGrid(QWidget* parent) : QWidget(parent), layout_(new QGridLayout(this)) {
  layout_->setContentsMargins(10, 4, 10, 10);
  layout_->setSpacing(10);
  for (int c = 0; c < kColumns; ++c) layout_->setColumnStretch(c, 1);
}

void TakeGrid::setCardCount(int count) {
  while (int(cards_.size()) > count) {
    delete cards_.back();
    cards_.pop_back();
  }
  while (int(cards_.size()) < count) {
    const int index = int(cards_.size());
    auto* card = new TakeCard(index, this);
    layout_->addWidget(card, index / kColumns, index % kColumns);
    cards_.push_back(card);
    emit cardAdded(card);
  }
  for (int r = 0; r < layout_->rowCount(); ++r) layout_->setRowStretch(r, r * kColumns < count ? 1 : 0);
}

TakeCard* TakeGrid::card(int index) const {
  return index >= 0 && index < int(cards_.size()) ? cards_[size_t(index)] : nullptr;
}
