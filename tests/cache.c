// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The cache: hits and misses counted by the local server, the exact key,
 * replies and streams replayed exactly, failures never stored, damaged
 * entries ignored and replaced, atomic writes. */

#include <errno.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include <mistral-glib.h>

#include "chunk-describe.h"
#include "mock-server.h"
#include "test-utils.h"

/* A cache in memory that counts its calls and remembers its keys, for the
 * tests of the key and of what is stored. */

#define TEST_TYPE_MEMORY_CACHE (test_memory_cache_get_type ())
G_DECLARE_FINAL_TYPE (TestMemoryCache, test_memory_cache, TEST, MEMORY_CACHE, GObject)

struct _TestMemoryCache
{
  GObject parent_instance;

  GMutex lock;
  GHashTable *entries;      /* key → GBytes */
  GPtrArray *looked_up;     /* every key looked up, in order */
  GPtrArray *stored;        /* every key stored, in order */
  GThread *last_thread;     /* the thread of the last call */
};

static GBytes *
memory_cache_lookup (MistralCache  *cache,
                     const char    *key,
                     GError       **error)
{
  TestMemoryCache *self = TEST_MEMORY_CACHE (cache);
  GBytes *body;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->looked_up, g_strdup (key));
  self->last_thread = g_thread_self ();
  body = g_hash_table_lookup (self->entries, key);
  body = body != NULL ? g_bytes_ref (body) : NULL;
  g_mutex_unlock (&self->lock);

  return body;
}

static gboolean
memory_cache_store (MistralCache  *cache,
                    const char    *key,
                    GBytes        *body,
                    GError       **error)
{
  TestMemoryCache *self = TEST_MEMORY_CACHE (cache);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->stored, g_strdup (key));
  self->last_thread = g_thread_self ();
  g_hash_table_replace (self->entries, g_strdup (key), g_bytes_ref (body));
  g_mutex_unlock (&self->lock);

  return TRUE;
}

static void
test_memory_cache_iface_init (MistralCacheInterface *iface)
{
  iface->lookup = memory_cache_lookup;
  iface->store = memory_cache_store;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMemoryCache, test_memory_cache, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MISTRAL_TYPE_CACHE, test_memory_cache_iface_init))

static void
test_memory_cache_finalize (GObject *object)
{
  TestMemoryCache *self = TEST_MEMORY_CACHE (object);

  g_hash_table_unref (self->entries);
  g_ptr_array_unref (self->looked_up);
  g_ptr_array_unref (self->stored);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (test_memory_cache_parent_class)->finalize (object);
}

static void
test_memory_cache_class_init (TestMemoryCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_memory_cache_finalize;
}

static void
test_memory_cache_init (TestMemoryCache *self)
{
  g_mutex_init (&self->lock);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  self->looked_up = g_ptr_array_new_with_free_func (g_free);
  self->stored = g_ptr_array_new_with_free_func (g_free);
}

/* The fixture: the local server, a client with retries off, and a
 * MistralFileCache on a fresh directory, set on the client. */

typedef struct {
  TestHttp http;
  char *dir_path;
  GFile *dir;
  MistralFileCache *cache;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  test_http_setup (&fixture->http, data);
  fixture->dir_path = g_dir_make_tmp ("mistral-cache-test-XXXXXX", &error);
  g_assert_no_error (error);
  /* A directory the cache makes itself. */
  fixture->dir = g_file_new_build_filename (fixture->dir_path, "cache", NULL);
  fixture->cache = mistral_file_cache_new (fixture->dir);
  mistral_client_set_cache (fixture->http.client, MISTRAL_CACHE (fixture->cache));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_chmod (child, 0700);
      remove_tree (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->cache);
  g_clear_object (&fixture->dir);
  g_chmod (fixture->dir_path, 0700);
  remove_tree (fixture->dir_path);
  g_free (fixture->dir_path);
  test_http_teardown (&fixture->http, data);
}

/* Helpers */

static guint
n_requests (Fixture *fixture)
{
  return mock_server_get_n_requests (fixture->http.server);
}

/* The names in the cache's directory, sorted; empty if it does not exist. */
static GPtrArray *
list_entries (Fixture *fixture)
{
  g_autofree char *path = g_file_get_path (fixture->dir);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return names;
}

static gboolean
is_key (const char *name)
{
  if (strlen (name) != 64)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

/* Asserts the directory holds exactly @n entries and nothing else (no
 * temporary file left behind); returns the path of the first. */
static char *
assert_n_entries (Fixture *fixture,
                  guint    n)
{
  g_autoptr(GPtrArray) names = list_entries (fixture);

  for (guint i = 0; i < names->len; i++)
    g_assert_true (is_key (g_ptr_array_index (names, i)));
  g_assert_cmpuint (names->len, ==, n);
  if (n == 0)
    return NULL;
  {
    g_autofree char *dir = g_file_get_path (fixture->dir);

    return g_build_filename (dir, g_ptr_array_index (names, 0), NULL);
  }
}

/* The SHA-256 of each part preceded by its length as 64 big-endian bits,
 * written out here independently of the library. */
static char *
expected_key_len (const char *method,
                  const char *path,
                  const char *body,
                  gsize       body_length)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *parts[] = { method, path, body != NULL ? body : "" };
  const gsize lengths[] = { strlen (method), strlen (path), body != NULL ? body_length : 0 };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      guint64 length = lengths[i];
      guint8 be[8];

      for (int b = 0; b < 8; b++)
        be[b] = (guint8) (length >> (56 - 8 * b));
      g_checksum_update (checksum, be, 8);
      g_checksum_update (checksum, (const guchar *) parts[i], length);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static char *
expected_key (const char *method,
              const char *path,
              const char *body)
{
  return expected_key_len (method, path, body, body != NULL ? strlen (body) : 0);
}

/* The key of a request the server received, from its exact body. */
static char *
expected_key_of (MockRequest *request)
{
  gsize length;
  const char *body = g_bytes_get_data (request->body, &length);

  return expected_key_len (request->method, request->path, body, length);
}

static void
assert_same_message (MistralAssistantMessage *a,
                     MistralAssistantMessage *b)
{
  GListModel *calls_a = mistral_assistant_message_get_tool_calls (a);
  GListModel *calls_b = mistral_assistant_message_get_tool_calls (b);
  guint n = calls_a != NULL ? g_list_model_get_n_items (calls_a) : 0;

  g_assert_cmpint (mistral_chat_message_get_role (MISTRAL_CHAT_MESSAGE (a)), ==,
                   mistral_chat_message_get_role (MISTRAL_CHAT_MESSAGE (b)));
  g_assert_cmpstr (mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (a)), ==,
                   mistral_chat_message_get_content (MISTRAL_CHAT_MESSAGE (b)));
  g_assert_cmpint (mistral_assistant_message_get_prefix (a), ==, mistral_assistant_message_get_prefix (b));
  g_assert_cmpuint (n, ==, calls_b != NULL ? g_list_model_get_n_items (calls_b) : 0);
  for (guint i = 0; i < n; i++)
    {
      MistralToolCall *ca = test_tool_call_at (a, i);
      MistralToolCall *cb = test_tool_call_at (b, i);

      g_assert_cmpstr (mistral_tool_call_get_id (ca), ==, mistral_tool_call_get_id (cb));
      g_assert_cmpint (mistral_tool_call_get_index (ca), ==, mistral_tool_call_get_index (cb));
      g_assert_cmpstr (mistral_tool_call_get_function_name (ca), ==, mistral_tool_call_get_function_name (cb));
      g_assert_cmpstr (mistral_tool_call_get_arguments (ca), ==, mistral_tool_call_get_arguments (cb));
    }
}

/* Every parsed field but the latency, which is the time the call took. */
static void
assert_same_response (MistralChatCompletionResponse *a,
                      MistralChatCompletionResponse *b)
{
  GListModel *choices_a = mistral_chat_completion_response_get_choices (a);
  GListModel *choices_b = mistral_chat_completion_response_get_choices (b);
  MistralUsageInfo *usage_a = mistral_chat_completion_response_get_usage (a);
  MistralUsageInfo *usage_b = mistral_chat_completion_response_get_usage (b);

  g_assert_cmpstr (mistral_chat_completion_response_get_id (a), ==, mistral_chat_completion_response_get_id (b));
  g_assert_cmpstr (mistral_chat_completion_response_get_object (a), ==,
                   mistral_chat_completion_response_get_object (b));
  g_assert_cmpstr (mistral_chat_completion_response_get_model (a), ==,
                   mistral_chat_completion_response_get_model (b));
  g_assert_true (g_date_time_equal (mistral_chat_completion_response_get_created (a),
                                    mistral_chat_completion_response_get_created (b)));
  g_assert_cmpuint (g_list_model_get_n_items (choices_a), ==, g_list_model_get_n_items (choices_b));
  g_assert_cmpuint (g_list_model_get_n_items (choices_a), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (choices_a); i++)
    {
      MistralChatCompletionChoice *ca = test_choice_at (a, i);
      MistralChatCompletionChoice *cb = test_choice_at (b, i);

      g_assert_cmpuint (mistral_chat_completion_choice_get_index (ca), ==,
                        mistral_chat_completion_choice_get_index (cb));
      g_assert_cmpint (mistral_chat_completion_choice_get_finish_reason (ca), ==,
                       mistral_chat_completion_choice_get_finish_reason (cb));
      assert_same_message (mistral_chat_completion_choice_get_message (ca),
                           mistral_chat_completion_choice_get_message (cb));
    }
  g_assert_true ((usage_a == NULL) == (usage_b == NULL));
  if (usage_a != NULL)
    {
      g_assert_cmpuint (mistral_usage_info_get_prompt_tokens (usage_a), ==,
                        mistral_usage_info_get_prompt_tokens (usage_b));
      g_assert_cmpuint (mistral_usage_info_get_completion_tokens (usage_a), ==,
                        mistral_usage_info_get_completion_tokens (usage_b));
      g_assert_cmpuint (mistral_usage_info_get_total_tokens (usage_a), ==,
                        mistral_usage_info_get_total_tokens (usage_b));
    }
}

static MistralChatCompletionResponse *
chat (Fixture     *fixture,
      const char  *text)
{
  g_autoptr(GError) error = NULL;
  MistralChatCompletionResponse *response = test_chat (fixture->http.client, text, FALSE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (response);
  return response;
}

/* Plain replies */

static void
test_chat_hit (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(MistralChatCompletionResponse) live = chat (fixture, "Hello");
  g_autoptr(MistralChatCompletionResponse) cached = NULL;
  g_autoptr(MistralChatCompletionResponse) cached_async = NULL;
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello");
  g_autoptr(GError) error = NULL;
  g_autofree char *entry = NULL;

  g_assert_cmpuint (n_requests (fixture), ==, 1);
  entry = assert_n_entries (fixture, 1);

  /* Blocking, then async: no request reaches the server. */
  cached = chat (fixture, "Hello");
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  assert_same_response (live, cached);

  cached_async = test_chat_async (fixture->http.client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  assert_same_response (live, cached_async);
  g_free (assert_n_entries (fixture, 1));
}

/* The key: SHA-256 of the length-prefixed method, path and body; the same
 * body hits, one byte different misses, the same body on another path
 * misses. (No cacheable request has a query since the models calls, the
 * only ones with one, are not cached.) */
static void
test_key (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(TestMemoryCache) cache = g_object_new (TEST_TYPE_MEMORY_CACHE, NULL);
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello");
  g_autoptr(MistralChatCompletionResponse) first = NULL;
  g_autoptr(MistralChatCompletionResponse) second = NULL;
  g_autoptr(MistralChatCompletionResponse) other = NULL;
  g_autoptr(MistralModerationResponse) moderation = NULL;
  g_autoptr(MistralModerationResponse) classification = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = mistral_chat_completion_request_to_json (request, &error);
  g_autofree char *key = NULL;
  g_autofree char *other_key = NULL;

  g_assert_no_error (error);
  mistral_client_set_cache (fixture->http.client, MISTRAL_CACHE (cache));
  key = expected_key ("POST", "/v1/chat/completions", body);

  first = chat (fixture, "Hello");
  g_assert_cmpuint (cache->looked_up->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (cache->looked_up, 0), ==, key);
  g_assert_cmpuint (cache->stored->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (cache->stored, 0), ==, key);
  /* On the caller's thread: this one. */
  g_assert_true (cache->last_thread == g_thread_self ());

  second = chat (fixture, "Hello");
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  g_assert_cmpuint (cache->looked_up->len, ==, 2);
  g_assert_cmpuint (cache->stored->len, ==, 1);

  /* "Hellp": one byte of the body differs. */
  other = chat (fixture, "Hellp");
  g_assert_cmpuint (n_requests (fixture), ==, 2);
  other_key = g_strdup (g_ptr_array_index (cache->looked_up, 2));
  g_assert_cmpstr (other_key, !=, key);
  g_assert_cmpuint (cache->stored->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (cache->stored, 1), ==, other_key);

  /* Moderation and classification of the same texts by the same model:
   * the same body on two paths, so two keys, and two requests. */
  moderation = mistral_client_moderate (fixture->http.client, "mistral-moderation-latest",
                                        (const char *[]) { "Hello", NULL }, NULL, &error);
  g_assert_no_error (error);
  classification = mistral_client_classify (fixture->http.client, "mistral-moderation-latest",
                                            (const char *[]) { "Hello", NULL }, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_requests (fixture), ==, 4);
  {
    g_autoptr(MockRequest) moderated = mock_server_get_request (fixture->http.server, 2);
    g_autoptr(MockRequest) classified = mock_server_get_request (fixture->http.server, 3);
    g_autofree char *moderation_key = NULL;
    g_autofree char *classification_key = NULL;

    g_assert_cmpstr (moderated->path, ==, "/v1/moderations");
    g_assert_cmpstr (classified->path, ==, "/v1/classifications");
    g_assert_true (g_bytes_equal (moderated->body, classified->body));
    moderation_key = expected_key_of (moderated);
    classification_key = expected_key_of (classified);
    g_assert_cmpstr (moderation_key, !=, classification_key);
    g_assert_cmpuint (cache->looked_up->len, ==, 5);
    g_assert_cmpstr (g_ptr_array_index (cache->looked_up, 3), ==, moderation_key);
    g_assert_cmpstr (g_ptr_array_index (cache->looked_up, 4), ==, classification_key);
    g_assert_cmpuint (cache->stored->len, ==, 4);
    g_assert_cmpstr (g_ptr_array_index (cache->stored, 2), ==, moderation_key);
    g_assert_cmpstr (g_ptr_array_index (cache->stored, 3), ==, classification_key);
  }
  g_assert_cmpuint (g_list_model_get_n_items (mistral_moderation_response_get_results (moderation)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_moderation_response_get_results (classification)), ==, 1);
}

/* A two-page document for the server's OCR (pages are split at form feeds). */
#define LETTER "Dear Jane,\nThe invoice is paid.\fPage 2"

/* A local file for OCR, in the fixture's directory (removed with it). */
static GFile *
write_document (Fixture    *fixture,
                const char *name,
                const char *text)
{
  g_autofree char *path = g_build_filename (fixture->dir_path, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static MistralOcrResponse *
ocr (Fixture *fixture,
     GFile   *file)
{
  g_autoptr(MistralOcrRequest) request = mistral_ocr_request_new_for_file ("mistral-ocr-latest", file);
  g_autoptr(GError) error = NULL;
  MistralOcrResponse *response = mistral_client_ocr (fixture->http.client, request, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (response);
  return response;
}

static void
assert_same_ocr (MistralOcrResponse *a,
                 MistralOcrResponse *b)
{
  g_autofree char *markdown_a = mistral_ocr_response_get_markdown (a);
  g_autofree char *markdown_b = mistral_ocr_response_get_markdown (b);

  g_assert_cmpstr (mistral_ocr_response_get_model (a), ==, mistral_ocr_response_get_model (b));
  g_assert_cmpuint (mistral_ocr_response_get_pages_processed (a), ==, mistral_ocr_response_get_pages_processed (b));
  g_assert_cmpint (mistral_ocr_response_get_doc_size_bytes (a), ==, mistral_ocr_response_get_doc_size_bytes (b));
  g_assert_cmpuint (g_list_model_get_n_items (mistral_ocr_response_get_pages (a)), ==,
                    g_list_model_get_n_items (mistral_ocr_response_get_pages (b)));
  g_assert_cmpstr (markdown_a, ==, markdown_b);
}

/* The kinds of request that are cached, and the one that is not. */
static void
test_areas (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(TestMemoryCache) cache = g_object_new (TEST_TYPE_MEMORY_CACHE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) document = write_document (fixture, "letter.txt", LETTER);
  g_autoptr(MistralOcrResponse) first_ocr = NULL;
  g_autofree char *ocr_key = NULL;

  mistral_client_set_cache (fixture->http.client, MISTRAL_CACHE (cache));

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(MistralEmbeddingRequest) embedding_request =
        mistral_embedding_request_new ("mistral-embed", (const char *[]) { "A sentence.", NULL });
      g_autoptr(MistralEmbeddingResponse) embeddings = NULL;
      g_autoptr(MistralModerationResponse) moderation = NULL;
      g_autoptr(MistralOcrResponse) read = NULL;
      g_autoptr(MistralFimCompletionRequest) fim_request =
        mistral_fim_completion_request_new ("codestral-latest", "def add(a, b):", NULL);
      g_autoptr(MistralChatCompletionResponse) fim = NULL;

      embeddings = mistral_client_embeddings (fixture->http.client, embedding_request, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (mistral_embedding_response_get_data (embeddings)), ==, 1);
      moderation = mistral_client_moderate (fixture->http.client, "mistral-moderation-latest",
                                            (const char *[]) { "Hello", NULL }, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (mistral_moderation_response_get_results (moderation)), ==, 1);
      fim = mistral_client_fim_completion (fixture->http.client, fim_request, NULL, &error);
      g_assert_no_error (error);
      read = ocr (fixture, document);
      g_assert_cmpuint (mistral_ocr_response_get_pages_processed (read), ==, 2);

      /* The second round comes from the cache. */
      g_assert_cmpuint (n_requests (fixture), ==, 4);
      g_assert_cmpuint (cache->looked_up->len, ==, 4 * (round + 1));
      g_assert_cmpuint (cache->stored->len, ==, 4);
      if (round == 0)
        {
          /* OCR of a local file: the key covers the whole body sent, the
           * file's bytes in base64 included. */
          g_autoptr(MockRequest) sent = mock_server_get_last_request (fixture->http.server);
          g_autofree char *base64 = g_base64_encode ((const guchar *) LETTER, strlen (LETTER));
          g_autofree char *sent_body = g_strndup (g_bytes_get_data (sent->body, NULL), g_bytes_get_size (sent->body));

          g_assert_cmpstr (sent->path, ==, "/v1/ocr");
          g_assert_nonnull (strstr (sent_body, base64));
          ocr_key = expected_key_of (sent);
          g_assert_cmpstr (g_ptr_array_index (cache->looked_up, 3), ==, ocr_key);
          g_assert_cmpstr (g_ptr_array_index (cache->stored, 3), ==, ocr_key);
          first_ocr = g_object_ref (read);
        }
      else
        {
          g_assert_cmpstr (g_ptr_array_index (cache->looked_up, 7), ==, ocr_key);
          assert_same_ocr (first_ocr, read);
        }
    }

  /* Another file, one byte different (same name, same length): another
   * key, a request, and its own reply. */
  {
    g_autoptr(GFile) changed = write_document (fixture, "letter.txt", "Dear Jane,\nThe invoice is paid.\fPage 3");
    g_autoptr(MistralOcrResponse) other = ocr (fixture, changed);
    g_autofree char *markdown = mistral_ocr_response_get_markdown (other);

    g_assert_cmpuint (n_requests (fixture), ==, 5);
    g_assert_cmpuint (cache->looked_up->len, ==, 9);
    g_assert_cmpstr (g_ptr_array_index (cache->looked_up, 8), !=, ocr_key);
    g_assert_cmpuint (cache->stored->len, ==, 5);
    g_assert_nonnull (strstr (markdown, "Page 3"));
  }

  /* A deletion always goes to the server, and never near the cache. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (mistral_client_delete_model (fixture->http.client,
                                                  "ft:open-mistral-7b:587a6b29:20240514:7e773925", NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (n_requests (fixture), ==, 7);
  g_assert_cmpuint (cache->looked_up->len, ==, 9);
  g_assert_cmpuint (cache->stored->len, ==, 5);
}

/* The models calls are never cached, as in the Go client: the models
 * change, and a list reloaded must show it. Entries are planted under the
 * very keys these calls would have, so that a lookup would be seen (in the
 * counts, and in a reply naming "from-the-cache"). */

#define CACHED_LIST "{\"object\":\"list\",\"data\":[{\"id\":\"from-the-cache\",\"object\":\"model\"}]}"
#define CACHED_CARD "{\"id\":\"from-the-cache\",\"object\":\"model\"}"

static void
models_call_all (Fixture  *fixture,
                 guint     expected_requests)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) some = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(MistralModelCard) card = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) all_async = NULL;
  g_autoptr(GError) error = NULL;

  all = mistral_client_list_models (fixture->http.client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 7);
  some = mistral_client_list_models_full (fixture->http.client, "mistralai", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (some), ==, 6);
  found = mistral_client_search_models (fixture->http.client, MISTRAL_MODEL_CAPABILITIES_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 7);
  card = mistral_client_get_model (fixture->http.client, "codestral-2508", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_model_card_get_id (card), ==, "codestral-2508");
  mistral_client_list_models_async (fixture->http.client, NULL, test_async_result_cb, &result);
  all_async = mistral_client_list_models_finish (fixture->http.client, test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all_async), ==, 7);

  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(MistralModelCard) item = g_list_model_get_item (all, i);

      g_assert_cmpstr (mistral_model_card_get_id (item), !=, "from-the-cache");
    }
  g_assert_cmpuint (n_requests (fixture), ==, expected_requests);
}

static void
test_models_not_cached (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TestMemoryCache) cache = g_object_new (TEST_TYPE_MEMORY_CACHE, NULL);
  const char *lists[] = { "/v1/models", "/v1/models?provider=mistralai" };
  g_autofree char *card_key = expected_key ("GET", "/v1/models/codestral-2508", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_hash_table_insert (cache->entries, expected_key ("GET", lists[i], NULL),
                         g_bytes_new_static (CACHED_LIST, strlen (CACHED_LIST)));
  g_hash_table_insert (cache->entries, g_strdup (card_key), g_bytes_new_static (CACHED_CARD, strlen (CACHED_CARD)));
  mistral_client_set_cache (fixture->http.client, MISTRAL_CACHE (cache));

  /* Twice: each call goes to the server both times, and the cache is
   * neither asked nor given anything. */
  models_call_all (fixture, 5);
  models_call_all (fixture, 10);
  g_assert_cmpuint (cache->looked_up->len, ==, 0);
  g_assert_cmpuint (cache->stored->len, ==, 0);

  /* The file cache: nothing is written. */
  mistral_client_set_cache (fixture->http.client, MISTRAL_CACHE (fixture->cache));
  models_call_all (fixture, 15);
  g_free (assert_n_entries (fixture, 0));

  /* While a cacheable call next to them is cached (the cache is in use). */
  mistral_client_set_cache (fixture->http.client, MISTRAL_CACHE (cache));
  {
    g_autoptr(MistralChatCompletionResponse) live = chat (fixture, "Hello");
    g_autoptr(MistralChatCompletionResponse) hit = chat (fixture, "Hello");

    g_assert_cmpuint (n_requests (fixture), ==, 16);
    g_assert_cmpuint (cache->looked_up->len, ==, 2);
    g_assert_cmpuint (cache->stored->len, ==, 1);
  }
}

static void
wait_model_list (MistralModelList *list)
{
  while (mistral_model_list_is_loading (list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (mistral_model_list_get_error (list));
}

/* A MistralModelList on a client with a cache: a reload shows the list
 * the API has now. */
static void
test_model_list_reload (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(TestMemoryCache) cache = g_object_new (TEST_TYPE_MEMORY_CACHE, NULL);
  g_autoptr(MistralModelList) list = NULL;
  g_autoptr(MistralModelCard) first = NULL;
  g_autoptr(MistralModelCard) second = NULL;

  mistral_client_set_cache (fixture->http.client, MISTRAL_CACHE (cache));
  list = mistral_model_list_new (fixture->http.client, MISTRAL_MODEL_CAPABILITIES_NONE);
  wait_model_list (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 7);

  /* The API's list changed: a model was added, the others went away. */
  mock_server_push_reply (fixture->http.server, mock_reply_new_json (200,
    "{\"object\":\"list\",\"data\":["
    "{\"id\":\"mistral-new-2609\",\"object\":\"model\",\"created\":1790000000,\"owned_by\":\"mistralai\","
    "\"capabilities\":{\"completion_chat\":true}},"
    "{\"id\":\"codestral-2508\",\"object\":\"model\",\"created\":1754000000,\"owned_by\":\"mistralai\","
    "\"capabilities\":{\"completion_fim\":true}}]}"));
  mistral_model_list_reload (list);
  wait_model_list (list);
  g_assert_cmpuint (mock_server_get_n_pending_replies (fixture->http.server), ==, 0);
  g_assert_cmpuint (n_requests (fixture), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  second = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpstr (mistral_model_card_get_id (first), ==, "mistral-new-2609");
  g_assert_cmpstr (mistral_model_card_get_id (second), ==, "codestral-2508");

  /* And back to the server's own list on the next reload. */
  mistral_model_list_reload (list);
  wait_model_list (list);
  g_assert_cmpuint (n_requests (fixture), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 7);
  g_assert_cmpuint (cache->looked_up->len, ==, 0);
  g_assert_cmpuint (cache->stored->len, ==, 0);
}

/* Streams */

typedef struct {
  GPtrArray *descriptions;
  guint cancel_after;       /* cancel this once that many chunks came; 0: never */
  GCancellable *cancellable;
} ChunkLog;

static void
on_chunk (MistralChatCompletionStream *stream,
          MistralCompletionChunk      *chunk,
          ChunkLog                    *log)
{
  g_ptr_array_add (log->descriptions, chunk_describe (chunk, NULL));
  if (log->cancel_after != 0 && log->descriptions->len == log->cancel_after)
    g_cancellable_cancel (log->cancellable);
}

/* Runs a stream of "Hello" (blocking, or async), logging its chunks. */
static MistralChatCompletionResponse *
run_stream (Fixture       *fixture,
            gboolean       async,
            ChunkLog      *log,
            GError       **error)
{
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello");
  g_autoptr(MistralChatCompletionStream) stream = mistral_client_chat_completion_stream (fixture->http.client,
                                                                                         request);

  g_signal_connect (stream, "chunk", G_CALLBACK (on_chunk), log);
  if (async)
    return test_stream_run_async (stream, log->cancellable, error);
  return mistral_chat_completion_stream_run (stream, log->cancellable, error);
}

static void
assert_same_log (GPtrArray *a,
                 GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

static void
test_stream_replay (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) live_log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cached_log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) async_log = g_ptr_array_new_with_free_func (g_free);
  ChunkLog live = { live_log }, cached = { cached_log }, async = { async_log };
  g_autoptr(MistralChatCompletionResponse) live_response = NULL;
  g_autoptr(MistralChatCompletionResponse) cached_response = NULL;
  g_autoptr(MistralChatCompletionResponse) async_response = NULL;
  g_autoptr(MistralChatCompletionResponse) plain = NULL;
  g_autoptr(GError) error = NULL;

  live_response = run_stream (fixture, FALSE, &live, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (live_log->len, >, 2);
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  g_free (assert_n_entries (fixture, 1));

  cached_response = run_stream (fixture, FALSE, &cached, &error);
  g_assert_no_error (error);
  async_response = run_stream (fixture, TRUE, &async, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_requests (fixture), ==, 1);

  /* The same chunks, in the same order, and the same accumulated reply. */
  assert_same_log (live_log, cached_log);
  assert_same_log (live_log, async_log);
  assert_same_response (live_response, cached_response);
  assert_same_response (live_response, async_response);

  /* The plain request's body differs ("stream": false): its own entry. */
  plain = chat (fixture, "Hello");
  g_assert_cmpuint (n_requests (fixture), ==, 2);
  g_free (assert_n_entries (fixture, 2));
}

/* Pulled chunk by chunk, a cached stream gives the same chunks, then NULL. */
static void
test_stream_pull (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) live_log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) pulled = g_ptr_array_new_with_free_func (g_free);
  ChunkLog live = { live_log };
  g_autoptr(MistralChatCompletionResponse) live_response = NULL;
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello");
  g_autoptr(MistralChatCompletionStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  live_response = run_stream (fixture, FALSE, &live, &error);
  g_assert_no_error (error);

  stream = mistral_client_chat_completion_stream (fixture->http.client, request);
  for (;;)
    {
      g_autoptr(MistralCompletionChunk) chunk = mistral_chat_completion_stream_next_chunk (stream, NULL, &error);

      g_assert_no_error (error);
      if (chunk == NULL)
        break;
      g_ptr_array_add (pulled, chunk_describe (chunk, NULL));
    }
  g_assert_cmpuint (n_requests (fixture), ==, 1);
  assert_same_log (live_log, pulled);
}

/* A hit that is cancelled before it returns ends cancelled; so does a
 * cached stream cancelled from its chunk handler, which then sends no
 * further chunk. */
static void
test_cancel_hit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(MistralChatCompletionResponse) live = chat (fixture, "Hello");
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MistralChatCompletionResponse) response = NULL;
  g_autoptr(GPtrArray) live_log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cut_log = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GCancellable) stream_cancellable = g_cancellable_new ();
  ChunkLog live_stream = { live_log };
  ChunkLog cut = { cut_log, 1, stream_cancellable };
  g_autoptr(MistralChatCompletionResponse) streamed = NULL;
  g_autoptr(GError) error = NULL;

  mistral_client_chat_completion_async (fixture->http.client, request, cancellable, test_async_result_cb, &result);
  g_cancellable_cancel (cancellable);
  response = mistral_client_chat_completion_finish (fixture->http.client, test_wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (response);
  g_clear_error (&error);

  /* Already cancelled. */
  response = mistral_client_chat_completion (fixture->http.client, request, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  streamed = run_stream (fixture, FALSE, &live_stream, &error);
  g_assert_no_error (error);
  g_clear_object (&streamed);
  g_assert_cmpuint (n_requests (fixture), ==, 2);

  streamed = run_stream (fixture, TRUE, &cut, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (streamed);
  g_assert_cmpuint (cut_log->len, ==, 1);
  g_assert_cmpuint (n_requests (fixture), ==, 2);
}

/* A hit takes no token of the rate limiter. */
static void
test_no_rate_limit (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(MistralChatCompletionResponse) live = NULL;
  gint64 start;

  mistral_client_set_rate_limit (fixture->http.client, 0.1);
  live = chat (fixture, "Hello");

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(MistralChatCompletionResponse) cached = chat (fixture, "Hello");
    }
  /* A request that waited for a token would take 10 s. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (n_requests (fixture), ==, 1);
}

/* Failures are never stored */

static void
assert_nothing_stored (Fixture         *fixture,
                       TestMemoryCache *cache)
{
  g_assert_cmpuint (cache->stored->len, ==, 0);
  g_free (assert_n_entries (fixture, 0));
}

static void
test_failures (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TestMemoryCache) memory = g_object_new (TEST_TYPE_MEMORY_CACHE, NULL);
  MockServer *server = fixture->http.server;
  g_autoptr(GError) error = NULL;
  static const guint statuses[] = { 400, 401, 404, 422, 429, 500, 503 };

  /* Both caches see the same requests: the file cache on the client, the
   * memory one through a second client. */
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(MistralChatCompletionResponse) response = NULL;

      mock_server_push_reply (server, test_reply_body (statuses[i], "application/json",
                                                       "{\"object\":\"error\",\"message\":\"No\",\"type\":\"x\"}"));
      response = test_chat (fixture->http.client, "Hello", FALSE, NULL, &error);
      g_assert_null (response);
      g_assert_nonnull (error);
      g_assert_true (error->domain == MISTRAL_ERROR);
      g_clear_error (&error);
    }

  /* A 200 that is not a reply. */
  mock_server_push_reply (server, test_reply_body (200, "application/json", "{\"id\": 12}"));
  g_assert_null (test_chat (fixture->http.client, "Hello", FALSE, NULL, &error));
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  mistral_client_set_cache (fixture->http.client, MISTRAL_CACHE (memory));

  /* A timeout. */
  {
    MockReply *slow = mock_reply_new_json (200, "{}");

    mock_reply_set_delay_ms (slow, 3000);
    mock_server_push_reply (server, slow);
    mistral_client_set_timeout (fixture->http.client, 1);
    g_assert_null (test_chat (fixture->http.client, "Hello", FALSE, NULL, &error));
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_TIMEOUT);
    g_clear_error (&error);
    mistral_client_set_timeout (fixture->http.client, 30);
  }

  /* A stream cut short (no [DONE]), one cut mid-event, and one with an
   * error event. */
  {
    MockReply *truncated = test_reply_events (TEST_EVENT ("Hel"), TEST_EVENT ("lo"), NULL);
    MockReply *cut = test_reply_events (TEST_EVENT ("Hel"), TEST_EVENT ("lo"), TEST_LAST_EVENT, NULL);
    MockReply *failed = test_reply_events (TEST_EVENT ("Hel"),
                                           "{\"object\":\"error\",\"message\":\"Overloaded\",\"type\":\"x\"}",
                                           NULL);

    mock_reply_set_done (truncated, FALSE);
    mock_reply_set_close_after (cut, 2);
    mock_reply_set_close_mid_event (cut, TRUE);
    mock_server_push_reply (server, truncated);
    mock_server_push_reply (server, cut);
    mock_server_push_reply (server, failed);
    for (guint i = 0; i < 3; i++)
      {
        g_assert_null (test_chat (fixture->http.client, "Hello", TRUE, NULL, &error));
        g_assert_nonnull (error);
        g_clear_error (&error);
      }
  }

  /* A stream cancelled from its handler after its first chunk. */
  {
    g_autoptr(GPtrArray) log = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    ChunkLog cut = { log, 1, cancellable };

    g_assert_null (run_stream (fixture, TRUE, &cut, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  assert_nothing_stored (fixture, memory);
  g_assert_cmpuint (mock_server_get_n_pending_replies (server), ==, 0);

  /* And then a good reply is stored, and is what a retry gets. */
  {
    g_autoptr(MistralChatCompletionResponse) good = chat (fixture, "Hello");
    g_autoptr(MistralChatCompletionResponse) again = chat (fixture, "Hello");
    guint n = n_requests (fixture);

    g_assert_cmpuint (memory->stored->len, ==, 1);
    assert_same_response (good, again);
    g_clear_object (&again);
    again = chat (fixture, "Hello");
    g_assert_cmpuint (n_requests (fixture), ==, n);
  }
}

/* Damaged entries */

typedef enum {
  DAMAGE_TRUNCATE,
  DAMAGE_GARBAGE,
  DAMAGE_EMPTY,
  DAMAGE_CHECKSUM,
  DAMAGE_TRAILING,
  DAMAGE_FOREIGN_KEY,
  DAMAGE_DIRECTORY,
  DAMAGE_VERSION,
  DAMAGE_LENGTH,
} Damage;

static void
damage_entry (const char *path,
              Damage      damage,
              const char *other_entry)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 84);

  switch (damage)
    {
    case DAMAGE_TRUNCATE:
      length = length / 2 + 40;
      break;
    case DAMAGE_GARBAGE:
      for (gsize i = 0; i < length; i++)
        contents[i] = (char) g_test_rand_int_range (0, 256);
      break;
    case DAMAGE_EMPTY:
      length = 0;
      break;
    case DAMAGE_CHECKSUM:
      /* One byte of the body, in the reply's id: the JSON stays valid. */
      contents[84 + 8] ^= 0x01;
      break;
    case DAMAGE_TRAILING:
      contents = g_realloc (contents, length + 2);
      memcpy (contents + length, "{}", 2);
      length += 2;
      break;
    case DAMAGE_FOREIGN_KEY:
      /* Another key's good entry, under this name. */
      g_free (contents);
      g_assert_true (g_file_get_contents (other_entry, &contents, &length, NULL));
      break;
    case DAMAGE_DIRECTORY:
      {
        g_autofree char *inside = g_build_filename (path, "stray", NULL);

        g_assert_cmpint (g_remove (path), ==, 0);
        g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
        g_assert_true (g_file_set_contents (inside, "x", 1, NULL));
      }
      return;
    case DAMAGE_VERSION:
      contents[11] = 2;
      break;
    case DAMAGE_LENGTH:
      /* The header claims 60 MiB (under the cache's limit), the file has
       * a few hundred bytes. */
      memcpy (contents + 44, "\0\0\0\0\x03\xc0\0\0", 8);
      break;
    }

  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  Damage damage = GPOINTER_TO_INT (data);
  g_autoptr(MistralChatCompletionResponse) live = chat (fixture, "Hello");
  g_autoptr(MistralChatCompletionResponse) other = chat (fixture, "Hi");
  g_autoptr(MistralChatCompletionResponse) after = NULL;
  g_autoptr(MistralChatCompletionResponse) hit = NULL;
  g_autoptr(GPtrArray) names = list_entries (fixture);
  g_autoptr(TestMemoryCache) memory = g_object_new (TEST_TYPE_MEMORY_CACHE, NULL);
  g_autofree char *dir = g_file_get_path (fixture->dir);
  g_autofree char *hello_path = NULL;
  g_autofree char *other_path = NULL;
  g_autoptr(MistralChatCompletionRequest) request = test_hello_request ("Hello");
  g_autoptr(GError) error = NULL;
  g_autofree char *body = mistral_chat_completion_request_to_json (request, &error);
  g_autofree char *key = expected_key ("POST", "/v1/chat/completions", body);
  g_autoptr(GBytes) looked_up = NULL;

  g_assert_cmpuint (names->len, ==, 2);
  hello_path = g_build_filename (dir, key, NULL);
  g_assert_true (g_file_test (hello_path, G_FILE_TEST_IS_REGULAR));
  other_path = g_build_filename (dir, g_strcmp0 (g_ptr_array_index (names, 0), key) == 0 ?
                                      g_ptr_array_index (names, 1) : g_ptr_array_index (names, 0), NULL);

  damage_entry (hello_path, damage, other_path);

  /* The cache itself calls it a miss, with a reason. */
  looked_up = mistral_cache_lookup (MISTRAL_CACHE (fixture->cache), key, &error);
  g_assert_null (looked_up);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The request goes to the network, and its reply replaces the entry. */
  after = chat (fixture, "Hello");
  g_assert_cmpuint (n_requests (fixture), ==, 3);
  /* The server gives each reply an id of its own: this one is new. */
  g_assert_cmpstr (mistral_chat_completion_response_get_id (after), !=,
                   mistral_chat_completion_response_get_id (live));
  g_assert_true (g_file_test (hello_path, G_FILE_TEST_IS_REGULAR));
  g_free (assert_n_entries (fixture, 2));

  hit = chat (fixture, "Hello");
  g_assert_cmpuint (n_requests (fixture), ==, 3);
  assert_same_response (after, hit);
}

/* A cache that cannot be used: the requests work, nothing is kept. */
static void
test_unusable_directory (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_file_get_path (fixture->dir);
  g_autoptr(GError) error = NULL;

  /* A file where the directory should be. */
  g_assert_true (g_file_set_contents (path, "not a directory", -1, &error));
  for (guint i = 1; i <= 2; i++)
    {
      g_autoptr(MistralChatCompletionResponse) response = chat (fixture, "Hello");

      g_assert_cmpstr (test_reply_text (response), !=, NULL);
      g_assert_cmpuint (n_requests (fixture), ==, i);
    }
  g_assert_cmpint (g_remove (path), ==, 0);

  /* A directory that may not be read or written: only for a user whom
   * permissions bind (root reads everything). */
  if (geteuid () == 0)
    {
      g_test_message ("running as root: the unreadable directory is not tested");
      return;
    }
  g_assert_cmpint (g_mkdir (path, 0000), ==, 0);
  for (guint i = 3; i <= 4; i++)
    {
      g_autoptr(MistralChatCompletionResponse) response = chat (fixture, "Hello");

      g_assert_cmpuint (n_requests (fixture), ==, i);
    }
  g_assert_cmpint (g_chmod (path, 0700), ==, 0);
  {
    g_autoptr(MistralChatCompletionResponse) stored = chat (fixture, "Hello");
    g_autoptr(MistralChatCompletionResponse) hit = chat (fixture, "Hello");

    g_assert_cmpuint (n_requests (fixture), ==, 5);
  }
}

/* Atomic writes: two threads write one key over and over while a third
 * reads it; every read is one of the two bodies whole, or a miss (the
 * first time), and no temporary file is left. */

typedef struct {
  MistralCache *cache;
  const char *key;
  GBytes *body;
  guint n;
  gint *n_done;
} Writer;

static gpointer
writer_thread (gpointer user_data)
{
  Writer *writer = user_data;

  for (guint i = 0; i < writer->n; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (mistral_cache_store (writer->cache, writer->key, writer->body, &error));
      g_assert_no_error (error);
    }
  g_atomic_int_inc (writer->n_done);
  return NULL;
}

static void
test_concurrent_writers (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *key = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  Writer writers[2];
  GThread *threads[2];
  guint n_hits = 0;
  gint n_done = 0;

  /* Bodies large enough that a write takes several system calls. */
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (big, "%u,", i);
  a = g_bytes_new (big->str, big->len);
  g_string_replace (big, ",", ";", 0);
  b = g_bytes_new (big->str, big->len);

  for (guint i = 0; i < 2; i++)
    {
      writers[i] = (Writer) { MISTRAL_CACHE (fixture->cache), key, i == 0 ? a : b, 100, &n_done };
      threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
    }

  /* Reads for as long as the writers write. */
  while (g_atomic_int_get (&n_done) < 2)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) read = mistral_cache_lookup (MISTRAL_CACHE (fixture->cache), key, &error);

      g_assert_no_error (error);
      if (read != NULL)
        {
          g_assert_true (g_bytes_equal (read, a) || g_bytes_equal (read, b));
          n_hits++;
        }
    }
  g_test_message ("%u reads hit while the writers wrote", n_hits);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) last = mistral_cache_lookup (MISTRAL_CACHE (fixture->cache), key, &error);

    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (last, a) || g_bytes_equal (last, b));
  }
  g_free (assert_n_entries (fixture, 1));
}

/* What is not a key is refused, so it can never name another file. */
static void
test_bad_keys (Fixture       *fixture,
               gconstpointer  data)
{
  static const char * const keys[] = {
    "", "../../etc/passwd", "0123", "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg",
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
  };
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) found = NULL;

      g_assert_false (mistral_cache_store (MISTRAL_CACHE (fixture->cache), keys[i], body, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
      found = mistral_cache_lookup (MISTRAL_CACHE (fixture->cache), keys[i], &error);
      g_assert_null (found);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
  g_free (assert_n_entries (fixture, 0));
}

/* The property, and the debug log of hits and misses. */
static void
test_property_and_log (Fixture       *fixture,
                       gconstpointer  data)
{
  MistralClient *client = fixture->http.client;
  g_autoptr(MistralCache) dup = mistral_client_dup_cache (client);
  g_autoptr(MistralCache) from_property = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  guint n_notify = 0;
  guint n_hit = 0, n_miss = 0;

  g_assert_true (dup == MISTRAL_CACHE (fixture->cache));
  g_assert_true (mistral_client_get_cache (client) == MISTRAL_CACHE (fixture->cache));
  g_object_get (client, "cache", &from_property, NULL);
  g_assert_true (from_property == MISTRAL_CACHE (fixture->cache));
  g_assert_true (mistral_file_cache_get_directory (fixture->cache) == fixture->dir);

  g_signal_connect_swapped (client, "notify::cache", G_CALLBACK (count_notify), &n_notify);
  mistral_client_set_cache (client, MISTRAL_CACHE (fixture->cache));
  g_assert_cmpuint (n_notify, ==, 0);
  mistral_client_set_cache (client, NULL);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_null (mistral_client_dup_cache (client));
  {
    g_autoptr(MistralChatCompletionResponse) uncached = chat (fixture, "Hello");
  }
  g_free (assert_n_entries (fixture, 0));
  g_object_set (client, "cache", fixture->cache, NULL);
  g_assert_cmpuint (n_notify, ==, 2);

  g_ptr_array_unref (test_log_capture_take ());
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(MistralChatCompletionResponse) response = chat (fixture, "Hello");
    }
  lines = test_log_capture_take ();
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      n_hit += strstr (line, "Cache: hit for POST /v1/chat/completions") != NULL;
      n_miss += strstr (line, "Cache: miss for POST /v1/chat/completions") != NULL;
    }
  g_assert_cmpuint (n_miss, ==, 1);
  g_assert_cmpuint (n_hit, ==, 1);
}

/* A file cache without a directory given uses the user's cache directory. */
static void
test_default_directory (void)
{
  g_autoptr(MistralFileCache) cache = g_object_new (MISTRAL_TYPE_FILE_CACHE, NULL);
  g_autofree char *expected = g_build_filename (g_get_user_cache_dir (), "mistral-glib", NULL);
  g_autofree char *path = g_file_get_path (mistral_file_cache_get_directory (cache));

  g_assert_cmpstr (path, ==, expected);
}

int
main (int    argc,
      char **argv)
{
  test_log_capture_install ();
  g_test_init (&argc, &argv, NULL);

  TEST_ADD ("/cache/chat/hit", test_chat_hit);
  TEST_ADD ("/cache/key", test_key);
  TEST_ADD ("/cache/areas", test_areas);
  TEST_ADD ("/cache/models/not-cached", test_models_not_cached);
  TEST_ADD ("/cache/models/list-reload", test_model_list_reload);
  TEST_ADD ("/cache/stream/replay", test_stream_replay);
  TEST_ADD ("/cache/stream/pull", test_stream_pull);
  TEST_ADD ("/cache/cancel", test_cancel_hit);
  TEST_ADD ("/cache/rate-limit", test_no_rate_limit);
  TEST_ADD ("/cache/failures", test_failures);
  g_test_add ("/cache/damaged/truncated", Fixture, GINT_TO_POINTER (DAMAGE_TRUNCATE), fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/cache/damaged/garbage", Fixture, GINT_TO_POINTER (DAMAGE_GARBAGE), fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/cache/damaged/empty", Fixture, GINT_TO_POINTER (DAMAGE_EMPTY), fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/cache/damaged/checksum", Fixture, GINT_TO_POINTER (DAMAGE_CHECKSUM), fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/cache/damaged/trailing", Fixture, GINT_TO_POINTER (DAMAGE_TRAILING), fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/cache/damaged/foreign-key", Fixture, GINT_TO_POINTER (DAMAGE_FOREIGN_KEY), fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/cache/damaged/directory", Fixture, GINT_TO_POINTER (DAMAGE_DIRECTORY), fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/cache/damaged/version", Fixture, GINT_TO_POINTER (DAMAGE_VERSION), fixture_setup, test_damaged, fixture_teardown);
  g_test_add ("/cache/damaged/length", Fixture, GINT_TO_POINTER (DAMAGE_LENGTH), fixture_setup, test_damaged, fixture_teardown);
  TEST_ADD ("/cache/unusable-directory", test_unusable_directory);
  TEST_ADD ("/cache/concurrent-writers", test_concurrent_writers);
  TEST_ADD ("/cache/bad-keys", test_bad_keys);
  TEST_ADD ("/cache/property-and-log", test_property_and_log);
  g_test_add_func ("/cache/default-directory", test_default_directory);

  return g_test_run ();
}
