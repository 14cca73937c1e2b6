#pragma once

#include "imap/Types.h"
#include "session/Transport.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <chrono>

namespace session {

enum class Security {
    Tls,      // implicit TLS (port 993), preferred (RFC 8314)
    StartTls, // plaintext then STARTTLS (port 143); never downgraded
    None,     // plaintext; only when the user chose it explicitly
};

// Everything one session needs to know. Value type.
struct SessionConfig
{
    QString host;
    quint16 port = 993;
    Security security = Security::Tls;
    QString username;
    QString password;                          // never logged
    QString mailbox = QStringLiteral("INBOX"); // the primary mailbox: selected, pushed to
    QStringList otherMailboxes;                // watched on the same connection (NOTIFY or STATUS)
    TlsOptions tls;

    bool useIdle = true;                             // false: always poll
    std::chrono::seconds idleRefresh{600};           // re-issue IDLE; clamped to [120 s, 29 min]
    std::chrono::seconds pollInterval{300};          // when polling; at least 30 s
    std::chrono::milliseconds connectTimeout{30000}; // TCP connect + TLS handshake + greeting
    std::chrono::milliseconds commandTimeout{60000}; // each command's tagged answer
    std::chrono::milliseconds doneTimeout{30000};    // DONE's tagged OK; longer means a dead link
    std::chrono::milliseconds coalesceDelay{0};      // after EXISTS, wait this long for more
    std::chrono::milliseconds healthyAfter{60000};   // a session this old resets the backoff
    // Moved-in mail: a message whose INTERNALDATE is this much older than the
    // newest arrival known is not new (see MailboxState::newestArrival).
    std::chrono::seconds movedInSlack{3600};
    int maxSummaries = 50; // new messages fetched with sender/subject in one go; older ones
                           // of a large backlog are only counted
    QString clientName;    // for logs: "account/mailbox"
    // Capabilities to act as if the server did not announce them (a way
    // around a server whose extension is broken; tests use it to take the
    // paths for servers without NOTIFY, ESEARCH, ...).
    QByteArrayList ignoredCapabilities;

    static std::chrono::seconds clampIdleRefresh(std::chrono::seconds s);
};

// What a mailbox looks like now. Emitted whenever one of the numbers changes.
struct MailboxSnapshot
{
    QString mailbox;
    quint32 exists = 0;
    quint32 unseen = 0;
    quint32 uidValidity = 0;
    quint32 uidNext = 0;
    quint64 highestModSeq = 0;

    friend bool operator==(const MailboxSnapshot &a, const MailboxSnapshot &b)
    {
        return a.mailbox == b.mailbox && a.exists == b.exists && a.unseen == b.unseen && a.uidValidity == b.uidValidity
            && a.uidNext == b.uidNext && a.highestModSeq == b.highestModSeq;
    }
    friend bool operator!=(const MailboxSnapshot &a, const MailboxSnapshot &b) { return !(a == b); }
};

// What must survive a restart so that nothing is reported twice or missed.
struct MailboxState
{
    quint32 uidValidity = 0;   // 0: never synced
    quint32 highestUid = 0;    // every UID <= this was either reported or was not new
    quint64 highestModSeq = 0; // CONDSTORE, 0 if unknown
    // The newest INTERNALDATE (server clock, seconds since the epoch) seen in
    // the mailbox, 0 if unknown. A message above the high-water mark that
    // arrived much earlier than this was moved in from another folder by a
    // person: it is not new mail.
    qint64 newestArrival = 0;

    bool isKnown() const { return uidValidity != 0; }
    friend bool operator==(const MailboxState &a, const MailboxState &b)
    {
        return a.uidValidity == b.uidValidity && a.highestUid == b.highestUid && a.highestModSeq == b.highestModSeq
            && a.newestArrival == b.newestArrival;
    }
    friend bool operator!=(const MailboxState &a, const MailboxState &b) { return !(a == b); }
};

// A new message, decoded for people.
struct MessageSummary
{
    QString mailbox;
    imap::Uid uid;
    quint32 uidValidity = 0;
    QString fromName;    // decoded display name, may be empty
    QString fromAddress; // "user@example.org", may be empty
    QString subject;     // decoded
    QDateTime date;      // from the Date header, else INTERNALDATE; may be invalid
    QByteArray messageId;
};

enum class State {
    Disconnected, // not started, or stopped
    Connecting,   // TCP / TLS / greeting / STARTTLS
    Authenticating,
    Syncing,      // EXAMINE, searching, fetching
    Idling,       // in IDLE, waiting for the server to push
    Polling,      // connected, waiting for the next poll
    Reconnecting, // waiting out the backoff before the next attempt
    Failed,       // stopped on an error that needs the user (login, certificate, security)
};

struct SessionError
{
    enum class Kind {
        Network,           // could not connect, connection lost
        Timeout,           // the server stopped answering (dead link)
        Tls,               // handshake failed
        Certificate,       // certificate not trusted; certificateSha256 names it
        Security,          // STARTTLS missing / stripped / injected, PREAUTH before TLS, ...
        Authentication,    // the server refused the credentials
        Protocol,          // malformed or unexpected server data
        ServerUnavailable, // BYE, [UNAVAILABLE], connection limits
        Mailbox,           // the mailbox cannot be examined
        Configuration,     // the account settings cannot work (no password, ...)
    };
    Kind kind = Kind::Network;
    QString message;              // names the reason, in words
    QByteArray certificateSha256; // for Certificate
    bool willRetry = false;       // true: reconnecting with backoff; false: waits for the user
    std::chrono::milliseconds retryIn{0};
};

QString stateName(State state);                 // "idling", ...
QString errorKindName(SessionError::Kind kind); // "authentication", ...

} // namespace session

Q_DECLARE_METATYPE(session::MailboxSnapshot)
Q_DECLARE_METATYPE(session::MailboxState)
Q_DECLARE_METATYPE(session::MessageSummary)
Q_DECLARE_METATYPE(session::SessionError)
Q_DECLARE_METATYPE(session::State)
