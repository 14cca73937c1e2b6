#pragma once

// Header only: for the core tests, which link idlebell_core (idlebell_testsupport does not).

#include "core/SecretStore.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <functional>

namespace coretest {

// The one answer of a core::SecretStore to a password request.
struct Answer
{
    bool ready = false;
    QString accountId;
    QString text; // the password, or the message
};

// Runs request() (a SecretStore::requestPassword call) and waits for its
// passwordReady or passwordFailed; bounded, because a real process or a
// real keyring answers. "<no answer>" as the text after timeoutMs.
inline Answer waitForAnswer(core::SecretStore &store, const std::function<void()> &request, int timeoutMs = 20000)
{
    QSignalSpy ready(&store, &core::SecretStore::passwordReady);
    QSignalSpy failed(&store, &core::SecretStore::passwordFailed);
    request();
    QElapsedTimer timer;
    timer.start();
    while (ready.isEmpty() && failed.isEmpty() && timer.elapsed() < timeoutMs)
        QTest::qWait(10);
    Answer answer;
    if (!ready.isEmpty()) {
        answer.ready = true;
        answer.accountId = ready.first().at(0).toString();
        answer.text = ready.first().at(1).toString();
    } else if (!failed.isEmpty()) {
        answer.accountId = failed.first().at(0).toString();
        answer.text = failed.first().at(1).toString();
    } else {
        answer.text = QStringLiteral("<no answer>");
    }
    return answer;
}

} // namespace coretest
