#pragma once

#include "core/Monitor.h"
#include "ui/BadgeRenderer.h"

#include <QColor>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QSystemTrayIcon>
#include <QTime>

class QAction;
class QMenu;

namespace session {
class Clock;
}

namespace ui {

// The tray icon: a bell (ui::BadgeRenderer) whose look and badge follow a
// core::Monitor, a tooltip with one line per account, left click to open the
// newest mail, and a context menu.
//
// Look, in this order:
//   NoAccount   no enabled account
//   Error       an account failed (login refused, certificate, ...) or has
//               no password; the unread count still shows
//   Connecting  no account has counted its mail yet
//   Unread      the total count; the bell takes the colour of the account
//               with the newest unread mail (the default gold without one)
//   AllRead     nothing unread
// The icon is rendered and set only when look, count or colour changed.
//
// Left click (Trigger) opens the account with the newest unread mail, else
// the first account: openRequested(id). An account whose click action is
// "nothing" pops up the menu instead; with no account, settingsRequested().
//
// Menu: one submenu per account ("Open", "Check now", a disabled line with
// how it is watched or what is wrong), "Mute for…" (or "Unmute"), "Check all
// now", "Settings…", "About Idlebell", "Quit". Every action has a stable
// objectName (see the .cpp) for tests.
//
// With no system tray when it starts, the icon waits: Qt attaches it when a
// tray appears (X11: the xcb plugin follows the tray selection owner;
// StatusNotifierItem: Qt follows the watcher). No timer runs for that.
class TrayController : public QObject
{
    Q_OBJECT

public:
    using Look = BadgeRenderer::Look;

    enum class MuteSpan {
        OneHour,
        FourHours,
        TomorrowMorning, // until 08:00 (the same day before 05:00, else the next day)
        UntilUnmuted,
    };
    Q_ENUM(MuteSpan)

    // What keeps notifications from showing now, for the tooltip and menu.
    struct Silence
    {
        bool muted = false;
        QDateTime mutedUntil; // invalid: until unmuted
        bool quietHours = false;
        QTime quietUntil;
        bool notificationsOff = false;
    };

    explicit TrayController(core::Monitor *monitor, QObject *parent = nullptr);
    ~TrayController() override;

    // "Now" for the tooltip's times (tests pass a manual clock); null: the
    // system clock.
    void setClock(session::Clock *clock);
    // Shows the icon (or arms it for when a tray appears).
    void show();
    void setSilence(const Silence &silence);
    Silence silence() const { return m_silence; }

    // Recomputes everything from the monitor (called on its signals).
    void refresh();

    // --- What is shown now (tests, diagnostics) ---
    Look look() const { return m_look; }
    int count() const { return m_count; }
    QColor accent() const { return m_accent; } // invalid: the default
    QString toolTip() const { return m_toolTip; }
    QMenu *menu() const { return m_menu; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    // How many times the tray icon's image was set.
    int iconUpdates() const { return m_iconUpdates; }
    // The account a left click opens; empty without accounts.
    QString clickTarget() const;
    // One tooltip line for an account ("Work: 3 unread").
    QString accountLine(const QString &accountId) const;
    // The disabled status line of an account's submenu ("Push (IDLE)").
    QString accountStatusText(const QString &accountId) const;

    // The "tomorrow morning" of MuteSpan, from now (local time).
    static QDateTime muteEnd(MuteSpan span, const QDateTime &now);

public Q_SLOTS:
    // What a click on the icon does (QSystemTrayIcon::activated).
    void activate(QSystemTrayIcon::ActivationReason reason);
    // "Check now" (accountId empty: every account). An account that failed
    // (login refused, certificate, no password) starts over, password
    // included: the user may have fixed it elsewhere.
    void checkNow(const QString &accountId = {});

Q_SIGNALS:
    void openRequested(const QString &accountId);
    void settingsRequested();
    void aboutRequested();
    void quitRequested();
    void muteRequested(ui::TrayController::MuteSpan span);
    void unmuteRequested();

private:
    struct AccountMenu
    {
        QMenu *menu = nullptr;
        QAction *open = nullptr;
        QAction *checkNow = nullptr;
        QAction *status = nullptr;
        QString iconKey; // what its icon shows: a colour, or "!" for a problem
    };
    struct Problem
    {
        QString label;   // short, for the menu: "Login refused"
        QString message; // the full reason
    };

    void buildMenu();
    void rebuildAccountMenus();
    void updateMenu();
    void updateIcon();
    bool counted(const QString &accountId) const;
    std::optional<Problem> problemOf(const core::Monitor::AccountStatus &status) const;
    QString newestUnreadAccount() const;
    QString silenceLine() const;

    core::Monitor *m_monitor;
    session::Clock *m_clock;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    BadgeRenderer m_renderer;

    QStringList m_menuAccounts; // ids the account submenus were built for
    QHash<QString, AccountMenu> m_accountMenus;
    QAction *m_noAccount = nullptr;
    QAction *m_accountsSeparator = nullptr;
    QMenu *m_muteMenu = nullptr;
    QAction *m_unmute = nullptr;
    QAction *m_checkAll = nullptr;

    Silence m_silence;
    Look m_look = Look::NoAccount;
    int m_count = 0;
    QColor m_accent;
    QString m_toolTip;
    QString m_iconKey;
    int m_iconUpdates = 0;
};

} // namespace ui
