// Fuzz target "parser": imap::Parser over an arbitrary server byte stream.
//
// The input is the stream itself (so the corpus holds real server output).
// It is parsed with three sets of limits (the defaults, small ones, and tiny
// ones derived from the input), each fed in three ways: whole, byte by byte,
// and in pseudo-random chunks. Checked:
//  - every split gives the same sequence of responses and errors, the same
//    response boundaries and the same number of bytes left buffered;
//  - each response the stream parser returns, handed to the pure
//    Parser::parseResponse on its own, gives the very same result;
//  - results are well-formed (error codes and excerpts, tags, the data
//    variant matching the type, sets sorted and merged, sizes within limits);
//  - after a fatal error the parser holds no data and keeps reporting it,
//    and reset() makes it usable again.

#include "FuzzSupport.h"

#include "imap/Parser.h"

#include <algorithm>

using imap::Address;
using imap::ParseError;
using imap::Parser;
using imap::Response;
using Status = Parser::Result::Status;

namespace {

// Raw bytes: fuzz::failed() makes a report printable.
QByteArray nz(const QByteArray &b)
{
    return b.isNull() ? QByteArray("NIL") : '"' + b + '"';
}

template<typename T> QByteArray opt(const std::optional<T> &v)
{
    return v ? QByteArray::number(*v) : QByteArray("-");
}

QByteArray describeAddresses(const QList<Address> &list)
{
    QByteArray out = "[";
    for (const Address &a : list)
        out += '(' + nz(a.name) + ' ' + nz(a.adl) + ' ' + nz(a.mailbox) + ' ' + nz(a.host) + ')';
    return out + ']';
}

template<typename Set> void checkSet(const Set &set, const QByteArray &what)
{
    quint64 previousLast = 0;
    bool first = true;
    for (const auto &r : set.ranges()) {
        FUZZ_CHECK(r.first != 0 && r.first <= r.last, what + ' ' + set.toImap());
        // Sorted and merged: a gap of at least one number between ranges.
        FUZZ_CHECK(first || quint64(r.first) > previousLast + 1, what + ' ' + set.toImap());
        previousLast = r.last;
        first = false;
    }
}

// A complete, stable text form of a result.
QByteArray describe(const Parser::Result &r)
{
    if (r.status == Status::NeedMoreData)
        return "NeedMoreData";
    if (r.status == Status::Error)
        return "Error " + QByteArray::number(int(r.error.code)) + (r.error.fatal ? " fatal " : " ")
            + r.error.message.toUtf8() + " | " + r.error.excerpt;
    const Response &p = r.response;
    QByteArray out = "kind=" + QByteArray::number(int(p.kind)) + " type=" + QByteArray::number(int(p.type))
        + " tag=" + nz(p.tag) + " kw=" + nz(p.keyword) + " status=" + QByteArray::number(int(p.status))
        + " code=" + QByteArray::number(int(p.code.kind)) + '/' + nz(p.code.name) + '/' + nz(p.code.text) + '/'
        + p.code.list.join(',') + '/' + QByteArray::number(p.code.number) + " text=" + nz(p.text)
        + " n=" + QByteArray::number(p.number) + " list=" + p.list.join(',')
        + " variant=" + QByteArray::number(qsizetype(p.data.index()));
    if (const auto *f = p.fetch()) {
        out += " FETCH seq=" + QByteArray::number(f->seq.value()) + " uid="
            + (f->uid ? QByteArray::number(f->uid->value()) : "-") + " flags=" + (f->flags ? f->flags->join(',') : "-")
            + " idate=" + (f->internalDate ? nz(*f->internalDate) : "-") + " size=" + opt(f->rfc822Size)
            + " modseq=" + opt(f->modSeq) + " preview=" + (f->preview ? nz(*f->preview) : "-");
        if (f->envelope) {
            const auto &e = *f->envelope;
            out += " env=" + nz(e.date) + nz(e.subject) + describeAddresses(e.from) + describeAddresses(e.sender)
                + describeAddresses(e.replyTo) + describeAddresses(e.to) + describeAddresses(e.cc)
                + describeAddresses(e.bcc) + nz(e.inReplyTo) + nz(e.messageId);
        }
        for (const auto &s : f->sections)
            out += " sec=" + nz(s.section) + '<' + QByteArray::number(s.origin) + '>' + nz(s.data);
    }
    if (const auto *s = p.search()) {
        out += " SEARCH";
        for (quint32 n : s->numbers)
            out += ' ' + QByteArray::number(n);
        out += " modseq=" + opt(s->modSeq);
    }
    if (const auto *e = p.esearch())
        out += " ESEARCH tag=" + nz(e->tag) + " uid=" + QByteArray::number(e->uid) + " min=" + opt(e->min)
            + " max=" + opt(e->max) + " count=" + opt(e->count) + " all=" + (e->all ? e->all->toImap() : "-")
            + " modseq=" + opt(e->modSeq);
    if (const auto *s = p.mailboxStatus())
        out += " STATUS " + nz(s->mailbox) + ' ' + opt(s->messages) + ' ' + opt(s->recent) + ' ' + opt(s->uidNext) + ' '
            + opt(s->uidValidity) + ' ' + opt(s->unseen) + ' ' + opt(s->deleted) + ' ' + opt(s->size) + ' '
            + opt(s->highestModSeq);
    if (const auto *l = p.listData())
        out += " LIST " + l->attributes.join(',') + " delim=" + QByteArray::number(int(l->delimiter)) + ' '
            + nz(l->mailbox);
    if (const auto *v = p.vanished())
        out += " VANISHED " + QByteArray::number(v->earlier) + ' ' + v->uids.toImap();
    return out;
}

// Structural checks of one result; `framed` is the response's bytes when known.
void checkResult(const Parser::Result &r, const Parser::Limits &limits, QByteArrayView framed)
{
    if (r.status == Status::Error) {
        const ParseError &e = r.error;
        FUZZ_CHECK(e.code != ParseError::Code::None, describe(r));
        FUZZ_CHECK(!e.message.isEmpty(), describe(r));
        FUZZ_CHECK(e.excerpt.size() <= 64, describe(r));
        const bool limitError = e.code == ParseError::Code::LineTooLong || e.code == ParseError::Code::LiteralTooLarge
            || e.code == ParseError::Code::ResponseTooLarge || e.code == ParseError::Code::NestingTooDeep;
        FUZZ_CHECK(e.fatal == limitError, describe(r));
        for (char c : e.excerpt)
            FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f, describe(r));
        return;
    }
    FUZZ_CHECK(r.status == Status::Ok, describe(r));
    const Response &p = r.response;
    FUZZ_CHECK(p.isTagged() == !p.tag.isEmpty(), describe(r));
    using T = Response::Type;
    const size_t expected = p.type == T::Fetch   ? 1
        : p.type == T::Search                    ? 2
        : p.type == T::ESearch                   ? 3
        : p.type == T::MailboxStatus             ? 4
        : p.type == T::List || p.type == T::Lsub ? 5
        : p.type == T::Vanished                  ? 6
                                                 : 0;
    FUZZ_CHECK(p.data.index() == expected, describe(r));
    if (p.isContinuation())
        FUZZ_CHECK(p.type == T::Status, describe(r));
    if (const auto *e = p.esearch(); e && e->all)
        checkSet(*e->all, "ESEARCH ALL");
    if (const auto *v = p.vanished())
        checkSet(v->uids, "VANISHED");
    if (framed.isEmpty())
        return;
    // Everything in a response came from its bytes.
    FUZZ_CHECK(framed.size() <= limits.maxResponseSize, describe(r));
    if (const auto *f = p.fetch()) {
        for (const auto &s : f->sections) {
            FUZZ_CHECK(s.data.size() <= framed.size(), describe(r));
            FUZZ_CHECK(s.data.size() <= std::max(limits.maxLiteralSize, limits.maxLineLength), describe(r));
        }
    }
    FUZZ_CHECK(p.text.size() <= framed.size(), describe(r));
}

struct Run
{
    QByteArrayList results; // describe() of each result, NeedMoreData left out
    QList<qsizetype> ends;  // for each non-fatal result: offset just past its response
    qsizetype buffered = 0; // bufferedBytes() at the end (no fatal error)
    bool fatal = false;
};

// Feeds `input` in chunks of the sizes `nextChunk` returns, taking every
// available result after each chunk.
template<typename NextChunk>
Run run(QByteArrayView input, const Parser::Limits &limits, NextChunk nextChunk, bool crossCheck)
{
    Parser parser(limits);
    Run out;
    qsizetype fed = 0;
    qsizetype consumed = 0;
    while (fed < input.size() && !out.fatal) {
        const qsizetype n = std::min<qsizetype>(std::max<qsizetype>(1, nextChunk()), input.size() - fed);
        parser.feed(input.sliced(fed, n));
        fed += n;
        for (;;) {
            Parser::Result r = parser.next();
            if (r.status == Status::NeedMoreData) {
                FUZZ_CHECK(parser.bufferedBytes() == fed - consumed, "buffered bytes while waiting");
                break;
            }
            out.results.append(describe(r));
            if (r.status == Status::Error && r.error.fatal) {
                checkResult(r, limits, {});
                out.fatal = true;
                FUZZ_CHECK(parser.bufferedBytes() == 0, "data kept after a fatal error");
                // The error sticks; more input is dropped.
                parser.feed(input.sliced(0, std::min<qsizetype>(input.size(), 8)));
                FUZZ_CHECK(parser.bufferedBytes() == 0, "data accepted after a fatal error");
                const Parser::Result again = parser.next();
                FUZZ_CHECK(describe(again) == describe(r), describe(again) + "\nfirst: " + describe(r));
                break;
            }
            const qsizetype end = fed - parser.bufferedBytes();
            FUZZ_CHECK(end > consumed && end <= fed, "response boundary " + QByteArray::number(end));
            const QByteArrayView framed = input.sliced(consumed, end - consumed);
            checkResult(r, limits, framed);
            if (crossCheck) {
                // The pure function agrees with the stream parser.
                const Parser::Result alone = Parser::parseResponse(framed, limits);
                FUZZ_CHECK(describe(alone) == describe(r),
                           "stream:  " + describe(r) + "\nalone:   " + describe(alone)
                               + "\nbytes:   " + fuzz::printable(framed));
            }
            out.ends.append(end);
            consumed = end;
        }
    }
    if (out.fatal) {
        parser.reset();
        FUZZ_CHECK(parser.bufferedBytes() == 0, "data kept after reset()");
        const QByteArray fresh = "* OK x\r\n";
        parser.feed(fresh);
        const Parser::Result r = parser.next();
        const Parser::Result expected = Parser::parseResponse(fresh, limits);
        FUZZ_CHECK(describe(r) == describe(expected), "after reset(): " + describe(r));
    } else {
        out.buffered = parser.bufferedBytes();
    }
    return out;
}

// Fatal limit errors found at different feed sizes may quote a different
// amount of the offending line: the excerpts must agree on their common part.
bool sameResult(const QByteArray &a, const QByteArray &b)
{
    if (a == b)
        return true;
    const qsizetype bar = a.indexOf(" | ");
    if (!a.startsWith("Error ") || !a.contains(" fatal ") || bar < 0 || bar != b.indexOf(" | ")
        || a.left(bar) != b.left(bar))
        return false;
    const QByteArray ea = a.mid(bar + 3), eb = b.mid(bar + 3);
    return ea.startsWith(eb) || eb.startsWith(ea);
}

void compare(const Run &a, const Run &b, const char *what)
{
    bool same = a.results.size() == b.results.size() && a.fatal == b.fatal && a.ends == b.ends;
    for (qsizetype i = 0; same && i < a.results.size(); ++i)
        same = sameResult(a.results[i], b.results[i]);
    if (same && !a.fatal)
        same = a.buffered == b.buffered;
    if (same)
        return;
    QByteArray detail = QByteArray("whole vs ") + what + ":\n";
    for (qsizetype i = 0; i < std::max(a.results.size(), b.results.size()); ++i) {
        const QByteArray x = a.results.value(i, "-"), y = b.results.value(i, "-");
        detail += (sameResult(x, y) ? "  = " : "  ! ") + x + "\n";
        if (!sameResult(x, y))
            detail += "    " + y + "\n";
    }
    detail += "fatal " + QByteArray::number(a.fatal) + '/' + QByteArray::number(b.fatal) + " buffered "
        + QByteArray::number(a.buffered) + '/' + QByteArray::number(b.buffered);
    FUZZ_CHECK(false, detail);
}

quint32 hashOf(QByteArrayView input)
{
    quint32 h = 2166136261u;
    for (char c : input)
        h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
}

// Returns whether the stream ran into a fatal error.
bool check(QByteArrayView input, const Parser::Limits &limits, quint32 seed)
{
    const Run whole = run(
        input, limits, [&] { return input.size(); }, true);
    const Run bytes = run(
        input, limits, [] { return qsizetype(1); }, false);
    compare(whole, bytes, "byte by byte");
    quint32 state = seed | 1;
    const Run chunked = run(
        input, limits,
        [&] {
            state = state * 1103515245u + 12345u;
            const quint32 r = state >> 16;
            return qsizetype((r & 3) == 0 ? 1 + (r >> 2) % 256 : 1 + (r >> 2) % 13);
        },
        false);
    compare(whole, chunked, "chunked");
    return whole.fatal;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const quint32 seed = hashOf(input);

    // The pure function on the input as a whole: anything but a crash.
    const Parser::Result direct = Parser::parseResponse(input, Parser::Limits());
    checkResult(direct, Parser::Limits(), {});

    Parser::Limits small;
    small.maxLineLength = 200;
    small.maxLiteralSize = 300;
    small.maxResponseSize = 1000;
    small.maxNesting = 12;
    // Limits only ever cause fatal errors: when the small ones cause none,
    // the defaults give the same results and need no run of their own.
    if (check(input, small, seed))
        check(input, Parser::Limits(), seed);
    checkResult(Parser::parseResponse(input, small), small, {});

    Parser::Limits tiny;
    tiny.maxLineLength = qsizetype(seed % 48);
    tiny.maxLiteralSize = qsizetype((seed >> 6) % 40);
    tiny.maxResponseSize = qsizetype((seed >> 12) % 160);
    tiny.maxNesting = int((seed >> 20) % 5);
    check(input, tiny, seed >> 3);
    return 0;
}
