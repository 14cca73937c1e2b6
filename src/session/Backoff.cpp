#include "session/Backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace session {

Backoff::Backoff()
    : Backoff(Policy{})
{ }

Backoff::Backoff(Policy policy, Random random)
    : m_policy(policy)
    , m_random(std::move(random))
{
    if (m_policy.initial.count() < 1)
        m_policy.initial = std::chrono::milliseconds(1);
    if (m_policy.cap < m_policy.initial)
        m_policy.cap = m_policy.initial;
    if (!m_random)
        m_random = [](quint64 bound) {
            return QRandomGenerator::global()->bounded(bound + 1);
        };
}

std::chrono::milliseconds Backoff::nextCeiling() const
{
    const quint64 cap = quint64(m_policy.cap.count());
    quint64 ceiling = quint64(m_policy.initial.count());
    for (int i = 0; i < m_failures && ceiling < cap; ++i)
        ceiling *= 2;
    return std::chrono::milliseconds(std::min(ceiling, cap));
}

std::chrono::milliseconds Backoff::next()
{
    const quint64 ceiling = quint64(nextCeiling().count());
    const quint64 floor = std::min<quint64>(1000, ceiling);
    if (m_failures < 64)
        ++m_failures;
    const quint64 drawn = std::min(m_random(ceiling - floor), ceiling - floor);
    return std::chrono::milliseconds(floor + drawn);
}

} // namespace session
