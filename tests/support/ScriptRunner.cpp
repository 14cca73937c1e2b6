#include "support/ScriptRunner.h"

#include "support/FakeTransport.h"
#include "support/ManualClock.h"

#include <QStringList>

namespace testsupport {

QByteArray unescape(const QString &text, bool *noNewline)
{
    const QByteArray in = text.toUtf8();
    QByteArray out;
    if (noNewline)
        *noNewline = false;
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c != '\\' || i + 1 >= in.size()) {
            out += c;
            continue;
        }
        const char e = in[++i];
        switch (e) {
        case 'r':
            out += '\r';
            break;
        case 'n':
            out += '\n';
            break;
        case 't':
            out += '\t';
            break;
        case '\\':
            out += '\\';
            break;
        case 'c':
            if (i == in.size() - 1 && noNewline)
                *noNewline = true;
            break;
        case 'x':
            if (i + 2 < in.size()) {
                out += char(in.mid(i + 1, 2).toUInt(nullptr, 16));
                i += 2;
            }
            break;
        default:
            out += '\\';
            out += e;
        }
    }
    return out;
}

ScriptRunner::ScriptRunner(FakeTransport *transport, ManualClock *clock, std::function<QString()> stateProvider)
    : m_transport(transport)
    , m_clock(clock)
    , m_state(std::move(stateProvider))
{ }

bool ScriptRunner::run(const QString &script)
{
    m_error.clear();
    const QStringList lines = script.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')))
            continue;
        if (!step(trimmed, i + 1))
            return false;
    }
    return true;
}

bool ScriptRunner::nextClientLine(QByteArray *line)
{
    m_pendingWritten += m_transport->takeWritten();
    const qsizetype end = m_pendingWritten.indexOf("\r\n");
    if (end < 0)
        return false;
    *line = m_pendingWritten.left(end);
    m_pendingWritten.remove(0, end + 2);
    return true;
}

bool ScriptRunner::step(const QString &line, int number)
{
    const QString where = QStringLiteral("script line %1 (%2): ").arg(number).arg(line);
    const QString kind = line.left(2);
    const QString rest = line.mid(2).trimmed();
    if (kind == QLatin1String("S:")) {
        bool noNewline = false;
        QByteArray bytes = unescape(line.mid(3), &noNewline);
        if (!noNewline)
            bytes += "\r\n";
        if (!m_transport->isOpen()) {
            m_error = where + QStringLiteral("the connection is not open");
            return false;
        }
        m_transport->serverSend(bytes);
        return true;
    }
    if (kind == QLatin1String("C:")) {
        QByteArray expected = unescape(line.mid(3));
        QByteArray got;
        if (!nextClientLine(&got)) {
            m_error = where
                + QStringLiteral("the client sent nothing (pending: \"%1\")").arg(QString::fromUtf8(m_pendingWritten));
            return false;
        }
        bool ok = got == expected;
        if (!ok && expected.endsWith('*'))
            ok = got.startsWith(expected.chopped(1));
        if (!ok) {
            m_error = where + QStringLiteral("the client sent \"%1\"").arg(QString::fromUtf8(got));
            return false;
        }
        return true;
    }
    if (kind != QLatin1String("X:")) {
        m_error = where + QStringLiteral("unknown line kind");
        return false;
    }
    const QStringList words = rest.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QString verb = words.value(0);
    if (verb == QLatin1String("accept")) {
        if (!m_transport->isConnecting()) {
            m_error = where + QStringLiteral("the client is not connecting");
            return false;
        }
        m_transport->accept();
    } else if (verb == QLatin1String("starttls")) {
        if (!m_transport->tlsRequested()) {
            m_error = where + QStringLiteral("the client did not start TLS");
            return false;
        }
        m_transport->completeTls();
    } else if (verb == QLatin1String("close")) {
        m_transport->serverClose();
    } else if (verb == QLatin1String("advance")) {
        m_clock->advance(words.value(1).toLongLong());
    } else if (verb == QLatin1String("fail")) {
        session::TransportError e;
        const QString what = words.value(1);
        if (what == QLatin1String("refused"))
            e.kind = session::TransportError::Kind::ConnectionRefused;
        else if (what == QLatin1String("certificate"))
            e.kind = session::TransportError::Kind::Certificate;
        else if (what == QLatin1String("tls"))
            e.kind = session::TransportError::Kind::Tls;
        else
            e.kind = session::TransportError::Kind::Network;
        e.message = QStringLiteral("scripted %1 failure").arg(what);
        if (e.kind == session::TransportError::Kind::Certificate)
            e.certificateSha256 = "ab12";
        m_transport->failWith(e);
    } else if (verb == QLatin1String("state")) {
        const QString got = m_state ? m_state() : QString();
        if (got != words.value(1)) {
            m_error = where + QStringLiteral("the state is %1").arg(got);
            return false;
        }
    } else if (verb == QLatin1String("silent")) {
        m_pendingWritten += m_transport->takeWritten();
        if (!m_pendingWritten.isEmpty()) {
            m_error = where + QStringLiteral("the client sent \"%1\"").arg(QString::fromUtf8(m_pendingWritten));
            return false;
        }
    } else if (verb == QLatin1String("connecting")) {
        if (!m_transport->isConnecting()) {
            m_error = where + QStringLiteral("the client is not connecting");
            return false;
        }
    } else {
        m_error = where + QStringLiteral("unknown action");
        return false;
    }
    return true;
}

} // namespace testsupport
