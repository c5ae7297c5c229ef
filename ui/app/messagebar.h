#pragma once
// MessageBar: a non-modal strip under the toolbar for recoverable trouble
// ("No audio output: takes can still be exported…"). It says what still
// works and can be dismissed; it never blocks the window.

#include <QFrame>

class QLabel;
class QToolButton;

class MessageBar : public QFrame {
  Q_OBJECT
 public:
  explicit MessageBar(QWidget* parent = nullptr);
  void showMessage(const QString& text);
  QString text() const;

 private:
  QLabel* label_;
  QToolButton* close_;
};
