#pragma once

#include "support/PrivateBus.h"

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <memory>

class QTemporaryDir;

namespace testsupport {

// A real Secret Service for one test program: a private dbus-daemon and a
// gnome-keyring-daemon (secrets component only) on it, with a "login"
// keyring that is created and unlocked at start. Nothing of the developer's
// session is touched: HOME and the XDG directories point into a temp dir.
// Needs the packages dbus-daemon, dbus-bin (dbus-send), gnome-keyring and
// libsecret-tools (secret-tool); only QtCore (the bus is queried with
// dbus-send, so the support library needs no QtDBus).
//
// start() must run before anything in the process touches D-Bus, QtKeychain
// or libsecret (initTestCase): it sets, for the whole process,
//   HOME, XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_RUNTIME_DIR
//   DBUS_SESSION_BUS_ADDRESS  -> the private bus
// and unsets the variables that make QtKeychain prefer KWallet
// (XDG_CURRENT_DESKTOP, DESKTOP_SESSION, KDE_FULL_SESSION, ...), so it uses
// libsecret. The environment is never restored: GDBus (libsecret) keeps its
// session bus connection for the life of the process, and a later connection
// must not reach the real session bus either.
//
// The recipe (gnome-keyring 42.1, Debian 12), found by experiment:
//   dbus-daemon --config-file=BUS.conf --nofork --print-address=1
//       (PrivateBus: the config listens in the temp dir, allows everything,
//       and has no <servicedir>: nothing is activated, so no prompter, no
//       real keyring)
//   printf %s PASSWORD | gnome-keyring-daemon --foreground --unlock --components=secrets
//       with XDG_DATA_HOME and XDG_RUNTIME_DIR (mode 0700) set as above.
//       When $XDG_DATA_HOME/keyrings/login.keyring does not exist, --unlock
//       creates it, encrypted with PASSWORD, unlocked, and points the
//       "default" alias at it (/org/freedesktop/secrets/collection/login):
//       no CreateCollection call and no prompt are needed. When it exists,
//       --unlock unlocks it with the same PASSWORD (a restart keeps items).
//   Ready when ReadAlias("default") names a collection whose Locked property
//   is false (checked, not assumed from the bus name having an owner).
// Without --unlock the daemon has only the "session" collection, the default
// alias is "/", and a write fails with "Object does not exist at path
// .../collection/login" (creating it would need org.gnome.keyring.SystemPrompter).
//
// Both children get PR_SET_PDEATHSIG (SIGTERM): if the test program dies
// (crash, CTest timeout), they end with it. stop() (and the destructor) end
// them with SIGTERM, then SIGKILL, and reap them: no zombies. The temp dir
// (keyring files included) is removed by the destructor.
class SecretServiceFixture
{
public:
    struct ProcessResult
    {
        int exitCode = -1; // -1: did not start, crashed or timed out
        QByteArray output;
        QByteArray errorOutput;
        QString error;
        bool ok() const { return exitCode == 0; }
        QString describe() const;
    };

    SecretServiceFixture();
    ~SecretServiceFixture();
    SecretServiceFixture(const SecretServiceFixture &) = delete;
    SecretServiceFixture &operator=(const SecretServiceFixture &) = delete;

    // Temp dirs, environment, bus and keyring. False, with errorString(), on failure.
    bool start();
    // Only the temp dirs, environment and the bus: no Secret Service on it.
    bool startBusOnly();
    // gnome-keyring-daemon on the running bus; waits until the login
    // collection is the default one and unlocked.
    bool startKeyring();
    // Ends gnome-keyring-daemon; waits until org.freedesktop.secrets has no owner.
    bool stopKeyring();
    // Everything: keyring, then bus. Safe to call twice.
    void stop();

    bool keyringRunning() const;
    QString errorString() const { return m_error; }
    QString busAddress() const { return m_bus.address(); }
    QString dataHome() const; // $XDG_DATA_HOME; keyrings are in dataHome()/keyrings
    QByteArray keyringPassword() const { return m_keyringPassword; }
    // What gnome-keyring-daemon printed so far (all its runs).
    QByteArray keyringLog();

    // Whether a name has an owner on the private bus.
    bool nameHasOwner(const QString &name);

    // Runs secret-tool with ARGS on the private bus. INPUT, if not empty, is
    // written to its stdin (for "store"). Bounded: killed after timeoutMs.
    ProcessResult secretTool(const QStringList &args, const QByteArray &input = QByteArray(), int timeoutMs = 15000);
    // dbus-send --session --print-reply=literal ARGS on the private bus.
    ProcessResult dbusSend(const QStringList &args, int timeoutMs = 5000);

    // The environment children get (the private bus, the temp HOME).
    QProcessEnvironment environment() const { return m_env; }

private:
    bool makeEnvironment();
    bool defaultCollectionUnlocked(QString *why);
    ProcessResult run(const QString &program, const QStringList &args, const QByteArray &input, int timeoutMs);
    void configureChild(QProcess &process) const;
    bool fail(const QString &message);

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcessEnvironment m_env;
    PrivateBus m_bus;
    QProcess m_keyring;
    QByteArray m_keyringPassword;
    QByteArray m_keyringLog;
    QString m_error;
};

} // namespace testsupport
