#include "session/SessionTypes.h"

#include <algorithm>

namespace session {

std::chrono::seconds SessionConfig::clampIdleRefresh(std::chrono::seconds s)
{
    // RFC 2177 asks clients to re-issue IDLE at least every 29 minutes; below
    // two minutes the refresh costs more than it protects.
    return std::clamp(s, std::chrono::seconds(120), std::chrono::seconds(29 * 60));
}

QString stateName(State state)
{
    switch (state) {
    case State::Disconnected:
        return QStringLiteral("disconnected");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Authenticating:
        return QStringLiteral("authenticating");
    case State::Syncing:
        return QStringLiteral("syncing");
    case State::Idling:
        return QStringLiteral("idling");
    case State::Polling:
        return QStringLiteral("polling");
    case State::Reconnecting:
        return QStringLiteral("reconnecting");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("unknown");
}

QString errorKindName(SessionError::Kind kind)
{
    switch (kind) {
    case SessionError::Kind::Network:
        return QStringLiteral("network");
    case SessionError::Kind::Timeout:
        return QStringLiteral("timeout");
    case SessionError::Kind::Tls:
        return QStringLiteral("tls");
    case SessionError::Kind::Certificate:
        return QStringLiteral("certificate");
    case SessionError::Kind::Security:
        return QStringLiteral("security");
    case SessionError::Kind::Authentication:
        return QStringLiteral("authentication");
    case SessionError::Kind::Protocol:
        return QStringLiteral("protocol");
    case SessionError::Kind::ServerUnavailable:
        return QStringLiteral("server-unavailable");
    case SessionError::Kind::Mailbox:
        return QStringLiteral("mailbox");
    case SessionError::Kind::Configuration:
        return QStringLiteral("configuration");
    }
    return QStringLiteral("unknown");
}

} // namespace session
