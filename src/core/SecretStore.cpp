#include "core/SecretStore.h"

#include <QLibrary>

#include "core/Logging.h"

#include <QFileInfo>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

namespace core {

namespace {

constexpr qsizetype MaxStdout = 64 * 1024;
constexpr qsizetype MaxStderr = 4 * 1024;
constexpr qsizetype MaxErrorLine = 300; // of stderr, in a message

enum class KeyringOperation { Read, Write, Delete };

// QtKeychain reports a session bus that cannot be reached (no D-Bus, no
// Secret Service) as OtherError with libsecret/GDBus wording.
bool looksLikeMissingService(const QString &errorString)
{
    static const char *const hints[] = {
        "could not connect",
        "d-bus",
        "dbus",
        "autolaunch",
        "org.freedesktop.secrets",
        "not provided by any .service",
        "serviceunknown",
        "no such name",
        "name has no owner",
    };
    const QString lower = errorString.toLower();
    for (const char *hint : hints) {
        if (lower.contains(QLatin1String(hint)))
            return true;
    }
    return false;
}

bool isMissingService(QKeychain::Error error, const QString &errorString)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || (error == QKeychain::OtherError && looksLikeMissingService(errorString));
}

// libsecret keeps the encryption session it opened with the Secret Service.
// When the service restarts (a new gnome-keyring-daemon), every later call
// fails with "The session does not exist" until that session is dropped;
// QtKeychain does not drop it. secret_service_disconnect() does.
bool isStaleSession(QKeychain::Error error, const QString &errorString)
{
    const QString lower = errorString.toLower();
    return error == QKeychain::OtherError
        && (lower.contains(QLatin1String("nosession"))
            || (lower.contains(QLatin1String("session")) && lower.contains(QLatin1String("does not exist"))));
}

void dropLibsecretSession()
{
    using Disconnect = void (*)();
    static const auto disconnect
        = reinterpret_cast<Disconnect>(QLibrary::resolve(QStringLiteral("secret-1"), 0, "secret_service_disconnect"));
    if (disconnect)
        disconnect();
}

QString keyringMessage(QKeychain::Error error, const QString &errorString, KeyringOperation operation)
{
    const QString detail = errorString.trimmed().isEmpty() ? SecretStore::tr("no details") : errorString.trimmed();
    switch (error) {
    case QKeychain::NoError:
        return QString();
    case QKeychain::EntryNotFound:
        return SecretStore::tr(
            "No password is stored in the keyring for this account. Enter it in the account settings.");
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return SecretStore::tr("Access to the keyring was denied (%1). Unlock the keyring and try again.").arg(detail);
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        break;
    case QKeychain::CouldNotDeleteEntry:
        return SecretStore::tr("The password could not be removed from the keyring (%1).").arg(detail);
    case QKeychain::OtherError:
        if (looksLikeMissingService(errorString))
            break;
        switch (operation) {
        case KeyringOperation::Read:
            return SecretStore::tr("The keyring could not be read (%1).").arg(detail);
        case KeyringOperation::Write:
            return SecretStore::tr("The password could not be stored in the keyring (%1).").arg(detail);
        case KeyringOperation::Delete:
            return SecretStore::tr("The password could not be removed from the keyring (%1).").arg(detail);
        }
        break;
    }
    return SecretStore::tr(
               "No keyring service is available (%1). Start a Secret Service such as GNOME Keyring or KWallet, "
               "set a password command for the account, or keep the password for this run only.")
        .arg(detail);
}

QByteArray firstLine(const QByteArray &bytes)
{
    const qsizetype end = bytes.indexOf('\n');
    QByteArray line = end < 0 ? bytes : bytes.left(end);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

void appendCapped(QByteArray &buffer, const QByteArray &data, qsizetype cap)
{
    if (buffer.size() < cap)
        buffer.append(data.left(cap - buffer.size()));
}

} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{ }

SecretStore::~SecretStore()
{
    // Stop password commands still running, without signals and without
    // QProcess's "destroyed while still running" warning.
    const auto processes = findChildren<QProcess *>();
    for (QProcess *process : processes) {
        process->disconnect();
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(1000);
        }
    }
}

QString SecretStore::serviceName()
{
    return QStringLiteral("idlebell");
}

void SecretStore::setRunOnlyPassword(const QString &accountId, const QString &password)
{
    m_runOnly.insert(accountId, password);
}

void SecretStore::clearRunOnlyPassword(const QString &accountId)
{
    m_runOnly.remove(accountId);
}

bool SecretStore::hasRunOnlyPassword(const QString &accountId) const
{
    return m_runOnly.contains(accountId);
}

void SecretStore::setCommandTimeout(std::chrono::milliseconds timeout)
{
    m_commandTimeout = timeout;
}

void SecretStore::requestPassword(const Account &account)
{
    const QString id = account.id;
    if (m_pending.contains(id))
        return; // the running request answers this one too
    m_pending.insert(id);

    const auto runOnly = m_runOnly.constFind(id);
    if (runOnly != m_runOnly.constEnd()) {
        const QString password = runOnly.value();
        QMetaObject::invokeMethod(
            this, [this, id, password] { finishRequest(id, true, password); }, Qt::QueuedConnection);
    } else if (!account.passwordCommand.trimmed().isEmpty()) {
        runPasswordCommand(account);
    } else {
        readKeyring(id);
    }
}

void SecretStore::finishRequest(const QString &accountId, bool ok, const QString &passwordOrMessage)
{
    m_pending.remove(accountId);
    if (ok) {
        Q_EMIT passwordReady(accountId, passwordOrMessage);
    } else {
        qCInfo(lcCore).noquote() << "no password for account" << accountId << "-" << passwordOrMessage;
        Q_EMIT passwordFailed(accountId, passwordOrMessage);
    }
}

void SecretStore::runPasswordCommand(const Account &account)
{
    const QString id = account.id;
    QStringList arguments = QProcess::splitCommand(account.passwordCommand);
    if (arguments.isEmpty() || arguments.first().trimmed().isEmpty()) {
        const QString message = tr("The password command has no program to run.");
        QMetaObject::invokeMethod(
            this, [this, id, message] { finishRequest(id, false, message); }, Qt::QueuedConnection);
        return;
    }
    const QString program = arguments.takeFirst();
    // Messages name the program only: the arguments might hold anything.
    const QString programName = QFileInfo(program).fileName();

    struct Run
    {
        QByteArray out;
        QByteArray err;
        bool done = false;
    };
    auto run = std::make_shared<Run>();
    auto *process = new QProcess(this);
    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    process->setProgram(program);
    process->setArguments(arguments);
    process->setProcessChannelMode(QProcess::SeparateChannels);
    process->setStandardInputFile(QProcess::nullDevice());

    const auto finish = [this, id, run, timer](bool ok, const QString &passwordOrMessage) {
        if (run->done)
            return;
        run->done = true;
        timer->stop();
        run->out.fill('\0');
        run->out.clear();
        finishRequest(id, ok, passwordOrMessage);
    };

    connect(process, &QProcess::readyReadStandardOutput, this,
            [process, run] { appendCapped(run->out, process->readAllStandardOutput(), MaxStdout); });
    connect(process, &QProcess::readyReadStandardError, this,
            [process, run] { appendCapped(run->err, process->readAllStandardError(), MaxStderr); });
    connect(process, &QProcess::errorOccurred, this, [process, finish, programName](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return; // the others end in finished()
        finish(false,
               tr("The password command \"%1\" could not be started (%2).").arg(programName, process->errorString()));
        process->deleteLater();
    });
    connect(timer, &QTimer::timeout, this, [this, process, finish, programName] {
        process->kill(); // finished() follows and deletes it
        finish(false,
               tr("The password command \"%1\" did not finish within %2 seconds and was stopped.")
                   .arg(programName)
                   .arg(double(m_commandTimeout.count()) / 1000.0));
    });
    connect(process, &QProcess::finished, this,
            [process, run, finish, programName](int exitCode, QProcess::ExitStatus status) {
                appendCapped(run->out, process->readAllStandardOutput(), MaxStdout);
                appendCapped(run->err, process->readAllStandardError(), MaxStderr);
                process->deleteLater();
                if (run->done)
                    return;

                const QByteArray passwordBytes = firstLine(run->out);
                QString errorLine = QString::fromUtf8(firstLine(run->err)).trimmed();
                // A command that echoes the secret on stderr must not put it in the message.
                if (!passwordBytes.isEmpty() && errorLine.contains(QString::fromUtf8(passwordBytes)))
                    errorLine = tr("(output withheld: it contains what the command printed as the password)");
                else if (errorLine.size() > MaxErrorLine)
                    errorLine = errorLine.left(MaxErrorLine) + QStringLiteral("...");
                const QString errorDetail = errorLine.isEmpty() ? QString() : QStringLiteral(": ") + errorLine;

                if (status == QProcess::CrashExit) {
                    finish(false, tr("The password command \"%1\" crashed%2").arg(programName, errorDetail));
                } else if (exitCode != 0) {
                    finish(false,
                           tr("The password command \"%1\" failed with exit code %2%3")
                               .arg(programName)
                               .arg(exitCode)
                               .arg(errorDetail));
                } else if (passwordBytes.isEmpty()) {
                    finish(false,
                           tr("The password command \"%1\" printed no password%2").arg(programName, errorDetail));
                } else {
                    finish(true, QString::fromUtf8(passwordBytes));
                }
            });

    timer->start(m_commandTimeout);
    process->start();
}

void SecretStore::runJob(std::function<QKeychain::Job *()> make, std::function<void(QKeychain::Job *)> done,
                         bool mayRetry)
{
    // No parent: a job must outlive this object if it is still running (the
    // backend calls back into it); it deletes itself when finished.
    QKeychain::Job *job = make();
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, make, done, mayRetry](QKeychain::Job *finished) {
        if (mayRetry && isStaleSession(finished->error(), finished->errorString())) {
            qCInfo(lcCore) << "the keyring service was restarted; opening a new session";
            dropLibsecretSession();
            runJob(make, done, false);
            return;
        }
        if (finished->error() != QKeychain::NoError && finished->error() != QKeychain::EntryNotFound)
            m_keyringUnavailable = isMissingService(finished->error(), finished->errorString());
        else
            m_keyringUnavailable = false;
        done(finished);
    });
    job->start();
}

void SecretStore::readKeyring(const QString &accountId)
{
    const auto make = [accountId]() -> QKeychain::Job * {
        auto *job = new QKeychain::ReadPasswordJob(serviceName());
        job->setKey(accountId);
        return job;
    };
    runJob(make, [this, accountId](QKeychain::Job *finished) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
        if (read->error() != QKeychain::NoError) {
            finishRequest(accountId, false, keyringMessage(read->error(), read->errorString(), KeyringOperation::Read));
        } else if (read->textData().isEmpty()) {
            finishRequest(accountId, false, tr("The password stored in the keyring for this account is empty."));
        } else {
            finishRequest(accountId, true, read->textData());
        }
    });
}

void SecretStore::storePassword(const QString &accountId, const QString &password)
{
    const auto make = [accountId, password]() -> QKeychain::Job * {
        auto *job = new QKeychain::WritePasswordJob(serviceName());
        job->setKey(accountId);
        job->setTextData(password);
        return job;
    };
    runJob(make, [this, accountId](QKeychain::Job *finished) {
        if (finished->error() != QKeychain::NoError) {
            const QString message = keyringMessage(finished->error(), finished->errorString(), KeyringOperation::Write);
            qCWarning(lcCore).noquote() << "storing the password of" << accountId << "failed:" << message;
            Q_EMIT passwordStoreFailed(accountId, message);
            return;
        }
        m_runOnly.remove(accountId); // the keyring has the newer one now
        Q_EMIT passwordStored(accountId);
    });
}

void SecretStore::deletePassword(const QString &accountId)
{
    m_runOnly.remove(accountId);
    const auto make = [accountId]() -> QKeychain::Job * {
        auto *job = new QKeychain::DeletePasswordJob(serviceName());
        job->setKey(accountId);
        return job;
    };
    runJob(make, [this, accountId](QKeychain::Job *finished) {
        if (finished->error() != QKeychain::NoError && finished->error() != QKeychain::EntryNotFound) {
            const QString message
                = keyringMessage(finished->error(), finished->errorString(), KeyringOperation::Delete);
            qCWarning(lcCore).noquote() << "removing the password of" << accountId << "failed:" << message;
            Q_EMIT passwordDeleteFailed(accountId, message);
            return;
        }
        Q_EMIT passwordDeleted(accountId);
    });
}

} // namespace core
