// Idlebell: command line, application object, wiring. Nothing else lives here.

#include "core/AccountStore.h"
#include "core/JsonEventWriter.h"
#include "core/Monitor.h"
#include "core/SecretStore.h"
#include "core/StateStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <memory>
#include <unistd.h>

namespace {

int g_signalPipe[2] = {-1, -1};

void onUnixSignal(int)
{
    const char c = 1;
    // Only async-signal-safe calls here.
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &c, 1);
}

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

struct Options
{
    bool headless = false;
    bool checkNow = false;
    bool settings = false;
    QString configPath;
    QString statePath;
};

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

int runHeadless(QCoreApplication &app, const Options &options)
{
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        std::fprintf(stderr, "idlebell: cannot write to stdout\n");
        return 1;
    }
    core::AccountStore store(options.configPath);
    const core::AccountStore::LoadResult loaded = store.load();
    core::StateStore state(options.statePath);
    const QString stateWarning = state.load();

    core::SecretStore secrets;
    core::Monitor monitor(&state, &secrets);
    core::JsonEventWriter writer(&monitor, &out);
    for (const QString &w : loaded.warnings)
        writer.write(QStringLiteral("warning"), {{QStringLiteral("reason"), w}});
    if (!stateWarning.isEmpty())
        writer.write(QStringLiteral("warning"), {{QStringLiteral("reason"), stateWarning}});

    bool anyEnabled = false;
    for (const core::Account &a : loaded.accounts)
        anyEnabled = anyEnabled || a.enabled;
    if (!anyEnabled) {
        writer.write(QStringLiteral("error"),
                     {{QStringLiteral("kind"), QStringLiteral("configuration")},
                      {QStringLiteral("reason"),
                       QCoreApplication::translate("main", "No enabled account in %1; see the README to add one.")
                           .arg(options.configPath)}});
        return 2;
    }

    handleTerminationSignals([&] {
        monitor.stop();
        // Give the LOGOUTs a moment to leave.
        QTimer::singleShot(200, &app, &QCoreApplication::quit);
    });
    monitor.apply(loaded.accounts);
    if (options.checkNow)
        monitor.checkNow();
    return app.exec();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("idlebell"));
    QCoreApplication::setApplicationVersion(QStringLiteral(IDLEBELL_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("idlebell"));

    QCoreApplication app(argc, argv);
    const Options options = parseCommandLine(app);
    if (options.headless)
        return runHeadless(app, options);
    std::fprintf(stderr, "idlebell: the desktop mode is not built yet; use --headless\n");
    return 2;
}
