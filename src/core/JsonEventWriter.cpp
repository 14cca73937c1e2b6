#include "core/JsonEventWriter.h"

#include "core/Monitor.h"

#include <QDateTime>
#include <QFileDevice>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>

#include <ctime>

namespace core {

JsonEventWriter::JsonEventWriter(Monitor *monitor, QIODevice *out, QObject *parent)
    : QObject(parent)
    , m_out(out)
    , m_monotonic(qEnvironmentVariableIntValue("IDLEBELL_JSON_MONOTONIC") == 1)
{
    connect(monitor, &Monitor::stateChanged, this,
            [this](const QString &account, const QString &mailbox, session::State state, const QString &reason) {
                const QString key = account + QLatin1Char('\n') + mailbox;
                QString event;
                switch (state) {
                case session::State::Connecting:
                    m_connected.remove(key);
                    event = QStringLiteral("connecting");
                    break;
                case session::State::Authenticating:
                    return;
                case session::State::Syncing:
                    // The first sync of a connection means logged in.
                    if (m_connected.value(key))
                        return;
                    m_connected.insert(key, true);
                    event = QStringLiteral("connected");
                    break;
                case session::State::Idling:
                    event = QStringLiteral("idling");
                    break;
                case session::State::Polling:
                    event = QStringLiteral("polling");
                    break;
                case session::State::Reconnecting:
                    m_connected.remove(key);
                    event = QStringLiteral("reconnecting");
                    break;
                case session::State::Failed:
                    m_connected.remove(key);
                    event = QStringLiteral("failed");
                    break;
                case session::State::Disconnected:
                    m_connected.remove(key);
                    event = QStringLiteral("disconnected");
                    break;
                }
                write(event,
                      {{QStringLiteral("account"), account},
                       {QStringLiteral("mailbox"), mailbox},
                       {QStringLiteral("reason"), reason}});
            });
    connect(monitor, &Monitor::errorOccurred, this,
            [this](const QString &account, const QString &mailbox, const session::SessionError &error) {
                QJsonObject o{{QStringLiteral("account"), account},
                              {QStringLiteral("mailbox"), mailbox},
                              {QStringLiteral("kind"), session::errorKindName(error.kind)},
                              {QStringLiteral("reason"), error.message},
                              {QStringLiteral("willRetry"), error.willRetry}};
                if (error.willRetry)
                    o.insert(QStringLiteral("retryInMs"), qint64(error.retryIn.count()));
                if (!error.certificateSha256.isEmpty())
                    o.insert(QStringLiteral("certificateSha256"), QString::fromLatin1(error.certificateSha256));
                write(QStringLiteral("error"), o);
            });
    connect(monitor, &Monitor::passwordFailed, this, [this](const QString &account, const QString &message) {
        write(QStringLiteral("password-error"),
              {{QStringLiteral("account"), account}, {QStringLiteral("reason"), message}});
    });
    connect(monitor, &Monitor::unreadChanged, this, [this](const QString &account, int unread, int total) {
        QJsonObject o{{QStringLiteral("total"), total}};
        if (!account.isEmpty()) {
            o.insert(QStringLiteral("account"), account);
            o.insert(QStringLiteral("unread"), unread);
        }
        write(QStringLiteral("unread"), o);
    });
    connect(monitor, &Monitor::newMail, this,
            [this](const QString &account, const QList<session::MessageSummary> &messages, int omitted) {
                for (const session::MessageSummary &m : messages) {
                    write(
                        QStringLiteral("new"),
                        {{QStringLiteral("account"), account},
                         {QStringLiteral("mailbox"), m.mailbox},
                         {QStringLiteral("uid"), qint64(m.uid.value())},
                         {QStringLiteral("uidValidity"), qint64(m.uidValidity)},
                         {QStringLiteral("from"), m.fromName},
                         {QStringLiteral("address"), m.fromAddress},
                         {QStringLiteral("subject"), m.subject},
                         {QStringLiteral("date"), m.date.isValid() ? m.date.toUTC().toString(Qt::ISODate) : QString()},
                         {QStringLiteral("messageId"), QString::fromLatin1(m.messageId)}});
                }
                if (omitted > 0)
                    write(QStringLiteral("more"),
                          {{QStringLiteral("account"), account}, {QStringLiteral("count"), omitted}});
            });
    connect(monitor, &Monitor::mailGone, this,
            [this](const QString &account, const QString &mailbox, const QList<imap::Uid> &uids) {
                QJsonArray list;
                for (imap::Uid uid : uids)
                    list.append(qint64(uid.value()));
                write(QStringLiteral("gone"),
                      {{QStringLiteral("account"), account},
                       {QStringLiteral("mailbox"), mailbox},
                       {QStringLiteral("uids"), list}});
            });
    connect(monitor, &Monitor::alert, this, [this](const QString &account, const QString &text) {
        write(QStringLiteral("alert"), {{QStringLiteral("account"), account}, {QStringLiteral("text"), text}});
    });
}

void JsonEventWriter::write(const QString &event, QJsonObject fields)
{
    // "event" and "time" first, for people reading along.
    QJsonObject head{{QStringLiteral("event"), event},
                     {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
    if (m_monotonic) {
        // For benchmarks: CLOCK_MONOTONIC in nanoseconds, comparable with
        // other processes on the machine (IDLEBELL_JSON_MONOTONIC=1).
        timespec ts{};
        clock_gettime(CLOCK_MONOTONIC, &ts);
        head.insert(QStringLiteral("monoNs"), QString::number(qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec));
    }
    QByteArray line = QJsonDocument(head).toJson(QJsonDocument::Compact);
    line.chop(1); // '}'
    if (!fields.isEmpty())
        line += ',' + QJsonDocument(fields).toJson(QJsonDocument::Compact).mid(1);
    else
        line += '}';
    line += '\n';
    m_out->write(line);
    // stdout may be a pipe: push the line out now.
    if (auto *file = qobject_cast<QFileDevice *>(m_out))
        file->flush();
}

} // namespace core
