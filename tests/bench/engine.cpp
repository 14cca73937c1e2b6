// ib-engine: Idlebell's engine in-process (core::Monitor and its
// session::ImapSession per account, exactly as headless mode wires them, but
// without JSON), with every event stamped by CLOCK_MONOTONIC at the signal.
//
//   ib-engine --config FILE [--state FILE]
//
// stdout, one line each:
//   state <ns> <account> <State as int> (4 = Idling)
//   snew <ns> <account> <uid> <from-address> <subject>   session::ImapSession::newMessages
//   new <ns> <account> <uid> <from-address> <subject>    core::Monitor::newMail (deduplicated)
//   unread <ns> <account> <unread> <total>
//   error <ns> <account> <text>
// Ends when stdin closes or on SIGTERM.

#include "core/AccountStore.h"
#include "core/Monitor.h"
#include "core/SecretStore.h"
#include "core/StateStore.h"
#include "session/ImapSession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QPointer>
#include <QSet>
#include <QSocketNotifier>

#include <csignal>
#include <ctime>
#include <unistd.h>

namespace {

long long monoNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

void out(const QByteArray &line)
{
    const QByteArray l = line + '\n';
    [[maybe_unused]] const ssize_t n = ::write(1, l.constData(), size_t(l.size()));
}

QByteArray summaryLine(const char *kind, long long ns, const QString &account, const session::MessageSummary &m)
{
    QByteArray subject = m.subject.toUtf8();
    subject.replace('\n', ' ');
    return QByteArray(kind) + ' ' + QByteArray::number(ns) + ' ' + account.toUtf8() + ' '
        + QByteArray::number(m.uid.value()) + ' ' + (m.fromAddress.isEmpty() ? QByteArray("-") : m.fromAddress.toUtf8())
        + ' ' + subject;
}

int g_sigPipe[2] = {-1, -1};
void onSignal(int)
{
    [[maybe_unused]] const ssize_t n = ::write(g_sigPipe[1], "x", 1);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("settings file"), QStringLiteral("FILE"));
    const QCommandLineOption state(QStringLiteral("state"), QStringLiteral("state file"), QStringLiteral("FILE"));
    parser.addOptions({config, state});
    parser.process(app);

    core::AccountStore store(parser.value(config));
    const core::AccountStore::LoadResult loaded = store.load();
    core::StateStore stateStore(parser.isSet(state) ? parser.value(state)
                                                    : core::StateStore::pathForConfig(parser.value(config)));
    stateStore.load();
    core::SecretStore secrets;
    core::Monitor monitor(&stateStore, &secrets);

    QSet<session::ImapSession *> hooked;
    QObject::connect(&monitor, &core::Monitor::stateChanged, &app,
                     [&](const QString &account, const QString &, session::State st, const QString &) {
                         const long long ns = monoNs();
                         for (session::ImapSession *s : monitor.sessions(account)) {
                             if (!s || hooked.contains(s))
                                 continue;
                             hooked.insert(s);
                             QObject::connect(s, &QObject::destroyed, &app, [&hooked, s] { hooked.remove(s); });
                             QObject::connect(s, &session::ImapSession::newMessages, &app,
                                              [account](const QList<session::MessageSummary> &list, int) {
                                                  const long long t = monoNs();
                                                  for (const auto &m : list)
                                                      out(summaryLine("snew", t, account, m));
                                              });
                         }
                         out("state " + QByteArray::number(ns) + ' ' + account.toUtf8() + ' '
                             + QByteArray::number(int(st)));
                     });
    QObject::connect(&monitor, &core::Monitor::newMail, &app,
                     [](const QString &account, const QList<session::MessageSummary> &list, int) {
                         const long long t = monoNs();
                         for (const auto &m : list)
                             out(summaryLine("new", t, account, m));
                     });
    QObject::connect(&monitor, &core::Monitor::unreadChanged, &app, [](const QString &account, int unread, int total) {
        out("unread " + QByteArray::number(monoNs()) + ' ' + (account.isEmpty() ? "-" : account.toUtf8()) + ' '
            + QByteArray::number(unread) + ' ' + QByteArray::number(total));
    });
    QObject::connect(&monitor, &core::Monitor::errorOccurred, &app,
                     [](const QString &account, const QString &, const session::SessionError &e) {
                         out("error " + QByteArray::number(monoNs()) + ' ' + account.toUtf8() + ' '
                             + e.message.toUtf8().replace('\n', ' '));
                     });
    QObject::connect(&monitor, &core::Monitor::passwordFailed, &app, [](const QString &account, const QString &m) {
        out("error " + QByteArray::number(monoNs()) + ' ' + account.toUtf8() + " password: " + m.toUtf8());
    });

    // stdin closing (the driver went away) or SIGTERM: log out and leave.
    if (::pipe(g_sigPipe) == 0) {
        std::signal(SIGTERM, onSignal);
        std::signal(SIGINT, onSignal);
        auto *sig = new QSocketNotifier(g_sigPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(sig, &QSocketNotifier::activated, &app, [&] {
            monitor.stop();
            QCoreApplication::quit();
        });
    }
    auto *in = new QSocketNotifier(0, QSocketNotifier::Read, &app);
    QObject::connect(in, &QSocketNotifier::activated, &app, [&, in] {
        char b[256];
        if (::read(0, b, sizeof b) <= 0) {
            in->setEnabled(false);
            monitor.stop();
            QCoreApplication::quit();
        }
    });

    monitor.apply(loaded.accounts);
    return app.exec();
}
