// Reliability: the IMAP engine (ImapSession over the real SslTransport) against
// the real Dovecot while the link or the server misbehaves. Faults come from a
// FaultProxy between the session and Dovecot (RST, FIN, a black hole, a
// server that never greets or never answers DONE, byte-by-byte traffic,
// delays) or from the server itself (a private instance that is stopped and
// started). Every scenario asserts the outcome: the errors (kind, willRetry,
// retryIn), that the session reconnected by itself, and that mail is reported
// exactly once. (A server's BYE, kick or restart, and the app's own crash are
// in tst_crash.cpp.)
// Users 32-38 of the shared fixture; a private instance where Dovecot stops.

#include "session/ImapSession.h"
#include "session/SslTransport.h"
#include "support/DovecotFixture.h"
#include "support/FaultProxy.h"
#include "support/FixtureAccounts.h"
#include "support/SessionTestUtil.h"
#include "support/TestImapClient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace session;
using namespace testsupport;
using namespace std::chrono_literals;

namespace {

// Delivers a message straight into a Maildir, the way an MTA does while the
// IMAP server is down.
bool deliverToMaildir(const DovecotFixture &dc, int user, const QByteArray &message)
{
    const QString maildir = dc.directory() + QStringLiteral("/home/") + dc.userName(user) + QStringLiteral("/Maildir");
    const QString name = QStringLiteral("%1.M%2P%3.idlebell-test")
                             .arg(QDateTime::currentSecsSinceEpoch())
                             .arg(QRandomGenerator::global()->generate())
                             .arg(::getpid());
    const QString tmp = maildir + QStringLiteral("/tmp/") + name;
    QDir().mkpath(maildir + QStringLiteral("/tmp"));
    QDir().mkpath(maildir + QStringLiteral("/new"));
    QFile f(tmp);
    if (!f.open(QIODevice::WriteOnly) || f.write(message) != message.size())
        return false;
    f.close();
    if (::geteuid() == 0) {
        const uid_t uid = uid_t(dc.value(QStringLiteral("MAIL_UID")).toUInt());
        const gid_t gid = gid_t(dc.value(QStringLiteral("MAIL_GID")).toUInt());
        if (::chown(QFile::encodeName(tmp).constData(), uid, gid) != 0)
            return false;
    }
    return QFile::rename(tmp, maildir + QStringLiteral("/new/") + name);
}

// The proxy's own target in the self-check: greets, then echoes.
class EchoServer : public QObject
{
public:
    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                s->write("HELLO\r\n");
                connect(s, &QTcpSocket::readyRead, s, [s] { s->write(s->readAll()); });
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }

private:
    QTcpServer m_server;
};

// A client socket that counts its reads.
struct Client
{
    QTcpSocket socket;
    QByteArray received;
    int reads = 0;
    bool closed = false;
    explicit Client(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, [this] {
            received += socket.readAll();
            ++reads;
        });
        QObject::connect(&socket, &QTcpSocket::disconnected, [this] { closed = true; });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }
    bool waitFor(const QByteArray &bytes, int ms = 5000)
    {
        return waitUntil([&] { return received.contains(bytes); }, ms);
    }
};

// How a raw socket's connection ended: 0 for a FIN (EOF), else the errno
// (ECONNRESET for a RST); -1 if it did not end within the time.
int rawEnding(int fd, int ms)
{
    int result = -1;
    waitUntil(
        [&] {
            if (result != -1)
                return true; // waitUntil asks once more at the end
            char buf[512];
            const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n == 0) {
                result = 0;
                return true;
            }
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                result = errno;
                return true;
            }
            return false;
        },
        ms);
    return result;
}

int rawConnect(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

} // namespace

class TestReliability : public QObject
{
    Q_OBJECT

    std::optional<DovecotFixture> m_dovecot;

    // Short timeouts and a fast backoff: the faults here are about recovery,
    // not about the default timings.
    SessionConfig config(const DovecotFixture &dc, int user, const FaultProxy *proxy = nullptr) const
    {
        SessionConfig c = fixtureSessionConfig(dc, user);
        if (proxy) {
            c.host = proxy->host(); // 127.0.0.1: the certificate has that IP too
            c.port = proxy->port();
        }
        c.connectTimeout = 3s;
        c.commandTimeout = 5s;
        c.doneTimeout = 2s;
        c.clientName = QStringLiteral("rel/%1").arg(c.username);
        return c;
    }

    static std::unique_ptr<ImapSession> makeSession(const SessionConfig &c)
    {
        auto s = std::make_unique<ImapSession>(c, std::make_unique<SslTransport>());
        s->setBackoff(Backoff(Backoff::Policy{200ms, 2s}));
        return s;
    }

    static std::optional<quint32> append(const DovecotFixture &dc, int user, const QByteArray &subject)
    {
        return appendMessage(dc, user, "Rel <rel@example.org>", subject);
    }

    bool clean(int user) { return cleanMailbox(*m_dovecot, user); }

private Q_SLOTS:
    void initTestCase()
    {
        registerSessionMetaTypes();
        m_dovecot = DovecotFixture::requireFixture();
        QVERIFY(m_dovecot);
    }

    // The tool itself, against an in-process echo server: each mode does
    // what FaultProxy.h says, so the scenarios below test the session.
    void faultProxySelfCheck()
    {
        EchoServer echo;
        QVERIFY(echo.listen());
        FaultProxy proxy(QStringLiteral("127.0.0.1"), echo.port());
        QVERIFY(proxy.listen());
        QSignalSpy accepted(&proxy, &FaultProxy::connectionAccepted);

        // Pass, counters, waiting for a connection.
        {
            Client c(proxy.port());
            QVERIFY(proxy.waitForNextConnection(5000));
            QVERIFY(c.waitFor("HELLO\r\n"));
            c.socket.write("ping");
            QVERIFY(c.waitFor("ping"));
            QCOMPARE(proxy.acceptedCount(), 1);
            QCOMPARE(accepted.count(), 1);
            QCOMPARE(proxy.bytesToServer(), 4);
            QCOMPARE(proxy.bytesToClient(), 11);
        }
        // Fragment: 300 bytes arrive in many reads.
        {
            proxy.setFragmentGap(1ms);
            proxy.setMode(FaultProxy::Mode::Fragment);
            Client c(proxy.port());
            QVERIFY(c.waitFor("HELLO\r\n"));
            const int before = c.reads;
            const QByteArray payload(300, 'f');
            c.socket.write(payload);
            QVERIFY(c.waitFor(payload, 10000));
            QVERIFY2(c.reads - before > 50, qPrintable(QString::number(c.reads - before)));
        }
        // Delay: both ways, order kept.
        {
            proxy.setDelayMode(100ms);
            Client c(proxy.port());
            QVERIFY(c.waitFor("HELLO\r\n"));
            QElapsedTimer t;
            t.start();
            c.socket.write("one,");
            c.socket.write("two");
            QVERIFY(c.waitFor("one,two"));
            QVERIFY2(t.elapsed() >= 190, qPrintable(QString::number(t.elapsed()))); // 100 ms each way
        }
        // HoldGreeting: the server's bytes wait; the client's get through.
        {
            proxy.setMode(FaultProxy::Mode::HoldGreeting);
            Client c(proxy.port());
            c.socket.write("x");
            QVERIFY(!waitUntil([&] { return !c.received.isEmpty(); }, 300));
            proxy.setMode(FaultProxy::Mode::Pass);
            QVERIFY(c.waitFor("HELLO\r\nx"));
        }
        // BlackHole on one connection only: nothing either way, no close;
        // the other connection passes.
        {
            Client dead(proxy.port());
            QVERIFY(dead.waitFor("HELLO\r\n"));
            Client alive(proxy.port());
            QVERIFY(alive.waitFor("HELLO\r\n"));
            QVERIFY(proxy.setConnectionMode(proxy.acceptedCount() - 2, FaultProxy::Mode::BlackHole));
            dead.socket.write("lost");
            alive.socket.write("kept");
            QVERIFY(alive.waitFor("kept"));
            QVERIFY(!waitUntil([&] { return dead.received.contains("lost") || dead.closed; }, 300));
            QCOMPARE(dead.socket.state(), QAbstractSocket::ConnectedState);
        }
        // CutRst and CloseFin, on open connections and on new ones.
        for (auto mode : {FaultProxy::Mode::CutRst, FaultProxy::Mode::CloseFin}) {
            proxy.setMode(FaultProxy::Mode::Pass);
            const int open = rawConnect(proxy.port());
            QVERIFY(open >= 0);
            QVERIFY(proxy.waitForConnections(proxy.acceptedCount() + 1, 5000));
            char hello[7];
            QVERIFY(waitUntil([&] { return ::recv(open, hello, sizeof hello, MSG_DONTWAIT | MSG_PEEK) == 7; }, 5000));
            proxy.setMode(mode);
            const int expected = mode == FaultProxy::Mode::CutRst ? ECONNRESET : 0;
            QCOMPARE(rawEnding(open, 5000), expected);
            ::close(open);
            const int later = rawConnect(proxy.port());
            QVERIFY(later >= 0);
            QCOMPARE(rawEnding(later, 5000), expected);
            ::close(later);
        }
        // Refuse: the port is closed (ECONNREFUSED), then open again.
        proxy.setMode(FaultProxy::Mode::Refuse);
        QCOMPARE(rawConnect(proxy.port()), -1);
        proxy.setMode(FaultProxy::Mode::Pass);
        Client back(proxy.port());
        QVERIFY(back.waitFor("HELLO\r\n"));
    }

    // The link is cut under the idling session, with a RST or a FIN; the
    // proxy refuses reconnects for a while, and mail arrives meanwhile. Once
    // the link passes again the session is back by itself, and both that mail
    // and later mail are reported once.
    void cutDuringIdle_data()
    {
        QTest::addColumn<int>("user");
        QTest::addColumn<FaultProxy::Mode>("cut");
        QTest::newRow("RST") << 32 << FaultProxy::Mode::CutRst;
        QTest::newRow("FIN") << 33 << FaultProxy::Mode::CloseFin;
    }
    void cutDuringIdle()
    {
        QFETCH(int, user);
        QFETCH(FaultProxy::Mode, cut);
        QVERIFY(clean(user));
        FaultProxy proxy(m_dovecot->host(), m_dovecot->imapsPort());
        QVERIFY2(proxy.listen(), qPrintable(proxy.errorString()));
        auto s = makeSession(config(*m_dovecot, user, &proxy));
        SessionRecorder r(s.get());
        s->start();
        QVERIFY2(waitForState(*s, State::Idling), qPrintable(r.describe()));
        QCOMPARE(proxy.acceptedCount(), 1);

        proxy.setMode(cut);                                     // this connection now, and every reconnect attempt
        QVERIFY2(r.waitForErrors(2), qPrintable(r.describe())); // the cut, and a refused attempt
        const SessionError first = r.errors().first();
        QCOMPARE(first.kind, SessionError::Kind::Network);
        QVERIFY(first.willRetry);
        QVERIFY(append(*m_dovecot, user, "while cut"));

        proxy.setMode(FaultProxy::Mode::Pass);
        QVERIFY2(r.waitForSubject(QStringLiteral("while cut")), qPrintable(r.describe()));
        QVERIFY(append(*m_dovecot, user, "after"));
        QVERIFY2(r.waitForSubject(QStringLiteral("after")), qPrintable(r.describe()));
        QVERIFY2(settle(*s, r), qPrintable(r.describe()));
        QCOMPARE(r.subjects(), (QStringList{QStringLiteral("while cut"), QStringLiteral("after")}));
        for (const SessionError &e : r.errors())
            QVERIFY2(e.willRetry && e.kind == SessionError::Kind::Network, qPrintable(r.describe()));
        QVERIFY(!r.states().contains(State::Failed));
        QCOMPARE(s->snapshot().unseen, 2u);
        s->stop();
    }

    // A dead link (no FIN, no RST; the proxy's kernel still ACKs, so TCP
    // keepalive cannot tell): the IDLE refresh's DONE goes unanswered and the
    // session gives up on the connection within idleRefresh + doneTimeout. It
    // keeps trying while the link is dead (connect timeouts) and is back once
    // it passes; mail that arrived in the dark is reported once.
    void blackHoleDetected()
    {
        const int user = 34;
        QVERIFY(clean(user));
        FaultProxy proxy(m_dovecot->host(), m_dovecot->imapsPort());
        QVERIFY(proxy.listen());
        SessionConfig c = config(*m_dovecot, user, &proxy);
        c.idleRefresh = 1s;
        c.doneTimeout = 1s;
        c.connectTimeout = 1s;
        auto s = makeSession(c);
        SessionRecorder r(s.get());
        s->start();
        QVERIFY2(waitForState(*s, State::Idling), qPrintable(r.describe()));

        proxy.setMode(FaultProxy::Mode::BlackHole);
        // Found well within a generous bound (1 s refresh + 1 s DONE timeout).
        QVERIFY2(r.waitForErrors(1, 10000), qPrintable(r.describe()));
        const SessionError first = r.errors().first();
        QCOMPARE(first.kind, SessionError::Kind::Timeout);
        QVERIFY(first.willRetry);
        QVERIFY2(first.message.contains(QStringLiteral("DONE")), qPrintable(first.message));
        QVERIFY(append(*m_dovecot, user, "in the dark"));
        // Reconnect attempts into the black hole time out too, and retry.
        QVERIFY2(r.waitForErrors(2, 10000), qPrintable(r.describe()));
        QCOMPARE(r.errors().at(1).kind, SessionError::Kind::Timeout);
        QVERIFY(r.errors().at(1).willRetry);
        QVERIFY(proxy.acceptedCount() >= 2);

        proxy.setMode(FaultProxy::Mode::Pass);
        QVERIFY2(r.waitForSubject(QStringLiteral("in the dark")), qPrintable(r.describe()));
        QVERIFY2(settle(*s, r), qPrintable(r.describe()));
        QCOMPARE(r.subjects(), QStringList{QStringLiteral("in the dark")});
        QVERIFY(!r.states().contains(State::Failed));
        s->stop();
    }

    // The server accepts the TCP connection but never sends its greeting
    // (nor the TLS handshake): the connect timeout fires, the session
    // retries, and gets through once the server speaks.
    void greetingNeverSent()
    {
        const int user = 35;
        FaultProxy proxy(m_dovecot->host(), m_dovecot->imapsPort());
        QVERIFY(proxy.listen());
        proxy.setMode(FaultProxy::Mode::HoldGreeting);
        SessionConfig c = config(*m_dovecot, user, &proxy);
        c.connectTimeout = 1s;
        auto s = makeSession(c);
        SessionRecorder r(s.get());
        s->start();
        QVERIFY2(r.waitForErrors(1, 10000), qPrintable(r.describe()));
        const SessionError first = r.errors().first();
        QCOMPARE(first.kind, SessionError::Kind::Timeout);
        QVERIFY(first.willRetry);
        QVERIFY(waitForState(*s, State::Reconnecting) || s->state() == State::Connecting);
        QVERIFY(proxy.acceptedCount() >= 1);
        QCOMPARE(proxy.bytesToClient(), 0);

        proxy.setMode(FaultProxy::Mode::Pass);
        QVERIFY2(waitForState(*s, State::Idling), qPrintable(r.describe()));
        QVERIFY(!r.states().contains(State::Failed));
        QCOMPARE(r.states().first(), State::Connecting);
        s->stop();
    }

    // DONE is sent at the IDLE refresh, and its tagged OK never comes back:
    // the link is dead (black hole), or the server's answer is held
    // (DONE reached Dovecot, which answered; the answer never arrives). The
    // DONE timeout ends the connection; the next connection is fine, and new
    // mail is reported once.
    void doneNeverAnswered_data()
    {
        QTest::addColumn<int>("user");
        QTest::addColumn<FaultProxy::Mode>("fault");
        QTest::newRow("black hole") << 35 << FaultProxy::Mode::BlackHole;
        QTest::newRow("server answer held") << 36 << FaultProxy::Mode::HoldGreeting;
    }
    void doneNeverAnswered()
    {
        QFETCH(int, user);
        QFETCH(FaultProxy::Mode, fault);
        QVERIFY(clean(user));
        FaultProxy proxy(m_dovecot->host(), m_dovecot->imapsPort());
        QVERIFY(proxy.listen());
        SessionConfig c = config(*m_dovecot, user, &proxy);
        c.idleRefresh = 2s;
        c.doneTimeout = 1s;
        auto s = makeSession(c);
        SessionRecorder r(s.get());
        // The moment the first connection is idling, only that connection
        // goes bad; reconnects pass.
        bool faulted = false;
        connect(s.get(), &ImapSession::stateChanged, this, [&](State state) {
            if (state == State::Idling && !faulted)
                faulted = proxy.setConnectionMode(0, fault);
        });
        s->start();
        QVERIFY2(r.waitForErrors(1, 10000), qPrintable(r.describe()));
        QVERIFY(faulted);
        const SessionError first = r.errors().first();
        QCOMPARE(first.kind, SessionError::Kind::Timeout);
        QVERIFY(first.willRetry);
        QVERIFY2(first.message.contains(QStringLiteral("DONE")), qPrintable(first.message));

        QVERIFY2(waitForState(*s, State::Idling), qPrintable(r.describe()));
        QCOMPARE(proxy.acceptedCount(), 2);
        QVERIFY(append(*m_dovecot, user, "after the stall"));
        QVERIFY2(r.waitForSubject(QStringLiteral("after the stall")), qPrintable(r.describe()));
        QVERIFY2(settle(*s, r), qPrintable(r.describe()));
        QCOMPARE(r.subjects(), QStringList{QStringLiteral("after the stall")});
        QCOMPARE(r.errorCount(), 1);
        s->stop();
    }

    // Traffic that arrives one byte per segment (TLS handshake included), or
    // 50 ms late each way: everything still works, counts are right, new
    // mail is reported once.
    void slowOrFragmentedLink_data()
    {
        QTest::addColumn<int>("user");
        QTest::addColumn<FaultProxy::Mode>("mode");
        QTest::newRow("byte by byte") << 37 << FaultProxy::Mode::Fragment;
        QTest::newRow("50 ms each way") << 38 << FaultProxy::Mode::Delay;
    }
    void slowOrFragmentedLink()
    {
        QFETCH(int, user);
        QFETCH(FaultProxy::Mode, mode);
        QVERIFY(clean(user));
        QVERIFY(append(*m_dovecot, user, "old one"));
        QVERIFY(append(*m_dovecot, user, "old two"));
        FaultProxy proxy(m_dovecot->host(), m_dovecot->imapsPort());
        QVERIFY(proxy.listen());
        proxy.setDelay(50ms);
        proxy.setFragmentGap(1ms);
        proxy.setMode(mode);
        SessionConfig c = config(*m_dovecot, user, &proxy);
        c.connectTimeout = 30s; // a TLS handshake byte by byte takes a few seconds
        c.commandTimeout = 30s;
        auto s = makeSession(c);
        SessionRecorder r(s.get());
        s->start();
        QVERIFY2(waitForState(*s, State::Idling, 40000), qPrintable(r.describe()));
        QCOMPARE(s->snapshot().exists, 2u);
        QCOMPARE(s->snapshot().unseen, 2u);
        QVERIFY(append(*m_dovecot, user, "through the slow link"));
        QVERIFY2(r.waitForSubject(QStringLiteral("through the slow link"), 30000), qPrintable(r.describe()));
        QVERIFY2(settle(*s, r), qPrintable(r.describe()));
        QCOMPARE(r.subjects(), QStringList{QStringLiteral("through the slow link")});
        QCOMPARE(s->snapshot().exists, 3u);
        QCOMPARE(s->snapshot().unseen, 3u);
        QCOMPARE(r.errorCount(), 0);
        QCOMPARE(proxy.acceptedCount(), 1);
        QVERIFY(proxy.bytesToClient() > 1000); // the TLS handshake and IMAP went through it
        QVERIFY(proxy.bytesToServer() > 300);
        s->stop();
    }

    // The server goes away for a while (a private Dovecot, stopped): while it
    // is down every attempt fails and the retry delay grows; mail delivered
    // meanwhile (straight into the Maildir, as an MTA would) is reported
    // exactly once when it is back; and the backoff starts from the bottom
    // again after that success.
    void serverDownThenBack()
    {
        QString error;
        std::optional<DovecotFixture> dc = DovecotFixture::startPrivate(&error);
        QVERIFY2(dc, qPrintable(error));
        const int user = 31;
        FaultProxy proxy(dc->host(), dc->imapsPort());
        QVERIFY(proxy.listen());
        SessionConfig c = config(*dc, user, &proxy);
        c.healthyAfter = 200ms; // a session this old has earned a fresh backoff
        auto s = makeSession(c);
        SessionRecorder r(s.get());
        s->start();
        QVERIFY2(waitForState(*s, State::Idling), qPrintable(r.describe()));

        // The server goes down. (The link is made silent first so that its
        // BYE does not reach the session: this is a host going away, and the
        // BYE path is tst_crash's serverByeReconnects' business. Then the
        // connection breaks.)
        proxy.setMode(FaultProxy::Mode::BlackHole);
        const auto stopped = dc->stop();
        QVERIFY2(stopped.ok(), qPrintable(stopped.describe()));
        proxy.setMode(FaultProxy::Mode::Pass);
        proxy.resetAll();
        QVERIFY(
            deliverToMaildir(*dc, user, TestImapClient::makeMessage("Mta <mta@example.org>", "while down", "queued")));

        // At least three attempts fail (the proxy cannot reach the server and
        // resets the client), each waiting longer than the one before.
        QVERIFY2(r.waitForErrors(4), qPrintable(r.describe()));
        const QList<SessionError> errors = r.errors();
        for (const SessionError &e : errors) {
            QVERIFY2(e.willRetry, qPrintable(r.describe()));
            QCOMPARE(e.kind, SessionError::Kind::Network);
        }
        // Backoff {200 ms, 2 s}: ceilings 200, 400, 800, 1600, 2000 ms; below 1 s
        // the delay is the ceiling itself.
        QCOMPARE(errors[0].retryIn, 200ms);
        QCOMPARE(errors[1].retryIn, 400ms);
        QCOMPARE(errors[2].retryIn, 800ms);
        QVERIFY2(errors[3].retryIn >= 1000ms && errors[3].retryIn <= 1600ms, qPrintable(r.describe()));
        QVERIFY(proxy.acceptedCount() >= 4);

        const auto started = dc->start();
        QVERIFY2(started.ok(), qPrintable(started.describe()));
        QVERIFY2(r.waitForSubject(QStringLiteral("while down")), qPrintable(r.describe()));
        QVERIFY(append(*dc, user, "back again"));
        QVERIFY2(r.waitForSubject(QStringLiteral("back again")), qPrintable(r.describe()));
        QVERIFY2(settle(*s, r), qPrintable(r.describe()));
        QCOMPARE(r.subjects(), (QStringList{QStringLiteral("while down"), QStringLiteral("back again")}));

        // Healthy for longer than healthyAfter: the next failure starts the
        // backoff over. (Waiting longer is harmless; "back again" alone may be
        // announced within milliseconds of the first IDLE, so wait for it.)
        QTest::qWait(int(2 * c.healthyAfter.count()));
        QCOMPARE(s->state(), State::Idling);
        const int before = r.errorCount();
        proxy.resetAll();
        QVERIFY2(r.waitForErrors(before + 1), qPrintable(r.describe()));
        QCOMPARE(r.errors().at(before).retryIn, 200ms);
        QVERIFY2(waitForState(*s, State::Idling), qPrintable(r.describe()));
        s->stop();
    }
};

QTEST_GUILESS_MAIN(TestReliability)
#include "tst_reliability.moc"
