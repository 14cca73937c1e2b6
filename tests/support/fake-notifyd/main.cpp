// fake-notifyd: a desktop notification daemon for tests. See --help.
#include "FakeNotifications.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusError>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fake-notifyd"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Implements org.freedesktop.Notifications on the session bus (or --address) for tests. Every call is "
        "logged as one JSON object per line to --log. Test control: object /org/idlebell/Test, interface "
        "org.idlebell.Test (InvokeAction(u id, s key), Close(u id, u reason), OpenIds() -> au, "
        "SetCapabilities(as), SetReplyDelay(i ms)). Prints \"ready\" once the name is owned."));
    parser.addHelpOption();
    const QCommandLineOption logOption(QStringLiteral("log"), QStringLiteral("Append JSON lines to <file>."),
                                       QStringLiteral("file"));
    const QCommandLineOption capsOption(QStringLiteral("capabilities"),
                                        QStringLiteral("Comma-separated capabilities (default: actions,body)."),
                                        QStringLiteral("list"), QStringLiteral("actions,body"));
    const QCommandLineOption addressOption(QStringLiteral("address"),
                                           QStringLiteral("Connect to this bus address instead of the session bus."),
                                           QStringLiteral("address"));
    const QCommandLineOption delayOption(QStringLiteral("reply-delay"),
                                         QStringLiteral("Answer Notify after <ms> milliseconds."), QStringLiteral("ms"),
                                         QStringLiteral("0"));
    const QCommandLineOption expireOption(QStringLiteral("expire"),
                                          QStringLiteral("Close notifications after <ms> with reason 1 (expired)."),
                                          QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption closeOnActionOption(QStringLiteral("close-on-action"),
                                                 QStringLiteral("Close a notification (reason 2) after its action."));
    const QCommandLineOption nameOption(QStringLiteral("server-name"),
                                        QStringLiteral("Name returned by GetServerInformation."),
                                        QStringLiteral("name"), QStringLiteral("fake-notifyd"));
    parser.addOptions(
        {logOption, capsOption, addressOption, delayOption, expireOption, closeOnActionOption, nameOption});
    parser.process(app);

    fakenotifyd::Options options;
    options.capabilities = parser.value(capsOption).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &c : options.capabilities)
        c = c.trimmed();
    options.serverName = parser.value(nameOption);
    options.replyDelayMs = parser.value(delayOption).toInt();
    options.expireMs = parser.value(expireOption).toInt();
    options.closeOnAction = parser.isSet(closeOnActionOption);

    fakenotifyd::Log log;
    if (parser.isSet(logOption) && !log.open(parser.value(logOption))) {
        std::fprintf(stderr, "fake-notifyd: cannot open log %s\n", qPrintable(parser.value(logOption)));
        return 2;
    }

    QDBusConnection bus = parser.isSet(addressOption)
        ? QDBusConnection::connectToBus(parser.value(addressOption), QStringLiteral("fake-notifyd"))
        : QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        std::fprintf(stderr, "fake-notifyd: no bus: %s\n", qPrintable(bus.lastError().message()));
        return 2;
    }

    fakenotifyd::Notifications notifications(options, &log);
    fakenotifyd::TestControl control(&notifications);
    if (!bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &notifications,
                            QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals)
        || !bus.registerObject(QStringLiteral("/org/idlebell/Test"), &control, QDBusConnection::ExportAllSlots)) {
        std::fprintf(stderr, "fake-notifyd: cannot register objects\n");
        return 2;
    }
    if (!bus.registerService(QStringLiteral("org.freedesktop.Notifications"))) {
        std::fprintf(stderr, "fake-notifyd: cannot own org.freedesktop.Notifications: %s\n",
                     qPrintable(bus.lastError().message()));
        return 3;
    }

    // Stop it with SIGTERM: the log is flushed line by line, nothing is lost.
    std::printf("ready\n");
    std::fflush(stdout);
    return app.exec();
}
