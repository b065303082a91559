// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-batch-request-private.h"
#include "mistral-chat-completion-request-private.h"
#include "mistral-chat-message.h"
#include "mistral-client-classifiers-private.h"
#include "mistral-embedding-request-private.h"
#include "mistral-error.h"
#include "mistral-fim-completion-request-private.h"
#include "mistral-ocr-request-private.h"

/**
 * MistralBatchRequest:
 *
 * One entry of a batch job: a request built with the library's own request
 * classes, and a custom id that its result carries back.
 *
 * [ctor@Mistral.BatchRequest.new] takes a
 * [class@Mistral.ChatCompletionRequest] (endpoint `/v1/chat/completions`),
 * a [class@Mistral.FimCompletionRequest] (`/v1/fim/completions`), a
 * [class@Mistral.EmbeddingRequest] (`/v1/embeddings`) or a
 * [class@Mistral.OcrRequest] (`/v1/ocr`). The moderation
 * methods of the client take their inputs as arguments, so a moderation
 * entry is made of the same arguments:
 * [ctor@Mistral.BatchRequest.new_moderation] (texts, `/v1/moderations`) and
 * [ctor@Mistral.BatchRequest.new_chat_moderation] (a conversation,
 * `/v1/chat/moderations`).
 *
 * The body is written when the job is created, by the same code as the
 * endpoint's own call, so a request that the endpoint would refuse makes
 * [method@Mistral.Client.create_batch_job_async] fail before anything is
 * sent. Streaming is never asked for in a batch.
 *
 * An OCR request for a local file ([property@Mistral.OcrRequest:file])
 * carries the file inline, as a `data:` URL, as
 * [method@Mistral.Client.ocr_async] sends it: the file is read when the job
 * is created, in a worker thread, and must not exceed
 * %MISTRAL_OCR_MAX_INLINE_SIZE. [property@Mistral.OcrRequest:upload-local-file]
 * does not apply in a batch. Inline, every such file's base64 is in the
 * create request's body at once; with %MISTRAL_BATCH_INPUT_FILE the JSONL
 * is written one request (one file) at a time.
 *
 * Since: 1.0
 */

typedef enum {
  BATCH_REQUEST_OBJECT,
  BATCH_REQUEST_MODERATION,
  BATCH_REQUEST_CHAT_MODERATION,
} BatchRequestKind;

struct _MistralBatchRequest
{
  GObject parent_instance;

  char *custom_id;
  const char *endpoint;
  BatchRequestKind kind;
  GObject *request;
  char *model;
  GStrv inputs;
  GListModel *messages;
};

G_DEFINE_FINAL_TYPE (MistralBatchRequest, mistral_batch_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CUSTOM_ID,
  PROP_ENDPOINT,
  PROP_REQUEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_batch_request_finalize (GObject *object)
{
  MistralBatchRequest *self = MISTRAL_BATCH_REQUEST (object);

  g_free (self->custom_id);
  g_clear_object (&self->request);
  g_free (self->model);
  g_strfreev (self->inputs);
  g_clear_object (&self->messages);

  G_OBJECT_CLASS (mistral_batch_request_parent_class)->finalize (object);
}

static void
mistral_batch_request_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MistralBatchRequest *self = MISTRAL_BATCH_REQUEST (object);

  switch (prop_id)
    {
    case PROP_CUSTOM_ID:
      g_value_set_string (value, self->custom_id);
      break;
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_REQUEST:
      g_value_set_object (value, self->request);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_batch_request_class_init (MistralBatchRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_batch_request_finalize;
  object_class->get_property = mistral_batch_request_get_property;

  /**
   * MistralBatchRequest:custom-id:
   *
   * The id its result carries back; %NULL for the entry's position in the
   * job ("0", "1", …), which the library sends in its place.
   *
   * Since: 1.0
   */
  properties[PROP_CUSTOM_ID] =
    g_param_spec_string ("custom-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * MistralBatchRequest:endpoint:
   *
   * The endpoint the request is for, such as `/v1/chat/completions`.
   *
   * Since: 1.0
   */
  properties[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * MistralBatchRequest:request:
   *
   * The request object, or %NULL for a moderation entry.
   *
   * Since: 1.0
   */
  properties[PROP_REQUEST] =
    g_param_spec_object ("request", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_batch_request_init (MistralBatchRequest *self)
{
}

/**
 * mistral_batch_request_new:
 * @custom_id: (nullable): the id its result carries back
 * @request: a [class@Mistral.ChatCompletionRequest],
 *   [class@Mistral.FimCompletionRequest], [class@Mistral.EmbeddingRequest]
 *   or [class@Mistral.OcrRequest]
 *
 * Makes an entry of a batch job from a request object. The request is
 * kept, not copied: its body is written when the job is created.
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL when @request is
 *   of another type
 *
 * Since: 1.0
 */
MistralBatchRequest *
mistral_batch_request_new (const char *custom_id,
                           GObject    *request)
{
  MistralBatchRequest *self;
  const char *endpoint;

  g_return_val_if_fail (G_IS_OBJECT (request), NULL);

  if (MISTRAL_IS_CHAT_COMPLETION_REQUEST (request))
    endpoint = "/v1/chat/completions";
  else if (MISTRAL_IS_FIM_COMPLETION_REQUEST (request))
    endpoint = "/v1/fim/completions";
  else if (MISTRAL_IS_EMBEDDING_REQUEST (request))
    endpoint = "/v1/embeddings";
  else if (MISTRAL_IS_OCR_REQUEST (request))
    endpoint = "/v1/ocr";
  else
    {
      g_critical ("%s: a %s cannot be sent in a batch job", G_STRFUNC, G_OBJECT_TYPE_NAME (request));
      return NULL;
    }

  self = g_object_new (MISTRAL_TYPE_BATCH_REQUEST, NULL);
  self->custom_id = g_strdup (custom_id);
  self->endpoint = endpoint;
  self->kind = BATCH_REQUEST_OBJECT;
  self->request = g_object_ref (request);
  return self;
}

/**
 * mistral_batch_request_new_moderation:
 * @custom_id: (nullable): the id its result carries back
 * @model: the moderation model
 * @inputs: (array zero-terminated=1): the texts, as for
 *   [method@Mistral.Client.moderate_async]
 *
 * Makes an entry for `/v1/moderations`.
 *
 * Returns: (transfer full): the entry
 *
 * Since: 1.0
 */
MistralBatchRequest *
mistral_batch_request_new_moderation (const char         *custom_id,
                                      const char         *model,
                                      const char * const *inputs)
{
  MistralBatchRequest *self;

  g_return_val_if_fail (inputs != NULL, NULL);

  self = g_object_new (MISTRAL_TYPE_BATCH_REQUEST, NULL);
  self->custom_id = g_strdup (custom_id);
  self->endpoint = "/v1/moderations";
  self->kind = BATCH_REQUEST_MODERATION;
  self->model = g_strdup (model);
  self->inputs = g_strdupv ((char **) inputs);
  return self;
}

/**
 * mistral_batch_request_new_chat_moderation:
 * @custom_id: (nullable): the id its result carries back
 * @model: the moderation model
 * @messages: (type Gio.ListModel): the conversation, a list of
 *   [class@Mistral.ChatMessage], as for [method@Mistral.Client.moderate_chat_async]
 *
 * Makes an entry for `/v1/chat/moderations`.
 *
 * Returns: (transfer full): the entry
 *
 * Since: 1.0
 */
MistralBatchRequest *
mistral_batch_request_new_chat_moderation (const char *custom_id,
                                           const char *model,
                                           GListModel *messages)
{
  MistralBatchRequest *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (messages), NULL);

  self = g_object_new (MISTRAL_TYPE_BATCH_REQUEST, NULL);
  self->custom_id = g_strdup (custom_id);
  self->endpoint = "/v1/chat/moderations";
  self->kind = BATCH_REQUEST_CHAT_MODERATION;
  self->model = g_strdup (model);
  self->messages = g_object_ref (messages);
  return self;
}

gboolean
mistral_batch_request_reads_file (MistralBatchRequest *self)
{
  return MISTRAL_IS_OCR_REQUEST (self->request) &&
         mistral_ocr_request_get_document_type (MISTRAL_OCR_REQUEST (self->request)) == MISTRAL_OCR_DOCUMENT_TYPE_FILE;
}

/* An OCR body, its local file read here (blocking: a worker thread). */
static GBytes *
batch_request_ocr_bytes (MistralOcrRequest  *request,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autoptr(GBytes) contents = NULL;

  if (!mistral_ocr_request_validate (request, error))
    return NULL;
  if (mistral_ocr_request_get_document_type (request) == MISTRAL_OCR_DOCUMENT_TYPE_FILE)
    {
      contents = mistral_ocr_request_load_file (request, cancellable, error);
      if (contents == NULL)
        return NULL;
    }
  return mistral_ocr_request_to_bytes (request, contents, error);
}

GBytes *
mistral_batch_request_to_bytes (MistralBatchRequest  *self,
                                GCancellable         *cancellable,
                                GError              **error)
{
  switch (self->kind)
    {
    case BATCH_REQUEST_MODERATION:
      return mistral_classifiers_body (self->model, (const char * const *) self->inputs, NULL, FALSE, error);
    case BATCH_REQUEST_CHAT_MODERATION:
      return mistral_classifiers_body (self->model, NULL, self->messages, FALSE, error);
    case BATCH_REQUEST_OBJECT:
    default:
      break;
    }
  if (MISTRAL_IS_CHAT_COMPLETION_REQUEST (self->request))
    return mistral_chat_completion_request_to_bytes (MISTRAL_CHAT_COMPLETION_REQUEST (self->request), FALSE, error);
  if (MISTRAL_IS_FIM_COMPLETION_REQUEST (self->request))
    return mistral_fim_completion_request_to_bytes (MISTRAL_FIM_COMPLETION_REQUEST (self->request), FALSE, error);
  if (MISTRAL_IS_OCR_REQUEST (self->request))
    return batch_request_ocr_bytes (MISTRAL_OCR_REQUEST (self->request), cancellable, error);
  return mistral_embedding_request_to_bytes (MISTRAL_EMBEDDING_REQUEST (self->request), error);
}

/**
 * mistral_batch_request_get_custom_id:
 * @self: a batch request
 *
 * Gets [property@Mistral.BatchRequest:custom-id].
 *
 * Returns: (nullable): the custom id
 *
 * Since: 1.0
 */
const char *
mistral_batch_request_get_custom_id (MistralBatchRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_REQUEST (self), NULL);
  return self->custom_id;
}

/**
 * mistral_batch_request_get_endpoint:
 * @self: a batch request
 *
 * Gets [property@Mistral.BatchRequest:endpoint].
 *
 * Returns: the endpoint
 *
 * Since: 1.0
 */
const char *
mistral_batch_request_get_endpoint (MistralBatchRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_REQUEST (self), NULL);
  return self->endpoint;
}

/**
 * mistral_batch_request_get_request:
 * @self: a batch request
 *
 * Gets [property@Mistral.BatchRequest:request].
 *
 * Returns: (nullable) (transfer none): the request object
 *
 * Since: 1.0
 */
GObject *
mistral_batch_request_get_request (MistralBatchRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_BATCH_REQUEST (self), NULL);
  return self->request;
}
