// The real `idlebell --headless --config FILE` against the real Dovecot:
// the README's promise that a new message prints a line the moment it
// arrives, that a restart repeats nothing, and that no password is printed.
// Users 61-70 of the fixture.

#include "support/DovecotFixture.h"
#include "support/TestImapClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace testsupport;

namespace {

constexpr int kWaitMs = 15000;

class Headless
{
public:
    explicit Headless(const QString &config)
    {
        m_process.setProgram(QString::fromLocal8Bit(qgetenv("IDLEBELL_BINARY")));
        m_process.setArguments({QStringLiteral("--headless"), QStringLiteral("--config"), config});
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // Protocol trace on: proves the trace redacts the password.
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("idlebell.*=true"));
        m_process.setProcessEnvironment(env);
        m_process.start();
    }
    ~Headless()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    bool started() { return m_process.waitForStarted(5000); }

    // The next event matching `event` (and, if given, a field value) that was
    // not returned before, in the order printed; reads stdout as it comes.
    std::optional<QJsonObject> waitFor(const QString &event, const QString &key = {}, const QString &value = {},
                                       int ms = kWaitMs)
    {
        QDeadlineTimer deadline(ms);
        for (;;) {
            qsizetype &next = m_next[event];
            while (next < m_events.size()) {
                const QJsonObject o = m_events[next++];
                if (o.value(QStringLiteral("event")).toString() == event
                    && (key.isEmpty() || o.value(key).toString() == value))
                    return o;
            }
            if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
                return std::nullopt;
            m_process.waitForReadyRead(int(std::max<qint64>(1, std::min<qint64>(200, deadline.remainingTime()))));
            readLines();
        }
    }
    void readLines()
    {
        m_stdout += m_process.readAllStandardOutput();
        m_stderr += m_process.readAllStandardError();
        qsizetype nl;
        while ((nl = m_stdout.indexOf('\n', m_parsed)) >= 0) {
            const QByteArray line = m_stdout.mid(m_parsed, nl - m_parsed);
            m_parsed = nl + 1;
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
            if (error.error != QJsonParseError::NoError || !doc.isObject()) {
                qWarning() << "not a JSON line:" << line;
                m_badLines++;
                continue;
            }
            m_events.append(doc.object());
        }
    }
    QList<QJsonObject> eventsNamed(const QString &event) const
    {
        QList<QJsonObject> out;
        for (const auto &o : m_events)
            if (o.value(QStringLiteral("event")).toString() == event)
                out << o;
        return out;
    }
    int terminate()
    {
        ::kill(pid_t(m_process.processId()), SIGTERM);
        if (!m_process.waitForFinished(10000))
            return -1;
        readLines();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    QByteArray allOutput() const { return m_stdout + m_stderr; }
    int badLines() const { return m_badLines; }

private:
    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
    qsizetype m_parsed = 0;
    QList<QJsonObject> m_events;
    QHash<QString, qsizetype> m_next; // per event name
    int m_badLines = 0;
};

} // namespace

class TestHeadless : public QObject
{
    Q_OBJECT

    std::optional<DovecotFixture> m_dovecot;
    QTemporaryDir m_dir;

    QString writeConfig(int user, const QString &name)
    {
        const QString passwordFile = m_dir.filePath(name + QStringLiteral(".pw"));
        QFile pw(passwordFile);
        if (!pw.open(QIODevice::WriteOnly))
            return {};
        pw.write(m_dovecot->password(user).toUtf8() + '\n');
        pw.close();
        const QString path = m_dir.filePath(name + QStringLiteral(".conf"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(QStringLiteral("[account.%1]\n"
                               "name=Test %1\n"
                               "host=%2\n"
                               "port=%3\n"
                               "security=tls\n"
                               "username=%4\n"
                               "caFile=%5\n"
                               "passwordCommand=cat %6\n")
                    .arg(name, m_dovecot->host())
                    .arg(m_dovecot->imapsPort())
                    .arg(m_dovecot->userName(user), m_dovecot->caCertPath(), passwordFile)
                    .toUtf8());
        return path;
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
