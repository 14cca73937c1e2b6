#pragma once

// Header only: for the widget tests (they link QtWidgets through idlebell_ui;
// idlebell_testsupport does not).

#include <QLatin1String>
#include <QWidget>

namespace testsupport {

// The child widget of `parent` with this objectName. A missing one is a
// fatal error, so that a renamed widget fails the test loudly instead of
// crashing it later.
template<typename T> T *field(QWidget *parent, const char *name)
{
    T *w = parent->findChild<T *>(QLatin1String(name));
    if (!w)
        qFatal("no widget named %s", name);
    return w;
}

} // namespace testsupport
