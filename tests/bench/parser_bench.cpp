// ib-parser-bench: imap::Parser throughput on recorded response streams.
//
//   ib-parser-bench [--runs N] [--mib M] [--chunk BYTES] [--goal MBPS] NAME=FILE...
//   ib-parser-bench ... --synthetic      (adds generated FETCH ENVELOPE and SEARCH streams)
//
// Each stream is repeated to at least M MiB (default 64), fed to one Parser in
// socket-sized chunks (default 16 KiB) and drained with next() after every
// feed, as the session does, on one thread. Prints one figure line per stream:
// best and median MB/s (1 MB = 10^6 bytes) over N runs (default 7).

#include "Figures.h"
#include "imap/Parser.h"

#include <QByteArray>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

namespace {

double nowSeconds()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

QByteArray syntheticFetch(int count)
{
    static const char *names[] = {"Ada Lovelace", "Grace Hopper",      "=?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?=",
                                  "Linus",        "Margaret Hamilton", "=?ISO-8859-1?Q?Ren=E9_Dupont?="};
    static const char *subjects[]
        = {"Re: Engines and the analytical machine", "Weekly report",
           "=?UTF-8?Q?Caf=C3=A9_tomorrow=3F?=", "[list] Patch v3 3/7: session: renew IDLE before the server's timeout",
           "Hi"};
    QByteArray out;
    for (int i = 1; i <= count; ++i) {
        const char *name = names[i % 6];
        const char *subject = subjects[i % 5];
        char line[2048];
        const int n = std::snprintf(
            line, sizeof line,
            "* %d FETCH (UID %d FLAGS (%s) ENVELOPE (\"Mon, 23 Nov 2026 09:%02d:%02d +0100\" \"%s\" ((\"%s\" NIL "
            "\"user%d\" \"example.org\")) ((\"%s\" NIL \"user%d\" \"example.org\")) ((\"%s\" NIL \"user%d\" "
            "\"example.org\")) ((NIL NIL \"me\" \"example.net\")) NIL NIL %s \"<%d.%d@mail.example.org>\"))\r\n",
            i, i + 1000, i % 10 ? "\\Seen" : "", i % 60, (i * 7) % 60, subject, name, i % 97, name, i % 97, name,
            i % 97, i % 3 ? "NIL" : "\"<parent@example.org>\"", i, i * 31);
        out.append(line, n);
        if (i % 50 == 0) { // now and then a literal, as servers send for odd bytes
            const QByteArray lit = "Subject with a \"quote\" and a literal";
            out += "* " + QByteArray::number(i) + " FETCH (UID " + QByteArray::number(i + 1000) + " ENVELOPE (NIL {"
                + QByteArray::number(lit.size()) + "}\r\n" + lit + " NIL NIL NIL NIL NIL NIL NIL NIL))\r\n";
        }
    }
    out += "A1 OK Fetch completed.\r\n";
    return out;
}

QByteArray syntheticSearch(int count)
{
    QByteArray out = "* SEARCH";
    for (int i = 1; i <= count; ++i) {
        out += ' ';
        out += QByteArray::number(i * 3 + 100000);
    }
    out += "\r\nA2 OK Search completed.\r\n";
    return out;
}

struct Run
{
    double mbps = 0;
    long responses = 0;
    long errors = 0;
};

Run runOnce(const QByteArray &data, qsizetype chunk)
{
    imap::Parser parser;
    Run r;
    const double t0 = nowSeconds();
    for (qsizetype off = 0; off < data.size(); off += chunk) {
        parser.feed(QByteArrayView(data.constData() + off, std::min(chunk, data.size() - off)));
        for (;;) {
            imap::Parser::Result res = parser.next();
            if (res.status == imap::Parser::Result::Status::NeedMoreData)
                break;
            if (res.status == imap::Parser::Result::Status::Ok)
                r.responses++;
            else {
                r.errors++;
                if (res.error.fatal) {
                    parser.reset();
                    break;
                }
            }
        }
    }
    const double t = nowSeconds() - t0;
    r.mbps = double(data.size()) / 1e6 / t;
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    int runs = 7;
    double mib = 64;
    qsizetype chunk = 16384;
    double goal = 500;
    std::vector<std::pair<std::string, QByteArray>> streams;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc)
            runs = std::max(1, std::atoi(argv[++i]));
        else if (a == "--mib" && i + 1 < argc)
            mib = std::atof(argv[++i]);
        else if (a == "--chunk" && i + 1 < argc)
            chunk = std::max(1, std::atoi(argv[++i]));
        else if (a == "--goal" && i + 1 < argc)
            goal = std::atof(argv[++i]);
        else if (a == "--synthetic") {
            streams.emplace_back("synthetic-fetch-envelope", syntheticFetch(20000));
            streams.emplace_back("synthetic-search-100k", syntheticSearch(100000));
        } else if (a.find('=') != std::string::npos) {
            QFile f(QString::fromStdString(a.substr(a.find('=') + 1)));
            if (!f.open(QIODevice::ReadOnly) || f.size() == 0) {
                std::fprintf(stderr, "ib-parser-bench: cannot read %s\n", a.c_str());
                continue;
            }
            streams.emplace_back(a.substr(0, a.find('=')), f.readAll());
        }
    }
    if (streams.empty()) {
        std::fprintf(stderr, "usage: ib-parser-bench [--runs N] [--mib M] [--chunk B] NAME=FILE... [--synthetic]\n");
        return 2;
    }
    for (const auto &[name, one] : streams) {
        QByteArray data;
        const qsizetype target = qsizetype(mib * 1024 * 1024);
        data.reserve(target + one.size());
        while (data.size() < target)
            data += one;
        runOnce(data, chunk); // warm-up: page faults, caches
        std::vector<double> rates;
        Run last;
        for (int r = 0; r < runs; ++r) {
            last = runOnce(data, chunk);
            rates.push_back(last.mbps);
        }
        std::sort(rates.begin(), rates.end());
        bench::Figure f;
        f.name = "parser." + name;
        f.unit = "MB/s";
        f.label = "best";
        f.hasValue = true;
        f.median = rates.back();
        f.n = rates.size();
        f.goal = ">= " + bench::formatValue(goal) + " MB/s (best)";
        f.verdict = rates.back() >= goal ? 1 : 0;
        const double median = rates[rates.size() / 2];
        f.note = "median " + bench::formatValue(median) + " MB/s, worst " + bench::formatValue(rates.front())
            + " MB/s; " + std::to_string(one.size()) + " B recorded x" + std::to_string(data.size() / one.size()) + ", "
            + std::to_string(last.responses) + " responses/run"
            + (last.errors ? ", " + std::to_string(last.errors) + " ERRORS" : std::string());
        if (last.errors)
            f.verdict = 0;
        bench::printFigure(f);
    }
    return 0;
}
