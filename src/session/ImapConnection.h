#pragma once

#include "imap/Capabilities.h"
#include "imap/CommandBuilder.h"
#include "imap/Parser.h"
#include "session/Clock.h"
#include "session/SessionTypes.h"
#include "session/Transport.h"

#include <QObject>
#include <QSet>

#include <functional>
#include <memory>
#include <optional>

namespace session {

// One IMAP connection up to and including login, and the command plumbing
// after it: it connects (implicit TLS, STARTTLS or plaintext by choice),
// reads the greeting, upgrades with STARTTLS without the known client bugs,
// learns the capabilities (again after TLS and after login), authenticates
// (AUTHENTICATE PLAIN, else LOGIN; LOGINDISABLED honoured; credentials never
// before TLS), then runs commands one at a time with a timeout each.
// Untagged data is handed out whatever command it answers. Any failure
// drops the connection and is reported once through failed(); what to do
// next (retry, give up) is the owner's decision.
//
// Used by ImapSession (watching), ConnectionProbe ("Test connection") and
// MailboxWriter ("Mark as read").
class ImapConnection : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(const imap::Response &)>;
    // Sees each untagged response while its command is in flight (servers may
    // interleave the data of pipelined commands); true = it was this
    // command's data and is consumed. Collectors must recognise their own
    // data (an ESEARCH by its tag, a FETCH by its items).
    using Collector = std::function<bool(const imap::Response &)>;

    ImapConnection(SessionConfig config, std::unique_ptr<Transport> transport, Clock *clock, QObject *parent = nullptr);
    ~ImapConnection() override;

    const SessionConfig &config() const { return m_config; }
    Transport *transport() const { return m_transport.get(); }
    const imap::Capabilities &capabilities() const { return m_caps; }
    imap::CommandBuilder &builder() { return m_builder; }
    bool isOpen() const { return m_phase != Phase::Closed; }
    bool isLoggedIn() const { return m_phase == Phase::LoggedIn; }
    bool isBusy() const { return !m_pending.isEmpty(); }
    int commandsInFlight() const { return int(m_pending.size()); }
    // Text from the server may be shown to people: TLS, or plaintext by choice.
    bool isTrusted() const;
    void setParserLimits(const imap::Parser::Limits &limits) { m_limits = limits; }

    // Connect and log in; loggedIn() or failed().
    void open();
    // Log out politely (DONE first if `inIdle`), then close. No signals after this.
    void logout(bool inIdle = false);
    // Drop the connection now. No signals after this.
    void abort();

    // Run a command; `done` gets its tagged response. A continuation request
    // goes to `continuation` if given (IDLE), else to the command's next
    // literal chunk. The command must answer within `timeout`, counted from
    // when it becomes the oldest in flight. Commands are pipelined: a
    // command without literals or continuations is written at once even
    // while others are in flight; one that needs continuations waits until
    // nothing else is in flight. `collect` sees untagged responses while the
    // command is in flight.
    void send(const imap::Command &command, Handler done, std::chrono::milliseconds timeout, Handler continuation = {},
              Collector collect = {});
    void send(const imap::Command &command, Handler done) { send(command, std::move(done), m_config.commandTimeout); }
    void send(const imap::Command &command, Collector collect, Handler done)
    {
        send(command, std::move(done), m_config.commandTimeout, {}, std::move(collect));
    }
    // Bytes that are not a command (DONE), then wait at most `timeout` for the
    // pending command's tagged answer: `what` names it in the timeout error.
    void writeAndExpect(const QByteArray &bytes, std::chrono::milliseconds timeout, const QString &what);

    // No timeout for the pending command until the next writeAndExpect() (IDLE).
    void suspendTimeout();

    // The error for a command the server refused: transient conditions
    // ([UNAVAILABLE], [INUSE], ...) are ServerUnavailable, the rest Protocol.
    SessionError commandError(const imap::Response &response, const QString &what) const;

Q_SIGNALS:
    // Connecting / Authenticating, for the owner's state.
    void progress(session::State state, const QString &reason);
    void loggedIn();
    // Every untagged response after the greeting.
    void untagged(const imap::Response &response);
    // The end of one batch of data read from the socket.
    void batchProcessed();
    // The last command in flight was answered (after its handler ran).
    void drained();
    void alert(const QString &text);
    // The connection is gone (already dropped). willRetry is not decided here.
    void failed(const session::SessionError &error);

private:
    enum class Phase { Closed, Connecting, Greeting, Command, TlsHandshake, LoggedIn };

    struct Pending
    {
        QByteArray tag;
        QByteArray name;
        QByteArrayList chunks; // all chunks; the first is written when the command is
        int written = 0;       // sent, the others after continuation requests
        bool sensitive = false;
        QByteArray redacted;
        Handler done;
        Handler continuation;
        Collector collect;
        std::chrono::milliseconds timeout{0};
        bool exclusive() const { return chunks.size() > 1 || bool(continuation); }
    };

    void onReady();
    void onEncrypted();
    void onReadyRead();
    void onDisconnected();
    void onTransportError(const TransportError &error);
    void onTimeout();
    void handleResponse(const imap::Response &response);
    void handleGreeting(const imap::Response &response);
    void handleContinuation(const imap::Response &response);
    void writeLine(const QByteArray &bytes, const QByteArray &traceText);
    void writePending(Pending &p);
    void pump(); // write queued commands that may go now; (re)arm the timer
    void afterGreeting();
    void beginStartTls();
    void beginAuthentication();
    void afterAuthentication();
    void fail(SessionError error);
    void reset();
    void setCapabilities(const QByteArrayList &atoms);
    void emitAlert(const QString &text);

    SessionConfig m_config;
    std::unique_ptr<Transport> m_transport;
    Clock *m_clock;
    Timer *m_timer; // connect + TLS + greeting, then the answer to the command in flight
    Phase m_phase = Phase::Closed;
    quint64 m_generation = 0; // bumps whenever the connection is dropped
    imap::Parser::Limits m_limits;
    imap::Parser m_parser;
    imap::CommandBuilder m_builder;
    imap::Capabilities m_caps;
    QList<Pending> m_pending; // oldest first; written ones before unwritten ones
    QString m_timeoutWhat;
    QByteArray m_timedTag; // the command the timer covers
    bool m_preauth = false;
    QByteArray m_byeText;
    bool m_byeSeen = false;
    imap::ResponseCode::Kind m_byeCode = imap::ResponseCode::Kind::None;
    int m_alertsShown = 0;      // this connection
    QSet<QString> m_alertsSeen; // for the object's life: a reconnect does not repeat one
};

// Transient server conditions: retry later, not a configuration problem.
bool isTransientCode(imap::ResponseCode::Kind kind);

} // namespace session
