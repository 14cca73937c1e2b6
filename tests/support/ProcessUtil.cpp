#include "support/ProcessUtil.h"

#include <QProcess>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace testsupport {

void endWithParent(QProcess &process)
{
    const pid_t parent = getpid();
    process.setChildProcessModifier([parent] {
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent) // the parent died before prctl
            _exit(127);
    });
}

void endProcess(QProcess &process, int stepMs)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(stepMs)) {
        process.kill();
        process.waitForFinished(stepMs);
    }
}

} // namespace testsupport
