#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>

#include <memory>
#include <optional>

class QSslSocket;

namespace testsupport {

class DovecotFixture;

// A small synchronous IMAP client for tests: it puts mail into place and checks what the
// server holds. It blocks (bounded by a timeout, 10 s by default), needs no event loop,
// and on purpose shares no code with src/imap: it is the independent oracle. It reads
// lines and literals ({N} / {N+}) and understands little more than tagged status lines,
// response codes and SEARCH.
//
//   TestImapClient c;
//   QVERIFY2(c.connectTo(*m_dovecot, TestImapClient::Security::Tls), qPrintable(c.lastError()));
//   QVERIFY(c.login(m_dovecot->userName(1), m_dovecot->password(1)).ok());
//   auto uid = c.append("INBOX", TestImapClient::makeMessage("A <a@example.org>", "Hi", "Body"));
class TestImapClient
{
public:
    enum class Security {
        Tls,      // implicit TLS from the first byte
        StartTls, // plaintext greeting, then STARTTLS before anything else
        None,     // plaintext throughout
    };

    struct Response
    {
        QByteArray tag;
        QByteArray status;          // "OK", "NO" or "BAD"; empty if no tagged reply came (see error)
        QByteArray text;            // what follows the status, e.g. "[APPENDUID 7 3] Append completed."
        QList<QByteArray> untagged; // "* ..." lines, literals inline, no final CRLF
        QList<QByteArray> lines;    // everything received for the command, tagged line last
        QString error;              // transport problem or timeout, when status is empty
        bool ok() const { return status == "OK"; }
        // "APPENDUID 7 3" for text "[APPENDUID 7 3] ..."; empty if there is none.
        QByteArray code() const;
        // One line for test failure messages.
        QString describe() const;
    };

    explicit TestImapClient(int timeoutMs = 10000);
    ~TestImapClient();
    TestImapClient(const TestImapClient &) = delete;
    TestImapClient &operator=(const TestImapClient &) = delete;

    void setTimeout(int timeoutMs) { m_timeoutMs = timeoutMs; }
    int timeout() const { return m_timeoutMs; }
    // Continue a TLS handshake despite certificate errors (they stay in sslErrors()).
    void setIgnoreSslErrors(bool ignore) { m_ignoreSslErrors = ignore; }

    // Connects, reads the greeting and, for StartTls, runs STARTTLS and the handshake.
    // trusted: the only CAs accepted (empty: the system's). peerName: the name the
    // certificate must carry (empty: host). False with lastError() on failure.
    bool connectToServer(const QString &host, quint16 port, Security security,
                         const QList<QSslCertificate> &trusted = {}, const QString &peerName = {});
    // The fixture's listener for that security (Tls: IMAPS, StartTls: IMAP, None: the
    // plaintext-auth listener), trusting the fixture's certificate only.
    bool connectTo(const DovecotFixture &fixture, Security security);
    // STARTTLS on a plaintext connection; also usable after a refused LOGIN.
    bool startTls();
    void disconnectFromServer();
    bool isConnected() const;
    bool isEncrypted() const;

    QByteArray greeting() const { return m_greeting; }
    // The capabilities last announced (greeting, response codes, CAPABILITY), upper case.
    QList<QByteArray> capabilities() const { return m_capabilities; }
    bool hasCapability(const QByteArray &capability) const;
    QList<QSslError> sslErrors() const { return m_sslErrors; }
    QSslCertificate peerCertificate() const;
    QString lastError() const { return m_lastError; }

    Response capability();
    Response login(const QString &user, const QString &password);
    Response authenticatePlain(const QString &user, const QString &password);
    Response select(const QString &mailbox);
    Response examine(const QString &mailbox);
    Response create(const QString &mailbox);
    // The new message's UID from APPENDUID; nullopt if the APPEND failed (see *response).
    std::optional<quint32> append(const QString &mailbox, const QByteArray &message,
                                  const QList<QByteArray> &flags = {}, Response *response = nullptr);
    // UID STORE uid <operation> (flags); operation "+FLAGS", "-FLAGS", "FLAGS" (".SILENT" ok).
    Response store(quint32 uid, const QByteArray &operation, const QList<QByteArray> &flags);
    Response expunge(quint32 uid);                      // UID EXPUNGE (the message is marked \Deleted first)
    Response move(quint32 uid, const QString &mailbox); // UID MOVE
    // UID SEARCH <criteria> in the selected mailbox.
    QList<quint32> search(const QByteArray &criteria, Response *response = nullptr);
    Response logout();

    // Any command (without tag and CRLF): the tag is added. No literals.
    Response command(const QByteArray &command);
    // Low level: bytes as they are, and one response line (literals inline, no CRLF).
    bool sendRaw(const QByteArray &bytes);
    std::optional<QByteArray> readLine(int timeoutMs = -1);

    // An IMAP quoted string, or nullopt if the text needs a literal (CR, LF, NUL, 8-bit).
    static std::optional<QByteArray> quoted(const QByteArray &text);
    // Modified UTF-7 (RFC 3501 5.1.3) of a mailbox name, quoted.
    static QByteArray mailboxName(const QString &mailbox);
    // A valid RFC 5322 message with CRLF line ends. from and subject are raw header text
    // (pass RFC 2047 encoded-words as they are; a null subject leaves the header out);
    // body is UTF-8 text/plain. An invalid date means now; an empty messageId gets one made
    // up (angle brackets are added when missing). to, if given, becomes a To: header.
    static QByteArray makeMessage(const QByteArray &from, const QByteArray &subject, const QByteArray &body,
                                  const QDateTime &date = QDateTime(), const QByteArray &messageId = QByteArray(),
                                  const QByteArray &to = QByteArray());

private:
    // segments alternate: text, literal, text, literal, ...; literals are sent after "+".
    Response execute(const QList<QByteArray> &segments);
    Response failed(const QByteArray &tag, const QString &error);
    void noteCapabilities(const QByteArray &line);
    bool waitForData(qint64 remainingMs);
    QByteArray nextTag();

    std::unique_ptr<QSslSocket> m_socket;
    QByteArray m_buffer;
    QByteArray m_greeting;
    QList<QByteArray> m_capabilities;
    QList<QSslError> m_sslErrors;
    QString m_lastError;
    int m_timeoutMs;
    int m_tagCounter = 0;
    bool m_ignoreSslErrors = false;
};

} // namespace testsupport
