#include "session/ImapSession.h"

#include "imap/DateTime.h"
#include "imap/Encoding.h"
#include "session/Logging.h"

#include <QSet>

#include <algorithm>

using namespace std::chrono_literals;

namespace session {

namespace {

using imap::Response;
using imap::ResponseCode;
using imap::Status;

constexpr int kMaxTracked = 1000; // reported UIDs kept per mailbox to withdraw notifications

QString textOf(const Response &r)
{
    return QString::fromUtf8(r.text).trimmed();
}

bool sameMailbox(const QString &a, const QString &b)
{
    const bool inboxA = a.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0;
    const bool inboxB = b.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0;
    return inboxA || inboxB ? inboxA == inboxB : a == b;
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
    Box primary;
    primary.name = m_config.mailbox;
    primary.snapshot.mailbox = m_config.mailbox;
    m_boxes.append(primary);
    setOtherMailboxes(m_config.otherMailboxes);

    m_connection = new ImapConnection(m_config, std::move(transport), clock, this);
    connect(m_connection, &ImapConnection::progress, this, &ImapSession::setState);
    connect(m_connection, &ImapConnection::loggedIn, this, &ImapSession::afterLogin);
    connect(m_connection, &ImapConnection::untagged, this, &ImapSession::handleUntagged);
    connect(m_connection, &ImapConnection::batchProcessed, this, &ImapSession::onBatch);
    connect(m_connection, &ImapConnection::alert, this, &ImapSession::alert);
    connect(m_connection, &ImapConnection::failed, this, &ImapSession::fail);
    // Whatever finished last, the scheduler goes on (servers may answer
    // pipelined commands in any order).
    connect(m_connection, &ImapConnection::drained, this, [this] {
        if (m_phase == Phase::Busy)
            runNext();
    });

    connect(m_idleTimer, &Timer::timeout, this, [this] {
        if (sleptSinceLastCheck())
            return;
        if (m_phase == Phase::Idling) {
            // Re-issue IDLE well before the server's inactivity timeout and
            // any middlebox's; the DONE round trip proves the link is alive.
            qCDebug(lcSession) << m_config.clientName << "refreshing IDLE";
            leaveIdle();
        } else if (m_phase == Phase::Watching) {
            // NOTIFY needs no refresh, but a dead link must still show.
            m_phase = Phase::Busy;
            m_connection->send(
                m_connection->builder().noop(),
                [this](const Response &r) {
                    if (r.status != Status::Ok) {
                        fail(m_connection->commandError(r, tr("NOOP")));
                        return;
                    }
                    runNext();
                },
                m_config.doneTimeout);
        }
    });
    connect(m_pollTimer, &Timer::timeout, this, [this] {
        if (sleptSinceLastCheck())
            return;
        if (m_mode == Mode::Poll)
            m_boxes.first().needSync = m_boxes.first().needRecount = true;
        for (int i = 1; i < m_boxes.size(); ++i)
            m_boxes[i].needStatus = !m_boxes[i].broken;
        if (m_phase == Phase::PollWait)
            runNext();
        else
            onWorkPending();
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

QStringList ImapSession::mailboxes() const
{
    QStringList out;
    for (const Box &b : m_boxes)
        out << b.name;
    return out;
}

int ImapSession::boxIndex(const QString &name) const
{
    for (int i = 0; i < m_boxes.size(); ++i)
        if (sameMailbox(m_boxes[i].name, name))
            return i;
    return -1;
}

int ImapSession::boxIndexForRaw(const QByteArray &rawName) const
{
    return boxIndex(imap::mailboxDisplayName(rawName));
}

MailboxSnapshot ImapSession::snapshot(const QString &mailbox) const
{
    const int i = boxIndex(mailbox);
    return i < 0 ? MailboxSnapshot() : m_boxes[i].snapshot;
}

MailboxState ImapSession::mailboxState(const QString &mailbox) const
{
    const int i = boxIndex(mailbox);
    return i < 0 ? MailboxState() : m_boxes[i].state;
}

quint32 ImapSession::unseenTotal() const
{
    quint64 n = 0;
    for (const Box &b : m_boxes)
        if (b.snapshotEmitted)
            n += b.emitted.unseen;
    return quint32(std::min<quint64>(n, 0xffffffffu));
}

bool ImapSession::hasSnapshot() const
{
    return std::any_of(m_boxes.begin(), m_boxes.end(), [](const Box &b) { return b.snapshotEmitted; });
}

void ImapSession::setMailboxState(const QString &mailbox, const MailboxState &state)
{
    const int i = boxIndex(mailbox);
    if (i >= 0)
        m_boxes[i].state = state;
}

void ImapSession::setOtherMailboxes(const QStringList &mailboxes)
{
    m_pendingOthers = mailboxes;
    m_othersChanged = true;
    // Commands in flight refer to mailboxes by position: change the list only
    // when nothing is in flight.
    if (!m_connection || !m_connection->isBusy())
        applyOtherMailboxes();
    else if (m_phase == Phase::Watching || m_phase == Phase::Idling || m_phase == Phase::PollWait)
        onWorkPending();
}

void ImapSession::applyOtherMailboxes()
{
    if (!m_othersChanged)
        return;
    m_othersChanged = false;
    const QStringList mailboxes = m_pendingOthers;
    QList<Box> next{m_boxes.first()};
    for (const QString &name : mailboxes) {
        if (sameMailbox(name, m_boxes.first().name))
            continue;
        bool dup = false;
        for (const Box &b : std::as_const(next))
            dup = dup || sameMailbox(b.name, name);
        if (dup)
            continue;
        const int old = boxIndex(name);
        if (old >= 0) {
            next.append(m_boxes[old]);
        } else {
            Box b;
            b.name = name;
            b.snapshot.mailbox = name;
            b.needStatus = true;
            next.append(b);
        }
    }
    if (m_selected > 0) {
        const QString selected = m_boxes[m_selected].name;
        m_selected = -1;
        for (int i = 0; i < next.size(); ++i)
            if (next[i].name == selected)
                m_selected = i;
    }
    m_boxes = next;
    m_config.otherMailboxes.clear();
    for (int i = 1; i < m_boxes.size(); ++i)
        m_config.otherMailboxes << m_boxes[i].name;
    m_notifySet = false; // the watched set changed
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
    m_boxes.first().needSync = m_boxes.first().needRecount = true;
    for (int i = 1; i < m_boxes.size(); ++i)
        m_boxes[i].needStatus = !m_boxes[i].broken; // STATUS says whether to look inside
    switch (m_phase) {
    case Phase::Stopped:
    case Phase::Backoff:
    case Phase::Failed:
        m_backoff.reset();
        connectNow();
        break;
    case Phase::PollWait:
    case Phase::Watching:
        runNext();
        break;
    default:
        onWorkPending();
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

void ImapSession::connectNow()
{
    m_clockOffset = m_clock->wallMs() - m_clock->monotonicMs();
    stopTimers();
    m_leaveIdleWhenReady = false;
    m_healthySince = -1;
    m_selected = -1;
    m_notifySet = false;
    m_idleRefused = false;
    for (Box &b : m_boxes) {
        b.counted = false;
        b.needSync = b.needRecount = false;
        b.needStatus = !b.broken;
    }
    m_boxes.first().needStatus = false;
    m_phase = Phase::Connecting;
    m_connection->open();
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
    if (m_phase == Phase::Stopped || m_phase == Phase::Connecting || m_phase == Phase::Backoff
        || m_phase == Phase::Failed)
        return false;
    qCInfo(lcSession) << m_config.clientName << "the wall clock jumped by" << drift / 1000
                      << "s (suspend?); reconnecting";
    reconnectNow();
    return true;
}

void ImapSession::afterLogin()
{
    const imap::Capabilities &caps = m_connection->capabilities();
    if (!m_config.useIdle)
        m_mode = Mode::Poll;
    else if (caps.notify())
        m_mode = Mode::Notify;
    else if (caps.idle())
        m_mode = Mode::Idle;
    else
        m_mode = Mode::Poll;
    if (m_mode != Mode::Notify && m_boxes.size() > 1 && !m_toldNoNotify) {
        m_toldNoNotify = true;
        Q_EMIT notifyUnavailable(m_config.otherMailboxes);
    }
    // CONDSTORE / QRESYNC are not enabled: a reconnect already costs one
    // round trip (pipelined EXAMINE, FETCH above the mark, COUNT), and
    // enabling them makes the server keep modification sequences for every
    // message; Dovecot took 12 to 42 s (and ran out of memory) on a mailbox
    // of a million messages the first time (tests/bench). NOTIFY's FlagChange
    // carries UIDs without them; VANISHED is still understood if a server
    // sends it.
    m_phase = Phase::Busy;
    examineAndSync(0);
}

void ImapSession::handleUntagged(const Response &r)
{
    // Data of the selected mailbox.
    Box *sel = m_selected >= 0 && m_selected < m_boxes.size() ? &m_boxes[m_selected] : nullptr;
    switch (r.type) {
    case Response::Type::Exists:
        if (!sel)
            break;
        if (r.number < sel->snapshot.exists)
            sel->needRecount = true;
        sel->snapshot.exists = r.number;
        // Whether this means new mail is decided at the end of the batch:
        // NOTIFY sends the new message's FETCH right behind it.
        break;
    case Response::Type::Expunge:
        if (!sel)
            break;
        if (sel->snapshot.exists > 0)
            --sel->snapshot.exists;
        if (sel->existsAtLastSync > 0)
            --sel->existsAtLastSync;
        sel->needRecount = true;
        break;
    case Response::Type::Vanished:
        if (const auto *v = r.vanished(); sel && v) {
            if (!v->earlier) {
                const quint64 n = std::min<quint64>(v->uids.count(), sel->snapshot.exists);
                sel->snapshot.exists -= quint32(n);
                sel->existsAtLastSync -= quint32(std::min<quint64>(n, sel->existsAtLastSync));
            }
            QList<imap::Uid> gone;
            for (const auto &range : sel->tracked.ranges())
                for (quint64 u = range.first; u <= range.last; ++u)
                    if (v->uids.contains(imap::Uid(quint32(u))))
                        gone << imap::Uid(quint32(u));
            reportGone(*sel, gone);
            sel->needRecount = true;
        }
        break;
    case Response::Type::Fetch:
        if (const auto *f = r.fetch(); sel && f) {
            if (f->envelope && f->uid && f->uid->value() > sel->state.highestUid) {
                // NOTIFY MessageNew: the new message itself, pushed.
                processNewItems(m_selected, {*f}, sel->state.highestUid, true);
                sel->existsAtLastSync = std::min(sel->existsAtLastSync + 1, sel->snapshot.exists);
                updateSnapshot(*sel);
                break;
            }
            if (f->flags) {
                // A flag changed elsewhere. With a UID (NOTIFY, QRESYNC) a
                // reported message read elsewhere is known at once.
                if (f->uid && f->hasFlag("\\Seen") && sel->tracked.contains(*f->uid))
                    reportGone(*sel, {*f->uid});
                sel->needRecount = true;
            }
            if (f->modSeq && *f->modSeq > sel->snapshot.highestModSeq)
                sel->snapshot.highestModSeq = *f->modSeq;
        }
        break;
    case Response::Type::MailboxStatus:
        // NOTIFY's STATUS about another mailbox (or ours while it is not selected).
        if (const auto *s = r.mailboxStatus()) {
            const int i = boxIndexForRaw(s->mailbox);
            if (i > 0)
                m_boxes[i].needStatus = true;
            else if (i == 0 && m_selected != 0)
                m_boxes[0].needSync = true;
        }
        break;
    default:
        // FLAGS, RECENT (deprecated), LIST, ENABLED, OK/NO/BAD, unknown.
        break;
    }
}

void ImapSession::onBatch()
{
    if (sleptSinceLastCheck())
        return;
    if (m_selected >= 0 && m_selected < m_boxes.size()) {
        Box &sel = m_boxes[m_selected];
        if (sel.snapshot.exists > sel.existsAtLastSync)
            sel.needSync = true;
        if (sel.counted)
            updateSnapshot(sel);
    }
    if (anyWork())
        onWorkPending();
}

bool ImapSession::anyWork() const
{
    if (m_selected != 0 || m_othersChanged)
        return true;
    for (const Box &b : m_boxes)
        if (!b.broken && (b.needSync || b.needRecount || b.needStatus))
            return true;
    return !m_notifySet && m_mode == Mode::Notify;
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
    case Phase::Watching:
        runNext();
        break;
    default:
        // Busy: picked up when the commands in flight are done. Polling:
        // untagged data only comes with our own commands.
        break;
    }
}

// The scheduler: one step at a time, whenever nothing is in flight.
void ImapSession::runNext()
{
    if (m_connection->isBusy())
        return;
    applyOtherMailboxes();
    m_phase = Phase::Busy;
    Box &primary = m_boxes.first();
    if (m_selected != 0) {
        examineAndSync(0);
        return;
    }
    if (primary.needSync || primary.needRecount || !primary.counted) {
        setState(State::Syncing, tr("Checking %1").arg(primary.name));
        sync(0);
        return;
    }
    for (int i = 1; i < m_boxes.size(); ++i) {
        if (m_boxes[i].needStatus && !m_boxes[i].broken) {
            statusOthers();
            return;
        }
    }
    for (int i = 1; i < m_boxes.size(); ++i) {
        if ((m_boxes[i].needSync || m_boxes[i].needRecount) && !m_boxes[i].broken) {
            // A look into another mailbox, then back.
            examineAndSync(i);
            return;
        }
    }
    markHealthy();
    switch (m_mode) {
    case Mode::Notify:
        enterWatching();
        break;
    case Mode::Idle:
        enterIdle();
        break;
    case Mode::Poll:
        schedulePoll();
        break;
    }
}

void ImapSession::examineAndSync(int index)
{
    Box &box = m_boxes[index];
    setState(State::Syncing, tr("Opening %1").arg(box.name));
    m_phase = Phase::Busy;
    m_selected = -1;
    auto examined = std::make_shared<Examined>();
    const bool known = box.state.isKnown();
    const quint32 high = box.state.highestUid;
    const QByteArray extra; // no CONDSTORE: see afterLogin()
    box.snapshot.exists = 0;

    m_connection->send(
        m_connection->builder().examine(box.name, extra),
        [this, index, examined](const Response &r) {
            Box &box = m_boxes[index];
            if (r.status == Status::Ok && examined->uidValidity == 0) {
                SessionError e;
                e.kind = SessionError::Kind::Protocol;
                e.message = tr("The server did not send the UIDVALIDITY of %1").arg(box.name);
                fail(e);
                return;
            }
            if (r.status != Status::Ok) {
                if (index > 0 && !isTransientCode(r.code.kind)) {
                    // Another mailbox that cannot be opened (deleted, renamed):
                    // skip it, keep watching the rest.
                    qCWarning(lcSession).noquote()
                        << m_config.clientName << "cannot open" << box.name << ":" << textOf(r) << "- not watching it";
                    box.broken = true;
                    return;
                }
                SessionError e = m_connection->commandError(r, tr("EXAMINE"));
                if (!isTransientCode(r.code.kind)) {
                    e.kind = SessionError::Kind::Mailbox;
                    e.message = tr("The mailbox \"%1\" cannot be opened: %2").arg(box.name, textOf(r));
                }
                fail(e);
                return;
            }
            examined->ok = true;
            m_selected = index;
            box.snapshot.uidValidity = examined->uidValidity;
            box.snapshot.uidNext = examined->uidNext;
            box.snapshot.highestModSeq = examined->highestModSeq;
            box.existsAtLastSync = box.snapshot.exists;
            box.needSync = box.needRecount = box.needStatus = false;
            if (box.state.uidValidity != examined->uidValidity) {
                if (box.state.isKnown())
                    qCWarning(lcSession) << m_config.clientName << box.name << "UIDVALIDITY changed from"
                                         << box.state.uidValidity << "to" << examined->uidValidity
                                         << "- starting over without reporting old mail";
                box.tracked.clear();
                // First run, or the server renumbered the mailbox: whatever
                // is there now is not new. Mail arriving from now on is.
                baseline(box, examined->uidValidity, examined->uidNext > 0 ? examined->uidNext - 1 : 0);
                if (box.snapshot.exists > 0) {
                    // The newest message: its UID (when UIDNEXT is missing)
                    // and arrival time (the reference for moved-in mail).
                    auto items = std::make_shared<QList<imap::FetchData>>();
                    m_connection->send(
                        m_connection->builder().uidFetch("*", "(UID INTERNALDATE)"),
                        [items](const Response &f) {
                            if (const auto *d = f.fetch(); d && d->uid) {
                                items->append(*d);
                                return true;
                            }
                            return false;
                        },
                        [this, index, items](const Response &f) {
                            Box &box = m_boxes[index];
                            if (f.status == Status::Ok) {
                                for (const auto &item : std::as_const(*items)) {
                                    box.state.highestUid = std::max(box.state.highestUid, item.uid->value());
                                    box.state.newestArrival = std::max(box.state.newestArrival, arrivalOf(item));
                                }
                                box.stateDirty = true;
                            }
                            flushState(box);
                        });
                }
                sendRecount(index, [this] { runNext(); });
                flushState(box);
            }
        },
        m_config.commandTimeout, {},
        [examined, index, this](const Response &r) {
            Box &box = m_boxes[index];
            if (r.type == Response::Type::Status && r.status == Status::Ok) {
                switch (r.code.kind) {
                case ResponseCode::Kind::UidValidity:
                    examined->uidValidity = quint32(r.code.number);
                    return true;
                case ResponseCode::Kind::UidNext:
                    examined->uidNext = quint32(r.code.number);
                    return true;
                case ResponseCode::Kind::HighestModSeq:
                    examined->highestModSeq = r.code.number;
                    return true;
                default:
                    return false;
                }
            }
            if (r.type == Response::Type::Exists) {
                box.snapshot.exists = r.number;
                return true;
            }
            return false;
        });

    if (!known)
        return; // the EXAMINE answer decides what comes next

    // A reconnect costs one round trip: what is above the mark and the count
    // go out together with the EXAMINE (pipelined).
    auto items = std::make_shared<QList<imap::FetchData>>();
    const QByteArray range = QByteArray::number(quint64(high) + 1) + ":*";
    m_connection->send(
        m_connection->builder().uidFetch(range, "(UID FLAGS INTERNALDATE)"),
        [items](const Response &f) {
            if (const auto *d = f.fetch(); d && d->uid && !d->envelope) {
                items->append(*d);
                return true;
            }
            return false;
        },
        [this, index, examined, items, high](const Response &f) {
            if (!examined->ok)
                return; // EXAMINE failed: already handled
            Box &box = m_boxes[index];
            if (box.state.highestUid != high || box.state.uidValidity != examined->uidValidity)
                return; // renumbered: the answer belongs to the old numbering
            if (f.status != Status::Ok && box.snapshot.exists > 0) {
                fail(m_connection->commandError(f, tr("UID FETCH")));
                return;
            }
            processNewItems(index, *items, high, false);
        });
    sendRecount(index, [this] { runNext(); });
}

void ImapSession::baseline(Box &box, quint32 uidValidity, quint32 highestUid)
{
    box.state.uidValidity = uidValidity;
    box.state.highestUid = highestUid;
    box.state.highestModSeq = 0;
    box.state.newestArrival = 0;
    box.stateDirty = true;
}

void ImapSession::sync(int index)
{
    Box &box = m_boxes[index];
    const quint32 high = box.state.highestUid;
    const bool lookForNew = box.needSync || box.snapshot.exists > box.existsAtLastSync;
    box.needSync = box.needRecount = false;
    if (box.snapshot.exists == 0 || !lookForNew) {
        // Only flags or expunges changed: the count is all there is to learn.
        box.existsAtLastSync = std::min(box.existsAtLastSync, box.snapshot.exists);
        sendRecount(index, [this] { runNext(); });
        return;
    }
    // How many can be above the mark? The growth of EXISTS bounds it.
    const quint32 grown = box.snapshot.exists > box.existsAtLastSync ? box.snapshot.exists - box.existsAtLastSync : 0;
    const bool large = grown > quint32(m_config.maxSummaries);
    box.existsAtLastSync = box.snapshot.exists;
    auto items = std::make_shared<QList<imap::FetchData>>();
    const QByteArray range = QByteArray::number(quint64(high) + 1) + ":*";
    // The common case costs one round trip: sender and subject of whatever
    // is above the mark, and the count, pipelined. ("n:*" also returns the
    // last message when nothing is above n; it is filtered out.)
    m_connection->send(
        m_connection->builder().uidFetch(range,
                                         large ? "(UID FLAGS INTERNALDATE)" : "(UID FLAGS ENVELOPE INTERNALDATE)"),
        [items](const Response &f) {
            if (const auto *d = f.fetch(); d && d->uid && (d->envelope || d->internalDate)) {
                items->append(*d);
                return true;
            }
            return false;
        },
        [this, index, items, high](const Response &f) {
            if (f.status != Status::Ok) {
                fail(m_connection->commandError(f, tr("UID FETCH")));
                return;
            }
            processNewItems(index, *items, high, false);
        });
    sendRecount(index, [this] { runNext(); });
}

// Messages above `above` from a FETCH: report the new ones, move the mark.
void ImapSession::processNewItems(int index, const QList<imap::FetchData> &items, quint32 above, bool countThem)
{
    Box &box = m_boxes[index];
    if (above != box.state.highestUid)
        above = std::max(above, box.state.highestUid); // pushed data raced with a fetch
    // The reference for moved-in mail comes from messages known before.
    for (const auto &item : items)
        if (item.uid && item.uid->value() <= above && arrivalOf(item) > box.state.newestArrival) {
            box.state.newestArrival = arrivalOf(item);
            box.stateDirty = true;
        }
    QList<const imap::FetchData *> fresh;
    QSet<quint32> seenUids; // a pushed FETCH may repeat one of ours
    quint32 highest = above;
    for (const auto &item : items) {
        if (!item.uid || item.uid->value() <= above || seenUids.contains(item.uid->value()))
            continue;
        seenUids.insert(item.uid->value());
        highest = std::max(highest, item.uid->value());
        if (item.hasFlag("\\Seen"))
            continue;
        if (countThem)
            ++box.snapshot.unseen;
        if (!isMovedIn(box, item))
            fresh.append(&item);
    }
    for (const auto &item : items) {
        if (item.uid && arrivalOf(item) > box.state.newestArrival) {
            box.state.newestArrival = arrivalOf(item);
            box.stateDirty = true;
        }
    }
    std::sort(fresh.begin(), fresh.end(), [](auto *a, auto *b) { return *a->uid < *b->uid; });
    const qsizetype omitted = std::max<qsizetype>(0, fresh.size() - m_config.maxSummaries);
    QList<MessageSummary> summaries;
    imap::UidSet needEnvelope;
    for (qsizetype i = omitted; i < fresh.size(); ++i) {
        if (fresh[i]->envelope)
            summaries.append(summaryFrom(box, *fresh[i]));
        else
            needEnvelope.add(*fresh[i]->uid);
    }
    if (highest >= box.snapshot.uidNext)
        box.snapshot.uidNext = highest + 1;
    if (highest > box.state.highestUid) {
        box.state.highestUid = highest;
        if (box.snapshot.highestModSeq > box.state.highestModSeq)
            box.state.highestModSeq = box.snapshot.highestModSeq;
        box.stateDirty = true;
    }
    if (!needEnvelope.isEmpty()) {
        // Only flags were fetched (a reconnect or a large backlog): sender
        // and subject of the newest, in the same flight as the count.
        fetchSummaries(index, needEnvelope, int(omitted));
        // The mark moves once they are reported.
        return;
    }
    // The mark is saved before the report: a crash in between must not
    // repeat a notification (a miss would need a crash in the microseconds
    // between the two).
    flushState(box);
    if (!summaries.isEmpty() || omitted > 0) {
        for (const MessageSummary &m : std::as_const(summaries))
            box.tracked.add(m.uid);
        while (box.tracked.count() > quint64(kMaxTracked))
            box.tracked.remove(*box.tracked.min());
        Q_EMIT newMessages(summaries, int(omitted));
    }
}

void ImapSession::fetchSummaries(int index, const imap::UidSet &uids, int omitted)
{
    auto items = std::make_shared<QList<imap::FetchData>>();
    // The new mark is saved (flushState) only once they are reported.
    m_connection->send(
        m_connection->builder().uidFetch(uids.toImap(), "(UID FLAGS ENVELOPE INTERNALDATE)"),
        [items](const Response &f) {
            if (const auto *d = f.fetch(); d && d->uid && d->envelope) {
                items->append(*d);
                return true;
            }
            return false;
        },
        [this, index, items, omitted](const Response &f) {
            Box &box = m_boxes[index];
            if (f.status != Status::Ok) {
                fail(m_connection->commandError(f, tr("UID FETCH")));
                return;
            }
            std::sort(items->begin(), items->end(), [](const auto &a, const auto &b) { return *a.uid < *b.uid; });
            QList<MessageSummary> summaries;
            for (const auto &item : std::as_const(*items))
                if (!item.hasFlag("\\Seen"))
                    summaries.append(summaryFrom(box, item));
            flushState(box); // before the report, as above
            if (!summaries.isEmpty() || omitted > 0) {
                for (const MessageSummary &m : std::as_const(summaries))
                    box.tracked.add(m.uid);
                while (box.tracked.count() > quint64(kMaxTracked))
                    box.tracked.remove(*box.tracked.min());
                Q_EMIT newMessages(summaries, omitted);
            }
            runNext();
        });
}

// Count unseen messages exactly, and find which reported ones were read or
// deleted elsewhere. With ESEARCH: COUNT (a number, whatever the size of the
// mailbox) plus the tracked UIDs still unseen; without: the full list.
void ImapSession::sendRecount(int index, std::function<void()> then)
{
    const bool esearch = m_connection->capabilities().esearch();
    auto count = std::make_shared<std::optional<quint32>>();
    auto stillUnseen = std::make_shared<imap::UidSet>();
    const imap::UidSet tracked = m_boxes[index].tracked;
    const auto finish = [this, index, count, stillUnseen, tracked, then](bool ok, const Response &r) {
        Box &box = m_boxes[index];
        if (!ok) {
            if (m_selected != index) {
                then(); // its EXAMINE failed and was dealt with
                return;
            }
            fail(m_connection->commandError(r, tr("UID SEARCH")));
            return;
        }
        // No ESEARCH answer at all means no match.
        box.snapshot.unseen = count->value_or(0);
        box.counted = true;
        QList<imap::Uid> gone;
        for (const auto &range : tracked.ranges())
            for (quint64 u = range.first; u <= range.last; ++u)
                if (!stillUnseen->contains(imap::Uid(quint32(u))) && box.tracked.contains(imap::Uid(quint32(u))))
                    gone << imap::Uid(quint32(u));
        reportGone(box, gone);
        updateSnapshot(box);
        then();
    };
    if (!esearch) {
        m_connection->send(
            m_connection->builder().uidSearch("UNSEEN"),
            [count, stillUnseen, tracked](const Response &s) {
                const auto *d = s.search();
                if (!d)
                    return false;
                quint32 n = count->value_or(0);
                for (quint32 uid : d->numbers) {
                    ++n;
                    if (tracked.contains(imap::Uid(uid)))
                        stillUnseen->add(imap::Uid(uid));
                }
                *count = n;
                return true;
            },
            [finish](const Response &s) { finish(s.status == Status::Ok, s); });
        return;
    }
    const imap::Command countCommand = m_connection->builder().uidSearch("UNSEEN", "(COUNT)");
    const QByteArray countTag = countCommand.tag;
    const bool checkTracked = !tracked.isEmpty();
    // Both answers are needed, in whatever order the server sends them.
    auto remaining = std::make_shared<int>(checkTracked ? 2 : 1);
    auto failed = std::make_shared<std::optional<Response>>();
    const auto done = [finish, remaining, failed](const Response &s) {
        if (s.status != Status::Ok && !failed->has_value())
            *failed = s;
        if (--*remaining == 0)
            finish(!failed->has_value(), failed->has_value() ? **failed : s);
    };
    m_connection->send(
        countCommand,
        [count, countTag](const Response &s) {
            const auto *d = s.esearch();
            if (!d || (!d->tag.isEmpty() && d->tag != countTag))
                return false;
            *count = d->count.value_or(0);
            return true;
        },
        done);
    if (!checkTracked)
        return;
    const imap::Command trackedCommand
        = m_connection->builder().uidSearch("UID " + tracked.toImap() + " UNSEEN", "(ALL)");
    const QByteArray trackedTag = trackedCommand.tag;
    m_connection->send(
        trackedCommand,
        [stillUnseen, trackedTag](const Response &s) {
            const auto *d = s.esearch();
            if (!d || (!d->tag.isEmpty() && d->tag != trackedTag))
                return false;
            if (d->all)
                for (const auto &range : d->all->ranges())
                    stillUnseen->addRange(range.first, range.last);
            return true;
        },
        done);
}

void ImapSession::reportGone(Box &box, const QList<imap::Uid> &uids)
{
    QList<imap::Uid> gone;
    for (imap::Uid uid : uids) {
        if (box.tracked.contains(uid)) {
            box.tracked.remove(uid);
            gone << uid;
        }
    }
    if (!gone.isEmpty())
        Q_EMIT messagesGone(box.name, gone);
}

// STATUS of every other mailbox that asked for it, pipelined.
void ImapSession::statusOthers()
{
    auto remaining = std::make_shared<int>(0);
    for (int i = 1; i < m_boxes.size(); ++i) {
        Box &box = m_boxes[i];
        if (!box.needStatus || box.broken)
            continue;
        box.needStatus = false;
        ++*remaining;
        m_connection->send(
            m_connection->builder().status(box.name, {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN"}),
            [this, i](const Response &r) {
                const auto *s = r.mailboxStatus();
                if (!s || boxIndexForRaw(s->mailbox) != i)
                    return false;
                Box &box = m_boxes[i];
                const quint32 uidValidity = s->uidValidity.value_or(0);
                const quint32 uidNext = s->uidNext.value_or(0);
                if (uidValidity != 0 && uidValidity != box.state.uidValidity) {
                    box.tracked.clear();
                    baseline(box, uidValidity, uidNext > 0 ? uidNext - 1 : 0);
                    flushState(box);
                } else if (uidNext > 0 && uidNext - 1 > box.state.highestUid) {
                    box.needSync = true; // new mail there: look into it
                }
                const quint32 unseenBefore = box.snapshot.unseen;
                box.snapshot.uidValidity = uidValidity;
                box.snapshot.uidNext = uidNext;
                box.snapshot.exists = s->messages.value_or(box.snapshot.exists);
                box.snapshot.unseen = s->unseen.value_or(box.snapshot.unseen);
                box.counted = s->unseen.has_value();
                if (!box.tracked.isEmpty() && box.snapshot.unseen < unseenBefore + (box.needSync ? 1 : 0))
                    box.needRecount = true; // perhaps a reported one was read
                updateSnapshot(box);
                return true;
            },
            [this, i, remaining](const Response &r) {
                if (r.status != Status::Ok && !isTransientCode(r.code.kind)) {
                    qCWarning(lcSession).noquote()
                        << m_config.clientName << "cannot watch" << m_boxes[i].name << ":" << textOf(r);
                    m_boxes[i].broken = true;
                }
                if (--*remaining == 0)
                    runNext();
            });
    }
    if (*remaining == 0)
        runNext();
}

QByteArray ImapSession::notifyArguments() const
{
    // The selected mailbox pushes new messages with what a notification
    // needs; every watched mailbox (the primary too, for while another one
    // is selected) reports changes as STATUS.
    QByteArray args = "SET (SELECTED (MessageNew (UID FLAGS ENVELOPE INTERNALDATE) MessageExpunge FlagChange))";
    QByteArray names;
    for (const Box &b : m_boxes) {
        if (b.broken)
            continue;
        if (!names.isEmpty())
            names += ' ';
        m_connection->builder().appendString(names, m_connection->builder().encodeMailbox(b.name), nullptr);
    }
    if (m_boxes.size() > 1)
        args += " (MAILBOXES (" + names + ") (MessageNew MessageExpunge FlagChange))";
    return args;
}

void ImapSession::enterWatching()
{
    if (!m_notifySet) {
        m_phase = Phase::Busy;
        m_connection->send(m_connection->builder().notify(notifyArguments()), [this](const Response &r) {
            if (r.status != Status::Ok) {
                // Refused (too expensive, a bad mailbox): IDLE instead.
                qCInfo(lcSession).noquote()
                    << m_config.clientName << "the server refused NOTIFY:" << textOf(r) << "- using IDLE";
                m_mode = m_connection->capabilities().idle() ? Mode::Idle : Mode::Poll;
                if (m_boxes.size() > 1 && !m_toldNoNotify) {
                    m_toldNoNotify = true;
                    Q_EMIT notifyUnavailable(m_config.otherMailboxes);
                }
                runNext();
                return;
            }
            m_notifySet = true;
            runNext();
        });
        return;
    }
    if (m_connection->capabilities().idle()) {
        // Some servers (Dovecot) send NOTIFY's events only during IDLE; in
        // IDLE they send exactly what NOTIFY asked for (RFC 5465 4): the new
        // message's sender and subject with its EXISTS, no DONE needed.
        enterIdle();
        return;
    }
    m_phase = Phase::Watching;
    setState(State::Idling, tr("Waiting for new mail (NOTIFY)"));
    // No refresh is needed, but a dead link must show: a NOOP now and then.
    m_idleTimer->start(m_config.idleRefresh);
}

void ImapSession::enterIdle()
{
    m_phase = Phase::IdleStarting;
    m_leaveIdleWhenReady = false;
    if (m_boxes.size() > 1 && !m_pollTimer->isActive())
        m_pollTimer->start(m_config.pollInterval); // the other mailboxes
    m_connection->send(
        m_connection->builder().idle(),
        [this](const Response &r) {
            m_idleTimer->stop();
            m_coalesceTimer->stop();
            if (m_phase == Phase::IdleStarting && r.status != Status::Ok) {
                // IDLE refused (RFC 2177 allows NO): poll instead.
                qCInfo(lcSession) << m_config.clientName << "the server refused IDLE; polling every"
                                  << m_config.pollInterval.count() << "s";
                m_mode = Mode::Poll;
                m_idleRefused = true;
                schedulePoll();
                return;
            }
            if (r.status != Status::Ok) {
                fail(m_connection->commandError(r, tr("IDLE")));
                return;
            }
            runNext(); // a refresh goes straight back into IDLE
        },
        m_config.commandTimeout,
        [this](const Response &) {
            // '+': idling (RFC 2177).
            if (m_phase != Phase::IdleStarting)
                return;
            m_phase = Phase::Idling;
            setState(State::Idling,
                     m_mode == Mode::Notify ? tr("Waiting for new mail (NOTIFY)") : tr("Waiting for new mail (IDLE)"));
            // The answer to IDLE comes only after DONE: no timeout while idling.
            m_connection->suspendTimeout();
            if (m_leaveIdleWhenReady || anyWork()) {
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

void ImapSession::schedulePoll()
{
    m_phase = Phase::PollWait;
    setState(State::Polling,
             m_idleRefused ? tr("The server refused IDLE; checking every %n second(s)", nullptr,
                                int(m_config.pollInterval.count()))
                           : tr("Checking every %n second(s)", nullptr, int(m_config.pollInterval.count())));
    m_pollTimer->start(m_config.pollInterval);
}

void ImapSession::fail(SessionError error)
{
    const bool wasHealthy
        = m_healthySince >= 0 && m_clock->monotonicMs() - m_healthySince >= qint64(m_config.healthyAfter.count());
    m_connection->abort();
    stopTimers();
    m_healthySince = -1;
    m_selected = -1;
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

void ImapSession::markHealthy()
{
    if (m_healthySince < 0)
        m_healthySince = m_clock->monotonicMs();
}

void ImapSession::updateSnapshot(Box &box)
{
    if (!box.counted)
        return; // not meaningful before the first count
    if (box.snapshotEmitted && box.snapshot == box.emitted)
        return;
    box.emitted = box.snapshot;
    box.snapshotEmitted = true;
    Q_EMIT snapshotChanged(box.snapshot);
}

void ImapSession::flushState(Box &box)
{
    if (!box.stateDirty)
        return;
    box.stateDirty = false;
    Q_EMIT mailboxStateChanged(box.name, box.state);
}

qint64 ImapSession::arrivalOf(const imap::FetchData &fetch)
{
    if (!fetch.internalDate)
        return 0;
    const QDateTime when = imap::parseDateTime(*fetch.internalDate);
    return when.isValid() ? std::max<qint64>(0, when.toSecsSinceEpoch()) : 0;
}

bool ImapSession::isMovedIn(const Box &box, const imap::FetchData &fetch) const
{
    const qint64 arrival = arrivalOf(fetch);
    const qint64 reference = box.state.newestArrival;
    if (arrival == 0 || reference == 0 || arrival >= reference - qint64(m_config.movedInSlack.count()))
        return false;
    qCInfo(lcSession) << m_config.clientName << box.name << "UID" << fetch.uid.value_or(imap::Uid()).value()
                      << "arrived long before the newest message: moved in by someone, not new mail";
    return true;
}

MessageSummary ImapSession::summaryFrom(const Box &box, const imap::FetchData &fetch) const
{
    MessageSummary s;
    s.mailbox = box.name;
    s.uid = fetch.uid.value_or(imap::Uid());
    s.uidValidity = box.state.uidValidity;
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

} // namespace session
