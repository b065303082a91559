// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <string.h>

#include <mistral-glib.h>

G_BEGIN_DECLS

/* Asserts that @request serialises to exactly @expected_json (the same
 * members in the same order, byte for byte once both are compact). */
void assert_request_json (MistralChatCompletionRequest *request,
                          const char                   *expected_json);

/* Asserts that two JSON texts are equal as JSON (member order ignored). */
void assert_json_equal   (const char *actual,
                          const char *expected);

void count_notify        (guint *counter);

G_END_DECLS
