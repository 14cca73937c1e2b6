#include "support/LogCapture.h"

#include <QMutex>
#include <QMutexLocker>

namespace testsupport {

namespace {

QBasicMutex g_mutex;                   // guards g_current and what the captures collect
LogCapture *g_current = nullptr;       // the innermost capture
QtMessageHandler g_previous = nullptr; // the handler before the outermost one

} // namespace

LogCapture::LogCapture(const QByteArray &category, Forward forward)
    : m_category(category)
    , m_forward(forward)
{
    QMutexLocker lock(&g_mutex);
    m_outer = g_current;
    g_current = this;
    if (!m_outer)
        g_previous = qInstallMessageHandler(&LogCapture::handler);
}

LogCapture::~LogCapture()
{
    QMutexLocker lock(&g_mutex);
    g_current = m_outer;
    if (!m_outer)
        qInstallMessageHandler(g_previous);
}

void LogCapture::handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray category(context.category ? context.category : "");
    QtMessageHandler passOn = nullptr;
    {
        QMutexLocker lock(&g_mutex);
        LogCapture *c = g_current;
        for (; c; c = c->m_outer) {
            if (!c->m_category.isEmpty() && c->m_category != category)
                continue; // not this one's business
            c->m_lines << message;
            c->m_tagged << category + ": " + message.toUtf8();
            if (c->m_forward == Forward::No)
                break;
        }
        if (!c)
            passOn = g_previous;
    }
    if (passOn)
        passOn(type, context, message);
}

QStringList LogCapture::lines() const
{
    QMutexLocker lock(&g_mutex);
    return m_lines;
}

QByteArray LogCapture::all() const
{
    QMutexLocker lock(&g_mutex);
    return m_tagged.join('\n');
}

int LogCapture::count() const
{
    QMutexLocker lock(&g_mutex);
    return int(m_lines.size());
}

} // namespace testsupport
