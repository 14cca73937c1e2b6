#pragma once

// Declared apart so that moc never reads the conversation scripts.

#include <QObject>

class TestMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void applyRestartsOnlyChangedAccounts();
    void newMailIsPersistedAndNotRepeatedAfterRestart();
    void sameMessageInTwoFoldersIsReportedOnce();
    void connectionCapIsRespected();
    void missingPasswordIsReportedNotRetried();
    void disabledAccountIsNotWatched();
};
