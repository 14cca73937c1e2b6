#pragma once

#include <QString>

#include <functional>

namespace testsupport {

class FakeTransport;
class ManualClock;

// Runs a KIMAP-style conversation script against a client that talks
// through a FakeTransport, in-process and deterministically:
//
//   S: * OK [CAPABILITY IMAP4rev1 IDLE AUTH=PLAIN] ready    server sends a line (CRLF added)
//   S: partial\c                                             ... without CRLF
//   C: A1 AUTHENTICATE PLAIN AHVzZXIAc2VjcmV0                the client must have sent exactly this line
//   C: A1 *                                                  '*' at the end matches any rest of line
//   X: accept                                                finish the TCP (and implicit TLS) connect
//   X: starttls                                              finish the STARTTLS handshake
//   X: advance 600000                                        move the manual clock (ms), firing timers
//   X: close                                                 the server closes the connection
//   X: fail refused|network|certificate|tls                  the transport reports an error
//   X: state idling                                          the client's state (see the provider) is this
//   X: silent                                                the client sent nothing not yet matched
//   X: connecting                                            the client is connecting (again)
//   # comment, blank lines ignored
//
// Escapes in S:/C: text: \r \n \t \\ \xHH. The client writes in response to
// what the script does synchronously, so a C: line checks what is already
// written; nothing waits on the wall clock.
class ScriptRunner
{
public:
    ScriptRunner(FakeTransport *transport, ManualClock *clock, std::function<QString()> stateProvider = {});

    bool run(const QString &script);
    QString error() const { return m_error; }

private:
    bool step(const QString &line, int number);
    bool nextClientLine(QByteArray *line);

    FakeTransport *m_transport;
    ManualClock *m_clock;
    std::function<QString()> m_state;
    QByteArray m_pendingWritten;
    QString m_error;
};

QByteArray unescape(const QString &text, bool *noNewline = nullptr);

} // namespace testsupport
