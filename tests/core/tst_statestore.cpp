// core::StateStore: the persisted per-mailbox state and the Message-ID memory.

#include "core/StateStore.h"
#include "support/FileUtil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using core::StateStore;
using session::MailboxState;
using testsupport::fileMode;
using testsupport::readFile;
using testsupport::setAsideFiles;
using testsupport::writeFile;

namespace {

quint64 inode(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 0;
    return quint64(st.st_ino);
}

MailboxState makeState(quint32 validity, quint32 uid, quint64 modSeq = 0)
{
    MailboxState s;
    s.uidValidity = validity;
    s.highestUid = uid;
    s.highestModSeq = modSeq;
    return s;
}

QByteArray messageId(int n)
{
    return "<" + QByteArray::number(n) + "@example.org>";
}

} // namespace

class TestStateStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void paths()
    {
        const QByteArray saved = qgetenv("XDG_STATE_HOME");
        qputenv("XDG_STATE_HOME", "/custom/state");
        QCOMPARE(StateStore::defaultPath(), QStringLiteral("/custom/state/idlebell/state.json"));
        qunsetenv("XDG_STATE_HOME");
        QCOMPARE(StateStore::defaultPath(), QDir::homePath() + QStringLiteral("/.local/state/idlebell/state.json"));
        qputenv("XDG_STATE_HOME", "relative");
        QCOMPARE(StateStore::defaultPath(), QDir::homePath() + QStringLiteral("/.local/state/idlebell/state.json"));
        if (!saved.isNull())
            qputenv("XDG_STATE_HOME", saved);
        else
            qunsetenv("XDG_STATE_HOME");

        QCOMPARE(StateStore::pathForConfig(QStringLiteral("/tmp/test.conf")),
                 QStringLiteral("/tmp/test.conf.state.json"));
    }

    void missingFileIsEmptyState()
    {
        QTemporaryDir dir;
        StateStore store(dir.filePath(QStringLiteral("state.json")));
        QCOMPARE(store.load(), QString());
        QVERIFY(!store.state(QStringLiteral("work"), QStringLiteral("INBOX")).isKnown());
        QVERIFY(store.accountIds().isEmpty());
        QVERIFY(!QFileInfo::exists(store.path())); // loading writes nothing
    }

    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state/idlebell/state.json")); // folders created
        const MailboxState inbox = makeState(4294967295u, 4294967294u, 18446744073709551615ull);
        const MailboxState lists = makeState(1, 0, 0);
        const MailboxState other = makeState(77, 12345, 9007199254740993ull); // not a double
        {
            StateStore store(path);
            QCOMPARE(store.load(), QString());
            QVERIFY(store.setState(QStringLiteral("work"), QStringLiteral("INBOX"), inbox));
            QVERIFY(store.setState(QStringLiteral("work"), QStringLiteral("Listen/Qt & Entwürfe"), lists));
            QVERIFY(store.setState(QStringLiteral("home"), QStringLiteral("INBOX"), other));
            QVERIFY(store.rememberMessageId(QStringLiteral("work"), "<a@example.org>"));
            QVERIFY(store.rememberMessageId(QStringLiteral("work"), QByteArray("<\xe9\xff@bytes>")));
            QVERIFY(store.lastError().isEmpty());
        }
        StateStore store(path);
        QCOMPARE(store.load(), QString());
        QCOMPARE(store.state(QStringLiteral("work"), QStringLiteral("INBOX")), inbox);
        QCOMPARE(store.state(QStringLiteral("work"), QStringLiteral("Listen/Qt & Entwürfe")), lists);
        QCOMPARE(store.state(QStringLiteral("home"), QStringLiteral("INBOX")), other);
        QCOMPARE(store.state(QStringLiteral("home"), QStringLiteral("Archive")), MailboxState());
        QCOMPARE(store.accountIds(), (QStringList{QStringLiteral("home"), QStringLiteral("work")}));
        QVERIFY(!store.rememberMessageId(QStringLiteral("work"), "<a@example.org>"));
        QVERIFY(!store.rememberMessageId(QStringLiteral("work"), QByteArray("<\xe9\xff@bytes>")));

        // The documented format.
        const QJsonObject root = QJsonDocument::fromJson(readFile(path)).object();
        QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
        const QJsonObject box = root.value(QStringLiteral("accounts"))
                                    .toObject()
                                    .value(QStringLiteral("work"))
                                    .toObject()
                                    .value(QStringLiteral("mailboxes"))
                                    .toObject()
                                    .value(QStringLiteral("INBOX"))
                                    .toObject();
        QCOMPARE(box.value(QStringLiteral("uidValidity")).toDouble(), 4294967295.0);
        QCOMPARE(box.value(QStringLiteral("highestModSeq")).toString(), QStringLiteral("18446744073709551615"));
    }

    void writtenBeforeReturning()
    {
        // What a SIGKILL right after setState() leaves on disk: the new state.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.json"));
        StateStore store(path);
        store.load();
        QVERIFY(store.setState(QStringLiteral("work"), QStringLiteral("INBOX"), makeState(5, 10)));
        QCOMPARE(StateStore(path).load(), QString());
        StateStore other(path);
        other.load();
        QCOMPARE(other.state(QStringLiteral("work"), QStringLiteral("INBOX")), makeState(5, 10));

        QVERIFY(store.rememberMessageId(QStringLiteral("work"), "<x@y>"));
        StateStore third(path);
        third.load();
        QVERIFY(third.hasMessageId(QStringLiteral("work"), "<x@y>"));
    }

    void atomicReplace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.json"));
        StateStore store(path);
        store.load();
        QVERIFY(store.setState(QStringLiteral("work"), QStringLiteral("INBOX"), makeState(5, 10)));
        const QByteArray first = readFile(path);

        // A hard link keeps the old file: if the new state were written into
        // it in place, the link would see a changed (or half-written) file.
        const QString link = dir.filePath(QStringLiteral("old.json"));
        QCOMPARE(::link(QFile::encodeName(path).constData(), QFile::encodeName(link).constData()), 0);
        const quint64 before = inode(path);
        QVERIFY(store.setState(QStringLiteral("work"), QStringLiteral("INBOX"), makeState(5, 11)));
        QCOMPARE(readFile(link), first);
        QVERIFY(inode(path) != before);
        QVERIFY(readFile(path) != first);

        // No temporary files left behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 (QStringList{QStringLiteral("old.json"), QStringLiteral("state.json")}));
    }

    void unchangedStateIsNotWritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.json"));
        StateStore store(path);
        store.load();
        QVERIFY(store.setState(QStringLiteral("work"), QStringLiteral("INBOX"), makeState(5, 10)));
        const quint64 before = inode(path);
        QVERIFY(store.setState(QStringLiteral("work"), QStringLiteral("INBOX"), makeState(5, 10)));
        QCOMPARE(inode(path), before);
        QVERIFY(store.rememberMessageId(QStringLiteral("work"), "<dup@x>"));
        const quint64 afterId = inode(path);
        QVERIFY(!store.rememberMessageId(QStringLiteral("work"), "<dup@x>"));
        QCOMPARE(inode(path), afterId);
        // Setting the default state of an unknown mailbox changes nothing.
        QVERIFY(store.setState(QStringLiteral("work"), QStringLiteral("Other"), MailboxState()));
        QCOMPARE(inode(path), afterId);
    }

    void permissions()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("new"));
        const QString path = folder + QStringLiteral("/state.json");
        StateStore store(path);
        store.load();
        QVERIFY(store.setState(QStringLiteral("work"), QStringLiteral("INBOX"), makeState(1, 1)));
        QCOMPARE(fileMode(path), 0600);
        QCOMPARE(fileMode(folder), 0700);

        // A file someone made readable for all is private again after the next write.
        QVERIFY(QFile::setPermissions(
            path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        QCOMPARE(fileMode(path), 0644);
        QVERIFY(store.setState(QStringLiteral("work"), QStringLiteral("INBOX"), makeState(1, 2)));
        QCOMPARE(fileMode(path), 0600);
    }

    void corrupt_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty file") << QByteArray();
        QTest::newRow("not JSON") << QByteArray("this is not json");
        QTest::newRow("truncated") << QByteArray("{\"version\":1,\"accounts\":{\"work\":{\"mailb");
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe{", 4);
        QTest::newRow("array root") << QByteArray("[]");
        QTest::newRow("no version") << QByteArray("{\"accounts\":{}}");
        QTest::newRow("newer version") << QByteArray("{\"version\":2,\"accounts\":{}}");
        QTest::newRow("version as text") << QByteArray("{\"version\":\"1\",\"accounts\":{}}");
        QTest::newRow("accounts is a list") << QByteArray("{\"version\":1,\"accounts\":[]}");
        QTest::newRow("account is a number") << QByteArray("{\"version\":1,\"accounts\":{\"work\":5}}");
        QTest::newRow("mailboxes is a list")
            << QByteArray("{\"version\":1,\"accounts\":{\"work\":{\"mailboxes\":[]}}}");
        const QByteArray head = "{\"version\":1,\"accounts\":{\"work\":{\"mailboxes\":{\"INBOX\":";
        const QByteArray tail = "}}}}";
        QTest::newRow("mailbox is text") << head + "\"x\"" + tail;
        QTest::newRow("uidValidity is text") << head + "{\"uidValidity\":\"abc\",\"highestUid\":1}" + tail;
        QTest::newRow("uidValidity negative") << head + "{\"uidValidity\":-1,\"highestUid\":1}" + tail;
        QTest::newRow("uidValidity fraction") << head + "{\"uidValidity\":1.5,\"highestUid\":1}" + tail;
        QTest::newRow("uidValidity too big") << head + "{\"uidValidity\":4294967296,\"highestUid\":1}" + tail;
        QTest::newRow("highestUid missing") << head + "{\"uidValidity\":1}" + tail;
        QTest::newRow("highestUid null") << head + "{\"uidValidity\":1,\"highestUid\":null}" + tail;
        QTest::newRow("modseq is a number") << head + "{\"uidValidity\":1,\"highestUid\":1,\"highestModSeq\":5}" + tail;
        QTest::newRow("modseq not digits")
            << head + "{\"uidValidity\":1,\"highestUid\":1,\"highestModSeq\":\"12a\"}" + tail;
        QTest::newRow("modseq too big") << head
                + "{\"uidValidity\":1,\"highestUid\":1,\"highestModSeq\":\"18446744073709551616\"}" + tail;
        QTest::newRow("message ids is text")
            << QByteArray("{\"version\":1,\"accounts\":{\"work\":{\"recentMessageIds\":\"<a@b>\"}}}");
        QTest::newRow("message id is a number")
            << QByteArray("{\"version\":1,\"accounts\":{\"work\":{\"recentMessageIds\":[\"<a@b>\",5]}}}");
    }
    void corrupt()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.json"));
        QVERIFY(writeFile(path, content));

        StateStore store(path);
        const QString warning = store.load();
        QVERIFY(!warning.isEmpty());
        QVERIFY2(warning.contains(path), qPrintable(warning));
        QVERIFY2(warning.contains(QStringLiteral(".corrupt-")), qPrintable(warning));
        QVERIFY(store.accountIds().isEmpty());
        QVERIFY(!store.state(QStringLiteral("work"), QStringLiteral("INBOX")).isKnown());

        // Set aside, byte for byte; the path is free for a fresh state.
        const QStringList aside = setAsideFiles(path);
        QCOMPARE(aside.size(), 1);
        QCOMPARE(readFile(dir.filePath(aside.first())), content);
        QVERIFY(!QFileInfo::exists(path));

        QVERIFY(store.setState(QStringLiteral("work"), QStringLiteral("INBOX"), makeState(3, 4)));
        StateStore again(path);
        QCOMPARE(again.load(), QString());
        QCOMPARE(again.state(QStringLiteral("work"), QStringLiteral("INBOX")), makeState(3, 4));
    }

    void lenientParts()
    {
        // Optional parts may be missing; unknown keys are ignored (a newer
        // version may add some); duplicate or blank Message-IDs are dropped.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.json"));
        QVERIFY(writeFile(path,
                          "{\"version\":1,\"future\":true,\"accounts\":{"
                          "\"a\":{},"
                          "\"b\":{\"mailboxes\":{\"INBOX\":{\"uidValidity\":9,\"highestUid\":8,\"extra\":1}}},"
                          "\"c\":{\"recentMessageIds\":[\"<x@y>\",\"<x@y>\",\" \"]}}}"));
        StateStore store(path);
        QCOMPARE(store.load(), QString());
        QCOMPARE(store.state(QStringLiteral("b"), QStringLiteral("INBOX")), makeState(9, 8));
        QVERIFY(store.hasMessageId(QStringLiteral("c"), "<x@y>"));
        QVERIFY(store.setState(QStringLiteral("a"), QStringLiteral("INBOX"), makeState(1, 1)));
    }

    void hugeFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.json"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QVERIFY(file.write("{\"version\":1,\"accounts\":{}}"));
            QVERIFY(file.resize(StateStore::MaxFileSize + 1)); // sparse: cheap
        }
        StateStore store(path);
        const QString warning = store.load();
        QVERIFY2(warning.contains(QStringLiteral("16 MiB")), qPrintable(warning));
        QCOMPARE(setAsideFiles(path).size(), 1);
        QVERIFY(!QFileInfo::exists(path));
    }

    void directoryAtPath()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.json"));
        QVERIFY(QDir().mkpath(path));
        StateStore store(path);
        QVERIFY(!store.load().isEmpty());
        QCOMPARE(setAsideFiles(path).size(), 1);
        QVERIFY(store.setState(QStringLiteral("work"), QStringLiteral("INBOX"), makeState(1, 1)));
        QVERIFY(QFileInfo(path).isFile());
    }

    void writeFailureIsReported()
    {
        QTemporaryDir dir;
        const QString blocker = dir.filePath(QStringLiteral("file"));
        QVERIFY(writeFile(blocker, "not a folder"));
        StateStore store(blocker + QStringLiteral("/state.json"));
        QCOMPARE(store.load(), QString());
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not be saved")));
        QVERIFY(!store.setState(QStringLiteral("work"), QStringLiteral("INBOX"), makeState(1, 1)));
        QVERIFY(!store.lastError().isEmpty());
        // Kept in memory; the next change tries again.
        QCOMPARE(store.state(QStringLiteral("work"), QStringLiteral("INBOX")), makeState(1, 1));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not be saved")));
        QVERIFY(!store.setState(QStringLiteral("work"), QStringLiteral("INBOX"), makeState(1, 1)));

        // Once it can be written, the retry writes everything.
        QVERIFY(QFile::remove(blocker));
        QVERIFY(store.setState(QStringLiteral("work"), QStringLiteral("INBOX"), makeState(1, 1)));
        QVERIFY(store.lastError().isEmpty());
        QVERIFY(QFileInfo(blocker + QStringLiteral("/state.json")).isFile());
    }

    void messageIdDedup_data()
    {
        QTest::addColumn<QByteArray>("first");
        QTest::addColumn<QString>("otherAccount");
        QTest::addColumn<QByteArray>("second");
        QTest::addColumn<bool>("secondIsNew");
        QTest::newRow("same id") << QByteArray("<a@x>") << QString() << QByteArray("<a@x>") << false;
        QTest::newRow("surrounding space") << QByteArray("<a@x>") << QString() << QByteArray(" <a@x>\r\n") << false;
        QTest::newRow("other id") << QByteArray("<a@x>") << QString() << QByteArray("<b@x>") << true;
        QTest::newRow("other account") << QByteArray("<a@x>") << QStringLiteral("home") << QByteArray("<a@x>") << true;
        QTest::newRow("no id") << QByteArray() << QString() << QByteArray() << true;
        QTest::newRow("blank id") << QByteArray("  ") << QString() << QByteArray("  ") << true;
        QTest::newRow("over-long id") << QByteArray(2000, 'x') << QString() << QByteArray(2000, 'x') << true;
    }
    void messageIdDedup()
    {
        QFETCH(QByteArray, first);
        QFETCH(QString, otherAccount);
        QFETCH(QByteArray, second);
        QFETCH(bool, secondIsNew);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.json"));
        StateStore store(path);
        store.load();
        const QString account = QStringLiteral("work");
        QVERIFY(store.rememberMessageId(account, first));
        const QString secondAccount = otherAccount.isEmpty() ? account : otherAccount;
        QCOMPARE(store.rememberMessageId(secondAccount, second), secondIsNew);

        // And after a restart.
        StateStore restarted(path);
        restarted.load();
        if (!secondIsNew)
            QVERIFY(!restarted.rememberMessageId(secondAccount, second));
    }

    void messageIdCap()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.json"));
        StateStore store(path);
        store.load();
        const int total = StateStore::MaxMessageIds + 10;
        for (int i = 0; i < total; ++i)
            QVERIFY(store.rememberMessageId(QStringLiteral("work"), messageId(i)));

        StateStore restarted(path);
        QCOMPARE(restarted.load(), QString());
        const QJsonArray ids = QJsonDocument::fromJson(readFile(path))
                                   .object()
                                   .value(QStringLiteral("accounts"))
                                   .toObject()
                                   .value(QStringLiteral("work"))
                                   .toObject()
                                   .value(QStringLiteral("recentMessageIds"))
                                   .toArray();
        QCOMPARE(ids.size(), StateStore::MaxMessageIds);
        QCOMPARE(ids.first().toString(), QString::fromLatin1(messageId(10)));
        QCOMPARE(ids.last().toString(), QString::fromLatin1(messageId(total - 1)));
        for (StateStore *s : {&store, &restarted}) {
            QVERIFY(!s->hasMessageId(QStringLiteral("work"), messageId(9))); // the oldest were dropped
            QVERIFY(s->hasMessageId(QStringLiteral("work"), messageId(10))); // the newest 500 are kept
            QVERIFY(s->hasMessageId(QStringLiteral("work"), messageId(total - 1)));
        }
    }

    void messageIdCapOnLoad()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.json"));
        QJsonArray ids;
        for (int i = 0; i < 600; ++i)
            ids.append(QString::fromLatin1(messageId(i)));
        QJsonObject account{{QStringLiteral("recentMessageIds"), ids}};
        QJsonObject root{{QStringLiteral("version"), 1},
                         {QStringLiteral("accounts"), QJsonObject{{QStringLiteral("work"), account}}}};
        QVERIFY(writeFile(path, QJsonDocument(root).toJson()));
        StateStore store(path);
        QCOMPARE(store.load(), QString());
        QVERIFY(!store.hasMessageId(QStringLiteral("work"), messageId(99)));
        QVERIFY(store.hasMessageId(QStringLiteral("work"), messageId(100)));
        QVERIFY(store.hasMessageId(QStringLiteral("work"), messageId(599)));
    }

    void prune()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.json"));
        StateStore store(path);
        store.load();
        for (const char *id : {"a", "b", "c"}) {
            QVERIFY(store.setState(QString::fromLatin1(id), QStringLiteral("INBOX"), makeState(1, 1)));
            QVERIFY(store.rememberMessageId(QString::fromLatin1(id), "<m@x>"));
        }
        store.prune({QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("new")});
        QCOMPARE(store.accountIds(), (QStringList{QStringLiteral("a"), QStringLiteral("c")}));

        StateStore restarted(path);
        restarted.load();
        QCOMPARE(restarted.accountIds(), (QStringList{QStringLiteral("a"), QStringLiteral("c")}));
        QVERIFY(!restarted.state(QStringLiteral("b"), QStringLiteral("INBOX")).isKnown());
        QVERIFY(restarted.rememberMessageId(QStringLiteral("b"), "<m@x>"));
    }

    void resetAccount()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.json"));
        StateStore store(path);
        store.load();
        QVERIFY(store.setState(QStringLiteral("a"), QStringLiteral("INBOX"), makeState(1, 5)));
        QVERIFY(store.setState(QStringLiteral("b"), QStringLiteral("INBOX"), makeState(2, 6)));
        QVERIFY(store.rememberMessageId(QStringLiteral("a"), "<m@x>"));
        store.resetAccount(QStringLiteral("a"));
        QVERIFY(!store.state(QStringLiteral("a"), QStringLiteral("INBOX")).isKnown());

        StateStore restarted(path);
        restarted.load();
        QVERIFY(!restarted.state(QStringLiteral("a"), QStringLiteral("INBOX")).isKnown());
        QVERIFY(!restarted.hasMessageId(QStringLiteral("a"), "<m@x>"));
        QCOMPARE(restarted.state(QStringLiteral("b"), QStringLiteral("INBOX")), makeState(2, 6));
    }
};

QTEST_GUILESS_MAIN(TestStateStore)
#include "tst_statestore.moc"
