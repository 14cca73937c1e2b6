// Proves the Dovecot fixture and the test IMAP client that later integration tests rely on.
// Users 1-5 belong to this test (see the table in tests/support/DovecotFixture.h).

#include "support/DovecotFixture.h"
#include "support/TestImapClient.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <optional>

using testsupport::DovecotFixture;
using testsupport::TestImapClient;
using Security = TestImapClient::Security;

namespace {

constexpr int kImapsUser = 1;
constexpr int kStartTlsUser = 2;
constexpr int kPlainUser = 3;
constexpr int kRefusedUser = 4;
constexpr int kMailUser = 5;

QString messagesIn(const DovecotFixture &dovecot, int user, const QString &mailbox)
{
    const DovecotFixture::ProcessResult r
        = dovecot.doveadm({QStringLiteral("mailbox"), QStringLiteral("status"), QStringLiteral("-u"),
                           dovecot.userName(user), QStringLiteral("messages unseen"), mailbox});
    if (!r.ok())
        return QStringLiteral("doveadm failed: ") + r.describe();
    // "<mailbox> messages=N unseen=M"
    const QString out = QString::fromUtf8(r.output).trimmed();
    return out.mid(out.indexOf(QStringLiteral("messages=")));
}

} // namespace

class TestFixture : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void envFileIsComplete();
    void makeMessageIsValidRfc5322();
    void mailboxNamesUseModifiedUtf7();
    void quotedStrings();

    void loginOverImaps();
    void imapsAnswersOnLocalhostToo();
    void untrustedCertificateIsRefused();
    void loginOverStartTls();
    void loginBeforeStartTlsIsRefused();
    void plaintextListenerAllowsLogin();
    void wrongPasswordIsRefused();
    void appendSearchStoreMoveExpunge();
    void literalsInResponses();
    void doveadmWorks();
    void privateInstanceRestartKeepsMailAndPorts();

private:
    std::optional<DovecotFixture> m_dovecot;
};

void TestFixture::initTestCase()
{
    m_dovecot = DovecotFixture::requireFixture();
    if (!m_dovecot)
        return; // requireFixture() has failed the test and said why
    qInfo("Dovecot fixture in %s: IMAPS %s:%u, STARTTLS %s:%u, plain %s:%u", qPrintable(m_dovecot->directory()),
          qPrintable(m_dovecot->host()), m_dovecot->imapsPort(), qPrintable(m_dovecot->host()), m_dovecot->imapPort(),
          qPrintable(m_dovecot->plainHost()), m_dovecot->plainPort());
}

void TestFixture::envFileIsComplete()
{
    QVERIFY(m_dovecot->isRunning());
    QCOMPARE(m_dovecot->host(), QStringLiteral("127.0.0.2"));
    QCOMPARE(m_dovecot->plainHost(), QStringLiteral("127.0.0.3"));
    QVERIFY(m_dovecot->imapsPort() > 0);
    QVERIFY(m_dovecot->imapPort() > 0);
    QVERIFY(m_dovecot->plainPort() > 0);
    QVERIFY(m_dovecot->imapsPort() != m_dovecot->imapPort());
    QVERIFY(m_dovecot->plainPort() != m_dovecot->imapPort());
    QVERIFY(m_dovecot->plainPort() != m_dovecot->imapsPort());
    QCOMPARE(m_dovecot->userCount(), 80);
    QCOMPARE(m_dovecot->userName(7), QStringLiteral("user7"));
    QCOMPARE(m_dovecot->password(7), QStringLiteral("ib-Pw-7-Zq8y"));
    QCOMPARE(m_dovecot->maxUserIpConnections(), 20);
    QCOMPARE(m_dovecot->mailboxSeparator(), QStringLiteral("/"));
    QVERIFY(QFile::exists(m_dovecot->configPath()));
    QVERIFY(QFile::exists(m_dovecot->logPath()));

    const QList<QSslCertificate> certs = QSslCertificate::fromData(m_dovecot->caCertPem(), QSsl::Pem);
    QCOMPARE(certs.size(), 1);
    QCOMPARE(QString::fromLatin1(certs.first().digest(QCryptographicHash::Sha256).toHex()), m_dovecot->certSha256());
    QCOMPARE(certs.first().subjectInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("localhost")});
    const auto san = certs.first().subjectAlternativeNames();
    QVERIFY(san.contains(QSsl::DnsEntry, QStringLiteral("localhost")));
    QVERIFY(san.contains(QSsl::IpAddressEntry, QStringLiteral("127.0.0.1")));
    QVERIFY(san.contains(QSsl::IpAddressEntry, QStringLiteral("127.0.0.2")));
}

void TestFixture::makeMessageIsValidRfc5322()
{
    const QDateTime date(QDate(2024, 2, 29), QTime(13, 5, 9), Qt::OffsetFromUTC, -(3 * 3600 + 30 * 60));
    const QByteArray message = TestImapClient::makeMessage(
        "Ann <ann@example.org>", "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=", "line one\nline two\r\nline three", date,
        "abc@example.org", "Bob <bob@example.org>");
    QVERIFY(!message.contains('\n') || message.count('\n') == message.count("\r\n"));
    QVERIFY(message.contains("\r\n\r\n"));
    const QByteArray head = message.left(message.indexOf("\r\n\r\n"));
    const QList<QByteArray> headers = head.split('\n');
    QVERIFY(headers.contains("From: Ann <ann@example.org>\r"));
    QVERIFY(headers.contains("To: Bob <bob@example.org>\r"));
    QVERIFY(headers.contains("Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r"));
    QVERIFY(headers.contains("Message-ID: <abc@example.org>\r"));
    QVERIFY2(headers.contains("Date: Thu, 29 Feb 2024 13:05:09 -0330\r"), head.constData());
    QVERIFY(message.endsWith("line one\r\nline two\r\nline three\r\n"));
    QCOMPARE(QDateTime::fromString(QStringLiteral("Thu, 29 Feb 2024 13:05:09 -0330"), Qt::RFC2822Date), date);

    const QByteArray generated = TestImapClient::makeMessage("a@example.org", QByteArray(), "x");
    QVERIFY(!generated.contains("Subject:"));
    QVERIFY(generated.contains("@idlebell.test>\r\n"));
}

void TestFixture::mailboxNamesUseModifiedUtf7()
{
    QCOMPARE(TestImapClient::mailboxName(QStringLiteral("INBOX")), QByteArray("\"INBOX\""));
    QCOMPARE(TestImapClient::mailboxName(QStringLiteral("Entwürfe")), QByteArray("\"Entw&APw-rfe\""));
    QCOMPARE(TestImapClient::mailboxName(QStringLiteral("A&B")), QByteArray("\"A&-B\""));
    // RFC 3501 section 5.1.3's example
    QCOMPARE(TestImapClient::mailboxName(QStringLiteral("~peter/mail/台北/日本語")),
             QByteArray("\"~peter/mail/&U,BTFw-/&ZeVnLIqe-\""));
}

void TestFixture::quotedStrings()
{
    QCOMPARE(TestImapClient::quoted("a b"), std::optional<QByteArray>("\"a b\""));
    QCOMPARE(TestImapClient::quoted("q\"\\"), std::optional<QByteArray>("\"q\\\"\\\\\""));
    QVERIFY(!TestImapClient::quoted("line\r\nbreak"));
    QVERIFY(!TestImapClient::quoted("gr\xc3\xbc\xc3\x9f"));
}

void TestFixture::loginOverImaps()
{
    TestImapClient client;
    QVERIFY2(client.connectTo(*m_dovecot, Security::Tls), qPrintable(client.lastError()));
    QVERIFY(client.isEncrypted());
    QVERIFY2(client.sslErrors().isEmpty(), qPrintable(client.lastError()));
    QCOMPARE(QString::fromLatin1(client.peerCertificate().digest(QCryptographicHash::Sha256).toHex()),
             m_dovecot->certSha256());
    QVERIFY(!client.hasCapability("LOGINDISABLED"));
    QVERIFY(client.hasCapability("AUTH=PLAIN"));
    const auto login = client.login(m_dovecot->userName(kImapsUser), m_dovecot->password(kImapsUser));
    QVERIFY2(login.ok(), qPrintable(login.describe()));
    QVERIFY(client.hasCapability("IDLE")); // from the [CAPABILITY ...] code of the LOGIN reply
    QVERIFY(client.hasCapability("UIDPLUS"));
    QVERIFY(client.hasCapability("MOVE"));
    const auto bye = client.logout();
    QVERIFY2(bye.ok(), qPrintable(bye.describe()));
    QVERIFY(!client.isConnected());
}

void TestFixture::imapsAnswersOnLocalhostToo()
{
    const QList<QSslCertificate> ca = QSslCertificate::fromData(m_dovecot->caCertPem(), QSsl::Pem);
    TestImapClient client;
    // by address, checking the DNS name in the certificate
    QVERIFY2(client.connectToServer(m_dovecot->loopbackHost(), m_dovecot->imapsPort(), Security::Tls, ca,
                                    QStringLiteral("localhost")),
             qPrintable(client.lastError()));
    QVERIFY(client.isEncrypted());
    QVERIFY(client.login(m_dovecot->userName(kImapsUser), m_dovecot->password(kImapsUser)).ok());
    client.logout();
}

void TestFixture::untrustedCertificateIsRefused()
{
    TestImapClient client;
    // the system's CAs do not know the fixture's certificate
    QVERIFY(!client.connectToServer(m_dovecot->host(), m_dovecot->imapsPort(), Security::Tls));
    QVERIFY2(!client.sslErrors().isEmpty(), qPrintable(client.lastError()));
    bool selfSigned = false;
    for (const QSslError &e : client.sslErrors())
        selfSigned = selfSigned || e.error() == QSslError::SelfSignedCertificate;
    QVERIFY2(selfSigned, qPrintable(client.lastError()));

    // trusted, but not for that name
    const QList<QSslCertificate> ca = QSslCertificate::fromData(m_dovecot->caCertPem(), QSsl::Pem);
    TestImapClient other;
    QVERIFY(!other.connectToServer(m_dovecot->host(), m_dovecot->imapsPort(), Security::Tls, ca,
                                   QStringLiteral("mail.example.org")));
    bool mismatch = false;
    for (const QSslError &e : other.sslErrors())
        mismatch = mismatch || e.error() == QSslError::HostNameMismatch;
    QVERIFY2(mismatch, qPrintable(other.lastError()));

    // and the certificate's fingerprint is what a user would pin
    TestImapClient pinned;
    pinned.setIgnoreSslErrors(true);
    QVERIFY2(pinned.connectToServer(m_dovecot->host(), m_dovecot->imapsPort(), Security::Tls),
             qPrintable(pinned.lastError()));
    QCOMPARE(QString::fromLatin1(pinned.peerCertificate().digest(QCryptographicHash::Sha256).toHex()),
             m_dovecot->certSha256());
}

void TestFixture::loginOverStartTls()
{
    TestImapClient client;
    QVERIFY2(client.connectTo(*m_dovecot, Security::StartTls), qPrintable(client.lastError()));
    QVERIFY(client.greeting().contains("STARTTLS"));
    QVERIFY(client.greeting().contains("LOGINDISABLED"));
    QVERIFY(client.isEncrypted());
    QVERIFY(client.capabilities().isEmpty()); // forgotten at the handshake
    const auto caps = client.capability();
    QVERIFY2(caps.ok(), qPrintable(caps.describe()));
    QVERIFY(!client.hasCapability("LOGINDISABLED"));
    QVERIFY(!client.hasCapability("STARTTLS"));
    QVERIFY(client.hasCapability("AUTH=PLAIN"));
    const auto login = client.login(m_dovecot->userName(kStartTlsUser), m_dovecot->password(kStartTlsUser));
    QVERIFY2(login.ok(), qPrintable(login.describe()));
    client.logout();
}

void TestFixture::loginBeforeStartTlsIsRefused()
{
    const QList<QSslCertificate> ca = QSslCertificate::fromData(m_dovecot->caCertPem(), QSsl::Pem);
    TestImapClient client;
    QVERIFY2(client.connectToServer(m_dovecot->host(), m_dovecot->imapPort(), Security::None, ca),
             qPrintable(client.lastError()));
    QVERIFY(!client.isEncrypted());
    QVERIFY(client.hasCapability("LOGINDISABLED"));
    QVERIFY(client.hasCapability("STARTTLS"));
    QVERIFY(!client.hasCapability("AUTH=PLAIN"));
    const auto login = client.login(m_dovecot->userName(kStartTlsUser), m_dovecot->password(kStartTlsUser));
    QVERIFY2(!login.ok(), qPrintable(login.describe()));
    QVERIFY2(login.status == "NO" || login.status == "BAD", qPrintable(login.describe()));
    const auto auth = client.authenticatePlain(m_dovecot->userName(kStartTlsUser), m_dovecot->password(kStartTlsUser));
    QVERIFY2(!auth.ok(), qPrintable(auth.describe()));

    // the same connection may still upgrade and log in
    QVERIFY2(client.startTls(), qPrintable(client.lastError()));
    const auto again = client.login(m_dovecot->userName(kStartTlsUser), m_dovecot->password(kStartTlsUser));
    QVERIFY2(again.ok(), qPrintable(again.describe()));
    client.logout();
}

void TestFixture::plaintextListenerAllowsLogin()
{
    TestImapClient client;
    QVERIFY2(client.connectTo(*m_dovecot, Security::None), qPrintable(client.lastError()));
    QVERIFY(!client.isEncrypted());
    QVERIFY(!client.hasCapability("LOGINDISABLED"));
    QVERIFY(client.hasCapability("AUTH=PLAIN"));
    const auto login = client.login(m_dovecot->userName(kPlainUser), m_dovecot->password(kPlainUser));
    QVERIFY2(login.ok(), qPrintable(login.describe()));
    client.logout();

    TestImapClient sasl;
    QVERIFY2(sasl.connectTo(*m_dovecot, Security::None), qPrintable(sasl.lastError()));
    const auto auth = sasl.authenticatePlain(m_dovecot->userName(kPlainUser), m_dovecot->password(kPlainUser));
    QVERIFY2(auth.ok(), qPrintable(auth.describe()));
    sasl.logout();
}

void TestFixture::wrongPasswordIsRefused()
{
    TestImapClient client;
    QVERIFY2(client.connectTo(*m_dovecot, Security::Tls), qPrintable(client.lastError()));
    const auto login = client.login(m_dovecot->userName(kRefusedUser), QStringLiteral("not-the-password"));
    QCOMPARE(login.status, QByteArray("NO"));
    QVERIFY2(login.code() == "AUTHENTICATIONFAILED", qPrintable(login.describe()));
    // another user's password is no better
    const auto other = client.login(m_dovecot->userName(kRefusedUser), m_dovecot->password(kRefusedUser + 1));
    QCOMPARE(other.status, QByteArray("NO"));
    const auto right = client.login(m_dovecot->userName(kRefusedUser), m_dovecot->password(kRefusedUser));
    QVERIFY2(right.ok(), qPrintable(right.describe()));
    client.logout();
}

void TestFixture::appendSearchStoreMoveExpunge()
{
    const DovecotFixture::ProcessResult cleared = m_dovecot->clearMailbox(kMailUser);
    QVERIFY2(cleared.ok(), qPrintable(cleared.describe()));

    TestImapClient client;
    QVERIFY2(client.connectTo(*m_dovecot, Security::Tls), qPrintable(client.lastError()));
    QVERIFY(client.login(m_dovecot->userName(kMailUser), m_dovecot->password(kMailUser)).ok());

    const QByteArray messageId
        = "fixture-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + "@idlebell.test";
    TestImapClient::Response appended;
    const std::optional<quint32> uid
        = client.append(QStringLiteral("INBOX"),
                        TestImapClient::makeMessage("Fixture <fixture@example.org>", "Hello fixture", "Body text",
                                                    QDateTime(), messageId),
                        {}, &appended);
    QVERIFY2(uid, qPrintable(appended.describe() + QStringLiteral(" / ") + client.lastError()));
    QCOMPARE(messagesIn(*m_dovecot, kMailUser, QStringLiteral("INBOX")), QStringLiteral("messages=1 unseen=1"));

    const auto selected = client.select(QStringLiteral("INBOX"));
    QVERIFY2(selected.ok(), qPrintable(selected.describe()));
    QVERIFY(selected.untagged.contains("* 1 EXISTS"));
    QCOMPARE(client.search("ALL"), QList<quint32>{*uid});
    QCOMPARE(client.search("HEADER Message-ID \"" + messageId + '"'), QList<quint32>{*uid});
    QCOMPARE(client.search("UNSEEN"), QList<quint32>{*uid});

    const auto seen = client.store(*uid, "+FLAGS", {"\\Seen"});
    QVERIFY2(seen.ok(), qPrintable(seen.describe()));
    QVERIFY(client.search("UNSEEN").isEmpty());
    QCOMPARE(client.search("SEEN"), QList<quint32>{*uid});
    QCOMPARE(messagesIn(*m_dovecot, kMailUser, QStringLiteral("INBOX")), QStringLiteral("messages=1 unseen=0"));
    QVERIFY(client.store(*uid, "-FLAGS", {"\\Seen"}).ok());
    QCOMPARE(client.search("UNSEEN"), QList<quint32>{*uid});

    // a second message, appended already seen
    const std::optional<quint32> second = client.append(
        QStringLiteral("INBOX"), TestImapClient::makeMessage("b@example.org", "Second", "2"), {"\\Seen"});
    QVERIFY2(second, qPrintable(client.lastError()));
    QVERIFY(*second > *uid);
    QCOMPARE(client.search("UNSEEN"), QList<quint32>{*uid});

    // move to a folder with a non-ASCII name (modified UTF-7 on the wire)
    const QString folder = QStringLiteral("Ablage/Übersicht");
    const auto created = client.create(folder);
    QVERIFY2(created.ok() || created.code() == "ALREADYEXISTS", qPrintable(created.describe()));
    const auto moved = client.move(*uid, folder);
    QVERIFY2(moved.ok(), qPrintable(moved.describe()));
    QCOMPARE(client.search("ALL"), QList<quint32>{*second});
    QCOMPARE(messagesIn(*m_dovecot, kMailUser, folder), QStringLiteral("messages=1 unseen=1"));

    QVERIFY(client.select(folder).ok());
    const QList<quint32> inFolder = client.search("ALL");
    QCOMPARE(inFolder.size(), 1);
    const auto expunged = client.expunge(inFolder.first());
    QVERIFY2(expunged.ok(), qPrintable(expunged.describe()));
    QVERIFY(client.search("ALL").isEmpty());
    QCOMPARE(messagesIn(*m_dovecot, kMailUser, folder), QStringLiteral("messages=0 unseen=0"));
    QCOMPARE(messagesIn(*m_dovecot, kMailUser, QStringLiteral("INBOX")), QStringLiteral("messages=1 unseen=0"));
    client.logout();
}

void TestFixture::literalsInResponses()
{
    TestImapClient client;
    QVERIFY2(client.connectTo(*m_dovecot, Security::Tls), qPrintable(client.lastError()));
    QVERIFY(client.login(m_dovecot->userName(kMailUser), m_dovecot->password(kMailUser)).ok());
    const QByteArray subject = "=?UTF-8?B?R3LDvMOfZSBhdXMgZGVtIFRlc3Q=?=";
    const std::optional<quint32> uid = client.append(
        QStringLiteral("INBOX"), TestImapClient::makeMessage("c@example.org", subject, "Body\nwith lines\n"));
    QVERIFY2(uid, qPrintable(client.lastError()));
    QVERIFY(client.examine(QStringLiteral("INBOX")).ok());
    const auto fetched = client.command("UID FETCH " + QByteArray::number(*uid)
                                        + " (BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY.PEEK[TEXT])");
    QVERIFY2(fetched.ok(), qPrintable(fetched.describe()));
    QCOMPARE(fetched.untagged.size(), 1);
    const QByteArray line = fetched.untagged.first();
    QVERIFY2(line.contains("Subject: " + subject + "\r\n"), line.constData());
    QVERIFY2(line.contains("}\r\nBody\r\nwith lines\r\n"), line.constData());
    QVERIFY(line.endsWith(')'));
    // EXAMINE is read-only: the peeked message stays unseen
    QVERIFY(client.search("UNSEEN").contains(*uid));
    client.logout();
}

void TestFixture::doveadmWorks()
{
    const auto status
        = m_dovecot->doveadm({QStringLiteral("mailbox"), QStringLiteral("status"), QStringLiteral("-u"),
                              m_dovecot->userName(kImapsUser), QStringLiteral("messages"), QStringLiteral("INBOX")});
    QVERIFY2(status.ok(), qPrintable(status.describe()));
    QVERIFY2(status.output.startsWith("INBOX messages="), status.output.constData());

    const auto list = m_dovecot->doveadm(
        {QStringLiteral("mailbox"), QStringLiteral("list"), QStringLiteral("-u"), m_dovecot->userName(kImapsUser)});
    QVERIFY2(list.ok(), qPrintable(list.describe()));
    for (const char *special : {"INBOX", "Drafts", "Sent", "Junk", "Trash", "Archive"})
        QVERIFY2(list.output.split('\n').contains(special), list.output.constData());

    const auto bad = m_dovecot->doveadm({QStringLiteral("no-such-command")});
    QVERIFY(!bad.ok());
    QVERIFY(bad.exitCode > 0);

    // kick ends a user's sessions with a BYE
    TestImapClient client;
    QVERIFY2(client.connectTo(*m_dovecot, Security::Tls), qPrintable(client.lastError()));
    QVERIFY(client.login(m_dovecot->userName(kImapsUser), m_dovecot->password(kImapsUser)).ok());
    QVERIFY(client.select(QStringLiteral("INBOX")).ok());
    const auto kicked = m_dovecot->kick(kImapsUser);
    QVERIFY2(kicked.ok(), qPrintable(kicked.describe()));
    const std::optional<QByteArray> bye = client.readLine(5000);
    QVERIFY2(bye && bye->startsWith("* BYE"), qPrintable(client.lastError()));
}

void TestFixture::privateInstanceRestartKeepsMailAndPorts()
{
    QElapsedTimer timer;
    timer.start();
    QString error;
    std::optional<DovecotFixture> own = DovecotFixture::startPrivate(&error);
    QVERIFY2(own, qPrintable(error));
    qInfo("private instance started in %lld ms", timer.restart());
    QVERIFY(own->directory() != m_dovecot->directory());
    QVERIFY(own->imapsPort() != m_dovecot->imapsPort());

    const quint16 imaps = own->imapsPort();
    const quint16 imap = own->imapPort();
    const quint16 plain = own->plainPort();
    constexpr int user = 1; // the private instance is ours alone

    TestImapClient writer;
    QVERIFY2(writer.connectTo(*own, Security::Tls), qPrintable(writer.lastError()));
    QVERIFY(writer.login(own->userName(user), own->password(user)).ok());
    const std::optional<quint32> uid = writer.append(
        QStringLiteral("INBOX"), TestImapClient::makeMessage("d@example.org", "Survives restarts", "x"));
    QVERIFY2(uid, qPrintable(writer.lastError()));
    writer.logout();

    // a client idling while the server restarts hears the server go
    TestImapClient idler;
    QVERIFY2(idler.connectTo(*own, Security::Tls), qPrintable(idler.lastError()));
    QVERIFY(idler.login(own->userName(user), own->password(user)).ok());
    QVERIFY(idler.select(QStringLiteral("INBOX")).ok());
    QVERIFY(idler.sendRaw("i1 IDLE\r\n"));
    const std::optional<QByteArray> idling = idler.readLine();
    QVERIFY2(idling && idling->startsWith('+'), qPrintable(idler.lastError()));

    timer.restart();
    const auto restarted = own->restart();
    QVERIFY2(restarted.ok(), qPrintable(restarted.describe()));
    qInfo("restart took %lld ms", timer.restart());
    QVERIFY(own->isRunning());

    std::optional<QByteArray> last;
    while (const std::optional<QByteArray> line = idler.readLine(5000))
        last = line;
    QVERIFY2(!idler.isConnected() || (last && last->startsWith("* BYE")),
             qPrintable(QStringLiteral("idling client still connected: ") + idler.lastError()));

    QCOMPARE(own->imapsPort(), imaps);
    QCOMPARE(own->imapPort(), imap);
    QCOMPARE(own->plainPort(), plain);
    TestImapClient reader;
    QVERIFY2(reader.connectTo(*own, Security::Tls), qPrintable(reader.lastError()));
    QVERIFY(reader.login(own->userName(user), own->password(user)).ok());
    QVERIFY(reader.examine(QStringLiteral("INBOX")).ok());
    QCOMPARE(reader.search("SUBJECT \"Survives restarts\""), QList<quint32>{*uid});
    reader.logout();

    // down: connections are refused; up again: same ports, same mail
    const auto down = own->stop();
    QVERIFY2(down.ok(), qPrintable(down.describe()));
    QVERIFY(!own->isRunning());
    TestImapClient refused(3000);
    QVERIFY(!refused.connectTo(*own, Security::Tls));
    const auto up = own->start();
    QVERIFY2(up.ok(), qPrintable(up.describe()));
    QVERIFY(own->isRunning());
    QVERIFY2(reader.connectTo(*own, Security::StartTls), qPrintable(reader.lastError()));
    QVERIFY(reader.login(own->userName(user), own->password(user)).ok());
    QVERIFY(reader.examine(QStringLiteral("INBOX")).ok());
    QCOMPARE(reader.search("ALL"), QList<quint32>{*uid});
    reader.logout();

    // the shared instance was not disturbed
    QVERIFY(m_dovecot->isRunning());
    timer.restart();
    own.reset();
    qInfo("private instance stopped in %lld ms", timer.elapsed());
}

QTEST_GUILESS_MAIN(TestFixture)
#include "tst_fixture.moc"
