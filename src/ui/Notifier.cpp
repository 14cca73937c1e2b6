#include "ui/Notifier.h"

#include "session/Clock.h"
#include "ui/Logging.h"
#include "ui/Sanitize.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>
#include <QSet>
#include <QSystemTrayIcon>

#include <algorithm>

namespace ui {
namespace {

constexpr int CapabilitiesTimeoutMs = 5000;
constexpr int NotifyTimeoutMs = 10000;
constexpr int FallbackBalloonMs = 10000;
// Lines of "sender: subject" in a grouped notification's body.
constexpr int GroupLines = 3;
constexpr int GroupLineLength = 90;
constexpr int GroupSenderLength = 40;
constexpr int MaxEarlySignals = 64;

const QString DefaultAction = QStringLiteral("default");
const QString MarkReadAction = QStringLiteral("mark-read");

QString closeReasonName(uint reason)
{
    switch (reason) {
    case 1:
        return QStringLiteral("expired");
    case 2:
        return QStringLiteral("dismissed");
    case 3:
        return QStringLiteral("closed by call");
    default:
        return QStringLiteral("undefined (%1)").arg(reason);
    }
}

bool sameMessage(const session::MessageSummary &a, const session::MessageSummary &b)
{
    return a.uid == b.uid && a.mailbox == b.mailbox && a.uidValidity == b.uidValidity;
}

} // namespace

// One notification as we know it: what it shows and where it is on the server.
struct Notifier::Entry
{
    quint64 key = 0;
    QString accountId;
    QString accountName;
    bool grouped = false;
    QList<session::MessageSummary> messages; // what it is about (a single: exactly one)
    int omitted = 0;                         // more messages, known only by number (groups)
    quint32 id = 0;                          // the server's id, 0 until Notify returned it
    bool inFlight = false;                   // a Notify waits for its reply
    bool dirty = true;                       // changed since the last Notify
    bool closing = false;                    // to be closed, then forgotten
    bool inWindow = true;                    // part of the account's current burst
    bool sent = false;                       // a Notify went out at least once

    int count() const { return int(messages.size()) + omitted; }
};

Notifier::Notifier(QObject *parent)
    : Notifier(QDBusConnection::sessionBus(), nullptr, parent)
{ }

Notifier::Notifier(const QDBusConnection &bus, session::Clock *clock, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
    , m_clock(clock ? clock : session::systemClock())
{
    if (m_bus.isConnected()) {
        m_watcher = new QDBusServiceWatcher(serviceName(), m_bus, QDBusServiceWatcher::WatchForOwnerChange, this);
        connect(m_watcher, &QDBusServiceWatcher::serviceOwnerChanged, this, &Notifier::onServiceOwnerChanged);
        m_bus.connect(serviceName(), objectPath(), interfaceName(), QStringLiteral("ActionInvoked"), this,
                      SLOT(onActionInvoked(uint, QString)));
        m_bus.connect(serviceName(), objectPath(), interfaceName(), QStringLiteral("NotificationClosed"), this,
                      SLOT(onNotificationClosed(uint, uint)));
    }
    queryCapabilities();
}

Notifier::~Notifier() = default;

QString Notifier::serviceName()
{
    return QStringLiteral("org.freedesktop.Notifications");
}

QString Notifier::objectPath()
{
    return QStringLiteral("/org/freedesktop/Notifications");
}

QString Notifier::interfaceName()
{
    return QStringLiteral("org.freedesktop.Notifications");
}

void Notifier::setHideContent(bool hide)
{
    m_hideContent = hide;
}

void Notifier::setEnabled(bool enabled)
{
    m_enabled = enabled;
}

void Notifier::setGroupThreshold(int messages)
{
    m_groupThreshold = std::max(1, messages);
}

void Notifier::setGroupWindow(std::chrono::milliseconds window)
{
    m_groupWindow = std::max(std::chrono::milliseconds(0), window);
}

void Notifier::setFallbackTrayIcon(QSystemTrayIcon *tray)
{
    if (m_tray)
        disconnect(m_tray, nullptr, this, nullptr);
    m_tray = tray;
    if (m_tray) {
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (!m_lastFallbackAccount.isEmpty())
                Q_EMIT openRequested(m_lastFallbackAccount);
        });
    }
}

// --- The service ------------------------------------------------------------

void Notifier::queryCapabilities()
{
    const quint64 generation = ++m_capabilitiesGeneration;
    if (!m_bus.isConnected()) {
        qCInfo(lcUi) << "no D-Bus connection: notifications use the fallback";
        setState(ServiceState::Unavailable);
        flushAll();
        return;
    }
    setState(ServiceState::Querying);
    const QDBusMessage call = QDBusMessage::createMethodCall(serviceName(), objectPath(), interfaceName(),
                                                             QStringLiteral("GetCapabilities"));
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, CapabilitiesTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, generation](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        if (generation == m_capabilitiesGeneration)
            onCapabilities(w);
    });
}

void Notifier::onCapabilities(QDBusPendingCallWatcher *watcher)
{
    const QDBusPendingReply<QStringList> reply = *watcher;
    if (reply.isError()) {
        qCInfo(lcUi).noquote() << "no notification service:" << reply.error().name() << reply.error().message()
                               << "- notifications use the fallback";
        m_capabilities.clear();
        setState(ServiceState::Unavailable);
    } else {
        m_capabilities = reply.value();
        qCDebug(lcUi) << "notification service capabilities:" << m_capabilities;
        setState(ServiceState::Available);
    }
    flushAll();
}

void Notifier::onServiceOwnerChanged(const QString &, const QString &oldOwner, const QString &newOwner)
{
    qCDebug(lcUi) << "notification service owner changed from" << oldOwner << "to" << newOwner;
    forgetServerIds();
    if (newOwner.isEmpty()) {
        ++m_capabilitiesGeneration; // a reply still on its way is stale
        m_capabilities.clear();
        setState(ServiceState::Unknown); // asked again on the next notification (it may be activatable)
    } else {
        queryCapabilities();
    }
}

void Notifier::setState(ServiceState state)
{
    if (m_state == state)
        return;
    m_state = state;
    if (state == ServiceState::Available || state == ServiceState::Unavailable)
        Q_EMIT serviceStateChanged(state);
}

// The server that showed our notifications is gone, and so are they. What
// was never sent stays queued for the next one.
void Notifier::forgetServerIds()
{
    m_keyById.clear();
    m_early.clear();
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->second->sent)
            it = m_entries.erase(it);
        else
            ++it;
    }
}

// --- New mail, withdrawals --------------------------------------------------

void Notifier::showNewMail(const QString &accountId, const QString &accountName,
                           const QList<session::MessageSummary> &messages, int omitted)
{
    if (!m_enabled)
        return;
    omitted = std::max(0, omitted);

    // The same message twice (a repeated report) is shown once.
    QList<session::MessageSummary> fresh;
    for (const session::MessageSummary &m : messages) {
        const auto known = [&m](const session::MessageSummary &o) {
            return sameMessage(m, o);
        };
        bool seen = std::any_of(fresh.cbegin(), fresh.cend(), known);
        for (auto it = m_entries.cbegin(); !seen && it != m_entries.cend(); ++it) {
            const Entry &e = *it->second;
            seen = e.accountId == accountId && !e.closing && std::any_of(e.messages.cbegin(), e.messages.cend(), known);
        }
        if (!seen)
            fresh.append(m);
    }
    if (fresh.isEmpty() && omitted == 0)
        return;

    // What this account showed within the current window.
    QList<quint64> window;
    int windowCount = 0;
    for (const auto &[key, e] : m_entries) {
        if (e->accountId == accountId && e->inWindow && !e->closing) {
            window.append(key);
            windowCount += e->count();
        }
    }

    const int total = windowCount + int(fresh.size()) + omitted;
    if (total > m_groupThreshold || omitted > 0) {
        // One group: the window's group if there is one, else the oldest
        // notification of the window becomes it (replaced in place), else a
        // new one. Everything else of the window folds into it.
        quint64 groupKey = 0;
        for (quint64 key : std::as_const(window)) {
            if (entry(key)->grouped) {
                groupKey = key;
                break;
            }
        }
        if (groupKey == 0 && !window.isEmpty())
            groupKey = window.first();
        if (groupKey == 0)
            groupKey = addEntry(accountId, accountName, true);
        Entry *group = entry(groupKey);
        group->grouped = true;
        group->accountName = accountName;
        for (quint64 key : std::as_const(window)) {
            if (key == groupKey)
                continue;
            Entry *other = entry(key);
            group->messages += other->messages;
            group->omitted += other->omitted;
            other->messages.clear();
            other->omitted = 0;
            other->closing = true;
        }
        group->messages += fresh;
        group->omitted += omitted;
        group->dirty = true;
    } else {
        for (const session::MessageSummary &m : std::as_const(fresh)) {
            const quint64 key = addEntry(accountId, accountName, false);
            entry(key)->messages = {m};
        }
    }
    restartWindow(accountId);

    if (m_state == ServiceState::Unknown)
        queryCapabilities(); // flushes when the answer comes
    else
        flushAll();
}

void Notifier::withdraw(const QString &accountId, const QString &mailbox, const QList<imap::Uid> &uids)
{
    if (uids.isEmpty())
        return;
    QSet<quint32> gone;
    for (imap::Uid uid : uids)
        gone.insert(uid.value());

    QList<quint64> touched;
    for (const auto &[key, e] : m_entries) {
        if (e->accountId != accountId || e->closing)
            continue;
        const qsizetype before = e->messages.size();
        e->messages.removeIf(
            [&](const session::MessageSummary &m) { return m.mailbox == mailbox && gone.contains(m.uid.value()); });
        if (e->messages.size() == before)
            continue;
        touched.append(key);
        if (e->messages.isEmpty()) {
            // Omitted messages cannot be withdrawn one by one; once every
            // message the group names was read elsewhere, it goes too.
            e->closing = true;
        } else {
            if (e->grouped && e->messages.size() == 1 && e->omitted == 0)
                e->grouped = false; // back to sender and subject
            e->dirty = true;
        }
    }
    for (quint64 key : std::as_const(touched))
        flush(key);
}

void Notifier::restartWindow(const QString &accountId)
{
    if (m_groupWindow.count() <= 0) {
        windowExpired(accountId);
        return;
    }
    session::Timer *&timer = m_windows[accountId];
    if (!timer) {
        timer = m_clock->createTimer(this);
        connect(timer, &session::Timer::timeout, this, [this, accountId] { windowExpired(accountId); });
    }
    timer->start(m_groupWindow);
}

void Notifier::windowExpired(const QString &accountId)
{
    for (const auto &[key, e] : m_entries) {
        if (e->accountId == accountId)
            e->inWindow = false;
    }
}

// --- Entries and their notifications ----------------------------------------

quint64 Notifier::addEntry(const QString &accountId, const QString &accountName, bool grouped)
{
    auto e = std::make_unique<Entry>();
    e->key = m_nextKey++;
    e->accountId = accountId;
    e->accountName = accountName;
    e->grouped = grouped;
    const quint64 key = e->key;
    m_entries.emplace(key, std::move(e));
    return key;
}

Notifier::Entry *Notifier::entry(quint64 key)
{
    const auto it = m_entries.find(key);
    return it == m_entries.end() ? nullptr : it->second.get();
}

void Notifier::removeEntry(quint64 key)
{
    const auto it = m_entries.find(key);
    if (it == m_entries.end())
        return;
    if (it->second->id != 0 && m_keyById.value(it->second->id) == key)
        m_keyById.remove(it->second->id);
    m_entries.erase(it);
}

// Brings one notification on the server in line with its entry.
void Notifier::flush(quint64 key)
{
    if (m_state != ServiceState::Available) {
        if (m_state == ServiceState::Unavailable)
            flushAll();
        return; // Unknown / Querying: flushed once the capabilities are known
    }
    Entry *e = entry(key);
    if (!e || e->inFlight)
        return; // the reply flushes again
    if (e->closing) {
        if (e->id != 0)
            sendClose(e->id);
        removeEntry(key);
        return;
    }
    if (e->dirty)
        sendNotify(*e);
}

void Notifier::flushAll()
{
    if (m_state == ServiceState::Available) {
        QList<quint64> keys;
        for (const auto &[key, e] : m_entries)
            keys.append(key);
        for (quint64 key : std::as_const(keys))
            flush(key);
        return;
    }
    if (m_state != ServiceState::Unavailable)
        return;

    // No service: one balloon per account for whatever waits (a balloon
    // cannot be replaced or withdrawn, so nothing is kept).
    QStringList accounts;
    QHash<QString, QList<const Entry *>> waiting;
    for (const auto &[key, e] : m_entries) {
        if (e->closing || e->count() == 0)
            continue;
        if (!waiting.contains(e->accountId))
            accounts.append(e->accountId);
        waiting[e->accountId].append(e.get());
    }
    for (const QString &account : std::as_const(accounts)) {
        const QList<const Entry *> &list = waiting[account];
        if (list.size() == 1) {
            showFallback(*list.first());
            continue;
        }
        Entry merged;
        merged.accountId = account;
        merged.accountName = list.last()->accountName;
        merged.grouped = true;
        for (const Entry *e : list) {
            merged.messages += e->messages;
            merged.omitted += e->omitted;
        }
        showFallback(merged);
    }
    m_entries.clear();
    m_keyById.clear();
}

void Notifier::sendNotify(Entry &e)
{
    const bool actions = m_capabilities.contains(QStringLiteral("actions"));
    const bool markup = m_capabilities.contains(QStringLiteral("body-markup"));

    QStringList actionList;
    if (actions) {
        actionList << DefaultAction << tr("Open");
        if (!e.messages.isEmpty())
            actionList << MarkReadAction << tr("Mark as read");
    }
    const QVariantMap hints{
        {QStringLiteral("desktop-entry"), QStringLiteral("io.github.idlebell.Idlebell")},
        {QStringLiteral("category"), QStringLiteral("email.arrived")},
        {QStringLiteral("urgency"), QVariant::fromValue<uchar>(1)}, // normal
    };
    const QString body = bodyFor(e);

    QDBusMessage call
        = QDBusMessage::createMethodCall(serviceName(), objectPath(), interfaceName(), QStringLiteral("Notify"));
    call << QStringLiteral("Idlebell") << uint(e.id) << QStringLiteral("idlebell") << summaryFor(e)
         << (markup ? escapeMarkup(body) : body) << actionList << hints << int(-1);

    e.inFlight = true;
    e.dirty = false;
    e.sent = true;
    ++m_notifiesInFlight;
    const quint64 key = e.key;
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, NotifyTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, key](QDBusPendingCallWatcher *w) { onNotifyReply(key, w); });
}

void Notifier::sendClose(quint32 id)
{
    QDBusMessage call = QDBusMessage::createMethodCall(serviceName(), objectPath(), interfaceName(),
                                                       QStringLiteral("CloseNotification"));
    call << uint(id);
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call, NotifyTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        if (w->isError()) // e.g. already closed: nothing to do
            qCDebug(lcUi) << "CloseNotification failed:" << w->error().message();
    });
}

void Notifier::onNotifyReply(quint64 key, QDBusPendingCallWatcher *watcher)
{
    watcher->deleteLater();
    const QDBusPendingReply<uint> reply = *watcher;
    m_notifiesInFlight = std::max(0, m_notifiesInFlight - 1);
    Entry *e = entry(key);
    if (!e) { // forgotten meanwhile (the service went away)
        if (m_notifiesInFlight == 0)
            m_early.clear();
        return;
    }
    e->inFlight = false;

    if (reply.isError()) {
        qCWarning(lcUi).noquote() << "Notify failed:" << reply.error().name() << reply.error().message();
        const bool gone = reply.error().type() == QDBusError::ServiceUnknown
            || reply.error().type() == QDBusError::Disconnected || reply.error().type() == QDBusError::NoReply;
        const Entry copy = *e;
        removeEntry(key);
        if (gone && !copy.closing)
            showFallback(copy); // shown somewhere rather than lost
        return;
    }

    const quint32 id = reply.value();
    if (e->id != id) {
        if (e->id != 0 && m_keyById.value(e->id) == key)
            m_keyById.remove(e->id);
        e->id = id;
    }
    if (id != 0) {
        const quint64 previous = m_keyById.value(id);
        if (previous != 0 && previous != key) {
            if (Entry *stale = entry(previous))
                stale->id = 0; // the server reused the id: the old one is gone
        }
        m_keyById.insert(id, key);
    }

    // Signals about this id that overtook the reply, in the order they came.
    QList<EarlySignal> early;
    for (auto it = m_early.begin(); it != m_early.end();) {
        if (it->id == id) {
            early.append(*it);
            it = m_early.erase(it);
        } else {
            ++it;
        }
    }
    if (m_notifiesInFlight == 0)
        m_early.clear(); // nobody else can claim them
    for (const EarlySignal &signal : std::as_const(early)) {
        if (signal.closed)
            onNotificationClosed(signal.id, signal.reason);
        else
            onActionInvoked(signal.id, signal.actionKey);
    }

    if (entry(key))
        flush(key); // closes it if it was withdrawn meanwhile, or sends the newer content
}

// A signal for an id we do not know yet may belong to a notification whose
// Notify reply has not been handled: the bus delivers the reply first, but
// QtDBus may hand us the signal first. Kept until the replies are in.
bool Notifier::keepEarly(const EarlySignal &signal)
{
    if (m_notifiesInFlight == 0)
        return false;
    if (m_early.size() >= MaxEarlySignals)
        m_early.removeFirst();
    m_early.append(signal);
    return true;
}

void Notifier::onActionInvoked(uint id, const QString &actionKey)
{
    const auto it = m_keyById.constFind(id);
    if (it == m_keyById.cend()) {
        keepEarly({id, false, actionKey, 0}); // else not ours
        return;
    }
    const quint64 key = it.value();
    Entry *e = entry(key);
    if (!e)
        return;
    qCDebug(lcUi) << "action" << actionKey << "on notification" << id;
    const QString accountId = e->accountId;

    if (actionKey == DefaultAction) {
        Q_EMIT openRequested(accountId);
        return;
    }
    if (actionKey != MarkReadAction)
        return;

    // One request per mailbox (and UIDVALIDITY), in the order they came.
    struct Batch
    {
        QString mailbox;
        quint32 uidValidity;
        QList<imap::Uid> uids;
    };
    QList<Batch> batches;
    for (const session::MessageSummary &m : std::as_const(e->messages)) {
        auto b = std::find_if(batches.begin(), batches.end(), [&m](const Batch &x) {
            return x.mailbox == m.mailbox && x.uidValidity == m.uidValidity;
        });
        if (b == batches.end())
            batches.append({m.mailbox, m.uidValidity, {m.uid}});
        else
            b->uids.append(m.uid);
    }
    // The messages are being marked: the notification has done its job.
    e->closing = true;
    flush(key);
    for (const Batch &b : std::as_const(batches))
        Q_EMIT markReadRequested(accountId, b.mailbox, b.uidValidity, b.uids);
}

void Notifier::onNotificationClosed(uint id, uint reason)
{
    const auto it = m_keyById.find(id);
    if (it == m_keyById.end()) {
        keepEarly({id, true, QString(), reason}); // else not ours, or already forgotten
        return;
    }
    const quint64 key = it.value();
    m_keyById.erase(it);
    qCDebug(lcUi) << "notification" << id << "closed:" << closeReasonName(reason);
    Entry *e = entry(key);
    if (!e)
        return;
    if (e->inFlight) {
        // A replacement is on its way; the server will show it as a new
        // notification and tell us its id.
        e->id = 0;
        return;
    }
    removeEntry(key);
}

// --- Fallback ---------------------------------------------------------------

void Notifier::showFallback(const Entry &e)
{
    const QString summary = summaryFor(e);
    const QString body = bodyFor(e);
    if (m_tray) {
        m_lastFallbackAccount = e.accountId;
        m_tray->showMessage(summary, body, QSystemTrayIcon::Information, FallbackBalloonMs);
        Q_EMIT fallbackShown(e.accountId, summary, body, true);
        return;
    }
    if (!m_loggedNoFallback) {
        m_loggedNoFallback = true;
        qCWarning(lcUi) << "no notification service and no tray icon: new mail notifications are not shown";
    }
    Q_EMIT fallbackShown(e.accountId, summary, body, false);
}

// --- Text -------------------------------------------------------------------

QString Notifier::senderOf(const session::MessageSummary &m) const
{
    QString sender = sanitizeLine(m.fromName, 0);
    if (sender.isEmpty())
        sender = sanitizeLine(m.fromAddress, 0);
    return sender.isEmpty() ? tr("Unknown sender") : sender;
}

QString Notifier::subjectOf(const session::MessageSummary &m) const
{
    const QString subject = sanitizeLine(m.subject, 0);
    return subject.isEmpty() ? tr("(no subject)") : subject;
}

QString Notifier::summaryFor(const Entry &e) const
{
    const QString account = sanitizeLine(e.accountName, 0);
    const int n = e.count();
    // The source texts are English plurals; translations give every
    // language its own forms (%n), and the singular has its own text so
    // that English reads right without a translation loaded.
    if (m_hideContent) {
        if (!e.grouped || n == 1)
            return tr("New message");
        return tr("%n new messages", nullptr, n);
    }
    if (!e.grouped && !e.messages.isEmpty())
        return elide(senderOf(e.messages.first()), MaxSummaryLength);
    if (account.isEmpty())
        return n == 1 ? tr("New message") : tr("%n new messages", nullptr, n);
    return elide(n == 1 ? tr("1 new message in %1").arg(account) : tr("%n new messages in %1", nullptr, n).arg(account),
                 MaxSummaryLength);
}

QString Notifier::bodyFor(const Entry &e) const
{
    if (m_hideContent)
        return sanitizeLine(e.accountName, MaxBodyLength);
    if (!e.grouped && !e.messages.isEmpty())
        return elide(subjectOf(e.messages.first()), MaxBodyLength);

    QStringList lines;
    const int shown = std::min<int>(GroupLines, int(e.messages.size()));
    for (int i = 0; i < shown; ++i) {
        const session::MessageSummary &m = e.messages.at(i);
        lines << elide(tr("%1: %2").arg(elide(senderOf(m), GroupSenderLength), subjectOf(m)), GroupLineLength);
    }
    if (e.count() > shown && shown > 0)
        lines << tr("and %n more", nullptr, e.count() - shown);
    return elide(lines.join(QLatin1Char('\n')), MaxBodyLength);
}

} // namespace ui
