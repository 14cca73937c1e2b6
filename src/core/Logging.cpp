#include "core/Logging.h"

Q_LOGGING_CATEGORY(lcCore, "idlebell.core")
