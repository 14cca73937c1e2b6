#include "imap/Parser.h"

#include <QRandomGenerator>
#include <QTest>

using imap::Address;
using imap::ESearchData;
using imap::FetchData;
using imap::ParseError;
using imap::Parser;
using imap::Response;
using imap::ResponseCode;

using Type = Response::Type;
using Kind = Response::Kind;
using Code = ResponseCode::Kind;
using RStatus = Parser::Result::Status;

Q_DECLARE_METATYPE(Response::Type)
Q_DECLARE_METATYPE(ResponseCode::Kind)
Q_DECLARE_METATYPE(ParseError::Code)
Q_DECLARE_METATYPE(imap::Status)

namespace {

// A stable, complete text form of a Result, to compare parses of the same
// bytes fed in different splits.
QByteArray describeAddresses(const QList<Address> &list)
{
    QByteArray out = "[";
    for (const Address &a : list) {
        auto s = [](const QByteArray &b) {
            return b.isNull() ? QByteArray("NIL") : '"' + b + '"';
        };
        out += '(' + s(a.name) + ' ' + s(a.adl) + ' ' + s(a.mailbox) + ' ' + s(a.host) + ')';
    }
    return out + ']';
}

QByteArray nz(const QByteArray &b)
{
    return b.isNull() ? QByteArray("<null>") : '"' + b + '"';
}

template<typename T> QByteArray opt(const std::optional<T> &v)
{
    return v ? QByteArray::number(*v) : QByteArray("-");
}

QByteArray describe(const Parser::Result &r)
{
    QByteArray out;
    if (r.status == RStatus::NeedMoreData)
        return "NeedMoreData";
    if (r.status == RStatus::Error)
        return "Error " + QByteArray::number(int(r.error.code)) + (r.error.fatal ? " fatal " : " ") + r.error.excerpt;
    const Response &p = r.response;
    out += "kind=" + QByteArray::number(int(p.kind)) + " type=" + QByteArray::number(int(p.type)) + " tag=" + p.tag
        + " kw=" + p.keyword + " status=" + QByteArray::number(int(p.status))
        + " code=" + QByteArray::number(int(p.code.kind)) + '/' + p.code.name + '/' + p.code.text + '/'
        + p.code.list.join(',') + '/' + QByteArray::number(p.code.number) + " text=" + nz(p.text)
        + " n=" + QByteArray::number(p.number) + " list=" + p.list.join(',');
    if (const FetchData *f = p.fetch()) {
        out += " FETCH seq=" + QByteArray::number(f->seq.value()) + " uid="
            + (f->uid ? QByteArray::number(f->uid->value()) : "-") + " flags=" + (f->flags ? f->flags->join(',') : "-")
            + " idate=" + (f->internalDate ? *f->internalDate : "-") + " size=" + opt(f->rfc822Size)
            + " modseq=" + opt(f->modSeq) + " preview=" + (f->preview ? nz(*f->preview) : "-");
        if (f->envelope) {
            const auto &e = *f->envelope;
            out += " env=" + nz(e.date) + nz(e.subject) + describeAddresses(e.from) + describeAddresses(e.sender)
                + describeAddresses(e.replyTo) + describeAddresses(e.to) + describeAddresses(e.cc)
                + describeAddresses(e.bcc) + nz(e.inReplyTo) + nz(e.messageId);
        }
        for (const auto &s : f->sections)
            out += " sec=" + s.section + '<' + QByteArray::number(s.origin) + '>' + nz(s.data).toHex();
    }
    if (const auto *s = p.search()) {
        out += " SEARCH";
        for (quint32 n : s->numbers)
            out += ' ' + QByteArray::number(n);
        out += " modseq=" + opt(s->modSeq);
    }
    if (const auto *e = p.esearch())
        out += " ESEARCH tag=" + e->tag + " uid=" + QByteArray::number(e->uid) + " min=" + opt(e->min)
            + " max=" + opt(e->max) + " count=" + opt(e->count) + " all=" + (e->all ? e->all->toImap() : "-")
            + " modseq=" + opt(e->modSeq);
    if (const auto *s = p.mailboxStatus())
        out += " STATUS " + s->mailbox + ' ' + opt(s->messages) + ' ' + opt(s->recent) + ' ' + opt(s->uidNext) + ' '
            + opt(s->uidValidity) + ' ' + opt(s->unseen) + ' ' + opt(s->deleted) + ' ' + opt(s->size) + ' '
            + opt(s->highestModSeq);
    if (const auto *l = p.listData())
        out += " LIST " + l->attributes.join(',') + " delim=" + QByteArray::number(int(l->delimiter)) + ' '
            + l->mailbox;
    if (const auto *v = p.vanished())
        out += " VANISHED " + QByteArray::number(v->earlier) + ' ' + v->uids.toImap();
    return out;
}

// Everything a parser returns for a stream, fed in the given chunk sizes
// (cycled; 0 = all at once).
QByteArrayList parseStream(const QByteArray &stream, const QList<qsizetype> &chunks = {},
                           Parser::Limits limits = Parser::Limits())
{
    Parser parser(limits);
    QByteArrayList out;
    bool fatal = false;
    auto drain = [&] {
        while (!fatal) {
            Parser::Result r = parser.next();
            if (r.status == RStatus::NeedMoreData)
                return;
            out.append(describe(r));
            fatal = r.status == RStatus::Error && r.error.fatal;
        }
    };
    if (chunks.isEmpty()) {
        parser.feed(stream);
        drain();
        return out;
    }
    qsizetype pos = 0;
    for (qsizetype i = 0; pos < stream.size(); ++i) {
        const qsizetype n = std::max<qsizetype>(1, chunks[i % chunks.size()]);
        parser.feed(QByteArrayView(stream).sliced(pos, std::min(n, stream.size() - pos)));
        pos += n;
        drain();
    }
    return out;
}

Response parseOk(const QByteArray &bytes)
{
    const Parser::Result r = Parser::parseResponse(bytes, Parser::Limits());
    if (r.status != RStatus::Ok)
        qWarning() << "parse failed:" << r.error.message << r.error.excerpt;
    return r.response;
}

const QByteArray kRfcEnvelopeFetch
    = "* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 ENVELOPE (\"Wed, 17 "
      "Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" ((\"Terry Gray\" NIL \"gray\" "
      "\"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL "
      "\"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" "
      "\"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL "
      "\"<B27397-0100000@cac.washington.edu>\") BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL "
      "\"7BIT\" 3028 92))\r\n";

// A stream touching every framing feature: literals of all kinds (also empty,
// also holding CRLF and "{5}"), a lone LF, status text that looks like a
// literal, and an error in the middle.
QByteArray mixedStream()
{
    QByteArray s;
    s += "* OK [CAPABILITY IMAP4rev2 IDLE LITERAL+] Dovecot ready.\r\n";
    s += "a1 OK [READ-ONLY] done {5}\r\n";
    s += "* 3 EXISTS\r\n";
    s += kRfcEnvelopeFetch;
    s += "* 4 FETCH (UID 9 ENVELOPE (NIL {11}\r\nhello\r\n{5}\r NIL NIL NIL NIL NIL NIL NIL {0}\r\n) BODY[] {8}\r\n"
         "ab\r\ncd\r\n)\r\n";
    s += "* 5 FETCH (BINARY[1] ~{4}\r\n";
    s += QByteArray("\0\x01\r\n", 4);
    s += " UID 10)\r\n";
    s += "garbage here\r\n";
    s += "* OK text with a lone\nLF\r\n";
    s += "* LIST (\\HasNoChildren) \"/\" {4+}\r\nA b]\r\n";
    s += "* ESEARCH (TAG \"A1\") UID ALL 1:3,7\r\n";
    s += "+ \r\n";
    s += "\r\n";
    s += "* SEARCH 1 2 3 (MODSEQ 9)\r\n";
    s += "A2 OK done\r\n";
    return s;
}

} // namespace

class TestParser : public QObject
{
    Q_OBJECT

private slots:
    // --- status responses ---
    void continuation_data();
    void continuation();
    void statusResponses_data();
    void statusResponses();
    void responseCodes_data();
    void responseCodes();

    // --- untagged data ---
    void listResponses_data();
    void listResponses();
    void messageNumbers_data();
    void messageNumbers();
    void search_data();
    void search();
    void esearch_data();
    void esearch();
    void mailboxStatus_data();
    void mailboxStatus();
    void list_data();
    void list();
    void vanished_data();
    void vanished();
    void unknownUntagged_data();
    void unknownUntagged();

    // --- FETCH ---
    void fetchRfcEnvelope();
    void fetchFlagsAndUid();
    void fetchEnvelopeGroupSyntax();
    void fetchEnvelopeLiteralSubject();
    void fetchSections_data();
    void fetchSections();
    void fetchPreview_data();
    void fetchPreview();
    void fetchSkipsUnknownItems_data();
    void fetchSkipsUnknownItems();
    void quotedStrings_data();
    void quotedStrings();
    void quotedScanEveryPosition();
    void fetchEnvelopeSharedAddressLists();

    // --- RFC example exchanges ---
    void rfc2177IdleExchange();
    void rfc9051ExamineResponses();

    // --- framing ---
    void everySplitPoint();
    void randomChunking();
    void statusTextEndingLikeALiteral();
    void loneLineFeed();
    void literalAtEndOfLine();
    void bufferedBytes();
    void reset();
    void parseResponseStandalone_data();
    void parseResponseStandalone();

    // --- errors ---
    void malformed_data();
    void malformed();
    void shortLiteralDesynchronises();
    void fatalLimits_data();
    void fatalLimits();
    void hugeLiteralFailsAtOnce_data();
    void hugeLiteralFailsAtOnce();
    void endlessLine();
    void limitBoundaries();
    void nestingTooDeep();
    void excerpt();
    void bigSearch();
    void randomBytes();
    void mutatedStreams();
};

// ---------------------------------------------------------------------------

void TestParser::continuation_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("text") << QByteArray("+ Ready for additional command text\r\n")
                          << QByteArray("Ready for additional command text");
    QTest::newRow("empty") << QByteArray("+\r\n") << QByteArray();
    QTest::newRow("space only") << QByteArray("+ \r\n") << QByteArray();
    QTest::newRow("idling") << QByteArray("+ idling\r\n") << QByteArray("idling");
    QTest::newRow("base64") << QByteArray(
        "+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ=\r\n")
                            << QByteArray("YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ=");
    QTest::newRow("no literal") << QByteArray("+ go ahead {5}\r\n") << QByteArray("go ahead {5}");
}

void TestParser::continuation()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, text);
    const Response r = parseOk(line);
    QCOMPARE(r.kind, Kind::Continuation);
    QVERIFY(r.isContinuation());
    QCOMPARE(r.type, Type::Status);
    QCOMPARE(r.text, text);
}

void TestParser::statusResponses_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("tagged");
    QTest::addColumn<QByteArray>("tag");
    QTest::addColumn<imap::Status>("status");
    QTest::addColumn<QByteArray>("keyword");
    QTest::addColumn<ResponseCode::Kind>("code");
    QTest::addColumn<QByteArray>("text");

    using S = imap::Status;
    QTest::newRow("greeting") << QByteArray("* OK IMAP4rev2 Service Ready\r\n") << false << QByteArray() << S::Ok
                              << QByteArray("OK") << Code::None << QByteArray("IMAP4rev2 Service Ready");
    QTest::newRow("preauth") << QByteArray("* PREAUTH IMAP4rev2 server logged in as Smith\r\n") << false << QByteArray()
                             << S::PreAuth << QByteArray("PREAUTH") << Code::None
                             << QByteArray("IMAP4rev2 server logged in as Smith");
    QTest::newRow("bye") << QByteArray("* BYE Autologout; idle for too long\r\n") << false << QByteArray() << S::Bye
                         << QByteArray("BYE") << Code::None << QByteArray("Autologout; idle for too long");
    QTest::newRow("untagged no") << QByteArray("* NO Disk is 98% full, please delete unnecessary data\r\n") << false
                                 << QByteArray() << S::No << QByteArray("NO") << Code::None
                                 << QByteArray("Disk is 98% full, please delete unnecessary data");
    QTest::newRow("untagged bad") << QByteArray("* BAD Command line too long\r\n") << false << QByteArray() << S::Bad
                                  << QByteArray("BAD") << Code::None << QByteArray("Command line too long");
    QTest::newRow("alert") << QByteArray("* OK [ALERT] System shutdown in 10 minutes\r\n") << false << QByteArray()
                           << S::Ok << QByteArray("OK") << Code::Alert << QByteArray("System shutdown in 10 minutes");
    QTest::newRow("tagged ok") << QByteArray("a001 OK LOGIN completed\r\n") << true << QByteArray("a001") << S::Ok
                               << QByteArray("OK") << Code::None << QByteArray("LOGIN completed");
    QTest::newRow("tagged code") << QByteArray("A142 OK [READ-WRITE] SELECT completed\r\n") << true
                                 << QByteArray("A142") << S::Ok << QByteArray("OK") << Code::ReadWrite
                                 << QByteArray("SELECT completed");
    QTest::newRow("tagged no") << QByteArray("A003 NO [TRYCREATE] Mailbox doesn't exist: foo\r\n") << true
                               << QByteArray("A003") << S::No << QByteArray("NO") << Code::TryCreate
                               << QByteArray("Mailbox doesn't exist: foo");
    QTest::newRow("tagged bad") << QByteArray("a2 BAD Error in IMAP command: Unknown command\r\n") << true
                                << QByteArray("a2") << S::Bad << QByteArray("BAD") << Code::None
                                << QByteArray("Error in IMAP command: Unknown command");
    QTest::newRow("lowercase") << QByteArray("x.1 ok [read-only] examined\r\n") << true << QByteArray("x.1") << S::Ok
                               << QByteArray("OK") << Code::ReadOnly << QByteArray("examined");
    QTest::newRow("mixed case untagged") << QByteArray("* Bye logging out\r\n") << false << QByteArray() << S::Bye
                                         << QByteArray("BYE") << Code::None << QByteArray("logging out");
    QTest::newRow("no text") << QByteArray("A1 OK\r\n") << true << QByteArray("A1") << S::Ok << QByteArray("OK")
                             << Code::None << QByteArray();
    QTest::newRow("code no text") << QByteArray("* OK [UIDVALIDITY 1]\r\n") << false << QByteArray() << S::Ok
                                  << QByteArray("OK") << Code::UidValidity << QByteArray();
    QTest::newRow("code no space") << QByteArray("* OK [ALERT]Text\r\n") << false << QByteArray() << S::Ok
                                   << QByteArray("OK") << Code::Alert << QByteArray("Text");
    QTest::newRow("unclosed bracket") << QByteArray("* OK [ALERT no closing\r\n") << false << QByteArray() << S::Ok
                                      << QByteArray("OK") << Code::None << QByteArray("[ALERT no closing");
    QTest::newRow("bracket later") << QByteArray("* OK text [ALERT]\r\n") << false << QByteArray() << S::Ok
                                   << QByteArray("OK") << Code::None << QByteArray("text [ALERT]");
    QTest::newRow("utf8 text") << QByteArray("* NO Grüße\r\n") << false << QByteArray() << S::No << QByteArray("NO")
                               << Code::None << QByteArray("Grüße");
    QTest::newRow("tag with ]") << QByteArray("a]1 OK x\r\n") << true << QByteArray("a]1") << S::Ok << QByteArray("OK")
                                << Code::None << QByteArray("x");
}

void TestParser::statusResponses()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, tagged);
    QFETCH(QByteArray, tag);
    QFETCH(imap::Status, status);
    QFETCH(QByteArray, keyword);
    QFETCH(ResponseCode::Kind, code);
    QFETCH(QByteArray, text);

    const Response r = parseOk(line);
    QCOMPARE(r.kind, tagged ? Kind::Tagged : Kind::Untagged);
    QCOMPARE(r.type, Type::Status);
    QCOMPARE(r.tag, tag);
    QCOMPARE(r.status, status);
    QCOMPARE(r.keyword, keyword);
    QCOMPARE(r.code.kind, code);
    QCOMPARE(r.text, text);
}

void TestParser::responseCodes_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<ResponseCode::Kind>("kind");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<quint64>("number");
    QTest::addColumn<QByteArrayList>("list");
    QTest::addColumn<QByteArray>("text");

    const QByteArrayList none;
    auto row = [&](const char *tag, const char *code, Code kind, const char *name, quint64 number = 0,
                   const QByteArrayList &list = {}, const char *text = "") {
        QTest::newRow(tag) << QByteArray(code) << kind << QByteArray(name) << number << list << QByteArray(text);
    };
    row("ALERT", "ALERT", Code::Alert, "ALERT");
    row("CAPABILITY", "CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN",
        Code::Capability, "CAPABILITY", 0,
        {"IMAP4rev1", "SASL-IR", "LOGIN-REFERRALS", "ID", "ENABLE", "IDLE", "LITERAL+", "AUTH=PLAIN"},
        "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN");
    row("UIDVALIDITY", "UIDVALIDITY 3857529045", Code::UidValidity, "UIDVALIDITY", 3857529045u, none, "3857529045");
    row("UIDNEXT", "UIDNEXT 4392", Code::UidNext, "UIDNEXT", 4392, none, "4392");
    row("UNSEEN", "UNSEEN 12", Code::Unseen, "UNSEEN", 12, none, "12");
    row("HIGHESTMODSEQ", "HIGHESTMODSEQ 715194045007", Code::HighestModSeq, "HIGHESTMODSEQ", 715194045007ull, none,
        "715194045007");
    row("HIGHESTMODSEQ max", "HIGHESTMODSEQ 18446744073709551615", Code::HighestModSeq, "HIGHESTMODSEQ",
        18446744073709551615ull, none, "18446744073709551615");
    row("NOMODSEQ", "NOMODSEQ", Code::NoModSeq, "NOMODSEQ");
    row("PERMANENTFLAGS", "PERMANENTFLAGS (\\Deleted \\Seen \\*)", Code::PermanentFlags, "PERMANENTFLAGS", 0,
        {"\\Deleted", "\\Seen", "\\*"}, "(\\Deleted \\Seen \\*)");
    row("PERMANENTFLAGS empty", "PERMANENTFLAGS ()", Code::PermanentFlags, "PERMANENTFLAGS", 0, none, "()");
    row("PERMANENTFLAGS keyword", "PERMANENTFLAGS (\\Answered $Forwarded Junk \\*)", Code::PermanentFlags,
        "PERMANENTFLAGS", 0, {"\\Answered", "$Forwarded", "Junk", "\\*"}, "(\\Answered $Forwarded Junk \\*)");
    row("READ-ONLY", "READ-ONLY", Code::ReadOnly, "READ-ONLY");
    row("READ-WRITE", "READ-WRITE", Code::ReadWrite, "READ-WRITE");
    row("TRYCREATE", "TRYCREATE", Code::TryCreate, "TRYCREATE");
    row("PARSE", "PARSE", Code::Parse, "PARSE");
    row("BADCHARSET", "BADCHARSET", Code::BadCharset, "BADCHARSET");
    row("BADCHARSET list", "BADCHARSET (US-ASCII \"UTF-8\")", Code::BadCharset, "BADCHARSET", 0, {"US-ASCII", "UTF-8"},
        "(US-ASCII \"UTF-8\")");
    row("AUTHENTICATIONFAILED", "AUTHENTICATIONFAILED", Code::AuthenticationFailed, "AUTHENTICATIONFAILED");
    row("AUTHORIZATIONFAILED", "AUTHORIZATIONFAILED", Code::AuthorizationFailed, "AUTHORIZATIONFAILED");
    row("UNAVAILABLE", "UNAVAILABLE", Code::Unavailable, "UNAVAILABLE");
    row("EXPIRED", "EXPIRED", Code::Expired, "EXPIRED");
    row("PRIVACYREQUIRED", "PRIVACYREQUIRED", Code::PrivacyRequired, "PRIVACYREQUIRED");
    row("CONTACTADMIN", "CONTACTADMIN", Code::ContactAdmin, "CONTACTADMIN");
    row("NOPERM", "NOPERM", Code::NoPerm, "NOPERM");
    row("INUSE", "INUSE", Code::InUse, "INUSE");
    row("EXPUNGEISSUED", "EXPUNGEISSUED", Code::ExpungeIssued, "EXPUNGEISSUED");
    row("CORRUPTION", "CORRUPTION", Code::Corruption, "CORRUPTION");
    row("SERVERBUG", "SERVERBUG", Code::ServerBug, "SERVERBUG");
    row("CLIENTBUG", "CLIENTBUG", Code::ClientBug, "CLIENTBUG");
    row("CANNOT", "CANNOT", Code::CannotSearch, "CANNOT");
    row("LIMIT", "LIMIT", Code::Limit, "LIMIT");
    row("OVERQUOTA", "OVERQUOTA", Code::OverQuota, "OVERQUOTA");
    row("ALREADYEXISTS", "ALREADYEXISTS", Code::AlreadyExists, "ALREADYEXISTS");
    row("NONEXISTENT", "NONEXISTENT", Code::NonExistent, "NONEXISTENT");
    row("CLOSED", "CLOSED", Code::Closed, "CLOSED");
    row("APPENDUID", "APPENDUID 38505 3955", Code::AppendUid, "APPENDUID", 38505, none, "38505 3955");
    row("APPENDUID set", "APPENDUID 38505 3955:3957,3960", Code::AppendUid, "APPENDUID", 38505, none,
        "38505 3955:3957,3960");
    row("COPYUID", "COPYUID 38505 304,319:320 3956:3958", Code::CopyUid, "COPYUID", 38505, none,
        "38505 304,319:320 3956:3958");
    row("UIDNOTSTICKY", "UIDNOTSTICKY", Code::UidNotSticky, "UIDNOTSTICKY");
    row("lowercase", "uidnext 7", Code::UidNext, "UIDNEXT", 7, none, "7");
    row("extra spaces", "UIDNEXT   7  ", Code::UidNext, "UIDNEXT", 7, none, "7");
    // Anything else, or odd content: Other, with name and raw text kept.
    row("unknown", "X-FOO bar (baz)", Code::Other, "X-FOO", 0, none, "bar (baz)");
    row("REFERRAL", "REFERRAL imap://user;AUTH=*@SERVER2/", Code::Other, "REFERRAL", 0, none,
        "imap://user;AUTH=*@SERVER2/");
    row("empty", "", Code::Other, "", 0, none, "");
    row("UIDVALIDITY not a number", "UIDVALIDITY abc", Code::Other, "UIDVALIDITY", 0, none, "abc");
    row("UIDVALIDITY missing", "UIDVALIDITY", Code::Other, "UIDVALIDITY", 0, none, "");
    row("UIDVALIDITY too big", "UIDVALIDITY 4294967296", Code::Other, "UIDVALIDITY", 0, none, "4294967296");
    row("HIGHESTMODSEQ overflow", "HIGHESTMODSEQ 18446744073709551616", Code::Other, "HIGHESTMODSEQ", 0, none,
        "18446744073709551616");
    row("UIDNEXT trailing junk", "UIDNEXT 5 x", Code::Other, "UIDNEXT", 0, none, "5 x");
    row("PERMANENTFLAGS no list", "PERMANENTFLAGS \\Seen", Code::Other, "PERMANENTFLAGS", 0, none, "\\Seen");
    row("PERMANENTFLAGS unclosed", "PERMANENTFLAGS (\\Seen", Code::Other, "PERMANENTFLAGS", 0, none, "(\\Seen");
    row("APPENDUID bad", "APPENDUID x 1", Code::Other, "APPENDUID", 0, none, "x 1");
    row("COPYUID short", "COPYUID 1 2", Code::Other, "COPYUID", 0, none, "1 2");
    row("nested deep", "X ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((", Code::Other, "X",
        0, none, "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((");
}

void TestParser::responseCodes()
{
    QFETCH(QByteArray, code);
    QFETCH(ResponseCode::Kind, kind);
    QFETCH(QByteArray, name);
    QFETCH(quint64, number);
    QFETCH(QByteArrayList, list);
    QFETCH(QByteArray, text);

    for (const QByteArray &prefix : {QByteArray("* OK ["), QByteArray("* NO ["), QByteArray("A7 BAD [")}) {
        const Response r = parseOk(prefix + code + "] human text\r\n");
        QCOMPARE(r.type, Type::Status);
        QCOMPARE(r.code.kind, kind);
        QCOMPARE(r.code.name, name);
        QCOMPARE(r.code.number, number);
        QCOMPARE(r.code.list, list);
        QCOMPARE(r.code.text, text);
        QCOMPARE(r.text, QByteArray("human text"));
    }
}

// ---------------------------------------------------------------------------

void TestParser::listResponses_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<Response::Type>("type");
    QTest::addColumn<QByteArrayList>("list");

    QTest::newRow("capability rfc9051") << QByteArray("* CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n")
                                        << Type::Capability
                                        << QByteArrayList{"IMAP4rev2", "STARTTLS", "AUTH=GSSAPI", "LOGINDISABLED"};
    QTest::newRow("capability trailing space")
        << QByteArray("* CAPABILITY IMAP4rev1 IDLE \r\n") << Type::Capability << QByteArrayList{"IMAP4rev1", "IDLE"};
    QTest::newRow("capability lowercase")
        << QByteArray("* capability imap4rev1 Idle\r\n") << Type::Capability << QByteArrayList{"imap4rev1", "Idle"};
    QTest::newRow("flags") << QByteArray("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n") << Type::Flags
                           << QByteArrayList{"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"};
    QTest::newRow("flags keywords") << QByteArray("* FLAGS (\\Seen $Forwarded $MDNSent Junk NonJunk)\r\n")
                                    << Type::Flags
                                    << QByteArrayList{"\\Seen", "$Forwarded", "$MDNSent", "Junk", "NonJunk"};
    QTest::newRow("flags empty") << QByteArray("* FLAGS ()\r\n") << Type::Flags << QByteArrayList{};
    QTest::newRow("flags rfc2177") << QByteArray("* FLAGS (Deleted Seen)\r\n") << Type::Flags
                                   << QByteArrayList{"Deleted", "Seen"};
    QTest::newRow("enabled") << QByteArray("* ENABLED CONDSTORE QRESYNC\r\n") << Type::Enabled
                             << QByteArrayList{"CONDSTORE", "QRESYNC"};
    QTest::newRow("enabled none") << QByteArray("* ENABLED\r\n") << Type::Enabled << QByteArrayList{};
}

void TestParser::listResponses()
{
    QFETCH(QByteArray, line);
    QFETCH(Response::Type, type);
    QFETCH(QByteArrayList, list);
    const Response r = parseOk(line);
    QCOMPARE(r.kind, Kind::Untagged);
    QCOMPARE(r.type, type);
    QCOMPARE(r.list, list);
}

void TestParser::messageNumbers_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<Response::Type>("type");
    QTest::addColumn<QByteArray>("keyword");
    QTest::addColumn<quint32>("number");
    QTest::newRow("exists") << QByteArray("* 23 EXISTS\r\n") << Type::Exists << QByteArray("EXISTS") << 23u;
    QTest::newRow("exists zero") << QByteArray("* 0 EXISTS\r\n") << Type::Exists << QByteArray("EXISTS") << 0u;
    QTest::newRow("exists max") << QByteArray("* 4294967295 EXISTS\r\n") << Type::Exists << QByteArray("EXISTS")
                                << 4294967295u;
    QTest::newRow("recent") << QByteArray("* 5 RECENT\r\n") << Type::Recent << QByteArray("RECENT") << 5u;
    QTest::newRow("expunge") << QByteArray("* 44 EXPUNGE\r\n") << Type::Expunge << QByteArray("EXPUNGE") << 44u;
    QTest::newRow("lowercase") << QByteArray("* 3 exists\r\n") << Type::Exists << QByteArray("EXISTS") << 3u;
    QTest::newRow("trailing space") << QByteArray("* 3 EXISTS \r\n") << Type::Exists << QByteArray("EXISTS") << 3u;
}

void TestParser::messageNumbers()
{
    QFETCH(QByteArray, line);
    QFETCH(Response::Type, type);
    QFETCH(QByteArray, keyword);
    QFETCH(quint32, number);
    const Response r = parseOk(line);
    QCOMPARE(r.kind, Kind::Untagged);
    QCOMPARE(r.type, type);
    QCOMPARE(r.keyword, keyword);
    QCOMPARE(r.number, number);
}

void TestParser::search_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QList<quint32>>("numbers");
    QTest::addColumn<quint64>("modSeq"); // 0 = none
    QTest::newRow("rfc") << QByteArray("* SEARCH 2 84 882\r\n") << QList<quint32>{2, 84, 882} << quint64(0);
    QTest::newRow("empty") << QByteArray("* SEARCH\r\n") << QList<quint32>{} << quint64(0);
    QTest::newRow("empty trailing space") << QByteArray("* SEARCH \r\n") << QList<quint32>{} << quint64(0);
    QTest::newRow("modseq") << QByteArray("* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n")
                            << QList<quint32>{2, 5, 6, 7, 11, 12, 18, 19, 20, 23} << quint64(917162500);
    QTest::newRow("lowercase") << QByteArray("* search 1 (modseq 5)\r\n") << QList<quint32>{1} << quint64(5);
    QTest::newRow("max") << QByteArray("* SEARCH 4294967295\r\n") << QList<quint32>{4294967295u} << quint64(0);
}

void TestParser::search()
{
    QFETCH(QByteArray, line);
    QFETCH(QList<quint32>, numbers);
    QFETCH(quint64, modSeq);
    const Response r = parseOk(line);
    QCOMPARE(r.type, Type::Search);
    QVERIFY(r.search());
    QCOMPARE(r.search()->numbers, numbers);
    QCOMPARE(r.search()->modSeq.has_value(), modSeq != 0);
    if (modSeq)
        QCOMPARE(*r.search()->modSeq, modSeq);
}

void TestParser::esearch_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("expected"); // describe() of the ESEARCH part

    // RFC 9051 6.4.4.4 / RFC 4731 examples.
    QTest::newRow("min count") << QByteArray("* ESEARCH (TAG \"A282\") MIN 2 COUNT 3\r\n")
                               << QByteArray("tag=A282 uid=0 min=2 max=- count=3 all=- modseq=-");
    QTest::newRow("all") << QByteArray("* ESEARCH (TAG \"A283\") ALL 2,10:11\r\n")
                         << QByteArray("tag=A283 uid=0 min=- max=- count=- all=2,10:11 modseq=-");
    QTest::newRow("min") << QByteArray("* ESEARCH (TAG \"A284\") MIN 4\r\n")
                         << QByteArray("tag=A284 uid=0 min=4 max=- count=- all=- modseq=-");
    QTest::newRow("uid min max") << QByteArray("* ESEARCH (TAG \"A285\") UID MIN 7 MAX 3800\r\n")
                                 << QByteArray("tag=A285 uid=1 min=7 max=3800 count=- all=- modseq=-");
    QTest::newRow("count") << QByteArray("* ESEARCH (TAG \"A286\") COUNT 15\r\n")
                           << QByteArray("tag=A286 uid=0 min=- max=- count=15 all=- modseq=-");
    QTest::newRow("uid all") << QByteArray("* ESEARCH (TAG \"A302\") UID ALL 4:18,21,28\r\n")
                             << QByteArray("tag=A302 uid=1 min=- max=- count=- all=4:18,21,28 modseq=-");
    QTest::newRow("no result") << QByteArray("* ESEARCH (TAG \"A287\")\r\n")
                               << QByteArray("tag=A287 uid=0 min=- max=- count=- all=- modseq=-");
    QTest::newRow("no correlator") << QByteArray("* ESEARCH COUNT 0\r\n")
                                   << QByteArray("tag= uid=0 min=- max=- count=0 all=- modseq=-");
    QTest::newRow("bare") << QByteArray("* ESEARCH\r\n") << QByteArray("tag= uid=0 min=- max=- count=- all=- modseq=-");
    QTest::newRow("modseq") << QByteArray("* ESEARCH (TAG \"a\") UID ALL 1:3 MODSEQ 12345678901\r\n")
                            << QByteArray("tag=a uid=1 min=- max=- count=- all=1:3 modseq=12345678901");
    QTest::newRow("unknown items skipped")
        << QByteArray("* ESEARCH (TAG \"x\" MAILBOX \"INBOX\" UIDVALIDITY 3) UID PARTIAL (-1:-100 200:250,252) "
                      "RELEVANCY (4 99) X-FOO bar COUNT 2\r\n")
        << QByteArray("tag=x uid=1 min=- max=- count=2 all=- modseq=-");
    QTest::newRow("partial nil") << QByteArray("* ESEARCH (TAG \"x\") PARTIAL (1:10 NIL) MIN 1\r\n")
                                 << QByteArray("tag=x uid=0 min=1 max=- count=- all=- modseq=-");
    QTest::newRow("lowercase atom tag") << QByteArray("* esearch (tag A1) uid all 5:3\r\n")
                                        << QByteArray("tag=A1 uid=1 min=- max=- count=- all=3:5 modseq=-");
}

void TestParser::esearch()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, expected);
    const Parser::Result r = Parser::parseResponse(line, Parser::Limits());
    QCOMPARE(r.status, RStatus::Ok);
    QCOMPARE(r.response.type, Type::ESearch);
    QVERIFY(r.response.esearch());
    const QByteArray d = describe(r);
    QCOMPARE(d.mid(d.indexOf(" ESEARCH ") + 9), expected);
}

void TestParser::mailboxStatus_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("expected"); // mailbox messages recent uidnext uidvalidity unseen deleted size hms

    QTest::newRow("rfc") << QByteArray("* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n")
                         << QByteArray("blurdybloop 231 - 44292 - - - - -");
    QTest::newRow("all") << QByteArray("* STATUS \"INBOX\" (MESSAGES 3 RECENT 1 UIDNEXT 9 UIDVALIDITY 1234 UNSEEN 2 "
                                       "DELETED 1 SIZE 123456789012 HIGHESTMODSEQ 99)\r\n")
                         << QByteArray("INBOX 3 1 9 1234 2 1 123456789012 99");
    QTest::newRow("unknown items") << QByteArray("* STATUS Sent (APPENDLIMIT NIL MAILBOXID (F2212ea87) MESSAGES 1 "
                                                 "X-FOO \"bar\" UNSEEN 0)\r\n")
                                   << QByteArray("Sent 1 - - - 0 - - -");
    QTest::newRow("literal name") << QByteArray("* STATUS {5}\r\nA (b) (UNSEEN 4)\r\n")
                                  << QByteArray("A (b) - - - - 4 - - -");
    QTest::newRow("empty list") << QByteArray("* STATUS INBOX ()\r\n") << QByteArray("INBOX - - - - - - - -");
    QTest::newRow("lowercase, spaces") << QByteArray("* status INBOX ( messages 1  unseen 2 )\r\n")
                                       << QByteArray("INBOX 1 - - - 2 - - -");
    QTest::newRow("8-bit name") << QByteArray("* STATUS \"Entwürfe\" (UNSEEN 1)\r\n")
                                << QByteArray("Entwürfe - - - - 1 - - -");
}

void TestParser::mailboxStatus()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, expected);
    const Parser::Result r = Parser::parseResponse(line, Parser::Limits());
    QCOMPARE(r.status, RStatus::Ok);
    QCOMPARE(r.response.type, Type::MailboxStatus);
    QVERIFY(r.response.mailboxStatus());
    const QByteArray d = describe(r);
    QCOMPARE(d.mid(d.indexOf(" STATUS ") + 8), expected);
}

void TestParser::list_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<Response::Type>("type");
    QTest::addColumn<QByteArrayList>("attributes");
    QTest::addColumn<char>("delimiter");
    QTest::addColumn<QByteArray>("mailbox");

    QTest::newRow("noselect root") << QByteArray("* LIST (\\Noselect) \"/\" \"\"\r\n") << Type::List
                                   << QByteArrayList{"\\Noselect"} << '/' << QByteArray("");
    QTest::newRow("news") << QByteArray("* LIST (\\Noselect) \".\" #news.\r\n") << Type::List
                          << QByteArrayList{"\\Noselect"} << '.' << QByteArray("#news.");
    QTest::newRow("tilde") << QByteArray("* LIST () \"/\" ~/Mail/meetings\r\n") << Type::List << QByteArrayList{} << '/'
                           << QByteArray("~/Mail/meetings");
    QTest::newRow("inbox") << QByteArray("* LIST (\\Marked \\NoInferiors) \"/\" \"inbox\"\r\n") << Type::List
                           << QByteArrayList{"\\Marked", "\\NoInferiors"} << '/' << QByteArray("inbox");
    QTest::newRow("childinfo") << QByteArray(
        "* LIST (\\HasChildren) \"/\" \"Fruit\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n")
                               << Type::List << QByteArrayList{"\\HasChildren"} << '/' << QByteArray("Fruit");
    QTest::newRow("oldname") << QByteArray("* LIST () \"/\" \"Foo\" (\"OLDNAME\" (\"Bar\"))\r\n") << Type::List
                             << QByteArrayList{} << '/' << QByteArray("Foo");
    QTest::newRow("nil delimiter") << QByteArray("* LIST (\\HasNoChildren) NIL \"Public\"\r\n") << Type::List
                                   << QByteArrayList{"\\HasNoChildren"} << char(0) << QByteArray("Public");
    QTest::newRow("escaped backslash delimiter") << QByteArray("* LIST () \"\\\\\" \"a\\\\b\"\r\n") << Type::List
                                                 << QByteArrayList{} << '\\' << QByteArray("a\\b");
    QTest::newRow("special use") << QByteArray("* LIST (\\HasNoChildren \\Junk) \".\" Junk\r\n") << Type::List
                                 << QByteArrayList{"\\HasNoChildren", "\\Junk"} << '.' << QByteArray("Junk");
    QTest::newRow("literal mailbox") << QByteArray("* LIST () \"/\" {8}\r\nfoo\"bar\\\r\n") << Type::List
                                     << QByteArrayList{} << '/' << QByteArray("foo\"bar\\");
    QTest::newRow("utf8 quoted") << QByteArray("* LIST () \"/\" \"Entwürfe\"\r\n") << Type::List << QByteArrayList{}
                                 << '/' << QByteArray("Entwürfe");
    QTest::newRow("mutf7") << QByteArray("* LIST () \"/\" Entw&APw-rfe\r\n") << Type::List << QByteArrayList{} << '/'
                           << QByteArray("Entw&APw-rfe");
    QTest::newRow("lsub") << QByteArray("* LSUB () \".\" #news.comp.mail.misc\r\n") << Type::Lsub << QByteArrayList{}
                          << '.' << QByteArray("#news.comp.mail.misc");
    QTest::newRow("lowercase") << QByteArray("* list (\\noselect) \"/\" foo\r\n") << Type::List
                               << QByteArrayList{"\\noselect"} << '/' << QByteArray("foo");
}

void TestParser::list()
{
    QFETCH(QByteArray, line);
    QFETCH(Response::Type, type);
    QFETCH(QByteArrayList, attributes);
    QFETCH(char, delimiter);
    QFETCH(QByteArray, mailbox);
    const Response r = parseOk(line);
    QCOMPARE(r.type, type);
    QVERIFY(r.listData());
    QCOMPARE(r.listData()->attributes, attributes);
    QCOMPARE(r.listData()->delimiter, delimiter);
    QCOMPARE(r.listData()->mailbox, mailbox);
}

void TestParser::vanished_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("earlier");
    QTest::addColumn<QByteArray>("uids");
    QTest::newRow("earlier") << QByteArray("* VANISHED (EARLIER) 41,43:116,118,120:211,214:540\r\n") << true
                             << QByteArray("41,43:116,118,120:211,214:540");
    QTest::newRow("plain") << QByteArray("* VANISHED 405,407,410,425\r\n") << false << QByteArray("405,407,410,425");
    QTest::newRow("single") << QByteArray("* VANISHED 7\r\n") << false << QByteArray("7");
    QTest::newRow("lowercase, unsorted") << QByteArray("* vanished (earlier) 9,1:3,4\r\n") << true
                                         << QByteArray("1:4,9");
}

void TestParser::vanished()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, earlier);
    QFETCH(QByteArray, uids);
    const Response r = parseOk(line);
    QCOMPARE(r.type, Type::Vanished);
    QVERIFY(r.vanished());
    QCOMPARE(r.vanished()->earlier, earlier);
    QCOMPARE(r.vanished()->uids.toImap(), uids);
}

void TestParser::unknownUntagged_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("keyword");
    QTest::newRow("id") << QByteArray("* ID (\"name\" \"Dovecot\")\r\n") << QByteArray("ID");
    QTest::newRow("namespace") << QByteArray("* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n") << QByteArray("NAMESPACE");
    QTest::newRow("quota") << QByteArray("* QUOTA \"\" (STORAGE 10 512)\r\n") << QByteArray("QUOTA");
    QTest::newRow("numbered unknown") << QByteArray("* 3 XFOO bar\r\n") << QByteArray("XFOO");
    QTest::newRow("numbered status word") << QByteArray("* 3 OK\r\n") << QByteArray("OK");
    QTest::newRow("lowercase") << QByteArray("* xunknown (a {3}\r\nb)c \"unterminated\r\n") << QByteArray("XUNKNOWN");
    QTest::newRow("garbage after star") << QByteArray("* ((( \"\r\n") << QByteArray("(((");
    QTest::newRow("number only") << QByteArray("* 5\r\n") << QByteArray("");
    QTest::newRow("fetch without number") << QByteArray("* FETCH (UID 1)\r\n") << QByteArray("FETCH");
    QTest::newRow("exists without number") << QByteArray("* EXISTS\r\n") << QByteArray("EXISTS");
    QTest::newRow("huge number, unknown") << QByteArray("* 99999999999999999999999 XFOO\r\n") << QByteArray("XFOO");
    QTest::newRow("metadata literal") << QByteArray("* METADATA \"INBOX\" (/private/comment {3}\r\nabc)\r\n")
                                      << QByteArray("METADATA");
}

void TestParser::unknownUntagged()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, keyword);
    const Response r = parseOk(line);
    QCOMPARE(r.kind, Kind::Untagged);
    QCOMPARE(r.type, Type::Unknown);
    QCOMPARE(r.keyword, keyword);
}

// ---------------------------------------------------------------------------

void TestParser::fetchRfcEnvelope()
{
    const Response r = parseOk(kRfcEnvelopeFetch);
    QCOMPARE(r.type, Type::Fetch);
    QCOMPARE(r.keyword, QByteArray("FETCH"));
    const FetchData *f = r.fetch();
    QVERIFY(f);
    QCOMPARE(f->seq, imap::SeqNum(12));
    QVERIFY(!f->uid);
    QCOMPARE(*f->flags, QByteArrayList{"\\Seen"});
    QCOMPARE(*f->internalDate, QByteArray("17-Jul-1996 02:44:25 -0700"));
    QCOMPARE(*f->rfc822Size, quint64(4286));
    QVERIFY(f->envelope);
    const imap::Envelope &e = *f->envelope;
    QCOMPARE(e.date, QByteArray("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)"));
    QCOMPARE(e.subject, QByteArray("IMAP4rev1 WG mtg summary and minutes"));
    QCOMPARE(e.from.size(), 1);
    QCOMPARE(e.from[0].name, QByteArray("Terry Gray"));
    QVERIFY(e.from[0].adl.isNull());
    QCOMPARE(e.from[0].email(), QByteArray("gray@cac.washington.edu"));
    QCOMPARE(e.sender.size(), 1);
    QCOMPARE(e.replyTo.size(), 1);
    QCOMPARE(e.to.size(), 1);
    QVERIFY(e.to[0].name.isNull());
    QCOMPARE(e.to[0].email(), QByteArray("imap@cac.washington.edu"));
    QCOMPARE(e.cc.size(), 2);
    QCOMPARE(e.cc[0].email(), QByteArray("minutes@CNRI.Reston.VA.US"));
    QCOMPARE(e.cc[1].name, QByteArray("John Klensin"));
    QCOMPARE(e.cc[1].email(), QByteArray("KLENSIN@MIT.EDU"));
    QVERIFY(e.bcc.isEmpty());
    QVERIFY(e.inReplyTo.isNull());
    QCOMPARE(e.messageId, QByteArray("<B27397-0100000@cac.washington.edu>"));
    QVERIFY(f->sections.isEmpty()); // BODY (...) is a body structure: skipped
}

void TestParser::fetchFlagsAndUid()
{
    const Response r = parseOk("* 7 FETCH (UID 4827313 FLAGS (\\Seen \\Recent $Forwarded Junk \\*) MODSEQ "
                               "(12121231000) RFC822.SIZE 0)\r\n");
    const FetchData *f = r.fetch();
    QVERIFY(f);
    QCOMPARE(f->seq, imap::SeqNum(7));
    QCOMPARE(*f->uid, imap::Uid(4827313));
    QCOMPARE(*f->flags, (QByteArrayList{"\\Seen", "\\Recent", "$Forwarded", "Junk", "\\*"}));
    QVERIFY(f->hasFlag("\\seen"));
    QVERIFY(!f->hasFlag("\\Deleted"));
    QCOMPARE(*f->modSeq, quint64(12121231000));
    QCOMPARE(*f->rfc822Size, quint64(0));
    QVERIFY(!f->envelope);
    QVERIFY(!f->internalDate);

    // Flags-only update while idling; lowercase; empty flag list.
    const Response lower = parseOk("* 1 fetch (flags () uid 3)\r\n");
    QVERIFY(lower.fetch());
    QVERIFY(lower.fetch()->flags);
    QVERIFY(lower.fetch()->flags->isEmpty());
    QCOMPARE(*lower.fetch()->uid, imap::Uid(3));
    QCOMPARE(lower.keyword, QByteArray("FETCH"));

    // Extra spaces are tolerated.
    const Response spaced = parseOk("* 1 FETCH ( UID 3  FLAGS (\\Seen ) )\r\n");
    QVERIFY(spaced.fetch());
    QCOMPARE(*spaced.fetch()->flags, QByteArrayList{"\\Seen"});
}

void TestParser::fetchEnvelopeGroupSyntax()
{
    // RFC 3501 7.4.2: group start (NIL NIL "group" NIL), group end (NIL NIL NIL NIL).
    const Response r = parseOk("* 2 FETCH (UID 8 ENVELOPE (\"Mon, 1 Jan 2024 00:00:00 +0000\" \"Group test\" "
                               "((\"Al\" NIL \"al\" \"example.org\")) NIL NIL ((NIL NIL \"undisclosed-recipients\" "
                               "NIL)(NIL NIL NIL NIL)) ((NIL NIL \"team\" NIL)(\"Bo\" NIL \"bo\" \"example.org\")(NIL "
                               "NIL NIL NIL)) NIL \"<a@b>\" \"<c@d>\"))\r\n");
    const FetchData *f = r.fetch();
    QVERIFY(f && f->envelope);
    const imap::Envelope &e = *f->envelope;
    QCOMPARE(e.from.size(), 1);
    QVERIFY(e.sender.isEmpty());
    QVERIFY(e.replyTo.isEmpty());
    QCOMPARE(e.to.size(), 2);
    QVERIFY(e.to[0].isGroupMarker());
    QCOMPARE(e.to[0].mailbox, QByteArray("undisclosed-recipients"));
    QVERIFY(e.to[1].isGroupMarker());
    QVERIFY(e.to[1].mailbox.isNull());
    QCOMPARE(e.cc.size(), 3);
    QCOMPARE(e.cc[1].email(), QByteArray("bo@example.org"));
    QCOMPARE(e.inReplyTo, QByteArray("<a@b>"));
    QCOMPARE(e.messageId, QByteArray("<c@d>"));
}

void TestParser::fetchEnvelopeLiteralSubject()
{
    QByteArray subject = "Line \"one\"\r\nwith {3}\r\n and ) ( parens";
    QByteArray bytes = "* 9 FETCH (UID 100 ENVELOPE (\"Tue, 2 Jan 2024 10:00:00 +0100\" {"
        + QByteArray::number(subject.size()) + "}\r\n" + subject
        + " ((NIL NIL \"x\" \"y.z\")) NIL NIL NIL NIL NIL NIL {7}\r\n<m@x.y>) FLAGS (\\Seen))\r\n";
    const Response r = parseOk(bytes);
    const FetchData *f = r.fetch();
    QVERIFY(f && f->envelope);
    QCOMPARE(f->envelope->subject, subject);
    QCOMPARE(f->envelope->messageId, QByteArray("<m@x.y>"));
    QCOMPARE(f->envelope->from.value(0).email(), QByteArray("x@y.z"));
    QCOMPARE(*f->flags, QByteArrayList{"\\Seen"});
    QCOMPARE(*f->uid, imap::Uid(100));

    // The same through the incremental parser, byte by byte.
    const QByteArrayList whole = parseStream(bytes);
    QCOMPARE(whole.size(), 1);
    QCOMPARE(parseStream(bytes, {1}), whole);
}

void TestParser::fetchSections_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("section");
    QTest::addColumn<quint32>("origin");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("isNull");

    const QByteArray headers = "From: A <a@b.c>\r\nSubject: Hi\r\n\r\n";
    QTest::newRow("header fields literal") << "* 1 FETCH (UID 5 BODY[HEADER.FIELDS (FROM SUBJECT)] {"
            + QByteArray::number(headers.size()) + "}\r\n" + headers + ")\r\n"
                                           << QByteArray("HEADER.FIELDS (FROM SUBJECT)") << 0u << headers << false;
    QTest::newRow("header fields lowercase")
        << QByteArray("* 1 FETCH (body[header.fields (From Subject)] \"x\")\r\n")
        << QByteArray("HEADER.FIELDS (FROM SUBJECT)") << 0u << QByteArray("x") << false;
    QTest::newRow("whole body") << QByteArray("* 1 FETCH (BODY[] {5}\r\nhello)\r\n") << QByteArray("") << 0u
                                << QByteArray("hello") << false;
    QTest::newRow("partial") << QByteArray("* 1 FETCH (BODY[1.2.MIME]<100> \"abc\")\r\n") << QByteArray("1.2.MIME")
                             << 100u << QByteArray("abc") << false;
    QTest::newRow("nil") << QByteArray("* 1 FETCH (BODY[TEXT] NIL)\r\n") << QByteArray("TEXT") << 0u << QByteArray()
                         << true;
    QTest::newRow("empty quoted") << QByteArray("* 1 FETCH (BODY[TEXT] \"\")\r\n") << QByteArray("TEXT") << 0u
                                  << QByteArray("") << false;
    QTest::newRow("empty literal") << QByteArray("* 1 FETCH (BODY[TEXT] {0}\r\n)\r\n") << QByteArray("TEXT") << 0u
                                   << QByteArray("") << false;
    QTest::newRow("literal plus") << QByteArray("* 1 FETCH (BODY[1] {3+}\r\nabc)\r\n") << QByteArray("1") << 0u
                                  << QByteArray("abc") << false;
    QTest::newRow("binary literal8 with NUL")
        << QByteArray("* 1 FETCH (BINARY[1] ~{6}\r\n") + QByteArray("\0\x01\xff\r\n\0", 6) + " UID 2)\r\n"
        << QByteArray("1") << 0u << QByteArray("\0\x01\xff\r\n\0", 6) << false;
    QTest::newRow("binary partial") << QByteArray("* 1 FETCH (BINARY[2]<0> ~{2}\r\nab)\r\n") << QByteArray("2") << 0u
                                    << QByteArray("ab") << false;
    QTest::newRow("rfc822") << QByteArray("* 1 FETCH (RFC822 {2}\r\nab)\r\n") << QByteArray("RFC822") << 0u
                            << QByteArray("ab") << false;
    QTest::newRow("rfc822.header") << QByteArray("* 1 FETCH (RFC822.HEADER \"h\")\r\n") << QByteArray("RFC822.HEADER")
                                   << 0u << QByteArray("h") << false;
    QTest::newRow("rfc822.text") << QByteArray("* 1 FETCH (rfc822.text NIL)\r\n") << QByteArray("RFC822.TEXT") << 0u
                                 << QByteArray() << true;
    QTest::newRow("literal holding brackets")
        << QByteArray("* 1 FETCH (BODY[HEADER] {14}\r\n] ) ( \"\r\n{1}\r\n)\r\n") << QByteArray("HEADER") << 0u
        << QByteArray("] ) ( \"\r\n{1}\r\n") << false;
}

void TestParser::fetchSections()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, section);
    QFETCH(quint32, origin);
    QFETCH(QByteArray, data);
    QFETCH(bool, isNull);

    const Parser::Result res = Parser::parseResponse(line, Parser::Limits());
    QCOMPARE(res.status, RStatus::Ok);
    const FetchData *f = res.response.fetch();
    QVERIFY(f);
    QCOMPARE(f->sections.size(), 1);
    QCOMPARE(f->sections[0].section, section);
    QCOMPARE(f->sections[0].origin, origin);
    QCOMPARE(f->sections[0].data, data);
    QCOMPARE(f->sections[0].data.isNull(), isNull);
    // Byte-by-byte framing gives the same.
    QCOMPARE(parseStream(line, {1}), parseStream(line));
}

void TestParser::fetchPreview_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("has");
    QTest::addColumn<QByteArray>("preview");
    QTest::addColumn<bool>("isNull");

    QTest::newRow("quoted") << QByteArray("* 1 FETCH (UID 1 PREVIEW \"Hello there\")\r\n") << true
                            << QByteArray("Hello there") << false;
    QTest::newRow("literal") << QByteArray("* 1 FETCH (PREVIEW {5}\r\nHello UID 1)\r\n") << true << QByteArray("Hello")
                             << false;
    QTest::newRow("nil (lazy, not yet available)")
        << QByteArray("* 1 FETCH (PREVIEW NIL UID 1)\r\n") << true << QByteArray() << true;
    QTest::newRow("draft (ALG text)") << QByteArray("* 1 FETCH (PREVIEW (FUZZY \"Hi\") UID 1)\r\n") << true
                                      << QByteArray("Hi") << false;
    QTest::newRow("draft (ALG) text") << QByteArray("* 1 FETCH (PREVIEW (FUZZY) \"Hi\" UID 1)\r\n") << true
                                      << QByteArray("Hi") << false;
    QTest::newRow("draft (LAZY) nil") << QByteArray("* 1 FETCH (PREVIEW (LAZY) NIL UID 1)\r\n") << true << QByteArray()
                                      << true;
    QTest::newRow("draft (LAZY) alone") << QByteArray("* 1 FETCH (PREVIEW (LAZY) UID 1)\r\n") << true << QByteArray()
                                        << true;
    QTest::newRow("snippet") << QByteArray("* 1 FETCH (SNIPPET (FUZZY {2}\r\nab) UID 1)\r\n") << true
                             << QByteArray("ab") << false;
    QTest::newRow("none") << QByteArray("* 1 FETCH (UID 1)\r\n") << false << QByteArray() << true;
}

void TestParser::fetchPreview()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, has);
    QFETCH(QByteArray, preview);
    QFETCH(bool, isNull);
    const Response r = parseOk(line);
    const FetchData *f = r.fetch();
    QVERIFY(f);
    QCOMPARE(*f->uid, imap::Uid(1));
    QCOMPARE(f->preview.has_value(), has);
    if (has) {
        QCOMPARE(*f->preview, preview);
        QCOMPARE(f->preview->isNull(), isNull);
    }
}

void TestParser::fetchSkipsUnknownItems_data()
{
    QTest::addColumn<QByteArray>("items");
    QTest::newRow("bodystructure") << QByteArray(
        "BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"QUOTED-PRINTABLE\" 12 1 "
        "NIL NIL NIL NIL)((\"TEXT\" \"HTML\" NIL NIL NIL \"7BIT\" 3 0 NIL NIL NIL NIL)(\"IMAGE\" "
        "\"PNG\" (\"NAME\" {5}\r\na.png) \"<id>\" NIL \"BASE64\" 100 NIL (\"INLINE\" NIL) NIL NIL) "
        "\"RELATED\" (\"BOUNDARY\" \"b2\") NIL NIL NIL) \"MIXED\" (\"BOUNDARY\" \"b1\") NIL NIL NIL)");
    QTest::newRow("body structure") << QByteArray("BODY (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 0 0)");
    QTest::newRow("gmail") << QByteArray("X-GM-MSGID 1278455344230334865 X-GM-THRID 1266894439832287888 X-GM-LABELS "
                                         "(\\Inbox \\Sent Important \"Muy Importante\")");
    QTest::newRow("objectid") << QByteArray("EMAILID (M6d99ac3275bb4e) THREADID NIL SAVEDATE \"1-Jan-2024 "
                                            "00:00:00 +0000\"");
    QTest::newRow("binary.size") << QByteArray("BINARY.SIZE[1] 42");
    QTest::newRow("unknown with section and origin") << QByteArray("XFOO[1 (A B)]<5> (a (b {2}\r\nxy) \"c\")");
    QTest::newRow("unknown empty list") << QByteArray("XFOO ()");
    QTest::newRow("unknown nested empty") << QByteArray("XFOO (() (()) ())");
}

void TestParser::fetchSkipsUnknownItems()
{
    QFETCH(QByteArray, items);
    for (const QByteArray &line : {"* 3 FETCH (" + items + " UID 77)\r\n", "* 3 FETCH (UID 77 " + items + ")\r\n"}) {
        const Parser::Result r = Parser::parseResponse(line, Parser::Limits());
        QVERIFY2(r.status == RStatus::Ok, qPrintable(r.error.message));
        const FetchData *f = r.response.fetch();
        QVERIFY(f);
        QCOMPARE(*f->uid, imap::Uid(77));
        QVERIFY(f->sections.isEmpty());
        QVERIFY(!f->envelope);
    }
}

void TestParser::quotedStrings_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("subject");
    QTest::addColumn<bool>("isNull");
    QTest::newRow("plain") << QByteArray("\"abc\"") << QByteArray("abc") << false;
    QTest::newRow("escaped quote") << QByteArray("\"say \\\"hi\\\"\"") << QByteArray("say \"hi\"") << false;
    QTest::newRow("escaped backslash") << QByteArray("\"C:\\\\dir\\\\\"") << QByteArray("C:\\dir\\") << false;
    QTest::newRow("other escape kept") << QByteArray("\"a\\nb\"") << QByteArray("a\\nb") << false;
    QTest::newRow("utf8") << QByteArray("\"Grüße 🎉\"") << QByteArray("Grüße 🎉") << false;
    QTest::newRow("8-bit latin1") << QByteArray("\"caf\xe9\"") << QByteArray("caf\xe9") << false;
    QTest::newRow("empty") << QByteArray("\"\"") << QByteArray("") << false;
    QTest::newRow("nil") << QByteArray("NIL") << QByteArray() << true;
    QTest::newRow("nil lowercase") << QByteArray("nil") << QByteArray() << true;
    QTest::newRow("quoted NIL") << QByteArray("\"NIL\"") << QByteArray("NIL") << false;
    QTest::newRow("encoded word") << QByteArray("\"=?utf-8?B?R3LDvMOfZQ==?=\"")
                                  << QByteArray("=?utf-8?B?R3LDvMOfZQ==?=") << false;
    QTest::newRow("parens and brackets") << QByteArray("\"a (b) [c] {5}\"") << QByteArray("a (b) [c] {5}") << false;
    QTest::newRow("literal") << QByteArray("{3}\r\n\"\\)") << QByteArray("\"\\)") << false;
    QTest::newRow("literal8") << QByteArray("~{2}\r\nab") << QByteArray("ab") << false;
}

void TestParser::quotedStrings()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, subject);
    QFETCH(bool, isNull);
    const Response r = parseOk("* 1 FETCH (ENVELOPE (NIL " + value + " NIL NIL NIL NIL NIL NIL NIL NIL))\r\n");
    QVERIFY(r.fetch() && r.fetch()->envelope);
    QCOMPARE(r.fetch()->envelope->subject, subject);
    QCOMPARE(r.fetch()->envelope->subject.isNull(), isNull);
}

void TestParser::quotedScanEveryPosition()
{
    // The quoted-string scanner works eight bytes at a time: put each special
    // byte (and near-misses with the high bit set) at every offset.
    struct Special
    {
        QByteArray wire;
        QByteArray value;
    };
    const QList<Special> specials = {
        {"\\\"", "\""},   {"\\\\", "\\"},   {"\r", "\r"},     {"\n", "\n"},   {"\xa2", "\xa2"},
        {"\xdc", "\xdc"}, {"\x8d", "\x8d"}, {"\xff", "\xff"}, {"\\x", "\\x"}, {"\x01", "\x01"},
    };
    for (int length = 0; length <= 24; ++length) {
        for (int at = 0; at <= length; ++at) {
            for (const Special &sp : specials) {
                const QByteArray wire = QByteArray(at, 'a') + sp.wire + QByteArray(length - at, 'b');
                const QByteArray value = QByteArray(at, 'a') + sp.value + QByteArray(length - at, 'b');
                const QByteArray line
                    = "* 1 FETCH (ENVELOPE (NIL \"" + wire + "\" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n";
                const Parser::Result r = Parser::parseResponse(line, Parser::Limits());
                QVERIFY2(r.status == RStatus::Ok, line.toHex().constData());
                QCOMPARE(r.response.fetch()->envelope->subject, value);
            }
            // Unterminated at every length: the scan must stop at the end.
            const QByteArray open = "* 1 FETCH (ENVELOPE (NIL \"" + QByteArray(length, 'a') + "\r\n";
            QCOMPARE(Parser::parseResponse(open, Parser::Limits()).error.code, ParseError::Code::Syntax);
        }
    }
}

void TestParser::fetchEnvelopeSharedAddressLists()
{
    // from, sender and reply-to are usually byte-identical; the values must
    // come out right whichever are shared.
    const QByteArray a = "((\"A\" NIL \"a\" \"x.org\"))";
    const QByteArray b = "((\"B\" NIL \"b\" \"y.org\")(NIL NIL \"c\" \"z.org\"))";
    struct Case
    {
        QByteArray from, sender, replyTo;
    };
    for (const Case &c :
         {Case{a, a, a}, Case{a, b, a}, Case{a, a, b}, Case{"NIL", "NIL", b}, Case{b, "NIL", b}, Case{a, a + "X", a}}) {
        const QByteArray line = "* 1 FETCH (ENVELOPE (NIL \"s\" " + c.from + ' ' + c.sender + ' ' + c.replyTo
            + " NIL NIL NIL NIL NIL))\r\n";
        const Parser::Result r = Parser::parseResponse(line, Parser::Limits());
        if (c.sender.endsWith('X')) {
            QCOMPARE(r.error.code, ParseError::Code::Syntax);
            continue;
        }
        QCOMPARE(r.status, RStatus::Ok);
        const imap::Envelope &e = *r.response.fetch()->envelope;
        auto expect = [](const QByteArray &raw) {
            return Parser::parseResponse("* 1 FETCH (ENVELOPE (NIL NIL " + raw + " NIL NIL NIL NIL NIL NIL NIL))\r\n",
                                         Parser::Limits())
                .response.fetch()
                ->envelope->from;
        };
        auto same = [](const QList<Address> &x, const QList<Address> &y) {
            if (x.size() != y.size())
                return false;
            for (qsizetype i = 0; i < x.size(); ++i)
                if (x[i].name != y[i].name || x[i].adl != y[i].adl || x[i].mailbox != y[i].mailbox
                    || x[i].host != y[i].host || x[i].host.isNull() != y[i].host.isNull())
                    return false;
            return true;
        };
        QVERIFY(same(e.from, expect(c.from)));
        QVERIFY(same(e.sender, expect(c.sender)));
        QVERIFY(same(e.replyTo, expect(c.replyTo)));
    }
}

// ---------------------------------------------------------------------------

void TestParser::rfc2177IdleExchange()
{
    // The server side of the RFC 2177 example, with the FETCH filled in.
    const QByteArray stream = "* FLAGS (Deleted Seen)\r\n"
                              "* 3 EXISTS\r\n"
                              "* 0 RECENT\r\n"
                              "* OK [UIDVALIDITY 1]\r\n"
                              "A001 OK SELECT completed\r\n"
                              "+ idling\r\n"
                              "* 4 EXISTS\r\n"
                              "A002 OK IDLE terminated\r\n"
                              "* 4 FETCH (FLAGS () INTERNALDATE \"1-Jan-2024 00:00:00 +0000\" RFC822.SIZE 44 ENVELOPE "
                              "(NIL \"hi\" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n"
                              "A003 OK FETCH completed\r\n"
                              "* 2 EXPUNGE\r\n"
                              "* 3 EXISTS\r\n"
                              "+ idling\r\n"
                              "* 3 EXPUNGE\r\n"
                              "* 2 EXISTS\r\n"
                              "* 3 EXISTS\r\n"
                              "A004 OK IDLE terminated\r\n";
    Parser parser;
    parser.feed(stream);
    QList<Response> rs;
    for (Parser::Result r = parser.next(); r.status != RStatus::NeedMoreData; r = parser.next()) {
        QCOMPARE(r.status, RStatus::Ok);
        rs.append(r.response);
    }
    QCOMPARE(rs.size(), 17);
    QCOMPARE(parser.bufferedBytes(), 0);
    QCOMPARE(rs[0].type, Type::Flags);
    QCOMPARE(rs[0].list, (QByteArrayList{"Deleted", "Seen"}));
    QCOMPARE(rs[1].type, Type::Exists);
    QCOMPARE(rs[1].number, 3u);
    QCOMPARE(rs[2].type, Type::Recent);
    QCOMPARE(rs[2].number, 0u);
    QCOMPARE(rs[3].code.kind, Code::UidValidity);
    QCOMPARE(rs[3].code.number, quint64(1));
    QVERIFY(rs[3].text.isEmpty());
    QVERIFY(rs[4].isTagged());
    QCOMPARE(rs[4].tag, QByteArray("A001"));
    QVERIFY(rs[5].isContinuation());
    QCOMPARE(rs[5].text, QByteArray("idling"));
    QCOMPARE(rs[6].type, Type::Exists);
    QCOMPARE(rs[6].number, 4u);
    QCOMPARE(rs[7].tag, QByteArray("A002"));
    QCOMPARE(rs[8].type, Type::Fetch);
    QCOMPARE(rs[8].fetch()->envelope->subject, QByteArray("hi"));
    QCOMPARE(*rs[8].fetch()->rfc822Size, quint64(44));
    QCOMPARE(rs[10].type, Type::Expunge);
    QCOMPARE(rs[10].number, 2u);
    QVERIFY(rs[12].isContinuation());
    QCOMPARE(rs[13].type, Type::Expunge);
    QCOMPARE(rs[13].number, 3u);
    QCOMPARE(rs[15].number, 3u);
    QCOMPARE(rs[16].tag, QByteArray("A004"));
    QCOMPARE(rs[16].text, QByteArray("IDLE terminated"));
}

void TestParser::rfc9051ExamineResponses()
{
    const QByteArray stream = "* OK IMAP4rev2 Service Ready\r\n"
                              "* CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n"
                              "abcd OK CAPABILITY completed\r\n"
                              "* 17 EXISTS\r\n"
                              "* OK [UIDVALIDITY 3857529045] UIDs valid.\r\n"
                              "* OK [UIDNEXT 4392] Predicted next UID.\r\n"
                              "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
                              "* OK [PERMANENTFLAGS ()] No permanent flags permitted.\r\n"
                              "* LIST () \"/\" INBOX\r\n"
                              "A932 OK [READ-ONLY] EXAMINE completed.\r\n";
    Parser parser;
    parser.feed(stream);
    QList<Response> rs;
    for (Parser::Result r = parser.next(); r.status != RStatus::NeedMoreData; r = parser.next()) {
        QCOMPARE(r.status, RStatus::Ok);
        rs.append(r.response);
    }
    QCOMPARE(rs.size(), 10);
    QCOMPARE(rs[0].type, Type::Status);
    QCOMPARE(rs[0].text, QByteArray("IMAP4rev2 Service Ready"));
    QCOMPARE(rs[1].type, Type::Capability);
    QCOMPARE(rs[1].list.size(), 4);
    QCOMPARE(rs[2].tag, QByteArray("abcd"));
    QCOMPARE(rs[3].type, Type::Exists);
    QCOMPARE(rs[3].number, 17u);
    QCOMPARE(rs[4].code.kind, Code::UidValidity);
    QCOMPARE(rs[4].code.number, quint64(3857529045u));
    QCOMPARE(rs[4].text, QByteArray("UIDs valid."));
    QCOMPARE(rs[5].code.kind, Code::UidNext);
    QCOMPARE(rs[5].code.number, quint64(4392));
    QCOMPARE(rs[6].type, Type::Flags);
    QCOMPARE(rs[6].list.size(), 5);
    QCOMPARE(rs[7].code.kind, Code::PermanentFlags);
    QVERIFY(rs[7].code.list.isEmpty());
    QCOMPARE(rs[8].type, Type::List);
    QCOMPARE(rs[8].listData()->mailbox, QByteArray("INBOX"));
    QCOMPARE(rs[9].tag, QByteArray("A932"));
    QCOMPARE(rs[9].code.kind, Code::ReadOnly);
    QCOMPARE(rs[9].text, QByteArray("EXAMINE completed."));
}

// ---------------------------------------------------------------------------

void TestParser::everySplitPoint()
{
    const QByteArray stream = mixedStream();
    const QByteArrayList whole = parseStream(stream);
    QCOMPARE(whole.size(), 14);
    // Sanity: the error and what follows it.
    QVERIFY(whole[6].startsWith("Error 5 "));
    QVERIFY(whole[7].contains("text=\"text with a lone\nLF\""));
    QVERIFY(whole[1].contains("text=\"done {5}\""));
    QVERIFY(whole[11].startsWith("Error 5 ")); // empty line

    QCOMPARE(parseStream(stream, {1}), whole);
    for (qsizetype split = 1; split < stream.size(); ++split) {
        Parser parser;
        QByteArrayList out;
        auto drain = [&] {
            for (Parser::Result r = parser.next(); r.status != RStatus::NeedMoreData; r = parser.next())
                out.append(describe(r));
        };
        parser.feed(QByteArrayView(stream).first(split));
        drain();
        parser.feed(QByteArrayView(stream).sliced(split));
        drain();
        QVERIFY2(out == whole, qPrintable(QStringLiteral("split at %1").arg(split)));
        QCOMPARE(parser.bufferedBytes(), 0);
    }
}

void TestParser::randomChunking()
{
    QByteArray stream;
    for (int i = 0; i < 20; ++i)
        stream += mixedStream();
    const QByteArrayList whole = parseStream(stream);
    QCOMPARE(whole.size(), 20 * 14);
    QRandomGenerator rng(4711);
    for (int round = 0; round < 20; ++round) {
        QList<qsizetype> chunks;
        for (int i = 0; i < 50; ++i)
            chunks.append(rng.bounded(1, round < 10 ? 8 : 300));
        QCOMPARE(parseStream(stream, chunks), whole);
    }
}

void TestParser::statusTextEndingLikeALiteral()
{
    // Status text never announces a literal: "{5}" is text, the next line is a response.
    const QByteArray stream = "A1 NO [ALERT] quota {5}\r\n* OK foo {3}\r\n+ {2}\r\n* 2 EXISTS\r\n";
    Parser parser;
    parser.feed(stream);
    Parser::Result r = parser.next();
    QCOMPARE(r.status, RStatus::Ok);
    QCOMPARE(r.response.text, QByteArray("quota {5}"));
    r = parser.next();
    QCOMPARE(r.response.text, QByteArray("foo {3}"));
    r = parser.next();
    QVERIFY(r.response.isContinuation());
    QCOMPARE(r.response.text, QByteArray("{2}"));
    r = parser.next();
    QCOMPARE(r.response.type, Type::Exists);
    QCOMPARE(parser.next().status, RStatus::NeedMoreData);
}

void TestParser::loneLineFeed()
{
    // Framing is strict CRLF: a lone LF is a byte of the line. In text it is
    // kept; in structured data it is a (non-fatal) syntax error.
    Parser parser;
    parser.feed("* OK a\nb\r\n* 1 EXISTS\n* 2 EXISTS\r\n* 3 EXISTS\r\n");
    Parser::Result r = parser.next();
    QCOMPARE(r.status, RStatus::Ok);
    QCOMPARE(r.response.text, QByteArray("a\nb"));
    r = parser.next();
    QCOMPARE(r.status, RStatus::Error);
    QCOMPARE(r.error.code, ParseError::Code::Syntax);
    QVERIFY(!r.error.fatal);
    QVERIFY(r.error.excerpt.contains("\\n"));
    r = parser.next();
    QCOMPARE(r.status, RStatus::Ok);
    QCOMPARE(r.response.number, 3u);
    // A bare LF never ends a response.
    parser.feed("* 4 EXISTS\n");
    QCOMPARE(parser.next().status, RStatus::NeedMoreData);
    QCOMPARE(parser.bufferedBytes(), 11);
}

void TestParser::literalAtEndOfLine()
{
    // A literal announced right before the final CRLF of what would be the
    // last line: the response continues after the literal.
    const QByteArray stream = "* XFOO {4}\r\nIMAP\r\n* 1 FETCH (BODY[] {2}\r\n\r\n)\r\n";
    const QByteArrayList out = parseStream(stream);
    QCOMPARE(out.size(), 2);
    QVERIFY(out[0].contains("kw=XFOO"));
    QCOMPARE(parseStream(stream, {1}), out);
    const Response r = parseOk("* 1 FETCH (BODY[] {2}\r\n\r\n)\r\n");
    QCOMPARE(r.fetch()->sections.value(0).data, QByteArray("\r\n"));
}

void TestParser::bufferedBytes()
{
    Parser parser;
    QCOMPARE(parser.bufferedBytes(), 0);
    parser.feed("* 1 EXI");
    QCOMPARE(parser.bufferedBytes(), 7);
    QCOMPARE(parser.next().status, RStatus::NeedMoreData);
    QCOMPARE(parser.bufferedBytes(), 7);
    parser.feed("STS\r\n* 2 EXISTS\r\n* 3");
    QCOMPARE(parser.bufferedBytes(), 7 + 5 + 12 + 3);
    QCOMPARE(parser.next().status, RStatus::Ok);
    QCOMPARE(parser.bufferedBytes(), 12 + 3);
    QCOMPARE(parser.next().status, RStatus::Ok);
    QCOMPARE(parser.bufferedBytes(), 3);
    QCOMPARE(parser.next().status, RStatus::NeedMoreData);
    QCOMPARE(parser.bufferedBytes(), 3);

    // STARTTLS hygiene: plaintext injected behind the tagged OK stays visible.
    Parser tls;
    tls.feed("A1 OK Begin TLS negotiation now\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n");
    QCOMPARE(tls.next().response.tag, QByteArray("A1"));
    QVERIFY(tls.bufferedBytes() > 0);
    Parser clean;
    clean.feed("A1 OK Begin TLS negotiation now\r\n");
    QCOMPARE(clean.next().status, RStatus::Ok);
    QCOMPARE(clean.bufferedBytes(), 0);

    // Inside a literal.
    Parser lit;
    lit.feed("* 1 FETCH (BODY[] {10}\r\nabc");
    QCOMPARE(lit.next().status, RStatus::NeedMoreData);
    QCOMPARE(lit.bufferedBytes(), 27);
    lit.feed("defghij)\r\n");
    QCOMPARE(lit.next().status, RStatus::Ok);
    QCOMPARE(lit.bufferedBytes(), 0);
}

void TestParser::reset()
{
    Parser parser;
    parser.feed("* 1 FETCH (BODY[] {4294967295}\r\n");
    Parser::Result r = parser.next();
    QCOMPARE(r.status, RStatus::Error);
    QVERIFY(r.error.fatal);
    // Sticky, and new data is ignored.
    parser.feed("* 1 EXISTS\r\n");
    QCOMPARE(parser.next().error.code, ParseError::Code::LiteralTooLarge);
    QCOMPARE(parser.next().status, RStatus::Error);
    QCOMPARE(parser.bufferedBytes(), 0);

    parser.reset();
    QCOMPARE(parser.bufferedBytes(), 0);
    QCOMPARE(parser.next().status, RStatus::NeedMoreData);
    parser.feed("* 1 EXISTS\r\n");
    r = parser.next();
    QCOMPARE(r.status, RStatus::Ok);
    QCOMPARE(r.response.number, 1u);

    // Reset also drops partial input and literal state.
    parser.feed("* 1 FETCH (BODY[] {100}\r\nabc");
    QCOMPARE(parser.next().status, RStatus::NeedMoreData);
    parser.reset();
    parser.feed("* 2 EXISTS\r\n");
    QCOMPARE(parser.next().response.number, 2u);
    QCOMPARE(parser.limits().maxNesting, Parser::Limits().maxNesting);
}

void TestParser::parseResponseStandalone_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<ParseError::Code>("code");
    QTest::newRow("ok") << QByteArray("* 1 EXISTS\r\n") << ParseError::Code::None;
    QTest::newRow("no CRLF") << QByteArray("* 1 EXISTS") << ParseError::Code::Syntax;
    QTest::newRow("bare LF") << QByteArray("* 1 EXISTS\n") << ParseError::Code::Syntax;
    QTest::newRow("empty") << QByteArray() << ParseError::Code::Syntax;
    QTest::newRow("two responses") << QByteArray("* 1 EXISTS\r\n* 2 EXISTS\r\n") << ParseError::Code::Syntax;
    QTest::newRow("literal missing") << QByteArray("* 1 FETCH (BODY[] {5}\r\nab") << ParseError::Code::Syntax;
    QTest::newRow("literal too large") << QByteArray("* 1 FETCH (BODY[] {9999999999}\r\n")
                                       << ParseError::Code::LiteralTooLarge;
}

void TestParser::parseResponseStandalone()
{
    QFETCH(QByteArray, bytes);
    QFETCH(ParseError::Code, code);
    const Parser::Result r = Parser::parseResponse(bytes, Parser::Limits());
    QCOMPARE(r.error.code, code);
    QCOMPARE(r.status, code == ParseError::Code::None ? RStatus::Ok : RStatus::Error);
}

// ---------------------------------------------------------------------------

void TestParser::malformed_data()
{
    QTest::addColumn<QByteArray>("bad");

    QTest::newRow("empty line") << QByteArray("\r\n");
    QTest::newRow("spaces only") << QByteArray("   \r\n");
    QTest::newRow("garbage") << QByteArray("\x01\x02garbage\xff\r\n");
    QTest::newRow("star without space") << QByteArray("*OK hi\r\n");
    QTest::newRow("star alone") << QByteArray("*\r\n");
    QTest::newRow("tag alone") << QByteArray("A1\r\n");
    QTest::newRow("tag followed by nonsense") << QByteArray("A1 FOO bar\r\n");
    QTest::newRow("tag with preauth") << QByteArray("A1 PREAUTH x\r\n");
    QTest::newRow("invalid tag char") << QByteArray("A(1 OK x\r\n");
    QTest::newRow("tag with plus") << QByteArray("A+1 OK x\r\n");
    QTest::newRow("unterminated quote") << QByteArray("* 1 FETCH (ENVELOPE (\"Mon, 1 Jan NIL))\r\n");
    QTest::newRow("unterminated quote before literal")
        << QByteArray("* 1 FETCH (ENVELOPE (\"abc {3}\r\nx\"y NIL NIL NIL NIL NIL NIL NIL NIL NIL))\r\n");
    QTest::newRow("unterminated quote in list") << QByteArray("* LIST () \"/ INBOX\r\n");
    QTest::newRow("exists overflow") << QByteArray("* 99999999999999999999 EXISTS\r\n");
    QTest::newRow("exists 2^32") << QByteArray("* 4294967296 EXISTS\r\n");
    QTest::newRow("exists not a number") << QByteArray("* 12a EXISTS\r\n");
    QTest::newRow("exists trailing junk") << QByteArray("* 1 EXISTS x\r\n");
    QTest::newRow("expunge zero") << QByteArray("* 0 EXPUNGE\r\n");
    QTest::newRow("fetch zero") << QByteArray("* 0 FETCH (UID 1)\r\n");
    QTest::newRow("uid 2^32") << QByteArray("* 1 FETCH (UID 4294967296)\r\n");
    QTest::newRow("uid zero") << QByteArray("* 1 FETCH (UID 0)\r\n");
    QTest::newRow("size overflow") << QByteArray("* 1 FETCH (RFC822.SIZE 18446744073709551616)\r\n");
    QTest::newRow("modseq overflow") << QByteArray("* 1 FETCH (MODSEQ (99999999999999999999999))\r\n");
    QTest::newRow("origin overflow") << QByteArray("* 1 FETCH (BODY[]<4294967296> \"x\")\r\n");
    QTest::newRow("search overflow") << QByteArray("* SEARCH 1 4294967296\r\n");
    QTest::newRow("search garbage") << QByteArray("* SEARCH 1 two 3\r\n");
    QTest::newRow("esearch count overflow") << QByteArray("* ESEARCH COUNT 99999999999\r\n");
    QTest::newRow("esearch all star") << QByteArray("* ESEARCH ALL 1:*\r\n");
    QTest::newRow("status overflow") << QByteArray("* STATUS INBOX (MESSAGES 4294967296)\r\n");
    QTest::newRow("status unclosed") << QByteArray("* STATUS INBOX (MESSAGES 1\r\n");
    QTest::newRow("fetch unclosed") << QByteArray("* 1 FETCH (UID 1\r\n");
    QTest::newRow("fetch no list") << QByteArray("* 1 FETCH UID 1\r\n");
    QTest::newRow("fetch item without value") << QByteArray("* 1 FETCH (UID)\r\n");
    QTest::newRow("fetch nil size") << QByteArray("* 1 FETCH (RFC822.SIZE NIL)\r\n");
    QTest::newRow("fetch items glued") << QByteArray("* 1 FETCH (UID 5FLAGS (\\Seen))\r\n");
    QTest::newRow("fetch trailing junk") << QByteArray("* 1 FETCH (UID 5) x\r\n");
    QTest::newRow("fetch unterminated section") << QByteArray("* 1 FETCH (BODY[HEADER \"x\")\r\n");
    QTest::newRow("envelope short") << QByteArray("* 1 FETCH (ENVELOPE (NIL \"s\"))\r\n");
    QTest::newRow("envelope atom subject") << QByteArray("* 1 FETCH (ENVELOPE (NIL subject NIL NIL NIL NIL NIL NIL "
                                                         "NIL NIL))\r\n");
    QTest::newRow("address short") << QByteArray("* 1 FETCH (ENVELOPE (NIL NIL ((NIL NIL \"a\")) NIL NIL NIL NIL NIL "
                                                 "NIL NIL))\r\n");
    QTest::newRow("unbalanced close") << QByteArray("* 1 FETCH (XFOO a))\r\n");
    QTest::newRow("literal short of its count") << QByteArray("* 1 FETCH (BODY[] {3}\r\nabcd)\r\n");
    QTest::newRow("flags unclosed") << QByteArray("* FLAGS (\\Seen\r\n");
    QTest::newRow("flags bare backslash") << QByteArray("* FLAGS (\\ \\Seen)\r\n");
    QTest::newRow("list bad delimiter") << QByteArray("* LIST () \"ab\" INBOX\r\n");
    QTest::newRow("list missing mailbox") << QByteArray("* LIST () \"/\"\r\n");
    QTest::newRow("vanished no set") << QByteArray("* VANISHED (EARLIER)\r\n");
    QTest::newRow("NUL in structure") << QByteArray("* 1 FETCH (UID \0)\r\n", 19);
    QTest::newRow("lone CR in structure") << QByteArray("* 1 FETCH (UID 1\r)\r\n");
}

void TestParser::malformed()
{
    QFETCH(QByteArray, bad);
    // Standalone: a non-fatal syntax error.
    const Parser::Result standalone = Parser::parseResponse(bad, Parser::Limits());
    QCOMPARE(standalone.status, RStatus::Error);
    QCOMPARE(standalone.error.code, ParseError::Code::Syntax);
    QVERIFY(!standalone.error.fatal);
    QVERIFY(!standalone.error.message.isEmpty());
    QVERIFY(standalone.error.excerpt.size() <= 64);

    // In a stream: consumed whole, and the next response parses.
    for (const QList<qsizetype> &chunks : {QList<qsizetype>{}, QList<qsizetype>{1}, QList<qsizetype>{3, 7}}) {
        const QByteArrayList out = parseStream("* 1 EXISTS\r\n" + bad + "* 2 EXISTS\r\nA1 OK done\r\n", chunks);
        QCOMPARE(out.size(), 4);
        QVERIFY(out[0].contains("n=1 "));
        QVERIFY2(out[1].startsWith("Error 5 "), out[1].constData()); // Syntax, not fatal
        QVERIFY(out[2].contains("n=2 "));
        QVERIFY(out[3].contains("tag=A1"));
    }
}

void TestParser::shortLiteralDesynchronises()
{
    // A server announcing more literal bytes than it sends: the framer counts,
    // so the following bytes belong to the literal. The damage stays local:
    // one syntax error, then parsing goes on.
    const QByteArray stream = "* 1 FETCH (BODY[] {10}\r\nabc)\r\n* 2 EXISTS\r\n* 3 EXISTS\r\nA1 OK done\r\n";
    const QByteArrayList out = parseStream(stream);
    QCOMPARE(out.size(), 3);
    QVERIFY(out[0].startsWith("Error 5 "));
    QVERIFY(out[1].contains("n=3 "));
    QVERIFY(out[2].contains("tag=A1"));
    QCOMPARE(parseStream(stream, {1}), out);
}

void TestParser::fatalLimits_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("maxLine");
    QTest::addColumn<int>("maxLiteral");
    QTest::addColumn<int>("maxResponse");
    QTest::addColumn<int>("maxNesting");
    QTest::addColumn<ParseError::Code>("code");

    const QByteArray longLine = "* OK " + QByteArray(200, 'x') + "\r\n";
    QTest::newRow("line too long") << longLine << 100 << 1000 << 10000 << 64 << ParseError::Code::LineTooLong;
    QTest::newRow("line too long, unterminated")
        << ("* OK " + QByteArray(200, 'x')) << 100 << 1000 << 10000 << 64 << ParseError::Code::LineTooLong;
    QTest::newRow("line after literal too long") << ("* 1 FETCH (BODY[] {3}\r\nabc " + QByteArray(200, 'x') + ")\r\n")
                                                 << 100 << 1000 << 10000 << 64 << ParseError::Code::LineTooLong;
    QTest::newRow("literal too large") << QByteArray("* 1 FETCH (BODY[] {1001}\r\n") << 100 << 1000 << 10000 << 64
                                       << ParseError::Code::LiteralTooLarge;
    QTest::newRow("literal8 too large") << QByteArray("* 1 FETCH (BINARY[] ~{1001}\r\n") << 100 << 1000 << 10000 << 64
                                        << ParseError::Code::LiteralTooLarge;
    QTest::newRow("literal+ too large") << QByteArray("* 1 FETCH (BODY[] {1001+}\r\n") << 100 << 1000 << 10000 << 64
                                        << ParseError::Code::LiteralTooLarge;
    QTest::newRow("literals add up") << ("* 1 FETCH (BODY[1] {900}\r\n" + QByteArray(900, 'a') + " BODY[2] {900}\r\n")
                                     << 100 << 1000 << 1500 << 64 << ParseError::Code::ResponseTooLarge;
    QByteArray manyLines = "* 1 FETCH (";
    for (int i = 0; i < 30; ++i)
        manyLines += "X {0}\r\n ";
    manyLines += ")\r\n";
    QTest::newRow("lines add up") << manyLines << 100 << 1000 << 150 << 64 << ParseError::Code::ResponseTooLarge;
    QTest::newRow("nesting") << ("* 1 FETCH (XFOO " + QByteArray(20, '(') + QByteArray(20, ')') + ")\r\n") << 1000
                             << 1000 << 10000 << 10 << ParseError::Code::NestingTooDeep;
}

void TestParser::fatalLimits()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, maxLine);
    QFETCH(int, maxLiteral);
    QFETCH(int, maxResponse);
    QFETCH(int, maxNesting);
    QFETCH(ParseError::Code, code);

    Parser::Limits limits;
    limits.maxLineLength = maxLine;
    limits.maxLiteralSize = maxLiteral;
    limits.maxResponseSize = maxResponse;
    limits.maxNesting = maxNesting;

    for (const QList<qsizetype> &chunks : {QList<qsizetype>{}, QList<qsizetype>{1}, QList<qsizetype>{13}}) {
        const QByteArrayList out = parseStream("* 1 EXISTS\r\n" + bytes + "* 2 EXISTS\r\n", chunks, limits);
        QCOMPARE(out.size(), 2);
        QVERIFY(out[0].contains("n=1 "));
        QVERIFY2(out[1].startsWith("Error " + QByteArray::number(int(code)) + " fatal"), out[1].constData());
    }

    // Sticky until reset(); memory released.
    Parser parser(limits);
    parser.feed(bytes);
    Parser::Result r = parser.next();
    QCOMPARE(r.status, RStatus::Error);
    QCOMPARE(r.error.code, code);
    QVERIFY(r.error.fatal);
    QVERIFY(!r.error.message.isEmpty());
    QVERIFY(r.error.excerpt.size() <= 64);
    QCOMPARE(parser.bufferedBytes(), 0);
    parser.feed("* 3 EXISTS\r\n");
    QCOMPARE(parser.next().error.code, code);
    QCOMPARE(parser.bufferedBytes(), 0);
    parser.reset();
    parser.feed("* 3 EXISTS\r\n");
    QCOMPARE(parser.next().response.number, 3u);

    // The pure function reports the same limits.
    if (bytes.endsWith("\r\n")) {
        const Parser::Result pure = Parser::parseResponse(bytes, limits);
        QCOMPARE(pure.status, RStatus::Error);
        QCOMPARE(pure.error.code, code);
        QVERIFY(pure.error.fatal);
    }
}

void TestParser::hugeLiteralFailsAtOnce_data()
{
    QTest::addColumn<QByteArray>("announcement");
    QTest::newRow("2^32-1") << QByteArray("{4294967295}");
    QTest::newRow("20 digits") << QByteArray("{99999999999999999999}");
    QTest::newRow("2^64") << QByteArray("{18446744073709551616}");
    QTest::newRow("2^63") << QByteArray("{9223372036854775808}");
    QTest::newRow("many digits") << ('{' + QByteArray(5000, '9') + '}');
    QTest::newRow("binary") << QByteArray("~{4294967295}");
    QTest::newRow("plus") << QByteArray("{4294967295+}");
}

void TestParser::hugeLiteralFailsAtOnce()
{
    QFETCH(QByteArray, announcement);
    Parser parser; // default limits: 1 MiB literals
    parser.feed("* 1 FETCH (UID 1 BODY[] " + announcement);
    QCOMPARE(parser.next().status, RStatus::NeedMoreData);
    parser.feed("\r\n");
    const Parser::Result r = parser.next(); // no further byte of the literal needed
    QCOMPARE(r.status, RStatus::Error);
    QCOMPARE(r.error.code, ParseError::Code::LiteralTooLarge);
    QVERIFY(r.error.fatal);
    QVERIFY(r.error.excerpt.size() <= 64);
    QCOMPARE(parser.bufferedBytes(), 0);

    const Parser::Result pure = Parser::parseResponse("* 1 FETCH (BODY[] " + announcement + "\r\n", Parser::Limits());
    QCOMPARE(pure.error.code, ParseError::Code::LiteralTooLarge);
}

void TestParser::endlessLine()
{
    Parser::Limits limits;
    limits.maxLineLength = 64 * 1024;
    limits.maxResponseSize = 1024 * 1024;
    Parser parser(limits);
    const qsizetype chunk = 4096;
    const QByteArray block(chunk, 'a');
    parser.feed("* OK ");
    qsizetype fed = 5;
    qsizetype maxBuffered = 0;
    Parser::Result r;
    for (int i = 0; i < 1000; ++i) {
        parser.feed(block);
        fed += chunk;
        maxBuffered = std::max(maxBuffered, parser.bufferedBytes());
        r = parser.next();
        if (r.status != RStatus::NeedMoreData)
            break;
    }
    QCOMPARE(r.status, RStatus::Error);
    QCOMPARE(r.error.code, ParseError::Code::LineTooLong);
    QVERIFY(r.error.fatal);
    // Detected on the first next() after passing the limit.
    QVERIFY(fed > limits.maxLineLength);
    QVERIFY(fed <= limits.maxLineLength + chunk + 5);
    QVERIFY(maxBuffered <= limits.maxLineLength + chunk + 5);
    QCOMPARE(parser.bufferedBytes(), 0);
    // Further input is dropped, not buffered.
    parser.feed(block);
    QCOMPARE(parser.bufferedBytes(), 0);

    // Same with a stream of lone LFs (never a line end).
    Parser lf(limits);
    QByteArray lfs(chunk, '\n');
    r = Parser::Result();
    for (int i = 0; i < 1000 && r.status == RStatus::NeedMoreData; ++i) {
        lf.feed(lfs);
        r = lf.next();
    }
    QCOMPARE(r.error.code, ParseError::Code::LineTooLong);
}

void TestParser::limitBoundaries()
{
    Parser::Limits limits;
    limits.maxLineLength = 20;

    // A line of exactly maxLineLength bytes (without CRLF) passes; one more fails.
    const QByteArray line20 = "* OK " + QByteArray(15, 'x') + "\r\n";
    QCOMPARE(Parser::parseResponse(line20, limits).status, RStatus::Ok);
    const QByteArray line21 = "* OK " + QByteArray(16, 'x') + "\r\n";
    QCOMPARE(Parser::parseResponse(line21, limits).error.code, ParseError::Code::LineTooLong);
    {
        // Fed byte by byte, the CR of the CRLF must not count before the LF arrives.
        Parser parser(limits);
        for (char c : line20) {
            parser.feed(QByteArrayView(&c, 1));
            const Parser::Result r = parser.next();
            if (c == '\n')
                QCOMPARE(r.status, RStatus::Ok);
            else
                QCOMPARE(r.status, RStatus::NeedMoreData);
        }
    }

    // Literal of exactly maxLiteralSize passes; one more fails.
    limits.maxLineLength = 100;
    limits.maxLiteralSize = 10;
    QCOMPARE(Parser::parseResponse("* 1 FETCH (BODY[] {10}\r\n0123456789)\r\n", limits).status, RStatus::Ok);
    QCOMPARE(Parser::parseResponse("* 1 FETCH (BODY[] {11}\r\n0123456789a)\r\n", limits).error.code,
             ParseError::Code::LiteralTooLarge);

    // Response size counts every byte including CRLFs.
    QByteArray exact = "* 1 FETCH (BODY[] {10}\r\n0123456789 BODY[1] {10}\r\n0123456789)\r\n";
    limits.maxResponseSize = exact.size();
    QCOMPARE(Parser::parseResponse(exact, limits).status, RStatus::Ok);
    limits.maxResponseSize = exact.size() - 1;
    QCOMPARE(Parser::parseResponse(exact, limits).error.code, ParseError::Code::ResponseTooLarge);
}

void TestParser::nestingTooDeep()
{
    Parser::Limits limits;
    limits.maxNesting = 8;
    // FETCH list (1) + BODYSTRUCTURE lists: 8 levels in all is fine, 9 is not.
    const QByteArray ok = "* 1 FETCH (BODYSTRUCTURE " + QByteArray(7, '(') + "NIL" + QByteArray(7, ')') + ")\r\n";
    QCOMPARE(Parser::parseResponse(ok, limits).status, RStatus::Ok);
    const QByteArray deep = "* 1 FETCH (BODYSTRUCTURE " + QByteArray(8, '(') + "NIL" + QByteArray(8, ')') + ")\r\n";
    const Parser::Result r = Parser::parseResponse(deep, limits);
    QCOMPARE(r.error.code, ParseError::Code::NestingTooDeep);
    QVERIFY(r.error.fatal);

    // Default limits, absurd depth: no stack overflow (the skipper is iterative).
    const QByteArray absurd = "* 1 FETCH (X " + QByteArray(100000, '(') + ")\r\n";
    Parser::Limits big;
    big.maxNesting = 1000000;
    QCOMPARE(Parser::parseResponse(absurd, big).error.code, ParseError::Code::Syntax);
    QCOMPARE(Parser::parseResponse(absurd, Parser::Limits()).error.code, ParseError::Code::NestingTooDeep);

    // In ENVELOPE too.
    limits.maxNesting = 3;
    const Parser::Result env = Parser::parseResponse(
        "* 1 FETCH (ENVELOPE (NIL NIL ((NIL NIL \"a\" \"b\")) NIL NIL NIL NIL NIL NIL NIL))\r\n", limits);
    QCOMPARE(env.error.code, ParseError::Code::NestingTooDeep);
}

void TestParser::excerpt()
{
    const Parser::Result r
        = Parser::parseResponse("* 1 FETCH (UID 1 " + QByteArray(100, 'y') + " \x01\t\x7f" + ")\r\n", Parser::Limits());
    QCOMPARE(r.error.code, ParseError::Code::Syntax);
    QVERIFY(r.error.excerpt.size() <= 64);
    for (char c : r.error.excerpt)
        QVERIFY(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);

    const Parser::Result ctl = Parser::parseResponse("\x01\x02\r\n", Parser::Limits());
    QCOMPARE(ctl.error.excerpt, QByteArray("\\x01\\x02\\r\\n"));

    QByteArray allControls;
    for (int i = 0; i < 40; ++i)
        allControls += char(i % 32);
    const Parser::Result many = Parser::parseResponse(allControls + "\r\n", Parser::Limits());
    QVERIFY(many.error.excerpt.size() <= 64);
    QVERIFY(many.error.excerpt.startsWith("\\x00\\x01"));
}

void TestParser::bigSearch()
{
    QByteArray line = "* SEARCH";
    QList<quint32> expected;
    for (quint32 i = 1; i <= 100000; ++i) {
        line += ' ' + QByteArray::number(i * 3);
        expected.append(i * 3);
    }
    line += "\r\n";
    Parser parser;
    for (qsizetype pos = 0; pos < line.size(); pos += 1000)
        parser.feed(QByteArrayView(line).sliced(pos, std::min<qsizetype>(1000, line.size() - pos)));
    const Parser::Result r = parser.next();
    QCOMPARE(r.status, RStatus::Ok);
    QCOMPARE(r.response.search()->numbers, expected);
}

void TestParser::randomBytes()
{
    QRandomGenerator rng(20240229);
    QByteArray data(1024 * 1024, Qt::Uninitialized);
    for (char &c : data) {
        // Bias towards bytes that matter to the grammar, so framing paths run.
        static const char interesting[] = "\r\n{}~+()\"\\[]<> *0123456789NILOKFETCH";
        c = rng.bounded(4) == 0 ? interesting[rng.bounded(int(sizeof(interesting) - 1))] : char(rng.bounded(256));
    }
    Parser::Limits limits;
    limits.maxLineLength = 4096;
    limits.maxLiteralSize = 4096;
    limits.maxResponseSize = 16384;
    Parser parser(limits);
    int ok = 0, errors = 0, fatals = 0;
    qsizetype pos = 0;
    while (pos < data.size()) {
        const qsizetype n = std::min<qsizetype>(rng.bounded(1, 2000), data.size() - pos);
        parser.feed(QByteArrayView(data).sliced(pos, n));
        pos += n;
        for (;;) {
            const Parser::Result r = parser.next();
            if (r.status == RStatus::NeedMoreData)
                break;
            if (r.status == RStatus::Ok) {
                ++ok;
                continue;
            }
            ++errors;
            QVERIFY(r.error.excerpt.size() <= 64);
            if (r.error.fatal) {
                ++fatals;
                parser.reset();
                break;
            }
        }
        QVERIFY(parser.bufferedBytes() <= limits.maxResponseSize + 2000);
    }
    QVERIFY(errors > 0);
    qDebug() << "random bytes:" << ok << "ok," << errors << "errors," << fatals << "fatal";

    // The pure function on random slices.
    for (int i = 0; i < 2000; ++i) {
        const qsizetype start = rng.bounded(int(data.size()) - 600);
        const Parser::Result r = Parser::parseResponse(QByteArrayView(data).sliced(start, rng.bounded(600)), limits);
        QVERIFY(r.status != RStatus::NeedMoreData);
    }
}

void TestParser::mutatedStreams()
{
    // Valid streams with a few bytes changed, inserted or dropped: every path
    // of the grammar sees slightly wrong input. Must never crash or hang.
    QByteArray base = mixedStream() + kRfcEnvelopeFetch
        + "* STATUS INBOX (MESSAGES 3 UIDNEXT 5 MAILBOXID (F1))\r\n* VANISHED (EARLIER) 1:5,9\r\n"
          "* ESEARCH (TAG \"a\") UID ALL 1:5 PARTIAL (1:2 NIL)\r\n* OK [PERMANENTFLAGS (\\Seen \\*)] x\r\n"
          "* 2 FETCH (PREVIEW (FUZZY) \"p\" MODSEQ (5) BODY[HEADER.FIELDS (FROM)]<0> {3}\r\nabc)\r\n";
    QRandomGenerator rng(99);
    static const char interesting[] = "\r\n{}~+()\"\\[]<> *0123456789";
    int errors = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray s = base;
        const int edits = rng.bounded(1, 4);
        for (int e = 0; e < edits; ++e) {
            const int at = rng.bounded(int(s.size()));
            const char c = interesting[rng.bounded(int(sizeof(interesting) - 1))];
            switch (rng.bounded(3)) {
            case 0:
                s[at] = c;
                break;
            case 1:
                s.insert(at, c);
                break;
            default:
                s.remove(at, 1);
                break;
            }
        }
        const QByteArrayList whole = parseStream(s);
        for (const QByteArray &d : whole)
            errors += d.startsWith("Error");
        if (round % 100 == 0)
            QCOMPARE(parseStream(s, {1}), whole);
    }
    QVERIFY(errors > 0);
}

QTEST_GUILESS_MAIN(TestParser)
#include "tst_parser.moc"
