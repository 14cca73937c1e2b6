#pragma once

#include "imap/Types.h"
#include "session/SessionTypes.h"

#include <QDBusConnection>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <chrono>
#include <map>
#include <memory>

class QDBusPendingCallWatcher;
class QDBusServiceWatcher;
class QSystemTrayIcon;

namespace session {
class Clock;
class Timer;
} // namespace session

namespace ui {

// Desktop notifications for new mail, over org.freedesktop.Notifications
// (Desktop Notifications Specification 1.2) on a D-Bus connection.
//
// - One notification per new message: summary = sender, body = subject.
// - A burst becomes one grouped notification ("5 new messages in Work"):
//   more than groupThreshold() messages for one account, in one call or in
//   calls less than groupWindow() apart (the window slides with each call).
//   The window never delays anything: the first notifications show at once,
//   and when the burst grows past the threshold the oldest is replaced
//   (replaces_id) by the group, the others are closed, and later arrivals
//   update the group. A call with omitted > 0 is always a group (the omitted
//   messages add to its count). A message reported twice is shown once.
// - withdraw() closes (or, for a group, shrinks) notifications of messages
//   that were read or deleted elsewhere. A group whose listed messages are
//   all withdrawn is closed even if it counted omitted ones; a group left
//   with one message shows that message's sender and subject again.
// - Actions ("default" = Open, "mark-read" = Mark as read) when the server
//   lists the "actions" capability; body markup is escaped when it lists
//   "body-markup". Capabilities are asked once, asynchronously, and again
//   whenever the service's owner changes.
// - Every D-Bus call is asynchronous. A withdraw() that comes before the
//   server returned the notification's id closes it when the id arrives.
// - Without a notification service (or without a bus) messages go to
//   QSystemTrayIcon::showMessage on the fallback tray icon, if one is set.
//
// Sender and subject are always sanitised (see Sanitize.h) and capped
// (summary 120, body 300 characters).
class Notifier : public QObject
{
    Q_OBJECT
public:
    enum class ServiceState {
        Unknown,     // not asked yet, or the owner went away
        Querying,    // GetCapabilities in flight; notifications wait for it
        Available,   // capabilities known
        Unavailable, // no service (or no bus): fallback
    };
    Q_ENUM(ServiceState)

    // Uses the session bus.
    explicit Notifier(QObject *parent = nullptr);
    // clock drives the grouping window (tests pass a manual one); null means
    // the system clock.
    explicit Notifier(const QDBusConnection &bus, session::Clock *clock = nullptr, QObject *parent = nullptr);
    ~Notifier() override;

    void showNewMail(const QString &accountId, const QString &accountName,
                     const QList<session::MessageSummary> &messages, int omitted);
    void withdraw(const QString &accountId, const QString &mailbox, const QList<imap::Uid> &uids);

    // Privacy: "New message" (or "5 new messages") with the account name as
    // the body, no sender or subject. Applies to what is shown from now on,
    // including updates of a group already shown.
    void setHideContent(bool hide);
    bool hideContent() const { return m_hideContent; }
    // Disabled: new mail shows nothing (and is not shown later either);
    // notifications already shown stay, and withdraw() still closes them.
    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }
    void setGroupThreshold(int messages); // default 3: more than this is a group
    int groupThreshold() const { return m_groupThreshold; }
    void setGroupWindow(std::chrono::milliseconds window); // default 2 s; 0 disables grouping across calls
    std::chrono::milliseconds groupWindow() const { return m_groupWindow; }
    // Used when there is no notification service; may be null. Not owned.
    void setFallbackTrayIcon(QSystemTrayIcon *tray);

    ServiceState serviceState() const { return m_state; }
    QStringList capabilities() const { return m_capabilities; }
    // How many notifications are currently shown (or about to be).
    int activeCount() const { return int(m_entries.size()); }

    static QString serviceName();   // org.freedesktop.Notifications
    static QString objectPath();    // /org/freedesktop/Notifications
    static QString interfaceName(); // org.freedesktop.Notifications

Q_SIGNALS:
    void openRequested(const QString &accountId);
    // Once per mailbox (and UIDVALIDITY) of the notification's messages.
    void markReadRequested(const QString &accountId, const QString &mailbox, quint32 uidValidity,
                           const QList<imap::Uid> &uids);
    // Capabilities arrived (Available) or the service is gone (Unavailable).
    void serviceStateChanged(ui::Notifier::ServiceState state);
    // A notification went to the fallback path (tray balloon, or nowhere when
    // no tray icon is set: trayShown says which).
    void fallbackShown(const QString &accountId, const QString &summary, const QString &body, bool trayShown);

private:
    struct Entry;
    struct EarlySignal
    {
        quint32 id = 0;
        bool closed = false; // NotificationClosed, else ActionInvoked
        QString actionKey;
        uint reason = 0;
    };

    void queryCapabilities();
    void onCapabilities(QDBusPendingCallWatcher *watcher);
    void onServiceOwnerChanged(const QString &service, const QString &oldOwner, const QString &newOwner);
    void setState(ServiceState state);
    void forgetServerIds();

    quint64 addEntry(const QString &accountId, const QString &accountName, bool grouped);
    Entry *entry(quint64 key);
    void removeEntry(quint64 key);
    void flush(quint64 key);
    void flushAll();
    void sendNotify(Entry &e);
    void sendClose(quint32 id);
    void onNotifyReply(quint64 key, QDBusPendingCallWatcher *watcher);
    bool keepEarly(const EarlySignal &signal);
    void showFallback(const Entry &e);
    void restartWindow(const QString &accountId);
    void windowExpired(const QString &accountId);

    QString summaryFor(const Entry &e) const;
    QString bodyFor(const Entry &e) const;
    QString senderOf(const session::MessageSummary &m) const;
    QString subjectOf(const session::MessageSummary &m) const;

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &actionKey);
    void onNotificationClosed(uint id, uint reason);

private:
    QDBusConnection m_bus;
    session::Clock *m_clock;
    QDBusServiceWatcher *m_watcher = nullptr;
    QPointer<QSystemTrayIcon> m_tray;
    QString m_lastFallbackAccount;
    bool m_loggedNoFallback = false;

    ServiceState m_state = ServiceState::Unknown;
    QStringList m_capabilities;
    quint64 m_capabilitiesGeneration = 0; // ignores replies from an earlier owner

    bool m_enabled = true;
    bool m_hideContent = false;
    int m_groupThreshold = 3;
    std::chrono::milliseconds m_groupWindow{2000};

    quint64 m_nextKey = 1;
    std::map<quint64, std::unique_ptr<Entry>> m_entries; // by our key, in creation order
    QHash<quint32, quint64> m_keyById;                   // server id -> key
    int m_notifiesInFlight = 0;
    QList<EarlySignal> m_early;                 // signals for ids not known yet, while Notify replies are outstanding
    QHash<QString, session::Timer *> m_windows; // grouping window per account id; children
};

} // namespace ui
