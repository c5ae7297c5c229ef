#pragma once
// A file could not be read or written: a warning box that names the file
// and the problem, window-modal but not blocking, so the work on screen
// stays as it was. objectName "fileErrorBox" (tests find it).

class QString;
class QWidget;

void showFileError(QWidget* parent, const QString& title, const QString& text);
