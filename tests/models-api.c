// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The Models area against the local server: list, get, delete and search,
 * every field of a card, hostile bodies, error statuses, cancellation. */

#include <mistral-glib.h>

#include "mock-server.h"
#include "test-utils.h"

typedef TestHttp Fixture;

#define FT_ID "ft:open-mistral-7b:587a6b29:20240514:7e773925"
/* The client sends ':' escaped (%3A), which libsoup's server decodes
 * again before the mock records the path, ':' needing no escape in a
 * path; test_get_not_found checks the characters that do. */
#define FT_PATH "/v1/models/" FT_ID

static void
assert_sent (MockServer *server,
             const char *method,
             const char *path)
{
  g_autoptr(MockRequest) sent = mock_server_get_last_request (server);

  g_assert_nonnull (sent);
  g_assert_cmpstr (sent->method, ==, method);
  g_assert_cmpstr (sent->path, ==, path);
  g_assert_null (sent->query);
  g_assert_cmpuint (g_bytes_get_size (sent->body), ==, 0);
  g_assert_cmpstr (mock_request_get_header (sent, "Authorization"), ==, "Bearer test-key");
  g_assert_cmpstr (mock_request_get_header (sent, "Accept"), ==, "application/json");
}

static MistralModelCard *
card_at (GListModel *models,
         guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (models, position);

  g_assert_true (MISTRAL_IS_MODEL_CARD (item));
  /* The list keeps it alive. */
  return MISTRAL_MODEL_CARD (item);
}

static GListModel *
list_models_async (MistralClient  *client,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mistral_client_list_models_async (client, cancellable, test_async_result_cb, &result);
  return mistral_client_list_models_finish (client, test_wait_result (&result), error);
}

static void
assert_date (GDateTime *date,
             gint64     unix_seconds)
{
  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_to_unix (date), ==, unix_seconds);
  g_assert_cmpint (g_date_time_get_utc_offset (date), ==, 0);
}

/* The mock server's mistral-small-2506 (tests/mock/models.c). */
static void
assert_small_card (MistralModelCard *card)
{
  const char * const *aliases = mistral_model_card_get_aliases (card);
  g_autofree char *id = NULL;
  guint max_length = 0;
  MistralModelCapabilities capabilities = 0;

  g_assert_cmpstr (mistral_model_card_get_id (card), ==, "mistral-small-2506");
  g_assert_cmpstr (mistral_model_card_get_name (card), ==, "mistral-small-2506");
  g_assert_cmpstr (mistral_model_card_get_description (card), ==, "Our small model, with vision.");
  g_assert_cmpstr (mistral_model_card_get_owned_by (card), ==, "mistralai");
  assert_date (mistral_model_card_get_created (card), 1750204800);
  g_assert_cmpstr (mistral_model_card_get_model_type (card), ==, "base");
  g_assert_cmpuint (mistral_model_card_get_max_context_length (card), ==, 131072);
  g_assert_cmpuint (g_strv_length ((GStrv) aliases), ==, 1);
  g_assert_cmpstr (aliases[0], ==, "mistral-small-latest");
  g_assert_null (mistral_model_card_get_deprecation (card));
  g_assert_null (mistral_model_card_get_deprecation_replacement_model (card));
  g_assert_true (mistral_model_card_get_default_model_temperature_set (card));
  g_assert_cmpfloat (mistral_model_card_get_default_model_temperature (card), ==, 0.3);
  g_assert_cmpuint (mistral_model_card_get_capabilities (card), ==,
                    MISTRAL_MODEL_CAPABILITIES_COMPLETION_CHAT | MISTRAL_MODEL_CAPABILITIES_FUNCTION_CALLING |
                    MISTRAL_MODEL_CAPABILITIES_FINE_TUNING | MISTRAL_MODEL_CAPABILITIES_VISION);
  g_assert_true (mistral_model_card_has_capabilities (card, MISTRAL_MODEL_CAPABILITIES_VISION |
                                                      MISTRAL_MODEL_CAPABILITIES_COMPLETION_CHAT));
  g_assert_true (mistral_model_card_has_capabilities (card, MISTRAL_MODEL_CAPABILITIES_NONE));
  g_assert_false (mistral_model_card_has_capabilities (card, MISTRAL_MODEL_CAPABILITIES_VISION |
                                                       MISTRAL_MODEL_CAPABILITIES_REASONING));
  g_assert_null (mistral_model_card_get_job (card));
  g_assert_null (mistral_model_card_get_root (card));
  g_assert_false (mistral_model_card_get_archived (card));

  /* The same through the properties. */
  g_object_get (card, "id", &id, "max-context-length", &max_length, "capabilities", &capabilities, NULL);
  g_assert_cmpstr (id, ==, "mistral-small-2506");
  g_assert_cmpuint (max_length, ==, 131072);
  g_assert_cmpuint (capabilities, ==, mistral_model_card_get_capabilities (card));
}

static void
assert_fine_tuned_card (MistralModelCard *card)
{
  g_assert_cmpstr (mistral_model_card_get_id (card), ==, FT_ID);
  g_assert_cmpstr (mistral_model_card_get_model_type (card), ==, "fine-tuned");
  g_assert_cmpstr (mistral_model_card_get_owned_by (card), ==, "587a6b29");
  g_assert_null (mistral_model_card_get_name (card));
  g_assert_null (mistral_model_card_get_description (card));
  assert_date (mistral_model_card_get_created (card), 1715644800);
  g_assert_cmpuint (mistral_model_card_get_max_context_length (card), ==, 32768);
  g_assert_nonnull (mistral_model_card_get_aliases (card));
  g_assert_null (mistral_model_card_get_aliases (card)[0]);
  g_assert_cmpuint (mistral_model_card_get_capabilities (card), ==, MISTRAL_MODEL_CAPABILITIES_COMPLETION_CHAT);
  g_assert_false (mistral_model_card_get_default_model_temperature_set (card));
  g_assert_cmpstr (mistral_model_card_get_job (card), ==, "7e773925-4a8c-4a0e-9d7d-3c2e1f0a9b8c");
  g_assert_cmpstr (mistral_model_card_get_root (card), ==, "open-mistral-7b");
  g_assert_false (mistral_model_card_get_archived (card));
}

static void
test_list_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GError) error = NULL;
  MistralModelCard *old;

  models = list_models_async (fixture->client, NULL, &error);
  g_assert_no_error (error);
  assert_sent (fixture->server, "GET", "/v1/models");

  g_assert_true (g_list_model_get_item_type (models) == MISTRAL_TYPE_MODEL_CARD);
  g_assert_cmpuint (g_list_model_get_n_items (models), ==, 7);
  assert_small_card (card_at (models, 0));
  g_assert_cmpstr (mistral_model_card_get_id (card_at (models, 1)), ==, "codestral-2508");
  g_assert_cmpstr (mistral_model_card_get_id (card_at (models, 3)), ==, "mistral-embed");
  g_assert_cmpuint (mistral_model_card_get_capabilities (card_at (models, 3)), ==, MISTRAL_MODEL_CAPABILITIES_NONE);
  /* "description": null */
  g_assert_null (mistral_model_card_get_description (card_at (models, 4)));
  g_assert_cmpuint (mistral_model_card_get_capabilities (card_at (models, 4)), ==,
                    MISTRAL_MODEL_CAPABILITIES_MODERATION | MISTRAL_MODEL_CAPABILITIES_CLASSIFICATION);

  /* A deprecated model. */
  old = card_at (models, 5);
  g_assert_cmpstr (mistral_model_card_get_id (old), ==, "open-mistral-7b");
  assert_date (mistral_model_card_get_deprecation (old), 1743336000);
  g_assert_cmpstr (mistral_model_card_get_deprecation_replacement_model (old), ==, "ministral-8b-latest");
  /* "default_model_temperature": null */
  g_assert_false (mistral_model_card_get_default_model_temperature_set (old));
  g_assert_cmpfloat (mistral_model_card_get_default_model_temperature (old), ==, 0);

  assert_fine_tuned_card (card_at (models, 6));
}

static void
test_list_blocking (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GError) error = NULL;

  models = mistral_client_list_models (fixture->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (models), ==, 7);
  assert_small_card (card_at (models, 0));
  assert_sent (fixture->server, "GET", "/v1/models");
}

static void
test_get (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(MistralModelCard) card = NULL;
  g_autoptr(MistralModelCard) small = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  card = mistral_client_get_model (fixture->client, FT_ID, NULL, &error);
  g_assert_no_error (error);
  assert_sent (fixture->server, "GET", FT_PATH);
  assert_fine_tuned_card (card);

  mistral_client_get_model_async (fixture->client, "mistral-small-2506", NULL, test_async_result_cb, &result);
  small = mistral_client_get_model_finish (fixture->client, test_wait_result (&result), &error);
  g_assert_no_error (error);
  assert_sent (fixture->server, "GET", "/v1/models/mistral-small-2506");
  assert_small_card (small);
}

static void
test_get_not_found (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(MistralModelCard) card = NULL;
  g_autoptr(GError) error = NULL;

  card = mistral_client_get_model (fixture->client, "no-such-model", NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NOT_FOUND);
  g_assert_null (card);
  /* The API's own message. */
  g_assert_nonnull (strstr (error->message, "Model not found: no-such-model"));
  assert_sent (fixture->server, "GET", "/v1/models/no-such-model");
}

/* A server of the test's own, as libsoup's unescapes the path it hands
 * over: the first line of the one request it gets, answered with 404. */
static gboolean
wire_on_incoming (GSocketService    *service,
                  GSocketConnection *connection,
                  GObject           *source,
                  gpointer           user_data)
{
  static const char reply[] = "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n"
                              "Content-Length: 20\r\nConnection: close\r\n\r\n{\"detail\":\"Missing\"}";
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (in), FALSE);
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  *(char **) user_data = g_data_input_stream_read_line (in, NULL, NULL, NULL);
  g_output_stream_write_all (out, reply, strlen (reply), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_id_escaped (void)
{
  static const struct {
    const char *method;
    const char *id;
    const char *line;
  } cases[] = {
    { "GET", "ft:open-mistral-7b:587a6b29:20240514:7e773925",
      "GET /v1/models/ft%3Aopen-mistral-7b%3A587a6b29%3A20240514%3A7e773925 HTTP/1.1" },
    { "GET", "no/such model?%#", "GET /v1/models/no%2Fsuch%20model%3F%25%23 HTTP/1.1" },
    { "DELETE", "../../v1/files", "DELETE /v1/models/..%2F..%2Fv1%2Ffiles HTTP/1.1" },
    { "GET", "\xc3\xa9t\xc3\xa9", "GET /v1/models/%C3%A9t%C3%A9 HTTP/1.1" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSocketService) service = g_socket_service_new ();
      g_autoptr(MistralClient) client = mistral_client_new ("test-key");
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *line = NULL;
      g_autofree char *url = NULL;
      guint16 port;

      port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
      g_assert_no_error (error);
      g_signal_connect (service, "incoming", G_CALLBACK (wire_on_incoming), &line);
      url = g_strdup_printf ("http://127.0.0.1:%u", port);
      g_object_set (client, "base-url", url, "max-retries", 0, NULL);

      if (strcmp (cases[i].method, "GET") == 0)
        {
          g_autoptr(MistralModelCard) card = NULL;

          mistral_client_get_model_async (client, cases[i].id, NULL, test_async_result_cb, &result);
          card = mistral_client_get_model_finish (client, test_wait_result (&result), &error);
          g_assert_null (card);
        }
      else
        {
          mistral_client_delete_model_async (client, cases[i].id, NULL, test_async_result_cb, &result);
          g_assert_false (mistral_client_delete_model_finish (client, test_wait_result (&result), &error));
        }
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NOT_FOUND);
      g_assert_cmpstr (line, ==, cases[i].line);
      g_socket_service_stop (service);
      g_socket_listener_close (G_SOCKET_LISTENER (service));
    }
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mistral_client_delete_model (fixture->client, FT_ID, NULL, &error));
  g_assert_no_error (error);
  assert_sent (fixture->server, "DELETE", FT_PATH);

  mistral_client_delete_model_async (fixture->client, FT_ID, NULL, test_async_result_cb, &result);
  g_assert_true (mistral_client_delete_model_finish (fixture->client, test_wait_result (&result), &error));
  g_assert_no_error (error);

  /* The API refuses to delete a base model, and knows no unknown one. */
  g_assert_false (mistral_client_delete_model (fixture->client, "mistral-small-2506", NULL, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "only fine-tuned models can be deleted"));
  g_clear_error (&error);
  g_assert_false (mistral_client_delete_model (fixture->client, "gone", NULL, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* {"deleted": false}: not deleted, so not a success. */
  mock_server_push_reply (fixture->server, mock_reply_new_json (200,
                                                                "{\"id\":\"" FT_ID "\",\"object\":\"model\",\"deleted\":false}"));
  g_assert_false (mistral_client_delete_model (fixture->client, FT_ID, NULL, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, FT_ID));
  g_clear_error (&error);

  /* "deleted" left out: the API's default, true. */
  mock_server_push_reply (fixture->server, mock_reply_new_json (200, "{\"id\":\"" FT_ID "\"}"));
  g_assert_true (mistral_client_delete_model (fixture->client, FT_ID, NULL, &error));
  g_assert_no_error (error);
}

static void
test_unknown_and_missing (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(MistralModelCard) card = NULL;
  g_autoptr(GError) error = NULL;

  /* Unknown members and capabilities, even of odd types, are ignored;
   * missing ones are absent or the API's defaults. */
  mock_server_push_reply (fixture->server, mock_reply_new_json (200,
                                                                "{\"id\":\"x\",\"capabilities\":{\"vision\":true,\"teleportation\":true,\"telepathy\":\"very\"},"
                                                                "\"new_field\":{\"a\":[1,2]},\"internal\":true,\"object\":\"model\"}"));
  card = mistral_client_get_model (fixture->client, "x", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_model_card_get_id (card), ==, "x");
  g_assert_cmpuint (mistral_model_card_get_capabilities (card), ==, MISTRAL_MODEL_CAPABILITIES_VISION);
  g_assert_cmpstr (mistral_model_card_get_model_type (card), ==, "base");
  g_assert_cmpuint (mistral_model_card_get_max_context_length (card), ==, 32768);
  g_assert_nonnull (mistral_model_card_get_aliases (card));
  g_assert_null (mistral_model_card_get_aliases (card)[0]);
  g_assert_null (mistral_model_card_get_created (card));
  g_assert_null (mistral_model_card_get_deprecation (card));
  g_assert_null (mistral_model_card_get_owned_by (card));
  g_assert_false (mistral_model_card_get_default_model_temperature_set (card));
  g_assert_false (mistral_model_card_get_archived (card));
  g_clear_object (&card);

  /* No capabilities at all; a type this version does not know; a bare
   * date as the deprecation. */
  mock_server_push_reply (fixture->server, mock_reply_new_json (200,
                                                                "{\"id\":\"y\",\"type\":\"distilled\",\"deprecation\":\"2026-01-31\",\"created\":0,"
                                                                "\"default_model_temperature\":1}"));
  card = mistral_client_get_model (fixture->client, "y", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mistral_model_card_get_capabilities (card), ==, MISTRAL_MODEL_CAPABILITIES_NONE);
  g_assert_cmpstr (mistral_model_card_get_model_type (card), ==, "distilled");
  assert_date (mistral_model_card_get_deprecation (card), 1769817600);
  assert_date (mistral_model_card_get_created (card), 0);
  g_assert_true (mistral_model_card_get_default_model_temperature_set (card));
  g_assert_cmpfloat (mistral_model_card_get_default_model_temperature (card), ==, 1);
  g_clear_object (&card);

  /* A list without "data" is empty. */
  {
    g_autoptr(GListModel) models = NULL;

    mock_server_push_reply (fixture->server, mock_reply_new_json (200, "{\"object\":\"list\"}"));
    models = mistral_client_list_models (fixture->client, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (models), ==, 0);
  }
}

typedef struct {
  const char *body;
  const char *message;   /* what the error message holds */
} Hostile;

/* @error is an INVALID_RESPONSE that says what @hostile expects. */
static void
assert_invalid (const GError  *error,
                const Hostile *hostile)
{
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  if (strstr (error->message, hostile->message) == NULL)
    g_error ("%s: \"%s\" does not say \"%s\"", hostile->body, error->message, hostile->message);
}

static const Hostile hostile_lists[] = {
  { "[]", "the response is a list, expected an object" },
  { "\"models\"", "the response is a string, expected an object" },
  { "{\"data\":{}}", "data is an object, expected a list" },
  { "{\"data\":\"all\"}", "data is a string, expected a list" },
  { "{\"data\":[1]}", "data[0] is a number, expected an object" },
  { "{\"data\":[{\"id\":\"a\"},null]}", "data[1] is null, expected an object" },
  { "{\"data\":[{\"id\":5}]}", "data[0].id is a number, expected a string" },
  { "{\"data\":[{\"id\":\"a\",\"name\":[]}]}", "data[0].name is a list, expected a string" },
  { "{\"data\":[{\"id\":\"a\",\"description\":{}}]}", "data[0].description is an object, expected a string" },
  { "{\"data\":[{\"id\":\"a\",\"owned_by\":true}]}", "data[0].owned_by is a boolean, expected a string" },
  { "{\"data\":[{\"id\":\"a\",\"created\":\"yesterday\"}]}", "data[0].created is a string, expected an integer" },
  { "{\"data\":[{\"id\":\"a\",\"created\":1.5}]}", "data[0].created is a number, expected an integer" },
  { "{\"data\":[{\"id\":\"a\",\"created\":99999999999999999}]}", "data[0].created is out of range" },
  { "{\"data\":[{\"id\":\"a\",\"type\":1}]}", "data[0].type is a number, expected a string" },
  { "{\"data\":[{\"id\":\"a\",\"max_context_length\":-1}]}", "data[0].max_context_length is -1, out of range" },
  { "{\"data\":[{\"id\":\"a\",\"max_context_length\":\"big\"}]}", "data[0].max_context_length is a string" },
  { "{\"data\":[{\"id\":\"a\",\"aliases\":\"b\"}]}", "data[0].aliases is a string, expected a list" },
  { "{\"data\":[{\"id\":\"a\",\"aliases\":[\"b\",2]}]}", "data[0].aliases[1] is a number, expected a string" },
  { "{\"data\":[{\"id\":\"a\",\"aliases\":[null]}]}", "data[0].aliases[0] is null, expected a string" },
  { "{\"data\":[{\"id\":\"a\",\"deprecation\":5}]}", "data[0].deprecation is a number, expected a string" },
  { "{\"data\":[{\"id\":\"a\",\"deprecation\":\"soon\"}]}", "data[0].deprecation is not a date and time" },
  { "{\"data\":[{\"id\":\"a\",\"deprecation_replacement_model\":[]}]}",
    "data[0].deprecation_replacement_model is a list, expected a string" },
  { "{\"data\":[{\"id\":\"a\",\"default_model_temperature\":\"hot\"}]}",
    "data[0].default_model_temperature is a string, expected a number" },
  { "{\"data\":[{\"id\":\"a\",\"capabilities\":[]}]}", "data[0].capabilities is a list, expected an object" },
  { "{\"data\":[{\"id\":\"a\",\"capabilities\":true}]}", "data[0].capabilities is a boolean, expected an object" },
  { "{\"data\":[{\"id\":\"a\",\"capabilities\":{\"vision\":\"yes\"}}]}",
    "data[0].capabilities.vision is a string, expected a boolean" },
  { "{\"data\":[{\"id\":\"a\"},{\"id\":\"b\",\"capabilities\":{\"audio_speech\":1}}]}",
    "data[1].capabilities.audio_speech is a number, expected a boolean" },
  { "{\"data\":[{\"id\":\"a\",\"job\":7}]}", "data[0].job is a number, expected a string" },
  { "{\"data\":[{\"id\":\"a\",\"root\":{}}]}", "data[0].root is an object, expected a string" },
  { "{\"data\":[{\"id\":\"a\",\"archived\":\"no\"}]}", "data[0].archived is a string, expected a boolean" },
  { "", "the body is empty" },
  { "{\"data\":[", "not JSON" },
  { "<html>502</html>", "not JSON" },
};

static void
test_hostile_lists (Fixture       *fixture,
                    gconstpointer  data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (hostile_lists); i++)
    {
      g_autoptr(GListModel) models = NULL;
      g_autoptr(GError) error = NULL;

      mock_server_push_reply (fixture->server, mock_reply_new_json (200, hostile_lists[i].body));
      models = mistral_client_list_models (fixture->client, NULL, &error);
      g_assert_null (models);
      assert_invalid (error, &hostile_lists[i]);
    }
}

static void
test_hostile_card_and_delete (Fixture       *fixture,
                              gconstpointer  data)
{
  static const Hostile cards[] = {
    { "[{\"id\":\"a\"}]", "the response is a list, expected an object" },
    { "{\"id\":1}", "Invalid response: id is a number, expected a string" },
    { "{\"id\":\"a\",\"capabilities\":{\"ocr\":null,\"vision\":[]}}", "capabilities.vision is a list" },
    { "{\"id\":\"a\",\"created\":-99999999999999999}", "created is out of range" },
  };
  static const Hostile deletions[] = {
    { "true", "the response is a boolean, expected an object" },
    { "{\"id\":[]}", "id is a list, expected a string" },
    { "{\"id\":\"a\",\"deleted\":\"yes\"}", "deleted is a string, expected a boolean" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_autoptr(MistralModelCard) card = NULL;
      g_autoptr(GError) error = NULL;

      mock_server_push_reply (fixture->server, mock_reply_new_json (200, cards[i].body));
      card = mistral_client_get_model (fixture->client, "a", NULL, &error);
      g_assert_null (card);
      assert_invalid (error, &cards[i]);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (deletions); i++)
    {
      g_autoptr(GError) error = NULL;

      mock_server_push_reply (fixture->server, mock_reply_new_json (200, deletions[i].body));
      g_assert_false (mistral_client_delete_model (fixture->client, "a", NULL, &error));
      assert_invalid (error, &deletions[i]);
    }
}

static void
test_huge_list (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) body = g_string_new ("{\"object\":\"list\",\"data\":[");
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 20000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (body, "%s{\"id\":\"model-%u\",\"capabilities\":{\"vision\":%s}}",
                            i ? "," : "", i, i % 2 ? "true" : "false");
  g_string_append (body, "]}");
  mock_server_push_reply (fixture->server, mock_reply_new_json (200, body->str));

  models = mistral_client_list_models (fixture->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (models), ==, n);
  g_assert_cmpstr (mistral_model_card_get_id (card_at (models, n - 1)), ==, "model-19999");
  g_assert_true (mistral_model_card_has_capabilities (card_at (models, n - 1), MISTRAL_MODEL_CAPABILITIES_VISION));
}

static const struct {
  guint status;
  int code;
} statuses[] = {
  { 400, MISTRAL_ERROR_INVALID_REQUEST },
  { 401, MISTRAL_ERROR_UNAUTHORIZED },
  { 403, MISTRAL_ERROR_FORBIDDEN },
  { 404, MISTRAL_ERROR_NOT_FOUND },
  { 422, MISTRAL_ERROR_INVALID_REQUEST },
  { 429, MISTRAL_ERROR_RATE_LIMITED },
  { 500, MISTRAL_ERROR_SERVER },
  { 503, MISTRAL_ERROR_SERVER },
};

static void
test_error_statuses (Fixture       *fixture,
                     gconstpointer  data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"object\":\"error\",\"message\":\"Refused %u\","
                                               "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}",
                                               statuses[i].status);
      g_autofree char *magic = g_strdup_printf ("mock-error-%u", statuses[i].status);
      g_autofree char *expected = g_strdup_printf ("Refused %u", statuses[i].status);
      g_autoptr(GListModel) models = NULL;
      g_autoptr(GListModel) found = NULL;
      g_autoptr(MistralModelCard) card = NULL;
      g_autoptr(GError) error = NULL;

      /* Each call: the list, a search, a get, a delete. */
      mock_server_push_reply (fixture->server, test_reply_body (statuses[i].status, "application/json", body));
      models = mistral_client_list_models (fixture->client, NULL, &error);
      g_assert_null (models);
      g_assert_error (error, MISTRAL_ERROR, statuses[i].code);
      g_assert_nonnull (strstr (error->message, expected));
      g_clear_error (&error);

      mock_server_push_reply (fixture->server, test_reply_body (statuses[i].status, "application/json", body));
      found = mistral_client_search_models (fixture->client, MISTRAL_MODEL_CAPABILITIES_VISION, NULL, &error);
      g_assert_null (found);
      g_assert_error (error, MISTRAL_ERROR, statuses[i].code);
      g_clear_error (&error);

      /* The server's own magic ids, as the bindings' tests use them. */
      card = mistral_client_get_model (fixture->client, magic, NULL, &error);
      g_assert_null (card);
      g_assert_error (error, MISTRAL_ERROR, statuses[i].code);
      g_clear_error (&error);

      g_assert_false (mistral_client_delete_model (fixture->client, magic, NULL, &error));
      g_assert_error (error, MISTRAL_ERROR, statuses[i].code);
    }
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GListModel) models = NULL;
  g_autoptr(MistralModelCard) card = NULL;
  g_autoptr(GError) error = NULL;
  MockReply *slow = mock_reply_new_json (200, "{\"data\":[]}");
  gint64 start = g_get_monotonic_time ();

  /* Cancelled while the server thinks. */
  mock_reply_set_delay_ms (slow, 5000);
  mock_server_push_reply (fixture->server, slow);
  g_timeout_add (50, test_cancel_cb, cancellable);
  models = list_models_async (fixture->client, cancellable, &error);
  g_assert_null (models);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Cancelled before it starts: each call. */
  card = mistral_client_get_model (fixture->client, FT_ID, cancellable, &error);
  g_assert_null (card);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (mistral_client_delete_model (fixture->client, FT_ID, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&models);
  models = mistral_client_search_models (fixture->client, MISTRAL_MODEL_CAPABILITIES_NONE, cancellable, &error);
  g_assert_null (models);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
assert_ids (GListModel  *models,
            const char  *first,
            ...)
{
  va_list args;
  guint i = 0;

  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *), i++)
    {
      g_assert_cmpuint (i, <, g_list_model_get_n_items (models));
      g_assert_cmpstr (mistral_model_card_get_id (card_at (models, i)), ==, id);
    }
  va_end (args);
  g_assert_cmpuint (g_list_model_get_n_items (models), ==, i);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GListModel) vision = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) code = NULL;
  g_autoptr(GListModel) none = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vision = mistral_client_search_models (fixture->client, MISTRAL_MODEL_CAPABILITIES_VISION, NULL, &error);
  g_assert_no_error (error);
  assert_sent (fixture->server, "GET", "/v1/models");
  assert_ids (vision, "mistral-small-2506", "magistral-medium-2509", NULL);

  all = mistral_client_search_models (fixture->client, MISTRAL_MODEL_CAPABILITIES_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 7);

  mistral_client_search_models_async (fixture->client,
                                      MISTRAL_MODEL_CAPABILITIES_COMPLETION_FIM | MISTRAL_MODEL_CAPABILITIES_FUNCTION_CALLING,
                                      NULL, test_async_result_cb, &result);
  code = mistral_client_search_models_finish (fixture->client, test_wait_result (&result), &error);
  g_assert_no_error (error);
  assert_ids (code, "codestral-2508", NULL);

  /* Nothing has both: an empty list, not an error. */
  none = mistral_client_search_models (fixture->client,
                                       MISTRAL_MODEL_CAPABILITIES_MODERATION | MISTRAL_MODEL_CAPABILITIES_VISION,
                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (none);
  assert_ids (none, NULL);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 4);
}

/* MistralModelList ---------------------------------------------------------- */

/* Everything a list says, in order: "items-changed P R A", "loading=B",
 * "error=MISTRAL_ERROR_…" or "error=none", "capabilities=N". */
static void
log_items_changed (GListModel *list,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GPtrArray  *log)
{
  g_ptr_array_add (log, g_strdup_printf ("items-changed %u %u %u", position, removed, added));
}

static void
log_notify (MistralModelList *list,
            GParamSpec       *pspec,
            GPtrArray        *log)
{
  const GError *error = mistral_model_list_get_error (list);
  g_autofree char *code = error ? g_enum_to_string (MISTRAL_TYPE_ERROR, error->code) : NULL;

  if (strcmp (pspec->name, "loading") == 0)
    g_ptr_array_add (log, g_strdup_printf ("loading=%d", mistral_model_list_is_loading (list)));
  else if (strcmp (pspec->name, "error") == 0)
    g_ptr_array_add (log, g_strdup_printf ("error=%s", code ? code : "none"));
  else
    g_ptr_array_add (log, g_strdup_printf ("%s=%u", pspec->name, mistral_model_list_get_capabilities (list)));
}

static GPtrArray *
log_list (MistralModelList *list)
{
  GPtrArray *log = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (list, "items-changed", G_CALLBACK (log_items_changed), log);
  g_signal_connect (list, "notify", G_CALLBACK (log_notify), log);
  return log;
}

/* Asserts that @log holds these lines, up to NULL, and empties it. */
static void
assert_log (GPtrArray  *log,
            const char *first,
            ...)
{
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) actual = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *line = first; line != NULL; line = va_arg (args, const char *))
    g_string_append_printf (expected, "%s\n", line);
  va_end (args);
  for (guint i = 0; i < log->len; i++)
    g_string_append_printf (actual, "%s\n", (char *) log->pdata[i]);
  g_assert_cmpstr (actual->str, ==, expected->str);
  g_ptr_array_set_size (log, 0);
}

static void
wait_loaded (MistralModelList *list)
{
  while (mistral_model_list_is_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_list_model_load (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MistralModelList) list = mistral_model_list_new (fixture->client, MISTRAL_MODEL_CAPABILITIES_NONE);
  g_autoptr(GPtrArray) log = log_list (list);
  g_autoptr(MistralClient) client = NULL;
  g_autoptr(GError) error = NULL;
  MistralModelCapabilities capabilities;
  gboolean loading;

  /* It loads by itself, from the start. */
  g_assert_true (mistral_model_list_is_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == MISTRAL_TYPE_MODEL_CARD);
  wait_loaded (list);
  assert_log (log, "items-changed 0 0 7", "loading=0", NULL);
  assert_sent (fixture->server, "GET", "/v1/models");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 7);
  assert_small_card (card_at (G_LIST_MODEL (list), 0));
  assert_fine_tuned_card (card_at (G_LIST_MODEL (list), 6));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 7));
  g_assert_null (mistral_model_list_get_error (list));

  g_object_get (list, "client", &client, "capabilities", &capabilities, "loading", &loading, "error", &error, NULL);
  g_assert_true (client == fixture->client);
  g_assert_true (mistral_model_list_get_client (list) == fixture->client);
  g_assert_cmpuint (capabilities, ==, MISTRAL_MODEL_CAPABILITIES_NONE);
  g_assert_false (loading);
  g_assert_no_error (error);

  /* A reload replaces the whole list, in one change. */
  mistral_model_list_reload (list);
  assert_log (log, "loading=1", NULL);
  wait_loaded (list);
  assert_log (log, "items-changed 0 7 7", "loading=0", NULL);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 2);
}

static void
test_list_model_filter (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MistralModelList) list = mistral_model_list_new (fixture->client, MISTRAL_MODEL_CAPABILITIES_VISION);
  g_autoptr(GPtrArray) log = log_list (list);

  wait_loaded (list);
  assert_log (log, "items-changed 0 0 2", "loading=0", NULL);
  assert_ids (G_LIST_MODEL (list), "mistral-small-2506", "magistral-medium-2509", NULL);

  /* Filtered again, without a request; the same value changes nothing. */
  mistral_model_list_set_capabilities (list, MISTRAL_MODEL_CAPABILITIES_NONE);
  assert_log (log, "items-changed 0 2 7", "capabilities=0", NULL);
  g_object_set (list, "capabilities", MISTRAL_MODEL_CAPABILITIES_COMPLETION_FIM, NULL);
  assert_log (log, "items-changed 0 7 1", "capabilities=2", NULL);
  assert_ids (G_LIST_MODEL (list), "codestral-2508", NULL);
  mistral_model_list_set_capabilities (list, MISTRAL_MODEL_CAPABILITIES_COMPLETION_FIM);
  assert_log (log, NULL);
  /* Nothing matches, then still nothing: no change to announce. */
  mistral_model_list_set_capabilities (list, MISTRAL_MODEL_CAPABILITIES_OCR);
  assert_log (log, "items-changed 0 1 0", "capabilities=64", NULL);
  mistral_model_list_set_capabilities (list, MISTRAL_MODEL_CAPABILITIES_AUDIO);
  assert_log (log, "capabilities=512", NULL);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 1);

  /* A filter set while loading applies to the last loaded list at once,
   * and to what the load brings. */
  mistral_model_list_reload (list);
  mistral_model_list_set_capabilities (list, MISTRAL_MODEL_CAPABILITIES_REASONING);
  wait_loaded (list);
  assert_log (log, "loading=1", "items-changed 0 0 1", "capabilities=8", "items-changed 0 1 1", "loading=0", NULL);
  assert_ids (G_LIST_MODEL (list), "magistral-medium-2509", NULL);
}

static void
test_list_model_error (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(MistralModelList) list = NULL;
  g_autoptr(GPtrArray) log = NULL;

  /* A failed first load: the error, and no item. */
  mock_server_push_reply (fixture->server, test_reply_body (500, "application/json",
                                                            "{\"object\":\"error\",\"message\":\"Down\","
                                                            "\"type\":\"server_error\",\"param\":null,\"code\":null}"));
  list = mistral_model_list_new (fixture->client, MISTRAL_MODEL_CAPABILITIES_NONE);
  log = log_list (list);
  wait_loaded (list);
  assert_log (log, "error=MISTRAL_ERROR_SERVER", "loading=0", NULL);
  g_assert_error ((GError *) mistral_model_list_get_error (list), MISTRAL_ERROR, MISTRAL_ERROR_SERVER);
  g_assert_nonnull (strstr (mistral_model_list_get_error (list)->message, "Down"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* Then a good one: the error goes as the load starts. */
  mistral_model_list_reload (list);
  assert_log (log, "error=none", "loading=1", NULL);
  wait_loaded (list);
  assert_log (log, "items-changed 0 0 7", "loading=0", NULL);
  g_assert_null (mistral_model_list_get_error (list));

  /* A failed reload keeps the items it had. */
  mock_server_push_reply (fixture->server, mock_reply_new_json (200, "{\"data\":[{\"id\":3}]}"));
  mistral_model_list_reload (list);
  wait_loaded (list);
  assert_log (log, "loading=1", "error=MISTRAL_ERROR_INVALID_RESPONSE", "loading=0", NULL);
  g_assert_error ((GError *) mistral_model_list_get_error (list), MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 7);
}

static void
test_list_model_reload_cancels (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(MistralModelList) list = NULL;
  g_autoptr(GPtrArray) log = NULL;
  MockReply *slow = mock_reply_new_json (200, "{\"data\":[{\"id\":\"stale\"}]}");
  gint64 start = g_get_monotonic_time ();

  mock_reply_set_delay_ms (slow, 3000);
  mock_server_push_reply (fixture->server, slow);
  list = mistral_model_list_new (fixture->client, MISTRAL_MODEL_CAPABILITIES_NONE);
  log = log_list (list);

  /* The slow load is cancelled: only the second one lands, at once. */
  while (mock_server_get_n_requests (fixture->server) < 1)
    g_main_context_iteration (NULL, FALSE);
  mistral_model_list_reload (list);
  wait_loaded (list);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  assert_log (log, "items-changed 0 0 7", "loading=0", NULL);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 2);

  /* Nothing of the cancelled load comes later. */
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  assert_log (log, NULL);
  g_assert_cmpstr (mistral_model_card_get_id (card_at (G_LIST_MODEL (list), 0)), ==, "mistral-small-2506");
}

static void
test_list_model_dispose_cancels (Fixture       *fixture,
                                 gconstpointer  data)
{
  MistralModelList *list;
  MockReply *slow = mock_reply_new_json (200, "{\"data\":[]}");

  mock_reply_set_delay_ms (slow, 300);
  mock_server_push_reply (fixture->server, slow);
  list = mistral_model_list_new (fixture->client, MISTRAL_MODEL_CAPABILITIES_NONE);
  g_object_add_weak_pointer (G_OBJECT (list), (gpointer *) &list);

  /* The load in flight does not keep the list alive... */
  g_object_unref (list);
  g_assert_null (list);

  /* ...and its end touches nothing of it (ASan and valgrind would tell). */
  for (guint i = 0; i < 50; i++)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
}

typedef struct {
  MistralClient *client;
  GThread *signal_thread;
  guint n_items;
} ThreadLoad;

static void
thread_on_items_changed (GListModel *list,
                         guint       position,
                         guint       removed,
                         guint       added,
                         ThreadLoad *load)
{
  load->signal_thread = g_thread_self ();
}

static gpointer
thread_load (gpointer user_data)
{
  ThreadLoad *load = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(MistralModelList) list = NULL;

  g_main_context_push_thread_default (context);
  list = mistral_model_list_new (load->client, MISTRAL_MODEL_CAPABILITIES_NONE);
  g_signal_connect (list, "items-changed", G_CALLBACK (thread_on_items_changed), load);
  while (mistral_model_list_is_loading (list))
    g_main_context_iteration (context, TRUE);
  load->n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_clear_object (&list);
  g_main_context_pop_thread_default (context);
  return g_thread_self ();
}

static void
test_list_model_thread_context (Fixture       *fixture,
                                gconstpointer  data)
{
  ThreadLoad load = { fixture->client, NULL, 0 };
  GThread *thread = g_thread_new ("model-list", thread_load, &load);
  GThread *joined = g_thread_join (thread);

  /* Signals come on the context the list was made on, in its thread. */
  g_assert_true (load.signal_thread == joined);
  g_assert_cmpuint (load.n_items, ==, 7);
}

/* The query parameters of GET /v1/models: sent escaped, only when given,
 * and the server's answer narrowed by them. */
static void
test_list_full (TestHttp      *http,
                gconstpointer  data)
{
  static const struct {
    const char *provider, *model, *query;
    guint n;
    const char *first;
  } cases[] = {
    { NULL, NULL, NULL, 7, "mistral-small-2506" },
    { "mistralai", NULL, "provider=mistralai", 6, "mistral-small-2506" },
    { "587a6b29", NULL, "provider=587a6b29", 1, FT_ID },
    { NULL, "codestral-latest", "model=codestral-latest", 1, "codestral-2508" },
    { "mistralai", "mistral-embed", "provider=mistralai&model=mistral-embed", 1, "mistral-embed" },
    { "someone else", NULL, "provider=someone%20else", 0, NULL },
    { NULL, "a&b=c", "model=a%26b%3Dc", 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) models = NULL;
      g_autoptr(MockRequest) sent = NULL;
      g_autoptr(GAsyncResult) result = NULL;

      if (i % 2 == 0)
        models = mistral_client_list_models_full (http->client, cases[i].provider, cases[i].model, NULL, &error);
      else
        {
          mistral_client_list_models_full_async (http->client, cases[i].provider, cases[i].model, NULL,
                                                 test_async_result_cb, &result);
          models = mistral_client_list_models_full_finish (http->client, test_wait_result (&result), &error);
        }
      g_assert_no_error (error);
      sent = mock_server_get_last_request (http->server);
      g_assert_cmpstr (sent->method, ==, "GET");
      g_assert_cmpstr (sent->path, ==, "/v1/models");
      g_assert_cmpstr (sent->query, ==, cases[i].query);
      g_assert_cmpuint (g_list_model_get_n_items (models), ==, cases[i].n);
      if (cases[i].first != NULL)
        g_assert_cmpstr (mistral_model_card_get_id (card_at (models, 0)), ==, cases[i].first);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  TEST_ADD_HTTP ("/models/list/async", test_list_async);
  TEST_ADD_HTTP ("/models/list/blocking", test_list_blocking);
  TEST_ADD_HTTP ("/models/list/full", test_list_full);
  TEST_ADD_HTTP ("/models/get", test_get);
  TEST_ADD_HTTP ("/models/get/not-found", test_get_not_found);
  g_test_add_func ("/models/id-escaped", test_id_escaped);
  TEST_ADD_HTTP ("/models/delete", test_delete);
  TEST_ADD_HTTP ("/models/card/unknown-and-missing", test_unknown_and_missing);
  TEST_ADD_HTTP ("/models/hostile/lists", test_hostile_lists);
  TEST_ADD_HTTP ("/models/hostile/card-and-delete", test_hostile_card_and_delete);
  TEST_ADD_HTTP ("/models/hostile/huge-list", test_huge_list);
  TEST_ADD_HTTP ("/models/error-statuses", test_error_statuses);
  TEST_ADD_HTTP ("/models/cancel", test_cancel);
  TEST_ADD_HTTP ("/models/search", test_search);
  TEST_ADD_HTTP ("/models/list-model/load", test_list_model_load);
  TEST_ADD_HTTP ("/models/list-model/filter", test_list_model_filter);
  TEST_ADD_HTTP ("/models/list-model/error", test_list_model_error);
  TEST_ADD_HTTP ("/models/list-model/reload-cancels", test_list_model_reload_cancels);
  TEST_ADD_HTTP ("/models/list-model/dispose-cancels", test_list_model_dispose_cancels);
  TEST_ADD_HTTP ("/models/list-model/thread-context", test_list_model_thread_context);

  return g_test_run ();
}
