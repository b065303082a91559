// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "test-utils.h"

static char *
canonical (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return json_to_string (node, FALSE);
}

void
assert_request_json (MistralChatCompletionRequest *request,
                     const char                   *expected_json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *actual = mistral_chat_completion_request_to_json (request, &error);
  g_autofree char *expected = canonical (expected_json);

  g_assert_no_error (error);
  g_assert_cmpstr (actual, ==, expected);
}

void
assert_json_equal (const char *actual,
                   const char *expected)
{
  g_autoptr(JsonNode) a = json_from_string (actual, NULL);
  g_autoptr(JsonNode) b = json_from_string (expected, NULL);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  if (!json_node_equal (a, b))
    {
      g_autofree char *a_text = json_to_string (a, FALSE);
      g_autofree char *b_text = json_to_string (b, FALSE);

      g_assert_cmpstr (a_text, ==, b_text);
    }
}

void
count_notify (guint *counter)
{
  (*counter)++;
}
