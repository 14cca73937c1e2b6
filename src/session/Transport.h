#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

namespace session {

// TLS settings of one account.
struct TlsOptions
{
    QString caFile;          // extra CA certificate(s) (PEM) to trust besides the system store
    QByteArray pinnedSha256; // hex, lower case, no separators; accept a certificate that fails
                             // validation only if its SHA-256 is exactly this
};

struct TransportError
{
    enum class Kind {
        HostNotFound,
        ConnectionRefused,
        RemoteClosed,
        Network,     // reset, unreachable, other socket errors
        Tls,         // handshake failed (protocol, cipher, ...)
        Certificate, // the peer certificate was not accepted
    };
    Kind kind = Kind::Network;
    QString message;              // human readable, names the reason
    QByteArray certificateSha256; // Certificate: the peer certificate's SHA-256 (hex), for pinning
};

// A byte pipe to an IMAP server: plaintext, implicit TLS, or plaintext that
// is upgraded with startTls(). Real one: SslTransport (QSslSocket). Tests use
// a scripted in-process fake. A transport can be connected again after it
// was disconnected or aborted.
class Transport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Transport() override = default;

    // Connect; with implicitTls the handshake runs first. Emits ready() when
    // IMAP bytes can flow, or errorOccurred().
    virtual void connectToHost(const QString &host, quint16 port, bool implicitTls, const TlsOptions &tls) = 0;
    // Start the TLS handshake on a plaintext connection (after STARTTLS's OK).
    // Emits encrypted() or errorOccurred(). Anything the peer sent before
    // must have been read and discarded by the caller already.
    virtual void startTls() = 0;
    virtual bool isEncrypted() const = 0;
    virtual void write(const QByteArray &bytes) = 0;
    virtual QByteArray readAll() = 0;
    virtual qint64 bytesAvailable() const = 0;
    // Send what is queued, then close (after LOGOUT). May emit disconnected().
    virtual void close() = 0;
    // Drop the connection now, without further signals.
    virtual void abort() = 0;
    // SHA-256 (hex) of the peer certificate, empty before TLS.
    virtual QByteArray peerCertificateSha256() const = 0;

Q_SIGNALS:
    void ready();
    void encrypted();
    void readyRead();
    void disconnected(); // the peer closed or the connection broke
    void errorOccurred(const session::TransportError &error);
};

} // namespace session

Q_DECLARE_METATYPE(session::TransportError)
