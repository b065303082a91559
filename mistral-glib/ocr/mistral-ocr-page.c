// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-json-private.h"
#include "mistral-ocr-image-private.h"
#include "mistral-ocr-page-private.h"
#include "mistral-ocr-table-private.h"

/**
 * MistralOcrPage:
 *
 * One page of an OCR reply: its text as markdown, the images and tables
 * found on it, its links, its header and footer (when the request asked
 * for them to be taken out of the markdown), and the size of the page's
 * image.
 *
 * Since: 1.0
 */

struct _MistralOcrPage
{
  GObject parent_instance;

  guint index;
  char *markdown;
  GListModel *images;
  GListModel *tables;
  GStrv hyperlinks;
  char *header;
  char *footer;
  guint dimensions[3];   /* dpi, width, height */
};

G_DEFINE_FINAL_TYPE (MistralOcrPage, mistral_ocr_page, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_MARKDOWN,
  PROP_IMAGES,
  PROP_TABLES,
  PROP_HYPERLINKS,
  PROP_HEADER,
  PROP_FOOTER,
  PROP_DPI,
  PROP_WIDTH,
  PROP_HEIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The members of `dimensions`, in the order of dimensions[]. */
static const char * const dimension_members[] = { "dpi", "width", "height" };

static void
mistral_ocr_page_finalize (GObject *object)
{
  MistralOcrPage *self = MISTRAL_OCR_PAGE (object);

  g_free (self->markdown);
  g_clear_object (&self->images);
  g_clear_object (&self->tables);
  g_strfreev (self->hyperlinks);
  g_free (self->header);
  g_free (self->footer);

  G_OBJECT_CLASS (mistral_ocr_page_parent_class)->finalize (object);
}

static void
mistral_ocr_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MistralOcrPage *self = MISTRAL_OCR_PAGE (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_MARKDOWN:
      g_value_set_string (value, self->markdown);
      break;
    case PROP_IMAGES:
      g_value_set_object (value, self->images);
      break;
    case PROP_TABLES:
      g_value_set_object (value, self->tables);
      break;
    case PROP_HYPERLINKS:
      g_value_set_boxed (value, self->hyperlinks);
      break;
    case PROP_HEADER:
      g_value_set_string (value, self->header);
      break;
    case PROP_FOOTER:
      g_value_set_string (value, self->footer);
      break;
    case PROP_DPI:
    case PROP_WIDTH:
    case PROP_HEIGHT:
      g_value_set_uint (value, self->dimensions[prop_id - PROP_DPI]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
mistral_ocr_page_class_init (MistralOcrPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_ocr_page_finalize;
  object_class->get_property = mistral_ocr_page_get_property;

  /**
   * MistralOcrPage:index:
   *
   * The page's number in the document, from 0.
   *
   * Since: 1.0
   */
  properties[PROP_INDEX] = g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0, READ_FLAGS);

  /**
   * MistralOcrPage:markdown:
   *
   * The page's text, as markdown, which links to the page's images and
   * tables by their ids.
   *
   * Since: 1.0
   */
  properties[PROP_MARKDOWN] = g_param_spec_string ("markdown", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralOcrPage:images: (type Gio.ListModel)
   *
   * The images found on the page, a list of [class@Mistral.OcrImage].
   *
   * Since: 1.0
   */
  properties[PROP_IMAGES] = g_param_spec_object ("images", NULL, NULL, G_TYPE_LIST_MODEL, READ_FLAGS);

  /**
   * MistralOcrPage:tables: (type Gio.ListModel)
   *
   * The tables taken out of the page, a list of [class@Mistral.OcrTable].
   *
   * Since: 1.0
   */
  properties[PROP_TABLES] = g_param_spec_object ("tables", NULL, NULL, G_TYPE_LIST_MODEL, READ_FLAGS);

  /**
   * MistralOcrPage:hyperlinks:
   *
   * The links found on the page.
   *
   * Since: 1.0
   */
  properties[PROP_HYPERLINKS] = g_param_spec_boxed ("hyperlinks", NULL, NULL, G_TYPE_STRV, READ_FLAGS);

  /**
   * MistralOcrPage:header:
   *
   * The page's header, when the request asked for it with
   * [property@Mistral.OcrRequest:extract-header].
   *
   * Since: 1.0
   */
  properties[PROP_HEADER] = g_param_spec_string ("header", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralOcrPage:footer:
   *
   * The page's footer, when the request asked for it with
   * [property@Mistral.OcrRequest:extract-footer].
   *
   * Since: 1.0
   */
  properties[PROP_FOOTER] = g_param_spec_string ("footer", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralOcrPage:dpi:
   *
   * The dots per inch of the page's image; 0 when the reply did not say.
   *
   * Since: 1.0
   */
  properties[PROP_DPI] = g_param_spec_uint ("dpi", NULL, NULL, 0, G_MAXUINT, 0, READ_FLAGS);

  /**
   * MistralOcrPage:width:
   *
   * The width of the page's image in pixels; 0 when the reply did not say.
   *
   * Since: 1.0
   */
  properties[PROP_WIDTH] = g_param_spec_uint ("width", NULL, NULL, 0, G_MAXUINT, 0, READ_FLAGS);

  /**
   * MistralOcrPage:height:
   *
   * The height of the page's image in pixels; 0 when the reply did not
   * say.
   *
   * Since: 1.0
   */
  properties[PROP_HEIGHT] = g_param_spec_uint ("height", NULL, NULL, 0, G_MAXUINT, 0, READ_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_ocr_page_init (MistralOcrPage *self)
{
}

/* A list member of objects, read by @read into a list of @type (empty when
 * the member is missing). */
static GListModel *
ocr_page_read_list (JsonObject           *object,
                    const char           *member,
                    const char           *path,
                    GType                 type,
                    MistralJsonReadFunc   read,
                    GError              **error)
{
  g_autofree char *sub = mistral_json_path_join (path, member);
  JsonArray *array = NULL;

  if (!mistral_json_read_member (object, member, path, MISTRAL_JSON_ARRAY, &array, error))
    return NULL;
  return G_LIST_MODEL (mistral_json_read_list (array, sub, type, read, error));
}

static gboolean
ocr_page_read_hyperlinks (MistralOcrPage  *self,
                          JsonObject      *object,
                          const char      *path,
                          GError         **error)
{
  JsonArray *array = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (!mistral_json_read_member (object, "hyperlinks", path, MISTRAL_JSON_ARRAY, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_autofree char *sub = g_strdup_printf ("%s%shyperlinks[%u]", path, *path ? "." : "", i);

          return mistral_json_wrong_type (node, sub, NULL, "a string", error);
        }
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  self->hyperlinks = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
ocr_page_read_dimensions (MistralOcrPage  *self,
                          JsonObject      *object,
                          const char      *path,
                          GError         **error)
{
  g_autofree char *sub = mistral_json_path_join (path, "dimensions");
  JsonObject *dimensions = NULL;

  if (!mistral_json_read_member (object, "dimensions", path, MISTRAL_JSON_OBJECT, &dimensions, error))
    return FALSE;
  for (guint i = 0; dimensions != NULL && i < G_N_ELEMENTS (dimension_members); i++)
    if (!mistral_json_read_member (dimensions, dimension_members[i], sub, MISTRAL_JSON_UINT,
                                   &self->dimensions[i], error))
      return FALSE;
  return TRUE;
}

MistralOcrPage *
mistral_ocr_page_new_from_json_object (JsonObject  *object,
                                       const char  *path,
                                       guint        position,
                                       GError     **error)
{
  g_autoptr(MistralOcrPage) self = g_object_new (MISTRAL_TYPE_OCR_PAGE, NULL);
  const char *markdown = NULL, *header = NULL, *footer = NULL;

  self->index = position;
  if (!mistral_json_read_member (object, "index", path, MISTRAL_JSON_UINT, &self->index, error) ||
      !mistral_json_read_member (object, "markdown", path, MISTRAL_JSON_STRING, &markdown, error) ||
      !mistral_json_read_member (object, "header", path, MISTRAL_JSON_STRING, &header, error) ||
      !mistral_json_read_member (object, "footer", path, MISTRAL_JSON_STRING, &footer, error) ||
      !ocr_page_read_hyperlinks (self, object, path, error) ||
      !ocr_page_read_dimensions (self, object, path, error))
    return NULL;

  self->images = ocr_page_read_list (object, "images", path, MISTRAL_TYPE_OCR_IMAGE,
                                     (MistralJsonReadFunc) mistral_ocr_image_new_from_json_object, error);
  if (self->images == NULL)
    return NULL;
  self->tables = ocr_page_read_list (object, "tables", path, MISTRAL_TYPE_OCR_TABLE,
                                     (MistralJsonReadFunc) mistral_ocr_table_new_from_json_object, error);
  if (self->tables == NULL)
    return NULL;

  self->markdown = g_strdup (markdown != NULL ? markdown : "");
  self->header = g_strdup (header);
  self->footer = g_strdup (footer);

  return g_steal_pointer (&self);
}

/**
 * mistral_ocr_page_get_index: (get-property index)
 * @self: a page
 *
 * Gets the page's number in the document.
 *
 * Returns: the number, from 0
 *
 * Since: 1.0
 */
guint
mistral_ocr_page_get_index (MistralOcrPage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_PAGE (self), 0);

  return self->index;
}

/**
 * mistral_ocr_page_get_markdown: (get-property markdown)
 * @self: a page
 *
 * Gets the page's text.
 *
 * Returns: the markdown, empty when the page has no text
 *
 * Since: 1.0
 */
const char *
mistral_ocr_page_get_markdown (MistralOcrPage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_PAGE (self), NULL);

  return self->markdown;
}

/**
 * mistral_ocr_page_get_images: (get-property images)
 * @self: a page
 *
 * Gets the images found on the page.
 *
 * Returns: (transfer none): a list of [class@Mistral.OcrImage]
 *
 * Since: 1.0
 */
GListModel *
mistral_ocr_page_get_images (MistralOcrPage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_PAGE (self), NULL);

  return self->images;
}

/**
 * mistral_ocr_page_get_tables: (get-property tables)
 * @self: a page
 *
 * Gets the tables taken out of the page.
 *
 * Returns: (transfer none): a list of [class@Mistral.OcrTable]
 *
 * Since: 1.0
 */
GListModel *
mistral_ocr_page_get_tables (MistralOcrPage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_PAGE (self), NULL);

  return self->tables;
}

/**
 * mistral_ocr_page_get_hyperlinks: (get-property hyperlinks)
 * @self: a page
 *
 * Gets the links found on the page.
 *
 * Returns: (array zero-terminated=1) (transfer none): the links, maybe
 *   none
 *
 * Since: 1.0
 */
const char * const *
mistral_ocr_page_get_hyperlinks (MistralOcrPage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_PAGE (self), NULL);

  return (const char * const *) self->hyperlinks;
}

/**
 * mistral_ocr_page_get_header: (get-property header)
 * @self: a page
 *
 * Gets the page's header.
 *
 * Returns: (nullable): the header
 *
 * Since: 1.0
 */
const char *
mistral_ocr_page_get_header (MistralOcrPage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_PAGE (self), NULL);

  return self->header;
}

/**
 * mistral_ocr_page_get_footer: (get-property footer)
 * @self: a page
 *
 * Gets the page's footer.
 *
 * Returns: (nullable): the footer
 *
 * Since: 1.0
 */
const char *
mistral_ocr_page_get_footer (MistralOcrPage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_PAGE (self), NULL);

  return self->footer;
}

/**
 * mistral_ocr_page_get_dpi: (get-property dpi)
 * @self: a page
 *
 * Gets the dots per inch of the page's image.
 *
 * Returns: the dpi, or 0 when unknown
 *
 * Since: 1.0
 */
guint
mistral_ocr_page_get_dpi (MistralOcrPage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_PAGE (self), 0);

  return self->dimensions[0];
}

/**
 * mistral_ocr_page_get_width: (get-property width)
 * @self: a page
 *
 * Gets the width of the page's image.
 *
 * Returns: the width in pixels, or 0 when unknown
 *
 * Since: 1.0
 */
guint
mistral_ocr_page_get_width (MistralOcrPage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_PAGE (self), 0);

  return self->dimensions[1];
}

/**
 * mistral_ocr_page_get_height: (get-property height)
 * @self: a page
 *
 * Gets the height of the page's image.
 *
 * Returns: the height in pixels, or 0 when unknown
 *
 * Since: 1.0
 */
guint
mistral_ocr_page_get_height (MistralOcrPage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_PAGE (self), 0);

  return self->dimensions[2];
}
