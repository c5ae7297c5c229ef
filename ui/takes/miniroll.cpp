#include "ui/takes/miniroll.h"

#include <QPainter>
#include <algorithm>

#include "core/project/primer.h"
#include "ui/app/theme.h"

MiniRoll::MiniRoll(QWidget* parent) : QWidget(parent), color_(Theme::accent()) {
  setAttribute(Qt::WA_OpaquePaintEvent);
}

void MiniRoll::setMelody(std::vector<int> events, int primer_steps) {
  events_ = std::move(events);
  primer_steps_ = primer_steps;
  update();
}

void MiniRoll::setColor(const QColor& color) {
  color_ = color;
  update();
}

void MiniRoll::setPlayhead(double fraction) {
  if (fraction == playhead_) return;
  playhead_ = fraction;
  update();
}

void MiniRoll::paintEvent(QPaintEvent*) {
  QPainter p(this);
  const QRectF area = QRectF(rect());
  p.fillRect(rect(), Theme::gridBackground());
  if (!isEnabled()) p.setOpacity(0.35);  // being regenerated
  const auto notes = musa::primer_notes_from_events(events_, 1);
  if (notes.empty()) {
    p.setPen(Theme::dimText().darker(130));
    p.drawText(rect(), Qt::AlignCenter, events_.empty() ? QStringLiteral("·  ·  ·") : tr("(silence)"));
    return;
  }
  const auto [lo, hi] = std::minmax_element(notes.begin(), notes.end(),
                                            [](const auto& a, const auto& b) { return a.pitch < b.pitch; });
  // At least an octave of range, so a repeated note does not fill the card.
  const int top = std::max(hi->pitch + 2, lo->pitch + 14), bottom = top - std::max(14, hi->pitch - lo->pitch + 4);
  const double steps = double(events_.size());
  const double sx = area.width() / steps, sy = area.height() / (top - bottom + 1);
  for (int bar = musa::kStepsPerBar; bar < int(steps); bar += musa::kStepsPerBar)
    p.fillRect(QRectF(bar * sx, 0, 1, area.height()), Theme::gridLine());
  if (primer_steps_ > 0) {  // the primer's stretch, lightly shaded
    p.fillRect(QRectF(0, 0, primer_steps_ * sx, area.height()), QColor(255, 255, 255, 10));
  }
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(Qt::NoPen);
  for (const auto& n : notes) {
    const QRectF r(n.start * sx, (top - n.pitch) * sy, std::max(2.0, n.length * sx - 1), std::max(2.0, sy - 0.5));
    p.setBrush(n.start < primer_steps_ ? Theme::primerNote() : color_);
    p.drawRoundedRect(r, 1.2, 1.2);
  }
  if (playhead_ >= 0) p.fillRect(QRectF(playhead_ * area.width() - 1, 0, 2, area.height()), Theme::playhead());
}
