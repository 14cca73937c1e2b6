#include "ui/Autostart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace ui {

namespace {

// Values in a desktop entry: one line, with the specification's escapes.
QByteArray escapeValue(const QString &value)
{
    QString out;
    for (const QChar c : value) {
        if (c == u'\\')
            out += QStringLiteral("\\\\");
        else if (c == u'\n')
            out += QStringLiteral("\\n");
        else if (c == u'\t')
            out += QStringLiteral("\\t");
        else if (c == u'\r')
            out += QStringLiteral("\\r");
        else
            out += c;
    }
    return out.toUtf8();
}

// The value of key in the [Desktop Entry] group, or a null string.
QString entryValue(const QByteArray &text, const QByteArray &key)
{
    bool inGroup = false;
    for (QByteArray line : text.split('\n')) {
        line = line.trimmed();
        if (line.startsWith('[')) {
            inGroup = line == "[Desktop Entry]";
            continue;
        }
        if (!inGroup || line.startsWith('#'))
            continue;
        const qsizetype eq = line.indexOf('=');
        if (eq > 0 && line.left(eq).trimmed() == key)
            return QString::fromUtf8(line.mid(eq + 1).trimmed());
    }
    return {};
}

} // namespace

Autostart::Autostart(QString directory, QString exec)
    : m_directory(directory.isEmpty() ? defaultDirectory() : directory)
    , m_exec(std::move(exec))
    , m_systemDirectories(directory.isEmpty() ? defaultSystemDirectories() : QStringList())
{ }

QStringList Autostart::defaultSystemDirectories()
{
    QStringList out;
    const QStringList dirs = qEnvironmentVariable("XDG_CONFIG_DIRS").split(u':', Qt::SkipEmptyParts);
    for (const QString &dir : dirs) {
        if (QDir::isAbsolutePath(dir))
            out << dir + QStringLiteral("/autostart");
    }
    if (out.isEmpty())
        out << QStringLiteral("/etc/xdg/autostart");
    return out;
}

QString Autostart::systemEntry() const
{
    for (const QString &dir : m_systemDirectories) {
        const QString path = QDir(dir).filePath(fileName());
        if (QFileInfo(path).isFile())
            return path;
    }
    return {};
}

QString Autostart::defaultDirectory()
{
    QString base = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (base.isEmpty() || !QDir::isAbsolutePath(base))
        base = QDir::homePath() + QStringLiteral("/.config");
    return base + QStringLiteral("/autostart");
}

QString Autostart::filePath() const
{
    return QDir(m_directory).filePath(fileName());
}

bool Autostart::isEnabled() const
{
    QFile file(filePath());
    if (!file.exists())
        file.setFileName(systemEntry());
    if (file.fileName().isEmpty() || !file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = file.read(64 * 1024);
    if (entryValue(text, "Hidden").compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
        return false;
    if (entryValue(text, "X-GNOME-Autostart-enabled").compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
        return false;
    return true;
}

QByteArray Autostart::desktopEntry(bool hidden) const
{
    QByteArray text;
    text += "[Desktop Entry]\n";
    text += "Type=Application\n";
    text += "Name=Idlebell\n";
    text += "Comment=" + escapeValue(tr("Tells you the moment new mail arrives")) + '\n';
    text += "Exec=" + escapeValue(m_exec) + '\n';
    text += "Icon=idlebell\n";
    text += "Terminal=false\n";
    text += "Categories=Network;Email;\n";
    if (hidden) {
        text += "Hidden=true\n";
        text += "X-GNOME-Autostart-enabled=false\n";
    } else {
        text += "X-GNOME-Autostart-enabled=true\n";
    }
    return text;
}

bool Autostart::setEnabled(bool enabled, QString *error) const
{
    const QString path = filePath();
    const bool hide = !enabled && !systemEntry().isEmpty();
    if (!enabled && !hide) {
        if (!QFileInfo::exists(path) && !QFileInfo(path).isSymLink())
            return true;
        QFile file(path);
        if (file.remove())
            return true;
        if (error)
            *error = tr("The autostart entry %1 could not be removed (%2).").arg(path, file.errorString());
        return false;
    }

    if (!QDir().mkpath(m_directory)) {
        if (error)
            *error = tr("The autostart folder %1 could not be created.").arg(m_directory);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(desktopEntry(hide)) < 0 || !file.commit()) {
        if (error)
            *error = tr("The autostart entry %1 could not be written (%2).").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace ui
