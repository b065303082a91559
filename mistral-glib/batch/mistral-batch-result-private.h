// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

#include "mistral-batch-result.h"

G_BEGIN_DECLS

/* One line of a job's output or error file (@line_number counts from 1),
 * as a result: never NULL; a line that cannot be read gives a result that
 * carries the error and the line. */
MistralBatchResult *mistral_batch_result_read_line (const char *endpoint,
                                                    const char *line,
                                                    gsize       length,
                                                    guint       line_number);

/* The result of line @line_number, of @length bytes, longer than @limit:
 * an error that keeps the line's first bytes (@start) in `raw`. */
MistralBatchResult *mistral_batch_result_new_too_long (const char *start,
                                                       gsize       start_length,
                                                       guint64     length,
                                                       guint       line_number,
                                                       gsize       limit);

G_END_DECLS
