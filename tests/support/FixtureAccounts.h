#pragma once

#include "session/SessionTypes.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace testsupport {

class DovecotFixture;

// A fixture user (see the table in DovecotFixture.h) as the app and the tests
// meet it: session settings, a config file for the idlebell binary, and
// mail put in or cleared by another client.

// SessionConfig for user N over `security`: the listener for it (implicit
// TLS: host():imapsPort(); STARTTLS: host():imapPort(); none:
// plainHost():plainPort()), the user's name and password, and the fixture's
// certificate as the CA. Timeouts and clientName are the defaults: a test
// sets its own.
session::SessionConfig fixtureSessionConfig(const DovecotFixture &dc, int user,
                                            session::Security security = session::Security::Tls);

// An idlebell config file with one account `id` ("[account.ID]", named
// `displayName`) for user N over implicit TLS that trusts the fixture's
// certificate. The password is in DIR/ID.pw, read by "passwordCommand=cat
// FILE"; the config is DIR/ID.conf. Returns its path, empty on failure.
QString writeAccountConfig(const DovecotFixture &dc, int user, const QString &dir, const QString &id,
                           const QString &displayName);

// Deletes every message of user N (DovecotFixture::clearMailbox); false, with
// a warning saying why, on failure.
bool cleanMailbox(const DovecotFixture &dc, int user);

// APPENDs makeMessage(from, subject, body) to user N's INBOX over a
// connection of its own (TestImapClient, implicit TLS). The new message's
// UID, or nullopt with a warning saying why.
std::optional<quint32> appendMessage(const DovecotFixture &dc, int user, const QByteArray &from,
                                     const QByteArray &subject, const QByteArray &body = "body");

} // namespace testsupport
