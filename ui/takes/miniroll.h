#pragma once
// MiniRoll: a take at a glance — the primer in grey, the continuation in the
// take's colour, bar lines, and a playhead while it plays.

#include <QColor>
#include <QWidget>
#include <optional>
#include <vector>

#include "core/music/key.h"
#include "core/project/primer.h"

class MiniRoll : public QWidget {
  Q_OBJECT
 public:
  explicit MiniRoll(QWidget* parent = nullptr);

  /** Melody events (primer first) and how many of them are the primer; empty: no take yet. */
  void setMelody(std::vector<int> events, int primer_steps);
  void setColor(const QColor& color);
  /** The key the take was made in, for note names; none: estimated from the notes. */
  void setKey(std::optional<musa::Key> key);
  /** "E♭4, bar 2 beat 3" for the note under `pos`, empty where there is none. */
  QString noteToolTip(const QPoint& pos) const;
  /** Playhead at this fraction of the take, or hidden when < 0. */
  void setPlayhead(double fraction);
  double playhead() const { return playhead_; }
  QSize sizeHint() const override { return {220, 84}; }
  QSize minimumSizeHint() const override { return {120, 56}; }

 protected:
  bool event(QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;

 private:
  /** Where the notes are drawn: the pitch at the top and the size of a step and of a semitone. */
  struct Scale {
    int top = 0;
    double sx = 1, sy = 1;
  };
  Scale scaleFor(const std::vector<musa::PrimerNote>& notes) const;
  QRectF noteRect(const musa::PrimerNote& note, const Scale& scale) const;

  std::vector<int> events_;
  int primer_steps_ = 0;
  QColor color_;
  double playhead_ = -1;
  std::optional<musa::Key> key_;
};
