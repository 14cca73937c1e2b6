#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>

#include <algorithm>
#include <optional>
#include <utility>

namespace imap {

// A 32-bit IMAP number with its meaning in its type: a message sequence
// number and a UID must never be mixed up (sequence numbers shift on every
// expunge, UIDs never do). 0 is "none" for both (valid values are nz-number).
template<typename Tag> class StrongNumber
{
public:
    constexpr StrongNumber() = default;
    constexpr explicit StrongNumber(quint32 value)
        : m_value(value)
    { }
    constexpr quint32 value() const { return m_value; }
    constexpr bool isValid() const { return m_value != 0; }

    friend constexpr bool operator==(StrongNumber a, StrongNumber b) { return a.m_value == b.m_value; }
    friend constexpr bool operator!=(StrongNumber a, StrongNumber b) { return a.m_value != b.m_value; }
    friend constexpr bool operator<(StrongNumber a, StrongNumber b) { return a.m_value < b.m_value; }
    friend constexpr bool operator<=(StrongNumber a, StrongNumber b) { return a.m_value <= b.m_value; }
    friend constexpr bool operator>(StrongNumber a, StrongNumber b) { return a.m_value > b.m_value; }
    friend constexpr bool operator>=(StrongNumber a, StrongNumber b) { return a.m_value >= b.m_value; }

private:
    quint32 m_value = 0;
};

struct SeqNumTag;
struct UidTag;
using SeqNum = StrongNumber<SeqNumTag>;
using Uid = StrongNumber<UidTag>;

inline size_t qHash(Uid uid, size_t seed = 0) noexcept
{
    return ::qHash(uid.value(), seed);
}
inline size_t qHash(SeqNum seq, size_t seed = 0) noexcept
{
    return ::qHash(seq.value(), seed);
}

// A set of numbers kept as sorted, merged, inclusive ranges: what IMAP calls a
// sequence-set once '*' is resolved. Compact for the common case of long
// runs (ESEARCH ALL results, "everything above the high-water mark").
template<typename Number> class NumberSet
{
public:
    struct Range
    {
        quint32 first;
        quint32 last; // inclusive, first <= last
        friend bool operator==(const Range &a, const Range &b) { return a.first == b.first && a.last == b.last; }
    };

    NumberSet() = default;

    void add(Number n) { addRange(n.value(), n.value()); }
    void addRange(quint32 first, quint32 last)
    {
        if (first == 0 || last == 0)
            return;
        if (first > last)
            std::swap(first, last);
        // Fast path: appending in ascending order.
        if (m_ranges.isEmpty() || first > quint64(m_ranges.last().last) + 1) {
            m_ranges.append({first, last});
            return;
        }
        if (first >= m_ranges.last().first) {
            m_ranges.last().last = std::max(m_ranges.last().last, last);
            return;
        }
        QList<Range> merged;
        merged.reserve(m_ranges.size() + 1);
        bool placed = false;
        for (const Range &r : std::as_const(m_ranges)) {
            if (!placed && first < r.first) {
                pushMerged(merged, {first, last});
                placed = true;
            }
            pushMerged(merged, r);
        }
        if (!placed)
            pushMerged(merged, {first, last});
        m_ranges = std::move(merged);
    }
    void remove(Number n)
    {
        const quint32 v = n.value();
        for (qsizetype i = 0; i < m_ranges.size(); ++i) {
            Range &r = m_ranges[i];
            if (v < r.first || v > r.last)
                continue;
            if (r.first == r.last) {
                m_ranges.removeAt(i);
            } else if (v == r.first) {
                ++r.first;
            } else if (v == r.last) {
                --r.last;
            } else {
                const Range tail{v + 1, r.last};
                r.last = v - 1;
                m_ranges.insert(i + 1, tail);
            }
            return;
        }
    }
    bool contains(Number n) const
    {
        const quint32 v = n.value();
        // Binary search over ranges.
        qsizetype lo = 0, hi = m_ranges.size();
        while (lo < hi) {
            const qsizetype mid = (lo + hi) / 2;
            if (m_ranges[mid].last < v)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo < m_ranges.size() && m_ranges[lo].first <= v;
    }
    bool isEmpty() const { return m_ranges.isEmpty(); }
    void clear() { m_ranges.clear(); }
    quint64 count() const
    {
        quint64 n = 0;
        for (const Range &r : m_ranges)
            n += quint64(r.last) - r.first + 1;
        return n;
    }
    std::optional<Number> min() const
    {
        return m_ranges.isEmpty() ? std::nullopt : std::optional<Number>(Number(m_ranges.first().first));
    }
    std::optional<Number> max() const
    {
        return m_ranges.isEmpty() ? std::nullopt : std::optional<Number>(Number(m_ranges.last().last));
    }
    const QList<Range> &ranges() const { return m_ranges; }

    // Every member, ascending. Only for sets known to be small.
    QList<Number> toList() const
    {
        QList<Number> out;
        for (const Range &r : m_ranges)
            for (quint64 v = r.first; v <= r.last; ++v)
                out.append(Number(quint32(v)));
        return out;
    }

    // IMAP sequence-set syntax, e.g. "1:5,9,12:14". Empty set gives "".
    QByteArray toImap() const
    {
        QByteArray out;
        for (const Range &r : m_ranges) {
            if (!out.isEmpty())
                out += ',';
            out += QByteArray::number(r.first);
            if (r.last != r.first) {
                out += ':';
                out += QByteArray::number(r.last);
            }
        }
        return out;
    }

    friend bool operator==(const NumberSet &a, const NumberSet &b) { return a.m_ranges == b.m_ranges; }
    friend bool operator!=(const NumberSet &a, const NumberSet &b) { return !(a == b); }

private:
    static void pushMerged(QList<Range> &out, Range r)
    {
        if (!out.isEmpty() && quint64(r.first) <= quint64(out.last().last) + 1) {
            out.last().last = std::max(out.last().last, r.last);
            return;
        }
        out.append(r);
    }

    QList<Range> m_ranges;
};

using UidSet = NumberSet<Uid>;
using SeqSet = NumberSet<SeqNum>;

} // namespace imap

Q_DECLARE_METATYPE(imap::Uid)
Q_DECLARE_METATYPE(imap::SeqNum)
