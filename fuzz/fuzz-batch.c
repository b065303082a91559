// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors

/* The batch readers on any bytes: the whole input as a job reply (read,
 * then read again into the same object, which must notify nothing the
 * second time), and each of its lines as a line of a results file, for
 * every endpoint whose replies are typed: a line always gives a result,
 * which holds a reply or an error (with its raw text), never both. */

#include <string.h>

#include <mistral-glib.h>

#include "fuzz-common.h"
#include "mistral-batch-job-private.h"
#include "mistral-batch-result-private.h"
#include "mistral-json-private.h"

static const char * const endpoints[] = {
  "/v1/chat/completions", "/v1/embeddings", "/v1/moderations", "/v1/classifications", "/v1/ocr", NULL,
};

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
check_job (JsonNode *node)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MistralBatchJob) job = mistral_batch_job_read_reply (node, NULL, &error);
  guint n_notify = 0;

  fuzz_check_outcome (job, error, -1);
  if (job == NULL)
    return;
  fuzz_walk_object (G_OBJECT (job));
  FUZZ_CHECK (mistral_batch_job_get_id (job) != NULL);
  FUZZ_CHECK (mistral_batch_job_get_input_files (job) != NULL);
  FUZZ_CHECK (g_list_model_get_item_type (mistral_batch_job_get_errors (job)) == MISTRAL_TYPE_BATCH_ERROR);
  for (guint i = 0; i < g_list_model_get_n_items (mistral_batch_job_get_errors (job)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (mistral_batch_job_get_errors (job), i);

      fuzz_walk_object (item);
    }

  g_signal_connect (job, "notify", G_CALLBACK (count_notify), &n_notify);
  FUZZ_CHECK (mistral_batch_job_update_from_json_node (job, node, NULL));
  FUZZ_CHECK (n_notify == 0);
}

static void
check_line (const char *line,
            gsize       length,
            guint       number)
{
  for (guint e = 0; e < G_N_ELEMENTS (endpoints); e++)
    {
      g_autoptr(MistralBatchResult) result = mistral_batch_result_read_line (endpoints[e], line, length, number);
      const GError *error;

      FUZZ_CHECK (result != NULL);
      fuzz_walk_object (G_OBJECT (result));
      error = mistral_batch_result_get_error (result);
      FUZZ_CHECK ((error == NULL) != (mistral_batch_result_get_response (result) == NULL));
      FUZZ_CHECK (error == NULL || mistral_batch_result_get_raw (result) != NULL);
      FUZZ_CHECK (mistral_batch_result_get_line (result) == number);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  /* Exactly @size bytes, not NUL-terminated, as the client passes a body. */
  g_autofree char *copy = memcpy (g_malloc (MAX (size, 1)), data, size);
  const char *start = copy, *end = copy + size;
  guint number = 0;

  node = mistral_json_parse (copy, size, &error);
  fuzz_check_outcome (node, error, -1);
  if (node != NULL)
    check_job (node);

  /* Lines as the results reader cuts them: at LF, a CR before it dropped. */
  while (start < end)
    {
      const char *newline = memchr (start, '\n', end - start);
      const char *stop = newline != NULL ? newline : end;
      gsize length = stop - start;

      number++;
      if (length > 0 && start[length - 1] == '\r')
        length--;
      if (length > 0)
        check_line (start, length, number);
      start = stop + 1;
    }
  return 0;
}
