#pragma once

class QProcess;

namespace testsupport {

// For helper processes a test starts (daemons, tools).

// Before start(): the child gets PR_SET_PDEATHSIG (SIGTERM), so that it ends
// with the test program even when that is killed (crash, CTest timeout).
// Replaces any child process modifier set before.
void endWithParent(QProcess &process);

// SIGTERM, then SIGKILL after stepMs, and reaps it (no zombie). Nothing if it
// is not running.
void endProcess(QProcess &process, int stepMs = 5000);

} // namespace testsupport
