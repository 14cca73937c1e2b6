#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace testsupport {

// The real app, `IDLEBELL_BINARY --headless --config CONFIG` (CTest sets
// IDLEBELL_BINARY for the integration tests), started by the constructor; its
// JSON lines on stdout are read as they come. The destructor kills it if it
// is still running.
class HeadlessIdlebell
{
public:
    static constexpr int DefaultWaitMs = 15000;

    explicit HeadlessIdlebell(const QString &config,
                              const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    ~HeadlessIdlebell();
    HeadlessIdlebell(const HeadlessIdlebell &) = delete;
    HeadlessIdlebell &operator=(const HeadlessIdlebell &) = delete;

    bool started();

    // The next event named `event` (and with key == value, if a key is given)
    // that this same query did not return before, in the order printed.
    // Reads stdout as it comes; returns the moment the line is there; nullopt
    // after ms, or when the app has exited.
    std::optional<QJsonObject> waitFor(const QString &event, const QString &key = {}, const QString &value = {},
                                       int ms = DefaultWaitMs);
    // Takes in what the app printed so far.
    void readLines();

    QList<QJsonObject> eventsNamed(const QString &event) const;
    // The "subject" of each event named `event`.
    QStringList subjectsOf(const QString &event) const;

    // SIGKILL at once (no LOGOUT, no clean exit), then reads what it printed.
    void killHard();
    // SIGTERM; the exit code, or -1 if it crashed or did not exit within 10 s.
    int terminate();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    // Lines on stdout that were not JSON objects.
    int badLines() const { return m_badLines; }
    QByteArray allOutput() const { return m_stdout + m_stderr; }
    // For failure messages: all of stdout and the tail of stderr.
    QString describe() const;

private:
    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
    qsizetype m_parsed = 0;
    QList<QJsonObject> m_events;
    QHash<QString, qsizetype> m_next; // per query
    int m_badLines = 0;
};

} // namespace testsupport
