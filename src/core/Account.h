#pragma once

#include "session/SessionTypes.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace core {

// One mail account as the user configured it. Value type: copy it, compare
// it, validate it. The password is not part of it (see SecretStore).
struct Account
{
    Q_DECLARE_TR_FUNCTIONS(core::Account)

public:
    enum class ClickAction {
        None,    // clicking a notification only dismisses it
        Webmail, // open webmailUrl in the browser
        Command, // run mailClientCommand (no shell)
    };

    static constexpr int DefaultIdleRefreshMinutes = 10;
    static constexpr int MinIdleRefreshMinutes = 2;
    static constexpr int MaxIdleRefreshMinutes = 29; // RFC 2177: re-issue IDLE at least every 29 minutes
    static constexpr int DefaultPollIntervalMinutes = 5;
    static constexpr int MinPollIntervalMinutes = 1;
    static constexpr int MaxPollIntervalMinutes = 1440;

    QString id;    // stable key, [a-z0-9_-]+; names the settings group, the keyring entry and the state
    QString name;  // display name; may be empty (see displayName())
    QString email; // the address, for display; also the login when username is empty
    QString host;
    int port = 0; // 0: the default for the security (993 for TLS, 143 otherwise)
    session::Security security = session::Security::Tls;
    QString username; // empty: use email
    QStringList mailboxes{QStringLiteral("INBOX")};
    bool enabled = true;
    QString passwordCommand; // e.g. "pass show mail/work"; split with QProcess::splitCommand, run without a shell
    QString caFile;          // extra CA certificate(s) (PEM) to trust
    QByteArray pinnedSha256; // certificate SHA-256, 64 lower-case hex digits, no separators; empty: none
    bool useIdle = true;     // false: poll every pollIntervalMinutes
    int idleRefreshMinutes = DefaultIdleRefreshMinutes;   // 2..29
    int pollIntervalMinutes = DefaultPollIntervalMinutes; // 1..1440
    ClickAction clickAction = ClickAction::None;
    QString webmailUrl;        // http or https only
    QString mailClientCommand; // split like passwordCommand
    QString color;             // "#rrggbb" or empty

    // One message per problem, translated, for people. Empty when the
    // account can be used. Plaintext (Security::None) is allowed here: it is
    // the user's explicit choice, which the UI confirms.
    QStringList validate() const;

    // What one session for one of this account's mailboxes needs.
    session::SessionConfig sessionConfig(const QString &mailbox, const QString &password) const;

    // True when nothing that affects the IMAP sessions differs, so applying
    // the other account needs no reconnect (name, email for display, color and
    // click action do not reconnect).
    bool sameConnection(const Account &other) const;

    quint16 effectivePort() const;     // port, or the security's default when port is 0
    QString effectiveUsername() const; // username, or email when username is empty
    QString displayName() const;       // name, else email, else id
    static quint16 defaultPort(session::Security security);

    // [a-z0-9_-]+, at most 64 characters.
    static bool isValidId(QStringView id);
    // Accepts upper or lower case hex with optional ':' or space separators;
    // returns 64 lower-case hex digits, or an empty array when text is not a
    // SHA-256 fingerprint. An empty text gives an empty array and ok = true.
    static QByteArray normalizeSha256(QStringView text, bool *ok = nullptr);
    // "#rrggbb" (either case).
    static bool isValidColor(QStringView color);
    // Empty or an absolute http/https URL with a host.
    static bool isValidWebmailUrl(const QString &url);

    static QString securityName(session::Security security); // "tls", "starttls", "none"
    static bool securityFromName(QStringView name, session::Security *security);
    static QString clickActionName(ClickAction action); // "none", "webmail", "command"
    static bool clickActionFromName(QStringView name, ClickAction *action);

    friend bool operator==(const Account &a, const Account &b);
    friend bool operator!=(const Account &a, const Account &b) { return !(a == b); }
};

} // namespace core

Q_DECLARE_METATYPE(core::Account)
