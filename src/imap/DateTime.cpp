#include "imap/DateTime.h"

#include <array>
#include <cstring>

namespace imap {
namespace {

struct Cursor
{
    const char *p;
    const char *end;

    void skipSpaceAndComments()
    {
        for (;;) {
            while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == ','))
                ++p;
            if (p < end && *p == '(') {
                int depth = 0;
                while (p < end) {
                    if (*p == '(')
                        ++depth;
                    else if (*p == ')' && --depth == 0) {
                        ++p;
                        break;
                    }
                    ++p;
                }
                continue;
            }
            return;
        }
    }
    bool number(int maxDigits, int *out, int *digits = nullptr)
    {
        int n = 0, d = 0;
        while (p < end && d < maxDigits && *p >= '0' && *p <= '9') {
            n = n * 10 + (*p - '0');
            ++p;
            ++d;
        }
        if (digits)
            *digits = d;
        *out = n;
        return d > 0;
    }
    QByteArray word()
    {
        const char *start = p;
        while (p < end && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
            ++p;
        return QByteArray(start, int(p - start));
    }
    bool consume(char c)
    {
        if (p < end && *p == c) {
            ++p;
            return true;
        }
        return false;
    }
};

int monthFromName(const QByteArray &name)
{
    static const std::array<const char *, 12> months
        = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() < 3)
        return 0;
    const QByteArray lower = name.left(3).toLower();
    for (size_t i = 0; i < months.size(); ++i)
        if (lower == months[i])
            return int(i) + 1;
    return 0;
}

// Zone offset in seconds, or false when unknown.
bool zoneOffset(Cursor &c, int *seconds)
{
    c.skipSpaceAndComments();
    if (c.p >= c.end) {
        *seconds = 0; // RFC 5322 says a missing zone is an error; take UTC
        return true;
    }
    if (*c.p == '+' || *c.p == '-') {
        const int sign = *c.p == '-' ? -1 : 1;
        ++c.p;
        int hhmm = 0, digits = 0;
        if (!c.number(4, &hhmm, &digits) || digits != 4)
            return false;
        const int h = hhmm / 100, m = hhmm % 100;
        if (h > 23 || m > 59)
            return false;
        *seconds = sign * (h * 3600 + m * 60);
        return true;
    }
    const QByteArray name = c.word().toUpper();
    struct Named
    {
        const char *name;
        int hours;
    };
    static const Named named[] = {{"UT", 0},   {"UTC", 0},  {"GMT", 0},  {"Z", 0},    {"EST", -5}, {"EDT", -4},
                                  {"CST", -6}, {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}};
    for (const Named &n : named) {
        if (name == n.name) {
            *seconds = n.hours * 3600;
            return true;
        }
    }
    // Military and unknown alphabetic zones: RFC 5322 says treat as -0000.
    *seconds = 0;
    return !name.isEmpty();
}

} // namespace

QDateTime parseDateTime(QByteArrayView text)
{
    if (text.size() > 256)
        text = text.first(256);
    Cursor c{text.data(), text.data() + text.size()};
    c.skipSpaceAndComments();

    // Optional day of week.
    const char *mark = c.p;
    const QByteArray first = c.word();
    if (first.isEmpty())
        c.p = mark;
    c.skipSpaceAndComments();

    int day = 0, month = 0, year = 0, yearDigits = 0;
    if (!c.number(2, &day))
        return {};
    const bool internalDate = c.consume('-');
    if (!internalDate)
        c.skipSpaceAndComments();
    month = monthFromName(c.word());
    if (month == 0)
        return {};
    if (internalDate) {
        if (!c.consume('-'))
            return {};
    } else {
        c.skipSpaceAndComments();
    }
    if (!c.number(4, &year, &yearDigits))
        return {};
    if (yearDigits == 2)
        year += year < 50 ? 2000 : 1900;
    else if (yearDigits == 3)
        year += 1900;
    c.skipSpaceAndComments();

    int hour = 0, minute = 0, second = 0;
    if (!c.number(2, &hour) || !c.consume(':') || !c.number(2, &minute))
        return {};
    if (c.consume(':') && !c.number(2, &second))
        return {};
    if (second == 60)
        second = 59; // leap second
    int offset = 0;
    if (!zoneOffset(c, &offset))
        return {};

    const QDate date(year, month, day);
    const QTime time(hour, minute, second);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::OffsetFromUTC, offset).toUTC();
}

} // namespace imap
