#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QIcon>
#include <QImage>
#include <QList>
#include <QString>

namespace ui {

// Draws the tray icon: a bell whose look tells the state, with the unread
// count as a badge. Pure: no widgets, no state between calls; the same
// inputs give the same pixels (on the same fonts). Needs a QGuiApplication
// only for icon() (QPixmap); render() works with a QCoreApplication too.
//
// The badge is a pill in the lower right corner: a white ring, a red
// (badgeColor()) fill, and the count in white bold digits scaled to fill
// the pill's height (at 16 px the digits are 7 px tall). The pill widens to
// the left for two and three characters; when the text would not fit into
// the icon's width (three characters at 16 to 24 px) it is narrowed, down
// to 70 % of its natural width, and only then shrunk. So "99+" stays "99+"
// at every size: a count past 99 is "99+", never a made-up symbol.
class BadgeRenderer
{
    Q_DECLARE_TR_FUNCTIONS(ui::BadgeRenderer)
public:
    enum class Look {
        NoAccount,  // grey outline bell: nothing to watch yet
        Connecting, // dimmed bell with a blue "..." tag
        AllRead,    // plain bell
        Unread,     // bell filled with the accent colour
        Error,      // plain bell with a red "!" disc: an account needs attention
    };

    BadgeRenderer();

    // One square image of size x size pixels (size >= 1). A count of 0 or
    // less draws no badge. accent fills the bell for Look::Unread; an
    // invalid colour means defaultAccent().
    QImage render(int size, Look look, int count, const QColor &accent = {}) const;

    // An icon with a pixmap for each of iconSizes().
    QIcon icon(Look look, int count, const QColor &accent = {}) const;

    // "" for count <= 0, "1" .. "99", "99+" past 99.
    static QString badgeText(int count);

    static QList<int> iconSizes(); // 16, 22, 24, 32, 48, 64
    static QColor defaultAccent(); // the bell's gold
    static QColor badgeColor();    // the badge pill's red
    static QString lookName(Look look);
    // The application icon (resource ":/icons/idlebell.svg").
    static QIcon appIcon();
};

} // namespace ui
