#include "ui/primer/pianorollgeometry.h"

#include <algorithm>

int PianoRollGeometry::pitchAt(int y) const {
  const int row = (y - kRulerHeight + scroll_y_) / kRowHeight;
  return std::clamp(127 - row, 0, 127);
}

QRect PianoRollGeometry::noteRect(const musa::PrimerNote& note) const {
  const int x = kKeyboardWidth + note.start * step_width_ - scroll_x_;
  const int y = kRulerHeight + (127 - note.pitch) * kRowHeight - scroll_y_;
  return {x, y, note.length * step_width_, kRowHeight};
}

bool PianoRollGeometry::onRightEdge(const musa::PrimerNote& note, const QPoint& pos) const {
  const QRect r = noteRect(note);
  const int grip = std::min(6, std::max(2, r.width() / 3));
  return pos.x() >= r.right() - grip;
}
