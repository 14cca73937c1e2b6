#include "support/FakeImapServer.h"

#include "support/ScriptRunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>

namespace testsupport {

namespace {

constexpr qint64 kMaxQueued = 1024 * 1024;     // flood: never more than this waits in the socket
constexpr qsizetype kFloodChunk = 64 * 1024;   // flood: bytes per write()
constexpr qint64 kMaxClientLine = 1024 * 1024; // a C: step gives up on a longer client line

QStringList parseScript(const QString &script)
{
    QStringList steps;
    const QStringList lines = script.split(QLatin1Char('\n'));
    for (QString line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')))
            continue;
        steps << trimmed;
    }
    return steps;
}

bool isReadingStep(const QString &step)
{
    return step.startsWith(QLatin1String("C:")) || step.startsWith(QLatin1String("X: await-hello"))
        || step.startsWith(QLatin1String("X: starttls"));
}

} // namespace

class FakeImapServer::Listener final : public QTcpServer
{
public:
    Listener(std::function<void(qintptr)> onIncoming, QObject *parent)
        : QTcpServer(parent)
        , m_onIncoming(std::move(onIncoming))
    { }

protected:
    void incomingConnection(qintptr descriptor) override { m_onIncoming(descriptor); }

private:
    std::function<void(qintptr)> m_onIncoming;
};

struct FakeImapServer::Connection
{
    enum class Wait { None, Line, Hello, Encrypted, Timer, Trickle, Flood, Close };

    int index = 0;
    QSslSocket *socket = nullptr;
    QTimer *timer = nullptr;
    QStringList steps;
    int next = 0;
    Wait wait = Wait::None;
    bool running = false;
    bool rerun = false;
    bool serverClosed = false;
    Record rec;

    QByteArray trickle;
    qsizetype trickleAt = 0;
    QByteArray floodChunk;
    qint64 floodLeft = 0;
};

FakeImapServer::FakeImapServer(QObject *parent)
    : QObject(parent)
{
    m_ssl = QSslConfiguration::defaultConfiguration();
    m_ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
}

FakeImapServer::~FakeImapServer()
{
    close();
}

bool FakeImapServer::loadCertificate(const QString &certPath, const QString &keyPath, QString *error)
{
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(certPath, QSsl::Pem);
    QFile keyFile(keyPath);
    if (certs.isEmpty() || !keyFile.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1 or %2").arg(certPath, keyPath);
        return false;
    }
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull()) {
        if (error)
            *error = QStringLiteral("cannot load the private key %1").arg(keyPath);
        return false;
    }
    m_ssl.setLocalCertificate(certs.first());
    m_ssl.setLocalCertificateChain(certs);
    m_ssl.setPrivateKey(key);
    m_haveCertificate = true;
    return true;
}

bool FakeImapServer::listen(Mode mode)
{
    if (mode == Mode::ImplicitTls && !m_haveCertificate)
        return false;
    m_mode = mode;
    if (!m_listener)
        m_listener = new Listener([this](qintptr descriptor) { accept(descriptor); }, this);
    return m_listener->isListening() || m_listener->listen(QHostAddress::LocalHost, 0);
}

quint16 FakeImapServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void FakeImapServer::close()
{
    if (m_listener)
        m_listener->close();
    for (auto &c : m_connections) {
        if (c->timer)
            c->timer->stop();
        if (c->socket) {
            c->socket->disconnect(this);
            c->socket->abort();
        }
    }
}

void FakeImapServer::accept(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    auto owned = std::make_unique<Connection>();
    Connection *c = owned.get();
    c->index = int(m_connections.size());
    c->socket = socket;
    c->timer = new QTimer(this);
    c->steps = parseScript(m_scripts.value(c->index));
    m_connections.push_back(std::move(owned));

    socket->setSslConfiguration(m_ssl);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(socket, &QSslSocket::readyRead, this, [this, c] { onReadyRead(*c); });
    connect(socket, &QSslSocket::disconnected, this, [this, c] { onDisconnected(*c); });
    connect(socket, &QSslSocket::encrypted, this, [this, c] {
        c->rec.encrypted = true;
        if (c->wait == Connection::Wait::Encrypted) {
            c->wait = Connection::Wait::None;
            run(*c);
        }
    });
    connect(socket, &QSslSocket::errorOccurred, this,
            [c](QAbstractSocket::SocketError) { c->rec.socketError = c->socket->errorString(); });
    connect(socket, &QSslSocket::sslErrors, this, [c](const QList<QSslError> &errors) {
        c->socket->ignoreSslErrors(errors); // the server does not check the client
    });
    connect(socket, &QSslSocket::bytesWritten, this, [this, c] { pumpFlood(*c); });
    connect(socket, &QSslSocket::encryptedBytesWritten, this, [this, c] { pumpFlood(*c); });
    connect(c->timer, &QTimer::timeout, this, [this, c] {
        if (c->wait == Connection::Wait::Timer) {
            c->wait = Connection::Wait::None;
            run(*c);
        } else if (c->wait == Connection::Wait::Trickle) {
            if (c->trickleAt < c->trickle.size())
                send(*c, c->trickle.mid(c->trickleAt++, 1));
            if (c->trickleAt >= c->trickle.size()) {
                c->timer->stop();
                c->wait = Connection::Wait::None;
                run(*c);
            }
        }
    });

    if (m_mode == Mode::ImplicitTls) {
        c->rec.tlsStarted = true;
        socket->startServerEncryption();
    }
    Q_EMIT connectionAccepted(c->index);
    run(*c);
}

void FakeImapServer::run(Connection &c)
{
    if (c.running) {
        c.rerun = true;
        return;
    }
    c.running = true;
    do {
        c.rerun = false;
        while (c.wait == Connection::Wait::None && c.next < c.steps.size() && c.rec.scriptError.isEmpty()) {
            if (!step(c))
                break;
        }
    } while (c.rerun && c.wait == Connection::Wait::None);
    c.running = false;
    if (c.next >= c.steps.size() && c.wait == Connection::Wait::None && c.rec.scriptError.isEmpty())
        c.rec.scriptDone = true;
    if (!readsAhead(c))
        drain(c);
}

bool FakeImapServer::readsAhead(const Connection &c) const
{
    if (!c.rec.scriptError.isEmpty())
        return false;
    for (int i = c.next; i < c.steps.size(); ++i)
        if (isReadingStep(c.steps[i]))
            return true;
    return false;
}

void FakeImapServer::drain(Connection &c)
{
    if (!c.socket || c.socket->bytesAvailable() <= 0)
        return;
    recordBytes(c, c.socket->readAll());
}

void FakeImapServer::recordBytes(Connection &c, const QByteArray &bytes)
{
    if (c.rec.tlsStarted)
        c.rec.afterTls += bytes;
    else
        c.rec.beforeTls += bytes;
}

void FakeImapServer::send(Connection &c, const QByteArray &bytes)
{
    if (!c.socket || c.serverClosed || c.socket->state() != QAbstractSocket::ConnectedState)
        return;
    c.socket->write(bytes);
    c.socket->flush();
    c.rec.bytesSent += bytes.size();
}

void FakeImapServer::fail(Connection &c, const QString &why)
{
    if (c.rec.scriptError.isEmpty())
        c.rec.scriptError = QStringLiteral("connection %1, script step %2 (%3): %4")
                                .arg(c.index)
                                .arg(c.next + 1)
                                .arg(c.steps.value(c.next), why);
    c.wait = Connection::Wait::None;
}

bool FakeImapServer::step(Connection &c)
{
    const QString line = c.steps[c.next];
    const QString kind = line.left(2);
    if (kind == QLatin1String("S:")) {
        bool noNewline = false;
        QByteArray bytes = unescape(line.mid(3), &noNewline);
        if (!noNewline)
            bytes += "\r\n";
        send(c, bytes);
        ++c.next;
        return true;
    }
    if (kind == QLatin1String("C:")) {
        if (!c.socket->canReadLine()) {
            if (c.rec.clientClosed) {
                fail(c, QStringLiteral("the client closed the connection"));
                return false;
            }
            if (c.socket->bytesAvailable() > kMaxClientLine) {
                fail(c, QStringLiteral("the client sent a line longer than 1 MiB"));
                return false;
            }
            c.wait = Connection::Wait::Line;
            return false;
        }
        const QByteArray raw = c.socket->readLine(kMaxClientLine);
        recordBytes(c, raw);
        QByteArray got = raw;
        if (got.endsWith("\r\n"))
            got.chop(2);
        else if (got.endsWith('\n'))
            got.chop(1);
        const QByteArray expected = unescape(line.mid(3));
        bool ok = got == expected || expected == "*";
        if (!ok && expected.endsWith('*'))
            ok = got.startsWith(expected.chopped(1));
        if (!ok) {
            fail(c, QStringLiteral("the client sent \"%1\"").arg(QString::fromUtf8(got.left(200))));
            return false;
        }
        ++c.next;
        return true;
    }
    if (kind != QLatin1String("X:")) {
        fail(c, QStringLiteral("unknown line kind"));
        return false;
    }

    static const QRegularExpression withText(QStringLiteral("^X:\\s*(\\S+)\\s+(\\d+)\\s(.*)$"));
    const QStringList words = line.mid(2).trimmed().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QString verb = words.value(0);
    if (verb == QLatin1String("pause")) {
        ++c.next;
        c.wait = Connection::Wait::Timer;
        c.timer->setSingleShot(true);
        c.timer->start(words.value(1).toInt());
        return false;
    }
    if (verb == QLatin1String("await-hello")) {
        if (c.socket->bytesAvailable() > 0) {
            ++c.next;
            return true;
        }
        if (c.rec.clientClosed) {
            fail(c, QStringLiteral("the client closed the connection"));
            return false;
        }
        c.wait = Connection::Wait::Hello;
        return false;
    }
    if (verb == QLatin1String("starttls")) {
        if (!m_haveCertificate) {
            fail(c, QStringLiteral("no certificate loaded"));
            return false;
        }
        ++c.next;
        c.rec.tlsStarted = true;
        c.socket->startServerEncryption();
        return true;
    }
    if (verb == QLatin1String("await-encrypted")) {
        if (c.socket->isEncrypted()) {
            ++c.next;
            return true;
        }
        if (c.rec.clientClosed) {
            fail(c, QStringLiteral("the client closed the connection"));
            return false;
        }
        ++c.next;
        c.wait = Connection::Wait::Encrypted;
        return false;
    }
    if (verb == QLatin1String("trickle") || verb == QLatin1String("flood")) {
        const auto m = withText.match(line);
        if (!m.hasMatch()) {
            fail(c, QStringLiteral("expected: X: %1 NUMBER TEXT").arg(verb));
            return false;
        }
        bool noNewline = false;
        QByteArray text = unescape(m.captured(3), &noNewline);
        ++c.next;
        if (verb == QLatin1String("trickle")) {
            if (!noNewline)
                text += "\r\n";
            c.trickle = text;
            c.trickleAt = 0;
            c.wait = Connection::Wait::Trickle;
            c.timer->setSingleShot(false);
            c.timer->start(m.captured(2).toInt());
            return false;
        }
        if (text.isEmpty()) {
            fail(c, QStringLiteral("nothing to flood with"));
            return false;
        }
        c.floodChunk.clear();
        while (c.floodChunk.size() < kFloodChunk)
            c.floodChunk += text;
        c.floodLeft = m.captured(2).toLongLong();
        c.wait = Connection::Wait::Flood;
        pumpFlood(c);
        return c.wait == Connection::Wait::None;
    }
    if (verb == QLatin1String("close")) {
        ++c.next;
        c.socket->disconnectFromHost();
        c.serverClosed = true;
        return true;
    }
    if (verb == QLatin1String("abort")) {
        ++c.next;
        c.serverClosed = true;
        c.socket->abort();
        return true;
    }
    if (verb == QLatin1String("await-close")) {
        ++c.next;
        if (c.rec.clientClosed)
            return true;
        c.wait = Connection::Wait::Close;
        return false;
    }
    fail(c, QStringLiteral("unknown action"));
    return false;
}

void FakeImapServer::pumpFlood(Connection &c)
{
    if (c.wait != Connection::Wait::Flood)
        return;
    while (c.floodLeft > 0 && !c.serverClosed && c.socket->state() == QAbstractSocket::ConnectedState
           && c.socket->bytesToWrite() + c.socket->encryptedBytesToWrite() < kMaxQueued) {
        const qint64 n = std::min<qint64>(c.floodLeft, c.floodChunk.size());
        c.socket->write(c.floodChunk.constData(), n);
        c.floodLeft -= n;
        c.rec.bytesSent += n;
    }
    if (c.floodLeft <= 0 || c.serverClosed || c.socket->state() != QAbstractSocket::ConnectedState) {
        if (c.floodLeft > 0)
            c.rec.cutShort = true;
        c.floodLeft = 0;
        c.wait = Connection::Wait::None;
        // Continue the script from the event loop, never from inside step().
        QTimer::singleShot(0, this, [this, &c] { run(c); });
    }
}

void FakeImapServer::onReadyRead(Connection &c)
{
    if (c.wait == Connection::Wait::Line || c.wait == Connection::Wait::Hello) {
        c.wait = Connection::Wait::None;
        run(c);
        return;
    }
    if (!readsAhead(c))
        drain(c);
}

void FakeImapServer::onDisconnected(Connection &c)
{
    drain(c);
    c.rec.clientClosed = true;
    switch (c.wait) {
    case Connection::Wait::Close:
    case Connection::Wait::Timer:
        c.wait = Connection::Wait::None;
        c.timer->stop();
        run(c);
        break;
    case Connection::Wait::Trickle:
    case Connection::Wait::Flood:
        // The client left in the middle: that is what these are for.
        if (c.floodLeft > 0 || (c.wait == Connection::Wait::Trickle && c.trickleAt < c.trickle.size()))
            c.rec.cutShort = true;
        c.timer->stop();
        c.floodLeft = 0;
        c.wait = Connection::Wait::None;
        run(c);
        break;
    case Connection::Wait::Line:
    case Connection::Wait::Hello:
    case Connection::Wait::Encrypted:
        c.wait = Connection::Wait::None;
        fail(c, QStringLiteral("the client closed the connection"));
        break;
    case Connection::Wait::None:
        break;
    }
}

FakeImapServer::Record FakeImapServer::record(int connection) const
{
    if (connection < 0 || connection >= int(m_connections.size()))
        return {};
    return m_connections[size_t(connection)]->rec;
}

QByteArray FakeImapServer::allBeforeTls() const
{
    QByteArray out;
    for (const auto &c : m_connections)
        out += c->rec.beforeTls;
    return out;
}

QByteArray FakeImapServer::allReceived() const
{
    QByteArray out;
    for (const auto &c : m_connections)
        out += c->rec.all();
    return out;
}

QString FakeImapServer::scriptError() const
{
    for (const auto &c : m_connections)
        if (!c->rec.scriptError.isEmpty())
            return c->rec.scriptError;
    return {};
}

bool FakeImapServer::makeTestCertificates(const QString &dir, QString *error)
{
    // The script sits beside this file in the source tree.
    const QString scriptPath
        = QFileInfo(QStringLiteral(__FILE__)).absoluteDir().filePath(QStringLiteral("make-test-certs.sh"));
    QProcess p;
    p.start(QStringLiteral("bash"), {scriptPath, dir});
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (error)
            *error = QStringLiteral("%1 failed (%2): %3")
                         .arg(scriptPath, p.errorString(), QString::fromLocal8Bit(p.readAllStandardError()));
        return false;
    }
    return true;
}

QByteArray FakeImapServer::sha256Of(const QString &pemPath)
{
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(pemPath, QSsl::Pem);
    return certs.isEmpty() ? QByteArray() : certs.first().digest(QCryptographicHash::Sha256).toHex();
}

bool FakeImapServer::waitForConnections(int count, int timeoutMs)
{
    return QTest::qWaitFor([&] { return connectionCount() >= count; }, timeoutMs);
}

bool FakeImapServer::waitForScriptDone(int connection, int timeoutMs)
{
    return QTest::qWaitFor(
               [&] {
                   const Record r = record(connection);
                   return r.scriptDone || !r.scriptError.isEmpty();
               },
               timeoutMs)
        && record(connection).scriptDone;
}

bool FakeImapServer::waitForClientClosed(int connection, int timeoutMs)
{
    return QTest::qWaitFor([&] { return record(connection).clientClosed; }, timeoutMs);
}

} // namespace testsupport
