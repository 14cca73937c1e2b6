#include "ui/SettingsDialog.h"

#include "core/AccountStore.h"
#include "core/SecretStore.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTabWidget>
#include <QTimeEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ui {

namespace {

constexpr int IdRole = Qt::UserRole;

QColor attentionColor(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
}

QIcon swatch(const QString &color, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0, 0, 0, color.isEmpty() ? 60 : 90), 1));
    p.setBrush(color.isEmpty() ? QBrush(Qt::NoBrush) : QBrush(QColor(color)));
    p.drawRoundedRect(QRectF(1.5, 1.5, size - 3, size - 3), 3, 3);
    return QIcon(pixmap);
}

QLabel *noteLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 0.9);
    label->setFont(f);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    label->setPalette(pal);
    return label;
}

} // namespace

SettingsDialog::SettingsDialog(const QString &settingsPath, core::SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_path(settingsPath)
    , m_store(settingsPath)
    , m_secrets(secrets)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Idlebell Settings"));
    if (!m_secrets)
        m_secrets = new core::SecretStore(this);

    m_warnings = new QLabel(this);
    m_warnings->setObjectName(QStringLiteral("loadWarnings"));
    m_warnings->setTextFormat(Qt::PlainText);
    m_warnings->setWordWrap(true);
    m_warnings->setFrameShape(QFrame::StyledPanel);
    m_warnings->setMargin(8);
    m_warnings->setAutoFillBackground(true);
    {
        QPalette pal = m_warnings->palette();
        const QColor base = pal.color(QPalette::Window);
        const QColor warn(0xf6, 0xd3, 0x2d);
        pal.setColor(QPalette::Window,
                     QColor::fromRgbF(base.redF() * 0.7 + warn.redF() * 0.3, base.greenF() * 0.7 + warn.greenF() * 0.3,
                                      base.blueF() * 0.7 + warn.blueF() * 0.3));
        m_warnings->setPalette(pal);
    }
    m_warnings->hide();

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("settingsTabs"));
    m_tabs->addTab(buildAccountsTab(), tr("&Accounts"));
    m_tabs->addTab(buildGeneralTab(), tr("&General"));

    m_messages = new QLabel(this);
    m_messages->setObjectName(QStringLiteral("messageLabel"));
    m_messages->setTextFormat(Qt::PlainText);
    m_messages->setWordWrap(true);
    m_messages->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okButton"));
    m_buttons->button(QDialogButtonBox::Apply)->setObjectName(QStringLiteral("applyButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_warnings);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_messages);
    layout->addWidget(m_buttons);

    connect(m_secrets, &core::SecretStore::passwordStored, this, &SettingsDialog::onPasswordStored);
    connect(m_secrets, &core::SecretStore::passwordStoreFailed, this, &SettingsDialog::onPasswordStoreFailed);

    load();
    resize(640, 460);
}

SettingsDialog::~SettingsDialog() = default;

QWidget *SettingsDialog::buildAccountsTab()
{
    auto *page = new QWidget;
    m_accountList = new QTreeWidget(page);
    m_accountList->setObjectName(QStringLiteral("accountList"));
    m_accountList->setRootIsDecorated(false);
    m_accountList->setUniformRowHeights(true);
    m_accountList->setAllColumnsShowFocus(true);
    m_accountList->setHeaderLabels({tr("Account"), tr("Email address"), tr("Server")});
    m_accountList->header()->setStretchLastSection(true);
    m_accountList->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_accountList->setToolTip(tr("Uncheck an account to stop watching it without removing it."));

    m_add = new QPushButton(tr("A&dd…"), page);
    m_add->setObjectName(QStringLiteral("addAccountButton"));
    m_edit = new QPushButton(tr("&Edit…"), page);
    m_edit->setObjectName(QStringLiteral("editAccountButton"));
    m_remove = new QPushButton(tr("&Remove"), page);
    m_remove->setObjectName(QStringLiteral("removeAccountButton"));
    for (QPushButton *b : {m_add, m_edit, m_remove})
        b->setAutoDefault(false);

    m_emptyHint = noteLabel(tr("No account yet. Add your mail account to be told the moment new mail arrives."), page);
    m_emptyHint->setObjectName(QStringLiteral("noAccountHint"));

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);

    auto *row = new QHBoxLayout;
    row->addWidget(m_accountList, 1);
    row->addLayout(buttons);

    auto *layout = new QVBoxLayout(page);
    layout->addLayout(row, 1);
    layout->addWidget(m_emptyHint);
    layout->addWidget(noteLabel(tr("Checked accounts are watched. Passwords are kept in the system keyring."), page));

    connect(m_add, &QPushButton::clicked, this, &SettingsDialog::addAccount);
    connect(m_edit, &QPushButton::clicked, this, &SettingsDialog::editAccount);
    connect(m_remove, &QPushButton::clicked, this, &SettingsDialog::removeAccount);
    connect(m_accountList, &QTreeWidget::itemSelectionChanged, this, &SettingsDialog::updateAccountButtons);
    connect(m_accountList, &QTreeWidget::itemDoubleClicked, this, [this] { editAccount(); });
    connect(m_accountList, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (column != 0)
            return;
        const int i = indexOf(item->data(0, IdRole).toString());
        if (i >= 0)
            m_accounts[i].enabled = item->checkState(0) == Qt::Checked;
    });
    return page;
}

QWidget *SettingsDialog::buildGeneralTab()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);

    auto *notifications = new QGroupBox(tr("Notifications"), page);
    auto *nl = new QVBoxLayout(notifications);
    m_notifications = new QCheckBox(tr("Show a &notification for new mail"), notifications);
    m_notifications->setObjectName(QStringLiteral("notificationsCheck"));
    m_hideContent = new QCheckBox(tr("&Hide sender and subject in notifications (privacy)"), notifications);
    m_hideContent->setObjectName(QStringLiteral("hideContentCheck"));
    m_groupThreshold = new QSpinBox(notifications);
    m_groupThreshold->setObjectName(QStringLiteral("groupThresholdSpin"));
    m_groupThreshold->setRange(core::Preferences::MinGroupThreshold, core::Preferences::MaxGroupThreshold);
    auto *groupLabel
        = new QLabel(tr("&Combine into one notification when more messages arrive at once than:"), notifications);
    groupLabel->setWordWrap(true);
    groupLabel->setBuddy(m_groupThreshold);
    auto *groupRow = new QHBoxLayout;
    groupRow->addWidget(groupLabel, 1);
    groupRow->addWidget(m_groupThreshold);
    nl->addWidget(m_notifications);
    nl->addWidget(m_hideContent);
    nl->addLayout(groupRow);
    layout->addWidget(notifications);

    auto *quiet = new QGroupBox(tr("Quiet hours"), page);
    auto *ql = new QVBoxLayout(quiet);
    m_quietHours = new QCheckBox(tr("&No popups"), quiet);
    m_quietHours->setObjectName(QStringLiteral("quietHoursCheck"));
    m_quietFrom = new QTimeEdit(quiet);
    m_quietFrom->setObjectName(QStringLiteral("quietFromEdit"));
    m_quietFrom->setDisplayFormat(QStringLiteral("HH:mm"));
    m_quietTo = new QTimeEdit(quiet);
    m_quietTo->setObjectName(QStringLiteral("quietToEdit"));
    m_quietTo->setDisplayFormat(QStringLiteral("HH:mm"));
    auto *fromLabel = new QLabel(tr("&from"), quiet);
    fromLabel->setBuddy(m_quietFrom);
    auto *toLabel = new QLabel(tr("&to"), quiet);
    toLabel->setBuddy(m_quietTo);
    auto *quietRow = new QHBoxLayout;
    quietRow->addWidget(m_quietHours);
    quietRow->addWidget(fromLabel);
    quietRow->addWidget(m_quietFrom);
    quietRow->addWidget(toLabel);
    quietRow->addWidget(m_quietTo);
    quietRow->addStretch(1);
    ql->addLayout(quietRow);
    ql->addWidget(noteLabel(tr("The quiet time may wrap past midnight (22:00 to 07:00). Meanwhile the unread "
                               "count in the tray stays live; popups wait and are summarised when the quiet "
                               "hours end."),
                            quiet));
    layout->addWidget(quiet);

    auto *session = new QGroupBox(tr("Startup"), page);
    auto *sl = new QVBoxLayout(session);
    m_startAtLogin = new QCheckBox(tr("&Start Idlebell when I log in"), session);
    m_startAtLogin->setObjectName(QStringLiteral("startAtLoginCheck"));
    sl->addWidget(m_startAtLogin);
    layout->addWidget(session);
    layout->addStretch(1);

    connect(m_notifications, &QCheckBox::toggled, this, &SettingsDialog::updateGeneral);
    connect(m_quietHours, &QCheckBox::toggled, this, &SettingsDialog::updateGeneral);
    return page;
}

void SettingsDialog::load()
{
    core::AccountStore::LoadResult loaded = m_store.load();
    m_accounts = loaded.accounts;
    m_savedIds.clear();
    for (const core::Account &a : std::as_const(m_accounts))
        m_savedIds << a.id;
    m_loadWarnings = loaded.warnings;

    if (!m_loadWarnings.isEmpty()) {
        QString text = tr("Some settings in %1 could not be used:").arg(m_path);
        for (const QString &w : std::as_const(m_loadWarnings))
            text += QStringLiteral("\n• ") + w;
        m_warnings->setText(text);
        m_warnings->show();
    }

    const core::Preferences &p = loaded.preferences;
    m_notifications->setChecked(p.notificationsEnabled);
    m_hideContent->setChecked(p.hideContent);
    m_groupThreshold->setValue(p.groupThreshold);
    m_quietHours->setChecked(p.quietHoursEnabled);
    m_quietFrom->setTime(p.quietFrom);
    m_quietTo->setTime(p.quietTo);
    m_startAtLogin->setChecked(p.startAtLogin);
    updateGeneral();
    refreshAccountList(m_accounts.isEmpty() ? QString() : m_accounts.first().id);
}

core::Preferences SettingsDialog::preferences() const
{
    core::Preferences p;
    p.notificationsEnabled = m_notifications->isChecked();
    p.hideContent = m_hideContent->isChecked();
    p.groupThreshold = m_groupThreshold->value();
    p.quietHoursEnabled = m_quietHours->isChecked();
    p.quietFrom = m_quietFrom->time();
    p.quietTo = m_quietTo->time();
    p.startAtLogin = m_startAtLogin->isChecked();
    return p;
}

void SettingsDialog::updateGeneral()
{
    const bool on = m_notifications->isChecked();
    m_hideContent->setEnabled(on);
    m_groupThreshold->setEnabled(on);
    m_quietHours->setEnabled(on);
    m_quietFrom->setEnabled(on && m_quietHours->isChecked());
    m_quietTo->setEnabled(on && m_quietHours->isChecked());
}

int SettingsDialog::indexOf(const QString &id) const
{
    for (int i = 0; i < m_accounts.size(); ++i)
        if (m_accounts.at(i).id == id)
            return i;
    return -1;
}

QString SettingsDialog::selectedId() const
{
    const QList<QTreeWidgetItem *> selected = m_accountList->selectedItems();
    return selected.isEmpty() ? QString() : selected.first()->data(0, IdRole).toString();
}

void SettingsDialog::refreshAccountList(const QString &selectId)
{
    const QSignalBlocker block(m_accountList);
    m_accountList->clear();
    const int icon = m_accountList->fontMetrics().height();
    m_accountList->setIconSize(QSize(icon, icon));
    QTreeWidgetItem *select = nullptr;
    for (const core::Account &a : std::as_const(m_accounts)) {
        auto *item = new QTreeWidgetItem(m_accountList);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setData(0, IdRole, a.id);
        item->setText(0, a.displayName());
        item->setIcon(0, swatch(a.color, icon));
        item->setCheckState(0, a.enabled ? Qt::Checked : Qt::Unchecked);
        item->setText(1, a.email);
        QString server = a.host;
        if (a.security == session::Security::None)
            server = tr("%1 (unencrypted)").arg(a.host);
        item->setText(2, server);
        item->setToolTip(0,
                         a.enabled ? tr("Watched. Uncheck to pause this account.")
                                   : tr("Not watched. Check to watch this account."));
        if (a.id == selectId)
            select = item;
    }
    for (int c = 0; c < 2; ++c)
        m_accountList->resizeColumnToContents(c);
    for (int c = 0; c < 2; ++c)
        m_accountList->setColumnWidth(c, std::max(m_accountList->columnWidth(c) + 16, 120));
    if (select)
        m_accountList->setCurrentItem(select);
    m_emptyHint->setVisible(m_accounts.isEmpty());
    updateAccountButtons();
}

void SettingsDialog::updateAccountButtons()
{
    const bool has = !selectedId().isEmpty();
    m_edit->setEnabled(has && !m_applying);
    m_remove->setEnabled(has && !m_applying);
    m_add->setEnabled(!m_applying);
}

void SettingsDialog::addAccount()
{
    core::Account a;
    a.clickAction = core::Account::ClickAction::None;
    openAccountDialog(a, true);
}

void SettingsDialog::editAccount()
{
    const int i = indexOf(selectedId());
    if (i < 0)
        return;
    const core::Account &a = m_accounts.at(i);
    openAccountDialog(a, !m_savedIds.contains(a.id));
}

void SettingsDialog::openAccountDialog(const core::Account &account, bool isNew)
{
    if (m_accountDialog || m_applying)
        return;
    auto *dialog = new AccountDialog(account, isNew, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSecretStore(m_secrets);
    if (m_transportFactory)
        dialog->setTransportFactory(m_transportFactory);
    const QString pending = m_newPasswords.value(account.id);
    if (!account.id.isEmpty() && !pending.isEmpty())
        dialog->setUnsavedPassword(pending);
    m_accountDialog = dialog;
    const bool adding = account.id.isEmpty();
    connect(dialog, &QDialog::finished, this, [this, dialog, adding](int result) {
        if (m_accountDialog == dialog)
            m_accountDialog = nullptr;
        if (result == QDialog::Accepted)
            onAccountDialogAccepted(dialog, adding);
    });
    dialog->open();
}

void SettingsDialog::onAccountDialogAccepted(AccountDialog *dialog, bool adding)
{
    core::Account a = dialog->account();
    const QString password = dialog->newPassword();
    if (adding) {
        QStringList taken = m_removedIds;
        for (const core::Account &other : std::as_const(m_accounts))
            taken << other.id;
        a.id = core::AccountStore::makeAccountId(a.name.isEmpty() ? a.email : a.name, taken);
        m_accounts.append(a);
    } else {
        const int i = indexOf(a.id);
        if (i < 0)
            return;
        m_accounts[i] = a;
    }
    if (!password.isEmpty())
        m_newPasswords.insert(a.id, password);
    refreshAccountList(a.id);
    if (m_messages->isVisible())
        showMessage(validationProblems().join(u'\n'), true);
}

void SettingsDialog::removeAccount()
{
    const QString id = selectedId();
    const int i = indexOf(id);
    if (i < 0 || m_question || m_applying)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Account"),
                                tr("Remove the account \"%1\"?").arg(m_accounts.at(i).displayName()),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("removeAccountQuestion"));
    box->setInformativeText(tr("Idlebell stops watching it and forgets its settings and stored password. "
                               "Your mail on the server is not touched."));
    box->button(QMessageBox::Yes)->setText(tr("&Remove"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_question = box;
    connect(box, &QMessageBox::finished, this, [this, box, id] {
        if (box->clickedButton() == box->button(QMessageBox::Yes)) {
            const int index = indexOf(id);
            if (index >= 0) {
                m_accounts.removeAt(index);
                m_newPasswords.remove(id);
                if (m_savedIds.contains(id) && !m_removedIds.contains(id))
                    m_removedIds << id;
                refreshAccountList(m_accounts.isEmpty() ? QString() : m_accounts.at(std::max(0, index - 1)).id);
            }
        }
        m_question = nullptr;
    });
    box->open();
}

QList<SettingsDialog::Problem> SettingsDialog::problems() const
{
    QList<Problem> out;
    for (const core::Account &a : m_accounts) {
        for (const QString &m : a.validate())
            out.append({tr("Account \"%1\": %2").arg(a.displayName(), m), m_accountList, a.id});
    }
    const core::Preferences p = preferences();
    for (const QString &m : p.validate()) {
        // Which field: check the quiet hours alone.
        core::Preferences quietOnly;
        quietOnly.quietHoursEnabled = p.quietHoursEnabled;
        quietOnly.quietFrom = p.quietFrom;
        quietOnly.quietTo = p.quietTo;
        QWidget *field = quietOnly.validate().contains(m) ? static_cast<QWidget *>(m_quietFrom)
                                                          : static_cast<QWidget *>(m_groupThreshold);
        out.append({m, field, QString()});
    }
    return out;
}

QStringList SettingsDialog::validationProblems() const
{
    QStringList out;
    for (const Problem &p : problems())
        out << p.message;
    return out;
}

void SettingsDialog::showMessage(const QString &text, bool error)
{
    QPalette pal = QApplication::palette(m_messages);
    if (error)
        pal.setColor(QPalette::WindowText, attentionColor(pal));
    m_messages->setPalette(pal);
    m_messages->setText(text);
    m_messages->setVisible(!text.isEmpty());
}

void SettingsDialog::clearHighlights()
{
    for (QWidget *w : {static_cast<QWidget *>(m_quietFrom), static_cast<QWidget *>(m_quietTo),
                       static_cast<QWidget *>(m_groupThreshold), static_cast<QWidget *>(m_accountList)}) {
        if (w->property("invalid").toBool()) {
            w->setProperty("invalid", false);
            w->setPalette(QPalette());
        }
    }
}

bool SettingsDialog::apply()
{
    if (m_applying || m_accountDialog)
        return false;
    clearHighlights();
    const QList<Problem> list = problems();
    if (!list.isEmpty()) {
        QStringList lines;
        for (const Problem &p : list)
            lines << p.message;
        showMessage(lines.join(u'\n'), true);
        const Problem &first = list.first();
        QList<QWidget *> fields{first.field};
        if (first.field == m_quietFrom)
            fields << m_quietTo;
        for (QWidget *field : fields) {
            QPalette pal = QApplication::palette(field);
            const QColor a = attentionColor(pal);
            const QColor b = pal.color(QPalette::Base);
            pal.setColor(QPalette::Base,
                         QColor::fromRgbF(b.redF() * 0.75 + a.redF() * 0.25, b.greenF() * 0.75 + a.greenF() * 0.25,
                                          b.blueF() * 0.75 + a.blueF() * 0.25));
            field->setPalette(pal);
            field->setProperty("invalid", true);
        }
        m_tabs->setCurrentIndex(first.field == m_accountList ? 0 : 1);
        if (!first.accountId.isEmpty())
            refreshAccountList(first.accountId);
        first.field->setFocus(Qt::OtherFocusReason);
        return false;
    }

    const core::Preferences prefs = preferences();
    QString error;
    if (!m_store.save(m_accounts, prefs, &error)) {
        showMessage(tr("The settings could not be saved: %1").arg(error), true);
        return false;
    }
    m_warnings->hide();
    m_loadWarnings.clear();

    QStringList notes;
    QString autostartError;
    if (!m_autostart.setEnabled(prefs.startAtLogin, &autostartError))
        notes << autostartError;

    m_savedIds.clear();
    for (const core::Account &a : std::as_const(m_accounts))
        m_savedIds << a.id;
    for (const QString &id : std::as_const(m_removedIds)) {
        if (!m_savedIds.contains(id))
            m_secrets->deletePassword(id);
    }
    m_removedIds.clear();

    m_applyAccounts = m_accounts;
    m_applyPreferences = prefs;
    m_changedPassword.clear();
    m_storing.clear();
    for (auto it = m_newPasswords.cbegin(); it != m_newPasswords.cend(); ++it) {
        if (m_savedIds.contains(it.key()))
            m_storing << it.key();
    }
    showMessage(notes.join(u'\n'), true);
    setApplying(true);
    if (m_storing.isEmpty()) {
        finishApplyIfDone();
    } else {
        if (notes.isEmpty())
            showMessage(tr("Storing the password in the keyring…"), false);
        const QStringList ids = m_storing;
        for (const QString &id : ids)
            m_secrets->storePassword(id, m_newPasswords.value(id));
    }
    return true;
}

void SettingsDialog::onPasswordStored(const QString &accountId)
{
    if (!m_applying || !m_storing.contains(accountId))
        return;
    m_storing.removeAll(accountId);
    m_newPasswords.remove(accountId);
    m_changedPassword << accountId;
    finishApplyIfDone();
}

void SettingsDialog::onPasswordStoreFailed(const QString &accountId, const QString &message)
{
    if (!m_applying || !m_storing.contains(accountId))
        return;
    m_questions.enqueue({accountId, message});
    askNextQuestion();
}

void SettingsDialog::askNextQuestion()
{
    if (m_question || m_questions.isEmpty())
        return;
    const auto [id, message] = m_questions.dequeue();
    const int i = indexOf(id);
    const QString name = i >= 0 ? m_accounts.at(i).displayName() : id;
    const QString question = m_secrets->keyringUnavailable()
        ? tr("No keyring is available: keep the password for this run only?")
        : tr("The password could not be stored in the keyring: keep it for this run only?");
    auto *box = new QMessageBox(QMessageBox::Question, tr("Password of %1").arg(name), question,
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("runOnlyQuestion"));
    box->setInformativeText(tr("%1\n\nIf you keep it for this run only, Idlebell forgets it when it quits and "
                               "asks for it again next time.")
                                .arg(message));
    box->setDefaultButton(QMessageBox::Yes);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_question = box;
    const QString accountId = id;
    connect(box, &QMessageBox::finished, this, [this, box, accountId] {
        const bool keep = box->clickedButton() == box->button(QMessageBox::Yes);
        m_question = nullptr;
        m_storing.removeAll(accountId);
        if (keep) {
            m_secrets->setRunOnlyPassword(accountId, m_newPasswords.take(accountId));
            m_changedPassword << accountId;
        } else {
            // Kept in the dialog: the next Apply tries the keyring again.
            const int i = indexOf(accountId);
            showMessage(
                tr("The password of \"%1\" was not stored.").arg(i >= 0 ? m_accounts.at(i).displayName() : accountId),
                true);
        }
        askNextQuestion();
        finishApplyIfDone();
    });
    box->open();
}

void SettingsDialog::finishApplyIfDone()
{
    if (!m_applying || !m_storing.isEmpty() || m_question || !m_questions.isEmpty())
        return;
    setApplying(false);
    if (m_messages->text() == tr("Storing the password in the keyring…"))
        showMessage(QString(), false);
    Q_EMIT applied(m_applyAccounts, m_applyPreferences, m_changedPassword);
    if (m_closeAfterApply) {
        m_closeAfterApply = false;
        QDialog::accept();
    }
}

void SettingsDialog::setApplying(bool applying)
{
    m_applying = applying;
    m_buttons->setEnabled(!applying);
    m_tabs->setEnabled(!applying);
    updateAccountButtons();
}

void SettingsDialog::accept()
{
    if (m_applying)
        return;
    m_closeAfterApply = true;
    if (!apply())
        m_closeAfterApply = false;
}

void SettingsDialog::reject()
{
    if (m_applying)
        return; // wait for the passwords
    QDialog::reject();
}

} // namespace ui
