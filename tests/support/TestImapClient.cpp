#include "TestImapClient.h"

#include "DovecotFixture.h"

#include <QDeadlineTimer>
#include <QLocale>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QUuid>

namespace testsupport {

namespace {

constexpr qint64 kMaxLiteral = 64 * 1024 * 1024;

QByteArray crlf(QByteArray text)
{
    text.replace("\r\n", "\n");
    text.replace('\r', '\n');
    text.replace("\n", "\r\n");
    return text;
}

// The size of a literal announced at the end of a line ("{12}" or "{12+}"), or -1.
qint64 trailingLiteral(const QByteArray &line)
{
    if (!line.endsWith('}'))
        return -1;
    const int open = line.lastIndexOf('{');
    if (open < 0)
        return -1;
    QByteArray digits = line.mid(open + 1, line.size() - open - 2);
    if (digits.endsWith('+'))
        digits.chop(1);
    bool ok = false;
    const qint64 size = digits.toLongLong(&ok);
    return ok && size >= 0 ? size : -1;
}

QList<QByteArray> upperWords(const QByteArray &text)
{
    QList<QByteArray> words = text.simplified().split(' ');
    for (QByteArray &w : words)
        w = w.toUpper();
    words.removeAll(QByteArray());
    return words;
}

} // namespace

QByteArray TestImapClient::Response::code() const
{
    if (!text.startsWith('['))
        return {};
    const int close = text.indexOf(']');
    return close < 0 ? QByteArray() : text.mid(1, close - 1);
}

QString TestImapClient::Response::describe() const
{
    if (status.isEmpty())
        return QStringLiteral("no reply to %1: %2").arg(QString::fromLatin1(tag), error);
    return QString::fromUtf8(tag + ' ' + status + ' ' + text);
}

TestImapClient::TestImapClient(int timeoutMs)
    : m_timeoutMs(timeoutMs)
{ }

TestImapClient::~TestImapClient()
{
    disconnectFromServer();
}

bool TestImapClient::connectTo(const DovecotFixture &fixture, Security security)
{
    const QList<QSslCertificate> ca = QSslCertificate::fromData(fixture.caCertPem(), QSsl::Pem);
    if (ca.isEmpty()) {
        m_lastError = QStringLiteral("cannot read the fixture's certificate %1").arg(fixture.caCertPath());
        return false;
    }
    switch (security) {
    case Security::Tls:
        return connectToServer(fixture.host(), fixture.imapsPort(), security, ca);
    case Security::StartTls:
        return connectToServer(fixture.host(), fixture.imapPort(), security, ca);
    case Security::None:
        return connectToServer(fixture.plainHost(), fixture.plainPort(), security, ca);
    }
    return false;
}

bool TestImapClient::connectToServer(const QString &host, quint16 port, Security security,
                                     const QList<QSslCertificate> &trusted, const QString &peerName)
{
    disconnectFromServer();
    m_socket = std::make_unique<QSslSocket>();
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (!trusted.isEmpty())
        config.setCaCertificates(trusted);
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    m_socket->setSslConfiguration(config);
    m_socket->setPeerVerifyName(peerName.isEmpty() ? host : peerName);

    const QDeadlineTimer deadline(m_timeoutMs);
    if (security == Security::Tls) {
        m_socket->connectToHostEncrypted(host, port, peerName.isEmpty() ? host : peerName);
        if (m_ignoreSslErrors)
            m_socket->ignoreSslErrors(); // only after connecting: connectToHost*() resets it
        if (!m_socket->waitForEncrypted(int(qMax<qint64>(1, deadline.remainingTime())))) {
            m_sslErrors = m_socket->sslHandshakeErrors();
            m_lastError
                = QStringLiteral("TLS connection to %1:%2 failed: %3").arg(host).arg(port).arg(m_socket->errorString());
            for (const QSslError &e : std::as_const(m_sslErrors))
                m_lastError += QStringLiteral("; ") + e.errorString();
            return false;
        }
        m_sslErrors = m_socket->sslHandshakeErrors();
    } else {
        m_socket->connectToHost(host, port);
        if (m_ignoreSslErrors)
            m_socket->ignoreSslErrors(); // only after connecting: connectToHost*() resets it
        if (!m_socket->waitForConnected(int(qMax<qint64>(1, deadline.remainingTime())))) {
            m_lastError
                = QStringLiteral("connection to %1:%2 failed: %3").arg(host).arg(port).arg(m_socket->errorString());
            return false;
        }
    }

    const std::optional<QByteArray> greeting = readLine(int(qMax<qint64>(1, deadline.remainingTime())));
    if (!greeting) {
        m_lastError = QStringLiteral("no greeting from %1:%2: %3").arg(host).arg(port).arg(m_lastError);
        return false;
    }
    m_greeting = *greeting;
    noteCapabilities(m_greeting);
    if (!m_greeting.startsWith("* OK")) {
        m_lastError = QStringLiteral("unexpected greeting: %1").arg(QString::fromUtf8(m_greeting));
        return false;
    }
    if (security == Security::StartTls)
        return startTls();
    return true;
}

bool TestImapClient::startTls()
{
    if (!m_socket || m_socket->isEncrypted()) {
        m_lastError = QStringLiteral("STARTTLS needs a plaintext connection");
        return false;
    }
    const Response r = command("STARTTLS");
    if (!r.ok()) {
        m_lastError = QStringLiteral("STARTTLS refused: %1").arg(r.describe());
        return false;
    }
    // Nothing the server sent before the handshake may be trusted afterwards.
    m_buffer.clear();
    m_capabilities.clear();
    m_socket->startClientEncryption();
    if (!m_socket->waitForEncrypted(m_timeoutMs)) {
        m_sslErrors = m_socket->sslHandshakeErrors();
        m_lastError = QStringLiteral("TLS handshake after STARTTLS failed: %1").arg(m_socket->errorString());
        for (const QSslError &e : std::as_const(m_sslErrors))
            m_lastError += QStringLiteral("; ") + e.errorString();
        return false;
    }
    m_sslErrors = m_socket->sslHandshakeErrors();
    return true;
}

void TestImapClient::disconnectFromServer()
{
    if (!m_socket)
        return;
    m_socket->abort();
    m_socket.reset();
    m_buffer.clear();
    m_capabilities.clear();
}

bool TestImapClient::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

bool TestImapClient::isEncrypted() const
{
    return m_socket && m_socket->isEncrypted();
}

bool TestImapClient::hasCapability(const QByteArray &capability) const
{
    return m_capabilities.contains(capability.toUpper());
}

QSslCertificate TestImapClient::peerCertificate() const
{
    return m_socket ? m_socket->peerCertificate() : QSslCertificate();
}

bool TestImapClient::sendRaw(const QByteArray &bytes)
{
    if (!isConnected()) {
        m_lastError = QStringLiteral("not connected");
        return false;
    }
    if (m_socket->write(bytes) != bytes.size()) {
        m_lastError = QStringLiteral("write failed: %1").arg(m_socket->errorString());
        return false;
    }
    const QDeadlineTimer deadline(m_timeoutMs);
    while (m_socket->bytesToWrite() > 0) {
        if (!m_socket->waitForBytesWritten(int(qMax<qint64>(1, deadline.remainingTime())))) {
            m_lastError = QStringLiteral("write failed: %1").arg(m_socket->errorString());
            return false;
        }
    }
    return true;
}

bool TestImapClient::waitForData(qint64 remainingMs)
{
    if (!m_socket) {
        m_lastError = QStringLiteral("not connected");
        return false;
    }
    if (m_socket->bytesAvailable() > 0) {
        m_buffer += m_socket->readAll();
        return true;
    }
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        m_lastError = QStringLiteral("connection closed");
        return false;
    }
    if (remainingMs <= 0) {
        m_lastError = QStringLiteral("timed out waiting for the server");
        return false;
    }
    if (!m_socket->waitForReadyRead(int(remainingMs))) {
        m_lastError = m_socket->state() == QAbstractSocket::ConnectedState
            ? QStringLiteral("timed out waiting for the server")
            : QStringLiteral("connection closed: %1").arg(m_socket->errorString());
        // data may have arrived together with the close
        if (m_socket->bytesAvailable() > 0) {
            m_buffer += m_socket->readAll();
            return true;
        }
        return false;
    }
    m_buffer += m_socket->readAll();
    return true;
}

std::optional<QByteArray> TestImapClient::readLine(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs < 0 ? m_timeoutMs : timeoutMs);
    QByteArray result;
    for (;;) {
        int eol;
        while ((eol = m_buffer.indexOf("\r\n")) < 0) {
            if (!waitForData(deadline.remainingTime()))
                return std::nullopt;
        }
        const QByteArray chunk = m_buffer.left(eol);
        m_buffer.remove(0, eol + 2);
        result += chunk;
        const qint64 literal = trailingLiteral(chunk);
        if (literal < 0)
            return result;
        if (literal > kMaxLiteral) {
            m_lastError = QStringLiteral("literal of %1 bytes is too big for the test client").arg(literal);
            return std::nullopt;
        }
        while (m_buffer.size() < literal) {
            if (!waitForData(deadline.remainingTime()))
                return std::nullopt;
        }
        result += "\r\n" + m_buffer.left(int(literal));
        m_buffer.remove(0, int(literal));
    }
}

QByteArray TestImapClient::nextTag()
{
    return "t" + QByteArray::number(++m_tagCounter);
}

void TestImapClient::noteCapabilities(const QByteArray &line)
{
    if (line.startsWith("* CAPABILITY ")) {
        m_capabilities = upperWords(line.mid(13));
        return;
    }
    const int at = line.indexOf("[CAPABILITY ");
    if (at < 0)
        return;
    const int close = line.indexOf(']', at);
    if (close > at)
        m_capabilities = upperWords(line.mid(at + 12, close - at - 12));
}

TestImapClient::Response TestImapClient::failed(const QByteArray &tag, const QString &error)
{
    Response r;
    r.tag = tag;
    r.error = error;
    m_lastError = error;
    return r;
}

TestImapClient::Response TestImapClient::execute(const QList<QByteArray> &segments)
{
    Response response;
    response.tag = nextTag();
    const QByteArray tagged = response.tag + ' ';

    // Reads one line into the response; true once the tagged line is in.
    auto take = [&](const QByteArray &line) {
        response.lines.append(line);
        noteCapabilities(line);
        if (line.startsWith(tagged)) {
            const QByteArray rest = line.mid(tagged.size());
            const int space = rest.indexOf(' ');
            response.status = (space < 0 ? rest : rest.left(space)).toUpper();
            response.text = space < 0 ? QByteArray() : rest.mid(space + 1);
            return true;
        }
        if (line.startsWith("* "))
            response.untagged.append(line);
        return false;
    };

    QByteArray pending = tagged;
    for (int i = 0; i < segments.size(); ++i) {
        if (i % 2 == 0) {
            pending += segments.at(i);
            continue;
        }
        // a synchronizing literal: announce it, wait for "+", then send it
        pending += '{' + QByteArray::number(segments.at(i).size()) + "}\r\n";
        if (!sendRaw(pending))
            return failed(response.tag, m_lastError);
        pending.clear();
        for (;;) {
            const std::optional<QByteArray> line = readLine();
            if (!line)
                return failed(response.tag, m_lastError);
            if (line->startsWith('+'))
                break;
            if (take(*line))
                return response; // refused before the literal
        }
        pending = segments.at(i);
    }
    pending += "\r\n";
    if (!sendRaw(pending))
        return failed(response.tag, m_lastError);
    for (;;) {
        const std::optional<QByteArray> line = readLine();
        if (!line) {
            Response r = failed(response.tag, m_lastError);
            r.lines = response.lines;
            r.untagged = response.untagged;
            return r;
        }
        if (take(*line))
            return response;
    }
}

TestImapClient::Response TestImapClient::command(const QByteArray &command)
{
    return execute({command});
}

std::optional<QByteArray> TestImapClient::quoted(const QByteArray &text)
{
    QByteArray out = "\"";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0 || u == '\r' || u == '\n' || u >= 0x80)
            return std::nullopt;
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

QByteArray TestImapClient::mailboxName(const QString &mailbox)
{
    QByteArray out;
    QString pending;
    auto flush = [&] {
        if (pending.isEmpty())
            return;
        QByteArray utf16;
        for (const QChar ch : std::as_const(pending)) {
            utf16 += char(ch.unicode() >> 8);
            utf16 += char(ch.unicode() & 0xff);
        }
        QByteArray b64 = utf16.toBase64(QByteArray::OmitTrailingEquals);
        b64.replace('/', ',');
        out += '&' + b64 + '-';
        pending.clear();
    };
    for (const QChar ch : mailbox) {
        const ushort u = ch.unicode();
        if (u >= 0x20 && u <= 0x7e) {
            flush();
            out += u == '&' ? QByteArray("&-") : QByteArray(1, char(u));
        } else {
            pending += ch;
        }
    }
    flush();
    return *quoted(out); // printable ASCII only, so never nullopt
}

TestImapClient::Response TestImapClient::capability()
{
    return command("CAPABILITY");
}

TestImapClient::Response TestImapClient::login(const QString &user, const QString &password)
{
    const QByteArray u = user.toUtf8();
    const QByteArray p = password.toUtf8();
    const std::optional<QByteArray> qu = quoted(u);
    const std::optional<QByteArray> qp = quoted(p);
    if (qu && qp)
        return execute({"LOGIN " + *qu + ' ' + *qp});
    if (qu)
        return execute({"LOGIN " + *qu + ' ', p, QByteArray()});
    if (qp)
        return execute({"LOGIN ", u, ' ' + *qp});
    return execute({"LOGIN ", u, " ", p, QByteArray()});
}

TestImapClient::Response TestImapClient::authenticatePlain(const QString &user, const QString &password)
{
    const QByteArray initial = (QByteArray(1, '\0') + user.toUtf8() + '\0' + password.toUtf8()).toBase64();
    if (hasCapability("SASL-IR"))
        return command("AUTHENTICATE PLAIN " + initial);
    Response response;
    response.tag = nextTag();
    if (!sendRaw(response.tag + " AUTHENTICATE PLAIN\r\n"))
        return failed(response.tag, m_lastError);
    bool sent = false;
    for (;;) {
        const std::optional<QByteArray> line = readLine();
        if (!line)
            return failed(response.tag, m_lastError);
        response.lines.append(*line);
        noteCapabilities(*line);
        if (!sent && line->startsWith('+')) {
            if (!sendRaw(initial + "\r\n"))
                return failed(response.tag, m_lastError);
            sent = true;
            continue;
        }
        if (line->startsWith(response.tag + ' ')) {
            const QByteArray rest = line->mid(response.tag.size() + 1);
            const int space = rest.indexOf(' ');
            response.status = (space < 0 ? rest : rest.left(space)).toUpper();
            response.text = space < 0 ? QByteArray() : rest.mid(space + 1);
            return response;
        }
        if (line->startsWith("* "))
            response.untagged.append(*line);
    }
}

TestImapClient::Response TestImapClient::select(const QString &mailbox)
{
    return command("SELECT " + mailboxName(mailbox));
}

TestImapClient::Response TestImapClient::examine(const QString &mailbox)
{
    return command("EXAMINE " + mailboxName(mailbox));
}

TestImapClient::Response TestImapClient::create(const QString &mailbox)
{
    return command("CREATE " + mailboxName(mailbox));
}

std::optional<quint32> TestImapClient::append(const QString &mailbox, const QByteArray &message,
                                              const QList<QByteArray> &flags, Response *response)
{
    QByteArray head = "APPEND " + mailboxName(mailbox) + ' ';
    if (!flags.isEmpty())
        head += '(' + flags.join(' ') + ") ";
    Response r = execute({head, message, QByteArray()});
    std::optional<quint32> uid;
    const QList<QByteArray> code = r.code().split(' ');
    if (r.ok() && code.size() == 3 && code.at(0).toUpper() == "APPENDUID") {
        bool ok = false;
        const quint32 value = code.at(2).toUInt(&ok);
        if (ok)
            uid = value;
    }
    if (r.ok() && !uid)
        m_lastError = QStringLiteral("APPEND succeeded without APPENDUID: %1").arg(r.describe());
    if (response)
        *response = std::move(r);
    return uid;
}

TestImapClient::Response TestImapClient::store(quint32 uid, const QByteArray &operation, const QList<QByteArray> &flags)
{
    return command("UID STORE " + QByteArray::number(uid) + ' ' + operation + " (" + flags.join(' ') + ')');
}

TestImapClient::Response TestImapClient::expunge(quint32 uid)
{
    const Response marked = store(uid, "+FLAGS.SILENT", {"\\Deleted"});
    if (!marked.ok())
        return marked;
    return command("UID EXPUNGE " + QByteArray::number(uid));
}

TestImapClient::Response TestImapClient::move(quint32 uid, const QString &mailbox)
{
    return command("UID MOVE " + QByteArray::number(uid) + ' ' + mailboxName(mailbox));
}

QList<quint32> TestImapClient::search(const QByteArray &criteria, Response *response)
{
    Response r = command("UID SEARCH " + criteria);
    QList<quint32> uids;
    for (const QByteArray &line : std::as_const(r.untagged)) {
        if (!line.toUpper().startsWith("* SEARCH"))
            continue;
        QByteArray rest = line.mid(8);
        const int modseq = rest.indexOf('('); // "(MODSEQ n)" with CONDSTORE
        if (modseq >= 0)
            rest.truncate(modseq);
        const QList<QByteArray> words = rest.simplified().split(' ');
        for (const QByteArray &w : words) {
            bool ok = false;
            const quint32 uid = w.toUInt(&ok);
            if (ok)
                uids.append(uid);
        }
    }
    if (response)
        *response = std::move(r);
    return uids;
}

TestImapClient::Response TestImapClient::logout()
{
    Response r = command("LOGOUT");
    disconnectFromServer();
    return r;
}

QByteArray TestImapClient::makeMessage(const QByteArray &from, const QByteArray &subject, const QByteArray &body,
                                       const QDateTime &date, const QByteArray &messageId, const QByteArray &to)
{
    const QDateTime when = date.isValid() ? date : QDateTime::currentDateTime();
    const int offset = when.offsetFromUtc();
    const int absMinutes = qAbs(offset) / 60;
    const QByteArray zone = QByteArray(offset < 0 ? "-" : "+")
        + QByteArray::number(absMinutes / 60).rightJustified(2, '0')
        + QByteArray::number(absMinutes % 60).rightJustified(2, '0');
    const QByteArray dateText
        = QLocale::c().toString(when, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss ")).toLatin1() + zone;

    QByteArray id = messageId;
    if (id.isEmpty())
        id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + "@idlebell.test";
    if (!id.startsWith('<'))
        id = '<' + id + '>';

    QByteArray message = "From: " + from + "\r\n";
    if (!to.isEmpty())
        message += "To: " + to + "\r\n";
    if (!subject.isNull())
        message += "Subject: " + subject + "\r\n";
    message += "Date: " + dateText + "\r\n";
    message += "Message-ID: " + id + "\r\n";
    message += "MIME-Version: 1.0\r\n"
               "Content-Type: text/plain; charset=utf-8\r\n"
               "Content-Transfer-Encoding: 8bit\r\n"
               "\r\n";
    message = crlf(message);
    QByteArray text = crlf(body);
    if (!text.endsWith("\r\n"))
        text += "\r\n";
    return message + text;
}

} // namespace testsupport
