// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-embedding-private.h"
#include "mistral-embedding-response-private.h"
#include "mistral-embedding-scan-private.h"
#include "mistral-json-private.h"
#include "mistral-usage-info-private.h"

/**
 * MistralEmbeddingResponse:
 *
 * The reply to an embeddings request: one [class@Mistral.Embedding] for
 * each input text, in order, and the tokens used.
 *
 * ## Usage
 *
 * ```c
 * GListModel *data = mistral_embedding_response_get_data (response);
 * g_autoptr(MistralEmbedding) first = g_list_model_get_item (data, 0);
 * g_autoptr(MistralEmbedding) second = g_list_model_get_item (data, 1);
 *
 * g_print ("%.3f\n", mistral_embedding_cosine_similarity (first, second));
 * ```
 *
 * Since: 1.0
 */

struct _MistralEmbeddingResponse
{
  GObject parent_instance;

  char *id;
  char *model;
  MistralUsageInfo *usage;
  GTimeSpan latency;
  GListModel *data;
};

G_DEFINE_FINAL_TYPE (MistralEmbeddingResponse, mistral_embedding_response, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_MODEL,
  PROP_USAGE,
  PROP_LATENCY,
  PROP_DATA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_embedding_response_finalize (GObject *object)
{
  MistralEmbeddingResponse *self = MISTRAL_EMBEDDING_RESPONSE (object);

  g_free (self->id);
  g_free (self->model);
  g_clear_object (&self->usage);
  g_clear_object (&self->data);

  G_OBJECT_CLASS (mistral_embedding_response_parent_class)->finalize (object);
}

static void
mistral_embedding_response_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  MistralEmbeddingResponse *self = MISTRAL_EMBEDDING_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_USAGE:
      g_value_set_object (value, self->usage);
      break;
    case PROP_LATENCY:
      g_value_set_int64 (value, self->latency);
      break;
    case PROP_DATA:
      g_value_set_object (value, self->data);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define READ_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
mistral_embedding_response_class_init (MistralEmbeddingResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_embedding_response_finalize;
  object_class->get_property = mistral_embedding_response_get_property;

  /**
   * MistralEmbeddingResponse:id:
   *
   * The id the API gave the reply.
   *
   * Since: 1.0
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralEmbeddingResponse:model:
   *
   * The model that answered.
   *
   * Since: 1.0
   */
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, READ_FLAGS);

  /**
   * MistralEmbeddingResponse:usage:
   *
   * The tokens used, if the API said.
   *
   * Since: 1.0
   */
  properties[PROP_USAGE] = g_param_spec_object ("usage", NULL, NULL, MISTRAL_TYPE_USAGE_INFO, READ_FLAGS);

  /**
   * MistralEmbeddingResponse:latency:
   *
   * How long the request took, in microseconds: from sending the last
   * attempt to the whole reply.
   *
   * Since: 1.0
   */
  properties[PROP_LATENCY] = g_param_spec_int64 ("latency", NULL, NULL, 0, G_MAXINT64, 0, READ_FLAGS);

  /**
   * MistralEmbeddingResponse:data: (type Gio.ListModel)
   *
   * The embeddings, a list of [class@Mistral.Embedding], one per input.
   *
   * Since: 1.0
   */
  properties[PROP_DATA] = g_param_spec_object ("data", NULL, NULL, G_TYPE_LIST_MODEL, READ_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_embedding_response_init (MistralEmbeddingResponse *self)
{
}

/* Reading ------------------------------------------------------------------ */

/* The items of `data` from their slim texts (@items, in @slim), each
 * read by json-glib and let go before the next. */
static GListModel *
read_item_texts (const char  *slim,
                 GArray      *items,
                 GError     **error)
{
  g_autoptr(GListStore) store = g_list_store_new (MISTRAL_TYPE_EMBEDDING);

  for (guint i = 0; i < items->len; i++)
    {
      MistralEmbeddingItemText *text = &g_array_index (items, MistralEmbeddingItemText, i);
      g_autoptr(JsonNode) node = mistral_json_parse (slim + text->offset, text->length, error);
      g_autofree char *path = g_strdup_printf ("data[%u]", i);
      g_autoptr(MistralEmbedding) embedding = NULL;

      if (node == NULL)
        return NULL;
      embedding = mistral_embedding_new_from_json_object (json_node_get_object (node), path, i, error);
      if (embedding == NULL)
        return NULL;
      g_list_store_append (store, embedding);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* The reply's tree, and beside it the vectors the scan read (@raws, by
 * position in `data`; NULL when the tree holds them all), and the items
 * of `data` apart (@items in @slim; NULL when they are in the tree).
 * *@applied tells whether a failure came after the vectors were taken. */
static MistralEmbeddingResponse *
response_read (JsonNode               *node,
               GPtrArray              *raws,
               const char             *slim,
               GArray                 *items,
               MistralEmbeddingDtype   dtype,
               gboolean               *applied,
               GError                **error)
{
  g_autoptr(MistralEmbeddingResponse) self = g_object_new (MISTRAL_TYPE_EMBEDDING_RESPONSE, NULL);
  JsonObject *object, *usage = NULL;
  JsonArray *data = NULL;
  const char *id = NULL, *model = NULL;
  guint n;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mistral_json_wrong_type (node, "the response", NULL, "an object", error), NULL;
  object = json_node_get_object (node);

  if (!mistral_json_read_member (object, "id", "", MISTRAL_JSON_STRING, &id, error) ||
      !mistral_json_read_member (object, "model", "", MISTRAL_JSON_STRING, &model, error) ||
      !mistral_json_read_member (object, "usage", "", MISTRAL_JSON_OBJECT, &usage, error) ||
      !mistral_json_read_member (object, "data", "", MISTRAL_JSON_ARRAY, &data, error))
    return NULL;

  self->id = g_strdup (id);
  self->model = g_strdup (model);
  if (usage != NULL && (self->usage = mistral_usage_info_new_from_json_object (usage, "usage", error)) == NULL)
    return NULL;

  if (items != NULL)
    self->data = read_item_texts (slim, items, error);
  else
    self->data = G_LIST_MODEL (mistral_json_read_list (data, "data", MISTRAL_TYPE_EMBEDDING,
                                                       (MistralJsonReadFunc) mistral_embedding_new_from_json_object,
                                                       error));
  if (self->data == NULL)
    return NULL;
  *applied = TRUE;

  n = g_list_model_get_n_items (self->data);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralEmbedding) embedding = g_list_model_get_item (self->data, i);
      g_autofree char *path = g_strdup_printf ("data[%u]", i);

      if (raws != NULL && i < raws->len && raws->pdata[i] != NULL)
        mistral_embedding_take_raw (embedding, raws->pdata[i]);
      if (!mistral_embedding_apply_dtype (embedding, dtype, path, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

/* The slim body's tree and the vectors of @vectors, or the tree of the
 * whole body @data when there are none. */
static MistralEmbeddingResponse *
response_new (MistralEmbeddingScan   *vectors,
              const char             *data,
              gsize                   length,
              MistralEmbeddingDtype   dtype,
              GTimeSpan               latency,
              GError                **error)
{
  g_autoptr(JsonNode) node = NULL;
  MistralEmbeddingResponse *self;
  gboolean applied = FALSE;

  /* The items apart, so that json-glib never holds a tree of thousands of
   * them (about 1 KiB each). Should that fail before the vectors are
   * taken, the slim body's tree, read as one, names what is wrong, as
   * ever: json-glib's own messages say where in the body. */
  if (vectors != NULL)
    {
      g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (MistralEmbeddingItemText));
      g_autoptr(GString) root = mistral_embedding_scan_split (vectors, items);
      g_autoptr(JsonNode) root_node = mistral_json_parse (root->str, root->len, NULL);
      g_autoptr(GError) local_error = NULL;

      if (root_node != NULL)
        {
          self = response_read (root_node, vectors->raws, vectors->slim->str, items, dtype, &applied, &local_error);
          if (self != NULL)
            {
              self->latency = latency;
              return self;
            }
          /* The same steps as below from there: the same error. */
          if (applied)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
        }
    }

  if (vectors != NULL)
    node = mistral_json_parse (vectors->slim->str, vectors->slim->len, error);
  else
    node = mistral_json_parse (data, length, error);
  if (node == NULL)
    return NULL;

  self = response_read (node, vectors != NULL ? vectors->raws : NULL, NULL, NULL, dtype, &applied, error);
  if (self != NULL)
    self->latency = latency;
  return self;
}

MistralEmbeddingResponse *
mistral_embedding_response_new_from_body (const char             *data,
                                          gsize                   length,
                                          MistralEmbeddingDtype   dtype,
                                          GTimeSpan               latency,
                                          gboolean                scan,
                                          GError                **error)
{
  g_autoptr(MistralEmbeddingScan) vectors = scan ? mistral_embedding_scan (data, length) : NULL;

  return response_new (vectors, data, length, dtype, latency, error);
}

MistralEmbeddingResponse *
mistral_embedding_response_new_from_reader (MistralEmbeddingReader *reader,
                                            MistralEmbeddingDtype   dtype,
                                            GTimeSpan               latency,
                                            GError                **error)
{
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(MistralEmbeddingScan) vectors = mistral_embedding_reader_finish (reader, &whole);
  const char *data;
  gsize length;

  if (vectors != NULL)
    return response_new (vectors, NULL, 0, dtype, latency, error);

  /* Given up on as it arrived, perhaps only for a step too long to hold:
   * the whole body is read as a whole body is. */
  data = g_bytes_get_data (whole, &length);
  return mistral_embedding_response_new_from_body (data != NULL ? data : "", length, dtype, latency, TRUE, error);
}

/* Getters ------------------------------------------------------------------ */

/**
 * mistral_embedding_response_get_id: (get-property id)
 * @self: a response
 *
 * Gets the id.
 *
 * Returns: (nullable): the id of the reply
 *
 * Since: 1.0
 */
const char *
mistral_embedding_response_get_id (MistralEmbeddingResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING_RESPONSE (self), NULL);

  return self->id;
}

/**
 * mistral_embedding_response_get_model: (get-property model)
 * @self: a response
 *
 * Gets the model.
 *
 * Returns: (nullable): the model that answered
 *
 * Since: 1.0
 */
const char *
mistral_embedding_response_get_model (MistralEmbeddingResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING_RESPONSE (self), NULL);

  return self->model;
}

/**
 * mistral_embedding_response_get_usage: (get-property usage)
 * @self: a response
 *
 * Gets the usage.
 *
 * Returns: (nullable) (transfer none): the tokens used
 *
 * Since: 1.0
 */
MistralUsageInfo *
mistral_embedding_response_get_usage (MistralEmbeddingResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING_RESPONSE (self), NULL);

  return self->usage;
}

/**
 * mistral_embedding_response_get_latency: (get-property latency)
 * @self: a response
 *
 * Gets the latency.
 *
 * Returns: how long the request took, in microseconds
 *
 * Since: 1.0
 */
GTimeSpan
mistral_embedding_response_get_latency (MistralEmbeddingResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING_RESPONSE (self), 0);

  return self->latency;
}

/**
 * mistral_embedding_response_get_data: (get-property data)
 * @self: a response
 *
 * Gets the data.
 *
 * Returns: (transfer none): the embeddings, a list of [class@Mistral.Embedding]
 *
 * Since: 1.0
 */
GListModel *
mistral_embedding_response_get_data (MistralEmbeddingResponse *self)
{
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING_RESPONSE (self), NULL);

  return self->data;
}
