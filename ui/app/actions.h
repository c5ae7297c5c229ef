#pragma once
// Actions: every command of the window as a typed QAction member, shared by
// the menus, the toolbars and the shortcuts (Qt's "Application" example).
// Code reaches an action through its member, never by name; the objectNames
// ("generateAction", "playTake3Action", …) are only for tests and tools.

#include <QCoreApplication>
#include <QKeySequence>
#include <array>

class QAction;
class QUndoStack;
class QWidget;

class Actions {
  Q_DECLARE_TR_FUNCTIONS(Actions)

 public:
  /** Number-key actions: 1 … 9, 0 play takes 1 … 10, Shift+1 … Shift+6 takes 11 … 16. */
  static constexpr int kNumberedTakes = 16;
  /** The key that plays take `index` (0-based); empty past the numbered takes. */
  static QKeySequence takeKey(int index);

  /**
   * Creates the actions as children of `window`, which also gets them (so
   * their shortcuts work in no menu); Undo and Redo follow `undo_stack`.
   */
  Actions(QWidget* window, QUndoStack* undo_stack);

  // File
  QAction* newProject;
  QAction* open;
  QAction* save;
  QAction* saveAs;
  QAction* openModel;
  QAction* trainOnMyMusic;
  QAction* importPrimer;
  QAction* exportTakes;
  QAction* renderWav;
  QAction* quit;
  // Edit
  QAction* undo;
  QAction* redo;
  QAction* selectAll;
  QAction* deleteNotes;
  QAction* clearPrimer;
  QAction* monophonic;  ///< checkable
  // Generate
  QAction* generate;
  QAction* cancel;
  QAction* regenerate;
  QAction* useAsPrimer;
  // Play
  QAction* playPrimer;
  QAction* playTake;  ///< play/stop the selected take
  QAction* playLayered;
  QAction* stop;
  QAction* loop;  ///< checkable
  QAction* keep;
  QAction* jackAutoconnect;  ///< checkable: JACK output to the system playback ports
  std::array<QAction*, kNumberedTakes> playNumbered{};
  // Notes, the metronome and take transposition (issue 11's expected features), one block
  QAction* copyNotes;         ///< Edit: the selected primer notes
  QAction* pasteNotes;        ///< Edit: at the playhead, or after the selection
  QAction* quantize8ths;      ///< Edit: the selected notes (or all) to 8ths
  QAction* quantizeQuarters;  ///< Edit: … to quarters
  QAction* metronome;         ///< Play, checkable: a click on every beat while the primer or takes play
  QAction* transposeTakeUp;   ///< Play: the selected take a semitone up
  QAction* transposeTakeDown;
  // Scores (issue 15)
  QAction* showScore;        ///< Generate: the selected take as a score (N)
  QAction* showPrimerScore;  ///< Generate: the primer as a score (Shift+N)
  // Help
  QAction* shortcuts;  ///< the keyboard shortcuts page
  QAction* about;
  QAction* aboutQt;

 private:
  QAction* make(const QString& name, const QString& text, const QKeySequence& key = {});
  QAction* make(const char* name, const QString& text, const QKeySequence& key = {}) {
    return make(QString::fromLatin1(name), text, key);
  }

  QWidget* window_;
};
