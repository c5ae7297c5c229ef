#pragma once
// MiniRoll: a take at a glance — the primer in grey, the continuation in the
// take's colour, bar lines, and a playhead while it plays.

#include <QColor>
#include <QWidget>
#include <vector>

class MiniRoll : public QWidget {
  Q_OBJECT
 public:
  explicit MiniRoll(QWidget* parent = nullptr);

  /** Melody events (primer first) and how many of them are the primer; empty: no take yet. */
  void setMelody(std::vector<int> events, int primer_steps);
  void setColor(const QColor& color);
  /** Playhead at this fraction of the take, or hidden when < 0. */
  void setPlayhead(double fraction);
  double playhead() const { return playhead_; }
  QSize sizeHint() const override { return {220, 84}; }
  QSize minimumSizeHint() const override { return {120, 56}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  std::vector<int> events_;
  int primer_steps_ = 0;
  QColor color_;
  double playhead_ = -1;
};
