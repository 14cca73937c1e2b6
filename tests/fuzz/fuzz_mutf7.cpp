// Fuzz target "mutf7": modified UTF-7 mailbox names (RFC 3501 5.1.3):
// imap::decodeMailboxName, imap::encodeMailboxName, imap::mailboxDisplayName.
//
// The input is used three ways:
//  - as a name from the server: when decodeMailboxName accepts it, the result
//    is valid UTF-16 and encoding it again gives back exactly the input (the
//    decoder accepts canonical encodings only, so one name has one spelling);
//    mailboxDisplayName shows the decoded name, or the bytes as UTF-8;
//  - as UTF-16 code units (any, unpaired surrogates included) and as UTF-8
//    text: encoding gives printable ASCII, and decoding that gives back the
//    string (unpaired surrogates as U+FFFD, as documented).

#include "FuzzSupport.h"

#include "imap/Encoding.h"

namespace {

void roundTrip(const QString &name)
{
    const QByteArray encoded = imap::encodeMailboxName(name);
    for (char c : encoded)
        FUZZ_CHECK(c >= 0x20 && c <= 0x7e, "not printable ASCII: " + encoded);
    QString expected = name;
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QChar c = expected.at(i);
        if (c.isHighSurrogate() && i + 1 < expected.size() && expected.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            expected[i] = QChar::ReplacementCharacter;
    }
    const std::optional<QString> decoded = imap::decodeMailboxName(encoded);
    FUZZ_CHECK(decoded, "does not decode: " + encoded + "\nname: " + fuzz::printableString(name));
    FUZZ_CHECK(*decoded == expected,
               "round trip: " + fuzz::printableString(*decoded) + "\nexpected:   " + fuzz::printableString(expected)
                   + "\nencoded:    " + encoded);
    FUZZ_CHECK(imap::mailboxDisplayName(encoded) == expected, "display name of " + encoded);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView raw(reinterpret_cast<const char *>(data), qsizetype(size));

    const std::optional<QString> decoded = imap::decodeMailboxName(raw);
    const QString display = imap::mailboxDisplayName(raw);
    FUZZ_CHECK(display.isValidUtf16(), fuzz::printableString(display));
    if (decoded) {
        FUZZ_CHECK(decoded->isValidUtf16(), fuzz::printableString(*decoded));
        const QByteArray again = imap::encodeMailboxName(*decoded);
        FUZZ_CHECK(again == raw,
                   "not canonical: " + raw.toByteArray() + "\nencodes as: " + again
                       + "\nname: " + fuzz::printableString(*decoded));
        FUZZ_CHECK(display == *decoded, "display name differs from the decoded name");
    } else {
        FUZZ_CHECK(display == QString::fromUtf8(raw), "display name is not the UTF-8 reading");
    }

    roundTrip(fuzz::toQString(raw, true));
    roundTrip(QString::fromUtf8(raw));
    return 0;
}
