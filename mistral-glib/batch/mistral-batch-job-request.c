// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-batch-job-request-private.h"
#include "mistral-batch-request-private.h"
#include "mistral-enum-types.h"
#include "mistral-error.h"
#include "mistral-json-private.h"

/**
 * MistralBatchJobRequest:
 *
 * What [method@Mistral.Client.create_batch_job_async] sends: the requests of
 * a batch job (each a [class@Mistral.BatchRequest], all for one endpoint) or
 * the ids of JSONL files already uploaded, and the job's options.
 *
 * The requests go inline, in the create request's body, or in a JSONL file
 * that the library writes (streamed to a temporary file, one request at a
 * time), uploads with the purpose %MISTRAL_FILE_PURPOSE_BATCH and names in
 * `input_files`: see [property@Mistral.BatchJobRequest:input].
 *
 * ## Usage
 *
 * ```c
 * g_autoptr(MistralBatchJobRequest) job_request = mistral_batch_job_request_new ();
 *
 * for (guint i = 0; i < n_questions; i++)
 *   {
 *     g_autoptr(MistralChatCompletionRequest) chat = mistral_chat_completion_request_new ("mistral-small-latest");
 *     g_autoptr(MistralUserMessage) user = mistral_user_message_new (questions[i]);
 *     g_autoptr(MistralBatchRequest) entry = NULL;
 *     g_autofree char *id = g_strdup_printf ("question-%u", i);
 *
 *     mistral_chat_completion_request_add_message (chat, MISTRAL_CHAT_MESSAGE (user));
 *     entry = mistral_batch_request_new (id, G_OBJECT (chat));
 *     mistral_batch_job_request_add (job_request, entry);
 *   }
 * mistral_batch_job_request_set_metadata_value (job_request, "project", "faq");
 * ```
 *
 * Since: 1.0
 */

struct _MistralBatchJobRequest
{
  GObject parent_instance;

  GListStore *requests;
  GStrv input_files;
  char *endpoint;
  char *model;
  char *agent_id;
  guint timeout_hours;
  MistralBatchInput input;
  GHashTable *metadata;   /* key → value, both strings */
  GPtrArray *metadata_keys; /* in the order they were first set */
};

G_DEFINE_FINAL_TYPE (MistralBatchJobRequest, mistral_batch_job_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REQUESTS,
  PROP_INPUT_FILES,
  PROP_ENDPOINT,
  PROP_MODEL,
  PROP_AGENT_ID,
  PROP_TIMEOUT_HOURS,
  PROP_INPUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_batch_job_request_finalize (GObject *object)
{
  MistralBatchJobRequest *self = MISTRAL_BATCH_JOB_REQUEST (object);

  g_clear_object (&self->requests);
  g_strfreev (self->input_files);
  g_free (self->endpoint);
  g_free (self->model);
  g_free (self->agent_id);
  g_hash_table_unref (self->metadata);
  g_ptr_array_unref (self->metadata_keys);

  G_OBJECT_CLASS (mistral_batch_job_request_parent_class)->finalize (object);
}

static void
mistral_batch_job_request_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  MistralBatchJobRequest *self = MISTRAL_BATCH_JOB_REQUEST (object);

  switch (prop_id)
    {
    case PROP_REQUESTS:
      g_value_set_object (value, self->requests);
      break;
    case PROP_INPUT_FILES:
      g_value_set_boxed (value, self->input_files);
      break;
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_AGENT_ID:
      g_value_set_string (value, self->agent_id);
      break;
    case PROP_TIMEOUT_HOURS:
      g_value_set_uint (value, self->timeout_hours);
      break;
    case PROP_INPUT:
      g_value_set_enum (value, self->input);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_batch_job_request_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  MistralBatchJobRequest *self = MISTRAL_BATCH_JOB_REQUEST (object);

  switch (prop_id)
    {
    case PROP_INPUT_FILES:
      mistral_batch_job_request_set_input_files (self, g_value_get_boxed (value));
      break;
    case PROP_ENDPOINT:
      mistral_batch_job_request_set_endpoint (self, g_value_get_string (value));
      break;
    case PROP_MODEL:
      mistral_batch_job_request_set_model (self, g_value_get_string (value));
      break;
    case PROP_AGENT_ID:
      mistral_batch_job_request_set_agent_id (self, g_value_get_string (value));
      break;
    case PROP_TIMEOUT_HOURS:
      mistral_batch_job_request_set_timeout_hours (self, g_value_get_uint (value));
      break;
    case PROP_INPUT:
      mistral_batch_job_request_set_input (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
mistral_batch_job_request_class_init (MistralBatchJobRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_batch_job_request_finalize;
  object_class->get_property = mistral_batch_job_request_get_property;
  object_class->set_property = mistral_batch_job_request_set_property;

  /**
   * MistralBatchJobRequest:requests: (type Gio.ListModel)
   *
   * The requests, a list of [class@Mistral.BatchRequest], added with
   * [method@Mistral.BatchJobRequest.add].
   *
   * Since: 1.0
   */
  properties[PROP_REQUESTS] = g_param_spec_object ("requests", NULL, NULL, G_TYPE_LIST_MODEL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * MistralBatchJobRequest:input-files:
   *
   * The ids of JSONL files already uploaded with the purpose
   * %MISTRAL_FILE_PURPOSE_BATCH, instead of requests; the job then needs
   * [property@Mistral.BatchJobRequest:endpoint].
   *
   * Since: 1.0
   */
  properties[PROP_INPUT_FILES] = g_param_spec_boxed ("input-files", NULL, NULL, G_TYPE_STRV, RW_FLAGS);

  /**
   * MistralBatchJobRequest:endpoint:
   *
   * The endpoint of the job, such as `/v1/embeddings`; %NULL for the one of
   * its requests (which must all have the same).
   *
   * Since: 1.0
   */
  properties[PROP_ENDPOINT] = g_param_spec_string ("endpoint", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralBatchJobRequest:model:
   *
   * The model of the job, or %NULL to leave it to each request's body.
   *
   * Since: 1.0
   */
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralBatchJobRequest:agent-id:
   *
   * An agent of the (deprecated) agents API to run the requests, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_AGENT_ID] = g_param_spec_string ("agent-id", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralBatchJobRequest:timeout-hours:
   *
   * How long the job may run, 1 to 168 hours; 0 for the API's default (24),
   * and not sent. Any other value makes the create request fail with
   * %MISTRAL_ERROR_INVALID_REQUEST.
   *
   * Since: 1.0
   */
  properties[PROP_TIMEOUT_HOURS] = g_param_spec_uint ("timeout-hours", NULL, NULL, 0, G_MAXUINT, 0, RW_FLAGS);

  /**
   * MistralBatchJobRequest:input:
   *
   * How the requests are sent: inline, or as an uploaded JSONL file.
   *
   * Since: 1.0
   */
  properties[PROP_INPUT] = g_param_spec_enum ("input", NULL, NULL, MISTRAL_TYPE_BATCH_INPUT,
                                              MISTRAL_BATCH_INPUT_AUTO, RW_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_batch_job_request_init (MistralBatchJobRequest *self)
{
  self->requests = g_list_store_new (MISTRAL_TYPE_BATCH_REQUEST);
  self->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->metadata_keys = g_ptr_array_new ();
}

/**
 * mistral_batch_job_request_new:
 *
 * Makes an empty batch job request.
 *
 * Returns: (transfer full): the request
 *
 * Since: 1.0
 */
MistralBatchJobRequest *
mistral_batch_job_request_new (void)
{
  return g_object_new (MISTRAL_TYPE_BATCH_JOB_REQUEST, NULL);
}

/**
 * mistral_batch_job_request_add:
 * @self: a batch job request
 * @request: an entry
 *
 * Appends @request to the job's requests.
 *
 * Since: 1.0
 */
void
mistral_batch_job_request_add (MistralBatchJobRequest *self,
                               MistralBatchRequest    *request)
{
  g_return_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self));
  g_return_if_fail (MISTRAL_IS_BATCH_REQUEST (request));

  g_list_store_append (self->requests, request);
}

/**
 * mistral_batch_job_request_get_requests:
 * @self: a batch job request
 *
 * Gets [property@Mistral.BatchJobRequest:requests].
 *
 * Returns: (transfer none): the list of [class@Mistral.BatchRequest]
 *
 * Since: 1.0
 */
GListModel *
mistral_batch_job_request_get_requests (MistralBatchJobRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self), NULL);
  return G_LIST_MODEL (self->requests);
}

/**
 * mistral_batch_job_request_set_input_files:
 * @self: a batch job request
 * @file_ids: (nullable) (array zero-terminated=1): ids of uploaded files
 *
 * Sets [property@Mistral.BatchJobRequest:input-files].
 *
 * Since: 1.0
 */
void
mistral_batch_job_request_set_input_files (MistralBatchJobRequest *self,
                                           const char * const     *file_ids)
{
  g_return_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self));

  if (self->input_files == NULL && file_ids == NULL)
    return;
  if (self->input_files != NULL && file_ids != NULL &&
      g_strv_equal ((const char * const *) self->input_files, file_ids))
    return;
  g_strfreev (self->input_files);
  self->input_files = g_strdupv ((char **) file_ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUT_FILES]);
}

/**
 * mistral_batch_job_request_get_input_files:
 * @self: a batch job request
 *
 * Gets [property@Mistral.BatchJobRequest:input-files].
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the file ids
 *
 * Since: 1.0
 */
const char * const *
mistral_batch_job_request_get_input_files (MistralBatchJobRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self), NULL);
  return (const char * const *) self->input_files;
}

static void
batch_job_request_set_string (MistralBatchJobRequest *self,
                              char                  **field,
                              const char             *value,
                              guint                   prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/**
 * mistral_batch_job_request_set_endpoint:
 * @self: a batch job request
 * @endpoint: (nullable): an endpoint such as `/v1/chat/completions`
 *
 * Sets [property@Mistral.BatchJobRequest:endpoint].
 *
 * Since: 1.0
 */
void
mistral_batch_job_request_set_endpoint (MistralBatchJobRequest *self,
                                        const char             *endpoint)
{
  g_return_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self));
  batch_job_request_set_string (self, &self->endpoint, endpoint, PROP_ENDPOINT);
}

/**
 * mistral_batch_job_request_get_endpoint:
 * @self: a batch job request
 *
 * Gets [property@Mistral.BatchJobRequest:endpoint].
 *
 * Returns: (nullable): the endpoint
 *
 * Since: 1.0
 */
const char *
mistral_batch_job_request_get_endpoint (MistralBatchJobRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self), NULL);
  return self->endpoint;
}

/**
 * mistral_batch_job_request_set_model:
 * @self: a batch job request
 * @model: (nullable): the model
 *
 * Sets [property@Mistral.BatchJobRequest:model].
 *
 * Since: 1.0
 */
void
mistral_batch_job_request_set_model (MistralBatchJobRequest *self,
                                     const char             *model)
{
  g_return_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self));
  batch_job_request_set_string (self, &self->model, model, PROP_MODEL);
}

/**
 * mistral_batch_job_request_get_model:
 * @self: a batch job request
 *
 * Gets [property@Mistral.BatchJobRequest:model].
 *
 * Returns: (nullable): the model
 *
 * Since: 1.0
 */
const char *
mistral_batch_job_request_get_model (MistralBatchJobRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self), NULL);
  return self->model;
}

/**
 * mistral_batch_job_request_set_agent_id:
 * @self: a batch job request
 * @agent_id: (nullable): the agent
 *
 * Sets [property@Mistral.BatchJobRequest:agent-id].
 *
 * Since: 1.0
 */
void
mistral_batch_job_request_set_agent_id (MistralBatchJobRequest *self,
                                        const char             *agent_id)
{
  g_return_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self));
  batch_job_request_set_string (self, &self->agent_id, agent_id, PROP_AGENT_ID);
}

/**
 * mistral_batch_job_request_get_agent_id:
 * @self: a batch job request
 *
 * Gets [property@Mistral.BatchJobRequest:agent-id].
 *
 * Returns: (nullable): the agent
 *
 * Since: 1.0
 */
const char *
mistral_batch_job_request_get_agent_id (MistralBatchJobRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self), NULL);
  return self->agent_id;
}

/**
 * mistral_batch_job_request_set_timeout_hours:
 * @self: a batch job request
 * @hours: 1 to 168, or 0 for the API's default
 *
 * Sets [property@Mistral.BatchJobRequest:timeout-hours].
 *
 * Since: 1.0
 */
void
mistral_batch_job_request_set_timeout_hours (MistralBatchJobRequest *self,
                                             guint                   hours)
{
  g_return_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self));

  if (self->timeout_hours == hours)
    return;
  self->timeout_hours = hours;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT_HOURS]);
}

/**
 * mistral_batch_job_request_get_timeout_hours:
 * @self: a batch job request
 *
 * Gets [property@Mistral.BatchJobRequest:timeout-hours].
 *
 * Returns: the timeout in hours, 0 for the API's default
 *
 * Since: 1.0
 */
guint
mistral_batch_job_request_get_timeout_hours (MistralBatchJobRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self), 0);
  return self->timeout_hours;
}

/**
 * mistral_batch_job_request_set_input:
 * @self: a batch job request
 * @input: how the requests are sent
 *
 * Sets [property@Mistral.BatchJobRequest:input].
 *
 * Since: 1.0
 */
void
mistral_batch_job_request_set_input (MistralBatchJobRequest *self,
                                     MistralBatchInput       input)
{
  g_return_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self));
  g_return_if_fail (input <= MISTRAL_BATCH_INPUT_FILE);

  if (self->input == input)
    return;
  self->input = input;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUT]);
}

/**
 * mistral_batch_job_request_get_input:
 * @self: a batch job request
 *
 * Gets [property@Mistral.BatchJobRequest:input].
 *
 * Returns: how the requests are sent
 *
 * Since: 1.0
 */
MistralBatchInput
mistral_batch_job_request_get_input (MistralBatchJobRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self), MISTRAL_BATCH_INPUT_AUTO);
  return self->input;
}

/**
 * mistral_batch_job_request_set_metadata_value:
 * @self: a batch job request
 * @key: a key, 1 to 32 characters
 * @value: (nullable): its value, 1 to 512 characters, or %NULL to remove it
 *
 * Sets one entry of the job's metadata, which the job carries back
 * ([property@Mistral.BatchJob:metadata]). Keys and values out of the API's
 * bounds make the create request fail with %MISTRAL_ERROR_INVALID_REQUEST.
 *
 * Since: 1.0
 */
void
mistral_batch_job_request_set_metadata_value (MistralBatchJobRequest *self,
                                              const char             *key,
                                              const char             *value)
{
  g_return_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self));
  g_return_if_fail (key != NULL);

  if (value == NULL)
    {
      char *stored = NULL;

      if (g_hash_table_lookup_extended (self->metadata, key, (gpointer *) &stored, NULL))
        {
          g_ptr_array_remove (self->metadata_keys, stored);
          g_hash_table_remove (self->metadata, key);
        }
      return;
    }
  if (!g_hash_table_contains (self->metadata, key))
    {
      char *stored = g_strdup (key);

      g_hash_table_insert (self->metadata, stored, g_strdup (value));
      g_ptr_array_add (self->metadata_keys, stored);
      return;
    }
  /* insert () keeps the stored key, which the order array points at */
  g_hash_table_insert (self->metadata, g_strdup (key), g_strdup (value));
}

/**
 * mistral_batch_job_request_get_metadata_value:
 * @self: a batch job request
 * @key: a key
 *
 * Gets one entry of the job's metadata.
 *
 * Returns: (nullable): its value
 *
 * Since: 1.0
 */
const char *
mistral_batch_job_request_get_metadata_value (MistralBatchJobRequest *self,
                                              const char             *key)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB_REQUEST (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return g_hash_table_lookup (self->metadata, key);
}

/* Private ------------------------------------------------------------------ */

static const char * const batch_job_request_endpoints[] = {
  "/v1/chat/completions", "/v1/embeddings", "/v1/fim/completions", "/v1/moderations",
  "/v1/chat/moderations", "/v1/ocr", "/v1/classifications", "/v1/chat/classifications",
  "/v1/conversations", "/v1/audio/transcriptions", NULL
};

static gboolean
batch_job_request_invalid (GError    **error,
                           const char *message)
{
  g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST, message);
  return FALSE;
}

gboolean
mistral_batch_job_request_check (MistralBatchJobRequest  *self,
                                 const char             **endpoint,
                                 GError                 **error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requests));
  gboolean has_files = self->input_files != NULL && self->input_files[0] != NULL;
  GHashTableIter iter;
  gpointer key, value;

  *endpoint = self->endpoint;
  if (n == 0 && !has_files)
    return batch_job_request_invalid (error, "The batch job has no requests and no input files");
  if (n > 0 && has_files)
    return batch_job_request_invalid (error, "The batch job has both requests and input files");
  if (self->timeout_hours != 0 && (self->timeout_hours < 1 || self->timeout_hours > 168))
    return batch_job_request_invalid (error, "The batch job's timeout must be 1 to 168 hours");
  if (self->input == MISTRAL_BATCH_INPUT_INLINE && n > 10000)
    return batch_job_request_invalid (error, "A batch job takes at most 10000 inline requests");

  g_hash_table_iter_init (&iter, self->metadata);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      glong key_len = g_utf8_strlen (key, -1), value_len = g_utf8_strlen (value, -1);

      if (key_len < 1 || key_len > 32 || value_len < 1 || value_len > 512)
        return batch_job_request_invalid (error, "A metadata key must have 1 to 32 characters, and its value 1 to 512");
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralBatchRequest) request = g_list_model_get_item (G_LIST_MODEL (self->requests), i);
      const char *request_endpoint = mistral_batch_request_get_endpoint (request);

      if (*endpoint == NULL)
        *endpoint = request_endpoint;
      else if (strcmp (*endpoint, request_endpoint) != 0)
        {
          g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                       "The batch job's requests are not all for %s: request %u is for %s",
                       *endpoint, i, request_endpoint);
          return FALSE;
        }
    }

  if (*endpoint == NULL)
    return batch_job_request_invalid (error, "A batch job from input files needs an endpoint");
  if (!g_strv_contains (batch_job_request_endpoints, *endpoint))
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                   "“%s” is not an endpoint of batch jobs", *endpoint);
      return FALSE;
    }
  return TRUE;
}

gboolean
mistral_batch_job_request_use_file (MistralBatchJobRequest *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requests));

  if (n == 0)
    return FALSE;
  return self->input == MISTRAL_BATCH_INPUT_FILE ||
         (self->input == MISTRAL_BATCH_INPUT_AUTO && n > MISTRAL_BATCH_INLINE_LIMIT);
}

/* The custom id of request @i: its own, or its position. */
static char *
batch_job_request_custom_id (MistralBatchRequest *request,
                             guint                i)
{
  const char *custom_id = mistral_batch_request_get_custom_id (request);

  return custom_id != NULL ? g_strdup (custom_id) : g_strdup_printf ("%u", i);
}

gboolean
mistral_batch_job_request_reads_files (MistralBatchJobRequest *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requests));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralBatchRequest) request = g_list_model_get_item (G_LIST_MODEL (self->requests), i);

      if (mistral_batch_request_reads_file (request))
        return TRUE;
    }
  return FALSE;
}

GBytes *
mistral_batch_job_request_to_bytes (MistralBatchJobRequest  *self,
                                    const char              *input_file_id,
                                    GCancellable            *cancellable,
                                    GError                 **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *endpoint;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requests));

  if (!mistral_batch_job_request_check (self, &endpoint, error))
    return NULL;

  json_builder_begin_object (builder);
  mistral_json_add_string (builder, "endpoint", endpoint);
  mistral_json_add_string (builder, "model", self->model);
  mistral_json_add_string (builder, "agent_id", self->agent_id);
  if (self->metadata_keys->len > 0)
    {
      json_builder_set_member_name (builder, "metadata");
      json_builder_begin_object (builder);
      for (guint i = 0; i < self->metadata_keys->len; i++)
        {
          const char *key = self->metadata_keys->pdata[i];

          mistral_json_add_string (builder, key, g_hash_table_lookup (self->metadata, key));
        }
      json_builder_end_object (builder);
    }
  if (self->timeout_hours != 0)
    {
      json_builder_set_member_name (builder, "timeout_hours");
      json_builder_add_int_value (builder, self->timeout_hours);
    }
  if (input_file_id != NULL)
    {
      const char *ids[] = { input_file_id, NULL };

      mistral_json_add_strv (builder, "input_files", ids);
    }
  else if (n == 0)
    mistral_json_add_strv (builder, "input_files", (const char * const *) self->input_files);
  else
    {
      json_builder_set_member_name (builder, "requests");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MistralBatchRequest) request = g_list_model_get_item (G_LIST_MODEL (self->requests), i);
          g_autoptr(GBytes) body = mistral_batch_request_to_bytes (request, cancellable, error);
          g_autofree char *custom_id = batch_job_request_custom_id (request, i);
          JsonNode *node;

          if (body == NULL)
            return g_prefix_error (error, "Request %u: ", i), NULL;
          node = mistral_json_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), error);
          if (node == NULL)
            return NULL;
          json_builder_begin_object (builder);
          mistral_json_add_string (builder, "custom_id", custom_id);
          json_builder_set_member_name (builder, "body");
          json_builder_add_value (builder, node);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return mistral_json_to_bytes (root, error);
}

gboolean
mistral_batch_job_request_write_jsonl (MistralBatchJobRequest  *self,
                                       GOutputStream           *stream,
                                       GCancellable            *cancellable,
                                       GError                 **error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requests));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralBatchRequest) request = g_list_model_get_item (G_LIST_MODEL (self->requests), i);
      g_autoptr(GBytes) body = mistral_batch_request_to_bytes (request, cancellable, error);
      g_autofree char *custom_id = batch_job_request_custom_id (request, i);
      g_autoptr(JsonNode) id_node = NULL;
      g_autofree char *id_json = NULL;
      g_autofree char *head = NULL;

      if (body == NULL)
        return g_prefix_error (error, "Request %u: ", i), FALSE;
      id_node = json_node_init_string (json_node_alloc (), custom_id);
      id_json = json_to_string (id_node, FALSE);
      /* The body as its area wrote it: the line is that text, wrapped. */
      head = g_strdup_printf ("{\"custom_id\":%s,\"body\":", id_json);
      if (!g_output_stream_write_all (stream, head, strlen (head), NULL, cancellable, error) ||
          !g_output_stream_write_all (stream, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                      NULL, cancellable, error) ||
          !g_output_stream_write_all (stream, "}\n", 2, NULL, cancellable, error))
        return FALSE;
    }
  return TRUE;
}
