#include "core/AccountStore.h"

#include <QHash>

#include "core/Logging.h"
#include "core/SetAside.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QSettings>

#include <algorithm>

namespace core {

namespace {

const QLatin1String AccountPrefix("account.");

namespace Key {
const QLatin1String version("version");
const QLatin1String notificationsEnabled("notificationsEnabled");
const QLatin1String hideContent("hideContent");
const QLatin1String quietHoursEnabled("quietHoursEnabled");
const QLatin1String quietFrom("quietFrom");
const QLatin1String quietTo("quietTo");
const QLatin1String startAtLogin("startAtLogin");
const QLatin1String groupThreshold("groupThreshold");

const QLatin1String name("name");
const QLatin1String email("email");
const QLatin1String host("host");
const QLatin1String port("port");
const QLatin1String security("security");
const QLatin1String username("username");
const QLatin1String mailboxes("mailboxes");
const QLatin1String enabled("enabled");
const QLatin1String passwordCommand("passwordCommand");
const QLatin1String caFile("caFile");
const QLatin1String pinnedSha256("pinnedSha256");
const QLatin1String useIdle("useIdle");
const QLatin1String idleRefreshMinutes("idleRefreshMinutes");
const QLatin1String pollIntervalMinutes("pollIntervalMinutes");
const QLatin1String clickAction("clickAction");
const QLatin1String webmailUrl("webmailUrl");
const QLatin1String mailClientCommand("mailClientCommand");
const QLatin1String color("color");
} // namespace Key

const QList<QLatin1String> &accountKeys()
{
    static const QList<QLatin1String> keys{Key::name,
                                           Key::email,
                                           Key::host,
                                           Key::port,
                                           Key::security,
                                           Key::username,
                                           Key::mailboxes,
                                           Key::enabled,
                                           Key::passwordCommand,
                                           Key::caFile,
                                           Key::pinnedSha256,
                                           Key::useIdle,
                                           Key::idleRefreshMinutes,
                                           Key::pollIntervalMinutes,
                                           Key::clickAction,
                                           Key::webmailUrl,
                                           Key::mailClientCommand,
                                           Key::color};
    return keys;
}

// A value as text. QSettings reads an unquoted value with commas as a string
// list; for single-valued keys, put it back together.
QString valueText(const QVariant &value)
{
    if (value.metaType().id() == QMetaType::QStringList)
        return value.toStringList().join(QLatin1String(", "));
    return value.toString();
}

QString shortened(const QString &text)
{
    constexpr int max = 60;
    return text.size() <= max ? text : text.left(max) + QStringLiteral("...");
}

// Reads typed values from the current QSettings group and reports values
// that cannot be used; each then falls back to its default.
class Reader
{
public:
    Reader(QSettings &settings, QStringList &warnings, QString where)
        : m_settings(settings)
        , m_warnings(warnings)
        , m_where(std::move(where))
    { }

    bool has(QLatin1String key) const { return m_settings.contains(key); }
    QString text(QLatin1String key, const QString &fallback = QString()) const
    {
        return has(key) ? valueText(m_settings.value(key)) : fallback;
    }
    QStringList list(QLatin1String key) const { return m_settings.value(key).toStringList(); }

    void invalid(QLatin1String key, const QString &value, const QString &fallback)
    {
        m_warnings << AccountStore::tr("%1: the value \"%2\" of \"%3\" is not valid; using %4 instead.")
                          .arg(m_where, shortened(value), key, fallback);
    }

    bool boolean(QLatin1String key, bool fallback)
    {
        if (!has(key))
            return fallback;
        const QString value = text(key).trimmed().toLower();
        if (value == QLatin1String("true") || value == QLatin1String("1") || value == QLatin1String("yes")
            || value == QLatin1String("on"))
            return true;
        if (value == QLatin1String("false") || value == QLatin1String("0") || value == QLatin1String("no")
            || value == QLatin1String("off"))
            return false;
        invalid(key, text(key), fallback ? QStringLiteral("true") : QStringLiteral("false"));
        return fallback;
    }

    int integer(QLatin1String key, int fallback, int min, int max, const QString &fallbackText = QString())
    {
        if (!has(key))
            return fallback;
        const QString value = text(key);
        bool ok = false;
        const int number = value.trimmed().toInt(&ok);
        if (ok && number >= min && number <= max)
            return number;
        m_warnings << AccountStore::tr(
                          "%1: the value \"%2\" of \"%3\" is not valid (allowed: %4 to %5); using %6 instead.")
                          .arg(m_where, shortened(value), key)
                          .arg(min)
                          .arg(max)
                          .arg(fallbackText.isEmpty() ? QString::number(fallback) : fallbackText);
        return fallback;
    }

    QTime time(QLatin1String key, const QTime &fallback)
    {
        if (!has(key))
            return fallback;
        const QString value = text(key).trimmed();
        QTime parsed = QTime::fromString(value, QStringLiteral("HH:mm"));
        if (!parsed.isValid())
            parsed = QTime::fromString(value, QStringLiteral("HH:mm:ss"));
        if (!parsed.isValid())
            parsed = QTime::fromString(value, QStringLiteral("H:mm"));
        if (parsed.isValid())
            return parsed;
        invalid(key, value, fallback.toString(QStringLiteral("HH:mm")));
        return fallback;
    }

private:
    QSettings &m_settings;
    QStringList &m_warnings;
    QString m_where;
};

Account readAccount(QSettings &settings, const QString &id, QStringList &warnings)
{
    Account account;
    account.id = id;
    const QString where = AccountStore::tr("Account \"%1\"").arg(id);
    Reader r(settings, warnings, where);

    for (const QString &key : settings.allKeys()) {
        if (!AccountStore::isSecretKey(key)
            && std::find(accountKeys().begin(), accountKeys().end(), key) == accountKeys().end())
            warnings << AccountStore::tr("%1: unknown key \"%2\" ignored.").arg(where, key);
    }

    account.name = r.text(Key::name);
    account.email = r.text(Key::email).trimmed();
    account.host = r.text(Key::host).trimmed();
    account.username = r.text(Key::username);

    if (r.has(Key::security)) {
        const QString value = r.text(Key::security);
        if (!Account::securityFromName(value, &account.security))
            r.invalid(Key::security, value, Account::securityName(account.security));
    }
    if (r.has(Key::port) && !r.text(Key::port).trimmed().isEmpty())
        account.port = r.integer(Key::port, 0, 1, 65535, QString::number(Account::defaultPort(account.security)));

    if (r.has(Key::mailboxes)) {
        QStringList mailboxes;
        bool duplicates = false;
        for (const QString &mailbox : r.list(Key::mailboxes)) {
            const QString name = mailbox.trimmed();
            if (name.isEmpty())
                continue;
            if (mailboxes.contains(name))
                duplicates = true;
            else
                mailboxes << name;
        }
        if (mailboxes.isEmpty())
            r.invalid(Key::mailboxes, r.text(Key::mailboxes), QStringLiteral("INBOX"));
        else
            account.mailboxes = mailboxes;
        if (duplicates)
            warnings << AccountStore::tr("%1: a mailbox is listed twice in \"%2\"; it is watched once.")
                            .arg(where, Key::mailboxes);
    }

    account.enabled = r.boolean(Key::enabled, true);
    account.passwordCommand = r.text(Key::passwordCommand).trimmed();
    account.caFile = r.text(Key::caFile).trimmed();

    if (r.has(Key::pinnedSha256)) {
        const QString value = r.text(Key::pinnedSha256).trimmed();
        bool ok = false;
        const QByteArray pin = Account::normalizeSha256(value, &ok);
        if (ok)
            account.pinnedSha256 = pin;
        else
            r.invalid(Key::pinnedSha256, value, AccountStore::tr("no pinned certificate"));
    }

    account.useIdle = r.boolean(Key::useIdle, true);
    account.idleRefreshMinutes = r.integer(Key::idleRefreshMinutes, Account::DefaultIdleRefreshMinutes,
                                           Account::MinIdleRefreshMinutes, Account::MaxIdleRefreshMinutes);
    account.pollIntervalMinutes = r.integer(Key::pollIntervalMinutes, Account::DefaultPollIntervalMinutes,
                                            Account::MinPollIntervalMinutes, Account::MaxPollIntervalMinutes);

    if (r.has(Key::clickAction)) {
        const QString value = r.text(Key::clickAction);
        if (!Account::clickActionFromName(value, &account.clickAction))
            r.invalid(Key::clickAction, value, Account::clickActionName(account.clickAction));
    }
    const QString webmail = r.text(Key::webmailUrl).trimmed();
    if (Account::isValidWebmailUrl(webmail))
        account.webmailUrl = webmail;
    else
        r.invalid(Key::webmailUrl, webmail, AccountStore::tr("no webmail address"));
    account.mailClientCommand = r.text(Key::mailClientCommand).trimmed();

    const QString color = r.text(Key::color).trimmed();
    if (color.isEmpty() || Account::isValidColor(color))
        account.color = color.toLower();
    else
        r.invalid(Key::color, color, AccountStore::tr("no color"));

    // What is still wrong (a missing host, a CA file that is gone, ...).
    const QStringList problems = account.validate();
    for (const QString &problem : problems)
        warnings << QStringLiteral("%1: %2").arg(where, problem);
    return account;
}

Preferences readPreferences(QSettings &settings, QStringList &warnings)
{
    Preferences prefs;
    const Preferences defaults;
    Reader r(settings, warnings, AccountStore::tr("Preferences"));
    prefs.notificationsEnabled = r.boolean(Key::notificationsEnabled, defaults.notificationsEnabled);
    prefs.hideContent = r.boolean(Key::hideContent, defaults.hideContent);
    prefs.quietHoursEnabled = r.boolean(Key::quietHoursEnabled, defaults.quietHoursEnabled);
    prefs.quietFrom = r.time(Key::quietFrom, defaults.quietFrom);
    prefs.quietTo = r.time(Key::quietTo, defaults.quietTo);
    prefs.startAtLogin = r.boolean(Key::startAtLogin, defaults.startAtLogin);
    prefs.groupThreshold = r.integer(Key::groupThreshold, defaults.groupThreshold, Preferences::MinGroupThreshold,
                                     Preferences::MaxGroupThreshold);
    for (const QString &problem : prefs.validate())
        warnings << QStringLiteral("%1: %2").arg(AccountStore::tr("Preferences"), problem);
    return prefs;
}

// QSettings parses a file once per process and caches it: a second
// QSettings on the same unchanged, unparseable file reports NoError. So a
// file once found unusable stays unusable here until it changes on disk.
struct FileStamp
{
    qint64 size = -1;
    QDateTime modified;
    friend bool operator==(const FileStamp &a, const FileStamp &b)
    {
        return a.size == b.size && a.modified == b.modified;
    }
};

FileStamp stampOf(const QString &path)
{
    const QFileInfo info(path);
    return {info.size(), info.lastModified()};
}

QHash<QString, FileStamp> &unusableFiles()
{
    static QHash<QString, FileStamp> files;
    return files;
}

QSettings::Status statusOf(const QSettings &settings, const QString &path)
{
    const QString key = QFileInfo(path).absoluteFilePath();
    QSettings::Status status = settings.status();
    if (status != QSettings::NoError) {
        unusableFiles().insert(key, stampOf(path));
        return status;
    }
    const auto known = unusableFiles().constFind(key);
    if (known != unusableFiles().constEnd()) {
        if (*known == stampOf(path))
            return QSettings::FormatError;
        unusableFiles().remove(key); // changed since: QSettings read it afresh
    }
    return status;
}

QString settingsStatusText(QSettings::Status status)
{
    switch (status) {
    case QSettings::NoError:
        return QString();
    case QSettings::AccessError:
        return AccountStore::tr("it cannot be read or written");
    case QSettings::FormatError:
        return AccountStore::tr("it is not a valid settings file");
    }
    return QString();
}

} // namespace

AccountStore::AccountStore(QString path)
    : m_path(std::move(path))
{ }

QString AccountStore::defaultPath()
{
    QString base = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (base.isEmpty() || !QDir::isAbsolutePath(base)) // the XDG spec says to ignore relative paths
        base = QDir::homePath() + QStringLiteral("/.config");
    return QDir::cleanPath(base + QStringLiteral("/idlebell/idlebell.conf"));
}

QString AccountStore::groupName(const QString &accountId)
{
    return AccountPrefix + accountId;
}

bool AccountStore::isSecretKey(const QString &key)
{
    const QString last = key.mid(key.lastIndexOf(u'/') + 1).trimmed().toLower();
    return last == QLatin1String("password") || last == QLatin1String("pass") || last == QLatin1String("passwd")
        || last == QLatin1String("pwd") || last == QLatin1String("secret");
}

AccountStore::LoadResult AccountStore::load()
{
    LoadResult result;
    m_setAsidePath.clear();

    const QFileInfo info(m_path);
    if (!info.exists() && !info.isSymLink())
        return result; // first run

    QString problem;
    if (!info.isFile() || !info.isReadable()) {
        problem = AccountStore::tr("it is not a readable file");
    } else {
        QSettings settings(m_path, QSettings::IniFormat);
        problem = settingsStatusText(statusOf(settings, m_path));
        if (problem.isEmpty()) {
            // Secrets first, by key name only: their values are never read.
            for (const QString &key : settings.allKeys()) {
                if (isSecretKey(key))
                    result.warnings << AccountStore::tr(
                                           "The settings file has a key \"%1\": passwords do not belong in the "
                                           "settings file; use the keyring or passwordCommand. It is ignored and "
                                           "removed when settings are saved.")
                                           .arg(key);
            }

            result.preferences = readPreferences(settings, result.warnings);
            const int version = settings.value(Key::version, FormatVersion).toInt();
            if (version > FormatVersion)
                result.warnings << AccountStore::tr(
                    "The settings file was written by a newer version of Idlebell; settings "
                    "this version does not know are ignored.");

            QStringList groups = settings.childGroups();
            std::sort(groups.begin(), groups.end());
            for (const QString &group : groups) {
                if (!group.startsWith(AccountPrefix))
                    continue;
                const QString id = group.mid(AccountPrefix.size());
                if (!Account::isValidId(id)) {
                    result.warnings << AccountStore::tr(
                                           "The settings group \"%1\" is ignored: an account id may contain only "
                                           "lower-case letters a-z, digits, \"-\" and \"_\".")
                                           .arg(group);
                    continue;
                }
                settings.beginGroup(group);
                result.accounts << readAccount(settings, id, result.warnings);
                settings.endGroup();
            }
            return result;
        }
    }

    m_setAsidePath = setAsidePath(m_path);
    result.warnings << AccountStore::tr(
                           "The settings file %1 cannot be used (%2). Idlebell starts with default settings. "
                           "The file is left as it is; before settings are saved it is moved to %3.")
                           .arg(QDir::toNativeSeparators(m_path), problem, QDir::toNativeSeparators(m_setAsidePath));
    qCWarning(lcCore) << "settings file" << m_path << "cannot be used:" << problem;
    return result;
}

bool AccountStore::save(const QList<Account> &accounts, const Preferences &preferences, QString *error)
{
    auto fail = [error](const QString &message) {
        qCWarning(lcCore).noquote() << "saving settings failed:" << message;
        if (error)
            *error = message;
        return false;
    };

    QSet<QString> ids;
    for (const Account &account : accounts) {
        if (!Account::isValidId(account.id))
            return fail(AccountStore::tr("The account id \"%1\" is not valid.").arg(account.id));
        if (ids.contains(account.id))
            return fail(AccountStore::tr("Two accounts have the id \"%1\".").arg(account.id));
        ids.insert(account.id);
    }

    const QFileInfo info(m_path);
    if (!m_setAsidePath.isEmpty()) {
        if (info.exists() || info.isSymLink()) {
            if (QFileInfo::exists(m_setAsidePath))
                m_setAsidePath = setAsidePath(m_path);
            // rename(2) works for files we cannot read and for directories alike.
            if (!QDir().rename(m_path, m_setAsidePath))
                return fail(
                    AccountStore::tr("The settings file %1 could not be read and could not be moved aside to %2; "
                                     "settings are not saved, so that it is not overwritten.")
                        .arg(QDir::toNativeSeparators(m_path), QDir::toNativeSeparators(m_setAsidePath)));
            qCInfo(lcCore) << "moved unusable settings file to" << m_setAsidePath;
        }
        m_setAsidePath.clear();
    } else if (info.exists() && !info.isFile()) {
        return fail(AccountStore::tr("%1 is not a file.").arg(QDir::toNativeSeparators(m_path)));
    }

    const bool created = !QFileInfo::exists(m_path);
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return fail(AccountStore::tr("The folder %1 could not be created.")
                        .arg(QDir::toNativeSeparators(QFileInfo(m_path).absolutePath())));

    QSettings settings(m_path, QSettings::IniFormat);
    if (const QSettings::Status status = statusOf(settings, m_path); status != QSettings::NoError) {
        // Became unusable since load(): never write over it.
        m_setAsidePath = setAsidePath(m_path);
        return fail(
            AccountStore::tr("The settings file %1 cannot be used (%2); settings are not saved. Save again to move it "
                             "aside to %3.")
                .arg(QDir::toNativeSeparators(m_path), settingsStatusText(status),
                     QDir::toNativeSeparators(m_setAsidePath)));
    }

    // Never keep a secret in the file, wherever it came from.
    for (const QString &key : settings.allKeys()) {
        if (isSecretKey(key))
            settings.remove(key);
    }
    for (const QString &group : settings.childGroups()) {
        if (group.startsWith(AccountPrefix) && !ids.contains(group.mid(AccountPrefix.size())))
            settings.remove(group);
    }

    settings.setValue(Key::version, FormatVersion);
    settings.setValue(Key::notificationsEnabled, preferences.notificationsEnabled);
    settings.setValue(Key::hideContent, preferences.hideContent);
    settings.setValue(Key::quietHoursEnabled, preferences.quietHoursEnabled);
    settings.setValue(Key::quietFrom, preferences.quietFrom.toString(QStringLiteral("HH:mm")));
    settings.setValue(Key::quietTo, preferences.quietTo.toString(QStringLiteral("HH:mm")));
    settings.setValue(Key::startAtLogin, preferences.startAtLogin);
    settings.setValue(Key::groupThreshold, preferences.groupThreshold);

    for (const Account &account : accounts) {
        settings.beginGroup(groupName(account.id));
        settings.setValue(Key::name, account.name);
        settings.setValue(Key::email, account.email);
        settings.setValue(Key::host, account.host);
        if (account.port > 0)
            settings.setValue(Key::port, account.port);
        else
            settings.remove(Key::port);
        settings.setValue(Key::security, Account::securityName(account.security));
        settings.setValue(Key::username, account.username);
        settings.setValue(Key::mailboxes, account.mailboxes);
        settings.setValue(Key::enabled, account.enabled);
        settings.setValue(Key::passwordCommand, account.passwordCommand);
        settings.setValue(Key::caFile, account.caFile);
        settings.setValue(Key::pinnedSha256, QString::fromLatin1(account.pinnedSha256));
        settings.setValue(Key::useIdle, account.useIdle);
        settings.setValue(Key::idleRefreshMinutes, account.idleRefreshMinutes);
        settings.setValue(Key::pollIntervalMinutes, account.pollIntervalMinutes);
        settings.setValue(Key::clickAction, Account::clickActionName(account.clickAction));
        settings.setValue(Key::webmailUrl, account.webmailUrl);
        settings.setValue(Key::mailClientCommand, account.mailClientCommand);
        settings.setValue(Key::color, account.color);
        settings.endGroup();
    }

    // QSettings writes through QSaveFile: the old file stays whole until the
    // new one is complete.
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return fail(AccountStore::tr("The settings could not be written to %1 (%2).")
                        .arg(QDir::toNativeSeparators(m_path), settingsStatusText(settings.status())));
    if (created)
        QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

QString AccountStore::makeAccountId(const QString &name, const QStringList &taken)
{
    // Drop accents (NFKD splits "é" into "e" and a combining mark), keep
    // a-z 0-9 _, turn runs of anything else into one '-'.
    const QString decomposed = name.normalized(QString::NormalizationForm_KD).toLower();
    QString id;
    for (QChar c : decomposed) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_') {
            id += c;
        } else if (c.category() == QChar::Mark_NonSpacing) {
            continue;
        } else if (!id.isEmpty() && !id.endsWith(u'-')) {
            id += u'-';
        }
    }
    id.truncate(40);
    while (id.endsWith(u'-'))
        id.chop(1);
    if (id.isEmpty())
        id = QStringLiteral("account");

    QString candidate = id;
    for (int n = 2; taken.contains(candidate); ++n)
        candidate = id + u'-' + QString::number(n);
    return candidate;
}

} // namespace core
