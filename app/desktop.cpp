// The desktop app as a module of the idlebell executable (see main.cpp):
// QApplication, translations, the single-instance check, the tray.

#include "common.h"

#include "core/AccountStore.h"
#include "core/Monitor.h"
#include "core/SecretStore.h"
#include "core/StateStore.h"
#include "core/SystemEvents.h"
#include "ui/BadgeRenderer.h"
#include "ui/DesktopController.h"
#include "ui/SingleInstance.h"
#include "ui/Translations.h"

#include <QApplication>
#include <QDBusConnection>
#include <QTimer>

#include <cstdio>

using namespace app;

namespace {

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

} // namespace

extern "C" Q_DECL_EXPORT int idlebell_desktop_main(int argc, char **argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("idlebell"));
    QCoreApplication::setApplicationVersion(QStringLiteral(IDLEBELL_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("idlebell"));
    QApplication app(argc, argv);
    ui::installTranslators(app);
    const Options options = parseCommandLine(app);
    return runDesktop(app, options);
}
