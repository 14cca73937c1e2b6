#pragma once

#include "core/Account.h"
#include "core/AccountStore.h"
#include "core/Preferences.h"
#include "ui/AccountDialog.h"
#include "ui/Autostart.h"

#include <QDialog>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QQueue>
#include <QStringList>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QMessageBox;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTimeEdit;
class QTreeWidget;
class QTreeWidgetItem;
class QWidget;

namespace ui {

// The settings window: the accounts (list, add, edit, remove, enable) and
// the general preferences (notifications, privacy, quiet hours, start at
// login). It reads the settings file when it is created and, on OK or
// Apply, validates everything, saves the file with core::AccountStore,
// writes or removes the XDG autostart entry, stores changed passwords in the
// keyring through core::SecretStore (asking whether to keep a password for
// this run only when there is no keyring), and then emits applied().
//
// Saving is synchronous; storing passwords is not, so applied() may come a
// little after apply() returned. OK closes the window after applied().
// Nested windows (account dialog, questions) are opened with open(), never
// exec(): the settings window stays responsive and tests can answer them.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    // settingsPath: the INI file (core::AccountStore). secrets: the store the
    // app's Monitor uses (run-only passwords must land there); null: the
    // dialog makes its own.
    SettingsDialog(const QString &settingsPath, core::SecretStore *secrets, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Where "Start at login" writes (tests: a temporary directory).
    void setAutostart(const Autostart &autostart) { m_autostart = autostart; }
    const Autostart &autostart() const { return m_autostart; }
    // Passed on to every account dialog (tests: a fake transport).
    void setTransportFactory(AccountDialog::TransportFactory factory) { m_transportFactory = std::move(factory); }

    QString settingsPath() const { return m_path; }
    // What the widgets say now (not necessarily saved).
    QList<core::Account> accounts() const { return m_accounts; }
    core::Preferences preferences() const;
    // Problems that keep Apply from saving now, one translated message each.
    QStringList validationProblems() const;
    // Warnings from reading the settings file (shown at the top).
    QStringList loadWarnings() const { return m_loadWarnings; }
    // True while passwords are being stored after a save.
    bool isApplying() const { return m_applying; }
    // The account dialog that is open now, if any.
    AccountDialog *accountDialog() const { return m_accountDialog; }

public Q_SLOTS:
    // Validates, saves and starts storing passwords. False when refused (the
    // message line says why) or while a previous apply is still running.
    bool apply();
    void accept() override;
    void reject() override;
    void addAccount();
    void editAccount();
    void removeAccount();

Q_SIGNALS:
    // The settings were saved. accountsWithNewPassword: accounts whose
    // password changed (stored in the keyring or kept for this run only):
    // restart them, as their connection settings may be unchanged.
    void applied(const QList<core::Account> &accounts, const core::Preferences &preferences,
                 const QStringList &accountsWithNewPassword);

private:
    struct Problem
    {
        QString message;
        QWidget *field = nullptr;
        QString accountId;
    };

    QWidget *buildAccountsTab();
    QWidget *buildGeneralTab();
    void load();
    void refreshAccountList(const QString &selectId = {});
    void updateAccountButtons();
    void updateGeneral();
    int indexOf(const QString &id) const;
    QString selectedId() const;
    void openAccountDialog(const core::Account &account, bool isNew);
    void onAccountDialogAccepted(AccountDialog *dialog, bool isNew);
    QList<Problem> problems() const;
    void showMessage(const QString &text, bool error);
    void clearHighlights();

    void onPasswordStored(const QString &accountId);
    void onPasswordStoreFailed(const QString &accountId, const QString &message);
    void askNextQuestion();
    void finishApplyIfDone();
    void setApplying(bool applying);

    QString m_path;
    // One store for the dialog's life: it remembers a file that could not be
    // read, so that saving moves it aside instead of overwriting it.
    core::AccountStore m_store;
    QPointer<core::SecretStore> m_secrets;
    Autostart m_autostart;
    AccountDialog::TransportFactory m_transportFactory;

    QList<core::Account> m_accounts;
    QStringList m_savedIds;                 // accounts in the file as last read or saved
    QStringList m_removedIds;               // saved accounts removed since; their passwords go on apply
    QHash<QString, QString> m_newPasswords; // typed, not stored yet
    QStringList m_loadWarnings;

    // One apply under way.
    bool m_applying = false;
    bool m_closeAfterApply = false;
    QList<core::Account> m_applyAccounts;
    core::Preferences m_applyPreferences;
    QStringList m_storing;                       // stores under way
    QStringList m_changedPassword;               // stored or kept for this run
    QQueue<QPair<QString, QString>> m_questions; // (account id, message) waiting to be asked
    QPointer<QMessageBox> m_question;
    QPointer<AccountDialog> m_accountDialog;

    QTabWidget *m_tabs = nullptr;
    QLabel *m_warnings = nullptr;
    QTreeWidget *m_accountList = nullptr;
    QLabel *m_emptyHint = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_remove = nullptr;
    QCheckBox *m_notifications = nullptr;
    QCheckBox *m_hideContent = nullptr;
    QSpinBox *m_groupThreshold = nullptr;
    QCheckBox *m_quietHours = nullptr;
    QTimeEdit *m_quietFrom = nullptr;
    QTimeEdit *m_quietTo = nullptr;
    QCheckBox *m_startAtLogin = nullptr;
    QLabel *m_messages = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace ui
