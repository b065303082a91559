// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-enum-types.h"
#include "mistral-json-private.h"
#include "mistral-ocr-table-private.h"

/**
 * MistralOcrTable:
 *
 * A table taken out of a page of an OCR reply, when the request set a
 * [property@Mistral.OcrRequest:table-format]: its id (the name the page's
 * markdown links to, such as `tbl-0.html`), its content and its format.
 *
 * Since: 1.0
 */

struct _MistralOcrTable
{
  GObject parent_instance;

  char *id;
  char *content;
  MistralOcrTableFormat format;
};

G_DEFINE_FINAL_TYPE (MistralOcrTable, mistral_ocr_table, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CONTENT,
  PROP_FORMAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_ocr_table_finalize (GObject *object)
{
  MistralOcrTable *self = MISTRAL_OCR_TABLE (object);

  g_free (self->id);
  g_free (self->content);

  G_OBJECT_CLASS (mistral_ocr_table_parent_class)->finalize (object);
}

static void
mistral_ocr_table_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MistralOcrTable *self = MISTRAL_OCR_TABLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_CONTENT:
      g_value_set_string (value, self->content);
      break;
    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
mistral_ocr_table_class_init (MistralOcrTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_ocr_table_finalize;
  object_class->get_property = mistral_ocr_table_get_property;

  /**
   * MistralOcrTable:id:
   *
   * The table's id, which the page's markdown links to.
   *
   * Since: 1.0
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralOcrTable:content:
   *
   * The table, written in [property@Mistral.OcrTable:format].
   *
   * Since: 1.0
   */
  properties[PROP_CONTENT] = g_param_spec_string ("content", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralOcrTable:format:
   *
   * The format of the content; %MISTRAL_OCR_TABLE_FORMAT_UNKNOWN for a
   * format this version does not know.
   *
   * Since: 1.0
   */
  properties[PROP_FORMAT] = g_param_spec_enum ("format", NULL, NULL, MISTRAL_TYPE_OCR_TABLE_FORMAT,
                                               MISTRAL_OCR_TABLE_FORMAT_UNKNOWN, READ_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_ocr_table_init (MistralOcrTable *self)
{
  self->format = MISTRAL_OCR_TABLE_FORMAT_UNKNOWN;
}

MistralOcrTable *
mistral_ocr_table_new_from_json_object (JsonObject  *object,
                                        const char  *path,
                                        guint        position,
                                        GError     **error)
{
  g_autoptr(MistralOcrTable) self = g_object_new (MISTRAL_TYPE_OCR_TABLE, NULL);
  const char *id = NULL, *content = NULL, *format = NULL;

  if (!mistral_json_read_member (object, "id", path, MISTRAL_JSON_STRING, &id, error) ||
      !mistral_json_read_member (object, "content", path, MISTRAL_JSON_STRING, &content, error) ||
      !mistral_json_read_member (object, "format", path, MISTRAL_JSON_STRING, &format, error))
    return NULL;

  self->id = g_strdup (id);
  self->content = g_strdup (content);
  if (format != NULL)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (MISTRAL_TYPE_OCR_TABLE_FORMAT);
      GEnumValue *value = g_enum_get_value_by_nick (klass, format);

      /* A new format is kept as UNKNOWN, never an error. */
      if (value != NULL)
        self->format = value->value;
    }

  return g_steal_pointer (&self);
}

/**
 * mistral_ocr_table_get_id: (get-property id)
 * @self: a table
 *
 * Gets the table's id.
 *
 * Returns: (nullable): the id
 *
 * Since: 1.0
 */
const char *
mistral_ocr_table_get_id (MistralOcrTable *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_TABLE (self), NULL);

  return self->id;
}

/**
 * mistral_ocr_table_get_content: (get-property content)
 * @self: a table
 *
 * Gets the table's content.
 *
 * Returns: (nullable): the content
 *
 * Since: 1.0
 */
const char *
mistral_ocr_table_get_content (MistralOcrTable *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_TABLE (self), NULL);

  return self->content;
}

/**
 * mistral_ocr_table_get_format: (get-property format)
 * @self: a table
 *
 * Gets the table's format.
 *
 * Returns: the format
 *
 * Since: 1.0
 */
MistralOcrTableFormat
mistral_ocr_table_get_format (MistralOcrTable *self)
{
  g_return_val_if_fail (MISTRAL_IS_OCR_TABLE (self), MISTRAL_OCR_TABLE_FORMAT_UNKNOWN);

  return self->format;
}
