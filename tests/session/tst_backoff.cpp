#include "session/Backoff.h"

#include <QTest>

using namespace session;
using namespace std::chrono_literals;

class TestBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ceilingDoublesToCap()
    {
        Backoff b(Backoff::Policy{2000ms, 300000ms}, [](quint64 bound) { return bound; });
        QList<qint64> got;
        for (int i = 0; i < 12; ++i)
            got << b.next().count();
        QCOMPARE(
            got,
            (QList<qint64>{2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 300000, 300000, 300000, 300000}));
        QCOMPARE(b.failures(), 12);
        b.reset();
        QCOMPARE(b.next(), 2000ms);
    }

    void fullJitterStaysWithinBounds()
    {
        // The lowest draw is the one-second floor; the highest the ceiling.
        Backoff low(Backoff::Policy{}, [](quint64) { return 0; });
        QCOMPARE(low.next(), 1000ms);
        QCOMPARE(low.next(), 1000ms);
        Backoff real; // QRandomGenerator
        for (int i = 0; i < 200; ++i) {
            const auto ceiling = real.nextCeiling();
            const auto d = real.next();
            QVERIFY(d >= 1000ms);
            QVERIFY(d <= ceiling);
            QVERIFY(d <= 300000ms);
        }
    }

    void tinyPolicyIsSane()
    {
        Backoff b(Backoff::Policy{0ms, 0ms}, [](quint64 bound) { return bound; });
        QVERIFY(b.next() >= 1ms);
        QVERIFY(b.next() <= 1000ms);
    }

    void randomOutOfRangeIsClamped()
    {
        Backoff b(Backoff::Policy{}, [](quint64) { return ~quint64(0); });
        QCOMPARE(b.next(), 2000ms);
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
