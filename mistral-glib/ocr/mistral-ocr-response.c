// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-json-private.h"
#include "mistral-ocr-page-private.h"
#include "mistral-ocr-response-private.h"

/**
 * MistralOcrResponse:
 *
 * The reply to an OCR request: the pages read, each with its markdown,
 * images and tables, and what the API counted.
 *
 * [method@Mistral.OcrResponse.get_markdown] gives the text of all pages
 * in one string.
 *
 * Since: 1.0
 */

struct _MistralOcrResponse
{
  GObject parent_instance;

  char *model;
  GListModel *pages;
  guint pages_processed;
  gint64 doc_size_bytes;
  char *document_annotation;
};

G_DEFINE_FINAL_TYPE (MistralOcrResponse, mistral_ocr_response, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_PAGES,
  PROP_PAGES_PROCESSED,
  PROP_DOC_SIZE_BYTES,
  PROP_DOCUMENT_ANNOTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_ocr_response_finalize (GObject *object)
{
  MistralOcrResponse *self = MISTRAL_OCR_RESPONSE (object);

  g_free (self->model);
  g_clear_object (&self->pages);
  g_free (self->document_annotation);

  G_OBJECT_CLASS (mistral_ocr_response_parent_class)->finalize (object);
}

static void
mistral_ocr_response_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MistralOcrResponse *self = MISTRAL_OCR_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_PAGES:
      g_value_set_object (value, self->pages);
      break;
    case PROP_PAGES_PROCESSED:
      g_value_set_uint (value, self->pages_processed);
      break;
    case PROP_DOC_SIZE_BYTES:
      g_value_set_int64 (value, self->doc_size_bytes);
      break;
    case PROP_DOCUMENT_ANNOTATION:
      g_value_set_string (value, self->document_annotation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
mistral_ocr_response_class_init (MistralOcrResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_ocr_response_finalize;
  object_class->get_property = mistral_ocr_response_get_property;

  /**
   * MistralOcrResponse:model:
   *
   * The model that read the document.
   *
   * Since: 1.0
   */
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralOcrResponse:pages: (type Gio.ListModel)
   *
   * The pages read, a list of [class@Mistral.OcrPage], in the order of
   * the reply.
   *
   * Since: 1.0
   */
  properties[PROP_PAGES] = g_param_spec_object ("pages", NULL, NULL, G_TYPE_LIST_MODEL, READ_FLAGS);

  /**
   * MistralOcrResponse:pages-processed:
   *
   * The number of pages the API processed (and bills; the usage of the
   * request).
   *
   * Since: 1.0
   */
  properties[PROP_PAGES_PROCESSED] =
    g_param_spec_uint ("pages-processed", NULL, NULL, 0, G_MAXUINT, 0, READ_FLAGS);

  /**
   * MistralOcrResponse:doc-size-bytes:
   *
   * The size of the document in bytes, as the API counted it; -1 when the
   * reply did not say.
   *
   * Since: 1.0
   */
  properties[PROP_DOC_SIZE_BYTES] =
    g_param_spec_int64 ("doc-size-bytes", NULL, NULL, -1, G_MAXINT64, -1, READ_FLAGS);

  /**
   * MistralOcrResponse:document-annotation:
   *
   * The annotation of the whole document, a JSON text in the format of the
   * request's [property@Mistral.OcrRequest:document-annotation-format]
   * (parse it with json-glib); %NULL without one.
   *
   * Since: 1.0
   */
  properties[PROP_DOCUMENT_ANNOTATION] =
    g_param_spec_string ("document-annotation", NULL, NULL, NULL, READ_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_ocr_response_init (MistralOcrResponse *self)
{
  self->doc_size_bytes = -1;
}

static gboolean
ocr_response_read_usage (MistralOcrResponse  *self,
                         JsonObject          *object,
                         GError             **error)
{
  JsonObject *usage = NULL;
  gint64 size = -1;

  if (!mistral_json_read_member (object, "usage_info", "", MISTRAL_JSON_OBJECT, &usage, error))
    return FALSE;
  if (usage == NULL)
    return TRUE;
  if (!mistral_json_read_member (usage, "pages_processed", "usage_info", MISTRAL_JSON_UINT,
                                 &self->pages_processed, error) ||
      !mistral_json_read_member (usage, "doc_size_bytes", "usage_info", MISTRAL_JSON_INT, &size, error))
    return FALSE;
  self->doc_size_bytes = MAX (size, -1);
  return TRUE;
}

MistralOcrResponse *
mistral_ocr_response_new_from_json (JsonNode  *node,
                                    GError   **error)
{
  g_autoptr(MistralOcrResponse) self = g_object_new (MISTRAL_TYPE_OCR_RESPONSE, NULL);
  const char *model = NULL, *annotation = NULL;
  JsonArray *pages = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mistral_json_wrong_type (node, "the response", NULL, "an object", error), NULL;
  object = json_node_get_object (node);

  if (!mistral_json_read_member (object, "model", "", MISTRAL_JSON_STRING, &model, error) ||
      !mistral_json_read_member (object, "document_annotation", "", MISTRAL_JSON_STRING, &annotation, error) ||
      !mistral_json_read_member (object, "pages", "", MISTRAL_JSON_ARRAY, &pages, error) ||
      !ocr_response_read_usage (self, object, error))
    return NULL;
  if (pages == NULL)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid response: the response has no pages");
      return NULL;
    }

  self->pages = G_LIST_MODEL (mistral_json_read_list (pages, "pages", MISTRAL_TYPE_OCR_PAGE,
                                                      (MistralJsonReadFunc) mistral_ocr_page_new_from_json_object,
                                                      error));
  if (self->pages == NULL)
    return NULL;
  self->model = g_strdup (model);
  self->document_annotation = g_strdup (annotation);

  return g_steal_pointer (&self);
}

/**
 * mistral_ocr_response_get_model: (get-property model)
 * @self: a response
 *
 * Gets the model that read the document.
 *
 * Returns: (nullable): the model
 *
 * Since: 1.0
 */
const char *
mistral_ocr_response_get_model (MistralOcrResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_RESPONSE (self), NULL);

  return self->model;
}

/**
 * mistral_ocr_response_get_pages: (get-property pages)
 * @self: a response
 *
 * Gets the pages read.
 *
 * Returns: (transfer none): a list of [class@Mistral.OcrPage]
 *
 * Since: 1.0
 */
GListModel *
mistral_ocr_response_get_pages (MistralOcrResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_RESPONSE (self), NULL);

  return self->pages;
}

/**
 * mistral_ocr_response_get_pages_processed: (get-property pages-processed)
 * @self: a response
 *
 * Gets the number of pages the API processed.
 *
 * Returns: the number of pages
 *
 * Since: 1.0
 */
guint
mistral_ocr_response_get_pages_processed (MistralOcrResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_RESPONSE (self), 0);

  return self->pages_processed;
}

/**
 * mistral_ocr_response_get_doc_size_bytes: (get-property doc-size-bytes)
 * @self: a response
 *
 * Gets the size of the document, as the API counted it.
 *
 * Returns: the size in bytes, or -1 when unknown
 *
 * Since: 1.0
 */
gint64
mistral_ocr_response_get_doc_size_bytes (MistralOcrResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_RESPONSE (self), -1);

  return self->doc_size_bytes;
}

/**
 * mistral_ocr_response_get_document_annotation: (get-property document-annotation)
 * @self: a response
 *
 * Gets the annotation of the whole document.
 *
 * Returns: (nullable): the annotation, a JSON text
 *
 * Since: 1.0
 */
const char *
mistral_ocr_response_get_document_annotation (MistralOcrResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_RESPONSE (self), NULL);

  return self->document_annotation;
}

/**
 * mistral_ocr_response_get_markdown:
 * @self: a response
 *
 * Joins the markdown of all pages, in the order of the reply, with a blank
 * line (`"\n\n"`) between two pages, so that each page starts a paragraph
 * of its own. Headers and footers taken out of the pages are not included.
 *
 * Returns: (transfer full): the markdown of the document, empty when it
 *   has no pages
 *
 * Since: 1.0
 */
char *
mistral_ocr_response_get_markdown (MistralOcrResponse *self)
{
  g_autoptr(GString) markdown = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (MISTRAL_IS_OCR_RESPONSE (self), NULL);

  n = g_list_model_get_n_items (self->pages);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralOcrPage) page = g_list_model_get_item (self->pages, i);

      if (i > 0)
        g_string_append (markdown, "\n\n");
      g_string_append (markdown, mistral_ocr_page_get_markdown (page));
    }

  return g_string_free (g_steal_pointer (&markdown), FALSE);
}
