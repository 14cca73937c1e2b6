#include "session/MailboxWriter.h"

#include "session/ImapConnection.h"
#include "session/Logging.h"

namespace session {

MailboxWriter::MailboxWriter(SessionConfig config, std::unique_ptr<Transport> transport, Clock *clock, QObject *parent)
    : QObject(parent)
{
    m_connection = std::make_unique<ImapConnection>(std::move(config), std::move(transport), clock);
    connect(m_connection.get(), &ImapConnection::failed, this,
            [this](const SessionError &error) { finish(false, error.message); });
    connect(m_connection.get(), &ImapConnection::untagged, this, [this](const imap::Response &r) {
        if (r.type == imap::Response::Type::Status && r.code.kind == imap::ResponseCode::Kind::UidValidity)
            m_selectedUidValidity = quint32(r.code.number);
    });
    connect(m_connection.get(), &ImapConnection::loggedIn, this, [this] {
        const QString mailbox = m_connection->config().mailbox;
        m_connection->send(m_connection->builder().select(mailbox), [this, mailbox](const imap::Response &r) {
            if (r.status != imap::Status::Ok) {
                finish(false, m_connection->commandError(r, tr("SELECT")).message);
                return;
            }
            if (m_selectedUidValidity != m_uidValidity) {
                finish(false, tr("The folder %1 was renumbered by the server; nothing was changed").arg(mailbox));
                return;
            }
            imap::UidSet set;
            for (imap::Uid uid : std::as_const(m_uids))
                set.add(uid);
            m_connection->send(m_connection->builder().uidStore(set.toImap(), "+FLAGS.SILENT", "(\\Seen)"),
                               [this](const imap::Response &s) {
                                   if (s.status != imap::Status::Ok) {
                                       finish(false, m_connection->commandError(s, tr("UID STORE")).message);
                                       return;
                                   }
                                   m_connection->logout();
                                   finish(true, QString());
                               });
        });
    });
}

MailboxWriter::~MailboxWriter() = default;

void MailboxWriter::markSeen(const QList<imap::Uid> &uids, quint32 uidValidity)
{
    m_uids = uids;
    m_uids.removeAll(imap::Uid());
    m_uidValidity = uidValidity;
    m_done = false;
    if (m_uids.isEmpty() || uidValidity == 0) {
        finish(false, tr("Nothing to mark as read"));
        return;
    }
    m_connection->open();
}

void MailboxWriter::finish(bool ok, const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    if (!ok)
        qCWarning(lcSession).noquote() << m_connection->config().clientName << "mark as read failed:" << error;
    Q_EMIT finished(ok, error);
}

} // namespace session
