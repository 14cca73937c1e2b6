#pragma once

#include <QDBusConnection>
#include <QNetworkInformation>
#include <QObject>

namespace core {

// What the machine tells us that makes every open IMAP connection suspect:
// it woke from suspend, or the network came back. The app connects both
// signals to Monitor::reconnectAll().
//
// No polling, no timers: it only listens.
//  - resumed(): logind's org.freedesktop.login1.Manager.PrepareForSleep(bool)
//    on the system bus; false means the machine has just resumed.
//  - networkAvailable(): QNetworkInformation (a backend that supports
//    Reachability: NetworkManager, or GLib's network monitor); emitted when
//    reachability becomes Online from anything else. The first report of a
//    backend that started out Unknown is its initial state, not a change.
// Both are optional: without a system bus, logind, or a backend, it logs one
// line (category idlebell.core) and never emits the missing signal.
class SystemEvents : public QObject
{
    Q_OBJECT
public:
    enum class Network {
        Watch,  // load a QNetworkInformation backend and follow it
        Ignore, // no network watching (tests drive noteReachability())
    };

    // bus: where logind lives (the system bus; tests pass a private bus).
    explicit SystemEvents(const QDBusConnection &bus = QDBusConnection::systemBus(), Network network = Network::Watch,
                          QObject *parent = nullptr);
    ~SystemEvents() override;

    // True when the PrepareForSleep subscription is in place (a connected bus).
    bool watchesSleep() const { return m_watchesSleep; }
    // True when a reachability backend is followed.
    bool watchesNetwork() const { return m_watchesNetwork; }
    // Why something is not watched; empty when both are.
    QString limitations() const { return m_limitations; }

    // The backend's reachability changed (public so tests can drive the
    // transitions without a real backend).
    void noteReachability(QNetworkInformation::Reachability reachability);

Q_SIGNALS:
    void resumed();
    void networkAvailable();

private Q_SLOTS:
    void onPrepareForSleep(bool sleeping);

private:
    QDBusConnection m_bus;
    bool m_watchesSleep = false;
    bool m_watchesNetwork = false;
    QString m_limitations;
    QNetworkInformation::Reachability m_reachability = QNetworkInformation::Reachability::Unknown;
    bool m_reachabilityKnown = false; // a report other than Unknown was seen
};

} // namespace core
