#pragma once

#include "session/SessionTypes.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

namespace core {

// What must survive a restart, per account and mailbox, kept apart from the
// settings: a JSON file
//
//   {"version": 1,
//    "accounts": {"<id>": {"mailboxes": {"INBOX": {"uidValidity": n, "highestUid": n,
//                                                  "highestModSeq": "n"}},
//                          "recentMessageIds": ["<a@b>", ...]}}}
//
// (highestModSeq is a decimal string: it is 64-bit, JSON numbers are
// doubles; Message-IDs are stored as Latin-1, so any bytes round-trip.)
//
// Every change is written at once, synchronously, as a whole new file
// (written to a temporary file, renamed over the old one; mode 0600), so
// that a SIGKILL at any moment can neither lose a change that was made nor
// leave half a file. The Monitor records new mail here BEFORE it shows the
// notification, so a crash right after a notification repeats nothing. The
// flush to the disk (fdatasync, against power loss) follows from the event
// loop, so that it does not delay the notification.
class StateStore
{
    Q_DECLARE_TR_FUNCTIONS(core::StateStore)

public:
    static constexpr int FormatVersion = 1;
    static constexpr qint64 MaxFileSize = 16 * 1024 * 1024;
    static constexpr int MaxMessageIds = 500;      // per account; the oldest are dropped
    static constexpr int MaxMessageIdLength = 998; // a header line; longer ones are not remembered

    explicit StateStore(QString path);

    // $XDG_STATE_HOME (or ~/.local/state) + /idlebell/state.json
    static QString defaultPath();
    // configPath + ".state.json": a separate --config never shares state.
    static QString pathForConfig(const QString &configPath);
    QString path() const { return m_path; }

    // Reads the file. Returns a warning for people, empty when fine (a
    // missing file is fine). A file that is not valid (bad JSON, wrong
    // types, too big, unreadable) is moved aside to <path>.corrupt-<time>
    // and the state starts empty.
    QString load();

    // Unknown account or mailbox: a default (not known) state.
    session::MailboxState state(const QString &accountId, const QString &mailbox) const;
    // Records and writes the file before returning (nothing is written when
    // nothing changed). False when writing failed (see lastError()); the
    // state is kept in memory and written with the next change.
    bool setState(const QString &accountId, const QString &mailbox, const session::MailboxState &state);
    // The same, kept in memory only until the next write (flush() or any
    // other change): for a change that a write right after will carry.
    void setStateDeferred(const QString &accountId, const QString &mailbox, const session::MailboxState &state);
    // Writes what was deferred, if anything.
    bool flush();

    // False if messageId was already recorded for this account (the same
    // message in another folder, or a Gmail label): do not notify again.
    // True for a new one, which is recorded and written at once; also true
    // for an empty or over-long Message-ID, which cannot be deduplicated.
    // Leading and trailing white space is ignored.
    bool rememberMessageId(const QString &accountId, const QByteArray &messageId);
    bool hasMessageId(const QString &accountId, const QByteArray &messageId) const;
    // The same for several at once, with one write; returns how many were new.
    int rememberMessageIds(const QString &accountId, const QList<QByteArray> &messageIds);

    // Drops the state of accounts that are not in accountIds.
    void prune(const QStringList &accountIds);
    // Forgets everything about one account (it will sync as if new).
    void resetAccount(const QString &accountId);

    QStringList accountIds() const;
    QStringList mailboxes(const QString &accountId) const;
    // Why the last write failed; empty after a successful one.
    QString lastError() const { return m_lastError; }

private:
    struct AccountState
    {
        QHash<QString, session::MailboxState> mailboxes;
        QList<QByteArray> messageIds; // oldest first
        QSet<QByteArray> messageIdSet;
    };

    bool write();
    void scheduleSync();
    static void syncNow(const QString &path);
    QByteArray serialize() const;
    bool parse(const QByteArray &json, QString *problem);

    QString m_path;
    QHash<QString, AccountState> m_accounts;
    bool m_dirty = false; // memory differs from the file (a write failed)
    QString m_lastError;
    std::shared_ptr<std::atomic<bool>> m_syncRunning = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<std::atomic<bool>> m_syncAgain = std::make_shared<std::atomic<bool>>(false);

public:
    ~StateStore() = default;
    StateStore(const StateStore &) = delete;
    StateStore &operator=(const StateStore &) = delete;
};

} // namespace core
