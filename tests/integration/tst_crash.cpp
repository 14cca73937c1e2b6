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
#include "support/FixtureAccounts.h"
#include "support/HeadlessIdlebell.h"
#include "support/SessionTestUtil.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace session;
using namespace testsupport;
using namespace std::chrono_literals;

namespace {

constexpr int kWaitMs = 15000;

// One session and what it said.
struct Watched
{
    QString name;
    const DovecotFixture *dc = nullptr;
    int user = 0;
    std::unique_ptr<ImapSession> session;
    std::unique_ptr<SessionRecorder> recorder;

    QString describe() const { return name + QStringLiteral(": ") + recorder->describe(); }
};

std::optional<quint32> append(const DovecotFixture &dc, int user, const QByteArray &subject)
{
    return appendMessage(dc, user, "Crash <crash@example.org>", subject);
}

} // namespace

class TestCrash : public QObject
{
    Q_OBJECT

    std::optional<DovecotFixture> m_dovecot;
    QTemporaryDir m_dir;

    QString writeConfig(int user, const QString &name)
    {
        return writeAccountConfig(*m_dovecot, user, m_dir.path(), name, QStringLiteral("Test ") + name);
    }

    std::unique_ptr<Watched> watch(const QString &name, const DovecotFixture &dc, int user)
    {
        auto w = std::make_unique<Watched>();
        w->name = name;
        w->dc = &dc;
        w->user = user;
        SessionConfig c = fixtureSessionConfig(dc, user);
        c.connectTimeout = 3s;
        c.commandTimeout = 5s;
        c.doneTimeout = 2s;
        c.clientName = name;
        w->session = std::make_unique<ImapSession>(c, std::make_unique<SslTransport>());
        w->session->setBackoff(Backoff(Backoff::Policy{200ms, 2s}));
        w->recorder = std::make_unique<SessionRecorder>(w->session.get());
        return w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        registerSessionMetaTypes();
        QVERIFY(m_dir.isValid());
        QVERIFY2(!qEnvironmentVariableIsEmpty("IDLEBELL_BINARY"), "IDLEBELL_BINARY is set by CTest");
        m_dovecot = DovecotFixture::requireFixture();
        QVERIFY(m_dovecot);
    }

    // The server ends the session with a BYE: an admin's doveadm kick on the
    // shared instance, and a restart of a private instance. (Both at once, so
    // that a BYE read as "busy", which waits at least 30 s, costs the suite
    // half a minute once, not twice.) Each session reconnects by itself; the
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
            QVERIFY2(w->recorder->waitForErrors(1, kWaitMs), qPrintable(w->describe()));
            const SessionError e = w->recorder->errors().first();
            QVERIFY2(e.willRetry, qPrintable(w->describe()));
            QVERIFY2(e.kind == SessionError::Kind::ServerUnavailable || e.kind == SessionError::Kind::Network,
                     qPrintable(w->describe()));
            QVERIFY(append(*w->dc, w->user, "while away"));
        }
        for (auto &w : all) {
            const auto retryIn = w->recorder->errors().first().retryIn;
            QVERIFY2(waitForState(*w->session, State::Idling, int(retryIn.count()) + kWaitMs),
                     qPrintable(w->describe()));
            QVERIFY2(w->recorder->waitForSubject(QStringLiteral("while away"), kWaitMs), qPrintable(w->describe()));
            QVERIFY(append(*w->dc, w->user, "after"));
        }
        for (auto &w : all) {
            QVERIFY2(w->recorder->waitForSubject(QStringLiteral("after"), kWaitMs), qPrintable(w->describe()));
            QVERIFY2(settle(*w->session, *w->recorder), qPrintable(w->describe()));
            QCOMPARE(w->recorder->subjects(), (QStringList{QStringLiteral("while away"), QStringLiteral("after")}));
            QCOMPARE(w->recorder->errorCount(), 1);
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

        auto app = std::make_unique<HeadlessIdlebell>(config);
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
            app = std::make_unique<HeadlessIdlebell>(config);
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

        HeadlessIdlebell app(config);
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
