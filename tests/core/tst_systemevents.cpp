// core::SystemEvents: resume from suspend (logind's PrepareForSleep) on a
// private dbus-daemon started here, with a fake logind on a second
// connection; network reachability transitions; no bus at all.

#include "core/SystemEvents.h"
#include "support/LogCapture.h"
#include "support/PrivateBus.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QSignalSpy>
#include <QTest>

using core::SystemEvents;
using testsupport::LogCapture;
using testsupport::PrivateBus;
using R = QNetworkInformation::Reachability;

namespace {

constexpr int kWaitMs = 5000;
const QByteArray kCoreCategory = "idlebell.core"; // what LogCapture collects here

QDBusMessage prepareForSleep(bool sleeping)
{
    QDBusMessage m = QDBusMessage::createSignal(QStringLiteral("/org/freedesktop/login1"),
                                                QStringLiteral("org.freedesktop.login1.Manager"),
                                                QStringLiteral("PrepareForSleep"));
    m << sleeping;
    return m;
}

// Marks the end of a batch: a signal that follows the ones under test on the
// same sender connection. Once the app's connection has delivered it, it has
// delivered everything routed before it.
class Marker : public QObject
{
    Q_OBJECT
public:
    bool listen(QDBusConnection &app)
    {
        return app.connect(QString(), QStringLiteral("/marker"), QStringLiteral("org.idlebell.Test"),
                           QStringLiteral("Marker"), this, SLOT(hit()));
    }
    // Sends the marker from `from` and waits until `app` delivered it.
    bool send(QDBusConnection &from)
    {
        const int before = m_hits;
        if (!from.send(QDBusMessage::createSignal(QStringLiteral("/marker"), QStringLiteral("org.idlebell.Test"),
                                                  QStringLiteral("Marker"))))
            return false;
        return QTest::qWaitFor([&] { return m_hits > before; }, kWaitMs);
    }

public Q_SLOTS:
    void hit() { ++m_hits; }

private:
    int m_hits = 0;
};

} // namespace

Q_DECLARE_METATYPE(QList<R>)

class TestSystemEvents : public QObject
{
    Q_OBJECT

    PrivateBus m_bus{PrivateBus::Type::System};
    int m_connections = 0;

    // A new, separate client connection to the private bus.
    QDBusConnection busConnection(const char *what)
    {
        return QDBusConnection::connectToBus(m_bus.address(),
                                             QStringLiteral("%1-%2").arg(QLatin1String(what)).arg(++m_connections));
    }
    // The fake logind: owns org.freedesktop.login1 on its own connection.
    QDBusConnection fakeLogind()
    {
        QDBusConnection c = busConnection("logind");
        if (!c.registerService(QStringLiteral("org.freedesktop.login1")))
            qWarning() << "could not own org.freedesktop.login1:" << c.lastError().message();
        return c;
    }
    static void release(QDBusConnection &c)
    {
        c.unregisterService(QStringLiteral("org.freedesktop.login1"));
        QDBusConnection::disconnectFromBus(c.name());
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_bus.start(kWaitMs), "could not start a private dbus-daemon"); }

    // PrepareForSleep(true) is the machine going down: nothing to do yet.
    // PrepareForSleep(false) is the resume: resumed() once.
    void resumedOnceAfterWake()
    {
        QDBusConnection logind = fakeLogind();
        QVERIFY(logind.isConnected());
        QDBusConnection app = busConnection("app");
        Marker marker;
        QVERIFY(marker.listen(app));
        SystemEvents events(app, SystemEvents::Network::Ignore);
        QVERIFY(events.watchesSleep());
        QVERIFY2(events.limitations().isEmpty(), qPrintable(events.limitations()));
        QSignalSpy resumed(&events, &SystemEvents::resumed);
        QSignalSpy network(&events, &SystemEvents::networkAvailable);

        QVERIFY(logind.send(prepareForSleep(true)));
        QVERIFY(marker.send(logind));
        QCOMPARE(resumed.count(), 0); // going to sleep: nothing yet
        QVERIFY(logind.send(prepareForSleep(false)));
        QVERIFY(marker.send(logind));
        QCOMPARE(resumed.count(), 1);

        // A second suspend and resume: once more.
        QVERIFY(logind.send(prepareForSleep(true)));
        QVERIFY(logind.send(prepareForSleep(false)));
        QVERIFY(marker.send(logind));
        QCOMPARE(resumed.count(), 2);
        QCOMPARE(network.count(), 0);
        release(logind);
    }

    // Only logind may say the machine resumed: the same signal from anyone
    // else on the bus is ignored.
    void impostorIsIgnored()
    {
        QDBusConnection logind = fakeLogind();
        QDBusConnection impostor = busConnection("impostor");
        QDBusConnection app = busConnection("app");
        Marker marker;
        QVERIFY(marker.listen(app));
        SystemEvents events(app, SystemEvents::Network::Ignore);
        QSignalSpy resumed(&events, &SystemEvents::resumed);

        QVERIFY(impostor.send(prepareForSleep(false)));
        QVERIFY(marker.send(impostor)); // the impostor's signal was delivered (and ignored)
        QCOMPARE(resumed.count(), 0);
        QVERIFY(logind.send(prepareForSleep(false)));
        QVERIFY(marker.send(logind));
        QCOMPARE(resumed.count(), 1);
        QDBusConnection::disconnectFromBus(impostor.name());
        release(logind);
    }

    // logind is not there when the app starts (it logs that), and appears
    // later: its signals are heard.
    void logindAppearingLater()
    {
        std::unique_ptr<SystemEvents> events;
        QStringList logged;
        {
            LogCapture capture(kCoreCategory);
            events = std::make_unique<SystemEvents>(busConnection("app"), SystemEvents::Network::Ignore);
            logged = capture.lines();
        }
        QVERIFY(events->watchesSleep());
        QCOMPARE(logged.size(), 1);
        QVERIFY2(logged[0].contains(QStringLiteral("logind is not running")), qPrintable(logged[0]));
        QSignalSpy resumed(events.get(), &SystemEvents::resumed);

        QDBusConnection logind = fakeLogind();
        QVERIFY(logind.send(prepareForSleep(false)));
        QVERIFY(resumed.wait(kWaitMs));
        QCOMPARE(resumed.count(), 1);
        release(logind);
    }

    // No system bus at all: one log line, no crash, no signals.
    void noBus()
    {
        QDBusConnection none = QDBusConnection::connectToBus(QStringLiteral("unix:path=/nonexistent/idlebell-test/bus"),
                                                             QStringLiteral("nobus"));
        QVERIFY(!none.isConnected());
        LogCapture capture(kCoreCategory);
        SystemEvents events(none, SystemEvents::Network::Ignore);
        QVERIFY(!events.watchesSleep());
        QVERIFY(!events.watchesNetwork());
        QCOMPARE(capture.lines().size(), 1);
        QVERIFY2(capture.lines()[0].contains(QStringLiteral("no system bus")), qPrintable(capture.lines()[0]));
        QVERIFY(!events.limitations().isEmpty());
        QDBusConnection::disconnectFromBus(none.name());
    }

    void reachability_data()
    {
        QTest::addColumn<QList<R>>("reports"); // the first is the backend's initial state
        QTest::addColumn<int>("expected");
        QTest::newRow("unknown at start, then online: the initial state") << QList<R>{R::Unknown, R::Online} << 0;
        QTest::newRow("online at start") << QList<R>{R::Online} << 0;
        QTest::newRow("online stays online") << QList<R>{R::Online, R::Online, R::Online} << 0;
        QTest::newRow("offline at start, then online") << QList<R>{R::Disconnected, R::Online} << 1;
        QTest::newRow("lost and back") << QList<R>{R::Online, R::Disconnected, R::Online} << 1;
        QTest::newRow("local only, then online") << QList<R>{R::Online, R::Local, R::Online} << 1;
        QTest::newRow("site only, then online") << QList<R>{R::Site, R::Online} << 1;
        QTest::newRow("unknown after known, then online") << QList<R>{R::Online, R::Unknown, R::Online} << 1;
        QTest::newRow("flapping") << QList<R>{R::Online, R::Disconnected, R::Online, R::Local, R::Site, R::Online} << 2;
        QTest::newRow("never online") << QList<R>{R::Disconnected, R::Local, R::Unknown, R::Site} << 0;
    }

    void reachability()
    {
        QFETCH(QList<R>, reports);
        QFETCH(int, expected);
        QDBusConnection none = QDBusConnection::connectToBus(QStringLiteral("unix:path=/nonexistent/idlebell-test/bus"),
                                                             QStringLiteral("nobus-reach"));
        LogCapture quiet(kCoreCategory); // the "no system bus" line is not this test's business
        SystemEvents events(none, SystemEvents::Network::Ignore);
        QSignalSpy network(&events, &SystemEvents::networkAvailable);
        QSignalSpy resumed(&events, &SystemEvents::resumed);
        for (R r : std::as_const(reports))
            events.noteReachability(r);
        QCOMPARE(network.count(), expected);
        QCOMPARE(resumed.count(), 0);
        QDBusConnection::disconnectFromBus(none.name());
    }

    // The real backend of this machine, if any: following it is harmless,
    // and when there is none the app says so once.
    void realNetworkBackend()
    {
        LogCapture capture(kCoreCategory);
        SystemEvents events(busConnection("app"), SystemEvents::Network::Watch);
        QNetworkInformation *info = QNetworkInformation::instance();
        const bool backend = info && info->supports(QNetworkInformation::Feature::Reachability);
        QCOMPARE(events.watchesNetwork(), backend);
        const QStringList lines = capture.lines().filter(QStringLiteral("system events:"));
        QCOMPARE(lines.size(), 1); // logind is not on the private bus: always one line
        QCOMPARE(lines[0].contains(QStringLiteral("no network information backend")), !backend);
        if (backend)
            qInfo() << "network backend:" << info->backendName() << "reachability" << info->reachability();
    }
};

QTEST_GUILESS_MAIN(TestSystemEvents)
#include "tst_systemevents.moc"
