#pragma once

// Declared apart from tst_imapsession.cpp so that moc never reads the
// conversation scripts (moc does not understand raw string literals).

#include <QObject>

class TestImapSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstRunReportsNothingOldAndCountsUnseen();
    void idleExistsFetchesAndReportsOnce();
    void burstOfExistsInOneReadIsOneFetch();
    void existsDuringAnotherCommandIsHandled();
    void noIdleCapabilityPolls();
    void idleRefusedFallsBackToPolling();
    void idleIsRefreshedOnInterval();
    void idleRefreshNeverExceeds29Minutes();
    void deadLinkAfterDoneReconnects();
    void greetingTimeoutReconnects();
    void byeReconnectsWithGrowingBackoff();
    void healthySessionResetsBackoff();
    void authenticationFailureDoesNotRetry();
    void unavailableLoginRetries();
    void authenticateWithoutSaslIrWaitsForContinuation();
    void loginWithSynchronizingLiteral();
    void startTlsHappyPath();
    void startTlsNotOfferedIsAnError();
    void startTlsInjectionIsRefused();
    void preauthBeforeStartTlsIsRefused();
    void loginDisabledWithoutPlainIsRefused();
    void certificateFailureStopsWithFingerprint();
    void restartReportsOnlyAboveHighWaterMark();
    void nothingAboveHighWaterMarkIsFilteredOut();
    void uidValidityChangeDoesNotFlood();
    void largeBacklogFetchesNewestSummariesAndCountsTheRest();
    void expungeLowersCount();
    void garbageIsAProtocolErrorAndReconnects();
    void hugeLiteralAnnouncementIsAnErrorNotAnAllocation();
    void checkNowWhileIdlingSyncs();
    void existsBeforeIdleContinuationWaitsForPlus();
    void stopLogsOut();
    void reconnectNowDropsAndConnects();
    void alertOnlyFromTrustedConnections();
    void movedInMailIsNotNew();
    void wallClockJumpReconnects();
    void notifyPushesNewMailWithoutARoundTrip();
    void notifySplitAcrossReadsReportsOnce();
    void notifyWithoutIdleWatchesWithNoop();
    void notifyWatchesOtherMailboxes();
    void withoutNotifyOtherMailboxesArePolled();
    void expungedReportedMessageIsWithdrawn();
    void busyByeWaitsLonger();
    void alertFloodIsBounded();
};
