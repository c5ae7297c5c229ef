#include "ui/app/fileerror.h"

#include <QMessageBox>

void showFileError(QWidget* parent, const QString& title, const QString& text) {
  auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
  box->setObjectName(QStringLiteral("fileErrorBox"));
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}
