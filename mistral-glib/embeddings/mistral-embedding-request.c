// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

#include "mistral-embedding-request-private.h"
#include "mistral-enum-types.h"
#include "mistral-error.h"
#include "mistral-json-private.h"
#include "mistral-request-private.h"

/**
 * MistralEmbeddingRequest:
 *
 * The body of an embeddings request (`POST /v1/embeddings`): the model,
 * the texts to embed and the options of the output.
 *
 * Each option has a companion `*-set` property (the GTK
 * `foreground`/`foreground-set` convention): setting the option sets it to
 * %TRUE, and while it is %FALSE the field is left out of the JSON body, so
 * the API's own default applies.
 *
 * A request with no model, no inputs or an output dimension below 1 fails
 * with %MISTRAL_ERROR_INVALID_REQUEST before anything is sent.
 *
 * ## Usage
 *
 * ```c
 * const char *texts[] = { "A cat sat on the mat.", "Stocks fell today.", NULL };
 * g_autoptr(MistralEmbeddingRequest) request =
 *   mistral_embedding_request_new ("mistral-embed", texts);
 *
 * mistral_embedding_request_set_encoding_format (request, MISTRAL_ENCODING_FORMAT_BASE64);
 * ```
 *
 * Since: 1.0
 */

struct _MistralEmbeddingRequest
{
  GObject parent_instance;

  char *model;
  GStrv inputs;
  int output_dimension;
  MistralEmbeddingDtype output_dtype;
  MistralEncodingFormat encoding_format;
  gboolean output_dimension_set;
  gboolean output_dtype_set;
  gboolean encoding_format_set;
};

G_DEFINE_FINAL_TYPE (MistralEmbeddingRequest, mistral_embedding_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_INPUTS,
  PROP_OUTPUT_DIMENSION,
  PROP_OUTPUT_DIMENSION_SET,
  PROP_OUTPUT_DTYPE,
  PROP_OUTPUT_DTYPE_SET,
  PROP_ENCODING_FORMAT,
  PROP_ENCODING_FORMAT_SET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mistral_embedding_request_finalize (GObject *object)
{
  MistralEmbeddingRequest *self = MISTRAL_EMBEDDING_REQUEST (object);

  g_free (self->model);
  g_strfreev (self->inputs);

  G_OBJECT_CLASS (mistral_embedding_request_parent_class)->finalize (object);
}

/* Stores @value in the option at @field (an int or an enum) and marks it
 * set in @flag; @prop + 1 is the flag's property. */
static void
request_set_option (MistralEmbeddingRequest *self,
                    int                     *field,
                    gboolean                *flag,
                    int                      value,
                    int                      prop)
{
  mistral_request_set_option (G_OBJECT (self), field, flag, value, properties[prop], properties[prop + 1]);
}

static void
request_set_flag (MistralEmbeddingRequest *self,
                  gboolean                *flag,
                  gboolean                 value,
                  int                      prop)
{
  mistral_request_set_flag (G_OBJECT (self), flag, value, properties[prop]);
}

static void
mistral_embedding_request_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  MistralEmbeddingRequest *self = MISTRAL_EMBEDDING_REQUEST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_INPUTS:
      g_value_set_boxed (value, self->inputs);
      break;
    case PROP_OUTPUT_DIMENSION:
      g_value_set_int (value, self->output_dimension);
      break;
    case PROP_OUTPUT_DIMENSION_SET:
      g_value_set_boolean (value, self->output_dimension_set);
      break;
    case PROP_OUTPUT_DTYPE:
      g_value_set_enum (value, self->output_dtype);
      break;
    case PROP_OUTPUT_DTYPE_SET:
      g_value_set_boolean (value, self->output_dtype_set);
      break;
    case PROP_ENCODING_FORMAT:
      g_value_set_enum (value, self->encoding_format);
      break;
    case PROP_ENCODING_FORMAT_SET:
      g_value_set_boolean (value, self->encoding_format_set);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mistral_embedding_request_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  MistralEmbeddingRequest *self = MISTRAL_EMBEDDING_REQUEST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      mistral_embedding_request_set_model (self, g_value_get_string (value));
      break;
    case PROP_INPUTS:
      mistral_embedding_request_set_inputs (self, g_value_get_boxed (value));
      break;
    case PROP_OUTPUT_DIMENSION:
      mistral_embedding_request_set_output_dimension (self, g_value_get_int (value));
      break;
    case PROP_OUTPUT_DIMENSION_SET:
      request_set_flag (self, &self->output_dimension_set, g_value_get_boolean (value), prop_id);
      break;
    case PROP_OUTPUT_DTYPE:
      mistral_embedding_request_set_output_dtype (self, g_value_get_enum (value));
      break;
    case PROP_OUTPUT_DTYPE_SET:
      request_set_flag (self, &self->output_dtype_set, g_value_get_boolean (value), prop_id);
      break;
    case PROP_ENCODING_FORMAT:
      mistral_embedding_request_set_encoding_format (self, g_value_get_enum (value));
      break;
    case PROP_ENCODING_FORMAT_SET:
      request_set_flag (self, &self->encoding_format_set, g_value_get_boolean (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RW_FLAGS (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
mistral_embedding_request_class_init (MistralEmbeddingRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mistral_embedding_request_finalize;
  object_class->get_property = mistral_embedding_request_get_property;
  object_class->set_property = mistral_embedding_request_set_property;

  /**
   * MistralEmbeddingRequest:model:
   *
   * The embedding model, such as `mistral-embed`.
   *
   * Since: 1.0
   */
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, RW_FLAGS);

  /**
   * MistralEmbeddingRequest:inputs:
   *
   * The texts to embed; the reply has one embedding for each, in order.
   *
   * Since: 1.0
   */
  properties[PROP_INPUTS] = g_param_spec_boxed ("inputs", NULL, NULL, G_TYPE_STRV, RW_FLAGS);

  /**
   * MistralEmbeddingRequest:output-dimension:
   *
   * The number of dimensions of each embedding (the API's
   * `output_dimension`, at least 1), for models that can shorten theirs.
   *
   * Since: 1.0
   */
  properties[PROP_OUTPUT_DIMENSION] =
    g_param_spec_int ("output-dimension", NULL, NULL, G_MININT, G_MAXINT, 0, RW_FLAGS);

  /**
   * MistralEmbeddingRequest:output-dimension-set:
   *
   * Whether [property@Mistral.EmbeddingRequest:output-dimension] is sent.
   *
   * Since: 1.0
   */
  properties[PROP_OUTPUT_DIMENSION_SET] =
    g_param_spec_boolean ("output-dimension-set", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralEmbeddingRequest:output-dtype:
   *
   * The type of the values (the API's `output_dtype`).
   *
   * Since: 1.0
   */
  properties[PROP_OUTPUT_DTYPE] =
    g_param_spec_enum ("output-dtype", NULL, NULL, MISTRAL_TYPE_EMBEDDING_DTYPE,
                       MISTRAL_EMBEDDING_DTYPE_FLOAT, RW_FLAGS);

  /**
   * MistralEmbeddingRequest:output-dtype-set:
   *
   * Whether [property@Mistral.EmbeddingRequest:output-dtype] is sent.
   *
   * Since: 1.0
   */
  properties[PROP_OUTPUT_DTYPE_SET] =
    g_param_spec_boolean ("output-dtype-set", NULL, NULL, FALSE, RW_FLAGS);

  /**
   * MistralEmbeddingRequest:encoding-format:
   *
   * How the reply writes the embeddings (the API's `encoding_format`).
   *
   * Since: 1.0
   */
  properties[PROP_ENCODING_FORMAT] =
    g_param_spec_enum ("encoding-format", NULL, NULL, MISTRAL_TYPE_ENCODING_FORMAT,
                       MISTRAL_ENCODING_FORMAT_FLOAT, RW_FLAGS);

  /**
   * MistralEmbeddingRequest:encoding-format-set:
   *
   * Whether [property@Mistral.EmbeddingRequest:encoding-format] is sent.
   *
   * Since: 1.0
   */
  properties[PROP_ENCODING_FORMAT_SET] =
    g_param_spec_boolean ("encoding-format-set", NULL, NULL, FALSE, RW_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mistral_embedding_request_init (MistralEmbeddingRequest *self)
{
}

/**
 * mistral_embedding_request_new:
 * @model: the embedding model, such as `mistral-embed`
 * @inputs: (nullable) (array zero-terminated=1): the texts to embed
 *
 * Creates a request to embed @inputs with @model.
 *
 * Returns: (transfer full): a new request
 *
 * Since: 1.0
 */
MistralEmbeddingRequest *
mistral_embedding_request_new (const char         *model,
                               const char * const *inputs)
{
  return g_object_new (MISTRAL_TYPE_EMBEDDING_REQUEST, "model", model, "inputs", inputs, NULL);
}

/**
 * mistral_embedding_request_get_model: (get-property model)
 * @self: a request
 *
 * Gets the model.
 *
 * Returns: (nullable): the model
 *
 * Since: 1.0
 */
const char *
mistral_embedding_request_get_model (MistralEmbeddingRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING_REQUEST (self), NULL);

  return self->model;
}

/**
 * mistral_embedding_request_set_model: (set-property model)
 * @self: a request
 * @model: (nullable): the model
 *
 * Sets the model.
 *
 * Since: 1.0
 */
void
mistral_embedding_request_set_model (MistralEmbeddingRequest *self,
                                     const char              *model)
{
  g_return_if_fail (MISTRAL_IS_EMBEDDING_REQUEST (self));

  if (g_strcmp0 (self->model, model) == 0)
    return;
  g_free (self->model);
  self->model = g_strdup (model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * mistral_embedding_request_get_inputs: (get-property inputs)
 * @self: a request
 *
 * Gets the inputs.
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the texts to embed
 *
 * Since: 1.0
 */
const char * const *
mistral_embedding_request_get_inputs (MistralEmbeddingRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING_REQUEST (self), NULL);

  return (const char * const *) self->inputs;
}

/**
 * mistral_embedding_request_set_inputs: (set-property inputs)
 * @self: a request
 * @inputs: (nullable) (array zero-terminated=1): the texts to embed
 *
 * Sets the inputs.
 *
 * Since: 1.0
 */
void
mistral_embedding_request_set_inputs (MistralEmbeddingRequest *self,
                                      const char * const      *inputs)
{
  g_return_if_fail (MISTRAL_IS_EMBEDDING_REQUEST (self));

  if (mistral_request_replace_strv (&self->inputs, inputs))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUTS]);
}

/**
 * mistral_embedding_request_get_output_dimension: (get-property output-dimension)
 * @self: a request
 *
 * Gets the output dimension.
 *
 * Returns: the output dimension (meaningful while
 *   [property@Mistral.EmbeddingRequest:output-dimension-set] is %TRUE)
 *
 * Since: 1.0
 */
int
mistral_embedding_request_get_output_dimension (MistralEmbeddingRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING_REQUEST (self), 0);

  return self->output_dimension;
}

/**
 * mistral_embedding_request_set_output_dimension: (set-property output-dimension)
 * @self: a request
 * @dimension: the number of dimensions, at least 1
 *
 * Sets the output dimension, and marks it set.
 *
 * Since: 1.0
 */
void
mistral_embedding_request_set_output_dimension (MistralEmbeddingRequest *self,
                                                int                      dimension)
{
  g_return_if_fail (MISTRAL_IS_EMBEDDING_REQUEST (self));

  request_set_option (self, &self->output_dimension, &self->output_dimension_set, dimension,
                      PROP_OUTPUT_DIMENSION);
}

/**
 * mistral_embedding_request_get_output_dtype: (get-property output-dtype)
 * @self: a request
 *
 * Gets the output dtype.
 *
 * Returns: the type of the values asked for
 *
 * Since: 1.0
 */
MistralEmbeddingDtype
mistral_embedding_request_get_output_dtype (MistralEmbeddingRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING_REQUEST (self), MISTRAL_EMBEDDING_DTYPE_FLOAT);

  return self->output_dtype;
}

/**
 * mistral_embedding_request_set_output_dtype: (set-property output-dtype)
 * @self: a request
 * @dtype: the type of the values
 *
 * Sets the output dtype, and marks it set.
 *
 * Since: 1.0
 */
void
mistral_embedding_request_set_output_dtype (MistralEmbeddingRequest *self,
                                            MistralEmbeddingDtype    dtype)
{
  g_return_if_fail (MISTRAL_IS_EMBEDDING_REQUEST (self));
  g_return_if_fail (dtype <= MISTRAL_EMBEDDING_DTYPE_UBINARY);

  request_set_option (self, (int *) &self->output_dtype, &self->output_dtype_set, dtype, PROP_OUTPUT_DTYPE);
}

/**
 * mistral_embedding_request_get_encoding_format: (get-property encoding-format)
 * @self: a request
 *
 * Gets the encoding format.
 *
 * Returns: how the reply writes the embeddings
 *
 * Since: 1.0
 */
MistralEncodingFormat
mistral_embedding_request_get_encoding_format (MistralEmbeddingRequest *self)
{
  g_return_val_if_fail (MISTRAL_IS_EMBEDDING_REQUEST (self), MISTRAL_ENCODING_FORMAT_FLOAT);

  return self->encoding_format;
}

/**
 * mistral_embedding_request_set_encoding_format: (set-property encoding-format)
 * @self: a request
 * @format: how the reply writes the embeddings
 *
 * Sets the encoding format, and marks it set.
 *
 * Since: 1.0
 */
void
mistral_embedding_request_set_encoding_format (MistralEmbeddingRequest *self,
                                               MistralEncodingFormat    format)
{
  g_return_if_fail (MISTRAL_IS_EMBEDDING_REQUEST (self));
  g_return_if_fail (format <= MISTRAL_ENCODING_FORMAT_BASE64);

  request_set_option (self, (int *) &self->encoding_format, &self->encoding_format_set, format,
                      PROP_ENCODING_FORMAT);
}

MistralEmbeddingDtype
mistral_embedding_request_get_reply_dtype (MistralEmbeddingRequest *self)
{
  return self->output_dtype_set ? self->output_dtype : MISTRAL_EMBEDDING_DTYPE_FLOAT;
}

static gboolean
request_validate (MistralEmbeddingRequest  *self,
                  GError                  **error)
{
  if (self->model == NULL || *self->model == '\0')
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST, "The request has no model");
      return FALSE;
    }

  if (self->inputs == NULL || self->inputs[0] == NULL)
    {
      g_set_error_literal (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST, "The request has no inputs");
      return FALSE;
    }

  if (self->output_dimension_set && self->output_dimension < 1)
    {
      g_set_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST,
                   "output-dimension is %d; it must be at least 1", self->output_dimension);
      return FALSE;
    }

  return TRUE;
}

static void
request_write_json (MistralEmbeddingRequest *self,
                    JsonBuilder             *builder)
{
  json_builder_begin_object (builder);
  mistral_json_add_string (builder, "model", self->model);

  mistral_json_add_strv (builder, "input", (const char * const *) self->inputs);

  if (self->output_dimension_set)
    {
      json_builder_set_member_name (builder, "output_dimension");
      json_builder_add_int_value (builder, self->output_dimension);
    }
  if (self->output_dtype_set)
    mistral_json_add_enum (builder, "output_dtype", MISTRAL_TYPE_EMBEDDING_DTYPE, self->output_dtype);
  if (self->encoding_format_set)
    mistral_json_add_enum (builder, "encoding_format", MISTRAL_TYPE_ENCODING_FORMAT, self->encoding_format);

  json_builder_end_object (builder);
}

/* The body as it is sent, once the request passed the API's rules. */
GBytes *
mistral_embedding_request_to_bytes (MistralEmbeddingRequest  *self,
                                    GError                  **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (!request_validate (self, error))
    return NULL;

  builder = json_builder_new ();
  request_write_json (self, builder);
  root = json_builder_get_root (builder);

  return mistral_json_to_bytes (root, error);
}

/**
 * mistral_embedding_request_to_json:
 * @self: a request
 * @error: return location for a #GError
 *
 * Serialises the request into the exact JSON body that is sent, after
 * checking it against the API's rules.
 *
 * Returns: (transfer full): the JSON body, or %NULL with
 *   %MISTRAL_ERROR_INVALID_REQUEST
 *
 * Since: 1.0
 */
char *
mistral_embedding_request_to_json (MistralEmbeddingRequest  *self,
                                   GError                  **error)
{
  g_autoptr(GBytes) body = NULL;
  gsize length;

  g_return_val_if_fail (MISTRAL_IS_EMBEDDING_REQUEST (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  body = mistral_embedding_request_to_bytes (self, error);
  /* The text is nul-terminated: it came from json_to_string(). */
  return body != NULL ? g_bytes_unref_to_data (g_steal_pointer (&body), &length) : NULL;
}
