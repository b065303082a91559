// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-completion-response-stream-choice.h"
#include "mistral-enum-types.h"
#include "mistral-chat-envelope-private.h"
#include "mistral-completion-response-stream-choice-private.h"

/**
 * MistralCompletionResponseStreamChoice:
 *
 * One choice of a [class@Mistral.CompletionChunk]: the piece of one reply
 * that a server-sent event of a stream carries.
 *
 * Its [property@Mistral.CompletionResponseStreamChoice:delta] is an
 * [class@Mistral.AssistantMessage] holding only what is new in this event:
 * a few words of text, tool calls (or fragments of them), or reasoning
 * chunks. The choices of a request that asks for several
 * ([property@Mistral.ChatCompletionRequest:n]) are told apart by their
 * [property@Mistral.CompletionResponseStreamChoice:index].
 *
 * The last event of a choice carries why the model stopped. A finish reason
 * that this version of mistral-glib does not know is not an error:
 * [property@Mistral.CompletionResponseStreamChoice:finish-reason] is then
 * %MISTRAL_FINISH_REASON_UNKNOWN, and
 * [property@Mistral.CompletionResponseStreamChoice:finish-reason-name] keeps
 * the value the API sent.
 *
 * A [class@Mistral.ChatCompletionAccumulator] folds the deltas of a stream
 * into a whole [class@Mistral.ChatCompletionResponse].
 *
 * Stream choices are immutable.
 *
 * ## Usage
 *
 * ```c
 * GListModel *choices = mistral_completion_chunk_get_choices (chunk);
 *
 * for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
 *   {
 *     g_autoptr (MistralCompletionResponseStreamChoice) choice = g_list_model_get_item (choices, i);
 *     MistralAssistantMessage *delta = mistral_completion_response_stream_choice_get_delta (choice);
 *     const char *text = mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (delta));
 *
 *     g_print ("[%u] %s\n",
 *              mistral_completion_response_stream_choice_get_index (choice),
 *              text != NULL ? text : "");
 *   }
 * ```
 *
 * Since: 1.0
 */

struct _MistralCompletionResponseStreamChoice
{
  GObject parent_instance;

  guint index;
  MistralAssistantMessage *delta;
  MistralFinishReason finish_reason;
  char *finish_reason_name;
};

G_DEFINE_FINAL_TYPE (MistralCompletionResponseStreamChoice, mistral_completion_response_stream_choice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_DELTA,
  PROP_FINISH_REASON,
  PROP_FINISH_REASON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_completion_response_stream_choice_constructed (GObject *object)
{
  MistralCompletionResponseStreamChoice *self = MISTRAL_COMPLETION_RESPONSE_STREAM_CHOICE (object);

  G_OBJECT_CLASS (mistral_completion_response_stream_choice_parent_class)->constructed (object);

  /* Keep the enum and the raw name consistent when only one was given. */
  mistral_finish_reason_normalize (&self->finish_reason, &self->finish_reason_name);

  if (self->delta == NULL)
    self->delta = mistral_assistant_message_new (NULL);
}

static void
mistral_completion_response_stream_choice_dispose (GObject *object)
{
  MistralCompletionResponseStreamChoice *self = MISTRAL_COMPLETION_RESPONSE_STREAM_CHOICE (object);

  g_clear_object (&self->delta);

  G_OBJECT_CLASS (mistral_completion_response_stream_choice_parent_class)->dispose (object);
}

static void
mistral_completion_response_stream_choice_finalize (GObject *object)
{
  MistralCompletionResponseStreamChoice *self = MISTRAL_COMPLETION_RESPONSE_STREAM_CHOICE (object);

  g_free (self->finish_reason_name);

  G_OBJECT_CLASS (mistral_completion_response_stream_choice_parent_class)->finalize (object);
}

static void
mistral_completion_response_stream_choice_get_property (GObject    *object,
                                                        guint       prop_id,
                                                        GValue     *value,
                                                        GParamSpec *pspec)
{
  MistralCompletionResponseStreamChoice *self = MISTRAL_COMPLETION_RESPONSE_STREAM_CHOICE (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_DELTA:
      g_value_set_object (value, self->delta);
      break;
    case PROP_FINISH_REASON:
      g_value_set_enum (value, self->finish_reason);
      break;
    case PROP_FINISH_REASON_NAME:
      g_value_set_string (value, self->finish_reason_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_completion_response_stream_choice_set_property (GObject      *object,
                                                        guint         prop_id,
                                                        const GValue *value,
                                                        GParamSpec   *pspec)
{
  MistralCompletionResponseStreamChoice *self = MISTRAL_COMPLETION_RESPONSE_STREAM_CHOICE (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      self->index = g_value_get_uint (value);
      break;
    case PROP_DELTA:
      g_set_object (&self->delta, g_value_get_object (value));
      break;
    case PROP_FINISH_REASON:
      self->finish_reason = g_value_get_enum (value);
      break;
    case PROP_FINISH_REASON_NAME:
      g_free (self->finish_reason_name);
      self->finish_reason_name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_completion_response_stream_choice_class_init (MistralCompletionResponseStreamChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mistral_completion_response_stream_choice_constructed;
  object_class->dispose = mistral_completion_response_stream_choice_dispose;
  object_class->finalize = mistral_completion_response_stream_choice_finalize;
  object_class->get_property = mistral_completion_response_stream_choice_get_property;
  object_class->set_property = mistral_completion_response_stream_choice_set_property;

  /**
   * MistralCompletionResponseStreamChoice:index: (getter get_index)
   *
   * Which choice of the reply this piece belongs to: the position of the
   * choice among the choices of the whole response.
   *
   * Since: 1.0
   */
  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralCompletionResponseStreamChoice:delta: (getter get_delta)
   *
   * What is new in this event: a piece of the text, tool calls or
   * reasoning chunks. It is never %NULL: a choice built without one has an
   * empty assistant message.
   *
   * Since: 1.0
   */
  properties[PROP_DELTA] =
    g_param_spec_object ("delta", NULL, NULL,
                         MISTRAL_TYPE_ASSISTANT_MESSAGE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralCompletionResponseStreamChoice:finish-reason: (getter get_finish_reason)
   *
   * Why the model stopped, or %MISTRAL_FINISH_REASON_NONE on every event
   * of the choice but its last.
   *
   * If it is not given at construction but
   * [property@Mistral.CompletionResponseStreamChoice:finish-reason-name]
   * is, it is read from that name.
   *
   * Since: 1.0
   */
  properties[PROP_FINISH_REASON] =
    g_param_spec_enum ("finish-reason", NULL, NULL,
                       MISTRAL_TYPE_FINISH_REASON,
                       MISTRAL_FINISH_REASON_NONE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralCompletionResponseStreamChoice:finish-reason-name: (getter get_finish_reason_name)
   *
   * Why the model stopped, as the API said it, such as `stop`, or %NULL if
   * the API gave no reason in this event.
   *
   * This keeps values that [enum@Mistral.FinishReason] does not know. If it
   * is not given at construction, it is the API's name of
   * [property@Mistral.CompletionResponseStreamChoice:finish-reason].
   *
   * Since: 1.0
   */
  properties[PROP_FINISH_REASON_NAME] =
    g_param_spec_string ("finish-reason-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_completion_response_stream_choice_init (MistralCompletionResponseStreamChoice *self)
{
  self->finish_reason = MISTRAL_FINISH_REASON_NONE;
}

/**
 * mistral_completion_response_stream_choice_get_index: (get-property index)
 * @self: a stream choice
 *
 * Gets which choice of the reply @self belongs to.
 *
 * Returns: the index of the choice
 *
 * Since: 1.0
 */
guint
mistral_completion_response_stream_choice_get_index (MistralCompletionResponseStreamChoice *self)
{
  g_return_val_if_fail (MISTRAL_IS_COMPLETION_RESPONSE_STREAM_CHOICE (self), 0);

  return self->index;
}

/**
 * mistral_completion_response_stream_choice_get_delta: (get-property delta)
 * @self: a stream choice
 *
 * Gets what is new in this event of the choice.
 *
 * Returns: (transfer none): the delta, an assistant message
 *
 * Since: 1.0
 */
MistralAssistantMessage *
mistral_completion_response_stream_choice_get_delta (MistralCompletionResponseStreamChoice *self)
{
  g_return_val_if_fail (MISTRAL_IS_COMPLETION_RESPONSE_STREAM_CHOICE (self), NULL);

  return self->delta;
}

/**
 * mistral_completion_response_stream_choice_get_finish_reason: (get-property finish-reason)
 * @self: a stream choice
 *
 * Gets why the model stopped.
 *
 * Returns: the finish reason, or %MISTRAL_FINISH_REASON_NONE if the
 *   choice goes on
 *
 * Since: 1.0
 */
MistralFinishReason
mistral_completion_response_stream_choice_get_finish_reason (MistralCompletionResponseStreamChoice *self)
{
  g_return_val_if_fail (MISTRAL_IS_COMPLETION_RESPONSE_STREAM_CHOICE (self), MISTRAL_FINISH_REASON_NONE);

  return self->finish_reason;
}

/**
 * mistral_completion_response_stream_choice_get_finish_reason_name: (get-property finish-reason-name)
 * @self: a stream choice
 *
 * Gets why the model stopped, as the API said it.
 *
 * Returns: (nullable): the finish reason as a string, such as `stop`
 *
 * Since: 1.0
 */
const char *
mistral_completion_response_stream_choice_get_finish_reason_name (MistralCompletionResponseStreamChoice *self)
{
  g_return_val_if_fail (MISTRAL_IS_COMPLETION_RESPONSE_STREAM_CHOICE (self), NULL);

  return self->finish_reason_name;
}

MistralCompletionResponseStreamChoice *
mistral_completion_response_stream_choice_new_from_json_object (JsonObject  *object,
                                                                const char  *path,
                                                                guint        position,
                                                                GError     **error)
{
  g_autoptr(MistralAssistantMessage) delta = NULL;
  const char *finish_reason = NULL;
  guint index;

  if (!mistral_chat_choice_read_parts (object, path, position, "delta", &index, &finish_reason, &delta, error))
    return NULL;

  return g_object_new (MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE,
                       "index", index,
                       "finish-reason", mistral_finish_reason_from_string (finish_reason),
                       "finish-reason-name", finish_reason,
                       "delta", delta,
                       NULL);
}
