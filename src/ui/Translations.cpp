#include "ui/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

#include <memory>
#include <vector>

namespace ui {

namespace {

Q_LOGGING_CATEGORY(lcTranslations, "idlebell.ui")

// Marks the translators installTranslators() owns, so that a second call
// finds and replaces them.
const char *const kTranslatorName = "idlebell-translator";

// Loads prefix_<lang>.qm from directory for the first of locale's UI
// languages that has one; null when none has.
std::unique_ptr<QTranslator> load(const QLocale &locale, const QString &prefix, const QString &directory)
{
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(locale, prefix, QStringLiteral("_"), directory))
        return nullptr;
    return translator;
}

std::unique_ptr<QTranslator> loadFile(const QString &path)
{
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(path))
        return nullptr;
    return translator;
}

} // namespace

QStringList installTranslators(QCoreApplication &app)
{
    const QList<QTranslator *> previous
        = app.findChildren<QTranslator *>(QLatin1String(kTranslatorName), Qt::FindDirectChildrenOnly);
    for (QTranslator *t : previous) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }

    const QLocale locale;
    const QString ours = QStringLiteral(":/i18n");
    // Installed last is consulted first: the English plurals go in first.
    std::vector<std::unique_ptr<QTranslator>> translators;
    std::unique_ptr<QTranslator> idlebell = load(locale, QStringLiteral("idlebell"), ours);
    const bool english = idlebell && idlebell->language().startsWith(QLatin1String("en"));
    if (!english) {
        if (auto plurals = loadFile(ours + QStringLiteral("/idlebell_en.qm")))
            translators.push_back(std::move(plurals));
        else
            qCWarning(lcTranslations) << "The English plural forms (:/i18n/idlebell_en.qm) are missing from the build";
    }
    // Qt's own strings in the language Idlebell speaks, else in the user's first.
    const QLocale qtLocale = idlebell ? QLocale(idlebell->language()) : locale;
    if (auto qt = load(qtLocale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        translators.push_back(std::move(qt));
    if (idlebell)
        translators.push_back(std::move(idlebell));

    QStringList loaded;
    for (auto &t : translators) {
        loaded.prepend(t->filePath());
        t->setObjectName(QLatin1String(kTranslatorName));
        QTranslator *raw = t.release();
        raw->setParent(&app);
        QCoreApplication::installTranslator(raw);
    }
    qCDebug(lcTranslations).noquote() << "UI languages" << locale.uiLanguages().join(QLatin1String(", "))
                                      << "- translations:"
                                      << (loaded.isEmpty() ? QStringLiteral("none") : loaded.join(QLatin1String(", ")));
    return loaded;
}

} // namespace ui
