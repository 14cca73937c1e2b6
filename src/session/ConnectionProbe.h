#pragma once

#include "imap/Capabilities.h"
#include "session/Clock.h"
#include "session/SessionTypes.h"
#include "session/Transport.h"

#include <QByteArrayList>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace session {

class ImapConnection;

// What "Test connection" found out.
struct ProbeResult
{
    struct Folder
    {
        QString name;              // decoded for people ("Lists/Qt", "Entwürfe")
        QString path;              // as the account setting stores it (same as name; the session encodes it)
        QByteArrayList attributes; // "\HasNoChildren", "\Junk", ...
        QChar delimiter;           // hierarchy delimiter, null if none
        bool selectable = true;    // not \Noselect / \NonExistent
        // Special use (RFC 6154), lower case without the backslash: "junk",
        // "trash", "sent", "drafts", "archive", "all", "flagged"; empty if none.
        // Idlebell does not watch junk, trash, sent, drafts, archive and all by default.
        QString specialUse;
    };

    bool ok = false;
    SessionError error;  // when !ok: kind and message name the exact reason
    bool idle = false;   // the server offers IDLE (else: Idlebell will poll)
    bool notify = false; // the server offers NOTIFY (many folders on one connection)
    imap::Capabilities capabilities;
    QByteArray certificateSha256; // the server's certificate (TLS), empty otherwise
    QList<Folder> folders;        // from LIST "" "*", sorted, INBOX first
};

// Connects with a SessionConfig, logs in, lists the folders, logs out, and
// reports what worked and what did not (for the account dialog's "Test
// connection" and folder list). One shot: start() once.
class ConnectionProbe : public QObject
{
    Q_OBJECT
public:
    ConnectionProbe(SessionConfig config, std::unique_ptr<Transport> transport, Clock *clock = systemClock(),
                    QObject *parent = nullptr);
    ~ConnectionProbe() override;

    void start();
    void cancel(); // no finished() after this

Q_SIGNALS:
    void progress(const QString &step); // "Connecting...", "Logging in...", for a status line
    void finished(const session::ProbeResult &result);

private:
    void finish(ProbeResult result);
    std::unique_ptr<ImapConnection> m_connection;
    ProbeResult m_result;
    bool m_done = false;
};

} // namespace session

Q_DECLARE_METATYPE(session::ProbeResult)
