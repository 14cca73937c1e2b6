#include "imap/Parser.h"

#include <QtAlgorithms>

#include <cstring>
#include <limits>

// Design notes
// ------------
// Framing (Parser::next, frameStep) is strict about CRLF: a response line ends
// at CR LF only. A lone LF (or lone CR) inside a line is tolerated by the
// framer as an ordinary byte; the parse step keeps it in human-readable text
// (status text, continuation text) and rejects it as a Syntax error where the
// grammar has structure. Dovecot, Gmail, Exchange and Cyrus all send CRLF.
//
// A line that ends in "{n}", "{n+}" or "~{n}" announces a literal of n bytes;
// the framer counts them and the line continues after them. Exception: the
// first line of a status response ("tag OK|NO|BAD ...", "* OK|NO|BAD|PREAUTH|
// BYE ...") or of a continuation request ("+ ...") never announces a literal
// (RFC 9051 resp-text has no literals), so human text that happens to end in
// "{5}" cannot desynchronise the stream.
//
// The framer keeps its position between feed() calls (m_scan, m_lineStart,
// m_literalLeft), so framing is O(total bytes) whatever the split. Limits are
// checked as soon as they can be: a literal announcement is rejected when its
// line ends, before anything is allocated for it; a line that grows past
// maxLineLength is rejected as soon as a next() call sees it.
//
// Parsing (parseFramed) is a recursive-descent reader over the framed bytes
// with explicit bounds on every read. Parenthesised data of unknown meaning
// (BODYSTRUCTURE, unknown FETCH items, LIST extended data, ...) is skipped by
// an iterative skipper, so stack depth is bounded by the grammar we know, not
// by the input; nesting beyond Limits::maxNesting is NestingTooDeep (fatal,
// as every limit violation is).
//
// Memory: the buffer holds at most one response in progress (bounded by the
// limits) plus whatever the caller feeds between two next() calls. The
// consumed prefix is dropped lazily (only once it is at least as large as the
// rest, so copying is amortised O(1) per byte); after a fatal error the buffer
// is released and further input is discarded until reset().
//
// Speed (FETCH ENVELOPE streams are the hot path): responses are parsed in
// place from the buffer, strings are copied once into their QByteArray, common
// keywords and flags are static data, quoted strings are scanned eight bytes
// at a time, address lists are allocated once at their final size, and an
// address list whose bytes repeat "from" (the usual sender / reply-to) is
// shared instead of parsed again.

namespace imap {

namespace {

using Limits = Parser::Limits;
using Result = Parser::Result;

// ---------------------------------------------------------------------------
// Character classes

enum : quint8 {
    kAtom = 0x01,    // ATOM-CHAR (and, leniently, 8-bit bytes)
    kAstring = 0x02, // ASTRING-CHAR: ATOM-CHAR / "]"
    kTag = 0x04,     // tag: 7-bit ASTRING-CHAR except "+"
    kToken = 0x08,   // generic skipping: anything except SP ( ) " and CTLs
    kName = 0x10,    // FETCH / STATUS item names: ATOM-CHAR except "["
    kQuoted = 0x20,  // plain bytes inside a quoted string (not " \ CR)
};

struct CharClasses
{
    quint8 v[256];
    constexpr CharClasses()
        : v{}
    {
        for (int c = 0; c < 256; ++c) {
            const bool ctl = c < 0x20 || c == 0x7f;
            const bool atomSpecial = ctl || c == ' ' || c == '(' || c == ')' || c == '{' || c == '%' || c == '*'
                || c == '"' || c == '\\' || c == ']';
            quint8 f = 0;
            if (!atomSpecial)
                f |= kAtom;
            if (!atomSpecial || c == ']')
                f |= kAstring;
            if (c < 0x80 && (f & kAstring) && c != '+')
                f |= kTag;
            if (!ctl && c != ' ' && c != '(' && c != ')' && c != '"')
                f |= kToken;
            if (!atomSpecial && c != '[')
                f |= kName;
            if (c != '"' && c != '\\' && c != '\r')
                f |= kQuoted;
            v[c] = f;
        }
    }
};
constexpr CharClasses kClasses;

inline bool is(char c, quint8 cls)
{
    return (kClasses.v[static_cast<unsigned char>(c)] & cls) != 0;
}

inline bool isDigit(char c)
{
    return static_cast<unsigned char>(c - '0') <= 9;
}

// End of a keyword: the next SP or control byte. Shared by the framer and the
// parser so that both classify a line the same way.
inline const char *wordEnd(const char *p, const char *end)
{
    while (p < end) {
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c <= ' ' || c == 0x7f)
            break;
        ++p;
    }
    return p;
}

inline char upperAscii(char c)
{
    return (c >= 'a' && c <= 'z') ? char(c - ('a' - 'A')) : c;
}

// Case-insensitive comparison with an upper-case ASCII literal.
template<size_t N> inline bool equalsUpper(QByteArrayView v, const char (&upper)[N])
{
    if (v.size() != qsizetype(N - 1))
        return false;
    for (size_t i = 0; i < N - 1; ++i)
        if (upperAscii(v[qsizetype(i)]) != upper[i])
            return false;
    return true;
}

QByteArray upperCopy(QByteArrayView v)
{
    QByteArray out(v.size(), Qt::Uninitialized);
    char *d = out.data();
    for (qsizetype i = 0; i < v.size(); ++i)
        d[i] = upperAscii(v[i]);
    return out;
}

inline quint64 limitOf(qsizetype limit)
{
    return limit < 0 ? 0 : quint64(limit);
}

// Parses an unsigned decimal number that must fill the whole view.
bool parseNumber(QByteArrayView v, quint64 &out)
{
    if (v.isEmpty())
        return false;
    quint64 value = 0;
    for (char c : v) {
        if (!isDigit(c))
            return false;
        const unsigned d = unsigned(c - '0');
        if (value > (std::numeric_limits<quint64>::max() - d) / 10)
            return false;
        value = value * 10 + d;
    }
    out = value;
    return true;
}

// ---------------------------------------------------------------------------
// Keywords

enum class Kw {
    Other,
    Ok,
    No,
    Bad,
    PreAuth,
    Bye,
    Capability,
    Flags,
    Enabled,
    Exists,
    Recent,
    Expunge,
    Fetch,
    Search,
    ESearch,
    Status,
    List,
    Lsub,
    Vanished,
};

Kw classify(QByteArrayView v)
{
    switch (v.size()) {
    case 2:
        if (equalsUpper(v, "OK"))
            return Kw::Ok;
        if (equalsUpper(v, "NO"))
            return Kw::No;
        break;
    case 3:
        if (equalsUpper(v, "BAD"))
            return Kw::Bad;
        if (equalsUpper(v, "BYE"))
            return Kw::Bye;
        break;
    case 4:
        if (equalsUpper(v, "LIST"))
            return Kw::List;
        if (equalsUpper(v, "LSUB"))
            return Kw::Lsub;
        break;
    case 5:
        if (equalsUpper(v, "FETCH"))
            return Kw::Fetch;
        if (equalsUpper(v, "FLAGS"))
            return Kw::Flags;
        break;
    case 6:
        if (equalsUpper(v, "EXISTS"))
            return Kw::Exists;
        if (equalsUpper(v, "RECENT"))
            return Kw::Recent;
        if (equalsUpper(v, "SEARCH"))
            return Kw::Search;
        if (equalsUpper(v, "STATUS"))
            return Kw::Status;
        break;
    case 7:
        if (equalsUpper(v, "PREAUTH"))
            return Kw::PreAuth;
        if (equalsUpper(v, "EXPUNGE"))
            return Kw::Expunge;
        if (equalsUpper(v, "ENABLED"))
            return Kw::Enabled;
        if (equalsUpper(v, "ESEARCH"))
            return Kw::ESearch;
        break;
    case 8:
        if (equalsUpper(v, "VANISHED"))
            return Kw::Vanished;
        break;
    case 10:
        if (equalsUpper(v, "CAPABILITY"))
            return Kw::Capability;
        break;
    default:
        break;
    }
    return Kw::Other;
}

// The upper-cased keyword; static data (no allocation) for the known ones.
QByteArray keywordBytes(Kw kw, QByteArrayView raw)
{
    switch (kw) {
    case Kw::Ok:
        return QByteArrayLiteral("OK");
    case Kw::No:
        return QByteArrayLiteral("NO");
    case Kw::Bad:
        return QByteArrayLiteral("BAD");
    case Kw::PreAuth:
        return QByteArrayLiteral("PREAUTH");
    case Kw::Bye:
        return QByteArrayLiteral("BYE");
    case Kw::Capability:
        return QByteArrayLiteral("CAPABILITY");
    case Kw::Flags:
        return QByteArrayLiteral("FLAGS");
    case Kw::Enabled:
        return QByteArrayLiteral("ENABLED");
    case Kw::Exists:
        return QByteArrayLiteral("EXISTS");
    case Kw::Recent:
        return QByteArrayLiteral("RECENT");
    case Kw::Expunge:
        return QByteArrayLiteral("EXPUNGE");
    case Kw::Fetch:
        return QByteArrayLiteral("FETCH");
    case Kw::Search:
        return QByteArrayLiteral("SEARCH");
    case Kw::ESearch:
        return QByteArrayLiteral("ESEARCH");
    case Kw::Status:
        return QByteArrayLiteral("STATUS");
    case Kw::List:
        return QByteArrayLiteral("LIST");
    case Kw::Lsub:
        return QByteArrayLiteral("LSUB");
    case Kw::Vanished:
        return QByteArrayLiteral("VANISHED");
    case Kw::Other:
        break;
    }
    return upperCopy(raw);
}

inline bool isStatusKeyword(Kw kw)
{
    return kw == Kw::Ok || kw == Kw::No || kw == Kw::Bad || kw == Kw::PreAuth || kw == Kw::Bye;
}

// Frequent flags as static data: a FLAGS list then costs no allocation per flag.
QByteArray flagBytes(QByteArrayView v)
{
    switch (v.size()) {
    case 2:
        if (v == "\\*")
            return QByteArrayLiteral("\\*");
        break;
    case 5:
        if (v == "\\Seen")
            return QByteArrayLiteral("\\Seen");
        break;
    case 6:
        if (v == "\\Draft")
            return QByteArrayLiteral("\\Draft");
        break;
    case 7:
        if (v == "\\Recent")
            return QByteArrayLiteral("\\Recent");
        break;
    case 8:
        if (v == "\\Flagged")
            return QByteArrayLiteral("\\Flagged");
        if (v == "\\Deleted")
            return QByteArrayLiteral("\\Deleted");
        break;
    case 9:
        if (v == "\\Answered")
            return QByteArrayLiteral("\\Answered");
        break;
    default:
        break;
    }
    return v.toByteArray();
}

// ---------------------------------------------------------------------------
// Errors

// At most 64 bytes; CR, LF, TAB and other control bytes escaped.
QByteArray makeExcerpt(const char *begin, const char *end, const char *at)
{
    constexpr qsizetype maxBytes = 64;
    constexpr qsizetype context = 24;
    const char *s = begin;
    if (at && at > begin && at <= end && at - begin > context)
        s = at - context;
    QByteArray out;
    out.reserve(maxBytes);
    static const char hex[] = "0123456789abcdef";
    for (const char *q = s; q < end; ++q) {
        const unsigned char c = static_cast<unsigned char>(*q);
        char buf[4];
        qsizetype len = 0;
        if (c == '\r') {
            buf[0] = '\\', buf[1] = 'r', len = 2;
        } else if (c == '\n') {
            buf[0] = '\\', buf[1] = 'n', len = 2;
        } else if (c == '\t') {
            buf[0] = '\\', buf[1] = 't', len = 2;
        } else if (c < 0x20 || c == 0x7f) {
            buf[0] = '\\', buf[1] = 'x', buf[2] = hex[c >> 4], buf[3] = hex[c & 0xf], len = 4;
        } else {
            buf[0] = char(c), len = 1;
        }
        if (out.size() + len > maxBytes)
            break;
        out.append(buf, len);
    }
    return out;
}

ParseError makeError(ParseError::Code code, bool fatal, QString message, const char *begin, const char *end,
                     const char *at)
{
    ParseError e;
    e.code = code;
    e.fatal = fatal;
    e.message = std::move(message);
    e.excerpt = makeExcerpt(begin, end, at);
    return e;
}

Result errorResult(ParseError error)
{
    Result r;
    r.status = Result::Status::Error;
    r.error = std::move(error);
    return r;
}

// ---------------------------------------------------------------------------
// Framing

// Is this the first line of a status response or continuation request? Such a
// line never announces a literal. Mirrors the keyword logic of the parser:
// first token up to SP, then spaces, then the keyword up to SP, CTL or end.
bool isStatusLine(const char *line, qsizetype len)
{
    if (len > 0 && line[0] == '+')
        return true;
    const char *end = line + len;
    const char *q = static_cast<const char *>(std::memchr(line, ' ', size_t(len)));
    if (!q)
        return false;
    while (q < end && *q == ' ')
        ++q;
    const char *kwEnd = wordEnd(q, end);
    return isStatusKeyword(classify(QByteArrayView(q, kwEnd - q)));
}

enum class LiteralAnnouncement { None, Ok, TooLarge };

// Does the line (without CRLF) end in "{n}", "{n+}" (or "~{n}")?
LiteralAnnouncement literalAtLineEnd(const char *line, qsizetype len, quint64 maxSize, quint64 &size)
{
    if (len < 3 || line[len - 1] != '}')
        return LiteralAnnouncement::None;
    qsizetype i = len - 2;
    if (line[i] == '+')
        --i;
    const qsizetype digitsEnd = i + 1;
    while (i >= 0 && isDigit(line[i]))
        --i;
    if (i < 0 || line[i] != '{' || i + 1 == digitsEnd)
        return LiteralAnnouncement::None;
    quint64 value = 0;
    for (qsizetype k = i + 1; k < digitsEnd; ++k) {
        value = value * 10 + unsigned(line[k] - '0');
        if (value > maxSize) // maxSize <= 2^60: value * 10 + 9 cannot overflow
            return LiteralAnnouncement::TooLarge;
    }
    size = value;
    return LiteralAnnouncement::Ok;
}

enum class FrameStatus { NeedMore, Complete, Error };

// A line that breaks both the line and the response limit is reported as
// whichever a byte-by-byte feed meets first (the line limit on a tie), so the
// error does not depend on how the input was split. Only called when the line
// from lineStart is known to exceed maxLine (so data[lineStart + maxLine] exists).
bool responseLimitFirst(const char *data, qsizetype start, qsizetype lineStart, quint64 maxLine, quint64 maxResponse)
{
    // The byte that makes the line too long: a CR there is not counted until
    // the byte after it shows that it does not start the CRLF.
    quint64 lineAt = quint64(lineStart) + maxLine;
    if (data[lineAt] == '\r')
        ++lineAt;
    return quint64(start) + maxResponse < lineAt;
}

struct FrameState
{
    qsizetype start = 0;     // first byte of the response
    qsizetype scan = 0;      // bytes before this are framed
    qsizetype lineStart = 0; // first byte of the current line
    qint64 literalLeft = 0;  // literal bytes still expected
};

// Advances framing over data[0, size). On Complete, the response is
// data[st.start, st.scan).
FrameStatus frameStep(const char *data, qsizetype size, FrameState &st, const Limits &limits, ParseError &error)
{
    const quint64 maxLine = limitOf(limits.maxLineLength);
    const quint64 maxLiteral = std::min<quint64>(limitOf(limits.maxLiteralSize), quint64(1) << 60);
    const quint64 maxResponse = limitOf(limits.maxResponseSize);
    for (;;) {
        if (st.literalLeft > 0) {
            const qint64 take = std::min<qint64>(size - st.scan, st.literalLeft);
            st.scan += take;
            st.literalLeft -= take;
            if (st.literalLeft > 0)
                return FrameStatus::NeedMore;
            st.lineStart = st.scan;
        }
        const void *lf = st.scan < size ? std::memchr(data + st.scan, '\n', size_t(size - st.scan)) : nullptr;
        if (!lf) {
            st.scan = size;
            qsizetype lineLength = size - st.lineStart;
            if (lineLength > 0 && data[size - 1] == '\r')
                --lineLength; // may be the CR of the CRLF to come
            if (quint64(lineLength) > maxLine
                && !(quint64(size - st.start) > maxResponse
                     && responseLimitFirst(data, st.start, st.lineStart, maxLine, maxResponse))) {
                error = makeError(ParseError::Code::LineTooLong, true,
                                  QStringLiteral("Line exceeds the limit of %1 bytes").arg(limits.maxLineLength),
                                  data + st.lineStart, data + size, nullptr);
                return FrameStatus::Error;
            }
            if (quint64(size - st.start) > maxResponse) {
                error = makeError(ParseError::Code::ResponseTooLarge, true,
                                  QStringLiteral("Response exceeds the limit of %1 bytes").arg(limits.maxResponseSize),
                                  data + st.start, data + size, nullptr);
                return FrameStatus::Error;
            }
            return FrameStatus::NeedMore;
        }
        const qsizetype lfPos = static_cast<const char *>(lf) - data;
        st.scan = lfPos + 1;
        if (lfPos == st.lineStart || data[lfPos - 1] != '\r')
            continue; // a lone LF is an ordinary byte of the line
        const char *line = data + st.lineStart;
        const qsizetype lineLength = lfPos - 1 - st.lineStart;
        if (quint64(lineLength) > maxLine
            && !(quint64(st.scan - st.start) > maxResponse
                 && responseLimitFirst(data, st.start, st.lineStart, maxLine, maxResponse))) {
            error = makeError(ParseError::Code::LineTooLong, true,
                              QStringLiteral("Line exceeds the limit of %1 bytes").arg(limits.maxLineLength), line,
                              line + lineLength, nullptr);
            return FrameStatus::Error;
        }
        if (quint64(st.scan - st.start) > maxResponse) {
            error = makeError(ParseError::Code::ResponseTooLarge, true,
                              QStringLiteral("Response exceeds the limit of %1 bytes").arg(limits.maxResponseSize),
                              data + st.start, data + st.scan, nullptr);
            return FrameStatus::Error;
        }
        quint64 literal = 0;
        const LiteralAnnouncement ann = literalAtLineEnd(line, lineLength, maxLiteral, literal);
        if (ann != LiteralAnnouncement::None && !(st.lineStart == st.start && isStatusLine(line, lineLength))) {
            const char *excerptStart = line + std::max<qsizetype>(0, lineLength - 48);
            if (ann == LiteralAnnouncement::TooLarge) {
                error = makeError(ParseError::Code::LiteralTooLarge, true,
                                  QStringLiteral("Literal exceeds the limit of %1 bytes").arg(limits.maxLiteralSize),
                                  excerptStart, line + lineLength, nullptr);
                return FrameStatus::Error;
            }
            if (quint64(st.scan - st.start) + literal > maxResponse) {
                error = makeError(ParseError::Code::ResponseTooLarge, true,
                                  QStringLiteral("Response exceeds the limit of %1 bytes").arg(limits.maxResponseSize),
                                  excerptStart, line + lineLength, nullptr);
                return FrameStatus::Error;
            }
            st.literalLeft = qint64(literal);
            st.lineStart = st.scan;
            continue;
        }
        return FrameStatus::Complete;
    }
}

// ---------------------------------------------------------------------------
// Parsing

enum class Lit { No, Yes, Bad };

class Reader
{
public:
    Reader(const char *begin, const char *limit, const Limits &limits)
        : begin(begin)
        , p(begin)
        , lim(limit)
        , limits(limits)
    { }

    const char *const begin;
    const char *p;
    const char *const lim; // exclusive; at top level the CR of the final CRLF
    const Limits &limits;
    int depth = 0;
    ParseError::Code code = ParseError::Code::None;
    bool fatal = false;
    QString message;
    const char *errorAt = nullptr;

    bool failWith(ParseError::Code c, const QString &what, bool isFatal)
    {
        if (code == ParseError::Code::None) {
            code = c;
            fatal = isFatal;
            message = QStringLiteral("%1 at byte %2").arg(what).arg(p - begin);
            errorAt = p;
        }
        return false;
    }
    bool fail(const char *what) { return failWith(ParseError::Code::Syntax, QLatin1String(what), false); }

    bool atEnd() const { return p >= lim; }
    int peek() const { return p < lim ? static_cast<unsigned char>(*p) : -1; }
    bool skipSpaces()
    {
        const char *s = p;
        while (p < lim && *p == ' ')
            ++p;
        return p != s;
    }
    bool sp() { return skipSpaces() || fail("expected space"); }
    // After a value inside a list: a space, or the list's ')'.
    bool separator()
    {
        if (p < lim && *p == ')')
            return true;
        return sp();
    }
    bool end()
    {
        skipSpaces();
        return atEnd() || fail("unexpected data");
    }
    QByteArrayView run(quint8 cls)
    {
        const char *s = p;
        while (p < lim && is(*p, cls))
            ++p;
        return QByteArrayView(s, p - s);
    }
    // Up to the next SP or control byte (or the end).
    QByteArrayView word()
    {
        const char *s = p;
        p = wordEnd(p, lim);
        return QByteArrayView(s, p - s);
    }
    bool open()
    {
        if (p >= lim || *p != '(')
            return fail("expected '('");
        if (depth >= limits.maxNesting)
            return failWith(ParseError::Code::NestingTooDeep,
                            QStringLiteral("Nesting exceeds the limit of %1").arg(limits.maxNesting), true);
        ++p;
        ++depth;
        return true;
    }
    bool close()
    {
        skipSpaces();
        if (p >= lim || *p != ')')
            return fail("expected ')'");
        ++p;
        --depth;
        return true;
    }
    // In a list: skips spaces, true when the next byte is ')'.
    bool atListEnd()
    {
        skipSpaces();
        return p < lim && *p == ')';
    }

    bool number64(quint64 &out)
    {
        const char *s = p;
        quint64 value = 0;
        while (p < lim && isDigit(*p)) {
            const unsigned d = unsigned(*p - '0');
            if (value > (std::numeric_limits<quint64>::max() - d) / 10)
                return fail("number too large");
            value = value * 10 + d;
            ++p;
        }
        if (p == s)
            return fail("expected number");
        out = value;
        return true;
    }
    bool number32(quint32 &out)
    {
        const char *s = p;
        quint64 value = 0;
        if (!number64(value))
            return false;
        if (value > std::numeric_limits<quint32>::max()) {
            p = s;
            return fail("number too large");
        }
        out = quint32(value);
        return true;
    }
    bool nzNumber32(quint32 &out)
    {
        const char *s = p;
        if (!number32(out))
            return false;
        if (out == 0) {
            p = s;
            return fail("expected non-zero number");
        }
        return true;
    }

    bool atNil() const
    {
        return lim - p >= 3 && upperAscii(p[0]) == 'N' && upperAscii(p[1]) == 'I' && upperAscii(p[2]) == 'L'
            && (lim - p == 3 || !is(p[3], kAstring));
    }

    // "{n}" / "{n+}" / "~{n}" CRLF and n bytes.
    Lit literal(QByteArrayView &out)
    {
        const char *q = p;
        if (q < lim && *q == '~')
            ++q;
        if (q >= lim || *q != '{')
            return Lit::No;
        ++q;
        const char *digits = q;
        quint64 n = 0;
        bool overflow = false;
        while (q < lim && isDigit(*q)) {
            const unsigned d = unsigned(*q - '0');
            if (n > (std::numeric_limits<quint64>::max() - d) / 10)
                overflow = true;
            else
                n = n * 10 + d;
            ++q;
        }
        if (q == digits)
            return Lit::No;
        if (q < lim && *q == '+')
            ++q;
        if (q >= lim || *q != '}')
            return Lit::No;
        ++q;
        if (lim - q < 2 || q[0] != '\r' || q[1] != '\n')
            return Lit::No;
        if (overflow || n > limitOf(limits.maxLiteralSize)) {
            failWith(ParseError::Code::LiteralTooLarge,
                     QStringLiteral("Literal exceeds the limit of %1 bytes").arg(limits.maxLiteralSize), true);
            return Lit::Bad;
        }
        q += 2;
        if (n > quint64(lim - q)) {
            fail("literal extends past the end of the response");
            return Lit::Bad;
        }
        out = QByteArrayView(q, qsizetype(n));
        p = q + n;
        return Lit::Yes;
    }

    // First byte in [q, lim) that is '"', '\\' or CR (or lim).
    static const char *quotedStop(const char *q, const char *lim)
    {
        // Eight bytes at a time while possible (SWAR "has byte" test).
        constexpr quint64 ones = 0x0101010101010101ull;
        constexpr quint64 highs = 0x8080808080808080ull;
        while (lim - q >= 8) {
            quint64 x;
            std::memcpy(&x, q, 8);
            const quint64 a = x ^ (ones * '"');
            const quint64 b = x ^ (ones * '\\');
            const quint64 c = x ^ (ones * '\r');
            const quint64 hit = (((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c)) & highs;
            if (hit) {
#if Q_BYTE_ORDER == Q_LITTLE_ENDIAN
                // The lowest flagged byte is exact (false positives can only
                // follow a true match), and it is the first in memory.
                return q + qCountTrailingZeroBits(hit) / 8;
#else
                break;
#endif
            }
            q += 8;
        }
        while (q < lim && is(*q, kQuoted))
            ++q;
        return q;
    }

    // Quoted string; out may be null to skip.
    bool quoted(QByteArray *out)
    {
        const char *s = p + 1; // past the opening quote
        const char *q = quotedStop(s, lim);
        if (q < lim && *q == '"') { // fast path: no escapes
            if (out)
                *out = QByteArray(s, q - s);
            p = q + 1;
            return true;
        }
        QByteArray buf;
        if (out)
            buf.append(s, q - s);
        while (q < lim) {
            const char c = *q;
            if (c == '"') {
                if (out)
                    *out = std::move(buf);
                p = q + 1;
                return true;
            }
            if (c == '\\') {
                if (q + 1 < lim && (q[1] == '"' || q[1] == '\\')) {
                    if (out)
                        buf.append(q[1]);
                    q += 2;
                } else { // not a quoted-special: keep the backslash
                    if (out)
                        buf.append(c);
                    ++q;
                }
                continue;
            }
            if (c == '\r' && q + 1 < lim && q[1] == '\n')
                break; // a quoted string cannot span lines
            if (out)
                buf.append(c);
            ++q;
        }
        p = q;
        return fail("unterminated quoted string");
    }

    bool string(QByteArray &out)
    {
        if (p < lim && *p == '"')
            return quoted(&out);
        QByteArrayView lit;
        switch (literal(lit)) {
        case Lit::Yes:
            out = QByteArray(lit.data(), lit.size());
            return true;
        case Lit::Bad:
            return false;
        case Lit::No:
            break;
        }
        return fail("expected string");
    }
    bool nstring(QByteArray &out)
    {
        if (atNil()) {
            p += 3;
            out = QByteArray();
            return true;
        }
        return string(out);
    }
    bool astring(QByteArray &out)
    {
        if (p < lim && (*p == '"' || *p == '{' || (*p == '~' && lim - p > 1 && p[1] == '{')))
            return string(out);
        const QByteArrayView a = run(kAstring);
        if (a.isEmpty())
            return fail("expected string");
        out = a.toByteArray();
        return true;
    }

    // "\Seen", "\*", "$Forwarded", "Junk".
    bool flag(QByteArray &out)
    {
        const char *s = p;
        if (p < lim && *p == '\\') {
            ++p;
            if (p < lim && *p == '*')
                ++p;
            else if (run(kAtom).isEmpty())
                return fail("expected flag");
        } else if (run(kAtom).isEmpty()) {
            return fail("expected flag");
        }
        out = flagBytes(QByteArrayView(s, p - s));
        return true;
    }
    bool flagList(QByteArrayList &out)
    {
        if (!open())
            return false;
        while (!atListEnd()) {
            QByteArray f;
            if (!flag(f) || !separator())
                return false;
            out.append(std::move(f));
        }
        return close();
    }

    // sequence-set without "*": "2,10:11".
    template<typename Number> bool sequenceSet(NumberSet<Number> &out)
    {
        for (;;) {
            quint32 first = 0;
            quint32 last = 0;
            if (!nzNumber32(first))
                return false;
            last = first;
            if (p < lim && *p == ':') {
                ++p;
                if (!nzNumber32(last))
                    return false;
            }
            out.addRange(first, last);
            if (p < lim && *p == ',') {
                ++p;
                continue;
            }
            return true;
        }
    }

    // Skips one value of any shape: atom, number, quoted, literal, NIL or a
    // parenthesised list of those, nested. Iterative.
    bool skipValue()
    {
        const int base = depth;
        for (;;) {
            if (p >= lim)
                return fail("unexpected end of response");
            const char c = *p;
            if (c == '(') {
                if (!open())
                    return false;
                skipSpaces();
                continue;
            }
            if (c == ')') {
                if (depth == base)
                    return fail("unexpected ')'");
                ++p;
                --depth;
            } else if (c == '"') {
                if (!quoted(nullptr))
                    return false;
            } else {
                QByteArrayView lit;
                const Lit l = literal(lit);
                if (l == Lit::Bad)
                    return false;
                if (l == Lit::No && run(kToken).isEmpty())
                    return fail("unexpected byte");
            }
            if (depth == base)
                return true;
            skipSpaces();
        }
    }
};

// ---- response codes ----

using CodeKind = ResponseCode::Kind;

CodeKind codeKind(QByteArrayView n)
{
    struct Entry
    {
        const char *name;
        CodeKind kind;
    };
    static const Entry table[] = {
        {"ALERT", CodeKind::Alert},
        {"CAPABILITY", CodeKind::Capability},
        {"UIDVALIDITY", CodeKind::UidValidity},
        {"UIDNEXT", CodeKind::UidNext},
        {"UNSEEN", CodeKind::Unseen},
        {"HIGHESTMODSEQ", CodeKind::HighestModSeq},
        {"NOMODSEQ", CodeKind::NoModSeq},
        {"PERMANENTFLAGS", CodeKind::PermanentFlags},
        {"READ-ONLY", CodeKind::ReadOnly},
        {"READ-WRITE", CodeKind::ReadWrite},
        {"TRYCREATE", CodeKind::TryCreate},
        {"PARSE", CodeKind::Parse},
        {"BADCHARSET", CodeKind::BadCharset},
        {"AUTHENTICATIONFAILED", CodeKind::AuthenticationFailed},
        {"AUTHORIZATIONFAILED", CodeKind::AuthorizationFailed},
        {"UNAVAILABLE", CodeKind::Unavailable},
        {"EXPIRED", CodeKind::Expired},
        {"PRIVACYREQUIRED", CodeKind::PrivacyRequired},
        {"CONTACTADMIN", CodeKind::ContactAdmin},
        {"NOPERM", CodeKind::NoPerm},
        {"INUSE", CodeKind::InUse},
        {"EXPUNGEISSUED", CodeKind::ExpungeIssued},
        {"CORRUPTION", CodeKind::Corruption},
        {"SERVERBUG", CodeKind::ServerBug},
        {"CLIENTBUG", CodeKind::ClientBug},
        {"CANNOT", CodeKind::CannotSearch},
        {"LIMIT", CodeKind::Limit},
        {"OVERQUOTA", CodeKind::OverQuota},
        {"ALREADYEXISTS", CodeKind::AlreadyExists},
        {"NONEXISTENT", CodeKind::NonExistent},
        {"CLOSED", CodeKind::Closed},
        {"APPENDUID", CodeKind::AppendUid},
        {"COPYUID", CodeKind::CopyUid},
        {"UIDNOTSTICKY", CodeKind::UidNotSticky},
    };
    for (const Entry &e : table)
        if (n == QByteArrayView(e.name))
            return e.kind;
    return CodeKind::Other;
}

// `inner` is what stands between '[' and ']'. Never fails: content that does
// not match the code's grammar turns the code into Kind::Other.
void parseCode(QByteArrayView inner, const Limits &limits, ResponseCode &code)
{
    qsizetype nameEnd = inner.indexOf(' ');
    if (nameEnd < 0)
        nameEnd = inner.size();
    code.name = upperCopy(inner.first(nameEnd));
    QByteArrayView args = inner.sliced(nameEnd).trimmed();
    code.text = args.toByteArray();
    code.kind = codeKind(code.name);

    Reader r(args.data(), args.data() + args.size(), limits);
    bool ok = true;
    switch (code.kind) {
    case CodeKind::Capability:
        while (ok && !r.atEnd()) {
            const QByteArrayView atom = r.run(kAstring);
            ok = !atom.isEmpty();
            if (ok)
                code.list.append(atom.toByteArray());
            r.skipSpaces();
        }
        break;
    case CodeKind::UidValidity:
    case CodeKind::UidNext:
    case CodeKind::Unseen: {
        quint32 n = 0;
        ok = r.number32(n) && r.atEnd();
        code.number = n;
        break;
    }
    case CodeKind::HighestModSeq:
        ok = r.number64(code.number) && r.atEnd();
        break;
    case CodeKind::PermanentFlags:
        ok = r.flagList(code.list) && r.end();
        break;
    case CodeKind::BadCharset:
        if (!r.atEnd()) {
            ok = r.open();
            while (ok && !r.atListEnd()) {
                QByteArray charset;
                ok = r.astring(charset) && r.separator();
                if (ok)
                    code.list.append(std::move(charset));
            }
            ok = ok && r.close() && r.end();
        }
        break;
    case CodeKind::AppendUid: {
        quint32 uidValidity = 0;
        UidSet uids;
        ok = r.nzNumber32(uidValidity) && r.sp() && r.sequenceSet(uids) && r.end();
        code.number = uidValidity;
        break;
    }
    case CodeKind::CopyUid: {
        quint32 uidValidity = 0;
        UidSet source, destination;
        ok = r.nzNumber32(uidValidity) && r.sp() && r.sequenceSet(source) && r.sp() && r.sequenceSet(destination)
            && r.end();
        code.number = uidValidity;
        break;
    }
    default:
        break;
    }
    if (!ok) {
        code.kind = CodeKind::Other;
        code.list.clear();
        code.number = 0;
    }
}

// ---- untagged data ----

bool parseStatusRest(Reader &r, Response &resp, const Limits &limits)
{
    resp.type = Response::Type::Status;
    r.skipSpaces();
    if (r.peek() == '[') {
        const char *inner = r.p + 1;
        const void *close = std::memchr(inner, ']', size_t(r.lim - inner));
        if (close) { // without ']' the bracket is just text
            const char *c = static_cast<const char *>(close);
            parseCode(QByteArrayView(inner, c - inner), limits, resp.code);
            r.p = c + 1;
            r.skipSpaces();
        }
    }
    resp.text = QByteArray(r.p, r.lim - r.p);
    r.p = r.lim;
    return true;
}

bool parseAtomList(Reader &r, QByteArrayList &out)
{
    while (r.skipSpaces(), !r.atEnd()) {
        const QByteArrayView atom = r.run(kAstring);
        if (atom.isEmpty())
            return r.fail("expected atom");
        out.append(atom.toByteArray());
        if (!r.atEnd() && r.peek() != ' ')
            return r.fail("expected space");
    }
    return true;
}

bool parseAddressList(Reader &r, QList<Address> &out)
{
    if (r.atNil()) {
        r.p += 3;
        return true;
    }
    if (!r.open())
        return false;
    // Collect a few addresses locally so the list is allocated once, at its
    // final size, in the common case.
    constexpr int batch = 4;
    Address tmp[batch];
    int n = 0;
    while (!r.atListEnd()) {
        if (n == batch) {
            out.reserve(out.size() + 2 * batch);
            for (Address &a : tmp)
                out.append(std::move(a));
            n = 0;
        }
        Address &a = tmp[n];
        if (!r.open() || !r.nstring(a.name) || !r.sp() || !r.nstring(a.adl) || !r.sp() || !r.nstring(a.mailbox)
            || !r.sp() || !r.nstring(a.host) || !r.close())
            return false;
        ++n;
    }
    out.reserve(out.size() + n);
    for (int i = 0; i < n; ++i)
        out.append(std::move(tmp[i]));
    return r.close();
}

// An address list whose bytes repeat an earlier one parses to the same value:
// share it (servers fill sender and reply-to from "from").
bool parseAddressListSharing(Reader &r, QList<Address> &out, QByteArrayView sameAs, const QList<Address> &shared)
{
    if (r.lim - r.p >= sameAs.size() && std::memcmp(r.p, sameAs.data(), size_t(sameAs.size())) == 0) {
        out = shared;
        r.p += sameAs.size();
        return true;
    }
    return parseAddressList(r, out);
}

bool parseEnvelope(Reader &r, Envelope &e)
{
    if (!r.open() || !r.nstring(e.date) || !r.sp() || !r.nstring(e.subject) || !r.sp())
        return false;
    const char *fromStart = r.p;
    if (!parseAddressList(r, e.from))
        return false;
    const QByteArrayView fromRaw(fromStart, r.p - fromStart);
    return r.sp() && parseAddressListSharing(r, e.sender, fromRaw, e.from) && r.sp()
        && parseAddressListSharing(r, e.replyTo, fromRaw, e.from) && r.sp() && parseAddressList(r, e.to) && r.sp()
        && parseAddressList(r, e.cc) && r.sp() && parseAddressList(r, e.bcc) && r.sp() && r.nstring(e.inReplyTo)
        && r.sp() && r.nstring(e.messageId) && r.close();
}

bool atStringOrNil(const Reader &r)
{
    const int c = r.peek();
    return c == '"' || c == '{' || c == '~' || r.atNil();
}

// RFC 8970: PREVIEW nstring. Tolerates draft forms "(ALG nstring)" and
// "(ALG) nstring" (and old SNIPPET (FUZZY "text")).
bool parsePreview(Reader &r, std::optional<QByteArray> &out)
{
    QByteArray text;
    if (r.peek() != '(') {
        if (!r.nstring(text))
            return false;
        out = std::move(text);
        return true;
    }
    if (!r.open())
        return false;
    bool found = false;
    while (!r.atListEnd()) {
        if (atStringOrNil(r)) {
            if (!r.nstring(text))
                return false;
            found = true;
        } else if (!r.skipValue()) {
            return false;
        }
        if (!r.separator())
            return false;
    }
    if (!r.close())
        return false;
    if (!found) {
        const char *save = r.p;
        if (r.skipSpaces() && atStringOrNil(r)) {
            if (!r.nstring(text))
                return false;
            found = true;
        } else {
            r.p = save;
        }
    }
    out = found ? std::optional<QByteArray>(std::move(text)) : std::optional<QByteArray>(QByteArray());
    return true;
}

bool parseFetch(Reader &r, FetchData &fd)
{
    if (!r.open())
        return false;
    while (!r.atListEnd()) {
        const QByteArrayView name = r.run(kName);
        if (name.isEmpty())
            return r.fail("expected FETCH item");
        bool hasSection = false;
        QByteArrayView section;
        quint32 origin = 0;
        if (r.peek() == '[') {
            hasSection = true;
            const char *inner = r.p + 1;
            const void *close = std::memchr(inner, ']', size_t(r.lim - inner));
            if (!close)
                return r.fail("unterminated section");
            section = QByteArrayView(inner, static_cast<const char *>(close) - inner);
            r.p = static_cast<const char *>(close) + 1;
            if (r.peek() == '<') {
                ++r.p;
                if (!r.number32(origin))
                    return false;
                if (r.peek() != '>')
                    return r.fail("expected '>'");
                ++r.p;
            }
        }
        if (!r.sp())
            return false;

        bool ok = true;
        if (hasSection) {
            if (equalsUpper(name, "BODY") || equalsUpper(name, "BINARY")) {
                BodySection s;
                s.section = upperCopy(section);
                s.origin = origin;
                ok = r.nstring(s.data);
                fd.sections.append(std::move(s));
            } else {
                ok = r.skipValue(); // BINARY.SIZE[...] and unknown items
            }
        } else if (equalsUpper(name, "UID")) {
            quint32 uid = 0;
            ok = r.nzNumber32(uid);
            fd.uid = Uid(uid);
        } else if (equalsUpper(name, "FLAGS")) {
            QByteArrayList flags;
            ok = r.flagList(flags);
            fd.flags = std::move(flags);
        } else if (equalsUpper(name, "ENVELOPE")) {
            fd.envelope.emplace();
            ok = parseEnvelope(r, *fd.envelope);
        } else if (equalsUpper(name, "INTERNALDATE")) {
            QByteArray date;
            ok = r.string(date);
            fd.internalDate = std::move(date);
        } else if (equalsUpper(name, "RFC822.SIZE")) {
            quint64 size = 0;
            ok = r.number64(size);
            fd.rfc822Size = size;
        } else if (equalsUpper(name, "MODSEQ")) {
            quint64 modSeq = 0;
            ok = r.open() && r.number64(modSeq) && r.close();
            fd.modSeq = modSeq;
        } else if (equalsUpper(name, "PREVIEW") || equalsUpper(name, "SNIPPET")) {
            ok = parsePreview(r, fd.preview);
        } else if (equalsUpper(name, "RFC822") || equalsUpper(name, "RFC822.HEADER")
                   || equalsUpper(name, "RFC822.TEXT")) {
            BodySection s;
            s.section = upperCopy(name);
            ok = r.nstring(s.data);
            fd.sections.append(std::move(s));
        } else {
            ok = r.skipValue(); // BODY, BODYSTRUCTURE, EMAILID, X-GM-LABELS, ...
        }
        if (!ok || !r.separator())
            return false;
    }
    return r.close() && r.end();
}

bool parseSearch(Reader &r, SearchData &sd)
{
    while (r.skipSpaces(), !r.atEnd()) {
        if (r.peek() == '(') {
            quint64 modSeq = 0;
            if (!r.open())
                return false;
            r.skipSpaces();
            if (!equalsUpper(r.run(kName), "MODSEQ"))
                return r.fail("expected MODSEQ");
            if (!r.sp() || !r.number64(modSeq) || !r.close())
                return false;
            sd.modSeq = modSeq;
            continue;
        }
        quint32 n = 0;
        if (!r.number32(n))
            return false;
        if (!r.atEnd() && r.peek() != ' ')
            return r.fail("expected space");
        sd.numbers.append(n);
    }
    return true;
}

bool parseESearch(Reader &r, ESearchData &ed)
{
    r.skipSpaces();
    if (r.peek() == '(') { // search-correlator: (TAG "x" [more tagged-ext])
        if (!r.open())
            return false;
        while (!r.atListEnd()) {
            const QByteArrayView key = r.run(kName);
            if (key.isEmpty())
                return r.fail("expected correlator name");
            if (!r.sp())
                return false;
            if (equalsUpper(key, "TAG")) {
                if (!r.astring(ed.tag))
                    return false;
            } else if (!r.skipValue()) {
                return false;
            }
            if (!r.separator())
                return false;
        }
        if (!r.close())
            return false;
    }
    while (r.skipSpaces(), !r.atEnd()) {
        const QByteArrayView name = r.run(kName);
        if (name.isEmpty())
            return r.fail("expected search return item");
        if (equalsUpper(name, "UID")) {
            ed.uid = true;
            continue;
        }
        if (!r.sp())
            return false;
        bool ok = true;
        if (equalsUpper(name, "MIN")) {
            quint32 n = 0;
            ok = r.number32(n);
            ed.min = n;
        } else if (equalsUpper(name, "MAX")) {
            quint32 n = 0;
            ok = r.number32(n);
            ed.max = n;
        } else if (equalsUpper(name, "COUNT")) {
            quint32 n = 0;
            ok = r.number32(n);
            ed.count = n;
        } else if (equalsUpper(name, "ALL")) {
            NumberSet<Uid> all;
            ok = r.sequenceSet(all);
            ed.all = std::move(all);
        } else if (equalsUpper(name, "MODSEQ")) {
            quint64 n = 0;
            ok = r.number64(n);
            ed.modSeq = n;
        } else {
            ok = r.skipValue(); // PARTIAL, RELEVANCY, ...
        }
        if (!ok)
            return false;
        if (!r.atEnd() && r.peek() != ' ')
            return r.fail("expected space");
    }
    return true;
}

bool parseMailboxStatus(Reader &r, MailboxStatusData &sd)
{
    if (!r.astring(sd.mailbox) || !r.sp() || !r.open())
        return false;
    while (!r.atListEnd()) {
        const QByteArrayView name = r.run(kName);
        if (name.isEmpty())
            return r.fail("expected status item");
        if (!r.sp())
            return false;
        bool ok = true;
        std::optional<quint32> *n32 = nullptr;
        std::optional<quint64> *n64 = nullptr;
        if (equalsUpper(name, "MESSAGES"))
            n32 = &sd.messages;
        else if (equalsUpper(name, "UIDNEXT"))
            n32 = &sd.uidNext;
        else if (equalsUpper(name, "UIDVALIDITY"))
            n32 = &sd.uidValidity;
        else if (equalsUpper(name, "UNSEEN"))
            n32 = &sd.unseen;
        else if (equalsUpper(name, "RECENT"))
            n32 = &sd.recent;
        else if (equalsUpper(name, "DELETED"))
            n32 = &sd.deleted;
        else if (equalsUpper(name, "SIZE"))
            n64 = &sd.size;
        else if (equalsUpper(name, "HIGHESTMODSEQ"))
            n64 = &sd.highestModSeq;
        if (n32) {
            quint32 v = 0;
            ok = r.number32(v);
            *n32 = v;
        } else if (n64) {
            quint64 v = 0;
            ok = r.number64(v);
            *n64 = v;
        } else {
            ok = r.skipValue(); // APPENDLIMIT, MAILBOXID, DELETED-STORAGE, ...
        }
        if (!ok || !r.separator())
            return false;
    }
    return r.close() && r.end();
}

bool parseList(Reader &r, ListData &ld)
{
    if (!r.flagList(ld.attributes) || !r.sp())
        return false;
    if (r.atNil()) {
        r.p += 3;
        ld.delimiter = 0;
    } else if (r.peek() == '"') {
        QByteArray delimiter;
        if (!r.quoted(&delimiter))
            return false;
        if (delimiter.size() > 1)
            return r.fail("hierarchy delimiter is more than one character");
        ld.delimiter = delimiter.isEmpty() ? 0 : delimiter.at(0);
    } else {
        return r.fail("expected hierarchy delimiter");
    }
    if (!r.sp() || !r.astring(ld.mailbox))
        return false;
    if (r.atEnd())
        return true;
    if (!r.sp())
        return false;
    while (r.skipSpaces(), !r.atEnd()) // mbox-list-extended: ignored
        if (!r.skipValue())
            return false;
    return true;
}

bool parseVanished(Reader &r, VanishedData &vd)
{
    r.skipSpaces();
    if (r.peek() == '(') {
        if (!r.open())
            return false;
        while (!r.atListEnd()) {
            const QByteArrayView modifier = r.run(kName);
            if (modifier.isEmpty())
                return r.fail("expected VANISHED modifier");
            if (equalsUpper(modifier, "EARLIER"))
                vd.earlier = true;
            if (!r.separator())
                return false;
        }
        if (!r.close() || !r.sp())
            return false;
    }
    return r.sequenceSet(vd.uids) && r.end();
}

bool parseUntagged(Reader &r, Response &resp, const Limits &limits)
{
    resp.kind = Response::Kind::Untagged;
    QByteArrayView first = r.word();
    QByteArrayView numberToken;
    if (!first.isEmpty() && isDigit(first[0])) {
        numberToken = first;
        r.skipSpaces();
        first = r.word();
    }
    const Kw kw = classify(first);
    resp.keyword = keywordBytes(kw, first);

    if (!numberToken.isEmpty()) {
        if (kw != Kw::Exists && kw != Kw::Recent && kw != Kw::Expunge && kw != Kw::Fetch) {
            resp.type = Response::Type::Unknown;
            r.p = r.lim;
            return true;
        }
        quint64 n = 0;
        if (!parseNumber(numberToken, n) || n > std::numeric_limits<quint32>::max()) {
            r.p = numberToken.data();
            return r.fail("invalid message number");
        }
        resp.number = quint32(n);
        switch (kw) {
        case Kw::Exists:
            resp.type = Response::Type::Exists;
            return r.end();
        case Kw::Recent:
            resp.type = Response::Type::Recent;
            return r.end();
        case Kw::Expunge:
            resp.type = Response::Type::Expunge;
            if (n == 0) {
                r.p = numberToken.data();
                return r.fail("expected non-zero number");
            }
            return r.end();
        default: {
            resp.type = Response::Type::Fetch;
            if (n == 0) {
                r.p = numberToken.data();
                return r.fail("expected non-zero number");
            }
            FetchData &fd = resp.data.emplace<FetchData>();
            fd.seq = SeqNum(quint32(n));
            return r.sp() && parseFetch(r, fd);
        }
        }
    }

    switch (kw) {
    case Kw::Ok:
        resp.status = Status::Ok;
        return parseStatusRest(r, resp, limits);
    case Kw::No:
        resp.status = Status::No;
        return parseStatusRest(r, resp, limits);
    case Kw::Bad:
        resp.status = Status::Bad;
        return parseStatusRest(r, resp, limits);
    case Kw::PreAuth:
        resp.status = Status::PreAuth;
        return parseStatusRest(r, resp, limits);
    case Kw::Bye:
        resp.status = Status::Bye;
        return parseStatusRest(r, resp, limits);
    case Kw::Capability:
        resp.type = Response::Type::Capability;
        return parseAtomList(r, resp.list);
    case Kw::Enabled:
        resp.type = Response::Type::Enabled;
        return parseAtomList(r, resp.list);
    case Kw::Flags:
        resp.type = Response::Type::Flags;
        return r.sp() && r.flagList(resp.list) && r.end();
    case Kw::Search:
        resp.type = Response::Type::Search;
        return parseSearch(r, resp.data.emplace<SearchData>());
    case Kw::ESearch:
        resp.type = Response::Type::ESearch;
        return parseESearch(r, resp.data.emplace<ESearchData>());
    case Kw::Status:
        resp.type = Response::Type::MailboxStatus;
        return r.sp() && parseMailboxStatus(r, resp.data.emplace<MailboxStatusData>());
    case Kw::List:
    case Kw::Lsub:
        resp.type = kw == Kw::List ? Response::Type::List : Response::Type::Lsub;
        return r.sp() && parseList(r, resp.data.emplace<ListData>());
    case Kw::Vanished:
        resp.type = Response::Type::Vanished;
        return r.sp() && parseVanished(r, resp.data.emplace<VanishedData>());
    case Kw::Exists:
    case Kw::Recent:
    case Kw::Expunge:
    case Kw::Fetch:
    case Kw::Other:
        break;
    }
    // Not interpreted (or a message-data keyword without its number).
    resp.type = Response::Type::Unknown;
    r.p = r.lim;
    return true;
}

bool parseTop(Reader &r, Response &resp, const Limits &limits)
{
    if (r.atEnd())
        return r.fail("empty line");
    const char c = *r.p;
    if (c == '+') {
        resp.kind = Response::Kind::Continuation;
        resp.type = Response::Type::Status;
        ++r.p;
        if (r.peek() == ' ')
            ++r.p;
        resp.text = QByteArray(r.p, r.lim - r.p);
        r.p = r.lim;
        return true;
    }
    if (c == '*') {
        ++r.p;
        if (r.peek() != ' ')
            return r.fail("expected space after '*'");
        r.skipSpaces();
        return parseUntagged(r, resp, limits);
    }
    const QByteArrayView tag = r.run(kTag);
    if (tag.isEmpty())
        return r.fail("expected tag, '*' or '+'");
    if (r.peek() != ' ')
        return r.fail("expected space after tag");
    r.skipSpaces();
    const QByteArrayView word = r.word();
    const Kw kw = classify(word);
    if (kw != Kw::Ok && kw != Kw::No && kw != Kw::Bad) {
        r.p = word.data();
        return r.fail("expected OK, NO or BAD after tag");
    }
    resp.kind = Response::Kind::Tagged;
    resp.tag = tag.toByteArray();
    resp.keyword = keywordBytes(kw, word);
    resp.status = kw == Kw::Ok ? Status::Ok : kw == Kw::No ? Status::No : Status::Bad;
    return parseStatusRest(r, resp, limits);
}

// Parses one response that is known to be framed: `in` ends with its final
// CRLF. `result` is freshly constructed (NeedMoreData).
void parseFramed(QByteArrayView in, const Limits &limits, Result &result)
{
    const char *b = in.data();
    const qsizetype n = in.size();
    if (n < 2 || b[n - 2] != '\r' || b[n - 1] != '\n') {
        result.status = Result::Status::Error;
        result.error = makeError(ParseError::Code::Syntax, false, QStringLiteral("Response does not end with CRLF"), b,
                                 b + n, b);
        return;
    }
    Reader r(b, b + n - 2, limits);
    if (parseTop(r, result.response, limits) && (r.atEnd() || r.fail("unexpected data"))) {
        result.status = Result::Status::Ok;
        return;
    }
    if (r.code == ParseError::Code::None) // every failure path sets an error; stay safe regardless
        r.fail("syntax error");
    result.status = Result::Status::Error;
    result.response = Response();
    result.error = makeError(r.code, r.fatal, std::move(r.message), b, b + n, r.errorAt);
}

} // namespace

// ---------------------------------------------------------------------------
// Parser

Parser::Parser()
    : Parser(Limits{})
{ }

Parser::Parser(Limits limits)
    : m_limits(limits)
{ }

void Parser::feed(QByteArrayView bytes)
{
    if (m_fatal.code != ParseError::Code::None || bytes.isEmpty())
        return;
    // Drop the consumed prefix lazily: only when it is at least as large as
    // what is left, so the copying is amortised O(1) per byte.
    if (m_start > 0 && m_start >= m_buffer.size() - m_start)
        compact();
    m_buffer.append(bytes.data(), bytes.size());
}

void Parser::compact()
{
    if (m_start >= m_buffer.size()) {
        // Give back the memory of an unusually large response.
        if (m_buffer.capacity() > 4 * 1024 * 1024)
            m_buffer = QByteArray();
        else
            m_buffer.resize(0);
    } else {
        m_buffer.remove(0, m_start);
    }
    m_scan -= m_start;
    m_lineStart -= m_start;
    m_start = 0;
}

Parser::Result Parser::fatal(ParseError error)
{
    m_fatal = std::move(error);
    m_fatal.fatal = true;
    m_buffer = QByteArray();
    m_start = m_scan = m_lineStart = 0;
    m_literalLeft = 0;
    return errorResult(m_fatal);
}

Parser::Result Parser::next()
{
    if (m_fatal.code != ParseError::Code::None)
        return errorResult(m_fatal);

    FrameState st;
    st.start = m_start;
    st.scan = m_scan;
    st.lineStart = m_lineStart;
    st.literalLeft = m_literalLeft;
    ParseError error;
    const FrameStatus fs = frameStep(m_buffer.constData(), m_buffer.size(), st, m_limits, error);
    m_scan = st.scan;
    m_lineStart = st.lineStart;
    m_literalLeft = st.literalLeft;

    switch (fs) {
    case FrameStatus::NeedMore:
        return Result();
    case FrameStatus::Error:
        return fatal(std::move(error));
    case FrameStatus::Complete:
        break;
    }
    Result r;
    parseFramed(QByteArrayView(m_buffer.constData() + m_start, m_scan - m_start), m_limits, r);
    m_start = m_scan;
    m_lineStart = m_scan;
    if (r.status == Result::Status::Error && r.error.fatal)
        r = fatal(std::move(r.error));
    return r;
}

qsizetype Parser::bufferedBytes() const
{
    return m_buffer.size() - m_start;
}

void Parser::reset()
{
    m_buffer = QByteArray();
    m_start = m_scan = m_lineStart = 0;
    m_literalLeft = 0;
    m_fatal = ParseError();
}

Parser::Result Parser::parseResponse(QByteArrayView completeResponse, const Limits &limits)
{
    const char *b = completeResponse.data();
    const qsizetype n = completeResponse.size();
    FrameState st;
    ParseError error;
    switch (frameStep(b, n, st, limits, error)) {
    case FrameStatus::Error:
        return errorResult(std::move(error));
    case FrameStatus::NeedMore:
        return errorResult(makeError(ParseError::Code::Syntax, false,
                                     QStringLiteral("Incomplete response (missing CRLF or literal data)"), b, b + n,
                                     b));
    case FrameStatus::Complete:
        break;
    }
    if (st.scan != n) {
        return errorResult(makeError(ParseError::Code::Syntax, false,
                                     QStringLiteral("Data after the end of the response at byte %1").arg(st.scan), b,
                                     b + n, b + st.scan));
    }
    Result r;
    parseFramed(completeResponse, limits, r);
    return r;
}

} // namespace imap
