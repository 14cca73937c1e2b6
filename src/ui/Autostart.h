#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace ui {

// Start at login through the XDG autostart specification: a desktop entry
// named idlebell.desktop in $XDG_CONFIG_HOME/autostart (~/.config/autostart
// when XDG_CONFIG_HOME is unset or not absolute). Writing it turns start at
// login on. Turning it off removes it, unless a system-wide entry of the
// same name exists ($XDG_CONFIG_DIRS/autostart, /etc/xdg/autostart; see
// cmake/Install.cmake): the user's entry then says Hidden=true, which
// overrides the system one. Every desktop that follows the specification
// (GNOME, KDE Plasma, Xfce, LXQt, Cinnamon, MATE) honours it.
class Autostart
{
    Q_DECLARE_TR_FUNCTIONS(ui::Autostart)

public:
    // directory empty: defaultDirectory() and defaultSystemDirectories().
    // A directory given (tests): no system directories unless set.
    explicit Autostart(QString directory = {}, QString exec = QStringLiteral("idlebell"));

    static QString defaultDirectory();
    static QStringList defaultSystemDirectories();
    static QString fileName() { return QStringLiteral("idlebell.desktop"); }

    QString directory() const { return m_directory; }
    QString filePath() const;
    void setSystemDirectories(const QStringList &directories) { m_systemDirectories = directories; }
    QStringList systemDirectories() const { return m_systemDirectories; }

    // True when the entry that applies (the user's, else a system-wide one)
    // exists and is not switched off (Hidden=true, or
    // X-GNOME-Autostart-enabled=false as some desktops' settings write).
    bool isEnabled() const;

    // Writes the entry (atomically, creating the directory) or turns it off.
    // On failure *error names the file and the reason.
    bool setEnabled(bool enabled, QString *error = nullptr) const;

    // The desktop entry's text; hidden: the one that switches a system-wide entry off.
    QByteArray desktopEntry(bool hidden = false) const;

private:
    QString systemEntry() const; // the first system-wide entry, empty if none

    QString m_directory;
    QString m_exec;
    QStringList m_systemDirectories;
};

} // namespace ui
