#include "support/HeadlessIdlebell.h"

#include <QDeadlineTimer>
#include <QDebug>
#include <QJsonDocument>

#include <algorithm>
#include <csignal>

namespace testsupport {

HeadlessIdlebell::HeadlessIdlebell(const QString &config, const QProcessEnvironment &environment)
{
    m_process.setProgram(qEnvironmentVariable("IDLEBELL_BINARY"));
    m_process.setArguments({QStringLiteral("--headless"), QStringLiteral("--config"), config});
    m_process.setProcessEnvironment(environment);
    m_process.start();
}

HeadlessIdlebell::~HeadlessIdlebell()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool HeadlessIdlebell::started()
{
    return m_process.waitForStarted(5000);
}

std::optional<QJsonObject> HeadlessIdlebell::waitFor(const QString &event, const QString &key, const QString &value,
                                                     int ms)
{
    QDeadlineTimer deadline(ms);
    for (;;) {
        qsizetype &next = m_next[event + QLatin1Char('\n') + key + QLatin1Char('\n') + value];
        while (next < m_events.size()) {
            const QJsonObject o = m_events[next++];
            if (o.value(QStringLiteral("event")).toString() == event
                && (key.isEmpty() || o.value(key).toVariant().toString() == value))
                return o;
        }
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
            return std::nullopt;
        m_process.waitForReadyRead(int(std::max<qint64>(1, std::min<qint64>(200, deadline.remainingTime()))));
        readLines();
    }
}

void HeadlessIdlebell::readLines()
{
    m_stdout += m_process.readAllStandardOutput();
    m_stderr += m_process.readAllStandardError();
    qsizetype nl;
    while ((nl = m_stdout.indexOf('\n', m_parsed)) >= 0) {
        const QByteArray line = m_stdout.mid(m_parsed, nl - m_parsed);
        m_parsed = nl + 1;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject()) {
            qWarning() << "not a JSON line:" << line;
            ++m_badLines;
            continue;
        }
        m_events.append(doc.object());
    }
}

QList<QJsonObject> HeadlessIdlebell::eventsNamed(const QString &event) const
{
    QList<QJsonObject> out;
    for (const auto &o : m_events)
        if (o.value(QStringLiteral("event")).toString() == event)
            out << o;
    return out;
}

QStringList HeadlessIdlebell::subjectsOf(const QString &event) const
{
    QStringList out;
    for (const auto &o : eventsNamed(event))
        out << o.value(QStringLiteral("subject")).toString();
    return out;
}

void HeadlessIdlebell::killHard()
{
    ::kill(pid_t(m_process.processId()), SIGKILL);
    m_process.waitForFinished(5000);
    readLines();
}

int HeadlessIdlebell::terminate()
{
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(10000))
        return -1;
    readLines();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QString HeadlessIdlebell::describe() const
{
    return QStringLiteral("stdout:\n%1\nstderr (tail):\n%2")
        .arg(QString::fromUtf8(m_stdout), QString::fromUtf8(m_stderr.right(3000)));
}

} // namespace testsupport
