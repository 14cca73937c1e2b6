#pragma once

#include "session/Transport.h"

#include <QPointer>

#include <chrono>

class QSslSocket;

namespace session {

// TCP keepalive on the socket itself: the kernel probes a quiet connection,
// so a half-open link is found without waking the app. Qt's KeepAliveOption
// alone keeps the OS default of two hours before the first probe.
struct KeepAlive
{
    std::chrono::seconds idle{60};
    std::chrono::seconds interval{15};
    int probes = 4;
};

// The real transport: QSslSocket, implicit TLS or STARTTLS, TLS 1.2 or
// later, the system CA store plus an optional extra CA file, host name
// verification, and an optional pinned certificate for self-hosted servers.
class SslTransport final : public Transport
{
    Q_OBJECT
public:
    explicit SslTransport(QObject *parent = nullptr);
    ~SslTransport() override;

    void setKeepAlive(const KeepAlive &keepAlive) { m_keepAlive = keepAlive; }

    void connectToHost(const QString &host, quint16 port, bool implicitTls, const TlsOptions &tls) override;
    void startTls() override;
    bool isEncrypted() const override;
    void write(const QByteArray &bytes) override;
    QByteArray readAll() override;
    qint64 bytesAvailable() const override;
    void close() override;
    void abort() override;
    QByteArray peerCertificateSha256() const override;

    // "ab:cd:..." for people.
    static QString formatFingerprint(const QByteArray &hex);

private:
    void resetSocket();
    void applyKeepAlive();
    void reportError(const TransportError &error);

    QSslSocket *m_socket = nullptr;
    KeepAlive m_keepAlive;
    TlsOptions m_tls;
    QString m_host;
    bool m_implicitTls = false;
    bool m_errorReported = false;
};

} // namespace session
