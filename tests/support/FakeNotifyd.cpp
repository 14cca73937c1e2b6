#include "support/FakeNotifyd.h"

#include "support/ProcessUtil.h"

#include <QDBusMessage>
#include <QDBusReply>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#ifndef IDLEBELL_FAKE_NOTIFYD
#define IDLEBELL_FAKE_NOTIFYD ""
#endif

namespace testsupport {

namespace {

const QString kTestPath = QStringLiteral("/org/idlebell/Test");
const QString kTestInterface = QStringLiteral("org.idlebell.Test");

} // namespace

FakeNotifyd::FakeNotifyd(QDBusConnection bus, QString address)
    : m_bus(std::move(bus))
    , m_address(std::move(address))
{ }

FakeNotifyd::~FakeNotifyd()
{
    stop();
}

QString FakeNotifyd::program()
{
    const QString fromEnv = qEnvironmentVariable("IDLEBELL_FAKE_NOTIFYD");
    return fromEnv.isEmpty() ? QStringLiteral(IDLEBELL_FAKE_NOTIFYD) : fromEnv;
}

bool FakeNotifyd::start(const QStringList &capabilities, const QStringList &extraArgs)
{
    m_log = m_dir.filePath(QStringLiteral("notifyd-%1.jsonl").arg(++m_starts));
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(program(),
                    QStringList{QStringLiteral("--address"), m_address, QStringLiteral("--log"), m_log,
                                QStringLiteral("--capabilities"), capabilities.join(QLatin1Char(','))}
                        + extraArgs);
    if (!m_process.waitForStarted(StartTimeoutMs))
        return false;
    QElapsedTimer t;
    t.start();
    while (!m_process.canReadLine() && m_process.state() == QProcess::Running && t.elapsed() < StartTimeoutMs)
        m_process.waitForReadyRead(100);
    return m_process.readLine().trimmed() == "ready";
}

void FakeNotifyd::stop()
{
    endProcess(m_process);
}

QList<QJsonObject> FakeNotifyd::records(const QString &method) const
{
    QList<QJsonObject> out;
    QFile file(m_log);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    while (!file.atEnd()) {
        const QJsonObject o = QJsonDocument::fromJson(file.readLine()).object();
        if (!o.isEmpty() && (method.isEmpty() || o.value(QStringLiteral("method")).toString() == method))
            out << o;
    }
    return out;
}

QList<uint> FakeNotifyd::closed() const
{
    QList<uint> ids;
    for (const QJsonObject &o : records(QStringLiteral("CloseNotification")))
        ids << jsonUint(o, "id");
    return ids;
}

QList<uint> FakeNotifyd::openIds()
{
    const QDBusReply<QList<uint>> reply = m_bus.call(
        QDBusMessage::createMethodCall(NotificationsService, kTestPath, kTestInterface, QStringLiteral("OpenIds")),
        QDBus::Block, StartTimeoutMs);
    return reply.isValid() ? reply.value() : QList<uint>{};
}

bool FakeNotifyd::control(const QString &method, const QVariantList &args)
{
    QDBusMessage call = QDBusMessage::createMethodCall(NotificationsService, kTestPath, kTestInterface, method);
    call.setArguments(args);
    const QDBusReply<bool> reply = m_bus.call(call, QDBus::Block, StartTimeoutMs);
    return reply.isValid() && reply.value();
}

QString jsonString(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

uint jsonUint(const QJsonObject &o, const char *key)
{
    return uint(o.value(QLatin1String(key)).toInteger());
}

QStringList jsonStrings(const QJsonObject &o, const char *key)
{
    QStringList out;
    for (const QJsonValue &v : o.value(QLatin1String(key)).toArray())
        out << v.toString();
    return out;
}

} // namespace testsupport
