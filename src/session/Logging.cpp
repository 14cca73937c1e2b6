#include "session/Logging.h"

Q_LOGGING_CATEGORY(lcSession, "idlebell.session", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTrace, "idlebell.session.trace", QtWarningMsg)
