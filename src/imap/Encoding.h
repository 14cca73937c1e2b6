#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace imap {

// Decodes a header value as it arrives in an ENVELOPE or a header field:
// RFC 2047 encoded-words (B and Q, any charset iconv knows; RFC 2231
// "*language" suffixes ignored), whitespace between adjacent encoded-words
// dropped, raw 8-bit text taken as UTF-8 when valid and as Windows-1252
// otherwise. Malformed encoded-words are kept as literal text. Never fails.
QString decodeHeader(QByteArrayView raw);

// Converts bytes in the named charset (MIME names: "utf-8", "iso-8859-15",
// "windows-1251", "koi8-r", "gb2312", ...) to a QString. std::nullopt when
// the charset is unknown; invalid sequences become U+FFFD.
std::optional<QString> decodeCharset(QByteArrayView bytes, QByteArrayView charset);

// Modified UTF-7 mailbox names (RFC 3501 5.1.3).
QByteArray encodeMailboxName(const QString &name);
// std::nullopt when `encoded` is not valid modified UTF-7.
std::optional<QString> decodeMailboxName(QByteArrayView encoded);
// A name as sent by the server shown to a person: modified UTF-7 decoded, or
// taken as UTF-8 when it is not valid modified UTF-7 (UTF8=ACCEPT servers).
QString mailboxDisplayName(QByteArrayView raw);

} // namespace imap
