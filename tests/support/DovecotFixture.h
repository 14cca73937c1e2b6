#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QTemporaryDir;

namespace testsupport {

// The real Dovecot that tests/support/dovecot-fixture.sh runs for the integration
// tests. CTest starts one shared instance (test fixture.dovecot.start) and hands its
// state dir to every integration test as IDLEBELL_TEST_DOVECOT; this class reads the
// env file there. See tests/support/README.md.
//
// Listeners (ports are chosen at start; never hard-code them):
//   host():imapsPort()           implicit TLS (also on loopbackHost(), "localhost")
//   host():imapPort()            plaintext, offers STARTTLS; LOGIN before it -> LOGINDISABLED
//   plainHost():plainPort()      plaintext auth allowed (accounts with security=none)
// The certificate (caCertPath(), self-signed, CN=localhost, SAN DNS:localhost and
// IP:127.0.0.1-3) is the one to trust; certSha256() is its DER's SHA-256 in lowercase hex.
//
// Users are user1..user80; user N's password is "ib-Pw-N-Zq8y" (password(n)). The string
// is distinctive on purpose: a test may grep logs to prove it never leaked.
//
// Tests run in parallel against the shared instance, so each test program owns its users:
//   users  1- 5  tst_fixture (this helper's own test)
//   users  6-10  login and security: implicit TLS, STARTTLS, plaintext, wrong password,
//                certificate errors and pinning
//   users 11-20  new mail end to end: IDLE, notifications, summaries, RFC 2047 subjects
//   users 21-30  unread count follows the server: flags, expunge, move, several folders
//   users 31-40  reliability: kick, dead links, reconnect (restarts: use startPrivate())
//   users 41-50  several accounts and folders in one Monitor (tst_scale: 41-43)
//   users 51-60  limits: mail_max_userip_connections (maxUserIpConnections()), big mailboxes;
//                tst_scale: 50 accounts over users 51-60
//   users 61-70  the idlebell binary end to end (IDLEBELL_BINARY)
//   users 71-75  the account dialog (Test connection)
//   users 76-80  ConnectionProbe and MailboxWriter (tst_probe)
// A test that needs Dovecot down or restarted must not do that to the shared instance
// (other tests are using it): startPrivate() gives it an instance of its own, same users.
class DovecotFixture
{
public:
    struct ProcessResult
    {
        int exitCode = -1;      // -1: did not start, crashed or timed out
        QByteArray output;      // stdout
        QByteArray errorOutput; // stderr
        QString error;          // why it failed to run, if it did
        bool ok() const { return exitCode == 0; }
        // One line for test failure messages: exit code, error, stderr.
        QString describe() const;
    };

    DovecotFixture(DovecotFixture &&other) noexcept;
    DovecotFixture &operator=(DovecotFixture &&other) noexcept;
    DovecotFixture(const DovecotFixture &) = delete;
    DovecotFixture &operator=(const DovecotFixture &) = delete;
    // Stops the instance only if this object started it (startPrivate()).
    ~DovecotFixture();

    // The shared instance named by IDLEBELL_TEST_DOVECOT. nullopt with *error set when the
    // variable is missing, the env file is missing or incomplete, or Dovecot is not running.
    static std::optional<DovecotFixture> fromEnvironment(QString *error = nullptr);
    // An instance described by STATE_DIR/env.
    static std::optional<DovecotFixture> fromStateDir(const QString &stateDir, QString *error = nullptr);
    // For initTestCase(): fromEnvironment(), or a QTest failure (never a skip) saying how to
    // run the test. Use as:
    //   m_dovecot = DovecotFixture::requireFixture();
    //   if (!m_dovecot)
    //       return; // the test has failed already, with the reason
    static std::optional<DovecotFixture> requireFixture();
    // Starts an instance of its own in a temporary state dir (about a second); it is
    // stopped and removed when the returned object is destroyed.
    static std::optional<DovecotFixture> startPrivate(QString *error = nullptr);

    // The script that runs Dovecot (IDLEBELL_DOVECOT_FIXTURE_SCRIPT overrides).
    static QString scriptPath();

    QString stateDir() const { return m_stateDir; }
    QString directory() const { return value("DOVECOT_DIR"); }
    QString configPath() const { return value("DOVECOT_CONF"); }
    QString logPath() const { return value("DOVECOT_LOG"); }
    QString rawlogDir() const { return value("RAWLOG_DIR"); } // empty unless IDLEBELL_RAWLOG=1

    QString host() const { return value("HOST"); }
    quint16 imapsPort() const { return port("IMAPS_PORT"); }
    quint16 imapPort() const { return port("IMAP_PORT"); }
    QString plainHost() const { return value("PLAIN_HOST"); }
    quint16 plainPort() const { return port("PLAIN_PORT"); }
    QString loopbackHost() const { return value("LOOPBACK_HOST"); }

    QString caCertPath() const { return value("CA_CERT"); }
    QByteArray caCertPem() const;
    QString certSha256() const { return value("CERT_SHA256"); }

    int userCount() const { return value("USER_COUNT").toInt(); }
    QString userName(int n) const;
    QString password(int n) const;
    QString mailboxSeparator() const { return value("MAILBOX_SEPARATOR"); }
    int maxUserIpConnections() const { return value("MAX_USERIP_CONNECTIONS").toInt(); }

    // Any key of the env file (empty if absent).
    QString value(const QString &key) const { return m_env.value(key); }

    // Runs doveadm against this instance (no shell), e.g.
    // doveadm({"mailbox", "status", "-u", userName(1), "messages", "INBOX"}).
    ProcessResult doveadm(const QStringList &args, int timeoutMs = 10000) const;
    // Ends all sessions of a user with a server-side BYE (doveadm kick).
    ProcessResult kick(int n) const;
    // Deletes every message in every folder of user n (a clean start for a test).
    ProcessResult clearMailbox(int n) const;

    // Server control through the script. stop() takes Dovecot down but keeps config, ports
    // and mail; start() brings it up again; restart() does both (sessions see a BYE).
    // On the shared instance these disturb every other test: prefer startPrivate().
    ProcessResult stop() const;
    ProcessResult start() const;
    ProcessResult restart() const;
    bool isRunning() const;

private:
    DovecotFixture() = default;
    quint16 port(const QString &key) const { return quint16(value(key).toUInt()); }
    ProcessResult script(const QString &command, int timeoutMs = 60000) const;
    void stopOwned();
    static ProcessResult run(const QString &program, const QStringList &args, int timeoutMs);
    static bool parseEnvFile(const QString &path, QHash<QString, QString> *env, QString *error);

    QString m_stateDir;
    QHash<QString, QString> m_env;
    std::unique_ptr<QTemporaryDir> m_ownedStateDir; // set when this object owns the instance
};

} // namespace testsupport
