#pragma once

#include "core/Account.h"
#include "core/Preferences.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace core {

// The user's settings in an INI file (QSettings::IniFormat):
//
//   [General]                       preferences (top-level keys)
//   version=1
//   notificationsEnabled=true
//   hideContent=false
//   quietHoursEnabled=false
//   quietFrom=22:00                 HH:mm
//   quietTo=07:00
//   startAtLogin=false
//   groupThreshold=3
//
//   [account.work]                  one group per account: "account." + id
//   name=Work
//   email=me@example.org
//   host=imap.example.org
//   port=993                        absent: the default for the security
//   security=tls                    tls | starttls | none
//   username=me
//   mailboxes=INBOX, Lists/Qt       a QSettings string list
//   enabled=true
//   passwordCommand=pass show mail/work
//   caFile=/etc/ssl/private-ca.pem
//   pinnedSha256=<64 hex digits>
//   useIdle=true
//   idleRefreshMinutes=10
//   pollIntervalMinutes=5
//   clickAction=none                none | webmail | command
//   webmailUrl=https://mail.example.org/
//   mailClientCommand=thunderbird
//   color=#3366cc
//
// Ids are [a-z0-9_-]+, so the group names need no escaping ('.' is kept as
// is by QSettings). Passwords never go here: keys named password, pass,
// passwd, pwd or secret are never written, and ignored with a warning when
// found. Groups and top-level keys that are not Idlebell's are kept.
class AccountStore
{
    Q_DECLARE_TR_FUNCTIONS(core::AccountStore)

public:
    static constexpr int FormatVersion = 1;

    struct LoadResult
    {
        QList<Account> accounts; // sorted by id
        Preferences preferences;
        QStringList warnings; // human-readable, translated
    };

    explicit AccountStore(QString path);

    // $XDG_CONFIG_HOME (or ~/.config) + /idlebell/idlebell.conf
    static QString defaultPath();
    QString path() const { return m_path; }

    // Never fails: what cannot be read is replaced by defaults and named in a
    // warning. A file that cannot be read at all (not INI, not a readable
    // file) is left as it is now and moved aside to <path>.corrupt-<time>
    // before the next save, so that saving never destroys it.
    LoadResult load();

    // Writes all accounts and the preferences, removes the groups of accounts
    // that are not in the list. Refuses (false, *error set) on ids that are
    // not valid or not unique, when a file that could not be read cannot be
    // moved aside, or when writing fails.
    bool save(const QList<Account> &accounts, const Preferences &preferences, QString *error = nullptr);

    // Where an unreadable file will be moved before the next save; empty if
    // nothing waits to be moved.
    QString pendingSetAsidePath() const { return m_setAsidePath; }

    // An id for a new account named name: lower case, [a-z0-9_-], not in taken.
    static QString makeAccountId(const QString &name, const QStringList &taken);
    static QString groupName(const QString &accountId); // "account.<id>"
    // True for key names that would hold a secret (the last path segment).
    static bool isSecretKey(const QString &key);

private:
    QString m_path;
    QString m_setAsidePath;
};

} // namespace core
