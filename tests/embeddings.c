// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* Embeddings over real HTTP against the local server: the request's exact
 * JSON, every field of the reply, float and base64 alike, each dtype, the
 * cosine similarity, each error, hostile bodies and cancellation; and the
 * fast reader of the vectors against json-glib's tree (private). */

#include <math.h>

#include <glib/gstdio.h>

#include <mistral-glib.h>

#include "mistral-embedding-response-private.h"
#include "mistral-embedding-scan-private.h"
#include "mock-server.h"
#include "test-utils.h"

typedef TestHttp Fixture;


/* Bodies may hold invalid UTF-8 on purpose: TAP output must not. */
static void
test_message_escaped (const char *text)
{
  g_autofree char *shown = g_strescape (text, NULL);

  g_test_message ("%s", shown);
}

static const char * const three_texts[] = { "the cat sat", "the cat sat on the mat", "stocks fell today", NULL };

static MistralEmbeddingResponse *
embed (Fixture                  *fixture,
       MistralEmbeddingRequest  *request,
       GError                  **error)
{
  return mistral_client_embeddings (fixture->client, request, NULL, error);
}

static MistralEmbedding *
embedding_at (MistralEmbeddingResponse *response,
              guint                     position)
{
  g_autoptr(MistralEmbedding) item = g_list_model_get_item (mistral_embedding_response_get_data (response), position);

  g_assert_true (MISTRAL_IS_EMBEDDING (item));
  return item;  /* kept alive by the list */
}

static void
assert_json (MistralEmbeddingRequest *request,
             const char              *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = mistral_embedding_request_to_json (request, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (json, ==, expected);
}

static void
assert_invalid (MistralEmbeddingRequest *request,
                const char              *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = mistral_embedding_request_to_json (request, &error);

  g_assert_null (json);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_request_json (void)
{
  const char *one[] = { "Hello", NULL };
  const char *none[] = { NULL };
  g_autoptr(MistralEmbeddingRequest) request = mistral_embedding_request_new ("mistral-embed", three_texts);
  guint notified = 0;
  gboolean is_set = TRUE;

  /* Nothing optional is sent until it is set. */
  assert_json (request, "{\"model\":\"mistral-embed\",\"input\":[\"the cat sat\",\"the cat sat on the mat\","
                        "\"stocks fell today\"]}");

  g_signal_connect_swapped (request, "notify", G_CALLBACK (count_notify), &notified);
  mistral_embedding_request_set_inputs (request, one);
  mistral_embedding_request_set_output_dimension (request, 256);
  mistral_embedding_request_set_output_dtype (request, MISTRAL_EMBEDDING_DTYPE_UBINARY);
  mistral_embedding_request_set_encoding_format (request, MISTRAL_ENCODING_FORMAT_BASE64);
  g_assert_cmpuint (notified, ==, 7);  /* inputs, then each value and its -set flag */
  assert_json (request, "{\"model\":\"mistral-embed\",\"input\":[\"Hello\"],\"output_dimension\":256,"
                        "\"output_dtype\":\"ubinary\",\"encoding_format\":\"base64\"}");

  /* Setting the same again notifies nothing. */
  mistral_embedding_request_set_output_dimension (request, 256);
  mistral_embedding_request_set_inputs (request, one);
  g_assert_cmpuint (notified, ==, 7);

  /* Each dtype and format by the API's name, the default ones too. */
  mistral_embedding_request_set_output_dtype (request, MISTRAL_EMBEDDING_DTYPE_INT8);
  mistral_embedding_request_set_encoding_format (request, MISTRAL_ENCODING_FORMAT_FLOAT);
  g_object_set (request, "output-dimension-set", FALSE, NULL);
  assert_json (request, "{\"model\":\"mistral-embed\",\"input\":[\"Hello\"],\"output_dtype\":\"int8\","
                        "\"encoding_format\":\"float\"}");
  mistral_embedding_request_set_output_dtype (request, MISTRAL_EMBEDDING_DTYPE_UINT8);
  assert_json (request, "{\"model\":\"mistral-embed\",\"input\":[\"Hello\"],\"output_dtype\":\"uint8\","
                        "\"encoding_format\":\"float\"}");
  mistral_embedding_request_set_output_dtype (request, MISTRAL_EMBEDDING_DTYPE_BINARY);
  g_object_set (request, "encoding-format-set", FALSE, NULL);
  assert_json (request, "{\"model\":\"mistral-embed\",\"input\":[\"Hello\"],\"output_dtype\":\"binary\"}");
  mistral_embedding_request_set_output_dtype (request, MISTRAL_EMBEDDING_DTYPE_FLOAT);
  assert_json (request, "{\"model\":\"mistral-embed\",\"input\":[\"Hello\"],\"output_dtype\":\"float\"}");
  g_object_set (request, "output-dtype-set", FALSE, NULL);
  g_object_get (request, "output-dtype-set", &is_set, NULL);
  g_assert_false (is_set);
  assert_json (request, "{\"model\":\"mistral-embed\",\"input\":[\"Hello\"]}");

  /* Properties, as bindings construct it. */
  g_clear_object (&request);
  request = g_object_new (MISTRAL_TYPE_EMBEDDING_REQUEST, "model", "m", "inputs", one,
                          "output-dimension", 8, NULL);
  g_object_get (request, "output-dimension-set", &is_set, NULL);
  g_assert_true (is_set);
  assert_json (request, "{\"model\":\"m\",\"input\":[\"Hello\"],\"output_dimension\":8}");

  /* What the API would refuse is refused before anything is sent. */
  mistral_embedding_request_set_output_dimension (request, 0);
  assert_invalid (request, "output-dimension is 0; it must be at least 1");
  mistral_embedding_request_set_output_dimension (request, -3);
  assert_invalid (request, "output-dimension is -3; it must be at least 1");
  mistral_embedding_request_set_output_dimension (request, 1);
  mistral_embedding_request_set_inputs (request, none);
  assert_invalid (request, "The request has no inputs");
  mistral_embedding_request_set_inputs (request, NULL);
  assert_invalid (request, "The request has no inputs");
  mistral_embedding_request_set_inputs (request, one);
  mistral_embedding_request_set_model (request, "");
  assert_invalid (request, "The request has no model");
  mistral_embedding_request_set_model (request, NULL);
  assert_invalid (request, "The request has no model");
}

static void
assert_unit_vector (MistralEmbedding *embedding,
                    guint             dimension)
{
  gsize n = 0;
  const float *vector = mistral_embedding_get_vector (embedding, &n);
  double norm = 0;

  g_assert_cmpuint (n, ==, dimension);
  g_assert_cmpuint (mistral_embedding_get_dimension (embedding), ==, dimension);
  for (gsize i = 0; i < n; i++)
    norm += (double) vector[i] * vector[i];
  g_assert_cmpfloat_with_epsilon (norm, 1.0, 1e-5);
}

static void
test_reply (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(MistralEmbeddingRequest) request = mistral_embedding_request_new ("mistral-embed", three_texts);
  g_autoptr(MistralEmbeddingResponse) response = NULL;
  g_autoptr(MockRequest) sent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  MistralUsageInfo *usage;
  MistralEmbeddingDtype dtype;
  guint index;

  response = embed (fixture, request, &error);
  g_assert_no_error (error);

  sent = mock_server_get_last_request (fixture->server);
  g_assert_cmpstr (sent->method, ==, "POST");
  g_assert_cmpstr (sent->path, ==, "/v1/embeddings");
  g_assert_cmpstr (mock_request_get_header (sent, "Authorization"), ==, "Bearer test-key");
  g_assert_cmpstr (mock_request_get_header (sent, "Content-Type"), ==, "application/json");
  body = mock_request_dup_body (sent);
  g_assert_cmpstr (body, ==, "{\"model\":\"mistral-embed\",\"input\":[\"the cat sat\",\"the cat sat on the mat\","
                             "\"stocks fell today\"]}");

  g_assert_cmpuint (strlen (mistral_embedding_response_get_id (response)), ==, 32);
  g_assert_cmpstr (mistral_embedding_response_get_model (response), ==, "mistral-embed");
  g_assert_cmpint (mistral_embedding_response_get_latency (response), >, 0);
  usage = mistral_embedding_response_get_usage (response);
  g_assert_cmpuint (mistral_usage_info_get_prompt_tokens (usage), ==, 3 + 6 + 3);
  g_assert_cmpuint (mistral_usage_info_get_total_tokens (usage), ==, 12);
  g_assert_cmpuint (mistral_usage_info_get_completion_tokens (usage), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_embedding_response_get_data (response)), ==, 3);
  g_assert_true (g_list_model_get_item_type (mistral_embedding_response_get_data (response)) == MISTRAL_TYPE_EMBEDDING);

  for (guint i = 0; i < 3; i++)
    {
      MistralEmbedding *embedding = embedding_at (response, i);

      g_assert_cmpuint (mistral_embedding_get_index (embedding), ==, i);
      g_object_get (embedding, "index", &index, "dtype", &dtype, NULL);
      g_assert_cmpuint (index, ==, i);
      g_assert_cmpint (dtype, ==, MISTRAL_EMBEDDING_DTYPE_FLOAT);
      g_assert_null (mistral_embedding_get_bytes (embedding));
      assert_unit_vector (embedding, 1024);
    }

  /* Texts that share words are nearer than texts that do not. */
  g_assert_cmpfloat (mistral_embedding_cosine_similarity (embedding_at (response, 0), embedding_at (response, 1)), >,
                     mistral_embedding_cosine_similarity (embedding_at (response, 0), embedding_at (response, 2)) + 0.3);
  g_assert_cmpfloat_with_epsilon (mistral_embedding_cosine_similarity (embedding_at (response, 2),
                                                                       embedding_at (response, 2)), 1.0, 1e-6);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(MistralEmbeddingRequest) request = mistral_embedding_request_new ("mistral-embed", three_texts);
  g_autoptr(MistralEmbeddingResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mistral_embedding_request_set_output_dimension (request, 64);
  mistral_client_embeddings_async (fixture->client, request, NULL, test_async_result_cb, &result);
  response = mistral_client_embeddings_finish (fixture->client, test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_embedding_response_get_data (response)), ==, 3);
  assert_unit_vector (embedding_at (response, 1), 64);
}

/* The same request, in float and in base64: the same values, each dtype. */
static void
test_encodings_agree (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct {
    MistralEmbeddingDtype dtype;
    guint dimension;      /* of output_dimension 64 */
    int min, max;
  } cases[] = {
    { MISTRAL_EMBEDDING_DTYPE_FLOAT, 64, -1, 1 },
    { MISTRAL_EMBEDDING_DTYPE_INT8, 64, -128, 127 },
    { MISTRAL_EMBEDDING_DTYPE_UINT8, 64, 0, 255 },
    { MISTRAL_EMBEDDING_DTYPE_BINARY, 8, -128, 127 },
    { MISTRAL_EMBEDDING_DTYPE_UBINARY, 8, 0, 255 },
  };

  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(MistralEmbeddingRequest) request = mistral_embedding_request_new ("mistral-embed", three_texts);
      g_autoptr(MistralEmbeddingResponse) as_numbers = NULL;
      g_autoptr(MistralEmbeddingResponse) as_base64 = NULL;
      g_autoptr(GError) error = NULL;

      mistral_embedding_request_set_output_dimension (request, 64);
      mistral_embedding_request_set_output_dtype (request, cases[c].dtype);
      as_numbers = embed (fixture, request, &error);
      g_assert_no_error (error);
      mistral_embedding_request_set_encoding_format (request, MISTRAL_ENCODING_FORMAT_BASE64);
      as_base64 = embed (fixture, request, &error);
      g_assert_no_error (error);

      for (guint i = 0; i < 3; i++)
        {
          MistralEmbedding *a = embedding_at (as_numbers, i);
          MistralEmbedding *b = embedding_at (as_base64, i);
          gsize n_a, n_b;
          const float *va = mistral_embedding_get_vector (a, &n_a);
          const float *vb = mistral_embedding_get_vector (b, &n_b);

          g_assert_cmpuint (n_a, ==, cases[c].dimension);
          g_assert_cmpmem (va, n_a * sizeof (float), vb, n_b * sizeof (float));
          g_assert_cmpint (mistral_embedding_get_dtype (b), ==, cases[c].dtype);
          for (gsize k = 0; k < n_a; k++)
            {
              g_assert_cmpfloat (va[k], >=, cases[c].min);
              g_assert_cmpfloat (va[k], <=, cases[c].max);
            }
          if (cases[c].dtype == MISTRAL_EMBEDDING_DTYPE_FLOAT)
            {
              g_assert_null (mistral_embedding_get_bytes (a));
              g_assert_null (mistral_embedding_get_bytes (b));
            }
          else
            {
              GBytes *bytes = mistral_embedding_get_bytes (a);
              const gint8 *signed_bytes = g_bytes_get_data (bytes, NULL);
              const guint8 *unsigned_bytes = g_bytes_get_data (bytes, NULL);
              gboolean is_signed = cases[c].min < 0;

              g_assert_true (g_bytes_equal (bytes, mistral_embedding_get_bytes (b)));
              g_assert_cmpuint (g_bytes_get_size (bytes), ==, n_a);
              for (gsize k = 0; k < n_a; k++)
                g_assert_cmpfloat (va[k], ==, is_signed ? signed_bytes[k] : unsigned_bytes[k]);
            }
        }
    }
}

/* A scripted reply of @body (as a float reply, or of @dtype). */
static MistralEmbeddingResponse *
embed_body (Fixture                *fixture,
            MistralEmbeddingDtype   dtype,
            const char             *body,
            GError                **error)
{
  g_autoptr(MistralEmbeddingRequest) request = mistral_embedding_request_new ("mistral-embed", three_texts);

  if (dtype != MISTRAL_EMBEDDING_DTYPE_FLOAT)
    mistral_embedding_request_set_output_dtype (request, dtype);
  mock_server_push_reply (fixture->server, test_reply_body (200, "application/json", body));
  return embed (fixture, request, error);
}

static void
test_cosine (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralEmbeddingResponse) response =
    embed_body (fixture, MISTRAL_EMBEDDING_DTYPE_FLOAT,
                "{\"data\":[{\"embedding\":[1,0],\"index\":0},{\"embedding\":[0,2],\"index\":1},"
                "{\"embedding\":[-3,0],\"index\":2},{\"embedding\":[0.5,0.5],\"index\":3},"
                "{\"embedding\":[0,0],\"index\":4},{\"embedding\":[1,0,0],\"index\":5},"
                "{\"embedding\":[],\"index\":6},{\"index\":7}]}", &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (mistral_embedding_cosine_similarity (embedding_at (response, 0), embedding_at (response, 0)), ==, 1.0);
  g_assert_cmpfloat (mistral_embedding_cosine_similarity (embedding_at (response, 0), embedding_at (response, 1)), ==, 0.0);
  g_assert_cmpfloat (mistral_embedding_cosine_similarity (embedding_at (response, 0), embedding_at (response, 2)), ==, -1.0);
  g_assert_cmpfloat_with_epsilon (mistral_embedding_cosine_similarity (embedding_at (response, 0),
                                                                       embedding_at (response, 3)), G_SQRT2 / 2, 1e-7);
  /* No angle with a zero vector, across dimensions, or with no vector. */
  g_assert_true (isnan (mistral_embedding_cosine_similarity (embedding_at (response, 0), embedding_at (response, 4))));
  g_assert_true (isnan (mistral_embedding_cosine_similarity (embedding_at (response, 4), embedding_at (response, 4))));
  g_assert_true (isnan (mistral_embedding_cosine_similarity (embedding_at (response, 0), embedding_at (response, 5))));
  g_assert_true (isnan (mistral_embedding_cosine_similarity (embedding_at (response, 6), embedding_at (response, 6))));
  g_assert_true (isnan (mistral_embedding_cosine_similarity (embedding_at (response, 7), embedding_at (response, 0))));
  g_assert_null (mistral_embedding_get_vector (embedding_at (response, 6), NULL));
  g_assert_cmpuint (mistral_embedding_get_dimension (embedding_at (response, 7)), ==, 0);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  static const struct {
    const char *model;
    int code;
    const char *message;
  } cases[] = {
    { "mock-error-400", MISTRAL_ERROR_INVALID_REQUEST, "Invalid model: mock-error-400" },
    { "mock-error-401", MISTRAL_ERROR_UNAUTHORIZED, "Unauthorized" },
    { "mock-error-403", MISTRAL_ERROR_FORBIDDEN, "Forbidden" },
    { "mock-error-404", MISTRAL_ERROR_NOT_FOUND, "Not Found" },
    { "mock-error-422", MISTRAL_ERROR_INVALID_REQUEST, "Extra inputs are not permitted (body.stream_options)" },
    { "mock-error-429", MISTRAL_ERROR_RATE_LIMITED, "Rate limit exceeded" },
    { "mock-error-500", MISTRAL_ERROR_SERVER, "Internal server error" },
    { "mock-error-503", MISTRAL_ERROR_SERVER, "Internal server error" },
  };
  g_autoptr(MistralEmbeddingRequest) request = mistral_embedding_request_new ("x", three_texts);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MistralEmbeddingResponse) response = NULL;

      mistral_embedding_request_set_model (request, cases[i].model);
      response = embed (fixture, request, &error);
      g_assert_null (response);
      g_assert_error (error, MISTRAL_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }

  /* The server's own validation, reached with a request the client does
   * not check: a dimension the model cannot give is still > 0 here. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MistralEmbeddingResponse) response = NULL;
    guint n = mock_server_get_n_requests (fixture->server);

    /* An invalid request is never sent. */
    mistral_embedding_request_set_model (request, "mistral-embed");
    mistral_embedding_request_set_output_dimension (request, 0);
    response = embed (fixture, request, &error);
    g_assert_null (response);
    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_REQUEST);
    g_assert_cmpuint (mock_server_get_n_requests (fixture->server), ==, n);
  }
}

/* Hostile bodies: each fails with a message naming what is wrong, or
 * reads as said, never crashes. */
static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct {
    MistralEmbeddingDtype dtype;
    const char *body;
    const char *message;   /* NULL: read, with @dimension values in the first item */
    guint dimension;
  } cases[] = {
    { 0, "[]", "the response is a list, expected an object" },
    { 0, "\"text\"", "the response is a string, expected an object" },
    { 0, "{\"data\":{}}", "data is an object, expected a list" },
    { 0, "{\"data\":\"x\"}", "data is a string, expected a list" },
    { 0, "{\"data\":[1]}", "data[0] is a number, expected an object" },
    { 0, "{\"data\":[null]}", "data[0] is null, expected an object" },
    { 0, "{\"id\":5,\"data\":[]}", "id is a number, expected a string" },
    { 0, "{\"model\":[],\"data\":[]}", "model is a list, expected a string" },
    { 0, "{\"usage\":[],\"data\":[]}", "usage is a list, expected an object" },
    { 0, "{\"usage\":{\"prompt_tokens\":-1},\"data\":[]}", "usage.prompt_tokens is -1, out of range" },
    { 0, "{\"data\":[{\"index\":\"0\"}]}", "data[0].index is a string, expected an integer" },
    { 0, "{\"data\":[{\"index\":-1}]}", "data[0].index is out of range" },
    { 0, "{\"data\":[{\"embedding\":{}}]}", "data[0].embedding is an object, expected a list of numbers or base64 text" },
    { 0, "{\"data\":[{\"embedding\":true}]}", "data[0].embedding is a boolean, expected a list of numbers or base64 text" },
    { 0, "{\"data\":[{\"embedding\":[1,\"2\"]}]}", "data[0].embedding[1] is a string, expected a number" },
    { 0, "{\"data\":[{\"embedding\":[\"NaN\"]}]}", "data[0].embedding[0] is a string, expected a number" },
    { 0, "{\"data\":[{\"embedding\":[\"Infinity\",1]}]}", "data[0].embedding[0] is a string, expected a number" },
    { 0, "{\"data\":[{\"embedding\":[[1]]}]}", "data[0].embedding[0] is a list, expected a number" },
    { 0, "{\"data\":[{\"embedding\":[null]}]}", "data[0].embedding[0] is null, expected a number" },
    { 0, "{\"data\":[{\"embedding\":[1e999]}]}", "data[0].embedding[0] is out of the range of a float" },
    { 0, "{\"data\":[{\"embedding\":[0,-1e39]}]}", "data[0].embedding[1] is out of the range of a float" },
    { 0, "{\"data\":[{\"embedding\":[NaN]}]}", "not JSON" },
    { 0, "{\"data\":[{\"embedding\":[Infinity]}]}", "not JSON" },
    { 0, "{\"data\":[{\"embedding\":[1,]}]}", "not JSON" },
    { 0, "{\"data\":[{\"embedding\":[1,2]}]", "not JSON" },
    { 0, "{\"data\":[{\"embedding\":[1,2]}]}{}", "not one value" },
    { 0, "{\"data\":[{\"embedding\":\"AAA\"}]}", "data[0].embedding is not valid base64" },
    { 0, "{\"data\":[{\"embedding\":\"AA=A\"}]}", "data[0].embedding is not valid base64" },
    { 0, "{\"data\":[{\"embedding\":\"A===\"}]}", "data[0].embedding is not valid base64" },
    { 0, "{\"data\":[{\"embedding\":\"AAB=\"}]}", "data[0].embedding is not valid base64" },
    { 0, "{\"data\":[{\"embedding\":\"AA\\nAA\"}]}", "data[0].embedding is not valid base64" },
    { 0, "{\"data\":[{\"embedding\":\"AAA=\"}]}", "data[0].embedding holds 2 bytes, not a whole number of floats" },
    { 0, "{\"data\":[{\"embedding\":\"AACAfw==\"}]}", "data[0].embedding[0] is not a finite number" },
    { 0, "{\"data\":[{\"embedding\":\"AADAfw==\"}]}", "data[0].embedding[0] is not a finite number" },
    { MISTRAL_EMBEDDING_DTYPE_INT8, "{\"data\":[{\"embedding\":[1,128]}]}", "data[0].embedding[1] is 128, not a signed byte" },
    { MISTRAL_EMBEDDING_DTYPE_INT8, "{\"data\":[{\"embedding\":[1.5]}]}", "data[0].embedding[0] is 1.5, not a signed byte" },
    { MISTRAL_EMBEDDING_DTYPE_UINT8, "{\"data\":[{\"embedding\":[-1]}]}", "data[0].embedding[0] is -1, not an unsigned byte" },
    { MISTRAL_EMBEDDING_DTYPE_UBINARY, "{\"data\":[{\"embedding\":[256]}]}", "data[0].embedding[0] is 256, not an unsigned byte" },
    /* Read as said */
    { 0, "{\"data\":[]}", NULL, G_MAXUINT },
    { 0, "{\"data\":null}", NULL, G_MAXUINT },
    { 0, "{}", NULL, G_MAXUINT },
    { 0, "{\"data\":[{\"embedding\":[]}]}", NULL, 0 },
    { 0, "{\"data\":[{\"embedding\":\"\"}]}", NULL, 0 },
    { 0, "{\"data\":[{\"embedding\":null}]}", NULL, 0 },
    { 0, "{\"data\":[{\"embedding\":[1,2],\"extra\":{\"x\":[1,{}]}}],\"more\":[true,false,null]}", NULL, 2 },
    { 0, " {\"data\" : [ { \"embedding\" : [ 1 , -2.5e-3 , 0 ] } ] } \n", NULL, 3 },
    { 0, "{\"data\":[{\"embedding\":[1],\"embedding\":[2,3]}]}", NULL, 2 },
    { 0, "{\"d\\u0061ta\":[{\"embedding\":[1,2,3,4]}]}", NULL, 4 },
    { 0, "{\"data\":[{\"embedding\":[1e-50,-0.0,3.4028234e38]}]}", NULL, 3 },
    { 0, "{\"data\":[{\"embedding\":\"AACAPw==\"}]}", NULL, 1 },
    { MISTRAL_EMBEDDING_DTYPE_INT8, "{\"data\":[{\"embedding\":[-128,127,0.0]}]}", NULL, 3 },
    { MISTRAL_EMBEDDING_DTYPE_INT8, "{\"data\":[{\"embedding\":\"gH8A\"}]}", NULL, 3 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MistralEmbeddingResponse) response = embed_body (fixture, cases[i].dtype, cases[i].body, &error);

      test_message_escaped (cases[i].body);
      if (cases[i].message != NULL)
        {
          g_assert_null (response);
          g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
          if (strstr (error->message, cases[i].message) == NULL)
            g_error ("%s: “%s” does not say “%s”", cases[i].body, error->message, cases[i].message);
          continue;
        }
      g_assert_no_error (error);
      if (cases[i].dimension == G_MAXUINT)
        g_assert_cmpuint (g_list_model_get_n_items (mistral_embedding_response_get_data (response)), ==, 0);
      else
        g_assert_cmpuint (mistral_embedding_get_dimension (embedding_at (response, 0)), ==, cases[i].dimension);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MistralEmbeddingResponse) response = embed_body (fixture, 0, "", &error);

    g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
    g_assert_cmpstr (error->message, ==, "Invalid response: the body is empty");
  }
}

/* A million numbers in one vector, and ten thousand empty vectors. */
static void
test_huge (Fixture       *fixture,
           gconstpointer  data)
{
  GString *body = g_string_new ("{\"data\":[{\"embedding\":[");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralEmbeddingResponse) response = NULL;
  const float *vector;
  gsize n;

  for (guint i = 0; i < 1000000; i++)
    g_string_append_printf (body, i > 0 ? ",%u.5" : "%u.5", i % 1000);
  g_string_append (body, "],\"index\":0}]}");
  text = g_string_free (body, FALSE);
  response = embed_body (fixture, 0, text, &error);
  g_assert_no_error (error);
  vector = mistral_embedding_get_vector (embedding_at (response, 0), &n);
  g_assert_cmpuint (n, ==, 1000000);
  g_assert_cmpfloat (vector[999999], ==, 999.5f);
  g_clear_object (&response);
  g_clear_pointer (&text, g_free);

  body = g_string_new ("{\"data\":[");
  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (body, "%s{\"embedding\":[],\"index\":%u}", i > 0 ? "," : "", i);
  g_string_append (body, "]}");
  text = g_string_free (body, FALSE);
  response = embed_body (fixture, 0, text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mistral_embedding_response_get_data (response)), ==, 10000);
  g_assert_cmpuint (mistral_embedding_get_index (embedding_at (response, 9999)), ==, 9999);
}

/* The body is read as it arrives, never held: a reply of 36 MB (more
 * than the 32 MiB a body read whole may have) is read. With a cache,
 * which stores the body, it is held whole, and refused at 32 MiB. */
static void
test_streamed (Fixture       *fixture,
               gconstpointer  data)
{
  GString *body = g_string_new ("{\"id\":\"big\",\"data\":[");
  g_autoptr(GString) numbers = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GFile) directory = NULL;
  g_autoptr(MistralFileCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralEmbeddingResponse) response = NULL;
  const float *vector;
  gsize n;

  /* One vector's text, made once (few allocations: ASan's slow unwinder). */
  for (guint k = 0; k < 1024; k++)
    g_string_append_printf (numbers, k > 0 ? ",%u.0625" : "%u.0625", k % 1000);
  for (guint i = 0; i < 4000; i++)
    {
      g_string_append_printf (body, "%s{\"object\":\"embedding\",\"embedding\":[", i > 0 ? "," : "");
      g_string_append_len (body, numbers->str, numbers->len);
      g_string_append_printf (body, "],\"index\":%u}", i);
    }
  g_string_append (body, "],\"model\":\"mistral-embed\"}");
  g_assert_cmpuint (body->len, >, 36 * 1000 * 1000);
  text = g_string_free (body, FALSE);

  response = embed_body (fixture, 0, text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mistral_embedding_response_get_id (response), ==, "big");
  g_assert_cmpuint (g_list_model_get_n_items (mistral_embedding_response_get_data (response)), ==, 4000);
  vector = mistral_embedding_get_vector (embedding_at (response, 3999), &n);
  g_assert_cmpuint (n, ==, 1024);
  g_assert_cmpfloat (vector[1023], ==, 23.0625f);
  g_clear_object (&response);

  dir = g_dir_make_tmp ("mistral-embeddings-XXXXXX", &error);
  g_assert_no_error (error);
  directory = g_file_new_for_path (dir);
  cache = mistral_file_cache_new (directory);
  mistral_client_set_cache (fixture->client, MISTRAL_CACHE (cache));
  response = embed_body (fixture, 0, text, &error);
  g_assert_null (response);
  g_assert_error (error, MISTRAL_ERROR, MISTRAL_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "larger than 32 MiB"));
  mistral_client_set_cache (fixture->client, NULL);
  g_rmdir (dir);
}

/* The fast reader takes the plain shape, leaves the rest to the tree, and
 * reads exactly what the tree reads. */
static void
test_scan_agrees (void)
{
  static const struct {
    const char *body;
    gboolean scanned;
  } cases[] = {
    { "{\"data\":[{\"embedding\":[0.1,-0.016632080078125,1e-3,3,-0,-0.0,123456789012345678,"
      "0.30000000000000004,1.0000000000000000000001,7e22,7e-23,4.9e-324,1e38]}]}", TRUE },
    { "{\"id\":\"x\",\"data\":[{\"embedding\":\"AACAPwAAAMA=\",\"index\":0},{\"embedding\":[2]}]}", TRUE },
    { "{\"data\":[{\"embedding\":[12345678901234567890]}]}", FALSE },   /* json-glib's own reading */
    { "{\"data\":[{\"embedding\":[1],\"embedding\":[2]}]}", FALSE },
    { "{\"data\":[],\"data\":[{\"embedding\":[2]}]}", FALSE },
    { "{\"d\\u0061ta\":[{\"embedding\":[2]}]}", FALSE },
    { "{\"data\":[{\"embedding\":[01]}]}", FALSE },
    { "{\"data\":[{\"embedding\":[.5]}]}", FALSE },
    { "{'data':[{\"embedding\":[1]}]}", FALSE },
    { "{\"data\":[{\"embedding\":[1]}]/* c */}", FALSE },
    { "\xEF\xBB\xBF{\"data\":[{\"embedding\":[1]}]}", FALSE },
    { "{\"data\":[{\"embedding\":\"AACA\\u0050w==\"}]}", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MistralEmbeddingScan) scan = mistral_embedding_scan (cases[i].body, strlen (cases[i].body));
      g_autoptr(MistralEmbeddingResponse) fast = NULL;
      g_autoptr(MistralEmbeddingResponse) tree = NULL;
      g_autoptr(GError) fast_error = NULL;
      g_autoptr(GError) tree_error = NULL;
      GListModel *fast_data, *tree_data;

      test_message_escaped (cases[i].body);
      g_assert_true ((scan != NULL) == cases[i].scanned);
      fast = mistral_embedding_response_new_from_body (cases[i].body, strlen (cases[i].body),
                                                       MISTRAL_EMBEDDING_DTYPE_FLOAT, 0, TRUE, &fast_error);
      tree = mistral_embedding_response_new_from_body (cases[i].body, strlen (cases[i].body),
                                                       MISTRAL_EMBEDDING_DTYPE_FLOAT, 0, FALSE, &tree_error);
      g_assert_no_error (fast_error);
      g_assert_no_error (tree_error);
      fast_data = mistral_embedding_response_get_data (fast);
      tree_data = mistral_embedding_response_get_data (tree);
      g_assert_cmpuint (g_list_model_get_n_items (fast_data), ==, g_list_model_get_n_items (tree_data));
      for (guint k = 0; k < g_list_model_get_n_items (fast_data); k++)
        {
          g_autoptr(MistralEmbedding) a = g_list_model_get_item (fast_data, k);
          g_autoptr(MistralEmbedding) b = g_list_model_get_item (tree_data, k);
          gsize n_a, n_b;
          const float *va = mistral_embedding_get_vector (a, &n_a);
          const float *vb = mistral_embedding_get_vector (b, &n_b);

          g_assert_cmpmem (va, n_a * sizeof (float), vb, n_b * sizeof (float));
        }
    }
}

/* Reads @body as the client does, handed over in pieces (of @piece bytes,
 * or of sizes drawn from @rand when @piece is 0). */
static MistralEmbeddingResponse *
read_in_pieces (const char  *body,
                gsize        length,
                gsize        piece,
                GRand       *rand,
                GError     **error)
{
  g_autoptr(MistralEmbeddingReader) reader = mistral_embedding_reader_new ();

  for (gsize offset = 0; offset < length;)
    {
      gsize size = piece > 0 ? piece : (gsize) g_rand_int_range (rand, 1, 64);
      /* Each piece in its own allocation, so that ASan sees any read past it. */
      g_autofree char *copy = g_memdup2 (body + offset, MIN (size, length - offset));

      mistral_embedding_reader_feed (reader, copy, MIN (size, length - offset), FALSE);
      offset += MIN (size, length - offset);
    }
  return mistral_embedding_response_new_from_reader (reader, MISTRAL_EMBEDDING_DTYPE_FLOAT, 0, error);
}

static void
assert_same_response (MistralEmbeddingResponse *a,
                      const GError             *a_error,
                      MistralEmbeddingResponse *b,
                      const GError             *b_error)
{
  GListModel *data_a, *data_b;

  g_assert_true ((a == NULL) == (b == NULL));
  if (a == NULL)
    {
      g_assert_cmpstr (a_error->message, ==, b_error->message);
      g_assert_true (g_error_matches (a_error, b_error->domain, b_error->code));
      return;
    }
  g_assert_cmpstr (mistral_embedding_response_get_id (a), ==, mistral_embedding_response_get_id (b));
  g_assert_cmpstr (mistral_embedding_response_get_model (a), ==, mistral_embedding_response_get_model (b));
  data_a = mistral_embedding_response_get_data (a);
  data_b = mistral_embedding_response_get_data (b);
  g_assert_cmpuint (g_list_model_get_n_items (data_a), ==, g_list_model_get_n_items (data_b));
  for (guint k = 0; k < g_list_model_get_n_items (data_a); k++)
    {
      g_autoptr(MistralEmbedding) x = g_list_model_get_item (data_a, k);
      g_autoptr(MistralEmbedding) y = g_list_model_get_item (data_b, k);
      gsize n_x, n_y;
      const float *vx = mistral_embedding_get_vector (x, &n_x);
      const float *vy = mistral_embedding_get_vector (y, &n_y);

      g_assert_cmpint (mistral_embedding_get_index (x), ==, mistral_embedding_get_index (y));
      g_assert_cmpmem (vx, n_x * sizeof (float), vy, n_y * sizeof (float));
    }
}

/* The body read as it arrives, in pieces that end anywhere (inside a
 * number, a string, an escape, a UTF-8 sequence, base64), reads as the
 * whole body does: the same values, or the same error, word for word,
 * also when the fast path gives up after vectors it read (the body is
 * then written back, in the same lines and columns, for json-glib). */
static void
test_scan_pieces (void)
{
  const char *bodies[] = {
    "{\"id\":\"e-1\",\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"embedding\":[0.1,-0.016632080078125,"
    "1e-3,3,-0,-0.0,123456789012345678,0.30000000000000004,1.0000000000000000000001,7e22,7e-23,4.9e-324,1e38],"
    "\"index\":0},{\"embedding\":\"AACAPwAAAMA=\",\"index\":1}],\"model\":\"mistral-embed\","
    "\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}  \n",
    "{ \"data\" : [ ] , \"x\" : [ 1 , { \"y\" : \"\\u00e9\\\"\xc3\xa9\" } ] }",
    "{\"data\":[{\"embedding\":[1,2]},{\"embedding\":[12345678901234567890]}]}",   /* gives up after a vector */
    "{\"data\":[{\"embedding\":[1,2]},{\"embedding\":[1],\"embedding\":[2]}]}",
    "{\"data\":[{\"embedding\":[1,2]}],\"data\":[{\"embedding\":[2]}]}",
    "{\"data\":[{\"embedding\":[1.5e3 ,\n 15e9,\t-0.0, 1E-7 ]},{\"embedding\":[.5]}]}",
    "{\"data\":[{\"embedding\":[1.5, 2.25]}, {\"embedding\":[3]}, oops]}",
    "{\"data\":[{\"embedding\":[1.5,\n  2.25\n ]}, {\"embedding\":[3]}]\n, oops}",
    "{\"data\":[{\"embedding\":\"AACAPwAAAMA=\"},{\"embedding\":\"AACA\\u0050w==\"}]}",
    "{\"data\":[{\"embedding\":[1]}]} trailing",
    "{\"data\":[{\"embedding\":[1]}]",
    "{\"data\":[{\"embedding\":[1e39]}]}",
    "{\"data\":[{\"embedding\":[1,\"a\"]}]}",
    "{\"data\":[{\"embedding\":[1]}],\"model\":\"\xff\"}",
    "[]",
    "",
    " ",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      gsize length = strlen (bodies[i]);
      g_autoptr(MistralEmbeddingResponse) whole = NULL;
      g_autoptr(GError) whole_error = NULL;

      test_message_escaped (bodies[i]);
      whole = mistral_embedding_response_new_from_body (bodies[i], length, MISTRAL_EMBEDDING_DTYPE_FLOAT, 0,
                                                        TRUE, &whole_error);
      /* Every size up to 12 bytes (each boundary of a short token), a few
       * larger ones, random sizes (0), and the whole body at once. */
      for (gsize piece = 0; piece <= 12 + 3; piece++)
        for (int round = 0; round < (piece == 0 ? 20 : 1); round++)
          {
            g_autoptr(MistralEmbeddingResponse) pieces = NULL;
            g_autoptr(GError) pieces_error = NULL;

            pieces = read_in_pieces (bodies[i], length,
                                     piece <= 12 ? piece : piece == 13 ? 31 : piece == 14 ? 64 : MAX (length, 1),
                                     rand, &pieces_error);
            assert_same_response (pieces, pieces_error, whole, whole_error);
          }
    }
}

/* Bodies the fast path reads whose reading then fails: json-glib reads
 * the items one at a time, and the error is the one the tree of the
 * whole body gives, word for word (bad UTF-8 anywhere is named before a
 * wrong type in the root), whether read whole or in pieces. */
static void
test_scan_errors (void)
{
  const char *bodies[] = {
    "{\"id\":5,\"data\":[{\"embedding\":[1]},{\"embedding\":[1],\"x\":\"\xff\"}]}",
    "{\"id\":5,\"data\":[{\"embedding\":[1]}]}",
    "{\"data\":[{\"embedding\":[1]},{\"embedding\":[2],\"index\":\"a\"}],\"model\":[]}",
    "{\"data\":[{\"embedding\":[1]},{\"embedding\":[2],\"index\":\"a\"}]}",
    "{\"data\":[{\"embedding\":[1]},{\"embedding\":[2],\"x\":\"\\ud800\"}],\"usage\":7}",
    "{\"data\":[{\"embedding\":[1]},{\"embedding\":[2]}],\"usage\":{\"prompt_tokens\":\"x\"}}",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      gsize length = strlen (bodies[i]);
      g_autoptr(MistralEmbeddingScan) scan = mistral_embedding_scan (bodies[i], length);
      g_autoptr(MistralEmbeddingResponse) fast = NULL;
      g_autoptr(MistralEmbeddingResponse) tree = NULL;
      g_autoptr(GError) fast_error = NULL;
      g_autoptr(GError) tree_error = NULL;

      test_message_escaped (bodies[i]);
      g_assert_nonnull (scan);
      fast = mistral_embedding_response_new_from_body (bodies[i], length, MISTRAL_EMBEDDING_DTYPE_FLOAT, 0,
                                                       TRUE, &fast_error);
      tree = mistral_embedding_response_new_from_body (bodies[i], length, MISTRAL_EMBEDDING_DTYPE_FLOAT, 0,
                                                       FALSE, &tree_error);
      g_assert_null (fast);
      g_assert_null (tree);
      test_message_escaped (tree_error->message);
      assert_same_response (fast, fast_error, tree, tree_error);
      for (int round = 0; round < 10; round++)
        {
          g_autoptr(MistralEmbeddingResponse) pieces = NULL;
          g_autoptr(GError) pieces_error = NULL;

          pieces = read_in_pieces (bodies[i], length, 0, rand, &pieces_error);
          assert_same_response (pieces, pieces_error, tree, tree_error);
        }
    }
}

/* A step of the reply longer than the reader holds (a member of 2 MiB)
 * makes it keep the body whole, which then reads as a whole body. */
static void
test_scan_pieces_long (void)
{
  g_autoptr(GString) body = g_string_new ("{\"data\":[{\"embedding\":[0.5,-2]}],\"note\":[");
  g_autoptr(MistralEmbeddingResponse) whole = NULL;
  g_autoptr(MistralEmbeddingResponse) pieces = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 2048; i++)
    {
      g_string_append_c (body, '"');
      for (int k = 0; k < 1024; k++)
        g_string_append_c (body, 'a' + k % 26);
      g_string_append (body, "\",");
    }
  g_string_append (body, "0],\"data\":[{\"embedding\":[1]}]}");

  whole = mistral_embedding_response_new_from_body (body->str, body->len, MISTRAL_EMBEDDING_DTYPE_FLOAT, 0,
                                                    TRUE, &error);
  g_assert_no_error (error);
  pieces = read_in_pieces (body->str, body->len, 64 * 1024, NULL, &error);
  g_assert_no_error (error);
  assert_same_response (pieces, NULL, whole, NULL);

  /* Without the second `data`: the same, the body read whole by the fast path. */
  g_string_truncate (body, body->len - strlen (",\"data\":[{\"embedding\":[1]}]}"));
  g_string_append (body, "}");
  g_clear_object (&whole);
  g_clear_object (&pieces);
  whole = mistral_embedding_response_new_from_body (body->str, body->len, MISTRAL_EMBEDDING_DTYPE_FLOAT, 0,
                                                    TRUE, &error);
  g_assert_no_error (error);
  pieces = read_in_pieces (body->str, body->len, 64 * 1024, NULL, &error);
  g_assert_no_error (error);
  assert_same_response (pieces, NULL, whole, NULL);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(MistralEmbeddingRequest) request = mistral_embedding_request_new ("mistral-embed", three_texts);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MistralEmbeddingResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MockReply *reply = mock_reply_new_json (200, "{\"data\":[]}");
  gint64 start = g_get_monotonic_time ();

  mock_reply_set_delay_ms (reply, 5000);
  mock_server_push_reply (fixture->server, reply);
  g_timeout_add (100, test_cancel_cb, cancellable);
  mistral_client_embeddings_async (fixture->client, request, cancellable, test_async_result_cb, &result);
  response = mistral_client_embeddings_finish (fixture->client, test_wait_result (&result), &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_clear_error (&error);

  /* Cancelled before it starts: nothing is sent. */
  mock_server_clear_replies (fixture->server);
  mock_server_clear_requests (fixture->server);
  response = mistral_client_embeddings (fixture->client, request, cancellable, &error);
  g_assert_null (response);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/embeddings/request/json", test_request_json);
  TEST_ADD_HTTP ("/embeddings/reply", test_reply);
  TEST_ADD_HTTP ("/embeddings/async", test_async);
  TEST_ADD_HTTP ("/embeddings/encodings-agree", test_encodings_agree);
  TEST_ADD_HTTP ("/embeddings/cosine", test_cosine);
  TEST_ADD_HTTP ("/embeddings/errors", test_errors);
  TEST_ADD_HTTP ("/embeddings/hostile", test_hostile);
  TEST_ADD_HTTP ("/embeddings/huge", test_huge);
  TEST_ADD_HTTP ("/embeddings/streamed", test_streamed);
  TEST_ADD_HTTP ("/embeddings/cancel", test_cancel);
  g_test_add_func ("/embeddings/scan/agrees", test_scan_agrees);
  g_test_add_func ("/embeddings/scan/pieces", test_scan_pieces);
  g_test_add_func ("/embeddings/scan/pieces-long", test_scan_pieces_long);
  g_test_add_func ("/embeddings/scan/errors", test_scan_errors);

  return g_test_run ();
}
