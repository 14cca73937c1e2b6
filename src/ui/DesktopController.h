#pragma once

#include "core/Account.h"
#include "core/Preferences.h"
#include "session/SessionTypes.h"
#include "ui/ClickAction.h"
#include "ui/TrayController.h"

#include <QDBusConnection>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <functional>

class QMessageBox;

namespace core {
class Monitor;
class SecretStore;
} // namespace core

namespace session {
class Clock;
class Timer;
} // namespace session

namespace ui {

class Notifier;
class SettingsDialog;
class DesktopNotices;

// The desktop app's wiring: the tray, the notifications and the settings
// window around one core::Monitor (which main() owns).
//
// New mail becomes a notification at once, unless notifications are off
// (then nothing is shown, now or later), the user muted them, or it is quiet
// time. Muted or quiet, the mail is queued per account (the tray count stays
// live; mail read or deleted elsewhere leaves the queue again) and, when the
// silence ends, each account with queued mail gets ONE notification: the
// message itself when it was one, else "N new messages in Work (while
// muted)". The end is a timer from the clock set to the moment the mute or
// the quiet time ends (and to each quiet-hours boundary, for the tooltip);
// nothing polls. New mail and resume() check the wall clock too, so a
// suspended machine that wakes after the end is not kept silent.
//
// Clicks: "Open" on a notification or the tray runs the account's click
// action (ClickAction); "Mark as read" asks the Monitor to set \Seen. A
// certificate the account refuses, a click action that fails, a mark-as-read
// that fails and a server [ALERT] show a notification of their own.
class DesktopController : public QObject
{
    Q_OBJECT

public:
    // Runs a click action; the default calls ClickAction::launch(). Tests
    // capture the URL or command instead.
    using Launcher = std::function<bool(const ClickAction &action, QString *error)>;

    // settingsPath: the INI file the settings window edits. secrets: the
    // store the monitor uses (run-only passwords land there). bus: where the
    // notification service is. clock: null for the system clock.
    DesktopController(core::Monitor *monitor, core::SecretStore *secrets, const QString &settingsPath,
                      const QDBusConnection &bus, session::Clock *clock = nullptr, QObject *parent = nullptr);
    ~DesktopController() override;

    // The first settings: watch the accounts, apply the preferences, show the
    // tray; with no account at all, open the settings window.
    void start(const QList<core::Account> &accounts, const core::Preferences &preferences);
    // What the settings window's applied() does: apply the accounts (only
    // changed ones reconnect), restart those whose password changed, take
    // the preferences.
    void applySettings(const QList<core::Account> &accounts, const core::Preferences &preferences,
                       const QStringList &accountsWithNewPassword);
    void setPreferences(const core::Preferences &preferences);
    core::Preferences preferences() const { return m_preferences; }

    void setLauncher(Launcher launcher);
    // Whether start() shows the tray icon (tests that look at the model only
    // may leave it hidden).
    void setShowTray(bool show) { m_showTray = show; }

    // Muting. muteUntil(invalid) mutes until unmute().
    void mute(TrayController::MuteSpan span);
    void muteUntil(const QDateTime &until);
    void unmute();
    bool isMuted() const { return m_muted; }
    QDateTime mutedUntil() const { return m_mutedUntil; }
    // Muted, or quiet hours now.
    bool isSilenced() const;
    // Messages (listed + omitted) waiting for the end of the silence.
    int queuedCount(const QString &accountId) const;

    TrayController *tray() const { return m_tray; }
    Notifier *notifier() const { return m_notifier; }
    SettingsDialog *settingsDialog() const; // the open settings window, if any

public Q_SLOTS:
    void openSettings();
    void openAbout();
    void checkNow();
    // Runs the click action of an account.
    void openAccount(const QString &accountId);
    // The machine resumed or the time moved: re-check mute and quiet hours.
    void reevaluate();

Q_SIGNALS:
    // Quit from the menu: main() logs out and ends the event loop.
    void quitRequested();
    // The settings window saved and its settings were applied.
    void settingsApplied();

private:
    struct Queued
    {
        QList<session::MessageSummary> messages;
        int omitted = 0;
        bool whileMuted = false; // else during quiet hours
    };

    void onNewMail(const QString &accountId, const QList<session::MessageSummary> &messages, int omitted);
    void onMailGone(const QString &accountId, const QString &mailbox, const QList<imap::Uid> &uids);
    void onError(const QString &accountId, const QString &mailbox, const session::SessionError &error);
    void onStateChanged(const QString &accountId, const QString &mailbox, session::State state);
    void onMarkReadFinished(const QString &accountId, bool ok, const QString &error);
    void onAlert(const QString &accountId, const QString &text);
    void flushQueue();
    void scheduleWake();
    void updateSilence();
    QDateTime now() const;
    bool quietNow() const;
    QString accountName(const QString &accountId) const;

    core::Monitor *m_monitor;
    core::SecretStore *m_secrets;
    QString m_settingsPath;
    session::Clock *m_clock;
    TrayController *m_tray = nullptr;
    Notifier *m_notifier = nullptr;
    DesktopNotices *m_notices = nullptr;
    session::Timer *m_wake = nullptr;
    QPointer<SettingsDialog> m_settings;
    QPointer<QMessageBox> m_about;
    Launcher m_launcher;
    bool m_showTray = true;

    core::Preferences m_preferences;
    bool m_muted = false;
    QDateTime m_mutedUntil; // invalid while muted: until unmuted
    QHash<QString, Queued> m_queue;
    QStringList m_queueOrder;           // accounts in the order their first queued mail came
    QSet<QString> m_certificateNotices; // accounts with a certificate notification shown
    QSet<QString> m_alertsShown;        // account + text, so a repeated ALERT shows once
};

} // namespace ui
