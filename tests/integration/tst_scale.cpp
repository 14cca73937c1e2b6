// Many folders and many accounts against the real Dovecot: NOTIFY watching
// five folders on one connection, the fallback without NOTIFY (a connection
// per folder up to the cap, STATUS polling for the rest), resync after a
// reconnect, and 50 accounts idling at once. Users 41-60.

#include "core/Monitor.h"
#include "core/SecretStore.h"
#include "core/StateStore.h"
#include "session/ImapSession.h"
#include "support/DovecotFixture.h"
#include "support/TestImapClient.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

namespace {

constexpr int kWaitMs = 20000;
const QStringList kFolders{QStringLiteral("INBOX"), QStringLiteral("Lists/Qt"), QStringLiteral("Lists/KDE"),
                           QStringLiteral("Receipts"), QStringLiteral("Family")};

} // namespace

class TestScale : public QObject
{
    Q_OBJECT

    std::optional<DovecotFixture> m_dovecot;

    core::Account account(const QString &id, int user, const QStringList &mailboxes) const
    {
        core::Account a;
        a.id = id;
        a.host = m_dovecot->host();
        a.port = m_dovecot->imapsPort();
        a.security = session::Security::Tls;
        a.username = m_dovecot->userName(user);
        a.caFile = m_dovecot->caCertPath();
        a.mailboxes = mailboxes;
        return a;
    }

    struct Rig
    {
        QTemporaryDir dir;
        core::SecretStore secrets;
        std::unique_ptr<core::StateStore> state;
        std::unique_ptr<core::Monitor> monitor;
        std::unique_ptr<QSignalSpy> mail;

        explicit Rig(std::function<void(session::SessionConfig &)> tweak = {})
        {
            state = std::make_unique<core::StateStore>(dir.filePath(QStringLiteral("state.json")));
            monitor = std::make_unique<core::Monitor>(state.get(), &secrets);
            if (tweak)
                monitor->setSessionTweaks(std::move(tweak));
            mail = std::make_unique<QSignalSpy>(monitor.get(), &core::Monitor::newMail);
        }
        // Subjects reported so far, per mailbox.
        QMultiHash<QString, QString> reported() const
        {
            QMultiHash<QString, QString> out;
            for (const auto &args : *mail)
                for (const auto &m : args.at(1).value<QList<session::MessageSummary>>())
                    out.insert(m.mailbox, m.subject);
            return out;
        }
        bool allIdling(const QString &id) const
        {
            const auto st = monitor->status(id);
            if (st.mailboxes.isEmpty())
                return false;
            for (const auto &m : st.mailboxes)
                if (m.state != session::State::Idling && m.state != session::State::Polling)
                    return false;
            return true;
        }
    };

    bool prepareFolders(int user, TestImapClient &client)
    {
        if (!m_dovecot->clearMailbox(user).ok())
            return false;
        if (!client.connectTo(*m_dovecot, TestImapClient::Security::Tls))
            return false;
        if (!client.login(m_dovecot->userName(user), m_dovecot->password(user)).ok())
            return false;
        for (const QString &f : kFolders.mid(1))
            client.create(f); // may exist from an earlier run
        return true;
    }

    // One new message in each folder; each must be reported exactly once.
    void deliverToEachFolder(TestImapClient &client, Rig &rig, const QByteArray &tag)
    {
        for (const QString &f : kFolders)
            QVERIFY(client.append(f, TestImapClient::makeMessage("s@example.org", tag + " in " + f.toUtf8(), "x")));
        QVERIFY2(QTest::qWaitFor([&] { return rig.reported().size() >= kFolders.size(); }, kWaitMs),
                 qPrintable(QStringList(rig.reported().values()).join(QLatin1String(", "))));
        QTest::qWait(1000); // anything duplicated would show now
        const auto reported = rig.reported();
        QCOMPARE(reported.size(), kFolders.size());
        for (const QString &f : kFolders)
            QCOMPARE(reported.values(f), QStringList{QString::fromUtf8(tag) + QStringLiteral(" in ") + f});
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<QList<session::MessageSummary>>();
        m_dovecot = DovecotFixture::requireFixture();
        QVERIFY(m_dovecot);
    }

    void notifyWatchesFiveFoldersOnOneConnection()
    {
        const int user = 41;
        TestImapClient client;
        QVERIFY(prepareFolders(user, client));
        Rig rig;
        rig.secrets.setRunOnlyPassword(QStringLiteral("five"), m_dovecot->password(user));
        rig.monitor->apply({account(QStringLiteral("five"), user, kFolders)});
        QVERIFY(QTest::qWaitFor([&] { return rig.allIdling(QStringLiteral("five")); }, kWaitMs));
        const auto sessions = rig.monitor->sessions(QStringLiteral("five"));
        QCOMPARE(sessions.size(), 1);
        QCOMPARE(sessions.first()->mode(), session::ImapSession::Mode::Notify);
        deliverToEachFolder(client, rig, "notify");
        QCOMPARE(rig.monitor->unread(QStringLiteral("five")), 5);
    }

    void withoutNotifyEachFolderStillReportsOnce()
    {
        const int user = 42;
        TestImapClient client;
        QVERIFY(prepareFolders(user, client));
        Rig rig([](session::SessionConfig &c) {
            c.ignoredCapabilities = {"NOTIFY"};
            c.pollInterval = std::chrono::seconds(1);
        });
        rig.monitor->setMaxConnectionsPerAccount(3);
        rig.secrets.setRunOnlyPassword(QStringLiteral("plain"), m_dovecot->password(user));
        rig.monitor->apply({account(QStringLiteral("plain"), user, kFolders)});
        QVERIFY(QTest::qWaitFor(
            [&] {
                return rig.monitor->sessions(QStringLiteral("plain")).size() == 3
                    && rig.allIdling(QStringLiteral("plain"));
            },
            kWaitMs));
        // The cap: three connections; INBOX idles and polls two folders with
        // STATUS, two folders have a connection of their own.
        const auto sessions = rig.monitor->sessions(QStringLiteral("plain"));
        QCOMPARE(sessions.size(), 3);
        QCOMPARE(sessions[0]->mailboxes(),
                 (QStringList{QStringLiteral("INBOX"), QStringLiteral("Receipts"), QStringLiteral("Family")}));
        QCOMPARE(sessions[1]->mailboxes(), QStringList{QStringLiteral("Lists/Qt")});
        QCOMPARE(sessions[2]->mailboxes(), QStringList{QStringLiteral("Lists/KDE")});
        for (auto *s : sessions)
            QCOMPARE(s->mode(), session::ImapSession::Mode::Idle);
        deliverToEachFolder(client, rig, "fallback");
        QVERIFY(QTest::qWaitFor([&] { return rig.monitor->unread(QStringLiteral("plain")) == 5; }, kWaitMs));
    }

    // After a night away (here: the app stopped), one round trip brings
    // exactly what arrived meanwhile: nothing earlier, nothing twice.
    void resyncReportsExactlyWhatArrivedMeanwhile()
    {
        const int user = 43;
        TestImapClient client;
        QVERIFY(prepareFolders(user, client));
        QVERIFY(client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("a@x", "old", "x")));
        QTemporaryDir dir;
        const QString statePath = dir.filePath(QStringLiteral("state.json"));
        const QStringList folders{QStringLiteral("INBOX"), QStringLiteral("Family")};
        {
            core::StateStore state(statePath);
            core::SecretStore secrets;
            secrets.setRunOnlyPassword(QStringLiteral("night"), m_dovecot->password(user));
            core::Monitor monitor(&state, &secrets);
            QSignalSpy mail(&monitor, &core::Monitor::newMail);
            monitor.apply({account(QStringLiteral("night"), user, folders)});
            QVERIFY(QTest::qWaitFor([&] { return monitor.unread(QStringLiteral("night")) == 1; }, kWaitMs));
            QVERIFY(client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("a@x", "evening", "x")));
            QVERIFY(mail.wait(kWaitMs));
            monitor.stop();
        }
        // While away: three in INBOX, one in Family, and one read elsewhere.
        for (const char *s : {"night 1", "night 2", "night 3"})
            QVERIFY(client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("a@x", s, "x")));
        QVERIFY(client.append(QStringLiteral("Family"), TestImapClient::makeMessage("a@x", "night family", "x")));
        QVERIFY(client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("a@x", "read on the phone", "x"),
                              {"\\Seen"}));
        core::StateStore state(statePath);
        QVERIFY(state.load().isEmpty());
        core::SecretStore secrets;
        secrets.setRunOnlyPassword(QStringLiteral("night"), m_dovecot->password(user));
        core::Monitor monitor(&state, &secrets);
        QSignalSpy mail(&monitor, &core::Monitor::newMail);
        monitor.apply({account(QStringLiteral("night"), user, folders)});
        QVERIFY(QTest::qWaitFor([&] { return monitor.unread(QStringLiteral("night")) == 6; }, kWaitMs));
        QTest::qWait(1000);
        QStringList subjects;
        for (const auto &args : mail)
            for (const auto &m : args.at(1).value<QList<session::MessageSummary>>())
                subjects << m.subject;
        subjects.sort();
        QCOMPARE(subjects,
                 (QStringList{QStringLiteral("night 1"), QStringLiteral("night 2"), QStringLiteral("night 3"),
                              QStringLiteral("night family")}));
    }

    void fiftyAccountsAllReachIdling()
    {
        QTemporaryDir dir;
        core::StateStore state(dir.filePath(QStringLiteral("state.json")));
        core::SecretStore secrets;
        core::Monitor monitor(&state, &secrets);
        QList<core::Account> accounts;
        // Ten users with five accounts each (Dovecot limits connections per
        // user and address: 20 in the fixture).
        for (int i = 0; i < 50; ++i) {
            const int user = 51 + i % 10;
            const QString id = QStringLiteral("acc%1").arg(i, 2, 10, QLatin1Char('0'));
            secrets.setRunOnlyPassword(id, m_dovecot->password(user));
            accounts << account(id, user, {QStringLiteral("INBOX")});
        }
        monitor.apply(accounts);
        const auto allIdling = [&] {
            for (const core::Account &a : std::as_const(accounts)) {
                const auto st = monitor.status(a.id);
                if (st.mailboxes.isEmpty() || st.summaryState() != session::State::Idling)
                    return false;
            }
            return true;
        };
        QVERIFY(QTest::qWaitFor(allIdling, 60000));
        int sessions = 0;
        for (const core::Account &a : std::as_const(accounts))
            sessions += int(monitor.sessions(a.id).size());
        QCOMPARE(sessions, 50);
        monitor.stop();
        QTest::qWait(300);
    }
};

QTEST_GUILESS_MAIN(TestScale)
#include "tst_scale.moc"
