// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-batch-error-private.h"
#include "mistral-batch-job-private.h"
#include "mistral-batch-result-private.h"
#include "mistral-enum-types.h"
#include "mistral-json-private.h"

/**
 * MistralBatchJob:
 *
 * A batch job of the Mistral API: many requests to one endpoint, run by the
 * service within a time limit, their replies written to an output file and
 * their errors to an error file.
 *
 * A job comes from [method@Mistral.Client.create_batch_job_async],
 * [method@Mistral.Client.get_batch_job_async] or
 * [method@Mistral.Client.list_batch_jobs_async].
 * [method@Mistral.Client.wait_batch_job_async] and
 * [method@Mistral.Client.cancel_batch_job_async] update the same object in
 * place: each property that changed is notified, the counts before
 * [property@Mistral.BatchJob:status], so that a handler of `notify::status`
 * sees the final counts.
 *
 * ## Usage
 *
 * ```c
 * static void
 * on_progress (MistralBatchJob *job, GParamSpec *pspec, gpointer data)
 * {
 *   g_print ("%u of %u\n", mistral_batch_job_get_completed_requests (job),
 *            mistral_batch_job_get_total_requests (job));
 * }
 *
 * g_signal_connect (job, "notify::completed-requests", G_CALLBACK (on_progress), NULL);
 * ```
 *
 * Since: 1.0
 */

struct _MistralBatchJob
{
  GObject parent_instance;

  char *id;
  MistralBatchStatus status;
  char *status_string;
  char *endpoint;
  char *model;
  char *agent_id;
  GStrv input_files;
  guint total_requests;
  guint completed_requests;
  guint succeeded_requests;
  guint failed_requests;
  char *output_file;
  char *error_file;
  GDateTime *created_at;
  GDateTime *started_at;
  GDateTime *completed_at;
  JsonObject *metadata;
  GListStore *errors;
  JsonArray *outputs_json;  /* as read, to tell a change */
  GListStore *outputs;      /* MistralBatchResult, or NULL */

  JsonNode *node;   /* the JSON it was read from, for mistral_batch_job_update_from_job () */
};

G_DEFINE_FINAL_TYPE (MistralBatchJob, mistral_batch_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATUS,
  PROP_STATUS_STRING,
  PROP_ENDPOINT,
  PROP_MODEL,
  PROP_AGENT_ID,
  PROP_INPUT_FILES,
  PROP_TOTAL_REQUESTS,
  PROP_COMPLETED_REQUESTS,
  PROP_SUCCEEDED_REQUESTS,
  PROP_FAILED_REQUESTS,
  PROP_OUTPUT_FILE,
  PROP_ERROR_FILE,
  PROP_CREATED_AT,
  PROP_STARTED_AT,
  PROP_COMPLETED_AT,
  PROP_METADATA,
  PROP_ERRORS,
  PROP_OUTPUTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const batch_job_status_names[] = {
  [MISTRAL_BATCH_STATUS_QUEUED] = "QUEUED",
  [MISTRAL_BATCH_STATUS_RUNNING] = "RUNNING",
  [MISTRAL_BATCH_STATUS_SUCCESS] = "SUCCESS",
  [MISTRAL_BATCH_STATUS_FAILED] = "FAILED",
  [MISTRAL_BATCH_STATUS_TIMEOUT_EXCEEDED] = "TIMEOUT_EXCEEDED",
  [MISTRAL_BATCH_STATUS_CANCELLATION_REQUESTED] = "CANCELLATION_REQUESTED",
  [MISTRAL_BATCH_STATUS_CANCELLED] = "CANCELLED",
};

static MistralBatchStatus
batch_job_status_from_string (const char *s)
{
  for (guint i = 0; i < G_N_ELEMENTS (batch_job_status_names); i++)
    if (g_strcmp0 (batch_job_status_names[i], s) == 0)
      return i;
  return MISTRAL_BATCH_STATUS_UNKNOWN;
}

static void
mistral_batch_job_finalize (GObject *object)
{
  MistralBatchJob *self = MISTRAL_BATCH_JOB (object);

  g_free (self->id);
  g_free (self->status_string);
  g_free (self->endpoint);
  g_free (self->model);
  g_free (self->agent_id);
  g_strfreev (self->input_files);
  g_free (self->output_file);
  g_free (self->error_file);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->completed_at, g_date_time_unref);
  g_clear_pointer (&self->metadata, json_object_unref);
  g_clear_object (&self->errors);
  g_clear_pointer (&self->outputs_json, json_array_unref);
  g_clear_object (&self->outputs);
  g_clear_pointer (&self->node, json_node_unref);

  G_OBJECT_CLASS (mistral_batch_job_parent_class)->finalize (object);
}

static void
mistral_batch_job_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MistralBatchJob *self = MISTRAL_BATCH_JOB (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_STATUS_STRING:
      g_value_set_string (value, self->status_string);
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
    case PROP_INPUT_FILES:
      g_value_set_boxed (value, self->input_files);
      break;
    case PROP_TOTAL_REQUESTS:
      g_value_set_uint (value, self->total_requests);
      break;
    case PROP_COMPLETED_REQUESTS:
      g_value_set_uint (value, self->completed_requests);
      break;
    case PROP_SUCCEEDED_REQUESTS:
      g_value_set_uint (value, self->succeeded_requests);
      break;
    case PROP_FAILED_REQUESTS:
      g_value_set_uint (value, self->failed_requests);
      break;
    case PROP_OUTPUT_FILE:
      g_value_set_string (value, self->output_file);
      break;
    case PROP_ERROR_FILE:
      g_value_set_string (value, self->error_file);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_STARTED_AT:
      g_value_set_boxed (value, self->started_at);
      break;
    case PROP_COMPLETED_AT:
      g_value_set_boxed (value, self->completed_at);
      break;
    case PROP_METADATA:
      g_value_set_boxed (value, self->metadata);
      break;
    case PROP_ERRORS:
      g_value_set_object (value, self->errors);
      break;
    case PROP_OUTPUTS:
      g_value_set_object (value, self->outputs);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
mistral_batch_job_class_init (MistralBatchJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_batch_job_finalize;
  object_class->get_property = mistral_batch_job_get_property;

  /**
   * MistralBatchJob:id:
   *
   * The job's id.
   *
   * Since: 1.0
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralBatchJob:status:
   *
   * The job's state; %MISTRAL_BATCH_STATUS_UNKNOWN for a status this
   * version does not know (its text is in
   * [property@Mistral.BatchJob:status-string]).
   *
   * Since: 1.0
   */
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, MISTRAL_TYPE_BATCH_STATUS,
                                               MISTRAL_BATCH_STATUS_QUEUED, READ_FLAGS);

  /**
   * MistralBatchJob:status-string:
   *
   * The status as the API wrote it, such as `RUNNING`.
   *
   * Since: 1.0
   */
  properties[PROP_STATUS_STRING] = g_param_spec_string ("status-string", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralBatchJob:endpoint:
   *
   * The endpoint its requests go to, such as `/v1/chat/completions`.
   *
   * Since: 1.0
   */
  properties[PROP_ENDPOINT] = g_param_spec_string ("endpoint", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralBatchJob:model:
   *
   * The model of the job, if it was given one.
   *
   * Since: 1.0
   */
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralBatchJob:agent-id:
   *
   * The agent of the job, if it was given one.
   *
   * Since: 1.0
   */
  properties[PROP_AGENT_ID] = g_param_spec_string ("agent-id", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralBatchJob:input-files:
   *
   * The ids of the JSONL files its requests were read from.
   *
   * Since: 1.0
   */
  properties[PROP_INPUT_FILES] = g_param_spec_boxed ("input-files", NULL, NULL, G_TYPE_STRV, READ_FLAGS);

  /**
   * MistralBatchJob:total-requests:
   *
   * How many requests the job has.
   *
   * Since: 1.0
   */
  properties[PROP_TOTAL_REQUESTS] = g_param_spec_uint ("total-requests", NULL, NULL, 0, G_MAXUINT, 0, READ_FLAGS);

  /**
   * MistralBatchJob:completed-requests:
   *
   * How many of them are done, successfully or not.
   *
   * Since: 1.0
   */
  properties[PROP_COMPLETED_REQUESTS] = g_param_spec_uint ("completed-requests", NULL, NULL, 0, G_MAXUINT, 0, READ_FLAGS);

  /**
   * MistralBatchJob:succeeded-requests:
   *
   * How many of them succeeded.
   *
   * Since: 1.0
   */
  properties[PROP_SUCCEEDED_REQUESTS] = g_param_spec_uint ("succeeded-requests", NULL, NULL, 0, G_MAXUINT, 0, READ_FLAGS);

  /**
   * MistralBatchJob:failed-requests:
   *
   * How many of them failed.
   *
   * Since: 1.0
   */
  properties[PROP_FAILED_REQUESTS] = g_param_spec_uint ("failed-requests", NULL, NULL, 0, G_MAXUINT, 0, READ_FLAGS);

  /**
   * MistralBatchJob:output-file:
   *
   * The id of the file of its replies, once there is one.
   *
   * Since: 1.0
   */
  properties[PROP_OUTPUT_FILE] = g_param_spec_string ("output-file", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralBatchJob:error-file:
   *
   * The id of the file of its failed requests, once there is one.
   *
   * Since: 1.0
   */
  properties[PROP_ERROR_FILE] = g_param_spec_string ("error-file", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralBatchJob:created-at:
   *
   * When the job was created (UTC).
   *
   * Since: 1.0
   */
  properties[PROP_CREATED_AT] = g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, READ_FLAGS);

  /**
   * MistralBatchJob:started-at:
   *
   * When the job started running, once it did.
   *
   * Since: 1.0
   */
  properties[PROP_STARTED_AT] = g_param_spec_boxed ("started-at", NULL, NULL, G_TYPE_DATE_TIME, READ_FLAGS);

  /**
   * MistralBatchJob:completed-at:
   *
   * When the job ended, once it did.
   *
   * Since: 1.0
   */
  properties[PROP_COMPLETED_AT] = g_param_spec_boxed ("completed-at", NULL, NULL, G_TYPE_DATE_TIME, READ_FLAGS);

  /**
   * MistralBatchJob:metadata:
   *
   * The metadata given when the job was created, as a JSON object.
   *
   * Since: 1.0
   */
  properties[PROP_METADATA] = g_param_spec_boxed ("metadata", NULL, NULL, JSON_TYPE_OBJECT, READ_FLAGS);

  /**
   * MistralBatchJob:errors: (type Gio.ListModel)
   *
   * The errors of the job as a whole, a list of [class@Mistral.BatchError].
   *
   * Since: 1.0
   */
  properties[PROP_ERRORS] = g_param_spec_object ("errors", NULL, NULL, G_TYPE_LIST_MODEL, READ_FLAGS);

  /**
   * MistralBatchJob:outputs: (type Gio.ListModel)
   *
   * The job's results when the API gives them inline (the `outputs` of
   * the job, a list of result objects of the same shape as the lines of
   * an output file), as a list of [class@Mistral.BatchResult] whose
   * [property@Mistral.BatchResult:line] is the position in `outputs`, from
   * 1; %NULL when the job has none (`outputs` absent or null), which is the
   * case unless the job was read with them.
   * [method@Mistral.Client.get_batch_results_async] returns these instead of
   * downloading the job's files when there are.
   *
   * Since: 1.0
   */
  properties[PROP_OUTPUTS] = g_param_spec_object ("outputs", NULL, NULL, G_TYPE_LIST_MODEL, READ_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_batch_job_init (MistralBatchJob *self)
{
  self->errors = g_list_store_new (MISTRAL_TYPE_BATCH_ERROR);
}

/* Reading ------------------------------------------------------------------ */

/* A job as read, before it is applied to the object. */
typedef struct {
  const char *id, *status, *endpoint, *model, *agent_id, *output_file, *error_file;
  JsonArray *input_files, *errors, *outputs;
  JsonObject *metadata;
  guint total, completed, succeeded, failed;
  gint64 created_at, started_at, completed_at;
  gboolean has_created_at, has_started_at, has_completed_at;
} BatchJobFields;

static gboolean
batch_job_read_time (JsonObject  *object,
                     const char  *member,
                     gint64      *out,
                     gboolean    *has,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (!mistral_json_read_member (object, member, "", MISTRAL_JSON_INT, out, error))
    return FALSE;
  *has = node != NULL && !JSON_NODE_HOLDS_NULL (node);
  /* Out of GDateTime's range: an invalid reply, never a NULL date later. */
  if (*has && (*out < 0 || *out > G_GINT64_CONSTANT (253402300799)))
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "The reply's “%s” is not a valid time", member);
      return FALSE;
    }
  return TRUE;
}

static gboolean
batch_job_read (JsonNode        *node,
                BatchJobFields  *f,
                GStrv           *input_files,
                GListStore     **errors,
                GError         **error)
{
  JsonObject *object;
  g_autoptr(GStrvBuilder) files = g_strv_builder_new ();

  memset (f, 0, sizeof *f);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return mistral_json_wrong_type (node, "the batch job", NULL, "an object", error), FALSE;
  object = json_node_get_object (node);

  if (!mistral_json_read_member (object, "id", "", MISTRAL_JSON_STRING, &f->id, error) ||
      !mistral_json_read_member (object, "status", "", MISTRAL_JSON_STRING, &f->status, error) ||
      !mistral_json_read_member (object, "endpoint", "", MISTRAL_JSON_STRING, &f->endpoint, error) ||
      !mistral_json_read_member (object, "model", "", MISTRAL_JSON_STRING, &f->model, error) ||
      !mistral_json_read_member (object, "agent_id", "", MISTRAL_JSON_STRING, &f->agent_id, error) ||
      !mistral_json_read_member (object, "output_file", "", MISTRAL_JSON_STRING, &f->output_file, error) ||
      !mistral_json_read_member (object, "error_file", "", MISTRAL_JSON_STRING, &f->error_file, error) ||
      !mistral_json_read_member (object, "input_files", "", MISTRAL_JSON_ARRAY, &f->input_files, error) ||
      !mistral_json_read_member (object, "errors", "", MISTRAL_JSON_ARRAY, &f->errors, error) ||
      !mistral_json_read_member (object, "outputs", "", MISTRAL_JSON_ARRAY, &f->outputs, error) ||
      !mistral_json_read_member (object, "metadata", "", MISTRAL_JSON_OBJECT, &f->metadata, error) ||
      !mistral_json_read_member (object, "total_requests", "", MISTRAL_JSON_UINT, &f->total, error) ||
      !mistral_json_read_member (object, "completed_requests", "", MISTRAL_JSON_UINT, &f->completed, error) ||
      !mistral_json_read_member (object, "succeeded_requests", "", MISTRAL_JSON_UINT, &f->succeeded, error) ||
      !mistral_json_read_member (object, "failed_requests", "", MISTRAL_JSON_UINT, &f->failed, error) ||
      !batch_job_read_time (object, "created_at", &f->created_at, &f->has_created_at, error) ||
      !batch_job_read_time (object, "started_at", &f->started_at, &f->has_started_at, error) ||
      !batch_job_read_time (object, "completed_at", &f->completed_at, &f->has_completed_at, error))
    return FALSE;

  if (f->id == NULL || *f->id == '\0' || f->status == NULL)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "The batch job has no id or no status");
      return FALSE;
    }

  for (guint i = 0; f->input_files != NULL && i < json_array_get_length (f->input_files); i++)
    {
      JsonNode *element = json_array_get_element (f->input_files, i);
      g_autofree char *path = g_strdup_printf ("input_files[%u]", i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return mistral_json_wrong_type (element, path, NULL, "a string", error), FALSE;
      g_strv_builder_add (files, json_node_get_string (element));
    }
  *input_files = g_strv_builder_end (files);

  if (f->errors != NULL)
    *errors = mistral_json_read_list (f->errors, "errors", MISTRAL_TYPE_BATCH_ERROR,
                                      mistral_batch_error_new_from_json_object, error);
  else
    *errors = g_list_store_new (MISTRAL_TYPE_BATCH_ERROR);
  if (*errors == NULL)
    {
      g_clear_pointer (input_files, g_strfreev);
      return FALSE;
    }
  return TRUE;
}

static void
batch_job_set_string (MistralBatchJob *self,
                      char           **field,
                      const char      *value,
                      guint            prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
batch_job_set_uint (MistralBatchJob *self,
                    guint           *field,
                    guint            value,
                    guint            prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
batch_job_set_time (MistralBatchJob  *self,
                    GDateTime       **field,
                    gboolean          has,
                    gint64            value,
                    guint             prop)
{
  if (!has && *field == NULL)
    return;
  if (has && *field != NULL && g_date_time_to_unix (*field) == value)
    return;
  g_clear_pointer (field, g_date_time_unref);
  if (has)
    *field = g_date_time_new_from_unix_utc (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static gboolean
batch_job_same_errors (GListModel *a,
                       GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralBatchError) x = g_list_model_get_item (a, i);
      g_autoptr(MistralBatchError) y = g_list_model_get_item (b, i);

      if (g_strcmp0 (mistral_batch_error_get_message (x), mistral_batch_error_get_message (y)) != 0 ||
          mistral_batch_error_get_count (x) != mistral_batch_error_get_count (y))
        return FALSE;
    }
  return TRUE;
}

/* Inline outputs, each read as a results line would be. */
static GListStore *
batch_job_read_outputs (JsonArray  *outputs,
                        const char *endpoint)
{
  GListStore *store = g_list_store_new (MISTRAL_TYPE_BATCH_RESULT);

  for (guint i = 0; i < json_array_get_length (outputs); i++)
    {
      g_autofree char *text = json_to_string (json_array_get_element (outputs, i), FALSE);
      g_autoptr(MistralBatchResult) result = mistral_batch_result_read_line (endpoint, text, strlen (text), i + 1);

      g_list_store_append (store, result);
    }
  return store;
}

static gboolean
batch_job_same_outputs (JsonArray *a,
                        JsonArray *b)
{
  g_autoptr(JsonNode) x = NULL;
  g_autoptr(JsonNode) y = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  x = json_node_init_array (json_node_alloc (), a);
  y = json_node_init_array (json_node_alloc (), b);
  return json_node_equal (x, y);
}

gboolean
mistral_batch_job_update_from_json_node (MistralBatchJob  *self,
                                         JsonNode         *node,
                                         GError          **error)
{
  BatchJobFields f;
  g_auto(GStrv) input_files = NULL;
  g_autoptr(GListStore) errors = NULL;
  MistralBatchStatus status;

  if (!batch_job_read (node, &f, &input_files, &errors, error))
    return FALSE;
  if (self->id != NULL && strcmp (self->id, f.id) != 0)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "The reply is about batch job “%s”, not “%s”", f.id, self->id);
      return FALSE;
    }

  batch_job_set_string (self, &self->id, f.id, PROP_ID);
  batch_job_set_string (self, &self->endpoint, f.endpoint, PROP_ENDPOINT);
  batch_job_set_string (self, &self->model, f.model, PROP_MODEL);
  batch_job_set_string (self, &self->agent_id, f.agent_id, PROP_AGENT_ID);
  if (self->input_files == NULL || !g_strv_equal ((const char * const *) self->input_files,
                                                  (const char * const *) input_files))
    {
      g_strfreev (self->input_files);
      self->input_files = g_steal_pointer (&input_files);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUT_FILES]);
    }
  if (self->metadata != f.metadata &&
      (self->metadata == NULL || f.metadata == NULL || !json_object_equal (self->metadata, f.metadata)))
    {
      g_clear_pointer (&self->metadata, json_object_unref);
      self->metadata = f.metadata != NULL ? json_object_ref (f.metadata) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METADATA]);
    }
  batch_job_set_time (self, &self->created_at, f.has_created_at, f.created_at, PROP_CREATED_AT);
  batch_job_set_time (self, &self->started_at, f.has_started_at, f.started_at, PROP_STARTED_AT);
  /* The counts before the status, so that notify::status sees them final. */
  batch_job_set_uint (self, &self->total_requests, f.total, PROP_TOTAL_REQUESTS);
  batch_job_set_uint (self, &self->completed_requests, f.completed, PROP_COMPLETED_REQUESTS);
  batch_job_set_uint (self, &self->succeeded_requests, f.succeeded, PROP_SUCCEEDED_REQUESTS);
  batch_job_set_uint (self, &self->failed_requests, f.failed, PROP_FAILED_REQUESTS);
  batch_job_set_string (self, &self->output_file, f.output_file, PROP_OUTPUT_FILE);
  batch_job_set_string (self, &self->error_file, f.error_file, PROP_ERROR_FILE);
  if (!batch_job_same_errors (G_LIST_MODEL (self->errors), G_LIST_MODEL (errors)))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (errors));
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (errors), i));
      /* The same list object, spliced: a view bound to it follows. */
      g_list_store_splice (self->errors, 0, g_list_model_get_n_items (G_LIST_MODEL (self->errors)),
                           items->pdata, items->len);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERRORS]);
    }
  if (!batch_job_same_outputs (self->outputs_json, f.outputs))
    {
      g_clear_pointer (&self->outputs_json, json_array_unref);
      g_clear_object (&self->outputs);
      if (f.outputs != NULL)
        {
          self->outputs_json = json_array_ref (f.outputs);
          self->outputs = batch_job_read_outputs (f.outputs, self->endpoint);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTPUTS]);
    }
  batch_job_set_time (self, &self->completed_at, f.has_completed_at, f.completed_at, PROP_COMPLETED_AT);

  status = batch_job_status_from_string (f.status);
  batch_job_set_string (self, &self->status_string, f.status, PROP_STATUS_STRING);
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  return TRUE;
}

gpointer
mistral_batch_job_new_from_json_object (JsonObject  *object,
                                        const char  *path,
                                        guint        position,
                                        GError     **error)
{
  g_autoptr(MistralBatchJob) self = g_object_new (MISTRAL_TYPE_BATCH_JOB, NULL);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(GError) local_error = NULL;

  if (!mistral_batch_job_update_from_json_node (self, node, &local_error))
    {
      if (path != NULL && *path != '\0')
        g_prefix_error (&local_error, "%s: ", path);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&self);
}

gpointer
mistral_batch_job_read_reply (JsonNode          *node,
                              MistralHttpReply  *reply,
                              GError           **error)
{
  g_autoptr(MistralBatchJob) self = g_object_new (MISTRAL_TYPE_BATCH_JOB, NULL);

  if (!mistral_batch_job_update_from_json_node (self, node, error))
    return NULL;
  self->node = json_node_ref (node);
  return g_steal_pointer (&self);
}

gboolean
mistral_batch_job_update_from_job (MistralBatchJob  *self,
                                   MistralBatchJob  *other,
                                   GError          **error)
{
  if (other->node == NULL)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE, "The batch job has no JSON");
      return FALSE;
    }
  return mistral_batch_job_update_from_json_node (self, other->node, error);
}

/**
 * mistral_batch_job_new_from_json:
 * @json: a BatchJob object as the API writes it
 * @error: return location for a #GError
 *
 * Reads a job from its JSON, as saved by an application or written by the
 * API.
 *
 * Returns: (transfer full): the job, or %NULL with
 *   %MISTRAL_ERROR_INVALID_RESPONSE
 *
 * Since: 1.0
 */
MistralBatchJob *
mistral_batch_job_new_from_json (const char  *json,
                                 GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  node = mistral_json_parse (json, -1, error);
  if (node == NULL)
    return NULL;
  return mistral_batch_job_read_reply (node, NULL, error);
}

/* Getters ------------------------------------------------------------------ */

/**
 * mistral_batch_job_get_id:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:id].
 *
 * Returns: the job's id
 *
 * Since: 1.0
 */
const char *
mistral_batch_job_get_id (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), NULL);
  return self->id;
}

/**
 * mistral_batch_job_get_status:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:status].
 *
 * Returns: the job's state
 *
 * Since: 1.0
 */
MistralBatchStatus
mistral_batch_job_get_status (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), MISTRAL_BATCH_STATUS_UNKNOWN);
  return self->status;
}

/**
 * mistral_batch_job_get_status_string:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:status-string].
 *
 * Returns: (nullable): the status as the API wrote it
 *
 * Since: 1.0
 */
const char *
mistral_batch_job_get_status_string (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), NULL);
  return self->status_string;
}

/**
 * mistral_batch_job_is_finished:
 * @self: a batch job
 *
 * Whether the job reached a final state: SUCCESS, FAILED, TIMEOUT_EXCEEDED
 * or CANCELLED.
 *
 * Returns: %TRUE once the job ended
 *
 * Since: 1.0
 */
gboolean
mistral_batch_job_is_finished (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), FALSE);
  return self->status == MISTRAL_BATCH_STATUS_SUCCESS ||
         self->status == MISTRAL_BATCH_STATUS_FAILED ||
         self->status == MISTRAL_BATCH_STATUS_TIMEOUT_EXCEEDED ||
         self->status == MISTRAL_BATCH_STATUS_CANCELLED;
}

/**
 * mistral_batch_job_get_endpoint:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:endpoint].
 *
 * Returns: (nullable): the endpoint of its requests
 *
 * Since: 1.0
 */
const char *
mistral_batch_job_get_endpoint (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), NULL);
  return self->endpoint;
}

/**
 * mistral_batch_job_get_model:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:model].
 *
 * Returns: (nullable): the job's model
 *
 * Since: 1.0
 */
const char *
mistral_batch_job_get_model (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), NULL);
  return self->model;
}

/**
 * mistral_batch_job_get_agent_id:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:agent-id].
 *
 * Returns: (nullable): the job's agent
 *
 * Since: 1.0
 */
const char *
mistral_batch_job_get_agent_id (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), NULL);
  return self->agent_id;
}

/**
 * mistral_batch_job_get_input_files:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:input-files].
 *
 * Returns: (array zero-terminated=1) (transfer none): the ids of its input files
 *
 * Since: 1.0
 */
const char * const *
mistral_batch_job_get_input_files (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), NULL);
  return (const char * const *) self->input_files;
}

/**
 * mistral_batch_job_get_total_requests:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:total-requests].
 *
 * Returns: how many requests the job has
 *
 * Since: 1.0
 */
guint
mistral_batch_job_get_total_requests (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), 0);
  return self->total_requests;
}

/**
 * mistral_batch_job_get_completed_requests:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:completed-requests].
 *
 * Returns: how many requests are done
 *
 * Since: 1.0
 */
guint
mistral_batch_job_get_completed_requests (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), 0);
  return self->completed_requests;
}

/**
 * mistral_batch_job_get_succeeded_requests:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:succeeded-requests].
 *
 * Returns: how many requests succeeded
 *
 * Since: 1.0
 */
guint
mistral_batch_job_get_succeeded_requests (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), 0);
  return self->succeeded_requests;
}

/**
 * mistral_batch_job_get_failed_requests:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:failed-requests].
 *
 * Returns: how many requests failed
 *
 * Since: 1.0
 */
guint
mistral_batch_job_get_failed_requests (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), 0);
  return self->failed_requests;
}

/**
 * mistral_batch_job_get_output_file:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:output-file].
 *
 * Returns: (nullable): the id of its output file
 *
 * Since: 1.0
 */
const char *
mistral_batch_job_get_output_file (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), NULL);
  return self->output_file;
}

/**
 * mistral_batch_job_get_error_file:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:error-file].
 *
 * Returns: (nullable): the id of its error file
 *
 * Since: 1.0
 */
const char *
mistral_batch_job_get_error_file (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), NULL);
  return self->error_file;
}

/**
 * mistral_batch_job_get_created_at:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:created-at].
 *
 * Returns: (nullable) (transfer none): when the job was created
 *
 * Since: 1.0
 */
GDateTime *
mistral_batch_job_get_created_at (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), NULL);
  return self->created_at;
}

/**
 * mistral_batch_job_get_started_at:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:started-at].
 *
 * Returns: (nullable) (transfer none): when the job started
 *
 * Since: 1.0
 */
GDateTime *
mistral_batch_job_get_started_at (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), NULL);
  return self->started_at;
}

/**
 * mistral_batch_job_get_completed_at:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:completed-at].
 *
 * Returns: (nullable) (transfer none): when the job ended
 *
 * Since: 1.0
 */
GDateTime *
mistral_batch_job_get_completed_at (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), NULL);
  return self->completed_at;
}

/**
 * mistral_batch_job_get_metadata:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:metadata].
 *
 * Returns: (nullable) (transfer none): the job's metadata
 *
 * Since: 1.0
 */
JsonObject *
mistral_batch_job_get_metadata (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), NULL);
  return self->metadata;
}

/**
 * mistral_batch_job_get_errors:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:errors].
 *
 * Returns: (transfer none): a list of [class@Mistral.BatchError]
 *
 * Since: 1.0
 */
GListModel *
mistral_batch_job_get_errors (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), NULL);
  return G_LIST_MODEL (self->errors);
}

/**
 * mistral_batch_job_get_outputs:
 * @self: a batch job
 *
 * Gets [property@Mistral.BatchJob:outputs].
 *
 * Returns: (transfer none) (nullable): the inline results, a list of
 *   [class@Mistral.BatchResult], or %NULL
 *
 * Since: 1.0
 */
GListModel *
mistral_batch_job_get_outputs (MistralBatchJob *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_JOB (self), NULL);
  return self->outputs != NULL ? G_LIST_MODEL (self->outputs) : NULL;
}
