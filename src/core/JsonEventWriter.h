#pragma once

#include <QJsonObject>
#include <QObject>

class QIODevice;

namespace core {

class Monitor;

// Headless mode's output: one JSON object per line for each event of a
// Monitor, flushed at once so scripts (and the benchmarks) see it the moment
// it happens. Events:
//   {"event":"connecting"|"connected"|"idling"|"polling"|"reconnecting"|"failed"|"disconnected",
//    "account","mailbox","reason"[,"retryInMs"]}
//   {"event":"error","account","mailbox","kind","reason","willRetry"[,"retryInMs","certificateSha256"]}
//   {"event":"password-error","account","reason"}
//   {"event":"unread","account","unread","total"}
//   {"event":"new","account","mailbox","uid","uidValidity","from","address","subject","date","messageId"}
//   {"event":"more","account","count"}     (a backlog: this many more new messages, not listed)
//   {"event":"gone","account","mailbox","uids":[...]}   (read or deleted elsewhere)
//   {"event":"alert","account","text"}
// Every object has "time" (UTC, ISO 8601 with milliseconds); with
// IDLEBELL_JSON_MONOTONIC=1 also "monoNs" (CLOCK_MONOTONIC, nanoseconds, as a
// string) for benchmarks. Never a password.
class JsonEventWriter : public QObject
{
    Q_OBJECT
public:
    JsonEventWriter(Monitor *monitor, QIODevice *out, QObject *parent = nullptr);

    void write(const QString &event, QJsonObject fields);

private:
    QIODevice *m_out;
    bool m_monotonic = false;
    QHash<QString, bool> m_connected; // account/mailbox that reported "connected" this connection
};

} // namespace core
