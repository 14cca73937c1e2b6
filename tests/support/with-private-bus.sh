#!/usr/bin/env bash
# Run a command on a private, throw-away D-Bus session bus: no service
# activation (so no real notification daemon or keyring pops up), gone when
# the command ends.
#
#   with-private-bus.sh COMMAND [ARG...]
#
# Inside COMMAND, DBUS_SESSION_BUS_ADDRESS points at the private bus. The exit
# status is COMMAND's.
set -u
[ $# -gt 0 ] || { echo "usage: with-private-bus.sh COMMAND [ARG...]" >&2; exit 2; }
command -v dbus-daemon >/dev/null 2>&1 || { echo "with-private-bus.sh: dbus-daemon not found" >&2; exit 2; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/idlebell-bus.XXXXXX")
cat >"$dir/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=$dir</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF

exec 3< <(exec dbus-daemon --config-file="$dir/bus.conf" --nofork --print-address=1 --print-pid=1)
read -r address <&3 || { echo "with-private-bus.sh: dbus-daemon did not start" >&2; rm -rf "$dir"; exit 2; }
read -r pid <&3
export DBUS_SESSION_BUS_ADDRESS=$address

"$@"
rc=$?

kill "$pid" 2>/dev/null
rm -rf "$dir"
exit $rc
