#pragma once

#include <QLoggingCategory>

// idlebell.session: connection life cycle, errors, decisions.
Q_DECLARE_LOGGING_CATEGORY(lcSession)
// idlebell.session.trace: the protocol as sent and received, credentials
// redacted. Off by default; QT_LOGGING_RULES="idlebell.session.trace=true".
Q_DECLARE_LOGGING_CATEGORY(lcTrace)
