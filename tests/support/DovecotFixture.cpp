#include "DovecotFixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace testsupport {

namespace {

const char *const kRequiredKeys[]
    = {"DOVECOT_DIR", "DOVECOT_CONF", "HOST",       "IMAPS_PORT",  "IMAP_PORT",       "PLAIN_HOST", "PLAIN_PORT",
       "CA_CERT",     "CERT_SHA256",  "USER_COUNT", "USER_PREFIX", "PASSWORD_PREFIX", "DOVEADM"};

QString howToRun()
{
    return QStringLiteral(
        "Integration tests need the Dovecot fixture. Through ctest it starts by itself "
        "(e.g. `ctest -R integration.fixture` runs fixture.dovecot.start first). By hand: "
        "`tests/support/dovecot-fixture.sh start /tmp/ibfx && IDLEBELL_TEST_DOVECOT=/tmp/ibfx ./tst_NAME`, "
        "then `tests/support/dovecot-fixture.sh stop /tmp/ibfx`.");
}

} // namespace

QString DovecotFixture::ProcessResult::describe() const
{
    QString text = QStringLiteral("exit code %1").arg(exitCode);
    if (!error.isEmpty())
        text += QStringLiteral(", ") + error;
    const QByteArray err = errorOutput.trimmed();
    if (!err.isEmpty())
        text += QStringLiteral(", stderr: ") + QString::fromUtf8(err);
    else if (!ok() && !output.trimmed().isEmpty())
        text += QStringLiteral(", stdout: ") + QString::fromUtf8(output.trimmed());
    return text;
}

DovecotFixture::DovecotFixture(DovecotFixture &&other) noexcept = default;

DovecotFixture &DovecotFixture::operator=(DovecotFixture &&other) noexcept
{
    if (this != &other) {
        stopOwned();
        m_stateDir = std::move(other.m_stateDir);
        m_env = std::move(other.m_env);
        m_ownedStateDir = std::move(other.m_ownedStateDir);
    }
    return *this;
}

DovecotFixture::~DovecotFixture()
{
    stopOwned();
}

void DovecotFixture::stopOwned()
{
    if (!m_ownedStateDir)
        return;
    const ProcessResult r = script(QStringLiteral("stop"));
    if (!r.ok())
        qWarning("DovecotFixture: stopping the private instance failed: %s", qPrintable(r.describe()));
    m_ownedStateDir.reset();
}

bool DovecotFixture::parseEnvFile(const QString &path, QHash<QString, QString> *env, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const int eq = line.indexOf('=');
        if (eq <= 0)
            continue;
        QByteArray value = line.mid(eq + 1);
        if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"') && value.back() == value.front())
            value = value.mid(1, value.size() - 2);
        env->insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(value));
    }
    for (const char *key : kRequiredKeys) {
        if (env->value(QLatin1String(key)).isEmpty()) {
            *error = QStringLiteral("%1 has no %2").arg(path, QLatin1String(key));
            return false;
        }
    }
    return true;
}

std::optional<DovecotFixture> DovecotFixture::fromStateDir(const QString &stateDir, QString *error)
{
    QString ignored;
    QString &err = error ? *error : ignored;
    DovecotFixture fixture;
    fixture.m_stateDir = QDir(stateDir).absolutePath();
    if (!parseEnvFile(fixture.m_stateDir + QStringLiteral("/env"), &fixture.m_env, &err)) {
        err = QStringLiteral("no running Dovecot fixture in %1 (%2). %3").arg(stateDir, err, howToRun());
        return std::nullopt;
    }
    if (!fixture.isRunning()) {
        err = QStringLiteral("the Dovecot fixture recorded in %1 is not running (its pid file %2 names no live "
                             "process). %3")
                  .arg(stateDir, fixture.value(QStringLiteral("DOVECOT_PID_FILE")), howToRun());
        return std::nullopt;
    }
    return fixture;
}

std::optional<DovecotFixture> DovecotFixture::fromEnvironment(QString *error)
{
    const QString stateDir = qEnvironmentVariable("IDLEBELL_TEST_DOVECOT");
    if (stateDir.isEmpty()) {
        if (error)
            *error = QStringLiteral("IDLEBELL_TEST_DOVECOT is not set. ") + howToRun();
        return std::nullopt;
    }
    return fromStateDir(stateDir, error);
}

std::optional<DovecotFixture> DovecotFixture::requireFixture()
{
    QString error;
    std::optional<DovecotFixture> fixture = fromEnvironment(&error);
    if (!fixture) {
        // Never a skip: under CI=true a missing server must fail the run, and by hand
        // the message says how to provide it.
        const QString ci = qEnvironmentVariable("CI") == QLatin1String("true")
            ? QStringLiteral(" (CI=true: integration tests never skip)")
            : QString();
        QTest::qFail(qPrintable(error + ci), __FILE__, __LINE__);
    }
    return fixture;
}

std::optional<DovecotFixture> DovecotFixture::startPrivate(QString *error)
{
    QString ignored;
    QString &err = error ? *error : ignored;
    auto dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/ibfx-private-XXXXXX"));
    if (!dir->isValid()) {
        err = QStringLiteral("cannot create a temporary state dir: %1").arg(dir->errorString());
        return std::nullopt;
    }
    const ProcessResult r = run(scriptPath(), {QStringLiteral("start"), dir->path()}, 60000);
    if (!r.ok()) {
        err = QStringLiteral("%1 start %2 failed: %3\n%4")
                  .arg(scriptPath(), dir->path(), r.describe(), QString::fromUtf8(r.output));
        return std::nullopt;
    }
    std::optional<DovecotFixture> fixture = fromStateDir(dir->path(), &err);
    if (!fixture) {
        run(scriptPath(), {QStringLiteral("stop"), dir->path()}, 60000);
        return std::nullopt;
    }
    fixture->m_ownedStateDir = std::move(dir);
    return fixture;
}

QString DovecotFixture::scriptPath()
{
    const QString fromEnv = qEnvironmentVariable("IDLEBELL_DOVECOT_FIXTURE_SCRIPT");
    if (!fromEnv.isEmpty())
        return fromEnv;
    // This source file sits next to the script; CMake compiles it by absolute path.
    return QFileInfo(QString::fromUtf8(__FILE__)).absoluteDir().filePath(QStringLiteral("dovecot-fixture.sh"));
}

QByteArray DovecotFixture::caCertPem() const
{
    QFile file(caCertPath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString DovecotFixture::userName(int n) const
{
    return value(QStringLiteral("USER_PREFIX")) + QString::number(n);
}

QString DovecotFixture::password(int n) const
{
    return value(QStringLiteral("PASSWORD_PREFIX")) + QString::number(n) + value(QStringLiteral("PASSWORD_SUFFIX"));
}

DovecotFixture::ProcessResult DovecotFixture::run(const QString &program, const QStringList &args, int timeoutMs)
{
    ProcessResult result;
    QProcess process;
    process.setProgram(program);
    process.setArguments(args);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start();
    if (!process.waitForStarted(timeoutMs)) {
        result.error = QStringLiteral("could not start %1: %2").arg(program, process.errorString());
        return result;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.output = process.readAllStandardOutput();
        result.errorOutput = process.readAllStandardError();
        result.error
            = QStringLiteral("%1 %2 timed out after %3 ms").arg(program, args.join(QLatin1Char(' '))).arg(timeoutMs);
        return result;
    }
    result.output = process.readAllStandardOutput();
    result.errorOutput = process.readAllStandardError();
    if (process.exitStatus() != QProcess::NormalExit) {
        result.error = QStringLiteral("%1 crashed").arg(program);
        return result;
    }
    result.exitCode = process.exitCode();
    return result;
}

DovecotFixture::ProcessResult DovecotFixture::doveadm(const QStringList &args, int timeoutMs) const
{
    // DOVEADM is "PATH -c CONF": paths without spaces (the fixture lives in /tmp/ibdc.XXXXXX).
    QStringList command = value(QStringLiteral("DOVEADM")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (command.isEmpty()) {
        ProcessResult result;
        result.error = QStringLiteral("no DOVEADM in the env file");
        return result;
    }
    const QString program = command.takeFirst();
    return run(program, command + args, timeoutMs);
}

DovecotFixture::ProcessResult DovecotFixture::kick(int n) const
{
    return doveadm({QStringLiteral("kick"), userName(n)});
}

DovecotFixture::ProcessResult DovecotFixture::clearMailbox(int n) const
{
    return doveadm({QStringLiteral("expunge"), QStringLiteral("-u"), userName(n), QStringLiteral("mailbox"),
                    QStringLiteral("*"), QStringLiteral("all")});
}

DovecotFixture::ProcessResult DovecotFixture::script(const QString &command, int timeoutMs) const
{
    return run(scriptPath(), {command, m_stateDir}, timeoutMs);
}

DovecotFixture::ProcessResult DovecotFixture::stop() const
{
    return script(QStringLiteral("down"));
}

DovecotFixture::ProcessResult DovecotFixture::start() const
{
    return script(QStringLiteral("up"));
}

DovecotFixture::ProcessResult DovecotFixture::restart() const
{
    return script(QStringLiteral("restart"));
}

bool DovecotFixture::isRunning() const
{
    QFile pidFile(value(QStringLiteral("DOVECOT_PID_FILE")));
    if (!pidFile.open(QIODevice::ReadOnly))
        return false;
    const QByteArray pid = pidFile.readAll().trimmed();
    if (pid.isEmpty())
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid)));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const int close = text.lastIndexOf(')');
    // "pid (comm) S ...": a zombie (Z) is not running
    return close > 0 && text.size() > close + 2 && text.at(close + 2) != 'Z';
}

} // namespace testsupport
