// ui::Notifier against a real dbus-daemon (private, started here) and the
// fake notification daemon (tests/support/fake-notifyd), whose JSON log
// tells what the notifier sent.
#include "support/FakeNotifyd.h"
#include "support/ManualClock.h"
#include "support/PrivateBus.h"
#include "ui/Notifier.h"
#include "ui/Sanitize.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusReply>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>

#include <memory>

using namespace std::chrono_literals;
using session::MessageSummary;
using testsupport::FakeNotifyd;
using testsupport::jsonString;
using testsupport::jsonStrings;
using testsupport::jsonUint;
using testsupport::PrivateBus;
using ui::Notifier;

namespace {

constexpr int StartTimeoutMs = 10000;
constexpr int RoundTripMs = 5000; // QTRY bound for D-Bus round trips to another process
const QString &Service = testsupport::NotificationsService;

MessageSummary message(quint32 uid, const QString &fromName, const QString &subject,
                       const QString &mailbox = QStringLiteral("INBOX"), quint32 uidValidity = 77)
{
    MessageSummary m;
    m.mailbox = mailbox;
    m.uid = imap::Uid(uid);
    m.uidValidity = uidValidity;
    m.fromName = fromName;
    m.fromAddress = fromName.toLower().remove(QLatin1Char(' ')) + QStringLiteral("@example.org");
    m.subject = subject;
    return m;
}

QList<MessageSummary> messages(int count, quint32 firstUid = 1)
{
    QList<MessageSummary> out;
    for (int i = 0; i < count; ++i)
        out << message(firstUid + i, QStringLiteral("Sender %1").arg(i + 1), QStringLiteral("Subject %1").arg(i + 1));
    return out;
}

} // namespace

class TestNotifier : public QObject
{
    Q_OBJECT

private:
    // A fresh daemon with these capabilities and a notifier that knows them.
    bool setUp(const QStringList &capabilities, const QStringList &extraArgs = {})
    {
        m_notifier.reset();
        m_fake.reset();
        // The previous daemon's name must be gone before the next one asks for it.
        QElapsedTimer t;
        t.start();
        while (m_bus.interface()->isServiceRegistered(Service) && t.elapsed() < StartTimeoutMs)
            QTest::qWait(10);
        m_fake = std::make_unique<FakeNotifyd>(m_bus, m_privateBus.address());
        if (!m_fake->start(capabilities, extraArgs))
            return false;
        m_clock = std::make_unique<testsupport::ManualClock>();
        m_notifier = std::make_unique<Notifier>(m_bus, m_clock.get());
        QSignalSpy ready(m_notifier.get(), &Notifier::serviceStateChanged);
        return m_notifier->serviceState() == Notifier::ServiceState::Available || ready.wait(RoundTripMs);
    }

    QDBusConnection m_bus{QString()};
    PrivateBus m_privateBus;
    std::unique_ptr<FakeNotifyd> m_fake;
    std::unique_ptr<testsupport::ManualClock> m_clock;
    std::unique_ptr<Notifier> m_notifier;
    const QStringList m_allCaps{QStringLiteral("actions"), QStringLiteral("body"), QStringLiteral("body-markup")};

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!FakeNotifyd::program().isEmpty() && QFile::exists(FakeNotifyd::program()),
                 "fake-notifyd not found (IDLEBELL_FAKE_NOTIFYD)");
        QVERIFY2(m_privateBus.start(), "could not start a private dbus-daemon");
        // Anything that would use the session bus gets the private one.
        qputenv("DBUS_SESSION_BUS_ADDRESS", m_privateBus.address().toUtf8());
        m_bus = QDBusConnection::connectToBus(m_privateBus.address(), QStringLiteral("tst_notifier"));
        QVERIFY(m_bus.isConnected());
    }

    void cleanupTestCase()
    {
        m_notifier.reset();
        m_fake.reset();
        QDBusConnection::disconnectFromBus(QStringLiteral("tst_notifier"));
        m_privateBus.stop();
    }

    void cleanup()
    {
        m_notifier.reset();
        m_fake.reset();
    }

    // What reaches a notification from a mail's headers (pure functions).
    void sanitizeLine_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<int>("maxLength");
        QTest::addColumn<QString>("expected");
        const QString e4 = QStringLiteral("e\u0301");
        QTest::newRow("plain") << QStringLiteral("Hello") << 0 << QStringLiteral("Hello");
        QTest::newRow("whitespace") << QStringLiteral("  a \t\r\n b\u00A0\u2028c  ") << 0 << QStringLiteral("a b c");
        QTest::newRow("C0 C1 DEL") << QStringLiteral("a\u0000b\u0007c\u007F\u0085d\u009BE") << 0
                                   << QStringLiteral("abc dE");
        QTest::newRow("bidi overrides") << QStringLiteral("abc\u202Edef\u202C") << 0 << QStringLiteral("abcdef");
        QTest::newRow("bidi isolates and marks")
            << QStringLiteral("\u2066x\u2069\u200E\u200F\u061C\u202A\u202B\u202D\u2067\u2068") << 0
            << QStringLiteral("x");
        QTest::newRow("invisible format")
            << QStringLiteral("a\u200Bb\uFEFFc\u2060d\u00ADe") << 0 << QStringLiteral("abcde");
        QTest::newRow("emoji ZWJ sequence kept") << QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467") << 0
                                                 << QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467");
        QTest::newRow("stray joiners") << QStringLiteral("\u200Dab\u200D \u200C c\u200D\u200D") << 0
                                       << QStringLiteral("ab c");
        QTest::newRow("ZWNJ in a word kept") << QStringLiteral("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645") << 0
                                             << QStringLiteral("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645");
        QTest::newRow("flag tag sequence kept")
            << QStringLiteral("\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F") << 0
            << QStringLiteral("\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F");
        QTest::newRow("stray tags") << QStringLiteral("a\U000E0041b\U000E0001") << 0 << QStringLiteral("ab");
        QTest::newRow("zalgo capped") << QStringLiteral("e") + QString(20, QChar(0x0301)) << 0
                                      << QStringLiteral("e") + QString(8, QChar(0x0301));
        QTest::newRow("lone surrogates") << QString(QChar(0xD800)) + QStringLiteral("x") + QChar(0xDC00) << 0
                                         << QStringLiteral("x");
        QTest::newRow("noncharacters") << QStringLiteral("a\uFFFEb\uFDD0c") << 0 << QStringLiteral("abc");
        QTest::newRow("cap") << QString(10, QLatin1Char('a')) << 5 << QStringLiteral("aaaa\u2026");
        QTest::newRow("cap exact") << QString(5, QLatin1Char('a')) << 5 << QString(5, QLatin1Char('a'));
        QTest::newRow("cap drops the space before the ellipsis")
            << QStringLiteral("abc def") << 5 << QStringLiteral("abc\u2026");
        QTest::newRow("cap keeps surrogate pairs")
            << QString(6, QChar(0x263A)).replace(QChar(0x263A), QStringLiteral("\U0001F600")) << 3
            << QStringLiteral("\U0001F600\U0001F600\u2026");
        QTest::newRow("cap keeps combining sequences") << e4 + e4 + e4 + e4 << 3 << e4 + e4 + QStringLiteral("\u2026");
    }
    void sanitizeLine()
    {
        QFETCH(QString, input);
        QFETCH(int, maxLength);
        QFETCH(QString, expected);
        QCOMPARE(ui::sanitizeLine(input, maxLength), expected);
    }

    void escapeMarkup()
    {
        QCOMPARE(ui::escapeMarkup(QStringLiteral("<a href=\"x\">Tom & 'Jerry'</a>")),
                 QStringLiteral("&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"));
        QCOMPARE(ui::escapeMarkup(QStringLiteral("plain")), QStringLiteral("plain"));
    }

    void oneNotificationPerMessage()
    {
        QVERIFY(setUp(m_allCaps));
        QCOMPARE(m_notifier->capabilities(), m_allCaps);
        MessageSummary noName = message(2, QString(), QStringLiteral("Invoice"));
        noName.fromAddress = QStringLiteral("billing@example.org");
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"),
                                {message(1, QStringLiteral("Alice Example"), QStringLiteral("Lunch?")), noName}, 0);

        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 2, RoundTripMs);
        const QList<QJsonObject> n = m_fake->notifies();
        QCOMPARE(jsonString(n[0], "summary"), QStringLiteral("Alice Example"));
        QCOMPARE(jsonString(n[0], "body"), QStringLiteral("Lunch?"));
        QCOMPARE(jsonString(n[1], "summary"), QStringLiteral("billing@example.org")); // no display name: the address
        QCOMPARE(jsonString(n[1], "body"), QStringLiteral("Invoice"));
        for (const QJsonObject &o : n) {
            QCOMPARE(jsonString(o, "app_name"), QStringLiteral("Idlebell"));
            QCOMPARE(jsonString(o, "app_icon"), QStringLiteral("idlebell"));
            QCOMPARE(jsonUint(o, "replaces_id"), 0u);
            QCOMPARE(jsonStrings(o, "actions"),
                     QStringList({QStringLiteral("default"), QStringLiteral("Open"), QStringLiteral("mark-read"),
                                  QStringLiteral("Mark as read")}));
            const QJsonObject hints = o.value(QStringLiteral("hints")).toObject();
            QCOMPARE(hints.value(QStringLiteral("desktop-entry")).toString(),
                     QStringLiteral("io.github.idlebell.Idlebell"));
            QCOMPARE(hints.value(QStringLiteral("category")).toString(), QStringLiteral("email.arrived"));
            QCOMPARE(hints.value(QStringLiteral("urgency")).toInteger(), 1);
        }
        QCOMPARE(m_fake->count(QStringLiteral("GetCapabilities")), 1);
        QCOMPARE(m_notifier->activeCount(), 2);
    }

    void noActionsWithoutCapability()
    {
        QVERIFY(setUp({QStringLiteral("body")}));
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(1), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 1, RoundTripMs);
        QVERIFY(jsonStrings(m_fake->notifies().first(), "actions").isEmpty());
    }

    void bodyMarkup_data()
    {
        QTest::addColumn<QStringList>("capabilities");
        QTest::addColumn<QString>("body");
        const QStringList plain{QStringLiteral("actions"), QStringLiteral("body")};
        QTest::newRow("markup") << m_allCaps
                                << QStringLiteral("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt; say &quot;hi&quot; &#39;n bye");
        QTest::newRow("plain") << plain << QStringLiteral("<b>Tom & Jerry</b> say \"hi\" 'n bye");
    }
    void bodyMarkup()
    {
        QFETCH(QStringList, capabilities);
        QFETCH(QString, body);
        QVERIFY(setUp(capabilities));
        m_notifier->showNewMail(
            QStringLiteral("acc1"), QStringLiteral("Work"),
            {message(1, QStringLiteral("<i>Eve</i> & Co"), QStringLiteral("<b>Tom & Jerry</b> say \"hi\" 'n bye"))}, 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 1, RoundTripMs);
        QCOMPARE(jsonString(m_fake->notifies().first(), "body"), body);
        // The summary is never markup: as is.
        QCOMPARE(jsonString(m_fake->notifies().first(), "summary"), QStringLiteral("<i>Eve</i> & Co"));
    }

    void sanitised()
    {
        QVERIFY(setUp({QStringLiteral("actions"), QStringLiteral("body")}));
        const QString evilSender = QStringLiteral("Bank\u202Egnp.exe\u202C\x1b[31m Support\u200B\n\tTeam");
        const QString evilSubject = QStringLiteral("  Pay\r\nnow\u2066\u0085 \u200Fplease\x07  ");
        MessageSummary longOne = message(2, QString(300, QLatin1Char('A')), QString(500, QLatin1Char('b')));
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"),
                                {message(1, evilSender, evilSubject), longOne}, 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 2, RoundTripMs);
        const QList<QJsonObject> n = m_fake->notifies();
        QCOMPARE(jsonString(n[0], "summary"), QStringLiteral("Bankgnp.exe[31m Support Team"));
        QCOMPARE(jsonString(n[0], "body"), QStringLiteral("Pay now please"));
        QCOMPARE(int(jsonString(n[1], "summary").size()), ui::MaxSummaryLength);
        QVERIFY(jsonString(n[1], "summary").endsWith(QChar(0x2026)));
        QCOMPARE(int(jsonString(n[1], "body").size()), ui::MaxBodyLength);
        QVERIFY(jsonString(n[1], "body").endsWith(QChar(0x2026)));
    }

    void burstInOneCallIsGrouped()
    {
        QVERIFY(setUp(m_allCaps));
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(5), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 1, RoundTripMs);
        const QJsonObject g = m_fake->notifies().first();
        QCOMPARE(jsonString(g, "summary"), QStringLiteral("5 new messages in Work"));
        QCOMPARE(jsonString(g, "body"),
                 QStringLiteral("Sender 1: Subject 1\nSender 2: Subject 2\nSender 3: Subject 3\nand 2 more"));
        QCOMPARE(m_notifier->activeCount(), 1);

        // At the threshold, not past it: one each.
        m_clock->advance(5000);
        m_notifier->showNewMail(QStringLiteral("acc2"), QStringLiteral("Home"), messages(3, 100), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 4, RoundTripMs);
    }

    void omittedAddsToTheCount()
    {
        QVERIFY(setUp(m_allCaps));
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(2), 40);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 1, RoundTripMs);
        QCOMPARE(jsonString(m_fake->notifies().first(), "summary"), QStringLiteral("42 new messages in Work"));
        QVERIFY(jsonString(m_fake->notifies().first(), "body").endsWith(QStringLiteral("and 40 more")));
    }

    void burstAcrossCallsReplacesTheFirstOnes()
    {
        QVERIFY(setUp(m_allCaps));
        const QString acc = QStringLiteral("acc1");
        m_notifier->showNewMail(acc, QStringLiteral("Work"), messages(2, 1), 0);
        // Not delayed by the window: both show at once.
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 2, RoundTripMs);
        const uint first = jsonUint(m_fake->notifies()[0], "id");
        const uint second = jsonUint(m_fake->notifies()[1], "id");

        m_clock->advance(1500); // inside the 2 s window
        m_notifier->showNewMail(acc, QStringLiteral("Work"), messages(2, 3), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 3, RoundTripMs);
        const QJsonObject g = m_fake->notifies().last();
        QCOMPARE(jsonUint(g, "replaces_id"), first);
        QCOMPARE(jsonString(g, "summary"), QStringLiteral("4 new messages in Work"));
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->closed(), QList<uint>{second}, RoundTripMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->openIds(), QList<uint>{first}, RoundTripMs);

        // Still within the window (it slides): the group is updated.
        m_clock->advance(1500);
        m_notifier->showNewMail(acc, QStringLiteral("Work"), messages(1, 5), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 4, RoundTripMs);
        QCOMPARE(jsonUint(m_fake->notifies().last(), "replaces_id"), first);
        QCOMPARE(jsonString(m_fake->notifies().last(), "summary"), QStringLiteral("5 new messages in Work"));

        // After the window, a message is a notification of its own again.
        m_clock->advance(2500);
        m_notifier->showNewMail(acc, QStringLiteral("Work"), messages(1, 6), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 5, RoundTripMs);
        QCOMPARE(jsonUint(m_fake->notifies().last(), "replaces_id"), 0u);
        QCOMPARE(jsonString(m_fake->notifies().last(), "summary"), QStringLiteral("Sender 1"));

        // Another account never joins this one's burst.
        m_notifier->showNewMail(QStringLiteral("acc2"), QStringLiteral("Home"), messages(3, 1), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 8, RoundTripMs);
    }

    void sameMessageTwiceIsShownOnce()
    {
        QVERIFY(setUp(m_allCaps));
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(1), 0);
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(1), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 1, RoundTripMs);
        m_fake->sync();
        QCOMPARE(m_fake->notifies().size(), 1);
    }

    void defaultActionOpens()
    {
        QVERIFY(setUp(m_allCaps));
        QSignalSpy open(m_notifier.get(), &Notifier::openRequested);
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(1), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 1, RoundTripMs);
        const uint id = jsonUint(m_fake->notifies().first(), "id");
        QVERIFY(m_fake->invokeAction(id, QStringLiteral("default")));
        QTRY_COMPARE_WITH_TIMEOUT(open.size(), 1, RoundTripMs);
        QCOMPARE(open.first().first().toString(), QStringLiteral("acc1"));
    }

    void markReadAction()
    {
        QVERIFY(setUp(m_allCaps));
        QSignalSpy markRead(m_notifier.get(), &Notifier::markReadRequested);
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"),
                                {message(42, QStringLiteral("Alice"), QStringLiteral("Hi"))}, 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 1, RoundTripMs);
        const uint id = jsonUint(m_fake->notifies().first(), "id");
        QVERIFY(m_fake->invokeAction(id, QStringLiteral("mark-read")));
        QTRY_COMPARE_WITH_TIMEOUT(markRead.size(), 1, RoundTripMs);
        const QList<QVariant> args = markRead.first();
        QCOMPARE(args.at(0).toString(), QStringLiteral("acc1"));
        QCOMPARE(args.at(1).toString(), QStringLiteral("INBOX"));
        QCOMPARE(args.at(2).toUInt(), 77u);
        QCOMPARE(args.at(3).value<QList<imap::Uid>>(), QList<imap::Uid>{imap::Uid(42)});
        // Its job done, the notification goes.
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->closed(), QList<uint>{id}, RoundTripMs);
        QCOMPARE(m_notifier->activeCount(), 0);
    }

    void markReadOnAGroupSpansMailboxes()
    {
        QVERIFY(setUp(m_allCaps));
        QSignalSpy markRead(m_notifier.get(), &Notifier::markReadRequested);
        QList<MessageSummary> burst{
            message(10, QStringLiteral("A"), QStringLiteral("a")),
            message(11, QStringLiteral("B"), QStringLiteral("b")),
            message(5, QStringLiteral("C"), QStringLiteral("c"), QStringLiteral("Lists"), 9),
            message(12, QStringLiteral("D"), QStringLiteral("d")),
        };
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), burst, 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 1, RoundTripMs);
        QVERIFY(m_fake->invokeAction(jsonUint(m_fake->notifies().first(), "id"), QStringLiteral("mark-read")));
        QTRY_COMPARE_WITH_TIMEOUT(markRead.size(), 2, RoundTripMs);
        QCOMPARE(markRead.at(0).at(1).toString(), QStringLiteral("INBOX"));
        QCOMPARE(markRead.at(0).at(2).toUInt(), 77u);
        QCOMPARE(markRead.at(0).at(3).value<QList<imap::Uid>>(),
                 (QList<imap::Uid>{imap::Uid(10), imap::Uid(11), imap::Uid(12)}));
        QCOMPARE(markRead.at(1).at(1).toString(), QStringLiteral("Lists"));
        QCOMPARE(markRead.at(1).at(2).toUInt(), 9u);
        QCOMPARE(markRead.at(1).at(3).value<QList<imap::Uid>>(), QList<imap::Uid>{imap::Uid(5)});
    }

    void actionsOfOthersAreIgnored()
    {
        QVERIFY(setUp(m_allCaps));
        QSignalSpy open(m_notifier.get(), &Notifier::openRequested);
        // Someone else's notification on the same server.
        QDBusMessage call = QDBusMessage::createMethodCall(Service, Notifier::objectPath(), Notifier::interfaceName(),
                                                           QStringLiteral("Notify"));
        call << QStringLiteral("Other") << 0u << QString() << QStringLiteral("x") << QString()
             << QStringList{QStringLiteral("default"), QStringLiteral("Open")} << QVariantMap() << -1;
        const QDBusReply<uint> other = m_bus.call(call);
        QVERIFY(other.isValid());
        QVERIFY(m_fake->invokeAction(other.value(), QStringLiteral("default")));
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(1), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 2, RoundTripMs);
        QVERIFY(m_fake->invokeAction(jsonUint(m_fake->notifies().last(), "id"), QStringLiteral("default")));
        QTRY_COMPARE_WITH_TIMEOUT(open.size(), 1, RoundTripMs);
    }

    void withdrawClosesTheSingleNotification()
    {
        QVERIFY(setUp(m_allCaps));
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(3), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->openIds().size(), 3, RoundTripMs);
        const QList<QJsonObject> n = m_fake->notifies();
        // Wrong account, wrong mailbox: nothing happens.
        m_notifier->withdraw(QStringLiteral("acc2"), QStringLiteral("INBOX"), {imap::Uid(2)});
        m_notifier->withdraw(QStringLiteral("acc1"), QStringLiteral("Lists"), {imap::Uid(2)});
        m_notifier->withdraw(QStringLiteral("acc1"), QStringLiteral("INBOX"), {imap::Uid(2), imap::Uid(99)});
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->closed(), QList<uint>{jsonUint(n[1], "id")}, RoundTripMs);
        QCOMPARE(m_notifier->activeCount(), 2);
        QCOMPARE(m_fake->openIds(), (QList<uint>{jsonUint(n[0], "id"), jsonUint(n[2], "id")}));
    }

    void withdrawUpdatesThenClosesAGroup()
    {
        QVERIFY(setUp(m_allCaps));
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(5), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 1, RoundTripMs);
        const uint group = jsonUint(m_fake->notifies().first(), "id");

        m_notifier->withdraw(QStringLiteral("acc1"), QStringLiteral("INBOX"), {imap::Uid(1), imap::Uid(3)});
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 2, RoundTripMs);
        QCOMPARE(jsonUint(m_fake->notifies().last(), "replaces_id"), group);
        QCOMPARE(jsonString(m_fake->notifies().last(), "summary"), QStringLiteral("3 new messages in Work"));
        QCOMPARE(jsonString(m_fake->notifies().last(), "body"),
                 QStringLiteral("Sender 2: Subject 2\nSender 4: Subject 4\nSender 5: Subject 5"));

        m_notifier->withdraw(QStringLiteral("acc1"), QStringLiteral("INBOX"), {imap::Uid(2), imap::Uid(4)});
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 3, RoundTripMs);
        // One left: sender and subject again.
        QCOMPARE(jsonString(m_fake->notifies().last(), "summary"), QStringLiteral("Sender 5"));
        QCOMPARE(jsonString(m_fake->notifies().last(), "body"), QStringLiteral("Subject 5"));
        QCOMPARE(jsonUint(m_fake->notifies().last(), "id"), group);

        m_notifier->withdraw(QStringLiteral("acc1"), QStringLiteral("INBOX"), {imap::Uid(5)});
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->closed(), QList<uint>{group}, RoundTripMs);
        QCOMPARE(m_notifier->activeCount(), 0);
    }

    void withdrawBeforeTheIdIsKnown()
    {
        // The daemon answers Notify only after 300 ms.
        QVERIFY(setUp(m_allCaps, {QStringLiteral("--reply-delay"), QStringLiteral("300")}));
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(1), 0);
        m_notifier->withdraw(QStringLiteral("acc1"), QStringLiteral("INBOX"), {imap::Uid(1)});
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->closed().size(), 1, RoundTripMs);
        QCOMPARE(m_fake->closed().first(), jsonUint(m_fake->notifies().first(), "id"));
        QTRY_COMPARE_WITH_TIMEOUT(m_notifier->activeCount(), 0, RoundTripMs);
        QVERIFY(m_fake->openIds().isEmpty());
    }

    void groupUpdateWhileTheFirstReplyIsPending()
    {
        QVERIFY(setUp(m_allCaps, {QStringLiteral("--reply-delay"), QStringLiteral("200")}));
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(2, 1), 0);
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(2, 3), 0);
        // Two singles went out; once their ids are known the first becomes
        // the group and the second is closed.
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 3, RoundTripMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->closed().size(), 1, RoundTripMs);
        const QList<QJsonObject> n = m_fake->notifies();
        QCOMPARE(jsonUint(n[2], "replaces_id"), jsonUint(n[0], "id"));
        QCOMPARE(jsonString(n[2], "summary"), QStringLiteral("4 new messages in Work"));
        QCOMPARE(m_fake->closed().first(), jsonUint(n[1], "id"));
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->openIds(), QList<uint>{jsonUint(n[0], "id")}, RoundTripMs);
    }

    void signalsThatOvertakeTheReply()
    {
        // The daemon answers Notify late; its signals about the new id come first.
        QVERIFY(setUp(m_allCaps, {QStringLiteral("--reply-delay"), QStringLiteral("300")}));
        QSignalSpy markRead(m_notifier.get(), &Notifier::markReadRequested);
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(2), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 2, RoundTripMs);
        const uint first = jsonUint(m_fake->notifies()[0], "id");
        const uint second = jsonUint(m_fake->notifies()[1], "id");
        QVERIFY(m_fake->invokeAction(first, QStringLiteral("mark-read")));
        QVERIFY(m_fake->close(second, 1)); // expired at once
        QCOMPARE(markRead.size(), 0);      // the replies are not in yet
        QTRY_COMPARE_WITH_TIMEOUT(markRead.size(), 1, RoundTripMs);
        QCOMPARE(markRead.first().at(3).value<QList<imap::Uid>>(), QList<imap::Uid>{imap::Uid(1)});
        QTRY_COMPARE_WITH_TIMEOUT(m_notifier->activeCount(), 0, RoundTripMs);
    }

    void notificationClosedForgetsIt()
    {
        QVERIFY(setUp(m_allCaps));
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(2), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->openIds().size(), 2, RoundTripMs);
        const uint id = jsonUint(m_fake->notifies().first(), "id");
        QVERIFY(m_fake->close(id, 2)); // dismissed by the user
        QTRY_COMPARE_WITH_TIMEOUT(m_notifier->activeCount(), 1, RoundTripMs);
        // Withdrawing its message now does not close anything.
        m_notifier->withdraw(QStringLiteral("acc1"), QStringLiteral("INBOX"), {imap::Uid(1)});
        m_fake->sync();
        QVERIFY(m_fake->closed().isEmpty());
        // A new burst does not try to replace the dismissed notification.
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(3, 10), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 3, RoundTripMs);
        QCOMPARE(jsonUint(m_fake->notifies().last(), "replaces_id"), jsonUint(m_fake->notifies()[1], "id"));
        QCOMPARE(jsonString(m_fake->notifies().last(), "summary"), QStringLiteral("4 new messages in Work"));
    }

    void hideContent()
    {
        QVERIFY(setUp(m_allCaps));
        m_notifier->setHideContent(true);
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work <private>"), messages(1), 0);
        m_notifier->showNewMail(QStringLiteral("acc2"), QStringLiteral("Home"), messages(4, 10), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 2, RoundTripMs);
        const QList<QJsonObject> n = m_fake->notifies();
        QCOMPARE(jsonString(n[0], "summary"), QStringLiteral("New message"));
        QCOMPARE(jsonString(n[0], "body"), QStringLiteral("Work &lt;private&gt;"));
        QCOMPARE(jsonString(n[1], "summary"), QStringLiteral("4 new messages"));
        QCOMPARE(jsonString(n[1], "body"), QStringLiteral("Home"));
    }

    void disabled()
    {
        QVERIFY(setUp(m_allCaps));
        m_notifier->setEnabled(false);
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(2), 0);
        m_fake->sync();
        QCOMPARE(m_fake->notifies().size(), 0);
        QCOMPARE(m_notifier->activeCount(), 0);
        m_notifier->setEnabled(true);
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(1, 5), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 1, RoundTripMs);
    }

    void capabilitiesFollowTheServiceOwner()
    {
        QVERIFY(setUp({QStringLiteral("body")}));
        QCOMPARE(m_notifier->capabilities(), QStringList{QStringLiteral("body")});
        QSignalSpy state(m_notifier.get(), &Notifier::serviceStateChanged);
        m_fake->stop();
        QTRY_COMPARE_WITH_TIMEOUT(m_notifier->serviceState(), Notifier::ServiceState::Unknown, RoundTripMs);
        QTRY_VERIFY_WITH_TIMEOUT(!m_bus.interface()->isServiceRegistered(Service), RoundTripMs);
        QVERIFY(m_fake->start(m_allCaps));
        QTRY_COMPARE_WITH_TIMEOUT(m_notifier->serviceState(), Notifier::ServiceState::Available, RoundTripMs);
        QCOMPARE(m_notifier->capabilities(), m_allCaps);
        m_notifier->showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(1), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->notifies().size(), 1, RoundTripMs);
        QCOMPARE(jsonStrings(m_fake->notifies().first(), "actions").size(), 4);
    }

    void fallbackWithoutService()
    {
        cleanup();
        QTRY_VERIFY_WITH_TIMEOUT(!m_bus.interface()->isServiceRegistered(Service), RoundTripMs);
        Notifier notifier(m_bus, nullptr);
        QSignalSpy fallback(&notifier, &Notifier::fallbackShown);
        QTRY_COMPARE_WITH_TIMEOUT(notifier.serviceState(), Notifier::ServiceState::Unavailable, RoundTripMs);

        // No tray icon: reported (and logged once), not shown.
        notifier.showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(1), 0);
        QCOMPARE(fallback.size(), 1);
        QCOMPARE(fallback.at(0).at(0).toString(), QStringLiteral("acc1"));
        QCOMPARE(fallback.at(0).at(1).toString(), QStringLiteral("Sender 1"));
        QCOMPARE(fallback.at(0).at(2).toString(), QStringLiteral("Subject 1"));
        QCOMPARE(fallback.at(0).at(3).toBool(), false);

        // With a tray icon: one balloon per call, grouped when there are several.
        QSystemTrayIcon tray;
        notifier.setFallbackTrayIcon(&tray);
        notifier.showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(2, 10), 0);
        QCOMPARE(fallback.size(), 2);
        QCOMPARE(fallback.at(1).at(1).toString(), QStringLiteral("2 new messages in Work"));
        QCOMPARE(fallback.at(1).at(3).toBool(), true);
        QCOMPARE(notifier.activeCount(), 0);
        notifier.withdraw(QStringLiteral("acc1"), QStringLiteral("INBOX"), {imap::Uid(10)}); // nothing to do

        // Clicking the balloon opens the account.
        QSignalSpy open(&notifier, &Notifier::openRequested);
        Q_EMIT tray.messageClicked();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().first().toString(), QStringLiteral("acc1"));
    }

    void fallbackWithoutBus()
    {
        const QDBusConnection none(QStringLiteral("no-such-connection"));
        QVERIFY(!none.isConnected());
        Notifier notifier(none, nullptr);
        QCOMPARE(notifier.serviceState(), Notifier::ServiceState::Unavailable);
        QSignalSpy fallback(&notifier, &Notifier::fallbackShown);
        notifier.showNewMail(QStringLiteral("acc1"), QStringLiteral("Work"), messages(5), 0);
        QCOMPARE(fallback.size(), 1);
        QCOMPARE(fallback.first().at(1).toString(), QStringLiteral("5 new messages in Work"));
    }
};

QTEST_MAIN(TestNotifier)
#include "tst_notifier.moc"
