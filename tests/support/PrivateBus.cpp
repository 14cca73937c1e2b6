#include "support/PrivateBus.h"

#include "support/ProcessUtil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

namespace testsupport {

PrivateBus::PrivateBus(Type type)
    : m_type(type)
{ }

PrivateBus::~PrivateBus()
{
    stop();
}

QByteArray PrivateBus::config(Type type, const QString &listenDirectory)
{
    return QStringLiteral("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                          " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                          "<busconfig>\n"
                          "  <type>%1</type>\n"
                          "  <listen>unix:dir=%2</listen>\n"
                          "  <auth>EXTERNAL</auth>\n"
                          "  <policy context=\"default\">\n"
                          "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                          "    <allow eavesdrop=\"true\"/>\n"
                          "    <allow own=\"*\"/>\n"
                          "  </policy>\n"
                          "</busconfig>\n")
        .arg(type == Type::System ? QStringLiteral("system") : QStringLiteral("session"), listenDirectory)
        .toUtf8();
}

bool PrivateBus::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool PrivateBus::start(int timeoutMs)
{
    m_error.clear();
    if (isRunning())
        return fail(QStringLiteral("the bus is running already"));
    QString directory = m_directory;
    if (directory.isEmpty()) {
        if (!m_ownDirectory)
            m_ownDirectory = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/ibbus-XXXXXX"));
        if (!m_ownDirectory->isValid())
            return fail(QStringLiteral("no temp dir: ") + m_ownDirectory->errorString());
        directory = m_ownDirectory->path();
    }
    QFile conf(directory + QStringLiteral("/bus.conf"));
    if (!conf.open(QIODevice::WriteOnly | QIODevice::Truncate) || conf.write(config(m_type, directory)) < 0)
        return fail(QStringLiteral("cannot write ") + conf.fileName());
    conf.close();

    const QString log = directory + QStringLiteral("/dbus-daemon.log");
    m_daemon.setProcessChannelMode(QProcess::SeparateChannels);
    m_daemon.setStandardErrorFile(log);
    m_daemon.setProcessEnvironment(m_environment);
    m_daemon.setWorkingDirectory(directory);
    endWithParent(m_daemon);
    m_daemon.start(QStringLiteral("dbus-daemon"),
                   {QStringLiteral("--config-file=") + conf.fileName(), QStringLiteral("--nofork"),
                    QStringLiteral("--print-address=1")});
    if (!m_daemon.waitForStarted(timeoutMs))
        return fail(QStringLiteral("dbus-daemon did not start (package dbus-daemon): ") + m_daemon.errorString());
    QElapsedTimer timer;
    timer.start();
    while (!m_daemon.canReadLine() && m_daemon.state() == QProcess::Running && timer.elapsed() < timeoutMs)
        m_daemon.waitForReadyRead(100);
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    if (m_address.isEmpty()) {
        stop();
        QFile err(log);
        const QByteArray said = err.open(QIODevice::ReadOnly) ? err.readAll().trimmed() : QByteArray();
        return fail(QStringLiteral("dbus-daemon printed no address within %1 ms: %2")
                        .arg(timeoutMs)
                        .arg(QString::fromUtf8(said)));
    }
    return true;
}

void PrivateBus::stop()
{
    endProcess(m_daemon);
}

} // namespace testsupport
