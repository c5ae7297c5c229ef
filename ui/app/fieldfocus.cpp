#include "ui/app/fieldfocus.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QFocusEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QTimer>

namespace {
/** The field a watched object stands for: a spin box's text part stands for the spin box. */
QWidget* fieldOf(QObject* watched) {
  auto* widget = qobject_cast<QWidget*>(watched);
  if (widget && !qobject_cast<QAbstractSpinBox*>(widget))
    if (auto* box = qobject_cast<QAbstractSpinBox*>(widget->parentWidget())) return box;
  return widget;
}

QLineEdit* textOf(QWidget* field) {
  if (auto* edit = qobject_cast<QLineEdit*>(field)) return edit;
  return field ? field->findChild<QLineEdit*>() : nullptr;
}
}  // namespace

FieldFocus::FieldFocus(QWidget* home, QObject* parent) : QObject(parent), home_(home) {}

void FieldFocus::watch(QAbstractSpinBox* box) {
  box->installEventFilter(this);
  if (QLineEdit* text = textOf(box)) text->installEventFilter(this);  // a click into the text means typing
}

void FieldFocus::watch(QLineEdit* edit) { edit->installEventFilter(this); }

void FieldFocus::watch(QComboBox* box) { connect(box, &QComboBox::activated, this, &FieldFocus::goHome); }

void FieldFocus::goHome() {
  if (home_) home_->setFocus(Qt::OtherFocusReason);
}

bool FieldFocus::isFieldKey(const QKeyEvent* event) {
  for (const auto edit : {QKeySequence::Copy, QKeySequence::Paste, QKeySequence::Cut, QKeySequence::Undo,
                          QKeySequence::Redo, QKeySequence::SelectAll})
    if (event->matches(edit)) return true;
  const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
  if (modifiers & ~Qt::ShiftModifier) return false;  // Ctrl, Alt, Meta: the window's shortcuts
  switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Home:
    case Qt::Key_End:
      return true;  // Shift selects
    default:
      break;
  }
  if (modifiers) return false;  // Shift+1 … Shift+6 play takes 11 … 16
  switch (event->key()) {
    case Qt::Key_Backspace:
    case Qt::Key_Delete:
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
    case Qt::Key_Minus:
    case Qt::Key_Plus:
    case Qt::Key_Period:
    case Qt::Key_Comma:
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Escape:
      return true;
    default:
      return event->key() >= Qt::Key_0 && event->key() <= Qt::Key_9;
  }
}

void FieldFocus::revert(QWidget* field) {
  QLineEdit* text = textOf(field);
  if (text && text_at_focus_.contains(field)) text->setText(text_at_focus_.value(field));
}

bool FieldFocus::eventFilter(QObject* watched, QEvent* event) {
  QWidget* field = fieldOf(watched);
  if (!field) return false;
  const bool is_text_part = watched != field;
  switch (event->type()) {
    case QEvent::FocusIn: {
      if (QLineEdit* text = textOf(field)) text_at_focus_.insert(field, text->text());
      const Qt::FocusReason reason = static_cast<QFocusEvent*>(event)->reason();
      if (reason == Qt::TabFocusReason || reason == Qt::BacktabFocusReason) typing_.insert(field);
      break;
    }
    case QEvent::FocusOut:
      if (!is_text_part) {
        typing_.remove(field);
        text_at_focus_.remove(field);
      }
      break;
    case QEvent::MouseButtonPress:
      // A click into the text is the wish to type; a read-only field takes no typing.
      if (QLineEdit* text = textOf(field); (is_text_part || text == field) && text && !text->isReadOnly())
        typing_.insert(field);
      break;
    case QEvent::MouseButtonRelease:
      // A spin box's arrows were clicked: the value changed, the keys go back to the window.
      if (!is_text_part && qobject_cast<QAbstractSpinBox*>(field) && !typing_.contains(field))
        QTimer::singleShot(0, this, &FieldFocus::goHome);
      break;
    case QEvent::ShortcutOverride: {
      auto* key = static_cast<QKeyEvent*>(event);
      if (typing_.contains(field) && isFieldKey(key)) return false;  // the field takes it
      // The window's: left unaccepted, the key runs its shortcut, or reaches the field when none has it.
      // What was typed counts first (Ctrl+G generates with the tempo just typed).
      if (auto* box = qobject_cast<QAbstractSpinBox*>(field); box && typing_.contains(field))
        box->interpretText();
      event->ignore();
      return true;
    }
    case QEvent::KeyPress: {
      auto* key = static_cast<QKeyEvent*>(event);
      if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
        goHome();  // losing focus commits the text
        return true;
      }
      if (key->key() == Qt::Key_Escape) {
        revert(field);
        goHome();
        return true;
      }
      if (isFieldKey(key) && !is_text_part) typing_.insert(field);
      break;
    }
    default:
      break;
  }
  return false;
}
