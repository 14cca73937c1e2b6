#pragma once
// One line per figure, the same shape everywhere:
//   NAME  median 0.41 ms  p95 0.90 ms  n 100  goal <= 1 ms ...  floor 0.35 ms  ratio 1.17  PASS
// Verdicts: PASS / FAIL (a goal is set), INFO (no goal), N/A (could not be measured:
// the note says why). Header-only: the Qt-free driver and the Qt parser bench share it.

#include <cmath>
#include <cstdio>
#include <string>

namespace bench {

struct Figure
{
    std::string name;
    std::string unit = "ms";
    bool hasValue = false;
    double median = 0;
    bool hasP95 = false;
    double p95 = 0;
    size_t n = 0;
    std::string label = "median"; // what `median` is: "median", "best", "value", ...
    std::string goal;             // empty: no goal
    int verdict = 0;              // 1 pass, 0 fail, 2 info, 3 n/a
    bool hasFloor = false;
    double floor = 0;
    std::string note;
};

inline std::string formatValue(double v)
{
    char b[64];
    const double a = std::fabs(v);
    if (v == std::floor(v) && a < 1e9)
        std::snprintf(b, sizeof b, "%.0f", v);
    else if (a >= 1000)
        std::snprintf(b, sizeof b, "%.0f", v);
    else if (a >= 100)
        std::snprintf(b, sizeof b, "%.1f", v);
    else if (a >= 10)
        std::snprintf(b, sizeof b, "%.2f", v);
    else
        std::snprintf(b, sizeof b, "%.3f", v);
    return b;
}

inline std::string figureLine(const Figure &f)
{
    char name[64];
    std::snprintf(name, sizeof name, "%-40s", f.name.c_str());
    std::string line = name;
    if (f.hasValue) {
        line += " " + f.label + " " + formatValue(f.median) + " " + f.unit;
        if (f.hasP95)
            line += "  p95 " + formatValue(f.p95) + " " + f.unit;
        if (f.n)
            line += "  n " + std::to_string(f.n);
    }
    if (!f.goal.empty())
        line += "  goal " + f.goal;
    if (f.hasFloor && f.hasValue) {
        line += "  floor " + formatValue(f.floor) + " " + f.unit;
        if (f.floor > 0)
            line += "  ratio " + formatValue(f.median / f.floor);
    }
    static const char *verdicts[] = {"FAIL", "PASS", "INFO", "N/A"};
    line += std::string("  ") + verdicts[f.verdict < 0 || f.verdict > 3 ? 3 : f.verdict];
    if (!f.note.empty())
        line += "  (" + f.note + ")";
    return line;
}

inline void printFigure(const Figure &f)
{
    std::printf("%s\n", figureLine(f).c_str());
    std::fflush(stdout);
}

} // namespace bench
