#pragma once

#include "core/Account.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include <chrono>
#include <functional>

namespace QKeychain {
class Job;
}

namespace core {

// Where account passwords come from, asynchronously. For requestPassword(),
// in this order:
//   1. a password kept for this run only (setRunOnlyPassword), in memory;
//   2. the account's passwordCommand: run without a shell (program + args,
//      split with QProcess::splitCommand), the first line of its standard
//      output is the password; non-zero exit, no output or no end within the
//      timeout (then it is killed) is a failure;
//   3. the system keyring through QtKeychain (service "idlebell", key = the
//      account id; the insecure plaintext fallback is off).
// Every request ends in exactly one passwordReady or passwordFailed, emitted
// later from the event loop (never from inside requestPassword). Requests
// for an account whose request is still running share its answer.
// No password, and nothing a password command printed on its standard
// output, is ever logged or put in a message.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds DefaultCommandTimeout{30000};

    explicit SecretStore(QObject *parent = nullptr);
    ~SecretStore() override;

    static QString serviceName(); // "idlebell"

    void requestPassword(const Account &account);
    // Write to the keyring. On success a run-only password of the account is dropped.
    void storePassword(const QString &accountId, const QString &password);
    // Remove from the keyring (and the run-only password). Nothing stored counts as success.
    void deletePassword(const QString &accountId);

    // "Keep for this run only": used before the command and the keyring.
    void setRunOnlyPassword(const QString &accountId, const QString &password);
    void clearRunOnlyPassword(const QString &accountId);
    bool hasRunOnlyPassword(const QString &accountId) const;

    void setCommandTimeout(std::chrono::milliseconds timeout);
    // True when the last keyring operation failed because there is no
    // keyring service at all (not a refusal, not a missing entry): the place
    // to offer "keep the password for this run only".
    bool keyringUnavailable() const { return m_keyringUnavailable; }
    std::chrono::milliseconds commandTimeout() const { return m_commandTimeout; }

Q_SIGNALS:
    void passwordReady(const QString &accountId, const QString &password);
    void passwordFailed(const QString &accountId, const QString &message);
    void passwordStored(const QString &accountId);
    void passwordStoreFailed(const QString &accountId, const QString &message);
    void passwordDeleted(const QString &accountId);
    void passwordDeleteFailed(const QString &accountId, const QString &message);

private:
    void runPasswordCommand(const Account &account);
    void readKeyring(const QString &accountId);
    void runJob(std::function<QKeychain::Job *()> make, std::function<void(QKeychain::Job *)> done,
                bool mayRetry = true);
    void finishRequest(const QString &accountId, bool ok, const QString &passwordOrMessage);

    QHash<QString, QString> m_runOnly;
    QSet<QString> m_pending; // accounts with a request under way
    std::chrono::milliseconds m_commandTimeout = DefaultCommandTimeout;
    bool m_keyringUnavailable = false;
};

} // namespace core
