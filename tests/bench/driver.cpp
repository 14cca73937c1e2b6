// ib-bench: the benchmark driver. Talks to the Dovecot that
// tests/support/dovecot-fixture.sh started (its env file), runs the subjects
// (the floor client, the in-process engine, the real idlebell binary headless
// and desktop) and prints one line per figure (Figures.h). scripts/bench.sh
// runs it; docs/performance.md explains every figure.
//
//   ib-bench latency --env F --bin DIR --idlebell BIN --work DIR [--deliveries N] [--warmup N]
//                    [--scenarios loopback-plain,loopback-tls,link50-plain,link50-tls]
//                    [--subjects floor,floor-notify,engine,headless,desktop] [--first-user N]
//   ib-bench idle    --env F --idlebell BIN --work DIR [--minutes M] [--counts 1,20,200]
//                    [--modes headless,desktop] [--first-user N] [--strace 0|1]
//   ib-bench startup --env F --idlebell BIN --work DIR [--runs N] [--counts 1,200] [--first-user N]
//   ib-bench bigmbox --env F --idlebell BIN --work DIR --data DIR [--sizes 100000,1000000]
//                    [--runs N] [--first-user N] [--record DIR]
//
// Every wait is bounded; every child is stopped on the way out.

#include "BenchUtil.h"
#include "Figures.h"
#include "Maildir.h"
#include "MiniImap.h"
#include "Proxy.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace bench;

namespace {

// --- command line -------------------------------------------------------------------

struct Args
{
    std::map<std::string, std::string> values;
    std::string get(const std::string &k, const std::string &def = "") const
    {
        auto it = values.find(k);
        return it == values.end() ? def : it->second;
    }
    int num(const std::string &k, int def) const
    {
        auto it = values.find(k);
        return it == values.end() ? def : std::atoi(it->second.c_str());
    }
    std::vector<std::string> list(const std::string &k, const std::string &def) const
    {
        std::vector<std::string> out;
        for (auto &s : split(get(k, def), ','))
            if (!s.empty())
                out.push_back(s);
        return out;
    }
};

Args parseArgs(int argc, char **argv, int from)
{
    Args a;
    for (int i = from; i < argc; ++i) {
        std::string k = argv[i];
        if (k.rfind("--", 0) != 0)
            continue;
        k = k.substr(2);
        if (i + 1 < argc && std::strncmp(argv[i + 1], "--", 2) != 0)
            a.values[k] = argv[++i];
        else
            a.values[k] = "1";
    }
    return a;
}

volatile sig_atomic_t g_interrupted = 0;
void onSignal(int)
{
    g_interrupted = 1;
}

void logLine(const std::string &s)
{
    std::fprintf(stderr, "ib-bench: %s\n", s.c_str());
    std::fflush(stderr);
}

// --- the fixture --------------------------------------------------------------------

struct Fixture
{
    std::map<std::string, std::string> env;
    std::string host() const { return env.at("HOST"); }
    std::string plainHost() const { return env.at("PLAIN_HOST"); }
    int imapsPort() const { return std::atoi(env.at("IMAPS_PORT").c_str()); }
    int plainPort() const { return std::atoi(env.at("PLAIN_PORT").c_str()); }
    std::string ca() const { return env.at("CA_CERT"); }
    std::string user(int n) const { return env.at("USER_PREFIX") + std::to_string(n); }
    std::string password(int n) const
    {
        return env.at("PASSWORD_PREFIX") + std::to_string(n) + env.at("PASSWORD_SUFFIX");
    }
    int userCount() const { return std::atoi(env.at("USER_COUNT").c_str()); }
    std::string doveadm() const { return env.at("DOVEADM"); }
};

bool loadFixture(const Args &a, Fixture *f)
{
    f->env = readEnvFile(a.get("env"));
    for (const char *k : {"HOST", "PLAIN_HOST", "IMAPS_PORT", "PLAIN_PORT", "CA_CERT", "USER_PREFIX", "PASSWORD_PREFIX",
                          "PASSWORD_SUFFIX", "USER_COUNT", "DOVEADM"})
        if (!f->env.count(k)) {
            logLine(std::string("the fixture env file lacks ") + k + " (--env " + a.get("env") + ")");
            return false;
        }
    return true;
}

// A logged-in plaintext connection for APPEND (another connection than the subject's).
std::unique_ptr<MiniImap> appender(const Fixture &fx, int user)
{
    auto c = std::make_unique<MiniImap>();
    if (!c->connect(fx.plainHost(), fx.plainPort(), false, "", 10000))
        return nullptr;
    if (!c->command("LOGIN " + fx.user(user) + " \"" + fx.password(user) + "\"").ok)
        return nullptr;
    return c;
}

std::string benchMessage(const std::string &token)
{
    return "From: Bench Sender <sender@example.org>\r\nTo: <me@example.net>\r\nSubject: " + token
        + "\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\nMessage-ID: <" + token
        + "@bench.example.org>\r\n\r\nlatency probe\r\n";
}

// --- idlebell configuration ---------------------------------------------------------

constexpr int kMaxGroupThreshold = 100; // core::Preferences::MaxGroupThreshold

struct AccountSpec
{
    std::string id;
    int user = 0;
    std::string host;
    int port = 0;
    bool tls = false;
};

std::string writeConfig(const Fixture &fx, const std::string &dir, const std::vector<AccountSpec> &accounts)
{
    mkdirs(dir);
    // One notification per message, however fast they come: the latency figures
    // follow each message (the default groups a 4th message within 2 s into one
    // "4 new messages" notification, which names only three of them).
    std::string conf = "[General]\ngroupThreshold=" + std::to_string(kMaxGroupThreshold) + "\n\n";
    for (const auto &a : accounts) {
        const std::string pw = dir + "/" + a.id + ".pw";
        writeFile(pw, fx.password(a.user) + "\n");
        conf += "[account." + a.id + "]\nname=Bench " + a.id + "\nemail=" + fx.user(a.user)
            + "@example.org\nhost=" + a.host + "\nport=" + std::to_string(a.port)
            + "\nsecurity=" + (a.tls ? "tls" : "none") + "\nusername=" + fx.user(a.user)
            + (a.tls ? "\ncaFile=" + fx.ca() : std::string()) + "\npasswordCommand=cat " + pw + "\n\n";
    }
    const std::string path = dir + "/idlebell.conf";
    writeFile(path, conf);
    ::unlink((path + ".state.json").c_str());
    return path;
}

// Private XDG dirs and HOME for every idlebell process: nothing of the user's is read or written.
std::vector<std::string> isolatedEnv(const std::string &dir, bool desktop, const std::string &bus)
{
    for (const char *d : {"/home", "/config", "/state", "/cache", "/data", "/runtime"})
        mkdirs(dir + d);
    ::chmod((dir + "/runtime").c_str(), 0700);
    std::vector<std::string> env = {"HOME=" + dir + "/home",
                                    "XDG_CONFIG_HOME=" + dir + "/config",
                                    "XDG_STATE_HOME=" + dir + "/state",
                                    "XDG_CACHE_HOME=" + dir + "/cache",
                                    "XDG_DATA_HOME=" + dir + "/data",
                                    "XDG_RUNTIME_DIR=" + dir + "/runtime",
                                    "QT_LOGGING_RULES=",
                                    "QT_FORCE_STDERR_LOGGING=1"};
    if (desktop) {
        env.push_back("QT_QPA_PLATFORM=offscreen");
        env.push_back("DBUS_SESSION_BUS_ADDRESS=" + bus);
    } else {
        env.push_back("DBUS_SESSION_BUS_ADDRESS=" + (bus.empty() ? std::string("unix:path=/nonexistent") : bus));
    }
    return env;
}

// --- a private D-Bus session bus ----------------------------------------------------

struct Bus
{
    Child daemon;
    std::string address;
    bool start(const std::string &dir)
    {
        mkdirs(dir);
        writeFile(dir + "/bus.conf",
                  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n<busconfig>\n"
                  "<type>session</type><listen>unix:dir="
                      + dir
                      + "</listen><auth>EXTERNAL</auth>\n<policy context=\"default\"><allow send_destination=\"*\" "
                        "eavesdrop=\"true\"/><allow eavesdrop=\"true\"/><allow own=\"*\"/></policy>\n</busconfig>\n");
        if (!daemon.start(
                {"/usr/bin/dbus-daemon", "--config-file=" + dir + "/bus.conf", "--nofork", "--print-address=1"}, {},
                dir + "/dbus.log", false))
            return false;
        LineReader r(daemon.stdoutFd());
        return r.readLine(address, 5000) == 1 && !address.empty();
    }
};

// --- subjects -----------------------------------------------------------------------

struct Line
{
    int64_t readNs;
    std::string text;
};

// Reads a child's stdout in a thread of its own and stamps each line the moment it is read.
class Reader
{
public:
    // Lines are also appended to logPath (with the read time), for looking back.
    void start(int fd, const std::string &logPath = {})
    {
        m_fd = fd;
        m_thread = std::thread([this, logPath] {
            LineReader r(m_fd);
            FILE *log = logPath.empty() ? nullptr : std::fopen(logPath.c_str(), "a");
            std::string line;
            while (!m_stop) {
                const int got = r.readLine(line, 200);
                if (got < 0)
                    break;
                if (got == 0)
                    continue;
                const int64_t t = monoNs();
                if (log) {
                    std::fprintf(log, "%lld %s\n", static_cast<long long>(t), line.c_str());
                    std::fflush(log);
                }
                std::lock_guard<std::mutex> lock(m_mutex);
                m_lines.push_back({t, line});
            }
            if (log)
                std::fclose(log);
            m_eof = true;
        });
    }
    ~Reader() { stop(); }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    bool take(Line *out)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_lines.empty())
            return false;
        *out = m_lines.front();
        m_lines.pop_front();
        return true;
    }
    bool eof() const { return m_eof; }

private:
    int m_fd = -1;
    std::thread m_thread;
    std::atomic<bool> m_stop{false}, m_eof{false};
    std::mutex m_mutex;
    std::deque<Line> m_lines;
};

std::string jsonField(const std::string &line, const std::string &key)
{
    const std::string k = "\"" + key + "\":";
    size_t at = line.find(k);
    if (at == std::string::npos)
        return {};
    at += k.size();
    if (at < line.size() && line[at] == '"') {
        const size_t end = line.find('"', at + 1);
        return line.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
    }
    size_t end = at;
    while (end < line.size() && line[end] != ',' && line[end] != '}')
        ++end;
    return line.substr(at, end - at);
}

struct Event
{
    bool ready = false; // the subject reports idling
    bool isNew = false;
    int64_t ns = 0;
    uint32_t uid = 0;
    std::string text; // subject / summary, to match tokens
};

struct Subject
{
    std::string kind; // floor, floor-notify, engine, headless, desktop
    int user = 0;
    std::unique_ptr<Proxy> proxy;
    Child child;
    Child notifyd; // desktop only
    Reader reader;
    std::unique_ptr<MiniImap> appender;
    std::string work;
    std::string note; // why it could not be measured
    bool ok = false;
    bool readySeen = false;
    std::vector<double> e2e, share;
    std::map<std::string, int> traces; // client commands between push and event -> count
    int lost = 0;

    Event parse(const Line &l) const
    {
        Event e;
        const std::vector<std::string> f = split(l.text, ' ');
        if (kind == "floor" || kind == "floor-notify") {
            if (f[0] == "idling")
                e.ready = true;
            else if (f[0] == "new" && f.size() >= 4) {
                e.isNew = true;
                e.ns = std::atoll(f[1].c_str());
                e.uid = uint32_t(std::strtoul(f[2].c_str(), nullptr, 10));
                e.text = l.text;
            }
        } else if (kind == "engine") {
            if (f[0] == "state" && f.size() >= 4 && f[3] == "4")
                e.ready = true;
            else if (f[0] == "new" && f.size() >= 5) {
                e.isNew = true;
                e.ns = std::atoll(f[1].c_str());
                e.uid = uint32_t(std::strtoul(f[3].c_str(), nullptr, 10));
                e.text = l.text;
            }
        } else if (kind == "headless") {
            const std::string ev = jsonField(l.text, "event");
            if (ev == "idling")
                e.ready = true;
            else if (ev == "new") {
                e.isNew = true;
                e.ns = l.readNs;
                e.uid = uint32_t(std::strtoul(jsonField(l.text, "uid").c_str(), nullptr, 10));
                e.text = jsonField(l.text, "subject");
            }
        } else if (kind == "desktop") {
            if (f[0] == "notify" && f.size() >= 3) {
                e.isNew = true;
                e.ns = std::atoll(f[1].c_str());
                e.text = l.text;
            }
        }
        return e;
    }
};

struct Scenario
{
    std::string name;
    bool tls = false;
    int64_t delayNs = 0; // each way
};

bool startSubject(Subject &s, const Fixture &fx, const Scenario &sc, const Args &a, const std::string &busAddress)
{
    const std::string bin = a.get("bin");
    const std::string targetHost = sc.tls ? fx.host() : fx.plainHost();
    const int targetPort = sc.tls ? fx.imapsPort() : fx.plainPort();
    std::string host = targetHost;
    int port = targetPort;
    // Every subject goes through its own proxy (stamps plaintext EXISTS/FETCH, shows when a
    // connection is quiet even under TLS, emulates the link); it adds ~0.03 ms to every one.
    {
        s.proxy = std::make_unique<Proxy>(targetHost, targetPort, sc.delayNs);
        if (!s.proxy->start()) {
            s.note = "proxy failed";
            return false;
        }
        host = "127.0.0.1";
        port = s.proxy->port();
    }
    s.appender = appender(fx, s.user);
    if (!s.appender) {
        s.note = "appender could not log in as " + fx.user(s.user);
        return false;
    }
    s.work = a.get("work") + "/latency-" + sc.name + "-" + s.kind;
    mkdirs(s.work);
    const std::string err = s.work + "/stderr.log";
    const std::string config = writeConfig(fx, s.work, {{"b" + std::to_string(s.user), s.user, host, port, sc.tls}});
    bool started = false;
    if (s.kind == "floor" || s.kind == "floor-notify") {
        std::vector<std::string> argv
            = {bin + "/ib-floor", "--host",        host,     "--port",           std::to_string(port),
               "--user",          fx.user(s.user), "--pass", fx.password(s.user)};
        if (sc.tls) {
            argv.insert(argv.end(), {"--tls", "--ca", fx.ca()});
        }
        if (s.kind == "floor-notify")
            argv.push_back("--notify");
        started = s.child.start(argv, {}, err);
    } else if (s.kind == "engine") {
        started = s.child.start({bin + "/ib-engine", "--config", config}, isolatedEnv(s.work, false, ""), err);
    } else if (s.kind == "headless") {
        started
            = s.child.start({a.get("idlebell"), "--headless", "--config", config}, isolatedEnv(s.work, false, ""), err);
    } else if (s.kind == "desktop") {
        if (busAddress.empty()) {
            s.note = "no private D-Bus";
            return false;
        }
        std::vector<std::string> env = isolatedEnv(s.work, true, busAddress);
        if (!s.notifyd.start({bin + "/ib-notifyd"}, env, s.work + "/notifyd.log")) {
            s.note = "ib-notifyd did not start";
            return false;
        }
        LineReader r(s.notifyd.stdoutFd());
        std::string line;
        if (r.readLine(line, 5000) != 1 || line != "ready") {
            s.note = "ib-notifyd could not own org.freedesktop.Notifications";
            return false;
        }
        started = s.child.start({a.get("idlebell"), "--config", config}, env, err, false);
        if (started) {
            // The desktop app reports nothing on stdout; a quick exit means it cannot run here.
            if (s.child.wait(1500) != -2) {
                std::string first = trim(readFile(err));
                first = first.substr(0, first.find('\n'));
                s.note = "the desktop app exited at once: " + first.substr(0, 120);
                return false;
            }
        }
    }
    if (!started) {
        s.note = "could not start " + s.kind;
        return false;
    }
    s.reader.start(s.kind == "desktop" ? s.notifyd.stdoutFd() : s.child.stdoutFd(), s.work + "/events.log");
    s.ok = true;
    return true;
}

// Ready for the next delivery: in IDLE again (seen on the plaintext proxy as "+ idling"
// after the last "DONE"), or a fixed settle time where the bytes are hidden.
bool proxySaysIdling(const Subject &s, int64_t after)
{
    if (!s.proxy)
        return false;
    for (const auto &m : s.proxy->marks())
        if (m.idling && m.receivedNs > after)
            return true;
    return false;
}

// Nothing moved either way for `ms` (and nothing is in the emulated link).
bool quiet(const Subject &s, int64_t ms)
{
    return s.proxy && s.proxy->connections() > 0 && !s.proxy->inFlight()
        && monoNs() - s.proxy->lastTrafficNs() >= ms * 1000000;
}

struct Pending
{
    Subject *subject;
    std::string token;
    int64_t t0;
    uint32_t uid;
    bool done = false;
    bool measured = false;
};

std::vector<double> pick(const std::vector<Subject *> &subjects, const std::string &kind, bool share)
{
    for (auto *s : subjects)
        if (s->kind == kind)
            return share ? s->share : s->e2e;
    return {};
}

void latencyScenario(const Fixture &fx, const Scenario &sc, const Args &a, int &nextUser, Bus &bus)
{
    const int deliveries = a.num("deliveries", 100);
    const int warmup = a.num("warmup", 2);
    std::vector<std::string> kinds = a.list("subjects", "floor,floor-notify,engine,headless,desktop");
    if (sc.tls)
        kinds.erase(std::remove(kinds.begin(), kinds.end(), "floor-notify"), kinds.end());
    std::vector<std::unique_ptr<Subject>> owned;
    std::vector<Subject *> subjects;
    const double rttMs = 2 * double(sc.delayNs) / 1e6;
    logLine("latency " + sc.name + ": starting " + std::to_string(kinds.size()) + " subjects");
    for (const auto &k : kinds) {
        auto s = std::make_unique<Subject>();
        s->kind = k;
        s->user = nextUser++;
        if (!startSubject(*s, fx, sc, a, bus.address))
            logLine("  " + k + ": " + s->note);
        subjects.push_back(s.get());
        owned.push_back(std::move(s));
    }
    // Wait until each is idling (bounded): its own "idling" report, or (the desktop app
    // reports nothing) a "+ idling" seen by the proxy, or a connection quiet for 500 ms.
    const int64_t readyStart = monoNs();
    const int64_t readyDeadline = readyStart + 30000000000LL;
    for (;;) {
        bool all = true;
        for (auto *s : subjects) {
            if (!s->ok || s->readySeen)
                continue;
            Line l;
            while (s->reader.take(&l))
                s->readySeen = s->readySeen || s->parse(l).ready;
            if (!s->readySeen && s->kind == "desktop"
                && (proxySaysIdling(*s, 0)
                    || (monoNs() - readyStart > 1500000000LL && quiet(*s, 500 + int64_t(3 * rttMs)))))
                s->readySeen = true;
            all = all && s->readySeen;
        }
        if (all || monoNs() > readyDeadline)
            break;
        sleepMs(20);
    }
    for (auto *s : subjects)
        if (s->ok && !s->readySeen) {
            s->note = "never reported idling";
            s->ok = false;
            logLine("  " + s->kind + ": " + s->note);
        }

    std::mt19937 rng(12345);
    const int64_t eventTimeout = int64_t(3000 + 20 * rttMs) * 1000000; // Dovecot pushes within ~0.5 s
    const int64_t staggerMs = 60 + int64_t(rttMs);
    int64_t lastProgress = monoNs();
    for (int round = 0; round < warmup + deliveries && !g_interrupted; ++round) {
        std::vector<Subject *> order;
        for (auto *s : subjects)
            if (s->ok)
                order.push_back(s);
        if (order.empty())
            break;
        std::shuffle(order.begin(), order.end(), rng);
        std::vector<Pending> pending;
        for (size_t i = 0; i < order.size(); ++i) {
            if (i)
                sleepMs(staggerMs);
            Subject *s = order[i];
            const std::string token
                = "ibb-" + sc.name + "-" + s->kind + "-" + std::to_string(round) + "-" + std::to_string(rng() % 100000);
            int64_t t0 = 0;
            const int64_t uid = s->appender->append("INBOX", benchMessage(token), &t0);
            if (uid < 0) {
                logLine("  append failed for " + s->kind + ": " + s->appender->error());
                s->ok = false;
                continue;
            }
            pending.push_back({s, token, t0, uint32_t(uid)});
            if (FILE *log = std::fopen((s->work + "/deliveries.log").c_str(), "a")) {
                std::fprintf(log, "%lld uid %lld token %s\n", static_cast<long long>(t0), static_cast<long long>(uid),
                             token.c_str());
                std::fclose(log);
            }
        }
        // Collect the events.
        const int64_t deadline = monoNs() + eventTimeout;
        for (;;) {
            bool open = false;
            for (auto &p : pending) {
                if (p.done)
                    continue;
                Line l;
                while (!p.done && p.subject->reader.take(&l)) {
                    const Event e = p.subject->parse(l);
                    if (!e.isNew)
                        continue;
                    const bool match
                        = p.subject->kind == "desktop" ? e.text.find(p.token) != std::string::npos : e.uid == p.uid;
                    if (!match)
                        continue;
                    p.done = true;
                    if (round < warmup)
                        continue;
                    p.measured = true;
                    p.subject->e2e.push_back(nsToMs(e.ns - p.t0));
                    if (p.subject->proxy && !sc.tls) {
                        int64_t ref = 0;
                        for (const auto &m : p.subject->proxy->marks())
                            if ((m.exists || m.fetch) && m.receivedNs > p.t0) {
                                ref = sc.delayNs > 0 ? m.receivedNs : m.forwardedNs;
                                break;
                            }
                        if (ref > 0)
                            p.subject->share.push_back(nsToMs(e.ns - ref));
                    }
                    // The client's commands between the server's push and the event: its round trips.
                    std::string seq;
                    int64_t from = 0;
                    for (const auto &m : p.subject->proxy->marks()) {
                        if (!from && !m.fromClient && (m.exists || m.fetch) && m.receivedNs > p.t0)
                            from = m.receivedNs;
                        if (from && m.fromClient && m.receivedNs > from && m.receivedNs < e.ns)
                            seq += (seq.empty() ? "" : " > ") + m.text;
                    }
                    if (from || sc.tls)
                        p.subject->traces[sc.tls ? std::string("(TLS: hidden)") : seq.empty() ? "none" : seq]++;
                }
                open = open || !p.done;
            }
            if (!open || monoNs() > deadline)
                break;
            sleepMs(1);
        }
        for (auto &p : pending)
            if (!p.done && round >= warmup)
                p.subject->lost++;
        // Settle: every client done with this delivery (its connection quiet) before the next.
        const int64_t settleDeadline = monoNs() + int64_t(3000 + 10 * rttMs) * 1000000;
        for (auto &p : pending)
            while (!quiet(*p.subject, 30 + int64_t(3 * rttMs)) && monoNs() < settleDeadline)
                sleepMs(2);
        sleepMs(int64_t(rng() % 40));
        // A subject's deliveries come less than 2 s apart, which the desktop app
        // treats as one burst; its 101st message would become the grouped
        // notification even at the largest threshold. A pause longer than the
        // grouping window (2 s) every 50 rounds ends the burst.
        if ((round + 1) % 50 == 0)
            sleepMs(2500);
        if (monoNs() - lastProgress > 20000000000LL) {
            logLine("  " + sc.name + ": round " + std::to_string(round + 1) + "/"
                    + std::to_string(warmup + deliveries));
            lastProgress = monoNs();
        }
    }

    // Figures.
    const std::string base = sc.name;
    const bool link = sc.delayNs > 0;
    const double floorE2e = stats(pick(subjects, "floor", false)).median;
    const double floorShare = stats(pick(subjects, "floor", true)).median;
    for (auto *s : subjects) {
        for (int kindShare = 0; kindShare < 2; ++kindShare) {
            const bool share = kindShare == 1;
            if (share && (sc.tls || !s->proxy) && s->ok)
                continue; // TLS hides EXISTS from the proxy
            if (share && sc.tls)
                continue;
            const std::vector<double> &v = share ? s->share : s->e2e;
            Figure f;
            f.name = "latency." + std::string(share ? "share." : "e2e.") + base + "." + s->kind;
            const Stats st = stats(v);
            if (st.n) {
                f.hasValue = f.hasP95 = true;
                f.median = st.median;
                f.p95 = st.p95;
                f.n = st.n;
            }
            const bool isFloor = s->kind == "floor" || s->kind == "floor-notify";
            const double fl = share ? floorShare : floorE2e;
            const bool haveFloor = fl > 0;
            if (!isFloor && haveFloor) {
                f.hasFloor = true;
                f.floor = fl;
            }
            if (isFloor) {
                f.verdict = 2;
            } else if (link) {
                f.goal = "<= IDLE floor - 2 RTT (" + formatValue(fl - 2 * rttMs + 10) + " ms; NOTIFY)";
                f.verdict = st.n && haveFloor && st.median <= fl - 2 * rttMs + 10 ? 1 : 0;
            } else if (share && s->kind == "engine") {
                f.goal = "<= 1 ms and <= floor+0.5 ms";
                f.verdict = st.n && haveFloor && st.median <= 1.0 && st.median <= fl + 0.5 ? 1 : 0;
            } else if (share && s->kind == "desktop") {
                f.goal = "<= 5 ms";
                f.verdict = st.n && st.median <= 5.0 ? 1 : 0;
            } else if (share) {
                f.verdict = 2;
            } else {
                f.goal = "<= floor+2 ms";
                f.verdict = st.n && haveFloor && st.median <= fl + 2.0 ? 1 : 0;
            }
            if (!s->ok && !st.n) {
                f.verdict = 3;
                f.note = s->note;
            } else if (s->lost) {
                // Lost deliveries are a failure of their own, whatever the others' times.
                if (!isFloor && s->lost * 20 > deliveries)
                    f.verdict = 0;
                f.note = std::to_string(s->lost) + " deliveries not seen within "
                    + std::to_string(eventTimeout / 1000000000) + " s";
            }
            if (share && f.note.empty())
                f.note = link ? "from EXISTS/FETCH leaving the server" : "from the proxy forwarding EXISTS/FETCH";
            printFigure(f);
        }
    }
    // Which round trips the client makes between the server's push and its event.
    for (auto *s : subjects) {
        if (s->traces.empty() || sc.tls)
            continue;
        auto best = s->traces.begin();
        int total = 0;
        for (auto it = s->traces.begin(); it != s->traces.end(); ++it) {
            total += it->second;
            if (it->second > best->second)
                best = it;
        }
        Figure f;
        f.name = "latency.trace." + base + "." + s->kind;
        f.label = "commands";
        f.unit = "";
        f.hasValue = true;
        f.median = best->first == "none" ? 0 : double(split(best->first, '>').size());
        f.verdict = 2;
        f.note = "client commands between push and event: " + best->first + " (" + std::to_string(best->second) + "/"
            + std::to_string(total) + ")";
        printFigure(f);
    }
    // Where the time goes: the server's own share (Dovecot's 0.5 s notify delay).
    std::vector<double> server;
    for (auto *s : subjects)
        if (s->ok && s->proxy && !sc.tls && !s->e2e.empty() && s->share.size() == s->e2e.size())
            for (size_t i = 0; i < s->e2e.size(); ++i)
                server.push_back(s->e2e[i] - s->share[i]);
    if (!server.empty()) {
        Figure f;
        f.name = "latency.server." + base;
        const Stats st = stats(server);
        f.hasValue = f.hasP95 = true;
        f.median = st.median;
        f.p95 = st.p95;
        f.n = st.n;
        f.verdict = 2;
        f.note = "APPEND OK to EXISTS leaving the server: Dovecot's fixed notify delay";
        printFigure(f);
    }
    for (auto *s : subjects) {
        s->reader.stop();
        s->child.stop();
        s->notifyd.stop();
        if (s->proxy)
            s->proxy->stop();
    }
}

int cmdLatency(const Args &a)
{
    Fixture fx;
    if (!loadFixture(a, &fx))
        return 2;
    Bus bus;
    const auto subjects = a.list("subjects", "floor,floor-notify,engine,headless,desktop");
    if (std::find(subjects.begin(), subjects.end(), "desktop") != subjects.end() && !bus.start(a.get("work") + "/bus"))
        logLine("no private dbus-daemon: the desktop figures are N/A");
    int nextUser = a.num("first-user", 1);
    for (const auto &name : a.list("scenarios", "loopback-plain,loopback-tls,link50-plain,link50-tls")) {
        Scenario sc;
        sc.name = name;
        sc.tls = name.find("tls") != std::string::npos;
        sc.delayNs = name.rfind("link50", 0) == 0 ? 25000000 : 0;
        latencyScenario(fx, sc, a, nextUser, bus);
        if (g_interrupted)
            break;
    }
    return 0;
}

// --- helpers for whole-process figures ----------------------------------------------

// Runs idlebell --headless and waits until `accounts` distinct accounts reported idling.
struct Headless
{
    Child child;
    Reader reader;
    std::set<std::string> idling;
    int64_t startNs = 0;
    int64_t allIdleNs = 0;
    int64_t unreadNs = 0;
    long lastUnread = -1;

    bool start(const std::string &idlebell, const std::string &config, const std::vector<std::string> &env,
               const std::string &err)
    {
        startNs = monoNs();
        if (!child.start({idlebell, "--headless", "--config", config}, env, err))
            return false;
        reader.start(child.stdoutFd());
        return true;
    }
    // Processes the lines read so far.
    void pump(size_t accounts, long wantUnread = -1)
    {
        Line l;
        while (reader.take(&l)) {
            const std::string ev = jsonField(l.text, "event");
            if (ev == "idling") {
                idling.insert(jsonField(l.text, "account"));
                if (idling.size() >= accounts && !allIdleNs)
                    allIdleNs = l.readNs;
            } else if (ev == "unread") {
                lastUnread = std::atol(jsonField(l.text, "unread").c_str());
                if (wantUnread >= 0 && lastUnread == wantUnread && !unreadNs)
                    unreadNs = l.readNs;
            }
        }
    }
    bool waitAllIdle(size_t accounts, int timeoutMs)
    {
        const int64_t deadline = monoNs() + int64_t(timeoutMs) * 1000000;
        while (!allIdleNs && monoNs() < deadline && !g_interrupted) {
            pump(accounts);
            if (!child.running())
                break;
            sleepMs(2);
        }
        return allIdleNs != 0;
    }
    void stop()
    {
        child.stop(10000);
        reader.stop();
    }
};

std::vector<AccountSpec> accountsFor(const Fixture &fx, int count, int firstUser, bool tls)
{
    std::vector<AccountSpec> out;
    for (int i = 0; i < count; ++i)
        out.push_back({"a" + std::to_string(firstUser + i), firstUser + i, tls ? fx.host() : fx.plainHost(),
                       tls ? fx.imapsPort() : fx.plainPort(), tls});
    return out;
}

int cmdStartup(const Args &a)
{
    Fixture fx;
    if (!loadFixture(a, &fx))
        return 2;
    const int runs = a.num("runs", 10);
    int user = a.num("first-user", 41);
    for (const auto &countText : a.list("counts", "1,200")) {
        const int count = std::atoi(countText.c_str());
        if (user + count - 1 > fx.userCount()) {
            Figure f;
            f.name = "startup." + countText + "-accounts.tls";
            f.verdict = 3;
            f.note = "needs " + std::to_string(user + count - 1) + " users, the fixture has "
                + std::to_string(fx.userCount()) + " (IDLEBELL_DOVECOT_USERS)";
            printFigure(f);
            continue;
        }
        const std::string dir = a.get("work") + "/startup-" + countText;
        const std::string config = writeConfig(fx, dir, accountsFor(fx, count, user, true));
        std::vector<double> times;
        std::string note;
        for (int r = 0; r < runs + 1 && !g_interrupted; ++r) { // run 0 warms caches and writes the state
            Headless h;
            if (!h.start(a.get("idlebell"), config, isolatedEnv(dir, false, ""), dir + "/stderr.log")) {
                note = "could not start idlebell";
                break;
            }
            const bool ok = h.waitAllIdle(size_t(count), 60000);
            h.stop();
            if (!ok) {
                note = "run " + std::to_string(r) + ": only " + std::to_string(h.idling.size()) + " of "
                    + std::to_string(count) + " accounts idling after 60 s";
                continue;
            }
            if (r > 0)
                times.push_back(nsToMs(h.allIdleNs - h.startNs));
            sleepMs(300); // LOGOUTs done, Dovecot's sessions gone
        }
        const Stats st = stats(times);
        Figure f;
        f.name = "startup." + countText + (count == 1 ? "-account" : "-accounts") + ".tls";
        if (st.n) {
            f.hasValue = f.hasP95 = true;
            f.median = st.median;
            f.p95 = st.p95;
            f.n = st.n;
        }
        const double goal = count == 1 ? 150 : count == 200 ? 5000 : 0;
        if (goal > 0)
            f.goal = "<= " + formatValue(goal) + " ms";
        f.verdict = st.n ? (goal <= 0 ? 2 : st.median <= goal ? 1 : 0) : 3;
        if (note.empty())
            note = "process start to every account idling";
        f.note = note;
        printFigure(f);
        user += count;
    }
    return 0;
}

// --- idle cost ----------------------------------------------------------------------

struct IdleProc
{
    std::string mode; // headless, desktop
    int accounts = 0;
    bool traced = false;
    std::string dir;
    Headless headless; // for headless mode
    Child desktop;     // for desktop mode
    Child strace;
    Child notifyd;
    std::unique_ptr<Bus> bus; // desktop: a bus of its own (one app instance per session bus)
    ProcSample before, after;
    pid_t pid() { return mode == "headless" ? headless.child.pid() : desktop.pid(); }
    std::string note;
};

int cmdIdle(const Args &a)
{
    Fixture fx;
    if (!loadFixture(a, &fx))
        return 2;
    const double minutes = std::atof(a.get("minutes", "10").c_str());
    int user = a.num("first-user", 201);
    const bool wantStrace = a.num("strace", 1) != 0 && ::access("/usr/bin/strace", X_OK) == 0;
    const auto modes = a.list("modes", "headless,desktop");
    std::vector<std::unique_ptr<IdleProc>> procs;
    for (const auto &mode : modes) {
        std::vector<std::pair<int, bool>> runs;
        for (const auto &c : a.list("counts", "1,20,200"))
            runs.push_back({std::atoi(c.c_str()), false});
        if (wantStrace)
            runs.push_back({20, true}); // a twin of the 20-account process, under strace
        for (auto [count, traced] : runs) {
            auto p = std::make_unique<IdleProc>();
            p->mode = mode;
            p->accounts = count;
            p->traced = traced;
            p->dir = a.get("work") + "/idle-" + mode + "-" + std::to_string(count) + (traced ? "-traced" : "");
            if (user + count - 1 > fx.userCount()) {
                p->note = "needs " + std::to_string(user + count - 1) + " users (IDLEBELL_DOVECOT_USERS)";
                procs.push_back(std::move(p));
                continue;
            }
            const std::string config = writeConfig(fx, p->dir, accountsFor(fx, count, user, true));
            user += count;
            std::string busAddress;
            if (mode == "desktop") {
                p->bus = std::make_unique<Bus>();
                if (p->bus->start(p->dir + "/bus"))
                    busAddress = p->bus->address;
                else
                    p->note = "no private dbus-daemon";
            }
            const auto env = isolatedEnv(p->dir, mode == "desktop", busAddress);
            if (mode == "headless") {
                if (!p->headless.start(a.get("idlebell"), config, env, p->dir + "/stderr.log"))
                    p->note = "could not start";
            } else if (p->note.empty()) {
                if (!p->notifyd.start({a.get("bin") + "/ib-notifyd"}, env, p->dir + "/notifyd.log"))
                    p->note = "no notifyd";
                else if (!p->desktop.start({a.get("idlebell"), "--config", config}, env, p->dir + "/stderr.log", false))
                    p->note = "could not start";
                else if (p->desktop.wait(1500) != -2) {
                    std::string first = trim(readFile(p->dir + "/stderr.log"));
                    p->note = "the desktop app exited at once: " + first.substr(0, first.find('\n')).substr(0, 120);
                }
            }
            procs.push_back(std::move(p));
        }
    }
    // Everyone idling (headless: every account reported it; desktop: its CPU time stands still).
    logLine("idle: waiting for " + std::to_string(procs.size()) + " processes to settle");
    const int64_t deadline = monoNs() + 180000000000LL;
    for (auto &p : procs) {
        if (!p->note.empty())
            continue;
        if (p->mode == "headless") {
            if (!p->headless.waitAllIdle(size_t(p->accounts),
                                         int(std::max<int64_t>(1, (deadline - monoNs()) / 1000000))))
                p->note = "only " + std::to_string(p->headless.idling.size()) + " accounts idling";
        }
    }
    for (int settle = 0; settle < 60; ++settle) { // desktop: CPU unchanged over 2 s (bounded 120 s)
        bool moving = false;
        std::map<IdleProc *, double> c0;
        for (auto &p : procs)
            if (p->mode == "desktop" && p->note.empty())
                c0[p.get()] = sampleProc(p->pid()).cpuSeconds;
        if (c0.empty())
            break;
        sleepMs(2000);
        for (auto &[p, c] : c0)
            moving = moving || sampleProc(p->pid()).cpuSeconds - c > 0.005;
        if (!moving)
            break;
    }
    sleepMs(3000); // the last "idling" line is written before the socket work is done
    for (auto &p : procs) {
        if (!p->note.empty())
            continue;
        if (p->traced) {
            const std::string out = p->dir + "/strace.txt";
            ::unlink(out.c_str());
            if (!p->strace.start({"/usr/bin/strace", "-f", "-qq", "-e",
                                  "trace=poll,ppoll,epoll_wait,epoll_pwait,select,pselect6", "-o", out, "-p",
                                  std::to_string(p->pid())},
                                 {}, p->dir + "/strace.err", false))
                p->note = "strace did not start";
        }
        p->before = sampleProc(p->pid());
    }
    const int64_t windowStart = monoNs();
    const int64_t windowEnd = windowStart + int64_t(minutes * 60e9);
    logLine("idle: measuring for " + formatValue(minutes) + " min");
    while (monoNs() < windowEnd && !g_interrupted)
        sleepMs(std::min<int64_t>(1000, (windowEnd - monoNs()) / 1000000 + 1));
    const double windowMin = double(monoNs() - windowStart) / 60e9;
    for (auto &p : procs)
        if (p->note.empty())
            p->after = sampleProc(p->pid());
    for (auto &p : procs)
        if (p->traced && p->note.empty()) {
            ::kill(p->strace.pid(), SIGINT); // detach
            p->strace.wait(5000);
            p->strace.stop();
        }

    std::map<std::string, std::map<int, long>> rss; // mode -> accounts -> KiB
    for (auto &p : procs) {
        const std::string base = "idle." + p->mode + "." + std::to_string(p->accounts);
        if (p->traced) {
            Figure f;
            f.name = base + ".timer-wakeups";
            f.unit = "/account/min";
            f.label = "value";
            if (p->note.empty()) {
                const std::string trace = readFile(p->dir + "/strace.txt");
                long timeouts = 0, wakes = 0;
                for (const auto &line : split(trace, '\n')) {
                    if (line.find("resumed>") == std::string::npos && line.find(") = ") == std::string::npos)
                        continue;
                    if (line.find(" = ") == std::string::npos)
                        continue;
                    wakes++;
                    if (line.find(" = 0 (Timeout)") != std::string::npos || line.find(" = 0\n") != std::string::npos
                        || (line.size() > 4 && line.compare(line.size() - 4, 4, " = 0") == 0))
                        timeouts++;
                }
                f.hasValue = true;
                f.median = double(timeouts) / p->accounts / windowMin;
                // One IDLE refresh per account per 10 minutes is allowed, plus one per process.
                const double allowed
                    = (double(p->accounts) * std::ceil(windowMin / 10.0) + 1) / p->accounts / windowMin;
                f.goal = "<= " + formatValue(allowed) + " (IDLE refresh every 10 min)";
                f.verdict = f.median <= allowed ? 1 : 0;
                f.note = std::to_string(timeouts) + " poll timeouts, " + std::to_string(wakes) + " poll returns in "
                    + formatValue(windowMin) + " min, strace -f on a twin process";
            } else {
                f.verdict = 3;
                f.note = p->note;
            }
            printFigure(f);
            continue;
        }
        if (!p->note.empty() || !p->after.ok) {
            Figure f;
            f.name = base;
            f.verdict = 3;
            f.note = p->note.empty() ? "process gone" : p->note;
            printFigure(f);
            continue;
        }
        const double cpu = cpuDelta(p->before, p->after);
        Figure c;
        c.name = base + ".cpu";
        c.unit = "CPU-s";
        c.label = "value";
        c.hasValue = true;
        c.median = cpu;
        c.note = "CPU time (schedstat, all threads) over " + formatValue(windowMin) + " min";
        if (p->accounts == 20) {
            const double goal = 0.05 * windowMin / 10.0;
            c.goal = "<= " + formatValue(goal) + " CPU-s (0.05 per 10 min)";
            c.verdict = cpu <= goal ? 1 : 0;
        } else {
            c.verdict = 2;
        }
        printFigure(c);
        Figure w;
        w.name = base + ".wakeups";
        w.unit = "/account/min";
        w.label = "value";
        w.hasValue = true;
        const long vol = voluntaryDelta(p->before, p->after);
        w.median = double(vol) / p->accounts / windowMin;
        w.verdict = 2;
        w.note = std::to_string(vol) + " voluntary context switches (all " + std::to_string(p->after.threads)
            + " threads); the server's \"* OK Still here\" alone is 0.5/account/min";
        printFigure(w);
        Figure r;
        r.name = base + ".rss";
        r.unit = "MiB";
        r.label = "value";
        r.hasValue = true;
        r.median = double(p->after.rssKiB) / 1024.0;
        r.note = "VmRSS; Pss "
            + (p->after.pssKiB >= 0 ? formatValue(double(p->after.pssKiB) / 1024.0) + " MiB"
                                    : std::string("unreadable"));
        r.verdict = 2;
        if (p->mode == "headless" && p->accounts == 1) {
            r.goal = "<= 15 MiB";
            r.verdict = r.median <= 15 ? 1 : 0;
        } else if (p->mode == "desktop" && p->accounts == 20) {
            r.goal = "<= 35 MiB";
            r.verdict = r.median <= 35 ? 1 : 0;
        }
        printFigure(r);
        rss[p->mode][p->accounts] = p->after.rssKiB;
    }
    for (auto &[mode, byCount] : rss) {
        if (!byCount.count(1))
            continue;
        for (auto &[count, kib] : byCount) {
            if (count == 1)
                continue;
            Figure g;
            g.name = "idle." + mode + ".rss-per-account." + std::to_string(count);
            g.unit = "KiB";
            g.label = "value";
            g.hasValue = true;
            g.median = double(kib - byCount[1]) / double(count - 1);
            g.verdict = 2;
            g.note = "(RSS with " + std::to_string(count) + " - RSS with 1) / " + std::to_string(count - 1);
            if (mode == "headless") {
                g.goal = "<= 150 KiB";
                g.verdict = g.median <= 150 ? 1 : 0;
            }
            printFigure(g);
        }
    }
    for (auto &p : procs) {
        p->headless.stop();
        p->desktop.stop();
        p->notifyd.stop();
    }
    return 0;
}

// --- big mailboxes ------------------------------------------------------------------

int runShell(const std::string &cmd)
{
    const int rc = std::system(cmd.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::string shellOutput(const std::string &cmd)
{
    std::string out;
    if (FILE *p = ::popen(cmd.c_str(), "r")) {
        char buf[4096];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
            out.append(buf, n);
        ::pclose(p);
    }
    return out;
}

// The mailbox of `size` messages for `user`: generated once into the cache (keyed by a
// version), indexed by Dovecot, then linked as the user's Maildir. Returns the unseen count.
long prepareBigMailbox(const Fixture &fx, const std::string &data, long size, int user, std::string *error)
{
    const std::string key = "maildir-v1-" + std::to_string(size) + "-u10";
    const std::string cache = data + "/" + key;
    const std::string home = fx.env.at("DOVECOT_DIR") + "/home/" + fx.user(user);
    // The owner of this user's mail: the passwd file's uid and gid (the fixture may give
    // every user a uid of its own), else the env's MAIL_UID / MAIL_GID.
    int uid = std::atoi(fx.env.count("MAIL_UID") ? fx.env.at("MAIL_UID").c_str() : "0");
    int gid = std::atoi(fx.env.count("MAIL_GID") ? fx.env.at("MAIL_GID").c_str() : "0");
    for (const std::string &line : split(readFile(fx.env.at("DOVECOT_DIR") + "/passwd"), '\n')) {
        const std::vector<std::string> f = split(line, ':');
        if (f.size() > 3 && f[0] == fx.user(user)) {
            uid = std::atoi(f[2].c_str());
            gid = std::atoi(f[3].c_str());
        }
    }
    long unseen = -1;
    const std::string marker = readFile(cache + "/.complete");
    if (!marker.empty()) {
        unseen = std::atol(marker.c_str());
    } else {
        logLine("bigmbox: writing " + std::to_string(size) + " messages to " + cache + " (cached for later runs)");
        runShell("rm -rf '" + cache + "'");
        mkdirs(data);
        const int64_t t0 = monoNs();
        unseen = writeMaildir(cache + "/Maildir", size, 10, uid, gid, error);
        if (unseen < 0)
            return -1;
        logLine("bigmbox: written in " + formatValue(nsToMs(monoNs() - t0) / 1000) + " s; indexing with doveadm");
    }
    struct stat st
    { };
    if (::geteuid() == 0 && ::stat((cache + "/Maildir").c_str(), &st) == 0
        && (int(st.st_uid) != uid || int(st.st_gid) != gid)) {
        logLine("bigmbox: giving " + cache + " to " + std::to_string(uid) + ":" + std::to_string(gid));
        runShell("chown -R " + std::to_string(uid) + ":" + std::to_string(gid) + " '" + cache + "/Maildir'");
    }
    ::unlink((home + "/Maildir").c_str());
    runShell("rm -rf '" + home + "/Maildir'");
    mkdirs(home);
    if (::symlink((cache + "/Maildir").c_str(), (home + "/Maildir").c_str()) != 0) {
        *error = "cannot link " + home + "/Maildir";
        return -1;
    }
    // Traversable by the mail user all the way down.
    runShell("d='" + cache + "'; while [ \"$d\" != / ]; do chmod o+x \"$d\" 2>/dev/null; d=$(dirname \"$d\"); done");
    const int64_t t0 = monoNs();
    if (marker.empty())
        runShell(fx.doveadm() + " force-resync -u " + fx.user(user) + " INBOX >/dev/null 2>&1");
    const std::string status
        = shellOutput(fx.doveadm() + " mailbox status -u " + fx.user(user) + " 'messages unseen' INBOX 2>&1");
    const long messages = std::atol(status.substr(status.find("messages=") + 9).c_str());
    const long serverUnseen = std::atol(status.substr(status.find("unseen=") + 7).c_str());
    if (messages != size || serverUnseen != unseen) {
        *error = "Dovecot sees " + trim(status) + ", expected messages=" + std::to_string(size)
            + " unseen=" + std::to_string(unseen);
        return -1;
    }
    if (marker.empty()) {
        logLine("bigmbox: indexed in " + formatValue(nsToMs(monoNs() - t0) / 1000) + " s");
        writeFile(cache + "/.complete", std::to_string(unseen) + "\n");
    }
    return unseen;
}

// Raw server bytes of a few commands, for the parser bench.
void recordStreams(const Fixture &fx, int user, const std::string &dir)
{
    mkdirs(dir);
    MiniImap c;
    if (!c.connect(fx.plainHost(), fx.plainPort(), false, "", 10000)
        || !c.command("LOGIN " + fx.user(user) + " \"" + fx.password(user) + "\"").ok
        || !c.command("EXAMINE INBOX", 120000).ok) {
        logLine("record: cannot open the big mailbox");
        return;
    }
    const std::vector<std::pair<std::string, std::string>> cmds = {
        {"fetch-envelope", "FETCH 1:20000 (UID FLAGS ENVELOPE)"},
        {"search-all", "UID SEARCH ALL"},
        {"search-unseen", "UID SEARCH UNSEEN"},
    };
    for (const auto &[name, cmd] : cmds) {
        const MiniImap::Result r = c.command(cmd, 300000);
        if (!r.ok) {
            logLine("record: " + cmd + " failed");
            continue;
        }
        std::string raw;
        for (const auto &u : r.untagged)
            raw += u + "\r\n";
        raw += r.tagged + "\r\n";
        writeFile(dir + "/" + name + ".imap", raw);
    }
    c.command("LOGOUT", 5000);
}

int cmdBigmbox(const Args &a)
{
    Fixture fx;
    if (!loadFixture(a, &fx))
        return 2;
    const int runs = a.num("runs", 3);
    int user = a.num("first-user", 50);
    const std::string data = a.get("data");
    bool recorded = false;
    for (const auto &sizeText : a.list("sizes", "100000,1000000")) {
        const long size = std::atol(sizeText.c_str());
        const std::string label
            = size >= 1000000 ? std::to_string(size / 1000000) + "M" : std::to_string(size / 1000) + "k";
        const std::string base = "bigmbox." + label;
        std::string error;
        const int64_t t0 = monoNs();
        const long unseen = prepareBigMailbox(fx, data, size, user, &error);
        if (unseen < 0) {
            Figure f;
            f.name = base;
            f.verdict = 3;
            f.note = error;
            printFigure(f);
            ++user;
            continue;
        }
        logLine("bigmbox: " + label + " ready in " + formatValue(nsToMs(monoNs() - t0) / 1000) + " s");
        if (!recorded && !a.get("record").empty()) {
            recordStreams(fx, user, a.get("record"));
            recorded = true;
        }
        std::vector<double> times, kib, hwm;
        std::string note;
        bool wrong = false;
        const std::string dir = a.get("work") + "/bigmbox-" + label;
        for (int r = 0; r < runs && !g_interrupted; ++r) {
            Proxy proxy(fx.host(), fx.imapsPort()); // counts the bytes (TLS records included)
            if (!proxy.start()) {
                note = "proxy failed";
                break;
            }
            AccountSpec acc{"big", user, "127.0.0.1", proxy.port(), true};
            const std::string config = writeConfig(fx, dir, {acc}); // fresh state: a first start
            Headless h;
            if (!h.start(a.get("idlebell"), config, isolatedEnv(dir, false, ""), dir + "/stderr.log")) {
                note = "could not start idlebell";
                break;
            }
            const int64_t deadline = monoNs() + 120000000000LL;
            long peak = 0; // VmHWM is the peak already: read once at the end
            while (!h.unreadNs && monoNs() < deadline && h.child.running() && !g_interrupted) {
                h.pump(1, unseen);
                if (h.allIdleNs && monoNs() - h.allIdleNs > 10000000000LL)
                    break; // idling for 10 s with another count: it will not come
                sleepMs(2);
            }
            sleepMs(200); // whatever follows the count (IDLE) is part of the start
            peak = std::max(peak, sampleProc(h.child.pid()).hwmKiB);
            const uint64_t bytes = proxy.bytesToClient();
            h.stop();
            proxy.stop();
            kib.push_back(double(bytes) / 1024.0);
            hwm.push_back(double(peak) / 1024.0);
            if (!h.unreadNs) {
                note = "never the right count: idling with unread=" + std::to_string(h.lastUnread)
                    + ", the server says " + std::to_string(unseen);
                wrong = true;
                continue;
            }
            times.push_back(nsToMs(h.unreadNs - h.startNs));
        }
        const bool goals = size == 100000;
        Figure f;
        f.name = base + ".start-to-unread";
        const Stats st = stats(times);
        if (st.n) {
            f.hasValue = f.hasP95 = true;
            f.median = st.median;
            f.p95 = st.p95;
            f.n = st.n;
        }
        f.goal = goals ? "<= 1000 ms" : "";
        f.verdict = wrong ? 0 : !st.n ? 3 : goals ? (st.median <= 1000 ? 1 : 0) : 2;
        f.note = note.empty() ? "process start to the JSON unread=" + std::to_string(unseen) + ", TLS, no state file"
                              : note;
        printFigure(f);
        Figure b;
        b.name = base + ".bytes-received";
        b.unit = "KiB";
        const Stats sb = stats(kib);
        if (sb.n) {
            b.hasValue = true;
            b.median = sb.median;
            b.n = sb.n;
        }
        b.goal = goals ? "<= 256 KiB" : "";
        b.verdict = !sb.n ? 3 : goals ? (sb.median <= 256 ? 1 : 0) : 2;
        b.note = "server to client, TLS records included, up to idling";
        printFigure(b);
        Figure m;
        m.name = base + ".peak-rss";
        m.unit = "MiB";
        const Stats sm = stats(hwm);
        if (sm.n) {
            m.hasValue = true;
            m.median = sm.median;
            m.n = sm.n;
        }
        m.verdict = sm.n ? 2 : 3;
        m.note = "VmHWM";
        printFigure(m);
        ++user;
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        std::fprintf(stderr, "usage: ib-bench latency|idle|startup|bigmbox --env FILE ... (see driver.cpp)\n");
        return 2;
    }
    const std::string cmd = argv[1];
    const Args a = parseArgs(argc, argv, 2);
    mkdirs(a.get("work", "/tmp/ib-bench"));
    if (cmd == "latency")
        return cmdLatency(a);
    if (cmd == "idle")
        return cmdIdle(a);
    if (cmd == "startup")
        return cmdStartup(a);
    if (cmd == "bigmbox")
        return cmdBigmbox(a);
    std::fprintf(stderr, "ib-bench: unknown command %s\n", cmd.c_str());
    return 2;
}
