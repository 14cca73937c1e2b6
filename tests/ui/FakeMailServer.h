#pragma once

// A small in-process IMAP server for the desktop tests: it answers whatever
// the sessions send (whatever their order or pipelining), keeps mailboxes
// with flags, pushes EXISTS / FETCH FLAGS to connections in IDLE, and
// records every command. It talks through session::Transport objects that
// core::Monitor gets from its transport factory, so nothing touches a
// socket. Replies are delivered from the event loop (queued), never from
// inside the client's write().
//
// It is deliberately forgiving: tests of the tray and the desktop wiring are
// about what a person sees, not about the exact conversation (the session
// tests check that with scripts).

#include "session/Transport.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QLocale>
#include <QMetaObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <memory>
#include <optional>

namespace uitest {

class FakeMailServer;

struct FakeMessage
{
    quint32 uid = 0;
    bool seen = false;
    QByteArray fromName;
    QByteArray fromAddress; // "ann@example.org"
    QByteArray subject;
    QByteArray messageId;
    QDateTime date; // UTC
};

struct FakeFolder
{
    quint32 uidValidity = 77;
    quint32 uidNext = 1;
    QList<FakeMessage> messages; // by UID, ascending
};

// One connection's server side.
class FakeConnection final : public session::Transport
{
public:
    explicit FakeConnection(FakeMailServer *server)
        : m_server(server)
    { }
    ~FakeConnection() override;

    void connectToHost(const QString &host, quint16 port, bool implicitTls, const session::TlsOptions &tls) override;
    void startTls() override
    {
        post([this] {
            m_encrypted = true;
            Q_EMIT encrypted();
        });
    }
    bool isEncrypted() const override { return m_encrypted; }
    void write(const QByteArray &bytes) override;
    QByteArray readAll() override
    {
        QByteArray out;
        out.swap(m_incoming);
        return out;
    }
    qint64 bytesAvailable() const override { return m_incoming.size(); }
    void close() override { m_open = false; }
    void abort() override { m_open = false; }
    QByteArray peerCertificateSha256() const override { return m_encrypted ? QByteArray(64, 'a') : QByteArray(); }

    bool isOpen() const { return m_open; }
    QString selected() const { return m_selected; }
    bool isIdling() const { return !m_idleTag.isEmpty(); }
    // The server pushes an untagged line: at once in IDLE, else with the next reply.
    void push(const QByteArray &line)
    {
        if (!m_open || m_selected.isEmpty())
            return;
        if (isIdling())
            send(line);
        else
            m_pending << line;
    }

private:
    template<typename F> void post(F f)
    {
        QPointer<FakeConnection> self(this);
        QMetaObject::invokeMethod(
            this,
            [self, f] {
                if (self)
                    f();
            },
            Qt::QueuedConnection);
    }
    void send(const QByteArray &line)
    {
        const QByteArray bytes = line + "\r\n";
        post([this, bytes] {
            if (!m_open)
                return;
            m_incoming += bytes;
            Q_EMIT readyRead();
        });
    }
    void flushPending()
    {
        for (const QByteArray &l : std::as_const(m_pending))
            send(l);
        m_pending.clear();
    }
    void handleLine(const QByteArray &line);
    void command(const QByteArray &tag, const QByteArray &name, const QByteArray &args);
    void authenticate(const QByteArray &tag, const QByteArray &response);
    FakeFolder *folder();
    QByteArray fetchLine(int seq, const FakeMessage &m, const QByteArray &items) const;

    FakeMailServer *m_server;
    QByteArray m_buffer;
    QByteArray m_incoming;
    QList<QByteArray> m_pending;
    QByteArray m_idleTag;
    QByteArray m_authTag; // AUTHENTICATE waiting for its continuation
    QString m_selected;
    bool m_readOnly = true;
    bool m_open = false;
    bool m_encrypted = false;
    bool m_loggedIn = false;
};

// One account's server: user, password, folders.
class FakeMailServer
{
public:
    QByteArray user = "user";
    QByteArray password = "secret";
    bool idle = true;                // advertise IDLE (else clients poll)
    bool certificateFailure = false; // connections fail with an untrusted certificate
    QHash<QString, FakeFolder> folders{{QStringLiteral("INBOX"), FakeFolder()}};
    QList<QByteArray> commands; // every command line received (tag stripped), in order
    QList<QPointer<FakeConnection>> connections;

    std::unique_ptr<session::Transport> makeTransport()
    {
        auto c = std::make_unique<FakeConnection>(this);
        connections << c.get();
        return c;
    }

    // A new message; connections that watch the folder hear EXISTS (unless
    // push is false: then only a check finds it).
    quint32 deliver(const QString &mailbox, const QByteArray &fromName, const QByteArray &subject, bool seen = false,
                    bool push = true)
    {
        FakeFolder &f = folders[mailbox];
        FakeMessage m;
        m.uid = f.uidNext++;
        m.seen = seen;
        m.fromName = fromName;
        m.fromAddress = fromName.toLower().replace(' ', '.') + "@example.org";
        m.subject = subject;
        m.messageId = "<" + QByteArray::number(m.uid) + "." + mailbox.toUtf8() + "." + user + "@example.org>";
        m.date = m_nextDate;
        m_nextDate = m_nextDate.addSecs(60);
        f.messages << m;
        for (const auto &c : std::as_const(connections))
            if (push && c && c->selected() == mailbox)
                c->push("* " + QByteArray::number(f.messages.size()) + " EXISTS");
        return m.uid;
    }

    // Flags changed by another client: connections hear FETCH FLAGS.
    void setSeen(const QString &mailbox, quint32 uid, bool seen, FakeConnection *except = nullptr)
    {
        FakeFolder &f = folders[mailbox];
        for (int i = 0; i < f.messages.size(); ++i) {
            if (f.messages[i].uid != uid)
                continue;
            f.messages[i].seen = seen;
            for (const auto &c : std::as_const(connections))
                if (c && c != except && c->selected() == mailbox)
                    c->push("* " + QByteArray::number(i + 1) + " FETCH (UID " + QByteArray::number(uid) + " FLAGS ("
                            + (seen ? "\\Seen" : "") + "))");
        }
    }

    bool isSeen(const QString &mailbox, quint32 uid) const
    {
        const FakeFolder f = folders.value(mailbox);
        for (const FakeMessage &m : f.messages)
            if (m.uid == uid)
                return m.seen;
        return false;
    }

    int idlingConnections() const
    {
        return int(std::count_if(connections.cbegin(), connections.cend(),
                                 [](const QPointer<FakeConnection> &c) { return c && c->isOpen() && c->isIdling(); }));
    }

    bool received(const QByteArray &prefix) const
    {
        return std::any_of(commands.cbegin(), commands.cend(),
                           [&prefix](const QByteArray &c) { return c.startsWith(prefix); });
    }

    QByteArray capabilities() const
    {
        return QByteArrayLiteral("IMAP4rev1 SASL-IR AUTH=PLAIN ESEARCH") + (idle ? " IDLE" : "");
    }

private:
    QDateTime m_nextDate = QDateTime::currentDateTimeUtc().addSecs(-3600);
};

// --- helpers ---------------------------------------------------------------

inline QByteArray quoted(const QByteArray &s)
{
    QByteArray out = s;
    out.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + out + '"';
}

// The i-th space-separated word of a line, and the rest from word i on.
inline QByteArray word(const QByteArray &line, int i)
{
    return line.split(' ').value(i);
}
inline QByteArray wordsFrom(const QByteArray &line, int i)
{
    const QList<QByteArray> words = line.split(' ');
    QByteArray out;
    for (int k = i; k < words.size(); ++k)
        out += (k > i ? " " : "") + words[k];
    return out;
}

// A UID or sequence set ("1:3,7,9:*") against the highest value.
inline QSet<quint32> parseSet(const QByteArray &text, quint32 highest)
{
    QSet<quint32> out;
    for (const QByteArray &part : text.split(',')) {
        const QList<QByteArray> ends = part.split(':');
        const auto value = [highest](const QByteArray &v) {
            return v == "*" ? highest : v.toUInt();
        };
        quint32 a = value(ends.value(0));
        quint32 b = ends.size() > 1 ? value(ends.value(1)) : a;
        if (a > b)
            std::swap(a, b);
        for (quint32 i = a; i <= b && i != 0 && i - a < 100000; ++i)
            out.insert(i);
    }
    return out;
}

// "1:3,5" for sorted values.
inline QByteArray formatSet(QList<quint32> values)
{
    std::sort(values.begin(), values.end());
    QByteArray out;
    for (int i = 0; i < values.size();) {
        int j = i;
        while (j + 1 < values.size() && values[j + 1] == values[j] + 1)
            ++j;
        if (!out.isEmpty())
            out += ',';
        out += QByteArray::number(values[i]);
        if (j > i)
            out += ':' + QByteArray::number(values[j]);
        i = j + 1;
    }
    return out;
}

inline FakeConnection::~FakeConnection() = default;

inline void FakeConnection::connectToHost(const QString &, quint16, bool implicitTls, const session::TlsOptions &)
{
    m_buffer.clear();
    m_incoming.clear();
    m_pending.clear();
    m_idleTag.clear();
    m_selected.clear();
    m_loggedIn = false;
    post([this, implicitTls] {
        if (m_server->certificateFailure) {
            session::TransportError e;
            e.kind = session::TransportError::Kind::Certificate;
            e.message = QStringLiteral("The certificate is self-signed, and untrusted");
            e.certificateSha256 = QByteArray(64, 'b');
            Q_EMIT errorOccurred(e);
            return;
        }
        m_open = true;
        m_encrypted = implicitTls;
        Q_EMIT ready();
        send("* OK [CAPABILITY " + m_server->capabilities() + "] fake ready");
    });
}

inline void FakeConnection::write(const QByteArray &bytes)
{
    if (!m_open)
        return;
    m_buffer += bytes;
    qsizetype nl;
    while ((nl = m_buffer.indexOf("\r\n")) >= 0) {
        const QByteArray line = m_buffer.left(nl);
        m_buffer.remove(0, nl + 2);
        handleLine(line);
    }
}

inline FakeFolder *FakeConnection::folder()
{
    auto it = m_server->folders.find(m_selected);
    return it == m_server->folders.end() ? nullptr : &it.value();
}

inline void FakeConnection::handleLine(const QByteArray &line)
{
    if (!m_idleTag.isEmpty()) {
        if (line.trimmed().toUpper() == "DONE") {
            const QByteArray tag = m_idleTag;
            m_idleTag.clear();
            send(tag + " OK IDLE done");
        }
        return;
    }
    if (!m_authTag.isEmpty()) {
        const QByteArray tag = m_authTag;
        m_authTag.clear();
        authenticate(tag, line.trimmed());
        return;
    }
    const int sp = line.indexOf(' ');
    if (sp <= 0)
        return;
    const QByteArray tag = line.left(sp);
    QByteArray rest = line.mid(sp + 1);
    QByteArray name = word(rest, 0).toUpper();
    QByteArray args = wordsFrom(rest, 1);
    if (name == "UID") {
        name = "UID " + word(args, 0).toUpper();
        args = wordsFrom(args, 1);
    }
    m_server->commands << (name == "AUTHENTICATE" || name == "LOGIN" ? name : name + ' ' + args);
    command(tag, name, args);
}

inline void FakeConnection::authenticate(const QByteArray &tag, const QByteArray &response)
{
    const QList<QByteArray> parts = QByteArray::fromBase64(response).split('\0');
    if (parts.size() == 3 && parts[1] == m_server->user && parts[2] == m_server->password) {
        m_loggedIn = true;
        send(tag + " OK [CAPABILITY " + m_server->capabilities() + "] Logged in");
    } else {
        send(tag + " NO [AUTHENTICATIONFAILED] Authentication failed.");
    }
}

inline QByteArray FakeConnection::fetchLine(int seq, const FakeMessage &m, const QByteArray &items) const
{
    const QByteArray upper = items.toUpper();
    QByteArray out = "* " + QByteArray::number(seq) + " FETCH (UID " + QByteArray::number(m.uid);
    if (upper.contains("FLAGS"))
        out += QByteArray(" FLAGS (") + (m.seen ? "\\Seen" : "") + ")";
    if (upper.contains("INTERNALDATE"))
        out += " INTERNALDATE "
            + quoted(QLocale::c().toString(m.date, QStringLiteral("dd-MMM-yyyy HH:mm:ss")).toLatin1() + " +0000");
    if (upper.contains("ENVELOPE")) {
        const QByteArray date
            = QLocale::c().toString(m.date, QStringLiteral("ddd, d MMM yyyy HH:mm:ss")).toLatin1() + " +0000";
        const QByteArray local = m.fromAddress.split('@').value(0);
        const QByteArray domain = m.fromAddress.split('@').value(1);
        const QByteArray from = "((" + quoted(m.fromName) + " NIL " + quoted(local) + " " + quoted(domain) + "))";
        out += " ENVELOPE (" + quoted(date) + " " + quoted(m.subject) + " " + from + " " + from + " " + from
            + " NIL NIL NIL NIL " + quoted(m.messageId) + ")";
    }
    return out + ")";
}

inline void FakeConnection::command(const QByteArray &tag, const QByteArray &name, const QByteArray &args)
{
    const auto ok = [this, &tag](const QByteArray &text = "done") {
        flushPending();
        send(tag + " OK " + text);
    };
    if (name == "CAPABILITY") {
        send("* CAPABILITY " + m_server->capabilities());
        ok();
    } else if (name == "AUTHENTICATE") {
        const QByteArray initial = word(args, 1);
        if (initial.isEmpty()) {
            m_authTag = tag;
            send("+ ");
        } else {
            authenticate(tag, initial);
        }
    } else if (name == "LOGIN") {
        const QList<QByteArray> a = args.split(' ');
        const auto unq = [](QByteArray s) {
            return s.startsWith('"') ? s.mid(1, s.size() - 2) : s;
        };
        if (a.size() == 2 && unq(a[0]) == m_server->user && unq(a[1]) == m_server->password) {
            m_loggedIn = true;
            ok("Logged in");
        } else {
            send(tag + " NO [AUTHENTICATIONFAILED] Authentication failed.");
        }
    } else if (name == "EXAMINE" || name == "SELECT") {
        QByteArray box = word(args, 0);
        if (box.startsWith('"'))
            box = box.mid(1, box.size() - 2);
        m_selected = QString::fromUtf8(box);
        m_readOnly = name == "EXAMINE";
        m_pending.clear();
        const FakeFolder *f = folder();
        if (!f) {
            m_selected.clear();
            send(tag + " NO [NONEXISTENT] Mailbox doesn't exist");
            return;
        }
        send("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)");
        send("* " + QByteArray::number(f->messages.size()) + " EXISTS");
        send("* OK [UIDVALIDITY " + QByteArray::number(f->uidValidity) + "] UIDs valid");
        send("* OK [UIDNEXT " + QByteArray::number(f->uidNext) + "] Predicted next UID");
        ok(m_readOnly ? "[READ-ONLY] Examined" : "[READ-WRITE] Selected");
    } else if (name == "UID FETCH" || name == "FETCH") {
        const FakeFolder *f = folder();
        if (!f) {
            send(tag + " BAD No mailbox selected");
            return;
        }
        const QByteArray set = word(args, 0);
        const QByteArray items = wordsFrom(args, 1);
        const bool byUid = name == "UID FETCH";
        const quint32 highest = f->messages.isEmpty() ? 0 : (byUid ? f->messages.last().uid : f->messages.size());
        const QSet<quint32> wanted = parseSet(set, highest);
        for (int i = 0; i < f->messages.size(); ++i) {
            const FakeMessage &m = f->messages[i];
            if (wanted.contains(byUid ? m.uid : quint32(i + 1)))
                send(fetchLine(i + 1, m, items));
        }
        ok();
    } else if (name == "UID SEARCH" || name == "SEARCH") {
        const FakeFolder *f = folder();
        if (!f) {
            send(tag + " BAD No mailbox selected");
            return;
        }
        QByteArray criteria = args;
        QByteArray returns;
        const bool extended = criteria.toUpper().startsWith("RETURN");
        if (extended) {
            const int open = criteria.indexOf('(');
            const int close = criteria.indexOf(')');
            returns = criteria.mid(open + 1, close - open - 1).toUpper();
            criteria = criteria.mid(close + 1).trimmed();
        }
        const QList<QByteArray> keys = criteria.split(' ');
        const quint32 highestUid = f->messages.isEmpty() ? 0 : f->messages.last().uid;
        QList<quint32> hits;
        for (int i = 0; i < f->messages.size(); ++i) {
            const FakeMessage &m = f->messages[i];
            bool match = true;
            for (int k = 0; k < keys.size(); ++k) {
                const QByteArray key = keys[k].toUpper();
                if (key == "UNSEEN")
                    match = match && !m.seen;
                else if (key == "SEEN")
                    match = match && m.seen;
                else if (key == "UID" && k + 1 < keys.size())
                    match = match && parseSet(keys[++k], highestUid).contains(m.uid);
            }
            if (match)
                hits << (name == "UID SEARCH" ? m.uid : quint32(i + 1));
        }
        const QByteArray uidWord = name == "UID SEARCH" ? " UID" : "";
        if (extended) {
            QByteArray line = "* ESEARCH (TAG " + quoted(tag) + ")" + uidWord;
            if (returns.contains("COUNT"))
                line += " COUNT " + QByteArray::number(hits.size());
            if ((returns.isEmpty() || returns.contains("ALL")) && !hits.isEmpty())
                line += " ALL " + formatSet(hits);
            if (returns.contains("MIN") && !hits.isEmpty())
                line += " MIN " + QByteArray::number(*std::min_element(hits.cbegin(), hits.cend()));
            if (returns.contains("MAX") && !hits.isEmpty())
                line += " MAX " + QByteArray::number(*std::max_element(hits.cbegin(), hits.cend()));
            send(line);
        } else {
            QByteArray line = "* SEARCH";
            for (quint32 h : std::as_const(hits))
                line += ' ' + QByteArray::number(h);
            send(line);
        }
        ok();
    } else if (name == "UID STORE") {
        FakeFolder *f = folder();
        if (!f || m_readOnly) {
            send(tag + " NO Mailbox is read-only");
            return;
        }
        const QByteArray set = word(args, 0);
        const QByteArray op = word(args, 1).toUpper();
        const QByteArray flags = wordsFrom(args, 2).toUpper();
        const QSet<quint32> uids = parseSet(set, f->messages.isEmpty() ? 0 : f->messages.last().uid);
        const QString box = m_selected;
        for (const FakeMessage &m : std::as_const(f->messages)) {
            if (uids.contains(m.uid) && flags.contains("\\SEEN")) {
                const bool seen = !op.startsWith('-');
                m_server->setSeen(box, m.uid, seen, this);
            }
        }
        ok();
    } else if (name == "STATUS") {
        QByteArray box = word(args, 0);
        if (box.startsWith('"'))
            box = box.mid(1, box.size() - 2);
        const FakeFolder f = m_server->folders.value(QString::fromUtf8(box));
        const int unseen
            = int(std::count_if(f.messages.cbegin(), f.messages.cend(), [](const FakeMessage &m) { return !m.seen; }));
        send("* STATUS " + quoted(box) + " (MESSAGES " + QByteArray::number(f.messages.size()) + " UIDNEXT "
             + QByteArray::number(f.uidNext) + " UIDVALIDITY " + QByteArray::number(f.uidValidity) + " UNSEEN "
             + QByteArray::number(unseen) + ")");
        ok();
    } else if (name == "IDLE") {
        if (!m_server->idle) {
            send(tag + " BAD Unknown command");
            return;
        }
        m_idleTag = tag;
        send("+ idling");
        flushPending();
    } else if (name == "NOOP" || name == "CHECK" || name == "ENABLE" || name == "ID") {
        ok();
    } else if (name == "CLOSE" || name == "UNSELECT") {
        m_selected.clear();
        ok();
    } else if (name == "LOGOUT") {
        send("* BYE Logging out");
        ok();
    } else {
        send(tag + " BAD Unknown command");
    }
}

} // namespace uitest
