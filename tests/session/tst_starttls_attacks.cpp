// STARTTLS and pre-TLS attacks against ImapSession, as scripted
// conversations over the in-process FakeTransport and a manual clock.
//
// The checklist is the public IMAP test-case catalogue of Poddebniak, Ising,
// Böck and Schinzel, "Why TLS is better without STARTTLS: A Security Analysis
// of STARTTLS in the Email Context" (USENIX Security 2021): the
// testcases/imap folder of their fake-mail-server (GitHub
// Email-Analysis-Toolkit/fake-mail-server), whose folders map to the paper's
// Table 5 (Negotiation, Buffering, Tampering, UI Spoofing). Every IMAP case of
// it is below with what Idlebell does and the test that shows it. The same
// attacks over a real socket (TCP segments, TLS handshakes, certificates) are
// in tests/integration/tst_tls.cpp.
//
// clang-format off
// | catalogue case (testcases/imap/...)    | what the server does               | Idlebell (test)                   |
// |----------------------------------------|------------------------------------|-----------------------------------|
// | Negotiation/D_1                        | no caps in greeting, CAPABILITY    | Protocol error, no login          |
// |                                        | and STARTTLS hidden (BAD)          | (strippedFromCapabilityAnswer)    |
// | Negotiation/D_2                        | greeting caps "IMAP4", no STARTTLS | Security error, nothing sent      |
// |                                        |                                    | (strippedFromGreeting)            |
// | Negotiation/D_3                        | CAPABILITY answer, no STARTTLS     | Security error, no login          |
// |                                        |                                    | (strippedFromCapabilityAnswer)    |
// | Negotiation/O_1,                       | AUTH=PLAIN AUTH=LOGIN (X_1: every  | Security error, nothing sent      |
// |   others/stripping_drafts, others/X_1  | SASL mechanism), no STARTTLS       | (strippedFromGreeting)            |
// | Negotiation/O_2, O_3                   | STARTTLS answered NO / BAD         | Security error, no login          |
// |                                        |                                    | (startTlsRefused)                 |
// | Negotiation/O_4                        | STARTTLS answered "+ continue"     | Protocol error, no login          |
// |                                        |                                    | (startTlsRefused)                 |
// | Negotiation/P, P_1..P_5, M_1_A         | PREAUTH greeting (any caps) on a   | Security error, nothing sent      |
// |                                        | STARTTLS account                   | (preauthOnStartTlsAccount)        |
// | Negotiation/L_1_A                      | LOGIN: NO [REFERRAL imap://evil]   | Authentication error, no other    |
// |                                        |                                    | host (referralsAreNotFollowed)    |
// | Negotiation/M_2_A                      | EXAMINE: NO [REFERRAL imap://evil] | Mailbox error, no other host      |
// |                                        |                                    | (referralsAreNotFollowed)         |
// | Negotiation/L_1_B, M_1_B, M_2_B        | certificate for another host       | Certificate error (tst_tls:       |
// |                                        |                                    | certificateIsRefused)             |
// | Buffering/B_1                          | CAPABILITY + tagged OK injected    | Security error, TLS not started   |
// |                                        | after "OK Begin TLS"               | (injectionAfterStartTlsOk; real   |
// |                                        |                                    | sockets, one and two segments:    |
// |                                        |                                    | tst_tls)                          |
// | Buffering/B_2 prefix                   | [ALERT] before the STARTTLS OK     | ignored, no alert                 |
// |                                        |                                    | (untrustedDataBeforeTlsIsIgnored) |
// | Buffering/B_2 suffix, B_3              | [ALERT] / BYE after the STARTTLS   | Security error                    |
// |                                        | OK                                 | (injectionAfterStartTlsOk)        |
// | Buffering/B_2 after TLS                | [ALERT] after the handshake        | shown: it is trusted              |
// |                                        |                                    | (alertAfterTlsIsShown)            |
// | Tampering/untagged/before_starttls/    | LIST, LSUB, STATUS, SEARCH, FLAGS, | no effect, on a first connection  |
// |   01..09,                              | EXISTS, RECENT, EXPUNGE, FETCH     | (untrustedDataBeforeTlsIsIgnored) |
// | Tampering/untagged/after_greeting/     | before TLS                         | and on a reconnect, when a        |
// |   01..09                               |                                    | snapshot is known (untrusted-     |
// |                                        |                                    | DataBeforeTlsOnReconnect)         |
// | Tampering/untagged/protocol_state/     | * OK [REFERRAL imaps://...] after  | ignored                           |
// |   01_referral                          | the greeting                       | (untrustedDataBeforeTlsIsIgnored) |
// | others/untagged_capability_before_     | * CAPABILITY before the STARTTLS   | ignored, caps asked again after   |
// |   starttls                             | OK                                 | TLS (untrustedDataBeforeTls-      |
// |                                        |                                    | IsIgnored, capabilitiesAreRead-   |
// |                                        |                                    | AgainAfterTls)                    |
// | others/protocol/construction/reorder   | "A2 OK begin TLS" before A2 exists | Protocol error, no TLS            |
// |                                        |                                    | (wrongOrMissingTag)               |
// | others/protocol/construction/          | tagged greeting, garbage greeting  | Protocol error (spoofedGreeting)  |
// |   greeting_tagged, 01..03_invalid      |                                    |                                   |
// | others/protocol/greeting/01..05        | greeting OK / NO / BAD / PREAUTH / | OK goes on; NO, BAD: Protocol;    |
// |                                        | BYE                                | PREAUTH: Security; BYE: Server-   |
// |                                        |                                    | Unavailable without its text      |
// |                                        |                                    | (spoofedGreeting, preauth...)     |
// | UI Spoofing/greeting/{ok,no}/01_alert, | [ALERT], [BADCHARSET], [PARSE] in  | never shown (spoofedGreeting)     |
// |   02_badcharset, 03_parse              | an OK or NO greeting               |                                   |
// | UI Spoofing/starttls/ok/01_alert       | * OK [ALERT] before the STARTTLS   | never shown                       |
// |                                        | OK                                 | (untrustedDataBeforeTlsIsIgnored) |
// | (added) BYE before TLS, then close     | * BYE [ALERT] "... evil.example"   | its text is in the error message: |
// |                                        | before TLS                         | BUG, XFAIL                        |
// |                                        |                                    | (byeTextBeforeTlsIsNotShown)      |
// | others/exploit/list_injection_expunge  | LIST "Click me! <Payload>"         | ignored (maliciousListResponses-  |
// |                                        |                                    | AreIgnored); CRLF, NUL, fake      |
// |                                        |                                    | tagged lines in literal names     |
// |                                        |                                    | parse safely (maliciousMailbox-   |
// |                                        |                                    | NamesParseSafely)                 |
// | others/imapsieve_1, utf8_only_1/2,     | features Idlebell does not use     | not applicable                    |
// |   reproduction/balsa_issue_48, setup*  |                                    |                                   |
// clang-format on
//
// Beyond the catalogue: capabilities are asked again after TLS and only those
// count (pre-TLS AUTH=PLAIN, post-TLS only LOGIN -> LOGIN; a [CAPABILITY] in
// the STARTTLS OK itself is dropped); LOGINDISABLED after TLS is honoured;
// STARTTLS answered with another tag or untagged never starts TLS; every test
// checks that the password (plain, quoted, base64 alone or as the AUTH PLAIN
// payload) was never written before TLS; the protocol trace and every error
// message are free of it for LOGIN (quoted, synchronizing and LITERAL+
// literals) and AUTHENTICATE PLAIN (with and without SASL-IR).

#include "tst_starttls_attacks.h"

#include "imap/Encoding.h"
#include "imap/Parser.h"
#include "session/ImapSession.h"
#include "support/FakeTransport.h"
#include "support/LogCapture.h"
#include "support/ManualClock.h"
#include "support/ScriptRunner.h"
#include "support/SessionTestUtil.h"

#include <QDebug>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace session;
using namespace testsupport;
using namespace std::chrono_literals;

namespace {

const QString kPassword = QStringLiteral("St4rt-TLS-pw");
// base64("\0user\0St4rt-TLS-pw")
const char *kAuthPlain = "AHVzZXIAU3Q0cnQtVExTLXB3";

QByteArrayList secretForms(const QString &user, const QString &password)
{
    const QByteArray pw = password.toUtf8();
    QByteArray quoted = pw;
    quoted.replace("\\", "\\\\").replace("\"", "\\\"");
    return {pw, quoted, pw.toBase64(), (QByteArray(1, '\0') + user.toUtf8() + QByteArray(1, '\0') + pw).toBase64()};
}

QByteArray leakIn(const QByteArray &haystack, const QString &user = QStringLiteral("user"),
                  const QString &password = kPassword)
{
    for (const QByteArray &secret : secretForms(user, password))
        if (haystack.contains(secret))
            return secret;
    return {};
}

// The greeting of a STARTTLS server, and STARTTLS accepted.
const char *kGreeting = R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] IMAP server ready.
)";

struct Harness
{
    static SessionConfig defaultConfig(Security security = Security::StartTls)
    {
        SessionConfig c;
        c.host = QStringLiteral("imap.example.org");
        c.port = security == Security::Tls ? 993 : 143;
        c.security = security;
        c.username = QStringLiteral("user");
        c.password = kPassword;
        c.mailbox = QStringLiteral("INBOX");
        return c;
    }

    explicit Harness(SessionConfig config = defaultConfig())
    {
        auto t = std::make_unique<FakeTransport>();
        transport = t.get();
        session = std::make_unique<ImapSession>(config, std::move(t), &clock);
        session->setBackoff(Backoff(Backoff::Policy{}, [](quint64 bound) { return bound; }));
        runner = std::make_unique<ScriptRunner>(transport, &clock, [this] { return stateName(session->state()); });
        errors = std::make_unique<QSignalSpy>(session.get(), &ImapSession::errorOccurred);
        alerts = std::make_unique<QSignalSpy>(session.get(), &ImapSession::alert);
        newMessages = std::make_unique<QSignalSpy>(session.get(), &ImapSession::newMessages);
        gone = std::make_unique<QSignalSpy>(session.get(), &ImapSession::messagesGone);
        snapshots = std::make_unique<QSignalSpy>(session.get(), &ImapSession::snapshotChanged);
        QObject::connect(session.get(), &ImapSession::stateChanged, session.get(),
                         [this](State state) { states << state; });
    }

    bool run(const QString &script)
    {
        const bool ok = runner->run(script);
        if (!ok)
            qWarning().noquote() << runner->error();
        return ok;
    }
    bool run(const char *script) { return run(QString::fromUtf8(script)); }

    SessionError lastError() const
    {
        return errors->isEmpty() ? SessionError() : errors->last().at(0).value<SessionError>();
    }
    // The password never left in the clear (FakeTransport records every
    // byte written while the connection was not encrypted).
    QByteArray clearLeak() const { return leakIn(transport->plaintextWritten()); }
    QList<quint32> emittedExists() const
    {
        QList<quint32> out;
        for (const auto &args : *snapshots)
            out << args.at(0).value<MailboxSnapshot>().exists;
        return out;
    }
    bool everAuthenticating() const { return states.contains(State::Authenticating); }
    bool allEmittedExistsAre(quint32 n) const
    {
        const QList<quint32> all = emittedExists();
        return !all.isEmpty() && std::all_of(all.begin(), all.end(), [n](quint32 e) { return e == n; });
    }

    // The server's side after the STARTTLS handshake, as a small generic
    // responder (so that these tests do not depend on how the session
    // syncs, or on what it pipelines): finishes the handshake, then answers
    // CAPABILITY with postTlsCaps, a login with OK, EXAMINE with a mailbox
    // of UIDs 1 and 2 (UIDVALIDITY 7, UIDNEXT 3), a SEARCH with UID 1,
    // anything else with a bare OK, and IDLE with its continuation. Every
    // command line is kept in commandsAfterTls. True when the session idles.
    bool serveAfterTls(const QByteArray &postTlsCaps = "IMAP4rev1 IDLE")
    {
        if (!transport->tlsRequested())
            return false;
        transport->completeTls();
        QByteArray buffer;
        for (int round = 0; round < 30; ++round) {
            buffer += transport->takeWritten();
            bool answered = false;
            for (qsizetype end = buffer.indexOf("\r\n"); end >= 0; end = buffer.indexOf("\r\n")) {
                const QByteArray line = buffer.left(end);
                buffer.remove(0, end + 2);
                commandsAfterTls << line;
                const QByteArray tag = line.left(line.indexOf(' '));
                const QByteArray command = line.mid(tag.size() + 1);
                if (command == "IDLE") {
                    transport->serverSend("+ idling\r\n");
                    return buffer.isEmpty() && transport->takeWritten().isEmpty() && session->state() == State::Idling;
                }
                QByteArray answer;
                QByteArray ok = tag + " OK done\r\n";
                if (command == "CAPABILITY") {
                    answer = "* CAPABILITY " + postTlsCaps + "\r\n";
                } else if (command.startsWith("LOGIN ") || command.startsWith("AUTHENTICATE ")) {
                    ok = tag + " OK [CAPABILITY IMAP4rev1 IDLE] Logged in\r\n";
                } else if (command.startsWith("EXAMINE ")) {
                    answer = "* 2 EXISTS\r\n* OK [UIDVALIDITY 7] x\r\n* OK [UIDNEXT 3] x\r\n";
                    ok = tag + " OK [READ-ONLY] done\r\n";
                } else if (command.contains("SEARCH ")) {
                    answer = command.contains(" RETURN ") ? "* ESEARCH (TAG \"" + tag + "\") UID ALL 1\r\n"
                                                          : QByteArray("* SEARCH 1\r\n");
                }
                answer += ok;
                transport->serverSend(answer);
                answered = true;
            }
            if (!answered) {
                qWarning() << "serveAfterTls: the session sent nothing more; state" << stateName(session->state())
                           << "commands" << commandsAfterTls;
                return false;
            }
        }
        return false;
    }
    // The login after TLS was LOGIN with the password (not AUTHENTICATE).
    bool loggedInWithLogin() const
    {
        bool login = false;
        for (const QByteArray &c : commandsAfterTls) {
            if (c.contains(" AUTHENTICATE "))
                return false;
            login = login || c.endsWith(" LOGIN user St4rt-TLS-pw");
        }
        return login && commandsAfterTls.value(0).endsWith(" CAPABILITY");
    }

    ManualClock clock;
    FakeTransport *transport;
    std::unique_ptr<ImapSession> session;
    std::unique_ptr<ScriptRunner> runner;
    std::unique_ptr<QSignalSpy> errors, alerts, newMessages, gone, snapshots;
    QList<State> states;
    QByteArrayList commandsAfterTls;
};

} // namespace

void TestStartTlsAttacks::initTestCase()
{
    testsupport::registerSessionMetaTypes();
}

void TestStartTlsAttacks::cleanup()
{
    QLoggingCategory::setFilterRules(QString());
}

// ---------------------------------------------------------------- Negotiation

void TestStartTlsAttacks::strippedFromGreeting_data()
{
    QTest::addColumn<QString>("greeting");
    QTest::newRow("O_1 AUTH=PLAIN AUTH=LOGIN")
        << "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=LOGIN] IMAP server ready.";
    QTest::newRow("D_2 IMAP4 only") << "* OK [CAPABILITY IMAP4] IMAP server ready.";
    QTest::newRow("X_1 every SASL mechanism")
        << "* OK [CAPABILITY IMAP4rev1 AUTH=ANONYMOUS AUTH=CRAM-MD5 AUTH=DIGEST-MD5 AUTH=EXTERNAL AUTH=GSSAPI "
           "AUTH=LOGIN AUTH=NTLM AUTH=OAUTHBEARER AUTH=PLAIN AUTH=SCRAM-SHA-1 AUTH=SCRAM-SHA-256 AUTH=XOAUTH2 "
           "SASL-IR] IMAP server ready.";
    QTest::newRow("LOGIN-REFERRALS") << "* OK [CAPABILITY IMAP4rev1 LOGIN-REFERRALS AUTH=PLAIN] ready";
    QTest::newRow("STARTTLS misspelt") << "* OK [CAPABILITY IMAP4rev1 STARTTLSX XSTARTTLS START-TLS] ready";
}

// The capability list in the greeting is stripped of STARTTLS: an error,
// not a plaintext login; not one byte is sent.
void TestStartTlsAttacks::strippedFromGreeting()
{
    QFETCH(QString, greeting);
    Harness h;
    h.session->start();
    QVERIFY(h.run(
        QStringLiteral("X: accept\nS: %1\nX: state failed\nX: silent\nX: advance 3600000\nX: silent").arg(greeting)));
    QCOMPARE(h.lastError().kind, SessionError::Kind::Security);
    QVERIFY(!h.lastError().willRetry);
    QVERIFY(h.transport->plaintextWritten().isEmpty());
    QCOMPARE(h.transport->connectCount(), 1);
    QVERIFY(!h.everAuthenticating());
}

void TestStartTlsAttacks::strippedFromCapabilityAnswer_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<SessionError::Kind>("kind");
    QTest::newRow("D_3 IMAP4 only") << "* CAPABILITY IMAP4\nS: A1 OK done" << SessionError::Kind::Security;
    QTest::newRow("AUTH=PLAIN, no STARTTLS")
        << "* CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR\nS: A1 OK done" << SessionError::Kind::Security;
    QTest::newRow("D_1 CAPABILITY hidden (BAD)") << "A1 BAD unknown command" << SessionError::Kind::Protocol;
    QTest::newRow("CAPABILITY refused (NO)") << "A1 NO not now" << SessionError::Kind::Protocol;
    QTest::newRow("OK without a list") << "A1 OK done" << SessionError::Kind::Protocol;
}

void TestStartTlsAttacks::strippedFromCapabilityAnswer()
{
    QFETCH(QString, answer);
    QFETCH(SessionError::Kind, kind);
    Harness h;
    h.session->start();
    QVERIFY(
        h.run(QStringLiteral("X: accept\nS: * OK IMAP server ready.\nC: A1 CAPABILITY\nS: %1\nX: silent").arg(answer)));
    QCOMPARE(h.lastError().kind, kind);
    QCOMPARE(h.transport->plaintextWritten(), QByteArray("A1 CAPABILITY\r\n"));
    QVERIFY(!h.everAuthenticating());
}

void TestStartTlsAttacks::startTlsRefused_data()
{
    QTest::addColumn<QString>("answer");
    QTest::addColumn<SessionError::Kind>("kind");
    QTest::newRow("O_2 NO") << "A1 NO do not begin TLS now." << SessionError::Kind::Security;
    QTest::newRow("O_3 BAD") << "A1 BAD do not begin TLS now." << SessionError::Kind::Security;
    QTest::newRow("O_4 continuation") << "+ continue with something." << SessionError::Kind::Protocol;
    QTest::newRow("NO with a [CAPABILITY] without STARTTLS")
        << "A1 NO [CAPABILITY IMAP4rev1 AUTH=PLAIN] no TLS today" << SessionError::Kind::Security;
}

void TestStartTlsAttacks::startTlsRefused()
{
    QFETCH(QString, answer);
    QFETCH(SessionError::Kind, kind);
    Harness h;
    h.session->start();
    QVERIFY(h.run(kGreeting));
    QVERIFY(h.run(QStringLiteral("C: A1 STARTTLS\nS: %1\nX: silent").arg(answer)));
    QCOMPARE(h.lastError().kind, kind);
    QVERIFY(!h.transport->tlsRequested());
    QCOMPARE(h.transport->plaintextWritten(), QByteArray("A1 STARTTLS\r\n"));
    QVERIFY(!h.everAuthenticating());
    if (kind == SessionError::Kind::Security) {
        QVERIFY(!h.lastError().willRetry);
        QVERIFY(h.run("X: advance 3600000\nX: silent"));
        QCOMPARE(h.transport->connectCount(), 1);
    }
}

void TestStartTlsAttacks::preauthOnStartTlsAccount_data()
{
    QTest::addColumn<QString>("greeting");
    QTest::newRow("P STARTTLS LOGINDISABLED") << "* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready";
    QTest::newRow("P_1 IMAP4rev1") << "* PREAUTH [CAPABILITY IMAP4rev1] IMAP server ready.";
    QTest::newRow("P_2/P_4 AUTH=PLAIN AUTH=LOGIN") << "* PREAUTH [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=LOGIN] ready";
    QTest::newRow("P_3/P_5 STARTTLS AUTH=PLAIN") << "* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] ready";
    QTest::newRow("M_1_A MAILBOX-REFERRALS") << "* PREAUTH [CAPABILITY IMAP4rev1 MAILBOX-REFERRALS] ready";
    QTest::newRow("no capabilities") << "* PREAUTH IMAP server ready.";
}

// PREAUTH leaves no room for STARTTLS: the session would run in plaintext.
void TestStartTlsAttacks::preauthOnStartTlsAccount()
{
    QFETCH(QString, greeting);
    Harness h;
    h.session->start();
    QVERIFY(h.run(QStringLiteral("X: accept\nS: %1\nX: state failed\nX: silent").arg(greeting)));
    QCOMPARE(h.lastError().kind, SessionError::Kind::Security);
    QVERIFY(!h.lastError().willRetry);
    QVERIFY(h.transport->plaintextWritten().isEmpty());
}

void TestStartTlsAttacks::preauthWhenTrusted_data()
{
    QTest::addColumn<Security>("security");
    QTest::newRow("implicit TLS") << Security::Tls;
    QTest::newRow("plaintext by choice") << Security::None;
}

// Where the connection is trusted (TLS) or the user chose plaintext, PREAUTH
// is fine: straight to EXAMINE, no credentials at all.
void TestStartTlsAttacks::preauthWhenTrusted()
{
    QFETCH(Security, security);
    Harness h(Harness::defaultConfig(security));
    h.session->start();
    QVERIFY(h.run(R"(
X: accept
S: * PREAUTH [CAPABILITY IMAP4rev1 IDLE] welcome back
C: A1 EXAMINE INBOX
)"));
    QVERIFY(leakIn(h.transport->plaintextWritten()).isEmpty());
}

void TestStartTlsAttacks::referralsAreNotFollowed_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<SessionError::Kind>("kind");
    QTest::newRow("L_1_A LOGIN referral") << R"(
C: A1 STARTTLS
S: A1 OK Begin TLS
X: starttls
C: A2 CAPABILITY
S: * CAPABILITY IMAP4rev1 LOGIN-REFERRALS
S: A2 OK done
C: A3 LOGIN user St4rt-TLS-pw
S: A3 NO [REFERRAL IMAP://;AUTH=*@attacker.example.org:243/] try another server.
X: state failed
)" << SessionError::Kind::Authentication;
    QTest::newRow("M_2_A EXAMINE referral") << R"(
C: A1 STARTTLS
S: A1 OK Begin TLS
X: starttls
C: A2 CAPABILITY
S: * CAPABILITY IMAP4rev1 MAILBOX-REFERRALS
S: A2 OK done
C: A3 LOGIN user St4rt-TLS-pw
S: A3 OK [CAPABILITY IMAP4rev1 MAILBOX-REFERRALS] Logged in
C: A4 EXAMINE INBOX
S: A4 NO [REFERRAL IMAP://;AUTH=*@attacker.example.org:243/inbox] select failed.
X: state failed
)" << SessionError::Kind::Mailbox;
}

// A referral (RFC 2221 / 2193) is never followed: no connection elsewhere.
void TestStartTlsAttacks::referralsAreNotFollowed()
{
    QFETCH(QString, script);
    QFETCH(SessionError::Kind, kind);
    Harness h;
    h.session->start();
    QVERIFY(h.run(kGreeting));
    QVERIFY(h.run(script));
    QCOMPARE(h.lastError().kind, kind);
    QVERIFY(h.run("X: advance 3600000\nX: silent"));
    QCOMPARE(h.transport->connectCount(), 1);
    QCOMPARE(h.transport->lastHost(), QStringLiteral("imap.example.org"));
    QVERIFY(h.clearLeak().isEmpty());
}

// ------------------------------------------------------------------ Buffering

void TestStartTlsAttacks::injectionAfterStartTlsOk_data()
{
    QTest::addColumn<QString>("script");
    QTest::newRow("B_1 CAPABILITY and tagged OK") << R"(
S: A1 OK begin STARTTLS now.\r\n* CAPABILITY IMAP4REV1 AUTH=PLAIN AUTH=LOGIN\r\nA2 OK capability done.
)";
    QTest::newRow("B_2 suffix [ALERT]") << R"(
S: A1 OK begin STARTTLS now.\r\n* OK [ALERT] suffix.
)";
    QTest::newRow("B_3 suffix BYE") << R"(
S: A1 OK begin STARTTLS now.\r\n* BYE close the connection please.
)";
    QTest::newRow("partial line") << R"(
S: A1 OK begin STARTTLS now.\r\n* OK [ALERT] no end\c
)";
    QTest::newRow("a lone CRLF") << R"(
S: A1 OK begin STARTTLS now.\r\n
)";
    QTest::newRow("injected in a later read, before the handshake is done") << R"(
S: A1 OK begin STARTTLS now.
S: * OK [ALERT] later.\r\nA2 OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] done
)";
}

// STARTTLS command injection: anything after the tagged OK and before the
// handshake is an attack. Never parsed (no alert, no capability), never a
// login; the session fails and waits for the user.
void TestStartTlsAttacks::injectionAfterStartTlsOk()
{
    QFETCH(QString, script);
    Harness h;
    h.session->start();
    QVERIFY(h.run(kGreeting));
    QVERIFY(h.run("C: A1 STARTTLS"));
    QVERIFY(h.run(script));
    QVERIFY(h.run("X: state failed\nX: silent"));
    QCOMPARE(h.lastError().kind, SessionError::Kind::Security);
    QVERIFY(!h.lastError().willRetry);
    QCOMPARE(h.alerts->count(), 0);
    QCOMPARE(h.transport->plaintextWritten(), QByteArray("A1 STARTTLS\r\n"));
    QVERIFY(!h.transport->isEncrypted());
    QVERIFY(!h.everAuthenticating());
    QVERIFY(h.session->capabilities().isEmpty() || !h.session->capabilities().hasAuth("PLAIN"));
}

// ------------------------------------------------------------------ Tampering

void TestStartTlsAttacks::untrustedDataBeforeTlsIsIgnored_data()
{
    QTest::addColumn<QString>("injected");
    QTest::addColumn<bool>("withGreeting"); // in the greeting's segment rather than before the STARTTLS OK

    const QList<std::pair<const char *, const char *>> rows{
        {"B_2 prefix [ALERT]", "* OK [ALERT] prefix."},
        {"U starttls [ALERT]", "* OK [ALERT] Attacker-controlled text"},
        {"T 01 LIST", "* LIST () \"/\" 7XiYhgS7"},
        {"T 02 LSUB", "* LSUB () \"/\" 7XiYhgS7"},
        {"T 03 STATUS", "* STATUS INBOX (MESSAGES 54321 UNSEEN 54321 UIDNEXT 99999)"},
        {"T 04 SEARCH", "* SEARCH 1 2 3 54321"},
        {"T 05 FLAGS", "* FLAGS (\\Seen \\Injected)"},
        {"T 06 EXISTS", "* 54321 EXISTS"},
        {"T 07 RECENT", "* 54321 RECENT"},
        {"T 08 EXPUNGE", "* 1 EXPUNGE"},
        {"T 09 FETCH", "* 1 FETCH (BODY[] {28}\\r\\nFrom: Injected\\r\\n\\r\\nInjected\\r\\n)"},
        {"T FETCH with UID and FLAGS", "* 2 FETCH (UID 2 FLAGS ())"},
        {"T VANISHED", "* VANISHED 1:2"},
        {"T REFERRAL", "* OK [REFERRAL imaps://attacker.example.org:993] ..."},
        {"T UIDVALIDITY UIDNEXT", "* OK [UIDVALIDITY 99]\\r\\n* OK [UIDNEXT 99999]"},
        {"untagged CAPABILITY", "* CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR IDLE"},
        {"untagged OK [CAPABILITY]", "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR]"},
        {"U NO [PARSE]", "* NO [PARSE] uNiQTghK"},
        {"U BAD [ALERT]", "* BAD [ALERT] uNiQTghK"},
        {"U NO [ALERT]", "* NO [ALERT] uNiQTghK"},
    };
    for (const auto &[name, line] : rows) {
        QTest::addRow("%s, before the STARTTLS OK", name) << QString::fromLatin1(line) << false;
        QTest::addRow("%s, after the greeting", name) << QString::fromLatin1(line) << true;
    }
}

// Untagged data before TLS is allowed by the protocol (it may arrive with
// any command) but comes from anyone on the path: it must change nothing.
// After TLS the client asks for capabilities again and logs in with LOGIN
// (the only thing offered after TLS), examines, counts, idles; nothing of
// the injected data shows.
void TestStartTlsAttacks::untrustedDataBeforeTlsIsIgnored()
{
    QFETCH(QString, injected);
    QFETCH(bool, withGreeting);
    Harness h;
    h.session->start();
    if (withGreeting) {
        QVERIFY(
            h.run(QStringLiteral(
                      "X: accept\nS: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\\r\\n%1\nC: A1 STARTTLS")
                      .arg(injected)));
        QVERIFY(h.run("S: A1 OK Begin TLS"));
    } else {
        QVERIFY(h.run(kGreeting));
        QVERIFY(h.run(QStringLiteral("C: A1 STARTTLS\nS: %1\\r\\nA1 OK Begin TLS").arg(injected)));
    }
    QVERIFY(h.transport->tlsRequested());
    QVERIFY(h.serveAfterTls());
    QVERIFY(h.loggedInWithLogin());
    QCOMPARE(h.alerts->count(), 0);
    QCOMPARE(h.newMessages->count(), 0);
    QCOMPARE(h.gone->count(), 0);
    QVERIFY(h.errors->isEmpty());
    QCOMPARE(h.session->snapshot().exists, 2u);
    QCOMPARE(h.session->snapshot().unseen, 1u);
    QCOMPARE(h.session->snapshot().uidValidity, 7u);
    QCOMPARE(h.session->snapshot().uidNext, 3u);
    QCOMPARE(h.session->mailboxState().uidValidity, 7u);
    QVERIFY2(h.allEmittedExistsAre(2), qPrintable(QDebug::toString(h.emittedExists())));
    QVERIFY(!h.session->capabilities().hasAuth("PLAIN"));
    QVERIFY(h.clearLeak().isEmpty());
}

void TestStartTlsAttacks::untrustedDataBeforeTlsOnReconnect_data()
{
    QTest::addColumn<QString>("injected");
    QTest::newRow("EXISTS") << "* 54321 EXISTS";
    QTest::newRow("EXPUNGE") << "* 1 EXPUNGE";
    QTest::newRow("VANISHED") << "* VANISHED 1:2";
    QTest::newRow("FETCH FLAGS") << "* 1 FETCH (FLAGS ())";
    QTest::newRow("ESEARCH") << "* ESEARCH (TAG \"A6\") UID ALL 1:54321";
}

// The same on a second connection of the same session: the snapshot of the
// first one is known, and nothing from before TLS may change what is
// emitted (the unread count and total a person sees).
void TestStartTlsAttacks::untrustedDataBeforeTlsOnReconnect()
{
    QFETCH(QString, injected);
    Harness h;
    h.session->start();
    QVERIFY(h.run(kGreeting));
    QVERIFY(h.run("C: A1 STARTTLS\nS: A1 OK Begin TLS"));
    QVERIFY(h.serveAfterTls());
    QVERIFY(h.loggedInWithLogin());
    QVERIFY(h.allEmittedExistsAre(2));
    // The link drops; the session comes back.
    QVERIFY(h.run("X: close\nX: state reconnecting"));
    QVERIFY(h.clock.fireNext());
    QVERIFY(h.run(kGreeting));
    QVERIFY(h.run(QStringLiteral("C: A1 STARTTLS\nS: %1\\r\\nA1 OK Begin TLS").arg(injected)));
    QVERIFY2(h.allEmittedExistsAre(2), qPrintable(QDebug::toString(h.emittedExists())));
    QVERIFY(h.serveAfterTls());
    QVERIFY(h.loggedInWithLogin());
    QCOMPARE(h.session->snapshot().exists, 2u);
    QCOMPARE(h.session->snapshot().unseen, 1u);
    QCOMPARE(h.alerts->count(), 0);
    QCOMPARE(h.newMessages->count(), 0);
    QVERIFY(h.clearLeak().isEmpty());
}

void TestStartTlsAttacks::wrongOrMissingTag_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("kind"); // SessionError::Kind, or -1: no error yet (the command times out)
    QTest::newRow("reorder: STARTTLS's OK before STARTTLS was sent") << R"(
X: accept
S: * OK z7fkPNEe
C: A1 CAPABILITY
S: A2 OK begin TLS now (CsOKx3Fj)\r\n* CAPABILITY IMAP4REV1 STARTTLS LOGINDISABLED\r\nA1 OK capability done (x0SLC4wJ)
X: silent
)" << int(SessionError::Kind::Protocol);
    QTest::newRow("STARTTLS answered with another tag") << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready
C: A1 STARTTLS
S: A9 OK Begin TLS
X: silent
)" << int(SessionError::Kind::Protocol);
    QTest::newRow("STARTTLS answered with a longer tag") << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready
C: A1 STARTTLS
S: A10 OK Begin TLS
X: silent
)" << int(SessionError::Kind::Protocol);
    QTest::newRow("STARTTLS answered untagged") << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready
C: A1 STARTTLS
S: * OK Begin TLS
X: silent
X: advance 60000
X: state reconnecting
)" << int(SessionError::Kind::Timeout);
}

// Only the tagged OK to our STARTTLS starts TLS.
void TestStartTlsAttacks::wrongOrMissingTag()
{
    QFETCH(QString, script);
    QFETCH(int, kind);
    Harness h;
    h.session->start();
    QVERIFY(h.run(script));
    QVERIFY(!h.errors->isEmpty());
    QCOMPARE(int(h.lastError().kind), kind);
    QVERIFY(!h.transport->tlsRequested());
    QVERIFY(!h.everAuthenticating());
    QVERIFY(leakIn(h.transport->plaintextWritten()).isEmpty());
}

// ---------------------------------------------------------------- UI spoofing

void TestStartTlsAttacks::spoofedGreeting_data()
{
    QTest::addColumn<QString>("greeting");
    QTest::addColumn<int>("kind"); // -1: the session goes on (asks for capabilities)
    QTest::addColumn<QString>("token");
    QTest::newRow("U ok/01 [ALERT]") << "* OK [ALERT] bAjdyeKO" << -1 << "bAjdyeKO";
    QTest::newRow("U ok/02 [BADCHARSET]") << "* OK [BADCHARSET (kkgIhdNV)] MyF21bpV" << -1 << "MyF21bpV";
    QTest::newRow("U ok/03 [PARSE]") << "* OK [PARSE] uNiQTghK" << -1 << "uNiQTghK";
    QTest::newRow("U no/01 [ALERT]") << "* NO [ALERT] bAjdyeKO" << int(SessionError::Kind::Protocol) << "bAjdyeKO";
    QTest::newRow("U no/02 [BADCHARSET]")
        << "* NO [BADCHARSET (kkgIhdNV)] MyF21bpV" << int(SessionError::Kind::Protocol) << "MyF21bpV";
    QTest::newRow("U no/03 [PARSE]") << "* NO [PARSE] uNiQTghK" << int(SessionError::Kind::Protocol) << "uNiQTghK";
    QTest::newRow("greeting/03 BAD") << "* BAD GFkaX18C" << int(SessionError::Kind::Protocol) << "GFkaX18C";
    QTest::newRow("greeting/05 BYE [ALERT]")
        << "* BYE [ALERT] log in at evil.example" << int(SessionError::Kind::ServerUnavailable) << "evil.example";
    QTest::newRow("construction tagged greeting")
        << "XYZ OK 6Iy0xHRr" << int(SessionError::Kind::Protocol) << "6Iy0xHRr";
    QTest::newRow("construction invalid greeting")
        << "1Gdo00V4 wFaIW2WP" << int(SessionError::Kind::Protocol) << "wFaIW2WP";
    QTest::newRow("continuation as greeting") << "+ 6Iy0xHRr" << int(SessionError::Kind::Protocol) << "6Iy0xHRr";
}

// Text from before TLS is the attacker's: never an alert, never in an
// error message a person reads.
void TestStartTlsAttacks::spoofedGreeting()
{
    QFETCH(QString, greeting);
    QFETCH(int, kind);
    QFETCH(QString, token);
    Harness h;
    h.session->start();
    QVERIFY(h.run(QStringLiteral("X: accept\nS: %1").arg(greeting)));
    if (kind < 0) {
        QVERIFY(h.run("C: A1 CAPABILITY\nX: silent"));
        QVERIFY(h.errors->isEmpty());
    } else {
        QVERIFY(h.run("X: silent"));
        QCOMPARE(int(h.lastError().kind), kind);
        QVERIFY2(!h.lastError().message.contains(token), qPrintable(h.lastError().message));
    }
    QCOMPARE(h.alerts->count(), 0);
}

// A BYE before TLS and then the connection closes: the BYE's text is the
// attacker's and must not reach the error message.
void TestStartTlsAttacks::byeTextBeforeTlsIsNotShown()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kGreeting));
    QVERIFY(h.run(R"(
C: A1 STARTTLS
S: * BYE [ALERT] Your password expired, re-enter it at https://evil.example
X: close
X: state reconnecting
)"));
    // A plain BYE is a lost connection (normal backoff); its untrusted text
    // is dropped.
    QCOMPARE(h.lastError().kind, SessionError::Kind::Network);
    QVERIFY(h.lastError().willRetry);
    QCOMPARE(h.alerts->count(), 0);
    QVERIFY2(!h.lastError().message.contains(QLatin1String("evil.example")), qPrintable(h.lastError().message));
}

// Buffering/B_2 case 3: an [ALERT] after the handshake is the server's own.
void TestStartTlsAttacks::alertAfterTlsIsShown()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kGreeting));
    QVERIFY(h.run(R"(
C: A1 STARTTLS
S: A1 OK Begin TLS
X: starttls
C: A2 CAPABILITY
S: * OK [ALERT] after TLS.
S: * CAPABILITY IMAP4rev1 IDLE
S: A2 OK done
C: A3 LOGIN user St4rt-TLS-pw
)"));
    QCOMPARE(h.alerts->count(), 1);
    QCOMPARE(h.alerts->last().at(0).toString(), QStringLiteral("after TLS."));
}

// -------------------------------------------------------------- Capabilities

void TestStartTlsAttacks::capabilitiesAreReadAgainAfterTls_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("kind"); // -1: no error
    QTest::newRow("pre-TLS AUTH=PLAIN SASL-IR, post-TLS only LOGIN") << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN SASL-IR] ready
C: A1 STARTTLS
S: A1 OK Begin TLS
X: starttls
C: A2 CAPABILITY
S: * CAPABILITY IMAP4rev1 IDLE
S: A2 OK done
C: A3 LOGIN user St4rt-TLS-pw
)" << -1;
    QTest::newRow("[CAPABILITY] in the STARTTLS OK itself") << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready
C: A1 STARTTLS
S: A1 OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] Begin TLS
X: starttls
C: A2 CAPABILITY
S: * CAPABILITY IMAP4rev1 IDLE
S: A2 OK done
C: A3 LOGIN user St4rt-TLS-pw
)" << -1;
    QTest::newRow("pre-TLS LOGINDISABLED, post-TLS LOGIN allowed") << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready
C: A1 STARTTLS
S: A1 OK Begin TLS
X: starttls
C: A2 CAPABILITY
S: * CAPABILITY IMAP4rev1
S: A2 OK done
C: A3 LOGIN user St4rt-TLS-pw
)" << -1;
    QTest::newRow("post-TLS LOGINDISABLED with AUTH=PLAIN") << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS] ready
C: A1 STARTTLS
S: A1 OK Begin TLS
X: starttls
C: A2 CAPABILITY
S: * CAPABILITY IMAP4rev1 LOGINDISABLED AUTH=PLAIN
S: A2 OK done
C: A3 AUTHENTICATE PLAIN
X: silent
S: +
C: AHVzZXIAU3Q0cnQtVExTLXB3
)" << -1;
    QTest::newRow("post-TLS LOGINDISABLED alone: honoured") << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] ready
C: A1 STARTTLS
S: A1 OK Begin TLS
X: starttls
C: A2 CAPABILITY
S: * CAPABILITY IMAP4rev1 LOGINDISABLED
S: A2 OK done
X: silent
X: state failed
)" << int(SessionError::Kind::Authentication);
    QTest::newRow("post-TLS still lists STARTTLS: not sent again") << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready
C: A1 STARTTLS
S: A1 OK Begin TLS
X: starttls
C: A2 CAPABILITY
S: * CAPABILITY IMAP4rev1 STARTTLS SASL-IR AUTH=PLAIN
S: A2 OK done
C: A3 AUTHENTICATE PLAIN AHVzZXIAU3Q0cnQtVExTLXB3
)" << -1;
    QTest::newRow("post-TLS CAPABILITY refused") << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] ready
C: A1 STARTTLS
S: A1 OK Begin TLS
X: starttls
C: A2 CAPABILITY
S: A2 BAD no
X: silent
)" << int(SessionError::Kind::Protocol);
}

void TestStartTlsAttacks::capabilitiesAreReadAgainAfterTls()
{
    QFETCH(QString, script);
    QFETCH(int, kind);
    Harness h;
    h.session->start();
    QVERIFY(h.run(script));
    if (kind < 0)
        QVERIFY(h.errors->isEmpty());
    else
        QCOMPARE(int(h.lastError().kind), kind);
    QCOMPARE(h.transport->plaintextWritten(), QByteArray("A1 STARTTLS\r\n"));
}

// ------------------------------------------------------------ Mailbox names

// others/exploit/list_injection_expunge: the session does not list
// mailboxes (yet); LIST data with hostile names, before or after TLS,
// changes nothing.
void TestStartTlsAttacks::maliciousListResponsesAreIgnored()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kGreeting));
    QVERIFY(h.run(R"(
C: A1 STARTTLS
S: * LIST () "/" "Click me! <Payload>"\r\nA1 OK Begin TLS
)"));
    QVERIFY(h.serveAfterTls());
    QVERIFY(h.loggedInWithLogin());
    QVERIFY(h.run(R"(
S: * LIST () "/" "Click me! <Payload>"
S: * LIST (\Noselect) "/" {24}\r\nInjected\r\nA7 OK done\r\n\x00\xff
S: * LIST () NIL "&Jjo!-&AGE-"
S: * LIST (\HasNoChildren \Junk) "." "../../../etc/passwd"
X: silent
X: state idling
)"));
    QVERIFY(h.errors->isEmpty());
    QCOMPARE(h.alerts->count(), 0);
}

void TestStartTlsAttacks::maliciousMailboxNamesParseSafely_data()
{
    QTest::addColumn<QByteArray>("response");
    QTest::addColumn<QByteArray>("mailbox"); // expected raw name when parsed; empty: a syntax error is fine
    QTest::newRow("click me") << QByteArray("* LIST () \"/\" \"Click me! <Payload>\"\r\n")
                              << QByteArray("Click me! <Payload>");
    QTest::newRow("literal with a fake tagged line")
        << QByteArray("* LIST (\\Noselect) \"/\" {22}\r\nInjected\r\nA7 OK done\r\n\r\n")
        << QByteArray("Injected\r\nA7 OK done\r\n");
    const QByteArray binary("a\0\xff"
                            "b",
                            4);
    QTest::newRow("literal with NUL and 0xff") << (QByteArray("* LIST () \"/\" {4}\r\n") + binary + "\r\n") << binary;
    QTest::newRow("bad modified UTF-7") << QByteArray("* LIST () NIL \"&Jjo!-&AGE-&\"\r\n")
                                        << QByteArray("&Jjo!-&AGE-&");
    QTest::newRow("path traversal") << QByteArray("* LIST () \".\" \"../../../etc/passwd\"\r\n")
                                    << QByteArray("../../../etc/passwd");
    QTest::newRow("100 KB name") << (QByteArray("* LIST () \"/\" \"") + QByteArray(100000, 'x') + "\"\r\n")
                                 << QByteArray(100000, 'x');
    QTest::newRow("unterminated quote") << QByteArray("* LIST () \"/\" \"INBOX\r\n") << QByteArray();
    QTest::newRow("delimiter of two characters") << QByteArray("* LIST () \"//\" INBOX\r\n") << QByteArray();
    QTest::newRow("LSUB with escaped quote") << QByteArray("* LSUB () \"/\" \"a\\\"b\"\r\n") << QByteArray("a\"b");
}

// Whatever a LIST response holds, the parser returns one response (or a
// non-fatal syntax error) and stays in step with the stream: nothing inside
// a mailbox name, not even a tagged line in a literal, is taken as a response.
void TestStartTlsAttacks::maliciousMailboxNamesParseSafely()
{
    QFETCH(QByteArray, response);
    QFETCH(QByteArray, mailbox);
    imap::Parser parser;
    parser.feed(response + "A1 OK real\r\n");
    const imap::Parser::Result first = parser.next();
    if (first.status == imap::Parser::Result::Status::Ok) {
        QVERIFY(first.response.isUntagged());
        const imap::ListData *list = first.response.listData();
        QVERIFY(list);
        if (!mailbox.isEmpty())
            QCOMPARE(list->mailbox, mailbox);
        (void)imap::decodeMailboxName(list->mailbox); // must not crash, whatever it returns
    } else {
        QCOMPARE(first.status, imap::Parser::Result::Status::Error);
        QVERIFY(mailbox.isEmpty());
        QVERIFY(!first.error.fatal);
    }
    const imap::Parser::Result second = parser.next();
    QCOMPARE(second.status, imap::Parser::Result::Status::Ok);
    QVERIFY(second.response.isTagged());
    QCOMPARE(second.response.tag, QByteArray("A1"));
    QCOMPARE(second.response.text, QByteArray("real"));
    QCOMPARE(parser.next().status, imap::Parser::Result::Status::NeedMoreData);
}

// -------------------------------------------------------------- Credentials

// The one way credentials travel in the clear: the user chose plaintext.
// (Also proves the clear-text recording the other tests rely on.)
void TestStartTlsAttacks::plaintextByChoiceIsTheOnlyCleartextLogin()
{
    Harness h(Harness::defaultConfig(Security::None));
    h.session->start();
    QVERIFY(h.run(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS SASL-IR AUTH=PLAIN IDLE] ready
C: A1 AUTHENTICATE PLAIN AHVzZXIAU3Q0cnQtVExTLXB3
)"));
    QVERIFY(!h.clearLeak().isEmpty());
    QVERIFY(h.transport->plaintextWritten().contains(kAuthPlain));
}

void TestStartTlsAttacks::secretsNeverLogged_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<Security>("security");
    QTest::addColumn<QString>("script"); // %1: base64 of the AUTH PLAIN payload

    QTest::newRow("LOGIN, quoted password") << QStringLiteral("pa ss\"w0rd") << Security::Tls << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 IDLE] ready
C: A1 LOGIN user "pa ss\\"w0rd"
S: A1 OK [CAPABILITY IMAP4rev1 IDLE] Logged in
C: A2 EXAMINE INBOX
)";
    QTest::newRow("LOGIN, synchronizing literal") << QStringLiteral("p\u00e4sswort-7") << Security::Tls << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 IDLE] ready
C: A1 LOGIN user {11}
X: silent
S: + Ready for literal data
C: p\xc3\xa4sswort-7
S: A1 OK [CAPABILITY IMAP4rev1 IDLE] Logged in
C: A2 EXAMINE INBOX
)";
    QTest::newRow("LOGIN, LITERAL+") << QStringLiteral("p\u00e4sswort-7") << Security::Tls << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE] ready
C: A1 LOGIN user {11+}
C: p\xc3\xa4sswort-7
S: A1 OK [CAPABILITY IMAP4rev1 IDLE] Logged in
C: A2 EXAMINE INBOX
)";
    QTest::newRow("AUTHENTICATE PLAIN, SASL-IR") << QStringLiteral("Sasl-IR-pw-3") << Security::Tls << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE] ready
C: A1 AUTHENTICATE PLAIN %1
S: A1 OK [CAPABILITY IMAP4rev1 IDLE] Logged in
C: A2 EXAMINE INBOX
)";
    QTest::newRow("AUTHENTICATE PLAIN, no SASL-IR") << QStringLiteral("No-sasl-ir-pw-4") << Security::Tls << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN IDLE] ready
C: A1 AUTHENTICATE PLAIN
S: +
C: %1
S: A1 OK [CAPABILITY IMAP4rev1 IDLE] Logged in
C: A2 EXAMINE INBOX
)";
    QTest::newRow("login refused") << QStringLiteral("Refused-pw-5") << Security::Tls << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE] ready
C: A1 AUTHENTICATE PLAIN %1
S: A1 NO [AUTHENTICATIONFAILED] Authentication failed.
X: state failed
)";
    QTest::newRow("STARTTLS, then LOGIN") << QStringLiteral("Start-tls-pw-6") << Security::StartTls << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready
C: A1 STARTTLS
S: A1 OK Begin TLS
X: starttls
C: A2 CAPABILITY
S: * CAPABILITY IMAP4rev1 IDLE
S: A2 OK done
C: A3 LOGIN user Start-tls-pw-6
S: A3 OK [CAPABILITY IMAP4rev1 IDLE] Logged in
C: A4 EXAMINE INBOX
)";
    QTest::newRow("STARTTLS injection, then the session fails")
        << QStringLiteral("Injected-pw-7") << Security::StartTls << R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready
C: A1 STARTTLS
S: A1 OK Begin TLS\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN
X: state failed
)";
}

// With the whole protocol trace on, the password shows in no log line and
// no error message, in none of its forms (as typed, as a quoted string, in
// base64 alone or as the AUTH PLAIN payload).
void TestStartTlsAttacks::secretsNeverLogged()
{
    QFETCH(QString, password);
    QFETCH(Security, security);
    QFETCH(QString, script);
    const QString user = QStringLiteral("user");
    const QByteArray payload
        = (QByteArray(1, '\0') + user.toUtf8() + QByteArray(1, '\0') + password.toUtf8()).toBase64();

    SessionConfig config = Harness::defaultConfig(security);
    config.password = password;
    LogCapture logs;
    QLoggingCategory::setFilterRules(QStringLiteral("idlebell.*=true"));
    Harness h(config);
    h.session->start();
    const bool ran = h.run(script.contains(QLatin1String("%1")) ? script.arg(QString::fromLatin1(payload)) : script);
    h.session->stop();
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(ran);

    const QByteArray all = logs.all();
    QVERIFY2(all.contains("C: A1 "), all.constData()); // the trace was on
    QVERIFY2(all.contains("S: "), all.constData());
    const QByteArray leak = leakIn(all, user, password);
    QVERIFY2(leak.isEmpty(),
             qPrintable(QStringLiteral("\"%1\" in the log:\n%2").arg(QString::fromUtf8(leak), QString::fromUtf8(all))));
    for (const auto &args : std::as_const(*h.errors)) {
        const QString message = args.at(0).value<SessionError>().message;
        QVERIFY2(leakIn(message.toUtf8(), user, password).isEmpty(), qPrintable(message));
    }
    QVERIFY(leakIn(h.transport->plaintextWritten(), user, password).isEmpty());
}

QTEST_GUILESS_MAIN(TestStartTlsAttacks)
