// Restarts and crashes, of the server and of the app:
//  - the server says BYE (doveadm kick; a private Dovecot restarted): the
//    session reconnects by itself and mail that came meanwhile is reported
//    once;
//  - the real `idlebell --headless` is restarted between deliveries and
//    SIGKILLed right after printing a notification: on the next start exactly
//    the mail that came meanwhile is reported, never the one before the crash;
//  - a corrupt state file: a warning, no crash, first-run semantics, the
//    garbage kept aside.
// Users 31, 39 and 40 of the shared fixture (see DovecotFixture.h); a private
// instance for the restart.

#include "session/ImapSession.h"
#include "session/SslTransport.h"
#include "support/DovecotFixture.h"
#include "support/FaultProxy.h"
#include "support/TestImapClient.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace session;
using namespace testsupport;
using namespace std::chrono_literals;

namespace {

constexpr int kWaitMs = 15000;

// The app, headless, reading its JSON lines as they come.
class Headless
{
public:
    explicit Headless(const QString &config)
    {
        m_process.setProgram(QString::fromLocal8Bit(qgetenv("IDLEBELL_BINARY")));
        m_process.setArguments({QStringLiteral("--headless"), QStringLiteral("--config"), config});
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

    // The next event named `event` (and with key == value, if given) not
    // returned before. Reads stdout as it comes; returns the moment the line
    // is there.
    std::optional<QJsonObject> waitFor(const QString &event, const QString &key = {}, const QString &value = {},
                                       int ms = kWaitMs)
    {
        QDeadlineTimer deadline(ms);
        for (;;) {
            qsizetype &next = m_next[event + QLatin1Char('\n') + key + QLatin1Char('\n') + value];
            while (next < m_events.size()) {
                const QJsonObject o = m_events[next++];
                if (o.value(QStringLiteral("event")).toString() == event
                    && (key.isEmpty() || o.value(key).toVariant().toString() == value))
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
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            if (!doc.isObject()) {
                qWarning() << "not a JSON line:" << line;
                ++m_badLines;
                continue;
            }
            m_events.append(doc.object());
        }
    }
    QStringList subjectsOf(const QString &event) const
    {
        QStringList out;
        for (const auto &o : m_events)
            if (o.value(QStringLiteral("event")).toString() == event)
                out << o.value(QStringLiteral("subject")).toString();
        return out;
    }
    QList<QJsonObject> eventsNamed(const QString &event) const
    {
        QList<QJsonObject> out;
        for (const auto &o : m_events)
            if (o.value(QStringLiteral("event")).toString() == event)
                out << o;
        return out;
    }
    void killHard()
    {
        ::kill(pid_t(m_process.processId()), SIGKILL);
        m_process.waitForFinished(5000);
        readLines();
    }
    int terminate()
    {
        ::kill(pid_t(m_process.processId()), SIGTERM);
        if (!m_process.waitForFinished(10000))
            return -1;
        readLines();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    int badLines() const { return m_badLines; }
    QString describe() const
    {
        return QStringLiteral("stdout:\n%1\nstderr (tail):\n%2")
            .arg(QString::fromUtf8(m_stdout), QString::fromUtf8(m_stderr.right(3000)));
    }

private:
    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
    qsizetype m_parsed = 0;
    QList<QJsonObject> m_events;
    QHash<QString, qsizetype> m_next;
    int m_badLines = 0;
};

// One session and what it said.
struct Watched
{
    QString name;
    const DovecotFixture *dc = nullptr;
    int user = 0;
    std::unique_ptr<ImapSession> session;
    std::unique_ptr<QSignalSpy> errors;
    std::unique_ptr<QSignalSpy> messages;
    std::unique_ptr<QSignalSpy> states;

    QList<SessionError> errorList() const
    {
        QList<SessionError> out;
        for (const auto &args : *errors)
            out << args.at(0).value<SessionError>();
        return out;
    }
    QStringList subjects() const
    {
        QStringList out;
        for (const auto &args : *messages)
            for (const auto &m : args.at(0).value<QList<MessageSummary>>())
                out << m.subject;
        return out;
    }
    QString describe() const
    {
        QStringList s;
        for (const auto &args : *states)
            s << stateName(args.at(0).value<State>());
        QStringList e;
        for (const auto &err : errorList())
            e << QStringLiteral("%1 (retry %2 in %3 ms): %4")
                     .arg(errorKindName(err.kind))
                     .arg(err.willRetry)
                     .arg(err.retryIn.count())
                     .arg(err.message);
        return QStringLiteral("%1: states %2; errors %3; subjects %4")
            .arg(name, s.join(QLatin1Char(' ')), e.join(QStringLiteral(" | ")), subjects().join(QStringLiteral(", ")));
    }
};

std::optional<quint32> append(const DovecotFixture &dc, int user, const QByteArray &subject)
{
    TestImapClient client;
    if (!client.connectTo(dc, TestImapClient::Security::Tls)) {
        qWarning() << client.lastError();
        return std::nullopt;
    }
    if (!client.login(dc.userName(user), dc.password(user)).ok())
        return std::nullopt;
    TestImapClient::Response r;
    const auto uid = client.append(QStringLiteral("INBOX"),
                                   TestImapClient::makeMessage("Crash <crash@example.org>", subject, "body"), {}, &r);
    if (!uid)
        qWarning() << r.describe();
    client.logout();
    return uid;
}

} // namespace

class TestCrash : public QObject
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

    std::unique_ptr<Watched> watch(const QString &name, const DovecotFixture &dc, int user)
    {
        auto w = std::make_unique<Watched>();
        w->name = name;
        w->dc = &dc;
        w->user = user;
        SessionConfig c;
        c.host = dc.host();
        c.port = dc.imapsPort();
        c.security = Security::Tls;
        c.username = dc.userName(user);
        c.password = dc.password(user);
        c.tls.caFile = dc.caCertPath();
        c.connectTimeout = 3s;
        c.commandTimeout = 5s;
        c.doneTimeout = 2s;
        c.clientName = name;
        w->session = std::make_unique<ImapSession>(c, std::make_unique<SslTransport>());
        w->session->setBackoff(Backoff(Backoff::Policy{200ms, 2s}));
        w->errors = std::make_unique<QSignalSpy>(w->session.get(), &ImapSession::errorOccurred);
        w->messages = std::make_unique<QSignalSpy>(w->session.get(), &ImapSession::newMessages);
        w->states = std::make_unique<QSignalSpy>(w->session.get(), &ImapSession::stateChanged);
        return w;
    }

    static bool waitForState(ImapSession &s, State state, int ms = kWaitMs)
    {
        return waitUntil([&] { return s.state() == state; }, ms);
    }

    // A full sync and back to IDLE: anything that was going to be reported
    // twice is reported by then.
    static bool settle(Watched &w)
    {
        if (!waitForState(*w.session, State::Idling))
            return false;
        const qsizetype before = w.states->count();
        w.session->checkNow();
        return waitUntil(
            [&] {
                bool synced = false;
                for (qsizetype i = before; i < w.states->count(); ++i)
                    synced = synced || w.states->at(i).at(0).value<State>() == State::Syncing;
                return synced && w.session->state() == State::Idling;
            },
            kWaitMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<QList<MessageSummary>>();
        qRegisterMetaType<SessionError>();
        qRegisterMetaType<State>();
        QVERIFY(m_dir.isValid());
        QVERIFY2(!qEnvironmentVariableIsEmpty("IDLEBELL_BINARY"), "IDLEBELL_BINARY is set by CTest");
        m_dovecot = DovecotFixture::requireFixture();
        QVERIFY(m_dovecot);
    }

    // The server ends the session with a BYE: an admin's doveadm kick on the
    // shared instance, and a restart of a private instance. (Both at once:
    // after a BYE the session waits at least 30 s before it tries again, so
    // each alone takes half a minute.) Each session reconnects by itself; the
    // message that arrived while it waited is reported once, and so is the
    // next one.
    void serverByeReconnects()
    {
        QString error;
        std::optional<DovecotFixture> restarted = DovecotFixture::startPrivate(&error);
        QVERIFY2(restarted, qPrintable(error));
        QVERIFY(m_dovecot->clearMailbox(31).ok());
        std::vector<std::unique_ptr<Watched>> all;
        all.push_back(watch(QStringLiteral("kick/user31"), *m_dovecot, 31));
        all.push_back(watch(QStringLiteral("restart/user32"), *restarted, 32));
        for (auto &w : all) {
            w->session->start();
            QVERIFY2(waitForState(*w->session, State::Idling), qPrintable(w->describe()));
        }

        const auto kicked = m_dovecot->kick(31);
        QVERIFY2(kicked.ok(), qPrintable(kicked.describe()));
        const auto restart = restarted->restart();
        QVERIFY2(restart.ok(), qPrintable(restart.describe()));

        for (auto &w : all) {
            QVERIFY2(waitUntil([&] { return !w->errors->isEmpty(); }, kWaitMs), qPrintable(w->describe()));
            const SessionError e = w->errorList().first();
            QVERIFY2(e.willRetry, qPrintable(w->describe()));
            QVERIFY2(e.kind == SessionError::Kind::ServerUnavailable || e.kind == SessionError::Kind::Network,
                     qPrintable(w->describe()));
            QVERIFY(append(*w->dc, w->user, "while away"));
        }
        for (auto &w : all) {
            const auto retryIn = w->errorList().first().retryIn;
            QVERIFY2(waitForState(*w->session, State::Idling, int(retryIn.count()) + kWaitMs),
                     qPrintable(w->describe()));
            QVERIFY2(waitUntil([&] { return w->subjects().contains(QStringLiteral("while away")); }, kWaitMs),
                     qPrintable(w->describe()));
            QVERIFY(append(*w->dc, w->user, "after"));
        }
        for (auto &w : all) {
            QVERIFY2(waitUntil([&] { return w->subjects().contains(QStringLiteral("after")); }, kWaitMs),
                     qPrintable(w->describe()));
            QVERIFY2(settle(*w), qPrintable(w->describe()));
            QCOMPARE(w->subjects(), (QStringList{QStringLiteral("while away"), QStringLiteral("after")}));
            QCOMPARE(w->errors->count(), 1);
            w->session->stop();
        }
    }

    // Between deliveries the app is stopped (SIGTERM) or killed (SIGKILL the
    // moment it printed a "new" line). Each time it starts again it reports
    // exactly the message that came while it was away: never again the one it
    // had announced before it died (its state file is written before it goes
    // back to its event loop), and none is lost.
    void restartAndCrashBetweenDeliveries()
    {
        const int user = 39;
        QVERIFY(m_dovecot->clearMailbox(user).ok());
        QVERIFY(append(*m_dovecot, user, "before the first start"));
        const QString config = writeConfig(user, QStringLiteral("crash"));
        QVERIFY(!config.isEmpty());

        auto app = std::make_unique<Headless>(config);
        QVERIFY(app->started());
        QVERIFY2(app->waitFor(QStringLiteral("idling")), qPrintable(app->describe()));
        QVERIFY2(app->subjectsOf(QStringLiteral("new")).isEmpty(), qPrintable(app->describe())); // first run

        const QStringList rounds{QStringLiteral("TERM"), QStringLiteral("KILL"), QStringLiteral("KILL"),
                                 QStringLiteral("TERM"), QStringLiteral("KILL"), QStringLiteral("KILL")};
        for (int i = 0; i < rounds.size(); ++i) {
            const QString announced = QStringLiteral("announced %1").arg(i);
            const QString meanwhile = QStringLiteral("meanwhile %1").arg(i);
            QVERIFY(append(*m_dovecot, user, announced.toUtf8()));
            QVERIFY2(app->waitFor(QStringLiteral("new"), QStringLiteral("subject"), announced),
                     qPrintable(app->describe()));
            if (rounds[i] == QStringLiteral("KILL"))
                app->killHard(); // at once: no LOGOUT, no clean exit
            else
                QCOMPARE(app->terminate(), 0);
            QCOMPARE(app->subjectsOf(QStringLiteral("new")).count(announced), 1);
            QCOMPARE(app->badLines(), 0);

            QVERIFY(append(*m_dovecot, user, meanwhile.toUtf8()));
            app = std::make_unique<Headless>(config);
            QVERIFY(app->started());
            // Everything the start-up sync finds is printed before "idling".
            QVERIFY2(app->waitFor(QStringLiteral("idling")), qPrintable(app->describe()));
            QVERIFY2(app->subjectsOf(QStringLiteral("new")) == QStringList{meanwhile},
                     qPrintable(QStringLiteral("round %1 (%2): ").arg(i).arg(rounds[i]) + app->describe()));
        }
        QCOMPARE(app->terminate(), 0);
    }

    // Garbage in the state file: a warning line, no crash; the sessions run
    // as on a first run (old mail is not reported, new mail is); the garbage
    // is kept aside for a person to look at; a good state file replaces it.
    void corruptStateFile()
    {
        const int user = 40;
        QVERIFY(m_dovecot->clearMailbox(user).ok());
        QVERIFY(append(*m_dovecot, user, "old"));
        const QString config = writeConfig(user, QStringLiteral("corrupt"));
        QVERIFY(!config.isEmpty());
        const QString statePath = config + QStringLiteral(".state.json");
        QByteArray garbage("\x00\xff{\"version\": 1, \"accounts\": {\"corrupt\": [[[", 44);
        for (int i = 0; i < 64; ++i)
            garbage += char(0x80 + (i * 37) % 128);
        {
            QFile f(statePath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(garbage), garbage.size());
        }

        Headless app(config);
        QVERIFY(app.started());
        const auto warning = app.waitFor(QStringLiteral("warning"));
        QVERIFY2(warning, qPrintable(app.describe()));
        // It names the file and where the garbage went.
        const QString reason = warning->value(QStringLiteral("reason")).toString();
        QVERIFY2(reason.contains(statePath) && reason.contains(QStringLiteral(".corrupt-")), qPrintable(reason));
        QVERIFY2(app.waitFor(QStringLiteral("idling")), qPrintable(app.describe()));
        QVERIFY2(app.subjectsOf(QStringLiteral("new")).isEmpty(), qPrintable(app.describe()));
        QVERIFY(append(*m_dovecot, user, "fresh"));
        QVERIFY2(app.waitFor(QStringLiteral("new"), QStringLiteral("subject"), QStringLiteral("fresh")),
                 qPrintable(app.describe()));
        QVERIFY(app.isRunning());
        QCOMPARE(app.terminate(), 0);
        QCOMPARE(app.subjectsOf(QStringLiteral("new")), QStringList{QStringLiteral("fresh")});
        QCOMPARE(app.eventsNamed(QStringLiteral("error")).size(), 0);

        // Set aside, byte for byte.
        const QFileInfo info(statePath);
        const QStringList aside = info.dir().entryList({info.fileName() + QStringLiteral(".corrupt-*")}, QDir::Files);
        QCOMPARE(aside.size(), 1);
        QFile kept(info.dir().filePath(aside.first()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), garbage);
        // And a state file that can be read again.
        QFile state(statePath);
        QVERIFY(state.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(state.readAll()).isObject());
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
