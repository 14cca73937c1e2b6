#!/bin/bash
# A private Dovecot for Idlebell's integration tests.
#
#   dovecot-fixture.sh start   STATE_DIR   fresh instance (stops one already recorded there)
#   dovecot-fixture.sh stop    STATE_DIR   stop it and remove its files (IDLEBELL_KEEP_DOVECOT=1 keeps them)
#   dovecot-fixture.sh restart STATE_DIR   stop and start the SAME config, ports and mail
#   dovecot-fixture.sh down    STATE_DIR   stop the server only (config, ports and mail are kept)
#   dovecot-fixture.sh up      STATE_DIR   start a server that is down again (same config/ports/mail)
#   dovecot-fixture.sh status  STATE_DIR   exit 0 when running, 3 when not
#
# `start` writes STATE_DIR/env: simple KEY=VALUE lines, also valid shell (source it).
# All server files live in a short temp dir /tmp/ibdc.XXXXXX (base_dir holds unix
# sockets; their paths must stay below 108 bytes). See tests/support/README.md.
#
# Listeners (all on loopback, ports chosen at start):
#   HOST=127.0.0.2 IMAPS_PORT  implicit TLS (also on 127.0.0.1, for tests that connect to "localhost")
#   HOST=127.0.0.2 IMAP_PORT   plaintext port offering STARTTLS; LOGIN before STARTTLS is refused
#                              (LOGINDISABLED), as disable_plaintext_auth = yes
#   PLAIN_HOST=127.0.0.3 PLAIN_PORT  plaintext auth allowed (for accounts with security=none),
#                              through `local 127.0.0.3 { disable_plaintext_auth = no }`
# Why not 127.0.0.1 for everything: Dovecot treats a connection whose remote IP equals its
# local IP as "secured" and then allows plaintext auth whatever disable_plaintext_auth says.
# A client connecting to 127.0.0.2 or .3 gets the source address 127.0.0.1 from Linux, so the
# connection is not "secured" there and the per-local-IP settings decide.
#
# Environment: IDLEBELL_RAWLOG=1 records post-login traffic in RAWLOG_DIR;
# IDLEBELL_KEEP_DOVECOT=1 keeps the temp dir on stop (and after a failed start);
# IDLEBELL_DOVECOT_USERS=N (default 80); IDLEBELL_DOVECOT_BIN=/path/to/dovecot;
# IDLEBELL_DOVECOT_MAIL_UID=N (as root: user n's mail is owned by uid N+n, gid N; default 5000).
# Runs as root (master as root, helpers as dovecot/dovenull) or as any user with a name.
# Lists of pids are split on purpose:
# shellcheck disable=SC2046,SC2086
set -u
set -o pipefail

PROG=dovecot-fixture
SCRIPT_PATH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
USER_COUNT=${IDLEBELL_DOVECOT_USERS:-80}
USER_PREFIX=user
PASSWORD_PREFIX=ib-Pw-
PASSWORD_SUFFIX=-Zq8y
MAX_USERIP_CONNECTIONS=20
HOST=127.0.0.2
LOOPBACK_HOST=127.0.0.1
PLAIN_HOST=127.0.0.3
WAIT_SECONDS=10

say() { echo "$PROG: $*"; }
die() {
    echo "$PROG: ERROR: $*" >&2
    exit 1
}

fail() { # message -> prints it, returns 1 (for functions whose caller cleans up)
    echo "$PROG: ERROR: $*" >&2
    return 1
}

usage() {
    echo "usage: $0 start|stop|restart|down|up|status STATE_DIR" >&2
    exit 2
}

# --- tools ---------------------------------------------------------------------------

find_tool() { # name -> path (PATH, then sbin dirs, which non-root PATHs often lack)
    local t
    t=$(command -v "$1" 2>/dev/null) && {
        echo "$t"
        return 0
    }
    for d in /usr/sbin /sbin /usr/local/sbin; do
        [ -x "$d/$1" ] && {
            echo "$d/$1"
            return 0
        }
    done
    return 1
}

need_tools() {
    if [ -n "${IDLEBELL_DOVECOT_BIN:-}" ]; then
        [ -x "$IDLEBELL_DOVECOT_BIN" ] || die "IDLEBELL_DOVECOT_BIN=$IDLEBELL_DOVECOT_BIN is not an executable; 'dovecot' is missing."
        DOVECOT_BIN=$IDLEBELL_DOVECOT_BIN
    else
        DOVECOT_BIN=$(find_tool dovecot)
    fi \
        || die "'dovecot' is not installed. The integration tests need a real Dovecot: install the Debian package dovecot-imapd (apt-get install dovecot-imapd). This script never installs anything and never skips."
    DOVEADM_BIN=$(find_tool doveadm) || die "'doveadm' is not installed (it comes with dovecot-core / dovecot-imapd)."
    OPENSSL_BIN=$(find_tool openssl) || die "'openssl' is not installed (needed to make the test certificate)."
    SS_BIN=$(find_tool ss) || SS_BIN=
}

# --- env file -------------------------------------------------------------------------

env_get() { # key -> value from $ENV_FILE (no sourcing: the file may be stale or foreign)
    local line
    line=$(grep -E "^$1=" "$ENV_FILE" 2>/dev/null | tail -n1) || return 1
    line=${line#*=}
    line=${line#\'}
    line=${line%\'}
    printf '%s\n' "$line"
}

load_env() {
    [ -f "$ENV_FILE" ] || return 1
    DIR=$(env_get DOVECOT_DIR) || return 1
    CONF=$(env_get DOVECOT_CONF) || return 1
    IMAPS_PORT=$(env_get IMAPS_PORT)
    IMAP_PORT=$(env_get IMAP_PORT)
    PLAIN_PORT=$(env_get PLAIN_PORT)
    [ -n "$DIR" ] && [ -n "$CONF" ]
}

# --- processes ------------------------------------------------------------------------

alive() { # pid -> 0 when the process exists and is no zombie (pid 1 may reap late)
    local stat rest
    { stat=$(<"/proc/$1/stat"); } 2>/dev/null || return 1
    rest=${stat##*) }
    [ "${rest%% *}" != Z ]
}

master_pid() { # prints the live master's pid, or fails
    local pid
    [ -n "${DIR:-}" ] && [ -f "$DIR/run/master.pid" ] || return 1
    pid=$(tr -dc '0-9' <"$DIR/run/master.pid")
    [ -n "$pid" ] && alive "$pid" || return 1
    # a recycled pid must still be our dovecot
    if [ -r "/proc/$pid/cmdline" ]; then
        tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q dovecot || return 1
    fi
    echo "$pid"
}

children_of() { # pid -> direct children pids (pure bash: no procps needed)
    local p stat rest state ppid
    for p in /proc/[0-9]*; do
        { stat=$(<"$p/stat"); } 2>/dev/null || continue
        rest=${stat##*) } # after "pid (comm) "
        read -r state ppid _ <<<"$rest"
        [ "$ppid" = "$1" ] && [ "$state" != Z ] && echo "${p#/proc/}" # zombies are gone already
    done
}

is_log_process() { # pid -> 0 when it is a Dovecot log process
    local cmd
    { cmd=$(tr '\0' ' ' <"/proc/$1/cmdline"); } 2>/dev/null || return 1
    [[ $cmd == dovecot*/log* ]]
}

sessions_in() { # "pids" -> those serving clients (imap, imap-login)
    local k cmd
    for k in $1; do
        { cmd=$(tr '\0' ' ' <"/proc/$k/cmdline"); } 2>/dev/null || continue
        [[ $cmd == dovecot*/imap\ * || $cmd == dovecot*/imap-login* || $cmd == dovecot*/imap ]] && echo "$k"
    done
}

only_log_left() { # pids -> 0 when every one is a Dovecot log process
    local k
    for k in "$@"; do is_log_process "$k" || return 1; done
    return 0
}

stop_master() { # stop the server recorded in $DIR; keeps the files
    local pid kids rest k i left only_log=0
    pid=$(master_pid) || return 0
    kids=$(children_of "$pid")
    # The master alone leaves client sessions (imap, imap-login as TLS proxy) running for
    # seconds; a server going down ends them, so they get SIGTERM at once too (they say
    # "* BYE Server shutting down."). The master ends its other helpers itself.
    kill -TERM "$pid" $(sessions_in "$kids") 2>/dev/null
    for ((i = 0; i < WAIT_SECONDS * 10; i++)); do
        alive "$pid" || break
        rest=$(children_of "$pid")
        [ -n "$(sessions_in "$rest")" ] && kill -TERM $(sessions_in "$rest") 2>/dev/null # late forks
        kids="$kids $rest"
        # Dovecot 2.3's master then waits ~3 s for its log process, which waits for the
        # master: once the log process is all that is left (twice in a row), end both.
        if [ -n "$rest" ] && only_log_left $rest; then
            only_log=$((only_log + 1))
            [ $only_log -ge 2 ] && kill -KILL "$pid" $rest 2>/dev/null
        else
            only_log=0
        fi
        sleep 0.05
    done
    if alive "$pid"; then
        say "master $pid did not stop within ${WAIT_SECONDS}s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null
        for ((i = 0; i < 50; i++)); do
            alive "$pid" || break
            sleep 0.1
        done
    fi
    # children notice the master's end by themselves; make sure none outlives it
    for ((i = 0; i < 20; i++)); do
        left=
        for k in $kids; do alive "$k" && left="$left $k"; done
        kids=$left
        [ -z "$kids" ] && break
        sleep 0.1
    done
    [ -n "$kids" ] && kill -KILL $kids 2>/dev/null
    rm -f "$DIR/run/master.pid"
    return 0
}

# --- ports ----------------------------------------------------------------------------

port_range() { # prints "LOW HIGH" for candidates: below the kernel's ephemeral range
    local lo=32768 hi=60999
    if [ -r /proc/sys/net/ipv4/ip_local_port_range ]; then
        read -r lo hi </proc/sys/net/ipv4/ip_local_port_range
    fi
    if [ "$lo" -gt 21000 ]; then
        echo "20000 $((lo - 1))"
    else
        echo "$((hi + 1)) 65000"
    fi
}

port_in_use() { # port -> 0 when any local socket uses it
    local p=$1 h
    if [ -n "$SS_BIN" ]; then
        [ -n "$("$SS_BIN" -Htan "( sport = :$p )" 2>/dev/null)" ]
        return
    fi
    for h in "$LOOPBACK_HOST" "$HOST" "$PLAIN_HOST"; do
        (exec 3<>"/dev/tcp/$h/$p") 2>/dev/null && return 0
    done
    return 1
}

pick_ports() {
    local lo hi p picked=()
    read -r lo hi < <(port_range)
    while [ ${#picked[@]} -lt 3 ]; do
        p=$((lo + (RANDOM * 32768 + RANDOM) % (hi - lo + 1)))
        [[ " ${picked[*]-} " == *" $p "* ]] && continue
        port_in_use "$p" && continue
        picked+=("$p")
    done
    IMAPS_PORT=${picked[0]}
    IMAP_PORT=${picked[1]}
    PLAIN_PORT=${picked[2]}
}

port_listening() { # host port
    if [ -n "$SS_BIN" ]; then
        "$SS_BIN" -Htln "( sport = :$2 )" 2>/dev/null | grep -qF "$1:$2"
        return
    fi
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

imap_greets() { # host port -> 0 when an IMAP greeting arrives
    (
        exec 3<>"/dev/tcp/$1/$2" || exit 1
        IFS= read -r -t 3 line <&3 || exit 1
        printf 'z LOGOUT\r\n' >&3
        [[ $line == "* OK"* ]]
    ) 2>/dev/null
}

wait_ready() { # waits until all listeners accept and log-in works; fails after WAIT_SECONDS
    local i
    for ((i = 0; i < WAIT_SECONDS * 20; i++)); do
        if port_listening "$HOST" "$IMAPS_PORT" && port_listening "$LOOPBACK_HOST" "$IMAPS_PORT" \
            && port_listening "$HOST" "$IMAP_PORT" && port_listening "$PLAIN_HOST" "$PLAIN_PORT"; then
            break
        fi
        sleep 0.05
    done
    for (( ; i < WAIT_SECONDS * 20; i++)); do
        if imap_greets "$HOST" "$IMAP_PORT" && imap_greets "$PLAIN_HOST" "$PLAIN_PORT" \
            && "$DOVEADM_BIN" -c "$CONF" auth test "${USER_PREFIX}1" "${PASSWORD_PREFIX}1${PASSWORD_SUFFIX}" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.05
    done
    return 1
}

# --- files ----------------------------------------------------------------------------

write_files() { # creates cert, users, maildir homes and dovecot.conf in $DIR
    local uid gid iuser luser igroup
    mkdir -p "$DIR/run" "$DIR/state" "$DIR/log" "$DIR/tls" "$DIR/home" || return 1
    chmod 0755 "$DIR" # mktemp makes it 0700; dovecot's unprivileged processes must traverse it

    if [ "$(id -u)" = 0 ]; then
        # Dovecot refuses to access mail as root: a numeric non-root uid/gid owns the mail.
        uid=${IDLEBELL_DOVECOT_MAIL_UID:-5000}
        gid=$uid
        iuser=dovecot
        luser=dovenull
        getent passwd "$iuser" >/dev/null || fail "system user '$iuser' is missing (the dovecot-core package creates it)" || return 1
        getent passwd "$luser" >/dev/null || fail "system user '$luser' is missing (the dovecot-core package creates it)" || return 1
    else
        # unprivileged: every process runs as the invoking user
        uid=$(id -u)
        gid=$(id -g)
        iuser=$(id -un) || fail "the current uid $(id -u) has no user name; Dovecot needs one" || return 1
        luser=$iuser
    fi
    igroup=$(id -gn "$iuser") || fail "no group name for $iuser" || return 1
    MAIL_UID=$uid
    MAIL_GID=$gid

    "$OPENSSL_BIN" req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
        -subj /CN=localhost \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:127.0.0.2,IP:127.0.0.3" \
        -addext "basicConstraints=critical,CA:TRUE" \
        -keyout "$DIR/tls/key.pem" -out "$DIR/tls/cert.pem" >"$DIR/log/openssl.log" 2>&1 \
        || {
            cat "$DIR/log/openssl.log" >&2
            fail "openssl could not make the test certificate" || return 1
        }
    chmod 0600 "$DIR/tls/key.pem"
    CERT_SHA256=$("$OPENSSL_BIN" x509 -in "$DIR/tls/cert.pem" -outform DER | sha256sum | cut -d' ' -f1)

    # As root every user gets a uid of its own (base + n): the kernel limits
    # inotify instances per uid (fs.inotify.max_user_instances, 128), and with
    # one uid for all users a few hundred IMAP sessions (the 50-account test,
    # the benchmarks) would exhaust it; Dovecot then stops pushing changes at
    # once and falls back to checking every 30 s.
    local n home user_uid
    FIRST_MAIL_UID=$uid
    LAST_MAIL_UID=$uid
    : >"$DIR/passwd"
    for ((n = 1; n <= USER_COUNT; n++)); do
        home="$DIR/home/$USER_PREFIX$n"
        mkdir -p "$home"
        user_uid=$uid
        if [ "$(id -u)" = 0 ]; then
            user_uid=$((uid + n))
            LAST_MAIL_UID=$user_uid
            FIRST_MAIL_UID=$((uid + 1))
        fi
        echo "$USER_PREFIX$n:{PLAIN}$PASSWORD_PREFIX$n$PASSWORD_SUFFIX:$user_uid:$gid::$home::" >>"$DIR/passwd"
    done
    chmod 0644 "$DIR/passwd"

    local rawlog=""
    RAWLOG_DIR=""
    if [ "${IDLEBELL_RAWLOG:-0}" = 1 ]; then
        RAWLOG_DIR="$DIR/rawlog"
        mkdir -p "$RAWLOG_DIR"
        rawlog="  rawlog_dir = $RAWLOG_DIR"
    fi
    if [ "$(id -u)" = 0 ]; then
        for ((n = 1; n <= USER_COUNT; n++)); do
            chown -R "$((uid + n)):$gid" "$DIR/home/$USER_PREFIX$n" || return 1
        done
        if [ -n "$RAWLOG_DIR" ]; then
            chown "$uid:$gid" "$RAWLOG_DIR" && chmod 1777 "$RAWLOG_DIR" || return 1
        fi
    fi

    local ssl_dh=""
    [ -r /usr/share/dovecot/dh.pem ] && ssl_dh="ssl_dh = </usr/share/dovecot/dh.pem"

    local nonroot=""
    if [ "$(id -u)" != 0 ]; then
        # an unprivileged master can neither chroot nor change users
        nonroot="service imap-login {
  chroot =
}
service anvil {
  chroot =
}
service auth-worker {
  user = $iuser
}"
    fi

    cat >"$DIR/dovecot.conf" <<EOF
# Written by tests/support/dovecot-fixture.sh: a throwaway Dovecot for Idlebell's tests.
instance_name = idlebell-$(basename "$DIR")
base_dir = $DIR/run
state_dir = $DIR/state
log_path = $DIR/log/dovecot.log
info_log_path = $DIR/log/dovecot.log
debug_log_path = $DIR/log/dovecot.log
log_timestamp = "%Y-%m-%d %H:%M:%S "
protocols = imap
listen = $HOST

default_internal_user = $iuser
default_internal_group = $igroup
default_login_user = $luser
first_valid_uid = $FIRST_MAIL_UID
last_valid_uid = $LAST_MAIL_UID
first_valid_gid = $gid
last_valid_gid = $gid

ssl = yes
ssl_cert = <$DIR/tls/cert.pem
ssl_key = <$DIR/tls/key.pem
ssl_min_protocol = TLSv1.2
$ssl_dh

# LOGIN / AUTHENTICATE PLAIN only after TLS (the IMAP_PORT shows LOGINDISABLED until
# STARTTLS) ... except on the PLAIN_HOST listener, see the local block below.
disable_plaintext_auth = yes
auth_mechanisms = plain login
auth_verbose = yes
# No delays after failed logins: every test client comes from 127.0.0.1, so Dovecot's
# per-IP auth penalty (up to 15 s, via anvil) would slow down every parallel test after
# one wrong-password test. A listener mode of 0 is Dovecot's documented way to disable it.
auth_failure_delay = 0
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DIR/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u $DIR/passwd
}

mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Archive {
    special_use = \\Archive
    auto = subscribe
  }
}

protocol imap {
  # the default is 10; tests open several sessions per user
  mail_max_userip_connections = $MAX_USERIP_CONNECTIONS
$rawlog
}

service imap-login {
  inet_listener imap {
    address = $HOST
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = $HOST $LOOPBACK_HOST
    port = $IMAPS_PORT
    ssl = yes
  }
  inet_listener imap_plain {
    address = $PLAIN_HOST
    port = $PLAIN_PORT
  }
}
$nonroot

# Plaintext auth on the third listener only. A client connecting to $PLAIN_HOST has the
# source address 127.0.0.1, so Dovecot does not count it as "secured" (that happens only when
# remote IP == local IP), and this per-local-IP setting is what allows the LOGIN.
local $PLAIN_HOST {
  disable_plaintext_auth = no
}
EOF
}

write_env() {
    local tmp="$STATE_DIR/env.tmp.$$"
    cat >"$tmp" <<EOF
# Written by tests/support/dovecot-fixture.sh start: KEY=VALUE lines, also valid shell.
DOVECOT_DIR=$DIR
DOVECOT_CONF=$DIR/dovecot.conf
DOVECOT_LOG=$DIR/log/dovecot.log
DOVECOT_PID_FILE=$DIR/run/master.pid
INSTANCE_NAME=idlebell-$(basename "$DIR")
SCRIPT=$SCRIPT_PATH
HOST=$HOST
IMAPS_PORT=$IMAPS_PORT
IMAP_PORT=$IMAP_PORT
PLAIN_HOST=$PLAIN_HOST
PLAIN_PORT=$PLAIN_PORT
LOOPBACK_HOST=$LOOPBACK_HOST
CA_CERT=$DIR/tls/cert.pem
CERT_SHA256=$CERT_SHA256
USER_COUNT=$USER_COUNT
USER_PREFIX=$USER_PREFIX
PASSWORD_PREFIX=$PASSWORD_PREFIX
PASSWORD_SUFFIX=$PASSWORD_SUFFIX
MAIL_UID=$MAIL_UID
MAIL_GID=$MAIL_GID
MAILBOX_SEPARATOR=/
MAX_USERIP_CONNECTIONS=$MAX_USERIP_CONNECTIONS
RAWLOG_DIR=$RAWLOG_DIR
DOVEADM='$DOVEADM_BIN -c $DIR/dovecot.conf'
EOF
    mv -f "$tmp" "$ENV_FILE"
}

# --- commands -------------------------------------------------------------------------

launch() { # starts the master on $CONF; 0 on success, 2 when a port was taken, 1 otherwise
    local out rc
    # Not $(...): the daemon's children would inherit the pipe, and the caller (this
    # script, or ctest reading our output) would wait for its end for ever.
    "$DOVECOT_BIN" -c "$CONF" </dev/null >"$DIR/log/master-start.log" 2>&1
    rc=$?
    out=$(cat "$DIR/log/master-start.log" 2>/dev/null)
    if [ $rc -ne 0 ]; then
        if grep -q "Address already in use" <<<"$out$(tail -n 20 "$DIR/log/dovecot.log" 2>/dev/null)"; then
            LAUNCH_ERROR=$out
            return 2
        fi
        LAUNCH_ERROR=$out
        return 1
    fi
    if ! wait_ready; then
        LAUNCH_ERROR="Dovecot started but its listeners were not ready within ${WAIT_SECONDS}s"
        stop_master
        return 1
    fi
    return 0
}

report_failure() { # message
    echo "$PROG: ERROR: $1" >&2
    [ -n "${LAUNCH_ERROR:-}" ] && printf '%s\n' "--- dovecot said:" "$LAUNCH_ERROR" >&2
    if [ -f "$DIR/log/dovecot.log" ]; then
        echo "--- $DIR/log/dovecot.log:" >&2
        tail -n 60 "$DIR/log/dovecot.log" >&2
    fi
    echo "--- (config: $CONF)" >&2
}

discard_dir() { # after a failed start: keep the log in STATE_DIR, remove the temp dir
    [ -f "$DIR/log/dovecot.log" ] && cp -f "$DIR/log/dovecot.log" "$STATE_DIR/last-dovecot.log" 2>/dev/null
    if [ "${IDLEBELL_KEEP_DOVECOT:-0}" = 1 ]; then
        echo "$PROG: kept $DIR (IDLEBELL_KEEP_DOVECOT=1)" >&2
    else
        rm -rf "$DIR"
    fi
}

cmd_start() {
    local t0 attempt rc
    t0=$(date +%s%N)
    need_tools
    mkdir -p "$STATE_DIR" || die "cannot create $STATE_DIR"
    if load_env; then
        say "an instance is recorded in $STATE_DIR; stopping it first"
        cmd_stop
    fi
    rm -f "$ENV_FILE"

    DIR=$(mktemp -d /tmp/ibdc.XXXXXX) || die "mktemp failed"
    CONF=$DIR/dovecot.conf
    for attempt in 1 2 3 4 5; do
        pick_ports
        write_files || {
            report_failure "could not write the Dovecot files in $DIR"
            discard_dir
            exit 1
        }
        launch
        rc=$?
        [ $rc -eq 0 ] && break
        if [ $rc -eq 2 ] && [ $attempt -lt 5 ]; then
            say "a chosen port was taken meanwhile; trying other ports"
            continue
        fi
        report_failure "Dovecot did not start"
        discard_dir
        exit 1
    done
    write_env
    say "started in $DIR (pid $(master_pid)): IMAPS $HOST:$IMAPS_PORT, STARTTLS $HOST:$IMAP_PORT, plain $PLAIN_HOST:$PLAIN_PORT, $USER_COUNT users, $((($(date +%s%N) - t0) / 1000000)) ms"
}

cmd_stop() {
    if ! load_env; then
        say "nothing recorded in $STATE_DIR; nothing to stop"
        return 0
    fi
    stop_master
    if [ -f "$DIR/log/dovecot.log" ]; then
        cp -f "$DIR/log/dovecot.log" "$STATE_DIR/last-dovecot.log" 2>/dev/null
    fi
    if [ "${IDLEBELL_KEEP_DOVECOT:-0}" = 1 ]; then
        say "stopped; kept $DIR (IDLEBELL_KEEP_DOVECOT=1)"
    else
        case "$DIR" in
        /tmp/ibdc.*) rm -rf "$DIR" ;;
        *) say "not removing unexpected dir '$DIR'" ;;
        esac
        say "stopped and removed $DIR"
    fi
    rm -f "$ENV_FILE"
}

cmd_down() {
    load_env || die "no instance recorded in $STATE_DIR (run start first)"
    stop_master
    say "server down (config, ports and mail kept in $DIR)"
}

cmd_up() {
    local t0 rc
    t0=$(date +%s%N)
    need_tools
    load_env || die "no instance recorded in $STATE_DIR (run start first)"
    [ -f "$CONF" ] || die "the recorded config $CONF is gone"
    if master_pid >/dev/null; then
        say "already running"
        return 0
    fi
    launch
    rc=$?
    if [ $rc -ne 0 ]; then
        report_failure "Dovecot did not start again on the same config (ports $IMAPS_PORT $IMAP_PORT $PLAIN_PORT)"
        exit 1
    fi
    say "up again (pid $(master_pid)), $((($(date +%s%N) - t0) / 1000000)) ms"
}

cmd_restart() {
    load_env || die "no instance recorded in $STATE_DIR (run start first)"
    stop_master
    cmd_up
}

cmd_status() {
    if ! load_env; then
        say "no instance recorded in $STATE_DIR"
        exit 3
    fi
    local pid
    if pid=$(master_pid); then
        say "running (pid $pid) in $DIR: IMAPS $HOST:$IMAPS_PORT, STARTTLS $HOST:$IMAP_PORT, plain $PLAIN_HOST:$PLAIN_PORT"
        exit 0
    fi
    say "not running (files in $DIR)"
    exit 3
}

[ $# -eq 2 ] || usage
STATE_DIR=$2
case "$STATE_DIR" in /*) ;; *) STATE_DIR=$PWD/$STATE_DIR ;; esac
ENV_FILE=$STATE_DIR/env
RAWLOG_DIR=""
case "$1" in
start) cmd_start ;;
stop) cmd_stop ;;
restart) cmd_restart ;;
down) cmd_down ;;
up) cmd_up ;;
status) cmd_status ;;
*) usage ;;
esac
