#pragma once

// What the idlebell executable and its desktop module share: the command
// line, and a clean exit on SIGINT / SIGTERM.

#include <QString>

#include <functional>

class QCoreApplication;

namespace app {

struct Options
{
    bool headless = false;
    bool checkNow = false;
    bool settings = false;
    QString configPath;
    QString statePath;
};

// --help and --version print and exit here.
Options parseCommandLine(const QCoreApplication &app);

// SIGINT / SIGTERM call onSignal from the event loop (then: LOGOUT, quit).
void handleTerminationSignals(const std::function<void()> &onSignal);

// True when argv asks for something that needs no display: headless mode, or
// only --help / --version. Those run on a QCoreApplication, without the
// desktop module.
bool needsNoDisplay(int argc, char **argv);

} // namespace app
