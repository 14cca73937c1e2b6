#pragma once

#include <QLoggingCategory>

// idlebell.core: accounts, settings, secrets, persisted state, the monitor.
// Never log a password or anything a password command printed.
Q_DECLARE_LOGGING_CATEGORY(lcCore)
