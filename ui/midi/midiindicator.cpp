#include "ui/midi/midiindicator.h"

#include "ui/app/theme.h"
#include "ui/midi/midicontroller.h"

MidiIndicator::MidiIndicator(MidiController* controller, QMenu* menu, QWidget* parent)
    : QToolButton(parent), controller_(controller) {
  setObjectName(QStringLiteral("midiButton"));
  setMenu(menu);
  setPopupMode(QToolButton::InstantPopup);
  connect(controller_, &MidiController::statusChanged, this, &MidiIndicator::showStatus);
  showStatus(controller_->statusText());
}

void MidiIndicator::showStatus(const QString& text) {
  setToolTip(text);
  const QColor dot = controller_->inputOpen() ? Theme::accent() : Theme::dimText().darker(140);
  setText(tr("MIDI") + QStringLiteral(" ●"));
  setStyleSheet(QStringLiteral("QToolButton { color: %1; }").arg(dot.name()));
}
