// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * models.c: GET /v1/models, GET and DELETE /v1/models/{model_id}
 * (API-NOTES.md §7; the OpenAPI schemas ModelList, BaseModelCard,
 * FTModelCard, DeleteModelResponse), over a fixed catalogue of base and
 * fine-tuned cards.
 *
 * An unknown id is a 404 with the API's documented error body; a base
 * model cannot be deleted (400). The server keeps no state: a deleted
 * fine-tuned model is still listed. The magic id "mock-error-STATUS"
 * answers as the chat's magic models do (mock-server.h), and so does a
 * list asked for with ?model=mock-error-STATUS, for clients that cannot
 * script replies.
 */

#include "mock-server-private.h"

#define MODELS_PATH "/v1/models"

/* What GET /v1/models answers, in this order. Capabilities the library
 * does not know (unified_resources) and card fields it does not read
 * (object, internal) are there, as the API sends them. */
static const char * const catalogue[] = {
  "{\"id\":\"mistral-small-2506\",\"object\":\"model\",\"created\":1750204800,\"owned_by\":\"mistralai\","
  "\"capabilities\":{\"completion_chat\":true,\"function_calling\":true,\"reasoning\":false,"
  "\"completion_fim\":false,\"fine_tuning\":true,\"vision\":true,\"ocr\":false,\"classification\":false,"
  "\"moderation\":false,\"audio\":false,\"audio_transcription\":false,\"audio_transcription_realtime\":false,"
  "\"audio_speech\":false,\"unified_resources\":false},"
  "\"name\":\"mistral-small-2506\",\"description\":\"Our small model, with vision.\","
  "\"max_context_length\":131072,\"aliases\":[\"mistral-small-latest\"],\"deprecation\":null,"
  "\"deprecation_replacement_model\":null,\"default_model_temperature\":0.3,\"internal\":false,\"type\":\"base\"}",

  "{\"id\":\"codestral-2508\",\"object\":\"model\",\"created\":1754006400,\"owned_by\":\"mistralai\","
  "\"capabilities\":{\"completion_chat\":true,\"function_calling\":true,\"completion_fim\":true,"
  "\"fine_tuning\":false,\"vision\":false,\"classification\":false},"
  "\"name\":\"codestral-2508\",\"description\":\"Our code model, for completion and chat.\","
  "\"max_context_length\":256000,\"aliases\":[\"codestral-latest\"],\"deprecation\":null,"
  "\"default_model_temperature\":0.3,\"type\":\"base\"}",

  "{\"id\":\"magistral-medium-2509\",\"object\":\"model\",\"created\":1758153600,\"owned_by\":\"mistralai\","
  "\"capabilities\":{\"completion_chat\":true,\"function_calling\":true,\"reasoning\":true,\"vision\":true},"
  "\"name\":\"magistral-medium-2509\",\"description\":\"Our reasoning model.\","
  "\"max_context_length\":131072,\"aliases\":[\"magistral-medium-latest\"],\"deprecation\":null,"
  "\"default_model_temperature\":0.7,\"type\":\"base\"}",

  "{\"id\":\"mistral-embed\",\"object\":\"model\",\"created\":1702252800,\"owned_by\":\"mistralai\","
  "\"capabilities\":{\"completion_chat\":false,\"function_calling\":false,\"completion_fim\":false,"
  "\"fine_tuning\":false,\"vision\":false,\"classification\":false},"
  "\"name\":\"mistral-embed\",\"description\":\"Our embedding model.\","
  "\"max_context_length\":8192,\"aliases\":[],\"deprecation\":null,\"type\":\"base\"}",

  "{\"id\":\"mistral-moderation-2411\",\"object\":\"model\",\"created\":1732579200,\"owned_by\":\"mistralai\","
  "\"capabilities\":{\"moderation\":true,\"classification\":true},"
  "\"name\":\"mistral-moderation-2411\",\"description\":null,"
  "\"max_context_length\":8192,\"aliases\":[\"mistral-moderation-latest\"],\"type\":\"base\"}",

  "{\"id\":\"open-mistral-7b\",\"object\":\"model\",\"created\":1695859200,\"owned_by\":\"mistralai\","
  "\"capabilities\":{\"completion_chat\":true,\"function_calling\":true,\"fine_tuning\":true},"
  "\"name\":\"open-mistral-7b\",\"description\":\"Our first open model.\","
  "\"max_context_length\":32768,\"aliases\":[\"mistral-tiny\"],\"deprecation\":\"2025-03-30T12:00:00Z\","
  "\"deprecation_replacement_model\":\"ministral-8b-latest\",\"default_model_temperature\":null,"
  "\"type\":\"base\"}",

  "{\"id\":\"ft:open-mistral-7b:587a6b29:20240514:7e773925\",\"object\":\"model\",\"created\":1715644800,"
  "\"owned_by\":\"587a6b29\",\"capabilities\":{\"completion_chat\":true,\"completion_fim\":false,"
  "\"function_calling\":false,\"fine_tuning\":false,\"vision\":false,\"classification\":false},"
  "\"name\":null,\"description\":null,\"max_context_length\":32768,\"aliases\":[],\"deprecation\":null,"
  "\"type\":\"fine-tuned\",\"job\":\"7e773925-4a8c-4a0e-9d7d-3c2e1f0a9b8c\",\"root\":\"open-mistral-7b\","
  "\"archived\":false}",
};

static JsonNode *
card_node (guint i)
{
  return json_from_string (catalogue[i], NULL);
}

static gboolean
card_is (JsonObject *card,
         const char *id)
{
  return g_strcmp0 (mock_object_get_string (card, "id"), id) == 0;
}

/* The id in the request's path, /v1/models/{model_id}: libsoup's server
 * hands the path over already unescaped. */
static char *
request_model_id (SoupServerMessage *msg)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  return g_strdup (path + strlen (MODELS_PATH "/"));
}

/* The chat's magic error models: "mock-error-STATUS". */
static gboolean
serve_magic (MockServer        *self,
             SoupServerMessage *msg,
             const char        *id)
{
  guint64 status;

  if (id == NULL || !g_str_has_prefix (id, "mock-error-")
      || !g_ascii_string_to_unsigned (id + strlen ("mock-error-"), 10, 100, 599, &status, NULL))
    return FALSE;
  mock_serve_reply (self, msg, mock_magic_error_reply (status, id));
  return TRUE;
}

static MockReply *
not_found_reply (const char *id)
{
  g_autofree char *message = g_strdup_printf ("Model not found: %s", id);

  return mock_api_error_reply (SOUP_STATUS_NOT_FOUND, message, "invalid_request_error");
}

/* GET /v1/models?provider=&model=: every card, or those owned by
 * @provider, or the one whose id or alias is @model. */
static void
serve_list (MockServer        *self,
            SoupServerMessage *msg,
            JsonObject        *body)
{
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  GHashTable *query = raw_query != NULL ? g_uri_parse_params (raw_query, -1, "&", G_URI_PARAMS_NONE, NULL) : NULL;
  const char *provider = query ? g_hash_table_lookup (query, "provider") : NULL;
  const char *model = query ? g_hash_table_lookup (query, "model") : NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *data = json_array_new ();
  g_autofree char *text = NULL;

  if (serve_magic (self, msg, model))
    {
      g_clear_pointer (&query, g_hash_table_unref);
      json_array_unref (data);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    {
      JsonNode *node = card_node (i);
      JsonObject *card = json_node_get_object (node);
      JsonArray *aliases = mock_object_get_array (card, "aliases");
      gboolean keep = provider == NULL || g_strcmp0 (mock_object_get_string (card, "owned_by"), provider) == 0;

      if (keep && model != NULL)
        {
          keep = card_is (card, model);
          for (guint j = 0; !keep && aliases && j < json_array_get_length (aliases); j++)
            keep = g_strcmp0 (json_array_get_string_element (aliases, j), model) == 0;
        }
      if (keep)
        json_array_add_element (data, node);
      else
        json_node_unref (node);
    }
  g_clear_pointer (&query, g_hash_table_unref);

  json_object_set_string_member (root, "object", "list");
  json_object_set_array_member (root, "data", data);
  text = mock_object_to_string (root);
  mock_serve_reply (self, msg, mock_reply_new_json (SOUP_STATUS_OK, text));
}

/* The catalogue's card @id, or NULL. */
static JsonNode *
find_card (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    {
      JsonNode *node = card_node (i);

      if (card_is (json_node_get_object (node), id))
        return node;
      json_node_unref (node);
    }
  return NULL;
}

/* The catalogue's card named by the request's path; or NULL, the request
 * then answered (a magic id's error, or 404). */
static JsonNode *
requested_card (MockServer        *self,
                SoupServerMessage *msg,
                char             **id)
{
  JsonNode *card;

  *id = request_model_id (msg);
  if (serve_magic (self, msg, *id))
    return NULL;
  card = find_card (*id);
  if (card == NULL)
    mock_serve_reply (self, msg, not_found_reply (*id));
  return card;
}

static void
serve_get (MockServer        *self,
           SoupServerMessage *msg,
           JsonObject        *body)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) card = requested_card (self, msg, &id);
  g_autofree char *text = NULL;

  if (card == NULL)
    return;
  text = mock_node_to_string (card);
  mock_serve_reply (self, msg, mock_reply_new_json (SOUP_STATUS_OK, text));
}

static void
serve_delete (MockServer        *self,
              SoupServerMessage *msg,
              JsonObject        *body)
{
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) card = requested_card (self, msg, &id);
  g_autoptr(JsonObject) deleted = NULL;
  g_autofree char *text = NULL;

  if (card == NULL)
    return;
  if (g_strcmp0 (mock_object_get_string (json_node_get_object (card), "type"), "fine-tuned") != 0)
    {
      g_autofree char *message = g_strdup_printf ("Model %s is not a fine-tuned model: only fine-tuned "
                                                  "models can be deleted", id);

      mock_serve_reply (self, msg, mock_api_error_reply (SOUP_STATUS_BAD_REQUEST, message,
                                                         "invalid_request_error"));
      return;
    }

  deleted = json_object_new ();
  json_object_set_string_member (deleted, "id", id);
  json_object_set_string_member (deleted, "object", "model");
  json_object_set_boolean_member (deleted, "deleted", TRUE);
  text = mock_object_to_string (deleted);
  mock_serve_reply (self, msg, mock_reply_new_json (SOUP_STATUS_OK, text));
}

/* The models area's endpoints (listed in mock_areas[], server.c). */
const MockEndpoint mock_models_endpoints[] = {
  { "GET", MODELS_PATH, NULL, serve_list },
  { "GET", MODELS_PATH "/{model_id}", NULL, serve_get },
  { "DELETE", MODELS_PATH "/{model_id}", NULL, serve_delete },
  { NULL }
};
