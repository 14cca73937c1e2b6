// core::SecretStore: run-only passwords, password commands (real processes),
// and the keyring path when no keyring service can be reached.
//
// This test never touches the developer's real keyring: initTestCase points
// DBUS_SESSION_BUS_ADDRESS at a socket that does not exist before any
// QtKeychain job runs. (A test against a real gnome-keyring comes separately.)

#include "PasswordAnswer.h"

#include "core/Account.h"
#include "core/SecretStore.h"
#include "support/LogCapture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using core::Account;
using core::SecretStore;
using coretest::Answer;
using coretest::waitForAnswer;

namespace {

Account commandAccount(const QString &command, const QString &id = QStringLiteral("work"))
{
    Account a;
    a.id = id;
    a.host = QStringLiteral("imap.example.org");
    a.username = QStringLiteral("me");
    a.passwordCommand = command;
    return a;
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QStringList m_secrets; // texts that must never be logged
    std::unique_ptr<testsupport::LogCapture> m_log;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // No keyring for this process: the session bus does not exist.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + QFile::encodeName(m_dir.filePath(QStringLiteral("no-bus"))));
        // Every message logged while the test runs, to prove no password leaks.
        m_log = std::make_unique<testsupport::LogCapture>(QByteArray(), testsupport::LogCapture::Forward::Yes);
    }

    void cleanupTestCase()
    {
        const QStringList logged = m_log ? m_log->lines() : QStringList();
        m_log.reset();
        for (const QString &secret : std::as_const(m_secrets)) {
            for (const QString &line : logged)
                QVERIFY2(!line.contains(secret), qPrintable(QStringLiteral("logged a secret: ") + line));
        }
    }

    void commandSuccess_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("password");
        QTest::newRow("echo") << QStringLiteral("/bin/echo hunter2") << QStringLiteral("hunter2");
        QTest::newRow("program from PATH") << QStringLiteral("echo Pw-From-Path") << QStringLiteral("Pw-From-Path");
        QTest::newRow("no trailing newline") << QStringLiteral("printf NoNewline") << QStringLiteral("NoNewline");
        QTest::newRow("only the first line")
            << QStringLiteral("printf \"FirstLinePw\\nsecond\\n\"") << QStringLiteral("FirstLinePw");
        QTest::newRow("CR LF") << QStringLiteral("printf \"crlf-pw\\r\\n\"") << QStringLiteral("crlf-pw");
        QTest::newRow("spaces kept") << QStringLiteral("printf \"%s\\n\" \"  two words  \"")
                                     << QStringLiteral("  two words  ");
        QTest::newRow("UTF-8") << QStringLiteral("printf \"p\u00e4ssw\u00f6rd\\n\"")
                               << QStringLiteral("p\u00e4ssw\u00f6rd");
        // No shell: $HOME, ';' and '|' are the program's arguments, as typed.
        QTest::newRow("no shell expansion") << QStringLiteral("/bin/echo $HOME;x|y") << QStringLiteral("$HOME;x|y");
        QTest::newRow("stderr ignored on success")
            << QStringLiteral("sh -c \"echo warning >&2; echo FromSh\"") << QStringLiteral("FromSh");
    }
    void commandSuccess()
    {
        QFETCH(QString, command);
        QFETCH(QString, password);
        m_secrets << password.trimmed();
        SecretStore store;
        const Answer answer = waitForAnswer(store, [&] { store.requestPassword(commandAccount(command)); });
        QVERIFY2(answer.ready, qPrintable(answer.text));
        QCOMPARE(answer.accountId, QStringLiteral("work"));
        QCOMPARE(answer.text, password);
    }

    void commandFailure_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("expected"); // words the message has
        QTest::addColumn<QStringList>("never");    // words it must not have
        QTest::newRow("program not found")
            << QStringLiteral("/nonexistent/get-password --secret-arg ArgSecret1")
            << QStringList{QStringLiteral("get-password"), QStringLiteral("could not be started")}
            << QStringList{QStringLiteral("ArgSecret1")};
        QTest::newRow("exit code and stderr")
            << QStringLiteral("sh -c \"echo OutSecret2; echo 'gpg: decryption failed' >&2; exit 3\"")
            << QStringList{QStringLiteral("exit code 3"), QStringLiteral("gpg: decryption failed")}
            << QStringList{QStringLiteral("OutSecret2")};
        QTest::newRow("only the first stderr line")
            << QStringLiteral("sh -c \"echo first-error >&2; echo second-error >&2; exit 1\"")
            << QStringList{QStringLiteral("first-error")} << QStringList{QStringLiteral("second-error")};
        QTest::newRow("stderr repeats the password")
            << QStringLiteral("sh -c \"echo EchoSecret3; echo 'bad password EchoSecret3' >&2; exit 1\"")
            << QStringList{QStringLiteral("exit code 1")} << QStringList{QStringLiteral("EchoSecret3")};
        QTest::newRow("no output") << QStringLiteral("/bin/true") << QStringList{QStringLiteral("printed no password")}
                                   << QStringList();
        QTest::newRow("empty first line")
            << QStringLiteral("printf \"\\nLaterSecret4\\n\"") << QStringList{QStringLiteral("printed no password")}
            << QStringList{QStringLiteral("LaterSecret4")};
        QTest::newRow("crash") << QStringLiteral("sh -c \"kill -9 $$\"") << QStringList{QStringLiteral("crashed")}
                               << QStringList();
        QTest::newRow("no program") << QStringLiteral("\"\"") << QStringList{QStringLiteral("no program")}
                                    << QStringList();
        QTest::newRow("argument secret not named")
            << QStringLiteral("sh -c \"exit 4\" ArgSecret5") << QStringList{QStringLiteral("\"sh\"")}
            << QStringList{QStringLiteral("ArgSecret5")};
    }
    void commandFailure()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, expected);
        QFETCH(QStringList, never);
        m_secrets << never;
        SecretStore store;
        const Answer answer = waitForAnswer(store, [&] { store.requestPassword(commandAccount(command)); });
        QVERIFY2(!answer.ready, qPrintable(answer.text));
        QCOMPARE(answer.accountId, QStringLiteral("work"));
        for (const QString &word : expected)
            QVERIFY2(answer.text.contains(word), qPrintable(answer.text));
        for (const QString &word : never)
            QVERIFY2(!answer.text.contains(word), qPrintable(answer.text));
    }

    void commandTimeout()
    {
        SecretStore store;
        store.setCommandTimeout(std::chrono::milliseconds(300));
        QElapsedTimer timer;
        timer.start();
        const Answer answer
            = waitForAnswer(store, [&] { store.requestPassword(commandAccount(QStringLiteral("sleep 60"))); });
        QVERIFY2(!answer.ready, qPrintable(answer.text));
        QVERIFY2(answer.text.contains(QStringLiteral("did not finish within 0.3 seconds")), qPrintable(answer.text));
        QVERIFY(timer.elapsed() < 10000);
        // The process was killed and reaped (its QProcess is gone).
        QTRY_VERIFY_WITH_TIMEOUT(store.findChildren<QProcess *>().isEmpty(), 10000);
    }

    void commandOutputIsBounded()
    {
        // A command that prints without end is cut off by the timeout, and
        // its output does not pile up in memory.
        SecretStore store;
        store.setCommandTimeout(std::chrono::milliseconds(500));
        const Answer answer
            = waitForAnswer(store, [&] { store.requestPassword(commandAccount(QStringLiteral("yes"))); });
        QVERIFY(!answer.ready);
        QVERIFY2(answer.text.contains(QStringLiteral("did not finish")), qPrintable(answer.text));
    }

    void answersAreAsynchronous()
    {
        SecretStore store;
        store.setRunOnlyPassword(QStringLiteral("work"), QStringLiteral("RunOnlySecret6"));
        m_secrets << QStringLiteral("RunOnlySecret6");
        QSignalSpy ready(&store, &SecretStore::passwordReady);
        store.requestPassword(commandAccount(QString()));
        QCOMPARE(ready.count(), 0); // never from inside requestPassword()
        QTRY_COMPARE(ready.count(), 1);
    }

    void runOnlyPasswordComesFirst()
    {
        SecretStore store;
        const Account account = commandAccount(QStringLiteral("/bin/echo FromCommand"));
        store.setRunOnlyPassword(QStringLiteral("work"), QStringLiteral("RunOnlySecret7"));
        m_secrets << QStringLiteral("RunOnlySecret7");
        QVERIFY(store.hasRunOnlyPassword(QStringLiteral("work")));
        Answer answer = waitForAnswer(store, [&] { store.requestPassword(account); });
        QVERIFY(answer.ready);
        QCOMPARE(answer.text, QStringLiteral("RunOnlySecret7"));

        // Only for that account.
        answer = waitForAnswer(store, [&] {
            store.requestPassword(commandAccount(QStringLiteral("/bin/echo Other"), QStringLiteral("other")));
        });
        QVERIFY(answer.ready);
        QCOMPARE(answer.accountId, QStringLiteral("other"));
        QCOMPARE(answer.text, QStringLiteral("Other"));

        store.clearRunOnlyPassword(QStringLiteral("work"));
        QVERIFY(!store.hasRunOnlyPassword(QStringLiteral("work")));
        answer = waitForAnswer(store, [&] { store.requestPassword(account); });
        QVERIFY(answer.ready);
        QCOMPARE(answer.text, QStringLiteral("FromCommand"));
    }

    void concurrentRequestsShareOneRun()
    {
        // Several mailboxes of one account ask at once: one command, one answer.
        QTemporaryDir dir;
        const QString counter = dir.filePath(QStringLiteral("runs"));
        SecretStore store;
        const Account account
            = commandAccount(QStringLiteral("sh -c \"echo run >> '%1'; sleep 0.2; echo SharedPw\"").arg(counter));
        QSignalSpy ready(&store, &SecretStore::passwordReady);
        store.requestPassword(account);
        store.requestPassword(account);
        store.requestPassword(account);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 20000);
        QTest::qWait(300);
        QCOMPARE(ready.count(), 1);
        QFile runs(counter);
        QVERIFY(runs.open(QIODevice::ReadOnly));
        QCOMPARE(runs.readAll(), QByteArray("run\n"));

        // Afterwards a new request runs the command again.
        const Answer again = waitForAnswer(store, [&] { store.requestPassword(account); });
        QVERIFY(again.ready);
    }

    void accountsRunInParallel()
    {
        SecretStore store;
        QSignalSpy ready(&store, &SecretStore::passwordReady);
        store.requestPassword(commandAccount(QStringLiteral("sh -c \"sleep 1; echo A\""), QStringLiteral("a")));
        store.requestPassword(commandAccount(QStringLiteral("/bin/echo B"), QStringLiteral("b")));
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 20000);
        QCOMPARE(ready.at(0).at(0).toString(), QStringLiteral("b")); // the quick one first
        QCOMPARE(ready.at(1).at(0).toString(), QStringLiteral("a"));
        QCOMPARE(ready.at(1).at(1).toString(), QStringLiteral("A"));
    }

    void destroyedWhileRunning()
    {
        QElapsedTimer timer;
        timer.start();
        {
            SecretStore store;
            store.requestPassword(commandAccount(QStringLiteral("sleep 60")));
            QTRY_VERIFY(!store.findChildren<QProcess *>().isEmpty());
            QTest::qWait(100);
        }
        QVERIFY(timer.elapsed() < 5000); // the command was killed, not waited for
    }

    void keyringWithoutService()
    {
        SecretStore store;
        Account account = commandAccount(QString()); // no command: the keyring
        const Answer answer = waitForAnswer(store, [&] { store.requestPassword(account); });
        QVERIFY2(!answer.ready, qPrintable(answer.text));
        QCOMPARE(answer.accountId, QStringLiteral("work"));
        QVERIFY2(answer.text.contains(QStringLiteral("No keyring service is available")), qPrintable(answer.text));
    }

    void storeWithoutService()
    {
        SecretStore store;
        store.setRunOnlyPassword(QStringLiteral("work"), QStringLiteral("KeptForRun"));
        QSignalSpy stored(&store, &SecretStore::passwordStored);
        QSignalSpy failed(&store, &SecretStore::passwordStoreFailed);
        m_secrets << QStringLiteral("StoreSecret8");
        store.storePassword(QStringLiteral("work"), QStringLiteral("StoreSecret8"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        QCOMPARE(stored.count(), 0);
        QCOMPARE(failed.first().at(0).toString(), QStringLiteral("work"));
        const QString message = failed.first().at(1).toString();
        QVERIFY2(message.contains(QStringLiteral("No keyring service is available")), qPrintable(message));
        QVERIFY(!message.contains(QStringLiteral("StoreSecret8")));
        QVERIFY(store.hasRunOnlyPassword(QStringLiteral("work"))); // still usable for this run
    }

    void deleteWithoutService()
    {
        SecretStore store;
        store.setRunOnlyPassword(QStringLiteral("work"), QStringLiteral("x"));
        QSignalSpy deleted(&store, &SecretStore::passwordDeleted);
        QSignalSpy failed(&store, &SecretStore::passwordDeleteFailed);
        store.deletePassword(QStringLiteral("work"));
        QVERIFY(!store.hasRunOnlyPassword(QStringLiteral("work")));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        QCOMPARE(deleted.count(), 0);
        QVERIFY2(failed.first().at(1).toString().contains(QStringLiteral("No keyring service is available")),
                 qPrintable(failed.first().at(1).toString()));
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
