// core::Monitor over scripted fake transports: applying settings restarts
// only what changed, the state file keeps the high-water mark, and one
// message in two folders is reported once.

#include "tst_monitor.h"

#include "core/Monitor.h"
#include "core/SecretStore.h"
#include "core/StateStore.h"
#include "session/ImapSession.h"
#include "support/FakeTransport.h"
#include "support/ManualClock.h"
#include "support/ScriptRunner.h"
#include "support/SessionTestUtil.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace core;
using namespace testsupport;

namespace {

core::Account makeAccount(const QString &id, const QStringList &mailboxes = {QStringLiteral("INBOX")})
{
    core::Account a;
    a.id = id;
    a.name = id;
    a.host = id + QStringLiteral(".example.org");
    a.username = QStringLiteral("user");
    a.mailboxes = mailboxes;
    return a;
}

// Login and a first sync of an empty-but-for-one mailbox, ending in IDLE.
QString loginScript(const QString &mailbox, quint32 uidValidity, quint32 exists)
{
    return QStringLiteral(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE ESEARCH] ready
C: A1 AUTHENTICATE PLAIN AHVzZXIAc2VjcmV0
S: A1 OK [CAPABILITY IMAP4rev1 IDLE ESEARCH] Logged in
C: A2 EXAMINE %1
S: * %3 EXISTS
S: * OK [UIDVALIDITY %2] x
S: * OK [UIDNEXT %4] x
S: A2 OK [READ-ONLY] done
C: A3 UID FETCH * (UID INTERNALDATE)
C: A4 UID SEARCH RETURN (COUNT) UNSEEN
S: * %3 FETCH (UID %3 INTERNALDATE "21-Nov-2026 09:00:00 +0000")
S: A3 OK done
S: * ESEARCH (TAG "A4") UID COUNT %3
S: A4 OK done
C: A5 IDLE
S: + idling
X: state idling
)")
        .arg(mailbox)
        .arg(uidValidity)
        .arg(exists)
        .arg(exists + 1);
}

QString newMailScript(quint32 uid, const QString &subject, const QString &messageId)
{
    return QStringLiteral(R"(
S: * %1 EXISTS
C: DONE
S: A5 OK done
C: A6 UID FETCH %1:* (UID FLAGS ENVELOPE INTERNALDATE)
C: A7 UID SEARCH RETURN (COUNT) UNSEEN
S: * %1 FETCH (UID %1 FLAGS () ENVELOPE (NIL "%2" (("Ann" NIL "ann" "example.org")) NIL NIL NIL NIL NIL NIL "%3") INTERNALDATE "21-Nov-2026 10:00:00 +0000")
S: A6 OK done
S: * ESEARCH (TAG "A7") UID COUNT %1
S: A7 OK done
C: A8 IDLE
S: + idling
)")
        .arg(uid)
        .arg(subject, messageId);
}

struct Harness
{
    Harness()
    {
        QVERIFY(dir.isValid());
        state = std::make_unique<StateStore>(dir.filePath(QStringLiteral("state.json")));
        monitor = std::make_unique<Monitor>(state.get(), &secrets);
        monitor->setClock(&clock);
        monitor->setTransportFactory([this](const core::Account &a) {
            auto t = std::make_unique<FakeTransport>();
            transports[a.id].append(t.get());
            return t;
        });
    }

    void setPasswords(const QStringList &ids)
    {
        for (const QString &id : ids)
            secrets.setRunOnlyPassword(id, QStringLiteral("secret"));
    }

    // The password arrives from the event loop; wait for the sessions.
    bool waitForSessions(const QString &id, int count)
    {
        return QTest::qWaitFor([&] { return monitor->sessions(id).size() == count; }, 5000);
    }

    bool run(FakeTransport *t, session::ImapSession *s, const QString &script)
    {
        ScriptRunner runner(t, &clock, [s] { return session::stateName(s->state()); });
        if (!runner.run(script)) {
            qWarning().noquote() << runner.error();
            return false;
        }
        return true;
    }

    QTemporaryDir dir;
    ManualClock clock;
    SecretStore secrets;
    std::unique_ptr<StateStore> state;
    std::unique_ptr<Monitor> monitor;
    QHash<QString, QList<QPointer<FakeTransport>>> transports;
};

} // namespace

void TestMonitor::initTestCase()
{
    testsupport::registerSessionMetaTypes();
}

void TestMonitor::applyRestartsOnlyChangedAccounts()
{
    Harness h;
    h.setPasswords({QStringLiteral("a"), QStringLiteral("b")});
    QSignalSpy unread(h.monitor.get(), &Monitor::unreadChanged);
    const QList<core::Account> accounts{makeAccount(QStringLiteral("a")), makeAccount(QStringLiteral("b"))};
    h.monitor->apply(accounts);
    QVERIFY(h.waitForSessions(QStringLiteral("a"), 1));
    QVERIFY(h.waitForSessions(QStringLiteral("b"), 1));
    auto *sa = h.monitor->sessions(QStringLiteral("a")).first();
    auto *sb = h.monitor->sessions(QStringLiteral("b")).first();
    QVERIFY(h.run(h.transports[QStringLiteral("a")].first(), sa, loginScript(QStringLiteral("INBOX"), 7, 2)));
    QVERIFY(h.run(h.transports[QStringLiteral("b")].first(), sb, loginScript(QStringLiteral("INBOX"), 9, 3)));
    QCOMPARE(h.monitor->unread(QStringLiteral("a")), 2);
    QCOMPARE(h.monitor->unread(QStringLiteral("b")), 3);
    QCOMPARE(h.monitor->totalUnread(), 5);
    QVERIFY(!unread.isEmpty());
    QCOMPARE(unread.last().at(2).toInt(), 5);

    // A name change does not reconnect.
    QList<core::Account> renamed = accounts;
    renamed[0].name = QStringLiteral("Work");
    renamed[0].color = QStringLiteral("#336699");
    h.monitor->apply(renamed);
    QCOMPARE(h.monitor->sessions(QStringLiteral("a")).first(), sa);
    QCOMPARE(h.monitor->status(QStringLiteral("a")).account.name, QStringLiteral("Work"));
    QCOMPARE(sa->state(), session::State::Idling);

    // A host change reconnects that account only.
    QList<core::Account> moved = renamed;
    moved[0].host = QStringLiteral("new.example.org");
    h.monitor->apply(moved);
    QVERIFY(h.waitForSessions(QStringLiteral("a"), 1));
    QVERIFY(h.monitor->sessions(QStringLiteral("a")).first() != sa);
    QCOMPARE(h.monitor->sessions(QStringLiteral("b")).first(), sb);
    QCOMPARE(sb->state(), session::State::Idling);
    QCOMPARE(h.transports[QStringLiteral("b")].size(), 1);
    QCOMPARE(h.transports[QStringLiteral("a")].last()->lastHost(), QStringLiteral("new.example.org"));

    // Removing b stops it; the total follows.
    h.monitor->apply({moved[0]});
    QCOMPARE(h.monitor->accountIds(), QStringList{QStringLiteral("a")});
    QVERIFY(h.monitor->sessions(QStringLiteral("b")).isEmpty());
    QCOMPARE(h.monitor->totalUnread(), 0); // a reconnected and has not counted yet
}

void TestMonitor::newMailIsPersistedAndNotRepeatedAfterRestart()
{
    QTemporaryDir dir;
    const QString statePath = dir.filePath(QStringLiteral("state.json"));
    {
        Harness h;
        h.state = std::make_unique<StateStore>(statePath);
        h.monitor = std::make_unique<Monitor>(h.state.get(), &h.secrets);
        h.monitor->setClock(&h.clock);
        h.monitor->setTransportFactory([&h](const core::Account &a) {
            auto t = std::make_unique<FakeTransport>();
            h.transports[a.id].append(t.get());
            return t;
        });
        h.setPasswords({QStringLiteral("a")});
        QSignalSpy mail(h.monitor.get(), &Monitor::newMail);
        h.monitor->apply({makeAccount(QStringLiteral("a"))});
        QVERIFY(h.waitForSessions(QStringLiteral("a"), 1));
        auto *s = h.monitor->sessions(QStringLiteral("a")).first();
        auto *t = h.transports[QStringLiteral("a")].first().data();
        QVERIFY(h.run(t, s, loginScript(QStringLiteral("INBOX"), 7, 2)));
        QVERIFY(h.run(t, s, newMailScript(3, QStringLiteral("hello"), QStringLiteral("<m3@x>"))));
        QCOMPARE(mail.count(), 1);
        QCOMPARE(mail.last().at(1).value<QList<session::MessageSummary>>().value(0).subject, QStringLiteral("hello"));
    }
    // A new process: the state file says UID 3 was reported.
    StateStore reloaded(statePath);
    QVERIFY(reloaded.load().isEmpty());
    QCOMPARE(reloaded.state(QStringLiteral("a"), QStringLiteral("INBOX")).highestUid, 3u);
    QCOMPARE(reloaded.state(QStringLiteral("a"), QStringLiteral("INBOX")).uidValidity, 7u);
    QVERIFY(reloaded.hasMessageId(QStringLiteral("a"), "<m3@x>"));
}

void TestMonitor::sameMessageInTwoFoldersIsReportedOnce()
{
    Harness h;
    h.setPasswords({QStringLiteral("g")});
    QSignalSpy mail(h.monitor.get(), &Monitor::newMail);
    h.monitor->apply({makeAccount(QStringLiteral("g"), {QStringLiteral("INBOX"), QStringLiteral("Important")})});
    // One connection for the account; this server has no NOTIFY, so after
    // login the second folder gets a connection of its own.
    QVERIFY(h.waitForSessions(QStringLiteral("g"), 1));
    auto *inbox = h.monitor->sessions(QStringLiteral("g")).first();
    QCOMPARE(inbox->mailboxes(), (QStringList{QStringLiteral("INBOX"), QStringLiteral("Important")}));
    QVERIFY(h.run(h.transports[QStringLiteral("g")][0], inbox, loginScript(QStringLiteral("INBOX"), 1, 1)));
    QCOMPARE(h.monitor->sessions(QStringLiteral("g")).size(), 2);
    QCOMPARE(inbox->mailboxes(), QStringList{QStringLiteral("INBOX")});
    auto *important = h.monitor->sessions(QStringLiteral("g")).last();
    QCOMPARE(important->config().mailbox, QStringLiteral("Important"));
    QVERIFY(h.run(h.transports[QStringLiteral("g")][1], important, loginScript(QStringLiteral("Important"), 2, 1)));
    QVERIFY(h.run(h.transports[QStringLiteral("g")][0], inbox,
                  newMailScript(2, QStringLiteral("labelled"), QStringLiteral("<l@x>"))));
    QVERIFY(h.run(h.transports[QStringLiteral("g")][1], important,
                  newMailScript(2, QStringLiteral("labelled"), QStringLiteral("<l@x>"))));
    QCOMPARE(mail.count(), 1);
    // Both folders count it as unread (the server does too).
    QCOMPARE(h.monitor->unread(QStringLiteral("g")), 4);
}

void TestMonitor::connectionCapIsRespected()
{
    Harness h;
    h.setPasswords({QStringLiteral("c")});
    h.monitor->setMaxConnectionsPerAccount(3);
    QStringList folders{QStringLiteral("INBOX")};
    for (int i = 1; i <= 6; ++i)
        folders << QStringLiteral("F%1").arg(i);
    h.monitor->apply({makeAccount(QStringLiteral("c"), folders)});
    QVERIFY(h.waitForSessions(QStringLiteral("c"), 1));
    auto *primary = h.monitor->sessions(QStringLiteral("c")).first();
    QVERIFY(h.run(h.transports[QStringLiteral("c")][0], primary, QStringLiteral(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE ESEARCH] ready
C: A1 AUTHENTICATE PLAIN AHVzZXIAc2VjcmV0
S: A1 OK [CAPABILITY IMAP4rev1 IDLE ESEARCH] Logged in
C: A2 EXAMINE INBOX
)")));
    // Three connections in all: INBOX (which polls F3..F6 with STATUS), F1, F2.
    const auto sessions = h.monitor->sessions(QStringLiteral("c"));
    QCOMPARE(sessions.size(), 3);
    QCOMPARE(primary->mailboxes(),
             (QStringList{QStringLiteral("INBOX"), QStringLiteral("F3"), QStringLiteral("F4"), QStringLiteral("F5"),
                          QStringLiteral("F6")}));
    QCOMPARE(sessions[1]->mailboxes(), QStringList{QStringLiteral("F1")});
    QCOMPARE(sessions[2]->mailboxes(), QStringList{QStringLiteral("F2")});
    QCOMPARE(h.transports[QStringLiteral("c")].size(), 3);
    QCOMPARE(h.monitor->status(QStringLiteral("c")).mailboxes.size(), 7);
}

void TestMonitor::missingPasswordIsReportedNotRetried()
{
    Harness h;
    QSignalSpy failed(h.monitor.get(), &Monitor::passwordFailed);
    core::Account a = makeAccount(QStringLiteral("p"));
    a.passwordCommand = QStringLiteral("/bin/false");
    h.monitor->apply({a});
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
    QVERIFY(h.monitor->sessions(QStringLiteral("p")).isEmpty());
    QCOMPARE(h.monitor->status(QStringLiteral("p")).summaryState(), session::State::Failed);
    QVERIFY(!h.monitor->status(QStringLiteral("p")).passwordError.isEmpty());
    QVERIFY(h.transports.isEmpty());
}

void TestMonitor::disabledAccountIsNotWatched()
{
    Harness h;
    h.setPasswords({QStringLiteral("d")});
    core::Account a = makeAccount(QStringLiteral("d"));
    a.enabled = false;
    h.monitor->apply({a});
    QTest::qWait(50);
    QVERIFY(h.monitor->accountIds().isEmpty());
    QVERIFY(h.transports.isEmpty());
}

QTEST_GUILESS_MAIN(TestMonitor)
