#!/bin/sh
# The installed .pc as a consumer's build reads it: pkg-config must answer
# without simdjson installed or named (in a shared build it is private to
# the library in every sense), and with no flag of it.
# Then the uninstalled .pc (meson-uninstalled/, for PKG_CONFIG_PATH or
# `meson devenv`): a program compiled and linked with its flags alone, the
# build tree's headers (generated ones included) and library, and run.
# usage: check-pc.sh DIR-OF-THE-GENERATED-PC DIR-OF-THE-UNINSTALLED-PC
#   (meson passes both, and CC, and CFLAGS in a sanitized build; the
#   compiler is cc without CC)
set -eu
out=$(PKG_CONFIG_PATH="$1" pkg-config --cflags --libs mistral-glib-1)
echo "pkg-config --cflags --libs mistral-glib-1: $out"
# simdjson's flags, not any path that has the word (a build directory
# named _build-nosimdjson, say).
simdjson_flags='(^|[[:space:]])(-lsimdjson|-DSIMDJSON[^[:space:]]*|-I[^[:space:]]*simdjson[^[:space:]]*/include)'
if printf '%s\n' "$out" | grep -qE "$simdjson_flags"; then
  echo "simdjson leaks into a consumer's flags" >&2
  exit 1
fi
if grep -qE "^Requires.*simdjson|$simdjson_flags" "$1/mistral-glib-1.pc"; then
  echo "simdjson is named in mistral-glib-1.pc" >&2
  exit 1
fi

[ $# -ge 2 ] || exit 0
uninstalled=$(PKG_CONFIG_PATH="$2" pkg-config --cflags --libs mistral-glib-1)
echo "uninstalled: pkg-config --cflags --libs mistral-glib-1: $uninstalled"
if printf '%s\n' "$uninstalled" | grep -qE "$simdjson_flags"; then
  echo "simdjson leaks into the uninstalled .pc's flags" >&2
  exit 1
fi
libdir=$(PKG_CONFIG_PATH="$2" pkg-config --variable=mistral_libdir mistral-glib-1)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/consumer.c" <<'EOF'
#include <mistral-glib.h>

int
main (void)
{
  g_autoptr(MistralClient) client = mistral_client_new ("key");
  g_autoptr(MistralChatCompletionRequest) request =
    mistral_chat_completion_request_new ("mistral-small-latest");
  g_autoptr(MistralUserMessage) user = mistral_user_message_new ("Hi");
  g_autofree char *json = NULL;

  mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (user));
  json = mistral_chat_completion_request_to_json (request, NULL);

  /* The generated headers: mistral-version.h, mistral-enum-types.h. */
  g_print ("mistral-glib %s, %s: %s\n", MISTRAL_VERSION_S,
           g_type_name (MISTRAL_TYPE_ERROR), json);
  return json != NULL && MISTRAL_IS_CLIENT (client) ? 0 : 1;
}
EOF
# $CC may be a command with arguments (ccache cc): split on purpose.
# shellcheck disable=SC2086
${CC:-cc} ${CFLAGS:-} -o "$tmp/consumer" "$tmp/consumer.c" $uninstalled
LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$tmp/consumer"
