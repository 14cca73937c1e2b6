// ImapSession against scripted conversations over the in-process fake
// transport. Timers run on a manual clock: nothing here waits on the wall
// clock, and every script is deterministic.

#include "tst_imapsession.h"

#include "session/ImapSession.h"
#include "support/FakeTransport.h"
#include "support/ManualClock.h"
#include "support/ScriptRunner.h"
#include "support/SessionTestUtil.h"

#include <QSignalSpy>
#include <QTest>

using namespace session;
using namespace testsupport;
using namespace std::chrono_literals;

namespace {

// base64("\0user\0secret")
const char *kAuthPlain = "AHVzZXIAc2VjcmV0";

const char *kLoginTls = R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE LITERAL+ ESEARCH] Dovecot ready.
C: A1 AUTHENTICATE PLAIN AHVzZXIAc2VjcmV0
S: A1 OK [CAPABILITY IMAP4rev1 IDLE ESEARCH LITERAL+ UIDPLUS] Logged in
)";

// EXAMINE of a mailbox with 3 messages, UIDs 1..3, UIDNEXT 4; first run.
const char *kExamineFirstRun = R"(
C: A2 EXAMINE INBOX
S: * FLAGS (\Answered \Flagged \Deleted \Seen \Draft)
S: * OK [PERMANENTFLAGS ()] Read-only mailbox.
S: * 3 EXISTS
S: * OK [UIDVALIDITY 1700000000] UIDs valid
S: * OK [UIDNEXT 4] Predicted next UID
S: A2 OK [READ-ONLY] Examine completed.
C: A3 UID FETCH * (UID INTERNALDATE)
C: A4 UID SEARCH RETURN (COUNT) UNSEEN
S: * 3 FETCH (UID 3 INTERNALDATE "07-Feb-1994 21:52:25 -0800")
S: A3 OK Fetch completed.
S: * ESEARCH (TAG "A4") UID COUNT 2
S: A4 OK Search completed.
C: A5 IDLE
S: + idling
)";

QByteArray envelope(const QByteArray &subject, const QByteArray &fromName, const QByteArray &mailbox,
                    const QByteArray &host, const QByteArray &messageId)
{
    return "(\"Tue, 21 Nov 2026 10:00:00 +0100\" " + subject + " ((" + fromName + " NIL \"" + mailbox + "\" \"" + host
        + "\")) NIL NIL ((NIL NIL \"me\" \"example.org\")) NIL NIL NIL \"" + messageId + "\")";
}

struct Harness
{
    Harness(SessionConfig config = defaultConfig())
    {
        auto t = std::make_unique<FakeTransport>();
        transport = t.get();
        // Deterministic backoff: always the ceiling.
        session = std::make_unique<ImapSession>(config, std::move(t), &clock);
        session->setBackoff(Backoff(Backoff::Policy{}, [](quint64 bound) { return bound; }));
        runner = std::make_unique<ScriptRunner>(transport, &clock, [this] { return stateName(session->state()); });
        newMessages = std::make_unique<QSignalSpy>(session.get(), &ImapSession::newMessages);
        gone = std::make_unique<QSignalSpy>(session.get(), &ImapSession::messagesGone);
        errors = std::make_unique<QSignalSpy>(session.get(), &ImapSession::errorOccurred);
        snapshots = std::make_unique<QSignalSpy>(session.get(), &ImapSession::snapshotChanged);
        states = std::make_unique<QSignalSpy>(session.get(), &ImapSession::mailboxStateChanged);
    }

    static SessionConfig defaultConfig()
    {
        SessionConfig c;
        c.host = QStringLiteral("imap.example.org");
        c.port = 993;
        c.security = Security::Tls;
        c.username = QStringLiteral("user");
        c.password = QStringLiteral("secret");
        c.mailbox = QStringLiteral("INBOX");
        return c;
    }

    bool run(const char *script)
    {
        const bool ok = runner->run(QString::fromUtf8(script));
        if (!ok)
            qWarning().noquote() << runner->error();
        return ok;
    }

    QList<MessageSummary> lastMessages() const
    {
        return newMessages->isEmpty() ? QList<MessageSummary>()
                                      : newMessages->last().at(0).value<QList<MessageSummary>>();
    }
    SessionError lastError() const { return errors->last().at(0).value<SessionError>(); }

    ManualClock clock;
    FakeTransport *transport;
    std::unique_ptr<ImapSession> session;
    std::unique_ptr<ScriptRunner> runner;
    std::unique_ptr<QSignalSpy> newMessages, gone, errors, snapshots, states;
};

} // namespace

void TestImapSession::initTestCase()
{
    testsupport::registerSessionMetaTypes();
}

void TestImapSession::firstRunReportsNothingOldAndCountsUnseen()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    QVERIFY(h.run("X: state idling"));
    QCOMPARE(h.newMessages->count(), 0);
    QCOMPARE(h.session->snapshot().unseen, 2u);
    QCOMPARE(h.session->snapshot().exists, 3u);
    QCOMPARE(h.session->snapshot().uidValidity, 1700000000u);
    QCOMPARE(h.session->mailboxState().highestUid, 3u);
    QCOMPARE(h.session->mailboxState().uidValidity, 1700000000u);
    QVERIFY(!h.states->isEmpty());
    QVERIFY(!h.snapshots->isEmpty());
    QCOMPARE(h.snapshots->last().at(0).value<MailboxSnapshot>().unseen, 2u);
}

// The RFC 2177 exchange, with the fetch a notifier needs after EXISTS.
void TestImapSession::idleExistsFetchesAndReportsOnce()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    const QByteArray env = envelope("\"=?ISO-8859-1?Q?Gr=FC=DFe?= aus Wien\"", "\"=?UTF-8?B?SsO8cmdlbg==?=\"",
                                    "juergen", "example.at", "<new4@example.at>");
    QVERIFY(h.run(R"(
S: * 4 EXISTS
C: DONE
S: A5 OK Idle completed.
)"));
    QByteArray line = "S: * 4 FETCH (UID 4 FLAGS () ENVELOPE " + env + " INTERNALDATE \"21-Nov-2026 10:00:01 +0100\")";
    // One round trip: sender and subject above the mark, and the count.
    QVERIFY(h.run(R"(
C: A6 UID FETCH 4:* (UID FLAGS ENVELOPE INTERNALDATE)
C: A7 UID SEARCH RETURN (COUNT) UNSEEN
)"));
    QVERIFY(h.run(line.constData()));
    QVERIFY(h.run(R"(
S: A6 OK Fetch completed.
S: * ESEARCH (TAG "A7") UID COUNT 3
S: A7 OK Search completed.
C: A8 IDLE
S: + idling
X: state idling
)"));
    QCOMPARE(h.newMessages->count(), 1);
    const auto messages = h.lastMessages();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages[0].uid, imap::Uid(4));
    QCOMPARE(messages[0].fromName, QStringLiteral("Jürgen"));
    QCOMPARE(messages[0].fromAddress, QStringLiteral("juergen@example.at"));
    QCOMPARE(messages[0].subject, QStringLiteral("Grüße aus Wien"));
    QCOMPARE(messages[0].messageId, QByteArray("<new4@example.at>"));
    QCOMPARE(messages[0].date, QDateTime(QDate(2026, 11, 21), QTime(9, 0), Qt::UTC));
    QCOMPARE(messages[0].uidValidity, 1700000000u);
    QCOMPARE(h.session->mailboxState().highestUid, 4u);
    QCOMPARE(h.session->snapshot().unseen, 3u); // 1, 2 and the new 4
    QCOMPARE(h.session->snapshot().exists, 4u);

    // Read in another client: a flag change, not new mail. The reported
    // message is checked by UID and its notification withdrawn.
    QVERIFY(h.run(R"(
S: * 4 FETCH (FLAGS (\Seen))
C: DONE
S: A8 OK Idle completed.
C: A9 UID SEARCH RETURN (COUNT) UNSEEN
C: A10 UID SEARCH RETURN (ALL) UID 4 UNSEEN
S: * ESEARCH (TAG "A9") UID COUNT 2
S: A9 OK Search completed.
S: * ESEARCH (TAG "A10") UID
S: A10 OK Search completed.
C: A11 IDLE
S: + idling
)"));
    QCOMPARE(h.newMessages->count(), 1);
    QCOMPARE(h.gone->count(), 1);
    QCOMPARE(h.gone->last().at(1).value<QList<imap::Uid>>(), QList<imap::Uid>{imap::Uid(4)});
    QCOMPARE(h.session->snapshot().unseen, 2u);
}

void TestImapSession::burstOfExistsInOneReadIsOneFetch()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    QVERIFY(h.run(R"(
S: * 4 EXISTS\r\n* 5 EXISTS\r\n* 6 EXISTS
C: DONE
X: silent
S: * 7 EXISTS
X: silent
S: A5 OK Idle completed.
C: A6 UID FETCH 4:* (UID FLAGS ENVELOPE INTERNALDATE)
C: A7 UID SEARCH RETURN (COUNT) UNSEEN
S: * 4 FETCH (UID 4 FLAGS () ENVELOPE (NIL "a" NIL NIL NIL NIL NIL NIL NIL NIL))
S: * 5 FETCH (UID 5 FLAGS (\Seen) ENVELOPE (NIL "b" NIL NIL NIL NIL NIL NIL NIL NIL))
S: * 6 FETCH (UID 6 FLAGS () ENVELOPE (NIL "c" NIL NIL NIL NIL NIL NIL NIL NIL))
S: * 7 FETCH (UID 8 FLAGS () ENVELOPE (NIL "d" NIL NIL NIL NIL NIL NIL NIL NIL))
S: A6 OK Fetch completed.
S: * ESEARCH (TAG "A7") UID COUNT 5
S: A7 OK Search completed.
C: A8 IDLE
)"));
    QCOMPARE(h.newMessages->count(), 1);
    const auto messages = h.lastMessages();
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages[0].subject, QStringLiteral("a"));
    QCOMPARE(messages[1].subject, QStringLiteral("c"));
    QCOMPARE(messages[2].uid, imap::Uid(8));
    QCOMPARE(h.session->mailboxState().highestUid, 8u);
    QCOMPARE(h.session->snapshot().unseen, 5u);
}

void TestImapSession::existsDuringAnotherCommandIsHandled()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(R"(
C: A2 EXAMINE INBOX
S: * 3 EXISTS
S: * OK [UIDVALIDITY 7] x
S: * OK [UIDNEXT 4] x
S: A2 OK [READ-ONLY] done
C: A3 UID FETCH * (UID INTERNALDATE)
C: A4 UID SEARCH RETURN (COUNT) UNSEEN
S: * 3 FETCH (UID 3 INTERNALDATE "07-Feb-1994 21:52:25 -0800")
S: A3 OK done
S: * 4 EXISTS
S: * ESEARCH (TAG "A4") UID COUNT 0
S: A4 OK done
# The EXISTS that came with the SEARCH answer is looked at before IDLE.
C: A5 UID FETCH 4:* (UID FLAGS ENVELOPE INTERNALDATE)
C: A6 UID SEARCH RETURN (COUNT) UNSEEN
S: * 4 FETCH (UID 4 FLAGS () ENVELOPE (NIL "fresh" NIL NIL NIL NIL NIL NIL NIL NIL))
S: A5 OK done
S: * ESEARCH (TAG "A6") UID COUNT 1
S: A6 OK done
C: A7 IDLE
S: + idling
X: state idling
)"));
    QCOMPARE(h.newMessages->count(), 1);
    QCOMPARE(h.lastMessages().value(0).subject, QStringLiteral("fresh"));
    QCOMPARE(h.session->snapshot().unseen, 1u);
}

void TestImapSession::noIdleCapabilityPolls()
{
    SessionConfig config = Harness::defaultConfig();
    config.pollInterval = 120s;
    Harness h(config);
    h.session->start();
    QVERIFY(h.run(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready
C: A1 AUTHENTICATE PLAIN AHVzZXIAc2VjcmV0
S: A1 OK [CAPABILITY IMAP4rev1] Logged in
C: A2 EXAMINE INBOX
S: * 0 EXISTS
S: * OK [UIDVALIDITY 9] x
S: * OK [UIDNEXT 1] x
S: A2 OK [READ-ONLY] done
C: A3 UID SEARCH UNSEEN
S: * SEARCH
S: A3 OK done
X: state polling
X: advance 119000
X: silent
X: advance 1000
C: A4 UID SEARCH UNSEEN
S: * 1 EXISTS
S: * SEARCH 1
S: A4 OK done
C: A5 UID FETCH 1:* (UID FLAGS ENVELOPE INTERNALDATE)
C: A6 UID SEARCH UNSEEN
S: * 1 FETCH (UID 1 FLAGS () ENVELOPE (NIL "polled" NIL NIL NIL NIL NIL NIL NIL NIL))
S: A5 OK done
S: * SEARCH 1
S: A6 OK done
X: state polling
X: silent
)"));
    QVERIFY(h.session->isPolling());
    QCOMPARE(h.newMessages->count(), 1);
    QCOMPARE(h.lastMessages().value(0).subject, QStringLiteral("polled"));
    QCOMPARE(h.session->snapshot().unseen, 1u);
}

void TestImapSession::idleRefusedFallsBackToPolling()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(R"(
C: A2 EXAMINE INBOX
S: * 0 EXISTS
S: * OK [UIDVALIDITY 9] x
S: * OK [UIDNEXT 1] x
S: A2 OK [READ-ONLY] done
C: A3 UID SEARCH RETURN (COUNT) UNSEEN
S: * ESEARCH (TAG "A3") UID COUNT 0
S: A3 OK done
C: A4 IDLE
S: A4 NO IDLE is disabled here
X: state polling
X: advance 300000
C: A5 UID SEARCH RETURN (COUNT) UNSEEN
)"));
    QVERIFY(h.session->isPolling());
}

void TestImapSession::idleIsRefreshedOnInterval()
{
    SessionConfig config = Harness::defaultConfig();
    config.idleRefresh = 120s;
    Harness h(config);
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    QVERIFY(h.run(R"(
X: advance 119999
X: silent
X: advance 1
C: DONE
S: A5 OK Idle completed.
C: A6 IDLE
S: + idling
X: state idling
X: advance 120000
C: DONE
S: A6 OK Idle completed.
C: A7 IDLE
)"));
    QCOMPARE(h.errors->count(), 0);
}

void TestImapSession::idleRefreshNeverExceeds29Minutes()
{
    SessionConfig config = Harness::defaultConfig();
    config.idleRefresh = std::chrono::hours(2);
    Harness h(config);
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    QVERIFY(h.run(R"(
X: advance 1739000
X: silent
X: advance 1000
C: DONE
)"));
}

void TestImapSession::deadLinkAfterDoneReconnects()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    QVERIFY(h.run(R"(
X: advance 600000
C: DONE
X: advance 29999
X: state idling
X: advance 1
X: state reconnecting
)"));
    QCOMPARE(h.lastError().kind, SessionError::Kind::Timeout);
    QVERIFY(h.lastError().willRetry);
    // Backoff: the first retry waits at most 2 s (deterministic random: the ceiling).
    QCOMPARE(h.lastError().retryIn, 2000ms);
    QVERIFY(h.run(R"(
X: advance 1999
X: state reconnecting
X: advance 1
X: connecting
)"));
    QCOMPARE(h.transport->connectCount(), 2);
}

void TestImapSession::greetingTimeoutReconnects()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(R"(
X: accept
X: advance 29999
X: state connecting
X: advance 1
X: state reconnecting
)"));
    QCOMPARE(h.lastError().kind, SessionError::Kind::Timeout);
}

void TestImapSession::byeReconnectsWithGrowingBackoff()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    QVERIFY(h.run(R"(
S: * BYE Server shutting down
X: close
X: state reconnecting
)"));
    // A plain BYE (a restart) is a lost connection: the usual backoff.
    QCOMPARE(h.lastError().kind, SessionError::Kind::Network);
    QVERIFY(h.lastError().message.contains(QStringLiteral("Server shutting down")));
    QCOMPARE(h.lastError().retryIn, 2000ms);
    // Connection refused repeatedly: 2 s, 4 s, 8 s, ... capped at 5 min.
    QList<qint64> delays;
    for (int i = 0; i < 10; ++i) {
        QVERIFY(h.clock.fireNext());
        QVERIFY(h.transport->isConnecting());
        QVERIFY(h.run("X: fail refused"));
        delays << h.lastError().retryIn.count();
    }
    QCOMPARE(delays.mid(0, 4), (QList<qint64>{4000, 8000, 16000, 32000}));
    QCOMPARE(delays.last(), 300000);
    QCOMPARE(h.lastError().kind, SessionError::Kind::Network);
}

void TestImapSession::healthySessionResetsBackoff()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run("X: accept\nX: close"));
    QCOMPARE(h.lastError().retryIn, 2000ms);
    QVERIFY(h.clock.fireNext());
    QVERIFY(h.run("X: fail refused"));
    QCOMPARE(h.lastError().retryIn, 4000ms);
    QVERIFY(h.clock.fireNext());
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    QVERIFY(h.run("X: advance 61000\nX: close"));
    QCOMPARE(h.lastError().retryIn, 2000ms);
}

void TestImapSession::authenticationFailureDoesNotRetry()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE] ready
C: A1 AUTHENTICATE PLAIN AHVzZXIAc2VjcmV0
S: A1 NO [AUTHENTICATIONFAILED] Authentication failed.
X: state failed
X: advance 3600000
X: state failed
X: silent
)"));
    QCOMPARE(h.transport->connectCount(), 1);
    QCOMPARE(h.lastError().kind, SessionError::Kind::Authentication);
    QVERIFY(!h.lastError().willRetry);
    QVERIFY(!h.lastError().message.contains(QStringLiteral("secret")));
    // The user fixed it and asks to check now: one new attempt.
    h.session->checkNow();
    QVERIFY(h.transport->isConnecting());
    QCOMPARE(h.transport->connectCount(), 2);
}

void TestImapSession::unavailableLoginRetries()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE] ready
C: A1 AUTHENTICATE PLAIN AHVzZXIAc2VjcmV0
S: A1 NO [UNAVAILABLE] Try again later
X: state reconnecting
)"));
    QCOMPARE(h.lastError().kind, SessionError::Kind::ServerUnavailable);
    QVERIFY(h.lastError().retryIn >= 30s);
}

void TestImapSession::authenticateWithoutSaslIrWaitsForContinuation()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN IDLE] ready
C: A1 AUTHENTICATE PLAIN
X: silent
S: +
C: AHVzZXIAc2VjcmV0
S: A1 OK Logged in
C: A2 CAPABILITY
S: * CAPABILITY IMAP4rev1 IDLE
S: A2 OK done
C: A3 EXAMINE INBOX
)"));
}

void TestImapSession::loginWithSynchronizingLiteral()
{
    SessionConfig config = Harness::defaultConfig();
    config.password = QStringLiteral("p\u00e4ss\"word");
    Harness h(config);
    h.session->start();
    QVERIFY(h.run(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 IDLE] ready
C: A1 LOGIN user {10}
X: silent
S: + Ready for literal data
C: p\xc3\xa4ss\x22word
S: A1 OK [CAPABILITY IMAP4rev1 IDLE] Logged in
C: A2 EXAMINE INBOX
)"));
}

void TestImapSession::startTlsHappyPath()
{
    SessionConfig config = Harness::defaultConfig();
    config.security = Security::StartTls;
    config.port = 143;
    Harness h(config);
    h.session->start();
    QVERIFY(!h.transport->lastImplicitTls());
    QVERIFY(h.run(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready
C: A1 STARTTLS
S: A1 OK Begin TLS negotiation now.
X: starttls
C: A2 CAPABILITY
S: * CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE
S: A2 OK done
C: A3 AUTHENTICATE PLAIN AHVzZXIAc2VjcmV0
S: A3 OK Logged in
C: A4 CAPABILITY
)"));
    QVERIFY(!h.transport->plaintextWritten().contains(kAuthPlain));
    QVERIFY(!h.transport->plaintextWritten().contains("secret"));
}

void TestImapSession::startTlsNotOfferedIsAnError()
{
    SessionConfig config = Harness::defaultConfig();
    config.security = Security::StartTls;
    Harness h(config);
    h.session->start();
    QVERIFY(h.run(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN IDLE] ready
X: state failed
X: silent
)"));
    QCOMPARE(h.lastError().kind, SessionError::Kind::Security);
    QVERIFY(!h.lastError().willRetry);
    QVERIFY(h.transport->plaintextWritten().isEmpty());
}

void TestImapSession::startTlsInjectionIsRefused()
{
    SessionConfig config = Harness::defaultConfig();
    config.security = Security::StartTls;
    Harness h(config);
    h.session->start();
    QVERIFY(h.run(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 STARTTLS] ready
C: A1 STARTTLS
S: A1 OK Begin TLS\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected
X: state failed
)"));
    QCOMPARE(h.lastError().kind, SessionError::Kind::Security);
    QVERIFY(!h.transport->tlsRequested());
    QVERIFY(!h.transport->written().contains("secret"));
}

void TestImapSession::preauthBeforeStartTlsIsRefused()
{
    SessionConfig config = Harness::defaultConfig();
    config.security = Security::StartTls;
    Harness h(config);
    h.session->start();
    QVERIFY(h.run(R"(
X: accept
S: * PREAUTH [CAPABILITY IMAP4rev1 IDLE] welcome back
X: state failed
X: silent
)"));
    QCOMPARE(h.lastError().kind, SessionError::Kind::Security);
}

void TestImapSession::loginDisabledWithoutPlainIsRefused()
{
    SessionConfig config = Harness::defaultConfig();
    config.security = Security::None;
    config.port = 143;
    Harness h(config);
    h.session->start();
    QVERIFY(h.run(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 LOGINDISABLED IDLE] ready
X: state failed
X: silent
)"));
    QCOMPARE(h.lastError().kind, SessionError::Kind::Authentication);
    QVERIFY(h.transport->plaintextWritten().isEmpty());
}

void TestImapSession::certificateFailureStopsWithFingerprint()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(R"(
X: fail certificate
X: state failed
X: advance 3600000
X: state failed
)"));
    QCOMPARE(h.transport->connectCount(), 1);
    QCOMPARE(h.lastError().kind, SessionError::Kind::Certificate);
    QCOMPARE(h.lastError().certificateSha256, QByteArray("ab12"));
}

void TestImapSession::restartReportsOnlyAboveHighWaterMark()
{
    Harness h;
    MailboxState saved;
    saved.uidValidity = 1700000000;
    saved.highestUid = 5;
    h.session->setMailboxState(saved);
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(R"(
# One round trip: EXAMINE, what is above the mark and the count, pipelined.
C: A2 EXAMINE INBOX
C: A3 UID FETCH 6:* (UID FLAGS INTERNALDATE)
C: A4 UID SEARCH RETURN (COUNT) UNSEEN
S: * 7 EXISTS
S: * OK [UIDVALIDITY 1700000000] x
S: * OK [UIDNEXT 8] x
S: A2 OK [READ-ONLY] done
S: * 6 FETCH (UID 6 FLAGS ())
S: * 7 FETCH (UID 7 FLAGS (\Seen))
S: A3 OK done
# Something new: its sender and subject.
C: A5 UID FETCH 6 (UID FLAGS ENVELOPE INTERNALDATE)
S: * ESEARCH (TAG "A4") UID COUNT 2
S: A4 OK done
S: * 6 FETCH (UID 6 FLAGS () ENVELOPE (NIL "while away" NIL NIL NIL NIL NIL NIL NIL NIL))
S: A5 OK done
C: A6 IDLE
)"));
    QCOMPARE(h.newMessages->count(), 1);
    QCOMPARE(h.lastMessages().size(), 1);
    QCOMPARE(h.lastMessages()[0].subject, QStringLiteral("while away"));
    QCOMPARE(h.session->mailboxState().highestUid, 7u);
    QCOMPARE(h.session->snapshot().unseen, 2u);
}

void TestImapSession::nothingAboveHighWaterMarkIsFilteredOut()
{
    Harness h;
    MailboxState saved;
    saved.uidValidity = 1700000000;
    saved.highestUid = 7;
    h.session->setMailboxState(saved);
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    // "8:*" returns the highest message (UID 7) when nothing is above 7.
    QVERIFY(h.run(R"(
C: A2 EXAMINE INBOX
C: A3 UID FETCH 8:* (UID FLAGS INTERNALDATE)
C: A4 UID SEARCH RETURN (COUNT) UNSEEN
S: * 7 EXISTS
S: * OK [UIDVALIDITY 1700000000] x
S: * OK [UIDNEXT 8] x
S: A2 OK [READ-ONLY] done
S: * 7 FETCH (UID 7 FLAGS ())
S: A3 OK done
S: * ESEARCH (TAG "A4") UID COUNT 1
S: A4 OK done
C: A5 IDLE
)"));
    QCOMPARE(h.newMessages->count(), 0);
}

void TestImapSession::uidValidityChangeDoesNotFlood()
{
    Harness h;
    MailboxState saved;
    saved.uidValidity = 111;
    saved.highestUid = 2;
    h.session->setMailboxState(saved);
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(R"(
C: A2 EXAMINE INBOX
C: A3 UID FETCH 3:* (UID FLAGS INTERNALDATE)
C: A4 UID SEARCH RETURN (COUNT) UNSEEN
S: * 50 EXISTS
S: * OK [UIDVALIDITY 222] x
S: * OK [UIDNEXT 51] x
S: A2 OK [READ-ONLY] done
# Renumbered: the pipelined answer belongs to the old numbering.
C: A5 UID FETCH * (UID INTERNALDATE)
C: A6 UID SEARCH RETURN (COUNT) UNSEEN
S: * 3 FETCH (UID 3 FLAGS ())
S: A3 OK done
S: * ESEARCH (TAG "A4") UID COUNT 50
S: A4 OK done
S: * 50 FETCH (UID 50 INTERNALDATE "21-Nov-2026 10:00:00 +0000")
S: A5 OK done
S: * ESEARCH (TAG "A6") UID COUNT 50
S: A6 OK done
C: A7 IDLE
)"));
    QCOMPARE(h.newMessages->count(), 0);
    QCOMPARE(h.session->mailboxState().uidValidity, 222u);
    QCOMPARE(h.session->mailboxState().highestUid, 50u);
    QCOMPARE(h.session->snapshot().unseen, 50u);
}

void TestImapSession::largeBacklogFetchesNewestSummariesAndCountsTheRest()
{
    SessionConfig config = Harness::defaultConfig();
    config.maxSummaries = 2;
    Harness h(config);
    MailboxState saved;
    saved.uidValidity = 5;
    saved.highestUid = 10;
    h.session->setMailboxState(saved);
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(R"(
C: A2 EXAMINE INBOX
C: A3 UID FETCH 11:* (UID FLAGS INTERNALDATE)
C: A4 UID SEARCH RETURN (COUNT) UNSEEN
S: * 20 EXISTS
S: * OK [UIDVALIDITY 5] x
S: * OK [UIDNEXT 21] x
S: A2 OK [READ-ONLY] done
S: * 11 FETCH (UID 11 FLAGS ())
S: * 12 FETCH (UID 12 FLAGS (\Seen))
S: * 13 FETCH (UID 13 FLAGS ())
S: * 14 FETCH (UID 14 FLAGS ())
S: * 15 FETCH (UID 15 FLAGS ())
S: A3 OK done
C: A5 UID FETCH 14:15 (UID FLAGS ENVELOPE INTERNALDATE)
S: * ESEARCH (TAG "A4") UID COUNT 4
S: A4 OK done
S: * 14 FETCH (UID 14 FLAGS () ENVELOPE (NIL "fourteen" NIL NIL NIL NIL NIL NIL NIL NIL))
S: * 15 FETCH (UID 15 FLAGS () ENVELOPE (NIL "fifteen" NIL NIL NIL NIL NIL NIL NIL NIL))
S: A5 OK done
C: A6 IDLE
)"));
    QCOMPARE(h.newMessages->count(), 1);
    QCOMPARE(h.lastMessages().size(), 2);
    QCOMPARE(h.lastMessages()[0].subject, QStringLiteral("fourteen"));
    QCOMPARE(h.newMessages->last().at(1).toInt(), 2); // 11 and 13 only counted
    QCOMPARE(h.session->mailboxState().highestUid, 15u);
}

void TestImapSession::expungeLowersCount()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    QVERIFY(h.run(R"(
S: * 1 EXPUNGE
C: DONE
S: A5 OK Idle completed.
C: A6 UID SEARCH RETURN (COUNT) UNSEEN
S: * ESEARCH (TAG "A6") UID COUNT 1
S: A6 OK done
C: A7 IDLE
)"));
    QCOMPARE(h.session->snapshot().exists, 2u);
    QCOMPARE(h.session->snapshot().unseen, 1u);
    QCOMPARE(h.gone->count(), 0); // it had no notification
    QCOMPARE(h.newMessages->count(), 0);
}

void TestImapSession::garbageIsAProtocolErrorAndReconnects()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    QVERIFY(h.run(R"(
S: * 4 FETCH (UID "unterminated
X: state reconnecting
)"));
    QCOMPARE(h.lastError().kind, SessionError::Kind::Protocol);
}

void TestImapSession::hugeLiteralAnnouncementIsAnErrorNotAnAllocation()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    QVERIFY(h.run(R"(
S: * 4 FETCH (BODY[] {4294967295}
X: state reconnecting
)"));
    QCOMPARE(h.lastError().kind, SessionError::Kind::Protocol);
}

void TestImapSession::checkNowWhileIdlingSyncs()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    h.session->checkNow();
    QVERIFY(h.run(R"(
C: DONE
S: A5 OK Idle completed.
C: A6 UID FETCH 4:* (UID FLAGS ENVELOPE INTERNALDATE)
C: A7 UID SEARCH RETURN (COUNT) UNSEEN
# Dovecot runs pipelined commands together and may finish them out of order.
S: * ESEARCH (TAG "A7") UID COUNT 2
S: A7 OK done
X: silent
S: A6 OK done
C: A8 IDLE
)"));
}

void TestImapSession::existsBeforeIdleContinuationWaitsForPlus()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(R"(
C: A2 EXAMINE INBOX
S: * 0 EXISTS
S: * OK [UIDVALIDITY 9] x
S: * OK [UIDNEXT 1] x
S: A2 OK [READ-ONLY] done
C: A3 UID SEARCH RETURN (COUNT) UNSEEN
S: * ESEARCH (TAG "A3") UID COUNT 0
S: A3 OK done
C: A4 IDLE
S: * 1 EXISTS
X: silent
S: + idling
C: DONE
S: A4 OK done
C: A5 UID FETCH 1:* (UID FLAGS ENVELOPE INTERNALDATE)
)"));
}

void TestImapSession::stopLogsOut()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    h.session->stop();
    QVERIFY(h.run(R"(
C: DONE
C: A6 LOGOUT
X: state disconnected
X: advance 3600000
X: state disconnected
)"));
    QCOMPARE(h.transport->connectCount(), 1);
}

void TestImapSession::reconnectNowDropsAndConnects()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    h.session->reconnectNow();
    QVERIFY(h.transport->isConnecting());
    QCOMPARE(h.transport->connectCount(), 2);
    QVERIFY(h.run(kLoginTls));
    // Same UIDVALIDITY, nothing new: no report.
    QVERIFY(h.run(R"(
C: A2 EXAMINE INBOX
C: A3 UID FETCH 4:* (UID FLAGS INTERNALDATE)
C: A4 UID SEARCH RETURN (COUNT) UNSEEN
S: * 3 EXISTS
S: * OK [UIDVALIDITY 1700000000] x
S: * OK [UIDNEXT 4] x
S: A2 OK [READ-ONLY] done
S: * 3 FETCH (UID 3 FLAGS (\Seen))
S: A3 OK done
S: * ESEARCH (TAG "A4") UID COUNT 2
S: A4 OK done
C: A5 IDLE
)"));
    QCOMPARE(h.newMessages->count(), 0);
}

void TestImapSession::alertOnlyFromTrustedConnections()
{
    SessionConfig config = Harness::defaultConfig();
    config.security = Security::StartTls;
    Harness h(config);
    QSignalSpy alerts(h.session.get(), &ImapSession::alert);
    h.session->start();
    QVERIFY(h.run(R"(
X: accept
S: * OK [ALERT] Your password expired, log in at evil.example
C: A1 CAPABILITY
S: * OK [ALERT] Really, go to evil.example
S: * CAPABILITY IMAP4rev1 STARTTLS
S: A1 OK done
C: A2 STARTTLS
)"));
    QCOMPARE(alerts.count(), 0);

    Harness tls;
    QSignalSpy tlsAlerts(tls.session.get(), &ImapSession::alert);
    tls.session->start();
    QVERIFY(tls.run(R"(
X: accept
S: * OK [ALERT] Maintenance tonight at 22:00
C: A1 CAPABILITY
)"));
    QCOMPARE(tlsAlerts.count(), 1);
    QCOMPARE(tlsAlerts.last().at(0).toString(), QStringLiteral("Maintenance tonight at 22:00"));
}

QTEST_GUILESS_MAIN(TestImapSession)

void TestImapSession::movedInMailIsNotNew()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    // First run: the newest message arrived on 21 Nov 2026.
    QVERIFY(h.run(R"(
C: A2 EXAMINE INBOX
S: * 2 EXISTS
S: * OK [UIDVALIDITY 3] x
S: * OK [UIDNEXT 3] x
S: A2 OK [READ-ONLY] done
C: A3 UID FETCH * (UID INTERNALDATE)
C: A4 UID SEARCH RETURN (COUNT) UNSEEN
S: * 2 FETCH (UID 2 INTERNALDATE "21-Nov-2026 10:00:00 +0000")
S: A3 OK done
S: * ESEARCH (TAG "A4") UID COUNT 0
S: A4 OK done
C: A5 IDLE
S: + idling
)"));
    QCOMPARE(h.session->mailboxState().newestArrival,
             QDateTime(QDate(2026, 11, 21), QTime(10, 0), Qt::UTC).toSecsSinceEpoch());
    // Someone moves an old unread message in from the archive, and new mail
    // arrives in the same moment: only the new one is new.
    QVERIFY(h.run(R"(
S: * 4 EXISTS
C: DONE
S: A5 OK done
C: A6 UID FETCH 3:* (UID FLAGS ENVELOPE INTERNALDATE)
C: A7 UID SEARCH RETURN (COUNT) UNSEEN
S: * 3 FETCH (UID 3 FLAGS () ENVELOPE (NIL "from the archive" NIL NIL NIL NIL NIL NIL NIL NIL) INTERNALDATE "02-Mar-2025 08:00:00 +0000")
S: * 4 FETCH (UID 4 FLAGS () ENVELOPE (NIL "just delivered" NIL NIL NIL NIL NIL NIL NIL NIL) INTERNALDATE "21-Nov-2026 11:30:00 +0100")
S: A6 OK done
S: * ESEARCH (TAG "A7") UID COUNT 2
S: A7 OK done
C: A8 IDLE
)"));
    QCOMPARE(h.newMessages->count(), 1);
    QCOMPARE(h.lastMessages().size(), 1);
    QCOMPARE(h.lastMessages()[0].subject, QStringLiteral("just delivered"));
    QCOMPARE(h.session->snapshot().unseen, 2u); // both count as unread
    QCOMPARE(h.session->mailboxState().highestUid, 4u);
    QCOMPARE(h.session->mailboxState().newestArrival,
             QDateTime(QDate(2026, 11, 21), QTime(10, 30), Qt::UTC).toSecsSinceEpoch());
}

void TestImapSession::wallClockJumpReconnects()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    // A small step (NTP) is nothing.
    h.clock.jumpWallClock(30000);
    QVERIFY(h.run(R"(
S: * OK Still here
X: silent
X: state idling
)"));
    // The lid was closed for three hours: the first sign of life after it
    // (here the server's keepalive) makes the session reconnect at once.
    h.clock.jumpWallClock(3 * 3600 * 1000);
    QVERIFY(h.run(R"(
S: * OK Still here
X: connecting
)"));
    QCOMPARE(h.transport->connectCount(), 2);
    QCOMPARE(h.errors->count(), 0);
}

namespace {

const char *kLoginNotify = R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE NOTIFY ESEARCH] ready
C: A1 AUTHENTICATE PLAIN AHVzZXIAc2VjcmV0
S: A1 OK [CAPABILITY IMAP4rev1 IDLE NOTIFY ESEARCH LITERAL+] Logged in
)";

// First run of INBOX with one unseen message (UID 1), on a NOTIFY server.
const char *kExamineNotify = R"(
C: A2 EXAMINE INBOX
S: * 1 EXISTS
S: * OK [UIDVALIDITY 5] x
S: * OK [UIDNEXT 2] x
S: A2 OK [READ-ONLY] done
C: A3 UID FETCH * (UID INTERNALDATE)
C: A4 UID SEARCH RETURN (COUNT) UNSEEN
S: * 1 FETCH (UID 1 INTERNALDATE "21-Nov-2026 09:00:00 +0000")
S: A3 OK done
S: * ESEARCH (TAG "A4") UID COUNT 1
S: A4 OK done
)";

} // namespace

// NOTIFY (RFC 5465): the new message arrives with its sender and subject in
// the same packet as its EXISTS; nothing is sent back at all.
void TestImapSession::notifyPushesNewMailWithoutARoundTrip()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginNotify));
    QVERIFY(h.run(kExamineNotify));
    QVERIFY(h.run(R"(
C: A5 NOTIFY SET (SELECTED (MessageNew (UID FLAGS ENVELOPE INTERNALDATE) MessageExpunge FlagChange))
S: A5 OK NOTIFY completed
C: A6 IDLE
S: + idling
X: state idling
S: * 2 EXISTS\r\n* 2 FETCH (UID 2 FLAGS () ENVELOPE ("Sat, 21 Nov 2026 10:00:00 +0000" "pushed" (("Ann" NIL "ann" "example.org")) NIL NIL NIL NIL NIL NIL "<p2@x>") INTERNALDATE "21-Nov-2026 10:00:00 +0000")
X: silent
X: state idling
)"));
    QCOMPARE(h.session->mode(), ImapSession::Mode::Notify);
    QCOMPARE(h.newMessages->count(), 1);
    QCOMPARE(h.lastMessages().value(0).subject, QStringLiteral("pushed"));
    QCOMPARE(h.lastMessages().value(0).fromName, QStringLiteral("Ann"));
    QCOMPARE(h.session->snapshot().unseen, 2u);
    QCOMPARE(h.session->snapshot().exists, 2u);
    QCOMPARE(h.session->mailboxState().highestUid, 2u);

    // Read elsewhere: NOTIFY's FlagChange carries the UID, so the
    // notification goes at once; then the count.
    QVERIFY(h.run(R"(
S: * 2 FETCH (UID 2 FLAGS (\Seen))
C: DONE
S: A6 OK done
C: A7 UID SEARCH RETURN (COUNT) UNSEEN
S: * ESEARCH (TAG "A7") UID COUNT 1
S: A7 OK done
C: A8 IDLE
S: + idling
X: state idling
)"));
    QCOMPARE(h.gone->count(), 1);
    QCOMPARE(h.gone->last().at(1).value<QList<imap::Uid>>(), QList<imap::Uid>{imap::Uid(2)});
    QCOMPARE(h.session->snapshot().unseen, 1u);
}

// A NOTIFY server without IDLE pushes at any time; a NOOP now and then
// proves the link is alive.
void TestImapSession::notifyWithoutIdleWatchesWithNoop()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN NOTIFY ESEARCH] ready
C: A1 AUTHENTICATE PLAIN AHVzZXIAc2VjcmV0
S: A1 OK [CAPABILITY IMAP4rev1 NOTIFY ESEARCH] Logged in
)"));
    QVERIFY(h.run(kExamineNotify));
    QVERIFY(h.run(R"(
C: A5 NOTIFY SET (SELECTED (MessageNew (UID FLAGS ENVELOPE INTERNALDATE) MessageExpunge FlagChange))
S: A5 OK NOTIFY completed
X: state idling
S: * 2 EXISTS\r\n* 2 FETCH (UID 2 FLAGS () ENVELOPE (NIL "pushed" NIL NIL NIL NIL NIL NIL NIL "<p2@x>") INTERNALDATE "21-Nov-2026 10:00:00 +0000")
X: silent
X: advance 600000
C: A6 NOOP
S: A6 OK done
X: state idling
X: advance 600000
C: A7 NOOP
X: advance 29999
X: state idling
X: advance 1
X: state reconnecting
)"));
    QCOMPARE(h.newMessages->count(), 1);
    QCOMPARE(h.lastError().kind, SessionError::Kind::Timeout);
}

// The EXISTS and the pushed FETCH in two reads: still reported once.
void TestImapSession::notifySplitAcrossReadsReportsOnce()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginNotify));
    QVERIFY(h.run(kExamineNotify));
    QVERIFY(h.run(R"(
C: A5 NOTIFY SET (SELECTED (MessageNew (UID FLAGS ENVELOPE INTERNALDATE) MessageExpunge FlagChange))
S: A5 OK NOTIFY completed
C: A6 IDLE
S: + idling
S: * 2 EXISTS
C: DONE
S: * 2 FETCH (UID 2 FLAGS () ENVELOPE (NIL "pushed" NIL NIL NIL NIL NIL NIL NIL "<p2@x>") INTERNALDATE "21-Nov-2026 10:00:00 +0000")
S: A6 OK done
C: A7 UID FETCH 3:* (UID FLAGS ENVELOPE INTERNALDATE)
C: A8 UID SEARCH RETURN (COUNT) UNSEEN
C: A9 UID SEARCH RETURN (ALL) UID 2 UNSEEN
S: * 2 FETCH (UID 2 FLAGS () ENVELOPE (NIL "pushed" NIL NIL NIL NIL NIL NIL NIL "<p2@x>") INTERNALDATE "21-Nov-2026 10:00:00 +0000")
S: A7 OK done
S: * ESEARCH (TAG "A8") UID COUNT 2
S: A8 OK done
S: * ESEARCH (TAG "A9") UID ALL 2
S: A9 OK done
C: A10 IDLE
S: + idling
X: state idling
X: silent
)"));
    QCOMPARE(h.newMessages->count(), 1);
    QCOMPARE(h.lastMessages().size(), 1);
    QCOMPARE(h.session->snapshot().unseen, 2u);
}

// Several folders on one connection: NOTIFY tells about the others with
// STATUS; the session looks into the one that changed and comes back.
void TestImapSession::notifyWatchesOtherMailboxes()
{
    SessionConfig config = Harness::defaultConfig();
    config.otherMailboxes = {QStringLiteral("Lists")};
    Harness h(config);
    QSignalSpy noNotify(h.session.get(), &ImapSession::notifyUnavailable);
    h.session->start();
    QVERIFY(h.run(kLoginNotify));
    QVERIFY(h.run(kExamineNotify));
    QVERIFY(h.run(R"(
C: A5 STATUS Lists (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)
S: * STATUS Lists (MESSAGES 2 UIDNEXT 3 UIDVALIDITY 8 UNSEEN 1)
S: A5 OK done
C: A6 NOTIFY SET (SELECTED (MessageNew (UID FLAGS ENVELOPE INTERNALDATE) MessageExpunge FlagChange)) (MAILBOXES (INBOX Lists) (MessageNew MessageExpunge FlagChange))
S: A6 OK done
C: A7 IDLE
S: + idling
X: state idling
)"));
    QCOMPARE(h.session->snapshot(QStringLiteral("Lists")).unseen, 1u);
    QCOMPARE(h.session->unseenTotal(), 2u);
    QCOMPARE(h.session->mailboxState(QStringLiteral("Lists")).highestUid, 2u);
    // New mail in Lists.
    QVERIFY(h.run(R"(
S: * STATUS Lists (MESSAGES 3 UIDNEXT 4 UIDVALIDITY 8)
C: DONE
S: A7 OK done
C: A8 STATUS Lists (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)
S: * STATUS Lists (MESSAGES 3 UIDNEXT 4 UIDVALIDITY 8 UNSEEN 2)
S: A8 OK done
C: A9 EXAMINE Lists
C: A10 UID FETCH 3:* (UID FLAGS INTERNALDATE)
C: A11 UID SEARCH RETURN (COUNT) UNSEEN
S: * 3 EXISTS
S: * OK [UIDVALIDITY 8] x
S: * OK [UIDNEXT 4] x
S: A9 OK [READ-ONLY] done
S: * 3 FETCH (UID 3 FLAGS () INTERNALDATE "21-Nov-2026 10:00:00 +0000")
S: A10 OK done
C: A12 UID FETCH 3 (UID FLAGS ENVELOPE INTERNALDATE)
S: * ESEARCH (TAG "A11") UID COUNT 2
S: A11 OK done
S: * 3 FETCH (UID 3 FLAGS () ENVELOPE (NIL "on the list" NIL NIL NIL NIL NIL NIL NIL "<l3@x>") INTERNALDATE "21-Nov-2026 10:00:00 +0000")
S: A12 OK done
# Back to INBOX: one round trip.
C: A13 EXAMINE INBOX
C: A14 UID FETCH 2:* (UID FLAGS INTERNALDATE)
C: A15 UID SEARCH RETURN (COUNT) UNSEEN
S: * 1 EXISTS
S: * OK [UIDVALIDITY 5] x
S: * OK [UIDNEXT 2] x
S: A13 OK [READ-ONLY] done
S: * 1 FETCH (UID 1 FLAGS ())
S: A14 OK done
S: * ESEARCH (TAG "A15") UID COUNT 1
S: A15 OK done
C: A16 IDLE
S: + idling
X: state idling
X: silent
)"));
    QCOMPARE(noNotify.count(), 0);
    QCOMPARE(h.newMessages->count(), 1);
    QCOMPARE(h.lastMessages().value(0).mailbox, QStringLiteral("Lists"));
    QCOMPARE(h.lastMessages().value(0).subject, QStringLiteral("on the list"));
    QCOMPARE(h.session->snapshot(QStringLiteral("Lists")).unseen, 2u);
    QCOMPARE(h.session->unseenTotal(), 3u);
    QCOMPARE(h.session->mailboxState(QStringLiteral("Lists")).highestUid, 3u);
    QCOMPARE(h.session->mailboxState(QStringLiteral("Lists")).uidValidity, 8u);
}

// Without NOTIFY the owner hears about it, and the other folders are
// checked with STATUS on the poll interval while INBOX idles.
void TestImapSession::withoutNotifyOtherMailboxesArePolled()
{
    SessionConfig config = Harness::defaultConfig();
    config.otherMailboxes = {QStringLiteral("Lists")};
    config.pollInterval = 300s;
    Harness h(config);
    QSignalSpy noNotify(h.session.get(), &ImapSession::notifyUnavailable);
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QCOMPARE(noNotify.count(), 1);
    QCOMPARE(noNotify.first().at(0).toStringList(), QStringList{QStringLiteral("Lists")});
    QVERIFY(h.run(R"(
C: A2 EXAMINE INBOX
S: * 0 EXISTS
S: * OK [UIDVALIDITY 9] x
S: * OK [UIDNEXT 1] x
S: A2 OK [READ-ONLY] done
C: A3 UID SEARCH RETURN (COUNT) UNSEEN
S: * ESEARCH (TAG "A3") UID COUNT 0
S: A3 OK done
C: A4 STATUS Lists (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)
S: * STATUS Lists (MESSAGES 5 UIDNEXT 6 UIDVALIDITY 8 UNSEEN 3)
S: A4 OK done
C: A5 IDLE
S: + idling
X: advance 299999
X: silent
X: advance 1
C: DONE
S: A5 OK done
C: A6 STATUS Lists (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)
S: * STATUS Lists (MESSAGES 5 UIDNEXT 6 UIDVALIDITY 8 UNSEEN 2)
S: A6 OK done
C: A7 IDLE
)"));
    QCOMPARE(h.session->snapshot(QStringLiteral("Lists")).unseen, 2u);
    QCOMPARE(h.session->unseenTotal(), 2u);
    // The owner gives Lists a connection of its own: only INBOX stays here,
    // from the moment nothing is in flight.
    h.session->setOtherMailboxes({});
    QVERIFY(h.run(R"(
S: + idling
C: DONE
S: A7 OK done
C: A8 IDLE
S: + idling
X: advance 300000
C: DONE
S: A8 OK done
C: A9 IDLE
)"));
    QCOMPARE(h.session->mailboxes(), QStringList{QStringLiteral("INBOX")});
}

// A reported message deleted elsewhere: its notification is withdrawn (the
// recount checks the reported UIDs). CONDSTORE and QRESYNC are offered but
// not enabled: the resync is one round trip without them, and they cost the
// server a modification sequence per message.
void TestImapSession::expungedReportedMessageIsWithdrawn()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE ESEARCH CONDSTORE QRESYNC ENABLE] ready
C: A1 AUTHENTICATE PLAIN AHVzZXIAc2VjcmV0
S: A1 OK [CAPABILITY IMAP4rev1 IDLE ESEARCH CONDSTORE QRESYNC ENABLE] Logged in
C: A2 EXAMINE INBOX
S: * 1 EXISTS
S: * OK [UIDVALIDITY 5] x
S: * OK [UIDNEXT 2] x
S: * OK [HIGHESTMODSEQ 100] x
S: A2 OK [READ-ONLY] done
C: A3 UID FETCH * (UID INTERNALDATE)
C: A4 UID SEARCH RETURN (COUNT) UNSEEN
S: * 1 FETCH (UID 1 INTERNALDATE "21-Nov-2026 09:00:00 +0000")
S: A3 OK done
S: * ESEARCH (TAG "A4") UID COUNT 0
S: A4 OK done
C: A5 IDLE
S: + idling
S: * 2 EXISTS
C: DONE
S: A5 OK done
C: A6 UID FETCH 2:* (UID FLAGS ENVELOPE INTERNALDATE)
C: A7 UID SEARCH RETURN (COUNT) UNSEEN
S: * 2 FETCH (UID 2 FLAGS () ENVELOPE (NIL "soon gone" NIL NIL NIL NIL NIL NIL NIL NIL) INTERNALDATE "21-Nov-2026 10:00:00 +0000")
S: A6 OK done
S: * ESEARCH (TAG "A7") UID COUNT 1
S: A7 OK done
C: A8 IDLE
S: + idling
S: * 2 EXPUNGE
C: DONE
S: A8 OK done
C: A9 UID SEARCH RETURN (COUNT) UNSEEN
C: A10 UID SEARCH RETURN (ALL) UID 2 UNSEEN
S: * ESEARCH (TAG "A9") UID COUNT 0
S: A9 OK done
S: * ESEARCH (TAG "A10") UID
S: A10 OK done
C: A11 IDLE
)"));
    QCOMPARE(h.newMessages->count(), 1);
    QCOMPARE(h.gone->count(), 1);
    QCOMPARE(h.gone->last().at(1).value<QList<imap::Uid>>(), QList<imap::Uid>{imap::Uid(2)});
    QCOMPARE(h.session->snapshot().unseen, 0u);
    QCOMPARE(h.session->snapshot().exists, 1u);
}

// A BYE that names a connection limit (or [UNAVAILABLE]) is respected.
void TestImapSession::busyByeWaitsLonger()
{
    Harness h;
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(R"(
S: * BYE [UNAVAILABLE] Maximum number of connections from user+IP exceeded
X: close
X: state reconnecting
)"));
    QCOMPARE(h.lastError().kind, SessionError::Kind::ServerUnavailable);
    QVERIFY(h.lastError().retryIn >= 30s);
}

// [ALERT]s reach the user, but a flood does not: each text once, a few per
// connection.
void TestImapSession::alertFloodIsBounded()
{
    Harness h;
    QSignalSpy alerts(h.session.get(), &ImapSession::alert);
    h.session->start();
    QVERIFY(h.run(kLoginTls));
    QVERIFY(h.run(kExamineFirstRun));
    QVERIFY(h.run(R"(
S: * OK [ALERT] Maintenance at 22:00
S: * OK [ALERT] Maintenance at 22:00
S: * OK [ALERT] Maintenance at 22:00
S: * OK [ALERT] Quota at 95%
S: * OK [ALERT] Spam 1
S: * OK [ALERT] Spam 2
S: * OK [ALERT] Spam 3
X: silent
X: state idling
)"));
    QCOMPARE(alerts.count(), 3);
    QCOMPARE(alerts.at(0).at(0).toString(), QStringLiteral("Maintenance at 22:00"));
    QCOMPARE(alerts.at(1).at(0).toString(), QStringLiteral("Quota at 95%"));
}
