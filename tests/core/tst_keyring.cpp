// core::SecretStore against a real Secret Service: gnome-keyring-daemon on a
// private dbus-daemon, its login keyring created and unlocked at start
// (testsupport::SecretServiceFixture documents the recipe). Nothing of the
// developer's session is touched.
//
// The slots run in order, and the order is the point (libsecret keeps one
// connection and one Secret Service session per process):
//   1. no keyring yet (idlebell started before the keyring): clear errors,
//      the run-only password works;
//   2. the keyring starts: the same process can use it;
//   3. round trips, several accounts, overwrite, delete, odd passwords,
//      the attributes secret-tool sees, a password stored with secret-tool;
//   4. the keyring stops again: the same clear errors;
//   5. the keyring restarts: the entries are still there.
//
// How QtKeychain 0.13 (libsecret backend) stores a password, and so what a
// user can store from a shell for idlebell to read back:
//   schema "org.qt.keychain" (attribute xdg:schema; not matched on lookup),
//   label "idlebell" (the service name), in the default collection, with
//     user   = the key (the account id)
//     server = the service ("idlebell")
//     type   = "plaintext" (setTextData; binary data would be "base64")
//   A read looks up {user, server, type=plaintext}, then {.., type=base64}:
//   an item without "type" is not found. So, for account id "work":
//     secret-tool store --label=idlebell server idlebell user work type plaintext
//   (it reads the password from stdin: typed at a terminal, or piped without
//   a trailing newline, e.g. printf %s "$PW" | secret-tool store ...; a piped
//   newline becomes part of the password).
// storeWithSecretTool() proves that command; secretToolSeesTheItem() the attributes.

#include "PasswordAnswer.h"

#include "core/Account.h"
#include "core/SecretStore.h"
#include "support/LogCapture.h"
#include "support/SecretServiceFixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using core::Account;
using core::SecretStore;
using coretest::Answer;
using coretest::waitForAnswer;
using testsupport::SecretServiceFixture;

namespace {

constexpr int kAnswerMs = 20000;

Account keyringAccount(const QString &id)
{
    Account a;
    a.id = id;
    a.host = QStringLiteral("imap.example.org");
    a.username = QStringLiteral("me");
    return a; // no passwordCommand: the keyring
}

Answer request(SecretStore &secrets, const QString &id)
{
    return waitForAnswer(
        secrets, [&] { secrets.requestPassword(keyringAccount(id)); }, kAnswerMs);
}

// The end of a storePassword or deletePassword: ok, or the message.
struct Outcome
{
    bool ok = false;
    QString message;
};

Outcome waitForOutcome(QSignalSpy &done, QSignalSpy &failed, const QString &id)
{
    QElapsedTimer timer;
    timer.start();
    while (done.isEmpty() && failed.isEmpty() && timer.elapsed() < kAnswerMs)
        QTest::qWait(10);
    if (!done.isEmpty())
        return {done.first().at(0).toString() == id, QString()};
    if (!failed.isEmpty())
        return {false, failed.first().at(1).toString()};
    return {false, QStringLiteral("<no answer>")};
}

Outcome store(SecretStore &secrets, const QString &id, const QString &password)
{
    QSignalSpy stored(&secrets, &SecretStore::passwordStored);
    QSignalSpy failed(&secrets, &SecretStore::passwordStoreFailed);
    secrets.storePassword(id, password);
    return waitForOutcome(stored, failed, id);
}

Outcome remove(SecretStore &secrets, const QString &id)
{
    QSignalSpy deleted(&secrets, &SecretStore::passwordDeleted);
    QSignalSpy failed(&secrets, &SecretStore::passwordDeleteFailed);
    secrets.deletePassword(id);
    return waitForOutcome(deleted, failed, id);
}

const QString kNoPasswordStored = QStringLiteral("No password is stored in the keyring for this account");
const QString kNoKeyring = QStringLiteral("No keyring service is available");

QStringList itemAttributes(const QString &user)
{
    return {QStringLiteral("server"), QStringLiteral("idlebell"), QStringLiteral("user"), user};
}

} // namespace

class TestKeyring : public QObject
{
    Q_OBJECT

private:
    SecretServiceFixture m_fixture;
    QStringList m_secrets; // texts that must never be logged
    std::unique_ptr<testsupport::LogCapture> m_log;

    // With no Secret Service on the bus: read, store and delete fail with the
    // clear message; "keep for this run only" answers.
    void checkNoKeyring(const QString &runOnlyPassword)
    {
        m_secrets << runOnlyPassword << QStringLiteral("ib-Unstorable-Secret-40");
        SecretStore secrets;
        Answer answer = request(secrets, QStringLiteral("work"));
        QVERIFY2(!answer.ready, qPrintable(answer.text));
        QCOMPARE(answer.accountId, QStringLiteral("work"));
        QVERIFY2(answer.text.contains(kNoKeyring), qPrintable(answer.text));
        // It says what to do instead.
        QVERIFY2(answer.text.contains(QStringLiteral("password command")), qPrintable(answer.text));
        QVERIFY2(answer.text.contains(QStringLiteral("for this run only")), qPrintable(answer.text));

        const Outcome stored = store(secrets, QStringLiteral("work"), QStringLiteral("ib-Unstorable-Secret-40"));
        QVERIFY(!stored.ok);
        QVERIFY2(stored.message.contains(kNoKeyring), qPrintable(stored.message));
        QVERIFY(!stored.message.contains(QStringLiteral("ib-Unstorable-Secret-40")));

        const Outcome removed = remove(secrets, QStringLiteral("work"));
        QVERIFY(!removed.ok);
        QVERIFY2(removed.message.contains(kNoKeyring), qPrintable(removed.message));

        // "Keep for this run only".
        secrets.setRunOnlyPassword(QStringLiteral("work"), runOnlyPassword);
        answer = request(secrets, QStringLiteral("work"));
        QVERIFY2(answer.ready, qPrintable(answer.text));
        QCOMPARE(answer.accountId, QStringLiteral("work"));
        QCOMPARE(answer.text, runOnlyPassword);
        // A failed store keeps it.
        QVERIFY(!store(secrets, QStringLiteral("work"), runOnlyPassword).ok);
        QVERIFY(secrets.hasRunOnlyPassword(QStringLiteral("work")));
        answer = request(secrets, QStringLiteral("work"));
        QVERIFY(answer.ready);
        QCOMPARE(answer.text, runOnlyPassword);
        // Other accounts still go to the (missing) keyring.
        answer = request(secrets, QStringLiteral("other"));
        QVERIFY(!answer.ready);
        QVERIFY2(answer.text.contains(kNoKeyring), qPrintable(answer.text));
    }

    // `secret-tool search --all ATTRIBUTES`: items and their attributes.
    QByteArray search(const QStringList &attributes)
    {
        const auto result
            = m_fixture.secretTool(QStringList{QStringLiteral("search"), QStringLiteral("--all")} + attributes);
        // secret-tool search exits 1 when nothing matches, and prints nothing.
        if (!result.ok() && !(result.exitCode == 1 && result.output.isEmpty()))
            qWarning("secret-tool search: %s", qPrintable(result.describe()));
        return result.output + result.errorOutput;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Before anything touches D-Bus, QtKeychain or libsecret: the private
        // bus, with no Secret Service on it yet.
        QVERIFY2(m_fixture.startBusOnly(), qPrintable(m_fixture.errorString()));
        // Every message logged while the test runs, to prove no password leaks.
        m_log = std::make_unique<testsupport::LogCapture>(QByteArray(), testsupport::LogCapture::Forward::Yes);
        m_secrets << QString::fromUtf8(m_fixture.keyringPassword());
    }

    void cleanupTestCase()
    {
        const QStringList logged = m_log ? m_log->lines() : QStringList();
        m_log.reset();
        const QString keyringLog = QString::fromUtf8(m_fixture.keyringLog());
        m_fixture.stop();
        for (const QString &secret : std::as_const(m_secrets)) {
            for (const QString &line : logged)
                QVERIFY2(!line.contains(secret), qPrintable(QStringLiteral("logged a secret: ") + line));
            QVERIFY2(!keyringLog.contains(secret), "gnome-keyring-daemon printed a secret");
        }
    }

    void init()
    {
        // One clear failure, not a cascade, when the keyring did not start.
        const QByteArray name = QTest::currentTestFunction();
        if (name != "noKeyringYet" && name != "keyringStartsLater" && name != "keyringRestarts")
            QVERIFY2(m_fixture.keyringRunning(), "gnome-keyring-daemon is not running (see keyringStartsLater)");
    }

    // --- 1. No keyring yet ---

    void noKeyringYet()
    {
        QVERIFY(!m_fixture.nameHasOwner(QStringLiteral("org.freedesktop.secrets")));
        checkNoKeyring(QStringLiteral("ib-ThisRun-Secret-41"));
    }

    // --- 2. The keyring starts while the app runs ---

    void keyringStartsLater()
    {
        QVERIFY2(m_fixture.startKeyring(), qPrintable(m_fixture.errorString()));
        // The fixture's recipe: --unlock made a login keyring on disk.
        QVERIFY(QFile::exists(m_fixture.dataHome() + QStringLiteral("/keyrings/login.keyring")));

        // Same process, no restart of the app: the keyring is used now.
        m_secrets << QStringLiteral("ib-Later-Secret-42");
        SecretStore secrets;
        const Outcome stored = store(secrets, QStringLiteral("later"), QStringLiteral("ib-Later-Secret-42"));
        QVERIFY2(stored.ok, qPrintable(stored.message));
        const Answer answer = request(secrets, QStringLiteral("later"));
        QVERIFY2(answer.ready, qPrintable(answer.text));
        QCOMPARE(answer.text, QStringLiteral("ib-Later-Secret-42"));
        QVERIFY(remove(secrets, QStringLiteral("later")).ok);
    }

    // --- 3. With the keyring ---

    void nothingStoredYet()
    {
        SecretStore secrets;
        const Answer answer = request(secrets, QStringLiteral("never-stored"));
        QVERIFY2(!answer.ready, qPrintable(answer.text));
        QCOMPARE(answer.accountId, QStringLiteral("never-stored"));
        QVERIFY2(answer.text.contains(kNoPasswordStored), qPrintable(answer.text));
    }

    void roundTrip()
    {
        const QString password = QStringLiteral("ib-RoundTrip-Secret-43");
        m_secrets << password;
        SecretStore secrets;
        const Outcome stored = store(secrets, QStringLiteral("work"), password);
        QVERIFY2(stored.ok, qPrintable(stored.message));
        const Answer answer = request(secrets, QStringLiteral("work"));
        QVERIFY2(answer.ready, qPrintable(answer.text));
        QCOMPARE(answer.accountId, QStringLiteral("work"));
        QCOMPARE(answer.text, password);

        // Another SecretStore (as in a later run of the app) reads the same entry.
        SecretStore later;
        const Answer again = request(later, QStringLiteral("work"));
        QVERIFY2(again.ready, qPrintable(again.text));
        QCOMPARE(again.text, password);
        QVERIFY(remove(later, QStringLiteral("work")).ok);
    }

    void accountsHaveTheirOwnEntries()
    {
        m_secrets << QStringLiteral("ib-First-Secret-44") << QStringLiteral("ib-Second-Secret-45");
        SecretStore secrets;
        QVERIFY(store(secrets, QStringLiteral("acct-1"), QStringLiteral("ib-First-Secret-44")).ok);
        QVERIFY(store(secrets, QStringLiteral("acct-2"), QStringLiteral("ib-Second-Secret-45")).ok);
        Answer one = request(secrets, QStringLiteral("acct-1"));
        Answer two = request(secrets, QStringLiteral("acct-2"));
        QVERIFY2(one.ready && two.ready, qPrintable(one.text + QLatin1Char('/') + two.text));
        QCOMPARE(one.text, QStringLiteral("ib-First-Secret-44"));
        QCOMPARE(two.text, QStringLiteral("ib-Second-Secret-45"));

        // Removing one leaves the other.
        const Outcome removed = remove(secrets, QStringLiteral("acct-1"));
        QVERIFY2(removed.ok, qPrintable(removed.message));
        one = request(secrets, QStringLiteral("acct-1"));
        QVERIFY(!one.ready);
        QVERIFY2(one.text.contains(kNoPasswordStored), qPrintable(one.text));
        two = request(secrets, QStringLiteral("acct-2"));
        QVERIFY(two.ready);
        QCOMPARE(two.text, QStringLiteral("ib-Second-Secret-45"));
        QVERIFY(remove(secrets, QStringLiteral("acct-2")).ok);
    }

    void overwrite()
    {
        m_secrets << QStringLiteral("ib-Old-Secret-46") << QStringLiteral("ib-New-Secret-47");
        SecretStore secrets;
        QVERIFY(store(secrets, QStringLiteral("over"), QStringLiteral("ib-Old-Secret-46")).ok);
        QVERIFY(store(secrets, QStringLiteral("over"), QStringLiteral("ib-New-Secret-47")).ok);
        const Answer answer = request(secrets, QStringLiteral("over"));
        QVERIFY2(answer.ready, qPrintable(answer.text));
        QCOMPARE(answer.text, QStringLiteral("ib-New-Secret-47"));
        // Replaced, not added: one item.
        QCOMPARE(search(itemAttributes(QStringLiteral("over"))).count("label = "), 1);
        QVERIFY(remove(secrets, QStringLiteral("over")).ok);
        QCOMPARE(search(itemAttributes(QStringLiteral("over"))).count("label = "), 0);
    }

    void deleteThenRequest()
    {
        m_secrets << QStringLiteral("ib-Deleted-Secret-48");
        SecretStore secrets;
        QVERIFY(store(secrets, QStringLiteral("gone"), QStringLiteral("ib-Deleted-Secret-48")).ok);
        const Outcome removed = remove(secrets, QStringLiteral("gone"));
        QVERIFY2(removed.ok, qPrintable(removed.message));
        const Answer answer = request(secrets, QStringLiteral("gone"));
        QVERIFY2(!answer.ready, qPrintable(answer.text));
        QCOMPARE(answer.accountId, QStringLiteral("gone"));
        QVERIFY2(answer.text.contains(kNoPasswordStored), qPrintable(answer.text));

        // Deleting what is not there is a success.
        const Outcome again = remove(secrets, QStringLiteral("gone"));
        QVERIFY2(again.ok, qPrintable(again.message));
    }

    void storeDropsRunOnlyPassword()
    {
        m_secrets << QStringLiteral("ib-RunOnly-Secret-49") << QStringLiteral("ib-Stored-Secret-50");
        SecretStore secrets;
        secrets.setRunOnlyPassword(QStringLiteral("kept"), QStringLiteral("ib-RunOnly-Secret-49"));
        QVERIFY(store(secrets, QStringLiteral("kept"), QStringLiteral("ib-Stored-Secret-50")).ok);
        QVERIFY(!secrets.hasRunOnlyPassword(QStringLiteral("kept")));
        const Answer answer = request(secrets, QStringLiteral("kept"));
        QVERIFY(answer.ready);
        QCOMPARE(answer.text, QStringLiteral("ib-Stored-Secret-50"));
        QVERIFY(remove(secrets, QStringLiteral("kept")).ok);
    }

    void passwords_data()
    {
        QTest::addColumn<QString>("password");
        QTest::newRow("latin-1") << QStringLiteral("ib-p\u00e4ssw\u00f6rd-\u00df-51");
        QTest::newRow("CJK, emoji, RTL") << QStringLiteral(
            "ib-\u5bc6\u7801-\U0001F511-\u05e1\u05d9\u05e1\u05de\u05d4-52");
        QTest::newRow("combining, tab, spaces") << QStringLiteral("  ib-e\u0301 tab\there 53  ");
        QTest::newRow("shell and quote characters") << QStringLiteral("ib-$HOME;'\"`|&<>\\-54");
        QTest::newRow("newline inside") << QStringLiteral("ib-line1\nline2-55");
        QString longPassword = QStringLiteral("ib-Long-56-");
        while (longPassword.size() < 10000)
            longPassword += QStringLiteral("\u00e9x\u4e2d%1").arg(longPassword.size());
        QTest::newRow("10000 characters") << longPassword;
    }
    void passwords()
    {
        QFETCH(QString, password);
        m_secrets << password.trimmed();
        SecretStore secrets;
        const Outcome stored = store(secrets, QStringLiteral("chars"), password);
        QVERIFY2(stored.ok, qPrintable(stored.message));
        const Answer answer = request(secrets, QStringLiteral("chars"));
        QVERIFY2(answer.ready, qPrintable(answer.text.left(200)));
        QCOMPARE(answer.text.size(), password.size());
        QCOMPARE(answer.text, password);
        QVERIFY(remove(secrets, QStringLiteral("chars")).ok);
    }

    void emptyPassword()
    {
        // Storing "" succeeds, but reading it is a clear failure: an empty
        // password never reaches a LOGIN.
        SecretStore secrets;
        const Outcome stored = store(secrets, QStringLiteral("empty"), QString());
        QVERIFY2(stored.ok, qPrintable(stored.message));
        const Answer answer = request(secrets, QStringLiteral("empty"));
        QVERIFY(!answer.ready);
        QVERIFY2(answer.text.contains(QStringLiteral("is empty")), qPrintable(answer.text));
        QVERIFY(remove(secrets, QStringLiteral("empty")).ok);
    }

    void secretToolSeesTheItem()
    {
        // The attributes QtKeychain writes, as secret-tool shows them.
        const QString password = QStringLiteral("ib-Searchable-Secret-57");
        m_secrets << password;
        SecretStore secrets;
        QVERIFY(store(secrets, QStringLiteral("findme"), password).ok);

        const QByteArray found = search(itemAttributes(QStringLiteral("findme")));
        QCOMPARE(found.count("label = "), 1);
        QVERIFY2(found.contains("label = idlebell\n"), found.constData());
        QVERIFY2(found.contains("secret = " + password.toUtf8() + "\n"), "secret-tool did not show the secret");
        QVERIFY2(found.contains("schema = org.qt.keychain\n"), found.constData());
        QVERIFY2(found.contains("attribute.user = findme\n"), found.constData());
        QVERIFY2(found.contains("attribute.server = idlebell\n"), found.constData());
        QVERIFY2(found.contains("attribute.type = plaintext\n"), found.constData());

        // secret-tool lookup by the same attributes prints the password alone.
        const auto lookup
            = m_fixture.secretTool(QStringList{QStringLiteral("lookup")} + itemAttributes(QStringLiteral("findme")));
        QVERIFY2(lookup.ok(), qPrintable(lookup.describe()));
        QCOMPARE(QString::fromUtf8(lookup.output), password);

        // secret-tool clear removes it for idlebell too.
        const auto clear
            = m_fixture.secretTool(QStringList{QStringLiteral("clear")} + itemAttributes(QStringLiteral("findme")));
        QVERIFY2(clear.ok(), qPrintable(clear.describe()));
        const Answer answer = request(secrets, QStringLiteral("findme"));
        QVERIFY(!answer.ready);
        QVERIFY2(answer.text.contains(kNoPasswordStored), qPrintable(answer.text));
    }

    void storeWithSecretTool()
    {
        // The command the README can give users (see the top of this file).
        const QByteArray password = "ib-From-Shell-\xc3\xa4-58";
        m_secrets << QString::fromUtf8(password);
        const QStringList command{QStringLiteral("store"),  QStringLiteral("--label=idlebell"),
                                  QStringLiteral("server"), QStringLiteral("idlebell"),
                                  QStringLiteral("user"),   QStringLiteral("work"),
                                  QStringLiteral("type"),   QStringLiteral("plaintext")};
        const auto stored = m_fixture.secretTool(command, password);
        QVERIFY2(stored.ok(), qPrintable(stored.describe()));
        SecretStore secrets;
        Answer answer = request(secrets, QStringLiteral("work"));
        QVERIFY2(answer.ready, qPrintable(answer.text));
        QCOMPARE(answer.text, QString::fromUtf8(password));

        // The same command again replaces it (secret-tool store replaces an
        // item with the same attributes), and SecretStore sees the new one.
        m_secrets << QStringLiteral("ib-From-Shell-Again-59");
        QVERIFY(m_fixture.secretTool(command, "ib-From-Shell-Again-59").ok());
        answer = request(secrets, QStringLiteral("work"));
        QVERIFY(answer.ready);
        QCOMPARE(answer.text, QStringLiteral("ib-From-Shell-Again-59"));
        QCOMPARE(search(itemAttributes(QStringLiteral("work"))).count("label = "), 1);

        // Without "type plaintext" QtKeychain does not find the item.
        const auto untyped = m_fixture.secretTool({QStringLiteral("store"), QStringLiteral("--label=idlebell"),
                                                   QStringLiteral("server"), QStringLiteral("idlebell"),
                                                   QStringLiteral("user"), QStringLiteral("untyped")},
                                                  password);
        QVERIFY2(untyped.ok(), qPrintable(untyped.describe()));
        const Answer notFound = request(secrets, QStringLiteral("untyped"));
        QVERIFY(!notFound.ready);
        QVERIFY2(notFound.text.contains(kNoPasswordStored), qPrintable(notFound.text));

        // idlebell's delete removes what secret-tool stored.
        QVERIFY(remove(secrets, QStringLiteral("work")).ok);
        QCOMPARE(search(itemAttributes(QStringLiteral("work"))).count("label = "), 0);
        QVERIFY(m_fixture.secretTool(QStringList{QStringLiteral("clear")} + itemAttributes(QStringLiteral("untyped")))
                    .ok());
    }

    // --- 4. The keyring stops while the app runs ---

    void keyringStops()
    {
        m_secrets << QStringLiteral("ib-Persistent-Secret-60");
        SecretStore secrets;
        QVERIFY(store(secrets, QStringLiteral("persist"), QStringLiteral("ib-Persistent-Secret-60")).ok);
        QVERIFY2(m_fixture.stopKeyring(), qPrintable(m_fixture.errorString()));
        QVERIFY(!m_fixture.keyringRunning());
        checkNoKeyring(QStringLiteral("ib-ThisRun-Secret-61"));
    }

    // --- 5. The keyring starts again ---

    void keyringRestarts()
    {
        QVERIFY2(m_fixture.startKeyring(), qPrintable(m_fixture.errorString()));
        // The login keyring is a file: the new daemon, unlocked with the same
        // password, has the entry (a fresh secret-tool process reads it).
        const auto lookup
            = m_fixture.secretTool(QStringList{QStringLiteral("lookup")} + itemAttributes(QStringLiteral("persist")));
        QVERIFY2(lookup.ok(), qPrintable(lookup.describe()));
        QCOMPARE(lookup.output, QByteArray("ib-Persistent-Secret-60"));

        // And this process, which talked to the previous daemon?
        SecretStore secrets;
        const Answer answer = request(secrets, QStringLiteral("persist"));
        // libsecret (0.20.5) keeps the Secret Service session it opened with
        // the previous daemon, and QtKeychain never resets it: without
        // SecretStore's retry (secret_service_disconnect(), then the job
        // again) every keyring call of this process would fail with "The
        // session does not exist" until the app restarts.
        QVERIFY2(answer.ready, "the keyring could not be read after the keyring service restarted");
        QCOMPARE(answer.text, QStringLiteral("ib-Persistent-Secret-60"));
    }
};

QTEST_GUILESS_MAIN(TestKeyring)
#include "tst_keyring.moc"
