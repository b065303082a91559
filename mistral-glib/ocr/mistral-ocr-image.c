// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <string.h>

#include "mistral-json-private.h"
#include "mistral-ocr-image-private.h"

/**
 * MistralOcrImage:
 *
 * An image found on a page of an OCR reply: its id (the name the page's
 * markdown links to, such as `img-0.jpeg`), its box on the page in pixels,
 * and, when the request asked for them with
 * [property@Mistral.OcrRequest:include-image-base64], its bytes.
 *
 * The API sends the bytes in base64, as a `data:` URL or bare; they are
 * decoded when the reply is read, and the MIME type is the data URL's, or
 * guessed from the bytes. Base64 that is not valid makes the whole reply
 * fail with %MISTRAL_ERROR_INVALID_RESPONSE naming the field: an image
 * that silently has no bytes would be harder to notice than an error.
 *
 * Since: 1.0
 */

struct _MistralOcrImage
{
  GObject parent_instance;

  char *id;
  int box[4];           /* top-left x, y, bottom-right x, y; -1 when unknown */
  GBytes *data;
  char *mime_type;
  char *image_annotation;
};

G_DEFINE_FINAL_TYPE (MistralOcrImage, mistral_ocr_image, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TOP_LEFT_X,
  PROP_TOP_LEFT_Y,
  PROP_BOTTOM_RIGHT_X,
  PROP_BOTTOM_RIGHT_Y,
  PROP_DATA,
  PROP_MIME_TYPE,
  PROP_IMAGE_ANNOTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The box's members, in the order of box[] and of the properties. */
static const char * const box_members[] = { "top_left_x", "top_left_y", "bottom_right_x", "bottom_right_y" };

static void
mistral_ocr_image_finalize (GObject *object)
{
  MistralOcrImage *self = MISTRAL_OCR_IMAGE (object);

  g_free (self->id);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_free (self->mime_type);
  g_free (self->image_annotation);

  G_OBJECT_CLASS (mistral_ocr_image_parent_class)->finalize (object);
}

static void
mistral_ocr_image_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MistralOcrImage *self = MISTRAL_OCR_IMAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TOP_LEFT_X:
    case PROP_TOP_LEFT_Y:
    case PROP_BOTTOM_RIGHT_X:
    case PROP_BOTTOM_RIGHT_Y:
      g_value_set_int (value, self->box[prop_id - PROP_TOP_LEFT_X]);
      break;
    case PROP_DATA:
      g_value_set_boxed (value, self->data);
      break;
    case PROP_MIME_TYPE:
      g_value_set_string (value, self->mime_type);
      break;
    case PROP_IMAGE_ANNOTATION:
      g_value_set_string (value, self->image_annotation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
mistral_ocr_image_class_init (MistralOcrImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_ocr_image_finalize;
  object_class->get_property = mistral_ocr_image_get_property;

  /**
   * MistralOcrImage:id:
   *
   * The image's id, which the page's markdown links to.
   *
   * Since: 1.0
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralOcrImage:top-left-x:
   *
   * The x of the box's top-left corner, in pixels; -1 when unknown.
   *
   * Since: 1.0
   */
  properties[PROP_TOP_LEFT_X] = g_param_spec_int ("top-left-x", NULL, NULL, -1, G_MAXINT, -1, READ_FLAGS);

  /**
   * MistralOcrImage:top-left-y:
   *
   * The y of the box's top-left corner, in pixels; -1 when unknown.
   *
   * Since: 1.0
   */
  properties[PROP_TOP_LEFT_Y] = g_param_spec_int ("top-left-y", NULL, NULL, -1, G_MAXINT, -1, READ_FLAGS);

  /**
   * MistralOcrImage:bottom-right-x:
   *
   * The x of the box's bottom-right corner, in pixels; -1 when unknown.
   *
   * Since: 1.0
   */
  properties[PROP_BOTTOM_RIGHT_X] = g_param_spec_int ("bottom-right-x", NULL, NULL, -1, G_MAXINT, -1, READ_FLAGS);

  /**
   * MistralOcrImage:bottom-right-y:
   *
   * The y of the box's bottom-right corner, in pixels; -1 when unknown.
   *
   * Since: 1.0
   */
  properties[PROP_BOTTOM_RIGHT_Y] = g_param_spec_int ("bottom-right-y", NULL, NULL, -1, G_MAXINT, -1, READ_FLAGS);

  /**
   * MistralOcrImage:data:
   *
   * The image's bytes (the file, such as a JPEG), decoded; %NULL unless
   * the request asked for them.
   *
   * Since: 1.0
   */
  properties[PROP_DATA] = g_param_spec_boxed ("data", NULL, NULL, G_TYPE_BYTES, READ_FLAGS);

  /**
   * MistralOcrImage:mime-type:
   *
   * The MIME type of [property@Mistral.OcrImage:data], such as
   * `image/jpeg`; %NULL without data.
   *
   * Since: 1.0
   */
  properties[PROP_MIME_TYPE] = g_param_spec_string ("mime-type", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralOcrImage:image-annotation:
   *
   * The image's annotation, a JSON text in the format of the request's
   * [property@Mistral.OcrRequest:bbox-annotation-format]; %NULL without.
   *
   * Since: 1.0
   */
  properties[PROP_IMAGE_ANNOTATION] = g_param_spec_string ("image-annotation", NULL, NULL, NULL, READ_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_ocr_image_init (MistralOcrImage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->box); i++)
    self->box[i] = -1;
}

/* Whether @text (of @length) is base64 that g_base64_decode() reads back
 * exactly: it skips what is not of the alphabet rather than failing. */
static gboolean
ocr_image_base64_valid (const char *text,
                        gsize       length)
{
  gsize padding = 0;

  while (length > 0 && padding < 2 && text[length - 1] == '=')
    length--, padding++;
  /* Padded: g_base64_decode() drops a last group that is not whole. */
  if ((length + padding) % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '/')
      return FALSE;
  return TRUE;
}

/* Decodes @value, a data: URL in base64 or bare base64, into the image's
 * bytes and MIME type. */
static gboolean
ocr_image_decode (MistralOcrImage  *self,
                  const char       *value,
                  const char       *path,
                  GError          **error)
{
  const char *base64 = value;
  g_autofree char *mime_type = NULL;
  guchar *data;
  gsize size;

  if (g_str_has_prefix (value, "data:"))
    {
      const char *comma = strchr (value, ',');
      const char *params = comma != NULL ? memchr (value, ';', comma - value) : NULL;

      if (params == NULL || comma - params != strlen (";base64") ||
          strncmp (params, ";base64", strlen (";base64")) != 0)
        {
          g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                       "Invalid response: %s.image_base64 is a data URL without base64 data", path);
          return FALSE;
        }
      if (params > value + strlen ("data:"))
        mime_type = g_strndup (value + strlen ("data:"), params - value - strlen ("data:"));
      base64 = comma + 1;
    }

  if (!ocr_image_base64_valid (base64, strlen (base64)))
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: %s.image_base64 is not valid base64", path);
      return FALSE;
    }

  data = g_base64_decode (base64, &size);
  self->data = g_bytes_new_take (data, size);
  if (mime_type == NULL)
    {
      g_autofree char *content_type = g_content_type_guess (NULL, data, size, NULL);

      mime_type = g_content_type_get_mime_type (content_type);
    }
  self->mime_type = g_steal_pointer (&mime_type);
  return TRUE;
}

MistralOcrImage *
mistral_ocr_image_new_from_json_object (JsonObject  *object,
                                        const char  *path,
                                        guint        position,
                                        GError     **error)
{
  g_autoptr(MistralOcrImage) self = g_object_new (MISTRAL_TYPE_OCR_IMAGE, NULL);
  const char *id = NULL, *image_base64 = NULL, *annotation = NULL;

  if (!mistral_json_read_member (object, "id", path, MISTRAL_JSON_STRING, &id, error) ||
      !mistral_json_read_member (object, "image_base64", path, MISTRAL_JSON_STRING, &image_base64, error) ||
      !mistral_json_read_member (object, "image_annotation", path, MISTRAL_JSON_STRING, &annotation, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (box_members); i++)
    {
      guint value = G_MAXUINT;

      if (!mistral_json_read_member (object, box_members[i], path, MISTRAL_JSON_UINT, &value, error))
        return NULL;
      self->box[i] = value <= G_MAXINT ? (int) value : -1;
    }

  self->id = g_strdup (id);
  self->image_annotation = g_strdup (annotation);
  if (image_base64 != NULL && !ocr_image_decode (self, image_base64, path, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * mistral_ocr_image_get_id: (get-property id)
 * @self: an image
 *
 * Gets the image's id.
 *
 * Returns: (nullable): the id
 *
 * Since: 1.0
 */
const char *
mistral_ocr_image_get_id (MistralOcrImage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_IMAGE (self), NULL);

  return self->id;
}

/**
 * mistral_ocr_image_get_top_left_x: (get-property top-left-x)
 * @self: an image
 *
 * Gets the x of the box's top-left corner.
 *
 * Returns: the x in pixels, or -1 when unknown
 *
 * Since: 1.0
 */
int
mistral_ocr_image_get_top_left_x (MistralOcrImage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_IMAGE (self), -1);

  return self->box[0];
}

/**
 * mistral_ocr_image_get_top_left_y: (get-property top-left-y)
 * @self: an image
 *
 * Gets the y of the box's top-left corner.
 *
 * Returns: the y in pixels, or -1 when unknown
 *
 * Since: 1.0
 */
int
mistral_ocr_image_get_top_left_y (MistralOcrImage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_IMAGE (self), -1);

  return self->box[1];
}

/**
 * mistral_ocr_image_get_bottom_right_x: (get-property bottom-right-x)
 * @self: an image
 *
 * Gets the x of the box's bottom-right corner.
 *
 * Returns: the x in pixels, or -1 when unknown
 *
 * Since: 1.0
 */
int
mistral_ocr_image_get_bottom_right_x (MistralOcrImage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_IMAGE (self), -1);

  return self->box[2];
}

/**
 * mistral_ocr_image_get_bottom_right_y: (get-property bottom-right-y)
 * @self: an image
 *
 * Gets the y of the box's bottom-right corner.
 *
 * Returns: the y in pixels, or -1 when unknown
 *
 * Since: 1.0
 */
int
mistral_ocr_image_get_bottom_right_y (MistralOcrImage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_IMAGE (self), -1);

  return self->box[3];
}

/**
 * mistral_ocr_image_get_data: (get-property data)
 * @self: an image
 *
 * Gets the image's bytes.
 *
 * Returns: (nullable) (transfer none): the bytes, or %NULL when the reply
 *   did not include them
 *
 * Since: 1.0
 */
GBytes *
mistral_ocr_image_get_data (MistralOcrImage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_IMAGE (self), NULL);

  return self->data;
}

/**
 * mistral_ocr_image_get_mime_type: (get-property mime-type)
 * @self: an image
 *
 * Gets the MIME type of the image's bytes.
 *
 * Returns: (nullable): the MIME type
 *
 * Since: 1.0
 */
const char *
mistral_ocr_image_get_mime_type (MistralOcrImage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_IMAGE (self), NULL);

  return self->mime_type;
}

/**
 * mistral_ocr_image_get_image_annotation: (get-property image-annotation)
 * @self: an image
 *
 * Gets the image's annotation.
 *
 * Returns: (nullable): the annotation, a JSON text
 *
 * Since: 1.0
 */
const char *
mistral_ocr_image_get_image_annotation (MistralOcrImage *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_IMAGE (self), NULL);

  return self->image_annotation;
}
