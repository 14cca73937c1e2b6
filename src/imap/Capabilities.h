#pragma once

#include <QByteArray>
#include <QByteArrayList>

namespace imap {

// The server's CAPABILITY list. Case-insensitive lookups; convenience
// accessors for what the session needs.
class Capabilities
{
public:
    Capabilities() = default;
    explicit Capabilities(const QByteArrayList &atoms);

    bool isEmpty() const { return m_atoms.isEmpty(); }
    const QByteArrayList &atoms() const { return m_atoms; }

    bool has(QByteArrayView capability) const;
    bool hasAuth(QByteArrayView mechanism) const; // AUTH=<mechanism>

    bool imap4rev1() const { return has("IMAP4rev1"); }
    bool imap4rev2() const { return has("IMAP4rev2"); }
    bool idle() const { return has("IDLE") || imap4rev2(); }
    bool startTls() const { return has("STARTTLS"); }
    bool loginDisabled() const { return has("LOGINDISABLED"); }
    bool saslIr() const { return has("SASL-IR") || imap4rev2(); }
    bool literalPlus() const { return has("LITERAL+"); }
    bool literalMinus() const { return has("LITERAL-") || imap4rev2(); } // rev2 implies LITERAL-
    bool esearch() const { return has("ESEARCH") || imap4rev2(); }
    bool condstore() const { return has("CONDSTORE") || qresync(); }
    bool qresync() const { return has("QRESYNC"); }
    bool enable() const { return has("ENABLE") || imap4rev2(); }
    bool notify() const { return has("NOTIFY"); }
    bool uidplus() const { return has("UIDPLUS") || imap4rev2(); }
    bool move() const { return has("MOVE") || imap4rev2(); }
    bool utf8Accept() const { return has("UTF8=ACCEPT"); }
    bool specialUse() const { return has("SPECIAL-USE") || imap4rev2(); }
    bool listStatus() const { return has("LIST-STATUS") || imap4rev2(); }
    bool preview() const { return has("PREVIEW"); }

    friend bool operator==(const Capabilities &a, const Capabilities &b) { return a.m_atoms == b.m_atoms; }

private:
    QByteArrayList m_atoms;
};

} // namespace imap
