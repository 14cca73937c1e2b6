#include "core/Account.h"

#include <QFileInfo>
#include <QProcess>
#include <QUrl>

#include <algorithm>
#include <chrono>

namespace core {

namespace {

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool hasControlCharacter(QStringView text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
}

// Where the host name itself is wrong, say so; an empty host is reported on its own.
bool isPlausibleHost(const QString &host)
{
    if (host.startsWith(u'-') || hasControlCharacter(host))
        return false;
    for (QChar c : host) {
        if (c.isSpace() || c == u'/' || c == u'\\' || c == u'@' || c == u'?' || c == u'#')
            return false;
    }
    // One ':' is "host:port" (the port has its own field); IPv6 literals have several.
    return host.count(u':') != 1;
}

bool hasProgram(const QString &command)
{
    const QStringList arguments = QProcess::splitCommand(command);
    return !arguments.isEmpty() && !arguments.first().trimmed().isEmpty();
}

} // namespace

quint16 Account::defaultPort(session::Security security)
{
    return security == session::Security::Tls ? 993 : 143;
}

quint16 Account::effectivePort() const
{
    if (port > 0 && port <= 65535)
        return quint16(port);
    return defaultPort(security);
}

QString Account::effectiveUsername() const
{
    return username.isEmpty() ? email : username;
}

QString Account::displayName() const
{
    if (!name.trimmed().isEmpty())
        return name;
    if (!email.isEmpty())
        return email;
    return id;
}

bool Account::isValidId(QStringView id)
{
    if (id.isEmpty() || id.size() > 64)
        return false;
    return std::all_of(id.begin(), id.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'_';
    });
}

QByteArray Account::normalizeSha256(QStringView text, bool *ok)
{
    QByteArray hex;
    hex.reserve(64);
    bool valid = true;
    for (QChar c : text) {
        if (c == u':' || c == u' ')
            continue;
        if (!isHexDigit(c)) {
            valid = false;
            break;
        }
        hex.append(char(c.toLower().unicode()));
    }
    if (valid && !hex.isEmpty() && hex.size() != 64)
        valid = false;
    if (ok)
        *ok = valid;
    return valid ? hex : QByteArray();
}

bool Account::isValidColor(QStringView color)
{
    if (color.size() != 7 || color.front() != u'#')
        return false;
    return std::all_of(color.begin() + 1, color.end(), isHexDigit);
}

bool Account::isValidWebmailUrl(const QString &url)
{
    if (url.isEmpty())
        return true;
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty())
        return false;
    const QString scheme = parsed.scheme().toLower();
    return scheme == QLatin1String("http") || scheme == QLatin1String("https");
}

QString Account::securityName(session::Security security)
{
    switch (security) {
    case session::Security::Tls:
        return QStringLiteral("tls");
    case session::Security::StartTls:
        return QStringLiteral("starttls");
    case session::Security::None:
        return QStringLiteral("none");
    }
    return QStringLiteral("tls");
}

bool Account::securityFromName(QStringView name, session::Security *security)
{
    const QString lower = name.trimmed().toString().toLower();
    session::Security value;
    if (lower == QLatin1String("tls"))
        value = session::Security::Tls;
    else if (lower == QLatin1String("starttls"))
        value = session::Security::StartTls;
    else if (lower == QLatin1String("none"))
        value = session::Security::None;
    else
        return false;
    if (security)
        *security = value;
    return true;
}

QString Account::clickActionName(ClickAction action)
{
    switch (action) {
    case ClickAction::None:
        return QStringLiteral("none");
    case ClickAction::Webmail:
        return QStringLiteral("webmail");
    case ClickAction::Command:
        return QStringLiteral("command");
    }
    return QStringLiteral("none");
}

bool Account::clickActionFromName(QStringView name, ClickAction *action)
{
    const QString lower = name.trimmed().toString().toLower();
    ClickAction value;
    if (lower == QLatin1String("none"))
        value = ClickAction::None;
    else if (lower == QLatin1String("webmail"))
        value = ClickAction::Webmail;
    else if (lower == QLatin1String("command"))
        value = ClickAction::Command;
    else
        return false;
    if (action)
        *action = value;
    return true;
}

QStringList Account::validate() const
{
    QStringList problems;

    if (id.isEmpty())
        problems << tr("The account has no id.");
    else if (!isValidId(id))
        problems << tr("The account id \"%1\" may contain only lower-case letters a-z, digits, \"-\" and \"_\" "
                       "(at most 64 characters).")
                        .arg(id);

    if (host.trimmed().isEmpty())
        problems << tr("The IMAP server (host) is missing.");
    else if (!isPlausibleHost(host))
        problems << tr("\"%1\" is not a valid server name; enter the port in its own field.").arg(host);

    if (port < 0 || port > 65535)
        problems << tr("The port %1 is out of range (1 to 65535).").arg(port);

    if (effectiveUsername().isEmpty())
        problems << tr("The user name is missing (and there is no email address to use instead).");
    if (!email.isEmpty() && (!email.contains(u'@') || hasControlCharacter(email)))
        problems << tr("\"%1\" is not an email address.").arg(email);

    if (mailboxes.isEmpty()) {
        problems << tr("No mailbox is selected; add at least one (usually INBOX).");
    } else {
        QStringList seen;
        for (const QString &mailbox : mailboxes) {
            if (mailbox.trimmed().isEmpty() || hasControlCharacter(mailbox)) {
                problems << tr("A mailbox name is empty or contains control characters.");
            } else if (seen.contains(mailbox)) {
                problems << tr("The mailbox \"%1\" is listed twice.").arg(mailbox);
            }
            seen << mailbox;
        }
    }

    if (!passwordCommand.isEmpty() && !hasProgram(passwordCommand))
        problems << tr("The password command has no program to run.");

    if (!caFile.isEmpty()) {
        const QFileInfo info(caFile);
        if (!info.isAbsolute())
            problems << tr("The CA certificate file \"%1\" must be given with its full path.").arg(caFile);
        else if (!info.isFile() || !info.isReadable())
            problems << tr("The CA certificate file \"%1\" does not exist or cannot be read.").arg(caFile);
    }

    if (!pinnedSha256.isEmpty()) {
        bool ok = false;
        const QByteArray normal = normalizeSha256(QString::fromLatin1(pinnedSha256), &ok);
        if (!ok || normal != pinnedSha256)
            problems << tr("The pinned certificate fingerprint must be a SHA-256 fingerprint: "
                           "64 hexadecimal digits.");
    }

    if (idleRefreshMinutes < MinIdleRefreshMinutes || idleRefreshMinutes > MaxIdleRefreshMinutes)
        problems << tr("The IDLE refresh interval must be between %1 and %2 minutes.")
                        .arg(MinIdleRefreshMinutes)
                        .arg(MaxIdleRefreshMinutes);
    if (pollIntervalMinutes < MinPollIntervalMinutes || pollIntervalMinutes > MaxPollIntervalMinutes)
        problems << tr("The polling interval must be between %1 and %2 minutes.")
                        .arg(MinPollIntervalMinutes)
                        .arg(MaxPollIntervalMinutes);

    if (!isValidWebmailUrl(webmailUrl))
        problems << tr("The webmail address \"%1\" must be a full http:// or https:// address.").arg(webmailUrl);
    else if (clickAction == ClickAction::Webmail && webmailUrl.isEmpty())
        problems << tr("Clicking a notification should open webmail, but no webmail address is set.");

    if (clickAction == ClickAction::Command && !hasProgram(mailClientCommand))
        problems << tr("Clicking a notification should run the mail client, but no mail client command is set.");

    if (!color.isEmpty() && !isValidColor(color))
        problems << tr("The color \"%1\" must look like #rrggbb.").arg(color);

    return problems;
}

session::SessionConfig Account::sessionConfig(const QString &mailbox, const QString &password) const
{
    session::SessionConfig config;
    config.host = host.trimmed();
    config.port = effectivePort();
    config.security = security;
    config.username = effectiveUsername();
    config.password = password;
    config.mailbox = mailbox;
    config.tls.caFile = caFile;
    config.tls.pinnedSha256 = pinnedSha256;
    config.useIdle = useIdle;
    config.idleRefresh = session::SessionConfig::clampIdleRefresh(std::chrono::minutes(idleRefreshMinutes));
    config.pollInterval
        = std::chrono::minutes(std::clamp(pollIntervalMinutes, MinPollIntervalMinutes, MaxPollIntervalMinutes));
    config.clientName = id + u'/' + mailbox;
    return config;
}

bool Account::sameConnection(const Account &other) const
{
    return id == other.id && enabled == other.enabled && host.trimmed() == other.host.trimmed()
        && effectivePort() == other.effectivePort() && security == other.security
        && effectiveUsername() == other.effectiveUsername() && mailboxes == other.mailboxes
        && passwordCommand == other.passwordCommand && caFile == other.caFile && pinnedSha256 == other.pinnedSha256
        && useIdle == other.useIdle && idleRefreshMinutes == other.idleRefreshMinutes
        && pollIntervalMinutes == other.pollIntervalMinutes;
}

bool operator==(const Account &a, const Account &b)
{
    return a.id == b.id && a.name == b.name && a.email == b.email && a.host == b.host && a.port == b.port
        && a.security == b.security && a.username == b.username && a.mailboxes == b.mailboxes && a.enabled == b.enabled
        && a.passwordCommand == b.passwordCommand && a.caFile == b.caFile && a.pinnedSha256 == b.pinnedSha256
        && a.useIdle == b.useIdle && a.idleRefreshMinutes == b.idleRefreshMinutes
        && a.pollIntervalMinutes == b.pollIntervalMinutes && a.clickAction == b.clickAction
        && a.webmailUrl == b.webmailUrl && a.mailClientCommand == b.mailClientCommand && a.color == b.color;
}

} // namespace core
