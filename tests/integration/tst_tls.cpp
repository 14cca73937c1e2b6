// TLS and STARTTLS on real sockets: ImapSession over the real SslTransport
// against FakeImapServer (tests/support), with certificates generated at test
// start by tests/support/make-test-certs.sh (nothing private is committed).
//
//   certificateIsRefused        expired, not yet valid, wrong host name, self-signed,
//                               unknown CA, valid leaf without its CA, changed pinned
//                               certificate: Certificate error, no retry, the reason in
//                               words, the served certificate's SHA-256; not one byte of
//                               IMAP reaches the server
//   certificateIsAccepted       the test CA as caFile; a pinned self-signed / unknown-CA
//                               certificate (pin in either case)
//   oldTlsVersionsAreRefused    a server that speaks only TLS 1.0 or 1.1
//   startTls*                   STARTTLS on a real socket: nothing but "STARTTLS" in the
//                               clear, injections in the same and in separate TCP
//                               segments, before and after the client's ClientHello,
//                               stripping, an untrusted certificate after STARTTLS
//
// The scripted STARTTLS attack catalogue (FakeTransport) is in
// tests/session/tst_starttls_attacks.cpp.

#include "session/ImapSession.h"
#include "session/SslTransport.h"
#include "support/FakeImapServer.h"
#include "support/LogCapture.h"
#include "support/SessionTestUtil.h"

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace session;
using namespace testsupport;
using namespace std::chrono_literals;

namespace {

constexpr int kWaitMs = 15000; // bounded; everything here is loopback and answers in milliseconds

const QString kUser = QStringLiteral("tls.user");
const QString kPassword = QStringLiteral("Idlebell-TLS-pw-7Qx");

QByteArray authPlainPayload()
{
    return (QByteArray(1, '\0') + kUser.toUtf8() + QByteArray(1, '\0') + kPassword.toUtf8()).toBase64();
}

// Every form in which the password could leak.
QByteArrayList secretForms()
{
    return {kPassword.toUtf8(), authPlainPayload(), kPassword.toUtf8().toBase64()};
}

QString firstLeak(const QByteArray &haystack)
{
    for (const QByteArray &secret : secretForms())
        if (haystack.contains(secret))
            return QString::fromLatin1(secret);
    return {};
}

// From the greeting (implicit TLS, or after STARTTLS's CAPABILITY) to the
// EXAMINE that follows a login: the session got through TLS and logged in.
// (What it does after EXAMINE is the session tests' business.)
QStringList loginToExamine(int firstTag)
{
    return {
        QStringLiteral("C: A%1 AUTHENTICATE PLAIN %2").arg(firstTag).arg(QString::fromLatin1(authPlainPayload())),
        QStringLiteral("S: A%1 OK [CAPABILITY IMAP4rev1 IDLE] Logged in").arg(firstTag),
        QStringLiteral("C: A%1 EXAMINE INBOX").arg(firstTag + 1),
    };
}

const QString kTlsGreeting = QStringLiteral("S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE] ready");
const QString kStartTlsGreeting = QStringLiteral("S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready");

// The session's story, as the test sees it.
struct Observed
{
    explicit Observed(ImapSession *s)
        : errors(s, &ImapSession::errorOccurred)
        , alerts(s, &ImapSession::alert)
    {
        QObject::connect(s, &ImapSession::stateChanged, s, [this](State state) { states << state; });
    }
    SessionError lastError() const
    {
        return errors.isEmpty() ? SessionError() : errors.last().at(0).value<SessionError>();
    }
    bool wasAuthenticating() const { return states.contains(State::Authenticating); }

    QSignalSpy errors;
    QSignalSpy alerts;
    QList<State> states;
};

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString pem(const QString &name) const { return m_dir.filePath(name + QStringLiteral(".pem")); }
    QString key(const QString &name) const { return m_dir.filePath(name + QStringLiteral(".key")); }
    QByteArray sha(const QString &name) const { return FakeImapServer::sha256Of(pem(name)); }

    bool startServer(FakeImapServer &server, FakeImapServer::Mode mode, const QString &cert, const QStringList &script)
    {
        QString error;
        if (!cert.isEmpty() && !server.loadCertificate(pem(cert), key(cert), &error)) {
            qWarning().noquote() << error;
            return false;
        }
        server.setScript(FakeImapServer::script(script));
        return server.listen(mode);
    }

    static SessionConfig config(const FakeImapServer &server, Security security)
    {
        SessionConfig c;
        c.host = server.host();
        c.port = server.port();
        c.security = security;
        c.username = kUser;
        c.password = kPassword;
        c.clientName = QStringLiteral("tls-test");
        c.connectTimeout = 10s;
        c.commandTimeout = 10s;
        return c;
    }

    static std::unique_ptr<ImapSession> makeSession(const SessionConfig &c)
    {
        auto s = std::make_unique<ImapSession>(c, std::make_unique<SslTransport>());
        // A retry, if any, comes long after the test is over.
        s->setBackoff(Backoff(Backoff::Policy{120s, 300s}, [](quint64 bound) { return bound; }));
        return s;
    }

    static bool waitForError(const Observed &o)
    {
        return QTest::qWaitFor([&] { return !o.errors.isEmpty(); }, kWaitMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        testsupport::registerSessionMetaTypes();
        QVERIFY(QSslSocket::supportsSsl());
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(FakeImapServer::makeTestCertificates(m_dir.path(), &error), qPrintable(error));
    }

    void certificateIsRefused_data()
    {
        QTest::addColumn<QString>("served");
        QTest::addColumn<bool>("trustCa");
        QTest::addColumn<QString>("pinned");
        QTest::addColumn<QStringList>("keywords"); // one of them must be in the message

        QTest::newRow("expired") << "expired" << true << "" << QStringList{"expired"};
        QTest::newRow("not yet valid") << "notyet" << true << "" << QStringList{"not yet valid"};
        QTest::newRow("wrong host name") << "wronghost" << true << "" << QStringList{"host name"};
        QTest::newRow("self-signed") << "selfsigned" << false << "" << QStringList{"self-signed", "self signed"};
        QTest::newRow("unknown CA") << "unknownca" << true << "" << QStringList{"issuer"};
        QTest::newRow("valid leaf, CA not given") << "leaf" << false << "" << QStringList{"issuer"};
        QTest::newRow("pinned certificate changed") << "leaf2" << false << "selfsigned" << QStringList{"changed"};
        QTest::newRow("pinned, a valid but different certificate")
            << "wronghost" << true << "leaf" << QStringList{"changed"};
    }

    // Refused before any IMAP byte flows: no retry, the reason in words,
    // the fingerprint of exactly the certificate that was served.
    void certificateIsRefused()
    {
        QFETCH(QString, served);
        QFETCH(bool, trustCa);
        QFETCH(QString, pinned);
        QFETCH(QStringList, keywords);

        FakeImapServer server;
        QVERIFY(startServer(server, FakeImapServer::Mode::ImplicitTls, served, {kTlsGreeting}));
        SessionConfig c = config(server, Security::Tls);
        if (trustCa)
            c.tls.caFile = pem(QStringLiteral("ca"));
        if (!pinned.isEmpty())
            c.tls.pinnedSha256 = sha(pinned);
        auto s = makeSession(c);
        Observed o(s.get());
        s->start();
        QVERIFY(waitForError(o));
        const SessionError e = o.lastError();
        QCOMPARE(e.kind, SessionError::Kind::Certificate);
        QVERIFY(!e.willRetry);
        QCOMPARE(s->state(), State::Failed);
        bool named = false;
        for (const QString &k : std::as_const(keywords))
            named = named || e.message.contains(k, Qt::CaseInsensitive);
        QVERIFY2(named, qPrintable(QStringLiteral("%1 names none of: %2").arg(e.message, keywords.join(", "))));
        QCOMPARE(e.certificateSha256, sha(served));
        QVERIFY2(e.message.contains(SslTransport::formatFingerprint(sha(served))), qPrintable(e.message));
        QVERIFY(!o.wasAuthenticating());
        // Not one byte of IMAP reached the server, encrypted or not.
        QVERIFY(server.waitForClientClosed(0, kWaitMs));
        QVERIFY2(server.allReceived().isEmpty(), server.allReceived().constData());
        QCOMPARE(server.connectionCount(), 1);
    }

    void certificateIsAccepted_data()
    {
        QTest::addColumn<QString>("served");
        QTest::addColumn<bool>("trustCa");
        QTest::addColumn<QByteArray>("pin");

        QTest::newRow("valid leaf, test CA as caFile") << "leaf" << true << QByteArray();
        QTest::newRow("self-signed, pinned") << "selfsigned" << false << sha(QStringLiteral("selfsigned"));
        QTest::newRow("self-signed, pin in upper case")
            << "selfsigned" << false << sha(QStringLiteral("selfsigned")).toUpper();
        QTest::newRow("unknown CA, pinned") << "unknownca" << false << sha(QStringLiteral("unknownca"));
        // The pin is an exception for a certificate that fails validation
        // (as Thunderbird's), not a restriction: one that validates on its
        // own is accepted whatever the pin says.
        QTest::newRow("pinned, another certificate that validates")
            << "leaf" << true << sha(QStringLiteral("selfsigned"));
    }

    void certificateIsAccepted()
    {
        QFETCH(QString, served);
        QFETCH(bool, trustCa);
        QFETCH(QByteArray, pin);

        FakeImapServer server;
        QVERIFY(startServer(server, FakeImapServer::Mode::ImplicitTls, served,
                            QStringList{kTlsGreeting} + loginToExamine(1)));
        SessionConfig c = config(server, Security::Tls);
        if (trustCa)
            c.tls.caFile = pem(QStringLiteral("ca"));
        c.tls.pinnedSha256 = pin;
        auto s = makeSession(c);
        Observed o(s.get());
        s->start();
        QVERIFY2(server.waitForScriptDone(0, kWaitMs),
                 qPrintable(o.lastError().message + QLatin1Char(' ') + server.scriptError()));
        QVERIFY(o.errors.isEmpty());
        QCOMPARE(s->state(), State::Syncing);
        QVERIFY(server.record(0).encrypted);
        QCOMPARE(s->transport()->peerCertificateSha256(), sha(served));
        s->stop();
    }

    void oldTlsVersionsAreRefused_data()
    {
        QTest::addColumn<int>("protocol");
        QT_WARNING_PUSH
        QT_WARNING_DISABLE_DEPRECATED
        QTest::newRow("TLS 1.0") << int(QSsl::TlsV1_0);
        QTest::newRow("TLS 1.1") << int(QSsl::TlsV1_1);
        QT_WARNING_POP
    }

    // A server that offers only TLS 1.0 or 1.1 (OpenSSL 3 needs security
    // level 0 for them, set on both ends of the control handshake): a client
    // that allows them connects (proving the server really speaks it), the
    // session does not.
    void oldTlsVersionsAreRefused()
    {
        QFETCH(int, protocol);
        const auto proto = QSsl::SslProtocol(protocol);

        FakeImapServer server;
        QString error;
        QVERIFY2(server.loadCertificate(pem(QStringLiteral("leaf")), key(QStringLiteral("leaf")), &error),
                 qPrintable(error));
        QSslConfiguration old = server.sslConfiguration();
        old.setProtocol(proto);
        old.setBackendConfigurationOption("CipherString", QByteArray("DEFAULT:@SECLEVEL=0"));
        server.setSslConfiguration(old);
        server.setScripts({FakeImapServer::script({kTlsGreeting}), FakeImapServer::script({kTlsGreeting})});
        QVERIFY(server.listen(FakeImapServer::Mode::ImplicitTls));

        // The control: an old client gets through.
        {
            QSslSocket control;
            QSslConfiguration cc = QSslConfiguration::defaultConfiguration();
            cc.setProtocol(proto);
            cc.setPeerVerifyMode(QSslSocket::VerifyNone);
            cc.setBackendConfigurationOption("CipherString", QByteArray("DEFAULT:@SECLEVEL=0"));
            control.setSslConfiguration(cc);
            bool failed = false;
            connect(&control, &QSslSocket::errorOccurred, this, [&] { failed = true; });
            control.connectToHostEncrypted(server.host(), server.port());
            // Not waitForEncrypted(): the server runs in this thread's event loop.
            (void)QTest::qWaitFor([&] { return control.isEncrypted() || failed; }, kWaitMs);
            if (!control.isEncrypted())
                QSKIP(qPrintable(QStringLiteral("OpenSSL here cannot run a %1 handshake even at security level 0 "
                                                "(%2); a server restricted to it cannot be built, so the client's "
                                                "refusal cannot be told apart from the server's")
                                     .arg(QString::fromLatin1(QTest::currentDataTag()), control.errorString())));
            QCOMPARE(int(control.sessionProtocol()), protocol);
            control.abort();
        }

        SessionConfig c = config(server, Security::Tls);
        c.tls.caFile = pem(QStringLiteral("ca"));
        auto s = makeSession(c);
        Observed o(s.get());
        s->start();
        QVERIFY(waitForError(o));
        const SessionError e = o.lastError();
        QCOMPARE(e.kind, SessionError::Kind::Tls);
        QVERIFY2(e.message.contains(QLatin1String("handshake"), Qt::CaseInsensitive), qPrintable(e.message));
        QVERIFY(!o.wasAuthenticating());
        QVERIFY(server.waitForClientClosed(1, kWaitMs));
        QVERIFY(server.record(1).all().isEmpty());
        QVERIFY(!server.record(1).encrypted);
    }

    // The one STARTTLS conversation that works: nothing but "STARTTLS" is
    // ever sent in the clear; the trace shows no secret either.
    void startTlsSendsNothingButStartTlsInTheClear()
    {
        FakeImapServer server;
        QStringList script{
            kStartTlsGreeting, "C: A1 STARTTLS",   "S: A1 OK Begin TLS negotiation now",
            "X: starttls",     "C: A2 CAPABILITY", "S: * CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE",
            "S: A2 OK done",
        };
        script += loginToExamine(3);
        QVERIFY(startServer(server, FakeImapServer::Mode::Plain, QStringLiteral("leaf"), script));
        SessionConfig c = config(server, Security::StartTls);
        c.tls.caFile = pem(QStringLiteral("ca"));
        LogCapture logs;
        QLoggingCategory::setFilterRules(QStringLiteral("idlebell.*=true"));
        auto s = makeSession(c);
        Observed o(s.get());
        s->start();
        const bool loggedIn = server.waitForScriptDone(0, kWaitMs);
        s->stop();
        QLoggingCategory::setFilterRules(QString());
        QVERIFY2(loggedIn, qPrintable(o.lastError().message + QLatin1Char(' ') + server.scriptError()));
        QVERIFY(o.errors.isEmpty());
        QCOMPARE(server.record(0).beforeTls, QByteArray("A1 STARTTLS\r\n"));
        QVERIFY(server.record(0).afterTls.contains(authPlainPayload())); // the recording works
        QVERIFY(logs.count() > 5);
        QVERIFY2(logs.all().contains("C: A1 STARTTLS"), logs.all().constData()); // the trace was on
        QVERIFY2(firstLeak(logs.all()).isEmpty(), qPrintable(firstLeak(logs.all())));
    }

    void startTlsInjectionIsRefused_data()
    {
        QTest::addColumn<QStringList>("afterOk");
        QTest::addColumn<bool>("sameSegment");

        const QString injected = QStringLiteral("* CAPABILITY IMAP4rev1 AUTH=PLAIN\\r\\nA2 OK injected");
        // "OK Begin TLS" and the injection in one write: one TCP segment.
        QTest::newRow("same segment") << QStringList{"S: A1 OK Begin TLS\\r\\n" + injected, "X: await-close"} << true;
        // Two writes right after another: the client may read them together
        // or apart; either way nothing of it may count.
        QTest::newRow("separate segment, at once")
            << QStringList{"S: A1 OK Begin TLS", "S: " + injected, "X: starttls", "X: await-close"} << false;
        // After the client's ClientHello arrived, before the server answers
        // it: the plaintext lands where the client expects the ServerHello.
        QTest::newRow("separate segment, after the ClientHello")
            << QStringList{"S: A1 OK Begin TLS", "X: await-hello", "S: " + injected, "X: starttls", "X: await-close"}
            << false;
        // A pause first: the client surely read "OK" alone and started TLS.
        QTest::newRow("separate segment, 50 ms later")
            << QStringList{"S: A1 OK Begin TLS", "X: pause 50", "S: " + injected, "X: starttls", "X: await-close"}
            << false;
    }

    // STARTTLS command injection (CVE-2011-0411 style, "Buffering" in the
    // USENIX 2021 catalogue) on a real socket: plaintext after "OK Begin TLS"
    // is never taken for what the TLS server said.
    void startTlsInjectionIsRefused()
    {
        QFETCH(QStringList, afterOk);
        QFETCH(bool, sameSegment);

        FakeImapServer server;
        QStringList script{kStartTlsGreeting, "C: A1 STARTTLS"};
        script += afterOk;
        QVERIFY(startServer(server, FakeImapServer::Mode::Plain, QStringLiteral("leaf"), script));
        SessionConfig c = config(server, Security::StartTls);
        c.tls.caFile = pem(QStringLiteral("ca"));
        auto s = makeSession(c);
        Observed o(s.get());
        s->start();
        QVERIFY(waitForError(o));
        const SessionError e = o.lastError();
        if (sameSegment)
            QCOMPARE(e.kind, SessionError::Kind::Security);
        else
            QVERIFY2(e.kind == SessionError::Kind::Security || e.kind == SessionError::Kind::Tls,
                     qPrintable(errorKindName(e.kind) + QLatin1Char(' ') + e.message));
        QVERIFY(!o.wasAuthenticating());
        QVERIFY(server.waitForClientClosed(0, kWaitMs));
        QCOMPARE(server.record(0).beforeTls, QByteArray("A1 STARTTLS\r\n"));
        // The client never spoke IMAP over the (broken) TLS either.
        QVERIFY2(server.record(0).afterTls.isEmpty(), server.record(0).afterTls.constData());
        QVERIFY(firstLeak(server.allReceived()).isEmpty());
    }

    // STARTTLS stripping on a real socket: no STARTTLS advertised, nothing sent.
    void startTlsStrippedSendsNothing()
    {
        FakeImapServer server;
        QVERIFY(startServer(server, FakeImapServer::Mode::Plain, QString(),
                            {"S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN LOGIN-REFERRALS] ready", "X: await-close"}));
        auto s = makeSession(config(server, Security::StartTls));
        Observed o(s.get());
        s->start();
        QVERIFY(waitForError(o));
        QCOMPARE(o.lastError().kind, SessionError::Kind::Security);
        QVERIFY(!o.lastError().willRetry);
        QVERIFY(server.waitForClientClosed(0, kWaitMs));
        QVERIFY2(server.allReceived().isEmpty(), server.allReceived().constData());
    }

    // After STARTTLS the certificate is checked like with implicit TLS; the
    // credentials stay home.
    void startTlsWithUntrustedCertificate()
    {
        FakeImapServer server;
        QVERIFY(
            startServer(server, FakeImapServer::Mode::Plain, QStringLiteral("selfsigned"),
                        {kStartTlsGreeting, "C: A1 STARTTLS", "S: A1 OK Begin TLS", "X: starttls", "X: await-close"}));
        auto s = makeSession(config(server, Security::StartTls));
        Observed o(s.get());
        s->start();
        QVERIFY(waitForError(o));
        const SessionError e = o.lastError();
        QCOMPARE(e.kind, SessionError::Kind::Certificate);
        QVERIFY(!e.willRetry);
        QCOMPARE(e.certificateSha256, sha(QStringLiteral("selfsigned")));
        QVERIFY(server.waitForClientClosed(0, kWaitMs));
        QCOMPARE(server.record(0).beforeTls, QByteArray("A1 STARTTLS\r\n"));
        QVERIFY(server.record(0).afterTls.isEmpty());
    }

    // Implicit TLS never sends STARTTLS, even when a server lists it.
    void implicitTlsIgnoresStartTlsCapability()
    {
        FakeImapServer server;
        QStringList script{QStringLiteral("S: * OK [CAPABILITY IMAP4rev1 STARTTLS SASL-IR AUTH=PLAIN IDLE] ready")};
        script += loginToExamine(1);
        QVERIFY(startServer(server, FakeImapServer::Mode::ImplicitTls, QStringLiteral("leaf"), script));
        SessionConfig c = config(server, Security::Tls);
        c.tls.caFile = pem(QStringLiteral("ca"));
        auto s = makeSession(c);
        Observed o(s.get());
        s->start();
        QVERIFY2(server.waitForScriptDone(0, kWaitMs), qPrintable(server.scriptError()));
        QVERIFY(o.errors.isEmpty());
        QVERIFY(!server.record(0).afterTls.contains("STARTTLS"));
        s->stop();
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
