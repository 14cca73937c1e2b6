#include "FakeNotifications.h"

#include <QDBusArgument>
#include <QDBusMessage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <algorithm>

namespace fakenotifyd {
namespace {

QJsonValue toJson(const QVariant &value)
{
    if (value.canConvert<QDBusArgument>()) {
        const QDBusArgument arg = value.value<QDBusArgument>();
        return QJsonObject{{QStringLiteral("dbus_signature"), arg.currentSignature()}};
    }
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::UChar:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return value.toLongLong();
    case QMetaType::Double:
        return value.toDouble();
    case QMetaType::QString:
        return value.toString();
    case QMetaType::QByteArray:
        return QString::fromLatin1(value.toByteArray().toBase64());
    case QMetaType::QStringList:
        return QJsonArray::fromStringList(value.toStringList());
    default:
        return QJsonValue::fromVariant(value);
    }
}

} // namespace

bool Log::open(const QString &path)
{
    m_file.setFileName(path);
    return m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered);
}

void Log::write(const QJsonObject &record)
{
    if (!m_file.isOpen())
        return;
    m_file.write(QJsonDocument(record).toJson(QJsonDocument::Compact) + '\n');
    m_file.flush();
}

Notifications::Notifications(const Options &options, Log *log, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_log(log)
{ }

QStringList Notifications::GetCapabilities()
{
    m_log->write({{QStringLiteral("method"), QStringLiteral("GetCapabilities")},
                  {QStringLiteral("sender"), calledFromDBus() ? message().service() : QString()}});
    return m_options.capabilities;
}

uint Notifications::Notify(const QString &app_name, uint replaces_id, const QString &app_icon, const QString &summary,
                           const QString &body, const QStringList &actions, const QVariantMap &hints,
                           int expire_timeout)
{
    // Replacing an open notification keeps its id; anything else is new
    // (what most servers do when replaces_id is unknown).
    const bool replaced = replaces_id != 0 && m_open.contains(replaces_id);
    const uint id = replaced ? replaces_id : ++m_lastId;
    m_open.insert(id);

    QJsonObject hintValues;
    for (auto it = hints.cbegin(); it != hints.cend(); ++it)
        hintValues.insert(it.key(), toJson(it.value()));
    QStringList hintKeys = hints.keys();
    std::sort(hintKeys.begin(), hintKeys.end());
    m_log->write({
        {QStringLiteral("method"), QStringLiteral("Notify")},
        {QStringLiteral("id"), qint64(id)},
        {QStringLiteral("replaces_id"), qint64(replaces_id)},
        {QStringLiteral("replaced"), replaced},
        {QStringLiteral("app_name"), app_name},
        {QStringLiteral("app_icon"), app_icon},
        {QStringLiteral("summary"), summary},
        {QStringLiteral("body"), body},
        {QStringLiteral("actions"), QJsonArray::fromStringList(actions)},
        {QStringLiteral("hint_keys"), QJsonArray::fromStringList(hintKeys)},
        {QStringLiteral("hints"), hintValues},
        {QStringLiteral("expire_timeout"), expire_timeout},
        {QStringLiteral("sender"), calledFromDBus() ? message().service() : QString()},
    });

    if (m_options.expireMs > 0 && expire_timeout != 0) {
        QTimer::singleShot(m_options.expireMs, this, [this, id] { close(id, 1); });
    }
    if (m_options.replyDelayMs > 0 && calledFromDBus()) {
        setDelayedReply(true);
        const QDBusMessage reply = message().createReply(QVariant::fromValue(id));
        QDBusConnection bus = connection();
        QTimer::singleShot(m_options.replyDelayMs, this, [bus, reply]() mutable { bus.send(reply); });
    }
    return id;
}

void Notifications::CloseNotification(uint id)
{
    const bool known = m_open.contains(id);
    m_log->write({{QStringLiteral("method"), QStringLiteral("CloseNotification")},
                  {QStringLiteral("id"), qint64(id)},
                  {QStringLiteral("known"), known}});
    if (known)
        close(id, 3);
}

QString Notifications::GetServerInformation(QString &vendor, QString &version, QString &spec_version)
{
    m_log->write({{QStringLiteral("method"), QStringLiteral("GetServerInformation")}});
    vendor = QStringLiteral("Idlebell tests");
    version = QStringLiteral("1.0");
    spec_version = QStringLiteral("1.2");
    return m_options.serverName;
}

bool Notifications::invokeAction(uint id, const QString &actionKey)
{
    if (!m_open.contains(id))
        return false;
    m_log->write({{QStringLiteral("method"), QStringLiteral("ActionInvoked")},
                  {QStringLiteral("kind"), QStringLiteral("signal")},
                  {QStringLiteral("id"), qint64(id)},
                  {QStringLiteral("action_key"), actionKey}});
    Q_EMIT ActionInvoked(id, actionKey);
    if (m_options.closeOnAction)
        close(id, 2);
    return true;
}

bool Notifications::close(uint id, uint reason)
{
    if (!m_open.remove(id))
        return false;
    m_log->write({{QStringLiteral("method"), QStringLiteral("NotificationClosed")},
                  {QStringLiteral("kind"), QStringLiteral("signal")},
                  {QStringLiteral("id"), qint64(id)},
                  {QStringLiteral("reason"), qint64(reason)}});
    Q_EMIT NotificationClosed(id, reason);
    return true;
}

QList<uint> Notifications::openIds() const
{
    QList<uint> ids(m_open.cbegin(), m_open.cend());
    std::sort(ids.begin(), ids.end());
    return ids;
}

TestControl::TestControl(Notifications *notifications, QObject *parent)
    : QObject(parent)
    , m_notifications(notifications)
{ }

bool TestControl::InvokeAction(uint id, const QString &key)
{
    return m_notifications->invokeAction(id, key);
}

bool TestControl::Close(uint id, uint reason)
{
    return m_notifications->close(id, reason);
}

QList<uint> TestControl::OpenIds()
{
    return m_notifications->openIds();
}

void TestControl::SetCapabilities(const QStringList &capabilities)
{
    m_notifications->setCapabilities(capabilities);
}

void TestControl::SetReplyDelay(int ms)
{
    m_notifications->setReplyDelay(ms);
}

} // namespace fakenotifyd
