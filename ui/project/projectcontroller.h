#pragma once
// ProjectController: the session as a file — the current .musa file, the
// unsaved mark and the window title, recent files, New / Open / Save /
// Save As, the "save changes?" question, and the autosave with the offer to
// restore after a crash. A project is a value (core's musa::Project) made
// from the primer, the settings and the takes, and loaded back into them.

#include <QObject>
#include <QStringList>

#include "core/project/project.h"
#include "ui/app/appoptions.h"

class Autosaver;
class GenerationControls;
class GenerationController;
class PrimerDocument;
class QMenu;
class QSettings;
class QWidget;
class TakesDocument;

class ProjectController : public QObject {
  Q_OBJECT
 public:
  /** What a project is made of, and the window it belongs to (title, dialogs). */
  struct Parts {
    QWidget* window;
    PrimerDocument* primer;
    GenerationControls* controls;
    TakesDocument* takes;
    /** The model in use is recorded in the project, and a project's model is loaded with it (optional). */
    GenerationController* generation = nullptr;
  };
  ProjectController(const Parts& parts, const AppOptions& options);

  QString currentFile() const { return file_; }
  bool isDirty() const { return dirty_; }
  Autosaver* autosaver() const { return autosaver_; }

  /** The session as a project value, and back (the undo history starts afresh). */
  musa::Project snapshot() const;
  void loadSnapshot(const musa::Project& project);

  /** File → Open Recent: this menu lists the recent files from now on. */
  void setRecentMenu(QMenu* menu);
  void readSettings(const QSettings& settings);
  void writeSettings(QSettings& settings) const;

 public slots:
  void newProject();
  /** File → Open: asks for a file (after "save changes?"). */
  void open();
  bool openProject(const QString& path);
  bool save();
  bool saveAs();
  bool saveProjectAs(const QString& path);
  /** Unsaved changes: asks whether to save them; false when the musician cancels. */
  bool maybeSave();
  void markDirty();
  /** The session as it stands is the saved (or untitled, untouched) one: no unsaved mark. */
  void markClean();
  /** Called once at start: offers the autosave of a session that did not end cleanly, then starts autosaving.
   */
  void offerRestore();
  /** A clean exit: nothing to restore next time. */
  void endSession();

 signals:
  /** A project is about to replace the session: stop what plays and what generates. */
  void aboutToLoad();
  void statusMessage(const QString& text, int milliseconds);
  /** Something the musician should read (an autosave that failed). */
  void problem(const QString& message);

 private:
  void setClean();
  /** Loads the model a project names, unless it is the one in use. */
  void loadProjectModel(const QString& model);
  void updateTitle();
  void addRecentFile(const QString& path);
  void updateRecentMenu();

  Parts parts_;
  AppOptions::Restore restore_;
  Autosaver* autosaver_;
  QString file_;
  bool dirty_ = false;
  QStringList recent_files_;
  QMenu* recent_menu_ = nullptr;
};
