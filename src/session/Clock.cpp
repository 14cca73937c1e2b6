#include "session/Clock.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>

namespace session {
namespace {

class QtTimer final : public Timer
{
public:
    explicit QtTimer(QObject *parent)
        : Timer(parent)
    {
        m_timer.setSingleShot(true);
        // Coarse timers let the kernel batch wakeups; IMAP timeouts need no
        // millisecond precision.
        m_timer.setTimerType(Qt::CoarseTimer);
        connect(&m_timer, &QTimer::timeout, this, &Timer::timeout);
    }
    void start(std::chrono::milliseconds interval) override
    {
        m_timer.setTimerType(interval >= std::chrono::minutes(1) ? Qt::VeryCoarseTimer : Qt::CoarseTimer);
        m_timer.start(interval);
    }
    void stop() override { m_timer.stop(); }
    bool isActive() const override { return m_timer.isActive(); }

private:
    QTimer m_timer;
};

class SystemClock final : public Clock
{
public:
    SystemClock() { m_elapsed.start(); }
    Timer *createTimer(QObject *parent) override { return new QtTimer(parent); }
    qint64 monotonicMs() const override { return m_elapsed.elapsed(); }
    qint64 wallMs() const override { return QDateTime::currentMSecsSinceEpoch(); }

private:
    QElapsedTimer m_elapsed;
};

} // namespace

Clock *systemClock()
{
    static SystemClock clock;
    return &clock;
}

} // namespace session
