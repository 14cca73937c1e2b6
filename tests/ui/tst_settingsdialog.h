#pragma once

// Declared apart so that moc never reads the conversation scripts.

#include <QObject>

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTripThroughTheWidgets();
    void invalidSettingsAreNotSaved_data();
    void invalidSettingsAreNotSaved();
    void accountDialogRefusalBlocksSaving_data();
    void accountDialogRefusalBlocksSaving();
    void removingAnAccountRemovesItsGroup();
    void enableCheckboxPausesAnAccount();
    void cancelDiscards();
    void editingWithoutPasswordStoresNothing();
    void noKeyringOffersThisRunOnly();
    void declinedRunOnlyKeepsPasswordForNextApply();
    void applyLeavesOtherAccountsConnected();
    void startAtLoginWritesAutostartEntry();
    void autostartDirectoryAndSwitchedOffEntries();
    void settingsFileWarningsShownOnce();
    void unreadableSettingsFileIsMovedAsideNotLost();
};
