// core::Account, core::Preferences and core::AccountStore: values, validation,
// the INI file and what happens to files that cannot be used.

#include "core/Account.h"
#include "core/AccountStore.h"
#include "core/Preferences.h"
#include "support/FileUtil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using core::Account;
using core::AccountStore;
using core::Preferences;
using session::Security;
using testsupport::fileMode;
using testsupport::readFile;
using testsupport::setAsideFiles;
using testsupport::writeFile;

namespace {

const QByteArray Fingerprint = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

bool anyContains(const QStringList &list, const QString &needle)
{
    return std::any_of(list.begin(), list.end(), [&](const QString &s) { return s.contains(needle); });
}

Account minimalAccount(const QString &id = QStringLiteral("work"))
{
    Account account;
    account.id = id;
    account.host = QStringLiteral("imap.example.org");
    account.username = QStringLiteral("me");
    return account;
}

} // namespace

class TestAccountStore : public QObject
{
    Q_OBJECT

private:
    // A readable file for caFile.
    QTemporaryDir m_caDir;
    QString m_caFile;

    Account fullAccount(const QString &id) const
    {
        Account a;
        a.id = id;
        a.name = QStringLiteral("Work, \"main\" = mail; #1 ü");
        a.email = QStringLiteral("me@example.org");
        a.host = QStringLiteral("imap.example.org");
        a.port = 1993;
        a.security = Security::StartTls;
        a.username = QStringLiteral("me@example.org");
        a.mailboxes = {QStringLiteral("INBOX"), QStringLiteral("Lists/Qt, dev"), QStringLiteral("@home"),
                       QStringLiteral("Entwürfe"), QStringLiteral("say \"hi\"")};
        a.enabled = false;
        a.passwordCommand = QStringLiteral("pass show \"mail/work account\"");
        a.caFile = m_caFile;
        a.pinnedSha256 = Fingerprint;
        a.useIdle = false;
        a.idleRefreshMinutes = 25;
        a.pollIntervalMinutes = 60;
        a.clickAction = Account::ClickAction::Webmail;
        a.webmailUrl = QStringLiteral("https://mail.example.org/?folder=INBOX&x=1,2");
        a.mailClientCommand = QStringLiteral("thunderbird -mail");
        a.color = QStringLiteral("#3366cc");
        return a;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_caDir.isValid());
        m_caFile = m_caDir.filePath(QStringLiteral("ca.pem"));
        QVERIFY(writeFile(m_caFile, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"));
    }

    void accountDefaults()
    {
        const Account a;
        QCOMPARE(a.port, 0);
        QCOMPARE(a.effectivePort(), quint16(993));
        QCOMPARE(a.security, Security::Tls);
        QCOMPARE(a.mailboxes, QStringList{QStringLiteral("INBOX")});
        QVERIFY(a.enabled);
        QVERIFY(a.useIdle);
        QCOMPARE(a.idleRefreshMinutes, 10);
        QCOMPARE(a.pollIntervalMinutes, 5);
        QCOMPARE(a.clickAction, Account::ClickAction::None);
        QVERIFY(a.color.isEmpty());
        QVERIFY(a.pinnedSha256.isEmpty());
    }

    void effectivePort_data()
    {
        QTest::addColumn<Security>("security");
        QTest::addColumn<int>("port");
        QTest::addColumn<int>("expected");
        QTest::newRow("tls default") << Security::Tls << 0 << 993;
        QTest::newRow("starttls default") << Security::StartTls << 0 << 143;
        QTest::newRow("none default") << Security::None << 0 << 143;
        QTest::newRow("tls explicit") << Security::Tls << 10993 << 10993;
        QTest::newRow("starttls explicit") << Security::StartTls << 587 << 587;
    }
    void effectivePort()
    {
        QFETCH(Security, security);
        QFETCH(int, port);
        QFETCH(int, expected);
        Account a = minimalAccount();
        a.security = security;
        a.port = port;
        QCOMPARE(int(a.effectivePort()), expected);
        QCOMPARE(int(a.sessionConfig(QStringLiteral("INBOX"), QString()).port), expected);
    }

    void preferencesDefaults()
    {
        const Preferences p;
        QVERIFY(p.notificationsEnabled);
        QVERIFY(!p.hideContent);
        QVERIFY(!p.quietHoursEnabled);
        QCOMPARE(p.quietFrom, QTime(22, 0));
        QCOMPARE(p.quietTo, QTime(7, 0));
        QVERIFY(!p.startAtLogin);
        QCOMPARE(p.groupThreshold, 3);
        QVERIFY(p.validate().isEmpty());
    }

    void isQuiet_data()
    {
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<QTime>("from");
        QTest::addColumn<QTime>("to");
        QTest::addColumn<QTime>("now");
        QTest::addColumn<bool>("quiet");
        const QTime t22(22, 0), t7(7, 0), t9(9, 0), t17(17, 0);
        QTest::newRow("disabled") << false << t22 << t7 << QTime(23, 0) << false;
        QTest::newRow("wrap: late evening") << true << t22 << t7 << QTime(23, 30) << true;
        QTest::newRow("wrap: at start") << true << t22 << t7 << t22 << true;
        QTest::newRow("wrap: midnight") << true << t22 << t7 << QTime(0, 0) << true;
        QTest::newRow("wrap: early morning") << true << t22 << t7 << QTime(6, 59) << true;
        QTest::newRow("wrap: at end") << true << t22 << t7 << t7 << false;
        QTest::newRow("wrap: noon") << true << t22 << t7 << QTime(12, 0) << false;
        QTest::newRow("day: inside") << true << t9 << t17 << QTime(12, 0) << true;
        QTest::newRow("day: before") << true << t9 << t17 << QTime(8, 59) << false;
        QTest::newRow("day: at end") << true << t9 << t17 << t17 << false;
        QTest::newRow("empty window") << true << t9 << t9 << t9 << false;
        QTest::newRow("invalid now") << true << t22 << t7 << QTime() << false;
    }
    void isQuiet()
    {
        QFETCH(bool, enabled);
        QFETCH(QTime, from);
        QFETCH(QTime, to);
        QFETCH(QTime, now);
        QFETCH(bool, quiet);
        Preferences p;
        p.quietHoursEnabled = enabled;
        p.quietFrom = from;
        p.quietTo = to;
        QCOMPARE(p.isQuiet(now), quiet);
    }

    void preferencesValidate()
    {
        Preferences p;
        p.groupThreshold = 0;
        QCOMPARE(p.validate().size(), 1);
        p.groupThreshold = 3;
        p.quietHoursEnabled = true;
        p.quietFrom = p.quietTo = QTime(8, 0);
        QCOMPARE(p.validate().size(), 1);
        p.quietFrom = QTime();
        QCOMPARE(p.validate().size(), 1);
    }

    void validate_data()
    {
        QTest::addColumn<Account>("account");
        QTest::addColumn<QString>("expected"); // a word of the only message; empty: valid

        const Account ok = minimalAccount();
        QTest::newRow("valid") << ok << QString();
        Account a = ok;
        a.security = Security::None;
        QTest::newRow("plaintext is allowed") << a << QString();
        a = fullAccount(QStringLiteral("full"));
        QTest::newRow("every field set") << a << QString();
        a = ok;
        a.username.clear();
        a.email = QStringLiteral("me@example.org");
        QTest::newRow("email as user name") << a << QString();

        a = ok;
        a.host.clear();
        QTest::newRow("missing host") << a << QStringLiteral("host");
        a = ok;
        a.host = QStringLiteral("imap.example.org:993");
        QTest::newRow("host with port") << a << QStringLiteral("port in its own field");
        a = ok;
        a.host = QStringLiteral("imap example.org");
        QTest::newRow("host with space") << a << QStringLiteral("not a valid server name");
        a = ok;
        a.port = 70000;
        QTest::newRow("port too big") << a << QStringLiteral("port 70000");
        a = ok;
        a.port = -1;
        QTest::newRow("negative port") << a << QStringLiteral("port -1");
        a = ok;
        a.id.clear();
        QTest::newRow("no id") << a << QStringLiteral("no id");
        a = ok;
        a.id = QStringLiteral("Work");
        QTest::newRow("upper-case id") << a << QStringLiteral("account id");
        a = ok;
        a.id = QStringLiteral("my.work");
        QTest::newRow("id with dot") << a << QStringLiteral("account id");
        a = ok;
        a.id = QString(65, u'a');
        QTest::newRow("id too long") << a << QStringLiteral("account id");
        a = ok;
        a.username.clear();
        QTest::newRow("no user name") << a << QStringLiteral("user name");
        a = ok;
        a.email = QStringLiteral("not-an-address");
        QTest::newRow("bad email") << a << QStringLiteral("not an email address");
        a = ok;
        a.mailboxes.clear();
        QTest::newRow("no mailbox") << a << QStringLiteral("No mailbox");
        a = ok;
        a.mailboxes = {QStringLiteral("INBOX"), QStringLiteral("INBOX")};
        QTest::newRow("mailbox twice") << a << QStringLiteral("listed twice");
        a = ok;
        a.mailboxes = {QStringLiteral(" ")};
        QTest::newRow("blank mailbox") << a << QStringLiteral("mailbox name is empty");
        a = ok;
        a.pinnedSha256 = "abc";
        QTest::newRow("short fingerprint") << a << QStringLiteral("fingerprint");
        a = ok;
        a.pinnedSha256 = Fingerprint.toUpper();
        QTest::newRow("fingerprint not normalized") << a << QStringLiteral("fingerprint");
        a = ok;
        a.pinnedSha256 = QByteArray(64, 'g');
        QTest::newRow("fingerprint not hex") << a << QStringLiteral("fingerprint");
        a = ok;
        a.caFile = QStringLiteral("/nonexistent/ca.pem");
        QTest::newRow("missing CA file") << a << QStringLiteral("cannot be read");
        a = ok;
        a.caFile = QDir::tempPath();
        QTest::newRow("CA file is a folder") << a << QStringLiteral("cannot be read");
        a = ok;
        a.caFile = QStringLiteral("ca.pem");
        QTest::newRow("relative CA file") << a << QStringLiteral("full path");
        a = ok;
        a.webmailUrl = QStringLiteral("javascript:alert(1)");
        QTest::newRow("javascript webmail") << a << QStringLiteral("http");
        a = ok;
        a.webmailUrl = QStringLiteral("file:///etc/passwd");
        QTest::newRow("file webmail") << a << QStringLiteral("http");
        a = ok;
        a.webmailUrl = QStringLiteral("ftp://mail.example.org/");
        QTest::newRow("ftp webmail") << a << QStringLiteral("http");
        a = ok;
        a.webmailUrl = QStringLiteral("mail.example.org");
        QTest::newRow("webmail without scheme") << a << QStringLiteral("http");
        a = ok;
        a.clickAction = Account::ClickAction::Webmail;
        QTest::newRow("webmail action without URL") << a << QStringLiteral("no webmail address");
        a = ok;
        a.clickAction = Account::ClickAction::Command;
        QTest::newRow("command action without command") << a << QStringLiteral("no mail client command");
        a = ok;
        a.passwordCommand = QStringLiteral("\"\"");
        QTest::newRow("password command without program") << a << QStringLiteral("no program");
        a = ok;
        a.idleRefreshMinutes = 1;
        QTest::newRow("idle refresh too short") << a << QStringLiteral("IDLE refresh");
        a = ok;
        a.idleRefreshMinutes = 30;
        QTest::newRow("idle refresh too long") << a << QStringLiteral("IDLE refresh");
        a = ok;
        a.pollIntervalMinutes = 0;
        QTest::newRow("poll interval zero") << a << QStringLiteral("polling interval");
        a = ok;
        a.pollIntervalMinutes = 1441;
        QTest::newRow("poll interval too long") << a << QStringLiteral("polling interval");
        a = ok;
        a.color = QStringLiteral("blue");
        QTest::newRow("color name") << a << QStringLiteral("#rrggbb");
        a = ok;
        a.color = QStringLiteral("#12345g");
        QTest::newRow("color not hex") << a << QStringLiteral("#rrggbb");
    }
    void validate()
    {
        QFETCH(Account, account);
        QFETCH(QString, expected);
        const QStringList problems = account.validate();
        if (expected.isEmpty()) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        } else {
            QCOMPARE(problems.size(), 1);
            QVERIFY2(problems.first().contains(expected, Qt::CaseInsensitive), qPrintable(problems.first()));
        }
    }

    void normalizeSha256_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty") << QString() << true << QByteArray();
        QTest::newRow("lower") << QString::fromLatin1(Fingerprint) << true << Fingerprint;
        QTest::newRow("upper") << QString::fromLatin1(Fingerprint.toUpper()) << true << Fingerprint;
        QString colons;
        for (int i = 0; i < Fingerprint.size(); i += 2)
            colons += (i ? QStringLiteral(":") : QString()) + QString::fromLatin1(Fingerprint.mid(i, 2)).toUpper();
        QTest::newRow("colons") << colons << true << Fingerprint;
        QTest::newRow("sha1 length") << QStringLiteral("0123456789abcdef0123456789abcdef01234567") << false
                                     << QByteArray();
        QTest::newRow("not hex") << QString(64, u'z') << false << QByteArray();
        QTest::newRow("too long") << QString::fromLatin1(Fingerprint + "00") << false << QByteArray();
    }
    void normalizeSha256()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QByteArray, expected);
        bool valid = !ok;
        QCOMPARE(Account::normalizeSha256(text, &valid), expected);
        QCOMPARE(valid, ok);
    }

    void sameConnection_data()
    {
        QTest::addColumn<Account>("changed");
        QTest::addColumn<bool>("same");
        const Account base = fullAccount(QStringLiteral("work"));
        Account a = base;
        QTest::newRow("identical") << a << true;
        a.name = QStringLiteral("Other");
        QTest::newRow("name") << a << true;
        a = base;
        a.color = QStringLiteral("#000000");
        QTest::newRow("color") << a << true;
        a = base;
        a.clickAction = Account::ClickAction::Command;
        QTest::newRow("click action") << a << true;
        a = base;
        a.webmailUrl = QStringLiteral("https://other.example.org/");
        QTest::newRow("webmail URL") << a << true;
        a = base;
        a.mailClientCommand = QStringLiteral("evolution");
        QTest::newRow("mail client") << a << true;
        a = base;
        a.email = QStringLiteral("other@example.org");
        QTest::newRow("email, user name set") << a << true;
        a = base;
        a.host = QStringLiteral("imap2.example.org");
        QTest::newRow("host") << a << false;
        a = base;
        a.port = 143;
        QTest::newRow("port") << a << false;
        a = base;
        a.security = Security::Tls;
        QTest::newRow("security") << a << false;
        a = base;
        a.username = QStringLiteral("other");
        QTest::newRow("user name") << a << false;
        a = base;
        a.mailboxes << QStringLiteral("Archive");
        QTest::newRow("mailboxes") << a << false;
        a = base;
        a.enabled = true;
        QTest::newRow("enabled") << a << false;
        a = base;
        a.passwordCommand = QStringLiteral("pass show other");
        QTest::newRow("password command") << a << false;
        a = base;
        a.caFile.clear();
        QTest::newRow("CA file") << a << false;
        a = base;
        a.pinnedSha256.clear();
        QTest::newRow("pinned certificate") << a << false;
        a = base;
        a.useIdle = true;
        QTest::newRow("use IDLE") << a << false;
        a = base;
        a.idleRefreshMinutes = 5;
        QTest::newRow("IDLE refresh") << a << false;
        a = base;
        a.pollIntervalMinutes = 2;
        QTest::newRow("poll interval") << a << false;
        a = base;
        a.id = QStringLiteral("other");
        QTest::newRow("id") << a << false;
    }
    void sameConnection()
    {
        QFETCH(Account, changed);
        QFETCH(bool, same);
        const Account base = fullAccount(QStringLiteral("work"));
        QCOMPARE(base.sameConnection(changed), same);
        QCOMPARE(changed.sameConnection(base), same);
        QCOMPARE(base == changed, QTest::currentDataTag() == QByteArray("identical"));
    }

    void sameConnectionEffectiveValues()
    {
        Account a = minimalAccount();
        Account b = a;
        b.port = 993; // what 0 means for TLS
        QVERIFY(a.sameConnection(b));
        QVERIFY(a != b);
        a.username.clear();
        a.email = QStringLiteral("me@example.org");
        b = a;
        b.email = QStringLiteral("you@example.org"); // the login when there is no user name
        QVERIFY(!a.sameConnection(b));
    }

    void sessionConfig()
    {
        Account a = fullAccount(QStringLiteral("work"));
        session::SessionConfig c = a.sessionConfig(QStringLiteral("Lists/Qt, dev"), QStringLiteral("pw"));
        QCOMPARE(c.host, a.host);
        QCOMPARE(c.port, quint16(1993));
        QCOMPARE(c.security, Security::StartTls);
        QCOMPARE(c.username, a.username);
        QCOMPARE(c.password, QStringLiteral("pw"));
        QCOMPARE(c.mailbox, QStringLiteral("Lists/Qt, dev"));
        QCOMPARE(c.tls.caFile, m_caFile);
        QCOMPARE(c.tls.pinnedSha256, Fingerprint);
        QCOMPARE(c.useIdle, false);
        QCOMPARE(c.idleRefresh, std::chrono::seconds(25 * 60));
        QCOMPARE(c.pollInterval, std::chrono::seconds(60 * 60));
        QCOMPARE(c.clientName, QStringLiteral("work/Lists/Qt, dev"));

        a.username.clear();
        a.idleRefreshMinutes = 100; // out of range: clamped to what RFC 2177 allows
        c = a.sessionConfig(QStringLiteral("INBOX"), QString());
        QCOMPARE(c.username, QStringLiteral("me@example.org"));
        QCOMPARE(c.idleRefresh, std::chrono::seconds(29 * 60));
    }

    void makeAccountId_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("taken");
        QTest::addColumn<QString>("expected");
        QTest::newRow("simple") << QStringLiteral("Work") << QStringList() << QStringLiteral("work");
        QTest::newRow("taken") << QStringLiteral("Work") << QStringList{QStringLiteral("work")}
                               << QStringLiteral("work-2");
        QTest::newRow("taken twice") << QStringLiteral("Work")
                                     << QStringList{QStringLiteral("work"), QStringLiteral("work-2")}
                                     << QStringLiteral("work-3");
        QTest::newRow("accents and punctuation")
            << QStringLiteral("Jürgen's  Mail!") << QStringList() << QStringLiteral("jurgen-s-mail");
        QTest::newRow("email") << QStringLiteral("me@Example.org") << QStringList() << QStringLiteral("me-example-org");
        QTest::newRow("underscore") << QStringLiteral("a_b c") << QStringList() << QStringLiteral("a_b-c");
        QTest::newRow("blank") << QStringLiteral("  ") << QStringList() << QStringLiteral("account");
        QTest::newRow("no latin letters") << QStringLiteral("日本") << QStringList() << QStringLiteral("account");
        QTest::newRow("blank, taken") << QString() << QStringList{QStringLiteral("account")}
                                      << QStringLiteral("account-2");
        QTest::newRow("long") << QString(100, u'x') << QStringList() << QString(40, u'x');
    }
    void makeAccountId()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, taken);
        QFETCH(QString, expected);
        const QString id = AccountStore::makeAccountId(name, taken);
        QCOMPARE(id, expected);
        QVERIFY(Account::isValidId(id));
        QVERIFY(!taken.contains(id));
    }

    void defaultPath()
    {
        const QByteArray saved = qgetenv("XDG_CONFIG_HOME");
        qputenv("XDG_CONFIG_HOME", "/custom/config");
        QCOMPARE(AccountStore::defaultPath(), QStringLiteral("/custom/config/idlebell/idlebell.conf"));
        qputenv("XDG_CONFIG_HOME", "relative/ignored");
        QCOMPARE(AccountStore::defaultPath(), QDir::homePath() + QStringLiteral("/.config/idlebell/idlebell.conf"));
        qunsetenv("XDG_CONFIG_HOME");
        QCOMPARE(AccountStore::defaultPath(), QDir::homePath() + QStringLiteral("/.config/idlebell/idlebell.conf"));
        if (!saved.isNull())
            qputenv("XDG_CONFIG_HOME", saved);
    }

    void missingFileGivesDefaults()
    {
        QTemporaryDir dir;
        AccountStore store(dir.filePath(QStringLiteral("sub/idlebell.conf")));
        const AccountStore::LoadResult r = store.load();
        QVERIFY(r.accounts.isEmpty());
        QCOMPARE(r.preferences, Preferences());
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(u'\n')));
    }

    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config/idlebell.conf")); // folder created on save
        Preferences prefs;
        prefs.notificationsEnabled = false;
        prefs.hideContent = true;
        prefs.quietHoursEnabled = true;
        prefs.quietFrom = QTime(23, 15);
        prefs.quietTo = QTime(6, 45);
        prefs.startAtLogin = true;
        prefs.groupThreshold = 7;

        Account minimal = minimalAccount(QStringLiteral("a-minimal_1"));
        const QList<Account> saved{fullAccount(QStringLiteral("zeta")), minimal};

        QString error;
        QVERIFY2(AccountStore(path).save(saved, prefs, &error), qPrintable(error));
        QVERIFY(error.isEmpty());
        QCOMPARE(fileMode(path), 0600); // user names and servers are nobody else's business

        AccountStore store(path);
        const AccountStore::LoadResult r = store.load();
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(u'\n')));
        QCOMPARE(r.preferences, prefs);
        QCOMPARE(r.accounts.size(), 2);
        QCOMPARE(r.accounts.at(0), minimal); // sorted by id
        QCOMPARE(r.accounts.at(1), saved.at(0));

        // Stable: saving what was loaded changes nothing.
        const QByteArray before = readFile(path);
        QVERIFY(store.save(r.accounts, r.preferences, &error));
        QCOMPARE(readFile(path), before);

        // The file is readable by people: groups as documented.
        QVERIFY(before.contains("[account.zeta]"));
        QVERIFY(before.contains("[account.a-minimal_1]"));
        QVERIFY(before.contains("security=starttls"));
        QVERIFY(before.contains("quietFrom=23:15"));
    }

    void portUnsetIsNotWritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("idlebell.conf"));
        QVERIFY(AccountStore(path).save({minimalAccount()}, Preferences(), nullptr));
        QVERIFY(!readFile(path).contains("port="));
        Account a = AccountStore(path).load().accounts.value(0);
        QCOMPARE(a.port, 0);
        a.security = Security::StartTls;
        QCOMPARE(a.effectivePort(), quint16(143)); // follows the security
    }

    void saveRemovesDeletedAccountsKeepsOthers()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("idlebell.conf"));
        AccountStore store(path);
        QVERIFY(store.save({minimalAccount(QStringLiteral("one")), minimalAccount(QStringLiteral("two"))},
                           Preferences(), nullptr));
        {
            QSettings other(path, QSettings::IniFormat); // someone else's group
            other.setValue(QStringLiteral("ui/geometry"), QStringLiteral("10,10"));
        }
        QVERIFY(store.save({minimalAccount(QStringLiteral("two"))}, Preferences(), nullptr));
        const QByteArray text = readFile(path);
        QVERIFY(!text.contains("[account.one]"));
        QVERIFY(text.contains("[account.two]"));
        QVERIFY(text.contains("[ui]"));
        const AccountStore::LoadResult r = store.load();
        QCOMPARE(r.accounts.size(), 1);
        QCOMPARE(r.accounts.first().id, QStringLiteral("two"));
    }

    void saveRejectsBadIds_data()
    {
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("invalid") << QStringList{QStringLiteral("Bad Id")};
        QTest::newRow("duplicate") << QStringList{QStringLiteral("a"), QStringLiteral("a")};
        QTest::newRow("empty") << QStringList{QString()};
    }
    void saveRejectsBadIds()
    {
        QFETCH(QStringList, ids);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("idlebell.conf"));
        QList<Account> accounts;
        for (const QString &id : ids)
            accounts << minimalAccount(id);
        QString error;
        QVERIFY(!AccountStore(path).save(accounts, Preferences(), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFileInfo::exists(path));
    }

    void invalidValues_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected"); // the field's value after loading, as text

        QTest::newRow("port not a number")
            << QStringLiteral("port") << QStringLiteral("abc") << QStringLiteral("port") << QStringLiteral("0");
        QTest::newRow("port too big") << QStringLiteral("port") << QStringLiteral("70000") << QStringLiteral("port")
                                      << QStringLiteral("0");
        QTest::newRow("port zero") << QStringLiteral("port") << QStringLiteral("0") << QStringLiteral("port")
                                   << QStringLiteral("0");
        QTest::newRow("unknown security") << QStringLiteral("security") << QStringLiteral("ssl3")
                                          << QStringLiteral("security") << QStringLiteral("tls");
        QTest::newRow("enabled not a bool") << QStringLiteral("enabled") << QStringLiteral("maybe")
                                            << QStringLiteral("enabled") << QStringLiteral("true");
        QTest::newRow("useIdle not a bool")
            << QStringLiteral("useIdle") << QStringLiteral("2") << QStringLiteral("useIdle") << QStringLiteral("true");
        QTest::newRow("idle refresh too long") << QStringLiteral("idleRefreshMinutes") << QStringLiteral("50")
                                               << QStringLiteral("idleRefreshMinutes") << QStringLiteral("10");
        QTest::newRow("idle refresh not a number") << QStringLiteral("idleRefreshMinutes") << QStringLiteral("ten")
                                                   << QStringLiteral("idleRefreshMinutes") << QStringLiteral("10");
        QTest::newRow("poll interval zero") << QStringLiteral("pollIntervalMinutes") << QStringLiteral("0")
                                            << QStringLiteral("pollIntervalMinutes") << QStringLiteral("5");
        QTest::newRow("unknown click action") << QStringLiteral("clickAction") << QStringLiteral("launch")
                                              << QStringLiteral("clickAction") << QStringLiteral("none");
        QTest::newRow("short fingerprint") << QStringLiteral("pinnedSha256") << QStringLiteral("abcdef")
                                           << QStringLiteral("pinnedSha256") << QStringLiteral("");
        QTest::newRow("javascript webmail") << QStringLiteral("webmailUrl") << QStringLiteral("javascript:alert(1)")
                                            << QStringLiteral("webmailUrl") << QStringLiteral("");
        QTest::newRow("file webmail") << QStringLiteral("webmailUrl") << QStringLiteral("file:///etc/passwd")
                                      << QStringLiteral("webmailUrl") << QStringLiteral("");
        QTest::newRow("color name") << QStringLiteral("color") << QStringLiteral("red") << QStringLiteral("color")
                                    << QStringLiteral("");
        QTest::newRow("no mailboxes") << QStringLiteral("mailboxes") << QStringLiteral("")
                                      << QStringLiteral("mailboxes") << QStringLiteral("INBOX");
        QTest::newRow("blank mailboxes") << QStringLiteral("mailboxes") << QStringLiteral("\" \", \"\"")
                                         << QStringLiteral("mailboxes") << QStringLiteral("INBOX");
    }
    void invalidValues()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, field);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("idlebell.conf"));
        QVERIFY(writeFile(
            path,
            QStringLiteral("[account.work]\nhost=imap.example.org\nusername=me\n%1=%2\n").arg(key, value).toUtf8()));
        const AccountStore::LoadResult r = AccountStore(path).load();
        QCOMPARE(r.accounts.size(), 1);
        const Account &a = r.accounts.first();
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY2(r.warnings.first().contains(QStringLiteral("\"work\"")), qPrintable(r.warnings.first()));
        QVERIFY2(r.warnings.first().contains(key), qPrintable(r.warnings.first()));
        QVERIFY(a.validate().isEmpty()); // what was loaded can be used

        QString actual;
        if (field == QLatin1String("port"))
            actual = QString::number(a.port);
        else if (field == QLatin1String("security"))
            actual = Account::securityName(a.security);
        else if (field == QLatin1String("enabled"))
            actual = a.enabled ? QStringLiteral("true") : QStringLiteral("false");
        else if (field == QLatin1String("useIdle"))
            actual = a.useIdle ? QStringLiteral("true") : QStringLiteral("false");
        else if (field == QLatin1String("idleRefreshMinutes"))
            actual = QString::number(a.idleRefreshMinutes);
        else if (field == QLatin1String("pollIntervalMinutes"))
            actual = QString::number(a.pollIntervalMinutes);
        else if (field == QLatin1String("clickAction"))
            actual = Account::clickActionName(a.clickAction);
        else if (field == QLatin1String("pinnedSha256"))
            actual = QString::fromLatin1(a.pinnedSha256);
        else if (field == QLatin1String("webmailUrl"))
            actual = a.webmailUrl;
        else if (field == QLatin1String("color"))
            actual = a.color;
        else if (field == QLatin1String("mailboxes"))
            actual = a.mailboxes.join(u',');
        else
            QFAIL("unknown field");
        QCOMPARE(actual, expected);
    }

    void lenientValues()
    {
        // Hand-written forms that mean something clear are accepted silently.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("idlebell.conf"));
        QString colons;
        for (int i = 0; i < Fingerprint.size(); i += 2)
            colons += (i ? QStringLiteral(":") : QString()) + QString::fromLatin1(Fingerprint.mid(i, 2)).toUpper();
        QVERIFY(writeFile(path,
                          "[General]\nnotificationsEnabled=no\nquietFrom=9:30\n"
                          "[account.work]\nhost= imap.example.org \nusername=me\nsecurity=STARTTLS\n"
                          "enabled=off\nmailboxes=INBOX, Archive\ncolor=#AABBCC\npinnedSha256="
                              + colons.toLatin1() + "\n"));
        const AccountStore::LoadResult r = AccountStore(path).load();
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(u'\n')));
        QVERIFY(!r.preferences.notificationsEnabled);
        QCOMPARE(r.preferences.quietFrom, QTime(9, 30));
        const Account &a = r.accounts.first();
        QCOMPARE(a.host, QStringLiteral("imap.example.org"));
        QCOMPARE(a.security, Security::StartTls);
        QVERIFY(!a.enabled);
        QCOMPARE(a.mailboxes, (QStringList{QStringLiteral("INBOX"), QStringLiteral("Archive")}));
        QCOMPARE(a.color, QStringLiteral("#aabbcc"));
        QCOMPARE(a.pinnedSha256, Fingerprint);
    }

    void invalidPreferences_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("key");
        QTest::newRow("bool") << QByteArray("notificationsEnabled=sometimes") << QStringLiteral("notificationsEnabled");
        QTest::newRow("time") << QByteArray("quietFrom=25:99") << QStringLiteral("quietFrom");
        QTest::newRow("threshold") << QByteArray("groupThreshold=-1") << QStringLiteral("groupThreshold");
    }
    void invalidPreferences()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, key);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("idlebell.conf"));
        QVERIFY(writeFile(path, "[General]\n" + line + "\n"));
        const AccountStore::LoadResult r = AccountStore(path).load();
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY2(r.warnings.first().contains(key), qPrintable(r.warnings.first()));
        QCOMPARE(r.preferences, Preferences());
    }

    void badGroupsAndKeys()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("idlebell.conf"));
        QVERIFY(writeFile(path,
                          "[account.Work]\nhost=a.example.org\nusername=me\n"
                          "[account.good]\nhost=b.example.org\nusername=me\nhots=typo\n"
                          "[account.nohost]\nusername=me\n"
                          "[ui]\nanything=1\n"));
        const AccountStore::LoadResult r = AccountStore(path).load();
        QCOMPARE(r.accounts.size(), 2);
        QCOMPARE(r.accounts.at(0).id, QStringLiteral("good"));
        QCOMPARE(r.accounts.at(1).id, QStringLiteral("nohost"));
        QCOMPARE(r.warnings.size(), 3);
        QVERIFY(anyContains(r.warnings, QStringLiteral("account.Work")));
        QVERIFY(anyContains(r.warnings, QStringLiteral("hots")));
        QVERIFY(anyContains(r.warnings, QStringLiteral("\"nohost\"")));
    }

    void passwordKeysIgnoredAndNeverWritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("idlebell.conf"));
        QVERIFY(writeFile(path,
                          "[General]\nsecret=TopSecretGeneral\n"
                          "[account.work]\nhost=imap.example.org\nusername=me\npassword=Hunter2Account\n"
                          "Pass=Hunter3Account\npasswordCommand=pass show mail/work\n"));
        AccountStore store(path);
        const AccountStore::LoadResult r = store.load();
        QCOMPARE(r.warnings.size(), 3);
        for (const QString &w : r.warnings) {
            QVERIFY2(w.contains(QStringLiteral("passwords do not belong in the settings file; use the keyring or "
                                               "passwordCommand")),
                     qPrintable(w));
            QVERIFY(!w.contains(QStringLiteral("Hunter")));
            QVERIFY(!w.contains(QStringLiteral("TopSecret")));
        }
        QCOMPARE(r.accounts.size(), 1);
        QCOMPARE(r.accounts.first().passwordCommand, QStringLiteral("pass show mail/work"));

        QVERIFY(store.save(r.accounts, r.preferences, nullptr));
        const QByteArray text = readFile(path);
        QVERIFY(!text.contains("Hunter"));
        QVERIFY(!text.contains("TopSecret"));
        QVERIFY(!QString::fromUtf8(text).contains(
            QRegularExpression(QStringLiteral("^\\s*(password|pass|passwd|pwd|secret)\\s*="),
                               QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption)));
        QVERIFY(text.contains("passwordCommand=pass show mail/work"));
        QVERIFY(AccountStore(path).load().warnings.isEmpty());
    }

    // Qt caches a parsed settings file per process: a second store (the app
    // loads at start, the settings dialog loads again) must still see that
    // the file is broken, and must not write over it.
    void corruptFileSeenTwice()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("idlebell.conf"));
        const QByteArray garbage("[account.a\nhost=x\n");
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(garbage);
        }
        core::AccountStore first(path);
        QVERIFY(!first.load().warnings.isEmpty());
        core::AccountStore second(path);
        QVERIFY(!second.load().warnings.isEmpty());
        core::Account a;
        a.id = QStringLiteral("a");
        a.host = QStringLiteral("imap.example.org");
        QVERIFY(second.save({a}, core::Preferences()));
        // The broken file was moved aside, not overwritten.
        QDir d(dir.path());
        const QStringList aside = d.entryList({QStringLiteral("idlebell.conf.corrupt-*")});
        QCOMPARE(aside.size(), 1);
        QFile kept(d.filePath(aside.first()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), garbage);
    }

    void corruptFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("binary garbage") << QByteArray("[General\n\x00\xff", 11);
        QTest::newRow("unterminated group") << QByteArray("[account.work\nhost=x\n");
    }
    void corruptFile()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("idlebell.conf"));
        QVERIFY(writeFile(path, content));

        AccountStore store(path);
        const AccountStore::LoadResult r = store.load();
        QVERIFY(r.accounts.isEmpty());
        QCOMPARE(r.preferences, Preferences());
        QCOMPARE(r.warnings.size(), 1);
        const QString aside = store.pendingSetAsidePath();
        QVERIFY(aside.startsWith(path + QStringLiteral(".corrupt-")));
        QVERIFY(QRegularExpression(QStringLiteral("\\.corrupt-\\d{8}-\\d{6}$")).match(aside).hasMatch());
        QVERIFY2(r.warnings.first().contains(path), qPrintable(r.warnings.first()));
        QVERIFY2(r.warnings.first().contains(aside), qPrintable(r.warnings.first()));
        QCOMPARE(readFile(path), content); // loading changes nothing

        QString error;
        QVERIFY2(store.save({minimalAccount()}, Preferences(), &error), qPrintable(error));
        QCOMPARE(readFile(aside), content); // the original, byte for byte
        const AccountStore::LoadResult again = AccountStore(path).load();
        QVERIFY2(again.warnings.isEmpty(), qPrintable(again.warnings.join(u'\n')));
        QCOMPARE(again.accounts.size(), 1);
        QCOMPARE(setAsideFiles(path).size(), 1);
    }

    void directoryInsteadOfFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("idlebell.conf"));
        QVERIFY(QDir().mkpath(path));
        QVERIFY(writeFile(path + QStringLiteral("/inside"), "keep me"));

        AccountStore store(path);
        const AccountStore::LoadResult r = store.load();
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY(r.accounts.isEmpty());
        QVERIFY(QFileInfo(path).isDir());

        QString error;
        QVERIFY2(store.save({minimalAccount()}, Preferences(), &error), qPrintable(error));
        const QStringList aside = setAsideFiles(path);
        QCOMPARE(aside.size(), 1);
        QCOMPARE(readFile(dir.filePath(aside.first() + QStringLiteral("/inside"))), QByteArray("keep me"));
        QCOMPARE(AccountStore(path).load().accounts.size(), 1);
    }

    void unreadableFile()
    {
        if (::geteuid() == 0)
            QSKIP("root can read any file");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("idlebell.conf"));
        const QByteArray content = "[account.work]\nhost=imap.example.org\n";
        QVERIFY(writeFile(path, content));
        QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));

        AccountStore store(path);
        const AccountStore::LoadResult r = store.load();
        QCOMPARE(r.warnings.size(), 1);
        QVERIFY(r.accounts.isEmpty());
        QVERIFY(store.save({}, Preferences(), nullptr));
        const QStringList aside = setAsideFiles(path);
        QCOMPARE(aside.size(), 1);
        QVERIFY(QFile::setPermissions(dir.filePath(aside.first()), QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QCOMPARE(readFile(dir.filePath(aside.first())), content);
    }

    void fileBrokenAfterLoadIsNotOverwritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("idlebell.conf"));
        AccountStore store(path);
        QVERIFY(store.save({minimalAccount()}, Preferences(), nullptr));
        QCOMPARE(store.load().accounts.size(), 1);

        const QByteArray garbage("[General\n\x00\xff\xfe garbage written by someone else", 42);
        QVERIFY(writeFile(path, garbage));
        QString error;
        QVERIFY(!store.save({minimalAccount()}, Preferences(), &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(readFile(path), garbage);

        // Saving again sets it aside first, then writes.
        QVERIFY2(store.save({minimalAccount()}, Preferences(), &error), qPrintable(error));
        const QStringList aside = setAsideFiles(path);
        QCOMPARE(aside.size(), 1);
        QCOMPARE(readFile(dir.filePath(aside.first())), garbage);
        QCOMPARE(AccountStore(path).load().accounts.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAccountStore)
#include "tst_accountstore.moc"
