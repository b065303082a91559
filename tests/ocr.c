// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* OCR over real HTTP against the local server: the exact JSON of every
 * field and every kind of document (a local file included), every parsed
 * field of the mock's pages and of scripted replies, images decoded, the
 * error statuses, invalid requests never sent, hostile replies (wrong
 * types at every level, missing pages, bad base64, huge markdown), and
 * cancellation. */

#include <glib/gstdio.h>

#include <mistral-glib.h>

#include "mock-server.h"
#include "test-utils.h"

typedef TestHttp Fixture;

/* A 1×1 PNG. */
static const guchar png_bytes[] = {
  0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 'I', 'H', 'D', 'R',
  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
  0x89, 0x00, 0x00, 0x00, 0x0a, 'I', 'D', 'A', 'T', 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
  0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 'I', 'E', 'N', 'D', 0xae,
  0x42, 0x60, 0x82
};

/* The mock's image bytes (tests/mock/ocr.c). */
static const guchar mock_jpeg[] = {
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xd9
};

/* A three-page "document": pages split by form feeds. */
#define DOC_TEXT \
  "ACME Corp\n# Invoice 42\n\nBilled to Jane.\n[image]\n| item | price |\n|---|---|\n| tea | 3 |\n" \
  "Details at https://example.com/i/42 today.\nPage 1\f" \
  "ACME Corp\n## Terms\n\nPay within 30 days.\nPage 2\f" \
  "ACME Corp\n## Notes\n\n[image]\n[image]\nThanks.\nPage 3"

static GFile *
write_temp_file (const char   *name,
                 const void   *contents,
                 gsize         length,
                 char        **dir_out)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("mistral-ocr-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  *dir_out = dir;
  return g_file_new_for_path (path);
}

static void
remove_temp_file (GFile *file,
                  char  *dir)
{
  g_file_delete (file, NULL, NULL);
  g_rmdir (dir);
  g_free (dir);
}

static char *
last_body (Fixture *fixture)
{
  g_autoptr(MockRequest) sent = mock_server_get_last_request (fixture->server);

  g_assert_cmpstr (sent->method, ==, "POST");
  g_assert_cmpstr (sent->path, ==, "/v1/ocr");
  g_assert_cmpstr (mock_request_get_header (sent, "Authorization"), ==, "Bearer test-key");
  g_assert_cmpstr (mock_request_get_header (sent, "Content-Type"), ==, "application/json");
  return mock_request_dup_body (sent);
}

static MistralOcrPage *
page_at (MistralOcrResponse *response,
         guint               i)
{
  g_autoptr(MistralOcrPage) page = g_list_model_get_item (mistral_ocr_response_get_pages (response), i);

  g_assert_nonnull (page);
  return page;  /* kept alive by the list */
}

static MistralOcrImage *
image_at (MistralOcrPage *page,
          guint           i)
{
  g_autoptr(MistralOcrImage) image = g_list_model_get_item (mistral_ocr_page_get_images (page), i);

  g_assert_nonnull (image);
  return image;
}

static MistralOcrTable *
table_at (MistralOcrPage *page,
          guint           i)
{
  g_autoptr(MistralOcrTable) table = g_list_model_get_item (mistral_ocr_page_get_tables (page), i);

  g_assert_nonnull (table);
  return table;
}

static void
assert_json (MistralOcrRequest *request,
             const char        *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = mistral_ocr_request_to_json (request, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, expected);
}

static MistralResponseFormat *
schema_format (const char *name)
{
  g_autoptr(GError) error = NULL;
  MistralResponseFormat *format = mistral_response_format_new_json_schema_from_string (
    name, "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}}}", TRUE, &error);

  g_assert_no_error (error);
  return format;
}

/* Every field, and each document kind, in the exact JSON sent. */
static void
test_request_json (void)
{
  g_autoptr(MistralOcrRequest) request = mistral_ocr_request_new ("mistral-ocr-latest");
  g_autoptr(MistralResponseFormat) bbox = schema_format ("bbox");
  g_autoptr(MistralResponseFormat) doc = schema_format ("doc");
  g_autoptr(GFile) text_file = NULL, png_file = NULL;
  g_autofree char *text_dir = NULL, *png_dir = NULL;
  g_autofree char *base64 = NULL, *expected = NULL;
  guint notified = 0;
  gboolean set = TRUE;

  mistral_ocr_request_set_document_url (request, "https://arxiv.org/pdf/2201.04234");
  assert_json (request, "{\"model\":\"mistral-ocr-latest\",\"document\":{\"type\":\"document_url\","
                        "\"document_url\":\"https://arxiv.org/pdf/2201.04234\"}}");
  g_assert_cmpint (mistral_ocr_request_get_document_type (request), ==, MISTRAL_OCR_DOCUMENT_TYPE_DOCUMENT_URL);

  mistral_ocr_request_set_document_name (request, "paper.pdf");
  mistral_ocr_request_set_pages (request, "0,2-4");
  mistral_ocr_request_set_include_image_base64 (request, TRUE);
  mistral_ocr_request_set_image_limit (request, 0);
  mistral_ocr_request_set_image_min_size (request, 64);
  mistral_ocr_request_set_table_format (request, MISTRAL_OCR_TABLE_FORMAT_HTML);
  mistral_ocr_request_set_extract_header (request, TRUE);
  mistral_ocr_request_set_extract_footer (request, FALSE);
  mistral_ocr_request_set_include_blocks (request, FALSE);
  mistral_ocr_request_set_confidence_scores_granularity (request, MISTRAL_OCR_CONFIDENCE_GRANULARITY_PAGE);
  mistral_ocr_request_set_bbox_annotation_format (request, bbox);
  mistral_ocr_request_set_document_annotation_format (request, doc);
  mistral_ocr_request_set_document_annotation_prompt (request, "Find the title");
  assert_json (request,
    "{\"model\":\"mistral-ocr-latest\",\"document\":{\"type\":\"document_url\","
    "\"document_url\":\"https://arxiv.org/pdf/2201.04234\",\"document_name\":\"paper.pdf\"},"
    "\"pages\":\"0,2-4\",\"include_image_base64\":true,\"image_limit\":0,\"image_min_size\":64,"
    "\"table_format\":\"html\",\"extract_header\":true,\"extract_footer\":false,\"include_blocks\":false,"
    "\"confidence_scores_granularity\":\"page\","
    "\"bbox_annotation_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"bbox\",\"schema\":"
    "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}}},\"strict\":true}},"
    "\"document_annotation_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"doc\",\"schema\":"
    "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"}}},\"strict\":true}},"
    "\"document_annotation_prompt\":\"Find the title\"}");

  /* The other table format and granularity; *-set FALSE leaves a field out. */
  mistral_ocr_request_set_table_format (request, MISTRAL_OCR_TABLE_FORMAT_MARKDOWN);
  mistral_ocr_request_set_confidence_scores_granularity (request, MISTRAL_OCR_CONFIDENCE_GRANULARITY_WORD);
  g_object_set (request, "include-image-base64-set", FALSE, "image-limit-set", FALSE, "image-min-size-set", FALSE,
                "extract-header-set", FALSE, "extract-footer-set", FALSE, "include-blocks-set", FALSE,
                "bbox-annotation-format", NULL, "document-annotation-format", NULL,
                "document-annotation-prompt", NULL, "pages", NULL, "document-name", NULL, NULL);
  assert_json (request, "{\"model\":\"mistral-ocr-latest\",\"document\":{\"type\":\"document_url\","
                        "\"document_url\":\"https://arxiv.org/pdf/2201.04234\"},\"table_format\":\"markdown\","
                        "\"confidence_scores_granularity\":\"word\"}");
  g_object_get (request, "table-format-set", &set, NULL);
  g_assert_true (set);
  g_object_set (request, "table-format-set", FALSE, "confidence-scores-granularity-set", FALSE, NULL);

  /* Each document replaces the one before, and notifies both. */
  g_signal_connect_swapped (request, "notify::document-url", G_CALLBACK (count_notify), &notified);
  mistral_ocr_request_set_image_url (request, "https://example.com/receipt.png");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_null (mistral_ocr_request_get_document_url (request));
  g_assert_cmpint (mistral_ocr_request_get_document_type (request), ==, MISTRAL_OCR_DOCUMENT_TYPE_IMAGE_URL);
  assert_json (request, "{\"model\":\"mistral-ocr-latest\",\"document\":{\"type\":\"image_url\","
                        "\"image_url\":\"https://example.com/receipt.png\"}}");
  /* Clearing a document that is not the current one changes nothing. */
  mistral_ocr_request_set_file_id (request, NULL);
  g_assert_cmpstr (mistral_ocr_request_get_image_url (request), ==, "https://example.com/receipt.png");
  mistral_ocr_request_set_file_id (request, "7ae54a3d-3b6c-4f0e-9a33-0c6a2a1f5e11");
  g_assert_null (mistral_ocr_request_get_image_url (request));
  assert_json (request, "{\"model\":\"mistral-ocr-latest\",\"document\":{\"type\":\"file\","
                        "\"file_id\":\"7ae54a3d-3b6c-4f0e-9a33-0c6a2a1f5e11\"}}");
  g_object_set (request, "file-id", NULL, NULL);
  g_assert_cmpint (mistral_ocr_request_get_document_type (request), ==, MISTRAL_OCR_DOCUMENT_TYPE_NONE);

  /* A local document: a data URL, named after the file. */
  text_file = write_temp_file ("notes.txt", "Hello\fWorld", 11, &text_dir);
  mistral_ocr_request_set_file (request, text_file);
  g_assert_true (mistral_ocr_request_get_file (request) == text_file);
  base64 = g_base64_encode ((const guchar *) "Hello\fWorld", 11);
  expected = g_strdup_printf ("{\"model\":\"mistral-ocr-latest\",\"document\":{\"type\":\"document_url\","
                              "\"document_url\":\"data:text/plain;base64,%s\",\"document_name\":\"notes.txt\"}}",
                              base64);
  assert_json (request, expected);
  g_clear_pointer (&base64, g_free);
  g_clear_pointer (&expected, g_free);

  /* A local image: an image_url chunk, its type guessed. */
  png_file = write_temp_file ("scan.png", png_bytes, sizeof png_bytes, &png_dir);
  g_object_set (request, "file", png_file, NULL);
  base64 = g_base64_encode (png_bytes, sizeof png_bytes);
  expected = g_strdup_printf ("{\"model\":\"mistral-ocr-latest\",\"document\":{\"type\":\"image_url\","
                              "\"image_url\":\"data:image/png;base64,%s\"}}", base64);
  assert_json (request, expected);

  remove_temp_file (text_file, g_steal_pointer (&text_dir));
  remove_temp_file (png_file, g_steal_pointer (&png_dir));
}

/* Invalid requests fail before anything is sent. */
static void
test_invalid (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct {
    const char *pages;
    int image_limit;
    const char *message;
  } pages_cases[] = {
    { "", 0, "pages is “”" }, { "1,", 0, "pages is “1,”" }, { "a", 0, "pages is “a”" },
    { "3-1", 0, "pages is “3-1”" }, { "1 ,2", 0, "pages is “1 ,2”" }, { "-1", 0, "pages is “-1”" },
    { NULL, -1, "image-limit is -1" },
  };
  g_autoptr(MistralOcrRequest) request = mistral_ocr_request_new (NULL);
  g_autoptr(MistralResponseFormat) json_object = mistral_response_format_new_json_object ();
  g_autoptr(MistralResponseFormat) schema = schema_format ("doc");
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/mistral-ocr/missing.pdf");
  g_autoptr(MistralOcrResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  response = mistral_client_ocr (fixture->client, request, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, "The request has no model");
  g_clear_error (&error);

  mistral_ocr_request_set_model (request, "mistral-ocr-latest");
  response = mistral_client_ocr (fixture->client, request, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, "The request has no document");
  g_clear_error (&error);
  mistral_ocr_request_set_document_url (request, "");
  json = mistral_ocr_request_to_json (request, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, "The request has no document");
  g_clear_error (&error);

  mistral_ocr_request_set_document_url (request, "https://example.com/a.pdf");
  for (gsize i = 0; i < G_N_ELEMENTS (pages_cases); i++)
    {
      mistral_ocr_request_set_pages (request, pages_cases[i].pages);
      mistral_ocr_request_set_image_limit (request, pages_cases[i].image_limit);
      response = mistral_client_ocr (fixture->client, request, NULL, &error);
      g_assert_null (response);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
      if (!g_str_has_prefix (error->message, pages_cases[i].message))
        g_error ("case %" G_GSIZE_FORMAT ": %s", i, error->message);
      g_clear_error (&error);
    }
  mistral_ocr_request_set_pages (request, NULL);
  mistral_ocr_request_set_image_limit (request, 3);
  mistral_ocr_request_set_image_min_size (request, -5);
  json = mistral_ocr_request_to_json (request, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_true (g_str_has_prefix (error->message, "image-min-size is -5"));
  g_clear_error (&error);
  mistral_ocr_request_set_image_min_size (request, 0);

  mistral_ocr_request_set_bbox_annotation_format (request, json_object);
  json = mistral_ocr_request_to_json (request, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, "bbox-annotation-format must be a JSON schema format");
  g_clear_error (&error);
  mistral_ocr_request_set_bbox_annotation_format (request, NULL);
  mistral_ocr_request_set_document_annotation_format (request, json_object);
  json = mistral_ocr_request_to_json (request, NULL, &error);
  g_assert_cmpstr (error->message, ==, "document-annotation-format must be a JSON schema format");
  g_clear_error (&error);
  mistral_ocr_request_set_document_annotation_format (request, NULL);
  mistral_ocr_request_set_document_annotation_prompt (request, "Summarise");
  json = mistral_ocr_request_to_json (request, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, "document-annotation-prompt needs a document-annotation-format");
  g_clear_error (&error);
  mistral_ocr_request_set_document_annotation_format (request, schema);
  json = mistral_ocr_request_to_json (request, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&json, g_free);

  g_object_set (request, "table-format", MISTRAL_OCR_TABLE_FORMAT_UNKNOWN, NULL);
  json = mistral_ocr_request_to_json (request, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_object_set (request, "table-format-set", FALSE, NULL);

  /* A local file that cannot be read: its own error, nothing sent. */
  mistral_ocr_request_set_file (request, missing);
  response = mistral_client_ocr (fixture->client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  json = mistral_ocr_request_to_json (request, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 0);
}

/* A local three-page document, every option the mock honours, and every
 * field it answers. */
static void
test_local_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = write_temp_file ("invoice.txt", DOC_TEXT, strlen (DOC_TEXT), &dir);
  g_autoptr(MistralOcrRequest) request = mistral_ocr_request_new_for_file ("mistral-ocr-latest", file);
  g_autoptr(MistralOcrResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL, *json = NULL, *markdown = NULL;
  const char *links[] = { "https://example.com/i/42", NULL };
  MistralOcrPage *page;
  MistralOcrImage *image;
  MistralOcrTable *table;
  GBytes *bytes;

  mistral_ocr_request_set_include_image_base64 (request, TRUE);
  mistral_ocr_request_set_table_format (request, MISTRAL_OCR_TABLE_FORMAT_HTML);
  mistral_ocr_request_set_extract_header (request, TRUE);
  mistral_ocr_request_set_extract_footer (request, TRUE);
  mistral_ocr_request_set_image_limit (request, 2);

  mistral_client_ocr_async (fixture->client, request, NULL, test_async_result_cb, &result);
  response = mistral_client_ocr_finish (fixture->client, test_wait_result (&result), &error);
  g_assert_no_error (error);
  body = last_body (fixture);
  json = mistral_ocr_request_to_json (request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (body, ==, json);

  g_assert_cmpstr (mistral_ocr_response_get_model (response), ==, "mistral-ocr-latest");
  g_assert_cmpuint (mistral_ocr_response_get_pages_processed (response), ==, 3);
  g_assert_cmpint (mistral_ocr_response_get_doc_size_bytes (response), ==, strlen (DOC_TEXT));
  g_assert_null (mistral_ocr_response_get_document_annotation (response));
  g_assert_cmpuint (g_list_model_get_n_items (mistral_ocr_response_get_pages (response)), ==, 3);

  page = page_at (response, 0);
  g_assert_cmpuint (mistral_ocr_page_get_index (page), ==, 0);
  g_assert_cmpstr (mistral_ocr_page_get_header (page), ==, "ACME Corp");
  g_assert_cmpstr (mistral_ocr_page_get_footer (page), ==, "Page 1");
  g_assert_cmpstr (mistral_ocr_page_get_markdown (page), ==,
                   "# Invoice 42\n\nBilled to Jane.\n![img-0.jpeg](img-0.jpeg)\n[tbl-0.html](tbl-0.html)\n"
                   "Details at https://example.com/i/42 today.");
  g_assert_true (g_strv_equal (mistral_ocr_page_get_hyperlinks (page), links));
  g_assert_cmpuint (mistral_ocr_page_get_dpi (page), ==, 200);
  g_assert_cmpuint (mistral_ocr_page_get_width (page), ==, 1700);
  g_assert_cmpuint (mistral_ocr_page_get_height (page), ==, 2200);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_ocr_page_get_images (page)), ==, 1);
  image = image_at (page, 0);
  g_assert_cmpstr (mistral_ocr_image_get_id (image), ==, "img-0.jpeg");
  g_assert_cmpint (mistral_ocr_image_get_top_left_x (image), ==, 100);
  g_assert_cmpint (mistral_ocr_image_get_top_left_y (image), ==, 200);
  g_assert_cmpint (mistral_ocr_image_get_bottom_right_x (image), ==, 500);
  g_assert_cmpint (mistral_ocr_image_get_bottom_right_y (image), ==, 450);
  g_assert_cmpstr (mistral_ocr_image_get_mime_type (image), ==, "image/jpeg");
  g_assert_null (mistral_ocr_image_get_image_annotation (image));
  bytes = mistral_ocr_image_get_data (image);
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), mock_jpeg, sizeof mock_jpeg);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_ocr_page_get_tables (page)), ==, 1);
  table = table_at (page, 0);
  g_assert_cmpstr (mistral_ocr_table_get_id (table), ==, "tbl-0.html");
  g_assert_cmpint (mistral_ocr_table_get_format (table), ==, MISTRAL_OCR_TABLE_FORMAT_HTML);
  g_assert_cmpstr (mistral_ocr_table_get_content (table), ==,
                   "<table><tr><td>item</td><td>price</td></tr><tr><td>tea</td><td>3</td></tr></table>");

  page = page_at (response, 1);
  g_assert_cmpuint (mistral_ocr_page_get_index (page), ==, 1);
  g_assert_cmpstr (mistral_ocr_page_get_markdown (page), ==, "## Terms\n\nPay within 30 days.");
  g_assert_cmpuint (g_strv_length ((GStrv) mistral_ocr_page_get_hyperlinks (page)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_ocr_page_get_images (page)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_ocr_page_get_tables (page)), ==, 0);

  /* The image limit (2) is for the whole document. */
  page = page_at (response, 2);
  g_assert_cmpstr (mistral_ocr_page_get_footer (page), ==, "Page 3");
  g_assert_cmpstr (mistral_ocr_page_get_markdown (page), ==, "## Notes\n\n![img-1.jpeg](img-1.jpeg)\nThanks.");
  g_assert_cmpuint (g_list_model_get_n_items (mistral_ocr_page_get_images (page)), ==, 1);

  markdown = mistral_ocr_response_get_markdown (response);
  g_assert_cmpstr (markdown, ==,
                   "# Invoice 42\n\nBilled to Jane.\n![img-0.jpeg](img-0.jpeg)\n[tbl-0.html](tbl-0.html)\n"
                   "Details at https://example.com/i/42 today.\n\n## Terms\n\nPay within 30 days.\n\n"
                   "## Notes\n\n![img-1.jpeg](img-1.jpeg)\nThanks.");

  remove_temp_file (file, g_steal_pointer (&dir));
}

/* A document URL, a file id and an image: canned pages, pages picked,
 * annotations, and what is not asked for left out. */
/* A local file uploaded first: upload (purpose ocr), OCR by its id (the
 * mock reads the stored file), then the upload deleted; also when the OCR
 * fails. */
static void
test_upload_local_file (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *text = "Scanned page one\fScanned page two";
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = write_temp_file ("scan.txt", text, strlen (text), &dir);
  g_autoptr(MistralOcrRequest) request = mistral_ocr_request_new_for_file ("mistral-ocr-latest", file);
  g_autoptr(MistralOcrResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *ocr_body = NULL;
  g_autofree char *upload_body = NULL;
  g_autofree char *file_id = NULL;
  guint first = mock_server_get_n_requests (fixture->server);
  guint notified = 0;

  if (test_skip_through_front ("h2", TEST_FRONT_H2_UPLOAD))
    return;

  g_signal_connect_swapped (request, "notify::upload-local-file", G_CALLBACK (count_notify), &notified);
  g_assert_false (mistral_ocr_request_get_upload_local_file (request));
  mistral_ocr_request_set_upload_local_file (request, TRUE);
  mistral_ocr_request_set_upload_local_file (request, TRUE);
  g_assert_cmpuint (notified, ==, 1);

  response = mistral_client_ocr (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server) - first, ==, 3);
  {
    g_autoptr(MockRequest) upload = mock_server_get_request (fixture->server, first);
    g_autoptr(MockRequest) ocr = mock_server_get_request (fixture->server, first + 1);
    g_autoptr(MockRequest) deleted = mock_server_get_request (fixture->server, first + 2);
    const char *start;

    g_assert_cmpstr (upload->method, ==, "POST");
    g_assert_cmpstr (upload->path, ==, "/v1/files");
    upload_body = mock_request_dup_body (upload);
    g_assert_nonnull (strstr (upload_body, "name=\"purpose\"\r\n\r\nocr\r\n"));
    g_assert_nonnull (strstr (upload_body, "filename=\"scan.txt\""));
    g_assert_nonnull (strstr (upload_body, text));
    g_assert_cmpstr (ocr->path, ==, "/v1/ocr");
    ocr_body = mock_request_dup_body (ocr);
    start = strstr (ocr_body, "\"file_id\":\"");
    g_assert_nonnull (start);
    file_id = g_strndup (start + strlen ("\"file_id\":\""), 36);
    g_assert_true (g_uuid_string_is_valid (file_id));
    expected = g_strdup_printf ("{\"model\":\"mistral-ocr-latest\",\"document\":{\"type\":\"file\",\"file_id\":\"%s\"}}",
                                file_id);
    g_assert_cmpstr (ocr_body, ==, expected);
    g_assert_cmpstr (deleted->method, ==, "DELETE");
    g_assert_true (g_str_has_suffix (deleted->path, file_id));
  }
  /* The pages are the stored file's. */
  markdown = mistral_ocr_response_get_markdown (response);
  g_assert_cmpstr (markdown, ==, "Scanned page one\n\nScanned page two");
  g_assert_cmpint (mistral_ocr_response_get_doc_size_bytes (response), ==, strlen (text));
  /* … and the upload is gone. */
  {
    g_autoptr(MistralFile) gone = mistral_client_get_file (fixture->client, file_id, NULL, &error);

    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_NOT_FOUND);
    g_assert_null (gone);
    g_clear_error (&error);
  }

  /* An OCR that fails still deletes the upload. */
  {
    g_autoptr(MistralOcrResponse) none = NULL;
    g_autoptr(MockRequest) last = NULL;

    mistral_ocr_request_set_model (request, "mock-error-500");
    first = mock_server_get_n_requests (fixture->server);
    none = mistral_client_ocr (fixture->client, request, NULL, &error);
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_SERVER);
    g_assert_null (none);
    g_clear_error (&error);
    last = mock_server_get_last_request (fixture->server);
    g_assert_cmpstr (last->method, ==, "DELETE");
    g_assert_cmpuint (mock_server_get_n_requests (fixture->server) - first, >=, 3);
  }

  /* A file that cannot be read: the upload's error, nothing OCR'd. */
  {
    g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/scan.pdf");
    g_autoptr(MistralOcrResponse) none = NULL;

    mistral_ocr_request_set_model (request, "mistral-ocr-latest");
    mistral_ocr_request_set_file (request, missing);
    first = mock_server_get_n_requests (fixture->server);
    none = mistral_client_ocr (fixture->client, request, NULL, &error);
    /* The files area's error for a file it cannot read. */
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
    g_assert_nonnull (strstr (error->message, "Cannot upload the file"));
    g_assert_null (none);
    g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, first);
  }
}

static void
test_documents (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MistralOcrRequest) request = mistral_ocr_request_new ("mistral-ocr-latest");
  g_autoptr(MistralResponseFormat) bbox = schema_format ("bbox");
  g_autoptr(MistralResponseFormat) doc = schema_format ("doc");
  g_autoptr(MistralOcrResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *markdown = NULL;
  g_autoptr(GFile) png = write_temp_file ("scan.png", png_bytes, sizeof png_bytes, &dir);
  MistralOcrPage *page;
  MistralOcrImage *image;
  GBytes *bytes;

  mistral_ocr_request_set_document_url (request, "https://example.com/report.pdf");
  mistral_ocr_request_set_pages (request, "1");
  mistral_ocr_request_set_bbox_annotation_format (request, bbox);
  mistral_ocr_request_set_document_annotation_format (request, doc);
  mistral_ocr_request_set_document_annotation_prompt (request, "Title?");
  mistral_ocr_request_set_table_format (request, MISTRAL_OCR_TABLE_FORMAT_MARKDOWN);
  response = mistral_client_ocr (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mistral_ocr_response_get_pages_processed (response), ==, 1);
  g_assert_cmpint (mistral_ocr_response_get_doc_size_bytes (response), ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_ocr_response_get_pages (response)), ==, 1);
  page = page_at (response, 0);
  g_assert_cmpuint (mistral_ocr_page_get_index (page), ==, 1);
  g_assert_null (mistral_ocr_page_get_header (page));
  g_assert_null (mistral_ocr_page_get_footer (page));
  g_assert_cmpstr (mistral_ocr_page_get_markdown (page), ==,
                   "## Results\n\n![img-0.jpeg](img-0.jpeg)\n\n[tbl-0.md](tbl-0.md)\n\n"
                   "See https://mistral.ai/ for more.\nPage 2");
  g_assert_cmpstr (mistral_ocr_table_get_content (table_at (page, 0)), ==, "| name | value |\n|---|---|\n| a | 1 |");
  g_assert_cmpint (mistral_ocr_table_get_format (table_at (page, 0)), ==, MISTRAL_OCR_TABLE_FORMAT_MARKDOWN);
  image = image_at (page, 0);
  g_assert_null (mistral_ocr_image_get_data (image));
  g_assert_null (mistral_ocr_image_get_mime_type (image));
  g_assert_cmpstr (mistral_ocr_image_get_image_annotation (image), ==, "{\"description\":\"a picture\"}");
  g_assert_cmpstr (mistral_ocr_response_get_document_annotation (response), ==,
                   "{\"page_count\":1,\"title\":\"## Results\\n\\n![img-0.jpeg](img-0.jpeg)\\n\\n"
                   "[tbl-0.md](tbl-0.md)\\n\\nSee https://mistral.ai/ for more.\\nPage 2\"}");
  g_clear_object (&response);

  /* An uploaded file's id. */
  g_object_set (request, "file-id", "7ae54a3d-3b6c-4f0e-9a33-0c6a2a1f5e11", "pages", NULL,
                "bbox-annotation-format", NULL, "document-annotation-prompt", NULL,
                "document-annotation-format", NULL, "table-format-set", FALSE, NULL);
  response = mistral_client_ocr (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_ocr_response_get_pages (response)), ==, 2);
  markdown = mistral_ocr_response_get_markdown (response);
  g_assert_cmpstr (markdown, ==, "Uploaded file\n# File 7ae54a3d-3b6c-4f0e-9a33-0c6a2a1f5e11\n\n"
                                 "The text of the uploaded file.\n\n## Second page\n\nMore text.\nPage 2");
  g_clear_object (&response);

  /* A local image comes back as the page's image, its bytes decoded. */
  mistral_ocr_request_set_file (request, png);
  mistral_ocr_request_set_include_image_base64 (request, TRUE);
  response = mistral_client_ocr (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mistral_ocr_response_get_doc_size_bytes (response), ==, sizeof png_bytes);
  page = page_at (response, 0);
  g_assert_cmpstr (mistral_ocr_page_get_markdown (page), ==, "![img-0.jpeg](img-0.jpeg)");
  image = image_at (page, 0);
  g_assert_cmpstr (mistral_ocr_image_get_mime_type (image), ==, "image/png");
  bytes = mistral_ocr_image_get_data (image);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), png_bytes, sizeof png_bytes);

  remove_temp_file (png, g_steal_pointer (&dir));
}

/* Every field of a scripted reply: bare base64, nulls, an unknown table
 * format, a missing index (its position), properties as bindings see them. */
static void
test_reply_fields (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MistralOcrRequest) request = mistral_ocr_request_new ("mistral-ocr-latest");
  g_autoptr(MistralOcrResponse) response = NULL;
  g_autoptr(GListModel) pages = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *header = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *annotation = NULL;
  MistralOcrPage *page;
  MistralOcrImage *image;
  guint processed = 0;
  gint64 size = 0;
  int x = 0;

  mock_server_push_reply (fixture->server, test_reply_body (200, "application/json",
    "{\"pages\":[{\"index\":4,\"markdown\":\"# A\",\"images\":[{\"id\":\"img-0.jpeg\",\"top_left_x\":1,"
    "\"top_left_y\":2,\"bottom_right_x\":3,\"bottom_right_y\":4,\"image_base64\":\"aGVsbG8=\","
    "\"image_annotation\":\"{}\",\"future\":1}],\"tables\":[{\"id\":\"t\",\"content\":\"x\",\"format\":\"latex\"}],"
    "\"hyperlinks\":[\"https://a\",\"https://b\"],\"header\":\"H\",\"footer\":null,"
    "\"dimensions\":{\"dpi\":72,\"height\":10,\"width\":20},\"blocks\":[{\"type\":\"text\"}],"
    "\"confidence_scores\":null},"
    "{\"markdown\":\"B\",\"images\":[{\"id\":\"i\",\"top_left_x\":null,\"top_left_y\":null,"
    "\"bottom_right_x\":null,\"bottom_right_y\":null,\"image_base64\":null}],\"dimensions\":null}],"
    "\"model\":\"mistral-ocr-2505\",\"document_annotation\":\"{\\\"a\\\":1}\","
    "\"usage_info\":{\"pages_processed\":2,\"doc_size_bytes\":null}}"));
  mistral_ocr_request_set_image_url (request, "https://example.com/x.png");
  response = mistral_client_ocr (fixture->client, request, NULL, &error);
  g_assert_no_error (error);

  g_object_get (response, "pages", &pages, "pages-processed", &processed, "doc-size-bytes", &size,
                "document-annotation", &annotation, NULL);
  g_assert_cmpuint (processed, ==, 2);
  g_assert_cmpint (size, ==, -1);
  g_assert_cmpstr (annotation, ==, "{\"a\":1}");
  g_assert_cmpstr (mistral_ocr_response_get_model (response), ==, "mistral-ocr-2505");
  g_assert_cmpuint (g_list_model_get_n_items (pages), ==, 2);

  page = page_at (response, 0);
  g_object_get (page, "header", &header, NULL);
  g_assert_cmpstr (header, ==, "H");
  g_assert_cmpuint (mistral_ocr_page_get_index (page), ==, 4);
  g_assert_cmpuint (mistral_ocr_page_get_dpi (page), ==, 72);
  g_assert_cmpuint (mistral_ocr_page_get_width (page), ==, 20);
  g_assert_cmpuint (mistral_ocr_page_get_height (page), ==, 10);
  g_assert_cmpuint (g_strv_length ((GStrv) mistral_ocr_page_get_hyperlinks (page)), ==, 2);
  g_assert_cmpint (mistral_ocr_table_get_format (table_at (page, 0)), ==, MISTRAL_OCR_TABLE_FORMAT_UNKNOWN);
  image = image_at (page, 0);
  g_object_get (image, "data", &bytes, "top-left-x", &x, NULL);
  g_assert_cmpint (x, ==, 1);
  g_assert_cmpint (mistral_ocr_image_get_bottom_right_y (image), ==, 4);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "hello", 5);
  g_assert_nonnull (mistral_ocr_image_get_mime_type (image));
  g_assert_cmpstr (mistral_ocr_image_get_image_annotation (image), ==, "{}");

  page = page_at (response, 1);
  g_assert_cmpuint (mistral_ocr_page_get_index (page), ==, 1);
  g_assert_null (mistral_ocr_page_get_header (page));
  g_assert_cmpuint (mistral_ocr_page_get_dpi (page), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_ocr_page_get_tables (page)), ==, 0);
  image = image_at (page, 0);
  g_assert_cmpint (mistral_ocr_image_get_top_left_x (image), ==, -1);
  g_assert_null (mistral_ocr_image_get_data (image));

  markdown = mistral_ocr_response_get_markdown (response);
  g_assert_cmpstr (markdown, ==, "# A\n\nB");
  g_clear_object (&response);
  g_clear_pointer (&markdown, g_free);

  /* No pages at all is an empty document. */
  mock_server_push_reply (fixture->server, test_reply_body (200, "application/json",
    "{\"pages\":[],\"model\":\"m\",\"usage_info\":{\"pages_processed\":0}}"));
  response = mistral_client_ocr (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  markdown = mistral_ocr_response_get_markdown (response);
  g_assert_cmpstr (markdown, ==, "");
}

static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct {
    const char *body;
    const char *path;
  } cases[] = {
    { "[]", "the response" },
    { "{\"model\":\"m\"}", "no pages" },
    { "{\"pages\":{}}", "pages" },
    { "{\"pages\":[1]}", "pages[0]" },
    { "{\"pages\":[],\"model\":7}", "model" },
    { "{\"pages\":[],\"document_annotation\":{}}", "document_annotation" },
    { "{\"pages\":[],\"usage_info\":[]}", "usage_info" },
    { "{\"pages\":[],\"usage_info\":{\"pages_processed\":-1}}", "usage_info.pages_processed" },
    { "{\"pages\":[],\"usage_info\":{\"doc_size_bytes\":\"9\"}}", "usage_info.doc_size_bytes" },
    { "{\"pages\":[{\"index\":\"0\"}]}", "pages[0].index" },
    { "{\"pages\":[{\"index\":-3}]}", "pages[0].index" },
    { "{\"pages\":[{\"markdown\":[]}]}", "pages[0].markdown" },
    { "{\"pages\":[{},{\"header\":1}]}", "pages[1].header" },
    { "{\"pages\":[{\"footer\":true}]}", "pages[0].footer" },
    { "{\"pages\":[{\"hyperlinks\":\"x\"}]}", "pages[0].hyperlinks" },
    { "{\"pages\":[{\"hyperlinks\":[\"a\",2]}]}", "pages[0].hyperlinks[1]" },
    { "{\"pages\":[{\"dimensions\":[]}]}", "pages[0].dimensions" },
    { "{\"pages\":[{\"dimensions\":{\"dpi\":1.5}}]}", "pages[0].dimensions.dpi" },
    { "{\"pages\":[{\"images\":{}}]}", "pages[0].images" },
    { "{\"pages\":[{\"images\":[null]}]}", "pages[0].images[0]" },
    { "{\"pages\":[{\"images\":[{\"id\":5}]}]}", "pages[0].images[0].id" },
    { "{\"pages\":[{\"images\":[{\"top_left_x\":\"1\"}]}]}", "pages[0].images[0].top_left_x" },
    { "{\"pages\":[{\"images\":[{\"bottom_right_y\":-1}]}]}", "pages[0].images[0].bottom_right_y" },
    { "{\"pages\":[{\"images\":[{\"image_base64\":7}]}]}", "pages[0].images[0].image_base64" },
    { "{\"pages\":[{\"images\":[{\"image_annotation\":{}}]}]}", "pages[0].images[0].image_annotation" },
    { "{\"pages\":[{\"images\":[{\"image_base64\":\"not base64!\"}]}]}", "pages[0].images[0].image_base64" },
    { "{\"pages\":[{\"images\":[{\"image_base64\":\"aGVsbG8\"}]}]}", "pages[0].images[0].image_base64" },
    { "{\"pages\":[{\"images\":[{\"image_base64\":\"a===\"}]}]}", "pages[0].images[0].image_base64" },
    { "{\"pages\":[{\"images\":[{\"image_base64\":\"data:image/png,aGVsbG8=\"}]}]}",
      "pages[0].images[0].image_base64" },
    { "{\"pages\":[{\"images\":[{\"image_base64\":\"data:image/png;base64\"}]}]}",
      "pages[0].images[0].image_base64" },
    { "{\"pages\":[{\"images\":[{\"image_base64\":\"data:image/png;base64,aGV*bG8=\"}]}]}",
      "pages[0].images[0].image_base64" },
    { "{\"pages\":[{\"tables\":[{\"content\":1}]}]}", "pages[0].tables[0].content" },
    { "{\"pages\":[{\"tables\":[{\"format\":null,\"id\":[]}]}]}", "pages[0].tables[0].id" },
    { "{\"pages\":[{\"tables\":[{\"format\":2}]}]}", "pages[0].tables[0].format" },
  };
  g_autoptr(MistralOcrRequest) request = mistral_ocr_request_new ("mistral-ocr-latest");
  g_autoptr(MistralOcrResponse) response = NULL;
  g_autoptr(GString) huge = g_string_new ("{\"pages\":[{\"index\":0,\"markdown\":\"");
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;

  mistral_ocr_request_set_document_url (request, "https://example.com/a.pdf");
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      mock_server_push_reply (fixture->server, test_reply_body (200, "application/json", cases[i].body));
      response = mistral_client_ocr (fixture->client, request, NULL, &error);
      if (response != NULL)
        g_error ("case %" G_GSIZE_FORMAT ": accepted", i);
      g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
      if (strstr (error->message, cases[i].path) == NULL)
        g_error ("case %" G_GSIZE_FORMAT ": \"%s\" does not name %s", i, error->message, cases[i].path);
      g_clear_error (&error);
    }

  /* Huge markdown (24 MiB, within the reply limit) is read whole. */
  for (guint i = 0; i < 24 * 1024; i++)
    g_string_append_printf (huge, "%01023u\\n", i);
  g_string_append (huge, "\",\"images\":[],\"dimensions\":null}],\"model\":\"m\",\"usage_info\":{\"pages_processed\":1}}");
  mock_server_push_reply (fixture->server, test_reply_body (200, "application/json", huge->str));
  response = mistral_client_ocr (fixture->client, request, NULL, &error);
  g_assert_no_error (error);
  markdown = mistral_ocr_response_get_markdown (response);
  g_assert_cmpuint (strlen (markdown), ==, 24 * 1024 * 1024);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  static const struct {
    const char *model;
    int code;
  } cases[] = {
    { "mock-error-400", MISTRAL_ERROR_INVALID_REQUEST },
    { "mock-error-401", MISTRAL_ERROR_UNAUTHORIZED },
    { "mock-error-404", MISTRAL_ERROR_NOT_FOUND },
    { "mock-error-429", MISTRAL_ERROR_RATE_LIMITED },
    { "mock-error-500", MISTRAL_ERROR_SERVER },
  };
  g_autoptr(MistralOcrRequest) request = mistral_ocr_request_new ("m");
  g_autoptr(MistralOcrResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  mistral_ocr_request_set_document_url (request, "https://example.com/a.pdf");
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      mistral_ocr_request_set_model (request, cases[i].model);
      response = mistral_client_ocr (fixture->client, request, NULL, &error);
      g_assert_null (response);
      g_assert_error (error, MISTRAL_ERROR, cases[i].code);
      g_clear_error (&error);
    }

  /* The API's own error body, with its message, for a data URL that is
   * not base64. */
  mistral_ocr_request_set_model (request, "mistral-ocr-latest");
  mistral_ocr_request_set_document_url (request, "data:application/pdf;base64,%%%");
  response = mistral_client_ocr (fixture->client, request, NULL, &error);
  g_assert_null (response);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "the data URL is not base64 data"));
  g_clear_error (&error);

  /* A 422 validation body, its message kept. */
  mock_server_push_reply (fixture->server, test_reply_body (422, "application/json",
    "{\"object\":\"error\",\"message\":{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"document\"],"
    "\"msg\":\"Field required\",\"input\":{}}]},\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}"));
  response = mistral_client_ocr (fixture->client, request, NULL, &error);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_nonnull (strstr (error->message, "Field required (body.document)"));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MistralOcrRequest) request = mistral_ocr_request_new ("m");
  g_autoptr(MistralOcrResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = write_temp_file ("a.txt", "text", 4, &dir);
  gint64 start = g_get_monotonic_time ();
  MockReply *slow = test_reply_body (200, "application/json", "{\"pages\":[],\"model\":\"m\"}");

  mistral_ocr_request_set_document_url (request, "https://example.com/a.pdf");
  mock_reply_set_delay_ms (slow, 5000);
  mock_server_push_reply (fixture->server, slow);
  g_timeout_add (100, test_cancel_cb, cancellable);
  mistral_client_ocr_async (fixture->client, request, cancellable, test_async_result_cb, &result);
  response = mistral_client_ocr_finish (fixture->client, test_wait_result (&result), &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Cancelled before it starts, a local file too: nothing is sent. */
  mock_server_clear_requests (fixture->server);
  response = mistral_client_ocr (fixture->client, request, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  mistral_ocr_request_set_file (request, file);
  response = mistral_client_ocr (fixture->client, request, cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, 0);

  remove_temp_file (file, g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ocr/request-json", test_request_json);
  TEST_ADD_HTTP ("/ocr/invalid", test_invalid);
  TEST_ADD_HTTP ("/ocr/local-file", test_local_file);
  TEST_ADD_HTTP ("/ocr/documents", test_documents);
  TEST_ADD_HTTP ("/ocr/upload-local-file", test_upload_local_file);
  TEST_ADD_HTTP ("/ocr/reply-fields", test_reply_fields);
  TEST_ADD_HTTP ("/ocr/hostile", test_hostile);
  TEST_ADD_HTTP ("/ocr/errors", test_errors);
  TEST_ADD_HTTP ("/ocr/cancel", test_cancel);

  return g_test_run ();
}
