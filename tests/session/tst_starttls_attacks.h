#pragma once

// Declared apart from tst_starttls_attacks.cpp so that moc never reads the
// conversation scripts (moc does not understand raw string literals).

#include <QObject>

class TestStartTlsAttacks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    // Negotiation: stripping, refusal, PREAUTH, referrals
    void strippedFromGreeting_data();
    void strippedFromGreeting();
    void strippedFromCapabilityAnswer_data();
    void strippedFromCapabilityAnswer();
    void startTlsRefused_data();
    void startTlsRefused();
    void preauthOnStartTlsAccount_data();
    void preauthOnStartTlsAccount();
    void preauthWhenTrusted_data();
    void preauthWhenTrusted();
    void referralsAreNotFollowed_data();
    void referralsAreNotFollowed();

    // Buffering: plaintext after "OK Begin TLS"
    void injectionAfterStartTlsOk_data();
    void injectionAfterStartTlsOk();

    // Tampering: untagged data and tags before TLS
    void untrustedDataBeforeTlsIsIgnored_data();
    void untrustedDataBeforeTlsIsIgnored();
    void untrustedDataBeforeTlsOnReconnect_data();
    void untrustedDataBeforeTlsOnReconnect();
    void wrongOrMissingTag_data();
    void wrongOrMissingTag();

    // UI spoofing: greeting and response codes before TLS
    void spoofedGreeting_data();
    void spoofedGreeting();
    void byeTextBeforeTlsIsNotShown();
    void alertAfterTlsIsShown();

    // Capabilities: re-read after TLS, LOGINDISABLED
    void capabilitiesAreReadAgainAfterTls_data();
    void capabilitiesAreReadAgainAfterTls();

    // Malicious mailbox names
    void maliciousListResponsesAreIgnored();
    void maliciousMailboxNamesParseSafely_data();
    void maliciousMailboxNamesParseSafely();

    // Credentials in the clear only by choice; never in logs
    void plaintextByChoiceIsTheOnlyCleartextLogin();
    void secretsNeverLogged_data();
    void secretsNeverLogged();
};
