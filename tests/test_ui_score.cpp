// Scores from the window: the export dialog writes MusicXML (one score per
// take, or one with a part per take) that parses and is valid against the
// MusicXML schema, in the takes' key.
#include <QFile>
#include <QRadioButton>
#include <QXmlStreamReader>
#include <QtTest>

#include "core/project/take_session.h"
#include "tests/musicxml_test_support.h"
#include "tests/ui_test_support.h"
#include "ui/app/mainwindow.h"
#include "ui/takes/exportdialog.h"
#include "ui/takes/takeexporter.h"
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
    if (name == QLatin1String("tie") && xml.attributes().value(QLatin1String("type")) == QLatin1String("start"))
      ++s.ties;
    if (name == QLatin1String("alter") && xml.readElementText() == QLatin1String("-1")) ++s.flats;
    if (name == QLatin1String("fifths")) s.fifths << xml.readElementText();
    if (name == QLatin1String("part-name")) s.part_names << xml.readElementText();
  }
  s.well_formed = !xml.hasError();
  return s;
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
    QCOMPARE(one.notes, 6);   // C, E♭ (tied over the bar line: two notes), A♭, B♭, C
    QCOMPARE(one.ties, 1);
    QCOMPARE(one.flats, 4);   // E♭ twice, A♭, B♭ are spelled flat
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
};

QTEST_MAIN(TestUiScore)
#include "test_ui_score.moc"
