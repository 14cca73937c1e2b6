#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace testsupport {

// Small file helpers for tests that look at what the app wrote.

// The whole file; empty if it cannot be read.
QByteArray readFile(const QString &path);
// Replaces the file's content; false if it could not be written in full.
bool writeFile(const QString &path, const QByteArray &bytes);
// The permission bits (st_mode & 07777); -1 if the file cannot be stat'ed.
int fileMode(const QString &path);
// The names (not paths) of the copies the app set aside beside PATH when it
// found it unreadable: PATH.corrupt-*, hidden ones included.
QStringList setAsideFiles(const QString &path);

} // namespace testsupport
