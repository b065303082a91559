// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* The one event-stream reader: sends a request for a streamed reply through
 * the request path, feeds its body to the SSE parser and hands each event
 * (name and data) to a decoder function; the items it makes are delivered
 * in order, on the reader's thread-default context. Every streamed endpoint
 * is a thin public class on top of it (chat and FIM today; conversations
 * and audio later), with the pull and run calls of the API:
 *
 *   pull: completes with the next item (transfer full), or NULL at the end;
 *   run:  delivers every item as it is decoded, then completes with what
 *         the result function makes (the accumulated reply).
 *
 * The public class makes the GTask of each call (itself as the source
 * object, its own source tag) and hands it over. */

#include <gio/gio.h>

#include "mistral-client.h"

G_BEGIN_DECLS

/* The two shapes of stream the API sends. */
typedef enum {
  MISTRAL_EVENT_STREAM_DATA_ONLY,  /* unnamed events, ended by "data: [DONE]" (chat, FIM, agents) */
  MISTRAL_EVENT_STREAM_NAMED,      /* named events, ended by the end of the body (conversations, audio) */
} MistralEventStreamShape;

/* Decodes one event into a new item (a GObject), or fails: the stream ends
 * with that error. @event is "message" for an event without a name. @since_last and @since_sent are the times since the
 * previous event and since the request was sent. */
typedef gpointer (*MistralEventDecodeFunc)  (const char  *event,
                                             const char  *data,
                                             gsize        length,
                                             GTimeSpan    since_last,
                                             GTimeSpan    since_sent,
                                             gpointer     user_data,
                                             GError     **error);
/* Delivers one item, once, in order: into an accumulator, out through a signal. */
typedef void     (*MistralEventDeliverFunc) (gpointer     item,
                                             gpointer     user_data);
/* What a run completes with (transfer full). */
typedef gpointer (*MistralEventResultFunc)  (gpointer     user_data);

typedef struct {
  MistralEventStreamShape shape;
  MistralEventDecodeFunc  decode;
  MistralEventDeliverFunc deliver;
  MistralEventResultFunc  result;
  /* Whether the stream may be answered from the client's cache and kept
   * there once it ran to its end (MistralHttpRequest.cacheable). */
  gboolean                cacheable;
} MistralEventStreamFuncs;

typedef struct _MistralEventStream MistralEventStream;

MistralEventStream *mistral_event_stream_new  (MistralClient                 *client,
                                               const char                    *path,
                                               GBytes                        *body,
                                               GError                        *request_error,
                                               const MistralEventStreamFuncs *funcs,
                                               gpointer                       user_data);
void                mistral_event_stream_free (MistralEventStream            *self);

void                mistral_event_stream_pull (MistralEventStream            *self,
                                               GTask                         *task);
void                mistral_event_stream_run  (MistralEventStream            *self,
                                               GTask                         *task);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MistralEventStream, mistral_event_stream_free)

G_END_DECLS
