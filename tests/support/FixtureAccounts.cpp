#include "support/FixtureAccounts.h"

#include "support/DovecotFixture.h"
#include "support/TestImapClient.h"

#include <QDebug>
#include <QDir>
#include <QFile>

namespace testsupport {

using session::Security;

session::SessionConfig fixtureSessionConfig(const DovecotFixture &dc, int user, Security security)
{
    session::SessionConfig c;
    c.security = security;
    switch (security) {
    case Security::Tls:
        c.host = dc.host();
        c.port = dc.imapsPort();
        break;
    case Security::StartTls:
        c.host = dc.host();
        c.port = dc.imapPort();
        break;
    case Security::None:
        c.host = dc.plainHost();
        c.port = dc.plainPort();
        break;
    }
    c.username = dc.userName(user);
    c.password = dc.password(user);
    c.tls.caFile = dc.caCertPath();
    return c;
}

QString writeAccountConfig(const DovecotFixture &dc, int user, const QString &dir, const QString &id,
                           const QString &displayName)
{
    const QString passwordFile = QDir(dir).filePath(id + QStringLiteral(".pw"));
    QFile pw(passwordFile);
    if (!pw.open(QIODevice::WriteOnly))
        return {};
    pw.write(dc.password(user).toUtf8() + '\n');
    pw.close();
    const QString path = QDir(dir).filePath(id + QStringLiteral(".conf"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QStringLiteral("[account.%1]\n"
                           "name=%2\n"
                           "host=%3\n"
                           "port=%4\n"
                           "security=tls\n"
                           "username=%5\n"
                           "caFile=%6\n"
                           "passwordCommand=cat %7\n")
                .arg(id, displayName, dc.host())
                .arg(dc.imapsPort())
                .arg(dc.userName(user), dc.caCertPath(), passwordFile)
                .toUtf8());
    return path;
}

bool cleanMailbox(const DovecotFixture &dc, int user)
{
    const auto r = dc.clearMailbox(user);
    if (!r.ok())
        qWarning() << r.describe();
    return r.ok();
}

std::optional<quint32> appendMessage(const DovecotFixture &dc, int user, const QByteArray &from,
                                     const QByteArray &subject, const QByteArray &body)
{
    TestImapClient client;
    if (!client.connectTo(dc, TestImapClient::Security::Tls)) {
        qWarning() << client.lastError();
        return std::nullopt;
    }
    const auto login = client.login(dc.userName(user), dc.password(user));
    if (!login.ok()) {
        qWarning() << login.describe();
        return std::nullopt;
    }
    TestImapClient::Response r;
    const auto uid = client.append(QStringLiteral("INBOX"), TestImapClient::makeMessage(from, subject, body), {}, &r);
    if (!uid)
        qWarning() << r.describe();
    client.logout();
    return uid;
}

} // namespace testsupport
