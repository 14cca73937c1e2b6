// ConnectionProbe ("Test connection", folder list) and MailboxWriter ("Mark
// as read") against the real Dovecot. Users 76-80.

#include "session/ConnectionProbe.h"
#include "session/MailboxWriter.h"
#include "session/SslTransport.h"
#include "support/DovecotFixture.h"
#include "support/FixtureAccounts.h"
#include "support/TestImapClient.h"

#include <QSignalSpy>
#include <QTest>

using namespace session;
using namespace testsupport;

class TestProbe : public QObject
{
    Q_OBJECT

    std::optional<DovecotFixture> m_dovecot;

    SessionConfig config(int user) const { return fixtureSessionConfig(*m_dovecot, user); }

    ProbeResult probe(const SessionConfig &c)
    {
        ConnectionProbe p(c, std::make_unique<SslTransport>());
        QSignalSpy done(&p, &ConnectionProbe::finished);
        p.start();
        if (!done.wait(15000))
            return {};
        return done.first().at(0).value<ProbeResult>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ProbeResult>();
        m_dovecot = DovecotFixture::requireFixture();
        QVERIFY(m_dovecot);
    }

    void probeListsFoldersWithRoles()
    {
        TestImapClient client;
        QVERIFY(client.connectTo(*m_dovecot, TestImapClient::Security::Tls));
        QVERIFY(client.login(m_dovecot->userName(76), m_dovecot->password(76)).ok());
        client.create(QStringLiteral("Listen/Qt"));
        client.create(QStringLiteral("Entwürfe alt"));

        const ProbeResult r = probe(config(76));
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QVERIFY(r.idle);
        QVERIFY(r.notify);
        QCOMPARE(QString::fromLatin1(r.certificateSha256), m_dovecot->certSha256());
        QVERIFY(!r.folders.isEmpty());
        QCOMPARE(r.folders.first().name, QStringLiteral("INBOX"));
        QStringList names;
        QHash<QString, QString> roles;
        for (const auto &f : r.folders) {
            names << f.name;
            roles.insert(f.name, f.specialUse);
        }
        QVERIFY2(names.contains(QStringLiteral("Listen/Qt")), qPrintable(names.join(QLatin1Char(','))));
        QVERIFY(names.contains(QStringLiteral("Entwürfe alt")));
        QCOMPARE(roles.value(QStringLiteral("Junk")), QStringLiteral("junk"));
        QCOMPARE(roles.value(QStringLiteral("Trash")), QStringLiteral("trash"));
        QCOMPARE(roles.value(QStringLiteral("INBOX")), QString());
    }

    void probeNamesTheFailure_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<int>("kind");
        QTest::newRow("wrong password") << "password" << int(SessionError::Kind::Authentication);
        QTest::newRow("refused") << "port" << int(SessionError::Kind::Network);
        QTest::newRow("unknown host") << "host" << int(SessionError::Kind::Network);
        QTest::newRow("untrusted certificate") << "ca" << int(SessionError::Kind::Certificate);
        QTest::newRow("STARTTLS on the TLS port") << "starttls" << int(SessionError::Kind::Timeout);
    }
    void probeNamesTheFailure()
    {
        QFETCH(QString, what);
        QFETCH(int, kind);
        SessionConfig c = config(77);
        c.connectTimeout = std::chrono::seconds(3);
        if (what == QLatin1String("password"))
            c.password = QStringLiteral("wrong");
        else if (what == QLatin1String("port"))
            c.port = 1; // nothing listens there
        else if (what == QLatin1String("host"))
            c.host = QStringLiteral("no-such-host.invalid");
        else if (what == QLatin1String("ca"))
            c.tls.caFile.clear();
        else if (what == QLatin1String("starttls"))
            c.security = Security::StartTls; // a TLS port never sends a plaintext greeting
        const ProbeResult r = probe(c);
        QVERIFY(!r.ok);
        QCOMPARE(int(r.error.kind), kind);
        QVERIFY(!r.error.message.isEmpty());
        if (what == QLatin1String("ca"))
            QCOMPARE(QString::fromLatin1(r.error.certificateSha256), m_dovecot->certSha256());
    }

    void writerMarksSeen()
    {
        const int user = 78;
        QVERIFY(m_dovecot->clearMailbox(user).ok());
        TestImapClient client;
        QVERIFY(client.connectTo(*m_dovecot, TestImapClient::Security::Tls));
        QVERIFY(client.login(m_dovecot->userName(user), m_dovecot->password(user)).ok());
        const auto a = client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("a@x", "a", "a"));
        const auto b = client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage("b@x", "b", "b"));
        QVERIFY(a && b);
        const auto examine = client.examine(QStringLiteral("INBOX"));
        QVERIFY(examine.ok());
        quint32 uidValidity = 0;
        for (const QByteArray &line : examine.untagged) {
            const qsizetype at = line.indexOf("[UIDVALIDITY ");
            if (at >= 0)
                uidValidity = line.mid(at + 13).split(']').value(0).toUInt();
        }
        QVERIFY(uidValidity != 0);

        {
            MailboxWriter w(config(user), std::make_unique<SslTransport>());
            QSignalSpy done(&w, &MailboxWriter::finished);
            w.markSeen({imap::Uid(*a)}, uidValidity + 1); // stale UIDVALIDITY: nothing changes
            QVERIFY(done.wait(15000));
            QCOMPARE(done.first().at(0).toBool(), false);
        }
        QVERIFY(client.select(QStringLiteral("INBOX")).ok());
        QCOMPARE(client.search("UNSEEN").size(), 2);
        {
            MailboxWriter w(config(user), std::make_unique<SslTransport>());
            QSignalSpy done(&w, &MailboxWriter::finished);
            w.markSeen({imap::Uid(*a)}, uidValidity);
            QVERIFY(done.wait(15000));
            QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        }
        QVERIFY(client.select(QStringLiteral("INBOX")).ok());
        QCOMPARE(client.search("UNSEEN"), QList<quint32>{*b});
    }
};

QTEST_GUILESS_MAIN(TestProbe)
#include "tst_probe.moc"
