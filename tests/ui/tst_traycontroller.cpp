// ui::TrayController over a real core::Monitor whose sessions talk to an
// in-process fake IMAP server (tests/ui/FakeMailServer.h): the look, the
// count, the colour, the tooltip and the menu follow what the server says,
// and the icon is set only when its picture changes.

#include "FakeMailServer.h"

#include "core/Monitor.h"
#include "core/SecretStore.h"
#include "core/StateStore.h"
#include "support/SessionTestUtil.h"
#include "ui/TrayController.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

#include <map>
#include <memory>

using ui::TrayController;
using Look = ui::BadgeRenderer::Look;
using uitest::FakeMailServer;

namespace {

constexpr int WaitMs = 10000; // bounds for in-process round trips through the event loop

core::Account makeAccount(const QString &id, const QString &name, const QString &color = {})
{
    core::Account a;
    a.id = id;
    a.name = name;
    a.host = id + QStringLiteral(".example.org");
    a.username = QStringLiteral("user");
    a.color = color;
    return a;
}

struct Harness
{
    Harness()
    {
        state = std::make_unique<core::StateStore>(dir.filePath(QStringLiteral("state.json")));
        monitor = std::make_unique<core::Monitor>(state.get(), &secrets);
        monitor->setTransportFactory([this](const core::Account &a) { return server(a.id).makeTransport(); });
        tray = std::make_unique<TrayController>(monitor.get());
    }
    ~Harness()
    {
        tray.reset();
        monitor.reset();
    }

    FakeMailServer &server(const QString &id)
    {
        auto &s = servers[id];
        if (!s)
            s = std::make_unique<FakeMailServer>();
        return *s;
    }
    void watch(const QList<core::Account> &accounts)
    {
        for (const core::Account &a : accounts)
            if (a.passwordCommand.isEmpty())
                secrets.setRunOnlyPassword(a.id, QStringLiteral("secret"));
        monitor->apply(accounts);
    }
    bool idling(const QString &id, int connections = 1)
    {
        return QTest::qWaitFor([&] { return server(id).idlingConnections() >= connections; }, WaitMs);
    }
    QAction *action(const QString &name) const { return tray->menu()->findChild<QAction *>(name); }

    QTemporaryDir dir;
    core::SecretStore secrets;
    std::unique_ptr<core::StateStore> state;
    std::unique_ptr<core::Monitor> monitor;
    std::unique_ptr<TrayController> tray;
    std::map<QString, std::unique_ptr<FakeMailServer>> servers;
};

} // namespace

class TestTrayController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { testsupport::registerSessionMetaTypes(); }

    void noAccount()
    {
        Harness h;
        QCOMPARE(h.tray->look(), Look::NoAccount);
        QCOMPARE(h.tray->count(), 0);
        QVERIFY(h.tray->toolTip().contains(QStringLiteral("No account")));
        QVERIFY(h.action(QStringLiteral("noAccount"))->isVisible());
        QVERIFY(!h.action(QStringLiteral("checkAll"))->isEnabled());
        QCOMPARE(h.tray->clickTarget(), QString());
        // A left click with nothing to open leads to the settings.
        QSignalSpy settings(h.tray.get(), &TrayController::settingsRequested);
        QSignalSpy open(h.tray.get(), &TrayController::openRequested);
        h.tray->activate(QSystemTrayIcon::Trigger);
        QCOMPARE(settings.count(), 1);
        QCOMPARE(open.count(), 0);
        QCOMPARE(h.tray->iconUpdates(), 1);
    }

    void connectingThenUnread()
    {
        Harness h;
        h.server(QStringLiteral("work")).deliver(QStringLiteral("INBOX"), "Ann", "one");
        h.server(QStringLiteral("work")).deliver(QStringLiteral("INBOX"), "Bob", "two");
        h.server(QStringLiteral("work")).deliver(QStringLiteral("INBOX"), "Cy", "read", true);
        h.watch({makeAccount(QStringLiteral("work"), QStringLiteral("Work"))});
        // The password comes from the event loop: nothing is counted yet.
        QCOMPARE(h.tray->look(), Look::Connecting);
        QVERIFY(h.tray->toolTip().contains(QStringLiteral("Work: connecting…")));
        QCOMPARE(h.tray->accountStatusText(QStringLiteral("work")), QStringLiteral("Connecting…"));

        QVERIFY(h.idling(QStringLiteral("work")));
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->look(), Look::Unread, WaitMs);
        QCOMPARE(h.tray->count(), 2);
        QVERIFY(!h.tray->accent().isValid()); // no colour set: the default
        QCOMPARE(h.tray->accountLine(QStringLiteral("work")), QStringLiteral("Work: 2 unread"));
        QCOMPARE(h.tray->accountStatusText(QStringLiteral("work")), QStringLiteral("Push (IDLE)"));
        QCOMPARE(h.tray->toolTip(), QStringLiteral("Idlebell\nWork: 2 unread"));
        QCOMPARE(h.tray->trayIcon()->toolTip(), h.tray->toolTip());

        // Read elsewhere: the count follows, down to the plain bell.
        h.server(QStringLiteral("work")).setSeen(QStringLiteral("INBOX"), 1, true);
        h.server(QStringLiteral("work")).setSeen(QStringLiteral("INBOX"), 2, true);
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->look(), Look::AllRead, WaitMs);
        QCOMPARE(h.tray->count(), 0);
        QCOMPARE(h.tray->accountLine(QStringLiteral("work")), QStringLiteral("Work: no unread mail"));
    }

    void iconIsSetOnlyWhenItChanges()
    {
        Harness h;
        h.server(QStringLiteral("a")).deliver(QStringLiteral("INBOX"), "Ann", "one");
        h.watch({makeAccount(QStringLiteral("a"), QStringLiteral("A"))});
        QVERIFY(h.idling(QStringLiteral("a")));
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->count(), 1, WaitMs);
        const int updates = h.tray->iconUpdates();
        // The same state again, from any number of signals: no new image.
        h.tray->refresh();
        h.tray->refresh();
        h.tray->setSilence({});
        QCOMPARE(h.tray->iconUpdates(), updates);
        // A tooltip-only change (muted) does not touch the icon either.
        TrayController::Silence muted;
        muted.muted = true;
        h.tray->setSilence(muted);
        QCOMPARE(h.tray->iconUpdates(), updates);
        QVERIFY(h.tray->toolTip().endsWith(QStringLiteral("Muted until you unmute")));
        // A new count is one new image.
        h.server(QStringLiteral("a")).deliver(QStringLiteral("INBOX"), "Bob", "two");
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->count(), 2, WaitMs);
        QCOMPARE(h.tray->iconUpdates(), updates + 1);
        h.tray->refresh();
        QCOMPARE(h.tray->iconUpdates(), updates + 1);
    }

    void accentAndClickFollowTheNewestMail()
    {
        Harness h;
        core::Account a = makeAccount(QStringLiteral("a"), QStringLiteral("Alpha"), QStringLiteral("#3366cc"));
        a.clickAction = core::Account::ClickAction::Webmail;
        a.webmailUrl = QStringLiteral("https://alpha.example.org/");
        core::Account b = makeAccount(QStringLiteral("b"), QStringLiteral("Beta"), QStringLiteral("#cc3366"));
        b.clickAction = core::Account::ClickAction::Command;
        b.mailClientCommand = QStringLiteral("thunderbird");
        h.watch({a, b});
        QVERIFY(h.idling(QStringLiteral("a")));
        QVERIFY(h.idling(QStringLiteral("b")));
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->look(), Look::AllRead, WaitMs);
        QCOMPARE(h.tray->clickTarget(), QStringLiteral("a")); // nothing unread: the first account

        h.server(QStringLiteral("b")).deliver(QStringLiteral("INBOX"), "Ann", "for beta");
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->count(), 1, WaitMs);
        QCOMPARE(h.tray->look(), Look::Unread);
        QCOMPARE(h.tray->accent(), QColor(QStringLiteral("#cc3366")));
        QCOMPARE(h.tray->clickTarget(), QStringLiteral("b"));

        QTest::qWait(5); // newestMail is wall-clock milliseconds: let them differ
        h.server(QStringLiteral("a")).deliver(QStringLiteral("INBOX"), "Bob", "for alpha");
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->count(), 2, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->accent(), QColor(QStringLiteral("#3366cc")), WaitMs);
        QCOMPARE(h.tray->clickTarget(), QStringLiteral("a"));

        QSignalSpy open(h.tray.get(), &TrayController::openRequested);
        h.tray->activate(QSystemTrayIcon::Trigger);
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.last().at(0).toString(), QStringLiteral("a"));
        // Double and middle clicks do nothing more.
        h.tray->activate(QSystemTrayIcon::DoubleClick);
        h.tray->activate(QSystemTrayIcon::MiddleClick);
        QCOMPARE(open.count(), 1);

        // Alpha's mail read elsewhere: Beta's is the newest unread again.
        h.server(QStringLiteral("a")).setSeen(QStringLiteral("INBOX"), 1, true);
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->count(), 1, WaitMs);
        QCOMPARE(h.tray->accent(), QColor(QStringLiteral("#cc3366")));
        QCOMPARE(h.tray->clickTarget(), QStringLiteral("b"));
    }

    void noClickActionOpensTheMenuInstead()
    {
        Harness h;
        h.watch({makeAccount(QStringLiteral("a"), QStringLiteral("Alpha"))});
        QVERIFY(h.idling(QStringLiteral("a")));
        QSignalSpy open(h.tray.get(), &TrayController::openRequested);
        h.tray->activate(QSystemTrayIcon::Trigger);
        QCOMPARE(open.count(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(h.tray->menu()->isVisible(), WaitMs);
        h.tray->menu()->hide();
        QVERIFY(!h.action(QStringLiteral("open:a"))->isEnabled());
    }

    void errorsShowTheErrorLookWithTheCount()
    {
        Harness h;
        h.server(QStringLiteral("ok")).deliver(QStringLiteral("INBOX"), "Ann", "one");
        h.server(QStringLiteral("refused")).password = "something else";
        core::Account nopw = makeAccount(QStringLiteral("nopw"), QStringLiteral("NoPw"));
        nopw.passwordCommand = QStringLiteral("false");
        h.watch({makeAccount(QStringLiteral("ok"), QStringLiteral("Fine")),
                 makeAccount(QStringLiteral("refused"), QStringLiteral("Home")), nopw});
        QVERIFY(h.idling(QStringLiteral("ok")));
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->accountStatusText(QStringLiteral("refused")), QStringLiteral("Login refused"),
                                  WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->accountStatusText(QStringLiteral("nopw")), QStringLiteral("No password"),
                                  WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->count(), 1, WaitMs);
        QCOMPARE(h.tray->look(), Look::Error);
        const QString tip = h.tray->toolTip();
        QVERIFY2(tip.contains(QStringLiteral("Home: Login refused: ")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Authentication failed")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("NoPw: No password: ")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Fine: 1 unread")), qPrintable(tip));
        // The reason is the status line's tooltip.
        QVERIFY(
            h.action(QStringLiteral("status:refused"))->toolTip().contains(QStringLiteral("Authentication failed")));
        QVERIFY(!h.action(QStringLiteral("status:refused"))->isEnabled());

        // Fixed on the server, "Check now" tries again and the error goes.
        h.server(QStringLiteral("refused")).password = "secret";
        h.action(QStringLiteral("check:refused"))->trigger();
        QVERIFY(h.idling(QStringLiteral("refused")));
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->accountStatusText(QStringLiteral("refused")), QStringLiteral("Push (IDLE)"),
                                  WaitMs);
        QCOMPARE(h.tray->look(), Look::Error); // NoPw still has none
        h.monitor->apply({makeAccount(QStringLiteral("ok"), QStringLiteral("Fine")),
                          makeAccount(QStringLiteral("refused"), QStringLiteral("Home"))});
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->look(), Look::Unread, WaitMs);
    }

    void checkNowAfterARefusedLoginAsksForThePasswordAgain()
    {
        Harness h;
        const QString file = h.dir.filePath(QStringLiteral("pw"));
        QFile pw(file);
        QVERIFY(pw.open(QIODevice::WriteOnly));
        pw.write("wrong\n");
        pw.close();
        core::Account a = makeAccount(QStringLiteral("a"), QStringLiteral("A"));
        a.passwordCommand = QStringLiteral("cat ") + file;
        h.watch({a});
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->accountStatusText(QStringLiteral("a")), QStringLiteral("Login refused"),
                                  WaitMs);
        QCOMPARE(h.tray->look(), Look::Error);
        // Fixed in the password manager; "Check now" runs the command again.
        QVERIFY(pw.open(QIODevice::WriteOnly | QIODevice::Truncate));
        pw.write("secret\n");
        pw.close();
        h.action(QStringLiteral("check:a"))->trigger();
        QVERIFY(h.idling(QStringLiteral("a")));
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->look(), Look::AllRead, WaitMs);
        QCOMPARE(h.tray->accountStatusText(QStringLiteral("a")), QStringLiteral("Push (IDLE)"));
    }

    void pollingIsSaidInWords()
    {
        Harness h;
        h.server(QStringLiteral("lists")).idle = false;
        core::Account a = makeAccount(QStringLiteral("lists"), QStringLiteral("Lists"));
        a.pollIntervalMinutes = 5;
        h.watch({a});
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->accountStatusText(QStringLiteral("lists")),
                                  QStringLiteral("Polling every 5 min"), WaitMs);
        QCOMPARE(h.tray->accountLine(QStringLiteral("lists")),
                 QStringLiteral("Lists: checking every 5 minutes (no IDLE)"));
        QCOMPARE(h.tray->look(), Look::AllRead);
    }

    void menuHasOneSubmenuPerAccount()
    {
        Harness h;
        h.server(QStringLiteral("work")).deliver(QStringLiteral("INBOX"), "Ann", "one");
        core::Account work = makeAccount(QStringLiteral("work"), QStringLiteral("Work & Play"));
        work.clickAction = core::Account::ClickAction::Webmail;
        work.webmailUrl = QStringLiteral("https://mail.example.org/");
        h.watch({work, makeAccount(QStringLiteral("home"), QStringLiteral("Home"))});
        QVERIFY(h.idling(QStringLiteral("work")));
        QVERIFY(h.idling(QStringLiteral("home")));
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->count(), 1, WaitMs);

        QStringList top;
        for (QAction *a : h.tray->menu()->actions())
            if (a->isVisible() && !a->isSeparator())
                top << a->objectName();
        // In the order of the settings.
        QCOMPARE(top,
                 (QStringList{QStringLiteral("account:work"), QStringLiteral("account:home"), QStringLiteral("mute"),
                              QStringLiteral("checkAll"), QStringLiteral("settings"), QStringLiteral("about"),
                              QStringLiteral("quit")}));
        QCOMPARE(h.action(QStringLiteral("account:work"))->text(), QStringLiteral("Work && Play (1)"));
        QCOMPARE(h.action(QStringLiteral("account:home"))->text(), QStringLiteral("Home"));
        QVERIFY(h.action(QStringLiteral("open:work"))->isEnabled());
        QVERIFY(!h.action(QStringLiteral("open:home"))->isEnabled());
        QCOMPARE(h.action(QStringLiteral("status:work"))->text(), QStringLiteral("Push (IDLE)"));

        QSignalSpy open(h.tray.get(), &TrayController::openRequested);
        h.action(QStringLiteral("open:work"))->trigger();
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.last().at(0).toString(), QStringLiteral("work"));

        // "Check now" finds mail the server did not push.
        FakeMailServer &home = h.server(QStringLiteral("home"));
        home.deliver(QStringLiteral("INBOX"), "Quiet", "not pushed", false, false);
        QCOMPARE(h.monitor->unread(QStringLiteral("home")), 0);
        h.action(QStringLiteral("check:home"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(h.monitor->unread(QStringLiteral("home")), 1, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->count(), 2, WaitMs);

        // Check all now reaches every account.
        const qsizetype workBefore = h.server(QStringLiteral("work")).commands.size();
        const qsizetype homeBefore = home.commands.size();
        h.action(QStringLiteral("checkAll"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(h.server(QStringLiteral("work")).commands.size() > workBefore, WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(home.commands.size() > homeBefore, WaitMs);

        // Accounts go away: their submenus too.
        h.monitor->apply({work});
        QTRY_VERIFY_WITH_TIMEOUT(!h.action(QStringLiteral("account:home")), WaitMs);
        QVERIFY(h.action(QStringLiteral("account:work")));
    }

    void muteMenu()
    {
        Harness h;
        QSignalSpy mute(h.tray.get(), &TrayController::muteRequested);
        QSignalSpy unmute(h.tray.get(), &TrayController::unmuteRequested);
        QVERIFY(h.action(QStringLiteral("mute"))->isVisible());
        QVERIFY(!h.action(QStringLiteral("unmute"))->isVisible());
        const QStringList spans{QStringLiteral("mute-1h"), QStringLiteral("mute-4h"), QStringLiteral("mute-morning"),
                                QStringLiteral("mute-forever")};
        for (const QString &name : spans)
            h.action(name)->trigger();
        QCOMPARE(mute.count(), 4);
        QCOMPARE(mute.at(0).at(0).value<TrayController::MuteSpan>(), TrayController::MuteSpan::OneHour);
        QCOMPARE(mute.at(1).at(0).value<TrayController::MuteSpan>(), TrayController::MuteSpan::FourHours);
        QCOMPARE(mute.at(2).at(0).value<TrayController::MuteSpan>(), TrayController::MuteSpan::TomorrowMorning);
        QCOMPARE(mute.at(3).at(0).value<TrayController::MuteSpan>(), TrayController::MuteSpan::UntilUnmuted);

        TrayController::Silence s;
        s.muted = true;
        s.mutedUntil = QDateTime::currentDateTime().addSecs(3600);
        h.tray->setSilence(s);
        QVERIFY(!h.action(QStringLiteral("mute"))->isVisible());
        QVERIFY(h.action(QStringLiteral("unmute"))->isVisible());
        QVERIFY(h.action(QStringLiteral("unmute"))->text().startsWith(QStringLiteral("Unmute (muted until ")));
        QVERIFY(h.tray->toolTip().contains(QStringLiteral("Muted until ")));
        h.action(QStringLiteral("unmute"))->trigger();
        QCOMPARE(unmute.count(), 1);

        s = {};
        s.quietHours = true;
        s.quietUntil = QTime(7, 0);
        h.tray->setSilence(s);
        QVERIFY(h.tray->toolTip().contains(QStringLiteral("Quiet hours until ")));
        s = {};
        s.notificationsOff = true;
        h.tray->setSilence(s);
        QVERIFY(h.tray->toolTip().endsWith(QStringLiteral("Notifications are off")));
    }

    void muteEnd_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<TrayController::MuteSpan>("span");
        QTest::addColumn<QDateTime>("end");
        const QDate d(2026, 3, 10);
        QTest::newRow("1 hour") << QDateTime(d, QTime(14, 20)) << TrayController::MuteSpan::OneHour
                                << QDateTime(d, QTime(15, 20));
        QTest::newRow("4 hours past midnight") << QDateTime(d, QTime(22, 0)) << TrayController::MuteSpan::FourHours
                                               << QDateTime(d.addDays(1), QTime(2, 0));
        QTest::newRow("evening: next morning")
            << QDateTime(d, QTime(21, 30)) << TrayController::MuteSpan::TomorrowMorning
            << QDateTime(d.addDays(1), QTime(8, 0));
        QTest::newRow("past midnight: this morning")
            << QDateTime(d, QTime(1, 30)) << TrayController::MuteSpan::TomorrowMorning << QDateTime(d, QTime(8, 0));
        QTest::newRow("morning: tomorrow's") << QDateTime(d, QTime(9, 0)) << TrayController::MuteSpan::TomorrowMorning
                                             << QDateTime(d.addDays(1), QTime(8, 0));
        QTest::newRow("until unmuted") << QDateTime(d, QTime(9, 0)) << TrayController::MuteSpan::UntilUnmuted
                                       << QDateTime();
    }

    void muteEnd()
    {
        QFETCH(QDateTime, now);
        QFETCH(TrayController::MuteSpan, span);
        QFETCH(QDateTime, end);
        QCOMPARE(TrayController::muteEnd(span, now), end);
    }

    void hostileNamesStayPlainText()
    {
        Harness h;
        h.watch({makeAccount(QStringLiteral("x"), QStringLiteral("<b>Bold</b>\u202eevil\nline"))});
        QVERIFY(h.idling(QStringLiteral("x")));
        QTRY_COMPARE_WITH_TIMEOUT(h.tray->look(), Look::AllRead, WaitMs);
        const QStringList lines = h.tray->toolTip().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.first(), QStringLiteral("Idlebell")); // a plain first line: Qt shows it as plain text
        QVERIFY(!lines.last().contains(QChar(0x202e)));
        QVERIFY(!Qt::mightBeRichText(h.tray->toolTip()));
    }
};

QTEST_MAIN(TestTrayController)
#include "tst_traycontroller.moc"
