#pragma once

#include "imap/Types.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QList>
#include <QString>

#include <optional>
#include <variant>

namespace imap {

// The status of a status response (RFC 9051 7.1).
enum class Status { Ok, No, Bad, PreAuth, Bye };

// A bracketed response code: "[UIDVALIDITY 3857529045]".
struct ResponseCode
{
    enum class Kind {
        None, // no code present
        Alert,
        Capability,
        UidValidity,
        UidNext,
        Unseen, // deprecated in RFC 9051; parsed, never relied on
        HighestModSeq,
        NoModSeq,
        PermanentFlags,
        ReadOnly,
        ReadWrite,
        TryCreate,
        Parse,
        BadCharset,
        AuthenticationFailed,
        AuthorizationFailed,
        Unavailable,
        Expired,
        PrivacyRequired,
        ContactAdmin,
        NoPerm,
        InUse,
        ExpungeIssued,
        Corruption,
        ServerBug,
        ClientBug,
        CannotSearch,
        Limit,
        OverQuota,
        AlreadyExists,
        NonExistent,
        Closed,
        AppendUid,
        CopyUid,
        UidNotSticky,
        Other, // anything else; name and text hold it
    };

    Kind kind = Kind::None;
    QByteArray name;     // the code's atom, upper-cased ("UIDVALIDITY")
    QByteArray text;     // raw bytes after the name up to ']' (trimmed); for display / Other
    QByteArrayList list; // CAPABILITY atoms, PERMANENTFLAGS / BADCHARSET items (as sent)
    quint64 number = 0;  // UIDVALIDITY, UIDNEXT, UNSEEN, HIGHESTMODSEQ, APPENDUID's uidvalidity
};

// An address from an ENVELOPE. All fields are raw bytes as sent (NIL gives a
// null QByteArray); names may hold RFC 2047 encoded-words.
struct Address
{
    QByteArray name;
    QByteArray adl;
    QByteArray mailbox;
    QByteArray host;

    // "mailbox@host" (or just the mailbox for a group marker / no host).
    QByteArray email() const
    {
        if (host.isEmpty())
            return mailbox;
        return mailbox + '@' + host;
    }
    bool isGroupMarker() const { return host.isNull(); }
};

struct Envelope
{
    QByteArray date;    // raw Date: header value
    QByteArray subject; // raw, may hold RFC 2047 encoded-words or 8-bit
    QList<Address> from;
    QList<Address> sender;
    QList<Address> replyTo;
    QList<Address> to;
    QList<Address> cc;
    QList<Address> bcc;
    QByteArray inReplyTo;
    QByteArray messageId;
};

// One BODY[...] / BINARY[...] / RFC822.* section of a FETCH response.
struct BodySection
{
    QByteArray section; // the part inside the brackets as sent, upper-cased
                        // ("HEADER.FIELDS (FROM SUBJECT)", "" for BODY[])
    quint32 origin = 0; // <origin> of a partial fetch, 0 if none
    QByteArray data;    // the content; null for NIL
};

struct FetchData
{
    SeqNum seq;
    std::optional<Uid> uid;
    std::optional<QByteArrayList> flags;
    std::optional<Envelope> envelope;
    std::optional<QByteArray> internalDate; // raw date-time string
    std::optional<quint64> rfc822Size;
    std::optional<quint64> modSeq;
    std::optional<QByteArray> preview; // RFC 8970 PREVIEW
    QList<BodySection> sections;

    bool hasFlag(QByteArrayView flag) const
    {
        if (!flags)
            return false;
        for (const QByteArray &f : *flags)
            if (f.compare(flag, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    }
};

// "* SEARCH 2 84 882" (optionally "(MODSEQ 917162500)" at the end, RFC 7162).
struct SearchData
{
    QList<quint32> numbers; // UIDs or sequence numbers, depending on the command
    std::optional<quint64> modSeq;
};

// "* ESEARCH (TAG "A282") UID MIN 2 COUNT 3 ALL 2,10:11" (RFC 4731 / 9051).
struct ESearchData
{
    QByteArray tag; // the correlator, empty when absent
    bool uid = false;
    std::optional<quint32> min;
    std::optional<quint32> max;
    std::optional<quint32> count;
    std::optional<NumberSet<Uid>> all; // members are UIDs or sequence numbers per `uid`
    std::optional<quint64> modSeq;
};

// "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)".
struct MailboxStatusData
{
    QByteArray mailbox; // raw name as sent (modified UTF-7 unless UTF8=ACCEPT)
    std::optional<quint32> messages;
    std::optional<quint32> recent;
    std::optional<quint32> uidNext;
    std::optional<quint32> uidValidity;
    std::optional<quint32> unseen;
    std::optional<quint32> deleted;
    std::optional<quint64> size;
    std::optional<quint64> highestModSeq;
};

// "* LIST (\HasNoChildren) "/" INBOX" (LSUB has the same shape).
struct ListData
{
    QByteArrayList attributes; // as sent ("\HasNoChildren", "\Junk", ...)
    char delimiter = 0;        // 0 for NIL
    QByteArray mailbox;        // raw name as sent

    bool hasAttribute(QByteArrayView attr) const
    {
        for (const QByteArray &a : attributes)
            if (a.compare(attr, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    }
};

// "* VANISHED (EARLIER) 300:310,405,411" (RFC 7162 QRESYNC).
struct VanishedData
{
    bool earlier = false;
    UidSet uids;
};

struct Response
{
    enum class Kind { Continuation, Tagged, Untagged };
    enum class Type {
        Status,        // OK / NO / BAD / PREAUTH / BYE (tagged or untagged); also Continuation
        Capability,    // list
        Flags,         // list
        Enabled,       // list (RFC 5161)
        Exists,        // number
        Recent,        // number
        Expunge,       // number (a sequence number)
        Fetch,         // FetchData
        Search,        // SearchData
        ESearch,       // ESearchData
        MailboxStatus, // MailboxStatusData
        List,          // ListData
        Lsub,          // ListData
        Vanished,      // VanishedData
        Unknown,       // an untagged response this parser does not interpret; skipped safely
    };

    Kind kind = Kind::Untagged;
    Type type = Type::Unknown;
    QByteArray tag;             // Tagged only
    Status status = Status::Ok; // Type::Status only
    ResponseCode code;          // Type::Status only
    QByteArray text;            // human-readable text of a status response or continuation (raw bytes);
                                // for Continuation it is the whole rest of the line (e.g. base64)
    QByteArray keyword;         // the response's keyword, upper-cased ("FETCH", "OK", "XFOO", ...)
    quint32 number = 0;         // Exists / Recent / Expunge
    QByteArrayList list;        // Capability / Flags / Enabled
    std::variant<std::monostate, FetchData, SearchData, ESearchData, MailboxStatusData, ListData, VanishedData> data;

    bool isTagged() const { return kind == Kind::Tagged; }
    bool isUntagged() const { return kind == Kind::Untagged; }
    bool isContinuation() const { return kind == Kind::Continuation; }
    const FetchData *fetch() const { return std::get_if<FetchData>(&data); }
    const SearchData *search() const { return std::get_if<SearchData>(&data); }
    const ESearchData *esearch() const { return std::get_if<ESearchData>(&data); }
    const MailboxStatusData *mailboxStatus() const { return std::get_if<MailboxStatusData>(&data); }
    const ListData *listData() const { return std::get_if<ListData>(&data); }
    const VanishedData *vanished() const { return std::get_if<VanishedData>(&data); }
};

} // namespace imap
