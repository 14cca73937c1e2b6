#pragma once

#include <QDBusConnection>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace testsupport {

inline const QString NotificationsService = QStringLiteral("org.freedesktop.Notifications");

// fake-notifyd (tests/support/fake-notifyd) on a private bus (PrivateBus), and
// its log: every call the app made to org.freedesktop.Notifications, as JSON
// lines. `bus` is the test's own connection to that bus, for the control
// calls (org.idlebell.Test).
//
// The program is IDLEBELL_FAKE_NOTIFYD from the environment (CTest sets it
// for the tests that use it), else the fake-notifyd of this build.
class FakeNotifyd
{
public:
    static constexpr int StartTimeoutMs = 10000;

    FakeNotifyd(QDBusConnection bus, QString address);
    ~FakeNotifyd();
    FakeNotifyd(const FakeNotifyd &) = delete;
    FakeNotifyd &operator=(const FakeNotifyd &) = delete;

    static QString program();

    // Starts the daemon with these capabilities and waits until it owns the
    // name (it prints "ready"). Each start writes a log of its own.
    bool start(const QStringList &capabilities, const QStringList &extraArgs = {});
    void stop();

    // The log: all records, or those of one method ("Notify", ...).
    QList<QJsonObject> records(const QString &method = {}) const;
    int count(const QString &method) const { return int(records(method).size()); }
    QList<QJsonObject> notifies() const { return records(QStringLiteral("Notify")); }
    // The ids of the CloseNotification calls, in order.
    QList<uint> closed() const;

    // Test control. Blocking calls: the daemon has handled everything this
    // connection sent before once they return.
    bool invokeAction(uint id, const QString &key) { return control(QStringLiteral("InvokeAction"), {id, key}); }
    bool close(uint id, uint reason) { return control(QStringLiteral("Close"), {id, reason}); }
    QList<uint> openIds();
    void sync() { openIds(); }

private:
    bool control(const QString &method, const QVariantList &args);

    QDBusConnection m_bus;
    QString m_address;
    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_log;
    int m_starts = 0;
};

// Fields of a log record.
QString jsonString(const QJsonObject &o, const char *key);
uint jsonUint(const QJsonObject &o, const char *key);
QStringList jsonStrings(const QJsonObject &o, const char *key);

} // namespace testsupport
