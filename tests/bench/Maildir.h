#pragma once
// Writes a Maildir directly (file names carry the flags: ":2,S" = \Seen), far
// faster than APPEND or doveadm for 10^5-10^6 messages; Dovecot then indexes
// it (doveadm force-resync). Messages have realistic, varied headers (names,
// RFC 2047 words, long subjects, Message-ID, some In-Reply-To), so the same
// mailbox gives realistic FETCH ENVELOPE recordings for the parser bench.
#include <string>

namespace bench {

// Creates dir/{cur,new,tmp} and `count` messages in cur/; a deterministic
// pseudo-random `unseenPercent` of them (scattered, not a block) lack \Seen.
// Files are owned by uid:gid (when running as root). Returns the number of
// unseen messages written, or -1 with *error set.
long writeMaildir(const std::string &dir, long count, int unseenPercent, int uid, int gid, std::string *error);

// The message `i` as written by writeMaildir (CRLF line ends).
std::string makeBenchMessage(long i);

} // namespace bench
