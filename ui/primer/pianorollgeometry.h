#pragma once
// PianoRollGeometry: where steps and pitches are in the primer editor's
// viewport — a keyboard strip on the left, a ruler on top, one row per MIDI
// pitch (127 at the top) and one column per 16th step, scrolled. A value:
// the editor makes one from its zoom and scroll bars for each paint or
// gesture, so the painter and the gestures agree on every pixel.

#include <QPoint>
#include <QRect>

#include "core/project/primer.h"

class PianoRollGeometry {
 public:
  static constexpr int kKeyboardWidth = 56;
  static constexpr int kRulerHeight = 24;
  static constexpr int kRowHeight = 11;

  /** `step_width` pixels a 16th; the view scrolled by `scroll_x`, `scroll_y` pixels. */
  PianoRollGeometry(int step_width, int scroll_x, int scroll_y)
      : step_width_(step_width), scroll_x_(scroll_x), scroll_y_(scroll_y) {}

  int stepWidth() const { return step_width_; }
  /** The step (fractional) under viewport x. */
  double stepAt(int x) const { return double(x - kKeyboardWidth + scroll_x_) / step_width_; }
  /** The pitch of the row under viewport y, clamped to 0..127. */
  int pitchAt(int y) const;
  /** The viewport x of the line before `step`. */
  int stepX(double step) const { return kKeyboardWidth + int(step * step_width_) - scroll_x_; }
  /** The viewport rectangle of a note (for a pitch's row: any note of length 1). */
  QRect noteRect(const musa::PrimerNote& note) const;
  /** The row of `pitch` as a note one step long at step 0. */
  QRect rowRect(int pitch) const { return noteRect(musa::PrimerNote{0, pitch, 0, 1, 100}); }
  /** The centre of grid cell (step, pitch). */
  QPoint cellCenter(int step, int pitch) const {
    return noteRect(musa::PrimerNote{0, pitch, step, 1, 100}).center();
  }
  /** A point on the piano key of `pitch`. */
  QPoint keyCenter(int pitch) const { return {kKeyboardWidth / 2, cellCenter(0, pitch).y()}; }
  /** Whether `pos` is on the grip at the note's right end (a drag there resizes). */
  bool onRightEdge(const musa::PrimerNote& note, const QPoint& pos) const;

 private:
  int step_width_, scroll_x_, scroll_y_;
};
