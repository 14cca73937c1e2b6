#pragma once

#include <QString>

namespace ui {

// Text from a mail server is attacker-controlled and ends up in places that
// render it (notification bubbles, tooltips). These helpers make it safe and
// tidy to show on one line. Pure functions, no Qt GUI needed.

// Maximum lengths, in characters (grapheme clusters), of what a notification
// shows.
inline constexpr int MaxSummaryLength = 120;
inline constexpr int MaxBodyLength = 300;

// One line of display text:
//  - removes C0 and C1 control characters and DEL (tabs and line breaks
//    become spaces first), unpaired surrogates and noncharacters;
//  - removes bidirectional formatting characters (U+200E, U+200F, U+061C,
//    U+202A-U+202E, U+2066-U+2069) so a subject cannot reorder the text
//    around it, and other invisible format characters (zero-width space,
//    word joiner, BOM, soft hyphen, ...). Zero-width (non-)joiners
//    U+200C/U+200D are kept only between two visible characters (emoji
//    sequences, Indic and Persian scripts need them); tag characters are kept
//    only inside an emoji tag sequence (subdivision flags);
//  - collapses every run of whitespace (incl. U+2028/U+2029, NBSP) into one
//    space and trims both ends;
//  - caps the result at maxLength grapheme clusters; a cut text ends with
//    "…" (which counts towards maxLength). maxLength < 1 means no cap.
QString sanitizeLine(const QString &text, int maxLength);

// Caps text (already sanitised) at maxLength grapheme clusters, ending a cut
// text with "…". Never splits a surrogate pair or a combining sequence.
QString elide(const QString &text, int maxLength);

// Escapes text for a notification body with the "body-markup" capability
// (a small subset of XML/HTML): & < > " and ' become entities.
QString escapeMarkup(const QString &text);

} // namespace ui
