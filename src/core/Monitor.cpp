#include "core/Monitor.h"

#include "core/Logging.h"
#include "core/SecretStore.h"
#include "core/StateStore.h"
#include "session/ImapSession.h"
#include "session/MailboxWriter.h"
#include "session/SslTransport.h"

#include <QSet>
#include <QTimer>

namespace core {

namespace {

// Higher is worse: the state an account shows when its mailboxes differ.
int severity(session::State s)
{
    switch (s) {
    case session::State::Failed:
        return 6;
    case session::State::Reconnecting:
        return 5;
    case session::State::Connecting:
    case session::State::Authenticating:
        return 4;
    case session::State::Syncing:
        return 3;
    case session::State::Polling:
        return 2;
    case session::State::Idling:
        return 1;
    case session::State::Disconnected:
        return 0;
    }
    return 0;
}

} // namespace

session::State Monitor::AccountStatus::summaryState() const
{
    session::State worst = session::State::Disconnected;
    bool any = false;
    for (const MailboxStatus &m : mailboxes) {
        if (!any || severity(m.state) > severity(worst))
            worst = m.state;
        any = true;
    }
    if (!passwordError.isEmpty())
        return session::State::Failed;
    return worst;
}

Monitor::Monitor(StateStore *state, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_state(state)
    , m_secrets(secrets)
    , m_clock(session::systemClock())
{
    connect(m_secrets, &SecretStore::passwordReady, this, &Monitor::onPasswordReady);
    connect(m_secrets, &SecretStore::passwordFailed, this, &Monitor::onPasswordFailed);
}

Monitor::~Monitor()
{
    for (Watched &w : m_accounts)
        for (const auto &s : std::as_const(w.sessions))
            if (s)
                s->disconnect(this);
}

void Monitor::apply(const QList<Account> &accounts)
{
    QSet<QString> wanted;
    QStringList order;
    for (const Account &a : accounts) {
        order << a.id;
        if (a.enabled)
            wanted.insert(a.id);
    }
    bool changed = false;

    // Gone or disabled.
    const QStringList current = m_accounts.keys();
    for (const QString &id : current) {
        if (!wanted.contains(id)) {
            stopAccount(m_accounts[id]);
            m_accounts.remove(id);
            changed = true;
        }
    }
    // New or changed.
    for (const Account &a : accounts) {
        if (!a.enabled)
            continue;
        auto it = m_accounts.find(a.id);
        if (it == m_accounts.end()) {
            Watched w;
            w.account = a;
            it = m_accounts.insert(a.id, w);
            startAccount(*it);
            changed = true;
        } else if (!it->account.sameConnection(a)) {
            qCInfo(lcCore) << "account" << a.id << "changed; reconnecting it";
            stopAccount(*it);
            it->account = a;
            startAccount(*it);
            changed = true;
        } else if (it->account != a) {
            it->account = a; // display-only change: no reconnect
            changed = true;
        }
    }
    m_order = order;
    // Keep the state of configured (even disabled) accounts; forget the rest.
    m_state->prune(order);
    if (changed)
        Q_EMIT accountsChanged();
    recount(QString());
}

void Monitor::startAccount(Watched &w)
{
    w.passwordError.clear();
    w.lastUnread = -1;
    const QList<QString> problems = w.account.validate();
    if (!problems.isEmpty()) {
        w.passwordError = problems.join(QLatin1Char(' '));
        Q_EMIT passwordFailed(w.account.id, w.passwordError);
        return;
    }
    w.passwordPending = true;
    m_secrets->requestPassword(w.account);
}

void Monitor::stopAccount(Watched &w)
{
    w.passwordPending = false;
    for (const auto &s : std::as_const(w.sessions)) {
        if (!s)
            continue;
        s->disconnect(this);
        s->stop();
        // Let the LOGOUT leave before the socket goes away.
        QTimer::singleShot(1000, s.data(), &QObject::deleteLater);
    }
    w.sessions.clear();
}

void Monitor::onPasswordReady(const QString &accountId, const QString &password)
{
    auto it = m_accounts.find(accountId);
    if (it == m_accounts.end() || !it->passwordPending)
        return;
    it->passwordPending = false;
    it->password = password;
    startSessions(accountId);
}

void Monitor::onPasswordFailed(const QString &accountId, const QString &message)
{
    auto it = m_accounts.find(accountId);
    if (it == m_accounts.end() || !it->passwordPending)
        return;
    it->passwordPending = false;
    it->passwordError = message;
    qCWarning(lcCore).noquote() << "account" << accountId << "has no password:" << message;
    Q_EMIT passwordFailed(accountId, message);
}

void Monitor::startSessions(const QString &accountId)
{
    Watched &w = m_accounts[accountId];
    // One connection watches every folder of the account: the first is
    // pushed to (NOTIFY or IDLE), the others through NOTIFY's STATUS events.
    // Without NOTIFY the session asks for help (notifyUnavailable) and gets
    // dedicated connections for some folders, up to the per-account cap.
    const QStringList mailboxes
        = w.account.mailboxes.isEmpty() ? QStringList{QStringLiteral("INBOX")} : w.account.mailboxes;
    scheduleStart(addSession(accountId, mailboxes.first(), mailboxes.mid(1)));
}

session::ImapSession *Monitor::addSession(const QString &accountId, const QString &mailbox, const QStringList &others)
{
    Watched &w = m_accounts[accountId];
    session::SessionConfig config = w.account.sessionConfig(mailbox, w.password);
    config.otherMailboxes = others;
    config.clientName = accountId + QLatin1Char('/') + mailbox;
    if (m_tweak)
        m_tweak(config);
    std::unique_ptr<session::Transport> transport
        = m_transportFactory ? m_transportFactory(w.account) : std::make_unique<session::SslTransport>();
    auto *s = new session::ImapSession(config, std::move(transport), m_clock, this);
    for (const QString &m : s->mailboxes())
        s->setMailboxState(m, m_state->state(accountId, m));
    w.sessions.append(s);

    connect(s, &session::ImapSession::stateChanged, this,
            [this, accountId, mailbox](session::State state, const QString &reason) {
                Q_EMIT stateChanged(accountId, mailbox, state, reason);
            });
    connect(s, &session::ImapSession::errorOccurred, this,
            [this, accountId, mailbox](const session::SessionError &error) {
                Q_EMIT errorOccurred(accountId, mailbox, error);
            });
    connect(s, &session::ImapSession::snapshotChanged, this, [this, accountId] { recount(accountId); });
    connect(s, &session::ImapSession::mailboxStateChanged, this,
            [this, accountId](const QString &box, const session::MailboxState &state) {
                // New mail comes right after this (newMessages): one write
                // then carries both. Otherwise it is written from the event
                // loop in a moment; losing that moment to a crash repeats no
                // notification (none was shown).
                m_state->setStateDeferred(accountId, box, state);
                QTimer::singleShot(0, this, [this] {
                    if (!m_state->flush())
                        qCWarning(lcCore).noquote() << "could not save the mailbox state:" << m_state->lastError();
                });
            });
    connect(s, &session::ImapSession::newMessages, this,
            [this, accountId](const QList<session::MessageSummary> &messages, int omitted) {
                // The same message in two folders (or two Gmail labels) is
                // one message.
                QList<session::MessageSummary> fresh;
                QSet<QByteArray> seen;
                for (const session::MessageSummary &m : messages) {
                    const QByteArray id = m.messageId.trimmed();
                    if (!id.isEmpty() && (m_state->hasMessageId(accountId, id) || seen.contains(id)))
                        continue;
                    if (!id.isEmpty())
                        seen.insert(id);
                    fresh.append(m);
                }
                if (fresh.isEmpty() && omitted == 0)
                    return;
                auto it = m_accounts.find(accountId);
                if (it != m_accounts.end())
                    it->newestMail = m_clock->wallMs();
                // Remember first, then tell people: a crash the moment after
                // the notification must not repeat it. (The session saved its
                // high-water mark before this signal; the writes skip the
                // disk flush, so they cost well under a millisecond.)
                m_state->rememberMessageIds(accountId, seen.values());
                if (!m_state->flush())
                    qCWarning(lcCore).noquote() << "could not save the mailbox state:" << m_state->lastError();
                Q_EMIT newMail(accountId, fresh, omitted);
            });
    connect(
        s, &session::ImapSession::messagesGone, this,
        [this, accountId](const QString &box, const QList<imap::Uid> &uids) { Q_EMIT mailGone(accountId, box, uids); });
    connect(s, &session::ImapSession::alert, this,
            [this, accountId](const QString &text) { Q_EMIT alert(accountId, text); });
    connect(s, &session::ImapSession::notifyUnavailable, this, [this, accountId, s](const QStringList &otherMailboxes) {
        // No NOTIFY: folders of their own get their own IDLE
        // connection, up to the cap (servers limit connections per
        // user, Dovecot to 10 by default, and the user's mail
        // client needs some too); the rest is polled with STATUS.
        auto it = m_accounts.find(accountId);
        if (it == m_accounts.end())
            return;
        const int free = std::max(0, m_maxConnectionsPerAccount - int(it->sessions.size()));
        const QStringList dedicated = otherMailboxes.mid(0, free);
        s->setOtherMailboxes(otherMailboxes.mid(free));
        for (const QString &m : dedicated)
            scheduleStart(addSession(accountId, m, {}));
    });
    return s;
}

// Many sessions starting at once (200 accounts at login) would hit the
// servers and the CPU with as many TLS handshakes in the same instant: the
// first few start at once, the rest one every few milliseconds.
void Monitor::scheduleStart(session::ImapSession *s)
{
    const qint64 now = m_clock->monotonicMs();
    if (now - m_burstStart > 1000) {
        m_burstStart = now;
        m_burstCount = 0;
    }
    if (m_burstCount < kStartBurst && m_startQueue.isEmpty()) {
        ++m_burstCount;
        s->start();
        return;
    }
    m_startQueue.append(s);
    if (!m_startTimer) {
        m_startTimer = m_clock->createTimer(this);
        connect(m_startTimer, &session::Timer::timeout, this, [this] {
            while (!m_startQueue.isEmpty()) {
                QPointer<session::ImapSession> next = m_startQueue.takeFirst();
                if (next) {
                    next->start();
                    break;
                }
            }
            if (!m_startQueue.isEmpty())
                m_startTimer->start(kStartStagger);
        });
    }
    if (!m_startTimer->isActive())
        m_startTimer->start(kStartStagger);
}

void Monitor::checkNow(const QString &accountId)
{
    for (auto it = m_accounts.begin(); it != m_accounts.end(); ++it) {
        if (!accountId.isEmpty() && it.key() != accountId)
            continue;
        bool loginRefused = false;
        for (const auto &s : std::as_const(it->sessions))
            loginRefused = loginRefused
                || (s && s->state() == session::State::Failed
                    && (s->lastError().kind == session::SessionError::Kind::Authentication
                        || s->lastError().kind == session::SessionError::Kind::Configuration));
        if (loginRefused || !it->passwordError.isEmpty() || (it->sessions.isEmpty() && !it->passwordPending)) {
            // Maybe the user fixed the password: ask again.
            it->passwordError.clear();
            stopAccount(*it);
            startAccount(*it);
            continue;
        }
        for (const auto &s : std::as_const(it->sessions))
            if (s)
                s->checkNow();
    }
}

void Monitor::restartAccount(const QString &accountId)
{
    auto it = m_accounts.find(accountId);
    if (it == m_accounts.end())
        return;
    stopAccount(*it);
    startAccount(*it);
}

void Monitor::markRead(const QString &accountId, const QString &mailbox, quint32 uidValidity,
                       const QList<imap::Uid> &uids)
{
    auto it = m_accounts.find(accountId);
    if (it == m_accounts.end() || it->password.isEmpty()) {
        Q_EMIT markReadFinished(accountId, false, tr("The account is not connected"));
        return;
    }
    session::SessionConfig config = it->account.sessionConfig(mailbox, it->password);
    config.clientName = accountId + QLatin1Char('/') + mailbox + QStringLiteral(" (mark as read)");
    if (m_tweak)
        m_tweak(config);
    std::unique_ptr<session::Transport> transport
        = m_transportFactory ? m_transportFactory(it->account) : std::make_unique<session::SslTransport>();
    auto *writer = new session::MailboxWriter(config, std::move(transport), m_clock, this);
    connect(writer, &session::MailboxWriter::finished, this,
            [this, writer, accountId, mailbox](bool ok, const QString &error) {
                writer->deleteLater();
                Q_EMIT markReadFinished(accountId, ok, error);
                if (!ok)
                    return;
                // Servers push the flag change to the watcher; make sure.
                for (session::ImapSession *s : sessions(accountId))
                    if (s->mailboxes().contains(mailbox))
                        s->checkNow();
            });
    writer->markSeen(uids, uidValidity);
}

void Monitor::reconnectAll()
{
    for (Watched &w : m_accounts)
        for (const auto &s : std::as_const(w.sessions))
            if (s)
                s->reconnectNow();
}

void Monitor::stop()
{
    for (Watched &w : m_accounts) {
        w.passwordPending = false;
        for (const auto &s : std::as_const(w.sessions))
            if (s)
                s->stop();
    }
}

QStringList Monitor::accountIds() const
{
    QStringList out;
    for (const QString &id : m_order)
        if (m_accounts.contains(id))
            out << id;
    return out;
}

Monitor::AccountStatus Monitor::status(const QString &accountId) const
{
    AccountStatus st;
    auto it = m_accounts.constFind(accountId);
    if (it == m_accounts.constEnd())
        return st;
    st.account = it->account;
    st.passwordError = it->passwordError;
    st.newestMail = it->newestMail;
    st.unread = unread(accountId);
    for (const auto &s : it->sessions) {
        if (!s)
            continue;
        for (const QString &box : s->mailboxes()) {
            MailboxStatus m;
            m.mailbox = box;
            m.state = s->state();
            m.polling
                = s->isPolling() || (box != s->config().mailbox && s->mode() != session::ImapSession::Mode::Notify);
            m.snapshot = s->snapshot(box);
            if (m.state == session::State::Reconnecting || m.state == session::State::Failed)
                m.error = s->lastError();
            st.mailboxes.append(m);
        }
    }
    if (st.mailboxes.isEmpty() && it->passwordPending) {
        MailboxStatus m;
        m.state = session::State::Connecting;
        st.mailboxes.append(m);
    }
    return st;
}

int Monitor::unread(const QString &accountId) const
{
    auto it = m_accounts.constFind(accountId);
    if (it == m_accounts.constEnd())
        return 0;
    qint64 n = 0;
    for (const auto &s : it->sessions)
        if (s)
            n += s->unseenTotal();
    return int(std::min<qint64>(n, std::numeric_limits<int>::max()));
}

int Monitor::totalUnread() const
{
    qint64 n = 0;
    for (auto it = m_accounts.constBegin(); it != m_accounts.constEnd(); ++it)
        n += unread(it.key());
    return int(std::min<qint64>(n, std::numeric_limits<int>::max()));
}

QList<session::ImapSession *> Monitor::sessions(const QString &accountId) const
{
    QList<session::ImapSession *> out;
    auto it = m_accounts.constFind(accountId);
    if (it != m_accounts.constEnd())
        for (const auto &s : it->sessions)
            if (s)
                out << s.data();
    return out;
}

void Monitor::recount(const QString &accountId)
{
    const int total = totalUnread();
    if (!accountId.isEmpty()) {
        auto it = m_accounts.find(accountId);
        if (it == m_accounts.end())
            return;
        bool counted = false;
        for (const auto &s : std::as_const(it->sessions))
            counted = counted || (s && s->hasSnapshot());
        if (!counted)
            return; // nothing to say before the first count
        const int n = unread(accountId);
        if (n != it->lastUnread) {
            it->lastUnread = n;
            m_lastTotal = total;
            Q_EMIT unreadChanged(accountId, n, total);
            return;
        }
    }
    // An account went away: the total changed (only once something was counted).
    if (total != m_lastTotal && accountId.isEmpty() && m_lastTotal >= 0) {
        m_lastTotal = total;
        Q_EMIT unreadChanged(QString(), 0, total);
    }
}

} // namespace core
