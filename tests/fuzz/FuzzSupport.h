#pragma once

// Shared by the fuzz targets. Each target defines LLVMFuzzerTestOneInput and
// is built twice: with clang and libFuzzer (IDLEBELL_FUZZ=ON, the fuzzers)
// and with any compiler and replay_main.cpp (the fuzz.replay.* CTest tests,
// which run the corpus and the regressions in every build).

#include <QByteArray>
#include <QByteArrayList>
#include <QByteArrayView>
#include <QString>
#include <QStringDecoder>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace fuzz {

// The bytes, printable: control and 8-bit bytes as \xNN, at most `max` bytes.
inline QByteArray printable(QByteArrayView bytes, qsizetype max = 512)
{
    QByteArray out;
    static const char hex[] = "0123456789abcdef";
    for (qsizetype i = 0; i < bytes.size() && i < max; ++i) {
        const unsigned char c = static_cast<unsigned char>(bytes[i]);
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            out += char(c);
        } else {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
    }
    if (bytes.size() > max)
        out += "...";
    return out;
}

// A broken invariant: print what and where, then abort so that libFuzzer
// saves the input (and the replay test fails).
[[noreturn]] inline void failed(const char *file, int line, const char *condition, const QByteArray &detail)
{
    std::fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, condition);
    // Control and 8-bit bytes escaped, line breaks kept.
    for (const QByteArray &line : detail.split('\n'))
        std::fprintf(stderr, "%s\n", printable(line, 4096).constData());
    std::fflush(stderr);
    std::abort();
}

inline QByteArray printableString(const QString &s, qsizetype max = 512)
{
    QByteArray out;
    for (qsizetype i = 0; i < s.size() && i < max; ++i) {
        const char16_t u = s.at(i).unicode();
        if (u >= 0x20 && u < 0x7f && u != '\\')
            out += char(u);
        else
            out += "\\u" + QByteArray::number(u, 16).rightJustified(4, '0');
    }
    if (s.size() > max)
        out += "...";
    return out;
}

// Splits an input into parts, like LLVM's FuzzedDataProvider but readable
// in a text editor: string() reads up to a backslash that is not doubled
// ("a\\b" is "a\b"; "\ " or "\n" ends the string).
class Input
{
public:
    Input(const uint8_t *data, size_t size)
        : m_p(reinterpret_cast<const char *>(data))
        , m_end(m_p + size)
    { }

    bool atEnd() const { return m_p >= m_end; }
    qsizetype remaining() const { return m_end - m_p; }

    // One byte (0 at the end).
    quint8 byte() { return m_p < m_end ? static_cast<quint8>(*m_p++) : 0; }

    QByteArray string()
    {
        QByteArray out;
        while (m_p < m_end) {
            const char c = *m_p++;
            if (c == '\\') {
                if (m_p < m_end && *m_p == '\\') {
                    out += '\\';
                    ++m_p;
                    continue;
                }
                if (m_p < m_end)
                    ++m_p;
                break;
            }
            out += c;
        }
        return out;
    }

    // Up to the first LF (not included) or the end.
    QByteArrayView line()
    {
        const char *s = m_p;
        while (m_p < m_end && *m_p != '\n')
            ++m_p;
        const QByteArrayView out(s, m_p - s);
        if (m_p < m_end)
            ++m_p;
        return out;
    }

    QByteArrayView rest()
    {
        const QByteArrayView out(m_p, m_end - m_p);
        m_p = m_end;
        return out;
    }

private:
    const char *m_p;
    const char *const m_end;
};

// A QString from bytes: UTF-8 or, with `utf16`, raw UTF-16 code units (so
// that unpaired surrogates and any other code unit can occur).
inline QString toQString(QByteArrayView bytes, bool utf16)
{
    if (!utf16)
        return QString::fromUtf8(bytes);
    QString out;
    out.reserve(bytes.size() / 2);
    for (qsizetype i = 0; i + 1 < bytes.size(); i += 2)
        out += QChar(char16_t(static_cast<unsigned char>(bytes[i]) << 8 | static_cast<unsigned char>(bytes[i + 1])));
    return out;
}

// Strict UTF-8 (Qt's decoder reports any invalid sequence), or nullopt.
inline std::optional<QString> strictUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString s = decoder(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return s;
}

} // namespace fuzz

#define FUZZ_CHECK(condition, detail)                                                                                  \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            ::fuzz::failed(__FILE__, __LINE__, #condition, (detail));                                                  \
    } while (false)

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
