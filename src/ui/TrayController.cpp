#include "ui/TrayController.h"

#include "session/Clock.h"
#include "session/ImapSession.h"
#include "ui/ClickAction.h"
#include "ui/Logging.h"
#include "ui/Sanitize.h"

#include <QAction>
#include <QApplication>
#include <QCursor>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QRegularExpression>
#include <QStyle>

namespace ui {

namespace {

constexpr int NameLength = 40;    // an account name in the menu and tooltip
constexpr int ReasonLength = 160; // a server's or a password command's reason
constexpr int MorningHour = 8;    // "until tomorrow morning"
constexpr int NightEndsHour = 5;  // before this, "tomorrow morning" is today's

// Hours and minutes in the user's format: the C locale's short format has
// seconds, which a mute end or a quiet-hours end does not need.
QString shortTime(const QTime &time)
{
    const QLocale locale;
    QString format = locale.timeFormat(QLocale::ShortFormat);
    static const QRegularExpression seconds(QStringLiteral("[:.]ss?"));
    format.remove(seconds);
    return locale.toString(time, format);
}

// A round swatch of an account's colour for its menu entry; none without one.
QIcon colorDot(const QString &color)
{
    if (!core::Account::isValidColor(color))
        return {};
    QIcon icon;
    for (int size : {16, 22, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QColor fill(color);
        painter.setPen(QPen(fill.darker(140), std::max(1.0, size / 16.0)));
        painter.setBrush(fill);
        const qreal margin = size * 0.22;
        painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

// Menu texts treat '&' as a mnemonic marker.
QString menuText(const QString &text)
{
    QString out = text;
    return out.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

} // namespace

TrayController::TrayController(core::Monitor *monitor, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_clock(session::systemClock())
{
    m_tray = new QSystemTrayIcon(this);
    m_tray->setObjectName(QStringLiteral("tray"));
    buildMenu();
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, &TrayController::activate);

    connect(m_monitor, &core::Monitor::stateChanged, this, &TrayController::refresh);
    connect(m_monitor, &core::Monitor::errorOccurred, this, &TrayController::refresh);
    connect(m_monitor, &core::Monitor::passwordFailed, this, &TrayController::refresh);
    connect(m_monitor, &core::Monitor::unreadChanged, this, &TrayController::refresh);
    connect(m_monitor, &core::Monitor::newMail, this, &TrayController::refresh);
    connect(m_monitor, &core::Monitor::accountsChanged, this, &TrayController::refresh);
    refresh();
}

TrayController::~TrayController()
{
    m_tray->setContextMenu(nullptr);
    delete m_menu; // a widget: not a child of this QObject
}

void TrayController::setClock(session::Clock *clock)
{
    m_clock = clock ? clock : session::systemClock();
    refresh();
}

void TrayController::show()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        qCInfo(lcUi) << "no system tray yet; the icon shows as soon as one appears";
    m_tray->show();
}

void TrayController::setSilence(const Silence &silence)
{
    m_silence = silence;
    refresh();
}

// --- Menu -------------------------------------------------------------------

void TrayController::buildMenu()
{
    m_menu = new QMenu();
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_menu->setToolTipsVisible(true);

    m_noAccount = m_menu->addAction(tr("No account yet"));
    m_noAccount->setObjectName(QStringLiteral("noAccount"));
    m_noAccount->setEnabled(false);
    m_accountsSeparator = m_menu->addSeparator();

    m_muteMenu = m_menu->addMenu(tr("Mute for…"));
    m_muteMenu->setObjectName(QStringLiteral("muteMenu"));
    m_muteMenu->menuAction()->setObjectName(QStringLiteral("mute"));
    const struct
    {
        const char *name;
        QString text;
        MuteSpan span;
    } spans[] = {
        {"mute-1h", tr("1 hour"), MuteSpan::OneHour},
        {"mute-4h", tr("4 hours"), MuteSpan::FourHours},
        {"mute-morning", tr("Until tomorrow morning (%1)").arg(shortTime(QTime(MorningHour, 0))),
         MuteSpan::TomorrowMorning},
        {"mute-forever", tr("Until I unmute"), MuteSpan::UntilUnmuted},
    };
    for (const auto &s : spans) {
        QAction *a = m_muteMenu->addAction(s.text);
        a->setObjectName(QString::fromLatin1(s.name));
        const MuteSpan span = s.span;
        connect(a, &QAction::triggered, this, [this, span] { Q_EMIT muteRequested(span); });
    }
    m_unmute = m_menu->addAction(tr("Unmute"));
    m_unmute->setObjectName(QStringLiteral("unmute"));
    connect(m_unmute, &QAction::triggered, this, &TrayController::unmuteRequested);

    m_checkAll = m_menu->addAction(tr("Check all now"));
    m_checkAll->setObjectName(QStringLiteral("checkAll"));
    connect(m_checkAll, &QAction::triggered, this, [this] { checkNow(); });
    QAction *settings = m_menu->addAction(tr("Settings…"));
    settings->setObjectName(QStringLiteral("settings"));
    connect(settings, &QAction::triggered, this, &TrayController::settingsRequested);
    QAction *about = m_menu->addAction(tr("About Idlebell"));
    about->setObjectName(QStringLiteral("about"));
    connect(about, &QAction::triggered, this, &TrayController::aboutRequested);
    m_menu->addSeparator();
    QAction *quit = m_menu->addAction(tr("Quit"));
    quit->setObjectName(QStringLiteral("quit"));
    connect(quit, &QAction::triggered, this, &TrayController::quitRequested);

    // Fresh texts whenever it opens.
    connect(m_menu, &QMenu::aboutToShow, this, &TrayController::refresh);
}

void TrayController::rebuildAccountMenus()
{
    for (const AccountMenu &m : std::as_const(m_accountMenus))
        delete m.menu;
    m_accountMenus.clear();
    m_menuAccounts = m_monitor->accountIds();
    for (const QString &id : std::as_const(m_menuAccounts)) {
        AccountMenu m;
        m.menu = new QMenu(m_menu);
        m.menu->setObjectName(QStringLiteral("accountMenu:") + id);
        m.menu->setToolTipsVisible(true);
        m.menu->menuAction()->setObjectName(QStringLiteral("account:") + id);
        m.open = m.menu->addAction(tr("Open"));
        m.open->setObjectName(QStringLiteral("open:") + id);
        connect(m.open, &QAction::triggered, this, [this, id] { Q_EMIT openRequested(id); });
        m.checkNow = m.menu->addAction(tr("Check now"));
        m.checkNow->setObjectName(QStringLiteral("check:") + id);
        connect(m.checkNow, &QAction::triggered, this, [this, id] { checkNow(id); });
        m.menu->addSeparator();
        m.status = m.menu->addAction(QString());
        m.status->setObjectName(QStringLiteral("status:") + id);
        m.status->setEnabled(false);
        m_menu->insertMenu(m_noAccount, m.menu);
        m_accountMenus.insert(id, m);
    }
}

void TrayController::updateMenu()
{
    m_noAccount->setVisible(m_menuAccounts.isEmpty());
    for (auto it = m_accountMenus.begin(); it != m_accountMenus.end(); ++it) {
        const core::Monitor::AccountStatus st = m_monitor->status(it.key());
        const QString name = sanitizeLine(st.account.displayName(), NameLength);
        it->menu->setTitle(menuText(st.unread > 0 ? tr("%1 (%2)").arg(name).arg(st.unread) : name));
        const auto problem = problemOf(st);
        const QString iconKey = problem ? QStringLiteral("!") : st.account.color;
        if (it->iconKey != iconKey) {
            it->iconKey = iconKey;
            it->menu->setIcon(problem ? QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning)
                                      : colorDot(iconKey));
        }
        const ClickAction action = ClickAction::forAccount(st.account);
        it->open->setEnabled(!action.isNone());
        it->open->setToolTip(action.isNone() ? tr("No click action is set for this account (Settings)")
                                             : action.describe());
        it->status->setText(menuText(accountStatusText(it.key())));
        it->status->setToolTip(problem ? sanitizeLine(problem->message, ReasonLength) : QString());
    }
    m_muteMenu->menuAction()->setVisible(!m_silence.muted);
    m_unmute->setVisible(m_silence.muted);
    m_unmute->setText(
        m_silence.muted && m_silence.mutedUntil.isValid()
            ? tr("Unmute (muted until %1)").arg(QLocale().toString(m_silence.mutedUntil.time(), QLocale::ShortFormat))
            : tr("Unmute"));
    m_checkAll->setEnabled(!m_menuAccounts.isEmpty());
}

// --- State ------------------------------------------------------------------

bool TrayController::counted(const QString &accountId) const
{
    const QList<session::ImapSession *> sessions = m_monitor->sessions(accountId);
    return std::any_of(sessions.cbegin(), sessions.cend(),
                       [](const session::ImapSession *s) { return s->hasSnapshot(); });
}

std::optional<TrayController::Problem> TrayController::problemOf(const core::Monitor::AccountStatus &st) const
{
    if (!st.passwordError.isEmpty()) {
        const bool incomplete = !st.account.validate().isEmpty();
        return Problem{incomplete ? tr("Settings incomplete") : tr("No password"), st.passwordError};
    }
    for (const core::Monitor::MailboxStatus &m : st.mailboxes) {
        if (m.state != session::State::Failed)
            continue;
        if (!m.error)
            return Problem{tr("Stopped"), m.reason};
        QString label;
        switch (m.error->kind) {
        case session::SessionError::Kind::Authentication:
            label = tr("Login refused");
            break;
        case session::SessionError::Kind::Certificate:
            label = tr("Certificate not trusted");
            break;
        case session::SessionError::Kind::Tls:
            label = tr("Secure connection failed");
            break;
        case session::SessionError::Kind::Security:
            label = tr("Connection not secure");
            break;
        case session::SessionError::Kind::Configuration:
            label = tr("Settings problem");
            break;
        case session::SessionError::Kind::Mailbox:
            label = tr("Folder cannot be opened");
            break;
        case session::SessionError::Kind::Protocol:
            label = tr("Server error");
            break;
        case session::SessionError::Kind::ServerUnavailable:
            label = tr("Server unavailable");
            break;
        case session::SessionError::Kind::Network:
            label = tr("Cannot connect");
            break;
        case session::SessionError::Kind::Timeout:
            label = tr("Server not answering");
            break;
        }
        return Problem{label, m.error->message};
    }
    return std::nullopt;
}

QString TrayController::newestUnreadAccount() const
{
    QString best;
    qint64 newest = 0;
    int withUnread = 0;
    QString onlyUnread;
    const QStringList ids = m_monitor->accountIds();
    for (const QString &id : ids) {
        const core::Monitor::AccountStatus st = m_monitor->status(id);
        if (st.unread <= 0)
            continue;
        ++withUnread;
        onlyUnread = id;
        if (st.newestMail > newest) {
            newest = st.newestMail;
            best = id;
        }
    }
    if (best.isEmpty() && withUnread == 1)
        return onlyUnread; // unread since before we started: still the one
    return best;
}

QString TrayController::clickTarget() const
{
    const QString newest = newestUnreadAccount();
    if (!newest.isEmpty())
        return newest;
    const QStringList ids = m_monitor->accountIds();
    return ids.isEmpty() ? QString() : ids.first();
}

QString TrayController::accountStatusText(const QString &accountId) const
{
    const core::Monitor::AccountStatus st = m_monitor->status(accountId);
    if (const auto problem = problemOf(st))
        return problem->label;
    const session::State state = st.summaryState();
    if (state == session::State::Reconnecting)
        return tr("Reconnecting…");
    if (!counted(accountId))
        return tr("Connecting…");
    const bool polling = std::any_of(st.mailboxes.cbegin(), st.mailboxes.cend(),
                                     [](const core::Monitor::MailboxStatus &m) { return m.polling; });
    if (polling) {
        const int n = st.account.pollIntervalMinutes;
        return n == 1 ? tr("Polling every minute") : tr("Polling every %n min", nullptr, n);
    }
    return tr("Push (IDLE)");
}

QString TrayController::accountLine(const QString &accountId) const
{
    const core::Monitor::AccountStatus st = m_monitor->status(accountId);
    const QString name = sanitizeLine(st.account.displayName(), NameLength);
    const auto reasonOf = [](const QString &text) {
        return sanitizeLine(text, ReasonLength);
    };
    if (const auto problem = problemOf(st))
        return tr("%1: %2: %3").arg(name, problem->label, reasonOf(problem->message));

    const session::State state = st.summaryState();
    QString reconnectReason;
    for (const core::Monitor::MailboxStatus &m : st.mailboxes)
        if (m.state == session::State::Reconnecting && m.error && reconnectReason.isEmpty())
            reconnectReason = reasonOf(m.error->message);
    if (!counted(accountId)) {
        if (state == session::State::Reconnecting)
            return reconnectReason.isEmpty() ? tr("%1: reconnecting…").arg(name)
                                             : tr("%1: reconnecting (%2)").arg(name, reconnectReason);
        return tr("%1: connecting…").arg(name);
    }

    QStringList parts;
    if (st.unread > 0)
        parts << (st.unread == 1 ? tr("1 unread") : tr("%n unread", nullptr, st.unread));
    const bool polling = std::any_of(st.mailboxes.cbegin(), st.mailboxes.cend(),
                                     [](const core::Monitor::MailboxStatus &m) { return m.polling; });
    if (polling) {
        const int n = st.account.pollIntervalMinutes;
        parts << (n == 1 ? tr("checking every minute (no IDLE)")
                         : tr("checking every %n minutes (no IDLE)", nullptr, n));
    }
    if (state == session::State::Reconnecting)
        parts << (reconnectReason.isEmpty() ? tr("reconnecting…") : tr("reconnecting (%1)").arg(reconnectReason));
    if (parts.isEmpty())
        parts << tr("no unread mail");
    return tr("%1: %2").arg(name, parts.join(QStringLiteral("; ")));
}

QString TrayController::silenceLine() const
{
    if (m_silence.notificationsOff)
        return tr("Notifications are off");
    const QLocale locale;
    if (m_silence.muted) {
        if (!m_silence.mutedUntil.isValid())
            return tr("Muted until you unmute");
        const QDate today = QDateTime::fromMSecsSinceEpoch(m_clock->wallMs()).date();
        const QString time = shortTime(m_silence.mutedUntil.time());
        if (m_silence.mutedUntil.date() == today)
            return tr("Muted until %1").arg(time);
        if (m_silence.mutedUntil.date() == today.addDays(1))
            return tr("Muted until tomorrow, %1").arg(time);
        return tr("Muted until %1, %2").arg(locale.toString(m_silence.mutedUntil.date(), QLocale::ShortFormat), time);
    }
    if (m_silence.quietHours)
        return tr("Quiet hours until %1").arg(shortTime(m_silence.quietUntil));
    return {};
}

void TrayController::refresh()
{
    const QStringList ids = m_monitor->accountIds();
    if (ids != m_menuAccounts)
        rebuildAccountMenus();

    bool anyProblem = false;
    bool anyCounted = false;
    for (const QString &id : ids) {
        anyProblem = anyProblem || problemOf(m_monitor->status(id)).has_value();
        anyCounted = anyCounted || counted(id);
    }
    const int total = m_monitor->totalUnread();
    m_accent = QColor();
    if (ids.isEmpty()) {
        m_look = Look::NoAccount;
        m_count = 0;
    } else if (anyProblem) {
        m_look = Look::Error;
        m_count = total;
    } else if (!anyCounted) {
        m_look = Look::Connecting;
        m_count = 0;
    } else if (total > 0) {
        m_look = Look::Unread;
        m_count = total;
        const QString newest = newestUnreadAccount();
        if (!newest.isEmpty()) {
            const QString color = m_monitor->status(newest).account.color;
            if (core::Account::isValidColor(color))
                m_accent = QColor(color);
        }
    } else {
        m_look = Look::AllRead;
        m_count = 0;
    }
    updateIcon();

    QStringList lines{tr("Idlebell")};
    if (ids.isEmpty())
        lines << tr("No account to watch: add one in Settings.");
    for (const QString &id : ids)
        lines << accountLine(id);
    const QString silence = silenceLine();
    if (!silence.isEmpty())
        lines << silence;
    const QString toolTip = lines.join(QLatin1Char('\n'));
    if (toolTip != m_toolTip) {
        m_toolTip = toolTip;
        m_tray->setToolTip(m_toolTip);
    }
    updateMenu();
}

void TrayController::updateIcon()
{
    const QString key = QStringLiteral("%1/%2/%3")
                            .arg(int(m_look))
                            .arg(m_count)
                            .arg(m_accent.isValid() ? m_accent.name() : QStringLiteral("-"));
    if (key == m_iconKey)
        return;
    m_iconKey = key;
    m_tray->setIcon(m_renderer.icon(m_look, m_count, m_accent));
    ++m_iconUpdates;
    qCDebug(lcUi).noquote() << "tray icon:" << BadgeRenderer::lookName(m_look) << m_count;
}

QDateTime TrayController::muteEnd(MuteSpan span, const QDateTime &now)
{
    switch (span) {
    case MuteSpan::OneHour:
        return now.addSecs(3600);
    case MuteSpan::FourHours:
        return now.addSecs(4 * 3600);
    case MuteSpan::TomorrowMorning: {
        const QDate day = now.time() < QTime(NightEndsHour, 0) ? now.date() : now.date().addDays(1);
        return QDateTime(day, QTime(MorningHour, 0), now.timeSpec());
    }
    case MuteSpan::UntilUnmuted:
        return {};
    }
    return {};
}

// --- Clicks -----------------------------------------------------------------

void TrayController::checkNow(const QString &accountId)
{
    const QStringList ids = accountId.isEmpty() ? m_monitor->accountIds() : QStringList{accountId};
    for (const QString &id : ids) {
        if (problemOf(m_monitor->status(id)))
            m_monitor->restartAccount(id);
        else
            m_monitor->checkNow(id);
    }
}

void TrayController::activate(QSystemTrayIcon::ActivationReason reason)
{
    if (reason != QSystemTrayIcon::Trigger)
        return; // Context: Qt shows the menu; double and middle clicks do nothing more
    const QString target = clickTarget();
    if (target.isEmpty()) {
        Q_EMIT settingsRequested();
        return;
    }
    if (ClickAction::forAccount(m_monitor->status(target).account).isNone()) {
        m_menu->popup(QCursor::pos());
        return;
    }
    Q_EMIT openRequested(target);
}

} // namespace ui
