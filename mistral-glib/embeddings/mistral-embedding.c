// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include <math.h>
#include <string.h>

#include "mistral-embedding-private.h"
#include "mistral-enum-types.h"
#include "mistral-error.h"
#include "mistral-json-private.h"

/**
 * MistralEmbedding:
 *
 * One embedding of a [class@Mistral.EmbeddingResponse]: the vector of one
 * input text.
 *
 * The values are kept packed, as 32-bit floats, however the API wrote them
 * (a JSON list of numbers, or base64): [method@Mistral.Embedding.get_vector]
 * gives them to C as an array and to Python, JavaScript and Vala as a list
 * of numbers. For the integer and binary types
 * ([enum@Mistral.EmbeddingDtype]) the raw bytes are there too, from
 * [method@Mistral.Embedding.get_bytes].
 *
 * ## Usage
 *
 * ```c
 * gsize n;
 * const float *vector = mistral_embedding_get_vector (embedding, &n);
 * double similarity = mistral_embedding_cosine_similarity (embedding, other);
 * ```
 *
 * Since: 1.0
 */

struct _MistralEmbedding
{
  GObject parent_instance;

  guint index;
  MistralEmbeddingDtype dtype;
  float *vector;
  gsize dimension;
  GBytes *bytes;

  /* Only while the reply is read: the values as the reply wrote them. */
  MistralEmbeddingRaw raw;
};

G_DEFINE_FINAL_TYPE (MistralEmbedding, mistral_embedding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_DIMENSION,
  PROP_DTYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
mistral_embedding_raw_clear (MistralEmbeddingRaw *raw)
{
  g_clear_pointer (&raw->values, g_free);
  g_clear_pointer (&raw->bytes, g_bytes_unref);
  raw->n_values = 0;
}

static void
mistral_embedding_finalize (GObject *object)
{
  MistralEmbedding *self = MISTRAL_EMBEDDING (object);

  g_free (self->vector);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  mistral_embedding_raw_clear (&self->raw);

  G_OBJECT_CLASS (mistral_embedding_parent_class)->finalize (object);
}

static void
mistral_embedding_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MistralEmbedding *self = MISTRAL_EMBEDDING (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_DIMENSION:
      g_value_set_uint (value, self->dimension);
      break;
    case PROP_DTYPE:
      g_value_set_enum (value, self->dtype);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_embedding_class_init (MistralEmbeddingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_embedding_finalize;
  object_class->get_property = mistral_embedding_get_property;

  /**
   * MistralEmbedding:index:
   *
   * The position of the input text this embedding is for.
   *
   * Since: 1.0
   */
  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MistralEmbedding:dimension:
   *
   * The number of values of the vector (for the binary types, of bytes,
   * each holding eight dimensions).
   *
   * Since: 1.0
   */
  properties[PROP_DIMENSION] =
    g_param_spec_uint ("dimension", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * MistralEmbedding:dtype:
   *
   * The type of the values, as the request asked for them.
   *
   * Since: 1.0
   */
  properties[PROP_DTYPE] =
    g_param_spec_enum ("dtype", NULL, NULL, MISTRAL_TYPE_EMBEDDING_DTYPE, MISTRAL_EMBEDDING_DTYPE_FLOAT,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_embedding_init (MistralEmbedding *self)
{
}

/* Reading ------------------------------------------------------------------ */

/* The numbers of a JSON list, as floats: each must be a number that a
 * float holds (1e999 or 1e39 is not). */
gboolean
mistral_embedding_raw_set_numbers (MistralEmbeddingRaw  *raw,
                                   JsonArray            *array,
                                   const char           *path,
                                   GError              **error)
{
  guint n = json_array_get_length (array);
  g_autofree float *values = g_new (float, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

      if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);

          return mistral_json_wrong_type (node, sub, NULL, "a number", error);
        }
      values[i] = (float) json_node_get_double (node);
      if (!isfinite (values[i]))
        {
          g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                       "Invalid response: %s[%u] is out of the range of a float", path, i);
          return FALSE;
        }
    }

  mistral_embedding_raw_clear (raw);
  raw->values = g_steal_pointer (&values);
  raw->n_values = n;
  return TRUE;
}

static int
base64_value (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

/* Strict base64 (RFC 4648 §4): whole groups of four, padding only at the
 * end, no other byte, and unused bits zero. g_base64_decode() skips what it
 * does not know, which would turn a corrupt vector into a shorter one.
 * NULL if @text is not that. */
GBytes *
mistral_embedding_base64_decode (const char *text,
                                 gsize       length)
{
  g_autofree guint8 *out = NULL;
  gsize n = 0;

  if (length % 4 != 0)
    return NULL;

  out = g_malloc (length / 4 * 3 + 1);
  for (gsize i = 0; i < length; i += 4)
    {
      gboolean last = i + 4 == length;
      int pad = last ? (text[i + 3] == '=') + (text[i + 3] == '=' && text[i + 2] == '=') : 0;
      int v[4];

      for (int k = 0; k < 4 - pad; k++)
        if ((v[k] = base64_value (text[i + k])) < 0)
          return NULL;
      if (pad == 1 && (v[2] & 0x3) != 0)
        return NULL;
      if (pad == 2 && (v[1] & 0xF) != 0)
        return NULL;

      out[n++] = (guint8) (v[0] << 2 | v[1] >> 4);
      if (pad < 2)
        out[n++] = (guint8) (v[1] << 4 | v[2] >> 2);
      if (pad < 1)
        out[n++] = (guint8) (v[2] << 6 | v[3]);
    }

  return g_bytes_new_take (g_steal_pointer (&out), n);
}

MistralEmbedding *
mistral_embedding_new_from_json_object (JsonObject  *object,
                                        const char  *path,
                                        guint        position,
                                        GError     **error)
{
  g_autoptr(MistralEmbedding) self = g_object_new (MISTRAL_TYPE_EMBEDDING, NULL);
  g_autofree char *sub = mistral_json_path_join (path, "embedding");
  JsonNode *node = json_object_get_member (object, "embedding");
  gint64 index = position;

  if (!mistral_json_read_member (object, "index", path, MISTRAL_JSON_INT, &index, error))
    return NULL;
  if (index < 0 || index > G_MAXUINT)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: %s.index is out of range", path);
      return NULL;
    }
  self->index = (guint) index;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&self);

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      if (!mistral_embedding_raw_set_numbers (&self->raw, json_node_get_array (node), sub, error))
        return NULL;
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      self->raw.bytes = mistral_embedding_base64_decode (text, strlen (text));
      if (self->raw.bytes == NULL)
        {
          g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                       "Invalid response: %s is not valid base64", sub);
          return NULL;
        }
    }
  else
    {
      return mistral_json_wrong_type (node, sub, NULL, "a list of numbers or base64 text", error), NULL;
    }

  return g_steal_pointer (&self);
}

void
mistral_embedding_take_raw (MistralEmbedding    *self,
                            MistralEmbeddingRaw *raw)
{
  mistral_embedding_raw_clear (&self->raw);
  self->raw = *raw;
  *raw = (MistralEmbeddingRaw) { NULL, };
}

/* Little-endian 32-bit floats, as base64 carries them. */
static gboolean
embedding_floats_from_bytes (MistralEmbedding  *self,
                             GBytes            *bytes,
                             const char        *path,
                             GError           **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  if (length % 4 != 0)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                   "Invalid response: %s holds %" G_GSIZE_FORMAT " bytes, not a whole number of floats",
                   path, length);
      return FALSE;
    }

  self->dimension = length / 4;
  self->vector = g_new (float, MAX (self->dimension, 1));
  for (gsize i = 0; i < self->dimension; i++)
    {
      guint32 bits;

      memcpy (&bits, data + 4 * i, sizeof bits);
      bits = GUINT32_FROM_LE (bits);
      memcpy (&self->vector[i], &bits, sizeof bits);
      if (!isfinite (self->vector[i]))
        {
          g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                       "Invalid response: %s[%" G_GSIZE_FORMAT "] is not a finite number", path, i);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
mistral_embedding_apply_dtype (MistralEmbedding       *self,
                               MistralEmbeddingDtype   dtype,
                               const char             *path,
                               GError                **error)
{
  gboolean is_signed = dtype == MISTRAL_EMBEDDING_DTYPE_INT8 || dtype == MISTRAL_EMBEDDING_DTYPE_BINARY;
  g_autofree char *sub = mistral_json_path_join (path, "embedding");
  g_auto(MistralEmbeddingRaw) raw = self->raw;

  self->raw = (MistralEmbeddingRaw) { NULL, };
  self->dtype = dtype;

  if (dtype == MISTRAL_EMBEDDING_DTYPE_FLOAT)
    {
      if (raw.bytes != NULL)
        return embedding_floats_from_bytes (self, raw.bytes, sub, error);
      self->vector = g_steal_pointer (&raw.values);
      self->dimension = raw.n_values;
      return TRUE;
    }

  if (raw.bytes != NULL)
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (raw.bytes, &length);

      self->dimension = length;
      self->vector = g_new (float, MAX (length, 1));
      for (gsize i = 0; i < length; i++)
        self->vector[i] = is_signed ? (float) (gint8) data[i] : (float) data[i];
      self->bytes = g_steal_pointer (&raw.bytes);
      return TRUE;
    }

  {
    g_autofree guint8 *data = g_malloc (MAX (raw.n_values, 1));

    for (gsize i = 0; i < raw.n_values; i++)
      {
        float v = raw.values[i];

        if (v != floorf (v) || v < (is_signed ? -128 : 0) || v > (is_signed ? 127 : 255))
          {
            g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE,
                         "Invalid response: %s[%" G_GSIZE_FORMAT "] is %g, not %s byte",
                         sub, i, v, is_signed ? "a signed" : "an unsigned");
            return FALSE;
          }
        data[i] = (guint8) (int) v;
      }
    self->dimension = raw.n_values;
    self->vector = g_steal_pointer (&raw.values);
    self->bytes = g_bytes_new_take (g_steal_pointer (&data), raw.n_values);
  }
  return TRUE;
}

/* Getters ------------------------------------------------------------------ */

/**
 * mistral_embedding_get_index: (get-property index)
 * @self: an embedding
 *
 * Gets the index.
 *
 * Returns: the position of the input text this embedding is for
 *
 * Since: 1.0
 */
guint
mistral_embedding_get_index (MistralEmbedding *self)
{
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING (self), 0);

  return self->index;
}

/**
 * mistral_embedding_get_dimension: (get-property dimension)
 * @self: an embedding
 *
 * Gets the dimension.
 *
 * Returns: the number of values of the vector
 *
 * Since: 1.0
 */
guint
mistral_embedding_get_dimension (MistralEmbedding *self)
{
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING (self), 0);

  return self->dimension;
}

/**
 * mistral_embedding_get_dtype: (get-property dtype)
 * @self: an embedding
 *
 * Gets the dtype.
 *
 * Returns: the type of the values
 *
 * Since: 1.0
 */
MistralEmbeddingDtype
mistral_embedding_get_dtype (MistralEmbedding *self)
{
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING (self), MISTRAL_EMBEDDING_DTYPE_FLOAT);

  return self->dtype;
}

/**
 * mistral_embedding_get_vector:
 * @self: an embedding
 * @n: (out) (optional): return location for the number of values
 *
 * Gets the values of the vector, as floats. For the integer and binary
 * types they are the values of the bytes (-128 to 127 for `int8` and
 * `binary`, 0 to 255 for `uint8` and `ubinary`).
 *
 * Returns: (array length=n) (transfer none) (nullable): the values, owned
 *   by @self; %NULL if the reply had none
 *
 * Since: 1.0
 */
const float *
mistral_embedding_get_vector (MistralEmbedding *self,
                              gsize            *n)
{
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING (self), NULL);

  if (n != NULL)
    *n = self->dimension;
  return self->dimension > 0 ? self->vector : NULL;
}

/**
 * mistral_embedding_get_bytes:
 * @self: an embedding
 *
 * Gets the raw values of an embedding of an integer or binary type, one
 * byte each (for `binary` and `ubinary`, eight dimensions to a byte).
 *
 * Returns: (transfer none) (nullable): the bytes, or %NULL for
 *   %MISTRAL_EMBEDDING_DTYPE_FLOAT
 *
 * Since: 1.0
 */
GBytes *
mistral_embedding_get_bytes (MistralEmbedding *self)
{
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING (self), NULL);

  return self->bytes;
}

/**
 * mistral_embedding_cosine_similarity:
 * @a: an embedding
 * @b: another embedding
 *
 * Computes the cosine of the angle between two vectors: 1 for the same
 * direction, 0 for unrelated texts, -1 for opposite ones. Mistral's
 * embeddings have length 1, so this is also their dot product.
 *
 * There is no angle between vectors of different dimensions, or with an
 * empty or all-zero vector: the result is then NaN (test it with
 * `isnan()`, or `math.isnan()` in Python), never an error or a warning.
 *
 * Returns: the cosine similarity, from -1 to 1, or NaN
 *
 * Since: 1.0
 */
double
mistral_embedding_cosine_similarity (MistralEmbedding *a,
                                     MistralEmbedding *b)
{
  double dot = 0, norm_a = 0, norm_b = 0;

  g_return_val_if_fail (MISTRAL_IS_EMBEDDING (a), NAN);
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING (b), NAN);

  if (a->dimension != b->dimension || a->dimension == 0)
    return NAN;

  for (gsize i = 0; i < a->dimension; i++)
    {
      dot += (double) a->vector[i] * b->vector[i];
      norm_a += (double) a->vector[i] * a->vector[i];
      norm_b += (double) b->vector[i] * b->vector[i];
    }
  if (norm_a == 0 || norm_b == 0)
    return NAN;

  return CLAMP (dot / (sqrt (norm_a) * sqrt (norm_b)), -1.0, 1.0);
}
