#pragma once

#include "core/Account.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace ui {

// What clicking a notification (or the tray icon) does for one account,
// worked out from its settings. Value type; launch() is the only part that
// touches the desktop.
//
//  - Webmail: QDesktopServices::openUrl(url), for http and https URLs only
//    (anything else is refused: a settings file must not be able to open
//    file:, javascript: or a custom scheme handler).
//  - Command: QProcess::startDetached(program, arguments), split with
//    QProcess::splitCommand: no shell, no expansion.
//  - None: nothing.
class ClickAction
{
    Q_DECLARE_TR_FUNCTIONS(ui::ClickAction)

public:
    enum class Kind {
        None,    // nothing to do
        OpenUrl, // url()
        Run,     // program() with arguments()
        Invalid, // configured, but cannot be used: problem() says why
    };

    ClickAction() = default;
    static ClickAction forAccount(const core::Account &account);
    static ClickAction openUrl(const QUrl &url);           // Invalid unless http(s) with a host
    static ClickAction runCommand(const QString &command); // Invalid when empty

    Kind kind() const { return m_kind; }
    QUrl url() const { return m_url; }
    QString program() const { return m_program; }
    QStringList arguments() const { return m_arguments; }
    QString problem() const { return m_problem; }
    bool isNone() const { return m_kind == Kind::None; }

    // For people: "Open https://mail.example.org/", "Run thunderbird", ...
    QString describe() const;

    // Opens the URL or starts the program, detached. False (and *error set,
    // translated) when it cannot: Invalid, None, or the desktop refused.
    bool launch(QString *error = nullptr) const;

    friend bool operator==(const ClickAction &a, const ClickAction &b)
    {
        return a.m_kind == b.m_kind && a.m_url == b.m_url && a.m_program == b.m_program
            && a.m_arguments == b.m_arguments && a.m_problem == b.m_problem;
    }
    friend bool operator!=(const ClickAction &a, const ClickAction &b) { return !(a == b); }

private:
    Kind m_kind = Kind::None;
    QUrl m_url;
    QString m_program;
    QStringList m_arguments;
    QString m_problem;
};

} // namespace ui
