#pragma once

#include <QDBusConnection>
#include <QDBusContext>
#include <QFile>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace fakenotifyd {

struct Options
{
    QStringList capabilities;
    QString serverName = QStringLiteral("fake-notifyd");
    int replyDelayMs = 0; // Notify answers this late (0: at once)
    int expireMs = 0;     // close every notification after this long with reason 1 (0: never)
    bool closeOnAction = false;
};

// Appends one compact JSON object per line, flushed at once, so a test can
// read the file while the daemon runs.
class Log
{
public:
    bool open(const QString &path);
    void write(const QJsonObject &record);

private:
    QFile m_file;
};

// org.freedesktop.Notifications (Desktop Notifications Specification 1.2) at
// /org/freedesktop/Notifications.
class Notifications : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    Notifications(const Options &options, Log *log, QObject *parent = nullptr);

    // For the test control interface. False when id is not open.
    bool invokeAction(uint id, const QString &actionKey);
    bool close(uint id, uint reason);
    QList<uint> openIds() const;
    void setCapabilities(const QStringList &capabilities) { m_options.capabilities = capabilities; }
    void setReplyDelay(int ms) { m_options.replyDelayMs = ms; }

public Q_SLOTS:
    QStringList GetCapabilities();
    uint Notify(const QString &app_name, uint replaces_id, const QString &app_icon, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int expire_timeout);
    void CloseNotification(uint id);
    QString GetServerInformation(QString &vendor, QString &version, QString &spec_version);

Q_SIGNALS:
    void NotificationClosed(uint id, uint reason);
    void ActionInvoked(uint id, const QString &action_key);

private:
    Options m_options;
    Log *m_log;
    uint m_lastId = 0;
    QSet<uint> m_open;
};

// org.idlebell.Test at /org/idlebell/Test: what a test needs to drive the
// daemon like a person would.
class TestControl : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.idlebell.Test")
public:
    explicit TestControl(Notifications *notifications, QObject *parent = nullptr);

public Q_SLOTS:
    // Emits ActionInvoked(id, key). False if id is not open.
    bool InvokeAction(uint id, const QString &key);
    // Closes id and emits NotificationClosed(id, reason): 1 expired, 2 dismissed
    // by the user, 3 closed by CloseNotification, 4 undefined.
    bool Close(uint id, uint reason);
    // The ids currently shown.
    QList<uint> OpenIds();
    void SetCapabilities(const QStringList &capabilities);
    void SetReplyDelay(int ms);

private:
    Notifications *m_notifications;
};

} // namespace fakenotifyd
