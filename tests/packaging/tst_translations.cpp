// ui::installTranslators: the catalogue for the user's language is loaded
// (Idlebell's own from the resources, Qt's from its translations folder) and
// strings translate. The locale comes from QLocale::setDefault in this process
// and from an environment the test sets itself in child processes, never from
// the machine's settings.

#include "ui/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QProcess>
#include <QTest>
#include <QTranslator>

#include <cstdio>

namespace {

QString tx(const char *context, const char *text, int n = -1)
{
    return QCoreApplication::translate(context, text, nullptr, n);
}

QString qtCatalogue(const char *lang)
{
    return QLibraryInfo::path(QLibraryInfo::TranslationsPath)
        + QStringLiteral("/qtbase_%1.qm").arg(QLatin1String(lang));
}

// Run as a child (IDLEBELL_TRANSLATIONS_CHILD set): install the translators
// for the environment's locale and print what a few strings become.
int childMain(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ui::installTranslators(app);
    std::printf("%s\n%s\n%s\n", qPrintable(tx("ui::Notifier", "New message")),
                qPrintable(tx("ui::Notifier", "%n new messages", 1)), qPrintable(tx("QPlatformTheme", "Cancel")));
    return 0;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QLocale::setDefault(QLocale::c()); }

    void germanFromDefaultLocale()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QStringList loaded = ui::installTranslators(*QCoreApplication::instance());
        QCOMPARE(loaded,
                 QStringList({QStringLiteral(":/i18n/idlebell_de.qm"), qtCatalogue("de"),
                              QStringLiteral(":/i18n/idlebell_en.qm")}));
        QCOMPARE(tx("ui::Notifier", "New message"), QStringLiteral("Neue Nachricht"));
        QCOMPARE(tx("ui::Notifier", "%n new messages", 1), QStringLiteral("1 neue Nachricht"));
        QCOMPARE(tx("ui::Notifier", "%n new messages", 3), QStringLiteral("3 neue Nachrichten"));
        // Qt's own strings (qt6-translations-l10n).
        QCOMPARE(tx("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
    }

    void frenchFromDefaultLocale()
    {
        QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
        const QStringList loaded = ui::installTranslators(*QCoreApplication::instance());
        QCOMPARE(loaded.value(0), QStringLiteral(":/i18n/idlebell_fr.qm"));
        QCOMPARE(tx("ui::Notifier", "New message"), QStringLiteral("Nouveau message"));
        // French takes the singular for 0 and 1.
        QCOMPARE(tx("ui::Notifier", "%n new messages", 0), QStringLiteral("0 nouveau message"));
        QCOMPARE(tx("ui::Notifier", "%n new messages", 2), QStringLiteral("2 nouveaux messages"));
        QCOMPARE(tx("QPlatformTheme", "Cancel"), QStringLiteral("Annuler"));
    }

    void regionalVariantFindsTheLanguage()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Switzerland));
        const QStringList loaded = ui::installTranslators(*QCoreApplication::instance());
        QCOMPARE(loaded.value(0), QStringLiteral(":/i18n/idlebell_de.qm"));
        QCOMPARE(tx("ui::Notifier", "New message"), QStringLiteral("Neue Nachricht"));
    }

    // English needs its plural forms too: the sources say "%n new messages".
    void englishPlurals()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        const QStringList loaded = ui::installTranslators(*QCoreApplication::instance());
        QCOMPARE(loaded.value(0), QStringLiteral(":/i18n/idlebell_en.qm"));
        QCOMPARE(loaded.count(QStringLiteral(":/i18n/idlebell_en.qm")), 1);
        QCOMPARE(tx("ui::Notifier", "New message"), QStringLiteral("New message"));
        QCOMPARE(tx("ui::Notifier", "%n new messages", 1), QStringLiteral("1 new message"));
        QCOMPARE(tx("ui::Notifier", "%n new messages", 2), QStringLiteral("2 new messages"));
    }

    // A language Idlebell has no catalogue for: English text, English plurals.
    void unknownLanguageFallsBackToEnglish()
    {
        QLocale::setDefault(QLocale(QLocale::Swahili, QLocale::Kenya));
        const QStringList loaded = ui::installTranslators(*QCoreApplication::instance());
        QVERIFY2(!loaded.contains(QStringLiteral(":/i18n/idlebell_de.qm")), qPrintable(loaded.join(u',')));
        QCOMPARE(loaded.value(loaded.size() - 1), QStringLiteral(":/i18n/idlebell_en.qm"));
        QCOMPARE(tx("ui::Notifier", "New message"), QStringLiteral("New message"));
        QCOMPARE(tx("ui::Notifier", "%n new messages", 1), QStringLiteral("1 new message"));
    }

    // A second call replaces the translators of the first.
    void callingAgainReplaces()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        ui::installTranslators(*QCoreApplication::instance());
        QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
        const QStringList loaded = ui::installTranslators(*QCoreApplication::instance());
        const auto mine
            = QCoreApplication::instance()->findChildren<QTranslator *>(QString(), Qt::FindDirectChildrenOnly);
        QCOMPARE(mine.size(), loaded.size());
        QCOMPARE(tx("ui::Notifier", "New message"), QStringLiteral("Nouveau message"));
    }

    // The environment decides as Qt reads it: LANGUAGE (a list, first match
    // wins) before LC_ALL, LC_MESSAGES and LANG.
    void environment_data()
    {
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("plural");
        QTest::addColumn<QString>("qt");
        QTest::newRow("LANGUAGE=de, LANG=C") << QStringList{"LANGUAGE=de", "LANG=C"} << "Neue Nachricht"
                                             << "1 neue Nachricht"
                                             << "Abbrechen";
        QTest::newRow("LANG=fr_FR.UTF-8") << QStringList{"LANG=fr_FR.UTF-8"} << "Nouveau message"
                                          << "1 nouveau message"
                                          << "Annuler";
        QTest::newRow("LC_ALL over LANG") << QStringList{"LC_ALL=de_DE.UTF-8", "LANG=fr_FR.UTF-8"} << "Neue Nachricht"
                                          << "1 neue Nachricht"
                                          << "Abbrechen";
        QTest::newRow("LANGUAGE over LANG") << QStringList{"LANGUAGE=fr_CA:de", "LANG=de_DE.UTF-8"} << "Nouveau message"
                                            << "1 nouveau message"
                                            << "Annuler";
        QTest::newRow("LANGUAGE, first language with a catalogue")
            << QStringList{"LANGUAGE=sw:de", "LANG=en_US.UTF-8"} << "Neue Nachricht"
            << "1 neue Nachricht"
            << "Abbrechen";
        QTest::newRow("LANG=C") << QStringList{"LANG=C"} << "New message"
                                << "1 new message"
                                << "Cancel";
        QTest::newRow("nothing set") << QStringList{} << "New message"
                                     << "1 new message"
                                     << "Cancel";
    }

    void environment()
    {
        QFETCH(QStringList, env);
        QFETCH(QString, text);
        QFETCH(QString, plural);
        QFETCH(QString, qt);
        QProcessEnvironment pe = QProcessEnvironment::systemEnvironment();
        for (const QString &key : pe.keys()) {
            if (key == u"LANGUAGE" || key == u"LANG" || key.startsWith(u"LC_"))
                pe.remove(key);
        }
        for (const QString &kv : std::as_const(env))
            pe.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
        pe.insert(QStringLiteral("IDLEBELL_TRANSLATIONS_CHILD"), QStringLiteral("1"));
        QProcess child;
        child.setProcessEnvironment(pe);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(30000));
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.exitCode(), 0);
        const QStringList lines = QString::fromUtf8(child.readAllStandardOutput()).split(u'\n');
        QCOMPARE(lines.value(0), text);
        QCOMPARE(lines.value(1), plural);
        QCOMPARE(lines.value(2), qt);
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet("IDLEBELL_TRANSLATIONS_CHILD"))
        return childMain(argc, argv);
    QCoreApplication app(argc, argv);
    TestTranslations test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_translations.moc"
