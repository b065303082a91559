// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-chat-message.h"
#include "mistral-assistant-message-private.h"
#include "mistral-chat-message-private.h"
#include "mistral-content-chunk-private.h"
#include "mistral-error.h"
#include "mistral-json-private.h"
#include "mistral-system-message.h"
#include "mistral-user-message.h"
#include "mistral-tool-message-private.h"
#include "mistral-enum-types.h"

/**
 * MistralChatMessage:
 *
 * A message of a conversation with a model.
 *
 * `MistralChatMessage` is abstract: a message is a
 * [class@Mistral.SystemMessage], a [class@Mistral.UserMessage], a
 * [class@Mistral.AssistantMessage] or a [class@Mistral.ToolMessage], and its
 * [property@Mistral.ChatMessage:role] tells which.
 *
 * The content of a message is either a plain string or a list of
 * [class@Mistral.ContentChunk] (text, images, documents, or the reasoning of
 * a reasoning model). [property@Mistral.ChatMessage:content] is always the
 * text: the plain string, or the text of the `TEXT` chunks concatenated.
 * [method@Mistral.ChatMessage.add_chunk] turns a plain-string message into a
 * chunked one, keeping its string as the first chunk;
 * [method@Mistral.ChatMessage.set_content] turns it back into a plain-string
 * message.
 *
 * ## Usage
 *
 * ```c
 * g_autoptr (MistralUserMessage) message = NULL;
 * g_autoptr (MistralContentChunk) image = NULL;
 *
 * message = mistral_user_message_new ("Describe this picture.");
 * image = mistral_content_chunk_new_image_url ("https://example.com/cat.png", NULL);
 * mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (message), image);
 *
 * // The message now has two chunks: the text, then the image.
 * g_assert_cmpuint (g_list_model_get_n_items (
 *   mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (message))), ==, 2);
 * ```
 *
 * Since: 1.0
 */

typedef struct
{
  MistralRole role;
  char *content;
  GListStore *chunks;
  char *chunks_text;
} MistralChatMessagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MistralChatMessage, mistral_chat_message, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROLE,
  PROP_CONTENT,
  PROP_CHUNKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
chunks_items_changed_cb (GListModel         *model,
                         guint               position,
                         guint               removed,
                         guint               added,
                         MistralChatMessage *self)
{
  MistralChatMessagePrivate *priv = mistral_chat_message_get_instance_private (self);

  g_clear_pointer (&priv->chunks_text, g_free);
  /* Its reasoning is read from the chunks too, and notified. */
  if (MISTRAL_IS_ASSISTANT_MESSAGE (self))
    mistral_assistant_message_chunks_changed (MISTRAL_ASSISTANT_MESSAGE (self));
}

static void
clear_chunks (MistralChatMessage *self)
{
  MistralChatMessagePrivate *priv = mistral_chat_message_get_instance_private (self);

  if (priv->chunks != NULL)
    g_signal_handlers_disconnect_by_func (priv->chunks, chunks_items_changed_cb, self);
  g_clear_object (&priv->chunks);
}

static void
mistral_chat_message_dispose (GObject *object)
{
  clear_chunks (MISTRAL_CHAT_MESSAGE (object));

  G_OBJECT_CLASS (mistral_chat_message_parent_class)->dispose (object);
}

void
mistral_chat_message_reset (MistralChatMessage *self)
{
  MistralChatMessagePrivate *priv = mistral_chat_message_get_instance_private (self);

  /* The role is the class's: it stays. */
  clear_chunks (self);
  g_clear_pointer (&priv->content, g_free);
  g_clear_pointer (&priv->chunks_text, g_free);
}

static void
mistral_chat_message_finalize (GObject *object)
{
  MistralChatMessage *self = MISTRAL_CHAT_MESSAGE (object);
  MistralChatMessagePrivate *priv = mistral_chat_message_get_instance_private (self);

  g_free (priv->content);
  g_free (priv->chunks_text);

  G_OBJECT_CLASS (mistral_chat_message_parent_class)->finalize (object);
}

static void
mistral_chat_message_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MistralChatMessage *self = MISTRAL_CHAT_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      g_value_set_enum (value, mistral_chat_message_get_role (self));
      break;
    case PROP_CONTENT:
      g_value_set_string (value, mistral_chat_message_get_content (self));
      break;
    case PROP_CHUNKS:
      g_value_set_object (value, mistral_chat_message_get_chunks (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_chat_message_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MistralChatMessage *self = MISTRAL_CHAT_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_CONTENT:
      mistral_chat_message_set_content (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_chat_message_class_init (MistralChatMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mistral_chat_message_dispose;
  object_class->finalize = mistral_chat_message_finalize;
  object_class->get_property = mistral_chat_message_get_property;
  object_class->set_property = mistral_chat_message_set_property;

  /**
   * MistralChatMessage:role: (getter get_role)
   *
   * The author of the message. It is fixed by the message's class.
   *
   * Since: 1.0
   */
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL,
                       MISTRAL_TYPE_ROLE,
                       MISTRAL_ROLE_USER,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MistralChatMessage:content: (getter get_content) (setter set_content)
   *
   * The text of the message.
   *
   * For a message whose content is a list of chunks, this is the text of
   * its `TEXT` chunks, concatenated (the reasoning of `THINKING` chunks and
   * other chunks are left out); it is then never %NULL. Setting it makes the
   * content a plain string again and removes all the chunks.
   *
   * Since: 1.0
   */
  properties[PROP_CONTENT] =
    g_param_spec_string ("content", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralChatMessage:chunks: (getter get_chunks)
   *
   * The content of the message as a list of [class@Mistral.ContentChunk],
   * or an empty list when the content is a plain string.
   *
   * The list is owned by the message, and stays the same object for the
   * message's lifetime: watch its [signal@Gio.ListModel::items-changed]
   * signal to follow changes.
   *
   * Since: 1.0
   */
  properties[PROP_CHUNKS] =
    g_param_spec_object ("chunks", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_chat_message_init (MistralChatMessage *self)
{
  MistralChatMessagePrivate *priv = mistral_chat_message_get_instance_private (self);

  priv->role = MISTRAL_ROLE_USER;
}

/* Most messages never have chunks (every delta of a stream is one): the
 * store is made when first needed. */
static GListStore *
ensure_chunks (MistralChatMessage *self)
{
  MistralChatMessagePrivate *priv = mistral_chat_message_get_instance_private (self);

  if (priv->chunks == NULL)
    {
      priv->chunks = g_list_store_new (MISTRAL_TYPE_CONTENT_CHUNK);
      g_signal_connect (priv->chunks, "items-changed",
                        G_CALLBACK (chunks_items_changed_cb), self);
    }
  return priv->chunks;
}

static guint
n_chunks (MistralChatMessagePrivate *priv)
{
  return priv->chunks != NULL ? g_list_model_get_n_items (G_LIST_MODEL (priv->chunks)) : 0;
}

/*
 * mistral_chat_message_take_content:
 * @self: a chat message that has no chunks
 * @content: (transfer full) (nullable): its text
 *
 * Sets the content of a message the library has just made, that nobody
 * watches yet: no copy, no notification.
 */
void
mistral_chat_message_take_content (MistralChatMessage *self,
                                   char               *content)
{
  MistralChatMessagePrivate *priv = mistral_chat_message_get_instance_private (self);

  g_assert (n_chunks (priv) == 0);
  g_free (priv->content);
  priv->content = content;
}

/*
 * mistral_chat_message_set_role:
 * @self: a chat message
 * @role: the role of the subclass
 *
 * Sets the role of @self. Only subclasses call it, from their instance
 * init function.
 */
void
mistral_chat_message_set_role (MistralChatMessage *self,
                               MistralRole         role)
{
  MistralChatMessagePrivate *priv;

  g_return_if_fail (MISTRAL_IS_CHAT_MESSAGE (self));

  priv = mistral_chat_message_get_instance_private (self);
  priv->role = role;
}

/*
 * mistral_chat_message_has_chunks:
 * @self: a chat message
 *
 * Returns: %TRUE if the content of @self is a list of chunks rather than a
 *   plain string
 */
gboolean
mistral_chat_message_has_chunks (MistralChatMessage *self)
{
  MistralChatMessagePrivate *priv;

  g_return_val_if_fail (MISTRAL_IS_CHAT_MESSAGE (self), FALSE);

  priv = mistral_chat_message_get_instance_private (self);

  return n_chunks (priv) > 0;
}

/**
 * mistral_chat_message_get_role: (get-property role)
 * @self: a chat message
 *
 * Gets the author of @self.
 *
 * Returns: the role
 *
 * Since: 1.0
 */
MistralRole
mistral_chat_message_get_role (MistralChatMessage *self)
{
  MistralChatMessagePrivate *priv;

  g_return_val_if_fail (MISTRAL_IS_CHAT_MESSAGE (self), MISTRAL_ROLE_USER);

  priv = mistral_chat_message_get_instance_private (self);

  return priv->role;
}

/**
 * mistral_chat_message_get_content: (get-property content)
 * @self: a chat message
 *
 * Gets the text of @self: its plain string content, or the concatenated
 * text of its `TEXT` chunks if its content is a list of chunks.
 *
 * Returns: (nullable): the text, %NULL only for a message without chunks
 *   whose content was never set
 *
 * Since: 1.0
 */
const char *
mistral_chat_message_get_content (MistralChatMessage *self)
{
  MistralChatMessagePrivate *priv;
  guint n_items;

  g_return_val_if_fail (MISTRAL_IS_CHAT_MESSAGE (self), NULL);

  priv = mistral_chat_message_get_instance_private (self);
  n_items = n_chunks (priv);

  if (n_items == 0)
    return priv->content;

  if (priv->chunks_text == NULL)
    {
      GString *str = g_string_new (NULL);

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr (MistralContentChunk) chunk = g_list_model_get_item (G_LIST_MODEL (priv->chunks), i);

          if (mistral_content_chunk_get_chunk_type (chunk) == MISTRAL_CONTENT_CHUNK_TYPE_TEXT)
            {
              const char *text = mistral_content_chunk_get_text (chunk);

              if (text != NULL)
                g_string_append (str, text);
            }
        }

      priv->chunks_text = g_string_free (str, FALSE);
    }

  return priv->chunks_text;
}

/**
 * mistral_chat_message_set_content: (set-property content)
 * @self: a chat message
 * @content: (nullable): the new text, or %NULL for no content
 *
 * Makes the content of @self a plain string. Any chunks are removed.
 *
 * Since: 1.0
 */
void
mistral_chat_message_set_content (MistralChatMessage *self,
                                  const char         *content)
{
  MistralChatMessagePrivate *priv;
  g_autofree char *old_text = NULL;
  guint n_items;

  g_return_if_fail (MISTRAL_IS_CHAT_MESSAGE (self));

  priv = mistral_chat_message_get_instance_private (self);
  old_text = g_strdup (mistral_chat_message_get_content (self));
  n_items = n_chunks (priv);

  if (content != priv->content)
    {
      g_free (priv->content);
      priv->content = g_strdup (content);
    }

  if (n_items > 0)
    g_list_store_remove_all (priv->chunks);

  if (g_strcmp0 (old_text, priv->content) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

/**
 * mistral_chat_message_get_chunks: (get-property chunks)
 * @self: a chat message
 *
 * Gets the content of @self as a list of [class@Mistral.ContentChunk]. It
 * is empty when the content is a plain string.
 *
 * Returns: (transfer none): the chunks
 *
 * Since: 1.0
 */
GListModel *
mistral_chat_message_get_chunks (MistralChatMessage *self)
{
  g_return_val_if_fail (MISTRAL_IS_CHAT_MESSAGE (self), NULL);

  return G_LIST_MODEL (ensure_chunks (self));
}

/**
 * mistral_chat_message_add_chunk:
 * @self: a chat message
 * @chunk: the chunk to append
 *
 * Appends @chunk to the content of @self.
 *
 * If the content of @self was a plain string, that string first becomes a
 * leading `TEXT` chunk, so that nothing is lost (an empty string is
 * dropped).
 *
 * Since: 1.0
 */
void
mistral_chat_message_add_chunk (MistralChatMessage  *self,
                                MistralContentChunk *chunk)
{
  MistralChatMessagePrivate *priv;
  g_autofree char *old_text = NULL;

  g_return_if_fail (MISTRAL_IS_CHAT_MESSAGE (self));
  g_return_if_fail (MISTRAL_IS_CONTENT_CHUNK (chunk));

  priv = mistral_chat_message_get_instance_private (self);
  old_text = g_strdup (mistral_chat_message_get_content (self));

  if (n_chunks (priv) == 0 && priv->content != NULL && *priv->content != '\0')
    {
      g_autoptr (MistralContentChunk) leading = mistral_content_chunk_new_text (priv->content);

      g_list_store_append (ensure_chunks (self), leading);
    }

  g_clear_pointer (&priv->content, g_free);
  g_list_store_append (ensure_chunks (self), chunk);

  if (g_strcmp0 (old_text, mistral_chat_message_get_content (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

/* JSON --------------------------------------------------------------------- */

static const char *
role_to_string (MistralRole role)
{
  switch (role)
    {
    case MISTRAL_ROLE_SYSTEM: return "system";
    case MISTRAL_ROLE_USER: return "user";
    case MISTRAL_ROLE_ASSISTANT: return "assistant";
    case MISTRAL_ROLE_TOOL: return "tool";
    default: g_assert_not_reached ();
    }
}

/* A message as the API takes it: its role, what its subclass adds, and its
 * content, which is a string, a list of chunks, or null (an assistant
 * message may leave it out altogether). */
void
mistral_chat_message_write_json (MistralChatMessage *self,
                                 JsonBuilder        *builder)
{
  MistralChatMessagePrivate *priv = mistral_chat_message_get_instance_private (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, role_to_string (priv->role));

  if (priv->role == MISTRAL_ROLE_TOOL)
    mistral_tool_message_write_members (MISTRAL_TOOL_MESSAGE (self), builder);

  if (n_chunks (priv) > 0)
    {
      json_builder_set_member_name (builder, "content");
      mistral_content_chunk_write_list (G_LIST_MODEL (priv->chunks), builder);
    }
  else if (priv->content != NULL)
    {
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, priv->content);
    }
  else if (priv->role != MISTRAL_ROLE_ASSISTANT)
    {
      json_builder_set_member_name (builder, "content");
      json_builder_add_null_value (builder);
    }

  if (priv->role == MISTRAL_ROLE_ASSISTANT)
    mistral_assistant_message_write_members (MISTRAL_ASSISTANT_MESSAGE (self), builder);

  json_builder_end_object (builder);
}

/*
 * mistral_chat_message_read_content:
 * @self: a new message, that nobody watches yet
 * @object: the message's JSON object
 * @path: its JSON path, for errors
 * @error: return location for a #GError
 *
 * Reads the `content` member of @object into @self: a string, a list of
 * chunks, or null or absent (no content).
 *
 * Returns: %FALSE with %MISTRAL_ERROR_INVALID_RESPONSE naming the path when
 *   the content is of another type or a chunk is invalid
 */
gboolean
mistral_chat_message_read_content (MistralChatMessage  *self,
                                   JsonObject          *object,
                                   const char          *path,
                                   GError             **error)
{
  JsonNode *content = json_object_get_member (object, "content");
  const char *text = NULL;

  if (content != NULL && JSON_NODE_HOLDS_ARRAY (content))
    {
      g_autofree char *sub = mistral_json_path_join (path, "content");
      g_autoptr(GListStore) chunks = mistral_content_chunk_list_new_from_json (json_node_get_array (content),
                                                                              sub, error);
      guint n;

      if (chunks == NULL)
        return FALSE;
      n = g_list_model_get_n_items (G_LIST_MODEL (chunks));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MistralContentChunk) chunk = g_list_model_get_item (G_LIST_MODEL (chunks), i);

          mistral_chat_message_add_chunk (self, chunk);
        }
      return TRUE;
    }

  if (!mistral_json_read_member (object, "content", path, MISTRAL_JSON_STRING, &text, error))
    return FALSE;
  if (text != NULL)
    mistral_chat_message_set_content (self, text);
  return TRUE;
}

/**
 * mistral_chat_message_to_json_node:
 * @self: a chat message
 *
 * Writes @self as the API takes it in the `messages` of a chat request:
 * its `role`, its `content` (a string or a list of chunks), and what its
 * class adds (`tool_calls` and `prefix` for an assistant message,
 * `tool_call_id` and `name` for a tool message).
 *
 * [func@Mistral.ChatMessage.from_json_node] reads it back, so an
 * application can keep messages across runs.
 *
 * Returns: (transfer full): a JSON object node
 *
 * Since: 1.0
 */
JsonNode *
mistral_chat_message_to_json_node (MistralChatMessage *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (MISTRAL_IS_CHAT_MESSAGE (self), NULL);

  builder = json_builder_new ();
  mistral_chat_message_write_json (self, builder);
  return json_builder_get_root (builder);
}

static MistralChatMessage *
message_for_role (const char *role)
{
  if (g_strcmp0 (role, "system") == 0)
    return g_object_new (MISTRAL_TYPE_SYSTEM_MESSAGE, NULL);
  if (g_strcmp0 (role, "user") == 0)
    return g_object_new (MISTRAL_TYPE_USER_MESSAGE, NULL);
  if (g_strcmp0 (role, "tool") == 0)
    return g_object_new (MISTRAL_TYPE_TOOL_MESSAGE, NULL);
  return NULL;
}

/**
 * mistral_chat_message_from_json_node:
 * @node: a JSON object, as [method@Mistral.ChatMessage.to_json_node] writes
 *   it (the API's shape of a message)
 * @error: return location for a #GError
 *
 * Reads a message of any role: a [class@Mistral.SystemMessage], a
 * [class@Mistral.UserMessage], a [class@Mistral.AssistantMessage] (with its
 * tool calls) or a [class@Mistral.ToolMessage], with its content as a
 * string or a list of chunks.
 *
 * Input that is not such a message (not an object, a missing or unknown
 * `role`, a member of the wrong type, an invalid chunk) fails with
 * %MISTRAL_ERROR_INVALID_RESPONSE, whose message names the JSON path of
 * the fault. Unknown members are ignored.
 *
 * Returns: (transfer full): the message, or %NULL with @error set
 *
 * Since: 1.0
 */
MistralChatMessage *
mistral_chat_message_from_json_node (JsonNode  *node,
                                         GError   **error)
{
  g_autoptr(MistralChatMessage) message = NULL;
  JsonObject *object;
  const char *role = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      mistral_json_wrong_type (node, "message", NULL, "an object", error);
      return NULL;
    }
  object = json_node_get_object (node);
  if (!mistral_json_read_member (object, "role", "", MISTRAL_JSON_STRING, &role, error))
    return NULL;
  if (role == NULL)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid response: role is missing: a message needs one");
      return NULL;
    }
  if (strcmp (role, "assistant") == 0)
    return MISTRAL_CHAT_MESSAGE (mistral_assistant_message_new_from_json_object (object, "", error));

  message = message_for_role (role);
  if (message == NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (role, -1);

      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: role is \"%s\", expected system, user, assistant or tool", shown);
      return NULL;
    }
  if (MISTRAL_IS_TOOL_MESSAGE (message))
    {
      const char *tool_call_id = NULL;
      const char *name = NULL;

      if (!mistral_json_read_member (object, "tool_call_id", "", MISTRAL_JSON_STRING, &tool_call_id, error) ||
          !mistral_json_read_member (object, "name", "", MISTRAL_JSON_STRING, &name, error))
        return NULL;
      mistral_tool_message_set_tool_call_id (MISTRAL_TOOL_MESSAGE (message), tool_call_id);
      mistral_tool_message_set_name (MISTRAL_TOOL_MESSAGE (message), name);
    }
  if (!mistral_chat_message_read_content (message, object, "", error))
    return NULL;
  return g_steal_pointer (&message);
}
