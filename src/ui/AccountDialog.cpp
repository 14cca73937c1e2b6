#include "ui/AccountDialog.h"

#include "core/SecretStore.h"
#include "session/Clock.h"
#include "session/SslTransport.h"
#include "ui/Sanitize.h"

#include <QApplication>
#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

namespace ui {

namespace {

constexpr int PathRole = Qt::UserRole;
constexpr int SpecialUseRole = Qt::UserRole + 1;
constexpr int MissingRole = Qt::UserRole + 2;

AccountDialog::TransportFactory &defaultFactory()
{
    static AccountDialog::TransportFactory factory;
    return factory;
}

const QString Inbox = QStringLiteral("INBOX");

bool isInbox(const QString &path)
{
    return path.compare(Inbox, Qt::CaseInsensitive) == 0;
}

// Special-use folders (RFC 6154) that are not watched unless the user says so.
bool unwatchedByDefault(const QString &specialUse)
{
    static const QStringList roles{QStringLiteral("junk"),   QStringLiteral("trash"),   QStringLiteral("sent"),
                                   QStringLiteral("drafts"), QStringLiteral("archive"), QStringLiteral("all")};
    return roles.contains(specialUse);
}

QString roleName(const QString &specialUse)
{
    if (specialUse == QLatin1String("junk"))
        return AccountDialog::tr("junk mail");
    if (specialUse == QLatin1String("trash"))
        return AccountDialog::tr("trash");
    if (specialUse == QLatin1String("sent"))
        return AccountDialog::tr("sent mail");
    if (specialUse == QLatin1String("drafts"))
        return AccountDialog::tr("drafts");
    if (specialUse == QLatin1String("archive"))
        return AccountDialog::tr("archive");
    if (specialUse == QLatin1String("all"))
        return AccountDialog::tr("all mail");
    if (specialUse == QLatin1String("flagged"))
        return AccountDialog::tr("flagged mail");
    return specialUse;
}

// Attention red that stays readable on light and dark window colours.
QColor attentionColor(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
}

QColor successColor(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0x57, 0xe3, 0x89) : QColor(0x1a, 0x7f, 0x37);
}

QString sentence(const QString &text)
{
    QString s = text.trimmed();
    if (!s.isEmpty() && !s.endsWith(u'.') && !s.endsWith(u'!') && !s.endsWith(u'?') && !s.endsWith(u')'))
        s += u'.';
    return s;
}

// "aa:bb:..." in two lines of sixteen bytes, for a label.
QString twoLineFingerprint(const QByteArray &hex)
{
    const QString formatted = session::SslTransport::formatFingerprint(hex);
    const QStringList parts = formatted.split(u':');
    if (parts.size() <= 16)
        return formatted;
    return parts.mid(0, 16).join(u':') + QStringLiteral(":\n") + parts.mid(16).join(u':');
}

QString errorHeadline(session::SessionError::Kind kind)
{
    using Kind = session::SessionError::Kind;
    switch (kind) {
    case Kind::Network:
        return AccountDialog::tr("Could not connect.");
    case Kind::Timeout:
        return AccountDialog::tr("The server did not answer.");
    case Kind::Tls:
        return AccountDialog::tr("The secure connection failed.");
    case Kind::Certificate:
        return AccountDialog::tr("The server's certificate is not trusted.");
    case Kind::Security:
        return AccountDialog::tr("The connection is not safe.");
    case Kind::Authentication:
        return AccountDialog::tr("Login refused.");
    case Kind::Protocol:
        return AccountDialog::tr("The server answered in a way Idlebell does not understand.");
    case Kind::ServerUnavailable:
        return AccountDialog::tr("The server is not available now.");
    case Kind::Mailbox:
        return AccountDialog::tr("The folder cannot be opened.");
    case Kind::Configuration:
        return AccountDialog::tr("These settings cannot work.");
    }
    return AccountDialog::tr("The test failed.");
}

QIcon swatch(const QString &color, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(0, 0, 0, 90), 1));
    if (color.isEmpty()) {
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 3, 3);
        p.drawLine(QPointF(size - 3, 3), QPointF(3, size - 3));
    } else {
        p.setBrush(QColor(color));
        p.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), 3, 3);
    }
    return QIcon(pixmap);
}

QLabel *hintLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    // Grow with the form's field column (QFormLayout::ExpandingFieldsGrow).
    label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 0.9);
    label->setFont(f);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, pal.color(QPalette::PlaceholderText));
    label->setPalette(pal);
    return label;
}

} // namespace

void AccountDialog::setDefaultTransportFactory(TransportFactory factory)
{
    defaultFactory() = std::move(factory);
}

AccountDialog::AccountDialog(const core::Account &account, bool isNew, QWidget *parent)
    : QDialog(parent)
    , m_original(account)
    , m_isNew(isNew)
{
    setObjectName(QStringLiteral("accountDialog"));
    setWindowTitle(isNew ? tr("Add Mail Account") : tr("Edit Mail Account: %1").arg(account.displayName()));

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("accountTabs"));
    m_tabs->addTab(buildAccountTab(), tr("&Account"));
    m_tabs->addTab(buildFoldersTab(), tr("&Folders"));
    m_tabs->addTab(buildCheckingTab(), tr("&New Mail"));
    m_tabs->addTab(buildAdvancedTab(), tr("Ad&vanced"));

    // Test connection and its result.
    m_testButton = new QPushButton(tr("&Test Connection"), this);
    m_testButton->setObjectName(QStringLiteral("testConnectionButton"));
    m_testButton->setAutoDefault(false);
    m_resultIcon = new QLabel(this);
    m_resultIcon->setObjectName(QStringLiteral("testResultIcon"));
    m_resultIcon->setFixedSize(22, 22);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("testResultLabel"));
    m_result->setTextFormat(Qt::PlainText);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setText(tr("Check the settings with the server before you save them."));
    m_result->setMinimumHeight(m_result->fontMetrics().lineSpacing() * 2);

    auto *testGrid = new QGridLayout;
    testGrid->addWidget(m_testButton, 0, 0, Qt::AlignTop);
    testGrid->addWidget(m_resultIcon, 0, 1, Qt::AlignTop);
    testGrid->addWidget(m_result, 0, 2);
    testGrid->setColumnStretch(2, 1);

    // What to do with a certificate the system does not trust.
    m_certificateBox = new QWidget(this);
    m_certificateBox->setObjectName(QStringLiteral("certificateBox"));
    auto *certLayout = new QVBoxLayout(m_certificateBox);
    certLayout->setContentsMargins(0, 0, 0, 0);
    auto *fpTitle = new QLabel(tr("Certificate SHA-256 fingerprint:"), m_certificateBox);
    m_fingerprint = new QLabel(m_certificateBox);
    m_fingerprint->setObjectName(QStringLiteral("certificateFingerprintLabel"));
    m_fingerprint->setTextFormat(Qt::PlainText);
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *compare = new QLabel(tr("Compare it with the fingerprint your mail provider or server administrator "
                                  "publishes (on their website, or ask them) before you trust it. If the two "
                                  "differ, do not trust it: someone may be intercepting the connection."),
                               m_certificateBox);
    compare->setObjectName(QStringLiteral("certificateCompareLabel"));
    compare->setWordWrap(true);
    m_trustButton = new QPushButton(tr("T&rust This Certificate"), m_certificateBox);
    m_trustButton->setObjectName(QStringLiteral("trustCertificateButton"));
    m_trustButton->setAutoDefault(false);
    certLayout->addWidget(fpTitle);
    certLayout->addWidget(m_fingerprint);
    certLayout->addWidget(compare);
    auto *trustRow = new QHBoxLayout;
    trustRow->addWidget(m_trustButton);
    trustRow->addStretch(1);
    certLayout->addLayout(trustRow);
    m_certificateBox->hide();

    m_messages = new QLabel(this);
    m_messages->setObjectName(QStringLiteral("validationLabel"));
    m_messages->setTextFormat(Qt::PlainText);
    m_messages->setWordWrap(true);
    {
        QPalette pal = m_messages->palette();
        pal.setColor(QPalette::WindowText, attentionColor(pal));
        m_messages->setPalette(pal);
    }
    m_messages->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    testGrid->addWidget(m_certificateBox, 1, 2); // under the result it explains
    layout->addLayout(testGrid);
    layout->addWidget(m_messages);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &AccountDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AccountDialog::reject);
    connect(m_testButton, &QPushButton::clicked, this, [this] {
        if (m_probe)
            cancelProbe();
        else
            testConnection();
    });
    connect(m_trustButton, &QPushButton::clicked, this, &AccountDialog::trustCertificate);

    load(account);

    // After a refused OK, the message line follows the input.
    const auto revalidate = [this] {
        if (m_messages->isVisible())
            showProblems(problems(false));
    };
    for (QLineEdit *edit : findChildren<QLineEdit *>())
        connect(edit, &QLineEdit::textChanged, this, revalidate);
    for (QComboBox *combo : findChildren<QComboBox *>())
        connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, revalidate);
    connect(m_folders, &QListWidget::itemChanged, this, revalidate);

    setMinimumWidth(560);
}

AccountDialog::~AccountDialog()
{
    cancelProbe();
}

QWidget *AccountDialog::buildAccountTab()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_name = new QLineEdit(page);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. Work"));
    form->addRow(tr("&Name:"), m_name);

    m_email = new QLineEdit(page);
    m_email->setObjectName(QStringLiteral("emailEdit"));
    m_email->setPlaceholderText(tr("you@example.org"));
    form->addRow(tr("&Email address:"), m_email);

    m_host = new QLineEdit(page);
    m_host->setObjectName(QStringLiteral("hostEdit"));
    m_host->setPlaceholderText(tr("imap.example.org"));
    m_port = new QLineEdit(page);
    m_port->setObjectName(QStringLiteral("portEdit"));
    m_port->setMaxLength(6);
    m_port->setFixedWidth(m_port->fontMetrics().horizontalAdvance(QStringLiteral("000000")) + 16);
    m_port->setToolTip(tr("Leave empty to use the usual port for the security setting."));
    auto *portLabel = new QLabel(tr("&Port:"), page);
    portLabel->setBuddy(m_port);
    auto *hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(portLabel);
    hostRow->addWidget(m_port);
    auto *hostLabel = new QLabel(tr("IMAP &server:"), page);
    hostLabel->setBuddy(m_host);
    form->addRow(hostLabel, hostRow);

    m_security = new QComboBox(page);
    m_security->setObjectName(QStringLiteral("securityCombo"));
    m_security->addItem(tr("SSL/TLS (recommended)"), int(session::Security::Tls));
    m_security->addItem(tr("STARTTLS"), int(session::Security::StartTls));
    m_security->addItem(tr("None (unencrypted)"), int(session::Security::None));
    form->addRow(tr("S&ecurity:"), m_security);

    m_plaintextWarning = new QLabel(page);
    m_plaintextWarning->setObjectName(QStringLiteral("plaintextWarning"));
    m_plaintextWarning->setWordWrap(true);
    m_plaintextWarning->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_plaintextWarning->setTextFormat(Qt::PlainText);
    m_plaintextWarning->setText(
        tr("The password and your mail travel unencrypted: anyone on the network path can read them."));
    {
        QPalette pal = m_plaintextWarning->palette();
        pal.setColor(QPalette::WindowText, attentionColor(pal));
        m_plaintextWarning->setPalette(pal);
        QFont f = m_plaintextWarning->font();
        f.setBold(true);
        m_plaintextWarning->setFont(f);
    }
    form->addRow(QString(), m_plaintextWarning);

    m_username = new QLineEdit(page);
    m_username->setObjectName(QStringLiteral("usernameEdit"));
    form->addRow(tr("&User name:"), m_username);

    m_password = new QLineEdit(page);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    form->addRow(tr("Pass&word:"), m_password);
    m_passwordHint = hintLabel(tr("Stored in the system keyring, never in the settings file."), page);
    m_passwordHint->setObjectName(QStringLiteral("passwordHint"));
    form->addRow(QString(), m_passwordHint);

    connect(m_security, qOverload<int>(&QComboBox::currentIndexChanged), this, &AccountDialog::updateSecurity);
    connect(m_email, &QLineEdit::textChanged, this, &AccountDialog::updatePlaceholders);
    return page;
}

QWidget *AccountDialog::buildFoldersTab()
{
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);

    auto *intro = new QLabel(tr("Folders to &watch for new mail:"), page);
    layout->addWidget(intro);
    m_folders = new QListWidget(page);
    m_folders->setObjectName(QStringLiteral("folderList"));
    m_folders->setSelectionMode(QAbstractItemView::SingleSelection);
    intro->setBuddy(m_folders);
    layout->addWidget(m_folders, 1);

    layout->addWidget(hintLabel(tr("Junk, Trash, Sent, Drafts, Archive and All Mail are not watched unless you "
                                   "check them. Each watched folder uses one connection to the server."),
                                page));

    m_loadFolders = new QPushButton(tr("&Load Folders from Server"), page);
    m_loadFolders->setObjectName(QStringLiteral("loadFoldersButton"));
    m_loadFolders->setAutoDefault(false);
    m_addFolderEdit = new QLineEdit(page);
    m_addFolderEdit->setObjectName(QStringLiteral("addFolderEdit"));
    m_addFolderEdit->setPlaceholderText(tr("Folder name, e.g. Lists/Qt"));
    m_addFolderButton = new QPushButton(tr("A&dd"), page);
    m_addFolderButton->setObjectName(QStringLiteral("addFolderButton"));
    m_addFolderButton->setAutoDefault(false);
    m_addFolderButton->setEnabled(false);

    auto *row = new QHBoxLayout;
    row->addWidget(m_loadFolders);
    row->addSpacing(12);
    row->addWidget(m_addFolderEdit, 1);
    row->addWidget(m_addFolderButton);
    layout->addLayout(row);

    connect(m_loadFolders, &QPushButton::clicked, this, &AccountDialog::loadFolders);
    connect(m_addFolderButton, &QPushButton::clicked, this, &AccountDialog::addFolderFromEdit);
    connect(m_addFolderEdit, &QLineEdit::returnPressed, this, &AccountDialog::addFolderFromEdit);
    connect(m_addFolderEdit, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_addFolderButton->setEnabled(!text.trimmed().isEmpty()); });
    return page;
}

QWidget *AccountDialog::buildCheckingTab()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_mode = new QComboBox(page);
    m_mode->setObjectName(QStringLiteral("modeCombo"));
    m_mode->addItem(tr("Push: the server reports new mail at once (IDLE)"), true);
    m_mode->addItem(tr("Check at an interval (polling)"), false);
    form->addRow(tr("&How:"), m_mode);

    m_idleRefresh = new QSpinBox(page);
    m_idleRefresh->setObjectName(QStringLiteral("idleRefreshSpin"));
    m_idleRefresh->setRange(core::Account::MinIdleRefreshMinutes, core::Account::MaxIdleRefreshMinutes);
    m_idleRefresh->setSuffix(tr(" min"));
    m_idleRefresh->setToolTip(tr("Idlebell renews the push request this often, which also detects a dead "
                                 "connection. Servers end a push request after 30 minutes at the latest."));
    form->addRow(tr("&Renew push every:"), m_idleRefresh);

    m_pollInterval = new QSpinBox(page);
    m_pollInterval->setObjectName(QStringLiteral("pollIntervalSpin"));
    m_pollInterval->setRange(core::Account::MinPollIntervalMinutes, core::Account::MaxPollIntervalMinutes);
    m_pollInterval->setSuffix(tr(" min"));
    form->addRow(tr("Chec&k every:"), m_pollInterval);
    m_modeHint = hintLabel(QString(), page);
    m_modeHint->setObjectName(QStringLiteral("modeHint"));
    form->addRow(QString(), m_modeHint);

    m_clickAction = new QComboBox(page);
    m_clickAction->setObjectName(QStringLiteral("clickActionCombo"));
    m_clickAction->addItem(tr("Open webmail"), int(core::Account::ClickAction::Webmail));
    m_clickAction->addItem(tr("Start the mail client"), int(core::Account::ClickAction::Command));
    m_clickAction->addItem(tr("Nothing"), int(core::Account::ClickAction::None));
    form->addRow(tr("&Clicking a notification:"), m_clickAction);

    m_webmailUrl = new QLineEdit(page);
    m_webmailUrl->setObjectName(QStringLiteral("webmailUrlEdit"));
    m_webmailUrl->setPlaceholderText(tr("https://mail.example.org/"));
    form->addRow(tr("&Webmail address:"), m_webmailUrl);

    m_mailClientCommand = new QLineEdit(page);
    m_mailClientCommand->setObjectName(QStringLiteral("mailClientCommandEdit"));
    m_mailClientCommand->setPlaceholderText(tr("e.g. thunderbird"));
    m_mailClientCommand->setToolTip(tr("A program and its arguments; it is started without a shell."));
    form->addRow(tr("&Mail client command:"), m_mailClientCommand);

    m_colorButton = new QPushButton(page);
    m_colorButton->setObjectName(QStringLiteral("colorButton"));
    m_colorButton->setAutoDefault(false);
    m_colorReset = new QPushButton(tr("No Colo&r"), page);
    m_colorReset->setObjectName(QStringLiteral("colorResetButton"));
    m_colorReset->setAutoDefault(false);
    auto *colorRow = new QHBoxLayout;
    colorRow->addWidget(m_colorButton);
    colorRow->addWidget(m_colorReset);
    colorRow->addStretch(1);
    auto *colorLabel = new QLabel(tr("Co&lor:"), page);
    colorLabel->setBuddy(m_colorButton);
    form->addRow(colorLabel, colorRow);
    form->addRow(QString(), hintLabel(tr("Marks this account in the settings and the tray menu."), page));

    connect(m_mode, qOverload<int>(&QComboBox::currentIndexChanged), this, &AccountDialog::updateMode);
    connect(m_pollInterval, qOverload<int>(&QSpinBox::valueChanged), this, &AccountDialog::updateMode);
    connect(m_clickAction, qOverload<int>(&QComboBox::currentIndexChanged), this, &AccountDialog::updateClickAction);
    connect(m_colorButton, &QPushButton::clicked, this, &AccountDialog::chooseColor);
    connect(m_colorReset, &QPushButton::clicked, this, [this] {
        m_color.clear();
        updateColorButton();
    });
    return page;
}

QWidget *AccountDialog::buildAdvancedTab()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_passwordCommand = new QLineEdit(page);
    m_passwordCommand->setObjectName(QStringLiteral("passwordCommandEdit"));
    m_passwordCommand->setPlaceholderText(tr("e.g. pass show mail/work"));
    form->addRow(tr("Password &command:"), m_passwordCommand);
    form->addRow(QString(),
                 hintLabel(tr("Optional. Idlebell runs it without a shell and uses the first line it "
                              "prints as the password, instead of the keyring."),
                           page));

    m_caFile = new QLineEdit(page);
    m_caFile->setObjectName(QStringLiteral("caFileEdit"));
    m_caFile->setPlaceholderText(tr("None: the system's certificate authorities"));
    m_caBrowse = new QPushButton(tr("&Browse…"), page);
    m_caBrowse->setObjectName(QStringLiteral("caFileBrowseButton"));
    m_caBrowse->setAutoDefault(false);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_caBrowse);
    auto *caLabel = new QLabel(tr("E&xtra CA certificate:"), page);
    caLabel->setBuddy(m_caFile);
    form->addRow(caLabel, caRow);
    form->addRow(QString(),
                 hintLabel(tr("A PEM file with the certificate authority of a self-hosted server, "
                              "trusted for this account besides the system's."),
                           page));

    m_pinnedEdit = new QLineEdit(page);
    m_pinnedEdit->setObjectName(QStringLiteral("pinnedFingerprintEdit"));
    m_pinnedEdit->setReadOnly(true);
    m_pinnedEdit->setPlaceholderText(tr("None"));
    m_pinnedEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pinnedEdit->setCursorPosition(0);
    m_forgetPin = new QPushButton(tr("&Forget"), page);
    m_forgetPin->setObjectName(QStringLiteral("forgetPinButton"));
    m_forgetPin->setAutoDefault(false);
    auto *pinRow = new QHBoxLayout;
    pinRow->addWidget(m_pinnedEdit, 1);
    pinRow->addWidget(m_forgetPin);
    auto *pinLabel = new QLabel(tr("&Trusted certificate:"), page);
    pinLabel->setBuddy(m_pinnedEdit);
    form->addRow(pinLabel, pinRow);
    form->addRow(QString(),
                 hintLabel(tr("The SHA-256 fingerprint of a certificate you trusted with \"Test "
                              "Connection\". Only exactly this certificate is accepted."),
                           page));

    connect(m_caBrowse, &QPushButton::clicked, this, &AccountDialog::chooseCaFile);
    connect(m_forgetPin, &QPushButton::clicked, this, [this] {
        m_pinned.clear();
        updatePinned();
    });
    connect(m_passwordCommand, &QLineEdit::textChanged, this, &AccountDialog::updatePlaceholders);
    return page;
}

void AccountDialog::load(const core::Account &account)
{
    m_name->setText(account.name);
    m_email->setText(account.email);
    m_host->setText(account.host);
    m_port->setText(account.port > 0 ? QString::number(account.port) : QString());
    m_security->setCurrentIndex(m_security->findData(int(account.security)));
    m_username->setText(account.username);
    m_passwordCommand->setText(account.passwordCommand);

    m_folders->clear();
    bool inboxListed = false;
    for (const QString &mailbox : account.mailboxes) {
        if (findFolder(mailbox))
            continue;
        addFolder(mailbox, QString(), true);
        inboxListed = inboxListed || isInbox(mailbox);
    }
    if (!inboxListed) {
        QListWidgetItem *inbox = addFolder(Inbox, QString(), false);
        m_folders->takeItem(m_folders->row(inbox));
        m_folders->insertItem(0, inbox);
    }

    m_mode->setCurrentIndex(account.useIdle ? 0 : 1);
    m_idleRefresh->setValue(account.idleRefreshMinutes);
    m_pollInterval->setValue(account.pollIntervalMinutes);
    m_clickAction->setCurrentIndex(m_clickAction->findData(int(account.clickAction)));
    m_webmailUrl->setText(account.webmailUrl);
    m_mailClientCommand->setText(account.mailClientCommand);
    m_color = core::Account::isValidColor(account.color) ? account.color.toLower() : QString();
    m_caFile->setText(account.caFile);
    m_pinned = account.pinnedSha256;

    updateSecurity();
    updatePlaceholders();
    updateMode();
    updateClickAction();
    updateColorButton();
    updatePinned();
}

core::Account AccountDialog::account() const
{
    core::Account a = m_original;
    a.name = m_name->text().trimmed();
    a.email = m_email->text().trimmed();
    a.host = m_host->text().trimmed();
    const QString portText = m_port->text().trimmed();
    if (portText.isEmpty()) {
        a.port = 0;
    } else {
        bool ok = false;
        const int port = portText.toInt(&ok);
        a.port = ok ? port : -1;
    }
    a.security = session::Security(m_security->currentData().toInt());
    a.username = m_username->text().trimmed();
    a.passwordCommand = m_passwordCommand->text().trimmed();
    a.mailboxes.clear();
    for (int i = 0; i < m_folders->count(); ++i) {
        const QListWidgetItem *item = m_folders->item(i);
        if (item->checkState() == Qt::Checked)
            a.mailboxes << item->data(PathRole).toString();
    }
    a.useIdle = m_mode->currentData().toBool();
    a.idleRefreshMinutes = m_idleRefresh->value();
    a.pollIntervalMinutes = m_pollInterval->value();
    a.clickAction = core::Account::ClickAction(m_clickAction->currentData().toInt());
    a.webmailUrl = m_webmailUrl->text().trimmed();
    a.mailClientCommand = m_mailClientCommand->text().trimmed();
    a.color = m_color;
    a.caFile = m_caFile->text().trimmed();
    a.pinnedSha256 = m_pinned;
    return a;
}

QString AccountDialog::newPassword() const
{
    return m_password->text();
}

QStringList AccountDialog::validationProblems() const
{
    QStringList out;
    for (const Problem &p : problems(false))
        out << p.message;
    return out;
}

// Account::validate() says what is wrong but not where. Each field is checked
// on its own by putting it into an account that is valid otherwise; whatever
// validate() then reports belongs to that field. A last full validate()
// catches anything the fields do not explain.
QList<AccountDialog::Problem> AccountDialog::problems(bool forProbe) const
{
    const core::Account a = account();
    core::Account base;
    base.id = QStringLiteral("x");
    base.host = QStringLiteral("imap.example.org");
    base.username = QStringLiteral("user");

    QList<Problem> out;
    QStringList seen;
    const auto check = [&](const core::Account &probe, QWidget *field) {
        const QStringList messages = probe.validate();
        for (const QString &m : messages) {
            if (!seen.contains(m)) {
                seen << m;
                out.append({m, field});
            }
        }
        return messages.isEmpty();
    };

    core::Account t = base;
    t.host = a.host;
    check(t, m_host);

    const QString portText = m_port->text().trimmed();
    if (!portText.isEmpty() && (a.port < 1 || a.port > 65535)) {
        const QString m = tr("The port \"%1\" is not a number from 1 to 65535. Leave it empty to use %2.")
                              .arg(portText)
                              .arg(core::Account::defaultPort(a.security));
        out.append({m, m_port});
        seen << core::Account::tr("The port %1 is out of range (1 to 65535).").arg(a.port);
    }

    t = base;
    t.email = a.email;
    const bool emailOk = check(t, m_email);
    if (emailOk) {
        t = base;
        t.email = a.email;
        t.username = a.username;
        check(t, m_username);
    }

    t = base;
    t.passwordCommand = a.passwordCommand;
    check(t, m_passwordCommand);

    t = base;
    t.caFile = a.caFile;
    check(t, m_caFile);

    t = base;
    t.pinnedSha256 = a.pinnedSha256;
    check(t, m_pinnedEdit);

    const bool hasPassword
        = !m_password->text().isEmpty() || !m_unsavedPassword.isEmpty() || !a.passwordCommand.isEmpty() || !m_isNew;
    if (!hasPassword) {
        out.append({tr("Enter the password (or set a password command under Advanced)."), m_password});
    }

    if (!forProbe) {
        t = base;
        t.mailboxes = a.mailboxes;
        check(t, m_folders);

        t = base;
        t.useIdle = a.useIdle;
        t.idleRefreshMinutes = a.idleRefreshMinutes;
        check(t, m_idleRefresh);
        t = base;
        t.pollIntervalMinutes = a.pollIntervalMinutes;
        check(t, m_pollInterval);

        t = base;
        t.clickAction = a.clickAction;
        t.webmailUrl = a.webmailUrl;
        t.mailClientCommand = a.mailClientCommand;
        if (a.clickAction == core::Account::ClickAction::Command) {
            check(t, m_mailClientCommand);
        } else {
            t.mailClientCommand.clear();
            check(t, m_webmailUrl);
        }

        t = base;
        t.color = a.color;
        check(t, m_colorButton);

        core::Account whole = a;
        if (whole.id.isEmpty())
            whole.id = QStringLiteral("new");
        check(whole, nullptr);
    }
    return out;
}

void AccountDialog::setInvalid(QWidget *field, bool invalid)
{
    if (!field)
        return;
    field->setProperty("invalid", invalid);
    if (invalid) {
        QPalette pal = QApplication::palette(field);
        const QColor attention = attentionColor(pal);
        const QColor base = pal.color(QPalette::Base);
        const QColor tint = QColor::fromRgbF(base.redF() * 0.75 + attention.redF() * 0.25,
                                             base.greenF() * 0.75 + attention.greenF() * 0.25,
                                             base.blueF() * 0.75 + attention.blueF() * 0.25);
        pal.setColor(QPalette::Base, tint);
        pal.setColor(QPalette::Button, tint);
        field->setPalette(pal);
    } else {
        field->setPalette(QPalette());
    }
}

void AccountDialog::clearProblems()
{
    for (QWidget *w : findChildren<QWidget *>()) {
        if (w->property("invalid").toBool())
            setInvalid(w, false);
    }
    m_messages->clear();
    m_messages->hide();
}

void AccountDialog::showProblems(const QList<Problem> &list)
{
    clearProblems();
    if (list.isEmpty())
        return;
    QStringList lines;
    for (const Problem &p : list) {
        lines << p.message;
        setInvalid(p.field, true);
    }
    m_messages->setText(lines.join(u'\n'));
    m_messages->show();
}

void AccountDialog::accept()
{
    const QList<Problem> list = problems(false);
    if (!list.isEmpty()) {
        showProblems(list);
        // Show the first offending field.
        for (const Problem &p : list) {
            if (!p.field)
                continue;
            for (int i = 0; i < m_tabs->count(); ++i) {
                if (m_tabs->widget(i)->isAncestorOf(p.field)) {
                    m_tabs->setCurrentIndex(i);
                    break;
                }
            }
            p.field->setFocus(Qt::OtherFocusReason);
            break;
        }
        return;
    }
    clearProblems();
    cancelProbe();
    QDialog::accept();
}

void AccountDialog::done(int result)
{
    cancelProbe();
    QDialog::done(result);
}

void AccountDialog::updateSecurity()
{
    const auto security = session::Security(m_security->currentData().toInt());
    m_plaintextWarning->setVisible(security == session::Security::None);
    m_port->setPlaceholderText(QString::number(core::Account::defaultPort(security)));
}

void AccountDialog::updatePlaceholders()
{
    const QString email = m_email->text().trimmed();
    m_username->setPlaceholderText(email.isEmpty() ? tr("Your login name") : email);
    if (!m_passwordCommand->text().trimmed().isEmpty())
        m_password->setPlaceholderText(tr("Not needed: the password command gives it"));
    else if (!m_isNew || !m_unsavedPassword.isEmpty())
        m_password->setPlaceholderText(tr("Leave empty to keep the stored password"));
    else
        m_password->setPlaceholderText(QString());
}

void AccountDialog::updateMode()
{
    const bool idle = m_mode->currentData().toBool();
    m_idleRefresh->setEnabled(idle);
    const int n = m_pollInterval->value();
    if (idle)
        m_modeHint->setText(
            n == 1 ? tr("If the server cannot push new mail, Idlebell checks every minute.")
                   : tr("If the server cannot push new mail, Idlebell checks every %n minutes.", nullptr, n));
    else
        m_modeHint->setText(tr("Mail arrives late by up to the interval. Push is better when the server offers it."));
}

void AccountDialog::updateClickAction()
{
    const auto action = core::Account::ClickAction(m_clickAction->currentData().toInt());
    m_webmailUrl->setEnabled(action == core::Account::ClickAction::Webmail);
    m_mailClientCommand->setEnabled(action == core::Account::ClickAction::Command);
}

void AccountDialog::updateColorButton()
{
    const int size = m_colorButton->fontMetrics().height();
    m_colorButton->setIconSize(QSize(size, size));
    m_colorButton->setIcon(swatch(m_color, size));
    m_colorButton->setText(m_color.isEmpty() ? tr("Choose…") : m_color);
    m_colorReset->setEnabled(!m_color.isEmpty());
}

void AccountDialog::updatePinned()
{
    m_pinnedEdit->setText(m_pinned.isEmpty() ? QString() : session::SslTransport::formatFingerprint(m_pinned));
    m_pinnedEdit->setCursorPosition(0);
    m_pinnedEdit->setToolTip(m_pinnedEdit->text());
    m_forgetPin->setEnabled(!m_pinned.isEmpty());
}

void AccountDialog::chooseColor()
{
    auto *dialog = new QColorDialog(m_color.isEmpty() ? QColor(0x35, 0x84, 0xe4) : QColor(m_color), this);
    dialog->setObjectName(QStringLiteral("colorDialog"));
    dialog->setWindowTitle(tr("Account Color"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QColorDialog::colorSelected, this, [this](const QColor &color) {
        if (!color.isValid())
            return;
        m_color = color.name(QColor::HexRgb).toLower();
        updateColorButton();
    });
    dialog->open();
}

void AccountDialog::chooseCaFile()
{
    const QString current = m_caFile->text().trimmed();
    auto *dialog = new QFileDialog(this, tr("Extra CA Certificate"),
                                   current.isEmpty() ? QString() : QFileInfo(current).absolutePath(),
                                   tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
    dialog->setObjectName(QStringLiteral("caFileDialog"));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    dialog->open();
}

QListWidgetItem *AccountDialog::findFolder(const QString &path) const
{
    for (int i = 0; i < m_folders->count(); ++i) {
        QListWidgetItem *item = m_folders->item(i);
        const QString p = item->data(PathRole).toString();
        if (p == path || (isInbox(p) && isInbox(path)))
            return item;
    }
    return nullptr;
}

QListWidgetItem *AccountDialog::addFolder(const QString &path, const QString &specialUse, bool checked)
{
    auto *item = new QListWidgetItem(m_folders);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    item->setData(PathRole, path);
    item->setData(SpecialUseRole, specialUse);
    item->setData(MissingRole, false);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    QString text = isInbox(path) ? Inbox : path;
    if (!specialUse.isEmpty()) {
        text = tr("%1 (%2)").arg(path, roleName(specialUse));
        if (unwatchedByDefault(specialUse)) {
            item->setToolTip(tr("A special folder for %1: not watched unless you check it.").arg(roleName(specialUse)));
        }
    }
    item->setText(text);
    return item;
}

void AccountDialog::addFolderFromEdit()
{
    const QString name = m_addFolderEdit->text().trimmed();
    if (name.isEmpty())
        return;
    QListWidgetItem *item = findFolder(name);
    if (!item)
        item = addFolder(name, QString(), true);
    item->setCheckState(Qt::Checked);
    m_folders->setCurrentItem(item);
    m_folders->scrollToItem(item);
    m_addFolderEdit->clear();
}

void AccountDialog::mergeFolders(const QList<session::ProbeResult::Folder> &folders)
{
    QHash<QString, bool> checked; // what the user has now
    QStringList order;
    for (int i = 0; i < m_folders->count(); ++i) {
        const QListWidgetItem *item = m_folders->item(i);
        const QString path = item->data(PathRole).toString();
        checked.insert(isInbox(path) ? Inbox : path, item->checkState() == Qt::Checked);
        order << (isInbox(path) ? Inbox : path);
    }
    const bool hadInbox = checked.value(Inbox, false);

    QSignalBlocker block(m_folders);
    m_folders->clear();
    QStringList listed;
    for (const auto &folder : folders) {
        if (!folder.selectable)
            continue;
        const QString path = isInbox(folder.path) ? Inbox : folder.path;
        if (listed.contains(path))
            continue;
        listed << path;
        bool on = false;
        if (checked.contains(path))
            on = checked.value(path);
        else if (path == Inbox)
            on = hadInbox || order.isEmpty();
        addFolder(path, folder.specialUse, on);
    }
    // What the user typed or watched before but the server did not list.
    for (const QString &path : std::as_const(order)) {
        if (listed.contains(path))
            continue;
        QListWidgetItem *item = addFolder(path, QString(), checked.value(path));
        item->setData(MissingRole, true);
        item->setText(tr("%1 (not found on the server)").arg(item->text()));
        item->setToolTip(tr("The server did not list this folder."));
    }
    block.unblock();
    if (m_messages->isVisible())
        showProblems(problems(false));
}

void AccountDialog::setBusy(bool busy, const QString &text)
{
    m_testButton->setText(busy ? tr("S&top Test") : tr("&Test Connection"));
    m_loadFolders->setEnabled(!busy);
    if (busy) {
        m_resultIcon->setPixmap(style()->standardIcon(QStyle::SP_BrowserReload).pixmap(20, 20));
        m_result->setPalette(QPalette());
        m_result->setText(text.isEmpty() ? tr("Testing…") : text);
        m_certificateBox->hide();
    }
}

void AccountDialog::testConnection()
{
    startProbe(false);
}

void AccountDialog::loadFolders()
{
    startProbe(true);
}

void AccountDialog::startProbe(bool folders)
{
    cancelProbe();
    m_probeForFolders = folders;
    const QList<Problem> list = problems(true);
    if (!list.isEmpty()) {
        showProblems(list);
        m_resultIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(20, 20));
        m_result->setText(tr("Fix the settings below first."));
        return;
    }
    clearProblems();

    QString typed = m_password->text();
    if (typed.isEmpty())
        typed = m_unsavedPassword;
    if (!typed.isEmpty()) {
        runProbe(typed);
        return;
    }

    // The password from where the account gets it: a run-only password in the
    // app's store, the password command, or the keyring.
    core::Account a = account();
    if (a.id.isEmpty())
        a.id = QStringLiteral("new-account");
    core::SecretStore *store = nullptr;
    if (m_secrets && a.passwordCommand == m_original.passwordCommand && m_secrets->hasRunOnlyPassword(a.id)) {
        store = m_secrets;
    } else {
        if (!m_ownSecrets)
            m_ownSecrets = new core::SecretStore(this);
        store = m_ownSecrets;
    }
    const QString id = a.id;
    setBusy(true,
            a.passwordCommand.isEmpty() ? tr("Reading the password from the keyring…")
                                        : tr("Running the password command…"));
    m_passwordConnections[0] = connect(store, &core::SecretStore::passwordReady, this,
                                       [this, id](const QString &accountId, const QString &pw) {
                                           if (accountId != id)
                                               return;
                                           disconnect(m_passwordConnections[0]);
                                           disconnect(m_passwordConnections[1]);
                                           runProbe(pw);
                                       });
    m_passwordConnections[1] = connect(store, &core::SecretStore::passwordFailed, this,
                                       [this, id](const QString &accountId, const QString &message) {
                                           if (accountId != id)
                                               return;
                                           disconnect(m_passwordConnections[0]);
                                           disconnect(m_passwordConnections[1]);
                                           session::ProbeResult r;
                                           r.error.kind = session::SessionError::Kind::Configuration;
                                           r.error.message = message;
                                           onProbeFinished(r);
                                       });
    store->requestPassword(a);
}

void AccountDialog::runProbe(const QString &password)
{
    const core::Account a = account();
    session::SessionConfig config = a.sessionConfig(Inbox, password);
    config.connectTimeout = std::chrono::milliseconds(20000);
    config.commandTimeout = std::chrono::milliseconds(30000);
    config.clientName = QStringLiteral("test/%1").arg(a.id.isEmpty() ? a.host : a.id);

    std::unique_ptr<session::Transport> transport;
    if (m_transportFactory)
        transport = m_transportFactory();
    else if (defaultFactory())
        transport = defaultFactory()();
    if (!transport)
        transport = std::make_unique<session::SslTransport>();

    auto *probe
        = new session::ConnectionProbe(config, std::move(transport), m_clock ? m_clock : session::systemClock(), this);
    m_probe = probe;
    setBusy(true, tr("Connecting to %1…").arg(a.host));
    connect(probe, &session::ConnectionProbe::progress, this, [this](const QString &step) {
        if (m_probe)
            m_result->setText(sanitizeLine(step, 200));
    });
    connect(probe, &session::ConnectionProbe::finished, this, [this, probe](const session::ProbeResult &result) {
        if (m_probe != probe)
            return;
        m_probe = nullptr;
        probe->deleteLater();
        onProbeFinished(result);
    });
    probe->start();
}

void AccountDialog::cancelProbe()
{
    disconnect(m_passwordConnections[0]);
    disconnect(m_passwordConnections[1]);
    if (m_probe) {
        session::ConnectionProbe *probe = m_probe;
        m_probe = nullptr;
        probe->cancel();
        probe->deleteLater();
        if (m_testButton) {
            setBusy(false);
            m_resultIcon->clear();
            m_result->setText(tr("The test was stopped."));
        }
    } else if (m_testButton && m_testButton->text() != tr("&Test Connection")) {
        setBusy(false); // waiting for a password
        m_resultIcon->clear();
        m_result->setText(tr("The test was stopped."));
    }
}

void AccountDialog::onProbeFinished(const session::ProbeResult &result)
{
    setBusy(false);
    m_lastResult = result;
    m_hasResult = true;
    showResult(result);
    if (result.ok) {
        mergeFolders(result.folders);
        if (m_probeForFolders)
            m_tabs->setCurrentIndex(1);
    }
    Q_EMIT probeFinished(result);
}

void AccountDialog::showResult(const session::ProbeResult &result)
{
    const int iconSize = 20;
    QPalette pal = m_result->palette();
    if (result.ok) {
        const bool useIdle = m_mode->currentData().toBool();
        const int n = m_pollInterval->value();
        QString text;
        if (result.idle) {
            text = tr("Connected. The server pushes new mail (IDLE).");
            if (!useIdle)
                text += u' '
                    + (n == 1 ? tr("This account is set to check every minute instead.")
                              : tr("This account is set to check every %n minutes instead.", nullptr, n));
        } else {
            text = n == 1 ? tr("Connected, but the server cannot push new mail: Idlebell will check every minute.")
                          : tr("Connected, but the server cannot push new mail: Idlebell will check every %n "
                               "minutes.",
                               nullptr, n);
        }
        int folders = 0;
        for (const auto &f : result.folders)
            folders += f.selectable ? 1 : 0;
        if (folders > 0)
            text += u' ' + (folders == 1 ? tr("It has 1 folder.") : tr("It has %n folders.", nullptr, folders));
        m_resultIcon->setPixmap(style()->standardIcon(QStyle::SP_DialogApplyButton).pixmap(iconSize, iconSize));
        pal.setColor(QPalette::WindowText, successColor(pal));
        m_result->setPalette(pal);
        m_result->setText(text);
        m_certificateBox->hide();
        m_offeredPin.clear();
        return;
    }

    m_resultIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(iconSize, iconSize));
    pal.setColor(QPalette::WindowText, attentionColor(pal));
    m_result->setPalette(pal);
    QByteArray sha = result.error.certificateSha256;
    if (sha.isEmpty() && result.error.kind == session::SessionError::Kind::Certificate)
        sha = result.certificateSha256;
    bool ok = false;
    sha = core::Account::normalizeSha256(QString::fromLatin1(sha), &ok);
    const bool offerTrust = result.error.kind == session::SessionError::Kind::Certificate && ok && !sha.isEmpty();

    QString message = sanitizeLine(result.error.message, 600);
    if (offerTrust) {
        // The fingerprint is shown below, in full: drop the sentence that repeats it.
        const QString formatted = session::SslTransport::formatFingerprint(sha);
        qsizetype at = message.indexOf(formatted, 0, Qt::CaseInsensitive);
        if (at < 0)
            at = message.indexOf(QString::fromLatin1(sha), 0, Qt::CaseInsensitive);
        if (at > 0) {
            const qsizetype stop = message.lastIndexOf(QStringLiteral(". "), at);
            message = stop > 0 ? message.left(stop + 1) : message.left(at).trimmed();
        }
    }
    message = sentence(message);
    QString headline = errorHeadline(result.error.kind);
    // "Login refused." before "The server refused the login ...", but not
    // "The server's certificate is not trusted." before "The server's certificate is not trusted: ...".
    if (message.startsWith(headline.chopped(1), Qt::CaseInsensitive))
        headline.clear();
    m_result->setText(headline.isEmpty() ? message : headline + u' ' + message);

    if (offerTrust) {
        m_offeredPin = sha;
        m_fingerprint->setText(twoLineFingerprint(sha));
        m_trustButton->setEnabled(sha != m_pinned);
        m_certificateBox->show();
        growToFit();
    } else {
        m_offeredPin.clear();
        m_certificateBox->hide();
    }
}

void AccountDialog::growToFit()
{
    // The certificate box adds height: grow rather than squeeze the tabs.
    if (QLayout *l = layout()) {
        l->activate();
        const int needed = l->totalHeightForWidth(width());
        const int height = needed > 0 ? needed : sizeHint().height();
        if (height > this->height())
            resize(width(), height);
    }
}

void AccountDialog::trustCertificate()
{
    if (m_offeredPin.isEmpty())
        return;
    m_pinned = m_offeredPin;
    m_offeredPin.clear();
    updatePinned();
    m_certificateBox->hide();
    // Show that it works now.
    startProbe(m_probeForFolders);
}

} // namespace ui
