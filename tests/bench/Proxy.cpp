#include "Proxy.h"

#include "BenchUtil.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bench {

namespace {

struct Chunk
{
    int64_t releaseNs;
    std::string data;
    size_t offset = 0;
    long mark = -1; // index into marks, to stamp forwardedNs
};

struct Direction
{
    int from = -1, to = -1;
    std::deque<Chunk> queue;
    bool eof = false;      // no more to read
    bool shutDown = false; // write side of `to` shut down
    std::string tail;      // last bytes, so a pattern split over two reads is seen
};

struct Conn
{
    int id = 0;
    int client = -1, server = -1;
    Direction up, down; // up: client -> server, down: server -> client
    bool dead = false;
};

void setFast(int fd)
{
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

} // namespace

Proxy::Proxy(std::string targetHost, int targetPort, int64_t delayNsEachWay)
    : m_host(std::move(targetHost))
    , m_targetPort(targetPort)
    , m_delayNs(delayNsEachWay)
{ }

Proxy::~Proxy()
{
    stop();
}

bool Proxy::start()
{
    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(m_listen, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(m_listen, 512) != 0)
        return false;
    socklen_t len = sizeof a;
    ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&a), &len);
    m_port = ntohs(a.sin_port);
    if (::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0)
        return false;
    m_thread = std::thread([this] { run(); });
    return true;
}

void Proxy::stop()
{
    if (m_thread.joinable()) {
        m_stop = true;
        [[maybe_unused]] const ssize_t n = ::write(m_wake[1], "x", 1);
        m_thread.join();
    }
    for (int *fd : {&m_listen, &m_wake[0], &m_wake[1]}) {
        if (*fd >= 0)
            ::close(*fd);
        *fd = -1;
    }
}

std::vector<Proxy::Mark> Proxy::marks() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_marks;
}

void Proxy::resetCounters()
{
    m_toClient = 0;
    m_toServer = 0;
}

void Proxy::run()
{
    std::vector<std::unique_ptr<Conn>> conns;
    int nextId = 0;
    sockaddr_in target{};
    target.sin_family = AF_INET;
    target.sin_port = htons(uint16_t(m_targetPort));
    ::inet_pton(AF_INET, m_host.c_str(), &target.sin_addr);

    auto readSide = [&](Conn &c, Direction &d, bool fromServer) {
        char buf[65536];
        for (int rounds = 0; rounds < 64; ++rounds) {
            const ssize_t n = ::recv(d.from, buf, sizeof buf, 0);
            if (n == 0) {
                d.eof = true;
                return;
            }
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                if (errno != EAGAIN)
                    c.dead = true;
                return;
            }
            const int64_t now = monoNs();
            m_lastTraffic = now;
            m_inFlight++;
            Chunk chunk{now + m_delayNs, std::string(buf, size_t(n))};
            (fromServer ? m_toClient : m_toServer) += uint64_t(n);
            if (fromServer) {
                const std::string hay = d.tail + chunk.data;
                Mark m;
                m.connection = c.id;
                m.receivedNs = now;
                m.exists = hay.find(" EXISTS\r\n") != std::string::npos;
                m.fetch = hay.find(" FETCH (") != std::string::npos;
                m.idling = hay.find("+ idling") != std::string::npos;
                if (m.exists || m.fetch || m.idling) {
                    std::lock_guard<std::mutex> lock(m_mutex);
                    chunk.mark = long(m_marks.size());
                    m_marks.push_back(m);
                }
                d.tail = hay.size() > 16 ? hay.substr(hay.size() - 16) : hay;
                // a pattern already stamped must not be stamped again from the tail
                if (chunk.mark >= 0)
                    d.tail.clear();
            } else {
                // The client's commands, for "which round trips": tag and verb (two words
                // after a UID), never arguments (LOGIN carries a password).
                Mark m;
                m.connection = c.id;
                m.receivedNs = now;
                m.fromClient = true;
                const std::vector<std::string> w = split(chunk.data.substr(0, chunk.data.find_first_of("\r\n")), ' ');
                m.text = w.size() > 1 ? w[1] : w[0];
                if (w.size() > 2 && (m.text == "UID" || m.text == "uid"))
                    m.text += " " + w[2];
                if (m.text.size() > 24)
                    m.text.resize(24);
                std::lock_guard<std::mutex> lock(m_mutex);
                chunk.mark = long(m_marks.size());
                m_marks.push_back(m);
            }
            d.queue.push_back(std::move(chunk));
        }
    };
    auto writeSide = [&](Conn &c, Direction &d, int64_t now) {
        while (!d.queue.empty() && d.queue.front().releaseNs <= now) {
            Chunk &ch = d.queue.front();
            if (ch.mark >= 0 && ch.offset == 0) {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_marks[size_t(ch.mark)].forwardedNs = monoNs();
            }
            const ssize_t n = ::send(d.to, ch.data.data() + ch.offset, ch.data.size() - ch.offset, MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EAGAIN || errno == EINTR)
                    return;
                c.dead = true;
                return;
            }
            ch.offset += size_t(n);
            m_lastTraffic = monoNs();
            if (ch.offset < ch.data.size())
                return;
            d.queue.pop_front();
            m_inFlight--;
        }
        if (d.eof && d.queue.empty() && !d.shutDown) {
            ::shutdown(d.to, SHUT_WR);
            d.shutDown = true;
        }
    };

    std::vector<pollfd> fds;
    while (!m_stop) {
        const int64_t now = monoNs();
        int64_t nextRelease = INT64_MAX;
        fds.clear();
        fds.push_back({m_listen, POLLIN, 0});
        fds.push_back({m_wake[0], POLLIN, 0});
        for (auto &c : conns) {
            for (Direction *d : {&c->up, &c->down}) {
                const short ev = d->eof ? 0 : POLLIN;
                if (!d->queue.empty())
                    nextRelease = std::min(nextRelease, d->queue.front().releaseNs);
                fds.push_back({d->from, ev, 0});
                fds.push_back({d->to, short(!d->queue.empty() && d->queue.front().releaseNs <= now ? POLLOUT : 0), 0});
            }
        }
        timespec ts{1, 0};
        if (nextRelease != INT64_MAX) {
            const int64_t wait = std::max<int64_t>(0, nextRelease - now);
            ts = {time_t(wait / 1000000000), long(wait % 1000000000)};
        }
        const int r = ::ppoll(fds.data(), fds.size(), &ts, nullptr);
        if (r < 0 && errno != EINTR)
            break;
        if (fds[0].revents & POLLIN) {
            for (int k = 0; k < 64; ++k) {
                const int cfd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
                if (cfd < 0)
                    break;
                const int sfd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
                // loopback: a blocking connect is immediate
                if (sfd < 0 || ::connect(sfd, reinterpret_cast<sockaddr *>(&target), sizeof target) != 0) {
                    ::close(cfd);
                    if (sfd >= 0)
                        ::close(sfd);
                    continue;
                }
                setFast(cfd);
                setFast(sfd);
                auto c = std::make_unique<Conn>();
                c->id = nextId++;
                c->client = cfd;
                c->server = sfd;
                c->up.from = cfd;
                c->up.to = sfd;
                c->down.from = sfd;
                c->down.to = cfd;
                conns.push_back(std::move(c));
                m_connections++;
            }
        }
        // Read everything ready, then forward what is due.
        size_t i = 2;
        for (auto &c : conns) {
            for (Direction *d : {&c->up, &c->down}) {
                if (i < fds.size() && (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) && !d->eof)
                    readSide(*c, *d, d == &c->down);
                i += 2;
            }
        }
        const int64_t after = monoNs();
        for (auto &c : conns) {
            writeSide(*c, c->down, after);
            writeSide(*c, c->up, after);
        }
        for (auto it = conns.begin(); it != conns.end();) {
            Conn &c = **it;
            const bool done = c.dead || (c.up.eof && c.down.eof && c.up.queue.empty() && c.down.queue.empty());
            if (done) {
                ::close(c.client);
                ::close(c.server);
                it = conns.erase(it);
            } else {
                ++it;
            }
        }
        if (fds[1].revents & POLLIN) {
            char b[16];
            while (::read(m_wake[0], b, sizeof b) > 0) { }
        }
    }
    for (auto &c : conns) {
        ::close(c->client);
        ::close(c->server);
    }
}

} // namespace bench
