// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-json-private.h"
#include "mistral-tool-message-private.h"
#include "mistral-chat-message-private.h"

/**
 * MistralToolMessage:
 *
 * The result of a tool call, sent back to the model. Its
 * [property@Mistral.ChatMessage:role] is %MISTRAL_ROLE_TOOL.
 *
 * Each [class@Mistral.ToolCall] of an assistant message is answered by one
 * tool message, whose [property@Mistral.ToolMessage:tool-call-id] is the
 * [property@Mistral.ToolCall:id] of the call.
 *
 * ## Usage
 *
 * ```c
 * g_autoptr (MistralToolMessage) result = NULL;
 *
 * result = mistral_tool_message_new (mistral_tool_call_get_id (call),
 *                                    mistral_tool_call_get_function_name (call),
 *                                    "{\"temperature\": 21}");
 * mistral_chat_completion_request_add_message (request, MISTRAL_CHAT_MESSAGE (result));
 * ```
 *
 * Since: 1.0
 */

struct _MistralToolMessage
{
  MistralChatMessage parent_instance;

  char *tool_call_id;
  char *name;
};

G_DEFINE_FINAL_TYPE (MistralToolMessage, mistral_tool_message, MISTRAL_TYPE_CHAT_MESSAGE)

enum {
  PROP_0,
  PROP_TOOL_CALL_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_tool_message_finalize (GObject *object)
{
  MistralToolMessage *self = MISTRAL_TOOL_MESSAGE (object);

  g_free (self->tool_call_id);
  g_free (self->name);

  G_OBJECT_CLASS (mistral_tool_message_parent_class)->finalize (object);
}

static void
mistral_tool_message_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MistralToolMessage *self = MISTRAL_TOOL_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_TOOL_CALL_ID:
      g_value_set_string (value, self->tool_call_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_tool_message_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MistralToolMessage *self = MISTRAL_TOOL_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_TOOL_CALL_ID:
      mistral_tool_message_set_tool_call_id (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      mistral_tool_message_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_tool_message_class_init (MistralToolMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_tool_message_finalize;
  object_class->get_property = mistral_tool_message_get_property;
  object_class->set_property = mistral_tool_message_set_property;

  /**
   * MistralToolMessage:tool-call-id: (getter get_tool_call_id) (setter set_tool_call_id)
   *
   * The [property@Mistral.ToolCall:id] of the tool call this message
   * answers, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_TOOL_CALL_ID] =
    g_param_spec_string ("tool-call-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralToolMessage:name: (getter get_name) (setter set_name)
   *
   * The name of the function that was called, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_tool_message_init (MistralToolMessage *self)
{
  mistral_chat_message_set_role (MISTRAL_CHAT_MESSAGE (self), MISTRAL_ROLE_TOOL);
}

/**
 * mistral_tool_message_new:
 * @tool_call_id: (nullable): the id of the tool call this message answers
 * @name: (nullable): the name of the function that was called
 * @content: (nullable): the result of the call, usually JSON
 *
 * Creates a tool message.
 *
 * Returns: (transfer full): a new [class@Mistral.ToolMessage]
 *
 * Since: 1.0
 */
MistralToolMessage *
mistral_tool_message_new (const char *tool_call_id,
                          const char *name,
                          const char *content)
{
  return g_object_new (MISTRAL_TYPE_TOOL_MESSAGE,
                       "tool-call-id", tool_call_id,
                       "name", name,
                       "content", content,
                       NULL);
}

/**
 * mistral_tool_message_get_tool_call_id: (get-property tool-call-id)
 * @self: a tool message
 *
 * Gets the id of the tool call that @self answers.
 *
 * Returns: (nullable): the tool call id
 *
 * Since: 1.0
 */
const char *
mistral_tool_message_get_tool_call_id (MistralToolMessage *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_MESSAGE (self), NULL);

  return self->tool_call_id;
}

/**
 * mistral_tool_message_set_tool_call_id: (set-property tool-call-id)
 * @self: a tool message
 * @tool_call_id: (nullable): the id of the tool call @self answers
 *
 * Sets the id of the tool call that @self answers.
 *
 * Since: 1.0
 */
void
mistral_tool_message_set_tool_call_id (MistralToolMessage *self,
                                       const char         *tool_call_id)
{
  g_return_if_fail (MISTRAL_IS_TOOL_MESSAGE (self));

  if (g_strcmp0 (self->tool_call_id, tool_call_id) == 0)
    return;

  g_free (self->tool_call_id);
  self->tool_call_id = g_strdup (tool_call_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL_CALL_ID]);
}

/**
 * mistral_tool_message_get_name: (get-property name)
 * @self: a tool message
 *
 * Gets the name of the function that was called.
 *
 * Returns: (nullable): the function name
 *
 * Since: 1.0
 */
const char *
mistral_tool_message_get_name (MistralToolMessage *self)
{
  g_return_val_if_fail (MISTRAL_IS_TOOL_MESSAGE (self), NULL);

  return self->name;
}

/**
 * mistral_tool_message_set_name: (set-property name)
 * @self: a tool message
 * @name: (nullable): the name of the function that was called
 *
 * Sets the name of the function that was called.
 *
 * Since: 1.0
 */
void
mistral_tool_message_set_name (MistralToolMessage *self,
                               const char         *name)
{
  g_return_if_fail (MISTRAL_IS_TOOL_MESSAGE (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
mistral_tool_message_write_members (MistralToolMessage *self,
                                    JsonBuilder        *builder)
{
  mistral_json_add_string (builder, "tool_call_id", self->tool_call_id);
  mistral_json_add_string (builder, "name", self->name);
}
