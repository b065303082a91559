// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-enum-types.h"
#include "mistral-file-private.h"
#include "mistral-json-private.h"

/**
 * MistralFile:
 *
 * A file stored by the API (`/v1/files`): what it is for, its size and
 * name, where it came from, and when it expires.
 *
 * Files are immutable. They come from [method@Mistral.Client.upload_file],
 * [method@Mistral.Client.get_file] and [method@Mistral.Client.list_files].
 *
 * ## Usage
 *
 * ```c
 * g_print ("%s: %s, %" G_GINT64_FORMAT " bytes\n", mistral_file_get_id (file),
 *          mistral_file_get_filename (file), mistral_file_get_bytes (file));
 * ```
 *
 * Since: 1.0
 */

struct _MistralFile
{
  GObject parent_instance;

  char *id;
  char *filename;
  gint64 bytes;
  GDateTime *created_at;
  MistralFilePurpose purpose;
  char *purpose_name;
  char *sample_type;
  char *source;
  char *mimetype;
  gint64 num_lines;
  GDateTime *expires_at;
  char *signature;
  char *visibility;
  gboolean deleted;
};

G_DEFINE_FINAL_TYPE (MistralFile, mistral_file, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FILENAME,
  PROP_BYTES,
  PROP_CREATED_AT,
  PROP_PURPOSE,
  PROP_PURPOSE_NAME,
  PROP_SAMPLE_TYPE,
  PROP_SOURCE,
  PROP_MIMETYPE,
  PROP_NUM_LINES,
  PROP_EXPIRES_AT,
  PROP_SIGNATURE,
  PROP_VISIBILITY,
  PROP_DELETED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define READ_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
mistral_file_finalize (GObject *object)
{
  MistralFile *self = MISTRAL_FILE (object);

  g_free (self->id);
  g_free (self->filename);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_free (self->purpose_name);
  g_free (self->sample_type);
  g_free (self->source);
  g_free (self->mimetype);
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  g_free (self->signature);
  g_free (self->visibility);

  G_OBJECT_CLASS (mistral_file_parent_class)->finalize (object);
}

static void
mistral_file_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MistralFile *self = MISTRAL_FILE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_FILENAME:
      g_value_set_string (value, self->filename);
      break;
    case PROP_BYTES:
      g_value_set_int64 (value, self->bytes);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_PURPOSE:
      g_value_set_enum (value, self->purpose);
      break;
    case PROP_PURPOSE_NAME:
      g_value_set_string (value, self->purpose_name);
      break;
    case PROP_SAMPLE_TYPE:
      g_value_set_string (value, self->sample_type);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_MIMETYPE:
      g_value_set_string (value, self->mimetype);
      break;
    case PROP_NUM_LINES:
      g_value_set_int64 (value, self->num_lines);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_boxed (value, self->expires_at);
      break;
    case PROP_SIGNATURE:
      g_value_set_string (value, self->signature);
      break;
    case PROP_VISIBILITY:
      g_value_set_string (value, self->visibility);
      break;
    case PROP_DELETED:
      g_value_set_boolean (value, self->deleted);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_file_class_init (MistralFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_file_finalize;
  object_class->get_property = mistral_file_get_property;

  /**
   * MistralFile:id: (getter get_id)
   *
   * The file's id (a UUID), for the other calls of the Files area.
   *
   * Since: 1.0
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, READ_FLAGS);
  /**
   * MistralFile:filename: (getter get_filename)
   *
   * The name the file was uploaded with.
   *
   * Since: 1.0
   */
  properties[PROP_FILENAME] = g_param_spec_string ("filename", NULL, NULL, NULL, READ_FLAGS);
  /**
   * MistralFile:bytes: (getter get_bytes)
   *
   * The file's size in bytes, or -1 when the API does not say.
   *
   * Since: 1.0
   */
  properties[PROP_BYTES] = g_param_spec_int64 ("bytes", NULL, NULL, -1, G_MAXINT64, -1, READ_FLAGS);
  /**
   * MistralFile:created-at: (getter get_created_at)
   *
   * When the file was created (UTC), or %NULL when the API does not say.
   *
   * Since: 1.0
   */
  properties[PROP_CREATED_AT] = g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, READ_FLAGS);
  /**
   * MistralFile:purpose: (getter get_purpose)
   *
   * What the file is for; %MISTRAL_FILE_PURPOSE_UNKNOWN for a purpose
   * this version does not know, whose name is in
   * [property@Mistral.File:purpose-name].
   *
   * Since: 1.0
   */
  properties[PROP_PURPOSE] = g_param_spec_enum ("purpose", NULL, NULL, MISTRAL_TYPE_FILE_PURPOSE,
                                                MISTRAL_FILE_PURPOSE_UNKNOWN, READ_FLAGS);
  /**
   * MistralFile:purpose-name: (getter get_purpose_name)
   *
   * The purpose as the API named it ("fine-tune", "batch", "ocr", "audio", …).
   *
   * Since: 1.0
   */
  properties[PROP_PURPOSE_NAME] = g_param_spec_string ("purpose-name", NULL, NULL, NULL, READ_FLAGS);
  /**
   * MistralFile:sample-type: (getter get_sample_type)
   *
   * The kind of content: "pretrain", "instruct", "batch_request",
   * "batch_result", "batch_error", …
   *
   * Since: 1.0
   */
  properties[PROP_SAMPLE_TYPE] = g_param_spec_string ("sample-type", NULL, NULL, NULL, READ_FLAGS);
  /**
   * MistralFile:source: (getter get_source)
   *
   * Where the file came from: "upload", "repository" or "mistral" (a
   * file the API wrote, such as a batch job's output).
   *
   * Since: 1.0
   */
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, READ_FLAGS);
  /**
   * MistralFile:mimetype: (getter get_mimetype)
   *
   * The file's MIME type, when the API knows it.
   *
   * Since: 1.0
   */
  properties[PROP_MIMETYPE] = g_param_spec_string ("mimetype", NULL, NULL, NULL, READ_FLAGS);
  /**
   * MistralFile:num-lines: (getter get_num_lines)
   *
   * The number of lines of a JSONL file, or -1 when the API does not say.
   *
   * Since: 1.0
   */
  properties[PROP_NUM_LINES] = g_param_spec_int64 ("num-lines", NULL, NULL, -1, G_MAXINT64, -1, READ_FLAGS);
  /**
   * MistralFile:expires-at: (getter get_expires_at)
   *
   * When the API will delete the file (UTC), or %NULL if never.
   *
   * Since: 1.0
   */
  properties[PROP_EXPIRES_AT] = g_param_spec_boxed ("expires-at", NULL, NULL, G_TYPE_DATE_TIME, READ_FLAGS);
  /**
   * MistralFile:signature: (getter get_signature)
   *
   * The content's signature, as the API gives it, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_SIGNATURE] = g_param_spec_string ("signature", NULL, NULL, NULL, READ_FLAGS);
  /**
   * MistralFile:visibility: (getter get_visibility)
   *
   * Who may see the file: "workspace" or "user", or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_VISIBILITY] = g_param_spec_string ("visibility", NULL, NULL, NULL, READ_FLAGS);
  /**
   * MistralFile:deleted: (getter get_deleted)
   *
   * Whether the file is deleted, as [method@Mistral.Client.get_file] says.
   *
   * Since: 1.0
   */
  properties[PROP_DELETED] = g_param_spec_boolean ("deleted", NULL, NULL, FALSE, READ_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_file_init (MistralFile *self)
{
  self->bytes = -1;
  self->num_lines = -1;
}

/**
 * mistral_file_get_id: (get-property id)
 * @self: a file
 *
 * Gets [property@Mistral.File:id].
 *
 * Returns: (nullable): the file's id
 *
 * Since: 1.0
 */
const char *
mistral_file_get_id (MistralFile *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE (self), NULL);
  return self->id;
}

/**
 * mistral_file_get_filename: (get-property filename)
 * @self: a file
 *
 * Gets [property@Mistral.File:filename].
 *
 * Returns: (nullable): the file's name
 *
 * Since: 1.0
 */
const char *
mistral_file_get_filename (MistralFile *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE (self), NULL);
  return self->filename;
}

/**
 * mistral_file_get_bytes: (get-property bytes)
 * @self: a file
 *
 * Gets [property@Mistral.File:bytes].
 *
 * Returns: the file's size in bytes, or -1 if unknown
 *
 * Since: 1.0
 */
gint64
mistral_file_get_bytes (MistralFile *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE (self), -1);
  return self->bytes;
}

/**
 * mistral_file_get_created_at: (get-property created-at)
 * @self: a file
 *
 * Gets [property@Mistral.File:created-at].
 *
 * Returns: (nullable) (transfer none): when the file was created
 *
 * Since: 1.0
 */
GDateTime *
mistral_file_get_created_at (MistralFile *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE (self), NULL);
  return self->created_at;
}

/**
 * mistral_file_get_purpose: (get-property purpose)
 * @self: a file
 *
 * Gets [property@Mistral.File:purpose].
 *
 * Returns: what the file is for
 *
 * Since: 1.0
 */
MistralFilePurpose
mistral_file_get_purpose (MistralFile *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE (self), MISTRAL_FILE_PURPOSE_UNKNOWN);
  return self->purpose;
}

/**
 * mistral_file_get_purpose_name: (get-property purpose-name)
 * @self: a file
 *
 * Gets [property@Mistral.File:purpose-name].
 *
 * Returns: (nullable): the purpose as the API named it
 *
 * Since: 1.0
 */
const char *
mistral_file_get_purpose_name (MistralFile *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE (self), NULL);
  return self->purpose_name;
}

/**
 * mistral_file_get_sample_type: (get-property sample-type)
 * @self: a file
 *
 * Gets [property@Mistral.File:sample-type].
 *
 * Returns: (nullable): the kind of content
 *
 * Since: 1.0
 */
const char *
mistral_file_get_sample_type (MistralFile *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE (self), NULL);
  return self->sample_type;
}

/**
 * mistral_file_get_source: (get-property source)
 * @self: a file
 *
 * Gets [property@Mistral.File:source].
 *
 * Returns: (nullable): where the file came from
 *
 * Since: 1.0
 */
const char *
mistral_file_get_source (MistralFile *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE (self), NULL);
  return self->source;
}

/**
 * mistral_file_get_mimetype: (get-property mimetype)
 * @self: a file
 *
 * Gets [property@Mistral.File:mimetype].
 *
 * Returns: (nullable): the file's MIME type
 *
 * Since: 1.0
 */
const char *
mistral_file_get_mimetype (MistralFile *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE (self), NULL);
  return self->mimetype;
}

/**
 * mistral_file_get_num_lines: (get-property num-lines)
 * @self: a file
 *
 * Gets [property@Mistral.File:num-lines].
 *
 * Returns: the number of lines, or -1 if unknown
 *
 * Since: 1.0
 */
gint64
mistral_file_get_num_lines (MistralFile *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE (self), -1);
  return self->num_lines;
}

/**
 * mistral_file_get_expires_at: (get-property expires-at)
 * @self: a file
 *
 * Gets [property@Mistral.File:expires-at].
 *
 * Returns: (nullable) (transfer none): when the file expires
 *
 * Since: 1.0
 */
GDateTime *
mistral_file_get_expires_at (MistralFile *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE (self), NULL);
  return self->expires_at;
}

/**
 * mistral_file_get_signature: (get-property signature)
 * @self: a file
 *
 * Gets [property@Mistral.File:signature].
 *
 * Returns: (nullable): the content's signature
 *
 * Since: 1.0
 */
const char *
mistral_file_get_signature (MistralFile *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE (self), NULL);
  return self->signature;
}

/**
 * mistral_file_get_visibility: (get-property visibility)
 * @self: a file
 *
 * Gets [property@Mistral.File:visibility].
 *
 * Returns: (nullable): who may see the file
 *
 * Since: 1.0
 */
const char *
mistral_file_get_visibility (MistralFile *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE (self), NULL);
  return self->visibility;
}

/**
 * mistral_file_get_deleted: (get-property deleted)
 * @self: a file
 *
 * Gets [property@Mistral.File:deleted].
 *
 * Returns: whether the file is deleted
 *
 * Since: 1.0
 */
gboolean
mistral_file_get_deleted (MistralFile *self)
{
  g_return_val_if_fail (MISTRAL_IS_FILE (self), FALSE);
  return self->deleted;
}

/* Reading ------------------------------------------------------------------ */

const char *
mistral_file_purpose_to_string (MistralFilePurpose purpose)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MISTRAL_TYPE_FILE_PURPOSE);
  GEnumValue *value = g_enum_get_value (klass, purpose);

  /* The nicks are the API's names (FINE_TUNE: "fine-tune"); static strings. */
  if (purpose == MISTRAL_FILE_PURPOSE_UNKNOWN || value == NULL)
    return NULL;
  return value->value_nick;
}

static MistralFilePurpose
file_purpose_from_string (const char *name)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MISTRAL_TYPE_FILE_PURPOSE);
  GEnumValue *value = name != NULL ? g_enum_get_value_by_nick (klass, name) : NULL;

  return value != NULL ? (MistralFilePurpose) value->value : MISTRAL_FILE_PURPOSE_UNKNOWN;
}

/* A UNIX time in seconds, or NULL (null or absent): FALSE when out of range. */
static gboolean
file_read_time (JsonObject  *object,
                const char  *member,
                const char  *path,
                GDateTime  **out,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 seconds = 0;

  if (!mistral_json_read_member (object, member, path, MISTRAL_JSON_INT, &seconds, error))
    return FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  *out = g_date_time_new_from_unix_utc (seconds);
  if (*out == NULL)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: %s%s%s is out of range", path, *path ? "." : "", member);
      return FALSE;
    }
  return TRUE;
}

/* A size or a count: null and absent are -1, a negative one is refused. */
static gboolean
file_read_count (JsonObject  *object,
                 const char  *member,
                 const char  *path,
                 gint64      *out,
                 GError     **error)
{
  gint64 value = -1;

  if (!mistral_json_read_member (object, member, path, MISTRAL_JSON_INT, &value, error))
    return FALSE;
  if (value < -1 || (value == -1 && json_object_get_member (object, member) != NULL &&
                     !JSON_NODE_HOLDS_NULL (json_object_get_member (object, member))))
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: %s%s%s is negative", path, *path ? "." : "", member);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/* One file object (a list's item, or a whole reply: @path "" then). The
 * id is the one member required: a file without one cannot be used. */
MistralFile *
mistral_file_new_from_json_object (JsonObject  *object,
                                   const char  *path,
                                   guint        position,
                                   GError     **error)
{
  g_autoptr(MistralFile) self = g_object_new (MISTRAL_TYPE_FILE, NULL);
  const char *id = NULL, *filename = NULL, *purpose = NULL, *sample_type = NULL, *source = NULL;
  const char *mimetype = NULL, *signature = NULL, *visibility = NULL;

  if (!mistral_json_read_member (object, "id", path, MISTRAL_JSON_STRING, &id, error) ||
      !mistral_json_read_member (object, "filename", path, MISTRAL_JSON_STRING, &filename, error) ||
      !file_read_count (object, "bytes", path, &self->bytes, error) ||
      !file_read_time (object, "created_at", path, &self->created_at, error) ||
      !mistral_json_read_member (object, "purpose", path, MISTRAL_JSON_STRING, &purpose, error) ||
      !mistral_json_read_member (object, "sample_type", path, MISTRAL_JSON_STRING, &sample_type, error) ||
      !mistral_json_read_member (object, "source", path, MISTRAL_JSON_STRING, &source, error) ||
      !mistral_json_read_member (object, "mimetype", path, MISTRAL_JSON_STRING, &mimetype, error) ||
      !file_read_count (object, "num_lines", path, &self->num_lines, error) ||
      !file_read_time (object, "expires_at", path, &self->expires_at, error) ||
      !mistral_json_read_member (object, "signature", path, MISTRAL_JSON_STRING, &signature, error) ||
      !mistral_json_read_member (object, "visibility", path, MISTRAL_JSON_STRING, &visibility, error) ||
      !mistral_json_read_member (object, "deleted", path, MISTRAL_JSON_BOOLEAN, &self->deleted, error))
    return NULL;

  if (id == NULL)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: %s%sid is missing", path, *path ? "." : "");
      return NULL;
    }

  self->id = g_strdup (id);
  self->filename = g_strdup (filename);
  self->purpose = file_purpose_from_string (purpose);
  self->purpose_name = g_strdup (purpose);
  self->sample_type = g_strdup (sample_type);
  self->source = g_strdup (source);
  self->mimetype = g_strdup (mimetype);
  self->signature = g_strdup (signature);
  self->visibility = g_strdup (visibility);

  return g_steal_pointer (&self);
}

MistralFile *
mistral_file_new_from_json_node (JsonNode  *node,
                                 GError   **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mistral_json_wrong_type (node, "the response", NULL, "an object", error), NULL;

  return mistral_file_new_from_json_object (json_node_get_object (node), "", 0, error);
}

GListModel *
mistral_file_list_from_json_node (JsonNode  *node,
                                  GError   **error)
{
  JsonArray *data = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mistral_json_wrong_type (node, "the response", NULL, "an object", error), NULL;
  if (!mistral_json_read_member (json_node_get_object (node), "data", "", MISTRAL_JSON_ARRAY, &data, error))
    return NULL;
  if (data == NULL)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid response: data is missing");
      return NULL;
    }

  return G_LIST_MODEL (mistral_json_read_list (data, "data", MISTRAL_TYPE_FILE,
                                               (MistralJsonReadFunc) mistral_file_new_from_json_object,
                                               error));
}

char *
mistral_file_url_from_json_node (JsonNode  *node,
                                 GError   **error)
{
  const char *url = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mistral_json_wrong_type (node, "the response", NULL, "an object", error), NULL;
  if (!mistral_json_read_member (json_node_get_object (node), "url", "", MISTRAL_JSON_STRING, &url, error))
    return NULL;
  if (url == NULL)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                           "Invalid response: url is missing");
      return NULL;
    }
  return g_strdup (url);
}
