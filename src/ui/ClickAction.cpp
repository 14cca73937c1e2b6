#include "ui/ClickAction.h"

#include "ui/Logging.h"

#include <QDesktopServices>
#include <QDir>
#include <QProcess>

namespace ui {

ClickAction ClickAction::forAccount(const core::Account &account)
{
    switch (account.clickAction) {
    case core::Account::ClickAction::None:
        return {};
    case core::Account::ClickAction::Webmail:
        if (account.webmailUrl.trimmed().isEmpty()) {
            ClickAction a;
            a.m_kind = Kind::Invalid;
            a.m_problem = tr("No webmail address is set for %1.").arg(account.displayName());
            return a;
        }
        return openUrl(QUrl(account.webmailUrl.trimmed(), QUrl::StrictMode));
    case core::Account::ClickAction::Command:
        return runCommand(account.mailClientCommand);
    }
    return {};
}

ClickAction ClickAction::openUrl(const QUrl &url)
{
    ClickAction a;
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || url.host().isEmpty()) {
        a.m_kind = Kind::Invalid;
        a.m_problem = tr("“%1” is not a web address (only http and https are opened).")
                          .arg(url.toDisplayString(QUrl::RemoveUserInfo));
        return a;
    }
    a.m_kind = Kind::OpenUrl;
    a.m_url = url;
    return a;
}

ClickAction ClickAction::runCommand(const QString &command)
{
    ClickAction a;
    const QStringList parts = QProcess::splitCommand(command);
    if (parts.isEmpty() || parts.first().isEmpty()) {
        a.m_kind = Kind::Invalid;
        a.m_problem = tr("No mail program is set.");
        return a;
    }
    a.m_kind = Kind::Run;
    a.m_program = parts.first();
    a.m_arguments = parts.mid(1);
    return a;
}

QString ClickAction::describe() const
{
    switch (m_kind) {
    case Kind::None:
        return tr("Nothing");
    case Kind::OpenUrl:
        return tr("Open %1").arg(m_url.toDisplayString(QUrl::RemoveUserInfo));
    case Kind::Run:
        return tr("Run %1").arg(m_program);
    case Kind::Invalid:
        return m_problem;
    }
    return {};
}

bool ClickAction::launch(QString *error) const
{
    QString problem;
    switch (m_kind) {
    case Kind::None:
        problem = tr("Nothing to open.");
        break;
    case Kind::Invalid:
        problem = m_problem;
        break;
    case Kind::OpenUrl:
        if (QDesktopServices::openUrl(m_url))
            return true;
        problem = tr("The desktop could not open %1.").arg(m_url.toDisplayString(QUrl::RemoveUserInfo));
        break;
    case Kind::Run:
        if (QProcess::startDetached(m_program, m_arguments, QDir::homePath()))
            return true;
        problem = tr("Could not start “%1”.").arg(m_program);
        break;
    }
    qCWarning(lcUi).noquote() << "click action failed:" << problem;
    if (error)
        *error = problem;
    return false;
}

} // namespace ui
