// ib-floor: the physical floor of an IDLE mail notifier. The least a client
// can do to learn sender and subject of new mail: LOGIN, EXAMINE, IDLE; on
// EXISTS: DONE, wait for the tagged OK, FETCH n (UID ENVELOPE), parse just
// the subject and first sender, IDLE again. With --notify: NOTIFY SET
// (selected (MessageNew (UID ENVELOPE))) and IDLE; the server pushes the
// envelope, so no round trip is left. No framework: POSIX sockets, OpenSSL
// for TLS, a hand-written reader (MiniImap).
//
//   ib-floor --host H --port P --user U --pass PW [--tls --ca FILE] [--notify]
//            [--max-seconds N]
//
// stdout, one line each, times CLOCK_MONOTONIC ns:
//   idling <ns>                 after the first "+ idling"
//   new <ns> <uid> <from-address> <subject>
//   error <text>
// Ends when stdin closes, on SIGTERM, or after --max-seconds (default 3600).

#include "BenchUtil.h"
#include "MiniImap.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <string>
#include <unistd.h>

using namespace bench;

namespace {

volatile sig_atomic_t g_stop = 0;
void onSignal(int)
{
    g_stop = 1;
}

void out(const std::string &line)
{
    const std::string l = line + "\n";
    [[maybe_unused]] const ssize_t n = ::write(1, l.data(), l.size());
}

std::string arg(int argc, char **argv, const char *name, const char *def = "")
{
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return def;
}
bool flag(int argc, char **argv, const char *name)
{
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return true;
    return false;
}

std::string quote(const std::string &s)
{
    std::string q = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            q += '\\';
        q += c;
    }
    return q + "\"";
}

void report(const std::string &response)
{
    EnvelopeInfo env;
    if (!parseFetchEnvelope(response, &env))
        return;
    out(fmt("new %lld %u %s %s", static_cast<long long>(monoNs()), env.uid,
            env.fromAddress.empty() ? "-" : env.fromAddress.c_str(), env.subject.c_str()));
}

} // namespace

int main(int argc, char **argv)
{
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    std::signal(SIGPIPE, SIG_IGN);
    const std::string host = arg(argc, argv, "--host", "127.0.0.1");
    const int port = std::atoi(arg(argc, argv, "--port", "143").c_str());
    const bool tls = flag(argc, argv, "--tls");
    const bool notify = flag(argc, argv, "--notify");
    const int64_t endNs = monoNs() + int64_t(std::atoi(arg(argc, argv, "--max-seconds", "3600").c_str())) * 1000000000;

    MiniImap c;
    if (!c.connect(host, port, tls, arg(argc, argv, "--ca"), 10000)) {
        out("error " + c.error());
        return 1;
    }
    if (!c.command("LOGIN " + quote(arg(argc, argv, "--user")) + " " + quote(arg(argc, argv, "--pass"))).ok) {
        out("error login");
        return 1;
    }
    MiniImap::Result ex = c.command("EXAMINE INBOX");
    if (!ex.ok) {
        out("error examine");
        return 1;
    }
    unsigned long exists = 0;
    for (const auto &u : ex.untagged)
        if (u.size() > 9 && u.compare(u.size() - 7, 7, " EXISTS") == 0)
            exists = std::strtoul(u.c_str() + 2, nullptr, 10);
    if (notify && !c.command("NOTIFY SET (selected (MessageNew (UID ENVELOPE) MessageExpunge))").ok) {
        out("error notify");
        return 1;
    }

    bool announced = false;
    std::string tag;
    auto startIdle = [&]() -> bool {
        tag = c.nextTag();
        if (!c.send(tag + " IDLE\r\n"))
            return false;
        std::string line;
        for (;;) { // untagged data may come before the continuation
            if (c.readResponse(line, 10000) != 1)
                return false;
            if (line.compare(0, 1, "+") == 0)
                break;
            if (notify && line.find(" FETCH ") != std::string::npos)
                report(line);
        }
        if (!announced) {
            out(fmt("idling %lld", static_cast<long long>(monoNs())));
            announced = true;
        }
        return true;
    };
    if (!startIdle()) {
        out("error idle");
        return 1;
    }

    while (!g_stop && monoNs() < endNs) {
        if (!c.hasBuffered()) {
            pollfd p[2] = {{c.fd(), POLLIN, 0}, {0, POLLIN, 0}};
            const int r = ::poll(p, 2, 1000);
            if (r <= 0)
                continue;
            if (p[1].revents & (POLLIN | POLLHUP)) {
                char b[64];
                if (::read(0, b, sizeof b) <= 0)
                    break; // the driver closed stdin
            }
            if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
        }
        std::string line;
        const int r = c.readResponse(line, 10000);
        if (r < 0) {
            out("error connection closed");
            return 1;
        }
        if (r == 0)
            continue;
        if (notify) {
            if (line.find(" FETCH ") != std::string::npos)
                report(line);
            continue;
        }
        if (line.size() > 9 && line.compare(line.size() - 7, 7, " EXISTS") == 0) {
            const unsigned long n = std::strtoul(line.c_str() + 2, nullptr, 10);
            if (n <= exists) {
                exists = n;
                continue;
            }
            if (!c.send("DONE\r\n"))
                return 1;
            for (;;) { // to the IDLE's tagged OK
                if (c.readResponse(line, 10000) != 1)
                    return 1;
                if (line.compare(0, tag.size() + 1, tag + " ") == 0)
                    break;
            }
            const MiniImap::Result f = c.command(fmt("FETCH %lu:%lu (UID ENVELOPE)", exists + 1, n));
            for (const auto &u : f.untagged)
                if (u.find(" FETCH ") != std::string::npos)
                    report(u);
            exists = n;
            if (!startIdle())
                return 1;
        } else if (line.size() > 10 && line.compare(line.size() - 8, 8, " EXPUNGE") == 0 && exists > 0) {
            --exists;
        }
    }
    c.send("DONE\r\n");
    c.command("LOGOUT", 2000);
    return 0;
}
