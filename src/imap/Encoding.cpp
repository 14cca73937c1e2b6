#include "imap/Encoding.h"

#include <QList>
#include <QStringDecoder>

#include <algorithm>
#include <cerrno>
#include <iconv.h>

namespace imap {

namespace {

// Input beyond this is ignored: a header or a text part that large is not
// something a notifier shows, and the cap bounds time and memory per call.
constexpr qsizetype kMaxInput = 4 * 1024 * 1024;
// Longest charset name considered (IANA names are at most 40 characters).
constexpr qsizetype kMaxCharsetName = 64;

// U+FFFD in UTF-8.
constexpr char kReplacementUtf8[] = "\xEF\xBF\xBD";

QByteArrayView capped(QByteArrayView bytes)
{
    return bytes.size() > kMaxInput ? bytes.first(kMaxInput) : bytes;
}

bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}
bool isLineBreak(char c)
{
    return c == '\r' || c == '\n';
}
bool isHeaderSpace(char c)
{
    return isWsp(c) || isLineBreak(c);
}

bool isAscii(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return uchar(c) < 0x80; });
}

// Windows-1252 0x80..0x9F. The five bytes the code page leaves undefined map
// to the C1 control of the same value, as the WHATWG Encoding Standard does.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

QString fromCp1252(QByteArrayView bytes)
{
    QString out(bytes.size(), Qt::Uninitialized);
    QChar *dst = out.data();
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const uchar c = uchar(bytes[i]);
        dst[i] = (c >= 0x80 && c <= 0x9F) ? QChar(kCp1252High[c - 0x80]) : QChar(c);
    }
    return out;
}

// Strict UTF-8 validation through Qt's decoder.
std::optional<QString> fromUtf8Strict(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString s = decoder(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return s;
}

// Raw 8-bit text of unknown charset: UTF-8 when valid, else Windows-1252.
QString fromUnlabelled(QByteArrayView bytes)
{
    if (isAscii(bytes))
        return QString::fromLatin1(bytes);
    if (auto s = fromUtf8Strict(bytes))
        return *s;
    return fromCp1252(bytes);
}

enum class Route { Utf8, Ascii, Cp1252, Iconv };

struct CharsetChoice
{
    Route route = Route::Iconv;
    QByteArray iconvName; // for Route::Iconv
};

// Lower-cases, trims, drops quotes and an RFC 2231 "*language" suffix, and
// picks a decoder. nullopt for names that can not be a charset (and so must
// never reach iconv_open, which gives meaning to "//" suffixes).
std::optional<CharsetChoice> chooseCharset(QByteArrayView charset)
{
    QByteArray name = charset.trimmed().toByteArray().toLower();
    if (name.size() >= 2 && name.startsWith('"') && name.endsWith('"'))
        name = name.mid(1, name.size() - 2).trimmed();
    if (const qsizetype star = name.indexOf('*'); star >= 0)
        name.truncate(star);
    if (name.isEmpty() || name.size() > kMaxCharsetName)
        return std::nullopt;
    for (char c : std::as_const(name)) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':'
            || c == '+';
        if (!ok)
            return std::nullopt;
    }

    static const char *const utf8Names[] = {"utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8"};
    static const char *const asciiNames[] = {"us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "iso-ir-6"};
    // ISO-8859-1 is decoded as its superset Windows-1252, as browsers and
    // mail clients do: mail labelled Latin-1 routinely carries smart quotes.
    static const char *const cp1252Names[]
        = {"windows-1252", "cp1252",  "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "iso_8859-1:1987",
           "latin1",       "latin-1", "l1",       "cp819",      "ibm819",    "iso-ir-100", "csisolatin1"};
    // Labels whose real-world content is a superset that glibc knows by
    // another name (as in the WHATWG Encoding Standard).
    static const struct
    {
        const char *label;
        const char *iconvName;
    } supersets[] = {
        {"gb2312", "GB18030"},  {"gbk", "GB18030"},           {"x-gbk", "GB18030"},
        {"shift_jis", "CP932"}, {"shift-jis", "CP932"},       {"sjis", "CP932"},
        {"x-sjis", "CP932"},    {"ms_kanji", "CP932"},        {"windows-31j", "CP932"},
        {"euc-kr", "CP949"},    {"ks_c_5601-1987", "CP949"},  {"windows-949", "CP949"},
        {"big5", "BIG5-HKSCS"}, {"x-mac-roman", "MACINTOSH"}, {"macintosh", "MACINTOSH"},
    };

    for (const char *n : utf8Names)
        if (name == n)
            return CharsetChoice{Route::Utf8, {}};
    for (const char *n : asciiNames)
        if (name == n)
            return CharsetChoice{Route::Ascii, {}};
    for (const char *n : cp1252Names)
        if (name == n)
            return CharsetChoice{Route::Cp1252, {}};
    for (const auto &s : supersets)
        if (name == s.label)
            return CharsetChoice{Route::Iconv, QByteArray(s.iconvName)};
    return CharsetChoice{Route::Iconv, name.toUpper()};
}

std::optional<QString> decodeWithIconv(QByteArrayView bytes, const QByteArray &charset)
{
    iconv_t cd = iconv_open("UTF-8", charset.constData());
    if (cd == reinterpret_cast<iconv_t>(-1))
        return std::nullopt;

    QByteArray out;
    out.reserve(bytes.size() + bytes.size() / 2 + 16);
    char buffer[4096];
    // iconv does not write through its input pointer; the API is just old.
    char *in = const_cast<char *>(bytes.data());
    const char *const inEnd = bytes.data() + bytes.size();
    // Input goes to iconv in windows: after an invalid byte the conversion
    // restarts, and a window keeps each restart's cost (and that of
    // sanitizer interceptors, which check the whole range) small.
    constexpr qsizetype window = 16 * 1024;
    // Every iteration consumes input, produces output or skips a byte; the
    // counter is a second line of defence against a stuck converter.
    qsizetype guard = 4 * bytes.size() + 16;
    while (in < inEnd && guard-- > 0) {
        const qsizetype available = inEnd - in;
        const bool lastWindow = available <= window;
        size_t inLeft = size_t(lastWindow ? available : window);
        char *outPtr = buffer;
        size_t outLeft = sizeof buffer;
        const char *const inBefore = in;
        const size_t rc = iconv(cd, &in, &inLeft, &outPtr, &outLeft);
        const int err = errno;
        out.append(buffer, outPtr - buffer);
        if (rc != size_t(-1))
            continue;
        if (err == E2BIG) {
            if (in == inBefore && outPtr == buffer)
                break; // no progress possible
            continue;
        }
        if (err == EINVAL && !lastWindow && in != inBefore)
            continue; // a sequence cut by the window: the next window starts with it
        out.append(kReplacementUtf8);
        if ((err == EILSEQ || err == EINVAL) && in < inEnd && !(err == EINVAL && lastWindow)) {
            // Skip the offending byte and carry on.
            ++in;
            continue;
        }
        break; // EINVAL: truncated sequence at the end; anything else: give up
    }
    // Flush a stateful decoder (ISO-2022-*).
    {
        char *outPtr = buffer;
        size_t outLeft = sizeof buffer;
        iconv(cd, nullptr, nullptr, &outPtr, &outLeft);
        out.append(buffer, outPtr - buffer);
    }
    iconv_close(cd);
    return QString::fromUtf8(out);
}

std::optional<QString> decodeChosen(QByteArrayView bytes, const CharsetChoice &choice)
{
    bytes = capped(bytes);
    switch (choice.route) {
    case Route::Utf8:
        return QString::fromUtf8(bytes);
    case Route::Ascii:
        // Mislabelled 8-bit text is common: treat it like unlabelled text.
        return fromUnlabelled(bytes);
    case Route::Cp1252:
        return fromCp1252(bytes);
    case Route::Iconv:
        return decodeWithIconv(bytes, choice.iconvName);
    }
    return std::nullopt;
}

// ---- RFC 2047 ---------------------------------------------------------------

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

// The "B" encoding: standard base64. Missing padding is tolerated (common in
// the wild); characters outside the alphabet, misplaced '=' and impossible
// lengths are not.
std::optional<QByteArray> decodeB(QByteArrayView text)
{
    qsizetype n = text.size();
    qsizetype pad = 0;
    while (n > 0 && text[n - 1] == '=' && pad < 2) {
        --n;
        ++pad;
    }
    if (n % 4 == 1)
        return std::nullopt;
    if (pad > 0 && (n + pad) % 4 != 0)
        return std::nullopt;
    QByteArray out;
    out.reserve(n * 3 / 4);
    quint32 acc = 0;
    int bits = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const int v = base64Value(text[i]);
        if (v < 0)
            return std::nullopt;
        acc = (acc << 6) | quint32(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.append(char((acc >> bits) & 0xFF));
        }
    }
    return out;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// The "Q" encoding: '_' is a space, "=XX" a byte; a broken escape makes the
// whole word malformed.
std::optional<QByteArray> decodeQ(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '_') {
            out.append(' ');
        } else if (c == '=') {
            if (i + 2 >= text.size())
                return std::nullopt;
            const int hi = hexValue(text[i + 1]);
            const int lo = hexValue(text[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            out.append(char(hi * 16 + lo));
            i += 2;
        } else {
            out.append(c);
        }
    }
    return out;
}

struct EncodedWord
{
    qsizetype end = 0;  // one past "?="
    QByteArray charset; // normalised: lower case, no "*language"
    QByteArray bytes;   // decoded, still in `charset`
};

// Parses "=?charset?X?text?=" starting at `pos` (which points at "=?").
std::optional<EncodedWord> parseEncodedWord(QByteArrayView raw, qsizetype pos)
{
    const qsizetype n = raw.size();
    qsizetype p = pos + 2;
    const qsizetype charsetBegin = p;
    while (p < n && raw[p] != '?') {
        const uchar c = uchar(raw[p]);
        if (c <= 0x20 || c >= 0x7F || p - charsetBegin >= kMaxCharsetName)
            return std::nullopt;
        ++p;
    }
    if (p >= n || p == charsetBegin)
        return std::nullopt;
    QByteArray charset = raw.sliced(charsetBegin, p - charsetBegin).toByteArray().toLower();
    if (const qsizetype star = charset.indexOf('*'); star >= 0)
        charset.truncate(star); // RFC 2231 language
    if (charset.isEmpty())
        return std::nullopt;
    ++p; // '?'
    if (p + 1 >= n || raw[p + 1] != '?')
        return std::nullopt;
    const char encoding = raw[p];
    if (encoding != 'B' && encoding != 'b' && encoding != 'Q' && encoding != 'q')
        return std::nullopt;
    p += 2;
    const qsizetype textBegin = p;
    while (p < n && raw[p] != '?') {
        const uchar c = uchar(raw[p]);
        if (c <= 0x20 || c >= 0x7F)
            return std::nullopt;
        ++p;
    }
    if (p + 1 >= n || raw[p + 1] != '=')
        return std::nullopt;
    const QByteArrayView text = raw.sliced(textBegin, p - textBegin);
    std::optional<QByteArray> bytes = (encoding == 'B' || encoding == 'b') ? decodeB(text) : decodeQ(text);
    if (!bytes)
        return std::nullopt;
    return EncodedWord{p + 2, std::move(charset), std::move(*bytes)};
}

// Plain header text: unfolds line breaks (a run of CR/LF and the white space
// after it becomes one space) and decodes raw 8-bit bytes.
QString decodePlain(QByteArrayView text)
{
    QByteArray unfolded;
    unfolded.reserve(text.size());
    qsizetype i = 0;
    while (i < text.size()) {
        if (isLineBreak(text[i])) {
            while (i < text.size() && isLineBreak(text[i]))
                ++i;
            while (i < text.size() && isWsp(text[i]))
                ++i;
            unfolded.append(' ');
            continue;
        }
        unfolded.append(text[i]);
        ++i;
    }
    return fromUnlabelled(unfolded);
}

} // namespace

std::optional<QString> decodeCharset(QByteArrayView bytes, QByteArrayView charset)
{
    const std::optional<CharsetChoice> choice = chooseCharset(charset);
    if (!choice)
        return std::nullopt;
    return decodeChosen(bytes, *choice);
}

QString decodeHeader(QByteArrayView raw)
{
    raw = capped(raw);
    const qsizetype n = raw.size();

    struct Token
    {
        enum Kind { Text, Space, Word } kind;
        qsizetype begin;
        qsizetype end;
        QByteArray charset;
        QByteArray bytes;
    };
    QList<Token> tokens;

    qsizetype textStart = 0;
    auto flushText = [&](qsizetype upTo) {
        if (upTo <= textStart)
            return;
        const QByteArrayView text = raw.sliced(textStart, upTo - textStart);
        const bool afterWord = !tokens.isEmpty() && tokens.last().kind == Token::Word;
        const bool allSpace = std::all_of(text.begin(), text.end(), isHeaderSpace);
        // Whitespace right after a word is tentatively a separator; it stays
        // one only when another word follows (checked below).
        tokens.append({afterWord && allSpace ? Token::Space : Token::Text, textStart, upTo, {}, {}});
    };

    qsizetype i = 0;
    while (i + 1 < n) {
        if (raw[i] == '=' && raw[i + 1] == '?') {
            if (std::optional<EncodedWord> word = parseEncodedWord(raw, i)) {
                flushText(i);
                tokens.append({Token::Word, i, word->end, std::move(word->charset), std::move(word->bytes)});
                i = word->end;
                textStart = i;
                continue;
            }
        }
        ++i;
    }
    flushText(n);
    if (!tokens.isEmpty() && tokens.last().kind == Token::Space)
        tokens.last().kind = Token::Text;

    // Group adjacent words of one charset (their bytes are concatenated
    // before conversion, so characters split across words survive) and
    // decode each group; a group that can not be decoded stays literal.
    struct Item
    {
        enum Kind { Text, Space, Group } kind;
        qsizetype begin;
        qsizetype end;
        std::optional<QString> decoded; // Group only
    };
    QList<Item> items;
    for (qsizetype t = 0; t < tokens.size();) {
        const Token &tok = tokens[t];
        if (tok.kind != Token::Word) {
            items.append({tok.kind == Token::Space ? Item::Space : Item::Text, tok.begin, tok.end, std::nullopt});
            ++t;
            continue;
        }
        QByteArray bytes = tok.bytes;
        qsizetype last = t;
        for (;;) {
            qsizetype next = last + 1;
            if (next < tokens.size() && tokens[next].kind == Token::Space)
                ++next;
            if (next < tokens.size() && tokens[next].kind == Token::Word && tokens[next].charset == tok.charset
                && bytes.size() < kMaxInput) {
                bytes += tokens[next].bytes;
                last = next;
                continue;
            }
            break;
        }
        items.append({Item::Group, tok.begin, tokens[last].end, decodeCharset(bytes, tok.charset)});
        t = last + 1;
    }

    QString out;
    out.reserve(n);
    for (qsizetype k = 0; k < items.size(); ++k) {
        const Item &item = items[k];
        switch (item.kind) {
        case Item::Group:
            if (item.decoded) {
                out += *item.decoded;
                break;
            }
            out += decodePlain(raw.sliced(item.begin, item.end - item.begin));
            break;
        case Item::Space: {
            // Between two words by construction; dropped unless one of them
            // turned out to be literal text (unknown charset).
            const bool prevOk = k > 0 && items[k - 1].kind == Item::Group && items[k - 1].decoded;
            const bool nextOk = k + 1 < items.size() && items[k + 1].kind == Item::Group && items[k + 1].decoded;
            if (!(prevOk && nextOk))
                out += decodePlain(raw.sliced(item.begin, item.end - item.begin));
            break;
        }
        case Item::Text:
            out += decodePlain(raw.sliced(item.begin, item.end - item.begin));
            break;
        }
    }
    return out;
}

// ---- Modified UTF-7 (RFC 3501 5.1.3) -----------------------------------------

namespace {

bool isPrintableAscii(char16_t u)
{
    return u >= 0x20 && u <= 0x7E;
}

int modifiedBase64Value(char c)
{
    if (c == ',')
        return 63;
    if (c == '/')
        return -1;
    return base64Value(c);
}

} // namespace

QByteArray encodeMailboxName(const QString &name)
{
    QByteArray out;
    out.reserve(name.size() + 8);
    const qsizetype n = name.size();
    qsizetype i = 0;
    while (i < n) {
        const char16_t u = name.at(i).unicode();
        if (isPrintableAscii(u)) {
            out.append(char(u));
            if (u == '&')
                out.append('-');
            ++i;
            continue;
        }
        QByteArray utf16be;
        while (i < n && !isPrintableAscii(name.at(i).unicode())) {
            char16_t units[2];
            int count = 1;
            const QChar c = name.at(i);
            if (c.isHighSurrogate() && i + 1 < n && name.at(i + 1).isLowSurrogate()) {
                units[0] = c.unicode();
                units[1] = name.at(i + 1).unicode();
                count = 2;
            } else if (c.isSurrogate()) {
                units[0] = 0xFFFD; // unpaired: not representable
            } else {
                units[0] = c.unicode();
            }
            for (int k = 0; k < count; ++k) {
                utf16be.append(char(units[k] >> 8));
                utf16be.append(char(units[k] & 0xFF));
            }
            i += count;
        }
        QByteArray b64 = utf16be.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals);
        b64.replace('/', ',');
        out.append('&');
        out.append(b64);
        out.append('-');
    }
    return out;
}

std::optional<QString> decodeMailboxName(QByteArrayView encoded)
{
    if (encoded.size() > kMaxInput)
        return std::nullopt;
    QString out;
    out.reserve(encoded.size());
    const qsizetype n = encoded.size();
    qsizetype i = 0;
    bool afterBase64 = false;
    while (i < n) {
        const char c = encoded[i];
        if (!isPrintableAscii(uchar(c)))
            return std::nullopt;
        if (c != '&') {
            out.append(QLatin1Char(c));
            afterBase64 = false;
            ++i;
            continue;
        }
        if (i + 1 < n && encoded[i + 1] == '-') {
            out.append(QLatin1Char('&'));
            afterBase64 = false;
            i += 2;
            continue;
        }
        if (afterBase64)
            return std::nullopt; // "-&": a null shift, not permitted
        qsizetype j = i + 1;
        QList<char16_t> units;
        quint32 acc = 0;
        int bits = 0;
        while (j < n && encoded[j] != '-') {
            const int v = modifiedBase64Value(encoded[j]);
            if (v < 0)
                return std::nullopt;
            acc = ((acc << 6) | quint32(v)) & 0x3FFFFF; // at most 22 bits are live
            bits += 6;
            if (bits >= 16) {
                bits -= 16;
                units.append(char16_t((acc >> bits) & 0xFFFF));
            }
            ++j;
        }
        if (j >= n)
            return std::nullopt; // not closed by '-'
        // Padding: fewer than 6 leftover bits, all zero; and something decoded.
        if (units.isEmpty() || bits >= 6 || (acc & ((1u << bits) - 1)) != 0)
            return std::nullopt;
        for (qsizetype k = 0; k < units.size(); ++k) {
            const char16_t u = units[k];
            if (isPrintableAscii(u))
                return std::nullopt; // must have represented itself
            if (QChar::isHighSurrogate(u)) {
                if (k + 1 >= units.size() || !QChar::isLowSurrogate(units[k + 1]))
                    return std::nullopt;
                out.append(QChar(u));
                out.append(QChar(units[k + 1]));
                ++k;
                continue;
            }
            if (QChar::isLowSurrogate(u))
                return std::nullopt;
            out.append(QChar(u));
        }
        afterBase64 = true;
        i = j + 1;
    }
    return out;
}

QString mailboxDisplayName(QByteArrayView raw)
{
    if (std::optional<QString> decoded = decodeMailboxName(raw))
        return *decoded;
    // Raw UTF-8 (UTF8=ACCEPT, or a careless server): keep a leading U+FEFF,
    // which QString::fromUtf8 would drop; it is part of the name.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decoder(capped(raw));
}

} // namespace imap
