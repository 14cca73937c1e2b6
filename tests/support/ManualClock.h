#pragma once

#include "session/Clock.h"

#include <QList>
#include <QPointer>

namespace testsupport {

// A Clock whose time moves only when the test says so. Timers fire in
// deadline order during advance(); a timer started by a firing timer fires
// in the same advance() if its deadline falls within it.
class ManualClock final : public session::Clock
{
public:
    ManualClock();
    ~ManualClock() override;

    session::Timer *createTimer(QObject *parent) override;
    qint64 monotonicMs() const override { return m_now; }
    qint64 wallMs() const override { return m_wallOffset + m_now; }

    // Move time forward by ms, firing due timers. Returns how many fired.
    int advance(qint64 ms);
    // Jump to the earliest active timer and fire it. False if none is active.
    bool fireNext();
    // Milliseconds until the earliest active timer, -1 if none.
    qint64 nextDeadlineIn() const;
    int activeTimers() const;
    // Make the wall clock jump (suspend/resume emulation) without moving monotonic time.
    void jumpWallClock(qint64 ms) { m_wallOffset += ms; }

    class ManualTimer;

private:
    QList<QPointer<ManualTimer>> m_timers;
    qint64 m_now = 1000000;
    qint64 m_wallOffset = 1700000000000LL;
    quint64 m_sequence = 0;
};

} // namespace testsupport
