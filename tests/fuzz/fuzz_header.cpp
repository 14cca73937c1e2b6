// Fuzz target "header": imap::decodeHeader over an arbitrary header value
// (RFC 2047 encoded-words in any charset, raw 8-bit text, folding).
//
// Checked besides "no crash, no sanitizer report":
//  - the result is valid UTF-16 and bounded in size, and deterministic;
//  - text with no encoded-word start ("=?") and no line breaks decodes as
//    unlabelled text does (UTF-8 when valid, else Windows-1252);
//  - the input's bytes wrapped into one UTF-8 encoded-word, B or Q, decode
//    to exactly QString::fromUtf8 of them (encoding round trip).

#include "FuzzSupport.h"

#include "imap/Encoding.h"

namespace {

QByteArray qEncode(QByteArrayView bytes)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    for (char ch : bytes) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c == ' ') {
            out += '_';
        } else if (c > 0x20 && c < 0x7f && c != '=' && c != '?' && c != '_') {
            out += char(c);
        } else {
            out += '=';
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    return out;
}

QString unlabelled(QByteArrayView bytes)
{
    if (std::optional<QString> s = fuzz::strictUtf8(bytes))
        return *s;
    // Windows-1252, with the five undefined bytes as C1 controls.
    return imap::decodeCharset(bytes, "windows-1252").value_or(QString());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView raw(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString decoded = imap::decodeHeader(raw);
    FUZZ_CHECK(decoded.isValidUtf16(), fuzz::printableString(decoded));
    // No charset yields more than 4 UTF-16 units per byte.
    FUZZ_CHECK(decoded.size() <= 4 * raw.size() + 4, QByteArray::number(decoded.size()));
    FUZZ_CHECK(imap::decodeHeader(raw) == decoded, "not deterministic");

    if (!raw.contains("=?") && !raw.contains('\r') && !raw.contains('\n')) {
        const QString expected = unlabelled(raw);
        FUZZ_CHECK(decoded == expected,
                   "plain: " + fuzz::printableString(decoded) + "\nexpected: " + fuzz::printableString(expected));
    }

    if (size <= 2048) {
        const QString expected = QString::fromUtf8(raw);
        const QByteArray b = "=?utf-8?B?" + raw.toByteArray().toBase64() + "?=";
        const QString fromB = imap::decodeHeader(b);
        FUZZ_CHECK(fromB == expected,
                   "B: " + fuzz::printableString(fromB) + "\nexpected: " + fuzz::printableString(expected));
        const QByteArray q = "=?UTF-8?q?" + qEncode(raw) + "?=";
        const QString fromQ = imap::decodeHeader(q);
        FUZZ_CHECK(fromQ == expected,
                   "Q: " + fuzz::printableString(fromQ) + "\nexpected: " + fuzz::printableString(expected));
        // Split in two adjacent words (folded): a character cut in two survives.
        const qsizetype half = raw.size() / 2;
        const QByteArray split = "=?utf-8?b?" + raw.first(half).toByteArray().toBase64() + "?=\r\n =?utf-8?Q?"
            + qEncode(raw.sliced(half)) + "?=";
        const QString fromSplit = imap::decodeHeader(split);
        FUZZ_CHECK(fromSplit == expected,
                   "split: " + fuzz::printableString(fromSplit) + "\nexpected: " + fuzz::printableString(expected));
    }
    return 0;
}
