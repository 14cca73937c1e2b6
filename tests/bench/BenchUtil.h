#pragma once
// Plain POSIX helpers for the benchmark programs: no Qt, so the floor client
// and the driver carry no framework. Every wait is bounded.

#include <cstdint>
#include <map>
#include <string>
#include <sys/types.h>
#include <vector>

namespace bench {

// CLOCK_MONOTONIC in nanoseconds: the one clock every bench process shares.
int64_t monoNs();
inline double nsToMs(int64_t ns)
{
    return double(ns) / 1e6;
}
void sleepMs(int64_t ms);

struct Stats
{
    size_t n = 0;
    double median = 0, p95 = 0, min = 0, max = 0, mean = 0;
};
// Median and p95 by nearest rank; n == 0 when empty.
Stats stats(std::vector<double> values);

// A line-buffered reader over a file descriptor; readLine waits at most timeoutMs.
class LineReader
{
public:
    explicit LineReader(int fd = -1)
        : m_fd(fd)
    { }
    void setFd(int fd) { m_fd = fd; }
    int fd() const { return m_fd; }
    // 1: a line (without \n, \r stripped), 0: timeout, -1: EOF or error.
    int readLine(std::string &line, int timeoutMs);
    bool hasBufferedLine() const;

private:
    int m_fd;
    std::string m_buf;
};

// A child process with stdout (and optionally stdin) on pipes; stderr goes to a file.
class Child
{
public:
    Child() = default;
    ~Child();
    Child(const Child &) = delete;
    Child &operator=(const Child &) = delete;

    // argv[0] is the program; env entries "K=V" are added to (or override) ours.
    bool start(const std::vector<std::string> &argv, const std::vector<std::string> &env = {},
               const std::string &stderrPath = "/dev/null", bool pipeStdin = true);
    pid_t pid() const { return m_pid; }
    int stdoutFd() const { return m_out; }
    int stdinFd() const { return m_in; }
    bool running();
    // SIGTERM, wait up to graceMs, then SIGKILL. Returns the exit status (or -1).
    int stop(int graceMs = 3000);
    // Wait for exit up to ms; -2 when still running.
    int wait(int ms);
    void closeStdin();

private:
    pid_t m_pid = -1;
    int m_out = -1;
    int m_in = -1;
    int m_status = -1;
};

// What /proc says about a process (all threads).
struct ProcSample
{
    bool ok = false;
    double cpuSeconds = 0; // utime + stime
    long voluntaryCtx = 0; // summed over /proc/PID/task/*/status
    long involuntaryCtx = 0;
    long rssKiB = 0;  // VmRSS
    long hwmKiB = 0;  // VmHWM
    long pssKiB = -1; // smaps_rollup Pss, -1 if unreadable
    int threads = 0;
    std::map<long, long> voluntaryByThread;  // tid -> voluntary switches
    std::map<long, long long> cpuNsByThread; // tid -> /proc/PID/task/TID/schedstat run time (ns)
};
// CPU seconds between two samples from schedstat (ns resolution; utime+stime ticks are
// 10 ms), thread by thread like voluntaryDelta; falls back to the ticks if unreadable.
double cpuDelta(const ProcSample &before, const ProcSample &after);
// Voluntary context switches between two samples, thread by thread (a thread that ended
// in between loses its count; a new one counts from 0), never negative.
long voluntaryDelta(const ProcSample &before, const ProcSample &after);
ProcSample sampleProc(pid_t pid);

// KEY=VALUE file (the fixture's env); quotes around values removed.
std::map<std::string, std::string> readEnvFile(const std::string &path);
bool writeFile(const std::string &path, const std::string &content);
std::string readFile(const std::string &path);
bool mkdirs(const std::string &path);
std::string trim(const std::string &s);
std::vector<std::string> split(const std::string &s, char sep);
std::string fmt(const char *format, ...) __attribute__((format(printf, 1, 2)));

} // namespace bench
