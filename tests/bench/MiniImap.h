#pragma once
// A framework-free IMAP connection: POSIX sockets, optional OpenSSL, a
// hand-written literal-aware response reader. Used by the floor client (the
// least an IDLE client can do) and by the driver's appender and recorders.

#include <cstdint>
#include <string>
#include <vector>

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace bench {

class MiniImap
{
public:
    MiniImap() = default;
    ~MiniImap();
    MiniImap(const MiniImap &) = delete;
    MiniImap &operator=(const MiniImap &) = delete;

    // Connects (TCP_NODELAY), optionally TLS verified against caFile and the host
    // (an IP or a name), and reads the greeting. False with error() on failure.
    bool connect(const std::string &host, int port, bool tls, const std::string &caFile, int timeoutMs);
    void close();
    const std::string &error() const { return m_error; }
    const std::string &greeting() const { return m_greeting; }
    int fd() const { return m_fd; }
    // Bytes received so far (after TLS decryption when TLS).
    uint64_t bytesIn() const { return m_bytesIn; }

    bool send(const std::string &bytes);
    // One complete response (literals inline, final CRLF removed).
    // 1: got one, 0: timeout, -1: connection closed or error.
    int readResponse(std::string &response, int timeoutMs);
    // True if a complete response (or undecrypted TLS data) is already buffered.
    bool hasBuffered() const;

    struct Result
    {
        bool ok = false;    // tagged OK
        std::string tagged; // the tagged line
        std::vector<std::string> untagged;
    };
    // Sends "TAG command\r\n" and collects until the tagged reply (or timeout).
    Result command(const std::string &command, int timeoutMs = 30000);
    // APPEND with LITERAL+; returns the APPENDUID uid (0 if none) and sets *okAtNs
    // to CLOCK_MONOTONIC when the tagged OK was read. -1 on failure.
    int64_t append(const std::string &mailbox, const std::string &message, int64_t *okAtNs, int timeoutMs = 30000);
    std::string nextTag();

private:
    int fill(int timeoutMs); // 1 data, 0 timeout, -1 closed/error
    bool completeResponse(size_t *end) const;

    int m_fd = -1;
    SSL_CTX *m_ctx = nullptr;
    SSL *m_ssl = nullptr;
    std::string m_buf;
    std::string m_greeting;
    std::string m_error;
    uint64_t m_bytesIn = 0;
    int m_tag = 0;
};

// Parses the FETCH response's "UID n" and ENVELOPE's subject and first sender
// (just enough: the floor's whole parsing). False if there is no ENVELOPE.
struct EnvelopeInfo
{
    uint32_t uid = 0;
    std::string subject;
    std::string fromName;
    std::string fromAddress;
};
bool parseFetchEnvelope(const std::string &response, EnvelopeInfo *info);

} // namespace bench
