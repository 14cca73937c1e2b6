#include "ui/Sanitize.h"

#include <QTextBoundaryFinder>

namespace ui {
namespace {

constexpr char32_t ZeroWidthNonJoiner = 0x200C;
constexpr char32_t ZeroWidthJoiner = 0x200D;
constexpr char32_t WavingBlackFlag = 0x1F3F4; // starts emoji tag sequences (subdivision flags)
// More combining marks than this on one base are dropped ("Zalgo" text that
// would stack far outside the line). Real scripts need far fewer.
constexpr int MaxCombiningMarks = 8;

bool isBidiControl(char32_t c)
{
    return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool isTag(char32_t c)
{
    return c >= 0xE0020 && c <= 0xE007F;
}

bool isControl(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

bool isCombiningMark(char32_t c)
{
    const QChar::Category cat = QChar::category(c);
    return cat == QChar::Mark_NonSpacing || cat == QChar::Mark_Enclosing;
}

void appendCodePoint(QString &out, char32_t c)
{
    if (QChar::requiresSurrogates(c)) {
        out.append(QChar(QChar::highSurrogate(c)));
        out.append(QChar(QChar::lowSurrogate(c)));
    } else {
        out.append(QChar(char16_t(c)));
    }
}

} // namespace

QString sanitizeLine(const QString &text, int maxLength)
{
    QString out;
    out.reserve(text.size());
    bool pendingSpace = false;
    char32_t pendingJoiner = 0;
    char32_t last = 0; // last code point written to out, 0 at start or after a space
    int marks = 0;

    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t c = text.at(i).unicode();
        if (QChar::isHighSurrogate(c)) {
            if (i + 1 < n && text.at(i + 1).isLowSurrogate()) {
                c = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
                ++i;
            } else {
                continue; // unpaired
            }
        } else if (QChar::isLowSurrogate(c)) {
            continue; // unpaired
        }

        if (QChar::isSpace(c)) { // includes \t \n \r, NEL, NBSP, U+2028/9
            pendingSpace = true;
            pendingJoiner = 0;
            continue;
        }
        if (isControl(c) || QChar::isNonCharacter(c) || isBidiControl(c))
            continue;
        if (c == ZeroWidthJoiner || c == ZeroWidthNonJoiner) {
            if (last != 0 && !pendingSpace)
                pendingJoiner = c; // kept only if a visible character follows
            continue;
        }
        if (isTag(c)) {
            if (last == WavingBlackFlag || isTag(last)) {
                appendCodePoint(out, c);
                last = c;
            }
            continue;
        }
        if (QChar::category(c) == QChar::Other_Format)
            continue; // zero-width space, word joiner, BOM, soft hyphen, ...

        if (isCombiningMark(c)) {
            if (last == 0 || pendingSpace || ++marks > MaxCombiningMarks)
                continue; // a mark with nothing to sit on, or too many
        } else {
            marks = 0;
        }

        if (pendingSpace && !out.isEmpty())
            out.append(QLatin1Char(' '));
        pendingSpace = false;
        if (pendingJoiner != 0)
            appendCodePoint(out, pendingJoiner);
        pendingJoiner = 0;
        appendCodePoint(out, c);
        last = c;
    }
    return maxLength > 0 ? elide(out, maxLength) : out;
}

QString elide(const QString &text, int maxLength)
{
    if (maxLength < 1 || text.size() <= maxLength)
        return text; // fewer code units than the cap: fewer clusters too

    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    int clusters = 0;
    qsizetype cut = -1; // end of the first maxLength - 1 clusters
    while (finder.toNextBoundary() != -1) {
        ++clusters;
        if (clusters == maxLength - 1)
            cut = finder.position();
        if (clusters > maxLength)
            break;
    }
    if (clusters <= maxLength)
        return text;

    QString head = text.left(cut < 0 ? 0 : cut);
    while (!head.isEmpty()) {
        const QChar c = head.back();
        if (c.isSpace() || c.unicode() == ZeroWidthJoiner || c.unicode() == ZeroWidthNonJoiner)
            head.chop(1);
        else
            break;
    }
    head.append(QChar(0x2026)); // …
    return head;
}

QString escapeMarkup(const QString &text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&':
            out += QLatin1String("&amp;");
            break;
        case '<':
            out += QLatin1String("&lt;");
            break;
        case '>':
            out += QLatin1String("&gt;");
            break;
        case '"':
            out += QLatin1String("&quot;");
            break;
        case '\'':
            out += QLatin1String("&#39;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace ui
