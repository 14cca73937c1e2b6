#pragma once

#include <QtGlobal>

#include <chrono>
#include <functional>

namespace session {

// Reconnect delays: exponential with full jitter. The n-th consecutive
// failure waits a uniformly random time in [floor, min(cap, initial * 2^n)],
// floor = min(1 s, that ceiling). Pure: the random source is injectable.
class Backoff
{
public:
    struct Policy
    {
        std::chrono::milliseconds initial{2000};
        std::chrono::milliseconds cap{300000};
    };
    // random(bound) returns a uniform integer in [0, bound].
    using Random = std::function<quint64(quint64 bound)>;

    Backoff();
    explicit Backoff(Policy policy, Random random = {});

    // The delay before the next attempt; counts one more failure.
    std::chrono::milliseconds next();
    // The ceiling the next call would draw from.
    std::chrono::milliseconds nextCeiling() const;
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }
    const Policy &policy() const { return m_policy; }

private:
    Policy m_policy;
    Random m_random;
    int m_failures = 0;
};

} // namespace session
