#include "session/SslTransport.h"

#include "session/Logging.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalBlocker>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace session {

SslTransport::SslTransport(QObject *parent)
    : Transport(parent)
{ }

SslTransport::~SslTransport()
{
    if (m_socket) {
        QSignalBlocker block(m_socket);
        m_socket->abort();
    }
}

void SslTransport::resetSocket()
{
    if (m_socket) {
        QSignalBlocker block(m_socket);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    m_errorReported = false;
    m_socket = new QSslSocket(this);
    QSslSocket *socket = m_socket;

    connect(socket, &QSslSocket::connected, this, [this, socket] {
        if (socket != m_socket)
            return;
        applyKeepAlive();
        if (!m_implicitTls)
            Q_EMIT ready();
    });
    connect(socket, &QSslSocket::encrypted, this, [this, socket] {
        if (socket != m_socket)
            return;
        if (m_implicitTls)
            Q_EMIT ready();
        else
            Q_EMIT encrypted();
    });
    connect(socket, &QSslSocket::readyRead, this, [this, socket] {
        if (socket == m_socket)
            Q_EMIT readyRead();
    });
    connect(socket, &QSslSocket::disconnected, this, [this, socket] {
        if (socket == m_socket && !m_errorReported)
            Q_EMIT disconnected();
    });
    connect(socket, &QSslSocket::sslErrors, this, [this, socket](const QList<QSslError> &errors) {
        if (socket != m_socket)
            return;
        const QByteArray sha = peerCertificateSha256();
        if (!m_tls.pinnedSha256.isEmpty() && !sha.isEmpty() && sha == m_tls.pinnedSha256.toLower()) {
            // The user looked at this exact certificate and chose to trust it.
            qCInfo(lcSession) << "accepting pinned certificate" << formatFingerprint(sha) << "for" << m_host;
            socket->ignoreSslErrors(errors);
            return;
        }
        QStringList reasons;
        for (const QSslError &e : errors)
            reasons << e.errorString();
        reasons.removeDuplicates();
        TransportError error;
        error.kind = TransportError::Kind::Certificate;
        error.certificateSha256 = sha;
        if (!m_tls.pinnedSha256.isEmpty() && !sha.isEmpty())
            error.message = tr("The server's certificate changed: it is not the one pinned for this account (%1). "
                               "Certificate SHA-256 fingerprint: %2")
                                .arg(reasons.join(QStringLiteral("; ")), formatFingerprint(sha));
        else
            error.message = tr("The server's certificate is not trusted: %1. Certificate SHA-256 fingerprint: %2")
                                .arg(reasons.join(QStringLiteral("; ")), formatFingerprint(sha));
        reportError(error);
    });
    connect(socket, &QSslSocket::errorOccurred, this, [this, socket](QAbstractSocket::SocketError code) {
        if (socket != m_socket || m_errorReported)
            return;
        TransportError error;
        switch (code) {
        case QAbstractSocket::HostNotFoundError:
            error.kind = TransportError::Kind::HostNotFound;
            error.message = tr("The host name %1 could not be resolved").arg(m_host);
            break;
        case QAbstractSocket::ConnectionRefusedError:
            error.kind = TransportError::Kind::ConnectionRefused;
            error.message = tr("The connection to %1 was refused").arg(m_host);
            break;
        case QAbstractSocket::RemoteHostClosedError:
            return; // reported through disconnected()
        case QAbstractSocket::SslHandshakeFailedError:
        case QAbstractSocket::SslInternalError:
        case QAbstractSocket::SslInvalidUserDataError:
            error.kind = TransportError::Kind::Tls;
            error.message = tr("The TLS handshake with %1 failed: %2").arg(m_host, socket->errorString());
            break;
        default:
            error.kind = TransportError::Kind::Network;
            error.message = tr("Network error talking to %1: %2").arg(m_host, socket->errorString());
            break;
        }
        reportError(error);
    });
}

void SslTransport::reportError(const TransportError &error)
{
    if (m_errorReported)
        return;
    m_errorReported = true;
    if (m_socket) {
        QSignalBlocker block(m_socket);
        m_socket->abort();
    }
    Q_EMIT errorOccurred(error);
}

void SslTransport::connectToHost(const QString &host, quint16 port, bool implicitTls, const TlsOptions &tls)
{
    resetSocket();
    m_host = host;
    m_implicitTls = implicitTls;
    m_tls = tls;

    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setProtocol(QSsl::TlsV1_2OrLater);
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!tls.caFile.isEmpty()) {
        const QList<QSslCertificate> extra = QSslCertificate::fromPath(tls.caFile, QSsl::Pem);
        if (extra.isEmpty())
            qCWarning(lcSession) << "no certificate could be read from" << tls.caFile;
        QList<QSslCertificate> cas = config.caCertificates();
        cas += extra;
        config.setCaCertificates(cas);
    }
    m_socket->setSslConfiguration(config);
    m_socket->setPeerVerifyName(host);
    // The notifier's traffic is tiny and latency-bound.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (implicitTls)
        m_socket->connectToHostEncrypted(host, port);
    else
        m_socket->connectToHost(host, port);
}

void SslTransport::applyKeepAlive()
{
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    const qintptr fd = m_socket->socketDescriptor();
    if (fd < 0)
        return;
    const int on = 1;
    const int idle = int(m_keepAlive.idle.count());
    const int interval = int(m_keepAlive.interval.count());
    const int probes = m_keepAlive.probes;
    // After idle + interval * probes seconds without an answer the kernel
    // resets the connection; TCP_USER_TIMEOUT bounds unacknowledged writes
    // (DONE into a black hole) the same way.
    const unsigned userTimeoutMs = unsigned((idle + interval * probes) * 1000);
    if (::setsockopt(int(fd), SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on) != 0
        || ::setsockopt(int(fd), IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle) != 0
        || ::setsockopt(int(fd), IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval) != 0
        || ::setsockopt(int(fd), IPPROTO_TCP, TCP_KEEPCNT, &probes, sizeof probes) != 0
        || ::setsockopt(int(fd), IPPROTO_TCP, TCP_USER_TIMEOUT, &userTimeoutMs, sizeof userTimeoutMs) != 0)
        qCWarning(lcSession) << "could not set TCP keepalive options";
}

void SslTransport::startTls()
{
    if (m_socket)
        m_socket->startClientEncryption();
}

bool SslTransport::isEncrypted() const
{
    return m_socket && m_socket->isEncrypted();
}

void SslTransport::write(const QByteArray &bytes)
{
    if (m_socket)
        m_socket->write(bytes);
}

QByteArray SslTransport::readAll()
{
    return m_socket ? m_socket->readAll() : QByteArray();
}

qint64 SslTransport::bytesAvailable() const
{
    return m_socket ? m_socket->bytesAvailable() : 0;
}

void SslTransport::close()
{
    if (m_socket)
        m_socket->disconnectFromHost();
}

void SslTransport::abort()
{
    if (m_socket) {
        QSignalBlocker block(m_socket);
        m_socket->abort();
    }
}

QByteArray SslTransport::peerCertificateSha256() const
{
    if (!m_socket)
        return {};
    const QSslCertificate cert = m_socket->peerCertificate();
    if (cert.isNull())
        return {};
    return cert.digest(QCryptographicHash::Sha256).toHex();
}

QString SslTransport::formatFingerprint(const QByteArray &hex)
{
    QString out;
    for (qsizetype i = 0; i < hex.size(); i += 2) {
        if (!out.isEmpty())
            out += QLatin1Char(':');
        out += QString::fromLatin1(hex.mid(i, 2)).toUpper();
    }
    return out;
}

} // namespace session
