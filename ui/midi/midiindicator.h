#pragma once
// MidiIndicator: the toolbar's "MIDI ●" — lit while a keyboard is
// connected, dim otherwise, the MIDI status as its tooltip, and the MIDI
// menu when clicked.

#include <QToolButton>

class MidiController;
class QMenu;

class MidiIndicator : public QToolButton {
  Q_OBJECT
 public:
  MidiIndicator(MidiController* controller, QMenu* menu, QWidget* parent = nullptr);

 private:
  void showStatus(const QString& text);

  MidiController* controller_;
};
