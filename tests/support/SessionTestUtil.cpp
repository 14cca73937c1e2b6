#include "support/SessionTestUtil.h"

#include "support/FaultProxy.h" // waitUntil

namespace testsupport {

using session::ImapSession;
using session::State;

void registerSessionMetaTypes()
{
    qRegisterMetaType<QList<session::MessageSummary>>();
    qRegisterMetaType<QList<imap::Uid>>();
    qRegisterMetaType<session::SessionError>();
    qRegisterMetaType<session::MailboxSnapshot>();
    qRegisterMetaType<session::MailboxState>();
    qRegisterMetaType<State>();
}

SessionRecorder::SessionRecorder(ImapSession *s)
    : m_states(s, &ImapSession::stateChanged)
    , m_errors(s, &ImapSession::errorOccurred)
    , m_messages(s, &ImapSession::newMessages)
{ }

QList<State> SessionRecorder::states() const
{
    QList<State> out;
    for (const auto &args : m_states)
        out << args.at(0).value<State>();
    return out;
}

QList<session::SessionError> SessionRecorder::errors() const
{
    QList<session::SessionError> out;
    for (const auto &args : m_errors)
        out << args.at(0).value<session::SessionError>();
    return out;
}

QList<session::MessageSummary> SessionRecorder::messages() const
{
    QList<session::MessageSummary> out;
    for (const auto &args : m_messages)
        out += args.at(0).value<QList<session::MessageSummary>>();
    return out;
}

QStringList SessionRecorder::subjects() const
{
    QStringList out;
    for (const auto &m : messages())
        out << m.subject;
    return out;
}

bool SessionRecorder::waitForErrors(int n, int ms)
{
    return waitUntil([&] { return m_errors.count() >= n; }, ms);
}

bool SessionRecorder::waitForSubject(const QString &subject, int ms)
{
    return waitUntil([&] { return subjects().contains(subject); }, ms);
}

QString SessionRecorder::describe() const
{
    QStringList parts;
    for (const auto &args : m_states)
        parts << session::stateName(args.at(0).value<State>());
    QStringList errs;
    for (const auto &e : errors())
        errs << QStringLiteral("%1 (retry %2 in %3 ms): %4")
                    .arg(session::errorKindName(e.kind))
                    .arg(e.willRetry)
                    .arg(e.retryIn.count())
                    .arg(e.message);
    return QStringLiteral("states: %1; errors: %2; subjects: %3")
        .arg(parts.join(QLatin1Char(' ')), errs.join(QStringLiteral(" | ")), subjects().join(QStringLiteral(", ")));
}

bool waitForState(ImapSession &s, State state, int ms)
{
    return waitUntil([&] { return s.state() == state; }, ms);
}

bool settle(ImapSession &s, const SessionRecorder &r, int ms)
{
    if (!waitForState(s, State::Idling, ms))
        return false;
    const int before = r.stateCount();
    s.checkNow();
    return waitUntil(
        [&] {
            const QList<State> states = r.states().mid(before);
            return states.contains(State::Syncing) && s.state() == State::Idling;
        },
        ms);
}

} // namespace testsupport
