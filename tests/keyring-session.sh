#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# keyring-session.sh PROGRAM [ARG…]: runs PROGRAM against a Secret Service
# of its own: a private D-Bus session (dbus-run-session) with a
# gnome-keyring-daemon whose login keyring is made and unlocked with a
# throwaway password, HOME and the XDG directories in a temporary
# directory. The user's keyring and session bus are never touched. The
# daemon leaves with the bus, when PROGRAM ends.
#
# Without dbus-run-session or gnome-keyring-daemon, PROGRAM runs as it is
# (MISTRAL_TEST_KEYRING unset): the keyring tests then skip.
set -u

if ! command -v dbus-run-session > /dev/null || ! command -v gnome-keyring-daemon > /dev/null; then
  echo "# dbus-run-session or gnome-keyring-daemon not found: the keyring tests skip" >&2
  exec "$@"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/runtime"
chmod 700 "$tmp/runtime"

HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/runtime" \
MISTRAL_TEST_KEYRING=1 \
  dbus-run-session -- sh -c '
    # The daemon prints its environment; the TAP output must stay clean.
    printf %s test-password | gnome-keyring-daemon --unlock --components=secrets > /dev/null 2>&1 &&
      gnome-keyring-daemon --start --components=secrets > /dev/null 2>&1 ||
      { echo "gnome-keyring-daemon did not start" >&2; exit 1; }
    exec "$@"' sh "$@" 2> "$tmp/stderr"
status=$?
# dbus-daemon complains that it cannot raise its fd limit, unprivileged.
grep -v "Failed to set fd limit" "$tmp/stderr" >&2
exit $status
