#include "imap/Capabilities.h"

namespace imap {

namespace {

bool equalsIgnoreCase(QByteArrayView a, QByteArrayView b)
{
    // ASCII-only case folding: capability names are atoms.
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

} // namespace

Capabilities::Capabilities(const QByteArrayList &atoms)
    : m_atoms(atoms)
{ }

bool Capabilities::has(QByteArrayView capability) const
{
    if (capability.isEmpty())
        return false;
    for (const QByteArray &atom : m_atoms) {
        if (equalsIgnoreCase(atom, capability))
            return true;
    }
    return false;
}

bool Capabilities::hasAuth(QByteArrayView mechanism) const
{
    static constexpr QByteArrayView prefix("AUTH=");
    if (mechanism.isEmpty())
        return false;
    for (const QByteArray &atom : m_atoms) {
        const QByteArrayView view(atom);
        if (view.size() == prefix.size() + mechanism.size() && equalsIgnoreCase(view.first(prefix.size()), prefix)
            && equalsIgnoreCase(view.sliced(prefix.size()), mechanism))
            return true;
    }
    return false;
}

} // namespace imap
