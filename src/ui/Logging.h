#pragma once

#include <QLoggingCategory>

// idlebell.ui: the tray, notifications, dialogs, single instance, click
// actions. Never log a password; mail content (senders, subjects) only at
// debug level.
Q_DECLARE_LOGGING_CATEGORY(lcUi)
