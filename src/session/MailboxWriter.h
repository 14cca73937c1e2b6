#pragma once

#include "imap/Types.h"
#include "session/Clock.h"
#include "session/SessionTypes.h"
#include "session/Transport.h"

#include <QObject>

#include <memory>

namespace session {

class ImapConnection;

// The one place where Idlebell changes a mailbox: "Mark as read" from a
// notification. A short connection of its own (the watcher stays
// read-only): log in, SELECT, check UIDVALIDITY, UID STORE +FLAGS.SILENT
// (\Seen), log out. One shot.
class MailboxWriter : public QObject
{
    Q_OBJECT
public:
    MailboxWriter(SessionConfig config, std::unique_ptr<Transport> transport, Clock *clock = systemClock(),
                  QObject *parent = nullptr);
    ~MailboxWriter() override;

    // Marks these messages of config().mailbox as read, if the mailbox still
    // has `uidValidity` (otherwise the UIDs mean other messages: nothing is
    // changed and finished() reports why).
    void markSeen(const QList<imap::Uid> &uids, quint32 uidValidity);

Q_SIGNALS:
    void finished(bool ok, const QString &error);

private:
    void finish(bool ok, const QString &error);
    std::unique_ptr<ImapConnection> m_connection;
    QList<imap::Uid> m_uids;
    quint32 m_uidValidity = 0;
    quint32 m_selectedUidValidity = 0;
    bool m_done = false;
};

} // namespace session
