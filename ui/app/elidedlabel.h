#pragma once
// A one-line label that, when narrower than its text, shows the text cut
// with "…" (its whole text stays the tooltip) instead of cut mid-word.

#include <QLabel>

class ElidedLabel : public QLabel {
  Q_OBJECT
 public:
  explicit ElidedLabel(QWidget* parent = nullptr);

  /** What is on screen at the label's current width. */
  QString shownText() const;

 protected:
  void paintEvent(QPaintEvent* event) override;
};
