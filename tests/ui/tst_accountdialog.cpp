// ui::AccountDialog, offscreen: what the fields do, validation that names
// the problem, and "Test connection" over a scripted fake server (the real
// Dovecot is in tests/integration/tst_accountdialog_it.cpp).

#include "tst_accountdialog.h"

#include "core/Account.h"
#include "session/SslTransport.h"
#include "support/FakeTransport.h"
#include "support/ManualClock.h"
#include "support/ScriptRunner.h"
#include "support/WidgetField.h"
#include "ui/AccountDialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryFile>
#include <QTest>

using namespace testsupport;
using ui::AccountDialog;

namespace {

const QByteArray Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

core::Account sampleAccount()
{
    core::Account a;
    a.id = QStringLiteral("work");
    a.name = QStringLiteral("Work");
    a.email = QStringLiteral("me@example.org");
    a.host = QStringLiteral("imap.example.org");
    a.port = 1993;
    a.security = session::Security::StartTls;
    a.username = QStringLiteral("me");
    a.mailboxes = {QStringLiteral("INBOX"), QStringLiteral("Lists/Qt")};
    a.passwordCommand = QStringLiteral("pass show mail/work");
    a.useIdle = false;
    a.idleRefreshMinutes = 12;
    a.pollIntervalMinutes = 7;
    a.clickAction = core::Account::ClickAction::Webmail;
    a.webmailUrl = QStringLiteral("https://mail.example.org/");
    a.mailClientCommand = QStringLiteral("thunderbird -mail");
    a.color = QStringLiteral("#3366cc");
    a.pinnedSha256 = Sha;
    return a;
}

// A new account typed in: enough to test a connection.
core::Account newAccount()
{
    core::Account a;
    a.email = QStringLiteral("user@example.org");
    a.host = QStringLiteral("imap.example.org");
    return a;
}

const char *const SuccessScript = R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN %1 SPECIAL-USE] ready
C: A1 AUTHENTICATE PLAIN *
S: A1 OK [CAPABILITY IMAP4rev1 %1 SPECIAL-USE] Logged in
C: A2 LIST *
S: * LIST (\HasNoChildren) "/" INBOX
S: * LIST (\HasNoChildren \Junk) "/" Junk
S: * LIST (\HasNoChildren \Archive) "/" Archive
S: * LIST (\HasNoChildren \Sent) "/" Sent
S: * LIST (\HasChildren \Noselect) "/" Lists
S: * LIST (\HasNoChildren) "/" Projects
S: A2 OK done
C: A3 LOGOUT
)";

struct Harness
{
    explicit Harness(const core::Account &account, bool isNew = true)
        : dialog(account, isNew)
    {
        dialog.setClock(&clock);
        dialog.setTransportFactory([this] {
            auto t = std::make_unique<FakeTransport>();
            transports.append(t.get());
            return t;
        });
    }

    bool run(const QString &script)
    {
        if (transports.isEmpty() || !transports.last()) {
            qWarning("no transport");
            return false;
        }
        ScriptRunner runner(transports.last(), &clock);
        if (!runner.run(script)) {
            qWarning().noquote() << runner.error();
            return false;
        }
        return true;
    }

    QString result() { return field<QLabel>(&dialog, "testResultLabel")->text(); }

    ManualClock clock;
    AccountDialog dialog;
    QList<QPointer<FakeTransport>> transports;
};

} // namespace

void TestAccountDialog::initTestCase()
{
    qRegisterMetaType<session::ProbeResult>();
    // No keyring for this process: nothing here may touch the real one.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/idlebell-test-bus");
}

void TestAccountDialog::roundTripsEveryField()
{
    const core::Account a = sampleAccount();
    AccountDialog d(a, false);
    QCOMPARE(d.account(), a);
    QVERIFY(d.newPassword().isEmpty());
    QVERIFY2(d.validationProblems().isEmpty(), qPrintable(d.validationProblems().join(u'\n')));

    // Edit through the widgets.
    field<QLineEdit>(&d, "nameEdit")->setText(QStringLiteral("Job"));
    field<QLineEdit>(&d, "hostEdit")->setText(QStringLiteral("mail.example.com"));
    field<QLineEdit>(&d, "portEdit")->clear();
    auto *security = field<QComboBox>(&d, "securityCombo");
    security->setCurrentIndex(security->findData(int(session::Security::Tls)));
    field<QLineEdit>(&d, "usernameEdit")->clear();
    field<QLineEdit>(&d, "passwordEdit")->setText(QStringLiteral("new-secret"));
    field<QComboBox>(&d, "modeCombo")->setCurrentIndex(0);
    field<QSpinBox>(&d, "idleRefreshSpin")->setValue(20);
    auto *click = field<QComboBox>(&d, "clickActionCombo");
    click->setCurrentIndex(click->findData(int(core::Account::ClickAction::Command)));
    field<QPushButton>(&d, "colorResetButton")->click();
    auto *folders = field<QListWidget>(&d, "folderList");
    QCOMPARE(folders->count(), 2);
    folders->item(1)->setCheckState(Qt::Unchecked);

    const core::Account e = d.account();
    QCOMPARE(e.id, QStringLiteral("work"));
    QCOMPARE(e.name, QStringLiteral("Job"));
    QCOMPARE(e.host, QStringLiteral("mail.example.com"));
    QCOMPARE(e.port, 0);
    QCOMPARE(e.security, session::Security::Tls);
    QCOMPARE(e.effectiveUsername(), QStringLiteral("me@example.org"));
    QCOMPARE(e.mailboxes, QStringList{QStringLiteral("INBOX")});
    QVERIFY(e.useIdle);
    QCOMPARE(e.idleRefreshMinutes, 20);
    QCOMPARE(e.clickAction, core::Account::ClickAction::Command);
    QCOMPARE(e.mailClientCommand, QStringLiteral("thunderbird -mail"));
    QVERIFY(e.color.isEmpty());
    QCOMPARE(d.newPassword(), QStringLiteral("new-secret"));

    d.show();
    field<QPushButton>(&d, "okButton")->click();
    QCOMPARE(d.result(), int(QDialog::Accepted));
}

void TestAccountDialog::plaintextShowsWarning()
{
    AccountDialog d(newAccount(), true);
    d.show();
    auto *security = field<QComboBox>(&d, "securityCombo");
    auto *warning = field<QLabel>(&d, "plaintextWarning");
    QVERIFY(!warning->isVisible());
    security->setCurrentIndex(security->findData(int(session::Security::None)));
    QVERIFY(warning->isVisible());
    QVERIFY(warning->text().contains(QStringLiteral("The password and your mail travel unencrypted")));
    // In an attention colour: clearly red.
    const QColor c = warning->palette().color(QPalette::WindowText);
    QVERIFY2(c.red() > 150 && c.green() < 100 && c.blue() < 100, qPrintable(c.name()));
    security->setCurrentIndex(security->findData(int(session::Security::StartTls)));
    QVERIFY(!warning->isVisible());
}

void TestAccountDialog::portPlaceholderFollowsSecurity()
{
    AccountDialog d(newAccount(), true);
    auto *security = field<QComboBox>(&d, "securityCombo");
    auto *port = field<QLineEdit>(&d, "portEdit");
    QCOMPARE(security->currentData().toInt(), int(session::Security::Tls));
    QVERIFY(security->currentText().contains(QStringLiteral("recommended")));
    QCOMPARE(port->placeholderText(), QStringLiteral("993"));
    security->setCurrentIndex(security->findData(int(session::Security::StartTls)));
    QCOMPARE(port->placeholderText(), QStringLiteral("143"));
    // Username placeholder: the email.
    QCOMPARE(field<QLineEdit>(&d, "usernameEdit")->placeholderText(), QStringLiteral("user@example.org"));
}

void TestAccountDialog::clickActionEnablesItsField_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<bool>("url");
    QTest::addColumn<bool>("command");
    QTest::newRow("webmail") << int(core::Account::ClickAction::Webmail) << true << false;
    QTest::newRow("command") << int(core::Account::ClickAction::Command) << false << true;
    QTest::newRow("nothing") << int(core::Account::ClickAction::None) << false << false;
}

void TestAccountDialog::clickActionEnablesItsField()
{
    QFETCH(int, action);
    QFETCH(bool, url);
    QFETCH(bool, command);
    AccountDialog d(newAccount(), true);
    auto *combo = field<QComboBox>(&d, "clickActionCombo");
    // Start from a different action so that the change is what sets the fields.
    combo->setCurrentIndex((combo->findData(action) + 1) % combo->count());
    combo->setCurrentIndex(combo->findData(action));
    QCOMPARE(field<QLineEdit>(&d, "webmailUrlEdit")->isEnabled(), url);
    QCOMPARE(field<QLineEdit>(&d, "mailClientCommandEdit")->isEnabled(), command);
}

void TestAccountDialog::refusesInvalidInput_data()
{
    QTest::addColumn<QString>("fieldName");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected"); // in the message
    QTest::newRow("missing host") << "hostEdit"
                                  << ""
                                  << "server";
    QTest::newRow("host with port") << "hostEdit"
                                    << "imap.example.org:993"
                                    << "port";
    QTest::newRow("port not a number") << "portEdit"
                                       << "abc"
                                       << "port \"abc\"";
    QTest::newRow("port too big") << "portEdit"
                                  << "70000"
                                  << "port \"70000\"";
    QTest::newRow("port zero") << "portEdit"
                               << "0"
                               << "1 to 65535";
    QTest::newRow("bad email") << "emailEdit"
                               << "not-an-address"
                               << "not an email address";
    QTest::newRow("bad url") << "webmailUrlEdit"
                             << "mail.example.org"
                             << "webmail";
    QTest::newRow("ftp url") << "webmailUrlEdit"
                             << "ftp://mail.example.org/"
                             << "webmail";
    QTest::newRow("relative CA") << "caFileEdit"
                                 << "ca.pem"
                                 << "full path";
    QTest::newRow("missing CA") << "caFileEdit"
                                << "/nonexistent/ca.pem"
                                << "does not exist";
}

void TestAccountDialog::refusesInvalidInput()
{
    QFETCH(QString, fieldName);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    core::Account a = newAccount();
    a.clickAction = core::Account::ClickAction::Webmail;
    a.webmailUrl = QStringLiteral("https://mail.example.org/");
    AccountDialog d(a, true);
    field<QLineEdit>(&d, "passwordEdit")->setText(QStringLiteral("pw"));
    d.show();
    QVERIFY(d.validationProblems().isEmpty());

    auto *edit = field<QLineEdit>(&d, qPrintable(fieldName));
    edit->setText(value);
    QSignalSpy accepted(&d, &QDialog::accepted);
    field<QPushButton>(&d, "okButton")->click();
    QCOMPARE(accepted.count(), 0);
    QVERIFY(d.isVisible());
    auto *message = field<QLabel>(&d, "validationLabel");
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(expected, Qt::CaseInsensitive), qPrintable(message->text()));
    QVERIFY(edit->property("invalid").toBool());
    // The offending field's tab is shown and it has the focus.
    auto *tabs = field<QTabWidget>(&d, "accountTabs");
    QVERIFY(tabs->currentWidget()->isAncestorOf(edit));

    // Fixing it clears the message live, and OK then works.
    if (fieldName == QLatin1String("hostEdit"))
        edit->setText(QStringLiteral("imap.example.org"));
    else if (fieldName == QLatin1String("emailEdit"))
        edit->setText(QStringLiteral("user@example.org"));
    else if (fieldName == QLatin1String("webmailUrlEdit"))
        edit->setText(QStringLiteral("https://mail.example.org/"));
    else
        edit->clear();
    QVERIFY(!message->isVisible());
    QVERIFY(!edit->property("invalid").toBool());
    field<QPushButton>(&d, "okButton")->click();
    QCOMPARE(accepted.count(), 1);
}

void TestAccountDialog::newAccountNeedsPasswordOrCommand()
{
    AccountDialog d(newAccount(), true);
    d.show();
    field<QPushButton>(&d, "okButton")->click();
    QVERIFY(d.isVisible());
    auto *message = field<QLabel>(&d, "validationLabel");
    QVERIFY2(message->text().contains(QStringLiteral("password"), Qt::CaseInsensitive), qPrintable(message->text()));
    QVERIFY(field<QLineEdit>(&d, "passwordEdit")->property("invalid").toBool());

    field<QLineEdit>(&d, "passwordCommandEdit")->setText(QStringLiteral("pass show mail"));
    QVERIFY(d.validationProblems().isEmpty());
    field<QPushButton>(&d, "okButton")->click();
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QVERIFY(d.newPassword().isEmpty());
}

void TestAccountDialog::editingKeepsStoredPassword()
{
    core::Account a = sampleAccount();
    a.passwordCommand.clear();
    AccountDialog d(a, false);
    auto *password = field<QLineEdit>(&d, "passwordEdit");
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    QVERIFY2(password->placeholderText().contains(QStringLiteral("leave empty to keep the stored password"),
                                                  Qt::CaseInsensitive),
             qPrintable(password->placeholderText()));
    QVERIFY(d.validationProblems().isEmpty());
}

void TestAccountDialog::testConnectionWithIdle()
{
    Harness h(newAccount());
    field<QLineEdit>(&h.dialog, "passwordEdit")->setText(QStringLiteral("secret"));
    QSignalSpy finished(&h.dialog, &AccountDialog::probeFinished);
    field<QPushButton>(&h.dialog, "testConnectionButton")->click();
    QVERIFY(h.dialog.isTesting());
    QCOMPARE(h.transports.size(), 1);
    QCOMPARE(h.transports.first()->lastHost(), QStringLiteral("imap.example.org"));
    QCOMPARE(h.transports.first()->lastPort(), quint16(993));
    QVERIFY(h.transports.first()->lastImplicitTls());
    QVERIFY(h.run(QString::fromLatin1(SuccessScript).arg(QStringLiteral("IDLE"))));
    QCOMPARE(finished.count(), 1);
    QVERIFY(!h.dialog.isTesting());
    QVERIFY2(h.result().startsWith(QStringLiteral("Connected. The server pushes new mail (IDLE).")),
             qPrintable(h.result()));
    QVERIFY(!field<QWidget>(&h.dialog, "certificateBox")->isVisibleTo(&h.dialog));
    QCOMPARE(field<QPushButton>(&h.dialog, "testConnectionButton")->text(), AccountDialog::tr("&Test Connection"));
}

void TestAccountDialog::testConnectionWithoutIdle()
{
    Harness h(newAccount());
    field<QLineEdit>(&h.dialog, "passwordEdit")->setText(QStringLiteral("secret"));
    field<QSpinBox>(&h.dialog, "pollIntervalSpin")->setValue(4);
    h.dialog.testConnection();
    QVERIFY(h.run(QString::fromLatin1(SuccessScript).arg(QStringLiteral("NAMESPACE"))));
    QVERIFY2(h.result().startsWith(QStringLiteral(
                 "Connected, but the server cannot push new mail: Idlebell will check every 4 minutes.")),
             qPrintable(h.result()));
}

void TestAccountDialog::wrongPasswordShowsServerRefusal()
{
    Harness h(newAccount());
    field<QLineEdit>(&h.dialog, "passwordEdit")->setText(QStringLiteral("wrong"));
    h.dialog.testConnection();
    QVERIFY(h.run(QStringLiteral("X: accept\n"
                                 "S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE] ready\n"
                                 "C: A1 AUTHENTICATE PLAIN *\n"
                                 "S: A1 NO [AUTHENTICATIONFAILED] Authentication failed.\n")));
    QVERIFY2(h.result().contains(QStringLiteral("Login refused.")), qPrintable(h.result()));
    QVERIFY2(h.result().contains(QStringLiteral("refused the login for user@example.org: Authentication failed.")),
             qPrintable(h.result()));
    QVERIFY(!field<QWidget>(&h.dialog, "certificateBox")->isVisibleTo(&h.dialog));
    // The password never shows.
    QVERIFY(!h.result().contains(QStringLiteral("wrong")));
}

void TestAccountDialog::unreachableServerNamesTheReason()
{
    Harness h(newAccount());
    field<QLineEdit>(&h.dialog, "passwordEdit")->setText(QStringLiteral("secret"));
    h.dialog.testConnection();
    session::TransportError e;
    e.kind = session::TransportError::Kind::HostNotFound;
    e.message = QStringLiteral("The host name imap.example.org could not be resolved");
    h.transports.last()->failWith(e);
    QVERIFY2(h.result().contains(QStringLiteral("could not be resolved")), qPrintable(h.result()));
    QVERIFY(h.result().startsWith(QStringLiteral("Could not connect.")));
}

void TestAccountDialog::certificateErrorOffersTrust()
{
    Harness h(newAccount());
    field<QLineEdit>(&h.dialog, "passwordEdit")->setText(QStringLiteral("secret"));
    h.dialog.show();
    h.dialog.testConnection();
    session::TransportError e;
    e.kind = session::TransportError::Kind::Certificate;
    e.message = QStringLiteral("The server's certificate is not trusted: self-signed");
    e.certificateSha256 = Sha;
    h.transports.last()->failWith(e);

    auto *box = field<QWidget>(&h.dialog, "certificateBox");
    QVERIFY(box->isVisible());
    const QString shown = field<QLabel>(&h.dialog, "certificateFingerprintLabel")->text();
    QCOMPARE(QString(shown).remove(u'\n'), session::SslTransport::formatFingerprint(Sha));
    QVERIFY(shown.startsWith(QStringLiteral("01:23:45:67")));
    QVERIFY(field<QLabel>(&h.dialog, "certificateCompareLabel")->text().contains(QStringLiteral("Compare")));
    QVERIFY(h.dialog.account().pinnedSha256.isEmpty());

    // Trust: pinned, and the test runs again at once.
    field<QPushButton>(&h.dialog, "trustCertificateButton")->click();
    QCOMPARE(h.dialog.account().pinnedSha256, Sha);
    QCOMPARE(field<QLineEdit>(&h.dialog, "pinnedFingerprintEdit")->text(),
             session::SslTransport::formatFingerprint(Sha));
    QVERIFY(!box->isVisible());
    QCOMPARE(h.transports.size(), 2);
    QVERIFY(h.dialog.isTesting());
    QVERIFY(h.run(QString::fromLatin1(SuccessScript).arg(QStringLiteral("IDLE"))));
    QVERIFY2(h.result().startsWith(QStringLiteral("Connected.")), qPrintable(h.result()));
}

void TestAccountDialog::forgetPinClears()
{
    AccountDialog d(sampleAccount(), false);
    auto *pin = field<QLineEdit>(&d, "pinnedFingerprintEdit");
    QVERIFY(pin->isReadOnly());
    QCOMPARE(pin->text(), session::SslTransport::formatFingerprint(Sha));
    auto *forget = field<QPushButton>(&d, "forgetPinButton");
    QVERIFY(forget->isEnabled());
    forget->click();
    QVERIFY(d.account().pinnedSha256.isEmpty());
    QVERIFY(pin->text().isEmpty());
    QVERIFY(!forget->isEnabled());
}

void TestAccountDialog::loadedFoldersKeepChoicesAndSkipSpecialUse()
{
    core::Account a = newAccount();
    a.mailboxes = {QStringLiteral("INBOX"), QStringLiteral("Archive"), QStringLiteral("Gone")};
    Harness h(a, false);
    QSignalSpy finished(&h.dialog, &AccountDialog::probeFinished);
    field<QLineEdit>(&h.dialog, "passwordEdit")->setText(QStringLiteral("secret"));
    field<QPushButton>(&h.dialog, "loadFoldersButton")->click();
    QVERIFY(h.run(QString::fromLatin1(SuccessScript).arg(QStringLiteral("IDLE"))));
    QCOMPARE(finished.count(), 1);

    auto *list = field<QListWidget>(&h.dialog, "folderList");
    QHash<QString, QListWidgetItem *> items;
    QStringList order;
    for (int i = 0; i < list->count(); ++i) {
        items.insert(list->item(i)->data(Qt::UserRole).toString(), list->item(i));
        order << list->item(i)->data(Qt::UserRole).toString();
    }
    QCOMPARE(order.first(), QStringLiteral("INBOX"));
    QVERIFY2(!items.contains(QStringLiteral("Lists")), "a \\Noselect folder cannot be watched");
    QCOMPARE(items.value(QStringLiteral("INBOX"))->checkState(), Qt::Checked);
    QCOMPARE(items.value(QStringLiteral("Junk"))->checkState(), Qt::Unchecked);
    QVERIFY(items.value(QStringLiteral("Junk"))->text().contains(QStringLiteral("junk mail")));
    QCOMPARE(items.value(QStringLiteral("Sent"))->checkState(), Qt::Unchecked);
    QVERIFY(items.value(QStringLiteral("Sent"))->text().contains(QStringLiteral("sent mail")));
    QCOMPARE(items.value(QStringLiteral("Projects"))->checkState(), Qt::Unchecked);
    // The user's choice wins over the default for a special folder.
    QCOMPARE(items.value(QStringLiteral("Archive"))->checkState(), Qt::Checked);
    QVERIFY(items.value(QStringLiteral("Archive"))->text().contains(QStringLiteral("archive")));
    // A watched folder the server did not list stays, marked.
    QCOMPARE(items.value(QStringLiteral("Gone"))->checkState(), Qt::Checked);
    QVERIFY(items.value(QStringLiteral("Gone"))->text().contains(QStringLiteral("not found on the server")));
    QCOMPARE(order.last(), QStringLiteral("Gone"));

    items.value(QStringLiteral("Projects"))->setCheckState(Qt::Checked);
    items.value(QStringLiteral("Gone"))->setCheckState(Qt::Unchecked);
    QCOMPARE(h.dialog.account().mailboxes,
             (QStringList{QStringLiteral("INBOX"), QStringLiteral("Archive"), QStringLiteral("Projects")}));
}

void TestAccountDialog::addFolderByName()
{
    AccountDialog d(newAccount(), true);
    auto *list = field<QListWidget>(&d, "folderList");
    QCOMPARE(list->count(), 1);
    QCOMPARE(list->item(0)->checkState(), Qt::Checked); // INBOX by default
    auto *button = field<QPushButton>(&d, "addFolderButton");
    QVERIFY(!button->isEnabled());
    field<QLineEdit>(&d, "addFolderEdit")->setText(QStringLiteral("  Lists/Qt "));
    QVERIFY(button->isEnabled());
    button->click();
    QCOMPARE(d.account().mailboxes, (QStringList{QStringLiteral("INBOX"), QStringLiteral("Lists/Qt")}));
    QVERIFY(field<QLineEdit>(&d, "addFolderEdit")->text().isEmpty());
    // Adding it again does not list it twice.
    field<QLineEdit>(&d, "addFolderEdit")->setText(QStringLiteral("Lists/Qt"));
    button->click();
    QCOMPARE(list->count(), 2);
}

void TestAccountDialog::stopTest()
{
    Harness h(newAccount());
    field<QLineEdit>(&h.dialog, "passwordEdit")->setText(QStringLiteral("secret"));
    QSignalSpy finished(&h.dialog, &AccountDialog::probeFinished);
    auto *button = field<QPushButton>(&h.dialog, "testConnectionButton");
    button->click();
    QVERIFY(h.dialog.isTesting());
    QVERIFY(button->text().remove(u'&').contains(QStringLiteral("Stop")));
    button->click();
    QVERIFY(!h.dialog.isTesting());
    QVERIFY(h.result().contains(QStringLiteral("stopped")));
    QTest::qWait(0);
    QCOMPARE(finished.count(), 0);
    QVERIFY(!h.transports.last() || !h.transports.last()->isOpen());
}

void TestAccountDialog::storedPasswordFromCommand()
{
    // Editing an account whose password comes from its command: the test
    // runs the command (the field is empty) and logs in with what it printed.
    core::Account a = newAccount();
    a.id = QStringLiteral("cmd");
    a.passwordCommand = QStringLiteral("/bin/echo from-command");
    Harness h(a, false);
    h.dialog.testConnection();
    QVERIFY(QTest::qWaitFor([&] { return !h.transports.isEmpty(); }, 10000));
    QVERIFY(h.run(QString::fromLatin1(SuccessScript)
                      .arg(QStringLiteral("IDLE"))
                      .replace(QStringLiteral("C: A1 AUTHENTICATE PLAIN *"),
                               QStringLiteral("C: A1 AUTHENTICATE PLAIN AHVzZXJAZXhhbXBsZS5vcmcAZnJvbS1jb21tYW5k"))));
    QVERIFY2(h.result().startsWith(QStringLiteral("Connected.")), qPrintable(h.result()));
    QVERIFY(!h.result().contains(QStringLiteral("from-command")));
}

void TestAccountDialog::storedPasswordWithoutKeyring()
{
    // Editing an account whose password is in the keyring, and there is no
    // keyring: the test says so and never connects.
    core::Account a = newAccount();
    a.id = QStringLiteral("keyring");
    Harness h(a, false);
    QSignalSpy finished(&h.dialog, &AccountDialog::probeFinished);
    h.dialog.testConnection();
    QVERIFY(finished.wait(10000));
    QVERIFY(h.transports.isEmpty());
    QVERIFY2(h.result().contains(QStringLiteral("No keyring service is available")), qPrintable(h.result()));
    QCOMPARE(h.dialog.lastProbeResult()->error.kind, session::SessionError::Kind::Configuration);
}

QTEST_MAIN(TestAccountDialog)
