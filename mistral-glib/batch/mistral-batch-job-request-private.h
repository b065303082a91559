// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mistral-batch-job-request.h"

G_BEGIN_DECLS

/* Checks the request as the API would (the endpoint, timeout, metadata,
 * requests or input files), and gives the endpoint its requests share. */
gboolean  mistral_batch_job_request_check        (MistralBatchJobRequest  *self,
                                                  const char             **endpoint,
                                                  GError                 **error);
/* Whether the requests go in an uploaded file. */
gboolean  mistral_batch_job_request_use_file     (MistralBatchJobRequest  *self);
/* Whether writing the requests reads local files (OCR of a local file):
 * then the body or the JSONL is written in a worker thread. */
gboolean  mistral_batch_job_request_reads_files  (MistralBatchJobRequest  *self);
/* The create body: with @input_file_id, the requests are in that file;
 * without, inline, or the job's own input files. */
GBytes   *mistral_batch_job_request_to_bytes     (MistralBatchJobRequest  *self,
                                                  const char              *input_file_id,
                                                  GCancellable            *cancellable,
                                                  GError                 **error);
/* Writes the requests as JSONL (one {"custom_id", "body"} a line) to
 * @stream, one request at a time. */
gboolean  mistral_batch_job_request_write_jsonl  (MistralBatchJobRequest  *self,
                                                  GOutputStream           *stream,
                                                  GCancellable            *cancellable,
                                                  GError                 **error);

G_END_DECLS
