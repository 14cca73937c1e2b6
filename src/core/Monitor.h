#pragma once

#include "core/Account.h"
#include "session/Clock.h"
#include "session/SessionTypes.h"
#include "session/Transport.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace session {
class ImapSession;
}

namespace core {

class SecretStore;
class StateStore;

// Owns one ImapSession per enabled account and watched mailbox; fetches
// passwords; keeps the persisted per-mailbox state (so a restart neither
// repeats nor loses a notification); deduplicates by Message-ID within an
// account; aggregates unread counts. Knows nothing about widgets.
class Monitor : public QObject
{
    Q_OBJECT
public:
    using TransportFactory = std::function<std::unique_ptr<session::Transport>(const Account &)>;

    struct MailboxStatus
    {
        QString mailbox;
        session::State state = session::State::Disconnected;
        QString reason;
        bool polling = false;
        session::MailboxSnapshot snapshot;
        std::optional<session::SessionError> error; // while Reconnecting or Failed
    };
    struct AccountStatus
    {
        Account account;
        int unread = 0;
        QList<MailboxStatus> mailboxes;
        QString passwordError; // the password could not be had
        qint64 newestMail = 0; // wall ms of the last new-mail report, 0 if none
        // The worst state over the mailboxes, for one line in a tooltip.
        session::State summaryState() const;
    };

    Monitor(StateStore *state, SecretStore *secrets, QObject *parent = nullptr);
    ~Monitor() override;

    void setTransportFactory(TransportFactory factory) { m_transportFactory = std::move(factory); }
    void setClock(session::Clock *clock) { m_clock = clock; }
    // Test hooks: shorter session timings for fault-injection tests.
    void setSessionTweaks(std::function<void(session::SessionConfig &)> tweak) { m_tweak = std::move(tweak); }
    // Connections per account at most (servers limit them per user: Dovecot
    // to 10). Only servers without NOTIFY need more than one.
    void setMaxConnectionsPerAccount(int n) { m_maxConnectionsPerAccount = std::max(1, n); }

    // Make the watched set match `accounts`: start new ones, stop removed or
    // disabled ones, restart only those whose connection settings changed.
    void apply(const QList<Account> &accounts);
    // Everything (accountId empty) or one account: sync now, or retry now.
    void checkNow(const QString &accountId = {});
    // The network came back / the machine resumed: reconnect every session.
    void reconnectAll();
    // Log out everywhere.
    void stop();
    // Connect one account again from scratch (its password changed).
    void restartAccount(const QString &accountId);
    // "Mark as read" from a notification: sets \Seen on the server over a
    // short connection of its own (the watchers stay read-only).
    void markRead(const QString &accountId, const QString &mailbox, quint32 uidValidity, const QList<imap::Uid> &uids);

    QStringList accountIds() const;
    AccountStatus status(const QString &accountId) const;
    int unread(const QString &accountId) const;
    int totalUnread() const;
    // The sessions of one account (for tests and diagnostics).
    QList<session::ImapSession *> sessions(const QString &accountId) const;

Q_SIGNALS:
    void stateChanged(const QString &accountId, const QString &mailbox, session::State state, const QString &reason);
    void errorOccurred(const QString &accountId, const QString &mailbox, const session::SessionError &error);
    void passwordFailed(const QString &accountId, const QString &message);
    // One account's count changed (accountId empty: only the total did, an
    // account went away).
    void unreadChanged(const QString &accountId, int unread, int total);
    // New mail for one account, oldest first, deduplicated; `omitted` more
    // arrived in a backlog and were only counted.
    void newMail(const QString &accountId, const QList<session::MessageSummary> &messages, int omitted);
    // Messages that were unread and are now read or gone elsewhere.
    void mailGone(const QString &accountId, const QString &mailbox, const QList<imap::Uid> &uids);
    void alert(const QString &accountId, const QString &text);
    // Accounts were added, removed or changed (not emitted for state changes).
    void accountsChanged();
    void markReadFinished(const QString &accountId, bool ok, const QString &error);

private:
    struct Watched
    {
        Account account;
        QString password;
        bool passwordPending = false;
        QString passwordError;
        QList<QPointer<session::ImapSession>> sessions;
        qint64 newestMail = 0;
        int lastUnread = -1;
    };

    void startAccount(Watched &w);
    void stopAccount(Watched &w);
    void startSessions(const QString &accountId);
    session::ImapSession *addSession(const QString &accountId, const QString &mailbox, const QStringList &others);
    void scheduleStart(session::ImapSession *s);
    void onPasswordReady(const QString &accountId, const QString &password);
    void onPasswordFailed(const QString &accountId, const QString &message);
    void recount(const QString &accountId);

    StateStore *m_state;
    SecretStore *m_secrets;
    session::Clock *m_clock;
    TransportFactory m_transportFactory;
    std::function<void(session::SessionConfig &)> m_tweak;
    QHash<QString, Watched> m_accounts;
    QStringList m_order;
    int m_lastTotal = -1;
    int m_maxConnectionsPerAccount = 5;
    static constexpr int kStartBurst = 8;
    static constexpr std::chrono::milliseconds kStartStagger{10};
    QList<QPointer<session::ImapSession>> m_startQueue;
    session::Timer *m_startTimer = nullptr;
    qint64 m_burstStart = -1000000;
    int m_burstCount = 0;
};

} // namespace core
