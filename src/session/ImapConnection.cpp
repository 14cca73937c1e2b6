#include "session/ImapConnection.h"

#include "session/Logging.h"

namespace session {

using imap::Response;
using imap::ResponseCode;
using imap::Status;

namespace {

QString textOf(const Response &r)
{
    return QString::fromUtf8(r.text).trimmed();
}

// What the trace shows of server data: printable, bounded.
QByteArray traceBytes(const QByteArray &bytes)
{
    QByteArray out = bytes.left(2000);
    for (char &c : out)
        if ((uchar(c) < 0x20 && c != '\r' && c != '\n') || c == 0x7f)
            c = '.';
    if (bytes.size() > out.size())
        out += "...(" + QByteArray::number(bytes.size()) + " bytes)";
    return out.trimmed();
}

} // namespace

bool isTransientCode(ResponseCode::Kind kind)
{
    return kind == ResponseCode::Kind::Unavailable || kind == ResponseCode::Kind::InUse
        || kind == ResponseCode::Kind::Limit || kind == ResponseCode::Kind::ServerBug;
}

ImapConnection::ImapConnection(SessionConfig config, std::unique_ptr<Transport> transport, Clock *clock,
                               QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_transport(std::move(transport))
    , m_clock(clock)
    , m_timer(clock->createTimer(this))
{
    m_transport->setParent(nullptr);
    connect(m_transport.get(), &Transport::ready, this, &ImapConnection::onReady);
    connect(m_transport.get(), &Transport::encrypted, this, &ImapConnection::onEncrypted);
    connect(m_transport.get(), &Transport::readyRead, this, &ImapConnection::onReadyRead);
    connect(m_transport.get(), &Transport::disconnected, this, &ImapConnection::onDisconnected);
    connect(m_transport.get(), &Transport::errorOccurred, this, &ImapConnection::onTransportError);
    connect(m_timer, &Timer::timeout, this, &ImapConnection::onTimeout);
}

ImapConnection::~ImapConnection()
{
    m_transport->disconnect(this);
    m_transport->abort();
}

void ImapConnection::emitAlert(const QString &text)
{
    // An [ALERT] must reach the user (RFC 9051 7.1), but a server that sends
    // thousands must not flood the desktop: the same text once, and a few per
    // connection.
    if (m_alertsShown >= 3 || m_alertsSeen.contains(text))
        return;
    ++m_alertsShown;
    m_alertsSeen.insert(text);
    Q_EMIT alert(text);
}

void ImapConnection::setCapabilities(const QByteArrayList &atoms)
{
    if (m_config.ignoredCapabilities.isEmpty()) {
        m_caps = imap::Capabilities(atoms);
        return;
    }
    QByteArrayList kept;
    for (const QByteArray &atom : atoms) {
        bool ignored = false;
        for (const QByteArray &skip : m_config.ignoredCapabilities)
            ignored = ignored || atom.compare(skip, Qt::CaseInsensitive) == 0;
        if (!ignored)
            kept << atom;
    }
    m_caps = imap::Capabilities(kept);
}

bool ImapConnection::isTrusted() const
{
    return m_transport->isEncrypted() || m_config.security == Security::None;
}

void ImapConnection::reset()
{
    ++m_generation;
    m_timer->stop();
    m_parser = imap::Parser(m_limits);
    m_pending.clear();
    m_timedTag.clear();
    m_phase = Phase::Closed;
}

void ImapConnection::abort()
{
    reset();
    m_transport->abort();
}

void ImapConnection::open()
{
    abort();
    m_builder = imap::CommandBuilder("A");
    m_caps = {};
    m_preauth = false;
    m_byeText.clear();
    m_byeSeen = false;
    m_byeCode = ResponseCode::Kind::None;
    m_alertsShown = 0;
    if (m_config.host.isEmpty() || m_config.port == 0) {
        SessionError e;
        e.kind = SessionError::Kind::Configuration;
        e.message = tr("No server host name or port is set for this account");
        fail(e);
        return;
    }
    Q_EMIT progress(State::Connecting, tr("Connecting to %1:%2").arg(m_config.host).arg(m_config.port));
    m_phase = Phase::Connecting;
    m_timeoutWhat = tr("connecting to the server");
    m_timer->start(m_config.connectTimeout);
    m_transport->connectToHost(m_config.host, m_config.port, m_config.security == Security::Tls, m_config.tls);
}

void ImapConnection::logout(bool inIdle)
{
    if (m_phase == Phase::Command || m_phase == Phase::LoggedIn) {
        // Polite, and without waiting for the answers.
        if (inIdle)
            writeLine(imap::CommandBuilder::done(), "DONE");
        const imap::Command command = m_builder.logout();
        writeLine(command.wire(), command.redacted);
        m_transport->close();
    }
    reset();
}

void ImapConnection::onReady()
{
    if (m_phase != Phase::Connecting)
        return;
    // The connect timeout keeps running: it covers the greeting too.
    m_phase = Phase::Greeting;
    m_timeoutWhat = tr("the server's greeting");
}

void ImapConnection::onEncrypted()
{
    if (m_phase != Phase::TlsHandshake)
        return;
    m_timer->stop();
    qCDebug(lcSession) << m_config.clientName << "STARTTLS handshake done";
    // Anything learnt before TLS is untrusted: ask again (RFC 9051 6.2.1).
    m_caps = {};
    m_phase = Phase::Command;
    send(m_builder.capability(), [this](const Response &r) {
        if (r.status != Status::Ok) {
            fail(commandError(r, tr("CAPABILITY")));
            return;
        }
        afterGreeting();
    });
}

void ImapConnection::onReadyRead()
{
    const QByteArray bytes = m_transport->readAll();
    if (bytes.isEmpty() || m_phase == Phase::Closed)
        return;
    if (m_phase == Phase::TlsHandshake) {
        // Plaintext after "OK Begin TLS" and before the handshake: an attack
        // (STARTTLS command injection). Never parse it.
        SessionError e;
        e.kind = SessionError::Kind::Security;
        e.message = tr("The server sent unencrypted data after accepting STARTTLS; "
                       "this is how STARTTLS injection attacks work. Connection refused.");
        fail(e);
        return;
    }
    qCDebug(lcTrace).noquote() << m_config.clientName << "S:" << traceBytes(bytes);
    m_parser.feed(bytes);
    const quint64 generation = m_generation;
    for (;;) {
        imap::Parser::Result result = m_parser.next();
        if (result.status == imap::Parser::Result::Status::NeedMoreData)
            break;
        if (result.status == imap::Parser::Result::Status::Error) {
            SessionError e;
            e.kind = SessionError::Kind::Protocol;
            e.message = tr("The server sent data that is not valid IMAP (%1)").arg(result.error.message);
            fail(e);
            return;
        }
        handleResponse(result.response);
        if (generation != m_generation)
            return; // dropped (or handed over) while handling
        if (m_phase == Phase::TlsHandshake) {
            // Nothing may follow the OK to STARTTLS: QSslSocket would keep
            // buffered plaintext and hand it out as if it came over TLS.
            if (m_parser.bufferedBytes() > 0 || m_transport->bytesAvailable() > 0) {
                SessionError e;
                e.kind = SessionError::Kind::Security;
                e.message = tr("The server sent more data right after accepting STARTTLS; "
                               "this is how STARTTLS injection attacks work. Connection refused.");
                fail(e);
                return;
            }
            m_timeoutWhat = tr("the TLS handshake");
            m_timer->start(m_config.connectTimeout);
            m_transport->startTls();
            return;
        }
    }
    if (m_phase == Phase::LoggedIn)
        Q_EMIT batchProcessed();
}

void ImapConnection::onDisconnected()
{
    if (m_phase == Phase::Closed)
        return;
    SessionError e;
    if (m_byeSeen) {
        // A BYE that asks for patience (the server is overloaded, or this
        // user has too many connections) is respected with a longer wait; a
        // plain BYE (the server restarts, an admin kicked the session) is a
        // lost connection like any other.
        const QByteArray lower = m_byeText.toLower();
        const bool busy = isTransientCode(m_byeCode) || lower.contains("connections") || lower.contains("too many")
            || lower.contains("limit");
        e.kind = busy ? SessionError::Kind::ServerUnavailable : SessionError::Kind::Network;
        e.message = m_byeText.isEmpty()
            ? tr("The server closed the connection")
            : tr("The server closed the connection: %1").arg(QString::fromUtf8(m_byeText).trimmed());
    } else {
        e.kind = SessionError::Kind::Network;
        e.message = m_phase == Phase::Connecting || m_phase == Phase::Greeting
            ? tr("The server closed the connection before greeting")
            : tr("The connection to the server was lost");
    }
    fail(e);
}

void ImapConnection::onTransportError(const TransportError &error)
{
    if (m_phase == Phase::Closed)
        return;
    SessionError e;
    e.message = error.message;
    switch (error.kind) {
    case TransportError::Kind::HostNotFound:
    case TransportError::Kind::ConnectionRefused:
    case TransportError::Kind::RemoteClosed:
    case TransportError::Kind::Network:
        e.kind = SessionError::Kind::Network;
        break;
    case TransportError::Kind::Tls:
        e.kind = SessionError::Kind::Tls;
        break;
    case TransportError::Kind::Certificate:
        e.kind = SessionError::Kind::Certificate;
        e.certificateSha256 = error.certificateSha256;
        break;
    }
    fail(e);
}

void ImapConnection::onTimeout()
{
    if (m_phase == Phase::Closed)
        return;
    SessionError e;
    e.kind = SessionError::Kind::Timeout;
    e.message = tr("No answer from the server while waiting for %1; the connection seems dead").arg(m_timeoutWhat);
    fail(e);
}

void ImapConnection::fail(SessionError error)
{
    abort();
    Q_EMIT failed(error);
}

void ImapConnection::handleResponse(const Response &response)
{
    if (m_phase == Phase::Greeting) {
        handleGreeting(response);
        return;
    }
    if (response.isContinuation()) {
        handleContinuation(response);
        return;
    }
    if (response.isUntagged()) {
        if (response.type == Response::Type::Status) {
            if (response.status == Status::Ok && response.code.kind == ResponseCode::Kind::Capability)
                setCapabilities(response.code.list);
            if (response.code.kind == ResponseCode::Kind::Alert && isTrusted())
                emitAlert(textOf(response));
            if (response.status == Status::Bye) {
                m_byeSeen = true;
                // Text before TLS on a STARTTLS account is untrusted: never shown.
                m_byeText = isTrusted() ? response.text.left(512) : QByteArray();
                m_byeCode = response.code.kind;
            }
        } else if (response.type == Response::Type::Capability) {
            setCapabilities(response.list);
        }
        // Servers may run pipelined commands together (Dovecot answers a
        // FETCH and a SEARCH sent together with both results before either
        // tagged OK): each command's collector recognises its own data.
        for (Pending &p : m_pending)
            if (p.written > 0 && p.collect && p.collect(response))
                return;
        Q_EMIT untagged(response);
        return;
    }
    // Tagged: normally the oldest command; servers may finish pipelined
    // commands out of order, so look it up.
    qsizetype index = -1;
    for (qsizetype i = 0; i < m_pending.size() && m_pending[i].written > 0; ++i)
        if (m_pending[i].tag == response.tag)
            index = i;
    if (index < 0) {
        SessionError e;
        e.kind = SessionError::Kind::Protocol;
        e.message = tr("The server answered a command that was not sent (tag %1)")
                        .arg(QString::fromLatin1(response.tag.left(32)));
        fail(e);
        return;
    }
    if (index == 0) {
        m_timer->stop();
        m_timedTag.clear();
    }
    Pending pending = m_pending.takeAt(index);
    if (response.status == Status::Ok && response.code.kind == ResponseCode::Kind::Capability)
        setCapabilities(response.code.list);
    const quint64 generation = m_generation;
    if (pending.done)
        pending.done(response);
    if (generation != m_generation)
        return;
    pump();
    if (m_pending.isEmpty() && m_phase == Phase::LoggedIn)
        Q_EMIT drained();
}

void ImapConnection::handleGreeting(const Response &r)
{
    if (!r.isUntagged() || r.type != Response::Type::Status) {
        SessionError e;
        e.kind = SessionError::Kind::Protocol;
        e.message = tr("The server did not send an IMAP greeting");
        fail(e);
        return;
    }
    m_timer->stop();
    switch (r.status) {
    case Status::Ok:
        break;
    case Status::PreAuth:
        if (m_config.security == Security::StartTls) {
            // PREAUTH leaves no chance to start TLS: the connection would
            // stay plaintext. A downgrade attack or a misconfigured server.
            SessionError e;
            e.kind = SessionError::Kind::Security;
            e.message = tr("The server greeted with PREAUTH before TLS, so STARTTLS is impossible; "
                           "refusing to continue in plaintext");
            fail(e);
            return;
        }
        m_preauth = true;
        break;
    case Status::Bye: {
        SessionError e;
        e.kind = SessionError::Kind::ServerUnavailable;
        // Pre-TLS text on a STARTTLS account is untrusted: do not show it.
        e.message = isTrusted() ? tr("The server refused the connection: %1").arg(textOf(r))
                                : tr("The server refused the connection");
        fail(e);
        return;
    }
    default: {
        SessionError e;
        e.kind = SessionError::Kind::Protocol;
        e.message = tr("The server sent an unexpected greeting");
        fail(e);
        return;
    }
    }
    if (r.code.kind == ResponseCode::Kind::Capability)
        setCapabilities(r.code.list);
    if (r.code.kind == ResponseCode::Kind::Alert && isTrusted())
        emitAlert(textOf(r));
    m_phase = Phase::Command;
    afterGreeting();
}

void ImapConnection::handleContinuation(const Response &r)
{
    // Only a command that needs continuations is ever in flight alone.
    Pending *p = m_pending.isEmpty() || m_pending.first().written == 0 ? nullptr : &m_pending.first();
    if (p && p->continuation) {
        p->continuation(r);
        return;
    }
    if (p && p->written < p->chunks.size()) {
        const QByteArray chunk = p->chunks.value(p->written++);
        writeLine(chunk, p->sensitive ? QByteArray("<redacted>") : chunk);
        return;
    }
    if (p && p->name == "AUTHENTICATE") {
        // A challenge we cannot answer: cancel the exchange (RFC 9051 6.2.2).
        writeLine("*\r\n", "*");
        return;
    }
    SessionError e;
    e.kind = SessionError::Kind::Protocol;
    e.message = tr("The server sent an unexpected continuation request");
    fail(e);
}

void ImapConnection::send(const imap::Command &command, Handler done, std::chrono::milliseconds timeout,
                          Handler continuation, Collector collect)
{
    Pending p;
    p.tag = command.tag;
    p.name = command.name;
    p.chunks = command.chunks;
    p.sensitive = command.sensitive;
    p.redacted = command.redacted;
    p.done = std::move(done);
    p.continuation = std::move(continuation);
    p.collect = std::move(collect);
    p.timeout = timeout;
    m_pending.append(std::move(p));
    pump();
}

void ImapConnection::writePending(Pending &p)
{
    // With a synchronizing literal only the first chunk goes now; its trace
    // is the chunk itself unless the command carries a secret.
    const bool split = p.chunks.size() > 1;
    writeLine(p.chunks.value(0), split && !p.sensitive ? p.chunks.value(0) : p.redacted);
    p.written = 1;
}

void ImapConnection::pump()
{
    bool anyWritten = false;
    for (qsizetype i = 0; i < m_pending.size(); ++i) {
        Pending &p = m_pending[i];
        if (p.written > 0) {
            anyWritten = true;
            if (p.exclusive())
                break; // nothing may follow it before it is done
            continue;
        }
        if (p.exclusive() && anyWritten)
            break; // wait until the pipe is empty
        writePending(p);
        anyWritten = true;
        if (p.exclusive())
            break;
    }
    // The timer covers the oldest command in flight, from when it became the oldest.
    if (!m_pending.isEmpty() && m_pending.first().written > 0 && m_pending.first().tag != m_timedTag) {
        m_timedTag = m_pending.first().tag;
        m_timeoutWhat = tr("the answer to %1").arg(QString::fromLatin1(m_pending.first().name));
        m_timer->start(m_pending.first().timeout);
    }
}

void ImapConnection::writeAndExpect(const QByteArray &bytes, std::chrono::milliseconds timeout, const QString &what)
{
    writeLine(bytes, bytes);
    m_timeoutWhat = what;
    m_timer->start(timeout);
}

void ImapConnection::suspendTimeout()
{
    m_timer->stop();
}

void ImapConnection::writeLine(const QByteArray &bytes, const QByteArray &traceText)
{
    qCDebug(lcTrace).noquote() << m_config.clientName << "C:" << traceText.trimmed();
    m_transport->write(bytes);
}

void ImapConnection::afterGreeting()
{
    if (m_caps.isEmpty()) {
        send(m_builder.capability(), [this](const Response &r) {
            if (r.status != Status::Ok) {
                fail(commandError(r, tr("CAPABILITY")));
                return;
            }
            if (m_caps.isEmpty()) {
                SessionError e;
                e.kind = SessionError::Kind::Protocol;
                e.message = tr("The server did not list its capabilities");
                fail(e);
                return;
            }
            afterGreeting();
        });
        return;
    }
    m_builder.setCapabilities(m_caps);
    if (m_config.security == Security::StartTls && !m_transport->isEncrypted()) {
        if (!m_caps.startTls()) {
            // Never a silent downgrade: the account asked for STARTTLS.
            SessionError e;
            e.kind = SessionError::Kind::Security;
            e.message = tr("The server does not offer STARTTLS, so the connection cannot be encrypted; "
                           "refusing to log in in plaintext");
            fail(e);
            return;
        }
        beginStartTls();
        return;
    }
    if (m_preauth)
        afterAuthentication();
    else
        beginAuthentication();
}

void ImapConnection::beginStartTls()
{
    send(m_builder.startTls(), [this](const Response &r) {
        if (r.status != Status::Ok) {
            SessionError e;
            e.kind = SessionError::Kind::Security;
            e.message = tr("The server refused STARTTLS; refusing to log in in plaintext");
            fail(e);
            return;
        }
        // onReadyRead checks that nothing follows the OK, then starts TLS.
        m_phase = Phase::TlsHandshake;
    });
}

void ImapConnection::beginAuthentication()
{
    Q_EMIT progress(State::Authenticating, tr("Logging in as %1").arg(m_config.username));
    if (m_config.security != Security::None && !m_transport->isEncrypted()) {
        SessionError e;
        e.kind = SessionError::Kind::Security;
        e.message = tr("Refusing to send credentials over an unencrypted connection");
        fail(e);
        return;
    }
    if (m_config.password.isEmpty()) {
        SessionError e;
        e.kind = SessionError::Kind::Configuration;
        e.message = tr("No password is available for this account");
        fail(e);
        return;
    }
    imap::Command command;
    if (m_caps.hasAuth("PLAIN")) {
        command = m_builder.authenticatePlain(m_config.username, m_config.password);
    } else if (!m_caps.loginDisabled()) {
        command = m_builder.login(m_config.username, m_config.password);
    } else {
        SessionError e;
        e.kind = SessionError::Kind::Authentication;
        e.message = tr("The server offers no login method Idlebell supports (LOGINDISABLED and no AUTH=PLAIN)");
        fail(e);
        return;
    }
    send(command, [this](const Response &r) {
        if (r.status != Status::Ok) {
            SessionError e;
            if (isTransientCode(r.code.kind)) {
                e.kind = SessionError::Kind::ServerUnavailable;
                e.message = tr("The server cannot log in now: %1").arg(textOf(r));
            } else {
                e.kind = SessionError::Kind::Authentication;
                e.message = tr("The server refused the login for %1: %2").arg(m_config.username, textOf(r));
            }
            fail(e);
            return;
        }
        if (r.code.kind == ResponseCode::Kind::Capability) {
            afterAuthentication();
            return;
        }
        // Capabilities may change after login; without a CAPABILITY code in
        // the OK, ask (RFC 9051 6.2.3).
        m_caps = {};
        send(m_builder.capability(), [this](const Response &c) {
            if (c.status != Status::Ok) {
                fail(commandError(c, tr("CAPABILITY")));
                return;
            }
            afterAuthentication();
        });
    });
}

void ImapConnection::afterAuthentication()
{
    m_builder.setCapabilities(m_caps);
    m_phase = Phase::LoggedIn;
    Q_EMIT loggedIn();
}

SessionError ImapConnection::commandError(const Response &r, const QString &what) const
{
    SessionError e;
    if (isTransientCode(r.code.kind)) {
        e.kind = SessionError::Kind::ServerUnavailable;
        e.message = tr("The server could not run %1: %2").arg(what, textOf(r));
    } else {
        e.kind = SessionError::Kind::Protocol;
        e.message = tr("The server rejected %1: %2").arg(what, textOf(r));
    }
    return e;
}

} // namespace session
