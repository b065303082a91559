// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* An embeddings reply body, read by the reader's paths: the scan of the
 * vectors beside json-glib's tree, the same scan of the body handed over
 * in pieces of random sizes (as the client reads it as it arrives) and
 * the tree alone (the fallback). All must give the same verdict, and on
 * success the same embeddings, value for value; the whole body and the
 * pieces the same error, word for word. The dtype the request
 * would have asked for is taken from the input's length, so that the
 * seeds stay plain JSON. */

#include <math.h>
#include <string.h>

#include <mistral-glib.h>

#include "fuzz-common.h"
#include "mistral-embedding-response-private.h"
#include "mistral-embedding-scan-private.h"

/* The body in pieces of 1 to 64 bytes, drawn from a seed the input
 * makes, each in its own allocation so that ASan sees a read past it. */
static MistralEmbeddingResponse *
read_in_pieces (const uint8_t          *data,
                size_t                  size,
                MistralEmbeddingDtype   dtype,
                GError                **error)
{
  g_autoptr(MistralEmbeddingReader) reader = mistral_embedding_reader_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (size * 31 + (size > 0 ? data[size / 2] : 0));

  for (size_t offset = 0; offset < size;)
    {
      size_t drawn = (size_t) g_rand_int_range (rand, 1, 65);
      size_t piece = MIN (drawn, size - offset);
      g_autofree char *copy = g_memdup2 (data + offset, piece);

      mistral_embedding_reader_feed (reader, copy, piece, FALSE);
      offset += piece;
    }
  return mistral_embedding_response_new_from_reader (reader, dtype, 0, error);
}

static void
check_same (MistralEmbeddingResponse *a,
            MistralEmbeddingResponse *b)
{
  GListModel *data_a = mistral_embedding_response_get_data (a);
  GListModel *data_b = mistral_embedding_response_get_data (b);
  guint n = g_list_model_get_n_items (data_a);

  FUZZ_CHECK (g_strcmp0 (mistral_embedding_response_get_id (a), mistral_embedding_response_get_id (b)) == 0);
  FUZZ_CHECK (g_strcmp0 (mistral_embedding_response_get_model (a), mistral_embedding_response_get_model (b)) == 0);
  FUZZ_CHECK ((mistral_embedding_response_get_usage (a) == NULL) == (mistral_embedding_response_get_usage (b) == NULL));
  FUZZ_CHECK (n == g_list_model_get_n_items (data_b));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MistralEmbedding) x = g_list_model_get_item (data_a, i);
      g_autoptr(MistralEmbedding) y = g_list_model_get_item (data_b, i);
      gsize n_x, n_y;
      const float *vx = mistral_embedding_get_vector (x, &n_x);
      const float *vy = mistral_embedding_get_vector (y, &n_y);
      GBytes *bx = mistral_embedding_get_bytes (x);
      GBytes *by = mistral_embedding_get_bytes (y);
      double cosine = mistral_embedding_cosine_similarity (x, y);

      FUZZ_CHECK (mistral_embedding_get_index (x) == mistral_embedding_get_index (y));
      FUZZ_CHECK (mistral_embedding_get_dtype (x) == mistral_embedding_get_dtype (y));
      FUZZ_CHECK (n_x == n_y && n_x == mistral_embedding_get_dimension (x));
      FUZZ_CHECK (n_x == 0 || memcmp (vx, vy, n_x * sizeof (float)) == 0);
      FUZZ_CHECK ((bx == NULL) == (by == NULL));
      FUZZ_CHECK (bx == NULL || g_bytes_equal (bx, by));
      FUZZ_CHECK (isnan (cosine) || (cosine >= -1 && cosine <= 1));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* Exactly @size bytes, not NUL-terminated, as the client passes a body,
   * so that ASan sees any read past the end; never NULL. */
  g_autofree char *copy = memcpy (g_malloc (MAX (size, 1)), data, size);
  MistralEmbeddingDtype dtype = size % 5;
  g_autoptr(MistralEmbeddingResponse) fast = NULL;
  g_autoptr(MistralEmbeddingResponse) tree = NULL;
  g_autoptr(MistralEmbeddingResponse) pieces = NULL;
  g_autoptr(GError) fast_error = NULL;
  g_autoptr(GError) tree_error = NULL;
  g_autoptr(GError) pieces_error = NULL;

  fast = mistral_embedding_response_new_from_body (copy, size, dtype, 0, TRUE, &fast_error);
  fuzz_check_outcome (fast, fast_error, -1);
  tree = mistral_embedding_response_new_from_body (copy, size, dtype, 0, FALSE, &tree_error);
  fuzz_check_outcome (tree, tree_error, -1);

  pieces = read_in_pieces (data, size, dtype, &pieces_error);
  fuzz_check_outcome (pieces, pieces_error, -1);

  FUZZ_CHECK ((fast != NULL) == (tree != NULL));
  FUZZ_CHECK ((fast != NULL) == (pieces != NULL));
  if (fast == NULL)
    {
      FUZZ_CHECK (g_strcmp0 (fast_error->message, pieces_error->message) == 0);
      return 0;
    }

  check_same (fast, tree);
  check_same (fast, pieces);
  fuzz_walk_object (G_OBJECT (fast));
  return 0;
}
