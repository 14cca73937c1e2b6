// ui::AccountDialog's "Test connection" and "Load folders" against the real
// Dovecot the suite starts (offscreen widgets, the real SslTransport).
// Users 71-75 of the fixture (see DovecotFixture.h).

#include "session/SslTransport.h"
#include "support/DovecotFixture.h"
#include "support/WidgetField.h"
#include "ui/AccountDialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace testsupport;
using ui::AccountDialog;

namespace {

constexpr int WaitMs = 20000;

} // namespace

class TestAccountDialogIt : public QObject
{
    Q_OBJECT

    std::optional<DovecotFixture> m_dovecot;

    core::Account account(int user, session::Security security = session::Security::Tls, bool trustCa = true) const
    {
        core::Account a;
        a.id = QStringLiteral("it%1").arg(user);
        a.name = QStringLiteral("Test %1").arg(user);
        a.email = m_dovecot->userName(user) + QStringLiteral("@example.org");
        a.username = m_dovecot->userName(user);
        a.security = security;
        a.host = security == session::Security::None ? m_dovecot->plainHost() : m_dovecot->host();
        a.port = security == session::Security::Tls   ? m_dovecot->imapsPort()
            : security == session::Security::StartTls ? m_dovecot->imapPort()
                                                      : m_dovecot->plainPort();
        if (trustCa)
            a.caFile = m_dovecot->caCertPath();
        return a;
    }

    // Clicks a button and waits for the probe's result; the result line.
    static QString runProbe(AccountDialog &d, const char *button)
    {
        QSignalSpy finished(&d, &AccountDialog::probeFinished);
        field<QPushButton>(&d, button)->click();
        if (!finished.wait(WaitMs))
            return QStringLiteral("(no result within %1 ms)").arg(WaitMs);
        return field<QLabel>(&d, "testResultLabel")->text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<session::ProbeResult>();
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/idlebell-test-bus");
        m_dovecot = DovecotFixture::requireFixture();
        QVERIFY(m_dovecot);
    }

    void successWithIdle_data()
    {
        QTest::addColumn<int>("user");
        QTest::addColumn<int>("security");
        QTest::newRow("implicit TLS") << 71 << int(session::Security::Tls);
        QTest::newRow("STARTTLS") << 71 << int(session::Security::StartTls);
        QTest::newRow("plaintext") << 75 << int(session::Security::None);
    }

    void successWithIdle()
    {
        QFETCH(int, user);
        QFETCH(int, security);
        AccountDialog d(account(user, session::Security(security)), true);
        d.show();
        field<QLineEdit>(&d, "passwordEdit")->setText(m_dovecot->password(user));
        QCOMPARE(field<QLabel>(&d, "plaintextWarning")->isVisible(), security == int(session::Security::None));
        const QString result = runProbe(d, "testConnectionButton");
        QVERIFY2(result.startsWith(QStringLiteral("Connected. The server pushes new mail (IDLE).")),
                 qPrintable(result));
        QVERIFY(d.lastProbeResult() && d.lastProbeResult()->ok);
        QVERIFY(!field<QWidget>(&d, "certificateBox")->isVisible());
        QVERIFY(!result.contains(m_dovecot->password(user)));
    }

    void wrongPasswordShowsTheRefusal()
    {
        AccountDialog d(account(72), true);
        d.show();
        field<QLineEdit>(&d, "passwordEdit")->setText(QStringLiteral("not-the-password"));
        const QString result = runProbe(d, "testConnectionButton");
        QVERIFY2(result.startsWith(QStringLiteral("Login refused.")), qPrintable(result));
        // Dovecot's own words, after the user name.
        QVERIFY2(result.contains(QStringLiteral("refused the login for %1: ").arg(m_dovecot->userName(72))),
                 qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("Authentication failed")), qPrintable(result));
        QCOMPARE(d.lastProbeResult()->error.kind, session::SessionError::Kind::Authentication);
        QVERIFY(!field<QWidget>(&d, "certificateBox")->isVisible());
    }

    void refusedPortNamesIt()
    {
        core::Account a = account(72);
        a.port = 1; // nothing listens there
        a.host = m_dovecot->loopbackHost();
        AccountDialog d(a, true);
        field<QLineEdit>(&d, "passwordEdit")->setText(m_dovecot->password(72));
        const QString result = runProbe(d, "testConnectionButton");
        QVERIFY2(result.startsWith(QStringLiteral("Could not connect.")), qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("refused")), qPrintable(result));
    }

    void certificateErrorThenTrust()
    {
        AccountDialog d(account(73, session::Security::Tls, false), true);
        d.show();
        field<QLineEdit>(&d, "passwordEdit")->setText(m_dovecot->password(73));
        const QString result = runProbe(d, "testConnectionButton");
        QVERIFY2(result.startsWith(QStringLiteral("The server's certificate is not trusted")), qPrintable(result));
        QVERIFY2(!result.contains(QStringLiteral("fingerprint")), qPrintable(result)); // shown once, below
        QVERIFY(field<QWidget>(&d, "certificateBox")->isVisible());
        const QString expected = session::SslTransport::formatFingerprint(m_dovecot->certSha256().toLatin1());
        QCOMPARE(field<QLabel>(&d, "certificateFingerprintLabel")->text().remove(u'\n'), expected);
        QVERIFY(field<QLabel>(&d, "certificateCompareLabel")->text().contains(QStringLiteral("Compare")));
        QVERIFY(d.account().pinnedSha256.isEmpty());

        // Trust it: pinned, tested again, and now it works.
        QSignalSpy finished(&d, &AccountDialog::probeFinished);
        field<QPushButton>(&d, "trustCertificateButton")->click();
        QCOMPARE(QString::fromLatin1(d.account().pinnedSha256), m_dovecot->certSha256());
        QCOMPARE(field<QLineEdit>(&d, "pinnedFingerprintEdit")->text(), expected);
        QVERIFY(finished.wait(WaitMs));
        const QString after = field<QLabel>(&d, "testResultLabel")->text();
        QVERIFY2(after.startsWith(QStringLiteral("Connected. The server pushes new mail (IDLE).")), qPrintable(after));
        QVERIFY(!field<QWidget>(&d, "certificateBox")->isVisible());

        // Forgetting the pin brings the refusal back.
        field<QPushButton>(&d, "forgetPinButton")->click();
        QVERIFY(d.account().pinnedSha256.isEmpty());
        QVERIFY(runProbe(d, "testConnectionButton").startsWith(QStringLiteral("The server's certificate")));
    }

    void loadFoldersListsThemWithRoles()
    {
        AccountDialog d(account(74), true);
        d.show();
        field<QLineEdit>(&d, "passwordEdit")->setText(m_dovecot->password(74));
        const QString result = runProbe(d, "loadFoldersButton");
        QVERIFY2(result.startsWith(QStringLiteral("Connected.")), qPrintable(result));

        auto *list = field<QListWidget>(&d, "folderList");
        QHash<QString, QListWidgetItem *> items;
        QStringList names;
        for (int i = 0; i < list->count(); ++i) {
            const QString path = list->item(i)->data(Qt::UserRole).toString();
            items.insert(path, list->item(i));
            names << path;
        }
        const QString all = names.join(QStringLiteral(", "));
        QCOMPARE(names.value(0), QStringLiteral("INBOX"));
        for (const char *name : {"Archive", "Drafts", "Junk", "Sent", "Trash"})
            QVERIFY2(items.contains(QLatin1String(name)), qPrintable(all));
        QCOMPARE(items.value(QStringLiteral("INBOX"))->checkState(), Qt::Checked);
        QCOMPARE(items.value(QStringLiteral("Junk"))->checkState(), Qt::Unchecked);
        QVERIFY2(items.value(QStringLiteral("Junk"))->text().contains(QStringLiteral("junk mail")),
                 qPrintable(items.value(QStringLiteral("Junk"))->text()));
        for (const char *name : {"Archive", "Drafts", "Sent", "Trash"})
            QCOMPARE(items.value(QLatin1String(name))->checkState(), Qt::Unchecked);
        QCOMPARE(d.account().mailboxes, QStringList{QStringLiteral("INBOX")});
    }
};

QTEST_MAIN(TestAccountDialogIt)
#include "tst_accountdialog_it.moc"
