// ib-notifyd: a notification service (org.freedesktop.Notifications) for the
// benchmarks: it stamps every Notify call with CLOCK_MONOTONIC the moment
// the call is dispatched to it and prints it, nothing else. (The tests'
// fake-notifyd logs JSON without a monotonic time.)
//
// stdout: "ready" once the name is owned, then
//   notify <ns> <id> <summary>\t<body>
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QObject>
#include <QStringList>
#include <QVariantMap>

#include <ctime>
#include <unistd.h>

namespace {

long long monoNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

void out(const QByteArray &line)
{
    const QByteArray l = line + '\n';
    [[maybe_unused]] const ssize_t n = ::write(1, l.constData(), size_t(l.size()));
}

} // namespace

class BenchNotifications : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    using QObject::QObject;

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int expireTimeout)
    {
        const long long ns = monoNs();
        Q_UNUSED(appName)
        Q_UNUSED(appIcon)
        Q_UNUSED(actions)
        Q_UNUSED(hints)
        Q_UNUSED(expireTimeout)
        const uint id = replacesId ? replacesId : ++m_lastId;
        QString text = summary + QLatin1Char('\t') + body;
        text.replace(QLatin1Char('\n'), QLatin1Char(' '));
        out("notify " + QByteArray::number(ns) + ' ' + QByteArray::number(id) + ' ' + text.toUtf8());
        return id;
    }
    void CloseNotification(uint) { }
    QStringList GetCapabilities()
    {
        return {QStringLiteral("body"), QStringLiteral("actions"), QStringLiteral("persistence")};
    }
    QString GetServerInformation(QString &vendor, QString &version, QString &specVersion)
    {
        vendor = QStringLiteral("Idlebell bench");
        version = QStringLiteral("1.0");
        specVersion = QStringLiteral("1.2");
        return QStringLiteral("ib-notifyd");
    }

Q_SIGNALS:
    void NotificationClosed(uint id, uint reason);
    void ActionInvoked(uint id, const QString &actionKey);

private:
    uint m_lastId = 0;
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QDBusConnection bus = QDBusConnection::sessionBus();
    BenchNotifications service;
    if (!bus.isConnected()
        || !bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &service,
                               QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals)
        || !bus.registerService(QStringLiteral("org.freedesktop.Notifications"))) {
        out("error cannot own org.freedesktop.Notifications");
        return 1;
    }
    out("ready");
    return app.exec();
}

#include "notifyd.moc"
