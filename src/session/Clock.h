#pragma once

#include <QObject>

#include <chrono>

namespace session {

// A single-shot timer from a Clock. Tests drive a manual clock; the real one
// wraps QTimer.
class Timer : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Timer() override = default;
    virtual void start(std::chrono::milliseconds interval) = 0;
    virtual void stop() = 0;
    virtual bool isActive() const = 0;

Q_SIGNALS:
    void timeout();
};

// The source of time and timers for the session layer, injectable so tests
// never wait on the wall clock.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual Timer *createTimer(QObject *parent) = 0;
    // Monotonic milliseconds (arbitrary epoch).
    virtual qint64 monotonicMs() const = 0;
    // Wall-clock milliseconds since the Unix epoch.
    virtual qint64 wallMs() const = 0;
};

// QTimer-backed clock. Lives for the whole process.
Clock *systemClock();

} // namespace session
