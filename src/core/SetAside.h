#pragma once

#include <QString>

namespace core {

// Where a file that cannot be used (a corrupt settings or state file) is
// moved so that nothing writes over it: "<path>.corrupt-<yyyyMMdd-hhmmss>",
// with "-<n>" added while that name is taken.
QString setAsidePath(const QString &path);

} // namespace core
