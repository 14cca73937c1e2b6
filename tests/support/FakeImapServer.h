#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QSslSocket;
class QTcpServer;

namespace testsupport {

// A scripted IMAP server on a real socket, for tests that need the real
// SslTransport (TLS, STARTTLS, certificates, TCP segmentation, slow and
// endless servers). It listens on 127.0.0.1, port 0, plaintext or implicit
// TLS; a plaintext connection can switch to TLS in the middle of its script
// (STARTTLS). Each accepted connection plays a C:/S: script from the
// server's side, with ScriptRunner's escapes (\r \n \t \\ \xHH, \c at the end
// of an S: line: no CRLF):
//
//   S: * OK [CAPABILITY IMAP4rev1 STARTTLS] hi   send this line (CRLF added) in one write()
//   S: A1 OK Begin TLS\r\n* OK injected\c        several responses in one write (one TCP segment)
//   C: A1 STARTTLS                               wait for the client's next line; it must be this
//   C: A2 LOGIN *                                '*' at the end matches any rest of the line
//   C: *                                         any line
//   X: pause 50                                  wait 50 ms (the next S: goes in a separate TCP segment)
//   X: await-hello                               wait until the client sent bytes (its TLS ClientHello)
//                                                without reading them
//   X: starttls                                  start the server side of the TLS handshake now
//   X: await-encrypted                           wait until the handshake is done
//   X: trickle 100 * OK slow                     send the line one byte every 100 ms
//   X: flood 209715200 * OK spam\r\n            send the text (no CRLF added) again and again, 200 MB
//                                                in all (or until the client goes), as fast as the
//                                                client reads; at most 1 MiB is ever queued
//   X: close                                     close after sending what is queued
//   X: abort                                     reset the connection
//   X: await-close                               wait until the client closed the connection
//   # comment; blank lines are ignored
//
// After its last step a connection stays open and keeps recording what the
// client sends. The n-th connection plays scripts[n]; connections beyond the
// list play nothing (they are accepted and recorded: a reconnect attempt).
//
// Every byte the client sends is recorded: before the server started TLS
// (beforeTls: what a network attacker would see in the clear) and after it
// (afterTls: decrypted). A connection reads the client's bytes only as its
// script consumes lines, so that a TLS ClientHello is never read as text
// while an "X: starttls" is still ahead; when none is ahead, everything is
// read and recorded as it arrives.
//
// Nothing here waits on its own: tests wait with bounded QTest::qWaitFor.
class FakeImapServer : public QObject
{
    Q_OBJECT
public:
    enum class Mode {
        Plain,       // plaintext (STARTTLS possible when a certificate is loaded)
        ImplicitTls, // the TLS handshake starts as soon as the client connects
    };

    struct Record
    {
        QByteArray beforeTls; // from the client, before the server started TLS
        QByteArray afterTls;  // from the client, decrypted
        bool tlsStarted = false;
        bool encrypted = false;    // the handshake finished
        bool clientClosed = false; // the connection ended (the client closed or reset it)
        QString socketError;       // the server socket's last error (handshake failure, ...)
        bool scriptDone = false;   // every step ran
        bool cutShort = false;     // the client left in the middle of a trickle or flood
        QString scriptError;       // why the script stopped early (mismatch, closed while waiting)
        qint64 bytesSent = 0;      // bytes the script wrote (before encryption)
        QByteArray all() const { return beforeTls + afterTls; }
    };

    explicit FakeImapServer(QObject *parent = nullptr);
    ~FakeImapServer() override;

    // The server's certificate and key (PEM files); needed for ImplicitTls
    // and "X: starttls". Optionally a chain (intermediate CAs) to send too.
    bool loadCertificate(const QString &certPath, const QString &keyPath, QString *error = nullptr);
    // The TLS configuration used for new connections (certificate and key
    // included once loaded); change protocols or backend options here.
    QSslConfiguration sslConfiguration() const { return m_ssl; }
    void setSslConfiguration(const QSslConfiguration &config) { m_ssl = config; }

    bool listen(Mode mode);
    QString host() const { return QStringLiteral("127.0.0.1"); }
    quint16 port() const;
    void close(); // stop listening and drop every connection

    void setScripts(const QStringList &scripts) { m_scripts = scripts; }
    void setScript(const QString &script) { m_scripts = QStringList{script}; }

    int connectionCount() const { return int(m_connections.size()); }
    Record record(int connection) const;
    // Every connection's bytes before TLS, concatenated.
    QByteArray allBeforeTls() const;
    QByteArray allReceived() const;
    // The first script error of any connection (empty when none).
    QString scriptError() const;

    // Bounded waits (they run the event loop).
    bool waitForConnections(int count, int timeoutMs);
    bool waitForScriptDone(int connection, int timeoutMs);
    bool waitForClientClosed(int connection, int timeoutMs);

    // Test certificates: runs tests/support/make-test-certs.sh into dir (see
    // there for the names: ca, leaf, leaf2, expired, notyet, wronghost,
    // selfsigned, unknownca; NAME.pem, NAME.key).
    static bool makeTestCertificates(const QString &dir, QString *error = nullptr);
    // The lowercase hex SHA-256 of a PEM certificate's DER (what a user pins).
    static QByteArray sha256Of(const QString &pemPath);
    // "line1\nline2...": a script from lines (no raw string literals needed).
    static QString script(const QStringList &lines) { return lines.join(QLatin1Char('\n')); }

Q_SIGNALS:
    void connectionAccepted(int connection);

private:
    struct Connection;
    class Listener;

    void accept(qintptr descriptor);
    void run(Connection &c);
    bool step(Connection &c); // false: waiting
    void fail(Connection &c, const QString &why);
    bool readsAhead(const Connection &c) const; // a step ahead reads from the client
    void drain(Connection &c);
    void recordBytes(Connection &c, const QByteArray &bytes);
    void send(Connection &c, const QByteArray &bytes);
    void pumpFlood(Connection &c);
    void onReadyRead(Connection &c);
    void onDisconnected(Connection &c);
    Connection *find(QSslSocket *socket);

    Listener *m_listener = nullptr;
    Mode m_mode = Mode::Plain;
    QSslConfiguration m_ssl;
    bool m_haveCertificate = false;
    QStringList m_scripts;
    std::vector<std::unique_ptr<Connection>> m_connections;
};

} // namespace testsupport
