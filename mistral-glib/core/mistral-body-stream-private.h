// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* A response body, to be read from any thread and context: the I/O thread
 * reads libsoup's body stream ahead (a bounded buffer, see the .c file),
 * and each read takes what was read and completes on the caller's
 * thread-default context. Closing it (or dropping it) closes libsoup's
 * stream in the I/O thread. */

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define MISTRAL_TYPE_BODY_STREAM (mistral_body_stream_get_type ())
G_DECLARE_FINAL_TYPE (MistralBodyStream, mistral_body_stream, MISTRAL, BODY_STREAM, GInputStream)

/* In the I/O thread only. Takes @base; @message_done says whether @message
 * has already emitted "finished". A body that ends before @length bytes
 * (-1: unknown) fails at its end with %G_IO_ERROR_PARTIAL_INPUT, after
 * the bytes that came. A read that waits @idle_timeout seconds (0: no
 * limit) without a byte fails with MISTRAL_ERROR_TIMEOUT. */
GInputStream *mistral_body_stream_new (GInputStream *base,
                                       SoupMessage  *message,
                                       gboolean      message_done,
                                       goffset       length,
                                       guint         idle_timeout);

G_END_DECLS
