#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <functional>
#include <optional>

class QTcpServer;
class QTcpSocket;

namespace testsupport {

// A fault-injecting TCP proxy for tests, in-process: it listens on 127.0.0.1
// (port 0, so the kernel picks one) and forwards every accepted connection to
// a target host:port (Dovecot). The session under test connects to host():port()
// instead of the server. It forwards bytes as they are, so TLS goes through it
// untouched; the fixture certificate carries IP:127.0.0.1, so a session that
// connects to 127.0.0.1 still verifies it (or pin certSha256()).
//
//   FaultProxy proxy(m_dovecot->host(), m_dovecot->imapsPort());
//   QVERIFY(proxy.listen());
//   config.host = proxy.host(); config.port = proxy.port();
//   ... idling ...
//   proxy.setMode(FaultProxy::Mode::BlackHole);   // the link dies silently
//
// Modes, switchable at any time, for the whole proxy (setMode: every open
// connection and the ones accepted later) or for one connection
// (setConnectionMode):
//   Pass          forward at once
//   Delay         forward each chunk `delay` later, both directions, order kept
//   Fragment      forward byte by byte, each byte in its own write (TCP_NODELAY)
//                 with `fragmentGap` between bytes, both directions
//   CutRst        abort both sides with a TCP RST (SO_LINGER 0, close) at once;
//                 a connection accepted later is reset at once
//   CloseFin      close the client side gracefully (FIN) and the server side too;
//                 a connection accepted later is closed at once (before the greeting)
//   BlackHole     forward nothing in either direction (what arrives is dropped),
//                 keep both sockets open: no FIN, no RST; a server close is not
//                 passed on either. A dead NAT or a cable pulled out somewhere.
//                 Going back to Pass does not revive what was dropped.
//   HoldGreeting  the client's bytes still reach the server, the server's bytes
//                 are held (not dropped): a server that accepted the connection
//                 but never sends its greeting, or never answers; held bytes go
//                 out when the connection passes again
//   Refuse        stop listening: new connections are refused by the kernel
//                 (ECONNREFUSED, a server that is down); open connections pass.
//                 Listening starts again, on the same port, with any other mode.
//
// A connection accepted under CutRst or CloseFin is cut once the client has
// sent something or 50 ms after accepting, whichever comes first: a RST that
// overtakes the client's own view of the finished TCP handshake leaves a
// QAbstractSocket in ConnectingState for good (it does not handle
// ECONNRESET from connect()), which would test Qt rather than the session.
//
// Waiting: QTest::qWait / qWaitFor sleep 10 ms between event-loop rounds, so
// while a test waits with them the proxy's timers (Fragment gaps, Delay) only
// fire every 10 ms. waitUntil() below runs a real event loop instead.
// Because the proxy's own kernel ACKs everything on loopback, TCP keepalive
// cannot see a black hole made here: the session finds it through its own
// timeouts (IDLE refresh + DONE timeout, connect timeout).
//
// If the target refuses the connection (server down), the client is reset
// (RST), as close as a proxy gets to "connection refused".
class FaultProxy : public QObject
{
    Q_OBJECT
public:
    enum class Mode {
        Pass,
        Delay,
        Fragment,
        CutRst,
        CloseFin,
        BlackHole,
        HoldGreeting,
        Refuse,
    };
    Q_ENUM(Mode)

    FaultProxy(QString targetHost, quint16 targetPort, QObject *parent = nullptr);
    ~FaultProxy() override;

    // Listens on 127.0.0.1, port 0. False with errorString() on failure.
    bool listen();
    QString errorString() const { return m_error; }
    QString host() const { return QStringLiteral("127.0.0.1"); }
    quint16 port() const;

    // The whole proxy: applies to every open connection at once and to those
    // accepted later. setConnectionMode() overrides it for one connection
    // until the next setMode().
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void setDelay(std::chrono::milliseconds delay) { m_delay = delay; }
    std::chrono::milliseconds delay() const { return m_delay; }
    void setFragmentGap(std::chrono::milliseconds gap) { m_fragmentGap = gap; }
    // Shorthands.
    void setDelayMode(std::chrono::milliseconds delay)
    {
        setDelay(delay);
        setMode(Mode::Delay);
    }

    // One connection, by index in accepting order (0 = the first ever). False
    // if that connection is gone.
    bool setConnectionMode(int index, Mode mode);
    std::optional<Mode> connectionMode(int index) const;

    // One-shot actions on the connections open now; the mode stays as it is
    // (so a session that reconnects gets through when the mode is Pass).
    void resetAll(); // RST both sides
    void closeAll(); // FIN both sides

    // Counters since construction.
    int acceptedCount() const { return m_accepted; }
    int openCount() const;
    qint64 bytesToServer() const { return m_bytesToServer; }
    qint64 bytesToClient() const { return m_bytesToClient; }

    // Waits (bounded, running the event loop: waitUntil) until `count`
    // connections in all were accepted. waitForNextConnection: one more than now.
    bool waitForConnections(int count, int timeoutMs);
    bool waitForNextConnection(int timeoutMs) { return waitForConnections(m_accepted + 1, timeoutMs); }

Q_SIGNALS:
    void connectionAccepted(int index);
    void connectionClosed(int index);

private:
    class Connection;
    friend class Connection;

    void onNewConnection();
    bool startListening(quint16 port);
    Mode effectiveMode(const Connection *c) const;

    QString m_targetHost;
    quint16 m_targetPort;
    QTcpServer *m_server;
    QString m_error;
    quint16 m_port = 0; // kept while refusing
    Mode m_mode = Mode::Pass;
    std::chrono::milliseconds m_delay{50};
    std::chrono::milliseconds m_fragmentGap{1};
    QList<QPointer<Connection>> m_connections; // by index; null when gone
    int m_accepted = 0;
    qint64 m_bytesToServer = 0;
    qint64 m_bytesToClient = 0;
};

// Like QTest::qWaitFor, but runs a real QEventLoop (checking `condition`
// every few milliseconds), so that timers fire on time while waiting. True as
// soon as condition() is; false after timeoutMs. condition() is called once
// more at the end: keep it free of side effects (or idempotent).
bool waitUntil(const std::function<bool()> &condition, int timeoutMs);

} // namespace testsupport
