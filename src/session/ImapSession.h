#pragma once

#include "imap/Capabilities.h"
#include "imap/Parser.h"
#include "session/Backoff.h"
#include "session/Clock.h"
#include "session/ImapConnection.h"
#include "session/SessionTypes.h"
#include "session/Transport.h"

#include <QObject>

#include <functional>
#include <memory>

namespace session {

// One mailbox watched over one connection. On top of ImapConnection (which
// connects, secures and logs in), an explicit state machine:
//
//   Disconnected -> Connecting -> Authenticating      (ImapConnection)
//     -> Syncing (EXAMINE, FETCH above the high-water mark, SEARCH UNSEEN)
//     -> Idling (IDLE ... DONE) or Polling (timer) -> Syncing -> ...
//   a lost link, timeout, BYE -> Reconnecting (backoff with jitter) -> Connecting
//   a refused login, an untrusted certificate, a STARTTLS attack -> Failed
//     (waits for the user: checkNow() or start() again)
//
// The mailbox is opened with EXAMINE: the watcher never changes flags. Every
// wait has a timer from the injected Clock, so tests never wait on the wall
// clock. Untagged data is handled whatever command it answers.
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
    // True once the mailbox was counted (snapshotChanged was emitted).
    bool hasSnapshot() const { return m_snapshotEmitted; }
    const MailboxState &mailboxState() const { return m_mailboxState; }
    const imap::Capabilities &capabilities() const;
    // True when the session polls instead of idling (no IDLE, IDLE refused,
    // or the account asks for polling).
    bool isPolling() const { return m_pollMode; }
    // The last error; meaningful while Reconnecting or Failed.
    const SessionError &lastError() const { return m_lastError; }
    Transport *transport() const;

    // Where the last run left off (from the state file). Call before start().
    void setMailboxState(const MailboxState &state);
    void setBackoff(Backoff backoff) { m_backoff = std::move(backoff); }
    void setParserLimits(const imap::Parser::Limits &limits);

    // Connect and keep watching until stop().
    void start();
    // LOGOUT if connected, then Disconnected.
    void stop();
    // "Check now": when idling or polling, sync at once; when waiting for a
    // reconnect or failed, connect again now with a fresh backoff.
    void checkNow();
    // The network came back or the machine resumed: the connection is likely
    // dead; drop it and connect again at once with a fresh backoff. A session
    // that failed on login or certificate stays failed.
    void reconnectNow();

Q_SIGNALS:
    void stateChanged(session::State state, const QString &reason);
    void errorOccurred(const session::SessionError &error);
    void snapshotChanged(const session::MailboxSnapshot &snapshot);
    // The persisted state moved (high-water mark, UIDVALIDITY): save it.
    void mailboxStateChanged(const session::MailboxState &state);
    // New messages (UID above the high-water mark and not \Seen), oldest
    // first; `omitted` more arrived but were only counted (large backlog).
    // Emitted before mailboxStateChanged() moves the high-water mark past them.
    void newMessages(const QList<session::MessageSummary> &messages, int omitted);
    // Messages that were unseen and are now read or gone (expunged, moved).
    void messagesGone(const QString &mailbox, const QList<imap::Uid> &uids);
    // An [ALERT] from a trusted connection (TLS, or plaintext by choice).
    void alert(const QString &text);

private:
    enum class Phase {
        Stopped,      // not started, or stopped
        Connecting,   // ImapConnection is connecting and logging in
        Busy,         // EXAMINE / FETCH / SEARCH in flight
        IdleStarting, // IDLE sent, waiting for '+'
        Idling,       // in IDLE
        IdleDone,     // DONE sent, waiting for the tagged OK
        PollWait,     // polling: waiting for the timer
        Backoff,      // waiting to reconnect
        Failed,       // waiting for the user
    };

    void setState(State state, const QString &reason);
    void connectNow();
    void afterLogin();
    void handleUntagged(const imap::Response &response);
    void examine();
    void sync();
    void fetchNew(std::function<void()> then);
    void fetchSummaries(const imap::UidSet &uids, int omitted, quint32 highest, std::function<void()> then);
    void searchUnseen(std::function<void()> then);
    void afterSync();
    void enterIdle();
    void leaveIdle();
    void schedulePoll();
    void onWorkPending();
    void fail(SessionError error);
    void stopTimers();
    void updateSnapshot();
    void advanceHighWater(quint32 uid); // and emits mailboxStateChanged if anything moved
    void noteArrivals(const QList<imap::FetchData> &items, quint32 upToUid);
    bool isMovedIn(const imap::FetchData &fetch) const;
    static qint64 arrivalOf(const imap::FetchData &fetch);
    void markHealthy();
    bool sleptSinceLastCheck(); // a suspend shows as a wall-clock jump; reconnects if so
    MessageSummary summaryFrom(const imap::FetchData &fetch) const;

    SessionConfig m_config;
    Clock *m_clock;
    ImapConnection *m_connection = nullptr;
    Timer *m_idleTimer;      // IDLE refresh
    Timer *m_pollTimer;      // polling interval
    Timer *m_reconnectTimer; // backoff
    Timer *m_coalesceTimer;  // a burst of EXISTS before leaving IDLE

    State m_state = State::Disconnected;
    Phase m_phase = Phase::Stopped;
    Backoff m_backoff;
    SessionError m_lastError;
    qint64 m_healthySince = -1;
    qint64 m_clockOffset = 0; // wall - monotonic at the last check

    bool m_pollMode = false;
    bool m_needSync = false;    // EXISTS grew: look above the high-water mark
    bool m_needRecount = false; // flags changed / expunge: search unseen again
    bool m_leaveIdleWhenReady = false;

    // Collected while a command runs.
    quint32 m_examineUidValidity = 0;
    quint32 m_examineUidNext = 0;
    quint64 m_examineModSeq = 0;
    bool m_collectFetch = false;
    QList<imap::FetchData> m_fetched;
    imap::UidSet m_searchResult;

    MailboxSnapshot m_snapshot;
    MailboxSnapshot m_lastSnapshot; // as last emitted
    bool m_snapshotEmitted = false;
    MailboxState m_mailboxState;
    imap::UidSet m_unseen; // UIDs of unseen messages as last known
    bool m_unseenKnown = false;
    bool m_stateDirty = false; // m_mailboxState changed and was not emitted yet
    quint32 m_existsAtLastSync = 0;
};

} // namespace session
