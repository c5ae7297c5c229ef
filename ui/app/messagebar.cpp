#include "ui/app/messagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent), label_(new QLabel(this)), close_(new QToolButton(this)) {
  setObjectName(QStringLiteral("messageBar"));
  label_->setWordWrap(true);
  label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  close_->setText(QStringLiteral("✕"));
  close_->setToolTip(tr("Dismiss"));
  close_->setAutoRaise(true);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(12, 6, 6, 6);
  layout->addWidget(label_, 1);
  layout->addWidget(close_);
  connect(close_, &QToolButton::clicked, this, &QWidget::hide);
  hide();
}

void MessageBar::showMessage(const QString& text) {
  label_->setText(text);
  show();
}

QString MessageBar::text() const { return isVisible() ? label_->text() : QString(); }
