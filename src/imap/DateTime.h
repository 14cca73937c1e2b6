#pragma once

#include <QByteArray>
#include <QDateTime>

namespace imap {

// A Date: header value (RFC 5322, including the obsolete forms seen in the
// wild: two-digit years, named zones, comments, missing seconds or weekday)
// or an IMAP INTERNALDATE ("17-Jul-1996 02:44:25 -0700"). Returns an invalid
// QDateTime when the text is not a date. Never fails otherwise.
QDateTime parseDateTime(QByteArrayView text);

} // namespace imap
