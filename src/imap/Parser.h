#pragma once

#include "imap/Response.h"

#include <QByteArray>
#include <QString>

namespace imap {

struct ParseError
{
    enum class Code {
        None,
        LineTooLong,      // a line (outside literals) exceeded Limits::maxLineLength
        LiteralTooLarge,  // a literal announcement exceeded Limits::maxLiteralSize
        ResponseTooLarge, // one response (lines + literals) exceeded Limits::maxResponseSize
        NestingTooDeep,   // parenthesised lists nested deeper than Limits::maxNesting
        Syntax,           // the response is complete but not valid IMAP
    };

    Code code = Code::None;
    // True when the byte stream can no longer be framed (limits): the parser
    // stays in this error until reset(); the connection must be dropped.
    // False for Syntax errors: the bad response was consumed whole and the
    // next one can be parsed.
    bool fatal = false;
    QString message;    // human-readable, English, safe to log (no secrets: see excerpt)
    QByteArray excerpt; // at most 64 bytes of the offending input, control bytes escaped
};

// Incremental, literal-aware IMAP response parser. No I/O: feed it bytes in
// any split, take complete responses. A framer finds response boundaries
// (CRLF, with {n} / {n+} / ~{n} literals counted, not scanned); a pure parse
// function turns each complete response into a value. Never throws, never
// asserts on server data, never grows beyond its limits.
class Parser
{
public:
    struct Limits
    {
        qsizetype maxLineLength = 1024 * 1024;
        qsizetype maxLiteralSize = 1024 * 1024;
        qsizetype maxResponseSize = 8 * 1024 * 1024;
        int maxNesting = 64;
    };

    struct Result
    {
        enum class Status { NeedMoreData, Ok, Error };
        Status status = Status::NeedMoreData;
        Response response; // when Ok
        ParseError error;  // when Error
    };

    Parser();
    explicit Parser(Limits limits);

    void feed(QByteArrayView bytes);

    // The next complete response, or NeedMoreData, or an error. After a
    // fatal error every call returns that error until reset().
    Result next();

    // Bytes fed but not yet returned as responses (STARTTLS hygiene: must be
    // 0 before a TLS handshake starts).
    qsizetype bufferedBytes() const;

    // Forget all buffered input and any error.
    void reset();

    const Limits &limits() const { return m_limits; }

    // Parse one complete response (as the framer would hand it over: the
    // bytes up to and including its final CRLF, literals inline). Pure.
    static Result parseResponse(QByteArrayView completeResponse, const Limits &limits);

private:
    Limits m_limits;
    QByteArray m_buffer;       // unconsumed input; consumed prefix dropped lazily
    qsizetype m_start = 0;     // start of the current response in m_buffer
    qsizetype m_scan = 0;      // framing progress within the current response
    qsizetype m_lineStart = 0; // start of the current line (outside literals)
    qint64 m_literalLeft = 0;  // literal bytes still to come before the line continues
    ParseError m_fatal;

    void compact();
    Result fatal(ParseError error);
};

} // namespace imap
