#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QLocalServer;
class QLocalSocket;
class QLockFile;

namespace ui {

// One desktop instance per user and settings file. The first one to start
// (the primary) holds a lock file and listens on a local socket; a later
// launch with the same settings file (a secondary) finds the lock taken,
// connects, hands over what it was asked to do, waits for the answer and
// exits. Several instances with different --config files run side by side;
// headless mode does not use this at all.
//
// The socket is "idlebell-<uid>-<hash>" (the hash: the first 12 hex digits
// of the SHA-256 of the absolute settings path) in $XDG_RUNTIME_DIR, or in
// QDir::tempPath() without one; only this user may connect. The lock file
// (QLockFile, the same path + ".lock") decides who is primary, so two
// launches at the same moment cannot both become it. After a crash the lock
// file names a dead process and the socket file is left behind: the next
// primary takes the lock over, removes the stale socket and listens again.
//
// Protocol: the secondary sends one request per line ("open-settings",
// "check-now"); the primary answers every line with "ok" (or "unknown" for a
// request it does not know, so newer and older versions can talk).
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    enum class Request {
        OpenSettings, // --settings, or a plain second launch
        CheckNow,     // --check-now
    };
    Q_ENUM(Request)

    enum class Role {
        Primary,   // this process is the instance; requests arrive as requestReceived()
        Secondary, // another instance is running: send() to it
        Failed,    // neither could be set up (errorString()); run without single-instance
    };
    Q_ENUM(Role)

    static constexpr int DefaultSendTimeoutMs = 5000;

    // serverName: serverNameFor(configPath) in the app; tests pass a name
    // (or an absolute socket path) of their own.
    explicit SingleInstance(QString serverName, QObject *parent = nullptr);
    ~SingleInstance() override;

    static QString serverNameFor(const QString &configPath);
    static QString requestName(Request request); // "open-settings", "check-now"

    QString serverName() const { return m_serverName; }
    // The socket's path.
    QString socketPath() const;
    QString errorString() const { return m_error; }
    Role role() const { return m_role; }

    // Decides the role (once; later calls return the first answer).
    Role start();

    // Secondary: delivers requests to the primary, blocking until it
    // acknowledged all of them or timeoutMs passed (the primary may still be
    // starting up: connecting is retried within that time). False with
    // errorString() set on failure.
    bool send(const QList<Request> &requests, int timeoutMs = DefaultSendTimeoutMs);

Q_SIGNALS:
    void requestReceived(ui::SingleInstance::Request request);

private:
    void onNewConnection();
    void onReadyRead(QLocalSocket *socket);

    QString m_serverName;
    QString m_error;
    Role m_role = Role::Failed;
    bool m_started = false;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer *m_server = nullptr;
};

} // namespace ui
