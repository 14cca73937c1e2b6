// ui::SingleInstance: the first instance listens, a second one hands over
// its request and learns that it was taken; a crashed instance's socket and
// lock file do not keep the next one from starting. Two "instances" live in
// this one process (the secondary's blocking send() runs on a thread of its
// own, as it would in its own process).

#include "ui/SingleInstance.h"

#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QLockFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <future>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using ui::SingleInstance;

namespace {

constexpr int WaitMs = 10000;

// Runs secondary.send() on another thread while this one serves the primary.
bool sendFrom(SingleInstance &secondary, const QList<SingleInstance::Request> &requests, int timeoutMs = WaitMs)
{
    auto result = std::async(std::launch::async, [&] { return secondary.send(requests, timeoutMs); });
    const bool done = QTest::qWaitFor(
        [&] { return result.wait_for(std::chrono::milliseconds(0)) == std::future_status::ready; }, timeoutMs + WaitMs);
    return done && result.get();
}

// A socket file nobody listens on, as a crashed process leaves it.
bool makeStaleSocket(const QString &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    sockaddr_un addr = {};
    addr.sun_family = AF_UNIX;
    const QByteArray p = QFile::encodeName(path);
    if (size_t(p.size()) >= sizeof(addr.sun_path)) {
        ::close(fd);
        return false;
    }
    std::copy(p.cbegin(), p.cend(), addr.sun_path);
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0;
    ::close(fd);
    return ok && QFileInfo::exists(path);
}

// The pid of a process that has ended.
qint64 deadPid()
{
    QProcess p;
    p.start(QStringLiteral("true"), QStringList());
    p.waitForFinished(WaitMs);
    return p.processId() > 0 ? p.processId() : 999999;
}

} // namespace

class TestSingleInstance : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    // Short absolute socket paths (sun_path holds 107 bytes).
    QString freshName() { return m_dir.filePath(QStringLiteral("s%1").arg(++m_n)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qRegisterMetaType<SingleInstance::Request>();
    }

    void secondLaunchHandsOverItsRequests()
    {
        const QString name = freshName();
        SingleInstance first(name);
        QCOMPARE(first.start(), SingleInstance::Role::Primary);
        QCOMPARE(first.start(), SingleInstance::Role::Primary); // decided once
        QVERIFY(QFileInfo::exists(first.socketPath()));
        QSignalSpy received(&first, &SingleInstance::requestReceived);

        SingleInstance second(name);
        QCOMPARE(second.start(), SingleInstance::Role::Secondary);
        QVERIFY2(sendFrom(second, {SingleInstance::Request::OpenSettings, SingleInstance::Request::CheckNow}),
                 qPrintable(second.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(received.count(), 2, WaitMs);
        QCOMPARE(received.at(0).at(0).value<SingleInstance::Request>(), SingleInstance::Request::OpenSettings);
        QCOMPARE(received.at(1).at(0).value<SingleInstance::Request>(), SingleInstance::Request::CheckNow);

        // A third launch, later: the same.
        SingleInstance third(name);
        QCOMPARE(third.start(), SingleInstance::Role::Secondary);
        QVERIFY(sendFrom(third, {SingleInstance::Request::OpenSettings}));
        QTRY_COMPARE_WITH_TIMEOUT(received.count(), 3, WaitMs);
    }

    void differentSettingsFilesRunSideBySide()
    {
        SingleInstance a(freshName());
        SingleInstance b(freshName());
        QCOMPARE(a.start(), SingleInstance::Role::Primary);
        QCOMPARE(b.start(), SingleInstance::Role::Primary);
    }

    void theNextPrimaryAfterAClosedOne()
    {
        const QString name = freshName();
        {
            SingleInstance first(name);
            QCOMPARE(first.start(), SingleInstance::Role::Primary);
        }
        QVERIFY(!QFileInfo::exists(name)); // the socket went with it
        SingleInstance next(name);
        QCOMPARE(next.start(), SingleInstance::Role::Primary);
    }

    void staleSocketAndLockAfterACrash()
    {
        const QString name = freshName();
        QVERIFY(makeStaleSocket(name));
        // The crashed primary's lock file names a process that is gone.
        QFile lock(name + QStringLiteral(".lock"));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write(QByteArray::number(deadPid()) + '\n' + QCoreApplication::applicationName().toUtf8() + '\n'
                   + QSysInfo::machineHostName().toUtf8() + '\n');
        lock.close();

        SingleInstance primary(name);
        QCOMPARE(primary.start(), SingleInstance::Role::Primary);
        QSignalSpy received(&primary, &SingleInstance::requestReceived);
        SingleInstance second(name);
        QCOMPARE(second.start(), SingleInstance::Role::Secondary);
        QVERIFY2(sendFrom(second, {SingleInstance::Request::CheckNow}), qPrintable(second.errorString()));
        QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, WaitMs);
    }

    void staleSocketWithoutLockFile()
    {
        const QString name = freshName();
        QVERIFY(makeStaleSocket(name));
        SingleInstance primary(name);
        QCOMPARE(primary.start(), SingleInstance::Role::Primary);
        QLocalSocket client;
        client.connectToServer(name);
        QVERIFY(client.waitForConnected(WaitMs));
    }

    void aPrimaryThatDoesNotAnswer()
    {
        const QString name = freshName();
        // Someone holds the lock but never listens (hung while starting).
        QLockFile held(name + QStringLiteral(".lock"));
        QVERIFY(held.tryLock(0));
        SingleInstance second(name);
        QCOMPARE(second.start(), SingleInstance::Role::Secondary);
        QVERIFY(!sendFrom(second, {SingleInstance::Request::OpenSettings}, 300));
        QVERIFY(second.errorString().contains(QStringLiteral("does not answer")));
    }

    void unknownAndOverlongRequests()
    {
        const QString name = freshName();
        SingleInstance primary(name);
        QCOMPARE(primary.start(), SingleInstance::Role::Primary);
        QSignalSpy received(&primary, &SingleInstance::requestReceived);

        QLocalSocket client;
        client.connectToServer(name);
        QVERIFY(client.waitForConnected(WaitMs));
        client.write("from-the-future\ncheck-now\n");
        QTRY_VERIFY_WITH_TIMEOUT(client.canReadLine(), WaitMs);
        QCOMPARE(client.readLine().trimmed(), QByteArray("unknown"));
        QTRY_VERIFY_WITH_TIMEOUT(client.canReadLine(), WaitMs);
        QCOMPARE(client.readLine().trimmed(), QByteArray("ok"));
        QCOMPARE(received.count(), 1);

        QLocalSocket flood;
        flood.connectToServer(name);
        QVERIFY(flood.waitForConnected(WaitMs));
        flood.write(QByteArray(4096, 'x'));
        QTRY_COMPARE_WITH_TIMEOUT(flood.state(), QLocalSocket::UnconnectedState, WaitMs);
        QCOMPARE(received.count(), 1);
    }

    void namesPerUserAndSettingsFile()
    {
        qunsetenv("XDG_RUNTIME_DIR");
        const QString a = SingleInstance::serverNameFor(QStringLiteral("/home/u/.config/idlebell/idlebell.conf"));
        QCOMPARE(a,
                 SingleInstance::serverNameFor(QStringLiteral("/home/u/.config/idlebell/../idlebell/idlebell.conf")));
        QVERIFY(a != SingleInstance::serverNameFor(QStringLiteral("/home/u/other.conf")));
        QVERIFY(a.startsWith(QStringLiteral("idlebell-%1-").arg(::getuid())));
        QVERIFY(!a.contains(QLatin1Char('/')));
        // A relative path means the same file as its absolute form.
        const QString cwd = QDir::currentPath();
        QCOMPARE(SingleInstance::serverNameFor(QStringLiteral("x.conf")),
                 SingleInstance::serverNameFor(cwd + QStringLiteral("/x.conf")));
        // In the session's runtime directory when there is one.
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_dir.path()));
        const QString inRuntime = SingleInstance::serverNameFor(QStringLiteral("/home/u/other.conf"));
        QCOMPARE(QFileInfo(inRuntime).path(), m_dir.path());
        qunsetenv("XDG_RUNTIME_DIR");
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
