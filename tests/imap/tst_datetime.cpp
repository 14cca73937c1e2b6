#include "imap/DateTime.h"

#include <QTest>

class TestDateTime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QDateTime>("expected");
        const auto utc = [](int y, int mo, int d, int h, int mi, int s) {
            return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC);
        };
        QTest::newRow("rfc5322") << QByteArray("Mon, 7 Feb 1994 21:52:25 -0800") << utc(1994, 2, 8, 5, 52, 25);
        QTest::newRow("no weekday") << QByteArray("21 Nov 2026 10:00:00 +0100") << utc(2026, 11, 21, 9, 0, 0);
        QTest::newRow("comment zone") << QByteArray("Fri, 21 Nov 1997 09:55:06 -0600 (CST)")
                                      << utc(1997, 11, 21, 15, 55, 6);
        QTest::newRow("named zone") << QByteArray("Thu, 13 Feb 1969 23:32 EST") << utc(1969, 2, 14, 4, 32, 0);
        QTest::newRow("two-digit year") << QByteArray("Tue, 1 Jul 03 10:52:37 +0200") << utc(2003, 7, 1, 8, 52, 37);
        QTest::newRow("old two-digit year") << QByteArray("1 Jan 99 00:00:00 GMT") << utc(1999, 1, 1, 0, 0, 0);
        QTest::newRow("internaldate") << QByteArray("17-Jul-1996 02:44:25 -0700") << utc(1996, 7, 17, 9, 44, 25);
        QTest::newRow("internaldate space day")
            << QByteArray(" 7-Jul-1996 02:44:25 +0000") << utc(1996, 7, 7, 2, 44, 25);
        QTest::newRow("folded") << QByteArray("Mon,\r\n 7 Feb 1994\r\n 21:52:25 +0000") << utc(1994, 2, 7, 21, 52, 25);
        QTest::newRow("leap second") << QByteArray("31 Dec 2016 23:59:60 +0000") << utc(2016, 12, 31, 23, 59, 59);
        QTest::newRow("military zone") << QByteArray("1 Jan 2020 12:00:00 A") << utc(2020, 1, 1, 12, 0, 0);
        QTest::newRow("garbage") << QByteArray("not a date") << QDateTime();
        QTest::newRow("empty") << QByteArray() << QDateTime();
        QTest::newRow("bad day") << QByteArray("32 Jan 2020 00:00:00 +0000") << QDateTime();
        QTest::newRow("bad zone") << QByteArray("1 Jan 2020 00:00:00 +9999") << QDateTime();
        QTest::newRow("bad month") << QByteArray("1 Foo 2020 00:00:00 +0000") << QDateTime();
        QTest::newRow("truncated") << QByteArray("1 Jan 2020 00:") << QDateTime();
    }
    void parse()
    {
        QFETCH(QByteArray, text);
        QFETCH(QDateTime, expected);
        const QDateTime got = imap::parseDateTime(text);
        QCOMPARE(got.isValid(), expected.isValid());
        if (expected.isValid())
            QCOMPARE(got, expected);
    }
};

QTEST_GUILESS_MAIN(TestDateTime)
#include "tst_datetime.moc"
