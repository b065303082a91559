// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-content-chunk-private.h"
#include "mistral-error.h"
#include "mistral-json-private.h"
#include "mistral-enum-types.h"

/**
 * MistralContentChunk:
 *
 * One part of the content of a [class@Mistral.ChatMessage].
 *
 * A message's content is either a plain string or a list of chunks. A chunk
 * is text, an image (by https or `data:` URL), a document, references to
 * sources, an uploaded file, audio, or the reasoning of a reasoning model
 * (a `thinking` chunk, itself a list of chunks). The kind of a chunk is its
 * [property@Mistral.ContentChunk:chunk-type]; which other properties are set
 * depends on it:
 *
 * | chunk type | properties |
 * | --- | --- |
 * | `TEXT` | [property@Mistral.ContentChunk:text] |
 * | `IMAGE_URL` | [property@Mistral.ContentChunk:url], [property@Mistral.ContentChunk:detail] |
 * | `DOCUMENT_URL` | [property@Mistral.ContentChunk:url], [property@Mistral.ContentChunk:name] |
 * | `REFERENCE` | [method@Mistral.ContentChunk.get_reference_ids] |
 * | `FILE` | [property@Mistral.ContentChunk:file-id] |
 * | `THINKING` | [property@Mistral.ContentChunk:thinking], [property@Mistral.ContentChunk:closed], [property@Mistral.ContentChunk:signature] |
 * | `INPUT_AUDIO` | [property@Mistral.ContentChunk:url] (a URL or base64 data) |
 * | `UNKNOWN` | [property@Mistral.ContentChunk:type-name], [property@Mistral.ContentChunk:raw-json] |
 *
 * A chunk of a type that this version of mistral-glib does not know is not
 * an error: it is kept as an `UNKNOWN` chunk with the type name the API sent
 * and its raw JSON.
 *
 * Chunks are immutable: every property is set at construction.
 *
 * ## Usage
 *
 * ```c
 * g_autoptr (MistralUserMessage) message = mistral_user_message_new (NULL);
 * g_autoptr (GBytes) png = load_my_picture ();
 * g_autoptr (MistralContentChunk) text = NULL;
 * g_autoptr (MistralContentChunk) image = NULL;
 *
 * text = mistral_content_chunk_new_text ("What is in this picture?");
 * image = mistral_content_chunk_new_image_from_bytes (png, "image/png");
 * mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (message), text);
 * mistral_chat_message_add_chunk (MISTRAL_CHAT_MESSAGE (message), image);
 * ```
 *
 * Since: 1.0
 */

struct _MistralContentChunk
{
  GObject parent_instance;

  MistralContentChunkType chunk_type;
  char *type_name;
  char *text;
  char *url;
  char *detail;
  char *name;
  char *file_id;
  GArray *reference_ids;
  GListModel *thinking;
  gboolean thinking_given;
  char *thinking_text;
  gboolean closed;
  char *signature;
  char *raw_json;
};

G_DEFINE_FINAL_TYPE (MistralContentChunk, mistral_content_chunk, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHUNK_TYPE,
  PROP_TYPE_NAME,
  PROP_TEXT,
  PROP_URL,
  PROP_DETAIL,
  PROP_NAME,
  PROP_FILE_ID,
  PROP_THINKING,
  PROP_CLOSED,
  PROP_SIGNATURE,
  PROP_RAW_JSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
chunk_type_to_name (MistralContentChunkType chunk_type)
{
  switch (chunk_type)
    {
    case MISTRAL_CONTENT_CHUNK_TYPE_TEXT:
      return "text";
    case MISTRAL_CONTENT_CHUNK_TYPE_IMAGE_URL:
      return "image_url";
    case MISTRAL_CONTENT_CHUNK_TYPE_DOCUMENT_URL:
      return "document_url";
    case MISTRAL_CONTENT_CHUNK_TYPE_REFERENCE:
      return "reference";
    case MISTRAL_CONTENT_CHUNK_TYPE_FILE:
      return "file";
    case MISTRAL_CONTENT_CHUNK_TYPE_THINKING:
      return "thinking";
    case MISTRAL_CONTENT_CHUNK_TYPE_INPUT_AUDIO:
      return "input_audio";
    case MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN:
    default:
      return NULL;
    }
}

static void
thinking_items_changed_cb (GListModel          *model,
                           guint                position,
                           guint                removed,
                           guint                added,
                           MistralContentChunk *self)
{
  g_clear_pointer (&self->thinking_text, g_free);
}

static void
mistral_content_chunk_constructed (GObject *object)
{
  MistralContentChunk *self = MISTRAL_CONTENT_CHUNK (object);
  const char *canonical;

  G_OBJECT_CLASS (mistral_content_chunk_parent_class)->constructed (object);

  /* The wire name of a known type is fixed; only an unknown chunk keeps
   * the name it was given. */
  canonical = chunk_type_to_name (self->chunk_type);
  if (canonical != NULL && g_strcmp0 (self->type_name, canonical) != 0)
    {
      g_free (self->type_name);
      self->type_name = g_strdup (canonical);
    }

  if (self->chunk_type == MISTRAL_CONTENT_CHUNK_TYPE_TEXT && self->text == NULL)
    self->text = g_strdup ("");

  /* A thinking chunk built from a text only (as bindings may do with
   * properties) holds that text as its one sub-chunk. */
  if (self->chunk_type == MISTRAL_CONTENT_CHUNK_TYPE_THINKING &&
      self->text != NULL &&
      !self->thinking_given)
    {
      g_autoptr (MistralContentChunk) sub = mistral_content_chunk_new_text (self->text);

      g_list_store_append (G_LIST_STORE (self->thinking), sub);
    }

  g_signal_connect_object (self->thinking, "items-changed",
                           G_CALLBACK (thinking_items_changed_cb), self, 0);
}

static void
mistral_content_chunk_finalize (GObject *object)
{
  MistralContentChunk *self = MISTRAL_CONTENT_CHUNK (object);

  g_free (self->type_name);
  g_free (self->text);
  g_free (self->url);
  g_free (self->detail);
  g_free (self->name);
  g_free (self->file_id);
  g_clear_pointer (&self->reference_ids, g_array_unref);
  g_clear_object (&self->thinking);
  g_free (self->thinking_text);
  g_free (self->signature);
  g_free (self->raw_json);

  G_OBJECT_CLASS (mistral_content_chunk_parent_class)->finalize (object);
}

static void
mistral_content_chunk_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MistralContentChunk *self = MISTRAL_CONTENT_CHUNK (object);

  switch (prop_id)
    {
    case PROP_CHUNK_TYPE:
      g_value_set_enum (value, self->chunk_type);
      break;
    case PROP_TYPE_NAME:
      g_value_set_string (value, self->type_name);
      break;
    case PROP_TEXT:
      g_value_set_string (value, mistral_content_chunk_get_text (self));
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FILE_ID:
      g_value_set_string (value, self->file_id);
      break;
    case PROP_THINKING:
      g_value_set_object (value, self->thinking);
      break;
    case PROP_CLOSED:
      g_value_set_boolean (value, self->closed);
      break;
    case PROP_SIGNATURE:
      g_value_set_string (value, self->signature);
      break;
    case PROP_RAW_JSON:
      g_value_set_string (value, self->raw_json);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_content_chunk_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MistralContentChunk *self = MISTRAL_CONTENT_CHUNK (object);

  switch (prop_id)
    {
    case PROP_CHUNK_TYPE:
      self->chunk_type = g_value_get_enum (value);
      break;
    case PROP_TYPE_NAME:
      g_free (self->type_name);
      self->type_name = g_value_dup_string (value);
      break;
    case PROP_TEXT:
      g_free (self->text);
      self->text = g_value_dup_string (value);
      break;
    case PROP_URL:
      g_free (self->url);
      self->url = g_value_dup_string (value);
      break;
    case PROP_DETAIL:
      g_free (self->detail);
      self->detail = g_value_dup_string (value);
      break;
    case PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;
    case PROP_FILE_ID:
      g_free (self->file_id);
      self->file_id = g_value_dup_string (value);
      break;
    case PROP_THINKING:
      {
        GListModel *model = g_value_get_object (value);

        /* NULL keeps the empty store made in init. */
        if (model != NULL)
          {
            g_set_object (&self->thinking, model);
            self->thinking_given = TRUE;
          }
      }
      break;
    case PROP_CLOSED:
      self->closed = g_value_get_boolean (value);
      break;
    case PROP_SIGNATURE:
      g_free (self->signature);
      self->signature = g_value_dup_string (value);
      break;
    case PROP_RAW_JSON:
      g_free (self->raw_json);
      self->raw_json = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_content_chunk_class_init (MistralContentChunkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mistral_content_chunk_constructed;
  object_class->finalize = mistral_content_chunk_finalize;
  object_class->get_property = mistral_content_chunk_get_property;
  object_class->set_property = mistral_content_chunk_set_property;

  /**
   * MistralContentChunk:chunk-type: (getter get_chunk_type)
   *
   * The kind of the chunk.
   *
   * Since: 1.0
   */
  properties[PROP_CHUNK_TYPE] =
    g_param_spec_enum ("chunk-type", NULL, NULL,
                       MISTRAL_TYPE_CONTENT_CHUNK_TYPE,
                       MISTRAL_CONTENT_CHUNK_TYPE_TEXT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralContentChunk:type-name: (getter get_type_name)
   *
   * The name of the chunk's type on the wire, such as `text` or `image_url`.
   *
   * For a known [property@Mistral.ContentChunk:chunk-type] this is always
   * the API's name of that type, whatever was given at construction. For an
   * `UNKNOWN` chunk it is the name the API sent, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_TYPE_NAME] =
    g_param_spec_string ("type-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralContentChunk:text: (getter get_text)
   *
   * The text of a `TEXT` chunk (never %NULL for one).
   *
   * For a `THINKING` chunk, reading it gives the text of its `TEXT`
   * sub-chunks, concatenated; giving it at construction to a thinking chunk
   * without [property@Mistral.ContentChunk:thinking] makes that text its one
   * sub-chunk.
   *
   * Since: 1.0
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralContentChunk:url: (getter get_url)
   *
   * The URL of an `IMAGE_URL` chunk (https or `data:`) or of a
   * `DOCUMENT_URL` chunk, or the data of an `INPUT_AUDIO` chunk (a URL or
   * base64).
   *
   * Since: 1.0
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralContentChunk:detail: (getter get_detail)
   *
   * The level of detail at which the model looks at the image of an
   * `IMAGE_URL` chunk: `low`, `auto` or `high`, or %NULL for the API's
   * default.
   *
   * Since: 1.0
   */
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralContentChunk:name: (getter get_name)
   *
   * The document name of a `DOCUMENT_URL` chunk, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralContentChunk:file-id: (getter get_file_id)
   *
   * The id of the uploaded file of a `FILE` chunk.
   *
   * Since: 1.0
   */
  properties[PROP_FILE_ID] =
    g_param_spec_string ("file-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralContentChunk:thinking: (getter get_thinking)
   *
   * The sub-chunks of a `THINKING` chunk, a list of
   * [class@Mistral.ContentChunk]: mostly text, sometimes references.
   *
   * It is never %NULL: a chunk built without it has an empty list.
   *
   * Since: 1.0
   */
  properties[PROP_THINKING] =
    g_param_spec_object ("thinking", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralContentChunk:closed: (getter get_closed)
   *
   * Whether the reasoning of a `THINKING` chunk is complete.
   *
   * Since: 1.0
   */
  properties[PROP_CLOSED] =
    g_param_spec_boolean ("closed", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralContentChunk:signature: (getter get_signature)
   *
   * The signature of a `THINKING` chunk, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_SIGNATURE] =
    g_param_spec_string ("signature", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * MistralContentChunk:raw-json: (getter get_raw_json)
   *
   * The JSON object of an `UNKNOWN` chunk, as the API sent it, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_RAW_JSON] =
    g_param_spec_string ("raw-json", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_content_chunk_init (MistralContentChunk *self)
{
  self->chunk_type = MISTRAL_CONTENT_CHUNK_TYPE_TEXT;
  self->closed = TRUE;
  self->thinking = G_LIST_MODEL (g_list_store_new (MISTRAL_TYPE_CONTENT_CHUNK));
}

/**
 * mistral_content_chunk_new_text:
 * @text: the text
 *
 * Creates a `TEXT` chunk.
 *
 * Returns: (transfer full): a new [class@Mistral.ContentChunk]
 *
 * Since: 1.0
 */
MistralContentChunk *
mistral_content_chunk_new_text (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                       "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_TEXT,
                       "text", text,
                       NULL);
}

/**
 * mistral_content_chunk_new_image_url:
 * @url: the https or `data:` URL of the image
 * @detail: (nullable): `low`, `auto` or `high`, or %NULL for the API's default
 *
 * Creates an `IMAGE_URL` chunk.
 *
 * Returns: (transfer full): a new [class@Mistral.ContentChunk]
 *
 * Since: 1.0
 */
MistralContentChunk *
mistral_content_chunk_new_image_url (const char *url,
                                     const char *detail)
{
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                       "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_IMAGE_URL,
                       "url", url,
                       "detail", detail,
                       NULL);
}

/**
 * mistral_content_chunk_new_image_from_bytes:
 * @data: the bytes of the image file
 * @mime_type: the MIME type of the image, such as `image/png`
 *
 * Creates an `IMAGE_URL` chunk that carries the image itself, as a
 * `data:<mime_type>;base64,…` URL.
 *
 * Returns: (transfer full): a new [class@Mistral.ContentChunk]
 *
 * Since: 1.0
 */
MistralContentChunk *
mistral_content_chunk_new_image_from_bytes (GBytes     *data,
                                            const char *mime_type)
{
  g_autofree char *base64 = NULL;
  g_autofree char *url = NULL;
  gconstpointer bytes;
  gsize size;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (mime_type != NULL && *mime_type != '\0', NULL);

  bytes = g_bytes_get_data (data, &size);
  base64 = g_base64_encode (bytes, size);
  url = g_strconcat ("data:", mime_type, ";base64,", base64, NULL);

  return mistral_content_chunk_new_image_url (url, NULL);
}

/**
 * mistral_content_chunk_new_document_url:
 * @url: the URL of the document
 * @name: (nullable): the name of the document, or %NULL
 *
 * Creates a `DOCUMENT_URL` chunk.
 *
 * Returns: (transfer full): a new [class@Mistral.ContentChunk]
 *
 * Since: 1.0
 */
MistralContentChunk *
mistral_content_chunk_new_document_url (const char *url,
                                        const char *name)
{
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                       "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_DOCUMENT_URL,
                       "url", url,
                       "name", name,
                       NULL);
}

/**
 * mistral_content_chunk_new_file:
 * @file_id: the id of a file uploaded to the API
 *
 * Creates a `FILE` chunk.
 *
 * Returns: (transfer full): a new [class@Mistral.ContentChunk]
 *
 * Since: 1.0
 */
MistralContentChunk *
mistral_content_chunk_new_file (const char *file_id)
{
  g_return_val_if_fail (file_id != NULL, NULL);

  return g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                       "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_FILE,
                       "file-id", file_id,
                       NULL);
}

/**
 * mistral_content_chunk_new_reference:
 * @ids: (array length=n_ids) (nullable): the ids of the referenced sources
 * @n_ids: the number of ids
 *
 * Creates a `REFERENCE` chunk.
 *
 * Returns: (transfer full): a new [class@Mistral.ContentChunk]
 *
 * Since: 1.0
 */
MistralContentChunk *
mistral_content_chunk_new_reference (const gint64 *ids,
                                     gsize         n_ids)
{
  MistralContentChunk *self;

  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  g_return_val_if_fail (n_ids <= G_MAXUINT, NULL);

  self = g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                       "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_REFERENCE,
                       NULL);

  if (n_ids > 0)
    {
      self->reference_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint) n_ids);
      g_array_append_vals (self->reference_ids, ids, (guint) n_ids);
    }

  return self;
}

/**
 * mistral_content_chunk_new_input_audio:
 * @data: the audio: a URL, or the base64 of an audio file
 *
 * Creates an `INPUT_AUDIO` chunk.
 *
 * Returns: (transfer full): a new [class@Mistral.ContentChunk]
 *
 * Since: 1.0
 */
MistralContentChunk *
mistral_content_chunk_new_input_audio (const char *data)
{
  g_return_val_if_fail (data != NULL, NULL);

  return g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                       "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_INPUT_AUDIO,
                       "url", data,
                       NULL);
}

/**
 * mistral_content_chunk_new_thinking:
 * @text: the reasoning text
 *
 * Creates a closed `THINKING` chunk with one `TEXT` sub-chunk.
 *
 * Returns: (transfer full): a new [class@Mistral.ContentChunk]
 *
 * Since: 1.0
 */
MistralContentChunk *
mistral_content_chunk_new_thinking (const char *text)
{
  g_autoptr (GListStore) store = NULL;
  g_autoptr (MistralContentChunk) sub = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  store = g_list_store_new (MISTRAL_TYPE_CONTENT_CHUNK);
  sub = mistral_content_chunk_new_text (text);
  g_list_store_append (store, sub);

  return g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                       "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_THINKING,
                       "thinking", store,
                       NULL);
}

/**
 * mistral_content_chunk_get_chunk_type: (get-property chunk-type)
 * @self: a content chunk
 *
 * Gets the kind of @self.
 *
 * Returns: the chunk type
 *
 * Since: 1.0
 */
MistralContentChunkType
mistral_content_chunk_get_chunk_type (MistralContentChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONTENT_CHUNK (self), MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN);

  return self->chunk_type;
}

/**
 * mistral_content_chunk_get_type_name: (get-property type-name)
 * @self: a content chunk
 *
 * Gets the name of the type of @self on the wire, such as `text`; for an
 * `UNKNOWN` chunk, the name the API sent.
 *
 * Returns: (nullable): the type name
 *
 * Since: 1.0
 */
const char *
mistral_content_chunk_get_type_name (MistralContentChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONTENT_CHUNK (self), NULL);

  return self->type_name;
}

/**
 * mistral_content_chunk_get_text: (get-property text)
 * @self: a content chunk
 *
 * Gets the text of a `TEXT` chunk, or the concatenated text of the `TEXT`
 * sub-chunks of a `THINKING` chunk.
 *
 * Returns: (nullable): the text, or %NULL for a chunk of another type
 *
 * Since: 1.0
 */
const char *
mistral_content_chunk_get_text (MistralContentChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONTENT_CHUNK (self), NULL);

  if (self->chunk_type != MISTRAL_CONTENT_CHUNK_TYPE_THINKING)
    return self->text;

  if (self->thinking_text == NULL)
    {
      GString *str = g_string_new (NULL);
      guint n_items = g_list_model_get_n_items (self->thinking);

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr (GObject) item = g_list_model_get_item (self->thinking, i);
          MistralContentChunk *sub;

          if (!MISTRAL_IS_CONTENT_CHUNK (item))
            continue;

          sub = MISTRAL_CONTENT_CHUNK (item);
          if (sub->chunk_type == MISTRAL_CONTENT_CHUNK_TYPE_TEXT && sub->text != NULL)
            g_string_append (str, sub->text);
        }

      self->thinking_text = g_string_free (str, FALSE);
    }

  return self->thinking_text;
}

/**
 * mistral_content_chunk_get_url: (get-property url)
 * @self: a content chunk
 *
 * Gets the URL of an `IMAGE_URL` or `DOCUMENT_URL` chunk, or the data of an
 * `INPUT_AUDIO` chunk.
 *
 * Returns: (nullable): the URL or audio data
 *
 * Since: 1.0
 */
const char *
mistral_content_chunk_get_url (MistralContentChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONTENT_CHUNK (self), NULL);

  return self->url;
}

/**
 * mistral_content_chunk_get_detail: (get-property detail)
 * @self: a content chunk
 *
 * Gets the image detail of an `IMAGE_URL` chunk.
 *
 * Returns: (nullable): `low`, `auto`, `high`, or %NULL
 *
 * Since: 1.0
 */
const char *
mistral_content_chunk_get_detail (MistralContentChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONTENT_CHUNK (self), NULL);

  return self->detail;
}

/**
 * mistral_content_chunk_get_name: (get-property name)
 * @self: a content chunk
 *
 * Gets the document name of a `DOCUMENT_URL` chunk.
 *
 * Returns: (nullable): the document name
 *
 * Since: 1.0
 */
const char *
mistral_content_chunk_get_name (MistralContentChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONTENT_CHUNK (self), NULL);

  return self->name;
}

/**
 * mistral_content_chunk_get_file_id: (get-property file-id)
 * @self: a content chunk
 *
 * Gets the file id of a `FILE` chunk.
 *
 * Returns: (nullable): the file id
 *
 * Since: 1.0
 */
const char *
mistral_content_chunk_get_file_id (MistralContentChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONTENT_CHUNK (self), NULL);

  return self->file_id;
}

/**
 * mistral_content_chunk_get_reference_ids:
 * @self: a content chunk
 * @n_ids: (out): return location for the number of ids
 *
 * Gets the ids of the sources that a `REFERENCE` chunk refers to.
 *
 * Returns: (array length=n_ids) (transfer none) (nullable): the ids, or
 *   %NULL if there are none
 *
 * Since: 1.0
 */
const gint64 *
mistral_content_chunk_get_reference_ids (MistralContentChunk *self,
                                         gsize               *n_ids)
{
  if (n_ids != NULL)
    *n_ids = 0;

  g_return_val_if_fail (MISTRAL_IS_CONTENT_CHUNK (self), NULL);

  if (self->reference_ids == NULL || self->reference_ids->len == 0)
    return NULL;

  if (n_ids != NULL)
    *n_ids = self->reference_ids->len;

  return (const gint64 *) (gpointer) self->reference_ids->data;
}

/**
 * mistral_content_chunk_get_thinking: (get-property thinking)
 * @self: a content chunk
 *
 * Gets the sub-chunks of a `THINKING` chunk, a list of
 * [class@Mistral.ContentChunk]. It is empty for other chunks.
 *
 * Returns: (transfer none): the sub-chunks
 *
 * Since: 1.0
 */
GListModel *
mistral_content_chunk_get_thinking (MistralContentChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONTENT_CHUNK (self), NULL);

  return self->thinking;
}

/**
 * mistral_content_chunk_get_closed: (get-property closed)
 * @self: a content chunk
 *
 * Gets whether the reasoning of a `THINKING` chunk is complete.
 *
 * Returns: %TRUE if it is closed
 *
 * Since: 1.0
 */
gboolean
mistral_content_chunk_get_closed (MistralContentChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONTENT_CHUNK (self), TRUE);

  return self->closed;
}

/**
 * mistral_content_chunk_get_signature: (get-property signature)
 * @self: a content chunk
 *
 * Gets the signature of a `THINKING` chunk.
 *
 * Returns: (nullable): the signature
 *
 * Since: 1.0
 */
const char *
mistral_content_chunk_get_signature (MistralContentChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONTENT_CHUNK (self), NULL);

  return self->signature;
}

/**
 * mistral_content_chunk_get_raw_json: (get-property raw-json)
 * @self: a content chunk
 *
 * Gets the JSON of an `UNKNOWN` chunk, as the API sent it.
 *
 * Returns: (nullable): the raw JSON
 *
 * Since: 1.0
 */
const char *
mistral_content_chunk_get_raw_json (MistralContentChunk *self)
{
  g_return_val_if_fail (MISTRAL_IS_CONTENT_CHUNK (self), NULL);

  return self->raw_json;
}

/* JSON --------------------------------------------------------------------- */

void
mistral_content_chunk_write_list (GListModel  *chunks,
                                  JsonBuilder *builder)
{
  mistral_json_add_list (builder, chunks, (MistralJsonWriteFunc) mistral_content_chunk_write_json);
}

/* A member the chunk always has. */
static void
add_member (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

void
mistral_content_chunk_write_json (MistralContentChunk *self,
                                  JsonBuilder         *builder)
{
  if (self->chunk_type == MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN && self->raw_json != NULL)
    {
      /* Kept from a reply: send it back as it came. */
      JsonNode *node = json_from_string (self->raw_json, NULL);

      if (node != NULL)
        {
          json_builder_add_value (builder, node);
          return;
        }
    }

  json_builder_begin_object (builder);
  mistral_json_add_string (builder, "type", mistral_content_chunk_get_type_name (self));

  switch (self->chunk_type)
    {
    case MISTRAL_CONTENT_CHUNK_TYPE_TEXT:
      add_member (builder, "text", mistral_content_chunk_get_text (self));
      break;

    case MISTRAL_CONTENT_CHUNK_TYPE_IMAGE_URL:
      if (self->detail != NULL)
        {
          json_builder_set_member_name (builder, "image_url");
          json_builder_begin_object (builder);
          add_member (builder, "url", mistral_content_chunk_get_url (self));
          add_member (builder, "detail", self->detail);
          json_builder_end_object (builder);
        }
      else
        add_member (builder, "image_url", mistral_content_chunk_get_url (self));
      break;

    case MISTRAL_CONTENT_CHUNK_TYPE_DOCUMENT_URL:
      add_member (builder, "document_url", mistral_content_chunk_get_url (self));
      mistral_json_add_string (builder, "document_name", mistral_content_chunk_get_name (self));
      break;

    case MISTRAL_CONTENT_CHUNK_TYPE_REFERENCE:
      json_builder_set_member_name (builder, "reference_ids");
      json_builder_begin_array (builder);
      for (guint i = 0; self->reference_ids != NULL && i < self->reference_ids->len; i++)
        json_builder_add_int_value (builder, g_array_index (self->reference_ids, gint64, i));
      json_builder_end_array (builder);
      break;

    case MISTRAL_CONTENT_CHUNK_TYPE_FILE:
      add_member (builder, "file_id", mistral_content_chunk_get_file_id (self));
      break;

    case MISTRAL_CONTENT_CHUNK_TYPE_THINKING:
      json_builder_set_member_name (builder, "thinking");
      mistral_content_chunk_write_list (mistral_content_chunk_get_thinking (self), builder);
      mistral_json_add_string (builder, "signature", mistral_content_chunk_get_signature (self));
      if (!mistral_content_chunk_get_closed (self))
        {
          json_builder_set_member_name (builder, "closed");
          json_builder_add_boolean_value (builder, FALSE);
        }
      break;

    case MISTRAL_CONTENT_CHUNK_TYPE_INPUT_AUDIO:
      add_member (builder, "input_audio", mistral_content_chunk_get_url (self));
      break;

    case MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN:
    default:
      break;
    }

  json_builder_end_object (builder);
}

static MistralContentChunkType
chunk_type_from_string (const char *name)
{
  static const struct { const char *name; MistralContentChunkType type; } types[] = {
    { "text", MISTRAL_CONTENT_CHUNK_TYPE_TEXT },
    { "image_url", MISTRAL_CONTENT_CHUNK_TYPE_IMAGE_URL },
    { "document_url", MISTRAL_CONTENT_CHUNK_TYPE_DOCUMENT_URL },
    { "reference", MISTRAL_CONTENT_CHUNK_TYPE_REFERENCE },
    { "file", MISTRAL_CONTENT_CHUNK_TYPE_FILE },
    { "thinking", MISTRAL_CONTENT_CHUNK_TYPE_THINKING },
    { "input_audio", MISTRAL_CONTENT_CHUNK_TYPE_INPUT_AUDIO },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (name, types[i].name) == 0)
      return types[i].type;

  return MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN;
}

GListStore *
mistral_content_chunk_list_new_from_json (JsonArray   *array,
                                          const char  *path,
                                          GError     **error)
{
  return mistral_json_read_list (array, path, MISTRAL_TYPE_CONTENT_CHUNK,
                                 (MistralJsonReadFunc) mistral_content_chunk_new_from_json_object, error);
}

/* Kept whole, never an error: a new chunk type breaks no application. */
static MistralContentChunk *
new_unknown (JsonObject *object,
             const char *type_name)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *raw = json_to_string (node, FALSE);

  return g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                       "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN,
                       "type-name", type_name,
                       "raw-json", raw,
                       NULL);
}

static MistralContentChunk *
new_reference_from_json (JsonObject  *object,
                         const char  *path,
                         const char  *type_name,
                         GError     **error)
{
  JsonArray *ids = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!mistral_json_read_member (object, "reference_ids", path, MISTRAL_JSON_ARRAY, &ids, error))
    return NULL;
  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    {
      JsonNode *id = json_array_get_element (ids, i);
      gint64 v;

      /* The API also allows string ids; those chunks are kept raw. */
      if (!JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64)
        return new_unknown (object, type_name);
      v = json_node_get_int (id);
      g_array_append_val (values, v);
    }

  return mistral_content_chunk_new_reference ((gint64 *) values->data, values->len);
}

static MistralContentChunk *
new_thinking_from_json (JsonObject  *object,
                        const char  *path,
                        GError     **error)
{
  JsonArray *thinking = NULL;
  const char *signature = NULL;
  gboolean closed = TRUE;
  g_autoptr(GListStore) store = NULL;
  g_autofree char *sub = mistral_json_path_join (path, "thinking");

  if (!mistral_json_read_member (object, "thinking", path, MISTRAL_JSON_ARRAY, &thinking, error) ||
      !mistral_json_read_member (object, "signature", path, MISTRAL_JSON_STRING, &signature, error) ||
      !mistral_json_read_member (object, "closed", path, MISTRAL_JSON_BOOLEAN, &closed, error))
    return NULL;

  store = mistral_content_chunk_list_new_from_json (thinking, sub, error);
  if (store == NULL)
    return NULL;

  return g_object_new (MISTRAL_TYPE_CONTENT_CHUNK,
                       "chunk-type", MISTRAL_CONTENT_CHUNK_TYPE_THINKING,
                       "thinking", store,
                       "closed", closed,
                       "signature", signature,
                       NULL);
}

MistralContentChunk *
mistral_content_chunk_new_from_json_object (JsonObject  *object,
                                            const char  *path,
                                            guint        position,
                                            GError     **error)
{
  const char *type_name = NULL, *text = NULL, *url = NULL, *detail = NULL, *name = NULL;
  JsonObject *image = NULL;

  if (!mistral_json_read_member (object, "type", path, MISTRAL_JSON_STRING, &type_name, error))
    return NULL;
  if (type_name == NULL)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: %s has no type", path);
      return NULL;
    }

  switch (chunk_type_from_string (type_name))
    {
    case MISTRAL_CONTENT_CHUNK_TYPE_TEXT:
      if (!mistral_json_read_member (object, "text", path, MISTRAL_JSON_STRING, &text, error))
        return NULL;
      return mistral_content_chunk_new_text (text != NULL ? text : "");

    case MISTRAL_CONTENT_CHUNK_TYPE_IMAGE_URL:
      /* A URL, or an object with the URL and a detail level. */
      if (json_object_has_member (object, "image_url") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "image_url")))
        {
          g_autofree char *sub = mistral_json_path_join (path, "image_url");

          image = json_object_get_object_member (object, "image_url");
          if (!mistral_json_read_member (image, "url", sub, MISTRAL_JSON_STRING, &url, error) ||
              !mistral_json_read_member (image, "detail", sub, MISTRAL_JSON_STRING, &detail, error))
            return NULL;
        }
      else if (!mistral_json_read_member (object, "image_url", path, MISTRAL_JSON_STRING, &url, error))
        return NULL;
      return mistral_content_chunk_new_image_url (url != NULL ? url : "", detail);

    case MISTRAL_CONTENT_CHUNK_TYPE_DOCUMENT_URL:
      if (!mistral_json_read_member (object, "document_url", path, MISTRAL_JSON_STRING, &url, error) ||
          !mistral_json_read_member (object, "document_name", path, MISTRAL_JSON_STRING, &name, error))
        return NULL;
      return mistral_content_chunk_new_document_url (url != NULL ? url : "", name);

    case MISTRAL_CONTENT_CHUNK_TYPE_FILE:
      if (!mistral_json_read_member (object, "file_id", path, MISTRAL_JSON_STRING, &text, error))
        return NULL;
      return mistral_content_chunk_new_file (text != NULL ? text : "");

    case MISTRAL_CONTENT_CHUNK_TYPE_INPUT_AUDIO:
      if (!mistral_json_read_member (object, "input_audio", path, MISTRAL_JSON_STRING, &url, error))
        return NULL;
      return mistral_content_chunk_new_input_audio (url != NULL ? url : "");

    case MISTRAL_CONTENT_CHUNK_TYPE_REFERENCE:
      return new_reference_from_json (object, path, type_name, error);

    case MISTRAL_CONTENT_CHUNK_TYPE_THINKING:
      return new_thinking_from_json (object, path, error);

    case MISTRAL_CONTENT_CHUNK_TYPE_UNKNOWN:
    default:
      return new_unknown (object, type_name);
    }
}
