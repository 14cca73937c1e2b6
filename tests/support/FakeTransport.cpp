#include "support/FakeTransport.h"

namespace testsupport {

FakeTransport::FakeTransport(QObject *parent)
    : session::Transport(parent)
{ }

void FakeTransport::connectToHost(const QString &host, quint16 port, bool implicitTls, const session::TlsOptions &)
{
    m_host = host;
    m_port = port;
    m_implicitTls = implicitTls;
    m_connecting = true;
    m_open = false;
    m_encrypted = false;
    m_tlsRequested = false;
    m_incoming.clear();
    ++m_connectCount;
    if (m_autoAccept)
        accept();
}

void FakeTransport::accept()
{
    if (!m_connecting)
        return;
    m_connecting = false;
    m_open = true;
    m_encrypted = m_implicitTls;
    Q_EMIT ready();
}

void FakeTransport::failWith(const session::TransportError &error)
{
    m_connecting = false;
    m_open = false;
    Q_EMIT errorOccurred(error);
}

void FakeTransport::startTls()
{
    m_tlsRequested = true;
}

void FakeTransport::completeTls()
{
    if (!m_open || !m_tlsRequested)
        return;
    m_encrypted = true;
    Q_EMIT encrypted();
}

void FakeTransport::write(const QByteArray &bytes)
{
    if (!m_open)
        return;
    m_written += bytes;
    if (!m_encrypted)
        m_plaintext += bytes;
}

QByteArray FakeTransport::readAll()
{
    QByteArray out;
    out.swap(m_incoming);
    return out;
}

void FakeTransport::serverSend(const QByteArray &bytes)
{
    if (!m_open)
        return;
    m_incoming += bytes;
    Q_EMIT readyRead();
}

void FakeTransport::serverClose()
{
    if (!m_open)
        return;
    m_open = false;
    m_encrypted = false;
    Q_EMIT disconnected();
}

void FakeTransport::close()
{
    m_open = false;
    m_connecting = false;
}

void FakeTransport::abort()
{
    m_open = false;
    m_connecting = false;
    m_encrypted = false;
    m_incoming.clear();
}

QByteArray FakeTransport::takeWritten()
{
    QByteArray out;
    out.swap(m_written);
    return out;
}

} // namespace testsupport
