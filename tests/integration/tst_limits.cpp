// Bounded resources: ImapSession over the real SslTransport against a
// hostile FakeImapServer on a real socket (tests/support). A server that
// announces a 4 GiB literal, never ends a line, streams valid untagged data
// without ever answering, nests lists without end, or trickles one byte every
// 100 ms must end in a clear SessionError (Protocol or Timeout, retrying) and
// a reconnect attempt, with the process's memory bounded (VmRSS grows by less
// than 64 MiB while the server offers 200 MB) and without reading what the
// server offers to the end.

#include "session/ImapSession.h"
#include "session/SslTransport.h"
#include "support/FakeImapServer.h"
#include "support/SessionTestUtil.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace session;
using namespace testsupport;
using namespace std::chrono_literals;

namespace {

constexpr int kWaitMs = 20000;                   // bounded; loopback
constexpr qint64 kOffered = 200LL * 1024 * 1024; // what a flooding server offers
#if defined(__SANITIZE_ADDRESS__)
#define IDLEBELL_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define IDLEBELL_TEST_ASAN 1
#endif
#endif
#ifdef IDLEBELL_TEST_ASAN
// AddressSanitizer keeps freed memory in quarantine (256 MiB by default) and
// pads every block: there RSS measures churn, not what is held.
constexpr qint64 kMaxGrowthKiB = (256 + 64) * 1024;
#else
constexpr qint64 kMaxGrowthKiB = 64 * 1024; // RSS growth allowed while it does
#endif
constexpr qint64 kMaxReadBeforeGivingUp = 64LL << 20; // bytes the server got rid of before the client left

const QString kGreeting = QStringLiteral("S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE] ready");

QString flood(const QByteArray &unit)
{
    return QStringLiteral("X: flood %1 %2").arg(kOffered).arg(QString::fromLatin1(unit));
}

qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// Samples VmRSS every 20 ms while alive; growth() is the peak over the start.
class RssWatch
{
public:
    RssWatch()
        : m_start(rssKiB())
        , m_peak(m_start)
    {
        QObject::connect(&m_timer, &QTimer::timeout, [this] { sample(); });
        m_timer.start(20);
    }
    void sample() { m_peak = std::max(m_peak, rssKiB()); }
    qint64 growthKiB()
    {
        sample();
        return m_peak - m_start;
    }
    bool valid() const { return m_start > 0; }

private:
    QTimer m_timer;
    qint64 m_start;
    qint64 m_peak;
};

struct Observed
{
    explicit Observed(ImapSession *s)
        : errors(s, &ImapSession::errorOccurred)
    { }
    SessionError first() const
    {
        return errors.isEmpty() ? SessionError() : errors.first().at(0).value<SessionError>();
    }
    QSignalSpy errors;
};

} // namespace

class TestLimits : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    SessionConfig config(const FakeImapServer &server, Security security = Security::None) const
    {
        SessionConfig c;
        c.host = server.host();
        c.port = server.port();
        c.security = security;
        c.username = QStringLiteral("limits.user");
        c.password = QStringLiteral("limits-pw");
        c.clientName = QStringLiteral("limits-test");
        c.connectTimeout = 10s;
        c.commandTimeout = 10s;
        if (security != Security::None)
            c.tls.caFile = m_dir.filePath(QStringLiteral("ca.pem"));
        return c;
    }

    static std::unique_ptr<ImapSession> makeSession(const SessionConfig &c)
    {
        auto s = std::make_unique<ImapSession>(c, std::make_unique<SslTransport>());
        // Reconnect soon (deterministic: the ceiling), so the attempt is seen.
        s->setBackoff(Backoff(Backoff::Policy{200ms, 400ms}, [](quint64 bound) { return bound; }));
        return s;
    }

    bool listen(FakeImapServer &server, const QStringList &script, Security security = Security::None)
    {
        if (security == Security::Tls
            && !server.loadCertificate(m_dir.filePath(QStringLiteral("leaf.pem")),
                                       m_dir.filePath(QStringLiteral("leaf.key"))))
            return false;
        server.setScript(FakeImapServer::script(script));
        return server.listen(security == Security::Tls ? FakeImapServer::Mode::ImplicitTls
                                                       : FakeImapServer::Mode::Plain);
    }

    // The error came, says what it should, the session retries and the
    // server sees the new connection; memory stayed bounded throughout.
    void expectErrorAndReconnect(ImapSession &s, Observed &o, FakeImapServer &server, RssWatch &rss,
                                 SessionError::Kind kind, const QString &keyword)
    {
        QVERIFY(QTest::qWaitFor([&] { return !o.errors.isEmpty(); }, kWaitMs));
        const SessionError e = o.first();
        QCOMPARE(e.kind, kind);
        QVERIFY(e.willRetry);
        QVERIFY(e.retryIn > 0ms);
        QVERIFY2(e.message.contains(keyword, Qt::CaseInsensitive), qPrintable(e.message));
        QVERIFY2(server.waitForConnections(2, kWaitMs), "no reconnect attempt");
        QVERIFY(server.waitForClientClosed(0, kWaitMs));
        s.stop();
        const qint64 growth = rss.growthKiB();
        QVERIFY2(growth < kMaxGrowthKiB, qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(growth)));
        qInfo("RSS growth %lld KiB; the server sent %lld bytes before the client left", growth,
              server.record(0).bytesSent);
    }

private Q_SLOTS:
    void initTestCase()
    {
        testsupport::registerSessionMetaTypes();
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(FakeImapServer::makeTestCertificates(m_dir.path(), &error), qPrintable(error));
        QVERIFY(rssKiB() > 0);
    }

    void hugeLiteralAnnouncement_data()
    {
        QTest::addColumn<QString>("announcement");
        QTest::newRow("{4294967295}") << "* 1 FETCH (BODY[] {4294967295}";
        QTest::newRow("{4294967295+}") << "* 1 FETCH (BODY[] {4294967295+}";
        QTest::newRow("literal8 ~{4294967295}") << "* 1 FETCH (BINARY[] ~{4294967295}";
        QTest::newRow("just over 1 MiB {1048577}") << "* 1 FETCH (BODY[] {1048577}";
        QTest::newRow("20 digits") << "* 1 FETCH (BODY[] {99999999999999999999}";
    }

    // The announcement alone is the error: no allocation of its size, no
    // reading of what follows.
    void hugeLiteralAnnouncement()
    {
        QFETCH(QString, announcement);
        FakeImapServer server;
        QVERIFY(listen(server,
                       {kGreeting, "C: A1 AUTHENTICATE PLAIN *", "S: " + announcement, flood(QByteArray(64, 'a'))}));
        RssWatch rss;
        auto s = makeSession(config(server));
        Observed o(s.get());
        s->start();
        expectErrorAndReconnect(*s, o, server, rss, SessionError::Kind::Protocol, QStringLiteral("literal"));
        QVERIFY(server.record(0).cutShort);
        QVERIFY(server.record(0).bytesSent < kMaxReadBeforeGivingUp);
    }

    void endlessLine_data()
    {
        QTest::addColumn<Security>("security");
        QTest::newRow("plaintext") << Security::None;
        QTest::newRow("TLS") << Security::Tls;
    }

    // A greeting that never ends: an error once past the 1 MiB line limit.
    void endlessLine()
    {
        QFETCH(Security, security);
        FakeImapServer server;
        QVERIFY(listen(server, {"S: * OK \\c", flood(QByteArray(64, 'x'))}, security));
        RssWatch rss;
        auto s = makeSession(config(server, security));
        Observed o(s.get());
        s->start();
        expectErrorAndReconnect(*s, o, server, rss, SessionError::Kind::Protocol, QStringLiteral("line"));
        QVERIFY(server.record(0).cutShort);
        QVERIFY(server.record(0).bytesSent < kMaxReadBeforeGivingUp);
    }

    // One response made of endless small literals: each literal and each
    // line is within its limit, the response is not.
    void endlessResponseOfLiterals()
    {
        FakeImapServer server;
        QVERIFY(listen(server,
                       {kGreeting, "C: A1 AUTHENTICATE PLAIN *", "S: * 1 FETCH (BODY[1] {1000}",
                        flood(QByteArray(1000, 'l') + " BODY[1] {1000}\\r\\n")}));
        RssWatch rss;
        auto s = makeSession(config(server));
        Observed o(s.get());
        s->start();
        expectErrorAndReconnect(*s, o, server, rss, SessionError::Kind::Protocol, QStringLiteral("response"));
        QVERIFY(server.record(0).cutShort);
        QVERIFY(server.record(0).bytesSent < kMaxReadBeforeGivingUp);
    }

    // Valid untagged data without end, never the tagged answer: the command
    // timeout ends it.
    void endlessUntaggedStream()
    {
        FakeImapServer server;
        QVERIFY(listen(server,
                       {kGreeting, "C: A1 AUTHENTICATE PLAIN *", "S: A1 OK [CAPABILITY IMAP4rev1 IDLE] in",
                        "C: A2 EXAMINE INBOX", flood("* OK [ALERT] still working on it\\r\\n* 3 EXISTS\\r\\n")}));
        SessionConfig c = config(server);
        c.commandTimeout = 1500ms;
        RssWatch rss;
        auto s = makeSession(c);
        Observed o(s.get());
        qint64 alerts = 0; // counted, not kept: a spy's copies would weigh on the RSS bound
        connect(s.get(), &ImapSession::alert, this, [&alerts] { ++alerts; });
        s->start();
        expectErrorAndReconnect(*s, o, server, rss, SessionError::Kind::Timeout, QStringLiteral("EXAMINE"));
        // Not bounded by the session (a trusted server's [ALERT] at line rate
        // becomes as many alert() signals); reported, not asserted.
        qInfo("%lld alerts were emitted", alerts);
    }

    void deepNesting_data()
    {
        QTest::addColumn<int>("depth");
        QTest::newRow("65") << 65;
        QTest::newRow("1000") << 1000;
        QTest::newRow("200000") << 200000;
    }

    void deepNesting()
    {
        QFETCH(int, depth);
        FakeImapServer server;
        const QByteArray nested = QByteArray(depth, '(') + QByteArray(depth, ')');
        QVERIFY(listen(server,
                       {kGreeting, "C: A1 AUTHENTICATE PLAIN *", "S: A1 OK [CAPABILITY IMAP4rev1 IDLE] in",
                        "C: A2 EXAMINE INBOX", "S: * 1 FETCH (BODYSTRUCTURE " + QString::fromLatin1(nested) + ")"}));
        RssWatch rss;
        auto s = makeSession(config(server));
        Observed o(s.get());
        s->start();
        expectErrorAndReconnect(*s, o, server, rss, SessionError::Kind::Protocol, QStringLiteral("nest"));
    }

    // One byte every 100 ms: the greeting would take seconds, the connect
    // timeout (shortened to 1 s) ends it. Trickling never resets a timer.
    void tricklingGreeting()
    {
        FakeImapServer server;
        QVERIFY(listen(server,
                       {"X: trickle 100 * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] a greeting from a very slow "
                        "server, one byte at a time"}));
        SessionConfig c = config(server);
        c.connectTimeout = 1000ms;
        RssWatch rss;
        auto s = makeSession(c);
        Observed o(s.get());
        s->start();
        expectErrorAndReconnect(*s, o, server, rss, SessionError::Kind::Timeout, QStringLiteral("greeting"));
        QVERIFY(server.record(0).cutShort); // the client did not wait for it all
    }

    void tricklingAnswer()
    {
        FakeImapServer server;
        QVERIFY(listen(server,
                       {kGreeting, "C: A1 AUTHENTICATE PLAIN *",
                        "X: trickle 100 A1 OK [CAPABILITY IMAP4rev1 IDLE] logged in, one byte at a time"}));
        SessionConfig c = config(server);
        c.commandTimeout = 1000ms;
        RssWatch rss;
        auto s = makeSession(c);
        Observed o(s.get());
        s->start();
        expectErrorAndReconnect(*s, o, server, rss, SessionError::Kind::Timeout, QStringLiteral("AUTHENTICATE"));
        QVERIFY(server.record(0).cutShort);
    }
};

QTEST_GUILESS_MAIN(TestLimits)
#include "tst_limits.moc"
