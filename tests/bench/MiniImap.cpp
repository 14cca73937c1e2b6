#include "MiniImap.h"

#include "BenchUtil.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bench {

MiniImap::~MiniImap()
{
    close();
}

void MiniImap::close()
{
    if (m_ssl) {
        SSL_free(m_ssl);
        m_ssl = nullptr;
    }
    if (m_ctx) {
        SSL_CTX_free(m_ctx);
        m_ctx = nullptr;
    }
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_buf.clear();
}

static bool waitFd(int fd, short events, int64_t deadlineNs)
{
    for (;;) {
        const int64_t left = deadlineNs - monoNs();
        if (left <= 0)
            return false;
        pollfd p{fd, events, 0};
        const int r = ::poll(&p, 1, int(left / 1000000) + 1);
        if (r > 0)
            return true;
        if (r < 0 && errno != EINTR)
            return false;
    }
}

bool MiniImap::connect(const std::string &host, int port, bool tls, const std::string &caFile, int timeoutMs)
{
    close();
    const int64_t deadline = monoNs() + int64_t(timeoutMs) * 1000000;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(port));
    if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
        hostent *h = ::gethostbyname(host.c_str());
        if (!h || h->h_addrtype != AF_INET) {
            m_error = "cannot resolve " + host;
            return false;
        }
        std::memcpy(&addr.sin_addr, h->h_addr_list[0], sizeof addr.sin_addr);
    }
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
        m_error = std::string("connect: ") + std::strerror(errno);
        return false;
    }
    if (!waitFd(m_fd, POLLOUT, deadline)) {
        m_error = "connect timeout";
        return false;
    }
    int soerr = 0;
    socklen_t len = sizeof soerr;
    ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &soerr, &len);
    if (soerr != 0) {
        m_error = std::string("connect: ") + std::strerror(soerr);
        return false;
    }
    if (tls) {
        m_ctx = SSL_CTX_new(TLS_client_method());
        SSL_CTX_set_min_proto_version(m_ctx, TLS1_2_VERSION);
        SSL_CTX_set_verify(m_ctx, SSL_VERIFY_PEER, nullptr);
        if (caFile.empty() ? SSL_CTX_set_default_verify_paths(m_ctx) != 1
                           : SSL_CTX_load_verify_locations(m_ctx, caFile.c_str(), nullptr) != 1) {
            m_error = "cannot load CA " + caFile;
            return false;
        }
        m_ssl = SSL_new(m_ctx);
        SSL_set_fd(m_ssl, m_fd);
        X509_VERIFY_PARAM *param = SSL_get0_param(m_ssl);
        in_addr probe{};
        if (::inet_pton(AF_INET, host.c_str(), &probe) == 1)
            X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
        else {
            SSL_set_tlsext_host_name(m_ssl, host.c_str());
            X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
        }
        for (;;) {
            const int r = SSL_connect(m_ssl);
            if (r == 1)
                break;
            const int e = SSL_get_error(m_ssl, r);
            if ((e == SSL_ERROR_WANT_READ && waitFd(m_fd, POLLIN, deadline))
                || (e == SSL_ERROR_WANT_WRITE && waitFd(m_fd, POLLOUT, deadline)))
                continue;
            m_error = "TLS handshake failed";
            return false;
        }
    }
    std::string greeting;
    if (readResponse(greeting, int((deadline - monoNs()) / 1000000) + 1) != 1) {
        m_error = "no greeting";
        return false;
    }
    m_greeting = greeting;
    return true;
}

bool MiniImap::send(const std::string &bytes)
{
    const int64_t deadline = monoNs() + 30000000000LL;
    size_t off = 0;
    while (off < bytes.size()) {
        if (m_ssl) {
            const int r = SSL_write(m_ssl, bytes.data() + off, int(bytes.size() - off));
            if (r > 0) {
                off += size_t(r);
                continue;
            }
            const int e = SSL_get_error(m_ssl, r);
            if ((e == SSL_ERROR_WANT_WRITE && waitFd(m_fd, POLLOUT, deadline))
                || (e == SSL_ERROR_WANT_READ && waitFd(m_fd, POLLIN, deadline)))
                continue;
            m_error = "TLS write failed";
            return false;
        }
        const ssize_t r = ::send(m_fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
        if (r > 0) {
            off += size_t(r);
            continue;
        }
        if (r < 0 && (errno == EAGAIN || errno == EINTR) && waitFd(m_fd, POLLOUT, deadline))
            continue;
        m_error = std::string("write: ") + std::strerror(errno);
        return false;
    }
    return true;
}

int MiniImap::fill(int timeoutMs)
{
    const int64_t deadline = monoNs() + int64_t(timeoutMs) * 1000000;
    char buf[65536];
    for (;;) {
        if (m_ssl) {
            const int r = SSL_read(m_ssl, buf, sizeof buf);
            if (r > 0) {
                m_buf.append(buf, size_t(r));
                m_bytesIn += uint64_t(r);
                return 1;
            }
            const int e = SSL_get_error(m_ssl, r);
            if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
                if (!waitFd(m_fd, e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline))
                    return 0;
                continue;
            }
            return -1;
        }
        const ssize_t r = ::recv(m_fd, buf, sizeof buf, 0);
        if (r > 0) {
            m_buf.append(buf, size_t(r));
            m_bytesIn += uint64_t(r);
            return 1;
        }
        if (r == 0)
            return -1;
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN)
            return -1;
        if (!waitFd(m_fd, POLLIN, deadline))
            return 0;
    }
}

// A response ends at a CRLF that is not followed by literal data announced by
// {n} or {n+} right before it.
bool MiniImap::completeResponse(size_t *end) const
{
    size_t pos = 0;
    for (;;) {
        const size_t nl = m_buf.find("\r\n", pos);
        if (nl == std::string::npos)
            return false;
        if (nl > 0 && m_buf[nl - 1] == '}') {
            const size_t open = m_buf.rfind('{', nl);
            if (open != std::string::npos && open >= pos) {
                const uint64_t n = std::strtoull(m_buf.c_str() + open + 1, nullptr, 10);
                const size_t next = nl + 2 + size_t(n);
                if (next > m_buf.size())
                    return false;
                pos = next;
                continue;
            }
        }
        *end = nl;
        return true;
    }
}

bool MiniImap::hasBuffered() const
{
    size_t end;
    return completeResponse(&end) || (m_ssl && SSL_pending(m_ssl) > 0);
}

int MiniImap::readResponse(std::string &response, int timeoutMs)
{
    const int64_t deadline = monoNs() + int64_t(timeoutMs) * 1000000;
    for (;;) {
        size_t end;
        if (completeResponse(&end)) {
            response.assign(m_buf, 0, end);
            m_buf.erase(0, end + 2);
            return 1;
        }
        if (m_fd < 0)
            return -1;
        const int64_t left = deadline - monoNs();
        if (left <= 0)
            return 0;
        const int r = fill(int(left / 1000000) + 1);
        if (r <= 0)
            return r;
    }
}

std::string MiniImap::nextTag()
{
    return "b" + std::to_string(++m_tag);
}

MiniImap::Result MiniImap::command(const std::string &command, int timeoutMs)
{
    Result result;
    const std::string tag = nextTag();
    if (!send(tag + " " + command + "\r\n"))
        return result;
    const int64_t deadline = monoNs() + int64_t(timeoutMs) * 1000000;
    std::string line;
    for (;;) {
        const int64_t left = deadline - monoNs();
        if (left <= 0 || readResponse(line, int(left / 1000000) + 1) != 1) {
            m_error = "no reply to " + command.substr(0, 40);
            return result;
        }
        if (line.compare(0, tag.size() + 1, tag + " ") == 0) {
            result.tagged = line;
            result.ok = line.compare(tag.size() + 1, 2, "OK") == 0;
            return result;
        }
        result.untagged.push_back(line);
    }
}

int64_t MiniImap::append(const std::string &mailbox, const std::string &message, int64_t *okAtNs, int timeoutMs)
{
    const std::string tag = nextTag();
    if (!send(tag + " APPEND " + mailbox + " {" + std::to_string(message.size()) + "+}\r\n" + message + "\r\n"))
        return -1;
    const int64_t deadline = monoNs() + int64_t(timeoutMs) * 1000000;
    std::string line;
    for (;;) {
        const int64_t left = deadline - monoNs();
        if (left <= 0 || readResponse(line, int(left / 1000000) + 1) != 1)
            return -1;
        if (line.compare(0, tag.size() + 1, tag + " ") != 0)
            continue;
        if (okAtNs)
            *okAtNs = monoNs();
        if (line.compare(tag.size() + 1, 2, "OK") != 0) {
            m_error = line;
            return -1;
        }
        const size_t at = line.find("[APPENDUID ");
        if (at == std::string::npos)
            return 0;
        const size_t sp = line.find(' ', at + 11);
        return sp == std::string::npos ? 0 : int64_t(std::strtoull(line.c_str() + sp + 1, nullptr, 10));
    }
}

namespace {

// nstring at text[*pos]: NIL, "quoted" or {n}\r\n<n bytes>.
bool nstring(const std::string &t, size_t *pos, std::string *out)
{
    size_t p = *pos;
    while (p < t.size() && t[p] == ' ')
        ++p;
    if (t.compare(p, 3, "NIL") == 0) {
        out->clear();
        *pos = p + 3;
        return true;
    }
    if (p < t.size() && t[p] == '"') {
        out->clear();
        for (++p; p < t.size() && t[p] != '"'; ++p) {
            if (t[p] == '\\' && p + 1 < t.size())
                ++p;
            out->push_back(t[p]);
        }
        *pos = p + 1;
        return p < t.size();
    }
    if (p < t.size() && t[p] == '{') {
        const size_t close = t.find("}\r\n", p);
        if (close == std::string::npos)
            return false;
        const size_t n = std::strtoul(t.c_str() + p + 1, nullptr, 10);
        if (close + 3 + n > t.size())
            return false;
        out->assign(t, close + 3, n);
        *pos = close + 3 + n;
        return true;
    }
    return false;
}

} // namespace

bool parseFetchEnvelope(const std::string &r, EnvelopeInfo *info)
{
    const size_t uid = r.find("UID ");
    if (uid != std::string::npos)
        info->uid = uint32_t(std::strtoul(r.c_str() + uid + 4, nullptr, 10));
    size_t p = r.find("ENVELOPE (");
    if (p == std::string::npos)
        return false;
    p += 10;
    std::string date;
    if (!nstring(r, &p, &date) || !nstring(r, &p, &info->subject))
        return false;
    while (p < r.size() && r[p] == ' ')
        ++p;
    if (r.compare(p, 2, "((") == 0) { // from: ((name adl mailbox host) ...)
        p += 2;
        std::string name, adl, mailbox, host;
        if (nstring(r, &p, &name) && nstring(r, &p, &adl) && nstring(r, &p, &mailbox) && nstring(r, &p, &host)) {
            info->fromName = name;
            info->fromAddress = mailbox + "@" + host;
        }
    }
    return true;
}

} // namespace bench
