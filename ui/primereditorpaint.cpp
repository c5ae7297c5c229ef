// PrimerEditor's painting: grid, notes, ruler, keyboard strip, overlays.
#include <QPainter>
#include <QScrollBar>

#include "ui/primerdocument.h"
#include "ui/primereditor.h"
#include "ui/theme.h"

namespace {
bool isBlackKey(int pitch) {
  static constexpr bool kBlack[12] = {false, true, false, true, false, false, true, false, true, false, true, false};
  return kBlack[pitch % 12];
}
}  // namespace

void PrimerEditor::paintEvent(QPaintEvent*) {
  QPainter p(viewport());
  const QRect grid(kKeyboardWidth, kRulerHeight, viewport()->width() - kKeyboardWidth,
                   viewport()->height() - kRulerHeight);
  p.fillRect(viewport()->rect(), Theme::gridBackground());
  p.save();
  p.setClipRect(grid);
  paintGrid(p, grid);
  paintNotes(p);
  paintOverlay(p);
  p.restore();
  paintRuler(p);
  paintKeyboard(p);
  p.fillRect(QRect(0, 0, kKeyboardWidth, kRulerHeight), Theme::panel());
}

void PrimerEditor::paintGrid(QPainter& p, const QRect& grid) const {
  for (int pitch = 0; pitch < 128; ++pitch) {
    const QRect row = noteRect({0, pitch, 0, 1, 100});
    if (row.bottom() < grid.top() || row.top() > grid.bottom()) continue;
    const QRect band(grid.left(), row.top(), grid.width(), kRowHeight);
    if (isBlackKey(pitch)) p.fillRect(band, Theme::gridBlackKeyRow());
    if (pitch % 12 == 0) p.fillRect(band.left(), band.bottom(), band.width(), 1, Theme::beatLine());
  }
  const int first = std::max(0, int(stepAt(grid.left())));
  const int last = int(stepAt(grid.right())) + 1;
  for (int step = first; step <= last; ++step) {
    const int x = kKeyboardWidth + step * step_width_ - horizontalScrollBar()->value();
    const bool bar = step % musa::kStepsPerBar == 0, beat = step % musa::kStepsPerQuarter == 0;
    if (!bar && !beat && step_width_ < 8) continue;  // 16th lines only when there is room
    p.fillRect(x, grid.top(), 1, grid.height(), bar ? Theme::barLine() : beat ? Theme::beatLine() : Theme::gridLine());
  }
}

void PrimerEditor::paintNotes(QPainter& p) const {
  p.setRenderHint(QPainter::Antialiasing);
  for (const musa::PrimerNote& n : document_->notes()) {
    const QRectF r = QRectF(noteRect(n)).adjusted(0.5, 1, -0.5, -1);
    const bool selected = selection_.count(n.id) > 0;
    const QColor fill = selected ? Theme::selection() : Theme::accent();
    p.setPen(QPen(fill.darker(170), 1));
    p.setBrush(fill);
    p.drawRoundedRect(r, 2.5, 2.5);
    // The resize grip: a slightly darker right end.
    p.fillRect(QRectF(r.right() - 3, r.top() + 2, 2, r.height() - 4), fill.darker(140));
  }
  p.setRenderHint(QPainter::Antialiasing, false);
}

void PrimerEditor::paintOverlay(QPainter& p) const {
  if (playhead_step_ >= 0) {
    const int x = kKeyboardWidth + int(playhead_step_ * step_width_) - horizontalScrollBar()->value();
    p.fillRect(x, kRulerHeight, 2, viewport()->height(), Theme::playhead());
  }
  if (!rubber_band_.isNull()) {
    p.setPen(QPen(Theme::accent(), 1, Qt::DashLine));
    QColor fill = Theme::accent();
    fill.setAlpha(40);
    p.setBrush(fill);
    p.drawRect(rubber_band_);
  }
  if (document_->notes().empty()) {
    p.setPen(Theme::dimText());
    p.drawText(viewport()->rect().adjusted(kKeyboardWidth, kRulerHeight, 0, 0), Qt::AlignCenter,
               tr("Click to draw a primer, or generate from silence"));
  }
  if (!hint_.isEmpty()) {
    const QFontMetrics fm(font());
    const QRect box(kKeyboardWidth + 12, kRulerHeight + 10, fm.horizontalAdvance(hint_) + 24, fm.height() + 12);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x4a, 0x3b, 0x1c, 235));
    p.drawRoundedRect(box, 6, 6);
    p.setPen(QColor(0xff, 0xe2, 0xa8));
    p.drawText(box, Qt::AlignCenter, hint_);
    p.setRenderHint(QPainter::Antialiasing, false);
  }
}

void PrimerEditor::paintRuler(QPainter& p) const {
  const QRect ruler(kKeyboardWidth, 0, viewport()->width() - kKeyboardWidth, kRulerHeight);
  p.fillRect(ruler, Theme::panel());
  p.fillRect(ruler.left(), ruler.bottom(), ruler.width(), 1, Theme::barLine());
  p.save();
  p.setClipRect(ruler);
  const int first = std::max(0, int(stepAt(ruler.left())));
  const int last = int(stepAt(ruler.right())) + 1;
  QFont small = font();
  small.setPointSizeF(font().pointSizeF() * 0.85);
  p.setFont(small);
  for (int step = first - first % musa::kStepsPerQuarter; step <= last; step += musa::kStepsPerQuarter) {
    const int x = kKeyboardWidth + step * step_width_ - horizontalScrollBar()->value();
    const bool bar = step % musa::kStepsPerBar == 0;
    p.fillRect(x, bar ? 4 : kRulerHeight - 6, 1, bar ? kRulerHeight - 4 : 6, bar ? Theme::dimText() : Theme::beatLine());
    const int beat = step % musa::kStepsPerBar / musa::kStepsPerQuarter + 1;
    const QString label = bar ? QString::number(step / musa::kStepsPerBar + 1)
                              : QString::number(step / musa::kStepsPerBar + 1) + u'.' + QString::number(beat);
    if (bar || step_width_ >= 14) {
      p.setPen(bar ? Theme::text() : Theme::dimText());
      p.drawText(QRect(x + 4, 2, 60, kRulerHeight - 4), Qt::AlignLeft | Qt::AlignVCenter, label);
    }
  }
  p.restore();
}

void PrimerEditor::paintKeyboard(QPainter& p) const {
  const QRect strip(0, kRulerHeight, kKeyboardWidth, viewport()->height() - kRulerHeight);
  p.save();
  p.setClipRect(strip);
  p.fillRect(strip, QColor(0xe8, 0xe9, 0xed));
  QFont small = font();
  small.setPointSizeF(font().pointSizeF() * 0.8);
  p.setFont(small);
  for (int pitch = 0; pitch < 128; ++pitch) {
    const QRect row = noteRect({0, pitch, 0, 1, 100});
    if (row.bottom() < strip.top() || row.top() > strip.bottom()) continue;
    const QRect key(0, row.top(), kKeyboardWidth, kRowHeight);
    const bool pressed = pitch == auditioned_pitch_ && gesture_ == Gesture::Key;
    if (isBlackKey(pitch)) p.fillRect(QRect(0, key.top(), kKeyboardWidth * 3 / 5, kRowHeight), QColor(0x22, 0x24, 0x2a));
    if (pressed) p.fillRect(key.adjusted(0, 0, 0, -1), Theme::accent());
    if (pitch % 12 == 0 || pitch % 12 == 5) p.fillRect(0, key.bottom(), kKeyboardWidth, 1, QColor(0xa0, 0xa4, 0xae));
    if (pitch % 12 == 0) {  // C labels: C4 is middle C (MIDI 60), as most DAWs name it
      p.setPen(QColor(0x4a, 0x4e, 0x5a));
      p.drawText(key.adjusted(0, 0, -4, 0), Qt::AlignRight | Qt::AlignVCenter, tr("C%1").arg(pitch / 12 - 1));
    }
  }
  p.fillRect(kKeyboardWidth - 1, strip.top(), 1, strip.height(), Theme::barLine());
  p.restore();
}
