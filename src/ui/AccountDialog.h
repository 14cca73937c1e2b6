#pragma once

#include "core/Account.h"
#include "core/SecretStore.h"
#include "session/ConnectionProbe.h"
#include "session/Transport.h"

#include <QDialog>
#include <QPointer>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QWidget;

namespace session {
class Clock;
}

namespace ui {

// Edits one core::Account: server, login, folders to watch, how to watch,
// what a click on a notification does, and TLS trust. "Test connection" runs
// a session::ConnectionProbe with what is typed and says what happened in
// words; a certificate the system does not trust can be pinned from there.
//
// OK is refused while the input has problems: they are listed in a message
// line above the buttons and the offending fields are highlighted (property
// "invalid" = true). Every input has a stable objectName (see the .cpp).
//
// The dialog never stores anything: after it is accepted, account() and
// newPassword() say what the user wants.
class AccountDialog : public QDialog
{
    Q_OBJECT

public:
    using TransportFactory = std::function<std::unique_ptr<session::Transport>()>;

    // isNew: an account that has no stored password yet (the password is then
    // required unless a password command gives it). account.id may be empty
    // for a new account; the caller assigns one.
    explicit AccountDialog(const core::Account &account, bool isNew, QWidget *parent = nullptr);
    ~AccountDialog() override;

    // The transport "Test connection" uses: this dialog's factory, else the
    // default one (setDefaultTransportFactory), else session::SslTransport.
    void setTransportFactory(TransportFactory factory) { m_transportFactory = std::move(factory); }
    static void setDefaultTransportFactory(TransportFactory factory);
    void setClock(session::Clock *clock) { m_clock = clock; }

    // Where the stored password comes from when "Test connection" runs with
    // an empty password field (an account being edited): a run-only password
    // kept there is used; otherwise a private SecretStore runs the password
    // command or reads the keyring.
    void setSecretStore(core::SecretStore *secrets) { m_secrets = secrets; }
    // A password typed earlier and not stored yet (the settings dialog was not
    // applied): used by "Test connection" and counts as having a password.
    void setUnsavedPassword(const QString &password) { m_unsavedPassword = password; }

    // What the widgets say now (id as given to the constructor).
    core::Account account() const;
    // The password typed in this dialog; empty: keep the stored one.
    QString newPassword() const;
    // What keeps OK from being accepted now, one translated message each.
    QStringList validationProblems() const;

    // The last probe's result, if one finished.
    const session::ProbeResult *lastProbeResult() const { return m_hasResult ? &m_lastResult : nullptr; }
    bool isTesting() const { return m_probe != nullptr; }

    void accept() override;
    void done(int result) override;

public Q_SLOTS:
    void testConnection();
    void loadFolders();

Q_SIGNALS:
    // A probe ended and the dialog shows its result.
    void probeFinished(const session::ProbeResult &result);

private:
    struct Problem
    {
        QString message;
        QWidget *field = nullptr;
    };

    QWidget *buildAccountTab();
    QWidget *buildFoldersTab();
    QWidget *buildCheckingTab();
    QWidget *buildAdvancedTab();
    void load(const core::Account &account);
    QList<Problem> problems(bool forProbe) const;
    void showProblems(const QList<Problem> &problems);
    void clearProblems();
    void setInvalid(QWidget *field, bool invalid);

    void updateSecurity();
    void updatePlaceholders();
    void updateMode();
    void updateClickAction();
    void updateColorButton();
    void updatePinned();
    void chooseColor();
    void chooseCaFile();
    void addFolderFromEdit();
    QListWidgetItem *addFolder(const QString &path, const QString &specialUse, bool checked);
    QListWidgetItem *findFolder(const QString &path) const;
    void mergeFolders(const QList<session::ProbeResult::Folder> &folders);

    void startProbe(bool folders);
    void runProbe(const QString &password);
    void onProbeFinished(const session::ProbeResult &result);
    void showResult(const session::ProbeResult &result);
    void trustCertificate();
    void growToFit();
    void cancelProbe();
    void setBusy(bool busy, const QString &text = {});

    core::Account m_original;
    bool m_isNew = false;
    QString m_unsavedPassword;
    QByteArray m_pinned;     // normalised hex, what account() returns
    QByteArray m_offeredPin; // from the last certificate error
    QString m_color;         // "#rrggbb" or empty
    TransportFactory m_transportFactory;
    session::Clock *m_clock = nullptr;
    QPointer<core::SecretStore> m_secrets;
    core::SecretStore *m_ownSecrets = nullptr; // for the password command / keyring during a test
    QPointer<session::ConnectionProbe> m_probe;
    QMetaObject::Connection m_passwordConnections[2];
    bool m_probeForFolders = false;
    bool m_hasResult = false;
    session::ProbeResult m_lastResult;

    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_host = nullptr;
    QLineEdit *m_port = nullptr;
    QComboBox *m_security = nullptr;
    QLabel *m_plaintextWarning = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_passwordHint = nullptr;

    QListWidget *m_folders = nullptr;
    QLineEdit *m_addFolderEdit = nullptr;
    QPushButton *m_addFolderButton = nullptr;
    QPushButton *m_loadFolders = nullptr;

    QComboBox *m_mode = nullptr;
    QSpinBox *m_idleRefresh = nullptr;
    QSpinBox *m_pollInterval = nullptr;
    QLabel *m_modeHint = nullptr;
    QComboBox *m_clickAction = nullptr;
    QLineEdit *m_webmailUrl = nullptr;
    QLineEdit *m_mailClientCommand = nullptr;
    QPushButton *m_colorButton = nullptr;
    QPushButton *m_colorReset = nullptr;

    QLineEdit *m_passwordCommand = nullptr;
    QLineEdit *m_caFile = nullptr;
    QPushButton *m_caBrowse = nullptr;
    QLineEdit *m_pinnedEdit = nullptr;
    QPushButton *m_forgetPin = nullptr;

    QPushButton *m_testButton = nullptr;
    QLabel *m_resultIcon = nullptr;
    QLabel *m_result = nullptr;
    QWidget *m_certificateBox = nullptr;
    QLabel *m_fingerprint = nullptr;
    QPushButton *m_trustButton = nullptr;
    QLabel *m_messages = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace ui
