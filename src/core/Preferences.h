#pragma once

#include <QCoreApplication>
#include <QStringList>
#include <QTime>

namespace core {

// Application-wide settings. Value type.
struct Preferences
{
    Q_DECLARE_TR_FUNCTIONS(core::Preferences)

public:
    static constexpr int DefaultGroupThreshold = 3;
    static constexpr int MinGroupThreshold = 1;
    static constexpr int MaxGroupThreshold = 100;

    bool notificationsEnabled = true;
    bool hideContent = false; // privacy: notifications show neither sender nor subject
    bool quietHoursEnabled = false;
    QTime quietFrom{22, 0}; // quiet from this time (inclusive) ...
    QTime quietTo{7, 0};    // ... to this time (exclusive); the window may wrap past midnight
    bool startAtLogin = false;
    int groupThreshold = DefaultGroupThreshold; // a burst of more messages than this is one grouped notification

    // True when quiet hours are on and now falls in [quietFrom, quietTo),
    // wrapping past midnight when quietFrom > quietTo. Equal times make an
    // empty window (validate() reports it).
    bool isQuiet(const QTime &now) const;

    // One translated message per problem; empty when fine.
    QStringList validate() const;

    friend bool operator==(const Preferences &a, const Preferences &b)
    {
        return a.notificationsEnabled == b.notificationsEnabled && a.hideContent == b.hideContent
            && a.quietHoursEnabled == b.quietHoursEnabled && a.quietFrom == b.quietFrom && a.quietTo == b.quietTo
            && a.startAtLogin == b.startAtLogin && a.groupThreshold == b.groupThreshold;
    }
    friend bool operator!=(const Preferences &a, const Preferences &b) { return !(a == b); }
};

} // namespace core
