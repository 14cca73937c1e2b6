#!/usr/bin/env python3
"""Records real Dovecot response streams as seeds for the parser fuzz target.

    tests/support/dovecot-fixture.sh start /tmp/cap
    tests/fuzz/capture-dovecot.py /tmp/cap/env OUTDIR
    tests/support/dovecot-fixture.sh stop /tmp/cap

Each conversation below is run against the fixture's plaintext listener and
everything the server sent is written to OUTDIR/dovecot-<name> (client bytes
are not recorded: the parser only ever sees the server's side). Messages with
RFC 2047 headers in many charsets are appended first, so that FETCH ENVELOPE
and header fetches carry encoded-words, 8-bit text and literals. The headers
also go to OUTDIR/headers-*.txt (seeds for the "header" target).
"""

import socket
import sys
import time
from email.header import Header

HEADERS = [
    ("utf-8", "B", "Grüße aus Köln – Übersicht für März"),
    ("utf-8", "Q", "Réunion: café à 10h"),
    ("iso-8859-1", "Q", "Café crème für Jürgen"),
    ("iso-8859-15", "Q", "Prix: 20 € net"),
    ("windows-1252", "Q", "“Smart quotes” – and dashes…"),
    ("koi8-r", "B", "Привет, как дела?"),
    ("windows-1251", "B", "Счёт на оплату №42"),
    ("iso-8859-2", "Q", "Zażółć gęślą jaźń"),
    ("iso-8859-7", "B", "Καλημέρα κόσμε"),
    ("gb2312", "B", "会议通知：下周一"),
    ("gb18030", "B", "测试邮件𠀀"),
    ("big5", "B", "會議通知"),
    ("shift_jis", "B", "お知らせ：新着メール"),
    ("iso-2022-jp", "B", "日本語の件名です"),
    ("euc-kr", "B", "안녕하세요 회의 안내"),
    ("euc-jp", "B", "東京の天気"),
    ("utf-8", "B", "Emoji 📬 and a very long subject line that has to be folded over more than one line to fit"),
    ("iso-8859-8", "B", "שלום עולם"),
    ("tis-620", "B", "สวัสดีครับ"),
    ("windows-1256", "B", "مرحبا بالعالم"),
]


def encoded(charset, encoding, text):
    raw = text.encode(charset)
    if encoding == "B":
        import base64

        return "=?%s?B?%s?=" % (charset, base64.b64encode(raw).decode())
    out = []
    for b in raw:
        c = chr(b)
        if c == " ":
            out.append("_")
        elif 0x21 <= b <= 0x7E and c not in "=?_":
            out.append(c)
        else:
            out.append("=%02X" % b)
    return "=?%s?Q?%s?=" % (charset, "".join(out))


def message(i, charset, encoding, text):
    subject = encoded(charset, encoding, text)
    name = Header("Jörg Müller" if i % 2 else "Łukasz Żółw", "utf-8").encode()
    lines = [
        "Date: %s" % ["Mon, 7 Feb 1994 21:52:25 -0800 (PST)", "Tue, 2 Jan 2024 09:05:00 +0100",
                      "3 Mar 25 23:59 GMT", "Wed, 31 Dec 1969 23:59:59 -0000"][i % 4],
        "From: %s <joerg%d@example.org>" % (name, i),
        "To: \"Team\" <team@example.org>, bob@example.net",
        "Cc: undisclosed-recipients:;",
        "Subject: " + subject,
        "Message-ID: <msg%d.%d@example.org>" % (i, 1700000000 + i),
        "In-Reply-To: <parent%d@example.org>" % i,
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=%s" % charset,
        "Content-Transfer-Encoding: 8bit",
        "",
        text,
        "",
    ]
    return "\r\n".join(lines).encode("utf-8")


class Conn:
    def __init__(self, host, port):
        self.s = socket.create_connection((host, port), timeout=10)
        self.rx = b""
        self.n = 0

    def read_until(self, marker):
        while marker not in self.rx:
            chunk = self.s.recv(65536)
            if not chunk:
                break
            self.rx += chunk
        return self.rx

    def greeting(self):
        self.read_until(b"\r\n")

    def cmd(self, text, literal=None):
        self.n += 1
        tag = b"a%d" % self.n
        if literal is not None:
            self.s.sendall(tag + b" " + text + b" {%d}\r\n" % len(literal))
            self.read_until(b"+ ")
            self.s.sendall(literal + b"\r\n")
        else:
            self.s.sendall(tag + b" " + text + b"\r\n")
        start = len(self.rx)
        while True:
            self.read_until(tag + b" ")
            pos = self.rx.find(b"\r\n" + tag + b" ", start - 2)
            if pos >= 0 and self.rx.find(b"\r\n", pos + 2) >= 0:
                break
            chunk = self.s.recv(65536)
            if not chunk:
                break
            self.rx += chunk
        return tag

    def raw(self, data, wait_for):
        self.s.sendall(data)
        self.read_until(wait_for)

    def settle(self, seconds=0.3):
        self.s.settimeout(seconds)
        try:
            while True:
                chunk = self.s.recv(65536)
                if not chunk:
                    break
                self.rx += chunk
        except socket.timeout:
            pass
        self.s.settimeout(10)


def main():
    env = {}
    for line in open(sys.argv[1]):
        if "=" in line and not line.startswith("#"):
            k, v = line.rstrip("\n").split("=", 1)
            env[k] = v
    out = sys.argv[2]
    host, port = env["PLAIN_HOST"], int(env["PLAIN_PORT"])
    user = "user7"
    password = (env["PASSWORD_PREFIX"] + "7" + env["PASSWORD_SUFFIX"]).encode()
    streams = {}

    def login(c, utf8=False):
        c.greeting()
        c.cmd(b"LOGIN " + user.encode() + b" " + password)

    # Greeting, capabilities before and after login, logout.
    c = Conn(host, port)
    c.greeting()
    c.cmd(b"CAPABILITY")
    c.cmd(b"LOGIN " + user.encode() + b" " + password)
    c.cmd(b"CAPABILITY")
    c.cmd(b"NAMESPACE")
    c.cmd(b"ID NIL")
    c.cmd(b"LOGOUT")
    streams["login-capability-logout"] = c.rx

    # STARTTLS listener: LOGINDISABLED, LOGIN refused, STARTTLS accepted.
    c = Conn(env["HOST"], int(env["IMAP_PORT"]))
    c.greeting()
    c.cmd(b"CAPABILITY")
    c.cmd(b"LOGIN " + user.encode() + b" " + password)
    c.cmd(b"STARTTLS")
    streams["starttls"] = c.rx

    # Wrong password, a literal login, AUTHENTICATE PLAIN without SASL-IR.
    c = Conn(host, port)
    c.greeting()
    c.cmd(b"LOGIN " + user.encode() + b" wrong")
    c.cmd(b"LOGIN " + user.encode(), literal=password)
    c.cmd(b"LOGOUT")
    streams["login-literal-and-failure"] = c.rx
    c = Conn(host, port)
    c.greeting()
    c.raw(b"a1 AUTHENTICATE PLAIN\r\n", b"+")
    import base64

    c.raw(base64.b64encode(b"\0" + user.encode() + b"\0" + password) + b"\r\n", b"a1 ")
    c.settle(0.2)
    c.cmd(b"LOGOUT")
    streams["authenticate-plain"] = c.rx

    # Mail in many charsets, folders with non-ASCII names.
    c = Conn(host, port)
    login(c)
    for name in [b"&AMQ-pfel", b"Lists/Qt", b"&ZeVnLIqe-", b"Caf&AOk- cr&AOg-me", b"Emoji &2D3cvA-", b"Spam"]:
        c.cmd(b'CREATE "' + name + b'"')
    c.cmd(b'CREATE "&AMQ-pfel"')
    for i, (cs, enc, text) in enumerate(HEADERS):
        flags = b"(\\Seen)" if i % 5 == 0 else b"()" if i % 3 else b"(\\Flagged $Label1)"
        c.cmd(b"APPEND INBOX " + flags, literal=message(i, cs, enc, text))
    c.cmd(b"APPEND Lists/Qt", literal=message(99, "utf-8", "B", "Qt 6.4.2 released"))
    c.cmd(b"LOGOUT")
    streams["create-append"] = c.rx

    c = Conn(host, port)
    login(c)
    c.cmd(b'LIST "" "*"')
    c.cmd(b'LIST "" "*" RETURN (SPECIAL-USE STATUS (MESSAGES UNSEEN UIDNEXT))')
    c.cmd(b'LIST (SPECIAL-USE) "" "*"')
    c.cmd(b'LSUB "" "*"')
    c.cmd(b"STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)")
    c.cmd(b'STATUS "&AMQ-pfel" (MESSAGES UIDNEXT UNSEEN SIZE)')
    c.cmd(b'STATUS "Nope" (MESSAGES)')
    c.cmd(b"LOGOUT")
    streams["list-status"] = c.rx

    c = Conn(host, port)
    login(c)
    c.cmd(b"ENABLE CONDSTORE")
    c.cmd(b"EXAMINE INBOX (CONDSTORE)")
    c.cmd(b"UID SEARCH RETURN (MIN MAX COUNT ALL) UNSEEN")
    c.cmd(b"UID SEARCH UNSEEN")
    c.cmd(b"SEARCH RETURN () 1:*")
    c.cmd(b"UID SEARCH UNSEEN MODSEQ 1")
    c.cmd(b"UID FETCH 1:* (UID FLAGS ENVELOPE INTERNALDATE RFC822.SIZE MODSEQ)")
    streams["examine-esearch-fetch-envelope"] = c.rx

    c = Conn(host, port)
    login(c)
    c.cmd(b"EXAMINE INBOX")
    c.cmd(b"UID FETCH 1:6 (UID FLAGS BODY.PEEK[HEADER.FIELDS (FROM SUBJECT DATE MESSAGE-ID)])")
    c.cmd(b"UID FETCH 7:9 (BODYSTRUCTURE BODY.PEEK[1]<0.40> RFC822.HEADER)")
    c.cmd(b"UID FETCH 10 (BODY[] BINARY.PEEK[1] BINARY.SIZE[1])")
    c.cmd(b"FETCH 12:14 (ENVELOPE)")
    c.cmd(b"UID FETCH 999 FLAGS")
    c.cmd(b"LOGOUT")
    streams["fetch-headers-bodystructure"] = c.rx

    # IDLE with mail arriving, flags changing and expunges from another connection.
    a = Conn(host, port)
    login(a)
    a.cmd(b"SELECT INBOX")
    a.raw(b"i1 IDLE\r\n", b"+ idling")
    b = Conn(host, port)
    login(b)
    b.cmd(b"APPEND INBOX", literal=message(50, "utf-8", "B", "Neue Nachricht während IDLE"))
    time.sleep(0.5)
    a.settle(0.5)
    b.cmd(b"SELECT INBOX")
    b.cmd(b"STORE 1:2 +FLAGS (\\Seen)")
    b.cmd(b"STORE 3 +FLAGS (\\Deleted)")
    b.cmd(b"EXPUNGE")
    time.sleep(0.5)
    a.settle(0.5)
    a.raw(b"DONE\r\n", b"i1 ")
    a.settle(0.2)
    a.cmd(b"NOOP")
    a.cmd(b"CLOSE")
    a.cmd(b"LOGOUT")
    b.cmd(b"LOGOUT")
    streams["idle-exists-flags-expunge"] = a.rx

    # QRESYNC: VANISHED (EARLIER).
    c = Conn(host, port)
    login(c)
    c.cmd(b"ENABLE QRESYNC")
    c.cmd(b"STATUS INBOX (UIDVALIDITY HIGHESTMODSEQ)")
    import re

    m = re.search(rb"UIDVALIDITY (\d+)", c.rx)
    c.cmd(b"SELECT INBOX (QRESYNC (" + m.group(1) + b" 1 1:30))")
    c.cmd(b"UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)")
    c.cmd(b"UNSELECT")
    c.cmd(b"LOGOUT")
    streams["qresync-vanished"] = c.rx

    # Errors.
    c = Conn(host, port)
    login(c)
    c.cmd(b"EXAMINE Nope")
    c.cmd(b"FETCH 1 FLAGS")
    c.cmd(b"BLURDYBLOOP")
    c.cmd(b"UID FETCH x FLAGS")
    c.cmd(b'LIST "" "\\xff"')
    c.cmd(b"SELECT INBOX")
    c.cmd(b"UID STORE 1 +FLAGS.SILENT (\\Answered)")
    c.cmd(b"UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1)")
    c.cmd(b"GETQUOTAROOT INBOX")
    c.cmd(b"LOGOUT")
    streams["errors-bad-no"] = c.rx

    for name, data in streams.items():
        with open("%s/dovecot-%s" % (out, name), "wb") as f:
            f.write(data)
    for i, (cs, enc, text) in enumerate(HEADERS):
        with open("%s/headers-%02d-%s.txt" % (out, i, cs), "wb") as f:
            f.write(encoded(cs, enc, text).encode())
    print("wrote %d streams, %d headers to %s" % (len(streams), len(HEADERS), out))


if __name__ == "__main__":
    main()
