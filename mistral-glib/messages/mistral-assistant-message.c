// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-assistant-message-private.h"
#include "mistral-chat-message-private.h"
#include "mistral-content-chunk-private.h"
#include "mistral-json-private.h"
#include "mistral-tool-call-private.h"

/**
 * MistralAssistantMessage:
 *
 * A message from the model. Its [property@Mistral.ChatMessage:role] is
 * %MISTRAL_ROLE_ASSISTANT.
 *
 * The replies of the API are assistant messages (see
 * [method@Mistral.ChatCompletionResponse.get_assistant_message]). Besides
 * its content, the model may ask for [class@Mistral.ToolCall]s, listed in
 * [property@Mistral.AssistantMessage:tool-calls]. A reasoning model sends
 * its reasoning as `THINKING` chunks in
 * [property@Mistral.ChatMessage:chunks], before the text of its answer;
 * [property@Mistral.ChatMessage:content] is then the text of the answer
 * only, and [property@Mistral.AssistantMessage:thinking] the text of the
 * reasoning.
 *
 * Assistant messages also go into requests: to replay the history of a
 * conversation, or, with [property@Mistral.AssistantMessage:prefix], to make
 * the model start its reply with a given text.
 *
 * ## Usage
 *
 * ```c
 * MistralAssistantMessage *reply = mistral_chat_completion_response_get_assistant_message (response);
 * GListModel *tool_calls = mistral_assistant_message_get_tool_calls (reply);
 *
 * for (guint i = 0; i < g_list_model_get_n_items (tool_calls); i++)
 *   {
 *     g_autoptr (MistralToolCall) call = g_list_model_get_item (tool_calls, i);
 *
 *     g_print ("%s(%s)\n",
 *              mistral_tool_call_get_function_name (call),
 *              mistral_tool_call_get_arguments (call));
 *   }
 * ```
 *
 * Since: 1.0
 */

struct _MistralAssistantMessage
{
  MistralChatMessage parent_instance;

  GListStore *tool_calls;
  gboolean prefix;
  char *thinking;   /* the text of the THINKING chunks, kept as they change */
  MistralRecycler *recycler;   /* a stream's delta: where it goes when dropped */
};

G_DEFINE_FINAL_TYPE (MistralAssistantMessage, mistral_assistant_message, MISTRAL_TYPE_CHAT_MESSAGE)

enum {
  PROP_0,
  PROP_TOOL_CALLS,
  PROP_PREFIX,
  PROP_THINKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GListStore *ensure_tool_calls (MistralAssistantMessage *self);

static void
mistral_assistant_message_dispose (GObject *object)
{
  MistralAssistantMessage *self = MISTRAL_ASSISTANT_MESSAGE (object);

  g_clear_object (&self->tool_calls);
  if (self->recycler != NULL)
    {
      /* Emptied as it was made, for the next delta. */
      g_clear_pointer (&self->thinking, g_free);
      self->prefix = FALSE;
      mistral_chat_message_reset (MISTRAL_CHAT_MESSAGE (self));
    }

  G_OBJECT_CLASS (mistral_assistant_message_parent_class)->dispose (object);

  if (self->recycler != NULL)
    mistral_recycler_put (self->recycler, object);
}

static void
mistral_assistant_message_finalize (GObject *object)
{
  MistralAssistantMessage *self = MISTRAL_ASSISTANT_MESSAGE (object);

  g_free (self->thinking);
  g_clear_pointer (&self->recycler, mistral_recycler_unref);

  G_OBJECT_CLASS (mistral_assistant_message_parent_class)->finalize (object);
}

static void
mistral_assistant_message_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  MistralAssistantMessage *self = MISTRAL_ASSISTANT_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_TOOL_CALLS:
      g_value_set_object (value, ensure_tool_calls (self));
      break;
    case PROP_PREFIX:
      g_value_set_boolean (value, self->prefix);
      break;
    case PROP_THINKING:
      g_value_set_string (value, self->thinking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_assistant_message_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  MistralAssistantMessage *self = MISTRAL_ASSISTANT_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_PREFIX:
      mistral_assistant_message_set_prefix (self, g_value_get_boolean (value));
      break;
    case PROP_THINKING:
      mistral_assistant_message_set_thinking (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_assistant_message_class_init (MistralAssistantMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mistral_assistant_message_dispose;
  object_class->finalize = mistral_assistant_message_finalize;
  object_class->get_property = mistral_assistant_message_get_property;
  object_class->set_property = mistral_assistant_message_set_property;

  /**
   * MistralAssistantMessage:tool-calls: (getter get_tool_calls)
   *
   * The tool calls the model asks for, a list of [class@Mistral.ToolCall].
   *
   * The list is owned by the message; add to it with
   * [method@Mistral.AssistantMessage.add_tool_call].
   *
   * Since: 1.0
   */
  properties[PROP_TOOL_CALLS] =
    g_param_spec_object ("tool-calls", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MistralAssistantMessage:prefix: (getter get_prefix) (setter set_prefix)
   *
   * Whether the model must start its reply with the content of this
   * message. A prefix message must be the last message of a request.
   *
   * Since: 1.0
   */
  properties[PROP_PREFIX] =
    g_param_spec_boolean ("prefix", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralAssistantMessage:thinking: (getter get_thinking) (setter set_thinking)
   *
   * The reasoning of a reasoning model: the text of the message's
   * `THINKING` chunks (their `TEXT` sub-chunks, concatenated), or %NULL
   * when it has none.
   *
   * It is read from [property@Mistral.ChatMessage:chunks] and notified
   * whenever they change it, whoever changes them; setting it changes the
   * chunks (see [method@Mistral.AssistantMessage.set_thinking]), so that
   * the message's JSON always carries it. A
   * [class@Mistral.Conversation] sets it once per streamed chunk that
   * carries reasoning, so a label bound to it grows as the model thinks.
   *
   * Since: 1.0
   */
  properties[PROP_THINKING] =
    g_param_spec_string ("thinking", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_assistant_message_init (MistralAssistantMessage *self)
{
  mistral_chat_message_set_role (MISTRAL_CHAT_MESSAGE (self), MISTRAL_ROLE_ASSISTANT);
}

/* Few messages have tool calls (no delta of a plain stream does): the
 * store is made when first needed. */
static GListStore *
ensure_tool_calls (MistralAssistantMessage *self)
{
  if (self->tool_calls == NULL)
    self->tool_calls = g_list_store_new (MISTRAL_TYPE_TOOL_CALL);
  return self->tool_calls;
}

void
mistral_assistant_message_set_recycler (MistralAssistantMessage *self,
                                        MistralRecycler         *recycler)
{
  g_assert (self->recycler == NULL);
  self->recycler = mistral_recycler_ref (recycler);
}

/**
 * mistral_assistant_message_new:
 * @content: (nullable): the text of the message, or %NULL
 *
 * Creates an assistant message.
 *
 * Returns: (transfer full): a new [class@Mistral.AssistantMessage]
 *
 * Since: 1.0
 */
MistralAssistantMessage *
mistral_assistant_message_new (const char *content)
{
  return g_object_new (MISTRAL_TYPE_ASSISTANT_MESSAGE,
                       "content", content,
                       NULL);
}

/**
 * mistral_assistant_message_get_tool_calls: (get-property tool-calls)
 * @self: an assistant message
 *
 * Gets the tool calls of @self, a list of [class@Mistral.ToolCall].
 *
 * Returns: (transfer none): the tool calls
 *
 * Since: 1.0
 */
GListModel *
mistral_assistant_message_get_tool_calls (MistralAssistantMessage *self)
{
  g_return_val_if_fail (MISTRAL_IS_ASSISTANT_MESSAGE (self), NULL);

  return G_LIST_MODEL (ensure_tool_calls (self));
}

/**
 * mistral_assistant_message_add_tool_call:
 * @self: an assistant message
 * @tool_call: the tool call to append
 *
 * Appends @tool_call to the tool calls of @self.
 *
 * Since: 1.0
 */
void
mistral_assistant_message_add_tool_call (MistralAssistantMessage *self,
                                         MistralToolCall         *tool_call)
{
  g_return_if_fail (MISTRAL_IS_ASSISTANT_MESSAGE (self));
  g_return_if_fail (MISTRAL_IS_TOOL_CALL (tool_call));

  g_list_store_append (ensure_tool_calls (self), tool_call);
}

/**
 * mistral_assistant_message_get_prefix: (get-property prefix)
 * @self: an assistant message
 *
 * Gets whether the model must start its reply with the content of @self.
 *
 * Returns: %TRUE if @self is a prefix
 *
 * Since: 1.0
 */
gboolean
mistral_assistant_message_get_prefix (MistralAssistantMessage *self)
{
  g_return_val_if_fail (MISTRAL_IS_ASSISTANT_MESSAGE (self), FALSE);

  return self->prefix;
}

/**
 * mistral_assistant_message_set_prefix: (set-property prefix)
 * @self: an assistant message
 * @prefix: whether the model must start its reply with the content of @self
 *
 * Sets whether @self is a prefix for the model's reply.
 *
 * Since: 1.0
 */
void
mistral_assistant_message_set_prefix (MistralAssistantMessage *self,
                                      gboolean                 prefix)
{
  g_return_if_fail (MISTRAL_IS_ASSISTANT_MESSAGE (self));

  prefix = !!prefix;
  if (self->prefix == prefix)
    return;

  self->prefix = prefix;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREFIX]);
}

/* The text of the THINKING chunks, or NULL when there is none. */
static char *
thinking_of_chunks (GListModel *chunks)
{
  g_autoptr(GString) text = NULL;
  guint n = g_list_model_get_n_items (chunks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (MistralContentChunk) chunk = g_list_model_get_item (chunks, i);
      GListModel *parts;

      if (mistral_content_chunk_get_chunk_type (chunk) != MISTRAL_CONTENT_CHUNK_TYPE_THINKING)
        continue;
      if (text == NULL)
        text = g_string_new (NULL);
      parts = mistral_content_chunk_get_thinking (chunk);
      for (guint j = 0; parts != NULL && j < g_list_model_get_n_items (parts); j++)
        {
          g_autoptr (MistralContentChunk) part = g_list_model_get_item (parts, j);

          if (mistral_content_chunk_get_chunk_type (part) == MISTRAL_CONTENT_CHUNK_TYPE_TEXT
              && mistral_content_chunk_get_text (part) != NULL)
            g_string_append (text, mistral_content_chunk_get_text (part));
        }
    }

  return text != NULL ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

void
mistral_assistant_message_chunks_changed (MistralAssistantMessage *self)
{
  g_autofree char *thinking = thinking_of_chunks (mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (self)));

  if (g_strcmp0 (thinking, self->thinking) == 0)
    return;

  g_free (self->thinking);
  self->thinking = g_steal_pointer (&thinking);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THINKING]);
}

/**
 * mistral_assistant_message_get_thinking: (get-property thinking)
 * @self: an assistant message
 *
 * Gets the reasoning of @self: the text of its `THINKING` chunks.
 *
 * Returns: (nullable): the reasoning, or %NULL if @self has no `THINKING`
 *   chunk
 *
 * Since: 1.0
 */
const char *
mistral_assistant_message_get_thinking (MistralAssistantMessage *self)
{
  g_return_val_if_fail (MISTRAL_IS_ASSISTANT_MESSAGE (self), NULL);

  return self->thinking;
}

/**
 * mistral_assistant_message_set_thinking: (set-property thinking)
 * @self: an assistant message
 * @thinking: (nullable): the reasoning, or %NULL for none
 *
 * Sets the reasoning of @self. Its `THINKING` chunks are replaced by one,
 * first, holding @thinking as its text (a closed chunk, as
 * [ctor@Mistral.ContentChunk.new_thinking] makes); %NULL removes them. Its
 * other chunks are kept, and a plain-string content becomes a `TEXT` chunk
 * after the reasoning: [property@Mistral.ChatMessage:content] keeps its
 * text.
 *
 * Since: 1.0
 */
void
mistral_assistant_message_set_thinking (MistralAssistantMessage *self,
                                        const char              *thinking)
{
  MistralChatMessage *message;
  GListStore *store;
  g_autoptr(GPtrArray) kept = NULL;
  g_autofree char *old_text = NULL;
  guint n;

  g_return_if_fail (MISTRAL_IS_ASSISTANT_MESSAGE (self));

  if (g_strcmp0 (thinking, self->thinking) == 0)
    return;

  message = MISTRAL_CHAT_MESSAGE (self);
  old_text = g_strdup (mistral_chat_message_get_content (message));
  /* The message's own store: the library's to change, in one splice. */
  store = G_LIST_STORE (mistral_chat_message_get_chunks (message));
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  kept = g_ptr_array_new_with_free_func (g_object_unref);

  if (thinking != NULL)
    g_ptr_array_add (kept, mistral_content_chunk_new_thinking (thinking));
  if (n == 0)
    {
      if (old_text != NULL && *old_text != '\0')
        g_ptr_array_add (kept, mistral_content_chunk_new_text (old_text));
      mistral_chat_message_take_content (message, NULL);
    }
  for (guint i = 0; i < n; i++)
    {
      MistralContentChunk *chunk = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (mistral_content_chunk_get_chunk_type (chunk) == MISTRAL_CONTENT_CHUNK_TYPE_THINKING)
        g_object_unref (chunk);
      else
        g_ptr_array_add (kept, chunk);
    }

  /* The splice notifies the thinking (mistral_assistant_message_chunks_changed). */
  g_list_store_splice (store, 0, n, kept->pdata, kept->len);

  if (g_strcmp0 (old_text, mistral_chat_message_get_content (message)) != 0)
    g_object_notify (G_OBJECT (self), "content");
}

/* JSON --------------------------------------------------------------------- */

void
mistral_assistant_message_write_members (MistralAssistantMessage *self,
                                         JsonBuilder             *builder)
{
  /* Made when first asked for. */
  if (self->tool_calls != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->tool_calls)) > 0)
    {
      json_builder_set_member_name (builder, "tool_calls");
      mistral_json_add_list (builder, G_LIST_MODEL (self->tool_calls), (MistralJsonWriteFunc) mistral_tool_call_write_json);
    }

  if (self->prefix)
    {
      json_builder_set_member_name (builder, "prefix");
      json_builder_add_boolean_value (builder, TRUE);
    }
}

/* Any role is accepted: the reply is the assistant's whatever it says. */
gboolean
mistral_assistant_message_is_plain_text (MistralAssistantMessage *self)
{
  MistralChatMessage *message = MISTRAL_CHAT_MESSAGE (self);

  return !self->prefix &&
         (self->tool_calls == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->tool_calls)) == 0) &&
         !mistral_chat_message_has_chunks (message) &&
         mistral_chat_message_get_content (message) != NULL;
}

MistralAssistantMessage *
mistral_assistant_message_new_from_json_object (JsonObject  *object,
                                                const char  *path,
                                                GError     **error)
{
  g_autoptr(MistralAssistantMessage) message = NULL;
  g_autoptr(GListStore) calls = NULL;
  JsonArray *tool_calls = NULL;
  gboolean prefix = FALSE;
  const char *role = NULL;
  g_autofree char *calls_path = mistral_json_path_join (path, "tool_calls");

  if (!mistral_json_read_member (object, "role", path, MISTRAL_JSON_STRING, &role, error) ||
      !mistral_json_read_member (object, "tool_calls", path, MISTRAL_JSON_ARRAY, &tool_calls, error) ||
      !mistral_json_read_member (object, "prefix", path, MISTRAL_JSON_BOOLEAN, &prefix, error))
    return NULL;

  message = mistral_assistant_message_new (NULL);

  if (!mistral_chat_message_read_content (MISTRAL_CHAT_MESSAGE (message), object, path, error))
    return NULL;

  calls = mistral_json_read_list (tool_calls, calls_path, MISTRAL_TYPE_TOOL_CALL,
                                  (MistralJsonReadFunc) mistral_tool_call_new_from_json_object, error);
  if (calls == NULL)
    return NULL;
  /* A new message: nobody holds its list yet. */
  if (g_list_model_get_n_items (G_LIST_MODEL (calls)) > 0)
    g_set_object (&message->tool_calls, calls);
  message->prefix = prefix;

  return g_steal_pointer (&message);
}
