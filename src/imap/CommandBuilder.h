#pragma once

#include "imap/Capabilities.h"
#include "imap/Types.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QList>
#include <QString>

namespace imap {

// One command, ready to send. A command that carries a synchronizing literal
// is split into chunks: chunk 0 is sent at once; each following chunk only
// after the server's continuation request ("+ ..."). With LITERAL+ (or
// LITERAL- for small literals) everything is one chunk.
struct Command
{
    QByteArray tag;        // e.g. "A7"; empty for DONE
    QByteArray name;       // e.g. "LOGIN", "UID FETCH", "DONE"
    QByteArrayList chunks; // the wire bytes, each chunk ending in CRLF or in "}\r\n"
    // The same bytes for logs and traces, with credentials replaced by
    // "<redacted>". Never log `chunks` of a command whose isSensitive is true.
    QByteArray redacted;
    bool sensitive = false;

    QByteArray wire() const { return chunks.join(); }
};

// Builds commands with fresh tags; chooses atom, quoted string or literal for
// every string argument; encodes mailbox names (modified UTF-7, or UTF-8 with
// UTF8=ACCEPT enabled). Pure: no I/O.
//
// String arguments (QString parameters) are always safe: a value with CR, LF
// or NUL goes as a literal. Pre-formatted QByteArray arguments (criteria,
// items, flags, extra, returnOptions, raw arguments, ...) are sanitised so
// that they can never end the command line or start another one:
//  - every CR, LF and NUL becomes a space, except inside a complete literal
//    ("{n}\r\n" or "{n+}\r\n" plus its n bytes, e.g. from appendString())
//    in criteria, fetch items, NOTIFY and raw() arguments, which is kept
//    (its announcement re-chosen for the server's LITERAL+/LITERAL-);
//  - a trailing "{n}" / "{n+}", which the final CRLF would turn into a
//    literal announcement, loses its closing brace;
//  - leading and trailing white space is dropped.
// The result may be a command the server rejects (BAD), never two commands.
//
// `redacted` equals the wire bytes, except: LOGIN shows "<redacted>" for the
// password, AUTHENTICATE for the SASL response, and APPEND shows the literal
// announcement followed by " <n bytes>" instead of the message.
class CommandBuilder
{
public:
    explicit CommandBuilder(QByteArray tagPrefix = "A");

    // LITERAL+, LITERAL-, IMAP4rev2 and UTF8=ACCEPT matter here.
    void setCapabilities(const Capabilities &caps) { m_caps = caps; }
    void setUtf8Enabled(bool enabled) { m_utf8 = enabled; } // after ENABLE UTF8=ACCEPT
    const Capabilities &capabilities() const { return m_caps; }

    // Tags are prefix + counter: "A1", "A2", ... Restart at 1 with resetTags().
    QByteArray nextTag();
    void resetTags() { m_counter = 0; }

    Command capability();
    Command noop();
    Command logout();
    Command startTls();
    Command login(const QString &user, const QString &password);
    // SASL PLAIN (RFC 4616), base64 of "\0user\0password" in UTF-8 (a NUL
    // inside user or password is sent as is; the server will refuse it).
    // With SASL-IR the initial response is on the command line (one chunk);
    // otherwise the command is two chunks: "AUTHENTICATE PLAIN" then the
    // response after "+".
    Command authenticatePlain(const QString &user, const QString &password);
    Command enable(const QByteArrayList &capabilities);
    Command examine(const QString &mailbox, const QByteArray &extra = {}); // extra: e.g. "(CONDSTORE)"
    Command select(const QString &mailbox, const QByteArray &extra = {});
    Command close();
    Command unselect();
    // reference and pattern are mailbox names (INBOX rules, modified UTF-7);
    // a pattern with wildcards goes quoted ("*"). returnOptions may be given
    // as "(A B)", "A B" or "RETURN (A B)"; all give "RETURN (A B)".
    Command list(const QString &reference, const QString &pattern, const QByteArray &returnOptions = {});
    Command status(const QString &mailbox, const QByteArrayList &items);
    Command idle();
    // "DONE\r\n": not a tagged command; ends IDLE.
    static QByteArray done();
    // criteria is sent as given (built by the caller from atoms / numbers, or
    // strings through appendString()); empty criteria mean "ALL".
    // returnOptions as for list(): "UID SEARCH RETURN (MIN MAX) criteria".
    Command uidSearch(const QByteArray &criteria, const QByteArray &returnOptions = {});
    Command uidFetch(const QByteArray &uidSet, const QByteArray &items);
    Command uidStore(const QByteArray &uidSet, const QByteArray &action, const QByteArray &flags);
    // The message always goes as a literal; flags without parentheses get them.
    Command append(const QString &mailbox, const QByteArray &flags, const QByteArray &message);
    Command notify(const QByteArray &arguments);
    // Anything else: name followed by pre-formatted arguments.
    Command raw(const QByteArray &name, const QByteArray &arguments = {});

    // How a string argument goes on the wire. Exposed for tests.
    enum class Form { Atom, Quoted, Literal };
    Form formFor(QByteArrayView value) const;
    // Atom when value is a non-empty run of ASTRING-CHAR; quoted when it has
    // no CR, LF or NUL, is at most 1000 bytes and is ASCII (or valid UTF-8
    // with UTF8=ACCEPT enabled); a literal otherwise.
    // Appends the astring form of value to out; returns the literal's bytes
    // split points in `splits` (positions in `out` after each "{n}\r\n") when
    // a synchronizing literal is used. splits may be null: the output can
    // still be embedded in criteria, which finds the literal again.
    void appendString(QByteArray &out, QByteArrayView value, QList<qsizetype> *splits) const;
    QByteArray encodeMailbox(const QString &mailbox) const;

private:
    Command make(const QByteArray &name, const QByteArray &args, const QList<qsizetype> &splits);

    QByteArray m_prefix;
    quint32 m_counter = 0;
    Capabilities m_caps;
    bool m_utf8 = false;
};

} // namespace imap
