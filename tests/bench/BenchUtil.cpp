#include "BenchUtil.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

namespace bench {

int64_t monoNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

void sleepMs(int64_t ms)
{
    if (ms <= 0)
        return;
    timespec ts{time_t(ms / 1000), long(ms % 1000) * 1000000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) { }
}

Stats stats(std::vector<double> v)
{
    Stats s;
    s.n = v.size();
    if (v.empty())
        return s;
    std::sort(v.begin(), v.end());
    auto rank = [&](double q) {
        size_t r = size_t(std::ceil(q * double(v.size())));
        r = std::max<size_t>(1, std::min(r, v.size()));
        return v[r - 1];
    };
    s.median = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    s.p95 = rank(0.95);
    s.min = v.front();
    s.max = v.back();
    double sum = 0;
    for (double x : v)
        sum += x;
    s.mean = sum / double(v.size());
    return s;
}

bool LineReader::hasBufferedLine() const
{
    return m_buf.find('\n') != std::string::npos;
}

int LineReader::readLine(std::string &line, int timeoutMs)
{
    const int64_t deadline = monoNs() + int64_t(timeoutMs) * 1000000;
    for (;;) {
        const size_t nl = m_buf.find('\n');
        if (nl != std::string::npos) {
            line.assign(m_buf, 0, nl);
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            m_buf.erase(0, nl + 1);
            return 1;
        }
        if (m_fd < 0)
            return -1;
        const int64_t left = deadline - monoNs();
        if (left <= 0)
            return 0;
        pollfd p{m_fd, POLLIN, 0};
        const int r = ::poll(&p, 1, int(std::max<int64_t>(1, left / 1000000)));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            continue;
        char buf[65536];
        const ssize_t n = ::read(m_fd, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0) {
            if (!m_buf.empty()) { // last line without \n
                line.swap(m_buf);
                m_buf.clear();
                return 1;
            }
            return -1;
        }
        m_buf.append(buf, size_t(n));
    }
}

Child::~Child()
{
    stop(1000);
}

bool Child::start(const std::vector<std::string> &argv, const std::vector<std::string> &env,
                  const std::string &stderrPath, bool pipeStdin)
{
    int out[2], in[2] = {-1, -1};
    if (::pipe2(out, O_CLOEXEC) != 0)
        return false;
    if (pipeStdin && ::pipe2(in, O_CLOEXEC) != 0)
        return false;
    std::vector<std::string> envStore;
    for (char **e = environ; *e; ++e) {
        const std::string kv = *e;
        const std::string key = kv.substr(0, kv.find('='));
        bool overridden = false;
        for (const auto &o : env)
            overridden = overridden || o.substr(0, o.find('=')) == key;
        if (!overridden)
            envStore.push_back(kv);
    }
    for (const auto &o : env)
        envStore.push_back(o);
    std::vector<char *> envp, args;
    for (auto &s : envStore)
        envp.push_back(const_cast<char *>(s.c_str()));
    envp.push_back(nullptr);
    for (auto &s : argv)
        args.push_back(const_cast<char *>(s.c_str()));
    args.push_back(nullptr);

    const pid_t pid = ::fork();
    if (pid < 0)
        return false;
    if (pid == 0) {
        ::dup2(out[1], 1);
        if (pipeStdin)
            ::dup2(in[0], 0);
        else {
            const int devnull = ::open("/dev/null", O_RDONLY);
            ::dup2(devnull, 0);
        }
        const int err = ::open(stderrPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (err >= 0)
            ::dup2(err, 2);
        ::setpgid(0, 0); // its own group: stop() ends whatever it started too
        ::execve(args[0], args.data(), envp.data());
        std::fprintf(stderr, "exec %s: %s\n", args[0], std::strerror(errno));
        ::_exit(127);
    }
    ::close(out[1]);
    m_out = out[0];
    if (pipeStdin) {
        ::close(in[0]);
        m_in = in[1];
    }
    m_pid = pid;
    m_status = -1;
    return true;
}

bool Child::running()
{
    return wait(0) == -2;
}

int Child::wait(int ms)
{
    if (m_pid <= 0)
        return m_status;
    const int64_t deadline = monoNs() + int64_t(ms) * 1000000;
    for (;;) {
        int status = 0;
        const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
        if (r == m_pid) {
            m_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            m_pid = -1;
            return m_status;
        }
        if (r < 0) {
            m_pid = -1;
            return m_status;
        }
        if (monoNs() >= deadline)
            return -2;
        sleepMs(5);
    }
}

void Child::closeStdin()
{
    if (m_in >= 0)
        ::close(m_in);
    m_in = -1;
}

int Child::stop(int graceMs)
{
    if (m_pid > 0) {
        closeStdin();
        ::kill(m_pid, SIGTERM);
        if (wait(graceMs) == -2) {
            ::kill(-m_pid, SIGKILL);
            ::kill(m_pid, SIGKILL);
            wait(2000);
        }
        ::kill(-m_pid, SIGKILL); // leftovers of its group (bounded: only its own group)
    }
    closeStdin();
    if (m_out >= 0)
        ::close(m_out);
    m_out = -1;
    return m_status;
}

namespace {
long statusField(const std::string &text, const char *key)
{
    const size_t at = text.find(key);
    if (at == std::string::npos)
        return -1;
    return std::strtol(text.c_str() + at + std::strlen(key), nullptr, 10);
}
} // namespace

ProcSample sampleProc(pid_t pid)
{
    ProcSample s;
    const std::string base = "/proc/" + std::to_string(pid);
    const std::string stat = readFile(base + "/stat");
    const size_t close = stat.rfind(')');
    if (stat.empty() || close == std::string::npos)
        return s;
    // fields after ") ": state(3) ... utime(14) stime(15)
    std::vector<std::string> f = split(stat.substr(close + 2), ' ');
    if (f.size() < 13)
        return s;
    const double tick = double(::sysconf(_SC_CLK_TCK));
    s.cpuSeconds = (std::strtod(f[11].c_str(), nullptr) + std::strtod(f[12].c_str(), nullptr)) / tick;
    const std::string status = readFile(base + "/status");
    s.rssKiB = statusField(status, "VmRSS:");
    s.hwmKiB = statusField(status, "VmHWM:");
    const std::string rollup = readFile(base + "/smaps_rollup");
    if (!rollup.empty())
        s.pssKiB = statusField(rollup, "\nPss:");
    if (DIR *d = ::opendir((base + "/task").c_str())) {
        while (dirent *e = ::readdir(d)) {
            if (e->d_name[0] == '.')
                continue;
            const std::string ts = readFile(base + "/task/" + e->d_name + "/status");
            const long v = statusField(ts, "\nvoluntary_ctxt_switches:");
            const long nv = statusField(ts, "nonvoluntary_ctxt_switches:");
            const std::string sched = readFile(base + "/task/" + e->d_name + "/schedstat");
            if (!sched.empty())
                s.cpuNsByThread[std::atol(e->d_name)] = std::atoll(sched.c_str());
            if (v >= 0) {
                s.voluntaryCtx += v;
                s.voluntaryByThread[std::atol(e->d_name)] = v;
            }
            if (nv >= 0)
                s.involuntaryCtx += nv;
            s.threads++;
        }
        ::closedir(d);
    }
    s.ok = true;
    return s;
}

long voluntaryDelta(const ProcSample &before, const ProcSample &after)
{
    long sum = 0;
    for (const auto &[tid, v] : after.voluntaryByThread) {
        auto it = before.voluntaryByThread.find(tid);
        sum += std::max(0L, v - (it == before.voluntaryByThread.end() ? 0 : it->second));
    }
    return sum;
}

double cpuDelta(const ProcSample &before, const ProcSample &after)
{
    if (after.cpuNsByThread.empty())
        return std::max(0.0, after.cpuSeconds - before.cpuSeconds);
    long long sum = 0;
    for (const auto &[tid, ns] : after.cpuNsByThread) {
        auto it = before.cpuNsByThread.find(tid);
        sum += std::max(0LL, ns - (it == before.cpuNsByThread.end() ? 0 : it->second));
    }
    return double(sum) / 1e9;
}

std::map<std::string, std::string> readEnvFile(const std::string &path)
{
    std::map<std::string, std::string> env;
    for (const std::string &line : split(readFile(path), '\n')) {
        if (line.empty() || line[0] == '#')
            continue;
        const size_t eq = line.find('=');
        if (eq == std::string::npos)
            continue;
        std::string v = line.substr(eq + 1);
        if (v.size() >= 2 && v.front() == '\'' && v.back() == '\'')
            v = v.substr(1, v.size() - 2);
        env[line.substr(0, eq)] = v;
    }
    return env;
}

bool writeFile(const std::string &path, const std::string &content)
{
    FILE *f = std::fopen(path.c_str(), "wb");
    if (!f)
        return false;
    const bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
    return std::fclose(f) == 0 && ok;
}

std::string readFile(const std::string &path)
{
    std::string out;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return out;
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n <= 0)
            break;
        out.append(buf, size_t(n));
    }
    ::close(fd);
    return out;
}

bool mkdirs(const std::string &path)
{
    std::string cur;
    for (const std::string &part : split(path, '/')) {
        cur += part + "/";
        if (part.empty())
            continue;
        if (::mkdir(cur.c_str(), 0755) != 0 && errno != EEXIST)
            return false;
    }
    return true;
}

std::string trim(const std::string &s)
{
    size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a])))
        ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1])))
        --b;
    return s.substr(a, b - a);
}

std::vector<std::string> split(const std::string &s, char sep)
{
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        const size_t at = s.find(sep, start);
        if (at == std::string::npos) {
            out.push_back(s.substr(start));
            return out;
        }
        out.push_back(s.substr(start, at - start));
        start = at + 1;
    }
}

std::string fmt(const char *format, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, format);
    std::vsnprintf(buf, sizeof buf, format, ap);
    va_end(ap);
    return buf;
}

} // namespace bench
