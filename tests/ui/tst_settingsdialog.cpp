// ui::SettingsDialog, offscreen, driven through its widgets (found by
// objectName): loading and saving the settings file, validation that names
// the problem, removing accounts, passwords (never in the file; "this run
// only" without a keyring), applying to a running core::Monitor over fake
// transports, and the XDG autostart entry.
//
// No keyring is reachable: initTestCase points DBUS_SESSION_BUS_ADDRESS at a
// socket that does not exist before anything uses QtKeychain.

#include "tst_settingsdialog.h"

#include "core/AccountStore.h"
#include "core/Monitor.h"
#include "core/SecretStore.h"
#include "core/StateStore.h"
#include "session/ImapSession.h"
#include "support/FakeTransport.h"
#include "support/FileUtil.h"
#include "support/ManualClock.h"
#include "support/ScriptRunner.h"
#include "support/SessionTestUtil.h"
#include "support/WidgetField.h"
#include "ui/AccountDialog.h"
#include "ui/Autostart.h"
#include "ui/SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>
#include <QTreeWidget>

using namespace testsupport;
using ui::AccountDialog;
using ui::SettingsDialog;

namespace {

constexpr int WaitMs = 10000;

const char *const TwoAccounts = R"([General]
version=1

[account.a]
name=Alpha
email=a@example.org
host=a.example.org
username=user

[account.b]
name=Beta
email=b@example.org
host=b.example.org
username=user
color=#aa3322
)";

QMessageBox *waitForBox(QWidget *parent, const QString &name)
{
    QMessageBox *found = nullptr;
    const bool seen = QTest::qWaitFor(
        [&] {
            for (QMessageBox *box : parent->findChildren<QMessageBox *>(name)) {
                if (box->isVisible()) {
                    found = box;
                    return true;
                }
            }
            return false;
        },
        WaitMs);
    return seen ? found : nullptr;
}

void selectAccount(SettingsDialog &d, const QString &id)
{
    auto *list = field<QTreeWidget>(&d, "accountList");
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        if (list->topLevelItem(i)->data(0, Qt::UserRole).toString() == id)
            list->setCurrentItem(list->topLevelItem(i));
    }
}

AccountDialog *openEditor(SettingsDialog &d, const char *button)
{
    field<QPushButton>(&d, button)->click();
    AccountDialog *ad = d.accountDialog();
    if (ad && !ad->isVisible())
        return nullptr;
    return ad;
}

void setCombo(QWidget *parent, const char *name, int data)
{
    auto *combo = field<QComboBox>(parent, name);
    combo->setCurrentIndex(combo->findData(data));
}

// Login and a first sync ending in IDLE (as in tests/core/tst_monitor.cpp).
QString loginScript(quint32 uidValidity, quint32 exists)
{
    return QStringLiteral(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE ESEARCH] ready
C: A1 AUTHENTICATE PLAIN *
S: A1 OK [CAPABILITY IMAP4rev1 IDLE ESEARCH] Logged in
C: A2 EXAMINE INBOX
S: * %2 EXISTS
S: * OK [UIDVALIDITY %1] x
S: * OK [UIDNEXT %3] x
S: A2 OK [READ-ONLY] done
C: A3 UID FETCH * (UID INTERNALDATE)
C: A4 UID SEARCH RETURN (COUNT) UNSEEN
S: * %2 FETCH (UID %2 INTERNALDATE "21-Nov-2026 09:00:00 +0000")
S: A3 OK done
S: * ESEARCH (TAG "A4") UID COUNT %2
S: A4 OK done
C: A5 IDLE
S: + idling
X: state idling
)")
        .arg(uidValidity)
        .arg(exists)
        .arg(exists + 1);
}

// The same account connecting again: it knows the mailbox, so EXAMINE, what
// is above the mark and the count go out together.
QString reconnectScript(quint32 uidValidity, quint32 exists)
{
    return QStringLiteral(R"(
X: accept
S: * OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN IDLE ESEARCH] ready
C: A1 AUTHENTICATE PLAIN *
S: A1 OK [CAPABILITY IMAP4rev1 IDLE ESEARCH] Logged in
C: A2 EXAMINE INBOX
C: A3 UID FETCH %3:* (UID FLAGS INTERNALDATE)
C: A4 UID SEARCH RETURN (COUNT) UNSEEN
S: * %2 EXISTS
S: * OK [UIDVALIDITY %1] x
S: * OK [UIDNEXT %3] x
S: A2 OK [READ-ONLY] done
S: * %2 FETCH (UID %2 FLAGS ())
S: A3 OK done
S: * ESEARCH (TAG "A4") UID COUNT %2
S: A4 OK done
C: A5 IDLE
S: + idling
X: state idling
)")
        .arg(uidValidity)
        .arg(exists)
        .arg(exists + 1);
}

struct Fixture
{
    Fixture()
    {
        path = dir.filePath(QStringLiteral("idlebell.conf"));
        autostartDir = dir.filePath(QStringLiteral("autostart"));
    }
    std::unique_ptr<SettingsDialog> dialog(core::SecretStore *store = nullptr)
    {
        auto d = std::make_unique<SettingsDialog>(path, store ? store : &secrets);
        d->setAutostart(ui::Autostart(autostartDir));
        d->show();
        return d;
    }
    QTemporaryDir dir;
    QString path;
    QString autostartDir;
    core::SecretStore secrets;
};

} // namespace

void TestSettingsDialog::initTestCase()
{
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/idlebell-test-bus");
    testsupport::registerSessionMetaTypes();
}

void TestSettingsDialog::roundTripThroughTheWidgets()
{
    Fixture f;
    {
        auto d = f.dialog();
        QVERIFY(field<QLabel>(d.get(), "noAccountHint")->isVisible());
        QVERIFY(!field<QLabel>(d.get(), "loadWarnings")->isVisible());

        AccountDialog *ad = openEditor(*d, "addAccountButton");
        QVERIFY(ad);
        field<QLineEdit>(ad, "nameEdit")->setText(QStringLiteral("Work"));
        field<QLineEdit>(ad, "emailEdit")->setText(QStringLiteral("me@example.org"));
        field<QLineEdit>(ad, "hostEdit")->setText(QStringLiteral("imap.example.org"));
        field<QLineEdit>(ad, "portEdit")->setText(QStringLiteral("1993"));
        setCombo(ad, "securityCombo", int(session::Security::StartTls));
        field<QLineEdit>(ad, "usernameEdit")->setText(QStringLiteral("me"));
        field<QLineEdit>(ad, "passwordCommandEdit")->setText(QStringLiteral("pass show mail/work"));
        field<QLineEdit>(ad, "addFolderEdit")->setText(QStringLiteral("Lists/Qt"));
        field<QPushButton>(ad, "addFolderButton")->click();
        field<QComboBox>(ad, "modeCombo")->setCurrentIndex(1);
        field<QSpinBox>(ad, "pollIntervalSpin")->setValue(9);
        setCombo(ad, "clickActionCombo", int(core::Account::ClickAction::Webmail));
        field<QLineEdit>(ad, "webmailUrlEdit")->setText(QStringLiteral("https://mail.example.org/"));
        field<QPushButton>(ad, "okButton")->click();
        QVERIFY(!ad->isVisible());
        QCOMPARE(d->accounts().size(), 1);
        QCOMPARE(d->accounts().first().id, QStringLiteral("work"));
        QVERIFY(!field<QLabel>(d.get(), "noAccountHint")->isVisible());

        field<QCheckBox>(d.get(), "hideContentCheck")->setChecked(true);
        field<QCheckBox>(d.get(), "quietHoursCheck")->setChecked(true);
        field<QTimeEdit>(d.get(), "quietFromEdit")->setTime(QTime(23, 15));
        field<QTimeEdit>(d.get(), "quietToEdit")->setTime(QTime(6, 30));
        field<QSpinBox>(d.get(), "groupThresholdSpin")->setValue(5);

        QSignalSpy applied(d.get(), &SettingsDialog::applied);
        field<QPushButton>(d.get(), "okButton")->click();
        QCOMPARE(applied.count(), 1); // no password to store: at once
        QCOMPARE(d->result(), int(QDialog::Accepted));
        QVERIFY(!d->isVisible());
        const auto accounts = applied.first().at(0).value<QList<core::Account>>();
        QCOMPARE(accounts.size(), 1);
        QVERIFY(applied.first().at(2).toStringList().isEmpty());
    }

    // In the file.
    core::AccountStore store(f.path);
    const auto loaded = store.load();
    QVERIFY2(loaded.warnings.isEmpty(), qPrintable(loaded.warnings.join(u'\n')));
    QCOMPARE(loaded.accounts.size(), 1);
    const core::Account &a = loaded.accounts.first();
    QCOMPARE(a.id, QStringLiteral("work"));
    QCOMPARE(a.name, QStringLiteral("Work"));
    QCOMPARE(a.email, QStringLiteral("me@example.org"));
    QCOMPARE(a.host, QStringLiteral("imap.example.org"));
    QCOMPARE(a.port, 1993);
    QCOMPARE(a.security, session::Security::StartTls);
    QCOMPARE(a.username, QStringLiteral("me"));
    QCOMPARE(a.passwordCommand, QStringLiteral("pass show mail/work"));
    QCOMPARE(a.mailboxes, (QStringList{QStringLiteral("INBOX"), QStringLiteral("Lists/Qt")}));
    QVERIFY(!a.useIdle);
    QCOMPARE(a.pollIntervalMinutes, 9);
    QCOMPARE(a.clickAction, core::Account::ClickAction::Webmail);
    QCOMPARE(a.webmailUrl, QStringLiteral("https://mail.example.org/"));
    QVERIFY(a.enabled);
    QVERIFY(loaded.preferences.notificationsEnabled);
    QVERIFY(loaded.preferences.hideContent);
    QVERIFY(loaded.preferences.quietHoursEnabled);
    QCOMPARE(loaded.preferences.quietFrom, QTime(23, 15));
    QCOMPARE(loaded.preferences.quietTo, QTime(6, 30));
    QCOMPARE(loaded.preferences.groupThreshold, 5);
    QVERIFY(!loaded.preferences.startAtLogin);

    // And back into the widgets.
    auto d = f.dialog();
    auto *list = field<QTreeWidget>(d.get(), "accountList");
    QCOMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("Work"));
    QCOMPARE(list->topLevelItem(0)->text(1), QStringLiteral("me@example.org"));
    QCOMPARE(list->topLevelItem(0)->checkState(0), Qt::Checked);
    QVERIFY(field<QCheckBox>(d.get(), "hideContentCheck")->isChecked());
    QCOMPARE(field<QTimeEdit>(d.get(), "quietFromEdit")->time(), QTime(23, 15));
    QCOMPARE(field<QTimeEdit>(d.get(), "quietToEdit")->time(), QTime(6, 30));
    QCOMPARE(d->preferences(), loaded.preferences);
    selectAccount(*d, QStringLiteral("work"));
    AccountDialog *ad = openEditor(*d, "editAccountButton");
    QVERIFY(ad);
    QCOMPARE(ad->account(), a);
    QCOMPARE(field<QLineEdit>(ad, "portEdit")->text(), QStringLiteral("1993"));
    field<QPushButton>(ad, "cancelButton")->click();
}

void TestSettingsDialog::invalidSettingsAreNotSaved_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing host") << QByteArray("[account.a]\nname=Alpha\nemail=a@example.org\n")
                                  << "Account \"Alpha\": The IMAP server (host) is missing.";
    QTest::newRow("quiet hours from == to") << QByteArray(TwoAccounts) << "start and end at the same time";
}

void TestSettingsDialog::invalidSettingsAreNotSaved()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, expected);
    Fixture f;
    QVERIFY(writeFile(f.path, file));
    auto d = f.dialog();
    if (QByteArray(QTest::currentDataTag()).startsWith("quiet")) {
        field<QCheckBox>(d.get(), "quietHoursCheck")->setChecked(true);
        field<QTimeEdit>(d.get(), "quietFromEdit")->setTime(QTime(8, 0));
        field<QTimeEdit>(d.get(), "quietToEdit")->setTime(QTime(8, 0));
    }
    QSignalSpy applied(d.get(), &SettingsDialog::applied);
    field<QPushButton>(d.get(), "applyButton")->click();
    field<QPushButton>(d.get(), "okButton")->click();
    QCOMPARE(applied.count(), 0);
    QVERIFY(d->isVisible());
    auto *message = field<QLabel>(d.get(), "messageLabel");
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(expected), qPrintable(message->text()));
    QCOMPARE(readFile(f.path), file);
    if (QByteArray(QTest::currentDataTag()).startsWith("quiet")) {
        QVERIFY(field<QTimeEdit>(d.get(), "quietFromEdit")->property("invalid").toBool());
        QCOMPARE(field<QTabWidget>(d.get(), "settingsTabs")->currentIndex(), 1);
        // Fixed, it saves.
        field<QTimeEdit>(d.get(), "quietToEdit")->setTime(QTime(9, 0));
        QVERIFY(d->apply());
        QCOMPARE(applied.count(), 1);
        QVERIFY(!message->isVisible());
        QVERIFY(!field<QTimeEdit>(d.get(), "quietFromEdit")->property("invalid").toBool());
    } else {
        QCOMPARE(field<QTabWidget>(d.get(), "settingsTabs")->currentIndex(), 0);
        // Fixed through the account dialog, it saves.
        selectAccount(*d, QStringLiteral("a"));
        AccountDialog *ad = openEditor(*d, "editAccountButton");
        QVERIFY(ad);
        field<QLineEdit>(ad, "hostEdit")->setText(QStringLiteral("imap.example.org"));
        field<QPushButton>(ad, "okButton")->click();
        QVERIFY(!ad->isVisible());
        QVERIFY(d->apply());
        QCOMPARE(applied.count(), 1);
        QVERIFY(readFile(f.path).contains("host=imap.example.org"));
    }
}

void TestSettingsDialog::accountDialogRefusalBlocksSaving_data()
{
    QTest::addColumn<QString>("fieldName");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing host") << "hostEdit"
                                  << ""
                                  << "The IMAP server (host) is missing.";
    QTest::newRow("bad port") << "portEdit"
                              << "99999"
                              << "The port \"99999\" is not a number from 1 to 65535";
    QTest::newRow("bad url") << "webmailUrlEdit"
                             << "www.example.org"
                             << "The webmail address \"www.example.org\" must be a full http:// or https:// address.";
}

void TestSettingsDialog::accountDialogRefusalBlocksSaving()
{
    QFETCH(QString, fieldName);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    Fixture f;
    QVERIFY(writeFile(f.path, TwoAccounts));
    auto d = f.dialog();
    selectAccount(*d, QStringLiteral("b"));
    AccountDialog *ad = openEditor(*d, "editAccountButton");
    QVERIFY(ad);
    setCombo(ad, "clickActionCombo", int(core::Account::ClickAction::Webmail));
    field<QLineEdit>(ad, "webmailUrlEdit")->setText(QStringLiteral("https://b.example.org/"));
    field<QLineEdit>(ad, qPrintable(fieldName))->setText(value);
    field<QPushButton>(ad, "okButton")->click();
    QVERIFY(ad->isVisible());
    auto *message = field<QLabel>(ad, "validationLabel");
    QVERIFY2(message->text().contains(expected), qPrintable(message->text()));
    QVERIFY(field<QLineEdit>(ad, qPrintable(fieldName))->property("invalid").toBool());

    // While it is open, the settings cannot be applied; cancelled, nothing changed.
    QVERIFY(!d->apply());
    field<QPushButton>(ad, "cancelButton")->click();
    QCOMPARE(d->accounts().at(1).webmailUrl, QString());
    QVERIFY(d->apply());
    const QByteArray saved = readFile(f.path);
    QVERIFY(!saved.contains(value.toUtf8()) || value.isEmpty());
    QVERIFY(saved.contains("host=b.example.org"));
}

void TestSettingsDialog::removingAnAccountRemovesItsGroup()
{
    Fixture f;
    QVERIFY(writeFile(f.path, TwoAccounts));
    auto d = f.dialog();
    selectAccount(*d, QStringLiteral("b"));

    // Asked first; Cancel keeps it.
    field<QPushButton>(d.get(), "removeAccountButton")->click();
    QMessageBox *box = waitForBox(d.get(), QStringLiteral("removeAccountQuestion"));
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("Beta")), qPrintable(box->text()));
    box->button(QMessageBox::Cancel)->click();
    QCOMPARE(d->accounts().size(), 2);

    field<QPushButton>(d.get(), "removeAccountButton")->click();
    box = waitForBox(d.get(), QStringLiteral("removeAccountQuestion"));
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QCOMPARE(d->accounts().size(), 1);
    QCOMPARE(field<QTreeWidget>(d.get(), "accountList")->topLevelItemCount(), 1);

    QSignalSpy applied(d.get(), &SettingsDialog::applied);
    QVERIFY(d->apply());
    QCOMPARE(applied.count(), 1);
    QSettings settings(f.path, QSettings::IniFormat);
    QVERIFY(settings.childGroups().contains(QStringLiteral("account.a")));
    QVERIFY(!settings.childGroups().contains(QStringLiteral("account.b")));
    QVERIFY(!readFile(f.path).contains("b.example.org"));
}

void TestSettingsDialog::enableCheckboxPausesAnAccount()
{
    Fixture f;
    QVERIFY(writeFile(f.path, TwoAccounts));
    auto d = f.dialog();
    auto *list = field<QTreeWidget>(d.get(), "accountList");
    QCOMPARE(list->topLevelItem(1)->text(0), QStringLiteral("Beta"));
    list->topLevelItem(1)->setCheckState(0, Qt::Unchecked);
    QSignalSpy applied(d.get(), &SettingsDialog::applied);
    QVERIFY(d->apply());
    QCOMPARE(applied.count(), 1);
    const auto accounts = applied.first().at(0).value<QList<core::Account>>();
    QVERIFY(accounts.at(0).enabled);
    QVERIFY(!accounts.at(1).enabled);
    const auto loaded = core::AccountStore(f.path).load();
    QVERIFY(!loaded.accounts.at(1).enabled);
    QCOMPARE(loaded.accounts.at(1).color, QStringLiteral("#aa3322"));
}

void TestSettingsDialog::cancelDiscards()
{
    Fixture f;
    QVERIFY(writeFile(f.path, TwoAccounts));
    auto d = f.dialog();
    QSignalSpy applied(d.get(), &SettingsDialog::applied);
    field<QTreeWidget>(d.get(), "accountList")->topLevelItem(0)->setCheckState(0, Qt::Unchecked);
    field<QCheckBox>(d.get(), "notificationsCheck")->setChecked(false);
    field<QPushButton>(d.get(), "cancelButton")->click();
    QCOMPARE(d->result(), int(QDialog::Rejected));
    QCOMPARE(applied.count(), 0);
    QCOMPARE(readFile(f.path), QByteArray(TwoAccounts));
}

void TestSettingsDialog::editingWithoutPasswordStoresNothing()
{
    // Leaving the password field empty keeps the stored password: nothing is
    // stored, nothing restarts. (That a typed password never reaches the file
    // is checked with both answers to the run-only question below.)
    Fixture f;
    QVERIFY(writeFile(f.path, TwoAccounts));
    auto d = f.dialog();
    selectAccount(*d, QStringLiteral("a"));
    AccountDialog *ad = openEditor(*d, "editAccountButton");
    QVERIFY(ad);
    QVERIFY(field<QLineEdit>(ad, "passwordEdit")->placeholderText().contains(QStringLiteral("keep the stored")));
    field<QLineEdit>(ad, "nameEdit")->setText(QStringLiteral("Alpha 2"));
    field<QPushButton>(ad, "okButton")->click();
    QSignalSpy applied(d.get(), &SettingsDialog::applied);
    QVERIFY(d->apply());
    QCOMPARE(applied.count(), 1); // nothing to store
    QVERIFY(applied.first().at(2).toStringList().isEmpty());
    QVERIFY(!d->isApplying());
}

void TestSettingsDialog::noKeyringOffersThisRunOnly()
{
    const QString secret = QStringLiteral("ib-Secret-Zq8y-dialog");
    Fixture f;
    auto d = f.dialog();
    AccountDialog *ad = openEditor(*d, "addAccountButton");
    QVERIFY(ad);
    field<QLineEdit>(ad, "nameEdit")->setText(QStringLiteral("Home"));
    field<QLineEdit>(ad, "emailEdit")->setText(QStringLiteral("me@example.net"));
    field<QLineEdit>(ad, "hostEdit")->setText(QStringLiteral("imap.example.net"));
    field<QLineEdit>(ad, "passwordEdit")->setText(secret);
    field<QPushButton>(ad, "okButton")->click();
    QVERIFY(!ad->isVisible());

    QSignalSpy applied(d.get(), &SettingsDialog::applied);
    field<QPushButton>(d.get(), "okButton")->click();
    QVERIFY(d->isApplying());
    QVERIFY(!field<QPushButton>(d.get(), "okButton")->isEnabled());
    QCOMPARE(applied.count(), 0); // waits for the keyring
    // The file is saved already, without the password.
    QVERIFY(readFile(f.path).contains("imap.example.net"));

    QMessageBox *box = waitForBox(d.get(), QStringLiteral("runOnlyQuestion"));
    QVERIFY(box);
    QCOMPARE(box->text(), QStringLiteral("No keyring is available: keep the password for this run only?"));
    QVERIFY2(box->informativeText().contains(QStringLiteral("No keyring service is available")),
             qPrintable(box->informativeText()));
    QVERIFY(!box->informativeText().contains(secret));
    box->button(QMessageBox::Yes)->click();

    QCOMPARE(applied.count(), 1);
    QCOMPARE(applied.first().at(2).toStringList(), QStringList{QStringLiteral("home")});
    QVERIFY(f.secrets.hasRunOnlyPassword(QStringLiteral("home")));
    QCOMPARE(d->result(), int(QDialog::Accepted)); // OK closes after the passwords
    QVERIFY(!d->isVisible());

    // The password the monitor will get.
    QSignalSpy ready(&f.secrets, &core::SecretStore::passwordReady);
    core::Account home = core::AccountStore(f.path).load().accounts.value(0);
    QCOMPARE(home.id, QStringLiteral("home"));
    f.secrets.requestPassword(home);
    QVERIFY(ready.wait(WaitMs));
    QCOMPARE(ready.first().at(1).toString(), secret);

    const QByteArray saved = readFile(f.path);
    QVERIFY(!saved.contains(secret.toUtf8()));
    QVERIFY(!saved.toLower().contains("password="));
}

void TestSettingsDialog::declinedRunOnlyKeepsPasswordForNextApply()
{
    const QString secret = QStringLiteral("ib-Other-Zq8y-dialog");
    Fixture f;
    QVERIFY(writeFile(f.path, TwoAccounts));
    auto d = f.dialog();
    selectAccount(*d, QStringLiteral("b"));
    AccountDialog *ad = openEditor(*d, "editAccountButton");
    QVERIFY(ad);
    field<QLineEdit>(ad, "passwordEdit")->setText(secret);
    field<QPushButton>(ad, "okButton")->click();

    QSignalSpy applied(d.get(), &SettingsDialog::applied);
    QVERIFY(d->apply());
    QMessageBox *box = waitForBox(d.get(), QStringLiteral("runOnlyQuestion"));
    QVERIFY(box);
    box->button(QMessageBox::No)->click();
    QCOMPARE(applied.count(), 1);
    QVERIFY(applied.first().at(2).toStringList().isEmpty());
    QVERIFY(!f.secrets.hasRunOnlyPassword(QStringLiteral("b")));
    QVERIFY(field<QLabel>(d.get(), "messageLabel")->text().contains(QStringLiteral("was not stored")));
    QVERIFY(d->isVisible());

    // The next Apply tries again.
    QVERIFY(d->apply());
    box = waitForBox(d.get(), QStringLiteral("runOnlyQuestion"));
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QCOMPARE(applied.count(), 2);
    QCOMPARE(applied.last().at(2).toStringList(), QStringList{QStringLiteral("b")});
    QVERIFY(!readFile(f.path).contains(secret.toUtf8()));
}

void TestSettingsDialog::applyLeavesOtherAccountsConnected()
{
    Fixture f;
    QVERIFY(writeFile(f.path, TwoAccounts));
    ManualClock clock;
    core::StateStore state(f.dir.filePath(QStringLiteral("state.json")));
    core::Monitor monitor(&state, &f.secrets);
    monitor.setClock(&clock);
    QHash<QString, QList<QPointer<FakeTransport>>> transports;
    monitor.setTransportFactory([&](const core::Account &a) {
        auto t = std::make_unique<FakeTransport>();
        transports[a.id].append(t.get());
        return t;
    });
    const auto run = [&](FakeTransport *t, session::ImapSession *s, const QString &script) {
        ScriptRunner runner(t, &clock, [s] { return session::stateName(s->state()); });
        const bool ok = runner.run(script);
        if (!ok)
            qWarning().noquote() << runner.error();
        return ok;
    };
    const auto sessionsOf = [&](const QString &id) {
        return monitor.sessions(id);
    };

    f.secrets.setRunOnlyPassword(QStringLiteral("a"), QStringLiteral("secret"));
    f.secrets.setRunOnlyPassword(QStringLiteral("b"), QStringLiteral("secret"));
    monitor.apply(core::AccountStore(f.path).load().accounts);
    QVERIFY(QTest::qWaitFor([&] { return sessionsOf(QStringLiteral("a")).size() == 1; }, WaitMs));
    QVERIFY(QTest::qWaitFor([&] { return sessionsOf(QStringLiteral("b")).size() == 1; }, WaitMs));
    session::ImapSession *sa = sessionsOf(QStringLiteral("a")).first();
    session::ImapSession *sb = sessionsOf(QStringLiteral("b")).first();
    QVERIFY(run(transports[QStringLiteral("a")].first(), sa, loginScript(7, 2)));
    QVERIFY(run(transports[QStringLiteral("b")].first(), sb, loginScript(9, 3)));
    QCOMPARE(monitor.totalUnread(), 5);

    // The app's wiring.
    auto d = f.dialog();
    connect(d.get(), &SettingsDialog::applied, &monitor,
            [&monitor](const QList<core::Account> &accounts, const core::Preferences &, const QStringList &changed) {
                monitor.apply(accounts);
                for (const QString &id : changed)
                    monitor.restartAccount(id);
            });

    // A display-only change to b, a connection change to a.
    selectAccount(*d, QStringLiteral("b"));
    AccountDialog *ad = openEditor(*d, "editAccountButton");
    QVERIFY(ad);
    field<QLineEdit>(ad, "nameEdit")->setText(QStringLiteral("Beta renamed"));
    field<QPushButton>(ad, "okButton")->click();
    selectAccount(*d, QStringLiteral("a"));
    ad = openEditor(*d, "editAccountButton");
    QVERIFY(ad);
    field<QLineEdit>(ad, "hostEdit")->setText(QStringLiteral("new.example.org"));
    field<QPushButton>(ad, "okButton")->click();
    QVERIFY(d->apply());

    QVERIFY(QTest::qWaitFor(
        [&] { return sessionsOf(QStringLiteral("a")).size() == 1 && sessionsOf(QStringLiteral("a")).first() != sa; },
        WaitMs));
    QCOMPARE(transports[QStringLiteral("a")].size(), 2);
    QCOMPARE(transports[QStringLiteral("a")].last()->lastHost(), QStringLiteral("new.example.org"));
    QCOMPARE(sessionsOf(QStringLiteral("b")).first(), sb);
    QCOMPARE(sb->state(), session::State::Idling);
    QCOMPARE(transports[QStringLiteral("b")].size(), 1);
    QCOMPARE(monitor.status(QStringLiteral("b")).account.name, QStringLiteral("Beta renamed"));
    QCOMPARE(monitor.unread(QStringLiteral("b")), 3);
    sa = sessionsOf(QStringLiteral("a")).first();
    QVERIFY(run(transports[QStringLiteral("a")].last(), sa, reconnectScript(7, 2)));

    // A new password for b (kept for this run: no keyring) restarts b only.
    selectAccount(*d, QStringLiteral("b"));
    ad = openEditor(*d, "editAccountButton");
    QVERIFY(ad);
    field<QLineEdit>(ad, "passwordEdit")->setText(QStringLiteral("newer"));
    field<QPushButton>(ad, "okButton")->click();
    QVERIFY(d->apply());
    QMessageBox *box = waitForBox(d.get(), QStringLiteral("runOnlyQuestion"));
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QVERIFY(QTest::qWaitFor([&] { return transports[QStringLiteral("b")].size() == 2; }, WaitMs));
    QCOMPARE(sessionsOf(QStringLiteral("a")).first(), sa);
    QCOMPARE(sa->state(), session::State::Idling);
    session::ImapSession *sb2 = sessionsOf(QStringLiteral("b")).first();
    QVERIFY(sb2 != sb);
    // It logs in with the new password: AUTHENTICATE PLAIN "\0user\0newer".
    QVERIFY(run(transports[QStringLiteral("b")].last(), sb2,
                reconnectScript(9, 3).replace(QStringLiteral("C: A1 AUTHENTICATE PLAIN *"),
                                              QStringLiteral("C: A1 AUTHENTICATE PLAIN AHVzZXIAbmV3ZXI="))));
    QCOMPARE(monitor.totalUnread(), 5);
}

void TestSettingsDialog::startAtLoginWritesAutostartEntry()
{
    Fixture f;
    QVERIFY(writeFile(f.path, TwoAccounts));
    const QString entry = f.autostartDir + QStringLiteral("/idlebell.desktop");
    {
        auto d = f.dialog();
        QVERIFY(!field<QCheckBox>(d.get(), "startAtLoginCheck")->isChecked());
        field<QCheckBox>(d.get(), "startAtLoginCheck")->setChecked(true);
        QVERIFY(d->apply());
    }
    QVERIFY(QFile::exists(entry));
    const QByteArray text = readFile(entry);
    QVERIFY(text.startsWith("[Desktop Entry]\n"));
    QVERIFY(text.contains("\nType=Application\n"));
    QVERIFY(text.contains("\nExec=idlebell\n"));
    QVERIFY(text.contains("\nX-GNOME-Autostart-enabled=true\n"));
    QVERIFY(ui::Autostart(f.autostartDir).isEnabled());
    QVERIFY(core::AccountStore(f.path).load().preferences.startAtLogin);
    {
        auto d = f.dialog();
        QVERIFY(field<QCheckBox>(d.get(), "startAtLoginCheck")->isChecked());
        field<QCheckBox>(d.get(), "startAtLoginCheck")->setChecked(false);
        QVERIFY(d->apply());
    }
    QVERIFY(!QFile::exists(entry));
    QVERIFY(!core::AccountStore(f.path).load().preferences.startAtLogin);
}

void TestSettingsDialog::autostartDirectoryAndSwitchedOffEntries()
{
    QTemporaryDir dir;
    const QByteArray saved = qgetenv("XDG_CONFIG_HOME");
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(dir.path()));
    QCOMPARE(ui::Autostart::defaultDirectory(), dir.path() + QStringLiteral("/autostart"));
    QCOMPARE(ui::Autostart().filePath(), dir.path() + QStringLiteral("/autostart/idlebell.desktop"));
    qputenv("XDG_CONFIG_HOME", "relative/path"); // not absolute: ignored, as the spec says
    QCOMPARE(ui::Autostart::defaultDirectory(), QDir::homePath() + QStringLiteral("/.config/autostart"));
    if (saved.isNull())
        qunsetenv("XDG_CONFIG_HOME");
    else
        qputenv("XDG_CONFIG_HOME", saved);

    ui::Autostart a(dir.filePath(QStringLiteral("deep/autostart")));
    QVERIFY(!a.isEnabled());
    QVERIFY(a.setEnabled(false)); // nothing to remove
    QVERIFY(a.setEnabled(true));  // creates the folder
    QVERIFY(a.isEnabled());
    // A desktop's own switch turns it off.
    QVERIFY(writeFile(a.filePath(), a.desktopEntry() + "Hidden=true\n"));
    QVERIFY(!a.isEnabled());
    QVERIFY(writeFile(
        a.filePath(),
        QByteArray(a.desktopEntry()).replace("X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false")));
    QVERIFY(!a.isEnabled());
    QVERIFY(a.setEnabled(false));
    QVERIFY(!QFile::exists(a.filePath()));

    // A system-wide entry (cmake -DIDLEBELL_INSTALL_AUTOSTART=ON): turning
    // start at login off hides it for this user instead of removing a file.
    const QString system = dir.filePath(QStringLiteral("xdg/autostart"));
    QVERIFY(QDir().mkpath(system));
    QVERIFY(writeFile(system + QStringLiteral("/idlebell.desktop"), a.desktopEntry()));
    a.setSystemDirectories({dir.filePath(QStringLiteral("none")), system});
    QVERIFY(a.isEnabled()); // the system one applies
    QVERIFY(a.setEnabled(false));
    QVERIFY(QFile::exists(a.filePath()));
    QVERIFY(readFile(a.filePath()).contains("\nHidden=true\n"));
    QVERIFY(!a.isEnabled());
    QVERIFY(a.setEnabled(true));
    QVERIFY(!readFile(a.filePath()).contains("Hidden=true"));
    QVERIFY(a.isEnabled());
    const QByteArray savedDirs = qgetenv("XDG_CONFIG_DIRS");
    qputenv("XDG_CONFIG_DIRS", QFile::encodeName(dir.filePath(QStringLiteral("xdg"))) + ":relative:/etc/xdg");
    QCOMPARE(ui::Autostart::defaultSystemDirectories(),
             (QStringList{dir.filePath(QStringLiteral("xdg/autostart")), QStringLiteral("/etc/xdg/autostart")}));
    QVERIFY(ui::Autostart(dir.filePath(QStringLiteral("x"))).systemDirectories().isEmpty());
    qunsetenv("XDG_CONFIG_DIRS");
    QCOMPARE(ui::Autostart::defaultSystemDirectories(), QStringList{QStringLiteral("/etc/xdg/autostart")});
    if (!savedDirs.isNull())
        qputenv("XDG_CONFIG_DIRS", savedDirs);

    // A folder that cannot be made: the error names it.
    QVERIFY(writeFile(dir.filePath(QStringLiteral("file")), "x"));
    ui::Autostart blocked(dir.filePath(QStringLiteral("file/autostart")));
    QString error;
    QVERIFY(!blocked.setEnabled(true, &error));
    QVERIFY2(error.contains(QStringLiteral("file/autostart")), qPrintable(error));
}

void TestSettingsDialog::settingsFileWarningsShownOnce()
{
    Fixture f;
    QByteArray text(TwoAccounts);
    text.replace("[account.b]\n", "[account.b]\nsecurity=rot13\npassword=hunter2\n");
    QVERIFY(writeFile(f.path, text));
    {
        auto d = f.dialog();
        auto *warnings = field<QLabel>(d.get(), "loadWarnings");
        QVERIFY(warnings->isVisible());
        QVERIFY2(warnings->text().contains(QStringLiteral("rot13")), qPrintable(warnings->text()));
        QVERIFY2(warnings->text().contains(QStringLiteral("password\"")), qPrintable(warnings->text()));
        QVERIFY(!warnings->text().contains(QStringLiteral("hunter2")));
        QVERIFY(!d->loadWarnings().isEmpty());
        QVERIFY(d->apply());
        QVERIFY(!warnings->isVisible()); // the file is clean now
    }
    auto d = f.dialog();
    QVERIFY(!field<QLabel>(d.get(), "loadWarnings")->isVisible());
    QVERIFY(!readFile(f.path).contains("hunter2"));
}

void TestSettingsDialog::unreadableSettingsFileIsMovedAsideNotLost()
{
    Fixture f;
    const QByteArray broken("[account.a\nhost=x\n");
    QVERIFY(writeFile(f.path, broken));
    auto d = f.dialog();
    auto *warnings = field<QLabel>(d.get(), "loadWarnings");
    QVERIFY(warnings->isVisible());
    QVERIFY2(warnings->text().contains(QStringLiteral("moved to")), qPrintable(warnings->text()));
    QCOMPARE(d->accounts().size(), 0);
    QVERIFY(d->apply());
    const QStringList aside
        = QDir(f.dir.path()).entryList({QStringLiteral("idlebell.conf.corrupt-*")}, QDir::Files | QDir::Hidden);
    QCOMPARE(aside.size(), 1);
    QCOMPARE(readFile(f.dir.filePath(aside.first())), broken);
}

QTEST_MAIN(TestSettingsDialog)
