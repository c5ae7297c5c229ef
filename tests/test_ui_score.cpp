// Scores from the window: the export dialog writes MusicXML (one score per
// take, or one with a part per take) that parses and is valid against the
// MusicXML schema, in the takes' key; a take and the primer open as a
// painted score (N, Shift+N, the card's "Show Score"), several systems for
// many bars. With MUSA_SHOTS set, the scores are saved there as PNGs.
#include <QAction>
#include <QFile>
#include <QMenu>
#include <QRadioButton>
#include <QXmlStreamReader>
#include <QtTest>

#include "core/project/take_session.h"
#include "test_main.h"
#include "tests/musicxml_test_support.h"
#include "tests/ui_test_support.h"
#include "ui/app/actions.h"
#include "ui/app/mainwindow.h"
#include "ui/primer/primerdocument.h"
#include "ui/takes/exportdialog.h"
#include "ui/takes/scoreview.h"
#include "ui/takes/takecard.h"
#include "ui/takes/takeexporter.h"
#include "ui/takes/takegrid.h"
#include "ui/takes/takesdocument.h"

namespace {

/** A take in C minor: a bar of primer (C), then E♭ held across the bar line, A♭ and B♭. */
musa::Take cMinorTake() {
  std::vector<int> events = musa::melody_line({{60, 16}, {63, 24}, {68, 4}, {70, 4}, {72, 16}});
  musa::Take take = musa::take_from_events(events, 16);
  take.key = musa::Key{0, musa::Mode::natural_minor};
  return take;
}

/** What a MusicXML file holds: parts, pitched notes, flats written as <alter>-1, and key signatures. */
struct ScoreSummary {
  bool well_formed = false;
  int parts = 0, notes = 0, flats = 0, ties = 0;
  QStringList fifths, part_names;
};

ScoreSummary summarize(const QString& path) {
  ScoreSummary s;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return s;
  QXmlStreamReader xml(&file);
  while (!xml.atEnd()) {
    if (xml.readNext() != QXmlStreamReader::StartElement) continue;
    const auto name = xml.name();
    if (name == QLatin1String("part")) ++s.parts;
    if (name == QLatin1String("pitch")) ++s.notes;
    if (name == QLatin1String("tie") &&
        xml.attributes().value(QLatin1String("type")) == QLatin1String("start"))
      ++s.ties;
    if (name == QLatin1String("alter") && xml.readElementText() == QLatin1String("-1")) ++s.flats;
    if (name == QLatin1String("fifths")) s.fifths << xml.readElementText();
    if (name == QLatin1String("part-name")) s.part_names << xml.readElementText();
  }
  s.well_formed = !xml.hasError();
  return s;
}

/** A 16-bar take in C minor after a bar of primer: steps, leaps, ledger lines, rests, dotted values. */
musa::Take longCMinorTake() {
  std::vector<std::pair<int, int>> notes = {{60, 4}, {63, 4}, {67, 8}};  // the primer's bar
  const std::pair<int, int> figure[] = {{67, 3}, {68, 1},  {70, 2},  {72, 2},  {75, 6}, {-1, 2},  {74, 4},
                                        {71, 4}, {72, 12}, {63, 2},  {62, 2},  {60, 6}, {55, 2},  {56, 8},
                                        {79, 4}, {-1, 4},  {84, 16}, {-1, 16}, {53, 8}, {58, 10}, {57, 6}};
  for (int round = 0; round < 2; ++round) notes.insert(notes.end(), std::begin(figure), std::end(figure));
  std::vector<int> events;
  for (const auto& [pitch, steps] : notes) {
    events.push_back(pitch);
    events.insert(events.end(), size_t(steps - 1), musa::kMelodyNoEvent);
  }
  events.resize(17 * 16, musa::kMelodyNoEvent);
  musa::Take take = musa::take_from_events(events, 16);
  take.key = musa::Key{0, musa::Mode::natural_minor};
  return take;
}

/** How many pixels of the view are ink (dark), not paper. */
int inkPixels(QWidget* view) {
  const QImage image = view->grab().toImage();
  int ink = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) ink += qGray(image.pixel(x, y)) < 100;
  return ink;
}

void saveShot(QWidget* widget, const QString& name) {
  const QString folder = qEnvironmentVariable("MUSA_SHOTS");
  if (!folder.isEmpty()) widget->grab().save(QDir(folder).filePath(name));
}

}  // namespace

class TestUiScore : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString model_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    model_ = ui_test::makeTinyModel(dir_);
    QVERIFY(!model_.isEmpty());
  }

  void exportWritesMusicXml() {
    MainWindow window(ui_test::options(dir_, model_));
    std::vector<musa::SessionTake> cards(3);
    cards[0].take = cMinorTake();
    cards[2].take = cMinorTake();
    cards[2].program = 40;  // a violin
    window.takes()->load(cards, 3);
    ExportChoice choice;
    choice.takes = ExportChoice::Takes::All;
    choice.musicxml = true;
    choice.folder = dir_.filePath(QStringLiteral("scores"));
    const QStringList files = window.exporter()->exportTakes(choice);
    QCOMPARE(files.size(), 2);
    QVERIFY(files[0].endsWith(QStringLiteral("musa-take-01.musicxml")));
    QVERIFY(files[1].endsWith(QStringLiteral("musa-take-03.musicxml")));
    const ScoreSummary one = summarize(files[0]);
    QVERIFY(one.well_formed);
    QCOMPARE(one.parts, 1);
    QCOMPARE(one.fifths, QStringList{QStringLiteral("-3")});  // C minor: three flats
    QCOMPARE(one.notes, 6);  // C, E♭ (tied over the bar line: two notes), A♭, B♭, C
    QCOMPARE(one.ties, 1);
    QCOMPARE(one.flats, 4);  // E♭ twice, A♭, B♭ are spelled flat
    if (xmllint().empty()) QFAIL("xmllint not found: install libxml2-utils (./setup.sh test does)");
    QFile file(files[0]);
    QVERIFY(file.open(QIODevice::ReadOnly));
    std::string why;
    QTemporaryDir check;
    QVERIFY2(schema_valid(file.readAll().toStdString(), check, why), why.c_str());

    choice.multitrack = true;  // one score, a part per take
    const QStringList score = window.exporter()->exportTakes(choice);
    QCOMPARE(score.size(), 1);
    QVERIFY(score[0].endsWith(QStringLiteral("musa-takes.musicxml")));
    const ScoreSummary both = summarize(score[0]);
    QVERIFY(both.well_formed);
    QCOMPARE(both.parts, 2);
    QCOMPARE(both.part_names, (QStringList{QStringLiteral("Take 1"), QStringLiteral("Take 3")}));
  }

  void dialogOffersMusicXml() {
    ExportChoice initial;
    initial.musicxml = true;
    ExportDialog dialog(1, 0, 3, 4, initial);
    QVERIFY(dialog.choice().musicxml);
    auto* musicxml = dialog.findChild<QRadioButton*>(QStringLiteral("musicxmlFormat"));
    QVERIFY(musicxml && musicxml->isChecked());
    auto* one_file = dialog.findChild<QRadioButton*>(QStringLiteral("oneFile"));
    QVERIFY(one_file->text().contains(QStringLiteral(".musicxml")));
    const auto buttons = dialog.findChildren<QRadioButton*>();
    for (QRadioButton* b : buttons)
      if (b->text().startsWith(QStringLiteral("MIDI"))) b->setChecked(true);
    QVERIFY(!dialog.choice().musicxml);
    QVERIFY(one_file->text().contains(QStringLiteral(".mid")));
  }

  void takeOpensAsAScore() {
    MainWindow window(ui_test::options(dir_, model_));
    std::vector<musa::SessionTake> cards(2);
    cards[0].take = longCMinorTake();
    cards[1].take = cMinorTake();
    window.takes()->load(cards, 2);
    window.show();
    ScoreDialog* dialog = window.showTakeScore(0);
    QVERIFY(dialog);
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Take 1 — C minor"));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    ScoreView* view = dialog->view();
    QCOMPARE(int(view->staff().bars.size()), 17);
    QCOMPARE(view->staff().fifths, -3);
    QVERIFY2(view->systemCount() >= 4, qPrintable(QString::number(view->systemCount())));  // 17 bars wrap
    QVERIFY(view->height() >= view->heightForWidth(view->width()) - 1);  // every system is reachable
    QVERIFY(inkPixels(view) > 3000);
    saveShot(dialog, QStringLiteral("u-score-take.png"));
    // A narrower window: fewer bars a line, more lines.
    const int wide = view->barsPerSystem();
    dialog->resize(dialog->width() / 2, dialog->height());
    QTest::qWait(50);
    QVERIFY(view->barsPerSystem() < wide);
    dialog->close();

    // N opens the selected take's score; the card's menu has "Show Score"; empty cards have none.
    window.takes()->setCurrent(1);
    QCOMPARE(window.showTakeScore(5), nullptr);
    const int before = window.findChildren<ScoreDialog*>().size();
    window.actionSet().showScore->trigger();
    QCOMPARE(window.findChildren<ScoreDialog*>().size(), before + 1);
    bool in_menu = false;
    for (QAction* action : window.takeGrid()->card(1)->menu()->actions())
      if (action->text() == QStringLiteral("Show Score")) {
        in_menu = true;
        action->trigger();
      }
    QVERIFY(in_menu);
    QCOMPARE(window.findChildren<ScoreDialog*>().size(), before + 2);
  }

  void primerOpensAsAScore() {
    MainWindow window(ui_test::options(dir_, model_));
    window.show();
    const QString title = window.showPrimerScore()->windowTitle();
    QVERIFY2(title.startsWith(QStringLiteral("Primer — ")), qPrintable(title));
    window.actionSet().showPrimerScore->trigger();
    const auto dialogs = window.findChildren<ScoreDialog*>();
    QCOMPARE(dialogs.size(), 2);
    QVERIFY(!dialogs.back()->view()->staff().bars.empty());
  }
};

MUSA_TEST_MAIN(TestUiScore)
#include "test_ui_score.moc"
