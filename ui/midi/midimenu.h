#pragma once
// MidiMenu: the MIDI menu (UX.md "Live") — Input and Output ports, thru and
// where it goes, jam mode, metronome and count-in — and the ● Rec action the
// toolbar shares. It only shows the MidiController's state and forwards the
// musician's choices; the port lists are rebuilt when devices come and go.

#include <QMenu>

class MidiController;
class QAction;
class QActionGroup;

class MidiMenu : public QMenu {
  Q_OBJECT
 public:
  explicit MidiMenu(MidiController* controller, QWidget* parent = nullptr);

  /** ● Rec: checked while recording; for the toolbar. */
  QAction* recordAction() const { return record_; }
  QMenu* inputMenu() const { return inputs_; }
  QMenu* outputMenu() const { return outputs_; }
  QAction* thruAction() const { return thru_; }
  QAction* jamAction() const { return jam_; }
  QAction* metronomeAction() const { return metronome_; }
  QAction* countInAction() const { return count_in_; }

 private:
  void rebuildPorts();
  void syncChecks();
  /** Fills a port menu with "None" and the ports; `group` makes its choices exclusive (rebuilt each time). */
  void fillPortMenu(QMenu* menu, QActionGroup*& group, const QStringList& ports, const QString& chosen,
                    bool input);
  QAction* addToggle(const QString& name, const QString& text, const QString& tip);

  MidiController* controller_;
  QMenu* inputs_;
  QMenu* outputs_;
  QActionGroup* input_group_ = nullptr;
  QActionGroup* output_group_ = nullptr;
  QMenu* thru_to_;
  QAction* thru_;
  QAction* to_synth_;
  QAction* to_port_;
  QMenu* play_to_;
  QActionGroup* play_to_group_;
  QAction* jam_;
  QAction* metronome_;
  QAction* count_in_;
  QAction* record_;
};
