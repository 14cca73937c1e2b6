#include "core/StateStore.h"

#include <QTemporaryFile>
#include <QTimer>

#include <cstdio>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

#include "core/Logging.h"
#include "core/SetAside.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>

namespace core {

namespace {

const QLatin1String VersionKey("version");
const QLatin1String AccountsKey("accounts");
const QLatin1String MailboxesKey("mailboxes");
const QLatin1String MessageIdsKey("recentMessageIds");
const QLatin1String UidValidityKey("uidValidity");
const QLatin1String HighestUidKey("highestUid");
const QLatin1String HighestModSeqKey("highestModSeq");
const QLatin1String NewestArrivalKey("newestArrival");

bool toUInt32(const QJsonValue &value, quint32 *out)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    if (!(d >= 0.0 && d <= 4294967295.0) || std::floor(d) != d)
        return false;
    *out = quint32(d);
    return true;
}

QByteArray normalizedMessageId(const QByteArray &messageId)
{
    return messageId.trimmed();
}

QString xdgStateHome()
{
    QString base = qEnvironmentVariable("XDG_STATE_HOME");
    if (base.isEmpty() || !QDir::isAbsolutePath(base)) // the XDG spec says to ignore relative paths
        base = QDir::homePath() + QStringLiteral("/.local/state");
    return base;
}

} // namespace

StateStore::StateStore(QString path)
    : m_path(std::move(path))
{ }

QString StateStore::defaultPath()
{
    return QDir::cleanPath(xdgStateHome() + QStringLiteral("/idlebell/state.json"));
}

QString StateStore::pathForConfig(const QString &configPath)
{
    return configPath + QStringLiteral(".state.json");
}

QString StateStore::load()
{
    m_accounts.clear();
    m_dirty = false;
    m_lastError.clear();

    const QFileInfo info(m_path);
    if (!info.exists() && !info.isSymLink())
        return QString(); // first run

    QString problem;
    if (!info.isFile()) {
        problem = tr("it is not a file");
    } else if (info.size() > MaxFileSize) {
        problem = tr("it is larger than %1 MiB").arg(MaxFileSize / (1024 * 1024));
    } else {
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly)) {
            problem = tr("it cannot be read: %1").arg(file.errorString());
        } else {
            const QByteArray json = file.read(MaxFileSize + 1);
            if (json.size() > MaxFileSize)
                problem = tr("it is larger than %1 MiB").arg(MaxFileSize / (1024 * 1024));
            else if (parse(json, &problem))
                return QString();
        }
    }
    m_accounts.clear();

    const QString aside = setAsidePath(m_path);
    QString warning;
    if (QDir().rename(m_path, aside)) {
        warning = tr("The saved mail state %1 could not be used (%2). It was moved to %3 and Idlebell starts "
                     "with no saved state.")
                      .arg(QDir::toNativeSeparators(m_path), problem, QDir::toNativeSeparators(aside));
    } else {
        warning = tr("The saved mail state %1 could not be used (%2), nor moved aside. Idlebell starts with no "
                     "saved state.")
                      .arg(QDir::toNativeSeparators(m_path), problem);
    }
    qCWarning(lcCore).noquote() << warning;
    return warning;
}

bool StateStore::parse(const QByteArray &json, QString *problem)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        *problem = tr("it is not valid JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset);
        return false;
    }
    if (!document.isObject()) {
        *problem = tr("it is not a JSON object");
        return false;
    }
    const QJsonObject root = document.object();
    const QJsonValue version = root.value(VersionKey);
    if (!version.isDouble() || version.toDouble() != FormatVersion) {
        *problem = version.isDouble() && version.toDouble() > FormatVersion
            ? tr("it was written by a newer version of Idlebell")
            : tr("it has no valid \"version\"");
        return false;
    }
    const QJsonValue accounts = root.value(AccountsKey);
    if (!accounts.isObject() && !accounts.isUndefined()) {
        *problem = tr("\"accounts\" is not an object");
        return false;
    }

    QHash<QString, AccountState> parsed;
    const QJsonObject accountsObject = accounts.toObject();
    for (auto a = accountsObject.begin(); a != accountsObject.end(); ++a) {
        const QString id = a.key();
        if (id.isEmpty() || !a.value().isObject()) {
            *problem = tr("the account \"%1\" is not an object").arg(id);
            return false;
        }
        const QJsonObject accountObject = a.value().toObject();
        AccountState account;

        const QJsonValue mailboxes = accountObject.value(MailboxesKey);
        if (!mailboxes.isObject() && !mailboxes.isUndefined()) {
            *problem = tr("\"mailboxes\" of the account \"%1\" is not an object").arg(id);
            return false;
        }
        const QJsonObject mailboxesObject = mailboxes.toObject();
        for (auto m = mailboxesObject.begin(); m != mailboxesObject.end(); ++m) {
            const QJsonObject box = m.value().toObject();
            session::MailboxState state;
            bool ok = m.value().isObject() && toUInt32(box.value(UidValidityKey), &state.uidValidity)
                && toUInt32(box.value(HighestUidKey), &state.highestUid);
            const QJsonValue modSeq = box.value(HighestModSeqKey);
            if (ok && !modSeq.isUndefined()) {
                const QString text = modSeq.toString();
                ok = modSeq.isString() && !text.isEmpty()
                    && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
                if (ok)
                    state.highestModSeq = text.toULongLong(&ok);
            }
            const QJsonValue arrival = box.value(NewestArrivalKey);
            if (ok && !arrival.isUndefined()) {
                const double seconds = arrival.toDouble(-1);
                ok = arrival.isDouble() && seconds >= 0 && seconds < 1e12 && seconds == qint64(seconds);
                if (ok)
                    state.newestArrival = qint64(seconds);
            }
            if (!ok) {
                *problem = tr("the state of mailbox \"%1\" of the account \"%2\" is not valid").arg(m.key(), id);
                return false;
            }
            account.mailboxes.insert(m.key(), state);
        }

        const QJsonValue ids = accountObject.value(MessageIdsKey);
        if (!ids.isArray() && !ids.isUndefined()) {
            *problem = tr("\"recentMessageIds\" of the account \"%1\" is not a list").arg(id);
            return false;
        }
        const QJsonArray idArray = ids.toArray();
        for (const QJsonValue &value : idArray) {
            if (!value.isString()) {
                *problem = tr("\"recentMessageIds\" of the account \"%1\" holds something that is not text").arg(id);
                return false;
            }
            const QByteArray messageId = normalizedMessageId(value.toString().toLatin1());
            if (messageId.isEmpty() || account.messageIdSet.contains(messageId))
                continue;
            account.messageIds.append(messageId);
            account.messageIdSet.insert(messageId);
        }
        while (account.messageIds.size() > MaxMessageIds)
            account.messageIdSet.remove(account.messageIds.takeFirst());

        parsed.insert(id, account);
    }
    m_accounts = parsed;
    return true;
}

QByteArray StateStore::serialize() const
{
    QJsonObject accounts;
    for (auto a = m_accounts.begin(); a != m_accounts.end(); ++a) {
        QJsonObject mailboxes;
        for (auto m = a->mailboxes.begin(); m != a->mailboxes.end(); ++m) {
            QJsonObject box;
            box.insert(UidValidityKey, qint64(m->uidValidity));
            box.insert(HighestUidKey, qint64(m->highestUid));
            box.insert(HighestModSeqKey, QString::number(m->highestModSeq));
            if (m->newestArrival > 0)
                box.insert(NewestArrivalKey, m->newestArrival);
            mailboxes.insert(m.key(), box);
        }
        QJsonArray ids;
        for (const QByteArray &id : a->messageIds)
            ids.append(QString::fromLatin1(id));
        QJsonObject account;
        account.insert(MailboxesKey, mailboxes);
        account.insert(MessageIdsKey, ids);
        accounts.insert(a.key(), account);
    }
    QJsonObject root;
    root.insert(VersionKey, FormatVersion);
    root.insert(AccountsKey, accounts);
    // Compact: written on the way to every notification.
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

bool StateStore::write()
{
    m_dirty = true;
    const QString dirPath = QFileInfo(m_path).absolutePath();
    if (!QFileInfo::exists(dirPath)) {
        if (!QDir().mkpath(dirPath)) {
            m_lastError = tr("The folder %1 could not be created.").arg(QDir::toNativeSeparators(dirPath));
            qCWarning(lcCore).noquote() << m_lastError;
            return false;
        }
        QFile::setPermissions(dirPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    // A temporary file next to the target, renamed over it: the file on
    // disk is always either the old or the new state, never a mix, and a
    // SIGKILL the moment after write() returns loses nothing (the kernel has
    // the data). This runs on the way to showing a notification, so the
    // flush to the disk itself (against power loss) comes right after, from
    // the event loop, instead of adding ~10 ms before the notification.
    QTemporaryFile file(m_path + QStringLiteral(".XXXXXX"));
    file.setAutoRemove(true);
    bool ok = file.open();
    if (ok)
        ok = file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (ok) {
        const QByteArray data = serialize();
        ok = file.write(data) == data.size() && file.flush();
    }
    if (ok) {
        ok = ::rename(QFile::encodeName(file.fileName()).constData(), QFile::encodeName(m_path).constData()) == 0;
        if (ok)
            file.setAutoRemove(false); // it is the state file now
    }
    if (!ok) {
        m_lastError = tr("The mail state could not be saved to %1: %2")
                          .arg(QDir::toNativeSeparators(m_path), file.errorString());
        qCWarning(lcCore).noquote() << m_lastError;
        return false;
    }
    scheduleSync();
    m_dirty = false;
    m_lastError.clear();
    return true;
}

void StateStore::scheduleSync()
{
    // The flush to the disk is for power loss only (a crash loses nothing
    // once rename() returned); it takes a millisecond or more, so it runs on
    // a thread of its own instead of holding up the next notification.
    if (m_syncRunning->exchange(true)) {
        m_syncAgain->store(true);
        return;
    }
    const QString path = m_path;
    const auto running = m_syncRunning;
    const auto again = m_syncAgain;
    std::thread([path, running, again] {
        do {
            again->store(false);
            syncNow(path);
        } while (again->load());
        running->store(false);
    }).detach();
}

void StateStore::syncNow(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fdatasync(fd);
        ::close(fd);
    }
    const int dir = ::open(QFile::encodeName(QFileInfo(path).absolutePath()).constData(), O_RDONLY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

session::MailboxState StateStore::state(const QString &accountId, const QString &mailbox) const
{
    const auto account = m_accounts.constFind(accountId);
    if (account == m_accounts.constEnd())
        return {};
    return account->mailboxes.value(mailbox);
}

bool StateStore::setState(const QString &accountId, const QString &mailbox, const session::MailboxState &state)
{
    if (state == this->state(accountId, mailbox) && !m_dirty)
        return true;
    m_accounts[accountId].mailboxes.insert(mailbox, state);
    return write();
}

void StateStore::setStateDeferred(const QString &accountId, const QString &mailbox, const session::MailboxState &state)
{
    if (state == this->state(accountId, mailbox))
        return;
    m_accounts[accountId].mailboxes.insert(mailbox, state);
    m_dirty = true;
}

bool StateStore::flush()
{
    return !m_dirty || write();
}

bool StateStore::hasMessageId(const QString &accountId, const QByteArray &messageId) const
{
    const auto account = m_accounts.constFind(accountId);
    return account != m_accounts.constEnd() && account->messageIdSet.contains(normalizedMessageId(messageId));
}

bool StateStore::rememberMessageId(const QString &accountId, const QByteArray &messageId)
{
    return rememberMessageIds(accountId, {messageId}) == 1 || normalizedMessageId(messageId).isEmpty()
        || normalizedMessageId(messageId).size() > MaxMessageIdLength;
}

int StateStore::rememberMessageIds(const QString &accountId, const QList<QByteArray> &messageIds)
{
    int added = 0;
    AccountState &account = m_accounts[accountId];
    for (const QByteArray &messageId : messageIds) {
        const QByteArray id = normalizedMessageId(messageId);
        if (id.isEmpty() || id.size() > MaxMessageIdLength || account.messageIdSet.contains(id))
            continue;
        account.messageIds.append(id);
        account.messageIdSet.insert(id);
        ++added;
    }
    while (account.messageIds.size() > MaxMessageIds)
        account.messageIdSet.remove(account.messageIds.takeFirst());
    // Written now, once for the batch: a duplicate after a crash would need
    // the record in memory only.
    if (added > 0 || m_dirty)
        write();
    return added;
}

void StateStore::prune(const QStringList &accountIds)
{
    bool changed = false;
    for (auto it = m_accounts.begin(); it != m_accounts.end();) {
        if (accountIds.contains(it.key())) {
            ++it;
        } else {
            it = m_accounts.erase(it);
            changed = true;
        }
    }
    if (changed || m_dirty)
        write();
}

void StateStore::resetAccount(const QString &accountId)
{
    if (m_accounts.remove(accountId) > 0 || m_dirty)
        write();
}

QStringList StateStore::accountIds() const
{
    QStringList ids = m_accounts.keys();
    ids.sort();
    return ids;
}

QStringList StateStore::mailboxes(const QString &accountId) const
{
    QStringList names = m_accounts.value(accountId).mailboxes.keys();
    names.sort();
    return names;
}

} // namespace core
