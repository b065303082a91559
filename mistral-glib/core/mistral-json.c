// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The one JSON layer of the library (see DESIGN.md, "how data flows").
 *
 * Writing: request objects become the exact body the API expects (snake
 * case, unset optional fields left out: the API rejects unknown keys).
 * json-glib 1.6 writes doubles with 17 significant digits (0.3 becomes
 * 0.29999999999999999): the same double, so the API reads the same value.
 *
 * Reading: API JSON becomes response objects. Unknown members are ignored,
 * missing optional ones are fine, and a member of the wrong type is a
 * MISTRAL_ERROR_INVALID_RESPONSE naming its path: server data is never
 * asserted on. */

#include <string.h>

#include "mistral-chat-completion-choice.h"
#include "mistral-chat-completion-request-private.h"
#include "mistral-chat-completion-response.h"
#include "mistral-chat-message-private.h"
#include "mistral-completion-chunk-private.h"
#include "mistral-completion-response-stream-choice.h"
#include "mistral-content-chunk.h"
#include "mistral-enum-types.h"
#include "mistral-error.h"
#include "mistral-json-private.h"
#include "mistral-system-message.h"
#include "mistral-tool-call.h"
#include "mistral-tool-message.h"
#include "mistral-user-message.h"

/* Writing ------------------------------------------------------------------ */

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

static const char *
tool_choice_to_string (MistralToolChoiceType type)
{
  switch (type)
    {
    case MISTRAL_TOOL_CHOICE_TYPE_AUTO: return "auto";
    case MISTRAL_TOOL_CHOICE_TYPE_NONE: return "none";
    case MISTRAL_TOOL_CHOICE_TYPE_ANY: return "any";
    case MISTRAL_TOOL_CHOICE_TYPE_REQUIRED: return "required";
    case MISTRAL_TOOL_CHOICE_TYPE_FUNCTION:
    default: g_assert_not_reached ();
    }
}

static void write_chunks (JsonBuilder *builder, GListModel *chunks);

static void
write_chunk (JsonBuilder         *builder,
             MistralContentChunk *chunk)
{
  MistralContentChunkType type = mistral_content_chunk_get_chunk_type (chunk);
  const char *raw = mistral_content_chunk_get_raw_json (chunk);

  if (type == MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN && raw != NULL)
    {
      /* Kept from a reply: send it back as it came. */
      JsonNode *node = json_from_string (raw, NULL);

      if (node != NULL)
        {
          json_builder_add_value (builder, node);
          return;
        }
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, mistral_content_chunk_get_type_name (chunk));

  switch (type)
    {
    case MISTRAL_CONTENT_CHUNK_TYPE_TEXT:
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, mistral_content_chunk_get_text (chunk));
      break;

    case MISTRAL_CONTENT_CHUNK_TYPE_IMAGE_URL:
      json_builder_set_member_name (builder, "image_url");
      if (mistral_content_chunk_get_detail (chunk) != NULL)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "url");
          json_builder_add_string_value (builder, mistral_content_chunk_get_url (chunk));
          json_builder_set_member_name (builder, "detail");
          json_builder_add_string_value (builder, mistral_content_chunk_get_detail (chunk));
          json_builder_end_object (builder);
        }
      else
        json_builder_add_string_value (builder, mistral_content_chunk_get_url (chunk));
      break;

    case MISTRAL_CONTENT_CHUNK_TYPE_DOCUMENT_URL:
      json_builder_set_member_name (builder, "document_url");
      json_builder_add_string_value (builder, mistral_content_chunk_get_url (chunk));
      if (mistral_content_chunk_get_name (chunk) != NULL)
        {
          json_builder_set_member_name (builder, "document_name");
          json_builder_add_string_value (builder, mistral_content_chunk_get_name (chunk));
        }
      break;

    case MISTRAL_CONTENT_CHUNK_TYPE_REFERENCE:
      {
        gsize n_ids = 0;
        const gint64 *ids = mistral_content_chunk_get_reference_ids (chunk, &n_ids);

        json_builder_set_member_name (builder, "reference_ids");
        json_builder_begin_array (builder);
        for (gsize i = 0; i < n_ids; i++)
          json_builder_add_int_value (builder, ids[i]);
        json_builder_end_array (builder);
      }
      break;

    case MISTRAL_CONTENT_CHUNK_TYPE_FILE:
      json_builder_set_member_name (builder, "file_id");
      json_builder_add_string_value (builder, mistral_content_chunk_get_file_id (chunk));
      break;

    case MISTRAL_CONTENT_CHUNK_TYPE_THINKING:
      json_builder_set_member_name (builder, "thinking");
      write_chunks (builder, mistral_content_chunk_get_thinking (chunk));
      if (mistral_content_chunk_get_signature (chunk) != NULL)
        {
          json_builder_set_member_name (builder, "signature");
          json_builder_add_string_value (builder, mistral_content_chunk_get_signature (chunk));
        }
      if (!mistral_content_chunk_get_closed (chunk))
        {
          json_builder_set_member_name (builder, "closed");
          json_builder_add_boolean_value (builder, FALSE);
        }
      break;

    case MISTRAL_CONTENT_CHUNK_TYPE_INPUT_AUDIO:
      json_builder_set_member_name (builder, "input_audio");
      json_builder_add_string_value (builder, mistral_content_chunk_get_url (chunk));
      break;

    case MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN:
    default:
      break;
    }

  json_builder_end_object (builder);
}

static void
write_chunks (JsonBuilder *builder,
              GListModel  *chunks)
{
  guint n = g_list_model_get_n_items (chunks);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralContentChunk) chunk = g_list_model_get_item (chunks, i);

      write_chunk (builder, chunk);
    }
  json_builder_end_array (builder);
}

/* Content is a string, a list of chunks, or null; an assistant message may
 * leave it out altogether. */
static void
write_content (JsonBuilder        *builder,
               MistralChatMessage *message)
{
  const char *content = mistral_chat_message_get_plain_content (message);

  if (mistral_chat_message_has_chunks (message))
    {
      json_builder_set_member_name (builder, "content");
      write_chunks (builder, mistral_chat_message_get_chunks (message));
    }
  else if (content != NULL)
    {
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, content);
    }
  else if (mistral_chat_message_get_role (message) != MISTRAL_ROLE_ASSISTANT)
    {
      json_builder_set_member_name (builder, "content");
      json_builder_add_null_value (builder);
    }
}

static void
write_tool_call (JsonBuilder     *builder,
                 MistralToolCall *call)
{
  const char *id = mistral_tool_call_get_id (call);
  const char *arguments = mistral_tool_call_get_arguments (call);

  json_builder_begin_object (builder);
  if (id != NULL)
    {
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
    }
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "function");
  json_builder_set_member_name (builder, "function");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, mistral_tool_call_get_function_name (call));
  json_builder_set_member_name (builder, "arguments");
  json_builder_add_string_value (builder, arguments != NULL ? arguments : "{}");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "index");
  json_builder_add_int_value (builder, mistral_tool_call_get_index (call));
  json_builder_end_object (builder);
}

static void
write_message (JsonBuilder        *builder,
               MistralChatMessage *message)
{
  MistralRole role = mistral_chat_message_get_role (message);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, role_to_string (role));

  if (role == MISTRAL_ROLE_TOOL)
    {
      MistralToolMessage *tool = MISTRAL_TOOL_MESSAGE (message);

      if (mistral_tool_message_get_tool_call_id (tool) != NULL)
        {
          json_builder_set_member_name (builder, "tool_call_id");
          json_builder_add_string_value (builder, mistral_tool_message_get_tool_call_id (tool));
        }
      if (mistral_tool_message_get_name (tool) != NULL)
        {
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, mistral_tool_message_get_name (tool));
        }
    }

  write_content (builder, message);

  if (role == MISTRAL_ROLE_ASSISTANT)
    {
      MistralAssistantMessage *assistant = MISTRAL_ASSISTANT_MESSAGE (message);
      GListModel *calls = mistral_assistant_message_get_tool_calls (assistant);
      guint n_calls = g_list_model_get_n_items (calls);

      if (n_calls > 0)
        {
          json_builder_set_member_name (builder, "tool_calls");
          json_builder_begin_array (builder);
          for (guint i = 0; i < n_calls; i++)
            {
              g_autoptr(MistralToolCall) call = g_list_model_get_item (calls, i);

              write_tool_call (builder, call);
            }
          json_builder_end_array (builder);
        }

      if (mistral_assistant_message_get_prefix (assistant))
        {
          json_builder_set_member_name (builder, "prefix");
          json_builder_add_boolean_value (builder, TRUE);
        }
    }

  json_builder_end_object (builder);
}

static JsonNode *
empty_object_schema (void)
{
  return json_from_string ("{\"type\":\"object\",\"properties\":{}}", NULL);
}

static void
write_tool (JsonBuilder *builder,
            MistralTool *tool)
{
  JsonNode *parameters = mistral_tool_get_parameters (tool);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "function");
  json_builder_set_member_name (builder, "function");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, mistral_tool_get_name (tool));
  if (mistral_tool_get_description (tool) != NULL)
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, mistral_tool_get_description (tool));
    }
  if (mistral_tool_get_strict (tool))
    {
      json_builder_set_member_name (builder, "strict");
      json_builder_add_boolean_value (builder, TRUE);
    }
  /* The API requires parameters even for a function without arguments. */
  json_builder_set_member_name (builder, "parameters");
  json_builder_add_value (builder, parameters != NULL ? json_node_copy (parameters) : empty_object_schema ());
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
write_response_format (JsonBuilder           *builder,
                       MistralResponseFormat *format)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");

  switch (mistral_response_format_get_format_type (format))
    {
    case MISTRAL_RESPONSE_FORMAT_TYPE_JSON_OBJECT:
      json_builder_add_string_value (builder, "json_object");
      break;

    case MISTRAL_RESPONSE_FORMAT_TYPE_JSON_SCHEMA:
      json_builder_add_string_value (builder, "json_schema");
      json_builder_set_member_name (builder, "json_schema");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, mistral_response_format_get_name (format));
      if (mistral_response_format_get_description (format) != NULL)
        {
          json_builder_set_member_name (builder, "description");
          json_builder_add_string_value (builder, mistral_response_format_get_description (format));
        }
      json_builder_set_member_name (builder, "schema");
      json_builder_add_value (builder, json_node_copy (mistral_response_format_get_schema (format)));
      json_builder_set_member_name (builder, "strict");
      json_builder_add_boolean_value (builder, mistral_response_format_get_strict (format));
      json_builder_end_object (builder);
      break;

    case MISTRAL_RESPONSE_FORMAT_TYPE_TEXT:
    default:
      json_builder_add_string_value (builder, "text");
      break;
    }

  json_builder_end_object (builder);
}

/* The optional fields, in the order they are written. */
static const struct {
  MistralRequestOption option;
  const char *name;
} optional_fields[] = {
  { MISTRAL_REQUEST_OPTION_TEMPERATURE, "temperature" },
  { MISTRAL_REQUEST_OPTION_TOP_P, "top_p" },
  { MISTRAL_REQUEST_OPTION_MAX_TOKENS, "max_tokens" },
  { MISTRAL_REQUEST_OPTION_RANDOM_SEED, "random_seed" },
  { MISTRAL_REQUEST_OPTION_N, "n" },
  { MISTRAL_REQUEST_OPTION_PRESENCE_PENALTY, "presence_penalty" },
  { MISTRAL_REQUEST_OPTION_FREQUENCY_PENALTY, "frequency_penalty" },
};

static void
write_optional_number (JsonBuilder                  *builder,
                       MistralChatCompletionRequest *request,
                       MistralRequestOption          option,
                       const char                   *name)
{
  if (!mistral_chat_completion_request_is_set (request, option))
    return;

  json_builder_set_member_name (builder, name);
  switch (option)
    {
    case MISTRAL_REQUEST_OPTION_TEMPERATURE:
      json_builder_add_double_value (builder, mistral_chat_completion_request_get_temperature (request));
      break;
    case MISTRAL_REQUEST_OPTION_TOP_P:
      json_builder_add_double_value (builder, mistral_chat_completion_request_get_top_p (request));
      break;
    case MISTRAL_REQUEST_OPTION_PRESENCE_PENALTY:
      json_builder_add_double_value (builder, mistral_chat_completion_request_get_presence_penalty (request));
      break;
    case MISTRAL_REQUEST_OPTION_FREQUENCY_PENALTY:
      json_builder_add_double_value (builder, mistral_chat_completion_request_get_frequency_penalty (request));
      break;
    case MISTRAL_REQUEST_OPTION_MAX_TOKENS:
      json_builder_add_int_value (builder, mistral_chat_completion_request_get_max_tokens (request));
      break;
    case MISTRAL_REQUEST_OPTION_N:
      json_builder_add_int_value (builder, mistral_chat_completion_request_get_n (request));
      break;
    case MISTRAL_REQUEST_OPTION_RANDOM_SEED:
      json_builder_add_int_value (builder, mistral_chat_completion_request_get_random_seed (request));
      break;
    default:
      g_assert_not_reached ();
    }
}

JsonNode *
mistral_json_write_chat_request (MistralChatCompletionRequest  *request,
                                 gboolean                       stream,
                                 GError                       **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  GListModel *messages, *tools;
  const char * const *stop;
  guint n;

  if (!mistral_chat_completion_request_validate (request, error))
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, mistral_chat_completion_request_get_model (request));

  messages = mistral_chat_completion_request_get_messages (request);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  n = g_list_model_get_n_items (messages);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralChatMessage) message = g_list_model_get_item (messages, i);

      write_message (builder, message);
    }
  json_builder_end_array (builder);

  for (gsize i = 0; i < G_N_ELEMENTS (optional_fields); i++)
    write_optional_number (builder, request, optional_fields[i].option, optional_fields[i].name);

  stop = mistral_chat_completion_request_get_stop (request);
  if (stop != NULL)
    {
      json_builder_set_member_name (builder, "stop");
      json_builder_begin_array (builder);
      for (gsize i = 0; stop[i] != NULL; i++)
        json_builder_add_string_value (builder, stop[i]);
      json_builder_end_array (builder);
    }

  if (stream)
    {
      json_builder_set_member_name (builder, "stream");
      json_builder_add_boolean_value (builder, TRUE);
    }

  if (mistral_chat_completion_request_get_prompt_mode (request) != NULL)
    {
      json_builder_set_member_name (builder, "prompt_mode");
      json_builder_add_string_value (builder, mistral_chat_completion_request_get_prompt_mode (request));
    }

  if (mistral_chat_completion_request_get_response_format (request) != NULL)
    {
      json_builder_set_member_name (builder, "response_format");
      write_response_format (builder, mistral_chat_completion_request_get_response_format (request));
    }

  tools = mistral_chat_completion_request_get_tools (request);
  n = g_list_model_get_n_items (tools);
  if (n > 0)
    {
      json_builder_set_member_name (builder, "tools");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MistralTool) tool = g_list_model_get_item (tools, i);

          write_tool (builder, tool);
        }
      json_builder_end_array (builder);
    }

  if (mistral_chat_completion_request_is_set (request, MISTRAL_REQUEST_OPTION_TOOL_CHOICE))
    {
      MistralToolChoiceType choice = mistral_chat_completion_request_get_tool_choice (request);

      json_builder_set_member_name (builder, "tool_choice");
      if (choice == MISTRAL_TOOL_CHOICE_TYPE_FUNCTION)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, "function");
          json_builder_set_member_name (builder, "function");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, mistral_chat_completion_request_get_tool_choice_function (request));
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
      else
        json_builder_add_string_value (builder, tool_choice_to_string (choice));
    }

  if (mistral_chat_completion_request_is_set (request, MISTRAL_REQUEST_OPTION_PARALLEL_TOOL_CALLS))
    {
      json_builder_set_member_name (builder, "parallel_tool_calls");
      json_builder_add_boolean_value (builder, mistral_chat_completion_request_get_parallel_tool_calls (request));
    }

  if (mistral_chat_completion_request_is_set (request, MISTRAL_REQUEST_OPTION_SAFE_PROMPT))
    {
      json_builder_set_member_name (builder, "safe_prompt");
      json_builder_add_boolean_value (builder, mistral_chat_completion_request_get_safe_prompt (request));
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The body as it is sent. json-glib writes the caller's strings byte for
 * byte, so text that is not UTF-8 (a Latin-1 file read as is, say) would
 * make a body that is not JSON: it is refused here, in one check of the
 * whole, rather than string by string. */
char *
mistral_json_write_chat_request_text (MistralChatCompletionRequest  *request,
                                      gboolean                       stream,
                                      GError                       **error)
{
  g_autoptr(JsonNode) node = mistral_json_write_chat_request (request, stream, error);
  g_autofree char *text = NULL;

  if (node == NULL)
    return NULL;

  text = json_to_string (node, FALSE);
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                           "The request holds text that is not valid UTF-8");
      return NULL;
    }

  return g_steal_pointer (&text);
}

GBytes *
mistral_json_write_chat_request_bytes (MistralChatCompletionRequest  *request,
                                       gboolean                       stream,
                                       GError                       **error)
{
  char *data = mistral_json_write_chat_request_text (request, stream, error);

  if (data == NULL)
    return NULL;

  return g_bytes_new_take (data, strlen (data));
}

/* Reading ------------------------------------------------------------------ */

static const char *
json_type_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "a list";
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: return "a string";
    case G_TYPE_BOOLEAN: return "a boolean";
    default: return "a number";
    }
}

static gboolean
wrong_type (JsonNode    *node,
            const char  *path,
            const char  *member,
            const char  *expected,
            GError     **error)
{
  g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
               "Invalid response: %s%s%s is %s, expected %s",
               path, *path && member ? "." : "", member ? member : "",
               json_type_name (node), expected);
  return FALSE;
}

/* Each reader accepts a missing member and null (leaving *out alone), the
 * right type, and fails with a clear error on anything else. */
static gboolean
read_string (JsonObject  *object,
             const char  *member,
             const char  *path,
             const char **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (node, path, member, "a string", error);

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_int (JsonObject  *object,
          const char  *member,
          const char  *path,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_type (node, path, member, "an integer", error);

  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_uint (JsonObject  *object,
           const char  *member,
           const char  *path,
           guint       *out,
           GError     **error)
{
  gint64 v = *out;

  if (!read_int (object, member, path, &v, error))
    return FALSE;
  if (v < 0 || v > G_MAXUINT)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: %s.%s is %" G_GINT64_FORMAT ", out of range",
                   path, member, v);
      return FALSE;
    }

  *out = (guint) v;
  return TRUE;
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *member,
              const char  *path,
              gboolean    *out,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (node, path, member, "a boolean", error);

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_object (JsonObject  *object,
             const char  *member,
             const char  *path,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (node, path, member, "an object", error);

  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_array (JsonObject  *object,
            const char  *member,
            const char  *path,
            JsonArray  **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (node, path, member, "a list", error);

  *out = json_node_get_array (node);
  return TRUE;
}

/* json-glib's parser, the trees it builds and our readers all recurse
 * once per level of nesting: about 100 bytes of stack per level in
 * json-glib 1.6, so a reply nested 10,000 deep overflows the stack of a
 * small thread, and 100,000 deep that of the main thread. No API reply
 * comes near this depth (a reply with thinking chunks nests about 10
 * deep), so deeper text is refused before any parser sees it. */
#define MAX_JSON_DEPTH 512

/* The index of the quote that ends the string whose opening quote is at
 * @i, or @length if it does not end. */
static gsize
skip_string (const char *data,
             gsize       length,
             gsize       i)
{
  for (i++; i < length && data[i] != '"'; i++)
    {
      if (data[i] == '\\')
        i++;
    }
  return MIN (i, length);
}

/* Whether the nesting of objects and arrays in @data stays within
 * MAX_JSON_DEPTH. Brackets inside strings do not count; the text need not
 * be valid JSON, json-glib judges that. */
static gboolean
json_depth_ok (const char *data,
               gsize       length)
{
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        i = skip_string (data, length, i);
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

/* json-glib 1.6 reads on after the first value: it takes "{}{}" or
 * "[1][2]", keeping the first value and leaking the rest, leaks "1[]" on
 * its way to an error, and even takes "var x = {};". A body is one JSON
 * value: TRUE when only whitespace follows the first value (an object,
 * array, string or bare token). Whether that value is valid JSON is left
 * to json-glib. */
static gboolean
json_single_value (const char *data,
                   gsize       length)
{
  guint depth = 0;
  gsize i = 0;

  /* json-glib skips a byte-order mark, as RFC 8259 lets parsers do. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i == length)
    return TRUE;

  /* Leaves @i on the last byte of the value. */
  if (data[i] == '{' || data[i] == '[')
    {
      for (; i < length; i++)
        {
          char c = data[i];

          if (c == '"')
            i = skip_string (data, length, i);
          else if (c == '{' || c == '[')
            depth++;
          else if ((c == '}' || c == ']') && --depth == 0)
            break;
        }
    }
  else if (data[i] == '"')
    i = skip_string (data, length, i);
  else if (data[i] == '-' || g_ascii_isalnum (data[i]))
    {
      while (i + 1 < length
             && (g_ascii_isalnum (data[i + 1]) || data[i + 1] == '+' || data[i + 1] == '-' || data[i + 1] == '.'))
        i++;
    }
  else
    {
      return FALSE;
    }

  for (i++; i < length; i++)
    {
      if (!g_ascii_isspace (data[i]))
        return FALSE;
    }

  return TRUE;
}

/* json-glib 1.6 turns an unpaired UTF-16 surrogate escape ("\ud800"), a
 * "\u" without four hex digits ("\ud8z0") or an escape JSON does not
 * have (GScanner's octal "\666") into bytes that are not UTF-8, in the
 * value or quoted in its error message, which no binding can convert.
 * Strict parsers refuse such text: so do we. Escapes only occur inside
 * strings, and "\\" is skipped whole. */
static gboolean
json_escapes_ok (const char *data,
                 gsize       length)
{
  const char *p = data;
  const char *end = data + length;
  gboolean want_low = FALSE;

  while (p < end && (p = memchr (p, '\\', end - p)) != NULL)
    {
      guint unit = 0;
      gboolean is_unit = end - p >= 6 && p[1] == 'u';

      for (guint k = 2; is_unit && k < 6; k++)
        {
          is_unit = g_ascii_isxdigit (p[k]);
          unit = unit * 16 + (is_unit ? g_ascii_xdigit_value (p[k]) : 0);
        }

      if (!is_unit)
        {
          if (want_low || end - p < 2 || p[1] == '\0' || strchr ("\"\\/bfnrt", p[1]) == NULL)
            return FALSE;
          p += 2;
          continue;
        }
      p += 6;

      if (want_low)
        {
          if (unit < 0xDC00 || unit > 0xDFFF)
            return FALSE;
          want_low = FALSE;
        }
      else if (unit >= 0xDC00 && unit <= 0xDFFF)
        {
          return FALSE;
        }
      else if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          /* The low half must come next, as an escape of its own. */
          if (end - p < 2 || p[0] != '\\' || p[1] != 'u')
            return FALSE;
          want_low = TRUE;
        }
    }

  return !want_low;
}

JsonNode *
mistral_json_parse (const char  *data,
                    gssize       length,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  if (length < 0)
    length = strlen (data);

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid response: the body is not valid UTF-8");
      return NULL;
    }

  if (!json_depth_ok (data, length))
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: JSON nested deeper than %u levels", MAX_JSON_DEPTH);
      return NULL;
    }

  if (!json_single_value (data, length))
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid response: not JSON (not one value)");
      return NULL;
    }

  if (!json_escapes_ok (data, length))
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid response: not JSON (an unpaired surrogate escape)");
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* json-glib quotes the offending bytes, which may be half a character. */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: not JSON (%s)", reason);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid response: the body is empty");
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/* Caller-given JSON text that must be an object (a schema, tool arguments);
 * @what names it in the error, which has the domain code @code. */
JsonNode *
mistral_json_parse_object (const char    *text,
                           const char    *what,
                           MistralError   code,
                           GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_depth_ok (text, strlen (text)))
    {
      g_set_error (error, MISTRAL_ERROR, code, "%s: JSON nested deeper than %u levels", what, MAX_JSON_DEPTH);
      return NULL;
    }

  if (!json_single_value (text, strlen (text)))
    {
      g_set_error (error, MISTRAL_ERROR, code, "%s: not valid JSON: not one value", what);
      return NULL;
    }

  if (!json_escapes_ok (text, strlen (text)))
    {
      g_set_error (error, MISTRAL_ERROR, code, "%s: not valid JSON: an unpaired surrogate escape", what);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, MISTRAL_ERROR, code, "%s: not valid JSON: %s", what, reason);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, MISTRAL_ERROR, code, "%s: not a JSON object", what);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

static MistralContentChunkType
chunk_type_from_string (const char *name)
{
  static const struct { const char *name; MistralContentChunkType type; } types[] = {
    { "text", MISTRAL_CONTENT_CHUNK_TYPE_TEXT },
    { "image_url", MISTRAL_CONTENT_CHUNK_TYPE_IMAGE_URL },
    { "document_url", MISTRAL_CONTENT_CHUNK_TYPE_DOCUMENT_URL },
    { "reference", MISTRAL_CONTENT_CHUNK_TYPE_REFERENCE },
    { "file", MISTRAL_CONTENT_CHUNK_TYPE_FILE },
    { "thinking", MISTRAL_CONTENT_CHUNK_TYPE_THINKING },
    { "input_audio", MISTRAL_CONTENT_CHUNK_TYPE_INPUT_AUDIO },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (name, types[i].name) == 0)
      return types[i].type;

  return MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN;
}

static GListStore *read_chunks (JsonArray *array, const char *path, GError **error);

static MistralContentChunk *
read_chunk (JsonNode    *node,
            const char  *path,
            GError     **error)
{
  JsonObject *object;
  const char *type_name = NULL, *text = NULL, *url = NULL, *detail = NULL, *name = NULL, *signature = NULL;
  gboolean closed = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (node, path, NULL, "an object", error), NULL;

  object = json_node_get_object (node);
  if (!read_string (object, "type", path, &type_name, error))
    return NULL;
  if (type_name == NULL)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: %s has no type", path);
      return NULL;
    }

  switch (chunk_type_from_string (type_name))
    {
    case MISTRAL_CONTENT_CHUNK_TYPE_TEXT:
      if (!read_string (object, "text", path, &text, error))
        return NULL;
      return mistral_content_chunk_new_text (text != NULL ? text : "");

    case MISTRAL_CONTENT_CHUNK_TYPE_IMAGE_URL:
      {
        JsonNode *image = json_object_get_member (object, "image_url");

        if (image != NULL && JSON_NODE_HOLDS_OBJECT (image))
          {
            g_autofree char *sub = g_strconcat (path, ".image_url", NULL);

            if (!read_string (json_node_get_object (image), "url", sub, &url, error) ||
                !read_string (json_node_get_object (image), "detail", sub, &detail, error))
              return NULL;
          }
        else if (!read_string (object, "image_url", path, &url, error))
          return NULL;
        return mistral_content_chunk_new_image_url (url != NULL ? url : "", detail);
      }

    case MISTRAL_CONTENT_CHUNK_TYPE_DOCUMENT_URL:
      if (!read_string (object, "document_url", path, &url, error) ||
          !read_string (object, "document_name", path, &name, error))
        return NULL;
      return mistral_content_chunk_new_document_url (url != NULL ? url : "", name);

    case MISTRAL_CONTENT_CHUNK_TYPE_FILE:
      if (!read_string (object, "file_id", path, &text, error))
        return NULL;
      return mistral_content_chunk_new_file (text != NULL ? text : "");

    case MISTRAL_CONTENT_CHUNK_TYPE_INPUT_AUDIO:
      if (!read_string (object, "input_audio", path, &url, error))
        return NULL;
      return mistral_content_chunk_new_input_audio (url != NULL ? url : "");

    case MISTRAL_CONTENT_CHUNK_TYPE_REFERENCE:
      {
        JsonArray *ids = NULL;
        g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));

        if (!read_array (object, "reference_ids", path, &ids, error))
          return NULL;
        for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
          {
            JsonNode *id = json_array_get_element (ids, i);
            gint64 v;

            /* The API also allows string ids; those chunks are kept raw. */
            if (!JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64)
              goto unknown;
            v = json_node_get_int (id);
            g_array_append_val (values, v);
          }
        return mistral_content_chunk_new_reference ((gint64 *) values->data, values->len);
      }

    case MISTRAL_CONTENT_CHUNK_TYPE_THINKING:
      {
        JsonArray *thinking = NULL;
        g_autoptr(GListStore) store = NULL;
        g_autofree char *sub = g_strconcat (path, ".thinking", NULL);

        if (!read_array (object, "thinking", path, &thinking, error) ||
            !read_string (object, "signature", path, &signature, error) ||
            !read_boolean (object, "closed", path, &closed, error))
          return NULL;
        if (thinking != NULL)
          store = read_chunks (thinking, sub, error);
        else
          store = g_list_store_new (MISTRAL_TYPE_CONTENT_CHUNK);
        if (store == NULL)
          return NULL;

        return g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                             "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_THINKING,
                             "thinking", store,
                             "closed", closed,
                             "signature", signature,
                             NULL);
      }

    case MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN:
    default:
      goto unknown;
    }

unknown:
  {
    /* Kept whole, never an error: a new chunk type breaks no application. */
    g_autofree char *raw = json_to_string (node, FALSE);

    return g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                         "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN,
                         "type-name", type_name,
                         "raw-json", raw,
                         NULL);
  }
}

static GListStore *
read_chunks (JsonArray   *array,
             const char  *path,
             GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (MISTRAL_TYPE_CONTENT_CHUNK);
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);
      g_autoptr(MistralContentChunk) chunk = read_chunk (json_array_get_element (array, i), sub, error);

      if (chunk == NULL)
        return NULL;
      g_list_store_append (store, chunk);
    }

  return g_steal_pointer (&store);
}

static MistralToolCall *
read_tool_call (JsonNode    *node,
                const char  *path,
                guint        position,
                GError     **error)
{
  JsonObject *object, *function = NULL;
  const char *id = NULL, *name = NULL, *arguments = NULL;
  g_autofree char *arguments_text = NULL;
  g_autofree char *function_path = NULL;
  JsonNode *arguments_node;
  gint64 index = position;
  MistralToolCall *call;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (node, path, NULL, "an object", error), NULL;

  object = json_node_get_object (node);
  if (!read_string (object, "id", path, &id, error) ||
      !read_int (object, "index", path, &index, error) ||
      !read_object (object, "function", path, &function, error))
    return NULL;

  if (index < 0 || index > G_MAXUINT)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: %s.index is out of range", path);
      return NULL;
    }

  if (function != NULL)
    {
      function_path = g_strconcat (path, ".function", NULL);
      if (!read_string (function, "name", function_path, &name, error))
        return NULL;

      /* arguments is a JSON-encoded string, or (allowed by the spec) an object. */
      arguments_node = json_object_get_member (function, "arguments");
      if (arguments_node != NULL && JSON_NODE_HOLDS_OBJECT (arguments_node))
        arguments = arguments_text = json_to_string (arguments_node, FALSE);
      else if (!read_string (function, "arguments", function_path, &arguments, error))
        return NULL;
    }

  call = mistral_tool_call_new (id, name != NULL ? name : "", arguments);
  mistral_tool_call_set_index (call, (guint) index);
  return call;
}

MistralAssistantMessage *
mistral_json_read_assistant_message (JsonObject  *object,
                                     const char  *path,
                                     GError     **error)
{
  g_autoptr(MistralAssistantMessage) message = NULL;
  JsonNode *content;
  JsonArray *tool_calls = NULL;
  gboolean prefix = FALSE;
  const char *role = NULL;

  /* Any role is accepted: the reply is the assistant's whatever it says. */
  if (!read_string (object, "role", path, &role, error) ||
      !read_array (object, "tool_calls", path, &tool_calls, error) ||
      !read_boolean (object, "prefix", path, &prefix, error))
    return NULL;

  message = mistral_assistant_message_new (NULL);

  content = json_object_get_member (object, "content");
  if (content != NULL && JSON_NODE_HOLDS_ARRAY (content))
    {
      g_autofree char *sub = g_strconcat (path, ".content", NULL);
      g_autoptr(GListStore) chunks = read_chunks (json_node_get_array (content), sub, error);
      guint n;

      if (chunks == NULL)
        return NULL;
      n = g_list_model_get_n_items (G_LIST_MODEL (chunks));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MistralContentChunk) chunk = g_list_model_get_item (G_LIST_MODEL (chunks), i);

          mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (message), chunk);
        }
    }
  else
    {
      const char *text = NULL;

      if (!read_string (object, "content", path, &text, error))
        return NULL;
      if (text != NULL)
        mistral_chat_message_set_content (MISTRAL_CHAT_MESSAGE (message), text);
    }

  for (guint i = 0; tool_calls != NULL && i < json_array_get_length (tool_calls); i++)
    {
      g_autofree char *sub = g_strdup_printf ("%s.tool_calls[%u]", path, i);
      g_autoptr(MistralToolCall) call = read_tool_call (json_array_get_element (tool_calls, i), sub, i, error);

      if (call == NULL)
        return NULL;
      mistral_assistant_message_add_tool_call (message, call);
    }

  mistral_assistant_message_set_prefix (message, prefix);

  return g_steal_pointer (&message);
}

MistralUsageInfo *
mistral_json_read_usage (JsonNode    *node,
                         const char  *path,
                         GError     **error)
{
  JsonObject *object;
  guint prompt = 0, completion = 0, total = 0, audio = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (node, path, NULL, "an object", error), NULL;

  object = json_node_get_object (node);
  if (!read_uint (object, "prompt_tokens", path, &prompt, error) ||
      !read_uint (object, "completion_tokens", path, &completion, error) ||
      !read_uint (object, "total_tokens", path, &total, error) ||
      !read_uint (object, "prompt_audio_seconds", path, &audio, error))
    return NULL;

  return g_object_new (MISTRAL_TYPE_USAGE_INFO,
                       "prompt-tokens", prompt,
                       "completion-tokens", completion,
                       "total-tokens", total,
                       "prompt-audio-seconds", audio,
                       NULL);
}

static const struct {
  const char *name;
  MistralFinishReason reason;
} finish_reasons[] = {
  { "stop", MISTRAL_FINISH_REASON_STOP },
  { "length", MISTRAL_FINISH_REASON_LENGTH },
  { "model_length", MISTRAL_FINISH_REASON_MODEL_LENGTH },
  { "error", MISTRAL_FINISH_REASON_ERROR },
  { "tool_calls", MISTRAL_FINISH_REASON_TOOL_CALLS },
};

MistralFinishReason
mistral_json_finish_reason_from_string (const char *name)
{
  if (name == NULL)
    return MISTRAL_FINISH_REASON_NONE;

  for (gsize i = 0; i < G_N_ELEMENTS (finish_reasons); i++)
    if (strcmp (name, finish_reasons[i].name) == 0)
      return finish_reasons[i].reason;

  return MISTRAL_FINISH_REASON_UNKNOWN;
}

/* For objects built from properties, where only one of the enum and the
 * raw name may have been given: fills in the other. */
void
mistral_json_finish_reason_normalize (MistralFinishReason  *reason,
                                      char                **name)
{
  if (*name == NULL)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (finish_reasons); i++)
        if (finish_reasons[i].reason == *reason)
          *name = g_strdup (finish_reasons[i].name);
    }
  else if (*reason == MISTRAL_FINISH_REASON_NONE)
    *reason = mistral_json_finish_reason_from_string (*name);
}

/* What a reply's choice and a stream chunk's choice share: the index, the
 * finish reason and a message, under @message_member ("message" or "delta"). */
static gboolean
read_choice_parts (JsonNode                 *node,
                   const char               *path,
                   guint                     position,
                   const char               *message_member,
                   guint                    *index_out,
                   const char              **finish_reason,
                   MistralAssistantMessage **message,
                   GError                  **error)
{
  JsonObject *object, *message_object = NULL;
  gint64 index = position;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (node, path, NULL, "an object", error);

  object = json_node_get_object (node);
  if (!read_int (object, "index", path, &index, error) ||
      !read_string (object, "finish_reason", path, finish_reason, error) ||
      !read_object (object, message_member, path, &message_object, error))
    return FALSE;

  if (index < 0 || index > G_MAXUINT)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: %s.index is out of range", path);
      return FALSE;
    }
  *index_out = (guint) index;

  if (message_object != NULL)
    {
      g_autofree char *sub = g_strconcat (path, ".", message_member, NULL);

      *message = mistral_json_read_assistant_message (message_object, sub, error);
      return *message != NULL;
    }

  *message = mistral_assistant_message_new (NULL);
  return TRUE;
}

static MistralChatCompletionChoice *
read_choice (JsonNode    *node,
             const char  *path,
             guint        position,
             GError     **error)
{
  g_autoptr(MistralAssistantMessage) message = NULL;
  const char *finish_reason = NULL;
  guint index;

  if (!read_choice_parts (node, path, position, "message", &index, &finish_reason, &message, error))
    return NULL;

  return g_object_new (MISTRAL_TYPE_CHAT_COMPLETION_CHOICE,
                       "index", index,
                       "finish-reason", mistral_json_finish_reason_from_string (finish_reason),
                       "finish-reason-name", finish_reason,
                       "message", message,
                       NULL);
}

/* The members a reply and a stream chunk share; only their choices differ. */
typedef struct {
  const char *id;
  const char *object;
  const char *model;
  GDateTime *created;
  GListStore *choices;
  MistralUsageInfo *usage;
} Envelope;

typedef gpointer (*ChoiceReader) (JsonNode    *node,
                                  const char  *path,
                                  guint        position,
                                  GError     **error);

static void
envelope_clear (Envelope *envelope)
{
  g_clear_pointer (&envelope->created, g_date_time_unref);
  g_clear_object (&envelope->choices);
  g_clear_object (&envelope->usage);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Envelope, envelope_clear)

static gboolean
read_envelope (JsonObject    *object,
               const char    *what,
               GType          choice_type,
               ChoiceReader   read_one_choice,
               Envelope      *envelope,
               GError       **error)
{
  JsonArray *choices = NULL;
  JsonNode *usage_node;
  gint64 created = -1;

  if (!read_string (object, "id", what, &envelope->id, error) ||
      !read_string (object, "object", what, &envelope->object, error) ||
      !read_string (object, "model", what, &envelope->model, error) ||
      !read_int (object, "created", what, &created, error) ||
      !read_array (object, "choices", what, &choices, error))
    return FALSE;

  envelope->choices = g_list_store_new (choice_type);
  for (guint i = 0; choices != NULL && i < json_array_get_length (choices); i++)
    {
      g_autofree char *sub = g_strdup_printf ("choices[%u]", i);
      g_autoptr(GObject) choice = read_one_choice (json_array_get_element (choices, i), sub, i, error);

      if (choice == NULL)
        return FALSE;
      g_list_store_append (envelope->choices, choice);
    }

  usage_node = json_object_get_member (object, "usage");
  if (usage_node != NULL && !JSON_NODE_HOLDS_NULL (usage_node))
    {
      envelope->usage = mistral_json_read_usage (usage_node, "usage", error);
      if (envelope->usage == NULL)
        return FALSE;
    }

  if (created >= 0)
    envelope->created = g_date_time_new_from_unix_utc (created);

  return TRUE;
}

MistralChatCompletionResponse *
mistral_json_read_chat_response (JsonNode  *node,
                                 GError   **error)
{
  g_auto(Envelope) envelope = { NULL, };

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (node, "the response", NULL, "an object", error), NULL;

  if (!read_envelope (json_node_get_object (node), "response", MISTRAL_TYPE_CHAT_COMPLETION_CHOICE,
                      (ChoiceReader) read_choice, &envelope, error))
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

static MistralCompletionResponseStreamChoice *
read_stream_choice (JsonNode    *node,
                    const char  *path,
                    guint        position,
                    GError     **error)
{
  g_autoptr(MistralAssistantMessage) delta = NULL;
  const char *finish_reason = NULL;
  guint index;

  if (!read_choice_parts (node, path, position, "delta", &index, &finish_reason, &delta, error))
    return NULL;

  return g_object_new (MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE,
                       "index", index,
                       "finish-reason", mistral_json_finish_reason_from_string (finish_reason),
                       "finish-reason-name", finish_reason,
                       "delta", delta,
                       NULL);
}

static char *message_from_node (JsonNode *node, int depth);

/* One event of a stream. An error object sent inside the stream (no
 * choices, but a message) ends it with the API's message. */
MistralCompletionChunk *
mistral_json_read_completion_chunk (JsonNode    *node,
                                    GTimeSpan    chunk_latency,
                                    GTimeSpan    total_latency,
                                    GError     **error)
{
  g_auto(Envelope) envelope = { NULL, };
  MistralChunkData data;
  JsonObject *object;
  guint n;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (node, "the stream event", NULL, "an object", error), NULL;

  object = json_node_get_object (node);
  if (!json_object_has_member (object, "choices") &&
      (json_object_has_member (object, "message") || json_object_has_member (object, "error") ||
       json_object_has_member (object, "detail")))
    {
      JsonNode *inner = json_object_get_member (object, "error");
      g_autofree char *message = message_from_node (inner != NULL && JSON_NODE_HOLDS_OBJECT (inner) ? inner : node, 0);

      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_SERVER, "The stream failed: %s",
                   message != NULL ? message : "unknown error");
      return NULL;
    }

  if (!read_envelope (object, "chunk", MISTRAL_TYPE_COMPLETION_RESPONSE_STREAM_CHOICE,
                      (ChoiceReader) read_stream_choice, &envelope, error))
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

  return mistral_completion_chunk_new_take (&data, chunk_latency, total_latency);
}

/* The text of one stream event to its chunk, through json-glib: what the
 * chunk decoder does with every event it has no fast path for. */
MistralCompletionChunk *
mistral_json_read_completion_chunk_text (const char  *text,
                                         gsize        length,
                                         GTimeSpan    chunk_latency,
                                         GTimeSpan    total_latency,
                                         GError     **error)
{
  g_autoptr(JsonNode) node = mistral_json_parse (text, length, error);

  if (node == NULL)
    return NULL;
  return mistral_json_read_completion_chunk (node, chunk_latency, total_latency, error);
}

/* Error bodies ------------------------------------------------------------- */

/* A FastAPI validation list: each `msg` with its `loc` joined by ".", e.g.
 * "Extra inputs are not permitted (body.stream_options)". */
static char *
detail_list_message (JsonArray *detail)
{
  g_autoptr(GString) message = g_string_new (NULL);
  guint n = json_array_get_length (detail);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (detail, i);
      JsonObject *object;
      const char *msg = NULL;
      JsonArray *loc = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      object = json_node_get_object (item);
      if (!read_string (object, "msg", "", &msg, NULL) || msg == NULL)
        continue;
      read_array (object, "loc", "", &loc, NULL);

      if (message->len > 0)
        g_string_append (message, "; ");
      g_string_append (message, msg);

      if (loc != NULL && json_array_get_length (loc) > 0)
        {
          g_string_append (message, " (");
          for (guint j = 0; j < json_array_get_length (loc); j++)
            {
              JsonNode *part = json_array_get_element (loc, j);

              if (j > 0)
                g_string_append_c (message, '.');
              if (JSON_NODE_HOLDS_VALUE (part) && json_node_get_value_type (part) == G_TYPE_STRING)
                g_string_append (message, json_node_get_string (part));
              else if (JSON_NODE_HOLDS_VALUE (part) && json_node_get_value_type (part) == G_TYPE_INT64)
                g_string_append_printf (message, "%" G_GINT64_FORMAT, json_node_get_int (part));
            }
          g_string_append_c (message, ')');
        }
    }

  if (message->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&message), FALSE);
}

static char *
message_from_node (JsonNode *node,
                   int       depth)
{
  JsonNode *member;
  JsonObject *object;

  if (node == NULL || depth > 4)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    return detail_list_message (json_node_get_array (node));

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      g_autoptr(JsonNode) inner = NULL;
      char *from_inner = NULL;

      /* In 2024 the API sent the validation body as a JSON-encoded string. */
      if (text[0] == '{' && (inner = mistral_json_parse (text, -1, NULL)) != NULL)
        from_inner = message_from_node (inner, depth + 1);
      return from_inner != NULL ? from_inner : g_strdup (text);
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  member = json_object_get_member (object, "message");
  if (member != NULL)
    {
      char *message = message_from_node (member, depth + 1);

      if (message != NULL)
        return message;
    }

  return message_from_node (json_object_get_member (object, "detail"), depth + 1);
}

char *
mistral_json_error_message (GBytes *body)
{
  g_autoptr(JsonNode) node = NULL;
  const char *data;
  gsize length = 0;
  char *message;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &length);
  if (length == 0)
    return NULL;

  node = mistral_json_parse (data, length, NULL);
  if (node != NULL && (message = message_from_node (node, 0)) != NULL)
    return message;

  /* Not JSON (an HTML error page, say): keep a readable head of the text. */
  {
    g_autofree char *valid = g_utf8_make_valid (data, MIN (length, 512));

    return g_strstrip (g_steal_pointer (&valid));
  }
}
