// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ocr.c: POST /v1/ocr (API-NOTES.md §7): the checks of its request body
 * (OCRRequest and its document chunks), and pages made from the document
 * it is given.
 *
 * The document's text makes the pages:
 *   - a data: URL of a document (document_url, or image_url of something
 *     that is not an image): its bytes as UTF-8 text, one page per form
 *     feed ("\f"), so that a small text file stands for a PDF;
 *   - a data: URL of an image: one page with that image on it;
 *   - a file id of the files store (files.c): that file's content, as for
 *     a data URL (an image: one page with it; else text split at "\f");
 *   - an https document URL or an unknown file id: two canned pages naming it;
 *   - an https image URL: one page with an image.
 * In a page's text, a line "[image]" is an image (img-N.jpeg, with a box,
 * its bytes when include_image_base64, an annotation when
 * bbox_annotation_format, up to image_limit); lines starting with "|" are
 * a table, taken out into `tables` when table_format is set; the first and
 * last lines are taken out as header and footer when asked; http(s) words
 * are the hyperlinks. `pages` (a list or "0,2-4") picks pages by index.
 * A document annotation, when asked, is {"page_count", "title"}. A model
 * "mock-error-NNN" answers status NNN; a data URL that is not base64
 * answers 400 with the API's error body.
 */

#include "mock-server-private.h"

static const char * const ocr_keys[] = {
  "model", "document", "pages", "include_image_base64", "image_limit", "image_min_size",
  "bbox_annotation_format", "document_annotation_format", "document_annotation_prompt", "table_format",
  "extract_header", "extract_footer", "include_blocks", "confidence_scores_granularity", NULL
};
static const char * const document_types[] = { "file", "document_url", "image_url", NULL };
static const char * const file_keys[] = { "type", "file_id", NULL };
static const char * const document_url_keys[] = { "type", "document_url", "document_name", NULL };
static const char * const image_url_keys[] = { "type", "image_url", NULL };
static const char * const image_url_object_keys[] = { "url", "detail", NULL };
static const char * const table_formats[] = { "markdown", "html", NULL };
static const char * const granularities[] = { "word", "page", "block", NULL };

/* A tiny JPEG-looking image: the bytes a page's images carry. */
static const guchar ocr_image_bytes[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xd9
};

/* Validation --------------------------------------------------------------- */

static void
ocr_check_document (JsonArray *detail,
                    JsonNode  *root,
                    JsonArray *loc)
{
  JsonNode *node = json_object_get_member (json_node_get_object (root), "document");
  g_autoptr(JsonArray) doc_loc = mock_loc_new (loc, "document", 0);
  const char *type;

  if (node == NULL)
    {
      mock_add_error (detail, "missing", json_array_ref (doc_loc), "Field required", root, NULL);
      return;
    }
  type = mock_check_tagged (detail, node, doc_loc, "type", document_types, NULL);
  if (type == NULL)
    return;
  if (strcmp (type, "file") == 0)
    {
      mock_check_member (detail, node, "file_id", doc_loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
      mock_check_extra (detail, node, doc_loc, file_keys);
    }
  else if (strcmp (type, "document_url") == 0)
    {
      mock_check_member (detail, node, "document_url", doc_loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
      mock_check_member (detail, node, "document_name", doc_loc, MOCK_KIND_STRING, FALSE, TRUE, NULL);
      mock_check_extra (detail, node, doc_loc, document_url_keys);
    }
  else
    {
      JsonNode *url = json_object_get_member (json_node_get_object (node), "image_url");

      if (url != NULL && JSON_NODE_HOLDS_OBJECT (url))
        {
          g_autoptr(JsonArray) url_loc = mock_loc_new (doc_loc, "image_url", 0);

          mock_check_member (detail, url, "url", url_loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
          mock_check_extra (detail, url, url_loc, image_url_object_keys);
        }
      else
        mock_check_member (detail, node, "image_url", doc_loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
      mock_check_extra (detail, node, doc_loc, image_url_keys);
    }
}

/* `pages`: a string, a list of integers, or null. */
static void
ocr_check_pages (JsonArray *detail,
                 JsonNode  *root,
                 JsonArray *loc)
{
  JsonNode *node = json_object_get_member (json_node_get_object (root), "pages");
  g_autoptr(JsonArray) pages_loc = mock_loc_new (loc, "pages", 0);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
      (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING))
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      mock_add_type_error (detail, MOCK_KIND_STRING, json_array_ref (pages_loc), node);
      return;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64)
        mock_add_type_error (detail, MOCK_KIND_INT, mock_loc_new (pages_loc, NULL, i), element);
    }
}

static JsonArray *
ocr_validate (JsonNode *root)
{
  JsonArray *detail = json_array_new ();
  g_autoptr(JsonArray) loc = json_array_new ();

  json_array_add_string_element (loc, "body");
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      mock_add_error (detail, "model_attributes_type", json_array_ref (loc),
                      "Input should be a valid dictionary or object to extract fields from", root, NULL);
      return detail;
    }
  mock_check_member (detail, root, "model", loc, MOCK_KIND_STRING, TRUE, TRUE, NULL);
  ocr_check_document (detail, root, loc);
  ocr_check_pages (detail, root, loc);
  mock_check_member (detail, root, "include_image_base64", loc, MOCK_KIND_BOOL, FALSE, TRUE, NULL);
  mock_check_member (detail, root, "image_limit", loc, MOCK_KIND_INT, FALSE, TRUE, NULL);
  mock_check_member (detail, root, "image_min_size", loc, MOCK_KIND_INT, FALSE, TRUE, NULL);
  mock_check_response_format (detail, root, "bbox_annotation_format", loc);
  mock_check_response_format (detail, root, "document_annotation_format", loc);
  mock_check_member (detail, root, "document_annotation_prompt", loc, MOCK_KIND_STRING, FALSE, TRUE, NULL);
  mock_check_enum_member (detail, root, "table_format", loc, table_formats, TRUE);
  mock_check_member (detail, root, "extract_header", loc, MOCK_KIND_BOOL, FALSE, FALSE, NULL);
  mock_check_member (detail, root, "extract_footer", loc, MOCK_KIND_BOOL, FALSE, FALSE, NULL);
  mock_check_member (detail, root, "include_blocks", loc, MOCK_KIND_BOOL, FALSE, FALSE, NULL);
  mock_check_enum_member (detail, root, "confidence_scores_granularity", loc, granularities, TRUE);
  mock_check_extra (detail, root, loc, ocr_keys);
  return detail;
}

/* The document ------------------------------------------------------------- */

typedef struct {
  GPtrArray *pages;        /* the text of each page */
  GBytes *image;           /* the bytes of an image document, or NULL */
  char *image_type;        /* and its MIME type */
  gint64 size;             /* the document's size, -1 for a URL */
} OcrDocument;

static void
ocr_document_clear (OcrDocument *doc)
{
  g_clear_pointer (&doc->pages, g_ptr_array_unref);
  g_clear_pointer (&doc->image, g_bytes_unref);
  g_clear_pointer (&doc->image_type, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OcrDocument, ocr_document_clear)

/* Decodes a data: URL into its MIME type and bytes; FALSE when it is not
 * base64 (g_base64_decode() would skip what is not of the alphabet). */
static gboolean
ocr_decode_data_url (const char  *url,
                     char       **mime_type,
                     GBytes     **bytes)
{
  const char *comma = strchr (url, ',');
  const char *base64 = strstr (url, ";base64,");
  guchar *data;
  gsize size;

  if (comma == NULL || base64 == NULL || base64 + strlen (";base64") != comma)
    return FALSE;
  for (const char *p = comma + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
      return FALSE;
  if (strlen (comma + 1) % 4 != 0)
    return FALSE;
  *mime_type = g_strndup (url + strlen ("data:"), base64 - url - strlen ("data:"));
  data = g_base64_decode (comma + 1, &size);
  *bytes = g_bytes_new_take (data, size);
  return TRUE;
}

static void
ocr_document_add_text (OcrDocument *doc,
                       const char  *text,
                       gssize       length)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);
  g_auto(GStrv) pages = g_strsplit (valid, "\f", -1);

  for (guint i = 0; pages[i] != NULL; i++)
    g_ptr_array_add (doc->pages, g_strdup (pages[i]));
}

/* The document of @request; FALSE with @why for a data URL that is not
 * base64. */
static gboolean
ocr_document_load (MockServer   *self,
                   OcrDocument  *doc,
                   JsonObject   *request,
                   char        **why)
{
  JsonObject *chunk = mock_object_get_object (request, "document");
  const char *type = mock_object_get_string (chunk, "type");
  const char *url = NULL;
  gboolean image = FALSE;

  doc->pages = g_ptr_array_new_with_free_func (g_free);
  doc->size = -1;

  if (strcmp (type, "file") == 0)
    {
      g_autoptr(GBytes) stored = mock_files_read (self, mock_object_get_string (chunk, "file_id"));

      if (stored != NULL)
        {
          gconstpointer data = g_bytes_get_data (stored, NULL);
          gsize size = g_bytes_get_size (stored);
          g_autofree char *content_type = g_content_type_guess (NULL, data, size, NULL);
          g_autofree char *mime_type = g_content_type_get_mime_type (content_type);

          doc->size = size;
          if (mime_type != NULL && g_str_has_prefix (mime_type, "image/"))
            {
              doc->image = g_bytes_ref (stored);
              doc->image_type = g_steal_pointer (&mime_type);
              g_ptr_array_add (doc->pages, g_strdup ("[image]"));
            }
          else
            ocr_document_add_text (doc, data, size);
          return TRUE;
        }
    }
  if (strcmp (type, "file") == 0)
    {
      g_autofree char *text = g_strdup_printf ("Uploaded file\n# File %s\n\nThe text of the uploaded file.\f"
                                               "## Second page\n\nMore text.\nPage 2",
                                               mock_object_get_string (chunk, "file_id"));

      ocr_document_add_text (doc, text, -1);
      return TRUE;
    }
  if (strcmp (type, "document_url") == 0)
    url = mock_object_get_string (chunk, "document_url");
  else
    {
      JsonObject *object = mock_object_get_object (chunk, "image_url");

      url = object != NULL ? mock_object_get_string (object, "url") : mock_object_get_string (chunk, "image_url");
      image = TRUE;
    }

  if (g_str_has_prefix (url, "data:"))
    {
      g_autofree char *mime_type = NULL;
      g_autoptr(GBytes) bytes = NULL;

      if (!ocr_decode_data_url (url, &mime_type, &bytes))
        {
          *why = g_strdup ("Invalid document: the data URL is not base64 data");
          return FALSE;
        }
      doc->size = g_bytes_get_size (bytes);
      if (g_str_has_prefix (mime_type, "image/"))
        {
          doc->image = g_steal_pointer (&bytes);
          doc->image_type = g_steal_pointer (&mime_type);
          g_ptr_array_add (doc->pages, g_strdup ("[image]"));
        }
      else
        ocr_document_add_text (doc, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      return TRUE;
    }

  if (image)
    g_ptr_array_add (doc->pages, g_strdup ("[image]"));
  else
    {
      g_autofree char *text = g_strdup_printf ("Sample document\n# Sample document\n\nFetched from %s.\n"
                                               "Page 1\f## Results\n\n[image]\n\n| name | value |\n"
                                               "|---|---|\n| a | 1 |\n\nSee https://mistral.ai/ for more.\n"
                                               "Page 2", url);

      ocr_document_add_text (doc, text, -1);
    }
  return TRUE;
}

/* Whether page @index is among @request's `pages` (all when unset). */
static gboolean
ocr_page_wanted (JsonObject *request,
                 guint       index)
{
  JsonNode *pages = json_object_get_member (request, "pages");
  g_auto(GStrv) parts = NULL;

  if (pages == NULL || JSON_NODE_HOLDS_NULL (pages))
    return TRUE;
  if (JSON_NODE_HOLDS_ARRAY (pages))
    {
      for (guint i = 0; i < json_array_get_length (json_node_get_array (pages)); i++)
        if (json_array_get_int_element (json_node_get_array (pages), i) == index)
          return TRUE;
      return FALSE;
    }
  parts = g_strsplit (json_node_get_string (pages), ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end;
      guint64 first = g_ascii_strtoull (parts[i], &end, 10);
      guint64 last = *end == '-' ? g_ascii_strtoull (end + 1, NULL, 10) : first;

      if (index >= first && index <= last)
        return TRUE;
    }
  return FALSE;
}

/* Replies ------------------------------------------------------------------ */

typedef struct {
  JsonObject *request;
  OcrDocument *doc;
  guint n_images;          /* in the whole document, for ids and the limit */
  guint n_tables;
} OcrRun;

static JsonNode *
ocr_image_new (OcrRun *run,
               guint   position)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *id = g_strdup_printf ("img-%u.jpeg", run->n_images);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "top_left_x");
  json_builder_add_int_value (builder, 100);
  json_builder_set_member_name (builder, "top_left_y");
  json_builder_add_int_value (builder, 200 + 300 * position);
  json_builder_set_member_name (builder, "bottom_right_x");
  json_builder_add_int_value (builder, 500);
  json_builder_set_member_name (builder, "bottom_right_y");
  json_builder_add_int_value (builder, 450 + 300 * position);
  json_builder_set_member_name (builder, "image_base64");
  if (json_object_get_boolean_member_with_default (run->request, "include_image_base64", FALSE))
    {
      GBytes *image = run->doc->image;
      g_autofree char *base64 = image != NULL
        ? g_base64_encode (g_bytes_get_data (image, NULL), g_bytes_get_size (image))
        : g_base64_encode (ocr_image_bytes, sizeof ocr_image_bytes);
      g_autofree char *url = g_strconcat ("data:", image != NULL ? run->doc->image_type : "image/jpeg",
                                          ";base64,", base64, NULL);

      json_builder_add_string_value (builder, url);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "image_annotation");
  if (mock_object_get_object (run->request, "bbox_annotation_format") != NULL)
    json_builder_add_string_value (builder, "{\"description\":\"a picture\"}");
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  run->n_images++;
  return json_builder_get_root (builder);
}

/* @rows (markdown table lines) as an HTML table. */
static char *
ocr_table_html (GPtrArray *rows)
{
  GString *html = g_string_new ("<table>");

  for (guint i = 0; i < rows->len; i++)
    {
      g_auto(GStrv) cells = g_strsplit (rows->pdata[i], "|", -1);

      if (strstr (rows->pdata[i], "---") != NULL)
        continue;
      g_string_append (html, "<tr>");
      for (guint c = 1; cells[c] != NULL && cells[c + 1] != NULL; c++)
        g_string_append_printf (html, "<td>%s</td>", g_strstrip (cells[c]));
      g_string_append (html, "</tr>");
    }
  g_string_append (html, "</table>");
  return g_string_free (html, FALSE);
}

/* Ends the table in @rows, if any: inline, or taken out into @tables with
 * a link in @markdown when the request set a table format. */
static void
ocr_flush_table (OcrRun    *run,
                 GPtrArray *rows,
                 GString   *markdown,
                 JsonArray *tables)
{
  const char *format = mock_object_get_string (run->request, "table_format");

  if (rows->len == 0)
    return;
  if (format == NULL)
    for (guint i = 0; i < rows->len; i++)
      g_string_append_printf (markdown, "%s\n", (char *) rows->pdata[i]);
  else
    {
      gboolean html = strcmp (format, "html") == 0;
      g_autofree char *id = g_strdup_printf ("tbl-%u.%s", run->n_tables++, html ? "html" : "md");
      g_autofree char *joined = NULL;
      JsonObject *table = json_object_new ();

      if (html)
        joined = ocr_table_html (rows);
      else
        {
          g_ptr_array_add (rows, NULL);
          joined = g_strjoinv ("\n", (char **) rows->pdata);
        }
      json_object_set_string_member (table, "id", id);
      json_object_set_string_member (table, "content", joined);
      json_object_set_string_member (table, "format", format);
      json_array_add_object_element (tables, table);
      g_string_append_printf (markdown, "[%s](%s)\n", id, id);
    }
  g_ptr_array_set_size (rows, 0);
}

static JsonObject *
ocr_page_new (OcrRun     *run,
              guint       index,
              const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint first = 0, last = g_strv_length (lines);
  JsonObject *page = json_object_new ();
  JsonObject *dimensions = json_object_new ();
  JsonArray *images = json_array_new ();
  JsonArray *tables = json_array_new ();
  JsonArray *hyperlinks = json_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GString) markdown = g_string_new (NULL);
  gint64 limit = mock_object_get_int (run->request, "image_limit", G_MAXINT64);

  while (last > first && *lines[last - 1] == '\0')
    last--;
  json_object_set_int_member (page, "index", index);
  if (json_object_get_boolean_member_with_default (run->request, "extract_header", FALSE) && last > first)
    json_object_set_string_member (page, "header", lines[first++]);
  else
    json_object_set_null_member (page, "header");
  if (json_object_get_boolean_member_with_default (run->request, "extract_footer", FALSE) && last > first)
    json_object_set_string_member (page, "footer", lines[--last]);
  else
    json_object_set_null_member (page, "footer");

  for (guint i = first; i < last; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", -1);

      if (lines[i][0] == '|')
        {
          g_ptr_array_add (rows, lines[i]);
          continue;
        }
      ocr_flush_table (run, rows, markdown, tables);
      if (strcmp (lines[i], "[image]") == 0)
        {
          if (run->n_images < limit)
            {
              g_autofree char *id = g_strdup_printf ("img-%u.jpeg", run->n_images);

              g_string_append_printf (markdown, "![%s](%s)\n", id, id);
              json_array_add_element (images, ocr_image_new (run, json_array_get_length (images)));
            }
          continue;
        }
      for (guint w = 0; words[w] != NULL; w++)
        if (g_str_has_prefix (words[w], "http://") || g_str_has_prefix (words[w], "https://"))
          json_array_add_string_element (hyperlinks, words[w]);
      g_string_append_printf (markdown, "%s\n", lines[i]);
    }
  ocr_flush_table (run, rows, markdown, tables);
  /* Without its last newline, as the API writes a page. */
  if (markdown->len > 0)
    g_string_truncate (markdown, markdown->len - 1);

  json_object_set_string_member (page, "markdown", markdown->str);
  json_object_set_array_member (page, "images", images);
  json_object_set_array_member (page, "tables", tables);
  json_object_set_array_member (page, "hyperlinks", hyperlinks);
  json_object_set_int_member (dimensions, "dpi", 200);
  json_object_set_int_member (dimensions, "height", 2200);
  json_object_set_int_member (dimensions, "width", 1700);
  json_object_set_object_member (page, "dimensions", dimensions);
  return page;
}

static char *
ocr_document_annotation (JsonArray *pages)
{
  g_autoptr(JsonObject) annotation = json_object_new ();
  const char *title = "";

  if (json_array_get_length (pages) > 0)
    title = json_object_get_string_member (json_array_get_object_element (pages, 0), "markdown");
  json_object_set_int_member (annotation, "page_count", json_array_get_length (pages));
  json_object_set_string_member (annotation, "title", title);
  return mock_object_to_string (annotation);
}

static void
ocr_serve (MockServer        *self,
           SoupServerMessage *msg,
           JsonObject        *request)
{
  const char *model = mock_object_get_string (request, "model");
  g_auto(OcrDocument) doc = { NULL };
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autofree char *why = NULL;
  g_autofree char *annotation = NULL;
  OcrRun run = { request, &doc, 0, 0 };
  JsonArray *pages;
  JsonObject *usage;
  MockReply *answer;
  guint64 status;

  if (model != NULL && g_str_has_prefix (model, "mock-error-") &&
      g_ascii_string_to_unsigned (model + strlen ("mock-error-"), 10, 100, 599, &status, NULL))
    {
      mock_serve_reply (self, msg, mock_magic_error_reply (status, model));
      return;
    }
  if (!ocr_document_load (self, &doc, request, &why))
    {
      mock_serve_reply (self, msg, mock_api_error_reply (SOUP_STATUS_BAD_REQUEST, why, "invalid_request_error"));
      return;
    }

  pages = json_array_new ();
  for (guint i = 0; i < doc.pages->len; i++)
    if (ocr_page_wanted (request, i))
      json_array_add_object_element (pages, ocr_page_new (&run, i, doc.pages->pdata[i]));

  json_object_set_array_member (reply, "pages", pages);
  json_object_set_string_member (reply, "model", model != NULL ? model : "mistral-ocr-latest");
  if (mock_object_get_object (request, "document_annotation_format") != NULL)
    json_object_set_string_member (reply, "document_annotation", annotation = ocr_document_annotation (pages));
  else
    json_object_set_null_member (reply, "document_annotation");
  usage = json_object_new ();
  json_object_set_int_member (usage, "pages_processed", json_array_get_length (pages));
  if (doc.size >= 0)
    json_object_set_int_member (usage, "doc_size_bytes", doc.size);
  else
    json_object_set_null_member (usage, "doc_size_bytes");
  json_object_set_object_member (reply, "usage_info", usage);

  answer = mock_reply_new (SOUP_STATUS_OK);
  answer->content_type = g_strdup ("application/json");
  answer->body = mock_bytes_take_string (mock_object_to_string (reply));
  mock_serve_reply (self, msg, answer);
}

/* The OCR area's endpoint (listed in mock_areas[], server.c). */
const MockEndpoint mock_ocr_endpoints[] = {
  { "POST", "/v1/ocr", ocr_validate, ocr_serve },
  { NULL }
};
