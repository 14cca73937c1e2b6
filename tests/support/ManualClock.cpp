#include "support/ManualClock.h"

#include <limits>

namespace testsupport {

class ManualClock::ManualTimer final : public session::Timer
{
public:
    ManualTimer(ManualClock *clock, QObject *parent)
        : session::Timer(parent)
        , m_clock(clock)
    { }
    void start(std::chrono::milliseconds interval) override
    {
        m_deadline = m_clock->m_now + std::max<qint64>(0, interval.count());
        m_order = ++m_clock->m_sequence;
        m_active = true;
    }
    void stop() override { m_active = false; }
    bool isActive() const override { return m_active; }

    ManualClock *m_clock;
    qint64 m_deadline = 0;
    quint64 m_order = 0;
    bool m_active = false;
};

ManualClock::ManualClock() = default;
ManualClock::~ManualClock() = default;

session::Timer *ManualClock::createTimer(QObject *parent)
{
    auto *timer = new ManualTimer(this, parent);
    m_timers.append(timer);
    return timer;
}

static ManualClock::ManualTimer *earliest(const QList<QPointer<ManualClock::ManualTimer>> &timers)
{
    ManualClock::ManualTimer *best = nullptr;
    for (const auto &t : timers) {
        if (!t || !t->m_active)
            continue;
        if (!best || t->m_deadline < best->m_deadline
            || (t->m_deadline == best->m_deadline && t->m_order < best->m_order))
            best = t.data();
    }
    return best;
}

int ManualClock::advance(qint64 ms)
{
    const qint64 target = m_now + ms;
    int fired = 0;
    // Bounded: a timer loop that re-arms at zero delay would otherwise spin.
    for (int guard = 0; guard < 100000; ++guard) {
        m_timers.removeAll(nullptr);
        ManualTimer *t = earliest(m_timers);
        if (!t || t->m_deadline > target)
            break;
        m_now = std::max(m_now, t->m_deadline);
        t->m_active = false;
        ++fired;
        Q_EMIT t->timeout();
    }
    m_now = target;
    return fired;
}

bool ManualClock::fireNext()
{
    m_timers.removeAll(nullptr);
    ManualTimer *t = earliest(m_timers);
    if (!t)
        return false;
    m_now = std::max(m_now, t->m_deadline);
    t->m_active = false;
    Q_EMIT t->timeout();
    return true;
}

qint64 ManualClock::nextDeadlineIn() const
{
    ManualTimer *t = earliest(m_timers);
    return t ? std::max<qint64>(0, t->m_deadline - m_now) : -1;
}

int ManualClock::activeTimers() const
{
    int n = 0;
    for (const auto &t : m_timers)
        if (t && t->m_active)
            ++n;
    return n;
}

} // namespace testsupport
