// Fuzz target "command": imap::CommandBuilder with arbitrary user strings
// (login, password, mailbox names) and arbitrary pre-formatted arguments
// (criteria, fetch items, flags, RETURN options, raw commands).
//
// Input: one byte of options (capabilities LITERAL+ / LITERAL- / IMAP4rev2 /
// SASL-IR, UTF8=ACCEPT enabled, strings read as UTF-16), then strings split
// as fuzz::Input::string() does ("\ " ends one, "\\" is a backslash).
//
// Every command built must frame as exactly one command: lines end in CRLF,
// no CR, LF or NUL anywhere else outside literals, a line ending in "{n}" or
// "{n+}" is followed by exactly n literal bytes, and the command ends at the
// end of its bytes. Chunks split exactly after each synchronizing literal
// announcement; non-synchronizing ones are only used when the capabilities
// allow. String arguments read back (atom, quoted or literal) as exactly the
// bytes given; a literal appendString() embedded in criteria survives; the
// redacted form never holds the password.

#include "FuzzSupport.h"

#include "imap/CommandBuilder.h"
#include "imap/Encoding.h"
#include <QStringDecoder>

using imap::Command;
using imap::CommandBuilder;

namespace {

bool isAstringChar(unsigned char c)
{
    if (c <= 0x1f || c >= 0x7f)
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

struct Literal
{
    qsizetype afterAnnouncement; // offset just after "}\r\n"
    qsizetype size;
    bool synchronizing;
};

// Does the line end in "{n}" or "{n+}"? Sets size and whether it has '+'.
bool announcementAtEnd(QByteArrayView line, qint64 &size, bool &plus)
{
    qsizetype i = line.size();
    if (i == 0 || line[i - 1] != '}')
        return false;
    --i;
    plus = i > 0 && line[i - 1] == '+';
    if (plus)
        --i;
    const qsizetype digitsEnd = i;
    while (i > 0 && line[i - 1] >= '0' && line[i - 1] <= '9')
        --i;
    if (i == digitsEnd || i == 0 || line[i - 1] != '{')
        return false;
    if (digitsEnd - i > 12)
        return false; // no literal of ours is that large; treated as text (and then fails below)
    size = 0;
    for (qsizetype k = i; k < digitsEnd; ++k)
        size = size * 10 + (line[k] - '0');
    return true;
}

// Frames `wire` as a server would: returns the literals, fails on anything
// that is not exactly one command.
QList<Literal> frame(const QByteArray &wire, const QByteArray &context)
{
    QList<Literal> literals;
    qsizetype lineStart = 0;
    qsizetype p = 0;
    while (true) {
        FUZZ_CHECK(p < wire.size(), "command does not end with CRLF\n" + context);
        const char c = wire[p];
        FUZZ_CHECK(c != '\0', "NUL outside a literal at " + QByteArray::number(p) + "\n" + context);
        FUZZ_CHECK(c != '\n', "LF without CR at " + QByteArray::number(p) + "\n" + context);
        if (c != '\r') {
            ++p;
            continue;
        }
        FUZZ_CHECK(p + 1 < wire.size() && wire[p + 1] == '\n',
                   "CR without LF at " + QByteArray::number(p) + "\n" + context);
        const QByteArrayView line = QByteArrayView(wire).sliced(lineStart, p - lineStart);
        p += 2;
        qint64 size = 0;
        bool plus = false;
        if (!announcementAtEnd(line, size, plus)) {
            FUZZ_CHECK(p == wire.size(),
                       "more bytes after the end of the command at " + QByteArray::number(p) + "\n" + context);
            return literals;
        }
        FUZZ_CHECK(size <= wire.size() - p, "literal longer than the rest of the command\n" + context);
        literals.append({p, qsizetype(size), !plus});
        p += qsizetype(size);
        lineStart = p;
    }
}

// Reads IMAP astrings from a command's bytes.
struct Reader
{
    QByteArray w; // owned: the command's bytes
    qsizetype p = 0;
    bool utf8 = false;
    QByteArray context;

    void expect(QByteArrayView text)
    {
        FUZZ_CHECK(p <= w.size() && QByteArrayView(w).sliced(p).startsWith(text),
                   "expected \"" + text.toByteArray() + "\" at " + QByteArray::number(p) + "\n" + context);
        p += text.size();
    }
    QByteArray astring()
    {
        FUZZ_CHECK(p < w.size(), "expected a string at the end\n" + context);
        QByteArray out;
        if (w[p] == '"') {
            ++p;
            while (true) {
                FUZZ_CHECK(p < w.size(), "unterminated quoted string\n" + context);
                char c = w[p++];
                if (c == '"')
                    break;
                if (c == '\\') {
                    FUZZ_CHECK(p < w.size() && (w[p] == '"' || w[p] == '\\'), "bad escape\n" + context);
                    c = w[p++];
                }
                FUZZ_CHECK(c != '\r' && c != '\n' && c != '\0', "CR, LF or NUL in a quoted string\n" + context);
                out += c;
            }
            // 8-bit only as UTF-8, and only once UTF8=ACCEPT is enabled.
            if (!utf8 || !fuzz::strictUtf8(out))
                for (char c : std::as_const(out))
                    FUZZ_CHECK(static_cast<unsigned char>(c) < 0x80, "8-bit quoted string\n" + context);
            return out;
        }
        if (w[p] == '{') {
            qsizetype q = p + 1;
            qint64 n = 0;
            while (q < w.size() && w[q] >= '0' && w[q] <= '9')
                n = n * 10 + (w[q++] - '0');
            if (q < w.size() && w[q] == '+')
                ++q;
            p = q;
            expect("}\r\n");
            FUZZ_CHECK(n <= w.size() - p, "literal too long\n" + context);
            out = w.sliced(p, n);
            p += n;
            return out;
        }
        const qsizetype s = p;
        while (p < w.size() && isAstringChar(static_cast<unsigned char>(w[p])))
            ++p;
        FUZZ_CHECK(p > s, "expected atom, quoted string or literal at " + QByteArray::number(p) + "\n" + context);
        return w.sliced(s, p - s);
    }
};

QByteArray describe(const Command &c)
{
    QByteArray out = "command " + c.name + ", " + QByteArray::number(c.chunks.size()) + " chunks:";
    for (const QByteArray &chunk : c.chunks)
        out += "\n  [" + chunk + "]";
    return out;
}

// The framing rules every tagged command obeys. Returns a reader positioned
// after "tag NAME " (or at the CRLF when there are no arguments).
Reader checkCommand(const Command &c, const imap::Capabilities &caps, bool utf8)
{
    const QByteArray context = describe(c);
    FUZZ_CHECK(!c.chunks.isEmpty(), context);
    for (const QByteArray &chunk : c.chunks)
        FUZZ_CHECK(!chunk.isEmpty(), "empty chunk\n" + context);
    const QByteArray wire = c.wire();
    FUZZ_CHECK(!c.tag.isEmpty(), context);
    for (char ch : c.tag)
        FUZZ_CHECK(isAstringChar(static_cast<unsigned char>(ch)) && ch != '+', "bad tag\n" + context);
    FUZZ_CHECK(wire.startsWith(c.tag + ' ' + c.name), context);

    const QList<Literal> literals = frame(wire, context);
    // Chunks end exactly after the synchronizing announcements.
    QList<qsizetype> boundaries;
    qsizetype at = 0;
    for (qsizetype i = 0; i + 1 < c.chunks.size(); ++i)
        boundaries.append(at += c.chunks[i].size());
    QList<qsizetype> sync;
    for (const Literal &l : literals) {
        if (l.synchronizing) {
            sync.append(l.afterAnnouncement);
        } else {
            const bool allowed = caps.literalPlus() || (caps.literalMinus() && l.size <= 4096);
            FUZZ_CHECK(allowed, "non-synchronizing literal of " + QByteArray::number(l.size) + " bytes\n" + context);
        }
    }
    FUZZ_CHECK(boundaries == sync, "chunks do not end at the synchronizing literals\n" + context);
    Reader r{wire, c.tag.size() + 1 + c.name.size(), utf8, context};
    if (r.p < wire.size() && wire[r.p] == ' ')
        ++r.p;
    return r;
}

void checkEnd(Reader &r)
{
    FUZZ_CHECK(r.p == r.w.size() - 2, "arguments do not end at " + QByteArray::number(r.p) + "\n" + r.context);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::Input in(data, size);
    const quint8 options = in.byte();
    QByteArrayList capabilities{"IMAP4rev1"};
    if (options & 1)
        capabilities.append("LITERAL+");
    if (options & 2)
        capabilities.append("LITERAL-");
    if (options & 4)
        capabilities.append("IMAP4rev2");
    if (options & 8)
        capabilities.append("SASL-IR");
    const bool utf8 = options & 16;
    const bool utf16Strings = options & 32;
    const imap::Capabilities caps(capabilities);

    CommandBuilder builder(in.string());
    builder.setCapabilities(caps);
    builder.setUtf8Enabled(utf8);

    const QByteArray userBytes = in.string();
    const QByteArray passwordBytes = in.string();
    const QString user = fuzz::toQString(userBytes, utf16Strings);
    const QString password = fuzz::toQString(passwordBytes, utf16Strings);
    const QString mailbox = fuzz::toQString(in.string(), utf16Strings);
    const QString pattern = fuzz::toQString(in.string(), utf16Strings);
    const QByteArray extra = in.string();
    const QByteArray criteria = in.string();
    const QByteArray items = in.string();
    const QByteArray flags = in.string();
    const QByteArray returnOptions = in.string();
    const QByteArray name = in.string();
    const QByteArray message = in.rest().toByteArray();

    {
        const Command c = builder.login(user, password);
        Reader r = checkCommand(c, caps, utf8);
        FUZZ_CHECK(r.astring() == user.toUtf8(), "user\n" + r.context);
        const qsizetype userEnd = r.p;
        r.expect(" ");
        const QByteArray pw = r.astring();
        FUZZ_CHECK(pw == password.toUtf8(), "password\n" + r.context);
        checkEnd(r);
        FUZZ_CHECK(c.sensitive, "LOGIN not sensitive");
        // Everything up to the user name, then the marker: the password (and
        // its literal announcement, which gives its length) never shows.
        FUZZ_CHECK(c.redacted == r.w.left(userEnd) + " <redacted>\r\n", "redacted: " + c.redacted);
    }
    {
        const Command c = builder.authenticatePlain(user, password);
        FUZZ_CHECK(c.sensitive, "AUTHENTICATE not sensitive");
        const QByteArray head = c.tag + " AUTHENTICATE PLAIN";
        QByteArray response;
        if (caps.saslIr()) {
            FUZZ_CHECK(c.chunks.size() == 1 && c.chunks[0].startsWith(head + ' ') && c.chunks[0].endsWith("\r\n"),
                       describe(c));
            response = c.chunks[0].mid(head.size() + 1).chopped(2);
        } else {
            FUZZ_CHECK(c.chunks.size() == 2 && c.chunks[0] == head + "\r\n" && c.chunks[1].endsWith("\r\n"),
                       describe(c));
            response = c.chunks[1].chopped(2);
        }
        for (char ch : std::as_const(response))
            FUZZ_CHECK((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '+'
                           || ch == '/' || ch == '=',
                       "not base64: " + describe(c));
        const QByteArray expected = '\0' + user.toUtf8() + '\0' + password.toUtf8();
        FUZZ_CHECK(QByteArray::fromBase64(response) == expected, describe(c));
        if (response.size() >= 8)
            FUZZ_CHECK(!c.redacted.contains(response), "response in redacted: " + c.redacted);
    }
    {
        const QByteArray encoded = builder.encodeMailbox(mailbox);
        bool inbox = mailbox.size() == 5;
        for (qsizetype i = 0; inbox && i < 5; ++i)
            inbox = mailbox.at(i).toLatin1() == "inbox"[i] || mailbox.at(i).toLatin1() == "INBOX"[i];
        if (inbox) {
            FUZZ_CHECK(encoded == "INBOX", "INBOX encoded as " + encoded);
        } else if (mailbox.isValidUtf16()) {
            // (QString::fromUtf8 would drop a leading U+FEFF, which is part of the name.)
            QStringDecoder fromUtf8(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
            const QString back = utf8 ? QString(fromUtf8(encoded))
                                      : imap::decodeMailboxName(encoded).value_or(QStringLiteral("<invalid>"));
            FUZZ_CHECK(back == mailbox, "mailbox " + fuzz::printableString(mailbox) + " encoded as " + encoded);
        }

        for (const Command &c : {builder.examine(mailbox, extra), builder.select(mailbox, extra)}) {
            Reader r = checkCommand(c, caps, utf8);
            FUZZ_CHECK(r.astring() == encoded, "mailbox\n" + r.context);
        }
        Reader r = checkCommand(builder.status(mailbox, items.split(' ')), caps, utf8);
        FUZZ_CHECK(r.astring() == encoded, "mailbox\n" + r.context);

        const Command list = builder.list(mailbox, pattern, returnOptions);
        Reader lr = checkCommand(list, caps, utf8);
        FUZZ_CHECK(lr.astring() == (mailbox.isEmpty() ? QByteArray() : encoded), "reference\n" + lr.context);
        lr.expect(" ");
        FUZZ_CHECK(lr.astring() == (pattern.isEmpty() ? QByteArray() : builder.encodeMailbox(pattern)),
                   "pattern\n" + lr.context);

        const Command append = builder.append(mailbox, flags, message);
        Reader ar = checkCommand(append, caps, utf8);
        FUZZ_CHECK(ar.astring() == encoded, "mailbox\n" + ar.context);
        FUZZ_CHECK(append.wire().endsWith(message + "\r\n"), "message\n" + ar.context);
        FUZZ_CHECK(append.redacted.endsWith(" <" + QByteArray::number(message.size()) + " bytes>\r\n"),
                   "redacted: " + append.redacted);
    }
    {
        // A user string embedded in criteria through appendString().
        QByteArray embedded = "SUBJECT ";
        QList<qsizetype> splits;
        builder.appendString(embedded, userBytes, &splits);
        const Command c = builder.uidSearch(embedded);
        Reader r = checkCommand(c, caps, utf8);
        r.expect("SUBJECT ");
        FUZZ_CHECK(r.astring() == userBytes, "criteria string\n" + r.context);
        checkEnd(r);

        QByteArray appended;
        splits.clear();
        builder.appendString(appended, passwordBytes, &splits);
        Reader direct{appended + "\r\n", 0, utf8, "appendString: " + appended};
        FUZZ_CHECK(direct.astring() == passwordBytes, direct.context);
        FUZZ_CHECK(direct.p == appended.size(), direct.context);
        const CommandBuilder::Form form = builder.formFor(passwordBytes);
        FUZZ_CHECK((form == CommandBuilder::Form::Literal) == appended.startsWith('{'), direct.context);
    }
    // Pre-formatted arguments: whatever they hold, one command each.
    checkCommand(builder.enable(extra.split(',')), caps, utf8);
    checkCommand(builder.uidSearch(criteria, returnOptions), caps, utf8);
    checkCommand(builder.uidFetch(criteria, items), caps, utf8);
    checkCommand(builder.uidStore(items, extra, flags), caps, utf8);
    checkCommand(builder.notify(criteria), caps, utf8);
    checkCommand(builder.raw(name, criteria), caps, utf8);
    checkCommand(builder.raw(name, message), caps, utf8);
    checkCommand(builder.uidFetch(message, flags), caps, utf8);
    for (const Command &c : {builder.capability(), builder.noop(), builder.logout(), builder.startTls(), builder.idle(),
                             builder.close(), builder.unselect()}) {
        Reader r = checkCommand(c, caps, utf8);
        FUZZ_CHECK(r.p == r.w.size() - 2, r.context);
    }
    FUZZ_CHECK(CommandBuilder::done() == "DONE\r\n", "DONE");
    return 0;
}
