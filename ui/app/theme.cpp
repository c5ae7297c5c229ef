#include "ui/app/theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyleFactory>

QColor Theme::takeColor(int index) {
  // Ten hues spaced for distinctness on a dark background, equal lightness.
  static const QColor kHues[] = {QColor(0x4f, 0xc3, 0xf7), QColor(0xff, 0x8a, 0x65), QColor(0x81, 0xc7, 0x84),
                                 QColor(0xba, 0x68, 0xc8), QColor(0xff, 0xd5, 0x4f), QColor(0x4d, 0xd0, 0xc5),
                                 QColor(0xf0, 0x62, 0x92), QColor(0x90, 0xa4, 0xff), QColor(0xd4, 0xe1, 0x57),
                                 QColor(0xff, 0xab, 0x40)};
  return kHues[((index % 10) + 10) % 10];
}

void Theme::apply(QApplication& app) {
  app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  QPalette p;
  p.setColor(QPalette::Window, window());
  p.setColor(QPalette::WindowText, text());
  p.setColor(QPalette::Base, gridBackground());
  p.setColor(QPalette::AlternateBase, panel());
  p.setColor(QPalette::ToolTipBase, panel());
  p.setColor(QPalette::ToolTipText, text());
  p.setColor(QPalette::Text, text());
  p.setColor(QPalette::Button, panel());
  p.setColor(QPalette::ButtonText, text());
  p.setColor(QPalette::Highlight, accent().darker(130));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, accent());
  p.setColor(QPalette::PlaceholderText, dimText());
  p.setColor(QPalette::Disabled, QPalette::Text, dimText().darker(140));
  p.setColor(QPalette::Disabled, QPalette::ButtonText, dimText().darker(140));
  p.setColor(QPalette::Disabled, QPalette::WindowText, dimText().darker(140));
  app.setPalette(p);
  app.setStyleSheet(QStringLiteral(R"(
    QToolBar { background: #23262e; border: none; border-bottom: 1px solid #2f333d; spacing: 6px; padding: 4px 8px; }
    QToolBar QLabel { color: #9aa1b2; padding-left: 6px; }
    QToolButton { padding: 4px 8px; border-radius: 5px; }
    QToolButton:hover { background: #323642; }
    QToolButton:checked { background: #2f4a5a; }
    QToolButton::menu-indicator { image: none; width: 0; }
    QCheckBox#layerBox { color: #9aa1b2; font-size: 11px; spacing: 4px; }
    QLabel#sectionHint { color: #6f7688; padding: 6px 2px 2px 8px; }
    QToolButton#generateButton { background: #2f8fc0; color: white; font-weight: 600; padding: 5px 14px; }
    QToolButton#generateButton:hover { background: #39a3d8; }
    QToolButton#generateButton:disabled { background: #2c3f4b; color: #8aa; }
    QSpinBox, QComboBox, QLineEdit { background: #1b1d23; border: 1px solid #363a46; border-radius: 4px; padding: 2px 6px; min-height: 22px; }
    QSpinBox { padding-right: 20px; }
    QSpinBox::up-button, QSpinBox::down-button { subcontrol-origin: border; width: 18px; background: #2a2d36; border-left: 1px solid #363a46; }
    QSpinBox::up-button { subcontrol-position: top right; border-top-right-radius: 4px; }
    QSpinBox::down-button { subcontrol-position: bottom right; border-bottom-right-radius: 4px; border-top: 1px solid #363a46; }
    QSpinBox::up-button:hover, QSpinBox::down-button:hover { background: #323642; }
    QSpinBox::up-arrow { image: url(:/theme/arrow-up.png); width: 10px; height: 6px; }
    QSpinBox::down-arrow { image: url(:/theme/arrow-down.png); width: 10px; height: 6px; }
    QSpinBox::up-arrow:disabled, QSpinBox::up-arrow:off { image: url(:/theme/arrow-up-disabled.png); }
    QSpinBox::down-arrow:disabled, QSpinBox::down-arrow:off { image: url(:/theme/arrow-down-disabled.png); }
    QFrame#takeCard QToolButton { padding: 2px; }
    QComboBox QAbstractItemView { background: #23262e; selection-background-color: #2f6f8f; }
    QStatusBar { background: #23262e; color: #9aa1b2; border-top: 1px solid #2f333d; }
    QStatusBar QLabel { color: #9aa1b2; padding: 0 8px; }
    QMenuBar { background: #1b1d23; }
    QMenuBar::item:selected { background: #323642; }
    QMenu { background: #23262e; border: 1px solid #363a46; }
    QMenu::item:selected { background: #2f6f8f; }
    QFrame#messageBar { background: #4a3b1c; border: 1px solid #8a6d2a; border-radius: 6px; }
    QFrame#messageBar QLabel { color: #ffe2a8; }
    QFrame#takeCard { background: #2a2d36; border: 1px solid #343845; border-radius: 8px; }
    QFrame#takeCard[current="true"] { border: 1px solid #4fc3f7; }
    QFrame#takeCard[kept="true"] { background: #2f2f2a; }
    QLabel#takeNumber { font-weight: 700; font-size: 13px; color: #e6e8ee; }
    QLabel#takeOriginality { font-size: 11px; color: #9aa1b2; }
    QLabel#takeOriginality[copies="true"] { color: #ff8a4c; }
    QLabel#sectionTitle { color: #9aa1b2; font-weight: 600; letter-spacing: 1px; padding: 6px 2px 2px 4px; }
    QSlider::groove:horizontal { height: 4px; background: #363a46; border-radius: 2px; }
    QSlider::sub-page:horizontal { background: #4fc3f7; border-radius: 2px; }
    QSlider::handle:horizontal { background: #e6e8ee; width: 14px; margin: -6px 0; border-radius: 7px; }
    QProgressBar { background: #1b1d23; border: 1px solid #363a46; border-radius: 4px; max-height: 10px; }
    QProgressBar::chunk { background: #4fc3f7; border-radius: 3px; }
  )"));
}
