#pragma once
// PrimerImporter: a primer from a MIDI file. It reads the file, finds the
// melodies in it (core's primer_import, Magenta's melody extractor), lets
// the musician choose when there are several, and replaces the primer as
// one undo step. A file it cannot use gives a box naming the file; a melody
// too long for a primer is said at once, with its first bars offered.

#include <QObject>

#include "core/project/primer_import.h"

class PrimerDocument;
class QWidget;

class PrimerImporter : public QObject {
  Q_OBJECT
 public:
  /** Dialogs open over `window`. */
  PrimerImporter(QWidget* window, PrimerDocument* primer);

  /** Reads a .mid file; with several melodies, `candidate` −1 asks (a dialog), −2 takes the proposal. */
  bool importPrimer(const QString& path, int candidate = -1);

 public slots:
  /** File → Import Primer from MIDI: asks for the file. */
  void importDialog();

 private:
  /** A melody longer than a primer can be: says so and offers its first bars; true to use them. */
  bool offerFirstBars(const QString& file_name, const musa::PrimerCandidate& melody);

  QWidget* window_;
  PrimerDocument* primer_;
};
