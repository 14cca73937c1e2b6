#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>

#include <memory>

class QTemporaryDir;

namespace testsupport {

// A private dbus-daemon for one test program. Its config (bus.conf) listens
// in a directory of its own, allows everything (eavesdropping included) and
// names no service directory: nothing is ever activated, so no real
// notification daemon, keyring or logind appears on it.
//
//   PrivateBus bus;                       // or PrivateBus bus(PrivateBus::Type::System)
//   QVERIFY2(bus.start(), qPrintable(bus.errorString()));
//   QDBusConnection::connectToBus(bus.address(), QStringLiteral("test"));
//
// start() runs `dbus-daemon --config-file=DIR/bus.conf --nofork
// --print-address=1` and waits for the address it prints; the daemon's stderr
// goes to DIR/dbus-daemon.log (as root it only says it could not raise its fd
// limit) and is quoted in errorString() when no address came. The daemon gets
// PR_SET_PDEATHSIG (SIGTERM): if the test program dies (crash, CTest timeout),
// the daemon ends with it. stop() (and the destructor) end it with SIGTERM,
// then SIGKILL, and reap it. Needs the package dbus-daemon; only QtCore.
class PrivateBus
{
public:
    // The <type> of the bus (what a client that asks the daemon is told).
    enum class Type { Session, System };
    static constexpr int DefaultStartTimeoutMs = 10000;

    explicit PrivateBus(Type type = Type::Session);
    ~PrivateBus();
    PrivateBus(const PrivateBus &) = delete;
    PrivateBus &operator=(const PrivateBus &) = delete;

    // Where bus.conf, the log and the socket go (it must exist; keep the path
    // short: unix socket paths are limited to 108 bytes). Without it, a
    // temporary directory of its own, removed by the destructor.
    void setDirectory(const QString &directory) { m_directory = directory; }
    // The daemon's environment (default: this process's).
    void setProcessEnvironment(const QProcessEnvironment &environment) { m_environment = environment; }

    // Starts the daemon and waits (at most timeoutMs for each step) for its
    // address. False, with errorString(), on failure.
    bool start(int timeoutMs = DefaultStartTimeoutMs);
    // Ends and reaps the daemon. Safe to call twice.
    void stop();

    bool isRunning() const { return m_daemon.state() != QProcess::NotRunning; }
    // The address to connect to ("unix:path=...,guid=..."); empty before start().
    QString address() const { return m_address; }
    QString errorString() const { return m_error; }

    // The config the daemon runs with: type, a listener in listenDirectory,
    // EXTERNAL auth, a policy that allows everything, no <servicedir>.
    static QByteArray config(Type type, const QString &listenDirectory);

private:
    bool fail(const QString &message);

    Type m_type;
    QString m_directory;
    std::unique_ptr<QTemporaryDir> m_ownDirectory;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
    QProcess m_daemon;
    QString m_address;
    QString m_error;
};

} // namespace testsupport
