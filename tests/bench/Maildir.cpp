#include "Maildir.h"

#include "BenchUtil.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bench {

namespace {

uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

const char *kFirst[] = {"Ada", "Grace", "Alan", "Barbara", "Edsger", "Frances", "Donald", "Margaret", "Ken", "Radia"};
const char *kLast[]
    = {"Lovelace", "Hopper", "Turing", "Liskov", "Dijkstra", "Allen", "Knuth", "Hamilton", "Thompson", "Perlman"};
const char *kSubject[] = {"Weekly report",
                          "Re: Engines and the analytical machine",
                          "=?UTF-8?Q?Caf=C3=A9_tomorrow=3F?=",
                          "[dev] Patch v3 3/7: session: renew IDLE before the server's inactivity timeout",
                          "Invoice 2026-0042",
                          "=?UTF-8?B?w4RyZ2VyIG1pdCBkZW0gRHJ1Y2tlcg==?=",
                          "Lunch",
                          "Fwd: Re: Re: the build is red again (nightly, arm64)"};

} // namespace

std::string makeBenchMessage(long i)
{
    const uint64_t h = mix(uint64_t(i));
    const char *first = kFirst[h % 10];
    const char *last = kLast[(h >> 8) % 10];
    std::string m;
    m.reserve(900);
    m += fmt("Return-Path: <%s.%s@example.org>\r\n", first, last);
    m += fmt("Date: Mon, %d Nov 2026 %02d:%02d:%02d +0100\r\n", int(1 + i % 28), int((i / 60) % 24), int(i % 60),
             int((h >> 16) % 60));
    if ((h >> 20) % 7 == 0)
        m += fmt("From: =?UTF-8?Q?%s_M=C3=BCller?= <%s.mueller@example.org>\r\n", first, first);
    else
        m += fmt("From: %s %s <%s.%s@example.org>\r\n", first, last, first, last);
    m += "To: Me <me@example.net>\r\n";
    if ((h >> 24) % 4 == 0)
        m += "Cc: list@lists.example.org, \"Someone Else\" <else@example.com>\r\n";
    m += fmt("Subject: %s #%ld\r\n", kSubject[(h >> 28) % 8], i);
    m += fmt("Message-ID: <%ld.%llu@mail.example.org>\r\n", i, static_cast<unsigned long long>(h % 1000000007));
    if ((h >> 32) % 3 == 0)
        m += fmt("In-Reply-To: <%ld.1@mail.example.org>\r\n", i / 2);
    m += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
    m += fmt("Message %ld of the Idlebell benchmark mailbox.\r\n", i);
    return m;
}

long writeMaildir(const std::string &dir, long count, int unseenPercent, int uid, int gid, std::string *error)
{
    for (const char *sub : {"", "/cur", "/new", "/tmp"}) {
        const std::string d = dir + sub;
        if (!mkdirs(d)) {
            *error = "cannot create " + d;
            return -1;
        }
        if (::geteuid() == 0 && ::chown(d.c_str(), uid_t(uid), gid_t(gid)) != 0) {
            *error = "cannot chown " + d;
            return -1;
        }
    }
    long unseen = 0;
    const bool root = ::geteuid() == 0;
    for (long i = 1; i <= count; ++i) {
        const std::string msg = makeBenchMessage(i);
        const bool isUnseen = long(mix(uint64_t(i) * 7919) % 1000) < unseenPercent * 10;
        unseen += isUnseen;
        // <time>.M<n>P<pid>.<host>,S=<size>:2,<flags>; times ascending so UIDs follow i
        const std::string name = fmt("%s/cur/%ld.M%ldP1.ibbench,S=%zu:2,%s", dir.c_str(), 1700000000L + i / 100, i,
                                     msg.size(), isUnseen ? "" : "S");
        const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0 || ::write(fd, msg.data(), msg.size()) != ssize_t(msg.size())) {
            *error = "cannot write " + name + ": " + std::strerror(errno);
            if (fd >= 0)
                ::close(fd);
            return -1;
        }
        if (root && ::fchown(fd, uid_t(uid), gid_t(gid)) != 0) {
            *error = "cannot chown " + name;
            ::close(fd);
            return -1;
        }
        ::close(fd);
    }
    return unseen;
}

} // namespace bench
