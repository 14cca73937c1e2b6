// Replays inputs through a fuzz target without libFuzzer: the CTest tests
// fuzz.replay.<target> run every file of the corpus and of the regressions,
// so every build checks that no input found by fuzzing crashes again.
//
//   fuzz_replay_<target> PATH...   files, or directories (read recursively)
//
// A missing path is skipped with a note (a target may have no regressions
// yet); no input at all is an error. The name of each input is printed before
// it runs, so after a crash the last "Running:" line names the culprit.

#include "FuzzSupport.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

bool readFile(const fs::path &path, std::vector<uint8_t> &out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return !in.bad();
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        const fs::path path(argv[i]);
        std::error_code ec;
        if (fs::is_regular_file(path, ec)) {
            files.push_back(path);
        } else if (fs::is_directory(path, ec)) {
            for (const auto &entry : fs::recursive_directory_iterator(path, ec))
                if (entry.is_regular_file())
                    files.push_back(entry.path());
        } else {
            std::fprintf(stderr, "Skipping %s: no such file or directory\n", argv[i]);
        }
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        std::fprintf(stderr, "No inputs to replay\n");
        return 1;
    }

    using Clock = std::chrono::steady_clock;
    const auto begin = Clock::now();
    double slowestMs = 0;
    std::string slowest;
    std::vector<uint8_t> data;
    for (const fs::path &file : files) {
        std::fprintf(stderr, "Running: %s\n", file.c_str());
        if (!readFile(file, data)) {
            std::fprintf(stderr, "Cannot read %s\n", file.c_str());
            return 1;
        }
        const auto start = Clock::now();
        LLVMFuzzerTestOneInput(data.data(), data.size());
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (ms > slowestMs) {
            slowestMs = ms;
            slowest = file.string();
        }
    }
    const double totalMs = std::chrono::duration<double, std::milli>(Clock::now() - begin).count();
    std::printf("Replayed %zu inputs in %.0f ms (slowest %.1f ms: %s)\n", files.size(), totalMs, slowestMs,
                slowest.c_str());
    return 0;
}
