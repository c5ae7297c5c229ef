#include "ui/app/icons.h"

#include <QCoreApplication>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <cmath>
#include <functional>

#include "ui/app/theme.h"

namespace {

QHash<QString, QIcon>& madeIcons() {
  static QHash<QString, QIcon> made;  // the GUI thread only, as QPixmap
  return made;
}

/**
 * An icon from a painter function drawing in a 24×24 box, at 1× and 2×,
 * drawn once per `key` and then the same QIcon every time. Qt caches an
 * icon's pixmap scaled to a button under that icon's serial number
 * (QPixmapCache, 10 MB): an icon drawn afresh for every take card and every
 * play or keep toggle left a copy there that was never asked for again,
 * which was the soak's steady RSS growth.
 */
QIcon drawn(const QString& key, const std::function<void(QPainter&)>& paint) {
  QHash<QString, QIcon>& made = madeIcons();
  if (const auto it = made.constFind(key); it != made.constEnd()) return *it;
  if (made.isEmpty()) qAddPostRoutine([] { madeIcons().clear(); });  // the pixmaps go with the application
  QIcon icon;
  for (int scale : {1, 2}) {
    QPixmap pixmap(24 * scale, 24 * scale);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(scale, scale);
    paint(p);
    p.end();
    pixmap.setDevicePixelRatio(scale);
    icon.addPixmap(pixmap);
  }
  made.insert(key, icon);
  return icon;
}

QPainterPath starPath(QPointF centre, double outer, double inner) {
  QPainterPath path;
  for (int i = 0; i < 10; ++i) {
    const double angle = -M_PI / 2 + i * M_PI / 5;
    const double r = i % 2 ? inner : outer;
    const QPointF point = centre + QPointF(std::cos(angle) * r, std::sin(angle) * r);
    i == 0 ? path.moveTo(point) : path.lineTo(point);
  }
  path.closeSubpath();
  return path;
}

}  // namespace

QIcon Icons::play(const QColor& color) {
  return drawn(QStringLiteral("play ") + color.name(QColor::HexArgb), [color](QPainter& p) {
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPolygon(QPolygonF({QPointF(7, 5), QPointF(19, 12), QPointF(7, 19)}));
  });
}

QIcon Icons::stop(const QColor& color) {
  return drawn(QStringLiteral("stop ") + color.name(QColor::HexArgb), [color](QPainter& p) {
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawRoundedRect(QRectF(6.5, 6.5, 11, 11), 1.5, 1.5);
  });
}

QIcon Icons::generate() {
  return drawn(QStringLiteral("generate"), [](QPainter& p) {
    p.setPen(Qt::NoPen);
    p.setBrush(Qt::white);
    p.drawPath(starPath({10, 13}, 8, 3));
    p.drawPath(starPath({19, 6}, 4, 1.5));
  });
}

QIcon Icons::star(bool filled) {
  return drawn(filled ? QStringLiteral("star filled") : QStringLiteral("star"), [filled](QPainter& p) {
    p.setPen(QPen(filled ? Theme::keep() : Theme::dimText(), 1.6));
    p.setBrush(filled ? Theme::keep() : Qt::transparent);
    p.drawPath(starPath({12, 12.5}, 9, 4));
  });
}

QIcon Icons::more() {
  return drawn(QStringLiteral("more"), [](QPainter& p) {
    p.setPen(Qt::NoPen);
    p.setBrush(Theme::dimText());
    for (int y : {6, 12, 18}) p.drawEllipse(QPointF(12, y), 1.8, 1.8);
  });
}

QIcon Icons::lock(bool locked) {
  return drawn(locked ? QStringLiteral("lock locked") : QStringLiteral("lock"), [locked](QPainter& p) {
    const QColor c = locked ? Theme::keep() : Theme::dimText();
    p.setPen(QPen(c, 2));
    p.setBrush(Qt::NoBrush);
    // The shackle opens to the right when unlocked.
    QPainterPath shackle;
    shackle.moveTo(8, 11);
    shackle.lineTo(8, 8);
    shackle.arcTo(QRectF(8, 3, 8, 8), 180, -180);
    shackle.lineTo(16, locked ? 11 : 7);
    p.drawPath(locked ? shackle : shackle.translated(0, -2));
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawRoundedRect(QRectF(5.5, 11, 13, 9.5), 2, 2);
  });
}

QIcon Icons::loop() {
  return drawn(QStringLiteral("loop"), [](QPainter& p) {
    p.setPen(QPen(Theme::text(), 2, Qt::SolidLine, Qt::RoundCap));
    p.setBrush(Qt::NoBrush);
    p.drawArc(QRectF(4, 6, 16, 12), 30 * 16, 300 * 16);
    p.setPen(Qt::NoPen);
    p.setBrush(Theme::text());
    p.drawPolygon(QPolygonF({QPointF(17, 3.5), QPointF(21.5, 8.5), QPointF(15, 9.5)}));
  });
}

QIcon Icons::app() {
  QIcon icon;
  for (int size : {16, 32, 64, 128, 256}) {
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 64.0, size / 64.0);
    p.setPen(Qt::NoPen);
    p.setBrush(Theme::panel());
    p.drawRoundedRect(QRectF(2, 2, 60, 60), 14, 14);
    // Three take bars in take colours, and a primer bar in grey.
    p.setBrush(Theme::primerNote());
    p.drawRoundedRect(QRectF(10, 40, 12, 6), 2, 2);
    p.setBrush(Theme::takeColor(0));
    p.drawRoundedRect(QRectF(24, 30, 12, 6), 2, 2);
    p.setBrush(Theme::takeColor(1));
    p.drawRoundedRect(QRectF(38, 20, 16, 6), 2, 2);
    p.setBrush(Theme::takeColor(2));
    p.drawRoundedRect(QRectF(24, 46, 10, 6), 2, 2);
    p.end();
    icon.addPixmap(pixmap);
  }
  return icon;
}
