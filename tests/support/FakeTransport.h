#pragma once

#include "session/Transport.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace testsupport {

// An in-process Transport driven by the test: what the client writes is
// recorded; what the "server" sends is delivered synchronously through
// readyRead(). Nothing touches a socket or the event loop.
class FakeTransport final : public session::Transport
{
    Q_OBJECT
public:
    explicit FakeTransport(QObject *parent = nullptr);

    // --- Transport ---
    void connectToHost(const QString &host, quint16 port, bool implicitTls, const session::TlsOptions &tls) override;
    void startTls() override;
    bool isEncrypted() const override { return m_encrypted; }
    void write(const QByteArray &bytes) override;
    QByteArray readAll() override;
    qint64 bytesAvailable() const override { return m_incoming.size(); }
    void close() override;
    void abort() override;
    QByteArray peerCertificateSha256() const override { return m_encrypted ? m_certSha256 : QByteArray(); }

    // --- the test's side ---
    bool isConnecting() const { return m_connecting; }
    bool isOpen() const { return m_open; }
    bool tlsRequested() const { return m_tlsRequested; }
    // Finish the pending connect (and implicit TLS): emits ready().
    void accept();
    // Fail the pending connect or drop an open connection with this error.
    void failWith(const session::TransportError &error);
    // Finish a STARTTLS handshake: emits encrypted().
    void completeTls();
    // The server sends bytes; delivered at once.
    void serverSend(const QByteArray &bytes);
    // The server closes the connection: emits disconnected().
    void serverClose();

    // Everything the client wrote since the last takeWritten().
    QByteArray takeWritten();
    QByteArray written() const { return m_written; }
    // Every byte the client ever wrote while the connection was NOT encrypted.
    QByteArray plaintextWritten() const { return m_plaintext; }
    int connectCount() const { return m_connectCount; }
    QString lastHost() const { return m_host; }
    quint16 lastPort() const { return m_port; }
    bool lastImplicitTls() const { return m_implicitTls; }
    void setCertificateSha256(const QByteArray &sha) { m_certSha256 = sha; }
    // Deliver data automatically when the client connects (greeting).
    void setAutoAccept(bool on) { m_autoAccept = on; }

private:
    QByteArray m_incoming;
    QByteArray m_written;
    QByteArray m_plaintext;
    QByteArray m_certSha256 = "00";
    QString m_host;
    quint16 m_port = 0;
    bool m_implicitTls = false;
    bool m_connecting = false;
    bool m_open = false;
    bool m_encrypted = false;
    bool m_tlsRequested = false;
    bool m_autoAccept = false;
    int m_connectCount = 0;
};

} // namespace testsupport
