#include "core/SetAside.h"

#include <QDateTime>
#include <QFileInfo>

namespace core {

QString setAsidePath(const QString &path)
{
    const QString base
        = path + QStringLiteral(".corrupt-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
    QString candidate = base;
    for (int n = 1; QFileInfo::exists(candidate) || QFileInfo(candidate).isSymLink(); ++n)
        candidate = base + u'-' + QString::number(n);
    return candidate;
}

} // namespace core
