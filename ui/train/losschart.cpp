#include "ui/train/losschart.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

LossChart::LossChart(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("lossChart"));
  setMinimumHeight(160);
}

void LossChart::clear() {
  training_.clear();
  validation_.clear();
  update();
}

void LossChart::addTraining(long step, double loss) {
  training_.push_back({step, loss});
  update();
}

void LossChart::addValidation(long step, double loss) {
  validation_.push_back({step, loss});
  update();
}

void LossChart::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const QPalette& pal = palette();
  painter.fillRect(rect(), pal.base());
  const QRectF plot = QRectF(rect()).adjusted(48, 12, -12, -28);
  painter.setPen(pal.color(QPalette::Mid));
  painter.drawRect(plot);
  std::vector<Point> all = training_;
  all.insert(all.end(), validation_.begin(), validation_.end());
  if (all.empty()) {
    painter.setPen(pal.color(QPalette::PlaceholderText));
    painter.drawText(plot, Qt::AlignCenter, tr("The losses appear here as it learns"));
    return;
  }
  long first = all.front().step, last = first;
  double low = all.front().loss, high = low;
  for (const Point& p : all) {
    first = std::min(first, p.step);
    last = std::max(last, p.step);
    low = std::min(low, p.loss);
    high = std::max(high, p.loss);
  }
  if (last == first) last = first + 1;
  if (high - low < 0.05) high = low + 0.05;
  auto at = [&](const Point& p) {
    return QPointF(plot.left() + plot.width() * double(p.step - first) / double(last - first),
                   plot.bottom() - plot.height() * (p.loss - low) / (high - low));
  };
  auto drawLine = [&](const std::vector<Point>& points, const QColor& color) {
    if (points.empty()) return;
    QPainterPath path(at(points.front()));
    for (const Point& p : points) path.lineTo(at(p));
    painter.setPen(QPen(color, 2));
    painter.drawPath(path);
    if (points.size() < 40)  // few points: show where each was measured
      for (const Point& p : points) painter.drawEllipse(at(p), 2, 2);
  };
  const QColor training_color = pal.color(QPalette::Highlight), validation_color(230, 120, 30);
  drawLine(training_, training_color);
  drawLine(validation_, validation_color);
  painter.setPen(pal.color(QPalette::Text));
  painter.drawText(QRectF(0, plot.top() - 6, 44, 16), Qt::AlignRight, QString::number(high, 'f', 2));
  painter.drawText(QRectF(0, plot.bottom() - 10, 44, 16), Qt::AlignRight, QString::number(low, 'f', 2));
  const QRectF legend(plot.left(), plot.bottom() + 6, plot.width(), 18);
  painter.setPen(training_color);
  painter.drawText(legend, Qt::AlignLeft, tr("training loss"));
  painter.setPen(validation_color);
  painter.drawText(legend, Qt::AlignHCenter, tr("held-out loss"));
  painter.setPen(pal.color(QPalette::Text));
  painter.drawText(legend, Qt::AlignRight, tr("update %1").arg(last));
}
