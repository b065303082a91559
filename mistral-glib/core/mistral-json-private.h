// SPDX-License-Identifier: LGPL-2.1-or-later
// SPDX-FileCopyrightText: 2026 The mistral-glib authors
#pragma once

/* The JSON layer: model objects to request bodies, and API JSON to response
 * objects. Nothing else in the library reads or writes API JSON. */

#include <json-glib/json-glib.h>

#include "mistral-assistant-message.h"
#include "mistral-chat-completion-request.h"
#include "mistral-chat-completion-response.h"
#include "mistral-completion-chunk.h"
#include "mistral-error.h"
#include "mistral-types.h"
#include "mistral-usage-info.h"

G_BEGIN_DECLS

JsonNode                      *mistral_json_write_chat_request   (MistralChatCompletionRequest  *request,
                                                                  gboolean                       stream,
                                                                  GError                       **error);
GBytes                        *mistral_json_write_chat_request_bytes (MistralChatCompletionRequest  *request,
                                                                      gboolean                       stream,
                                                                      GError                       **error);
char                          *mistral_json_write_chat_request_text (MistralChatCompletionRequest  *request,
                                                                     gboolean                       stream,
                                                                     GError                       **error);

JsonNode                      *mistral_json_parse                (const char                    *data,
                                                                  gssize                         length,
                                                                  GError                       **error);
JsonNode                      *mistral_json_parse_object         (const char                    *text,
                                                                  const char                    *what,
                                                                  MistralError                   code,
                                                                  GError                       **error);
MistralChatCompletionResponse *mistral_json_read_chat_response   (JsonNode                      *node,
                                                                  GError                       **error);
MistralAssistantMessage       *mistral_json_read_assistant_message (JsonObject                  *object,
                                                                    const char                  *path,
                                                                    GError                     **error);
MistralUsageInfo              *mistral_json_read_usage           (JsonNode                      *node,
                                                                  const char                    *path,
                                                                  GError                       **error);

MistralCompletionChunk        *mistral_json_read_completion_chunk (JsonNode                   *node,
                                                                    GTimeSpan                   chunk_latency,
                                                                    GTimeSpan                   total_latency,
                                                                    GError                    **error);

MistralCompletionChunk        *mistral_json_read_completion_chunk_text (const char          *text,
                                                                         gsize                length,
                                                                         GTimeSpan            chunk_latency,
                                                                         GTimeSpan            total_latency,
                                                                         GError             **error);

/* The decoder of a stream's chunks (mistral-chunk-decoder.cc), kept for the
 * stream so that it reuses its parser and shares the envelope strings;
 * mistral_chunk_decoder_decode() with a NULL decoder decodes one chunk. */
typedef struct _MistralChunkDecoder MistralChunkDecoder;

MistralChunkDecoder           *mistral_chunk_decoder_new         (void);
void                           mistral_chunk_decoder_free        (MistralChunkDecoder           *self);
MistralCompletionChunk        *mistral_chunk_decoder_decode      (MistralChunkDecoder           *self,
                                                                  MistralCompletionChunk        *spare,
                                                                  const char                    *data,
                                                                  gsize                          length,
                                                                  GTimeSpan                      chunk_latency,
                                                                  GTimeSpan                      total_latency,
                                                                  GError                       **error);

/* For tests: how many documents took the fast path. */
guint64                        mistral_chunk_decoder_get_n_fast  (MistralChunkDecoder           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MistralChunkDecoder, mistral_chunk_decoder_free)

MistralFinishReason            mistral_json_finish_reason_from_string (const char *name);
void                           mistral_json_finish_reason_normalize   (MistralFinishReason  *reason,
                                                                       char                **name);

char                          *mistral_json_error_message        (GBytes                        *body);

G_END_DECLS
