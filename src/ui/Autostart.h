#pragma once

#include <QCoreApplication>
#include <QString>

namespace ui {

// Start at login through the XDG autostart specification: a desktop entry
// named idlebell.desktop in $XDG_CONFIG_HOME/autostart (~/.config/autostart
// when XDG_CONFIG_HOME is unset or not absolute). Writing it turns start at
// login on; removing it turns it off. Every desktop that follows the
// specification (GNOME, KDE Plasma, Xfce, LXQt, Cinnamon, MATE) honours it.
class Autostart
{
    Q_DECLARE_TR_FUNCTIONS(ui::Autostart)

public:
    // directory empty: defaultDirectory(). Tests pass a temporary directory.
    explicit Autostart(QString directory = {}, QString exec = QStringLiteral("idlebell"));

    static QString defaultDirectory();
    static QString fileName() { return QStringLiteral("idlebell.desktop"); }

    QString directory() const { return m_directory; }
    QString filePath() const;

    // True when our entry exists and is not switched off (Hidden=true or
    // X-GNOME-Autostart-enabled=false, as some desktops' settings write).
    bool isEnabled() const;

    // Writes the entry (atomically, creating the directory) or removes it.
    // Removing an entry that does not exist succeeds. On failure *error names
    // the file and the reason.
    bool setEnabled(bool enabled, QString *error = nullptr) const;

    // The desktop entry's text.
    QByteArray desktopEntry() const;

private:
    QString m_directory;
    QString m_exec;
};

} // namespace ui
