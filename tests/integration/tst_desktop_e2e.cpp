// The real idlebell binary in desktop mode (offscreen, on a private D-Bus
// session bus with fake-notifyd as the notification service) against the
// real Dovecot: a new message becomes a notification with its sender and
// subject; "Mark as read" on it sets \Seen on the server and the
// notification goes away; a second launch hands over its request and exits;
// SIGTERM ends it cleanly. Users 63-65 of the fixture.

#include "support/DovecotFixture.h"
#include "support/FakeNotifyd.h"
#include "support/FixtureAccounts.h"
#include "support/PrivateBus.h"
#include "support/TestImapClient.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace testsupport;

namespace {
constexpr int WaitMs = 20000;
} // namespace

class TestDesktopE2e : public QObject
{
    Q_OBJECT

    std::optional<DovecotFixture> m_dovecot;
    QTemporaryDir m_dir;
    PrivateBus m_privateBus;
    QDBusConnection m_bus{QString()};

    // A home of its own: settings, state, runtime dir (single instance).
    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString home = m_dir.filePath(QStringLiteral("home"));
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
        env.insert(QStringLiteral("XDG_STATE_HOME"), home + QStringLiteral("/.local/state"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/.cache"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.filePath(QStringLiteral("runtime")));
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), m_privateBus.address());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("idlebell.*=true"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        return env;
    }

    QString writeConfig(int user, const QString &id)
    {
        return writeAccountConfig(*m_dovecot, user, m_dir.path(), id, QStringLiteral("E2E ") + id);
    }

    // The state file says the account's INBOX was opened and synced once:
    // from now on a new message is new mail.
    static bool synced(const QString &statePath, const QString &id)
    {
        QFile f(statePath);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        const QJsonObject box = QJsonDocument::fromJson(f.readAll())
                                    .object()
                                    .value(QStringLiteral("accounts"))
                                    .toObject()
                                    .value(id)
                                    .toObject()
                                    .value(QStringLiteral("mailboxes"))
                                    .toObject()
                                    .value(QStringLiteral("INBOX"))
                                    .toObject();
        return box.value(QStringLiteral("uidValidity")).toInteger() > 0;
    }

    QString log(const QString &name) const
    {
        QFile f(m_dir.filePath(name));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("home"))));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("runtime"))));
        QFile::setPermissions(m_dir.filePath(QStringLiteral("runtime")),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QVERIFY2(!qEnvironmentVariableIsEmpty("IDLEBELL_BINARY"), "IDLEBELL_BINARY is set by CTest");
        QVERIFY2(QFile::exists(FakeNotifyd::program()), "fake-notifyd not found (IDLEBELL_FAKE_NOTIFYD)");
        m_dovecot = DovecotFixture::requireFixture();
        QVERIFY(m_dovecot);
        QVERIFY2(m_privateBus.start(), "could not start a private dbus-daemon");
        m_bus = QDBusConnection::connectToBus(m_privateBus.address(), QStringLiteral("tst_desktop_e2e"));
        QVERIFY(m_bus.isConnected());
    }

    void cleanupTestCase()
    {
        QDBusConnection::disconnectFromBus(QStringLiteral("tst_desktop_e2e"));
        m_privateBus.stop();
    }

    void newMailNotifiesAndMarkReadReachesTheServer()
    {
        const int user = 63;
        const QString id = QStringLiteral("desk");
        QVERIFY2(m_dovecot->clearMailbox(user).ok(), qPrintable(m_dovecot->clearMailbox(user).describe()));
        const QString config = writeConfig(user, id);
        QVERIFY(!config.isEmpty());

        FakeNotifyd notifyd(m_bus, m_privateBus.address());
        QVERIFY(notifyd.start({QStringLiteral("actions"), QStringLiteral("body")}));

        QProcess app;
        app.setProgram(qEnvironmentVariable("IDLEBELL_BINARY"));
        app.setArguments({QStringLiteral("--config"), config});
        app.setProcessEnvironment(environment());
        app.setStandardOutputFile(m_dir.filePath(QStringLiteral("app.out")));
        app.setStandardErrorFile(m_dir.filePath(QStringLiteral("app.err")));
        app.start();
        QVERIFY(app.waitForStarted(WaitMs));
        const auto diagnostics = [&] {
            return QStringLiteral("app stderr:\n") + log(QStringLiteral("app.err"));
        };

        // Synced once: a message from now on is new.
        const QString statePath = config + QStringLiteral(".state.json");
        QVERIFY2(QTest::qWaitFor([&] { return synced(statePath, id) || app.state() == QProcess::NotRunning; }, WaitMs)
                     && app.state() == QProcess::Running,
                 qPrintable(diagnostics()));

        TestImapClient client;
        QVERIFY2(client.connectTo(*m_dovecot, TestImapClient::Security::Tls), qPrintable(client.lastError()));
        QVERIFY(client.login(m_dovecot->userName(user), m_dovecot->password(user)).ok());
        const auto uid = client.append(
            QStringLiteral("INBOX"),
            TestImapClient::makeMessage("Ada Lovelace <ada@example.org>", "Notes on the engine", "Body."));
        QVERIFY(uid);

        // The notification: sender as the summary, subject as the body.
        QJsonObject shown;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         const auto all = notifyd.notifies();
                         for (const QJsonObject &n : all)
                             if (jsonString(n, "summary") == QStringLiteral("Ada Lovelace"))
                                 shown = n;
                         return !shown.isEmpty();
                     },
                     WaitMs),
                 qPrintable(diagnostics()));
        QCOMPARE(jsonString(shown, "body"), QStringLiteral("Notes on the engine"));
        QCOMPARE(jsonString(shown, "app_name"), QStringLiteral("Idlebell"));
        QVERIFY(!jsonString(shown, "sender").isEmpty()); // from the app's own bus connection
        QVERIFY(jsonStrings(shown, "actions").contains(QStringLiteral("mark-read")));
        QCOMPARE(notifyd.notifies().size(), 1);

        // "Mark as read", clicked in the notification.
        const uint notification = uint(shown.value(QStringLiteral("id")).toInteger());
        QVERIFY(notifyd.invokeAction(notification, QStringLiteral("mark-read")));
        QVERIFY(client.examine(QStringLiteral("INBOX")).ok());
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         // Each SEARCH is a fresh look at the server.
                         return client.search("SEEN").contains(*uid);
                     },
                     WaitMs),
                 qPrintable(diagnostics()));
        QTRY_VERIFY2_WITH_TIMEOUT(notifyd.closed().contains(notification), qPrintable(diagnostics()), WaitMs);

        // A second launch hands over --check-now and exits at once.
        QProcess second;
        second.setProgram(qEnvironmentVariable("IDLEBELL_BINARY"));
        second.setArguments({QStringLiteral("--config"), config, QStringLiteral("--check-now")});
        second.setProcessEnvironment(environment());
        second.start();
        QVERIFY(second.waitForFinished(WaitMs));
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);
        QTRY_VERIFY2_WITH_TIMEOUT(log(QStringLiteral("app.err")).contains(QStringLiteral("check-now")),
                                  qPrintable(diagnostics()), WaitMs);
        QVERIFY(app.state() == QProcess::Running);

        // SIGTERM: log out, exit 0.
        ::kill(pid_t(app.processId()), SIGTERM);
        QVERIFY2(app.waitForFinished(WaitMs), qPrintable(diagnostics()));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);

        const QString all = log(QStringLiteral("app.err")) + log(QStringLiteral("app.out"));
        QVERIFY2(!all.contains(m_dovecot->password(user)), "the password leaked into the output");
        QCOMPARE(notifyd.notifies().size(), 1); // nothing else popped up
    }
};

QTEST_GUILESS_MAIN(TestDesktopE2e)
#include "tst_desktop_e2e.moc"
