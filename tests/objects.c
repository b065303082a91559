// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The data objects: content chunks, messages, tools, tool calls, response
 * formats, usage and choices. No HTTP and no JSON layer here. */

#include <string.h>

#include <mistral-glib.h>

#include "test-utils.h"

#define LOG_DOMAIN "Mistral"

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static guint
watch (gpointer    object,
       const char *property,
       guint      *count)
{
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  *count = 0;
  return g_signal_connect (object, signal, G_CALLBACK (count_cb), count);
}

static void
assert_pspec_flags (gpointer    object,
                    const char *property,
                    GParamFlags expected)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);

  g_assert_nonnull (pspec);
  g_assert_cmphex (pspec->flags & (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY),
                   ==, expected);
}

#define CONSTRUCT_ONLY (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY)
#define READ_WRITE (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY)

/* Errors */

static void
test_error_domain (void)
{
  GEnumClass *klass;
  GEnumValue *value;

  g_assert_cmpstr (g_quark_to_string (MISTRAL_ERROR), ==, "mistral-error-quark");
  g_assert_cmpuint (MISTRAL_ERROR, ==, mistral_error_quark ());

  klass = g_type_class_ref (MISTRAL_TYPE_ERROR);
  value = g_enum_get_value (klass, MISTRAL_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (value);
  g_assert_cmpstr (value->value_nick, ==, "invalid-response");
  g_type_class_unref (klass);
}

/* Content chunks */

static void
test_chunk_text (void)
{
  g_autoptr (MistralContentChunk) chunk = mistral_content_chunk_new_text ("Hello");
  g_autoptr (MistralContentChunk) empty = NULL;
  g_autofree char *text = NULL;
  MistralContentChunkType type;

  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_TEXT);
  g_assert_cmpstr (mistral_content_chunk_get_type_name (chunk), ==, "text");
  g_assert_cmpstr (mistral_content_chunk_get_text (chunk), ==, "Hello");
  g_assert_null (mistral_content_chunk_get_url (chunk));
  g_assert_true (mistral_content_chunk_get_closed (chunk));

  g_object_get (chunk, "text", &text, "chunk-type", &type, NULL);
  g_assert_cmpstr (text, ==, "Hello");
  g_assert_cmpint (type, ==, MISTRAL_CONTENT_CHUNK_TYPE_TEXT);

  /* A chunk built with no property at all is an empty text chunk. */
  empty = g_object_new (MISTRAL_TYPE_CONTENT_CHUNK, NULL);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (empty), ==, MISTRAL_CONTENT_CHUNK_TYPE_TEXT);
  g_assert_cmpstr (mistral_content_chunk_get_text (empty), ==, "");
  g_assert_cmpstr (mistral_content_chunk_get_type_name (empty), ==, "text");
  g_assert_nonnull (mistral_content_chunk_get_thinking (empty));
  g_assert_cmpuint (g_list_model_get_n_items (mistral_content_chunk_get_thinking (empty)), ==, 0);
}

static void
test_chunk_construct_only (void)
{
  static const char *names[] = {
    "chunk-type", "type-name", "text", "url", "detail", "name", "file-id",
    "thinking", "closed", "signature", "raw-json",
  };
  g_autoptr (MistralContentChunk) chunk = mistral_content_chunk_new_text ("x");

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    assert_pspec_flags (chunk, names[i], CONSTRUCT_ONLY);
}

static void
test_chunk_image_url (void)
{
  g_autoptr (MistralContentChunk) chunk = NULL;
  g_autoptr (MistralContentChunk) plain = NULL;

  chunk = mistral_content_chunk_new_image_url ("https://example.com/cat.png", "high");
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_IMAGE_URL);
  g_assert_cmpstr (mistral_content_chunk_get_type_name (chunk), ==, "image_url");
  g_assert_cmpstr (mistral_content_chunk_get_url (chunk), ==, "https://example.com/cat.png");
  g_assert_cmpstr (mistral_content_chunk_get_detail (chunk), ==, "high");
  g_assert_null (mistral_content_chunk_get_text (chunk));

  plain = mistral_content_chunk_new_image_url ("https://example.com/dog.png", NULL);
  g_assert_null (mistral_content_chunk_get_detail (plain));
}

static void
test_chunk_image_from_bytes (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0x00, 0xff };
  g_autoptr (GBytes) bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr (GBytes) none = g_bytes_new_static ("", 0);
  g_autoptr (MistralContentChunk) chunk = NULL;
  g_autoptr (MistralContentChunk) empty = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *encoded = NULL;
  g_autofree guchar *decoded = NULL;
  const char *url;
  gsize len;

  chunk = mistral_content_chunk_new_image_from_bytes (bytes, "image/png");
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_IMAGE_URL);

  encoded = g_base64_encode (png, sizeof png);
  expected = g_strconcat ("data:image/png;base64,", encoded, NULL);
  url = mistral_content_chunk_get_url (chunk);
  g_assert_cmpstr (url, ==, expected);
  g_assert_cmpstr (url, ==, "data:image/png;base64,iVBORw0KGgoA/w==");

  decoded = g_base64_decode (strchr (url, ',') + 1, &len);
  g_assert_cmpmem (decoded, len, png, sizeof png);

  empty = mistral_content_chunk_new_image_from_bytes (none, "image/jpeg");
  g_assert_cmpstr (mistral_content_chunk_get_url (empty), ==, "data:image/jpeg;base64,");
}

static void
test_chunk_image_from_bytes_bad_input (void)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static ("x", 1);
  MistralContentChunk *chunk;

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*data != NULL*");
  chunk = mistral_content_chunk_new_image_from_bytes (NULL, "image/png");
  g_test_assert_expected_messages ();
  g_assert_null (chunk);

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*mime_type*");
  chunk = mistral_content_chunk_new_image_from_bytes (bytes, NULL);
  g_test_assert_expected_messages ();
  g_assert_null (chunk);

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*mime_type*");
  chunk = mistral_content_chunk_new_image_from_bytes (bytes, "");
  g_test_assert_expected_messages ();
  g_assert_null (chunk);

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*text != NULL*");
  chunk = mistral_content_chunk_new_text (NULL);
  g_test_assert_expected_messages ();
  g_assert_null (chunk);

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*MISTRAL_IS_CONTENT_CHUNK*");
  g_assert_null (mistral_content_chunk_get_text (NULL));
  g_test_assert_expected_messages ();
}

static void
test_chunk_document_file_audio (void)
{
  g_autoptr (MistralContentChunk) doc = NULL;
  g_autoptr (MistralContentChunk) unnamed = NULL;
  g_autoptr (MistralContentChunk) file = NULL;
  g_autoptr (MistralContentChunk) audio = NULL;
  g_autofree char *file_id = NULL;

  doc = mistral_content_chunk_new_document_url ("https://example.com/a.pdf", "a.pdf");
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (doc), ==, MISTRAL_CONTENT_CHUNK_TYPE_DOCUMENT_URL);
  g_assert_cmpstr (mistral_content_chunk_get_type_name (doc), ==, "document_url");
  g_assert_cmpstr (mistral_content_chunk_get_url (doc), ==, "https://example.com/a.pdf");
  g_assert_cmpstr (mistral_content_chunk_get_name (doc), ==, "a.pdf");

  unnamed = mistral_content_chunk_new_document_url ("https://example.com/b.pdf", NULL);
  g_assert_null (mistral_content_chunk_get_name (unnamed));

  file = mistral_content_chunk_new_file ("7a1c-uuid");
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (file), ==, MISTRAL_CONTENT_CHUNK_TYPE_FILE);
  g_assert_cmpstr (mistral_content_chunk_get_type_name (file), ==, "file");
  g_assert_cmpstr (mistral_content_chunk_get_file_id (file), ==, "7a1c-uuid");
  g_assert_null (mistral_content_chunk_get_url (file));
  g_object_get (file, "file-id", &file_id, NULL);
  g_assert_cmpstr (file_id, ==, "7a1c-uuid");

  audio = mistral_content_chunk_new_input_audio ("UklGRg==");
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (audio), ==, MISTRAL_CONTENT_CHUNK_TYPE_INPUT_AUDIO);
  g_assert_cmpstr (mistral_content_chunk_get_type_name (audio), ==, "input_audio");
  g_assert_cmpstr (mistral_content_chunk_get_url (audio), ==, "UklGRg==");
}

static void
test_chunk_reference (void)
{
  static const gint64 ids[] = { 1, 42, G_MAXINT64, -7 };
  g_autoptr (MistralContentChunk) chunk = NULL;
  g_autoptr (MistralContentChunk) none = NULL;
  g_autoptr (MistralContentChunk) text = mistral_content_chunk_new_text ("x");
  const gint64 *got;
  gsize n = 99;

  chunk = mistral_content_chunk_new_reference (ids, G_N_ELEMENTS (ids));
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_REFERENCE);
  g_assert_cmpstr (mistral_content_chunk_get_type_name (chunk), ==, "reference");
  got = mistral_content_chunk_get_reference_ids (chunk, &n);
  g_assert_cmpmem (got, n * sizeof (gint64), ids, sizeof ids);

  none = mistral_content_chunk_new_reference (NULL, 0);
  n = 99;
  g_assert_null (mistral_content_chunk_get_reference_ids (none, &n));
  g_assert_cmpuint (n, ==, 0);

  n = 99;
  g_assert_null (mistral_content_chunk_get_reference_ids (text, &n));
  g_assert_cmpuint (n, ==, 0);
}

static void
test_chunk_thinking (void)
{
  static const gint64 ids[] = { 3 };
  g_autoptr (MistralContentChunk) simple = mistral_content_chunk_new_thinking ("Let me think.");
  g_autoptr (MistralContentChunk) full = NULL;
  g_autoptr (MistralContentChunk) from_text = NULL;
  g_autoptr (GListStore) store = g_list_store_new (MISTRAL_TYPE_CONTENT_CHUNK);
  g_autoptr (MistralContentChunk) a = mistral_content_chunk_new_text ("First, ");
  g_autoptr (MistralContentChunk) ref = mistral_content_chunk_new_reference (ids, 1);
  g_autoptr (MistralContentChunk) b = mistral_content_chunk_new_text ("then.");
  g_autoptr (MistralContentChunk) c = mistral_content_chunk_new_text (" Done.");
  GListModel *thinking;

  g_assert_cmpint (mistral_content_chunk_get_chunk_type (simple), ==, MISTRAL_CONTENT_CHUNK_TYPE_THINKING);
  g_assert_cmpstr (mistral_content_chunk_get_type_name (simple), ==, "thinking");
  g_assert_true (mistral_content_chunk_get_closed (simple));
  g_assert_null (mistral_content_chunk_get_signature (simple));
  thinking = mistral_content_chunk_get_thinking (simple);
  g_assert_cmpuint (g_list_model_get_n_items (thinking), ==, 1);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (test_content_chunk_at (thinking, 0)), ==, MISTRAL_CONTENT_CHUNK_TYPE_TEXT);
  g_assert_cmpstr (mistral_content_chunk_get_text (test_content_chunk_at (thinking, 0)), ==, "Let me think.");
  g_assert_cmpstr (mistral_content_chunk_get_text (simple), ==, "Let me think.");

  /* As the JSON layer builds one: several sub-chunks, open, signed. */
  g_list_store_append (store, a);
  g_list_store_append (store, ref);
  g_list_store_append (store, b);
  full = g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                       "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_THINKING,
                       "thinking", store,
                       "closed", FALSE,
                       "signature", "sig==",
                       NULL);
  g_assert_false (mistral_content_chunk_get_closed (full));
  g_assert_cmpstr (mistral_content_chunk_get_signature (full), ==, "sig==");
  g_assert_true (mistral_content_chunk_get_thinking (full) == G_LIST_MODEL (store));
  g_assert_cmpstr (mistral_content_chunk_get_text (full), ==, "First, then.");

  /* The cached text follows the list. */
  g_list_store_append (store, c);
  g_assert_cmpstr (mistral_content_chunk_get_text (full), ==, "First, then. Done.");

  /* Bindings may build one from properties alone. */
  from_text = g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                            "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_THINKING,
                            "text", "Hmm.",
                            NULL);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_content_chunk_get_thinking (from_text)), ==, 1);
  g_assert_cmpstr (mistral_content_chunk_get_text (from_text), ==, "Hmm.");
}

static void
test_chunk_unknown (void)
{
  g_autoptr (MistralContentChunk) chunk = NULL;
  g_autoptr (MistralContentChunk) mislabelled = NULL;

  chunk = g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                        "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN,
                        "type-name", "tool_reference",
                        "raw-json", "{\"type\":\"tool_reference\",\"tool\":\"web\"}",
                        NULL);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (chunk), ==, MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN);
  g_assert_cmpstr (mistral_content_chunk_get_type_name (chunk), ==, "tool_reference");
  g_assert_cmpstr (mistral_content_chunk_get_raw_json (chunk), ==, "{\"type\":\"tool_reference\",\"tool\":\"web\"}");
  g_assert_null (mistral_content_chunk_get_text (chunk));

  /* A known type always has its own wire name. */
  mislabelled = g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                              "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_FILE,
                              "type-name", "something",
                              "file-id", "f",
                              NULL);
  g_assert_cmpstr (mistral_content_chunk_get_type_name (mislabelled), ==, "file");
}

/* Messages */

static void
test_message_roles (void)
{
  g_autoptr (MistralSystemMessage) system = mistral_system_message_new ("Be terse.");
  g_autoptr (MistralUserMessage) user = mistral_user_message_new ("Hi");
  g_autoptr (MistralAssistantMessage) assistant = mistral_assistant_message_new ("Hello");
  g_autoptr (MistralToolMessage) tool = mistral_tool_message_new ("abc123XYZ", "get_weather", "{}");
  g_autoptr (MistralUserMessage) from_props = NULL;
  MistralRole role;

  g_assert_true (G_TYPE_IS_ABSTRACT (MISTRAL_TYPE_CHAT_MESSAGE));

  g_assert_cmpint (mistral_chat_message_get_role (MISTRAL_CHAT_MESSAGE (system)), ==, MISTRAL_ROLE_SYSTEM);
  g_assert_cmpint (mistral_chat_message_get_role (MISTRAL_CHAT_MESSAGE (user)), ==, MISTRAL_ROLE_USER);
  g_assert_cmpint (mistral_chat_message_get_role (MISTRAL_CHAT_MESSAGE (assistant)), ==, MISTRAL_ROLE_ASSISTANT);
  g_assert_cmpint (mistral_chat_message_get_role (MISTRAL_CHAT_MESSAGE (tool)), ==, MISTRAL_ROLE_TOOL);

  g_object_get (system, "role", &role, NULL);
  g_assert_cmpint (role, ==, MISTRAL_ROLE_SYSTEM);
  g_object_get (tool, "role", &role, NULL);
  g_assert_cmpint (role, ==, MISTRAL_ROLE_TOOL);

  assert_pspec_flags (user, "role", G_PARAM_READABLE);
  assert_pspec_flags (user, "chunks", G_PARAM_READABLE);
  assert_pspec_flags (user, "content", READ_WRITE);

  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (system)), ==, "Be terse.");
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (tool)), ==, "{}");

  /* As bindings construct them. */
  from_props = g_object_new (MISTRAL_TYPE_USER_MESSAGE, "content", "Hey", NULL);
  g_assert_cmpint (mistral_chat_message_get_role (MISTRAL_CHAT_MESSAGE (from_props)), ==, MISTRAL_ROLE_USER);
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (from_props)), ==, "Hey");
}

static void
test_message_content_notify (void)
{
  g_autoptr (MistralUserMessage) user = mistral_user_message_new (NULL);
  MistralChatMessage *message = MISTRAL_CHAT_MESSAGE (user);
  g_autofree char *content = NULL;
  guint count;

  g_assert_null (mistral_chat_message_get_content (message));
  g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_message_get_chunks (message)), ==, 0);

  watch (user, "content", &count);

  mistral_chat_message_set_content (message, NULL);
  g_assert_cmpuint (count, ==, 0);

  mistral_chat_message_set_content (message, "one");
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (mistral_chat_message_get_content (message), ==, "one");

  mistral_chat_message_set_content (message, "one");
  g_assert_cmpuint (count, ==, 1);

  g_object_set (user, "content", "two", NULL);
  g_assert_cmpuint (count, ==, 2);
  g_object_set (user, "content", "two", NULL);
  g_assert_cmpuint (count, ==, 2);
  g_object_get (user, "content", &content, NULL);
  g_assert_cmpstr (content, ==, "two");

  /* Setting it to its own value, even through the getter's pointer. */
  mistral_chat_message_set_content (message, mistral_chat_message_get_content (message));
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpstr (mistral_chat_message_get_content (message), ==, "two");

  mistral_chat_message_set_content (message, NULL);
  g_assert_cmpuint (count, ==, 3);
  g_assert_null (mistral_chat_message_get_content (message));
}

static void
test_message_add_chunk (void)
{
  g_autoptr (MistralUserMessage) user = mistral_user_message_new ("Look at this:");
  MistralChatMessage *message = MISTRAL_CHAT_MESSAGE (user);
  g_autoptr (MistralContentChunk) image = mistral_content_chunk_new_image_url ("https://example.com/cat.png", NULL);
  g_autoptr (MistralContentChunk) more = mistral_content_chunk_new_text (" and this.");
  GListModel *chunks = mistral_chat_message_get_chunks (message);
  GListModel *chunks_prop = NULL;
  guint count, items = 0;

  g_object_get (user, "chunks", &chunks_prop, NULL);
  g_assert_true (chunks_prop == chunks);
  g_object_unref (chunks_prop);

  watch (user, "content", &count);
  g_signal_connect (chunks, "items-changed", G_CALLBACK (items_changed_cb), &items);

  /* The plain string becomes a leading text chunk: nothing is lost, and
   * the text did not change. */
  mistral_chat_message_add_chunk (message, image);
  g_assert_cmpuint (g_list_model_get_n_items (chunks), ==, 2);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (test_content_chunk_at (chunks, 0)), ==, MISTRAL_CONTENT_CHUNK_TYPE_TEXT);
  g_assert_cmpstr (mistral_content_chunk_get_text (test_content_chunk_at (chunks, 0)), ==, "Look at this:");
  g_assert_true (test_content_chunk_at (chunks, 1) == image);
  g_assert_cmpstr (mistral_chat_message_get_content (message), ==, "Look at this:");
  g_assert_cmpuint (count, ==, 0);
  g_assert_cmpuint (items, ==, 2);

  /* The text is the concatenation of the text chunks. */
  mistral_chat_message_add_chunk (message, more);
  g_assert_cmpuint (g_list_model_get_n_items (chunks), ==, 3);
  g_assert_cmpstr (mistral_chat_message_get_content (message), ==, "Look at this: and this.");
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (items, ==, 3);

  /* Setting the content drops the chunks. */
  mistral_chat_message_set_content (message, "Plain again");
  g_assert_cmpuint (g_list_model_get_n_items (chunks), ==, 0);
  g_assert_cmpstr (mistral_chat_message_get_content (message), ==, "Plain again");
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (items, ==, 4);

  /* The same object stays alive through all of it. */
  g_assert_true (mistral_chat_message_get_chunks (message) == chunks);

  g_signal_handlers_disconnect_by_func (chunks, items_changed_cb, &items);
}

static void
test_message_add_chunk_no_text (void)
{
  g_autoptr (MistralUserMessage) nothing = mistral_user_message_new (NULL);
  g_autoptr (MistralUserMessage) empty = mistral_user_message_new ("");
  g_autoptr (MistralContentChunk) image = mistral_content_chunk_new_image_url ("https://example.com/cat.png", NULL);
  guint count;

  /* From no content to chunks without text: the content becomes "". */
  watch (nothing, "content", &count);
  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (nothing), image);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (nothing))), ==, 1);
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (nothing)), ==, "");
  g_assert_cmpuint (count, ==, 1);

  /* An empty string makes no empty leading chunk. */
  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (empty), image);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (empty))), ==, 1);
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (empty)), ==, "");
}

static void
test_message_thinking_excluded (void)
{
  g_autoptr (MistralAssistantMessage) reply = mistral_assistant_message_new (NULL);
  MistralChatMessage *message = MISTRAL_CHAT_MESSAGE (reply);
  g_autoptr (MistralContentChunk) thinking = mistral_content_chunk_new_thinking ("The user wants a number.");
  g_autoptr (MistralContentChunk) answer = mistral_content_chunk_new_text ("42");
  g_autoptr (MistralContentChunk) unknown = NULL;

  unknown = g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                          "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN,
                          "type-name", "future",
                          "raw-json", "{\"type\":\"future\"}",
                          NULL);

  mistral_chat_message_add_chunk (message, thinking);
  /* Chunked, but no text yet: empty, never NULL. */
  g_assert_cmpstr (mistral_chat_message_get_content (message), ==, "");

  mistral_chat_message_add_chunk (message, answer);
  mistral_chat_message_add_chunk (message, unknown);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_message_get_chunks (message)), ==, 3);
  g_assert_cmpstr (mistral_chat_message_get_content (message), ==, "42");
}

static void
test_message_bad_input (void)
{
  g_autoptr (MistralUserMessage) user = mistral_user_message_new ("x");
  g_autoptr (MistralToolCall) call = mistral_tool_call_new (NULL, "f", NULL);

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*MISTRAL_IS_CONTENT_CHUNK*");
  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (user), NULL);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (user))), ==, 0);
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (user)), ==, "x");

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*MISTRAL_IS_CONTENT_CHUNK*");
  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (user), (MistralContentChunk *) call);
  g_test_assert_expected_messages ();

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*MISTRAL_IS_CHAT_MESSAGE*");
  mistral_chat_message_set_content (NULL, "x");
  g_test_assert_expected_messages ();

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*content != NULL*");
  g_assert_null (mistral_system_message_new (NULL));
  g_test_assert_expected_messages ();
}

static void
test_assistant_message (void)
{
  g_autoptr (MistralAssistantMessage) reply = mistral_assistant_message_new (NULL);
  g_autoptr (MistralToolCall) first = mistral_tool_call_new ("aaaaaaaaa", "get_weather", "{\"city\":\"Lyon\"}");
  g_autoptr (MistralToolCall) second = mistral_tool_call_new ("bbbbbbbbb", "get_time", NULL);
  GListModel *calls = mistral_assistant_message_get_tool_calls (reply);
  GListModel *calls_prop = NULL;
  g_autoptr (MistralToolCall) item = NULL;
  gboolean prefix = TRUE;
  guint count;

  g_assert_nonnull (calls);
  g_assert_true (g_list_model_get_item_type (calls) == MISTRAL_TYPE_TOOL_CALL);
  g_assert_cmpuint (g_list_model_get_n_items (calls), ==, 0);
  assert_pspec_flags (reply, "tool-calls", G_PARAM_READABLE);
  g_object_get (reply, "tool-calls", &calls_prop, "prefix", &prefix, NULL);
  g_assert_true (calls_prop == calls);
  g_assert_false (prefix);
  g_object_unref (calls_prop);

  mistral_assistant_message_add_tool_call (reply, first);
  mistral_assistant_message_add_tool_call (reply, second);
  g_assert_cmpuint (g_list_model_get_n_items (calls), ==, 2);
  item = g_list_model_get_item (calls, 1);
  g_assert_true (item == second);

  watch (reply, "prefix", &count);
  mistral_assistant_message_set_prefix (reply, TRUE);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (mistral_assistant_message_get_prefix (reply));
  mistral_assistant_message_set_prefix (reply, TRUE);
  g_assert_cmpuint (count, ==, 1);
  g_object_set (reply, "prefix", FALSE, NULL);
  g_assert_cmpuint (count, ==, 2);
  g_assert_false (mistral_assistant_message_get_prefix (reply));

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*MISTRAL_IS_TOOL_CALL*");
  mistral_assistant_message_add_tool_call (reply, NULL);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (g_list_model_get_n_items (calls), ==, 2);
}

static void
test_tool_message (void)
{
  g_autoptr (MistralToolMessage) result = mistral_tool_message_new ("D681PevKs", "get_weather", "{\"t\":21}");
  g_autoptr (MistralToolMessage) bare = mistral_tool_message_new (NULL, NULL, "ok");
  guint id_count, name_count;

  g_assert_cmpstr (mistral_tool_message_get_tool_call_id (result), ==, "D681PevKs");
  g_assert_cmpstr (mistral_tool_message_get_name (result), ==, "get_weather");
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (result)), ==, "{\"t\":21}");
  g_assert_null (mistral_tool_message_get_tool_call_id (bare));
  g_assert_null (mistral_tool_message_get_name (bare));

  watch (result, "tool-call-id", &id_count);
  watch (result, "name", &name_count);

  mistral_tool_message_set_tool_call_id (result, "D681PevKs");
  mistral_tool_message_set_name (result, "get_weather");
  g_assert_cmpuint (id_count, ==, 0);
  g_assert_cmpuint (name_count, ==, 0);

  mistral_tool_message_set_tool_call_id (result, "other0000");
  mistral_tool_message_set_name (result, NULL);
  g_assert_cmpuint (id_count, ==, 1);
  g_assert_cmpuint (name_count, ==, 1);
  g_assert_cmpstr (mistral_tool_message_get_tool_call_id (result), ==, "other0000");
  g_assert_null (mistral_tool_message_get_name (result));

  mistral_tool_message_set_name (result, NULL);
  g_assert_cmpuint (name_count, ==, 1);
}

/* Tool calls */

static void
test_tool_call_properties (void)
{
  g_autoptr (MistralToolCall) call = mistral_tool_call_new (NULL, "get_weather", NULL);
  g_autofree char *name = NULL;
  guint count_id, count_index, count_name, count_args;
  guint index;

  g_assert_null (mistral_tool_call_get_id (call));
  g_assert_cmpuint (mistral_tool_call_get_index (call), ==, 0);
  g_assert_cmpstr (mistral_tool_call_get_function_name (call), ==, "get_weather");
  g_assert_null (mistral_tool_call_get_arguments (call));

  watch (call, "id", &count_id);
  watch (call, "index", &count_index);
  watch (call, "function-name", &count_name);
  watch (call, "arguments", &count_args);

  mistral_tool_call_set_id (call, "abcdefghi");
  mistral_tool_call_set_id (call, "abcdefghi");
  mistral_tool_call_set_index (call, 2);
  mistral_tool_call_set_index (call, 2);
  mistral_tool_call_set_function_name (call, "get_time");
  mistral_tool_call_set_function_name (call, "get_time");
  mistral_tool_call_set_arguments (call, "{}");
  mistral_tool_call_set_arguments (call, "{}");
  g_assert_cmpuint (count_id, ==, 1);
  g_assert_cmpuint (count_index, ==, 1);
  g_assert_cmpuint (count_name, ==, 1);
  g_assert_cmpuint (count_args, ==, 1);

  g_object_get (call, "index", &index, "function-name", &name, NULL);
  g_assert_cmpuint (index, ==, 2);
  g_assert_cmpstr (name, ==, "get_time");

  mistral_tool_call_set_arguments (call, NULL);
  g_assert_cmpuint (count_args, ==, 2);
  g_assert_null (mistral_tool_call_get_arguments (call));
}

static void
test_tool_call_parse_arguments (void)
{
  g_autoptr (MistralToolCall) call = mistral_tool_call_new ("abcdefghi", "get_weather", "{\"city\": \"Lyon\", \"days\": 3}");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonObject *object;

  node = mistral_tool_call_parse_arguments (call, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "city"), ==, "Lyon");
  g_assert_cmpint (json_object_get_int_member (object, "days"), ==, 3);
  g_clear_pointer (&node, json_node_unref);

  /* Missing, empty or blank arguments: an empty object. */
  {
    static const char *blanks[] = { NULL, "", "  \n\t" };

    for (gsize i = 0; i < G_N_ELEMENTS (blanks); i++)
      {
        mistral_tool_call_set_arguments (call, blanks[i]);
        node = mistral_tool_call_parse_arguments (call, &error);
        g_assert_no_error (error);
        g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
        g_assert_cmpuint (json_object_get_size (json_node_get_object (node)), ==, 0);
        g_clear_pointer (&node, json_node_unref);
      }
  }

  /* Invalid JSON: an error naming the function. */
  mistral_tool_call_set_arguments (call, "{\"city\": ");
  node = mistral_tool_call_parse_arguments (call, &error);
  g_assert_null (node);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "get_weather"));
  g_clear_error (&error);

  /* Valid JSON that is not an object. */
  mistral_tool_call_set_arguments (call, "[1, 2]");
  node = mistral_tool_call_parse_arguments (call, &error);
  g_assert_null (node);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "get_weather"));
  g_clear_error (&error);

  /* No GError at all is fine. */
  g_assert_null (mistral_tool_call_parse_arguments (call, NULL));
}

/* Tools */

static JsonNode *
parse (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

#define SCHEMA "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}}"

static void
test_tool_properties (void)
{
  g_autoptr (JsonNode) schema = parse (SCHEMA);
  g_autoptr (JsonNode) same = parse (SCHEMA);
  g_autoptr (JsonNode) other = parse ("{\"type\": \"object\"}");
  g_autoptr (MistralTool) tool = mistral_tool_new ("get_weather", "Weather of a city", schema);
  g_autoptr (MistralTool) bare = mistral_tool_new ("noop", NULL, NULL);
  g_autoptr (JsonNode) from_prop = NULL;
  guint count_params, count_name, count_desc, count_strict;

  g_assert_cmpstr (mistral_tool_get_name (tool), ==, "get_weather");
  g_assert_cmpstr (mistral_tool_get_description (tool), ==, "Weather of a city");
  g_assert_false (mistral_tool_get_strict (tool));
  /* Copied, not kept. */
  g_assert_true (mistral_tool_get_parameters (tool) != schema);
  g_assert_true (json_node_equal (mistral_tool_get_parameters (tool), schema));
  g_assert_null (mistral_tool_get_parameters (bare));
  g_assert_null (mistral_tool_get_description (bare));

  g_object_get (tool, "parameters", &from_prop, NULL);
  g_assert_true (json_node_equal (from_prop, schema));

  watch (tool, "parameters", &count_params);
  watch (tool, "name", &count_name);
  watch (tool, "description", &count_desc);
  watch (tool, "strict", &count_strict);

  mistral_tool_set_parameters (tool, same);
  g_assert_cmpuint (count_params, ==, 0);
  mistral_tool_set_parameters (tool, other);
  g_assert_cmpuint (count_params, ==, 1);
  g_assert_true (json_node_equal (mistral_tool_get_parameters (tool), other));
  mistral_tool_set_parameters (tool, NULL);
  g_assert_cmpuint (count_params, ==, 2);
  g_assert_null (mistral_tool_get_parameters (tool));
  mistral_tool_set_parameters (tool, NULL);
  g_assert_cmpuint (count_params, ==, 2);

  mistral_tool_set_name (tool, "get_weather");
  mistral_tool_set_description (tool, "Weather of a city");
  mistral_tool_set_strict (tool, FALSE);
  g_assert_cmpuint (count_name + count_desc + count_strict, ==, 0);
  mistral_tool_set_name (tool, "weather");
  mistral_tool_set_description (tool, NULL);
  mistral_tool_set_strict (tool, TRUE);
  mistral_tool_set_strict (tool, TRUE);
  g_assert_cmpuint (count_name, ==, 1);
  g_assert_cmpuint (count_desc, ==, 1);
  g_assert_cmpuint (count_strict, ==, 1);
  g_assert_true (mistral_tool_get_strict (tool));
}

static void
test_tool_from_string (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MistralTool) tool = NULL;
  g_autoptr (MistralTool) none = NULL;
  g_autoptr (JsonNode) expected = parse (SCHEMA);
  MistralTool *bad;
  guint count;

  tool = mistral_tool_new_from_string ("get_weather", NULL, SCHEMA, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tool);
  g_assert_true (json_node_equal (mistral_tool_get_parameters (tool), expected));

  none = mistral_tool_new_from_string ("noop", "Does nothing", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (mistral_tool_get_parameters (none));

  bad = mistral_tool_new_from_string ("broken", NULL, "{\"type\": ", &error);
  g_assert_null (bad);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "broken"));
  g_clear_error (&error);

  bad = mistral_tool_new_from_string ("array", NULL, "[\"not\", \"an object\"]", &error);
  g_assert_null (bad);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  bad = mistral_tool_new_from_string ("empty", NULL, "", &error);
  g_assert_null (bad);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  /* Setting from a string: failures leave the tool as it was. */
  watch (tool, "parameters", &count);
  g_assert_false (mistral_tool_set_parameters_from_string (tool, "not json", &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_false (mistral_tool_set_parameters_from_string (tool, "42", &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_cmpuint (count, ==, 0);
  g_assert_true (json_node_equal (mistral_tool_get_parameters (tool), expected));

  g_assert_true (mistral_tool_set_parameters_from_string (tool, "{\"type\": \"object\"}", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (mistral_tool_get_parameters (tool)));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (mistral_tool_get_parameters (tool)), "type"), ==, "object");

  g_assert_true (mistral_tool_set_parameters_from_string (tool, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 2);
  g_assert_null (mistral_tool_get_parameters (tool));
}

/* Response formats */

static void
test_response_format_constructors (void)
{
  g_autoptr (MistralResponseFormat) text = mistral_response_format_new_text ();
  g_autoptr (MistralResponseFormat) object = mistral_response_format_new_json_object ();
  g_autoptr (MistralResponseFormat) schema = NULL;
  g_autoptr (MistralResponseFormat) from_string = NULL;
  g_autoptr (JsonNode) node = parse (SCHEMA);
  g_autoptr (GError) error = NULL;
  MistralResponseFormat *bad;
  guint count;

  g_assert_cmpint (mistral_response_format_get_format_type (text), ==, MISTRAL_RESPONSE_FORMAT_TYPE_TEXT);
  g_assert_null (mistral_response_format_get_name (text));
  g_assert_null (mistral_response_format_get_schema (text));
  g_assert_cmpint (mistral_response_format_get_format_type (object), ==, MISTRAL_RESPONSE_FORMAT_TYPE_JSON_OBJECT);

  schema = mistral_response_format_new_json_schema ("city", node, TRUE);
  g_assert_cmpint (mistral_response_format_get_format_type (schema), ==, MISTRAL_RESPONSE_FORMAT_TYPE_JSON_SCHEMA);
  g_assert_cmpstr (mistral_response_format_get_name (schema), ==, "city");
  g_assert_true (mistral_response_format_get_strict (schema));
  g_assert_true (mistral_response_format_get_schema (schema) != node);
  g_assert_true (json_node_equal (mistral_response_format_get_schema (schema), node));
  g_assert_null (mistral_response_format_get_description (schema));

  from_string = mistral_response_format_new_json_schema_from_string ("city", SCHEMA, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mistral_response_format_get_format_type (from_string), ==, MISTRAL_RESPONSE_FORMAT_TYPE_JSON_SCHEMA);
  g_assert_false (mistral_response_format_get_strict (from_string));
  g_assert_true (json_node_equal (mistral_response_format_get_schema (from_string), node));

  bad = mistral_response_format_new_json_schema_from_string ("city", "{oops", TRUE, &error);
  g_assert_null (bad);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  bad = mistral_response_format_new_json_schema_from_string ("city", "\"a string\"", TRUE, &error);
  g_assert_null (bad);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*schema != NULL*");
  g_assert_null (mistral_response_format_new_json_schema ("city", NULL, TRUE));
  g_test_assert_expected_messages ();
  g_test_expect_message (LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*name != NULL*");
  g_assert_null (mistral_response_format_new_json_schema (NULL, node, TRUE));
  g_test_assert_expected_messages ();

  assert_pspec_flags (schema, "format-type", CONSTRUCT_ONLY);
  assert_pspec_flags (schema, "name", CONSTRUCT_ONLY);
  assert_pspec_flags (schema, "schema", CONSTRUCT_ONLY);
  assert_pspec_flags (schema, "strict", CONSTRUCT_ONLY);
  assert_pspec_flags (schema, "description", READ_WRITE);

  watch (schema, "description", &count);
  mistral_response_format_set_description (schema, "A city");
  mistral_response_format_set_description (schema, "A city");
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (mistral_response_format_get_description (schema), ==, "A city");
}

/* Usage and choices */

static void
test_usage_info (void)
{
  g_autoptr (MistralUsageInfo) usage = mistral_usage_info_new (10, 5, 15);
  g_autoptr (MistralUsageInfo) audio = NULL;
  guint total;

  g_assert_cmpuint (mistral_usage_info_get_prompt_tokens (usage), ==, 10);
  g_assert_cmpuint (mistral_usage_info_get_completion_tokens (usage), ==, 5);
  g_assert_cmpuint (mistral_usage_info_get_total_tokens (usage), ==, 15);
  g_assert_cmpuint (mistral_usage_info_get_prompt_audio_seconds (usage), ==, 0);
  g_object_get (usage, "total-tokens", &total, NULL);
  g_assert_cmpuint (total, ==, 15);

  audio = g_object_new (MISTRAL_TYPE_USAGE_INFO,
                        "prompt-tokens", 100,
                        "prompt-audio-seconds", 12,
                        NULL);
  g_assert_cmpuint (mistral_usage_info_get_prompt_tokens (audio), ==, 100);
  g_assert_cmpuint (mistral_usage_info_get_prompt_audio_seconds (audio), ==, 12);
  g_assert_cmpuint (mistral_usage_info_get_total_tokens (audio), ==, 0);

  assert_pspec_flags (usage, "prompt-tokens", CONSTRUCT_ONLY);
  assert_pspec_flags (usage, "prompt-audio-seconds", CONSTRUCT_ONLY);
}

static void
test_choice (void)
{
  g_autoptr (MistralAssistantMessage) message = mistral_assistant_message_new ("Hi!");
  g_autoptr (MistralChatCompletionChoice) choice = NULL;
  g_autoptr (MistralChatCompletionChoice) empty = NULL;
  g_autoptr (MistralChatCompletionChoice) by_name = NULL;
  g_autoptr (MistralChatCompletionChoice) unknown = NULL;
  g_autoptr (MistralChatCompletionChoice) by_enum = NULL;
  MistralFinishReason reason;

  choice = g_object_new (MISTRAL_TYPE_CHAT_COMPLETION_CHOICE,
                         "index", 2,
                         "finish-reason", MISTRAL_FINISH_REASON_TOOL_CALLS,
                         "finish-reason-name", "tool_calls",
                         "message", message,
                         NULL);
  g_assert_cmpuint (mistral_chat_completion_choice_get_index (choice), ==, 2);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (choice), ==, MISTRAL_FINISH_REASON_TOOL_CALLS);
  g_assert_cmpstr (mistral_chat_completion_choice_get_finish_reason_name (choice), ==, "tool_calls");
  g_assert_true (mistral_chat_completion_choice_get_message (choice) == message);
  g_object_get (choice, "finish-reason", &reason, NULL);
  g_assert_cmpint (reason, ==, MISTRAL_FINISH_REASON_TOOL_CALLS);

  empty = g_object_new (MISTRAL_TYPE_CHAT_COMPLETION_CHOICE, NULL);
  g_assert_cmpuint (mistral_chat_completion_choice_get_index (empty), ==, 0);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (empty), ==, MISTRAL_FINISH_REASON_NONE);
  g_assert_null (mistral_chat_completion_choice_get_finish_reason_name (empty));
  g_assert_true (MISTRAL_IS_ASSISTANT_MESSAGE (mistral_chat_completion_choice_get_message (empty)));

  by_name = g_object_new (MISTRAL_TYPE_CHAT_COMPLETION_CHOICE, "finish-reason-name", "stop", NULL);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (by_name), ==, MISTRAL_FINISH_REASON_STOP);

  unknown = g_object_new (MISTRAL_TYPE_CHAT_COMPLETION_CHOICE, "finish-reason-name", "tool_call", NULL);
  g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (unknown), ==, MISTRAL_FINISH_REASON_UNKNOWN);
  g_assert_cmpstr (mistral_chat_completion_choice_get_finish_reason_name (unknown), ==, "tool_call");

  by_enum = g_object_new (MISTRAL_TYPE_CHAT_COMPLETION_CHOICE, "finish-reason", MISTRAL_FINISH_REASON_MODEL_LENGTH, NULL);
  g_assert_cmpstr (mistral_chat_completion_choice_get_finish_reason_name (by_enum), ==, "model_length");

  assert_pspec_flags (choice, "index", CONSTRUCT_ONLY);
  assert_pspec_flags (choice, "finish-reason", CONSTRUCT_ONLY);
  assert_pspec_flags (choice, "finish-reason-name", CONSTRUCT_ONLY);
  assert_pspec_flags (choice, "message", CONSTRUCT_ONLY);
}

/* A chunk's content is its first delta's text, read before or after the
 * delta was asked for. */
static void
test_completion_chunk_content (void)
{
  static const char *plain =
    "{\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
    "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"},\"finish_reason\":null}]}";
  static const char *no_text =
    "{\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
    "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":\"stop\"}]}";
  static const char *no_choices =
    "{\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[]}";
  g_autoptr(MistralCompletionChunk) chunk = NULL;
  g_autoptr(GError) error = NULL;
  MistralAssistantMessage *delta;
  const char *content;

  chunk = mistral_completion_chunk_new_from_json (plain, -1, &error);
  g_assert_no_error (error);
  content = mistral_completion_chunk_get_content (chunk);
  g_assert_cmpstr (content, ==, "Hello");
  g_assert_true (mistral_completion_chunk_get_content (chunk) == content);
  /* The delta made afterwards has that text, and the string given out
   * before stays valid. */
  delta = mistral_completion_chunk_get_delta_message (chunk);
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (delta)), ==, "Hello");
  g_assert_cmpstr (content, ==, "Hello");
  g_assert_true (mistral_completion_chunk_get_delta_message (chunk) == delta);
  g_assert_cmpstr (mistral_completion_chunk_get_content (chunk), ==, "Hello");
  g_clear_object (&chunk);

  chunk = mistral_completion_chunk_new_from_json (no_text, -1, &error);
  g_assert_no_error (error);
  g_assert_null (mistral_completion_chunk_get_content (chunk));
  g_assert_nonnull (mistral_completion_chunk_get_delta_message (chunk));
  g_assert_null (mistral_completion_chunk_get_content (chunk));
  g_clear_object (&chunk);

  chunk = mistral_completion_chunk_new_from_json (no_choices, -1, &error);
  g_assert_no_error (error);
  g_assert_null (mistral_completion_chunk_get_content (chunk));
  g_assert_null (mistral_completion_chunk_get_delta_message (chunk));
}

static void
thinking_log_cb (MistralAssistantMessage *message,
                 GParamSpec              *pspec,
                 GPtrArray               *log)
{
  const char *thinking = mistral_assistant_message_get_thinking (message);

  g_ptr_array_add (log, g_strdup_printf ("%s=%s", pspec->name, thinking != NULL ? thinking : "(null)"));
}

/* MistralAssistantMessage:thinking: read from the THINKING chunks,
 * notified however they change, set through them, kept in the JSON. */
static void
test_assistant_message_thinking (void)
{
  g_autoptr (MistralAssistantMessage) reply = mistral_assistant_message_new ("Sunny.");
  g_autoptr (MistralContentChunk) extra = mistral_content_chunk_new_thinking (" And warm.");
  g_autoptr (GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (MistralChatMessage) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  GListModel *chunks = mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (reply));
  guint n_content = 0;

  g_assert_null (mistral_assistant_message_get_thinking (reply));
  g_signal_connect (reply, "notify::thinking", G_CALLBACK (thinking_log_cb), log);
  watch (reply, "content", &n_content);

  /* Set: the reasoning goes first, the plain text becomes a chunk after it. */
  mistral_assistant_message_set_thinking (reply, "Look");
  mistral_assistant_message_set_thinking (reply, "Look");
  mistral_assistant_message_set_thinking (reply, "Look outside");
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpstr (log->pdata[0], ==, "thinking=Look");
  g_assert_cmpstr (log->pdata[1], ==, "thinking=Look outside");
  g_assert_cmpuint (n_content, ==, 0);
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)), ==, "Sunny.");
  g_assert_cmpuint (g_list_model_get_n_items (chunks), ==, 2);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (test_content_chunk_at (chunks, 0)), ==,
                   MISTRAL_CONTENT_CHUNK_TYPE_THINKING);
  g_assert_cmpint (mistral_content_chunk_get_chunk_type (test_content_chunk_at (chunks, 1)), ==,
                   MISTRAL_CONTENT_CHUNK_TYPE_TEXT);

  /* The JSON carries it, and reads back into the same thinking. */
  node = mistral_chat_message_to_json_node (MISTRAL_CHAT_MESSAGE (reply));
  json = json_to_string (node, FALSE);
  g_assert_cmpstr (json, ==,
                   "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":[{\"type\":\"text\","
                   "\"text\":\"Look outside\"}]},{\"type\":\"text\",\"text\":\"Sunny.\"}]}");
  loaded = mistral_chat_message_from_json_node (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_assistant_message_get_thinking (MISTRAL_ASSISTANT_MESSAGE (loaded)), ==, "Look outside");
  g_assert_cmpstr (mistral_chat_message_get_content (loaded), ==, "Sunny.");
  {
    g_autoptr (JsonNode) node2 = mistral_chat_message_to_json_node (loaded);

    again = json_to_string (node2, FALSE);
    g_assert_cmpstr (again, ==, json);
  }

  /* A THINKING chunk added another way is read and notified too. */
  mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (reply), extra);
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpstr (log->pdata[2], ==, "thinking=Look outside And warm.");
  {
    g_auto (GValue) value = G_VALUE_INIT;

    g_value_init (&value, G_TYPE_STRING);
    g_object_get_property (G_OBJECT (reply), "thinking", &value);
    g_assert_cmpstr (g_value_get_string (&value), ==, "Look outside And warm.");
  }

  /* Set again: the two THINKING chunks become one, first. */
  g_object_set (reply, "thinking", "Plain", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (chunks), ==, 2);
  g_assert_cmpstr (log->pdata[3], ==, "thinking=Plain");
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)), ==, "Sunny.");

  /* NULL removes it; the text stays. */
  mistral_assistant_message_set_thinking (reply, NULL);
  g_assert_cmpuint (log->len, ==, 5);
  g_assert_cmpstr (log->pdata[4], ==, "thinking=(null)");
  g_assert_cmpuint (g_list_model_get_n_items (chunks), ==, 1);
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (reply)), ==, "Sunny.");

  /* set_content drops the chunks, and so the reasoning. */
  mistral_assistant_message_set_thinking (reply, "Again");
  mistral_chat_message_set_content (MISTRAL_CHAT_MESSAGE (reply), "Rain.");
  g_assert_cmpuint (log->len, ==, 7);
  g_assert_cmpstr (log->pdata[6], ==, "thinking=(null)");
  g_assert_null (mistral_assistant_message_get_thinking (reply));
  g_assert_cmpuint (n_content, ==, 1);

  /* On a message without content, the text becomes "" (notified). */
  {
    g_autoptr (MistralAssistantMessage) empty = mistral_assistant_message_new (NULL);
    guint n = 0;

    watch (empty, "content", &n);
    mistral_assistant_message_set_thinking (empty, "Hm");
    g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (empty)), ==, "");
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (mistral_chat_message_get_chunks (MISTRAL_CHAT_MESSAGE (empty))), ==, 1);
  }
}

/* A chunk's new reasoning: none for a plain one, without making its delta. */
static void
test_completion_chunk_thinking (void)
{
  static const char *plain =
    "{\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
    "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"},\"finish_reason\":null}]}";
  static const char *thinking =
    "{\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
    "\"choices\":[{\"index\":0,\"delta\":{\"content\":[{\"type\":\"thinking\",\"thinking\":"
    "[{\"type\":\"text\",\"text\":\"Hmm\"}]},{\"type\":\"text\",\"text\":\"Yes\"}]},\"finish_reason\":null}]}";
  static const char *no_choices =
    "{\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[]}";
  g_autoptr(MistralCompletionChunk) chunk = NULL;
  g_autoptr(GError) error = NULL;

  chunk = mistral_completion_chunk_new_from_json (plain, -1, &error);
  g_assert_no_error (error);
  g_assert_null (mistral_completion_chunk_get_thinking (chunk));
  g_clear_object (&chunk);

  chunk = mistral_completion_chunk_new_from_json (thinking, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_completion_chunk_get_thinking (chunk), ==, "Hmm");
  g_assert_cmpstr (mistral_completion_chunk_get_content (chunk), ==, "Yes");
  g_clear_object (&chunk);

  chunk = mistral_completion_chunk_new_from_json (no_choices, -1, &error);
  g_assert_no_error (error);
  g_assert_null (mistral_completion_chunk_get_thinking (chunk));
}

static void
test_message_json (void)
{
  static const char * const valid[] = {
    "{\"role\":\"system\",\"content\":\"Be brief.\"}",
    "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"},{\"type\":\"image_url\",\"image_url\":\"https://example.com/a.png\"}]}",
    "{\"role\":\"user\",\"content\":null}",
    "{\"role\":\"assistant\",\"content\":\"Hello\",\"prefix\":true}",
    "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"},\"index\":0}]}",
    "{\"role\":\"tool\",\"tool_call_id\":\"a\",\"name\":\"f\",\"content\":\"42\"}",
  };

  static const struct {
    const char *json;
    const char *message;
  } invalid[] = {
    { "[]", "message is a list, expected an object" },
    { "{\"content\":\"x\"}", "role is missing" },
    { "{\"role\":\"robot\"}", "role is \"robot\"" },
    { "{\"role\":\"user\",\"content\":7}", "content is a number" },
    { "{\"role\":\"assistant\",\"tool_calls\":[7]}", "tool_calls[0]" },
    { "{\"role\":\"tool\",\"name\":[]}", "name is a list" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (invalid[i].json, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_null (mistral_chat_message_from_json_node (node, &error));
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
      if (strstr (error->message, invalid[i].message) == NULL)
        g_error ("\"%s\" does not say \"%s\"", error->message, invalid[i].message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (valid[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(MistralChatMessage) message = mistral_chat_message_from_json_node (node, &error);
      g_autoptr(JsonNode) written = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      written = mistral_chat_message_to_json_node (message);
      text = json_to_string (written, FALSE);
      g_assert_cmpstr (text, ==, valid[i]);
    }
}

static void
test_json_parse (void)
{
  static const struct {
    const char *text;
    const char *message;
  } invalid[] = {
    { "", "empty" },
    { "{", "not JSON" },
    { "1 2", "not one value" },
    { "\"\\udc00\"", "surrogate" },
    { "\"\xc3\"", "UTF-8" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = mistral_json_parse ("{\"a\":[1,\"\\u00e9\"]} ", -1, &error);
  g_autofree char *text = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);

  g_assert_no_error (error);
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==, "{\"a\":[1,\"\xc3\xa9\"]}");
  g_clear_pointer (&node, json_node_unref);
  /* The length bounds the text. */
  node = mistral_json_parse ("[1]garbage", 3, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) local_error = NULL;

      g_assert_null (mistral_json_parse (invalid[i].text, -1, &local_error));
      g_assert_error (local_error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
      g_assert_true (g_utf8_validate (local_error->message, -1, NULL));
      if (strstr (local_error->message, invalid[i].message) == NULL)
        g_error ("\"%s\" does not say \"%s\"", local_error->message, invalid[i].message);
    }

  for (guint i = 0; i < 600; i++)
    g_string_append_c (deep, '[');
  g_assert_null (mistral_json_parse (deep->str, -1, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/objects/error/domain", test_error_domain);
  g_test_add_func ("/objects/content-chunk/text", test_chunk_text);
  g_test_add_func ("/objects/content-chunk/construct-only", test_chunk_construct_only);
  g_test_add_func ("/objects/content-chunk/image-url", test_chunk_image_url);
  g_test_add_func ("/objects/content-chunk/image-from-bytes", test_chunk_image_from_bytes);
  g_test_add_func ("/objects/content-chunk/bad-input", test_chunk_image_from_bytes_bad_input);
  g_test_add_func ("/objects/content-chunk/document-file-audio", test_chunk_document_file_audio);
  g_test_add_func ("/objects/content-chunk/reference", test_chunk_reference);
  g_test_add_func ("/objects/content-chunk/thinking", test_chunk_thinking);
  g_test_add_func ("/objects/content-chunk/unknown", test_chunk_unknown);
  g_test_add_func ("/objects/chat-message/roles", test_message_roles);
  g_test_add_func ("/objects/chat-message/content-notify", test_message_content_notify);
  g_test_add_func ("/objects/chat-message/add-chunk", test_message_add_chunk);
  g_test_add_func ("/objects/chat-message/add-chunk-no-text", test_message_add_chunk_no_text);
  g_test_add_func ("/objects/chat-message/thinking-excluded", test_message_thinking_excluded);
  g_test_add_func ("/objects/chat-message/bad-input", test_message_bad_input);
  g_test_add_func ("/objects/chat-message/json", test_message_json);
  g_test_add_func ("/objects/json/parse", test_json_parse);
  g_test_add_func ("/objects/assistant-message/tool-calls", test_assistant_message);
  g_test_add_func ("/objects/assistant-message/thinking", test_assistant_message_thinking);
  g_test_add_func ("/objects/completion-chunk/thinking", test_completion_chunk_thinking);
  g_test_add_func ("/objects/tool-message/properties", test_tool_message);
  g_test_add_func ("/objects/tool-call/properties", test_tool_call_properties);
  g_test_add_func ("/objects/tool-call/parse-arguments", test_tool_call_parse_arguments);
  g_test_add_func ("/objects/tool/properties", test_tool_properties);
  g_test_add_func ("/objects/tool/from-string", test_tool_from_string);
  g_test_add_func ("/objects/response-format/constructors", test_response_format_constructors);
  g_test_add_func ("/objects/usage-info/properties", test_usage_info);
  g_test_add_func ("/objects/chat-completion-choice/properties", test_choice);
  g_test_add_func ("/objects/completion-chunk/content", test_completion_chunk_content);

  return g_test_run ();
}
