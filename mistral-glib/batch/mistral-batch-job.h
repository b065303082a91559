// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "mistral-version-macros.h"

G_BEGIN_DECLS

/**
 * MistralBatchStatus:
 * @MISTRAL_BATCH_STATUS_QUEUED: waiting to start
 * @MISTRAL_BATCH_STATUS_RUNNING: its requests are being run
 * @MISTRAL_BATCH_STATUS_SUCCESS: finished; the output and error files are ready
 * @MISTRAL_BATCH_STATUS_FAILED: the job as a whole failed (see
 *   [property@Mistral.BatchJob:errors])
 * @MISTRAL_BATCH_STATUS_TIMEOUT_EXCEEDED: stopped at its timeout; the
 *   requests done so far are in its files
 * @MISTRAL_BATCH_STATUS_CANCELLATION_REQUESTED: cancelled, not yet stopped
 * @MISTRAL_BATCH_STATUS_CANCELLED: cancelled and stopped
 * @MISTRAL_BATCH_STATUS_UNKNOWN: a status this version of the library does
 *   not know, which is treated as not final
 *
 * The state of a [class@Mistral.BatchJob]. SUCCESS, FAILED,
 * TIMEOUT_EXCEEDED and CANCELLED are final.
 *
 * Since: 1.0
 */
typedef enum {
  MISTRAL_BATCH_STATUS_QUEUED,
  MISTRAL_BATCH_STATUS_RUNNING,
  MISTRAL_BATCH_STATUS_SUCCESS,
  MISTRAL_BATCH_STATUS_FAILED,
  MISTRAL_BATCH_STATUS_TIMEOUT_EXCEEDED,
  MISTRAL_BATCH_STATUS_CANCELLATION_REQUESTED,
  MISTRAL_BATCH_STATUS_CANCELLED,
  MISTRAL_BATCH_STATUS_UNKNOWN,
} MistralBatchStatus;

#define MISTRAL_TYPE_BATCH_JOB (mistral_batch_job_get_type ())

MISTRAL_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (MistralBatchJob, mistral_batch_job, MISTRAL, BATCH_JOB, GObject)

MISTRAL_AVAILABLE_IN_1_0
MistralBatchJob     *mistral_batch_job_new_from_json        (const char       *json,
                                                             GError          **error);
MISTRAL_AVAILABLE_IN_1_0
const char          *mistral_batch_job_get_id               (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
MistralBatchStatus   mistral_batch_job_get_status           (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
const char          *mistral_batch_job_get_status_string    (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
gboolean             mistral_batch_job_is_finished          (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
const char          *mistral_batch_job_get_endpoint         (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
const char          *mistral_batch_job_get_model            (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
const char          *mistral_batch_job_get_agent_id         (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
const char * const  *mistral_batch_job_get_input_files      (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
guint                mistral_batch_job_get_total_requests   (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
guint                mistral_batch_job_get_completed_requests (MistralBatchJob *self);
MISTRAL_AVAILABLE_IN_1_0
guint                mistral_batch_job_get_succeeded_requests (MistralBatchJob *self);
MISTRAL_AVAILABLE_IN_1_0
guint                mistral_batch_job_get_failed_requests  (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
const char          *mistral_batch_job_get_output_file      (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
const char          *mistral_batch_job_get_error_file       (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
GDateTime           *mistral_batch_job_get_created_at       (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
GDateTime           *mistral_batch_job_get_started_at       (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
GDateTime           *mistral_batch_job_get_completed_at     (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
JsonObject          *mistral_batch_job_get_metadata         (MistralBatchJob  *self);
MISTRAL_AVAILABLE_IN_1_0
GListModel          *mistral_batch_job_get_errors           (MistralBatchJob  *self);

MISTRAL_AVAILABLE_IN_1_0
GListModel         *mistral_batch_job_get_outputs            (MistralBatchJob *self);

G_END_DECLS
