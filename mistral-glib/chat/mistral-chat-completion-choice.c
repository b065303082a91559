// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-chat-completion-choice.h"
#include "mistral-enum-types.h"
#include "mistral-chat-envelope-private.h"
#include "mistral-chat-completion-choice-private.h"

/**
 * MistralChatCompletionChoice:
 *
 * One of the replies of a [class@Mistral.ChatCompletionResponse]: the
 * request's [property@Mistral.ChatCompletionRequest:n] asks for how many.
 *
 * A choice holds the model's [class@Mistral.AssistantMessage] and why the
 * model stopped. A finish reason that this version of mistral-glib does not
 * know is not an error: [property@Mistral.ChatCompletionChoice:finish-reason]
 * is then %MISTRAL_FINISH_REASON_UNKNOWN, and
 * [property@Mistral.ChatCompletionChoice:finish-reason-name] keeps the value
 * the API sent.
 *
 * Choices are immutable.
 *
 * ## Usage
 *
 * ```c
 * GListModel *choices = mistral_chat_completion_response_get_choices (response);
 * g_autoptr (MistralChatCompletionChoice) choice = g_list_model_get_item (choices, 0);
 * MistralAssistantMessage *reply = mistral_chat_completion_choice_get_message (choice);
 *
 * if (mistral_chat_completion_choice_get_finish_reason (choice) == MISTRAL_FINISH_REASON_LENGTH)
 *   g_print ("(cut)\n");
 * g_print ("%s\n", mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)));
 * ```
 *
 * Since: 1.0
 */

struct _MistralChatCompletionChoice
{
  GObject parent_instance;

  guint index;
  MistralFinishReason finish_reason;
  char *finish_reason_name;
  MistralAssistantMessage *message;
};

G_DEFINE_FINAL_TYPE (MistralChatCompletionChoice, mistral_chat_completion_choice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_FINISH_REASON,
  PROP_FINISH_REASON_NAME,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_chat_completion_choice_constructed (GObject *object)
{
  MistralChatCompletionChoice *self = MISTRAL_CHAT_COMPLETION_CHOICE (object);

  G_OBJECT_CLASS (mistral_chat_completion_choice_parent_class)->constructed (object);

  /* Keep the enum and the raw name consistent when only one was given. */
  mistral_finish_reason_normalize (&self->finish_reason, &self->finish_reason_name);

  if (self->message == NULL)
    self->message = mistral_assistant_message_new (NULL);
}

static void
mistral_chat_completion_choice_dispose (GObject *object)
{
  MistralChatCompletionChoice *self = MISTRAL_CHAT_COMPLETION_CHOICE (object);

  g_clear_object (&self->message);

  G_OBJECT_CLASS (mistral_chat_completion_choice_parent_class)->dispose (object);
}

static void
mistral_chat_completion_choice_finalize (GObject *object)
{
  MistralChatCompletionChoice *self = MISTRAL_CHAT_COMPLETION_CHOICE (object);

  g_free (self->finish_reason_name);

  G_OBJECT_CLASS (mistral_chat_completion_choice_parent_class)->finalize (object);
}

static void
mistral_chat_completion_choice_get_property (GObject    *object,
                                             guint       prop_id,
                                             GValue     *value,
                                             GParamSpec *pspec)
{
  MistralChatCompletionChoice *self = MISTRAL_CHAT_COMPLETION_CHOICE (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_FINISH_REASON:
      g_value_set_enum (value, self->finish_reason);
      break;
    case PROP_FINISH_REASON_NAME:
      g_value_set_string (value, self->finish_reason_name);
      break;
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_chat_completion_choice_set_property (GObject      *object,
                                             guint         prop_id,
                                             const GValue *value,
                                             GParamSpec   *pspec)
{
  MistralChatCompletionChoice *self = MISTRAL_CHAT_COMPLETION_CHOICE (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      self->index = g_value_get_uint (value);
      break;
    case PROP_FINISH_REASON:
      self->finish_reason = g_value_get_enum (value);
      break;
    case PROP_FINISH_REASON_NAME:
      g_free (self->finish_reason_name);
      self->finish_reason_name = g_value_dup_string (value);
      break;
    case PROP_MESSAGE:
      g_set_object (&self->message, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_chat_completion_choice_class_init (MistralChatCompletionChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mistral_chat_completion_choice_constructed;
  object_class->dispose = mistral_chat_completion_choice_dispose;
  object_class->finalize = mistral_chat_completion_choice_finalize;
  object_class->get_property = mistral_chat_completion_choice_get_property;
  object_class->set_property = mistral_chat_completion_choice_set_property;

  /**
   * MistralChatCompletionChoice:index: (getter get_index)
   *
   * The position of the choice among the choices of its response.
   *
   * Since: 1.0
   */
  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralChatCompletionChoice:finish-reason: (getter get_finish_reason)
   *
   * Why the model stopped.
   *
   * If it is not given at construction but
   * [property@Mistral.ChatCompletionChoice:finish-reason-name] is, it is
   * read from that name.
   *
   * Since: 1.0
   */
  properties[PROP_FINISH_REASON] =
    g_param_spec_enum ("finish-reason", NULL, NULL,
                       MISTRAL_TYPE_FINISH_REASON,
                       MISTRAL_FINISH_REASON_NONE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralChatCompletionChoice:finish-reason-name: (getter get_finish_reason_name)
   *
   * Why the model stopped, as the API said it, such as `stop`, or %NULL if
   * the API gave no reason.
   *
   * This keeps values that [enum@Mistral.FinishReason] does not know. If it
   * is not given at construction, it is the API's name of
   * [property@Mistral.ChatCompletionChoice:finish-reason].
   *
   * Since: 1.0
   */
  properties[PROP_FINISH_REASON_NAME] =
    g_param_spec_string ("finish-reason-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralChatCompletionChoice:message: (getter get_message)
   *
   * The reply of the model. It is never %NULL: a choice built without one
   * has an empty assistant message.
   *
   * Since: 1.0
   */
  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL,
                         MISTRAL_TYPE_ASSISTANT_MESSAGE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_chat_completion_choice_init (MistralChatCompletionChoice *self)
{
  self->finish_reason = MISTRAL_FINISH_REASON_NONE;
}

/**
 * mistral_chat_completion_choice_get_index: (get-property index)
 * @self: a choice
 *
 * Gets the position of @self among the choices of its response.
 *
 * Returns: the index
 *
 * Since: 1.0
 */
guint
mistral_chat_completion_choice_get_index (MistralChatCompletionChoice *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_CHOICE (self), 0);

  return self->index;
}

/**
 * mistral_chat_completion_choice_get_finish_reason: (get-property finish-reason)
 * @self: a choice
 *
 * Gets why the model stopped.
 *
 * Returns: the finish reason
 *
 * Since: 1.0
 */
MistralFinishReason
mistral_chat_completion_choice_get_finish_reason (MistralChatCompletionChoice *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_CHOICE (self), MISTRAL_FINISH_REASON_NONE);

  return self->finish_reason;
}

/**
 * mistral_chat_completion_choice_get_finish_reason_name: (get-property finish-reason-name)
 * @self: a choice
 *
 * Gets why the model stopped, as the API said it.
 *
 * Returns: (nullable): the finish reason as a string, such as `stop`
 *
 * Since: 1.0
 */
const char *
mistral_chat_completion_choice_get_finish_reason_name (MistralChatCompletionChoice *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_CHOICE (self), NULL);

  return self->finish_reason_name;
}

/**
 * mistral_chat_completion_choice_get_message: (get-property message)
 * @self: a choice
 *
 * Gets the reply of the model.
 *
 * Returns: (transfer none): the assistant message
 *
 * Since: 1.0
 */
MistralAssistantMessage *
mistral_chat_completion_choice_get_message (MistralChatCompletionChoice *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_COMPLETION_CHOICE (self), NULL);

  return self->message;
}

MistralChatCompletionChoice *
mistral_chat_completion_choice_new_from_json_object (JsonObject  *object,
                                                     const char  *path,
                                                     guint        position,
                                                     GError     **error)
{
  g_autoptr(MistralAssistantMessage) message = NULL;
  const char *finish_reason = NULL;
  guint index;

  if (!mistral_chat_choice_read_parts (object, path, position, "message", &index, &finish_reason, &message, error))
    return NULL;

  return mistral_chat_completion_choice_new_parts (index, mistral_finish_reason_from_string (finish_reason),
                                                   finish_reason, message);
}

MistralChatCompletionChoice *
mistral_chat_completion_choice_new_parts (guint                     index,
                                          MistralFinishReason       finish_reason,
                                          const char               *finish_reason_name,
                                          MistralAssistantMessage  *message)
{
  return g_object_new (MISTRAL_TYPE_CHAT_COMPLETION_CHOICE,
                       "index", index,
                       "finish-reason", finish_reason,
                       "finish-reason-name", finish_reason_name,
                       "message", message,
                       NULL);
}
