#!/bin/sh
# The installed .pc as a consumer's build reads it: pkg-config must answer
# without simdjson installed or named (in a shared build it is private to
# the library in every sense), and with no flag of it.
# usage: check-pc.sh DIR-OF-THE-GENERATED-PC
set -eu
out=$(PKG_CONFIG_PATH="$1" pkg-config --cflags --libs mistral-glib-1)
echo "pkg-config --cflags --libs mistral-glib-1: $out"
if printf '%s\n' "$out" | grep -qi simdjson; then
  echo "simdjson leaks into a consumer's flags" >&2
  exit 1
fi
if grep -qi simdjson "$1/mistral-glib-1.pc"; then
  echo "simdjson is named in mistral-glib-1.pc" >&2
  exit 1
fi
