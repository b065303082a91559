// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-completion-chunk.h"
#include "mistral-completion-response-stream-choice.h"

/**
 * MistralCompletionChunk:
 *
 * One server-sent event of a streamed chat completion: what the model
 * produced since the previous event.
 *
 * A stream emits one chunk per event, in order, with its
 * `MistralChatCompletionStream::chunk` signal, or hands them out one by one
 * when it is pulled.
 *
 * Each of its [property@Mistral.CompletionChunk:choices] is a
 * [class@Mistral.CompletionResponseStreamChoice] whose delta holds the new
 * piece of one reply; [method@Mistral.CompletionChunk.get_delta_message]
 * gives the delta of the first choice, the only one unless the request
 * asked for several. The chunk that ends a choice carries its finish reason
 * ([property@Mistral.CompletionChunk:is-last-chunk]) and, usually, the
 * [property@Mistral.CompletionChunk:usage] of the whole request.
 *
 * A [class@Mistral.ChatCompletionAccumulator] folds the chunks of a stream
 * into a [class@Mistral.ChatCompletionResponse].
 *
 * Chunks are immutable.
 *
 * ## Usage
 *
 * ```c
 * static void
 * on_chunk (MistralChatCompletionStream *stream,
 *           MistralCompletionChunk      *chunk,
 *           gpointer                     user_data)
 * {
 *   MistralAssistantMessage *delta = mistral_completion_chunk_get_delta_message (chunk);
 *   const char *text = NULL;
 *
 *   if (delta != NULL)
 *     text = mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (delta));
 *   if (text != NULL)
 *     g_print ("%s", text);
 *   if (mistral_completion_chunk_get_is_last_chunk (chunk))
 *     g_print ("\n");
 * }
 * ```
 *
 * Since: 1.0
 */

struct _MistralCompletionChunk
{
  GObject parent_instance;

  char *id;
  char *object;
  GDateTime *created;
  char *model;
  GListModel *choices;
  MistralUsageInfo *usage;
  gboolean is_last_chunk;
  GTimeSpan chunk_latency;
  GTimeSpan total_latency;
};

G_DEFINE_FINAL_TYPE (MistralCompletionChunk, mistral_completion_chunk, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_OBJECT,
  PROP_CREATED,
  PROP_MODEL,
  PROP_CHOICES,
  PROP_USAGE,
  PROP_IS_LAST_CHUNK,
  PROP_CHUNK_LATENCY,
  PROP_TOTAL_LATENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_completion_chunk_constructed (GObject *object)
{
  MistralCompletionChunk *self = MISTRAL_COMPLETION_CHUNK (object);
  guint n_items;

  G_OBJECT_CLASS (mistral_completion_chunk_parent_class)->constructed (object);

  if (self->choices == NULL)
    self->choices = G_LIST_MODEL (g_list_store_new (MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE));

  /* The chunk that carries a finish reason is the last one of its choice,
   * whether or not the builder of the chunk said so. */
  n_items = g_list_model_get_n_items (self->choices);
  for (guint i = 0; i < n_items && !self->is_last_chunk; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (self->choices, i);

      if (MISTRAL_IS_COMPLETION_RESPONSE_STREAM_CHOICE (item) &&
          mistral_completion_response_stream_choice_get_finish_reason (MISTRAL_COMPLETION_RESPONSE_STREAM_CHOICE (item)) != MISTRAL_FINISH_REASON_NONE)
        self->is_last_chunk = TRUE;
    }
}

static void
mistral_completion_chunk_dispose (GObject *object)
{
  MistralCompletionChunk *self = MISTRAL_COMPLETION_CHUNK (object);

  g_clear_object (&self->choices);
  g_clear_object (&self->usage);

  G_OBJECT_CLASS (mistral_completion_chunk_parent_class)->dispose (object);
}

static void
mistral_completion_chunk_finalize (GObject *object)
{
  MistralCompletionChunk *self = MISTRAL_COMPLETION_CHUNK (object);

  g_free (self->id);
  g_free (self->object);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_free (self->model);

  G_OBJECT_CLASS (mistral_completion_chunk_parent_class)->finalize (object);
}

static void
mistral_completion_chunk_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  MistralCompletionChunk *self = MISTRAL_COMPLETION_CHUNK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_OBJECT:
      g_value_set_string (value, self->object);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_CHOICES:
      g_value_set_object (value, self->choices);
      break;
    case PROP_USAGE:
      g_value_set_object (value, self->usage);
      break;
    case PROP_IS_LAST_CHUNK:
      g_value_set_boolean (value, self->is_last_chunk);
      break;
    case PROP_CHUNK_LATENCY:
      g_value_set_int64 (value, self->chunk_latency);
      break;
    case PROP_TOTAL_LATENCY:
      g_value_set_int64 (value, self->total_latency);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_completion_chunk_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  MistralCompletionChunk *self = MISTRAL_COMPLETION_CHUNK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;
    case PROP_OBJECT:
      g_free (self->object);
      self->object = g_value_dup_string (value);
      break;
    case PROP_CREATED:
      g_clear_pointer (&self->created, g_date_time_unref);
      self->created = g_value_dup_boxed (value);
      break;
    case PROP_MODEL:
      g_free (self->model);
      self->model = g_value_dup_string (value);
      break;
    case PROP_CHOICES:
      g_set_object (&self->choices, g_value_get_object (value));
      break;
    case PROP_USAGE:
      g_set_object (&self->usage, g_value_get_object (value));
      break;
    case PROP_IS_LAST_CHUNK:
      self->is_last_chunk = g_value_get_boolean (value);
      break;
    case PROP_CHUNK_LATENCY:
      self->chunk_latency = g_value_get_int64 (value);
      break;
    case PROP_TOTAL_LATENCY:
      self->total_latency = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_completion_chunk_class_init (MistralCompletionChunkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mistral_completion_chunk_constructed;
  object_class->dispose = mistral_completion_chunk_dispose;
  object_class->finalize = mistral_completion_chunk_finalize;
  object_class->get_property = mistral_completion_chunk_get_property;
  object_class->set_property = mistral_completion_chunk_set_property;

  /**
   * MistralCompletionChunk:id: (getter get_id)
   *
   * The id the API gave the completion; every chunk of a stream has the
   * same.
   *
   * Since: 1.0
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralCompletionChunk:object: (getter get_object)
   *
   * The kind of object, `chat.completion.chunk`, or %NULL if the API did
   * not say.
   *
   * Since: 1.0
   */
  properties[PROP_OBJECT] =
    g_param_spec_string ("object", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralCompletionChunk:created: (getter get_created)
   *
   * When the completion was created, in UTC, or %NULL if the API did not
   * say.
   *
   * Since: 1.0
   */
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralCompletionChunk:model: (getter get_model)
   *
   * The model that answers.
   *
   * Since: 1.0
   */
  properties[PROP_MODEL] =
    g_param_spec_string ("model", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralCompletionChunk:choices: (getter get_choices) (type Gio.ListModel)
   *
   * The pieces of the replies in this event, a list of
   * [class@Mistral.CompletionResponseStreamChoice]. It is never %NULL, and
   * may be empty (an event that only carries the usage, for example).
   *
   * Since: 1.0
   */
  properties[PROP_CHOICES] =
    g_param_spec_object ("choices", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralCompletionChunk:usage: (getter get_usage)
   *
   * The tokens used by the whole request, or %NULL. The API sends it with
   * the last chunk only.
   *
   * Since: 1.0
   */
  properties[PROP_USAGE] =
    g_param_spec_object ("usage", NULL, NULL,
                         MISTRAL_TYPE_USAGE_INFO,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralCompletionChunk:is-last-chunk: (getter get_is_last_chunk)
   *
   * Whether this chunk carries a finish reason, that is, ends a choice.
   *
   * It is %TRUE whenever one of the
   * [property@Mistral.CompletionChunk:choices] has a finish reason, even if
   * it was not set at construction.
   *
   * Since: 1.0
   */
  properties[PROP_IS_LAST_CHUNK] =
    g_param_spec_boolean ("is-last-chunk", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralCompletionChunk:chunk-latency: (getter get_chunk_latency)
   *
   * The time since the previous chunk arrived, in microseconds; for the
   * first chunk, since the request was sent.
   *
   * Since: 1.0
   */
  properties[PROP_CHUNK_LATENCY] =
    g_param_spec_int64 ("chunk-latency", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralCompletionChunk:total-latency: (getter get_total_latency)
   *
   * The time since the request was sent, in microseconds.
   *
   * Since: 1.0
   */
  properties[PROP_TOTAL_LATENCY] =
    g_param_spec_int64 ("total-latency", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_completion_chunk_init (MistralCompletionChunk *self)
{
}

/**
 * mistral_completion_chunk_get_id: (get-property id)
 * @self: a completion chunk
 *
 * Gets the id of the completion.
 *
 * Returns: (nullable): the id
 *
 * Since: 1.0
 */
const char *
mistral_completion_chunk_get_id (MistralCompletionChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_COMPLETION_CHUNK (self), NULL);

  return self->id;
}

/**
 * mistral_completion_chunk_get_object: (get-property object)
 * @self: a completion chunk
 *
 * Gets the kind of object the API said @self is.
 *
 * Returns: (nullable): the kind of object, `chat.completion.chunk`
 *
 * Since: 1.0
 */
const char *
mistral_completion_chunk_get_object (MistralCompletionChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_COMPLETION_CHUNK (self), NULL);

  return self->object;
}

/**
 * mistral_completion_chunk_get_created: (get-property created)
 * @self: a completion chunk
 *
 * Gets when the completion was created.
 *
 * Returns: (nullable) (transfer none): the creation time, in UTC
 *
 * Since: 1.0
 */
GDateTime *
mistral_completion_chunk_get_created (MistralCompletionChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_COMPLETION_CHUNK (self), NULL);

  return self->created;
}

/**
 * mistral_completion_chunk_get_model: (get-property model)
 * @self: a completion chunk
 *
 * Gets the model that answers.
 *
 * Returns: (nullable): the model
 *
 * Since: 1.0
 */
const char *
mistral_completion_chunk_get_model (MistralCompletionChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_COMPLETION_CHUNK (self), NULL);

  return self->model;
}

/**
 * mistral_completion_chunk_get_choices: (get-property choices)
 * @self: a completion chunk
 *
 * Gets the pieces of the replies in @self.
 *
 * Returns: (transfer none): the choices, a list of
 *   [class@Mistral.CompletionResponseStreamChoice]
 *
 * Since: 1.0
 */
GListModel *
mistral_completion_chunk_get_choices (MistralCompletionChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_COMPLETION_CHUNK (self), NULL);

  return self->choices;
}

/**
 * mistral_completion_chunk_get_usage: (get-property usage)
 * @self: a completion chunk
 *
 * Gets the tokens used by the whole request, if @self carries them.
 *
 * Returns: (nullable) (transfer none): the usage
 *
 * Since: 1.0
 */
MistralUsageInfo *
mistral_completion_chunk_get_usage (MistralCompletionChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_COMPLETION_CHUNK (self), NULL);

  return self->usage;
}

/**
 * mistral_completion_chunk_get_is_last_chunk: (get-property is-last-chunk)
 * @self: a completion chunk
 *
 * Gets whether @self carries a finish reason.
 *
 * Returns: %TRUE if @self ends a choice
 *
 * Since: 1.0
 */
gboolean
mistral_completion_chunk_get_is_last_chunk (MistralCompletionChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_COMPLETION_CHUNK (self), FALSE);

  return self->is_last_chunk;
}

/**
 * mistral_completion_chunk_get_chunk_latency: (get-property chunk-latency)
 * @self: a completion chunk
 *
 * Gets the time since the previous chunk arrived.
 *
 * Returns: the time since the previous chunk (or since the request was
 *   sent, for the first), in microseconds
 *
 * Since: 1.0
 */
GTimeSpan
mistral_completion_chunk_get_chunk_latency (MistralCompletionChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_COMPLETION_CHUNK (self), 0);

  return self->chunk_latency;
}

/**
 * mistral_completion_chunk_get_total_latency: (get-property total-latency)
 * @self: a completion chunk
 *
 * Gets the time since the request was sent.
 *
 * Returns: the time since the request was sent, in microseconds
 *
 * Since: 1.0
 */
GTimeSpan
mistral_completion_chunk_get_total_latency (MistralCompletionChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_COMPLETION_CHUNK (self), 0);

  return self->total_latency;
}

/**
 * mistral_completion_chunk_get_delta_message:
 * @self: a completion chunk
 *
 * Gets the delta of the first choice of @self: the new piece of the reply,
 * in the usual case of one choice.
 *
 * Returns: (nullable) (transfer none): the delta of the first choice, or
 *   %NULL if @self has no choices
 *
 * Since: 1.0
 */
MistralAssistantMessage *
mistral_completion_chunk_get_delta_message (MistralCompletionChunk *self)
{
  g_autoptr (GObject) item = NULL;

  g_return_val_if_fail (MISTRAL_IS_COMPLETION_CHUNK (self), NULL);

  item = g_list_model_get_item (self->choices, 0);
  if (!MISTRAL_IS_COMPLETION_RESPONSE_STREAM_CHOICE (item))
    return NULL;

  /* The choices model keeps the choice, and the choice its delta. */
  return mistral_completion_response_stream_choice_get_delta (MISTRAL_COMPLETION_RESPONSE_STREAM_CHOICE (item));
}
