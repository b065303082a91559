// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * embeddings.c: POST /v1/embeddings (API-NOTES.md §7): the checks of its
 * request body, and deterministic embeddings derived from the input
 * texts, in every dtype and encoding the API has.
 *
 * A text's vector is the sum of one pseudo-random vector per word (seeded
 * by the word), normalised to length 1: texts that share words are
 * similar, so a semantic search over them shows something. In bench mode
 * (or for the "mock-bench" model) the reply depends only on the request's
 * shape and is rendered once.
 */

#include "mock-server-private.h"

#include <math.h>

#define EMBEDDINGS_PATH "/v1/embeddings"
#define DEFAULT_DIMENSION 1024

static const char * const request_keys[] = {
  "model", "metadata", "input", "output_dimension", "output_dtype", "encoding_format", NULL
};

static const char * const dtypes[] = { "float", "int8", "uint8", "binary", "ubinary", NULL };

static const char * const encodings[] = { "float", "base64", NULL };

static JsonArray *
embeddings_validate (JsonNode *root)
{
  static const MockBounds positive = { .has_gt = TRUE, .gt = 0 };
  JsonArray *detail = json_array_new ();
  g_autoptr(JsonArray) loc = json_array_new ();

  json_array_add_string_element (loc, "body");
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      mock_add_error (detail, "model_attributes_type", json_array_ref (loc),
                      "Input should be a valid dictionary or object to extract fields from", root, NULL);
      return detail;
    }

  mock_check_member (detail, root, "model", loc, MOCK_KIND_STRING, TRUE, FALSE, NULL);
  mock_check_member (detail, root, "metadata", loc, MOCK_KIND_DICT, FALSE, TRUE, NULL);
  mock_check_string_or_list (detail, root, "input", loc, TRUE);
  mock_check_member (detail, root, "output_dimension", loc, MOCK_KIND_INT, FALSE, TRUE, &positive);
  mock_check_enum_member (detail, root, "output_dtype", loc, dtypes, FALSE);
  mock_check_enum_member (detail, root, "encoding_format", loc, encodings, FALSE);
  mock_check_extra (detail, root, loc, request_keys);
  return detail;
}

/* The request, as the replies need it. */
typedef struct {
  const char *model;
  GPtrArray *inputs;   /* const char *, owned by the request */
  guint dimension;
  const char *dtype;
  gboolean base64;
} Shape;

/* A text's unit vector: one pseudo-random vector per word, summed. */
static void
embeddings_vector (const char *text,
                   float      *vector,
                   guint       dimension)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n.,;:!?\"'()", -1);
  double norm = 0;

  memset (vector, 0, dimension * sizeof (float));
  for (guint w = 0; words[w] != NULL; w++)
    {
      g_autofree char *word = g_utf8_strdown (words[w], -1);
      guint32 state = g_str_hash (word) | 1;

      if (*word == '\0')
        continue;
      for (guint i = 0; i < dimension; i++)
        {
          /* xorshift32 */
          state ^= state << 13;
          state ^= state >> 17;
          state ^= state << 5;
          vector[i] += (float) ((double) state / G_MAXUINT32 - 0.5);
        }
    }
  for (guint i = 0; i < dimension; i++)
    norm += (double) vector[i] * vector[i];
  norm = norm > 0 ? sqrt (norm) : 1;
  for (guint i = 0; i < dimension; i++)
    vector[i] = (float) (vector[i] / norm);
}

/* The values as the dtype has them: the floats, or one byte each (the
 * binary types: the signs, eight to a byte, the first in the highest bit). */
static GBytes *
embeddings_quantize (const float *vector,
                     guint        dimension,
                     const char  *dtype)
{
  gboolean binary = g_str_has_suffix (dtype, "binary");
  guint n = binary ? (dimension + 7) / 8 : dimension;
  guint8 *bytes = g_malloc0 (MAX (n, 1));

  for (guint i = 0; i < dimension; i++)
    {
      if (binary)
        bytes[i / 8] |= (vector[i] > 0) << (7 - i % 8);
      else if (strcmp (dtype, "int8") == 0)
        bytes[i] = (guint8) (gint8) CLAMP (lrintf (vector[i] * 127 * 8), -128, 127);
      else
        bytes[i] = (guint8) CLAMP (lrintf ((vector[i] * 8 + 1) * 127.5f), 0, 255);
    }
  /* "binary" is signed: the packed byte minus 128. */
  if (strcmp (dtype, "binary") == 0)
    for (guint i = 0; i < n; i++)
      bytes[i] = (guint8) (bytes[i] - 128);
  return g_bytes_new_take (bytes, n);
}

static void
embeddings_append_values (GString    *out,
                          const float *vector,
                          guint       dimension,
                          const Shape *shape)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize n;
  const guint8 *data;

  if (strcmp (shape->dtype, "float") == 0)
    {
      if (shape->base64)
        {
          g_autofree guint32 *le = g_new (guint32, MAX (dimension, 1));
          g_autofree char *text = NULL;

          for (guint i = 0; i < dimension; i++)
            {
              memcpy (&le[i], &vector[i], 4);
              le[i] = GUINT32_TO_LE (le[i]);
            }
          text = g_base64_encode ((const guchar *) le, dimension * 4);
          g_string_append_printf (out, "\"%s\"", text);
          return;
        }
      g_string_append_c (out, '[');
      for (guint i = 0; i < dimension; i++)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          if (i > 0)
            g_string_append_c (out, ',');
          /* 9 significant digits give the float back exactly. */
          g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.9g", vector[i]));
        }
      g_string_append_c (out, ']');
      return;
    }

  bytes = embeddings_quantize (vector, dimension, shape->dtype);
  data = g_bytes_get_data (bytes, &n);
  if (shape->base64)
    {
      g_autofree char *text = g_base64_encode (data, n);

      g_string_append_printf (out, "\"%s\"", text);
      return;
    }
  g_string_append_c (out, '[');
  for (gsize i = 0; i < n; i++)
    g_string_append_printf (out, i > 0 ? ",%d" : "%d",
                            g_str_has_prefix (shape->dtype, "u") ? (int) data[i] : (int) (gint8) data[i]);
  g_string_append_c (out, ']');
}

/* The reply's JSON; in bench mode each vector depends on its position
 * alone (@by_position). */
static GBytes *
embeddings_render (const Shape *shape,
                   gboolean     by_position)
{
  g_autofree float *vector = g_new (float, shape->dimension);
  g_autofree char *id = mock_random_hex (32);
  GString *out = g_string_sized_new (shape->inputs->len * (shape->dimension * 13 + 64) + 256);
  guint tokens = 0;

  g_string_append_printf (out, "{\"id\":\"%s\",\"object\":\"list\",\"data\":[", id);
  for (guint i = 0; i < shape->inputs->len; i++)
    {
      const char *text = shape->inputs->pdata[i];
      g_autofree char *position = g_strdup_printf ("input %u", i);
      g_auto(GStrv) words = g_strsplit (text, " ", -1);

      tokens += MAX (g_strv_length (words), 1);
      embeddings_vector (by_position ? position : text, vector, shape->dimension);
      g_string_append_printf (out, "%s{\"object\":\"embedding\",\"embedding\":", i > 0 ? "," : "");
      embeddings_append_values (out, vector, shape->dimension, shape);
      g_string_append_printf (out, ",\"index\":%u}", i);
    }
  g_string_append_printf (out, "],\"model\":\"%s\",\"usage\":{\"prompt_tokens\":%u,\"total_tokens\":%u,"
                          "\"completion_tokens\":0,\"prompt_audio_seconds\":null}}",
                          shape->model, tokens, tokens);
  return g_string_free_to_bytes (out);
}

static void
embeddings_serve_bytes (MockServer        *self,
                        SoupServerMessage *msg,
                        GBytes            *body)
{
  MockReply *reply = mock_reply_new (SOUP_STATUS_OK);

  reply->content_type = g_strdup ("application/json");
  reply->body = g_bytes_ref (body);
  mock_serve_reply (self, msg, reply);
}

static void
embeddings_serve (MockServer        *self,
                  SoupServerMessage *msg,
                  JsonObject        *request)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
  JsonNode *input = json_object_get_member (request, "input");
  Shape shape = {
    .model = mock_object_get_string (request, "model"),
    .inputs = inputs,
    .dimension = (guint) CLAMP (mock_object_get_int (request, "output_dimension", DEFAULT_DIMENSION), 1, 65536),
    .dtype = mock_object_get_string (request, "output_dtype"),
    .base64 = g_strcmp0 (mock_object_get_string (request, "encoding_format"), "base64") == 0,
  };
  g_autoptr(GBytes) body = NULL;
  guint64 status;

  if (g_str_has_prefix (shape.model, "mock-error-") &&
      g_ascii_string_to_unsigned (shape.model + strlen ("mock-error-"), 10, 100, 599, &status, NULL))
    {
      mock_serve_reply (self, msg, mock_magic_error_reply (status, shape.model));
      return;
    }

  if (shape.dtype == NULL)
    shape.dtype = "float";
  if (JSON_NODE_HOLDS_ARRAY (input))
    {
      JsonArray *array = json_node_get_array (input);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (inputs, (gpointer) json_array_get_string_element (array, i));
    }
  else
    g_ptr_array_add (inputs, (gpointer) json_node_get_string (input));

  if (strcmp (shape.model, MOCK_BENCH_MODEL) == 0 || g_atomic_int_get (&self->bench_mode))
    {
      MockBenchCache *bench = &self->bench;
      g_autofree char *key = g_strdup_printf ("%u %u %s %d", inputs->len, shape.dimension, shape.dtype, shape.base64);

      if (g_strcmp0 (key, bench->embeddings_shape) != 0)
        {
          g_clear_pointer (&bench->embeddings, g_bytes_unref);
          bench->embeddings = embeddings_render (&shape, TRUE);
          g_free (bench->embeddings_shape);
          bench->embeddings_shape = g_steal_pointer (&key);
        }
      embeddings_serve_bytes (self, msg, bench->embeddings);
      return;
    }

  body = embeddings_render (&shape, FALSE);
  embeddings_serve_bytes (self, msg, body);
}

/* The embeddings area's endpoints (listed in mock_areas[], server.c). */
const MockEndpoint mock_embeddings_endpoints[] = {
  { "POST", EMBEDDINGS_PATH, embeddings_validate, embeddings_serve },
  { NULL }
};
