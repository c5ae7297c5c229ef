#include "ui/midi/jamstrip.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/app/theme.h"
#include "ui/takes/miniroll.h"

JamStrip::JamStrip(QWidget* parent)
    : QFrame(parent),
      state_(new QLabel(this)),
      roll_(new MiniRoll(this)),
      keep_(new QPushButton(tr("Keep as take"), this)) {
  setObjectName(QStringLiteral("jamStrip"));
  setFrameShape(QFrame::StyledPanel);
  auto* title = new QLabel(tr("Jam"), this);
  title->setStyleSheet(QStringLiteral("font-weight: bold;"));
  state_->setObjectName(QStringLiteral("jamState"));
  state_->setStyleSheet(QStringLiteral("color: %1;").arg(Theme::dimText().name()));
  state_->setMinimumWidth(state_->fontMetrics().horizontalAdvance(tr("Play a phrase, then pause")) + 8);
  roll_->setColor(Theme::accent());
  roll_->setMinimumHeight(48);
  roll_->setToolTip(tr("Your last phrase (grey) and Musa's answer"));
  keep_->setObjectName(QStringLiteral("jamKeepButton"));
  keep_->setToolTip(tr("Add the phrase and its answer to the takes"));
  keep_->setEnabled(false);

  auto* side = new QVBoxLayout;
  side->addWidget(title);
  side->addWidget(state_);
  side->addStretch();
  side->addWidget(keep_);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 4, 8, 4);
  layout->addLayout(side);
  layout->addWidget(roll_, 1);
  setFixedHeight(96);

  connect(keep_, &QPushButton::clicked, this, [this] {
    if (hasAnswer()) emit keepRequested(events(), phraseSteps());
  });
  setState(musa::JamState::Waiting);
}

QString JamStrip::stateText() const { return state_->text(); }

std::vector<int> JamStrip::events() const {
  std::vector<int> all = phrase_;
  all.insert(all.end(), answer_.begin(), answer_.end());
  return all;
}

void JamStrip::setState(musa::JamState state) {
  switch (state) {
    case musa::JamState::Waiting:
      state_->setText(tr("Play a phrase, then pause"));
      break;
    case musa::JamState::Listening:
      state_->setText(tr("Listening…"));
      break;
    case musa::JamState::Answering:
      state_->setText(tr("Thinking…"));
      break;  // the model is generating
    case musa::JamState::Playing:
      state_->setText(tr("Answering…"));
      break;
  }
}

void JamStrip::showExchange(const std::vector<int>& phrase, const std::vector<int>& answer) {
  phrase_ = phrase;
  answer_ = answer;
  roll_->setMelody(events(), phraseSteps());
  keep_->setEnabled(hasAnswer());
}
