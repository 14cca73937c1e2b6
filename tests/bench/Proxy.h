#pragma once
// A pass-through TCP proxy on 127.0.0.1 that can delay each direction (an
// emulated long link: netem is not available in every kernel), counts bytes
// and stamps with CLOCK_MONOTONIC the server's packets that carry an untagged
// EXISTS or FETCH (plaintext only: TLS hides them) or a "+ idling".
// Runs in a thread of its own; every connection opens one to the target.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace bench {

class Proxy
{
public:
    struct Mark
    {
        int connection = 0;      // in accept order, from 0
        int64_t receivedNs = 0;  // read from the server (left the server)
        int64_t forwardedNs = 0; // written to the client (after the delay)
        bool exists = false;     // "* n EXISTS"
        bool fetch = false;      // "* n FETCH"
        bool idling = false;     // "+ idling" (a continuation)
        bool fromClient = false; // a client packet: `text` holds its first command's tag and verb
        std::string text;
    };

    Proxy(std::string targetHost, int targetPort, int64_t delayNsEachWay = 0);
    ~Proxy();
    bool start(); // listens on 127.0.0.1:0
    void stop();
    int port() const { return m_port; }

    std::vector<Mark> marks() const;
    uint64_t bytesToClient() const { return m_toClient.load(); }
    uint64_t bytesToServer() const { return m_toServer.load(); }
    int connections() const { return m_connections.load(); }
    // CLOCK_MONOTONIC of the last byte read or forwarded, either way.
    int64_t lastTrafficNs() const { return m_lastTraffic.load(); }
    // Bytes waiting in the emulated link.
    bool inFlight() const { return m_inFlight.load() > 0; }
    void resetCounters();

private:
    void run();

    std::string m_host;
    int m_targetPort;
    int64_t m_delayNs;
    int m_listen = -1;
    int m_port = 0;
    int m_wake[2] = {-1, -1};
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<uint64_t> m_toClient{0}, m_toServer{0};
    std::atomic<int> m_connections{0};
    std::atomic<int64_t> m_lastTraffic{0};
    std::atomic<long> m_inFlight{0};
    mutable std::mutex m_mutex;
    std::vector<Mark> m_marks;
};

} // namespace bench
