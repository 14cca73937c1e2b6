#include "common.h"

#include "core/AccountStore.h"
#include "core/StateStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <csignal>
#include <unistd.h>

namespace app {

namespace {

int g_signalPipe[2] = {-1, -1};

void onUnixSignal(int)
{
    const char c = 1;
    // Only async-signal-safe calls here.
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &c, 1);
}

} // namespace

// SIGINT / SIGTERM end the event loop cleanly (LOGOUT, state saved).
void handleTerminationSignals(const std::function<void()> &onSignal)
{
    if (::pipe(g_signalPipe) != 0)
        return;
    struct sigaction sa = {};
    sa.sa_handler = onUnixSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &sa, nullptr);
    ::sigaction(SIGTERM, &sa, nullptr);
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, qApp);
    QObject::connect(notifier, &QSocketNotifier::activated, qApp, [onSignal] {
        char c;
        [[maybe_unused]] const ssize_t n = ::read(g_signalPipe[0], &c, 1);
        onSignal();
    });
}

Options parseCommandLine(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Tells you the moment new mail arrives, using IMAP IDLE."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption headless(
        QStringLiteral("headless"),
        QCoreApplication::translate("main", "No tray and no windows: print one JSON object per event on stdout."));
    const QCommandLineOption config(QStringLiteral("config"),
                                    QCoreApplication::translate("main", "Use this settings file instead of %1.")
                                        .arg(core::AccountStore::defaultPath()),
                                    QCoreApplication::translate("main", "FILE"));
    const QCommandLineOption state(
        QStringLiteral("state"),
        QCoreApplication::translate("main",
                                    "Keep what was already notified in this file (default: next to --config, "
                                    "else %1).")
            .arg(core::StateStore::defaultPath()),
        QCoreApplication::translate("main", "FILE"));
    const QCommandLineOption checkNow(QStringLiteral("check-now"),
                                      QCoreApplication::translate("main", "Check every account at once."));
    const QCommandLineOption settings(QStringLiteral("settings"),
                                      QCoreApplication::translate("main", "Open the settings dialog."));
    const QCommandLineOption verbose(
        QStringLiteral("verbose"),
        QCoreApplication::translate("main", "Log what the sessions do on stderr (never passwords)."));
    parser.addOptions({headless, config, state, checkNow, settings, verbose});
    parser.process(app);

    if (parser.isSet(verbose))
        QLoggingCategory::setFilterRules(QStringLiteral("idlebell.*.debug=true\nidlebell.session.trace.debug=false"));
    Options o;
    o.headless = parser.isSet(headless);
    o.checkNow = parser.isSet(checkNow);
    o.settings = parser.isSet(settings);
    o.configPath = parser.isSet(config) ? parser.value(config) : core::AccountStore::defaultPath();
    if (parser.isSet(state))
        o.statePath = parser.value(state);
    else if (parser.isSet(config))
        o.statePath = core::StateStore::pathForConfig(o.configPath);
    else
        o.statePath = core::StateStore::defaultPath();
    return o;
}

bool needsNoDisplay(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--")
            break;
        if (arg == "--headless" || arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-?" || arg == "-v"
            || arg == "--version")
            return true;
    }
    return false;
}

} // namespace app
