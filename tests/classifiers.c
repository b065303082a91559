// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Moderation and classification over real HTTP against the local server:
 * the exact JSON each of the four calls sends, every field of a reply,
 * unknown categories kept, hostile replies (wrong types at every level),
 * the error statuses, invalid calls never sent, and cancellation. */

#include <mistral-glib.h>

#include "mock-server.h"
#include "test-utils.h"

typedef TestHttp Fixture;

static const char * const api_categories[] = {
  "sexual", "hate_and_discrimination", "violence_and_threats", "dangerous_and_criminal_content",
  "selfharm", "health", "financial", "law", "pii", NULL
};

static GListModel *
conversation_new (void)
{
  GListStore *store = g_list_store_new (MISTRAL_TYPE_CHAT_MESSAGE);
  g_autoptr(MistralUserMessage) user = mistral_user_message_new ("I will kill the process");
  g_autoptr(MistralAssistantMessage) assistant = mistral_assistant_message_new ("Which one?");

  g_list_store_append (store, user);
  g_list_store_append (store, assistant);
  return G_LIST_MODEL (store);
}

static char *
last_body (Fixture    *fixture,
           const char *path)
{
  g_autoptr(MockRequest) sent = mock_server_get_last_request (fixture->server);

  g_assert_cmpstr (sent->method, ==, "POST");
  g_assert_cmpstr (sent->path, ==, path);
  g_assert_cmpstr (mock_request_get_header (sent, "Authorization"), ==, "Bearer test-key");
  g_assert_cmpstr (mock_request_get_header (sent, "Content-Type"), ==, "application/json");
  return mock_request_dup_body (sent);
}

static MistralModerationResult *
nth_result (MistralModerationResponse *response,
            guint                      i)
{
  return g_list_model_get_item (mistral_moderation_response_get_results (response), i);
}

static void
test_moderate (Fixture       *fixture,
               gconstpointer  data)
{
  const char *inputs[] = { "I will kill you", "Nice weather today", NULL };
  g_autoptr(MistralModerationResponse) response = NULL;
  g_autoptr(MistralModerationResult) first = NULL, second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) categories = NULL;
  gboolean flagged = FALSE;

  response = mistral_client_moderate (fixture->client, "mistral-moderation-latest", inputs, NULL, &error);
  g_assert_no_error (error);
  body = last_body (fixture, "/v1/moderations");
  g_assert_cmpstr (body, ==, "{\"model\":\"mistral-moderation-latest\",\"input\":[\"I will kill you\",\"Nice weather today\"]}");

  g_assert_cmpuint (strlen (mistral_moderation_response_get_id (response)), ==, 32);
  g_assert_cmpstr (mistral_moderation_response_get_model (response), ==, "mistral-moderation-latest");
  g_assert_cmpuint (g_list_model_get_n_items (mistral_moderation_response_get_results (response)), ==, 2);
  first = nth_result (response, 0);
  second = nth_result (response, 1);

  categories = mistral_moderation_result_get_categories (first);
  g_assert_true (g_strv_equal ((const char * const *) categories, api_categories));
  g_assert_true (mistral_moderation_result_get_flagged (first, "violence_and_threats"));
  g_assert_cmpfloat (mistral_moderation_result_get_score (first, "violence_and_threats"), ==, 0.97);
  g_assert_false (mistral_moderation_result_get_flagged (first, "sexual"));
  g_assert_cmpfloat (mistral_moderation_result_get_score (first, "sexual"), ==, 0.01);
  g_assert_true (mistral_moderation_result_get_any_flagged (first));
  g_object_get (first, "flagged", &flagged, NULL);
  g_assert_true (flagged);
  g_assert_false (mistral_moderation_result_get_any_flagged (second));
  g_object_get (second, "flagged", &flagged, NULL);
  g_assert_false (flagged);
  /* A category the reply did not have. */
  g_assert_false (mistral_moderation_result_get_flagged (first, "no_such_category"));
  g_assert_cmpfloat (mistral_moderation_result_get_score (first, "no_such_category"), ==, 0);
}

static void
test_moderate_chat (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GListModel) messages = conversation_new ();
  g_autoptr(MistralModerationResponse) response = NULL;
  g_autoptr(MistralModerationResult) result = NULL;
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  mistral_client_moderate_chat_async (fixture->client, "mistral-moderation-latest", messages, NULL,
                                      test_async_result_cb, &async_result);
  response = mistral_client_moderate_chat_finish (fixture->client, test_wait_result (&async_result), &error);
  g_assert_no_error (error);
  body = last_body (fixture, "/v1/chat/moderations");
  g_assert_cmpstr (body, ==, "{\"model\":\"mistral-moderation-latest\",\"input\":["
                             "{\"role\":\"user\",\"content\":\"I will kill the process\"},"
                             "{\"role\":\"assistant\",\"content\":\"Which one?\"}]}");
  g_assert_cmpuint (g_list_model_get_n_items (mistral_moderation_response_get_results (response)), ==, 1);
  result = nth_result (response, 0);
  g_assert_true (mistral_moderation_result_get_flagged (result, "violence_and_threats"));
}

static void
test_classify (Fixture       *fixture,
               gconstpointer  data)
{
  const char *inputs[] = { "What a bad day", NULL };
  g_autoptr(GListModel) messages = conversation_new ();
  g_autoptr(MistralModerationResponse) response = NULL;
  g_autoptr(MistralModerationResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) categories = NULL;
  const char *expected[] = { "sentiment/positive", "sentiment/negative", NULL };

  response = mistral_client_classify (fixture->client, "ft:classifier:abc", inputs, NULL, &error);
  g_assert_no_error (error);
  body = last_body (fixture, "/v1/classifications");
  g_assert_cmpstr (body, ==, "{\"model\":\"ft:classifier:abc\",\"input\":[\"What a bad day\"]}");
  g_assert_cmpstr (mistral_moderation_response_get_model (response), ==, "ft:classifier:abc");
  result = nth_result (response, 0);
  categories = mistral_moderation_result_get_categories (result);
  g_assert_true (g_strv_equal ((const char * const *) categories, expected));
  g_assert_cmpfloat (mistral_moderation_result_get_score (result, "sentiment/negative"), ==, 0.875);
  g_assert_cmpfloat (mistral_moderation_result_get_score (result, "sentiment/positive"), ==, 0.125);
  g_assert_false (mistral_moderation_result_get_any_flagged (result));
  g_clear_object (&result);
  g_clear_object (&response);
  g_clear_pointer (&body, g_free);

  response = mistral_client_classify_chat (fixture->client, "ft:classifier:abc", messages, NULL, &error);
  g_assert_no_error (error);
  body = last_body (fixture, "/v1/chat/classifications");
  g_assert_cmpstr (body, ==, "{\"model\":\"ft:classifier:abc\",\"input\":{\"messages\":["
                             "{\"role\":\"user\",\"content\":\"I will kill the process\"},"
                             "{\"role\":\"assistant\",\"content\":\"Which one?\"}]}}");
  result = nth_result (response, 0);
  g_assert_cmpfloat (mistral_moderation_result_get_score (result, "sentiment/negative"), ==, 0.875);
}

/* Every field of scripted replies, and categories this version does not know. */
static void
test_reply_fields (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *inputs[] = { "x", NULL };
  const char *expected[] = { "violence_and_threats", "future_category", "only_scored", NULL };
  const char *expected_cls[] = { "intent/buy", "intent/sell", "tone/formal", NULL };
  g_autoptr(MistralModerationResponse) response = NULL;
  g_autoptr(MistralModerationResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) categories = NULL;

  mock_server_push_reply (fixture->server, test_reply_body (200, "application/json",
    "{\"id\":\"mod-e5cc70bb28c444948073e77776eb30ef\",\"model\":\"mistral-moderation-2411\",\"results\":["
    "{\"categories\":{\"violence_and_threats\":false,\"future_category\":true,\"nulled\":null},"
    "\"category_scores\":{\"violence_and_threats\":0.25,\"future_category\":0.75,\"only_scored\":0.5}}]}"));
  response = mistral_client_moderate (fixture->client, "mistral-moderation-latest", inputs, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_moderation_response_get_id (response), ==, "mod-e5cc70bb28c444948073e77776eb30ef");
  g_assert_cmpstr (mistral_moderation_response_get_model (response), ==, "mistral-moderation-2411");
  result = nth_result (response, 0);
  categories = mistral_moderation_result_get_categories (result);
  g_assert_true (g_strv_equal ((const char * const *) categories, expected));
  g_assert_false (mistral_moderation_result_get_flagged (result, "violence_and_threats"));
  g_assert_cmpfloat (mistral_moderation_result_get_score (result, "violence_and_threats"), ==, 0.25);
  g_assert_true (mistral_moderation_result_get_flagged (result, "future_category"));
  g_assert_cmpfloat (mistral_moderation_result_get_score (result, "future_category"), ==, 0.75);
  g_assert_false (mistral_moderation_result_get_flagged (result, "only_scored"));
  g_assert_cmpfloat (mistral_moderation_result_get_score (result, "only_scored"), ==, 0.5);
  g_assert_true (mistral_moderation_result_get_any_flagged (result));
  g_clear_object (&result);
  g_clear_object (&response);
  g_clear_pointer (&categories, g_strfreev);

  /* The classification shape, with two targets; an integer is a number. */
  mock_server_push_reply (fixture->server, test_reply_body (200, "application/json",
    "{\"id\":\"c1\",\"model\":\"ft:classifier:abc\",\"results\":["
    "{\"intent\":{\"scores\":{\"buy\":0.9,\"sell\":0.1}},\"tone\":{\"scores\":{\"formal\":1}}},{}]}"));
  response = mistral_client_classify (fixture->client, "ft:classifier:abc", inputs, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_moderation_response_get_results (response)), ==, 2);
  result = nth_result (response, 0);
  categories = mistral_moderation_result_get_categories (result);
  g_assert_true (g_strv_equal ((const char * const *) categories, expected_cls));
  g_assert_cmpfloat (mistral_moderation_result_get_score (result, "intent/buy"), ==, 0.9);
  g_assert_cmpfloat (mistral_moderation_result_get_score (result, "tone/formal"), ==, 1.0);
  g_assert_false (mistral_moderation_result_get_any_flagged (result));
  g_clear_object (&result);
  g_clear_pointer (&categories, g_strfreev);
  result = nth_result (response, 1);
  categories = mistral_moderation_result_get_categories (result);
  g_assert_cmpuint (g_strv_length (categories), ==, 0);
}

static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct {
    gboolean classification;
    const char *body;
    const char *path;
  } cases[] = {
    { FALSE, "[]", "the response" },
    { FALSE, "{\"id\":7,\"model\":\"m\",\"results\":[]}", "id" },
    { FALSE, "{\"id\":\"a\",\"model\":[],\"results\":[]}", "model" },
    { FALSE, "{\"id\":\"a\",\"model\":\"m\",\"results\":{}}", "results" },
    { FALSE, "{\"id\":\"a\",\"model\":\"m\",\"results\":\"none\"}", "results" },
    { FALSE, "{\"id\":\"a\",\"model\":\"m\",\"results\":[1]}", "results[0]" },
    { FALSE, "{\"results\":[{\"categories\":[]}]}", "results[0].categories" },
    { FALSE, "{\"results\":[{\"categories\":{\"sexual\":\"yes\"}}]}", "results[0].categories.sexual" },
    { FALSE, "{\"results\":[{\"category_scores\":true}]}", "results[0].category_scores" },
    { FALSE, "{\"results\":[{},{\"category_scores\":{\"pii\":\"0.5\"}}]}", "results[1].category_scores.pii" },
    { FALSE, "{\"results\":[{\"category_scores\":{\"pii\":{}}}]}", "results[0].category_scores.pii" },
    { TRUE, "{\"results\":[{\"intent\":3}]}", "results[0].intent" },
    { TRUE, "{\"results\":[{\"intent\":{\"scores\":[]}}]}", "results[0].intent.scores" },
    { TRUE, "{\"results\":[{\"intent\":{\"scores\":{\"buy\":\"high\"}}}]}", "results[0].intent.scores.buy" },
    { TRUE, "{\"results\":[[]]}", "results[0]" },
  };
  const char *inputs[] = { "x", NULL };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MistralModerationResponse) response = NULL;
      g_autoptr(GError) error = NULL;

      mock_server_push_reply (fixture->server, test_reply_body (200, "application/json", cases[i].body));
      if (cases[i].classification)
        response = mistral_client_classify (fixture->client, "m", inputs, NULL, &error);
      else
        response = mistral_client_moderate (fixture->client, "m", inputs, NULL, &error);
      g_assert_null (response);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
      if (strstr (error->message, cases[i].path) == NULL)
        g_error ("case %" G_GSIZE_FORMAT ": \"%s\" does not name %s", i, error->message, cases[i].path);
    }
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  const char *inputs[] = { "x", NULL };
  const char *no_inputs[] = { NULL };
  g_autoptr(GListModel) empty = G_LIST_MODEL (g_list_store_new (MISTRAL_TYPE_CHAT_MESSAGE));
  g_autoptr(GListModel) not_messages = G_LIST_MODEL (g_list_store_new (G_TYPE_OBJECT));
  g_autoptr(MistralModerationResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  response = mistral_client_moderate (fixture->client, "mock-error-429", inputs, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_RATE_LIMITED);
  g_clear_error (&error);
  response = mistral_client_classify (fixture->client, "mock-error-500", inputs, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_SERVER);
  g_clear_error (&error);

  /* The server's own 422, to a body it refuses. */
  mock_server_push_reply (fixture->server, test_reply_body (422, "application/json",
    "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"input\"],"
    "\"msg\":\"Field required\",\"input\":{}}]},\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}"));
  response = mistral_client_moderate (fixture->client, "m", inputs, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "Field required"));
  g_clear_error (&error);

  /* Invalid calls are never sent. */
  n = mock_server_get_n_requests (fixture->server);
  response = mistral_client_moderate (fixture->client, "", inputs, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, "The request has no model");
  g_clear_error (&error);
  response = mistral_client_classify (fixture->client, "m", no_inputs, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, "The request has no inputs");
  g_clear_error (&error);
  response = mistral_client_moderate_chat (fixture->client, "m", empty, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  response = mistral_client_classify_chat (fixture->client, "m", not_messages, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_null (response);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, n);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  const char *inputs[] = { "x", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MistralModerationResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  MockReply *slow = test_reply_body (200, "application/json", "{\"id\":\"a\",\"model\":\"m\",\"results\":[]}");

  mock_reply_set_delay_ms (slow, 5000);
  mock_server_push_reply (fixture->server, slow);
  g_timeout_add (100, test_cancel_cb, cancellable);
  mistral_client_moderate_async (fixture->client, "m", inputs, cancellable, test_async_result_cb, &result);
  response = mistral_client_moderate_finish (fixture->client, test_wait_result (&result), &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Cancelled before it starts: nothing is sent. */
  mock_server_clear_requests (fixture->server);
  response = mistral_client_moderate (fixture->client, "m", inputs, cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  TEST_ADD_HTTP ("/classifiers/moderate", test_moderate);
  TEST_ADD_HTTP ("/classifiers/moderate-chat", test_moderate_chat);
  TEST_ADD_HTTP ("/classifiers/classify", test_classify);
  TEST_ADD_HTTP ("/classifiers/reply-fields", test_reply_fields);
  TEST_ADD_HTTP ("/classifiers/hostile", test_hostile);
  TEST_ADD_HTTP ("/classifiers/errors", test_errors);
  TEST_ADD_HTTP ("/classifiers/cancel", test_cancel);

  return g_test_run ();
}
