// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#if !defined(__MISTRAL_GLIB_INSIDE__) && !defined(MISTRAL_COMPILATION)
#error "Only <mistral-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "mistral-batch-job.h"
#include "mistral-batch-job-request.h"
#include "mistral-client.h"
#include "mistral-version-macros.h"

G_BEGIN_DECLS

/**
 * MISTRAL_BATCH_RESULT_MAX_LINE:
 *
 * The longest line of a results file that
 * [method@Mistral.Client.get_batch_results_async] reads, in bytes (64 MiB):
 * room for the reply to the largest request the API takes (an OCR of a
 * 50 MB document, its images included in base64). A longer line gives an
 * error result and is skipped.
 *
 * Since: 1.0
 */
#define MISTRAL_BATCH_RESULT_MAX_LINE (64 * 1024 * 1024)

MISTRAL_AVAILABLE_IN_1_0
void             mistral_client_create_batch_job_async  (MistralClient           *self,
                                                         MistralBatchJobRequest  *request,
                                                         GCancellable            *cancellable,
                                                         GAsyncReadyCallback      callback,
                                                         gpointer                 user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralBatchJob *mistral_client_create_batch_job_finish (MistralClient           *self,
                                                         GAsyncResult            *result,
                                                         GError                 **error);
MISTRAL_AVAILABLE_IN_1_0
MistralBatchJob *mistral_client_create_batch_job        (MistralClient           *self,
                                                         MistralBatchJobRequest  *request,
                                                         GCancellable            *cancellable,
                                                         GError                 **error);

MISTRAL_AVAILABLE_IN_1_0
void             mistral_client_get_batch_job_async     (MistralClient           *self,
                                                         const char              *job_id,
                                                         GCancellable            *cancellable,
                                                         GAsyncReadyCallback      callback,
                                                         gpointer                 user_data);
MISTRAL_AVAILABLE_IN_1_0
MistralBatchJob *mistral_client_get_batch_job_finish    (MistralClient           *self,
                                                         GAsyncResult            *result,
                                                         GError                 **error);
MISTRAL_AVAILABLE_IN_1_0
MistralBatchJob *mistral_client_get_batch_job           (MistralClient           *self,
                                                         const char              *job_id,
                                                         GCancellable            *cancellable,
                                                         GError                 **error);

MISTRAL_AVAILABLE_IN_1_0
void             mistral_client_list_batch_jobs_async   (MistralClient           *self,
                                                         guint                    page,
                                                         guint                    page_size,
                                                         const char              *model,
                                                         const char              *agent_id,
                                                         GHashTable              *metadata,
                                                         const MistralBatchStatus *statuses,
                                                         gsize                    n_statuses,
                                                         GDateTime               *created_after,
                                                         gboolean                 created_by_me,
                                                         gboolean                 oldest_first,
                                                         GCancellable            *cancellable,
                                                         GAsyncReadyCallback      callback,
                                                         gpointer                 user_data);
MISTRAL_AVAILABLE_IN_1_0
GListModel      *mistral_client_list_batch_jobs_finish  (MistralClient           *self,
                                                         GAsyncResult            *result,
                                                         guint                   *total,
                                                         GError                 **error);
MISTRAL_AVAILABLE_IN_1_0
GListModel      *mistral_client_list_batch_jobs         (MistralClient           *self,
                                                         guint                    page,
                                                         guint                    page_size,
                                                         const char              *model,
                                                         const char              *agent_id,
                                                         GHashTable              *metadata,
                                                         const MistralBatchStatus *statuses,
                                                         gsize                    n_statuses,
                                                         GDateTime               *created_after,
                                                         gboolean                 created_by_me,
                                                         gboolean                 oldest_first,
                                                         guint                   *total,
                                                         GCancellable            *cancellable,
                                                         GError                 **error);

MISTRAL_AVAILABLE_IN_1_0
void             mistral_client_cancel_batch_job_async  (MistralClient           *self,
                                                         MistralBatchJob         *job,
                                                         GCancellable            *cancellable,
                                                         GAsyncReadyCallback      callback,
                                                         gpointer                 user_data);
MISTRAL_AVAILABLE_IN_1_0
gboolean         mistral_client_cancel_batch_job_finish (MistralClient           *self,
                                                         GAsyncResult            *result,
                                                         GError                 **error);
MISTRAL_AVAILABLE_IN_1_0
gboolean         mistral_client_cancel_batch_job        (MistralClient           *self,
                                                         MistralBatchJob         *job,
                                                         GCancellable            *cancellable,
                                                         GError                 **error);

MISTRAL_AVAILABLE_IN_1_0
void             mistral_client_wait_batch_job_async    (MistralClient           *self,
                                                         MistralBatchJob         *job,
                                                         guint                    timeout_seconds,
                                                         GCancellable            *cancellable,
                                                         GAsyncReadyCallback      callback,
                                                         gpointer                 user_data);
MISTRAL_AVAILABLE_IN_1_0
gboolean         mistral_client_wait_batch_job_finish   (MistralClient           *self,
                                                         GAsyncResult            *result,
                                                         GError                 **error);
MISTRAL_AVAILABLE_IN_1_0
gboolean         mistral_client_wait_batch_job          (MistralClient           *self,
                                                         MistralBatchJob         *job,
                                                         guint                    timeout_seconds,
                                                         GCancellable            *cancellable,
                                                         GError                 **error);

MISTRAL_AVAILABLE_IN_1_0
void             mistral_client_get_batch_results_async (MistralClient           *self,
                                                         MistralBatchJob         *job,
                                                         GCancellable            *cancellable,
                                                         GAsyncReadyCallback      callback,
                                                         gpointer                 user_data);
MISTRAL_AVAILABLE_IN_1_0
GListModel      *mistral_client_get_batch_results_finish (MistralClient          *self,
                                                          GAsyncResult           *result,
                                                          GError                **error);
MISTRAL_AVAILABLE_IN_1_0
GListModel      *mistral_client_get_batch_results       (MistralClient           *self,
                                                         MistralBatchJob         *job,
                                                         GCancellable            *cancellable,
                                                         GError                 **error);

G_END_DECLS
