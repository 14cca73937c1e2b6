#include "imap/Encoding.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace imap;

namespace {

// Byte strings that may hold NUL.
template<qsizetype N> QByteArray bytes(const char (&s)[N])
{
    return QByteArray(s, N - 1);
}

const QString replacement(QChar(0xFFFD));

} // namespace

class TestEncoding : public QObject
{
    Q_OBJECT

private slots:
    void decodeCharset_data();
    void decodeCharset();
    void decodeCharsetUnknown_data();
    void decodeCharsetUnknown();
    void decodeCharsetLongInput_data();
    void decodeCharsetLongInput();
    void decodeCharsetHugeInput();
    void decodeCharsetThreads();

    void decodeHeader_data();
    void decodeHeader();

    void mailboxRoundTrip_data();
    void mailboxRoundTrip();
    void encodeMailboxUnpairedSurrogate();
    void decodeMailboxInvalid_data();
    void decodeMailboxInvalid();
    void mailboxDisplayName_data();
    void mailboxDisplayName();
    void mailboxRandomRoundTrip();

    void randomInputNeverBreaks();
};

void TestEncoding::decodeCharset_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("charset");
    QTest::addColumn<QString>("expected");

    QTest::newRow("utf-8") << bytes("caf\xC3\xA9") << QByteArray("utf-8") << QStringLiteral("café");
    QTest::newRow("UTF-8 upper") << bytes("caf\xC3\xA9") << QByteArray("UTF-8") << QStringLiteral("café");
    QTest::newRow("utf8 alias") << bytes("caf\xC3\xA9") << QByteArray("utf8") << QStringLiteral("café");
    QTest::newRow("utf-8 padded, quoted")
        << bytes("caf\xC3\xA9") << QByteArray(" \"utf-8\" ") << QStringLiteral("café");
    QTest::newRow("utf-8 with rfc2231 language")
        << bytes("caf\xC3\xA9") << QByteArray("utf-8*en") << QStringLiteral("café");
    QTest::newRow("utf-8 invalid byte") << bytes("a\xFF"
                                                 "b")
                                        << QByteArray("utf-8") << QString(u'a' + replacement + u'b');
    QTest::newRow("utf-8 truncated") << bytes("a\xC3") << QByteArray("utf-8") << QString(u'a' + replacement);
    QTest::newRow("utf-8 empty") << QByteArray() << QByteArray("utf-8") << QString();
    QTest::newRow("us-ascii") << QByteArray("hello") << QByteArray("us-ascii") << QStringLiteral("hello");
    QTest::newRow("us-ascii mislabelled utf-8")
        << bytes("caf\xC3\xA9") << QByteArray("US-ASCII") << QStringLiteral("café");
    QTest::newRow("us-ascii mislabelled latin-1") << bytes("caf\xE9") << QByteArray("ascii") << QStringLiteral("café");
    QTest::newRow("iso-8859-1") << bytes("caf\xE9") << QByteArray("iso-8859-1") << QStringLiteral("café");
    QTest::newRow("latin1 alias") << bytes("\xC0\xFF") << QByteArray("latin1") << QStringLiteral("Àÿ");
    QTest::newRow("iso-8859-1 C1 range as windows-1252")
        << bytes("\x93x\x94") << QByteArray("ISO-8859-1") << QStringLiteral("“x”");
    QTest::newRow("windows-1252 smart quotes")
        << bytes("\x93quoted\x94 \x96 \x80") << QByteArray("windows-1252") << QStringLiteral("“quoted” – €");
    QTest::newRow("cp1252 alias") << bytes("\x85") << QByteArray("cp1252") << QStringLiteral("…");
    QTest::newRow("iso-8859-2") << bytes("\xB1\xE6") << QByteArray("iso-8859-2") << QStringLiteral("ąć");
    QTest::newRow("iso-8859-15 euro") << bytes("\xA4") << QByteArray("ISO-8859-15") << QStringLiteral("€");
    QTest::newRow("iso-8859-7") << bytes("\xE1\xE2\xE3") << QByteArray("iso-8859-7") << QStringLiteral("αβγ");
    QTest::newRow("iso-8859-16") << bytes("\xAA") << QByteArray("iso-8859-16") << QStringLiteral("Ș");
    QTest::newRow("windows-1250") << bytes("\x9A") << QByteArray("windows-1250") << QStringLiteral("š");
    QTest::newRow("windows-1251") << bytes("\xCF\xF0\xE8\xE2\xE5\xF2") << QByteArray("windows-1251")
                                  << QStringLiteral("Привет");
    QTest::newRow("windows-1255") << bytes("\xF9\xEC\xE5\xED") << QByteArray("windows-1255") << QStringLiteral("שלום");
    QTest::newRow("koi8-r") << bytes("\xF0\xD2\xC9\xD7\xC5\xD4") << QByteArray("koi8-r") << QStringLiteral("Привет");
    QTest::newRow("gb2312") << bytes("\xC4\xE3\xBA\xC3") << QByteArray("gb2312") << QStringLiteral("你好");
    QTest::newRow("gbk") << bytes("\xC4\xE3\xBA\xC3") << QByteArray("GBK") << QStringLiteral("你好");
    QTest::newRow("shift_jis") << bytes("\x82\xB1\x82\xF1\x82\xC9\x82\xBF\x82\xCD") << QByteArray("shift_jis")
                               << QStringLiteral("こんにちは");
    QTest::newRow("shift_jis backslash stays backslash")
        << QByteArray("C:\\") << QByteArray("Shift_JIS") << QStringLiteral("C:\\");
    QTest::newRow("iso-2022-jp") << bytes("\x1B$B$3$s$K$A$O\x1B(B") << QByteArray("iso-2022-jp")
                                 << QStringLiteral("こんにちは");
    QTest::newRow("iso-2022-jp without final reset")
        << bytes("\x1B$B$3$s") << QByteArray("ISO-2022-JP") << QStringLiteral("こん");
    QTest::newRow("euc-kr") << bytes("\xC7\xD1\xB1\xDB") << QByteArray("euc-kr") << QStringLiteral("한글");
    QTest::newRow("utf-16be") << bytes("\x00h\x00i") << QByteArray("utf-16be") << QStringLiteral("hi");
    QTest::newRow("iconv invalid byte replaced") << bytes("a\xFF"
                                                          "b")
                                                 << QByteArray("gb2312") << QString(u'a' + replacement + u'b');
    QTest::newRow("iconv truncated sequence")
        << bytes("\x82\xB1\x82") << QByteArray("shift_jis") << QString(u'こ' + replacement);
    QTest::newRow("iconv many invalid bytes")
        << bytes("\xFF\xFF\xFF") << QByteArray("euc-jp") << QString(replacement + replacement + replacement);
}

void TestEncoding::decodeCharset()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, charset);
    QFETCH(QString, expected);
    const std::optional<QString> result = imap::decodeCharset(input, charset);
    QVERIFY(result.has_value());
    QCOMPARE(*result, expected);
}

void TestEncoding::decodeCharsetUnknown_data()
{
    QTest::addColumn<QByteArray>("charset");
    QTest::newRow("x-unknown") << QByteArray("x-unknown");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("blank") << QByteArray("   ");
    QTest::newRow("only language") << QByteArray("*en");
    QTest::newRow("iconv suffix") << QByteArray("utf-16//TRANSLIT");
    QTest::newRow("path") << QByteArray("../../etc/passwd");
    QTest::newRow("space inside") << QByteArray("utf 8");
    QTest::newRow("nul inside") << bytes("utf-8\0x");
    QTest::newRow("8-bit") << bytes("utf-\xC3\xA9");
    QTest::newRow("too long") << QByteArray(200, 'a');
    QTest::newRow("charset parameter junk") << QByteArray("utf-8; format=flowed");
}

void TestEncoding::decodeCharsetUnknown()
{
    QFETCH(QByteArray, charset);
    QVERIFY(!imap::decodeCharset("abc", charset).has_value());
}

void TestEncoding::decodeCharsetLongInput_data()
{
    // Long enough that multi-byte characters and escape sequences straddle
    // the chunks iconv is fed in.
    QTest::addColumn<QByteArray>("charset");
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<QByteArray>("unit");
    QTest::addColumn<QString>("prefixText");
    QTest::addColumn<QString>("unitText");
    QTest::newRow("shift_jis odd offset") << QByteArray("shift_jis") << QByteArray("a") << bytes("\x82\xB1")
                                          << QStringLiteral("a") << QStringLiteral("こ");
    QTest::newRow("gb18030 four-byte") << QByteArray("gb18030") << QByteArray("ab") << bytes("\x95\x32\x82\x36")
                                       << QStringLiteral("ab") << QStringLiteral("𠀀");
    QTest::newRow("utf-16le surrogate pairs") << QByteArray("utf-16le") << bytes("a\0") << bytes("\x3D\xD8\xE7\xDC")
                                              << QStringLiteral("a") << QStringLiteral("📧");
    QTest::newRow("iso-2022-jp runs") << QByteArray("iso-2022-jp") << QByteArray("x") << bytes("\x1B$B$3\x1B(Bz")
                                      << QStringLiteral("x") << QStringLiteral("こz");
    QTest::newRow("invalid bytes between") << QByteArray("euc-jp") << QByteArray() << bytes("\xA4\xB3\xFF") << QString()
                                           << QString(QStringLiteral("こ") + replacement);
}

void TestEncoding::decodeCharsetLongInput()
{
    QFETCH(QByteArray, charset);
    QFETCH(QByteArray, prefix);
    QFETCH(QByteArray, unit);
    QFETCH(QString, prefixText);
    QFETCH(QString, unitText);
    constexpr int repeats = 40000;
    const std::optional<QString> result = imap::decodeCharset(prefix + unit.repeated(repeats), charset);
    QVERIFY(result.has_value());
    QCOMPARE(*result, prefixText + unitText.repeated(repeats));
}

void TestEncoding::decodeCharsetHugeInput()
{
    // Far more than anyone should decode: capped, and done quickly.
    const QByteArray huge(16 * 1024 * 1024, '\xFF');
    QElapsedTimer timer;
    timer.start();
    const std::optional<QString> s = imap::decodeCharset(huge, "shift_jis");
    QVERIFY(s.has_value());
    QVERIFY(!s->isEmpty());
    QVERIFY(s->size() < huge.size());
    const std::optional<QString> u = imap::decodeCharset(huge, "utf-8");
    QVERIFY(u.has_value());
    QVERIFY(u->size() < huge.size());
    QVERIFY2(timer.elapsed() < 60000, "decoding must stay bounded");
}

void TestEncoding::decodeCharsetThreads()
{
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&failures] {
            for (int i = 0; i < 200; ++i) {
                const auto a = imap::decodeCharset("\xF0\xD2\xC9\xD7\xC5\xD4", "koi8-r");
                const auto b = imap::decodeCharset("\x1B$B$3$s$K$A$O\x1B(B", "iso-2022-jp");
                const QString h = imap::decodeHeader("=?utf-8?B?0J/RgNA=?= =?utf-8?B?uNCy0LXRgiDQvNC40YA=?=");
                if (a != QStringLiteral("Привет") || b != QStringLiteral("こんにちは")
                    || h != QStringLiteral("Привет мир"))
                    ++failures;
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    QCOMPARE(failures.load(), 0);
}

void TestEncoding::decodeHeader_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("plain") << QByteArray("Hello world") << QStringLiteral("Hello world");
    QTest::newRow("Q utf-8") << QByteArray("=?utf-8?Q?caf=C3=A9?=") << QStringLiteral("café");
    QTest::newRow("Q lower-case hex and encoding") << QByteArray("=?utf-8?q?caf=c3=a9?=") << QStringLiteral("café");
    QTest::newRow("Q underscore") << QByteArray("=?utf-8?Q?a_b_c?=") << QStringLiteral("a b c");
    QTest::newRow("Q encoded underscore") << QByteArray("=?utf-8?Q?a=5Fb?=") << QStringLiteral("a_b");
    QTest::newRow("B utf-8") << QByteArray("=?UTF-8?B?Y2Fmw6k=?=") << QStringLiteral("café");
    QTest::newRow("B without padding") << QByteArray("=?utf-8?b?w6k?=") << QStringLiteral("é");
    QTest::newRow("empty encoded text") << QByteArray("a=?utf-8?Q?\?=b") << QStringLiteral("ab");
    QTest::newRow("iso-8859-1 Q") << QByteArray("=?iso-8859-1?q?this=20is=20some=20text?=")
                                  << QStringLiteral("this is some text");

    // RFC 2047 section 8.
    QTest::newRow("rfc2047 (a)") << QByteArray("(=?ISO-8859-1?Q?a?=)") << QStringLiteral("(a)");
    QTest::newRow("rfc2047 (a b)") << QByteArray("(=?ISO-8859-1?Q?a?= b)") << QStringLiteral("(a b)");
    QTest::newRow("rfc2047 (ab)") << QByteArray("(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)") << QStringLiteral("(ab)");
    QTest::newRow("rfc2047 (ab) two spaces")
        << QByteArray("(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)") << QStringLiteral("(ab)");
    QTest::newRow("rfc2047 (ab) folded") << QByteArray("(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)")
                                         << QStringLiteral("(ab)");
    QTest::newRow("rfc2047 (a b) underscore") << QByteArray("(=?ISO-8859-1?Q?a_b?=)") << QStringLiteral("(a b)");
    QTest::newRow("rfc2047 two charsets")
        << QByteArray("(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)") << QStringLiteral("(a b)");
    QTest::newRow("rfc2047 from") << QByteArray("Keith Moore <moore@cs.utk.edu>")
                                  << QStringLiteral("Keith Moore <moore@cs.utk.edu>");
    QTest::newRow("rfc2047 mixed") << QByteArray("=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>")
                                   << QStringLiteral("André Pirard <PIRARD@vm1.ulg.ac.be>");
    QTest::newRow("rfc2231 language") << QByteArray("=?US-ASCII*EN?Q?Keith_Moore?=") << QStringLiteral("Keith Moore");
    QTest::newRow("rfc2231 language utf-8") << QByteArray("=?utf-8*de?Q?Gr=C3=BC=C3=9Fe?=") << QStringLiteral("Grüße");

    // Whitespace next to plain text is kept.
    QTest::newRow("text then word") << QByteArray("Hello =?utf-8?Q?W=C3=B6rld?=!") << QStringLiteral("Hello Wörld!");
    QTest::newRow("word then text") << QByteArray("=?utf-8?Q?x?= y") << QStringLiteral("x y");
    QTest::newRow("two spaces before word") << QByteArray("a  =?utf-8?Q?b?=") << QStringLiteral("a  b");
    QTest::newRow("trailing space after word") << QByteArray("=?utf-8?Q?a?= ") << QStringLiteral("a ");
    QTest::newRow("words without space") << QByteArray("=?utf-8?Q?a?==?utf-8?Q?b?=") << QStringLiteral("ab");
    QTest::newRow("word glued to text") << QByteArray("foo=?utf-8?Q?bar?=baz") << QStringLiteral("foobarbaz");
    QTest::newRow("space encoded inside") << QByteArray("=?utf-8?Q?a_?= =?utf-8?Q?b?=") << QStringLiteral("a b");

    // Multi-byte characters split across adjacent words.
    QTest::newRow("utf-8 split over B words")
        << QByteArray("=?utf-8?B?0J/RgNA=?= =?utf-8?B?uNCy0LXRgiDQvNC40YA=?=") << QStringLiteral("Привет мир");
    QTest::newRow("utf-8 split single char")
        << QByteArray("=?UTF-8?B?ww==?=\r\n =?UTF-8?B?qQ==?=") << QStringLiteral("é");
    QTest::newRow("utf-8 split over Q words")
        << QByteArray("=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?=") << QStringLiteral("café");
    QTest::newRow("utf-8 split, charset case differs")
        << QByteArray("=?UTF-8?Q?caf=C3?= =?utf-8?B?qQ==?=") << QStringLiteral("café");
    QTest::newRow("utf-8 split, other charset between")
        << QByteArray("=?utf-8?Q?=C3?= =?iso-8859-1?Q?x?= =?utf-8?Q?=A9?=")
        << QString(replacement + u'x' + replacement);

    // Charsets through iconv.
    QTest::newRow("iso-2022-jp B") << QByteArray("=?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=")
                                   << QStringLiteral("こんにちは");
    QTest::newRow("gb2312 B") << QByteArray("=?gb2312?B?xOO6ww==?=") << QStringLiteral("你好");
    QTest::newRow("shift_jis B") << QByteArray("=?shift_jis?B?grGC8YLJgr+CzQ==?=") << QStringLiteral("こんにちは");
    QTest::newRow("koi8-r Q") << QByteArray("=?koi8-r?Q?=F0=D2=C9=D7=C5=D4?=") << QStringLiteral("Привет");
    QTest::newRow("windows-1251 B") << QByteArray("=?windows-1251?B?z/Do4uXy?=") << QStringLiteral("Привет");
    QTest::newRow("iso-8859-15 euro") << QByteArray("=?iso-8859-15?Q?5_=A4?=") << QStringLiteral("5 €");
    QTest::newRow("windows-1252 quotes") << QByteArray("=?windows-1252?Q?=93hi=94?=") << QStringLiteral("“hi”");

    // Malformed words stay literal.
    QTest::newRow("bad base64") << QByteArray("=?utf-8?B?###?=") << QStringLiteral("=?utf-8?B?###?=");
    QTest::newRow("base64 bad length") << QByteArray("=?utf-8?B?w?=") << QStringLiteral("=?utf-8?B?w?=");
    QTest::newRow("base64 misplaced padding") << QByteArray("=?utf-8?B?w=6k?=") << QStringLiteral("=?utf-8?B?w=6k?=");
    QTest::newRow("unknown charset") << QByteArray("=?x-unknown?Q?abc?=") << QStringLiteral("=?x-unknown?Q?abc?=");
    QTest::newRow("missing end") << QByteArray("=?utf-8?Q?abc") << QStringLiteral("=?utf-8?Q?abc");
    QTest::newRow("missing end then word")
        << QByteArray("=?utf-8?Q?abc =?utf-8?Q?d?=") << QStringLiteral("=?utf-8?Q?abc d");
    QTest::newRow("unknown encoding") << QByteArray("=?utf-8?X?abc?=") << QStringLiteral("=?utf-8?X?abc?=");
    QTest::newRow("bad Q escape") << QByteArray("=?utf-8?Q?a=ZZ?=") << QStringLiteral("=?utf-8?Q?a=ZZ?=");
    QTest::newRow("Q escape cut short") << QByteArray("=?utf-8?Q?a=4?=") << QStringLiteral("=?utf-8?Q?a=4?=");
    QTest::newRow("space inside Q") << QByteArray("=?utf-8?Q?a b?=") << QStringLiteral("=?utf-8?Q?a b?=");
    QTest::newRow("empty charset") << QByteArray("=??Q?a?=") << QStringLiteral("=??Q?a?=");
    QTest::newRow("lonely opener") << QByteArray("=?") << QStringLiteral("=?");
    QTest::newRow("opener and closer") << QByteArray("=?\?=") << QStringLiteral("=?\?=");
    QTest::newRow("unknown next to good keeps space")
        << QByteArray("=?x-unknown?Q?a?= =?utf-8?Q?b?=") << QStringLiteral("=?x-unknown?Q?a?= b");
    QTest::newRow("good next to unknown keeps space")
        << QByteArray("=?utf-8?Q?b?=  =?x-unknown?Q?a?=") << QStringLiteral("b  =?x-unknown?Q?a?=");

    // Folding and raw 8-bit text.
    QTest::newRow("folded CRLF space") << QByteArray("Hello\r\n World") << QStringLiteral("Hello World");
    QTest::newRow("folded CRLF tab") << QByteArray("a\r\n\tb") << QStringLiteral("a b");
    QTest::newRow("folded LF only") << QByteArray("a\n  b") << QStringLiteral("a b");
    QTest::newRow("raw utf-8") << bytes("caf\xC3\xA9") << QStringLiteral("café");
    QTest::newRow("raw latin-1") << bytes("caf\xE9") << QStringLiteral("café");
    QTest::newRow("raw windows-1252") << bytes("\x93hi\x94") << QStringLiteral("“hi”");
    QTest::newRow("raw utf-8 beside word") << bytes("\xC3\xA9t\xC3\xA9 =?utf-8?Q?=C3=A9?=") << QStringLiteral("été é");
}

void TestEncoding::decodeHeader()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, expected);
    QCOMPARE(imap::decodeHeader(raw), expected);
}

void TestEncoding::mailboxRoundTrip_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("encoded");

    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("INBOX") << QStringLiteral("INBOX") << QByteArray("INBOX");
    QTest::newRow("ascii with spaces") << QStringLiteral("Sent Items") << QByteArray("Sent Items");
    QTest::newRow("rfc3501 example") << QStringLiteral("~peter/mail/台北/日本語")
                                     << QByteArray("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
    QTest::newRow("ampersand") << QStringLiteral("&") << QByteArray("&-");
    QTest::newRow("ampersand inside") << QStringLiteral("R&D") << QByteArray("R&-D");
    QTest::newRow("ampersand after base64") << QStringLiteral("é&") << QByteArray("&AOk-&-");
    QTest::newRow("umlaut") << QStringLiteral("Entwürfe") << QByteArray("Entw&APw-rfe");
    QTest::newRow("two runs") << QStringLiteral("é-é") << QByteArray("&AOk--&AOk-");
    QTest::newRow("emoji") << QStringLiteral("📧") << QByteArray("&2D3c5w-");
    QTest::newRow("emoji in text") << QStringLiteral("Mail 📧 box") << QByteArray("Mail &2D3c5w- box");
    QTest::newRow("control characters") << QStringLiteral("a\r\nb") << QByteArray("a&AA0ACg-b");
    QTest::newRow("tab") << QStringLiteral("\t") << QByteArray("&AAk-");
    QTest::newRow("tilde and dash") << QStringLiteral("~-") << QByteArray("~-");

    QString longName;
    QByteArray longEncoded;
    for (int i = 0; i < 300; ++i)
        longName += QStringLiteral("日本語/");
    // Re-derive the expected bytes piecewise: each "日本語" run is "&ZeVnLIqe-".
    for (int i = 0; i < 300; ++i)
        longEncoded += "&ZeVnLIqe-/";
    QTest::newRow("long") << longName << longEncoded;
}

void TestEncoding::mailboxRoundTrip()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, encoded);
    QCOMPARE(imap::encodeMailboxName(name), encoded);
    const std::optional<QString> decoded = imap::decodeMailboxName(encoded);
    QVERIFY(decoded.has_value());
    QCOMPARE(*decoded, name);
    QCOMPARE(imap::mailboxDisplayName(encoded), name);
}

void TestEncoding::encodeMailboxUnpairedSurrogate()
{
    // Not representable: becomes U+FFFD, so the result is still valid.
    const QString lone = QString(u'a') + QChar(0xD83D) + u'b' + QChar(0xDCE7);
    const QByteArray encoded = imap::encodeMailboxName(lone);
    const std::optional<QString> decoded = imap::decodeMailboxName(encoded);
    QVERIFY(decoded.has_value());
    QCOMPARE(*decoded, QString(u'a' + replacement + u'b' + replacement));
}

void TestEncoding::decodeMailboxInvalid_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("lonely ampersand") << QByteArray("&");
    QTest::newRow("not closed") << QByteArray("&U,BTFw");
    QTest::newRow("not closed at end") << QByteArray("a&AOk");
    QTest::newRow("encodes printable a") << QByteArray("&AGE-");
    QTest::newRow("encodes ampersand") << QByteArray("&ACY-");
    QTest::newRow("encodes printable in run") << QByteArray("&AOkAYQ-");
    QTest::newRow("unpaired high surrogate") << QByteArray("&2D0-");
    QTest::newRow("unpaired low surrogate") << QByteArray("&3Oc-");
    QTest::newRow("swapped surrogates") << QByteArray("&3OfYPQ-");
    QTest::newRow("surrogate pair split by null shift") << QByteArray("&2D0-&3Oc-");
    QTest::newRow("null shift") << QByteArray("&AOk-&AOk-");
    QTest::newRow("nonzero padding bits") << QByteArray("&AOl-");
    QTest::newRow("extra base64 char") << QByteArray("&AOkA-");
    QTest::newRow("one char") << QByteArray("&A-");
    QTest::newRow("two chars") << QByteArray("&AO-");
    QTest::newRow("odd byte count") << QByteArray("&AOkA6QA-");
    QTest::newRow("slash instead of comma") << QByteArray("&U/BTFw-");
    QTest::newRow("base64 padding") << QByteArray("&AOk=-");
    QTest::newRow("8-bit byte") << bytes("caf\xC3\xA9");
    QTest::newRow("control byte") << bytes("a\x01"
                                           "b");
    QTest::newRow("nul") << bytes("a\0b");
    QTest::newRow("DEL") << bytes("a\x7F");
    QTest::newRow("CRLF") << QByteArray("a\r\n");
}

void TestEncoding::decodeMailboxInvalid()
{
    QFETCH(QByteArray, encoded);
    QVERIFY(!imap::decodeMailboxName(encoded).has_value());
}

void TestEncoding::mailboxDisplayName_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("expected");
    QTest::newRow("modified utf-7") << QByteArray("&U,BTFw-") << QStringLiteral("台北");
    QTest::newRow("utf-8 from UTF8=ACCEPT server") << bytes("Entw\xC3\xBC"
                                                            "rfe")
                                                   << QStringLiteral("Entwürfe");
    QTest::newRow("invalid utf-7 shown as is") << QByteArray("&bad") << QStringLiteral("&bad");
    QTest::newRow("INBOX") << QByteArray("INBOX") << QStringLiteral("INBOX");
    QTest::newRow("&-") << QByteArray("&-") << QStringLiteral("&");
    // A leading U+FEFF is part of a raw UTF-8 name (found by fuzz_command).
    QTest::newRow("utf-8 with leading BOM") << bytes("\xEF\xBB\xBF"
                                                     "Lists")
                                            << (QString(QChar(0xFEFF)) + QStringLiteral("Lists"));
}

void TestEncoding::mailboxDisplayName()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, expected);
    QCOMPARE(imap::mailboxDisplayName(raw), expected);
}

void TestEncoding::mailboxRandomRoundTrip()
{
    QRandomGenerator rng(20240601);
    for (int iteration = 0; iteration < 3000; ++iteration) {
        QString name;
        const int length = int(rng.bounded(12));
        for (int i = 0; i < length; ++i) {
            switch (rng.bounded(4)) {
            case 0:
                name += QChar(char16_t(0x20 + rng.bounded(0x5F))); // printable ASCII, '&' included
                break;
            case 1:
                name += QChar(char16_t(rng.bounded(0x20))); // control
                break;
            case 2: {
                char16_t u;
                do {
                    u = char16_t(0x80 + rng.bounded(0x10000 - 0x80));
                } while (QChar::isSurrogate(u));
                name += QChar(u);
                break;
            }
            default: {
                const char32_t cp = char32_t(0x10000 + rng.bounded(0x100000));
                name += QString::fromUcs4(&cp, 1);
                break;
            }
            }
        }
        const QByteArray encoded = imap::encodeMailboxName(name);
        for (char c : encoded)
            QVERIFY2(uchar(c) >= 0x20 && uchar(c) <= 0x7E, encoded.constData());
        const std::optional<QString> decoded = imap::decodeMailboxName(encoded);
        QVERIFY2(decoded.has_value(), encoded.constData());
        QCOMPARE(*decoded, name);
    }
}

void TestEncoding::randomInputNeverBreaks()
{
    // Not a fuzzer, but the same contract: any bytes, no crash, no hang, and
    // the outputs keep their promises.
    static const char alphabet[] = "=?_-&ABQbq09+/,*\r\n \t\xC3\xA9\xFF\x1B$(";
    static const QByteArray charsets[] = {"utf-8", "iso-2022-jp", "shift_jis", "gb2312", "koi8-r", "utf-16"};
    QRandomGenerator rng(7);
    for (int iteration = 0; iteration < 5000; ++iteration) {
        QByteArray input;
        const int length = int(rng.bounded(64));
        for (int i = 0; i < length; ++i)
            input += alphabet[rng.bounded(int(sizeof alphabet - 1))];
        if (rng.bounded(4) == 0)
            input.prepend("=?utf-8?B?");
        (void)imap::decodeHeader(input);
        (void)imap::decodeCharset(input, charsets[rng.bounded(int(std::size(charsets)))]);
        if (const std::optional<QString> name = imap::decodeMailboxName(input))
            QCOMPARE(imap::decodeMailboxName(imap::encodeMailboxName(*name)).value_or(QStringLiteral("<invalid>")),
                     *name);
        (void)imap::mailboxDisplayName(input);
    }
}

QTEST_APPLESS_MAIN(TestEncoding)
#include "tst_encoding.moc"
