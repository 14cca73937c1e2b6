// ui::DesktopController: a real core::Monitor whose sessions talk to an
// in-process fake IMAP server (tests/ui/FakeMailServer.h), notifications
// over a private dbus-daemon to fake-notifyd (whose log tells what was
// shown), and a manual clock for mute and quiet hours: new mail pops up,
// silence queues it and ends in one summary, "Mark as read" reaches the
// server, "Open" runs the account's click action.

#include "FakeMailServer.h"

#include "core/Monitor.h"
#include "core/SecretStore.h"
#include "core/StateStore.h"
#include "support/FakeNotifyd.h"
#include "support/ManualClock.h"
#include "support/PrivateBus.h"
#include "support/SessionTestUtil.h"
#include "ui/ClickAction.h"
#include "ui/DesktopController.h"
#include "ui/Notifier.h"
#include "ui/SettingsDialog.h"

#include <QDBusConnectionInterface>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <map>
#include <memory>

using testsupport::FakeNotifyd;
using testsupport::jsonString;
using testsupport::jsonStrings;
using ui::ClickAction;
using ui::DesktopController;
using ui::TrayController;
using uitest::FakeMailServer;

namespace {

constexpr int WaitMs = 10000;
constexpr qint64 Minute = 60 * 1000;

core::Account makeAccount(const QString &id, const QString &name)
{
    core::Account a;
    a.id = id;
    a.name = name;
    a.host = id + QStringLiteral(".example.org");
    a.username = QStringLiteral("user");
    return a;
}

struct Launch
{
    ClickAction action;
};

struct Harness
{
    Harness(const QDBusConnection &bus, const QDateTime &localNow = QDateTime(QDate(2026, 3, 10), QTime(12, 0)))
    {
        clock.jumpWallClock(localNow.toMSecsSinceEpoch() - clock.wallMs());
        state = std::make_unique<core::StateStore>(dir.filePath(QStringLiteral("state.json")));
        monitor = std::make_unique<core::Monitor>(state.get(), &secrets);
        monitor->setTransportFactory([this](const core::Account &a) { return server(a.id).makeTransport(); });
        desktop = std::make_unique<DesktopController>(monitor.get(), &secrets,
                                                      dir.filePath(QStringLiteral("idlebell.conf")), bus, &clock);
        desktop->setShowTray(false);
        desktop->setLauncher([this](const ClickAction &action, QString *error) {
            launches << action;
            if (failLaunch && error)
                *error = QStringLiteral("no such program");
            return !failLaunch;
        });
    }
    ~Harness()
    {
        desktop.reset();
        monitor.reset();
    }

    FakeMailServer &server(const QString &id)
    {
        auto &s = servers[id];
        if (!s)
            s = std::make_unique<FakeMailServer>();
        return *s;
    }
    bool start(const QList<core::Account> &accounts, const core::Preferences &preferences = {})
    {
        for (const core::Account &a : accounts)
            secrets.setRunOnlyPassword(a.id, QStringLiteral("secret"));
        desktop->start(accounts, preferences);
        const bool available = QTest::qWaitFor(
            [this] { return desktop->notifier()->serviceState() == ui::Notifier::ServiceState::Available; }, WaitMs);
        bool idling = true;
        for (const core::Account &a : accounts)
            idling = idling && QTest::qWaitFor([&] { return server(a.id).idlingConnections() > 0; }, WaitMs);
        return available && idling;
    }
    // Moves the wall clock in steps, so each wake-up sees its own time.
    void advance(qint64 ms)
    {
        while (ms > 0) {
            const qint64 step = std::min<qint64>(ms, Minute);
            clock.advance(step);
            ms -= step;
        }
    }

    QTemporaryDir dir;
    testsupport::ManualClock clock;
    core::SecretStore secrets;
    std::unique_ptr<core::StateStore> state;
    std::unique_ptr<core::Monitor> monitor;
    std::unique_ptr<DesktopController> desktop;
    std::map<QString, std::unique_ptr<FakeMailServer>> servers;
    QList<ClickAction> launches;
    bool failLaunch = false;
};

} // namespace

class TestDesktopController : public QObject
{
    Q_OBJECT

    testsupport::PrivateBus m_privateBus;
    QDBusConnection m_bus{QString()};
    std::unique_ptr<FakeNotifyd> m_fake;

    // The Notify calls logged so far whose summary contains text (all: empty).
    QList<QJsonObject> notifies(const QString &text = {}) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &o : m_fake->notifies())
            if (text.isEmpty() || jsonString(o, "summary").contains(text))
                out << o;
        return out;
    }
    // The daemon has handled everything sent so far; then the count is final.
    int settledNotifyCount()
    {
        m_fake->sync();
        return int(m_fake->notifies().size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        testsupport::registerSessionMetaTypes();
        QVERIFY2(!FakeNotifyd::program().isEmpty() && QFile::exists(FakeNotifyd::program()),
                 "fake-notifyd not found (IDLEBELL_FAKE_NOTIFYD)");
        QVERIFY2(m_privateBus.start(), "could not start a private dbus-daemon");
        qputenv("DBUS_SESSION_BUS_ADDRESS", m_privateBus.address().toUtf8());
        m_bus = QDBusConnection::connectToBus(m_privateBus.address(), QStringLiteral("tst_desktopcontroller"));
        QVERIFY(m_bus.isConnected());
    }

    void init()
    {
        QTRY_VERIFY_WITH_TIMEOUT(!m_bus.interface()->isServiceRegistered(testsupport::NotificationsService), WaitMs);
        m_fake = std::make_unique<FakeNotifyd>(m_bus, m_privateBus.address());
        QVERIFY(m_fake->start({QStringLiteral("actions"), QStringLiteral("body")}));
    }

    void cleanup() { m_fake.reset(); }

    void cleanupTestCase()
    {
        m_fake.reset();
        QDBusConnection::disconnectFromBus(QStringLiteral("tst_desktopcontroller"));
        m_privateBus.stop();
    }

    void newMailPopsUp()
    {
        Harness h(m_bus);
        QVERIFY(h.start({makeAccount(QStringLiteral("work"), QStringLiteral("Work"))}));
        h.server(QStringLiteral("work")).deliver(QStringLiteral("INBOX"), "Ann Example", "Lunch?");
        QTRY_COMPARE_WITH_TIMEOUT(notifies().size(), 1, WaitMs);
        const QJsonObject n = notifies().first();
        QCOMPARE(jsonString(n, "summary"), QStringLiteral("Ann Example"));
        QCOMPARE(jsonString(n, "body"), QStringLiteral("Lunch?"));
        QVERIFY(jsonStrings(n, "actions").contains(QStringLiteral("mark-read")));
        QTRY_COMPARE_WITH_TIMEOUT(h.desktop->tray()->count(), 1, WaitMs);
    }

    void quietHoursPastMidnightEndInOneSummary()
    {
        Harness h(m_bus, QDateTime(QDate(2026, 3, 10), QTime(23, 50)));
        core::Preferences prefs;
        prefs.quietHoursEnabled = true;
        prefs.quietFrom = QTime(23, 0);
        prefs.quietTo = QTime(0, 30);
        QVERIFY(h.start({makeAccount(QStringLiteral("work"), QStringLiteral("Work"))}, prefs));
        QVERIFY(h.desktop->isSilenced());
        QVERIFY(h.desktop->tray()->toolTip().contains(QStringLiteral("Quiet hours until ")));

        FakeMailServer &work = h.server(QStringLiteral("work"));
        work.deliver(QStringLiteral("INBOX"), "Ann", "first");
        work.deliver(QStringLiteral("INBOX"), "Bob", "second");
        QTRY_COMPARE_WITH_TIMEOUT(h.desktop->queuedCount(QStringLiteral("work")), 2, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(h.desktop->tray()->count(), 2, WaitMs); // the count stays live
        QCOMPARE(h.desktop->notifier()->activeCount(), 0);

        h.advance(30 * Minute); // 00:20, past midnight and still quiet
        QVERIFY(h.desktop->isSilenced());
        QCOMPARE(h.desktop->queuedCount(QStringLiteral("work")), 2);
        QCOMPARE(settledNotifyCount(), 0);

        h.advance(11 * Minute); // 00:31: quiet time is over
        QVERIFY(!h.desktop->isSilenced());
        QTRY_COMPARE_WITH_TIMEOUT(notifies().size(), 1, WaitMs);
        const QJsonObject n = notifies().first();
        QCOMPARE(jsonString(n, "summary"), QStringLiteral("2 new messages in Work (during quiet hours)"));
        QVERIFY(jsonString(n, "body").contains(QStringLiteral("Ann: first")));
        QVERIFY(jsonString(n, "body").contains(QStringLiteral("Bob: second")));
        QCOMPARE(h.desktop->queuedCount(QStringLiteral("work")), 0);
        QVERIFY(!h.desktop->tray()->toolTip().contains(QStringLiteral("Quiet hours")));
        QCOMPARE(settledNotifyCount(), 1); // one, not one per message

        // Mail now pops up at once; quiet hours come back the next night.
        h.advance(2 * Minute);
        work.deliver(QStringLiteral("INBOX"), "Cy", "third");
        QTRY_COMPARE_WITH_TIMEOUT(notifies(QStringLiteral("Cy")).size(), 1, WaitMs);
        h.advance(22 * 60 * Minute + 30 * Minute); // 23:03 the next day
        QVERIFY(h.desktop->isSilenced());
        QVERIFY(h.desktop->tray()->toolTip().contains(QStringLiteral("Quiet hours until ")));
    }

    void muteQueuesAndMailReadMeanwhileDropsOut()
    {
        Harness h(m_bus);
        QVERIFY(h.start({makeAccount(QStringLiteral("work"), QStringLiteral("Work"))}));
        QSignalSpy silence(h.desktop->tray(), &TrayController::muteRequested);
        h.desktop->mute(TrayController::MuteSpan::OneHour);
        QVERIFY(h.desktop->isMuted());
        QVERIFY(h.desktop->tray()->toolTip().contains(QStringLiteral("Muted until ")));

        FakeMailServer &work = h.server(QStringLiteral("work"));
        const quint32 first = work.deliver(QStringLiteral("INBOX"), "Ann", "one");
        work.deliver(QStringLiteral("INBOX"), "Bob", "two");
        work.deliver(QStringLiteral("INBOX"), "Cy", "three");
        QTRY_COMPARE_WITH_TIMEOUT(h.desktop->queuedCount(QStringLiteral("work")), 3, WaitMs);
        // Read in another mail client meanwhile: not announced later.
        work.setSeen(QStringLiteral("INBOX"), first, true);
        QTRY_COMPARE_WITH_TIMEOUT(h.desktop->queuedCount(QStringLiteral("work")), 2, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(h.desktop->tray()->count(), 2, WaitMs);

        h.advance(59 * Minute);
        QVERIFY(h.desktop->isMuted());
        QCOMPARE(settledNotifyCount(), 0);
        h.advance(2 * Minute);
        QVERIFY(!h.desktop->isMuted());
        QTRY_COMPARE_WITH_TIMEOUT(notifies().size(), 1, WaitMs);
        const QJsonObject n = notifies().first();
        QCOMPARE(jsonString(n, "summary"), QStringLiteral("2 new messages in Work (while muted)"));
        QVERIFY(!jsonString(n, "body").contains(QStringLiteral("Ann")));
        QVERIFY(!h.desktop->tray()->toolTip().contains(QStringLiteral("Muted")));

        // "Mark as read" on the summary marks what it lists.
        QVERIFY(m_fake->invokeAction(uint(n.value(QStringLiteral("id")).toInteger()), QStringLiteral("mark-read")));
        QTRY_VERIFY_WITH_TIMEOUT(work.isSeen(QStringLiteral("INBOX"), 2) && work.isSeen(QStringLiteral("INBOX"), 3),
                                 WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(h.desktop->tray()->count(), 0, WaitMs);
    }

    void oneMessageWhileMutedShowsItself()
    {
        Harness h(m_bus);
        QVERIFY(h.start({makeAccount(QStringLiteral("work"), QStringLiteral("Work"))}));
        h.desktop->mute(TrayController::MuteSpan::UntilUnmuted);
        QVERIFY(h.desktop->tray()->toolTip().contains(QStringLiteral("Muted until you unmute")));
        h.server(QStringLiteral("work")).deliver(QStringLiteral("INBOX"), "Ann", "only one");
        QTRY_COMPARE_WITH_TIMEOUT(h.desktop->queuedCount(QStringLiteral("work")), 1, WaitMs);
        h.advance(24 * 60 * Minute); // no end: a day changes nothing
        QVERIFY(h.desktop->isMuted());
        QCOMPARE(settledNotifyCount(), 0);
        h.desktop->unmute();
        QTRY_COMPARE_WITH_TIMEOUT(notifies().size(), 1, WaitMs);
        QCOMPARE(jsonString(notifies().first(), "summary"), QStringLiteral("Ann"));
        QCOMPARE(jsonString(notifies().first(), "body"), QStringLiteral("only one"));
    }

    void notificationsOffShowNothingNowOrLater()
    {
        Harness h(m_bus);
        core::Preferences off;
        off.notificationsEnabled = false;
        QVERIFY(h.start({makeAccount(QStringLiteral("work"), QStringLiteral("Work"))}, off));
        QVERIFY(h.desktop->tray()->toolTip().endsWith(QStringLiteral("Notifications are off")));
        h.server(QStringLiteral("work")).deliver(QStringLiteral("INBOX"), "Ann", "unseen");
        QTRY_COMPARE_WITH_TIMEOUT(h.desktop->tray()->count(), 1, WaitMs);
        QCOMPARE(h.desktop->queuedCount(QStringLiteral("work")), 0);
        h.desktop->setPreferences({});
        QCOMPARE(settledNotifyCount(), 0);
        h.server(QStringLiteral("work")).deliver(QStringLiteral("INBOX"), "Bob", "shown");
        QTRY_COMPARE_WITH_TIMEOUT(notifies().size(), 1, WaitMs);
        QCOMPARE(jsonString(notifies().first(), "summary"), QStringLiteral("Bob"));
    }

    void markReadSetsSeenOnTheServer()
    {
        Harness h(m_bus);
        QVERIFY(h.start({makeAccount(QStringLiteral("work"), QStringLiteral("Work"))}));
        FakeMailServer &work = h.server(QStringLiteral("work"));
        const quint32 uid = work.deliver(QStringLiteral("INBOX"), "Ann", "read me");
        QTRY_COMPARE_WITH_TIMEOUT(notifies().size(), 1, WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(h.desktop->tray()->count(), 1, WaitMs);
        const uint id = uint(notifies().first().value(QStringLiteral("id")).toInteger());
        QVERIFY(id != 0);
        QVERIFY(m_fake->invokeAction(id, QStringLiteral("mark-read")));
        QTRY_VERIFY_WITH_TIMEOUT(work.isSeen(QStringLiteral("INBOX"), uid), WaitMs);
        QVERIFY(work.received("UID STORE " + QByteArray::number(uid) + " +FLAGS"));
        // The watcher (read-only) hears of it and the count drops.
        QTRY_COMPARE_WITH_TIMEOUT(h.desktop->tray()->count(), 0, WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_fake->closed().contains(id), WaitMs);
        QVERIFY(!work.received("STORE") || work.received("UID STORE")); // no other write
    }

    void openRunsTheClickAction()
    {
        Harness h(m_bus);
        core::Account web = makeAccount(QStringLiteral("web"), QStringLiteral("Web"));
        web.clickAction = core::Account::ClickAction::Webmail;
        web.webmailUrl = QStringLiteral("https://mail.example.org/inbox");
        core::Account cmd = makeAccount(QStringLiteral("cmd"), QStringLiteral("Cmd"));
        cmd.clickAction = core::Account::ClickAction::Command;
        cmd.mailClientCommand = QStringLiteral("thunderbird -mail \"my profile\"");
        core::Account none = makeAccount(QStringLiteral("none"), QStringLiteral("None"));
        QVERIFY(h.start({web, cmd, none}));

        h.server(QStringLiteral("web")).deliver(QStringLiteral("INBOX"), "Ann", "web mail");
        QTRY_COMPARE_WITH_TIMEOUT(notifies(QStringLiteral("Ann")).size(), 1, WaitMs);
        QVERIFY(
            m_fake->invokeAction(uint(notifies(QStringLiteral("Ann")).first().value(QStringLiteral("id")).toInteger()),
                                 QStringLiteral("default")));
        QTRY_COMPARE_WITH_TIMEOUT(h.launches.size(), 1, WaitMs);
        QCOMPARE(h.launches.last().kind(), ClickAction::Kind::OpenUrl);
        QCOMPARE(h.launches.last().url(), QUrl(QStringLiteral("https://mail.example.org/inbox")));

        h.server(QStringLiteral("cmd")).deliver(QStringLiteral("INBOX"), "Bob", "client mail");
        QTRY_COMPARE_WITH_TIMEOUT(notifies(QStringLiteral("Bob")).size(), 1, WaitMs);
        QVERIFY(
            m_fake->invokeAction(uint(notifies(QStringLiteral("Bob")).first().value(QStringLiteral("id")).toInteger()),
                                 QStringLiteral("default")));
        QTRY_COMPARE_WITH_TIMEOUT(h.launches.size(), 2, WaitMs);
        QCOMPARE(h.launches.last().kind(), ClickAction::Kind::Run);
        QCOMPARE(h.launches.last().program(), QStringLiteral("thunderbird"));
        QCOMPARE(h.launches.last().arguments(), (QStringList{QStringLiteral("-mail"), QStringLiteral("my profile")}));

        // The tray's left click opens the account with the newest mail.
        QTRY_COMPARE_WITH_TIMEOUT(h.desktop->tray()->clickTarget(), QStringLiteral("cmd"), WaitMs);
        h.desktop->tray()->activate(QSystemTrayIcon::Trigger);
        QCOMPARE(h.launches.size(), 3);
        QCOMPARE(h.launches.last().program(), QStringLiteral("thunderbird"));

        // An account without a click action: nothing runs.
        h.desktop->openAccount(QStringLiteral("none"));
        h.desktop->openAccount(QStringLiteral("unknown"));
        QCOMPARE(h.launches.size(), 3);

        // A launch that fails says so.
        h.failLaunch = true;
        h.desktop->openAccount(QStringLiteral("web"));
        QTRY_COMPARE_WITH_TIMEOUT(notifies(QStringLiteral("Web: could not open your mail")).size(), 1, WaitMs);
        QCOMPARE(jsonString(notifies(QStringLiteral("could not open")).first(), "body"),
                 QStringLiteral("no such program"));
    }

    void clickActions_data()
    {
        QTest::addColumn<int>("action");
        QTest::addColumn<QString>("value");
        QTest::addColumn<ClickAction::Kind>("kind");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QStringList>("arguments");
        const int web = int(core::Account::ClickAction::Webmail);
        const int cmd = int(core::Account::ClickAction::Command);
        QTest::newRow("none") << int(core::Account::ClickAction::None) << QString() << ClickAction::Kind::None
                              << QString() << QStringList();
        QTest::newRow("https") << web << QStringLiteral("https://mail.example.org/") << ClickAction::Kind::OpenUrl
                               << QStringLiteral("https://mail.example.org/") << QStringList();
        QTest::newRow("http") << web << QStringLiteral("http://localhost:8080/") << ClickAction::Kind::OpenUrl
                              << QStringLiteral("http://localhost:8080/") << QStringList();
        QTest::newRow("file") << web << QStringLiteral("file:///etc/passwd") << ClickAction::Kind::Invalid << QString()
                              << QStringList();
        QTest::newRow("javascript") << web << QStringLiteral("javascript:alert(1)") << ClickAction::Kind::Invalid
                                    << QString() << QStringList();
        QTest::newRow("custom scheme") << web << QStringLiteral("x-handler://run") << ClickAction::Kind::Invalid
                                       << QString() << QStringList();
        QTest::newRow("no url") << web << QString() << ClickAction::Kind::Invalid << QString() << QStringList();
        QTest::newRow("command") << cmd << QStringLiteral("evolution --component=mail") << ClickAction::Kind::Run
                                 << QStringLiteral("evolution") << QStringList{QStringLiteral("--component=mail")};
        QTest::newRow("no shell") << cmd << QStringLiteral("sh -c \"x; y\" $HOME `id`") << ClickAction::Kind::Run
                                  << QStringLiteral("sh")
                                  << QStringList{QStringLiteral("-c"), QStringLiteral("x; y"), QStringLiteral("$HOME"),
                                                 QStringLiteral("`id`")};
        QTest::newRow("empty command") << cmd << QStringLiteral("  ") << ClickAction::Kind::Invalid << QString()
                                       << QStringList();
    }

    void clickActions()
    {
        QFETCH(int, action);
        QFETCH(QString, value);
        QFETCH(ClickAction::Kind, kind);
        QFETCH(QString, target);
        QFETCH(QStringList, arguments);
        core::Account a = makeAccount(QStringLiteral("a"), QStringLiteral("A"));
        a.clickAction = core::Account::ClickAction(action);
        a.webmailUrl = value;
        a.mailClientCommand = value;
        const ClickAction c = ClickAction::forAccount(a);
        QCOMPARE(c.kind(), kind);
        if (kind == ClickAction::Kind::OpenUrl)
            QCOMPARE(c.url().toString(), target);
        if (kind == ClickAction::Kind::Run) {
            QCOMPARE(c.program(), target);
            QCOMPARE(c.arguments(), arguments);
        }
        if (kind == ClickAction::Kind::Invalid) {
            QVERIFY(!c.problem().isEmpty());
            QString error;
            QVERIFY(!c.launch(&error)); // refused before anything runs
            QCOMPARE(error, c.problem());
        }
    }

    void certificateFailurePointsToSettings()
    {
        Harness h(m_bus);
        h.server(QStringLiteral("self")).certificateFailure = true;
        h.secrets.setRunOnlyPassword(QStringLiteral("self"), QStringLiteral("secret"));
        h.desktop->start({makeAccount(QStringLiteral("self"), QStringLiteral("Self-hosted"))}, {});
        QTRY_COMPARE_WITH_TIMEOUT(notifies(QStringLiteral("certificate")).size(), 1, WaitMs);
        const QJsonObject n = notifies(QStringLiteral("certificate")).first();
        QCOMPARE(jsonString(n, "summary"), QStringLiteral("Self-hosted: the server's certificate is not trusted"));
        QVERIFY(jsonString(n, "body").contains(QStringLiteral("Settings")));
        QCOMPARE(h.desktop->tray()->look(), ui::BadgeRenderer::Look::Error);
        QCOMPARE(h.desktop->tray()->accountStatusText(QStringLiteral("self")),
                 QStringLiteral("Certificate not trusted"));
        // Once, not on every look at the account.
        h.desktop->tray()->refresh();
        QCOMPARE(settledNotifyCount(), 1);

        QVERIFY(!h.desktop->settingsDialog());
        QVERIFY(m_fake->invokeAction(uint(n.value(QStringLiteral("id")).toInteger()), QStringLiteral("default")));
        QTRY_VERIFY_WITH_TIMEOUT(h.desktop->settingsDialog() && h.desktop->settingsDialog()->isVisible(), WaitMs);
        h.desktop->settingsDialog()->reject();
    }

    void serverAlertIsShownOnce()
    {
        Harness h(m_bus);
        QVERIFY(h.start({makeAccount(QStringLiteral("work"), QStringLiteral("Work"))}));
        for (int i = 0; i < 2; ++i)
            for (const auto &c : std::as_const(h.server(QStringLiteral("work")).connections))
                if (c)
                    c->push("* OK [ALERT] Your mailbox is 95% full");
        QTRY_COMPARE_WITH_TIMEOUT(notifies(QStringLiteral("Message from the Work server")).size(), 1, WaitMs);
        QCOMPARE(jsonString(notifies().first(), "body"), QStringLiteral("Your mailbox is 95% full"));
        QCOMPARE(settledNotifyCount(), 1);
    }

    void firstRunOpensTheSettings()
    {
        Harness h(m_bus);
        h.desktop->start({}, {});
        QCOMPARE(h.desktop->tray()->look(), ui::BadgeRenderer::Look::NoAccount);
        QVERIFY(h.desktop->settingsDialog());
        QVERIFY(h.desktop->settingsDialog()->isVisible());
        // Asked again (a second launch): the same window.
        ui::SettingsDialog *dialog = h.desktop->settingsDialog();
        h.desktop->openSettings();
        QCOMPARE(h.desktop->settingsDialog(), dialog);
        dialog->reject();
        QTRY_VERIFY_WITH_TIMEOUT(!h.desktop->settingsDialog(), WaitMs); // closed windows are deleted
    }

    void appliedSettingsTakeEffect()
    {
        Harness h(m_bus);
        core::Account work = makeAccount(QStringLiteral("work"), QStringLiteral("Work"));
        QVERIFY(h.start({work}));
        FakeMailServer &server = h.server(QStringLiteral("work"));
        const int connections = int(server.connections.size());

        // Privacy on, and the password changed: the account reconnects.
        core::Preferences prefs;
        prefs.hideContent = true;
        QSignalSpy applied(h.desktop.get(), &DesktopController::settingsApplied);
        h.desktop->applySettings({work}, prefs, {QStringLiteral("work")});
        QCOMPARE(applied.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(int(server.connections.size()) > connections, WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(server.idlingConnections() > 0, WaitMs);
        QVERIFY(h.desktop->notifier()->hideContent());
        server.deliver(QStringLiteral("INBOX"), "Ann", "secret subject");
        QTRY_COMPARE_WITH_TIMEOUT(notifies().size(), 1, WaitMs);
        QCOMPARE(jsonString(notifies().first(), "summary"), QStringLiteral("New message"));
        QVERIFY(!jsonString(notifies().first(), "body").contains(QStringLiteral("secret")));

        // A renamed account does not reconnect.
        const int before = int(server.connections.size());
        work.name = QStringLiteral("Office");
        h.desktop->applySettings({work}, prefs, {});
        QCOMPARE(int(server.connections.size()), before);
        QVERIFY(h.desktop->tray()->toolTip().contains(QStringLiteral("Office: ")));

        // Removing every account: the no-account bell.
        h.desktop->applySettings({}, prefs, {});
        QCOMPARE(h.desktop->tray()->look(), ui::BadgeRenderer::Look::NoAccount);
    }
};

QTEST_MAIN(TestDesktopController)
#include "tst_desktopcontroller.moc"
