#include "ui/takes/miniroll.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

#include "ui/app/theme.h"
#include "ui/generate/generationcontrols.h"

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

void MiniRoll::setKey(std::optional<musa::Key> key) { key_ = key; }

MiniRoll::Scale MiniRoll::scaleFor(const std::vector<musa::PrimerNote>& notes) const {
  Scale scale;
  if (notes.empty() || events_.empty()) return scale;
  const auto [lo, hi] = std::minmax_element(notes.begin(), notes.end(),
                                            [](const auto& a, const auto& b) { return a.pitch < b.pitch; });
  // At least an octave of range, so a repeated note does not fill the card.
  scale.top = std::max(hi->pitch + 2, lo->pitch + 14);
  const int bottom = scale.top - std::max(14, hi->pitch - lo->pitch + 4);
  scale.sx = width() / double(events_.size());
  scale.sy = height() / double(scale.top - bottom + 1);
  return scale;
}

QRectF MiniRoll::noteRect(const musa::PrimerNote& n, const Scale& scale) const {
  return {n.start * scale.sx, (scale.top - n.pitch) * scale.sy, std::max(2.0, n.length * scale.sx - 1),
          std::max(2.0, scale.sy - 0.5)};
}

QString MiniRoll::noteToolTip(const QPoint& pos) const {
  const auto notes = musa::primer_notes_from_events(events_, 1);
  const Scale scale = scaleFor(notes);
  for (const auto& n : notes)
    if (noteRect(n, scale).adjusted(-1, -2, 1, 2).contains(pos))  // a thin note is hard to hit exactly
      return GenerationControls::noteLabel(n.pitch, n.start, key_ ? *key_ : musa::primer_key(notes));
  return {};
}

bool MiniRoll::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    const auto* help = static_cast<QHelpEvent*>(event);
    const QString text = noteToolTip(help->pos());
    if (text.isEmpty())
      QToolTip::hideText();
    else
      QToolTip::showText(help->globalPos(), text, this);
    return true;
  }
  return QWidget::event(event);
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
  const Scale scale = scaleFor(notes);
  const double steps = double(events_.size()), sx = scale.sx;
  for (int bar = musa::kStepsPerBar; bar < int(steps); bar += musa::kStepsPerBar)
    p.fillRect(QRectF(bar * sx, 0, 1, area.height()), Theme::gridLine());
  if (primer_steps_ > 0) {  // the primer's stretch, lightly shaded
    p.fillRect(QRectF(0, 0, primer_steps_ * sx, area.height()), QColor(255, 255, 255, 10));
  }
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(Qt::NoPen);
  for (const auto& n : notes) {
    const QRectF r = noteRect(n, scale);
    p.setBrush(n.start < primer_steps_ ? Theme::primerNote() : color_);
    p.drawRoundedRect(r, 1.2, 1.2);
  }
  if (playhead_ >= 0)
    p.fillRect(QRectF(playhead_ * area.width() - 1, 0, 2, area.height()), Theme::playhead());
}
