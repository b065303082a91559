#!/bin/sh
# mistral-glib as a meson subproject: the consumer in tests/subproject/
# (a meson.build and a main.c) is copied into a scratch directory, with
# this source tree as its subprojects/mistral-glib, then set up, compiled
# and run, against the mock server too when MISTRAL_MOCK_SERVER is set.
# Then, from that build:
#   - its uninstalled .pc (meson-uninstalled/): main.c compiled, linked
#     and run with its flags alone;
#   - an install into a scratch prefix: main.c compiled, linked and run
#     with the installed .pc, simdjson's .pc hidden from pkg-config (the
#     library is built with simdjson where it is installed).
# Exits 77 (skipped) when meson, ninja, pkg-config or the C compiler is
# missing, and non-zero on any other failure.
#
# usage: check-subproject.sh SRCDIR   (meson passes it; $CC, $MESON and
#   $MISTRAL_MOCK_SERVER are taken from the environment)
set -eu

srcdir=$(cd "$1" && pwd)
consumer_src=$srcdir/tests/subproject
meson=${MESON:-meson}
cc=${CC:-cc}

missing () {
  echo "SKIP: $1 is missing" >&2
  exit 77
}
command -v "$meson" >/dev/null 2>&1 || missing meson
command -v ninja >/dev/null 2>&1 || command -v samu >/dev/null 2>&1 || missing ninja
command -v pkg-config >/dev/null 2>&1 || missing pkg-config
command -v tar >/dev/null 2>&1 || missing tar
# $cc may be a command with arguments (ccache cc): its first word.
set -- $cc
command -v "$1" >/dev/null 2>&1 || missing "the C compiler ($cc)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mistral-glib-subproject.XXXXXX")
server_pid=
cleanup () {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

step () {
  echo
  echo "### $*"
}

# The consumer, and the source tree as its subproject: the working tree as
# it is, without its build directories (every one holds a build.ninja).
proj=$tmp/consumer
mkdir -p "$proj/subprojects/mistral-glib"
cp "$consumer_src/meson.build" "$consumer_src/main.c" "$proj/"
tar -C "$srcdir" --exclude=.git --exclude-tag-all=build.ninja \
    --exclude=meson-private --exclude=__pycache__ -cf - . |
  tar -C "$proj/subprojects/mistral-glib" -xf -

step "meson setup (mistral-glib as a subproject)"
# Built from the subproject even where a mistral-glib-1 is installed.
(cd "$proj" && "$meson" setup build \
   --prefix="$tmp/prefix" --libdir=lib \
   --wrap-mode=nodownload --force-fallback-for=mistral-glib-1)

step "meson compile"
"$meson" compile -C "$proj/build" -j 2

step "the consumer"
out=$("$proj/build/consumer")
echo "$out"
case $out in
  *'"model":"mistral-small-latest"'*) ;;
  *) echo "the consumer did not print its request's JSON" >&2; exit 1 ;;
esac

if [ -n "${MISTRAL_MOCK_SERVER:-}" ]; then
  step "the consumer against the mock server"
  # Plain HTTP, whatever test setup (a TLS front) runs this test. The
  # output file exists before the server starts, so that reading it never
  # races the shell's redirection in the background job.
  : > "$tmp/server.out"
  (unset MISTRAL_TEST_FRONT; exec "$MISTRAL_MOCK_SERVER" > "$tmp/server.out") &
  server_pid=$!
  # The URL is the server's first line: waited for whole (ended by its
  # newline), at most 30 s (a sanitizer build starts slowly), and no longer
  # once the server has died.
  url=
  tries=0
  while :; do
    if [ "$(wc -l < "$tmp/server.out")" -ge 1 ]; then
      url=$(head -n 1 "$tmp/server.out")
      break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the mock server exited before printing its URL" >&2
      exit 1
    fi
    tries=$((tries + 1))
    if [ $tries -ge 300 ]; then
      echo "the mock server printed no URL in 30 s" >&2
      exit 1
    fi
    sleep 0.1
  done
  case $url in
    http://*) ;;
    *) echo "the mock server printed '$url', not its URL" >&2; exit 1 ;;
  esac
  out=$("$proj/build/consumer" "$url")
  echo "$out"
  case $out in
    *'reply: Echo: Hi'*) ;;
    *) echo "no reply from the mock server" >&2; exit 1 ;;
  esac
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=
fi

# pc_consumer NAME: compiles and runs main.c with the flags of
# mistral-glib-1 as pkg-config gives them, with the library in $libdir.
pc_consumer () {
  flags=$(pkg-config --cflags --libs mistral-glib-1)
  echo "pkg-config --cflags --libs mistral-glib-1: $flags"
  if printf '%s\n' "$flags" | grep -qi simdjson; then
    echo "simdjson leaks into a consumer's flags" >&2
    exit 1
  fi
  # shellcheck disable=SC2086
  $cc -o "$tmp/$1" "$proj/main.c" $flags
  LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$tmp/$1"
}

step "the uninstalled .pc"
libdir=$proj/build/subprojects/mistral-glib/mistral-glib
PKG_CONFIG_PATH=$proj/build/meson-uninstalled pc_consumer uninstalled-consumer

step "meson install (into $tmp/prefix)"
"$meson" install -C "$proj/build" --no-rebuild --quiet

step "the installed .pc, simdjson's hidden"
libdir=$tmp/prefix/lib
if ldd "$libdir/libmistral-glib-1.so" | grep -q simdjson; then
  echo "(the library links simdjson)"
else
  echo "(the library is built without simdjson)"
fi
# Every .pc pkg-config would find, but simdjson's.
mkdir "$tmp/pc"
syspath=$(pkg-config --variable=pc_path pkg-config)
oldifs=$IFS
IFS=:
for dir in ${PKG_CONFIG_PATH:-} $syspath; do
  [ -d "$dir" ] || continue
  for pc in "$dir"/*.pc; do
    name=${pc##*/}
    [ -e "$pc" ] && [ "$name" != simdjson.pc ] && [ ! -e "$tmp/pc/$name" ] || continue
    ln -s "$pc" "$tmp/pc/$name"
  done
done
IFS=$oldifs
export PKG_CONFIG_LIBDIR="$libdir/pkgconfig:$tmp/pc"
unset PKG_CONFIG_PATH
if pkg-config --exists simdjson; then
  echo "simdjson's .pc is not hidden" >&2
  exit 1
fi
pc_consumer installed-consumer

echo
echo "mistral-glib works as a subproject"
