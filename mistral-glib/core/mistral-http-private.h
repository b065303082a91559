// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* The one request path of the library: every endpoint sends through it, and
 * it alone talks to libsoup. It owns the headers, the whole-request timeout,
 * retries, cancellation and the mapping of HTTP statuses to MistralError. */

#include <libsoup/soup.h>

#include "mistral-client.h"

G_BEGIN_DECLS

typedef struct {
  GBytes       *body;       /* the whole body, for a plain request */
  GInputStream *stream;     /* the body still to read, for a streamed one: from
                             * any thread, on the reader's thread-default context */
  gint64        sent_time;  /* g_get_monotonic_time () when the last attempt was sent */
  gint64        done_time;  /* when the headers (stream) or the whole body arrived */
} MistralHttpReply;

void              mistral_http_reply_free (MistralHttpReply *reply);
void              mistral_http_drop_stream (GInputStream    **stream);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MistralHttpReply, mistral_http_reply_free)

void              mistral_http_send_async  (MistralClient        *client,
                                            const char           *method,
                                            const char           *path,
                                            GBytes               *body,
                                            gboolean              streaming,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
MistralHttpReply *mistral_http_send_finish (MistralClient        *client,
                                            GAsyncResult         *result,
                                            GError              **error);

GError           *mistral_http_error_for_status (guint        status,
                                                 const char  *reason,
                                                 GBytes      *body);

/* Replaces the client's API key in @error's message, should a server have
 * echoed it; the request path does it for its own errors. */
void              mistral_http_scrub_error      (MistralClient *client,
                                                 GError        *error);

G_END_DECLS
