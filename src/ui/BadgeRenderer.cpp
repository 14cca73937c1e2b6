#include "ui/BadgeRenderer.h"

#include <QFile>
#include <QFont>
#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <QPixmap>
#include <QSvgRenderer>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <optional>

// Resources of a static library must be registered by hand (outside any
// namespace: Q_INIT_RESOURCE declares a global function).
static void initIdlebellResources()
{
    Q_INIT_RESOURCE(idlebell);
}

namespace ui {
namespace {

// The placeholder fill of tray-unread.svg, replaced by the accent colour.
constexpr auto SvgAccent = "#f5b400";

void ensureResources()
{
    static std::once_flag once;
    std::call_once(once, initIdlebellResources);
}

QString svgPath(BadgeRenderer::Look look)
{
    switch (look) {
    case BadgeRenderer::Look::NoAccount:
        return QStringLiteral(":/icons/tray-noaccount.svg");
    case BadgeRenderer::Look::Connecting:
        return QStringLiteral(":/icons/tray-connecting.svg");
    case BadgeRenderer::Look::AllRead:
        return QStringLiteral(":/icons/tray-allread.svg");
    case BadgeRenderer::Look::Unread:
        return QStringLiteral(":/icons/tray-unread.svg");
    case BadgeRenderer::Look::Error:
        return QStringLiteral(":/icons/tray-error.svg");
    }
    return {};
}

QByteArray svgData(BadgeRenderer::Look look, const QColor &accent)
{
    QFile file(svgPath(look));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray data = file.readAll();
    if (look == BadgeRenderer::Look::Unread)
        data.replace(SvgAccent, accent.name(QColor::HexRgb).toLatin1());
    return data;
}

// Bold sans digits, fully hinted so that small sizes stay crisp; the
// condensed face is the fallback when a text is too wide for the icon.
QFont badgeFont(int pixelSize, bool condensed)
{
    // Small digits are crisper and far more legible as hinted bitmaps:
    // antialiased 7 px strokes turn into pink smudges on the red pill.
    constexpr int MaxAliasedPixelSize = 11;
    QFont font;
    font.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans"), QStringLiteral("Liberation Sans"),
                      QStringLiteral("Arial")});
    font.setStyleHint(QFont::SansSerif);
    font.setWeight(QFont::Bold);
    font.setPixelSize(pixelSize);
    font.setHintingPreference(QFont::PreferFullHinting);
    if (condensed)
        font.setStretch(QFont::Condensed);
    if (pixelSize <= MaxAliasedPixelSize)
        font.setStyleStrategy(QFont::NoAntialias);
    return font;
}

// Where a text really puts its ink, relative to the pen position (left end
// of the baseline). Font metrics only approximate that, and hinting moves
// it by a pixel here and there, which matters in a 9 px pill. A pixel at
// least half covered counts.
QRect inkBounds(const QFont &font, const QString &text)
{
    const QFontMetrics fm(font);
    const int pad = font.pixelSize();
    QImage scratch(fm.horizontalAdvance(text) + 2 * pad, fm.height() + 2 * pad, QImage::Format_ARGB32_Premultiplied);
    scratch.fill(Qt::transparent);
    const QPoint origin(pad, pad + fm.ascent());
    QPainter p(&scratch);
    p.setFont(font);
    p.setPen(Qt::white);
    p.drawText(origin, text);
    p.end();

    int left = scratch.width(), right = -1, top = scratch.height(), bottom = -1;
    for (int y = 0; y < scratch.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(scratch.constScanLine(y));
        for (int x = 0; x < scratch.width(); ++x) {
            if (qAlpha(line[x]) >= 128) {
                left = std::min(left, x);
                right = std::max(right, x);
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
        }
    }
    if (right < 0)
        return {};
    return QRect(QPoint(left, top), QPoint(right, bottom)).translated(-origin);
}

struct FittedFont
{
    QFont font;
    QRect ink;      // the text's ink, relative to the pen position
    QRect digitInk; // the ink of "0123456789": the height every count shares
};

// The largest font (regular, else condensed) whose digits are exactly
// digitHeight pixels tall and whose text is at most maxWidth wide.
std::optional<FittedFont> fitFont(const QString &text, int digitHeight, int maxWidth)
{
    for (bool condensed : {false, true}) {
        // Digits are about 0.73 em tall: start well above and walk down.
        for (int px = int(std::ceil(digitHeight / 0.6)); px >= 4; --px) {
            const QFont font = badgeFont(px, condensed);
            const QRect digitInk = inkBounds(font, QStringLiteral("0123456789"));
            if (digitInk.height() > digitHeight)
                continue;
            if (digitInk.height() < digitHeight)
                break; // smaller digits than asked for: try the condensed face first
            const QRect ink = inkBounds(font, text);
            if (ink.width() <= maxWidth)
                return FittedFont{font, ink, digitInk};
        }
    }
    return std::nullopt;
}

double luminance(const QColor &c)
{
    return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
}

// The count as a pill anchored to the lower right corner. Its white ring is
// drawn only where the pill borders the bell (top and left): the icon's own
// edges need none.
void drawBadge(QPainter &p, int size, const QString &text)
{
    // Digit height: 44 % of the icon at 16 px (7 px), sliding to 31 % at
    // 64 px and beyond, where the bell deserves more room.
    const double ratio = std::clamp(0.44 - (size - 16) * 0.13 / 48.0, 0.31, 0.44);
    const int ring = std::max(1, int(std::lround(size / 24.0)));

    for (int digitH = std::max(3, int(std::lround(size * ratio))); digitH >= 3; --digitH) {
        const int padY = std::max(1, int(std::lround(digitH * 0.15)));
        const int padX = std::max(1, int(std::lround(digitH * 0.2)));
        const int pillH = digitH + 2 * padY;
        // The text's corners must clear the pill's round ends, not just its
        // middle: inset by where the end's circle is at the digits' top.
        const double r = pillH / 2.0;
        const double halfText = digitH / 2.0;
        const int roundInset
            = std::max(padX, int(std::lround(r - std::sqrt(std::max(0.0, r * r - halfText * halfText)))));

        // Tiers, before the digits get smaller: a round pill ringed on the
        // left; the same spanning the whole width (its left ring falls off
        // the icon); a squarer badge spanning the whole width.
        double radius = r;
        int inset = roundInset;
        std::optional<FittedFont> fit = fitFont(text, digitH, size - ring - 2 * inset);
        if (!fit)
            fit = fitFont(text, digitH, size - 2 * inset);
        if (!fit) {
            radius = std::max(1.5, pillH * 0.25);
            inset = padY;
            fit = fitFont(text, digitH, size - 2 * inset);
        }
        if (!fit)
            continue;

        const int pillW = std::min(size, std::max(pillH, fit->ink.width() + 2 * inset));
        const QRectF pill(size - pillW, size - pillH, pillW, pillH);

        p.save();
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 255, 255));
        p.drawRoundedRect(pill.adjusted(-ring, -ring, ring, ring), radius + ring, radius + ring);
        const QColor fill = BadgeRenderer::badgeColor();
        p.setBrush(fill);
        p.drawRoundedRect(pill, radius, radius);

        // Whole pixels for the pen position keep the hinted glyphs crisp.
        const int inkLeft = int(pill.left()) + (pillW - fit->ink.width() + 1) / 2;
        const int digitTop = int(pill.top()) + (pillH - fit->digitInk.height() + 1) / 2;
        const int baseline = digitTop - fit->digitInk.top();
        p.setFont(fit->font);
        p.setPen(luminance(fill) > 0.6 ? QColor(20, 20, 20) : QColor(255, 255, 255));
        p.drawText(QPoint(inkLeft - fit->ink.left(), baseline), text);
        p.restore();
        return;
    }
}

} // namespace

BadgeRenderer::BadgeRenderer()
{
    ensureResources();
}

QImage BadgeRenderer::render(int size, Look look, int count, const QColor &accent) const
{
    size = std::max(1, size);
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);

    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    QSvgRenderer svg(svgData(look, accent.isValid() ? accent : defaultAccent()));
    svg.render(&p, QRectF(0, 0, size, size));

    const QString text = badgeText(count);
    if (!text.isEmpty())
        drawBadge(p, size, text);
    p.end();
    return image;
}

QIcon BadgeRenderer::icon(Look look, int count, const QColor &accent) const
{
    QIcon icon;
    for (int size : iconSizes())
        icon.addPixmap(QPixmap::fromImage(render(size, look, count, accent)));
    return icon;
}

QString BadgeRenderer::badgeText(int count)
{
    if (count <= 0)
        return {};
    if (count > 99)
        return QStringLiteral("99+");
    return QString::number(count);
}

QList<int> BadgeRenderer::iconSizes()
{
    return {16, 22, 24, 32, 48, 64};
}

QColor BadgeRenderer::defaultAccent()
{
    return QColor(0xf5, 0xb4, 0x00);
}

QColor BadgeRenderer::badgeColor()
{
    return QColor(0xd3, 0x2f, 0x2f);
}

QString BadgeRenderer::lookName(Look look)
{
    switch (look) {
    case Look::NoAccount:
        return QStringLiteral("no-account");
    case Look::Connecting:
        return QStringLiteral("connecting");
    case Look::AllRead:
        return QStringLiteral("all-read");
    case Look::Unread:
        return QStringLiteral("unread");
    case Look::Error:
        return QStringLiteral("error");
    }
    return {};
}

QIcon BadgeRenderer::appIcon()
{
    ensureResources();
    return QIcon(QStringLiteral(":/icons/idlebell.svg"));
}

} // namespace ui
