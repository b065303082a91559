// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <json-glib/json-glib.h>

#include "mistral-batch-job.h"
#include "mistral-http-private.h"

G_BEGIN_DECLS

/* A MistralJsonReadFunc: one BatchJob. */
gpointer  mistral_batch_job_new_from_json_object    (JsonObject       *object,
                                                     const char       *path,
                                                     guint             position,
                                                     GError          **error);
/* Reads @node (a BatchJob) into @self, notifying what changed; @self is
 * left as it was when @node is not a valid job, or is another job. */
gboolean  mistral_batch_job_update_from_json_node   (MistralBatchJob  *self,
                                                     JsonNode         *node,
                                                     GError          **error);
/* Updates @self from the reply @other was read from (by
 * mistral_batch_job_read_reply ()). */
gboolean  mistral_batch_job_update_from_job         (MistralBatchJob  *self,
                                                     MistralBatchJob  *other,
                                                     GError          **error);
/* A MistralHttpReadFunc: the reply of create, get and cancel. */
gpointer  mistral_batch_job_read_reply              (JsonNode         *node,
                                                     MistralHttpReply *reply,
                                                     GError          **error);

/* mistral-client-batch.c: the longest results line read (0: the default,
 * MISTRAL_BATCH_RESULT_MAX_LINE), for tests. */
void      mistral_batch_results_set_max_line        (gsize             max_line);

G_END_DECLS
