#include "support/FaultProxy.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <deque>

#include <sys/socket.h>

namespace testsupport {

namespace {

qint64 nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Close with a TCP RST instead of a FIN: SO_LINGER on with a zero timeout,
// then close the descriptor (QAbstractSocket::abort closes without shutdown()).
void resetSocket(QTcpSocket *socket)
{
    if (!socket)
        return;
    const qintptr fd = socket->socketDescriptor();
    if (fd >= 0) {
        const linger l{1, 0};
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &l, sizeof l);
    }
    socket->abort();
}

} // namespace

// One accepted connection: the client's socket, the socket to the target,
// and a queue per direction.
class FaultProxy::Connection : public QObject
{
public:
    enum class Direction { ToServer, ToClient };

    Connection(FaultProxy *proxy, int index, QTcpSocket *client)
        : QObject(proxy)
        , m_proxy(proxy)
        , m_index(index)
        , m_client(client)
    {
        m_client->setParent(this);
        m_client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        for (Pipe *p : {&m_toServer, &m_toClient}) {
            p->timer = new QTimer(this);
            p->timer->setSingleShot(true);
            p->timer->setTimerType(Qt::PreciseTimer);
        }
        connect(m_toServer.timer, &QTimer::timeout, this, [this] { pump(Direction::ToServer); });
        connect(m_toClient.timer, &QTimer::timeout, this, [this] { pump(Direction::ToClient); });
        connect(m_client, &QTcpSocket::readyRead, this, [this] { onReadable(Direction::ToServer); });
        connect(m_client, &QTcpSocket::disconnected, this, &Connection::onClientGone);
        connect(m_client, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            if (m_client->state() != QAbstractSocket::ConnectedState)
                onClientGone();
        });
    }

    int index() const { return m_index; }
    std::optional<Mode> override() const { return m_override; }
    void setOverride(std::optional<Mode> mode) { m_override = mode; }

    // Called once, right after accepting, with the mode in force then.
    void begin()
    {
        const Mode mode = m_proxy->effectiveMode(this);
        if (mode == Mode::CutRst || mode == Mode::CloseFin) {
            // Not at once: see the header (a RST before the client saw its
            // connect finish leaves QAbstractSocket connecting for ever).
            m_cutPending = true;
            QTimer::singleShot(50, this, [this] { cutIfPending(); });
            return;
        }
        if (mode == Mode::BlackHole)
            return; // the SYN "never reached" the server: no upstream at all
        connectUpstream();
    }

    // The mode changed: act on it.
    void apply()
    {
        if (m_finished)
            return;
        switch (m_proxy->effectiveMode(this)) {
        case Mode::CutRst:
            reset();
            return;
        case Mode::CloseFin:
            closeGracefully();
            return;
        case Mode::BlackHole:
            // In flight is lost too.
            m_toServer.queue.clear();
            m_toClient.queue.clear();
            return;
        case Mode::Pass:
        case Mode::Delay:
        case Mode::Fragment:
        case Mode::HoldGreeting:
        case Mode::Refuse:
            if (m_cutPending) {
                cutIfPending();
                return;
            }
            pump(Direction::ToServer);
            pump(Direction::ToClient);
            return;
        }
    }

    void cutIfPending()
    {
        if (!m_cutPending)
            return;
        m_cutPending = false;
        const Mode mode = m_proxy->effectiveMode(this);
        if (mode == Mode::CutRst || mode == Mode::CloseFin)
            apply();
        else if (mode != Mode::BlackHole)
            connectUpstream(); // the mode changed meanwhile: a normal connection after all
    }

    void reset()
    {
        if (m_finished)
            return;
        finish();
        resetSocket(m_client);
        resetSocket(m_server);
        maybeDelete();
    }

    void closeGracefully()
    {
        if (m_finished)
            return;
        finish();
        m_client->disconnectFromHost();
        if (m_server)
            m_server->disconnectFromHost();
        maybeDelete();
    }

private:
    struct Chunk
    {
        qint64 due = 0;
        QByteArray bytes;
        bool fragment = false;
    };
    struct Pipe
    {
        std::deque<Chunk> queue;
        QTimer *timer = nullptr;
        bool sourceClosed = false; // close the destination once the queue is empty
    };

    Pipe &pipe(Direction d) { return d == Direction::ToServer ? m_toServer : m_toClient; }
    QTcpSocket *source(Direction d) const { return d == Direction::ToServer ? m_client : m_server; }
    QTcpSocket *destination(Direction d) const { return d == Direction::ToServer ? m_server : m_client; }

    void connectUpstream()
    {
        m_server = new QTcpSocket(this);
        connect(m_server, &QTcpSocket::connected, this, [this] {
            // No Nagle: a fragment is a segment of its own (set once the
            // socket exists).
            m_server->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            pump(Direction::ToServer);
        });
        connect(m_server, &QTcpSocket::readyRead, this, [this] { onReadable(Direction::ToClient); });
        connect(m_server, &QTcpSocket::disconnected, this, &Connection::onServerGone);
        connect(m_server, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
            if (error == QAbstractSocket::ConnectionRefusedError || error == QAbstractSocket::HostNotFoundError
                || error == QAbstractSocket::SocketTimeoutError) {
                // The server is not there: the client sees a reset, the
                // nearest a proxy gets to "connection refused".
                reset();
                return;
            }
            if (m_server->state() != QAbstractSocket::ConnectedState)
                onServerGone();
        });
        m_server->connectToHost(m_proxy->m_targetHost, m_proxy->m_targetPort);
    }

    void onReadable(Direction d)
    {
        QTcpSocket *from = source(d);
        if (!from)
            return;
        const QByteArray bytes = from->readAll();
        if (bytes.isEmpty() || m_finished)
            return;
        if (m_cutPending) {
            cutIfPending(); // the client is surely connected now
            if (m_finished || !m_server)
                return;
        }
        enqueue(d, bytes);
        if (!pipe(d).timer->isActive()) // else the timer pumps, in order, keeping the gaps
            pump(d);
    }

    void enqueue(Direction d, const QByteArray &bytes)
    {
        Pipe &p = pipe(d);
        Chunk chunk;
        chunk.bytes = bytes;
        chunk.due = nowMs();
        switch (m_proxy->effectiveMode(this)) {
        case Mode::BlackHole:
        case Mode::CutRst:
        case Mode::CloseFin:
            return; // dropped
        case Mode::Delay:
            chunk.due += m_proxy->m_delay.count();
            break;
        case Mode::Fragment:
            chunk.fragment = true;
            break;
        case Mode::Pass:
        case Mode::HoldGreeting:
        case Mode::Refuse:
            break;
        }
        p.queue.push_back(chunk);
    }

    void pump(Direction d)
    {
        if (m_finished)
            return;
        Pipe &p = pipe(d);
        QTcpSocket *to = destination(d);
        if (!to || to->state() != QAbstractSocket::ConnectedState)
            return; // the upstream is still connecting: it pumps when connected
        const Mode mode = m_proxy->effectiveMode(this);
        if (mode == Mode::BlackHole) {
            p.queue.clear();
            return;
        }
        if (mode == Mode::HoldGreeting && d == Direction::ToClient)
            return; // held
        qint64 &counter = d == Direction::ToServer ? m_proxy->m_bytesToServer : m_proxy->m_bytesToClient;
        const qint64 now = nowMs();
        while (!p.queue.empty()) {
            Chunk &head = p.queue.front();
            if (head.due > now) {
                p.timer->start(int(head.due - now));
                return;
            }
            if (head.fragment) {
                to->write(head.bytes.constData(), 1);
                to->flush();
                ++counter;
                head.bytes.remove(0, 1);
                if (head.bytes.isEmpty())
                    p.queue.pop_front();
                if (!p.queue.empty() || p.sourceClosed) {
                    p.timer->start(int(m_proxy->m_fragmentGap.count()));
                    return;
                }
                continue;
            }
            to->write(head.bytes);
            to->flush();
            counter += head.bytes.size();
            p.queue.pop_front();
        }
        if (p.sourceClosed)
            to->disconnectFromHost();
    }

    void onClientGone()
    {
        if (m_clientGone)
            return;
        m_clientGone = true;
        if (!m_finished) {
            // Whatever the mode: nobody is left to talk to, so the server goes
            // too (a dead NAT would keep it, but Dovecot's per-user connection
            // limit would fill up with them). What the client sent last still
            // reaches it unless the link is dead.
            const Mode mode = m_proxy->effectiveMode(this);
            if (m_server && m_server->state() == QAbstractSocket::ConnectedState && mode != Mode::BlackHole) {
                const QByteArray rest = m_client->readAll();
                if (!rest.isEmpty())
                    m_toServer.queue.push_back(Chunk{0, rest, false});
                for (const Chunk &chunk : m_toServer.queue) {
                    m_server->write(chunk.bytes);
                    m_proxy->m_bytesToServer += chunk.bytes.size();
                }
                m_toServer.queue.clear();
                finish();
                m_server->disconnectFromHost();
            } else {
                finish();
                if (m_server)
                    m_server->abort();
            }
        }
        maybeDelete();
    }

    void onServerGone()
    {
        if (m_serverGone)
            return;
        m_serverGone = true;
        if (!m_finished) {
            const QByteArray rest = m_server->readAll();
            if (!rest.isEmpty())
                enqueue(Direction::ToClient, rest);
            if (m_proxy->effectiveMode(this) != Mode::BlackHole) {
                m_toClient.sourceClosed = true;
                pump(Direction::ToClient);
            }
            // BlackHole: the client never hears of it.
        }
        maybeDelete();
    }

    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        m_toServer.queue.clear();
        m_toClient.queue.clear();
        m_toServer.timer->stop();
        m_toClient.timer->stop();
        Q_EMIT m_proxy->connectionClosed(m_index);
    }

    void maybeDelete()
    {
        const bool clientDone = m_client->state() == QAbstractSocket::UnconnectedState;
        const bool serverDone = !m_server || m_server->state() == QAbstractSocket::UnconnectedState;
        if (m_finished && clientDone && serverDone)
            deleteLater();
    }

    FaultProxy *m_proxy;
    int m_index;
    QTcpSocket *m_client;
    QTcpSocket *m_server = nullptr;
    Pipe m_toServer;
    Pipe m_toClient;
    std::optional<Mode> m_override;
    bool m_cutPending = false; // accepted under CutRst / CloseFin, cut soon
    bool m_finished = false;   // no more forwarding; sockets may still be flushing a FIN
    bool m_clientGone = false;
    bool m_serverGone = false;
};

FaultProxy::FaultProxy(QString targetHost, quint16 targetPort, QObject *parent)
    : QObject(parent)
    , m_targetHost(std::move(targetHost))
    , m_targetPort(targetPort)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy()
{
    // Close what is left quietly (no signals into a half-destroyed proxy).
    for (const auto &c : std::as_const(m_connections))
        if (c) {
            c->disconnect();
            for (QTcpSocket *s : c->findChildren<QTcpSocket *>()) {
                s->disconnect();
                s->abort();
            }
        }
}

bool FaultProxy::listen()
{
    return startListening(0);
}

bool FaultProxy::startListening(quint16 port)
{
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        m_error = m_server->errorString();
        qWarning() << "FaultProxy: cannot listen on 127.0.0.1 port" << port << ":" << m_error;
        return false;
    }
    m_port = m_server->serverPort();
    return true;
}

quint16 FaultProxy::port() const
{
    return m_port;
}

FaultProxy::Mode FaultProxy::effectiveMode(const Connection *c) const
{
    return c && c->override() ? *c->override() : m_mode;
}

void FaultProxy::setMode(Mode mode)
{
    if (mode == Mode::Refuse && m_server->isListening())
        m_server->close();
    else if (mode != Mode::Refuse && !m_server->isListening() && m_port != 0)
        startListening(m_port);
    m_mode = mode;
    const auto connections = m_connections;
    for (const auto &c : connections)
        if (c) {
            c->setOverride(std::nullopt);
            c->apply();
        }
}

bool FaultProxy::setConnectionMode(int index, Mode mode)
{
    if (index < 0 || index >= m_connections.size() || !m_connections[index])
        return false;
    m_connections[index]->setOverride(mode);
    m_connections[index]->apply();
    return true;
}

std::optional<FaultProxy::Mode> FaultProxy::connectionMode(int index) const
{
    if (index < 0 || index >= m_connections.size() || !m_connections[index])
        return std::nullopt;
    return effectiveMode(m_connections[index]);
}

void FaultProxy::resetAll()
{
    const auto connections = m_connections;
    for (const auto &c : connections)
        if (c)
            c->reset();
}

void FaultProxy::closeAll()
{
    const auto connections = m_connections;
    for (const auto &c : connections)
        if (c)
            c->closeGracefully();
}

int FaultProxy::openCount() const
{
    int n = 0;
    for (const auto &c : m_connections)
        n += c ? 1 : 0;
    return n;
}

bool FaultProxy::waitForConnections(int count, int timeoutMs)
{
    return waitUntil([&] { return m_accepted >= count; }, timeoutMs);
}

bool waitUntil(const std::function<bool()> &condition, int timeoutMs)
{
    if (condition())
        return true;
    QEventLoop loop;
    QTimer check;
    check.setInterval(5);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (condition())
            loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    check.start();
    deadline.start(timeoutMs);
    loop.exec();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return condition();
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        const int index = m_accepted++;
        auto *c = new Connection(this, index, socket);
        m_connections.append(c);
        Q_EMIT connectionAccepted(index);
        c->begin();
    }
}

} // namespace testsupport
