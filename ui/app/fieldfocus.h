#pragma once
// FieldFocus: keeps the window's keys working while a toolbar field (Tempo,
// Bars, Takes, Seed) has keyboard focus. A field keeps only the keys that
// edit its number, and only while the musician is typing in it (they
// clicked into its text, tabbed to it, or typed); every other key goes to
// the window's shortcuts (1…0, Space, K, Ctrl+E, …). Enter and Esc (which
// puts the text back) end the typing and hand focus to `home`, the take
// grid; so does a click on a spin box's arrows or a choice in a combo box.

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

class QAbstractSpinBox;
class QComboBox;
class QKeyEvent;
class QLineEdit;
class QWidget;

class FieldFocus : public QObject {
  Q_OBJECT
 public:
  explicit FieldFocus(QWidget* home, QObject* parent = nullptr);

  void watch(QAbstractSpinBox* box);
  void watch(QLineEdit* edit);
  /** A choice made in `box` hands focus back (its arrow keys would change the choice). */
  void watch(QComboBox* box);
  /** True while `field` holds text the musician is typing. */
  bool isTyping(const QWidget* field) const { return typing_.contains(field); }
  /** Gives the keyboard back to the home widget (the field commits its text on losing focus). */
  void goHome();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  /** Keys that edit a number (digits, sign, Backspace, cursor keys, clipboard) or end the typing. */
  static bool isFieldKey(const QKeyEvent* event);
  void revert(QWidget* field);

  QPointer<QWidget> home_;
  QSet<const QWidget*> typing_;
  QHash<const QWidget*, QString> text_at_focus_;  ///< what Esc puts back
};
