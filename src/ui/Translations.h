#pragma once

#include <QStringList>

class QCoreApplication;

namespace ui {

// Installs on app the translations for the user's interface languages:
// Qt's own (qtbase_<lang>.qm from QLibraryInfo::TranslationsPath, for the
// standard buttons and dialogs) and Idlebell's (embedded by the build as
// :/i18n/idlebell_<lang>.qm). The languages are QLocale().uiLanguages(): the
// system locale as Qt reads it (LANGUAGE, then LC_ALL, LC_MESSAGES, LANG),
// unless QLocale::setDefault() picked another. The first language in that
// list that Idlebell has a catalogue for wins (LANGUAGE=fr:de gives French).
//
// Idlebell's English catalogue (plural forms only: "1 minute", "%n minutes")
// is always installed beneath, so English plurals are right in every language
// that has no catalogue of its own and for strings a catalogue lacks.
//
// Calling it again replaces the translators it installed before (a changed
// default locale, tests). Returns the catalogues it loaded, the one consulted
// first first (file names, resources as ":/i18n/..."), and logs them on
// idlebell.ui (debug).
QStringList installTranslators(QCoreApplication &app);

} // namespace ui
