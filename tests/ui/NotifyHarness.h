#pragma once

// A private dbus-daemon and fake-notifyd on it, for tests that look at the
// notifications the app sends (the same helpers as tests/ui/tst_notifier.cpp).

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusReply>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#ifndef IDLEBELL_FAKE_NOTIFYD
#define IDLEBELL_FAKE_NOTIFYD ""
#endif

namespace uitest {

constexpr int StartTimeoutMs = 10000;
inline const QString NotificationsService = QStringLiteral("org.freedesktop.Notifications");

// A private session bus: no service files, so nothing is activated.
class PrivateBus
{
public:
    bool start()
    {
        if (!m_dir.isValid())
            return false;
        QFile conf(m_dir.filePath(QStringLiteral("bus.conf")));
        if (!conf.open(QIODevice::WriteOnly))
            return false;
        conf.write(QStringLiteral("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                                  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                                  "<busconfig><type>session</type><listen>unix:dir=%1</listen>"
                                  "<auth>EXTERNAL</auth><policy context=\"default\">"
                                  "<allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>"
                                  "<allow own=\"*\"/></policy></busconfig>\n")
                       .arg(m_dir.path())
                       .toUtf8());
        conf.close();
        m_daemon.setProcessChannelMode(QProcess::SeparateChannels);
        m_daemon.start(QStringLiteral("dbus-daemon"),
                       {QStringLiteral("--config-file=") + conf.fileName(), QStringLiteral("--nofork"),
                        QStringLiteral("--print-address=1")});
        if (!m_daemon.waitForStarted(StartTimeoutMs))
            return false;
        QElapsedTimer t;
        t.start();
        while (!m_daemon.canReadLine() && t.elapsed() < StartTimeoutMs)
            m_daemon.waitForReadyRead(100);
        m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
        return !m_address.isEmpty();
    }
    void stop()
    {
        if (m_daemon.state() != QProcess::NotRunning) {
            m_daemon.terminate();
            if (!m_daemon.waitForFinished(5000))
                m_daemon.kill();
        }
    }
    ~PrivateBus() { stop(); }
    QString address() const { return m_address; }

private:
    QTemporaryDir m_dir;
    QProcess m_daemon;
    QString m_address;
};

// fake-notifyd on the private bus, and its log.
class FakeNotifyd
{
public:
    FakeNotifyd(QDBusConnection bus, QString address)
        : m_bus(std::move(bus))
        , m_address(std::move(address))
    { }
    ~FakeNotifyd() { stop(); }

    static QString program()
    {
        const QString fromEnv = qEnvironmentVariable("IDLEBELL_FAKE_NOTIFYD");
        return fromEnv.isEmpty() ? QStringLiteral(IDLEBELL_FAKE_NOTIFYD) : fromEnv;
    }

    bool start(const QStringList &capabilities, const QStringList &extraArgs = {})
    {
        m_log = m_dir.filePath(QStringLiteral("notifyd-%1.jsonl").arg(++m_starts));
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(program(),
                        QStringList{QStringLiteral("--address"), m_address, QStringLiteral("--log"), m_log,
                                    QStringLiteral("--capabilities"), capabilities.join(QLatin1Char(','))}
                            + extraArgs);
        if (!m_process.waitForStarted(StartTimeoutMs))
            return false;
        QElapsedTimer t;
        t.start();
        while (!m_process.canReadLine() && m_process.state() == QProcess::Running && t.elapsed() < StartTimeoutMs)
            m_process.waitForReadyRead(100);
        return m_process.readLine().trimmed() == "ready";
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }

    QList<QJsonObject> records(const QString &method = {}) const
    {
        QList<QJsonObject> out;
        QFile file(m_log);
        if (!file.open(QIODevice::ReadOnly))
            return out;
        while (!file.atEnd()) {
            const QJsonObject o = QJsonDocument::fromJson(file.readLine()).object();
            if (!o.isEmpty() && (method.isEmpty() || o.value(QStringLiteral("method")).toString() == method))
                out << o;
        }
        return out;
    }
    int count(const QString &method) const { return int(records(method).size()); }
    QList<QJsonObject> notifies() const { return records(QStringLiteral("Notify")); }
    QList<uint> closed() const
    {
        QList<uint> ids;
        for (const QJsonObject &o : records(QStringLiteral("CloseNotification")))
            ids << uint(o.value(QStringLiteral("id")).toInteger());
        return ids;
    }

    // Test control. Blocking calls: the daemon has handled everything this
    // connection sent before once they return.
    bool invokeAction(uint id, const QString &key) { return control(QStringLiteral("InvokeAction"), {id, key}); }
    bool close(uint id, uint reason) { return control(QStringLiteral("Close"), {id, reason}); }
    QList<uint> openIds()
    {
        const QDBusReply<QList<uint>> reply
            = m_bus.call(QDBusMessage::createMethodCall(NotificationsService, QStringLiteral("/org/idlebell/Test"),
                                                        QStringLiteral("org.idlebell.Test"), QStringLiteral("OpenIds")),
                         QDBus::Block, StartTimeoutMs);
        return reply.isValid() ? reply.value() : QList<uint>{};
    }
    void sync() { openIds(); }

private:
    bool control(const QString &method, const QVariantList &args)
    {
        QDBusMessage call = QDBusMessage::createMethodCall(NotificationsService, QStringLiteral("/org/idlebell/Test"),
                                                           QStringLiteral("org.idlebell.Test"), method);
        call.setArguments(args);
        const QDBusReply<bool> reply = m_bus.call(call, QDBus::Block, StartTimeoutMs);
        return reply.isValid() && reply.value();
    }

    QDBusConnection m_bus;
    QString m_address;
    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_log;
    int m_starts = 0;
};

inline QString jsonString(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

inline QStringList jsonStrings(const QJsonObject &o, const char *key)
{
    QStringList out;
    for (const QJsonValue &v : o.value(QLatin1String(key)).toArray())
        out << v.toString();
    return out;
}

} // namespace uitest
