#include "ui/SingleInstance.h"

#include "ui/Logging.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QThread>

#include <unistd.h>

namespace ui {

namespace {

constexpr qsizetype MaxLineLength = 256;
constexpr int RetryConnectMs = 100;
const QByteArray OkReply = "ok";
const QByteArray UnknownReply = "unknown";

std::optional<SingleInstance::Request> requestFromName(const QByteArray &name)
{
    if (name == "open-settings")
        return SingleInstance::Request::OpenSettings;
    if (name == "check-now")
        return SingleInstance::Request::CheckNow;
    return std::nullopt;
}

} // namespace

SingleInstance::SingleInstance(QString serverName, QObject *parent)
    : QObject(parent)
    , m_serverName(std::move(serverName))
{ }

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close(); // removes the socket file
}

QString SingleInstance::serverNameFor(const QString &configPath)
{
    const QString absolute = QDir::cleanPath(QFileInfo(configPath).absoluteFilePath());
    const QByteArray hash = QCryptographicHash::hash(absolute.toUtf8(), QCryptographicHash::Sha256).toHex().left(12);
    const QString name = QStringLiteral("idlebell-%1-%2").arg(::getuid()).arg(QString::fromLatin1(hash));
    // A per-user directory nobody else can write to, when the session has one.
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty() && QDir::isAbsolutePath(runtime) && QFileInfo(runtime).isDir())
        return QDir(runtime).filePath(name);
    return name;
}

QString SingleInstance::requestName(Request request)
{
    switch (request) {
    case Request::OpenSettings:
        return QStringLiteral("open-settings");
    case Request::CheckNow:
        return QStringLiteral("check-now");
    }
    return {};
}

QString SingleInstance::socketPath() const
{
    if (QDir::isAbsolutePath(m_serverName))
        return m_serverName;
    return QDir(QDir::tempPath()).filePath(m_serverName);
}

SingleInstance::Role SingleInstance::start()
{
    if (m_started)
        return m_role;
    m_started = true;

    m_lock = std::make_unique<QLockFile>(socketPath() + QStringLiteral(".lock"));
    // Only a dead owner makes the lock stale, never its age: the primary
    // holds it for as long as it runs.
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        if (m_lock->error() == QLockFile::LockFailedError) {
            m_role = Role::Secondary;
            return m_role;
        }
        m_error = tr("Cannot create the lock file %1.").arg(m_lock->fileName());
        m_lock.reset();
        m_role = Role::Failed;
        return m_role;
    }

    // We hold the lock: a socket file there is a crashed primary's.
    QLocalServer::removeServer(m_serverName);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_serverName)) {
        m_error = tr("Cannot listen on %1: %2").arg(socketPath(), m_server->errorString());
        delete m_server;
        m_server = nullptr;
        m_lock->unlock();
        m_lock.reset();
        m_role = Role::Failed;
        return m_role;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    qCDebug(lcUi).noquote() << "single instance: listening on" << m_server->fullServerName();
    m_role = Role::Primary;
    return m_role;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void SingleInstance::onReadyRead(QLocalSocket *socket)
{
    while (socket->canReadLine()) {
        const QByteArray line = socket->readLine(MaxLineLength + 2).trimmed();
        if (line.isEmpty())
            continue;
        const auto request = requestFromName(line);
        socket->write((request ? OkReply : UnknownReply) + '\n');
        socket->flush();
        if (request) {
            qCInfo(lcUi).noquote() << "another launch asked for" << requestName(*request);
            Q_EMIT requestReceived(*request);
        } else {
            qCInfo(lcUi) << "another launch sent an unknown request; ignored";
        }
    }
    if (socket->bytesAvailable() > MaxLineLength) {
        qCWarning(lcUi) << "single instance: a client sent an over-long line; disconnecting it";
        socket->abort();
    }
}

bool SingleInstance::send(const QList<Request> &requests, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QLocalSocket socket;
    // The primary may hold the lock but not listen yet (it is starting).
    for (;;) {
        socket.connectToServer(m_serverName);
        if (socket.waitForConnected(int(std::max<qint64>(1, deadline.remainingTime()))))
            break;
        if (deadline.hasExpired()) {
            m_error = tr("Another Idlebell is running but does not answer (%1).").arg(socket.errorString());
            return false;
        }
        socket.abort();
        QThread::msleep(std::min<qint64>(RetryConnectMs, std::max<qint64>(1, deadline.remainingTime())));
    }

    QByteArray out;
    for (Request r : requests)
        out += requestName(r).toLatin1() + '\n';
    socket.write(out);
    if (!socket.waitForBytesWritten(int(std::max<qint64>(1, deadline.remainingTime())))) {
        m_error = tr("Could not reach the running Idlebell: %1").arg(socket.errorString());
        return false;
    }
    int answered = 0;
    while (answered < requests.size()) {
        while (answered < requests.size() && socket.canReadLine()) {
            const QByteArray reply = socket.readLine(MaxLineLength).trimmed();
            if (reply != OkReply) {
                m_error = tr("The running Idlebell did not understand the request.");
                return false;
            }
            ++answered;
        }
        if (answered == requests.size())
            break;
        if (deadline.hasExpired() || !socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())))) {
            m_error = tr("The running Idlebell did not answer in time.");
            return false;
        }
    }
    socket.disconnectFromServer();
    return true;
}

} // namespace ui
