#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace testsupport {

// Collects what is logged (qInstallMessageHandler) while it is alive:
//
//   LogCapture logs;                                   // every line, kept from the test's output
//   LogCapture core("idlebell.core");                  // only this category; the rest goes on as usual
//   LogCapture all({}, LogCapture::Forward::Yes);      // every line, and still printed
//
// Lines of other categories go on to the handler that was there before.
// Captures may nest (the innermost sees a line first). Lines logged from
// other threads are collected too.
class LogCapture
{
public:
    enum class Forward { No, Yes }; // whether collected lines also go on to the previous handler

    explicit LogCapture(const QByteArray &category = {}, Forward forward = Forward::No);
    ~LogCapture();
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    // The messages collected, as logged.
    QStringList lines() const;
    // "category: message" for each, joined by '\n'.
    QByteArray all() const;
    int count() const;

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message);

    QByteArray m_category;
    Forward m_forward;
    LogCapture *m_outer = nullptr;
    QtMessageHandler m_previous = nullptr;
    QStringList m_lines;
    QByteArrayList m_tagged;
};

} // namespace testsupport
