// Idlebell: command line, application object, wiring. The headless mode
// lives here; the desktop app (tray, windows: Qt Gui and Widgets, fonts, X11
// or Wayland) is a module loaded only when it is wanted, so that a headless
// process does not map any of it (its memory is a benchmark goal).

#include "common.h"

#include "core/AccountStore.h"
#include "core/JsonEventWriter.h"
#include "core/Monitor.h"
#include "core/SecretStore.h"
#include "core/StateStore.h"
#include "core/SystemEvents.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QLibrary>
#include <QTimer>

#include <cstdio>

using namespace app;

namespace {

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

// The desktop module: next to the executable in a build tree, in
// <libdir>/idlebell/ once installed; IDLEBELL_DESKTOP_MODULE overrides.
int runDesktopModule(int argc, char **argv)
{
    QStringList candidates;
    if (!qEnvironmentVariableIsEmpty("IDLEBELL_DESKTOP_MODULE"))
        candidates << qEnvironmentVariable("IDLEBELL_DESKTOP_MODULE");
    // Before any QCoreApplication exists: find our own directory from /proc.
    const QString exe = QFile::symLinkTarget(QStringLiteral("/proc/self/exe"));
    const QString dir = exe.isEmpty() ? QDir::currentPath() : QFileInfo(exe).absolutePath();
    candidates << dir + QStringLiteral("/idlebell_desktop.so")
               << QDir::cleanPath(dir + QStringLiteral("/" IDLEBELL_MODULE_RELDIR "/idlebell_desktop.so"));
    QString errors;
    for (const QString &path : std::as_const(candidates)) {
        if (!QFileInfo::exists(path))
            continue;
        QLibrary module(path);
        using Main = int (*)(int, char **);
        const auto main = reinterpret_cast<Main>(module.resolve("idlebell_desktop_main"));
        if (main)
            return main(argc, argv);
        errors += QStringLiteral("\n  ") + path + QStringLiteral(": ") + module.errorString();
    }
    std::fprintf(stderr,
                 "idlebell: the desktop module (idlebell_desktop.so) could not be loaded%s\n"
                 "idlebell: without it, run idlebell --headless\n",
                 errors.isEmpty() ? qPrintable(QStringLiteral(" (not found next to the executable nor in ")
                                               + QDir::cleanPath(dir + QStringLiteral("/" IDLEBELL_MODULE_RELDIR))
                                               + QStringLiteral(")"))
                                  : qPrintable(errors));
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    if (!needsNoDisplay(argc, argv))
        return runDesktopModule(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("idlebell"));
    QCoreApplication::setApplicationVersion(QStringLiteral(IDLEBELL_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("idlebell"));
    // Headless output stays as it always was (untranslated).
    QCoreApplication app(argc, argv);
    const Options options = parseCommandLine(app);
    if (options.headless)
        return runHeadless(app, options);
    return 0; // not reached: --help and --version exit in parseCommandLine()
}
