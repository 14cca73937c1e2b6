// ib-proxy: the bench proxy on its own, for looking at a client by hand.
//   ib-proxy TARGET_HOST TARGET_PORT [DELAY_MS_EACH_WAY] [SECONDS]
// Prints "port N" once listening on 127.0.0.1, then every stamped server
// packet ("mark CONN RECEIVED_NS FORWARDED_NS exists|fetch|idling") and the
// byte counts every second they change. Ends after SECONDS (default 600) or
// on SIGINT/SIGTERM.
#include "BenchUtil.h"
#include "Proxy.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>

using namespace bench;

namespace {
volatile sig_atomic_t g_stop = 0;
void onSignal(int)
{
    g_stop = 1;
}
} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: ib-proxy TARGET_HOST TARGET_PORT [DELAY_MS_EACH_WAY] [SECONDS]\n");
        return 2;
    }
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    const double delayMs = argc > 3 ? std::atof(argv[3]) : 0;
    const int seconds = argc > 4 ? std::atoi(argv[4]) : 600;
    Proxy proxy(argv[1], std::atoi(argv[2]), int64_t(delayMs * 1e6));
    if (!proxy.start()) {
        std::fprintf(stderr, "ib-proxy: cannot listen\n");
        return 1;
    }
    std::printf("port %d\n", proxy.port());
    std::fflush(stdout);
    size_t shown = 0;
    uint64_t lastIn = 0, lastOut = 0;
    for (int t = 0; t < seconds * 10 && !g_stop; ++t) {
        sleepMs(100);
        const auto marks = proxy.marks();
        for (; shown < marks.size(); ++shown) {
            const auto &m = marks[shown];
            std::printf("mark %d %lld %lld %s%s%s\n", m.connection, static_cast<long long>(m.receivedNs),
                        static_cast<long long>(m.forwardedNs), m.exists ? "exists " : "", m.fetch ? "fetch " : "",
                        m.idling ? "idling" : "");
        }
        if (proxy.bytesToClient() != lastIn || proxy.bytesToServer() != lastOut) {
            lastIn = proxy.bytesToClient();
            lastOut = proxy.bytesToServer();
            std::printf("bytes to-client %llu to-server %llu connections %d\n", static_cast<unsigned long long>(lastIn),
                        static_cast<unsigned long long>(lastOut), proxy.connections());
        }
        std::fflush(stdout);
    }
    proxy.stop();
    return 0;
}
