// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-chat-completion-choice.h"
#include "mistral-chat-completion-response-private.h"
#include "mistral-chat-completion-choice-private.h"
#include "mistral-chat-envelope-private.h"
#include "mistral-chunk-decoder-private.h"

/**
 * MistralChatCompletionResponse:
 *
 * The reply to a chat completion: one or more choices, each with an
 * assistant message, and the token usage.
 *
 * Responses are immutable. They come from [method@Mistral.Client.chat_completion],
 * from a finished stream, or from JSON with
 * [ctor@Mistral.ChatCompletionResponse.new_from_json] (to replay a stored
 * reply, for example).
 *
 * ## Usage
 *
 * ```c
 * MistralAssistantMessage *reply =
 *   mistral_chat_completion_response_get_assistant_message (response);
 *
 * if (reply != NULL)
 *   g_print ("%s\n", mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)));
 * ```
 *
 * Since: 1.0
 */

struct _MistralChatCompletionResponse
{
  GObject parent_instance;

  char *id;
  char *object;
  GDateTime *created;
  char *model;
  GListModel *choices;
  MistralUsageInfo *usage;
  GTimeSpan latency;
};

G_DEFINE_FINAL_TYPE (MistralChatCompletionResponse, mistral_chat_completion_response, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_OBJECT,
  PROP_CREATED,
  PROP_MODEL,
  PROP_CHOICES,
  PROP_USAGE,
  PROP_LATENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_chat_completion_response_finalize (GObject *object)
{
  MistralChatCompletionResponse *self = MISTRAL_CHAT_COMPLETION_RESPONSE (object);

  g_free (self->id);
  g_free (self->object);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_free (self->model);
  g_clear_object (&self->choices);
  g_clear_object (&self->usage);

  G_OBJECT_CLASS (mistral_chat_completion_response_parent_class)->finalize (object);
}

static void
mistral_chat_completion_response_constructed (GObject *object)
{
  MistralChatCompletionResponse *self = MISTRAL_CHAT_COMPLETION_RESPONSE (object);

  G_OBJECT_CLASS (mistral_chat_completion_response_parent_class)->constructed (object);

  if (self->choices == NULL)
    self->choices = G_LIST_MODEL (g_list_store_new (MISTRAL_TYPE_CHAT_COMPLETION_CHOICE));
}

static void
mistral_chat_completion_response_get_property (GObject    *object,
                                               guint       prop_id,
                                               GValue     *value,
                                               GParamSpec *pspec)
{
  MistralChatCompletionResponse *self = MISTRAL_CHAT_COMPLETION_RESPONSE (object);

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
    case PROP_LATENCY:
      g_value_set_int64 (value, self->latency);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_chat_completion_response_set_property (GObject      *object,
                                               guint         prop_id,
                                               const GValue *value,
                                               GParamSpec   *pspec)
{
  MistralChatCompletionResponse *self = MISTRAL_CHAT_COMPLETION_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_OBJECT:
      self->object = g_value_dup_string (value);
      break;
    case PROP_CREATED:
      self->created = g_value_dup_boxed (value);
      break;
    case PROP_MODEL:
      self->model = g_value_dup_string (value);
      break;
    case PROP_CHOICES:
      self->choices = g_value_dup_object (value);
      break;
    case PROP_USAGE:
      self->usage = g_value_dup_object (value);
      break;
    case PROP_LATENCY:
      self->latency = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define CONSTRUCT_FLAGS (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS)

static void
mistral_chat_completion_response_class_init (MistralChatCompletionResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_chat_completion_response_finalize;
  object_class->constructed = mistral_chat_completion_response_constructed;
  object_class->get_property = mistral_chat_completion_response_get_property;
  object_class->set_property = mistral_chat_completion_response_set_property;

  /**
   * MistralChatCompletionResponse:id:
   *
   * The id the API gave the completion.
   *
   * Since: 1.0
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, CONSTRUCT_FLAGS);

  /**
   * MistralChatCompletionResponse:object:
   *
   * The kind of object, `chat.completion`.
   *
   * Since: 1.0
   */
  properties[PROP_OBJECT] = g_param_spec_string ("object", NULL, NULL, NULL, CONSTRUCT_FLAGS);

  /**
   * MistralChatCompletionResponse:created:
   *
   * When the completion was created, in UTC.
   *
   * Since: 1.0
   */
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, CONSTRUCT_FLAGS);

  /**
   * MistralChatCompletionResponse:model:
   *
   * The model that answered.
   *
   * Since: 1.0
   */
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, CONSTRUCT_FLAGS);

  /**
   * MistralChatCompletionResponse:choices: (type Gio.ListModel)
   *
   * The choices, a list of [class@Mistral.ChatCompletionChoice].
   *
   * Since: 1.0
   */
  properties[PROP_CHOICES] = g_param_spec_object ("choices", NULL, NULL, G_TYPE_LIST_MODEL, CONSTRUCT_FLAGS);

  /**
   * MistralChatCompletionResponse:usage:
   *
   * The tokens used, if the API said.
   *
   * Since: 1.0
   */
  properties[PROP_USAGE] = g_param_spec_object ("usage", NULL, NULL, MISTRAL_TYPE_USAGE_INFO, CONSTRUCT_FLAGS);

  /**
   * MistralChatCompletionResponse:latency:
   *
   * How long the request took, in microseconds: from sending the last
   * attempt to the whole reply (for a stream, to its last chunk).
   *
   * Since: 1.0
   */
  properties[PROP_LATENCY] = g_param_spec_int64 ("latency", NULL, NULL, 0, G_MAXINT64, 0, CONSTRUCT_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_chat_completion_response_init (MistralChatCompletionResponse *self)
{
}

/**
 * mistral_chat_completion_response_new_from_json:
 * @node: a `chat.completion` object as the API sends it
 * @error: return location for a #GError
 *
 * Reads a response from its JSON, for instance one stored earlier.
 *
 * Returns: (transfer full): the response, or %NULL with
 *   %MISTRAL_ERROR_INVALID_RESPONSE if @node is not a valid response
 *
 * Since: 1.0
 */
MistralChatCompletionResponse *
mistral_chat_completion_response_new_from_json (JsonNode  *node,
                                                GError   **error)
{
  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return mistral_chat_completion_response_new_from_json_node (node, error);
}

static MistralChatCompletionResponse *response_new_from_text (const char  *text,
                                                             gsize        length,
                                                             GError     **error);

/**
 * mistral_chat_completion_response_new_from_string:
 * @json: a `chat.completion` object as JSON text
 * @error: return location for a #GError
 *
 * Like [ctor@Mistral.ChatCompletionResponse.new_from_json], from JSON text.
 *
 * Returns: (transfer full): the response, or %NULL with
 *   %MISTRAL_ERROR_INVALID_RESPONSE
 *
 * Since: 1.0
 */
MistralChatCompletionResponse *
mistral_chat_completion_response_new_from_string (const char  *json,
                                                  GError     **error)
{
  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return response_new_from_text (json, strlen (json), error);
}

/* The reader of a whole reply, for the client and the constructors above. */
MistralChatCompletionResponse *
mistral_chat_completion_response_new_from_json_node (JsonNode  *node,
                                                     GError   **error)
{
  g_auto(MistralChatEnvelope) envelope = { NULL, };

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mistral_json_wrong_type (node, "the response", NULL, "an object", error), NULL;

  if (!mistral_chat_envelope_read (&envelope, json_node_get_object (node), "response",
                                   MISTRAL_TYPE_CHAT_COMPLETION_CHOICE,
                                   (MistralJsonReadFunc) mistral_chat_completion_choice_new_from_json_object,
                                   error))
    return NULL;

  return g_object_new (MISTRAL_TYPE_CHAT_COMPLETION_RESPONSE,
                       "id", envelope.id,
                       "object", envelope.object,
                       "created", envelope.created,
                       "model", envelope.model,
                       "choices", envelope.choices,
                       "usage", envelope.usage,
                       NULL);
}

/**
 * mistral_chat_completion_response_get_id: (get-property id)
 * @self: a response
 *
 * Gets the id.
 *
 * Returns: (nullable): the id of the completion
 *
 * Since: 1.0
 */
const char *
mistral_chat_completion_response_get_id (MistralChatCompletionResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_RESPONSE (self), NULL);

  return self->id;
}

/**
 * mistral_chat_completion_response_get_object: (get-property object)
 * @self: a response
 *
 * Gets the object.
 *
 * Returns: (nullable): the kind of object, `chat.completion`
 *
 * Since: 1.0
 */
const char *
mistral_chat_completion_response_get_object (MistralChatCompletionResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_RESPONSE (self), NULL);

  return self->object;
}

/**
 * mistral_chat_completion_response_get_created: (get-property created)
 * @self: a response
 *
 * Gets the created.
 *
 * Returns: (nullable) (transfer none): when the completion was created
 *
 * Since: 1.0
 */
GDateTime *
mistral_chat_completion_response_get_created (MistralChatCompletionResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_RESPONSE (self), NULL);

  return self->created;
}

/**
 * mistral_chat_completion_response_get_model: (get-property model)
 * @self: a response
 *
 * Gets the model.
 *
 * Returns: (nullable): the model that answered
 *
 * Since: 1.0
 */
const char *
mistral_chat_completion_response_get_model (MistralChatCompletionResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_RESPONSE (self), NULL);

  return self->model;
}

/**
 * mistral_chat_completion_response_get_choices: (get-property choices)
 * @self: a response
 *
 * Gets the choices.
 *
 * Returns: (transfer none): the choices, a list of [class@Mistral.ChatCompletionChoice]
 *
 * Since: 1.0
 */
GListModel *
mistral_chat_completion_response_get_choices (MistralChatCompletionResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_RESPONSE (self), NULL);

  return self->choices;
}

/**
 * mistral_chat_completion_response_get_usage: (get-property usage)
 * @self: a response
 *
 * Gets the usage.
 *
 * Returns: (nullable) (transfer none): the tokens used
 *
 * Since: 1.0
 */
MistralUsageInfo *
mistral_chat_completion_response_get_usage (MistralChatCompletionResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_RESPONSE (self), NULL);

  return self->usage;
}

/**
 * mistral_chat_completion_response_get_latency: (get-property latency)
 * @self: a response
 *
 * Gets the latency.
 *
 * Returns: how long the request took, in microseconds
 *
 * Since: 1.0
 */
GTimeSpan
mistral_chat_completion_response_get_latency (MistralChatCompletionResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_RESPONSE (self), 0);

  return self->latency;
}

void
mistral_chat_completion_response_set_latency (MistralChatCompletionResponse *self,
                                              GTimeSpan                      latency)
{
  self->latency = latency;
}

/* The common shape through the fast path when there is one, any other
 * (and every error) through json-glib's tree and the readers above. */
static MistralChatCompletionResponse *
response_new_from_text (const char  *text,
                        gsize        length,
                        GError     **error)
{
  MistralChatCompletionResponse *response = mistral_chat_reply_decode_fast (text, length);
  g_autoptr(JsonNode) node = NULL;

  if (response != NULL)
    return response;

  node = mistral_json_parse (text, length, error);
  return node != NULL ? mistral_chat_completion_response_new_from_json_node (node, error) : NULL;
}

gpointer
mistral_chat_completion_response_read_reply (MistralHttpReply  *reply,
                                             gpointer           data,
                                             GError           **error)
{
  MistralChatCompletionResponse *response;
  const char *text;
  gsize length;

  text = g_bytes_get_data (reply->body, &length);
  response = response_new_from_text (text, length, error);
  if (response != NULL)
    mistral_chat_completion_response_set_latency (response, reply->done_time - reply->sent_time);
  return response;
}

MistralChatCompletionResponse *
mistral_chat_completion_response_new_take (MistralChunkData *data)
{
  g_autoptr(GListStore) choices = g_list_store_new (MISTRAL_TYPE_CHAT_COMPLETION_CHOICE);
  g_autoptr(GDateTime) created = NULL;
  MistralChatCompletionResponse *response;

  for (guint i = 0; i < data->n_choices; i++)
    {
      MistralChunkChoice *part = &data->choices[i];
      g_autoptr(MistralAssistantMessage) message = mistral_assistant_message_new (part->content);
      g_autoptr(MistralChatCompletionChoice) choice = NULL;

      choice = mistral_chat_completion_choice_new_parts (part->index, part->finish_reason,
                                                         part->finish_reason_name, message);
      g_list_store_append (choices, choice);
    }

  if (data->created >= 0)
    created = g_date_time_new_from_unix_utc (data->created);

  response = g_object_new (MISTRAL_TYPE_CHAT_COMPLETION_RESPONSE,
                           "id", data->id,
                           "object", data->object,
                           "created", created,
                           "model", data->model,
                           "choices", choices,
                           "usage", data->usage,
                           NULL);
  mistral_chunk_data_clear (data);
  return response;
}

/**
 * mistral_chat_completion_response_get_assistant_message:
 * @self: a response
 *
 * Gets the message of the first choice: the reply, in the usual case of
 * one choice.
 *
 * Returns: (nullable) (transfer none): the first assistant message, or
 *   %NULL if the response has no choices
 *
 * Since: 1.0
 */
MistralAssistantMessage *
mistral_chat_completion_response_get_assistant_message (MistralChatCompletionResponse *self)
{
  g_autoptr(MistralChatCompletionChoice) choice = NULL;

  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_RESPONSE (self), NULL);

  choice = g_list_model_get_item (self->choices, 0);
  if (choice == NULL)
    return NULL;

  return mistral_chat_completion_choice_get_message (choice);
}

/**
 * mistral_chat_completion_response_get_content:
 * @self: a response
 *
 * Gets the text of the first choice's message: the reply, in one call.
 * For a reasoning model, the text without the thinking chunks.
 *
 * Returns: (nullable): the text of the reply, or %NULL if the response
 *   has no choices or its message no text (only tool calls, say)
 *
 * Since: 1.0
 */
const char *
mistral_chat_completion_response_get_content (MistralChatCompletionResponse *self)
{
  MistralAssistantMessage *message;

  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_RESPONSE (self), NULL);

  message = mistral_chat_completion_response_get_assistant_message (self);
  return message != NULL ? mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (message)) : NULL;
}
