// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-batch-request.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

/**
 * MISTRAL_BATCH_INLINE_LIMIT:
 *
 * With %MISTRAL_BATCH_INPUT_AUTO, the most requests a job sends inline, in
 * the body of its create request; more go into an uploaded JSONL file.
 *
 * Since: 1.0
 */
#define MISTRAL_BATCH_INLINE_LIMIT 1000

/**
 * MistralBatchInput:
 * @MISTRAL_BATCH_INPUT_AUTO: inline up to %MISTRAL_BATCH_INLINE_LIMIT
 *   requests, an uploaded file beyond
 * @MISTRAL_BATCH_INPUT_INLINE: always inline (the API takes at most 10,000)
 * @MISTRAL_BATCH_INPUT_FILE: always as an uploaded JSONL file
 *
 * How the requests of a [class@Mistral.BatchJobRequest] reach the API.
 *
 * Since: 1.0
 */
typedef enum {
  MISTRAL_BATCH_INPUT_AUTO,
  MISTRAL_BATCH_INPUT_INLINE,
  MISTRAL_BATCH_INPUT_FILE,
} MistralBatchInput;

#define MISTRAL_TYPE_BATCH_JOB_REQUEST (mistral_batch_job_request_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralBatchJobRequest, mistral_batch_job_request, MISTRAL, BATCH_JOB_REQUEST, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralBatchJobRequest *mistral_batch_job_request_new                (void);
MISTRAL_AVAILABLE_IN_1_0
void                mistral_batch_job_request_add                    (MistralBatchJobRequest *self,
                                                                      MistralBatchRequest    *request);
MISTRAL_AVAILABLE_IN_1_0
GListModel         *mistral_batch_job_request_get_requests           (MistralBatchJobRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                mistral_batch_job_request_set_input_files        (MistralBatchJobRequest *self,
                                                                      const char * const     *file_ids);
MISTRAL_AVAILABLE_IN_1_0
const char * const *mistral_batch_job_request_get_input_files        (MistralBatchJobRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                mistral_batch_job_request_set_endpoint           (MistralBatchJobRequest *self,
                                                                      const char             *endpoint);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_batch_job_request_get_endpoint           (MistralBatchJobRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                mistral_batch_job_request_set_model              (MistralBatchJobRequest *self,
                                                                      const char             *model);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_batch_job_request_get_model              (MistralBatchJobRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                mistral_batch_job_request_set_agent_id           (MistralBatchJobRequest *self,
                                                                      const char             *agent_id);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_batch_job_request_get_agent_id           (MistralBatchJobRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                mistral_batch_job_request_set_timeout_hours      (MistralBatchJobRequest *self,
                                                                      guint                   hours);
MISTRAL_AVAILABLE_IN_1_0
guint               mistral_batch_job_request_get_timeout_hours      (MistralBatchJobRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                mistral_batch_job_request_set_input              (MistralBatchJobRequest *self,
                                                                      MistralBatchInput       input);
MISTRAL_AVAILABLE_IN_1_0
MistralBatchInput   mistral_batch_job_request_get_input              (MistralBatchJobRequest *self);
MISTRAL_AVAILABLE_IN_1_0
void                mistral_batch_job_request_set_metadata_value     (MistralBatchJobRequest *self,
                                                                      const char             *key,
                                                                      const char             *value);
MISTRAL_AVAILABLE_IN_1_0
const char         *mistral_batch_job_request_get_metadata_value     (MistralBatchJobRequest *self,
                                                                      const char             *key);

G_END_DECLS
