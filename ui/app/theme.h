#pragma once
// Musa's look: a dark palette, a few accent colours, and one colour per take
// so a card, its mini roll and its layer in the editor read as one thing.

#include <QColor>

class QApplication;

class Theme {
 public:
  /** Fusion style, dark palette and the app's style sheet. */
  static void apply(QApplication& app);

  static QColor window() { return QColor(0x1b, 0x1d, 0x23); }
  static QColor panel() { return QColor(0x23, 0x26, 0x2e); }
  static QColor card() { return QColor(0x2a, 0x2d, 0x36); }
  static QColor gridBackground() { return QColor(0x1f, 0x22, 0x29); }
  static QColor gridBlackKeyRow() { return QColor(0x1a, 0x1c, 0x22); }
  static QColor gridLine() { return QColor(0x2c, 0x30, 0x3a); }
  static QColor beatLine() { return QColor(0x3a, 0x3f, 0x4c); }
  static QColor barLine() { return QColor(0x5a, 0x61, 0x73); }
  static QColor text() { return QColor(0xe6, 0xe8, 0xee); }
  static QColor dimText() { return QColor(0x9a, 0xa1, 0xb2); }
  static QColor accent() { return QColor(0x4f, 0xc3, 0xf7); }
  static QColor primerNote() { return QColor(0x8d, 0x93, 0xa3); }
  static QColor selection() { return QColor(0xff, 0xc1, 0x4d); }
  static QColor playhead() { return QColor(0xff, 0x5c, 0x6c); }
  static QColor keep() { return QColor(0xff, 0xc8, 0x3d); }
  /** The colour of take `index` (0-based), cycling through ten hues. */
  static QColor takeColor(int index);
};
