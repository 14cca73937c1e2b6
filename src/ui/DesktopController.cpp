#include "ui/DesktopController.h"

#include "core/Monitor.h"
#include "core/SecretStore.h"
#include "session/Clock.h"
#include "ui/BadgeRenderer.h"
#include "ui/Logging.h"
#include "ui/Notifier.h"
#include "ui/Sanitize.h"
#include "ui/SettingsDialog.h"

#include <QCoreApplication>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QMessageBox>
#include <QSystemTrayIcon>

#include <algorithm>
#include <functional>

namespace ui {

namespace {

constexpr int NoticeTimeoutMs = 10000;
constexpr int FallbackBalloonMs = 10000;
// A wake-up a little after the end, so that a coarse timer firing early
// does not find the silence still on.
constexpr qint64 WakeMarginMs = 500;
// Re-check at least this often while a wake-up is due (a wall-clock change
// that nothing reported): a day.
constexpr qint64 MaxWakeMs = 24LL * 3600 * 1000;

} // namespace

// Notifications that are not about new mail (a certificate to check, a click
// action that failed, a server's ALERT), each with a key: showing a key again
// replaces its notification, close() takes it away. Their "default" action
// runs a callback. Without a notification service they become tray balloons.
class DesktopNotices : public QObject
{
    Q_OBJECT

public:
    DesktopNotices(const QDBusConnection &bus, QObject *parent)
        : QObject(parent)
        , m_bus(bus)
    {
        if (m_bus.isConnected()) {
            m_bus.connect(Notifier::serviceName(), Notifier::objectPath(), Notifier::interfaceName(),
                          QStringLiteral("ActionInvoked"), this, SLOT(onActionInvoked(uint, QString)));
            m_bus.connect(Notifier::serviceName(), Notifier::objectPath(), Notifier::interfaceName(),
                          QStringLiteral("NotificationClosed"), this, SLOT(onClosed(uint, uint)));
        }
    }

    void setFallbackTray(QSystemTrayIcon *tray) { m_tray = tray; }

    void show(const QString &key, const QString &summary, const QString &body, const QString &actionText,
              std::function<void()> onClick)
    {
        Entry &e = m_entries[key];
        e.onClick = std::move(onClick);
        e.closing = false;
        if (!m_bus.isConnected()) {
            fallback(summary, body);
            return;
        }
        QStringList actions;
        if (e.onClick)
            actions << QStringLiteral("default") << actionText;
        const QVariantMap hints{
            {QStringLiteral("desktop-entry"), QStringLiteral("io.github.idlebell.Idlebell")},
            {QStringLiteral("urgency"), QVariant::fromValue<uchar>(1)},
        };
        QDBusMessage call = QDBusMessage::createMethodCall(Notifier::serviceName(), Notifier::objectPath(),
                                                           Notifier::interfaceName(), QStringLiteral("Notify"));
        // Plain text: no body-markup is assumed, so nothing is escaped.
        call << QStringLiteral("Idlebell") << uint(e.id) << QStringLiteral("idlebell") << summary << body << actions
             << hints << int(-1);
        ++e.generation;
        const quint64 generation = e.generation;
        auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, NoticeTimeoutMs), this);
        connect(watcher, &QDBusPendingCallWatcher::finished, this,
                [this, key, generation, summary, body](QDBusPendingCallWatcher *w) {
                    w->deleteLater();
                    const QDBusPendingReply<uint> reply = *w;
                    auto it = m_entries.find(key);
                    if (it == m_entries.end() || it->generation != generation)
                        return;
                    if (reply.isError()) {
                        qCInfo(lcUi).noquote() << "notice not shown:" << reply.error().message();
                        fallback(summary, body);
                        return;
                    }
                    it->id = reply.value();
                    if (it->closing)
                        close(key);
                });
    }

    void close(const QString &key)
    {
        auto it = m_entries.find(key);
        if (it == m_entries.end())
            return;
        if (it->id == 0) {
            it->closing = true; // closed once its id is known
            return;
        }
        QDBusMessage call
            = QDBusMessage::createMethodCall(Notifier::serviceName(), Notifier::objectPath(), Notifier::interfaceName(),
                                             QStringLiteral("CloseNotification"));
        call << uint(it->id);
        m_bus.asyncCall(call, NoticeTimeoutMs);
        m_entries.erase(it);
    }

    bool isShown(const QString &key) const { return m_entries.contains(key); }

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &actionKey)
    {
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
            if (it->id != id || id == 0)
                continue;
            if (actionKey == QLatin1String("default") && it->onClick) {
                const auto onClick = it->onClick;
                onClick();
            }
            return;
        }
    }
    void onClosed(uint id, uint)
    {
        for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
            if (it->id == id && id != 0) {
                m_entries.erase(it);
                return;
            }
        }
    }

private:
    struct Entry
    {
        uint id = 0;
        quint64 generation = 0;
        bool closing = false;
        std::function<void()> onClick;
    };

    void fallback(const QString &summary, const QString &body)
    {
        if (m_tray && QSystemTrayIcon::isSystemTrayAvailable())
            m_tray->showMessage(summary, body, QSystemTrayIcon::Warning, FallbackBalloonMs);
        else
            qCWarning(lcUi).noquote() << summary << "-" << body;
    }

    QDBusConnection m_bus;
    QPointer<QSystemTrayIcon> m_tray;
    QHash<QString, Entry> m_entries;
};

DesktopController::DesktopController(core::Monitor *monitor, core::SecretStore *secrets, const QString &settingsPath,
                                     const QDBusConnection &bus, session::Clock *clock, QObject *parent)
    : QObject(parent)
    , m_monitor(monitor)
    , m_secrets(secrets)
    , m_settingsPath(settingsPath)
    , m_clock(clock ? clock : session::systemClock())
    , m_launcher([](const ClickAction &action, QString *error) { return action.launch(error); })
{
    m_tray = new TrayController(m_monitor, this);
    m_tray->setClock(m_clock);
    m_notifier = new Notifier(bus, m_clock, this);
    m_notifier->setFallbackTrayIcon(m_tray->trayIcon());
    m_notices = new DesktopNotices(bus, this);
    m_notices->setFallbackTray(m_tray->trayIcon());
    m_wake = m_clock->createTimer(this);
    connect(m_wake, &session::Timer::timeout, this, &DesktopController::reevaluate);

    connect(m_tray, &TrayController::openRequested, this, &DesktopController::openAccount);
    connect(m_tray, &TrayController::settingsRequested, this, &DesktopController::openSettings);
    connect(m_tray, &TrayController::aboutRequested, this, &DesktopController::openAbout);
    connect(m_tray, &TrayController::quitRequested, this, &DesktopController::quitRequested);
    connect(m_tray, &TrayController::muteRequested, this,
            qOverload<TrayController::MuteSpan>(&DesktopController::mute));
    connect(m_tray, &TrayController::unmuteRequested, this, &DesktopController::unmute);

    connect(m_notifier, &Notifier::openRequested, this, &DesktopController::openAccount);
    connect(m_notifier, &Notifier::markReadRequested, m_monitor, &core::Monitor::markRead);

    connect(m_monitor, &core::Monitor::newMail, this, &DesktopController::onNewMail);
    connect(m_monitor, &core::Monitor::mailGone, this, &DesktopController::onMailGone);
    connect(m_monitor, &core::Monitor::errorOccurred, this, &DesktopController::onError);
    connect(m_monitor, &core::Monitor::stateChanged, this,
            [this](const QString &accountId, const QString &mailbox, session::State state, const QString &) {
                onStateChanged(accountId, mailbox, state);
            });
    connect(m_monitor, &core::Monitor::markReadFinished, this, &DesktopController::onMarkReadFinished);
    connect(m_monitor, &core::Monitor::alert, this, &DesktopController::onAlert);
}

DesktopController::~DesktopController()
{
    delete m_settings;
    delete m_about;
}

void DesktopController::start(const QList<core::Account> &accounts, const core::Preferences &preferences)
{
    setPreferences(preferences);
    m_monitor->apply(accounts);
    if (m_showTray)
        m_tray->show();
    if (accounts.isEmpty())
        openSettings(); // the first run: nothing to watch yet
}

void DesktopController::applySettings(const QList<core::Account> &accounts, const core::Preferences &preferences,
                                      const QStringList &accountsWithNewPassword)
{
    m_monitor->apply(accounts);
    const QStringList watched = m_monitor->accountIds();
    for (const QString &id : accountsWithNewPassword)
        if (watched.contains(id))
            m_monitor->restartAccount(id);
    // Settings may have fixed what a certificate notice asked for.
    for (const QString &id : std::as_const(m_certificateNotices))
        m_notices->close(QStringLiteral("certificate:") + id);
    m_certificateNotices.clear();
    setPreferences(preferences);
    Q_EMIT settingsApplied();
}

void DesktopController::setPreferences(const core::Preferences &preferences)
{
    m_preferences = preferences;
    m_notifier->setEnabled(preferences.notificationsEnabled);
    m_notifier->setHideContent(preferences.hideContent);
    m_notifier->setGroupThreshold(preferences.groupThreshold);
    if (!preferences.notificationsEnabled) {
        // Off means off: what waited is not shown later either.
        m_queue.clear();
        m_queueOrder.clear();
    }
    reevaluate();
}

void DesktopController::setLauncher(Launcher launcher)
{
    m_launcher = std::move(launcher);
}

// --- Silence ------------------------------------------------------------------

QDateTime DesktopController::now() const
{
    return QDateTime::fromMSecsSinceEpoch(m_clock->wallMs());
}

bool DesktopController::quietNow() const
{
    return m_preferences.isQuiet(now().time());
}

bool DesktopController::isSilenced() const
{
    const bool muted = m_muted && (!m_mutedUntil.isValid() || now() < m_mutedUntil);
    return muted || quietNow();
}

void DesktopController::mute(TrayController::MuteSpan span)
{
    muteUntil(TrayController::muteEnd(span, now()));
}

void DesktopController::muteUntil(const QDateTime &until)
{
    m_muted = true;
    m_mutedUntil = until;
    qCInfo(lcUi).noquote() << "muted" << (until.isValid() ? "until " + until.toString(Qt::ISODate) : "until unmuted");
    reevaluate();
}

void DesktopController::unmute()
{
    if (!m_muted)
        return;
    m_muted = false;
    m_mutedUntil = QDateTime();
    qCInfo(lcUi) << "unmuted";
    reevaluate();
}

void DesktopController::reevaluate()
{
    if (m_muted && m_mutedUntil.isValid() && now() >= m_mutedUntil) {
        m_muted = false;
        m_mutedUntil = QDateTime();
        qCInfo(lcUi) << "the mute ended";
    }
    if (!isSilenced() && !m_queue.isEmpty())
        flushQueue();
    updateSilence();
    scheduleWake();
}

void DesktopController::updateSilence()
{
    TrayController::Silence s;
    s.notificationsOff = !m_preferences.notificationsEnabled;
    s.muted = m_muted;
    s.mutedUntil = m_mutedUntil;
    s.quietHours = quietNow();
    s.quietUntil = m_preferences.quietTo;
    m_tray->setSilence(s);
}

// One timer to the next moment the silence may change: the end of the mute,
// or the next quiet-hours boundary.
void DesktopController::scheduleWake()
{
    const QDateTime current = now();
    qint64 next = -1;
    const auto consider = [&next](qint64 ms) {
        ms = std::max<qint64>(0, ms);
        next = next < 0 ? ms : std::min(next, ms);
    };
    if (m_muted && m_mutedUntil.isValid())
        consider(current.msecsTo(m_mutedUntil));
    if (m_preferences.quietHoursEnabled && m_preferences.quietFrom.isValid() && m_preferences.quietTo.isValid()
        && m_preferences.quietFrom != m_preferences.quietTo) {
        for (const QTime &boundary : {m_preferences.quietFrom, m_preferences.quietTo}) {
            QDateTime at(current.date(), boundary);
            if (at <= current)
                at = QDateTime(current.date().addDays(1), boundary);
            consider(current.msecsTo(at));
        }
    }
    if (next < 0) {
        m_wake->stop();
        return;
    }
    m_wake->start(std::chrono::milliseconds(std::min(next + WakeMarginMs, MaxWakeMs)));
}

int DesktopController::queuedCount(const QString &accountId) const
{
    const auto it = m_queue.constFind(accountId);
    return it == m_queue.constEnd() ? 0 : int(it->messages.size()) + it->omitted;
}

void DesktopController::flushQueue()
{
    const QStringList order = m_queueOrder;
    const QHash<QString, Queued> queue = m_queue;
    m_queue.clear();
    m_queueOrder.clear();
    for (const QString &id : order) {
        const Queued q = queue.value(id);
        if (q.messages.isEmpty() && q.omitted == 0)
            continue;
        const QString name = accountName(id);
        if (q.messages.size() == 1 && q.omitted == 0) {
            m_notifier->showNewMail(id, name, q.messages, 0); // one message: itself
            continue;
        }
        // One summary for the account: the notifier's group, whatever its
        // threshold, named for the silence it comes from.
        const QString label = q.whileMuted ? tr("%1 (while muted)").arg(name) : tr("%1 (during quiet hours)").arg(name);
        const int threshold = m_notifier->groupThreshold();
        m_notifier->setGroupThreshold(1);
        m_notifier->showNewMail(id, label, q.messages, q.omitted);
        m_notifier->setGroupThreshold(threshold);
        qCInfo(lcUi).noquote() << "summary for" << id + QLatin1Char(':') << (q.messages.size() + q.omitted)
                               << "messages";
    }
}

// --- Monitor ------------------------------------------------------------------

QString DesktopController::accountName(const QString &accountId) const
{
    const core::Account account = m_monitor->status(accountId).account;
    return account.id.isEmpty() ? accountId : account.displayName();
}

void DesktopController::onNewMail(const QString &accountId, const QList<session::MessageSummary> &messages, int omitted)
{
    reevaluate(); // a silence that ended while the machine slept ends now
    if (!m_preferences.notificationsEnabled)
        return;
    if (!isSilenced()) {
        m_notifier->showNewMail(accountId, accountName(accountId), messages, omitted);
        return;
    }
    if (!m_queue.contains(accountId))
        m_queueOrder.append(accountId);
    Queued &q = m_queue[accountId];
    for (const session::MessageSummary &m : messages) {
        const bool known = std::any_of(q.messages.cbegin(), q.messages.cend(), [&m](const session::MessageSummary &o) {
            return o.uid == m.uid && o.mailbox == m.mailbox && o.uidValidity == m.uidValidity;
        });
        if (!known)
            q.messages.append(m);
    }
    q.omitted += std::max(0, omitted);
    q.whileMuted = q.whileMuted || m_muted;
    qCDebug(lcUi) << "queued new mail for" << accountId << "(silenced):" << queuedCount(accountId);
}

void DesktopController::onMailGone(const QString &accountId, const QString &mailbox, const QList<imap::Uid> &uids)
{
    m_notifier->withdraw(accountId, mailbox, uids);
    auto it = m_queue.find(accountId);
    if (it == m_queue.end())
        return;
    const qsizetype before = it->messages.size();
    it->messages.removeIf(
        [&](const session::MessageSummary &m) { return m.mailbox == mailbox && uids.contains(m.uid); });
    if (before > 0 && it->messages.isEmpty()) {
        // Read elsewhere: nothing left to tell (as a notification group does).
        m_queue.erase(it);
        m_queueOrder.removeAll(accountId);
    }
}

void DesktopController::onError(const QString &accountId, const QString &, const session::SessionError &error)
{
    if (error.kind != session::SessionError::Kind::Certificate || error.willRetry)
        return;
    if (m_certificateNotices.contains(accountId))
        return; // one per account until it connects or the settings change
    m_certificateNotices.insert(accountId);
    const QString name = sanitizeLine(accountName(accountId), 60);
    m_notices->show(QStringLiteral("certificate:") + accountId,
                    tr("%1: the server's certificate is not trusted").arg(name),
                    tr("Idlebell did not connect. Open Settings, edit the account and use Test connection to check "
                       "the certificate's fingerprint and trust it if it is right."),
                    tr("Open Settings"), [this] { openSettings(); });
}

void DesktopController::onStateChanged(const QString &accountId, const QString &, session::State state)
{
    if ((state == session::State::Idling || state == session::State::Polling) && m_certificateNotices.remove(accountId))
        m_notices->close(QStringLiteral("certificate:") + accountId);
}

void DesktopController::onMarkReadFinished(const QString &accountId, bool ok, const QString &error)
{
    if (ok)
        return;
    m_notices->show(QStringLiteral("markread:") + accountId,
                    tr("%1: could not mark as read").arg(sanitizeLine(accountName(accountId), 60)),
                    sanitizeLine(error, MaxBodyLength), QString(), {});
}

void DesktopController::onAlert(const QString &accountId, const QString &text)
{
    const QString clean = sanitizeLine(text, MaxBodyLength);
    if (clean.isEmpty() || m_alertsShown.contains(accountId + QLatin1Char('\n') + clean))
        return;
    m_alertsShown.insert(accountId + QLatin1Char('\n') + clean);
    m_notices->show(QStringLiteral("alert:") + accountId,
                    tr("Message from the %1 server").arg(sanitizeLine(accountName(accountId), 60)), clean, QString(),
                    {});
}

// --- Actions ------------------------------------------------------------------

void DesktopController::openAccount(const QString &accountId)
{
    if (!m_monitor->accountIds().contains(accountId))
        return;
    const ClickAction action = ClickAction::forAccount(m_monitor->status(accountId).account);
    if (action.isNone())
        return;
    QString error;
    if (m_launcher(action, &error))
        return;
    const QString name = sanitizeLine(accountName(accountId), 60);
    m_notices->show(QStringLiteral("open:") + accountId, tr("%1: could not open your mail").arg(name),
                    sanitizeLine(error, MaxBodyLength), tr("Open Settings"), [this] { openSettings(); });
}

void DesktopController::checkNow()
{
    m_tray->checkNow();
}

SettingsDialog *DesktopController::settingsDialog() const
{
    return m_settings.data();
}

void DesktopController::openSettings()
{
    if (!m_settings) {
        m_settings = new SettingsDialog(m_settingsPath, m_secrets);
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
        m_settings->setWindowIcon(BadgeRenderer::appIcon());
        connect(m_settings, &SettingsDialog::applied, this, &DesktopController::applySettings);
    }
    m_settings->show();
    m_settings->raise();
    m_settings->activateWindow();
}

void DesktopController::openAbout()
{
    if (!m_about) {
        m_about = new QMessageBox(QMessageBox::NoIcon, tr("About Idlebell"),
                                  tr("<h3>Idlebell %1</h3>"
                                     "<p>Tells you the moment new mail arrives: one IMAP connection per account, "
                                     "kept open with IDLE, so the server pushes new mail to it.</p>")
                                      .arg(QCoreApplication::applicationVersion().toHtmlEscaped()),
                                  QMessageBox::Close);
        m_about->setTextFormat(Qt::RichText);
        m_about->setIconPixmap(BadgeRenderer::appIcon().pixmap(64, 64));
        m_about->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_about->show();
    m_about->raise();
    m_about->activateWindow();
}

} // namespace ui

#include "DesktopController.moc"
