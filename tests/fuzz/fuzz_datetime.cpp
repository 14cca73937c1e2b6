// Fuzz target "datetime": imap::parseDateTime over an arbitrary Date: header
// value or INTERNALDATE.
//
// Checked besides "no crash, no sanitizer report": the result is invalid or
// a valid UTC date-time; the same text gives the same result; and a valid
// result written back as an RFC 5322 date and as an INTERNALDATE (in UTC,
// with and without weekday, zone "+0000", "GMT" or "-0000") parses to the
// same instant.

#include "FuzzSupport.h"

#include "imap/DateTime.h"

namespace {

const char *const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char *const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

QByteArray two(int n)
{
    return QByteArray::number(n).rightJustified(2, '0');
}

void expectSame(const QByteArray &text, const QDateTime &expected)
{
    const QDateTime parsed = imap::parseDateTime(text);
    FUZZ_CHECK(parsed == expected && parsed.isValid(),
               "written as " + text + "\nparsed as " + parsed.toString(Qt::ISODate).toUtf8() + "\nexpected "
                   + expected.toString(Qt::ISODate).toUtf8());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView text(reinterpret_cast<const char *>(data), qsizetype(size));
    const QDateTime parsed = imap::parseDateTime(text);
    FUZZ_CHECK(imap::parseDateTime(text) == parsed, "not deterministic");
    if (!parsed.isValid())
        return 0;
    FUZZ_CHECK(parsed.timeSpec() == Qt::UTC, parsed.toString(Qt::ISODate).toUtf8());

    // Four-digit years can be written back (a zone offset may have moved the
    // instant out of them).
    const QDate d = parsed.date();
    const QTime t = parsed.time();
    if (d.year() < 1000 || d.year() > 9999)
        return 0;
    FUZZ_CHECK(t.msec() == 0, "milliseconds");
    const QByteArray time = two(t.hour()) + ':' + two(t.minute()) + ':' + two(t.second());
    const QByteArray month = kMonths[d.month() - 1];
    const QByteArray year = QByteArray::number(d.year());
    expectSame(QByteArray(kDays[d.dayOfWeek() - 1]) + ", " + QByteArray::number(d.day()) + ' ' + month + ' ' + year
                   + ' ' + time + " +0000",
               parsed);
    expectSame(two(d.day()) + ' ' + month + ' ' + year + ' ' + time + " GMT", parsed);
    expectSame(QByteArray::number(d.day()).rightJustified(2, ' ') + '-' + month + '-' + year + ' ' + time + " -0000",
               parsed);
    return 0;
}
