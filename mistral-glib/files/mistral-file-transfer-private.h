// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include "mistral-file-transfer.h"

G_BEGIN_DECLS

/* On the caller's thread, when a transfer starts: its notifications go to
 * this thread's thread-default context from now on. */
void mistral_file_transfer_start  (MistralFileTransfer *self,
                                   gint64               total);
/* From any thread (the I/O thread, as an upload's body goes out): the
 * newest figures, notified on the transfer's context. Reports that come
 * faster than that context runs are merged, never reordered. */
void mistral_file_transfer_report (MistralFileTransfer *self,
                                   gint64               transferred,
                                   gint64               total);
/* On the transfer's context: the figures, notified at once. */
void mistral_file_transfer_set    (MistralFileTransfer *self,
                                   gint64               transferred,
                                   gint64               total);

G_END_DECLS
