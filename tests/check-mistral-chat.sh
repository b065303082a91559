#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# SPDX-FileCopyrightText: 2026 The mistral-glib authors
#
# check-mistral-chat.sh MISTRAL-CHAT MOCK-SERVER: runs `mistral-chat
# --list-models` against the mock server (tests/mock/models.c) and checks
# what it prints, then that a failure is an error on stderr and exit 1;
# and its --help usage line.
set -u

chat=$1
server=$2
out=$(mktemp)
trap 'kill $pid 2>/dev/null; rm -f "$out"' EXIT

"$server" > "$out" &
pid=$!
for _ in $(seq 50); do
  [ -s "$out" ] && break
  sleep 0.1
done
url=$(head -n 1 "$out")

# The usage line names the prompt once.
usage=$("$chat" --help | sed -n 2p)
if [ "$usage" != "  mistral-chat [OPTION…] PROMPT… — chat with a Mistral model" ]; then
  echo "mistral-chat --help usage line: $usage"
  exit 1
fi

expected='mistral-small-2506 (mistral-small-latest): completion-chat function-calling fine-tuning vision
codestral-2508 (codestral-latest): completion-chat completion-fim function-calling
magistral-medium-2509 (magistral-medium-latest): completion-chat function-calling reasoning vision
mistral-embed:
mistral-moderation-2411 (mistral-moderation-latest): classification moderation
open-mistral-7b (mistral-tiny): completion-chat function-calling fine-tuning [deprecated: retired on 2025-03-30, use ministral-8b-latest]
ft:open-mistral-7b:587a6b29:20240514:7e773925: completion-chat'

actual=$(MISTRAL_API_KEY=test-key "$chat" --list-models --base-url "$url")
status=$?
if [ $status -ne 0 ] || [ "$actual" != "$expected" ]; then
  echo "mistral-chat --list-models (exit $status) printed:"
  echo "$actual"
  echo "expected:"
  echo "$expected"
  exit 1
fi

# Nothing listens on port 1 of the loopback: an error, and exit 1.
if MISTRAL_API_KEY=test-key "$chat" --list-models --base-url http://127.0.0.1:1 > "$out" 2>&1; then
  echo "mistral-chat --list-models did not fail without a server"
  exit 1
fi
grep -q '^mistral-chat: ' "$out" || { echo "no error message: $(cat "$out")"; exit 1; }
echo "mistral-chat --list-models: ok"
