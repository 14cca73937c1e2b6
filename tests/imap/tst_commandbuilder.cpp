#include "imap/Capabilities.h"
#include "imap/CommandBuilder.h"

#include <QRandomGenerator>
#include <QTest>

using namespace imap;

Q_DECLARE_METATYPE(imap::CommandBuilder::Form)

namespace {

template<qsizetype N> QByteArray bytes(const char (&s)[N])
{
    return QByteArray(s, N - 1);
}

QString str(const QByteArray &utf8)
{
    return QString::fromUtf8(utf8);
}

// Builds the command named `which` with string arguments (QString arguments
// are given as UTF-8).
Command build(CommandBuilder &b, const QByteArray &which, const QByteArrayList &a)
{
    auto arg = [&a](qsizetype i) {
        return i < a.size() ? a[i] : QByteArray();
    };
    if (which == "CAPABILITY")
        return b.capability();
    if (which == "NOOP")
        return b.noop();
    if (which == "LOGOUT")
        return b.logout();
    if (which == "STARTTLS")
        return b.startTls();
    if (which == "IDLE")
        return b.idle();
    if (which == "CLOSE")
        return b.close();
    if (which == "UNSELECT")
        return b.unselect();
    if (which == "LOGIN")
        return b.login(str(arg(0)), str(arg(1)));
    if (which == "AUTHENTICATE")
        return b.authenticatePlain(str(arg(0)), str(arg(1)));
    if (which == "ENABLE")
        return b.enable(a);
    if (which == "EXAMINE")
        return b.examine(str(arg(0)), arg(1));
    if (which == "SELECT")
        return b.select(str(arg(0)), arg(1));
    if (which == "LIST")
        return b.list(str(arg(0)), str(arg(1)), arg(2));
    if (which == "STATUS")
        return b.status(str(arg(0)), a.mid(1));
    if (which == "UID SEARCH")
        return b.uidSearch(arg(0), arg(1));
    if (which == "UID FETCH")
        return b.uidFetch(arg(0), arg(1));
    if (which == "UID STORE")
        return b.uidStore(arg(0), arg(1), arg(2));
    if (which == "APPEND")
        return b.append(str(arg(0)), arg(1), arg(2));
    if (which == "NOTIFY")
        return b.notify(arg(0));
    if (which == "RAW")
        return b.raw(arg(0), arg(1));
    qFatal("unknown command %s", which.constData());
}

const QByteArrayList allCommands = {"CAPABILITY", "NOOP",      "LOGOUT",    "STARTTLS", "IDLE", "CLOSE",  "UNSELECT",
                                    "LOGIN",      "ENABLE",    "EXAMINE",   "SELECT",   "LIST", "STATUS", "APPEND",
                                    "UID SEARCH", "UID FETCH", "UID STORE", "NOTIFY",   "RAW"};

// Checks that a command is exactly one IMAP command as a server frames it:
// its only line ends are the final CRLF and the CRLFs after literal
// announcements (whose data is skipped by count); no CR, LF or NUL outside
// literal data; a new chunk starts exactly after each synchronizing
// announcement. Returns an empty string when all is well.
QByteArray framingError(const Command &c)
{
    if (c.chunks.isEmpty())
        return "no chunks";
    const QByteArray wire = c.wire();
    QList<qsizetype> boundaries;
    qsizetype at = 0;
    for (qsizetype i = 0; i + 1 < c.chunks.size(); ++i) {
        at += c.chunks[i].size();
        boundaries.append(at);
    }
    QList<qsizetype> syncPoints;
    qsizetype pos = 0;
    for (;;) {
        const qsizetype crlf = wire.indexOf("\r\n", pos);
        if (crlf < 0)
            return "does not end in CRLF";
        for (qsizetype i = pos; i < crlf; ++i)
            if (wire[i] == '\r' || wire[i] == '\n' || wire[i] == '\0')
                return "CR, LF or NUL outside literal data at " + QByteArray::number(i);
        // A literal announcement right before the CRLF?
        qsizetype p = crlf;
        if (p > pos && wire[p - 1] == '}') {
            --p;
            const bool nonSync = p > pos && wire[p - 1] == '+';
            if (nonSync)
                --p;
            const qsizetype digitsEnd = p;
            while (p > pos && wire[p - 1] >= '0' && wire[p - 1] <= '9')
                --p;
            if (p < digitsEnd && p > pos && wire[p - 1] == '{') {
                const qsizetype n = wire.mid(p, digitsEnd - p).toLongLong();
                if (!nonSync)
                    syncPoints.append(crlf + 2);
                pos = crlf + 2 + n;
                if (pos > wire.size())
                    return "literal overruns the command";
                continue;
            }
        }
        if (crlf + 2 != wire.size())
            return "line ends early at " + QByteArray::number(crlf);
        break;
    }
    if (syncPoints != boundaries)
        return "chunks do not match synchronizing literals";
    return {};
}

Capabilities caps(const QByteArrayList &atoms)
{
    return Capabilities(atoms);
}

} // namespace

class TestCommandBuilder : public QObject
{
    Q_OBJECT

private slots:
    void capabilities_data();
    void capabilities();
    void capabilityImplications();

    void tags();
    void tagPrefix_data();
    void tagPrefix();

    void formFor_data();
    void formFor();
    void appendString_data();
    void appendString();
    void encodeMailbox_data();
    void encodeMailbox();

    void commands_data();
    void commands();
    void done();

    void authenticatePlain_data();
    void authenticatePlain();
    void secretsNeverInRedacted_data();
    void secretsNeverInRedacted();

    void injection_data();
    void injection();
    void embeddedLiteral();
    void randomArgumentsStayFramed();
};

// ---- Capabilities ----------------------------------------------------------

void TestCommandBuilder::capabilities_data()
{
    QTest::addColumn<QByteArrayList>("atoms");
    QTest::addColumn<QByteArray>("capability");
    QTest::addColumn<bool>("has");
    QTest::addColumn<QByteArray>("mechanism");
    QTest::addColumn<bool>("hasAuth");

    const QByteArrayList dovecot
        = {"IMAP4rev1", "SASL-IR", "LOGIN-REFERRALS", "ID", "ENABLE", "IDLE", "LITERAL+", "AUTH=PLAIN", "AUTH=login"};
    QTest::newRow("exact") << dovecot << QByteArray("IDLE") << true << QByteArray("PLAIN") << true;
    QTest::newRow("lower-case query") << dovecot << QByteArray("idle") << true << QByteArray("plain") << true;
    QTest::newRow("server sent lower case")
        << dovecot << QByteArray("Auth=Login") << true << QByteArray("LOGIN") << true;
    QTest::newRow("absent") << dovecot << QByteArray("QRESYNC") << false << QByteArray("XOAUTH2") << false;
    QTest::newRow("prefix is not a match") << dovecot << QByteArray("IDL") << false << QByteArray("PLAI") << false;
    QTest::newRow("longer is not a match") << dovecot << QByteArray("IDLEX") << false << QByteArray("PLAINX") << false;
    QTest::newRow("empty query") << dovecot << QByteArray() << false << QByteArray() << false;
    QTest::newRow("empty list") << QByteArrayList() << QByteArray("IDLE") << false << QByteArray("PLAIN") << false;
    QTest::newRow("AUTH= is not a mechanism list")
        << QByteArrayList{"AUTH="} << QByteArray("AUTH=") << true << QByteArray("") << false;
    QTest::newRow("mechanism is not a capability")
        << QByteArrayList{"PLAIN"} << QByteArray("PLAIN") << true << QByteArray("PLAIN") << false;
}

void TestCommandBuilder::capabilities()
{
    QFETCH(QByteArrayList, atoms);
    QFETCH(QByteArray, capability);
    QFETCH(bool, has);
    QFETCH(QByteArray, mechanism);
    QFETCH(bool, hasAuth);
    const Capabilities c(atoms);
    QCOMPARE(c.atoms(), atoms); // kept as sent
    QCOMPARE(c.isEmpty(), atoms.isEmpty());
    QCOMPARE(c.has(capability), has);
    QCOMPARE(c.hasAuth(mechanism), hasAuth);
}

void TestCommandBuilder::capabilityImplications()
{
    const Capabilities rev2({"imap4REV2"});
    QVERIFY(rev2.imap4rev2());
    QVERIFY(!rev2.imap4rev1());
    QVERIFY(rev2.idle());
    QVERIFY(rev2.saslIr());
    QVERIFY(rev2.literalMinus());
    QVERIFY(!rev2.literalPlus());
    QVERIFY(rev2.esearch());
    QVERIFY(rev2.enable());
    QVERIFY(!rev2.condstore());

    const Capabilities rev1({"IMAP4rev1", "qresync", "literal+", "utf8=accept", "starttls", "LoginDisabled"});
    QVERIFY(!rev1.idle());
    QVERIFY(!rev1.saslIr());
    QVERIFY(rev1.qresync());
    QVERIFY(rev1.condstore()); // QRESYNC implies CONDSTORE
    QVERIFY(rev1.literalPlus());
    QVERIFY(rev1.utf8Accept());
    QVERIFY(rev1.startTls());
    QVERIFY(rev1.loginDisabled());

    QVERIFY(Capabilities().isEmpty());
    QVERIFY(Capabilities({"A"}) == Capabilities({"A"}));
}

// ---- Tags ------------------------------------------------------------------

void TestCommandBuilder::tags()
{
    CommandBuilder b;
    QCOMPARE(b.nextTag(), QByteArray("A1"));
    QCOMPARE(b.nextTag(), QByteArray("A2"));
    QCOMPARE(b.noop().tag, QByteArray("A3"));
    const Command c = b.capability();
    QCOMPARE(c.tag, QByteArray("A4"));
    QCOMPARE(c.wire(), QByteArray("A4 CAPABILITY\r\n"));
    b.resetTags();
    QCOMPARE(b.noop().wire(), QByteArray("A1 NOOP\r\n"));
}

void TestCommandBuilder::tagPrefix_data()
{
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<QByteArray>("firstTag");
    QTest::newRow("default-like") << QByteArray("A") << QByteArray("A1");
    QTest::newRow("word") << QByteArray("idle") << QByteArray("idle1");
    QTest::newRow("with ]") << QByteArray("x]") << QByteArray("x]1");
    QTest::newRow("empty falls back") << QByteArray() << QByteArray("A1");
    QTest::newRow("plus removed") << QByteArray("+a") << QByteArray("a1");
    QTest::newRow("line break removed") << QByteArray("a\r\nb") << QByteArray("ab1");
    QTest::newRow("only specials") << QByteArray(" *{\"") << QByteArray("A1");
}

void TestCommandBuilder::tagPrefix()
{
    QFETCH(QByteArray, prefix);
    QFETCH(QByteArray, firstTag);
    CommandBuilder b(prefix);
    QCOMPARE(b.nextTag(), firstTag);
}

// ---- Strings ---------------------------------------------------------------

void TestCommandBuilder::formFor_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("utf8");
    QTest::addColumn<CommandBuilder::Form>("form");

    using F = CommandBuilder::Form;
    QTest::newRow("atom") << QByteArray("INBOX") << false << F::Atom;
    QTest::newRow("atom with punctuation") << QByteArray("alice@example.com") << false << F::Atom;
    QTest::newRow("] is an astring char") << QByteArray("a]b") << false << F::Atom;
    QTest::newRow("+ and & are atom chars") << QByteArray("a+b&c") << false << F::Atom;
    QTest::newRow("NIL is a valid astring") << QByteArray("NIL") << false << F::Atom;
    QTest::newRow("empty") << QByteArray() << false << F::Quoted;
    QTest::newRow("space") << QByteArray("a b") << false << F::Quoted;
    QTest::newRow("dquote") << QByteArray("a\"b") << false << F::Quoted;
    QTest::newRow("backslash") << QByteArray("a\\b") << false << F::Quoted;
    QTest::newRow("parens") << QByteArray("(x)") << false << F::Quoted;
    QTest::newRow("brace") << QByteArray("{5}") << false << F::Quoted;
    QTest::newRow("star") << QByteArray("*") << false << F::Quoted;
    QTest::newRow("percent") << QByteArray("%") << false << F::Quoted;
    QTest::newRow("tab") << QByteArray("a\tb") << false << F::Quoted;
    QTest::newRow("1000 bytes") << QByteArray(999, 'a') + ' ' << false << F::Quoted;
    QTest::newRow("1001 bytes") << QByteArray(1000, 'a') + ' ' << false << F::Literal;
    QTest::newRow("long atom") << QByteArray(5000, 'a') << false << F::Atom;
    QTest::newRow("CR") << QByteArray("a\rb") << false << F::Literal;
    QTest::newRow("LF") << QByteArray("a\nb") << false << F::Literal;
    QTest::newRow("CRLF") << QByteArray("\r\n") << false << F::Literal;
    QTest::newRow("NUL") << bytes("a\0b") << false << F::Literal;
    QTest::newRow("8-bit") << bytes("caf\xC3\xA9") << false << F::Literal;
    QTest::newRow("8-bit with UTF8=ACCEPT") << bytes("caf\xC3\xA9") << true << F::Quoted;
    QTest::newRow("invalid utf-8 with UTF8=ACCEPT") << bytes("caf\xE9") << true << F::Literal;
    QTest::newRow("CRLF with UTF8=ACCEPT") << bytes("\xC3\xA9\r\n") << true << F::Literal;
}

void TestCommandBuilder::formFor()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, utf8);
    QFETCH(CommandBuilder::Form, form);
    CommandBuilder b;
    b.setUtf8Enabled(utf8);
    QCOMPARE(b.formFor(value), form);
}

void TestCommandBuilder::appendString_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArrayList>("capabilities");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QList<qsizetype>>("splits");

    const QByteArrayList none;
    QTest::newRow("atom") << QByteArray("abc") << none << QByteArray("prefix abc") << QList<qsizetype>{};
    QTest::newRow("empty") << QByteArray() << none << QByteArray("prefix \"\"") << QList<qsizetype>{};
    QTest::newRow("quoted escapes") << QByteArray("a\"b\\c d") << none << QByteArray("prefix \"a\\\"b\\\\c d\"")
                                    << QList<qsizetype>{};
    QTest::newRow("sync literal") << QByteArray("x\r\ny") << none << QByteArray("prefix {4}\r\nx\r\ny")
                                  << QList<qsizetype>{12};
    QTest::newRow("LITERAL+") << QByteArray("x\r\ny") << QByteArrayList{"LITERAL+"}
                              << QByteArray("prefix {4+}\r\nx\r\ny") << QList<qsizetype>{};
    QTest::newRow("LITERAL- small") << QByteArray("x\r\ny") << QByteArrayList{"LITERAL-"}
                                    << QByteArray("prefix {4+}\r\nx\r\ny") << QList<qsizetype>{};
    QTest::newRow("IMAP4rev2 small") << QByteArray("x\r\ny") << QByteArrayList{"IMAP4rev2"}
                                     << QByteArray("prefix {4+}\r\nx\r\ny") << QList<qsizetype>{};
    QTest::newRow("LITERAL- at 4096") << QByteArray(4095, 'x') + '\n'
                                      << QByteArrayList{"LITERAL-"}
                                      << QByteArray("prefix {4096+}\r\n") + QByteArray(4095, 'x') + '\n'
                                      << QList<qsizetype>{};
    QTest::newRow("LITERAL- above 4096") << QByteArray(4096, 'x') + '\n'
                                         << QByteArrayList{"LITERAL-"}
                                         << QByteArray("prefix {4097}\r\n") + QByteArray(4096, 'x') + '\n'
                                         << QList<qsizetype>{15};
    QTest::newRow("LITERAL+ large") << QByteArray(5000, 'x') + '\n'
                                    << QByteArrayList{"LITERAL+"}
                                    << QByteArray("prefix {5001+}\r\n") + QByteArray(5000, 'x') + '\n'
                                    << QList<qsizetype>{};
    QTest::newRow("8-bit goes literal") << bytes("\xC3\xA9") << none << bytes("prefix {2}\r\n\xC3\xA9")
                                        << QList<qsizetype>{12};
}

void TestCommandBuilder::appendString()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArrayList, capabilities);
    QFETCH(QByteArray, expected);
    QFETCH(QList<qsizetype>, splits);
    CommandBuilder b;
    b.setCapabilities(caps(capabilities));
    QByteArray out = "prefix ";
    QList<qsizetype> gotSplits;
    b.appendString(out, value, &gotSplits);
    QCOMPARE(out, expected);
    QCOMPARE(gotSplits, splits);
    // Without a split list the bytes are the same.
    QByteArray again = "prefix ";
    b.appendString(again, value, nullptr);
    QCOMPARE(again, expected);
}

void TestCommandBuilder::encodeMailbox_data()
{
    QTest::addColumn<QString>("mailbox");
    QTest::addColumn<bool>("utf8");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("INBOX") << QStringLiteral("INBOX") << false << QByteArray("INBOX");
    QTest::newRow("inbox") << QStringLiteral("inbox") << false << QByteArray("INBOX");
    QTest::newRow("InBoX utf8") << QStringLiteral("InBoX") << true << QByteArray("INBOX");
    QTest::newRow("inbox child keeps case") << QStringLiteral("inbox/Sub") << false << QByteArray("inbox/Sub");
    QTest::newRow("dotless i is not INBOX") << QStringLiteral("ınbox") << false << QByteArray("&ATE-nbox");
    QTest::newRow("modified utf-7") << QStringLiteral("Entwürfe") << false << QByteArray("Entw&APw-rfe");
    QTest::newRow("utf-8 when enabled") << QStringLiteral("Entwürfe") << true
                                        << bytes("Entw\xC3\xBC"
                                                 "rfe");
    QTest::newRow("ampersand") << QStringLiteral("R&D") << false << QByteArray("R&-D");
    QTest::newRow("ampersand utf8") << QStringLiteral("R&D") << true << QByteArray("R&D");
}

void TestCommandBuilder::encodeMailbox()
{
    QFETCH(QString, mailbox);
    QFETCH(bool, utf8);
    QFETCH(QByteArray, encoded);
    CommandBuilder b;
    b.setUtf8Enabled(utf8);
    QCOMPARE(b.encodeMailbox(mailbox), encoded);
}

// ---- Commands --------------------------------------------------------------

void TestCommandBuilder::commands_data()
{
    QTest::addColumn<QByteArray>("which");
    QTest::addColumn<QByteArrayList>("args");
    QTest::addColumn<QByteArrayList>("capabilities");
    QTest::addColumn<bool>("utf8");
    QTest::addColumn<QByteArrayList>("chunks");
    QTest::addColumn<QByteArray>("redacted"); // empty: same as the wire bytes
    QTest::addColumn<bool>("sensitive");

    const QByteArrayList none;
    auto row
        = [](const char *name, const QByteArray &which, const QByteArrayList &args, const QByteArrayList &capabilities,
             bool utf8, const QByteArrayList &chunks, const QByteArray &redacted = {}, bool sensitive = false) {
              QTest::newRow(name) << which << args << capabilities << utf8 << chunks << redacted << sensitive;
          };

    row("capability", "CAPABILITY", {}, none, false, {"A1 CAPABILITY\r\n"});
    row("noop", "NOOP", {}, none, false, {"A1 NOOP\r\n"});
    row("logout", "LOGOUT", {}, none, false, {"A1 LOGOUT\r\n"});
    row("starttls", "STARTTLS", {}, none, false, {"A1 STARTTLS\r\n"});
    row("idle", "IDLE", {}, none, false, {"A1 IDLE\r\n"});
    row("close", "CLOSE", {}, none, false, {"A1 CLOSE\r\n"});
    row("unselect", "UNSELECT", {}, none, false, {"A1 UNSELECT\r\n"});

    row("login atoms", "LOGIN", {"alice", "secret"}, none, false, {"A1 LOGIN alice secret\r\n"},
        "A1 LOGIN alice <redacted>\r\n", true);
    row("login quoted", "LOGIN", {"alice smith", "pa ss\"w\\"}, none, false,
        {"A1 LOGIN \"alice smith\" \"pa ss\\\"w\\\\\"\r\n"}, "A1 LOGIN \"alice smith\" <redacted>\r\n", true);
    row("login empty password", "LOGIN", {"alice", ""}, none, false, {"A1 LOGIN alice \"\"\r\n"},
        "A1 LOGIN alice <redacted>\r\n", true);
    row("login password with CRLF", "LOGIN", {"alice", "pw\r\nA2 LOGOUT"}, none, false,
        {"A1 LOGIN alice {13}\r\n", "pw\r\nA2 LOGOUT\r\n"}, "A1 LOGIN alice <redacted>\r\n", true);
    row("login password with CRLF, LITERAL+", "LOGIN", {"alice", "pw\r\nA2 LOGOUT"}, {"LITERAL+"}, false,
        {"A1 LOGIN alice {13+}\r\npw\r\nA2 LOGOUT\r\n"}, "A1 LOGIN alice <redacted>\r\n", true);
    row("login 8-bit user and password", "LOGIN", {"j\xC3\xB6rg", "p\xC3\xA4ss"}, none, false,
        {"A1 LOGIN {5}\r\n", "j\xC3\xB6rg {5}\r\n", "p\xC3\xA4ss\r\n"}, "A1 LOGIN {5}\r\nj\xC3\xB6rg <redacted>\r\n",
        true);
    row("login 8-bit with UTF8=ACCEPT", "LOGIN", {"j\xC3\xB6rg", "p\xC3\xA4ss"}, none, true,
        {"A1 LOGIN \"j\xC3\xB6rg\" \"p\xC3\xA4ss\"\r\n"}, "A1 LOGIN \"j\xC3\xB6rg\" <redacted>\r\n", true);

    row("enable", "ENABLE", {"CONDSTORE", "UTF8=ACCEPT"}, none, false, {"A1 ENABLE CONDSTORE UTF8=ACCEPT\r\n"});
    row("examine INBOX", "EXAMINE", {"INBOX"}, none, false, {"A1 EXAMINE INBOX\r\n"});
    row("examine inbox normalised", "EXAMINE", {"Inbox"}, none, false, {"A1 EXAMINE INBOX\r\n"});
    row("examine condstore", "EXAMINE", {"INBOX", "(CONDSTORE)"}, none, false, {"A1 EXAMINE INBOX (CONDSTORE)\r\n"});
    row("examine qresync", "EXAMINE", {"INBOX", "(QRESYNC (67890007 90060115194045000))"}, none, false,
        {"A1 EXAMINE INBOX (QRESYNC (67890007 90060115194045000))\r\n"});
    row("examine extra trimmed", "EXAMINE", {"INBOX", "  (CONDSTORE) "}, none, false,
        {"A1 EXAMINE INBOX (CONDSTORE)\r\n"});
    row("examine with space", "EXAMINE", {"Sent Items"}, none, false, {"A1 EXAMINE \"Sent Items\"\r\n"});
    row("examine modified utf-7", "EXAMINE", {"Entw\xC3\xBCrfe"}, none, false, {"A1 EXAMINE Entw&APw-rfe\r\n"});
    row("examine utf-8", "EXAMINE", {"Entw\xC3\xBCrfe"}, none, true, {"A1 EXAMINE \"Entw\xC3\xBCrfe\"\r\n"});
    row("examine utf-8 with CRLF", "EXAMINE", {"a\r\nb"}, none, true, {"A1 EXAMINE {4}\r\n", "a\r\nb\r\n"});
    row("examine CRLF in modified utf-7", "EXAMINE", {"a\r\nb"}, none, false, {"A1 EXAMINE a&AA0ACg-b\r\n"});
    row("examine empty name", "EXAMINE", {""}, none, false, {"A1 EXAMINE \"\"\r\n"});
    row("select", "SELECT", {"Archive/2024", "(CONDSTORE)"}, none, false, {"A1 SELECT Archive/2024 (CONDSTORE)\r\n"});

    row("list all", "LIST", {"", "*"}, none, false, {"A1 LIST \"\" \"*\"\r\n"});
    row("list top level", "LIST", {"", "%"}, none, false, {"A1 LIST \"\" \"%\"\r\n"});
    row("list reference", "LIST", {"Archive/", "%"}, none, false, {"A1 LIST Archive/ \"%\"\r\n"});
    row("list non-ascii pattern", "LIST", {"", "Entw\xC3\xBCrfe/*"}, none, false,
        {"A1 LIST \"\" \"Entw&APw-rfe/*\"\r\n"});
    row("list exact name", "LIST", {"", "INBOX"}, none, false, {"A1 LIST \"\" INBOX\r\n"});
    row("list return parenthesised", "LIST", {"", "*", "(SPECIAL-USE)"}, none, false,
        {"A1 LIST \"\" \"*\" RETURN (SPECIAL-USE)\r\n"});
    row("list return bare", "LIST", {"", "*", "SPECIAL-USE"}, none, false,
        {"A1 LIST \"\" \"*\" RETURN (SPECIAL-USE)\r\n"});
    row("list return with keyword", "LIST", {"", "*", "RETURN (SPECIAL-USE STATUS (UNSEEN))"}, none, false,
        {"A1 LIST \"\" \"*\" RETURN (SPECIAL-USE STATUS (UNSEEN))\r\n"});

    row("status", "STATUS", {"INBOX", "MESSAGES", "UIDNEXT", "UNSEEN"}, none, false,
        {"A1 STATUS INBOX (MESSAGES UIDNEXT UNSEEN)\r\n"});
    row("status quoted mailbox", "STATUS", {"My Mail", "UIDVALIDITY"}, none, false,
        {"A1 STATUS \"My Mail\" (UIDVALIDITY)\r\n"});

    row("uid search", "UID SEARCH", {"UNSEEN UID 43:*"}, none, false, {"A1 UID SEARCH UNSEEN UID 43:*\r\n"});
    row("uid search return", "UID SEARCH", {"UNSEEN", "(ALL COUNT)"}, none, false,
        {"A1 UID SEARCH RETURN (ALL COUNT) UNSEEN\r\n"});
    row("uid search return bare", "UID SEARCH", {"UNSEEN", "MIN MAX"}, none, false,
        {"A1 UID SEARCH RETURN (MIN MAX) UNSEEN\r\n"});
    row("uid search empty return", "UID SEARCH", {"UNSEEN", "()"}, none, false, {"A1 UID SEARCH RETURN () UNSEEN\r\n"});
    row("uid search empty criteria", "UID SEARCH", {""}, none, false, {"A1 UID SEARCH ALL\r\n"});
    row("uid fetch", "UID FETCH", {"1:5,9", "(UID FLAGS ENVELOPE)"}, none, false,
        {"A1 UID FETCH 1:5,9 (UID FLAGS ENVELOPE)\r\n"});
    row("uid fetch header fields", "UID FETCH",
        {"43:*", "(UID FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID SUBJECT FROM)])"}, none, false,
        {"A1 UID FETCH 43:* (UID FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID SUBJECT FROM)])\r\n"});
    row("uid store", "UID STORE", {"7", "+FLAGS.SILENT", "(\\Seen)"}, none, false,
        {"A1 UID STORE 7 +FLAGS.SILENT (\\Seen)\r\n"});
    row("notify", "NOTIFY", {"SET (SELECTED (MessageNew (UID) MessageExpunge FlagChange))"}, none, false,
        {"A1 NOTIFY SET (SELECTED (MessageNew (UID) MessageExpunge FlagChange))\r\n"});
    row("raw with arguments", "RAW", {"ID", "(\"name\" \"Idlebell\")"}, none, false,
        {"A1 ID (\"name\" \"Idlebell\")\r\n"});
    row("raw without arguments", "RAW", {"XYZZY"}, none, false, {"A1 XYZZY\r\n"});

    const QByteArray message = "Subject: hi\r\n\r\nbody\r\n"; // 21 bytes
    row("append sync", "APPEND", {"INBOX", "(\\Seen)", message}, none, false,
        {"A1 APPEND INBOX (\\Seen) {21}\r\n", message + "\r\n"}, "A1 APPEND INBOX (\\Seen) {21} <21 bytes>\r\n");
    row("append LITERAL+", "APPEND", {"INBOX", "(\\Seen)", message}, {"LITERAL+"}, false,
        {"A1 APPEND INBOX (\\Seen) {21+}\r\n" + message + "\r\n"}, "A1 APPEND INBOX (\\Seen) {21+} <21 bytes>\r\n");
    row("append LITERAL- small", "APPEND", {"INBOX", "", message}, {"LITERAL-"}, false,
        {"A1 APPEND INBOX {21+}\r\n" + message + "\r\n"}, "A1 APPEND INBOX {21+} <21 bytes>\r\n");
    const QByteArray big(5000, 'x');
    row("append LITERAL- large", "APPEND", {"INBOX", "", big}, {"LITERAL-"}, false,
        {"A1 APPEND INBOX {5000}\r\n", big + "\r\n"}, "A1 APPEND INBOX {5000} <5000 bytes>\r\n");
    row("append flags parenthesised", "APPEND", {"Sent", "\\Seen \\Draft", "x"}, none, false,
        {"A1 APPEND Sent (\\Seen \\Draft) {1}\r\n", "x\r\n"}, "A1 APPEND Sent (\\Seen \\Draft) {1} <1 bytes>\r\n");
    row("append empty message", "APPEND", {"INBOX", "", ""}, none, false, {"A1 APPEND INBOX {0}\r\n", "\r\n"},
        "A1 APPEND INBOX {0} <0 bytes>\r\n");
    row("append mailbox literal and message literal", "APPEND", {"a\r\nb", "", "x"}, none, true,
        {"A1 APPEND {4}\r\n", "a\r\nb {1}\r\n", "x\r\n"}, "A1 APPEND {4}\r\na\r\nb {1} <1 bytes>\r\n");
}

void TestCommandBuilder::commands()
{
    QFETCH(QByteArray, which);
    QFETCH(QByteArrayList, args);
    QFETCH(QByteArrayList, capabilities);
    QFETCH(bool, utf8);
    QFETCH(QByteArrayList, chunks);
    QFETCH(QByteArray, redacted);
    QFETCH(bool, sensitive);

    CommandBuilder b;
    b.setCapabilities(caps(capabilities));
    b.setUtf8Enabled(utf8);
    const Command c = build(b, which, args);
    QCOMPARE(c.tag, QByteArray("A1"));
    QCOMPARE(c.name, which == "RAW" ? args.value(0) : which);
    QCOMPARE(c.chunks, chunks);
    QCOMPARE(c.wire(), chunks.join());
    QCOMPARE(c.redacted, redacted.isEmpty() ? chunks.join() : redacted);
    QCOMPARE(c.sensitive, sensitive);
    QCOMPARE(framingError(c), QByteArray());
}

void TestCommandBuilder::done()
{
    QCOMPARE(CommandBuilder::done(), QByteArray("DONE\r\n"));
}

void TestCommandBuilder::authenticatePlain_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QByteArrayList>("capabilities");
    QTest::addColumn<QByteArrayList>("chunks");
    QTest::addColumn<QByteArray>("redacted");

    // base64("\0alice\0secret")
    QTest::newRow("SASL-IR") << QStringLiteral("alice") << QStringLiteral("secret") << QByteArrayList{"SASL-IR"}
                             << QByteArrayList{"A1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\r\n"}
                             << QByteArray("A1 AUTHENTICATE PLAIN <redacted>\r\n");
    QTest::newRow("IMAP4rev2 implies SASL-IR")
        << QStringLiteral("alice") << QStringLiteral("secret") << QByteArrayList{"IMAP4rev2"}
        << QByteArrayList{"A1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\r\n"}
        << QByteArray("A1 AUTHENTICATE PLAIN <redacted>\r\n");
    QTest::newRow("without SASL-IR") << QStringLiteral("alice") << QStringLiteral("secret") << QByteArrayList{}
                                     << QByteArrayList{"A1 AUTHENTICATE PLAIN\r\n", "AGFsaWNlAHNlY3JldA==\r\n"}
                                     << QByteArray("A1 AUTHENTICATE PLAIN\r\n<redacted>\r\n");
    // base64("\0\0"): never the empty response, so never "=".
    QTest::newRow("empty credentials") << QString() << QString() << QByteArrayList{"SASL-IR"}
                                       << QByteArrayList{"A1 AUTHENTICATE PLAIN AAA=\r\n"}
                                       << QByteArray("A1 AUTHENTICATE PLAIN <redacted>\r\n");
    // base64("\0jörg\0pässwörd") in UTF-8
    QTest::newRow("utf-8 credentials") << QStringLiteral("jörg") << QStringLiteral("pässwörd")
                                       << QByteArrayList{"SASL-IR"}
                                       << QByteArrayList{"A1 AUTHENTICATE PLAIN AGrDtnJnAHDDpHNzd8O2cmQ=\r\n"}
                                       << QByteArray("A1 AUTHENTICATE PLAIN <redacted>\r\n");
    // CR/LF in a password can not break the line: base64 has neither.
    QTest::newRow("CRLF in password") << QStringLiteral("a") << QStringLiteral("\r\nA2 LOGOUT")
                                      << QByteArrayList{"SASL-IR"}
                                      << QByteArrayList{"A1 AUTHENTICATE PLAIN AGEADQpBMiBMT0dPVVQ=\r\n"}
                                      << QByteArray("A1 AUTHENTICATE PLAIN <redacted>\r\n");
}

void TestCommandBuilder::authenticatePlain()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QByteArrayList, capabilities);
    QFETCH(QByteArrayList, chunks);
    QFETCH(QByteArray, redacted);
    CommandBuilder b;
    b.setCapabilities(caps(capabilities));
    const Command c = b.authenticatePlain(user, password);
    QCOMPARE(c.tag, QByteArray("A1"));
    QCOMPARE(c.name, QByteArray("AUTHENTICATE"));
    QCOMPARE(c.chunks, chunks);
    QCOMPARE(c.redacted, redacted);
    QVERIFY(c.sensitive);
    // The response decodes to "\0user\0password".
    const QByteArray response = c.chunks.last().trimmed().split(' ').last();
    const QByteArray expected = QByteArray(1, '\0') + user.toUtf8() + '\0' + password.toUtf8();
    QCOMPARE(QByteArray::fromBase64(response), expected);
}

void TestCommandBuilder::secretsNeverInRedacted_data()
{
    QTest::addColumn<QByteArrayList>("capabilities");
    QTest::addColumn<QString>("password");
    const QStringList passwords = {QStringLiteral("hunter2"), QStringLiteral("with space"),
                                   QStringLiteral("line\r\nbreak"), QStringLiteral("ümlaut"), QString(2000, u'p')};
    const QList<QByteArrayList> capabilitySets = {{}, {"LITERAL+"}, {"SASL-IR"}, {"IMAP4rev2"}};
    for (const QByteArrayList &c : capabilitySets)
        for (const QString &p : passwords)
            QTest::addRow("%s / %s", c.join(' ').constData(), p.left(12).toUtf8().toPercentEncoding().constData())
                << c << p;
}

void TestCommandBuilder::secretsNeverInRedacted()
{
    QFETCH(QByteArrayList, capabilities);
    QFETCH(QString, password);
    CommandBuilder b;
    b.setCapabilities(caps(capabilities));
    const QString user = QStringLiteral("alice");
    const QByteArray plain = (QByteArray(1, '\0') + user.toUtf8() + '\0' + password.toUtf8()).toBase64();
    for (const Command &c : {b.login(user, password), b.authenticatePlain(user, password)}) {
        QVERIFY(c.sensitive);
        QVERIFY(!c.redacted.contains(password.toUtf8()));
        QVERIFY(!c.redacted.contains(plain));
        QVERIFY(c.redacted.contains("<redacted>"));
        QVERIFY(c.wire().contains(password.toUtf8()) || c.wire().contains(plain));
    }
}

// ---- Injection and framing -------------------------------------------------

void TestCommandBuilder::injection_data()
{
    QTest::addColumn<QByteArray>("which");
    QTest::addColumn<QByteArrayList>("args");
    QTest::addColumn<QByteArray>("wire");

    auto row = [](const char *name, const QByteArray &which, const QByteArrayList &args, const QByteArray &wire) {
        QTest::newRow(name) << which << args << wire;
    };
    // Outside literals, CR, LF and NUL become spaces: the command stays one line.
    row("search criteria", "UID SEARCH", {"ALL\r\nA2 DELETE INBOX"}, "A1 UID SEARCH ALL  A2 DELETE INBOX\r\n");
    row("search return options", "UID SEARCH", {"ALL", "(MIN)\r\nA2 LOGOUT"},
        "A1 UID SEARCH RETURN (MIN)  A2 LOGOUT ALL\r\n");
    row("fetch items", "UID FETCH", {"1", "(FLAGS)\nA2 LOGOUT"}, "A1 UID FETCH 1 (FLAGS) A2 LOGOUT\r\n");
    row("fetch set", "UID FETCH", {"1\r\nA2 LOGOUT\r\n", "(FLAGS)"}, "A1 UID FETCH 1  A2 LOGOUT (FLAGS)\r\n");
    row("store flags", "UID STORE", {"1", "+FLAGS", "(\\Seen)\rA2 LOGOUT"},
        "A1 UID STORE 1 +FLAGS (\\Seen) A2 LOGOUT\r\n");
    row("store action", "UID STORE", {"1", "+FLAGS\r\n", "(\\Seen)"}, "A1 UID STORE 1 +FLAGS (\\Seen)\r\n");
    row("raw name", "RAW", {"NOOP\r\nA2 LOGOUT"}, "A1 NOOP  A2 LOGOUT\r\n");
    row("raw arguments", "RAW", {"ID", "NIL\r\nA2 LOGOUT"}, "A1 ID NIL  A2 LOGOUT\r\n");
    row("raw NUL", "RAW", {"ID", bytes("NIL\0x")}, "A1 ID NIL x\r\n");
    row("notify", "NOTIFY", {"NONE\r\nA2 LOGOUT"}, "A1 NOTIFY NONE  A2 LOGOUT\r\n");
    row("enable", "ENABLE", {"CONDSTORE\r\nA2 LOGOUT"}, "A1 ENABLE CONDSTORE  A2 LOGOUT\r\n");
    row("examine extra", "EXAMINE", {"INBOX", "(CONDSTORE)\r\nA2 LOGOUT"},
        "A1 EXAMINE INBOX (CONDSTORE)  A2 LOGOUT\r\n");
    row("status items", "STATUS", {"INBOX", "MESSAGES)\r\nA2 LOGOUT"}, "A1 STATUS INBOX (MESSAGES)  A2 LOGOUT)\r\n");
    row("list return", "LIST", {"", "*", "(CHILDREN)\r\nA2 LOGOUT"},
        "A1 LIST \"\" \"*\" RETURN (CHILDREN)  A2 LOGOUT\r\n");
    row("append flags", "APPEND", {"INBOX", "(\\Seen)\r\nA2 LOGOUT", "x"},
        "A1 APPEND INBOX (\\Seen)  A2 LOGOUT {1}\r\nx\r\n");
    // A trailing literal announcement would make the server swallow the
    // next command as literal data: its closing brace is dropped.
    row("trailing sync announcement", "UID SEARCH", {"TEXT {5}"}, "A1 UID SEARCH TEXT {5\r\n");
    row("trailing non-sync announcement", "UID SEARCH", {"TEXT {5+}"}, "A1 UID SEARCH TEXT {5+\r\n");
    row("trailing announcement with spaces", "RAW", {"X", "{5}  \r\n"}, "A1 X {5\r\n");
    row("trailing announcement in name", "RAW", {"X {5}"}, "A1 X {5\r\n");
    row("trailing literal8 announcement", "NOTIFY", {"~{12}"}, "A1 NOTIFY ~{12\r\n");
    row("not an announcement", "RAW", {"X", "{1}}"}, "A1 X {1}}\r\n");
    // An incomplete literal is not a literal: its line break is flattened.
    row("literal too short", "UID SEARCH", {"TEXT {9}\r\nabc"}, "A1 UID SEARCH TEXT {9}  abc\r\n");
    row("literal count too big", "UID SEARCH", {"TEXT {99999999999999}\r\nabc"},
        "A1 UID SEARCH TEXT {99999999999999}  abc\r\n");
    // Literals are never taken from pieces that can not hold one.
    row("literal in fetch set", "UID FETCH", {"{1}\r\nx", "FLAGS"}, "A1 UID FETCH {1}  x FLAGS\r\n");
}

void TestCommandBuilder::injection()
{
    QFETCH(QByteArray, which);
    QFETCH(QByteArrayList, args);
    QFETCH(QByteArray, wire);
    CommandBuilder b;
    const Command c = build(b, which, args);
    QCOMPARE(c.wire(), wire);
    QCOMPARE(framingError(c), QByteArray());
    QCOMPARE(c.redacted, c.wire().contains("APPEND") ? c.redacted : c.wire());
}

void TestCommandBuilder::embeddedLiteral()
{
    // Criteria built with appendString() keep their literals, and the
    // announcement follows the server's capabilities.
    CommandBuilder b;
    QByteArray criteria = "HEADER Message-ID ";
    b.appendString(criteria, "<a\r\nb@x>", nullptr);
    QCOMPARE(criteria, QByteArray("HEADER Message-ID {8}\r\n<a\r\nb@x>"));
    Command c = b.uidSearch(criteria + " UNSEEN");
    QCOMPARE(c.chunks, (QByteArrayList{"A1 UID SEARCH HEADER Message-ID {8}\r\n", "<a\r\nb@x> UNSEEN\r\n"}));
    QCOMPARE(framingError(c), QByteArray());

    // A non-synchronizing announcement to a server without LITERAL+ becomes
    // a synchronizing one.
    c = b.uidSearch("TEXT {5+}\r\nhello");
    QCOMPARE(c.chunks, (QByteArrayList{"A2 UID SEARCH TEXT {5}\r\n", "hello\r\n"}));
    QCOMPARE(framingError(c), QByteArray());

    b.setCapabilities(Capabilities({"LITERAL+"}));
    c = b.uidSearch("TEXT {5}\r\nhello");
    QCOMPARE(c.chunks, (QByteArrayList{"A3 UID SEARCH TEXT {5+}\r\nhello\r\n"}));
    QCOMPARE(framingError(c), QByteArray());

    // Literal data may hold anything, even what looks like an announcement.
    b.setCapabilities(Capabilities());
    c = b.raw("X", "{4}\r\n{3}\r");
    QCOMPARE(c.chunks, (QByteArrayList{"A4 X {4}\r\n", "{3}\r\r\n"}));
    QCOMPARE(framingError(c), QByteArray());
    c = b.raw("X", "{3}\r\n   ");
    QCOMPARE(c.chunks, (QByteArrayList{"A5 X {3}\r\n", "   \r\n"}));
    QCOMPARE(framingError(c), QByteArray());
}

void TestCommandBuilder::randomArgumentsStayFramed()
{
    static const char alphabet[] = "aZ0 ()*%\"\\]{}+~\r\n\t\xC3\xA9\xFF";
    const QList<QByteArrayList> capabilitySets = {{}, {"LITERAL+"}, {"LITERAL-"}, {"IMAP4rev2", "UTF8=ACCEPT"}};
    QRandomGenerator rng(42);
    auto randomBytes = [&rng]() {
        QByteArray s;
        const int length = int(rng.bounded(16));
        for (int i = 0; i < length; ++i) {
            if (rng.bounded(8) == 0) {
                // Sometimes something that looks like a literal.
                s += '{' + QByteArray::number(rng.bounded(6)) + (rng.bounded(2) ? "+}" : "}");
                if (rng.bounded(2))
                    s += "\r\n";
                continue;
            }
            s += alphabet[rng.bounded(int(sizeof alphabet - 1))];
        }
        return s;
    };
    for (int iteration = 0; iteration < 4000; ++iteration) {
        CommandBuilder b;
        b.setCapabilities(caps(capabilitySets[rng.bounded(int(capabilitySets.size()))]));
        b.setUtf8Enabled(rng.bounded(2) == 0);
        const QByteArray which = allCommands[rng.bounded(int(allCommands.size()))];
        QByteArrayList args;
        for (int i = 0; i < 4; ++i)
            args.append(randomBytes());
        const Command c = build(b, which, args);
        const QByteArray error = framingError(c);
        if (!error.isEmpty()) {
            qWarning() << which << args << c.chunks;
            QFAIL(error.constData());
        }
        if (!c.sensitive && which != "APPEND")
            QCOMPARE(c.redacted, c.wire());
    }
}

QTEST_APPLESS_MAIN(TestCommandBuilder)
#include "tst_commandbuilder.moc"
