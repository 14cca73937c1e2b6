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

// Mailboxes of one account watched over one connection. On top of
// ImapConnection (which connects, secures and logs in), an explicit state
// machine:
//
//   Disconnected -> Connecting -> Authenticating      (ImapConnection)
//     -> Syncing (EXAMINE, FETCH above the high-water mark, COUNT unseen:
//                 pipelined, one round trip)
//     -> Idling: NOTIFY (the server pushes new mail with its sender and
//                subject: no round trip at all), or IDLE ... DONE
//        or Polling (timer)
//     -> Syncing -> ...
//   a lost link, timeout, BYE -> Reconnecting (backoff with jitter) -> Connecting
//   a refused login, an untrusted certificate, a STARTTLS attack -> Failed
//     (waits for the user: checkNow() or start() again)
//
// The primary mailbox (SessionConfig::mailbox) stays selected, read-only
// (EXAMINE: the watcher never changes flags). Other mailboxes
// (SessionConfig::otherMailboxes) are watched through NOTIFY's STATUS
// events where the server offers NOTIFY, else by STATUS polling; when one
// of them changes, the session looks into it briefly and comes back.
// Every wait has a timer from the injected Clock, so tests never wait on the
// wall clock. Untagged data is handled whatever command it answers.
class ImapSession : public QObject
{
    Q_OBJECT
public:
    enum class Mode {
        Idle,   // IDLE on the primary mailbox
        Notify, // NOTIFY (RFC 5465): pushed FETCH for the primary, STATUS for the others
        Poll,   // no push: check every pollInterval
    };

    ImapSession(SessionConfig config, std::unique_ptr<Transport> transport, Clock *clock = systemClock(),
                QObject *parent = nullptr);
    ~ImapSession() override;

    const SessionConfig &config() const { return m_config; }
    State state() const { return m_state; }
    QStringList mailboxes() const;
    // The primary mailbox's numbers (see snapshot(mailbox) for the others).
    const MailboxSnapshot &snapshot() const { return m_boxes.first().snapshot; }
    MailboxSnapshot snapshot(const QString &mailbox) const;
    // Unseen messages over all watched mailboxes.
    quint32 unseenTotal() const;
    // True once a mailbox was counted (snapshotChanged was emitted).
    bool hasSnapshot() const;
    // The primary mailbox's persisted state (see mailboxState(mailbox)).
    const MailboxState &mailboxState() const { return m_boxes.first().state; }
    MailboxState mailboxState(const QString &mailbox) const;
    const imap::Capabilities &capabilities() const;
    Mode mode() const { return m_mode; }
    // True when the session polls instead of being pushed to (no IDLE or
    // NOTIFY, IDLE refused, or the account asks for polling).
    bool isPolling() const { return m_mode == Mode::Poll; }
    // The last error; meaningful while Reconnecting or Failed.
    const SessionError &lastError() const { return m_lastError; }
    Transport *transport() const;

    // Where the last run left off (from the state file). Call before start().
    void setMailboxState(const MailboxState &state) { setMailboxState(m_config.mailbox, state); }
    void setMailboxState(const QString &mailbox, const MailboxState &state);
    // Change the other mailboxes watched on this connection (takes effect
    // at the next sync). Their persisted state must be set first.
    void setOtherMailboxes(const QStringList &mailboxes);
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
    // The persisted state of a mailbox moved (high-water mark, UIDVALIDITY): save it.
    void mailboxStateChanged(const QString &mailbox, const session::MailboxState &state);
    // New messages of one mailbox (UID above its high-water mark, not \Seen,
    // not moved in from elsewhere), oldest first; `omitted` more arrived but
    // were only counted (large backlog). Emitted after mailboxStateChanged()
    // moved the high-water mark past them, so that whoever saves the state
    // has saved it before anyone is told.
    void newMessages(const QList<session::MessageSummary> &messages, int omitted);
    // Reported messages that are now read or gone (expunged, moved).
    void messagesGone(const QString &mailbox, const QList<imap::Uid> &uids);
    // An [ALERT] from a trusted connection (TLS, or plaintext by choice).
    void alert(const QString &text);
    // The server offers no NOTIFY, so the other mailboxes are polled with
    // STATUS; the owner may give some of them connections of their own.
    void notifyUnavailable(const QStringList &otherMailboxes);

private:
    enum class Phase {
        Stopped,      // not started, or stopped
        Connecting,   // ImapConnection is connecting and logging in
        Busy,         // commands in flight
        IdleStarting, // IDLE sent, waiting for '+'
        Idling,       // in IDLE
        IdleDone,     // DONE sent, waiting for the tagged OK
        Watching,     // NOTIFY: nothing in flight, the server pushes
        PollWait,     // polling: waiting for the timer
        Backoff,      // waiting to reconnect
        Failed,       // waiting for the user
    };

    struct Box
    {
        QString name;
        MailboxState state;
        bool stateDirty = false;
        MailboxSnapshot snapshot;
        MailboxSnapshot emitted;
        bool snapshotEmitted = false;
        bool counted = false; // unseen counted on this connection
        imap::UidSet tracked; // reported and, as far as we know, still unseen
        quint32 existsAtLastSync = 0;
        bool needSync = false;    // new mail possible: look above the high-water mark
        bool needRecount = false; // flags changed / expunge: count again
        bool needStatus = false;  // other mailbox: ask STATUS
        bool broken = false;      // other mailbox that cannot be opened: skipped
    };

    // What EXAMINE told about the mailbox.
    struct Examined
    {
        quint32 uidValidity = 0;
        quint32 uidNext = 0;
        quint64 highestModSeq = 0;
        bool ok = false;
    };

    void applyOtherMailboxes();
    void setState(State state, const QString &reason);
    void connectNow();
    void afterLogin();
    void handleUntagged(const imap::Response &response);
    void onBatch();
    void runNext();
    void examineAndSync(int box);
    void sync(int box);
    void processNewItems(int box, const QList<imap::FetchData> &items, quint32 above, bool countThem);
    void fetchSummaries(int box, const imap::UidSet &uids, int omitted);
    void sendRecount(int box, std::function<void()> then);
    void statusOthers();
    void enterWatching();
    void enterIdle();
    void leaveIdle();
    void schedulePoll();
    void onWorkPending();
    void fail(SessionError error);
    void stopTimers();
    bool anyWork() const;
    bool sleptSinceLastCheck(); // a suspend shows as a wall-clock jump; reconnects if so
    void markHealthy();
    void updateSnapshot(Box &box);
    void flushState(Box &box); // emits mailboxStateChanged if the state moved
    void baseline(Box &box, quint32 uidValidity, quint32 highestUid);
    void reportGone(Box &box, const QList<imap::Uid> &uids);
    int boxIndex(const QString &name) const;
    int boxIndexForRaw(const QByteArray &rawName) const;
    bool isMovedIn(const Box &box, const imap::FetchData &fetch) const;
    static qint64 arrivalOf(const imap::FetchData &fetch);
    MessageSummary summaryFrom(const Box &box, const imap::FetchData &fetch) const;
    QByteArray notifyArguments() const;

    SessionConfig m_config;
    Clock *m_clock;
    ImapConnection *m_connection = nullptr;
    Timer *m_idleTimer;      // IDLE refresh / NOTIFY liveness NOOP
    Timer *m_pollTimer;      // polling interval (primary in Poll mode; others without NOTIFY)
    Timer *m_reconnectTimer; // backoff
    Timer *m_coalesceTimer;  // a burst of EXISTS before leaving IDLE

    State m_state = State::Disconnected;
    Phase m_phase = Phase::Stopped;
    Mode m_mode = Mode::Idle;
    Backoff m_backoff;
    SessionError m_lastError;
    qint64 m_healthySince = -1;
    qint64 m_clockOffset = 0; // wall - monotonic at the last check

    QList<Box> m_boxes;  // [0] is the primary mailbox
    int m_selected = -1; // the mailbox EXAMINEd on this connection, -1 none
    bool m_idleRefused = false;
    bool m_notifySet = false;
    bool m_leaveIdleWhenReady = false;
    bool m_toldNoNotify = false;
    QStringList m_pendingOthers; // setOtherMailboxes() while commands were in flight
    bool m_othersChanged = false;
};

} // namespace session
