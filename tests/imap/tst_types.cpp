#include "imap/Types.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <limits>
#include <set>
#include <type_traits>

using namespace imap;

// Sequence numbers and UIDs are distinct types that do not convert into
// each other, nor silently from plain integers.
static_assert(!std::is_same_v<Uid, SeqNum>);
static_assert(!std::is_convertible_v<Uid, SeqNum>);
static_assert(!std::is_convertible_v<SeqNum, Uid>);
static_assert(!std::is_constructible_v<SeqNum, Uid>);
static_assert(!std::is_constructible_v<Uid, SeqNum>);
static_assert(!std::is_convertible_v<quint32, Uid>);
static_assert(!std::is_convertible_v<Uid, quint32>);
static_assert(!std::is_same_v<UidSet, SeqSet>);
static_assert(std::is_trivially_copyable_v<Uid>);
static_assert(sizeof(Uid) == sizeof(quint32));
static_assert(Uid(7).value() == 7 && Uid(7).isValid() && !Uid().isValid());
static_assert(Uid(1) < Uid(2) && Uid(2) >= Uid(2) && Uid(3) != Uid(4));

using Ranges = QList<QPair<quint32, quint32>>;

namespace {

constexpr quint32 maxU32 = std::numeric_limits<quint32>::max();

UidSet setOf(const Ranges &ranges)
{
    UidSet s;
    for (const auto &r : ranges)
        s.addRange(r.first, r.second);
    return s;
}

Ranges rangesOf(const UidSet &s)
{
    Ranges out;
    for (const UidSet::Range &r : s.ranges())
        out.append({r.first, r.last});
    return out;
}

// Sorted, disjoint, non-adjacent, first <= last, no zero.
bool wellFormed(const UidSet &s)
{
    const auto &ranges = s.ranges();
    for (qsizetype i = 0; i < ranges.size(); ++i) {
        if (ranges[i].first == 0 || ranges[i].first > ranges[i].last)
            return false;
        if (i > 0 && quint64(ranges[i - 1].last) + 1 >= ranges[i].first)
            return false;
    }
    return true;
}

} // namespace

class TestTypes : public QObject
{
    Q_OBJECT

private slots:
    void strongNumber();
    void add_data();
    void add();
    void addRange_data();
    void addRange();
    void remove_data();
    void remove();
    void contains_data();
    void contains();
    void countMinMax_data();
    void countMinMax();
    void toList();
    void equality();
    void seqSet();
    void randomAgainstModel();
};

void TestTypes::strongNumber()
{
    QSet<Uid> uids{Uid(1), Uid(2), Uid(2)};
    QCOMPARE(uids.size(), 2);
    QVERIFY(uids.contains(Uid(1)));
    QSet<SeqNum> seqs{SeqNum(1)};
    QVERIFY(seqs.contains(SeqNum(1)));
    QCOMPARE(Uid(maxU32).value(), maxU32);
    QVERIFY(Uid() == Uid(0));
}

void TestTypes::add_data()
{
    QTest::addColumn<QList<quint32>>("numbers");
    QTest::addColumn<QByteArray>("imap");

    QTest::newRow("empty") << QList<quint32>{} << QByteArray();
    QTest::newRow("one") << QList<quint32>{5} << QByteArray("5");
    QTest::newRow("ascending run") << QList<quint32>{1, 2, 3} << QByteArray("1:3");
    QTest::newRow("descending run") << QList<quint32>{3, 2, 1} << QByteArray("1:3");
    QTest::newRow("shuffled run") << QList<quint32>{2, 3, 1} << QByteArray("1:3");
    QTest::newRow("gap filled last") << QList<quint32>{1, 3, 2} << QByteArray("1:3");
    QTest::newRow("separate") << QList<quint32>{5, 1, 3} << QByteArray("1,3,5");
    QTest::newRow("mixed") << QList<quint32>{10, 1, 5, 2, 3, 4, 12, 11} << QByteArray("1:5,10:12");
    QTest::newRow("duplicates") << QList<quint32>{7, 7, 7} << QByteArray("7");
    QTest::newRow("zero ignored") << QList<quint32>{0, 1, 0} << QByteArray("1");
    QTest::newRow("largest") << QList<quint32>{maxU32, 1} << QByteArray("1,4294967295");
    QTest::newRow("largest run") << QList<quint32>{maxU32, maxU32 - 1} << QByteArray("4294967294:4294967295");
    QTest::newRow("insert between") << QList<quint32>{1, 10, 5} << QByteArray("1,5,10");
    QTest::newRow("bridge two ranges") << QList<quint32>{1, 2, 4, 5, 3} << QByteArray("1:5");
}

void TestTypes::add()
{
    QFETCH(QList<quint32>, numbers);
    QFETCH(QByteArray, imap);
    UidSet s;
    for (quint32 n : numbers)
        s.add(Uid(n));
    QCOMPARE(s.toImap(), imap);
    QVERIFY(wellFormed(s));
    QCOMPARE(s.isEmpty(), imap.isEmpty());
}

void TestTypes::addRange_data()
{
    QTest::addColumn<Ranges>("ranges");
    QTest::addColumn<QByteArray>("imap");

    QTest::newRow("one") << Ranges{{1, 3}} << QByteArray("1:3");
    QTest::newRow("single number") << Ranges{{4, 4}} << QByteArray("4");
    QTest::newRow("swapped bounds") << Ranges{{7, 5}} << QByteArray("5:7");
    QTest::newRow("disjoint ascending") << Ranges{{1, 3}, {5, 7}} << QByteArray("1:3,5:7");
    QTest::newRow("disjoint descending") << Ranges{{5, 7}, {1, 3}} << QByteArray("1:3,5:7");
    QTest::newRow("adjacent merge") << Ranges{{1, 3}, {4, 6}} << QByteArray("1:6");
    QTest::newRow("adjacent merge before") << Ranges{{4, 6}, {1, 3}} << QByteArray("1:6");
    QTest::newRow("contained") << Ranges{{1, 10}, {3, 4}} << QByteArray("1:10");
    QTest::newRow("containing") << Ranges{{3, 4}, {1, 10}} << QByteArray("1:10");
    QTest::newRow("overlap tail") << Ranges{{1, 5}, {3, 8}} << QByteArray("1:8");
    QTest::newRow("overlap head") << Ranges{{3, 8}, {1, 5}} << QByteArray("1:8");
    QTest::newRow("fills gap") << Ranges{{1, 2}, {8, 9}, {3, 7}} << QByteArray("1:9");
    QTest::newRow("swallows several") << Ranges{{1, 2}, {5, 6}, {9, 10}, {2, 9}} << QByteArray("1:10");
    QTest::newRow("swallows all") << Ranges{{3, 4}, {6, 7}, {9, 9}, {1, 20}} << QByteArray("1:20");
    QTest::newRow("middle insert") << Ranges{{1, 1}, {20, 20}, {10, 11}} << QByteArray("1,10:11,20");
    QTest::newRow("zero first ignored") << Ranges{{0, 5}} << QByteArray();
    QTest::newRow("zero last ignored") << Ranges{{5, 0}} << QByteArray();
    QTest::newRow("up to the largest") << Ranges{{maxU32 - 5, maxU32}, {1, 1}} << QByteArray("1,4294967290:4294967295");
    QTest::newRow("everything") << Ranges{{1, maxU32}, {7, 9}} << QByteArray("1:4294967295");
}

void TestTypes::addRange()
{
    QFETCH(Ranges, ranges);
    QFETCH(QByteArray, imap);
    const UidSet s = setOf(ranges);
    QCOMPARE(s.toImap(), imap);
    QVERIFY(wellFormed(s));
}

void TestTypes::remove_data()
{
    QTest::addColumn<Ranges>("before");
    QTest::addColumn<quint32>("removed");
    QTest::addColumn<Ranges>("after");

    QTest::newRow("split middle") << Ranges{{1, 10}} << 5u << Ranges{{1, 4}, {6, 10}};
    QTest::newRow("first of range") << Ranges{{1, 10}} << 1u << Ranges{{2, 10}};
    QTest::newRow("last of range") << Ranges{{1, 10}} << 10u << Ranges{{1, 9}};
    QTest::newRow("single") << Ranges{{5, 5}} << 5u << Ranges{};
    QTest::newRow("single among others") << Ranges{{1, 2}, {5, 5}, {8, 9}} << 5u << Ranges{{1, 2}, {8, 9}};
    QTest::newRow("absent in gap") << Ranges{{1, 2}, {8, 9}} << 5u << Ranges{{1, 2}, {8, 9}};
    QTest::newRow("absent above") << Ranges{{1, 2}} << 20u << Ranges{{1, 2}};
    QTest::newRow("zero") << Ranges{{1, 2}} << 0u << Ranges{{1, 2}};
    QTest::newRow("from empty") << Ranges{} << 3u << Ranges{};
    QTest::newRow("second range split") << Ranges{{1, 2}, {4, 8}} << 6u << Ranges{{1, 2}, {4, 5}, {7, 8}};
    QTest::newRow("largest") << Ranges{{1, maxU32}} << maxU32 << Ranges{{1, maxU32 - 1}};
    QTest::newRow("near largest") << Ranges{{1, maxU32}} << maxU32 - 1 << Ranges{{1, maxU32 - 2}, {maxU32, maxU32}};
}

void TestTypes::remove()
{
    QFETCH(Ranges, before);
    QFETCH(quint32, removed);
    QFETCH(Ranges, after);
    UidSet s = setOf(before);
    s.remove(Uid(removed));
    QCOMPARE(rangesOf(s), after);
    QVERIFY(wellFormed(s));
    QVERIFY(!s.contains(Uid(removed)));
}

void TestTypes::contains_data()
{
    QTest::addColumn<Ranges>("ranges");
    QTest::addColumn<quint32>("number");
    QTest::addColumn<bool>("contained");

    const Ranges r{{3, 5}, {10, 10}, {20, 30}};
    QTest::newRow("below all") << r << 1u << false;
    QTest::newRow("zero") << r << 0u << false;
    QTest::newRow("first of first") << r << 3u << true;
    QTest::newRow("inside first") << r << 4u << true;
    QTest::newRow("last of first") << r << 5u << true;
    QTest::newRow("gap") << r << 6u << false;
    QTest::newRow("single") << r << 10u << true;
    QTest::newRow("before last") << r << 19u << false;
    QTest::newRow("inside last") << r << 25u << true;
    QTest::newRow("last") << r << 30u << true;
    QTest::newRow("above all") << r << 31u << false;
    QTest::newRow("largest absent") << r << maxU32 << false;
    QTest::newRow("empty set") << Ranges{} << 1u << false;
    QTest::newRow("largest present") << Ranges{{maxU32, maxU32}} << maxU32 << true;
}

void TestTypes::contains()
{
    QFETCH(Ranges, ranges);
    QFETCH(quint32, number);
    QFETCH(bool, contained);
    QCOMPARE(setOf(ranges).contains(Uid(number)), contained);
}

void TestTypes::countMinMax_data()
{
    QTest::addColumn<Ranges>("ranges");
    QTest::addColumn<quint64>("count");
    QTest::addColumn<quint32>("min"); // 0: none
    QTest::addColumn<quint32>("max");

    QTest::newRow("empty") << Ranges{} << quint64(0) << 0u << 0u;
    QTest::newRow("one") << Ranges{{7, 7}} << quint64(1) << 7u << 7u;
    QTest::newRow("ranges") << Ranges{{3, 5}, {10, 10}, {20, 30}} << quint64(15) << 3u << 30u;
    QTest::newRow("everything") << Ranges{{1, maxU32}} << quint64(maxU32) << 1u << maxU32;
}

void TestTypes::countMinMax()
{
    QFETCH(Ranges, ranges);
    QFETCH(quint64, count);
    QFETCH(quint32, min);
    QFETCH(quint32, max);
    const UidSet s = setOf(ranges);
    QCOMPARE(s.count(), count);
    QCOMPARE(s.min().has_value(), min != 0);
    QCOMPARE(s.max().has_value(), max != 0);
    if (min != 0) {
        QCOMPARE(s.min()->value(), min);
        QCOMPARE(s.max()->value(), max);
    }
}

void TestTypes::toList()
{
    const UidSet s = setOf({{3, 5}, {9, 9}});
    QCOMPARE(s.toList(), (QList<Uid>{Uid(3), Uid(4), Uid(5), Uid(9)}));
    const UidSet top = setOf({{maxU32 - 1, maxU32}});
    QCOMPARE(top.toList(), (QList<Uid>{Uid(maxU32 - 1), Uid(maxU32)})); // no wrap-around
    QVERIFY(UidSet().toList().isEmpty());
}

void TestTypes::equality()
{
    UidSet a;
    a.add(Uid(3));
    a.add(Uid(1));
    a.add(Uid(2));
    const UidSet b = setOf({{1, 3}});
    QVERIFY(a == b);
    a.remove(Uid(2));
    QVERIFY(a != b);
    a.clear();
    QVERIFY(a.isEmpty());
    QVERIFY(a == UidSet());
    QCOMPARE(a.toImap(), QByteArray());
}

void TestTypes::seqSet()
{
    SeqSet s;
    s.add(SeqNum(4));
    s.add(SeqNum(2));
    s.add(SeqNum(3));
    QCOMPARE(s.toImap(), QByteArray("2:4"));
    QVERIFY(s.contains(SeqNum(3)));
    QCOMPARE(s.min(), std::optional<SeqNum>(SeqNum(2)));
}

void TestTypes::randomAgainstModel()
{
    QRandomGenerator rng(1234);
    for (int round = 0; round < 200; ++round) {
        UidSet s;
        std::set<quint32> model;
        const quint32 span = 1 + rng.bounded(60u);
        for (int op = 0; op < 60; ++op) {
            const quint32 a = rng.bounded(span + 1);
            switch (rng.bounded(3)) {
            case 0:
                s.add(Uid(a));
                if (a != 0)
                    model.insert(a);
                break;
            case 1: {
                const quint32 b = rng.bounded(span + 1);
                s.addRange(a, b);
                if (a != 0 && b != 0)
                    for (quint32 v = std::min(a, b); v <= std::max(a, b); ++v)
                        model.insert(v);
                break;
            }
            default:
                s.remove(Uid(a));
                model.erase(a);
                break;
            }
            QVERIFY(wellFormed(s));
            QCOMPARE(s.count(), quint64(model.size()));
        }
        QList<Uid> expected;
        for (quint32 v : model)
            expected.append(Uid(v));
        QCOMPARE(s.toList(), expected);
        for (quint32 v = 0; v <= span + 1; ++v)
            QCOMPARE(s.contains(Uid(v)), model.count(v) == 1);
        if (!model.empty()) {
            QCOMPARE(s.min()->value(), *model.begin());
            QCOMPARE(s.max()->value(), *model.rbegin());
        }
    }
}

QTEST_APPLESS_MAIN(TestTypes)
#include "tst_types.moc"
