#include "session/ConnectionProbe.h"

#include "imap/Encoding.h"
#include "session/ImapConnection.h"

#include <algorithm>

namespace session {

namespace {

QString specialUseOf(const QByteArrayList &attributes)
{
    static const char *roles[] = {"\\Junk", "\\Trash", "\\Sent", "\\Drafts", "\\Archive", "\\All", "\\Flagged"};
    for (const QByteArray &a : attributes)
        for (const char *role : roles)
            if (a.compare(role, Qt::CaseInsensitive) == 0)
                return QString::fromLatin1(role + 1).toLower();
    return {};
}

} // namespace

ConnectionProbe::ConnectionProbe(SessionConfig config, std::unique_ptr<Transport> transport, Clock *clock,
                                 QObject *parent)
    : QObject(parent)
{
    m_connection = std::make_unique<ImapConnection>(std::move(config), std::move(transport), clock);
    connect(m_connection.get(), &ImapConnection::progress, this,
            [this](State, const QString &reason) { Q_EMIT progress(reason); });
    connect(m_connection.get(), &ImapConnection::failed, this, [this](const SessionError &error) {
        ProbeResult r = m_result;
        r.ok = false;
        r.error = error;
        finish(r);
    });
    connect(m_connection.get(), &ImapConnection::untagged, this, [this](const imap::Response &response) {
        const imap::ListData *list = response.listData();
        if (response.type != imap::Response::Type::List || !list)
            return;
        ProbeResult::Folder f;
        f.name = imap::mailboxDisplayName(list->mailbox);
        if (f.name.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0)
            f.name = QStringLiteral("INBOX");
        f.path = f.name;
        f.attributes = list->attributes;
        f.delimiter = list->delimiter ? QChar::fromLatin1(list->delimiter) : QChar();
        f.selectable = !list->hasAttribute("\\Noselect") && !list->hasAttribute("\\NonExistent");
        f.specialUse = specialUseOf(list->attributes);
        if (m_result.folders.size() < 10000)
            m_result.folders.append(f);
    });
    connect(m_connection.get(), &ImapConnection::loggedIn, this, [this] {
        const imap::Capabilities &caps = m_connection->capabilities();
        m_result.capabilities = caps;
        m_result.idle = caps.idle();
        m_result.notify = caps.notify();
        m_result.certificateSha256 = m_connection->transport()->peerCertificateSha256();
        Q_EMIT progress(tr("Listing folders"));
        const QByteArray options = caps.specialUse() ? QByteArray("(SPECIAL-USE)") : QByteArray();
        m_connection->send(
            m_connection->builder().list(QString(), QStringLiteral("*"), options), [this](const imap::Response &r) {
                ProbeResult result = m_result;
                if (r.status != imap::Status::Ok) {
                    result.ok = false;
                    result.error = m_connection->commandError(r, tr("LIST"));
                } else {
                    result.ok = true;
                }
                std::sort(result.folders.begin(), result.folders.end(), [](const auto &a, const auto &b) {
                    const bool ia = a.name == QLatin1String("INBOX");
                    const bool ib = b.name == QLatin1String("INBOX");
                    if (ia != ib)
                        return ia;
                    return a.name.localeAwareCompare(b.name) < 0;
                });
                m_connection->logout();
                finish(result);
            });
    });
}

ConnectionProbe::~ConnectionProbe() = default;

void ConnectionProbe::start()
{
    m_done = false;
    m_result = {};
    m_connection->open();
}

void ConnectionProbe::cancel()
{
    m_done = true;
    m_connection->abort();
}

void ConnectionProbe::finish(ProbeResult result)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(result);
}

} // namespace session
