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
// Adjacent encoded-words of one charset are joined before conversion, so a
// character split across two words survives. Line breaks outside encoded-
// words (folding) become one space; control characters decoded from inside
// an encoded-word are returned as they are.
QString decodeHeader(QByteArrayView raw);

// Converts bytes in the named charset (MIME names: "utf-8", "iso-8859-15",
// "windows-1251", "koi8-r", "gb2312", ...) to a QString. std::nullopt when
// the charset is unknown; invalid sequences become U+FFFD.
// Names are case-insensitive; quotes and an RFC 2231 "*language" suffix are
// ignored. Like browsers and mail clients, labels are read as the superset
// that real mail uses: ISO-8859-1 as Windows-1252, GB2312 as GB18030,
// Shift_JIS as Windows-31J, EUC-KR as Windows-949; "us-ascii" text with 8-bit
// bytes is read like unlabelled text (UTF-8 if valid, else Windows-1252).
// Other names go to iconv. Input beyond 4 MiB is ignored. Thread-safe.
std::optional<QString> decodeCharset(QByteArrayView bytes, QByteArrayView charset);

// Modified UTF-7 mailbox names (RFC 3501 5.1.3). Unpaired surrogates in
// `name` are encoded as U+FFFD, so the result always decodes.
QByteArray encodeMailboxName(const QString &name);
// std::nullopt when `encoded` is not valid modified UTF-7: bytes outside
// printable ASCII, '&' not closed by '-', characters outside the modified
// base64 alphabet, non-zero or excess padding bits, an odd number of bytes,
// printable ASCII encoded in base64, unpaired surrogates, or a null shift
// ("-&" between two base64 runs).
std::optional<QString> decodeMailboxName(QByteArrayView encoded);
// A name as sent by the server shown to a person: modified UTF-7 decoded, or
// taken as UTF-8 when it is not valid modified UTF-7 (UTF8=ACCEPT servers).
QString mailboxDisplayName(QByteArrayView raw);

} // namespace imap
