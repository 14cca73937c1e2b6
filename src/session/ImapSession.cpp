#include "session/ImapSession.h"

#include "imap/DateTime.h"
#include "imap/Encoding.h"
#include "session/Logging.h"

#include <algorithm>

using namespace std::chrono_literals;

namespace session {

namespace {

using imap::Response;
using imap::ResponseCode;
using imap::Status;

QString textOf(const Response &r)
{
    return QString::fromUtf8(r.text).trimmed();
}

} // namespace

ImapSession::ImapSession(SessionConfig config, std::unique_ptr<Transport> transport, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(clock)
    , m_idleTimer(clock->createTimer(this))
    , m_pollTimer(clock->createTimer(this))
    , m_reconnectTimer(clock->createTimer(this))
    , m_coalesceTimer(clock->createTimer(this))
{
    // Never more than 29 minutes (RFC 2177); tests may go below the user
    // minimum of two minutes.
    m_config.idleRefresh = std::clamp(m_config.idleRefresh, 1s, std::chrono::seconds(29 * 60));
    m_config.pollInterval = std::max(m_config.pollInterval, 1s);
    m_config.maxSummaries = std::max(1, m_config.maxSummaries);
    if (m_config.clientName.isEmpty())
        m_config.clientName
            = m_config.username + QLatin1Char('@') + m_config.host + QLatin1Char('/') + m_config.mailbox;
    m_snapshot.mailbox = m_config.mailbox;
    m_pollMode = !m_config.useIdle;

    m_connection = new ImapConnection(m_config, std::move(transport), clock, this);
    connect(m_connection, &ImapConnection::progress, this, &ImapSession::setState);
    connect(m_connection, &ImapConnection::loggedIn, this, &ImapSession::afterLogin);
    connect(m_connection, &ImapConnection::untagged, this, &ImapSession::handleUntagged);
    connect(m_connection, &ImapConnection::batchProcessed, this, [this] {
        if (sleptSinceLastCheck())
            return;
        if (m_needSync || m_needRecount)
            onWorkPending();
    });
    connect(m_connection, &ImapConnection::alert, this, &ImapSession::alert);
    connect(m_connection, &ImapConnection::failed, this, &ImapSession::fail);

    connect(m_idleTimer, &Timer::timeout, this, [this] {
        // Re-issue IDLE well before the server's inactivity timeout and any
        // middlebox's; the DONE round trip also proves the link is alive.
        if (sleptSinceLastCheck())
            return;
        if (m_phase == Phase::Idling) {
            qCDebug(lcSession) << m_config.clientName << "refreshing IDLE";
            leaveIdle();
        }
    });
    connect(m_pollTimer, &Timer::timeout, this, [this] {
        if (sleptSinceLastCheck())
            return;
        if (m_phase == Phase::PollWait) {
            m_needRecount = true;
            sync();
        }
    });
    connect(m_reconnectTimer, &Timer::timeout, this, [this] {
        if (m_phase == Phase::Backoff)
            connectNow();
    });
    connect(m_coalesceTimer, &Timer::timeout, this, [this] {
        if (m_phase == Phase::Idling)
            leaveIdle();
    });
}

ImapSession::~ImapSession()
{
    m_connection->disconnect(this);
    m_connection->abort();
}

Transport *ImapSession::transport() const
{
    return m_connection->transport();
}

const imap::Capabilities &ImapSession::capabilities() const
{
    return m_connection->capabilities();
}

void ImapSession::setParserLimits(const imap::Parser::Limits &limits)
{
    m_connection->setParserLimits(limits);
}

void ImapSession::setMailboxState(const MailboxState &state)
{
    m_mailboxState = state;
}

void ImapSession::setState(State state, const QString &reason)
{
    if (state == m_state)
        return;
    m_state = state;
    qCInfo(lcSession).noquote() << m_config.clientName << stateName(state) << (reason.isEmpty() ? QString() : reason);
    Q_EMIT stateChanged(state, reason);
}

void ImapSession::start()
{
    m_backoff.reset();
    connectNow();
}

void ImapSession::stop()
{
    m_connection->logout(m_phase == Phase::Idling);
    stopTimers();
    m_phase = Phase::Stopped;
    setState(State::Disconnected, tr("Stopped"));
}

void ImapSession::checkNow()
{
    switch (m_phase) {
    case Phase::Idling:
        m_needSync = m_needRecount = true;
        leaveIdle();
        break;
    case Phase::IdleStarting:
        m_needSync = m_needRecount = true;
        m_leaveIdleWhenReady = true;
        break;
    case Phase::PollWait:
        m_pollTimer->stop();
        m_needRecount = true;
        sync();
        break;
    case Phase::Stopped:
    case Phase::Backoff:
    case Phase::Failed:
        m_backoff.reset();
        connectNow();
        break;
    default:
        // Busy connecting or syncing: sync again when done.
        m_needSync = m_needRecount = true;
        break;
    }
}

void ImapSession::reconnectNow()
{
    if (m_phase == Phase::Stopped || m_phase == Phase::Failed)
        return;
    qCInfo(lcSession) << m_config.clientName << "reconnecting at once (network change or resume)";
    m_backoff.reset();
    connectNow();
}

void ImapSession::stopTimers()
{
    m_idleTimer->stop();
    m_pollTimer->stop();
    m_reconnectTimer->stop();
    m_coalesceTimer->stop();
}

bool ImapSession::sleptSinceLastCheck()
{
    // Wall-clock time runs on while the machine sleeps, monotonic time does
    // not: a jump between them means a suspend (or a clock step). The
    // connection is then most likely dead. This costs no timer of its own;
    // logind's PrepareForSleep is the first line (core::SystemEvents), this is
    // the fallback without it.
    const qint64 offset = m_clock->wallMs() - m_clock->monotonicMs();
    const qint64 drift = offset - m_clockOffset;
    m_clockOffset = offset;
    if (std::abs(drift) < 120000)
        return false;
    if (m_phase != Phase::Idling && m_phase != Phase::IdleStarting && m_phase != Phase::IdleDone
        && m_phase != Phase::PollWait && m_phase != Phase::Busy)
        return false;
    qCInfo(lcSession) << m_config.clientName << "the wall clock jumped by" << drift / 1000
                      << "s (suspend?); reconnecting";
    reconnectNow();
    return true;
}

void ImapSession::connectNow()
{
    m_clockOffset = m_clock->wallMs() - m_clock->monotonicMs();
    stopTimers();
    m_collectFetch = false;
    m_fetched.clear();
    m_leaveIdleWhenReady = false;
    m_healthySince = -1;
    m_pollMode = !m_config.useIdle;
    m_phase = Phase::Connecting;
    m_connection->open();
}

void ImapSession::afterLogin()
{
    if (!m_connection->capabilities().idle())
        m_pollMode = true;
    m_phase = Phase::Busy;
    examine();
}

void ImapSession::handleUntagged(const Response &r)
{
    switch (r.type) {
    case Response::Type::Status:
        switch (r.code.kind) {
        case ResponseCode::Kind::UidValidity:
            m_examineUidValidity = quint32(r.code.number);
            break;
        case ResponseCode::Kind::UidNext:
            m_examineUidNext = quint32(r.code.number);
            break;
        case ResponseCode::Kind::HighestModSeq:
            m_examineModSeq = r.code.number;
            break;
        default:
            break;
        }
        break;
    case Response::Type::Exists:
        if (r.number > m_snapshot.exists)
            m_needSync = true;
        else if (r.number < m_snapshot.exists)
            m_needRecount = true;
        m_snapshot.exists = r.number;
        updateSnapshot();
        break;
    case Response::Type::Expunge:
        if (m_snapshot.exists > 0)
            --m_snapshot.exists;
        m_needRecount = true;
        updateSnapshot();
        break;
    case Response::Type::Vanished:
        if (const auto *v = r.vanished(); v && !v->earlier) {
            const quint64 n = std::min<quint64>(v->uids.count(), m_snapshot.exists);
            m_snapshot.exists -= quint32(n);
            updateSnapshot();
        }
        m_needRecount = true;
        break;
    case Response::Type::Fetch:
        if (const auto *f = r.fetch()) {
            if (m_collectFetch && f->uid) {
                // An answer to our UID FETCH (unsolicited ones carry no UID
                // unless QRESYNC is enabled).
                m_fetched.append(*f);
            } else if (f->flags) {
                // A flag changed elsewhere (read, unread, deleted).
                m_needRecount = true;
            }
            if (f->modSeq && *f->modSeq > m_snapshot.highestModSeq)
                m_snapshot.highestModSeq = *f->modSeq;
        }
        break;
    case Response::Type::Search:
        if (const auto *s = r.search())
            for (quint32 n : s->numbers)
                m_searchResult.add(imap::Uid(n));
        break;
    case Response::Type::ESearch:
        if (const auto *s = r.esearch(); s && s->all) {
            for (const auto &range : s->all->ranges())
                m_searchResult.addRange(range.first, range.last);
        }
        break;
    default:
        // FLAGS, RECENT (deprecated), LIST, STATUS, ENABLED, unknown: nothing to do.
        break;
    }
}

void ImapSession::examine()
{
    setState(State::Syncing, tr("Opening %1").arg(m_config.mailbox));
    m_examineUidValidity = 0;
    m_examineUidNext = 0;
    m_examineModSeq = 0;
    const QByteArray extra = m_connection->capabilities().condstore() ? QByteArray("(CONDSTORE)") : QByteArray();
    m_connection->send(m_connection->builder().examine(m_config.mailbox, extra), [this](const Response &r) {
        if (r.status != Status::Ok) {
            SessionError e = m_connection->commandError(r, tr("EXAMINE"));
            if (!isTransientCode(r.code.kind)) {
                e.kind = SessionError::Kind::Mailbox;
                e.message = tr("The mailbox \"%1\" cannot be opened: %2").arg(m_config.mailbox, textOf(r));
            }
            fail(e);
            return;
        }
        if (m_examineUidValidity == 0) {
            SessionError e;
            e.kind = SessionError::Kind::Protocol;
            e.message = tr("The server did not send the mailbox's UIDVALIDITY");
            fail(e);
            return;
        }
        m_snapshot.uidValidity = m_examineUidValidity;
        m_snapshot.uidNext = m_examineUidNext;
        m_snapshot.highestModSeq = m_examineModSeq;
        m_unseen.clear();
        m_unseenKnown = false;

        MailboxState next = m_mailboxState;
        if (next.uidValidity != m_examineUidValidity) {
            if (next.isKnown())
                qCWarning(lcSession) << m_config.clientName << "UIDVALIDITY changed from" << next.uidValidity << "to"
                                     << m_examineUidValidity << "- starting over without reporting old mail";
            // First run, or the server renumbered the mailbox: whatever is
            // there now is not new. Mail arriving from now on is.
            next.uidValidity = m_examineUidValidity;
            next.highestUid = m_examineUidNext > 0 ? m_examineUidNext - 1 : 0;
            next.highestModSeq = 0;
            next.newestArrival = 0;
            if (m_examineUidNext == 0 && m_snapshot.exists > 0) {
                // No UIDNEXT: find the highest UID there is.
                m_mailboxState = next;
                m_collectFetch = true;
                m_fetched.clear();
                m_connection->send(m_connection->builder().uidFetch("*", "(UID)"), [this](const Response &f) {
                    m_collectFetch = false;
                    quint32 highest = 0;
                    for (const auto &item : std::as_const(m_fetched))
                        highest = std::max(highest, item.uid ? item.uid->value() : 0);
                    m_fetched.clear();
                    if (f.status != Status::Ok) {
                        fail(m_connection->commandError(f, tr("UID FETCH")));
                        return;
                    }
                    advanceHighWater(highest);
                    Q_EMIT mailboxStateChanged(m_mailboxState);
                    m_needRecount = true;
                    sync();
                });
                return;
            }
            m_mailboxState = next;
            Q_EMIT mailboxStateChanged(m_mailboxState);
        }
        m_existsAtLastSync = m_snapshot.exists;
        m_needSync = true;
        m_needRecount = true;
        updateSnapshot();
        sync();
    });
}

void ImapSession::sync()
{
    setState(State::Syncing, tr("Checking %1").arg(m_config.mailbox));
    m_phase = Phase::Busy;
    const bool recount = m_needRecount || !m_unseenKnown;
    m_needSync = false;
    m_needRecount = false;
    fetchNew([this, recount] {
        if (recount)
            searchUnseen([this] { afterSync(); });
        else
            afterSync();
    });
}

void ImapSession::fetchNew(std::function<void()> then)
{
    const quint32 high = m_mailboxState.highestUid;
    if (m_snapshot.exists == 0) {
        then();
        return;
    }
    // How many messages can be above the mark? Right after EXAMINE, UIDNEXT
    // bounds it; while connected, the growth of EXISTS does.
    const quint64 max = quint64(m_config.maxSummaries);
    const bool largeByUidNext = m_snapshot.uidNext > high && quint64(m_snapshot.uidNext) - 1 - high > max;
    const bool largeByExists = m_snapshot.exists > m_existsAtLastSync && m_snapshot.exists - m_existsAtLastSync > max;
    const bool smallBacklog = !largeByUidNext && !largeByExists;
    const QByteArray range = QByteArray::number(quint64(high) + 1) + ":*";

    m_collectFetch = true;
    m_fetched.clear();
    if (smallBacklog) {
        // The common case, one round trip: sender and subject of everything
        // above the mark ("n:*" also returns the last message when nothing
        // is above; it is filtered out below).
        m_connection->send(m_connection->builder().uidFetch(range, "(UID FLAGS ENVELOPE INTERNALDATE)"),
                           [this, high, then](const Response &r) {
                               m_collectFetch = false;
                               const QList<imap::FetchData> items = std::move(m_fetched);
                               m_fetched.clear();
                               if (r.status != Status::Ok) {
                                   fail(m_connection->commandError(r, tr("UID FETCH")));
                                   return;
                               }
                               noteArrivals(items, high);
                               QList<const imap::FetchData *> fresh;
                               quint32 highest = high;
                               for (const auto &item : items) {
                                   if (!item.uid || item.uid->value() <= high)
                                       continue;
                                   highest = std::max(highest, item.uid->value());
                                   if (item.hasFlag("\\Seen"))
                                       continue;
                                   if (m_unseenKnown)
                                       m_unseen.add(*item.uid);
                                   if (!isMovedIn(item))
                                       fresh.append(&item);
                               }
                               noteArrivals(items, 0);
                               std::sort(fresh.begin(), fresh.end(),
                                         [](auto *a, auto *b) { return *a->uid < *b->uid; });
                               // A burst larger than maxSummaries: the newest are shown, the rest counted.
                               const qsizetype omitted = std::max<qsizetype>(0, fresh.size() - m_config.maxSummaries);
                               QList<MessageSummary> summaries;
                               for (qsizetype i = omitted; i < fresh.size(); ++i)
                                   if (fresh[i]->envelope)
                                       summaries.append(summaryFrom(*fresh[i]));
                               if (!summaries.isEmpty() || omitted > 0)
                                   Q_EMIT newMessages(summaries, int(omitted));
                               m_existsAtLastSync = m_snapshot.exists;
                               if (highest >= m_snapshot.uidNext)
                                   m_snapshot.uidNext = highest + 1;
                               advanceHighWater(highest);
                               updateSnapshot();
                               then();
                           });
        return;
    }
    // A large backlog (back after a long time offline): learn which
    // messages are above the mark and unseen, then fetch sender and subject
    // of the newest few; the others are only counted.
    m_connection->send(m_connection->builder().uidFetch(range, "(UID FLAGS INTERNALDATE)"),
                       [this, high, then](const Response &r) {
                           m_collectFetch = false;
                           const QList<imap::FetchData> items = std::move(m_fetched);
                           m_fetched.clear();
                           if (r.status != Status::Ok) {
                               fail(m_connection->commandError(r, tr("UID FETCH")));
                               return;
                           }
                           noteArrivals(items, high);
                           quint32 highest = high;
                           QList<quint32> fresh;
                           for (const auto &item : items) {
                               if (!item.uid || item.uid->value() <= high)
                                   continue;
                               highest = std::max(highest, item.uid->value());
                               if (item.hasFlag("\\Seen"))
                                   continue;
                               if (m_unseenKnown)
                                   m_unseen.add(*item.uid);
                               if (!isMovedIn(item))
                                   fresh.append(item.uid->value());
                           }
                           noteArrivals(items, 0);
                           std::sort(fresh.begin(), fresh.end());
                           const int keep = std::min<int>(int(fresh.size()), m_config.maxSummaries);
                           imap::UidSet wanted;
                           for (qsizetype i = fresh.size() - keep; i < fresh.size(); ++i)
                               wanted.add(imap::Uid(fresh[i]));
                           m_existsAtLastSync = m_snapshot.exists;
                           fetchSummaries(wanted, int(fresh.size()) - keep, highest, then);
                       });
}

void ImapSession::fetchSummaries(const imap::UidSet &uids, int omitted, quint32 highest, std::function<void()> then)
{
    if (uids.isEmpty()) {
        if (omitted > 0)
            Q_EMIT newMessages({}, omitted);
        advanceHighWater(highest);
        updateSnapshot();
        then();
        return;
    }
    m_collectFetch = true;
    m_fetched.clear();
    m_connection->send(m_connection->builder().uidFetch(uids.toImap(), "(UID FLAGS ENVELOPE INTERNALDATE)"),
                       [this, omitted, highest, then](const Response &r) {
                           m_collectFetch = false;
                           QList<imap::FetchData> items = std::move(m_fetched);
                           m_fetched.clear();
                           if (r.status != Status::Ok) {
                               fail(m_connection->commandError(r, tr("UID FETCH")));
                               return;
                           }
                           std::sort(items.begin(), items.end(),
                                     [](const auto &a, const auto &b) { return *a.uid < *b.uid; });
                           QList<MessageSummary> summaries;
                           for (const auto &item : std::as_const(items))
                               if (item.envelope && !item.hasFlag("\\Seen"))
                                   summaries.append(summaryFrom(item));
                           if (!summaries.isEmpty() || omitted > 0)
                               Q_EMIT newMessages(summaries, omitted);
                           if (highest >= m_snapshot.uidNext)
                               m_snapshot.uidNext = highest + 1;
                           advanceHighWater(highest);
                           updateSnapshot();
                           then();
                       });
}

void ImapSession::searchUnseen(std::function<void()> then)
{
    m_searchResult.clear();
    const imap::Command command = m_connection->capabilities().esearch()
        ? m_connection->builder().uidSearch("UNSEEN", "(ALL)")
        : m_connection->builder().uidSearch("UNSEEN");
    m_connection->send(command, [this, then](const Response &r) {
        if (r.status != Status::Ok) {
            fail(m_connection->commandError(r, tr("UID SEARCH")));
            return;
        }
        imap::UidSet now = std::move(m_searchResult);
        m_searchResult.clear();
        if (m_unseenKnown) {
            // Unseen before, not unseen now: read or gone elsewhere.
            QList<imap::Uid> gone;
            for (const auto &range : m_unseen.ranges())
                for (quint64 v = range.first; v <= range.last && gone.size() < 100000; ++v)
                    if (!now.contains(imap::Uid(quint32(v))))
                        gone.append(imap::Uid(quint32(v)));
            if (!gone.isEmpty())
                Q_EMIT messagesGone(m_config.mailbox, gone);
        }
        m_unseen = std::move(now);
        m_unseenKnown = true;
        updateSnapshot();
        then();
    });
}

void ImapSession::afterSync()
{
    markHealthy();
    if (m_needSync || m_needRecount) {
        // More happened while we were busy.
        sync();
        return;
    }
    if (m_pollMode)
        schedulePoll();
    else
        enterIdle();
}

void ImapSession::onWorkPending()
{
    switch (m_phase) {
    case Phase::Idling:
        if (m_config.coalesceDelay.count() > 0) {
            if (!m_coalesceTimer->isActive())
                m_coalesceTimer->start(m_config.coalesceDelay);
        } else {
            // Everything that arrived in this read is one batch already, and
            // the DONE round trip gathers whatever follows it.
            leaveIdle();
        }
        break;
    case Phase::IdleStarting:
        m_leaveIdleWhenReady = true;
        break;
    default:
        // Syncing picks it up when done; polling picks it up at the next poll.
        break;
    }
}

void ImapSession::schedulePoll()
{
    m_phase = Phase::PollWait;
    setState(
        State::Polling,
        m_connection->capabilities().idle() && m_config.useIdle
            ? tr("The server refused IDLE; checking every %n second(s)", nullptr, int(m_config.pollInterval.count()))
            : tr("Checking every %n second(s)", nullptr, int(m_config.pollInterval.count())));
    m_pollTimer->start(m_config.pollInterval);
}

void ImapSession::markHealthy()
{
    if (m_healthySince < 0)
        m_healthySince = m_clock->monotonicMs();
}

void ImapSession::updateSnapshot()
{
    m_snapshot.unseen = m_unseenKnown ? quint32(std::min<quint64>(m_unseen.count(), 0xffffffffu)) : 0;
    if (!m_unseenKnown)
        return; // not meaningful before the first count
    if (m_snapshotEmitted && m_snapshot == m_lastSnapshot)
        return;
    m_lastSnapshot = m_snapshot;
    m_snapshotEmitted = true;
    Q_EMIT snapshotChanged(m_snapshot);
}

qint64 ImapSession::arrivalOf(const imap::FetchData &fetch)
{
    if (!fetch.internalDate)
        return 0;
    const QDateTime when = imap::parseDateTime(*fetch.internalDate);
    return when.isValid() ? std::max<qint64>(0, when.toSecsSinceEpoch()) : 0;
}

void ImapSession::noteArrivals(const QList<imap::FetchData> &items, quint32 upToUid)
{
    // upToUid != 0: only messages at or below it (already known ones), so
    // that the reference for this batch does not come from the batch itself.
    qint64 newest = m_mailboxState.newestArrival;
    for (const auto &item : items)
        if (item.uid && (upToUid == 0 || item.uid->value() <= upToUid))
            newest = std::max(newest, arrivalOf(item));
    if (newest != m_mailboxState.newestArrival) {
        m_mailboxState.newestArrival = newest;
        m_stateDirty = true;
    }
}

bool ImapSession::isMovedIn(const imap::FetchData &fetch) const
{
    const qint64 arrival = arrivalOf(fetch);
    const qint64 reference = m_mailboxState.newestArrival;
    if (arrival == 0 || reference == 0 || arrival >= reference - qint64(m_config.movedInSlack.count()))
        return false;
    qCInfo(lcSession) << m_config.clientName << "UID" << fetch.uid.value_or(imap::Uid()).value()
                      << "arrived long before the newest message: moved in by someone, not new mail";
    return true;
}

void ImapSession::advanceHighWater(quint32 uid)
{
    if (uid > m_mailboxState.highestUid) {
        m_mailboxState.highestUid = uid;
        if (m_snapshot.highestModSeq > m_mailboxState.highestModSeq)
            m_mailboxState.highestModSeq = m_snapshot.highestModSeq;
        m_stateDirty = true;
    }
    if (m_stateDirty) {
        m_stateDirty = false;
        Q_EMIT mailboxStateChanged(m_mailboxState);
    }
}

MessageSummary ImapSession::summaryFrom(const imap::FetchData &fetch) const
{
    MessageSummary s;
    s.mailbox = m_config.mailbox;
    s.uid = fetch.uid.value_or(imap::Uid());
    s.uidValidity = m_mailboxState.uidValidity;
    if (fetch.envelope) {
        const imap::Envelope &env = *fetch.envelope;
        const QList<imap::Address> &from = !env.from.isEmpty() ? env.from : env.sender;
        for (const imap::Address &a : from) {
            if (a.isGroupMarker())
                continue;
            s.fromName = imap::decodeHeader(a.name).trimmed();
            s.fromAddress = QString::fromUtf8(a.email());
            break;
        }
        s.subject = imap::decodeHeader(env.subject).trimmed();
        s.date = imap::parseDateTime(env.date);
        s.messageId = env.messageId.trimmed();
    }
    if (!s.date.isValid() && fetch.internalDate)
        s.date = imap::parseDateTime(*fetch.internalDate);
    return s;
}

void ImapSession::enterIdle()
{
    m_phase = Phase::IdleStarting;
    m_leaveIdleWhenReady = false;
    m_connection->send(
        m_connection->builder().idle(),
        [this](const Response &r) {
            m_idleTimer->stop();
            m_coalesceTimer->stop();
            if (m_phase == Phase::IdleStarting && r.status != Status::Ok) {
                // IDLE refused (RFC 2177 allows NO): poll instead.
                qCInfo(lcSession) << m_config.clientName << "the server refused IDLE; polling every"
                                  << m_config.pollInterval.count() << "s";
                m_pollMode = true;
                schedulePoll();
                return;
            }
            if (r.status != Status::Ok) {
                fail(m_connection->commandError(r, tr("IDLE")));
                return;
            }
            m_phase = Phase::Busy;
            if (m_needSync || m_needRecount)
                sync();
            else
                enterIdle(); // a refresh: straight back into IDLE
        },
        m_config.commandTimeout,
        [this](const Response &) {
            // '+': idling (RFC 2177).
            if (m_phase != Phase::IdleStarting)
                return;
            m_phase = Phase::Idling;
            markHealthy();
            setState(State::Idling, tr("Waiting for new mail (IDLE)"));
            // The answer to IDLE comes only after DONE: no timeout while idling.
            m_connection->suspendTimeout();
            if (m_leaveIdleWhenReady || m_needSync || m_needRecount) {
                m_leaveIdleWhenReady = false;
                leaveIdle();
                return;
            }
            m_idleTimer->start(m_config.idleRefresh);
        });
}

void ImapSession::leaveIdle()
{
    if (m_phase == Phase::IdleStarting) {
        m_leaveIdleWhenReady = true;
        return;
    }
    if (m_phase != Phase::Idling)
        return;
    m_idleTimer->stop();
    m_coalesceTimer->stop();
    m_phase = Phase::IdleDone;
    // A dead link shows here: DONE must be answered promptly.
    m_connection->writeAndExpect(imap::CommandBuilder::done(), m_config.doneTimeout, tr("the answer to DONE"));
}

void ImapSession::fail(SessionError error)
{
    const bool wasHealthy
        = m_healthySince >= 0 && m_clock->monotonicMs() - m_healthySince >= qint64(m_config.healthyAfter.count());
    m_connection->abort();
    stopTimers();
    m_healthySince = -1;
    if (wasHealthy)
        m_backoff.reset();

    switch (error.kind) {
    case SessionError::Kind::Network:
    case SessionError::Kind::Timeout:
    case SessionError::Kind::Tls:
    case SessionError::Kind::Protocol:
    case SessionError::Kind::ServerUnavailable:
        error.willRetry = true;
        break;
    case SessionError::Kind::Certificate:
    case SessionError::Kind::Security:
    case SessionError::Kind::Authentication:
    case SessionError::Kind::Mailbox:
    case SessionError::Kind::Configuration:
        error.willRetry = false;
        break;
    }
    m_lastError = error;
    if (error.willRetry) {
        auto delay = m_backoff.next();
        if (error.kind == SessionError::Kind::ServerUnavailable)
            delay = std::max<std::chrono::milliseconds>(delay, 30s); // respect a busy server
        m_lastError.retryIn = delay;
        qCWarning(lcSession).noquote() << m_config.clientName << error.message << "- retrying in" << delay.count()
                                       << "ms";
        m_phase = Phase::Backoff;
        Q_EMIT errorOccurred(m_lastError);
        setState(State::Reconnecting, error.message);
        m_reconnectTimer->start(delay);
        return;
    }
    qCWarning(lcSession).noquote() << m_config.clientName << error.message << "- not retrying";
    m_phase = Phase::Failed;
    Q_EMIT errorOccurred(m_lastError);
    setState(State::Failed, error.message);
}

} // namespace session
