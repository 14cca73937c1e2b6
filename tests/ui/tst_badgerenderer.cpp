// ui::BadgeRenderer: what the tray icon looks like, checked on its pixels.
#include "ui/BadgeRenderer.h"

#include <QIcon>
#include <QImage>
#include <QPainter>
#include <QTest>

#include <cmath>

using ui::BadgeRenderer;
using Look = BadgeRenderer::Look;

namespace {

const QList<Look> AllLooks{Look::NoAccount, Look::Connecting, Look::AllRead, Look::Unread, Look::Error};

bool near(QRgb pixel, const QColor &color, int tolerance = 40)
{
    return qAlpha(pixel) > 200 && std::abs(qRed(pixel) - color.red()) <= tolerance
        && std::abs(qGreen(pixel) - color.green()) <= tolerance && std::abs(qBlue(pixel) - color.blue()) <= tolerance;
}

bool isBadge(QRgb pixel)
{
    return near(pixel, BadgeRenderer::badgeColor());
}

bool isText(QRgb pixel)
{
    // White, or at least half white over the badge's red (antialiased edges).
    return qAlpha(pixel) > 200 && qRed(pixel) > 200 && qGreen(pixel) > 140 && qBlue(pixel) > 140;
}

// The badge pill: the bounding box of badge-coloured pixels.
QRect badgeBox(const QImage &image)
{
    QRect box;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (isBadge(image.pixel(x, y)))
                box |= QRect(x, y, 1, 1);
    return box;
}

bool isReddish(QRgb pixel)
{
    // The badge's red, also blended with white (antialiased edges): green
    // and blue rise together, unlike in the gold bell.
    return qAlpha(pixel) > 200 && qRed(pixel) > 180 && qRed(pixel) - qGreen(pixel) > 40
        && std::abs(qGreen(pixel) - qBlue(pixel)) < 30;
}

// The digits: text-coloured pixels between the leftmost and rightmost
// reddish pixel of their row, which leaves out the white ring around the pill.
QRect textBox(const QImage &image)
{
    QRect box;
    for (int y = 0; y < image.height(); ++y) {
        int first = -1, last = -1;
        for (int x = 0; x < image.width(); ++x) {
            if (isReddish(image.pixel(x, y))) {
                if (first < 0)
                    first = x;
                last = x;
            }
        }
        for (int x = first + 1; x < last; ++x)
            if (isText(image.pixel(x, y)))
                box |= QRect(x, y, 1, 1);
    }
    return box;
}

// The icon drawn over a panel of this colour.
QImage onPanel(const QImage &icon, const QColor &panel)
{
    QImage out(icon.size(), QImage::Format_ARGB32);
    out.fill(panel);
    QPainter p(&out);
    p.drawImage(0, 0, icon);
    return out;
}

double distance(QRgb a, QRgb b)
{
    return std::hypot(qRed(a) - qRed(b), qGreen(a) - qGreen(b), qBlue(a) - qBlue(b));
}

} // namespace

class TestBadgeRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void badgeText_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("text");
        QTest::newRow("negative") << -3 << QString();
        QTest::newRow("zero") << 0 << QString();
        QTest::newRow("one") << 1 << QStringLiteral("1");
        QTest::newRow("seven") << 7 << QStringLiteral("7");
        QTest::newRow("99") << 99 << QStringLiteral("99");
        QTest::newRow("100") << 100 << QStringLiteral("99+");
        QTest::newRow("huge") << 123456 << QStringLiteral("99+");
    }
    void badgeText()
    {
        QFETCH(int, count);
        QFETCH(QString, text);
        QCOMPARE(BadgeRenderer::badgeText(count), text);
    }

    void imageSizes()
    {
        const BadgeRenderer r;
        for (int size : BadgeRenderer::iconSizes()) {
            const QImage image = r.render(size, Look::Unread, 5);
            QCOMPARE(image.size(), QSize(size, size));
            QVERIFY(image.hasAlphaChannel());
        }
        QCOMPARE(r.render(0, Look::AllRead, 0).size(), QSize(1, 1)); // degenerate, but an image
    }

    void countsRenderDifferently_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("16") << 16;
        QTest::newRow("22") << 22;
        QTest::newRow("32") << 32;
        QTest::newRow("64") << 64;
    }
    void countsRenderDifferently()
    {
        QFETCH(int, size);
        const BadgeRenderer r;
        const QList<int> counts{0, 7, 42, 99, 100};
        QList<QImage> images;
        for (int count : counts)
            images << r.render(size, Look::Unread, count);
        for (int i = 0; i < images.size(); ++i)
            for (int j = i + 1; j < images.size(); ++j)
                QVERIFY2(
                    images[i] != images[j],
                    qPrintable(
                        QStringLiteral("%1 and %2 look the same at %3 px").arg(counts[i]).arg(counts[j]).arg(size)));
    }

    void noBadgeForZero()
    {
        const BadgeRenderer r;
        for (Look look : AllLooks) {
            const QImage zero = r.render(16, look, 0);
            QCOMPARE(r.render(16, look, -1), zero);
            if (look != Look::Error) // the error disc shares the badge's red
                QVERIFY(badgeBox(zero).isEmpty());
        }
        QVERIFY(!badgeBox(r.render(16, Look::AllRead, 3)).isEmpty());
    }

    void digitsAreLegible_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("count");
        for (int size : {16, 22, 24, 32, 48, 64})
            for (int count : {7, 42, 99, 100})
                QTest::addRow("%d px, %d", size, count) << size << count;
    }
    void digitsAreLegible()
    {
        QFETCH(int, size);
        QFETCH(int, count);
        const BadgeRenderer r;
        const QImage image = r.render(size, Look::Unread, count);
        const QRect pill = badgeBox(image);
        const QRect text = textBox(image);
        QVERIFY(!pill.isEmpty());
        QVERIFY(!text.isEmpty());
        QVERIFY(pill.contains(text));
        // Big digits: at 16 px (one or two digits) at least 40 % of the icon
        // and most of the pill; "99+" and larger icons a little less.
        const double minShare = count > 99 ? 0.3 : (size <= 16 ? 0.4 : 0.3);
        QVERIFY2(text.height() >= minShare * size,
                 qPrintable(QStringLiteral("digits %1 px tall in a %2 px icon").arg(text.height()).arg(size)));
        if (count <= 99)
            QVERIFY2(
                text.height() >= 0.65 * pill.height(),
                qPrintable(QStringLiteral("digits %1 px tall in a %2 px pill").arg(text.height()).arg(pill.height())));
        // The pill grows with the text and stays inside the icon.
        QVERIFY(QRect(0, 0, size, size).contains(pill));
    }

    void widerTextWidensThePill()
    {
        const BadgeRenderer r;
        for (int size : {16, 32}) {
            const int one = badgeBox(r.render(size, Look::Unread, 7)).width();
            const int two = badgeBox(r.render(size, Look::Unread, 42)).width();
            const int three = badgeBox(r.render(size, Look::Unread, 100)).width();
            QVERIFY2(one < two && two <= three,
                     qPrintable(QStringLiteral("%1 px: %2 %3 %4").arg(size).arg(one).arg(two).arg(three)));
        }
    }

    void looksDiffer()
    {
        const BadgeRenderer r;
        for (int size : {16, 32}) {
            for (int i = 0; i < AllLooks.size(); ++i)
                for (int j = i + 1; j < AllLooks.size(); ++j)
                    QVERIFY2(r.render(size, AllLooks[i], 0) != r.render(size, AllLooks[j], 0),
                             qPrintable(BadgeRenderer::lookName(AllLooks[i]) + QStringLiteral(" vs ")
                                        + BadgeRenderer::lookName(AllLooks[j])));
        }
    }

    void visibleOnLightAndDarkPanels()
    {
        const BadgeRenderer r;
        for (Look look : AllLooks) {
            for (const QColor panel : {QColor(0xf2, 0xf2, 0xf2), QColor(0x20, 0x20, 0x20), QColor(0x80, 0x80, 0x80)}) {
                const QImage image = onPanel(r.render(16, look, 0), panel);
                int standOut = 0; // pixels clearly unlike the panel (by colour, not just brightness)
                for (int y = 0; y < 16; ++y)
                    for (int x = 0; x < 16; ++x)
                        standOut += distance(image.pixel(x, y), panel.rgb()) > 100;
                QVERIFY2(standOut >= 25,
                         qPrintable(QStringLiteral("%1 on %2: %3 pixels stand out")
                                        .arg(BadgeRenderer::lookName(look), panel.name())
                                        .arg(standOut)));
            }
        }
    }

    void accentFillsTheUnreadBell()
    {
        const BadgeRenderer r;
        const QImage gold = r.render(32, Look::Unread, 0);
        QCOMPARE(r.render(32, Look::Unread, 0, BadgeRenderer::defaultAccent()), gold);
        const QImage blue = r.render(32, Look::Unread, 0, QColor(0x20, 0x60, 0xe0));
        QVERIFY(blue != gold);
        QVERIFY(near(blue.pixel(16, 16), QColor(0x20, 0x60, 0xe0), 10)); // the bell's middle
        // Other looks do not use it.
        QCOMPARE(r.render(32, Look::AllRead, 0, Qt::blue), r.render(32, Look::AllRead, 0));
    }

    void deterministic()
    {
        const BadgeRenderer a;
        const BadgeRenderer b;
        for (int size : BadgeRenderer::iconSizes())
            for (Look look : AllLooks)
                for (int count : {0, 3, 42, 1000})
                    QCOMPARE(a.render(size, look, count), b.render(size, look, count));
    }

    void icon()
    {
        const BadgeRenderer r;
        const QIcon icon = r.icon(Look::Unread, 12);
        QVERIFY(!icon.isNull());
        for (int size : BadgeRenderer::iconSizes()) {
            QVERIFY(icon.availableSizes().contains(QSize(size, size)));
            QCOMPARE(icon.pixmap(size).toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied),
                     r.render(size, Look::Unread, 12).convertToFormat(QImage::Format_ARGB32_Premultiplied));
        }
        QVERIFY(!BadgeRenderer::appIcon().isNull());
        QVERIFY(!BadgeRenderer::appIcon().pixmap(32).isNull());
    }
};

QTEST_MAIN(TestBadgeRenderer)
#include "tst_badgerenderer.moc"
