// Fuzz target "charset": imap::decodeCharset(bytes, charset).
//
// Input: the charset name on the first line, the bytes to decode after it
// ("koi8-r\n<bytes>"). Checked besides "no crash, no sanitizer report":
//  - the result is valid UTF-16, bounded in size and deterministic;
//  - names differing only in case, quotes, white space or an RFC 2231
//    "*language" suffix decode the same;
//  - a name with characters no charset name has (such as "/", which iconv
//    would read as a conversion suffix) is refused;
//  - the names decoded without iconv behave as documented: UTF-8 as
//    QString::fromUtf8, US-ASCII as unlabelled text, ISO-8859-1 as
//    Windows-1252 (one character per byte);
//  - the same bytes as an encoded-word in a header decode to the same text.

#include "FuzzSupport.h"

#include "imap/Encoding.h"

namespace {

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
        || c == '.' || c == ':' || c == '+';
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::Input in(data, size);
    const QByteArrayView charset = in.line();
    const QByteArrayView bytes = in.rest();

    const std::optional<QString> decoded = imap::decodeCharset(bytes, charset);
    if (decoded) {
        FUZZ_CHECK(decoded->isValidUtf16(), fuzz::printableString(*decoded));
        FUZZ_CHECK(decoded->size() <= 4 * bytes.size() + 4, QByteArray::number(decoded->size()));
    }
    const std::optional<QString> again = imap::decodeCharset(bytes, charset);
    FUZZ_CHECK(again == decoded, "not deterministic");

    // The bare name: trimmed, unquoted, without "*language".
    QByteArray name = charset.trimmed().toByteArray();
    if (name.size() >= 2 && name.startsWith('"') && name.endsWith('"'))
        name = name.mid(1, name.size() - 2).trimmed();
    if (const qsizetype star = name.indexOf('*'); star >= 0)
        name.truncate(star);
    bool plainName = !name.isEmpty() && name.size() <= 64;
    for (char c : std::as_const(name))
        plainName = plainName && isNameChar(c);
    if (!plainName) {
        FUZZ_CHECK(!decoded, "decoded with charset " + charset.toByteArray());
        return 0;
    }

    // Spelling variants of the same name.
    for (const QByteArray &variant : {name.toUpper(), name.toLower(), "\"" + name + "\"", " " + name + "*en "}) {
        const std::optional<QString> v = imap::decodeCharset(bytes, variant);
        FUZZ_CHECK(v == decoded, "charset " + variant + " differs from " + charset.toByteArray());
    }

    const QByteArray lower = name.toLower();
    if (lower == "utf-8" || lower == "utf8") {
        FUZZ_CHECK(decoded && *decoded == QString::fromUtf8(bytes), "utf-8 is not QString::fromUtf8");
    } else if (lower == "us-ascii" || lower == "ascii") {
        // Mislabelled 8-bit text: UTF-8 when valid, else Windows-1252.
        std::optional<QString> expected = fuzz::strictUtf8(bytes);
        if (!expected)
            expected = imap::decodeCharset(bytes, "windows-1252");
        FUZZ_CHECK(decoded == expected, "us-ascii is not read as unlabelled text");
    } else if (lower == "iso-8859-1" || lower == "latin1" || lower == "windows-1252") {
        FUZZ_CHECK(decoded && decoded->size() == bytes.size(), "not one character per byte");
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(bytes[i]);
            if (c < 0x80 || c >= 0xa0)
                FUZZ_CHECK(decoded->at(i).unicode() == c, "Latin-1 range changed at " + QByteArray::number(i));
        }
    }

    // The same through an encoded-word (names that fit one).
    if (decoded && bytes.size() <= 2048 && !name.contains('?')) {
        const QByteArray word = "=?" + name + "?B?" + bytes.toByteArray().toBase64() + "?=";
        const QString viaHeader = imap::decodeHeader(word);
        FUZZ_CHECK(viaHeader == *decoded,
                   "header: " + fuzz::printableString(viaHeader) + "\ndirect: " + fuzz::printableString(*decoded));
    }
    return 0;
}
