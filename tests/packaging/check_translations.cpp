// idlebell_check_translations TS_FILE...
//
// Fails (exit 1) when a .ts file has a message without a finished
// translation, or a translation that loses or invents a placeholder (%1..%99,
// %n, also as %L1 / %Ln) or a keyboard accelerator (&). Numerus messages are
// checked form by form. Messages lupdate marked vanished or obsolete are
// ignored. Used by the test i18n.complete on fresh lupdate copies of
// translations/*.ts (tests/packaging/i18n-complete.sh).

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>
#include <QXmlStreamReader>

#include <cstdio>

namespace {

struct Message
{
    QString context;
    QString source;
    QString comment;
    QStringList locations; // file:line
    bool numerus = false;
    QString type;      // translation type: "", "unfinished", "vanished", "obsolete"
    QStringList forms; // the translation, or the numerus forms
};

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?([1-9][0-9]?|n)"));
    QSet<QString> out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out.insert(QLatin1Char('%') + it.next().captured(1));
    return out;
}

// True when text has a keyboard accelerator: '&' before a character that is
// neither '&' (a literal ampersand) nor a space.
bool hasAccelerator(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        const QChar next = text.at(i + 1);
        if (next == u'&') {
            ++i;
            continue;
        }
        if (!next.isSpace())
            return true;
    }
    return false;
}

QString sorted(const QSet<QString> &set)
{
    QStringList list(set.begin(), set.end());
    list.sort();
    return list.isEmpty() ? QStringLiteral("none") : list.join(QLatin1Char(' '));
}

QString oneLine(QString text)
{
    text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return text;
}

bool readTs(const QString &path, QString *language, QList<Message> *messages, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    const QDir base = QFileInfo(path).absoluteDir();
    QXmlStreamReader xml(&file);
    QString context;
    QString lastFile;
    QHash<QString, int> lastLine;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const QStringView name = xml.name();
        if (name == u"TS") {
            *language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == u"context") {
            context.clear();
        } else if (name == u"name") {
            context = xml.readElementText();
        } else if (name == u"message") {
            m = Message();
            m.context = context;
            m.numerus = xml.attributes().value(QLatin1String("numerus")) == u"yes";
        } else if (name == u"location") {
            // As lupdate reads them: no filename means the last one named; a
            // line of +N / -N is relative to the last line in that file.
            QString file = xml.attributes().value(QLatin1String("filename")).toString();
            if (file.isEmpty())
                file = lastFile;
            else
                lastFile = file;
            const QString text = xml.attributes().value(QLatin1String("line")).toString();
            int line = text.toInt();
            if (text.startsWith(u'+') || text.startsWith(u'-'))
                line = (lastLine[file] += line);
            m.locations << QDir::cleanPath(base.absoluteFilePath(file)) + QLatin1Char(':') + QString::number(line);
        } else if (name == u"source") {
            m.source = xml.readElementText();
        } else if (name == u"comment") {
            m.comment = xml.readElementText();
        } else if (name == u"translation") {
            m.type = xml.attributes().value(QLatin1String("type")).toString();
            if (!m.numerus) {
                m.forms << xml.readElementText();
            } else {
                while (xml.readNextStartElement()) {
                    if (xml.name() == u"numerusform")
                        m.forms << xml.readElementText();
                    else
                        xml.skipCurrentElement();
                }
            }
            messages->append(m);
        }
    }
    if (xml.hasError()) {
        *error = QStringLiteral("line %1: %2").arg(xml.lineNumber()).arg(xml.errorString());
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList files = app.arguments().mid(1);
    QString root; // locations are shown relative to it
    if (files.size() >= 2 && files.first() == QLatin1String("--root")) {
        root = files.at(1);
        files = files.mid(2);
    }
    if (files.isEmpty()) {
        std::fprintf(stderr, "usage: idlebell_check_translations [--root DIR] TS_FILE...\n");
        return 2;
    }
    const QDir rootDir(root);

    int failures = 0;
    for (const QString &path : files) {
        QString language, error;
        QList<Message> messages;
        if (!readTs(path, &language, &messages, &error)) {
            std::printf("%s: cannot be read: %s\n", qPrintable(path), qPrintable(error));
            ++failures;
            continue;
        }
        const QString name = QFileInfo(path).fileName();
        int checked = 0;
        QStringList problems;
        for (const Message &m : std::as_const(messages)) {
            if (m.type == u"vanished" || m.type == u"obsolete")
                continue;
            ++checked;
            QStringList why;
            bool empty = m.forms.isEmpty();
            for (const QString &f : m.forms)
                empty = empty || f.isEmpty();
            if (m.type == u"unfinished" || empty) {
                why << QStringLiteral("not translated");
            } else {
                const QSet<QString> want = placeholders(m.source);
                const bool accel = hasAccelerator(m.source);
                for (qsizetype i = 0; i < m.forms.size(); ++i) {
                    const QString form = m.numerus ? QStringLiteral("form %1: ").arg(i + 1) : QString();
                    const QSet<QString> got = placeholders(m.forms.at(i));
                    if (got != want)
                        why << QStringLiteral("%1placeholders %2, the source has %3")
                                   .arg(form, sorted(got), sorted(want));
                    if (hasAccelerator(m.forms.at(i)) != accel)
                        why << QStringLiteral("%1%2").arg(
                            form,
                            accel ? QStringLiteral("the accelerator (&) is missing")
                                  : QStringLiteral("an accelerator (&) the source has not"));
                }
            }
            if (why.isEmpty())
                continue;
            QStringList where;
            for (const QString &l : m.locations)
                where << (root.isEmpty() ? l : rootDir.relativeFilePath(l));
            problems << QStringLiteral("  [%1] \"%2\"%3%4: %5")
                            .arg(m.context, oneLine(m.source),
                                 m.comment.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m.comment),
                                 where.isEmpty() ? QString() : QStringLiteral(" at ") + where.join(QLatin1String(", ")),
                                 why.join(QLatin1String("; ")));
        }
        std::printf("%s (%s): %d strings, %d with problems\n", qPrintable(name), qPrintable(language), checked,
                    int(problems.size()));
        for (const QString &p : std::as_const(problems))
            std::printf("%s\n", qPrintable(p));
        failures += int(problems.size());
    }
    if (failures > 0) {
        std::printf("\nTranslate these in translations/*.ts: run scripts/update-translations.sh, then edit the "
                    "files (Qt Linguist or by hand) and commit them.\n");
        return 1;
    }
    return 0;
}
