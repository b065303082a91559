// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * files.c: POST and GET /v1/files, GET and DELETE /v1/files/{file_id},
 * GET /v1/files/{file_id}/content and /url (API-NOTES.md §7; the OpenAPI
 * schemas MultiPartBodyParams, CreateFileResponse, ListFilesResponse,
 * GetFileResponse, DeleteFileResponse, GetSignedUrlResponse).
 *
 * An upload is parsed with libsoup's SoupMultipart; its content is kept
 * in a temporary directory of the server's own, removed with the server.
 * Ids are UUIDs, as the API's path parameter requires (422 otherwise); an
 * unknown one is a 404 with the API's error body.
 *
 * Fault modes for downloads, by id (mock-server.h): MOCK_FILE_RESET_ID
 * sends half of its MOCK_FILE_FAULT_SIZE bytes and resets the connection,
 * MOCK_FILE_TRUNCATED_ID sends half and closes cleanly (its Content-Length
 * says the whole), MOCK_FILE_STALL_ID sends half and then nothing until
 * the client goes, MOCK_FILE_CHUNKED_TRUNCATED_ID sends half, chunked
 * (no Content-Length), then the start of a chunk, and closes cleanly.
 * MOCK_FILE_CHUNKED_ID is a whole download, chunked, with no
 * Content-Length. MOCK_FILE_GZIP_ID is a whole download, gzip-coded, whose
 * Content-Length is the coded size.
 */

#include "mock-server-private.h"

#include <glib/gstdio.h>
#include <sys/socket.h>

#define FILES_PATH "/v1/files"

typedef struct {
  char *id;
  char *filename;
  char *purpose;          /* or NULL */
  char *path;             /* the content, in the store's directory */
  gint64 bytes;
  gint64 created_at;
  gint64 num_lines;       /* of a .jsonl file, else -1 */
} StoredFile;

typedef struct {
  char *dir;
  GPtrArray *files;       /* StoredFile*, oldest first */
  GPtrArray *stalled;     /* GIOStream*: stalled downloads, closed with the store */
} FileStore;

static void
stored_file_free (StoredFile *file)
{
  g_unlink (file->path);
  g_free (file->id);
  g_free (file->filename);
  g_free (file->purpose);
  g_free (file->path);
  g_free (file);
}

static void
close_stream (gpointer stream)
{
  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

static void
file_store_free (FileStore *store)
{
  g_ptr_array_unref (store->files);
  g_ptr_array_unref (store->stalled);
  g_rmdir (store->dir);
  g_free (store->dir);
  g_free (store);
}

/* The server's store, made at its first use, freed with its SoupServer. */
static FileStore *
file_store (MockServer *self)
{
  FileStore *store = g_object_get_data (G_OBJECT (self->server), "mock-files");

  if (store == NULL)
    {
      g_autoptr(GError) error = NULL;

      store = g_new0 (FileStore, 1);
      store->dir = g_dir_make_tmp ("mistral-mock-files-XXXXXX", &error);
      g_assert_no_error (error);
      store->files = g_ptr_array_new_with_free_func ((GDestroyNotify) stored_file_free);
      store->stalled = g_ptr_array_new_with_free_func (close_stream);
      g_object_set_data_full (G_OBJECT (self->server), "mock-files", store, (GDestroyNotify) file_store_free);
    }
  return store;
}

static const char * const purposes[] = { "fine-tune", "batch", "ocr", NULL };
static const char * const sample_types[] = { "pretrain", "instruct", "batch_request", "batch_result",
                                             "batch_error", NULL };
static const char * const sources[] = { "upload", "repository", "mistral", NULL };

static JsonObject *
file_object (StoredFile *file)
{
  JsonObject *object = json_object_new ();
  gboolean jsonl = g_str_has_suffix (file->filename, ".jsonl");

  json_object_set_string_member (object, "id", file->id);
  json_object_set_string_member (object, "object", "file");
  json_object_set_int_member (object, "bytes", file->bytes);
  json_object_set_int_member (object, "created_at", file->created_at);
  json_object_set_string_member (object, "filename", file->filename);
  if (file->purpose != NULL)
    json_object_set_string_member (object, "purpose", file->purpose);
  else
    json_object_set_null_member (object, "purpose");
  json_object_set_string_member (object, "sample_type",
                                 g_strcmp0 (file->purpose, "batch") == 0 ? "batch_request" : "instruct");
  json_object_set_string_member (object, "source", "upload");
  if (file->num_lines >= 0)
    json_object_set_int_member (object, "num_lines", file->num_lines);
  else
    json_object_set_null_member (object, "num_lines");
  json_object_set_string_member (object, "mimetype", jsonl ? "application/jsonl" : "application/octet-stream");
  json_object_set_null_member (object, "signature");
  json_object_set_null_member (object, "expires_at");
  json_object_set_string_member (object, "visibility", "workspace");
  return object;
}

/* The loc [@where, @name] of a validation error (mock_loc_new() copies
 * its parent: the outer one is freed here). */
static JsonArray *
files_loc (const char *where,
           const char *name)
{
  g_autoptr(JsonArray) parent = mock_loc_new (NULL, where, 0);

  return mock_loc_new (parent, name, 0);
}

static void
serve_object (MockServer        *self,
              SoupServerMessage *msg,
              JsonObject        *object)
{
  g_autofree char *text = mock_object_to_string (object);

  json_object_unref (object);
  mock_serve_reply (self, msg, mock_reply_new_json (SOUP_STATUS_OK, text));
}

static void
serve_detail (MockServer        *self,
              SoupServerMessage *msg,
              JsonArray         *detail)
{
  mock_serve_reply (self, msg, mock_validation_reply (detail));
  json_array_unref (detail);
}

/* POST /v1/files ------------------------------------------------------------ */

static gint64
count_lines (GBytes *content)
{
  gsize size;
  const char *data = g_bytes_get_data (content, &size);
  gint64 lines = 0;

  for (gsize i = 0; i < size; i++)
    lines += data[i] == '\n';
  return lines + (size > 0 && data[size - 1] != '\n');
}

/* Keeps @content as a new file of the store. */
static StoredFile *
stored_file_add (MockServer *self,
                 const char *filename,
                 const char *purpose,
                 GBytes     *content)
{
  FileStore *store = file_store (self);
  StoredFile *file = g_new0 (StoredFile, 1);
  g_autoptr(GError) error = NULL;

  file->id = g_uuid_string_random ();
  file->filename = g_strdup (filename);
  file->purpose = g_strdup (purpose);
  file->path = g_build_filename (store->dir, file->id, NULL);
  file->bytes = g_bytes_get_size (content);
  file->created_at = g_get_real_time () / G_USEC_PER_SEC;
  file->num_lines = g_str_has_suffix (file->filename, ".jsonl") ? count_lines (content) : -1;
  if (!g_file_set_contents (file->path, g_bytes_get_data (content, NULL), g_bytes_get_size (content), &error))
    g_error ("mock server: cannot keep a file: %s", error->message);
  g_ptr_array_add (store->files, file);
  return file;
}

static void
serve_upload (MockServer        *self,
              SoupServerMessage *msg,
              JsonObject        *body)
{
  g_autoptr(GBytes) raw = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  SoupMultipart *multipart =
    soup_multipart_new_from_message (soup_server_message_get_request_headers (msg), raw);
  JsonArray *detail = json_array_new ();
  GBytes *content = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *purpose = NULL;
  StoredFile *file;

  if (multipart == NULL)
    {
      mock_add_error (detail, "missing", files_loc ("body", "file"),
                      "Field required", NULL, NULL);
      serve_detail (self, msg, detail);
      return;
    }

  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GBytes *part;
      g_autofree char *disposition = NULL;
      GHashTable *params = NULL;
      const char *name;

      soup_multipart_get_part (multipart, i, &headers, &part);
      if (!soup_message_headers_get_content_disposition (headers, &disposition, &params))
        continue;
      name = g_hash_table_lookup (params, "name");
      if (g_strcmp0 (name, "file") == 0 && content == NULL)
        {
          content = g_bytes_ref (part);
          filename = g_strdup (g_hash_table_lookup (params, "filename"));
        }
      else if (g_strcmp0 (name, "purpose") == 0)
        purpose = g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
      g_hash_table_unref (params);
    }
  soup_multipart_free (multipart);

  if (content == NULL)
    mock_add_error (detail, "missing", files_loc ("body", "file"),
                    "Field required", NULL, NULL);
  if (purpose != NULL && !mock_strv_has (purposes, purpose))
    {
      g_autoptr(JsonNode) input = json_node_new (JSON_NODE_VALUE);

      json_node_set_string (input, purpose);
      mock_add_error (detail, "enum", files_loc ("body", "purpose"),
                      "Input should be 'fine-tune', 'batch' or 'ocr'", input, NULL);
    }
  if (json_array_get_length (detail) > 0)
    {
      g_clear_pointer (&content, g_bytes_unref);
      serve_detail (self, msg, detail);
      return;
    }
  json_array_unref (detail);

  file = stored_file_add (self, filename != NULL ? filename : "upload", purpose, content);
  g_bytes_unref (content);

  serve_object (self, msg, file_object (file));
}

/* For batch.c: a file the server itself writes (a job's results). */
char *
mock_files_add (MockServer *self,
                const char *filename,
                const char *purpose,
                GBytes     *content)
{
  return g_strdup (stored_file_add (self, filename, purpose, content)->id);
}

/* For batch.c: the content of file @id, or NULL when there is none. */
GBytes *
mock_files_read (MockServer *self,
                 const char *id)
{
  FileStore *store = file_store (self);

  for (guint i = 0; i < store->files->len; i++)
    {
      StoredFile *file = store->files->pdata[i];
      g_autoptr(GMappedFile) mapped = NULL;

      if (g_ascii_strcasecmp (file->id, id) != 0)
        continue;
      mapped = g_mapped_file_new (file->path, FALSE, NULL);
      return mapped != NULL ? g_mapped_file_get_bytes (mapped) : g_bytes_new (NULL, 0);
    }
  return NULL;
}

/* GET /v1/files ------------------------------------------------------------- */

/* The values of @name in the query, in order (a list parameter repeats). */
GPtrArray *
mock_query_values (const char *query,
                   const char *name)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) pairs = g_strsplit (query != NULL ? query : "", "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');

      if (eq == NULL)
        continue;
      *eq = '\0';
      if (strcmp (pairs[i], name) == 0)
        g_ptr_array_add (values, g_uri_unescape_string (eq + 1, NULL));
    }
  return values;
}

/* A non-negative integer query parameter, or @fallback; FALSE (with its
 * error in @detail) when it is not one. */
static gboolean
query_int (JsonArray  *detail,
           const char *query,
           const char *name,
           gint64     *out)
{
  g_autoptr(GPtrArray) values = mock_query_values (query, name);
  guint64 value;

  if (values->len == 0)
    return TRUE;
  if (!g_ascii_string_to_unsigned (values->pdata[0], 10, 0, G_MAXINT, &value, NULL))
    {
      g_autoptr(JsonNode) input = json_node_new (JSON_NODE_VALUE);

      json_node_set_string (input, values->pdata[0]);
      mock_add_error (detail, "int_parsing", files_loc ("query", name),
                      "Input should be a valid integer, unable to parse string as an integer", input, NULL);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static void
query_check_enum (JsonArray          *detail,
                  GPtrArray          *values,
                  const char         *name,
                  const char * const *allowed)
{
  for (guint i = 0; i < values->len; i++)
    if (!mock_strv_has (allowed, values->pdata[i]))
      {
        g_autoptr(JsonNode) input = json_node_new (JSON_NODE_VALUE);

        json_node_set_string (input, values->pdata[i]);
        g_autoptr(JsonArray) parent = files_loc ("query", name);

        mock_add_error (detail, "enum", mock_loc_new (parent, NULL, i),
                        "Input should be one of the enumerated values", input, NULL);
      }
}

static gboolean
values_have (GPtrArray  *values,
             const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_strcmp0 (values->pdata[i], value) == 0)
      return TRUE;
  return FALSE;
}

static void
serve_list (MockServer        *self,
            SoupServerMessage *msg,
            JsonObject        *body)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  FileStore *store = file_store (self);
  JsonArray *detail = json_array_new ();
  gint64 page = 0, page_size = 100;
  g_autoptr(GPtrArray) purpose = mock_query_values (query, "purpose");
  g_autoptr(GPtrArray) search = mock_query_values (query, "search");
  g_autoptr(GPtrArray) sample_type = mock_query_values (query, "sample_type");
  g_autoptr(GPtrArray) source = mock_query_values (query, "source");
  g_autoptr(GPtrArray) mimetypes = mock_query_values (query, "mimetypes");
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  JsonObject *root;
  JsonArray *data;

  query_int (detail, query, "page", &page);
  query_int (detail, query, "page_size", &page_size);
  query_check_enum (detail, purpose, "purpose", purposes);
  query_check_enum (detail, sample_type, "sample_type", sample_types);
  query_check_enum (detail, source, "source", sources);
  if (json_array_get_length (detail) > 0)
    {
      serve_detail (self, msg, detail);
      return;
    }
  json_array_unref (detail);

  /* Newest first, as the API lists. */
  for (guint i = store->files->len; i-- > 0;)
    {
      StoredFile *file = store->files->pdata[i];
      g_autoptr(JsonObject) object = file_object (file);

      if ((purpose->len > 0 && g_strcmp0 (file->purpose, purpose->pdata[0]) != 0) ||
          (search->len > 0 && strstr (file->filename, search->pdata[0]) == NULL) ||
          (sample_type->len > 0 && !values_have (sample_type, mock_object_get_string (object, "sample_type"))) ||
          (source->len > 0 && !values_have (source, "upload")) ||
          (mimetypes->len > 0 && !values_have (mimetypes, mock_object_get_string (object, "mimetype"))))
        continue;
      g_ptr_array_add (matching, file);
    }

  root = json_object_new ();
  data = json_array_new ();
  for (gint64 i = page * page_size; i < (gint64) matching->len && i < (page + 1) * page_size; i++)
    json_array_add_object_element (data, file_object (matching->pdata[i]));
  json_object_set_array_member (root, "data", data);
  json_object_set_string_member (root, "object", "list");
  json_object_set_int_member (root, "total", matching->len);
  serve_object (self, msg, root);
}

/* /v1/files/{file_id}… ------------------------------------------------------ */

/* The {file_id} segment of the request's path. */
static char *
request_file_id (SoupServerMessage *msg)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg)) + strlen (FILES_PATH "/");
  const char *slash = strchr (path, '/');

  return slash != NULL ? g_strndup (path, slash - path) : g_strdup (path);
}

/* The stored file the path names; or NULL, the request then answered
 * (422 for an id that is no UUID, 404 for an unknown one). */
static StoredFile *
requested_file (MockServer        *self,
                SoupServerMessage *msg,
                guint             *index)
{
  g_autofree char *id = request_file_id (msg);
  FileStore *store = file_store (self);

  if (!g_uuid_string_is_valid (id))
    {
      JsonArray *detail = json_array_new ();
      g_autoptr(JsonNode) input = json_node_new (JSON_NODE_VALUE);

      json_node_set_string (input, id);
      mock_add_error (detail, "uuid_parsing", files_loc ("path", "file_id"),
                      "Input should be a valid UUID", input, NULL);
      serve_detail (self, msg, detail);
      return NULL;
    }
  for (guint i = 0; i < store->files->len; i++)
    {
      StoredFile *file = store->files->pdata[i];

      if (g_ascii_strcasecmp (file->id, id) == 0)
        {
          if (index != NULL)
            *index = i;
          return file;
        }
    }

  {
    g_autofree char *message = g_strdup_printf ("File not found: %s", id);

    mock_serve_reply (self, msg, mock_api_error_reply (SOUP_STATUS_NOT_FOUND, message, "invalid_request_error"));
  }
  return NULL;
}

static void
serve_get (MockServer        *self,
           SoupServerMessage *msg,
           JsonObject        *body)
{
  StoredFile *file = requested_file (self, msg, NULL);
  JsonObject *object;

  if (file == NULL)
    return;
  object = file_object (file);
  json_object_set_boolean_member (object, "deleted", FALSE);
  serve_object (self, msg, object);
}

static void
serve_delete (MockServer        *self,
              SoupServerMessage *msg,
              JsonObject        *body)
{
  guint index;
  StoredFile *file = requested_file (self, msg, &index);
  JsonObject *object;

  if (file == NULL)
    return;
  object = json_object_new ();
  json_object_set_string_member (object, "id", file->id);
  json_object_set_string_member (object, "object", "file");
  json_object_set_boolean_member (object, "deleted", TRUE);
  g_ptr_array_remove_index (file_store (self)->files, index);
  serve_object (self, msg, object);
}

static void
serve_url (MockServer        *self,
           SoupServerMessage *msg,
           JsonObject        *body)
{
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  JsonArray *detail = json_array_new ();
  gint64 expiry = 24;
  StoredFile *file;
  JsonObject *object;
  g_autofree char *signature = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *se = NULL;

  if (query_int (detail, query, "expiry", &expiry) && (expiry < 1 || expiry > 168))
    {
      g_autoptr(JsonNode) input = json_node_new (JSON_NODE_VALUE);

      json_node_set_int (input, expiry);
      mock_add_error (detail, expiry < 1 ? "greater_than_equal" : "less_than_equal",
                      files_loc ("query", "expiry"),
                      expiry < 1 ? "Input should be greater than or equal to 1"
                                 : "Input should be less than or equal to 168", input, NULL);
    }
  if (json_array_get_length (detail) > 0)
    {
      serve_detail (self, msg, detail);
      return;
    }
  json_array_unref (detail);

  file = requested_file (self, msg, NULL);
  if (file == NULL)
    return;
  now = g_date_time_new_now_utc ();
  expires = g_date_time_add_hours (now, expiry);
  se = g_date_time_format (expires, "%Y-%m-%dT%H%%3A%M%%3A%SZ");
  signature = g_compute_checksum_for_string (G_CHECKSUM_SHA256, file->id, -1);
  url = g_strdup_printf ("https://files.mock.invalid/%s/%s?se=%s&sp=r&sig=%s",
                         file->purpose != NULL ? file->purpose : "none", file->id, se, signature);
  object = json_object_new ();
  json_object_set_string_member (object, "url", url);
  serve_object (self, msg, object);
}

/* Writes @size bytes of 'x' as the body, in chunks of
 * Transfer-Encoding: chunked if @chunked. */
static void
write_fault_body (GOutputStream *out,
                  gsize          size,
                  gboolean       chunked)
{
  enum { CHUNK = 64 * 1024 };
  g_autofree char *block = g_malloc (CHUNK);

  memset (block, 'x', CHUNK);
  for (gsize done = 0; done < size;)
    {
      gsize n = MIN (CHUNK, size - done);

      if (chunked)
        {
          g_autofree char *size_line = g_strdup_printf ("%" G_GSIZE_MODIFIER "x\r\n", n);

          g_output_stream_write_all (out, size_line, strlen (size_line), NULL, NULL, NULL);
        }
      g_output_stream_write_all (out, block, n, NULL, NULL, NULL);
      if (chunked)
        g_output_stream_write_all (out, "\r\n", 2, NULL, NULL, NULL);
      done += n;
    }
}

/* Sends the head and the content of a fault file itself (the first half
 * of it, but for MOCK_FILE_CHUNKED_ID), then breaks the connection as @id
 * says. */
static void
serve_fault_download (MockServer        *self,
                      SoupServerMessage *msg,
                      const char        *id)
{
  gboolean chunked = strcmp (id, MOCK_FILE_CHUNKED_ID) == 0 || strcmp (id, MOCK_FILE_CHUNKED_TRUNCATED_ID) == 0;
  gboolean whole = strcmp (id, MOCK_FILE_CHUNKED_ID) == 0;
  g_autoptr(GIOStream) stream = NULL;
  g_autofree char *head = NULL;
  GOutputStream *out;
  GSocket *socket;

  if (chunked)
    head = g_strdup ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                     "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
  else
    head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                            "Content-Length: %u\r\nConnection: close\r\n\r\n", MOCK_FILE_FAULT_SIZE);
  soup_server_message_get_local_address (msg);
  soup_server_message_get_remote_address (msg);
  socket = soup_server_message_get_socket (msg);
  if (socket != NULL && strcmp (id, MOCK_FILE_RESET_ID) == 0)
    {
      struct linger linger = { 1, 0 };

      /* close() with a zero linger sends RST. */
      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
    }
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;
  out = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  write_fault_body (out, whole ? MOCK_FILE_FAULT_SIZE : MOCK_FILE_FAULT_SIZE / 2, chunked);
  if (whole)
    g_output_stream_write_all (out, "0\r\n\r\n", 5, NULL, NULL, NULL);
  else if (chunked)
    /* Cut inside a chunk: libsoup 3.2 takes a clean close between two
     * chunks for the end of the body (see mistral_client_download_file_async()). */
    g_output_stream_write_all (out, "10000\r\nxxxx", 11, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  if (strcmp (id, MOCK_FILE_STALL_ID) == 0)
    {
      g_ptr_array_add (file_store (self)->stalled, g_steal_pointer (&stream));
      return;
    }
  g_io_stream_close (stream, NULL, NULL);
}

/* MOCK_FILE_FAULT_SIZE bytes of 'x', gzip-coded: what an edge that
 * compresses sends, its Content-Length the coded size. */
static void
serve_gzip_download (SoupServerMessage *msg)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GBytes) coded = NULL;

  write_fault_body (out, MOCK_FILE_FAULT_SIZE, FALSE);
  g_output_stream_close (out, NULL, NULL);
  coded = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/octet-stream", NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Encoding", "gzip");
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), coded);
}

static void
serve_content (MockServer        *self,
               SoupServerMessage *msg,
               JsonObject        *body)
{
  g_autofree char *id = request_file_id (msg);
  StoredFile *file;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (strcmp (id, MOCK_FILE_RESET_ID) == 0 || strcmp (id, MOCK_FILE_TRUNCATED_ID) == 0 ||
      strcmp (id, MOCK_FILE_STALL_ID) == 0 || strcmp (id, MOCK_FILE_CHUNKED_TRUNCATED_ID) == 0 ||
      strcmp (id, MOCK_FILE_CHUNKED_ID) == 0)
    {
      serve_fault_download (self, msg, id);
      return;
    }
  if (strcmp (id, MOCK_FILE_GZIP_ID) == 0)
    {
      serve_gzip_download (msg);
      return;
    }

  file = requested_file (self, msg, NULL);
  if (file == NULL)
    return;
  /* Mapped, not read: a large file is served without being held in memory. */
  mapped = g_mapped_file_new (file->path, FALSE, &error);
  bytes = mapped != NULL ? g_mapped_file_get_bytes (mapped) : g_bytes_new (NULL, 0);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "application/octet-stream", NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
}

/* The files area's endpoints (listed in mock_areas[], server.c). */
const MockEndpoint mock_files_endpoints[] = {
  { "POST", FILES_PATH, NULL, serve_upload },
  { "GET", FILES_PATH, NULL, serve_list },
  { "GET", FILES_PATH "/{file_id}", NULL, serve_get },
  { "DELETE", FILES_PATH "/{file_id}", NULL, serve_delete },
  { "GET", FILES_PATH "/{file_id}/content", NULL, serve_content },
  { "GET", FILES_PATH "/{file_id}/url", NULL, serve_url },
  { NULL }
};
