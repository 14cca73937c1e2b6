#include "imap/CommandBuilder.h"

#include "imap/Encoding.h"

#include <QStringDecoder>

namespace imap {

namespace {

// Longest value sent as a quoted string; longer ones go as literals, which
// servers handle without line-length limits.
constexpr qsizetype kMaxQuoted = 1000;
// LITERAL- (RFC 7888) and IMAP4rev2 allow non-synchronizing literals up to this size.
constexpr qsizetype kMaxLiteralMinus = 4096;

bool isCtlOr8bit(uchar c)
{
    return c <= 0x1F || c >= 0x7F;
}

// RFC 9051 ASTRING-CHAR: ATOM-CHAR or resp-specials (']').
bool isAstringChar(uchar c)
{
    if (isCtlOr8bit(c))
        return false;
    switch (c) {
    case '(':
    case ')':
    case '{':
    case ' ':
    case '%':
    case '*':
    case '"':
    case '\\':
        return false;
    default:
        return true;
    }
}

bool isTagChar(uchar c)
{
    return isAstringChar(c) && c != '+';
}

bool isValidUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes); // the conversion runs only when materialised
    return !decoder.hasError();
}

bool nonSyncAllowed(const Capabilities &caps, qsizetype size)
{
    return caps.literalPlus() || (caps.literalMinus() && size <= kMaxLiteralMinus);
}

// Appends "{n}\r\n" or "{n+}\r\n" and the data; records the split point
// after a synchronizing announcement.
void appendLiteral(QByteArray &out, QByteArrayView data, const Capabilities &caps, QList<qsizetype> *splits)
{
    const bool nonSync = nonSyncAllowed(caps, data.size());
    out += '{';
    out += QByteArray::number(data.size());
    out += nonSync ? "+}\r\n" : "}\r\n";
    if (!nonSync && splits)
        splits->append(out.size());
    out += data;
}

// Parses a literal announcement "{n}\r\n" / "{n+}\r\n" at `pos` whose n bytes
// of data are all present in `in`. Returns the offset of the data and n.
std::optional<std::pair<qsizetype, qsizetype>> literalAt(QByteArrayView in, qsizetype pos)
{
    qsizetype p = pos + 1;
    quint64 n = 0;
    const qsizetype digitsBegin = p;
    while (p < in.size() && in[p] >= '0' && in[p] <= '9' && p - digitsBegin < 10) {
        n = n * 10 + quint64(in[p] - '0');
        ++p;
    }
    if (p == digitsBegin)
        return std::nullopt;
    if (p < in.size() && in[p] == '+')
        ++p;
    if (in.size() - p < 3)
        return std::nullopt;
    if (in.sliced(p, 3) != QByteArrayView("}\r\n"))
        return std::nullopt;
    p += 3;
    if (n > quint64(in.size() - p))
        return std::nullopt;
    return std::make_pair(p, qsizetype(n));
}

// Does `text` end with a literal announcement "{digits}" or "{digits+}"?
// Followed by our CRLF it would make the server swallow the next command.
qsizetype trailingAnnouncement(QByteArrayView text)
{
    qsizetype p = text.size();
    if (p == 0 || text[p - 1] != '}')
        return -1;
    --p;
    if (p > 0 && text[p - 1] == '+')
        --p;
    const qsizetype digitsEnd = p;
    while (p > 0 && text[p - 1] >= '0' && text[p - 1] <= '9')
        --p;
    if (p == digitsEnd || p == 0 || text[p - 1] != '{')
        return -1;
    return p - 1;
}

struct Sanitized
{
    QByteArray bytes;
    QList<qsizetype> splits;
};

// Pre-formatted arguments from the caller (criteria, fetch items, raw
// arguments, ...). They can never end the command line early or add one:
//  - with allowLiterals, a complete literal ("{n}\r\n" or "{n+}\r\n" followed
//    by its n bytes) is kept as a literal, its announcement re-chosen for the
//    server's capabilities (so appendString() output can be embedded);
//  - every other CR, LF and NUL becomes a space;
//  - a trailing announcement "{n}" / "{n+}", which our CRLF would turn into a
//    literal swallowing the next command, loses its closing brace;
//  - surrounding white space is trimmed.
Sanitized sanitizeRaw(QByteArrayView in, const Capabilities &caps, bool allowLiterals)
{
    Sanitized s;
    s.bytes.reserve(in.size());
    qsizetype literalEnd = 0; // in s.bytes: the end of the last literal's data
    qsizetype i = 0;
    while (i < in.size() && (in[i] == ' ' || in[i] == '\t' || in[i] == '\r' || in[i] == '\n' || in[i] == '\0'))
        ++i;
    while (i < in.size()) {
        const char c = in[i];
        if (c == '{' && allowLiterals) {
            if (const auto lit = literalAt(in, i)) {
                appendLiteral(s.bytes, in.sliced(lit->first, lit->second), caps, &s.splits);
                literalEnd = s.bytes.size();
                i = lit->first + lit->second;
                continue;
            }
        }
        s.bytes += (c == '\r' || c == '\n' || c == '\0') ? ' ' : c;
        ++i;
    }
    for (;;) {
        qsizetype end = s.bytes.size();
        while (end > literalEnd && (s.bytes[end - 1] == ' ' || s.bytes[end - 1] == '\t'))
            --end;
        s.bytes.truncate(end);
        if (trailingAnnouncement(QByteArrayView(s.bytes).sliced(literalEnd)) < 0)
            break;
        s.bytes.chop(1); // "{5}" -> "{5": a syntax error, not a literal
    }
    return s;
}

bool isInbox(const QString &mailbox)
{
    static constexpr char inbox[] = "inbox";
    if (mailbox.size() != 5)
        return false;
    for (int i = 0; i < 5; ++i) {
        const char16_t u = mailbox.at(i).unicode();
        const char16_t lower = (u >= 'A' && u <= 'Z') ? char16_t(u + 32) : u;
        if (lower != char16_t(inbox[i]))
            return false;
    }
    return true;
}

// Collects a command's arguments and the split points of synchronizing literals.
class CommandArgs
{
public:
    explicit CommandArgs(const CommandBuilder &builder)
        : m_builder(builder)
    { }

    QByteArray bytes;
    QList<qsizetype> splits;

    void separate()
    {
        if (!bytes.isEmpty())
            bytes += ' ';
    }
    // Trusted, constant text.
    void word(QByteArrayView text)
    {
        separate();
        bytes += text;
    }
    void string(QByteArrayView value)
    {
        separate();
        m_builder.appendString(bytes, value, &splits);
    }
    void mailbox(const QString &name) { string(m_builder.encodeMailbox(name)); }
    // Caller-formatted text, sanitised (see sanitizeRaw); nothing is added
    // when it is empty and there is no prefix / suffix. Returns whether
    // something was added.
    bool raw(QByteArrayView text, bool allowLiterals, QByteArrayView prefix = {}, QByteArrayView suffix = {})
    {
        const Sanitized s = sanitizeRaw(text, m_builder.capabilities(), allowLiterals);
        if (s.bytes.isEmpty() && prefix.isEmpty() && suffix.isEmpty())
            return false;
        separate();
        bytes += prefix;
        const qsizetype offset = bytes.size();
        for (qsizetype split : s.splits)
            splits.append(offset + split);
        bytes += s.bytes;
        bytes += suffix;
        return true;
    }
    // RETURN options: "(A B)", "A B" and "RETURN (A B)" all give "RETURN (A B)".
    void returnOptions(QByteArrayView text)
    {
        const QByteArray s = sanitizeRaw(text, m_builder.capabilities(), false).bytes;
        if (s.isEmpty())
            return;
        const bool hasKeyword = s.size() >= 6 && qstrnicmp(s.constData(), 6, "RETURN", 6) == 0
            && (s.size() == 6 || s[6] == ' ' || s[6] == '(');
        separate();
        if (hasKeyword)
            bytes += s;
        else if (s.startsWith('('))
            bytes += "RETURN " + s;
        else
            bytes += "RETURN (" + s + ')';
    }

private:
    const CommandBuilder &m_builder;
};

} // namespace

CommandBuilder::CommandBuilder(QByteArray tagPrefix)
{
    for (char c : std::as_const(tagPrefix))
        if (isTagChar(uchar(c)))
            m_prefix += c;
    if (m_prefix.isEmpty())
        m_prefix = "A";
}

QByteArray CommandBuilder::nextTag()
{
    if (++m_counter == 0)
        m_counter = 1;
    return m_prefix + QByteArray::number(m_counter);
}

CommandBuilder::Form CommandBuilder::formFor(QByteArrayView value) const
{
    if (value.isEmpty())
        return Form::Quoted;
    bool atom = true;
    bool quotable = value.size() <= kMaxQuoted;
    bool eightBit = false;
    for (char ch : value) {
        const uchar c = uchar(ch);
        if (!isAstringChar(c))
            atom = false;
        if (c == '\r' || c == '\n' || c == '\0')
            quotable = false;
        if (c >= 0x80)
            eightBit = true;
    }
    if (atom)
        return Form::Atom;
    if (quotable && eightBit && !(m_utf8 && isValidUtf8(value)))
        quotable = false;
    return quotable ? Form::Quoted : Form::Literal;
}

void CommandBuilder::appendString(QByteArray &out, QByteArrayView value, QList<qsizetype> *splits) const
{
    switch (formFor(value)) {
    case Form::Atom:
        out += value;
        return;
    case Form::Quoted:
        out.reserve(out.size() + value.size() + 2);
        out += '"';
        for (char c : value) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += '"';
        return;
    case Form::Literal:
        appendLiteral(out, value, m_caps, splits);
        return;
    }
}

QByteArray CommandBuilder::encodeMailbox(const QString &mailbox) const
{
    if (isInbox(mailbox))
        return QByteArrayLiteral("INBOX");
    return m_utf8 ? mailbox.toUtf8() : encodeMailboxName(mailbox);
}

Command CommandBuilder::make(const QByteArray &name, const QByteArray &args, const QList<qsizetype> &splits)
{
    Command c;
    c.tag = nextTag();
    c.name = name;
    QByteArray line = c.tag + ' ' + name;
    if (!args.isEmpty())
        line += ' ';
    const qsizetype offset = line.size();
    line += args;
    line += "\r\n";
    qsizetype previous = 0;
    for (qsizetype split : splits) {
        const qsizetype at = offset + split;
        if (at <= previous || at >= line.size())
            continue; // cannot happen; keeps chunks non-empty and in order
        c.chunks.append(line.mid(previous, at - previous));
        previous = at;
    }
    c.chunks.append(line.mid(previous));
    c.redacted = line;
    return c;
}

Command CommandBuilder::capability()
{
    return make("CAPABILITY", {}, {});
}

Command CommandBuilder::noop()
{
    return make("NOOP", {}, {});
}

Command CommandBuilder::logout()
{
    return make("LOGOUT", {}, {});
}

Command CommandBuilder::startTls()
{
    return make("STARTTLS", {}, {});
}

Command CommandBuilder::login(const QString &user, const QString &password)
{
    CommandArgs a(*this);
    a.string(user.toUtf8());
    const qsizetype userEnd = a.bytes.size();
    a.string(password.toUtf8());
    Command c = make("LOGIN", a.bytes, a.splits);
    c.sensitive = true;
    c.redacted = c.tag + " LOGIN " + a.bytes.left(userEnd) + " <redacted>\r\n";
    return c;
}

Command CommandBuilder::authenticatePlain(const QString &user, const QString &password)
{
    QByteArray message;
    message += '\0';
    message += user.toUtf8();
    message += '\0';
    message += password.toUtf8();
    QByteArray response = message.toBase64();
    const bool initialResponse = m_caps.saslIr();
    if (response.isEmpty() && initialResponse)
        response = "="; // RFC 4959: an empty initial response
    Command c;
    c.tag = nextTag();
    c.name = "AUTHENTICATE";
    c.sensitive = true;
    const QByteArray head = c.tag + " AUTHENTICATE PLAIN";
    if (initialResponse) {
        c.chunks = {head + ' ' + response + "\r\n"};
        c.redacted = head + " <redacted>\r\n";
    } else {
        c.chunks = {head + "\r\n", response + "\r\n"};
        c.redacted = head + "\r\n<redacted>\r\n";
    }
    return c;
}

Command CommandBuilder::enable(const QByteArrayList &capabilities)
{
    CommandArgs a(*this);
    for (const QByteArray &cap : capabilities)
        a.raw(cap, false);
    return make("ENABLE", a.bytes, a.splits);
}

Command CommandBuilder::examine(const QString &mailbox, const QByteArray &extra)
{
    CommandArgs a(*this);
    a.mailbox(mailbox);
    a.raw(extra, false);
    return make("EXAMINE", a.bytes, a.splits);
}

Command CommandBuilder::select(const QString &mailbox, const QByteArray &extra)
{
    CommandArgs a(*this);
    a.mailbox(mailbox);
    a.raw(extra, false);
    return make("SELECT", a.bytes, a.splits);
}

Command CommandBuilder::close()
{
    return make("CLOSE", {}, {});
}

Command CommandBuilder::unselect()
{
    return make("UNSELECT", {}, {});
}

Command CommandBuilder::list(const QString &reference, const QString &pattern, const QByteArray &returnOptions)
{
    CommandArgs a(*this);
    // An empty reference or pattern is "". The wildcards '%' and '*' are
    // atom-specials, so a pattern holding them goes quoted ("*"): valid
    // list-mailbox syntax that every server accepts.
    a.string(reference.isEmpty() ? QByteArray() : encodeMailbox(reference));
    a.string(pattern.isEmpty() ? QByteArray() : encodeMailbox(pattern));
    a.returnOptions(returnOptions);
    return make("LIST", a.bytes, a.splits);
}

Command CommandBuilder::status(const QString &mailbox, const QByteArrayList &items)
{
    CommandArgs a(*this);
    a.mailbox(mailbox);
    a.raw(items.join(' '), false, "(", ")");
    return make("STATUS", a.bytes, a.splits);
}

Command CommandBuilder::idle()
{
    return make("IDLE", {}, {});
}

QByteArray CommandBuilder::done()
{
    return QByteArrayLiteral("DONE\r\n");
}

Command CommandBuilder::uidSearch(const QByteArray &criteria, const QByteArray &returnOptions)
{
    CommandArgs a(*this);
    a.returnOptions(returnOptions);
    if (!a.raw(criteria, true))
        a.word("ALL");
    return make("UID SEARCH", a.bytes, a.splits);
}

Command CommandBuilder::uidFetch(const QByteArray &uidSet, const QByteArray &items)
{
    CommandArgs a(*this);
    a.raw(uidSet, false);
    a.raw(items, true);
    return make("UID FETCH", a.bytes, a.splits);
}

Command CommandBuilder::uidStore(const QByteArray &uidSet, const QByteArray &action, const QByteArray &flags)
{
    CommandArgs a(*this);
    a.raw(uidSet, false);
    a.raw(action, false);
    a.raw(flags, false);
    return make("UID STORE", a.bytes, a.splits);
}

Command CommandBuilder::append(const QString &mailbox, const QByteArray &flags, const QByteArray &message)
{
    CommandArgs a(*this);
    a.mailbox(mailbox);
    const QByteArray cleanFlags = sanitizeRaw(flags, m_caps, false).bytes;
    if (!cleanFlags.isEmpty())
        a.raw(cleanFlags, false, cleanFlags.startsWith('(') ? "" : "(", cleanFlags.startsWith('(') ? "" : ")");
    a.separate();
    const qsizetype literalBegin = a.bytes.size();
    appendLiteral(a.bytes, message, m_caps, &a.splits);
    const qsizetype markerEnd = a.bytes.indexOf("\r\n", literalBegin);
    Command c = make("APPEND", a.bytes, a.splits);
    c.redacted
        = c.tag + " APPEND " + a.bytes.left(markerEnd) + " <" + QByteArray::number(message.size()) + " bytes>\r\n";
    return c;
}

Command CommandBuilder::notify(const QByteArray &arguments)
{
    CommandArgs a(*this);
    a.raw(arguments, true);
    return make("NOTIFY", a.bytes, a.splits);
}

Command CommandBuilder::raw(const QByteArray &name, const QByteArray &arguments)
{
    const QByteArray cleanName = sanitizeRaw(name, m_caps, false).bytes;
    CommandArgs a(*this);
    a.raw(arguments, true);
    return make(cleanName, a.bytes, a.splits);
}

} // namespace imap
