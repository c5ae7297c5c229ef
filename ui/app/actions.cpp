#include "ui/app/actions.h"

#include <QAction>
#include <QUndoStack>
#include <QWidget>

#include "ui/app/icons.h"

Actions::Actions(QWidget* window, QUndoStack* undo_stack) : window_(window) {
  newProject = make("newAction", tr("&New"), QKeySequence::New);
  open = make("openAction", tr("&Open…"), QKeySequence::Open);
  save = make("saveAction", tr("&Save"), QKeySequence::Save);
  saveAs = make("saveAsAction", tr("Save &As…"), QKeySequence::SaveAs);
  openModel = make("openModelAction", tr("Open &Model…"));
  openModel->setToolTip(tr("Generate with another model: Musa .safetensors, Magenta .mag or Magenta.js"));
  trainOnMyMusic = make("trainAction", tr("&Train on My Music…"));
  trainOnMyMusic->setToolTip(tr("Teach the model your own MIDI files, in the background"));
  importPrimer = make("importPrimerAction", tr("&Import Primer from MIDI…"), QKeySequence(tr("Ctrl+I")));
  exportTakes = make("exportAction", tr("&Export Kept Takes…"), QKeySequence(tr("Ctrl+E")));
  renderWav = make("renderWavAction", tr("Render Take to &WAV…"), QKeySequence(tr("Ctrl+Shift+E")));
  quit = make("quitAction", tr("&Quit"), QKeySequence::Quit);

  // One stack for the session: Ctrl+Z undoes the last primer edit or take edit, whichever came last.
  undo = undo_stack->createUndoAction(window, tr("&Undo"));
  undo->setObjectName(QStringLiteral("undoAction"));
  undo->setShortcuts(QKeySequence::Undo);
  redo = undo_stack->createRedoAction(window, tr("&Redo"));
  redo->setObjectName(QStringLiteral("redoAction"));
  redo->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
  window->addActions({undo, redo});
  selectAll = make("selectAllAction", tr("Select &All Notes"), QKeySequence::SelectAll);
  deleteNotes = make("deleteNotesAction", tr("&Delete Notes"), QKeySequence::Delete);
  monophonic = make("monophonicAction", tr("&Monophonic Primer"));
  monophonic->setCheckable(true);
  monophonic->setChecked(true);
  monophonic->setToolTip(tr("A new note cuts the one it overlaps: the model hears one note at a time"));
  clearPrimer = make("clearPrimerAction", tr("&Clear Primer"));

  generate = make("generateAction", tr("&Generate"), QKeySequence(tr("Ctrl+G")));
  generate->setIcon(Icons::generate());
  generate->setToolTip(tr("Generate takes from the primer (Ctrl+G)"));
  cancel = make("cancelAction", tr("&Cancel Generation"), QKeySequence::Cancel);
  cancel->setEnabled(false);
  regenerate = make("regenerateAction", tr("&Regenerate Selected Take"), QKeySequence(tr("Ctrl+R")));
  useAsPrimer = make("useAsPrimerAction", tr("&Use Selected Take as Primer"), QKeySequence(tr("Ctrl+U")));

  playPrimer = make("playPrimerAction", tr("Play &Primer"), QKeySequence(tr("P")));
  playPrimer->setIcon(Icons::play());
  playPrimer->setIconText(tr("Primer"));
  playPrimer->setToolTip(tr("Play the primer (P)"));
  playTake = make("playTakeAction", tr("Play/Stop Selected &Take"), QKeySequence(Qt::Key_Space));
  playLayered = make("playLayeredAction", tr("Play &Layered Takes"), QKeySequence(tr("L")));
  stop = make("stopAction", tr("&Stop"), QKeySequence(tr("Ctrl+.")));
  stop->setIcon(Icons::stop());
  stop->setToolTip(tr("Stop playback"));
  loop = make("loopAction", tr("L&oop Playback"), QKeySequence(tr("Ctrl+L")));
  loop->setCheckable(true);
  loop->setIcon(Icons::loop());
  loop->setToolTip(tr("Loop playback of primer and take"));
  keep = make("keepAction", tr("&Keep Selected Take"), QKeySequence(tr("K")));
  jackAutoconnect = make("jackAutoconnectAction", tr("Connect JACK Output to &System Playback"));
  jackAutoconnect->setCheckable(true);
  jackAutoconnect->setChecked(true);
  jackAutoconnect->setToolTip(
      tr("Under JACK, connect Musa's sound to the system's playback ports. "
         "Untick to connect it yourself (e.g. into a DAW)."));
  for (int i = 0; i < kNumberedTakes; ++i)
    playNumbered[size_t(i)] =
        make(QStringLiteral("playTake%1Action").arg(i + 1), tr("Take %1").arg(i + 1), takeKey(i));
  shortcuts = make("shortcutsAction", tr("&Keyboard Shortcuts"), QKeySequence::HelpContents);

  // Notes, the metronome and take transposition (issue 11's expected features), one block
  copyNotes = make("copyNotesAction", tr("&Copy Notes"), QKeySequence::Copy);
  pasteNotes = make("pasteNotesAction", tr("&Paste Notes"), QKeySequence::Paste);
  pasteNotes->setToolTip(tr("Paste at the playhead while the primer plays, else after the selection"));
  quantize8ths = make("quantize8thsAction", tr("&Quantize to 8ths"), QKeySequence(tr("Q")));
  quantize8ths->setToolTip(tr("Snap the selected notes (all when none is selected) to 8th notes"));
  quantizeQuarters = make("quantizeQuartersAction", tr("Quantize to Qua&rters"), QKeySequence(tr("Shift+Q")));
  metronome = make("metronomeAction", tr("&Metronome"), QKeySequence(tr("Ctrl+M")));
  metronome->setCheckable(true);
  metronome->setToolTip(tr("A click on every beat while the primer or takes play (Ctrl+M)"));
  transposeTakeUp = make("transposeTakeUpAction", tr("Transpose Take &Up"), QKeySequence(tr("Alt+Up")));
  transposeTakeDown =
      make("transposeTakeDownAction", tr("Transpose Take &Down"), QKeySequence(tr("Alt+Down")));

  showScore = make("showScoreAction", tr("Show &Score of Selected Take"), QKeySequence(tr("N")));
  showScore->setToolTip(tr("The selected take as notation: key, time signature, ties and rests (N)"));
  showPrimerScore = make("showPrimerScoreAction", tr("Show Primer as S&core"), QKeySequence(tr("Shift+N")));

  about = make("aboutAction", tr("&About Musa"));
  aboutQt = make("aboutQtAction", tr("About &Qt"));
}

QKeySequence Actions::takeKey(int index) {
  if (index < 0 || index >= kNumberedTakes) return {};
  // The digit row: ten takes on 1 … 0 as printed, the rest on the same keys with Shift.
  if (index < 10) return QKeySequence(Qt::Key_0 + (index + 1) % 10);
  return QKeySequence(Qt::SHIFT | Qt::Key(Qt::Key_1 + index - 10));
}

QAction* Actions::make(const QString& name, const QString& text, const QKeySequence& key) {
  auto* action = new QAction(text, window_);
  action->setObjectName(name);
  if (!key.isEmpty()) action->setShortcut(key);
  window_->addAction(action);  // shortcuts work even for actions only in a toolbar or in no menu
  return action;
}
