#pragma once
// Icons drawn in code: crisp at any scale, no SVG plugin needed, and the
// colours follow the theme.

#include <QColor>
#include <QIcon>

class Icons {
 public:
  static QIcon play(const QColor& color = QColor(0xe6, 0xe8, 0xee));
  static QIcon stop(const QColor& color = QColor(0xe6, 0xe8, 0xee));
  static QIcon generate();
  static QIcon star(bool filled);
  static QIcon more();
  static QIcon lock(bool locked);
  static QIcon loop();
  /** The application icon: a note over a take card. */
  static QIcon app();
};
