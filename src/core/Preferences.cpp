#include "core/Preferences.h"

namespace core {

bool Preferences::isQuiet(const QTime &now) const
{
    if (!quietHoursEnabled || !now.isValid() || !quietFrom.isValid() || !quietTo.isValid() || quietFrom == quietTo)
        return false;
    if (quietFrom < quietTo)
        return quietFrom <= now && now < quietTo;
    return now >= quietFrom || now < quietTo; // wraps past midnight
}

QStringList Preferences::validate() const
{
    QStringList problems;
    if (!quietFrom.isValid() || !quietTo.isValid())
        problems << tr("The quiet hours need a valid start and end time.");
    else if (quietHoursEnabled && quietFrom == quietTo)
        problems << tr("The quiet hours start and end at the same time.");
    if (groupThreshold < MinGroupThreshold || groupThreshold > MaxGroupThreshold)
        problems << tr("The number of messages shown one by one must be between %1 and %2.")
                        .arg(MinGroupThreshold)
                        .arg(MaxGroupThreshold);
    return problems;
}

} // namespace core
