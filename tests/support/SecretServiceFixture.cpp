#include "support/SecretServiceFixture.h"

#include "support/ProcessUtil.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace testsupport {

namespace {

constexpr int kStartMs = 15000; // each step of start(): bus address, keyring ready
constexpr int kStopMs = 5000;   // SIGTERM, then SIGKILL

const QString kSecretsName = QStringLiteral("org.freedesktop.secrets");

// Variables that would make QtKeychain pick KWallet, or gnome-keyring and
// dbus clients find another daemon.
const char *const kUnsetVariables[] = {
    "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION",          "KDE_FULL_SESSION",
    "KDE_SESSION_VERSION", "GNOME_DESKTOP_SESSION_ID", "GNOME_KEYRING_CONTROL",
    "GNOME_KEYRING_PID",   "DBUS_STARTER_ADDRESS",     "DBUS_STARTER_BUS_TYPE",
};

// Unix socket paths are limited to 108 bytes: keep the temp dir short.
QString shortTempRoot()
{
    const QString temp = QDir::tempPath();
    return temp.size() <= 40 ? temp : QStringLiteral("/tmp");
}

// A test program killed by SIGKILL (a CTest timeout) leaves its temp dir
// behind: remove those whose owner is gone and that are older than any run
// (the age guards against a pid from another pid namespace). Its children
// ended with it (PR_SET_PDEATHSIG).
void removeStaleDirs(const QString &root)
{
    const QStringList dirs = QDir(root).entryList({QStringLiteral("ibss-*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &name : dirs) {
        QDir dir(root + QLatin1Char('/') + name);
        QFile owner(dir.filePath(QStringLiteral("owner.pid")));
        if (QFileInfo(owner).lastModified().secsTo(QDateTime::currentDateTime()) < 600)
            continue; // maybe still running
        if (!owner.open(QIODevice::ReadOnly))
            continue; // not ours, or just being made
        bool ok = false;
        const pid_t pid = pid_t(owner.readAll().trimmed().toLong(&ok));
        owner.close();
        if (ok && pid > 0 && kill(pid, 0) != 0 && errno == ESRCH)
            dir.removeRecursively();
    }
}

} // namespace

QString SecretServiceFixture::ProcessResult::describe() const
{
    QString text = QStringLiteral("exit code %1").arg(exitCode);
    if (!error.isEmpty())
        text += QStringLiteral(", ") + error;
    const QByteArray err = errorOutput.trimmed();
    if (!err.isEmpty())
        text += QStringLiteral(", stderr: ") + QString::fromUtf8(err.left(500));
    return text;
}

SecretServiceFixture::SecretServiceFixture()
{
    // Distinctive, so a test may grep logs for it.
    m_keyringPassword = "ib-Keyring-" + QByteArray::number(QRandomGenerator::global()->generate(), 16) + "-Vx7";
}

SecretServiceFixture::~SecretServiceFixture()
{
    stop();
}

bool SecretServiceFixture::fail(const QString &message)
{
    m_error = message;
    return false;
}

QString SecretServiceFixture::dataHome() const
{
    return m_dir ? m_dir->filePath(QStringLiteral("data")) : QString();
}

void SecretServiceFixture::configureChild(QProcess &process) const
{
    process.setProcessEnvironment(m_env);
    process.setWorkingDirectory(m_dir->path());
    endWithParent(process); // even when the test program is killed
}

bool SecretServiceFixture::makeEnvironment()
{
    removeStaleDirs(shortTempRoot());
    m_dir = std::make_unique<QTemporaryDir>(shortTempRoot() + QStringLiteral("/ibss-XXXXXX"));
    if (!m_dir->isValid())
        return fail(QStringLiteral("no temp dir: ") + m_dir->errorString());
    const QString root = m_dir->path();
    QFile owner(root + QStringLiteral("/owner.pid"));
    if (!owner.open(QIODevice::WriteOnly) || owner.write(QByteArray::number(qint64(getpid()))) < 0)
        return fail(QStringLiteral("cannot write ") + owner.fileName());
    owner.close();
    const QStringList subdirs{QStringLiteral("home"),  QStringLiteral("data"), QStringLiteral("config"),
                              QStringLiteral("cache"), QStringLiteral("run"),  QStringLiteral("bus")};
    for (const QString &sub : subdirs) {
        if (!QDir(root).mkpath(sub))
            return fail(QStringLiteral("cannot create ") + root + QLatin1Char('/') + sub);
    }
    // XDG_RUNTIME_DIR must be private (gnome-keyring puts its control socket there).
    QFile::setPermissions(root + QStringLiteral("/run"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    const std::pair<const char *, QString> variables[] = {
        {"HOME", root + QStringLiteral("/home")},
        {"XDG_DATA_HOME", root + QStringLiteral("/data")},
        {"XDG_CONFIG_HOME", root + QStringLiteral("/config")},
        {"XDG_CACHE_HOME", root + QStringLiteral("/cache")},
        {"XDG_RUNTIME_DIR", root + QStringLiteral("/run")},
    };
    for (const auto &[name, value] : variables)
        qputenv(name, QFile::encodeName(value));
    for (const char *name : kUnsetVariables)
        qunsetenv(name);
    // Until the bus runs, no session bus at all (never the real one).
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + QFile::encodeName(root + QStringLiteral("/no-bus-yet")));
    m_env = QProcessEnvironment::systemEnvironment(); // as just set
    return true;
}

bool SecretServiceFixture::startBusOnly()
{
    m_error.clear();
    if (m_bus.isRunning())
        return fail(QStringLiteral("the bus is running already"));
    if (!makeEnvironment())
        return false;
    // No <servicedir>: nothing is activated (no prompter, no real keyring).
    m_bus.setDirectory(m_dir->filePath(QStringLiteral("bus")));
    m_bus.setProcessEnvironment(m_env);
    if (!m_bus.start(kStartMs))
        return fail(m_bus.errorString());
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_bus.address().toUtf8());
    m_env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), m_bus.address());
    return true;
}

bool SecretServiceFixture::start()
{
    return startBusOnly() && startKeyring();
}

bool SecretServiceFixture::startKeyring()
{
    m_error.clear();
    if (!m_bus.isRunning())
        return fail(QStringLiteral("startKeyring() without a bus"));
    if (m_keyring.state() != QProcess::NotRunning)
        return fail(QStringLiteral("gnome-keyring-daemon is running already"));
    m_keyring.setProcessChannelMode(QProcess::MergedChannels);
    configureChild(m_keyring);
    // --unlock reads the password from stdin until EOF: it creates the login
    // keyring with it (first start) or unlocks the existing one (restart).
    m_keyring.start(
        QStringLiteral("gnome-keyring-daemon"),
        {QStringLiteral("--foreground"), QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
    if (!m_keyring.waitForStarted(kStartMs))
        return fail(QStringLiteral("gnome-keyring-daemon did not start (package gnome-keyring): ")
                    + m_keyring.errorString());
    m_keyring.write(m_keyringPassword);
    m_keyring.closeWriteChannel();           // EOF once written
    m_keyring.waitForBytesWritten(kStartMs); // no event loop runs here

    QElapsedTimer timer;
    timer.start();
    QString why;
    while (!defaultCollectionUnlocked(&why)) {
        m_keyringLog += m_keyring.readAll();
        if (m_keyring.state() == QProcess::NotRunning) {
            why = QStringLiteral("gnome-keyring-daemon exited (code %1)").arg(m_keyring.exitCode());
        } else if (timer.elapsed() < kStartMs) {
            QThread::msleep(20);
            continue;
        }
        endProcess(m_keyring, kStopMs);
        m_keyringLog += m_keyring.readAll();
        return fail(QStringLiteral("no unlocked default collection within %1 ms: %2; gnome-keyring-daemon said: %3")
                        .arg(kStartMs)
                        .arg(why, QString::fromUtf8(m_keyringLog.trimmed())));
    }
    return true;
}

bool SecretServiceFixture::defaultCollectionUnlocked(QString *why)
{
    // With no owner of the name this fails at once: nothing is activatable.
    const ProcessResult alias
        = dbusSend({QStringLiteral("--dest=org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
                    QStringLiteral("org.freedesktop.Secret.Service.ReadAlias"), QStringLiteral("string:default")});
    if (!alias.ok()) {
        *why = QStringLiteral("ReadAlias: ") + alias.describe();
        return false;
    }
    const QString path = QString::fromUtf8(alias.output).trimmed();
    if (!path.startsWith(QLatin1String("/org/freedesktop/secrets/collection/"))) {
        *why = QStringLiteral("the default alias is \"%1\"").arg(path);
        return false;
    }
    const ProcessResult locked = dbusSend(
        {QStringLiteral("--dest=org.freedesktop.secrets"), path, QStringLiteral("org.freedesktop.DBus.Properties.Get"),
         QStringLiteral("string:org.freedesktop.Secret.Collection"), QStringLiteral("string:Locked")});
    if (!locked.ok()) {
        *why = QStringLiteral("Locked: ") + locked.describe();
        return false;
    }
    // "   variant       boolean false"
    if (!locked.output.simplified().endsWith("boolean false")) {
        *why = path + QStringLiteral(" is locked");
        return false;
    }
    return true;
}

bool SecretServiceFixture::nameHasOwner(const QString &name)
{
    const ProcessResult reply
        = dbusSend({QStringLiteral("--dest=org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
                    QStringLiteral("org.freedesktop.DBus.NameHasOwner"), QStringLiteral("string:") + name});
    return reply.ok() && reply.output.simplified() == "boolean true";
}

bool SecretServiceFixture::keyringRunning() const
{
    return m_keyring.state() != QProcess::NotRunning;
}

bool SecretServiceFixture::stopKeyring()
{
    m_error.clear();
    endProcess(m_keyring, kStopMs);
    m_keyringLog += m_keyring.readAll();
    QElapsedTimer timer;
    timer.start();
    while (nameHasOwner(kSecretsName)) {
        if (timer.elapsed() > kStopMs)
            return fail(QStringLiteral("org.freedesktop.secrets still has an owner"));
        QThread::msleep(20);
    }
    return true;
}

void SecretServiceFixture::stop()
{
    endProcess(m_keyring, kStopMs);
    m_keyringLog += m_keyring.readAll();
    m_bus.stop();
}

QByteArray SecretServiceFixture::keyringLog()
{
    m_keyringLog += m_keyring.readAll();
    return m_keyringLog;
}

SecretServiceFixture::ProcessResult SecretServiceFixture::run(const QString &program, const QStringList &args,
                                                              const QByteArray &input, int timeoutMs)
{
    ProcessResult result;
    if (!m_dir) {
        result.error = QStringLiteral("the fixture is not started");
        return result;
    }
    QProcess process;
    configureChild(process);
    process.start(program, args);
    if (!process.waitForStarted(timeoutMs)) {
        result.error = program + QStringLiteral(" did not start: ") + process.errorString();
        return result;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        endProcess(process, kStopMs);
        result.error = program + QStringLiteral(" did not finish within %1 ms").arg(timeoutMs);
    } else if (process.exitStatus() == QProcess::CrashExit) {
        result.error = program + QStringLiteral(" crashed");
    } else {
        result.exitCode = process.exitCode();
    }
    result.output = process.readAllStandardOutput();
    result.errorOutput = process.readAllStandardError();
    return result;
}

SecretServiceFixture::ProcessResult SecretServiceFixture::secretTool(const QStringList &args, const QByteArray &input,
                                                                     int timeoutMs)
{
    return run(QStringLiteral("secret-tool"), args, input, timeoutMs);
}

SecretServiceFixture::ProcessResult SecretServiceFixture::dbusSend(const QStringList &args, int timeoutMs)
{
    return run(QStringLiteral("dbus-send"),
               QStringList{QStringLiteral("--session"), QStringLiteral("--print-reply=literal"),
                           QStringLiteral("--reply-timeout=%1").arg(qMax(1, timeoutMs - 500))}
                   + args,
               QByteArray(), timeoutMs);
}

} // namespace testsupport
