// The real `idlebell --headless --config FILE` against the real Dovecot:
// the README's promise that a new message prints a line the moment it
// arrives, that a restart repeats nothing, and that no password is printed.
// Users 61-70 of the fixture.

#include "support/DovecotFixture.h"
#include "support/FixtureAccounts.h"
#include "support/HeadlessIdlebell.h"
#include "support/TestImapClient.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

namespace {

// The app with its protocol trace on: proves the trace redacts the password.
class Headless : public HeadlessIdlebell
{
public:
    explicit Headless(const QString &config)
        : HeadlessIdlebell(config, traceOn())
    { }

private:
    static QProcessEnvironment traceOn()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("idlebell.*=true"));
        return env;
    }
};

} // namespace

class TestHeadless : public QObject
{
    Q_OBJECT

    std::optional<DovecotFixture> m_dovecot;
    QTemporaryDir m_dir;

    QString writeConfig(int user, const QString &name)
    {
        return writeAccountConfig(*m_dovecot, user, m_dir.path(), name, QStringLiteral("Test ") + name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!qEnvironmentVariableIsEmpty("IDLEBELL_BINARY"), "IDLEBELL_BINARY is set by CTest");
        m_dovecot = DovecotFixture::requireFixture();
        QVERIFY(m_dovecot);
    }

    void newMessagePrintsALine()
    {
        const int user = 61;
        QVERIFY(m_dovecot->clearMailbox(user).ok());
        TestImapClient client;
        QVERIFY(client.connectTo(*m_dovecot, TestImapClient::Security::Tls));
        QVERIFY(client.login(m_dovecot->userName(user), m_dovecot->password(user)).ok());
        QVERIFY(client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("old@example.org", "old", "x")));

        const QString config = writeConfig(user, QStringLiteral("work"));
        QVERIFY(!config.isEmpty());
        QByteArray output;
        {
            Headless app(config);
            QVERIFY(app.started());
            QVERIFY(app.waitFor(QStringLiteral("connected")));
            QVERIFY(app.waitFor(QStringLiteral("idling"), QStringLiteral("account"), QStringLiteral("work")));
            const auto unread = app.waitFor(QStringLiteral("unread"));
            QVERIFY(unread);
            QCOMPARE(unread->value(QStringLiteral("unread")).toInt(), 1);

            QVERIFY(client.append(QStringLiteral("INBOX"),
                                  TestImapClient::makeMessage("Ada <ada@example.org>", "Headless hello", "x")));
            const auto line = app.waitFor(QStringLiteral("new"));
            QVERIFY(line);
            QCOMPARE(line->value(QStringLiteral("account")).toString(), QStringLiteral("work"));
            QCOMPARE(line->value(QStringLiteral("from")).toString(), QStringLiteral("Ada"));
            QCOMPARE(line->value(QStringLiteral("address")).toString(), QStringLiteral("ada@example.org"));
            QCOMPARE(line->value(QStringLiteral("subject")).toString(), QStringLiteral("Headless hello"));
            QCOMPARE(line->value(QStringLiteral("mailbox")).toString(), QStringLiteral("INBOX"));
            QVERIFY(line->value(QStringLiteral("uid")).toInt() > 0);
            QVERIFY(!line->value(QStringLiteral("date")).toString().isEmpty());
            const auto two = app.waitFor(QStringLiteral("unread"));
            QVERIFY(two);
            QCOMPARE(two->value(QStringLiteral("unread")).toInt(), 2);
            QCOMPARE(app.terminate(), 0);
            QCOMPARE(app.eventsNamed(QStringLiteral("new")).size(), 1);
            QCOMPARE(app.badLines(), 0);
            output += app.allOutput();
        }
        // Started again: the old message is not repeated; one that arrived
        // meanwhile is reported once.
        QVERIFY(client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("b@example.org", "meanwhile", "x")));
        {
            Headless app(config);
            QVERIFY(app.started());
            QVERIFY(app.waitFor(QStringLiteral("idling")));
            const auto line = app.waitFor(QStringLiteral("new"), {}, {}, 2000);
            QVERIFY(!line || line->value(QStringLiteral("subject")).toString() == QStringLiteral("meanwhile"));
            QCOMPARE(app.terminate(), 0);
            const auto news = app.eventsNamed(QStringLiteral("new"));
            QCOMPARE(news.size(), 1);
            QCOMPARE(news[0].value(QStringLiteral("subject")).toString(), QStringLiteral("meanwhile"));
            output += app.allOutput();
        }
        QVERIFY2(!output.contains(m_dovecot->password(user).toUtf8()), "the password leaked into the output");
        QVERIFY(output.contains("AUTHENTICATE")); // the trace was on
    }

    void wrongPasswordIsAnErrorLine()
    {
        const int user = 62;
        const QString config = writeConfig(user, QStringLiteral("wrong"));
        QFile pw(m_dir.filePath(QStringLiteral("wrong.pw")));
        QVERIFY(pw.open(QIODevice::WriteOnly | QIODevice::Truncate));
        pw.write("ib-definitely-wrong\n");
        pw.close();
        Headless app(config);
        QVERIFY(app.started());
        const auto error = app.waitFor(QStringLiteral("error"));
        QVERIFY(error);
        QCOMPARE(error->value(QStringLiteral("kind")).toString(), QStringLiteral("authentication"));
        QCOMPARE(error->value(QStringLiteral("willRetry")).toBool(), false);
        QVERIFY(app.waitFor(QStringLiteral("failed")));
        QCOMPARE(app.terminate(), 0);
        QVERIFY(!app.allOutput().contains("ib-definitely-wrong"));
    }

    void noAccountIsAClearError()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty.conf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        Headless app(path);
        QVERIFY(app.started());
        const auto error = app.waitFor(QStringLiteral("error"));
        QVERIFY(error);
        QCOMPARE(error->value(QStringLiteral("kind")).toString(), QStringLiteral("configuration"));
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
