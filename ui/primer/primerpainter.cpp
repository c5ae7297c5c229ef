#include "ui/primer/primerpainter.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

#include "ui/app/theme.h"

namespace {
constexpr int kKeyboardWidth = PianoRollGeometry::kKeyboardWidth;
constexpr int kRulerHeight = PianoRollGeometry::kRulerHeight;
constexpr int kRowHeight = PianoRollGeometry::kRowHeight;

bool isBlackKey(int pitch) {
  static constexpr bool kBlack[12] = {false, true,  false, true,  false, false,
                                      true,  false, true,  false, true,  false};
  return kBlack[pitch % 12];
}
}  // namespace

void PrimerPainter::paint(QPainter& p, const PrimerScene& scene) const {
  const QRect grid(kKeyboardWidth, kRulerHeight, viewport_.width() - kKeyboardWidth,
                   viewport_.height() - kRulerHeight);
  p.fillRect(viewport_, Theme::gridBackground());
  p.save();
  p.setClipRect(grid);
  paintGrid(p, grid);
  paintNotes(p, scene);
  paintOverlay(p, scene);
  p.restore();
  paintRuler(p);
  paintKeyboard(p, scene.pressed_key);
  p.fillRect(QRect(0, 0, kKeyboardWidth, kRulerHeight), Theme::panel());
}

void PrimerPainter::paintGrid(QPainter& p, const QRect& grid) const {
  for (int pitch = 0; pitch < 128; ++pitch) {
    const QRect row = geo_.rowRect(pitch);
    if (row.bottom() < grid.top() || row.top() > grid.bottom()) continue;
    const QRect band(grid.left(), row.top(), grid.width(), kRowHeight);
    if (isBlackKey(pitch)) p.fillRect(band, Theme::gridBlackKeyRow());
    if (pitch % 12 == 0) p.fillRect(band.left(), band.bottom(), band.width(), 1, Theme::beatLine());
  }
  const int first = std::max(0, int(geo_.stepAt(grid.left())));
  const int last = int(geo_.stepAt(grid.right())) + 1;
  for (int step = first; step <= last; ++step) {
    const bool bar = step % musa::kStepsPerBar == 0, beat = step % musa::kStepsPerQuarter == 0;
    if (!bar && !beat && geo_.stepWidth() < 8) continue;  // 16th lines only when there is room
    p.fillRect(geo_.stepX(step), grid.top(), 1, grid.height(),
               bar    ? Theme::barLine()
               : beat ? Theme::beatLine()
                      : Theme::gridLine());
  }
}

void PrimerPainter::paintNotes(QPainter& p, const PrimerScene& scene) const {
  p.setRenderHint(QPainter::Antialiasing);
  for (const musa::PrimerNote& n : scene.notes) {
    const QRectF r = QRectF(geo_.noteRect(n)).adjusted(0.5, 1, -0.5, -1);
    const bool selected = scene.selection.count(n.id) > 0;
    // Velocity as strength of colour: a soft note fades toward the grid, so dynamics show at a glance.
    const QColor full = selected ? Theme::selection() : Theme::accent();
    const QColor back = Theme::gridBackground();
    const double strength = 0.2 + 0.8 * std::clamp(n.velocity, 1, 127) / 127.0;
    const auto mix = [&](int a, int b) { return int(std::lround(b + (a - b) * strength)); };
    const QColor fill(mix(full.red(), back.red()), mix(full.green(), back.green()),
                      mix(full.blue(), back.blue()));
    p.setPen(QPen(fill.darker(170), 1));
    p.setBrush(fill);
    p.drawRoundedRect(r, 2.5, 2.5);
    // The resize grip: a slightly darker right end.
    p.fillRect(QRectF(r.right() - 3, r.top() + 2, 2, r.height() - 4), fill.darker(140));
  }
  p.setRenderHint(QPainter::Antialiasing, false);
}

void PrimerPainter::paintOverlay(QPainter& p, const PrimerScene& scene) const {
  if (scene.playhead_step >= 0)
    p.fillRect(geo_.stepX(scene.playhead_step), kRulerHeight, 2, viewport_.height(), Theme::playhead());
  if (!scene.rubber_band.isNull()) {
    p.setPen(QPen(Theme::accent(), 1, Qt::DashLine));
    QColor fill = Theme::accent();
    fill.setAlpha(40);
    p.setBrush(fill);
    p.drawRect(scene.rubber_band);
  }
  if (scene.notes.empty()) {
    p.setPen(Theme::dimText());
    p.drawText(viewport_.adjusted(kKeyboardWidth, kRulerHeight, 0, 0), Qt::AlignCenter,
               scene.recording ? tr("Recording: play on the MIDI keyboard")
                               : tr("Click to draw a primer, or generate from silence"));
  }
  if (!scene.hint.isEmpty())
    paintHint(p, scene.hint, scene.hint_rect.isNull() ? hintRect(scene.hint, {}, {}) : scene.hint_rect);
}

QRect PrimerPainter::hintRect(const QString& hint, const std::vector<QRect>& avoid,
                              const std::vector<QRect>& others) const {
  const QFontMetrics fm(font_);
  const QSize size(fm.horizontalAdvance(hint) + 24, fm.height() + 12);
  const QRect grid = viewport_.adjusted(kKeyboardWidth + 12, kRulerHeight + 10, -12, -10);
  const QRect top_left(grid.topLeft(), size);
  const QRect corners[] = {top_left, top_left.translated(grid.width() - size.width(), 0),
                           top_left.translated(0, grid.height() - size.height()),
                           top_left.translated(grid.width() - size.width(), grid.height() - size.height())};
  const auto covers = [](const QRect& box, const std::vector<QRect>& rects) {
    return std::any_of(rects.begin(), rects.end(), [&](const QRect& r) { return box.intersects(r); });
  };
  for (const QRect& box : corners)
    if (!covers(box, avoid) && !covers(box, others)) return box;
  for (const QRect& box : corners)
    if (!covers(box, avoid)) return box;
  // The edited notes reach every corner: just above them, or below when there is no room above.
  QRect around;
  for (const QRect& r : avoid) around |= r;
  QRect box(QPoint(std::clamp(around.left(), grid.left(), std::max(grid.left(), grid.right() - size.width())),
                   around.top() - size.height() - 4),
            size);
  if (box.top() < grid.top()) box.moveTop(around.bottom() + 4);
  return box;
}

void PrimerPainter::paintHint(QPainter& p, const QString& hint, const QRect& box) const {
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(0x4a, 0x3b, 0x1c, 235));
  p.drawRoundedRect(box, 6, 6);
  p.setPen(QColor(0xff, 0xe2, 0xa8));
  p.drawText(box, Qt::AlignCenter, hint);
  p.setRenderHint(QPainter::Antialiasing, false);
}

void PrimerPainter::paintRuler(QPainter& p) const {
  const QRect ruler(kKeyboardWidth, 0, viewport_.width() - kKeyboardWidth, kRulerHeight);
  p.fillRect(ruler, Theme::panel());
  p.fillRect(ruler.left(), ruler.bottom(), ruler.width(), 1, Theme::barLine());
  p.save();
  p.setClipRect(ruler);
  const int first = std::max(0, int(geo_.stepAt(ruler.left())));
  const int last = int(geo_.stepAt(ruler.right())) + 1;
  QFont small = font_;
  small.setPointSizeF(font_.pointSizeF() * 0.85);
  p.setFont(small);
  for (int step = first - first % musa::kStepsPerQuarter; step <= last; step += musa::kStepsPerQuarter) {
    const int x = geo_.stepX(step);
    const bool bar = step % musa::kStepsPerBar == 0;
    p.fillRect(x, bar ? 4 : kRulerHeight - 6, 1, bar ? kRulerHeight - 4 : 6,
               bar ? Theme::dimText() : Theme::beatLine());
    const int beat = step % musa::kStepsPerBar / musa::kStepsPerQuarter + 1;
    const QString label = bar ? QString::number(step / musa::kStepsPerBar + 1)
                              : QString::number(step / musa::kStepsPerBar + 1) + u'.' + QString::number(beat);
    if (bar || geo_.stepWidth() >= 14) {
      p.setPen(bar ? Theme::text() : Theme::dimText());
      p.drawText(QRect(x + 4, 2, 60, kRulerHeight - 4), Qt::AlignLeft | Qt::AlignVCenter, label);
    }
  }
  p.restore();
}

void PrimerPainter::paintKeyboard(QPainter& p, int pressed_key) const {
  const QRect strip(0, kRulerHeight, kKeyboardWidth, viewport_.height() - kRulerHeight);
  p.save();
  p.setClipRect(strip);
  p.fillRect(strip, QColor(0xe8, 0xe9, 0xed));
  QFont small = font_;
  small.setPointSizeF(font_.pointSizeF() * 0.8);
  p.setFont(small);
  for (int pitch = 0; pitch < 128; ++pitch) {
    const QRect row = geo_.rowRect(pitch);
    if (row.bottom() < strip.top() || row.top() > strip.bottom()) continue;
    const QRect key(0, row.top(), kKeyboardWidth, kRowHeight);
    if (isBlackKey(pitch))
      p.fillRect(QRect(0, key.top(), kKeyboardWidth * 3 / 5, kRowHeight), QColor(0x22, 0x24, 0x2a));
    if (pitch == pressed_key) p.fillRect(key.adjusted(0, 0, 0, -1), Theme::accent());
    if (pitch % 12 == 0 || pitch % 12 == 5)
      p.fillRect(0, key.bottom(), kKeyboardWidth, 1, QColor(0xa0, 0xa4, 0xae));
    if (pitch % 12 == 0) {  // C labels: C4 is middle C (MIDI 60), as most DAWs name it
      p.setPen(QColor(0x4a, 0x4e, 0x5a));
      p.drawText(key.adjusted(0, 0, -4, 0), Qt::AlignRight | Qt::AlignVCenter, tr("C%1").arg(pitch / 12 - 1));
    }
  }
  p.fillRect(kKeyboardWidth - 1, strip.top(), 1, strip.height(), Theme::barLine());
  p.restore();
}
