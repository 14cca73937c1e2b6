#pragma once

#include "session/ImapSession.h"

#include <QList>
#include <QSignalSpy>
#include <QString>
#include <QStringList>

namespace testsupport {

// Bounded waits on a session against a real server (Dovecot answers in ~0.5 s).
constexpr int SessionWaitMs = 15000;

// Registers the session types that travel in queued signals and QSignalSpy
// (QList<MessageSummary>, QList<imap::Uid>, SessionError, MailboxSnapshot,
// MailboxState, State). For initTestCase().
void registerSessionMetaTypes();

// Everything one ImapSession said (states, errors, new messages), for
// assertions and for failure messages. Construct it before start().
class SessionRecorder
{
public:
    explicit SessionRecorder(session::ImapSession *s);

    QList<session::State> states() const;
    QList<session::SessionError> errors() const;
    QList<session::MessageSummary> messages() const;
    QStringList subjects() const;
    int errorCount() const { return int(m_errors.count()); }
    int stateCount() const { return int(m_states.count()); }
    bool waitForErrors(int n, int ms = SessionWaitMs);
    bool waitForSubject(const QString &subject, int ms = SessionWaitMs);
    // One line for failure messages: "states: ...; errors: ...; subjects: ...".
    QString describe() const;

private:
    QSignalSpy m_states;
    QSignalSpy m_errors;
    QSignalSpy m_messages;
};

// Waits (running the event loop: waitUntil) until the session is in `state`.
bool waitForState(session::ImapSession &s, session::State state, int ms = SessionWaitMs);

// Proves that nothing more is pending without sleeping: a full sync (what a
// reconnect does too) runs and the session is back in IDLE. A message that
// was going to be reported twice would be reported by then.
bool settle(session::ImapSession &s, const SessionRecorder &r, int ms = SessionWaitMs);

} // namespace testsupport
