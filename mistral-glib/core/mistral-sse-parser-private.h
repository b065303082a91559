// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* An incremental server-sent-events parser (WHATWG HTML, "Parsing an event
 * stream"). It does no I/O: the caller feeds whatever bytes the network
 * gave, split anywhere, and gets the same events as if the stream had come
 * whole. It does not validate UTF-8; the JSON layer does.
 *
 * Memory is the current partial line and event only, bounded by
 * max_event_size. An event whose single data line lies inside one feed,
 * together with the blank line that ends it, is handed over without a
 * copy. */

#include <glib.h>

#include "mistral-error.h"

G_BEGIN_DECLS

typedef struct _MistralSseParser MistralSseParser;

/* Called once per dispatched event (a blank line after at least one data
 * field). @data is the data lines joined with "\n", without the final
 * newline; it is NOT NUL-terminated and is valid only during the call.
 * @event is the last `event:` value of the event, or NULL when none (or
 * an empty one) was given. The callback must not call back into the
 * parser. Return FALSE to stop: mistral_sse_parser_feed() returns at once
 * (see there). */
typedef gboolean (*MistralSseEventFunc) (const char *event,
                                         const char *data,
                                         gsize       length,
                                         gpointer    user_data);

/* @max_event_size bounds both one line (without its line ending) and the
 * data of one event (as dispatched); 0 means 8 MiB. */
MistralSseParser *mistral_sse_parser_new      (gsize                max_event_size);
void              mistral_sse_parser_free     (MistralSseParser    *parser);

/* Forgets everything pending, as at the start of a new stream (a BOM is
 * skipped again), and clears a previous error. Buffers are kept. */
void              mistral_sse_parser_reset    (MistralSseParser    *parser);

/* Parses @length bytes, calling @func for each complete event.
 *
 * Returns TRUE when the bytes were parsed, including when @func stopped
 * the parse. @consumed (may be NULL) is then set to the number of bytes
 * parsed: @length, or, if @func returned FALSE, the offset just after the
 * line ending of the blank line that dispatched that event. The parser is
 * then at an event boundary, and the remaining bytes
 * (@bytes + *@consumed, @length - *@consumed) may be fed later, giving the
 * same events as if there had been no stop. A caller that passes NULL
 * cannot tell where it stopped and should not feed the rest.
 *
 * Returns FALSE with %MISTRAL_ERROR_INVALID_RESPONSE if a line or the data
 * of an event exceeds max_event_size. Events before the offending line
 * have been dispatched; the pending line and event are dropped and every
 * later feed fails with the same code until mistral_sse_parser_reset(). */
gboolean          mistral_sse_parser_feed     (MistralSseParser    *parser,
                                               const char          *bytes,
                                               gsize                length,
                                               MistralSseEventFunc  func,
                                               gpointer             user_data,
                                               gsize               *consumed,
                                               GError             **error);

/* For the end of the stream: TRUE if it ended on an event boundary; FALSE
 * if a partial line (or partial BOM) or an unterminated event (a field
 * line since the last blank line) was pending: a truncated stream. It
 * never dispatches the pending event: the spec discards an incomplete
 * event at EOF. Comment lines do not open an event. */
gboolean          mistral_sse_parser_is_clean (MistralSseParser    *parser);

/* For tests: the bytes allocated for buffers, to check they stay bounded. */
gsize             mistral_sse_parser_get_buffer_capacity (MistralSseParser *parser);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MistralSseParser, mistral_sse_parser_free)

G_END_DECLS
