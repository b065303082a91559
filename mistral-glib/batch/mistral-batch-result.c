// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-batch-result-private.h"
#include "mistral-chat-completion-response-private.h"
#include "mistral-embedding-response-private.h"
#include "mistral-http-private.h"
#include "mistral-json-private.h"
#include "mistral-moderation-response-private.h"
#include "mistral-ocr-response-private.h"

/**
 * MistralBatchResult:
 *
 * The outcome of one request of a batch job, read from a line of its output
 * or error file: the request's custom id, and either its typed reply or an
 * error.
 *
 * The reply is of the type the endpoint's own call returns: a
 * [class@Mistral.ChatCompletionResponse] for chat and FIM, a
 * [class@Mistral.EmbeddingResponse] for embeddings (read as float values,
 * the API's default dtype), a [class@Mistral.ModerationResponse] for
 * moderation and classification, a [class@Mistral.OcrResponse] for OCR.
 *
 * An error is a request the API answered with an error status (the
 * [error@Mistral.Error] of that status, with the API's message, the status
 * in [property@Mistral.BatchResult:status-code] and the body in
 * [property@Mistral.BatchResult:raw]), or a line that could not be read
 * (%MISTRAL_ERROR_INVALID_RESPONSE, the line itself in `raw`).
 *
 * Since: 1.0
 */

struct _MistralBatchResult
{
  GObject parent_instance;

  char *custom_id;
  char *id;
  guint status_code;
  GObject *response;
  GError *error;
  char *raw;
  guint line;
};

G_DEFINE_FINAL_TYPE (MistralBatchResult, mistral_batch_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CUSTOM_ID,
  PROP_ID,
  PROP_STATUS_CODE,
  PROP_RESPONSE,
  PROP_ERROR,
  PROP_RAW,
  PROP_LINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_batch_result_finalize (GObject *object)
{
  MistralBatchResult *self = MISTRAL_BATCH_RESULT (object);

  g_free (self->custom_id);
  g_free (self->id);
  g_clear_object (&self->response);
  g_clear_error (&self->error);
  g_free (self->raw);

  G_OBJECT_CLASS (mistral_batch_result_parent_class)->finalize (object);
}

static void
mistral_batch_result_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MistralBatchResult *self = MISTRAL_BATCH_RESULT (object);

  switch (prop_id)
    {
    case PROP_CUSTOM_ID:
      g_value_set_string (value, self->custom_id);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_STATUS_CODE:
      g_value_set_uint (value, self->status_code);
      break;
    case PROP_RESPONSE:
      g_value_set_object (value, self->response);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_RAW:
      g_value_set_string (value, self->raw);
      break;
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
mistral_batch_result_class_init (MistralBatchResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_batch_result_finalize;
  object_class->get_property = mistral_batch_result_get_property;

  /**
   * MistralBatchResult:custom-id:
   *
   * The custom id of the request, as given in its [class@Mistral.BatchRequest];
   * %NULL for a line that could not be read.
   *
   * Since: 1.0
   */
  properties[PROP_CUSTOM_ID] = g_param_spec_string ("custom-id", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralBatchResult:id:
   *
   * The id the API gave the line.
   *
   * Since: 1.0
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralBatchResult:status-code:
   *
   * The HTTP status the request was answered with; 0 when the line does
   * not say.
   *
   * Since: 1.0
   */
  properties[PROP_STATUS_CODE] = g_param_spec_uint ("status-code", NULL, NULL, 0, G_MAXUINT, 0, READ_FLAGS);

  /**
   * MistralBatchResult:response:
   *
   * The typed reply, or %NULL for an error.
   *
   * Since: 1.0
   */
  properties[PROP_RESPONSE] = g_param_spec_object ("response", NULL, NULL, G_TYPE_OBJECT, READ_FLAGS);

  /**
   * MistralBatchResult:error:
   *
   * Why the request failed, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, READ_FLAGS);

  /**
   * MistralBatchResult:raw:
   *
   * For an error: the body the API answered with, or the line that could
   * not be read; %NULL for a reply.
   *
   * Since: 1.0
   */
  properties[PROP_RAW] = g_param_spec_string ("raw", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralBatchResult:line:
   *
   * The line of its file the result was read from, from 1.
   *
   * Since: 1.0
   */
  properties[PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, READ_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_batch_result_init (MistralBatchResult *self)
{
}

/* The typed reply of @endpoint from @body. */
static GObject *
batch_result_read_body (const char  *endpoint,
                        JsonNode    *body,
                        GError     **error)
{
  if (g_strcmp0 (endpoint, "/v1/chat/completions") == 0 || g_strcmp0 (endpoint, "/v1/fim/completions") == 0)
    return G_OBJECT (mistral_chat_completion_response_new_from_json_node (body, error));
  if (g_strcmp0 (endpoint, "/v1/moderations") == 0 || g_strcmp0 (endpoint, "/v1/chat/moderations") == 0)
    return G_OBJECT (mistral_moderation_response_new_from_json (body, FALSE, error));
  if (g_strcmp0 (endpoint, "/v1/classifications") == 0 || g_strcmp0 (endpoint, "/v1/chat/classifications") == 0)
    return G_OBJECT (mistral_moderation_response_new_from_json (body, TRUE, error));
  if (g_strcmp0 (endpoint, "/v1/ocr") == 0)
    return G_OBJECT (mistral_ocr_response_new_from_json (body, error));
  if (g_strcmp0 (endpoint, "/v1/embeddings") == 0)
    {
      g_autofree char *text = json_to_string (body, FALSE);

      return G_OBJECT (mistral_embedding_response_new_from_body (text, strlen (text), MISTRAL_EMBEDDING_DTYPE_FLOAT,
                                                                 0, TRUE, error));
    }
  g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
               "The replies of %s are not read by this version", endpoint != NULL ? endpoint : "(no endpoint)");
  return NULL;
}

/* Fills @self from the line, or fails: then only the error is kept. */
static gboolean
batch_result_read (MistralBatchResult  *self,
                   const char          *endpoint,
                   const char          *line,
                   gsize                length,
                   GError             **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *response = NULL, *line_error = NULL;
  const char *custom_id = NULL, *id = NULL;
  gint64 status = 0;
  JsonNode *body;

  root = mistral_json_parse (line, length, error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return mistral_json_wrong_type (root, "the result line", NULL, "an object", error), FALSE;
  object = json_node_get_object (root);
  if (!mistral_json_read_member (object, "custom_id", "", MISTRAL_JSON_STRING, &custom_id, error) ||
      !mistral_json_read_member (object, "id", "", MISTRAL_JSON_STRING, &id, error) ||
      !mistral_json_read_member (object, "response", "", MISTRAL_JSON_OBJECT, &response, error) ||
      (response != NULL && !mistral_json_read_member (response, "status_code", "response", MISTRAL_JSON_INT, &status, error)))
    return FALSE;
  /* "error" is an object ({message, code}) or a string, depending on the
   * writer: both are kept as the message. */
  if (json_object_has_member (object, "error") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "error")))
    line_error = json_object_get_object_member (object, "error");

  self->custom_id = g_strdup (custom_id);
  self->id = g_strdup (id);
  if (status < 0 || status > 999)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "The result's status code %" G_GINT64_FORMAT " is not an HTTP status", status);
      return FALSE;
    }
  self->status_code = status;

  body = response != NULL ? json_object_get_member (response, "body") : NULL;
  if (response == NULL || body == NULL || JSON_NODE_HOLDS_NULL (body))
    {
      JsonNode *error_node = json_object_get_member (object, "error");
      g_autofree char *message = error_node != NULL && !JSON_NODE_HOLDS_NULL (error_node)
                                   ? mistral_json_error_message_from_node (error_node) : NULL;

      if (line_error == NULL && message == NULL)
        {
          g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                               "The result line has neither a response body nor an error");
          return FALSE;
        }
      self->raw = json_to_string (error_node, FALSE);
      self->error = g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_FAILED, "%s",
                                 message != NULL ? message : "The request failed");
      return TRUE;
    }

  if (status >= 200 && status < 300)
    {
      g_autoptr(GError) body_error = NULL;

      self->response = batch_result_read_body (endpoint, body, &body_error);
      if (self->response == NULL)
        {
          self->raw = json_to_string (body, FALSE);
          self->error = g_steal_pointer (&body_error);
        }
      return TRUE;
    }

  self->raw = json_to_string (body, FALSE);
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static (self->raw, strlen (self->raw));

    /* A status of 0 or 1xx/3xx in a result is still a failed request. */
    self->error = mistral_http_error_for_status (status >= 400 ? status : 500, NULL, bytes);
  }
  return TRUE;
}

MistralBatchResult *
mistral_batch_result_read_line (const char *endpoint,
                                const char *line,
                                gsize       length,
                                guint       line_number)
{
  MistralBatchResult *self = g_object_new (MISTRAL_TYPE_BATCH_RESULT, NULL);
  g_autoptr(GError) error = NULL;

  self->line = line_number;
  if (!batch_result_read (self, endpoint, line, length, &error))
    {
      g_clear_pointer (&self->custom_id, g_free);
      g_clear_pointer (&self->id, g_free);
      g_clear_object (&self->response);
      g_clear_error (&self->error);
      g_free (self->raw);
      self->raw = g_utf8_make_valid (line, length);
      self->error = g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                                 "Line %u of the results cannot be read: %s", line_number, error->message);
    }
  return self;
}

MistralBatchResult *
mistral_batch_result_new_too_long (const char *start,
                                   gsize       start_length,
                                   guint64     length,
                                   guint       line_number,
                                   gsize       limit)
{
  MistralBatchResult *self = g_object_new (MISTRAL_TYPE_BATCH_RESULT, NULL);

  self->line = line_number;
  /* Its beginning only, which shows what the line was. */
  self->raw = g_utf8_make_valid (start, MIN (start_length, 1024));
  self->error = g_error_new (MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                             "Line %u of the results has %" G_GUINT64_FORMAT " bytes, more than the %" G_GSIZE_FORMAT
                             " a line may have: it was skipped", line_number, length, limit);
  return self;
}

/**
 * mistral_batch_result_new_from_line:
 * @endpoint: the job's endpoint, such as `/v1/chat/completions`
 * @line: one line of a job's output or error file
 * @error: return location for a #GError
 *
 * Reads one line of a results file, for an application that downloaded
 * the file itself.
 *
 * Returns: (transfer full): the result, or %NULL with
 *   %MISTRAL_ERROR_INVALID_RESPONSE when the line cannot be read (a result
 *   whose request failed is not an error here: see
 *   [property@Mistral.BatchResult:error])
 *
 * Since: 1.0
 */
MistralBatchResult *
mistral_batch_result_new_from_line (const char  *endpoint,
                                    const char  *line,
                                    GError     **error)
{
  g_autoptr(MistralBatchResult) self = NULL;

  g_return_val_if_fail (line != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MISTRAL_TYPE_BATCH_RESULT, NULL);
  self->line = 1;
  if (!batch_result_read (self, endpoint, line, strlen (line), error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * mistral_batch_result_get_custom_id:
 * @self: a batch result
 *
 * Gets [property@Mistral.BatchResult:custom-id].
 *
 * Returns: (nullable): the request's custom id
 *
 * Since: 1.0
 */
const char *
mistral_batch_result_get_custom_id (MistralBatchResult *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_RESULT (self), NULL);
  return self->custom_id;
}

/**
 * mistral_batch_result_get_id:
 * @self: a batch result
 *
 * Gets [property@Mistral.BatchResult:id].
 *
 * Returns: (nullable): the line's id
 *
 * Since: 1.0
 */
const char *
mistral_batch_result_get_id (MistralBatchResult *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_RESULT (self), NULL);
  return self->id;
}

/**
 * mistral_batch_result_get_status_code:
 * @self: a batch result
 *
 * Gets [property@Mistral.BatchResult:status-code].
 *
 * Returns: the HTTP status of the request, or 0
 *
 * Since: 1.0
 */
guint
mistral_batch_result_get_status_code (MistralBatchResult *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_RESULT (self), 0);
  return self->status_code;
}

/**
 * mistral_batch_result_get_response:
 * @self: a batch result
 *
 * Gets [property@Mistral.BatchResult:response].
 *
 * Returns: (nullable) (transfer none): the typed reply
 *
 * Since: 1.0
 */
GObject *
mistral_batch_result_get_response (MistralBatchResult *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_RESULT (self), NULL);
  return self->response;
}

/**
 * mistral_batch_result_get_error:
 * @self: a batch result
 *
 * Gets [property@Mistral.BatchResult:error].
 *
 * Returns: (nullable) (transfer none): why the request failed
 *
 * Since: 1.0
 */
const GError *
mistral_batch_result_get_error (MistralBatchResult *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_RESULT (self), NULL);
  return self->error;
}

/**
 * mistral_batch_result_propagate_error:
 * @self: a batch result
 * @error: return location for a #GError
 *
 * Sets @error to a copy of the result's error, if it has one: the way for
 * Python, GJS and Vala to get it as an exception.
 *
 * Returns: %TRUE when the request succeeded, %FALSE with @error set
 *
 * Since: 1.0
 */
gboolean
mistral_batch_result_propagate_error (MistralBatchResult  *self,
                                      GError             **error)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_RESULT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->error == NULL)
    return TRUE;
  g_propagate_error (error, g_error_copy (self->error));
  return FALSE;
}

/**
 * mistral_batch_result_get_raw:
 * @self: a batch result
 *
 * Gets [property@Mistral.BatchResult:raw].
 *
 * Returns: (nullable): the error body or the unreadable line
 *
 * Since: 1.0
 */
const char *
mistral_batch_result_get_raw (MistralBatchResult *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_RESULT (self), NULL);
  return self->raw;
}

/**
 * mistral_batch_result_get_line:
 * @self: a batch result
 *
 * Gets [property@Mistral.BatchResult:line].
 *
 * Returns: the line number, from 1
 *
 * Since: 1.0
 */
guint
mistral_batch_result_get_line (MistralBatchResult *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_RESULT (self), 0);
  return self->line;
}
