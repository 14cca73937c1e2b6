#pragma once

#include "imap/Capabilities.h"
#include "imap/CommandBuilder.h"
#include "imap/Parser.h"
#include "session/Backoff.h"
#include "session/Clock.h"
#include "session/SessionTypes.h"
#include "session/Transport.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace session {

// One IMAP connection watching one mailbox. An explicit state machine:
//
//   Disconnected -> Connecting (TCP, TLS, greeting, STARTTLS, CAPABILITY)
//     -> Authenticating -> Syncing (EXAMINE, SEARCH UNSEEN, FETCH new)
//     -> Idling (IDLE ... DONE) or Polling (timer) -> Syncing -> ...
//   any failure -> Reconnecting (backoff) -> Connecting
//              or Failed (authentication, certificate, security: waits for the user)
//
// The mailbox is opened with EXAMINE: the watcher never changes flags.
// Every wait has a timer from the injected Clock.
class ImapSession : public QObject
{
    Q_OBJECT
public:
    ImapSession(SessionConfig config, std::unique_ptr<Transport> transport, Clock *clock = systemClock(),
                QObject *parent = nullptr);
    ~ImapSession() override;

    const SessionConfig &config() const { return m_config; }
    State state() const { return m_state; }
    const MailboxSnapshot &snapshot() const { return m_snapshot; }
    const MailboxState &mailboxState() const { return m_mailboxState; }
    const imap::Capabilities &capabilities() const { return m_caps; }
    bool isPolling() const { return m_pollMode; }
    // The last error, if the session is Reconnecting or Failed.
    const SessionError &lastError() const { return m_lastError; }

    // Where the last run left off (from the state file). Call before start().
    void setMailboxState(const MailboxState &state);
    void setBackoff(Backoff backoff) { m_backoff = std::move(backoff); }

    // Connect and keep watching until stop().
    void start();
    // LOGOUT if connected, then Disconnected. No more signals after this
    // except stateChanged(Disconnected).
    void stop();
    // "Check now": when idling or polling, sync at once; when waiting for a
    // reconnect or failed, connect again now with a fresh backoff.
    void checkNow();
    // The network came back or the machine resumed: drop the connection if
    // any (it is likely dead) and connect again at once, fresh backoff.
    void reconnectNow();

Q_SIGNALS:
    void stateChanged(session::State state, const QString &reason);
    void errorOccurred(const session::SessionError &error);
    void snapshotChanged(const session::MailboxSnapshot &snapshot);
    // The persisted state moved (high-water mark, UIDVALIDITY): save it.
    void mailboxStateChanged(const session::MailboxState &state);
    // New messages (UID above the high-water mark and not \Seen), oldest
    // first; `omitted` more arrived but were only counted (large backlog).
    void newMessages(const QList<session::MessageSummary> &messages, int omitted);
    // Messages that were unseen and are now read or gone (expunged, moved).
    void messagesGone(const QString &mailbox, const QList<imap::Uid> &uids);
    // An [ALERT] from a trusted (TLS or explicitly plaintext) connection.
    void alert(const QString &text);

private:
    enum class Phase {
        Idle,           // no connection
        Connecting,     // waiting for Transport::ready
        Greeting,       // waiting for the greeting
        Capability,     // CAPABILITY before login
        StartTls,       // STARTTLS sent
        TlsHandshake,   // waiting for Transport::encrypted
        Authenticating, // LOGIN / AUTHENTICATE sent
        PostAuthCapability,
        Enabling,
        Examining,
        Searching,    // UID SEARCH UNSEEN
        Fetching,     // UID FETCH new messages
        IdleStarting, // IDLE sent, waiting for '+'
        Idling,       // in IDLE
        IdleDone,     // DONE sent, waiting for the tagged OK
        PollWait,     // polling: waiting for the timer
        LoggingOut,
        Backoff, // waiting to reconnect
        Failed,
    };

    struct Pending
    {
        QByteArray tag;
        QByteArray name;
        QByteArrayList remainingChunks; // synchronizing-literal chunks still to send
        std::function<void(const imap::Response &)> done;
    };

    void setState(State state, const QString &reason);
    void setPhase(Phase phase);
    void connectNow();
    void onReady();
    void onEncrypted();
    void onReadyRead();
    void onDisconnected();
    void onTransportError(const TransportError &error);
    void handleResponse(const imap::Response &response);
    void handleUntagged(const imap::Response &response);
    void handleGreeting(const imap::Response &response);
    void handleContinuation(const imap::Response &response);

    void send(const imap::Command &command, std::function<void(const imap::Response &)> done,
              std::chrono::milliseconds timeout = std::chrono::milliseconds(-1));
    void requestCapabilities(Phase phase, std::function<void()> then);
    void afterGreeting();
    void beginStartTls();
    void beginAuthentication();
    void afterAuthentication();
    void examine();
    void sync();
    void searchUnseen(std::function<void()> then);
    void fetchNew(std::function<void()> then);
    void fetchSummaries(const imap::UidSet &uids, int omitted, std::function<void()> then);
    void afterSync();
    void enterIdle();
    void leaveIdle();
    void schedulePoll();
    void onWorkPending();
    void onCommandTimeout();
    void onIdleRefresh();

    void fail(const SessionError &error); // decides: retry with backoff or stop
    void dropConnection();
    void updateSnapshot();
    void advanceHighWater(quint32 uid);
    MessageSummary summaryFrom(const imap::FetchData &fetch) const;
    QString trace() const;

    SessionConfig m_config;
    std::unique_ptr<Transport> m_transport;
    Clock *m_clock;
    Timer *m_commandTimer;   // the tagged answer of the command in flight, or connect/greeting
    Timer *m_idleTimer;      // IDLE refresh
    Timer *m_pollTimer;      // polling interval
    Timer *m_reconnectTimer; // backoff
    Timer *m_coalesceTimer;  // EXISTS burst / flag change debounce

    State m_state = State::Disconnected;
    Phase m_phase = Phase::Idle;
    imap::Parser m_parser;
    imap::CommandBuilder m_builder;
    imap::Capabilities m_caps;
    bool m_capsFromTls = false;
    Backoff m_backoff;
    SessionError m_lastError;
    std::optional<Pending> m_pending;
    qint64 m_healthySince = -1; // monotonic ms when the session last reached Idling/Polling

    bool m_pollMode = false;    // server lacks IDLE or refused it, or config says so
    bool m_needSync = false;    // new mail or changes seen: sync at the next chance
    bool m_needRecount = false; // flags changed / expunge: recount unseen
    bool m_stopping = false;

    MailboxSnapshot m_snapshot;
    MailboxState m_mailboxState;
    imap::UidSet m_unseen; // UIDs of unseen messages as last searched
    quint32 m_examineUidNext = 0;
};

} // namespace session
