// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-assistant-message-private.h"
#include "mistral-chat-message-private.h"
#include "mistral-completion-chunk-private.h"
#include "mistral-chat-envelope-private.h"
#include "mistral-chunk-decoder-private.h"
#include "mistral-completion-response-stream-choice-private.h"

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
 * Chunks are immutable. The library makes them; to make one from the
 * text of an event yourself, use
 * [ctor@Mistral.CompletionChunk.new_from_json].
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

  MistralChunkData data;
  GDateTime *created;   /* made from data.created when asked for */
  GListStore *choices;  /* made from data.choices when asked for */
  gboolean is_last_chunk;
  GTimeSpan chunk_latency;
  GTimeSpan total_latency;
  MistralRecycler *recycler;   /* a stream's chunk: where it goes when dropped */
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

void
mistral_chunk_data_init (MistralChunkData *data)
{
  memset (data, 0, sizeof *data);
  data->created = -1;
}

static void
chunk_choice_clear (MistralChunkChoice *choice)
{
  g_free (choice->finish_reason_name);
  g_free (choice->content);
  g_clear_object (&choice->delta);
  g_clear_object (&choice->choice);
}

void
mistral_chunk_data_clear (MistralChunkData *data)
{
  g_clear_pointer (&data->id, g_ref_string_release);
  g_clear_pointer (&data->object, g_ref_string_release);
  g_clear_pointer (&data->model, g_ref_string_release);
  g_clear_object (&data->usage);
  for (guint i = 0; i < data->n_choices; i++)
    chunk_choice_clear (&data->choices[i]);
  if (data->choices != &data->one_choice)
    g_free (data->choices);
  mistral_chunk_data_init (data);
}

const char *
mistral_chunk_choice_get_plain_text (const MistralChunkChoice *choice)
{
  MistralAssistantMessage *delta = choice->delta;

  if (choice->finish_reason_name != NULL || choice->finish_reason != MISTRAL_FINISH_REASON_NONE)
    return NULL;
  if (choice->plain && delta == NULL)
    return choice->content;
  if (delta == NULL || !mistral_assistant_message_is_plain_text (delta))
    return NULL;
  return mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (delta));
}

/* Nearly every chunk has one choice: it lives inside the data, and only
 * a second one moves them all to the heap. */
MistralChunkChoice *
mistral_chunk_data_add_choice (MistralChunkData *data)
{
  MistralChunkChoice *choice;

  if (data->n_choices == 0)
    data->choices = &data->one_choice;
  else if (data->choices == &data->one_choice)
    {
      data->choices = g_new (MistralChunkChoice, 2);
      data->choices[0] = data->one_choice;
    }
  else if ((data->n_choices & (data->n_choices - 1)) == 0)
    data->choices = g_renew (MistralChunkChoice, data->choices, data->n_choices * 2);

  choice = &data->choices[data->n_choices++];
  memset (choice, 0, sizeof *choice);
  choice->finish_reason = MISTRAL_FINISH_REASON_NONE;
  return choice;
}

static void
mistral_completion_chunk_dispose (GObject *object)
{
  MistralCompletionChunk *self = MISTRAL_COMPLETION_CHUNK (object);

  /* Emptied (its delta, if nobody else holds it, goes to the recycler
   * first), so that it is as a new chunk if it is recycled. */
  mistral_chunk_data_clear (&self->data);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_object (&self->choices);

  G_OBJECT_CLASS (mistral_completion_chunk_parent_class)->dispose (object);

  if (self->recycler != NULL)
    mistral_recycler_put (self->recycler, object);
}

static void
mistral_completion_chunk_finalize (GObject *object)
{
  MistralCompletionChunk *self = MISTRAL_COMPLETION_CHUNK (object);

  g_clear_pointer (&self->recycler, mistral_recycler_unref);

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
      g_value_set_string (value, self->data.id);
      break;
    case PROP_OBJECT:
      g_value_set_string (value, self->data.object);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, mistral_completion_chunk_get_created (self));
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->data.model);
      break;
    case PROP_CHOICES:
      g_value_set_object (value, mistral_completion_chunk_get_choices (self));
      break;
    case PROP_USAGE:
      g_value_set_object (value, self->data.usage);
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
mistral_completion_chunk_class_init (MistralCompletionChunkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mistral_completion_chunk_dispose;
  object_class->finalize = mistral_completion_chunk_finalize;
  object_class->get_property = mistral_completion_chunk_get_property;

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
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

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
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

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
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

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
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

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
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

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
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MistralCompletionChunk:is-last-chunk: (getter get_is_last_chunk)
   *
   * Whether this chunk carries a finish reason, that is, ends a choice.
   *
   * It is %TRUE when one of the [property@Mistral.CompletionChunk:choices]
   * has a finish reason.
   *
   * Since: 1.0
   */
  properties[PROP_IS_LAST_CHUNK] =
    g_param_spec_boolean ("is-last-chunk", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

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
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

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
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_completion_chunk_init (MistralCompletionChunk *self)
{
  mistral_chunk_data_init (&self->data);
}

static void
take_data (MistralCompletionChunk *self,
           MistralChunkData       *data,
           GTimeSpan               chunk_latency,
           GTimeSpan               total_latency)
{
  self->data = *data;
  if (data->choices == &data->one_choice)
    self->data.choices = &self->data.one_choice;
  mistral_chunk_data_init (data);

  self->is_last_chunk = FALSE;
  for (guint i = 0; i < self->data.n_choices && !self->is_last_chunk; i++)
    self->is_last_chunk = self->data.choices[i].finish_reason != MISTRAL_FINISH_REASON_NONE;
  self->chunk_latency = MAX (chunk_latency, 0);
  self->total_latency = MAX (total_latency, 0);
}

/* Takes what @data holds (leaving it empty). No property is set through
 * GObject, so that making a chunk costs an allocation, not a dozen
 * property assignments; with a @recycler, not even that once the stream's
 * first chunks were dropped. */
MistralCompletionChunk *
mistral_completion_chunk_new_take (MistralRecycler  *recycler,
                                   MistralChunkData *data,
                                   GTimeSpan         chunk_latency,
                                   GTimeSpan         total_latency)
{
  MistralCompletionChunk *self = NULL;

  if (recycler != NULL)
    self = mistral_recycler_take (recycler, MISTRAL_TYPE_COMPLETION_CHUNK);
  if (self == NULL)
    {
      self = g_object_new (MISTRAL_TYPE_COMPLETION_CHUNK, NULL);
      if (recycler != NULL)
        self->recycler = mistral_recycler_ref (recycler);
    }

  take_data (self, data, chunk_latency, total_latency);
  return self;
}

const MistralChunkData *
mistral_completion_chunk_peek_data (MistralCompletionChunk *self)
{
  return &self->data;
}

/**
 * mistral_completion_chunk_new_from_json:
 * @data: the text of one event of a stream: a chunk object
 * @length: the length of @data in bytes, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Decodes one chunk of a streamed chat completion, as the API sends it in
 * the `data` of a server-sent event; for those who receive the events some
 * other way and feed a [class@Mistral.ChatCompletionAccumulator]. Its
 * latencies are 0.
 *
 * Returns: (transfer full): a new chunk, or %NULL with @error set
 *   (%MISTRAL_ERROR_INVALID_RESPONSE, or %MISTRAL_ERROR_SERVER for an error
 *   object sent in place of a chunk)
 *
 * Since: 1.0
 */
MistralCompletionChunk *
mistral_completion_chunk_new_from_json (const char  *data,
                                        gssize       length,
                                        GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mistral_chunk_decoder_decode (NULL, data, length < 0 ? strlen (data) : (gsize) length, 0, 0, error);
}

static MistralAssistantMessage *
choice_get_delta (MistralCompletionChunk *self,
                  MistralChunkChoice     *choice)
{
  if (choice->delta != NULL)
    return choice->delta;

  /* A delta of a stream dropped earlier, emptied, else a new one. */
  if (self->recycler != NULL)
    choice->delta = mistral_recycler_take (self->recycler, MISTRAL_TYPE_ASSISTANT_MESSAGE);
  if (choice->delta == NULL)
    {
      choice->delta = g_object_new (MISTRAL_TYPE_ASSISTANT_MESSAGE, NULL);
      if (self->recycler != NULL)
        mistral_assistant_message_set_recycler (choice->delta, self->recycler);
    }
  /* From now on the delta holds the text (see add_choice() in the
   * accumulator, which reads it there once the delta exists). */
  mistral_chat_message_take_content (MISTRAL_CHAT_MESSAGE (choice->delta), g_steal_pointer (&choice->content));
  return choice->delta;
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

  return self->data.id;
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

  return self->data.object;
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

  if (self->created == NULL && self->data.created >= 0)
    self->created = g_date_time_new_from_unix_utc (self->data.created);
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

  return self->data.model;
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

  if (self->choices == NULL)
    {
      self->choices = g_list_store_new (MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE);
      for (guint i = 0; i < self->data.n_choices; i++)
        {
          MistralChunkChoice *choice = &self->data.choices[i];

          if (choice->choice == NULL)
            choice->choice = g_object_new (MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE,
                                           "index", choice->index,
                                           "delta", choice_get_delta (self, choice),
                                           "finish-reason", choice->finish_reason,
                                           "finish-reason-name", choice->finish_reason_name,
                                           NULL);
          g_list_store_append (self->choices, choice->choice);
        }
    }
  return G_LIST_MODEL (self->choices);
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

  return self->data.usage;
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
  g_return_val_if_fail (MISTRAL_IS_COMPLETION_CHUNK (self), NULL);

  if (self->data.n_choices == 0)
    return NULL;
  return choice_get_delta (self, &self->data.choices[0]);
}

/**
 * mistral_completion_chunk_get_content:
 * @self: a completion chunk
 *
 * Gets the new text of the first choice: what a text view appends.
 *
 * Returns: (nullable): the text of the first choice's delta, or %NULL if
 *   @self has no choices or its delta no text
 *
 * Since: 1.0
 */
const char *
mistral_completion_chunk_get_content (MistralCompletionChunk *self)
{
  MistralChunkChoice *choice;

  g_return_val_if_fail (MISTRAL_IS_COMPLETION_CHUNK (self), NULL);

  if (self->data.n_choices == 0)
    return NULL;

  /* A plain delta's text, without making the delta: what a text view
   * appends costs no object. Made later, the delta takes this very
   * string. */
  choice = &self->data.choices[0];
  if (choice->plain && choice->delta == NULL)
    return choice->content;

  return mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (choice_get_delta (self, choice)));
}

/**
 * mistral_completion_chunk_get_thinking:
 * @self: a completion chunk
 *
 * Gets the new reasoning of the first choice: the text of the `THINKING`
 * chunks of its delta (see [property@Mistral.AssistantMessage:thinking]),
 * what a view of a reasoning model's thoughts appends.
 *
 * Returns: (nullable): the reasoning text of the first choice's delta, or
 *   %NULL if @self has no choices or its delta no `THINKING` chunk
 *
 * Since: 1.0
 */
const char *
mistral_completion_chunk_get_thinking (MistralCompletionChunk *self)
{
  MistralChunkChoice *choice;

  g_return_val_if_fail (MISTRAL_IS_COMPLETION_CHUNK (self), NULL);

  if (self->data.n_choices == 0)
    return NULL;

  /* A plain delta is text only: no object is made to learn it. */
  choice = &self->data.choices[0];
  if (choice->plain && choice->delta == NULL)
    return NULL;

  return mistral_assistant_message_get_thinking (choice_get_delta (self, choice));
}

/* JSON --------------------------------------------------------------------- */

/* One event of a stream. An error object sent inside the stream (no
 * choices, but a message) ends it with the API's message. */
MistralCompletionChunk *
mistral_completion_chunk_new_from_json_node (JsonNode    *node,
                                             GTimeSpan    chunk_latency,
                                             GTimeSpan    total_latency,
                                             GError     **error)
{
  g_auto(MistralChatEnvelope) envelope = { NULL, };
  MistralChunkData data;
  JsonObject *object;
  guint n;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mistral_json_wrong_type (node, "the stream event", NULL, "an object", error), NULL;

  object = json_node_get_object (node);
  if (!json_object_has_member (object, "choices") &&
      (json_object_has_member (object, "message") || json_object_has_member (object, "error") ||
       json_object_has_member (object, "detail")))
    {
      JsonNode *inner = json_object_get_member (object, "error");
      g_autofree char *message = mistral_json_error_message_from_node (inner != NULL && JSON_NODE_HOLDS_OBJECT (inner)
                                                                       ? inner : node);

      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_SERVER, "The stream failed: %s",
                   message != NULL ? message : "unknown error");
      return NULL;
    }

  if (!mistral_chat_envelope_read (&envelope, object, "chunk", MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE,
                                   (MistralJsonReadFunc) mistral_completion_response_stream_choice_new_from_json_object,
                                   error))
    return NULL;

  mistral_chunk_data_init (&data);
  data.id = envelope.id != NULL ? g_ref_string_new (envelope.id) : NULL;
  data.object = envelope.object != NULL ? g_ref_string_new (envelope.object) : NULL;
  data.model = envelope.model != NULL ? g_ref_string_new (envelope.model) : NULL;
  data.created = envelope.created != NULL ? g_date_time_to_unix (envelope.created) : -1;
  data.usage = g_steal_pointer (&envelope.usage);

  n = g_list_model_get_n_items (G_LIST_MODEL (envelope.choices));
  for (guint i = 0; i < n; i++)
    {
      MistralCompletionResponseStreamChoice *item = g_list_model_get_item (G_LIST_MODEL (envelope.choices), i);
      MistralChunkChoice *choice = mistral_chunk_data_add_choice (&data);

      choice->index = mistral_completion_response_stream_choice_get_index (item);
      choice->finish_reason = mistral_completion_response_stream_choice_get_finish_reason (item);
      choice->finish_reason_name = g_strdup (mistral_completion_response_stream_choice_get_finish_reason_name (item));
      choice->delta = g_object_ref (mistral_completion_response_stream_choice_get_delta (item));
      choice->choice = item;
    }

  return mistral_completion_chunk_new_take (NULL, &data, chunk_latency, total_latency);
}

MistralCompletionChunk *
mistral_completion_chunk_new_from_json_text (const char  *text,
                                             gsize        length,
                                             GTimeSpan    chunk_latency,
                                             GTimeSpan    total_latency,
                                             GError     **error)
{
  g_autoptr(JsonNode) node = mistral_json_parse (text, length, error);

  if (node == NULL)
    return NULL;
  return mistral_completion_chunk_new_from_json_node (node, chunk_latency, total_latency, error);
}
