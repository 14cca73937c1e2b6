// The IMAP engine (ImapSession over the real SslTransport) against the real
// Dovecot the suite starts: unseen count, new mail while idling, the count
// following the server, wrong passwords, restarts, flags and moves.
// Users 11-30 of the fixture (see DovecotFixture.h).

#include "session/ImapSession.h"
#include "session/SslTransport.h"
#include "support/DovecotFixture.h"
#include "support/FixtureAccounts.h"
#include "support/SessionTestUtil.h"
#include "support/TestImapClient.h"

#include <QSignalSpy>
#include <QTest>

using namespace session;
using namespace testsupport;

namespace {

constexpr int kWaitMs = 15000; // bounded waits on a real server; Dovecot answers in ~0.5 s

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

    std::optional<DovecotFixture> m_dovecot;

    SessionConfig config(int user, Security security = Security::Tls) const
    {
        SessionConfig c = fixtureSessionConfig(*m_dovecot, user, security);
        c.clientName = QStringLiteral("it/%1").arg(c.username);
        return c;
    }

    std::unique_ptr<ImapSession> makeSession(const SessionConfig &c)
    {
        return std::make_unique<ImapSession>(c, std::make_unique<SslTransport>());
    }

    // The other mail client: puts mail in, changes flags.
    bool connectClient(TestImapClient &client, int user)
    {
        if (!client.connectTo(*m_dovecot, TestImapClient::Security::Tls)) {
            qWarning() << client.lastError();
            return false;
        }
        const auto r = client.login(m_dovecot->userName(user), m_dovecot->password(user));
        if (!r.ok())
            qWarning() << r.describe();
        return r.ok() && client.select(QStringLiteral("INBOX")).ok();
    }

    static QList<MessageSummary> allMessages(const QSignalSpy &spy)
    {
        QList<MessageSummary> out;
        for (const auto &args : spy)
            out += args.at(0).value<QList<MessageSummary>>();
        return out;
    }

    bool clean(int user) { return cleanMailbox(*m_dovecot, user); }

private Q_SLOTS:
    void initTestCase()
    {
        registerSessionMetaTypes();
        m_dovecot = DovecotFixture::requireFixture();
        QVERIFY(m_dovecot);
    }

    void newMailWhileIdling_data()
    {
        QTest::addColumn<int>("user");
        QTest::addColumn<Security>("security");
        QTest::newRow("implicit TLS") << 11 << Security::Tls;
        QTest::newRow("STARTTLS") << 12 << Security::StartTls;
        QTest::newRow("plaintext by choice") << 13 << Security::None;
    }

    // Correct unseen count at start; a message APPENDed by another
    // connection is reported while idling, once, with sender and subject.
    void newMailWhileIdling()
    {
        QFETCH(int, user);
        QFETCH(Security, security);
        QVERIFY(clean(user));
        TestImapClient client;
        QVERIFY(connectClient(client, user));
        QVERIFY(client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("a@example.org", "one", "1")));
        QVERIFY(client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("b@example.org", "two", "2")));
        QVERIFY(client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("c@example.org", "three", "3"),
                              {"\\Seen"}));

        auto s = makeSession(config(user, security));
        QSignalSpy messages(s.get(), &ImapSession::newMessages);
        QSignalSpy errors(s.get(), &ImapSession::errorOccurred);
        s->start();
        QVERIFY2(
            waitForState(*s, State::Idling),
            qPrintable(errors.isEmpty() ? stateName(s->state()) : errors.last().at(0).value<SessionError>().message));
        QCOMPARE(s->snapshot().exists, 3u);
        QCOMPARE(s->snapshot().unseen, 2u);
        QCOMPARE(messages.count(), 0); // the first run reports no old mail
        QVERIFY(!s->isPolling());

        const auto uid = client.append(QStringLiteral("INBOX"),
                                       TestImapClient::makeMessage("=?UTF-8?Q?Zo=C3=AB?= <zoe@example.org>",
                                                                   "=?UTF-8?B?8J+UlCBOZXcgbWFpbA==?=", "hello",
                                                                   QDateTime(), "<it-new@example.org>"));
        QVERIFY(uid);
        QVERIFY(messages.wait(kWaitMs));
        QVERIFY(waitForState(*s, State::Idling));
        // Nothing more for a while: reported once.
        QTest::qWait(1500);
        const auto all = allMessages(messages);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].uid, imap::Uid(*uid));
        QCOMPARE(all[0].fromName, QStringLiteral("Zoë"));
        QCOMPARE(all[0].fromAddress, QStringLiteral("zoe@example.org"));
        QCOMPARE(all[0].subject, QStringLiteral("\U0001F514 New mail"));
        QCOMPARE(all[0].messageId, QByteArray("<it-new@example.org>"));
        QVERIFY(all[0].date.isValid());
        QCOMPARE(s->snapshot().unseen, 3u);
        QCOMPARE(s->mailboxState().highestUid, *uid);
        QCOMPARE(errors.count(), 0);
        s->stop();
    }

    // Read elsewhere lowers the count at once; expunge and move too; none of
    // it is new mail, nor is a flag change or a message moved in.
    void countFollowsTheServer()
    {
        const int user = 21;
        QVERIFY(clean(user));
        TestImapClient client;
        QVERIFY(connectClient(client, user));
        QVERIFY(client.create(QStringLiteral("Archive")).ok() || true);
        QList<quint32> uids;
        for (int i = 0; i < 4; ++i) {
            const auto uid
                = client.append(QStringLiteral("INBOX"),
                                TestImapClient::makeMessage("x@example.org", "m" + QByteArray::number(i), "body"));
            QVERIFY(uid);
            uids << *uid;
        }
        auto s = makeSession(config(user));
        QSignalSpy messages(s.get(), &ImapSession::newMessages);
        QSignalSpy gone(s.get(), &ImapSession::messagesGone);
        s->start();
        QVERIFY(waitForState(*s, State::Idling));
        QCOMPARE(s->snapshot().unseen, 4u);

        // Read in another client.
        QVERIFY(client.store(uids[0], "+FLAGS", {"\\Seen"}).ok());
        QVERIFY(QTest::qWaitFor([&] { return s->snapshot().unseen == 3; }, kWaitMs));
        QVERIFY(gone.isEmpty()); // it was never reported: there is no notification to withdraw

        // A reported message read elsewhere: its notification is withdrawn.
        const auto fresh
            = client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("n@example.org", "news", "x"));
        QVERIFY(fresh);
        QVERIFY(messages.wait(kWaitMs));
        QVERIFY(QTest::qWaitFor([&] { return s->snapshot().unseen == 4; }, kWaitMs));
        QVERIFY(client.store(*fresh, "+FLAGS", {"\\Seen"}).ok());
        QVERIFY(QTest::qWaitFor([&] { return !gone.isEmpty(); }, kWaitMs));
        QCOMPARE(gone.last().at(1).value<QList<imap::Uid>>(), QList<imap::Uid>{imap::Uid(*fresh)});
        QVERIFY(QTest::qWaitFor([&] { return s->snapshot().unseen == 3; }, kWaitMs));
        QCOMPARE(messages.count(), 1);
        messages.clear();

        // Marked unread again: the count rises, but it is not new mail.
        QVERIFY(client.store(uids[0], "-FLAGS", {"\\Seen"}).ok());
        QVERIFY(QTest::qWaitFor([&] { return s->snapshot().unseen == 4; }, kWaitMs));

        // Deleted.
        QVERIFY(client.expunge(uids[1]).ok());
        QVERIFY(QTest::qWaitFor([&] { return s->snapshot().unseen == 3 && s->snapshot().exists == 4; }, kWaitMs));

        // Moved out.
        QVERIFY(client.move(uids[2], QStringLiteral("Archive")).ok());
        QVERIFY(QTest::qWaitFor([&] { return s->snapshot().unseen == 2 && s->snapshot().exists == 3; }, kWaitMs));

        // Moved back in by a person: an old message, not new mail.
        TestImapClient archive;
        QVERIFY(connectClient(archive, user));
        QVERIFY(archive.select(QStringLiteral("Archive")).ok());
        const QList<quint32> inArchive = archive.search("ALL");
        QCOMPARE(inArchive.size(), 1);
        // It was delivered long ago (APPEND with an old INTERNALDATE stands in
        // for mail that waited in the archive).
        const auto old
            = archive.command("APPEND Archive (\\Seen) \"02-Mar-2025 08:00:00 +0000\" {"
                              + QByteArray::number(TestImapClient::makeMessage("o@example.org", "old", "o").size())
                              + "+}\r\n" + TestImapClient::makeMessage("o@example.org", "old", "o"));
        QVERIFY2(old.ok(), qPrintable(old.describe()));
        QVERIFY(archive.select(QStringLiteral("Archive")).ok());
        const QList<quint32> oldUids = archive.search("SUBJECT old");
        QCOMPARE(oldUids.size(), 1);
        QVERIFY(archive.store(oldUids[0], "-FLAGS", {"\\Seen"}).ok());
        QVERIFY(archive.move(oldUids[0], QStringLiteral("INBOX")).ok());
        QVERIFY(QTest::qWaitFor([&] { return s->snapshot().unseen == 3 && s->snapshot().exists == 4; }, kWaitMs));
        QVERIFY(waitForState(*s, State::Idling));
        QTest::qWait(1000);
        QCOMPARE(messages.count(), 0);
        s->stop();
    }

    // A wrong password: an authentication error, and no reconnect storm.
    void wrongPasswordStopsAndReports()
    {
        SessionConfig c = config(14);
        c.password = QStringLiteral("not-the-password");
        auto s = makeSession(c);
        QSignalSpy errors(s.get(), &ImapSession::errorOccurred);
        QSignalSpy states(s.get(), &ImapSession::stateChanged);
        s->start();
        QVERIFY(waitForState(*s, State::Failed));
        QCOMPARE(errors.count(), 1);
        const auto e = errors.first().at(0).value<SessionError>();
        QCOMPARE(e.kind, SessionError::Kind::Authentication);
        QVERIFY(!e.willRetry);
        QVERIFY(!e.message.contains(QStringLiteral("not-the-password")));
        // Wait: no further attempt is made on its own.
        const int before = states.count();
        QTest::qWait(3000);
        QCOMPARE(states.count(), before);
        QCOMPARE(s->state(), State::Failed);
    }

    // The app restarts with the saved state: nothing old is repeated, and
    // mail that came while it was away is reported once.
    void restartRepeatsNothing()
    {
        const int user = 15;
        QVERIFY(clean(user));
        TestImapClient client;
        QVERIFY(connectClient(client, user));
        QVERIFY(client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("a@example.org", "before", "x")));
        MailboxState saved;
        {
            auto s = makeSession(config(user));
            QSignalSpy messages(s.get(), &ImapSession::newMessages);
            s->start();
            QVERIFY(waitForState(*s, State::Idling));
            QVERIFY(client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("a@example.org", "live", "x")));
            QVERIFY(messages.wait(kWaitMs));
            QCOMPARE(allMessages(messages).size(), 1);
            saved = s->mailboxState();
            s->stop();
        }
        // While away.
        QVERIFY(client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("a@example.org", "away", "x")));
        {
            auto s = makeSession(config(user));
            s->setMailboxState(saved);
            QSignalSpy messages(s.get(), &ImapSession::newMessages);
            s->start();
            QVERIFY(waitForState(*s, State::Idling));
            const auto all = allMessages(messages);
            QCOMPARE(all.size(), 1);
            QCOMPARE(all[0].subject, QStringLiteral("away"));
            QCOMPARE(s->snapshot().unseen, 3u);
            s->stop();
        }
    }

    // A certificate nobody vouches for stops with its fingerprint; the pin
    // of exactly that certificate lets the account connect.
    void untrustedCertificateAndPinning()
    {
        SessionConfig c = config(16);
        c.tls.caFile.clear(); // only the system store: the test CA is unknown there
        {
            auto s = makeSession(c);
            QSignalSpy errors(s.get(), &ImapSession::errorOccurred);
            s->start();
            QVERIFY(waitForState(*s, State::Failed));
            const auto e = errors.last().at(0).value<SessionError>();
            QCOMPARE(e.kind, SessionError::Kind::Certificate);
            QCOMPARE(QString::fromLatin1(e.certificateSha256), m_dovecot->certSha256());
            QVERIFY(!e.willRetry);
        }
        {
            c.tls.pinnedSha256 = m_dovecot->certSha256().toLatin1();
            auto s = makeSession(c);
            s->start();
            QVERIFY(waitForState(*s, State::Idling));
            s->stop();
        }
        {
            c.tls.pinnedSha256 = QByteArray(64, 'a'); // some other certificate
            auto s = makeSession(c);
            QSignalSpy errors(s.get(), &ImapSession::errorOccurred);
            s->start();
            QVERIFY(waitForState(*s, State::Failed));
            QCOMPARE(errors.last().at(0).value<SessionError>().kind, SessionError::Kind::Certificate);
        }
    }

    // The server ends the session (doveadm kick): reconnect and carry on.
    void serverByeReconnects()
    {
        const int user = 17;
        QVERIFY(clean(user));
        auto s = makeSession(config(user));
        s->setBackoff(Backoff(Backoff::Policy{std::chrono::milliseconds(200), std::chrono::milliseconds(400)}));
        QSignalSpy errors(s.get(), &ImapSession::errorOccurred);
        QSignalSpy messages(s.get(), &ImapSession::newMessages);
        s->start();
        QVERIFY(waitForState(*s, State::Idling));
        const auto kicked = m_dovecot->kick(user);
        QVERIFY2(kicked.ok(), qPrintable(kicked.describe()));
        QVERIFY(QTest::qWaitFor([&] { return !errors.isEmpty(); }, kWaitMs));
        QVERIFY(errors.last().at(0).value<SessionError>().willRetry);
        // Don't wait for the backoff (or, for a BYE naming a limit, 30 s): check now.
        s->checkNow();
        QVERIFY(waitForState(*s, State::Idling));
        TestImapClient client;
        QVERIFY(connectClient(client, user));
        QVERIFY(client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("k@example.org", "after", "x")));
        QVERIFY(messages.wait(kWaitMs));
        QCOMPARE(allMessages(messages).value(0).subject, QStringLiteral("after"));
        s->stop();
    }

    void missingMailboxFails()
    {
        SessionConfig c = config(18);
        c.mailbox = QStringLiteral("No such folder");
        auto s = makeSession(c);
        QSignalSpy errors(s.get(), &ImapSession::errorOccurred);
        s->start();
        QVERIFY(waitForState(*s, State::Failed));
        QCOMPARE(errors.last().at(0).value<SessionError>().kind, SessionError::Kind::Mailbox);
    }

    void pollingMode()
    {
        const int user = 19;
        QVERIFY(clean(user));
        SessionConfig c = config(user);
        c.useIdle = false;
        c.pollInterval = std::chrono::seconds(1);
        auto s = makeSession(c);
        QSignalSpy messages(s.get(), &ImapSession::newMessages);
        s->start();
        QVERIFY(waitForState(*s, State::Polling));
        TestImapClient client;
        QVERIFY(connectClient(client, user));
        QVERIFY(client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("p@example.org", "polled", "x")));
        QVERIFY(messages.wait(kWaitMs));
        QCOMPARE(allMessages(messages).value(0).subject, QStringLiteral("polled"));
        QTRY_COMPARE_WITH_TIMEOUT(s->snapshot().unseen, 1u, kWaitMs);
        s->stop();
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
