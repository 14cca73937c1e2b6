#include "ui/Logging.h"

// Debug output only when asked for (--verbose, QT_LOGGING_RULES).
Q_LOGGING_CATEGORY(lcUi, "idlebell.ui", QtInfoMsg)
