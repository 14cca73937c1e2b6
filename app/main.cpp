// Idlebell: command line, application object, wiring. Nothing else lives here.

#include "core/AccountStore.h"
#include "core/JsonEventWriter.h"
#include "core/Monitor.h"
#include "core/SecretStore.h"
#include "core/StateStore.h"
#include "core/SystemEvents.h"
#include "ui/BadgeRenderer.h"
#include "ui/DesktopController.h"
#include "ui/SingleInstance.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDBusConnection>
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
    // Resume from suspend and a network that comes back: reconnect at once
    // instead of waiting for a dead link to show.
    core::SystemEvents systemEvents;
    QObject::connect(&systemEvents, &core::SystemEvents::resumed, &monitor, &core::Monitor::reconnectAll);
    QObject::connect(&systemEvents, &core::SystemEvents::networkAvailable, &monitor, &core::Monitor::reconnectAll);
    monitor.apply(loaded.accounts);
    if (options.checkNow)
        monitor.checkNow();
    return app.exec();
}

// The tray app. One instance per user and settings file (ui::SingleInstance):
// a second launch hands its request (--settings, --check-now, or "show the
// settings" when it has none) to the first one and exits 0.
int runDesktop(QApplication &app, const Options &options)
{
    QApplication::setQuitOnLastWindowClosed(false);
    QApplication::setWindowIcon(ui::BadgeRenderer::appIcon());
    // The application id: the installed desktop entry's name (cmake/Install.cmake).
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.idlebell.Idlebell"));

    QList<ui::SingleInstance::Request> requests;
    if (options.settings)
        requests << ui::SingleInstance::Request::OpenSettings;
    if (options.checkNow)
        requests << ui::SingleInstance::Request::CheckNow;
    ui::SingleInstance instance(ui::SingleInstance::serverNameFor(options.configPath));
    switch (instance.start()) {
    case ui::SingleInstance::Role::Secondary:
        if (requests.isEmpty())
            requests << ui::SingleInstance::Request::OpenSettings;
        if (!instance.send(requests)) {
            std::fprintf(stderr, "idlebell: %s\n", qPrintable(instance.errorString()));
            return 1;
        }
        return 0;
    case ui::SingleInstance::Role::Failed:
        std::fprintf(stderr, "idlebell: %s; running without the single-instance check\n",
                     qPrintable(instance.errorString()));
        break;
    case ui::SingleInstance::Role::Primary:
        break;
    }

    core::AccountStore store(options.configPath);
    const core::AccountStore::LoadResult loaded = store.load();
    for (const QString &w : loaded.warnings)
        std::fprintf(stderr, "idlebell: %s\n", qPrintable(w));
    core::StateStore state(options.statePath);
    const QString stateWarning = state.load();
    if (!stateWarning.isEmpty())
        std::fprintf(stderr, "idlebell: %s\n", qPrintable(stateWarning));

    core::SecretStore secrets;
    core::Monitor monitor(&state, &secrets);
    ui::DesktopController desktop(&monitor, &secrets, options.configPath, QDBusConnection::sessionBus());

    // Suspend and network changes make every connection suspect.
    core::SystemEvents systemEvents;
    QObject::connect(&systemEvents, &core::SystemEvents::resumed, &monitor, &core::Monitor::reconnectAll);
    QObject::connect(&systemEvents, &core::SystemEvents::resumed, &desktop, &ui::DesktopController::reevaluate);
    QObject::connect(&systemEvents, &core::SystemEvents::networkAvailable, &monitor, &core::Monitor::reconnectAll);

    QObject::connect(&instance, &ui::SingleInstance::requestReceived, &desktop,
                     [&desktop](ui::SingleInstance::Request request) {
                         if (request == ui::SingleInstance::Request::CheckNow)
                             desktop.checkNow();
                         else
                             desktop.openSettings();
                     });

    bool quitting = false;
    const auto quit = [&] {
        if (quitting)
            return;
        quitting = true;
        monitor.stop();
        // Give the LOGOUTs a moment to leave.
        QTimer::singleShot(200, &app, &QCoreApplication::quit);
    };
    handleTerminationSignals(quit);
    QObject::connect(&desktop, &ui::DesktopController::quitRequested, &app, quit);

    desktop.start(loaded.accounts, loaded.preferences);
    if (options.settings)
        desktop.openSettings();
    if (options.checkNow)
        monitor.checkNow();
    return app.exec();
}

// True when argv asks for something that needs no display: headless mode,
// or only --help / --version. Those run on a QCoreApplication.
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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("idlebell"));
    QCoreApplication::setApplicationVersion(QStringLiteral(IDLEBELL_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("idlebell"));

    if (needsNoDisplay(argc, argv)) {
        // Headless output stays as it always was (untranslated).
        QCoreApplication app(argc, argv);
        const Options options = parseCommandLine(app);
        if (options.headless)
            return runHeadless(app, options);
        return 0; // not reached: --help and --version exit in parseCommandLine()
    }
    QApplication app(argc, argv);
    ui::installTranslators(app);
    const Options options = parseCommandLine(app);
    return runDesktop(app, options);
}
