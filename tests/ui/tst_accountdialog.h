#pragma once

// Declared apart so that moc never reads the conversation scripts.

#include <QObject>

class TestAccountDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTripsEveryField();
    void plaintextShowsWarning();
    void portPlaceholderFollowsSecurity();
    void clickActionEnablesItsField_data();
    void clickActionEnablesItsField();
    void refusesInvalidInput_data();
    void refusesInvalidInput();
    void newAccountNeedsPasswordOrCommand();
    void editingKeepsStoredPassword();
    void testConnectionWithIdle();
    void testConnectionWithoutIdle();
    void wrongPasswordShowsServerRefusal();
    void unreachableServerNamesTheReason();
    void certificateErrorOffersTrust();
    void forgetPinClears();
    void loadedFoldersKeepChoicesAndSkipSpecialUse();
    void addFolderByName();
    void stopTest();
    void storedPasswordFromCommand();
    void storedPasswordWithoutKeyring();
};
